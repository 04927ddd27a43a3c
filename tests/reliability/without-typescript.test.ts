import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thirdPartyCorpus } from '../../scripts/corpus.mjs';
import { requireBuild, root } from '../ci/eslint-cli.js';

/*
 * `typescript` is an optional peer: a JavaScript project without it must load the plugin and get
 * findings. The packed plugin is unpacked into a fresh project whose node_modules links every
 * installed package except `typescript`. Node runs with --preserve-symlinks, so a package resolves
 * its imports from the project's node_modules and not from the real directory the link points to,
 * where `typescript` is installed; the test first proves that nothing there can resolve it.
 */

const run = promisify(execFile);
const NODE_FLAGS = ['--preserve-symlinks', '--preserve-symlinks-main'];

const routes = `const express = require('express');
const { Pool } = require('pg');
const app = express();
const pool = new Pool();
app.get('/orders', (req, res) => pool.query('SELECT * FROM orders WHERE id = ' + req.query.id));
`;
const esmRoutes = `import express from 'express';
const app = express();
app.post('/hello', (req, res) => { track(req.path); res.send(\`<h1>\${req.query.name}</h1>\`); });
`;

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; message: string; messageId?: string; fatal?: boolean }[];
}

describe('a JavaScript project without typescript installed', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-no-ts-'));
  const project = path.join(temp, 'project');
  const modules = path.join(project, 'node_modules');
  const node = (args: string[]) => run(process.execPath, [...NODE_FLAGS, ...args], { cwd: project });

  beforeAll(async () => {
    requireBuild();
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', temp], { cwd: root });
    const tarball = path.join(temp, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
    mkdirSync(path.join(modules, 'eslint-plugin-api-security'), { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', path.join(modules, 'eslint-plugin-api-security'), '--strip-components=1']);

    const installed = path.join(root, 'node_modules');
    for (const entry of readdirSync(installed)) {
      if (entry === 'typescript' || entry === '.bin' || entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        mkdirSync(path.join(modules, entry), { recursive: true });
        for (const scoped of readdirSync(path.join(installed, entry))) {
          symlinkSync(path.join(installed, entry, scoped), path.join(modules, entry, scoped));
        }
      } else {
        symlinkSync(path.join(installed, entry), path.join(modules, entry));
      }
    }

    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'js-only', private: true, type: 'module' }));
    writeFileSync(
      path.join(project, 'eslint.config.js'),
      "import apiSecurity from 'eslint-plugin-api-security';\n" +
        "export default [{ ignores: ['corpus/**'] }, apiSecurity.configs.recommended];\n",
    );
    // Every rule over a sample of the robustness corpus's JavaScript, with its own config file.
    writeFileSync(
      path.join(project, 'corpus.config.js'),
      "import apiSecurity from 'eslint-plugin-api-security';\nexport default [apiSecurity.configs.all];\n",
    );
    const javascript = thirdPartyCorpus().filter((file) => /\.(?:c|m)?js$/u.test(file));
    javascript
      .filter((_, index) => index % 25 === 0)
      .forEach((file, index) => {
        const target = path.join(project, 'corpus', `${String(index)}-${path.basename(file)}`);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(file, target);
      });
    writeFileSync(path.join(project, 'routes.cjs'), routes);
    writeFileSync(path.join(project, 'hello.js'), esmRoutes);
    // A layered app: the handler in one file, the query in another, read with ESLint's own espree.
    mkdirSync(path.join(project, 'app'));
    writeFileSync(
      path.join(project, 'app/orders.repository.js'),
      "import pg from 'pg';\nconst pool = new pg.Pool();\nexport function findOrders(status) {\n  return pool.query(`SELECT * FROM orders WHERE status = '${status}'`);\n}\n",
    );
    writeFileSync(
      path.join(project, 'app/orders.routes.js'),
      "import express from 'express';\nimport { findOrders } from './orders.repository.js';\nexport const router = express.Router();\nrouter.get('/orders', async (req, res) => res.json(await findOrders(req.query.status)));\n",
    );
  }, 120_000);

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('cannot resolve typescript from the project, the plugin or its dependencies', async () => {
    const from = ['.', 'eslint-plugin-api-security', '@typescript-eslint/utils', '@typescript-eslint/parser', 'eslint'];
    const script = `
const { createRequire } = require('node:module');
const path = require('node:path');
const base = path.join(process.cwd(), 'node_modules');
for (const where of ${JSON.stringify(from)}) {
  const req = createRequire(path.join(where === '.' ? process.cwd() : path.join(base, where), 'package.json'));
  let found = null;
  try { found = req.resolve('typescript'); } catch (error) { if (error.code !== 'MODULE_NOT_FOUND') throw error; }
  console.log(where + ': ' + (found ?? 'not found'));
}
console.log('express: ' + createRequire(path.join(process.cwd(), 'package.json')).resolve('express'));
`;
    const { stdout } = await node(['-e', script]);
    expect(stdout.trim().split('\n')).toEqual([
      ...from.map((where) => `${where}: not found`),
      expect.stringMatching(/^express: .*node_modules[\\/]express[\\/]/u),
    ]);
  });

  it('loads the plugin and reports in .js and .cjs files with the real eslint CLI', async () => {
    const lint = await node(['node_modules/eslint/bin/eslint.js', '--format', 'json', 'routes.cjs', 'hello.js']).catch(
      (error: { code?: number; stdout?: string; stderr?: string }) => {
        if (error.code === 1 && error.stdout) return { stdout: error.stdout };
        throw new Error(`eslint failed (exit ${String(error.code)}):\n${error.stderr ?? String(error)}`);
      },
    );
    const results = JSON.parse(lint.stdout) as LintResult[];
    const found = results.flatMap((result) =>
      result.messages.map((message) => `${path.basename(result.filePath)}:${message.line} ${message.ruleId ?? 'fatal'}`),
    );
    expect(found.sort()).toEqual([
      'hello.js:3 api-security/no-reflected-xss',
      'hello.js:3 api-security/no-unauthenticated-route',
      'routes.cjs:5 api-security/no-sql-injection',
      'routes.cjs:5 api-security/no-unauthenticated-route',
    ]);
  });

  it('follows request input into another JavaScript file of the project', async () => {
    const lint = await node(['node_modules/eslint/bin/eslint.js', '--format', 'json', 'app/orders.repository.js']).catch(
      (error: { code?: number; stdout?: string; stderr?: string }) => {
        if (error.code === 1 && error.stdout) return { stdout: error.stdout };
        throw new Error(`eslint failed (exit ${String(error.code)}):\n${error.stderr ?? String(error)}`);
      },
    );
    const [result] = JSON.parse(lint.stdout) as LintResult[];
    expect(result?.messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`)).toEqual([
      expect.stringMatching(/^4 api-security\/no-sql-injection: `req\.query\.status` in app\/orders\.routes\.js \(line 4\)/u),
    ]);
  });

  it('runs every rule over a sample of third-party JavaScript without an internal error', async () => {
    const lint = await node(['node_modules/eslint/bin/eslint.js', '--config', 'corpus.config.js', '--format', 'json', 'corpus']).catch(
      (error: { code?: number; stdout?: string; stderr?: string }) => {
        if (error.code === 1 && error.stdout) return { stdout: error.stdout };
        throw new Error(`eslint failed (exit ${String(error.code)}):\n${error.stderr ?? String(error)}`);
      },
    );
    const results = JSON.parse(lint.stdout) as LintResult[];
    const internal = results.flatMap((result) =>
      result.messages.filter((message) => message.messageId === 'internalError').map((message) => `${result.filePath}: ${message.message}`),
    );
    const unparsed = results.filter((result) => result.messages.some((message) => message.fatal === true));

    expect(results.length).toBeGreaterThan(50);
    expect(internal).toEqual([]);
    expect(unparsed.length, 'files espree rejected').toBeLessThan(results.length / 20);
  }, 300_000);
});
