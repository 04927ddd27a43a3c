import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-ssrf.js';
import redirectRule from '../../src/rules/no-open-redirect.js';

// SSRF guards written as helpers and judged by their definition: an assertion called as a
// statement before the request, which throws when the parsed host (or an address it resolves to)
// fails a list or range test, and a predicate that compares the URL, its origin or its host with
// the entries of a list. Helpers that only look at the protocol, at emptiness, at a substring, or
// whose throw does not depend on the host, guard nothing.
const ruleTester = new RuleTester();

const header = `import express from 'express';
import dns from 'node:dns/promises';
const app = express();
app.use(express.json());
`;

/** A route that asserts the body's URL with `assertion` (awaited when `awaited`), then fetches it. */
const fetchRoute = (assertion: string, awaited = false): string => `app.post('/fetch', async (req, res) => {
  const { url } = req.body;
  ${awaited ? 'await ' : ''}${assertion}(url);
  res.send(await (await fetch(url)).text());
});`;

const privateRanges = `
const PRIVATE_PREFIXES = ['10.', '127.', '169.254.', '192.168.'];
function isPrivateAddress(address) {
  return PRIVATE_PREFIXES.some((prefix) => address.startsWith(prefix)) || address === '::1';
}
`;

ruleTester.run('no-ssrf (guard helpers)', rule, {
  valid: [
    {
      name: 'awaited assertion resolving the host and refusing private addresses',
      code: `${header}${privateRanges}
async function assertPublicUrl(raw) {
  const target = new URL(raw);
  const { address } = await dns.lookup(target.hostname);
  if (isPrivateAddress(address)) throw new Error('blocked address');
}
app.post('/webhooks/test', async (req, res) => {
  const { url } = req.body;
  await assertPublicUrl(url);
  const reply = await fetch(url, { method: 'POST' });
  res.json({ status: reply.status });
});`,
    },
    {
      name: 'every resolved address checked in a loop, URL parsed in a try',
      code: `${header}${privateRanges}
async function ensureReachable(link) {
  let parsed;
  try {
    parsed = new URL(link);
  } catch {
    throw new Error('not a URL');
  }
  const host = parsed.hostname.toLowerCase();
  const all = await dns.lookup(host, { all: true });
  for (const entry of all) {
    if (isPrivateAddress(entry.address)) throw new Error('private network');
  }
}
app.get('/preview', async (req, res) => {
  const link = String(req.query.link);
  await ensureReachable(link);
  res.send(await (await fetch(link)).text());
});`,
    },
    {
      name: 'assertion with an IP-literal branch that returns after its own check',
      code: `${header}${privateRanges}
import net from 'node:net';
async function assertPublicUrl(raw) {
  const host = new URL(raw).hostname;
  if (net.isIP(host)) {
    if (isPrivateAddress(host)) throw new Error('blocked address');
    return;
  }
  const { address } = await dns.lookup(host);
  if (isPrivateAddress(address)) throw new Error('blocked address');
}
app.post('/hooks', async (req, res) => {
  await assertPublicUrl(req.body.target);
  res.json({ status: (await fetch(req.body.target)).status });
});`,
    },
    {
      name: 'the promise API of node:dns, resolved through dns.promises',
      code: `import express from 'express';
import dns from 'node:dns';
const app = express();
const LOOPBACK = /^(?:127\\.|::1$)/;
async function assertNotLoopback(raw) {
  const addresses = await dns.promises.lookup(new URL(raw).hostname, { all: true });
  if (addresses.some((entry) => LOOPBACK.test(entry.address))) throw new Error('loopback');
}
app.get('/fetch', async (req, res) => {
  await assertNotLoopback(req.query.url);
  res.send(await (await fetch(req.query.url)).text());
});`,
    },
    {
      name: 'synchronous assertion against a fixed list of hosts',
      code: `${header}
const PARTNER_HOSTS = new Set(['api.partner-one.example', 'api.partner-two.example']);
function assertPartnerHost(value) {
  const { hostname } = new URL(value);
  if (!PARTNER_HOSTS.has(hostname)) throw new Error('unknown partner');
}
app.post('/sync', async (req, res) => {
  const endpoint = req.body.endpoint;
  assertPartnerHost(endpoint);
  const data = await (await fetch(endpoint)).json();
  res.json(data);
});`,
    },
    {
      name: 'assertion whose parsing is a helper and whose host test is a package',
      code: `${header}
import { denyList } from '@acme/network-policy';
function parseTarget(value) {
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error('invalid url');
  }
  return parsed;
}
async function assertAllowedTarget(value) {
  const parsed = parseTarget(value);
  if (await denyList.contains(parsed.hostname)) throw new Error('blocked');
  return parsed;
}
app.post('/import', async (req, res) => {
  let next = req.body.source;
  for (let hop = 0; hop < 3; hop++) {
    await assertAllowedTarget(next);
    const response = await fetch(next, { redirect: 'manual' });
    if (response.status < 300 || response.status >= 400) return res.send(await response.text());
    next = new URL(response.headers.get('location'), next).toString();
  }
  res.status(508).end();
});`,
    },
    {
      name: 'Koa: ctx.throw when the host is in a deny list',
      code: `import Koa from 'koa';
const app = new Koa();
const METADATA_HOSTS = ['169.254.169.254', 'metadata.google.internal'];
function refuseMetadata(ctx, value) {
  if (METADATA_HOSTS.includes(new URL(value).hostname)) ctx.throw(400, 'refused');
}
app.use(async (ctx) => {
  const target = ctx.query.target;
  refuseMetadata(ctx, target);
  ctx.body = await (await fetch(target)).text();
});`,
    },
    {
      name: 'predicate looping over a list the server downloads: equality and prefix ending in a slash',
      code: `${header}
let registry = [];
async function refreshRegistry() {
  const response = await fetch('https://plugins.example.com/index.json');
  registry = (await response.json()).map((item) => item.repository);
}
function isRegisteredUrl(candidate) {
  try {
    const parsed = new URL(candidate);
    const host = parsed.hostname;
    for (const repository of registry) {
      if (candidate === repository || candidate.startsWith(repository + '/') || (host === 'downloads.example.com' && parsed.pathname.startsWith('/releases/'))) return true;
    }
    return false;
  } catch {
    return false;
  }
}
app.get('/plugin-proxy', async (req, res) => {
  await refreshRegistry();
  const target = new URL(req.query.url);
  if (!isRegisteredUrl(target.href)) return res.status(403).json({ error: 'not registered' });
  res.send(await (await fetch(target.href)).text());
});`,
    },
    {
      name: 'predicate comparing origins with .some over a fixed list',
      code: `${header}
const TRUSTED = ['https://files.example.com', 'https://cdn.example.net'];
function isTrusted(address) {
  const { origin } = new URL(address);
  return TRUSTED.some((entry) => new URL(entry).origin === origin);
}
app.get('/mirror', async (req, res) => {
  if (!isTrusted(req.query.src)) return res.sendStatus(403);
  res.send(await (await fetch(req.query.src)).text());
});`,
    },
    {
      name: 'predicate with .find over literals ending in a slash',
      code: `${header}
const PREFIXES = ['https://api.example.com/v1/', 'https://api.example.com/v2/'];
function knownEndpoint(u) {
  return PREFIXES.find((prefix) => u.startsWith(prefix));
}
app.get('/relay', async (req, res) => {
  const target = req.query.target;
  if (!knownEndpoint(target)) return res.sendStatus(400);
  res.json(await (await fetch(target)).json());
});`,
    },
  ],
  invalid: [
    {
      name: 'assertion that only checks the value is present',
      code: `${header}
function assertUrlGiven(value) {
  if (!value) throw new Error('url required');
  new URL(value);
}
app.post('/fetch', async (req, res) => {
  assertUrlGiven(req.body.url);
  res.send(await (await fetch(req.body.url)).text());
});`,
      errors: [{ messageId: 'ssrf', line: 12, column: 31, endColumn: 43 }],
    },
    {
      name: 'assertion that only checks the protocol',
      code: `${header}
const SCHEMES = new Set(['http:', 'https:']);
function assertWebUrl(value) {
  const parsed = new URL(value);
  if (!SCHEMES.has(parsed.protocol)) throw new Error('http only');
}
${fetchRoute('assertWebUrl')}`,
      errors: [{ messageId: 'ssrf', line: 14, column: 31, endColumn: 34 }],
    },
    {
      name: 'assertion whose throw does not depend on the URL',
      code: `${header}
function assertProxyEnabled(value) {
  const parsed = new URL(value);
  if (!process.env.PROXY_ENABLED) throw new Error('proxy disabled');
  return parsed;
}
${fetchRoute('assertProxyEnabled')}`,
      errors: [{ messageId: 'ssrf', line: 14, column: 31, endColumn: 34 }],
    },
    {
      name: 'assertion that only checks the host is an IP literal',
      code: `${header}
import net from 'node:net';
function assertHostIsAddress(value) {
  if (!net.isIP(new URL(value).hostname)) throw new Error('address required');
}
${fetchRoute('assertHostIsAddress')}`,
      errors: [{ messageId: 'ssrf', line: 13, column: 31, endColumn: 34 }],
    },
    {
      name: 'async assertion not awaited: it rejects after the request left',
      code: `${header}${privateRanges}
async function assertPublicUrl(raw) {
  const { address } = await dns.lookup(new URL(raw).hostname);
  if (isPrivateAddress(address)) throw new Error('blocked address');
}
${fetchRoute('assertPublicUrl')}`,
      errors: [{ messageId: 'ssrf', line: 18, column: 31, endColumn: 34 }],
    },
    {
      name: 'assertion whose check the caller turns off through an option',
      code: `${header}${privateRanges}
async function assertPublicUrl(raw, options = {}) {
  const { address } = await dns.lookup(new URL(raw).hostname);
  if (!options.allowPrivate && isPrivateAddress(address)) throw new Error('blocked address');
}
app.post('/fetch', async (req, res) => {
  const { url } = req.body;
  await assertPublicUrl(url, { allowPrivate: true });
  res.send(await (await fetch(url)).text());
});`,
      errors: [{ messageId: 'ssrf', line: 18, column: 31, endColumn: 34 }],
    },
    {
      name: 'assertion whose check an option turns off, read through a destructured alias',
      code: `${header}${privateRanges}
async function assertPublicUrl(raw, options = {}) {
  const { allowPrivate = false } = options;
  const { address } = await dns.lookup(new URL(raw).hostname);
  if (!allowPrivate && isPrivateAddress(address)) throw new Error('blocked address');
}
app.post('/fetch', async (req, res) => {
  const { url } = req.body;
  await assertPublicUrl(url, { allowPrivate: true });
  res.send(await (await fetch(url)).text());
});`,
      errors: [{ messageId: 'ssrf', line: 19, column: 31, endColumn: 34 }],
    },
    {
      name: 'predicate over a module list that a route adds request input to',
      code: `${header}
const trusted = [];
app.post('/trust', (req, res) => {
  trusted.push(req.body.url);
  res.end();
});
function isTrusted(candidate) {
  for (const entry of trusted) if (candidate === entry) return true;
  return false;
}
app.get('/fetch', async (req, res) => {
  if (!isTrusted(req.query.url)) return res.status(403).end();
  res.send(await (await fetch(req.query.url)).text());
});`,
      errors: [{ messageId: 'ssrf', line: 17, column: 31, endColumn: 44 }],
    },
    {
      name: 'assertion that returns early before its host test',
      code: `${header}${privateRanges}
async function assertPublicUrl(raw) {
  if (process.env.OUTBOUND_UNRESTRICTED) return;
  const { address } = await dns.lookup(new URL(raw).hostname);
  if (isPrivateAddress(address)) throw new Error('blocked address');
}
${fetchRoute('assertPublicUrl', true)}`,
      errors: [{ messageId: 'ssrf', line: 19, column: 31, endColumn: 34 }],
    },
    {
      name: 'a lookup that is not DNS: a cache of the project',
      code: `${header}${privateRanges}
import { lookup } from './host-cache';
async function assertPublicUrl(raw) {
  const { address } = await lookup(new URL(raw).hostname);
  if (isPrivateAddress(address)) throw new Error('blocked address');
}
${fetchRoute('assertPublicUrl', true)}`,
      errors: [{ messageId: 'ssrf', line: 19, column: 31, endColumn: 34 }],
    },
    {
      name: 'throw inside a try whose catch carries on',
      code: `${header}
const BLOCKED = ['localhost', '127.0.0.1'];
function assertNotLocal(value) {
  try {
    if (BLOCKED.includes(new URL(value).hostname)) throw new Error('local');
  } catch (error) {
    console.warn(error);
  }
}
${fetchRoute('assertNotLocal')}`,
      errors: [{ messageId: 'ssrf', line: 17, column: 31, endColumn: 34 }],
    },
    {
      name: 'predicate with a substring test',
      code: `${header}
const ALLOWED = ['api.example.com'];
function isAllowed(u) {
  return ALLOWED.some((entry) => u.includes(entry));
}
app.get('/relay', async (req, res) => {
  if (!isAllowed(req.query.target)) return res.sendStatus(403);
  res.send(await (await fetch(req.query.target)).text());
});`,
      errors: [{ messageId: 'ssrf', line: 12, column: 31, endColumn: 47 }],
    },
    {
      name: 'predicate with a prefix test of the raw URL against a host without a trailing slash',
      code: `${header}
const ALLOWED = ['https://api.example.com'];
function isAllowed(u) {
  for (const entry of ALLOWED) if (u.startsWith(entry)) return true;
  return false;
}
app.get('/relay', async (req, res) => {
  if (!isAllowed(req.query.target)) return res.sendStatus(403);
  res.send(await (await fetch(req.query.target)).text());
});`,
      errors: [{ messageId: 'ssrf', line: 13, column: 31, endColumn: 47 }],
    },
    {
      name: 'predicate prefix against entries of a downloaded list without a slash',
      code: `${header}
let registry = [];
async function refreshRegistry() {
  registry = await (await fetch('https://plugins.example.com/index.json')).json();
}
function isRegisteredUrl(candidate) {
  return registry.some((entry) => candidate.startsWith(entry));
}
app.get('/plugin-proxy', async (req, res) => {
  await refreshRegistry();
  if (!isRegisteredUrl(req.query.url)) return res.status(403).end();
  res.send(await (await fetch(req.query.url)).text());
});`,
      errors: [{ messageId: 'ssrf', line: 16, column: 31, endColumn: 44 }],
    },
  ],
});

ruleTester.run('no-open-redirect (guard helpers)', redirectRule, {
  valid: [
    {
      name: 'assertion that throws unless the host is in a fixed allow-list',
      code: `${header}
const RETURN_HOSTS = ['app.example.com', 'admin.example.com'];
function assertReturnHost(value) {
  if (!RETURN_HOSTS.includes(new URL(value).hostname)) throw new Error('unknown return host');
}
app.get('/done', (req, res) => {
  const next = String(req.query.next);
  assertReturnHost(next);
  res.redirect(next);
});`,
    },
  ],
  invalid: [
    {
      name: 'assertion that refuses private addresses says nothing about a redirect',
      code: `${header}${privateRanges}
async function assertPublicUrl(raw) {
  const { address } = await dns.lookup(new URL(raw).hostname);
  if (isPrivateAddress(address)) throw new Error('blocked address');
}
app.get('/done', async (req, res) => {
  const next = String(req.query.next);
  await assertPublicUrl(next);
  res.redirect(next);
});`,
      errors: [{ messageId: 'openRedirect', line: 18, column: 16, endColumn: 20 }],
    },
  ],
});
