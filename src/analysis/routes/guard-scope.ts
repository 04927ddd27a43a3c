import { isUnderPrefix } from './paths.js';
import type { RouteGuard } from './types.js';

/*
 * Which of the guards installed for many routes run for one of them, once its full path is known:
 * a guard installed under a prefix in front of a registration function (`app.use('/api', auth);
 * registerRoutes(app)`, whose routes get their paths in another file: see `RouteGuard.underPath`)
 * runs only for the routes under that prefix. (What an express-unless list exempts is read where
 * routes are judged: see `classifyRoute`.)
 */

/** The guards that run for a route at `path` (its full path; null when not static keeps them all). */
export function coveringGuards(guards: readonly RouteGuard[], path: string | null): RouteGuard[] {
  return guards.filter((guard) => path === null || guard.underPath === undefined || isUnderPrefix(path, guard.underPath));
}
