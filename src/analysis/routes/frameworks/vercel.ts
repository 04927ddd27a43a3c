import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { FunctionNode } from '../../../utils/ast.js';
import { projectDependencies, projectRelativePath, projectRoot, readProjectFile } from '../project-files.js';
import type { FrameworkExtractor, Route } from '../types.js';
import { appRoutes, pagesRoutes } from './nextjs.js';
import { parameterInfo } from './shared-ast.js';

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

/**
 * Whether the linted file's project deploys on Vercel without Next.js: it depends on `@vercel/node`
 * or has a `vercel.json`, or the file itself imports `@vercel/node` (its `VercelRequest` types) in
 * a project without a manifest or whose manifest does not name Next.js.
 */
function deploysOnVercel(filename: string, imports: ReadonlySet<string>): boolean {
  const dependencies = projectDependencies(filename);
  if (dependencies?.has('next') === true) return false;
  if (imports.has('@vercel/node') || dependencies?.has('@vercel/node') === true) return true;
  if (dependencies === null) return false;
  const root = projectRoot(filename);
  return root !== null && readProjectFile(path.join(root, 'vercel.json')) !== null;
}

export const vercelExtractor: FrameworkExtractor = {
  framework: 'vercel',
  extract(context) {
    const relative = projectRelativePath(context.filename);
    const routePath = relative === null ? null : vercelFunctionPath(relative);
    if (routePath === null || !deploysOnVercel(context.filename, context.imports)) return {};
    // A default export of the Node.js shape `(req, res)`, else a web-standard handler: a default
    // export of one `Request` (`export default async (req: Request) => new Response(…)`, also
    // of the Edge runtime) or a function per method (`export function GET(request: Request)`).
    const routes: Route[] = pagesRoutes(context, routePath, 'vercel');
    for (const route of routes) {
      const handler = route.handler;
      if (handler?.fn && takesWebRequest(handler.fn)) route.handler = { ...handler, style: 'fetch' };
    }
    if (routes.length === 0) routes.push(...appRoutes(context, routePath, 'vercel'));
    return routes.length === 0 ? {} : { routes };
  },
};

/**
 * A handler of a web-standard `Request`: its first parameter is typed `Request`, or it takes no
 * response to answer with (one parameter, the request; the answer is what it returns).
 */
function takesWebRequest(fn: FunctionNode): boolean {
  const params = fn.params.filter((param) => !(param.type === AST_NODE_TYPES.Identifier && param.name === 'this'));
  if (params.length === 1) return true;
  return parameterInfo(params[0]).type === 'Request';
}
