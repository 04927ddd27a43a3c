import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A role check in the Next.js middleware counts for the routes it covers: the middleware runs for
 * every path its matcher selects, and checks the role only for the paths its conditions let
 * through (`if (pathname.startsWith('/api/admin'))`). An admin route behind a middleware whose role
 * check covers another prefix still has no role check.
 */

async function reported(dir: string, file: string, rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error', 'api-security/require-role-check': 'error' }): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

const usersRoute = `import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db';

export async function GET() {
  const users = await prisma.user.findMany({ select: { id: true, email: true, role: true } });
  return NextResponse.json(users);
}
`;
const ordersRoute = `import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db';

export async function DELETE(request: Request) {
  const { id } = await request.json();
  await prisma.order.delete({ where: { id } });
  return NextResponse.json({ ok: true });
}
`;
const authConfig = `import NextAuth from 'next-auth';
import GitHub from 'next-auth/providers/github';
export const { handlers, auth, signIn, signOut } = NextAuth({ providers: [GitHub] });
`;
/** Auth.js v5 middleware: `auth` wraps the function, which reads `req.auth`. */
const authjsMiddleware = (prefix: string): string => `import { NextResponse } from 'next/server';
import { auth } from './auth';

export default auth((req) => {
  if (!req.auth) {
    return NextResponse.redirect(new URL('/login', req.nextUrl.origin));
  }
  if (req.nextUrl.pathname.startsWith('${prefix}') && req.auth.user?.role !== 'admin') {
    return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  }
  return NextResponse.next();
});

export const config = { matcher: ['/api/admin/:path*', '/api/orders/:path*'] };
`;
const project = (middleware: string): string =>
  writeProject({
    'middleware.ts': middleware,
    'auth.ts': authConfig,
    'app/api/admin/users/route.ts': usersRoute,
    'app/api/orders/route.ts': ordersRoute,
    'lib/db.ts': 'export const prisma = {} as any;\n',
  });
const ADMIN = 'app/api/admin/users/route.ts';
const ORDERS = 'app/api/orders/route.ts';
/** Orders also need a role check, to show which paths the middleware's check covers. */
// The deprecated option of no-unauthenticated-route, honoured by require-role-check, which took the check over.
const ordersNeedRoles: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { roleRequiredRoutes: ['**/admin/**', '/api/orders/**', '/api/orders'] }],
  'api-security/require-role-check': 'error',
};

describe('Next.js middleware role checks, by the paths they cover', () => {
  it('Auth.js `auth((req) => …)` checking the role for /api/admin covers /api/admin/users, not /api/orders', async () => {
    const dir = project(authjsMiddleware('/api/admin'));
    expect(await reported(dir, ADMIN)).toEqual([]);
    // Authenticated by the middleware; its role check is for another prefix.
    expect(await reported(dir, ORDERS)).toEqual([]);
    expect(await reported(dir, ORDERS, ordersNeedRoles)).toEqual(['4 missingRoleCheck']);
  });

  it('a role check for another prefix leaves the admin route without one', async () => {
    const dir = project(authjsMiddleware('/api/staff'));
    expect(await reported(dir, ADMIN)).toEqual(['4 missingRoleCheck']);
  });

  it('a hand-written middleware: the role checked inside `if (pathname.startsWith(…))`', async () => {
    const dir = project(`import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';

export async function middleware(req: NextRequest) {
  const token = await getToken({ req });
  if (!token) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { pathname } = req.nextUrl;
  if (pathname.startsWith('/api/admin/')) {
    if (token.role !== 'admin') return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  }
  return NextResponse.next();
}

export const config = { matcher: ['/api/:path*'] };
`);
    expect(await reported(dir, ADMIN)).toEqual([]);
    expect(await reported(dir, ORDERS, ordersNeedRoles)).toEqual(['4 missingRoleCheck']);
  });

  it('an early return for the other paths before the role check', async () => {
    const dir = project(`import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';

export async function middleware(req: NextRequest) {
  const token = await getToken({ req });
  if (!token) return NextResponse.redirect(new URL('/login', req.url));
  if (!req.nextUrl.pathname.startsWith('/api/admin')) return NextResponse.next();
  if (!token.isAdmin) return new NextResponse(null, { status: 403 });
  return NextResponse.next();
}
`);
    expect(await reported(dir, ADMIN)).toEqual([]);
    expect(await reported(dir, ORDERS, ordersNeedRoles)).toEqual(['4 missingRoleCheck']);
  });

  it('a role check on every path the matcher selects covers them all', async () => {
    const dir = project(`import { NextResponse } from 'next/server';
import { auth } from './auth';
export default auth((req) => {
  if (req.auth?.user?.role !== 'admin') return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  return NextResponse.next();
});
export const config = { matcher: ['/api/admin/:path*'] };
`);
    expect(await reported(dir, ADMIN)).toEqual([]);
  });

  it('sees an edit of the middleware that moves the role check to another prefix', async () => {
    const dir = project(authjsMiddleware('/api/admin'));
    expect(await reported(dir, ADMIN)).toEqual([]);
    writeFileSync(path.join(dir, 'middleware.ts'), authjsMiddleware('/api/internal'));
    expect(await reported(dir, ADMIN)).toEqual(['4 missingRoleCheck']);
  });
});
