import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import type { PluginDocs } from '../utils/create-rule.js';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[], PluginDocs>;

const require = createRequire(import.meta.url);

/**
 * The TypeScript parser is loaded only when `typescript` is installed (it is an optional peer):
 * without it the configs still lint JavaScript with ESLint's default parser.
 */
function loadTypeScriptParser(): TSESLint.FlatConfig.Parser | null {
  try {
    require.resolve('typescript');
    return require('@typescript-eslint/parser') as TSESLint.FlatConfig.Parser;
  } catch {
    return null;
  }
}

const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

/**
 * Options the `strict` config sets on top of the defaults: verdicts the rules leave open by default
 * because they may be noisy become findings.
 */
const STRICT_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = {
  // Routes of routers mounted in a file the rule cannot see are reported instead of skipped, and so
  // are routes whose only possible authentication is a guard defined out of view.
  'no-unauthenticated-route': { reportUnresolvedMounts: true, unknownAuth: 'report' },
};

function strictOptions(rules: Record<string, AnyRule>): TSESLint.FlatConfig.Rules {
  return Object.fromEntries(
    Object.entries(STRICT_OPTIONS)
      .filter(([id]) => id in rules)
      .map(([id, options]) => [`api-security/${id}`, ['error', options] as TSESLint.FlatConfig.RuleEntry]),
  );
}

export type ConfigKey = 'recommended' | 'recommended-type-checked' | 'strict' | 'all';

/** Builds the four shipped flat configs from the rules' own `meta.docs`. */
export function buildConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, AnyRule>,
): Record<ConfigKey, TSESLint.FlatConfig.Config> {
  const parser = loadTypeScriptParser();
  const pick = (keep: (docs: PluginDocs) => boolean): TSESLint.FlatConfig.Rules =>
    Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => rule.meta.docs !== undefined && keep(rule.meta.docs))
        .map(([id]) => [`api-security/${id}`, 'error' as const]),
    );
  const base = (name: string, ruleset: TSESLint.FlatConfig.Rules): TSESLint.FlatConfig.Config => ({
    name: `api-security/${name}`,
    files: parser === null ? JS_FILES : [...JS_FILES, ...TS_FILES],
    plugins: { 'api-security': plugin },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      ...(parser === null ? {} : { parser }),
    },
    rules: ruleset,
  });
  const untyped = (docs: PluginDocs): boolean => docs.requiresTypeChecking !== true;
  return {
    recommended: base(
      'recommended',
      pick((docs) => docs.recommended === 'recommended' && untyped(docs)),
    ),
    'recommended-type-checked': base(
      'recommended-type-checked',
      pick((docs) => docs.recommended === 'recommended'),
    ),
    strict: base('strict', {
      ...pick((docs) => docs.recommended !== undefined && untyped(docs)),
      ...strictOptions(rules),
    }),
    all: base(
      'all',
      pick(() => true),
    ),
  };
}
