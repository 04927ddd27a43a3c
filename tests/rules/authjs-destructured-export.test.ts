import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Auth.js (NextAuth v5) is configured once, in a module of the project that exports what
 * `NextAuth(config)` returns destructured: `export const { auth, handlers } = NextAuth({ … })`.
 * Route handlers in other files import `auth` (often through a tsconfig alias) and either check
 * the session it returns (`const session = await auth(); if (!session) …`) or wrap the handler
 * (`auth((req) => …)`, which puts the session in `req.auth`). Neither rejects anybody by itself:
 * the handler's check of the session does. A destructured export is followed to the package
 * value it names; a project factory destructured the same way is not taken for the library.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report' }] };

async function reported(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

const tsconfig = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '~/*': ['./src/*'] } } });
const authModule = `import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
export const { handlers, auth, signIn, signOut } = NextAuth({ providers: [Credentials({})] });
`;

function project(files: Record<string, string>, auth = authModule): string {
  return writeProject({ 'tsconfig.json': tsconfig, 'src/auth.ts': auth, ...files });
}

describe('Auth.js `auth` exported destructured from `NextAuth(config)`', () => {
  it('a session checked in the handler authenticates it, through an alias or a relative import', async () => {
    const dir = project({
      'src/app/api/invoices/route.ts': `import { auth } from '~/auth';
export async function GET() {
  const session = await auth();
  if (!session?.user) return Response.json({ error: 'sign in' }, { status: 401 });
  return Response.json([]);
}
export async function DELETE() {
  return new Response(null, { status: 204 });
}
`,
      'src/app/api/notes/route.ts': `import { auth } from '../../../auth';
export async function POST(req: Request) {
  const session = await auth();
  if (!session) return new Response('unauthorized', { status: 401 });
  return Response.json(await req.json());
}
`,
    });
    // DELETE has no check at all: still reported.
    expect(await reported(dir, 'src/app/api/invoices/route.ts')).toEqual(['7 unauthenticatedRoute']);
    expect(await reported(dir, 'src/app/api/notes/route.ts')).toEqual([]);
  });

  it('a session fetched but never checked before the work is no authentication', async () => {
    const dir = project({
      'src/app/api/pages/route.ts': `import { auth } from '~/auth';
export async function DELETE(req: Request) {
  await auth();
  const { slug } = await req.json();
  return Response.json({ deleted: slug });
}
`,
    });
    expect(await reported(dir, 'src/app/api/pages/route.ts')).toEqual(['2 unauthenticatedRoute']);
  });

  it('a helper of the project that returns null without a session is judged through the destructured export', async () => {
    const dir = project({
      'src/lib/session.ts': `import { auth } from '~/auth';
export async function signedInUser() {
  const session = await auth();
  if (!session?.user?.email) return null;
  return session.user;
}
export async function anyUser() {
  await auth();
  return { email: 'guest@example.test' };
}
`,
      'src/app/api/profile/route.ts': `import { signedInUser } from '~/lib/session';
export async function GET() {
  const user = await signedInUser();
  if (!user) return new Response(null, { status: 401 });
  return Response.json(user);
}
`,
      'src/app/api/profile/export/route.ts': `import { anyUser } from '~/lib/session';
export async function POST() {
  const user = await anyUser();
  if (!user) return new Response(null, { status: 401 });
  return Response.json(user);
}
`,
    });
    expect(await reported(dir, 'src/app/api/profile/route.ts')).toEqual([]);
    // A helper that answers a constant user whatever the session proves nothing.
    expect(await reported(dir, 'src/app/api/profile/export/route.ts')).toEqual(['2 unauthenticatedRoute']);
  });

  it('`auth(handler)` puts the session in `req.auth`: the handler that checks it is authenticated, one that does not is not', async () => {
    const dir = project({
      'src/app/api/spaces/route.ts': `import { auth } from '~/auth';
export const GET = auth(async (req) => {
  if (!req.auth) return Response.json({ error: 'sign in' }, { status: 401 });
  return Response.json([]);
});
export const POST = auth(async (req) => {
  const body = await req.json();
  return Response.json(body, { status: 201 });
});
`,
    });
    expect(await reported(dir, 'src/app/api/spaces/route.ts')).toEqual(['6 unauthenticatedRoute']);
  });

  it('`export default auth((req) => …)` as the middleware: guards the paths of its matcher when it rejects a request without `req.auth`', async () => {
    const route = { 'src/app/api/orders/route.ts': 'export async function DELETE() {\n  return new Response(null, { status: 204 });\n}\n' };
    const middleware = (body: string): string => `import { NextResponse } from 'next/server';
import { auth } from '~/auth';
export default auth((req) => {
${body}
  return NextResponse.next();
});
export const config = { matcher: ['/api/:path*'] };
`;
    const guarded = project({ ...route, 'src/middleware.ts': middleware("  if (!req.auth) return NextResponse.redirect(new URL('/login', req.url));") });
    expect(await reported(guarded, 'src/app/api/orders/route.ts')).toEqual([]);
    // Reads the session, turns nobody away.
    const open = project({ ...route, 'src/middleware.ts': middleware('  console.log(req.auth?.user?.email);') });
    expect(await reported(open, 'src/app/api/orders/route.ts')).toEqual(['1 unauthenticatedRoute']);
  });

  it('a project factory destructured the same way is not the library: its `auth` is out of view, not trusted by its name', async () => {
    const dir = project(
      {
        'src/app/api/reports/route.ts': `import { auth } from '~/auth';
export async function GET() {
  const session = await auth();
  if (!session) return new Response(null, { status: 401 });
  return Response.json([]);
}
`,
      },
      `import { buildAuth } from './lib/build-auth';
export const { auth, handlers } = buildAuth();
`,
    );
    expect(await reported(dir, 'src/app/api/reports/route.ts')).toEqual(['2 unknownAuth']);
  });
});
