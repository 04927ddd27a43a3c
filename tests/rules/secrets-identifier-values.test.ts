import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-hardcoded-secrets.js';

/*
 * A value that is a name, not a credential: a table of header names whose values are the headers'
 * own names (`AUTHORIZATION: 'authorization'`), a map from environment variables to the option
 * path each sets (`WIDGET_SECRET: 'widgets.list.0.secret'`, with an array index). Judged by the key
 * alone they read like secrets. What a header really carries, a random value under the same key,
 * and a dotted value a signing call takes as its key stay reported.
 */

const ruleTester = new RuleTester();

const token = ['q7Lm2Xv9', 'Rb4Tn8Kw', 'Zc1Yp6Hd'].join('');

ruleTester.run('no-hardcoded-secrets: names that are not values', rule, {
  valid: [
    {
      name: 'a table of header names',
      code: "export const Headers = { AUTHORIZATION: 'authorization', ACCEPT: 'accept', CONTENT_TYPE: 'content-type' };",
    },
    { name: 'the header name in its usual case', code: "export const headerNames = { Authorization: 'Authorization', ProxyAuthorization: 'Proxy-Authorization' };" },
    { name: 'which header carries the key', code: "export const clientOptions = { headers: { Authorization: 'X-Api-Key' } };" },
    { name: 'a header set to another header name', code: "res.setHeader('Authorization', 'Proxy-Authorization');" },
    {
      name: 'environment variables mapped to option paths with array indexes',
      code: "export const fromEnv = { WIDGET_SECRET: 'widgets.list.0.secret', WIDGET_KEY: 'widgets.list.0.key', DB_PASSWORD: 'database.replicas.1.password' };",
    },
    {
      name: 'a list of the setting names to mask, some with a number in a word',
      code: "export const SECRET_KEYS = ['s3SecretAccessKey', 'oauth2ClientSecret', 'smtpPassword', 'webhookSigningKey2'];",
    },
  ],
  invalid: [
    {
      name: 'random text under the same name: digits inside the words, capitals in a row',
      code: "export const SECRET_KEYS = ['k9XzqWp4LmTr8Vb2Nc'];",
      errors: [{ messageId: 'namedSecret', line: 1, column: 29, data: { name: 'SECRET_KEYS', preview: 'k9Xz****' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'SECRET_KEYS' }, output: 'export const SECRET_KEYS = [process.env.SECRET_KEYS];' },
      ] }],
    },
    {
      name: 'a bearer token in the Authorization header',
      code: `export const headers = { AUTHORIZATION: 'Bearer ${token}' };`,
      errors: [{ messageId: 'secretSink', line: 1, column: 41, data: { preview: 'q7Lm****', sink: 'the `AUTHORIZATION` header' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'API_TOKEN' }, output: 'export const headers = { AUTHORIZATION: `Bearer ${process.env.API_TOKEN}` };' },
      ] }],
    },
    {
      name: 'a random value under a secret key, with dots',
      code: `export const fromEnv = { WIDGET_SECRET: '${token}.0' };`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 41, data: { name: 'WIDGET_SECRET', preview: 'q7Lm****' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'WIDGET_SECRET' }, output: 'export const fromEnv = { WIDGET_SECRET: process.env.WIDGET_SECRET };' },
      ] }],
    },
    {
      name: 'a dotted value that a signing call takes as its key',
      code: "import jwt from 'jsonwebtoken';\nexport const sign = (claims) => jwt.sign(claims, 'widgets.list.0.secret');",
      errors: [{ messageId: 'secretSink', line: 2, column: 50, data: { preview: 'widg****', sink: 'the signing key of `jwt.sign` (jsonwebtoken)' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'JWT_SECRET' }, output: "import jwt from 'jsonwebtoken';\nexport const sign = (claims) => jwt.sign(claims, process.env.JWT_SECRET);" },
      ] }],
    },
  ],
});
