/*
 * What an answer about other files depended on, recorded while it is computed, so that a summary
 * kept for later (in memory, or on disk by `summaries.ts`) is used only while all of it is
 * unchanged: the files read (by content hash), the import lists consulted (who imports a file),
 * the import specifiers resolved, and the files whose taint engine was built (the per-lint budget
 * they cost). The project model reports each of these here (`parse.ts`, `index.ts`); a
 * computation that ran out of a budget marks itself `truncated` and is not kept, since its answer
 * depends on what was asked before it.
 */

/** The dependencies of one answer. */
export interface Dependencies {
  /** Files read, by absolute path: their content hash (null: unreadable or absent). */
  files: Map<string, string | null>;
  /** Importer lists consulted, by absolute path of the imported file. */
  importers: Map<string, readonly string[]>;
  /** Resolutions, by `from file\0specifier`: the file found, or null. */
  resolved: Map<string, string | null>;
  /** Files whose engine the answer built (the budget it costs a lint). */
  engines: Set<string>;
  /** Whether a budget (files per lint) or a cycle cut the answer short. */
  truncated: boolean;
}

const active: Dependencies[] = [];

export function emptyDependencies(): Dependencies {
  return { files: new Map(), importers: new Map(), resolved: new Map(), engines: new Set(), truncated: false };
}

/** Runs `compute` recording what it depends on (nested recordings also record into the outer ones). */
export function recordingDependencies<T>(compute: () => T): { value: T; dependencies: Dependencies } {
  const dependencies = emptyDependencies();
  active.push(dependencies);
  try {
    return { value: compute(), dependencies };
  } finally {
    active.pop();
  }
}

/**
 * Runs `compute` without recording what it reads into the answers being computed: for a cheap
 * judgement whose own dependency the caller records itself, compactly.
 */
export function unrecorded<T>(compute: () => T): T {
  const saved = active.splice(0);
  try {
    return compute();
  } finally {
    active.push(...saved);
  }
}

/** Whether an answer is being recorded (recording costs nothing otherwise). */
export const recording = (): boolean => active.length > 0;

export function recordFile(file: string, hash: string | null): void {
  for (const dependencies of active) dependencies.files.set(file, hash);
}

export function recordImporters(file: string, importers: readonly string[]): void {
  for (const dependencies of active) if (!dependencies.importers.has(file)) dependencies.importers.set(file, [...importers]);
}

export function recordResolution(from: string, specifier: string, found: string | null): void {
  if (active.length === 0) return;
  const key = `${from}\0${specifier}`;
  for (const dependencies of active) dependencies.resolved.set(key, found);
}

export function recordEngine(file: string): void {
  for (const dependencies of active) dependencies.engines.add(file);
}

/** The answers being computed depend on what was asked before them: none of them is kept. */
export function markTruncated(): void {
  for (const dependencies of active) dependencies.truncated = true;
}

/** A kept answer is used: what it depended on, the answers being computed now depend on too. */
export function recordAll(used: Dependencies): void {
  for (const dependencies of active) {
    for (const [file, hash] of used.files) dependencies.files.set(file, hash);
    for (const [file, list] of used.importers) if (!dependencies.importers.has(file)) dependencies.importers.set(file, list);
    for (const [key, found] of used.resolved) dependencies.resolved.set(key, found);
    for (const file of used.engines) dependencies.engines.add(file);
  }
}
