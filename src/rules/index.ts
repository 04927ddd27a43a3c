import type { TSESLint } from '@typescript-eslint/utils';

/** Every rule of the plugin, keyed by its id (keys sorted). */
export const rules = {} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;
