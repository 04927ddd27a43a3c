import { RuleTester } from '@typescript-eslint/rule-tester';
import pathTraversal from '../../src/rules/no-path-traversal.js';
import ssrf from '../../src/rules/no-ssrf.js';
import openRedirect from '../../src/rules/no-open-redirect.js';
import commandInjection from '../../src/rules/no-command-injection.js';
import sqlInjection from '../../src/rules/no-sql-injection.js';

const ruleTester = new RuleTester();

/** The 1-based line of the first line of `code` that contains `text`: where the sink call is. */
const lineOf = (code: string, text: string): number => code.split('\n').findIndex((line) => line.includes(text)) + 1;
/** The case reported once, by `messageId`, on the line of the sink call `sink`. */
const reported =
  <M extends string>(messageId: M, sink: string) =>
  (test: { name: string; code: string }) => ({ ...test, errors: [{ messageId, line: lineOf(test.code, sink) }] });

/** An upload handler that writes to `path.join(dir, fileId)` after `check` rejected bad ids. */
const upload = (predicate: string, check = 'if (!isValidFileId(fileId)) { res.status(400).send(\'invalid\'); return; }') => `import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
const app = express();
const dir = path.join(process.cwd(), 'uploads');
${predicate}
app.post('/upload', (req, res) => {
  const fileId = req.headers['x-file-id'];
  ${check}
  fs.writeFile(path.join(dir, fileId), req.body, () => res.end());
});`;


ruleTester.run('no-path-traversal: validators judged by their body', pathTraversal, {
  valid: [
    { name: 'function declaration testing a constant anchored regex', code: upload(`const ID_REGEX = /^[a-zA-Z0-9_-]+$/;
function isValidFileId(id) { return ID_REGEX.test(id); }`) },
    { name: 'declared after its use (hoisted)', code: `${upload('')}
function isValidFileId(id) { return ID_REGEX.test(id); }
const ID_REGEX = /^[a-zA-Z0-9_-]+$/;` },
    { name: 'const arrow with an inline regex', code: upload('const isValidFileId = (id) => /^[\\w-]+$/.test(id);') },
    { name: 'const function expression with a typeof check', code: upload(`const ID = /^[a-z0-9]+$/i;
const isValidFileId = function (id) { return typeof id === 'string' && ID.test(id); };`) },
    { name: 'new RegExp of a literal, tested on String(x)', code: upload(`const ID = new RegExp('^[A-Za-z0-9_-]{1,64}$');
function isValidFileId(id) { return ID.test(String(id)); }`) },
    { name: 'digits only', code: upload('function isValidFileId(id) { return /^\\d+$/.test(id); }') },
    { name: 'a dot that cannot form `..`', code: upload('function isValidFileId(id) { return /^[\\w-]+\\.(?:png|jpg)$/.test(id); }') },
    { name: 'early false return, then true', code: upload(`function isValidFileId(id) {
  if (!/^[\\w-]+$/.test(id)) return false;
  return true;
}`) },
    { name: 'inline regex test as an early exit', code: upload('', "if (!/^[\\w-]+$/.test(fileId)) return res.sendStatus(400);") },
  ],
  invalid: [
    { name: 'regex without anchors', code: upload('function isValidFileId(id) { return /[a-zA-Z0-9_-]+/.test(id); }') },
    { name: 'regex anchored at one end only', code: upload('function isValidFileId(id) { return /^[\\w-]+/.test(id); }') },
    { name: 'class allows a slash', code: upload('function isValidFileId(id) { return /^[\\w/-]+$/.test(id); }') },
    { name: 'class allows dots (so `..`)', code: upload('function isValidFileId(id) { return /^[\\w.-]+$/.test(id); }') },
    { name: 'inline regex whose class allows dots and slashes', code: upload('', "if (!/^[a-z0-9./]+$/.test(fileId)) return res.sendStatus(400);") },
    { name: 'm flag: anchors match at line ends', code: upload('function isValidFileId(id) { return /^[\\w-]+$/m.test(id); }') },
    { name: 'alternation escaping the anchors', code: upload('function isValidFileId(id) { return /^[\\w-]+$|\\.\\./.test(id); }') },
    { name: 'true on any non-empty value', code: upload("function isValidFileId(id) { return typeof id === 'string' && id.length > 0; }") },
    { name: 'logs and returns true', code: upload('function isValidFileId(id) { console.log(id); return true; }') },
    { name: 'two returns with different meanings', code: upload(`function isValidFileId(id) {
  if (/^[\\w-]+$/.test(id)) return true;
  return id.length < 64;
}`) },
    { name: 'used without an early exit', code: upload('function isValidFileId(id) { return /^[\\w-]+$/.test(id); }', 'isValidFileId(fileId);') },
    { name: 'checks a different variable than its parameter', code: upload(`let current = 'a';
function isValidFileId(id) { return /^[\\w-]+$/.test(current); }`) },
    { name: 'parameter reassigned before the test', code: upload("function isValidFileId(id) { id = 'x'; return /^[\\w-]+$/.test(id); }") },
    { name: 'async predicate: the promise is always truthy', code: upload('async function isValidFileId(id) { return /^[\\w-]+$/.test(id); }') },
    { name: 'predicate reassigned later', code: upload(`let isValidFileId = (id) => /^[\\w-]+$/.test(id);
isValidFileId = () => true;`) },
  ].map(reported('pathTraversal', 'fs.writeFile(')),
});

const fetcher = (predicate: string, check = 'if (!isUrlAllowed(req.query.url)) return res.status(403).end();') => `import express from 'express';
const app = express();
const ALLOWED_ORIGINS = ['https://api.example.com', 'https://cdn.example.com'];
const BLOCKED = new Set(['localhost']);
${predicate}
app.get('/proxy', async (req, res) => {
  ${check}
  res.send(await (await fetch(req.query.url)).text());
});`;


ruleTester.run('no-ssrf: URL allow-list predicates judged by their body', ssrf, {
  valid: [
    { name: 'origin in a fixed list, prefix with a slash, or a fixed host', code: fetcher(`function isUrlAllowed(target) {
  const url = new URL(target);
  if (BLOCKED.has(url.hostname)) return false;
  for (const allowed of ALLOWED_ORIGINS) if (url.origin === allowed || target.startsWith(allowed + '/')) return true;
  return url.hostname === 'api.github.com';
}`) },
    { name: 'declared after use, try/catch around the parse', code: `${fetcher('')}
function isUrlAllowed(target) {
  try {
    return ALLOWED_ORIGINS.includes(new URL(target).origin);
  } catch {
    return false;
  }
}` },
    { name: 'arrow with some() over a fixed list', code: fetcher('const isUrlAllowed = (target) => ALLOWED_ORIGINS.some((origin) => new URL(target).origin === origin);') },
    { name: 'url.parse and a subdomain suffix with a leading dot', code: `import url from 'node:url';
${fetcher(`function isUrlAllowed(target) {
  const parsed = url.parse(target);
  return typeof parsed.hostname === 'string' && parsed.hostname.endsWith('.example.com');
}`)}` },
  ],
  invalid: [
    { name: 'substring test: includes is not an allow-list', code: fetcher("function isUrlAllowed(target) { return ALLOWED_ORIGINS.some((allowed) => target.includes(allowed)); }") },
    { name: 'endsWith without a leading dot', code: fetcher("function isUrlAllowed(target) { return new URL(target).hostname.endsWith('example.com'); }") },
    { name: 'a prefix without a slash after the origin', code: fetcher('function isUrlAllowed(target) { return ALLOWED_ORIGINS.some((allowed) => target.startsWith(allowed)); }') },
    { name: 'a deny-list only', code: fetcher(`function isUrlAllowed(target) {
  const url = new URL(target);
  if (BLOCKED.has(url.hostname)) return false;
  return true;
}`) },
    { name: 'checks a URL parsed from another value', code: fetcher(`const base = process.env.BASE;
function isUrlAllowed(target) {
  const url = new URL(base);
  return url.hostname === 'api.example.com';
}`) },
    { name: 'host compared with a value that is not fixed', code: fetcher(`function isUrlAllowed(target, expected) { return new URL(target).hostname === expected; }`, 'if (!isUrlAllowed(req.query.url, req.query.host)) return res.status(403).end();') },
    { name: 'one return path checks nothing', code: fetcher(`function isUrlAllowed(target) {
  const url = new URL(target);
  if (url.protocol === 'http:') return true;
  return ALLOWED_ORIGINS.includes(url.origin);
}`) },
    { name: 'used without an early exit', code: fetcher("function isUrlAllowed(target) { return ALLOWED_ORIGINS.includes(new URL(target).origin); }", 'isUrlAllowed(req.query.url);') },
  ].map(reported('ssrf', 'await fetch(')),
});

const redirect = (predicate: string) => `import express from 'express';
const app = express();
const ALLOWED_ORIGINS = ['https://app.example.com'];
${predicate}
app.get('/go', (req, res) => {
  const next = req.query.next;
  if (!isAllowed(next)) return res.redirect('/');
  res.redirect(next);
});`;

ruleTester.run('no-open-redirect: validators judged by their body', openRedirect, {
  valid: [
    { name: 'URL allow-list predicate', code: redirect(`function isAllowed(target) {
  const url = new URL(target, 'https://app.example.com');
  return ALLOWED_ORIGINS.includes(url.origin);
}`) },
    { name: 'a slug regex: no slash, backslash or colon', code: redirect('const isAllowed = (target) => /^[a-z0-9-]+$/.test(target);') },
  ],
  invalid: [
    { name: 'substring test on the URL', code: redirect("function isAllowed(target) { return ALLOWED_ORIGINS.some((allowed) => target.includes(allowed)); }") },
    { name: 'regex allowing slashes and colons', code: redirect('const isAllowed = (target) => /^[\\w:/.-]+$/.test(target);') },
  ].map(reported('openRedirect', 'res.redirect(next)')),
});

const command = (predicate: string) => `import express from 'express';
import { exec } from 'node:child_process';
const app = express();
${predicate}
app.get('/show', (req, res) => {
  const ref = req.query.ref;
  if (!isValidRef(ref)) return res.sendStatus(400);
  exec(\`git show \${ref}\`, (error, out) => res.send(out));
});`;

ruleTester.run('no-command-injection: validators judged by their body', commandInjection, {
  valid: [
    { name: 'word characters and dashes only', code: command('function isValidRef(ref) { return /^[\\w-]{1,40}$/.test(ref); }') },
    { name: 'hex digits, declared after use', code: `${command('')}
function isValidRef(ref) { return HEX.test(ref); }
const HEX = /^[0-9a-f]+$/;` },
  ],
  invalid: [
    { name: 'class allows spaces and semicolons', code: command('function isValidRef(ref) { return /^[\\w ;-]+$/.test(ref); }') },
    { name: 'negated class', code: command('function isValidRef(ref) { return /^[^\\/]+$/.test(ref); }') },
    { name: 'unanchored', code: command('function isValidRef(ref) { return /[\\w-]+/.test(ref); }') },
  ].map(reported('commandInjection', 'exec(\`')),
});

ruleTester.run('no-ssrf: inline host comparisons need a fixed value', ssrf, {
  valid: [
    { name: 'host compared with a constant from the environment', code: `import express from 'express';
const app = express();
const BASE = new URL(process.env.API_BASE);
app.get('/p', async (req, res) => {
  if (new URL(req.query.url).origin !== BASE.origin) return res.sendStatus(400);
  res.send(await (await fetch(req.query.url)).text());
});` },
  ],
  invalid: [
    { name: 'host compared with another request input', code: `import express from 'express';
const app = express();
app.get('/p', async (req, res) => {
  if (new URL(req.query.url).hostname !== req.query.host) return res.sendStatus(400);
  res.send(await (await fetch(req.query.url)).text());
});` },
  ].map(reported('ssrf', 'await fetch(')),
});

const sql = (pattern: string) => `import express from 'express';
import { Pool } from 'pg';
const app = express();
const pool = new Pool();
const isValidId = (id) => ${pattern}.test(id);
app.get('/doc', async (req, res) => {
  if (!isValidId(req.query.id)) return res.sendStatus(400);
  res.json(await pool.query(\`SELECT * FROM docs WHERE id = \${req.query.id} AND owner = 1\`));
});`;

ruleTester.run('no-sql-injection: regex validators clear what their characters allow', sqlInjection, {
  valid: [
    { name: 'word characters only', code: sql('/^\\w+$/') },
    { name: 'digits only', code: sql('/^[0-9]{1,12}$/') },
  ],
  invalid: [
    // `1--` passes `[\w-]` and comments out the rest of the statement.
    { name: 'a dash allows a comment', code: sql('/^[\\w-]+$/') },
    { name: 'a space allows SQL syntax', code: sql('/^[\\w ]+$/') },
    { name: 'inline: a dash allows a comment', code: sql('/^[\\w-]+$/').replace('!isValidId(req.query.id)', '!/^[\\w-]+$/.test(req.query.id)') },
  ]
    .map(reported('sqlInjection', 'pool.query('))
    .map((test) => ({
      ...test,
      // The bound-parameter suggestion keeps the value out of the SQL text.
      errors: test.errors.map((error) => ({
        ...error,
        suggestions: [{ messageId: 'parameterize' as const, output: test.code.replace('\`SELECT * FROM docs WHERE id = \${req.query.id} AND owner = 1\`', "'SELECT * FROM docs WHERE id = $1 AND owner = 1', [req.query.id]") }],
      })),
    })),
});

/** A column default the client chooses, written raw only after `test` (held in a constant or not). */
const columnDefault = (test: string) => `import express from 'express';
import { knex } from './db.js';
const app = express();
const DEFAULT_FUNCTIONS = ['now()', 'CURRENT_TIMESTAMP', 'gen_random_uuid()'];
app.post('/columns', async (req, res) => {
  const value = req.body.defaultValue;
  ${test}
  res.end();
});`;

// A test kept in a `const` and used later is the same test: `const allowed = LIST.includes(x)`.
ruleTester.run('no-sql-injection: tests held in a constant', sqlInjection, {
  valid: [
    {
      name: 'membership in a fixed list, held in a constant',
      code: columnDefault(`const isFunction = typeof value === 'string' && DEFAULT_FUNCTIONS.includes(value);
  if (isFunction) await knex.raw('ALTER TABLE t ALTER COLUMN c SET DEFAULT ' + value);`),
    },
    {
      name: 'the negated constant ends the handler',
      code: columnDefault(`const known = DEFAULT_FUNCTIONS.includes(value);
  if (!known) return res.status(400).end();
  await knex.raw('ALTER TABLE t ALTER COLUMN c SET DEFAULT ' + value);`),
    },
  ],
  invalid: [
    {
      name: 'a constant that tests something else',
      code: columnDefault(`const present = typeof value === 'string' && value.length > 0;
  if (present) await knex.raw('ALTER TABLE t ALTER COLUMN c SET DEFAULT ' + value);`),
      errors: [{ messageId: 'sqlInjection', line: 8 }],
    },
    {
      name: 'a variable that may change before the use',
      code: columnDefault(`let allowed = DEFAULT_FUNCTIONS.includes(value);
  if (req.query.force) allowed = true;
  if (allowed) await knex.raw('ALTER TABLE t ALTER COLUMN c SET DEFAULT ' + value);`),
      errors: [{ messageId: 'sqlInjection', line: 9 }],
    },
  ],
});
