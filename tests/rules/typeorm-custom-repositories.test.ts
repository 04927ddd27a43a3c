import type { Linter } from 'eslint';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-sql-injection.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * TypeORM 0.3 custom repositories: `dataSource.getRepository(User).extend({ findByName(name) { … } })`.
 * A call of one of the object's methods on the repository runs that method, in the same file and
 * from another one (a service holding the repository in a field, a route calling the service).
 */

const rules: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };

const repository = `import { DataSource } from 'typeorm';
import { User } from './user.entity';

export const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [User] });

export const userRepository = dataSource.getRepository(User).extend({
  findByNameLike(name: string) {
    return this.createQueryBuilder('u').where(\`u.name ILIKE '%\${name}%'\`).getMany();
  },

  findByNameBound(name: string) {
    return this.createQueryBuilder('u').where('u.name ILIKE :name', { name: \`%\${name}%\` }).getMany();
  },
});
`;

describe('TypeORM custom repositories across files', () => {
  it('follows a call through a service field to the method of the object given to extend()', async () => {
    const dir = writeProject({
      'src/user.entity.ts': `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity()
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() name!: string;
}
`,
      'src/user.repository.ts': repository,
      'src/user.service.ts': `import { userRepository } from './user.repository';

export class UserService {
  private readonly repo = userRepository;

  search(name: string) {
    return this.repo.findByNameLike(name);
  }

  searchBound(name: string) {
    return this.repo.findByNameBound(name);
  }
}
`,
      'src/routes.ts': `import express from 'express';
import { UserService } from './user.service';
import { userRepository } from './user.repository';

const users = new UserService();
export const router = express.Router();
router.get('/users/search', async (req, res) => res.json(await users.search(String(req.query.name))));
router.get('/users/search-bound', async (req, res) => res.json(await users.searchBound(String(req.query.name))));
router.get('/users/lookup', async (req, res) => res.json(await userRepository.findByNameBound(String(req.query.q))));
`,
    }, { name: 'typeorm-app' });
    const messages = await lintProjectFile(dir, 'src/user.repository.ts', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}`)).toEqual(['8 api-security/no-sql-injection']);
    expect(messages[0]?.message).toContain('req.query.name');
  });
});

const ruleTester = new RuleTester();

ruleTester.run('no-sql-injection: TypeORM custom repository in the same file', rule, {
  valid: [
    {
      name: 'the bound method of the custom repository',
      code: `
import express from 'express';
import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const notes = dataSource.getRepository('Note').extend({
  byTitle(title) { return this.createQueryBuilder('n').where('n.title = :title', { title }).getMany(); },
});
const app = express();
app.get('/notes', async (req, res) => res.json(await notes.byTitle(req.query.title)));
`,
    },
  ],
  invalid: [
    {
      name: 'the method of the object given to extend()',
      code: `
import express from 'express';
import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const notes = dataSource.getRepository('Note').extend({
  byTitle(title) { return this.createQueryBuilder('n').where(\`n.title = '\${title}'\`).getMany(); },
});
const app = express();
app.get('/notes', async (req, res) => res.json(await notes.byTitle(req.query.title)));
`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 6 }],
    },
  ],
});
