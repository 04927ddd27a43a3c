import fs from 'node:fs';
import path from 'node:path';
import { nextMiddlewareFile, stringEnd, stripComments } from '../project-files.js';
import { superLinearProblem } from '../../../utils/patterns.js';

/**
 * What the project's Next.js `middleware.ts` (Next 16: `proxy.ts`) runs in front of, read from its
 * text: the middleware file is another file, so there is no AST for it here.
 */
export interface NextMiddleware {
  file: string;
  /** What the file exports as the middleware: `auth`, `clerkMiddleware`, `withAuth`, or `middleware`. */
  name: string;
  /** Whether the middleware runs for a route path (its `config.matcher`). */
  matches(path: string): boolean;
  /** Whether the middleware text appears to reject unauthenticated requests for a route path. */
  authenticates(path: string): boolean;
}

const cache = new Map<string, NextMiddleware | null>();

/** The middleware of the Next.js project a file belongs to, or null when it has none. */
export function nextMiddlewareFor(filename: string): NextMiddleware | null {
  const found = nextMiddlewareFile(filename);
  if (!found) return null;
  const cached = cache.get(found.file);
  if (cached !== undefined) return cached;
  const middleware = parseNextMiddleware(found.file, found.text);
  cache.set(found.file, middleware);
  return middleware;
}

const EXPORT_LIST = /\bexport\s*\{([^}]*)\}\s*(?:from\s*(["'])([^"']*)\2)?/gu;
const EXPORT_DEFAULT = /\bexport\s+default\s+(?:async\s+)?(function\b\s*(?:\*\s*)?([$A-Z_a-z][\w$]*)?|[$A-Z_a-z][\w$.]*)/u;
const EXPORT_FUNCTION = /\bexport\s+(?:async\s+)?function\s*(?:\*\s*)?(middleware|proxy)\b/u;
const EXPORT_CONST = /\bexport\s+(?:const|let|var)\s+(middleware|proxy)\b[^=]*=\s*(?:async\b\s*)?([$A-Z_a-z][\w$.]*)?\s*(\()?/u;
const CONFIG = /\bexport\s+const\s+config\b/u;
const MATCHER = /\bmatcher\s*:\s*/gu;
const ROUTE_MATCHER = /\b(?:const|let|var)\s+([$A-Z_a-z][\w$]*)\s*=\s*createRouteMatcher\s*\(\s*/gu;
const PROTECT = /\.protect\s*\(/u;

/*
 * The "rejects unauthenticated requests" heuristic, on the middleware's text:
 * - `clerkMiddleware` calling `auth.protect()` / `auth().protect()`; when the protection is limited
 *   by `createRouteMatcher` lists (`if (isProtected(req))` / `if (!isPublic(req))`), only for the
 *   paths those lists protect;
 * - `withAuth` from `next-auth/middleware` (exported, or `export { default } from 'next-auth/middleware'`);
 * - NextAuth's `auth` exported as is (`export { auth as middleware }`, `export default auth`), when
 *   the Auth.js config beside it has an `authorized` callback (or cannot be found);
 * - any other middleware (a hand-written function, `auth((req) => ...)`) whose text both rejects
 *   (`Response.redirect(`, `NextResponse.redirect(`, `status: 401`/`403`) and reads a credential
 *   (`cookies.get(`, `getToken(`, `auth(`, `req.auth`, `getSession(`, a `verify` call,
 *   the `authorization` header).
 * It does not follow path conditions inside a hand-written function: such a middleware counts as
 * authenticating every path its matcher selects.
 */
const REJECTS = /Response\.redirect\s*\(|\bstatus\s*:\s*40[13]\b/u;
const READS_CREDENTIAL = /\bcookies\.get\s*\(|\bgetToken\s*\(|\bauth\s*\(|\.auth\b|\bgetSession\s*\(|verify|["']authorization["']/iu;

/** Reads a middleware (or proxy) file's text: its exported name, matcher and authentication heuristic. */
export function parseNextMiddleware(file: string, source: string): NextMiddleware {
  const text = stripComments(source);
  const exported = exportedMiddleware(text);
  const matchers = configMatchers(text);
  const matches = (path: string): boolean => matchers === null || matchers.some((pattern) => pattern.test(path));
  let authenticates: (path: string) => boolean = () => false;
  if (exported.name === 'clerkMiddleware' && PROTECT.test(text)) {
    authenticates = clerkProtection(text);
  } else if (exported.name === 'withAuth' && mentionsModule(text, 'next-auth/middleware')) {
    authenticates = () => true;
  } else if (exported.name === 'auth' && !exported.called) {
    authenticates = () => authjsRejects(file);
  } else if (REJECTS.test(text) && READS_CREDENTIAL.test(text)) {
    authenticates = () => true;
  }
  return { file, name: exported.name, matches, authenticates };
}

const AUTHJS_CONFIGS = ['auth.ts', 'auth.js', 'auth.config.ts', 'auth.config.js', 'lib/auth.ts', 'lib/auth.js'].flatMap((file) => [file, `src/${file}`]);
const AUTHORIZED_CALLBACK = /\bauthorized\s*[(:]/u;
const authjsCache = new Map<string, boolean>();

/**
 * Auth.js (NextAuth v5) `auth` used as the middleware only rejects a request when the config has
 * an `authorized` callback. Reads the config files next to the middleware; when none is found the
 * middleware is taken to protect (the safe side for noise).
 */
function authjsRejects(middlewareFile: string): boolean {
  const dir = path.dirname(middlewareFile);
  const cached = authjsCache.get(dir);
  if (cached !== undefined) return cached;
  let found = false;
  let authorized = false;
  for (const candidate of AUTHJS_CONFIGS) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, candidate), 'utf8');
    } catch {
      // Most candidate names do not exist in a given project: trying them is the lookup.
      continue;
    }
    found = true;
    if (AUTHORIZED_CALLBACK.test(stripComments(text))) authorized = true;
  }
  const result = !found || authorized;
  authjsCache.set(dir, result);
  return result;
}

function mentionsModule(text: string, module: string): boolean {
  return text.includes(`'${module}'`) || text.includes(`"${module}"`);
}

/** The name of the exported middleware and whether it is a call (`auth(...)`) rather than a plain reference. */
function exportedMiddleware(text: string): { name: string; called: boolean } {
  for (const match of text.matchAll(EXPORT_LIST)) {
    for (const specifier of (match[1] ?? '').split(',')) {
      const [local, alias] = specifier.trim().split(/\s+as\s+/u);
      const exportedAs = (alias ?? local ?? '').trim();
      if (local === undefined || !['middleware', 'proxy', 'default'].includes(exportedAs)) continue;
      const module = match[3];
      if (local === 'default' && module === 'next-auth/middleware') return { name: 'withAuth', called: false };
      return { name: local.trim(), called: false };
    }
  }
  const fn = EXPORT_FUNCTION.exec(text);
  if (fn?.[1] !== undefined) return { name: fn[1], called: false };
  const declared = EXPORT_CONST.exec(text);
  if (declared?.[1] !== undefined) {
    const callee = declared[2];
    if (callee !== undefined && declared[3] !== undefined && callee !== 'function') return { name: callee, called: true };
    if (callee !== undefined && callee !== 'function' && declared[3] === undefined) return { name: callee, called: false };
    return { name: declared[1], called: false };
  }
  const byDefault = EXPORT_DEFAULT.exec(text);
  if (byDefault?.[1] !== undefined) {
    if (byDefault[1].startsWith('function')) return { name: byDefault[2] ?? 'middleware', called: false };
    const rest = text.slice(byDefault.index + byDefault[0].length).trimStart();
    return { name: byDefault[1], called: rest.startsWith('(') };
  }
  return { name: 'middleware', called: false };
}

/**
 * `config.matcher` compiled to regular expressions: [] never happens (an empty matcher list is kept
 * as "runs everywhere"); null when the middleware runs on every path (no matcher) or when the
 * matcher is not a literal this reader understands (then it is assumed to match).
 */
function configMatchers(text: string): RegExp[] | null {
  const config = CONFIG.exec(text);
  if (!config) return null;
  MATCHER.lastIndex = config.index;
  const matcher = MATCHER.exec(text);
  if (!matcher) return null;
  const sources = literalPatterns(text, matcher.index + matcher[0].length);
  if (sources === null || sources.length === 0) return null;
  const compiled: RegExp[] = [];
  for (const source of sources) {
    const regex = compileMatcher(source);
    if (regex === null) return null;
    compiled.push(regex);
  }
  return compiled;
}

/**
 * The string patterns of a matcher value starting at `start`: a string, an array of strings, or of
 * `{ source: '...' }` objects. Null when the value is anything else (a variable, a template with
 * expressions).
 */
function literalPatterns(text: string, start: number): string[] | null {
  const first = text[start];
  if (first === '"' || first === "'" || first === '`') {
    const value = stringValue(text, start);
    return value === null ? null : [value];
  }
  if (first !== '[' && first !== '{') return null;
  const patterns: string[] = [];
  let depth = 0;
  let word = '';
  let key = '';
  let index = start;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"' || char === "'" || char === '`') {
      const value = stringValue(text, index);
      if (value === null) return null;
      const inTopArray = first === '[' && depth === 1;
      if (inTopArray || key === 'source') patterns.push(value);
      key = '';
      index = stringEnd(text, index);
      continue;
    }
    if (char === '[' || char === '{' || char === '(') depth++;
    else if (char === ']' || char === '}' || char === ')') {
      depth--;
      if (depth === 0) return patterns;
    } else if (char === ':') key = word;
    else if (char === ',') key = '';
    word = /[\w$]/u.test(char) ? (/[\w$]/u.test(text[index - 1] ?? '') ? word + char : char) : word;
    index++;
  }
  return null;
}

/** The value of the string literal starting at `start`, or null for a template with expressions. */
function stringValue(text: string, start: number): string | null {
  const raw = text.slice(start + 1, stringEnd(text, start) - 1);
  if (text[start] === '`' && raw.includes('${')) return null;
  return raw.replace(/\\(.)/gu, '$1');
}

const matcherCache = new Map<string, RegExp | null>();

/**
 * Compiles a Next.js matcher (path-to-regexp syntax) to a RegExp: `:name` is one segment, `:name*`
 * zero or more, `:name+` one or more, `:name?` optional, `:name(regex)` a constrained segment, and a
 * parenthesised group is a regular expression as written (`/((?!api|_next/static).*)`). Null when
 * the result is not a valid regular expression, or when an expression written in the matcher can
 * take super-linear time (`/((a+)+)`): like any matcher this reader does not understand, it is then
 * assumed to match.
 */
export function compileMatcher(pattern: string): RegExp | null {
  const cached = matcherCache.get(pattern);
  if (cached !== undefined) return cached;
  let source = '';
  /** The regular expressions written in the matcher itself, which could backtrack on a path. */
  const written: string[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    const slash = char === '/' && pattern[index + 1] === ':';
    if (slash || char === ':') {
      let end = index + (slash ? 2 : 1);
      while (end < pattern.length && /[\w$]/u.test(pattern[end]!)) end++;
      let segment = '[^/]+';
      if (pattern[end] === '(') {
        const close = groupEnd(pattern, end);
        segment = pattern.slice(end + 1, close - 1);
        written.push(segment);
        end = close;
      }
      const modifier = pattern[end];
      const part = `${slash ? '/' : ''}(?:${segment})`;
      if (modifier === '*' || modifier === '+' || modifier === '?') {
        source += `(?:${part})${modifier}`;
        end++;
      } else {
        source += part;
      }
      index = end;
    } else if (char === '(') {
      const close = groupEnd(pattern, index);
      source += pattern.slice(index, close);
      written.push(pattern.slice(index, close));
      index = close;
    } else if (char === '\\') {
      source += pattern.slice(index, index + 2);
      index += 2;
    } else if (char === '*') {
      source += '.*';
      index++;
    } else {
      source += /[$()*+.?[\\\]^{|}]/u.test(char) ? `\\${char}` : char;
      index++;
    }
  }
  let regex: RegExp | null = null;
  // A matcher in the linted code whose own expression can backtrack is treated as not understood.
  if (written.some((part) => superLinearProblem(part) !== null)) {
    matcherCache.set(pattern, null);
    return null;
  }
  try {
    regex = new RegExp(`^${source}/?$`, 'u');
  } catch {
    // Without the `u` flag, identity escapes such as `\-` that matchers sometimes contain are valid.
    try {
      regex = new RegExp(`^${source}/?$`);
    } catch {
      // The project's matcher is not a pattern this reader can compile: null, documented above,
      // makes the middleware count as matching (the side with less noise).
      regex = null;
    }
  }
  matcherCache.set(pattern, regex);
  return regex;
}

/** Index just past the group that opens at `start`, skipping escapes and character classes. */
function groupEnd(pattern: string, start: number): number {
  let depth = 0;
  let inClass = false;
  for (let index = start; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      index++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return pattern.length;
}

/**
 * Which paths a `clerkMiddleware` with `auth.protect()` protects. With `createRouteMatcher` lists,
 * `if (isProtectedRoute(req)) auth.protect()` protects the listed paths, and
 * `if (!isPublicRoute(req)) auth.protect()` protects every path except the listed ones.
 */
function clerkProtection(text: string): (path: string) => boolean {
  const protectedLists: RegExp[][] = [];
  const publicLists: RegExp[][] = [];
  for (const match of text.matchAll(ROUTE_MATCHER)) {
    const name = match[1]!;
    const sources = literalPatterns(text, match.index + match[0].length);
    const compiled = sources?.map(compileMatcher);
    // A function or variable argument: the protected paths are unknown.
    if (!compiled || compiled.some((regex) => regex === null)) return () => false;
    const list = compiled.filter((regex): regex is RegExp => regex !== null);
    const negated = new RegExp(`!\\s*${name.replace(/\$/gu, '\\$')}\\s*\\(`, 'u');
    if (negated.test(text)) publicLists.push(list);
    else if (text.includes(`${name}(`)) protectedLists.push(list);
  }
  const matchesAny = (lists: RegExp[][], path: string): boolean =>
    lists.some((list) => list.some((regex) => regex.test(path)));
  return (path) => {
    if (matchesAny(publicLists, path)) return false;
    if (protectedLists.length > 0) return matchesAny(protectedLists, path);
    return true;
  };
}
