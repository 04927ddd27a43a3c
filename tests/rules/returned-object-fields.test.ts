import { RuleTester } from '@typescript-eslint/rule-tester';
import openRedirect from '../../src/rules/no-open-redirect.js';
import ssrf from '../../src/rules/no-ssrf.js';

/*
 * A field of the object a helper of the file returns holds what the helper put in that field, not
 * everything the object holds: `settingsFor(name).tokenUrl` where the helper returns
 * `{ name, ...KNOWN[name], clientId }` is a URL of the server's table even though `name` came from
 * the request. Read through a `const` holding the call, and in a helper given that object. The
 * object's other fields, a spread of request data, a return that is not an object literal, and an
 * object whose field is written after the call stay what they were.
 */
const ruleTester = new RuleTester();

const koa = `const Router = require('@koa/router');
const router = new Router();
const KNOWN = {
  github: { tokenUrl: 'https://github.com/login/oauth/access_token', authorizeUrl: 'https://github.com/login/oauth/authorize' },
  gitlab: { tokenUrl: 'https://gitlab.com/oauth/token', authorizeUrl: 'https://gitlab.com/oauth/authorize' },
};
`;

ruleTester.run('no-ssrf: fields of objects returned by helpers', ssrf, {
  valid: [
    {
      name: 'a fixed field of the returned object',
      code: `${koa}const describe = (name) => ({ name, tokenUrl: 'https://auth.example.com/token' });
router.post('/connect/:name', async (ctx) => {
  ctx.body = await fetch(describe(ctx.params.name).tokenUrl, { method: 'POST' });
});`,
    },
    {
      name: 'a spread of the server table picked by the name, through a const',
      code: `${koa}const settingsFor = (name, stored) => {
  const endpoints = KNOWN[name] || { tokenUrl: stored.tokenUrl };
  if (!endpoints.tokenUrl) return null;
  return { name, ...endpoints, clientId: stored.clientId };
};
router.post('/connect/:name', async (ctx) => {
  const provider = settingsFor(ctx.params.name, await loadStoredSettings());
  ctx.body = await fetch(provider.tokenUrl, { method: 'POST' });
});`,
    },
    {
      name: 'the object handed to a helper that reads the field',
      code: `${koa}const settingsFor = (name) => ({ name, ...KNOWN[name] });
async function exchange(provider, code) {
  const response = await fetch(provider.tokenUrl, { method: 'POST', body: new URLSearchParams({ code }) });
  return response.json();
}
router.get('/connect/:name/callback', async (ctx) => {
  const provider = settingsFor(ctx.params.name);
  ctx.body = await exchange(provider, ctx.query.code);
});`,
    },
  ],
  invalid: [
    {
      name: 'the field the helper fills from its parameter',
      code: `${koa}const describe = (url) => ({ name: 'custom', tokenUrl: url });
router.post('/connect', async (ctx) => {
  ctx.body = await fetch(describe(ctx.query.url).tokenUrl);
});`,
      errors: [{ messageId: 'ssrf', line: 9 }],
    },
    {
      name: 'a spread of the request body',
      code: `${koa}const withDefaults = (options) => ({ name: 'custom', ...options });
router.post('/connect', async (ctx) => {
  ctx.body = await fetch(withDefaults(ctx.request.body).tokenUrl);
});`,
      errors: [{ messageId: 'ssrf', line: 9 }],
    },
    {
      name: 'a field written after the call',
      code: `${koa}const describe = (name) => ({ name, tokenUrl: 'https://auth.example.com/token' });
router.post('/connect/:name', async (ctx) => {
  const provider = describe(ctx.params.name);
  provider.tokenUrl = ctx.query.override;
  ctx.body = await fetch(provider.tokenUrl);
});`,
      errors: [{ messageId: 'ssrf', line: 11 }],
    },
    {
      name: 'a return that is not an object literal',
      code: `${koa}const pick = (options) => (options.custom ? options : { tokenUrl: 'https://auth.example.com/token' });
router.post('/connect', async (ctx) => {
  ctx.body = await fetch(pick(ctx.request.body).tokenUrl);
});`,
      errors: [{ messageId: 'ssrf', line: 9 }],
    },
    {
      name: 'the helper reads the field that holds input',
      code: `${koa}const settingsFor = (host) => ({ host, tokenUrl: \`https://\${host}/oauth/token\` });
async function exchange(provider) {
  return fetch(provider.tokenUrl, { method: 'POST' });
}
router.post('/connect', async (ctx) => {
  const provider = settingsFor(ctx.query.host);
  ctx.body = await exchange(provider);
});`,
      errors: [{ messageId: 'ssrf', line: 9 }],
    },
  ],
});

ruleTester.run('no-open-redirect: fields of objects returned by helpers', openRedirect, {
  valid: [
    {
      name: 'the authorize URL of the provider the path names',
      code: `${koa}const settingsFor = (name) => ({ name, ...KNOWN[name] });
router.get('/connect/:name', async (ctx) => {
  const provider = settingsFor(ctx.params.name);
  ctx.redirect(\`\${provider.authorizeUrl}?state=\${encodeURIComponent(ctx.state.nonce)}\`);
});`,
    },
  ],
  invalid: [
    {
      name: 'the name itself is the redirect',
      code: `${koa}const settingsFor = (name) => ({ name, ...KNOWN[name] });
router.get('/connect/:name', async (ctx) => {
  const provider = settingsFor(ctx.params.name);
  ctx.redirect(\`//\${provider.name}\`);
});`,
      errors: [{ messageId: 'openRedirect', line: 10 }],
    },
  ],
});
