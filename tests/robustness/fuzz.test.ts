import fc from 'fast-check';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { espree } from '../helpers/espree.js';
import { programs, type GeneratedProgram } from './generators.js';
import { allRulesAtDefaults, configWith, lintChecked, type Failure, type RuleOptions } from './harness.js';

/*
 * Property tests over generated programs (see generators.ts): every rule, at its defaults and with
 * other options and settings, lints unusual but valid syntax without throwing, every fix and
 * suggestion it offers still parses, and linting is deterministic. Seeds are fixed, so a run is
 * reproducible; on a failure fast-check shrinks the program and the message shows it.
 */

/** Fixed, so a run is reproducible; each property adds its own offset. */
const SEED = 20_260_601;

/** Non-default options for every rule that takes some, naming calls the generator writes. */
const tunedRules: RuleOptions = {
  'api-security/no-sql-injection': ['error', { sinks: ['runQuery', String.raw`/^db\.raw$/u`] }],
  'api-security/no-nosql-injection': ['error', { sinks: ['docs.lookup'] }],
  'api-security/no-command-injection': ['error', { sinks: ['/^shellOut$/u'] }],
  'api-security/no-ssrf': ['error', { sinks: ['fetchRemote'], reportPathInjection: false }],
  'api-security/no-path-traversal': ['error', { sinks: ['readUpload'] }],
  'api-security/no-open-redirect': ['error', { sinks: ['bounce'] }],
  'api-security/no-code-injection': ['error', { sinks: ['runScript'] }],
  'api-security/no-reflected-xss': ['error', { sinks: ['renderRaw'] }],
  'api-security/no-hardcoded-secrets': [
    'error',
    {
      checks: ['providerKeys', 'sinks', 'names'],
      additionalPatterns: [{ name: 'Fuzz partner token', pattern: 'fz_[A-Za-z0-9]{20}', flags: 'u', env: 'FZ_PARTNER_TOKEN' }],
      allowlist: ['/^Zz/u', 'not-a-secret'],
      minEntropy: 2.5,
      minLength: 12,
      testFiles: ['**/*.spec.*'],
      testFileChecks: ['providerKeys'],
    },
  ],
  'api-security/no-unauthenticated-route': [
    'error',
    { publicRoutes: ['/public/**', '/status'], ignoreDefaultPublicRoutes: true, roleRequiredRoutes: ['/admin/**', '/ops/*'], reportUnresolvedMounts: true },
  ],
  'api-security/no-whole-object-response': ['error', { checkPrincipal: false }],
  'api-security/no-mass-assignment': ['error', { ignoreSinks: ['Audit.create'] }],
};

const tunedSettings = {
  'api-security': {
    authMiddleware: ['gatekeeper', '/^mustBe[A-Z]/u'],
    authGuards: ['TenantGuard'],
    authCalls: ['loadSession'],
    publicDecorators: ['Anonymous'],
    publicRoutes: ['/catalog/**'],
    roleChecks: ['requireScope'],
    mounts: [
      { files: 'src/routes/**', prefix: '/api', middleware: ['gatekeeper'] },
      { files: 'src/plugins/**', authenticated: false },
    ],
    sources: ['getInput', String.raw`/^read[A-Z]\w*Param$/u`],
    sanitizers: ['cleanAll', { name: 'escapeSqlish', kinds: ['sql'] }],
    validators: [{ name: 'isSafeSlug', kinds: ['path', 'shell'] }, 'isAllowed'],
    sinks: [
      { name: 'db.raw', kind: 'sql' },
      { name: 'shellOut', kind: 'shell', argument: 0 },
      { name: 'proxyTo', kind: 'ssrf', argument: 1 },
    ],
    sensitiveFields: ['pinHash'],
    sensitiveModels: ['operator'],
    protectedFields: ['creditLimit'],
  },
};

type Setup = 'defaults' | 'tuned' | 'espree';

const configs: Record<Setup, Record<GeneratedProgram['sourceType'], Linter.Config[]>> = {
  defaults: {
    module: configWith(allRulesAtDefaults),
    script: configWith(allRulesAtDefaults, {}, { sourceType: 'script' }),
  },
  tuned: {
    module: configWith(tunedRules, tunedSettings),
    script: configWith(tunedRules, tunedSettings, { sourceType: 'script' }),
  },
  // ESLint's default parser named outright, without the configs' parser: no parser services at all.
  espree: {
    module: configWith(allRulesAtDefaults, {}, { parser: espree, parserOptions: { ecmaFeatures: { jsx: true } } }),
    script: configWith(allRulesAtDefaults, {}, { parser: espree, parserOptions: { ecmaFeatures: { jsx: true } }, sourceType: 'script' }),
  },
};

const linter = new Linter({ configType: 'flat' });

const numbered = (code: string): string =>
  code
    .split('\n')
    .map((line, index) => `${String(index + 1).padStart(3)} | ${line}`)
    .join('\n');

function report(program: GeneratedProgram, setup: Setup, problem: string): Error {
  return new Error(`${problem}\n--- ${program.filename} (${program.sourceType}, ${setup} options) ---\n${numbered(program.code)}`);
}

const describeFailure = (failure: Failure): string => `${failure.kind} in ${failure.ruleId ?? 'unknown rule'}: ${failure.detail}`;

interface Tally {
  findings: Map<string, number>;
  suggestions: Map<string, number>;
}

const newTally = (): Tally => ({ findings: new Map(), suggestions: new Map() });
const bump = (map: Map<string, number>, key: string, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

/** A generated program that does not parse is a bug of the generator, which must fail the test too. */
function expectParsed(program: GeneratedProgram, setup: Setup, messages: readonly Linter.LintMessage[]): void {
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw report(program, setup, `The generator wrote a program that does not parse (line ${fatal.line}): ${fatal.message}`);
}

/** Lints a program, throws when it does not parse or on any failure, and tallies findings. */
function lintOrThrow(program: GeneratedProgram, setup: Setup, tally: Tally): void {
  const { messages, failures } = lintChecked(linter, program.code, program.filename, configs[setup][program.sourceType]);
  expectParsed(program, setup, messages);
  if (failures.length > 0) throw report(program, setup, failures.map(describeFailure).join('\n'));
  for (const message of messages) {
    const rule = message.ruleId ?? 'none';
    bump(tally.findings, rule);
    bump(tally.suggestions, rule, message.suggestions?.length ?? 0);
  }
}

/** Rules the generated programs must make report, with either setup. */
const REPORTING_RULES = [
  'no-sql-injection',
  'no-nosql-injection',
  'no-command-injection',
  'no-ssrf',
  'no-path-traversal',
  'no-open-redirect',
  'no-code-injection',
  'no-reflected-xss',
  'no-unauthenticated-route',
  'no-hardcoded-secrets',
  'no-whole-object-response',
  'no-mass-assignment',
];

/** Asserts that the generated programs make the rules report and offer suggestions, so the properties test something. */
function expectNotVacuous(tally: Tally): void {
  const silent = REPORTING_RULES.filter((rule) => (tally.findings.get(`api-security/${rule}`) ?? 0) === 0);
  expect(silent, 'rules the generated programs never made report').toEqual([]);
  const suggested = [...tally.suggestions.values()].reduce((sum, count) => sum + count, 0);
  expect(suggested, 'suggestions checked').toBeGreaterThan(20);
  expect([...tally.suggestions].filter(([, count]) => count > 0).length, 'rules whose suggestions were checked').toBeGreaterThanOrEqual(5);
}

describe('generated programs with unusual syntax', () => {
  it('every rule at its defaults lints them without crashing, and its fixes and suggestions parse', () => {
    const tally = newTally();
    fc.assert(
      fc.property(programs, (program) => {
        lintOrThrow(program, 'defaults', tally);
      }),
      { seed: SEED, numRuns: 200 },
    );
    expectNotVacuous(tally);
  });

  it('every rule with non-default options and settings lints them without crashing, and its fixes and suggestions parse', () => {
    const tally = newTally();
    fc.assert(
      fc.property(programs, (program) => {
        lintOrThrow(program, 'tuned', tally);
      }),
      { seed: SEED + 1, numRuns: 120 },
    );
    expectNotVacuous(tally);
  });

  it('every rule lints the JavaScript programs under espree, ESLint\'s default parser, and the taint rules still report', () => {
    const tally = newTally();
    const javascript = programs.filter((program) => program.dialect !== 'ts' && program.dialect !== 'tsx');
    fc.assert(
      fc.property(javascript, (program) => {
        lintOrThrow(program, 'espree', tally);
      }),
      { seed: SEED + 3, numRuns: 150 },
    );
    // Type information refines, never gates: every taint rule must report without it.
    const taintRules = REPORTING_RULES.filter((rule) => rule.includes('injection') || ['no-ssrf', 'no-path-traversal', 'no-open-redirect', 'no-reflected-xss'].includes(rule));
    expect(taintRules).toHaveLength(8);
    const silent = taintRules.filter((rule) => (tally.findings.get(`api-security/${rule}`) ?? 0) === 0);
    expect(silent, 'taint rules the JavaScript programs never made report under espree').toEqual([]);
  });

  it('linting the same program twice gives the same messages, also after linting it with other options', () => {
    const lint = (program: GeneratedProgram, setup: Setup): Linter.LintMessage[] => {
      const messages = linter.verify(program.code, configs[setup][program.sourceType], program.filename);
      expectParsed(program, setup, messages);
      return messages;
    };
    fc.assert(
      fc.property(programs, (program) => {
        const first = lint(program, 'defaults');
        lint(program, 'tuned');
        const second = lint(program, 'defaults');
        if (JSON.stringify(second) !== JSON.stringify(first)) {
          throw report(program, 'defaults', `Different messages on the second run:\n${JSON.stringify(first, null, 1)}\n${JSON.stringify(second, null, 1)}`);
        }
      }),
      { seed: SEED + 2, numRuns: 50 },
    );
  });
});
