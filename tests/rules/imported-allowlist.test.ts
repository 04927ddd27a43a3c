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

/*
 * The same reading of a fixed list as the public-path lists of no-unauthenticated-route
 * (`fixedStringList`): a list the code changes in place is no list, however it is changed.
 */
describe('no-sql-injection: a list of this file the code changes is not an allow-list', () => {
  const local = (list: string, change = '') => `import express from 'express';
import pg from 'pg';
const app = express();
const pool = new pg.Pool();
${list}
${change}
app.get('/products', async (req, res) => {
  const sort = String(req.query.sort);
  if (!SORTABLE.includes(sort)) return res.status(400).end();
  res.json((await pool.query('SELECT id, name FROM products ORDER BY ' + sort)).rows);
});
`;
  const lines = async (source: string): Promise<number[]> => {
    const dir = writeProject({ 'routes.js': source });
    return (await lintProjectFile(dir, 'routes.js', rules)).map((message) => message.line);
  };

  it('stays silent for a list nothing changes, or that is only handed to a function that reads it', async () => {
    expect(await lines(local("const SORTABLE = ['name', 'price'];"))).toEqual([]);
    expect(await lines(local("const SORTABLE = ['name', 'price'];", 'function describe(list) { return list.join(", "); }\nconsole.log(describe(SORTABLE));'))).toEqual([]);
    expect(await lines(local("const SORTABLE = new Set(['name', 'price']);"))).toEqual([]);
  });

  it('reports when the list is emptied, rewritten at an index, assigned into or filled by a function of the file', async () => {
    expect(await lines(local("const SORTABLE = ['name'];", 'SORTABLE.length = 0;'))).toEqual([10]);
    expect(await lines(local("const SORTABLE = ['name'];", 'SORTABLE[0] = process.env.SORT_COLUMN;'))).toEqual([10]);
    expect(await lines(local("const SORTABLE = ['name'];", 'Object.assign(SORTABLE, process.argv.slice(2));'))).toEqual([10]);
    expect(await lines(local("const SORTABLE = ['name'];", 'function widen(list, extra) { list.push(...extra); } widen(SORTABLE, process.argv.slice(2));'))).toEqual([10]);
    expect(await lines(local("const SORTABLE = new Set(['name']);", 'SORTABLE.add(process.env.SORT_COLUMN);'))).toEqual([10]);
  });
});
