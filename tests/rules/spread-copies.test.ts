import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A copy made by spreading (`{ ...req.query.filter }`) is the value it copies: its keys and its
 * fields are the client's. Passed through a service to a repository that turns the entries into
 * SQL, it reaches the SQL text as the original would. An object that adds fields of its own beside
 * the spread stays a container (its own fields are the server's).
 */

const rules: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

const project = (argument: string) =>
  writeProject({
    'src/db.ts': `import { Pool } from 'pg';

export const pool = new Pool();
`,
    'src/invoices.repository.ts': `import { pool } from './db';

export async function findInvoices(filter: Record<string, string>) {
  const where = Object.entries(filter).map(([column, value]) => \`\${column} = '\${value}'\`).join(' AND ');
  const { rows } = await pool.query(\`SELECT id, total FROM invoices WHERE \${where}\`);
  return rows;
}
`,
    'src/invoices.service.ts': `import { findInvoices } from './invoices.repository';

export class InvoicesService {
  async list(filters: Record<string, string>) {
    return findInvoices(filters);
  }
}
`,
    'src/invoices.routes.ts': `import { Router } from 'express';
import { InvoicesService } from './invoices.service';

const invoices = new InvoicesService();
export const router = Router();

router.get('/invoices', async (req, res) => {
  res.json(await invoices.list(${argument}));
});
`,
  });

describe('a spread copy of request input passed down two layers', () => {
  it('is reported at the repository, as the original is', async () => {
    const copied = await findings(project('{ ...(req.query.filter as Record<string, string>) }'), 'src/invoices.repository.ts');
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatch(/^5 api-security\/no-sql-injection: `req\.query\.filter` in src\/invoices\.routes\.ts \(line 8\)/);
    const original = await findings(project('req.query.filter as Record<string, string>'), 'src/invoices.repository.ts');
    expect(original).toEqual(copied);
  });

  it('two spreads of the query are both the client', async () => {
    const both = await findings(project('{ ...(req.query as Record<string, string>), ...(req.body as Record<string, string>) }'), 'src/invoices.repository.ts');
    expect(both).toHaveLength(1);
    expect(both[0]).toMatch(/^5 api-security\/no-sql-injection: `req\.(?:query|body)` in src\/invoices\.routes\.ts \(line 8\)/);
  });

  it('a copy of server values is not', async () => {
    expect(await findings(project('{ ...{ status: "open" } }'), 'src/invoices.repository.ts')).toEqual([]);
  });
});
