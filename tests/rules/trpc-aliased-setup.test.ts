import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A tRPC setup reached the way larger apps reach it: through a tsconfig alias (an exact key such as
 * `@rpc`, or a `*` pattern), often to a barrel `index.ts` that re-exports the builders of one file and
 * the context factory of another; the context carries a Knex instance (`ctx.db('table')`). Each hop
 * alone, then all together, with the look-alikes that keep the opposite verdict.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-mass-assignment': 'error',
  'api-security/no-unauthenticated-route': 'error',
  'api-security/no-whole-object-response': 'error',
};

// The builders: a public base, and one whose middleware rejects a call without a user.
const builders = `import { initTRPC, TRPCError } from '@trpc/server';
import type { Ctx } from './ctx';
const t = initTRPC.context<Ctx>().create();
export const router = t.router;
export const openProcedure = t.procedure;
const requireUser = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});
export const memberProcedure = t.procedure.use(requireUser);
`;
const contextFactory = (storeModule: string): string => `import { store } from '${storeModule}';
declare function userFromHeader(header?: string): { id: number; branchId: number } | null;
export async function makeContext({ req }: { req: { headers: Record<string, string | undefined> } }) {
  return { db: store, user: userFromHeader(req.headers.authorization) };
}
export type Ctx = Awaited<ReturnType<typeof makeContext>>;
`;
const store = `import knex from 'knex';
export const store = knex({ client: 'pg', connection: process.env.PG_URL });
`;
const loansRouter = (from: string): string => `import { z } from 'zod';
import { memberProcedure, openProcedure, router } from '${from}';
export const loansRouter = router({
  cancel: openProcedure.input(z.object({ id: z.number() })).mutation(({ ctx, input }) => ctx.db('loans').where({ id: input.id }).del()),
  cancelMine: memberProcedure.input(z.object({ id: z.number() })).mutation(({ ctx, input }) => ctx.db('loans').where({ id: input.id, member_id: ctx.user.id }).del()),
  byTitle: memberProcedure.input(z.object({ title: z.string() })).query(async ({ ctx, input }) => (await ctx.db.raw(\`SELECT id FROM loans WHERE title = '\${input.title}'\`)).rows),
  byTitleBound: memberProcedure.input(z.object({ title: z.string() })).query(async ({ ctx, input }) => (await ctx.db.raw('SELECT id FROM loans WHERE title = ?', [input.title])).rows),
});
`;
// What each of the cases above must give, whichever way the router reaches the builders.
const expected = [
  // `cancel`: `openProcedure` runs no middleware.
  '4 api-security/no-unauthenticated-route',
  // `byTitle`: the client's title in the SQL text; `byTitleBound` binds it.
  '6 api-security/no-sql-injection',
];
const tsconfig = (paths: Record<string, string[]>): string => JSON.stringify({ compilerOptions: { baseUrl: '.', paths } });

describe('tRPC builders behind a tsconfig alias', () => {
  it('follows an exact alias (no `*`) to the setup file', async () => {
    const dir = writeProject({
      'tsconfig.json': tsconfig({ '@rpc': ['src/rpc/builders.ts'] }),
      'src/rpc/builders.ts': builders,
      'src/rpc/ctx.ts': contextFactory('../store'),
      'src/store.ts': store,
      'src/routers/loans.ts': loansRouter('@rpc'),
    });
    expect(summary(await lintProjectFile(dir, 'src/routers/loans.ts', rules))).toEqual(expected);
  });

  it('follows a `*` alias to the setup file', async () => {
    const dir = writeProject({
      'tsconfig.json': tsconfig({ '@lib/*': ['src/*'] }),
      'src/rpc/builders.ts': builders,
      'src/rpc/ctx.ts': contextFactory('@lib/store'),
      'src/store.ts': store,
      'src/routers/loans.ts': loansRouter('@lib/rpc/builders'),
    });
    expect(summary(await lintProjectFile(dir, 'src/routers/loans.ts', rules))).toEqual(expected);
  });

  it('does not take a package of the same shape, which the project does not map, for the setup', async () => {
    const dir = writeProject({
      'tsconfig.json': tsconfig({ '@lib/*': ['src/*'] }),
      'src/routers/loans.ts': loansRouter('@acme/rpc'),
    });
    expect(summary(await lintProjectFile(dir, 'src/routers/loans.ts', rules))).toEqual([]);
  });
});

describe('tRPC builders re-exported by a barrel', () => {
  it('follows a relative barrel to the file that builds them', async () => {
    const dir = writeProject({
      'src/rpc/index.ts': "export * from './builders';\nexport * from './ctx';\n",
      'src/rpc/builders.ts': builders,
      'src/rpc/ctx.ts': contextFactory('../store'),
      'src/store.ts': store,
      'src/routers/loans.ts': loansRouter('../rpc'),
    });
    expect(summary(await lintProjectFile(dir, 'src/routers/loans.ts', rules))).toEqual(expected);
  });

  it('follows an exact alias to a barrel, named re-exports included', async () => {
    const dir = writeProject({
      'tsconfig.json': tsconfig({ '@rpc': ['src/rpc/index.ts'], '@lib/*': ['src/*'] }),
      'src/rpc/index.ts': "export { router, openProcedure, memberProcedure } from './builders';\nexport * from './ctx';\n",
      'src/rpc/builders.ts': builders,
      'src/rpc/ctx.ts': contextFactory('@lib/store'),
      'src/store.ts': store,
      'src/routers/loans.ts': loansRouter('@rpc'),
    });
    expect(summary(await lintProjectFile(dir, 'src/routers/loans.ts', rules))).toEqual(expected);
  });
});

describe('tRPC: the Knex instance the context carries (`ctx.db(table)`) is a store', () => {
  const setup = `import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Knex } from 'knex';
const t = initTRPC.context<{ db: Knex; cache: Map<string, unknown>; user: { id: number } | null }>().create();
const member = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});
`;
  const procedure = (body: string): string => `${setup}export const depots = t.router({ a: ${body} });\n`;
  it.each([
    // A public read of stored rows the client picks.
    { name: 'public query reading rows', code: procedure("t.procedure.input(z.object({ depot: z.number() })).query(({ ctx, input }) => ctx.db('positions').where({ depot_id: input.depot }).select('lat', 'lng'))"), found: ['9 api-security/no-unauthenticated-route'] },
    { name: 'the same read behind the member middleware', code: procedure("member.input(z.object({ depot: z.number() })).query(({ ctx, input }) => ctx.db('positions').where({ depot_id: input.depot }).select('lat', 'lng'))"), found: [] },
    // A whole row is the response; picked columns are not.
    { name: 'whole row', code: procedure("member.query(({ ctx }) => ctx.db('members').where({ owner_id: ctx.user.id }).first())"), found: ['9 api-security/no-whole-object-response'] },
    { name: 'whole row after await', code: procedure("member.query(async ({ ctx }) => { const badge = await ctx.db('members').where({ owner_id: ctx.user.id }).first(); return badge; })"), found: ['9 api-security/no-whole-object-response'] },
    { name: 'picked columns', code: procedure("member.query(({ ctx }) => ctx.db('members').where({ owner_id: ctx.user.id }).first('id', 'label'))"), found: [] },
    { name: 'a context member that is no Knex instance', code: procedure("member.query(({ ctx }) => ctx.cache.get('members'))"), found: [] },
  ])('$name', async ({ code, found }) => {
    const dir = writeProject({ 'src/server/depots.ts': code });
    expect(summary(await lintProjectFile(dir, 'src/server/depots.ts', rules))).toEqual(found);
  });
});

describe('tRPC: an exact alias to a barrel, builders and context in other files, Knex on the context, together', () => {
  const files = {
    'tsconfig.json': tsconfig({ '@rpc': ['src/rpc/index.ts'], '@lib/*': ['src/*'] }),
    'src/rpc/index.ts': "export * from './builders';\nexport * from './ctx';\n",
    'src/rpc/builders.ts': builders,
    'src/rpc/ctx.ts': contextFactory('@lib/store'),
    'src/store.ts': store,
    'src/services/feeds.ts': `import got from 'got';
export async function fetchFeed(address: string) {
  return got(address).json();
}
`,
    'src/routers/members.ts': `import { z } from 'zod';
import { memberProcedure, openProcedure, router } from '@rpc';
import { fetchFeed } from '@lib/services/feeds';
const looseProfile = z.object({ phone: z.string().max(20) }).passthrough();
export const membersRouter = router({
  me: memberProcedure.query(async ({ ctx }) => { const row = await ctx.db('members').where({ id: ctx.user.id }).first(); return row; }),
  card: memberProcedure.query(({ ctx }) => ctx.db('members').where({ id: ctx.user.id }).first('id', 'display_name')),
  nearby: openProcedure.input(z.object({ branch: z.number() })).query(({ ctx, input }) => ctx.db('checkins').where({ branch_id: input.branch }).select('member_id', 'at')),
  saveLoose: memberProcedure.input(looseProfile).mutation(async ({ ctx, input }) => { await ctx.db('members').where({ id: ctx.user.id }).update(input); return { ok: true }; }),
  saveStripped: memberProcedure.input(z.object({ phone: z.string().max(20) })).mutation(async ({ ctx, input }) => { await ctx.db('members').where({ id: ctx.user.id }).update(input); return { ok: true }; }),
  saveStrict: memberProcedure.input(z.object({ phone: z.string().max(20) }).strict()).mutation(async ({ ctx, input }) => { await ctx.db('members').where({ id: ctx.user.id }).update(input); return { ok: true }; }),
  feed: memberProcedure.input(z.object({ address: z.string().url() })).mutation(({ input }) => fetchFeed(input.address)),
});
`,
  };

  it('reports each flaw of the router and none of its look-alikes', async () => {
    const dir = writeProject(files);
    const messages = await lintProjectFile(dir, 'src/routers/members.ts', { ...rules, 'api-security/no-ssrf': 'error' });
    expect(summary(messages)).toEqual([
      // `me`: the whole member row; `card` picks its columns.
      '6 api-security/no-whole-object-response',
      // `nearby`: a public query answering stored rows the client picks.
      '8 api-security/no-unauthenticated-route',
      // `saveLoose`: `.passthrough()` keeps the keys the schema does not declare; `saveStripped`
      // (zod strips them) and `saveStrict` (zod rejects them) do not.
      '9 api-security/no-mass-assignment',
    ]);
    const service = await lintProjectFile(dir, 'src/services/feeds.ts', { 'api-security/no-ssrf': 'error' });
    expect(summary(service)).toEqual(['3 api-security/no-ssrf']);
    expect(service[0]?.message).toContain('src/routers/members.ts');
  });
});
