import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * Hapi strategies are judged by their scheme: a strategy of a scheme plugin (hapi-auth-jwt2,
 * @hapi/jwt, @hapi/basic, @hapi/cookie, bell) authenticates; a strategy of a scheme the project
 * implements (`server.auth.scheme(name, impl)`) authenticates when its `authenticate` turns away a
 * request without valid credentials, and not when it lets every request in.
 */
const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route: Hapi auth schemes', rule, {
  valid: [
    {
      name: 'a strategy of hapi-auth-jwt2 as the default',
      code: `
const Hapi = require('@hapi/hapi');
const server = Hapi.server();
await server.register(require('hapi-auth-jwt2'));
server.auth.strategy('jwt', 'jwt', { key: process.env.JWT_KEY, validate: async () => ({ isValid: true }) });
server.auth.default('jwt');
server.route({ method: 'DELETE', path: '/contacts/{id}', handler: () => null });
`,
    },
    {
      name: 'a custom scheme that rejects a request without a valid API key',
      code: `
const Hapi = require('@hapi/hapi');
const Boom = require('@hapi/boom');
const keys = require('./keys');
const server = Hapi.server();
server.auth.scheme('api-key', () => ({
  authenticate: async (request, h) => {
    const client = await keys.lookup(request.headers['x-api-key']);
    if (!client) throw Boom.unauthorized('unknown key');
    return h.authenticated({ credentials: client });
  },
}));
server.auth.strategy('partner', 'api-key');
server.route({ method: 'DELETE', path: '/contacts/{id}', options: { auth: 'partner', handler: () => null } });
server.route({ method: 'POST', path: '/contacts', options: { auth: { strategy: 'partner' }, handler: () => null } });
`,
    },
  ],
  invalid: [
    {
      name: 'a custom scheme whose authenticate lets every request in',
      code: `
const Hapi = require('@hapi/hapi');
const server = Hapi.server();
server.auth.scheme('trusting', () => ({
  authenticate: (request, h) => h.authenticated({ credentials: { id: request.headers['x-user-id'] || 'anonymous' } }),
}));
server.auth.strategy('internal', 'trusting');
server.auth.default('internal');
server.route({ method: 'DELETE', path: '/contacts/{id}', handler: () => null });
server.route({ method: 'POST', path: '/contacts', options: { auth: { strategy: 'internal' }, handler: (request) => addContact(request.payload) } });
`,
      errors: [
        { messageId: 'unauthenticatedRoute', line: 9, data: { method: 'DELETE', path: '/contacts/{id}', framework: 'hapi' } },
        { messageId: 'unauthenticatedRoute', line: 10, data: { method: 'POST', path: '/contacts', framework: 'hapi' } },
      ],
    },
  ],
});
