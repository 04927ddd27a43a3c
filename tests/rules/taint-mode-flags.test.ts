import { RuleTester } from '@typescript-eslint/rule-tester';
import redirectRule from '../../src/rules/no-open-redirect.js';
import sqlRule from '../../src/rules/no-sql-injection.js';

/*
 * A helper with a mode flag, called with a literal: the branch the literal rules out is not
 * reached from that call. The sink in the helper is reported only for calls that can reach it.
 */

const ruleTester = new RuleTester();

const server = `import express from 'express';
const app = express();
app.use(express.urlencoded({ extended: false }));`;

const finish = `function finishSignIn(req, res, inline) {
  if (inline === true) {
    res.render('welcome');
  } else {
    res.redirect(req.body.continueTo);
  }
}`;

ruleTester.run('no-open-redirect (a mode flag the call passes)', redirectRule, {
  valid: [
    {
      name: 'the only call passes true: the redirect branch is never taken',
      code: `${server}
${finish}
app.post('/sign-in', (req, res) => finishSignIn(req, res, true));`,
    },
    {
      name: 'an early return on the flag before the redirect',
      code: `${server}
function finishSignIn(req, res, inline) {
  if (inline) { res.render('welcome'); return; }
  res.redirect(req.body.continueTo);
}
app.post('/sign-in', (req, res) => { finishSignIn(req, res, 'yes'); });`,
    },
    {
      name: 'a negated flag in a conditional expression, with && on the way',
      code: `${server}
function finishSignIn(req, res, popup) {
  return !popup && req.body.continueTo ? res.redirect(req.body.continueTo) : res.render('close-window');
}
app.post('/sign-in/popup', (req, res) => finishSignIn(req, res, 1));`,
    },
    {
      name: 'a default the call leaves in place',
      code: `${server}
function finishSignIn(req, res, mode = 'page') {
  if (mode !== 'page') return res.redirect(req.body.continueTo);
  res.render('welcome');
}
app.post('/sign-in', (req, res) => finishSignIn(req, res));`,
    },
  ],
  invalid: [
    {
      name: 'the call passes false: the redirect branch is taken',
      code: `${server}
${finish}
app.post('/sign-in', (req, res) => finishSignIn(req, res, false));`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'two calls, one of them reaches the redirect',
      code: `${server}
${finish}
app.post('/sign-in', (req, res) => finishSignIn(req, res, true));
app.post('/sign-in/legacy', (req, res) => finishSignIn(req, res, false));`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'a flag the request decides',
      code: `${server}
${finish}
app.post('/sign-in', (req, res) => finishSignIn(req, res, req.body.inline === 'true'));`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'the flag is overwritten inside the helper',
      code: `${server}
function finishSignIn(req, res, inline) {
  if (req.query.popup) inline = false;
  if (inline === true) return res.render('welcome');
  res.redirect(req.body.continueTo);
}
app.post('/sign-in', (req, res) => finishSignIn(req, res, true));`,
      errors: [{ messageId: 'openRedirect', line: 7 }],
    },
    {
      name: 'loose equality between a number and a string is not decided',
      code: `${server}
function finishSignIn(req, res, mode) {
  if (mode == 'inline') return res.render('welcome');
  res.redirect(req.body.continueTo);
}
app.post('/sign-in', (req, res) => finishSignIn(req, res, 1));`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'a branch that does not always leave is no early return',
      code: `${server}
function finishSignIn(req, res, inline) {
  if (inline) { res.locals.inline = true; }
  res.redirect(req.body.continueTo);
}
app.post('/sign-in', (req, res) => finishSignIn(req, res, true));`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
  ],
});

ruleTester.run('no-sql-injection (a mode flag the call passes)', sqlRule, {
  valid: [
    {
      name: 'the raw branch is off for the only call',
      code: `import express from 'express';
import { pool } from './db';
const app = express();
function findInvoices(customer, raw) {
  return raw ? pool.query("SELECT * FROM invoices WHERE customer = '" + customer + "'") : pool.query('SELECT * FROM invoices WHERE customer = $1', [customer]);
}
app.get('/invoices', async (req, res) => res.json(await findInvoices(req.query.customer, false)));`,
    },
  ],
  invalid: [
    {
      name: 'the raw branch is on',
      code: `import express from 'express';
import { pool } from './db';
const app = express();
function findInvoices(customer, raw) {
  return raw ? pool.query("SELECT * FROM invoices WHERE customer = '" + customer + "'") : pool.query('SELECT * FROM invoices WHERE customer = $1', [customer]);
}
app.get('/invoices', async (req, res) => res.json(await findInvoices(req.query.customer, true)));`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 5 }],
    },
  ],
});
