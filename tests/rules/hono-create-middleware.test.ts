import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';
import authRule, { type Options as AuthOptions } from '../../src/rules/no-unauthenticated-route.js';
import roleRule, { type Options as RoleOptions } from '../../src/rules/require-role-check.js';

/*
 * Hono's `createMiddleware` (hono/factory) makes a middleware
 * of the function it is given and adds nothing to it: a guard built with it is judged by that
 * function, as if written alone. A wrapped function that verifies a token and answers 401
 * authenticates; one that answers 403 unless the caller's role is admin checks a role; a wrapped
 * function that only sets headers or logs does neither.
 */
const ruleTester = new RuleTester();
const head = `import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { verify } from 'hono/jwt';
const app = new Hono();
`;
const requireUser = `const requireUser = createMiddleware(async (c, next) => {
  const token = c.req.header('Authorization')?.replace('Bearer ', '');
  if (!token) return c.json({ error: 'unauthorized' }, 401);
  c.set('user', await verify(token, c.env.TOKEN_KEY));
  await next();
});
`;
const unknownAuth: AuthOptions = [{ unknownAuth: 'report', reportRoutes: 'all' }];

ruleTester.run('no-unauthenticated-route (Hono createMiddleware)', authRule, {
  valid: [
    {
      name: 'createMiddleware around a token check',
      options: unknownAuth,
      code: `${head}${requireUser}app.use('/api/*', requireUser);
app.get('/api/invoices/:id', async (c) => c.json(await c.env.DB.prepare('SELECT id, total FROM invoices WHERE id = ?').bind(c.req.param('id')).first()));`,
    },
    {
      name: 'a signed session cookie (hono/cookie getSignedCookie, verified with the secret) checked before a 401',
      options: unknownAuth,
      code: `${head}import { getSignedCookie } from 'hono/cookie';
const requireSession = createMiddleware(async (c, next) => {
  const accountId = await getSignedCookie(c, c.env.COOKIE_SECRET, 'sid');
  if (!accountId) return c.json({ error: 'unauthorized' }, 401);
  c.set('accountId', accountId);
  await next();
});
app.delete('/api/invoices/:id', requireSession, async (c) => c.body(null, 204));`,
    },
  ],
  invalid: [
    {
      name: 'stays reported: an unsigned cookie (getCookie) is whatever the client sends',
      options: unknownAuth,
      code: `${head}import { getCookie } from 'hono/cookie';
const requireSession = createMiddleware(async (c, next) => {
  const accountId = getCookie(c, 'account');
  if (!accountId) return c.json({ error: 'unauthorized' }, 401);
  c.set('accountId', accountId);
  await next();
});
app.delete('/api/invoices/:id', requireSession, async (c) => c.body(null, 204));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 12 }],
    },
    {
      name: 'stays reported: a signed cookie read but never required',
      options: unknownAuth,
      code: `${head}import { getSignedCookie } from 'hono/cookie';
const loadSession = createMiddleware(async (c, next) => {
  c.set('accountId', (await getSignedCookie(c, c.env.COOKIE_SECRET, 'sid')) || null);
  await next();
});
app.delete('/api/invoices/:id', loadSession, async (c) => c.body(null, 204));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
    {
      name: 'stays reported: createMiddleware around a function that only sets headers',
      options: unknownAuth,
      code: `${head}const secureHeaders = createMiddleware(async (c, next) => {
  c.header('X-Frame-Options', 'DENY');
  await next();
});
app.use('/api/*', secureHeaders);
app.delete('/api/invoices/:id', async (c) => c.body(null, 204));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
  ],
});

const strict: RoleOptions = [{ privilegedRoutes: 'report', inconsistentRoutes: 'report' }];

ruleTester.run('require-role-check (Hono createMiddleware)', roleRule, {
  valid: [
    {
      name: 'an admin route behind a createMiddleware role check answering 403',
      options: strict,
      code: `${head}${requireUser}const requireAdmin = createMiddleware(async (c, next) => {
  if (c.get('user').role !== 'admin') return c.json({ error: 'forbidden' }, 403);
  await next();
});
app.use('/admin/*', requireUser, requireAdmin);
app.post('/admin/users/:id/disable', async (c) => {
  await c.env.DB.prepare('UPDATE users SET disabled = 1 WHERE id = ?').bind(c.req.param('id')).run();
  return c.body(null, 204);
});`,
    },
  ],
  invalid: [
    {
      name: 'stays reported: a createMiddleware that reads the role only to log it',
      options: strict,
      code: `${head}${requireUser}const audit = createMiddleware(async (c, next) => {
  console.log('caller role', c.get('user').role);
  await next();
});
app.use('/admin/*', requireUser, audit);
app.post('/admin/users/:id/disable', async (c) => {
  await c.env.DB.prepare('UPDATE users SET disabled = 1 WHERE id = ?').bind(c.req.param('id')).run();
  return c.body(null, 204);
});`,
      errors: [{ messageId: 'missingRoleCheck', line: 16 }],
    },
  ],
});

/*
 * Across files: the middleware module exports what `createMiddleware` returns, and the routes
 * import it. Followed to its definition, the call is Hono's factory: the function it is given decides.
 */
describe('Hono createMiddleware imported from another file', () => {
  const dir = writeProject({
    'src/middleware.ts': `
import { createMiddleware } from 'hono/factory';
import { verify } from 'hono/jwt';
export const requireUser = createMiddleware(async (c, next) => {
  const token = c.req.header('Authorization')?.replace('Bearer ', '');
  if (!token) return c.json({ error: 'unauthorized' }, 401);
  c.set('user', await verify(token, c.env.TOKEN_KEY));
  await next();
});
export const requireAdmin = createMiddleware(async (c, next) => {
  if (c.get('user').role !== 'admin') return c.json({ error: 'forbidden' }, 403);
  await next();
});
export const traceCalls = createMiddleware(async (c, next) => {
  c.header('X-Trace', crypto.randomUUID());
  await next();
});
`,
    'src/admin.ts': `
import { Hono } from 'hono';
import { requireUser, requireAdmin } from './middleware';
const admin = new Hono();
admin.use('*', requireUser, requireAdmin);
admin.post('/admin/users/:id/disable', async (c) => {
  await c.env.DB.prepare('UPDATE users SET disabled = 1 WHERE id = ?').bind(c.req.param('id')).run();
  return c.body(null, 204);
});
export default admin;
`,
    'src/reports.ts': `
import { Hono } from 'hono';
import { requireUser, traceCalls } from './middleware';
const reports = new Hono();
reports.use('*', traceCalls);
reports.delete('/reports/:id', async (c) => {
  await c.env.DB.prepare('DELETE FROM reports WHERE id = ?').bind(c.req.param('id')).run();
  return c.body(null, 204);
});
reports.use('/admin/*', requireUser);
reports.post('/admin/reports/:id/publish', async (c) => {
  await c.env.DB.prepare('UPDATE reports SET published = 1 WHERE id = ?').bind(c.req.param('id')).run();
  return c.body(null, 204);
});
export default reports;
`,
    'src/index.ts': `
import { Hono } from 'hono';
import admin from './admin';
import reports from './reports';
const app = new Hono();
app.route('/', admin);
app.route('/', reports);
export default app;
`,
  });
  const rules: Linter.RulesRecord = {
    'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report', reportRoutes: 'all' }],
    'api-security/require-role-check': 'error',
  };
  const lint = async (file: string): Promise<string[]> => (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);

  it('judges the wrapped function of an imported createMiddleware: a token check, a role check', async () => {
    expect(await lint('src/admin.ts')).toEqual([]);
  });

  it('stays reported: a wrapped function that only sets a header, and a token check with no role check on an admin path', async () => {
    expect(await lint('src/reports.ts')).toEqual(['6 unauthenticatedMountedRoute', '11 missingRoleCheck']);
  });
});
