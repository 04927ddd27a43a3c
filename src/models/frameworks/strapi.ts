/**
 * Strapi v4 / v5 (Koa underneath; read by `analysis/routes/frameworks/strapi.ts`). Each API of an
 * app (`src/api/<api>/`) and each plugin's server (`server/`, `server/src/`, a build's
 * `dist/server/`) is a *base* directory holding `routes/` and `controllers/` side by side:
 *
 * - a route file exports route objects `{ method, path, handler: 'ctrl.action', config: { auth,
 *   policies, middlewares } }` (in `{ routes: [...] }`, `export default { type, routes }`, a plugin's
 *   `{ admin: { type: 'admin', routes }, 'content-api': … }`, or an array), or the core CRUD routes
 *   of `factories.createCoreRouter('api::book.book', { only, except, config: { find: { auth: false } } })`;
 * - a controller file exports its actions: an object, a function of `{ strapi }` returning one, or
 *   `factories.createCoreController('api::book.book', ({ strapi }) => ({ async find(ctx) { … } }))`.
 *   Its name is its file name, or the key a `controllers/index` map gives its module.
 *
 * A handler names its action as `ctrl.action` (in the route file's base), `api::<api>.<ctrl>.action`
 * or `plugin::<plugin>.<ctrl>.action`. Each action is a Koa handler of `ctx`.
 */
export const strapiProject = {
  /** A project is a Strapi app or plugin when it depends on one of these. */
  packages: ['@strapi/strapi', '@strapi/utils'],
  routesDirectory: 'routes',
  controllersDirectory: 'controllers',
  policiesDirectory: 'policies',
  /** The app's global policies (`global::name`, or a bare name not found in the API's own). */
  globalPolicies: 'src/policies',
  /** The app's APIs: `src/api/<api>/` (the base of `api::<api>.<ctrl>`). */
  apisDirectory: 'src/api',
  /** The factory functions (of `factories` from `@strapi/strapi`) whose result is a router or a controller. */
  coreRouter: 'createCoreRouter',
  coreController: 'createCoreController',
  /** The schema of a content type, whose `info.pluralName` names the core routes' path. */
  contentTypeSchema: (api: string, type: string): string => `src/api/${api}/content-types/${type}/schema.json`,
} as const;

/**
 * The core routes of `createCoreRouter` (Strapi's CRUD of a collection type), by action: `:id` is
 * the document's id (v5) or the entry's (v4). A single type has no `findOne` / `create`.
 */
export const strapiCoreRoutes: readonly { action: string; method: string; path: (plural: string) => string }[] = [
  { action: 'find', method: 'GET', path: (plural) => `/${plural}` },
  { action: 'findOne', method: 'GET', path: (plural) => `/${plural}/:id` },
  { action: 'create', method: 'POST', path: (plural) => `/${plural}` },
  { action: 'update', method: 'PUT', path: (plural) => `/${plural}/:id` },
  { action: 'delete', method: 'DELETE', path: (plural) => `/${plural}/:id` },
];

/**
 * Strapi authenticates every route unless its `config.auth` is `false`: a content-API route by the
 * users-permissions plugin's JWT or an API token (the role's permissions, set in the admin panel,
 * say which actions it may call), an admin route (`type: 'admin'`) by the admin panel's session.
 * `auth: false` is the explicit opt-out. These names say so in a route's guards.
 */
export const strapiAuthentication = {
  contentApi: 'Strapi authentication (users-permissions role or API token)',
  admin: 'Strapi admin authentication',
  optOut: 'config.auth: false',
  /** The property of `config` that opts a route out. */
  authProperty: 'auth',
  policiesProperty: 'policies',
  middlewaresProperty: 'middlewares',
} as const;

/**
 * Strapi's own policies, by the name a route's `config.policies` gives them: what each does before
 * the action. `isAuthenticatedAdmin` refuses a request without an admin session; `hasPermissions`
 * checks that the admin's roles grant the actions it is given (so there is an admin, and a role
 * check). A route that opts out of authentication and names one of these is authenticated by it.
 */
export const strapiPolicies: Readonly<Record<string, 'authenticates' | 'checks-role'>> = {
  'admin::isAuthenticatedAdmin': 'authenticates',
  'admin::hasPermissions': 'checks-role',
};

/**
 * Whether Strapi's content-API authentication is also a role check: the users-permissions plugin
 * lets a request through only when the caller's role is granted the route's action (an API token
 * only when its scope holds it), as set in the admin panel. So every content-API route that does
 * not opt out is restricted per action, like a route behind a role check. (The grants live in the
 * database: a team may grant an action to the Public role, which no code shows.)
 */
export const strapiContentApiChecksRole = true;

/**
 * How a Strapi project looks its services up by name: `strapi.service('api::book.book')`,
 * `strapi.plugin('upload').service('file')`, and a plugin's own helper of the same name
 * (`getService('file')`, which returns `strapi.plugin('upload').service(name)`). The service is the
 * module of `<base>/services/<name>` (or the one the `services/index` map gives that key): an object
 * of functions, a function of `{ strapi }` returning one, or `createCoreService(uid, builder)`.
 */
export const strapiServices = {
  lookups: ['service', 'getService'],
  directory: 'services',
  coreService: 'createCoreService',
} as const;
