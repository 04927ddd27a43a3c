import type { TSESLint } from '@typescript-eslint/utils';
import { projectRoot } from '../../analysis/routes/project-files.js';
import { isTestFile } from '../../utils/test-files.js';

/** The `includeTests` option the route and taint rules share. */
export const includeTestsOption = {
  type: 'boolean',
  description:
    'Also check test files, mocks and fixtures (`*.test.*`, `*.spec.*`, `__tests__/`, `test/`, `tests/`, `__mocks__/`, `fixtures/`), which are skipped by default.',
} as const;

/**
 * Whether a rule leaves the linted file alone: it is a test, a mock or a fixture (judged on its
 * path below the project root, or the working directory outside a project) and `includeTests` is
 * off. Mock servers and fixtures are not the application.
 */
export function skipsTestFile(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, includeTests: boolean | undefined): boolean {
  return includeTests !== true && isTestFile(context.filename, projectRoot(context.filename) ?? context.cwd);
}
