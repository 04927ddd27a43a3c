import { RuleTester } from '@typescript-eslint/rule-tester';
import massAssignment from '../../src/rules/no-mass-assignment.js';
import rule, { type Options } from '../../src/rules/require-role-check.js';

/*
 * A role check reads a role, permission or privilege of the caller: a role member of the principal,
 * a list of permissions asked, a role helper, or a function of the project whose body reads one.
 * Answering 403 is not enough by itself: a 403 on a missing record, a read-only switch or a flag of
 * the account that is no privilege asks about something else, and the write behind it is anyone's.
 */

const ruleTester = new RuleTester();
const strict: Options = [{ privilegedRoutes: 'report', inconsistentRoutes: 'report' }];

const head = `import express from 'express';
import { db } from './db.js';
const app = express();
function signedIn(req, res, next) {
  if (!req.session.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, grants: req.session.grants };
  next();
}
`;
const L = 9; // first line after the head

ruleTester.run('require-role-check: a 403 answer needs a role in its test', rule, {
  valid: [
    {
      name: 'a list of permissions asked',
      options: strict,
      code: `${head}app.patch('/members/:id/role', signedIn, async (req, res) => {
  if (!req.user.permissions?.includes('members:manage')) return res.status(403).end();
  res.json(await db.member.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});`,
    },
    {
      name: 'a helper of this file whose body reads the role',
      options: strict,
      code: `${head}function mayManage(user) { return user.role === 'owner' || user.role === 'manager'; }
app.patch('/members/:id/role', signedIn, async (req, res) => {
  if (!mayManage(req.user)) return res.status(403).end();
  res.json(await db.member.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});`,
    },
    {
      name: 'a middleware asking a helper that reads the role',
      options: strict,
      code: `${head}const ranks = { owner: 3, manager: 2 };
function rankOf(user) { return ranks[user.role] ?? 0; }
function managers(req, res, next) {
  if (rankOf(req.user) < 2) return res.sendStatus(403);
  next();
}
app.patch('/members/:id/role', signedIn, managers, async (req, res) => {
  res.json(await db.member.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});`,
    },
    {
      name: 'the OAuth scopes of the caller, split into a constant first',
      options: strict,
      code: `${head}function memberManagers(req, res, next) {
  const granted = String(req.user.scope ?? '').split(' ');
  if (!granted.includes('members:manage')) return res.status(403).json({ error: 'insufficient_scope' });
  next();
}
app.patch('/members/:id/role', signedIn, memberManagers, async (req, res) => {
  res.json(await db.member.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});`,
    },
  ],
  invalid: [
    {
      name: 'the scopes of the caller with a default that grants the scope to a token without any',
      options: strict,
      code: `${head}function memberManagers(req, res, next) {
  const granted = String(req.user.scope ?? 'members:manage').split(' ');
  if (!granted.includes('members:manage')) return res.status(403).json({ error: 'insufficient_scope' });
  next();
}
app.patch('/members/:id/role', signedIn, memberManagers, async (req, res) => {
  res.json(await db.member.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L + 5 }],
    },
    {
      name: 'scopes the client sends, split into a constant first',
      options: strict,
      code: `${head}function memberManagers(req, res, next) {
  const granted = String(req.body.scope ?? '').split(' ');
  if (!granted.includes('members:manage')) return res.status(403).json({ error: 'insufficient_scope' });
  next();
}
app.patch('/members/:id/role', signedIn, memberManagers, async (req, res) => {
  res.json(await db.member.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L + 5 }],
    },
    {
      name: 'a 403 on a missing record',
      options: strict,
      code: `${head}app.patch('/members/:id/role', signedIn, async (req, res) => {
  const member = await db.member.findUnique({ where: { id: req.params.id } });
  if (!member) return res.status(403).end();
  res.json(await db.member.update({ where: { id: member.id }, data: { role: req.body.role } }));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L }],
    },
    {
      name: 'a 403 on a read-only switch of the app',
      options: strict,
      code: `${head}function writable(req, res, next) {
  if (req.app.locals.readOnly) return res.status(403).json({ error: 'read-only' });
  next();
}
app.patch('/members/:id/role', signedIn, writable, async (req, res) => {
  res.json(await db.member.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L + 4 }],
    },
    {
      name: 'a helper of this file that reads a flag of the account that is no privilege',
      options: strict,
      code: `${head}function verified(user) { return user.emailVerified === true; }
app.patch('/members/:id/role', signedIn, async (req, res) => {
  if (!verified(req.user)) return res.status(403).end();
  res.json(await db.member.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L + 1 }],
    },
  ],
});

ruleTester.run('no-mass-assignment: a 403 that reads no role is no role check', massAssignment, {
  valid: [
    {
      name: 'a permission asked before the whole-body write',
      code: `${head}app.post('/templates', signedIn, async (req, res) => {
  if (!req.user.permissions.includes('templates')) return res.status(403).end();
  res.json(await db.template.create({ data: req.body }));
});`,
    },
  ],
  invalid: [
    {
      name: 'a 403 when the record already exists',
      code: `${head}app.post('/templates', signedIn, async (req, res) => {
  if (await db.template.findFirst({ where: { name: req.body.name } })) return res.status(403).end();
  res.json(await db.template.create({ data: req.body }));
});`,
      errors: [{
        messageId: 'massAssignment', line: L + 2,
        suggestions: [{ messageId: 'pickFields', data: { fields: '`name`' }, output: `${head}app.post('/templates', signedIn, async (req, res) => {
  if (await db.template.findFirst({ where: { name: req.body.name } })) return res.status(403).end();
  res.json(await db.template.create({ data: { name: req.body.name } }));
});` }],
      }],
    },
  ],
});

const hono = `import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { verify } from 'hono/jwt';
import { db } from './db.js';
const app = new Hono();
const signedIn = createMiddleware(async (c, next) => {
  const token = c.req.header('authorization')?.replace(/^Bearer /, '');
  if (!token) return c.json({ error: 'unauthorized' }, 401);
  const claims = await verify(token, process.env.JWT_SECRET);
  c.set('role', claims.role);
  c.set('team', claims.team);
  await next();
});
app.use('*', signedIn);
`;
const H = 15; // first line after the Hono head

ruleTester.run('require-role-check: Hono context variables set by the middleware that verified the caller', rule, {
  valid: [
    {
      name: "c.get('role') compared in a middleware",
      code: `${hono}const admins = createMiddleware(async (c, next) => {
  if (c.get('role') !== 'admin') return c.json({ error: 'forbidden' }, 403);
  await next();
});
app.use('/admin/*', admins);
app.post('/admin/users/:id/disable', async (c) => c.json(await db.user.update({ where: { id: c.req.param('id') }, data: { disabled: true } })));`,
    },
  ],
  invalid: [
    {
      name: "c.get of another variable (the caller's team) is no role",
      code: `${hono}const teamOnly = createMiddleware(async (c, next) => {
  if (c.get('team') !== 'core') return c.json({ error: 'forbidden' }, 403);
  await next();
});
app.use('/admin/*', teamOnly);
app.post('/admin/users/:id/disable', async (c) => c.json(await db.user.update({ where: { id: c.req.param('id') }, data: { disabled: true } })));`,
      errors: [{ messageId: 'missingRoleCheck', line: H + 5 }],
    },
  ],
});
