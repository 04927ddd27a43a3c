import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * h3 event handlers as Nitro and Nuxt serve them: `server/api/**` files are routes by path and
 * method suffix, read the request through utilities given the event (`getQuery(event)`, imported
 * or auto-imported), are guarded by every `server/middleware` file (judged by its body), and
 * authenticate in the handler with nuxt-auth-utils or a checked session. h3 routers route by path.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-mass-assignment': 'error',
  'api-security/no-open-redirect': 'error',
  'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }],
};

const repository = `import { Pool } from 'pg';
const pool = new Pool();
export function byName(name: string) {
  return pool.query(\`SELECT id FROM users WHERE name = '\${name}'\`);
}
export function byId(id: number) {
  return pool.query(\`SELECT id FROM users WHERE id = \${id}\`);
}
export function byEmail(email: string) {
  return pool.query('SELECT id FROM users WHERE email = $1', [email]);
}
export function byTeam(team: string) {
  return pool.query(\`SELECT id FROM users WHERE team = '\${team}'\`);
}
`;

const service = `import { byName, byId, byEmail, byTeam } from '../repositories/users';
export const searchByName = (name: string) => byName(name);
export const getById = (id: number) => byId(id);
export const searchByEmail = (email: string) => byEmail(email);
export const searchByTeam = (team: string) => byTeam(team);
`;

describe('Nuxt server routes: route file → service → repository', () => {
  it('reports auto-imported reads reaching SQL in the repository, and not validated or bound ones', async () => {
    const dir = writeProject({
      'server/repositories/users.ts': repository,
      'server/services/users.ts': service,
      'server/api/users/index.get.ts': `import { searchByName, searchByEmail } from '../../services/users';
export default defineEventHandler(async (event) => {
  const { name, email } = getQuery(event);
  await searchByName(String(name));
  await searchByEmail(String(email));
  return 'ok';
});
`,
      'server/api/users/[id].get.ts': `import { z } from 'zod';
import { getById, searchByTeam } from '../../services/users';
export default defineEventHandler(async (event) => {
  const { id } = await getValidatedRouterParams(event, z.object({ id: z.coerce.number() }).parse);
  await getById(id);
  await searchByTeam(getRouterParam(event, 'team') ?? '');
  return 'ok';
});
`,
    });
    const messages = await lintProjectFile(dir, 'server/repositories/users.ts', rules);
    expect(summary(messages)).toEqual(['4 api-security/no-sql-injection', '13 api-security/no-sql-injection']);
    expect(messages[0]?.message).toContain('`getQuery(event).name` in server/api/users/index.get.ts (line 3)');
    expect(messages[1]?.message).toContain('`getRouterParam(event, \'team\')` in server/api/users/[id].get.ts (line 6)');
  });

  it('names file routes by path and method suffix, and reports them without authentication', async () => {
    const dir = writeProject({
      'server/api/users/[id].delete.ts': `export default defineEventHandler(async (event) => ({ deleted: getRouterParam(event, 'id') }));
`,
      'server/routes/[...slug].get.ts': `export default defineEventHandler(() => 'page');
`,
    });
    const deleted = await lintProjectFile(dir, 'server/api/users/[id].delete.ts', rules);
    expect(deleted.map((message) => message.message.split(' is ')[0])).toEqual(['DELETE /api/users/:id (h3)']);
    // `server/routes` has no `/api` prefix; a catch-all segment matches any rest of the path.
    const page = await lintProjectFile(dir, 'server/routes/[...slug].get.ts', rules);
    expect(page.map((message) => message.message.split(' is ')[0])).toEqual(['GET /** (h3)']);
  });

  it('judges Nitro server middleware by its body: one that rejects without a session authenticates every route', async () => {
    const route = `export default defineEventHandler(async (event) => {
  await useStorage('db').removeItem(getRouterParam(event, 'id') ?? '');
  return { ok: true };
});
`;
    const guarded = writeProject({
      'server/middleware/0.log.ts': `export default defineEventHandler((event) => { console.log(event.path); });
`,
      'server/middleware/auth.ts': `export default defineEventHandler(async (event) => {
  const session = await getUserSession(event);
  if (!session.user) throw createError({ statusCode: 401, statusMessage: 'Unauthorized' });
  event.context.user = session.user;
});
`,
      'server/api/items/[id].delete.ts': route,
    });
    expect(await lintProjectFile(guarded, 'server/api/items/[id].delete.ts', rules)).toEqual([]);
    const logged = writeProject({
      'server/middleware/0.log.ts': `export default defineEventHandler((event) => { console.log(event.path); });
`,
      'server/api/items/[id].delete.ts': route,
    });
    expect(summary(await lintProjectFile(logged, 'server/api/items/[id].delete.ts', rules))).toEqual(['1 api-security/no-unauthenticated-route']);
  });

  it('takes requireUserSession and a checked session in the handler as authentication, not a session only read', async () => {
    const dir = writeProject({
      'server/api/a.post.ts': `export default defineEventHandler(async (event) => {
  const { user } = await requireUserSession(event);
  return user.id;
});
`,
      'server/api/b.post.ts': `export default defineEventHandler(async (event) => {
  const session = await getUserSession(event);
  if (!session.user) throw createError({ statusCode: 401 });
  return session.user.id;
});
`,
      'server/api/c.post.ts': `export default defineEventHandler(async (event) => {
  const session = await getUserSession(event);
  return session.id;
});
`,
    });
    expect(await lintProjectFile(dir, 'server/api/a.post.ts', rules)).toEqual([]);
    expect(await lintProjectFile(dir, 'server/api/b.post.ts', rules)).toEqual([]);
    expect(summary(await lintProjectFile(dir, 'server/api/c.post.ts', rules))).toEqual(['1 api-security/no-unauthenticated-route']);
  });

  it('reports a redirect to a query parameter and a body written whole, not a validated body', async () => {
    // A form posts it (POST); the same redirect in a PATCH-only route is no open redirect (no link
    // or form sends PATCH, and a script's fetch follows the redirect without navigating).
    const dir = writeProject({
      'server/api/profile.post.ts': `import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export default defineEventHandler(async (event) => {
  const { user } = await requireUserSession(event);
  const body = await readBody(event);
  await prisma.user.update({ where: { id: user.id }, data: body });
  const checked = await readValidatedBody(event, (b) => z.object({ name: z.string() }).parse(b));
  await prisma.user.update({ where: { id: user.id }, data: checked });
  return sendRedirect(event, getQuery(event).next as string);
});
`,
    });
    expect(summary(await lintProjectFile(dir, 'server/api/profile.post.ts', rules))).toEqual(['7 api-security/no-mass-assignment', '10 api-security/no-open-redirect']);
    writeFileSync(path.join(dir, 'server/api/profile.patch.ts'), readFileSync(path.join(dir, 'server/api/profile.post.ts'), 'utf8'));
    expect(summary(await lintProjectFile(dir, 'server/api/profile.patch.ts', rules))).toEqual(['7 api-security/no-mass-assignment']);
  });
});

describe('h3 apps and look-alikes', () => {
  it('routes an h3 router by path and reads imported utilities', async () => {
    const dir = writeProject({
      'src/app.ts': `import { createApp, createRouter, defineEventHandler, getQuery, sendRedirect } from 'h3';
import { Pool } from 'pg';
const pool = new Pool();
export const app = createApp();
const router = createRouter()
  .get('/search', defineEventHandler((event) => pool.query(\`SELECT id FROM t WHERE q = '\${getQuery(event).q}'\`)))
  .post('/go', defineEventHandler((event) => sendRedirect(event, '/home')));
app.use(router);
`,
    });
    const messages = await lintProjectFile(dir, 'src/app.ts', rules);
    expect(summary(messages)).toEqual(['6 api-security/no-unauthenticated-route', '6 api-security/no-sql-injection', '7 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('GET /search (h3)');
    expect(messages[2]?.message).toContain('POST /go (h3)');
  });

  it('does not take a function of the file named like a utility for one', async () => {
    const dir = writeProject({
      'server/api/x.get.ts': `import { Pool } from 'pg';
const pool = new Pool();
function getQuery(_event: unknown) { return { q: 'fixed' }; }
export default defineEventHandler(async (event) => {
  const { user } = await requireUserSession(event);
  await pool.query(\`SELECT id FROM t WHERE q = '\${getQuery(event).q}' AND owner = '\${user.id}'\`);
  return 'ok';
});
`,
    });
    expect(await lintProjectFile(dir, 'server/api/x.get.ts', rules)).toEqual([]);
  });
});
