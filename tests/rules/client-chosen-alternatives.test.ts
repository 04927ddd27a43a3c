import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A check with a second way through that the client takes at will is no check: `cookie === SECRET
 * || req.query.preview === '1'` lets in whoever adds `?preview=1`. The same holds written inline in
 * a gate (`if (!req.user && !req.query.preview) return 401`) or in a helper the gate asks. Two ways
 * in that both check the caller, a second condition joined by `&&` (both needed), and a way in
 * decided by the server (`|| process.env.AUTH_DISABLED === '1'`, the deployment's) stay authentication.
 */
const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route (a check or a client-chosen way in)', rule, {
  valid: [
    {
      name: 'a helper with two ways in, each a credential compared with a secret',
      code: `
import express from 'express';
const app = express();
function isEditor(req) {
  return req.cookies.editor_token === process.env.EDITOR_TOKEN || req.get('x-ci-key') === process.env.CI_KEY;
}
function editors(req, res, next) {
  if (!isEditor(req)) return res.status(401).end();
  next();
}
app.delete('/drafts/:id', editors, (req, res) => res.status(204).end());
`,
    },
    {
      name: 'a signed-in user or a key compared with the server one, inline',
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.use(passport.session());
function members(req, res, next) {
  if (!req.user && req.get('x-api-key') !== process.env.SERVICE_KEY) return res.status(401).end();
  next();
}
app.delete('/drafts/:id', members, (req, res) => res.status(204).end());
`,
    },
    {
      name: 'the client-sent flag joined by &&: the secret is still needed',
      code: `
import express from 'express';
const app = express();
function isEditor(req) {
  return req.cookies.editor_token === process.env.EDITOR_TOKEN && req.query.mode === 'edit';
}
function editors(req, res, next) {
  if (!isEditor(req)) return res.status(401).end();
  next();
}
app.delete('/drafts/:id', editors, (req, res) => res.status(204).end());
`,
    },
    {
      name: 'a way in decided by the server, not the client',
      code: `
import express from 'express';
const app = express();
function isEditor(req) {
  return req.cookies.editor_token === process.env.EDITOR_TOKEN || process.env.AUTH_DISABLED === '1';
}
function editors(req, res, next) {
  if (!isEditor(req)) return res.status(401).end();
  next();
}
app.delete('/drafts/:id', editors, (req, res) => res.status(204).end());
`,
    },
    {
      name: 'Hono: the same helper without the query parameter',
      code: `
import { Hono } from 'hono';
const app = new Hono();
function isEditor(c) {
  return c.req.header('x-editor-key') === process.env.EDITOR_KEY;
}
app.use('/drafts/*', async (c, next) => {
  if (!isEditor(c)) return c.json({ error: 'sign in' }, 401);
  await next();
});
app.delete('/drafts/:id', (c) => c.body(null, 204));
export default app;
`,
    },
    {
      name: 'a path parameter naming the one public page opens that page only',
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.use(passport.session());
function members(req, res, next) {
  if (!req.user && req.params.slug !== 'welcome') return res.status(401).end();
  next();
}
app.delete('/pages/:slug', members, (req, res) => res.status(204).end());
`,
    },
  ],
  invalid: [
    {
      name: 'a helper: the secret cookie, or a preview flag in the query',
      code: `
import express from 'express';
const app = express();
function isEditor(req) {
  return req.cookies.editor_token === process.env.EDITOR_TOKEN || req.query.preview === '1';
}
function editors(req, res, next) {
  if (!isEditor(req)) return res.status(401).end();
  next();
}
app.delete('/drafts/:id', editors, (req, res) => res.status(204).end());
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 11, data: { method: 'DELETE', path: '/drafts/:id', framework: 'express' } }],
    },
    {
      name: 'a helper: the second way in is a header the client sets',
      code: `
import express from 'express';
const app = express();
const isEditor = (req) => req.headers['x-editor-key'] === process.env.EDITOR_KEY || req.headers['x-preview'] === 'yes';
app.delete('/drafts/:id', (req, res, next) => (isEditor(req) ? next() : res.sendStatus(401)), (req, res) => res.status(204).end());
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'inline: a signed-in user, or a query flag',
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.use(passport.session());
function members(req, res, next) {
  if (!req.user && !req.query.preview) return res.status(401).end();
  next();
}
app.delete('/drafts/:id', members, (req, res) => res.status(204).end());
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
    {
      name: 'inline: a key compared with the secret, or a body flag',
      code: `
import express from 'express';
const app = express();
app.use(express.json());
app.delete('/drafts/:id', (req, res) => {
  if (req.get('x-api-key') !== process.env.SERVICE_KEY && req.body.demo !== true) return res.status(401).end();
  res.status(204).end();
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'Hono: a helper that also accepts a query parameter',
      code: `
import { Hono } from 'hono';
const app = new Hono();
function isEditor(c) {
  return c.req.header('x-editor-key') === process.env.EDITOR_KEY || c.req.query('preview') === '1';
}
app.use('/drafts/*', async (c, next) => {
  if (!isEditor(c)) return c.json({ error: 'sign in' }, 401);
  await next();
});
app.delete('/drafts/:id', (c) => c.body(null, 204));
export default app;
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 11 }],
    },
  ],
});
