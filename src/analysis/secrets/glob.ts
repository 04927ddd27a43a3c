/**
 * A small glob matcher for file paths: `**` spans directories, `*` and `?` stay inside one segment.
 * Matching is iterative with single-point backtracking (no regular expressions built from user input),
 * so its cost is bounded by the product of the pattern and path lengths, which are both short.
 */

/** Matches one path segment against one pattern segment made of literals, `*` and `?`. */
function matchSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const char = pattern[p];
    if (char === '*') {
      starP = p;
      starT = t;
      p += 1;
    } else if (char !== undefined && (char === '?' || char === text[t])) {
      p += 1;
      t += 1;
    } else if (starP !== -1) {
      p = starP + 1;
      starT += 1;
      t = starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}

/** Matches path segments against pattern segments where `**` stands for any number of segments. */
function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < path.length) {
    const part = pattern[p];
    const segment = path[s] ?? '';
    if (part === '**') {
      starP = p;
      starS = s;
      p += 1;
    } else if (part !== undefined && matchSegment(part, segment)) {
      p += 1;
      s += 1;
    } else if (starP !== -1) {
      p = starP + 1;
      starS += 1;
      s = starS;
    } else {
      return false;
    }
  }
  while (pattern[p] === '**') p += 1;
  return p === pattern.length;
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
  return matchSegments(pattern, segments);
}
