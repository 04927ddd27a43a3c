import type { Linter } from 'eslint';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import unauthenticatedRoute from '../../src/rules/no-unauthenticated-route.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * tRPC procedures are routes: the resolver of `.query(fn)` / `.mutation(fn)` is a handler whose
 * `input` is the client's (narrowed by the procedure's zod `.input(schema)`), its return value is
 * the response, and the middleware of its procedure chain (`.use(mw)`, the base procedure's
 * included, wherever that base is defined) runs before it. Authentication is judged by what that
 * middleware does, never by the base's name.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-mass-assignment': 'error',
  'api-security/no-unauthenticated-route': 'error',
  'api-security/no-whole-object-response': 'error',
};

const setup = `import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context';
const t = initTRPC.context<Context>().create();
export const router = t.router;
export const publicProcedure = t.procedure;
const isAuthed = t.middleware(({ ctx, next }) => {
  if (!ctx.session?.user) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { user: ctx.session.user } });
});
export const protectedProcedure = t.procedure.use(isAuthed);
// Named like authentication, and checks nothing.
export const authedProcedure = t.procedure.use(({ ctx, next }) => next({ ctx }));
`;

const layers = {
  'src/server/trpc.ts': setup,
  'src/server/db/users.ts': `import { Pool } from 'pg';
const pool = new Pool();
export async function findByName(name: string) {
  return pool.query(\`SELECT id, name FROM users WHERE name = '\${name}'\`);
}
export async function findById(id: number) {
  return pool.query(\`SELECT id, name FROM users WHERE id = \${id}\`);
}
`,
  'src/server/services/users.ts': `import { findByName, findById } from '../db/users';
export const searchUsers = (name: string) => findByName(name);
export const getUser = (id: number) => findById(id);
`,
  'src/server/db/prisma.ts': `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
`,
};

const userRouter = `import { z } from 'zod';
import { router, publicProcedure, protectedProcedure, authedProcedure } from '../trpc';
import { searchUsers, getUser } from '../services/users';
import { prisma } from '../db/prisma';
export const userRouter = router({
  search: protectedProcedure.input(z.object({ name: z.string() })).query(async ({ input }) => { await searchUsers(input.name); return 'ok'; }),
  byId: protectedProcedure.input(z.object({ id: z.number() })).query(async ({ input }) => { await getUser(input.id); return 'ok'; }),
  update: publicProcedure.input(z.object({ id: z.string() }).passthrough()).mutation(async ({ input }) => { await prisma.user.update({ where: { id: input.id }, data: input }); return 'ok'; }),
  remove: authedProcedure.input(z.string()).mutation(async ({ input }) => { await prisma.user.delete({ where: { id: input } }); return 'ok'; }),
  rename: protectedProcedure.input(z.object({ name: z.string() })).mutation(async ({ input, ctx }) => { await prisma.user.update({ where: { id: ctx.user.id }, data: input }); return 'ok'; }),
  promote: protectedProcedure.input(z.object({ name: z.string(), role: z.string() })).mutation(async ({ input, ctx }) => { await prisma.user.update({ where: { id: ctx.user.id }, data: input }); return 'ok'; }),
  me: protectedProcedure.query(({ ctx }) => prisma.user.findUnique({ where: { id: ctx.user.id } })),
  health: publicProcedure.query(() => 'ok'),
});
`;

describe('tRPC across files: router → service → repository, the auth middleware in the setup file', () => {
  it('reports the SQL in the repository, the unauthenticated procedures, mass assignment and the whole record', async () => {
    const dir = writeProject({ ...layers, 'src/server/routers/user.ts': userRouter });
    const router = await lintProjectFile(dir, 'src/server/routers/user.ts', rules);
    expect(summary(router)).toEqual([
      // `update`: `publicProcedure` runs no middleware; its input keeps unknown keys.
      '8 api-security/no-unauthenticated-route',
      '8 api-security/no-mass-assignment',
      // `remove`: the base is named like authentication, and its middleware checks nothing.
      '9 api-security/no-unauthenticated-route',
      // `promote`: the schema lets `role` through.
      '11 api-security/no-mass-assignment',
      // `me`: the user record, returned whole.
      '12 api-security/no-whole-object-response',
    ]);
    expect(router.find((message) => message.line === 9)?.message).toContain('tRPC mutation `remove`');
    const repository = await lintProjectFile(dir, 'src/server/db/users.ts', rules);
    // `z.string()` is still text in SQL; `z.number()` ends the flow into `findById`.
    expect(summary(repository)).toEqual(['4 api-security/no-sql-injection']);
    expect(repository[0]?.message).toContain('`input.name` in src/server/routers/user.ts (line 6)');
  });

  it('judges the middleware of a base procedure built from another imported base', async () => {
    const dir = writeProject({
      ...layers,
      'src/server/procedures.ts': `import { protectedProcedure, publicProcedure } from './trpc';
import { TRPCError } from '@trpc/server';
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN' });
  return next();
});
export const loggedProcedure = publicProcedure.use(({ next }) => next());
`,
      'src/server/routers/admin.ts': `import { router } from '../trpc';
import { adminProcedure, loggedProcedure } from '../procedures';
import { prisma } from '../db/prisma';
export const adminRouter = router({
  purge: adminProcedure.mutation(async () => { await prisma.user.deleteMany(); return 'ok'; }),
  purgeLogged: loggedProcedure.mutation(async () => { await prisma.user.deleteMany(); return 'ok'; }),
});
`,
    });
    const messages = await lintProjectFile(dir, 'src/server/routers/admin.ts', rules);
    expect(summary(messages)).toEqual(['6 api-security/no-unauthenticated-route']);
  });

  it('names nested procedures by their path and treats sign-up as public by design', async () => {
    const dir = writeProject({
      ...layers,
      'src/server/routers/app.ts': `import { router, publicProcedure } from '../trpc';
import { prisma } from '../db/prisma';
const postRouter = router({
  create: publicProcedure.mutation(async () => { await prisma.post.create({ data: { title: 'x' } }); return 'ok'; }),
});
export const appRouter = router({
  post: postRouter,
  auth: router({ signUp: publicProcedure.mutation(async () => { await prisma.user.create({ data: { name: 'x' } }); return 'ok'; }) }),
});
`,
    });
    const messages = await lintProjectFile(dir, 'src/server/routers/app.ts', rules);
    expect(summary(messages)).toEqual(['4 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('tRPC mutation `post.create` (src/server/routers/app.ts)');
  });
});

describe('tRPC: the data client the context carries (`ctx.db`, `ctx.prisma`) is a store', () => {
  const context = `import { initTRPC, TRPCError } from '@trpc/server';
import { PrismaClient } from '@prisma/client';
const db = new PrismaClient();
export const createContext = async ({ req }: { req: { headers: Record<string, string> } }) => ({ db, session: await readSession(req) });
declare function readSession(req: unknown): Promise<{ userId: string } | null>;
const t = initTRPC.context<typeof createContext>().create();
export const router = t.router;
export const memberProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, userId: ctx.session.userId } });
});
`;
  const profile = `import { z } from 'zod';
import { router, memberProcedure } from '../context';
export const profileRouter = router({
  whoami: memberProcedure.query(({ ctx }) => ctx.db.member.findUnique({ where: { id: ctx.userId } })),
  whoamiPicked: memberProcedure.query(({ ctx }) => ctx.db.member.findUnique({ where: { id: ctx.userId }, select: { id: true, nickname: true } })),
  saveLoose: memberProcedure.input(z.object({ nickname: z.string() }).passthrough()).mutation(({ ctx, input }) => ctx.db.member.update({ where: { id: ctx.userId }, data: input, select: { id: true } })),
  saveAnything: memberProcedure.input(z.record(z.string(), z.unknown())).mutation(({ ctx, input }) => ctx.db.member.update({ where: { id: ctx.userId }, data: input, select: { id: true } })),
  saveAny: memberProcedure.input(z.any()).mutation(({ ctx, input }) => ctx.db.member.update({ where: { id: ctx.userId }, data: input, select: { id: true } })),
  saveNickname: memberProcedure.input(z.object({ nickname: z.string().max(40) })).mutation(({ ctx, input }) => ctx.db.member.update({ where: { id: ctx.userId }, data: input, select: { id: true } })),
  saveRole: memberProcedure.input(z.object({ nickname: z.string(), isAdmin: z.boolean() })).mutation(({ ctx, input }) => ctx.db.member.update({ where: { id: ctx.userId }, data: input, select: { id: true } })),
  saveStrictPassthrough: memberProcedure.input(z.object({ nickname: z.string() }).strict()).mutation(({ ctx, input }) => ctx.db.member.update({ where: { id: ctx.userId }, data: { nickname: input.nickname }, select: { id: true } })),
});
`;

  it('reports whole records returned and loose inputs written through it, and not picked ones', async () => {
    const dir = writeProject({ 'src/server/context.ts': context, 'src/server/routers/profile.ts': profile });
    const messages = await lintProjectFile(dir, 'src/server/routers/profile.ts', rules);
    expect(summary(messages)).toEqual([
      // The whole member record is the procedure's response.
      '4 api-security/no-whole-object-response',
      // `.passthrough()`, an open record and `z.any()` keep every key the client sends.
      '6 api-security/no-mass-assignment',
      '7 api-security/no-mass-assignment',
      '8 api-security/no-mass-assignment',
      // The schema declares `isAdmin` itself.
      '10 api-security/no-mass-assignment',
    ]);
    expect(messages[0]?.message).toContain('ctx.db.member.findUnique');
    expect(messages[1]?.message).toContain('`ctx.db.member.update`');
  });

  it('still takes the request, the session and the state of a Koa context for what they are', async () => {
    const dir = writeProject({
      'src/routes.ts': `import Router from '@koa/router';
const router = new Router();
router.post('/prefs', async (ctx) => {
  ctx.session.prefs.update(ctx.request.body);
  ctx.state.draft.values.insert(ctx.request.body);
  ctx.body = { ok: true };
});
export default router;
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/routes.ts', rules))).toEqual([]);
  });
});

const ruleTester = new RuleTester();
const SETUP = `import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Pool } from 'pg';
const pool = new Pool();
const t = initTRPC.create();
`;

describe('tRPC input in SQL, one file', () => {
  const sql: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };
  const procedure = (body: string): string => `${SETUP}export const r = t.router({ a: ${body} });\n`;
  it.each([
    { name: 'z.number() input', code: procedure("t.procedure.input(z.number()).query(({ input }) => pool.query(`SELECT * FROM u WHERE id = ${input}`))"), lines: [] },
    { name: 'uuid field', code: procedure("t.procedure.input(z.object({ id: z.string().uuid() })).query(({ input }) => pool.query(`SELECT * FROM u WHERE id = '${input.id}'`))"), lines: [] },
    { name: 'bound parameter', code: procedure("t.procedure.input(z.string()).query(({ input }) => pool.query('SELECT * FROM u WHERE name = $1', [input]))"), lines: [] },
    { name: 'a .query() of something else', code: "import { Pool } from 'pg';\nconst pool = new Pool();\nconst builder = { query: (fn) => fn({ input: 'x' }) };\nbuilder.query(({ input }) => pool.query(`SELECT ${input}`));\n", lines: [] },
    { name: 'z.string() input is still text', code: procedure("t.procedure.input(z.string()).query(({ input }) => pool.query(`SELECT * FROM u WHERE name = '${input}'`))"), lines: [6] },
    { name: 'the raw input is not what the schema parsed', code: procedure("t.procedure.input(z.number()).mutation(async (opts) => pool.query(`SELECT * FROM u WHERE id = ${String(await opts.getRawInput())}`))"), lines: [6] },
    { name: 'ctx.req from createContext', code: procedure("t.procedure.query(({ ctx }) => pool.query(`SELECT * FROM u WHERE name = '${ctx.req.query.name}'`))"), lines: [6] },
  ])('$name', async ({ code, lines }) => {
    const dir = writeProject({ 'src/server/router.ts': code });
    const messages = await lintProjectFile(dir, 'src/server/router.ts', sql);
    expect(messages.map((message) => message.line)).toEqual(lines);
  });
});

ruleTester.run('no-unauthenticated-route (tRPC)', unauthenticatedRoute, {
  valid: [
    {
      name: 'middleware that throws UNAUTHORIZED without a session',
      code: `${SETUP}const authed = t.procedure.use(({ ctx, next }) => { if (!ctx.session?.user) throw new TRPCError({ code: 'UNAUTHORIZED' }); return next(); });
export const r = t.router({ del: authed.mutation(() => pool.query('DELETE FROM u')) });\n`,
    },
    { name: 'login is public by design', code: `${SETUP}export const r = t.router({ login: t.procedure.mutation(() => pool.query('SELECT 1')) });\n` },
    // A query is a read: by default it is reported only when it answers or is keyed to stored data.
    { name: 'a public query answering fixed data', code: `${SETUP}export const r = t.router({ version: t.procedure.query(() => ({ version: '2.4.1', regions: ['eu', 'us'] })) });\n` },
  ],
  invalid: [
    {
      name: 'a createContext session is read, nothing rejects',
      code: `${SETUP}export const createContext = ({ req }) => ({ session: req.session });
const protectedProcedure = t.procedure;
export const r = t.router({ del: protectedProcedure.mutation(() => pool.query('DELETE FROM u')) });\n`,
      errors: [{ messageId: 'unauthenticatedServerAction', line: 8, data: { action: 'tRPC mutation `del` (file.ts)' } }],
    },
    {
      name: 'a public query reading a row by the client\'s id',
      code: `${SETUP}export const r = t.router({ byId: t.procedure.input(z.string()).query(async ({ input }) => (await pool.query('SELECT * FROM users WHERE id = $1', [input])).rows[0]) });\n`,
      errors: [{ messageId: 'unauthenticatedServerAction', line: 6, data: { action: 'tRPC query `byId` (file.ts)' } }],
    },
    {
      name: 'the fixed-data query with every route reported',
      options: [{ reportRoutes: 'all' }],
      code: `${SETUP}export const r = t.router({ version: t.procedure.query(() => ({ version: '2.4.1', regions: ['eu', 'us'] })) });\n`,
      errors: [{ messageId: 'unauthenticatedServerAction', line: 6, data: { action: 'tRPC query `version` (file.ts)' } }],
    },
  ],
});
