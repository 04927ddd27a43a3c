import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A Fastify hook has no `next`: it lets the request on by returning. `if (request.session?.user)
 * return; reply.code(401).send()` turns away every request without a user, as Express's
 * `if (req.user) return next(); res.status(401).end()` does.
 */

const ruleTester = new RuleTester();

const app = (hook: string) => `import Fastify from 'fastify';
const fastify = Fastify();
${hook}
fastify.register(async (app) => {
  app.addHook('preHandler', verifySession);
  app.delete('/projects/:id', async (request) => db.projects.delete(request.params.id));
});`;

ruleTester.run('no-unauthenticated-route: a Fastify hook that returns early for a signed-in caller', rule, {
  valid: [
    {
      name: 'returns for a session user, answers 401 otherwise',
      code: app(`async function verifySession(request, reply) {
  if (request.session?.user) {
    return;
  }
  reply.code(401).send({ error: 'unauthorized' });
}`),
    },
    {
      name: 'the same on one line, with a throw',
      code: app(`async function verifySession(request) {
  if (request.user) return;
  throw fastify.httpErrors.unauthorized();
}`),
    },
  ],
  invalid: [
    {
      name: 'returns for a user and answers 400 otherwise: input handling, not authentication',
      code: app(`async function verifySession(request, reply) {
  if (request.user) return;
  reply.code(400).send({ error: 'bad request' });
}`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
    {
      name: 'returns for a user and does nothing else',
      code: app(`async function verifySession(request, reply) {
  if (request.user) return;
  request.log.info('anonymous');
}`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
  ],
});
