import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-role-check.js';

/*
 * Routes under `/admin` need a role check besides authentication. A handler that answers
 * 403 Forbidden when its test fails checks the caller's rights, whatever the test calls: the
 * evidence is what the branch does. A 400 or 404 answer is input handling, not a role check.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import { isAdmin, listUsers } from './users.js';
const app = express();
function requireUser(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: 'sign in' });
  next();
}
`;

ruleTester.run('require-role-check: role checks judged by a 403 answer', rule, {
  valid: [
    {
      name: 'a 403 answer when a helper says the caller is not an admin',
      code: `${head}app.get('/admin/users', requireUser, (req, res) => {
  if (!isAdmin(req.session.userId)) {
    res.status(403).send({ reason: 'forbidden' });
    return;
  }
  res.json(listUsers());
});`,
    },
    {
      name: 'a forbidden error thrown',
      code: `${head}class ForbiddenError extends Error {}
app.delete('/admin/users/:id', requireUser, (req, res) => {
  if (!isAdmin(req.session.userId)) throw new ForbiddenError('admins only');
  res.status(204).end();
});`,
    },
  ],
  invalid: [
    {
      // The message names a guard as code and a check by what it tests, never code inside code.
      name: 'names the check that authenticates in the handler',
      code: `import express from 'express';
import { listUsers } from './users.js';
const app = express();
app.get('/admin/users', (req, res) => {
  if (!req.session.userId) return res.status(401).end();
  res.json(listUsers());
});`,
      errors: [{ messageId: 'missingRoleCheck', line: 4, data: { method: 'GET', path: '/admin/users', by: 'check of `!req.session.userId`', pattern: '**/admin/**' } }],
    },
    {
      name: 'names a signature check in words, the verifying call as code',
      code: `import express from 'express';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY);
const app = express();
app.post('/admin/billing-events', (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature'), process.env.WHSEC);
  res.json({ received: event.id });
});`,
      errors: [{ messageId: 'missingRoleCheck', line: 5, data: { method: 'POST', path: '/admin/billing-events', by: 'signature check stripe.webhooks.constructEvent()', pattern: '**/admin/**' } }],
    },
    {
      name: 'names the middleware that authenticates',
      code: `${head}app.get('/admin/users', requireUser, (req, res) => res.json(listUsers()));`,
      errors: [{ messageId: 'missingRoleCheck', line: 8, data: { method: 'GET', path: '/admin/users', by: '`requireUser`', pattern: '**/admin/**' } }],
    },
    {
      name: 'a 400 answer is input handling, not a role check',
      code: `${head}app.get('/admin/users', requireUser, (req, res) => {
  if (!req.query.page) {
    res.status(400).send({ reason: 'page is required' });
    return;
  }
  res.json(listUsers());
});`,
      errors: [{ messageId: 'missingRoleCheck', line: 8 }],
    },
    {
      name: 'a 403 answer in a nested callback does not guard the handler',
      code: `${head}app.get('/admin/users', requireUser, (req, res) => {
  const deny = () => res.status(403).end();
  res.json(listUsers());
});`,
      errors: [{ messageId: 'missingRoleCheck', line: 8 }],
    },
  ],
});
