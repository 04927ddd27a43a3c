import { RuleTester } from '@typescript-eslint/rule-tester';
import xssRule from '../../src/rules/no-reflected-xss.js';
import redirectRule from '../../src/rules/no-open-redirect.js';

/*
 * A value looked up in a collection by a client-chosen key is a value the collection holds, not
 * the key. A keyed write (`set`, `add` or `append` given two or more arguments) stores its later
 * arguments under its first; a lookup (a method call given arguments, `cache.get(key)`) returns
 * what was stored. So a response cache keyed by the request's URL replays what a handler sent,
 * and the URL is not in it. What the request puts into the collection as a value stays tainted,
 * and so do the keys where the collection is iterated or serialised (`[...seen.keys()]`).
 */

const ruleTester = new RuleTester();

ruleTester.run('no-reflected-xss (lookups by a tainted key)', xssRule, {
  valid: [
    {
      name: 'a response cache keyed by the request URL replays the stored page',
      code: `import express from 'express';
const app = express();
const pages = new Map();
function remember(key, body) {
  pages.set(key, { body, at: Date.now() });
}
app.use((req, res, next) => {
  const key = req.originalUrl;
  const hit = pages.get(key);
  if (hit) return res.send(hit.body);
  next();
});
app.get('/about', (req, res) => {
  const body = '<h1>About us</h1>';
  remember(req.originalUrl, body);
  res.send(body);
});`,
    },
    {
      name: 'a store of another module: add(key, entry, ttl) and getValue(key)',
      code: `import express from 'express';
import { TtlStore } from './ttl-store.js';
const app = express();
const store = new TtlStore();
function keep(key, entry) {
  store.add(key, entry, 60000);
}
app.use((req, res, next) => {
  const cached = store.getValue(req.originalUrl);
  if (cached) {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    return res.end(cached.data);
  }
  keep(req.originalUrl, { data: '<p>rendered once</p>' });
  next();
});`,
    },
  ],
  invalid: [
    {
      name: 'the same cache, storing what the request sent',
      code: `import express from 'express';
const app = express();
const pages = new Map();
function remember(key, body) {
  pages.set(key, { body, at: Date.now() });
}
app.use((req, res, next) => {
  const key = req.originalUrl;
  const hit = pages.get(key);
  if (hit) return res.send(hit.body);
  next();
});
app.get('/about', (req, res) => {
  remember(req.originalUrl, req.query.note);
  res.json({ ok: true });
});`,
      errors: [{ messageId: 'reflectedXss', line: 10, data: { source: '`req.query.note`', sourceLine: 14, sink: 'res.send', sinkLine: 10, via: ' through `remember` (called on line 14 by the handler of GET /about)' } }],
    },
    {
      name: 'the keys, iterated, stay tainted',
      code: `import express from 'express';
const app = express();
const seen = new Map();
app.get('/hello', (req, res) => {
  seen.set(req.query.name, Date.now());
  res.send('<ul>' + [...seen.keys()].join('') + '</ul>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'a field of the request read by a client-chosen name',
      code: `import express from 'express';
const app = express();
app.get('/field/:name', (req, res) => {
  res.send('<p>' + req.query[req.params.name] + '</p>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
  ],
});

ruleTester.run('no-open-redirect (lookups by a tainted key)', redirectRule, {
  valid: [
    {
      name: 'short links: the code is the key, the stored target is a fixed path',
      code: `import express from 'express';
const app = express();
const links = new Map();
function save(code, target) {
  links.set(code, { target, at: Date.now() });
}
app.post('/links', (req, res) => {
  save(req.body.code, '/articles/' + Number(req.body.id));
  res.status(201).json({ ok: true });
});
app.get('/l/:code', (req, res) => {
  const link = links.get(req.params.code);
  res.redirect(link ? link.target : '/');
});`,
    },
  ],
  invalid: [
    {
      name: 'short links whose target the client posted',
      code: `import express from 'express';
const app = express();
const links = new Map();
function save(code, target) {
  links.set(code, { target, at: Date.now() });
}
app.post('/links', (req, res) => {
  save(req.body.code, req.body.target);
  res.status(201).json({ ok: true });
});
app.get('/l/:code', (req, res) => {
  const link = links.get(req.params.code);
  res.redirect(link ? link.target : '/');
});`,
      errors: [{ messageId: 'openRedirect', line: 13 }],
    },
  ],
});
