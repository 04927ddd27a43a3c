import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, readProjectFile, stripComments } from '../routes/project-files.js';
import { relativeImportCandidates, SOURCE_EXTENSIONS } from './imported.js';
import { parseProjectFile, type ProjectModule } from './parse.js';

/*
 * The project model's index: the source files of the linted file's project, which of them import
 * which, and each one's parse on demand. Built lazily, once per process and project root, so that a
 * rule linting one file can ask what the others do (who calls this function with request input,
 * where this router is mounted).
 *
 * Freshness: a file's parse is revalidated by size and mtime on every use (see `parse.ts`). The
 * listing and the import graph are revalidated when they are older than `REVALIDATE_MS`: each
 * directory and file is stat'ed again and only what changed is read again. A long-lived process
 * (the editor's ESLint server) therefore sees a saved edit on its next lint of another file.
 */

/** Directories never indexed: dependencies, build output, VCS data, test fixtures. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.next', '.git', 'fixtures', '__fixtures__', '__mocks__']);
/** Larger files are generated (bundles, data), not the project's hand-written code. */
const MAX_FILE_BYTES = 1_000_000;
/** The listing and import graph are trusted for this long before they are revalidated. */
const REVALIDATE_MS = 1_000;

/** One import of a file: the specifier as written and the project file it names, if any. */
export interface ProjectImport {
  specifier: string;
  file: string | null;
}

interface ScannedFile {
  size: number;
  mtimeMs: number;
  specifiers: readonly string[];
}

const isSourceName = (name: string): boolean =>
  SOURCE_EXTENSIONS.includes(path.extname(name)) && !/\.d\.[cm]?ts$/u.test(name);

/** The source files and import graph of one project root. */
export class ProjectIndex {
  readonly root: string;
  private fileSet = new Set<string>();
  private directories = new Map<string, number>();
  private scans = new Map<string, ScannedFile>();
  private importers: Map<string, string[]> | null = null;
  private checkedAt = -Infinity;

  constructor(root: string) {
    this.root = root;
  }

  /** The project's source files (absolute paths). */
  files(): ReadonlySet<string> {
    this.revalidate();
    return this.fileSet;
  }

  /** Whether `file` is one of the project's source files. */
  has(file: string): boolean {
    return this.files().has(path.resolve(file));
  }

  /** The parse of a project file (revalidated by size and mtime), or null. */
  module(file: string): ProjectModule | null {
    return this.has(file) ? parseProjectFile(path.resolve(file)) : null;
  }

  /** The project file an import of `specifier` in `fromFile` names, or null (packages, missing files). */
  resolve(fromFile: string, specifier: string): string | null {
    const files = this.files();
    return relativeImportCandidates(fromFile, specifier).find((candidate) => files.has(candidate)) ?? null;
  }

  /** The imports `file` makes, each with the project file it names. */
  importsOf(file: string): ProjectImport[] {
    this.revalidate();
    const scanned = this.scans.get(path.resolve(file));
    return (scanned?.specifiers ?? []).map((specifier) => ({ specifier, file: this.resolve(file, specifier) }));
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
      this.importers = importers;
    }
    return this.importers.get(path.resolve(file)) ?? [];
  }

  private revalidate(): void {
    const now = Date.now();
    if (now - this.checkedAt < REVALIDATE_MS) return;
    this.checkedAt = now;
    let changed = this.relist();
    for (const file of this.fileSet) {
      let stat;
      try {
        stat = fs.statSync(file);
      } catch {
        // Removed between the listing and now: dropped, and the graph is rebuilt.
        this.fileSet.delete(file);
        this.scans.delete(file);
        changed = true;
        continue;
      }
      const scanned = this.scans.get(file);
      if (scanned?.size === stat.size && scanned.mtimeMs === stat.mtimeMs) continue;
      const text = stat.size > MAX_FILE_BYTES ? null : readProjectFile(file);
      this.scans.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, specifiers: text === null ? [] : importSpecifiers(text) });
      changed = true;
    }
    for (const file of this.scans.keys()) {
      if (!this.fileSet.has(file)) {
        this.scans.delete(file);
        changed = true;
      }
    }
    if (changed) this.importers = null;
  }

  /**
   * Walks the project again where a directory changed (its mtime moves when entries are added,
   * removed or renamed). Returns whether the listing changed.
   */
  private relist(): boolean {
    const seen = new Map<string, number>();
    const files = new Set<string>();
    const queue = [this.root];
    let changed = false;
    while (queue.length > 0) {
      const directory = queue.pop()!;
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
          if (directory !== this.root && fs.existsSync(path.join(full, 'package.json'))) continue;
          queue.push(full);
        } else if (entry.isFile() && isSourceName(entry.name)) {
          files.add(full);
        }
      }
    }
    if (seen.size !== this.directories.size) changed = true;
    this.directories = seen;
    if (changed || files.size !== this.fileSet.size) this.fileSet = files;
    return changed;
  }
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

/**
 * The index of the project a linted file belongs to: only for a file that exists on disk (code
 * linted under a made-up name, as in rule tests or `--stdin`, is judged on its own text), and only
 * when other files can be parsed (`typescript` is installed).
 */
export function projectIndexOf(filename: string): ProjectIndex | null {
  const absolute = path.resolve(filename);
  try {
    if (!fs.statSync(absolute).isFile()) return null;
  } catch {
    // Not on disk: a made-up name, judged on its own text.
    return null;
  }
  const root = projectRoot(absolute);
  if (root === null) return null;
  let index = indexes.get(root);
  if (!index) indexes.set(root, (index = new ProjectIndex(root)));
  return index;
}
