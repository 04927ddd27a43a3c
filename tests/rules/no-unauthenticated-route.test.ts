import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { readFileSync } from 'node:fs';
import rule from '../../src/rules/no-unauthenticated-route.js';

const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route (Express)', rule, {
  valid: [
    {
      name: 'route middleware authenticates',
      code: `
import express from 'express';
const app = express();
app.get('/orders', requireAuth, (req, res) => res.json([]));
app.post('/orders', passport.authenticate('jwt', { session: false }), (req, res) => res.json({}));
app.delete('/orders/:id', [validateId, verifyToken], (req, res) => res.end());
`,
    },
    {
      name: 'app.use(auth) protects the routes registered after it',
      code: `
const express = require('express');
const { expressjwt } = require('express-jwt');
const app = express();
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));
app.get('/orders', (req, res) => res.json([]));
`,
    },
    {
      name: 'public paths by design (health, login, signup, auth flow)',
      code: `
import express from 'express';
const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.post('/api/v1/login', (req, res) => res.json({}));
app.post('/signup', (req, res) => res.json({}));
app.get('/auth/google/callback', (req, res) => res.redirect('/'));
`,
    },
    {
      name: 'check inside the handler that rejects',
      code: `
import express from 'express';
const app = express();
app.get('/me', (req, res) => {
  if (!req.user) return res.status(401).json({ error: 'unauthorized' });
  res.json({ id: req.user.id });
});
app.get('/profile', async (req, res) => {
  const session = await getSession(req);
  if (!session) { res.sendStatus(401); return; }
  res.json(session.user.profile);
});
`,
    },
    {
      name: 'custom middleware defined in the file that verifies a token',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
function gate(req, res, next) {
  const header = req.headers.authorization;
  if (!header) return res.status(401).end();
  req.user = jwt.verify(header.slice(7), process.env.SECRET);
  next();
}
app.get('/orders', gate, (req, res) => res.json([]));
`,
    },
    {
      name: 'team middleware name from settings, as name and as pattern',
      settings: { 'api-security': { authMiddleware: ['mustHaveBadge', '/^gatekeeper/u'] } },
      code: `
import express from 'express';
const app = express();
app.get('/orders', mustHaveBadge, (req, res) => res.json([]));
app.get('/invoices', gatekeeperStrict(), (req, res) => res.json([]));
`,
    },
    {
      name: 'public route pattern from options and settings',
      options: [{ publicRoutes: ['/catalog/**'] }],
      settings: { 'api-security': { publicRoutes: ['/pricing'] } },
      code: `
import express from 'express';
const app = express();
app.get('/catalog/items/:id', (req, res) => res.json({}));
app.get('/pricing', (req, res) => res.json({}));
`,
    },
    {
      name: 'router mounted in the same file behind auth',
      code: `
import express, { Router } from 'express';
const app = express();
const api = Router();
api.get('/orders', (req, res) => res.json([]));
app.use('/api', requireAuth, api);
`,
    },
    {
      name: 'exported router whose mount is in another file is not judged without type information',
      code: `
import { Router } from 'express';
const router = Router();
router.get('/orders', (req, res) => res.json([]));
export default router;
`,
    },
    {
      name: 'admin route with a role check',
      code: `
import express from 'express';
const app = express();
app.get('/admin/users', requireAuth, requireRole('admin'), (req, res) => res.json([]));
app.get('/admin/stats', requireAuth, (req, res) => {
  if (req.user.role !== 'admin') return res.sendStatus(403);
  res.json({});
});
`,
    },
    {
      name: 'settings mount declaration for this file',
      filename: 'src/routes/orders.ts',
      settings: { 'api-security': { mounts: [{ files: 'src/routes/**', prefix: '/api', middleware: ['requireAuth'] }] } },
      code: `
import { Router } from 'express';
const router = Router();
router.get('/orders', (req, res) => res.json([]));
export default router;
`,
    },
    {
      name: 'look-alikes are not routes',
      code: `
const cache = new Map();
cache.get('/orders');
axios.get('/orders', { headers: {} });
client.post('/orders', (err, data) => done(err, data));
`,
    },
  ],
  invalid: [
    {
      name: 'route without any authentication',
      code: `
import express from 'express';
const app = express();
app.get('/orders', (req, res) => res.json([]));
`,
      errors: [{
        messageId: 'unauthenticatedRoute', line: 4, column: 5, endColumn: 18,
        data: { method: 'GET', path: '/orders', framework: 'express' },
      }],
    },
    {
      name: 'app.use(auth) after the route does not protect it; suggestion reuses the middleware of the file',
      code: `
import express from 'express';
const app = express();
app.delete('/orders/:id', (req, res) => res.end());
app.use(requireAuth);
app.get('/orders', (req, res) => res.json([]));
`,
      errors: [{
        messageId: 'unauthenticatedRoute', line: 4,
        data: { method: 'DELETE', path: '/orders/:id', framework: 'express' },
        suggestions: [{
          messageId: 'addMiddleware',
          data: { middleware: 'requireAuth' },
          output: `
import express from 'express';
const app = express();
app.delete('/orders/:id', requireAuth, (req, res) => res.end());
app.use(requireAuth);
app.get('/orders', (req, res) => res.json([]));
`,
        }],
      }],
    },
    {
      name: 'path-scoped auth does not cover sibling paths',
      code: `
import express from 'express';
const app = express();
app.use('/api', passport.authenticate('jwt', { session: false }));
app.get('/api/orders', (req, res) => res.json([]));
app.get('/apiary', (req, res) => res.json([]));
`,
      errors: [{
        messageId: 'unauthenticatedRoute', line: 6,
        data: { method: 'GET', path: '/apiary', framework: 'express' },
        suggestions: [{
          messageId: 'addMiddleware',
          data: { middleware: "passport.authenticate('jwt', { session: false })" },
          output: `
import express from 'express';
const app = express();
app.use('/api', passport.authenticate('jwt', { session: false }));
app.get('/api/orders', (req, res) => res.json([]));
app.get('/apiary', passport.authenticate('jwt', { session: false }), (req, res) => res.json([]));
`,
        }],
      }],
    },
    {
      name: 'router mounted without auth; the configured middleware in scope is suggested',
      settings: { 'api-security': { authMiddleware: ['ensureMember'] } },
      code: `
import express from 'express';
import { ensureMember } from './auth';
const app = express();
const api = express.Router();
api.route('/orders').get((req, res) => res.json([]));
app.use('/api', api);
`,
      errors: [{
        messageId: 'unauthenticatedRoute', line: 6, column: 22, endColumn: 25,
        data: { method: 'GET', path: '/api/orders', framework: 'express' },
        suggestions: [{
          messageId: 'addMiddleware',
          data: { middleware: 'ensureMember' },
          output: `
import express from 'express';
import { ensureMember } from './auth';
const app = express();
const api = express.Router();
api.route('/orders').get(ensureMember, (req, res) => res.json([]));
app.use('/api', api);
`,
        }],
      }],
    },
    {
      name: 'a check that does not reject is not authentication',
      code: `
import express from 'express';
const app = express();
app.get('/feed', (req, res) => {
  const name = req.user ? req.user.name : 'guest';
  res.json({ name });
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'GET', path: '/feed', framework: 'express' } }],
    },
    {
      name: 'admin route authenticated but without a role check',
      code: `
import express from 'express';
const app = express();
app.use(requireAuth);
app.post('/admin/users/:id/ban', (req, res) => res.end());
`,
      errors: [{
        messageId: 'missingRoleCheck', line: 5,
        data: { method: 'POST', path: '/admin/users/:id/ban', framework: 'express', by: 'requireAuth', pattern: '**/admin/**' },
      }],
    },
    {
      name: 'ignoreDefaultPublicRoutes reports a /login route',
      options: [{ ignoreDefaultPublicRoutes: true }],
      code: `
import express from 'express';
const app = express();
app.post('/login', (req, res) => res.json({}));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'POST', path: '/login', framework: 'express' } }],
    },
    {
      name: 'reportUnresolvedMounts reports exported routers',
      options: [{ reportUnresolvedMounts: true }],
      code: `
import { Router } from 'express';
const router = Router();
router.get('/orders', (req, res) => res.json([]));
export default router;
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'GET', path: '/orders', framework: 'express' } }],
    },
    {
      name: 'settings mount declared public-facing still reports unauthenticated routes',
      filename: 'src/routes/orders.ts',
      settings: { 'api-security': { mounts: [{ files: 'src/routes/*.ts', prefix: '/api', authenticated: false }] } },
      code: `
import { Router } from 'express';
const router = Router();
router.get('/orders', (req, res) => res.json([]));
export default router;
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'GET', path: '/api/orders', framework: 'express' } }],
    },
  ],
});

const fixtureRoot = path.join(import.meta.dirname, '../fixtures/cross-file');
const typedTester = new RuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixtureRoot } },
});
const fixture = (file: string): { filename: string; code: string } => {
  return { filename: file, code: readFileSync(path.join(fixtureRoot, file), 'utf8') };
};

typedTester.run('no-unauthenticated-route (type-aware, routes mounted across files)', rule, {
  valid: [
    { name: 'router mounted behind requireAuth in app.ts', ...fixture('src/routes/admin.ts'), options: [{ roleRequiredRoutes: [] }] },
    { name: 'registration function called after app.use(requireAuth)', ...fixture('src/routes/reports.ts') },
    { name: 'router never mounted anywhere stays unknown', ...fixture('src/routes/orphan.ts') },
  ],
  invalid: [
    {
      name: 'router mounted without auth',
      ...fixture('src/routes/public.ts'),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'GET', path: '/public/catalog', framework: 'express' } }],
    },
    {
      name: 'registration function called before app.use(requireAuth)',
      ...fixture('src/routes/status.ts'),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'GET', path: '/internal/status', framework: 'express' } }],
    },
    {
      name: 'admin router mounted behind auth but with no role check',
      ...fixture('src/routes/admin.ts'),
      errors: [{ messageId: 'missingRoleCheck', line: 4, data: { method: 'GET', path: '/admin/users', framework: 'express', by: 'requireAuth', pattern: '**/admin/**' } }],
    },
  ],
});
