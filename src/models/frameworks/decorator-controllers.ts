/*
 * Decorator-based controller frameworks besides NestJS, as data: which package each decorator is
 * imported from, what it declares (a controller and its path prefix, a route method and its path,
 * a request input, middleware, authentication), and how the framework treats typed parameters.
 * A decorator counts only when it is imported from the package (named, aliased, namespace, or
 * through a project barrel that re-exports the package): a project's own `@Get` is not these.
 */

/** A framework of this table, as the route model names it. */
export type DecoratorFramework = 'routing-controllers' | 'tsoa' | 'inversify-express-utils' | 'overnight' | 'tsed' | 'loopback';

/**
 * A parameter decorator that injects request input: the express member path it stands for (`''`
 * for the whole request, null when the value is not client input) and where its key comes from:
 * `argument` (`@QueryParam('q')`), `argument-or-name` (tsoa's `@Query() q` reads the query field
 * `q`: the parameter's own name when no argument is given), or `none` (`@Body()`).
 */
export interface ParameterDecorator {
  member: string | null;
  key: 'argument' | 'argument-or-name' | 'none';
  /**
   * The decorator's last member names the parameter's type, which the framework coerces and
   * validates (LoopBack's `@param.path.number('id')`): `number`, `integer` and `boolean` ones hold
   * no client text. Entries with it are keyed by the decorator's name without the type (`param.path`).
   */
  typedByName?: boolean;
}

/**
 * An authentication decorator:
 * - `server-option`: authenticates as the function the app's server options give under `option`
 *   does (routing-controllers' `@Authorized()` runs `authorizationChecker`), found in the options
 *   of a call of one of `serverFactories` in any file of the project;
 * - `auth-module`: authenticates as the project's exported function named in `functions` does
 *   (tsoa's `@Security('jwt')` runs `expressAuthentication` of the authentication module);
 * - `public`: an explicit opt-out (`@NoSecurity()`).
 * `roles` says the decorator's arguments are roles or scopes (`@Authorized('admin')`,
 * `@Security('jwt', ['admin'])`): a role check.
 */
export type AuthDecorator =
  | { kind: 'server-option'; option: string; serverFactories: readonly string[]; roles: 'arguments' | 'none' }
  | { kind: 'auth-module'; functions: readonly string[]; roles: 'second-argument' | 'none' }
  | { kind: 'public' }
  /** It runs a known auth library's middleware that rejects anonymous requests (Ts.ED's `@Authorize('jwt')` runs `passport.authenticate`). */
  | { kind: 'library'; library: string }
  /** What decides is not followed yet (LoopBack's `@authenticate('jwt')` and its strategy class): *unknown*. */
  | { kind: 'unfollowed'; why: string };

/** One framework: its packages and what each of their decorators means. */
export interface DecoratorControllerModel {
  framework: DecoratorFramework;
  /** Packages the decorators are imported from. */
  modules: readonly string[];
  /** A class is a controller without a class decorator when a method has a route decorator (LoopBack). */
  controllerOptional?: boolean;
  /** Class decorators that make a controller; the argument at `path` is its path prefix. */
  controllers: Readonly<Record<string, { path: number }>>;
  /** Method decorators that register a route: the HTTP method, and the argument that is its path. */
  routes: Readonly<Record<string, { method: string; path: number }>>;
  /** Path parameters are written `{id}` (tsoa) rather than `:id`; the route model writes `:id`. */
  bracePathParameters: boolean;
  /**
   * Handlers receive the express request and response as plain parameters (`(req, res)`, OvernightJS),
   * instead of decorated ones whose return value is the response.
   */
  plainHandlers: boolean;
  parameters: Readonly<Record<string, ParameterDecorator>>;
  /** Parameter decorators that inject the response object (`@Res() res`): its methods are response sinks. */
  responseParameters: readonly string[];
  /**
   * What the framework does with a parameter's declared type (`design:paramtypes`) before the handler runs:
   * - `validated`: it checks every parameter against its type and answers 400 otherwise: a `number` or
   *   `boolean` parameter holds no client text, a `string` one never an object (tsoa's generated routes);
   * - `text-converted`: it converts text to a declared `number` or `boolean` and rejects text that is
   *   not one, but passes an object through (routing-controllers: `?page[$gt]=1` stays an object);
   *   path parameters and headers are always text, so those are fully converted;
   * - `none`: the parameter is what express parsed, whatever its declared type.
   */
  typedParameters: 'validated' | 'text-converted' | 'none';
  /**
   * Middleware decorators, class or method level, and the index of the first argument that is
   * middleware (each argument, or an array of them): `@UseBefore(auth)`, inversify's
   * `@controller('/x', auth)` and `@httpGet('/', auth)`.
   */
  middleware: Readonly<Record<string, { from: number }>>;
  auth: Readonly<Record<string, AuthDecorator>>;
  /**
   * A parameter decorator that rejects an anonymous request when given `{ required: true }`,
   * through the server option `option` (routing-controllers' `@CurrentUser({ required: true })`
   * with `currentUserChecker`).
   */
  requiredUser?: { decorator: string; option: string; serverFactories: readonly string[] };
}

/**
 * The method a middleware class runs for each request, given the request: routing-controllers'
 * `ExpressMiddlewareInterface` and Ts.ED's middlewares (`use`), inversify-express-utils'
 * `BaseMiddleware` (`handler`).
 */
export const middlewareClassMethods: readonly string[] = ['use', 'handler'];

const HTTP = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS' } as const;
const firstArgument = (methods: Readonly<Record<string, string>>): Record<string, { method: string; path: number }> =>
  Object.fromEntries(Object.entries(methods).map(([name, method]) => [name, { method, path: 0 }]));

/**
 * NestJS's route-method decorators of `@nestjs/common`, in the same shape as the table below: NestJS
 * keeps its own extractor (`routes/frameworks/nestjs.ts`: guards, global guards, pipes, `@RequestMapping`),
 * which reads its route decorators from here.
 */
export const nestjsRouteDecorators: Readonly<Record<string, { method: string; path: number }>> = {
  ...firstArgument({ ...HTTP, All: 'ALL', Search: 'SEARCH', QueryMethod: 'QUERY' }),
  ...firstArgument({ Propfind: 'PROPFIND', Proppatch: 'PROPPATCH', Mkcol: 'MKCOL', Copy: 'COPY', Move: 'MOVE', Lock: 'LOCK', Unlock: 'UNLOCK' }),
  // Server-sent events: a GET route whose handler returns an Observable.
  Sse: { method: 'GET', path: 0 },
};

/** routing-controllers' functions that create the server, whose options carry `authorizationChecker` and `currentUserChecker`. */
const ROUTING_CONTROLLERS_SERVERS = ['createExpressServer', 'useExpressServer', 'createKoaServer', 'useKoaServer'];

export const decoratorControllers: readonly DecoratorControllerModel[] = [
  {
    framework: 'routing-controllers',
    modules: ['routing-controllers'],
    controllers: { Controller: { path: 0 }, JsonController: { path: 0 } },
    routes: { ...firstArgument({ ...HTTP, All: 'ALL' }), Method: { method: 'ARGUMENT', path: 1 } },
    bracePathParameters: false,
    plainHandlers: false,
    parameters: {
      Param: { member: 'params', key: 'argument' },
      Params: { member: 'params', key: 'none' },
      QueryParam: { member: 'query', key: 'argument' },
      QueryParams: { member: 'query', key: 'none' },
      Body: { member: 'body', key: 'none' },
      BodyParam: { member: 'body', key: 'argument' },
      HeaderParam: { member: 'headers', key: 'argument' },
      HeaderParams: { member: 'headers', key: 'none' },
      CookieParam: { member: 'cookies', key: 'argument' },
      CookieParams: { member: 'cookies', key: 'none' },
      Req: { member: '', key: 'none' },
      // `@UploadedFile('avatar') file`: multer's file object, whose `originalname` is the client's.
      UploadedFile: { member: 'file', key: 'none' },
      UploadedFiles: { member: 'files', key: 'none' },
      Session: { member: null, key: 'none' },
      CurrentUser: { member: null, key: 'none' },
    },
    responseParameters: ['Res'],
    // `normalizeParamValue` turns text into the declared number or boolean (or throws), and leaves objects.
    typedParameters: 'text-converted',
    middleware: { UseBefore: { from: 0 } },
    auth: { Authorized: { kind: 'server-option', option: 'authorizationChecker', serverFactories: ROUTING_CONTROLLERS_SERVERS, roles: 'arguments' } },
    requiredUser: { decorator: 'CurrentUser', option: 'currentUserChecker', serverFactories: ROUTING_CONTROLLERS_SERVERS },
  },
  {
    framework: 'tsoa',
    modules: ['tsoa', '@tsoa/runtime'],
    controllers: { Route: { path: 0 } },
    routes: firstArgument(HTTP),
    bracePathParameters: true,
    plainHandlers: false,
    parameters: {
      Path: { member: 'params', key: 'argument-or-name' },
      Query: { member: 'query', key: 'argument-or-name' },
      Queries: { member: 'query', key: 'none' },
      Body: { member: 'body', key: 'none' },
      BodyProp: { member: 'body', key: 'argument-or-name' },
      Header: { member: 'headers', key: 'argument-or-name' },
      Request: { member: '', key: 'none' },
      FormField: { member: 'body', key: 'argument-or-name' },
      UploadedFile: { member: 'file', key: 'none' },
      UploadedFiles: { member: 'files', key: 'none' },
      Inject: { member: null, key: 'none' },
    },
    responseParameters: [],
    // The generated routes validate every parameter against its declared type (`validateInt`,
    // `validateString`, …) and answer 400 when it does not match.
    typedParameters: 'validated',
    middleware: { Middlewares: { from: 0 } },
    auth: {
      Security: { kind: 'auth-module', functions: ['expressAuthentication', 'koaAuthentication', 'hapiAuthentication'], roles: 'second-argument' },
      NoSecurity: { kind: 'public' },
    },
  },
  {
    framework: 'inversify-express-utils',
    modules: ['inversify-express-utils'],
    controllers: { controller: { path: 0 } },
    routes: {
      httpGet: { method: 'GET', path: 0 },
      httpPost: { method: 'POST', path: 0 },
      httpPut: { method: 'PUT', path: 0 },
      httpPatch: { method: 'PATCH', path: 0 },
      httpDelete: { method: 'DELETE', path: 0 },
      httpHead: { method: 'HEAD', path: 0 },
      all: { method: 'ALL', path: 0 },
      httpMethod: { method: 'ARGUMENT', path: 1 },
    },
    bracePathParameters: false,
    plainHandlers: false,
    parameters: {
      requestParam: { member: 'params', key: 'argument' },
      queryParam: { member: 'query', key: 'argument' },
      requestBody: { member: 'body', key: 'none' },
      requestHeaders: { member: 'headers', key: 'argument' },
      cookies: { member: 'cookies', key: 'argument' },
      request: { member: '', key: 'none' },
      principal: { member: null, key: 'none' },
    },
    responseParameters: ['response'],
    // Parameters are handed over as express parsed them: `@requestParam('id') id: number` is text.
    typedParameters: 'none',
    middleware: { controller: { from: 1 }, httpGet: { from: 1 }, httpPost: { from: 1 }, httpPut: { from: 1 }, httpPatch: { from: 1 }, httpDelete: { from: 1 }, httpHead: { from: 1 }, all: { from: 1 }, httpMethod: { from: 2 } },
    auth: {},
  },
  {
    framework: 'overnight',
    modules: ['@overnightjs/core'],
    controllers: { Controller: { path: 0 } },
    routes: firstArgument({ ...HTTP, All: 'ALL' }),
    bracePathParameters: false,
    plainHandlers: true,
    parameters: {},
    responseParameters: [],
    typedParameters: 'none',
    middleware: { Middleware: { from: 0 }, ClassMiddleware: { from: 0 } },
    auth: {},
  },
  {
    framework: 'tsed',
    // Ts.ED moved its decorators between packages across versions; each name means the same in all.
    modules: ['@tsed/common', '@tsed/di', '@tsed/schema', '@tsed/platform-params', '@tsed/platform-middlewares', '@tsed/platform-http', '@tsed/passport'],
    controllers: { Controller: { path: 0 } },
    routes: firstArgument({ ...HTTP, All: 'ALL' }),
    bracePathParameters: false,
    plainHandlers: false,
    parameters: {
      PathParams: { member: 'params', key: 'argument' },
      QueryParams: { member: 'query', key: 'argument' },
      BodyParams: { member: 'body', key: 'argument' },
      HeaderParams: { member: 'headers', key: 'argument' },
      Cookies: { member: 'cookies', key: 'argument' },
      Req: { member: '', key: 'none' },
      Request: { member: '', key: 'none' },
      Session: { member: null, key: 'none' },
      Context: { member: null, key: 'none' },
    },
    responseParameters: ['Res', 'Response'],
    // Not modelled: typed parameters stay sources.
    typedParameters: 'none',
    middleware: { UseBefore: { from: 0 }, UseAuth: { from: 0 }, Use: { from: 0 } },
    auth: { Authorize: { kind: 'library', library: 'passport' } },
  },
  {
    framework: 'loopback',
    // `loopback4-authentication` (SourceFuse) is the community package many LoopBack 4 products use
    // instead of `@loopback/authentication`: its `@authenticate(STRATEGY.BEARER)` has the same meaning
    // (a strategy the application binds decides). `@authorize` of `@loopback/authorization` or
    // `loopback4-authorization` is not in the table: it checks permissions, and `{ permissions: ['*'] }`
    // lets everyone in, so it is no authentication evidence either way.
    modules: ['@loopback/rest', '@loopback/openapi-v3', '@loopback/authentication', 'loopback4-authentication'],
    controllerOptional: true,
    // `@api({ basePath })` is not read: routes have the method decorator's path.
    controllers: {},
    routes: {
      get: { method: 'GET', path: 0 },
      post: { method: 'POST', path: 0 },
      put: { method: 'PUT', path: 0 },
      patch: { method: 'PATCH', path: 0 },
      del: { method: 'DELETE', path: 0 },
      operation: { method: 'ARGUMENT', path: 1 },
    },
    bracePathParameters: true,
    plainHandlers: false,
    parameters: {
      'param.path': { member: 'params', key: 'argument', typedByName: true },
      'param.query': { member: 'query', key: 'argument', typedByName: true },
      'param.header': { member: 'headers', key: 'argument', typedByName: true },
      requestBody: { member: 'body', key: 'none' },
    },
    responseParameters: [],
    // Coercion follows the decorator's type (`typedByName`), not the TypeScript annotation.
    typedParameters: 'none',
    middleware: {},
    auth: {
      authenticate: { kind: 'unfollowed', why: 'its authentication strategy class is not followed' },
      'authenticate.skip': { kind: 'public' },
    },
  },
];

const byModule = new Map<string, DecoratorControllerModel>(decoratorControllers.flatMap((model) => model.modules.map((module) => [module, model] as const)));

/** The model of the package `module`, or undefined. */
export function decoratorControllerModel(module: string): DecoratorControllerModel | undefined {
  return byModule.get(module);
}
