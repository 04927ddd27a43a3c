import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Fastify hooks made by a decorated factory (`fastify.decorate('needsRole', (...roles) => async
 * (request, reply) => …)`, used as `onRequest: [fastify.needsRole('owner')]`) are judged by the hook
 * the factory returns, whether the plugin is in the route's file or another one. A verifier handed
 * to `fastify.auth([...])` that looks the sent key up and throws an unauthorized error
 * (`fastify.httpErrors.unauthorized()`) authenticates, as one that answers 401 does. Look-alikes
 * whose hook checks nothing, or whose error is no refusal of the caller, stay reported.
 */

const roleRules: Linter.RulesRecord = { 'api-security/require-role-check': 'error' };
const authRules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

async function lint(dir: string, file: string, rules: Linter.RulesRecord): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

const plugin = (hookBody: string): string => `import fp from 'fastify-plugin';
export default fp(async (server) => {
  server.decorate('signedIn', async (request, reply) => {
    try {
      await request.jwtVerify();
    } catch {
      return reply.code(401).send({ message: 'sign in' });
    }
  });
  server.decorate('needsRole', (...roles) => async (request, reply) => {
${hookBody}
  });
});
`;

const checking = `    if (!roles.includes(request.user.role)) return reply.code(403).send({ message: 'not allowed' });`;
const logging = `    request.log.info({ roles }, 'role requested');`;

const adminRoutes = `import type { FastifyInstance } from 'fastify';
export default async function staffRoutes(server: FastifyInstance) {
  server.post('/admin/staff/:id/disable', { onRequest: [server.signedIn, server.needsRole('owner')] }, async (request) => ({ disabled: request.params.id }));
}
`;

describe('require-role-check: a hook made by a decorated Fastify factory', () => {
  it('a factory of a plugin in another file whose hook answers 403 unless the role matches', async () => {
    const dir = writeProject({ 'src/plugins/guards.js': plugin(checking), 'src/routes/staff.ts': adminRoutes });
    expect(await lint(dir, 'src/routes/staff.ts', roleRules)).toEqual([]);
  });

  it('stays reported when the hook the factory returns only logs the roles', async () => {
    const dir = writeProject({ 'src/plugins/guards.js': plugin(logging), 'src/routes/staff.ts': adminRoutes });
    expect(await lint(dir, 'src/routes/staff.ts', roleRules)).toEqual(['3 missingRoleCheck']);
  });

  it('a factory decorated in the route file itself, and its logging look-alike', async () => {
    const inFile = (body: string): string => `import Fastify from 'fastify';
const server = Fastify();
server.decorate('needsRole', (...roles) => async (request, reply) => {
${body}
});
server.addHook('onRequest', async (request) => { await request.jwtVerify(); });
server.delete('/admin/clinics/:id', { preHandler: server.needsRole('owner') }, async (request) => ({ removed: request.params.id }));
export default server;
`;
    const safe = writeProject({ 'src/server.js': inFile(checking) });
    expect(await lint(safe, 'src/server.js', roleRules)).toEqual([]);
    const open = writeProject({ 'src/server.js': inFile(logging) });
    expect(await lint(open, 'src/server.js', roleRules)).toEqual(['7 missingRoleCheck']);
  });
});

const verifierPlugin = (verifier: string): string => `import fp from 'fastify-plugin';
import fastifyAuth from '@fastify/auth';
export default fp(async (server) => {
  server.register(fastifyAuth);
  server.decorate('verifySensorToken', async function (request) {
${verifier}
  });
});
`;

const sensorRoutes = `import type { FastifyInstance } from 'fastify';
export default async function sensorRoutes(server: FastifyInstance) {
  server.post('/sensors/samples', { preHandler: server.auth([server.verifySensorToken]) }, async (request) => ({ stored: request.body.length }));
}
`;

const sensorApp = `import Fastify from 'fastify';
import sensors from './plugins/sensors.js';
import sensorRoutes from './routes/sensors.js';
const server = Fastify();
server.register(sensors);
server.register(sensorRoutes, { prefix: '/api' });
export default server;
`;

describe('no-unauthenticated-route: a verifier that throws an unauthorized error', () => {
  it('looks the sent key up and throws `httpErrors.unauthorized()` when nothing matches', async () => {
    const dir = writeProject({
      'src/plugins/sensors.js': verifierPlugin(`    const token = request.headers['x-sensor-token'];
    const sensor = await server.sensors.byToken(token);
    if (!sensor) throw server.httpErrors.unauthorized('unknown sensor');
    request.sensor = sensor;`),
      'src/routes/sensors.ts': sensorRoutes,
      'src/app.js': sensorApp,
    });
    expect(await lint(dir, 'src/routes/sensors.ts', authRules)).toEqual([]);
  });

  it('stays reported when it only checks that a key was sent', async () => {
    const dir = writeProject({
      'src/plugins/sensors.js': verifierPlugin(`    if (!request.headers['x-sensor-token']) throw server.httpErrors.unauthorized('no sensor token');`),
      'src/routes/sensors.ts': sensorRoutes,
      'src/app.js': sensorApp,
    });
    expect(await lint(dir, 'src/routes/sensors.ts', authRules)).toEqual(['3 unauthenticatedMountedRoute']);
  });

  it('stays reported when the error it throws on a failed lookup is no refusal of the caller', async () => {
    const dir = writeProject({
      'src/plugins/sensors.js': verifierPlugin(`    const token = request.headers['x-sensor-token'];
    const sensor = await server.sensors.byToken(token);
    if (!sensor) server.log.warn('unknown sensor');
    request.sensor = sensor;`),
      'src/routes/sensors.ts': sensorRoutes,
      'src/app.js': sensorApp,
    });
    expect(await lint(dir, 'src/routes/sensors.ts', authRules)).toEqual(['3 unauthenticatedMountedRoute']);
  });
});
