import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import {
  ANALYSIS_LIMIT_MESSAGE,
  ANALYSIS_LIMIT_MESSAGE_ID,
  describeInternalError,
  INTERNAL_ERROR_MESSAGE,
  INTERNAL_ERROR_MESSAGE_ID,
  notifyInternalError,
} from './internal-error.js';
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

type Listener = (...args: never[]) => void;

/**
 * Runs every listener of a rule so that an exception becomes one `internalError` diagnostic at the
 * start of the file instead of ending the lint run or being lost. The listener that threw stops;
 * the others still run, so findings the rule already had are kept. `API_SECURITY_DEBUG` rethrows,
 * for the stack trace.
 */
function guardListeners<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  ruleName: string,
  listeners: TSESLint.RuleListener,
): TSESLint.RuleListener {
  let reported = false;
  const fail = (error: unknown): void => {
    if (process.env['API_SECURITY_DEBUG']) throw error;
    if (reported) return;
    reported = true;
    const message = describeInternalError(error);
    notifyInternalError({ rule: ruleName, filename: context.filename, message, error });
    context.report({
      loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
      // Every rule has this message: `createRule` adds it to `meta.messages`.
      messageId: INTERNAL_ERROR_MESSAGE_ID as MessageIds,
      data: { error: message },
    });
  };
  const guarded: Record<string, Listener> = {};
  for (const [selector, listener] of Object.entries(listeners as Record<string, Listener | undefined>)) {
    if (listener === undefined) continue;
    guarded[selector] = (...args) => {
      try {
        listener(...args);
      } catch (error) {
        fail(error);
      }
    };
  }
  return guarded as TSESLint.RuleListener;
}

/**
 * Creates a rule whose `meta.docs.url` points at its docs page. Every rule checks
 * `settings['api-security']` before it looks at a file, so a wrong key stops the run in every
 * file and under every rule, not only where some analysis happens to read it. The options merged
 * with their defaults are computed once per distinct configuration, not once per file. Whatever a
 * rule reports is masked: no credential in the code comes out whole. An exception in the rule's
 * analysis becomes an `internalError` diagnostic (see `guardListeners`); errors in `create`
 * itself, which are configuration errors, still stop the run.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, PluginDocs>>,
): TSESLint.RuleModule<MessageIds, Options, PluginDocs> {
  const module = ruleCreator<Options, MessageIds>(rule);
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  const merged = new Map<string, Options>();
  return {
    ...module,
    meta: {
      ...module.meta,
      messages: { ...module.meta.messages, [INTERNAL_ERROR_MESSAGE_ID]: INTERNAL_ERROR_MESSAGE, [ANALYSIS_LIMIT_MESSAGE_ID]: ANALYSIS_LIMIT_MESSAGE },
    },
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) {
        const computed: Options = deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaults, context.options as Options));
        merged.set(key, computed);
        options = computed;
      }
      getSettings(context);
      // Every message, suggestion and fix of every rule, internal errors included, passes
      // through the credential mask.
      const masked = maskingContext(context);
      return guardListeners(masked, rule.name, rule.create(masked, options));
    },
  };
}
