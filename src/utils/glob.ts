import { wildcardMatch } from './wildcard.js';

/**
 * A small glob matcher for file paths: `**` spans directories, `*` and `?` stay inside one segment.
 * No regular expression is built from the glob: matching is greedy with a return to the last star
 * (`utils/wildcard.ts`), so its cost is bounded by the product of the pattern and path lengths.
 */

/** Matches one path segment against one pattern segment made of literals, `*` and `?`. */
function matchSegment(pattern: string, text: string): boolean {
  return wildcardMatch([...pattern], [...text], (char) => char === '*', (char, actual) => char === '?' || char === actual);
}

/**
 * Tests a `/`-separated relative path against a glob. A glob without `/` matches the file name at any
 * depth, as in `.gitignore`.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (!glob.includes('/')) {
    const name = segments.at(-1);
    return name !== undefined && matchSegment(glob, name);
  }
  const pattern = glob.split('/').filter((segment) => segment !== '' && segment !== '.');
  return wildcardMatch(pattern, segments, (part) => part === '**', matchSegment);
}
