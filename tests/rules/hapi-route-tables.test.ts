import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A Hapi route table in a module of its own, which does not import Hapi (`module.exports = [{
 * method, path, handler: items.get, options }]`), registered by the server with
 * `server.route(routes)` or `server.route(require('./routes'))`: its routes get the server's
 * default strategy (unless they set `auth`), its handlers (of a third module) receive Hapi's
 * request, and the route rules judge them. The same table handed to something else is not Hapi's.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }],
  'api-security/require-role-check': 'error',
  'api-security/no-nosql-injection': 'error',
};

const handlers = `'use strict';
const { MongoClient } = require('mongodb');
const db = new MongoClient(process.env.MONGO_URL).db('shop');
exports.search = (request) => db.collection('items').find({ $where: request.payload.filter }).toArray();
exports.remove = (request) => db.collection('items').deleteOne({ sku: String(request.params.sku) });
`;

const table = `'use strict';
const items = require('./handlers/items');
module.exports = [
  { method: 'POST', path: '/items/search', handler: items.search },
  { method: 'DELETE', path: '/admin/items/{sku}', handler: items.remove },
  { method: 'GET', path: '/status', options: { auth: false }, handler: () => ({ up: true }) },
];
`;

const server = (defaults: string, registration = 'server.route(routes);'): string => `'use strict';
const Hapi = require('@hapi/hapi');
const routes = require('./routes');
async function init() {
  const server = Hapi.server({ port: 8080 });
  await server.register(require('@hapi/jwt'));
  server.auth.strategy('jwt', 'jwt', { keys: process.env.JWT_KEY, verify: { aud: false, iss: false, sub: false }, validate: () => ({ isValid: true }) });
  ${defaults}
  ${registration}
  await server.start();
}
module.exports = { init };
`;

describe('Hapi: route tables exported by a module that does not import Hapi', () => {
  it('judges the table with the server default: the role check is missing on /admin, the rest is authenticated or opted out', async () => {
    const dir = writeProject({ 'handlers/items.js': handlers, 'routes.js': table, 'server.js': server("server.auth.default('jwt');") }, { name: 'app' });
    const messages = await lintProjectFile(dir, 'routes.js', rules);
    expect(summary(messages)).toEqual(['5 api-security/require-role-check']);
    expect(messages[0]?.message).toContain('DELETE /admin/items/{sku}');
  });

  it('reports the routes as unauthenticated when the server sets no default, also registered by an inline require', async () => {
    for (const registration of ['server.route(routes);', "server.route(require('./routes'));", 'server.route([...routes]);']) {
      const dir = writeProject({ 'handlers/items.js': handlers, 'routes.js': table, 'server.js': server('', registration) }, { name: 'app' });
      expect(summary(await lintProjectFile(dir, 'routes.js', rules))).toEqual(['4 api-security/no-unauthenticated-route', '5 api-security/no-unauthenticated-route']);
    }
  });

  it('gives the handlers of the table Hapi request input', async () => {
    const dir = writeProject({ 'handlers/items.js': handlers, 'routes.js': table, 'server.js': server("server.auth.default('jwt');") }, { name: 'app' });
    expect(summary(await lintProjectFile(dir, 'handlers/items.js', rules))).toEqual(['4 api-security/no-nosql-injection']);
  });

  it('does not take the table for Hapi when no Hapi server registers it', async () => {
    // The same shape looped over by an Express router is that router's business, not a Hapi table.
    const express = `'use strict';
const express = require('express');
const routes = require('./routes');
const router = express.Router();
for (const route of routes) router.route(route.path);
module.exports = router;
`;
    const dir = writeProject({ 'handlers/items.js': handlers, 'routes.js': table, 'app.js': express }, { name: 'app' });
    expect(summary(await lintProjectFile(dir, 'routes.js', rules))).toEqual([]);
    // Nobody imports it at all.
    const alone = writeProject({ 'handlers/items.js': handlers, 'routes.js': table }, { name: 'app' });
    expect(summary(await lintProjectFile(alone, 'routes.js', rules))).toEqual([]);
  });
});
