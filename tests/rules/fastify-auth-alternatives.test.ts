import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../src/rules/no-unauthenticated-route.js';

/*
 * @fastify/auth with its default `relation: 'or'` lets a request through as soon as one function
 * passes: the composition authenticates only when every alternative does. One alternative that turns
 * away no anonymous caller (a header the client sets, a function that only logs) is a way in for
 * anybody, and the route is unauthenticated; one out of view leaves it unknown (reported by
 * `strict`); two real checks (a token, an API key compared with the server's) authenticate.
 */
const ruleTester = new RuleTester();
const head = `import Fastify from 'fastify';
import fastifyAuth from '@fastify/auth';
import fastifyJwt from '@fastify/jwt';
const app = Fastify();
app.register(fastifyJwt, { secret: process.env.JWT_SECRET });
app.register(fastifyAuth);
async function viaToken(request) {
  await request.jwtVerify();
}
async function viaKey(request) {
  if (request.headers['x-api-key'] !== process.env.SERVICE_KEY) throw new Error('bad key');
}
async function fromLan(request) {
  if (!String(request.headers['x-forwarded-for'] ?? '').startsWith('192.168.')) throw new Error('not on the LAN');
}
function audit(request) {
  request.log.info({ url: request.url }, 'call');
}
`;
const route = (preHandler: string): string => `${head}app.delete('/staff/:id', { preHandler: ${preHandler} }, async (request) => app.db.staff.delete(request.params.id));`;
const line = 19;
const strict: Options = [{ unknownAuth: 'report' }];

ruleTester.run('no-unauthenticated-route (fastify-auth alternatives)', rule, {
  valid: [
    { name: 'a token or an API key compared with the server one: both check the caller', options: strict, code: route('app.auth([viaToken, viaKey])') },
    { name: "relation 'and': the LAN test adds to the token check", options: strict, code: route("app.auth([viaToken, fromLan], { relation: 'and' })") },
    { name: 'an alternative out of view is not reported by default', code: `import { viaSso } from './sso';\n${route('app.auth([viaToken, viaSso])')}` },
  ],
  invalid: [
    {
      name: 'a token, or a forwarded-for header any client sets',
      code: route('app.auth([viaToken, fromLan])'),
      errors: [{ messageId: 'unauthenticatedRoute', line, data: { method: 'DELETE', path: '/staff/:id', framework: 'fastify' } }],
    },
    {
      name: "relation 'or' spelled out, with a function that only logs",
      code: route("app.auth([viaToken, audit], { relation: 'or' })"),
      errors: [{ messageId: 'unauthenticatedRoute', line }],
    },
    {
      name: 'an alternative out of view: unknown under strict',
      options: strict,
      code: `import { viaSso } from './sso';\n${route('app.auth([viaToken, viaSso])')}`,
      errors: [{ messageId: 'unknownAuth', line: line + 1, data: { method: 'DELETE', path: '/staff/:id', framework: 'fastify', guard: 'app.auth', source: 'its alternative `viaSso`: `./sso`' } }],
    },
  ],
});
