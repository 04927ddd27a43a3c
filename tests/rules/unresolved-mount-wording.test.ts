import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A route of a plugin or router registered in another file is judged at its mount. When that mount
 * is not found (the files are build output the project model does not index, or nobody registers
 * the plugin), `reportUnresolvedMounts` reports it with what is known: nothing authenticates it in
 * its own file, and whether its mount does is unknown. It never says that no check runs.
 */

const strict: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report', reportRoutes: 'all' }] };
const manifest = { name: 'pantry', type: 'module', dependencies: { fastify: '4.0.0' } };
const brief = (messages: readonly Linter.LintMessage[]): string[] => messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);

const files = (dir: string): Record<string, string> => ({
  [`${dir}/server.js`]: `import Fastify from 'fastify';
import shelves from './routes/index.js';
export const start = () => {
  const app = Fastify();
  app.register(shelves, { prefix: '/v1' });
  return app;
};
`,
  [`${dir}/routes/index.js`]: `import jars from './jars.js';
export default async (app) => {
  app.register(jars, { prefix: '/jars' });
};
`,
  [`${dir}/routes/jars.js`]: `export default async function jarRoutes(fastify) {
  fastify.delete('/:id', async (request) => ({ emptied: request.params.id }));
}
`,
});

describe('no-unauthenticated-route: a route whose mount is not found', () => {
  it('says the mount is unknown, not that no check runs (build output)', async () => {
    const dir = writeProject(files('dist'), manifest);
    const messages = await lintProjectFile(dir, 'dist/routes/jars.js', strict);
    expect(brief(messages)).toEqual(['2 unresolvedMountRoute']);
    expect(messages[0]?.message).toContain('whose mount was not found');
    expect(messages[0]?.message).not.toContain('no auth middleware, guard or check runs');
    expect(await lintProjectFile(dir, 'dist/routes/jars.js', { 'api-security/no-unauthenticated-route': 'error' })).toEqual([]);
  });

  it('judges the same files as sources, where the mount is found: no check runs there', async () => {
    const dir = writeProject(files('src'), manifest);
    const messages = await lintProjectFile(dir, 'src/routes/jars.js', strict);
    expect(brief(messages)).toEqual(['2 unauthenticatedMountedRoute']);
    expect(messages[0]?.message).toContain('DELETE /v1/jars/:id');
  });

  it('says it for a plugin registered nowhere', async () => {
    const dir = writeProject({ 'src/routes/jars.js': files('src')['src/routes/jars.js'] ?? '' }, manifest);
    const messages = await lintProjectFile(dir, 'src/routes/jars.js', strict);
    expect(brief(messages)).toEqual(['2 unresolvedMountRoute']);
  });

  it('stays silent when the route authenticates in its own file', async () => {
    const dir = writeProject(
      {
        'dist/routes/jars.js': `export default async function jarRoutes(fastify) {
  fastify.delete('/:id', { onRequest: async (request) => { await request.jwtVerify(); } }, async (request) => ({ emptied: request.params.id }));
}
`,
      },
      manifest,
    );
    expect(await lintProjectFile(dir, 'dist/routes/jars.js', strict)).toEqual([]);
  });
});
