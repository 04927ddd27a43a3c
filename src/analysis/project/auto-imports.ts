import fs from 'node:fs';
import path from 'node:path';
import { readProjectFile, stripComments } from '../routes/project-files.js';
import { parseJsonc } from './config.js';

/*
 * Nuxt and Nitro projects: the aliases their build defines and the functions it imports implicitly
 * (and SvelteKit's `$lib` alias, see `sveltekitLayout`).
 *
 * Aliases. Nuxt code imports `~/server/utils/db`, `@@/shared/x`, `#server/utils/db`. The project's
 * `tsconfig.json` usually only extends `./.nuxt/tsconfig.json` (or Nitro's
 * `./.nitro/types/tsconfig.json`), which the framework writes on `nuxt prepare` and which a fresh
 * clone or a CI run before a build does not have. When that file is there its `paths` are read as
 * any tsconfig's; the defaults below answer only what it does not map.
 *   Nuxt: `~` and `@` are the srcDir, `~~` and `@@` the root, `#shared` the root's `shared/`,
 *   `#server` the server directory. The srcDir is the root, except under Nuxt 4 (or Nuxt 3 with
 *   `future.compatibilityVersion: 4`) when `app/` exists; the server directory is `server/` of the
 *   srcDir in Nuxt 3 and of the root in Nuxt 4 (as @nuxt/schema resolves them).
 *   Nitro alone: `~` and `@` are its srcDir (the root unless `srcDir` is set), `~~` and `@@` the root.
 *   `srcDir`, `serverDir` and `alias` are read from the config file when they are written as
 *   string literals.
 *
 * Auto-imports. Nitro (and so Nuxt's server) makes every export of `utils/**` of its source
 * directory (Nuxt: `<serverDir>/utils/**`, and the top-level files of `shared/utils` and
 * `shared/types`) available to the server code without an import line: a handler calls
 * `findUserById(id)` with no binding for it. Unimport does so by the names the files export, a
 * default export under the file's name in camelCase. The names are read from each file's text
 * (`export function f`, `export const f`, `export { a, b as c }`, `export default`), and the uses
 * from each server file's text (the words not preceded by a `.`), once per file version.
 */

/** What a Nuxt or Nitro project's build adds to module resolution, for one package of the project. */
export interface ServerLayout {
  framework: 'nuxt' | 'nitro' | 'sveltekit';
  root: string;
  /** Alias prefixes and the absolute paths they stand for, the longest prefix first. */
  aliases: readonly (readonly [string, string])[];
  /** The server code: files below these directories receive the auto-imports. */
  serverDirs: readonly string[];
  /** Directories whose files' exports are auto-imported; `deep`: all files below, else the top-level ones. */
  importDirs: readonly { dir: string; deep: boolean }[];
}

const CONFIG_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

interface CachedLayout {
  layout: ServerLayout | null;
  versions: Map<string, string>;
}

const layouts = new Map<string, CachedLayout>();

/** Size and mtime of a file, `-1` when absent; for a directory, whether it has entries. */
function versionOf(file: string): string {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return fs.readdirSync(file).length > 0 ? 'dir' : 'empty';
    return `${String(stat.size)}:${String(stat.mtimeMs)}`;
  } catch {
    // Absent is a version too: the layout changes when the file appears.
    return '-1';
  }
}

function readTracked(file: string, versions: Map<string, string>): string | null {
  versions.set(file, versionOf(file));
  return readProjectFile(file);
}

function firstConfig(dir: string, stem: string, versions: Map<string, string>): { file: string; text: string } | null {
  for (const extension of CONFIG_EXTENSIONS) {
    const file = path.join(dir, stem + extension);
    const text = readTracked(file, versions);
    if (text !== null) return { file, text };
  }
  return null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The major version a dependency range names (`^4.1.0` is 4), or null (`latest`, a tag, a workspace link). */
function majorOf(range: unknown): number | null {
  if (typeof range !== 'string') return null;
  const match = /^[\^~>=v\s]*(\d+)/u.exec(range);
  return match ? Number(match[1]) : null;
}

/** A top-level string option of a config file's text (`srcDir: 'server'`), when written as a literal. */
function literalOption(code: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*:\\s*(['"\`])([^'"\`\\n]*)\\1`, 'u').exec(code);
  return match ? match[2]! : null;
}

/**
 * The `alias` entries of a config file written with literal targets: `'@db': './server/db'`, or
 * `fileURLToPath(new URL('./server/db', import.meta.url))`, relative to the config's directory.
 */
function literalAliases(code: string, dir: string): [string, string][] {
  const block = /\balias\s*:\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/u.exec(code)?.[1];
  if (block === undefined) return [];
  const found: [string, string][] = [];
  const entry = /(['"]?)([~@#$\w][\w~@#$/.-]*)\1\s*:\s*(?:(['"`])([^'"`\n]+)\3|(?:fileURLToPath\s*\(\s*)?new\s+URL\s*\(\s*(['"`])([^'"`\n]+)\5\s*,\s*import\.meta\.url\s*\)\s*\)?|(?:path\.)?(?:resolve|join)\s*\(\s*__dirname\s*,\s*(['"`])([^'"`\n]+)\7\s*\))/gu;
  for (const match of block.matchAll(entry)) {
    const target = match[4] ?? match[6] ?? match[8];
    if (target === undefined) continue;
    // A bare package name (an alias to a dependency) names no project file.
    if (!target.startsWith('.') && !target.startsWith('/') && match[4] !== undefined) continue;
    found.push([match[2]!.replace(/\/$/u, ''), path.resolve(dir, target)]);
  }
  return found;
}

function computeLayout(dir: string, versions: Map<string, string>): ServerLayout | null {
  const manifest = parseJsonc(readTracked(path.join(dir, 'package.json'), versions) ?? '');
  const dependencies = isRecord(manifest) ? { ...(isRecord(manifest.devDependencies) ? manifest.devDependencies : {}), ...(isRecord(manifest.dependencies) ? manifest.dependencies : {}) } : {};
  const nuxtConfig = firstConfig(dir, 'nuxt.config', versions);
  const nitroConfig = nuxtConfig ? null : firstConfig(dir, 'nitro.config', versions);
  const isNuxt = nuxtConfig !== null || Object.hasOwn(dependencies, 'nuxt') || Object.hasOwn(dependencies, 'nuxt-nightly');
  const isNitro = !isNuxt && (nitroConfig !== null || Object.hasOwn(dependencies, 'nitropack') || Object.hasOwn(dependencies, 'nitro') || Object.hasOwn(dependencies, 'nitro-nightly'));
  if (!isNuxt && !isNitro) return sveltekitLayout(dir, dependencies, versions);
  const code = stripComments((nuxtConfig ?? nitroConfig)?.text ?? '');
  const written = literalAliases(code, dir);
  const srcOption = literalOption(code, 'srcDir');
  if (isNitro) {
    const srcDir = srcOption === null ? dir : path.resolve(dir, srcOption);
    return {
      framework: 'nitro',
      root: dir,
      aliases: sortAliases([...written, ['~', srcDir], ['@', srcDir], ['~~', dir], ['@@', dir]]),
      serverDirs: [srcDir],
      importDirs: [{ dir: path.join(srcDir, 'utils'), deep: true }],
    };
  }
  const compatibility = /\bcompatibilityVersion\s*:\s*(\d+)/u.exec(code)?.[1];
  const major = majorOf(dependencies.nuxt ?? dependencies['nuxt-nightly']);
  // An unknown version (a tag, a catalog) is read as the current major, 4.
  const isV4 = compatibility !== undefined ? Number(compatibility) >= 4 : (major ?? 4) >= 4;
  const appDir = path.join(dir, 'app');
  versions.set(appDir, versionOf(appDir));
  const srcDir = srcOption !== null ? path.resolve(dir, srcOption) : isV4 && versionOf(appDir) === 'dir' ? appDir : dir;
  const serverOption = literalOption(code, 'serverDir');
  const serverDir = serverOption !== null ? path.resolve(dir, serverOption) : path.join(isV4 ? dir : srcDir, 'server');
  const sharedDir = path.join(dir, 'shared');
  return {
    framework: 'nuxt',
    root: dir,
    aliases: sortAliases([...written, ['~', srcDir], ['@', srcDir], ['~~', dir], ['@@', dir], ['#shared', sharedDir], ['#server', serverDir]]),
    serverDirs: [serverDir],
    importDirs: [
      { dir: path.join(serverDir, 'utils'), deep: true },
      { dir: path.join(sharedDir, 'utils'), deep: false },
      { dir: path.join(sharedDir, 'types'), deep: false },
    ],
  };
}

/**
 * SvelteKit: `$lib` is `src/lib` (the `kit.alias` of `svelte.config.js` and the `paths` of the
 * generated `.svelte-kit/tsconfig.json` are not read); nothing is imported implicitly.
 */
function sveltekitLayout(dir: string, dependencies: Record<string, unknown>, versions: Map<string, string>): ServerLayout | null {
  const config = firstConfig(dir, 'svelte.config', versions);
  if (config === null && !Object.hasOwn(dependencies, '@sveltejs/kit')) return null;
  return { framework: 'sveltekit', root: dir, aliases: [['$lib', path.join(dir, 'src', 'lib')]], serverDirs: [], importDirs: [] };
}

/** The first entry for each prefix (the config's own win over the defaults), the longest first. */
function sortAliases(entries: [string, string][]): [string, string][] {
  const seen = new Map<string, string>();
  for (const [key, target] of entries) if (!seen.has(key)) seen.set(key, target);
  return [...seen].sort((a, b) => b[0].length - a[0].length);
}

function fresh(versions: Map<string, string>): boolean {
  for (const [file, version] of versions) if (versionOf(file) !== version) return false;
  return true;
}

/**
 * The layout of the Nuxt or Nitro project in package directory `dir`, or null when it is neither
 * (no `nuxt.config`/`nitro.config` and no `nuxt`/`nitropack` dependency). The same object while
 * the files it was read from are unchanged.
 */
export function serverLayout(dir: string): ServerLayout | null {
  const cached = layouts.get(dir);
  if (cached && fresh(cached.versions)) return cached.layout;
  const versions = new Map<string, string>();
  const layout = computeLayout(dir, versions);
  layouts.set(dir, { layout, versions });
  return layout;
}

/** The absolute paths an aliased specifier names (`~/server/utils/db`), or none. */
export function aliasTargets(layout: ServerLayout, specifier: string): string[] {
  for (const [key, target] of layout.aliases) {
    if (specifier === key) return [target];
    if (specifier.startsWith(`${key}/`)) return [path.join(target, specifier.slice(key.length + 1))];
  }
  return [];
}

const isBelow = (dir: string, file: string): boolean => file.startsWith(dir + path.sep);

/** Whether the build gives `file` the auto-imports (it is server code). */
export function receivesAutoImports(layout: ServerLayout, file: string): boolean {
  return layout.serverDirs.some((dir) => isBelow(dir, file));
}

/** Whether the exports of `file` are auto-imported. */
export function isAutoImportSource(layout: ServerLayout, file: string): boolean {
  return layout.importDirs.some(({ dir, deep }) => isBelow(dir, file) && (deep || path.dirname(file) === dir));
}

interface Scanned {
  size: number;
  mtimeMs: number;
  /** Exported name to the name `exportedDefinition` knows it by (`''`: the default export). */
  exports: ReadonlyMap<string, string>;
  words: ReadonlySet<string>;
}

const scanned = new Map<string, Scanned>();

/** A file's exports and the words it uses, read from its text once per size and mtime. */
function scanOf(file: string): Scanned {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    // Gone since the listing: it exports and uses nothing.
    return { size: -1, mtimeMs: -1, exports: new Map(), words: new Set() };
  }
  const known = scanned.get(file);
  if (known?.size === stat.size && known.mtimeMs === stat.mtimeMs) return known;
  const code = stripComments(readProjectFile(file) ?? '');
  const result: Scanned = { size: stat.size, mtimeMs: stat.mtimeMs, exports: exportedNames(code, file), words: usedWords(code) };
  scanned.set(file, result);
  return result;
}

/** The names a file's text exports, as unimport reads them (a default export under the file's name in camelCase). */
export function exportedNames(code: string, file: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of code.matchAll(/\bexport\s+(?:declare\s+)?(?:async\s+)?(?:function(?:\s*\*\s*|\s+)|(?:const|let|var|(?:abstract\s+)?class|enum)\s+)([A-Za-z_$][\w$]*)/gu)) {
    names.set(match[1]!, match[1]!);
  }
  for (const match of code.matchAll(/\bexport\s+(?:type\s+)?\{([^}]*)\}/gu)) {
    for (const part of match[1]!.split(',')) {
      const words = part.trim().replace(/^type\s+/u, '').split(/\s+as\s+/u);
      const local = words[0]?.trim();
      const exported = (words[1] ?? words[0])?.trim();
      if (!local || !exported || !/^[A-Za-z_$][\w$]*$/u.test(exported)) continue;
      if (exported === 'default') names.set(camelCaseName(file), '');
      else names.set(exported, exported);
    }
  }
  if (/\bexport\s+default\b/u.test(code)) names.set(camelCaseName(file), '');
  return names;
}

/** `use-db.ts` is `useDb`, as unimport names a default export. */
function camelCaseName(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/u, '');
  return stem.replace(/[-_.\s]+([A-Za-z0-9])/gu, (_, next: string) => next.toUpperCase()).replace(/^[A-Z]/u, (first) => first.toLowerCase());
}

/**
 * The identifiers a text uses outside property access (`.name`) and quoted strings (the `db` of
 * `'../utils/db'`), nearly a superset of its free names. Template literals are kept whole (their
 * `${…}` is code); a quote is read to the end of its line at most.
 */
function usedWords(code: string): Set<string> {
  const words = new Set<string>();
  const unquoted = code.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/gu, '""');
  for (const match of unquoted.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*/gu)) words.add(match[0]);
  return words;
}

/** The auto-imports of one project: which file exports each name, and which server files use which file. */
export interface AutoImportTable {
  /** Per package directory with a layout: name to its file and exported name. */
  readonly sources: ReadonlyMap<string, ReadonlyMap<string, { file: string; name: string }>>;
  /** Server file to the auto-import files it uses (by the words of its text). */
  readonly uses: ReadonlyMap<string, readonly string[]>;
}

/**
 * The auto-import table of a project's files, for the packages that are Nuxt or Nitro projects
 * (`layoutOf` gives a file's package layout, `packageOf` its package directory). Linear in the
 * size of the files involved; each file's scan is kept per size and mtime.
 */
export function autoImportTable(
  files: Iterable<string>,
  packageOf: (file: string) => string,
  layoutOf: (dir: string) => ServerLayout | null,
): AutoImportTable {
  const sources = new Map<string, Map<string, { file: string; name: string }>>();
  const servers: string[] = [];
  // Sorted, so that two files exporting one name (Nitro warns, and one of them wins) always give the same answer.
  for (const file of [...files].sort()) {
    const dir = packageOf(file);
    const layout = layoutOf(dir);
    if (!layout) continue;
    if (isAutoImportSource(layout, file)) {
      let names = sources.get(dir);
      if (!names) sources.set(dir, (names = new Map()));
      for (const [exported, name] of scanOf(file).exports) if (!names.has(exported)) names.set(exported, { file, name });
    }
    if (receivesAutoImports(layout, file)) servers.push(file);
  }
  const uses = new Map<string, string[]>();
  for (const file of servers) {
    const names = sources.get(packageOf(file));
    if (!names) continue;
    const used = new Set<string>();
    for (const word of scanOf(file).words) {
      const source = names.get(word);
      if (source && source.file !== file) used.add(source.file);
    }
    if (used.size > 0) uses.set(file, [...used]);
  }
  return { sources, uses };
}
