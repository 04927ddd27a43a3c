import path from 'node:path';
import { projectDependencies, projectRelativePath, projectRoot, readProjectFile } from '../project-files.js';
import type { FrameworkExtractor } from '../types.js';
import { pagesRoutes } from './nextjs.js';

/*
 * Vercel functions: in a project deployed on Vercel (it depends on `@vercel/node` or has a
 * `vercel.json`) and not built with Next.js (whose routes are `pages/api` and `app`), every file
 * under the root `api/` folder serves the URL of its path (`api/admin/users.ts` → `/api/admin/users`,
 * `api/users/[id].ts` → `/api/users/[id]`, `index` dropped); files and folders starting with `_` are
 * not served. Its default export takes `(req: VercelRequest, res: VercelResponse)`, the shape of a
 * Next.js Pages Router API route, and is judged as one: by the evidence in the handler and the
 * wrappers around it. Only for files on disk (the platform convention is read from the project).
 */

const SOURCE_FILE = /\.(?:ts|js|mts|mjs|cts|cjs|tsx|jsx)$/u;

/** `api/admin/users.ts` → `/api/admin/users`; null for any other project path. */
export function vercelFunctionPath(relative: string): string | null {
  const segments = relative.split('/');
  const last = segments.at(-1) ?? '';
  if (segments[0] !== 'api' || segments.length < 2 || !SOURCE_FILE.test(last) || /\.d\.[cm]?ts$/u.test(last)) return null;
  if (segments.some((segment) => segment.startsWith('_'))) return null;
  const parts = [...segments.slice(0, -1), last.replace(SOURCE_FILE, '')];
  if (parts.at(-1) === 'index') parts.pop();
  return `/${parts.join('/')}`;
}

/** Whether the linted file's project deploys on Vercel without Next.js. */
function deploysOnVercel(filename: string): boolean {
  const dependencies = projectDependencies(filename);
  if (dependencies === null || dependencies.has('next')) return false;
  if (dependencies.has('@vercel/node')) return true;
  const root = projectRoot(filename);
  return root !== null && readProjectFile(path.join(root, 'vercel.json')) !== null;
}

export const vercelExtractor: FrameworkExtractor = {
  framework: 'vercel',
  extract(context) {
    const relative = projectRelativePath(context.filename);
    const routePath = relative === null ? null : vercelFunctionPath(relative);
    if (routePath === null || !deploysOnVercel(context.filename)) return {};
    const routes = pagesRoutes(context, routePath, 'vercel');
    return routes.length === 0 ? {} : { routes };
  },
};
