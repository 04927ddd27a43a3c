import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-mass-assignment.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A whole-body write on a route that only a caller holding a role reaches: an administrator, or a
 * builder of the app, authors those records (library items, views, product templates) field by
 * field by design. When the role check is in view as code (a middleware or guard that compares a
 * role of the principal or answers 403, or a check of the handler before the write), `recommended`
 * does not report the write; `strict` (`roleCheckedRoutes: 'report'`) does, with its own message.
 * Still reported: authentication only, a role check known by name only, writes of users, roles and
 * other authorization records, the caller's own record, and a check that comes after the write.
 */

const ruleTester = new RuleTester();

const requireAdmin = `function requireAdmin(req, res, next) {
  if (req.user?.role !== 'admin') return res.status(403).json({ error: 'forbidden' });
  next();
}`;

const express = `import express from 'express';
import { Library, Profile, User } from './models.js';
const app = express();
const router = express.Router();`;

const shapes = {
  expressRoute: `${express}
${requireAdmin}
app.post('/library', requireAdmin, async (req, res) => {
  res.json(await Library.create(req.body));
});`,
  expressRouter: `${express}
${requireAdmin}
router.use(requireAdmin);
router.post('/library', async (req, res) => {
  res.json(await Library.create(req.body));
});
app.use('/admin', router);`,
  expressFactory: `${express}
const requireRole = (role) => (req, res, next) => {
  if (!req.user || req.user.roles.indexOf(role) === -1) return res.sendStatus(403);
  next();
};
app.post('/library', requireRole('editor'), async (req, res) => {
  res.json(await Library.create(req.body));
});`,
  roleIdRedirect: `${express}
function isAdmin(req, res, next) {
  if (req.user && req.user.role_id === 1) next();
  else res.redirect('/');
}
app.post('/library/save', isAdmin, async (req, res) => {
  await Library.create(req.body);
  res.json({ ok: true });
});`,
  koa: `import Router from '@koa/router';
import { Product } from './models.js';
const router = new Router();
async function requireAdmin(ctx, next) {
  if (ctx.state.user?.role !== 'admin') ctx.throw(403, 'admins only');
  await next();
}
router.post('/products', requireAdmin, async (ctx) => {
  ctx.body = await Product.create(ctx.request.body);
});`,
  inHandler: `${express}
app.post('/library', async (req, res) => {
  if (!req.user?.isAdmin) return res.status(403).end();
  res.json(await Library.create(req.body));
});`,
  nest: `import { Body, Controller, Injectable, Post, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
const Roles = (...roles) => SetMetadata('roles', roles);
@Injectable()
class RolesGuard {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context) {
    const roles = this.reflector.get('roles', context.getHandler());
    if (!roles) return true;
    const user = context.switchToHttp().getRequest().user;
    return roles.some((role) => user.roles.includes(role));
  }
}
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templatesRepository: Repository<Template>) {}
  @Post()
  @Roles('admin')
  @UseGuards(RolesGuard)
  create(@Body() body: Partial<Template>) {
    return this.templatesRepository.save(body);
  }
}`,
};

const strict: [{ roleCheckedRoutes: 'report' }] = [{ roleCheckedRoutes: 'report' }];

ruleTester.run('no-mass-assignment (role-checked routes)', rule, {
  valid: [
    { name: 'Express: role middleware on the route', code: shapes.expressRoute },
    { name: 'Express: role middleware on the router', code: shapes.expressRouter },
    { name: 'Express: role middleware from a factory', code: shapes.expressFactory },
    { name: 'Express: `role_id` compared, redirect otherwise', code: shapes.roleIdRedirect },
    { name: 'Koa: role middleware that throws 403', code: shapes.koa },
    { name: 'a check of the handler before the write', code: shapes.inHandler },
    { name: 'NestJS: @Roles with a guard that reads it', code: shapes.nest },
    {
      name: 'a role check the team lists in settings',
      code: `${express}
import { mustBeStaff } from '@acme/auth';
app.post('/library', mustBeStaff, async (req, res) => {
  res.json(await Library.create(req.body));
});`,
      settings: { 'api-security': { roleChecks: ['mustBeStaff'] } },
    },
  ],
  invalid: [
    {
      name: 'strict: reported with its own message',
      code: shapes.expressRoute,
      options: strict,
      errors: [{ messageId: 'roleCheckedWrite', line: 10, data: { input: '`req.body`', sink: '`Library.create`', roleCheck: '`requireAdmin`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'strict: Koa',
      code: shapes.koa,
      options: strict,
      errors: [{ messageId: 'roleCheckedWrite', line: 9, data: { input: '`ctx.request.body`', sink: '`Product.create`', roleCheck: '`requireAdmin`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'strict: the check of the handler',
      code: shapes.inHandler,
      options: strict,
      errors: [{ messageId: 'roleCheckedWrite', line: 7, data: { input: '`req.body`', sink: '`Library.create`', roleCheck: 'the role check of the handler (line 6)', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'strict: NestJS',
      code: shapes.nest,
      options: strict,
      errors: [{ messageId: 'roleCheckedWrite', line: 21, data: { input: '`@Body() body`', sink: '`this.templatesRepository.save`', roleCheck: '`RolesGuard`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'authentication only',
      code: `${express}
function requireAuth(req, res, next) {
  if (!req.user) return res.status(401).end();
  next();
}
app.post('/library', requireAuth, async (req, res) => {
  res.json(await Library.create(req.body));
});`,
      errors: [{ messageId: 'massAssignment', line: 10 }],
    },
    {
      name: 'a role-check name whose definition is out of view',
      code: `${express}
import { isAdmin } from '@acme/auth';
app.post('/library', isAdmin, async (req, res) => {
  res.json(await Library.create(req.body));
});`,
      errors: [{ messageId: 'massAssignment', line: 7 }],
    },
    {
      name: 'a role-check name whose body checks nothing',
      code: `${express}
function isAdmin(req, res, next) {
  req.log = console;
  next();
}
app.post('/library', isAdmin, async (req, res) => {
  res.json(await Library.create(req.body));
});`,
      errors: [{ messageId: 'massAssignment', line: 10 }],
    },
    {
      name: 'a user record on an administrator route',
      code: `${express}
${requireAdmin}
app.post('/users', requireAdmin, async (req, res) => {
  res.json(await User.create(req.body));
});`,
      errors: [{ messageId: 'massAssignment', line: 10, data: { input: '`req.body`', sink: '`User.create`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'the caller\'s own record',
      code: `${express}
${requireAdmin}
app.put('/me/profile', requireAdmin, async (req, res) => {
  res.json(await Profile.findOneAndUpdate({ owner: req.user.id }, req.body));
});`,
      errors: [{ messageId: 'massAssignment', line: 10 }],
    },
    {
      name: 'an ordinary user updating their own record, no role check',
      code: `${express}
app.put('/me', async (req, res) => {
  res.json(await User.findByIdAndUpdate(req.user.id, req.body));
});`,
      errors: [{ messageId: 'massAssignment', line: 6 }],
    },
    {
      name: 'a check of the handler after the write',
      code: `${express}
app.post('/library', async (req, res) => {
  const item = await Library.create(req.body);
  if (!req.user?.isAdmin) return res.status(403).end();
  res.json(item);
});`,
      errors: [{ messageId: 'massAssignment', line: 6 }],
    },
    {
      name: 'the write on the rejecting side of the check',
      code: `${express}
app.post('/library', async (req, res) => {
  if (req.user?.role !== 'admin') {
    await Library.create(req.body);
    return res.status(403).end();
  }
  res.end();
});`,
      errors: [{ messageId: 'massAssignment', line: 7 }],
    },
    {
      // A role id tested in a handler often gates something else (maintenance mode answers 503).
      name: 'a role id tested in the handler, not in a middleware',
      code: `${express}
app.post('/library', async (req, res) => {
  if (!req.user || req.user.role_id > 1) return res.status(503).json({ error: 'maintenance' });
  res.json(await Library.create(req.body));
});`,
      errors: [{ messageId: 'massAssignment', line: 7 }],
    },
    {
      name: 'NestJS: a metadata guard on a route without role metadata',
      code: shapes.nest.replace("  @Roles('admin')\n", ''),
      errors: [{ messageId: 'massAssignment', line: 20 }],
    },
  ],
});

describe('a role middleware imported from another file', () => {
  const routes = `import express from 'express';
import mongoose from 'mongoose';
import { requireAdmin } from './middleware/auth.js';
const Library = mongoose.model('Library', new mongoose.Schema({ name: String, body: String }));
export const router = express.Router();
router.post('/library', requireAdmin, async (req, res) => {
  res.json(await Library.create(req.body));
});
`;
  const rules = { 'api-security/no-mass-assignment': 'error' } as const;

  it('is not reported when the imported middleware checks a role', async () => {
    const dir = writeProject({
      'routes.js': routes,
      'middleware/auth.js': `export function requireAdmin(req, res, next) {
  if (!req.user || req.user.role !== 'admin') return res.status(403).json({ error: 'forbidden' });
  next();
}
`,
    });
    expect(await lintProjectFile(dir, 'routes.js', rules)).toEqual([]);
    const strictMessages = await lintProjectFile(dir, 'routes.js', { 'api-security/no-mass-assignment': ['error', { roleCheckedRoutes: 'report' }] });
    expect(strictMessages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['7 roleCheckedWrite']);
  });

  it('is reported when the imported middleware only authenticates', async () => {
    const dir = writeProject({
      'routes.js': routes,
      'middleware/auth.js': `export function requireAdmin(req, res, next) {
  if (!req.user) return res.status(401).json({ error: 'sign in' });
  next();
}
`,
    });
    const messages = await lintProjectFile(dir, 'routes.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['7 massAssignment']);
  });
});

describe('a router mounted in another file behind a role middleware', () => {
  const admin = `import express from 'express';
import mongoose from 'mongoose';
const Library = mongoose.model('Library', new mongoose.Schema({ name: String, body: String }));
const router = express.Router();
router.post('/library', async (req, res) => {
  res.json(await Library.create(req.body));
});
export default router;
`;
  const middleware = `export function requireAdmin(req, res, next) {
  if (req.user?.role !== 'admin') return res.status(403).end();
  next();
}
export function requireAuth(req, res, next) {
  if (!req.user) return res.status(401).end();
  next();
}
`;
  const app = (guard: string): string => `import express from 'express';
import admin from './admin.js';
import { requireAdmin, requireAuth } from './middleware.js';
const app = express();
app.use('/admin', ${guard}, admin);
app.listen(3000);
`;
  const rules = { 'api-security/no-mass-assignment': 'error' } as const;

  it('is not reported when the mount requires a role', async () => {
    const dir = writeProject({ 'admin.js': admin, 'middleware.js': middleware, 'app.js': app('requireAdmin') });
    expect(await lintProjectFile(dir, 'admin.js', rules)).toEqual([]);
  });

  it('is reported when the mount only authenticates', async () => {
    const dir = writeProject({ 'admin.js': admin, 'middleware.js': middleware, 'app.js': app('requireAuth') });
    const messages = await lintProjectFile(dir, 'admin.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['6 massAssignment']);
  });
});
