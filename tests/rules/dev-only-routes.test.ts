import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';
import rule from '../../src/rules/no-path-traversal.js';

const ruleTester = new RuleTester();

const HEAD = `import express from 'express';
import fs from 'node:fs';
import config from './config';
const app = express();
app.use(express.json());`;

const message = (source: string, sourceLine: number, sink: string, sinkLine: number) => ({ source, sourceLine, sink, sinkLine, via: '' });

ruleTester.run('no-path-traversal: routes registered only under a development or test switch', rule, {
  valid: [
    { name: 'a fixture route inside `if (config.dev)`', code: `${HEAD}
if (config.dev) {
  app.post('/testing/fixture', (req, res) => { fs.writeFileSync(req.body.target, 'sample'); res.json({}); });
}` },
    { name: 'an `&&` with NODE_ENV equal to test, and a ternary on app.get(\'env\')', code: `${HEAD}
process.env.NODE_ENV === 'test' && app.delete('/testing/file', (req, res) => { fs.unlinkSync(req.query.target); res.end(); });
app.get('env') === 'development' ? app.get('/dev/read', (req, res) => res.send(fs.readFileSync(req.query.target))) : null;` },
    { name: 'routes after an early return unless a test switch is on', code: `${HEAD}
export function mountFixtures(router, options) {
  if (!options.isTestMode) return;
  router.put('/fixtures', (req, res) => { fs.writeFileSync(req.body.where, req.body.what); res.end(); });
}` },
    { name: 'a named handler registered under a switch, and a switch in an `&&` with another condition', code: `${HEAD}
function seed(req, res) { fs.writeFileSync(req.body.where, 'seed'); res.end(); }
if (config.ENABLE_TEST_ROUTES === true) app.post('/seed', seed);
if (config.storage && config.devMode) app.post('/seed2', (req, res) => res.send(fs.readFileSync(req.body.where)));` },
    { name: 'a constant holding an equality with a test environment', code: `${HEAD}
const underTest = process.env.NODE_ENV === 'test';
if (underTest) app.post('/testing/reset', (req, res) => { fs.rmSync(req.body.dir, { recursive: true }); res.end(); });` },
  ],
  invalid: [
    {
      name: 'the dev route, reported with its own message when asked (strict)',
      options: [{ devRoutes: 'report' }],
      code: `${HEAD}
if (config.dev) {
  app.post('/testing/fixture', (req, res) => { fs.writeFileSync(req.body.target, 'sample'); res.json({}); });
}`,
      errors: [{ messageId: 'devRoute', line: 7, data: { ...message('`req.body.target`', 7, 'fs.writeFileSync', 7), devSwitch: '`config.dev`', devSwitchLine: 6 } }],
    },
    {
      name: 'stay reported: an inverted switch, NODE_ENV not production (also when unset), a production switch, a debug flag',
      code: `${HEAD}
if (!config.dev) app.post('/a', (req, res) => res.send(fs.readFileSync(req.body.a)));
if (process.env.NODE_ENV !== 'production') app.post('/b', (req, res) => res.send(fs.readFileSync(req.body.b)));
if (config.production) app.post('/c', (req, res) => res.send(fs.readFileSync(req.body.c)));
if (config.debug) app.post('/d', (req, res) => res.send(fs.readFileSync(req.body.d)));`,
      errors: [
        { messageId: 'pathTraversal', line: 6, data: message('`req.body.a`', 6, 'fs.readFileSync', 6) },
        { messageId: 'pathTraversal', line: 7, data: message('`req.body.b`', 7, 'fs.readFileSync', 7) },
        { messageId: 'pathTraversal', line: 8, data: message('`req.body.c`', 8, 'fs.readFileSync', 8) },
        { messageId: 'pathTraversal', line: 9, data: message('`req.body.d`', 9, 'fs.readFileSync', 9) },
      ],
    },
    {
      name: 'stay reported: the else of a production test, a dev switch or another flag, an early return when dev is on',
      code: `${HEAD}
if (process.env.NODE_ENV === 'production') { app.use(express.static('dist')); } else { app.post('/e', (req, res) => res.send(fs.readFileSync(req.body.e))); }
if (config.dev || config.fileApi) app.post('/f', (req, res) => res.send(fs.readFileSync(req.body.f)));
export function mount(router, options) {
  if (options.isDev) return;
  router.post('/g', (req, res) => res.send(fs.readFileSync(req.body.g)));
}`,
      errors: [
        { messageId: 'pathTraversal', line: 6, data: message('`req.body.e`', 6, 'fs.readFileSync', 6) },
        { messageId: 'pathTraversal', line: 7, data: message('`req.body.f`', 7, 'fs.readFileSync', 7) },
        { messageId: 'pathTraversal', line: 10, data: message('`req.body.g`', 10, 'fs.readFileSync', 10) },
      ],
    },
    {
      name: 'stay reported: a flag named for development that holds whenever NODE_ENV is not production',
      code: `${HEAD}
const isDev = process.env.NODE_ENV !== 'production';
if (isDev) app.post('/testing/reset', (req, res) => { fs.rmSync(req.body.dir, { recursive: true }); res.end(); });`,
      errors: [{ messageId: 'pathTraversal', line: 7, data: message('`req.body.dir`', 7, 'fs.rmSync', 7) }],
    },
    {
      name: 'stay reported: a registration in a helper that is called under a switch (call sites are not read), and a mode compared with production',
      code: `${HEAD}
function testRoutes(router) { router.post('/h', (req, res) => res.send(fs.readFileSync(req.body.h))); }
if (config.dev) testRoutes(app);
if (config.mode !== 'production') app.post('/i', (req, res) => res.send(fs.readFileSync(req.body.i)));`,
      errors: [
        { messageId: 'pathTraversal', line: 6, data: message('`req.body.h`', 6, 'fs.readFileSync', 6) },
        { messageId: 'pathTraversal', line: 8, data: message('`req.body.i`', 8, 'fs.readFileSync', 8) },
      ],
    },
  ],
});

describe('a development route whose input reaches a sink in another file', () => {
  const files = {
    'src/fixtures.ts': `import fs from 'node:fs';
export function writeFixture(target: string, text: string) {
  fs.writeFileSync(target, text);
}
`,
    'src/app.ts': `import express from 'express';
import { writeFixture } from './fixtures';
const app = express();
app.use(express.json());
if (process.env.NODE_ENV === 'test') {
  app.post('/testing/fixture', (req, res) => { writeFixture(req.body.target, 'sample'); res.end(); });
}
app.post('/notes', (req, res) => { writeFixture(req.body.note, 'note'); res.end(); });
`,
  };

  const rules = (devRoutes: 'report' | 'ignore'): Linter.RulesRecord => ({ 'api-security/no-path-traversal': ['error', { devRoutes }] });
  const described = (found: { line: number; messageId?: string | undefined; message: string }) => `${String(found.line)} ${found.messageId ?? ''} ${found.message.split(' reaches')[0] ?? ''}`;

  it('is left to strict, which names the switch in the route file', async () => {
    const dir = writeProject({ 'src/fixtures.ts': files['src/fixtures.ts'], 'src/app.ts': files['src/app.ts'].replace(/^app\.post\('\/notes'.*$/mu, '') });
    expect(await lintProjectFile(dir, 'src/fixtures.ts', rules('ignore'))).toEqual([]);
    const strict = await lintProjectFile(dir, 'src/fixtures.ts', rules('report'));
    expect(strict.map(described)).toEqual(['3 devRoute `req.body.target` in src/app.ts (line 6)']);
    expect(strict[0]?.message).toContain("in a route registered only when `process.env.NODE_ENV === 'test'` in src/app.ts (line 5) holds");
  });

  it('gives way at the sink to a production route that passes its input to the same helper', async () => {
    const dir = writeProject(files);
    for (const option of ['ignore', 'report'] as const) {
      const found = await lintProjectFile(dir, 'src/fixtures.ts', rules(option));
      expect(found.map(described)).toEqual(['3 pathTraversal `req.body.note` in src/app.ts (line 8)']);
    }
  });

  it('gives way in one file too', async () => {
    const dir = writeProject({ 'src/app.ts': `${files['src/fixtures.ts']}${files['src/app.ts'].replace("import { writeFixture } from './fixtures';\n", '').replace("import express from 'express';\n", '')}`.replace("import fs from 'node:fs';", "import fs from 'node:fs';\nimport express from 'express';") });
    const found = await lintProjectFile(dir, 'src/app.ts', rules('ignore'));
    expect(found.map(described)).toEqual(['4 pathTraversal `req.body.note` (line 11)']);
  });
});
