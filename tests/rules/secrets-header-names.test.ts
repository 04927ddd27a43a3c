import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-hardcoded-secrets.js';

/*
 * The name of an HTTP header under a key-ish property (`authKey: 'X-Authenticator'`, `apiKeyHeader:
 * 'X-Api-Key'`) says which header carries the credential; it is not one. Capitalised words joined by
 * hyphens, with an optional short upper-case token (`X`, `API`, `CSRF`), is the shape of a header
 * name. A random value with hyphens (base64url, a hex token in groups) under the same names is still
 * a credential. The random-looking values are assembled from pieces so that this file holds none
 * whole.
 */

const ruleTester = new RuleTester();

const groupedHex = ['f3a9c2e1', '7b4d', '4e8a', '9c1f', '2d6b8e0a4f7c9e51'].join('-');
const base64url = ['Zq3', 'kV9_pL2', 'xW8rT5mN', 'Yb7u'].join('-');
const letters = ['QwZx', 'PlMk', 'RtVb', 'NcYh'].join('-');

ruleTester.run('no-hardcoded-secrets: header names', rule, {
  valid: [
    { name: 'the header an auth manager reads the authenticator from', code: "new AuthManager({ authKey: 'X-Authenticator', default: 'basic' });" },
    { name: 'header names under key and token properties', code: "export const config = { apiKeyHeader: 'X-Api-Key', tokenHeader: 'X-Auth-Token', apiKey: 'X-Api-Key-Header' };" },
    { name: 'a header name with an upper-case acronym', code: "const csrfToken = 'X-CSRF-Token';\nexport const secretHeader = 'Proxy-Authorization';\nexport { csrfToken };" },
    { name: 'a vendor subscription-key header', code: "export const subscriptionKey = 'Ocp-Apim-Subscription-Key';" },
  ],
  invalid: [
    {
      name: 'a real key under the same property',
      code: `new AuthManager({ authKey: '${groupedHex}' });`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 28, data: { name: 'authKey', preview: 'f3a9****' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'AUTH_KEY' }, output: "new AuthManager({ authKey: process.env.AUTH_KEY });" },
      ] }],
    },
    {
      name: 'a base64url token with hyphens under a header-ish key name',
      code: `export const config = { apiKey: '${base64url}' };`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 33, data: { name: 'apiKey', preview: 'Zq3-****' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'API_KEY' }, output: 'export const config = { apiKey: process.env.API_KEY };' },
      ] }],
    },
    {
      name: 'letter groups with mixed case inside a group are not header words',
      code: `export const token = '${letters}';`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 22, data: { name: 'token', preview: 'QwZx****' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'TOKEN' }, output: 'export const token = process.env.TOKEN;' },
      ] }],
    },
  ],
});
