import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Clean-architecture layers: a use case depends on a repository interface, and the class that
 * implements it (in another file, importing the interface) runs the query. Nothing imports the
 * implementation but the composition root, so the callers of its methods are found among the
 * importers of the interface it implements.
 */
const rules: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };
const manifest = { name: 'billing', type: 'module', dependencies: { express: '^4.21.0', sequelize: '^6.37.0' } };

function project(search: string): Record<string, string> {
  return {
    'src/repositories/ReportRepository.ts': `export interface ReportRepository {
  search(term: string): Promise<unknown[]>;
}
`,
    'src/repositories/sql/SqlReportRepository.ts': `import { QueryTypes, Sequelize } from 'sequelize';
import type { ReportRepository } from '../ReportRepository.js';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? '');

export class SqlReportRepository implements ReportRepository {
  async search(term: string) {
${search}
  }
}
`,
    'src/usecases/FindReports.ts': `import type { ReportRepository } from '../repositories/ReportRepository.js';

export class FindReports {
  constructor(private readonly reports: ReportRepository) {}

  run(term: string) {
    return this.reports.search(term.trim());
  }
}
`,
    'src/controllers/ReportController.ts': `import type { Request, Response } from 'express';
import { FindReports } from '../usecases/FindReports.js';

export class ReportController {
  constructor(private readonly findReports: FindReports) {}

  list = async (req: Request, res: Response) => {
    res.json(await this.findReports.run(String(req.query.q ?? '')));
  };
}
`,
    'src/app.ts': `import express from 'express';
import { ReportController } from './controllers/ReportController.js';
import { FindReports } from './usecases/FindReports.js';
import { SqlReportRepository } from './repositories/sql/SqlReportRepository.js';

const app = express();
const controller = new ReportController(new FindReports(new SqlReportRepository()));
app.get('/reports', controller.list);
app.listen(3000);
`,
  };
}

describe('callers through an implemented interface', () => {
  it('reports the query text built from the request in the implementation', async () => {
    const dir = writeProject(project("    return sequelize.query(`SELECT * FROM reports WHERE title LIKE '%${term}%'`, { type: QueryTypes.SELECT });"), manifest);
    const messages = await lintProjectFile(dir, 'src/repositories/sql/SqlReportRepository.ts', rules);
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[8, 'api-security/no-sql-injection']]);
    expect(messages[0]?.message).toContain('`req.query.q` in src/controllers/ReportController.ts');
  });

  it('a bound replacement in the implementation is not reported', async () => {
    const dir = writeProject(project("    return sequelize.query('SELECT * FROM reports WHERE title LIKE :term', { replacements: { term: `%${term}%` }, type: QueryTypes.SELECT });"), manifest);
    expect(await lintProjectFile(dir, 'src/repositories/sql/SqlReportRepository.ts', rules)).toEqual([]);
  });
});
