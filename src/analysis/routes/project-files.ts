import fs from 'node:fs';
import path from 'node:path';

/*
 * The linted file's project on disk: its root (the nearest `package.json`), the packages it
 * declares, and the raw text of its files for the project model's index. What other files declare
 * (NestJS global guards, the Next.js middleware) is read from their parse, in `analysis/project`.
 * Everything here is cached or bounded, and never throws.
 */

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

/** Files and directories that mark a project's root when it has no `package.json`. */
const ROOT_MARKERS = ['tsconfig.json', 'jsconfig.json', '.git'];

/**
 * The project root of a linted file: the nearest ancestor directory that holds a `package.json`.
 * A project without one (source files checked out alone, a service folder in a larger tree) still
 * has a root, so that its files are read together: the nearest ancestor holding a `tsconfig.json`,
 * `jsconfig.json` or `.git`, else the working directory when the file is inside it, else the
 * file's own directory. Relative file names are resolved against the process working directory.
 * Null only for a file outside every directory (never, for a resolved path).
 */
export function projectRoot(filename: string): string | null {
  const start = path.dirname(path.resolve(filename));
  let directory = start;
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
  return root ?? rootWithoutManifest(start);
}

const markerRootCache = new Map<string, string>();
let workingDirectory: string | undefined;

/**
 * Records ESLint's working directory (`context.cwd`), which every rule reads when it is created
 * for a file: the root of a project without a `package.json` (see `projectRoot`).
 */
export function noteWorkingDirectory(cwd: string): void {
  workingDirectory = cwd;
}

/** The root of a file's project when no `package.json` is above it (see `projectRoot`). */
function rootWithoutManifest(start: string): string {
  const cwd = path.resolve(workingDirectory ?? process.cwd());
  const key = `${cwd}\0${start}`;
  const cached = markerRootCache.get(key);
  if (cached !== undefined) return cached;
  let root: string | null = null;
  for (let directory = start; ; ) {
    if (ROOT_MARKERS.some((marker) => fs.existsSync(path.join(directory, marker)))) {
      root = directory;
      break;
    }
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  if (root === null) {
    const relative = path.relative(cwd, start);
    const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
    root = inside && path.dirname(cwd) !== cwd ? cwd : start;
  }
  markerRootCache.set(key, root);
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
 * The packages a linted file's project declares (dependencies, dev, peer and optional dependencies
 * of the nearest `package.json`), or null when the file is not on disk, has no `package.json` above
 * it, or the manifest cannot be read. The manifest is parsed once per version (size and mtime are
 * checked on every call), so an edit is seen on the next lint.
 */
export function projectDependencies(filename: string): ReadonlySet<string> | null {
  return manifestOf(filename)?.names ?? null;
}

/**
 * The version ranges the project's manifest gives its packages (`express` → `^5.1.0`), the first
 * of dependencies, dev, peer and optional dependencies that names each; null as `projectDependencies`.
 */
export function projectDependencyVersions(filename: string): ReadonlyMap<string, string> | null {
  return manifestOf(filename)?.versions ?? null;
}

interface Manifest {
  names: ReadonlySet<string>;
  versions: ReadonlyMap<string, string>;
}

function manifestOf(filename: string): Manifest | null {
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
  const cached = manifestCache.get(manifestFile);
  if (cached?.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached.manifest;
  const manifest = readManifest(manifestFile);
  manifestCache.set(manifestFile, { size: stat.size, mtimeMs: stat.mtimeMs, manifest });
  return manifest;
}

/** Each manifest's packages, reused while its size and mtime are unchanged. */
const manifestCache = new Map<string, { size: number; mtimeMs: number; manifest: Manifest | null }>();

function readManifest(manifestFile: string): Manifest | null {
  const text = readProjectFile(manifestFile);
  if (text === null) return null;
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    const versions = new Map<string, string>();
    const names = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const entries = manifest[field];
      if (typeof entries !== 'object' || entries === null) continue;
      for (const [name, version] of Object.entries(entries)) {
        names.add(name);
        if (typeof version === 'string' && !versions.has(name)) versions.set(name, version);
      }
    }
    return { names, versions };
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
function stringEnd(text: string, start: number): number {
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
