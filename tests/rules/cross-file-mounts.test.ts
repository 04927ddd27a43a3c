import { writeFileSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import plugin from '../../src/index.js';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * no-unauthenticated-route across files, without type information: a router, plugin or sub-app
 * is judged by its mount in another file of the project (found through the files that import it),
 * the guards there judged by what their definitions do. Each framework has a router mounted
 * behind real authentication (not reported), one mounted without any (reported, naming the
 * mount), and one behind a middleware that only sets headers (reported: that is not auth).
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const strict: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report', reportRoutes: 'all' }],
};

/** `line messageId: message` of each finding, for readable failures. */
async function findings(dir: string, file: string, rules = recommended): Promise<{ line: number; messageId: string | undefined; message: string }[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => ({ line: message.line, messageId: message.messageId, message: message.message }));
}

const expressAuth = `
import jwt from 'jsonwebtoken';
export function requireAuth(req, res, next) {
  const header = req.headers.authorization;
  if (!header) return res.status(401).json({ error: 'unauthorized' });
  req.user = jwt.verify(header.replace('Bearer ', ''), process.env.JWT_SECRET);
  next();
}
`;
const headersOnly = `
export function securityHeaders(req, res, next) {
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}
`;
const expressRouter = (route: string): string => `
import { Router } from 'express';
const router = Router();
router.get('${route}', (req, res) => res.json({ id: req.params.id }));
export default router;
`;

describe('Express', () => {
  const dir = writeProject({
    'src/middleware/auth.js': expressAuth,
    'src/middleware/headers.js': headersOnly,
    'src/routes/account.js': expressRouter('/profile/:id'),
    'src/routes/shop.js': expressRouter('/orders/:id'),
    'src/routes/misc.js': expressRouter('/settings/:id'),
    'src/routes/orphan.js': expressRouter('/things/:id'),
    'src/routes/reports.js': `
export function registerReports(app) {
  app.get('/reports/:id', (req, res) => res.json({ id: req.params.id }));
}
`,
    'src/routes/status.js': `
export function registerStatus(app) {
  app.get('/internal/status/:id', (req, res) => res.json({ id: req.params.id }));
}
`,
    'src/routes/api.js': `
import { Router } from 'express';
import ordersRouter from './orders.js';
const api = Router();
api.use('/orders', ordersRouter);
export default api;
`,
    // As bundlers write it: the router exported through an alias.
    'src/routes/orders.js': `
import express from 'express';
const router = express.Router();
router.get('/:id', (req, res) => res.json({ id: req.params.id }));
var orders_default = router;
export { orders_default as default };
`,
    'src/routes/v2.js': `
import { Router } from 'express';
import itemsRouter from './items.js';
const v2 = Router();
v2.use('/items', itemsRouter);
export default v2;
`,
    'src/routes/items.js': expressRouter('/:id'),
    'src/app.js': `
import express from 'express';
import { requireAuth } from './middleware/auth.js';
import { securityHeaders } from './middleware/headers.js';
import accountRouter from './routes/account.js';
import shopRouter from './routes/shop.js';
import miscRouter from './routes/misc.js';
import apiRouter from './routes/api.js';
import v2Router from './routes/v2.js';
import { registerReports } from './routes/reports.js';
import { registerStatus } from './routes/status.js';
export const app = express();
app.use('/shop', shopRouter);
registerStatus(app);
app.use('/misc', securityHeaders, miscRouter);
app.use('/account', requireAuth, accountRouter);
app.use('/api', requireAuth, apiRouter);
app.use('/v2', v2Router);
app.use(requireAuth);
registerReports(app);
`,
  });

  it('a router mounted behind an auth middleware of another file is not reported', async () => {
    expect(await findings(dir, 'src/routes/account.js')).toEqual([]);
    // Strict reports a router whose mount is not found: here it is found, behind auth.
    expect(await findings(dir, 'src/routes/account.js', strict)).toEqual([]);
  });

  it('a router mounted without auth is reported with its full path and the mount', async () => {
    expect(await findings(dir, 'src/routes/shop.js')).toEqual([
      {
        line: 4,
        messageId: 'unauthenticatedMountedRoute',
        message: expect.stringContaining('GET /shop/orders/:id (express) is reachable without authentication') as string,
      },
    ]);
    const [finding] = await findings(dir, 'src/routes/shop.js');
    expect(finding?.message).toContain('at its mount (src/app.js:13)');
  });

  it('a mount behind a middleware that only sets headers is reported', async () => {
    const [finding, ...rest] = await findings(dir, 'src/routes/misc.js');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 4, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain('GET /misc/settings/:id');
    expect(finding?.message).toContain('src/app.js:15');
  });

  it('registerRoutes(app) after app.use(auth) is authenticated; before it, it is not (order matters)', async () => {
    expect(await findings(dir, 'src/routes/reports.js')).toEqual([]);
    // Strict reports a router whose mount is not found: here it is found, behind auth.
    expect(await findings(dir, 'src/routes/reports.js', strict)).toEqual([]);
    const [finding, ...rest] = await findings(dir, 'src/routes/status.js');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 3, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain('GET /internal/status/:id');
    expect(finding?.message).toContain('src/app.js:14');
  });

  it('nested routers across three files: the outer mount decides', async () => {
    expect(await findings(dir, 'src/routes/orders.js')).toEqual([]);
    // Strict reports a router whose mount is not found: here it is found, behind auth.
    expect(await findings(dir, 'src/routes/orders.js', strict)).toEqual([]);
    const [finding, ...rest] = await findings(dir, 'src/routes/items.js');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 4, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain('GET /v2/items/:id');
    // The mount that names the router: in the middle file.
    expect(finding?.message).toContain('src/routes/v2.js:5');
  });

  it('a router mounted nowhere stays unknown: strict reports it, recommended does not', async () => {
    expect(await findings(dir, 'src/routes/orphan.js')).toEqual([]);
    expect(await findings(dir, 'src/routes/orphan.js', strict)).toEqual([
      { line: 4, messageId: 'unresolvedMountRoute', message: expect.stringContaining('GET /things/:id') as string },
    ]);
  });
});

describe('Express in CommonJS, routers required inline at their mount', () => {
  const cjsRouter = (route: string): string => `
const express = require('express');
const router = express.Router();
router.get('${route}', (req, res) => res.json({ id: req.params.id }));
module.exports = router;
`;
  const dir = writeProject({
    'middleware/authenticate.js': `
const jwt = require('jsonwebtoken');
module.exports = function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  if (!token) return res.status(401).json({ message: 'Unauthorized' });
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET);
    next();
  } catch (err) {
    res.status(401).json({ message: 'Invalid token' });
  }
};
`,
    'routes/account.js': cjsRouter('/sessions/:id'),
    'routes/internal.js': cjsRouter('/jobs/:id'),
    'routes/profile.js': cjsRouter('/me/:id'),
    'routes/billing.js': `
const express = require('express');
const router = express.Router();
router.get('/invoices/:id', (req, res) => res.json({ id: req.params.id }));
module.exports = { router };
`,
    'app.js': `
const express = require('express');
const authenticate = require('./middleware/authenticate');
const app = express();
app.use(express.json());
app.use('/account', authenticate, require('./routes/account'));
app.use('/billing', authenticate, require('./routes/billing').router);
app.use('/internal', require('./routes/internal'));
app.use('/profile', require('./middleware/authenticate'), require('./routes/profile'));
module.exports = app;
`,
  });

  it('a router required inline behind an auth middleware is not reported, in recommended or strict', async () => {
    expect(await findings(dir, 'routes/account.js')).toEqual([]);
    expect(await findings(dir, 'routes/account.js', strict)).toEqual([]);
    expect(await findings(dir, 'routes/billing.js', strict)).toEqual([]);
  });

  it('an auth middleware required inline is judged by its definition', async () => {
    expect(await findings(dir, 'routes/profile.js')).toEqual([]);
    expect(await findings(dir, 'routes/profile.js', strict)).toEqual([]);
  });

  it('a router required inline without auth is reported at its route, naming the mount', async () => {
    const [finding, ...rest] = await findings(dir, 'routes/internal.js');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 4, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain('GET /internal/jobs/:id');
    expect(finding?.message).toContain('app.js:8');
  });
});

describe('Express: a router folder required by its index file at the root', () => {
  // `require('./routes/index')` names the folder's router, as `require('./routes')` does.
  const router = `
const express = require('express');
const router = express.Router();
router.post('/products/:id/delete', (req, res) => res.json({ deleted: req.params.id }));
module.exports = router;
`;
  const open = writeProject({
    'routes/index.js': router,
    'app.js': "const express = require('express');\nconst app = express();\napp.use('/', require('./routes/index'));\nmodule.exports = app;\n",
  });
  const guarded = writeProject({
    'middleware/auth.js': "module.exports = function requireLogin(req, res, next) {\n  if (!req.session || !req.session.userId) return res.status(401).end();\n  next();\n};\n",
    'routes/index.js': router,
    'app.js': "const express = require('express');\nconst requireLogin = require('./middleware/auth');\nconst app = express();\napp.use('/', requireLogin, require('./routes/index'));\nmodule.exports = app;\n",
  });

  it('reports its unauthenticated route, naming the mount', async () => {
    const [finding, ...rest] = await findings(open, 'routes/index.js');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 4, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain('app.js:3');
  });

  it('does not report it behind an auth middleware at the mount', async () => {
    expect(await findings(guarded, 'routes/index.js', strict)).toEqual([]);
  });
});

describe('Fastify', () => {
  const plugin = (route: string): string => `
export default async function routes(fastify) {
  fastify.get('${route}', async (request) => ({ id: request.params.id }));
}
`;
  const dir = writeProject({
    'src/auth.js': `
export async function authenticate(request, reply) {
  try {
    await request.jwtVerify();
  } catch (error) {
    return reply.code(401).send({ error: 'unauthorized' });
  }
}
`,
    'src/routes/users.js': plugin('/:id'),
    'src/routes/status.js': plugin('/:id'),
    'src/routes/billing.js': plugin('/:id'),
    'src/app.js': `
import Fastify from 'fastify';
import { authenticate } from './auth.js';
import usersRoutes from './routes/users.js';
import statusRoutes from './routes/status.js';
import billingRoutes from './routes/billing.js';
const app = Fastify();
app.register(statusRoutes, { prefix: '/status' });
app.register(async (instance) => {
  instance.addHook('onRequest', authenticate);
  instance.register(usersRoutes, { prefix: '/users' });
});
app.register(async (scope) => {
  scope.addHook('onRequest', async (request, reply) => {
    reply.header('x-frame-options', 'DENY');
  });
  scope.register(billingRoutes, { prefix: '/billing' });
});
export default app;
`,
  });

  it('a plugin registered in a scope with an auth hook is not reported', async () => {
    expect(await findings(dir, 'src/routes/users.js')).toEqual([]);
    // Strict reports a router whose mount is not found: here it is found, behind auth.
    expect(await findings(dir, 'src/routes/users.js', strict)).toEqual([]);
  });

  it('a plugin registered without auth is reported with the prefix and the mount', async () => {
    const [finding, ...rest] = await findings(dir, 'src/routes/status.js');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 3, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain('GET /status/:id (fastify)');
    expect(finding?.message).toContain('src/app.js:8');
  });

  it('a scope whose hook only sets headers is not authentication', async () => {
    const [finding, ...rest] = await findings(dir, 'src/routes/billing.js');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 3, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain('GET /billing/:id');
  });
});

describe('Koa', () => {
  const router = (prefix: string): string => `
import Router from '@koa/router';
const router = new Router({ prefix: '${prefix}' });
router.get('/:id', (ctx) => { ctx.body = { id: ctx.params.id }; });
export default router;
`;
  const dir = writeProject({
    'src/auth.js': `
import jwt from 'jsonwebtoken';
export async function requireUser(ctx, next) {
  const header = ctx.get('authorization');
  if (!header) ctx.throw(401, 'unauthorized');
  ctx.state.user = jwt.verify(header.replace('Bearer ', ''), process.env.JWT_SECRET);
  await next();
}
`,
    'src/headers.js': `
export async function poweredBy(ctx, next) {
  ctx.set('X-Powered-By', 'ours');
  await next();
}
`,
    'src/routes/projects.js': router('/projects'),
    'src/routes/exports.js': router('/exports'),
    'src/routes/notes.js': router('/notes'),
    'src/app.js': `
import Koa from 'koa';
import { requireUser } from './auth.js';
import { poweredBy } from './headers.js';
import exportsRouter from './routes/exports.js';
import projectsRouter from './routes/projects.js';
import notesRouter from './routes/notes.js';
const app = new Koa();
app.use(poweredBy);
app.use(exportsRouter.routes());
app.use(requireUser);
app.use(projectsRouter.routes());
export default app;
`,
  });

  it('a router mounted after app.use(auth) is not reported', async () => {
    expect(await findings(dir, 'src/routes/projects.js')).toEqual([]);
    // Strict reports a router whose mount is not found: here it is found, behind auth.
    expect(await findings(dir, 'src/routes/projects.js', strict)).toEqual([]);
  });

  it('a router mounted before app.use(auth), behind a header middleware only, is reported', async () => {
    const [finding, ...rest] = await findings(dir, 'src/routes/exports.js');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 4, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain('GET /exports/:id (koa)');
    expect(finding?.message).toContain('src/app.js:10');
  });

  it('an imported router that is never mounted stays unknown under recommended', async () => {
    expect(await findings(dir, 'src/routes/notes.js')).toEqual([]);
    expect(await findings(dir, 'src/routes/notes.js', strict)).toMatchObject([{ line: 4, messageId: 'unresolvedMountRoute' }]);
  });
});

describe('Hono', () => {
  const subApp = `
import { Hono } from 'hono';
const users = new Hono();
users.get('/:id', (c) => c.json({ id: c.req.param('id') }));
export default users;
`;
  const dir = writeProject({
    'src/auth.js': `
import { verify } from 'hono/jwt';
export const auth = async (c, next) => {
  const header = c.req.header('authorization');
  if (!header) return c.json({ error: 'unauthorized' }, 401);
  c.set('user', await verify(header.slice(7), process.env.JWT_SECRET));
  await next();
};
`,
    'src/cors.js': `
export const cors = async (c, next) => {
  await next();
  c.header('Access-Control-Allow-Origin', '*');
};
`,
    'src/routes/users.js': subApp,
    'src/routes/pages.js': subApp,
    'src/routes/shared.js': subApp,
    'src/app.js': `
import { Hono } from 'hono';
import { auth } from './auth.js';
import { cors } from './cors.js';
import users from './routes/users.js';
import pages from './routes/pages.js';
import shared from './routes/shared.js';
const app = new Hono();
app.use('/api/*', auth);
app.use('/shared/*', cors);
app.route('/api/users', users);
app.route('/pages', pages);
app.route('/shared', shared);
export default app;
`,
  });

  it('a sub-app mounted under a path covered by auth is not reported', async () => {
    expect(await findings(dir, 'src/routes/users.js')).toEqual([]);
    // Strict reports a router whose mount is not found: here it is found, behind auth.
    expect(await findings(dir, 'src/routes/users.js', strict)).toEqual([]);
  });

  it('a sub-app mounted outside the auth pattern is reported', async () => {
    const [finding, ...rest] = await findings(dir, 'src/routes/pages.js');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 4, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain('GET /pages/:id (hono)');
    expect(finding?.message).toContain('src/app.js:12');
  });

  it('a sub-app behind a CORS middleware only is reported', async () => {
    const [finding, ...rest] = await findings(dir, 'src/routes/shared.js');
    expect(rest).toEqual([]);
    expect(finding?.message).toContain('GET /shared/:id');
  });
});

describe('freshness', () => {
  it('adding app.use(auth) to app.js clears the finding of the routes file on its next lint', async () => {
    const app = (withAuth: boolean): string => `
import express from 'express';
import { requireAuth } from './auth.js';
import notesRouter from './routes/notes.js';
const app = express();
${withAuth ? 'app.use(requireAuth);' : ''}
app.use('/notes', notesRouter);
export default app;
`;
    const dir = writeProject({ 'src/auth.js': expressAuth, 'src/routes/notes.js': expressRouter('/:id'), 'src/app.js': app(false) });
    const before = await findings(dir, 'src/routes/notes.js');
    expect(before).toMatchObject([{ line: 4, messageId: 'unauthenticatedMountedRoute' }]);
    writeFileSync(path.join(dir, 'src/app.js'), app(true));
    // The index trusts its listing and import graph for a second; the parse is revalidated always.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await findings(dir, 'src/routes/notes.js')).toEqual([]);
    expect(await findings(dir, 'src/routes/notes.js', strict)).toEqual([]);
  });
});

describe('with type information (TypeScript project, typed linting)', () => {
  const dir = writeProject({
    'src/app.ts': `
import express from 'express';
import { requireAuth } from './middleware.js';
import adminRouter from './routes/admin.js';
import { publicRouter } from './routes/public.js';
import { registerReports } from './routes/reports.js';
import { registerStatus } from './routes/status.js';

const app = express();
app.use(express.json());
app.use('/shop', publicRouter);
registerStatus(app);
app.use('/admin', requireAuth, adminRouter);
app.use(requireAuth);
registerReports(app);

export default app;
`,
    'src/middleware.ts': `
import type { NextFunction, Request, Response } from 'express';

const sessions = new Map<string, { userId: string }>();

export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const session = req.headers.authorization ? sessions.get(req.headers.authorization) : undefined;
  if (!session) {
    res.status(401).end();
    return;
  }
  res.locals.userId = session.userId;
  next();
}
`,
    'src/routes/admin.ts': `
import { Router } from 'express';

const router = Router();
router.get('/users', (req, res) => {
  res.json([]);
});
export default router;
`,
    'src/routes/orphan.ts': `
import { Router } from 'express';

export const orphanRouter = Router();
orphanRouter.get('/orphan', (req, res) => {
  res.json([]);
});
`,
    'src/routes/public.ts': `
import { Router } from 'express';

export const publicRouter = Router();
publicRouter.get('/catalog', (req, res) => {
  res.json([]);
});
publicRouter.get('/', (req, res) => {
  res.json([]);
});
`,
    'src/routes/reports.ts': `
import type { Express } from 'express';

export function registerReports(app: Express): void {
  app.get('/reports', (req, res) => {
    res.json([]);
  });
}
`,
    'src/routes/status.ts': `
import type { Express } from 'express';

export function registerStatus(app: Express): void {
  app.get('/internal/status', (req, res) => {
    res.json({ ok: true });
  });
}
`,
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(import.meta.dirname, '../../node_modules/@types')],
      },
      include: ['src'],
    }),
  });
  /** Lints with the typed parser: the untyped mount resolution keeps working under it. */
  async function typed(file: string, options: Record<string, unknown> = {}): Promise<{ line: number; messageId: string | undefined; message: string }[]> {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as never, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        plugins: { 'api-security': plugin as never },
        // The missing role check is require-role-check's, which honours the deprecated `roleRequiredRoutes` given here.
        rules: { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all', ...options }], 'api-security/require-role-check': 'error' },
      }],
    });
    const [result] = await eslint.lintFiles([path.join(dir, file)]);
    return (result?.messages ?? []).map((message) => ({ line: message.line, messageId: message.messageId, message: message.message }));
  }

  it('router mounted behind requireAuth in app.ts; registration after app.use(requireAuth); a router mounted nowhere', async () => {
    expect(await typed('src/routes/admin.ts', { roleRequiredRoutes: [] })).toEqual([]);
    expect(await typed('src/routes/reports.ts')).toEqual([]);
    expect(await typed('src/routes/orphan.ts')).toEqual([]);
    expect(await typed('src/routes/reports.ts', { reportUnresolvedMounts: true })).toEqual([]);
  });

  it('router mounted without auth: its `/` route is judged by the joined path, not as the public `/`', async () => {
    expect((await typed('src/routes/public.ts')).map(({ line, messageId, message }) => [line, messageId, message.split(' (')[0]])).toEqual([
      [5, 'unauthenticatedMountedRoute', 'GET /shop/catalog'],
      [8, 'unauthenticatedMountedRoute', 'GET /shop'],
    ]);
  });

  it('registration function called before app.use(requireAuth)', async () => {
    expect(await typed('src/routes/status.ts')).toMatchObject([
      { line: 5, messageId: 'unauthenticatedMountedRoute', message: expect.stringContaining('GET /internal/status (express)') as string },
    ]);
  });

  it('admin router mounted behind auth (judged by its definition) but with no role check', async () => {
    expect(await typed('src/routes/admin.ts')).toMatchObject([
      { line: 5, messageId: 'missingRoleCheck', message: expect.stringContaining('GET /admin/users is authenticated by `requireAuth`') as string },
    ]);
  });
});
