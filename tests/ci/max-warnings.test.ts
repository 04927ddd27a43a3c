import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distEntry, parseJson, requireBuild, runEslint } from './eslint-cli.js';

/*
 * README "Fail the build": `eslint --max-warnings 0` turns any finding into exit code 1, and a clean
 * project into exit code 0. Temporary projects live outside the repository and load the built
 * plugin by file URL, like an installed package.
 */

const authenticatedApp = `import express from 'express';
import { requireAuth } from './auth.js';

const app = express();
app.use(express.json());

app.get('/orders', requireAuth, (req, res) => {
  res.json({ owner: req.user.id, orders: [] });
});

export default app;
`;

const vulnerableApp = `import express from 'express';

const app = express();

const visits = [];

app.post('/orders', (req, res) => {
  visits.push(req.ip);
  res.redirect(String(req.query.next));
});

export default app;
`;

/** A flat config that enables the recommended rules, optionally downgraded to `warn`. */
const configFile = (severity: 'recommended' | 'warn'): string => `import apiSecurity from ${JSON.stringify(pathToFileURL(distEntry).href)};

export default [
  apiSecurity.configs.recommended,
${
  severity === 'warn'
    ? `  {
    rules: Object.fromEntries(Object.keys(apiSecurity.rules).map((name) => [\`api-security/\${name}\`, 'warn'])),
  },
`
    : ''
}];
`;

function project(dir: string, config: string, app: string): string {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'eslint.config.js'), config);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(path.join(dir, 'src/app.js'), app);
  return dir;
}

describe('eslint --max-warnings 0', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-ci-'));

  beforeAll(() => {
    requireBuild();
  });

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('fails the build on the vulnerable example app', async () => {
    const run = await runEslint([
      '--config', 'examples/eslint.config.js', '--max-warnings', '0', '--format', 'json', 'examples/express-app',
    ]);
    const results = parseJson(run);
    const reported = results.flatMap((result) => result.messages);

    expect(run.code, run.stderr).toBe(1);
    expect(reported.filter((message) => message.fatal)).toEqual([]);
    expect(results.reduce((sum, result) => sum + result.errorCount, 0)).toBeGreaterThan(0);
    expect(reported.every((message) => message.ruleId?.startsWith('api-security/'))).toBe(true);
  });

  it('passes a project whose routes are authenticated', async () => {
    const dir = project(path.join(temp, 'clean'), configFile('recommended'), authenticatedApp);
    const run = await runEslint(['--max-warnings', '0', '--format', 'json', '.'], dir);
    const results = parseJson(run);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(results.map((result) => path.relative(dir, result.filePath))).toContain(path.join('src', 'app.js'));
    expect(results.flatMap((result) => result.messages)).toEqual([]);
  });

  it('fails on warnings alone, and only because of the flag', async () => {
    const dir = project(path.join(temp, 'warn'), configFile('warn'), vulnerableApp);
    const strict = await runEslint(['--max-warnings', '0', '.'], dir);
    const lenient = await runEslint(['--format', 'json', '.'], dir);
    const results = parseJson(lenient);

    expect(results.flatMap((result) => result.messages.map((message) => [message.ruleId, message.severity]))).toEqual([
      ['api-security/no-unauthenticated-route', 1],
      ['api-security/no-open-redirect', 1],
    ]);
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stdout).toContain('0 errors, 2 warnings');
    expect(strict.stdout + strict.stderr).toContain('ESLint found too many warnings (maximum: 0)');
  });
});
