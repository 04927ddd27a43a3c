import { wildcardMatch } from '../../utils/wildcard.js';

/** Joins a mount prefix and a route path: `/api` + `/users/:id` → `/api/users/:id`. */
export function joinPaths(prefix: string | null, path: string | null): string | null {
  if (prefix === null || path === null) return null;
  const head = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (path === '' || path === '/') return head === '' ? '/' : head;
  const tail = path.startsWith('/') ? path : `/${path}`;
  return `${head}${tail}`;
}

/** Whether `path` lies under `prefix` (Express `use` semantics: whole segments). */
export function isUnderPrefix(path: string, prefix: string): boolean {
  const head = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (head === '') return true;
  return path === head || path.startsWith(`${head}/`);
}

/** A path pattern split into segments: `**` any number of segments, others matched one by one. */
const patternCache = new Map<string, readonly string[]>();

/**
 * Matches a route path against a pattern: `*` is one path segment, `**` any number of segments,
 * and a route parameter (`:id`, `[id]`, `{id}`) in the path matches a `*` or a literal segment.
 * A `*` inside a segment (`v*`) stands for any characters of that segment, and a trailing `/` of
 * the path is ignored. Matching works segment by segment without regular expressions, so its cost
 * is bounded by the pattern length times the path length, whatever stars the pattern holds.
 */
export function matchesPathPattern(pattern: string, path: string): boolean {
  let segments = patternCache.get(pattern);
  if (!segments) {
    const parts = pattern.split('/');
    // A leading `**` also spans the text before the first `/`, so it is at least one segment.
    segments = parts[0] === '**' ? ['*', ...parts] : parts;
    patternCache.set(pattern, segments);
  }
  const matchPath = (text: string): boolean => wildcardMatch(segments, text.split('/'), isGlobstar, matchesSegment);
  return matchPath(path) || (path.endsWith('/') && matchPath(path.slice(0, -1)));
}

const isGlobstar = (segment: string): boolean => segment === '**';

/** One path segment against one pattern segment, where `*` stands for any characters. */
function matchesSegment(pattern: string, segment: string): boolean {
  if (!pattern.includes('*')) return pattern === segment;
  return wildcardMatch([...pattern], [...segment], (char) => char === '*', (a, b) => a === b);
}
