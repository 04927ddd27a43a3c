import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { readFileSync } from 'node:fs';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';
import roleRule from '../../src/rules/require-role-check.js';

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
app.get('/api/public/status', (req, res) => res.json({ ok: true }));
`,
    },
    {
      name: 'health checks under their common names, every route judged',
      options: [{ reportRoutes: 'all' }],
      code: `
import express from 'express';
const app = express();
app.get('/api/healthcheck', (req, res) => res.send('ok'));
app.get('/health-check', (req, res) => res.send('ok'));
app.get('/api/health_check', (req, res) => res.json({ up: true }));
app.get('/healthz', (req, res) => res.send('ok'));
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
      name: 'API key from a header or a session cookie compared in the handler',
      code: `
import express from 'express';
const app = express();
app.post('/jobs', (req, res) => {
  if (req.get('x-api-key') !== process.env.JOBS_KEY) return res.sendStatus(401);
  res.json({});
});
const sessions = new Map();
app.get('/cart', (req, res) => {
  const sid = req.cookies.sid;
  if (!sid || !sessions.has(sid)) return res.redirect('/signin');
  res.json({});
});
`,
    },
    {
      name: 'expressjwt(...).unless(...), app.all wildcard auth, and array paths in use',
      code: `
const express = require('express');
const { expressjwt } = require('express-jwt');
const app = express();
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/login'] }));
app.get('/orders', (req, res) => res.json([]));
const v2 = express();
v2.all('/v2/*', authenticate);
v2.get('/v2/orders', (req, res) => res.json([]));
const v3 = express();
v3.use(['/api', '/reports'], authenticate);
v3.get('/reports/daily', (req, res) => res.json([]));
v3.all('*', (req, res) => res.status(404).end());
`,
    },
    {
      name: 'common middleware names: verifyFirebaseToken, isAuth, loggedIn, firebaseAuth, auth.required',
      code: `
import express from 'express';
import { verifyFirebaseToken, isAuth, loggedIn, firebaseAuth, clerkAuth } from './middleware';
import auth from './auth';
const app = express();
app.get('/a', verifyFirebaseToken, (req, res) => res.json([]));
app.get('/b', isAuth, (req, res) => res.json([]));
app.get('/c', loggedIn, (req, res) => res.json([]));
app.get('/d', firebaseAuth, (req, res) => res.json([]));
app.get('/e', clerkAuth, (req, res) => res.json([]));
app.get('/f', auth.required, (req, res) => res.json([]));
`,
    },
    {
      name: 'webhooks authenticated by their signature check',
      code: `
import express from 'express';
import crypto from 'node:crypto';
const app = express();
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature'), process.env.WH_SECRET);
  res.json({ received: event.id });
});
app.post('/webhooks/github', (req, res) => {
  const expected = crypto.createHmac('sha256', process.env.GH_SECRET).update(req.rawBody).digest();
  if (!crypto.timingSafeEqual(expected, Buffer.from(req.get('x-hub-signature-256').slice(7), 'hex'))) return res.sendStatus(401);
  res.sendStatus(204);
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
      name: 'settings mount vouched for as authenticated',
      filename: 'src/routes/orders.ts',
      settings: { 'api-security': { mounts: [{ files: 'src/routes/**', prefix: '/api', authenticated: true }] } },
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
  invalid: reportingAllRoutes([
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
      name: 'auth.optional and a 404 catch-all do not authenticate',
      code: `
import express from 'express';
import auth from './auth';
const app = express();
app.get('/feed', auth.optional, (req, res) => res.json([]));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5, data: { method: 'GET', path: '/feed', framework: 'express' } }],
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
      name: 'a token in the body is input, not a credential: a lookup that answers 400 is not authentication',
      code: `
import express from 'express';
const app = express();
app.post('/account/recover', async (req, res) => {
  const user = await User.findOne({ resetToken: req.body.token });
  if (!user) return res.status(400).json({ error: 'invalid token' });
  await User.updateOne({ email: req.body.email }, { recovered: true });
  res.json({ ok: true });
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'POST', path: '/account/recover', framework: 'express' } }],
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
      errors: [{ messageId: 'unresolvedMountRoute', line: 4, data: { method: 'GET', path: '/orders', framework: 'express', mount: 'not found' } }],
    },
    {
      name: 'a settings mount with only a prefix makes the route judged under its full path',
      filename: 'src/routes/orders.ts',
      settings: { 'api-security': { mounts: [{ files: 'src/routes/*.ts', prefix: '/api' }] } },
      code: `
import { Router } from 'express';
const router = Router();
router.get('/orders', (req, res) => res.json([]));
router.get('/login', (req, res) => res.json([]));
export default router;
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'GET', path: '/api/orders', framework: 'express' } }],
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
  ]),
});

// Routes mounted across files (untyped and typed): tests/rules/cross-file-mounts.test.ts.

const fixtures = path.join(import.meta.dirname, '../fixtures');
const real = (file: string): { filename: string; code: string } => ({
  filename: path.join(fixtures, file),
  code: readFileSync(path.join(fixtures, file), 'utf8'),
});
const nestSnippet = path.join(fixtures, 'nest-app/snippets/src/orders/orders.controller.ts');

ruleTester.run('no-unauthenticated-route (NestJS)', rule, {
  valid: [
    {
      name: '@UseGuards on the controller class',
      filename: nestSnippet,
      code: `
import { Controller, Get, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
@Controller('orders')
@UseGuards(AuthGuard('jwt'))
export class OrdersController {
  @Get() list() { return []; }
  @Post() create() { return {}; }
}
`,
    },
    {
      name: '@UseGuards on the method, and a public decorator',
      filename: nestSnippet,
      code: `
import { Controller, Get, SetMetadata, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { Public } from '../auth/public.decorator';
@Controller('orders')
export class OrdersController {
  @UseGuards(JwtAuthGuard) @Get() list() { return []; }
  @Public() @Get('catalog') catalog() { return []; }
  @SetMetadata('isPublic', true) @Get('specials') specials() { return []; }
}
`,
    },
    {
      name: 'team guard from settings; admin route with RolesGuard',
      filename: nestSnippet,
      settings: { 'api-security': { authGuards: ['TenantGuard'] } },
      code: `
import { Controller, Get, UseGuards } from '@nestjs/common';
@Controller('admin')
@UseGuards(TenantGuard, RolesGuard)
export class AdminController {
  @Get('users') users() { return []; }
}
`,
    },
    {
      name: 'global APP_GUARD in the project’s app.module.ts protects every controller; @Public routes are public',
      ...real('nest-app/src/users/users.controller.ts'),
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'controller without guards; suggestion reuses a guard of the file and imports UseGuards',
      filename: nestSnippet,
      code: `
import { Controller, Get, Delete, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
@Controller('orders')
export class OrdersController {
  @UseGuards(JwtAuthGuard)
  @Get()
  list() { return []; }

  @Delete(':id')
  remove() { return {}; }
}
`,
      errors: [{
        messageId: 'unauthenticatedRoute', line: 10, column: 3, endColumn: 17,
        data: { method: 'DELETE', path: '/orders/:id', framework: 'nestjs' },
        suggestions: [{
          messageId: 'addGuard',
          data: { guard: 'JwtAuthGuard' },
          output: `
import { Controller, Get, Delete, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
@Controller('orders')
export class OrdersController {
  @UseGuards(JwtAuthGuard)
  @Get()
  list() { return []; }

  @UseGuards(JwtAuthGuard)
  @Delete(':id')
  remove() { return {}; }
}
`,
        }],
      }],
    },
    {
      name: 'the guard of another controller in the file is offered, with the UseGuards import added',
      filename: nestSnippet,
      code: `
import { Controller, Get } from '@nestjs/common';
import { Guarded } from './guarded';
@Controller('a')
export class AController {
  @Get() list() { return []; }
}
@Guarded() @Controller('b')
export class BController {}
@Controller('c')
export class CController { @Get() @UseGuardsLike() x() {} }
`,
      errors: [
        { messageId: 'unauthenticatedRoute', line: 6, data: { method: 'GET', path: '/a', framework: 'nestjs' } },
        { messageId: 'unauthenticatedRoute', line: 11, data: { method: 'GET', path: '/c', framework: 'nestjs' } },
      ],
    },
  ]),
});

ruleTester.run('no-unauthenticated-route (Next.js)', rule, {
  valid: [
    { name: 'middleware.ts with a matcher covering /api/admin redirects without a session', ...real('next-app/app/api/admin/users/route.ts'), options: [{ roleRequiredRoutes: [] }] },
    { name: 'health route is public by design', ...real('next-app/app/api/health/route.ts') },
    { name: 'Auth.js `auth` as middleware with an authorized callback', ...real('next-app/authjs-guarded/app/api/items/route.ts') },
    {
      name: 'session check in the route handler',
      filename: path.join(fixtures, 'next-app/snippets/app/api/orders/route.ts'),
      code: `
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  return NextResponse.json([]);
}
export const POST = withApiAuthRequired(async (req) => NextResponse.json({}));
`,
    },
    {
      name: 'NextAuth v5 auth() followed by a check',
      filename: path.join(fixtures, 'next-app/snippets/app/api/orders/route.ts'),
      code: `
import { auth } from '@/auth';
export async function DELETE(request: Request) {
  const session = await auth();
  if (!session?.user) return new Response('Unauthorized', { status: 401 });
  return Response.json({ ok: true });
}
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'Auth.js `auth` as middleware without an authorized callback lets requests through',
      ...real('next-app/authjs-open/app/api/items/route.ts'),
      errors: [{ messageId: 'unauthenticatedRoute', line: 1, data: { method: 'GET', path: '/api/items', framework: 'nextjs' } }],
    },
    {
      name: 'middleware that only adds a header does not authenticate',
      ...real('next-app/plain/app/api/items/route.ts'),
      errors: [{ messageId: 'unauthenticatedRoute', line: 1, column: 23, endColumn: 26, data: { method: 'GET', path: '/api/items', framework: 'nextjs' } }],
    },
    {
      name: 'route handler and pages API handler without any check',
      filename: path.join(fixtures, 'next-app/snippets/app/api/orders/[id]/route.ts'),
      code: `
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return Response.json({ id });
}
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 2, data: { method: 'PATCH', path: '/api/orders/[id]', framework: 'nextjs' } }],
    },
    {
      name: 'pages router API handler',
      filename: path.join(fixtures, 'next-app/snippets/pages/api/orders.ts'),
      code: `
export default async function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  res.status(201).json({ ok: true });
}
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 2, data: { method: 'POST', path: '/api/orders', framework: 'nextjs' } }],
    },
  ]),
});

ruleTester.run('no-unauthenticated-route (Fastify)', rule, {
  valid: [
    {
      name: 'onRequest hook on the route, and preHandler array',
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.get('/orders', { onRequest: [fastify.authenticate] }, async (request, reply) => []);
fastify.route({ method: 'POST', url: '/orders', preHandler: [verifyJwt], handler: async (request) => ({}) });
`,
    },
    {
      name: 'addHook inside an encapsulated plugin protects that plugin’s routes',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.register(async (instance) => {
  instance.addHook('onRequest', async (request) => { await request.jwtVerify(); });
  instance.get('/orders', async () => []);
}, { prefix: '/api' });
app.get('/health', async () => ({ ok: true }));
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'a sibling plugin does not inherit the hook; a route before addHook is not protected',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.register(async (secure) => {
  secure.addHook('onRequest', secure.authenticate);
  secure.get('/orders', async () => []);
});
app.register(async (open) => {
  open.get('/invoices', async () => []);
});
app.get('/reports', async () => []);
app.addHook('preHandler', app.authenticate);
app.get('/exports', async () => []);
`,
      errors: [
        {
          messageId: 'unauthenticatedRoute', line: 9, data: { method: 'GET', path: '/invoices', framework: 'fastify' },
          suggestions: [{
            messageId: 'addMiddleware',
            data: { middleware: 'onRequest: [app.authenticate]' },
            output: `
import Fastify from 'fastify';
const app = Fastify();
app.register(async (secure) => {
  secure.addHook('onRequest', secure.authenticate);
  secure.get('/orders', async () => []);
});
app.register(async (open) => {
  open.get('/invoices', { onRequest: [app.authenticate] }, async () => []);
});
app.get('/reports', async () => []);
app.addHook('preHandler', app.authenticate);
app.get('/exports', async () => []);
`,
          }],
        },
        {
          messageId: 'unauthenticatedRoute', line: 11, data: { method: 'GET', path: '/reports', framework: 'fastify' },
          suggestions: [{
            messageId: 'addMiddleware',
            data: { middleware: 'onRequest: [app.authenticate]' },
            output: `
import Fastify from 'fastify';
const app = Fastify();
app.register(async (secure) => {
  secure.addHook('onRequest', secure.authenticate);
  secure.get('/orders', async () => []);
});
app.register(async (open) => {
  open.get('/invoices', async () => []);
});
app.get('/reports', { onRequest: [app.authenticate] }, async () => []);
app.addHook('preHandler', app.authenticate);
app.get('/exports', async () => []);
`,
          }],
        },
      ],
    },
    {
      name: 'an autoloaded route file that does not import fastify',
      code: `
module.exports = async function (fastify, opts) {
  fastify.get('/audit-log', async () => []);
  fastify.get('/me', { onRequest: [fastify.authenticate] }, async (request) => request.user);
};
`,
      options: [{ reportUnresolvedMounts: true }],
      errors: [{
        messageId: 'unresolvedMountRoute', line: 3, data: { method: 'GET', path: '/audit-log', framework: 'fastify', mount: 'not found' },
        suggestions: [{
          messageId: 'addMiddleware',
          data: { middleware: 'onRequest: [fastify.authenticate]' },
          output: `
module.exports = async function (fastify, opts) {
  fastify.get('/audit-log', { onRequest: [fastify.authenticate] }, async () => []);
  fastify.get('/me', { onRequest: [fastify.authenticate] }, async (request) => request.user);
};
`,
        }],
      }],
    },
    {
      name: 'route options without an auth hook',
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.route({ method: ['PUT', 'PATCH'], url: '/orders/:id', preValidation: [validateBody], handler: async () => ({}) });
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'PUT|PATCH', path: '/orders/:id', framework: 'fastify' } }],
    },
  ]),
});

ruleTester.run('no-unauthenticated-route (Koa)', rule, {
  valid: [
    {
      name: 'inline middleware and router.use before the routes',
      code: `
import Router from '@koa/router';
const router = new Router({ prefix: '/api' });
router.get('/orders', requireAuth, async (ctx) => { ctx.body = []; });
router.use(koaJwt({ secret: process.env.SECRET }));
router.post('/orders', async (ctx) => { ctx.body = {}; });
`,
    },
    {
      name: 'app.use(auth) before mounting the router',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/orders', async (ctx) => { ctx.body = []; });
app.use(jwt({ secret: process.env.SECRET }));
app.use(router.routes());
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'router mounted before app.use(auth); suggestion inserts the middleware',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/orders', async (ctx) => { ctx.body = []; });
router.get('/me', requireAuth, async (ctx) => { ctx.body = ctx.state.user; });
app.use(router.routes());
app.use(requireAuth);
`,
      errors: [{
        messageId: 'unauthenticatedRoute', line: 6,
        data: { method: 'GET', path: '/orders', framework: 'koa' },
        suggestions: [{
          messageId: 'addMiddleware',
          data: { middleware: 'requireAuth' },
          output: `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/orders', requireAuth, async (ctx) => { ctx.body = []; });
router.get('/me', requireAuth, async (ctx) => { ctx.body = ctx.state.user; });
app.use(router.routes());
app.use(requireAuth);
`,
        }],
      }],
    },
  ]),
});

ruleTester.run('no-unauthenticated-route (Hapi)', rule, {
  valid: [
    {
      name: 'server.auth.default protects routes; auth: false marks a public route',
      code: `
import Hapi from '@hapi/hapi';
const server = Hapi.server({ port: 3000 });
server.auth.strategy('jwt', 'jwt', { key: process.env.KEY });
server.auth.default('jwt');
server.route({ method: 'GET', path: '/orders', handler: () => [] });
server.route({ method: 'GET', path: '/catalog', options: { auth: false, handler: () => [] } });
`,
    },
    {
      name: 'admin routes restricted by auth scope',
      code: `
import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.auth.default('jwt');
server.route({ method: 'POST', path: '/admin/refunds', options: { auth: { strategy: 'jwt', scope: ['admin'] }, handler: () => null } });
server.route({ method: 'GET', path: '/admin/stats', options: { auth: { access: { scope: 'admin' } }, handler: () => null } });
`,
    },
    {
      name: 'auth strategy on the route',
      code: `
import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.route([{ method: 'POST', path: '/orders', options: { auth: 'session', handler: () => ({}) } }]);
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'route without auth config and no default; optional auth mode does not reject',
      code: `
import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.route({ method: 'DELETE', path: '/orders/{id}', handler: () => ({}) });
server.route({ method: 'GET', path: '/feed', options: { auth: { mode: 'optional', strategy: 'jwt' }, handler: () => [] } });
`,
      errors: [
        { messageId: 'unauthenticatedRoute', line: 4, data: { method: 'DELETE', path: '/orders/{id}', framework: 'hapi' } },
        { messageId: 'unauthenticatedRoute', line: 5, data: { method: 'GET', path: '/feed', framework: 'hapi' } },
      ],
    },
  ]),
});

ruleTester.run('no-unauthenticated-route (Hono)', rule, {
  valid: [
    {
      name: 'app.use with a path pattern and route middleware',
      code: `
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
import { bearerAuth } from 'hono/bearer-auth';
const app = new Hono();
app.use('/api/*', jwt({ secret: process.env.SECRET }));
app.get('/api/orders', (c) => c.json([]));
app.post('/webhooks/ci', bearerAuth({ token: process.env.CI_TOKEN }), (c) => c.json({}));
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'path outside the protected pattern, and a route registered before use',
      code: `
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.get('/orders', (c) => c.json([]));
app.use('/api/*', jwt({ secret: process.env.SECRET }));
app.get('/api/orders', (c) => c.json([]));
app.get('/reports', (c) => c.json([]));
`,
      errors: [
        {
          messageId: 'unauthenticatedRoute', line: 5, data: { method: 'GET', path: '/orders', framework: 'hono' },
          suggestions: [{
            messageId: 'addMiddleware',
            data: { middleware: 'jwt({ secret: process.env.SECRET })' },
            output: `
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.get('/orders', jwt({ secret: process.env.SECRET }), (c) => c.json([]));
app.use('/api/*', jwt({ secret: process.env.SECRET }));
app.get('/api/orders', (c) => c.json([]));
app.get('/reports', (c) => c.json([]));
`,
          }],
        },
        {
          messageId: 'unauthenticatedRoute', line: 8, data: { method: 'GET', path: '/reports', framework: 'hono' },
          suggestions: [{
            messageId: 'addMiddleware',
            data: { middleware: 'jwt({ secret: process.env.SECRET })' },
            output: `
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.get('/orders', (c) => c.json([]));
app.use('/api/*', jwt({ secret: process.env.SECRET }));
app.get('/api/orders', (c) => c.json([]));
app.get('/reports', jwt({ secret: process.env.SECRET }), (c) => c.json([]));
`,
          }],
        },
      ],
    },
  ]),
});

ruleTester.run('no-unauthenticated-route (Hono entry point)', rule, {
  valid: [],
  invalid: reportingAllRoutes([
    {
      name: 'a default-exported app is the Workers/Bun entry point and is judged',
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/internal/flush', (c) => c.json({ ok: true }));
export default app;
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'POST', path: '/internal/flush', framework: 'hono' } }],
    },
  ]),
});

ruleTester.run('no-unauthenticated-route (node:http)', rule, {
  valid: [
    {
      name: 'handler that checks the Authorization header and rejects',
      code: `
import http from 'node:http';
http.createServer((req, res) => {
  if (req.headers.authorization !== \`Bearer \${process.env.TOKEN}\`) {
    res.writeHead(401).end();
    return;
  }
  res.end('ok');
}).listen(8080);
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'server that answers everyone',
      code: `
import http from 'node:http';
const server = http.createServer((req, res) => { res.end(JSON.stringify({ uptime: process.uptime() })); });
server.listen(8080);
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3, data: { method: 'ALL', path: '(dynamic path)', framework: 'node-http' } }],
    },
  ]),
});

// The role check moved from no-unauthenticated-route to require-role-check: the same routes,
// clean for the first, reported by the second.
ruleTester.run('no-unauthenticated-route: admin routes (an authenticated route without a role check is require-role-check\'s)', rule, {
  valid: [
    {
      name: 'authenticated, so clean here: admin route authenticated but without a role check',
      code: `
import express from 'express';
const app = express();
function requireAuth(req, res, next) { if (!req.session.userId) return res.sendStatus(401); next(); }
app.use(requireAuth);
app.post('/admin/users/:id/ban', (req, res) => res.end());
`,
    },
    {
      name: 'authenticated, so clean here: admin controller authenticated without a role check',
      filename: nestSnippet,
      code: `
import { Controller, Get, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
class JwtAuthGuard extends AuthGuard('jwt') {}
@Controller('admin')
@UseGuards(JwtAuthGuard)
export class AdminController {
  @Get('users') users() { return []; }
}
`,
    },
  ],
  invalid: reportingAllRoutes([]),
});

ruleTester.run('require-role-check: admin routes', roleRule, {
  valid: [],
  invalid: [
    {
      name: 'admin route authenticated but without a role check',
      code: `
import express from 'express';
const app = express();
function requireAuth(req, res, next) { if (!req.session.userId) return res.sendStatus(401); next(); }
app.use(requireAuth);
app.post('/admin/users/:id/ban', (req, res) => res.end());
`,
      errors: [{
        messageId: 'missingRoleCheck', line: 6,
        data: { method: 'POST', path: '/admin/users/:id/ban', framework: 'express', by: '`requireAuth`', pattern: '**/admin/**' },
      }],
    },
    {
      name: 'admin controller authenticated without a role check',
      filename: nestSnippet,
      code: `
import { Controller, Get, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
class JwtAuthGuard extends AuthGuard('jwt') {}
@Controller('admin')
@UseGuards(JwtAuthGuard)
export class AdminController {
  @Get('users') users() { return []; }
}
`,
      errors: [{
        messageId: 'missingRoleCheck', line: 8,
        data: { method: 'GET', path: '/admin/users', framework: 'nestjs', by: '`JwtAuthGuard`', pattern: '**/admin/**' },
      }],
    },
  ],
});
