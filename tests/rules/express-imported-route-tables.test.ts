import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * An Express route table in a module of its own (`module.exports = [{ method, path, middlewares,
 * handler }]`), registered by another file in a loop over the import (`routes.forEach((r) =>
 * router[r.method](r.path, ...r.middlewares, r.handler))`): each element is a route of the table's
 * file, read as the loop reads it, with the middleware in front of the loop (its router's `use`,
 * the mounts of that router, the arguments the loop passes to every element) and its own list. It
 * is reported on its element. A table no Express file loops over is not a set of routes.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }],
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
exports.trace = (req, res, next) => { console.log(req.method, req.path); next(); };
`;

const handlers = `'use strict';
const { Pool } = require('pg');
const pool = new Pool();
exports.list = async (req, res) => res.json((await pool.query('SELECT id FROM tickets WHERE owner = $1', [req.user.id])).rows);
exports.search = async (req, res) => res.json((await pool.query(\`SELECT id FROM tickets WHERE title LIKE '%\${req.query.q}%'\`)).rows);
exports.close = async (req, res) => { await pool.query('UPDATE tickets SET open = false WHERE id = $1', [req.params.id]); res.sendStatus(204); };
`;

const table = `'use strict';
const tickets = require('./handlers');
const { authenticate, trace } = require('./guards');
module.exports = [
  { method: 'get', path: '/tickets', middlewares: [authenticate], handler: tickets.list },
  { method: 'get', path: '/tickets/search', middlewares: [trace], handler: tickets.search },
  { method: 'post', path: '/tickets/:id/close', middlewares: [authenticate], handler: tickets.close },
];
`;

const server = (loop: string): string => `'use strict';
const express = require('express');
const routes = require('./routes');
const { authenticate } = require('./guards');
const router = express.Router();
${loop}
const app = express();
app.use('/api', router);
app.listen(3000);
`;

function project(loop: string, routes = table): string {
  return writeProject({ 'guards.js': guards, 'handlers.js': handlers, 'routes.js': routes, 'server.js': server(loop) }, { name: 'app' });
}

describe('Express route tables imported from another file', () => {
  it('each element is a route of the table, judged with its own middleware list and the handler analysed', async () => {
    const dir = project('routes.forEach((r) => router[r.method](r.path, ...r.middlewares, r.handler));');
    // The search has only a logger in front of it: reported on its element.
    expect(summary(await lintProjectFile(dir, 'routes.js', rules))).toEqual(['6 api-security/no-unauthenticated-route']);
    expect(summary(await lintProjectFile(dir, 'handlers.js', rules))).toEqual(['5 api-security/no-sql-injection']);
    // The loop itself is no route of the server's file.
    expect(summary(await lintProjectFile(dir, 'server.js', rules))).toEqual([]);
    const messages = await lintProjectFile(dir, 'routes.js', rules);
    expect(messages[0]?.message).toContain('GET /api/tickets/search');
  });

  it('auth the loop passes to every element, or installed on its router before it, covers every element', async () => {
    const passed = project('for (const r of routes) router[r.method](r.path, authenticate, ...r.middlewares, r.handler);');
    expect(summary(await lintProjectFile(passed, 'routes.js', rules))).toEqual([]);
    const installed = project('router.use(authenticate);\nroutes.forEach((r) => router[r.method](r.path, ...r.middlewares, r.handler));');
    expect(summary(await lintProjectFile(installed, 'routes.js', rules))).toEqual([]);
  });

  it('a logger the loop passes to every element is no authentication', async () => {
    const dir = project("const { trace } = require('./guards');\nroutes.forEach((r) => router[r.method](r.path, trace, ...r.middlewares, r.handler));");
    expect(summary(await lintProjectFile(dir, 'routes.js', rules))).toEqual(['6 api-security/no-unauthenticated-route']);
  });

  it('auth installed on the router after the loop covers nothing of it', async () => {
    const dir = project('routes.forEach((r) => router[r.method](r.path, ...r.middlewares, r.handler));\nrouter.use(authenticate);');
    expect(summary(await lintProjectFile(dir, 'routes.js', rules))).toEqual(['6 api-security/no-unauthenticated-route']);
  });

  it('an element whose middleware list cannot be read is not claimed, nor a table no Express file loops over', async () => {
    const unreadable = table.replace('middlewares: [trace]', 'middlewares: loadMiddlewares()');
    expect(summary(await lintProjectFile(project('routes.forEach((r) => router[r.method](r.path, ...r.middlewares, r.handler));', unreadable), 'routes.js', rules))).toEqual([]);
    // The same table only logged by the server: not routes.
    expect(summary(await lintProjectFile(project('routes.forEach((r) => console.log(r.method, r.path));'), 'routes.js', rules))).toEqual([]);
  });
  describe('middleware the loop passes by a field of the element: `...(r.auth ? [authenticate] : [])`', () => {
    const flagged = `'use strict';
const tickets = require('./handlers');
module.exports = [
  { method: 'get', path: '/tickets', auth: true, handler: tickets.list },
  { method: 'get', path: '/tickets/search', auth: false, handler: tickets.search },
  { method: 'post', path: '/tickets/:id/close', auth: true, handler: tickets.close },
  { method: 'post', path: '/tickets/:id/reopen', handler: tickets.close },
];
`;

    it('runs for the elements whose field picks it, and not for the others', async () => {
      const dir = project('for (const r of routes) router[r.method](r.path, ...(r.auth ? [authenticate] : []), r.handler);', flagged);
      // The search (`auth: false`) and the reopen (no `auth`) are open; the others are authenticated.
      expect(summary(await lintProjectFile(dir, 'routes.js', rules))).toEqual(['5 api-security/no-unauthenticated-route', '7 api-security/no-unauthenticated-route']);
    });

    it('a negated test picks the other branch', async () => {
      const open = flagged.replaceAll('auth: true', 'open: false').replace('auth: false', 'open: true').replace("path: '/tickets/:id/reopen', ", "path: '/tickets/:id/reopen', open: 1, ");
      const dir = project('routes.forEach((r) => router[r.method](r.path, ...(!r.open ? [authenticate] : []), r.handler));', open);
      expect(summary(await lintProjectFile(dir, 'routes.js', rules))).toEqual(['5 api-security/no-unauthenticated-route', '7 api-security/no-unauthenticated-route']);
    });

    it('a logger in the picked branch is no authentication, and a field that is not a literal leaves the guard in', async () => {
      const logged = project("const { trace } = require('./guards');\nfor (const r of routes) router[r.method](r.path, ...(r.auth ? [trace] : []), r.handler);", flagged);
      expect(summary(await lintProjectFile(logged, 'routes.js', rules))).toEqual([
        '4 api-security/no-unauthenticated-route',
        '5 api-security/no-unauthenticated-route',
        '6 api-security/no-unauthenticated-route',
        '7 api-security/no-unauthenticated-route',
      ]);
      const computed = flagged.replace('auth: false', "auth: process.env.OPEN_SEARCH !== 'yes'");
      const dir = project('for (const r of routes) router[r.method](r.path, ...(r.auth ? [authenticate] : []), r.handler);', computed);
      expect(summary(await lintProjectFile(dir, 'routes.js', rules))).toEqual(['7 api-security/no-unauthenticated-route']);
    });
  });
});
