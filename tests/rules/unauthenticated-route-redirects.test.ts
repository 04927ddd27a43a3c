import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

/*
 * A handler that only redirects (reads the request, a fixed table or a URL, and sends the client
 * elsewhere) has nothing for authentication to protect: where it sends the client is
 * no-open-redirect's question. A redirect after a store, a session write, a cache lookup or a
 * helper of unknown effect is a handler like any other and stays reported.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import { db, cache, audit } from './store.js';
const app = express();
`;

ruleTester.run('no-unauthenticated-route', rule, {
  valid: [
    {
      name: 'a legacy path sent to its new place',
      code: `${head}app.get('/docs/:page', (req, res) => res.redirect(301, \`https://docs.example.com/\${encodeURIComponent(req.params.page)}\`));`,
    },
    {
      name: 'a short link looked up in a fixed table',
      code: `${head}const LINKS = new Map([['pricing', '/plans'], ['help', 'https://help.example.com']]);
app.get('/go/:slug', (req, res) => {
  const target = LINKS.get(req.params.slug);
  if (!target) return res.status(404).send('unknown link');
  res.redirect(target);
});`,
    },
    {
      name: 'a continue parameter checked and followed',
      code: `${head}app.post('/continue', (req, res) => {
  const next = String(req.query.next ?? '/');
  res.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');
});`,
    },
    {
      name: 'Koa: a redirect built from the parsed URL',
      code: `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/out', (ctx) => {
  const url = new URL(ctx.href);
  ctx.status = 302;
  ctx.redirect(url.searchParams.get('to') ?? '/');
});
app.use(router.routes());`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'a redirect after a write to the store',
      code: `${head}app.get('/unsubscribe', async (req, res) => {
  await db.subscriptions.delete(req.query.email);
  res.redirect('/bye');
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a redirect to a target read from a cache client',
      code: `${head}app.get('/r/:id', async (req, res) => res.redirect(await cache.get(req.params.id)));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a redirect after a session write',
      code: `${head}app.get('/impersonate', (req, res) => {
  req.session.userId = req.query.user;
  res.redirect('/');
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a redirect after a helper of unknown effect',
      code: `${head}app.get('/track', (req, res) => {
  audit(req.query.campaign);
  res.redirect('/');
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
  ]),
});
