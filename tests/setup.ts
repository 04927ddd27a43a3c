import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, afterEach, describe, it } from 'vitest';
import { onInternalError } from '../src/utils/internal-error.js';
import { recordedInternalErrors, takeInternalErrors } from './helpers/internal-errors.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/*
 * Every internal error of the plugin (an analysis that threw and was reported as an `internalError`
 * diagnostic) fails the test in which it happened, in every test file: rule tests, the corpus, the
 * fuzz runs. A test that provokes one on purpose takes it with `takeInternalErrors()`.
 */
onInternalError((record) => recordedInternalErrors().push(record));

afterEach(() => {
  const errors = takeInternalErrors();
  if (errors.length === 0) return;
  const lines = errors.map(({ rule, filename, message, error }) => {
    const stack = error instanceof Error && error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : '';
    return `${rule} in ${filename}: ${message}${stack}`;
  });
  throw new Error(`${errors.length} internal error(s) of the plugin:\n${lines.join('\n')}`);
});
