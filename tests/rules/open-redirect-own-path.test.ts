import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-open-redirect.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * The request's own path sent back with a `/` added (`res.redirect(req.originalUrl + '/')`), in a
 * handler registered on a literal route path. The router only runs such a handler for that path:
 * measured with express 5.3 and @koa/router 15.7, `app.get('/docs')` answers `/docs` and `/docs/`
 * but not `//docs` or `//evil.com/docs`, a route with a parameter first (`/:slug`) does not match
 * `//evil.com` (a parameter is one or more characters other than `/`), and a router mounted at
 * `/admin` gets `/admin//evil.com` only through a pattern (`/:rest*`, `*`), never its `/` route.
 * The path part of `req.originalUrl`, `req.url`, `req.path` (Koa `ctx.path`, `ctx.url`) is then
 * the route's path behind its mount, which cannot start with `//`: the redirect stays on the site.
 * (Express 5's `/` route also matches `//`, whose host part is empty; and a client that sends an
 * absolute-form request line, `GET http://evil.example/docs`, gets that URL back, but a link cannot
 * make a browser send one.)
 *
 * In middleware (`app.use`), a wildcard or pattern route, or a route with a parameter first, the
 * path can be `//evil.example/…`: still reported. A handler whose registration is not in view at all
 * is unknown (open-redirect-unknown-routes.test.ts).
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();
`;
const koa = `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
`;

ruleTester.run('no-open-redirect (the own path of a literal route)', rule, {
  valid: [
    {
      name: 'Express: the original URL with a slash added, on a literal route',
      code: `${express}app.get('/docs', (req, res) => res.redirect(301, req.originalUrl + '/'));`,
    },
    {
      name: 'Express: the URL with a trailing slash put in by replace, on a literal path of a router',
      code: `${express}const router = express.Router();
router.get('/settings/profile', (req, res) => {
  res.redirect(301, req.url.replace(/\\/?$/, '/'));
});
app.use('/account', router);`,
    },
    {
      name: 'Express: a named middleware that adds the slash, used only in front of a literal route',
      code: `${express}function addSlash(req, res, next) {
  const [path, query] = req.originalUrl.split('?');
  if (path.endsWith('/')) return next();
  res.redirect(301, query === undefined ? path + '/' : path + '/?' + query);
}
app.get('/editor', addSlash, (req, res) => res.send('editor'));`,
    },
    {
      name: 'Express: app.route with a literal path',
      code: `${express}app.route('/help').get((req, res) => res.redirect(\`\${req.path}/\`));`,
    },
    {
      // Unknown, reported only with `unknownRoutes: 'report'` (see open-redirect-unknown-routes.test.ts).
      name: 'Express: a handler exported for a registration not in view',
      code: `export function addSlash(req, res) {
  res.redirect(301, req.originalUrl + '/');
}`,
    },
    {
      name: 'Koa: ctx.path with a slash added, on a literal route of @koa/router',
      code: `${koa}router.get('/docs', (ctx) => ctx.redirect(ctx.path + '/'));
app.use(router.routes());`,
    },
  ],
  invalid: [
    {
      name: 'Express: the same in app.use middleware (any path reaches it)',
      code: `${express}app.use((req, res, next) => {
  if (req.path.endsWith('/')) return next();
  res.redirect(301, req.originalUrl + '/');
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'Express: a named middleware also used with app.use',
      code: `${express}function addSlash(req, res, next) {
  if (req.path.endsWith('/')) return next();
  res.redirect(301, req.originalUrl + '/');
}
app.get('/editor', addSlash, (req, res) => res.send('editor'));
app.use(addSlash);`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'Express: a wildcard route',
      code: `${express}app.get('/files/*', (req, res) => res.redirect(req.originalUrl + '/'));`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'Express: a parameter route whose parameter may take the rest of the path',
      code: `${express}app.get('/:rest*', (req, res) => res.redirect(req.originalUrl + '/'));`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      // `/:slug` does not match `//evil.com`, but a parameter first is a pattern: not judged here.
      name: 'Express: a route with a parameter first',
      code: `${express}app.get('/:slug', (req, res) => res.redirect(req.originalUrl + '/'));`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'Express: a regular-expression route',
      code: `${express}app.get(/^\\/docs(\\/.*)?$/, (req, res) => res.redirect(req.originalUrl + '/'));`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'Express: a literal route that redirects to the query parameter',
      code: `${express}app.get('/login', (req, res) => res.redirect(req.query.next));`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'Express: a literal route that puts a body field after its own path',
      code: `${express}app.post('/', (req, res) => res.redirect(req.path + req.body.url));`,
      // The body field, not the own path: \`/\` followed by \`/evil.example\`.
      errors: [{ messageId: 'openRedirect', column: 53 }],
    },
    {
      name: 'Koa: the same in middleware',
      code: `${koa}app.use(async (ctx, next) => {
  if (!ctx.path.endsWith('/')) return ctx.redirect(ctx.path + '/');
  await next();
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
  ],
});

const rules = { 'api-security/no-open-redirect': 'error' } as const;

const slashMiddleware = `module.exports = {
  addSlash: function (req, res, next) {
    const parts = req.originalUrl.split('?');
    if (parts[0].endsWith('/')) return next();
    parts[0] += '/';
    res.redirect(301, parts.join('?'));
  },
  page: function (req, res) {
    res.send('<html></html>');
  },
};
`;

async function redirectFindings(files: Record<string, string>): Promise<number> {
  const dir = writeProject(files, { name: 'app' });
  const messages = await lintProjectFile(dir, 'lib/pages.js', rules);
  return messages.filter((message) => message.ruleId === 'api-security/no-open-redirect').length;
}

describe('no-open-redirect: a middleware of another file registered on literal routes', () => {
  it('is not reported when every registration found is on a literal route', async () => {
    expect(
      await redirectFindings({
        'lib/pages.js': slashMiddleware,
        'lib/editor.js': `const express = require('express');
const pages = require('./pages');
module.exports = function createEditor() {
  const editor = express();
  editor.get('/', pages.addSlash, pages.page);
  editor.get('/settings', pages.addSlash, pages.page);
  return editor;
};
`,
      }),
    ).toBe(0);
  });

  it('is reported when an importer also uses it as app-wide middleware', async () => {
    expect(
      await redirectFindings({
        'lib/pages.js': slashMiddleware,
        'lib/editor.js': `const express = require('express');
const pages = require('./pages');
module.exports = function createEditor() {
  const editor = express();
  editor.get('/', pages.addSlash, pages.page);
  return editor;
};
`,
        'lib/server.js': `const express = require('express');
const { addSlash } = require('./pages');
const app = express();
app.use(addSlash);
module.exports = app;
`,
      }),
    ).toBe(1);
  });

  it('is reported when an importer registers it on a pattern route', async () => {
    expect(
      await redirectFindings({
        'lib/pages.js': slashMiddleware,
        'lib/editor.js': `const express = require('express');
const pages = require('./pages');
const editor = express();
editor.get('/docs/*', pages.addSlash, pages.page);
module.exports = editor;
`,
      }),
    ).toBe(1);
  });

  it('is reported when no registration is found: a middleware (it takes next) is registered with use, which every path reaches', async () => {
    expect(await redirectFindings({ 'lib/pages.js': slashMiddleware })).toBe(1);
    const dir = writeProject({ 'lib/pages.js': slashMiddleware }, { name: 'app' });
    const messages = await lintProjectFile(dir, 'lib/pages.js', { 'api-security/no-open-redirect': ['error', { unknownRoutes: 'report' }] });
    expect(messages.map((message) => message.messageId)).toEqual(['openRedirect']);
  });
});
