import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A service module that gives another module's function a name of its own (`export const find =
 * store.find`), called by a route through a namespace import of the service (`service.find(x)`):
 * the call runs the store's function, so request input the route passes reaches its sinks.
 */

const rules: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };

const store = `import { Pool } from 'pg';
const pool = new Pool();

export async function lookup(shelf: number, term: string) {
  return pool.query(\`SELECT id FROM notes WHERE shelf = $1 AND title LIKE '%\${term}%'\`, [shelf]);
}

export async function lookupBound(shelf: number, term: string) {
  return pool.query('SELECT id FROM notes WHERE shelf = $1 AND title LIKE $2', [shelf, \`%\${term}%\`]);
}
`;

const service = `import * as store from '../data/store';

export const find = store.lookup;
export const findBound = store.lookupBound;
`;

describe('functions exported under an alias and called through a namespace import', () => {
  it('follows `service.find(term)` into the store function the alias names (Hono)', async () => {
    const dir = writeProject({
      'src/data/store.ts': store,
      'src/services/notes.ts': service,
      'src/routes/notes.ts': `import { Hono } from 'hono';
import * as notes from '../services/notes';

export const routes = new Hono();
routes.get('/:shelf/find', async (c) => c.json(await notes.find(Number(c.req.param('shelf')), c.req.query('term') ?? '')));
routes.get('/:shelf/find-bound', async (c) => c.json(await notes.findBound(Number(c.req.param('shelf')), c.req.query('term') ?? '')));
`,
    }, { name: 'notes' });
    const messages = await lintProjectFile(dir, 'src/data/store.ts', rules);
    expect(summary(messages)).toEqual(['5 api-security/no-sql-injection']);
    expect(messages[0]?.message).toContain("c.req.query('term')");
    expect(messages[0]?.message).toContain('notes.find');
  });

  it('stays quiet when the route passes a constant or nothing of the request', async () => {
    const dir = writeProject({
      'src/data/store.ts': store,
      'src/services/notes.ts': service,
      'src/routes/notes.ts': `import { Hono } from 'hono';
import * as notes from '../services/notes';

export const routes = new Hono();
routes.get('/:shelf/recent', async (c) => c.json(await notes.find(Number(c.req.param('shelf')), 'recent')));
`,
    }, { name: 'notes-safe' });
    expect(summary(await lintProjectFile(dir, 'src/data/store.ts', rules))).toEqual([]);
  });

  it('stops at an alias of itself through its own namespace', async () => {
    const dir = writeProject({
      'src/services/loop.ts': `import * as self from './loop';
export const find = self.find;
`,
      'src/routes/loop.ts': `import { Hono } from 'hono';
import * as loop from '../services/loop';
export const routes = new Hono();
routes.get('/x', async (c) => c.json(await loop.find(c.req.query('q'))));
`,
    }, { name: 'loop' });
    expect(summary(await lintProjectFile(dir, 'src/routes/loop.ts', rules))).toEqual([]);
  });
});
