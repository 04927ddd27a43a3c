import { writeFileSync } from 'node:fs';
import type { Linter } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * `fastify.authenticate` in a route plugin is the function a plugin of another file stored with
 * `fastify.decorate('authenticate', …)`. It is judged by that definition, as a decorator of the same
 * file is: one that verifies the token and answers 401 authenticates; one that lets every request
 * through does not; one defined nowhere, or twice, stays out of view.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report', reportRoutes: 'all' }] };

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

const app = `import Fastify from 'fastify';
import authPlugin from './plugins/auth.js';
import invoiceRoutes from './routes/invoices.js';
const server = Fastify();
server.register(authPlugin);
server.register(invoiceRoutes, { prefix: '/invoices' });
export default server;
`;

const verifyingPlugin = `import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
export default fp(async (instance: FastifyInstance) => {
  instance.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await request.jwtVerify();
    } catch {
      return reply.code(401).send({ message: 'sign in first' });
    }
  });
});
`;

const hookRoutes = `import type { FastifyPluginAsync } from 'fastify';
const invoiceRoutes: FastifyPluginAsync = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);
  fastify.get('/', async () => []);
  fastify.delete('/:id', async (request) => ({ removed: request.params }));
};
export default invoiceRoutes;
`;

const optionRoutes = `import type { FastifyInstance } from 'fastify';
export default async function invoiceRoutes(fastify: FastifyInstance) {
  fastify.get('/', { onRequest: [fastify.authenticate] }, async () => []);
  fastify.post('/', { preHandler: fastify.authenticate }, async (request) => request.body);
}
`;

describe('no-unauthenticated-route: Fastify decorators defined in another file', () => {
  it('authenticates a hook whose decorator, in a fastify-plugin plugin, verifies the token and answers 401', async () => {
    const dir = writeProject({ 'src/app.ts': app, 'src/plugins/auth.ts': verifyingPlugin, 'src/routes/invoices.ts': hookRoutes });
    expect(await lint(dir, 'src/routes/invoices.ts')).toEqual([]);
  });

  it('authenticates routes that list the decorator in their onRequest / preHandler options', async () => {
    const dir = writeProject({ 'src/app.ts': app, 'src/plugins/auth.ts': verifyingPlugin, 'src/routes/invoices.ts': optionRoutes });
    expect(await lint(dir, 'src/routes/invoices.ts')).toEqual([]);
  });

  it('follows a named function stored by a CommonJS plugin', async () => {
    const dir = writeProject({
      'app.js': `const fastify = require('fastify')();
fastify.register(require('./plugins/auth'));
fastify.register(require('./routes/invoices'), { prefix: '/invoices' });
module.exports = fastify;
`,
      'plugins/auth.js': `const fp = require('fastify-plugin');
async function verifyCaller(request, reply) {
  try {
    await request.jwtVerify();
  } catch (err) {
    reply.code(401).send({ message: 'unauthorized' });
  }
}
module.exports = fp(async function (fastify) {
  fastify.decorate('authenticate', verifyCaller);
});
`,
      'routes/invoices.js': `module.exports = async function (fastify) {
  fastify.addHook('preHandler', fastify.authenticate);
  fastify.get('/', async () => []);
};
`,
    }, { name: 'app' });
    expect(await lint(dir, 'routes/invoices.js')).toEqual([]);
  });

  it('reports the routes when the decorator in the other file lets every request through', async () => {
    const dir = writeProject({
      'src/app.ts': app,
      'src/plugins/auth.ts': `import fp from 'fastify-plugin';
export default fp(async (instance) => {
  instance.decorate('authenticate', async (request) => {
    request.log.info({ url: request.url }, 'incoming');
  });
});
`,
      'src/routes/invoices.ts': hookRoutes,
    });
    expect(await lint(dir, 'src/routes/invoices.ts')).toEqual(['4 unauthenticatedMountedRoute', '5 unauthenticatedMountedRoute']);
  });

  it('sees an edit of the plugin on the next lint in the same process', async () => {
    const dir = writeProject({ 'src/app.ts': app, 'src/plugins/auth.ts': verifyingPlugin, 'src/routes/invoices.ts': hookRoutes });
    expect(await lint(dir, 'src/routes/invoices.ts')).toEqual([]);
    writeFileSync(path.join(dir, 'src/plugins/auth.ts'), verifyingPlugin.replace('await request.jwtVerify();', 'request.log.debug("skipped");'));
    expect(await lint(dir, 'src/routes/invoices.ts')).toEqual(['4 unauthenticatedMountedRoute', '5 unauthenticatedMountedRoute']);
  });

  it('keeps the decorator out of view when no file defines it, or two files define it differently', async () => {
    const none = writeProject({ 'src/app.ts': app.replace("server.register(authPlugin);\n", '').replace("import authPlugin from './plugins/auth.js';\n", ''), 'src/routes/invoices.ts': hookRoutes });
    expect(await lint(none, 'src/routes/invoices.ts')).toEqual(['4 unknownAuth', '5 unknownAuth']);
    const twice = writeProject({
      'src/app.ts': app,
      'src/plugins/auth.ts': verifyingPlugin,
      'src/plugins/dev-auth.ts': `import fp from 'fastify-plugin';
export default fp(async (instance) => {
  instance.decorate('authenticate', async () => {});
});
`,
      'src/routes/invoices.ts': hookRoutes,
    });
    expect(await lint(twice, 'src/routes/invoices.ts')).toEqual(['4 unknownAuth', '5 unknownAuth']);
  });

  it('does not take a member of an imported module for an instance decorator', async () => {
    const dir = writeProject({
      'src/app.ts': app,
      'src/plugins/auth.ts': verifyingPlugin,
      'src/routes/invoices.ts': `import type { FastifyInstance } from 'fastify';
import * as guards from '../guards.js';
export default async function invoiceRoutes(fastify: FastifyInstance) {
  fastify.get('/', { onRequest: [guards.authenticate] }, async () => []);
}
`,
      'src/guards.ts': 'export async function authenticate() {}\n',
    });
    expect(await lint(dir, 'src/routes/invoices.ts')).toEqual(['4 unauthenticatedMountedRoute']);
  });
});
