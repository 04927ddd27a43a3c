import type { Linter } from 'eslint';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-hardcoded-secrets.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Two ways a string proves to be a credential by how it is used rather than how it reads:
 * - a value of an exported configuration object that another project file passes to a secret slot
 *   (`jwt.sign(p, settings.auth.tokenKey)`): the sink proves it is the key, placeholder or not;
 * - a made-up key of the application compared with the credential header a request sends
 *   (`timingSafeEqual(…req.get('x-api-key')…, …PARTNER_KEY…)`): it is the key the server accepts.
 */

const rules: Linter.RulesRecord = { 'api-security/no-hardcoded-secrets': 'error' };

describe('a configuration value used as a secret in another file', () => {
  it('reports the values other files use as a signing key or session secret, with where', async () => {
    const dir = writeProject({
      'src/settings.ts': `export const settings = {
  auth: { tokenKey: 'replace-me' },
  cookieSecret: 'dev-only',
  greeting: 'changeme',
  pageSize: 'placeholder',
};
`,
      'src/auth.ts': `import jwt from 'jsonwebtoken';
import { settings } from './settings';
export const issue = (userId: string) => jwt.sign({ sub: userId }, settings.auth.tokenKey);
`,
      'src/app.ts': `import express from 'express';
import session from 'express-session';
import { settings } from './settings';
const app = express();
app.use(session({ secret: settings.cookieSecret, resave: false }));
app.get('/', (req, res) => res.send(settings.greeting));
`,
    });
    const messages = await lintProjectFile(dir, 'src/settings.ts', rules);
    expect(summary(messages)).toEqual(['2 api-security/no-hardcoded-secrets', '3 api-security/no-hardcoded-secrets']);
    expect(messages[0]?.message).toContain('used as the signing key of `jwt.sign` (jsonwebtoken) in src/auth.ts:3');
    expect(messages[1]?.message).toContain('the session secret of `session` (express-session) in src/app.ts:5');
  });

  it('follows module.exports read by a destructuring require, and a default export', async () => {
    const dir = writeProject(
      {
        'config/index.js': `module.exports = {
  signing: 'changeme',
  unused: 'changeme',
};
`,
        'lib/tokens.js': `const jwt = require('jsonwebtoken');
const { signing } = require('../config');
exports.issue = (id) => jwt.sign({ id }, signing);
`,
        'config/cookies.js': `export default { secret: 'todo' };
`,
        'lib/cookies.js': `import cookieParser from 'cookie-parser';
import cookies from '../config/cookies.js';
export const parser = cookieParser(cookies.secret);
`,
      },
      { name: 'app' },
    );
    expect(summary(await lintProjectFile(dir, 'config/index.js', rules))).toEqual(['2 api-security/no-hardcoded-secrets']);
    expect(summary(await lintProjectFile(dir, 'config/cookies.js', rules))).toEqual(['1 api-security/no-hardcoded-secrets']);
  });

  it('reports the fallback of an environment read in the configuration, placeholder or not, when another file signs with it', async () => {
    const dir = writeProject({
      'src/env.ts': `export const env = {
  tokenKey: process.env.TOKEN_KEY ?? 'local-dev-only-please-change',
  cookieKey: process.env.COOKIE_KEY || 'changeme',
  mailFrom: process.env.MAIL_FROM ?? 'changeme',
  strictKey: process.env.STRICT_KEY,
};
`,
      'src/plugins/tokens.ts': `import fastifyJwt from '@fastify/jwt';
import { env } from '../env';
export async function tokens(app: any) {
  await app.register(fastifyJwt, { secret: env.tokenKey });
}
`,
      'src/plugins/cookies.ts': `import cookieParser from 'cookie-parser';
import { env } from '../env';
export const cookies = cookieParser(env.cookieKey);
export const strict = cookieParser(env.strictKey as string);
export const sender = () => env.mailFrom;
`,
    });
    const messages = await lintProjectFile(dir, 'src/env.ts', rules);
    // The e-mail sender's fallback reaches no secret slot; the variable without a fallback has no literal.
    expect(summary(messages)).toEqual(['2 api-security/no-hardcoded-secrets', '3 api-security/no-hardcoded-secrets']);
    expect(messages[0]?.message).toContain('`process.env.TOKEN_KEY` falls back to a hardcoded secret');
    expect(messages[0]?.message).toContain('in src/plugins/tokens.ts:4');
    expect(messages[1]?.message).toContain('`process.env.COOKIE_KEY` falls back');
  });

  it('stays silent when the sink reads the environment, another module, or nothing uses the value', async () => {
    const dir = writeProject({
      'src/config.ts': `export default { jwtSecret: 'changeme', sessionSecret: 'changeme' };
`,
      'src/other-config.ts': `export const auth = { jwtSecret: 'changeme' };
`,
      'src/auth.ts': `import jwt from 'jsonwebtoken';
import config from './config';
import { auth } from './other-config';
// The key comes from the environment; the configuration's copy is only printed.
export const issue = (id: string) => jwt.sign({ id }, process.env.JWT_SECRET as string);
console.log(config.jwtSecret.length, auth.jwtSecret.length);
`,
      'src/unimported.ts': `export const settings = { jwtSecret: 'changeme' };
`,
    });
    for (const file of ['src/config.ts', 'src/other-config.ts', 'src/unimported.ts']) {
      expect(summary(await lintProjectFile(dir, file, rules))).toEqual([]);
    }
  });
});

const ruleTester = new RuleTester();
const KEY = 'ab_vendor_5e0f3c9a7b214d8e86c1f2a3b4c5d6e7';

ruleTester.run('no-hardcoded-secrets: a key compared with what the request sends', rule, {
  valid: [
    {
      name: 'a key-shaped constant compared with a value that is not from the request',
      code: `const LOCK_KEY = '${KEY}';
export const held = (cache: Map<string, string>) => cache.get('lock') === LOCK_KEY;`,
    },
    {
      name: 'compared with a request header that carries no credential',
      code: `const TRACE_KEY = '${KEY}';
export const traced = (req: { get(name: string): string }) => req.get('x-request-id') === TRACE_KEY;`,
    },
    {
      name: 'the key read from the environment',
      code: `import crypto from 'node:crypto';
const VENDOR_KEY = process.env.VENDOR_KEY ?? '';
export const ok = (req: { get(name: string): string }) => crypto.timingSafeEqual(Buffer.from(req.get('x-api-key')), Buffer.from(VENDOR_KEY));`,
    },
    {
      name: 'a word compared with a credential header (not a key)',
      code: `export const anonymous = (req: { headers: Record<string, string> }) => req.headers['x-api-key'] === 'anonymous';`,
    },
  ],
  invalid: [
    {
      name: 'timingSafeEqual of the header and the constant, both re-encoded',
      code: `import crypto from 'node:crypto';
const VENDOR_KEY = '${KEY}';
export function vendorOnly(req, res, next) {
  const sent = Buffer.from(String(req.get('x-api-key') || ''));
  const expected = Buffer.from(VENDOR_KEY);
  if (sent.length !== expected.length || !crypto.timingSafeEqual(sent, expected)) return res.sendStatus(401);
  next();
}`,
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          data: { sink: "the key compared with `req.get('x-api-key')`", preview: 'ab_v****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'VENDOR_KEY' },
              output: `import crypto from 'node:crypto';
const VENDOR_KEY = process.env.VENDOR_KEY;
export function vendorOnly(req, res, next) {
  const sent = Buffer.from(String(req.get('x-api-key') || ''));
  const expected = Buffer.from(VENDOR_KEY);
  if (sent.length !== expected.length || !crypto.timingSafeEqual(sent, expected)) return res.sendStatus(401);
  next();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'the literal compared inline with a key header',
      code: `export const partner = (req, res, next) => (req.headers['x-partner-key'] !== '${KEY}' ? res.sendStatus(401) : next());`,
      errors: [{ messageId: 'secretSink', line: 1, data: { sink: "the key compared with `req.headers['x-partner-key']`", preview: 'ab_v****' }, suggestions: [{ messageId: 'useEnv', data: { env: 'X_PARTNER_KEY' }, output: `export const partner = (req, res, next) => (req.headers['x-partner-key'] !== process.env.X_PARTNER_KEY ? res.sendStatus(401) : next());` }] }],
    },
    {
      name: 'a Koa context header compared with a constant',
      code: `const HOOK_KEY = '${KEY}';
export const hook = async (ctx, next) => { if (ctx.get('x-hook-token') !== HOOK_KEY) ctx.throw(401); await next(); };`,
      errors: [{ messageId: 'secretSink', line: 1, suggestions: [{ messageId: 'useEnv', data: { env: 'HOOK_KEY' }, output: `const HOOK_KEY = process.env.HOOK_KEY;
export const hook = async (ctx, next) => { if (ctx.get('x-hook-token') !== HOOK_KEY) ctx.throw(401); await next(); };` }] }],
    },
  ],
});
