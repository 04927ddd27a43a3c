import { describe, expect, it } from 'vitest';
import { analyze, routesOf, type RouteSummary, mountTargetName } from '../helpers/routes.js';

/** Expected summary of a Hapi route. */
const hapi = (
  line: number,
  methods: string[],
  path: string | null,
  guards: string[] = [],
  extra: Partial<RouteSummary> = {},
): RouteSummary => ({
  framework: 'hapi',
  methods,
  path,
  line,
  handlerLine: line,
  style: 'hapi',
  guards,
  mountedElsewhere: false,
  ...extra,
});

describe('route model: Hapi', () => {
  it('finds route objects, arrays, method lists and wildcard methods', () => {
    const routes = routesOf(`
import Hapi from '@hapi/hapi';
const server = Hapi.server({ port: 3000 });
server.route({ method: 'GET', path: '/health', handler: () => 'ok' });
server.route([
  { method: ['post', 'PUT'], path: '/items', handler: async (request) => request.payload },
  { method: '*', path: '/{any*}', options: { handler: (request, h) => h.response().code(404) } },
]);
server.route({ method: 'DELETE', path: '/items/{id}', config: { handler: removeItem } });
function removeItem(request, h) { return h.response().code(204); }
`);
    expect(routes).toEqual([
      hapi(4, ['GET'], '/health'),
      hapi(6, ['POST', 'PUT'], '/items'),
      hapi(7, ['ALL'], '/{any*}'),
      hapi(9, ['DELETE'], '/items/{id}', [], { handlerLine: 10 }),
    ]);
  });

  it('turns auth config into guards with verdicts', () => {
    const result = analyze(`
const Hapi = require('@hapi/hapi');
const server = new Hapi.Server();
server.route({ method: 'GET', path: '/public', options: { auth: false, handler: () => 'hi' } });
server.route({ method: 'GET', path: '/me', options: { auth: 'jwt', handler: (request) => request.auth.credentials } });
server.route({ method: 'GET', path: '/feed', options: { auth: { strategy: 'session', mode: 'try' }, handler: () => [] } });
server.route({ method: 'POST', path: '/admin', options: { auth: { strategies: ['jwt', 'session'], access: { scope: ['admin'] } }, handler: () => 1 } });
server.route({ method: 'GET', path: '/dyn', options: { auth: config.auth, handler: () => 2 } });
`);
    expect(result.routes.map((route) => route.guards.map((guard) => [guard.kind, guard.level, guard.name, guard.verdict ?? null]))).toEqual([
      [['config', 'route', null, 'public']],
      [['config', 'route', 'jwt', 'authenticated']],
      [['config', 'route', 'session', null]],
      [['config', 'route', 'jwt', 'authenticated']],
      [['config', 'route', 'config.auth', null]],
    ]);
    expect(result.routes[0]?.guards[0]?.node.type).toBe('Property');
  });

  it('applies server.auth.default to every route of the server unless the route sets auth', () => {
    const result = analyze(`
import * as Hapi from '@hapi/hapi';
const init = async () => {
  const server = Hapi.server({ port: 3000 });
  server.route({ method: 'GET', path: '/early', handler: () => 'registered before the default' });
  server.auth.strategy('jwt', 'jwt', { key: process.env.KEY });
  server.auth.default('jwt');
  server.route({ method: 'GET', path: '/login', options: { auth: false }, handler: () => 'form' });
  await server.start();
};
`);
    expect(result.routes.map((route) => [route.path, route.guards.map((guard) => `${guard.level}:${guard.name}:${guard.verdict}`)])).toEqual([
      ['/early', ['app:jwt:authenticated']],
      ['/login', ['route:null:public']],
    ]);
  });

  it('reads extensions and route prerequisites as guards', () => {
    const routes = routesOf(`
import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.ext('onPreHandler', checkTenant);
server.ext({ type: 'onPreResponse', method: addHeaders });
server.ext([{ type: 'onPostAuth', method: audit }]);
server.route({
  method: 'POST',
  path: '/orders',
  options: { pre: [{ method: loadUser, assign: 'user' }, [checkQuota, checkPlan]], handler: (request) => request.pre.user },
});
`);
    expect(routes).toEqual([
      hapi(7, ['POST'], '/orders', [
        'hook:app:checkTenant',
        'hook:app:audit',
        'middleware:route:loadUser',
        'middleware:route:checkQuota',
        'middleware:route:checkPlan',
      ], { handlerLine: 10 }),
    ]);
  });

  it('joins plugin prefixes and inherits the server default auth for plugins registered here', () => {
    const routes = routesOf(`
import Hapi from '@hapi/hapi';
const adminPlugin = {
  name: 'admin',
  async register(server, options) {
    server.ext('onPostAuth', requireAdmin);
    server.route({ method: 'GET', path: '/stats', handler: () => ({}) });
  },
};
const server = Hapi.server();
server.auth.default({ strategy: 'jwt' });
await server.register({ plugin: adminPlugin, routes: { prefix: '/admin' } });
`);
    expect(routes).toEqual([hapi(7, ['GET'], '/admin/stats', ['config:app:jwt', 'hook:plugin:requireAdmin'])]);
  });

  it('marks routes of plugins not registered here as mounted elsewhere', () => {
    const routes = routesOf(`
import type { Plugin, Server } from '@hapi/hapi';
export const usersPlugin: Plugin<void> = {
  name: 'users',
  register: async (server: Server) => {
    server.route({ method: 'GET', path: '/users', handler: () => [] });
  },
};
export function registerHealth(server: Server) {
  server.route({ method: 'GET', path: '/health', handler: () => 'ok' });
}
`);
    expect(routes).toEqual([
      hapi(6, ['GET'], '/users', [], { mountedElsewhere: true }),
      hapi(10, ['GET'], '/health', [], { mountedElsewhere: true }),
    ]);
  });

  it('finds exported route tables and route arrays held in constants', () => {
    const routes = routesOf(`
import type { ServerRoute } from '@hapi/hapi';
const getOrder = (request, h) => ({ id: request.params.id });
export const orderRoutes: ServerRoute[] = [
  { method: 'GET', path: '/orders/{id}', handler: getOrder },
  { method: 'POST', path: '/orders', options: { auth: 'jwt', handler: (request) => request.payload } },
];
`);
    expect(routes).toEqual([
      hapi(5, ['GET'], '/orders/{id}', [], { handlerLine: 3, mountedElsewhere: true }),
      hapi(6, ['POST'], '/orders', ['config:route:jwt'], { mountedElsewhere: true }),
    ]);
    const local = routesOf(`
import Hapi from '@hapi/hapi';
const server = Hapi.server();
const base = [{ method: 'GET', path: '/a', handler: () => 'a' }];
const routes = [...base, { method: 'GET', path: '/b', handler: () => 'b' }];
server.route(routes);
`);
    expect(local.map((route) => [route.path, route.line, route.mountedElsewhere])).toEqual([
      ['/a', 4, false],
      ['/b', 5, false],
    ]);
  });

  it('records cross-file plugin registrations with their prefix and the default auth', () => {
    const result = analyze(`
import Hapi from '@hapi/hapi';
import Inert from '@hapi/inert';
import usersPlugin from './plugins/users';
const server = Hapi.server();
server.auth.default('session');
await server.register([Inert, { plugin: usersPlugin, routes: { prefix: '/users' } }]);
`);
    expect(result.mounts.map((mount) => [mount.path, mountTargetName(mount), mount.guards.map((guard) => guard.name)])).toEqual([
      ['/users', 'usersPlugin', ['session']],
    ]);
  });

  it('gives null paths for dynamic values and reports array items on their object', () => {
    const result = analyze(`
import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.route([{ method: 'GET', path: prefix + '/x', handler: () => 'x' }]);
`);
    const [route] = result.routes;
    expect(route?.path).toBeNull();
    expect(route?.reportNode.type).toBe('ObjectExpression');
    expect(route?.insertBefore).toBeNull();
  });

  it('ignores look-alikes and files without Hapi', () => {
    const routes = routesOf(`
import Hapi from '@hapi/hapi';
import axios from 'axios';
const server = Hapi.server();
const router = { route: (config) => config };
router.route({ method: 'GET', path: '/x', handler: () => 1 });
const cache = new Map();
cache.get('/x');
axios.get('/x');
`);
    expect(routes).toEqual([]);
    // Objects with a name and a register function that are not Hapi plugins: nothing is routed on
    // what `register` receives.
    const lookAlikes = routesOf(`
exports.commands = {
  name: 'x',
  register(registry) {
    registry.add({ method: 'GET', path: '/x', handler: () => 1 });
    router.route({ method: 'GET', path: '/y', handler: () => 2 });
  },
};
const widget = { name: 'w', register: () => table.route({ method: 'GET', path: '/z', handler: () => 3 }) };
`);
    expect(lookAlikes.filter((route) => route.framework === 'hapi')).toEqual([]);
  });

  it('reads plugin files that do not import Hapi (a plugin receives its server)', () => {
    const routes = routesOf(`
exports.plugin = {
  name: 'x',
  register: async (server) => {
    server.route({ method: 'GET', path: '/x', handler: (request) => request.params });
  },
};
`);
    expect(routes).toEqual([hapi(5, ['GET'], '/x', [], { mountedElsewhere: true })]);
    const wrapped = routesOf(`
export default {
  plugin: {
    pkg: { name: 'reports', version: '1.0.0' },
    register(api, options) {
      api.route([{ method: 'POST', path: '/reports', options: { auth: 'jwt', handler: (request) => request.payload } }]);
    },
  },
};
`);
    expect(wrapped).toEqual([hapi(6, ['POST'], '/reports', ['config:route:jwt'], { mountedElsewhere: true })]);
  });
});
