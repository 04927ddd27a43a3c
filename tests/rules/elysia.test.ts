import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Elysia: routes chained on `new Elysia()`, prefixed by `{ prefix }` and `group`, handlers that
 * destructure their context (`({ query, params, body })`), and `beforeHandle` hooks (route options,
 * `guard`, `onBeforeHandle`) judged by what they do.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-unauthenticated-route': 'error',
  'api-security/no-whole-object-response': 'error',
};

const layers = {
  'src/repositories/users.ts': `import { Pool } from 'pg';
const pool = new Pool();
export function byName(name: string) {
  return pool.query(\`SELECT id FROM users WHERE name = '\${name}'\`);
}
export function removeById(id: string) {
  return pool.query('DELETE FROM users WHERE id = $1', [id]);
}
`,
  'src/auth.ts': `import jwt from 'jsonwebtoken';
export function requireUser({ headers }: { headers: Record<string, string | undefined> }) {
  const token = headers.authorization?.replace('Bearer ', '');
  if (!token) throw new Error('Unauthorized');
  jwt.verify(token, process.env.JWT_SECRET as string);
}
`,
};

describe('Elysia: app → repository, the auth hook in another file', () => {
  it('reports input reaching SQL in the repository and routes without a before-handle hook that authenticates', async () => {
    const dir = writeProject({
      ...layers,
      'src/app.ts': `import { Elysia } from 'elysia';
import { byName, removeById } from './repositories/users';
import { requireUser } from './auth';
export const app = new Elysia({ prefix: '/api' })
  .get('/users', async ({ query }) => { await byName(query.name); return 'ok'; })
  .group('/account', (account) => account
    .guard({ beforeHandle: requireUser }, (secured) => secured.delete('/users/:id', async ({ params }) => { await removeById(params.id); return 'ok'; }))
    .delete('/cache', () => 'cleared'))
  .post('/me', ({ body }) => body, { beforeHandle: [requireUser] })
  .listen(3000);
`,
    });
    const messages = await lintProjectFile(dir, 'src/app.ts', rules);
    expect(summary(messages)).toEqual(['5 api-security/no-unauthenticated-route', '8 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('GET /api/users (elysia)');
    expect(messages[1]?.message).toContain('DELETE /api/account/cache (elysia)');
    const repository = await lintProjectFile(dir, 'src/repositories/users.ts', rules);
    expect(summary(repository)).toEqual(['4 api-security/no-sql-injection']);
    expect(repository[0]?.message).toContain('`query.name` in src/app.ts (line 5)');
  });

  it('takes onBeforeHandle for the routes after it, not before', async () => {
    const dir = writeProject({
      ...layers,
      'src/app.ts': `import { Elysia } from 'elysia';
import { removeById } from './repositories/users';
import { requireUser } from './auth';
const app = new Elysia();
app.delete('/open/:id', async ({ params }) => { await removeById(params.id); return 'ok'; });
app.onBeforeHandle(requireUser);
app.delete('/closed/:id', async ({ params }) => { await removeById(params.id); return 'ok'; });
app.listen(3000);
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/app.ts', rules))).toEqual(['5 api-security/no-unauthenticated-route']);
  });
});
