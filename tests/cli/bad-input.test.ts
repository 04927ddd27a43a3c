import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/cli/model.js';
import { ESLint } from 'eslint';
import { internalError } from '../../src/cli/scan.js';
import { inventoryProblem } from '../../src/cli/schema.js';

/*
 * The BUILT command (`npm run build` first) given bad input: gates that name nothing, baselines
 * of the wrong shape, paths it cannot read, symlinks, and output paths it cannot write.
 */

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/cli/index.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], cwd: string, options: { asNobody?: boolean } = {}): Promise<Run> {
  const [command, commandArgs] = options.asNobody
    ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, bin, ...args]]
    : [process.execPath, [bin, ...args]];
  return new Promise((resolve) => {
    // The timeout turns a hang (a FIFO read as a source file) into a failure instead of a stuck suite.
    execFile(command, commandArgs, { cwd, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'api-inventory-bad-'));
  // Readable by `nobody`, for the permission tests.
  chmodSync(dir, 0o755);
  temporary.push(dir);
  return dir;
}

const AUTHED_APP = [
  "import express from 'express';",
  "import { requireAuth } from './auth.js';",
  'const app = express();',
  "app.get('/orders', requireAuth, (req, res) => res.json([]));",
  '',
].join('\n');

/** A new unauthenticated endpoint whose body reaches `exec`: both gates fire on it. */
const INJECTION_APP = [
  "import express from 'express';",
  "import { exec } from 'node:child_process';",
  "import { requireAuth } from './auth.js';",
  'const app = express();',
  "app.get('/orders', requireAuth, (req, res) => res.json([]));",
  "app.post('/export', (req, res) => exec(`tar czf /tmp/${req.body.name}.tgz data`));",
  '',
].join('\n');

const routeFile = (route: string): string =>
  ["import express from 'express';", 'const app = express();', `app.get('${route}', (req, res) => res.send('ok'));`, ''].join('\n');

/** The inventory of AUTHED_APP as `app.js`, saved once (its paths are relative). */
let baseline = '';

/** A project with a saved baseline and one new unauthenticated injection endpoint since. */
function projectWithBaseline(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'base.json'), baseline);
  writeFileSync(path.join(dir, 'app.js'), INJECTION_APP);
  return dir;
}

/**
 * Root reads any file whatever its mode, so permission tests run the command as `nobody`. When the
 * machine cannot do that, they are skipped and say why.
 */
function canRunAsNobody(): string | null {
  const dir = tempDir();
  const probe = path.join(dir, 'probe.txt');
  writeFileSync(probe, 'x');
  chmodSync(probe, 0o000);
  try {
    execFileSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e',
      `try { require('node:fs').readFileSync(${JSON.stringify(probe)}); process.exit(3) } catch { require('node:fs').statSync(${JSON.stringify(bin)}) }`], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `cannot run the command as nobody with setpriv (${(error as Error).message.split('\n')[0]})`;
  }
}

let nobodyUnavailable: string | null = null;

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${path.relative(root, bin)} is missing: run \`npm run build\` before these tests.`);
  const dir = tempDir();
  writeFileSync(path.join(dir, 'app.js'), AUTHED_APP);
  const saved = await run(['inventory', 'app.js', '--format', 'json'], dir);
  expect(saved).toMatchObject({ code: 0, stderr: '' });
  baseline = saved.stdout;
  nobodyUnavailable = canRunAsNobody();
  if (nobodyUnavailable !== null) console.warn(`permission tests skipped: ${nobodyUnavailable}`);
});

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('--fail-on that names no gate', () => {
  it.each([[''], [' , '], ['new-injection,'], ['new-unauthenticatd']])('%j is a usage error, not a gate that is off', async (value) => {
    const dir = projectWithBaseline();
    const result = await run(['inventory', 'app.js', '--diff', 'base.json', '--fail-on', value], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(/--fail-on.*new-unauthenticated, new-injection/u);
  });

  it('still fails the gate when it names one', async () => {
    const dir = projectWithBaseline();
    const result = await run(['inventory', 'app.js', '--diff', 'base.json', '--fail-on', ' new-injection '], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('fail: new injection sink: POST /export\n');
  });
});

describe('a --diff baseline of the wrong shape', () => {
  async function baselineWith(edit: (inventory: Inventory & Record<string, unknown>) => void): Promise<{ dir: string; result: Run }> {
    const dir = projectWithBaseline();
    const inventory = JSON.parse(readFileSync(path.join(dir, 'base.json'), 'utf8')) as Inventory & Record<string, unknown>;
    edit(inventory);
    writeFileSync(path.join(dir, 'edited.json'), JSON.stringify(inventory));
    const result = await run(['inventory', 'app.js', '--diff', 'edited.json', '--fail-on', 'new-injection', '--progress'], dir);
    return { dir, result };
  }

  it.each([
    ['a wrong type', (inventory: Inventory) => Object.assign(inventory.endpoints[0]!.auth, { by: 5 }), 'endpoints[0].auth.by: expected string, found number 5'],
    ['a string for an object', (inventory: Inventory) => Object.assign(inventory.endpoints[0]!, { auth: 'yes' }), 'endpoints[0].auth: expected object, found the string "yes"'],
    ['a missing field', (inventory: Inventory) => delete (inventory.endpoints[0] as Partial<Inventory['endpoints'][0]>).sinks, 'endpoints[0].sinks: missing'],
    ['an unknown status', (inventory: Inventory) => Object.assign(inventory.endpoints[0]!.auth, { status: 'authed' }), 'endpoints[0].auth.status: expected one of "authenticated", "public", "unauthenticated", "unknown", found the string "authed"'],
    ['a repeated id', (inventory: Inventory) => inventory.endpoints.push(inventory.endpoints[0]!), 'endpoints[1].id: "GET /orders" repeats endpoints[0].id'],
    ['another schema version', (inventory: Inventory) => Object.assign(inventory, { schemaVersion: 2 }), 'schemaVersion: this version of the command reads schema 1, found number 2'],
    ['no endpoints', (inventory: Inventory) => Object.assign(inventory, { endpoints: { 'GET /orders': {} } }), 'endpoints: expected array, found an object'],
  ])('%s is named before the scan', async (_name, edit, problem) => {
    const { result } = await baselineWith(edit);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    // One line that names the field, and no scan first (with --progress a scan prints its count).
    expect(result.stderr).toBe(`eslint-plugin-api-security: edited.json is not an inventory this version can compare with: ${problem}\n`);
  });

  it('accepts what --format json writes', async () => {
    const dir = projectWithBaseline();
    expect(inventoryProblem(JSON.parse(readFileSync(path.join(dir, 'base.json'), 'utf8')))).toBeNull();
    const examples = await run(['inventory', 'examples', '--format', 'json'], root);
    expect(examples.code).toBe(0);
    expect(inventoryProblem(JSON.parse(examples.stdout))).toBeNull();
  });
});

describe('paths that cannot be read', () => {
  it('gives each --diff problem its own message', async () => {
    const dir = projectWithBaseline();
    mkdirSync(path.join(dir, 'saved'));
    symlinkSync('loop-b.json', path.join(dir, 'loop-a.json'));
    symlinkSync('loop-a.json', path.join(dir, 'loop-b.json'));
    const cases: [string, string][] = [
      ['saved', 'cannot read --diff saved: is a directory\n'],
      ['nope.json', 'cannot read --diff nope.json: not found\n'],
      ['loop-a.json', 'cannot read --diff loop-a.json: symlink loop\n'],
      ['app.js/base.json', 'cannot read --diff app.js/base.json: not found (a part of the path is a file, not a directory)\n'],
    ];
    for (const [base, message] of cases) {
      const result = await run(['inventory', 'app.js', '--diff', base, '--fail-on', 'new-injection'], dir);
      expect({ base, code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ base, code: 2, stderr: message, stdout: '' });
    }
  });

  it('says "symlink loop" for a path to scan that loops, and "path not found" only when it is missing', async () => {
    const dir = tempDir();
    symlinkSync('b', path.join(dir, 'a'));
    symlinkSync('a', path.join(dir, 'b'));
    expect(await run(['inventory', 'a'], dir)).toEqual({ code: 2, stdout: '', stderr: 'cannot read a: symlink loop\n' });
    expect(await run(['inventory', 'missing'], dir)).toEqual({ code: 2, stdout: '', stderr: 'path not found: missing\n' });
  });

  it('reports a file it cannot read, scans the rest and exits 3', async (context) => {
    if (nobodyUnavailable !== null) context.skip(nobodyUnavailable);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'open.js'), routeFile('/open'));
    writeFileSync(path.join(dir, 'secret.js'), routeFile('/secret'));
    chmodSync(path.join(dir, 'secret.js'), 0o000);
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'locked/hidden.js'), routeFile('/hidden'));
    chmodSync(path.join(dir, 'locked'), 0o700);
    const result = await run(['inventory', '.', '--format', 'json'], dir, { asNobody: true });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe([
      'cannot read locked: permission denied',
      'cannot read secret.js: permission denied',
      'incomplete scan: 2 path(s) could not be read; endpoints in them are missing from the report (exit code 3)',
      '',
    ].join('\n'));
    const inventory = JSON.parse(result.stdout) as Inventory;
    expect(inventory.endpoints.map((endpoint) => endpoint.id)).toEqual(['GET /open']);
    expect(inventory.unreadable).toEqual([
      { path: 'locked', reason: 'permission denied' },
      { path: 'secret.js', reason: 'permission denied' },
    ]);
    expect(inventory.summary).toMatchObject({ files: 1, unreadable: 2, complete: false });
  });

  it('does not let a gate pass on an incomplete scan', async (context) => {
    if (nobodyUnavailable !== null) context.skip(nobodyUnavailable);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'app.js'), AUTHED_APP);
    expect((await run(['inventory', '.', '--format', 'json', '--output', 'base.json'], dir)).code).toBe(0);
    // The new injection endpoint is in a file the scan cannot read: the diff shows nothing new.
    writeFileSync(path.join(dir, 'export.js'), INJECTION_APP.replace("app.get('/orders', requireAuth, (req, res) => res.json([]));\n", ''));
    chmodSync(path.join(dir, 'export.js'), 0o000);
    chmodSync(path.join(dir, 'base.json'), 0o644);
    const gate = await run(['inventory', '.', '--diff', 'base.json', '--fail-on', 'new-unauthenticated,new-injection'], dir, { asNobody: true });
    expect(gate.stdout).toBe('0 added, 0 removed, 0 changed\n');
    expect(gate.code).toBe(3);
    expect(gate.stderr).toContain('cannot read export.js: permission denied\n');
  });

  it('says "permission denied" for a --diff file it cannot read', async (context) => {
    if (nobodyUnavailable !== null) context.skip(nobodyUnavailable);
    const dir = projectWithBaseline();
    chmodSync(path.join(dir, 'base.json'), 0o600);
    const result = await run(['inventory', 'app.js', '--diff', 'base.json', '--fail-on', 'new-injection'], dir, { asNobody: true });
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'cannot read --diff base.json: permission denied\n' });
  });
});

describe('symlinks and paths that are not source files', () => {
  it('follows a symlinked directory and file once, and says what it skipped', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'shared'));
    writeFileSync(path.join(dir, 'shared/routes.js'), routeFile('/shared'));
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app/main.js'), routeFile('/main'));
    symlinkSync('../shared', path.join(dir, 'app/linked'));
    symlinkSync('../shared/routes.js', path.join(dir, 'app/one.js'));
    // Links back to the directory itself and to its parent, and a loop: none may hang the walk.
    symlinkSync('.', path.join(dir, 'app/self'));
    symlinkSync('..', path.join(dir, 'app/parent'));
    symlinkSync('loop-2', path.join(dir, 'app/loop-1'));
    symlinkSync('loop-1', path.join(dir, 'app/loop-2'));
    const result = await run(['inventory', '.', '--format', 'json'], path.join(dir, 'app'));
    const inventory = JSON.parse(result.stdout) as Inventory;
    // The shared file is reached twice (through a directory link and a file link): scanned once.
    expect(inventory.endpoints.map((endpoint) => `${endpoint.id} ${endpoint.file}`)).toEqual(['GET /shared linked/routes.js', 'GET /main main.js']);
    expect(inventory.skipped).toEqual([
      { path: 'loop-1', reason: 'symlink loop' },
      { path: 'loop-2', reason: 'symlink loop' },
      { path: 'self', reason: 'symlink to ., already scanned' },
      { path: 'one.js', reason: 'same file as linked/routes.js' },
    ]);
    expect(result.stderr).toContain('skipped loop-1: symlink loop\n');
    // Nothing that exists was left unread: the scan is complete.
    expect(result.code).toBe(0);
  });

  it('does not count a given non-source file as scanned', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'app.js'), routeFile('/x'));
    writeFileSync(path.join(dir, 'README.md'), '# app\n');
    execFileSync('mkfifo', [path.join(dir, 'pipe.js')]);
    const result = await run(['inventory', 'app.js', 'README.md', 'pipe.js', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const inventory = JSON.parse(result.stdout) as Inventory;
    expect(inventory.summary).toMatchObject({ files: 1, endpoints: 1, skipped: 2 });
    expect(result.stderr).toBe(
      'skipped README.md: not a JavaScript or TypeScript file (.js .mjs .cjs .jsx .ts .mts .cts .tsx)\nskipped pipe.js: not a regular file\n',
    );
  });

  it('scans a directory outside the working directory', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'other'));
    mkdirSync(path.join(dir, 'here'));
    writeFileSync(path.join(dir, 'other/app.js'), routeFile('/elsewhere'));
    const result = await run(['inventory', '../other', '--format', 'json'], path.join(dir, 'here'));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(result.stdout) as Inventory).endpoints.map((endpoint) => `${endpoint.id} ${endpoint.file}`)).toEqual(['GET /elsewhere ../other/app.js']);
  });
});

describe('--output and messages', () => {
  it('checks --output before scanning', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'app.js'), routeFile('/x'));
    mkdirSync(path.join(dir, 'reports'));
    const cases: [string, string][] = [
      ['reports', 'cannot write --output reports: is a directory\n'],
      ['missing/inventory.json', 'cannot write --output missing/inventory.json: its directory missing: not found\n'],
      ['app.js/inventory.json', 'cannot write --output app.js/inventory.json: its directory app.js is not a directory\n'],
    ];
    for (const [output, message] of cases) {
      // --progress would print "scanned 1/1 files" had the scan run.
      const result = await run(['inventory', '.', '--output', output, '--progress'], dir);
      expect({ output, code: result.code, stderr: result.stderr }).toEqual({ output, code: 2, stderr: message });
    }
  });

  it('keeps the internal rule id out of an analysis crash', async () => {
    // What ESLint makes of an error thrown by the inventory's rule: the message plus the file, line and rule id.
    const crash: ESLint.Plugin = {
      rules: {
        collect: {
          create: () => ({
            Identifier(node) {
              if (node.name === 'boom') throw new Error('eslint-plugin-api-security: cannot follow boom');
            },
          }),
        },
      },
    };
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: { plugins: { 'api-security-inventory': crash }, rules: { 'api-security-inventory/collect': 'error' } },
    });
    const thrown = await eslint.lintText('const a = 1;\nboom();\n', { filePath: path.join(root, 'crash.js') }).then(() => null, (error: unknown) => error);
    expect((thrown as Error).message).toContain('api-security-inventory/collect');
    expect(internalError(thrown)).toEqual({ message: 'internal error: cannot follow boom', line: 2 });
  });

  it('says "permission denied" for an --output directory it cannot write', async (context) => {
    if (nobodyUnavailable !== null) context.skip(nobodyUnavailable);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'app.js'), routeFile('/x'));
    const result = await run(['inventory', '.', '--output', 'inventory.txt', '--progress'], dir, { asNobody: true });
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'cannot write --output inventory.txt: its directory .: permission denied\n' });
  });

  it('names the plugin once and no internal rule in an error', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'app.js'), routeFile('/x'));
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ authMiddleware: 'requireAuth' }));
    const result = await run(['inventory', '.', '--settings', 'settings.json', '--progress'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "eslint-plugin-api-security: --settings settings.json: invalid settings['api-security']: settings['api-security'].authMiddleware must be an array of non-empty strings.\n",
    );
  });
});
