import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
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

/**
 * Creates a rule whose `meta.docs.url` points at its docs page. Every rule checks
 * `settings['api-security']` before it looks at the file, so a wrong key stops the run in every
 * file and under every rule, not only where some analysis happens to read it.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, PluginDocs>>,
): TSESLint.RuleModule<MessageIds, Options, PluginDocs> {
  return ruleCreator<Options, MessageIds>({
    ...rule,
    create(context, options) {
      getSettings(context);
      return rule.create(context, options);
    },
  });
}
