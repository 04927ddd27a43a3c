import { RuleTester } from '@typescript-eslint/rule-tester';
import sqlRule from '../../src/rules/no-sql-injection.js';

/*
 * Express's parameter callbacks: `router.param('id', (req, res, next, id) => …)` receives the raw
 * path segment as its fourth parameter, which is `req.params.id` and so request input. A fourth
 * parameter of another shape of callback (not `param`, not request and response first) is not.
 */

const ruleTester = new RuleTester();

const head = `const express = require('express');
const { pool } = require('./db');
const router = express.Router();
`;

ruleTester.run('no-sql-injection: router.param callbacks', sqlRule, {
  valid: [
    {
      name: 'the value bound as a parameter',
      code: `${head}router.param('invoiceId', (req, res, next, invoiceId) => {
  pool.query('SELECT * FROM invoices WHERE id = $1', [invoiceId]).then((r) => { req.invoice = r.rows[0]; next(); }, next);
});`,
    },
    {
      name: 'the value coerced to a number',
      code: `${head}router.param('page', (req, res, next, page) => {
  pool.query('SELECT * FROM pages LIMIT 10 OFFSET ' + Number(page)).then(() => next(), next);
});`,
    },
    {
      name: 'a fourth parameter of a callback that is not a param callback',
      code: `${head}const jobs = require('./jobs');
jobs.on('retry', (req, res, next, attempt) => {
  pool.query('UPDATE jobs SET attempt = ' + attempt);
});`,
    },
  ],
  invalid: [
    {
      name: 'the value concatenated into SQL',
      code: `${head}router.param('invoiceId', (req, res, next, invoiceId) => {
  pool.query("SELECT * FROM invoices WHERE id = '" + invoiceId + "'", (err, result) => {
    if (err) return next(err);
    req.invoice = result.rows[0];
    next();
  });
});`,
      errors: [{ messageId: 'sqlInjection', line: 5, data: { source: '`invoiceId`', sourceLine: 4, sink: 'pool.query', sinkLine: 5 } }],
    },
    {
      name: 'a named function handed to app.param, through a helper',
      code: `const express = require('express');
const { pool } = require('./db');
const app = express();
function findAccount(id, done) { pool.query(\`SELECT * FROM accounts WHERE slug = '\${id}'\`, done); }
function loadAccount(req, res, next, slug) { findAccount(slug, (err, r) => { req.account = r; next(err); }); }
app.param('slug', loadAccount);`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 4 }],
    },
  ],
});
