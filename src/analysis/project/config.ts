import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { matchesGlob } from '../../utils/glob.js';

/*
 * What a project says about its own layout: the `tsconfig.json` that decides which files belong to
 * it and how bare specifiers map to files (`paths`, `baseUrl`), the `package.json` that names it and
 * maps `#imports` and `exports`, and the workspace (npm/yarn `workspaces`, `pnpm-workspace.yaml`)
 * whose packages are one project. Read without TypeScript (it is an optional peer), reused while the
 * files read keep their size and mtime, and never a failure source: a config that cannot be read or
 * parsed counts as absent.
 */

/** Glob patterns written in one config, relative to that config's directory. */
export interface Patterns {
  base: string;
  patterns: readonly string[];
}

/** The parts of a `tsconfig.json` (with its `extends` chain) the index uses. */
export interface ProjectConfig {
  /** Null: TypeScript's default (`**` + `/*` of the config's directory, unless `files` is given). */
  include: Patterns | null;
  exclude: Patterns | null;
  /** Absolute paths listed in `files`. */
  files: readonly string[] | null;
  /** Absolute `baseUrl`. */
  baseUrl: string | null;
  /** `paths`, with the directory its targets are relative to (`baseUrl`, else the defining config's). */
  paths: { base: string; map: Readonly<Record<string, readonly string[]>> } | null;
  /** Absolute `outDir` and `rootDir`: built files under `outDir` map back to sources under `rootDir`. */
  outDir: string | null;
  rootDir: string | null;
  /** `allowJs` or `checkJs`: whether `include` speaks for JavaScript files too. */
  allowJs: boolean;
}

/** The fields of a `package.json` that say how the package is imported. */
export interface PackageManifest {
  dir: string;
  name: string | null;
  exports: unknown;
  imports: unknown;
  /** `source`, `types`, `typings`, `module`, `main`, in the order tried. */
  entries: readonly string[];
  /** Workspace globs (npm/yarn `workspaces`, or `pnpm-workspace.yaml` beside it). */
  workspaces: readonly string[];
}

const MAX_EXTENDS = 5;

/**
 * JSON with comments and trailing commas (as `tsconfig.json` is written) parsed, or null. Strings are
 * copied whole, so a `//` inside a path or URL stays.
 */
export function parseJsonc(text: string): unknown {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(index, end + 1);
      index = end + 1;
    } else if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      out += ' ';
      index = end === -1 ? text.length : end + 2;
    } else if (char === ',') {
      // A comma followed only by blanks and a closing bracket is a trailing comma: dropped.
      let next = index + 1;
      while (next < text.length && /\s/u.test(text[next]!)) next++;
      if (text[next] !== '}' && text[next] !== ']') out += char;
      index++;
    } else {
      out += char;
      index++;
    }
  }
  try {
    return JSON.parse(out) as unknown;
  } catch {
    // A config that is not JSON says nothing about the layout: treated as absent.
    return null;
  }
}

/** Files read for a cached answer, each with the size and mtime it had (-1: missing). */
type Versions = Map<string, string>;

function versionOf(file: string): string {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? `${String(stat.size)}:${String(stat.mtimeMs)}` : '-1';
  } catch {
    // Missing is a version too: the answer changes when the file appears.
    return '-1';
  }
}

function readJson(file: string, versions: Versions): unknown {
  versions.set(file, versionOf(file));
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    // Missing or unreadable: no config here.
    return null;
  }
  return parseJsonc(text);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null;

/** The config file an `extends` entry names: a relative path, or a config inside a package. */
function extendedFile(fromDir: string, specifier: string): string | null {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const full = path.resolve(fromDir, specifier);
    for (const candidate of [full, `${full}.json`]) if (versionOf(candidate) !== '-1') return candidate;
    return null;
  }
  const require = createRequire(path.join(fromDir, 'package.json'));
  for (const candidate of [specifier, `${specifier}.json`, `${specifier}/tsconfig.json`]) {
    try {
      return require.resolve(candidate);
    } catch {
      // Not this spelling of a packaged config: the next one is tried.
    }
  }
  return null;
}

interface RawLayer {
  dir: string;
  raw: Record<string, unknown>;
}

/** The configs of an `extends` chain, the most basic first, the file itself last. */
function layers(file: string, versions: Versions, depth: number, seen: Set<string>): RawLayer[] {
  if (depth > MAX_EXTENDS || seen.has(file)) return [];
  seen.add(file);
  const raw = readJson(file, versions);
  if (!isRecord(raw)) return [];
  const dir = path.dirname(file);
  const bases = typeof raw.extends === 'string' ? [raw.extends] : (strings(raw.extends) ?? []);
  const result: RawLayer[] = [];
  for (const base of bases) {
    const baseFile = extendedFile(dir, base);
    if (baseFile !== null) result.push(...layers(baseFile, versions, depth + 1, seen));
  }
  result.push({ dir, raw });
  return result;
}

/**
 * The `tsconfig.json` of a directory with its `extends` chain merged as TypeScript merges it:
 * `include`, `exclude` and `files` are taken whole from the nearest config that sets them, relative
 * to that config's directory; compiler options key by key, paths relative to where they are written.
 */
function readProjectConfig(file: string, versions: Versions): ProjectConfig | null {
  versions.set(file, versionOf(file));
  const chain = layers(file, versions, 0, new Set());
  if (chain.length === 0) return null;
  const config: ProjectConfig = { include: null, exclude: null, files: null, baseUrl: null, paths: null, outDir: null, rootDir: null, allowJs: false };
  let pathsDir: string | null = null;
  let paths: Record<string, readonly string[]> | null = null;
  for (const { dir, raw } of chain) {
    const include = strings(raw.include);
    if (include) config.include = { base: dir, patterns: include };
    const exclude = strings(raw.exclude);
    if (exclude) config.exclude = { base: dir, patterns: exclude };
    const files = strings(raw.files);
    if (files) config.files = files.map((name) => path.resolve(dir, name));
    const options = isRecord(raw.compilerOptions) ? raw.compilerOptions : {};
    if (typeof options.baseUrl === 'string') config.baseUrl = path.resolve(dir, options.baseUrl);
    if (typeof options.outDir === 'string') config.outDir = path.resolve(dir, options.outDir);
    if (typeof options.rootDir === 'string') config.rootDir = path.resolve(dir, options.rootDir);
    if (typeof options.allowJs === 'boolean' || typeof options.checkJs === 'boolean') config.allowJs = options.allowJs === true || options.checkJs === true;
    if (isRecord(options.paths)) {
      paths = {};
      for (const [key, targets] of Object.entries(options.paths)) {
        const list = strings(targets);
        if (list) paths[key] = list;
      }
      pathsDir = dir;
    }
  }
  if (paths !== null) config.paths = { base: config.baseUrl ?? pathsDir ?? path.dirname(file), map: paths };
  // A solution-style config (`"files": []` and `references`, as Nuxt 4 and Vite projects write it)
  // lists nothing itself: its project references do. Read as TypeScript's default instead of empty.
  const own = chain.at(-1)?.raw;
  if (config.files?.length === 0 && config.include === null && Array.isArray(own?.references) && own.references.length > 0) config.files = null;
  return config;
}

/** The workspace globs a `pnpm-workspace.yaml` lists under `packages:` (a small reading of its list form). */
function pnpmWorkspaces(file: string, versions: Versions): string[] {
  versions.set(file, versionOf(file));
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    // No pnpm workspace here.
    return [];
  }
  const globs: string[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/u)) {
    if (/^packages\s*:/u.test(line)) {
      inPackages = true;
      continue;
    }
    if (!inPackages) continue;
    const trimmed = line.trim();
    if (trimmed.startsWith('-') && line !== trimmed) {
      const comment = trimmed.indexOf('#');
      const item = (comment === -1 ? trimmed : trimmed.slice(0, comment)).slice(1).trim().replace(/^(['"])(.*)\1$/u, '$2');
      if (item !== '') globs.push(item);
    } else if (/^\S/u.test(line)) {
      inPackages = false;
    }
  }
  return globs;
}

function readManifest(dir: string, versions: Versions): PackageManifest | null {
  const read = readJson(path.join(dir, 'package.json'), versions);
  const pnpm = pnpmWorkspaces(path.join(dir, 'pnpm-workspace.yaml'), versions);
  if (!isRecord(read) && pnpm.length === 0) return null;
  const raw = isRecord(read) ? read : {};
  const workspaces = strings(raw.workspaces) ?? (isRecord(raw.workspaces) ? strings(raw.workspaces.packages) : null) ?? [];
  return {
    dir,
    name: typeof raw.name === 'string' ? raw.name : null,
    exports: raw.exports,
    imports: raw.imports,
    entries: ['source', 'types', 'typings', 'module', 'main'].flatMap((field) => (typeof raw[field] === 'string' ? [raw[field]] : [])),
    workspaces: [...workspaces, ...pnpm],
  };
}

/** One package of the project (the root, or a workspace member): its manifest and its tsconfig. */
export interface ProjectUnit {
  dir: string;
  manifest: PackageManifest | null;
  config: ProjectConfig | null;
}

interface CachedUnit {
  unit: ProjectUnit;
  versions: Versions;
}

const units = new Map<string, CachedUnit>();

function fresh(versions: Versions): boolean {
  for (const [file, version] of versions) if (versionOf(file) !== version) return false;
  return true;
}

/** The manifest and tsconfig of the package in `dir`, re-read when one of the files read changed. */
export function projectUnit(dir: string): ProjectUnit {
  const cached = units.get(dir);
  if (cached && fresh(cached.versions)) return cached.unit;
  const versions: Versions = new Map();
  const unit = { dir, manifest: readManifest(dir, versions), config: readProjectConfig(path.join(dir, 'tsconfig.json'), versions) };
  units.set(dir, { unit, versions });
  return unit;
}

/** A path relative to `base` with `/` separators, or null when it is outside `base`. */
export function relativeTo(base: string, file: string): string | null {
  const relative = path.relative(base, file);
  if (relative === '') return '';
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

const toSlashes = (name: string): string => name.split(path.sep).join('/');

/**
 * Whether a glob of a config (TypeScript's reading: a last segment without `*` names a directory as
 * well as a file) covers `file`. The glob is joined to the config's directory first, so `../src`
 * written in a shared base config names the sibling `src`.
 */
function matchesConfigGlob(base: string, pattern: string, file: string): boolean {
  const glob = path.posix.join(toSlashes(base), pattern.replace(/\/+$/u, ''));
  const target = toSlashes(file);
  // Anchored: matchesGlob reads a glob without `/` as a name at any depth; these always have one.
  if (matchesGlob(target, glob)) return true;
  // `src` or `src/lib` names a directory: everything below it.
  return matchesGlob(target, `${glob}/**`);
}

/** Whether a directory is excluded by the config (so the walk need not enter it). */
export function configExcludes(config: ProjectConfig | null, directory: string): boolean {
  const exclude = config?.exclude;
  return exclude ? exclude.patterns.some((pattern) => matchesConfigGlob(exclude.base, pattern, directory)) : false;
}

/**
 * Whether the config of `unitDir` makes `file` part of the project (TypeScript's `files`, `include`,
 * `exclude`). JavaScript files are TypeScript's only with `allowJs`/`checkJs`; without it a project's
 * JavaScript (a CommonJS app whose tsconfig covers its few `.ts` files) is still the project's code,
 * and only `exclude` applies to it.
 */
export function configIncludes(config: ProjectConfig | null, unitDir: string, file: string): boolean {
  if (config === null) return true;
  if (config.files?.includes(file)) return true;
  if (configExcludes(config, file)) return false;
  if (!config.allowJs && /\.[cm]?jsx?$/u.test(file)) return true;
  const include = config.include ?? (config.files ? null : { base: unitDir, patterns: ['**/*'] });
  return include?.patterns.some((pattern) => matchesConfigGlob(include.base, pattern, file)) ?? false;
}

/** Whether `dir` is one of the members a workspace root's globs name. */
export function isWorkspaceMember(root: ProjectUnit, dir: string): boolean {
  const relative = relativeTo(root.dir, dir);
  if (relative === null || relative === '') return false;
  const globs = root.manifest?.workspaces ?? [];
  const member = globs.some((glob) => !glob.startsWith('!') && matchesGlob(relative, `./${glob.replace(/^\.\//u, '').replace(/\/+$/u, '')}`));
  return member && !globs.some((glob) => glob.startsWith('!') && matchesGlob(relative, `./${glob.slice(1).replace(/^\.\//u, '').replace(/\/+$/u, '')}`));
}

/**
 * The root the index of a package's files starts from: the workspace root when the package is one
 * of its members (its sibling packages are then part of the project), else the package itself.
 */
export function indexRootOf(packageDir: string): string {
  let directory = path.dirname(packageDir);
  for (;;) {
    if (versionOf(path.join(directory, 'package.json')) !== '-1' || versionOf(path.join(directory, 'pnpm-workspace.yaml')) !== '-1') {
      const unit = projectUnit(directory);
      if (unit.manifest && unit.manifest.workspaces.length > 0 && isWorkspaceMember(unit, packageDir)) return directory;
    }
    const parent = path.dirname(directory);
    if (parent === directory) return packageDir;
    directory = parent;
  }
}
