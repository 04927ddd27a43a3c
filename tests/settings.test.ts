import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { matchesPathPattern } from '../src/analysis/routes/paths.js';
import {
  authCallNames, authGuardNames, authMiddlewareNames, publicDecoratorNames, rejectingAuthCallNames, roleCheckNames, signatureVerificationNames,
} from '../src/models/auth.js';
import { MAX_PATTERN_INPUT } from '../src/utils/patterns.js';
import { namePatternProblem, nameMatcher } from '../src/utils/settings.js';

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
        roleRequiredRoutes: ['**/admin/**', '/internal/**'],
        mounts: [{ files: 'src/routes/**', prefix: '/api', middleware: ['requireAuth'], authenticated: true }],
      }),
    ).not.toThrow();
  });

  it.each([
    [{ authMidleware: ['x'] }, /unknown key settings\['api-security'\]\.authMidleware\. Known keys: authMiddleware/u],
    [{ authMiddleware: 'requireAuth' }, /settings\['api-security'\]\.authMiddleware must be an array of non-empty strings/u],
    [{ publicRoutes: ['/ok', ''] }, /publicRoutes must be an array of non-empty strings/u],
    [{ roleRequiredRoutes: '/admin/**' }, /roleRequiredRoutes must be an array of non-empty strings/u],
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

describe('patterns written by users', () => {
  it.each([
    ['/(a+)+$/', /authMiddleware contains "\/\(a\+\)\+\$\/", which repeats a group that contains a quantifier/u],
    ['/^(?:\\w+\\s?)*$/u', /which repeats a group that contains a quantifier/u],
    ['/^(a|ab)*c/', /which repeats alternatives that can match the same text/u],
    ['/(\\w|_)+!/', /which repeats alternatives that can match the same text/u],
    ['/^(a*)b\\1$/', /which has a backreference/u],
    ['/^(?<x>a)\\k<x>/', /which has a backreference/u],
  ])('rejects the super-linear name pattern %s', (pattern, message) => {
    expect(() => run({ authMiddleware: [pattern] })).toThrow(message);
  });

  it('accepts linear patterns, including repeated groups of literal alternatives', () => {
    expect(() => run({ authMiddleware: ['/^require[A-Z]\\w*$/u', '/(?:get|set)Session/', '/^(?:ab|cd)+$/', '/^a{2,5}b?$/'] })).not.toThrow();
  });

  it.each([
    ['/^auth/g', /authMiddleware contains "\/\^auth\/g", which has the `g` flag: it makes a pattern keep its position/u],
    ['/^auth/y', /which has the `y` flag/u],
    ['/^auth/gy', /which has the `g` and `y` flag/u],
  ])('rejects the stateful flag in %s', (pattern, message) => {
    expect(() => run({ authMiddleware: [pattern] })).toThrow(message);
  });

  it('rejects bad patterns in the taint keys too', () => {
    expect(() => run({ sources: ['/^get(a+)+$/'] })).toThrow(/sources\[0\] is "\/\^get\(a\+\)\+\$\/", which repeats a group/u);
    expect(() => run({ validators: [{ name: '/^is/g' }] })).toThrow(/validators\[0\]\.name is "\/\^is\/g", which has the `g` flag/u);
    expect(() => run({ sinks: [{ name: '/[/', kind: 'sql' }] })).toThrow(/sinks\[0\]\.name is "\/\[\/", which is not a valid regular expression/u);
  });

  it('a pattern without the g flag matches every name it should, not every other one', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = `
import express from 'express';
const app = express();
app.get('/a', gateA, (req, res) => res.end());
app.get('/b', gateB, (req, res) => res.end());
app.get('/c', gateC, (req, res) => res.end());
app.get('/d', gateD, (req, res) => res.end());
`;
    const messages = linter.verify(
      code,
      [{ ...plugin.configs.recommended, languageOptions: { parser: tsParser as never }, settings: { 'api-security': { authMiddleware: ['/^gate/u'] } } } as Linter.Config],
      'app.ts',
    );
    expect(messages.filter((message) => message.ruleId === 'api-security/no-unauthenticated-route')).toEqual([]);
  });

  it('names longer than the bound are not handed to a pattern', () => {
    const matches = nameMatcher(['/^a+$/u']);
    expect(matches('a'.repeat(MAX_PATTERN_INPUT))).toBe(true);
    expect(matches('a'.repeat(MAX_PATTERN_INPUT + 1))).toBe(false);
    // A plain name is compared whatever its length.
    expect(nameMatcher(['b'.repeat(400)])('b'.repeat(400))).toBe(true);
  });

  it('every built-in name pattern passes the same check', () => {
    const builtins = [...authMiddlewareNames, ...authGuardNames, ...publicDecoratorNames, ...authCallNames, ...rejectingAuthCallNames, ...roleCheckNames, ...signatureVerificationNames];
    expect(builtins.filter((name) => namePatternProblem(name) !== null)).toEqual([]);
  });
});

describe('the patterns of no-hardcoded-secrets', () => {
  const lintWith = (options: Record<string, unknown>): Linter.LintMessage[] =>
    new Linter({ configType: 'flat' }).verify(
      `export const apiKey = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!';`,
      [{ ...plugin.configs.recommended, languageOptions: { parser: tsParser as never }, rules: { 'api-security/no-hardcoded-secrets': ['error', options] } } as Linter.Config],
      'app.ts',
    );

  it('refuses super-linear allowlist and additional patterns', () => {
    expect(() => lintWith({ allowlist: ['/^(a+)+$/'] })).toThrow(/allowlist\[0\] is "\/\^\(a\+\)\+\$\/", which repeats a group that contains a quantifier/u);
    expect(() => lintWith({ additionalPatterns: [{ name: 'Acme', pattern: '(\\w|_)+!' }] })).toThrow(
      /additionalPatterns\[0\] \(Acme\) "\(\\\\w\|_\)\+!" repeats alternatives that can match the same text/u,
    );
  });

  it('accepts the documented examples', () => {
    expect(() =>
      lintWith({
        additionalPatterns: [{ name: 'Acme live key', pattern: '\\bacme_live_[A-Za-z0-9]{12}\\b', flags: 'u', env: 'ACME_KEY' }],
        allowlist: ['not-a-secret-placeholder', '/^sample_/u'],
      }),
    ).not.toThrow();
  });
});

describe('the sinks option of the taint rules', () => {
  const taintRules = [
    'no-code-injection', 'no-command-injection', 'no-nosql-injection', 'no-open-redirect',
    'no-path-traversal', 'no-reflected-xss', 'no-sql-injection', 'no-ssrf',
  ];
  const lintWith = (rule: string, sinks: string[]): Linter.LintMessage[] =>
    new Linter({ configType: 'flat' }).verify(
      `import express from 'express'; const app = express(); app.get('/x', (req, res) => res.end());`,
      [{ ...plugin.configs.recommended, languageOptions: { parser: tsParser as never }, rules: { [`api-security/${rule}`]: ['error', { sinks }] } } as Linter.Config],
      'app.ts',
    );

  it.each(taintRules)('%s refuses an invalid regular expression, naming the option and the value', (rule) => {
    expect(() => lintWith(rule, ['runQuery', '/[/'])).toThrow(
      new RegExp(`invalid option of api-security/${rule}: sinks\\[1\\] is "/\\[/", which is not a valid regular expression`, 'u'),
    );
  });

  it.each(taintRules)('%s refuses an invalid flag and a stateful one', (rule) => {
    expect(() => lintWith(rule, ['/^run/q'])).toThrow(/sinks\[0\] is "\/\^run\/q", which is not a valid regular expression/u);
    expect(() => lintWith(rule, ['/^run/g'])).toThrow(/sinks\[0\] is "\/\^run\/g", which has the `g` flag/u);
  });

  it('keeps reporting built-in sinks next to a valid pattern', () => {
    const messages = new Linter({ configType: 'flat' }).verify(
      `import express from 'express'; import { exec } from 'node:child_process';
const app = express();
app.get('/x', requireAuth, (req, res) => { exec('ls ' + req.query.dir); runTool(req.query.cmd); res.end(); });`,
      [{ ...plugin.configs.recommended, languageOptions: { parser: tsParser as never }, rules: { 'api-security/no-command-injection': ['error', { sinks: ['/^runTool$/'] }] } } as Linter.Config],
      'app.ts',
    );
    expect(messages.filter((message) => message.ruleId === 'api-security/no-command-injection').map((message) => message.column)).toEqual([57, 81]);
  });
});

describe('settings keys named after Object.prototype members', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('rejects %s as an unknown key', (key) => {
    expect(() => run({ [key]: ['x'] })).toThrow(new RegExp(`unknown key settings\\['api-security'\\]\\.${key}\\. Known keys`, 'u'));
    expect(() => run({ mounts: [{ files: 'a/**', [key]: true }] })).toThrow(new RegExp(`unknown key settings\\['api-security'\\]\\.mounts\\[0\\]\\.${key}`, 'u'));
  });

  it('rejects a __proto__ key read from a JSON settings file', () => {
    // JSON.parse makes `__proto__` an own key, as a settings file loaded from JSON would have it.
    const settings: unknown = JSON.parse('{ "__proto__": { "authMiddleware": ["x"] }, "authCalls": ["loadSession"] }');
    expect(() => run(settings)).toThrow(/unknown key settings\['api-security'\]\.__proto__\. Known keys/u);
    const mount: unknown = JSON.parse('{ "mounts": [{ "files": "a/**", "__proto__": { "authenticated": true } }] }');
    expect(() => run(mount)).toThrow(/unknown key settings\['api-security'\]\.mounts\[0\]\.__proto__/u);
  });
});

describe('public-route patterns', () => {
  /** What the patterns meant when they were compiled to regular expressions, on short paths. */
  const reference = (pattern: string, path: string): boolean => {
    const escape = (text: string): string => text.replace(/[$()*+.?[\\\]^{|}]/gu, '\\$&');
    const source = pattern
      .split('/')
      .map((segment, index) => {
        if (segment === '**') return index === 0 ? '(?:.*)' : '(?:/.*)?';
        return (index === 0 ? '' : '/') + segment.split('*').map(escape).join('[^/]*');
      })
      .join('');
    return new RegExp(`^${source}/?$`, 'u').test(path);
  };
  const patterns = ['/health', '/api/*', '/api/**', '/**/public', '**', '**/status', '/v*/users/*', '/a/**/b/**/c', '/a*b*c', '/files/*.json', '/x/', '*'];
  const paths = ['/', '', '/health', '/health/', '/api', '/api/', '/api/x', '/api/x/y', '/a/public', '/public', 'public', '/x/y/public',
    '/status', 'status', '/v1/users/7', '/v/users/', '/v1/users', '/a/b/c', '/a/x/b/y/c', '/a/b/b/c/c', '/a/c', '/abc', '/aXbYc', '/ab',
    '/files/a.json', '/files/ajson', '/x', '/x/', '/x//', 'x'];

  it.each(patterns)('%s matches the paths its former regular expression matched', (pattern) => {
    for (const path of paths) expect([path, matchesPathPattern(pattern, path)]).toEqual([path, reference(pattern, path)]);
  });

  it('matches a 50-segment path against several globstars without backtracking', () => {
    const path = `/${Array.from({ length: 50 }, (_, index) => `s${index}`).join('/')}`;
    expect(matchesPathPattern('/**/**/**/**/**/**/nomatch', path)).toBe(false);
    expect(matchesPathPattern('/**/s10/**/s20/**/s49', path)).toBe(true);
    expect(matchesPathPattern(`/${'*a'.repeat(20)}`, `/${'a'.repeat(60)}b`)).toBe(false);
  });
});
