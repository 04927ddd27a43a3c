/**
 * HTTP functions of the Azure Functions v4 Node.js programming model: `app.http('name', { methods,
 * authLevel, route, handler })` and its method shorthands (`app.get('name', handler)`,
 * `app.post('name', { authLevel, handler })`). Each registration serves one URL,
 * `/<routePrefix>/<route>` (the route defaults to the function's name, the prefix to `api`, which
 * `host.json` can change under `extensions.http.routePrefix`). The route model
 * (`analysis/routes/frameworks/azure-functions.ts`) reads this table.
 */
export const azureHttpFunctions = {
  modules: ['@azure/functions'],
  /** The exported registry whose methods register functions. */
  registry: 'app',
  /** `app.http(name, options)`: the methods are the options' `methods`. */
  generic: 'http',
  /** Shorthands and the one method each serves; their second argument is a handler or the options. */
  shorthands: { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', deleteRequest: 'DELETE' } as Readonly<Record<string, string>>,
  /** Methods of `app.http` without a `methods` option (the library's default). */
  defaultMethods: ['GET', 'POST'],
  /** The route prefix when `host.json` sets none. */
  defaultRoutePrefix: 'api',
  options: { handler: 'handler', methods: 'methods', route: 'route', authLevel: 'authLevel' },
} as const;

/**
 * What the `authLevel` option makes of a function. `anonymous` (the v4 default) lets anyone call
 * it. `function` requires a function or host key (the `x-functions-key` header or `?code=`), which
 * the runtime checks before the handler runs: the key is a shared secret, an API key, so a request
 * without it never reaches the handler; the route is authenticated, but the key names no user,
 * so it carries no role and whatever the handler does per user still needs its own checks. `admin`
 * requires the host's master key, which only the app's administrators hold: authenticated, and
 * restricted to them as a role check would.
 */
export const azureAuthLevels: Readonly<Record<string, { verdict: 'public' | 'authenticated'; roleChecked: boolean }>> = {
  anonymous: { verdict: 'public', roleChecked: false },
  function: { verdict: 'authenticated', roleChecked: false },
  admin: { verdict: 'authenticated', roleChecked: true },
};

/** The default `authLevel` of a v4 HTTP function. */
export const azureDefaultAuthLevel = 'anonymous';
