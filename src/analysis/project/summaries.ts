import path from 'node:path';
import {
  emptyDependencies,
  markTruncated,
  recordAll,
  recordingDependencies,
  type Dependencies,
} from './dependencies.js';
import { contentHash, diskCache, diskCacheDisabled, resetDiskCaches, type DiskCache } from './disk-cache.js';
import type { ProjectIndex } from './index.js';
import { projectFileHash } from './parse.js';

/*
 * Answers to questions about other files of the project, kept as compact JSON summaries so that
 * they are not computed again: in memory for the process (the editor's ESLint server lints the
 * same files again and again), and on disk next to the import scan (`disk-cache.ts`), so that the
 * workers of `eslint --concurrency`, the next CI run and the editor share them.
 *
 * A summary is the answer and what it depended on (`dependencies.ts`): the content hash of every
 * file read while computing it, the importer lists and import resolutions consulted, and the files
 * whose engine it built. It is used only after all of that is checked again (each file's hash is
 * re-read only when its size or mtime changed), so an edit of any file the answer depends on,
 * a new importer or a new file that an import now resolves to, computes it again. An answer cut
 * short by a budget depends on what was asked before it, and is never kept.
 *
 * Never a failure source: an entry of the wrong shape, or one whose files cannot be checked, is
 * computed again; the disk cache itself turns off on any error (see `disk-cache.ts`).
 */

/** A question kind: its name (the cache file), version (bump it when the answer's shape or meaning changes), and shape check. */
export interface SummaryKind<T> {
  name: string;
  version: number;
  isValue: (value: unknown) => value is T;
}

interface Stored {
  value: unknown;
  files: [string, string | null][];
  importers: [string, string[]][];
  resolved: [string, string, string | null][];
  engines: string[];
}

interface Kept<T> {
  value: T;
  dependencies: Dependencies;
  /** The lint it was last checked in: within one lint the files do not change, it holds. */
  checkedIn?: number | undefined;
}

/** Options of a question: the lint asking (`epoch`), and whether the engines a kept answer cost fit its budget (`accept`). */
export interface SummaryOptions {
  epoch?: number | undefined;
  accept?: ((engines: ReadonlySet<string>) => boolean) | undefined;
}

/** Summaries kept in memory per project and kind, the least recently used dropped first. */
const MAX_MEMORY_ENTRIES = 20_000;
/** Pending summaries are written at most this often (and when the process exits). */
const FLUSH_EVERY_MS = 2_000;

const memory = new Map<string, Map<string, Kept<unknown>>>();
const disks = new Set<DiskCache<Stored>>();
let lastFlush = Date.now();
let exitHook = false;

/** Test hook: how summaries were answered in this process. */
export const summaryStats = { computed: 0, memory: 0, disk: 0, stale: 0 };

/**
 * The answer to question `key` of `kind` about the project of `index`: a kept summary when all it
 * depended on is unchanged (and `accept` takes the engines it cost), else `compute()`, recorded.
 */
export function summary<T>(
  index: ProjectIndex,
  kind: SummaryKind<T>,
  key: string,
  compute: () => T,
  { epoch, accept = () => true }: SummaryOptions = {},
): T {
  // Turned off, every answer is computed, as before summaries: the reference they must match.
  if (diskCacheDisabled()) return compute();
  const store = memoryOf(index, kind);
  const kept = store.get(key) as Kept<T> | undefined;
  if (kept) {
    store.delete(key);
    const holds = (epoch !== undefined && kept.checkedIn === epoch) || valid(index, kept.dependencies, epoch);
    if (holds && accept(kept.dependencies.engines)) {
      kept.checkedIn = epoch;
      store.set(key, kept);
      summaryStats.memory++;
      recordAll(kept.dependencies);
      return kept.value;
    }
  }
  const disk = diskOf(index, kind);
  const hash = contentHash(`${kind.name}\0${key}`);
  const stored = disk.get(hash);
  const read = stored === undefined ? null : fromStored(index, kind, stored);
  if (read) {
    if (valid(index, read.dependencies, epoch) && accept(read.dependencies.engines)) {
      remember(store, key, { ...read, checkedIn: epoch });
      summaryStats.disk++;
      recordAll(read.dependencies);
      return read.value;
    }
    summaryStats.stale++;
  }
  summaryStats.computed++;
  const { value, dependencies } = recordingDependencies(compute);
  if (dependencies.truncated) {
    // The outer answers include this one: they are cut short too.
    markTruncated();
    return value;
  }
  remember(store, key, { value, dependencies, checkedIn: epoch });
  if (disk.active) {
    disk.set(hash, toStored(index, value, dependencies));
    flushSometimes();
  }
  return value;
}

/** Writes the pending summaries of every project to disk now (tests; the process exit does it too). */
export function flushSummaries(): void {
  lastFlush = Date.now();
  for (const disk of disks) disk.flush();
}

/**
 * Test hook: forgets the summaries kept in memory and the disk caches read, as a new process
 * starts (pending entries are written first).
 */
export function forgetSummaries(): void {
  flushSummaries();
  memory.clear();
  disks.clear();
  resetDiskCaches();
}

function flushSometimes(): void {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', flushSummaries);
  }
  if (Date.now() - lastFlush >= FLUSH_EVERY_MS) flushSummaries();
}

function memoryOf(index: ProjectIndex, kind: SummaryKind<unknown>): Map<string, Kept<unknown>> {
  const name = `${index.root}\0${kind.name}\0${String(kind.version)}`;
  let store = memory.get(name);
  if (!store) memory.set(name, (store = new Map()));
  return store;
}

function diskOf<T>(index: ProjectIndex, kind: SummaryKind<T>): DiskCache<Stored> {
  const disk = diskCache<Stored>(index.root, `summary-${kind.name}`, kind.version);
  disks.add(disk);
  return disk;
}

function remember(store: Map<string, Kept<unknown>>, key: string, kept: Kept<unknown>): void {
  store.set(key, kept);
  if (store.size > MAX_MEMORY_ENTRIES) store.delete(store.keys().next().value!);
}

/** File hashes checked in the current lint: within it, files are read once. */
let hashesOfEpoch: { epoch: number; hashes: Map<string, string | null> } = { epoch: -1, hashes: new Map() };

/** A new number for each lint asking questions (`SummaryOptions.epoch`). */
let epochs = 0;
export const newEpoch = (): number => epochs++;

function hashIn(epoch: number | undefined, file: string): string | null {
  if (epoch === undefined) return projectFileHash(file);
  if (hashesOfEpoch.epoch !== epoch) hashesOfEpoch = { epoch, hashes: new Map() };
  const hashes = hashesOfEpoch.hashes;
  let hash = hashes.get(file);
  if (hash === undefined) hashes.set(file, (hash = projectFileHash(file)));
  return hash;
}

/** Whether all an answer depended on is as it was. */
function valid(index: ProjectIndex, dependencies: Dependencies, epoch: number | undefined): boolean {
  for (const [file, hash] of dependencies.files) if (hashIn(epoch, file) !== hash) return false;
  for (const [key, found] of dependencies.resolved) {
    const separator = key.indexOf('\0');
    if (index.resolve(key.slice(0, separator), key.slice(separator + 1)) !== found) return false;
  }
  for (const [file, list] of dependencies.importers) {
    const now = index.importersOf(file);
    if (now.length !== list.length || now.some((importer, position) => importer !== list[position])) return false;
  }
  return true;
}

/** Paths on disk are relative to the project root, so a moved checkout keeps its cache. */
const relative = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');
const absolute = (root: string, file: string): string => path.resolve(root, file);

function toStored(index: ProjectIndex, value: unknown, dependencies: Dependencies): Stored {
  const root = index.root;
  return {
    value,
    files: [...dependencies.files].map(([file, hash]) => [relative(root, file), hash]),
    importers: [...dependencies.importers].map(([file, list]) => [relative(root, file), list.map((item) => relative(root, item))]),
    resolved: [...dependencies.resolved].map(([key, found]) => {
      const separator = key.indexOf('\0');
      return [relative(root, key.slice(0, separator)), key.slice(separator + 1), found === null ? null : relative(root, found)];
    }),
    engines: [...dependencies.engines].map((file) => relative(root, file)),
  };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isHash = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** A summary read from disk, or null when it does not have the shape written (a foreign or damaged entry). */
function fromStored<T>(index: ProjectIndex, kind: SummaryKind<T>, stored: unknown): Kept<T> | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { value, files, importers, resolved, engines } = stored as Partial<Stored>;
  if (!kind.isValue(value) || !Array.isArray(files) || !Array.isArray(importers) || !Array.isArray(resolved) || !Array.isArray(engines)) return null;
  const root = index.root;
  const dependencies = emptyDependencies();
  for (const entry of files as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || !isString(entry[0]) || !isHash(entry[1])) return null;
    dependencies.files.set(absolute(root, entry[0]), entry[1]);
  }
  for (const entry of importers as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || !isString(entry[0]) || !Array.isArray(entry[1]) || !entry[1].every(isString)) return null;
    dependencies.importers.set(absolute(root, entry[0]), (entry[1] as string[]).map((item) => absolute(root, item)));
  }
  for (const entry of resolved as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3 || !isString(entry[0]) || !isString(entry[1]) || !isHash(entry[2])) return null;
    dependencies.resolved.set(`${absolute(root, entry[0])}\0${entry[1]}`, entry[2] === null ? null : absolute(root, entry[2]));
  }
  for (const entry of engines as unknown[]) {
    if (!isString(entry)) return null;
    dependencies.engines.add(absolute(root, entry));
  }
  return { value, dependencies };
}
