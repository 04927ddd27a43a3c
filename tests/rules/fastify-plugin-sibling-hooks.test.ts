import { rmSync } from 'node:fs';
import type { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A `fastify-plugin` plugin of another file (`plugins/session.js`) is not encapsulated: the hooks
 * it adds are the hooks of the instance that registers it, for every plugin that instance registers
 * after it (the route modules registered next to it, in other files). A route that sets the config
 * flag the hook skips on (`config: { public: true }`) is opted out, and judged as an explicit
 * opt-out. The same plugin without `fastify-plugin`, or registered after the route modules, covers
 * nothing of theirs.
 */
const AUTH: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const ROLE: Linter.RulesRecord = { 'api-security/require-role-check': 'error' };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const sessionPlugin = (wrapped: boolean): string => `import fp from 'fastify-plugin';

async function session(app) {
  await app.register(import('@fastify/jwt'), { secret: process.env.SIGNING_KEY });
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.public) return;
    try {
      await request.jwtVerify();
    } catch {
      return reply.code(401).send({ error: 'sign in' });
    }
  });
}

export default ${wrapped ? 'fp(session)' : 'session'};
`;

const LOGGING_PLUGIN = `import fp from 'fastify-plugin';

export default fp(async (app) => {
  app.addHook('onRequest', async (request) => {
    request.log.info({ url: request.url }, 'incoming');
  });
});
`;

const server = (order: 'before' | 'after', plugin = './plugins/session.js'): string => `import Fastify from 'fastify';
import session from '${plugin}';
import recipes from './routes/recipes.js';
import kitchen from './routes/kitchen.js';

const app = Fastify();
${order === 'before' ? 'await app.register(session);\n' : ''}await app.register(recipes, { prefix: '/api' });
await app.register(kitchen);
${order === 'after' ? 'await app.register(session);\n' : ''}await app.listen({ port: 8080 });
`;

const RECIPES = `const SHARED = { public: true };

export default async function recipes(app) {
  app.get('/recipes/:id', async (request) => app.pg.query('SELECT id, title FROM recipes WHERE id = $1', [request.params.id]));
  app.delete('/recipes/:id', async (request, reply) => {
    await app.pg.query('DELETE FROM recipes WHERE id = $1', [request.params.id]);
    return reply.code(204).send();
  });
  app.get('/recipes/:id/card', { config: SHARED }, async (request) => app.pg.query('SELECT title FROM recipes WHERE id = $1', [request.params.id]));
  app.delete('/recipes/:id/photos', { config: { public: true } }, async (request, reply) => {
    await app.pg.query('DELETE FROM photos WHERE recipe_id = $1', [request.params.id]);
    return reply.code(204).send();
  });
}
`;

const KITCHEN = `export default async function kitchen(app) {
  app.post('/admin/kitchens/:id/close', async (request, reply) => {
    await app.pg.query('UPDATE kitchens SET open = false WHERE id = $1', [request.params.id]);
    return reply.code(204).send();
  });
  app.post('/admin/kitchens/:id/open', async (request, reply) => {
    if (request.user.role !== 'chef') return reply.code(403).send();
    await app.pg.query('UPDATE kitchens SET open = true WHERE id = $1', [request.params.id]);
    return reply.code(204).send();
  });
}
`;

async function lint(files: Record<string, string>, file: string, rules: Linter.RulesRecord): Promise<string[]> {
  const dir = writeProject(
    { 'src/routes/recipes.js': RECIPES, 'src/routes/kitchen.js': KITCHEN, ...files },
    { name: 'recipes-api', type: 'module', dependencies: { fastify: '^5.2.0', 'fastify-plugin': '^5.0.0', '@fastify/jwt': '^9.0.0' } },
  );
  dirs.push(dir);
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${summary([message])[0] ?? ''} ${message.messageId ?? ''}`);
}

describe('Fastify: the hooks of a fastify-plugin plugin of another file cover the plugins registered after it', () => {
  it('authenticates the sibling route modules; the routes that opt out by the flag the hook skips on are judged as opt-outs', async () => {
    const files = { 'src/server.js': server('before'), 'src/plugins/session.js': sessionPlugin(true) };
    // The public card is an opt-out of a read (respected); the opted-out photo delete is privileged.
    expect(await lint(files, 'src/routes/recipes.js', AUTH)).toEqual(['10 api-security/no-unauthenticated-route privilegedOptOut']);
    expect(await lint(files, 'src/routes/kitchen.js', AUTH)).toEqual([]);
  });

  it('require-role-check: the admin route of a sibling module is authenticated by the hook and lacks a role check; the one that tests the role does not', async () => {
    const files = { 'src/server.js': server('before'), 'src/plugins/session.js': sessionPlugin(true) };
    expect(await lint(files, 'src/routes/kitchen.js', ROLE)).toEqual(['2 api-security/require-role-check missingRoleCheck']);
  });

  it('stays reported: the same plugin without fastify-plugin is encapsulated, its hook reaches none of its siblings', async () => {
    const files = { 'src/server.js': server('before'), 'src/plugins/session.js': sessionPlugin(false) };
    const found = await lint(files, 'src/routes/recipes.js', AUTH);
    expect(found).toEqual([
      '4 api-security/no-unauthenticated-route unauthenticatedMountedRoute',
      '5 api-security/no-unauthenticated-route unauthenticatedMountedRoute',
      '10 api-security/no-unauthenticated-route privilegedOptOut',
    ]);
  });

  it('stays reported: registered after the route modules, the plugin covers none of them', async () => {
    const files = { 'src/server.js': server('after'), 'src/plugins/session.js': sessionPlugin(true) };
    const found = await lint(files, 'src/routes/kitchen.js', AUTH);
    // The second kitchen route tests the caller's role itself.
    expect(found).toEqual(['2 api-security/no-unauthenticated-route unauthenticatedMountedRoute']);
  });

  it('stays reported: a fastify-plugin plugin whose hook only logs authenticates nobody', async () => {
    const files = { 'src/server.js': server('before', './plugins/logging.js'), 'src/plugins/logging.js': LOGGING_PLUGIN };
    const found = await lint(files, 'src/routes/kitchen.js', AUTH);
    expect(found).toEqual(['2 api-security/no-unauthenticated-route unauthenticatedMountedRoute']);
  });
});
