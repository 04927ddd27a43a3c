import type { Linter } from 'eslint';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-hardcoded-secrets.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Credentials that reach their slot encoded or through a framework's own registration:
 * - a Basic `user:password` pair, base64-encoded into an `Authorization` header
 *   (`'Basic ' + Buffer.from('svc:pw').toString('base64')`);
 * - a key written as `Buffer.from('…', 'base64')` in a configuration module and passed to
 *   `createCipheriv` in another file;
 * - the options of a Hapi auth strategy of a scheme a plugin registers (`@hapi/jwt`'s `keys`).
 * Look-alikes: a pair read from the environment, a Basic header of a user name alone, a
 * strategy of another scheme, a `strategy` call in a file without the plugin.
 */

const ruleTester = new RuleTester();
const pair = ['svc-orders', ['Kq7', 'partner', '2031'].join('-')].join(':');

ruleTester.run('no-hardcoded-secrets: encoded credentials and Hapi strategies', rule, {
  valid: [
    {
      name: 'a Basic pair built from the environment',
      code: "export const headers = { Authorization: 'Basic ' + Buffer.from(`${process.env.PARTNER_USER}:${process.env.PARTNER_PASS}`).toString('base64') };",
    },
    { name: 'a user name without a password', code: "export const headers = { Authorization: 'Basic ' + Buffer.from('anonymous').toString('base64') };" },
    { name: 'a placeholder pair', code: "export const headers = { Authorization: 'Basic ' + Buffer.from('<user>:<password>').toString('base64') };" },
    { name: 'an encoded pair that is not a header', code: `export const cacheKey = 'k:' + Buffer.from('${pair}').toString('base64');` },
    { name: 'hex, not base64: not the Basic scheme', code: `export const headers = { Authorization: 'Basic ' + Buffer.from('${pair}').toString('hex') };` },
    {
      name: 'a strategy of another scheme in a file with the JWT plugin',
      code: "import Jwt from '@hapi/jwt';\nawait server.register(Jwt);\nserver.auth.strategy('simple', 'basic', { keys: 'not-a-key-but-a-label' });",
    },
    {
      name: 'a jwt strategy in a file without a JWT plugin',
      code: "server.auth.strategy('token', 'jwt', { keys: 'not-a-key-but-a-label' });",
    },
    {
      name: 'a strategy whose keys come from the environment',
      code: "import Jwt from '@hapi/jwt';\nserver.auth.strategy('token', 'jwt', { keys: process.env.JWT_KEY, verify: false });",
    },
  ],
  invalid: [
    {
      name: 'a Basic pair added to the scheme',
      code: `export const headers = { Authorization: 'Basic ' + Buffer.from('${pair}').toString('base64') };`,
      errors: [{ messageId: 'secretSink', line: 1, column: 64, data: { preview: 'svc-****', sink: 'the Basic credentials of the `Authorization` header' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'BASIC_AUTH' }, output: "export const headers = { Authorization: 'Basic ' + Buffer.from(process.env.BASIC_AUTH).toString('base64') };" },
      ] }],
    },
    {
      name: 'a Basic pair in a template, encoded with btoa',
      code: `fetch(url, { headers: { Authorization: \`Basic \${btoa('${pair}')}\` } });`,
      errors: [{ messageId: 'secretSink', line: 1, column: 54, data: { preview: 'svc-****', sink: 'the Basic credentials of the `Authorization` header' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'BASIC_AUTH' }, output: 'fetch(url, { headers: { Authorization: `Basic ${btoa(process.env.BASIC_AUTH)}` } });' },
      ] }],
    },
    {
      name: 'the literal key of a Hapi JWT strategy, even one that reads like a label',
      code: "import Jwt from '@hapi/jwt';\nawait server.register(Jwt);\nserver.auth.strategy('token', 'jwt', { keys: 'not-a-key-but-a-label', verify: false });",
      errors: [{ messageId: 'secretSink', line: 3, column: 46, data: { preview: 'not-****', sink: 'the JWT key of `server.auth.strategy` (@hapi/jwt)' }, suggestions: [
        { messageId: 'useEnv', data: { env: 'JWT_SECRET' }, output: "import Jwt from '@hapi/jwt';\nawait server.register(Jwt);\nserver.auth.strategy('token', 'jwt', { keys: process.env.JWT_SECRET, verify: false });" },
      ] }],
    },
  ],
});

const rules: Linter.RulesRecord = { 'api-security/no-hardcoded-secrets': 'error' };

describe('a configuration key used by another file', () => {
  it('reports a Buffer-encoded key another file passes to createCipheriv, and a Hapi strategy key', async () => {
    const dir = writeProject({
      'lib/config.js': `module.exports = {
  crypto: { key: Buffer.from('c2VjcmV0LWtleS1vZi10aGlydHktdHdvLWJ5dGVzISE=', 'base64') },
  jwt: { key: 'inventory-signing-key', audience: 'urn:inventory' },
  banner: Buffer.from('welcome', 'utf8'),
};
`,
      'lib/sealed.js': `const crypto = require('node:crypto');
const config = require('./config');
exports.seal = (iv, text) => crypto.createCipheriv('aes-256-gcm', config.crypto.key, iv).update(text);
`,
      'lib/server.js': `const Jwt = require('@hapi/jwt');
const config = require('./config');
exports.start = async (server) => {
  await server.register(Jwt);
  server.auth.strategy('token', 'jwt', { keys: config.jwt.key, verify: { aud: config.jwt.audience, iss: false, sub: false } });
  server.route({ method: 'GET', path: '/', handler: () => config.banner.toString() });
};
`,
    });
    const messages = await lintProjectFile(dir, 'lib/config.js', rules);
    expect(summary(messages)).toEqual(['2 api-security/no-hardcoded-secrets', '3 api-security/no-hardcoded-secrets']);
    expect(messages[0]?.message).toContain('the cipher key of `crypto.createCipheriv` (node:crypto) in lib/sealed.js:3');
    expect(messages[1]?.message).toContain('the JWT key of `server.auth.strategy` (@hapi/jwt) in lib/server.js:5');
  });
});
