import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Hapi plugins in files of their own, which do not import Hapi (the plugin receives its server),
 * registered from `server.js`; the default auth strategy is set by an auth plugin that `server.js`
 * registers next to them. A route of such a plugin is judged with that default, a route with
 * `auth: false` or a strategy of its own keeps its config, and a plugin whose registration cannot be
 * seen is unknown (reported only in strict mode, as an unresolved mount).
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const strict: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report', reportRoutes: 'all' }],
};
const taint: Linter.RulesRecord = {
  'api-security/no-nosql-injection': 'error',
  'api-security/no-code-injection': 'error',
};

async function findings(dir: string, file: string, rules = recommended): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

const authPlugin = (withDefault: boolean): string => `'use strict';
exports.plugin = {
  name: 'auth',
  async register(server) {
    await server.register(require('hapi-auth-jwt2'));
    server.auth.strategy('jwt', 'jwt', { key: process.env.JWT_KEY, validate: async () => ({ isValid: true }) });
    ${withDefault ? "server.auth.default('jwt');" : ''}
  },
};
`;

const ordersPlugin = `'use strict';
const orders = require('../../services/orders');

exports.plugin = {
  name: 'orders',
  register(server) {
    server.route([
      { method: 'GET', path: '/orders/{id}', handler: (request) => orders.find(request.params.id) },
      { method: 'GET', path: '/catalog', options: { auth: false, handler: () => orders.catalog() } },
      { method: 'POST', path: '/orders', options: { auth: { strategy: 'jwt' }, handler: (request) => orders.create(request.payload) } },
      { method: 'POST', path: '/orders/search', handler: (request) => orders.search(request.payload) },
    ]);
  },
};
`;

const ordersService = `'use strict';
const { MongoClient } = require('mongodb');
const db = new MongoClient(process.env.MONGO_URL).db('shop');

exports.find = (id) => db.collection('orders').findOne({ id: String(id) });
exports.catalog = () => db.collection('products').find({}).toArray();
exports.create = (order) => db.collection('orders').insertOne({ item: String(order.item) });
exports.search = (filter) => db.collection('orders').find({ customer: filter.customer }).toArray();
`;

const server = (auth: string): string => `'use strict';
const Hapi = require('@hapi/hapi');

async function start() {
  const server = Hapi.server({ port: 3000 });
  await server.register([require('@hapi/inert')${auth}]);
  await server.register(require('./plugins/orders'), { routes: { prefix: '/api' } });
  await server.start();
}

start();
`;

describe('Hapi plugin files without an import of Hapi', () => {
  it('protects a plugin’s routes with the default strategy an auth plugin registered on the same server sets', async () => {
    const dir = writeProject({
      'server.js': server(", require('./lib/auth')"),
      'lib/auth.js': authPlugin(true),
      'plugins/orders/index.js': ordersPlugin,
      'services/orders.js': ordersService,
    }, { name: 'shop' });
    expect(await findings(dir, 'plugins/orders/index.js')).toEqual([]);
    expect(await findings(dir, 'plugins/orders/index.js', strict)).toEqual([]);
  });

  it('reports the routes when the server registers no plugin that sets a default, naming the mount', async () => {
    const dir = writeProject({
      'server.js': server(''),
      'lib/auth.js': authPlugin(true),
      'plugins/orders/index.js': ordersPlugin,
      'services/orders.js': ordersService,
    }, { name: 'shop' });
    const found = await findings(dir, 'plugins/orders/index.js');
    expect(found.map((line) => line.slice(0, line.indexOf(' is reachable')))).toEqual([
      '8 api-security/no-unauthenticated-route: GET /api/orders/{id} (hapi)',
      '11 api-security/no-unauthenticated-route: POST /api/orders/search (hapi)',
    ]);
    expect(found[0]).toContain('at its mount (server.js:7)');
  });

  it('applies the default the registering server sets itself, except to a route with an auth config of its own', async () => {
    const dir = writeProject({
      'server.js': `'use strict';
const Hapi = require('@hapi/hapi');
const server = Hapi.server();
server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD } });
server.auth.default('session');
server.register(require('./plugins/feed'));
`,
      'plugins/feed.js': `'use strict';
exports.plugin = {
  name: 'feed',
  register(server) {
    server.route([
      { method: 'DELETE', path: '/feed/{id}', handler: () => null },
      { method: 'PUT', path: '/feed/{id}', options: { auth: { mode: 'try' }, handler: () => null } },
    ]);
  },
};
`,
    }, { name: 'feed' });
    const found = await findings(dir, 'plugins/feed.js');
    expect(found.map((line) => line.slice(0, line.indexOf(' is reachable')))).toEqual(['7 api-security/no-unauthenticated-route: PUT /feed/{id} (hapi)']);
  });

  it('is unknown, not unauthenticated, while no registration of the plugin can be seen', async () => {
    const dir = writeProject({
      'lib/auth.js': authPlugin(true),
      'plugins/orders/index.js': ordersPlugin,
      'services/orders.js': ordersService,
    }, { name: 'shop' });
    expect(await findings(dir, 'plugins/orders/index.js')).toEqual([]);
    const found = await findings(dir, 'plugins/orders/index.js', strict);
    expect(found.map((line) => line.slice(0, line.indexOf(' (hapi)')))).toEqual([
      '8 api-security/no-unauthenticated-route: GET /orders/{id}',
      '11 api-security/no-unauthenticated-route: POST /orders/search',
    ]);
  });

  it('sees the default removed from the auth plugin on the next lint', async () => {
    const dir = writeProject({
      'server.js': server(", require('./lib/auth')"),
      'lib/auth.js': authPlugin(true),
      'plugins/orders/index.js': ordersPlugin,
      'services/orders.js': ordersService,
    }, { name: 'shop' });
    expect(await findings(dir, 'plugins/orders/index.js')).toEqual([]);
    writeFileSync(path.join(dir, 'lib/auth.js'), authPlugin(false));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await findings(dir, 'plugins/orders/index.js')).map((line) => line.slice(0, 2))).toEqual(['8 ', '11']);
  });

  it('follows request input from a plugin route with a one-parameter handler into a service', async () => {
    const dir = writeProject({
      'server.js': server(", require('./lib/auth')"),
      'lib/auth.js': authPlugin(true),
      'plugins/orders/index.js': ordersPlugin,
      'services/orders.js': ordersService,
    }, { name: 'shop' });
    const found = await findings(dir, 'services/orders.js', taint);
    expect(found.map((line) => line.slice(0, line.indexOf(':')))).toEqual(['8 api-security/no-nosql-injection']);
    expect(found[0]).toContain('request.payload');
  });

  it('reads the other plugin shapes: module.exports, export default { plugin }, a typed constant', async () => {
    const project = (registered: string): Record<string, string> => ({
      'src/server.ts': `import Hapi from '@hapi/hapi';
import authPlugin from './auth';
import * as billing from './billing';
import reports from './reports';
import audit from './audit';

const server = Hapi.server();
await server.register([${registered}billing, reports, audit]);
`,
      'src/auth.ts': `import type { Plugin } from '@hapi/hapi';
const authPlugin: Plugin<{ key: string }> = {
  name: 'auth',
  register: async (server, options) => {
    server.auth.strategy('session', 'cookie', { cookie: { password: options.key } });
    server.auth.default('session');
  },
};
export default authPlugin;
`,
      'src/billing.ts': `export const plugin = {
  name: 'billing',
  register(server) {
    server.route({ method: 'GET', path: '/invoices', handler: () => [] });
  },
};
`,
      'src/reports.ts': `export default {
  plugin: {
    name: 'reports',
    register(server) {
      server.route({ method: 'GET', path: '/reports', handler: () => [] });
    },
  },
};
`,
      'src/audit.js': `module.exports = {
  name: 'audit',
  register: async (server) => {
    server.route({ method: 'GET', path: '/audit', handler: () => [] });
  },
};
`,
    });
    const files = { 'src/billing.ts': 'GET /invoices', 'src/reports.ts': 'GET /reports', 'src/audit.js': 'GET /audit' };
    const covered = writeProject(project('authPlugin, '), { name: 'covered', type: 'module' });
    const open = writeProject(project(''), { name: 'open', type: 'module' });
    for (const [file, route] of Object.entries(files)) {
      expect(await findings(covered, file)).toEqual([]);
      expect(await findings(covered, file, strict)).toEqual([]);
      const found = await findings(open, file);
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(`${route} (hapi) is reachable without authentication`);
      expect(found[0]).toContain('at its mount (src/server.ts:8)');
    }
  });
});
