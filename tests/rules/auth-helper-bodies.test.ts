import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

/*
 * A guard or handler that asks a helper whether the caller is signed in (`if (!helper(req)) return
 * 401`) authenticates by what the helper's body does, never by the helper's name: a body that reads
 * the caller's session, verifies a token or compares the credential the request sent with a secret
 * of the server makes the gate authentication, whatever the helper is called; a body whose answer is
 * constant, ignores the request, only asks whether a credential was sent, or lets a query flag in,
 * proves nothing, however well the helper is named. A helper of the project out of view is unknown
 * (reported by `strict`), unless the gate answers 401, which is evidence by itself.
 */

const ruleTester = new RuleTester();

/** An app whose gate rejects on `!<call>`: `helper` is the helper's definition, written in this file. */
const gated = (helper: string, call: string, status = 401): string => `
import express from 'express';
const app = express();
${helper}
function gate(req, res, next) {
  if (!${call}) return res.status(${String(status)}).json({ error: 'no' });
  next();
}
app.get('/invoices', gate, (req, res) => res.send('ok'));
`;

ruleTester.run('helpers a gate asks are judged by their body (one file)', rule, {
  valid: [
    {
      name: 'an oddly named helper that compares the session cookie with the server secret',
      code: gated(`function tally(req) {
  return req.cookies.sid === process.env.SESSION_SECRET;
}`, 'tally(req)'),
      options: [{ reportRoutes: 'all' }],
    },
    {
      name: 'a helper that reads the session the session middleware keeps, asked by a 403 gate',
      code: gated(`const who = (req) => req.session && req.session.accountId;`, 'who(req)', 403),
      options: [{ reportRoutes: 'all' }],
    },
    {
      name: 'a helper that verifies the bearer token with jsonwebtoken and answers null on failure',
      code: `import jwt from 'jsonwebtoken';
${gated(`function decodeCaller(req) {
  try {
    return jwt.verify((req.headers.authorization || '').slice(7), process.env.JWT_KEY);
  } catch {
    return null;
  }
}`, 'decodeCaller(req)')}`,
      options: [{ reportRoutes: 'all' }],
    },
    {
      name: 'true answered only once the sent key matched the configured one',
      code: gated(`function knownKey(req) {
  const sent = req.get('x-api-key');
  if (sent !== process.env.SERVICE_KEY) return false;
  return true;
}`, 'knownKey(req)'),
      options: [{ reportRoutes: 'all' }],
    },
    {
      name: 'a helper whose verdict comes from another helper that checks the cookie',
      code: gated(`function sameCookie(req) { return req.cookies.pass === process.env.PASS_DIGEST; }
function allowed(req) { const ok = sameCookie(req); return ok; }`, 'allowed(req)'),
      options: [{ reportRoutes: 'all' }],
    },
    {
      name: 'compiled async: the helper returns what its generator yields from a lookup of the sent session id',
      code: gated(`const live = (req) => __awaiter(void 0, void 0, void 0, function* () {
  return yield sessions.find(req.cookies.sid);
});`, 'live(req)'),
      options: [{ reportRoutes: 'all' }],
    },
    {
      name: 'a handler asking a helper with a user it returns from the session',
      code: `
import express from 'express';
const app = express();
async function loadMember(req) { return db.members.findById(req.session.memberId); }
app.get('/invoices', async (req, res) => {
  const member = await loadMember(req);
  if (!member) return res.sendStatus(401);
  res.json(await db.invoices.forMember(member.id));
});
`,
      options: [{ reportRoutes: 'all' }],
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'isAuthenticated whose answer is always true, a query flag aside',
      code: gated(`function isAuthenticated(req) {
  return req.query.debug !== undefined || true;
}`, 'isAuthenticated(req)'),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
    {
      name: 'the same, asked by a 403 gate',
      code: gated(`function isAuthenticated(req) {
  return req.query.debug !== undefined || true;
}`, 'isAuthenticated(req)', 403),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
    {
      name: 'requireUser that returns true',
      code: gated(`const requireUser = (req) => true;`, 'requireUser(req)'),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
    {
      name: 'getUser that only asks whether an Authorization header was sent',
      code: gated(`function getUser(req) { return Boolean(req.headers.authorization); }`, 'getUser(req)'),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
    {
      name: 'isSignedIn that checks the cookie but lets in anybody with ?preview',
      code: gated(`function isSignedIn(req) {
  if (req.query.preview) return true;
  return req.cookies.sid === process.env.SESSION_SECRET;
}`, 'isSignedIn(req)'),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
    {
      name: 'verifySession that compares the sent token with another value the client sends',
      code: gated(`function verifySession(req) { return req.headers.authorization === req.query.expected; }`, 'verifySession(req)'),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
    {
      name: 'hasSession that only asks whether a cookie named session was sent',
      code: gated(`const hasSession = (req) => !!req.cookies.session;`, 'hasSession(req)'),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
    {
      name: 'isLoggedIn that reads the environment, not the request',
      code: gated(`function isLoggedIn(req) { return process.env.OPEN_MODE !== '1'; }`, 'isLoggedIn(req)'),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
    {
      name: 'a handler trusting currentUser, which answers a fixed guest',
      code: `
import express from 'express';
const app = express();
function currentUser(req) { return { id: 'guest', name: req.query.name }; }
app.get('/invoices', (req, res) => {
  const user = currentUser(req);
  if (!user) return res.sendStatus(401);
  res.json(db.invoices.forMember(user.id));
});
`,
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
    {
      name: 'compiled async isAuthenticated whose generator answers true',
      code: gated(`const isAuthenticated = (req) => __awaiter(void 0, void 0, void 0, function* () {
  return true;
});`, 'isAuthenticated(req)'),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
  ]),
});

const rules = (unknownAuth: 'report' | 'ignore' = 'report') => ({ 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all', unknownAuth }] }) as const;

async function lint(files: Record<string, string>, file: string, manifest?: Record<string, unknown>): Promise<string[]> {
  const dir = writeProject(files, manifest);
  return (await lintProjectFile(dir, file, rules() as never)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

const routes = (name: string, from: string, status = 401): string => `import express from 'express';
import { ${name} } from '${from}';
const app = express();
app.get('/invoices', (req, res, next) => {
  if (!${name}(req)) return res.status(${String(status)}).end();
  next();
}, (req, res) => res.send('ok'));
`;

describe('helpers of another file are judged by their body', () => {
  it('an oddly named helper that compares the sent key with the server secret authenticates', async () => {
    const files = { 'app.js': routes('tally', './lib/keys.js'), 'lib/keys.js': "export function tally(req) {\n  return req.headers['x-api-key'] === process.env.API_KEY;\n}\n" };
    expect(await lint(files, 'app.js')).toEqual([]);
  });

  it('isAuthenticated of another file that answers true stays reported, with 401 and with 403', async () => {
    const helper = 'export function isAuthenticated(req) {\n  return true;\n}\n';
    expect(await lint({ 'app.js': routes('isAuthenticated', './lib/session.js'), 'lib/session.js': helper }, 'app.js')).toEqual(['4 unauthenticatedRoute']);
    expect(await lint({ 'app.js': routes('isAuthenticated', './lib/session.js', 403), 'lib/session.js': helper }, 'app.js')).toEqual(['4 unauthenticatedRoute']);
  });

  it('a helper of the project out of view is unknown whatever its name, unless the gate answers 401', async () => {
    const handler = (name: string, status: number): string => `import express from 'express';
import { ${name} } from './lib/missing.js';
const app = express();
app.get('/invoices', async (req, res) => {
  const caller = await ${name}(req);
  if (!caller) return res.sendStatus(${String(status)});
  res.json(await store.invoices(caller.id));
});
`;
    // Before, \`getUser\` was taken for authentication by its name alone.
    expect(await lint({ 'app.js': handler('getUser', 403) }, 'app.js')).toEqual(['4 unknownAuth']);
    expect(await lint({ 'app.js': handler('lookUpCaller', 403) }, 'app.js')).toEqual(['4 unknownAuth']);
    expect(await lint({ 'app.js': handler('getUser', 401) }, 'app.js')).toEqual([]);
    expect(await lint({ 'app.js': routes('isAuthenticated', './lib/missing.js') }, 'app.js')).toEqual([]);
    // A record looked up by a path parameter and refused when missing is no question about the caller.
    const lookup = `import express from 'express';
import { findReport } from './lib/missing.js';
const app = express();
app.get('/reports/:id', async (req, res) => {
  const report = await findReport(req.params.id);
  if (!report) return res.sendStatus(403);
  res.json(report);
});
`;
    expect(await lint({ 'app.js': lookup }, 'app.js')).toEqual(['4 unauthenticatedRoute']);
  });

  it('compiled CommonJS: a guard of another file awaiting its own exported helper through yield', async () => {
    const http = (body: string): string => `"use strict";
var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) { return new Promise((resolve) => resolve(generator.next())); };
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkCaller = exports.needCaller = void 0;
const needCaller = (req, _, next) => __awaiter(void 0, void 0, void 0, function* () {
    const passed = yield (0, exports.checkCaller)(req);
    if (!passed) {
        throw new errors_1.HttpError("Unauthorized", errors_1.Code.Unauthorized);
    }
    next();
});
exports.needCaller = needCaller;
const checkCaller = (req) => __awaiter(void 0, void 0, void 0, function* () {
    ${body}
});
exports.checkCaller = checkCaller;
const errors_1 = require("./errors");
`;
    const app = `"use strict";
const express = require("express");
const http_1 = require("../http");
const app = express();
app.get("/invoices", http_1.needCaller, (req, res) => res.json(store.invoices(req.query.page)));
app.listen(8080);
`;
    const manifest = { name: 'compiled-app' };
    const verifying = 'return yield (0, hashes_1.matches)({ sent: req.cookies[req.cookieName], stored: req.settings.digest });';
    expect(await lint({ 'routes/app.js': app, 'http.js': http(verifying) }, 'routes/app.js', manifest)).toEqual([]);
    expect(await lint({ 'routes/app.js': app, 'http.js': http('return true;') }, 'routes/app.js', manifest)).toEqual(['5 unauthenticatedRoute']);
  });
});
