/**
 * tRPC (`@trpc/server`): procedures built from a base (`t.procedure`, a project's
 * `publicProcedure` / `protectedProcedure`) with builder methods, ended by a resolver, and
 * collected by router calls under the keys that make their paths (`user.byId`).
 * The extractor is `analysis/routes/frameworks/trpc.ts`.
 */

/** Packages of tRPC's server side. */
export const trpcModules: readonly string[] = ['@trpc/server'];

/**
 * Builder methods that return a new procedure builder carrying what the base had: middleware
 * (`use`, `concat`), the input schema (`input`), output and metadata. Middleware of a base runs
 * before the middleware added after it.
 */
export const procedureBuilderMethods: readonly string[] = ['use', 'input', 'output', 'meta', 'concat', 'unstable_concat', 'experimental_caller'];

/** Builder methods whose argument is middleware that runs before the resolver. */
export const procedureMiddlewareMethods: readonly string[] = ['use', 'concat', 'unstable_concat'];

/**
 * Methods that end a procedure with its resolver, and the HTTP method the tRPC HTTP adapters
 * serve it with (a query is a GET with the input in the query string, a mutation a POST).
 */
export const procedureKinds = {
  query: 'GET',
  mutation: 'POST',
  subscription: 'GET',
} as const satisfies Record<string, string>;

/**
 * Calls that build a router from an object of procedures and routers: `t.router({...})`, the
 * `router` / `createTRPCRouter` a project exports from its tRPC setup file. `mergeRouters(a, b)`
 * merges routers without adding a key.
 */
export const routerFactories: readonly string[] = ['router', 'createTRPCRouter', 'createRouter'];
export const routerMergers: readonly string[] = ['mergeRouters'];

/** The member of an `initTRPC...create()` instance that is the base procedure. */
export const baseProcedureMember = 'procedure';
