import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetParses, projectParseCount } from '../../src/analysis/project/parse.js';
import { flushSummaries, forgetSummaries, summaryStats } from '../../src/analysis/project/summaries.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Summaries of cross-file questions kept on disk (node_modules/.cache/eslint-plugin-api-security):
 * one run's answers serve the next (a new process is simulated by forgetting every parse, summary
 * and cache file read in memory), an edit of any file an answer read recomputes it, a damaged
 * cache is ignored, and the findings are the same with the cache off.
 */

const rules = { 'api-security/no-sql-injection': 'error' } as const;

/** A layered Express + TypeScript project: controller → service → repository, with the pool in db.ts. */
const files = {
  'src/db.ts': `import { Pool } from 'pg';
export const pool = new Pool();
`,
  'src/users.repository.ts': `import { pool } from './db';

export async function findByName(name: string) {
  const { rows } = await pool.query(\`SELECT id, name FROM users WHERE name = '\${name}'\`);
  return rows;
}

export async function findById(id: number) {
  const { rows } = await pool.query('SELECT id, name FROM users WHERE id = $1', [id]);
  return rows[0];
}
`,
  'src/users.service.ts': `import { findById, findByName } from './users.repository';

export function searchUsers(term: string) {
  return findByName(term.trim());
}

export function getUser(id: number) {
  return findById(id);
}
`,
  'src/users.controller.ts': `import { Router, type Request, type Response } from 'express';
import { getUser, searchUsers } from './users.service';

export const users = Router();

users.get('/users', async (req: Request, res: Response) => {
  res.json(await searchUsers(String(req.query.q)));
});

users.get('/users/:id', async (req: Request, res: Response) => {
  res.json(await getUser(Number(req.params.id)));
});
`,
};

/** The controller once it checks the search term against a fixed list: nothing reaches the SQL text. */
const safeController = files['src/users.controller.ts'].replace(
  'res.json(await searchUsers(String(req.query.q)));',
  "const term = ['alice', 'bob'].includes(String(req.query.q)) ? String(req.query.q) : 'alice';\n  res.json(await searchUsers(term));",
);

const cacheDir = (dir: string): string => path.join(dir, 'node_modules/.cache/eslint-plugin-api-security');
const incomingCache = (dir: string): string => path.join(cacheDir(dir), 'summary-taint-incoming.json');

function installedProject(): string {
  const dir = writeProject(files, { name: 'users-api', type: 'commonjs', dependencies: { express: '^5.0.0', pg: '^8.0.0' } });
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  return dir;
}

/** As a new process: no parse, summary or cache file kept in memory (what was pending is written first). */
function newProcess(): void {
  forgetSummaries();
  forgetParses();
}

const brief = (messages: { line: number; message: string }[]): string[] => messages.map((message) => `${String(message.line)}: ${message.message}`);

afterEach(() => {
  vi.unstubAllEnvs();
  newProcess();
});

describe('summaries of cross-file questions on disk', () => {
  it('are written by one run and answer the next without parsing the importers again', async () => {
    const dir = installedProject();
    const repository = path.join(dir, 'src/users.repository.ts');
    const controller = path.join(dir, 'src/users.controller.ts');

    const parsedBefore = projectParseCount(controller);
    const first = await lintProjectFile(dir, 'src/users.repository.ts', rules);
    expect(brief(first)).toEqual([expect.stringMatching(/^4: .*req\.query\.q.*users\.controller\.ts/u)]);
    // The backward question read the controller (two files away) to find the input.
    expect(projectParseCount(controller)).toBeGreaterThan(parsedBefore);
    flushSummaries();
    const written = JSON.parse(readFileSync(incomingCache(dir), 'utf8')) as { entries: Record<string, { files: [string, string][] }> };
    const recorded = Object.values(written.entries).flatMap((entry) => entry.files.map(([file]) => file));
    expect(recorded).toContain('src/users.controller.ts');

    newProcess();
    const diskHits = summaryStats.disk;
    const parsedControllerBefore = projectParseCount(controller);
    const second = await lintProjectFile(dir, 'src/users.repository.ts', rules);
    expect(brief(second)).toEqual(brief(first));
    expect(summaryStats.disk).toBeGreaterThan(diskHits);
    // Answered from the disk: the importers were not parsed again.
    expect(projectParseCount(controller)).toBe(parsedControllerBefore);
    expect(projectParseCount(path.join(dir, 'src/users.service.ts'))).toBeGreaterThan(0);
    expect(existsSync(repository)).toBe(true);
  });

  it('recomputes an answer when a file it read two files away is edited, in the same process and in the next', async () => {
    const dir = installedProject();
    const controller = path.join(dir, 'src/users.controller.ts');
    expect(await lintProjectFile(dir, 'src/users.repository.ts', rules)).toHaveLength(1);

    flushSummaries();

    // A new process reading the disk cache: the entry written before the edit is stale.
    writeFileSync(controller, safeController);
    newProcess();
    const stale = summaryStats.stale;
    expect(await lintProjectFile(dir, 'src/users.repository.ts', rules)).toEqual([]);
    expect(summaryStats.stale).toBeGreaterThan(stale);

    // The same process: the summary kept in memory is checked against the controller's new content.
    writeFileSync(controller, files['src/users.controller.ts']);
    expect(await lintProjectFile(dir, 'src/users.repository.ts', rules)).toHaveLength(1);
    writeFileSync(controller, safeController);
    expect(await lintProjectFile(dir, 'src/users.repository.ts', rules)).toEqual([]);
  });

  it('recomputes an answer when a new file imports one it searched', async () => {
    const dir = installedProject();
    writeFileSync(path.join(dir, 'src/users.controller.ts'), safeController);
    expect(await lintProjectFile(dir, 'src/users.repository.ts', rules)).toEqual([]);
    flushSummaries();

    // A second caller of the service, two files away from the repository.
    writeFileSync(
      path.join(dir, 'src/admin.controller.ts'),
      `import { Router } from 'express';
import { searchUsers } from './users.service';

export const admin = Router();
admin.post('/admin/users/search', async (req, res) => {
  res.json(await searchUsers(req.body.name));
});
`,
    );
    // The project's listing is trusted for a second (see project/index.ts).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(brief(await lintProjectFile(dir, 'src/users.repository.ts', rules))).toEqual([expect.stringMatching(/^4: .*req\.body\.name.*admin\.controller\.ts/u)]);
    newProcess();
    expect(await lintProjectFile(dir, 'src/users.repository.ts', rules)).toHaveLength(1);
  });

  it('ignores a corrupt cache file, and entries of the wrong shape, with the same findings', async () => {
    const dir = installedProject();
    const expected = brief(await lintProjectFile(dir, 'src/users.repository.ts', rules));
    expect(expected).toHaveLength(1);
    flushSummaries();

    writeFileSync(incomingCache(dir), '{"plugin": "0.1.0", "kind": "summary-taint-incom');
    newProcess();
    expect(brief(await lintProjectFile(dir, 'src/users.repository.ts', rules))).toEqual(expected);

    // Well-formed JSON of this version whose entries are not summaries: each is computed again.
    flushSummaries();
    const stored = JSON.parse(readFileSync(incomingCache(dir), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(stored.entries).length).toBeGreaterThan(0);
    for (const key of Object.keys(stored.entries)) stored.entries[key] = { value: [{ source: 'req.query.q' }], files: 'all' };
    writeFileSync(incomingCache(dir), JSON.stringify(stored));
    newProcess();
    const computed = summaryStats.computed;
    expect(brief(await lintProjectFile(dir, 'src/users.repository.ts', rules))).toEqual(expected);
    expect(summaryStats.computed).toBeGreaterThan(computed);
  });

  it('gives the same findings with the cache on, warm, and off', async () => {
    const dir = installedProject();
    const lintAll = async (): Promise<string[]> => {
      const found: string[] = [];
      for (const file of Object.keys(files)) {
        for (const line of brief(await lintProjectFile(dir, file, { ...rules, 'api-security/no-whole-object-response': 'error' }))) found.push(`${file}:${line}`);
      }
      return found;
    };
    vi.stubEnv('ESLINT_PLUGIN_API_SECURITY_CACHE', '0');
    const off = await lintAll();
    expect(existsSync(incomingCache(dir))).toBe(false);
    vi.unstubAllEnvs();
    newProcess();
    const cold = await lintAll();
    newProcess();
    const warm = await lintAll();
    expect(off.length).toBeGreaterThan(0);
    expect(cold).toEqual(off);
    expect(warm).toEqual(off);
  });
});
