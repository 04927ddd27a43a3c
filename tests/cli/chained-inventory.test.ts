import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/cli/model.js';
import { writeProject } from '../helpers/project.js';

/*
 * The BUILT inventory (`npm run build` first) lists every link of a chained registration as an
 * endpoint, on the line of its own method, with its own guards, and a router a helper of the file
 * returns under each of its mounts.
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

const app = `import express from 'express';
const app = express();
function requireUser(req, res, next) {
  if (!req.session.userId) return res.status(401).end();
  next();
}
const albums = express.Router();
albums
  .get('/', (req, res) => res.json([]))
  .post('/', requireUser, (req, res) => res.status(201).end())
  .delete('/:id', requireUser, (req, res) => res.end());
app.use('/albums', albums);
function comments() {
  const r = express.Router();
  r.post('/', (req, res) => res.status(201).end());
  return r;
}
app.use('/photos/comments', requireUser, comments());
app.use('/guest/comments', comments());
`;

describe('inventory of chained registrations and helper routers', () => {
  it('lists each link and each mount of a helper router', async () => {
    const dir = writeProject({ 'src/app.js': app });
    // Sorted by id.
    const endpoints = (await inventory(dir)).endpoints.map((endpoint) => ({ id: endpoint.id, line: endpoint.line, auth: endpoint.auth.status, guards: endpoint.auth.guards }));
    expect(endpoints).toEqual([
      { id: 'GET /albums', line: 9, auth: 'unauthenticated', guards: [] },
      { id: 'POST /albums', line: 10, auth: 'authenticated', guards: ['requireUser'] },
      { id: 'DELETE /albums/:id', line: 11, auth: 'authenticated', guards: ['requireUser'] },
      { id: 'POST /guest/comments', line: 15, auth: 'unauthenticated', guards: [] },
      { id: 'POST /photos/comments', line: 15, auth: 'authenticated', guards: ['requireUser'] },
    ]);
  });
});
