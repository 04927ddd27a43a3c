import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import nosqlRule from '../../src/rules/no-nosql-injection.js';
import sqlRule from '../../src/rules/no-sql-injection.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Older Node.js code builds its data-access objects with ES5 constructor functions:
 * `function UsersDAO(db) { this.find = (q) => … }` or `UsersDAO.prototype.find = function (q) { … }`,
 * then `const users = new UsersDAO(db); users.find(req.query.q)`. Request input handed to such a
 * method is followed into its body, in the same file and from another one, like a class method.
 */

const ruleTester = new RuleTester();

/** An app whose handler hands `minimum` to a DAO method assigned in its constructor function. */
const ordersApp = (minimum: string): string => `const express = require('express');
const app = express();
function OrdersDAO(db) {
  const orders = db.collection('orders');
  this.above = (minimum, done) => orders.find({ $where: \`this.total > \${minimum}\` }).toArray(done);
}
const dao = new OrdersDAO(global.db);
app.get('/orders', (req, res) => dao.above(${minimum}, (err, rows) => res.json(rows)));`;

ruleTester.run('no-nosql-injection', nosqlRule, {
  valid: [
    { name: 'a constructor-function method given a number', code: ordersApp('Number(req.query.min)') },
  ],
  invalid: [
    { name: 'this.method assigned in the constructor', code: ordersApp('req.query.min'), errors: [{ messageId: 'nosqlCode', line: 5 }] },
  ],
});

ruleTester.run('no-sql-injection', sqlRule, {
  valid: [],
  invalid: [
    {
      name: 'a method of an object literal of functions in the same file',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const usersRepo = {
  search(term) {
    return pool.query("SELECT id, name FROM users WHERE name LIKE '%" + term + "%'");
  },
};
const app = express();
app.get('/users', async (req, res) => res.json((await usersRepo.search(req.query.q)).rows));`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 6 }],
    },
    {
      name: 'a prototype method',
      code: `const express = require('express');
const { Pool } = require('pg');
const app = express();
function ProductsDAO(pool) {
  this.pool = pool;
}
ProductsDAO.prototype.search = function (term) {
  return this.pool.query("SELECT * FROM products WHERE name LIKE '%" + term + "%'");
};
const products = new ProductsDAO(new Pool());
app.get('/products', async (req, res) => res.json((await products.search(req.query.q)).rows));`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 8 }],
    },
  ],
});

describe('constructor-function DAOs in another file', () => {
  it('reports at the DAO, naming the handler input; a coerced value is clean', async () => {
    const dir = writeProject({
      'app/data/allocations-dao.js': `function AllocationsDAO(db) {
  "use strict";
  const allocations = db.collection("allocations");

  this.aboveThreshold = (threshold, callback) => {
    allocations.find({ $where: \`this.stocks > \${threshold}\` }).toArray(callback);
  };
}

module.exports = { AllocationsDAO };
`,
      'app/routes/allocations.js': `const { AllocationsDAO } = require("../data/allocations-dao");

function AllocationsHandler(db) {
  "use strict";
  const allocationsDAO = new AllocationsDAO(db);

  this.displayAllocations = (req, res, next) => {
    const { threshold } = req.query;
    allocationsDAO.aboveThreshold(threshold, (err, allocations) => {
      if (err) return next(err);
      return res.render("allocations", { allocations });
    });
  };

  this.displayRounded = (req, res, next) => {
    allocationsDAO.aboveThreshold(parseInt(req.query.threshold, 10), (err, allocations) => {
      if (err) return next(err);
      return res.render("allocations", { allocations });
    });
  };
}

module.exports = AllocationsHandler;
`,
    }, { name: 'retirement-planner', dependencies: { express: '^4.21.0', mongodb: '^6.10.0' } });
    const messages = await lintProjectFile(dir, 'app/data/allocations-dao.js', { 'api-security/no-nosql-injection': 'error' });
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['6 nosqlCode']);
    expect(messages[0]?.message).toContain('`req.query.threshold` in app/routes/allocations.js (line 8)');
  });
});
