import type { Linter } from 'eslint';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-hardcoded-secrets.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A credential sent to another service is proven secret by how it is sent, whatever its shape: a
 * string (directly, through a `const` of the file or an imported one, or ending a template) that an
 * outbound request carries in a credential header (`Authorization`, `X-API-Key`, `apikey`, …), or as
 * the Basic credentials of its options. Look-alikes: the value read from the environment, a key public
 * by design, a header that carries no credential, a placeholder, a header name outside any header
 * object, a map's `set`. The random-looking values are assembled from pieces so that this file holds
 * none whole.
 */

const ruleTester = new RuleTester();

/** A SendGrid key one character short of the real format (`SG.` 22 `.` 43): no provider pattern matches it. */
const shortSendGrid = ['SG', 'Qw3rTy7uIo9pAs2dFg4hJk', 'Zx8cVb6nMq1wE5rT9yUi3oP7aS2dF4gH6jK8lZ0xCv'].join('.');
const token = ['9f8e', '7d6c', '5b4a', '3210'].join('');
const apiKey = ['k7Q2', 'mZ9x', 'Lw4p', 'R8tV'].join('-');
const password = ['Kp9', 'refunds', '77'].join('-');

function at(code: string, needle: string): { line: number; column: number; endColumn: number } {
  const index = code.indexOf(needle);
  if (index === -1) throw new Error(`${needle} not in ${code}`);
  const before = code.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { line, column, endColumn: column + needle.length };
}

const blind = `import axios from 'axios';
const SENDGRID_KEY = '${shortSendGrid}';
export async function sendMail(message) {
  return axios.post('https://api.sendgrid.com/v3/mail/send', message, {
    headers: { Authorization: \`Bearer \${SENDGRID_KEY}\` },
  });
}
`;

const createClient = `import axios from 'axios';
const PARTNER_KEY = '${apiKey}';
export const partner = axios.create({ baseURL: 'https://partner.example.org', headers: { 'X-API-Key': PARTNER_KEY } });
`;

const defaultsHeader = `import axios from 'axios';
const BILLING_TOKEN = '${token}';
export const billing = axios.create({ baseURL: 'https://billing.internal' });
billing.defaults.headers.common['Authorization'] = \`Bearer \${BILLING_TOKEN}\`;
`;

const superagentSet = `import request from 'superagent';
const DEPLOY_TOKEN = '${token}';
export const deploy = () => request.post('https://ci.internal/deploy').set('Authorization', 'token ' + DEPLOY_TOKEN);
`;

const sharedHeaders = `const SUPA_KEY = '${apiKey}';
const headers = { apikey: SUPA_KEY, 'Content-Type': 'application/json' };
export const rows = () => fetch('https://db.internal/rest/v1/rows', { headers });
`;

const fetchHeaders = `const BOT_TOKEN = '${token}';
export const me = () => fetch('https://chat.internal/api/users/@me', { headers: new Headers({ Authorization: \`Bot \${BOT_TOKEN}\` }) });
`;

const undiciRequest = `import { request } from 'undici';
const MAPS_KEY = '${apiKey}';
export const geocode = (q) => request('https://maps.internal/geocode?q=' + q, { headers: { 'x-auth-token': MAPS_KEY } });
`;

const directBearer = `await fetch(url, { headers: { Authorization: 'Bearer ${token}' } });`;

const spacedKey = `fetch(url, { headers: { 'x-api-key': 'orders ${apiKey}' } });`;

const httpAuth = `import https from 'node:https';
https.request({ host: 'reports.internal', path: '/daily', auth: 'reports-svc:${password}' });
`;

const axiosAuth = `import axios from 'axios';
const REFUNDS_PASSWORD = '${password}';
export const refunds = () => axios.get('https://refunds.internal/list', { auth: { username: 'orders-svc', password: REFUNDS_PASSWORD } });
`;

ruleTester.run('no-hardcoded-secrets: credentials sent to another service', rule, {
  valid: [
    {
      name: 'the key read from the environment',
      code: "import axios from 'axios';\nconst SENDGRID_KEY = process.env.SENDGRID_KEY;\naxios.post(url, message, { headers: { Authorization: `Bearer ${SENDGRID_KEY}` } });",
    },
    {
      name: 'the key read from configuration',
      code: "import axios from 'axios';\nimport config from 'config';\nconst key = config.get('partner.key');\naxios.create({ headers: { 'X-API-Key': key } });",
    },
    {
      name: 'a publishable key by its documented prefix',
      code: `const STRIPE_PUBLISHABLE = 'pk_live_${'Ab3'}${token}';\nfetch(url, { headers: { Authorization: \`Bearer \${STRIPE_PUBLISHABLE}\` } });`,
    },
    {
      name: 'headers that carry no credential',
      code: "const JSON_TYPE = 'application/json';\nconst AGENT = 'orders-bot/1.0 (+https://orders.internal)';\nfetch(url, { headers: { 'Content-Type': JSON_TYPE, Accept: JSON_TYPE, 'User-Agent': AGENT } });",
    },
    {
      name: 'a placeholder sent as a Bearer token is an unfilled slot, as at every provider credential',
      code: "import axios from 'axios';\nconst API_TOKEN = 'changeme';\naxios.get(url, { headers: { Authorization: `Bearer ${API_TOKEN}` } });",
    },
    { name: 'an empty key', code: "const KEY = '';\nfetch(url, { headers: { 'x-api-key': KEY } });" },
    {
      name: 'a scheme held in a const, the token read at run time',
      code: "const SCHEME = 'Bearer';\nfetch(url, { headers: { Authorization: `${SCHEME} ${session.token}` } });",
    },
    {
      name: 'a fixed prefix before the credential is not the credential',
      code: "const ACCOUNT = 'orders-account-42';\nfetch(url, { headers: { Authorization: `Token ${ACCOUNT}:${process.env.ACCOUNT_SECRET}` } });",
    },
    {
      name: 'an `apikey` property of an object that is not a header object',
      code: "const ORDERS_CACHE = 'orders-cache-7';\nexport const limits = { apikey: ORDERS_CACHE, burst: 10 };",
    },
    { name: "a map's `set`, not a header setter", code: "const ORDERS_CACHE = 'orders-cache-7';\ncache.set('apikey', ORDERS_CACHE);" },
    {
      name: 'a user name alone as the `auth` of http.request',
      code: "import http from 'node:http';\nhttp.request({ host: 'reports.internal', auth: 'anonymous' });",
    },
    {
      name: 'credential headers in a test file (sinks are not checked there)',
      filename: 'src/client.test.ts',
      code: blind,
    },
  ],
  invalid: [
    {
      name: 'the blind-test case: a SendGrid key one character short, in a const, sent as a Bearer token by axios.post',
      code: blind,
      errors: [
        {
          messageId: 'secretSink',
          ...at(blind, `'${shortSendGrid}'`),
          data: { preview: 'SG.Q****', sink: 'the `Authorization` header of `axios.post` on line 4' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'SENDGRID_KEY' }, output: blind.replace(`'${shortSendGrid}'`, 'process.env.SENDGRID_KEY') }],
        },
      ],
    },
    {
      name: 'an X-API-Key header of axios.create',
      code: createClient,
      errors: [
        {
          messageId: 'secretSink',
          ...at(createClient, `'${apiKey}'`),
          data: { preview: 'k7Q2****', sink: 'the `X-API-Key` header of `axios.create` on line 3' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'PARTNER_KEY' }, output: createClient.replace(`'${apiKey}'`, 'process.env.PARTNER_KEY') }],
        },
      ],
    },
    {
      name: 'a default header of an axios instance',
      code: defaultsHeader,
      errors: [
        {
          messageId: 'secretSink',
          ...at(defaultsHeader, `'${token}'`),
          data: { preview: '9f8e****', sink: 'the `Authorization` header of `billing.defaults.headers.common` on line 4' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'BILLING_TOKEN' }, output: defaultsHeader.replace(`'${token}'`, 'process.env.BILLING_TOKEN') }],
        },
      ],
    },
    {
      name: 'superagent `.set` with a token scheme and a concatenation',
      code: superagentSet,
      errors: [
        {
          messageId: 'secretSink',
          ...at(superagentSet, `'${token}'`),
          data: { preview: '9f8e****', sink: 'the `Authorization` header of `request.post` on line 3' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'DEPLOY_TOKEN' }, output: superagentSet.replace(`'${token}'`, 'process.env.DEPLOY_TOKEN') }],
        },
      ],
    },
    {
      name: 'an `apikey` header in a headers const passed to fetch',
      code: sharedHeaders,
      errors: [
        {
          messageId: 'secretSink',
          ...at(sharedHeaders, `'${apiKey}'`),
          data: { preview: 'k7Q2****', sink: 'the `apikey` header of `fetch` on line 3' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'SUPA_KEY' }, output: sharedHeaders.replace(`'${apiKey}'`, 'process.env.SUPA_KEY') }],
        },
      ],
    },
    {
      name: 'a Bot token in `new Headers` given to fetch',
      code: fetchHeaders,
      errors: [
        {
          messageId: 'secretSink',
          ...at(fetchHeaders, `'${token}'`),
          data: { preview: '9f8e****', sink: 'the `Authorization` header of `fetch` on line 2' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'BOT_TOKEN' }, output: fetchHeaders.replace(`'${token}'`, 'process.env.BOT_TOKEN') }],
        },
      ],
    },
    {
      name: 'an x-auth-token header of undici `request`',
      code: undiciRequest,
      errors: [
        {
          messageId: 'secretSink',
          ...at(undiciRequest, `'${apiKey}'`),
          data: { preview: 'k7Q2****', sink: 'the `x-auth-token` header of `request` on line 3' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'MAPS_KEY' }, output: undiciRequest.replace(`'${apiKey}'`, 'process.env.MAPS_KEY') }],
        },
      ],
    },
    {
      name: 'a Bearer token written in the header names the request, not a line (same line)',
      code: directBearer,
      errors: [
        {
          messageId: 'secretSink',
          ...at(directBearer, `'Bearer ${token}'`),
          data: { preview: '9f8e****', sink: 'the `Authorization` header of `fetch`' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'API_TOKEN' }, output: 'await fetch(url, { headers: { Authorization: `Bearer ${process.env.API_TOKEN}` } });' }],
        },
      ],
    },
    {
      name: 'only an Authorization value starts with a scheme of any name: an API key header keeps its first word',
      code: spacedKey,
      errors: [
        {
          messageId: 'secretSink',
          ...at(spacedKey, `'orders ${apiKey}'`),
          data: { preview: 'orde****', sink: 'the `x-api-key` header of `fetch`' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'X_API_KEY' }, output: "fetch(url, { headers: { 'x-api-key': process.env.X_API_KEY } });" }],
        },
      ],
    },
    {
      name: 'the `auth` of https.request',
      code: httpAuth,
      errors: [
        {
          messageId: 'secretSink',
          ...at(httpAuth, `'reports-svc:${password}'`),
          data: { preview: 'repo****', sink: 'the Basic auth credentials of `https.request` (node:https)' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'API_BASIC_AUTH' }, output: httpAuth.replace(`'reports-svc:${password}'`, 'process.env.API_BASIC_AUTH') }],
        },
      ],
    },
    {
      name: 'the Basic auth password of axios.get, through a const',
      code: axiosAuth,
      errors: [
        {
          messageId: 'secretSink',
          ...at(axiosAuth, `'${password}'`),
          data: { preview: 'Kp9****', sink: 'the Basic auth password of `axios.get`' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'REFUNDS_PASSWORD' }, output: axiosAuth.replace(`'${password}'`, 'process.env.REFUNDS_PASSWORD') }],
        },
      ],
    },
  ],
});

const rules: Linter.RulesRecord = { 'api-security/no-hardcoded-secrets': 'error' };

describe('a credential constant of another file sent in a header', () => {
  it('reports the imported constant where it is written, naming the request and its file', async () => {
    const dir = writeProject({
      'src/keys.ts': `export const MAIL_KEY = '${shortSendGrid}';
export const MAIL_FROM = 'orders@shop.internal';
`,
      'src/mail.ts': `import got from 'got';
import { MAIL_KEY, MAIL_FROM } from './keys';
export const send = (to: string) => got.post('https://mail.internal/send', {
  json: { to, from: MAIL_FROM },
  headers: { authorization: \`Bearer \${MAIL_KEY}\`, 'user-agent': MAIL_FROM },
});
`,
    });
    const messages = await lintProjectFile(dir, 'src/keys.ts', rules);
    expect(summary(messages)).toEqual(['1 api-security/no-hardcoded-secrets']);
    expect(messages[0]?.message).toContain('used as the `authorization` header of `got.post` in src/mail.ts:3');
  });
});
