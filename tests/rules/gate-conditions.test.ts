import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

// A middleware, hook, guard or wrapper that turns requests away (401, 403, a throw) authenticates
// only when the condition it turns them away on is about the caller: a principal of the request,
// a credential it sent, or what a verification of one returned. A gate on the app's settings, the
// environment, the method, the path, a feature flag or a counter turns away everybody alike.
const ruleTester = new RuleTester();

ruleTester.run('gates on the caller authenticate (Express)', rule, {
  valid: [
    {
      name: 'no user: 403',
      code: `
import express from 'express';
const app = express();
function signedIn(req, res, next) {
  if (!req.user) return res.status(403).json({ message: 'sign in first' });
  next();
}
app.post('/notes/:id', signedIn, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'no user id in the session',
      code: `
import express from 'express';
const app = express();
const hasSession = (req, res, next) => {
  if (!req.session?.userId) { res.sendStatus(403); return; }
  next();
};
app.put('/notes/:id', hasSession, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'a token header verified with jsonwebtoken in try, the catch answering 401',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
function bearer(req, res, next) {
  try {
    const raw = (req.headers.authorization || '').slice(7);
    req.caller = jwt.verify(raw, process.env.JWT_KEY);
    next();
  } catch {
    res.status(401).send('who are you');
  }
}
app.delete('/notes/:id', bearer, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'an API key looked up, 401 when none matches',
      code: `
import express from 'express';
const app = express();
async function keyHolder(req, res, next) {
  const presented = req.get('x-api-key');
  const holder = await db.keys.findOne({ where: { key: presented } });
  if (!holder) return res.status(401).end();
  next();
}
app.post('/jobs', keyHolder, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'a gate that turns away both the anonymous and everyone in read-only mode',
      code: `
import express from 'express';
const app = express();
function writer(req, res, next) {
  if (!req.user || req.app.locals.readOnly) return res.status(403).json({ message: 'no' });
  next();
}
app.post('/items/:id', writer, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'a role check of the principal, answering 403',
      code: `
import express from 'express';
const app = express();
function adminsOnly(req, res, next) {
  if (req.user.role !== 'admin') return res.status(403).end();
  next();
}
app.delete('/users/:id', adminsOnly, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'a role helper of the project given the user the middleware was handed',
      code: `
import express from 'express';
const app = express();
function mustManage(user) {
  if (!user.isAdmin) throw Object.assign(new Error('forbidden'), { status: 403 });
}
function managers(req, res, next) {
  mustManage(req.user);
  next();
}
app.delete('/teams/:id', managers, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'the user read from a token sent in a cookie, then its role compared',
      code: `
import express from 'express';
const app = express();
async function staff(req, res, next) {
  const account = await sessions.accountFor(req.cookies.sid);
  if (account?.kind !== 'staff') return res.status(403).end();
  next();
}
app.delete('/pages/:id', staff, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'a role an earlier middleware put in the response locals',
      code: `
import express from 'express';
const app = express();
function editors(req, res, next) {
  if (res.locals.role !== 'editor') return res.status(403).end();
  next();
}
app.put('/pages/:id', editors, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'an admin flag of a principal a middleware of the project set under its own name',
      code: `
import express from 'express';
const app = express();
function adminsOnly(req, res, next) {
  if (req.accountability?.admin !== true) return next(Object.assign(new Error('forbidden'), { status: 403 }));
  next();
}
app.post('/settings', adminsOnly, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'a helper of the project given the request asks a permission service about it',
      code: `
import express from 'express';
import { permissions } from './permissions';
const app = express();
function mayWrite(request) {
  return permissions.allows(request, 'write');
}
app.put('/course', (req, res) => {
  if (!mayWrite(req)) return res.status(403).json({ message: 'not allowed' });
  res.send('ok');
});
`,
    },
    {
      name: 'a role of a principal read through a renamed request, and a role helper given a member set per request',
      code: `
import express from 'express';
const app = express();
function writers(req, res, next) {
  const request = req;
  if (request.principal?.permissions === 'readwrite') return next();
  res.status(403).end();
}
function owners(req, res, next) {
  if (!isAdmin(req.accountability)) return res.sendStatus(403);
  next();
}
app.put('/boats/:id', writers, (req, res) => res.send('ok'));
app.delete('/boats/:id', owners, (req, res) => res.send('ok'));
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'a read-only gate on the app settings',
      code: `
import express from 'express';
const router = express();
function readOnlyGate(req, res, next) {
  if (req.app.locals.readOnly) return res.status(403).json({ message: 'read-only' });
  next();
}
router.post('/items/:id', readOnlyGate, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'POST', path: '/items/:id', framework: 'express' } }],
    },
    {
      name: 'a maintenance gate on the environment, answering 401',
      code: `
import express from 'express';
const app = express();
const maintenance = (req, res, next) => {
  if (process.env.MAINTENANCE === '1') return res.status(401).send('come back later');
  next();
};
app.put('/items/:id', maintenance, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'PUT', path: '/items/:id', framework: 'express' } }],
    },
    {
      name: 'a gate on the method',
      code: `
import express from 'express';
const app = express();
function noWrites(req, res, next) {
  if (req.method === 'POST' || req.method === 'DELETE') { res.status(403).end(); return; }
  next();
}
app.delete('/items/:id', noWrites, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'DELETE', path: '/items/:id', framework: 'express' } }],
    },
    {
      name: 'a feature flag and a counter, in a factory',
      code: `
import express from 'express';
const app = express();
const flags = { uploads: false };
let served = 0;
const limited = (max) => (req, res, next) => {
  served += 1;
  if (!flags.uploads) return res.sendStatus(403);
  if (served > max) return res.status(403).send('slow down');
  next();
};
app.post('/uploads', limited(100), (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 12, data: { method: 'POST', path: '/uploads', framework: 'express' } }],
    },
    {
      name: 'a permission-sounding setting of the app is not the caller’s',
      code: `
import express from 'express';
const app = express();
function lockable(req, res, next) {
  if (req.app.locals.permissions.locked) return res.status(403).end();
  next();
}
app.post('/items/:id', lockable, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'POST', path: '/items/:id', framework: 'express' } }],
    },
    {
      name: 'a helper that throws forbidden on a setting, called by the middleware',
      code: `
import express from 'express';
const app = express();
const settings = { frozen: true };
function assertWritable() {
  if (settings.frozen) throw Object.assign(new Error('frozen'), { status: 403 });
}
function writable(req, res, next) {
  assertWritable();
  next();
}
app.post('/items/:id', writable, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 12, data: { method: 'POST', path: '/items/:id', framework: 'express' } }],
    },
    {
      name: 'a wrapper whose gate reads only the path',
      code: `
import express from 'express';
const app = express();
const withPrefix = (handler) => (req, res) => {
  if (!req.path.startsWith('/api')) return res.status(403).end();
  return handler(req, res);
};
app.post('/api/items', withPrefix((req, res) => res.send('ok')));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'POST', path: '/api/items', framework: 'express' } }],
    },
    {
      name: 'an IP allow-list is network access control, not authentication of a caller',
      code: `
import express from 'express';
const app = express();
const allowed = new Set(['10.0.0.5']);
function office(req, res, next) {
  if (!allowed.has(req.ip)) return res.status(403).end();
  next();
}
app.post('/items/:id', office, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 9, data: { method: 'POST', path: '/items/:id', framework: 'express' } }],
    },
    {
      name: 'a factory whose options carry an admin flag: the option is not the caller’s role',
      code: `
import express from 'express';
const app = express();
const gate = (options) => (req, res, next) => {
  if (!options.admin) return res.status(403).end();
  next();
};
app.post('/items/:id', gate({ admin: false }), (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'POST', path: '/items/:id', framework: 'express' } }],
    },
    {
      name: 'a 403 on whether a body was sent: the body whole is no credential',
      code: `
import express from 'express';
const app = express();
function needsBody(req, res, next) {
  if (!req.body) return res.sendStatus(403);
  next();
}
app.post('/items/:id', needsBody, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'POST', path: '/items/:id', framework: 'express' } }],
    },
    {
      name: 'a role the client sends in the body is not the caller’s',
      code: `
import express from 'express';
const app = express();
function asksAdmin(req, res, next) {
  if (req.body.role !== 'admin') return res.status(403).end();
  next();
}
app.post('/items/:id', asksAdmin, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'POST', path: '/items/:id', framework: 'express' } }],
    },
    {
      name: 'a helper of this file given the request that reads only the app settings',
      code: `
import express from 'express';
const app = express();
function readOnly(request) {
  return request.app.locals.readOnly === true;
}
app.put('/course', (req, res) => {
  if (readOnly(req)) return res.status(403).json({ message: 'read-only' });
  res.send('ok');
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 7, data: { method: 'PUT', path: '/course', framework: 'express' } }],
    },
    {
      name: 'a handler answering 403 on the state of the record is not authenticated by it',
      code: `
import express from 'express';
const app = express();
app.post('/items/:id/close', async (req, res) => {
  const item = await db.items.find(req.params.id);
  if (item.closed) return res.status(403).json({ message: 'already closed' });
  res.send('ok');
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'POST', path: '/items/:id/close', framework: 'express' } }],
    },
  ]),
});

ruleTester.run('gates on the caller authenticate (recommended options)', rule, {
  valid: [],
  invalid: [
    {
      name: 'a read-only gate in front of a write of the request body',
      code: `
import express from 'express';
const app = express();
function readOnlyGate(req, res, next) {
  if (req.app.locals.readOnly) return res.status(403).json({ message: 'read-only' });
  next();
}
app.post('/items/:id', readOnlyGate, async (req, res) => {
  await db.items.update({ where: { id: req.params.id }, data: req.body });
  res.json({ ok: true });
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'POST', path: '/items/:id', framework: 'express' } }],
    },
  ],
});

ruleTester.run('gates on the caller authenticate (Koa, Fastify)', rule, {
  valid: [
    {
      name: 'Koa: 403 without a user in the state',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
const member = async (ctx, next) => {
  if (!ctx.state.user) ctx.throw(403);
  await next();
};
router.post('/items/:id', member, (ctx) => { ctx.body = 'ok'; });
app.use(router.routes());
`,
    },
    {
      name: 'Fastify: a preHandler answering 401 without a user',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.post('/items/:id', { preHandler: async (request, reply) => {
  if (!request.user) return reply.code(401).send();
} }, async () => 'ok');
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'Koa: a maintenance gate on the environment',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
const maintenance = async (ctx, next) => {
  if (process.env.MAINTENANCE) ctx.throw(403, 'maintenance');
  await next();
};
router.post('/items/:id', maintenance, (ctx) => { ctx.body = 'ok'; });
app.use(router.routes());
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10, data: { method: 'POST', path: '/items/:id', framework: 'koa' } }],
    },
    {
      name: 'Fastify: a hook that answers 403 on the method',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.addHook('onRequest', async (request, reply) => {
  if (request.method !== 'GET') return reply.code(403).send({ message: 'read-only' });
});
app.post('/items/:id', async () => 'ok');
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 7, data: { method: 'POST', path: '/items/:id', framework: 'fastify' } }],
    },
  ]),
});

const nestFile = path.join(import.meta.dirname, '../fixtures/nest-app/snippets/src/orders/orders.controller.ts');

ruleTester.run('gates on the caller authenticate (NestJS)', rule, {
  valid: [
    {
      name: 'a guard answering whether there is a user',
      filename: nestFile,
      code: `
import { CanActivate, Controller, ExecutionContext, Post, UseGuards } from '@nestjs/common';
class SignedIn implements CanActivate {
  canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest();
    return !!request.user;
  }
}
@Controller('items')
@UseGuards(SignedIn)
export class ItemsController {
  @Post() create() { return 'ok'; }
}
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'a guard returning a setting of the environment',
      filename: nestFile,
      code: `
import { CanActivate, Controller, Post, UseGuards } from '@nestjs/common';
class FeatureOn implements CanActivate {
  canActivate() {
    return process.env.ITEMS_FEATURE === 'on';
  }
}
@Controller('items')
@UseGuards(FeatureOn)
export class ItemsController {
  @Post() create() { return 'ok'; }
}
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 11, data: { method: 'POST', path: '/items', framework: 'nestjs' } }],
    },
    {
      name: 'a guard throwing forbidden on a setting',
      filename: nestFile,
      code: `
import { CanActivate, Controller, ForbiddenException, Post, UseGuards } from '@nestjs/common';
class NotFrozen implements CanActivate {
  canActivate() {
    if (process.env.FROZEN) throw new ForbiddenException('frozen');
    return true;
  }
}
@Controller('items')
@UseGuards(NotFrozen)
export class ItemsController {
  @Post() create() { return 'ok'; }
}
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 12, data: { method: 'POST', path: '/items', framework: 'nestjs' } }],
    },
  ]),
});

ruleTester.run('gates on the caller authenticate (Hapi)', rule, {
  valid: [
    {
      name: 'an extension that answers forbidden without credentials',
      code: `
import Hapi from '@hapi/hapi';
import Boom from '@hapi/boom';
const server = Hapi.server();
server.ext('onPreHandler', (request, h) => {
  if (!request.auth.credentials) throw Boom.forbidden();
  return h.continue;
});
server.route({ method: 'POST', path: '/items/{id}', handler: () => 'ok' });
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'an extension that answers forbidden in maintenance',
      code: `
import Hapi from '@hapi/hapi';
import Boom from '@hapi/boom';
const server = Hapi.server();
server.ext('onPreHandler', (request, h) => {
  if (process.env.MAINTENANCE) throw Boom.forbidden('maintenance');
  return h.continue;
});
server.route({ method: 'POST', path: '/items/{id}', handler: () => 'ok' });
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 9, data: { method: 'POST', path: '/items/{id}', framework: 'hapi' } }],
    },
  ]),
});
