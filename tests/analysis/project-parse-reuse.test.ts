import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectParseCount } from '../../src/analysis/project/parse.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * What the project model parses to answer questions about other files, in one process (an
 * `eslint` run over the whole project). A file ESLint already linted is not parsed again when a
 * file linted later asks about it; and the backward question (who passes request input to this
 * function) resolves only the importer's calls that can reach the asked file, so the modules of
 * its other calls are not parsed for it. The findings stay the same, safe look-alikes stay clean.
 */

const rules: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

const repository = `import { Pool } from 'pg';

const pool = new Pool();

export async function findUserByName(name: string) {
  const { rows } = await pool.query(\`SELECT id, name FROM users WHERE name = '\${name}'\`);
  return rows;
}

export async function findUserByEmail(email: string) {
  const { rows } = await pool.query('SELECT id, name FROM users WHERE email = $1', [email]);
  return rows;
}
`;

const audit = `export function recordAudit(event: string, detail: unknown) {
  console.log(event, JSON.stringify(detail));
}
`;

const mailer = `export class Mailer {
  notify(to: string) {
    return to.length;
  }
}
`;

/** An Express controller calling the repository, and two other modules it also calls. */
function expressProject(): string {
  return writeProject(
    {
      'src/users.repository.ts': repository,
      'src/audit.ts': audit,
      'src/mailer.ts': mailer,
      'src/users.controller.ts': `import { Router } from 'express';
import { findUserByEmail, findUserByName } from './users.repository.js';
import { recordAudit } from './audit.js';
import { Mailer } from './mailer.js';

export const router = Router();
const mailer = new Mailer();

router.get('/users', async (req, res) => {
  recordAudit('search', req.query);
  mailer.notify(String(req.query.name));
  res.json(await findUserByName(String(req.query.name)));
});

router.get('/users/by-email', async (req, res) => {
  res.json(await findUserByEmail(String(req.query.email)));
});
`,
    },
    { name: 'users-app', type: 'module', dependencies: { express: '4.0.0', pg: '8.0.0' } },
  );
}

const sqlFinding = /^6 api-security\/no-sql-injection: .*req\.query\.name.*users\.controller\.ts/u;

describe('parses of other files in one run', () => {
  it('does not parse a file that was linted earlier in the process when a later file asks about it', async () => {
    const dir = expressProject();
    const controller = path.join(dir, 'src/users.controller.ts');
    expect(await findings(dir, 'src/users.controller.ts')).toEqual([]);
    const before = projectParseCount(controller);
    // The repository's sink asks who passes input to findUserByName: the controller, linted above.
    const found = await findings(dir, 'src/users.repository.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(sqlFinding);
    expect(projectParseCount(controller) - before).toBe(0);
  });

  it('parses the controller when its text on disk is not the text ESLint linted', async () => {
    const dir = expressProject();
    const controller = path.join(dir, 'src/users.controller.ts');
    // Linted under its name with other text (an editor's unsaved buffer): not the file on disk.
    const { ESLint } = await import('eslint');
    const { default: plugin } = await import('../../src/index.js');
    const { default: tsParser } = await import('@typescript-eslint/parser');
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], plugins: { 'api-security': plugin as never }, rules, languageOptions: { parser: tsParser as never } }],
    });
    await eslint.lintText(`export const unsaved = 1;\n`, { filePath: controller });
    const before = projectParseCount(controller);
    const found = await findings(dir, 'src/users.repository.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(sqlFinding);
    expect(projectParseCount(controller) - before).toBe(1);
  });

  it('does not parse the modules of the importer calls that cannot reach the asked file', async () => {
    const dir = expressProject();
    const found = await findings(dir, 'src/users.repository.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(sqlFinding);
    // recordAudit and mailer.notify go to modules that neither are nor import the repository.
    expect(projectParseCount(path.join(dir, 'src/audit.ts'))).toBe(0);
    expect(projectParseCount(path.join(dir, 'src/mailer.ts'))).toBe(0);
  });

  it('still follows calls through a renaming barrel, a namespace import and an injected service', async () => {
    const dir = writeProject(
      {
        'src/users.repository.ts': `import { Pool } from 'pg';

const pool = new Pool();

export async function findUserByName(name: string) {
  return pool.query(\`SELECT id FROM users WHERE name = '\${name}'\`);
}

export async function findUserByTitle(title: string) {
  return pool.query(\`SELECT id FROM users WHERE title = '\${title}'\`);
}

export async function findUserByRole(role: string) {
  return pool.query(\`SELECT id FROM users WHERE role = '\${role}'\`);
}

export async function findUserByEmail(email: string) {
  return pool.query(\`SELECT id FROM users WHERE email = '\${email}'\`);
}
`,
        'src/audit.ts': audit,
        'src/repositories/index.ts': `export { findUserByName as lookupByName } from '../users.repository.js';\n`,
        'src/search.controller.ts': `import { Router } from 'express';
import { lookupByName } from './repositories/index.js';
import { recordAudit } from './audit.js';

export const router = Router();

router.get('/search', async (req, res) => {
  recordAudit('search', req.query);
  res.json(await lookupByName(String(req.query.q)));
});
`,
        'src/admin.controller.ts': `import { Router } from 'express';
import * as users from './users.repository.js';

export const router = Router();

router.get('/admin/users', async (req, res) => {
  res.json(await users.findUserByTitle(String(req.body.title)));
});

router.get('/admin/users/by-email', async (req, res) => {
  // Safe look-alike: a constant, not the request.
  res.json(await users.findUserByEmail('admin@example.com'));
});
`,
        'src/users.service.ts': `import { Injectable } from '@nestjs/common';
import * as repo from './users.repository.js';

@Injectable()
export class UsersService {
  byRole(role: string) {
    return repo.findUserByRole(role);
  }
}
`,
        'src/users.nest.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';
import { UsersService } from './users.service.js';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  find(@Query('role') role: string) {
    return this.users.byRole(role);
  }
}
`,
      },
      { name: 'users-app', type: 'module', dependencies: { express: '4.0.0', pg: '8.0.0', '@nestjs/common': '10.0.0' } },
    );
    const found = await findings(dir, 'src/users.repository.ts');
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^6 .*req\.query\.q.*search\.controller\.ts/u);
    expect(found[1]).toMatch(/^10 .*req\.body\.title.*admin\.controller\.ts/u);
    expect(found[2]).toMatch(/^14 .*users\.nest\.controller\.ts/u);
    expect(projectParseCount(path.join(dir, 'src/audit.ts'))).toBe(0);
  });

  it('sees a module the importer calls start re-exporting the asked function after an edit', async () => {
    const dir = writeProject(
      {
        'src/users.repository.ts': repository,
        'src/helpers.ts': `export function helper(value: string) {\n  return value.length;\n}\n`,
        'src/users.controller.ts': `import { Router } from 'express';
import { helper } from './helpers.js';
import { findUserByEmail } from './users.repository.js';

export const router = Router();

router.get('/users', async (req, res) => {
  res.json(await helper(String(req.query.name)));
});

router.get('/users/by-email', async (req, res) => {
  res.json(await findUserByEmail(String(req.query.email)));
});
`,
      },
      { name: 'users-app', type: 'module', dependencies: { express: '4.0.0', pg: '8.0.0' } },
    );
    // helper() goes to a module that does not import the repository: nothing reaches its SQL.
    expect(await findings(dir, 'src/users.repository.ts')).toEqual([]);
    expect(projectParseCount(path.join(dir, 'src/helpers.ts'))).toBe(0);
    writeFileSync(path.join(dir, 'src/helpers.ts'), `export { findUserByName as helper } from './users.repository.js';\n`);
    // The index trusts its import graph for a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const found = await findings(dir, 'src/users.repository.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(sqlFinding);
  });
});
