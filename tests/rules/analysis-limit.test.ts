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

/** Lints `code` with the command-injection rule; the messages as `line messageId`. */
function commandMessages(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter
    .verify(code, [{ files: ['**/*.js'], plugins: { 'api-security': plugin as never }, rules: { 'api-security/no-command-injection': 'error' } }], 'src/tools.js')
    .map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

const times = (count: number, text: (index: number) => string): string => Array.from({ length: count }, (_, index) => text(index)).join('');

describe('a long chain costs no depth: every link is analysed', () => {
  const head = `import express from 'express';
import { exec } from 'node:child_process';
const app = express();
`;

  it('a method chain of 300 links on request input', () => {
    const code = `${head}app.get('/convert', (req, res) => {
  const name = req.query.file${times(300, () => '.trim()')};
  exec('convert ' + name);
  res.end();
});
`;
    expect(commandMessages(code)).toEqual(['6 commandInjection']);
  });

  it('a concatenation of 300 parts whose first holds request input', () => {
    const code = `${head}app.get('/convert', (req, res) => {
  exec('convert ' + req.query.file${times(300, (index) => ` + ' -o${String(index)}'`)});
  res.end();
});
`;
    expect(commandMessages(code)).toEqual(['5 commandInjection']);
  });

  it('a chain of 300 defaults after request input', () => {
    const code = `${head}app.get('/convert', (req, res) => {
  const name = req.query.file${times(300, (index) => ` ?? process.env.FILE_${String(index)}`)};
  exec('convert ' + name);
  res.end();
});
`;
    expect(commandMessages(code)).toEqual(['6 commandInjection']);
  });

  it('a command-line builder of 300 options, no request input: nothing, and no limit', () => {
    const code = `const yargs = require('yargs');
const { exec } = require('node:child_process');
const args = yargs${times(300, (index) => `\n  .option('flag-${String(index)}', { type: 'string' })`)}
  .argv;
exec('redis-cli ' + args.command);
`;
    expect(commandMessages(code)).toEqual([]);
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
