import { RuleTester } from '@typescript-eslint/rule-tester';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import commandInjection from '../../src/rules/no-command-injection.js';

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
