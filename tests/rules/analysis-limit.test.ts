import { RuleTester } from '@typescript-eslint/rule-tester';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import commandInjection from '../../src/rules/no-command-injection.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * The shared request-input analysis stops at its limits (nesting depth, evaluations per file) so
 * that no input makes it superlinear. Where it stops it reads a value as clean, so a finding may
 * be missing: the file then gets one diagnostic saying so, not a silent pass.
 */
const ruleTester = new RuleTester();

/** A command whose request input sits `depth` conversions deep. */
function longCommand(depth: number): string {
  return `import express from 'express';
import { exec } from 'node:child_process';
const app = express();
app.get('/convert', (req, res) => {
  exec(${'String('.repeat(depth)}req.query.file${')'.repeat(depth)});
  res.end();
});
`;
}

ruleTester.run('analysis limits are reported', commandInjection, {
  valid: [],
  invalid: [
    {
      name: 'a command of ordinary length: the flow, and no limit',
      code: longCommand(5),
      errors: [{ messageId: 'commandInjection', line: 5 }],
    },
  ],
});

describe('an analysis cut short is said once per file, not once per rule', () => {
  it('one diagnostic with every request-input rule on', () => {
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(longCommand(90), [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { 'api-security': plugin as never },
        rules: {
          'api-security/no-command-injection': 'error',
          'api-security/no-sql-injection': 'error',
          'api-security/no-ssrf': 'error',
          'api-security/no-path-traversal': 'error',
        },
      },
    ], 'src/convert.ts');
    // The flow is past the limit, so it is not found: the file says why.
    expect(messages.map((message) => [message.line, message.column, message.messageId])).toEqual([[1, 1, 'analysisLimit']]);
    const limits = messages.filter((message) => message.messageId === 'analysisLimit');
    expect(limits[0]?.message).toContain('stopped at its limit (an expression nested more than 60 levels deep, at line 5)');
  });
});

describe('a question across files cut short by the budget of other files is said on the file', () => {
  it('a helper called by more route files than one lint may read', async () => {
    const files: Record<string, string> = {
      'src/lib/convert.js': "import { exec } from 'node:child_process';\nexport function convert(name) {\n  exec('convert ' + name);\n}\n",
    };
    // The helper's parameter reaches `exec`; which handlers pass it request input is asked of every importer.
    for (let index = 0; index < 40; index++) {
      files[`src/routes/r${String(index)}.js`] = [
        "import { Router } from 'express';",
        "import { convert } from '../lib/convert.js';",
        'const router = Router();',
        `router.post('/r${String(index)}', (req, res) => { convert(req.body.format === 'png' ? 'png' : 'jpg'); res.end(); });`,
        'export default router;',
        '',
      ].join('\n');
    }
    const dir = writeProject(files);
    const messages = await lintProjectFile(dir, 'src/lib/convert.js', { 'api-security/no-command-injection': 'error' });
    // No importer passes input, so every one is read: those past the budget are said to be unread.
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[1, 'analysisLimit']]);
    expect(messages[0]?.message).toContain('the 24 importing files one question may read');
  });
});
