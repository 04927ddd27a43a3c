import type { FallbackSinkModel, GlobalSinkModel, ResponseParameterModel, ResponseSinkModel, ReturnedBodySinkModel, ReturnedResponseSinkModel, SinkModel, TaintKind } from '../taint-types.js';
import { codeGlobalSinks, codeResponseSinks, codeSinks } from './code.js';
import { htmlGlobalSinks, htmlResponseSinks, htmlReturnedBodySinks, htmlReturnedSinks, htmlSinks } from './html.js';
import { nosqlFallbackSinks, nosqlSinks } from './nosql.js';
import { pathResponseSinks, pathSinks } from './path.js';
export { storageCallbackSinks } from './path.js';
import { redirectGlobalSinks, redirectResponseSinks, redirectReturnedBodySinks, redirectReturnedSinks, redirectSinks } from './redirect.js';
import { shellSinks } from './shell.js';
import { sqlFallbackSinks, sqlSinks } from './sql.js';
import { ssrfGlobalSinks, ssrfSinks } from './ssrf.js';

export { mongoCodeOperators, mongoFilterMethods, mongoLiteralOperators, mongoRegexOperators } from './nosql.js';
export { shellPrograms } from './shell.js';
export { fsExtraPathFunctions } from './path.js';
export { fsPathFunctions, fsPromisesPathFunctions } from './fs-functions.js';
export { databaseReceiverNames, sqlQueryConfigProperties, sqlStatementStart } from './sql.js';
export { urlOptionProperties } from './ssrf.js';
export { htmlBodyProperties, htmlJsxAttributes } from './html.js';
export { evaluatingCode } from './code.js';
export { responseStatusSetters } from './redirect.js';

/** Every import-tracked sink, per kind. `url-path` findings use the SSRF sinks; `regex` sinks are `$regex` filter values. */
export const sinkModels: Readonly<Record<TaintKind, readonly SinkModel[]>> = {
  sql: sqlSinks,
  nosql: nosqlSinks,
  shell: shellSinks,
  code: codeSinks,
  ssrf: ssrfSinks,
  'url-path': ssrfSinks,
  path: pathSinks,
  redirect: redirectSinks,
  xss: htmlSinks,
  regex: [],
  // Record accesses are matched by `analysis/authorization/records.ts`, not as sink calls.
  id: [],
};

/** Name-based sinks for clients created in other files, per kind. */
export const fallbackSinkModels: Readonly<Record<TaintKind, readonly FallbackSinkModel[]>> = {
  sql: sqlFallbackSinks,
  nosql: nosqlFallbackSinks,
  shell: [],
  code: [],
  ssrf: [],
  'url-path': [],
  path: [],
  redirect: [],
  xss: [],
  regex: [],
  id: [],
};

/** Global functions and constructors that are sinks, per kind. */
export const globalSinkModels: Readonly<Record<TaintKind, readonly GlobalSinkModel[]>> = {
  sql: [],
  nosql: [],
  shell: [],
  code: codeGlobalSinks,
  ssrf: ssrfGlobalSinks,
  'url-path': ssrfGlobalSinks,
  path: [],
  redirect: redirectGlobalSinks,
  xss: htmlGlobalSinks,
  regex: [],
  id: [],
};

/**
 * Global built-ins: a receiver of one of these names (the last segment of `a.b.Name`) is never a
 * database model, whatever the method (`Object.find`, `Array.from`), so no fallback sink matches it.
 */
export const builtinReceivers = ['Array', 'Object', 'Promise', 'JSON', 'Math', 'Reflect', 'Map', 'Set', 'String', 'Number', 'Date', 'Intl', 'Buffer', 'URLSearchParams', 'RegExp', 'Symbol', 'Error'] as const;

/** Methods of a handler's response object that are sinks, per kind. */
export const responseSinkModels: Readonly<Record<TaintKind, readonly ResponseSinkModel[]>> = {
  sql: [],
  nosql: [],
  shell: [],
  code: codeResponseSinks,
  ssrf: [],
  'url-path': [],
  path: pathResponseSinks,
  redirect: redirectResponseSinks,
  xss: htmlResponseSinks,
  regex: [],
  id: [],
};

/** Response objects a handler returns (serverless proxy responses), per kind. */
export const returnedResponseSinkModels: Readonly<Record<TaintKind, readonly ReturnedResponseSinkModel[]>> = {
  sql: [],
  nosql: [],
  shell: [],
  code: [],
  ssrf: [],
  'url-path': [],
  path: [],
  redirect: redirectReturnedSinks,
  xss: htmlReturnedSinks,
  regex: [],
  id: [],
};

/** Handlers whose return value is the response body (Nest, Fastify), per kind. */
export const returnedBodySinkModels: Readonly<Record<TaintKind, readonly ReturnedBodySinkModel[]>> = {
  sql: [],
  nosql: [],
  shell: [],
  code: [],
  ssrf: [],
  'url-path': [],
  path: [],
  redirect: redirectReturnedBodySinks,
  xss: htmlReturnedBodySinks,
  regex: [],
  id: [],
};

/**
 * Which handler parameter sends the response, per request style (Nest: the `@Res()` parameter;
 * Next.js app routes return a `Response`).
 */
export const responseParameters: ResponseParameterModel = {
  express: 1,
  'next-pages': 1,
  'node-http': 1,
  fastify: 1,
  hapi: 1,
  koa: 0,
  hono: 0,
  // The event: h3's header utilities take it (`setResponseHeader(event, …)`).
  h3: 0,
  'next-app': null,
  nest: null,
};

/**
 * Handler styles whose response is a member of a parameter rather than a parameter: a Next.js
 * page's `getServerSideProps(context)` answers through `context.res` (also destructured,
 * `({ res })`), a Node `ServerResponse`.
 */
export const responseMembers: Readonly<Record<string, { param: number; member: string }>> = {
  'next-page': { param: 0, member: 'res' },
};

/**
 * Parameter names that hold a response in helpers that are not handlers themselves
 * (`function sendPage(res, html)`), with the request styles their methods follow.
 */
export const responseParameterNames: Readonly<Record<string, readonly string[]>> = {
  res: ['express', 'node-http'],
  response: ['express', 'node-http'],
  reply: ['fastify'],
  ctx: ['koa'],
};

/**
 * Members of a handler's response object that are a response with the same methods, per request
 * style: Koa's `ctx.response` (`ctx.response.redirect(url)`, `ctx.response.set('Location', url)`,
 * whose status is the context's), and the response Hapi's `h.response(value)` creates
 * (`h.response().redirect(url)`, `.code(302).header('Location', url)`), a call (`call: true`).
 */
export const responseViews: Readonly<Record<string, { member: string; call: boolean }>> = {
  koa: { member: 'response', call: false },
  hapi: { member: 'response', call: true },
};

/** Methods that return the response object itself, so `res.status(302).redirect(url)` is a redirect of `res`. */
export const responseChainMethods = ['status', 'type', 'set', 'header', 'headers', 'code', 'vary', 'append', 'cookie', 'clearCookie', 'location', 'links', 'contentType', 'attachment', 'charset', 'etag', 'ttl', 'created', 'message'] as const;
