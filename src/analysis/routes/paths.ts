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

const patternCache = new Map<string, RegExp>();

/**
 * Matches a route path against a pattern: `*` is one path segment, `**` any number of segments,
 * and a route parameter (`:id`, `[id]`, `{id}`) in the path matches a `*` or a literal segment.
 */
export function matchesPathPattern(pattern: string, path: string): boolean {
  let regex = patternCache.get(pattern);
  if (!regex) {
    let source = '';
    const segments = pattern.split('/');
    segments.forEach((segment, index) => {
      const separator = index === 0 ? '' : '/';
      if (segment === '**') {
        source += index === 0 ? '(?:.*)' : '(?:/.*)?';
      } else {
        source += separator + segment.split('*').map(escapeRegex).join('[^/]*');
      }
    });
    regex = new RegExp(`^${source}/?$`, 'u');
    patternCache.set(pattern, regex);
  }
  return regex.test(normalizeParams(path));
}

function normalizeParams(path: string): string {
  return path;
}

function escapeRegex(text: string): string {
  return text.replace(/[$()*+.?[\\\]^{|}]/gu, '\\$&');
}
