import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import ssrf from '../../src/rules/no-ssrf.js';
import openRedirect from '../../src/rules/no-open-redirect.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A URL check written as a predicate the caller tests (`if (!isAllowedUrl(target)) return …`),
 * judged by its body: it ends the SSRF and open-redirect taint of the URL when every truthy return
 * checks the parsed host or origin against a fixed list, an exact origin, or a regex anchored on a
 * fixed host; also when the predicate is `async` and awaited, or lives in another module. A
 * substring test, a prefix without the slash that ends the host, a test of the protocol alone, an
 * `async` predicate tested without `await`, or a failing branch that goes on guard nothing.
 */

const ruleTester = new RuleTester();

const lineOf = (code: string, text: string): number => code.split('\n').findIndex((line) => line.includes(text)) + 1;
const reported =
  <M extends string>(messageId: M, sink: string) =>
  (test: { name: string; code: string }) => ({ ...test, errors: [{ messageId, line: lineOf(test.code, sink) }] });

/** A proxy route that fetches `target` with axios after `check`. */
const proxy = (predicate: string, check = "if (!isAllowedUrl(target)) return res.status(400).end();") => `import express from 'express';
import axios from 'axios';
const app = express();
const ALLOWED_HOSTS = ['api.example.com', 'cdn.example.com'];
const ALLOWED_HOST_SET = new Set(['api.example.com', 'cdn.example.com']);
${predicate}
app.get('/proxy', async (req, res) => {
  const target = String(req.query.url);
  ${check}
  const upstream = await axios.get(target);
  res.json(upstream.data);
});`;

const hostList = `function isAllowedUrl(u) {
  const { hostname, protocol } = new URL(u);
  return protocol === 'https:' && ALLOWED_HOSTS.includes(hostname);
}`;

ruleTester.run('no-ssrf: URL predicates the caller tests', ssrf, {
  valid: [
    { name: 'destructured host and protocol, host in a fixed list', code: proxy(hostList) },
    { name: 'host in a fixed Set', code: proxy("const isAllowedUrl = (u) => { const url = new URL(u); return url.protocol === 'https:' && ALLOWED_HOST_SET.has(url.hostname); };") },
    { name: 'exact origin', code: proxy("function isAllowedUrl(u) { return new URL(u).origin === 'https://api.example.com'; }") },
    { name: 'regex anchored on a fixed host', code: proxy("function isAllowedUrl(u) { return /^(?:api|cdn)\\.example\\.com$/.test(new URL(u).hostname); }") },
    { name: 'regex anchored on fixed subdomains of one domain', code: proxy("const HOST = /^[a-z0-9-]+\\.example\\.com$/i;\nfunction isAllowedUrl(u) { const { hostname } = new URL(u); return HOST.test(hostname); }") },
    { name: 'regex anchored on the origin and the slash after it', code: proxy("function isAllowedUrl(u) { return /^https:\\/\\/api\\.example\\.com\\//.test(u); }") },
    { name: 'async predicate, awaited', code: proxy(hostList.replace('function', 'async function'), 'if (!(await isAllowedUrl(target))) return res.status(400).end();') },
    { name: 'async predicate, awaited into a constant', code: proxy(hostList.replace('function', 'async function'), 'const ok = await isAllowedUrl(target);\n  if (!ok) return res.status(400).end();') },
    { name: 'inline: regex anchored on a fixed host', code: proxy('', "if (!/^api\\.example\\.com$/.test(new URL(target).hostname)) return res.status(400).end();") },
    { name: 'inline: regex anchored on the origin, then the end or a slash', code: proxy('', "if (!/^https:\\/\\/api\\.example\\.com(?:\\/|$)/.test(target)) return res.status(400).end();") },
    { name: 'the failing branch throws', code: proxy(hostList, "if (!isAllowedUrl(target)) throw new Error('host not allowed');") },
    {
      name: 'the request inside the passing branch',
      code: `import express from 'express';
const app = express();
const ALLOWED_HOSTS = new Set(['api.example.com']);
async function isAllowedUrl(u) {
  const { hostname, protocol } = new URL(u);
  return protocol === 'https:' && ALLOWED_HOSTS.has(hostname);
}
app.get('/proxy', async (req, res) => {
  const target = req.query.url;
  if (await isAllowedUrl(target)) {
    const upstream = await fetch(target);
    return res.send(await upstream.text());
  }
  res.status(400).end();
});`,
    },
  ],
  invalid: [
    { name: 'substring test', code: proxy("function isAllowedUrl(u) { return u.includes('example.com'); }") },
    { name: 'a prefix without the slash after the host', code: proxy("function isAllowedUrl(u) { return u.startsWith('https://example.com'); }") },
    { name: 'the protocol only', code: proxy("function isAllowedUrl(u) { return new URL(u).protocol === 'https:'; }") },
    { name: 'regex on the host without the start anchor', code: proxy("function isAllowedUrl(u) { return /api\\.example\\.com$/.test(new URL(u).hostname); }") },
    { name: 'regex on the host without the end anchor', code: proxy("function isAllowedUrl(u) { return /^api\\.example\\.com/.test(new URL(u).hostname); }") },
    { name: 'regex on the host with an unescaped dot', code: proxy("function isAllowedUrl(u) { return /^api.example.com$/.test(new URL(u).hostname); }") },
    { name: 'regex on the host that any name passes', code: proxy("function isAllowedUrl(u) { return /^[\\w.-]+$/.test(new URL(u).hostname); }") },
    { name: 'regex on the origin without the slash after the host', code: proxy("function isAllowedUrl(u) { return /^https:\\/\\/api\\.example\\.com/.test(u); }") },
    { name: 'inline: regex on the host without the end anchor', code: proxy('', "if (!/^api\\.example\\.com/.test(new URL(target).hostname)) return res.status(400).end();") },
    { name: 'inline: regex on the origin without the slash after the host', code: proxy('', "if (!/^https:\\/\\/api\\.example\\.com/.test(target)) return res.status(400).end();") },
    { name: 'inline: a top-level alternation leaves one side unanchored', code: proxy('', "if (!/^api\\.example\\.com$|example/.test(new URL(target).hostname)) return res.status(400).end();") },
    { name: 'the failing branch goes on', code: proxy(hostList, "if (!isAllowedUrl(target)) { console.warn('unexpected host', target); }") },
    { name: 'async predicate tested without await (a promise is always truthy)', code: proxy(hostList.replace('function', 'async function')) },
    { name: 'async predicate that only tests the protocol', code: proxy("async function isAllowedUrl(u) { return new URL(u).protocol === 'https:'; }", 'if (!(await isAllowedUrl(target))) return res.status(400).end();') },
  ].map(reported('ssrf', 'axios.get(')),
});

const bounce = (predicate: string, check = "if (!isAllowedUrl(next)) return res.redirect('/');") => `import express from 'express';
const app = express();
const ALLOWED_HOSTS = new Set(['app.example.com', 'docs.example.com']);
${predicate}
app.get('/continue', async (req, res) => {
  const next = String(req.query.next);
  ${check}
  res.redirect(next);
});`;

ruleTester.run('no-open-redirect: URL predicates the caller tests', openRedirect, {
  valid: [
    { name: 'host in a fixed Set', code: bounce("function isAllowedUrl(u) { const { hostname, protocol } = new URL(u); return protocol === 'https:' && ALLOWED_HOSTS.has(hostname); }") },
    { name: 'regex anchored on a fixed host', code: bounce("function isAllowedUrl(u) { return /^(?:app|docs)\\.example\\.com$/.test(new URL(u).hostname); }") },
    { name: 'async predicate, awaited', code: bounce("async function isAllowedUrl(u) { return ALLOWED_HOSTS.has(new URL(u).hostname); }", "if (!(await isAllowedUrl(next))) return res.redirect('/');") },
  ],
  invalid: [
    { name: 'substring test', code: bounce("function isAllowedUrl(u) { return u.includes('example.com'); }") },
    { name: 'the protocol only', code: bounce("function isAllowedUrl(u) { return new URL(u).protocol === 'https:'; }") },
    { name: 'async predicate tested without await', code: bounce("async function isAllowedUrl(u) { return ALLOWED_HOSTS.has(new URL(u).hostname); }") },
  ].map(reported('openRedirect', 'res.redirect(next)')),
});

const rules = { 'api-security/no-ssrf': 'error', 'api-security/no-open-redirect': 'error' } as const;

const route = `import express from 'express';
import { isAllowedUrl } from '../lib/urls.js';
const app = express();
app.get('/proxy', async (req, res) => {
  const target = String(req.query.url);
  if (!(await isAllowedUrl(target))) return res.status(400).end();
  const upstream = await fetch(target);
  res.send(await upstream.text());
});
app.get('/continue', async (req, res) => {
  const next = String(req.query.next);
  if (!(await isAllowedUrl(next))) return res.redirect('/');
  res.redirect(next);
});
export default app;
`;

describe('URL predicates of another module', () => {
  it('an async predicate that checks the host against a fixed list guards both sinks', async () => {
    const dir = writeProject({
      'lib/urls.js': `const ALLOWED_HOSTS = new Set(['api.example.com']);
export async function isAllowedUrl(u) {
  const { hostname, protocol } = new URL(u);
  return protocol === 'https:' && ALLOWED_HOSTS.has(hostname);
}
`,
      'routes/proxy.js': route,
    });
    expect(summary(await lintProjectFile(dir, 'routes/proxy.js', rules))).toEqual([]);
  });

  it('a sync predicate with a regex anchored on the host guards both sinks', async () => {
    const dir = writeProject({
      'lib/urls.js': `export function isAllowedUrl(u) {
  return /^(?:api|cdn)\\.example\\.com$/.test(new URL(u).hostname);
}
`,
      'routes/proxy.js': route,
    });
    expect(summary(await lintProjectFile(dir, 'routes/proxy.js', rules))).toEqual([]);
  });

  it('a predicate that tests a substring guards nothing', async () => {
    const dir = writeProject({
      'lib/urls.js': `export async function isAllowedUrl(u) {
  return u.includes('example.com');
}
`,
      'routes/proxy.js': route,
    });
    expect(summary(await lintProjectFile(dir, 'routes/proxy.js', rules))).toEqual(['7 api-security/no-ssrf', '13 api-security/no-open-redirect']);
  });

  it('an async predicate tested without await guards nothing', async () => {
    const dir = writeProject({
      'lib/urls.js': `const ALLOWED_HOSTS = new Set(['api.example.com']);
export async function isAllowedUrl(u) {
  return ALLOWED_HOSTS.has(new URL(u).hostname);
}
`,
      'routes/proxy.js': route.replaceAll('!(await isAllowedUrl(target))', '!isAllowedUrl(target)').replaceAll('!(await isAllowedUrl(next))', '!isAllowedUrl(next)'),
    });
    expect(summary(await lintProjectFile(dir, 'routes/proxy.js', rules))).toEqual(['7 api-security/no-ssrf', '13 api-security/no-open-redirect']);
  });
});
