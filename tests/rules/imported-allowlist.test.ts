import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * An allow-list kept in another file of the project (`export const SORTABLE = [...]` in
 * constants.js) checks a value as one of the same file does, when it is a `const` of literals that
 * no file changes. A list that is built at run time, or that an importer adds to, proves nothing.
 */

const rules = { 'api-security/no-sql-injection': 'error' } as const;

const route = (list: string) => `import express from 'express';
import pg from 'pg';
import { SORTABLE } from './constants.js';
const app = express();
const pool = new pg.Pool();
${list}
app.get('/products', async (req, res) => {
  const sort = String(req.query.sort);
  if (!SORTABLE.includes(sort)) return res.status(400).end();
  res.json((await pool.query('SELECT id, name FROM products ORDER BY ' + sort)).rows);
});
`;

describe('no-sql-injection: allow-lists imported from another file', () => {
  it('accepts a constant list of literals exported by another file', async () => {
    const dir = writeProject({ 'constants.js': "export const SORTABLE = ['name', 'price', 'created_at'];\n", 'routes.js': route('') });
    expect(await lintProjectFile(dir, 'routes.js', rules)).toEqual([]);
  });

  it('does not accept a list another file fills at run time', async () => {
    const dir = writeProject({
      'constants.js': "export const SORTABLE = [];\nexport function allowSort(column) { SORTABLE.push(column); }\n",
      'routes.js': route(''),
    });
    expect((await lintProjectFile(dir, 'routes.js', rules)).map((message) => message.line)).toEqual([10]);
  });

  it('does not accept a list the importer adds to', async () => {
    const dir = writeProject({ 'constants.js': "export const SORTABLE = ['name'];\n", 'routes.js': route("SORTABLE.push(process.env.EXTRA_SORT ?? 'id');") });
    expect((await lintProjectFile(dir, 'routes.js', rules)).map((message) => message.line)).toEqual([10]);
  });
});
