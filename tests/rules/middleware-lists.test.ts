import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

/*
 * Express takes a list of middleware where it takes one (`app.get(path, [a, b], handler)`), and
 * teams keep the list in a constant shared by many routes (`const secured = [authenticate,
 * audit]`). The constant's members are the route's middleware, judged as if written inline. A
 * list of middleware that authenticates nobody, and a list held in a variable reassigned later,
 * leave the route unauthenticated.
 */
const ruleTester = new RuleTester();

const app = `import express from 'express';
const app = express();
function requireUser(req, res, next) {
  if (!req.session || !req.session.userId) return res.status(401).json({ error: 'sign in' });
  next();
}
function audit(req, res, next) {
  console.info(req.method, req.path);
  next();
}
`;

ruleTester.run('no-unauthenticated-route: middleware lists held in constants', rule, {
  valid: [
    { name: 'a constant list on a route', code: `${app}const secured = [audit, requireUser];
app.get('/invoices', secured, (req, res) => res.json([]));` },
    { name: 'a constant list on app.use', code: `${app}const secured = [requireUser, audit];
app.use(secured);
app.post('/invoices', (req, res) => res.status(201).end());` },
    { name: 'a list of a list', code: `${app}const base = [requireUser];
const secured = [audit, base];
app.delete('/invoices/:id', secured, (req, res) => res.status(204).end());` },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'a list that only logs',
      code: `${app}const observed = [audit];
app.get('/invoices', observed, (req, res) => res.json([]));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 12 }],
    },
    {
      name: 'a list held in a variable reassigned later',
      code: `${app}let chain = [requireUser];
if (process.env.OPEN_DEMO) chain = [audit];
app.get('/invoices', chain, (req, res) => res.json([]));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 13 }],
    },
  ]),
});
