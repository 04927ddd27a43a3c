import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-hardcoded-secrets.js';

/*
 * Workers and Hono read secrets from bindings (`env.SIGNING_KEY`, `c.env.JWT_SECRET`), not from
 * `process.env`. A constant used as the fallback of such a binding reaches the key slot of Hono's
 * JWT helpers whenever the binding is unset. A `…_FALLBACK_KEY` / `fallbackKey` name holding a
 * random-looking string is secret-ish on its own; an ordinary fallback (a locale, a message key)
 * is not.
 */
const ruleTester = new RuleTester();

const KEY = ['9c1e7a4f', '2b8d6e03', 'a5f1c9b7', 'e4d2806f'].join('');

ruleTester.run('no-hardcoded-secrets: Hono JWT helpers and binding fallbacks', rule, {
  valid: [
    {
      name: 'the key from the binding, no fallback',
      code: `import { sign } from 'hono/jwt';
export const issue = (env, id) => sign({ id }, env.SIGNING_KEY);`,
    },
    {
      name: 'an i18n fallback key',
      code: `export const FALLBACK_KEY = 'errors.unknown';
export const fallbackKey = 'en-US';`,
    },
    {
      name: 'a cache fallback key built from parts',
      code: `const fallbackKey = 'cache:v2:default';
export default fallbackKey;`,
    },
  ],
  invalid: [
    {
      name: 'a constant fallback of a Workers binding used as the signing key',
      code: `import { sign } from 'hono/jwt';
const DEFAULT_SIGNER = '${KEY}';
export function shareToken(env, noteId) {
  const key = env.SIGNING_KEY ?? DEFAULT_SIGNER;
  return sign({ noteId }, key);
}`,
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          data: { preview: '9c1e****', sink: 'the signing key of `sign` (hono/jwt)' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'DEFAULT_SIGNER' }, output: `import { sign } from 'hono/jwt';
const DEFAULT_SIGNER = process.env.DEFAULT_SIGNER;
export function shareToken(env, noteId) {
  const key = env.SIGNING_KEY ?? DEFAULT_SIGNER;
  return sign({ noteId }, key);
}` }],
        },
      ],
    },
    {
      name: 'jwt() middleware with a literal secret in c.env fallback',
      code: `import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.use('/admin/*', (c, next) => jwt({ secret: c.env.JWT_SECRET || '${KEY}', alg: 'HS256' })(c, next));`,
      errors: [
        {
          messageId: 'secretSink',
          line: 4,
          data: { preview: '9c1e****', sink: 'the JWT secret of `jwt` (hono/jwt)' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'JWT_SECRET' }, output: `import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.use('/admin/*', (c, next) => jwt({ secret: c.env.JWT_SECRET || process.env.JWT_SECRET, alg: 'HS256' })(c, next));` }],
        },
      ],
    },
    {
      name: 'a random-looking value named as a fallback key',
      code: `export const FALLBACK_KEY = '${KEY}';`,
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          data: { preview: '9c1e****', name: 'FALLBACK_KEY' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'FALLBACK_KEY' }, output: 'export const FALLBACK_KEY = process.env.FALLBACK_KEY;' }],
        },
      ],
    },
  ],
});
