/**
 * Handlers built by a package that dispatches the request to routes of its own: tRPC's adapters
 * run the router's procedures, Apollo's and Yoga's run the schema's resolvers, Hono's adapters run
 * the Hono app's routes, and the auth libraries serve their own sign-in and callback endpoints. A
 * Next.js route file (or a serverless function) that exports such a handler is not a route of its
 * own: the procedures, resolvers and routes are, each with its own guards, and the analyses judge
 * them where they are defined. Keyed by module, the export names that build the handler.
 */
export const dispatchingHandlerFactories: Readonly<Record<string, readonly string[]>> = {
  '@trpc/server/adapters/next': ['createNextApiHandler'],
  '@trpc/server/adapters/fetch': ['fetchRequestHandler'],
  '@trpc/server/adapters/standalone': ['createHTTPHandler'],
  '@trpc/server/adapters/node-http': ['nodeHTTPRequestHandler'],
  '@as-integrations/next': ['startServerAndCreateNextHandler'],
  'graphql-yoga': ['createYoga'],
  'hono/vercel': ['handle'],
  'hono/nextjs': ['handle'],
  'next-auth': ['default'],
  'better-auth/next-js': ['toNextJsHandler'],
};
