import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

// A read route whose handler comes from a controller factory handed a service built on a
// repository (`loanHandlers(new LoanService(new LoanStore(knex)))`), the repository querying
// through a field that holds the query builder (`this.knex('loans').select(…)`). What the handler
// answers is computed from those records (fields mapped and joined into text, template strings of
// them): still stored data, so recommended reports the route without authentication. A count or a
// flag computed from the same records answers no record: it stays quiet.

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

const STORE = `import type { Knex } from 'knex';

export class LoanStore {
  constructor(private readonly knex: Knex) {}

  everything() {
    return this.knex('loans').select('id', 'borrower', 'title', 'due');
  }
}
`;

const SERVICE = `import { LoanStore } from './loan-store';

export class LoanService {
  constructor(private readonly store: LoanStore) {}

  listAll() {
    return this.store.everything();
  }
}
`;

const handlers = (answer: string): string => `import type { Request, Response } from 'express';
import { LoanService } from './loan-service';

export function loanHandlers(loans: LoanService) {
  return {
    async report(_req: Request, res: Response) {
      const all = await loans.listAll();
      ${answer}
    },
  };
}
`;

const ROUTES = `import { Router } from 'express';
import knex from 'knex';
import { LoanStore } from './loan-store';
import { LoanService } from './loan-service';
import { loanHandlers } from './loan-handlers';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const loans = loanHandlers(new LoanService(new LoanStore(db)));

export const routes = Router();

routes.get('/loans/report.txt', loans.report);
`;

function project(answer: string): string {
  return writeProject(
    {
      'src/loan-store.ts': STORE,
      'src/loan-service.ts': SERVICE,
      'src/loan-handlers.ts': handlers(answer),
      'src/routes.ts': ROUTES,
      'src/main.ts': "import express from 'express';\nimport { routes } from './routes';\n\nexpress().use('/v1', routes).listen(8080);\n",
    },
    { name: 'lending' },
  );
}

async function lint(answer: string): Promise<string[]> {
  return summary(await lintProjectFile(project(answer), 'src/routes.ts', recommended));
}

describe('no-unauthenticated-route: stored data answered through a controller factory and class services', () => {
  it('the records as they are', async () => {
    expect(await lint('res.json(all);')).toEqual(['12 api-security/no-unauthenticated-route']);
  });

  it('fields of the records mapped into lines and joined into one text', async () => {
    expect(await lint("res.type('text/plain').send(all.map((loan) => [loan.borrower, loan.title, loan.due].join(';')).join('\\n'));")).toEqual([
      '12 api-security/no-unauthenticated-route',
    ]);
  });

  it('a template string of the fields of each record, joined', async () => {
    expect(await lint("res.send(all.map((loan) => \`\${loan.borrower} owes \${loan.title}\`).join('\\n'));")).toEqual(['12 api-security/no-unauthenticated-route']);
  });

  it('look-alike: only how many records there are', async () => {
    expect(await lint('res.json({ outstanding: all.length });')).toEqual([]);
  });

  it('look-alike: a flag per record, or the size of the joined text', async () => {
    expect(await lint('res.json(all.map((loan) => loan.due < Date.now()));')).toEqual([]);
    expect(await lint("res.json({ bytes: all.map((loan) => loan.title).join(',').length });")).toEqual([]);
  });

  // A whole-project run lints the other files first: the project model has then parsed the routes
  // file for their questions before ESLint lints it, and keeps that parse. The handler's factory call
  // of the linted tree is read in the kept parse, so the verdict does not depend on the order.
  for (const first of ['src/loan-store.ts', 'src/loan-service.ts', 'src/loan-handlers.ts']) {
    it(`the same when ${first} is linted first in the same process`, async () => {
      const dir = project('res.json(all);');
      await lintProjectFile(dir, first, recommended);
      expect(summary(await lintProjectFile(dir, 'src/routes.ts', recommended))).toEqual(['12 api-security/no-unauthenticated-route']);
    });
  }
});
