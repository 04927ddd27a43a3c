import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A route that opts out of the app's authentication hook (`config: { allowAnonymous: true }`, read by
 * that hook to let it through) and states a check of its own (`preHandler`) that turns away a request
 * without a session is authenticated by that check: it runs whatever the opt-out skips. A route
 * check that turns nobody away, asks about something else, or lets requests without a session
 * through stays an opt-out, reported on a privileged route.
 */

const ruleTester = new RuleTester();

const app = (preHandler: string): string => `import Fastify from 'fastify';
const app = Fastify();
app.addHook('preHandler', async (request, reply) => {
  if (request.routeOptions.config.allowAnonymous) return;
  if (!request.session?.user) return reply.code(401).send({ error: 'sign in' });
});
app.route({
  method: ['POST', 'DELETE'],
  url: '/admin/devices/:deviceId/relay/*',
  config: { allowAnonymous: true },
  preHandler: ${preHandler},
  handler: async (request, reply) => relay(request.params.deviceId, request.body),
});
async function relay(id, body) { return { id, body }; }
app.listen({ port: 3000 });
`;

ruleTester.run('no-unauthenticated-route (an opt-out with a check of its own)', rule, {
  valid: [
    {
      name: 'the route check sends a request without a session to the sign-in page (the answer sent, Fastify stops)',
      code: app(`async (request, reply) => {
    if (!request.session?.user) {
      reply.redirect(303, '/login');
    }
  }`),
    },
    {
      name: 'the route check answers 401 without a session',
      code: app(`async (request, reply) => {
    if (!request.session?.user) return reply.code(401).send({ error: 'sign in' });
  }`),
    },
    {
      name: 'another condition first, the session check in its else branch',
      code: app(`async (request, reply) => {
    if (!request.params.deviceId) {
      reply.code(404).send();
    } else if (!request.session?.user) {
      reply.redirect(303, '/login');
    }
  }`),
    },
  ],
  invalid: [
    {
      name: 'the route check only logs a request without a session',
      code: app(`async (request, reply) => {
    if (!request.session?.user) request.log.info('anonymous relay');
  }`),
      errors: [{ messageId: 'privilegedOptOut', line: 7 }],
    },
    {
      name: 'the route check asks about the path, not the caller',
      code: app(`async (request, reply) => {
    if (!request.params.deviceId) return reply.code(404).send();
  }`),
      errors: [{ messageId: 'privilegedOptOut', line: 7 }],
    },
    {
      name: 'the route check refuses only requests that carry a session without a user',
      code: app(`async (request, reply) => {
    if (request.session && !request.session.user) return reply.code(401).send();
  }`),
      errors: [{ messageId: 'privilegedOptOut', line: 7 }],
    },
  ],
});
