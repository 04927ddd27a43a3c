import type { TSESLint } from '@typescript-eslint/utils';
import { noteWorkingDirectory, projectRoot } from '../../analysis/routes/project-files.js';
import { isTestFile } from '../../utils/test-files.js';

/** The `includeTests` option the route and taint rules share. */
export const includeTestsOption = {
  type: 'boolean',
  description:
    'Also check test files, mocks and fixtures (`*.test.*`, `*.spec.*`, `__tests__/`, `test/`, `tests/`, `__mocks__/`, `fixtures/`), which are skipped by default.',
} as const;

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Whether the linted file is a test, a mock or a fixture, for every rule alike: by the default
 * recognition of `isTestFile` on its path below the project root (the working directory outside a
 * project), or by `globs` (the secrets rule's `testFiles`) on its path below the working directory.
 */
export function isLintedTestFile(context: AnyContext, globs?: readonly string[]): boolean {
  noteWorkingDirectory(context.cwd);
  if (globs !== undefined) return isTestFile(context.filename, context.cwd, globs);
  // Every rule asks when it is created for a file, one after the other: the answer for the last file is kept.
  if (lastAnswer?.filename !== context.filename || lastAnswer.cwd !== context.cwd) {
    lastAnswer = {
      filename: context.filename,
      cwd: context.cwd,
      test: isTestFile(context.filename, projectRoot(context.filename) ?? context.cwd),
    };
  }
  return lastAnswer.test;
}

let lastAnswer: { filename: string; cwd: string; test: boolean } | null = null;

/**
 * Whether a rule leaves the linted file alone: it is a test, a mock or a fixture and `includeTests`
 * is off. Mock servers and fixtures are not the application.
 */
export function skipsTestFile(context: AnyContext, includeTests: boolean | undefined): boolean {
  return includeTests !== true && isLintedTestFile(context);
}
