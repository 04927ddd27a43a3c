import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../src/rules/no-unauthenticated-route.js';

/*
 * express-unless's `custom: (req) => …` skips the middleware for every request the function
 * accepts. One that reads what the client sends (a header, the query, a cookie) lets any client skip
 * the token check: the routes behind it are unauthenticated. One that always answers false skips
 * nothing. Any other (out of view, or reading something the client does not choose) cannot be
 * judged: the middleware is not taken to run, and the verdict is unknown (reported by `strict`).
 */
const ruleTester = new RuleTester();
const express = `import express from 'express';
import { expressjwt } from 'express-jwt';
const app = express();
const jwt = () => expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
`;
const strict: Options = [{ unknownAuth: 'report' }];

ruleTester.run('no-unauthenticated-route (unless with a custom predicate)', rule, {
  valid: [
    {
      name: 'a custom predicate that always answers false skips nothing',
      code: `${express}app.use(jwt().unless({ path: ['/health'], custom: () => false }));
app.delete('/accounts/:id', (req, res) => res.status(204).end());`,
      options: strict,
    },
    {
      name: 'a predicate that cannot be judged leaves the route unknown, not reported by default',
      code: `${express}import { isInternal } from './network';
app.use(jwt().unless({ custom: isInternal }));
app.delete('/accounts/:id', (req, res) => res.status(204).end());`,
    },
    {
      name: 'a route that checks the token itself, after a skippable global middleware',
      code: `${express}app.use(jwt().unless({ custom: (req) => req.get('x-internal-call') === 'yes' }));
app.delete('/accounts/:id', jwt(), (req, res) => res.status(204).end());`,
    },
  ],
  invalid: [
    {
      name: 'a header the client sets skips the token check',
      code: `${express}app.use(jwt().unless({ path: ['/health'], custom: (req) => req.get('x-internal-call') === 'yes' }));
app.delete('/accounts/:id', (req, res) => res.status(204).end());`,
      errors: [{
        messageId: 'unauthenticatedRoute',
        line: 6,
        data: { method: 'DELETE', path: '/accounts/:id', framework: 'express' },
        // The middleware itself, without the `unless` that lets the client skip it.
        suggestions: [{ messageId: 'addMiddleware', output: `${express}app.use(jwt().unless({ path: ['/health'], custom: (req) => req.get('x-internal-call') === 'yes' }));
app.delete('/accounts/:id', jwt(), (req, res) => res.status(204).end());` }],
      }],
    },
    {
      name: 'a query parameter read by a function of the file',
      code: `${express}function preview(req) {
  return req.query.preview === '1';
}
app.use(jwt().unless({ custom: preview }));
app.delete('/accounts/:id', (req, res) => res.status(204).end());`,
      errors: [{
        messageId: 'unauthenticatedRoute',
        line: 9,
        suggestions: [{ messageId: 'addMiddleware', output: `${express}function preview(req) {
  return req.query.preview === '1';
}
app.use(jwt().unless({ custom: preview }));
app.delete('/accounts/:id', jwt(), (req, res) => res.status(204).end());` }],
      }],
    },
    {
      name: 'a predicate out of view: unknown, reported under strict',
      code: `${express}import { isInternal } from './network';
app.use(jwt().unless({ custom: isInternal }));
app.delete('/accounts/:id', (req, res) => res.status(204).end());`,
      options: strict,
      errors: [{
        messageId: 'unknownAuth',
        line: 7,
        data: { method: 'DELETE', path: '/accounts/:id', framework: 'express', guard: 'jwt', source: 'its `unless` skips it for the requests a `custom` function accepts, which cannot be judged' },
      }],
    },
  ],
});
