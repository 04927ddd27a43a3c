import fs from 'node:fs';
import path from 'node:path';

/*
 * Some of what runs in front of a route is declared in another file of the project: NestJS global
 * guards in `app.module.ts` / `main.ts`, the Next.js `middleware.ts`. ESLint lints one file at a
 * time without type information, so these lookups read the other files' text directly. They are
 * cached per project root for the life of the process, bounded, and never throw.
 */

/** Directories never scanned: dependencies, build output, VCS data. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.next', '.git']);
/** At most this many candidate files are read per project. */
const MAX_FILES = 500;
/** At most this many directory entries are looked at per project (bounds the walk itself). */
const MAX_ENTRIES = 20_000;
/** Larger files are not read: they are generated, not hand-written configuration. */
const MAX_FILE_BYTES = 1_000_000;

const rootCache = new Map<string, string | null>();

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    // Missing or unreadable is an answer here (no such file), not a failure of the analysis.
    return false;
  }
}

/** The text of a file, or null when it is missing, unreadable or too large. */
export function readProjectFile(file: string): string | null {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return null;
    return fs.readFileSync(file, 'utf8');
  } catch {
    // A file that vanished or cannot be read is one the analysis cannot use: documented as null.
    return null;
  }
}

/**
 * The project root of a linted file: the nearest ancestor directory that holds a `package.json`,
 * or null. Relative file names are resolved against the process working directory.
 */
export function projectRoot(filename: string): string | null {
  let directory = path.dirname(path.resolve(filename));
  const visited: string[] = [];
  let root: string | null = null;
  for (;;) {
    const cached = rootCache.get(directory);
    if (cached !== undefined) {
      root = cached;
      break;
    }
    visited.push(directory);
    if (isFile(path.join(directory, 'package.json'))) {
      root = directory;
      break;
    }
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  for (const entry of visited) rootCache.set(entry, root);
  return root;
}

/**
 * The project root whose other files may describe the linted file: only for a file that exists on
 * disk. Code linted under a made-up name (rule tests, `--stdin` without a real file) is judged on
 * its own text, so that unrelated files near the working directory do not change the result.
 */
function lintedProjectRoot(filename: string): string | null {
  return isFile(path.resolve(filename)) ? projectRoot(filename) : null;
}

/**
 * The packages a linted file's project declares (dependencies, dev and peer dependencies of the
 * nearest `package.json`), or null when the file is not on disk, has no `package.json` above it,
 * or the manifest cannot be read. The manifest is parsed once per version (size and mtime are
 * checked on every call), so an edit is seen on the next lint.
 */
export function projectDependencies(filename: string): ReadonlySet<string> | null {
  const root = lintedProjectRoot(filename);
  if (root === null) return null;
  const manifestFile = path.join(root, 'package.json');
  let stat;
  try {
    stat = fs.statSync(manifestFile);
  } catch {
    // The manifest vanished since the root was found: no answer about the project's packages.
    return null;
  }
  const cached = dependencyCache.get(manifestFile);
  if (cached?.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached.names;
  const names = readDependencies(manifestFile);
  dependencyCache.set(manifestFile, { size: stat.size, mtimeMs: stat.mtimeMs, names });
  return names;
}

/** Each manifest's packages, reused while its size and mtime are unchanged. */
const dependencyCache = new Map<string, { size: number; mtimeMs: number; names: ReadonlySet<string> | null }>();

function readDependencies(manifestFile: string): ReadonlySet<string> | null {
  const text = readProjectFile(manifestFile);
  if (text === null) return null;
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    const names = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const entries = manifest[field];
      if (typeof entries === 'object' && entries !== null) for (const name of Object.keys(entries)) names.add(name);
    }
    return names;
  } catch {
    // A manifest that is not JSON says nothing about the project's packages: no answer.
    return null;
  }
}

/** A linted file's path relative to its project root, with `/` separators, or null outside one. */
export function projectRelativePath(filename: string): string | null {
  const root = projectRoot(filename);
  if (root === null) return null;
  const relative = path.relative(root, path.resolve(filename));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

/**
 * Files under `root` whose base name is accepted, breadth first in name order. Skips dependency and
 * build directories, hidden directories, symbolic links and nested packages (directories with their
 * own `package.json`, which are projects of their own).
 */
function scanProject(root: string, accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  const queue: string[] = [root];
  let entries = 0;
  while (queue.length > 0 && found.length < MAX_FILES && entries < MAX_ENTRIES) {
    const directory = queue.shift()!;
    let listing: fs.Dirent[];
    try {
      listing = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      // An unreadable directory holds no files this scan can read; the others still count.
      continue;
    }
    listing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of listing) {
      entries++;
      if (entries > MAX_ENTRIES || found.length >= MAX_FILES) break;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || entry.name.startsWith('.')) continue;
        if (isFile(path.join(full, 'package.json'))) continue;
        queue.push(full);
      } else if (entry.isFile() && accept(entry.name)) {
        found.push(full);
      }
    }
  }
  return found;
}

/**
 * Removes `//` and `/* *\/` comments so that commented-out configuration is not read. Strings and
 * template literals are kept as they are (template expressions are not tracked: an approximation
 * that is good enough for configuration files). Linear in the length of the text.
 */
export function stripComments(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    const next = text[index + 1];
    if (char === '/' && next === '/') {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      out += ' ';
      index = end === -1 ? text.length : end + 2;
    } else if (char === '"' || char === "'" || char === '`') {
      const end = stringEnd(text, index);
      out += text.slice(index, end);
      index = end;
    } else {
      out += char;
      index++;
    }
  }
  return out;
}

/** Index just past the string literal that starts (with its quote) at `start`. */
export function stringEnd(text: string, start: number): number {
  const quote = text[start];
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (char === quote) return index + 1;
    if (char === '\n' && quote !== '`') return index;
    index++;
  }
  return text.length;
}

/** What a NestJS project declares for every route in its module and bootstrap files. */
export interface NestProjectInfo {
  /** Class names of guards registered with `{ provide: APP_GUARD, useClass: X }` or `useGlobalGuards(new X())`. */
  globalGuards: string[];
  /** The `app.setGlobalPrefix('api')` prefix, when it is a plain string without exclusions. */
  globalPrefix: string | null;
}

const NEST_EMPTY: NestProjectInfo = { globalGuards: [], globalPrefix: null };
const nestCache = new Map<string, NestProjectInfo>();

const NEST_FILE = /^(?:.+\.module|main)\.[cm]?[jt]s$/u;
const APP_GUARD_PROVIDER = /\bprovide\s*:\s*APP_GUARD\b/gu;
const USE_CLASS = /\buse(?:Class|Existing)\s*:\s*([$A-Z_a-z][\w$]*)/u;
const NEW_CLASS = /\bnew\s+([$A-Z_a-z][\w$]*)/gu;
const CAPITALISED = /\b([A-Z][\w$]*)/gu;
const USE_GLOBAL_GUARDS = /\.useGlobalGuards\s*\(/gu;
const GLOBAL_PREFIX = /\.setGlobalPrefix\s*\(\s*(["'`])([^"'`]*)\1\s*\)/u;

/** Text between the parenthesis before `start` and its closing parenthesis (strings skipped). */
function parenthesised(text: string, start: number): string {
  let depth = 1;
  let index = start;
  while (index < text.length && depth > 0) {
    const char = text[index]!;
    if (char === '"' || char === "'" || char === '`') {
      index = stringEnd(text, index);
      continue;
    }
    if (char === '(') depth++;
    else if (char === ')') depth--;
    index++;
  }
  return text.slice(start, depth === 0 ? index - 1 : index);
}

/** Splits an argument list at its top-level commas. */
function topLevelArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"' || char === "'" || char === '`') {
      index = stringEnd(text, index);
      continue;
    }
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
    index++;
  }
  parts.push(text.slice(start));
  return parts;
}

/** Guard class names and the global prefix declared in one module or bootstrap file. */
export function nestDeclarations(source: string): NestProjectInfo {
  const text = stripComments(source);
  const guards: string[] = [];
  for (const match of text.matchAll(APP_GUARD_PROVIDER)) {
    const open = text.lastIndexOf('{', match.index);
    const close = text.indexOf('}', match.index);
    const provider = text.slice(open === -1 ? match.index : open, close === -1 ? text.length : close);
    const useClass = USE_CLASS.exec(provider);
    if (useClass?.[1] !== undefined) {
      guards.push(useClass[1]);
      continue;
    }
    const created = [...provider.matchAll(NEW_CLASS)][0]?.[1];
    if (created !== undefined) guards.push(created);
  }
  for (const match of text.matchAll(USE_GLOBAL_GUARDS)) {
    for (const argument of topLevelArguments(parenthesised(text, match.index + match[0].length))) {
      // `new JwtAuthGuard(reflector)`, else the first class-like name: `app.get(JwtAuthGuard)`.
      const name = [...argument.matchAll(NEW_CLASS)][0]?.[1] ?? [...argument.matchAll(CAPITALISED)][0]?.[1];
      if (name !== undefined) guards.push(name);
    }
  }
  const prefix = GLOBAL_PREFIX.exec(text)?.[2];
  return { globalGuards: guards, globalPrefix: prefix ?? null };
}

/**
 * The global guards and prefix of the NestJS project a file belongs to, read from its
 * `*.module.{ts,js}` and `main.{ts,js}` files. Empty when the file is not on disk or not inside a project.
 */
export function nestProjectInfo(filename: string): NestProjectInfo {
  const root = lintedProjectRoot(filename);
  if (root === null) return NEST_EMPTY;
  const cached = nestCache.get(root);
  if (cached) return cached;
  const guards: string[] = [];
  let prefix: string | null = null;
  for (const file of scanProject(root, (name) => NEST_FILE.test(name) && !name.endsWith('.d.ts'))) {
    const text = readProjectFile(file);
    if (text === null || (!text.includes('APP_GUARD') && !text.includes('useGlobal') && !text.includes('GlobalPrefix'))) {
      continue;
    }
    const declared = nestDeclarations(text);
    for (const guard of declared.globalGuards) if (!guards.includes(guard)) guards.push(guard);
    prefix ??= declared.globalPrefix;
  }
  const info: NestProjectInfo = { globalGuards: guards, globalPrefix: prefix };
  nestCache.set(root, info);
  return info;
}

/** The Next.js middleware (or Next 16 proxy) file of a project. */
export interface ProjectFile {
  file: string;
  text: string;
}

const MIDDLEWARE_CANDIDATES = ['middleware', 'src/middleware', 'proxy', 'src/proxy'].flatMap((base) =>
  ['ts', 'js', 'mts', 'mjs', 'tsx', 'jsx'].map((extension) => `${base}.${extension}`),
);
const middlewareCache = new Map<string, ProjectFile | null>();

/**
 * The `middleware.*` / `proxy.*` file at the root or in `src/` of the Next.js project a file belongs
 * to, with its text, or null (also when the linted file is not on disk).
 */
export function nextMiddlewareFile(filename: string): ProjectFile | null {
  const root = lintedProjectRoot(filename);
  if (root === null) return null;
  const cached = middlewareCache.get(root);
  if (cached !== undefined) return cached;
  let found: ProjectFile | null = null;
  for (const candidate of MIDDLEWARE_CANDIDATES) {
    const file = path.join(root, candidate);
    const text = readProjectFile(file);
    if (text !== null) {
      found = { file, text };
      break;
    }
  }
  middlewareCache.set(root, found);
  return found;
}
