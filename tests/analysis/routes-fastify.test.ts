import { describe, expect, it } from 'vitest';
import { analyze, routesOf, type RouteSummary, mountTargetName } from '../helpers/routes.js';

/** Expected summary of a Fastify route. */
const fastify = (
  line: number,
  methods: string[],
  path: string | null,
  guards: string[] = [],
  extra: Partial<RouteSummary> = {},
): RouteSummary => ({
  framework: 'fastify',
  methods,
  path,
  line,
  handlerLine: line,
  style: 'fastify',
  guards,
  mountedElsewhere: false,
  ...extra,
});

describe('route model: Fastify', () => {
  it('finds shorthand routes with and without options, and route()', () => {
    const routes = routesOf(`
import Fastify from 'fastify';
const app = Fastify({ logger: true });
app.get('/health', async () => ({ ok: true }));
app.post('/users', { schema: { body: {} } }, async (request, reply) => reply.code(201).send(request.body));
app.delete('/users/:id', { handler: removeUser, preHandler: [app.authenticate] });
app.all('/proxy/*', async (request) => request.url);
app.route({ method: ['GET', 'HEAD'], url: '/items', handler: async () => [] });
app.route({ method: 'put', path: '/items/:id', onRequest: app.authenticate, handler: async (request) => request.body });
async function removeUser(request, reply) { reply.code(204).send(); }
`);
    expect(routes).toEqual([
      fastify(4, ['GET'], '/health'),
      fastify(5, ['POST'], '/users'),
      fastify(6, ['DELETE'], '/users/:id', ['hook:route:app.authenticate'], { handlerLine: 10 }),
      fastify(7, ['ALL'], '/proxy/*'),
      fastify(8, ['GET', 'HEAD'], '/items'),
      fastify(9, ['PUT'], '/items/:id', ['hook:route:app.authenticate']),
    ]);
  });

  it('lists route hooks in lifecycle order and resolves decorated guards to their function', () => {
    const result = analyze(`
const fastify = require('fastify')();
fastify.decorate('authenticate', async function (request, reply) {
  await request.jwtVerify();
});
fastify.get('/me', {
  preHandler: [fastify.authenticate, checkRole('admin')],
  onRequest: async (request) => { request.log.info('hit'); },
}, async (request) => request.user);
`);
    const [route] = result.routes;
    expect(route?.guards.map((guard) => [guard.kind, guard.level, guard.name, guard.fn?.loc.start.line ?? null])).toEqual([
      ['hook', 'route', null, 8],
      ['hook', 'route', 'fastify.authenticate', 3],
      ['hook', 'route', 'checkRole', null],
    ]);
    // A suggestion adds `auth, ` at the start of the first hook array written at the route (`preHandler` here).
    expect(route?.insertBefore?.loc.start.line).toBe(7);
  });

  it('applies addHook only to routes registered after it', () => {
    const routes = routesOf(`
import fastify from 'fastify';
const app = fastify();
app.get('/public', async () => 'hi');
app.addHook('onRequest', app.authenticate);
app.addHook('onSend', async (request, reply, payload) => payload);
app.get('/private', async (request) => request.user);
`);
    expect(routes).toEqual([fastify(4, ['GET'], '/public'), fastify(7, ['GET'], '/private', ['hook:app:app.authenticate'])]);
  });

  it('keeps hooks inside their plugin: children inherit them, siblings do not', () => {
    const routes = routesOf(`
import Fastify from 'fastify';
const app = Fastify();
app.register(async (api) => {
  api.addHook('preHandler', async (request) => { await request.jwtVerify(); });
  api.get('/orders', async () => []);
  api.register(async (admin) => {
    admin.delete('/orders/:id', async () => null);
  }, { prefix: '/admin' });
}, { prefix: '/api' });
app.register(async function publicRoutes(instance) {
  instance.get('/status', async () => 'up');
}, { prefix: '/api' });
`);
    expect(routes).toEqual([
      fastify(6, ['GET'], '/api/orders', ['hook:plugin:<inline>']),
      fastify(8, ['DELETE'], '/api/admin/orders/:id', ['hook:plugin:<inline>']),
      fastify(12, ['GET'], '/api/status'),
    ]);
  });

  it('lets fastify-plugin hooks reach the parent context, after the register call', () => {
    const routes = routesOf(`
import Fastify from 'fastify';
import fp from 'fastify-plugin';
const authPlugin = fp(async (instance) => {
  instance.addHook('onRequest', instance.authenticate);
});
const app = Fastify();
app.get('/before', async () => 1);
app.register(authPlugin);
app.get('/after', async () => 2);
app.register(async (child) => { child.get('/child', async () => 3); });
`);
    expect(routes).toEqual([
      fastify(8, ['GET'], '/before'),
      fastify(10, ['GET'], '/after', ['hook:plugin:instance.authenticate']),
      fastify(11, ['GET'], '/child', ['hook:plugin:instance.authenticate']),
    ]);
  });

  it('follows plugins declared as named functions, before or after their registration', () => {
    const routes = routesOf(`
import Fastify from 'fastify';
import fp from 'fastify-plugin';
const app = Fastify();
app.register(fp(authentication));
app.register(adminRoutes, { prefix: '/admin' });
async function adminRoutes(admin) {
  admin.addHook('preHandler', requireAdmin);
  admin.get('/audit', async () => []);
}
async function authentication(instance) {
  instance.decorate('authenticate', verify);
  instance.addHook('onRequest', verify);
}
async function verify(request) { await request.jwtVerify(); }
`);
    expect(routes).toEqual([fastify(9, ['GET'], '/admin/audit', ['hook:plugin:verify', 'hook:plugin:requireAdmin'])]);
  });

  it('treats exported and typed plugins as mounted elsewhere', () => {
    const autoload = routesOf(`
module.exports = async function (fastify, opts) {
  fastify.get('/', async () => 'root');
};
const fastifyPlugin = require('fastify-plugin');
`);
    expect(autoload).toEqual([fastify(3, ['GET'], '/', [], { mountedElsewhere: true })]);
    const typed = routesOf(`
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
export async function userRoutes(app: FastifyInstance) {
  app.addHook('onRequest', app.authenticate);
  app.get('/users', async () => []);
}
const adminRoutes: FastifyPluginAsync = async (server) => {
  server.post('/admin/reindex', async () => 'ok');
};
export default adminRoutes;
`);
    expect(typed).toEqual([
      fastify(5, ['GET'], '/users', ['hook:plugin:app.authenticate'], { mountedElsewhere: true }),
      fastify(8, ['POST'], '/admin/reindex', [], { mountedElsewhere: true }),
    ]);
  });

  it('resolves instances passed to setup helpers, chained type providers and nested callbacks', () => {
    const routes = routesOf(`
import Fastify from 'fastify';
function registerHealth(server) {
  server.get('/health', async () => 'ok');
}
const app = Fastify().withTypeProvider();
registerHealth(app);
app.after(() => {
  app.get('/late', async () => 'late');
});
`);
    expect(routes).toEqual([fastify(4, ['GET'], '/health'), fastify(9, ['GET'], '/late')]);
  });

  it('gives null paths for dynamic values and records cross-file plugin mounts', () => {
    const result = analyze(`
import Fastify from 'fastify';
import userRoutes from './routes/users.js';
const app = Fastify();
app.addHook('onRequest', verifyToken);
app.get(config.healthPath, async () => 'ok');
app.register(userRoutes, { prefix: '/users' });
app.register(import('./routes/admin.js'), { prefix: '/admin' });
app.register(async (api) => { api.get('/x', async () => 1); }, { prefix: process.env.API_PREFIX });
`);
    expect(result.routes.map((route) => route.path)).toEqual([null, null]);
    expect(result.mounts.map((mount) => [mount.path, mountTargetName(mount), mount.guards.map((guard) => guard.name)])).toEqual([
      ['/users', 'userRoutes', ['verifyToken']],
      // A module loaded inline is the plugin, as an imported name is.
      ['/admin', "import('./routes/admin.js')", ['verifyToken']],
    ]);
  });

  it('ignores look-alikes: maps, caches, HTTP clients and reply helpers', () => {
    const routes = routesOf(`
import Fastify from 'fastify';
import axios from 'axios';
const app = Fastify();
const map = new Map();
const cache = { get: (key, fn) => fn() };
map.get('/x');
cache.get('/x', () => 1);
axios.get('/x', { timeout: 1 });
app.get('/real', async (request, reply) => reply.header('x', '1').send(map.get('/x')));
`);
    expect(routes).toEqual([fastify(10, ['GET'], '/real')]);
  });

  it('claims an autoloaded plugin file by its `fastify` parameter, and no other route-shaped code without the import', () => {
    const autoloaded = routesOf(`
export default async function (fastify) {
  fastify.get('/x', async (request, reply) => reply.send('x'));
}
`);
    expect(autoloaded.map((route) => [route.framework, route.path, route.mountedElsewhere])).toEqual([['fastify', '/x', true]]);
    const other = routesOf(`
export default async function (app) {
  app.get('/x', async (request, reply) => reply.send('x'));
}
`);
    expect(other.filter((route) => route.framework === 'fastify')).toEqual([]);
  });

  it('claims its routes and handlers so later extractors skip them', () => {
    const result = analyze(`
import Fastify from 'fastify';
const app = Fastify();
app.get('/users/:id', async function getUser(request, reply) { return request.params; });
`);
    expect(result.routes.map((route) => route.framework)).toEqual(['fastify']);
    expect(result.handlers.map((handler) => handler.style)).toEqual(['fastify']);
  });
});
