import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A Fastify app whose global auth hook is installed by a function of another file given the
 * instance: `installAuth(server)` runs `server.addHook('onRequest', …)` on its parameter. The hook
 * guards what the app registers after the call (route plugins of other files included), judged by
 * its definition there; routes registered before the call, hooks that do not reject, hooks of a
 * kind that runs after the handler, and hooks a function adds to an instance of its own stay
 * reported.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

const security = `import jwt from 'jsonwebtoken';

async function checkBearer(request, reply) {
  try {
    request.user = jwt.verify(String(request.headers.authorization).slice(7), process.env.TOKEN_KEY);
  } catch {
    return reply.code(401).send({ error: 'sign in first' });
  }
}

export function installAuth(server) {
  server.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.anonymous) return;
    return checkBearer(request, reply);
  });
}

export function installTracing(server) {
  server.addHook('onRequest', async (request) => {
    request.log.info({ url: request.url }, 'incoming');
  });
}

export function installAuthAfterwards(server) {
  server.addHook('onResponse', async (request, reply) => checkBearer(request, reply));
}

export function installAuthElsewhere(server) {
  const other = server.constructor();
  other.addHook('onRequest', checkBearer);
  server.register(async (scoped) => {
    scoped.addHook('onRequest', checkBearer);
  });
}
`;

const meters = `export default async function meterRoutes(fastify) {
  fastify.get('/meters/:id', async (request) => ({ id: request.params.id }));
  fastify.delete('/meters/:id', async (request) => ({ removed: request.params.id }));
}
`;

const app = (setup: string): string => `import Fastify from 'fastify';
import { ${setup} } from './security.js';
import meterRoutes from './routes/meters.js';

const server = Fastify();
server.get('/early', async () => ({ at: Date.now() }));
${setup}(server);
server.register(meterRoutes, { prefix: '/v2' });
server.get('/late', async () => ({ at: Date.now() }));
export default server;
`;

function project(setup: string): string {
  return writeProject({ 'src/security.js': security, 'src/routes/meters.js': meters, 'src/app.js': app(setup) }, { name: 'meters', type: 'module', dependencies: { fastify: '^4.28.0', jsonwebtoken: '^9.0.0' } });
}

describe('no-unauthenticated-route: Fastify hooks installed by a setup function of another file', () => {
  it('takes a hook that verifies the token and answers 401 as guarding what is registered after the call', async () => {
    const dir = project('installAuth');
    expect(await lint(dir, 'src/app.js')).toEqual(['6 unauthenticatedRoute']);
    expect(await lint(dir, 'src/routes/meters.js')).toEqual([]);
  });

  it('keeps reporting hooks that do not reject, hooks that run after the handler, and hooks added to another instance', async () => {
    for (const setup of ['installTracing', 'installAuthAfterwards', 'installAuthElsewhere']) {
      const dir = project(setup);
      expect(await lint(dir, 'src/app.js'), setup).toEqual(['6 unauthenticatedRoute', '9 unauthenticatedRoute']);
      expect(await lint(dir, 'src/routes/meters.js'), setup).toEqual(['2 unauthenticatedMountedRoute', '3 unauthenticatedMountedRoute']);
    }
  });
});
