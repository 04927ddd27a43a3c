import path from 'node:path';

/** File names of tests: `orders.test.ts`, `orders.spec.js`, `orders.e2e-spec.ts`. */
const TEST_FILE = /\.(?:test|spec|e2e-spec|e2e|cy)\.[cm]?[jt]sx?$/iu;
/** Directories that hold tests, mocks and fixtures rather than the application. */
const TEST_DIRECTORY = /^(?:__tests__|__mocks__|__fixtures__|tests?|fixtures?|mocks?|e2e|cypress|playwright)$/iu;

/**
 * Whether a linted file is a test, a mock or a fixture: its name ends in `.test.*` or `.spec.*`,
 * or a directory of its path below `base` is `test`, `tests`, `__tests__`, `__mocks__`,
 * `fixtures` and the like. Mock servers and fixtures in such files are not the application, so the
 * route, taint and secret rules skip them unless told to include them.
 *
 * `base` is the project root (the directory of the nearest `package.json`) or the working
 * directory: only the part of the path below it counts, so a project checked out under
 * `/home/me/tests/` is not all tests.
 */
export function isTestFile(filename: string, base: string): boolean {
  const normalized = filename.split('\\').join('/');
  if (TEST_FILE.test(normalized)) return true;
  const relative = path.isAbsolute(filename) ? path.relative(base, filename).split(path.sep).join('/') : normalized;
  const directories = relative.split('/').slice(0, -1).filter((segment) => segment !== '..' && segment !== '.');
  return directories.some((segment) => TEST_DIRECTORY.test(segment));
}
