import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { CloudFunctionsFramework } from '../../models/frameworks/cloud-functions.js';
import type { DecoratorFramework } from '../../models/frameworks/decorator-controllers.js';
import type { InputLocation, RequestStyle } from '../../models/frameworks/request-inputs.js';
import type { FunctionNode, Scope } from '../../utils/ast.js';
import type { ApiSecuritySettings } from '../../utils/settings.js';
import type { SdlInput, SdlShape } from './frameworks/graphql-sdl.js';

export type Framework =
  | 'express'
  | 'fastify'
  | 'koa'
  | 'hapi'
  | 'nestjs'
  | 'nextjs'
  | 'hono'
  | 'node-http'
  /** Vercel functions: the default export of `api/**` in a project deployed on Vercel. */
  | 'vercel'
  /** GraphQL resolvers: handlers, and root fields as entry points apart from routes (see `frameworks/graphql.ts`). */
  | 'graphql'
  /** tRPC procedures: routes named by procedure path, without a URL (see `frameworks/trpc.ts`). */
  | 'trpc'
  /** h3 event handlers: Nitro and Nuxt server routes, h3 routers (see `frameworks/h3.ts`). */
  | 'h3'
  /** Express-like servers read by the Express extractor (see `models/frameworks/express-like.ts`). */
  | 'restify'
  | 'polka'
  /** Elysia apps (see `frameworks/elysia.ts`). */
  | 'elysia'
  /** Route modules: SvelteKit and Remix / React Router file routes (see `models/frameworks/route-modules.ts`). */
  | 'sveltekit'
  | 'remix'
  /** socket.io and ws event listeners: handlers only, never routes (see `frameworks/realtime.ts`). */
  | 'realtime'
  /** Firebase HTTP functions and the Google Cloud Functions Framework (see `models/frameworks/cloud-functions.ts`). */
  | CloudFunctionsFramework
  /** Azure Functions v4 HTTP functions (see `models/frameworks/azure-functions.ts`). */
  | 'azure-functions'
  /** Netlify Functions: files of the functions directory of a project deployed on Netlify (see `models/frameworks/netlify.ts`). */
  | 'netlify'
  /** Feathers services: each method of a service registered with `app.use(path, service)` (see `models/frameworks/feathers.ts`). */
  | 'feathers'
  /** Sails.js actions and controllers of `api/controllers`, routed by `config/routes.js` (see `models/frameworks/sails.ts`). */
  | 'sails'
  /** Strapi v4 / v5 controllers of an API or plugin, routed by the route objects of its `routes/` (see `models/frameworks/strapi.ts`). */
  | 'strapi'
  /** AdonisJS v5 / v6 controllers routed by `start/routes.ts` (see `models/frameworks/adonis.ts`). */
  | 'adonis'
  /** Decorator controllers besides NestJS (see `models/frameworks/decorator-controllers.ts`). */
  | DecoratorFramework;

/** What kind of thing runs in front of a handler. */
export type GuardKind = 'middleware' | 'hook' | 'guard' | 'decorator' | 'config' | 'next-middleware';

/** Where a guard was attached. */
export type GuardLevel = 'route' | 'router' | 'app' | 'plugin' | 'class' | 'global' | 'mount';

/** Something that runs before a route's handler: middleware, hook, guard, decorator or auth config. */
export interface RouteGuard {
  kind: GuardKind;
  /**
   * Dotted name as written, without call arguments: `passport.authenticate` for
   * `passport.authenticate('jwt')`, `AuthGuard` for `AuthGuard('jwt')`. Null for inline functions.
   */
  name: string | null;
  /** The expression as written (argument, decorator expression, hook value, config property). */
  node: TSESTree.Node;
  /** The function body when the guard is an inline or same-file function. */
  fn: FunctionNode | null;
  level: GuardLevel;
  /**
   * A verdict the framework configuration states by itself (Hapi `auth: false`, a Next.js matcher),
   * or `unknown` when what decides is out of view (routing-controllers' `@Authorized()` without the
   * `authorizationChecker` in the project), with `unknownBecause` saying why.
   */
  verdict?: 'authenticated' | 'public' | 'unknown';
  unknownBecause?: string;
  /**
   * Why the guard's definition is not followed, when `node` only says where a report points and is
   * not the guard as written (an AdonisJS named middleware, which the routes file names and the
   * kernel registers): the judge asks about it as about any guard out of view, by its name, which
   * the team's settings and the vocabulary decide (see `judgeGuard`).
   */
  unfollowed?: string;
  /**
   * The framework goes on to the handler when the guard's function returns without answering
   * (a Fastify hook without a `done` parameter): there a bare `return` lets the request through.
   */
  returnGoesOn?: boolean;
  /**
   * Where a guard registered in another file of the project is written (`useClass: JwtAuthGuard`
   * in `app.module.ts`), with that file's scope lookup: the auth judge follows it from there to its
   * definition. `node` stays in the linted file, where a report can point.
   */
  declaredIn?: { node: TSESTree.Node; scopeOf: (node: TSESTree.Node) => Scope; file: string };
  /**
   * A role check the guard's definition runs for this route's path, found where the guard is read
   * (a Next.js middleware's role check under `if (pathname.startsWith('/api/admin'))`). `false`
   * says the guard checks no role here, whatever its definition does: a decorator whose arguments
   * are the roles, given none (routing-controllers' `@Authorized()`).
   */
  roleChecked?: boolean;
  /**
   * A server-wide default (Hapi's `server.auth.default('jwt')`): a route with an auth config of its
   * own is not covered by it.
   */
  isDefault?: true;
  /**
   * An element of a list of middleware held in a constant (`const secured = [loadUser, audit]`):
   * out of view, it is *unknown* whatever its name, as an element of a list exported by another
   * module is (see `judgeGuard`).
   */
  listed?: true;
  /**
   * The path prefix of the `use` that installed the guard, when the path of what it covers is only
   * known elsewhere: `app.use('/api', auth)` in front of `registerRoutes(app)`, whose routes get their
   * paths in another file. The guard covers a route only when the route's full path lies under it.
   */
  underPath?: string;
  /**
   * Guards of which any one lets the request through (@fastify/auth's `fastify.auth([a, b])` with
   * its default `relation: 'or'`): the guard authenticates only when every alternative does.
   */
  alternatives?: RouteGuard[];
  /**
   * A guard a loop over an imported route table passes only to some elements:
   * `router[r.method](r.path, ...(r.auth ? [requireAuth] : []), r.handler)` passes `requireAuth` to
   * the elements whose `auth` field is truthy. It runs for a route of the table when the route's
   * element (its `reportNode`) has the field with that truthiness (see `guardRunsFor`).
   */
  onlyWhen?: { field: string; truthy: boolean };
}

/** A function that receives request input. */
export interface RouteHandler {
  /** The handler as written (argument, method, exported function). */
  node: TSESTree.Node;
  /** The function it resolves to in this file, or null when it is defined elsewhere. */
  fn: FunctionNode | null;
  /** How request input enters it (see `requestInputs`). */
  style: RequestStyle;
  /**
   * Validation the route declares for its inputs, which the framework runs before the handler:
   * Fastify's JSON `schema` (`querystring`, `params`, `body`, `headers`), Hapi's Joi `validate`
   * (`query`, `params`, `payload`, `headers`). Schemas by input location.
   */
  validation?: RouteValidation | undefined;
  /**
   * A resolver of a resolver map: what the GraphQL schema in view (the SDL given as `typeDefs`)
   * declares the value read at a path of its arguments (`['id']`, `['input', 'email']`) to be
   * (see `graphql-sdl.ts`). Null when no declaration is in view.
   */
  graphqlArgument?: ((path: readonly string[]) => SdlShape) | undefined;
  /**
   * A resolver of a resolver map: the input object type the GraphQL schema in view declares the
   * value at a path of its arguments with, and its fields (see `argumentInput`). Null when it is
   * not one, or no declaration is in view.
   */
  graphqlInput?: ((path: readonly string[]) => SdlInput | null) | undefined;
}

/** A route's declared input validation (see `RouteHandler.validation`). */
export interface RouteValidation {
  /**
   * `zod`: a schema of a validation library, read as `schema.parse` reads it (tRPC `.input(schema)`).
   * `sails`: the `inputs` declaration of a Sails action (`{ id: { type: 'number' } }`, see `sailsInputTypes`).
   */
  format: 'json-schema' | 'joi' | 'zod' | 'sails';
  schemas: Partial<Record<InputLocation, TSESTree.Node>>;
}

/** The router/app object a route is registered on. */
export interface RouteOwner {
  /** Variable name of the router/app/plugin instance. */
  name: string;
  /**
   * True when the routes' mount is decided in another file: the router is exported, or the
   * app/router/instance is a parameter of an exported function, and this file does not mount it.
   */
  mountedElsewhere: boolean;
  /** Declaration of the router variable or parameter (for resolving mounts across files). */
  declaration: TSESTree.Node | null;
  /**
   * Declaration of the outermost instance of this file the owner is mounted on, when that is not
   * the owner itself (`api` mounted by `root`, and `root` exported): the chain continues in the
   * files that mount what THAT one is exported as.
   */
  outermost?: TSESTree.Node | null;
  /**
   * The export name under which the owner is also mounted when another file mounts its whole module
   * (Hapi registers a module by its `plugin` member: `server.register(require('./plugins/users'))`).
   */
  moduleMember?: string;
  /**
   * The function that creates the owner's outermost instance of this file and returns it (`app:
   * function () { const app = express(); app.delete('/:id', …); return app; }`): the instance is
   * a sub-app wherever a call of that function is mounted (`parent.use('/keys', auth, keys.app())`),
   * in this file or another. An app (not a router) whose result is mounted nowhere in view, or is
   * served (`listen`, `http.createServer`), stays a top-level app.
   */
  returnedFrom?: FunctionNode;
}

/** One HTTP route registered in a file. */
export interface Route {
  framework: Framework;
  /** Upper-case methods; `ALL` for every method. */
  methods: string[];
  /** Static path joined with the prefixes known in this file; null when not static. */
  path: string | null;
  /** Where a finding about the route is reported. */
  reportNode: TSESTree.Node;
  handler: RouteHandler | null;
  /** Everything that runs before the handler, outermost first. */
  guards: RouteGuard[];
  /** A suggestion inserts middleware before this node (`text, `), or null when it cannot. */
  insertBefore: TSESTree.Node | null;
  owner: RouteOwner | null;
  /**
   * How a message names a route that has no path of its own: a Next.js server action is
   * `` server action `saveProfile` (app/actions/profile.ts) ``. Absent for routes named by path.
   */
  label?: string;
  /**
   * The path public-route patterns match a route without a path by: a server action `signIn` (or
   * `signInAction`) stands for `/sign-in`, so the public patterns of the sign-in flow apply to it as
   * they do to a route's path.
   */
  namePath?: string;
}

/** `app.use('/admin', requireAuth, adminRouter)` where `adminRouter` comes from another file. */
export interface Mount {
  /** Static prefix, or null. */
  path: string | null;
  /**
   * What names the mounted router: an imported identifier, or the `require('./routes/admin')`
   * (or `require('./admin').router`) that loads it inline, or Fastify's `register(import('./items'))`.
   */
  target: TSESTree.Identifier | TSESTree.CallExpression | TSESTree.MemberExpression | TSESTree.ImportExpression;
  /** Guards that run before the mounted router (inherited app-level ones first). */
  guards: RouteGuard[];
  node: TSESTree.CallExpression;
  /**
   * The app, router or plugin instance doing the mount, when known: a mount done by a router that
   * is itself mounted in another file continues the chain there.
   */
  owner?: RouteOwner;
  /**
   * `call` when the mount is a call of an imported registration function with the app as argument
   * (`registerRoutes(app)`): `target` is the function, whose parameter the routes are registered on.
   */
  kind?: 'use' | 'call' | 'result';
  /**
   * `result` mounts: the functions whose returned instance is the one mounted, the function called
   * first (`parent.use('/keys', auth, settings.sshkeys())`), then those it returns the result of
   * (`sshkeys: () => sshkeys.app()`), in this file or another. A route is mounted here when the
   * function that returns its owner (`RouteOwner.returnedFrom`) is one of them.
   */
  resultOf?: readonly FunctionNode[];
  /**
   * `register(AutoLoad, { dir })` of `@fastify/autoload`: every plugin file under `dir` (absolute)
   * is mounted here, prefixed by its directory under `dir` unless `dirNameRoutePrefix: false`; with
   * `autoHooks`, the hooks of an `autohooks` file of its directory (of the directories above it too,
   * with `cascadeHooks`) run first.
   */
  autoload?: { dir: string; dirPrefix: boolean; autoHooks: boolean; cascadeHooks: boolean };
  /**
   * A project module handed to `use` whose name says neither router nor middleware
   * (`app.use(billing)`): also a middleware of its file. It mounts only the router its module
   * exports, where a route file asks for the mounts of its router.
   */
  alsoMiddleware?: true;
}

/** Every route, handler and cross-file mount found in one file. */
export interface FileRoutes {
  routes: Route[];
  /** Route handlers plus handler-shaped exported functions registered in other files. */
  handlers: RouteHandler[];
  /**
   * GraphQL root fields as entry points (`Mutation.markInvoicePaid`): routes without a URL that
   * `no-unauthenticated-route` judges like routes. Kept apart from `routes`, which the inventory,
   * the role and ownership rules read: a resolver is no HTTP route to them.
   */
  resolvers?: Route[];
  mounts: Mount[];
  /**
   * Guards a plugin of this file sets for the whole server that registers it (Hapi's
   * `server.auth.default('jwt')` in a plugin's `register`; the hooks of a `fastify-plugin` plugin,
   * for what is registered after it): they cover the routes of the other plugins registered on
   * that server, in other files.
   */
  serverDefaults?: ServerDefault[];
  /**
   * Hooks the plugin this file exports adds to its own instance (`fastify.addHook('onRequest', auth)`
   * at its top level): an `@fastify/autoload` autohooks file's, which run before the routes of the
   * plugins of its directory.
   */
  exportedPluginHooks?: RouteGuard[];
  /**
   * Instances this file serves directly, by the functions that return them (`createApp().listen()`,
   * `http.createServer(createApp())`), or hands out of view (`serverless(createApp())`,
   * `module.exports = createApp()`): an app returned by one of these functions is a top-level app.
   */
  served?: ServedResult[];
}

/** An instance returned by a function and served directly (see `FileRoutes.served`). */
export interface ServedResult {
  /** The call that serves it, or the export or call that hands it out of view. */
  node: TSESTree.Node;
  /** The functions whose returned instance is served, as in `Mount.resultOf`. */
  resultOf: readonly FunctionNode[];
}

/** A guard a plugin sets for its whole server (see `FileRoutes.serverDefaults`). */
export interface ServerDefault {
  guard: RouteGuard;
  /** The plugin, as a route's owner names it: another file's mount of its export is where it is registered. */
  owner: RouteOwner;
  /**
   * The guard holds only for what the server registers after the plugin (a Fastify hook that a
   * `fastify-plugin` plugin adds to the instance registering it), not for the whole server.
   */
  ordered?: true;
}

/** What a framework extractor reads from. */
export interface ExtractContext {
  program: TSESTree.Program;
  sourceCode: Readonly<TSESLint.SourceCode>;
  /** File path as ESLint gives it. */
  filename: string;
  /** Path relative to the working directory, with `/` separators. */
  relativeFilename: string;
  /** Module specifiers the file imports or requires at top level. */
  imports: ReadonlySet<string>;
  settings: ApiSecuritySettings;
  scopeOf(node: TSESTree.Node): Scope;
  /** Calls already turned into routes by an earlier extractor (an extractor must skip them, and add its own). */
  claimed: WeakSet<TSESTree.Node>;
}

/** Finds one framework's routes. Extractors never throw on unusual code: they skip it. */
export interface FrameworkExtractor {
  framework: Framework;
  extract(context: ExtractContext): Partial<FileRoutes>;
}
