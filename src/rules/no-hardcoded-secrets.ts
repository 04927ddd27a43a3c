import type { TSESLint } from '@typescript-eslint/utils';
import {
  ALL_CHECKS,
  createSecretScanner,
  type FindingKind,
  type SecretFinding,
  type SecretScanOptions,
} from '../analysis/secrets/scanner.js';
import { createRule } from '../utils/create-rule.js';
import { isLintedTestFile } from './shared/include-tests.js';

export type Options = [SecretScanOptions];
export type MessageIds = 'providerKey' | 'testModeKey' | 'secretSink' | 'sinkFallback' | 'namedSecret' | 'envFallback' | 'useEnv' | 'useEnvs';

const MESSAGE_IDS: Record<FindingKind, Exclude<MessageIds, 'useEnv' | 'useEnvs'>> = {
  provider: 'providerKey',
  testModeKey: 'testModeKey',
  sink: 'secretSink',
  sinkFallback: 'sinkFallback',
  name: 'namedSecret',
  envFallback: 'envFallback',
};

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-secrets',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow API keys, tokens and credentials written into source code',
      recommended: 'recommended',
      cwe: ['CWE-798'],
      owaspApi: 'API2:2023 Broken Authentication',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checks: {
            type: 'array',
            items: { type: 'string', enum: [...ALL_CHECKS] },
            uniqueItems: true,
            description:
              'Checks to run: `providerKeys` (known credential formats), `testModeKeys` (test-mode keys such as `sk_test_`), `sinks` (strings passed where a library takes a secret, and credential headers of requests), `names` (strings assigned to secret-ish names).',
          },
          additionalPatterns: {
            type: 'array',
            description: 'Extra credential formats, reported like the built-in provider formats.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'pattern'],
              properties: {
                name: { type: 'string', minLength: 1, description: 'What the message calls the credential.' },
                pattern: { type: 'string', minLength: 1, description: 'Regular expression source; keep it linear-time.' },
                flags: { type: 'string', pattern: '^[imsu]*$', description: 'Regular expression flags (`i`, `m`, `s`, `u`).' },
                env: {
                  type: 'string',
                  pattern: '^[A-Z_][A-Z0-9_]*$',
                  description: 'Environment variable the suggestion proposes.',
                },
              },
            },
          },
          allowlist: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Values never reported: exact strings, or `/regex/flags` tested against the string and the detected credential.',
          },
          minEntropy: {
            type: 'number',
            minimum: 0,
            description: 'Minimum Shannon entropy (bits per character) of a value under a secret-ish name.',
          },
          minLength: {
            type: 'integer',
            minimum: 1,
            description: 'Minimum length of a value under a secret-ish name.',
          },
          testFiles: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Globs (`*`, `**`, `?`) of test files, matched against the path relative to the working directory; a glob without `/` matches the file name. Unset, test files are recognised as by the other rules (`*.test.*`, `*.spec.*`, `__tests__/`, `test/`, `tests/`, `__mocks__/`, `fixtures/`, …).',
          },
          testFileChecks: {
            type: 'array',
            items: { type: 'string', enum: [...ALL_CHECKS] },
            uniqueItems: true,
            description: 'Checks that still run in test files (only those also listed in `checks`).',
          },
        },
      },
    ],
    defaultOptions: [
      {
        checks: [...ALL_CHECKS],
        additionalPatterns: [],
        allowlist: [],
        minEntropy: 3,
        minLength: 8,
        testFileChecks: ['providerKeys'],
      },
    ],
    messages: {
      providerKey:
        'Hardcoded {{kind}} (`{{preview}}`). Load it from the environment or a secret manager, and revoke this one: it stays in the history.',
      testModeKey:
        'Hardcoded {{kind}} (`{{preview}}`). A test-mode key reaches less, but load it from the environment as well.',
      secretSink: 'Hardcoded secret (`{{preview}}`) used as {{sink}}. Load it from the environment or a secret manager.',
      sinkFallback:
        '`{{name}}` falls back to a hardcoded secret (`{{preview}}`) used as {{sink}}: whenever the variable is unset, this string is the production secret. Fail instead of falling back.',
      namedSecret: 'Hardcoded secret (`{{preview}}`) for `{{name}}`. Load it from the environment or a secret manager.',
      envFallback:
        '`{{name}}` falls back to a hardcoded secret (`{{preview}}`), which is what runs when the variable is missing. Fail instead of falling back.',
      useEnv: 'Read it from `process.env.{{env}}`.',
      useEnvs: 'Read them from {{envs}}.',
    },
  },
  create(context, [options]) {
    const scanner = createSecretScanner(context, options, isLintedTestFile(context, options.testFiles));
    if (scanner === undefined) return {};

    const report = (finding: SecretFinding | undefined): void => {
      if (finding === undefined) return;
      const { replacement } = finding;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] =
        replacement === undefined
          ? []
          : [
              {
                ...(replacement.envs.length > 1
                  ? {
                      messageId: 'useEnvs' as const,
                      data: { envs: replacement.envs.map((env) => `\`process.env.${env}\``).join(', ') },
                    }
                  : { messageId: 'useEnv' as const, data: { env: finding.env } }),
                fix: (fixer) => fixer.replaceText(replacement.node, replacement.text),
              },
            ];
      context.report({
        node: finding.node,
        messageId: MESSAGE_IDS[finding.kind],
        data: {
          kind: finding.secretKind ?? '',
          preview: finding.preview,
          sink: finding.sink ?? '',
          name: finding.name ?? '',
        },
        suggest,
      });
    };

    return {
      Literal: (node) => report(scanner.inspectLiteral(node)),
      TemplateLiteral: (node) => report(scanner.inspectTemplate(node)),
      BinaryExpression: (node) => report(scanner.inspectBinary(node)),
    };
  },
});
