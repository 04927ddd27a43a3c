import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

// express-unless and koa-unless (`jwt(...).unless({ path, method })`) skip the middleware for the
// paths they list: the project's explicit opt-out, reported (privilegedOptOut) only on a privileged
// route; an entry that matches only part of a segment exempts more than it names (publicByPrefix). A regular
// expression entry is matched against the route's path; a `{ url, methods }` entry narrows its own
// exclusion to those methods, and a top-level `method` list exempts its methods on every path.
const ruleTester = new RuleTester();
const express = `import express from 'express';
import { expressjwt } from 'express-jwt';
const app = express();
`;

ruleTester.run('no-unauthenticated-route (unless paths)', rule, {
  valid: [
    {
      // The project's opt-out: listed paths of an `unless` are judged like `publicRoutes`.
      name: 'a path listed for every method by a { url, methods } entry is opted out (not privileged)',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [{ url: '/exports', methods: ['POST'] }] }));
app.post('/exports', (req, res) => res.status(202).end());`,
    },
    {
      name: 'a top-level method list opts a POST on a listed path out too (not privileged)',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/items'], method: ['GET'] }));
app.post('/items', (req, res) => res.status(201).json(req.body));`,
    },
    {
      name: 'an unanchored pattern whose match is whole segments names what it exempts',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [/\\/public\\//] }));
app.get('/api/public/prices', (req, res) => res.json([]));`,
    },
    {
      name: 'a listed path that another app-wide middleware authenticates stays authenticated',
      code: `${express}
function checkSession(req, res, next) {
  if (!req.session || !req.session.userId) return res.status(401).end();
  next();
}
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/admin/reports'] }));
app.use(checkSession);
app.delete('/admin/reports', (req, res) => res.status(204).end());`,
    },
    {
      name: 'a route outside the excluded paths is behind the token check',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/auth/login', /^\\/media\\/shared/] }));
app.delete('/media/:id', (req, res) => res.status(204).end());`,
    },
    {
      name: 'a { url, methods } entry for GET only leaves a POST on the same path checked',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [{ url: '/items', methods: ['GET'] }] }));
app.post('/items', (req, res) => res.status(201).json(req.body));`,
    },
    {
      name: 'a method list exempts only its methods: a POST elsewhere stays checked',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/items'], method: ['GET'] }));
app.post('/orders', (req, res) => res.status(201).json(req.body));`,
    },
    {
      name: 'the suggestion applied: the route checks the token itself',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/auth/login', /^\\/media\\/shared/] }));
app.delete('/media/shared/:id', expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }), (req, res) => res.status(204).end());`,
    },
  ],
  invalid: [
    {
      // Listed (a regular expression whose match is whole segments): an opt-out, but of a
      // destructive write to a record, which is privileged.
      name: 'a destructive write under an excluded prefix is a privileged opt-out',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/auth/login', /^\\/media\\/shared/] }));
app.delete('/media/shared/:id', (req, res) => res.status(204).end());`,
      errors: [{ messageId: 'privilegedOptOut', line: 5 }],
    },
    {
      name: 'an administration path excluded for every method by a { url, methods } entry',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [{ url: '/admin/exports', methods: ['POST'] }] }));
app.post('/admin/exports', (req, res) => res.status(202).end());`,
      errors: [{ messageId: 'privilegedOptOut', line: 5 }],
    },
    {
      // express-unless: a listed path is skipped whatever the method; `method` skips its methods on any path.
      name: 'a top-level method list opts every path out for its methods: a DELETE of a record is privileged',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/items'], method: ['GET', 'DELETE'] }));
app.delete('/items/:id', (req, res) => res.status(204).end());`,
      errors: [{ messageId: 'privilegedOptOut', line: 5 }],
    },
    {
      // `/^\/media/` names `/media`, and exempts `/mediakit/...` by its first letters: reported
      // whatever the route does (a plain read here), with the entry and the fix.
      name: 'a prefix pattern that ends inside a segment exempts more than it names',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [/^\\/media/] }));
app.get('/mediakit/drafts', (req, res) => res.json([]));`,
      errors: [{ messageId: 'publicByPrefix', line: 5 }],
    },
    {
      name: 'an unanchored pattern that matches inside a segment exempts more than it names',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [/login/] }));
app.post('/accounts/relogin-as', (req, res) => res.json({ ok: true }));`,
      errors: [{ messageId: 'publicByPrefix', line: 5 }],
    },
  ],
});
