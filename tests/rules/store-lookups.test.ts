import { RuleTester } from '@typescript-eslint/rule-tester';
import xssRule from '../../src/rules/no-reflected-xss.js';
import redirectRule from '../../src/rules/no-open-redirect.js';
import ssrfRule from '../../src/rules/no-ssrf.js';

/*
 * A value looked up in a collection by a client-chosen key is a value the collection holds, not
 * the key. A keyed write (`set`, `add` or `append` given two or more arguments) stores its later
 * arguments under its first; a lookup (`get`, `getValue`, `getItem` or `peek` given the key)
 * returns what was stored. Other methods given arguments may answer the keys, or the data a
 * `set(data, offset)` copied in, and stay tainted. So a response cache keyed by the request's URL replays what a handler sent,
 * and the URL is not in it. What the request puts into the collection as a value stays tainted,
 * and so do the keys where the collection is iterated or serialised (`[...seen.keys()]`). A
 * collection built from request text (`new URLSearchParams(query)`, `new Headers(req.headers)`)
 * answers its values to `get`: decoded, though the parameters stringified whole are encoded.
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
      name: 'bytes copied in with set(data, offset) are read back by a method given arguments (not a lookup)',
      code: `import http from 'node:http';
http.createServer(async (req, res) => {
  const body = new Uint8Array(65536);
  let offset = 0;
  for await (const chunk of req) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  res.setHeader('Content-Type', 'text/html');
  res.end(Buffer.from(body).toString('utf8', 0, offset).split('\\n').join('<br>'));
}).listen(3000);`,
      errors: [{ messageId: 'reflectedXss', line: 10 }],
    },
    {
      name: 'an error collector keyed by client-chosen field names, rendered by a method that answers its keys',
      code: `import express from 'express';
import { ErrorBag } from './errors.js';
const app = express();
app.get('/check', (req, res) => {
  const errors = new ErrorBag();
  for (const [field, value] of Object.entries(req.query)) if (!value) errors.add(field, 'is required');
  res.status(400).send('<ul>' + errors.render('li').join('') + '</ul>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
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
    {
      name: 'URLSearchParams decodes what get() reads back: a next link parsed from the raw query',
      code: `import http from 'node:http';
http.createServer((req, res) => {
  const [, query = ''] = (req.url || '').split('?');
  const params = new URLSearchParams(query);
  const next = params.get('next');
  res.writeHead(302, { Location: next || '/' });
  res.end();
}).listen(8080);`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
  ],
});

ruleTester.run('no-reflected-xss (collections built from the request)', xssRule, {
  valid: [
    {
      name: 'URLSearchParams stringified whole encodes every value',
      code: `import express from 'express';
const app = express();
app.get('/search', (req, res) => {
  const params = new URLSearchParams({ q: String(req.query.q), page: '2' });
  res.send('<a href="/search?' + params.toString() + '">next page</a>');
});`,
    },
    {
      name: 'a map whose lookups answer only constants',
      code: `import express from 'express';
const app = express();
const labels = new Map([['en', 'Hello'], ['fr', 'Bonjour']]);
app.get('/greet', (req, res) => {
  res.send('<p>' + (labels.get(req.query.lang) ?? 'Hi') + '</p>');
});`,
    },
  ],
  invalid: [
    {
      name: 'URLSearchParams.get reads back the decoded value',
      code: `import express from 'express';
const app = express();
app.get('/preview', (req, res) => {
  const params = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1));
  res.send('<h1>' + params.get('title') + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
    {
      name: 'a request value stored under a fixed key and read back',
      code: `import express from 'express';
const app = express();
const last = new Map();
app.get('/echo', (req, res) => {
  last.set('greeting', req.query.greeting);
  res.send('<p>' + last.get('greeting') + '</p>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
  ],
});

ruleTester.run('no-ssrf (headers rebuilt from the request)', ssrfRule, {
  valid: [
    {
      name: 'a header of a fixed Headers object',
      code: `import express from 'express';
const app = express();
const defaults = new Headers({ 'x-upstream': 'https://api.example.com/v1' });
app.get('/proxy', async (req, res) => {
  const upstream = await fetch(defaults.get('x-upstream'));
  res.json(await upstream.json());
});`,
    },
  ],
  invalid: [
    {
      name: 'new Headers(req.headers).get() is the header the client sent',
      code: `import express from 'express';
const app = express();
app.get('/proxy', async (req, res) => {
  const headers = new Headers(req.headers);
  const upstream = await fetch(headers.get('x-forward-to'));
  res.json(await upstream.json());
});`,
      errors: [{ messageId: 'ssrf', line: 5 }],
    },
  ],
});
