import type { InternalErrorRecord } from '../../src/utils/internal-error.js';

/*
 * The internal errors recorded in this test worker (see tests/setup.ts). Kept on `globalThis`, so
 * the setup file and a test file that imports this module share one list even if the module were
 * loaded twice.
 */
const KEY = Symbol.for('eslint-plugin-api-security/tests/internal-errors');
const holder = globalThis as { [KEY]?: InternalErrorRecord[] };

/** The list the setup file's subscriber appends to. */
export function recordedInternalErrors(): InternalErrorRecord[] {
  return (holder[KEY] ??= []);
}

/** The internal errors recorded since the last call; a test that provokes them asserts on them. */
export function takeInternalErrors(): InternalErrorRecord[] {
  return recordedInternalErrors().splice(0);
}
