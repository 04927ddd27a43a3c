import { describe, expect, it } from 'vitest';
import { analyze, routesOf, type RouteSummary, mountTargetName } from '../helpers/routes.js';

/** Expected summary of a Koa route. */
const koa = (
  line: number,
  methods: string[],
  path: string | null,
  guards: string[] = [],
  extra: Partial<RouteSummary> = {},
): RouteSummary => ({
  framework: 'koa',
  methods,
  path,
  line,
  handlerLine: line,
  style: 'koa',
  guards,
  mountedElsewhere: false,
  ...extra,
});

describe('route model: Koa', () => {
  it('finds router routes with route middleware, named routes, path arrays and del', () => {
    const routes = routesOf(`
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/health', (ctx) => { ctx.body = 'ok'; });
router.post('/users', requireAuth, validate(userSchema), async (ctx) => { ctx.body = ctx.request.body; });
router.get('user', '/users/:id', loadUser);
router.del('/users/:id', requireAuth, async (ctx) => { ctx.status = 204; });
router.all(['/a', '/b'], async (ctx) => { ctx.body = ctx.path; });
app.use(router.routes()).use(router.allowedMethods());
async function loadUser(ctx) { ctx.body = { id: ctx.params.id }; }
`);
    expect(routes).toEqual([
      koa(6, ['GET'], '/health'),
      koa(7, ['POST'], '/users', ['middleware:route:requireAuth', 'middleware:route:validate']),
      koa(8, ['GET'], '/users/:id', [], { handlerLine: 12 }),
      koa(9, ['DELETE'], '/users/:id', ['middleware:route:requireAuth']),
      koa(10, ['ALL'], '/a'),
      koa(10, ['ALL'], '/b'),
    ]);
  });

  it('applies app.use only to routers mounted after it', () => {
    const routes = routesOf(`
const Koa = require('koa');
const Router = require('koa-router');
const jwt = require('koa-jwt');
const app = new Koa();
const publicRouter = new Router();
const apiRouter = new Router();
publicRouter.get('/login', async (ctx) => { ctx.body = 'form'; });
apiRouter.get('/me', async (ctx) => { ctx.body = ctx.state.user; });
app.use(bodyParser());
app.use(publicRouter.routes());
app.use(jwt({ secret: process.env.SECRET }).unless({ path: [/^\\/public/] }));
app.use(apiRouter.routes());
`);
    expect(routes).toEqual([
      koa(8, ['GET'], '/login', ['middleware:app:bodyParser']),
      koa(9, ['GET'], '/me', ['middleware:app:bodyParser', 'middleware:app:jwt']),
    ]);
  });

  it('keeps the jwt(...).unless(...) node for the classifier', () => {
    const result = analyze(`
import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'koa-jwt';
const app = new Koa();
const router = new Router();
app.use(jwt({ secret: 's' }).unless({ path: ['/health'] }));
router.get('/health', (ctx) => { ctx.body = 'ok'; });
app.use(router.routes());
`);
    const guard = result.routes[0]?.guards[0];
    expect(guard?.name).toBe('jwt');
    expect(guard?.node.type).toBe('CallExpression');
    expect(guard?.fn).toBeNull();
  });

  it('scopes router.use by order and path, and joins prefixes', () => {
    const routes = routesOf(`
import Router from '@koa/router';
import Koa from 'koa';
const app = new Koa();
const router = new Router({ prefix: '/api' });
router.get('/status', (ctx) => { ctx.body = 'up'; });
router.use(authenticate);
router.use(['/admin', '/ops'], requireAdmin);
router.get('/orders', (ctx) => { ctx.body = []; });
router.get('/admin/users', (ctx) => { ctx.body = []; });
router.get('/administrator', (ctx) => { ctx.body = []; });
app.use(router.routes());
`);
    expect(routes.map((route) => [route.path, route.guards])).toEqual([
      ['/api/status', []],
      ['/api/orders', ['middleware:router:authenticate']],
      ['/api/admin/users', ['middleware:router:authenticate', 'middleware:router:requireAdmin']],
      ['/api/administrator', ['middleware:router:authenticate']],
    ]);
  });

  it('nests routers with router.use(path, other.routes()) and router.prefix()', () => {
    const routes = routesOf(`
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const api = new Router();
const users = new Router();
users.prefix('/users');
users.get('/:id', (ctx) => { ctx.body = ctx.params; });
api.use(requireAuth);
api.use('/v1', users.routes(), users.allowedMethods());
app.use(api.routes());
`);
    expect(routes).toEqual([koa(8, ['GET'], '/v1/users/:id', ['middleware:router:requireAuth'])]);
  });

  it('follows chained registrations and reports chained routes on their method name', () => {
    const result = analyze(`
import Router from '@koa/router';
import Koa from 'koa';
const router = new Router()
  .use(requireAuth)
  .get('/a', (ctx) => { ctx.body = 'a'; })
  .post('/b', (ctx) => { ctx.body = 'b'; });
new Koa().use(router.routes());
`);
    expect(
      result.routes.map((route) => [route.path, route.reportNode.loc.start.line, route.owner?.name, route.guards.map((guard) => guard.name)]),
    ).toEqual([
      ['/a', 6, 'router', ['requireAuth']],
      ['/b', 7, 'router', ['requireAuth']],
    ]);
    expect(result.routes[0]?.owner?.declaration?.type).toBe('Identifier');
  });

  it('marks exported routers and parameter routers as mounted elsewhere', () => {
    const exported = routesOf(`
import Router from '@koa/router';
const router = new Router({ prefix: '/billing' });
router.post('/charge', async (ctx) => { ctx.body = 'ok'; });
export default router;
`);
    expect(exported).toEqual([koa(4, ['POST'], '/billing/charge', [], { mountedElsewhere: true })]);
    const commonjs = routesOf(`
const Router = require('@koa/router');
const router = new Router();
router.get('/x', (ctx) => { ctx.body = 1; });
module.exports = router.routes();
`);
    expect(commonjs.map((route) => route.mountedElsewhere)).toEqual([true]);
    const param = routesOf(`
import type Router from '@koa/router';
export function registerRoutes(router: Router) {
  router.get('/reports', (ctx) => { ctx.body = []; });
}
`);
    expect(param).toEqual([koa(4, ['GET'], '/reports', [], { mountedElsewhere: true })]);
  });

  it('records cross-file router mounts with the app middleware before them', () => {
    const result = analyze(`
import Koa from 'koa';
import mount from 'koa-mount';
import adminRouter from './routes/admin';
import { usersRouter } from './routes/users';
const app = new Koa();
app.use(session());
app.use(usersRouter.routes());
app.use(requireAdmin);
app.use(mount('/admin', adminRouter.routes()));
`);
    expect(result.mounts.map((mount) => [mount.path, mountTargetName(mount), mount.guards.map((guard) => guard.name)])).toEqual([
      ['/', 'usersRouter', ['session']],
      ['/admin', 'adminRouter', ['session', 'requireAdmin']],
    ]);
    expect(result.routes).toEqual([]);
  });

  it('gives null paths for dynamic and RegExp paths', () => {
    const routes = routesOf(`
import Router from 'koa-router';
const router = Router();
router.get(paths.health, (ctx) => { ctx.body = 'ok'; });
router.get(/^\\/files\\/.*/, (ctx) => { ctx.body = 'file'; });
`);
    expect(routes.map((route) => route.path)).toEqual([null, null]);
  });

  it('ignores look-alikes: maps, caches, HTTP clients, and the Koa app itself', () => {
    const routes = routesOf(`
import Koa from 'koa';
import axios from 'axios';
const app = new Koa();
const map = new Map();
const cache = { get: (key, fn) => fn() };
map.get('/x');
cache.get('/x', () => 1);
axios.get('/x');
app.use(async (ctx) => { ctx.body = map.get('/x'); });
`);
    expect(routes).toEqual([]);
  });

  it('does not claim router-shaped code in files that do not import Koa', () => {
    const routes = routesOf(`
export function routes(router) {
  router.get('/x', async (ctx) => { ctx.body = 1; });
}
`);
    expect(routes.filter((route) => route.framework === 'koa')).toEqual([]);
  });

  it('suggests inserting middleware before the handler and claims the handler', () => {
    const result = analyze(`
import Router from '@koa/router';
const router = new Router();
router.put('/items/:id', validate, async function update(ctx) { ctx.body = 1; });
`);
    const [route] = result.routes;
    expect(route?.insertBefore).toBe(route?.handler?.node);
    expect(result.handlers.map((handler) => handler.style)).toEqual(['koa']);
  });
});
