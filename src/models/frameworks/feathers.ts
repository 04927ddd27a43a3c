import type { RequestStyle } from './request-inputs.js';

/**
 * Feathers (v4, v5): an app's services are its routes. `app.use('/messages', service)` registers
 * an object (a class instance, or an object literal) whose methods `find`, `get`, `create`,
 * `update`, `patch` and `remove` each answer a REST call (`GET /messages`, `GET /messages/:id`,
 * `POST`, `PUT`, `PATCH`, `DELETE /messages/:id`) and the same call over a socket. A method receives
 * what the client sent as positional arguments (the id of the URL, the body as `data`) and a
 * `params` object whose `query`, `headers` and `route` are the client's too; `params.user` is what
 * an authentication hook put there. Hooks registered with `app.service(path).hooks({ before, around
 * })` run before the method. The route model (`analysis/routes/frameworks/feathers.ts`) reads these
 * rows.
 */

/** Packages that create a Feathers app or serve one (a file importing one of them is a Feathers file). */
export const feathersModules = [
  '@feathersjs/feathers',
  '@feathersjs/express',
  '@feathersjs/koa',
  '@feathersjs/socketio',
  '@feathersjs/transport-commons',
  'feathers',
] as const;

/**
 * Database adapters whose service classes implement every service method (`new MongoDBService({
 * Model })`, `class Messages extends KnexService { … }`): a registered instance answers all six.
 */
export const feathersAdapterModules = [
  '@feathersjs/mongodb',
  '@feathersjs/knex',
  '@feathersjs/memory',
  'feathers-mongoose',
  'feathers-sequelize',
  'feathers-knex',
  'feathers-memory',
  'feathers-nedb',
  'feathers-objection',
  'feathers-mongodb',
] as const;

/** One service method: its REST call, and where the id, the data and `params` sit among its parameters. */
export interface FeathersServiceMethod {
  /** The HTTP method of its REST call. */
  http: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Whether the REST call names a record (`/messages/:id`). */
  withId: boolean;
  /** How input enters it (see `requestInputs` and `positionalInputs`). */
  style: RequestStyle;
}

export const feathersServiceMethods = {
  find: { http: 'GET', withId: false, style: 'feathers-find' },
  get: { http: 'GET', withId: true, style: 'feathers-id' },
  create: { http: 'POST', withId: false, style: 'feathers-data' },
  update: { http: 'PUT', withId: true, style: 'feathers-id-data' },
  patch: { http: 'PATCH', withId: true, style: 'feathers-id-data' },
  remove: { http: 'DELETE', withId: true, style: 'feathers-id' },
} as const satisfies Record<string, FeathersServiceMethod>;

export type FeathersMethodName = keyof typeof feathersServiceMethods;

/**
 * Keys of a hooks object whose hooks run before the method (`after` and `error` run after it, and
 * guard nothing). `all` lists the hooks of every method.
 */
export const feathersGuardingPhases = ['before', 'around'] as const;
export const feathersAllMethods = 'all';

/**
 * Conditional hooks of feathers-hooks-common: `iff(isProvider('external'), authenticate('jwt'))`
 * runs the hooks after the predicate for the calls the predicate admits. A predicate of
 * `externalPredicates` admits every call from a client (REST or socket): for a route, its hooks
 * run as if written alone. Any other predicate leaves them out (they do not run for every call).
 */
export const feathersConditionalHooks = {
  modules: ['feathers-hooks-common'],
  conditional: ['iff', 'when'],
  externalPredicates: [{ name: 'isProvider', argument: 'external' }],
  /**
   * `disallow()` and `disallow('external')` refuse every call from a client: the method serves
   * only the server's own calls (`app.service('x').remove(id)`), so it is no route. Given other
   * providers (`disallow('rest')`), calls over the rest still reach it.
   */
  disallow: { name: 'disallow', external: ['external'] },
} as const;

/**
 * The authenticate hook and the strategy names that let a call without credentials through
 * (`authenticate('jwt', 'anonymous')` with feathers-authentication-anonymous or a project's
 * anonymous strategy): a hook given one of them authenticates nobody.
 */
export const feathersAuthenticateHook = {
  module: '@feathersjs/authentication',
  paths: [['authenticate'], ['hooks', 'authenticate']],
  anonymousStrategies: ['anonymous'],
} as const;

/**
 * A hook that makes a method an account sign-up: `hashPassword('password')` of
 * @feathersjs/authentication-local before `create` hashes the password a new account is created
 * with, which is what a sign-up (public by design, like a `/sign-up` route) does. Only for the
 * methods listed: before `patch` it hashes a changed password, which needs a caller.
 */
export const feathersSignUpHook = {
  module: '@feathersjs/authentication-local',
  paths: [['hashPassword'], ['hooks', 'hashPassword']],
  methods: ['create'],
} as const;
