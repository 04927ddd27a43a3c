import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-sql-injection.js';

/*
 * Serverless and edge SQL clients, as model data: Neon, Vercel Postgres, PlanetScale, libSQL (Turso),
 * Bun's SQLite and MikroORM's entity manager (`em`). Each has a safe look-alike: its tagged template
 * or its values argument. Neon and Vercel bind `$1` like pg, PlanetScale `?` like mysql2, so the
 * bound-parameter rewrite is the one tests/suggestions runs on PostgreSQL; libSQL and Bun take their
 * values elsewhere (an `{ sql, args }` object, the statement's `all(...)`), so they get none.
 */

const ruleTester = new RuleTester();
const express = `import express from 'express';
const app = express();
`;

ruleTester.run('no-sql-injection (serverless drivers)', rule, {
  valid: [
    { name: 'Neon: the tag binds its holes, query takes values', code: `${express}import { neon } from '@neondatabase/serverless';
const sql = neon(process.env.DATABASE_URL);
app.get('/p', async (req, res) => {
  const a = await sql\`SELECT * FROM posts WHERE slug = \${req.query.slug}\`;
  const b = await sql.query('SELECT * FROM posts WHERE slug = $1', [req.query.slug]);
  res.json({ a, b });
});` },
    { name: 'libSQL with args', code: `${express}import { createClient } from '@libsql/client';
const turso = createClient({ url: process.env.TURSO_URL });
app.get('/p', async (req, res) => res.json(await turso.execute({ sql: 'SELECT * FROM posts WHERE id = ?', args: [req.query.id] })));` },
    {
      name: 'ClickHouse binds {name:Type} placeholders from query_params',
      code: `${express}import { createClient } from '@clickhouse/client';
const warehouse = createClient({ url: process.env.CH_URL });
app.get('/hits', async (req, res) => {
  const rows = await warehouse.query({ query: 'SELECT count() FROM hits WHERE page = {page:String}', query_params: { page: req.query.page }, format: 'JSON' });
  res.json(await rows.json());
});`,
    },
    {
      name: 'a query method of another library with a query option is not ClickHouse',
      code: `${express}import { createClient } from 'graphql-ws';
const gql = createClient({ url: process.env.GQL_URL });
app.get('/q', (req, res) => res.json(gql.subscribe({ query: 'query Q { post(id: "' + req.query.id + '") { id } }' }, {})));`,
    },
    { name: 'Bun SQLite statement with bound values', code: `${express}import { Database } from 'bun:sqlite';
const sqlite = new Database('app.db');
app.get('/p', (req, res) => res.json(sqlite.query('SELECT * FROM posts WHERE id = ?').all(req.query.id)));` },
  ],
  invalid: [
    {
      name: 'Neon query and unsafe with text built from the request',
      code: `${express}import { neon } from '@neondatabase/serverless';
const sql = neon(process.env.DATABASE_URL);
app.get('/p', async (req, res) => {
  const a = await sql.query(\`SELECT * FROM posts WHERE slug = '\${req.query.slug}'\`);
  const b = await sql.unsafe('ORDER BY ' + req.query.sort);
  res.json({ a, b });
});`,
      errors: [
        {
          messageId: 'sqlInjection',
          line: 6,
          suggestions: [{ messageId: 'parameterize', output: `${express}import { neon } from '@neondatabase/serverless';
const sql = neon(process.env.DATABASE_URL);
app.get('/p', async (req, res) => {
  const a = await sql.query('SELECT * FROM posts WHERE slug = $1', [req.query.slug]);
  const b = await sql.unsafe('ORDER BY ' + req.query.sort);
  res.json({ a, b });
});` }],
        },
        // A sort column cannot be a bound parameter: no rewrite.
        { messageId: 'sqlInjection', line: 7, suggestions: [] },
      ],
    },
    {
      name: 'Vercel Postgres, PlanetScale, libSQL and Bun SQLite',
      code: `${express}import { sql } from '@vercel/postgres';
import { connect } from '@planetscale/database';
import { createClient } from '@libsql/client';
import { Database } from 'bun:sqlite';
const ps = connect({ url: process.env.PS_URL });
const turso = createClient({ url: process.env.TURSO_URL });
const local = new Database('app.db');
app.get('/search', async (req, res) => {
  const where = "name LIKE '%" + req.query.q + "%'";
  await sql.query('SELECT * FROM users WHERE ' + where);
  await ps.execute('SELECT * FROM users WHERE ' + where);
  await turso.execute('SELECT * FROM users WHERE ' + where);
  res.json(local.query('SELECT * FROM users WHERE ' + where).all());
});`,
      errors: [{ messageId: 'sqlInjection', line: 12 }, { messageId: 'sqlInjection', line: 13 }, { messageId: 'sqlInjection', line: 14 }, { messageId: 'sqlInjection', line: 15 }],
    },
    {
      name: 'ClickHouse: the text of query and command options built from the request',
      code: `${express}import { createClient } from '@clickhouse/client';
const warehouse = createClient({ url: process.env.CH_URL });
app.get('/hits', async (req, res) => {
  const rows = await warehouse.query({ query: "SELECT count() FROM hits WHERE page = '" + req.query.page + "'", format: 'JSON' });
  await warehouse.command({ query: \`OPTIMIZE TABLE \${req.query.table}\` });
  res.json(await rows.json());
});`,
      errors: [
        { messageId: 'sqlInjection', line: 6, column: 91, data: { source: '`req.query.page`', sourceLine: 6, sink: 'warehouse.query', sinkLine: 6 } },
        { messageId: 'sqlInjection', line: 7, column: 54, data: { source: '`req.query.table`', sourceLine: 7, sink: 'warehouse.command', sinkLine: 7 } },
      ],
    },
    {
      name: 'MikroORM: the entity manager of another file runs raw SQL',
      code: `${express}import { em } from './orm';
app.get('/r', async (req, res) => res.json(await em.execute('SELECT * FROM reports WHERE owner = ' + req.query.owner)));`,
      errors: [{ messageId: 'sqlInjection', line: 4 }],
    },
  ],
});
