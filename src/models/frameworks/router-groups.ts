/**
 * Router groups: a router object made by a call of a package that is handed the middleware every
 * route registered on it runs first (`const admin = endpoints.group(requireAdmin)`, `new Router({
 * middleware: [requireAdmin] })`, `makeRouter(adminOnly)`), read by `routes/frameworks/router-groups.ts`.
 */

/** Option keys of a group factory's options object whose value is the group's middleware (one or a list). */
export const routerGroupMiddlewareKeys = ['middleware', 'middlewares', 'before', 'preHandler'] as const;

/**
 * Packages whose own routers other extractors read (their factories take options, not middleware):
 * a call of these is never a router group.
 */
export const routerGroupExcludedModules: ReadonlySet<string> = new Set([
  'express',
  'koa',
  '@koa/router',
  'koa-router',
  'fastify',
  'hono',
  '@hapi/hapi',
  'hapi',
  'elysia',
  'h3',
  'restify',
  'polka',
  '@nestjs/core',
  '@trpc/server',
]);
