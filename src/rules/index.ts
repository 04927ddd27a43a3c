import type { TSESLint } from '@typescript-eslint/utils';
import type { PluginDocs } from '../utils/create-rule.js';
import noCodeInjection from './no-code-injection.js';
import noCommandInjection from './no-command-injection.js';
import noHardcodedSecrets from './no-hardcoded-secrets.js';
import noMassAssignment from './no-mass-assignment.js';
import noNosqlInjection from './no-nosql-injection.js';
import noOpenRedirect from './no-open-redirect.js';
import noPathTraversal from './no-path-traversal.js';
import noReflectedXss from './no-reflected-xss.js';
import noSqlInjection from './no-sql-injection.js';
import noSsrf from './no-ssrf.js';
import noUnauthenticatedRoute from './no-unauthenticated-route.js';
import noWholeObjectResponse from './no-whole-object-response.js';
import requireOwnershipCheck from './require-ownership-check.js';
import requireRoleCheck from './require-role-check.js';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[], PluginDocs>;

/** Every rule of the plugin, keyed by its id (keys sorted). */
export const rules: Record<string, AnyRule> = {
  'no-code-injection': noCodeInjection as AnyRule,
  'no-command-injection': noCommandInjection as AnyRule,
  'no-hardcoded-secrets': noHardcodedSecrets as AnyRule,
  'no-mass-assignment': noMassAssignment as AnyRule,
  'no-nosql-injection': noNosqlInjection as AnyRule,
  'no-open-redirect': noOpenRedirect as AnyRule,
  'no-path-traversal': noPathTraversal as AnyRule,
  'no-reflected-xss': noReflectedXss as AnyRule,
  'no-sql-injection': noSqlInjection as AnyRule,
  'no-ssrf': noSsrf as AnyRule,
  'no-unauthenticated-route': noUnauthenticatedRoute as AnyRule,
  'no-whole-object-response': noWholeObjectResponse as AnyRule,
  'require-ownership-check': requireOwnershipCheck as AnyRule,
  'require-role-check': requireRoleCheck as AnyRule,
};
