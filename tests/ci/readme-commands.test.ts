import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, root } from './eslint-cli.js';

/*
 * Every `npm`/`npx` command in the README's code blocks, run in order, succeeds:
 * - the commands under "Try it" in a new copy of the repository (the files a clone of this commit
 *   has), as a contributor runs them;
 * - every other command in a new project of a user, where `eslint-plugin-api-security` is installed
 *   from this package's tarball (`npm pack`) instead of the registry, with the README's config.
 * The one command not run here is `npm ci && npm test`, which is what CI itself runs: the test
 * checks that `.ci/run` runs exactly that.
 */

interface ReadmeCommand {
  section: string;
  command: string;
}

const README_TEST_COMMAND = 'npm ci && npm test';

/** The npm/npx commands of the README's shell code blocks, in order, with their `## ` section. */
function readmeCommands(readme: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let section = '';
  let fence: string | undefined;
  for (const line of readme.split('\n')) {
    if (fence === undefined && line.startsWith('## ')) section = line.slice(3).trim();
    const opening = /^```(?<lang>\w*)/u.exec(line);
    if (opening) {
      fence = fence === undefined ? (opening.groups?.['lang'] ?? '') : undefined;
      continue;
    }
    if (fence === 'sh' || fence === 'bash' || fence === 'shell') {
      const command = line.replace(/\s+#\s.*$/u, '').trim();
      if (/^(?:npm|npx) /u.test(command)) commands.push({ section, command });
    }
  }
  return commands;
}

/** The first fenced block of a language under a `## ` heading. */
function codeBlock(readme: string, heading: string, lang: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README has "## ${heading}"`).toBeGreaterThan(-1);
  const block = new RegExp(`\`\`\`${lang}\\n(?<body>[\\s\\S]*?)\`\`\``, 'u').exec(readme.slice(start));
  expect(block, `a ${lang} block under "## ${heading}"`).not.toBeNull();
  return block!.groups!['body']!;
}

/** npm that uses the cache the CI install filled, asks nothing and never installs what npx lacks. */
const npmEnv = {
  ...process.env,
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_yes: 'false',
  NO_COLOR: '1',
  CI: 'true',
};

/** Runs one README line through the shell, as a user pasting it would; a failure says why. */
function run(command: string, cwd: string): string {
  const result = spawnSync('sh', ['-c', command], { cwd, env: npmEnv, encoding: 'utf8', timeout: 400_000, maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(`\`${command}\` in ${cwd} exited ${String(result.status ?? result.signal)}:\n${output.slice(-4000)}`);
  }
  return output;
}

/** The files a fresh clone of this commit would hold (tracked and new, not ignored). */
function copyCheckout(target: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(root, file);
    if (!existsSync(from)) continue; // deleted in the work tree, so not in the next commit
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    copyFileSync(from, path.join(target, file));
  }
}

/** A small API written the way the README asks: authenticated routes, bound SQL parameters. */
const cleanApp = `import express from 'express';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';

const app = express();
const pool = new Pool();

function requireUser(req, res, next) {
  try {
    req.user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET);
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

app.get('/health', (req, res) => res.json({ ok: true }));

app.get('/orders/:id', requireUser, async (req, res) => {
  const { rows } = await pool.query('SELECT id, total FROM orders WHERE id = $1 AND user_id = $2', [req.params.id, req.user.id]);
  res.json(rows.map((row) => ({ id: row.id, total: row.total })));
});

app.listen(3000);
`;

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const commands = readmeCommands(readme);

describe('the README commands', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-readme-'));
  const clone = path.join(temp, 'clone');
  const project = path.join(temp, 'project');

  beforeAll(() => {
    requireBuild();
  });

  afterAll(() => {
    // `rm -rf` removes two node_modules trees many times faster than fs.rmSync.
    spawnSync('rm', ['-rf', temp]);
  });

  it('are found: the try-it commands, the install, the inventory and the CI commands', () => {
    const sections = new Set(commands.map((command) => command.section));
    expect(commands.map((command) => command.command)).toContain(README_TEST_COMMAND);
    expect([...sections]).toEqual(expect.arrayContaining(['Try it', 'Install', 'API inventory', 'Running in CI']));
    expect(commands.length).toBeGreaterThanOrEqual(10);
  });

  it('`npm ci && npm test` is what CI runs', () => {
    const ci = readFileSync(path.join(root, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^if ! npm ci\b/mu);
    expect(ci).toMatch(/^npm test\b/mu);
  });

  it('under "Try it" succeed in a fresh copy of the repository', () => {
    copyCheckout(clone);
    const tryIt = commands.filter((command) => command.section === 'Try it' && command.command !== README_TEST_COMMAND);
    expect(tryIt.map((command) => command.command)).toEqual(['npm ci && npm run demo']);
    for (const { command } of tryIt) {
      const output = run(command, clone);
      expect(output, command).toMatch(/api-security\/no-sql-injection/u);
    }
  }, 600_000);

  it('for users succeed, in order, in a new project that installs the packed plugin', () => {
    mkdirSync(path.join(project, 'src'), { recursive: true });
    const tarball = run(`npm pack --silent --pack-destination ${JSON.stringify(temp)}`, root).trim().split('\n').at(-1)!;
    const tarballPath = path.join(temp, tarball);
    expect(existsSync(tarballPath), tarballPath).toBe(true);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'orders-api', private: true, type: 'module' }, null, 2));
    writeFileSync(path.join(project, 'eslint.config.js'), codeBlock(readme, 'Configure', 'js'));
    writeFileSync(path.join(project, 'src/app.js'), cleanApp);

    const userCommands = commands.filter((command) => command.section !== 'Try it');
    for (const { command } of userCommands) {
      const local = command.replace(/(npm install .*)\beslint-plugin-api-security\b/u, `$1${tarballPath}`);
      const output = run(local, project);
      if (/inventory src(?: |$)/u.test(command) && !command.includes('--format') && !command.includes('--diff')) {
        expect(output, command).toMatch(/\/orders\/:id/u);
      }
    }

    const installed = readdirSync(path.join(project, 'node_modules'));
    expect(installed).toEqual(expect.arrayContaining(['eslint', 'eslint-plugin-api-security', 'typescript']));
    const sarif = JSON.parse(readFileSync(path.join(project, 'eslint-results.sarif'), 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    expect(existsSync(path.join(project, 'api-inventory.json'))).toBe(true);
  }, 600_000);
});
