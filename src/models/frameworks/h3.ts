/**
 * h3, and the servers built on it: Nitro and Nuxt server routes. A handler is the function given
 * to `defineEventHandler` (or the object form's `handler`); it reads the request through utility
 * functions called with its `event` (`getQuery(event)`, `readBody(event)`), which Nitro and Nuxt
 * also provide without an import. The extractor is `analysis/routes/frameworks/h3.ts`.
 */

/** Modules the h3 utilities and handler factories are imported from (Nuxt's `#imports` too). */
export const h3Modules: readonly string[] = ['h3', 'nitropack', 'nitropack/runtime', 'nitro', 'nitro/runtime', '#imports', 'nuxt/app'];

/** Functions that make an event handler of a function, or of `{ handler, onRequest }`. */
export const h3HandlerFactories: readonly string[] = ['defineEventHandler', 'eventHandler', 'defineCachedEventHandler', 'cachedEventHandler'];

/** Object-form hooks that run before the handler (`defineEventHandler({ onRequest: [auth], handler })`). */
export const h3BeforeHooks: readonly string[] = ['onRequest'];

/**
 * Utilities that read the request of the event they are given (first argument), as the member
 * path of the `h3` request style they stand for (`getQuery(event)` is `event.getQuery()`).
 * `key` is the argument naming the field read (`getRouterParam(event, 'id')`); `schema` the
 * argument that validates what is read (`readValidatedBody(event, schema.parse)`).
 */
export const h3InputFunctions: Readonly<Record<string, { key?: number; schema?: number }>> = {
  getQuery: {},
  getValidatedQuery: { schema: 1 },
  readBody: {},
  readRawBody: {},
  readValidatedBody: { schema: 1 },
  readFormData: {},
  readMultipartFormData: {},
  getRouterParam: { key: 1 },
  getRouterParams: {},
  getValidatedRouterParams: { schema: 1 },
  getHeader: { key: 1 },
  getRequestHeader: { key: 1 },
  getHeaders: {},
  getRequestHeaders: {},
  getCookie: { key: 1 },
  parseCookies: {},
  getRequestURL: {},
};

/**
 * Utilities that set a response header on the event they are given (first argument): as a name
 * and a value (`setResponseHeader(event, 'content-type', 'text/html')`) or as an object of them
 * (`setResponseHeaders(event, { 'content-type': 'text/html' })`). A handler that declares an HTML
 * type so and returns a string sends a page.
 */
export const h3HeaderSetters: Readonly<Record<string, 'pair' | 'object'>> = {
  setResponseHeader: 'pair',
  setHeader: 'pair',
  appendResponseHeader: 'pair',
  appendHeader: 'pair',
  setResponseHeaders: 'object',
  setHeaders: 'object',
  appendResponseHeaders: 'object',
  appendHeaders: 'object',
};

/**
 * File-based routes: a file under one of these folders of a Nitro or Nuxt project serves the URL
 * of its path (`server/api/users/[id].get.ts` → `GET /api/users/:id`), under the prefix given.
 */
export const h3RouteFolders = [
  { folder: 'server/api', prefix: '/api' },
  { folder: 'server/routes', prefix: '' },
] as const;

/** Nitro's server middleware folder: each file's handler runs before every route. */
export const h3MiddlewareFolder = 'server/middleware';

/** Methods of an h3 router (`createRouter().get('/x', handler)`), and `use` of an app. */
export const h3RouterMethods: Readonly<Record<string, string>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
  use: 'ALL',
};
