import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * The Next.js middleware (Next 16: `proxy.ts`) read through the project model: the route file is
 * linted alone, as the editor does, and the middleware file beside it is parsed for its matcher and
 * for the evidence that it rejects requests without a session.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { roleRequiredRoutes: [] }] };

async function reported(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

const ordersRoute = `
import { NextResponse } from 'next/server';
import { db } from '@/lib/db';

export async function DELETE(request: Request) {
  const { id } = await request.json();
  await db.order.delete({ where: { id } });
  return NextResponse.json({ ok: true });
}
`;
const sessionMiddleware = (config: string, reject = `return NextResponse.redirect(new URL('/login', request.url));`): string => `
import { NextResponse, type NextRequest } from 'next/server';

export function middleware(request: NextRequest) {
  const session = request.cookies.get('session');
  if (!session) ${reject}
  return NextResponse.next();
}

${config}
`;
const project = (files: Record<string, string>): string =>
  writeProject({
    'app/api/orders/route.ts': ordersRoute,
    'app/api/invoices/route.ts': ordersRoute,
    'lib/db.ts': 'export const db = {} as any;\n',
    ...files,
  });
const ORDERS = 'app/api/orders/route.ts';
const OTHER = 'app/api/invoices/route.ts';

describe('Next.js middleware across files', () => {
  it('a matcher written as an array of objects with `source` selects the routes the middleware protects', async () => {
    const dir = project({
      'middleware.ts': sessionMiddleware(`export const config = {
  matcher: [
    { source: '/api/orders/:path*', has: [{ type: 'header', key: 'x-tenant' }] },
    { source: '/dashboard/:path*', missing: [{ type: 'cookie', key: 'preview' }] },
  ],
};`),
    });
    expect(await reported(dir, ORDERS)).toEqual([]);
    expect(await reported(dir, OTHER)).toEqual(['5 unauthenticatedRoute']);
  });

  it('a matcher held in a constant of the middleware file is read', async () => {
    const dir = project({
      'middleware.ts': sessionMiddleware(`const PROTECTED = ['/api/orders/:path*'] as const;\nexport const config = { matcher: PROTECTED };`),
    });
    expect(await reported(dir, ORDERS)).toEqual([]);
    expect(await reported(dir, OTHER)).toEqual(['5 unauthenticatedRoute']);
  });

  it('Next 16 proxy.ts in src/, answering 401 without a bearer token', async () => {
    const dir = project({
      'src/proxy.ts': `
import { NextResponse, type NextRequest } from 'next/server';
export function proxy(request: NextRequest) {
  if (!request.headers.get('authorization')) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }
  return NextResponse.next();
}
export const config = { matcher: '/api/orders/:path*' };
`,
    });
    expect(await reported(dir, ORDERS)).toEqual([]);
    expect(await reported(dir, OTHER)).toEqual(['5 unauthenticatedRoute']);
  });

  it('a hand-written middleware is also judged by the auth evidence in its body (an API key check that answers 401)', async () => {
    const dir = project({
      'middleware.ts': `
import { NextResponse, type NextRequest } from 'next/server';
export function middleware(request: NextRequest) {
  const apiKey = request.headers.get('x-api-key');
  if (!apiKey || apiKey !== process.env.ORDERS_API_KEY) return new NextResponse('missing key', { status: 401 });
  return NextResponse.next();
}
`,
    });
    expect(await reported(dir, ORDERS)).toEqual([]);
  });

  it('a middleware that only checks that an API key is sent accepts any key', async () => {
    const dir = project({
      'middleware.ts': `
import { NextResponse, type NextRequest } from 'next/server';
export function middleware(request: NextRequest) {
  const apiKey = request.headers.get('x-api-key');
  if (!apiKey) return new NextResponse('missing key', { status: 401 });
  return NextResponse.next();
}
`,
    });
    // Reported; the middleware's verdict reaches the route without the detail of which check it lacks.
    expect(await reported(dir, ORDERS)).toEqual(['5 unauthenticatedRoute']);
  });

  it('a redirect only in a comment is not a rejection', async () => {
    const dir = project({
      'middleware.ts': sessionMiddleware('', `{ /* return NextResponse.redirect(new URL('/login', request.url)); */ }`),
    });
    expect(await reported(dir, ORDERS)).toEqual(['5 unauthenticatedRoute']);
  });

  it('an edit of middleware.ts changes the route’s verdict in the same process', async () => {
    const dir = project({ 'middleware.ts': sessionMiddleware(`export const config = { matcher: ['/dashboard/:path*'] };`) });
    expect(await reported(dir, ORDERS)).toEqual(['5 unauthenticatedRoute']);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    writeFileSync(path.join(dir, 'middleware.ts'), sessionMiddleware(`export const config = { matcher: ['/dashboard/:path*', '/api/:path*'] };`));
    expect(await reported(dir, ORDERS)).toEqual([]);
  });

  it('a proxy.ts added to the project is found on a later lint', async () => {
    const dir = project({});
    expect(await reported(dir, ORDERS)).toEqual(['5 unauthenticatedRoute']);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    writeFileSync(path.join(dir, 'proxy.ts'), sessionMiddleware('').replace('export function middleware', 'export function proxy'));
    expect(await reported(dir, ORDERS)).toEqual([]);
  });
});
