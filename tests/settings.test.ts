import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

function run(settings: unknown): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    `import express from 'express'; const app = express(); app.get('/x', (req, res) => res.end());`,
    [{ ...plugin.configs.recommended, languageOptions: { parser: tsParser as never }, settings: { 'api-security': settings } } as Linter.Config],
    'app.ts',
  );
}

describe("settings['api-security']", () => {
  it('accepts every documented key', () => {
    expect(() =>
      run({
        authMiddleware: ['requireMember', '/^gate/u'],
        authGuards: ['TenantGuard'],
        authCalls: ['loadSession'],
        publicDecorators: ['Anonymous'],
        publicRoutes: ['/catalog/**'],
        roleChecks: ['requireScope'],
        mounts: [{ files: 'src/routes/**', prefix: '/api', middleware: ['requireAuth'], authenticated: true }],
      }),
    ).not.toThrow();
  });

  it.each([
    [{ authMidleware: ['x'] }, /unknown key settings\['api-security'\]\.authMidleware\. Known keys: authMiddleware/u],
    [{ authMiddleware: 'requireAuth' }, /settings\['api-security'\]\.authMiddleware must be an array of non-empty strings/u],
    [{ publicRoutes: ['/ok', ''] }, /publicRoutes must be an array of non-empty strings/u],
    [{ authGuards: ['/(unclosed/'] }, /authGuards contains "\/\(unclosed\/", which is not a valid regular expression/u],
    [{ mounts: [{ prefix: '/x' }] }, /mounts\[0\]\.files is required/u],
    [{ mounts: [{ files: 'a/**', prefix: 'x' }] }, /mounts\[0\]\.prefix must be a path starting with '\/'/u],
    [{ mounts: [{ files: 'a/**', auth: true }] }, /unknown key settings\['api-security'\]\.mounts\[0\]\.auth/u],
    ['requireAuth', /settings\['api-security'\]: it must be an object/u],
  ])('rejects %j with a message naming the problem', (settings, message) => {
    expect(() => run(settings)).toThrow(message);
  });
});

describe('settings read by the analyses', () => {
  const lint = (code: string, settings: Record<string, unknown>): string[] => {
    const linter = new Linter({ configType: 'flat' });
    return linter
      .verify(code, [{ ...plugin.configs.all, settings: { 'api-security': settings } } as unknown as Linter.Config], 'app.ts')
      .map((message) => `${message.line} ${message.ruleId ?? 'fatal'}`);
  };

  it('sensitiveModels and sensitiveFields extend what no-whole-object-response reports', () => {
    const code = `
import express from 'express';
const app = express();
app.get('/ops/:id', requireAuth, async (req, res) => {
  const operator = await Operator.findById(req.params.id);
  res.json(operator);
});
`;
    expect(lint(code, {})).toEqual([]);
    expect(lint(code, { sensitiveModels: ['operator'] })).toEqual(['6 api-security/no-whole-object-response']);
  });

  it('sources and sanitizers extend the taint engine', () => {
    const code = `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/x', requireAuth, async (req, res) => {
  const a = readTenantParam(req, 'slug');
  await pool.query('SELECT 1 FROM t WHERE slug = ' + a);
  await pool.query('SELECT 1 FROM t WHERE slug = ' + quoteSlug(a));
  res.end();
});
`;
    expect(lint(code, {})).toEqual([]);
    expect(lint(code, { sources: ['readTenantParam'], sanitizers: [{ name: 'quoteSlug', kinds: ['sql'] }] })).toEqual([
      '8 api-security/no-sql-injection',
    ]);
  });

  it('rejects a wrong value of an analysis key with a message naming it', () => {
    expect(() => lint('const x = 1;', { sensitiveFields: 'pinHash' })).toThrow(/sensitiveFields must be an array of non-empty strings/u);
    expect(() => lint('const x = 1;', { sinks: [{ name: 'x', kind: 'xml' }] })).toThrow(/sinks\[0\]\.kind/u);
  });
});
