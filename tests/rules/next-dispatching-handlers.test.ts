import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

// A Next.js route file that exports a handler built by a package that dispatches to routes of its
// own (tRPC's adapters, Apollo's and Yoga's GraphQL handlers, Hono's adapter, the auth libraries'
// endpoints) is not a route itself: each procedure, resolver or Hono route is judged, with its own
// guards, where it is defined. A handler the file writes itself stays a route.
const ruleTester = new RuleTester();
const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const at = (file: string): string => path.join(fixtures, 'next-app/snippets', file);

ruleTester.run('no-unauthenticated-route (dispatching handlers in Next.js)', rule, {
  valid: [
    {
      name: 'tRPC on the pages router',
      filename: at('pages/api/trpc/[trpc].ts'),
      code: `import { createNextApiHandler } from '@trpc/server/adapters/next';
import { appRouter } from '../../../server/routers/_app';
import { createContext } from '../../../server/context';
export default createNextApiHandler({ router: appRouter, createContext });`,
    },
    {
      name: 'tRPC on the app router, through a function returning the fetch adapter',
      filename: at('app/api/trpc/[trpc]/route.ts'),
      code: `import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/routers/_app';
const handler = (req: Request) => fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext: () => ({}) });
export { handler as GET, handler as POST };`,
    },
    {
      name: 'GraphQL Yoga held in a const',
      filename: at('app/api/graphql/route.ts'),
      code: `import { createYoga } from 'graphql-yoga';
import { schema } from '@/graphql/schema';
const yoga = createYoga({ schema });
export { yoga as GET, yoga as POST };`,
    },
    {
      name: 'a Hono app behind hono/vercel',
      filename: at('app/api/[[...route]]/route.ts'),
      code: `import { Hono } from 'hono';
import { handle } from 'hono/vercel';
const app = new Hono().basePath('/api');
export const GET = handle(app);
export const POST = handle(app);`,
    },
    {
      name: 'NextAuth on the pages router',
      filename: at('pages/api/auth/[...nextauth].ts'),
      code: `import NextAuth from 'next-auth';
import { authOptions } from '../../../lib/auth';
export default NextAuth(authOptions);`,
    },
  ],
  invalid: [
    {
      name: 'a handler of the file that also calls a package function is still a route',
      filename: at('pages/api/export.ts'),
      code: `import { createNextApiHandler } from '@trpc/server/adapters/next';
export default async function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  res.status(200).json({ done: true });
}`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 2 }],
    },
    {
      name: 'a same-named function of the project is not the adapter',
      filename: at('app/api/hooks/route.ts'),
      code: `const handle = (fn: (req: Request) => Promise<Response>) => (req: Request) => fn(req);
export const POST = handle(async (req: Request) => Response.json(await req.json()));`,
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
  ],
});
