import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import redirectRule from '../../src/rules/no-open-redirect.js';
import xssRule from '../../src/rules/no-reflected-xss.js';

/*
 * The body of a GET-only route is no reflected-XSS or open-redirect source because a browser's
 * navigation sends a GET without one, and a PUT-only route's answer is never rendered as a page
 * because no navigation sends a PUT. Code that fills the body from the URL (a link's query string
 * then is the body) or that sets the request's method from the request (a POST form then reaches
 * any route) breaks that; code that only touches the body or the method in other ways does not.
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();
app.use(express.urlencoded({ extended: false }));`;

ruleTester.run('no-open-redirect (request rewrites)', redirectRule, {
  valid: [
    {
      name: 'a middleware gives every request an empty body',
      code: `${express}
app.use((req, res, next) => { req.body = req.body || {}; next(); });
app.get('/after-login', (req, res) => res.redirect(req.body.next));`,
    },
    {
      name: 'a middleware adds server values to the body',
      code: `${express}
app.use((req, res, next) => {
  req.body.account = req.user;
  req.body.receivedAt = Date.now();
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next));`,
    },
    {
      name: 'a middleware normalises the method without choosing it',
      code: `${express}
app.use((req, res, next) => {
  req.method = req.method.toUpperCase();
  if (req.method === 'HEAD') req.method = 'GET';
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next));`,
    },
    {
      name: 'an HTTP client helper sets the method of its own request options',
      code: `${express}
async function callBilling(options, done) {
  options.method = options.body ? 'POST' : 'GET';
  const answer = await fetch('https://billing.internal/api', options);
  done(answer);
}
app.get('/after-login', (req, res) => res.redirect(req.body.next));
export { callBilling };`,
    },
    {
      name: 'Koa: a middleware answers with the query (ctx.body is the response)',
      code: `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
app.use(async (ctx, next) => {
  await next();
  if (ctx.status === 404) ctx.body = { missing: ctx.path, query: ctx.query };
});
router.get('/after-login', (ctx) => ctx.redirect(ctx.request.body.next));
app.use(router.routes());`,
    },
  ],
  invalid: [
    {
      name: 'the query spread into the body',
      code: `${express}
app.use((req, res, next) => {
  req.body = { ...req.query, ...req.body };
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next || '/'));`,
      errors: [{ messageId: 'openRedirect', line: 8, column: 52, endColumn: 72, data: { source: '`req.body.next`', sourceLine: 8, sink: 'res.redirect', sinkLine: 8, via: '' } }],
    },
    {
      name: 'one field copied from the query when the body has none',
      code: `${express}
app.use((req, res, next) => {
  req.body.next ??= req.query.next;
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next));`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'every query key copied in a loop',
      code: `${express}
app.use((req, res, next) => {
  for (const key of Object.keys(req.query)) req.body[key] = req.query[key];
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next));`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'the path parameters and query merged in a constant first',
      code: `${express}
function mergeInputs(req, res, next) {
  const merged = { ...req.params, ...req.query };
  req.body = merged;
  next();
}
app.get('/after-login', mergeInputs, (req, res) => res.redirect(req.body.next));`,
      errors: [{ messageId: 'openRedirect', line: 9 }],
    },
    {
      name: 'the body parsed from the URL text',
      code: `${express}
import qs from 'qs';
app.use((req, res, next) => {
  if (!req.body || Object.keys(req.body).length === 0) req.body = qs.parse(req.originalUrl.split('?')[1] ?? '');
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next));`,
      errors: [{ messageId: 'openRedirect', line: 9 }],
    },
    {
      name: 'Koa: the request body filled from the query',
      code: `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
app.use(async (ctx, next) => {
  ctx.request.body = { ...ctx.query, ...ctx.request.body };
  await next();
});
router.get('/after-login', (ctx) => ctx.redirect(ctx.request.body.next));
app.use(router.routes());`,
      errors: [{ messageId: 'openRedirect', line: 9 }],
    },
    {
      name: 'a hand-written override: the method from a form field',
      code: `${express}
app.use((req, res, next) => {
  if (req.method === 'POST' && req.body._method) req.method = String(req.body._method).toUpperCase();
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next ?? '/'));`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'a hand-written override: the method from a header, through a constant',
      code: `${express}
app.use((req, res, next) => {
  const verb = req.get('x-http-method-override');
  if (verb) req.method = verb;
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next));`,
      errors: [{ messageId: 'openRedirect', line: 9 }],
    },
    {
      name: 'a hand-written override: a fixed method chosen on a query test',
      code: `${express}
app.use((req, res, next) => {
  if (req.query._method === 'get') req.method = 'GET';
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next));`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'a hand-written override through Object.assign',
      code: `${express}
app.use((req, res, next) => {
  Object.assign(req, { method: req.query._method || req.method });
  next();
});
app.get('/after-login', (req, res) => res.redirect(req.body.next));`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
  ],
});

ruleTester.run('no-reflected-xss (request rewrites)', xssRule, {
  valid: [
    {
      name: 'PUT only, with the method only normalised',
      code: `${express}
app.use((req, res, next) => { req.method = req.method.toUpperCase(); next(); });
app.put('/cards/:id', (req, res) => res.send('<h2>' + req.body.title + '</h2>'));`,
    },
  ],
  invalid: [
    {
      name: 'GET: Object.assign copies the query into the body',
      code: `${express}
app.use((req, res, next) => {
  Object.assign(req.body, req.query);
  next();
});
app.get('/cards', (req, res) => res.send('<h2>' + req.body.title + '</h2>'));`,
      errors: [{ messageId: 'reflectedXss', line: 8, column: 51, endColumn: 65 }],
    },
    {
      name: 'PUT only: a hand-written override lets a POST form reach it',
      code: `${express}
app.use((req, res, next) => {
  if (typeof req.body._method === 'string') req.method = req.body._method.toUpperCase();
  next();
});
app.put('/cards/:id', (req, res) => res.send('<h2>' + req.body.title + '</h2>'));`,
      errors: [{ messageId: 'reflectedXss', line: 8 }],
    },
  ],
});

const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-request-rewrites-'));

/** Writes a project of `files` (relative name → text) with an Express package.json; returns its root. */
function project(name: string, files: Record<string, string>): string {
  const root = path.join(temp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name, type: 'module', dependencies: { express: '^4.21.0' } }));
  return root;
}

async function findings(root: string, file: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.js'], plugins: { 'api-security': plugin as never }, rules: { 'api-security/no-open-redirect': 'error' } }],
  });
  const [result] = await eslint.lintFiles([path.join(root, file)]);
  return (result?.messages ?? []).map((message) => `${String(message.line)} ${message.ruleId ?? message.message}`);
}

const routes = `import { Router } from 'express';
const router = Router();
router.get('/after-login', (req, res) => res.redirect(req.body.next || '/'));
export default router;
`;

describe('no-open-redirect: request rewrites in other files of the project', () => {
  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('keeps the body of a GET route a source when a middleware of another file fills it from the query', async () => {
    const root = project('merged-params', {
      'src/routes.js': routes,
      'src/middleware/params.js': `export function oneBagOfParams(req, res, next) {
  req.body = Object.assign({}, req.query, req.body);
  next();
}
`,
      'src/app.js': `import express from 'express';
import { oneBagOfParams } from './middleware/params.js';
import routes from './routes.js';
const app = express();
app.use(oneBagOfParams);
app.use(routes);
`,
    });
    expect(await findings(root, 'src/routes.js')).toEqual(['3 api-security/no-open-redirect']);
  });

  it('keeps it a source when a middleware of another file overrides the method', async () => {
    const root = project('own-override', {
      'src/routes.js': routes,
      'src/middleware/verbs.js': `export default (req, res, next) => {
  if (req.method === 'POST' && req.query.verb) req.method = req.query.verb.toUpperCase();
  next();
};
`,
    });
    expect(await findings(root, 'src/routes.js')).toEqual(['3 api-security/no-open-redirect']);
  });

  it('does not when the other files only default the body and set the method of outgoing calls', async () => {
    const root = project('plain', {
      'src/routes.js': routes,
      'src/middleware/defaults.js': `export default (req, res, next) => {
  req.body = req.body ?? {};
  next();
};
`,
      'src/client.js': `export async function post(url, options = {}) {
  options.method = 'POST';
  options.body = JSON.stringify(options.data);
  return fetch(url, options);
}
`,
    });
    expect(await findings(root, 'src/routes.js')).toEqual([]);
  });
});
