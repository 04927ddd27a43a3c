import { rmSync } from 'node:fs';
import type { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * The layout `fastify generate` and fastify-cli give an app: `app.ts` exports the root plugin, which
 * registers `@fastify/autoload` on `plugins/` and `routes/`; every route file is a plugin whose prefix
 * is its directory under `routes/` (`routes/orgs/index.ts` serves `/orgs`). No file imports the
 * route files, and nothing in the project imports `app.ts` (fastify-cli loads it): its register of
 * autoload is the route files' mount, and the hooks in front of it are their guards.
 */
const RULES: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
// With unresolved mounts reported, a silent result shows the mount was found and its hooks judged.
const RESOLVED_ONLY: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, reportRoutes: 'all' }] };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const AUTH_PLUGIN = `import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';

export default fp(async (fastify) => {
  await fastify.register(fastifyJwt, { secret: process.env.JWT_SECRET! });
  fastify.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await request.jwtVerify();
    } catch (err) {
      return reply.send(err);
    }
  });
});
`;

const ORGS_ROUTES = `import type { FastifyPluginAsync } from 'fastify';
import { deleteOrg, listOrgs } from '../../db/orgs.js';

const orgs: FastifyPluginAsync = async (fastify) => {
  fastify.get('/', { onRequest: [fastify.authenticate] }, async () => listOrgs());

  fastify.delete<{ Params: { id: string } }>('/:id', async (request, reply) => {
    await deleteOrg(request.params.id);
    return reply.code(204).send();
  });
};

export default orgs;
`;

function project(appBody: string): Record<string, string> {
  return {
    'src/app.ts': `import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AutoLoad, { type AutoloadPluginOptions } from '@fastify/autoload';
import type { FastifyPluginAsync } from 'fastify';

const __dirname = path.dirname(fileURLToPath(import.meta.url));

const app: FastifyPluginAsync<Partial<AutoloadPluginOptions>> = async (fastify, opts) => {
${appBody}
};

export default app;
`,
    'src/plugins/auth.ts': AUTH_PLUGIN,
    'src/routes/orgs/index.ts': ORGS_ROUTES,
    'src/db/orgs.ts': `export async function listOrgs() { return []; }
export async function deleteOrg(id: string) { return id; }
`,
  };
}

const AUTOLOAD = `  void fastify.register(AutoLoad, { dir: path.join(__dirname, 'plugins'), options: opts });
  void fastify.register(AutoLoad, { dir: path.join(__dirname, 'routes'), options: opts });`;

async function lint(files: Record<string, string>, rules: Linter.RulesRecord = RULES): Promise<Linter.LintMessage[]> {
  const dir = writeProject(files, { name: 'hub', type: 'module', main: 'dist/app.js', dependencies: { fastify: '^5.2.0', '@fastify/autoload': '^6.0.0', '@fastify/jwt': '^9.0.0' } });
  dirs.push(dir);
  return lintProjectFile(dir, 'src/routes/orgs/index.ts', rules);
}

describe('no-unauthenticated-route: @fastify/autoload route directories', () => {
  it('a route file of an autoloaded directory is mounted at its directory, behind what the root plugin adds first', async () => {
    const messages = await lint(project(AUTOLOAD));
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[7, 'unauthenticatedMountedRoute']]);
    expect(messages[0]?.message).toContain('DELETE /orgs/:id');
    expect(messages[0]?.message).toContain('src/app.ts:10');
  });

  it('an onRequest hook of the root plugin before the routes authenticates all of them', async () => {
    const body = `  void fastify.register(AutoLoad, { dir: path.join(__dirname, 'plugins'), options: opts });
  fastify.addHook('onRequest', async (request) => {
    await request.jwtVerify();
  });
  void fastify.register(AutoLoad, { dir: path.join(__dirname, 'routes'), options: opts });`;
    expect(await lint(project(body), RESOLVED_ONLY)).toEqual([]);
  });

  it('the autoload prefix option joins the directory prefix', async () => {
    const body = AUTOLOAD.replace("dir: path.join(__dirname, 'routes'), options: opts", "dir: path.join(__dirname, 'routes'), options: { ...opts, prefix: '/api' }");
    const messages = await lint(project(body));
    expect(messages[0]?.message).toContain('DELETE /api/orgs/:id');
  });

  it('a directory the root plugin does not autoload is not mounted by it', async () => {
    const body = `  void fastify.register(AutoLoad, { dir: path.join(__dirname, 'plugins'), options: opts });
  void fastify.register(AutoLoad, { dir: path.join(__dirname, 'other'), options: opts });`;
    // Mounted nowhere: not judged by default.
    expect(await lint(project(body))).toEqual([]);
  });
});

describe('no-unauthenticated-route: @fastify/autoload autohooks', () => {
  const withHooks = (options: string, hooksAt: string): Record<string, string> => ({
    ...project(`  void fastify.register(AutoLoad, { dir: path.join(__dirname, 'plugins'), options: opts });
  void fastify.register(AutoLoad, { dir: path.join(__dirname, 'routes'), ${options}options: opts });`),
    [`${hooksAt}/autohooks.ts`]: `import type { FastifyInstance } from 'fastify';

export default async function (fastify: FastifyInstance) {
  fastify.addHook('onRequest', fastify.authenticate);
}
`,
  });

  it('the autohooks file of the route directory authenticates its routes when autoHooks is on', async () => {
    expect(await lint(withHooks('autoHooks: true, ', 'src/routes/orgs'), RESOLVED_ONLY)).toEqual([]);
  });

  it('without autoHooks the file is one more plugin, whose hook stays in its own scope', async () => {
    expect((await lint(withHooks('', 'src/routes/orgs'))).map((message) => message.messageId)).toEqual(['unauthenticatedMountedRoute']);
  });

  it('an autohooks file of a parent directory applies only with cascadeHooks', async () => {
    expect((await lint(withHooks('autoHooks: true, ', 'src/routes'))).map((message) => message.messageId)).toEqual(['unauthenticatedMountedRoute']);
    expect(await lint(withHooks('autoHooks: true, cascadeHooks: true, ', 'src/routes'), RESOLVED_ONLY)).toEqual([]);
  });
});
