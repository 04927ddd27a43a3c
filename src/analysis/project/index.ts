import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot, readProjectFile, stripComments } from '../routes/project-files.js';
import { aliasTargets, autoImportTable, serverLayout, type AutoImportTable, type ServerLayout } from './auto-imports.js';
import { configExcludes, configIncludes, indexRootOf, isWorkspaceMember, projectUnit, relativeTo, type ProjectUnit } from './config.js';
import { recordImporters, recordResolution } from './dependencies.js';
import { contentHash, diskCache, type DiskCache } from './disk-cache.js';
import { pathCandidates, relativeImportCandidates, SOURCE_EXTENSIONS } from './imported.js';
import { parseProjectFile, type ProjectModule } from './parse.js';

/*
 * The project model's index: the source files of the linted file's project, which of them import
 * which, and each one's parse on demand. Built lazily, once per process and project root, so that a
 * rule linting one file can ask what the others do (who calls this function with request input,
 * where this router is mounted). See docs/project-model.md.
 *
 * Files: the project root is the nearest `package.json`, or the workspace root when that package is
 * a workspace member (its sibling packages are then part of the project). Each package's
 * `tsconfig.json` decides which of its files belong (`files`, `include`, `exclude`, through
 * `extends`); dependencies, build output and test fixtures never do.
 *
 * Imports resolve as the runtime and TypeScript resolve them: relative paths with the extension
 * rules of ESM and CommonJS (`./auth.js` is `./auth.ts`), tsconfig `paths` and `baseUrl`,
 * `package.json` `imports` (`#lib/*`), and workspace packages by name through their `exports`,
 * `types` or `main`, mapped from built output back to the source file.
 *
 * Freshness: a file's parse is revalidated by size and mtime on every use (see `parse.ts`). The
 * listing and the import graph are revalidated when they are older than `REVALIDATE_MS` (longer for
 * a project whose walk is slow, see `REVALIDATE_COST_FACTOR`): each directory and file is stat'ed
 * again and only what changed is read again. A long-lived process
 * (the editor's ESLint server) therefore sees a saved edit on its next lint of another file. The
 * import scan of each file is kept on disk by content hash (`disk-cache.ts`), so the workers of
 * `eslint --concurrency` and the next run share it.
 */

/** Directories never indexed: dependencies, build output, VCS data, test fixtures. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'built', 'out', 'coverage', '.next', '.git', 'fixtures', '__fixtures__', '__mocks__']);
/** Directories a package's built files are commonly written to, mapped back to `src` when a manifest names them. */
const BUILD_DIRECTORIES = new Set(['dist', 'build', 'lib', 'out']);
/** Larger files are generated (bundles, data), not the project's hand-written code. */
const MAX_FILE_BYTES = 1_000_000;
/** The listing and import graph are trusted for this long before they are revalidated. */
const REVALIDATE_MS = 1_000;
/**
 * A revalidation stats every directory and source file of the project: its cost grows with the
 * project, and so does the time a lint of the whole project takes. At a fixed period the checks
 * would grow with the square of the project's size; trusting the listing for at least this many
 * times as long as its last walk took keeps them under a twentieth of any lint's time (a
 * project whose walk takes 10 ms is still checked every second).
 */
const REVALIDATE_COST_FACTOR = 20;
/** The version of the import scan kept on disk: bump it when `importSpecifiers` changes. */
const IMPORT_SCAN_VERSION = 1;
/** Conditions of `exports`/`imports` maps tried, in the map's own order (TypeScript's and Node's, and `source`). */
const CONDITIONS = new Set(['source', 'types', 'typescript', 'development', 'import', 'require', 'node', 'module', 'default']);

/** One import of a file: the specifier as written and the project file it names, if any. */
export interface ProjectImport {
  specifier: string;
  file: string | null;
}

interface ScannedFile {
  size: number;
  mtimeMs: number;
  specifiers: readonly string[];
  /** Minified or bundled output (`isGenerated`): kept for resolving imports, never searched. */
  generated: boolean;
}

/** Files at least this long are judged by their line lengths (`isGenerated`). */
const GENERATED_MIN_BYTES = 10_000;
/** A line longer than this is not written by hand. */
const GENERATED_LINE = 1_000;

/**
 * Whether a source file's text is a bundler's or minifier's output (a Storybook build, a vendored
 * `*.min.js`) rather than code the project wrote: most of it (more than 4 in 5 characters) sits in
 * lines longer than `GENERATED_LINE`. An inline source map (`//# sourceMappingURL=data:…`, one long
 * line after readable compiled code) does not count. Such files are not searched by the
 * whole-project questions (who calls this function, which file installs that parser), whose cost
 * is the parse of every file they read.
 */
function isGenerated(text: string): boolean {
  if (text.length < GENERATED_MIN_BYTES) return false;
  let long = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > GENERATED_LINE && !text.startsWith('//# sourceMappingURL', start)) long += end - start;
    start = end + 1;
  }
  return long > 0.8 * text.length;
}

const isSourceName = (name: string): boolean =>
  SOURCE_EXTENSIONS.includes(path.extname(name)) && !/\.d\.[cm]?ts$/u.test(name);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The string targets of an `exports`/`imports` entry, through arrays and the conditions above, in order. */
function collectTargets(value: unknown, out: string[], depth: number): void {
  if (depth > 8) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectTargets(item, out, depth + 1);
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) if (CONDITIONS.has(key)) collectTargets(item, out, depth + 1);
}

/**
 * The targets a package's `exports` (subpaths `.`, `./x`) or `imports` (`#x`) map gives `key`, with
 * a `*` pattern's match substituted; the longest matching pattern prefix wins, as in Node.js.
 */
export function mappedTargets(map: unknown, key: string): string[] {
  let entry: unknown;
  let match: string | null = null;
  const isSubpathMap = isRecord(map) && Object.keys(map).some((name) => name.startsWith('.') || name.startsWith('#'));
  if (!isSubpathMap) {
    // `"exports": "./index.js"` or a conditions object: the package's main entry only.
    if (key !== '.') return [];
    entry = map;
  } else if (Object.hasOwn(map, key)) {
    entry = map[key];
  } else {
    let best = -1;
    for (const pattern of Object.keys(map)) {
      const star = pattern.indexOf('*');
      if (star === -1 || pattern.includes('*', star + 1)) continue;
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (prefix.length > best && key.length >= pattern.length - 1 && key.startsWith(prefix) && key.endsWith(suffix)) {
        best = prefix.length;
        entry = map[pattern];
        match = key.slice(prefix.length, key.length - suffix.length);
      }
    }
  }
  const targets: string[] = [];
  collectTargets(entry, targets, 0);
  return match === null ? targets : targets.map((target) => target.replaceAll('*', match));
}

/** The package name and subpath of a bare specifier (`@acme/db/users` is `@acme/db` and `./users`). */
function packageParts(specifier: string): { name: string; subpath: string } | null {
  const parts = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < length || parts.slice(0, length).some((part) => part === '')) return null;
  const rest = parts.slice(length).join('/');
  return { name: parts.slice(0, length).join('/'), subpath: rest === '' ? '.' : `./${rest}` };
}

/** The source files and import graph of one project root. */
export class ProjectIndex {
  readonly root: string;
  private fileSet = new Set<string>();
  /** `fileSet` without the generated files (`isGenerated`), recomputed when the listing or a file changed. */
  private handWritten = new Set<string>();
  private directories = new Map<string, number>();
  private scans = new Map<string, ScannedFile>();
  private importers: Map<string, string[]> | null = null;
  private checkedAt = -Infinity;
  /** Moves whenever a revalidation finds the listing or a file's size or mtime changed. */
  private changes = 0;
  /** How long the listing is trusted after the last check (see `REVALIDATE_COST_FACTOR`). */
  private trustMs = REVALIDATE_MS;
  /** The packages of the project by directory: the root and its workspace members. */
  private units = new Map<string, ProjectUnit>();
  private packagesByName = new Map<string, ProjectUnit>();
  private resolved = new Map<string, string | null>();
  /** Nuxt and Nitro packages of the project by directory (`auto-imports.ts`), and their implicit imports. */
  private layouts = new Map<string, ServerLayout | null>();
  private autoImports: AutoImportTable | null = null;
  private readonly scanCache: DiskCache<readonly string[]>;

  constructor(root: string) {
    this.root = root;
    this.scanCache = diskCache<readonly string[]>(root, 'imports', IMPORT_SCAN_VERSION);
  }

  /** The project's hand-written source files (absolute paths): without minified or bundled output (`isGenerated`). */
  files(): ReadonlySet<string> {
    this.revalidate();
    return this.handWritten;
  }

  /**
   * A number that moves whenever the listing or the size or mtime of a file changed, as of the
   * index's own revalidation: whole-project answers kept with it (which files install a query
   * parser, which register global guards) need no `stat` of their own while it stays the same.
   */
  generation(): number {
    this.revalidate();
    return this.changes;
  }

  /**
   * The size and mtime of a project file as the index's last revalidation saw them (not
   * revalidated here: ask `generation()` first), or null.
   */
  version(file: string): { readonly size: number; readonly mtimeMs: number } | null {
    return this.scans.get(path.resolve(file)) ?? null;
  }

  /** Whether `file` is one of the project's source files (a generated one included). */
  has(file: string): boolean {
    this.revalidate();
    return this.fileSet.has(path.resolve(file));
  }

  /** The parse of a project file (revalidated by size and mtime), or null. */
  module(file: string): ProjectModule | null {
    return this.has(file) ? parseProjectFile(path.resolve(file)) : null;
  }

  /**
   * The project file an import of `specifier` in `fromFile` names, or null (packages from
   * `node_modules`, missing files, files outside the project).
   */
  resolve(fromFile: string, specifier: string): string | null {
    this.revalidate();
    const from = path.resolve(fromFile);
    const key = `${path.dirname(from)}\0${specifier}`;
    let found = this.resolved.get(key);
    if (found === undefined) {
      found = this.resolveUncached(from, specifier);
      this.resolved.set(key, found);
    }
    recordResolution(from, specifier, found);
    return found;
  }

  /**
   * The imports `file` makes, each with the project file it names; in the server code of a Nuxt or
   * Nitro project also the auto-imported files it uses (specifier `#imports`).
   */
  importsOf(file: string): ProjectImport[] {
    this.revalidate();
    const scanned = this.scans.get(path.resolve(file));
    const explicit = (scanned?.specifiers ?? []).map((specifier) => ({ specifier, file: this.resolve(file, specifier) }));
    const implicit = this.autoImportTable().uses.get(path.resolve(file)) ?? [];
    return implicit.length === 0 ? explicit : [...explicit, ...implicit.map((used) => ({ specifier: '#imports', file: used }))];
  }

  /**
   * The file and exported name (`''`: the default export) that a Nuxt or Nitro build auto-imports
   * as `name` into `fromFile` (server code using an export of `server/utils`), or null. The answer
   * depends on the importers of that file, which are recorded for kept summaries.
   */
  autoImported(fromFile: string, name: string): { file: string; name: string } | null {
    this.revalidate();
    const from = path.resolve(fromFile);
    if (!this.autoImportTable().uses.has(from)) return null;
    const found = this.autoImportTable().sources.get(this.unitOf(from).dir)?.get(name) ?? null;
    if (found === null || found.file === from) return null;
    // Recorded: a summary that used this answer is stale when the use or the export goes.
    this.importersOf(found.file);
    return found;
  }

  private autoImportTable(): AutoImportTable {
    if (this.autoImports === null) {
      // Most projects are neither Nuxt nor Nitro: no file of theirs is read for it.
      const none = ![...this.layouts.values()].some((layout) => layout !== null);
      this.autoImports = none ? { sources: new Map(), uses: new Map() } : autoImportTable(this.fileSet, (file) => this.unitOf(file).dir, (dir) => this.layouts.get(dir) ?? null);
    }
    return this.autoImports;
  }

  /** The project files that import `file` (directly). */
  importersOf(file: string): readonly string[] {
    this.revalidate();
    if (this.importers === null) {
      const importers = new Map<string, string[]>();
      for (const [from, scanned] of this.scans) {
        for (const specifier of scanned.specifiers) {
          const target = this.resolve(from, specifier);
          if (target === null || target === from) continue;
          let list = importers.get(target);
          if (!list) importers.set(target, (list = []));
          if (!list.includes(from)) list.push(from);
        }
      }
      // Nuxt and Nitro server code uses the exports of `server/utils` without importing them.
      for (const [from, used] of this.autoImportTable().uses) {
        for (const target of used) {
          let list = importers.get(target);
          if (!list) importers.set(target, (list = []));
          if (!list.includes(from)) list.push(from);
        }
      }
      this.importers = importers;
    }
    const absolute = path.resolve(file);
    const found = this.importers.get(absolute) ?? [];
    recordImporters(absolute, found);
    return found;
  }

  private resolveUncached(from: string, specifier: string): string | null {
    if (/^\.{1,2}(?:\/|$)/u.test(specifier)) return this.firstFile(relativeImportCandidates(from, specifier));
    if (path.isAbsolute(specifier)) return this.firstFile(pathCandidates(specifier));
    const unit = this.unitOf(from);
    const layout = this.layouts.get(unit.dir) ?? null;
    if (specifier.startsWith('#')) {
      // `package.json` `imports`: private to the package that declares them.
      for (const target of mappedTargets(unit.manifest?.imports, specifier)) {
        const found = target.startsWith('./') ? this.sourceOf(unit, path.resolve(unit.dir, target)) : this.resolvePackage(target);
        if (found !== null) return found;
      }
      // Nuxt's `#shared` and `#server` are its own aliases, read below.
      if (layout === null) return null;
    }
    // tsconfig `paths` (the longest matching prefix), then `baseUrl`, as TypeScript tries them.
    const config = unit.config;
    if (config?.paths) {
      for (const target of mappedPaths(config.paths.map, specifier)) {
        const found = this.firstFile(pathCandidates(path.resolve(config.paths.base, target)));
        if (found !== null) return found;
      }
    }
    if (config?.baseUrl) {
      const found = this.firstFile(pathCandidates(path.resolve(config.baseUrl, specifier)));
      if (found !== null) return found;
    }
    // Nuxt's and Nitro's aliases (`~/server/utils/db`), when the generated tsconfig does not map them.
    if (layout !== null && (!config?.paths || mappedPaths(config.paths.map, specifier).length === 0)) {
      for (const target of aliasTargets(layout, specifier)) {
        const found = this.firstFile(pathCandidates(target));
        if (found !== null) return found;
      }
    }
    // `@/x` names no package (a scope needs a name): it is a project alias. In a project whose
    // tsconfig or jsconfig is not in view at all (sources handed over without their configuration),
    // it is tried as Next.js and Vue set it up: from the root, then `src/`, then `app/`. A config in
    // view that does not map it leaves it unresolved, as TypeScript does.
    if (specifier.startsWith('@/') && !config && layout === null) {
      for (const base of ['', 'src', 'app']) {
        const found = this.firstFile(pathCandidates(path.resolve(unit.dir, base, specifier.slice(2))));
        if (found !== null) return found;
      }
      return null;
    }
    return this.resolvePackage(specifier);
  }

  /** A workspace package (or the project's own package, by its name) imported by name. */
  private resolvePackage(specifier: string): string | null {
    const parts = packageParts(specifier);
    const unit = parts && this.packagesByName.get(parts.name);
    if (!parts || !unit) return null;
    const manifest = unit.manifest;
    if (manifest?.exports !== undefined && manifest.exports !== null) {
      // With `exports`, only the subpaths it lists can be imported.
      for (const target of mappedTargets(manifest.exports, parts.subpath)) {
        if (!target.startsWith('./')) continue;
        const found = this.sourceOf(unit, path.resolve(unit.dir, target));
        if (found !== null) return found;
      }
      return null;
    }
    if (parts.subpath !== '.') return this.sourceOf(unit, path.resolve(unit.dir, parts.subpath));
    for (const entry of manifest?.entries ?? []) {
      const found = this.sourceOf(unit, path.resolve(unit.dir, entry));
      if (found !== null) return found;
    }
    return this.firstFile(pathCandidates(path.join(unit.dir, 'index')));
  }

  /**
   * The project file a package target names: the file itself or its TypeScript source, else the
   * source a built file was compiled from (`outDir` to `rootDir` of the package's tsconfig, or a
   * `dist`/`build`/`lib`/`out` directory to `src`).
   */
  private sourceOf(unit: ProjectUnit, target: string): string | null {
    const direct = this.firstFile(pathCandidates(target));
    if (direct !== null) return direct;
    const config = unit.config;
    const inOutDir = config?.outDir ? relativeTo(config.outDir, target) : null;
    if (inOutDir !== null && inOutDir !== '') {
      const roots = config?.rootDir ? [config.rootDir] : [path.join(unit.dir, 'src'), unit.dir];
      for (const root of roots) {
        const found = this.firstFile(pathCandidates(path.join(root, inOutDir)));
        if (found !== null) return found;
      }
    }
    const relative = relativeTo(unit.dir, target);
    const [first, ...rest] = relative?.split('/') ?? [];
    if (first !== undefined && BUILD_DIRECTORIES.has(first) && rest.length > 0) {
      return this.firstFile(pathCandidates(path.join(unit.dir, 'src', ...rest)));
    }
    return null;
  }

  private firstFile(candidates: readonly string[]): string | null {
    return candidates.find((candidate) => this.fileSet.has(candidate)) ?? null;
  }

  /** The package a file belongs to: the nearest package directory of the project above it. */
  private unitOf(file: string): ProjectUnit {
    let directory = path.dirname(file);
    for (;;) {
      const unit = this.units.get(directory);
      if (unit) return unit;
      const parent = path.dirname(directory);
      if (parent === directory || directory === this.root) return this.units.get(this.root) ?? projectUnit(this.root);
      directory = parent;
    }
  }

  private revalidate(): void {
    const now = Date.now();
    if (now - this.checkedAt < this.trustMs) return;
    this.checkedAt = now;
    const stats = new Map<string, fs.Stats>();
    const started = performance.now();
    let changed = this.relist(stats);
    // Only the walk recurs on every check; reading changed files is paid once per change.
    this.trustMs = Math.max(REVALIDATE_MS, REVALIDATE_COST_FACTOR * (performance.now() - started));
    for (const [file, stat] of stats) {
      const scanned = this.scans.get(file);
      if (scanned?.size === stat.size && scanned.mtimeMs === stat.mtimeMs) continue;
      const text = readProjectFile(file);
      this.scans.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, specifiers: text === null ? [] : this.scan(text), generated: text !== null && isGenerated(text) });
      changed = true;
    }
    for (const file of this.scans.keys()) {
      if (!this.fileSet.has(file)) {
        this.scans.delete(file);
        changed = true;
      }
    }
    const layouts = new Map<string, ServerLayout | null>();
    for (const dir of this.units.keys()) {
      // A changed `nuxt.config` or `package.json` changes the aliases and which files are server code.
      const layout = serverLayout(dir);
      if (this.layouts.get(dir) !== layout) changed = true;
      layouts.set(dir, layout);
    }
    if (layouts.size !== this.layouts.size) changed = true;
    this.layouts = layouts;
    if (changed) {
      this.handWritten = new Set([...this.fileSet].filter((file) => this.scans.get(file)?.generated !== true));
      this.changes++;
      this.importers = null;
      this.autoImports = null;
      this.resolved.clear();
    }
    this.scanCache.flush();
  }

  /** A file's import specifiers, from the disk cache when a process already scanned the same text. */
  private scan(text: string): readonly string[] {
    const hash = contentHash(text);
    const cached = this.scanCache.get(hash);
    if (Array.isArray(cached) && cached.every((item) => typeof item === 'string')) return cached;
    const specifiers = importSpecifiers(text);
    this.scanCache.set(hash, specifiers);
    return specifiers;
  }

  /**
   * Walks the project again (a directory's mtime moves when entries are added, removed or renamed;
   * a package's manifest or tsconfig is re-read when it changed), stat'ing each source file into
   * `stats`; larger files than `MAX_FILE_BYTES` are generated and left out. Returns whether the
   * listing changed.
   */
  private relist(stats: Map<string, fs.Stats>): boolean {
    const seen = new Map<string, number>();
    const files = new Set<string>();
    const units = new Map<string, ProjectUnit>();
    const rootUnit = projectUnit(this.root);
    units.set(this.root, rootUnit);
    const queue: [string, ProjectUnit][] = [[this.root, rootUnit]];
    let changed = false;
    while (queue.length > 0) {
      const [directory, unit] = queue.pop()!;
      let entries: fs.Dirent[];
      let mtimeMs: number;
      try {
        mtimeMs = fs.statSync(directory).mtimeMs;
        entries = fs.readdirSync(directory, { withFileTypes: true });
      } catch {
        // An unreadable directory holds no files the index can read; the others still count.
        continue;
      }
      seen.set(directory, mtimeMs);
      if (this.directories.get(directory) !== mtimeMs) changed = true;
      for (const entry of entries) {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
          if (SKIPPED_DIRECTORIES.has(entry.name) || entry.name.startsWith('.')) continue;
          if (configExcludes(unit.config, full)) continue;
          if (fs.existsSync(path.join(full, 'package.json'))) {
            // A nested package is part of the project only as a member of the root's workspace.
            if (!isWorkspaceMember(rootUnit, full)) continue;
            const member = projectUnit(full);
            units.set(full, member);
            queue.push([full, member]);
            continue;
          }
          queue.push([full, unit]);
        } else if (entry.isFile() && isSourceName(entry.name) && configIncludes(unit.config, unit.dir, full)) {
          let stat;
          try {
            stat = fs.statSync(full);
          } catch {
            // Removed since the directory was read: not a file of the project any more.
            continue;
          }
          if (stat.size > MAX_FILE_BYTES) continue;
          files.add(full);
          stats.set(full, stat);
        }
      }
    }
    if (seen.size !== this.directories.size) changed = true;
    this.directories = seen;
    if (!changed && (files.size !== this.fileSet.size || [...files].some((file) => !this.fileSet.has(file)))) changed = true;
    if (changed) this.fileSet = files;
    this.units = units;
    const byName = new Map<string, ProjectUnit>();
    for (const unit of units.values()) if (unit.manifest?.name) byName.set(unit.manifest.name, unit);
    this.packagesByName = byName;
    return changed;
  }
}

/** The targets tsconfig `paths` gives a specifier: an exact key, else the pattern with the longest prefix. */
function mappedPaths(map: Readonly<Record<string, readonly string[]>>, specifier: string): string[] {
  const exact = map[specifier];
  if (exact) return [...exact];
  let best = -1;
  let found: string[] = [];
  for (const [pattern, targets] of Object.entries(map)) {
    const star = pattern.indexOf('*');
    if (star === -1) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (prefix.length > best && specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      best = prefix.length;
      const match = specifier.slice(prefix.length, specifier.length - suffix.length);
      found = targets.map((target) => target.replace('*', match));
    }
  }
  return found;
}

const IMPORT_PATTERNS = [
  /\bfrom\s*['"]([^'"\n]+)['"]/gu,
  /\bimport\s*['"]([^'"\n]+)['"]/gu,
  /\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/gu,
];

/**
 * The module specifiers a file's text names in `import`/`export … from`, side-effect imports,
 * `require('…')` and `import('…')`. Read from the text without parsing (comments removed), so an
 * occasional specifier inside a string is listed too: the analyses that follow an import parse the
 * file and only then trust it. Linear in the length of the text.
 */
export function importSpecifiers(text: string): string[] {
  const code = stripComments(text);
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of code.matchAll(pattern)) found.add(match[1]!);
  }
  return [...found];
}

const indexes = new Map<string, ProjectIndex>();
const indexRoots = new Map<string, string>();

/**
 * The index of the project a linted file belongs to: only for a file that exists on disk (code
 * linted under a made-up name, as in rule tests or `--stdin`, is judged on its own text). Its root
 * is the nearest `package.json`, or the workspace root when that package is a workspace member.
 */
export function projectIndexOf(filename: string): ProjectIndex | null {
  const absolute = path.resolve(filename);
  try {
    if (!fs.statSync(absolute).isFile()) return null;
  } catch {
    // Not on disk: a made-up name, judged on its own text.
    return null;
  }
  const packageDir = projectRoot(absolute);
  if (packageDir === null) return null;
  let root = indexRoots.get(packageDir);
  if (root === undefined) indexRoots.set(packageDir, (root = indexRootOf(packageDir)));
  let index = indexes.get(root);
  if (!index) indexes.set(root, (index = new ProjectIndex(root)));
  return index;
}
