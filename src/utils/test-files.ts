import path from 'node:path';
import { matchesGlob } from './glob.js';

/** File names of tests: `orders.test.ts`, `orders.spec.js`, `orders.e2e-spec.ts`. */
const TEST_FILE = /\.(?:test|spec|e2e-spec|e2e|cy)\.[cm]?[jt]sx?$/iu;
/** Helpers only tests load: `testhelp.js`, `test-helpers.ts`, `test_utils.js`, `testSetup.ts`. */
const TEST_HELPER_FILE = /(?:^|\/)test[-_]?(?:help|helpers?|utils?|utilities|support|setup)\.[cm]?[jt]sx?$/iu;
/** Directories that hold tests, mocks and fixtures rather than the application. */
const TEST_DIRECTORY = /^(?:__tests__|__mocks__|__fixtures__|tests?|fixtures?|mocks?|e2e|cypress|playwright)$/iu;

/**
 * Whether a linted file is a test, a mock or a fixture. This is the one test-file recogniser: the
 * route and taint rules skip such files (`includeTests`), the secrets rule runs fewer checks in them
 * (`testFileChecks`).
 *
 * By default a file is a test when its name ends in `.test.*`, `.spec.*`, `.e2e-spec.*`, `.e2e.*`
 * or `.cy.*`, when it is a test helper (`testhelp.*`, `test-helpers.*`, `test_utils.*`,
 * `testSetup.*`, `test-support.*`), or when a directory of its path below `base` is `test`, `tests`, `__tests__`,
 * `__mocks__`, `__fixtures__`, `fixtures`, `mocks`, `e2e`, `cypress` or `playwright` (any case).
 * `globs`, when given, replace that default: `*`, `**` and `?` globs matched against the path below
 * `base`, where a glob without `/` matches the file name at any depth; `[]` makes no file a test.
 *
 * Only the part of the path below `base` counts, so a project checked out under `/home/me/tests/`
 * is not all tests. `<input>` and `<text>` (code without a file) are never tests.
 */
export function isTestFile(filename: string, base: string, globs?: readonly string[]): boolean {
  if (filename.startsWith('<')) return false;
  const normalized = filename.split('\\').join('/');
  const relative = path.isAbsolute(filename) ? path.relative(base, filename).split(path.sep).join('/') : normalized;
  if (globs !== undefined) return globs.some((glob) => matchesGlob(relative, glob));
  if (TEST_FILE.test(normalized) || TEST_HELPER_FILE.test(normalized)) return true;
  const directories = relative.split('/').slice(0, -1).filter((segment) => segment !== '..' && segment !== '.');
  return directories.some((segment) => TEST_DIRECTORY.test(segment));
}
