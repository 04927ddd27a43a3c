import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A project checked out without a `package.json` (a service folder copied alone, sources handed to
 * a reviewer) is still one project: its root is the nearest directory holding a `tsconfig.json`,
 * `jsconfig.json` or `.git`, else ESLint's working directory. Before, such files were judged one at
 * a time and every flow through another file was lost, silently.
 */

const rules = { 'api-security/no-sql-injection': 'error' } as const;

const layered = {
  'src/db/pool.js': `const { Pool } = require('pg');
module.exports = new Pool({ connectionString: process.env.DATABASE_URL });
`,
  'src/repositories/customers.js': `const pool = require('../db/pool');

async function searchCustomers(term) {
  const result = await pool.query(\`SELECT id, name FROM customers WHERE name ILIKE '%\${term}%'\`);
  return result.rows;
}

async function customerById(id) {
  const result = await pool.query('SELECT id, name FROM customers WHERE id = $1', [id]);
  return result.rows[0];
}

module.exports = { searchCustomers, customerById };
`,
  'src/routes/customers.js': `const express = require('express');
const customers = require('../repositories/customers');

const router = express.Router();

router.get('/customers', async (req, res) => {
  res.json(await customers.searchCustomers(req.query.q));
});

router.get('/customers/:id', async (req, res) => {
  res.json(await customers.customerById(req.params.id));
});

module.exports = router;
`,
};

/** Whether any directory from `dir` up holds a `package.json` (the tests below need none). */
function manifestAbove(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'package.json'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

describe('a project without a package.json', () => {
  it('is rooted at the working directory: the flow through the repository is reported at its sink', async () => {
    const dir = writeProject(layered, null);
    expect(manifestAbove(dir)).toBe(false);
    const messages = await lintProjectFile(dir, 'src/repositories/customers.js', rules);
    expect(summary(messages)).toEqual(['4 api-security/no-sql-injection']);
    expect(messages[0]?.message).toContain('`req.query.q` in src/routes/customers.js (line 7)');
  });

  it('is rooted at the directory holding its jsconfig.json, also when the working directory is above it', async () => {
    const dir = writeProject(layered, null);
    writeFileSync(path.join(dir, 'jsconfig.json'), '{ "compilerOptions": { "checkJs": false } }');
    const messages = await lintProjectFile(dir, 'src/repositories/customers.js', rules, path.dirname(dir));
    expect(summary(messages)).toEqual(['4 api-security/no-sql-injection']);
  });

  it('still tells its test files by their path below the root', async () => {
    const dir = writeProject(
      {
        'test/fake-server.js': `const express = require('express');
const { Pool } = require('pg');
const pool = new Pool();
const app = express();
app.get('/rows', async (req, res) => res.json((await pool.query('SELECT * FROM t WHERE a = ' + req.query.a)).rows));
app.listen(0);
`,
      },
      null,
    );
    expect(await lintProjectFile(dir, 'test/fake-server.js', rules)).toEqual([]);
    const included = await lintProjectFile(dir, 'test/fake-server.js', { 'api-security/no-sql-injection': ['error', { includeTests: true }] });
    expect(summary(included)).toEqual(['5 api-security/no-sql-injection']);
  });

  it('resolves @/ imports (a project alias, never a package) from the root, src/ or app/ when no tsconfig is in view', async () => {
    const dir = writeProject(
      {
        'src/lib/reports.ts': `import { Pool } from 'pg';
const pool = new Pool();
export async function reportRows(table: string) {
  return (await pool.query('SELECT * FROM ' + table)).rows;
}
export async function namedRows(name: string) {
  return (await pool.query('SELECT * FROM reports WHERE name = $1', [name])).rows;
}
`,
        'src/app/api/reports/route.ts': `import { NextRequest, NextResponse } from 'next/server';
import { namedRows, reportRows } from '@/lib/reports';
export async function GET(request: NextRequest) {
  const table = request.nextUrl.searchParams.get('table') ?? 'daily';
  const name = request.nextUrl.searchParams.get('name') ?? '';
  return NextResponse.json({ rows: await reportRows(table), named: await namedRows(name) });
}
`,
      },
      { name: 'reports', private: true },
    );
    const messages = await lintProjectFile(dir, 'src/lib/reports.ts', rules);
    expect(summary(messages)).toEqual(['4 api-security/no-sql-injection']);
    expect(messages[0]?.message).toContain('src/app/api/reports/route.ts');
  });
});
