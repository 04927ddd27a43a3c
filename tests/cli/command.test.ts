import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint, Inventory } from '../../src/cli/model.js';
import { analyze } from '../helpers/routes.js';

/*
 * End to end: the BUILT command (`npm run build` first) on the example apps and on generated
 * projects in a temporary directory.
 */

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/cli/index.js');
const SOURCE = /\.(?:[cm]?js|tsx?)$/u;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], cwd = root): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function inventoryOf(args: readonly string[], cwd = root): Promise<Inventory> {
  const result = await run([...args, '--format', 'json'], cwd);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Inventory;
}

function find(inventory: Inventory, id: string): Endpoint {
  const found = inventory.endpoints.find((endpoint) => endpoint.id === id);
  if (!found) throw new Error(`no endpoint ${id} in ${inventory.endpoints.slice(0, 20).map((endpoint) => endpoint.id).join(', ')}, …`);
  return found;
}

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'api-inventory-'));
  temporary.push(dir);
  return dir;
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${path.relative(root, bin)} is missing: run \`npm run build\` before these tests.`);
});

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('inventory of the example apps', () => {
  let inventory: Inventory;
  beforeAll(async () => {
    inventory = await inventoryOf(['inventory', 'examples']);
  });

  it('joins cross-file mount prefixes and counts mount guards', () => {
    const users = find(inventory, 'GET /api/admin/users');
    expect(users).toMatchObject({
      framework: 'express',
      file: 'examples/express-app/src/routes/admin.ts',
      line: 31,
      mount: { file: 'examples/express-app/src/app.ts', prefix: '/api/admin' },
      auth: { status: 'authenticated', by: 'requireAuth (at mount)' },
    });
    expect(users.exposure.wholeObjectResponses).toEqual([{ sink: 'res.json', value: 'users', line: 34, fields: null }]);
    // Mounted without authentication: public in fact, which the rule alone cannot see.
    expect(find(inventory, 'GET /api/users/:id')).toMatchObject({
      auth: { status: 'unauthenticated' },
      mount: { prefix: '/api/users' },
      inputs: [{ location: 'path', name: 'id', expression: 'req.params.id', validated: false }],
    });
  });

  it('reports sinks, inputs and verdicts per endpoint', () => {
    expect(find(inventory, 'POST /api/admin/backups')).toMatchObject({
      auth: { status: 'authenticated', roleChecked: true },
      inputs: [{ location: 'body', name: 'label' }],
      sinks: [{ kind: 'shell', injection: true, sink: 'exec', source: 'req.body.label' }],
    });
    expect(find(inventory, 'GET /api/debug/env').auth.status).toBe('unauthenticated');
    expect(find(inventory, 'GET /health').auth).toMatchObject({ status: 'public', by: 'public path **/health' });
    expect(find(inventory, 'GET /api/orders/by-sku').sinks.map((sink) => sink.kind)).toEqual(['sql']);
    const search = find(inventory, 'GET /api/orders/search');
    expect(search.inputs.find((input) => input.name === 'limit')).toMatchObject({ validated: true });
    expect(search.validated).toBe('partial');
    expect(find(inventory, 'PATCH /api/users/me').exposure.massAssignments).toEqual([
      expect.objectContaining({ sink: 'User.findByIdAndUpdate', input: 'req.body' }),
    ]);
  });

  it('covers NestJS and Next.js', () => {
    expect(find(inventory, 'POST /users/signup')).toMatchObject({ framework: 'nestjs', auth: { status: 'public', by: '@Public' } });
    expect(find(inventory, 'GET /users').sinks).toEqual([expect.objectContaining({ kind: 'sql', injection: true })]);
    expect(find(inventory, 'GET /api/projects/[id]')).toMatchObject({
      framework: 'nextjs',
      auth: { status: 'unauthenticated' },
      sinks: [expect.objectContaining({ kind: 'sql' })],
    });
    expect(find(inventory, 'ALL /api/export').sinks.map((sink) => sink.kind)).toContain('shell');
  });

  it('covers Firebase HTTP and callable functions', () => {
    expect(find(inventory, 'ALL /deleteUser')).toMatchObject({
      framework: 'firebase',
      file: 'examples/firebase-app/functions/src/index.ts',
      auth: { status: 'unauthenticated' },
      inputs: [{ location: 'body', name: 'uid', expression: 'req.body.uid' }],
    });
    expect(find(inventory, 'ALL /purgeSessions').auth).toMatchObject({ status: 'authenticated', by: 'invoker' });
    expect(find(inventory, 'POST /grantAdmin')).toMatchObject({ auth: { status: 'unauthenticated' }, inputs: [{ location: 'body', name: 'uid' }] });
    expect(find(inventory, 'POST /createNote')).toMatchObject({ auth: { status: 'authenticated' } });
    expect(find(inventory, 'POST /createNote').exposure.massAssignments).toEqual([expect.objectContaining({ sink: 'db.collection.add', input: 'request.data' })]);
    // Served by `onRequest(api)`: the app's route, without a route of the function's own.
    expect(find(inventory, 'GET /users/:id').framework).toBe('express');
    expect(inventory.endpoints.some((endpoint) => endpoint.path === '/notesApi')).toBe(false);
  });

  it('lists exactly the routes the route model (and so no-unauthenticated-route) sees', () => {
    const expected = new Set<string>();
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!['node_modules', 'dist', '.next'].includes(entry.name)) visit(full);
        } else if (SOURCE.test(entry.name)) {
          const relative = path.relative(root, full).split(path.sep).join('/');
          for (const route of analyze(readFileSync(full, 'utf8'), { filename: full }).routes) {
            expected.add(`${relative}:${route.reportNode.loc.start.line}`);
          }
        }
      }
    };
    visit(path.join(root, 'examples'));
    const listed = new Set(inventory.endpoints.map((endpoint) => `${endpoint.file}:${endpoint.line}`));
    expect(expected.size).toBeGreaterThan(30);
    expect([...listed].sort()).toEqual([...expected].sort());
  });
});

describe('formats', () => {
  it('prints a table by default, markdown and OpenAPI on request', async () => {
    const table = await run(['inventory', 'examples/express-app']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^METHOD +PATH +AUTH/u);
    expect(table.stdout).toMatch(/GET +\/api\/admin\/users +authenticated \(requireAuth \(at mount\), NO ROLE CHECK\)/u);
    const markdown = await run(['inventory', 'examples/express-app', '--format', 'markdown']);
    expect(markdown.stdout).toContain('| `GET` | `/api/debug/env` | ⚠️ **unauthenticated** |');
    const openapi = await run(['inventory', 'examples/express-app', '--format', 'openapi']);
    const document = JSON.parse(openapi.stdout) as { openapi: string; paths: Record<string, Record<string, { parameters?: unknown[] }>> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/api/users/{id}']?.['get']?.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  it('writes --output and prints --help', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'inventory.json');
    const result = await run(['inventory', 'examples/nestjs-app', '--format', 'json', '--output', out]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect((JSON.parse(readFileSync(out, 'utf8')) as Inventory).summary.endpoints).toBe(13);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: eslint-plugin-api-security inventory');
    const bad = await run(['inventory', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown format: xml');
  });
});

describe('--diff', () => {
  it('shows what changed and fails CI on a new unauthenticated route or injection sink', async () => {
    const dir = tempDir();
    const app = path.join(dir, 'app.js');
    writeFileSync(app, [
      "import express from 'express';",
      "import { requireAuth } from './auth.js';",
      'const app = express();',
      "app.get('/orders', requireAuth, (req, res) => res.json([]));",
      '',
    ].join('\n'));
    const base = await run(['inventory', '.', '--format', 'json', '--output', 'base.json'], dir);
    expect(base.code).toBe(0);
    writeFileSync(app, [
      "import express from 'express';",
      "import { exec } from 'node:child_process';",
      "import { requireAuth } from './auth.js';",
      'const app = express();',
      "app.get('/orders', requireAuth, (req, res) => res.json([]));",
      "app.post('/export', (req, res) => exec(`tar czf /tmp/${req.body.name}.tgz data`));",
      '',
    ].join('\n'));
    const report = await run(['inventory', '.', '--diff', 'base.json'], dir);
    expect(report.code).toBe(0);
    expect(report.stdout).toBe('1 added, 0 removed, 0 changed\n+ POST /export  UNAUTHENTICATED  sinks: shell  app.js:6\n');
    const gate = await run(['inventory', '.', '--diff', 'base.json', '--fail-on', 'new-unauthenticated,new-injection', '--format', 'json'], dir);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toBe('fail: new unauthenticated endpoint: POST /export\nfail: new injection sink: POST /export\n');
    expect(JSON.parse(gate.stdout)).toMatchObject({ added: [{ id: 'POST /export' }], newInjection: ['POST /export'] });
    const same = await run(['inventory', 'app.js', '--diff', 'base.json', '--fail-on', 'new-injection'], dir);
    expect(same.code).toBe(1);
    const missingBase = await run(['inventory', '.', '--diff', 'nope.json'], dir);
    expect(missingBase.code).toBe(2);
    expect(missingBase.stderr).toBe('cannot read --diff nope.json: not found\n');
  });
});

describe('errors', () => {
  it('exits 2 for a path that does not exist', async () => {
    const result = await run(['inventory', 'examples/no-such-app']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('path not found: examples/no-such-app\n');
    expect(result.stdout).toBe('');
  });

  it('reports a file that does not parse, goes on, and exits 3 for the incomplete scan', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.ts'), "import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => {\n");
    writeFileSync(path.join(dir, 'ok.ts'), "import express from 'express';\nconst app = express();\napp.get('/ok', (req, res) => res.send('ok'));\n");
    const result = await run(['inventory', '.', '--format', 'json'], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^could not parse broken\.ts:4: .+\nincomplete scan: 1 file\(s\) could not be parsed or analysed; endpoints in them are missing from the report \(exit code 3\)\n$/u,
    );
    const inventory = JSON.parse(result.stdout) as Inventory;
    expect(inventory.endpoints.map((endpoint) => endpoint.id)).toEqual(['GET /ok']);
    expect(inventory.errors).toEqual([{ file: 'broken.ts', line: 4, message: expect.any(String) as string }]);
    expect(inventory.summary).toMatchObject({ errors: 1, complete: false });
  });
});

describe('speed', () => {
  it('scans a 2,000-file project', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const count = 2000;
    mkdirSync(path.join(dir, 'src/routes'), { recursive: true });
    const imports: string[] = [];
    const mounts: string[] = [];
    // The routers, app.ts and auth.ts: `count` files.
    for (let index = 0; index < count - 2; index++) {
      writeFileSync(path.join(dir, `src/routes/r${index}.ts`), [
        "import { Router } from 'express';",
        "import { pool } from '../db';",
        'const router = Router();',
        "router.get('/:id', async (req, res) => {",
        "  const { rows } = await pool.query('SELECT * FROM t WHERE id = $1', [req.params.id]);",
        '  res.json(rows);',
        '});',
        "router.post('/', (req, res) => res.status(201).json({ name: String(req.body.name) }));",
        'export default router;',
        '',
      ].join('\n'));
      // The route model takes an imported identifier for a router by its name (`…Router`, `…Routes`).
      imports.push(`import r${index}Router from './routes/r${index}';`);
      mounts.push(`app.use('/r${index}', requireAuth, r${index}Router);`);
    }
    // The project model finds the project by its manifest, as the mounts across files need it.
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'big-app', type: 'module' }));
    // The mount's guard is judged by its definition, as the rule judges it.
    writeFileSync(path.join(dir, 'src/auth.ts'), [
      'const sessions = new Map();',
      'export function requireAuth(req, res, next) {',
      "  if (!req.headers.authorization || !sessions.has(req.headers.authorization)) return res.status(401).end();",
      '  next();',
      '}',
      '',
    ].join('\n'));
    writeFileSync(path.join(dir, 'src/app.ts'), [
      "import express from 'express';",
      "import { requireAuth } from './auth';",
      ...imports,
      'export const app = express();',
      ...mounts,
      '',
    ].join('\n'));
    const started = performance.now();
    const result = await run(['inventory', 'src', '--format', 'json', '--progress'], dir);
    const seconds = (performance.now() - started) / 1000;
    console.log(`inventory of ${count} files: ${seconds.toFixed(1)} s`);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`scanned 200/${count} files`);
    expect(result.stderr).toContain(`scanned ${count}/${count} files`);
    const inventory = JSON.parse(result.stdout) as Inventory;
    expect(inventory.summary.files).toBe(count);
    expect(inventory.summary.endpoints).toBe((count - 2) * 2);
    expect(find(inventory, `GET /r${count - 3}/:id`)).toMatchObject({
      auth: { status: 'authenticated', by: 'requireAuth (at mount)' },
    });
  });
});

describe('role-check column', () => {
  it('records each endpoint\'s role check and what makes it privileged; --fail-on new-unchecked-privileged gates a new one', async () => {
    const dir = tempDir();
    const head = [
      "import express from 'express';",
      "import { User } from './models.js';",
      'const app = express();',
      'function requireAuth(req, res, next) {',
      "  if (!req.session.userId) return res.status(401).end();",
      '  next();',
      '}',
      "const requireRole = (role) => (req, res, next) => (req.session.role === role ? next() : res.status(403).end());",
      "app.get('/orders', requireAuth, (req, res) => res.json([]));",
      "app.delete('/users/:id', requireAuth, requireRole('admin'), async (req, res) => res.json(await User.findByIdAndDelete(req.params.id)));",
    ];
    writeFileSync(path.join(dir, 'app.js'), [...head, ''].join('\n'));
    const base = await run(['inventory', '.', '--format', 'json', '--output', 'base.json'], dir);
    expect(base.code).toBe(0);
    const before = JSON.parse(readFileSync(path.join(dir, 'base.json'), 'utf8')) as Inventory;
    expect(find(before, 'GET /orders').roleCheck).toEqual({ checked: false, privileged: null });
    expect(find(before, 'DELETE /users/:id').roleCheck).toEqual({ checked: true, privileged: 'deletes a user the client names (`User.findByIdAndDelete`) (app.js:10)' });
    writeFileSync(path.join(dir, 'app.js'), [
      ...head,
      "app.post('/users/:id/role', requireAuth, async (req, res) => res.json(await User.findByIdAndUpdate(req.params.id, { role: req.body.role })));",
      "app.get('/admin/stats', requireAuth, (req, res) => res.json({}));",
      '',
    ].join('\n'));
    const gate = await run(['inventory', '.', '--diff', 'base.json', '--fail-on', 'new-unchecked-privileged'], dir);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toBe('fail: new privileged endpoint without a role check: POST /users/:id/role\nfail: new privileged endpoint without a role check: GET /admin/stats\n');
    // Checked again: the gate passes.
    writeFileSync(path.join(dir, 'app.js'), [
      ...head,
      "app.post('/users/:id/role', requireAuth, requireRole('admin'), async (req, res) => res.json(await User.findByIdAndUpdate(req.params.id, { role: req.body.role })));",
      '',
    ].join('\n'));
    const passed = await run(['inventory', '.', '--diff', 'base.json', '--fail-on', 'new-unchecked-privileged'], dir);
    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);
  });
});
