import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-sql-injection.js';

const ruleTester = new RuleTester();

const PG = `import express from 'express'; import { Pool } from 'pg';
const app = express(); const pool = new Pool();`;

ruleTester.run('no-sql-injection', rule, {
  valid: [
    {
      // Whatever the key, the value is one the server put in the table (a literal or its environment).
      name: 'lookup in a table the server writes to',
      code: `${PG}
const SORT = { newest: 'created_at desc' };
SORT.custom = process.env.SORT;
app.get('/u', (req, res) => pool.query('SELECT id FROM u ORDER BY ' + SORT[req.query.sort]));`,
    },
    { name: 'lookup in a constant table with a request key', code: `${PG}
const SORT = { newest: 'created_at desc', oldest: 'created_at asc' };
const COLUMNS = ['id', 'name'] as const;
app.get('/u', (req, res) => {
  const s = SORT[req.query.sort] || 'created_at desc';
  return pool.query(\`SELECT id FROM u ORDER BY \${s}, \${SORT[String(req.query.then)]}, \${SORT[req.query.last ?? '']}, \${COLUMNS[Number(req.query.c)]}\`);
});` },
    { name: 'lookup in a constant Map of literals', code: `${PG}
const SORT = new Map([['newest', 'created_at desc'], ['oldest', 'created_at asc']]);
app.get('/u', (req, res) => pool.query(\`SELECT id FROM u ORDER BY \${SORT.get(req.query.sort) ?? 'id'}\`));` },
    { name: 'split input mapped to numbers', code: `${PG}
app.get('/u', (req, res) => {
  const ids = String(req.query.ids).split(',').map(Number);
  const more = req.query.more.split(',').map((x) => parseInt(x, 10));
  const last = String(req.query.last).split(',').map(Number.parseInt);
  return pool.query(\`SELECT id FROM u WHERE id IN (\${ids.join(',')}) OR id IN (\${more.join(',')}) OR id IN (\${last.join(',')})\`);
});` },
    { name: 'allowlist check on the lower-cased, trimmed value', code: `${PG}
app.get('/u', (req, res) => {
  const dir = ['asc', 'desc'].includes(String(req.query.dir).toLowerCase().trim()) ? req.query.dir : 'asc';
  return pool.query(\`SELECT id FROM u ORDER BY id \${dir}\`);
});` },
    { name: 'characters stripped to an identifier alphabet', code: `${PG}
app.get('/u', (req, res) => {
  const column = String(req.query.column).replace(/[^a-z0-9_-]/gi, '');
  return pool.query(\`SELECT \${column} FROM u\`);
});` },
    { name: 'bound parameter', code: `${PG}
app.get('/u', (req, res) => pool.query('SELECT * FROM u WHERE id = $1', [req.query.id]));` },
    { name: 'constant fed sink', code: `${PG}
app.get('/u', (req, res) => { const id = 5; return pool.query(\`SELECT * FROM u WHERE id = \${id}\`); });` },
    { name: 'reassigned to a constant', code: `${PG}
app.get('/u', (req, res) => { let col = req.query.sort; col = 'name'; return pool.query(\`SELECT * FROM u ORDER BY \${col}\`); });` },
    { name: 'Number()', code: `${PG}
app.get('/u', (req, res) => pool.query(\`SELECT * FROM u WHERE id = \${Number(req.query.id)}\`));` },
    { name: 'parseInt helper', code: `${PG}
function toId(value) { return parseInt(value, 10); }
app.get('/u', (req, res) => pool.query(\`SELECT * FROM u WHERE id = \${toId(req.query.id)}\`));` },
    { name: 'unary plus', code: `${PG}
app.get('/u', (req, res) => pool.query('SELECT * FROM u WHERE id = ' + +req.query.id));` },
    { name: 'allowlist check of the value with a literal default (nullish or falsy: no text)', code: `${PG}
const SORTABLE = ['created_at', 'total'];
function sorted(options) {
  const column = SORTABLE.includes(options.sort ?? '') ? options.sort : 'created_at';
  const order = new Set(['asc', 'desc']).has(options.order || 'none') ? options.order : 'asc';
  return pool.query(\`SELECT * FROM u ORDER BY \${column} \${order}\`);
}
app.get('/u', (req, res) => sorted({ sort: req.query.sort, order: req.query.order }));` },
    { name: 'allowlist guard', code: `${PG}
const COLUMNS = ['name', 'email'];
app.get('/u', (req, res) => {
  const sort = req.query.sort;
  if (!COLUMNS.includes(sort)) return res.status(400).end();
  return pool.query(\`SELECT * FROM u ORDER BY \${sort}\`);
});` },
    { name: 'allowlist ternary on the String() of the value', code: `${PG}
const SORTABLE = new Set(['created_at', 'total']);
app.get('/u', (req, res) => {
  const sort = SORTABLE.has(String(req.query.sort)) ? String(req.query.sort) : 'created_at';
  return pool.query(\`SELECT * FROM orders ORDER BY \${sort}\`);
});` },
    { name: 'regex guard with throw', code: `${PG}
app.get('/u', (req, res) => {
  const { table } = req.params;
  if (!/^[a-z_]+$/.test(table)) throw new Error('bad');
  return pool.query(\`SELECT * FROM \${table}\`);
});` },
    { name: 'switch onto constants', code: `${PG}
app.get('/u', (req, res) => {
  let column;
  switch (req.query.sort) { case 'name': column = 'name'; break; default: column = 'id'; }
  return pool.query(\`SELECT * FROM u ORDER BY \${column}\`);
});` },
    { name: 'zod number', code: `${PG}
import { z } from 'zod';
const Query = z.object({ id: z.coerce.number() });
app.get('/u', (req, res) => { const { id } = Query.parse(req.query); return pool.query(\`SELECT * FROM u WHERE id = \${id}\`); });` },
    { name: 'zod enum', code: `${PG}
import { z } from 'zod';
app.get('/u', (req, res) => { const dir = z.enum(['asc', 'desc']).parse(req.query.dir); return pool.query(\`SELECT * FROM u ORDER BY id \${dir}\`); });` },
    { name: 'mysql.escape', code: `import express from 'express'; import mysql from 'mysql2';
const app = express(); const conn = mysql.createConnection({});
app.get('/u', (req, res) => conn.query('SELECT * FROM u WHERE name = ' + mysql.escape(req.query.name)));` },
    { name: 'Prisma tagged template parameterizes', code: `import express from 'express'; import { PrismaClient } from '@prisma/client';
const app = express(); const prisma = new PrismaClient();
app.get('/u', async (req, res) => res.json(await prisma.$queryRaw\`SELECT * FROM u WHERE id = \${req.query.id}\`));` },
    { name: 'knex where with an object', code: `import express from 'express'; import knex from 'knex';
const app = express(); const db = knex({});
app.get('/u', (req, res) => db('users').where({ id: req.query.id }));` },
    { name: 'typeorm where with named parameter', code: `import express from 'express'; import { DataSource } from 'typeorm';
const app = express(); const ds = new DataSource({});
app.get('/u', (req, res) => ds.getRepository('User').createQueryBuilder('u').where('u.name = :name', { name: req.query.name }).getMany());` },
    { name: 'look-alike: document.querySelector', code: `import express from 'express';
const app = express();
app.get('/u', (req, res) => { document.querySelector(\`#\${req.query.id}\`); });` },
    { name: 'look-alike: URLSearchParams and router.query', code: `import express from 'express';
const app = express();
app.get('/u', (req, res) => { new URLSearchParams(req.query.q).get('x'); router.query(\`SELECT \${req.query.q}\`); });` },
    { name: 'look-alike: query method of a non-database object', code: `import express from 'express';
const app = express(); const search = { query: (q) => q };
app.get('/u', (req, res) => search.query(\`name:\${req.query.q}\`));` },
    { name: 'fallback needs SQL text', code: `import express from 'express'; import { db } from './db';
const app = express();
app.get('/u', (req, res) => db.query(\`users/\${req.query.id}\`));` },
    { name: 'request user is not input', code: `${PG}
app.get('/u', (req, res) => pool.query(\`SELECT * FROM u WHERE id = \${req.user.id}\`));` },
    { name: 'not a route handler', code: `import { Pool } from 'pg'; const pool = new Pool();
export function report(table) { return pool.query(\`SELECT * FROM \${table}\`); }
report('users');` },
  ],
  invalid: [
    {
      name: 'pg query config object',
      code: `${PG}
app.get('/u', (req, res) => pool.query({ text: \`SELECT id FROM u WHERE name = '\${req.query.name}'\` }));`,
      errors: [{ messageId: 'sqlInjection', line: 3, column: 82, endColumn: 96, data: { source: '`req.query.name`', sourceLine: 3, sink: 'pool.query', sinkLine: 3, via: '' }, suggestions: [] }],
    },
    {
      name: 'mysql2 query config object',
      code: `import express from 'express'; import mysql from 'mysql2';
const app = express(); const db = mysql.createPool({});
app.get('/u', (req, res) => db.query({ sql: 'SELECT id FROM u WHERE name = ' + req.query.name, values: [] }));`,
      errors: [{ messageId: 'sqlInjection', line: 3, column: 80, endColumn: 94, data: { source: '`req.query.name`', sourceLine: 3, sink: 'db.query', sinkLine: 3, via: '' }, suggestions: [] }],
    },
    {
      // A lookup carries the table's taint, not the key's: the request wrote into this table.
      name: 'lookup in a table the request writes to',
      code: `${PG}
const SORT = { newest: 'created_at desc' };
app.get('/u', (req, res) => {
  SORT[req.query.name] = req.query.order;
  return pool.query('SELECT id FROM u ORDER BY ' + SORT[req.query.sort]);
});`,
      errors: [{ messageId: 'sqlInjection', line: 6, column: 52, endColumn: 72, data: { source: '`req.query.order`', sourceLine: 5, sink: 'pool.query', sinkLine: 6, via: '' }, suggestions: [] }],
    },
    {
      name: 'split input mapped to strings',
      code: `${PG}
app.get('/u', (req, res) => { const ids = String(req.query.ids).split(',').map((id) => id.trim()); return pool.query('SELECT id FROM u WHERE id IN (' + ids.join(',') + ')'); });`,
      errors: [{ messageId: 'sqlInjection', line: 3, column: 153, endColumn: 166, data: { source: '`req.query.ids`', sourceLine: 3, sink: 'pool.query', sinkLine: 3, via: '' }, suggestions: [] }],
    },
    {
      name: 'a literal default does not make a list the client sends an allowlist',
      code: `${PG}
app.get('/u', (req, res) => { const sort = String(req.query.cols).split(',').includes(req.query.sort ?? '') ? req.query.sort : 'id'; return pool.query('SELECT id FROM u ORDER BY ' + sort); });`,
      errors: [{ messageId: 'sqlInjection', line: 3, suggestions: [] }],
    },
    {
      name: 'a default that is not a literal is not dropped from the value tested',
      code: `${PG}
const SORTABLE = ['created_at', 'total'];
app.get('/u', (req, res) => { const sort = SORTABLE.includes(req.query.sort ?? req.query.fallback) ? req.query.fallback : 'id'; return pool.query('SELECT id FROM u ORDER BY ' + sort); });`,
      errors: [{ messageId: 'sqlInjection', line: 4, suggestions: [] }],
    },
    {
      name: 'allowlist check on another value',
      code: `${PG}
app.get('/u', (req, res) => { const dir = ['asc', 'desc'].includes(String(req.query.dir).toLowerCase()) ? req.query.order : 'asc'; return pool.query('SELECT id FROM u ORDER BY id ' + dir); });`,
      errors: [{ messageId: 'sqlInjection', line: 3, column: 184, endColumn: 187, data: { source: '`req.query.order`', sourceLine: 3, sink: 'pool.query', sinkLine: 3, via: '' }, suggestions: [] }],
    },
    {
      name: 'pg template literal',
      code: `${PG}
app.get('/u', (req, res) => pool.query(\`SELECT * FROM u WHERE id = \${req.query.id}\`));`,
      errors: [{
        messageId: 'sqlInjection', line: 3, column: 70, endColumn: 82,
        data: { source: '`req.query.id`', sourceLine: 3, sink: 'pool.query', sinkLine: 3, via: '' },
        suggestions: [{ messageId: 'parameterize', output: `${PG}
app.get('/u', (req, res) => pool.query('SELECT * FROM u WHERE id = $1', [req.query.id]));` }],
      }],
    },
    {
      name: 'pg: quoted value and destructuring',
      code: `${PG}
app.post('/u', async (req, res) => {
  const { name } = req.body;
  await pool.query(\`SELECT * FROM u WHERE name = '\${name}'\`);
});`,
      errors: [{
        messageId: 'sqlInjection', line: 5, column: 53, endColumn: 57,
        data: { source: '`req.body.name`', sourceLine: 4, sink: 'pool.query', sinkLine: 5, via: '' },
        suggestions: [{ messageId: 'parameterize', output: `${PG}
app.post('/u', async (req, res) => {
  const { name } = req.body;
  await pool.query('SELECT * FROM u WHERE name = $1', [name]);
});` }],
      }],
    },
    {
      name: 'mysql2 concatenation',
      code: `import express from 'express';
const app = express();
import mysql from 'mysql2';
const conn = mysql.createConnection({});
app.get('/u', (req, res) => conn.query("SELECT * FROM u WHERE name = '" + req.query.name + "'"));`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 75, endColumn: 89, data: { source: '`req.query.name`', sourceLine: 5, sink: 'conn.query', sinkLine: 5, via: '' }, suggestions: [] }],
    },
    {
      name: 'mysql2/promise execute, question-mark suggestion',
      code: `import express from 'express';
const app = express();
import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
app.get('/u', async (req, res) => { await pool.execute(\`SELECT * FROM u WHERE id = \${req.params.id}\`); });`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 86, endColumn: 99, data: { source: '`req.params.id`', sourceLine: 5, sink: 'pool.execute', sinkLine: 5, via: '' },
        suggestions: [{ messageId: 'parameterize', output: `import express from 'express';
const app = express();
import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
app.get('/u', async (req, res) => { await pool.execute('SELECT * FROM u WHERE id = ?', [String(req.params.id)]); });` }] }],
    },
    {
      name: 'sqlite3 Database.all',
      code: `import express from 'express';
const app = express();
import sqlite3 from 'sqlite3';
const db = new sqlite3.Database(':memory:');
app.get('/u', (req, res) => db.all(\`SELECT * FROM u WHERE id = \${req.query.id}\`, () => {}, 1));`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 66, endColumn: 78, data: { source: '`req.query.id`', sourceLine: 5, sink: 'db.all', sinkLine: 5, via: '' }, suggestions: [] }],
    },
    {
      name: 'better-sqlite3 prepare',
      code: `import express from 'express';
const app = express();
import Database from 'better-sqlite3';
const db = new Database('x.db');
app.get('/u', (req, res) => db.prepare(\`SELECT * FROM u WHERE id = \${req.query.id}\`).get());`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 70, endColumn: 82, data: { source: '`req.query.id`', sourceLine: 5, sink: 'db.prepare', sinkLine: 5, via: '' } }],
    },
    {
      name: 'knex whereRaw and orderByRaw',
      code: `import express from 'express';
const app = express();
import knex from 'knex';
const db = knex({});
app.get('/u', (req, res) => db('users').whereRaw(\`name = '\${req.query.name}'\`).orderByRaw(req.query.sort));`,
      errors: [
        { messageId: 'sqlInjection', line: 5, column: 61, endColumn: 75, data: { source: '`req.query.name`', sourceLine: 5, sink: 'whereRaw', sinkLine: 5, via: '' },
          suggestions: [{ messageId: 'parameterize', output: `import express from 'express';
const app = express();
import knex from 'knex';
const db = knex({});
app.get('/u', (req, res) => db('users').whereRaw('name = ?', [String(req.query.name)]).orderByRaw(req.query.sort));` }] },
        { messageId: 'sqlInjection', line: 5, column: 91, endColumn: 105, data: { source: '`req.query.sort`', sourceLine: 5, sink: 'orderByRaw', sinkLine: 5, via: '' } },
      ],
    },
    {
      name: 'sequelize query and literal',
      code: `import express from 'express';
const app = express();
import { Sequelize } from 'sequelize';
const sequelize = new Sequelize('x');
app.get('/u', (req, res) => sequelize.query(\`SELECT * FROM u WHERE id = \${req.query.id}\`, { order: Sequelize.literal(req.query.sort) }));`,
      errors: [
        { messageId: 'sqlInjection', line: 5, column: 75, endColumn: 87, data: { source: '`req.query.id`', sourceLine: 5, sink: 'sequelize.query', sinkLine: 5, via: '' } },
        { messageId: 'sqlInjection', line: 5, column: 118, endColumn: 132, data: { source: '`req.query.sort`', sourceLine: 5, sink: 'Sequelize.literal', sinkLine: 5, via: '' } },
      ],
    },
    {
      name: 'typeorm query builder string condition',
      code: `import express from 'express';
const app = express();
import { DataSource } from 'typeorm';
const ds = new DataSource({});
app.get('/u', (req, res) => ds.getRepository('User').createQueryBuilder('u').where(\`u.name = '\${req.query.name}'\`).getMany());`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 97, endColumn: 111, data: { source: '`req.query.name`', sourceLine: 5, sink: 'where', sinkLine: 5, via: '' } }],
    },
    {
      name: 'prisma $queryRawUnsafe, tagged-template suggestion',
      code: `import express from 'express';
const app = express();
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.get('/u', (req, res) => prisma.$queryRawUnsafe(\`SELECT * FROM u WHERE id = '\${req.query.id}'\`));`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 83, endColumn: 95, data: { source: '`req.query.id`', sourceLine: 5, sink: 'prisma.$queryRawUnsafe', sinkLine: 5, via: '' },
        suggestions: [{ messageId: 'parameterize', output: `import express from 'express';
const app = express();
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.get('/u', (req, res) => prisma.$queryRaw\`SELECT * FROM u WHERE id = \${req.query.id}\`);` }] }],
    },
    {
      name: 'drizzle sql.raw',
      code: `import express from 'express';
const app = express();
import { sql } from 'drizzle-orm';
import { db } from './db';
app.get('/u', (req, res) => db.execute(sql.raw(\`SELECT * FROM u ORDER BY \${req.query.sort}\`)));`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 76, endColumn: 90, data: { source: '`req.query.sort`', sourceLine: 5, sink: 'sql.raw', sinkLine: 5, via: '' } }],
    },
    {
      name: 'postgres.js unsafe',
      code: `import express from 'express';
const app = express();
import postgres from 'postgres';
const sql = postgres('x');
app.get('/u', (req, res) => sql.unsafe(\`SELECT * FROM u WHERE id = \${req.query.id} AND 1 = 1\`, []));`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 70, endColumn: 82, data: { source: '`req.query.id`', sourceLine: 5, sink: 'sql.unsafe', sinkLine: 5, via: '' }, suggestions: [] }],
    },
    {
      name: 'client imported from another file, SQL-looking text',
      code: `import express from 'express';
const app = express();
import { db } from './db';
app.get('/u', (req, res) => db.query(\`SELECT * FROM u WHERE id = \${req.query.id}\`, []));`,
      errors: [{ messageId: 'sqlInjection', line: 4, column: 68, endColumn: 80, data: { source: '`req.query.id`', sourceLine: 4, sink: 'db.query', sinkLine: 4, via: '' } }],
    },
    {
      name: 'local helper that is a sink',
      code: `${PG}
function findUser(id) { return pool.query(\`SELECT * FROM u WHERE id = \${id}\`); }
app.get('/u', (req, res) => findUser(req.query.id));`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 3, column: 73, endColumn: 75, data: { source: '`req.query.id`', sourceLine: 4, sink: 'pool.query', sinkLine: 3, via: ' through `findUser` (called on line 4 by the handler of GET /u)' } }],
    },
    {
      name: 'a helper two routes call is reported once, at its sink, naming the first call and its route',
      code: `${PG}
function findUser(id) { return pool.query('SELECT * FROM u WHERE id = ' + id); }
app.get('/u', (req, res) => findUser(req.query.id));
app.get('/v/:id', (req, res) => findUser(req.params.id));`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 3, column: 75, endColumn: 77, data: { source: '`req.query.id`', sourceLine: 4, sink: 'pool.query', sinkLine: 3, via: ' through `findUser` (called on line 4 by the handler of GET /u)' } }],
    },
    {
      name: 'a helper called from a handler whose route is not in view',
      code: `import { Pool } from 'pg';
const pool = new Pool();
function findUser(id) { return pool.query('SELECT * FROM u WHERE id = ' + id); }
export async function show(req, res) { res.json(await findUser(req.query.id)); }`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 3, column: 75, endColumn: 77, data: { source: '`req.query.id`', sourceLine: 4, sink: 'pool.query', sinkLine: 3, via: ' through `findUser` (called on line 4)' } }],
    },
    {
      name: 'helpers calling helpers: reported at the innermost sink, naming the call in the handler',
      code: `${PG}
function run(sql) { return pool.query(sql); }
function byName(name) { return run("SELECT * FROM u WHERE name = '" + name + "'"); }
app.get('/n', (req, res) => byName(req.query.name));`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 3, column: 39, endColumn: 42, data: { source: '`req.query.name`', sourceLine: 5, sink: 'pool.query', sinkLine: 3, via: ' through `byName` (called on line 5 by the handler of GET /n)' } }],
    },
    {
      name: 'helper receiving the whole request',
      code: `${PG}
function run(req) { return pool.query(\`SELECT * FROM u WHERE id = \${req.query.id}\`); }
app.get('/u', (req, res) => run(req));`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 3, column: 69, endColumn: 81, data: { source: '`req.query.id`', sourceLine: 4, sink: 'pool.query', sinkLine: 3, via: ' through `run` (called on line 4 by the handler of GET /u)' } }],
    },
    {
      name: 'helper that returns a transformation, and array push/join',
      code: `${PG}
const where = (name) => \`name = '\${name.trim()}'\`;
app.get('/u', (req, res) => {
  const parts = [where(req.query.name)];
  let sql = 'SELECT * FROM u';
  sql += ' WHERE ' + parts.join(' AND ');
  return pool.query(sql);
});`,
      errors: [{ messageId: 'sqlInjection', line: 8, column: 21, endColumn: 24, data: { source: '`req.query.name`', sourceLine: 5, sink: 'pool.query', sinkLine: 8, via: '' } }],
    },
    {
      name: 'Koa context',
      code: `import Router from '@koa/router';
import { Pool } from 'pg';
const pool = new Pool();
const router = new Router();
router.get('/u', async (ctx) => { ctx.body = await pool.query(\`SELECT * FROM u WHERE id = \${ctx.query.id}\`, []); });`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 93, endColumn: 105, data: { source: '`ctx.query.id`', sourceLine: 5, sink: 'pool.query', sinkLine: 5, via: '' } }],
    },
    {
      name: 'Fastify request',
      code: `import Fastify from 'fastify';
import { Pool } from 'pg';
const pool = new Pool();
const app = Fastify();
app.get('/u', async (request) => pool.query(\`SELECT * FROM u WHERE id = \${request.query.id}\`, []));`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 75, endColumn: 91, data: { source: '`request.query.id`', sourceLine: 5, sink: 'pool.query', sinkLine: 5, via: '' } }],
    },
    {
      name: 'NestJS @Query parameter and injected DataSource',
      code: `import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Controller('u')
export class UsersController {
  constructor(private readonly dataSource: DataSource) {}
  @Get()
  find(@Query('id') id: string) { return this.dataSource.query(\`SELECT * FROM u WHERE id = \${id}\`, []); }
}`,
      errors: [{ messageId: 'sqlInjection', line: 7, column: 94, endColumn: 96, data: { source: "`@Query('id') id`", sourceLine: 7, sink: 'this.dataSource.query', sinkLine: 7, via: '' } }],
    },
    {
      name: 'NestJS @Query parameter: the source line is the decorated parameter, not the use',
      code: `import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Controller('u')
export class UsersController {
  constructor(private readonly dataSource: DataSource) {}
  @Get()
  find(@Query('status') status: string) {
    const where = 'WHERE status = ';
    return this.dataSource.query(\`SELECT * FROM u \${where}'\${status}'\`, []);
  }
}`,
      errors: [{ messageId: 'sqlInjection', line: 9, column: 62, endColumn: 68, data: { source: "`@Query('status') status`", sourceLine: 7, sink: 'this.dataSource.query', sinkLine: 9, via: '' } }],
    },
    {
      name: 'Next.js app route: URL search params and params',
      filename: 'app/api/u/route.ts',
      code: `import { Pool } from 'pg';
import type { NextRequest } from 'next/server';
const pool = new Pool();
export async function GET(request: NextRequest, { params }: { params: { id: string } }) {
  const q = new URL(request.url).searchParams.get('q');
  return Response.json(await pool.query(\`SELECT * FROM u WHERE id = \${params.id} AND q = \${q}\`, []));
}`,
      errors: [
        { messageId: 'sqlInjection', line: 6, column: 71, endColumn: 80, data: { source: '`params.id`', sourceLine: 6, sink: 'pool.query', sinkLine: 6, via: '' } },
        { messageId: 'sqlInjection', line: 6, column: 92, endColumn: 93, data: { source: '`searchParams.get(\'q\')`', sourceLine: 5, sink: 'pool.query', sinkLine: 6, via: '' } },
      ],
    },
    {
      name: 'Hono context',
      code: `import { Hono } from 'hono';
import { Pool } from 'pg';
const pool = new Pool();
const app = new Hono();
app.get('/u', async (c) => c.json(await pool.query(\`SELECT * FROM u WHERE id = \${c.req.query('id')}\`, [])));`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 82, endColumn: 99, data: { source: "`c.req.query('id')`", sourceLine: 5, sink: 'pool.query', sinkLine: 5, via: '' } }],
    },
    {
      name: 'user sink from options',
      options: [{ sinks: ['runSql'] }],
      code: `import express from 'express'; import { runSql } from './sql';
const app = express();
app.get('/u', (req, res) => runSql('DELETE FROM u WHERE id = ' + req.query.id));`,
      errors: [{ messageId: 'sqlInjection', line: 3, column: 66, endColumn: 78, data: { source: '`req.query.id`', sourceLine: 3, sink: 'runSql', sinkLine: 3, via: '' } }],
    },
  ],
});

const typedTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.ts*'] },
      tsconfigRootDir: path.join(import.meta.dirname, '..', 'fixtures'),
    },
  },
});

typedTester.run('no-sql-injection (type-aware)', rule, {
  valid: [{ name: 'number-typed value', code: `${PG}
app.get('/u', (req, res) => { const id: number = Number.parseFloat(String(req.query.id)) || 0; const n = id; return pool.query(\`SELECT * FROM u WHERE id = \${n}\`); });
app.get('/v', (req, res) => { const limit = req.query.limit as unknown as 10 | 20; return pool.query(\`SELECT * FROM u LIMIT \${limit}\`); });` }],
  invalid: [{ name: 'string-typed value', code: `${PG}
app.get('/u', (req, res) => { const name = String(req.query.name); return pool.query(\`SELECT * FROM u WHERE name = '\${name}'\`, []); });`,
    errors: [{ messageId: 'sqlInjection', line: 3, column: 119, endColumn: 123, data: { source: '`req.query.name`', sourceLine: 3, sink: 'pool.query', sinkLine: 3, via: '' } }] }],
});

// Found by tests/robustness/fuzz.test.ts: the rewrite stays valid however the query was written.
ruleTester.run('no-sql-injection: suggestions in awkward positions', rule, {
  valid: [],
  invalid: [
    {
      name: 'a query over several lines stays a template literal',
      code: `${PG}
app.get('/u', (req, res) => pool.query(\`SELECT *
  FROM t WHERE id = \${req.query.id}\`));`,
      errors: [{ messageId: 'sqlInjection', suggestions: [{ messageId: 'parameterize', output: `${PG}
app.get('/u', (req, res) => pool.query(\`SELECT *
  FROM t WHERE id = $1\`, [req.query.id]));` }] }],
    },
    {
      name: 'a parenthesized template is replaced with its parentheses',
      code: `${PG}
app.get('/u', (req, res) => pool.query((\`SELECT * FROM t WHERE id = \${req.query.id}\`)));`,
      errors: [{ messageId: 'sqlInjection', suggestions: [{ messageId: 'parameterize', output: `${PG}
app.get('/u', (req, res) => pool.query('SELECT * FROM t WHERE id = $1', [req.query.id]));` }] }],
    },
    {
      name: 'a comma expression keeps its parentheses in the values array',
      code: `${PG}
app.get('/u', (req, res) => pool.query(\`SELECT * FROM t WHERE id = \${(0, req.query.id)}\`));`,
      errors: [{ messageId: 'sqlInjection', suggestions: [{ messageId: 'parameterize', output: `${PG}
app.get('/u', (req, res) => pool.query('SELECT * FROM t WHERE id = $1', [(0, req.query.id)]));` }] }],
    },
  ],
});

// Only a hole that stands alone as a value is bound; a literal with holes becomes one parameter
// (run on PostgreSQL in tests/suggestions/sql-parameterize.test.ts).
ruleTester.run('no-sql-injection: what the rewrite binds', rule, {
  valid: [],
  invalid: [
    {
      name: 'LIKE pattern: the whole literal is the parameter',
      code: `${PG}
app.get('/u', (req, res) => pool.query(\`SELECT id FROM u WHERE name LIKE '%\${req.query.q}%'\`));`,
      errors: [{ messageId: 'sqlInjection', suggestions: [{ messageId: 'parameterize', output: `${PG}
app.get('/u', (req, res) => pool.query('SELECT id FROM u WHERE name LIKE $1', [\`%\${req.query.q}%\`]));` }] }],
    },
    {
      name: 'an ORDER BY column is a name: no suggestion',
      code: `${PG}
app.get('/u', (req, res) => pool.query(\`SELECT id FROM u ORDER BY \${req.query.sort}\`));`,
      errors: [{ messageId: 'sqlInjection', suggestions: [] }],
    },
    {
      name: 'a value inside a comment: no suggestion',
      code: `${PG}
app.get('/u', (req, res) => pool.query(\`SELECT id FROM u /* \${req.query.c} */ WHERE id = 1\`));`,
      errors: [{ messageId: 'sqlInjection', suggestions: [] }],
    },
    {
      name: 'Prisma: the literal becomes one template value',
      code: `import express from 'express';
const app = express();
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.get('/u', (req, res) => prisma.$queryRawUnsafe(\`SELECT id FROM u WHERE name LIKE '\${req.query.q}%'\`));`,
      errors: [{ messageId: 'sqlInjection', suggestions: [{ messageId: 'parameterize', output: `import express from 'express';
const app = express();
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.get('/u', (req, res) => prisma.$queryRaw\`SELECT id FROM u WHERE name LIKE \${\`\${req.query.q}%\`}\`);` }] }],
    },
  ],
});
