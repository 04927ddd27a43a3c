import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A controller that builds its own dependencies as defaults of constructor parameter properties
 * (`constructor(private readonly users = new SqlUsers())`): `this.users` is an instance of that
 * class, declared or inferred from the default, as if the field were typed.
 */
const manifest = { name: 'accounts', type: 'module', dependencies: { express: '^4.21.0', sequelize: '^6.37.0' } };

const files = (controllerConstructor: string): Record<string, string> => ({
  'src/models.ts': `import { DataTypes, Sequelize } from 'sequelize';
export const sequelize = new Sequelize(process.env.DATABASE_URL ?? '');
export const Account = sequelize.define('Account', { name: DataTypes.STRING, role: DataTypes.STRING });
`,
  'src/repositories/SqlAccounts.ts': `import { Account, sequelize } from '../models.js';

export class SqlAccounts {
  find(term: string) {
    return sequelize.query(\`SELECT id, name FROM accounts WHERE name = '\${term}'\`);
  }

  async save(id: number, changes: Record<string, unknown>) {
    await Account.update(changes, { where: { id } });
  }
}
`,
  'src/controllers/AccountController.ts': `import type { Request, Response } from 'express';
import { SqlAccounts } from '../repositories/SqlAccounts.js';

export class AccountController {
${controllerConstructor}

  search = async (req: Request, res: Response) => {
    res.json(await this.accounts.find(String(req.query.name)));
  };

  update = async (req: Request, res: Response) => {
    await this.accounts.save(Number(req.params.id), req.body);
    res.status(204).end();
  };
}
`,
  'src/app.ts': `import express from 'express';
import { AccountController } from './controllers/AccountController.js';
const app = express();
app.use(express.json());
const accounts = new AccountController();
app.get('/accounts', accounts.search);
app.put('/accounts/:id', accounts.update);
app.listen(3000);
`,
});

const lines = async (dir: string, file: string, rule: string): Promise<number[]> =>
  (await lintProjectFile(dir, file, { [`api-security/${rule}`]: 'error' })).map((message) => message.line);

describe('constructor parameter properties with a default', () => {
  it('an untyped default instance: the query and the whole-body write are found', async () => {
    const dir = writeProject(files('  constructor(private readonly accounts = new SqlAccounts()) {}'), manifest);
    expect(await lines(dir, 'src/repositories/SqlAccounts.ts', 'no-sql-injection')).toEqual([5]);
    expect(await lines(dir, 'src/controllers/AccountController.ts', 'no-mass-assignment')).toEqual([12]);
  });

  it('a typed parameter with a default', async () => {
    const dir = writeProject(files('  constructor(private readonly accounts: SqlAccounts = new SqlAccounts()) {}'), manifest);
    expect(await lines(dir, 'src/repositories/SqlAccounts.ts', 'no-sql-injection')).toEqual([5]);
  });

  it('a default that is not a project class stays unresolved', async () => {
    const dir = writeProject(files('  constructor(private readonly accounts = { find: (name: string) => [name], save: async (id: number, changes: unknown) => [id, changes] }) {}'), manifest);
    expect(await lines(dir, 'src/repositories/SqlAccounts.ts', 'no-sql-injection')).toEqual([]);
  });
});
