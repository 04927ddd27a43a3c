/**
 * Servers whose routing, middleware and request/response objects follow Express closely enough
 * that the Express extractor reads them, with their own framework name: what creates an app or a
 * router, and the methods that register middleware. Request inputs and response sinks are
 * Express's (`req.params`, `req.query`, `req.body`, `req.header('x')`, `res.send`, `res.redirect`).
 */
export type ExpressLikeFramework = 'restify' | 'polka';

export interface ExpressLikeCreator {
  module: string;
  /** The export called (`createServer`), `''` for the module itself (`polka()`). */
  path: string;
  kind: 'app' | 'router';
  framework: ExpressLikeFramework;
}

export const expressLikeCreators = [
  // `restify.createServer()`; `server.get/post/put/patch/del(...)`, `server.use(...)`, `server.pre(...)`.
  { module: 'restify', path: 'createServer', kind: 'app', framework: 'restify' },
  // restify-router: `new Router()`, applied with `router.applyRoutes(server, '/prefix')`.
  { module: 'restify-router', path: 'Router', kind: 'router', framework: 'restify' },
  // `polka()`: `app.get('/x', (req, res) => …)`, `app.use(mw)`.
  { module: 'polka', path: '', kind: 'app', framework: 'polka' },
] as const satisfies readonly ExpressLikeCreator[];

/**
 * Methods besides `use` that register middleware for every route, per framework: Restify's `pre`
 * runs before routing, `use` after it; both run before every handler.
 */
export const expressLikeUseMethods: Readonly<Record<ExpressLikeFramework, readonly string[]>> = {
  restify: ['pre'],
  polka: [],
};

/**
 * Properties of a route options object that name the path, per framework: Restify's route methods
 * take `server.get({ name: 'getUser', path: '/users/:id', version: '1.0.0' }, handler)` as well as
 * a path string (`url` is an alias of `path`). Express and polka take only a path.
 */
export const expressLikeRouteOptionPaths: Readonly<Record<ExpressLikeFramework, readonly string[]>> = {
  restify: ['path', 'url'],
  polka: [],
};

/**
 * Packages whose default export creates an Express router, routed and mounted as `express.Router()`
 * is: express-promise-router's `Router()` (its handlers may return a promise, whose rejection it
 * passes to `next`). `const router = Router(); router.get(…); app.use('/api', router)`.
 */
export const expressRouterPackages: readonly string[] = ['express-promise-router'];
