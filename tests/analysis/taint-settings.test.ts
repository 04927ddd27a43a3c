import { describe, expect, it } from 'vitest';
import { validateTaintSettings } from '../../src/analysis/taint/settings.js';
import { matchSteps, parsePath } from '../../src/analysis/taint/access-path.js';

describe('taint settings', () => {
  it('accepts names, kinded entries and sinks', () => {
    expect(() =>
      validateTaintSettings({
        sources: ['getInput', '/^ctx\\.input/'],
        sanitizers: ['escapeSql', { name: 'quoteArg', kinds: ['shell'] }],
        validators: [{ name: 'isSafeId' }],
        sinks: [{ name: 'runQuery', kind: 'sql', argument: 1 }],
      }),
    ).not.toThrow();
  });
  it('names the wrong key', () => {
    expect(() => validateTaintSettings({ sinks: [{ name: 'x', kind: 'sql', arg: 1 }] })).toThrow(/sinks\[0\]\.arg/);
    expect(() => validateTaintSettings({ sanitizers: [{ name: 'x', kinds: ['xml'] }] })).toThrow(/sanitizers\[0\]\.kinds/);
    expect(() => validateTaintSettings({ sources: ['/(/'] })).toThrow(/sources\[0\]/);
  });
});

describe('access paths', () => {
  it('matches Any* over chains', () => {
    const { tokens, argument } = parsePath('Member[Pool].Instance.Any*.Member[query].Argument[0]');
    expect(argument).toBe(0);
    expect(matchSteps(tokens, ['Member:Pool', 'Instance', 'Member:query'])).toBe(true);
    expect(matchSteps(tokens, ['Member:Pool', 'Instance', 'Member:connect', 'ReturnValue', 'Member:query'])).toBe(true);
    expect(matchSteps(tokens, ['Member:Pool', 'Member:query'])).toBe(false);
  });
});
