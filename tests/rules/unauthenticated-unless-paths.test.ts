import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

// express-unless and koa-unless (`jwt(...).unless({ path, method })`) skip the middleware for the
// paths they list: a route on such a path is reached without the token check. A regular
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
      name: 'a route outside the excluded paths is behind the token check',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/auth/login', /^\\/media\\/shared/] }));
app.delete('/media/:id', (req, res) => res.status(204).end());`,
    },
    {
      name: 'a { url, methods } entry for GET only leaves a POST on the same path checked',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [{ url: '/items', methods: ['GET'] }] }));
app.post('/items', (req, res) => res.status(201).json(saveItem(req.body)));`,
    },
    {
      name: 'a method list exempts only its methods: a POST elsewhere stays checked',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/items'], method: ['GET'] }));
app.post('/orders', (req, res) => res.status(201).json(saveItem(req.body)));`,
    },
    {
      name: 'the suggestion applied: the route checks the token itself',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/auth/login', /^\\/media\\/shared/] }));
app.delete('/media/shared/:id', expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }), (req, res) => res.status(204).end());`,
    },
  ],
  invalid: [
    {
      name: 'a route under an excluded prefix',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/auth/login', /^\\/media\\/shared/] }));
app.delete('/media/shared/:id', (req, res) => res.status(204).end());`,
      errors: [{
        messageId: 'unauthenticatedRoute',
        line: 5,
        // The middleware itself, not its `.unless(...)`, which would skip this path again.
        suggestions: [{ messageId: 'addMiddleware', output: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/auth/login', /^\\/media\\/shared/] }));
app.delete('/media/shared/:id', expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }), (req, res) => res.status(204).end());` }],
      }],
    },
    {
      name: 'a path excluded for every method by a { url, methods } entry',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [{ url: '/exports', methods: ['POST'] }] }));
app.post('/exports', (req, res) => res.status(202).json(queueExport(req.body)));`,
      errors: [{
        messageId: 'unauthenticatedRoute',
        line: 5,
        suggestions: [{ messageId: 'addMiddleware', output: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [{ url: '/exports', methods: ['POST'] }] }));
app.post('/exports', expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }), (req, res) => res.status(202).json(queueExport(req.body)));` }],
      }],
    },
    {
      // express-unless: a listed path is skipped whatever the method; `method` skips its methods on any path.
      name: 'a top-level method list does not narrow the paths: a POST on a listed path is exempt too',
      code: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/items'], method: ['GET'] }));
app.post('/items', (req, res) => res.status(201).json(saveItem(req.body)));`,
      errors: [
        { messageId: 'unauthenticatedRoute', line: 5, suggestions: [{ messageId: 'addMiddleware', output: `${express}app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/items'], method: ['GET'] }));
app.post('/items', expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }), (req, res) => res.status(201).json(saveItem(req.body)));` }] },
      ],
    },
  ],
});
