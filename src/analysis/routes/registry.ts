import { azureFunctionsExtractor } from './frameworks/azure-functions.js';
import { cloudFunctionsExtractor } from './frameworks/cloud-functions.js';
import { elysiaExtractor } from './frameworks/elysia.js';
import { decoratorControllersExtractor } from './frameworks/decorator-controllers.js';
import { expressExtractor } from './frameworks/express.js';
import { fetchServersExtractor } from './frameworks/fetch-servers.js';
import { fastifyExtractor } from './frameworks/fastify.js';
import { feathersExtractor } from './frameworks/feathers.js';
import { graphqlExtractor } from './frameworks/graphql.js';
import { h3Extractor } from './frameworks/h3.js';
import { hapiExtractor } from './frameworks/hapi.js';
import { honoExtractor } from './frameworks/hono.js';
import { koaExtractor } from './frameworks/koa.js';
import { netlifyExtractor } from './frameworks/netlify.js';
import { nestjsExtractor } from './frameworks/nestjs.js';
import { nextActionsExtractor } from './frameworks/next-actions.js';
import { nextjsExtractor } from './frameworks/nextjs.js';
import { nextPageDataExtractor } from './frameworks/next-pages-data.js';
import { nodeHttpExtractor } from './frameworks/node-http.js';
import { routeModulesExtractor } from './frameworks/route-modules.js';
import { realtimeExtractor } from './frameworks/realtime.js';
import { routerGroupsExtractor } from './frameworks/router-groups.js';
import { sailsExtractor } from './frameworks/sails.js';
import { strapiExtractor } from './frameworks/strapi.js';
import { adonisExtractor } from './frameworks/adonis.js';
import { trpcExtractor } from './frameworks/trpc.js';
import { vercelExtractor } from './frameworks/vercel.js';
import type { FrameworkExtractor } from './types.js';

/**
 * Extractors in the order they run. Framework-specific ones (recognised by import) come first;
 * Express also handles route-shaped calls on objects of unknown origin, so it runs after them,
 * and the catch-all for exported handler-shaped functions (in node-http) runs last.
 */
export const extractors: readonly FrameworkExtractor[] = [
  nestjsExtractor,
  // The other decorator controllers (routing-controllers, tsoa, …), by the package of their decorators.
  decoratorControllersExtractor,
  // Resolvers are handlers without routes; claimed before the catch-alls see their functions.
  graphqlExtractor,
  nextjsExtractor,
  // The data functions of Pages Router pages (`getServerSideProps`): handlers without routes, claimed
  // before the catch-all takes `getServerSideProps(context)` for an unregistered handler.
  nextPageDataExtractor,
  // SvelteKit and Remix route modules: a file convention, like Next.js route files.
  routeModulesExtractor,
  // Vercel functions: a platform convention for file paths, read before any import-based reading.
  vercelExtractor,
  // Netlify functions: a platform convention for file paths, like Vercel's.
  netlifyExtractor,
  // Sails controllers: a file convention routed by the project's `config/routes.js`; before the
  // catch-all, which would take a classic controller's `(req, res)` actions for unrouted handlers.
  sailsExtractor,
  // Strapi controllers: a file convention routed by the route objects of the project's `routes/`
  // files; before the catch-all, which would take their `ctx` actions for unrouted handlers.
  strapiExtractor,
  // AdonisJS controllers: classes of a file convention routed by the project's `start/routes.ts`.
  adonisExtractor,
  // Server actions can sit in any file (a page's inline action), beside routes of any framework.
  nextActionsExtractor,
  // Procedures end in `.query(fn)` / `.mutation(fn)`, a shape no other framework registers.
  trpcExtractor,
  // Before Express, which would take `router.get('/x', defineEventHandler(fn))` for its own.
  h3Extractor,
  // `app.use(path, service)` of a Feathers app (on Express or Koa): an object, never middleware,
  // which the Express and Koa readers would take for a mount.
  feathersExtractor,
  fastifyExtractor,
  koaExtractor,
  hapiExtractor,
  honoExtractor,
  elysiaExtractor,
  cloudFunctionsExtractor,
  // Before Express, which would read `app.get('name', handler)` as a route at the path `name`.
  azureFunctionsExtractor,
  // Socket event listeners are handlers without routes; claimed before the catch-alls see their functions.
  realtimeExtractor,
  // Before Express, whose fallback would take a group's routes with their handlers in view but without
  // the middleware the group's factory is handed.
  routerGroupsExtractor,
  expressExtractor,
  // The default export's `fetch` (Workers), `Bun.serve`, `Deno.serve`: handlers without routes.
  fetchServersExtractor,
  nodeHttpExtractor,
];
