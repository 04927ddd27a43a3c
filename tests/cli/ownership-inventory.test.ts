import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/cli/model.js';
import { writeProject } from '../helpers/project.js';

/*
 * The BUILT inventory (`npm run build` first): the per-endpoint `ownership` column (how record
 * accesses by a client-supplied id are tied to the caller, as `require-ownership-check` judges them,
 * also when the access is in a repository of another file) and `--fail-on new-unscoped-access`.
 */

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/cli/index.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], cwd: string): Promise<Run> {
  if (!existsSync(bin)) throw new Error('dist/cli/index.js is missing: run `npm run build` before these tests.');
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const SCHEMA = `model Order {
  id     Int  @id
  total  Int
  userId Int
}
`;

const REPOSITORY = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const findOrder = (id: string) => prisma.order.findUnique({ where: { id: Number(id) } });
`;

const ROUTES = `import express from 'express';
import { PrismaClient } from '@prisma/client';
import { findOrder } from './orders.repository';
const prisma = new PrismaClient();
export const app = express();
app.get('/health', (req, res) => res.json({ ok: true }));
app.get('/orders/:id', async (req, res) => {
  res.json(await prisma.order.findFirst({ where: { id: Number(req.params.id), userId: req.user.id } }));
});
app.get('/orders/:id/receipt', async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order || order.userId !== req.user.id) return res.sendStatus(404);
  res.json(order);
});
`;

const UNSCOPED_ROUTE = `app.get('/orders/:id/raw', async (req, res) => {
  res.json(await findOrder(req.params.id));
});
`;

describe('inventory: the ownership column', () => {
  it('scoped in the query, checked after loading a repository\'s record, unscoped through the repository, n.a. without an access', async () => {
    const dir = writeProject({ 'prisma/schema.prisma': SCHEMA, 'src/orders.repository.ts': REPOSITORY, 'src/routes.ts': ROUTES + UNSCOPED_ROUTE });
    const result = await run(['inventory', '.', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    const inventory = JSON.parse(result.stdout) as Inventory;
    const ownership = Object.fromEntries(inventory.endpoints.map((endpoint) => [endpoint.id, endpoint.ownership]));
    expect(ownership).toEqual({
      'GET /health': 'n.a.',
      'GET /orders/:id': 'scoped',
      'GET /orders/:id/receipt': 'checked',
      'GET /orders/:id/raw': 'unscoped',
    });
  });

  it('--fail-on new-unscoped-access fails on an endpoint added with an unscoped access, and only then', async () => {
    const dir = writeProject({ 'prisma/schema.prisma': SCHEMA, 'src/orders.repository.ts': REPOSITORY, 'src/routes.ts': ROUTES });
    expect((await run(['inventory', '.', '--format', 'json', '--output', 'base.json'], dir)).code).toBe(0);
    const same = await run(['inventory', '.', '--diff', 'base.json', '--fail-on', 'new-unscoped-access'], dir);
    expect(same.code).toBe(0);
    writeFileSync(path.join(dir, 'src/routes.ts'), ROUTES + UNSCOPED_ROUTE);
    // The project index trusts its listing for a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const gate = await run(['inventory', '.', '--diff', 'base.json', '--fail-on', 'new-unscoped-access', '--format', 'json'], dir);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toBe('fail: new record access not tied to the caller: GET /orders/:id/raw\n');
    expect(JSON.parse(gate.stdout)).toMatchObject({ added: [{ id: 'GET /orders/:id/raw', ownership: 'unscoped' }], newUnscopedAccess: ['GET /orders/:id/raw'] });
  });
});
