import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

// The name given to `res.render` (Express) or `ctx.render` (koa-views) is a path under the views
// directory: `../` leaves it. Locals from the request are the template's data, not a path.
const ruleTester = new RuleTester();
const express = `import express from 'express';
const app = express();
`;

ruleTester.run('no-path-traversal (view names)', rule, {
  valid: [
    { name: 'a fixed view with request data as locals', code: `${express}
app.get('/search', (req, res) => res.render('search', { q: req.query.q }));` },
    { name: 'a view picked from a fixed list', code: `${express}
const PAGES = ['about', 'pricing', 'contact'];
app.get('/p/:page', (req, res) => {
  if (!PAGES.includes(req.params.page)) return res.sendStatus(404);
  res.render(req.params.page);
});` },
    { name: 'a view looked up in a table', code: `${express}
const VIEWS = { a: 'pages/about', p: 'pages/pricing' };
app.get('/v', (req, res) => res.render(VIEWS[req.query.v] ?? 'pages/home'));` },
  ],
  invalid: [
    {
      name: 'Express: a view named by the path',
      code: `${express}
app.get('/docs/:page', (req, res) => res.render('docs/' + req.params.page));`,
      errors: [{ messageId: 'pathTraversal', line: 4 }],
    },
    {
      name: 'Koa with koa-views: a view named by the query',
      code: `import Koa from 'koa';
import views from 'koa-views';
const app = new Koa();
app.use(views(__dirname + '/views', { extension: 'ejs' }));
app.use(async (ctx) => { await ctx.render(ctx.query.template); });`,
      errors: [{ messageId: 'pathTraversal', line: 5 }],
    },
  ],
});
