/**
 * Elysia (Bun): `new Elysia().get('/x', (context) => …)`. A handler receives one context object
 * whose members hold the request (`({ query, params, body, headers }) => …`); routes chain on the
 * app, `group(prefix, (app) => …)` prefixes the routes its callback registers, and `beforeHandle`
 * hooks (in a route's options, `guard({ beforeHandle }, …)`, `onBeforeHandle(fn)`, `derive(fn)`) run
 * before the handler; a plugin's scoped or global hooks run for the app that uses it. The extractor is `analysis/routes/frameworks/elysia.ts`.
 */

export const elysiaModules: readonly string[] = ['elysia'];

/** The class whose instances are apps (plugins are apps too). */
export const elysiaAppClass = 'Elysia';

/** Route methods and the HTTP method each registers. */
export const elysiaRouteMethods: Readonly<Record<string, string>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  all: 'ALL',
};

/** Methods that return the app again, so a chain of them stays on it. */
export const elysiaChainMethods: readonly string[] = [
  ...Object.keys(elysiaRouteMethods), 'use', 'group', 'guard', 'derive', 'resolve', 'decorate', 'state', 'model',
  'onBeforeHandle', 'onRequest', 'onTransform', 'onAfterHandle', 'onError', 'listen', 'macro', 'onParse', 'mapResponse',
];

/** Hooks that run before the handler and may turn the request away. */
export const elysiaBeforeHooks: readonly string[] = ['beforeHandle'];

/**
 * App methods that register a before-handler hook for the routes registered after them. `derive`
 * and `resolve` compute values for the handler's context, and run first: one that throws turns the
 * request away.
 */
export const elysiaBeforeHookMethods: readonly string[] = ['onBeforeHandle', 'derive', 'resolve'];

/**
 * The scopes of a hook (`derive({ as: 'scoped' }, fn)`) that also run for the routes of the app that
 * uses the plugin (Elysia's default, `local`, keeps a hook to the plugin's own routes), and the
 * arguments of `.as(…)` that lift every hook of the plugin so (`plugin` is Elysia 1.1's name for
 * `scoped`).
 */
export const elysiaSharedScopes: readonly string[] = ['scoped', 'global', 'plugin'];
