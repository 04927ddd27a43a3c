import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { maskingContext } from './mask.js';
import { getSettings } from './settings.js';

/** Which shipped config turns a rule on. `all` holds every rule regardless. */
export type ConfigName = 'recommended' | 'strict';

/** The `meta.docs` shape of every rule in this plugin. */
export interface PluginDocs {
  description: string;
  /** Lowest config that enables the rule (`recommended` implies `strict`). */
  recommended?: ConfigName;
  /** The rule needs type information; it is only in the `-type-checked` configs. */
  requiresTypeChecking?: boolean;
  /** CWE identifiers, e.g. `CWE-89`. */
  cwe?: readonly string[];
  /** OWASP API Security Top 10 (2023) category, e.g. `API2:2023 Broken Authentication`. */
  owaspApi?: string;
}

export const REPO_URL = 'https://github.com/api-security/eslint-plugin-api-security';

const ruleCreator = ESLintUtils.RuleCreator<PluginDocs>(
  (name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`,
);

/** Deep-freezes options shared between files, so a rule that changed them would fail at once. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Creates a rule whose `meta.docs.url` points at its docs page. Every rule checks
 * `settings['api-security']` before it looks at a file, so a wrong key stops the run in every
 * file and under every rule, not only where some analysis happens to read it. The options merged
 * with their defaults are computed once per distinct configuration, not once per file. Whatever a
 * rule reports is masked: no credential in the code comes out whole.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, PluginDocs>>,
): TSESLint.RuleModule<MessageIds, Options, PluginDocs> {
  const module = ruleCreator<Options, MessageIds>(rule);
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  const merged = new Map<string, Options>();
  return {
    ...module,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) {
        const computed: Options = deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaults, context.options as Options));
        merged.set(key, computed);
        options = computed;
      }
      getSettings(context);
      // Every message, suggestion and fix of every rule passes through the credential mask.
      return rule.create(maskingContext(context), options);
    },
  };
}
