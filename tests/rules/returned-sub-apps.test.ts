import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * no-unauthenticated-route for an Express app or router that a function creates and returns: it is
 * a sub-app, judged where the function's result is mounted (`parent.use('/keys', auth,
 * keys.app())`), in the same file or another, also through a function that returns that result in
 * turn (`keys: () => keysModule.app()`). Safe look-alikes stay reported: a mount behind middleware
 * that does not authenticate (cors, a header setter, a logger, a permission factory whose function
 * never rejects), a mount with nothing in front, an app the function's caller serves directly
 * (`listen`), and the same shapes within one file.
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const strict: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report' }],
};

async function findings(dir: string, file: string, rules = recommended): Promise<{ line: number; messageId: string | undefined; message: string }[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => ({ line: message.line, messageId: message.messageId, message: message.message }));
}

/** A module whose `app()` builds a sub-app with one destructive route (line 8). */
const subAppModule = (resource: string): string => `
const express = require('express');
const store = require('./store');
let options = {};
module.exports = {
  configure(value) { options = value; },
  app: function () {
    const sub = express();
    sub.delete('/:id', (req, res) => {
      store.remove('${resource}', req.params.id).then(() => res.status(204).end());
    });
    return sub;
  },
};
`;

/** A router factory, ESM-style in CommonJS: the route is on line 5. */
const routerFactory = (name: string, resource: string): string => `
const { Router } = require('express');
const store = require('./store');
exports.${name} = function () {
  const router = Router();
  router.post('/:id/revoke', (req, res) => store.update('${resource}', req.params.id, { revoked: true }).then(() => res.json({ ok: true })));
  return router;
};
`;

const project = {
  'lib/store.js': `
const db = require('./db');
exports.remove = (table, id) => db.query('DELETE FROM ' + table + ' WHERE id = $1', [id]);
exports.update = (table, id, values) => db.query('UPDATE ' + table + ' SET data = $2 WHERE id = $1', [id, values]);
`,
  'lib/db.js': "const { Pool } = require('pg');\nmodule.exports = new Pool();\n",
  'lib/guards.js': `
const jwt = require('jsonwebtoken');

function claimsOf(req) {
  const header = req.headers.authorization || '';
  if (!header.startsWith('Bearer ')) return null;
  try {
    return jwt.verify(header.slice(7), process.env.TOKEN_SECRET);
  } catch (error) {
    return null;
  }
}

/** A permission factory: the function it returns answers 401 without a token, 403 without the scope. */
function needsPermission(permission) {
  return function (req, res, next) {
    const claims = claimsOf(req);
    if (!claims) return res.status(401).json({ error: 'unauthorized' });
    if (!claims.scopes.includes(permission)) return res.status(403).json({ error: 'forbidden' });
    req.user = claims;
    next();
  };
}

/** A plain auth middleware. */
function authenticate(req, res, next) {
  const claims = claimsOf(req);
  if (!claims) return res.status(401).json({ error: 'unauthorized' });
  req.user = claims;
  next();
}

/** Looks like a permission factory, but only records the permission: nothing is rejected. */
function tagPermission(permission) {
  return function (req, res, next) {
    req.permission = permission;
    next();
  };
}

function noStore(req, res, next) {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

function logRequest(req, res, next) {
  console.log(req.method, req.url);
  next();
}

module.exports = { needsPermission, authenticate, tagPermission, noStore, logRequest };
`,
  // The shape of the brief: a module's `app()` returns the sub-app, another module's function returns
  // that result, and a third mounts it behind a permission middleware: two calls away.
  'lib/editor/keys.js': subAppModule('keys'),
  'lib/editor/settings.js': `
const keys = require('./keys');
module.exports = {
  init(options) { keys.configure(options); },
  keys: function () {
    return keys.app();
  },
};
`,
  'lib/editor/tokens.js': routerFactory('tokensRouter', 'tokens'),
  'lib/editor/hooks.js': subAppModule('hooks'),
  'lib/editor/files.js': subAppModule('files'),
  'lib/editor/notes.js': subAppModule('notes'),
  'lib/editor/tags.js': subAppModule('tags'),
  'lib/editor/audit.js': subAppModule('audit'),
  'lib/editor/flows.js': subAppModule('flows'),
  'lib/editor/jobs.js': subAppModule('jobs'),
  'lib/editor/orphan.js': subAppModule('orphans'),
  'lib/editor/late.js': subAppModule('late'),
  'lib/editor/exported.js': subAppModule('exported'),
  // The app is handed to a helper of the project in the function that creates it: still a sub-app.
  'lib/editor/configured.js': `
const express = require('express');
const store = require('./store');
const { applyDefaults } = require('../defaults');
exports.app = function () {
  const sub = express();
  applyDefaults(sub);
  sub.delete('/:id', (req, res) => store.remove('configured', req.params.id).then(() => res.status(204).end()));
  return sub;
};
`,
  'lib/defaults.js': "exports.applyDefaults = (app) => { app.disable('x-powered-by'); };\n",
  'lib/editor/loose.js': routerFactory('looseRouter', 'loose'),
  'lib/editor/index.js': `
const express = require('express');
const cors = require('cors');
const { needsPermission, authenticate, tagPermission, noStore, logRequest } = require('../guards');
const settings = require('./settings');
const tokens = require('./tokens');
const hooks = require('./hooks');
const files = require('./files');
const notes = require('./notes');
const tags = require('./tags');
const audit = require('./audit');
const flows = require('./flows');
const jobs = require('./jobs');
const late = require('./late');
const exported = require('./exported');
const configured = require('./configured');

const editor = express();
editor.use('/settings/user/keys', needsPermission('settings.write'), settings.keys());
editor.use('/tokens', authenticate, tokens.tokensRouter());
const hooksApp = hooks.app();
editor.use('/hooks', authenticate, hooksApp);
editor.use('/files', cors(), files.app());
editor.use('/notes', noStore, notes.app());
editor.use('/tags', tags.app());
editor.use('/audit', logRequest, audit.app());
editor.use('/flows', tagPermission('flows.write'), flows.app());
editor.use('/jobs', authenticate, jobs.app());
editor.use('/late', late.app(), authenticate);
editor.use('/exported', authenticate, exported.app());
editor.use('/configured', authenticate, configured.app());
module.exports = editor;
`,
  // The same sub-app served directly: a top-level app, whatever the mount above says.
  'lib/worker.js': `
const jobs = require('./editor/jobs');
const server = jobs.app();
server.listen(4000);
`,
  // A test serves the sub-app for itself: not how the application runs it.
  'test/configured.test.js': `
const request = require('supertest');
const configured = require('../lib/editor/configured');
request(configured.app()).delete('/1').expect(204);
`,
  // Handed to a serverless wrapper: served out of view, with nothing in front.
  'lib/lambda.js': `
const serverless = require('serverless-http');
const exported = require('./editor/exported');
module.exports.handler = serverless(exported.app());
`,
};

describe('Express sub-apps returned by a function, mounted in another file', () => {
  const dir = writeProject(project, { name: 'app' });

  it('is judged at the mount two calls away: behind a permission factory that answers 401/403, not reported', async () => {
    expect(await findings(dir, 'lib/editor/keys.js')).toEqual([]);
    // Found, so strict has nothing unresolved to report either.
    expect(await findings(dir, 'lib/editor/keys.js', strict)).toEqual([]);
  });

  it('a returned router behind a plain auth middleware, and a result held in a variable first, are not reported', async () => {
    expect(await findings(dir, 'lib/editor/tokens.js')).toEqual([]);
    expect(await findings(dir, 'lib/editor/tokens.js', strict)).toEqual([]);
    expect(await findings(dir, 'lib/editor/hooks.js')).toEqual([]);
  });

  it.each([
    ['cors only', 'files', 23],
    ['a header setter', 'notes', 24],
    ['nothing in front', 'tags', 25],
    ['a logger that never rejects', 'audit', 26],
    ['a permission factory whose function never rejects', 'flows', 27],
    ['an auth middleware listed after it (which runs after it)', 'late', 29],
  ])('mounted behind %s: reported, naming the mount and the full path', async (_, name, line) => {
    const [finding, ...rest] = await findings(dir, `lib/editor/${name}.js`);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 9, messageId: 'unauthenticatedMountedRoute' });
    expect(finding?.message).toContain(`DELETE /${name}/:id (express)`);
    expect(finding?.message).toContain(`at its mount (lib/editor/index.js:${String(line)})`);
  });

  it('served directly by another caller (listen): a top-level app, reported although a mount behind auth exists', async () => {
    expect(await findings(dir, 'lib/editor/jobs.js')).toEqual([
      { line: 9, messageId: 'unauthenticatedRoute', message: expect.stringContaining('DELETE /:id (express) is reachable without authentication') as string },
    ]);
  });

  it('handed to a serverless wrapper by another caller: a top-level app, reported although a mount behind auth exists', async () => {
    expect(await findings(dir, 'lib/editor/exported.js')).toEqual([
      { line: 9, messageId: 'unauthenticatedRoute', message: expect.stringContaining('DELETE /:id (express)') as string },
    ]);
  });

  it('an app handed to a helper by the function that creates it, or served by a test, is still judged at its mount', async () => {
    expect(await findings(dir, 'lib/editor/configured.js')).toEqual([]);
  });

  it('an app whose function is called nowhere stays a top-level app: reported as before', async () => {
    expect(await findings(dir, 'lib/editor/orphan.js')).toEqual([
      { line: 9, messageId: 'unauthenticatedRoute', message: expect.stringContaining('DELETE /:id (express)') as string },
    ]);
  });

  it('a router whose function is called nowhere stays unknown: strict reports it, recommended does not', async () => {
    expect(await findings(dir, 'lib/editor/loose.js')).toEqual([]);
    expect(await findings(dir, 'lib/editor/loose.js', strict)).toEqual([
      { line: 6, messageId: 'unresolvedMountRoute', message: expect.stringContaining('POST /:id/revoke (express)') as string },
    ]);
  });
});

describe('Express sub-apps returned by a function of the same file', () => {
  const dir = writeProject({
    'guards.js': project['lib/guards.js'],
    'store.js': project['lib/store.js'],
    'db.js': project['lib/db.js'],
    'server.js': `
const express = require('express');
const { authenticate, noStore } = require('./guards');
const store = require('./store');

function makeAdmin() {
  const admin = express.Router();
  admin.delete('/users/:id', (req, res) => store.remove('users', req.params.id).then(() => res.status(204).end()));
  return admin;
}

function makeReports() {
  const reports = express();
  reports.delete('/:id', (req, res) => store.remove('reports', req.params.id).then(() => res.status(204).end()));
  return reports;
}

function makeStandalone() {
  const standalone = express();
  standalone.delete('/:id', (req, res) => store.remove('drafts', req.params.id).then(() => res.status(204).end()));
  return standalone;
}

const app = express();
app.use('/admin', authenticate, makeAdmin());
const reports = makeReports();
app.use('/reports', noStore, reports);
makeStandalone().listen(5000);
app.listen(3000);
`,
  }, { name: 'app' });

  it('mounted behind auth in the same file: not reported; behind a header setter or served directly: reported', async () => {
    expect(await findings(dir, 'server.js')).toEqual([
      { line: 14, messageId: 'unauthenticatedRoute', message: expect.stringContaining('DELETE /reports/:id (express)') as string },
      { line: 20, messageId: 'unauthenticatedRoute', message: expect.stringContaining('DELETE /:id (express)') as string },
    ]);
  });
});

describe('Express sub-apps in ESM, a factory imported by name and mounted through http.createServer', () => {
  const dir = writeProject({
    'src/guards.js': `
import jwt from 'jsonwebtoken';
export function requireUser(req, res, next) {
  try {
    req.user = jwt.verify(String(req.headers.authorization).replace('Bearer ', ''), process.env.TOKEN_SECRET);
  } catch {
    return res.status(401).end();
  }
  next();
}
`,
    'src/store.js': "import pg from 'pg';\nconst pool = new pg.Pool();\nexport const removeAccount = (id) => pool.query('DELETE FROM accounts WHERE id = $1', [id]);\n",
    'src/accounts.js': `
import express from 'express';
import { removeAccount } from './store.js';
export function createAccountsApp() {
  const accounts = express();
  accounts.delete('/:id', async (req, res) => {
    await removeAccount(req.params.id);
    res.status(204).end();
  });
  return accounts;
}
`,
    'src/admin.js': `
import express from 'express';
import { removeAccount } from './store.js';
export const createAdminApp = () => {
  const admin = express();
  admin.delete('/accounts/:id', async (req, res) => {
    await removeAccount(req.params.id);
    res.status(204).end();
  });
  return admin;
};
`,
    'src/main.js': `
import http from 'node:http';
import express from 'express';
import { requireUser } from './guards.js';
import { createAccountsApp } from './accounts.js';
import { createAdminApp } from './admin.js';
const root = express();
root.use('/accounts', requireUser, createAccountsApp());
root.use('/admin', requireUser, createAdminApp());
http.createServer(root).listen(8080);
http.createServer(createAdminApp()).listen(8081);
`,
  });

  it('mounted behind auth, and the root app served: not reported', async () => {
    expect(await findings(dir, 'src/accounts.js')).toEqual([]);
  });

  it('also given to http.createServer on its own: a top-level app, reported', async () => {
    expect(await findings(dir, 'src/admin.js')).toEqual([
      { line: 6, messageId: 'unauthenticatedRoute', message: expect.stringContaining('DELETE /accounts/:id (express)') as string },
    ]);
  });
});
