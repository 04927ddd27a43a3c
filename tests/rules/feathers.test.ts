import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Feathers services: each method of a service registered with `app.use(path, service)` is a route
 * (its REST call) whose `id`, `data` and `params.query` are the client's, guarded by the hooks the
 * service (or the app) registers before it. Shapes: a class service in its own file, an object
 * service, a database adapter's subclass, hooks inline and in a `*.hooks.js` file,
 * `authenticate('jwt')` on `all` and on one method, a project hook judged by what it does.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-command-injection': 'error',
  'api-security/no-mass-assignment': 'error',
  'api-security/no-nosql-injection': 'error',
  'api-security/no-sql-injection': 'error',
  'api-security/no-unauthenticated-route': 'error',
};

const app = `const { feathers } = require('@feathersjs/feathers');
const express = require('@feathersjs/express');
const services = require('./services');
const app = express(feathers());
app.configure(express.rest());
app.configure(services);
module.exports = app;
`;

const models = `const mongoose = require('mongoose');
const Invoice = mongoose.model('Invoice', new mongoose.Schema({ customer: String, total: Number, paid: Boolean, ownerId: String }));
module.exports = { Invoice };
`;

describe('Feathers: a class service in its own file, its hooks in another, registered through configure', () => {
  const files = {
    'src/app.js': app,
    'src/models.js': models,
    'src/services/index.js': `const invoices = require('./invoices/invoices.service');
module.exports = (app) => { app.configure(invoices); };
`,
    'src/services/invoices/invoices.class.js': `const { Invoice } = require('../../models');
class InvoiceService {
  async find(params) {
    const { customer, ...rest } = params.query || {};
    return Invoice.find({ ...rest, ownerId: params.user.id });
  }
  async get(id, params) {
    return Invoice.findOne({ _id: id, ownerId: params.user.id });
  }
  async create(data, params) {
    return Invoice.create({ customer: String(data.customer), total: Number(data.total), ownerId: params.user.id });
  }
  async patch(id, data, params) {
    return Invoice.findByIdAndUpdate(id, data);
  }
  helper(params) {
    return Invoice.find(params.query);
  }
}
module.exports = { InvoiceService };
`,
    'src/services/invoices/invoices.hooks.js': `const { authenticate } = require('@feathersjs/authentication').hooks;
module.exports = {
  before: { all: [authenticate('jwt')], find: [], patch: [] },
  after: { all: [] },
};
`,
    'src/services/invoices/invoices.service.js': `const { InvoiceService } = require('./invoices.class');
const hooks = require('./invoices.hooks');
module.exports = (app) => {
  app.use('/invoices', new InvoiceService());
  app.service('invoices').hooks(hooks);
};
`,
  };

  it('reads the client input of each method in the class file: the query, the data, not the id nor what is picked', async () => {
    const dir = writeProject(files);
    const messages = await lintProjectFile(dir, 'src/services/invoices/invoices.class.js', rules);
    // `find` spreads the client's query into the filter; `patch` writes `data` whole. A method
    // that is not a service method (`helper`) is no route; `get`'s id is the URL's text.
    expect(summary(messages)).toEqual(['5 api-security/no-nosql-injection', '14 api-security/no-mass-assignment']);
    expect(messages[0]?.message).toContain('`params.query` (line 4)');
    expect(messages[1]?.message).toContain('`data` is written whole by `Invoice.findByIdAndUpdate`');
  });

  it('does not report the routes that authenticate(\'jwt\') of the hooks file guards on `all`', async () => {
    const dir = writeProject(files);
    // Judged, not unknown: every route is asked about, and an unjudged hook would be reported.
    const strict = { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report', reportRoutes: 'all' }] } satisfies Linter.RulesRecord;
    expect(summary(await lintProjectFile(dir, 'src/services/invoices/invoices.service.js', strict))).toEqual([]);
  });

  it('reports them when the hooks run only after the method', async () => {
    const dir = writeProject({
      ...files,
      'src/services/invoices/invoices.hooks.js': `const { authenticate } = require('@feathersjs/authentication').hooks;
module.exports = { before: { all: [] }, after: { all: [authenticate('jwt')] } };
`,
    });
    const messages = await lintProjectFile(dir, 'src/services/invoices/invoices.service.js', rules);
    // POST and PATCH change state; the reads (out of view here) are judged by the rule's policy.
    expect(summary(messages)).toEqual(['4 api-security/no-unauthenticated-route', '4 api-security/no-unauthenticated-route']);
    expect(messages.map((message) => message.message.slice(0, 30))).toEqual(['POST /invoices (feathers) is r', 'PATCH /invoices/:id (feathers)']);
  });

  it('reads nothing in a class of a project without Feathers, nor in one no file registers', async () => {
    const express = writeProject({
      ...files,
      'src/app.js': `const express = require('express');
const services = require('./services');
const app = express();
services(app);
module.exports = app;
`,
    });
    expect(summary(await lintProjectFile(express, 'src/services/invoices/invoices.class.js', rules))).toEqual([]);
    const unregistered = writeProject({
      ...files,
      'src/services/invoices/invoices.service.js': `const { InvoiceService } = require('./invoices.class');
module.exports = (app) => { app.set('invoices', InvoiceService); };
`,
    });
    expect(summary(await lintProjectFile(unregistered, 'src/services/invoices/invoices.class.js', rules))).toEqual([]);
  });
});

describe('Feathers: services and hooks in the file that creates the app', () => {
  it('reads an object service and reports its methods without an authenticating hook', async () => {
    const dir = writeProject({
      'src/app.js': `const { feathers } = require('@feathersjs/feathers');
const express = require('@feathersjs/express');
const { authenticate } = require('@feathersjs/authentication');
const { exec } = require('node:child_process');
const app = express(feathers());
app.use('exports', {
  async find(params) { return new Promise((resolve) => exec('tar czf out.tgz ' + params.query.folder, resolve)); },
  async create(data) { return new Promise((resolve) => exec('tar czf ' + String(Date.now()) + '.tgz data', resolve)); },
  async remove(id) { return new Promise((resolve) => exec('rm -rf exports/' + id, resolve)); },
});
app.service('exports').hooks({
  before: {
    create: [authenticate('jwt')],
    remove: [],
  },
});
module.exports = app;
`,
    });
    const messages = await lintProjectFile(dir, 'src/app.js', rules);
    expect(summary(messages)).toEqual([
      '6 api-security/no-unauthenticated-route',
      '7 api-security/no-command-injection',
      '9 api-security/no-command-injection',
      '14 api-security/no-unauthenticated-route',
    ]);
    // The route is reported where the method's hooks are listed; one without a list at its registration.
    expect(messages[0]?.message).toContain('GET /exports (feathers)');
    expect(messages[1]?.message).toContain('`params.query.folder` (line 7)');
    expect(messages[2]?.message).toContain('`id` (line 9)');
    expect(messages[3]?.message).toContain('DELETE /exports/:id (feathers)');
  });

  it('judges a project hook by what it does: refusing a call without `params.user` authenticates, logging does not', async () => {
    const dir = writeProject({
      'src/hooks.js': `const { NotAuthenticated } = require('@feathersjs/errors');
exports.requireUser = async (context) => {
  if (!context.params.user) throw new NotAuthenticated('sign in first');
  return context;
};
exports.logCall = async (context) => {
  console.log(context.method, context.path, context.params.user ? 'user' : 'anonymous');
  return context;
};
`,
      'src/app.js': `import { feathers } from '@feathersjs/feathers';
import { koa } from '@feathersjs/koa';
import { requireUser, logCall } from './hooks.js';
const app = koa(feathers());
class Notes {
  async create(data, params) { return { ...data, by: params.user.id }; }
  async remove(id) { return { id }; }
}
app.use('notes', new Notes());
app.service('notes').hooks({ before: { create: [requireUser], remove: [logCall] } });
export default app;
`,
    });
    const messages = await lintProjectFile(dir, 'src/app.js', { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report', reportRoutes: 'all' }] });
    expect(summary(messages)).toEqual(['10 api-security/no-unauthenticated-route']);
    expect(messages[0]?.messageId).toBe('unauthenticatedRoute');
    expect(messages[0]?.message).toContain('DELETE /notes/:id (feathers)');
  });

  it('counts hooks run for every external call (`iff(isProvider(\'external\'), …)`), not those run under another condition', async () => {
    const dir = writeProject({
      'src/app.js': `const { feathers } = require('@feathersjs/feathers');
const express = require('@feathersjs/express');
const { authenticate } = require('@feathersjs/authentication');
const { iff, isProvider } = require('feathers-hooks-common');
const app = express(feathers());
app.use('/tags', {
  async create(data) { return data; },
  async remove(id) { return { id }; },
});
app.service('tags').hooks({
  before: {
    create: [iff(isProvider('external'), authenticate('jwt'))],
    remove: [iff((context) => context.params.query.strict, authenticate('jwt'))],
  },
});
module.exports = app;
`,
    });
    const messages = await lintProjectFile(dir, 'src/app.js', rules);
    expect(summary(messages)).toEqual(['13 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('DELETE /tags/:id (feathers)');
  });

  it('reads the methods a database adapter subclass overrides, and guards all methods with app hooks', async () => {
    const dir = writeProject({
      'src/app.ts': `import { feathers } from '@feathersjs/feathers';
import { koa } from '@feathersjs/koa';
import { KnexService } from '@feathersjs/knex';
import { authenticate } from '@feathersjs/authentication';
import { Pool } from 'pg';
const pool = new Pool();
class ArticleService extends KnexService {
  async find(params: any) {
    return pool.query(\`SELECT * FROM articles WHERE slug = '\${params.query.slug}'\`);
  }
  async patch(id: string, data: any) {
    return pool.query('UPDATE articles SET title = $1 WHERE id = $2', [String(data.title), id]);
  }
}
const app = koa(feathers());
app.hooks({ around: { all: [authenticate('jwt')] } });
app.use('articles', new ArticleService({ Model: null, name: 'articles' }));
export default app;
`,
    });
    const messages = await lintProjectFile(dir, 'src/app.ts', rules);
    expect(summary(messages)).toEqual(['9 api-security/no-sql-injection']);
  });

  it('reports every method of an adapter service registered without hooks', async () => {
    const dir = writeProject({
      'src/app.js': `const { feathers } = require('@feathersjs/feathers');
const express = require('@feathersjs/express');
const { MongoDBService } = require('@feathersjs/mongodb');
const app = express(feathers());
app.use('/messages', new MongoDBService({ Model: null }));
module.exports = app;
`,
    });
    const messages = await lintProjectFile(dir, 'src/app.js', rules);
    expect(messages.map((message) => message.message.slice(0, message.message.indexOf(' (feathers)')))).toEqual(['POST /messages', 'PUT /messages/:id', 'PATCH /messages/:id', 'DELETE /messages/:id']);
  });

  it('reads no service in an Express app: `app.use` of an object is no Feathers registration there', async () => {
    const dir = writeProject({
      'src/app.js': `const express = require('express');
const { exec } = require('node:child_process');
const app = express();
app.use('/jobs', { find(params) { exec('ls ' + params.query.dir); } });
module.exports = app;
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/app.js', rules))).toEqual([]);
  });
});

describe('Feathers: the authenticate hook of @feathersjs/authentication', () => {
  const strict: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report', reportRoutes: 'all' }] };
  const service = (imports: string, hook: string): string => `const { feathers } = require('@feathersjs/feathers');
${imports}
const app = feathers();
app.use('/payments', { async find() { return []; }, async create(data) { return data; } });
app.service('payments').hooks({ before: { all: [${hook}] } });
module.exports = app;
`;

  it.each([
    { name: 'v5, imported at the top', imports: "const { authenticate } = require('@feathersjs/authentication');", hook: "authenticate('jwt')" },
    { name: 'v4, destructured from hooks', imports: "const { authenticate } = require('@feathersjs/authentication').hooks;", hook: "authenticate('jwt')" },
    { name: 'v4, read from the module', imports: "const auth = require('@feathersjs/authentication');", hook: "auth.hooks.authenticate('jwt', 'local')" },
  ])('authenticates, by the library, not by its name: $name', async ({ imports, hook }) => {
    const dir = writeProject({ 'src/app.js': service(imports, hook) });
    expect(summary(await lintProjectFile(dir, 'src/app.js', strict))).toEqual([]);
  });

  it('authenticates nobody with an anonymous strategy, and a same-named hook of unknown origin is unknown', async () => {
    const anonymous = writeProject({ 'src/app.js': service("const { authenticate } = require('@feathersjs/authentication');", "authenticate('jwt', 'anonymous')") });
    const messages = await lintProjectFile(anonymous, 'src/app.js', strict);
    expect(messages.map((message) => message.messageId)).toEqual(['unauthenticatedRoute', 'unauthenticatedRoute']);
    const unknown = writeProject({ 'src/app.js': service("const { authenticate } = require('home-grown-auth');", "authenticate('jwt')") });
    expect((await lintProjectFile(unknown, 'src/app.js', strict)).map((message) => message.messageId)).toEqual(['unknownAuth', 'unknownAuth']);
  });
});

describe('Feathers: a users service whose create hashes the password is a sign-up', () => {
  const users = (imports: string, hooks: string): string => `const { feathers } = require('@feathersjs/feathers');
const { authenticate } = require('@feathersjs/authentication');
${imports}
const app = feathers();
app.use('/accounts', {
  async create(data) { return accounts.insert({ email: String(data.email) }); },
  async patch(id, data) { return { id, password: String(data.password) }; },
});
app.service('accounts').hooks({
  before: {
    ${hooks}
  },
});
module.exports = app;
`;

  it('leaves create public by design, not patch, which hashes a changed password', async () => {
    const dir = writeProject({ 'src/app.js': users("const { hashPassword } = require('@feathersjs/authentication-local').hooks;", "create: [hashPassword('password')],\n    patch: [hashPassword('password')],") });
    const messages = await lintProjectFile(dir, 'src/app.js', rules);
    expect(summary(messages)).toEqual(['12 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('PATCH /accounts/:id (feathers)');
  });

  it('reports create when the hashing hook is not the library\'s', async () => {
    const dir = writeProject({ 'src/app.js': users("const hashPassword = (field) => async (context) => context;", "create: [hashPassword('password')],\n    patch: [authenticate('jwt')],") });
    const messages = await lintProjectFile(dir, 'src/app.js', rules);
    expect(summary(messages)).toEqual(['11 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('POST /accounts (feathers)');
  });
});

describe('Feathers: methods only the server calls, and role checks in hooks', () => {
  const project = (hooks: string, imports = ''): Record<string, string> => ({
    'src/app.js': `const { feathers } = require('@feathersjs/feathers');
const { authenticate } = require('@feathersjs/authentication');
const { disallow } = require('feathers-hooks-common');
const { Forbidden } = require('@feathersjs/errors');
${imports}
const app = feathers();
app.use('/admin/audit', {
  async create(data) { return { logged: String(data.event) }; },
  async remove(id) { return { id }; },
});
app.service('admin/audit').hooks({
  before: {
    ${hooks}
  },
});
module.exports = app;
`,
  });

  it('reads no route for a method disallowed to every client, but one disallowed on REST only is still reached over sockets', async () => {
    const dir = writeProject(project("create: [disallow('external')],\n    remove: [disallow('rest')],"));
    const messages = await lintProjectFile(dir, 'src/app.js', rules);
    expect(summary(messages)).toEqual(['14 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('DELETE /admin/audit/:id (feathers)');
  });

  it('requires a role check on an administration service: authentication alone is none', async () => {
    // (A project hook that reads `context.params.user.role` is not read as a role check yet: the
    // role-check reader takes `params` for Express's path parameters. See docs/handlers.md#feathers.)
    const roles = { 'api-security/require-role-check': 'error' } satisfies Linter.RulesRecord;
    const unchecked = writeProject(project("all: [authenticate('jwt')],"));
    const messages = await lintProjectFile(unchecked, 'src/app.js', roles);
    expect(summary(messages)).toEqual(['7 api-security/require-role-check', '7 api-security/require-role-check']);
    expect(messages.map((message) => message.messageId)).toEqual(['missingRoleCheck', 'missingRoleCheck']);
  });
});
