import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin from '../index.js';
import { createCollectRule, type Collector, type FileRecord } from './collect.js';
import type { InventoryError, PathIssue } from './model.js';
import { describeFsError, InputPathError, PathNotFoundError } from './paths.js';

export { PathNotFoundError } from './paths.js';

export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];
export const IGNORED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', '.next', 'coverage', '.git']);
const BATCH = 200;

export interface ScanOptions {
  /** Files and directories to scan. */
  paths: readonly string[];
  cwd: string;
  /** The value of `settings['api-security']`. */
  settings: Record<string, unknown> | null;
  /** Called after each batch with files scanned so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface ScanResult {
  files: string[];
  records: FileRecord[];
  publicRoutes: string[];
  errors: InventoryError[];
  /** Files and directories that exist but could not be read. */
  unreadable: PathIssue[];
  skipped: PathIssue[];
}

export interface SourceListing {
  /** Absolute paths as reached (a path through a symlink keeps the link's name), sorted. */
  files: string[];
  /** Directories (and link targets) that exist but could not be read: the scan is incomplete. */
  unreadable: PathIssue[];
  /** Paths left out by design: not a source file, not a regular file, a broken link, a loop, a repeat. */
  skipped: PathIssue[];
}

const isSourceName = (name: string): boolean => SOURCE_EXTENSIONS.includes(path.extname(name)) && !name.endsWith('.d.ts');

/**
 * Every source file under `paths`, skipping dependency and build directories. Symbolic links are
 * followed once: directories are tracked by real path, so a link back to a parent or a second
 * link to the same place is scanned once (and listed in `skipped`). Links are followed after the
 * real tree, so a file keeps its own path when it is also reachable through a link.
 *
 * A path given on the command line that does not exist or cannot be opened throws; anything
 * found while walking that cannot be read is listed and the walk goes on.
 */
export function listSourceFiles(paths: readonly string[], cwd: string): SourceListing {
  const shown = (full: string): string => relative(cwd, full) || '.';
  const files = new Map<string, string>();
  const visited = new Set<string>();
  const linkedDirectories: { full: string; real: string }[] = [];
  const linkedFiles: { full: string; real: string }[] = [];
  const unreadable: PathIssue[] = [];
  const skipped: PathIssue[] = [];

  const addFile = (full: string, real: string): void => {
    const first = files.get(real);
    if (first === undefined) files.set(real, full);
    else if (first !== full) skipped.push({ path: shown(full), reason: `same file as ${shown(first)}` });
  };
  const visit = (full: string, real: string): void => {
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(full, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: shown(full), reason: describeFsError(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childFull = path.join(full, entry.name);
      const childReal = path.join(real, entry.name);
      if (entry.isDirectory()) {
        if (!IGNORED_DIRECTORIES.has(entry.name) && !visited.has(childReal)) visit(childFull, childReal);
      } else if (entry.isFile()) {
        if (isSourceName(entry.name)) addFile(childFull, childReal);
      } else if (entry.isSymbolicLink()) {
        if (!IGNORED_DIRECTORIES.has(entry.name)) followLink(childFull, entry.name);
      } else if (isSourceName(entry.name)) {
        skipped.push({ path: shown(childFull), reason: 'not a regular file' });
      }
    }
  };
  const followLink = (full: string, name: string): void => {
    // A link named like a non-source file is of no interest, whatever it points to.
    const interesting = isSourceName(name) || path.extname(name) === '';
    let stat;
    let real;
    try {
      stat = statSync(full);
      real = realpathSync(full);
    } catch (error) {
      if (!interesting) return;
      const code = (error as NodeJS.ErrnoException).code;
      // Nothing is behind a dangling link or a loop; a target that exists but cannot be opened is missed code.
      if (code === 'ENOENT') skipped.push({ path: shown(full), reason: 'broken symlink (target not found)' });
      else if (code === 'ELOOP') skipped.push({ path: shown(full), reason: 'symlink loop' });
      else unreadable.push({ path: shown(full), reason: describeFsError(error) });
      return;
    }
    if (stat.isDirectory()) linkedDirectories.push({ full, real });
    else if (stat.isFile()) {
      if (isSourceName(name)) linkedFiles.push({ full, real });
    } else if (isSourceName(name)) skipped.push({ path: shown(full), reason: 'not a regular file' });
  };

  for (const given of paths) {
    const full = path.resolve(cwd, given);
    let stat;
    let real;
    try {
      stat = statSync(full);
      real = realpathSync(full);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PathNotFoundError(given);
      throw new InputPathError(`cannot read ${given}: ${describeFsError(error)}`);
    }
    if (stat.isDirectory()) {
      if (!visited.has(real)) visit(full, real);
    } else if (!stat.isFile()) {
      skipped.push({ path: shown(full), reason: 'not a regular file' });
    } else if (given.endsWith('.d.ts')) {
      skipped.push({ path: shown(full), reason: 'a TypeScript declaration file' });
    } else if (!isSourceName(given)) {
      skipped.push({ path: shown(full), reason: `not a JavaScript or TypeScript file (${SOURCE_EXTENSIONS.join(' ')})` });
    } else {
      addFile(full, real);
    }
  }
  for (let next = linkedDirectories.shift(); next; next = linkedDirectories.shift()) {
    if (visited.has(next.real)) skipped.push({ path: shown(next.full), reason: `symlink to ${shown(next.real)}, already scanned` });
    else visit(next.full, next.real);
  }
  for (const { full, real } of linkedFiles) addFile(full, real);
  return { files: [...files.values()].sort(), unreadable, skipped };
}

/** ESLint ignores files outside its working directory: files elsewhere get one run per file system root. */
function baseFor(cwd: string, file: string): string {
  const fromCwd = path.relative(cwd, file);
  return fromCwd.startsWith('..') || path.isAbsolute(fromCwd) ? path.parse(file).root : cwd;
}

/** ESLint's wrapping of an error thrown by a rule, without the internal rule id. */
export function internalError(error: unknown): { message: string; line: number } {
  const text = error instanceof Error ? error.message : String(error);
  const at = /\nOccurred while linting [^\n]*?(?::(\d+))?(?:\n|$)/u.exec(text);
  const message = (at ? text.slice(0, at.index) : text).replace(/^eslint-plugin-api-security: /u, '');
  return { message: `internal error: ${message}`, line: at?.[1] === undefined ? 0 : Number(at[1]) };
}

/**
 * Lints the files with the collect rule only, in batches so progress can be shown. Each file is
 * read here, so that one unreadable file is reported and the others are still scanned.
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const listing = listSourceFiles(options.paths, options.cwd);
  const { files } = listing;
  const collector: Collector = { records: new Map(), publicRoutes: [] };
  const recommended = plugin.configs.recommended;
  const config: Linter.Config = {
    files: SOURCE_EXTENSIONS.map((extension) => `**/*${extension}`),
    // The plugin's own parser choice (TypeScript parser when `typescript` is installed).
    ...(recommended.languageOptions ? { languageOptions: recommended.languageOptions as NonNullable<Linter.Config['languageOptions']> } : {}),
    // typescript-eslint's rule type and ESLint's differ only in their context typings.
    plugins: { 'api-security-inventory': { rules: { collect: createCollectRule(collector) } } as unknown as ESLint.Plugin },
    rules: { 'api-security-inventory/collect': 'error' },
    settings: options.settings ? { 'api-security': options.settings } : {},
    linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
  };
  const engines = new Map<string, ESLint>();
  const engineFor = (file: string): ESLint => {
    const base = baseFor(options.cwd, file);
    let engine = engines.get(base);
    if (!engine) {
      engine = new ESLint({ cwd: base, overrideConfigFile: true, overrideConfig: config, allowInlineConfig: false, ignore: false });
      engines.set(base, engine);
    }
    return engine;
  };
  const errors: InventoryError[] = [];
  const unreadable = [...listing.unreadable];
  const scanned: string[] = [];
  for (let start = 0; start < files.length; start += BATCH) {
    for (const file of files.slice(start, start + BATCH)) {
      const shown = relative(options.cwd, file);
      let text;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        unreadable.push({ path: shown, reason: describeFsError(error) });
        continue;
      }
      scanned.push(file);
      let results;
      try {
        results = await engineFor(file).lintText(text, { filePath: file });
      } catch (error) {
        errors.push({ file: shown, ...internalError(error) });
        continue;
      }
      const messages = results.flatMap((result) => result.messages);
      const fatal = messages.filter((message) => message.fatal);
      for (const message of fatal) errors.push({ file: shown, line: message.line, message: message.message });
      // A file ESLint did not run the rule on (it says why in a warning) must not count as scanned silently.
      if (fatal.length === 0 && !collector.records.has(file)) {
        errors.push({ file: shown, line: 0, message: `not analysed: ${messages.map((message) => message.message).join(' ') || 'no result'}` });
      }
    }
    options.onProgress?.(Math.min(start + BATCH, files.length), files.length);
  }
  const records = scanned.map((file) => collector.records.get(file)).filter((record) => record !== undefined);
  return { files: scanned, records, publicRoutes: collector.publicRoutes, errors, unreadable, skipped: listing.skipped };
}

export function relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}
