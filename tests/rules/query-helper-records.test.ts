import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-whole-object-response.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Teams wrap their driver in a small helper (`query(text, params)` that calls `pool.query` and
 * returns its result, often timing it). The SQL text given to the helper decides what the rows
 * hold, as if the driver were called where the helper is: `SELECT *` of a users table is the
 * whole record, an explicit column list is not.
 */
const ruleTester = new RuleTester();

const head = `import express from 'express';
import { Pool } from 'pg';
const app = express();
const pool = new Pool();
`;

ruleTester.run('no-whole-object-response: a query helper of the same file', rule, {
  valid: [
    {
      name: 'explicit columns through the helper',
      code: `${head}const query = (text, params) => pool.query(text, params);
app.get('/users/:id', async (req, res) => {
  const { rows } = await query('SELECT id, nickname FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
    },
    {
      name: 'a helper that returns something else than the driver result',
      code: `${head}async function count(text, params) {
  const result = await pool.query(text, params);
  return { rows: [{ total: result.rowCount }] };
}
app.get('/users/:id', async (req, res) => {
  const { rows } = await count('SELECT * FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
    },
  ],
  invalid: [
    {
      name: 'SELECT * through an arrow helper',
      code: `${head}const query = (text, params) => pool.query(text, params);
app.get('/users/:id', async (req, res) => {
  const { rows } = await query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 12, endColumn: 19, data: { object: '`rows[0]`', origin: 'line 7, from `query`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'SELECT * through a timing helper that returns the awaited result',
      code: `${head}async function timed(text, params) {
  const started = Date.now();
  const result = await pool.query(text, params);
  console.info('query took', Date.now() - started);
  return result;
}
app.get('/users/:id', async (req, res) => {
  const result = await timed('SELECT * FROM users WHERE id = $1', [req.params.id]);
  res.json(result.rows[0]);
});`,
      errors: [{ messageId: 'wholeObject', line: 13, data: { object: '`result.rows[0]`', origin: 'line 12, from `timed`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] }],
    },
  ],
});

describe('no-whole-object-response: a query helper of another file', () => {
  const files = (select: string): Record<string, string> => ({
    'src/db/pg.js': `import pg from 'pg';
export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
export async function query(text, params) {
  const started = Date.now();
  const res = await pool.query(text, params);
  if (Date.now() - started > 500) console.warn('slow query');
  return res;
}
`,
    'src/services/accounts.js': `import { query } from '../db/pg.js';
export async function getAccount(id) {
  const { rows } = await query('${select} FROM accounts WHERE id = $1', [id]);
  return rows[0];
}
`,
    'src/routes.js': `import express from 'express';
import { getAccount } from './services/accounts.js';
export const router = express.Router();
router.get('/accounts/:id', async (req, res) => {
  res.json(await getAccount(req.params.id));
});
`,
  });
  const manifest = { name: 'accounts', type: 'module', dependencies: { express: '^4.21.0', pg: '^8.13.0' } };
  const rules = { 'api-security/no-whole-object-response': 'error' } as const;

  it('the whole row a service returns through the helper is reported at the response', async () => {
    const dir = writeProject(files('SELECT *'), manifest);
    const messages = await lintProjectFile(dir, 'src/routes.js', rules);
    expect(messages.map((message) => message.line)).toEqual([5]);
  });

  it('a column list is not', async () => {
    const dir = writeProject(files('SELECT id, display_name'), manifest);
    expect(await lintProjectFile(dir, 'src/routes.js', rules)).toEqual([]);
  });
});
