import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Hapi route objects returned by factories, one module each, that do not import Hapi
 * (`module.exports = () => ({ method, path, options: { handler } })`), collected by a plugin's
 * `register` into `server.route([createItem(), listItems(options)])` (also `a().concat([b()])`):
 * each route is registered where the factory's result is handed to `server.route`, with that
 * server's prefix and default strategy (a path may be a template with a constant prefix). A factory of the same shape whose result goes elsewhere
 * (an HTTP client's request descriptor) is no route.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }],
};

const create = `'use strict';
const boom = require('@hapi/boom');
module.exports = () => ({
  method: 'POST',
  path: '/items',
  options: {
    handler: async (request, h) => h.response({ created: request.payload.name }).code(201),
  },
});
`;

const list = `'use strict';
const BASE = '/items';
module.exports = (options) => ({
  method: 'GET',
  path: \`\${BASE}/list\`,
  options: { handler: () => ({ items: [], max: options.max }) },
});
`;

const plugin = (registration: string): string => `'use strict';
const createRoute = require('./create');
const listRoute = require('./list');
module.exports = {
  name: 'items',
  async register(server, options) {
    ${registration}
  },
};
`;

const server = (defaults: string): string => `'use strict';
const Hapi = require('@hapi/hapi');
const items = require('./items');
async function init() {
  const server = Hapi.server({ port: 8080 });
  await server.register(require('@hapi/jwt'));
  server.auth.strategy('jwt', 'jwt', { keys: process.env.JWT_KEY, verify: { aud: false, iss: false, sub: false }, validate: () => ({ isValid: true }) });
  ${defaults}
  await server.register({ plugin: items, routes: { prefix: '/v1' } });
  await server.start();
}
module.exports = { init };
`;

const project = (registration: string, defaults: string): string =>
  writeProject({ 'items/create.js': create, 'items/list.js': list, 'items/index.js': plugin(registration), 'server.js': server(defaults).replace("require('./items')", "require('./items/index')") }, { name: 'app' });

describe('Hapi: route objects returned by factories of other modules', () => {
  it('reports a factory route of a server without a default strategy, with its prefix', async () => {
    for (const registration of ['server.route([createRoute(), listRoute(options)]);', 'server.route([createRoute()].concat([listRoute(options)]));']) {
      const dir = project(registration, '');
      const messages = await lintProjectFile(dir, 'items/create.js', rules);
      expect(summary(messages), registration).toEqual(['3 api-security/no-unauthenticated-route']);
      expect(messages[0]?.message).toContain('POST /v1/items');
      // A path written as a template with a constant prefix.
      const listed = await lintProjectFile(dir, 'items/list.js', rules);
      expect(summary(listed), registration).toEqual(['3 api-security/no-unauthenticated-route']);
      expect(listed[0]?.message).toContain('GET /v1/items/list');
    }
  });

  it('covers factory routes with the server default strategy', async () => {
    const dir = project('server.route([createRoute(), listRoute(options)]);', "server.auth.default('jwt');");
    expect(summary(await lintProjectFile(dir, 'items/create.js', rules))).toEqual([]);
    expect(summary(await lintProjectFile(dir, 'items/list.js', rules))).toEqual([]);
  });

  it('does not take a factory of the same shape for a route when its result is not handed to server.route', async () => {
    const client = `'use strict';
const createRoute = require('./create');
const http = require('node:http');
module.exports = function send() {
  const { method, path } = createRoute();
  return http.request({ method, path, host: 'api.internal' });
};
`;
    const dir = writeProject({ 'items/create.js': create, 'items/client.js': client }, { name: 'app' });
    expect(summary(await lintProjectFile(dir, 'items/create.js', rules))).toEqual([]);
  });
});
