import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectParseCount } from '../../src/analysis/project/parse.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * What the project model parses to answer questions about other files, in one process (an
 * `eslint` run over the whole project). A file ESLint already linted is not parsed again when a
 * file linted later asks about it. The findings stay the same.
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
});
