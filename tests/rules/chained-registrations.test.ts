import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-unauthenticated-route.js';
import sqlRule from '../../src/rules/no-sql-injection.js';
import { routesOf } from '../helpers/routes.js';

/*
 * Registration methods return what they register on: Express's `app.get(…)`, `router.post(…)` and
 * `use(…)` return the app or router, Fastify's `fastify.get(…)` the instance, Hono's `app.get(…)`
 * the app, @koa/router's `router.get(…)` the router. So `router.get('/a', a).post('/b', auth, b)`
 * registers two routes, each with its own path, middleware and handler: middleware of one link
 * does not protect another, and a `use(auth)` link protects only the links after it.
 *
 * A router that a function of the same file builds and returns (`function notes(db) { const r =
 * express.Router(); r.post(…); return r; }`) is mounted where the caller mounts the call's result
 * (`app.use('/notes', requireUser, notes(db))`, or through a `const`): its routes take the mount's
 * prefix and what runs before the mount, once per mount.
 */

const requireUser = `function requireUser(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: 'sign in' });
  next();
}`;

const summary = (code: string): string[] => routesOf(code).map((route) => `${route.methods.join(',')} ${route.path ?? '?'} [${route.guards.join(' ')}]`);

describe('route model: every link of a chain is a route', () => {
  it('Express router: each link with its own path and middleware, under the mount prefix', () => {
    expect(
      summary(`import express from 'express';
${requireUser}
const app = express();
const shelf = express.Router();
shelf.get('/books', (req, res) => res.json([])).post('/books', requireUser, (req, res) => res.status(201).end()).delete('/books/:isbn', (req, res) => res.end());
app.use('/shelf', shelf);
`),
    ).toEqual(['GET /shelf/books []', 'POST /shelf/books [middleware:route:requireUser]', 'DELETE /shelf/books/:isbn []']);
  });

  it('Express app: a use(auth) link protects the links after it, not the ones before', () => {
    expect(
      summary(`import express from 'express';
${requireUser}
const app = express();
app
  .get('/ping', (req, res) => res.send('pong'))
  .use(requireUser)
  .put('/settings', (req, res) => res.end());
`),
    ).toEqual(['GET /ping []', 'PUT /settings [middleware:app:requireUser]']);
  });

  it('a chain on route(path) and a chain that continues into route(path)', () => {
    expect(
      summary(`import express from 'express';
const app = express();
const files = express.Router();
app.route('/tags').get((req, res) => res.json([])).post((req, res) => res.end());
files.get('/recent', (req, res) => res.json([])).route('/file/:id').get((req, res) => res.end()).patch((req, res) => res.end());
app.use('/files', files);
`),
    ).toEqual(['GET /tags []', 'POST /tags []', 'GET /files/recent []', 'GET /files/file/:id []', 'PATCH /files/file/:id []']);
  });

  it('a router held by a const that a chain started on, mounted with a prefix', () => {
    expect(
      summary(`const express = require('express');
const app = express();
const tags = express.Router().get('/', (req, res) => res.json([])).post('/', (req, res) => res.end());
app.use('/tags', tags);
`),
    ).toEqual(['GET /tags []', 'POST /tags []']);
  });

  it('a router created and chained in the mount itself takes the prefix and the mount guards; a parser call stays middleware', () => {
    expect(
      summary(`import express from 'express';
${requireUser}
const app = express();
app.use('/tags', requireUser, express.Router().get('/', (req, res) => res.json([])).post('/', (req, res) => res.end()));
app.use('/open', express.json(), express.Router().put('/x', (req, res) => res.end()));
`),
    ).toEqual(['GET /tags [middleware:mount:requireUser]', 'POST /tags [middleware:mount:requireUser]', 'PUT /open/x [middleware:mount:express.json]']);
  });

  it('Fastify, Hono and @koa/router chains', () => {
    expect(
      summary(`import Fastify from 'fastify';
const fastify = Fastify();
async function verify(request, reply) { await request.jwtVerify(); }
fastify.get('/a', async () => 'a').post('/b', { preHandler: verify }, async () => 'b').addHook('onRequest', verify).delete('/c', async () => 'c');
`),
    ).toEqual(['GET /a []', 'POST /b [hook:route:verify]', 'DELETE /c [hook:app:verify]']);
    expect(
      summary(`import { Hono } from 'hono';
const app = new Hono();
const gate = async (c, next) => { if (!c.get('user')) return c.text('no', 401); await next(); };
app.get('/a', (c) => c.text('a')).post('/b', gate, (c) => c.text('b')).use(gate).delete('/c', (c) => c.text('c'));
`),
    ).toEqual(['GET /a []', 'POST /b [middleware:route:gate]', 'DELETE /c [middleware:app:gate]']);
    expect(
      summary(`import Router from '@koa/router';
const router = new Router();
async function gate(ctx, next) { if (!ctx.state.user) ctx.throw(401); await next(); }
router.get('/a', async (ctx) => { ctx.body = 'a'; }).post('/b', gate, async (ctx) => { ctx.body = 'b'; }).use(gate).del('/c', async (ctx) => { ctx.status = 204; });
`),
    ).toEqual(['GET /a []', 'POST /b [middleware:route:gate]', 'DELETE /c [middleware:router:gate]']);
  });

  it('a Restify route method returns the route, not the server: no chain is read through it', () => {
    expect(
      summary(`const restify = require('restify');
const server = restify.createServer();
server.get('/a', (req, res, next) => { res.send('a'); next(); }).post('/b', (req, res, next) => { res.send('b'); next(); });
`),
    ).toEqual(['GET /a []']);
  });

  it('a helper router mounted twice: one copy of each route per mount, each with its mount', () => {
    expect(
      summary(`import express from 'express';
${requireUser}
const app = express();
function notes(store) {
  const r = express.Router();
  r.post('/add', (req, res) => { store.push(req.body); res.end(); });
  return r;
}
app.use('/mine', requireUser, notes([]));
const shared = notes([]);
app.use('/shared', shared);
`),
    ).toEqual(['POST /mine/add [middleware:mount:requireUser]', 'POST /shared/add []']);
  });

  it('a route added to a const of the result of a helper, before its mount, is read on the router of the helper', () => {
    expect(
      summary(`import express from 'express';
const app = express();
function notes() {
  const r = express.Router();
  r.post('/add', (req, res) => res.end());
  return r;
}
const archive = notes();
archive.get('/all', (req, res) => res.json([]));
app.use('/archive', archive);
`),
    ).toEqual(['POST /archive/add []', 'GET /archive/all []']);
  });

  it('a helper with an early return of null is still its router; one returning another value beside it gives no mount', () => {
    expect(
      summary(`import express from 'express';
${requireUser}
const app = express();
function notes(store) {
  if (!store) return undefined;
  const r = express.Router();
  r.post('/add', (req, res) => res.end());
  return r;
}
function maybe(store) {
  const r = express.Router();
  r.post('/edit', (req, res) => res.end());
  return store ? r : store;
}
app.use('/mine', requireUser, notes([]));
app.use('/guest', notes([]));
app.use('/other', requireUser, maybe([]));
`),
    ).toEqual(['POST /mine/add [middleware:mount:requireUser]', 'POST /guest/add []', 'POST /edit []']);
  });

  it('a function returning two different routers, or a router it did not create, gives no mount', () => {
    expect(
      summary(`import express from 'express';
const app = express();
const a = express.Router();
a.get('/a', (req, res) => res.end());
function pick(flag) {
  const b = express.Router();
  b.get('/b', (req, res) => res.end());
  return flag ? a : b;
}
function either(flag) { if (flag) return a; const b = express.Router(); b.get('/c', (req, res) => res.end()); return b; }
app.use('/x', pick(true));
app.use('/y', either(true));
`),
    ).toEqual(['GET /a []', 'GET /b []', 'GET /c []']);
  });
});

const ruleTester = new RuleTester();
const all: [{ reportRoutes: 'all' }] = [{ reportRoutes: 'all' }];

ruleTester.run('no-unauthenticated-route: chained registrations', rule, {
  valid: [
    {
      name: 'Express: every link has its own auth middleware',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
const router = express.Router();
router.get('/drafts', requireUser, (req, res) => res.json([])).post('/drafts', requireUser, (req, res) => res.end());
app.use('/api', router);
`,
    },
    {
      name: 'Express: auth mounted before the router covers every link',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
const router = express.Router();
router.get('/drafts', (req, res) => res.json([])).post('/drafts', (req, res) => res.end());
app.use('/api', requireUser, router);
`,
    },
    {
      name: 'a router chained in the mount behind auth',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
app.use('/tags', requireUser, express.Router().get('/', (req, res) => res.json([])).post('/', (req, res) => res.end()));
`,
    },
    {
      name: 'helper router mounted behind auth',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
function notes(store) {
  const r = express.Router();
  r.post('/add', (req, res) => { store.push(req.body); res.end(); });
  return r;
}
app.use('/notes', requireUser, notes([]));
`,
    },
    {
      name: 'helper router (an arrow returning a chain) mounted after app.use(auth), through a const',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
const notes = (store) => express.Router().post('/add', (req, res) => { store.push(req.body); res.end(); });
app.use(requireUser);
const mine = notes([]);
app.use('/notes', mine);
`,
    },
  ],
  invalid: [
    {
      name: 'Express router: the auth of one link does not protect the other links (prefixed paths)',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
const router = express.Router();
router.get('/drafts', requireUser, (req, res) => res.json([])).post('/drafts', (req, res) => res.end()).delete('/drafts/:id', (req, res) => res.end());
app.use('/api', router);
`,
      errors: [
        {
          messageId: 'unauthenticatedRoute', line: 8, column: 64, data: { method: 'POST', path: '/api/drafts', framework: 'express' }, suggestions: [{ messageId: 'addMiddleware', data: { middleware: 'requireUser' }, output: `import express from 'express';
${requireUser}
const app = express();
const router = express.Router();
router.get('/drafts', requireUser, (req, res) => res.json([])).post('/drafts', requireUser, (req, res) => res.end()).delete('/drafts/:id', (req, res) => res.end());
app.use('/api', router);
` }] },
        {
          messageId: 'unauthenticatedRoute', line: 8, column: 105, data: { method: 'DELETE', path: '/api/drafts/:id', framework: 'express' }, suggestions: [{ messageId: 'addMiddleware', data: { middleware: 'requireUser' }, output: `import express from 'express';
${requireUser}
const app = express();
const router = express.Router();
router.get('/drafts', requireUser, (req, res) => res.json([])).post('/drafts', (req, res) => res.end()).delete('/drafts/:id', requireUser, (req, res) => res.end());
app.use('/api', router);
` }] },
      ],
    },
    {
      name: 'Express app: a link before use(auth) stays unprotected, on its own line',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
app
  .get('/export', (req, res) => res.json([]))
  .use(requireUser)
  .get('/me', (req, res) => res.json({}));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, column: 4, data: { method: 'GET', path: '/export', framework: 'express' }, suggestions: [{ messageId: 'addMiddleware', data: { middleware: 'requireUser' }, output: `import express from 'express';
${requireUser}
const app = express();
app
  .get('/export', requireUser, (req, res) => res.json([]))
  .use(requireUser)
  .get('/me', (req, res) => res.json({}));
` }] }],
    },
    {
      name: 'Express: a chain on route(path) with auth on one method only',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
app.route('/profile').get(requireUser, (req, res) => res.json({})).put((req, res) => res.end());
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 7, column: 68, data: { method: 'PUT', path: '/profile', framework: 'express' }, suggestions: [{ messageId: 'addMiddleware', data: { middleware: 'requireUser' }, output: `import express from 'express';
${requireUser}
const app = express();
app.route('/profile').get(requireUser, (req, res) => res.json({})).put(requireUser, (req, res) => res.end());
` }] }],
    },
    {
      name: 'a router chained in the mount without auth: reported with the prefix',
      options: all,
      code: `import express from 'express';
const app = express();
app.use('/tags', express.Router().post('/', (req, res) => res.end()));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3, column: 35, data: { method: 'POST', path: '/tags', framework: 'express' } }],
    },
    {
      name: 'Fastify: the preHandler of one link does not protect the next',
      options: all,
      code: `import Fastify from 'fastify';
const fastify = Fastify();
async function verify(request, reply) { await request.jwtVerify(); }
fastify.get('/keys', { preHandler: verify }, async () => []).post('/keys', async () => ({}));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, column: 62, data: { method: 'POST', path: '/keys', framework: 'fastify' } }],
    },
    {
      name: 'Hono: the middleware of one link does not protect the next',
      options: all,
      code: `import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.get('/keys', jwt({ secret: process.env.JWT_SECRET }), (c) => c.json([])).post('/keys', (c) => c.json({}));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, column: 78, data: { method: 'POST', path: '/keys', framework: 'hono' }, suggestions: [{ messageId: 'addMiddleware', data: { middleware: 'jwt({ secret: process.env.JWT_SECRET })' }, output: `import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.get('/keys', jwt({ secret: process.env.JWT_SECRET }), (c) => c.json([])).post('/keys', jwt({ secret: process.env.JWT_SECRET }), (c) => c.json({}));
` }] }],
    },
    {
      name: '@koa/router: the middleware of one link does not protect the next',
      options: all,
      code: `import Router from '@koa/router';
const router = new Router();
async function gate(ctx, next) { if (!ctx.state.user) ctx.throw(401); await next(); }
router.get('/keys', gate, async (ctx) => { ctx.body = []; }).post('/keys', async (ctx) => { ctx.body = {}; });
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, column: 62, data: { method: 'POST', path: '/keys', framework: 'koa' }, suggestions: [{ messageId: 'addMiddleware', data: { middleware: 'gate' }, output: `import Router from '@koa/router';
const router = new Router();
async function gate(ctx, next) { if (!ctx.state.user) ctx.throw(401); await next(); }
router.get('/keys', gate, async (ctx) => { ctx.body = []; }).post('/keys', gate, async (ctx) => { ctx.body = {}; });
` }] }],
    },
    {
      name: 'helper router mounted without auth: reported by default (it writes), with the prefixed path',
      code: `import express from 'express';
const app = express();
function notes(store) {
  const r = express.Router();
  r.post('/add', (req, res) => { store.add(req.body); res.send('ok'); });
  return r;
}
app.use('/notes', notes(new Map()));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5, column: 5, data: { method: 'POST', path: '/notes/add', framework: 'express' } }],
    },
    {
      name: 'helper router through a const, mounted without auth',
      options: all,
      code: `import express from 'express';
const app = express();
function notes(store) {
  const r = express.Router();
  r.post('/add', (req, res) => { store.add(req.body); res.send('ok'); });
  return r;
}
const archive = notes(db);
app.use('/archive', archive);
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5, column: 5, data: { method: 'POST', path: '/archive/add', framework: 'express' } }],
    },
    {
      name: 'helper called twice: the mount behind auth is not reported, the other is',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
function notes(store) {
  const r = express.Router();
  r.post('/add', (req, res) => { store.add(req.body); res.send('ok'); });
  return r;
}
app.use('/mine', requireUser, notes(new Map()));
app.use('/guest', notes(new Map()));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 9, column: 5, data: { method: 'POST', path: '/guest/add', framework: 'express' }, suggestions: [{ messageId: 'addMiddleware', data: { middleware: 'requireUser' }, output: `import express from 'express';
${requireUser}
const app = express();
function notes(store) {
  const r = express.Router();
  r.post('/add', requireUser, (req, res) => { store.add(req.body); res.send('ok'); });
  return r;
}
app.use('/mine', requireUser, notes(new Map()));
app.use('/guest', notes(new Map()));
` }] }],
    },
    {
      name: 'a helper with an early return of null, called twice: the mount behind auth is not reported, the other is',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
function notes(store) {
  if (!store) return null;
  const r = express.Router();
  r.post('/add', (req, res) => { store.add(req.body); res.send('ok'); });
  return r;
}
app.use('/mine', requireUser, notes(new Map()));
app.use('/guest', notes(new Map()));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10, column: 5, data: { method: 'POST', path: '/guest/add', framework: 'express' }, suggestions: [{ messageId: 'addMiddleware', data: { middleware: 'requireUser' }, output: `import express from 'express';
${requireUser}
const app = express();
function notes(store) {
  if (!store) return null;
  const r = express.Router();
  r.post('/add', requireUser, (req, res) => { store.add(req.body); res.send('ok'); });
  return r;
}
app.use('/mine', requireUser, notes(new Map()));
app.use('/guest', notes(new Map()));
` }] }],
    },
    {
      name: 'auth registered after the helper mount does not protect it',
      options: all,
      code: `import express from 'express';
${requireUser}
const app = express();
function notes(store) {
  const r = express.Router();
  r.post('/add', (req, res) => { store.add(req.body); res.send('ok'); });
  return r;
}
app.use('/notes', notes(new Map()));
app.use(requireUser);
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 9, column: 5, data: { method: 'POST', path: '/notes/add', framework: 'express' } }],
    },
  ],
});

ruleTester.run('no-sql-injection: handlers of chained links', sqlRule, {
  valid: [],
  invalid: [
    {
      name: 'the handler of a later link is a route handler',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const router = express.Router();
router.get('/ok', (req, res) => res.end()).get('/find', (q, s) => pool.query('SELECT * FROM t WHERE n = ' + q.query.n).then((r) => s.json(r.rows)));
`,
      errors: [{ messageId: 'sqlInjection', line: 5 }],
    },
  ],
});
