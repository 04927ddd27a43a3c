import fs, { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as cacheModule from '../../src/analysis/project/disk-cache.js';
import type * as indexModule from '../../src/analysis/project/index.js';
import { writeProject } from '../helpers/project.js';

/*
 * The disk cache of per-file summaries: shared between processes (each test loads fresh module
 * instances, as a new `eslint --concurrency` worker would), keyed by content hash, and never a
 * failure source.
 */

type CacheModule = typeof cacheModule;
type IndexModule = typeof indexModule;

/** The modules as a new process would load them: no in-memory state from earlier loads. */
async function freshModules(): Promise<{ cache: CacheModule; index: IndexModule }> {
  vi.resetModules();
  return {
    cache: await import('../../src/analysis/project/disk-cache.js'),
    index: await import('../../src/analysis/project/index.js'),
  };
}

/** A project with `node_modules`, where the cache lives. */
function installedProject(files: Record<string, string>): string {
  const dir = writeProject(files);
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  return dir;
}

const cacheFile = (dir: string, kind: string): string => path.join(dir, 'node_modules/.cache/eslint-plugin-api-security', `${kind}.json`);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('disk cache', () => {
  it('gives an entry one process wrote to another process', async () => {
    const dir = installedProject({});
    const first = await freshModules();
    const writer = first.cache.diskCache<{ sinks: string[] }>(dir, 'summaries', 1);
    const hash = first.cache.contentHash('export const a = 1;');
    writer.set(hash, { sinks: ['db.query'] });
    writer.flush();
    expect(existsSync(cacheFile(dir, 'summaries'))).toBe(true);

    const second = await freshModules();
    expect(second.cache.diskCache<{ sinks: string[] }>(dir, 'summaries', 1).get(hash)).toEqual({ sinks: ['db.query'] });
    // Another summary version (or kind) never sees it.
    expect(second.cache.diskCache(dir, 'summaries', 2).get(hash)).toBeUndefined();
    expect(second.cache.diskCache(dir, 'other', 1).get(hash)).toBeUndefined();
  });

  it('keeps what another process wrote meanwhile when it writes its own entries', async () => {
    const dir = installedProject({});
    const a = (await freshModules()).cache.diskCache<number>(dir, 'counts', 1);
    const b = (await freshModules()).cache.diskCache<number>(dir, 'counts', 1);
    a.get('x'); // both have read the (empty) file before either writes
    b.get('x');
    a.set('from-a', 1);
    a.flush();
    b.set('from-b', 2);
    b.flush();
    const reader = (await freshModules()).cache.diskCache<number>(dir, 'counts', 1);
    expect([reader.get('from-a'), reader.get('from-b')]).toEqual([1, 2]);
  });

  it('writes again without reading back the file it wrote itself, and still keeps what another process wrote', async () => {
    const dir = installedProject({});
    const a = (await freshModules()).cache.diskCache<number>(dir, 'counts', 1);
    a.set('one', 1);
    a.flush();
    const reads = vi.spyOn(fs, 'readFileSync');
    a.set('two', 2);
    a.flush();
    a.set('three', 3);
    a.flush();
    const readsOfCache = reads.mock.calls.filter(([file]) => file === cacheFile(dir, 'counts')).length;
    reads.mockRestore();
    expect(readsOfCache).toBe(0);
    const b = (await freshModules()).cache.diskCache<number>(dir, 'counts', 1);
    b.set('from-b', 4);
    b.flush();
    a.set('four', 5);
    a.flush();
    const reader = (await freshModules()).cache.diskCache<number>(dir, 'counts', 1);
    expect(['one', 'two', 'three', 'from-b', 'four'].map((key) => reader.get(key))).toEqual([1, 2, 3, 4, 5]);
  });

  it('sees, on a miss, what another process wrote after it read the file (workers of one run)', async () => {
    const dir = installedProject({});
    const worker = (await freshModules()).cache.diskCache<number>(dir, 'counts', 1);
    const other = (await freshModules()).cache.diskCache<number>(dir, 'counts', 1);
    expect(worker.get('from-other')).toBeUndefined(); // read the (missing) file
    other.set('from-other', 7);
    other.flush();
    // Looked for at most every 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(worker.get('from-other')).toBe(7);
  });

  it('ignores a corrupt cache file, and replaces it on the next write', async () => {
    const dir = installedProject({});
    mkdirSync(path.dirname(cacheFile(dir, 'summaries')), { recursive: true });
    writeFileSync(cacheFile(dir, 'summaries'), '{"plugin": "0.1.0", "kind": "summ');
    const { cache } = await freshModules();
    const store = cache.diskCache<string>(dir, 'summaries', 1);
    expect(store.get('abc')).toBeUndefined();
    store.set('abc', 'value');
    expect(() => store.flush()).not.toThrow();
    expect((await freshModules()).cache.diskCache<string>(dir, 'summaries', 1).get('abc')).toBe('value');
  });

  it('is a no-op, not an error, where it cannot write', async () => {
    const dir = installedProject({ 'src/a.ts': "import './b';", 'src/b.ts': '' });
    // The cache directory's place is taken by a file: nothing can be written under it.
    mkdirSync(path.join(dir, 'node_modules/.cache'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/.cache/eslint-plugin-api-security'), 'not a directory');
    const { cache, index } = await freshModules();
    const store = cache.diskCache<string>(dir, 'summaries', 1);
    store.set('abc', 'value');
    expect(() => store.flush()).not.toThrow();
    // The index works the same without its cache.
    expect(index.projectIndexOf(path.join(dir, 'src/b.ts'))!.importersOf(path.join(dir, 'src/b.ts'))).toEqual([path.join(dir, 'src/a.ts')]);
  });

  it('is turned off by the environment variable', async () => {
    const dir = installedProject({ 'src/a.ts': "import './b';", 'src/b.ts': '' });
    vi.stubEnv('ESLINT_PLUGIN_API_SECURITY_CACHE', '0');
    const { index } = await freshModules();
    expect(index.projectIndexOf(path.join(dir, 'src/b.ts'))!.importersOf(path.join(dir, 'src/b.ts'))).toEqual([path.join(dir, 'src/a.ts')]);
    expect(existsSync(cacheFile(dir, 'imports'))).toBe(false);
  });

  it('is not created for a project without node_modules', async () => {
    const dir = writeProject({ 'src/a.ts': "import './b';", 'src/b.ts': '' });
    const { index } = await freshModules();
    expect(index.projectIndexOf(path.join(dir, 'src/b.ts'))!.importersOf(path.join(dir, 'src/b.ts'))).toEqual([path.join(dir, 'src/a.ts')]);
    expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
  });
});

describe('the import scan on disk', () => {
  it('is shared with the next process, and a changed file is scanned again', async () => {
    const dir = installedProject({
      'src/controller.ts': "import { find } from './repo';\nfind();",
      'src/repo.ts': 'export function find() {}',
      'src/other.ts': 'export const x = 1;',
    });
    const controller = path.join(dir, 'src/controller.ts');
    const first = await freshModules();
    expect(first.index.projectIndexOf(controller)!.importsOf(controller).map((entry) => entry.specifier)).toEqual(['./repo']);
    const stored = JSON.parse(readFileSync(cacheFile(dir, 'imports'), 'utf8')) as { entries: Record<string, string[]> };
    const controllerHash = first.cache.contentHash(readFileSync(controller, 'utf8'));
    expect(stored.entries[controllerHash]).toEqual(['./repo']);

    // Proof that the next process reads the scan from disk rather than from the text: an entry
    // changed on disk is what it sees (a real cache never holds a wrong entry: the key is the text's hash).
    stored.entries[controllerHash] = ['./other'];
    writeFileSync(cacheFile(dir, 'imports'), JSON.stringify(stored));
    const second = await freshModules();
    const index = second.index.projectIndexOf(controller)!;
    expect(index.importsOf(controller)).toEqual([{ specifier: './other', file: path.join(dir, 'src/other.ts') }]);

    // An edited file has another hash: scanned again, in a new process and in the same one.
    writeFileSync(controller, "import { find } from './repo.js';\nfind(1);");
    const third = await freshModules();
    expect(third.index.projectIndexOf(controller)!.importsOf(controller).map((entry) => entry.specifier)).toEqual(['./repo.js']);
    const after = JSON.parse(readFileSync(cacheFile(dir, 'imports'), 'utf8')) as { entries: Record<string, string[]> };
    expect(after.entries[third.cache.contentHash(readFileSync(controller, 'utf8'))]).toEqual(['./repo.js']);
  });

  it('survives a cache file that cannot be read or replaced', async () => {
    const dir = installedProject({ 'src/a.ts': "import './b';", 'src/b.ts': '' });
    // A directory where the cache file should be: reading it fails, and so does renaming over it.
    mkdirSync(cacheFile(dir, 'imports'), { recursive: true });
    const { index } = await freshModules();
    expect(index.projectIndexOf(path.join(dir, 'src/b.ts'))!.importersOf(path.join(dir, 'src/b.ts'))).toEqual([path.join(dir, 'src/a.ts')]);
    expect(readdirSync(path.dirname(cacheFile(dir, 'imports')))).toEqual(['imports.json']);
  });
});
