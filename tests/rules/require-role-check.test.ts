import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../src/rules/require-role-check.js';

/*
 * require-role-check on one file: an authenticated route that does something only some users may
 * do (evidence), or whose siblings check a role while it does not (consistency), and the paths the
 * team says need a role (`roleRequiredRoutes`). Every way of checking a role is a safe look-alike.
 */

const ruleTester = new RuleTester();
const strict: Options = [{ privilegedRoutes: 'report', inconsistentRoutes: 'report' }];

const express = `import express from 'express';
import jwt from 'jsonwebtoken';
import { prisma } from './db.js';
const app = express();
function requireAuth(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: 'sign in' });
  req.user = { id: req.session.userId, role: req.session.role };
  next();
}
function requireRole(role) {
  return (req, res, next) => (req.user.role === role ? next() : res.status(403).end());
}
`;
const L = 13; // first line after the Express head

ruleTester.run('require-role-check (Express)', rule, {
  valid: [
    { name: 'a role middleware in front of a role write', options: strict, code: `${express}app.patch('/users/:id/role', requireAuth, requireRole('admin'), async (req, res) => {
  res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});` },
    { name: 'an in-handler role check before the write', options: strict, code: `${express}app.delete('/users/:id', requireAuth, async (req, res) => {
  if (req.user.role !== 'admin') return res.status(403).json({ error: 'admins only' });
  await prisma.user.delete({ where: { id: req.params.id } });
  res.status(204).end();
});` },
    { name: 'a user editing their own profile fields', options: strict, code: `${express}app.patch('/me', requireAuth, async (req, res) => {
  res.json(await prisma.user.update({ where: { id: req.user.id }, data: { email: req.body.email, password: req.body.password } }));
});` },
    { name: 'a user deleting their own account', options: strict, code: `${express}app.delete('/me', requireAuth, async (req, res) => {
  await prisma.user.delete({ where: { id: req.user.id } });
  res.status(204).end();
});` },
    { name: 'a team created with the caller as its owner: a literal role on the caller is no role write', options: strict, code: `${express}app.post('/teams', requireAuth, async (req, res) => {
  res.json(await prisma.membership.create({ data: { teamId: req.body.teamId, userId: req.user.id, role: 'owner' } }));
});` },
    { name: 'a filtered user search is no export', options: strict, code: `${express}app.get('/users/search', requireAuth, async (req, res) => {
  res.json(await prisma.user.findMany({ where: { teamId: req.user.teamId }, select: { id: true, name: true } }));
});` },
    { name: 'a token refresh verifies the old token: no impersonation', options: strict, code: `${express}app.post('/token/refresh', requireAuth, (req, res) => {
  const claims = jwt.verify(req.body.refreshToken, process.env.SECRET);
  res.json({ token: jwt.sign({ sub: claims.sub }, process.env.SECRET) });
});` },
    { name: 'the user-settings row of the caller is no system setting', options: strict, code: `${express}app.put('/settings', requireAuth, async (req, res) => {
  res.json(await prisma.userSettings.update({ where: { userId: req.user.id }, data: { theme: req.body.theme } }));
});` },
    { name: 'a CASL ability check before the write', options: strict, code: `${express}import { ForbiddenError } from '@casl/ability';
app.delete('/users/:id', requireAuth, async (req, res) => {
  if (!req.ability.can('delete', 'User')) return res.status(403).end();
  await prisma.user.delete({ where: { id: req.params.id } });
  res.status(204).end();
});` },
    { name: 'a policy helper whose failure answers 403', options: strict, code: `${express}import { canManageUsers } from './policies.js';
app.post('/users/:id/ban', requireAuth, async (req, res) => {
  if (!canManageUsers(req.user)) return res.status(403).send('forbidden');
  res.json(await prisma.user.update({ where: { id: req.params.id }, data: { banned: true } }));
});` },
    { name: 'an unauthenticated route is no-unauthenticated-route\'s business', options: strict, code: `${express}app.delete('/users/:id', async (req, res) => {
  await prisma.user.delete({ where: { id: req.params.id } });
  res.status(204).end();
});` },
    { name: 'privileged work is not reported by default (recommended)', code: `${express}app.delete('/users/:id', requireAuth, async (req, res) => {
  await prisma.user.delete({ where: { id: req.params.id } });
  res.status(204).end();
});` },
    { name: 'reads are compared with reads: an open list among admin-only writes is consistent', options: strict, code: `${express}app.get('/products', requireAuth, async (req, res) => res.json(await prisma.product.findMany()));
app.post('/products', requireAuth, requireRole('admin'), async (req, res) => res.json(await prisma.product.create({ data: { name: req.body.name } })));
app.put('/products/:id', requireAuth, requireRole('admin'), async (req, res) => res.json(await prisma.product.update({ where: { id: req.params.id }, data: { name: req.body.name } })));
app.delete('/products/:id', requireAuth, requireRole('admin'), async (req, res) => res.json(await prisma.product.delete({ where: { id: req.params.id } })));` },
    { name: 'a self-service route beside admin-only routes about another resource is no sibling of theirs', options: strict, code: `${express}app.patch('/users/:id/role', requireAuth, requireRole('admin'), (req, res) => res.json({}));
app.delete('/users/:id', requireAuth, requireRole('admin'), (req, res) => res.json({}));
app.patch('/me', requireAuth, (req, res) => res.json({ name: req.body.name }));` },
    { name: 'a sign-in helper given the password is no impersonation (real-world: signalk-server)', options: strict, code: `${express}import { login } from './auth.js';
app.post('/session/renew', requireAuth, async (req, res) => {
  res.json(await login(req.body.username, req.body.password));
});` },
    { name: 'a credential issued after a project function of any name checked the password it was given (its answer tested)', options: strict, code: `${express}import { accounts } from './accounts.js';
app.post('/session/step-up', requireAuth, async (req, res) => {
  const verified = await accounts.matchSecret(req.body.login, req.body.password);
  if (!verified) return res.status(401).end();
  res.json({ token: jwt.sign({ sub: req.body.login }, process.env.SECRET) });
});` },
    { name: 'a handler that checks the caller against the record itself is open to users on purpose (real-world: saltcorn)', options: strict, code: `${express}const runs = express.Router();
runs.post('/runs', requireAuth, requireRole('admin'), (req, res) => res.json({}));
runs.put('/runs/:id', requireAuth, requireRole('admin'), (req, res) => res.json({}));
runs.post('/runs/:id/resume', requireAuth, async (req, res) => {
  const run = await prisma.run.findUnique({ where: { id: req.params.id } });
  if (!run || run.startedBy !== req.user.id) return res.status(404).json({ error: 'not found' });
  res.json(await prisma.run.update({ where: { id: run.id }, data: { resumed: true } }));
});
app.use(runs);` },
    { name: 'two of three siblings checking a role is no consistent practice (three quarters are needed)', options: strict, code: `${express}const notes = express.Router();
notes.post('/notes', requireAuth, requireRole('admin'), (req, res) => res.json({}));
notes.put('/notes/:id', requireAuth, requireRole('admin'), (req, res) => res.json({}));
notes.patch('/notes/:id', requireAuth, (req, res) => res.json({}));
notes.delete('/notes/:id', requireAuth, (req, res) => res.json({}));
app.use(notes);` },
    { name: 'a role check named in settings', options: strict, settings: { 'api-security': { roleChecks: ['mustBeStaff'] } }, code: `${express}import { mustBeStaff } from './staff.js';
app.delete('/users/:id', requireAuth, mustBeStaff, async (req, res) => {
  await prisma.user.delete({ where: { id: req.params.id } });
  res.status(204).end();
});` },
    { name: 'roleRequiredRoutes: [] turns the path check off', options: [{ roleRequiredRoutes: [] }], code: `${express}app.get('/admin/stats', requireAuth, (req, res) => res.json({}));` },
  ],
  invalid: [
    {
      name: 'a role write by any authenticated user',
      options: strict,
      code: `${express}app.patch('/users/:id/role', requireAuth, async (req, res) => {
  res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});
app.get('/reports', requireAuth, requireRole('admin'), (req, res) => res.json([]));`,
      errors: [{
        messageId: 'privilegedRoute', line: L, column: 5, endColumn: 28,
        data: { method: 'PATCH', path: '/users/:id/role', framework: 'express', by: '`requireAuth`', operation: 'writes `role` of a record the client names (`prisma.user.update`)', at: `line ${String(L + 1)}` },
        suggestions: [{ messageId: 'addRoleCheck', data: { check: "requireRole('admin')" }, output: `${express}app.patch('/users/:id/role', requireAuth, requireRole('admin'), async (req, res) => {
  res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: req.body.role } }));
});
app.get('/reports', requireAuth, requireRole('admin'), (req, res) => res.json([]));` }],
      }],
    },
    {
      name: 'deleting another user by the id in the path',
      options: strict,
      code: `${express}app.delete('/users/:id', requireAuth, async (req, res) => {
  const { id } = req.params;
  await prisma.user.delete({ where: { id } });
  res.status(204).end();
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'DELETE', path: '/users/:id', framework: 'express', by: '`requireAuth`', operation: 'deletes a user the client names (`prisma.user.delete`)', at: `line ${String(L + 2)}` } }],
    },
    {
      name: 'exporting every user',
      options: strict,
      code: `${express}app.get('/users/export', requireAuth, async (req, res) => {
  const users = await prisma.user.findMany({ select: { id: true, email: true } });
  res.json(users);
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'GET', path: '/users/export', framework: 'express', by: '`requireAuth`', operation: 'answers every `user` record (`prisma.user.findMany`)', at: `line ${String(L + 1)}` } }],
    },
    {
      name: 'a password set on a user loaded by the client id (Mongoose style)',
      options: strict,
      code: `${express}import { User } from './models/user.js';
app.post('/users/:id/password', requireAuth, async (req, res) => {
  const user = await User.findById(req.params.id);
  user.password = req.body.password;
  await user.save();
  res.end();
});`,
      errors: [{ messageId: 'privilegedRoute', line: L + 1, data: { method: 'POST', path: '/users/:id/password', framework: 'express', by: '`requireAuth`', operation: 'writes `password` of a user the client names (`user.password`)', at: `line ${String(L + 3)}` } }],
    },
    {
      name: 'a feature flag written by any user',
      options: strict,
      code: `${express}app.put('/flags/:key', requireAuth, async (req, res) => {
  res.json(await prisma.featureFlag.update({ where: { key: req.params.key }, data: { enabled: req.body.enabled } }));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'PUT', path: '/flags/:key', framework: 'express', by: '`requireAuth`', operation: 'writes the system setting `featureFlag` (`prisma.featureFlag.update`)', at: `line ${String(L + 1)}` } }],
    },
    {
      name: 'impersonation: a token signed for the user in the path',
      options: strict,
      code: `${express}app.post('/users/:id/impersonate', requireAuth, (req, res) => {
  res.json({ token: jwt.sign({ sub: req.params.id }, process.env.SECRET) });
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'POST', path: '/users/:id/impersonate', framework: 'express', by: '`requireAuth`', operation: 'issues a credential for a user the client names (`jwt.sign`)', at: `line ${String(L + 1)}` } }],
    },
    {
      name: 'impersonation stays reported: the password is only set (the answer untested), then a token issued for the user the client names',
      options: strict,
      code: `${express}import { accounts } from './accounts.js';
app.post('/users/reset-and-login', requireAuth, async (req, res) => {
  await accounts.setSecret(req.body.login, req.body.password);
  res.json({ token: jwt.sign({ sub: req.body.login }, process.env.SECRET) });
});`,
      errors: [{ messageId: 'privilegedRoute', line: L + 1, data: { method: 'POST', path: '/users/reset-and-login', framework: 'express', by: '`requireAuth`', operation: 'issues a credential for a user the client names (`jwt.sign`)', at: `line ${String(L + 3)}` } }],
    },
    {
      name: 'impersonation stays reported: the tested answer is of a call given something other than a password',
      options: strict,
      code: `${express}import { accounts } from './accounts.js';
app.post('/users/login-as', requireAuth, async (req, res) => {
  const exists = await accounts.find(req.body.login);
  if (!exists) return res.status(404).end();
  res.json({ token: jwt.sign({ sub: req.body.login }, process.env.SECRET) });
});`,
      errors: [{ messageId: 'privilegedRoute', line: L + 1, data: { method: 'POST', path: '/users/login-as', framework: 'express', by: '`requireAuth`', operation: 'issues a credential for a user the client names (`jwt.sign`)', at: `line ${String(L + 4)}` } }],
    },
    {
      name: 'impersonation: the session switched to the user in the body',
      options: strict,
      code: `${express}app.post('/switch-user', requireAuth, (req, res) => {
  req.session.userId = req.body.userId;
  res.end();
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'POST', path: '/switch-user', framework: 'express', by: '`requireAuth`', operation: "sets the session's user from the request (`req.session.userId`)", at: `line ${String(L + 1)}` } }],
    },
    {
      name: 'a refund issued by any user',
      options: strict,
      code: `${express}import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY);
app.post('/payments/:id/refund', requireAuth, async (req, res) => {
  res.json(await stripe.refunds.create({ payment_intent: req.params.id }));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L + 2, data: { method: 'POST', path: '/payments/:id/refund', framework: 'express', by: '`requireAuth`', operation: 'issues a refund (`stripe.refunds.create`)', at: `line ${String(L + 3)}` } }],
    },
    {
      name: 'a write through a same-file helper',
      options: strict,
      code: `${express}async function setRole(userId, role) {
  return prisma.user.update({ where: { id: userId }, data: { role } });
}
app.post('/users/:id/promote', requireAuth, async (req, res) => {
  res.json(await setRole(req.params.id, 'admin'));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L + 3, data: { method: 'POST', path: '/users/:id/promote', framework: 'express', by: '`requireAuth`', operation: 'writes `role` of a record the client names (`prisma.user.update`)', at: `line ${String(L + 1)}` } }],
    },
    {
      name: 'a sibling-inconsistent route: 2 of 2 sibling writes check a role',
      options: strict,
      code: `${express}const router = express.Router();
router.post('/admin-notes', requireAuth, requireRole('admin'), (req, res) => res.json({}));
router.put('/admin-notes/:id', requireAuth, requireRole('admin'), (req, res) => res.json({}));
router.delete('/admin-notes/:id', requireAuth, (req, res) => res.status(204).end());
app.use(router);`,
      errors: [{
        messageId: 'inconsistentRoleCheck', line: L + 3,
        data: { method: 'DELETE', path: '/admin-notes/:id', framework: 'express', by: '`requireAuth`', checked: 2, total: 2, where: 'on `router`', check: "`requireRole('admin')`" },
        suggestions: [{ messageId: 'addRoleCheck', data: { check: "requireRole('admin')" }, output: `${express}const router = express.Router();
router.post('/admin-notes', requireAuth, requireRole('admin'), (req, res) => res.json({}));
router.put('/admin-notes/:id', requireAuth, requireRole('admin'), (req, res) => res.json({}));
router.delete('/admin-notes/:id', requireAuth, requireRole('admin'), (req, res) => res.status(204).end());
app.use(router);` }],
      }],
    },
    {
      name: 'the roleRequiredRoutes setting',
      settings: { 'api-security': { roleRequiredRoutes: ['/ops/**'] } },
      code: `${express}app.post('/ops/reindex', requireAuth, (req, res) => res.end());
app.get('/admin/stats', requireAuth, (req, res) => res.json({}));`,
      errors: [{ messageId: 'missingRoleCheck', line: L, data: { method: 'POST', path: '/ops/reindex', by: '`requireAuth`', pattern: '/ops/**' } }],
    },
    {
      name: 'the rule option wins over the setting',
      options: [{ roleRequiredRoutes: ['/internal/**'] }],
      settings: { 'api-security': { roleRequiredRoutes: ['/ops/**'] } },
      code: `${express}app.post('/ops/reindex', requireAuth, (req, res) => res.end());
app.post('/internal/cache', requireAuth, (req, res) => res.end());`,
      errors: [{ messageId: 'missingRoleCheck', line: L + 1, data: { method: 'POST', path: '/internal/cache', by: '`requireAuth`', pattern: '/internal/**' } }],
    },
  ],
});
