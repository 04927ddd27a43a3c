import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/*
 * Per-file summaries kept on disk, so that the workers of `eslint --concurrency`, the next CI run
 * and the editor share what one of them computed. Entries are keyed by the SHA-1 of the file's
 * text, so an edited file is never answered from the cache (its hash changed), and by the plugin's
 * version and the summary's own version, so a new release or a new summary shape starts empty.
 *
 * One file per kind under `node_modules/.cache/eslint-plugin-api-security/` of the project root
 * (where ESLint keeps its own cache), read once per process and written back with `flush` by
 * writing a temporary file and renaming it over the old one, so a reader sees the old file or the
 * new one, never half of one. Before writing, the entries another process wrote meanwhile are read
 * and kept. Bounded: at most `MAX_ENTRIES` entries and `MAX_BYTES` bytes per kind, the least
 * recently used dropped first.
 *
 * Never a failure source: a missing, corrupt or foreign file reads as empty, an unwritable
 * directory turns the cache off for the process, and `ESLINT_PLUGIN_API_SECURITY_CACHE=0` (or
 * `false`, `off`) turns it off altogether.
 */

/** The environment variable that turns the disk cache off (`0`, `false`, `off`, `no`). */
export const DISK_CACHE_VARIABLE = 'ESLINT_PLUGIN_API_SECURITY_CACHE';
/** The cache directory, relative to the project root. */
export const DISK_CACHE_DIRECTORY = path.join('node_modules', '.cache', 'eslint-plugin-api-security');
const MAX_ENTRIES = 50_000;
const MAX_BYTES = 32 * 1024 * 1024;
/** How often, at most, a cache looks for entries other processes wrote since it read the file. */
const REFRESH_MS = 2_000;

/** A summary cache of one kind: values by content hash. */
export interface DiskCache<T> {
  /** False when the cache is off (then `get` finds nothing and `set` keeps nothing). */
  readonly active: boolean;
  get: (hash: string) => T | undefined;
  set: (hash: string, value: T) => void;
  /** Writes the entries set since the last flush (merged with what other processes wrote). */
  flush: () => void;
}

interface StoredFile {
  plugin: string;
  kind: string;
  version: number;
  entries: Record<string, unknown>;
}

/** The content hash the cache is keyed by. */
export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

let pluginVersionRead: string | undefined;
function pluginVersion(): string {
  if (pluginVersionRead === undefined) {
    try {
      // The same relative path from src/analysis/project and dist/analysis/project.
      const manifest = createRequire(import.meta.url)('../../../package.json') as { version?: unknown };
      pluginVersionRead = typeof manifest.version === 'string' ? manifest.version : 'unknown';
    } catch {
      // Without a readable manifest, entries are still keyed by content; the summary version guards shapes.
      pluginVersionRead = 'unknown';
    }
  }
  return pluginVersionRead;
}

/** Whether the environment turns the disk cache off. */
export function diskCacheDisabled(): boolean {
  const value = process.env[DISK_CACHE_VARIABLE]?.trim().toLowerCase();
  return value === '0' || value === 'false' || value === 'off' || value === 'no';
}

const NO_CACHE: DiskCache<unknown> = { active: false, get: () => undefined, set: () => undefined, flush: () => undefined };

class FileCache<T> implements DiskCache<T> {
  private entries: Map<string, T> | null = null;
  private pending = new Map<string, T>();
  private broken = false;
  private loadedMtime: number | null = null;
  private checkedAt = 0;

  get active(): boolean {
    return !this.broken;
  }

  constructor(
    private readonly file: string,
    private readonly kind: string,
    private readonly version: number,
  ) {}

  get(hash: string): T | undefined {
    if (this.broken) return undefined;
    const entries = this.load();
    if (!entries.has(hash)) this.refresh(entries);
    const value = entries.get(hash);
    if (value !== undefined) {
      // Most recently used last: trimming drops the front.
      entries.delete(hash);
      entries.set(hash, value);
    }
    return value;
  }

  set(hash: string, value: T): void {
    if (this.broken) return;
    const entries = this.load();
    entries.delete(hash);
    entries.set(hash, value);
    this.pending.set(hash, value);
  }

  flush(): void {
    if (this.broken || this.pending.size === 0) return;
    // Entries other processes wrote since this one read the file are kept. A file unchanged since
    // this process read or wrote it holds nothing the entries in memory lack: not parsed again
    // (with the summaries of a large project it is megabytes of JSON, every `FLUSH_EVERY_MS`).
    const merged = this.entries !== null && this.mtime() === this.loadedMtime ? new Map<string, T>() : this.read();
    for (const [hash, value] of this.load()) {
      merged.delete(hash);
      merged.set(hash, value);
    }
    for (const [hash, value] of this.pending) {
      merged.delete(hash);
      merged.set(hash, value);
    }
    this.pending.clear();
    const entries = [...merged].slice(-MAX_ENTRIES);
    let text = this.serialize(entries);
    while (text.length > MAX_BYTES && entries.length > 0) {
      entries.splice(0, Math.ceil(entries.length / 4));
      text = this.serialize(entries);
    }
    this.entries = new Map(entries);
    const temporary = `${this.file}.${String(process.pid)}.${String(Date.now())}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(temporary, text);
      fs.renameSync(temporary, this.file);
      // What this process wrote holds everything it knew: nothing to read back.
      this.loadedMtime = this.mtime();
    } catch {
      // An unwritable cache only costs speed: it is turned off for this process.
      this.broken = true;
      try {
        fs.rmSync(temporary, { force: true });
      } catch {
        // Nothing was written, or it cannot be removed either: nothing more to do.
      }
    }
  }

  private serialize(entries: [string, T][]): string {
    const stored: StoredFile = { plugin: pluginVersion(), kind: this.kind, version: this.version, entries: Object.fromEntries(entries) };
    return JSON.stringify(stored);
  }

  private load(): Map<string, T> {
    if (this.entries === null) {
      this.loadedMtime = this.mtime();
      this.checkedAt = Date.now();
      this.entries = this.read();
    }
    return this.entries;
  }

  /**
   * On a miss, at most every `REFRESH_MS`: the entries other processes wrote since this one read
   * the file (the workers of one `eslint --concurrency` run write while the others lint).
   */
  private refresh(entries: Map<string, T>): void {
    const now = Date.now();
    if (now - this.checkedAt < REFRESH_MS) return;
    this.checkedAt = now;
    const mtime = this.mtime();
    if (mtime === this.loadedMtime) return;
    this.loadedMtime = mtime;
    for (const [hash, value] of this.read()) if (!entries.has(hash)) entries.set(hash, value);
  }

  private mtime(): number | null {
    try {
      return fs.statSync(this.file).mtimeMs;
    } catch {
      // Not written yet.
      return null;
    }
  }

  /** The entries on disk; empty when the file is missing, corrupt, or from another version. */
  private read(): Map<string, T> {
    try {
      const stored = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<StoredFile> | null;
      if (
        stored?.plugin !== pluginVersion() ||
        stored.kind !== this.kind ||
        stored.version !== this.version ||
        typeof stored.entries !== 'object' ||
        stored.entries === null
      ) {
        return new Map();
      }
      return new Map(Object.entries(stored.entries) as [string, T][]);
    } catch {
      // Missing, unreadable or not JSON: an empty cache, rewritten on the next flush.
      return new Map();
    }
  }
}

const caches = new Map<string, DiskCache<unknown>>();

/**
 * The disk cache of summaries of one `kind` (bump `version` whenever the summary's shape or meaning
 * changes) for the project at `root`. A no-op cache when it is turned off or the project has no
 * `node_modules` to keep it in. Callers must check that a value has the shape they expect only
 * through `version`: entries of another version are never returned.
 */
export function diskCache<T>(root: string, kind: string, version: number): DiskCache<T> {
  if (diskCacheDisabled() || !/^[\w.-]+$/u.test(kind)) return NO_CACHE as DiskCache<T>;
  const directory = path.join(root, DISK_CACHE_DIRECTORY);
  const key = `${directory}\0${kind}\0${String(version)}`;
  let cache = caches.get(key);
  if (cache === undefined) {
    let hasModules = false;
    try {
      hasModules = fs.statSync(path.join(root, 'node_modules')).isDirectory();
    } catch {
      // No node_modules: the project is not installed, and the cache is not created for it.
    }
    cache = hasModules ? new FileCache<unknown>(path.join(directory, `${kind}.json`), kind, version) : NO_CACHE;
    caches.set(key, cache);
  }
  return cache as DiskCache<T>;
}

/** Test hook: forgets the caches read, so the next use reads the files again (as a new process does). */
export function resetDiskCaches(): void {
  caches.clear();
}
