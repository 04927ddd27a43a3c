import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A global middleware that authenticates every request except those whose path its own list names
 * as public: `if (PUBLIC.some((p) => req.path.startsWith(p))) return next()` before the token
 * check. The list is the team's word on what is public (judged like an opt-out: reported only on a
 * privileged path); a path that the list lets through only because a prefix shares its first
 * letters (`/api/pay` lets `/api/payouts` through) is public by accident, and reported whatever
 * the route does.
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const strict: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report', reportRoutes: 'all' }],
};

const gate = (list: string, test = 'OPEN.some((prefix) => req.path.startsWith(prefix))'): string => `const jwt = require('jsonwebtoken');
${list}
module.exports = function gate(req, res, next) {
  const open = ${test};
  if (open) return next();
  const bearer = (req.get('authorization') || '').split(' ')[1];
  if (!bearer) return res.status(401).end();
  try {
    req.user = jwt.verify(bearer, process.env.SIGNING_KEY);
    return next();
  } catch (error) {
    return res.status(401).end();
  }
};
`;
const routes = `const { Router } = require('express');
const r = Router();
r.get('/v1/shop/items', (req, res) => res.json([]));
r.post('/v1/shop/items', (req, res) => res.status(201).json({}));
r.post('/v1/shopping-lists', (req, res) => res.status(201).json({}));
r.get('/v1/shopping-lists', (req, res) => res.json([]));
r.delete('/v1/staff/:id', (req, res) => res.status(204).end());
r.post('/v1/orders', (req, res) => res.status(201).json({}));
module.exports = r;
`;
const app = `const express = require('express');
const gate = require('./middleware/gate');
const app = express();
app.use(gate);
app.use(require('./routes/catalog'));
app.listen(4000);
`;

/** Three routes behind a middleware that exempts the paths its list names exactly. */
const healthRoutes = `const express = require('express');
const exact = require('../middleware/exact');
const h = express();
h.post('/v1/health', exact, (req, res) => res.json({ ok: true }));
h.post('/v1/healthcheck/reset', exact, (req, res) => res.json({ ok: true }));
h.post('/v1/admin/purge', exact, (req, res) => res.json({ ok: true }));
h.listen(4001);
`;

describe('a public path list inside the authenticating middleware', () => {
  it('reads a list of its own file: listed paths public, prefixes that end mid-segment reported', async () => {
    const dir = writeProject({
      'middleware/gate.js': gate(`const OPEN = ['/v1/shop', '/v1/staff/'];`),
      'routes/catalog.js': routes,
      'app.js': app,
    }, { name: 'store' });
    const messages = await lintProjectFile(dir, 'routes/catalog.js', recommended);
    // `/v1/shopping-lists` shares `/v1/shop`'s letters (both methods, the GET too); `DELETE
    // /v1/staff/:id` is listed, but a destructive write to another user's record is privileged;
    // `/v1/shop/items` is public by the team's list; `/v1/orders` is authenticated.
    expect(summary(messages)).toEqual([
      '5 api-security/no-unauthenticated-route',
      '6 api-security/no-unauthenticated-route',
      '7 api-security/no-unauthenticated-route',
    ]);
    expect(messages[0]?.message).toContain('`gate` lets it through before checking anything, because a prefix in its list of public paths matches the first letters of this path');
    expect(messages[0]?.message).toContain('(mounted at app.js:5)');
    expect(messages[2]?.message).toContain('opts out of authentication with the public paths of `gate`');
  });

  it('reads the list from a settings module the middleware imports, and `includes` of the exact path', async () => {
    const dir = writeProject({
      'config/index.js': `module.exports = { auth: { open: ['/v1/shop'] }, exact: ['/v1/health', '/v1/admin/purge'] };
`,
      'middleware/gate.js': gate(`const settings = require('../config');
const OPEN = settings.auth.open;`),
      'middleware/exact.js': gate(`const settings = require('../config');`, 'settings.exact.includes(req.path)'),
      'routes/catalog.js': routes,
      'routes/health.js': healthRoutes,
      'app.js': `const express = require('express');
const gate = require('./middleware/gate');
const app = express();
app.use(gate);
app.use(require('./routes/catalog'));
app.listen(4000);
`,
    }, { name: 'store' });
    expect(summary(await lintProjectFile(dir, 'routes/catalog.js', recommended))).toEqual([
      '5 api-security/no-unauthenticated-route',
      '6 api-security/no-unauthenticated-route',
    ]);
    // An exact match lets only that path through: `/v1/healthcheck/reset` is authenticated, and
    // `POST /v1/health` is public by the list; an administration path in the list is an opt-out.
    const health = await lintProjectFile(dir, 'routes/health.js', strict);
    expect(summary(health)).toEqual(['6 api-security/no-unauthenticated-route']);
    expect(health[0]?.message).toContain('opts out of authentication with the public paths of `exact`');
  });

  it('stays as before when the list is not fixed, or the path test comes after the check', async () => {
    const dir = writeProject({
      'middleware/gate.js': gate(`const OPEN = (process.env.OPEN_PATHS || '').split(',');`),
      'routes/catalog.js': routes,
      'app.js': app,
    }, { name: 'store' });
    // A list read at run time cannot be matched: the middleware authenticates as far as can be seen.
    expect(summary(await lintProjectFile(dir, 'routes/catalog.js', recommended))).toEqual([]);
    const after = writeProject({
      'middleware/gate.js': `const jwt = require('jsonwebtoken');
const OPEN = ['/v1/shop'];
module.exports = function gate(req, res, next) {
  const bearer = (req.get('authorization') || '').split(' ')[1];
  if (!bearer) return res.status(401).end();
  req.user = jwt.verify(bearer, process.env.SIGNING_KEY);
  if (OPEN.some((prefix) => req.path.startsWith(prefix))) return next();
  return next();
};
`,
      'routes/catalog.js': routes,
      'app.js': app,
    }, { name: 'store' });
    expect(summary(await lintProjectFile(after, 'routes/catalog.js', strict))).toEqual([]);
  });
});

describe('a public path list the code changes, and a list in a Set', () => {
  const project = (middleware: string) => writeProject({ 'middleware/gate.js': middleware, 'routes/catalog.js': routes, 'app.js': app }, { name: 'store' });

  it('a list that is changed in place is not read: the middleware counts as checking every path, as before lists were read', async () => {
    for (const change of [
      'OPEN.push(process.env.EXTRA_OPEN);',
      'OPEN.length = 0;',
      'OPEN[0] = process.env.FIRST_OPEN;',
      'function addOpen(list) { list.unshift("/v1"); }\naddOpen(OPEN);',
    ]) {
      const dir = project(gate(`const OPEN = ['/v1/shop', '/v1/staff/'];\n${change}`));
      // Unchanged, `/v1/shopping-lists` (lines 5, 6) and the listed `DELETE /v1/staff/:id` (7) are reported.
      expect(summary(await lintProjectFile(dir, 'routes/catalog.js', recommended)), change).toEqual([]);
    }
  });

  it('a list only handed to a function that reads it, or spread into another, is still read', async () => {
    const dir = project(gate(`const OPEN = ['/v1/shop', '/v1/staff/'];
function describeOpen(list) { return list.map((entry) => entry.toUpperCase()).join(','); }
console.log(describeOpen(OPEN), [...OPEN, '/v1/extra'].length);`));
    expect(summary(await lintProjectFile(dir, 'routes/catalog.js', recommended))).toEqual([
      '5 api-security/no-unauthenticated-route',
      '6 api-security/no-unauthenticated-route',
      '7 api-security/no-unauthenticated-route',
    ]);
  });

  it('reads `PUBLIC.has(req.path)` of a `new Set([...])` as an exact match, per route', async () => {
    const exact = (list: string) => writeProject({
      'middleware/exact.js': gate(list, 'OPEN.has(req.path)'),
      'routes/health.js': healthRoutes,
    }, { name: 'store' });
    // `/v1/health` is public by the list; `/v1/healthcheck/reset` is not in it (authenticated); the
    // listed administration path is an opt-out on a privileged path.
    const messages = await lintProjectFile(exact(`const OPEN = new Set(['/v1/health', '/v1/admin/purge']);`), 'routes/health.js', strict);
    expect(summary(messages)).toEqual(['6 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('opts out of authentication with the public paths of `exact`');
    // A Set the code adds to is no list: the middleware checks every path, as before.
    expect(summary(await lintProjectFile(exact(`const OPEN = new Set(['/v1/health', '/v1/admin/purge']);\nOPEN.add(process.env.OPEN_PATH);`), 'routes/health.js', strict))).toEqual([]);
  });
});
