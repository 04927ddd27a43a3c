import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * An Express app handed to setup functions of other files: one installs middleware on it
 * (`applySecurity(app)` runs `app.use('/v1', jwt(…).unless({ path }))`), another mounts the routers
 * (`mountApi(app)`, in a file that does not import Express). The middleware covers what the app
 * registers after the call, under its prefix; an express-unless list exempts the URLs it names
 * (an exact string, a regular expression, `{ url, methods }`), which are then unauthenticated.
 */

const all: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

async function findings(dir: string, file: string, rules = all): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? ''} ${message.message.split(' is ')[0] ?? ''}`);
}

const router = (lines: string): string => `
const express = require('express');
const db = require('../db');
const router = express.Router();
${lines}
module.exports = router;
`;

describe('setup functions given the app (CommonJS)', () => {
  const dir = writeProject({
    'db.js': `const { Pool } = require('pg');
const pool = new Pool();
module.exports = { rows: async () => [], pool };`,
    'setup/security.js': `
const express = require('express');
const { expressjwt } = require('express-jwt');
module.exports = function applySecurity(app) {
  app.use(express.json());
  app.use('/v1', expressjwt({ secret: process.env.TOKEN_KEY, algorithms: ['HS256'] }).unless({
    path: ['/v1/session', /^\\/v1\\/catalog\\/.*/, { url: '/v1/feed', methods: ['GET'] }],
  }));
};
`,
    'setup/headers.js': `
module.exports = function applyHeaders(app) {
  app.use((req, res, next) => { res.setHeader('X-Frame-Options', 'DENY'); next(); });
};
`,
    'api/index.js': `
const sessionRoutes = require('./session');
const invoiceRoutes = require('./invoices');
const catalogRoutes = require('./catalog');
const feedRoutes = require('./feed');
module.exports = function mountApi(app) {
  app.use('/v1/session', sessionRoutes);
  app.use('/v1/invoices', invoiceRoutes);
  app.use('/v1/catalog', catalogRoutes);
  app.use('/v1/feed', feedRoutes);
};
`,
    'api/session.js': router(`router.post('/', (req, res) => res.json({ ok: true }));`),
    'api/invoices.js': router(`router.get('/:id', async (req, res) => res.json(await db.rows(req.params.id)));`),
    'api/catalog.js': router(`router.get('/items', async (req, res) => res.json((await db.pool.query('SELECT id, name, price FROM items')).rows));`),
    'api/feed.js': router(`router.get('/', async (req, res) => res.json(await db.rows()));
router.post('/', async (req, res) => res.json(await db.rows(req.body)));`),
    'legacy/index.js': `
const reportRoutes = require('./reports');
module.exports = function mountLegacy(app) {
  app.use('/legacy/reports', reportRoutes);
};
`,
    'legacy/reports.js': router(`router.get('/:id', async (req, res) => res.json(await db.rows(req.params.id)));`),
    'other/index.js': `
const statsRoutes = require('./stats');
module.exports = function mountOther(app) {
  app.use('/other/stats', statsRoutes);
};
`,
    'other/stats.js': router(`router.get('/:id', async (req, res) => res.json(await db.rows(req.params.id)));`),
    'app.js': `
const express = require('express');
const applyHeaders = require('./setup/headers');
const applySecurity = require('./setup/security');
const mountApi = require('./api');
const mountLegacy = require('./legacy');
const mountOther = require('./other');
const app = express();
applyHeaders(app);
mountLegacy(app);
applySecurity(app);
mountApi(app);
mountOther(app);
app.get('/v1/me', async (req, res) => res.json(await require('./db').rows(req.auth.sub)));
app.listen(3000);
`,
  });

  it('a router mounted by a registration function after the setup function installed auth is authenticated', async () => {
    expect(await findings(dir, 'api/invoices.js')).toEqual([]);
    // A route of the app's own file after the setup call too.
    expect(await findings(dir, 'app.js')).toEqual([]);
  });

  it('the URLs an unless list names are unauthenticated: a string, a regular expression, a url with its methods', async () => {
    expect(await findings(dir, 'api/session.js')).toEqual(['5 unauthenticatedMountedRoute POST /v1/session (express)']);
    expect(await findings(dir, 'api/catalog.js')).toEqual(['5 unauthenticatedMountedRoute GET /v1/catalog/items (express)']);
    // `{ url: '/v1/feed', methods: ['GET'] }`: the POST stays behind the token.
    expect(await findings(dir, 'api/feed.js')).toEqual(['5 unauthenticatedMountedRoute GET /v1/feed (express)']);
  });

  it('the recommended mode reports an exempted route that reads data', async () => {
    expect(await findings(dir, 'api/catalog.js', recommended)).toEqual(['5 unauthenticatedMountedRoute GET /v1/catalog/items (express)']);
  });

  it('stays reported: routes registered before the setup call, and behind a setup function that only sets headers', async () => {
    expect(await findings(dir, 'legacy/reports.js')).toEqual(['5 unauthenticatedMountedRoute GET /legacy/reports/:id (express)']);
  });

  it('stays reported: a route outside the prefix the setup function put the middleware under', async () => {
    expect(await findings(dir, 'other/stats.js')).toEqual(['5 unauthenticatedMountedRoute GET /other/stats/:id (express)']);
  });
});

describe('unless lists on the app itself', () => {
  const dir = writeProject({
    'server.js': `
import express from 'express';
import { expressjwt } from 'express-jwt';
const app = express();
app.use(expressjwt({ secret: process.env.TOKEN_KEY, algorithms: ['HS256'] }).unless({ path: ['/healthz', '/orders/export'], method: ['DELETE'] }));
app.get('/orders/export', (req, res) => res.json({ all: true }));
app.get('/orders/export/:id', (req, res) => res.json({ id: req.params.id }));
app.get('/orders/:id', (req, res) => res.json({ id: req.params.id }));
app.delete('/orders/:id', (req, res) => res.sendStatus(204));
app.listen(3000);
`,
    'setup.js': `
import { expressjwt } from 'express-jwt';
import auditRoutes from './audit.js';
export function mountAudit(app) {
  app.use('/audit', expressjwt({ secret: process.env.TOKEN_KEY, algorithms: ['HS256'] }), auditRoutes);
}
`,
    'audit.js': `
import { Router } from 'express';
const router = Router();
router.get('/:id', (req, res) => res.json({ id: req.params.id }));
export default router;
`,
    'main.js': `
import express from 'express';
import { mountAudit } from './setup.js';
const app = express();
mountAudit(app);
app.get('/metrics/:id', (req, res) => res.json({ id: req.params.id }));
app.listen(3000);
`,
  });

  it('exempts the exact URLs and the methods listed, not the paths under them', async () => {
    expect(await findings(dir, 'server.js')).toEqual([
      '6 unauthenticatedRoute GET /orders/export (express)',
      '9 unauthenticatedRoute DELETE /orders/:id (express)',
    ]);
  });

  it('stays reported: a setup function whose auth guards only the router it mounts with it', async () => {
    expect(await findings(dir, 'main.js')).toEqual(['6 unauthenticatedRoute GET /metrics/:id (express)']);
    expect(await findings(dir, 'audit.js')).toEqual([]);
  });
});
