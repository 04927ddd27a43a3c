/**
 * Handlers built by a package that dispatches the request to routes of its own: tRPC's adapters
 * run the router's procedures, Apollo's and Yoga's run the schema's resolvers, Hono's adapters run
 * the Hono app's routes, and the auth libraries serve their own sign-in and callback endpoints. A
 * Next.js route file (or a serverless function) that exports such a handler is not a route of its
 * own: the procedures, resolvers and routes are, each with its own guards, and the analyses judge
 * them where they are defined. `path` is the access path of the factory from the module's export,
 * as in the sink models (`''` is the default export).
 */
export const dispatchingHandlerFactories: readonly { module: string; path: string }[] = [
  { module: '@trpc/server/adapters/next', path: 'Member[createNextApiHandler]' },
  { module: '@trpc/server/adapters/fetch', path: 'Member[fetchRequestHandler]' },
  { module: '@trpc/server/adapters/standalone', path: 'Member[createHTTPHandler]' },
  { module: '@trpc/server/adapters/node-http', path: 'Member[nodeHTTPRequestHandler]' },
  { module: '@as-integrations/next', path: 'Member[startServerAndCreateNextHandler]' },
  { module: 'graphql-yoga', path: 'Member[createYoga]' },
  { module: 'hono/vercel', path: 'Member[handle]' },
  { module: 'hono/nextjs', path: 'Member[handle]' },
  { module: 'next-auth', path: '' },
  { module: 'better-auth/next-js', path: 'Member[toNextJsHandler]' },
];
