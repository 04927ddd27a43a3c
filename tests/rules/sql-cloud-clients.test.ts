import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-sql-injection.js';

/*
 * SQL text of cloud and ORM clients, as model data: Azure Cosmos DB `container.items.query`, BigQuery
 * `bigquery.query` / `createQueryJob` (text, or the `query` of an options object), Neon's `sql`
 * called as a function rather than as a tag, and the driver connection of an entity manager
 * (`em.getConnection().execute`). Each has a safe look-alike: its `@name` / `$1` / `?` parameters,
 * or the tagged template.
 */

const ruleTester = new RuleTester();
const express = `import express from 'express';
const app = express();
`;

ruleTester.run('no-sql-injection (cloud clients)', rule, {
  valid: [
    {
      name: 'Cosmos DB with @parameters',
      code: `${express}import { CosmosClient } from '@azure/cosmos';
const orders = new CosmosClient(process.env.COSMOS).database('shop').container('orders');
app.get('/orders', async (req, res) => {
  const { resources } = await orders.items.query({ query: 'SELECT * FROM c WHERE c.state = @state', parameters: [{ name: '@state', value: req.query.state }] }).fetchAll();
  res.json(resources);
});`,
    },
    {
      name: 'BigQuery with named params',
      code: `${express}import { BigQuery } from '@google-cloud/bigquery';
const warehouse = new BigQuery();
app.get('/visits', async (req, res) => {
  const [rows] = await warehouse.query({ query: 'SELECT * FROM site.visits WHERE page = @page', params: { page: req.query.page } });
  res.json(rows);
});`,
    },
    {
      name: 'Neon: the function form with a values list, and the tag',
      code: `${express}import { neon } from '@neondatabase/serverless';
const sql = neon(process.env.DATABASE_URL);
app.get('/p', async (req, res) => {
  const a = await sql('SELECT * FROM posts WHERE slug = $1', [req.query.slug]);
  const b = await sql\`SELECT * FROM posts WHERE slug = \${req.query.slug}\`;
  res.json({ a, b });
});`,
    },
    {
      name: 'an entity manager connection with ? parameters',
      code: `${express}import { orm } from './orm.js';
app.get('/tasks', async (req, res) => {
  res.json(await orm.em.getConnection().execute('SELECT id FROM tasks WHERE title = ?', [req.query.title]));
});`,
    },
    {
      name: 'a getConnection().execute of something that is no SQL',
      code: `${express}import { broker } from './broker.js';
app.post('/jobs', async (req, res) => {
  res.json(await broker.getConnection().execute(req.body.command));
});`,
    },
  ],
  invalid: [
    {
      name: 'Cosmos DB text built from the request',
      code: `${express}import { CosmosClient } from '@azure/cosmos';
const orders = new CosmosClient(process.env.COSMOS).database('shop').container('orders');
app.get('/orders', async (req, res) => {
  const { resources } = await orders.items.query(\`SELECT * FROM c WHERE c.state = '\${req.query.state}'\`).fetchAll();
  res.json(resources);
});`,
      errors: [{ messageId: 'sqlInjection', line: 6 }],
    },
    {
      name: 'BigQuery text, plain and in the options object',
      code: `${express}import { BigQuery } from '@google-cloud/bigquery';
const warehouse = new BigQuery();
app.get('/visits', async (req, res) => {
  const [a] = await warehouse.query(\`SELECT \${req.query.columns} FROM site.visits\`);
  const [b] = await warehouse.createQueryJob({ query: 'SELECT * FROM site.visits ORDER BY ' + req.query.sort });
  res.json({ a, b });
});`,
      errors: [{ messageId: 'sqlInjection', line: 6 }, { messageId: 'sqlInjection', line: 7 }],
    },
    {
      name: 'Neon sql called with text built from the request',
      code: `${express}import { neon } from '@neondatabase/serverless';
const sql = neon(process.env.DATABASE_URL);
app.get('/p', async (req, res) => res.json(await sql(\`SELECT * FROM posts WHERE slug = '\${req.query.slug}'\`)));`,
      errors: [
        {
          messageId: 'sqlInjection',
          line: 5,
          // The function form takes its values as the second argument, as pg's query does.
          suggestions: [{ messageId: 'parameterize', output: `${express}import { neon } from '@neondatabase/serverless';
const sql = neon(process.env.DATABASE_URL);
app.get('/p', async (req, res) => res.json(await sql('SELECT * FROM posts WHERE slug = $1', [req.query.slug])));` }],
        },
      ],
    },
    {
      name: 'an entity manager connection given SQL text built from the request',
      code: `${express}import { orm } from './orm.js';
app.get('/tasks', async (req, res) => {
  const em = orm.em.fork();
  res.json(await em.getConnection().execute(\`SELECT id FROM tasks ORDER BY \${req.query.sort}\`));
});`,
      errors: [{ messageId: 'sqlInjection', line: 6 }],
    },
  ],
});
