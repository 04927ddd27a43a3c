import * as childProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import commandRule from '../../src/rules/no-command-injection.js';
import nosqlRule from '../../src/rules/no-nosql-injection.js';
import xssRule from '../../src/rules/no-reflected-xss.js';
import ssrfRule from '../../src/rules/no-ssrf.js';
import { applySuggestions, routeHandlerSource } from './helpers.js';

/*
 * The suggestions of the taint rules, run: the handler before and after each fix, with real
 * packages where the behaviour lives (child_process, escape-html, the WHATWG URL parser, sift's
 * MongoDB query semantics), on a benign value (same result) and an attack (no longer works).
 */

type Handler = (req: unknown, res: unknown) => unknown;

// escape-html (an Express dependency) and sift (Mongoose's MongoDB query matcher) ship CommonJS.
const require = createRequire(import.meta.url);
const escapeHtml = require('escape-html') as (text: string) => string;
const sift = (require('sift') as { default: (query: object) => (item: unknown) => boolean }).default;

/** Runs a handler's source with `bindings` in scope; resolves with what it sent. */
function send(handler: string, bindings: Record<string, unknown>, req: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const res = { send: resolve, json: resolve, end: resolve };
    const fn = new Function(...Object.keys(bindings), `return (${handler});`)(...Object.values(bindings)) as Handler;
    Promise.resolve(fn(req, res)).catch(reject);
  });
}

function suggested(rule: unknown, code: string): { original: string; fixes: { desc: string; handler: string }[] } {
  const { suggestions } = applySuggestions(rule as never, code);
  expect(suggestions.length).toBeGreaterThan(0);
  return { original: routeHandlerSource(code), fixes: suggestions.map((suggestion) => ({ desc: suggestion.desc, handler: routeHandlerSource(suggestion.output) })) };
}

describe('no-command-injection: execFile with an argument array', () => {
  it('runs the same program, and shell syntax in the value is only an argument', async () => {
    const code = `import express from 'express';
import cp from 'node:child_process';
const app = express();
app.get('/f', (req, res) => cp.exec(\`echo \${req.query.file} out.png\`, (error, stdout) => res.send(stdout)));
`;
    const { original, fixes } = suggested(commandRule, code);
    expect(fixes).toHaveLength(1);
    const fixed = fixes[0]!.handler;
    expect(fixed).toContain("cp.execFile('echo', [req.query.file, 'out.png']");
    const cp = childProcess;
    const benign = { query: { file: 'photo.jpg' } };
    expect(await send(fixed, { cp }, benign)).toBe(await send(original, { cp }, benign));
    const attack = { query: { file: 'a; echo INJECTED' } };
    expect(await send(original, { cp }, attack)).toMatch(/^INJECTED out\.png$/mu);
    expect(await send(fixed, { cp }, attack)).toBe('a; echo INJECTED out.png\n');
  });
});

describe('no-nosql-injection: String() and $eq', () => {
  const users = [
    { name: 'alice', password: 's3cret' },
    { name: 'bob', password: 'hunter2' },
  ];
  const User = { findOne: (filter: object) => Promise.resolve(users.find(sift(filter)) ?? null) };
  const code = `import express from 'express';
import { User } from './models';
const app = express();
app.post('/login', async (req, res) => res.json(await User.findOne({ name: req.body.name, password: req.body.password })));
`;

  it('each suggestion keeps a login working and stops an operator in the body', async () => {
    const { original, fixes } = suggested(nosqlRule, code);
    const passwordFixes = fixes.filter((fix) => /String\(req\.body\.password\)|\$eq: req\.body\.password/u.test(fix.handler));
    expect(passwordFixes).toHaveLength(2);
    const benign = { body: { name: 'alice', password: 's3cret' } };
    const attack = { body: { name: 'alice', password: { $ne: null } } };
    expect(await send(original, { User }, attack)).toEqual(users[0]);
    for (const fix of passwordFixes) {
      expect(await send(fix.handler, { User }, benign)).toEqual(users[0]);
      expect(await send(fix.handler, { User }, attack)).toBeNull();
    }
  });
});

describe('no-reflected-xss: the imported escaper', () => {
  it('the same page for a name, and markup in the value is shown as text', async () => {
    const code = `import express from 'express';
import escapeHtml from 'escape-html';
const app = express();
app.get('/hello/:name', (req, res) => res.send('<h1>Hello ' + req.params.name + '</h1>'));
`;
    const { original, fixes } = suggested(xssRule, code);
    expect(fixes).toHaveLength(1);
    const fixed = fixes[0]!.handler;
    const benign = { params: { name: 'Bob' } };
    expect(await send(fixed, { escapeHtml }, benign)).toBe(await send(original, { escapeHtml }, benign));
    const attack = { params: { name: '<script>alert(1)</script>' } };
    expect(await send(original, { escapeHtml }, attack)).toContain('<script>');
    const page = (await send(fixed, { escapeHtml }, attack)) as string;
    expect(page).not.toMatch(/<script/iu);
    expect(page).toBe('<h1>Hello &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
  });
});

describe('no-ssrf: encodeURIComponent() for a path segment or query value', () => {
  const requested: URL[] = [];
  const fetch = (url: string): Promise<string> => {
    requested.push(new URL(url));
    return Promise.resolve('ok');
  };
  const last = (): URL => requested[requested.length - 1]!;

  it.each([
    ['a path segment', "app.get('/u/:id', async (req, res) => res.json(await fetch(`https://api.internal/users/${req.params.id}`)));", { params: { id: '42' } }, { params: { id: '../admin?all=1#' } }],
    ['a query value', "app.get('/s', async (req, res) => res.json(await fetch('https://api.internal/users/search?q=' + req.query.q)));", { query: { q: 'bob' } }, { query: { q: 'x&role=admin#' } }],
  ])('%s stays one segment or value of the same endpoint', async (_name, route, benign, attack) => {
    const code = `import express from 'express';\nconst app = express();\n${route}\n`;
    const { original, fixes } = suggested(ssrfRule, code);
    expect(fixes).toHaveLength(1);
    const fixed = fixes[0]!.handler;
    await send(original, { fetch }, benign);
    const expected = last().href;
    await send(fixed, { fetch }, benign);
    expect(last().href).toBe(expected);
    await send(original, { fetch }, attack);
    const escaped = last();
    expect(escaped.pathname === '/admin' || escaped.searchParams.has('role')).toBe(true);
    await send(fixed, { fetch }, attack);
    const kept = last();
    expect(kept.pathname.startsWith('/users/')).toBe(true);
    expect(kept.pathname.split('/')).toHaveLength(3);
    expect(kept.hash).toBe('');
    expect(kept.searchParams.has('role')).toBe(false);
    expect(kept.searchParams.has('all')).toBe(false);
  });
});
