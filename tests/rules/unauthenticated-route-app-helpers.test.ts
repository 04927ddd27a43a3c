import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Express apps and routers created by a helper of the project (`const app = util.createApp(settings)`
 * where the helper, in this file or another, returns the `express()` it creates) are apps: their
 * routes are found and judged, with the middleware the file puts in front of them. A helper that
 * returns anything else creates no app.
 */

const all: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };

async function lines(dir: string, file: string): Promise<number[]> {
  const messages = await lintProjectFile(dir, file, all);
  return messages.map((message) => {
    expect(message.messageId).toBe('unauthenticatedRoute');
    return message.line;
  });
}

describe('an app created by a helper of another file (CommonJS)', () => {
  const dir = writeProject({
    'lib/util.js': `
const express = require('express');
module.exports = {
  createApp: function (settings) {
    const app = express();
    app.set('x-powered-by', Boolean(settings.poweredBy));
    return app;
  },
  createRouter() {
    return express.Router();
  },
  createClient(base) {
    return { base, post(path, body) { return fetch(base + path, { method: 'POST', body: JSON.stringify(body) }); } };
  },
};
`,
    'lib/auth.js': `
exports.requireUser = function (req, res, next) {
  if (!req.user) return res.status(401).end();
  next();
};
`,
    'lib/admin.js': `
const util = require('./util');
const { createRouter } = require('./util');
const { requireUser } = require('./auth');
module.exports = {
  init(settings) {
    const adminApp = util.createApp(settings);
    adminApp.post('/flows', (req, res) => res.json({ saved: req.body.length }));
    const guarded = util.createApp(settings);
    guarded.use(requireUser);
    guarded.post('/nodes', (req, res) => res.json({ installed: req.body.name }));
    const router = createRouter();
    router.delete('/things/:id', (req, res) => res.json({ id: req.params.id }));
    adminApp.use('/api', router);
    const client = util.createClient(settings.base);
    client.post('/jobs', { id: 1 });
    return adminApp;
  },
};
`,
  }, { name: 'app' });

  it('finds the routes of the helper-made app and router, judges their middleware, and claims no client', async () => {
    expect(await lines(dir, 'lib/admin.js')).toEqual([8, 13]);
  });
});

describe('an app created by a helper of the same file (ES modules)', () => {
  const dir = writeProject({
    'src/server.js': `
import express from 'express';
function makeApp() {
  const app = express();
  app.disable('etag');
  return app;
}
function makeThing() {
  return new Map();
}
const app = makeApp();
app.put('/settings', (req, res) => res.json({ ok: true }));
const thing = makeThing();
thing.set('/settings', (req, res) => res.json({ ok: true }));
`,
  });

  it('finds the routes of the app, not of a helper returning something else', async () => {
    expect(await lines(dir, 'src/server.js')).toEqual([12]);
  });
});
