import { RuleTester } from '@typescript-eslint/rule-tester';
import roleRule, { type Options as RoleOptions } from '../../src/rules/require-role-check.js';
import authRule, { type Options as AuthOptions } from '../../src/rules/no-unauthenticated-route.js';

/*
 * @fastify/auth: `fastify.auth([a, b], { relation: 'and' })` runs every function, so each is a guard
 * judged by what it does (a token check, then a role check). With the default `relation: 'or'` the
 * first function that passes lets the request through: the weakest decides, and the composition
 * stays one guard out of view, which does not count as a role check.
 */
const ruleTester = new RuleTester();
const head = `import Fastify from 'fastify';
import fastifyAuth from '@fastify/auth';
const app = Fastify();
app.register(fastifyAuth);
app.decorate('verifyToken', async (request, reply) => {
  if (!request.headers.authorization) return reply.code(401).send();
  await request.jwtVerify();
});
app.decorate('verifyAdmin', async (request, reply) => {
  if (request.user.role !== 'admin') return reply.code(403).send();
});
app.decorate('traceRequest', async (request) => {
  request.log.info({ url: request.url }, 'admin call');
});
`;
const route = (preHandler: string): string => `${head}app.post('/admin/users/:id/disable', { preHandler: ${preHandler} }, async (request) => {
  await app.db.query('UPDATE users SET disabled = true WHERE id = $1', [request.params.id]);
  return { ok: true };
});`;
const line = 15;
const role: RoleOptions = [{ privilegedRoutes: 'report', inconsistentRoutes: 'report' }];
const unknown: AuthOptions = [{ unknownAuth: 'report', reportRoutes: 'all' }];

ruleTester.run('require-role-check (fastify-auth composition)', roleRule, {
  valid: [
    { name: "relation 'and': the token check and the role check both run", options: role, code: route("app.auth([app.verifyToken, app.verifyAdmin], { relation: 'and' })") },
    { name: 'a list of one function is that function', options: role, code: route("app.auth([app.verifyAdmin])") },
  ],
  invalid: [
    {
      name: "stays reported: the default relation 'or' lets a valid token through without the role check",
      options: role,
      code: route('app.auth([app.verifyToken, app.verifyAdmin])'),
      errors: [{ messageId: 'missingRoleCheck', line }],
    },
    {
      name: "stays reported: relation 'or' spelled out",
      options: role,
      code: route("app.auth([app.verifyToken, app.verifyAdmin], { relation: 'or' })"),
      errors: [{ messageId: 'missingRoleCheck', line }],
    },
    {
      name: "stays reported: relation 'and' of a token check and a function that only logs",
      options: role,
      code: route("app.auth([app.verifyToken, app.traceRequest], { relation: 'and' })"),
      errors: [{ messageId: 'missingRoleCheck', line }],
    },
  ],
});

ruleTester.run('no-unauthenticated-route (fastify-auth composition)', authRule, {
  valid: [
    { name: "relation 'and' with a token check is judged, not out of view", options: unknown, code: route("app.auth([app.verifyToken, app.verifyAdmin], { relation: 'and' })") },
  ],
  invalid: [
    {
      name: "stays reported: relation 'and' of functions none of which authenticates",
      options: unknown,
      code: route("app.auth([app.traceRequest], { relation: 'and' })"),
      errors: [{ messageId: 'unauthenticatedRoute', line }],
    },
  ],
});
