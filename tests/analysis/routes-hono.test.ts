import { describe, expect, it } from 'vitest';
import { analyze, routesOf, type RouteSummary, mountTargetName } from '../helpers/routes.js';

/** Expected summary of a Hono route. */
const hono = (
  line: number,
  methods: string[],
  path: string | null,
  guards: string[] = [],
  extra: Partial<RouteSummary> = {},
): RouteSummary => ({
  framework: 'hono',
  methods,
  path,
  line,
  handlerLine: line,
  style: 'hono',
  guards,
  mountedElsewhere: false,
  ...extra,
});

describe('route model: Hono', () => {
  it('finds method routes, on(), all() and route middleware', () => {
    const routes = routesOf(`
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
const app = new Hono();
app.get('/health', (c) => c.text('ok'));
app.post('/posts', bearerAuth({ token: 't' }), zValidator('json', schema), async (c) => c.json(await c.req.json(), 201));
app.on(['PUT', 'patch'], '/posts/:id', async (c) => c.json({}));
app.on('PURGE', ['/cache', '/cdn'], (c) => c.text('purged'));
app.all('/proxy', (c) => fetch(c.req.raw));
export default { port: 8787, fetch: app.fetch };
`);
    expect(routes).toEqual([
      hono(5, ['GET'], '/health'),
      hono(6, ['POST'], '/posts', ['middleware:route:bearerAuth', 'middleware:route:zValidator']),
      hono(7, ['PUT', 'PATCH'], '/posts/:id'),
      hono(8, ['PURGE'], '/cache'),
      hono(8, ['PURGE'], '/cdn'),
      hono(9, ['ALL'], '/proxy'),
    ]);
  });

  it('applies use() in order and by path pattern', () => {
    const routes = routesOf(`
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
import { logger } from 'hono/logger';
const app = new Hono();
app.get('/early', (c) => c.text('x'));
app.use(logger());
app.use('/api/*', jwt({ secret: 's' }));
app.use('/admin', requireAdmin);
app.get('/api', (c) => c.text('root'));
app.get('/api/me', (c) => c.json(c.get('jwtPayload')));
app.get('/apix', (c) => c.text('not under /api'));
app.get('/admin', (c) => c.text('admin'));
app.get('/admin/users', (c) => c.text('exact path only'));
`);
    expect(routes.map((route) => [route.path, route.guards])).toEqual([
      ['/early', []],
      ['/api', ['middleware:app:logger', 'middleware:app:jwt']],
      ['/api/me', ['middleware:app:logger', 'middleware:app:jwt']],
      ['/apix', ['middleware:app:logger']],
      ['/admin', ['middleware:app:logger', 'middleware:app:requireAdmin']],
      ['/admin/users', ['middleware:app:logger']],
    ]);
  });

  it('mounts sub-apps with route(): prefixes join and earlier parent middleware applies', () => {
    const routes = routesOf(`
import { Hono } from 'hono';
const app = new Hono();
const admin = new Hono();
const open = new Hono();
admin.use('*', requireAdmin);
admin.delete('/users/:id', (c) => c.body(null, 204));
open.get('/status', (c) => c.text('up'));
app.route('/open', open);
app.use('/api/*', authenticate);
app.route('/api/admin', admin);
export default app;
`);
    expect(routes).toEqual([
      hono(7, ['DELETE'], '/api/admin/users/:id', ['middleware:app:authenticate', 'middleware:router:requireAdmin']),
      hono(8, ['GET'], '/open/status'),
    ]);
  });

  it('mounts the app a factory of the file returns where its call is routed, with the prefix and the parent middleware before it', () => {
    const routes = routesOf(`
import { Hono } from 'hono';
const makeItems = () => {
  const items = new Hono();
  items.post('/', (c) => c.json({}, 201));
  items.delete('/:id', (c) => c.body(null, 204));
  return items;
};
function makeAdmin() {
  return new Hono().basePath('/v1').get('/stats', (c) => c.json({}));
}
const app = new Hono();
app.route('/items', makeItems());
app.use('/admin/*', requireAdmin);
const admin = makeAdmin();
app.route('/admin', admin);
export default app;
`);
    expect(routes).toEqual([
      hono(5, ['POST'], '/items'),
      hono(6, ['DELETE'], '/items/:id'),
      hono(10, ['GET'], '/admin/v1/stats', ['middleware:app:requireAdmin']),
    ]);
  });

  it('does not take a factory for one app when its returns give different apps or something else', () => {
    const routes = routesOf(`
import { Hono } from 'hono';
const a = new Hono();
const b = new Hono();
a.delete('/:id', (c) => c.body(null, 204));
b.delete('/:id', (c) => c.body(null, 204));
const pick = (flag) => (flag ? a : b);
function maybe(flag) { if (flag) return a; return somethingElse(); }
const app = new Hono();
app.route('/either', pick(true));
app.route('/maybe', maybe(true));
export default app;
`);
    expect(routes.map((route) => route.path)).toEqual(['/:id', '/:id']);
  });

  it('treats a default-exported `app` as the entry point, and another default-exported app as a sub-app', () => {
    const entry = routesOf(`
import { Hono } from 'hono';
const app = new Hono();
app.post('/internal/flush', (c) => c.json({ ok: true }));
export default app;
`);
    expect(entry).toEqual([hono(4, ['POST'], '/internal/flush')]);
    const subApp = routesOf(`
import { Hono } from 'hono';
const books = new Hono();
books.get('/', (c) => c.json([]));
export default books;
`);
    expect(subApp).toEqual([hono(4, ['GET'], '/', [], { mountedElsewhere: true })]);
  });

  it('joins basePath and scopes use() on a basePath app', () => {
    const routes = routesOf(`
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const app = new Hono().basePath('/api');
const v1 = app.basePath('/v1');
v1.use(requireAuth);
app.get('/ping', (c) => c.text('pong'));
v1.get('/users', (c) => c.json([]));
serve(app);
`);
    expect(routes).toEqual([hono(7, ['GET'], '/api/ping'), hono(8, ['GET'], '/api/v1/users', ['middleware:app:requireAuth'])]);
  });

  it('follows chained registrations', () => {
    const routes = routesOf(`
import { Hono } from 'hono';
const app = new Hono()
  .use('/private/*', requireAuth)
  .get('/private/data', (c) => c.json({}))
  .get('/public', (c) => c.text('hi'));
app.fire();
`);
    expect(routes).toEqual([hono(5, ['GET'], '/private/data', ['middleware:app:requireAuth']), hono(6, ['GET'], '/public')]);
  });

  it('marks exported sub-apps and parameter apps as mounted elsewhere, unless served here', () => {
    const sub = routesOf(`
import { Hono } from 'hono';
const users = new Hono();
users.get('/:id', (c) => c.json({ id: c.req.param('id') }));
export default users;
`);
    expect(sub).toEqual([hono(4, ['GET'], '/:id', [], { mountedElsewhere: true })]);
    const param = routesOf(`
import type { Hono } from 'hono';
export function registerBilling(app: Hono) {
  app.post('/billing', (c) => c.text('ok'));
}
`);
    expect(param).toEqual([hono(4, ['POST'], '/billing', [], { mountedElsewhere: true })]);
    const served = routesOf(`
import { Hono } from 'hono';
import { handle } from 'hono/vercel';
export const app = new Hono();
app.get('/x', (c) => c.text('x'));
export const GET = handle(app);
`);
    expect(served.map((route) => route.mountedElsewhere)).toEqual([false]);
    const worker = routesOf(`
import { Hono } from 'hono';
const app = new Hono();
app.get('/x', (c) => c.text('x'));
export { app };
export default { fetch: app.fetch };
`);
    expect(worker.map((route) => route.mountedElsewhere)).toEqual([false]);
  });

  it('records cross-file sub-app mounts with the parent middleware covering them', () => {
    const result = analyze(`
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
import billing from './routes/billing';
import health from './routes/health';
const app = new Hono();
app.route('/health', health);
app.use('/billing/*', jwt({ secret: 's' }));
app.route('/billing', billing);
export default { fetch: app.fetch };
`);
    expect(result.mounts.map((mount) => [mount.path, mountTargetName(mount), mount.guards.map((guard) => guard.name)])).toEqual([
      ['/health', 'health', []],
      ['/billing', 'billing', ['jwt']],
    ]);
  });

  it('gives null paths for dynamic values', () => {
    const routes = routesOf(`
import { Hono } from 'hono';
const app = new Hono();
app.get(config.path, (c) => c.text('x'));
app.get(\`/v\${version}/items\`, (c) => c.text('y'));
`);
    expect(routes.map((route) => route.path)).toEqual([null, null]);
  });

  it('ignores look-alikes: maps, caches, HTTP clients and context getters', () => {
    const routes = routesOf(`
import { Hono } from 'hono';
import axios from 'axios';
const app = new Hono();
const map = new Map();
const cache = { get: (key, fn) => fn() };
map.get('/x');
cache.get('/x', () => 1);
axios.get('/x');
app.get('/real', (c) => c.json({ user: c.get('user'), cached: map.get('/x') }));
`);
    expect(routes).toEqual([hono(10, ['GET'], '/real')]);
  });

  it('does not claim app-shaped code in files that do not import Hono', () => {
    const routes = routesOf(`
export function mount(app) {
  app.get('/x', (c) => c.text('x'));
}
`);
    expect(routes.filter((route) => route.framework === 'hono')).toEqual([]);
  });

  it('suggests inserting middleware before the handler and claims the handler', () => {
    const result = analyze(`
import { Hono } from 'hono';
const app = new Hono();
app.delete('/posts/:id', validator, async function remove(c) { return c.body(null, 204); });
`);
    const [route] = result.routes;
    expect(route?.insertBefore).toBe(route?.handler?.node);
    expect(result.handlers.map((handler) => handler.style)).toEqual(['hono']);
  });
});
