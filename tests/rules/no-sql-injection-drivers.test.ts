import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-sql-injection.js';

/*
 * SQL clients beyond pg/mysql/knex/ORMs, as model data: Kysely's raw escapes, pg-promise, mariadb,
 * mssql and oracledb. Each has a safe look-alike: the client's own way of binding values. The
 * bound-parameter rewrite is offered where the client binds `$1` (pg-promise, the same rewrite as pg,
 * whose SQL tests/suggestions/sql-parameterize.test.ts runs on PostgreSQL) or `?` (mariadb, as mysql2);
 * mssql and oracledb bind named inputs, so they get no rewrite.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-sql-injection', rule, {
  valid: [
    {
      name: 'knex typed Knex: raw and whereRaw with bound values; a raw of another typed library',
      code: `import express from 'express';
import type { Knex } from 'knex';
import type { Redis } from 'ioredis';
const app = express();
class Ledger {
  constructor(private readonly db: Knex, private readonly cache: Redis) {}
  entries(kind: string) {
    return this.db('entries').whereRaw('kind = ?', [kind]).select(this.db.raw('sum(amount) as total'));
  }
  cached(kind: string) {
    return this.cache.raw(\`GET entries:\${kind}\`);
  }
}
declare const ledger: Ledger;
app.get('/entries', async (req, res) => res.json([await ledger.entries(String(req.query.kind)), await ledger.cached(String(req.query.kind))]));`,
    },
    {
      name: 'Kysely: the sql template binds its holes, sql.id escapes an identifier',
      code: `import express from 'express';
import { sql } from 'kysely';
import { db } from './db';
const app = express();
app.get('/users', async (req, res) => {
  const rows = await sql\`SELECT * FROM users WHERE name = \${req.query.name}\`.execute(db);
  const sorted = await db.selectFrom('users').selectAll().orderBy(sql.id(String(req.query.sort))).execute();
  res.json({ rows, sorted });
});`,
    },
    {
      name: 'pg-promise with a values array',
      code: `const express = require('express');
const pgp = require('pg-promise')();
const db = pgp(process.env.DATABASE_URL);
const app = express();
app.get('/orders', async (req, res) => {
  res.json(await db.any('SELECT * FROM orders WHERE customer = $1', [req.query.customer]));
});`,
    },
    {
      name: 'mssql request with a named input',
      code: `import express from 'express';
import sql from 'mssql';
const app = express();
app.get('/p', async (req, res) => {
  const pool = await sql.connect(process.env.MSSQL_URL);
  const result = await pool.request().input('id', sql.Int, req.query.id).query('SELECT * FROM products WHERE id = @id');
  res.json(result.recordset);
});`,
    },
    {
      name: 'oracledb with bind values',
      code: `import express from 'express';
import oracledb from 'oracledb';
const app = express();
app.get('/e', async (req, res) => {
  const connection = await oracledb.getConnection({ user: 'app', connectString: 'db/orcl' });
  const result = await connection.execute('SELECT * FROM employees WHERE dept = :dept', { dept: req.query.dept });
  res.json(result.rows);
});`,
    },
  ],
  invalid: [
    {
      name: 'knex: a class given a Knex instance (or a Knex.Transaction) builds raw SQL from its argument',
      code: `import express from 'express';
import knex, { type Knex } from 'knex';
const app = express();
class Ledger {
  constructor(private readonly db: Knex) {}
  byPeriod(unit: string) {
    return this.db('entries').select(this.db.raw(\`date_trunc('\${unit}', booked_at) as period\`));
  }
}
function byMemo(trx: Knex.Transaction, memo: string) {
  return trx('entries').where('open', true).whereRaw(\`memo = '\${memo}'\`);
}
const db = knex({ client: 'pg' });
const ledger = new Ledger(db);
app.get('/entries', async (req, res) => res.json(await ledger.byPeriod(String(req.query.unit))));
app.get('/memo/:memo', async (req, res) => db.transaction(async (trx) => res.json(await byMemo(trx, req.params.memo))));`,
      errors: [
        { messageId: 'sqlInjectionHelper', line: 7, data: { source: '`req.query.unit`', sourceLine: 15, sink: 'this.db.raw', sinkLine: 7, via: ' through `ledger.byPeriod` (called on line 15 by the handler of GET /entries)' } },
        { messageId: 'sqlInjectionHelper', line: 11, data: { source: '`req.params.memo`', sourceLine: 16, sink: 'whereRaw', sinkLine: 11, via: ' through `byMemo` (called on line 16 by the handler of GET /memo/:memo)' } },
      ],
    },
    {
      name: 'Kysely sql.raw and sql.lit',
      code: `import express from 'express';
import { sql } from 'kysely';
import { db } from './db';
const app = express();
app.get('/users', async (req, res) => {
  const rows = await db.selectFrom('users').selectAll().where(sql.raw(\`name = '\${req.query.name}'\`)).execute();
  const more = await db.selectFrom('users').selectAll().where('status', '=', sql.lit(req.query.status)).execute();
  res.json({ rows, more });
});`,
      errors: [
        { messageId: 'sqlInjection', line: 6, data: { source: '`req.query.name`', sourceLine: 6, sink: 'sql.raw', sinkLine: 6, via: '' } },
        { messageId: 'sqlInjection', line: 7, data: { source: '`req.query.status`', sourceLine: 7, sink: 'sql.lit', sinkLine: 7, via: '' } },
      ],
    },
    {
      name: 'pg-promise: a template with the value inside, rewritten to $1',
      code: `const express = require('express');
const pgp = require('pg-promise')();
const db = pgp(process.env.DATABASE_URL);
const app = express();
app.get('/orders', async (req, res) => {
  res.json(await db.any(\`SELECT * FROM orders WHERE customer = '\${req.query.customer}'\`));
});`,
      errors: [
        {
          messageId: 'sqlInjection',
          line: 6,
          data: { source: '`req.query.customer`', sourceLine: 6, sink: 'db.any', sinkLine: 6, via: '' },
          suggestions: [
            {
              messageId: 'parameterize',
              output: `const express = require('express');
const pgp = require('pg-promise')();
const db = pgp(process.env.DATABASE_URL);
const app = express();
app.get('/orders', async (req, res) => {
  res.json(await db.any('SELECT * FROM orders WHERE customer = $1', [req.query.customer]));
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'mariadb pool query with concatenation',
      code: `import express from 'express';
import mariadb from 'mariadb';
const pool = mariadb.createPool({ host: 'db', user: 'app' });
const app = express();
app.get('/t', async (req, res) => {
  const connection = await pool.getConnection();
  res.json(await connection.query('SELECT * FROM tickets WHERE owner = ' + req.query.owner));
});`,
      errors: [{ messageId: 'sqlInjection', line: 7, data: { source: '`req.query.owner`', sourceLine: 7, sink: 'connection.query', sinkLine: 7, via: '' } }],
    },
    {
      name: 'mssql: pool request and the module-level query',
      code: `import express from 'express';
import sql from 'mssql';
const app = express();
app.get('/p', async (req, res) => {
  const pool = await sql.connect(process.env.MSSQL_URL);
  const result = await pool.request().query(\`SELECT * FROM products WHERE name = '\${req.query.name}'\`);
  const other = await sql.query('SELECT * FROM products WHERE sku = ' + req.query.sku);
  res.json([result.recordset, other.recordset]);
});`,
      errors: [
        { messageId: 'sqlInjection', line: 6, data: { source: '`req.query.name`', sourceLine: 6, sink: 'query', sinkLine: 6, via: '' }, suggestions: [] },
        { messageId: 'sqlInjection', line: 7, data: { source: '`req.query.sku`', sourceLine: 7, sink: 'sql.query', sinkLine: 7, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'oracledb execute with a template',
      code: `import express from 'express';
import oracledb from 'oracledb';
const app = express();
app.get('/e', async (req, res) => {
  const connection = await oracledb.getConnection({ user: 'app', connectString: 'db/orcl' });
  const result = await connection.execute(\`SELECT * FROM employees WHERE dept = '\${req.query.dept}'\`);
  res.json(result.rows);
});`,
      errors: [{ messageId: 'sqlInjection', line: 6, data: { source: '`req.query.dept`', sourceLine: 6, sink: 'connection.execute', sinkLine: 6, via: '' }, suggestions: [] }],
    },
  ],
});
