import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Installs the packed tarball into a fresh project, as a user would, and lints one file per
 * extension with the shipped `recommended` config. This catches what the unit tests cannot: the
 * `files` list, the `exports` map, the declaration files and undeclared runtime dependencies.
 * Dependencies come from the npm cache that `npm ci` filled (`--prefer-offline`), so it is quick.
 */

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const versionOf = (name: string): string =>
  (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

const EXTENSIONS = ['js', 'mjs', 'cjs', 'ts', 'tsx'] as const;
const RULE = 'api-security/no-unauthenticated-route';

const esmRoute = `import express from 'express';
const app = express();
app.post('/orders', (req, res) => { placeOrder(req.body); res.json([]); });
`;
const cjsRoute = `const express = require('express');
const app = express();
app.post('/orders', (req, res) => { placeOrder(req.body); res.json([]); });
`;
const typedRoute = `import express, { type Request, type Response } from 'express';
const app = express();
app.post('/orders', (req: Request, res: Response) => { placeOrder(req.body); res.json([]); });
`;
const tsxRoute = `import express from 'express';
const app = express();
const Page = () => <main>orders</main>;
app.post('/orders', (req, res) => { placeOrder(req.body); res.send(String(Page)); });
`;
const sources: Record<(typeof EXTENSIONS)[number], string> = {
  js: esmRoute,
  mjs: esmRoute,
  cjs: cjsRoute,
  ts: typedRoute,
  tsx: tsxRoute,
};

interface PackResult {
  filename: string;
  files: { path: string }[];
}

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; line?: number; fatal?: boolean; message: string }[];
}

describe('packed package in a fresh project', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-pack-'));
  const project = path.join(temp, 'consumer');
  let packed: PackResult;
  let results: LintResult[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/index.js'))) {
      throw new Error('dist/index.js is missing: run `npm run build` before the end-to-end tests (`npm test` does it).');
    }
    const { stdout: packOutput } = await run('npm', ['pack', '--json', '--pack-destination', temp], { cwd: root });
    packed = (JSON.parse(packOutput) as PackResult[])[0]!;

    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
    await run(
      'npm',
      [
        'install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error',
        path.join(temp, packed.filename), `eslint@${versionOf('eslint')}`, `typescript@${versionOf('typescript')}`,
      ],
      { cwd: project },
    );

    writeFileSync(
      path.join(project, 'eslint.config.js'),
      "import apiSecurity from 'eslint-plugin-api-security';\nexport default [apiSecurity.configs.recommended];\n",
    );
    for (const extension of EXTENSIONS) writeFileSync(path.join(project, `route.${extension}`), sources[extension]);
    writeFileSync(
      path.join(project, 'types.ts'),
      `import apiSecurity from 'eslint-plugin-api-security';
const name: string = apiSecurity.meta.name;
const config = apiSecurity.configs.recommended;
export const summary = [name, config.name, Object.keys(apiSecurity.rules).length];
`,
    );

    const files = EXTENSIONS.map((extension) => `route.${extension}`);
    const lint = await run(process.execPath, ['node_modules/eslint/bin/eslint.js', '--format', 'json', ...files], {
      cwd: project,
    }).catch((error: unknown) => {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (failed.code === 1 && failed.stdout) return { stdout: failed.stdout };
      throw new Error(`eslint crashed in the consumer project (exit ${String(failed.code)}):\n${failed.stderr ?? String(error)}`);
    });
    results = JSON.parse(lint.stdout) as LintResult[];
  }, 240_000);

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('ships the build output with its declarations', () => {
    const files = packed.files.map((file) => file.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('package.json');
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('tests/'))).toEqual([]);
  });

  it.each(EXTENSIONS)('reports the unauthenticated route in a .%s file', (extension) => {
    const result = results.find((candidate) => path.basename(candidate.filePath) === `route.${extension}`);
    const messages = result?.messages.map(
      (message) => `${String(message.line ?? '-')} ${message.ruleId ?? 'no rule'}: ${message.message}`,
    );
    const hint = extension.startsWith('ts')
      ? 'TypeScript files get no config when the installed plugin cannot load @typescript-eslint/parser: it must be a dependency, not a devDependency'
      : 'the shipped recommended config did not report the route';
    const line = sources[extension].split('\n').findIndex((text) => text.startsWith("app.post('/orders'")) + 1;
    expect(messages ?? ['not linted'], hint).toEqual([expect.stringMatching(new RegExp(`^${line} ${RULE}: POST /orders`, 'u'))]);
  });

  it('type-checks a consumer of the package entry', async () => {
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['types.ts'],
      }),
    );
    const check = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: project }).then(
      () => '',
      (error: unknown) => (error as { stdout?: string }).stdout ?? String(error),
    );
    expect(check).toBe('');
  });
});
