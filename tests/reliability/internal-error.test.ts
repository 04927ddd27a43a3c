import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { INTERNAL_ERROR_MESSAGE_ID } from '../../src/utils/internal-error.js';
import { takeInternalErrors } from '../helpers/internal-errors.js';
import { POISON, poisonedParser } from '../helpers/poisoned-parser.js';

/*
 * An analysis that throws must neither stop the lint run nor pass for a clean file: the rule whose
 * analysis failed reports one `internalError` diagnostic at the start of the file, and the test
 * suite fails on it. The failure is provoked through real ESLint with an ESTree parser whose AST
 * throws when the route path literal is read, which only the plugin's analyses do.
 */

const ROUTE = `import express from 'express';
const app = express();
app.post('/orders', (req, res) => { track(req.path); res.send(\`<p>\${req.query.q}</p>\`); });
`;
const CLEAN_ROUTE = ROUTE.replace("'/orders'", "'/items'");

const ruleIds = Object.keys(plugin.rules).map((name) => `api-security/${name}`);

function lint(code: string, rules: string[]): Linter.LintMessage[] {
  return new Linter().verify(
    code,
    [
      {
        files: ['**/*.js'],
        plugins: { 'api-security': plugin as never },
        languageOptions: { parser: poisonedParser },
        rules: Object.fromEntries(rules.map((id) => [id, 'error'])),
      },
    ],
    'src/routes.js',
  );
}

describe('an internal error of an analysis', () => {
  it('every rule has an internalError message', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.messages, name).toHaveProperty(INTERNAL_ERROR_MESSAGE_ID);
    }
  });

  it.each(['no-unauthenticated-route', 'no-reflected-xss', 'no-sql-injection', 'no-whole-object-response', 'no-hardcoded-secrets'])(
    'is one visible diagnostic of %s at the start of the file',
    (name) => {
      const messages = lint(ROUTE, [`api-security/${name}`]);
      expect(messages.map(({ ruleId, messageId, line, column, message }) => ({ ruleId, messageId, line, column, message }))).toEqual([
        {
          ruleId: `api-security/${name}`,
          messageId: 'internalError',
          line: 1,
          column: 1,
          message: expect.stringContaining(`the analysis failed (TypeError: ${POISON})`),
        },
      ]);
      expect(messages[0]?.message).toMatch(/please report/iu);
      expect(takeInternalErrors().map(({ rule, filename }) => [rule, filename])).toEqual([[name, 'src/routes.js']]);
    },
  );

  it('is reported once per rule and file, and the run goes on with the other files', () => {
    const broken = lint(ROUTE, ruleIds);
    const byRule = new Map<string, number>();
    for (const message of broken) {
      expect(message.messageId, `${message.ruleId ?? ''}: ${message.message}`).toBe('internalError');
      byRule.set(message.ruleId ?? '', (byRule.get(message.ruleId ?? '') ?? 0) + 1);
    }
    expect([...byRule.values()].every((count) => count === 1)).toBe(true);
    // The route analysis feeds the taint and exposure rules too, so they report it as well.
    expect([...byRule.keys()]).toEqual(expect.arrayContaining(['api-security/no-unauthenticated-route', 'api-security/no-reflected-xss']));
    expect(takeInternalErrors()).toHaveLength(broken.length);

    const clean = lint(CLEAN_ROUTE, ruleIds);
    expect(clean.map((message) => `${message.line} ${message.ruleId ?? ''}`)).toEqual([
      '3 api-security/no-unauthenticated-route',
      '3 api-security/no-reflected-xss',
    ]);
  });

  it('rethrows under API_SECURITY_DEBUG, for the stack', () => {
    process.env['API_SECURITY_DEBUG'] = '1';
    try {
      expect(() => lint(ROUTE, ['api-security/no-unauthenticated-route'])).toThrow(POISON);
    } finally {
      delete process.env['API_SECURITY_DEBUG'];
    }
    expect(takeInternalErrors()).toEqual([]);
  });

  it('fails the test in which it happens (tests/setup.ts)', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    // Inside the repository, so that the child resolves eslint and vitest from its node_modules.
    const temp = mkdtempSync(path.join(root, 'tests/reliability/.provoked-'));
    try {
      const testFile = path.join(temp, 'provoked.ts');
      writeFileSync(
        testFile,
        `import { Linter } from 'eslint';
import { expect, it } from 'vitest';
import plugin from ${JSON.stringify(path.join(root, 'src/index.ts'))};
import { poisonedParser } from ${JSON.stringify(path.join(root, 'tests/helpers/poisoned-parser.ts'))};
it('lints a file whose analysis throws, and asserts nothing about it', () => {
  const code = "import express from 'express'; const app = express(); app.get('/orders', (req, res) => res.end());";
  const config = { plugins: { 'api-security': plugin }, languageOptions: { parser: poisonedParser }, rules: { 'api-security/no-unauthenticated-route': 'error' } };
  expect(new Linter().verify(code, [config as never], 'a.js')).toBeDefined();
});
`,
      );
      writeFileSync(
        path.join(temp, 'vitest.config.mjs'),
        `export default { test: { root: ${JSON.stringify(temp)}, include: ['provoked.ts'], setupFiles: [${JSON.stringify(path.join(root, 'tests/setup.ts'))}] } };\n`,
      );
      const result = await promisify(execFile)(
        process.execPath,
        [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', path.join(temp, 'vitest.config.mjs')],
        { cwd: root, env: { ...process.env, API_SECURITY_DEBUG: '' } },
      ).then(
        ({ stdout }) => ({ code: 0, output: stdout }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
      );
      expect(result.output).toContain('internal error(s) of the plugin');
      expect(result.output).toContain('no-unauthenticated-route in a.js');
      expect(result.code).toBe(1);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
