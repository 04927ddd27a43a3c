import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A Fastify hook has no `next`: it lets the request on by returning. `if (request.session?.user)
 * return; reply.code(401).send()` turns away every request without a user, as Express's
 * `if (req.user) return next(); res.status(401).end()` does. After a negative test the other way
 * round, `if (!request.user) return;` lets the request without a user on to the handler (nothing
 * was answered), unlike Express's bare `return` without `next()`, which leaves it hanging; a hook
 * with a `done` parameter goes on only by calling it.
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
    {
      name: 'a negative test that answers 401 and then returns',
      code: app(`async function verifySession(request, reply) {
  if (!request.user) {
    reply.code(401).send({ error: 'sign in' });
    return;
  }
}`),
    },
    {
      name: 'a callback hook whose negative test returns without calling done',
      code: app(`function verifySession(request, reply, done) {
  if (!request.user) return;
  done();
}`),
    },
  ],
  invalid: [
    {
      name: 'a negative test that only returns: the request goes on to the handler',
      code: app(`async function verifySession(request, reply) {
  if (!request.user) return;
  request.log.info('signed in');
}`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
    {
      name: 'a negative test whose block only returns',
      code: app(`async function verifySession(request, reply) {
  if (!request.session?.user) {
    return;
  }
}`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
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
