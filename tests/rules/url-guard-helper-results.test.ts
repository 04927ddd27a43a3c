import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-ssrf.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

// A helper that parses a URL, throws unless its host is in a fixed list, and returns the URL (or
// the argument as given): what it returns names an allowed host, and the argument does too after
// the call. Judged by the helper's body, in this file or imported. A helper that checks only the
// protocol, checks the host's end without a dot boundary, logs instead of throwing, takes its list
// from the caller (who passes the request's), or returns something else on a path, clears nothing.
const ruleTester = new RuleTester();

const header = `import express from 'express';
const app = express();
`;

const assertAllowed = `
const ALLOWED_HOSTS = ['images.example.com', 'cdn.example.com'];
function assertAllowedUrl(raw) {
  let parsed;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error('not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('bad protocol');
  if (!ALLOWED_HOSTS.includes(parsed.hostname)) throw new Error('host not allowed');
  return parsed;
}
`;

/** A helper `check(raw)` of the body `body` (after `const target = new URL(raw);`), returning `returned`. */
const helper = (body: string, returned = 'target'): string => `
function check(raw) {
  const target = new URL(raw);
  ${body}
  return ${returned};
}
`;

const fetchResult = `app.get('/thumbnail', async (req, res) => {
  const target = check(req.query.src);
  res.send(Buffer.from(await (await fetch(target)).arrayBuffer()));
});`;

ruleTester.run('no-ssrf (helpers that return the URL they allowed)', rule, {
  valid: [
    {
      name: 'the URL the helper parsed and allowed, fetched',
      code: `${header}${assertAllowed}
app.get('/image', async (req, res) => {
  const url = assertAllowedUrl(req.query.src);
  res.send(Buffer.from(await (await fetch(url)).arrayBuffer()));
});`,
    },
    {
      name: 'the argument itself, fetched after the helper accepted it in a declaration',
      code: `${header}${assertAllowed}
app.get('/image', async (req, res) => {
  const src = String(req.query.src);
  const checked = assertAllowedUrl(src);
  console.log('fetching', checked.href);
  res.send(Buffer.from(await (await fetch(src)).arrayBuffer()));
});`,
    },
    {
      name: 'a helper that returns its argument after a Set membership test of the host',
      code: `${header}${helper("if (!KNOWN.has(target.host)) throw new Error('unknown host');", 'raw')}
const KNOWN = new Set(['api.partner.example']);
${fetchResult}`,
    },
    {
      name: 'the host test delegated to a predicate of the same file over a fixed list',
      code: `${header}
const HOSTS = ['media.example.org'];
function isAllowedHost(host) {
  return HOSTS.includes(host.toLowerCase());
}
${helper("const host = target.hostname.replace(/^\\[/, '').replace(/\\]$/, '');\n  if (!isAllowedHost(host)) throw new Error('blocked');")}
${fetchResult}`,
    },
    {
      name: 'an async helper whose result is awaited',
      code: `${header}
const ORIGINS = new Set(['https://hooks.example.net']);
async function allowedTarget(raw) {
  const target = new URL(raw);
  if (!ORIGINS.has(target.origin)) throw new Error('origin not allowed');
  return target;
}
app.post('/hook', async (req, res) => {
  const target = await allowedTarget(req.body.url);
  res.json({ status: (await fetch(target, { method: 'POST' })).status });
});`,
    },
  ],
  invalid: [
    {
      name: 'a helper that checks only the protocol',
      code: `${header}${helper("if (target.protocol !== 'https:') throw new Error('https only');")}
${fetchResult}`,
      errors: [{ messageId: 'ssrf', line: 12 }],
    },
    {
      name: 'a helper that checks the end of the host without a dot boundary',
      code: `${header}${helper("if (!target.hostname.endsWith('example.com')) throw new Error('foreign host');")}
${fetchResult}`,
      errors: [{ messageId: 'ssrf', line: 12 }],
    },
    {
      name: 'a helper that checks the start of the host',
      code: `${header}${helper("if (!target.hostname.startsWith('images.')) throw new Error('foreign host');")}
${fetchResult}`,
      errors: [{ messageId: 'ssrf', line: 12 }],
    },
    {
      name: 'a helper that tests a substring of the host',
      code: `${header}${helper("if (!target.hostname.includes('example.com')) throw new Error('foreign host');")}
${fetchResult}`,
      errors: [{ messageId: 'ssrf', line: 12 }],
    },
    {
      name: 'a helper that logs instead of throwing',
      code: `${header}
const ALLOWED = ['images.example.com'];
${helper("if (!ALLOWED.includes(target.hostname)) console.warn('unexpected host', target.hostname);")}
${fetchResult}`,
      errors: [{ messageId: 'ssrf', line: 14 }],
    },
    {
      name: 'a helper that returns the argument early when the host is not in the list',
      code: `${header}
const ALLOWED = ['images.example.com'];
${helper("if (!ALLOWED.includes(target.hostname)) return raw;")}
${fetchResult}`,
      errors: [{ messageId: 'ssrf', line: 14 }],
    },
    {
      name: 'a helper whose list is given by the caller, who passes the request\'s',
      code: `${header}
function check(raw, allowed) {
  const target = new URL(raw);
  if (!allowed.includes(target.hostname)) throw new Error('host not allowed');
  return target;
}
app.get('/thumbnail', async (req, res) => {
  const target = check(req.query.src, String(req.query.hosts).split(','));
  res.send(Buffer.from(await (await fetch(target)).arrayBuffer()));
});`,
      errors: [{ messageId: 'ssrf', line: 11 }],
    },
    {
      name: 'a helper that returns a URL built from something else than its argument',
      code: `${header}
const ALLOWED = ['images.example.com'];
function check(raw, next) {
  const target = new URL(raw);
  if (!ALLOWED.includes(target.hostname)) throw new Error('host not allowed');
  return new URL(next);
}
app.get('/thumbnail', async (req, res) => {
  const target = check(req.query.src, req.query.next);
  res.send(Buffer.from(await (await fetch(target)).arrayBuffer()));
});`,
      errors: [{ messageId: 'ssrf', line: 12 }],
    },
    {
      name: 'another value fetched than the one the helper allowed',
      code: `${header}${assertAllowed}
app.get('/image', async (req, res) => {
  assertAllowedUrl(req.query.src);
  const url = assertAllowedUrl(req.query.src);
  res.send(Buffer.from(await (await fetch(req.query.fallback || url)).arrayBuffer()));
});`,
      errors: [{ messageId: 'ssrf', line: 20 }],
    },
  ],
});

describe('no-ssrf: an imported helper that returns the URL it allowed', () => {
  const rules = { 'api-security/no-ssrf': 'error' } as const;
  const route = `import express from 'express';
import { assertAllowedUrl } from './secure-url.js';
const app = express();
app.get('/image', async (req, res) => {
  const url = assertAllowedUrl(req.query.src);
  res.send(Buffer.from(await (await fetch(url)).arrayBuffer()));
});
`;

  it('accepts the result of a helper of another file that throws unless the host is listed', async () => {
    const dir = writeProject({ 'secure-url.js': assertAllowed.replace('function assertAllowedUrl', 'export function assertAllowedUrl'), 'routes.js': route });
    expect(await lintProjectFile(dir, 'routes.js', rules)).toEqual([]);
  });

  it('does not accept one of another file that only checks the protocol', async () => {
    const dir = writeProject({
      'secure-url.js': "export function assertAllowedUrl(raw) {\n  const parsed = new URL(raw);\n  if (parsed.protocol !== 'https:') throw new Error('https only');\n  return parsed;\n}\n",
      'routes.js': route,
    });
    expect((await lintProjectFile(dir, 'routes.js', rules)).map((message) => message.line)).toEqual([6]);
  });
});
