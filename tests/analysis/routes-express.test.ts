import { describe, expect, it } from 'vitest';
import { analyze, routesOf, mountTargetName } from '../helpers/routes.js';

describe('route model: Express', () => {
  it('finds app routes with methods, paths, handlers and route middleware', () => {
    const routes = routesOf(`
import express from 'express';
const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.post('/users', requireAuth, [validate, audit], async (req, res) => { res.json({}); });
app.delete('/users/:id', passport.authenticate('jwt', { session: false }), handler);
function handler(req, res) { res.end(); }
`);
    expect(routes).toEqual([
      { framework: 'express', methods: ['GET'], path: '/health', line: 4, handlerLine: 4, style: 'express', guards: [], mountedElsewhere: false },
      {
        framework: 'express', methods: ['POST'], path: '/users', line: 5, handlerLine: 5, style: 'express',
        guards: ['middleware:route:requireAuth', 'middleware:route:validate', 'middleware:route:audit'], mountedElsewhere: false,
      },
      {
        framework: 'express', methods: ['DELETE'], path: '/users/:id', line: 6, handlerLine: 7, style: 'express',
        guards: ['middleware:route:passport.authenticate'], mountedElsewhere: false,
      },
    ]);
  });

  it('applies app.use only to routes registered after it, and path-scoped use only under its path', () => {
    const routes = routesOf(`
const express = require('express');
const app = express();
app.get('/public', (req, res) => res.send('x'));
app.use(authenticate);
app.use('/admin', requireAdmin);
app.get('/me', (req, res) => res.json(req.user));
app.get('/admin/users', (req, res) => res.json([]));
app.get('/administrator', (req, res) => res.json([]));
`);
    expect(routes.map((route) => [route.path, route.guards])).toEqual([
      ['/public', []],
      ['/me', ['middleware:app:authenticate']],
      ['/admin/users', ['middleware:app:authenticate', 'middleware:app:requireAdmin']],
      ['/administrator', ['middleware:app:authenticate']],
    ]);
  });

  it('joins routers mounted in the same file and inherits mount middleware', () => {
    const routes = routesOf(`
import express, { Router } from 'express';
const app = express();
const admin = Router();
const api = express.Router();
admin.use(auditLog);
admin.get('/stats', (req, res) => res.json({}));
api.route('/items/:id').get((req, res) => res.json({})).put(requireAuth, (req, res) => res.json({}));
app.use(cors());
app.use('/admin', requireAuth, requireRole('admin'), admin);
app.use('/api', api);
`);
    expect(routes.map((route) => [route.methods[0], route.path, route.guards, route.mountedElsewhere])).toEqual([
      ['GET', '/admin/stats', ['middleware:app:cors', 'middleware:mount:requireAuth', 'middleware:mount:requireRole', 'middleware:router:auditLog'], false],
      ['GET', '/api/items/:id', ['middleware:app:cors'], false],
      ['PUT', '/api/items/:id', ['middleware:app:cors', 'middleware:route:requireAuth'], false],
    ]);
  });

  it('marks exported routers and parameter receivers as mounted elsewhere, and records cross-file mounts', () => {
    const routerFile = routesOf(`
import { Router } from 'express';
const router = Router();
router.get('/', (req, res) => res.json([]));
export default router;
`);
    expect(routerFile.map((route) => [route.path, route.mountedElsewhere])).toEqual([['/', true]]);
    const paramFile = routesOf(`
import type { Express } from 'express';
export function register(app: Express) {
  app.post('/orders', (req, res) => res.json({}));
}
`);
    expect(paramFile.map((route) => [route.path, route.mountedElsewhere])).toEqual([['/orders', true]]);
    const appFile = analyze(`
import express from 'express';
import adminRouter from './routes/admin';
const app = express();
app.use(helmet());
app.use('/admin', requireAuth, adminRouter);
`);
    expect(appFile.mounts.map((mount) => [mount.path, mountTargetName(mount), mount.guards.map((guard) => guard.name)])).toEqual([
      ['/admin', 'adminRouter', ['helmet', 'requireAuth']],
    ]);
    const namedByPath = analyze(`
import express from 'express';
import billing from './billing';
import { requireAdmin } from './auth';
import { audit } from './audit';
const app = express();
app.use('/billing', billing);
app.use('/admin', requireAdmin);
app.use(audit);
app.get('/admin/stats', (req, res) => res.json({}));
`);
    expect(namedByPath.mounts.filter((mount) => !mount.alsoMiddleware).map((mount) => [mount.path, mountTargetName(mount)])).toEqual([['/billing', 'billing']]);
    expect(namedByPath.routes.map((route) => route.guards.map((guard) => guard.name))).toEqual([['requireAdmin', 'audit']]);
  });

  it('records routers required inline at their mount, not middleware required inline', () => {
    const result = analyze(`
const express = require('express');
const app = express();
app.use(require('./middleware/request-id'));
app.use('/api', require('./middleware/rate-limit'), require('./routes/api'));
app.use('/billing', require('./billing').router);
app.use('/hooks', require('./routes/webhooks.js'));
app.use('/static', require('serve-static')('public'));
`);
    // `require('./middleware/request-id')` is also kept as a mount of whatever router its module might
    // export (a route file asks for it); flagged, it mounts nothing that is not a router.
    expect(result.mounts.filter((mount) => mount.alsoMiddleware).map((mount) => [mount.path, mountTargetName(mount)])).toEqual([['/', "require('./middleware/request-id')"]]);
    expect(result.mounts.filter((mount) => !mount.alsoMiddleware).map((mount) => [mount.path, mountTargetName(mount), mount.guards.map((guard) => guard.name)])).toEqual([
      ['/api', "require('./routes/api')", ["require('./middleware/request-id')", "require('./middleware/rate-limit')"]],
      ['/billing', "require('./billing').router", ["require('./middleware/request-id')"]],
      ['/hooks', "require('./routes/webhooks.js')", ["require('./middleware/request-id')"]],
    ]);
  });

  it('does not take look-alike calls for routes', () => {
    const routes = routesOf(`
const cache = new Map();
cache.get('/x');
axios.get('/api/users', { params: { id: 1 } });
store.get('/k', () => compute());
client.post('/login', (err, data) => done(err, data));
app.set('view engine', 'pug');
app.get('env');
`);
    expect(routes).toEqual([]);
  });

  it('claims (req, res) routes on objects of unknown origin', () => {
    const routes = routesOf(`
import app from './app';
app.get('/status', (req, res) => res.json({ up: true }));
`);
    expect(routes.map((route) => [route.framework, route.path, route.mountedElsewhere])).toEqual([['express', '/status', true]]);
  });

  it('resolves wrapped handlers and dynamic paths', () => {
    const routes = routesOf(`
import express from 'express';
const app = express();
const base = '/v1';
app.get(\`\${base}/users\`, asyncHandler(async (req, res) => { res.json([]); }));
app.get(/^\\/files\\/.*/, (req, res) => res.end());
app.get(prefix + '/x', (req, res) => res.end());
`);
    expect(routes.map((route) => [route.path, route.handlerLine])).toEqual([
      ['/v1/users', 5],
      [null, 6],
    ]);
  });
});

describe('route model: handlers defined away from the registration', () => {
  it('resolves class methods, bound methods, object-literal controllers and named functions in wrappers', () => {
    const routes = routesOf(`
import express from 'express';
class UserController {
  async search(req, res) { res.json([]); }
  remove = async (req, res) => { res.end(); };
}
const ctrl = new UserController();
const orders = { list: (req, res) => res.json([]) };
const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
async function exportCsv(req, res) { res.end(); }
const router = express.Router();
router.get('/users', ctrl.search);
router.delete('/users/:id', ctrl.remove.bind(ctrl));
router.get('/orders', orders.list);
router.get('/export', wrap(exportCsv));
router.get('/nope', ctrl.missing);
`);
    expect(routes.map((route) => [route.path, route.handlerLine])).toEqual([
      ['/users', 4],
      ['/users/:id', 5],
      ['/orders', 8],
      ['/export', 10],
      ['/nope', 16],
    ]);
  });
});
