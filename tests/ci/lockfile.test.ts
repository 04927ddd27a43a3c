import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { root } from './eslint-cli.js';

/*
 * `npm ci` on a fresh clone must keep working when a dependency publishes a release.
 *
 * A version range can never make the lockfile stale: whatever version the lockfile recorded still
 * satisfies `^1.2.0`, `>=3` or `*` after new releases. A dist-tag can: npm resolves `latest` (or
 * `next`, `beta`, ...) against the registry at install time, and when the tag has moved on, the
 * recorded version no longer matches and `npm ci` refuses the lockfile. A git dependency without a
 * commit moves the same way. So every dependency spec anywhere in the tree must be a semver range
 * (directly or behind an `npm:` alias), a git URL pinned to a commit, or a local path, unless an
 * `overrides` entry of our package.json pins that package.
 */

interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockPackage>;
};
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  overrides?: Record<string, unknown>;
};

/** Why a spec can make a recorded version stale, or undefined when it cannot. */
function movingSpec(spec: string): string | undefined {
  const alias = /^npm:(?:@[^/@]+\/)?[^@]+(?:@(?<range>.*))?$/u.exec(spec);
  if (alias) return movingSpec(alias.groups?.['range'] ?? '*');
  if (/^(?:file|link|workspace):/u.test(spec) || /^\.{0,2}\//u.test(spec)) return undefined;
  if (/^(?:git\+|git:|github:|gitlab:|bitbucket:)|^[\w-]+\/[\w.-]+(?:#.*)?$/u.test(spec)) {
    return /#[0-9a-f]{40}$/u.test(spec) ? undefined : 'a git dependency not pinned to a commit';
  }
  if (/^https?:/u.test(spec)) return undefined; // a tarball URL: the lockfile records its integrity
  return semver.validRange(spec) === null ? `the dist-tag "${spec}"` : undefined;
}

describe('package-lock.json cannot go stale against a moving tag', () => {
  it('is a lockfile npm ci reads as a whole tree', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    expect(Object.keys(lock.packages).length).toBeGreaterThan(100);
  });

  it('tells ranges from moving specs', () => {
    for (const spec of ['^1.2.3', '~4', '*', '>=2 <3', '1.x', '=0.156.0', 'npm:react-is@^18.3.1', 'file:../x', 'github:a/b#' + 'a'.repeat(40)]) {
      expect(movingSpec(spec), spec).toBeUndefined();
    }
    for (const spec of ['latest', 'next', 'beta', 'npm:jschardet@latest', 'github:a/b', 'git+https://example.com/a.git#main']) {
      expect(movingSpec(spec), spec).toBeDefined();
    }
  });

  it('has no dependency anywhere in the tree on a dist-tag or an unpinned git ref, unless overridden', () => {
    const overridden = new Set(Object.keys(manifest.overrides ?? {}));
    const problems: string[] = [];
    for (const [location, entry] of Object.entries(lock.packages)) {
      for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] as const) {
        for (const [name, spec] of Object.entries(entry[field] ?? {})) {
          const reason = movingSpec(spec);
          if (reason !== undefined && !overridden.has(name)) {
            problems.push(`${location || 'package.json'} ${field}.${name}: ${reason}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
