import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../src/rules/require-role-check.js';
import { identityAdminCalls } from '../../src/models/privilege.js';

/*
 * Every row of the identity-admin model (`identityAdminCalls`) is exercised both ways: from a
 * callable function that only checks someone signed in, the call on an account the client names is
 * a privileged route, and the same call on the caller's own account is not (a call without a subject,
 * `listUsers()`, is privileged by itself and has only the first form).
 */

const ruleTester = new RuleTester();
const strict: Options = [{ privilegedRoutes: 'report', inconsistentRoutes: 'ignore' }];

/** `auth().deleteUser` of `firebase-admin` → the import and the receiver that reach it. */
function callOf(module: string, path: string, subject: string | null): string {
  const method = path.slice(path.lastIndexOf('.') + 1);
  const receiver = path.slice(0, path.lastIndexOf('.'));
  const importLine = receiver.startsWith('getAuth') ? `import { getAuth } from '${module}';` : `import * as admin from '${module}';`;
  const call = receiver.startsWith('getAuth') ? `getAuth().${method}` : `admin.${receiver}.${method}`;
  return `import { onCall, HttpsError } from 'firebase-functions/v2/https';
${importLine}
export const manage = onCall(async (request) => {
  if (!request.auth) throw new HttpsError('unauthenticated', 'sign in');
  return ${call}(${subject ?? ''});
});
`;
}

ruleTester.run('require-role-check (identity admin calls model)', rule, {
  valid: identityAdminCalls
    .filter((entry) => entry.subject !== undefined)
    .map((entry) => ({ name: `${entry.module} ${entry.path} on the caller's own account`, options: strict, code: callOf(entry.module, entry.path, 'request.auth.uid') })),
  invalid: identityAdminCalls.map((entry) => ({
    name: `${entry.module} ${entry.path}${entry.subject === undefined ? '' : ' on an account the client names'}`,
    options: strict,
    code: callOf(entry.module, entry.path, entry.subject === undefined ? null : 'request.data.uid'),
    errors: [{ messageId: 'privilegedRoute' as const, line: 3 }],
  })),
});
