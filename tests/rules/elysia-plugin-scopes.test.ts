import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Elysia plugins: a hook of a plugin is local to it unless registered with a shared scope
 * (`derive({ as: 'scoped' }, fn)`, `onBeforeHandle({ as: 'global' }, fn)`, `guard({ as: 'scoped',
 * beforeHandle })`, or every hook after `.as('scoped')`); then it also runs for the routes an app
 * registers after `.use(plugin)`. `derive` and `resolve` turn a request away by throwing. The
 * plugin may be a constant of the same file or of another; its hooks are judged by what they do.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };

const plugin = (scope: string, body = `const claims = await jwt.verify(bearer);
    if (!claims) {
      set.status = 401;
      throw new Error('Unauthorized');
    }
    return { caller: claims };`): string => `import { Elysia } from 'elysia';
import { jwt } from '@elysiajs/jwt';
import { bearer } from '@elysiajs/bearer';

export const sessionPlugin = new Elysia({ name: 'session' })
  .use(jwt({ name: 'jwt', secret: process.env.SESSION_SECRET! }))
  .use(bearer())
  .derive(${scope}async ({ jwt, bearer, set }) => {
    ${body}
  });
`;

const routes = `import { Elysia } from 'elysia';
import { sessionPlugin } from '../plugins/session';

export const reportsModule = new Elysia({ prefix: '/reports' })
  .get('/public-summary', () => ({ ok: true }))
  .use(sessionPlugin)
  .post('/', ({ body }) => ({ queued: body }))
  .delete('/:id', ({ params }) => ({ removed: params.id }));
`;

const lint = async (pluginFile: string, routesFile = routes): Promise<string[]> => {
  const dir = writeProject({ 'src/plugins/session.ts': pluginFile, 'src/modules/reports.ts': routesFile }, { name: 'elysia-app' });
  return summary(await lintProjectFile(dir, 'src/modules/reports.ts', rules));
};

describe('Elysia: hooks a plugin of another file shares with the app that uses it', () => {
  it('a scoped or global derive that rejects without a verified token covers the routes after `.use`', async () => {
    for (const scope of ["{ as: 'scoped' }, ", "{ as: 'global' }, "]) {
      // The route registered before `.use` is not covered.
      expect(await lint(plugin(scope))).toEqual(['5 api-security/no-unauthenticated-route']);
    }
  });

  it('every hook of a plugin lifted by `.as(\'scoped\')`', async () => {
    const lifted = plugin('').replace('  });\n', "  })\n  .as('scoped');\n");
    expect(await lint(lifted)).toEqual(['5 api-security/no-unauthenticated-route']);
  });

  it('a local derive (the default scope) stays with the plugin: the app’s routes are open', async () => {
    expect(await lint(plugin(''))).toEqual(['5 api-security/no-unauthenticated-route', '7 api-security/no-unauthenticated-route', '8 api-security/no-unauthenticated-route']);
    expect(await lint(plugin("{ as: 'local' }, "))).toEqual(['5 api-security/no-unauthenticated-route', '7 api-security/no-unauthenticated-route', '8 api-security/no-unauthenticated-route']);
  });

  it('a scoped derive that only reads the token, rejecting nothing, is no authentication', async () => {
    const reads = plugin("{ as: 'scoped' }, ", 'return { caller: bearer ? await jwt.verify(bearer) : null };');
    expect(await lint(reads)).toEqual(['5 api-security/no-unauthenticated-route', '7 api-security/no-unauthenticated-route', '8 api-security/no-unauthenticated-route']);
  });
});

describe('Elysia: a plugin of the same file', () => {
  it('a scoped onBeforeHandle that answers 401 covers the routes after `.use`, a local one does not', async () => {
    const file = (scope: string): string => `import { Elysia } from 'elysia';
import { verifySession } from './sessions';

const requireSession = new Elysia({ name: 'require-session' }).onBeforeHandle(${scope}async ({ cookie, set }) => {
  const session = await verifySession(cookie.sid.value);
  if (!session) {
    set.status = 401;
    return 'Unauthorized';
  }
});

export const app = new Elysia()
  .use(requireSession)
  .post('/invoices', ({ body }) => body);
`;
    const sessions = `import jwt from 'jsonwebtoken';
export async function verifySession(token: string | undefined) {
  if (!token) return null;
  try {
    return jwt.verify(token, process.env.SESSION_SECRET as string);
  } catch {
    return null;
  }
}
`;
    const scoped = writeProject({ 'src/app.ts': file("{ as: 'scoped' }, "), 'src/sessions.ts': sessions }, { name: 'elysia-app' });
    expect(summary(await lintProjectFile(scoped, 'src/app.ts', rules))).toEqual([]);
    const local = writeProject({ 'src/app.ts': file(''), 'src/sessions.ts': sessions }, { name: 'elysia-app' });
    expect(summary(await lintProjectFile(local, 'src/app.ts', rules))).toEqual(['14 api-security/no-unauthenticated-route']);
  });
});
