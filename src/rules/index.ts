import type { TSESLint } from '@typescript-eslint/utils';
import type { PluginDocs } from '../utils/create-rule.js';
import noCommandInjection from './no-command-injection.js';
import noHardcodedSecrets from './no-hardcoded-secrets.js';
import noMassAssignment from './no-mass-assignment.js';
import noNosqlInjection from './no-nosql-injection.js';
import noSqlInjection from './no-sql-injection.js';
import noUnauthenticatedRoute from './no-unauthenticated-route.js';
import noWholeObjectResponse from './no-whole-object-response.js';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[], PluginDocs>;

/** Every rule of the plugin, keyed by its id (keys sorted). */
export const rules: Record<string, AnyRule> = {
  'no-command-injection': noCommandInjection as AnyRule,
  'no-hardcoded-secrets': noHardcodedSecrets as AnyRule,
  'no-mass-assignment': noMassAssignment as AnyRule,
  'no-nosql-injection': noNosqlInjection as AnyRule,
  'no-sql-injection': noSqlInjection as AnyRule,
  'no-unauthenticated-route': noUnauthenticatedRoute as AnyRule,
  'no-whole-object-response': noWholeObjectResponse as AnyRule,
};
