import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thirdPartyCorpus } from '../../scripts/corpus.mjs';

/* What the robustness corpus holds, so that a change of installed packages cannot hollow it out. */

describe('the third-party corpus', () => {
  const files = thirdPartyCorpus();
  const count = (test: (file: string, code: string) => boolean): number =>
    files.filter((file) => test(file, readFileSync(file, 'utf8'))).length;

  it('has at least 5,000 files', () => {
    expect(files.length).toBeGreaterThanOrEqual(5000);
  });

  it('holds JavaScript, TypeScript sources and declaration files', () => {
    expect(count((file) => /\.[cm]?js$/u.test(file))).toBeGreaterThan(2000);
    expect(count((file) => /(?<!\.d)\.[cm]?ts$/u.test(file))).toBeGreaterThan(500);
    expect(count((file) => /\.d\.[cm]?ts$/u.test(file))).toBeGreaterThan(1000);
  });

  it('holds decorators, written in TypeScript and compiled', () => {
    expect(count((file, code) => /(?<!\.d)\.ts$/u.test(file) && /^\s*@[A-Za-z.]+\b/mu.test(code))).toBeGreaterThanOrEqual(5);
    expect(count((_, code) => /\b__decorate\b/u.test(code))).toBeGreaterThanOrEqual(15);
  });
});
