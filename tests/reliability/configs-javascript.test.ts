import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

/*
 * The shipped configs leave JavaScript files to ESLint: `.cjs` is CommonJS by ESLint's defaults,
 * and a user's `sourceType` is honoured, so legal sloppy-mode CommonJS (`with`, legacy octal
 * literals, a top-level `return`) parses and is linted. TypeScript files still get the TypeScript
 * parser. Linted with the real ESLint class on files on disk.
 */

const sloppy = `var express = require('express');
var mysql = require('mysql2');
var app = express();
var db = mysql.createPool({});
var MODE = 0777;
with (Math) { MODE = max(MODE, 0644); }
app.get('/files', function (req, res) { db.query('SELECT * FROM files WHERE owner = ' + req.query.owner); });
if (!module.parent) return;
module.exports = app;
`;

const typed = `import express, { type Request, type Response } from 'express';
const app = express();
app.post('/orders', (req: Request, res: Response): void => { seen.add(req.ip); res.redirect(req.query.next as string); });
const seen = new Set<string | undefined>();
`;

const component = `import express from 'express';
const app = express();
const Page = () => <main>orders</main>;
app.post('/page', (req, res) => res.send(String(Page)));
`;

const FINDINGS_IN_SLOPPY = [
  '7 api-security/no-unauthenticated-route',
  '7 api-security/no-sql-injection',
];

describe('shipped configs and JavaScript files', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'api-security-configs-'));

  beforeAll(() => {
    writeFileSync(path.join(dir, 'legacy.cjs'), sloppy);
    writeFileSync(path.join(dir, 'legacy.js'), sloppy);
    writeFileSync(path.join(dir, 'orders.ts'), typed);
    writeFileSync(path.join(dir, 'page.jsx'), component);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function lint(files: string[], extra: Linter.Config[] = [], config: keyof typeof plugin.configs = 'recommended'): Promise<Record<string, string[]>> {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs[config] as Linter.Config, ...extra],
    });
    const results = await eslint.lintFiles(files);
    return Object.fromEntries(
      results.map((result) => [
        path.basename(result.filePath),
        result.messages.map((message) => (message.fatal ? `fatal: ${message.message}` : `${message.line} ${message.ruleId ?? ''}`)),
      ]),
    );
  }

  it.each(['recommended', 'strict', 'all'] as const)('%s: a sloppy .cjs file parses as CommonJS and is linted', async (config) => {
    expect(await lint(['legacy.cjs'], [], config)).toEqual({ 'legacy.cjs': FINDINGS_IN_SLOPPY });
  });

  it("honours the user's sourceType: 'commonjs' for .js files", async () => {
    const commonjs: Linter.Config = { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } };
    expect(await lint(['legacy.js'], [commonjs])).toEqual({ 'legacy.js': FINDINGS_IN_SLOPPY });
  });

  it('a .js file is a module by default, as in ESLint without the plugin', async () => {
    expect((await lint(['legacy.js']))['legacy.js']).toEqual([expect.stringMatching(/^fatal: /u)]);
  });

  it('TypeScript and JSX files still parse', async () => {
    expect(await lint(['orders.ts', 'page.jsx'])).toEqual({
      'orders.ts': ['3 api-security/no-unauthenticated-route', '3 api-security/no-open-redirect'],
      'page.jsx': ['4 api-security/no-unauthenticated-route'],
    });
  });
});
