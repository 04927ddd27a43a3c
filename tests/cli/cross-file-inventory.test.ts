import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/cli/model.js';
import { writeProject } from '../helpers/project.js';

/*
 * The BUILT inventory (`npm run build` first) on a project where a flow crosses files: the sink is
 * in one file, the request input in another. The input's nodes belong to the other file, so their
 * offsets must not attach the sink to an endpoint of the sink's file whose span they happen to fall in.
 */

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/cli/index.js');

function inventory(dir: string): Promise<Inventory> {
  if (!existsSync(bin)) throw new Error('dist/cli/index.js is missing: run `npm run build` before these tests.');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, 'inventory', '.', '--format', 'json'], { cwd: dir }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Inventory);
    });
  });
}

const routes = `import express from 'express';
import { Pool } from 'pg';

const app = express();
const pool = new Pool();

app.get('/health', (req, res) => {
  res.json({ ok: true, at: Date.now(), uptime: process.uptime(), memory: process.memoryUsage(), version: '1.0.0' });
});

export function searchNotes(term: string) {
  return pool.query(\`SELECT id FROM notes WHERE body LIKE '%\${term}%'\`);
}
`;

const search = `import express from 'express';
import { searchNotes } from './routes';

const app = express();

app.get('/search', async (req, res) => {
  res.json(await searchNotes(req.query.q as string));
});
`;

describe('inventory with a flow across files', () => {
  it('does not attach a sink reached from another file to an endpoint of the sink file by offsets', async () => {
    // The case is only meaningful when the other file's input sits inside /health's span here.
    const health = [routes.indexOf("app.get('/health'"), routes.indexOf('});\n\nexport')];
    const input = search.indexOf('req.query.q');
    expect(input).toBeGreaterThan(health[0]!);
    expect(input).toBeLessThan(health[1]!);

    const dir = writeProject({ 'src/routes.ts': routes, 'src/search.ts': search });
    const endpoints = (await inventory(dir)).endpoints;
    const healthEndpoint = endpoints.find((endpoint) => endpoint.id === 'GET /health');
    expect(healthEndpoint).toBeDefined();
    expect(healthEndpoint?.sinks).toEqual([]);
  });

  it('lists a sink of another file under the endpoint whose handler passes the input there, with that file', async () => {
    const dir = writeProject({ 'src/routes.ts': routes, 'src/search.ts': search });
    const found = (await inventory(dir)).endpoints.find((endpoint) => endpoint.id === 'GET /search');
    expect(found?.sinks).toEqual([
      { kind: 'sql', injection: true, sink: 'pool.query', line: 12, source: 'req.query.q', file: 'src/routes.ts' },
    ]);
    // The release gate sees it: the endpoint counts as one with an injection.
    expect((await inventory(dir)).summary.injection).toBe(1);
  });

  it('says which middleware authenticates only the requests that send credentials, and to which call the caller is passed', async () => {
    const dir = writeProject({
      'src/app.js': `import express from 'express';
import jwt from 'jsonwebtoken';
import { NotesService } from './notes.service.js';
const app = express();
function optionalAuth(req, res, next) {
  const token = req.get('authorization');
  if (!token) return next();
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET);
  } catch {
    return res.status(401).end();
  }
  next();
}
app.use(optionalAuth);
app.get('/notes', async (req, res) => res.json(await new NotesService(req.user).list()));
app.get('/stats', async (req, res) => res.json({ total: await countNotes() }));
`,
      'src/notes.service.js': 'export class NotesService {\n  constructor(user) { this.user = user; }\n  list() { return []; }\n}\n',
    });
    const endpoints = (await inventory(dir)).endpoints;
    expect(endpoints.find((endpoint) => endpoint.id === 'GET /notes')?.auth).toMatchObject({
      status: 'unauthenticated',
      by: 'optionalAuth (only requests that send credentials); caller passed to new NotesService()',
    });
    expect(endpoints.find((endpoint) => endpoint.id === 'GET /stats')?.auth).toMatchObject({
      status: 'unauthenticated',
      by: 'optionalAuth (only requests that send credentials)',
    });
  });

  it('marks a write through a service whose code is out of view, which does not count as exposure', async () => {
    const dir = writeProject({
      'src/app.js': `import express from 'express';
import { getService } from './services.js';
import { Note } from './models.js';
const app = express();
app.use(express.json());
app.post('/segments', async (req, res) => res.json(await getService('segment').create(req.body)));
app.post('/notes', async (req, res) => res.json(await Note.create(req.body)));
`,
      'src/services.js': 'export const getService = (name) => globalThis.registry[name];\n',
      'src/models.js': "import mongoose from 'mongoose';\nexport const Note = mongoose.model('Note', new mongoose.Schema({ text: String }));\n",
    });
    const result = await inventory(dir);
    const segments = result.endpoints.find((endpoint) => endpoint.id === 'POST /segments');
    const notes = result.endpoints.find((endpoint) => endpoint.id === 'POST /notes');
    expect(segments?.exposure.massAssignments).toEqual([{ sink: 'getService.create', input: 'req.body', line: 6, serviceOutOfView: true }]);
    expect(notes?.exposure.massAssignments).toEqual([{ sink: 'Note.create', input: 'req.body', line: 7 }]);
    expect(result.summary.exposure).toBe(1);
  });
});
