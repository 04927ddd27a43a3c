/**
 * AdonisJS v5 and v6 (read by `analysis/routes/frameworks/adonis.ts`). Controllers are classes of
 * `app/Controllers/Http/**` (v5) or `app/controllers/**` (v6) whose methods take the HTTP context
 * (`async show({ request, params, auth }: HttpContext)`; `HttpContextContract` in v5). Routes are
 * registered in `start/routes.ts`: `Route.get('/users/:id', 'UsersController.show')` (v5),
 * `router.get('/users/:id', [UsersController, 'show'])` (v6, the controller imported directly or
 * lazily, `const UsersController = () => import('#controllers/users_controller')`), inside groups
 * that add a `prefix` and middleware. The named `auth` middleware is the one `@adonisjs/auth`
 * installs (its kernel entry points at the package's generated middleware, which calls
 * `ctx.auth.authenticateUsing()` and throws without a signed-in user).
 */
export const adonisProject = {
  /** A project is an AdonisJS app when it depends on one of these. */
  packages: ['@adonisjs/core'],
  authPackages: ['@adonisjs/auth'],
  controllerDirectories: ['app/Controllers/Http', 'app/controllers'],
  routesFiles: ['start/routes.ts', 'start/routes.js'],
  /** The router: the v5 IoC binding and the v6 service. */
  routerModules: ['@ioc:Adonis/Core/Route', '@adonisjs/core/services/router'],
  /** Route methods and the HTTP methods they register. */
  methods: { get: ['GET', 'HEAD'], post: ['POST'], put: ['PUT'], patch: ['PATCH'], delete: ['DELETE'], any: ['ALL'] } as Readonly<Record<string, readonly string[]>>,
  /** Type names of the HTTP context a controller method takes. */
  contextTypes: ['HttpContext', 'HttpContextContract'],
  /** Members of the context a handler destructures: one of these marks a method as taking it. */
  contextKeys: ['request', 'response', 'params', 'auth', 'session', 'bouncer'],
  /** The named middleware of `@adonisjs/auth`: `.middleware('auth')` (v5), `.use(middleware.auth())` (v6). */
  authMiddleware: 'auth',
} as const;
