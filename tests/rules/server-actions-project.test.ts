import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Server actions across files, as a Next.js App Router project lays them out: the actions in
 * `app/actions/`, the data layer in `lib/`. The action's arguments are request input wherever they
 * end up: the mass assignment is reported at the action's call, naming the write in `lib/`; the SQL
 * injection at the sink in `lib/`, naming the action's argument.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-mass-assignment': 'error',
  'api-security/no-unauthenticated-route': 'error',
};

const lib = {
  'lib/db.ts': `import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();
`,
  'lib/users.ts': `import { prisma } from './db';

export async function updateUser(id: string, data: Record<string, unknown>) {
  return prisma.user.update({ where: { id }, data });
}

export async function findUsersByName(name: string) {
  return prisma.$queryRawUnsafe(\`SELECT id, name FROM "User" WHERE name = '\${name}'\`);
}

export async function findUsersByEmail(email: string) {
  return prisma.$queryRawUnsafe('SELECT id, name FROM "User" WHERE email = $1', email);
}
`,
  'lib/session.ts': `import { redirect } from 'next/navigation';
import { auth } from '@/auth';

export async function requireMember() {
  const session = await auth();
  if (!session?.user) redirect('/login');
  return session.user;
}
`,
};

const project = writeProject({
  ...lib,
  'app/actions/profile.ts': `'use server';
import { z } from 'zod';
import { requireMember } from '../../lib/session';
import { findUsersByEmail, findUsersByName, updateUser } from '../../lib/users';

const ProfileInput = z.object({ displayName: z.string().max(80) });

export async function saveProfile(formData: FormData) {
  const member = await requireMember();
  await updateUser(member.id, Object.fromEntries(formData));
}

export async function saveProfileSafely(formData: FormData) {
  const member = await requireMember();
  const input = ProfileInput.parse(Object.fromEntries(formData));
  await updateUser(member.id, { displayName: input.displayName });
}

export async function searchMembers(name: string) {
  await requireMember();
  return findUsersByName(name);
}

export async function memberByEmail(email: string) {
  await requireMember();
  return findUsersByEmail(email);
}

export async function deleteAccount(userId: string) {
  await updateUser(userId, { deletedAt: new Date() });
}
`,
});

async function findings(file: string): Promise<string[]> {
  const messages = await lintProjectFile(project, file, rules);
  return messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

describe('server actions across files', () => {
  it('reports the whole form written by a lib/ function, and the action without a session check', async () => {
    expect(await findings('app/actions/profile.ts')).toEqual([
      '10:31 api-security/no-mass-assignment: `formData` is written whole by `prisma.user.update` at lib/users.ts:4, through `updateUser` (lib/users.ts:3): the client can set any field, including fields such as `role` or `isAdmin`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
      '29:23 api-security/no-unauthenticated-route: Any client can call server action `deleteAccount` (app/actions/profile.ts) with arguments of its choice, and it runs without authentication: no session check or auth wrapper runs in it. Check the session at its start (throw or redirect when there is none), or disable this rule for it if it is public by design.',
    ]);
  });

  it('reports the SQL sink in lib/ reached by an action argument, and not the bound one', async () => {
    const messages = await findings('lib/users.ts');
    expect(messages).toEqual([
      '8:78 api-security/no-sql-injection: `name` in app/actions/profile.ts (line 19) reaches the SQL text of `prisma.$queryRawUnsafe` (line 8) through `findUsersByName` (called on line 21 of app/actions/profile.ts by the handler of server action `searchMembers` (app/actions/profile.ts)). Pass it as a bound parameter instead of building the query string.',
    ]);
  });
});

describe('a middleware.ts matcher does not cover server actions', () => {
  // The middleware rejects requests without a session on every path it matches; the route handler
  // under it is covered. The action is not: it runs under the path of whichever page posts it,
  // which the matcher was not written for, so the action must check the session itself.
  const guarded = writeProject({
    'middleware.ts': `import { NextResponse, type NextRequest } from 'next/server';

export function middleware(request: NextRequest) {
  if (!request.cookies.get('session')) return NextResponse.redirect(new URL('/login', request.url));
  return NextResponse.next();
}

export const config = { matcher: ['/dashboard/:path*', '/api/:path*'] };
`,
    'app/api/items/route.ts': `export async function DELETE(request: Request) {
  return new Response(null, { status: 204 });
}
`,
    'app/dashboard/page.tsx': `import { prisma } from '@/lib/prisma';

export default async function Dashboard() {
  async function clearHistory() {
    'use server';
    await prisma.history.deleteMany({});
  }
  return <form action={clearHistory}><button>Clear</button></form>;
}
`,
  });

  it('reports the action and not the route the matcher covers', async () => {
    const route = await lintProjectFile(guarded, 'app/api/items/route.ts', rules);
    expect(route).toEqual([]);
    const page = await lintProjectFile(guarded, 'app/dashboard/page.tsx', rules);
    expect(page.map((message) => `${String(message.line)}:${String(message.column)} ${message.messageId ?? ''}`)).toEqual(['4:18 unauthenticatedServerAction']);
  });
});

describe('server actions in JavaScript, parsed by ESLint itself', () => {
  const js = writeProject({
    'app/orders/actions.js': `'use server';
import { Pool } from 'pg';

const pool = new Pool();

export async function findOrders(customer) {
  const { rows } = await pool.query("SELECT id, total FROM orders WHERE customer = '" + customer + "'");
  return rows;
}
`,
  });

  it('reads the directive from espree', async () => {
    const messages = await lintProjectFile(js, 'app/orders/actions.js', rules);
    expect(messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.messageId ?? ''}`)).toEqual([
      '6:23 unauthenticatedServerAction',
      '7:89 sqlInjection',
    ]);
  });
});
