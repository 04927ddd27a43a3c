import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Express routes registered in a loop over a table of the same file: `table.forEach((r) =>
 * router[r.method](r.path, ...r.middlewares, r.handler))` or `for (const r of table)`. Each element
 * is a route with its method, path, middleware and handler, judged and reported on its own line.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }],
  'api-security/require-role-check': 'error',
  'api-security/no-sql-injection': 'error',
};

const guards = `'use strict';
const jwt = require('jsonwebtoken');
exports.authenticate = (req, res, next) => {
  try {
    req.user = jwt.verify(String(req.headers.authorization).replace('Bearer ', ''), process.env.JWT_SECRET);
  } catch {
    return res.status(401).end();
  }
  next();
};
exports.requireAdmin = (req, res, next) => (req.user && req.user.role === 'admin' ? next() : res.sendStatus(403));
exports.logRequest = (req, res, next) => { console.log(req.method, req.path); next(); };
`;

const controllers = `'use strict';
const { Pool } = require('pg');
const pool = new Pool();
exports.list = async (req, res) => res.json((await pool.query('SELECT id FROM notes WHERE owner = $1', [req.user.id])).rows);
exports.search = async (req, res) => res.json((await pool.query(\`SELECT id FROM notes WHERE body LIKE '%\${req.query.q}%'\`)).rows);
exports.purge = async (req, res) => { await pool.query('DELETE FROM notes'); res.sendStatus(204); };
`;

const table = (loop: string): string => `'use strict';
const express = require('express');
const { authenticate, requireAdmin, logRequest } = require('./guards');
const notes = require('./controllers');

const routes = [
  { method: 'get', path: '/notes', middlewares: [authenticate], handler: notes.list },
  { method: 'get', path: '/notes/search', middlewares: [logRequest], handler: notes.search },
  { method: 'delete', path: '/admin/notes', middlewares: [authenticate], handler: notes.purge },
  { method: 'delete', path: '/admin/notes/all', middlewares: [authenticate, requireAdmin], handler: notes.purge },
  { method: 'POST', path: '/notes/import', handler: notes.search },
];

const router = express.Router();
${loop}
module.exports = router;
`;

const app = `'use strict';
const express = require('express');
const app = express();
app.use('/api', require('./table'));
app.listen(3000);
`;

describe('Express: routes registered in a loop over a table', () => {
  it('judges each element: its middleware, its method and path under the mount', async () => {
    for (const loop of [
      'routes.forEach((r) => router[r.method](r.path, ...r.middlewares, r.handler));',
      'for (const route of routes) router[route.method.toLowerCase()](route.path, ...(route.middlewares), route.handler);',
    ]) {
      const dir = writeProject({ 'guards.js': guards, 'controllers.js': controllers, 'table.js': table(loop), 'app.js': app }, { name: 'app' });
      const messages = await lintProjectFile(dir, 'table.js', rules);
      expect(summary(messages)).toEqual([
        '8 api-security/no-unauthenticated-route',
        '9 api-security/require-role-check',
        '11 api-security/no-unauthenticated-route',
      ]);
      expect(messages[0]?.message).toContain('GET /api/notes/search (express)');
      expect(messages[1]?.message).toContain('DELETE /api/admin/notes');
      expect(messages[2]?.message).toContain('POST /api/notes/import (express)');
    }
  });

  it('follows request input into the handlers of the table', async () => {
    const dir = writeProject({ 'guards.js': guards, 'controllers.js': controllers, 'table.js': table('routes.forEach((r) => router[r.method](r.path, ...r.middlewares, r.handler));'), 'app.js': app }, { name: 'app' });
    expect(summary(await lintProjectFile(dir, 'controllers.js', rules))).toEqual(['5 api-security/no-sql-injection']);
  });

  it('takes a middleware written in the loop for every element, before the element’s own', async () => {
    const dir = writeProject({ 'guards.js': guards, 'controllers.js': controllers, 'table.js': table('routes.forEach((r) => router[r.method](r.path, authenticate, ...r.middlewares, r.handler));'), 'app.js': app }, { name: 'app' });
    expect(summary(await lintProjectFile(dir, 'table.js', rules))).toEqual(['9 api-security/require-role-check']);
  });

  it('skips what it cannot read: a middleware list that is not a literal, a method that is not one, a loop over something else', async () => {
    const unreadable = `'use strict';
const express = require('express');
const notes = require('./controllers');
const shared = loadMiddlewares();
const routes = [
  { method: 'get', path: '/notes', middlewares: shared, handler: notes.list },
  { method: 'fetch', path: '/notes/fetch', middlewares: [], handler: notes.list },
  { method: 'get', path: 'notes', middlewares: [], handler: notes.list },
];
const router = express.Router();
routes.forEach((r) => router[r.method](r.path, ...r.middlewares, r.handler));
// A list of method names is read (express-method-loops.test.ts); one of other names is not.
const phases = ['before', 'after'];
phases.forEach((phase) => router[phase]('/echo', (req, res) => res.json({ ok: true })));
module.exports = router;
`;
    const dir = writeProject({ 'controllers.js': controllers, 'table.js': unreadable, 'app.js': app }, { name: 'app' });
    expect(summary(await lintProjectFile(dir, 'table.js', rules))).toEqual([]);
  });
  it('takes the middleware the loop passes by a field of the element (`...(r.auth ? [authenticate] : [])`) for the elements that pick it', async () => {
    const flagged = `'use strict';
const express = require('express');
const { authenticate, logRequest } = require('./guards');
const notes = require('./controllers');
const routes = [
  { method: 'get', path: '/notes', auth: true, handler: notes.list },
  { method: 'get', path: '/notes/search', auth: false, handler: notes.search },
  { method: 'post', path: '/notes/import', handler: notes.search },
  { method: 'get', path: '/notes/feed', auth: process.env.PRIVATE_FEED === 'yes', handler: notes.list },
];
const router = express.Router();
for (const r of routes) router[r.method](r.path, ...(r.auth ? [authenticate] : [logRequest]), r.handler);
module.exports = router;
`;
    const dir = writeProject({ 'guards.js': guards, 'controllers.js': controllers, 'table.js': flagged, 'app.js': app }, { name: 'app' });
    // `auth: false` and no field pick the logger; a field that is not a literal leaves the element out.
    expect(summary(await lintProjectFile(dir, 'table.js', rules))).toEqual(['7 api-security/no-unauthenticated-route', '8 api-security/no-unauthenticated-route']);
    const loggerOnly = flagged.replace('[authenticate] : [logRequest]', '[logRequest] : [authenticate]');
    const swapped = writeProject({ 'guards.js': guards, 'controllers.js': controllers, 'table.js': loggerOnly, 'app.js': app }, { name: 'app' });
    expect(summary(await lintProjectFile(swapped, 'table.js', rules))).toEqual(['6 api-security/no-unauthenticated-route']);
  });
});
