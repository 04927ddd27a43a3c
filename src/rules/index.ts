import type { TSESLint } from '@typescript-eslint/utils';
import type { PluginDocs } from '../utils/create-rule.js';
import noUnauthenticatedRoute from './no-unauthenticated-route.js';

/** Every rule of the plugin, keyed by its id (keys sorted). */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[], PluginDocs>> = {
  'no-unauthenticated-route': noUnauthenticatedRoute as TSESLint.RuleModule<string, readonly unknown[], PluginDocs>,
};
