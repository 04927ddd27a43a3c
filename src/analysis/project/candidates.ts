import path from 'node:path';
import { isTestFile } from '../../utils/test-files.js';
import type { ProjectIndex } from './index.js';

/*
 * Files of a project that a whole-project question may have to read (the files that register NestJS
 * global guards, the Fastify plugins that decorate an instance), chosen from the index's import scan
 * without parsing anything. Tests, mocks and fixtures (the plugin's one test-file recogniser,
 * `isTestFile`) are left out: they register stand-ins for their own application instance.
 */

const lists = new Map<ProjectIndex, Map<string, { generation: number; files: string[] }>>();

/**
 * The project's files outside tests that `accept` takes (given the file and its base name), sorted,
 * at most `max` of them. `key` names the question: its list is kept per index while the index's
 * generation stays the same (no file added, removed or changed: `accept` reads the import scan).
 */
export function candidateFiles(index: ProjectIndex, key: string, accept: (file: string, base: string) => boolean, max = Infinity): string[] {
  const generation = index.generation();
  let byKey = lists.get(index);
  if (!byKey) {
    byKey = new Map();
    lists.set(index, byKey);
  }
  const cached = byKey.get(key);
  if (cached?.generation === generation) return cached.files;
  const files: string[] = [];
  for (const file of index.files()) {
    if (isTestFile(file, index.root)) continue;
    if (accept(file, path.basename(file))) files.push(file);
  }
  files.sort();
  const kept = files.slice(0, max);
  byKey.set(key, { generation, files: kept });
  return kept;
}
