import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A handler defined in another file of the project is the route's handler wherever it is named:
 * a Cloud Functions registration of an imported function (`functions.http('x', handlers.render)`,
 * `require('./handlers').render`) is a route, and its handler's own authentication, judged in its
 * file, counts, for these routes as for an Express route of an imported controller. An app
 * exported by another file (`onRequest(app)`) is still no route of its own.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.message.split(' is ')[0] ?? ''}`);
}

const store = 'exports.drop = async (id) => id;\n';

const handlers = `const jwt = require('jsonwebtoken');
const store = require('../store');
exports.rebuild = async (req, res) => { await store.drop(req.body.id); res.send('done'); };
exports.rebuildV1 = async (req, res) => { await store.drop(req.query.id); res.send('done'); };
exports.guarded = async (req, res) => {
  const bearer = req.get('authorization');
  if (!bearer) return res.status(401).end();
  const claims = jwt.verify(bearer.replace('Bearer ', ''), process.env.SIGNING_KEY);
  await store.drop(req.body.id, claims.sub);
  res.send('done');
};
exports.presenceOnly = async (req, res) => {
  if (!req.get('authorization')) return res.status(401).end();
  await store.drop(req.body.id);
  res.send('done');
};
`;

describe('no-unauthenticated-route: Cloud Functions handlers of another file', () => {
  const index = `const functions = require('@google-cloud/functions-framework');
const jobs = require('./handlers/jobs');
const { rebuild } = require('./handlers/jobs');
functions.http('rebuildIndex', jobs.rebuild);
functions.http('rebuildIndexV1', require('./handlers/jobs').rebuildV1);
functions.http('rebuildNamed', rebuild);
functions.http('rebuildGuarded', jobs.guarded);
functions.http('rebuildPresence', jobs.presenceOnly);
`;

  it('reports an imported handler that checks nobody (member, inline require, destructured), judges the one that verifies a token in its file', async () => {
    const dir = writeProject({ 'index.js': index, 'handlers/jobs.js': handlers, 'store.js': store }, { name: 'fns', dependencies: { '@google-cloud/functions-framework': '^3.0.0' } });
    expect(await lint(dir, 'index.js')).toEqual([
      '4 ALL /rebuildIndex (cloud-functions)',
      '5 ALL /rebuildIndexV1 (cloud-functions)',
      '6 ALL /rebuildNamed (cloud-functions)',
      '8 ALL /rebuildPresence (cloud-functions) accepts any credential: the handler (handlers/jobs.js:13) only checks that `req.get`',
    ]);
  });

  it('takes no Express app of another file for a handler', async () => {
    const app = `const express = require('express');
const app = express();
app.get('/health', (req, res) => res.send('ok'));
module.exports = app;
`;
    const code = `const functions = require('@google-cloud/functions-framework');
const app = require('./app');
functions.http('api', app);
`;
    const dir = writeProject({ 'index.js': code, 'app.js': app }, { name: 'fns', dependencies: { '@google-cloud/functions-framework': '^3.0.0', express: '^4.0.0' } });
    expect(await lint(dir, 'index.js')).toEqual([]);
  });
});

describe('no-unauthenticated-route: an Express controller of another file judged by its body', () => {
  it('does not report a route whose imported handler verifies the token; reports one whose handler does not', async () => {
    const routes = `const express = require('express');
const jobs = require('./handlers/jobs');
const router = express.Router();
router.post('/jobs/rebuild', jobs.guarded);
router.post('/jobs/rebuild-open', jobs.rebuild);
module.exports = router;
`;
    const app = `const express = require('express');
const app = express();
app.use('/api', require('./routes'));
app.listen(3000);
`;
    const dir = writeProject({ 'routes.js': routes, 'app.js': app, 'handlers/jobs.js': handlers, 'store.js': store }, { name: 'api', dependencies: { express: '^4.0.0' } });
    expect(await lint(dir, 'routes.js')).toEqual(['5 POST /api/jobs/rebuild-open (express)']);
  });
});
