import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMatcher, readNextMiddleware, type NextMiddleware } from '../../src/analysis/project/next-middleware.js';
import { parseProjectText } from '../../src/analysis/project/parse.js';
import { appRoutePath, pagesRoutePath } from '../../src/analysis/routes/frameworks/nextjs.js';
import { analyze, routesOf, type RouteSummary } from '../helpers/routes.js';

/** The middleware a file of this text would declare, read from its parse. */
function parseNextMiddleware(file: string, text: string): NextMiddleware {
  const module = parseProjectText(file, text);
  if (!module) throw new Error(`${file} does not parse`);
  return readNextMiddleware(module);
}

// An empty project (own package.json, no middleware): paths are relative to it.
const snippets = 'tests/fixtures/next-app/snippets';
const nextRoutes = (code: string, filename: string): RouteSummary[] =>
  routesOf(code, { filename }).filter((route) => route.framework === 'nextjs');
const route = (
  methods: string[],
  routePath: string | null,
  line: number,
  handlerLine: number | null,
  style: string,
  guards: string[] = [],
): RouteSummary => ({ framework: 'nextjs', methods, path: routePath, line, handlerLine, style, guards, mountedElsewhere: false });

describe('Next.js App Router route model', () => {
  it('finds each exported method form of a route.ts file', () => {
    const code = `
import { NextResponse, type NextRequest } from 'next/server';
import { withAuth } from '@/lib/with-auth';
import { auth } from '@/auth';
export async function GET(request: NextRequest) { return NextResponse.json([]); }
export const POST = async (request: NextRequest) => NextResponse.json(await request.json());
export const PUT = withAuth(update);
export const DELETE = auth(async (request) => new Response(null, { status: 204 }));
async function update(request: NextRequest) { return NextResponse.json({}); }
const handler = (request: Request) => Response.json({});
export { handler as PATCH, handler as OPTIONS };
export const dynamic = 'force-dynamic';
export function helper() {}
`;
    expect(nextRoutes(code, `${snippets}/app/api/items/route.ts`)).toEqual([
      route(['GET'], '/api/items', 5, 5, 'next-app'),
      route(['POST'], '/api/items', 6, 6, 'next-app'),
      route(['PUT'], '/api/items', 7, 9, 'next-app', ['middleware:route:withAuth']),
      route(['DELETE'], '/api/items', 8, 8, 'next-app', ['middleware:route:auth']),
      route(['PATCH'], '/api/items', 11, 10, 'next-app'),
      route(['OPTIONS'], '/api/items', 11, 10, 'next-app'),
    ]);
  });

  it('follows wrapped constants, nested wrappers and re-exports', () => {
    const code = `
import { withRateLimit, withRole } from '@/lib/wrappers';
const list = withRole(withRateLimit(async (request: Request) => Response.json([])), 'admin');
export { list as GET };
export { POST } from '@/lib/handlers';
export const { PUT, DELETE: remove } = handlers;
export const HEAD = createRouteHandler({ router });
`;
    expect(nextRoutes(code, `${snippets}/app/api/admin/route.ts`)).toEqual([
      route(['GET'], '/api/admin', 4, 3, 'next-app', ['middleware:route:withRole', 'middleware:route:withRateLimit']),
      route(['POST'], '/api/admin', 5, 5, 'next-app'),
      route(['PUT'], '/api/admin', 6, 6, 'next-app'),
      route(['HEAD'], '/api/admin', 7, 7, 'next-app'),
    ]);
    const routes = analyze(code, { filename: `${snippets}/app/api/admin/route.ts` }).routes;
    expect(routes.map((found) => [found.reportNode.type, found.handler?.fn?.type ?? null, found.insertBefore, found.owner])).toEqual([
      ['Identifier', 'ArrowFunctionExpression', null, null],
      ['Identifier', null, null, null],
      ['Identifier', null, null, null],
      ['Identifier', null, null, null],
    ]);
  });

  it('derives the URL path from the file path', () => {
    const code = 'export async function GET() { return Response.json({}); }';
    const pathOf = (file: string): (string | null)[] => nextRoutes(code, `${snippets}/${file}`).map((found) => found.path);
    expect(pathOf('app/(admin)/api/users/[id]/route.ts')).toEqual(['/api/users/[id]']);
    expect(pathOf('app/docs/@sidebar/[[...slug]]/route.js')).toEqual(['/docs/[[...slug]]']);
    expect(pathOf('app/files/[...path]/route.mts')).toEqual(['/files/[...path]']);
    expect(pathOf('app/route.ts')).toEqual(['/']);
    expect(pathOf('src/app/api/v1/route.ts')).toEqual(['/api/v1']);
    expect(pathOf('app/_lib/route.ts')).toEqual([]);
    expect(pathOf('app/api/page.tsx')).toEqual([]);
    expect(pathOf('app/api/route.d.ts')).toEqual([]);
    expect(pathOf('lib/route.ts')).toEqual([]);
    expect(appRoutePath('apps/web/app/(shop)/cart/route.tsx')).toBe('/cart');
    expect(appRoutePath('app/app/route.ts')).toBe('/app');
  });

  it('does not treat a page or layout under app/ as a route', () => {
    const page = `
export default function Page() { return <main>Hello</main>; }
export async function generateMetadata() { return {}; }
`;
    expect(nextRoutes(page, `${snippets}/app/dashboard/page.tsx`)).toEqual([]);
  });
});

describe('Next.js Pages Router route model', () => {
  it('finds the default-exported handler and derives the path', () => {
    const declaration = `
import type { NextApiRequest, NextApiResponse } from 'next';
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json([]);
}
`;
    expect(nextRoutes(declaration, `${snippets}/pages/api/users/index.ts`)).toEqual([
      route(['ALL'], '/api/users', 3, 3, 'next-pages'),
    ]);
    const arrow = 'export default async (req, res) => { res.json({ id: req.query.id }); };';
    expect(nextRoutes(arrow, `${snippets}/src/pages/api/users/[id].js`)).toEqual([
      route(['ALL'], '/api/users/[id]', 1, 1, 'next-pages'),
    ]);
    expect(nextRoutes(arrow, `${snippets}/pages/api/index.ts`).map((found) => found.path)).toEqual(['/api']);
    expect(pagesRoutePath('pages/api/[...slug].tsx')).toBe('/api/[...slug]');
    expect(pagesRoutePath('pages/about.tsx')).toBeNull();
    expect(pagesRoutePath('pages/api/types.d.ts')).toBeNull();
  });

  it('records wrapper calls as route middleware', () => {
    const wrapped = `
import { withApiAuthRequired } from '@auth0/nextjs-auth0';
export default withApiAuthRequired(async function me(req, res) {
  res.json({});
});
`;
    expect(nextRoutes(wrapped, `${snippets}/pages/api/me.ts`)).toEqual([
      route(['ALL'], '/api/me', 3, 3, 'next-pages', ['middleware:route:withApiAuthRequired']),
    ]);
    const viaConstant = `
import { withIronSessionApiRoute } from 'iron-session/next';
async function handler(req, res) { res.json(req.session.user); }
const wrapped = withIronSessionApiRoute(handler, sessionOptions);
export default wrapped;
`;
    expect(nextRoutes(viaConstant, `${snippets}/pages/api/user.ts`)).toEqual([
      route(['ALL'], '/api/user', 5, 3, 'next-pages', ['middleware:route:withIronSessionApiRoute']),
    ]);
    const commonJs = `
const handler = (req, res) => res.end('ok');
module.exports = handler;
`;
    expect(nextRoutes(commonJs, `${snippets}/pages/api/ping.js`)).toEqual([route(['ALL'], '/api/ping', 3, 2, 'next-pages')]);
    expect(nextRoutes('export default { runtime: "edge" };', `${snippets}/pages/api/config.ts`)).toEqual([]);
    expect(nextRoutes('export const config = {};', `${snippets}/pages/api/empty.ts`)).toEqual([]);
  });

  it('narrows the methods when the handler dispatches on req.method', () => {
    const methodsOf = (body: string): string[][] =>
      nextRoutes(`export default async function handler(req, res) {\n${body}\n}`, `${snippets}/pages/api/items.ts`).map(
        (found) => found.methods,
      );
    expect(methodsOf(`if (req.method !== 'POST') return res.status(405).end(); res.json(req.body);`)).toEqual([['POST']]);
    expect(methodsOf(`if (req.method !== 'GET' && req.method !== 'HEAD') { res.status(405).end(); return; }`)).toEqual([
      ['GET', 'HEAD'],
    ]);
    expect(methodsOf(`if (!['GET', 'POST'].includes(req.method)) { return res.status(405).end(); }`)).toEqual([['GET', 'POST']]);
    expect(
      methodsOf(`
const session = await getSession(req);
switch (req.method) {
  case 'GET': return res.json([]);
  case 'put': return res.json({});
  default: res.setHeader('Allow', ['GET', 'PUT']); res.status(405).end();
}`),
    ).toEqual([['GET', 'PUT']]);
    expect(methodsOf(`switch (req.method) { case 'GET': return res.json([]); default: return res.json({}); }`)).toEqual([['ALL']]);
    expect(
      methodsOf(`
const { method } = req;
if (method === 'GET') { res.json([]); } else if (method === 'POST') { res.json({}); } else { res.status(405).end(); }`),
    ).toEqual([['GET', 'POST']]);
    expect(
      methodsOf(`
if (req.method === 'GET') { return res.json([]); }
if (req.method === 'DELETE') { await remove(req.query.id); return res.status(204).end(); }
return res.status(405).end();`),
    ).toEqual([['GET', 'DELETE']]);
    expect(methodsOf(`if (req.method === 'GET') { res.json([]); } res.json({});`)).toEqual([['ALL']]);
    expect(methodsOf(`if (req.method === 'DELETE') return res.status(405).end(); res.json({});`)).toEqual([['ALL']]);
    expect(methodsOf(`res.json(req.body);`)).toEqual([['ALL']]);
  });
});

describe('Next.js middleware and proxy', () => {
  const fixtures = path.resolve('tests/fixtures/next-app');
  const lint = (file: string): ReturnType<typeof analyze>['routes'] => {
    const filename = path.join(fixtures, file);
    return analyze(fs.readFileSync(filename, 'utf8'), { filename }).routes.filter((found) => found.framework === 'nextjs');
  };
  const summary = (routes: ReturnType<typeof lint>): [string | null, string[], string | null][] =>
    routes.map((found) => [
      found.path,
      found.guards.map((guard) => `${guard.kind}:${guard.level}:${guard.name ?? '<inline>'}`),
      found.guards[0]?.verdict ?? null,
    ]);

  it('adds a hand-written middleware to the routes its matcher selects', () => {
    expect(summary(lint('app/api/admin/users/route.ts'))).toEqual([
      ['/api/admin/users', ['next-middleware:global:middleware'], 'authenticated'],
    ]);
    expect(summary(lint('pages/api/admin/stats.ts'))).toEqual([
      ['/api/admin/stats', ['next-middleware:global:middleware'], 'authenticated'],
    ]);
    expect(summary(lint('app/api/health/route.ts'))).toEqual([['/api/health', [], null]]);
    const [admin] = lint('app/api/admin/users/route.ts');
    expect(admin?.guards[0]?.node).toBe(admin?.reportNode);
    expect(admin?.guards[0]?.fn).toBeNull();
  });

  it('reads clerkMiddleware with auth.protect() and a public route list from src/middleware.ts', () => {
    expect(summary(lint('clerk/src/app/api/projects/route.ts'))).toEqual([
      ['/api/projects', ['next-middleware:global:clerkMiddleware'], 'authenticated'],
    ]);
    expect(summary(lint('clerk/src/app/api/webhooks/stripe/route.ts'))).toEqual([
      ['/api/webhooks/stripe', ['next-middleware:global:clerkMiddleware'], null],
    ]);
  });

  it('reads a Next 16 proxy.ts exporting NextAuth auth, with a negative-lookahead matcher', () => {
    expect(summary(lint('proxy/app/account/route.ts'))).toEqual([['/account', ['next-middleware:global:auth'], 'authenticated']]);
    expect(summary(lint('proxy/app/api/items/route.ts'))).toEqual([['/api/items', [], null]]);
  });

  it('reads project files only for a file that exists on disk', () => {
    const code = 'export async function GET() { return Response.json([]); }';
    const filename = path.join(fixtures, 'app/api/admin/unsaved/route.ts');
    expect(routesOf(code, { filename }).map((found) => [found.path, found.guards])).toEqual([['/api/admin/unsaved', []]]);
  });

  it('runs a middleware without matcher on every path, without a verdict when it does not authenticate', () => {
    expect(summary(lint('plain/app/api/items/route.ts'))).toEqual([['/api/items', ['next-middleware:global:middleware'], null]]);
  });

  it('puts the middleware before route wrappers', () => {
    expect(summary(lint('app/api/admin/export/route.ts'))).toEqual([
      ['/api/admin/export', ['next-middleware:global:middleware', 'middleware:route:withRole'], 'authenticated'],
    ]);
  });

  it('recognises the exported middleware and whether it rejects unauthenticated requests', () => {
    const read = (text: string): [string, boolean] => {
      const middleware = parseNextMiddleware('middleware.ts', text);
      return [middleware.name, middleware.authenticates('/dashboard')];
    };
    expect(read(`export { default } from 'next-auth/middleware';`)).toEqual(['withAuth', true]);
    expect(read(`import { withAuth } from "next-auth/middleware";\nexport default withAuth({ pages: { signIn: '/login' } });`)).toEqual([
      'withAuth',
      true,
    ]);
    expect(read(`import { withAuth } from 'next-auth/middleware';\nexport const middleware = withAuth(function m(req) {});`)).toEqual([
      'withAuth',
      true,
    ]);
    expect(read(`import { auth } from './auth';\nexport default auth;`)).toEqual(['auth', true]);
    expect(read(`export { auth as middleware } from '@/auth';`)).toEqual(['auth', true]);
    expect(
      read(`import { auth } from '@/auth';
export default auth((req) => {
  if (!req.auth) return Response.redirect(new URL('/login', req.nextUrl.origin));
});`),
    ).toEqual(['auth', true]);
    expect(read(`import { auth } from '@/auth';\nexport default auth((req) => { console.log(req.url); });`)).toEqual(['auth', false]);
    expect(
      read(`import { getToken } from 'next-auth/jwt';
export const proxy = async (request) => {
  const token = await getToken({ req: request });
  if (!token) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
};`),
    ).toEqual(['proxy', true]);
    expect(
      read(`export async function middleware(request) {
  const token = request.cookies.get('token')?.value;
  // if (!token) return NextResponse.redirect(new URL('/login', request.url));
  return NextResponse.next();
}`),
    ).toEqual(['middleware', false]);
    expect(read(`import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();`)).toEqual([
      'clerkMiddleware',
      false,
    ]);
    expect(read(`export default clerkMiddleware(async (auth) => { await auth().protect(); });`)).toEqual(['clerkMiddleware', true]);
  });

  it('limits clerkMiddleware protection to a protected route list', () => {
    const middleware = parseNextMiddleware(
      'middleware.ts',
      `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';
const isProtectedRoute = createRouteMatcher(['/dashboard(.*)', '/api/private/:path*']);
export default clerkMiddleware(async (auth, req) => {
  if (isProtectedRoute(req)) await auth.protect();
});`,
    );
    expect(['/dashboard', '/dashboard/settings', '/api/private/a/b', '/api/public'].map(middleware.authenticates)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(middleware.matches('/anything')).toBe(true);
  });

  it('reads matcher strings, source objects, and unreadable matchers', () => {
    const matcher = (value: string): ((routePath: string) => boolean) =>
      parseNextMiddleware('middleware.ts', `export function middleware() {}\nexport const config = { matcher: ${value} };`).matches;
    const single = matcher(`'/about/:path*'`);
    expect(['/about', '/about/a/b', '/aboutus', '/'].map(single)).toEqual([true, true, false, false]);
    const objects = matcher(`[{ source: '/api/:path*', has: [{ type: 'header', key: 'authorization' }] }, { source: "/admin" }]`);
    expect(['/api/x', '/admin', '/authorization', '/header'].map(objects)).toEqual([true, true, false, false]);
    const variable = matcher('MATCHERS');
    expect(variable('/anything')).toBe(true);
  });

  it('compiles Next.js matcher syntax', () => {
    const test = (pattern: string, paths: string[]): boolean[] => paths.map((value) => compileMatcher(pattern)?.test(value) ?? false);
    expect(test('/api/:path+', ['/api', '/api/a', '/api/a/b'])).toEqual([false, true, true]);
    expect(test('/blog/:slug?', ['/blog', '/blog/x', '/blog/x/y'])).toEqual([true, true, false]);
    expect(test('/post/:id(\\d+)', ['/post/12', '/post/ab'])).toEqual([true, false]);
    expect(test('/users/:id/edit', ['/users/[id]/edit', '/users/7/edit', '/users/edit'])).toEqual([true, true, false]);
    expect(test('/((?!api|_next/static|_next/image|favicon.ico).*)', ['/', '/account', '/api/items'])).toEqual([true, true, false]);
    expect(test('/(api|trpc)(.*)', ['/api/items', '/trpc', '/apix', '/other'])).toEqual([true, true, true, false]);
    expect(compileMatcher('/broken/(unclosed')).toBeNull();
  });

  it('treats a matcher whose own expression can backtrack as not understood, so it matches everywhere', () => {
    // `(a+)+` takes exponential time on `/aaa…a!`: it is never run against a route path.
    expect(compileMatcher('/((a+)+)')).toBeNull();
    expect(compileMatcher('/post/:id((\\d+)*)')).toBeNull();
    const matches = parseNextMiddleware('middleware.ts', `export function middleware() {}\nexport const config = { matcher: '/((a+)+)' };`).matches;
    expect(matches(`/${'a'.repeat(20)}!`)).toBe(true);
  });
});
