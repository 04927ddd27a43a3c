import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-ssrf.js';

const ruleTester = new RuleTester();

ruleTester.run('no-ssrf', rule, {
  valid: [
    { name: 'fixed URL', code: `import express from 'express';
const app = express();
app.get('/a', async (req, res) => res.json(await fetch('https://api.example.com/status')));` },
    { name: 'encodeURIComponent path segment under a fixed origin', code: `import express from 'express';
const app = express();
app.get('/u/:id', async (req, res) => res.json(await fetch(\`https://api.internal/users/\${encodeURIComponent(req.params.id)}\`)));` },
    { name: 'URLSearchParams query after a fixed origin', code: `import express from 'express';
const app = express();
import axios from 'axios';
app.get('/s', async (req, res) => res.json(await axios.get(\`https://api.internal/search?\${new URLSearchParams({ q: req.query.q })}\`)));` },
    { name: 'encoded query value', code: `import express from 'express';
const app = express();
app.get('/s', async (req, res) => res.json(await fetch('https://api.internal/search?q=' + encodeURIComponent(req.query.q))));` },
    { name: 'host allowlist on the parsed URL', code: `import express from 'express';
const app = express();
const ALLOWED_HOSTS = ['images.example.com'];
app.get('/p', async (req, res) => {
  const url = new URL(req.query.src);
  if (!ALLOWED_HOSTS.includes(url.hostname)) return res.sendStatus(400);
  res.send(await (await fetch(url)).text());
});` },
    { name: 'Set of hosts checked on new URL(x).host', code: `import express from 'express';
const app = express();
const ALLOWED = new Set(['a.example.com']);
app.get('/p', async (req, res) => {
  const target = req.query.target;
  if (!ALLOWED.has(new URL(target).host)) throw new Error('blocked');
  res.json(await fetch(target));
});` },
    { name: 'number coercion in the path', code: `import express from 'express';
const app = express();
app.get('/u', async (req, res) => res.json(await fetch(\`https://api.internal/users/\${Number(req.query.id)}\`)));` },
    { name: 'configured base with an encoded segment', code: `import express from 'express';
const app = express();
const BASE = process.env.API_URL;
app.get('/u/:id', async (req, res) => res.json(await fetch(\`\${BASE}/users/\${encodeURIComponent(req.params.id)}\`)));` },
    { name: 'relative URL against a fixed base', code: `import express from 'express';
const app = express();
app.get('/u/:id', async (req, res) => res.json(await fetch(new URL(\`/users/\${encodeURIComponent(req.params.id)}\`, 'https://api.internal'))));` },
    { name: 'path injection off', options: [{"reportPathInjection":false}], code: `import express from 'express';
const app = express();
app.get('/u/:id', async (req, res) => res.json(await fetch(\`https://api.internal/users/\${req.params.id}\`)));` },
    { name: 'look-alike: a local fetch function', code: `import express from 'express';
const app = express();
const fetch = (url: string) => url;
app.get('/a', (req, res) => res.send(fetch(req.query.url)));` },
    { name: 'look-alike: user data in the request body, not the URL', code: `import express from 'express';
const app = express();
import axios from 'axios';
app.post('/a', async (req, res) => res.json(await axios.post('https://api.internal/items', req.body)));` },
    { name: 'not a route handler', code: `export async function proxy(url: string) { return fetch(url); }` },
  ],
  invalid: [
    {
      name: 'fetch of a query parameter',
      code: `import express from 'express';
const app = express();
app.get('/proxy', async (req, res) => res.send(await (await fetch(req.query.url)).text()));`,
      errors: [
        { messageId: 'ssrf', line: 3, column: 67, endColumn: 80, data: { source: '`req.query.url`', sourceLine: 3, sink: 'fetch', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'axios call, method, config and create forms',
      code: `import express from 'express';
const app = express();
import axios from 'axios';
app.post('/a', async (req, res) => {
  await axios(req.body.url);
  await axios.get(req.body.url);
  await axios({ method: 'get', url: req.body.url });
  await axios.request({ url: req.body.url });
  const client = axios.create({ baseURL: req.body.base });
  res.json(await client.get('/status'));
});`,
      errors: [
        { messageId: 'ssrf', line: 5, column: 15, endColumn: 27, data: { source: '`req.body.url`', sourceLine: 5, sink: 'axios', sinkLine: 5, via: '' }, suggestions: [] },
        { messageId: 'ssrf', line: 6, column: 19, endColumn: 31, data: { source: '`req.body.url`', sourceLine: 6, sink: 'axios.get', sinkLine: 6, via: '' }, suggestions: [] },
        { messageId: 'ssrf', line: 7, column: 37, endColumn: 49, data: { source: '`req.body.url`', sourceLine: 7, sink: 'axios', sinkLine: 7, via: '' }, suggestions: [] },
        { messageId: 'ssrf', line: 8, column: 30, endColumn: 42, data: { source: '`req.body.url`', sourceLine: 8, sink: 'axios.request', sinkLine: 8, via: '' }, suggestions: [] },
        { messageId: 'ssrf', line: 9, column: 42, endColumn: 55, data: { source: '`req.body.base`', sourceLine: 9, sink: 'axios.create', sinkLine: 9, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'got, undici, superagent and needle',
      code: `import express from 'express';
const app = express();
import got from 'got';
import { request, fetch as undiciFetch } from 'undici';
import superagent from 'superagent';
import needle from 'needle';
app.get('/a', async (req, res) => {
  const { target } = req.query;
  await got(target);
  await request(target);
  await undiciFetch(target);
  await superagent.get(target);
  await needle('get', target);
  res.end();
});`,
      errors: [
        { messageId: 'ssrf', line: 9, column: 13, endColumn: 19, data: { source: '`req.query.target`', sourceLine: 8, sink: 'got', sinkLine: 9, via: '' }, suggestions: [] },
        { messageId: 'ssrf', line: 10, column: 17, endColumn: 23, data: { source: '`req.query.target`', sourceLine: 8, sink: 'request', sinkLine: 10, via: '' }, suggestions: [] },
        { messageId: 'ssrf', line: 11, column: 21, endColumn: 27, data: { source: '`req.query.target`', sourceLine: 8, sink: 'undiciFetch', sinkLine: 11, via: '' }, suggestions: [] },
        { messageId: 'ssrf', line: 12, column: 24, endColumn: 30, data: { source: '`req.query.target`', sourceLine: 8, sink: 'superagent.get', sinkLine: 12, via: '' }, suggestions: [] },
        { messageId: 'ssrf', line: 13, column: 23, endColumn: 29, data: { source: '`req.query.target`', sourceLine: 8, sink: 'needle', sinkLine: 13, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'node:https get with a host option',
      code: `import express from 'express';
const app = express();
import https from 'node:https';
app.get('/a', (req, res) => {
  https.get({ host: req.query.host, path: '/health' }, (r) => r.pipe(res));
});`,
      errors: [
        { messageId: 'ssrf', line: 5, column: 21, endColumn: 35, data: { source: '`req.query.host`', sourceLine: 5, sink: 'https.get', sinkLine: 5, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'tainted host in a template',
      code: `import express from 'express';
const app = express();
app.get('/a', async (req, res) => res.json(await fetch(\`https://\${req.query.region}.api.example.com/v1\`)));`,
      errors: [
        { messageId: 'ssrf', line: 3, column: 67, endColumn: 83, data: { source: '`req.query.region`', sourceLine: 3, sink: 'fetch', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'origin glued to input without a slash',
      code: `import express from 'express';
const app = express();
app.get('/a', async (req, res) => res.json(await fetch('https://api.example.com' + req.query.path)));`,
      errors: [
        { messageId: 'ssrf', line: 3, column: 84, endColumn: 98, data: { source: '`req.query.path`', sourceLine: 3, sink: 'fetch', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'raw path segment under a fixed origin',
      code: `import express from 'express';
const app = express();
app.get('/u/:id', async (req, res) => res.json(await fetch(\`https://api.internal/users/\${req.params.id}\`)));`,
      errors: [
        { messageId: 'pathInjection', line: 3, column: 90, endColumn: 103, data: { source: '`req.params.id`', sourceLine: 3, sink: 'fetch', sinkLine: 3, via: '' }, suggestions: [{ messageId: 'encodeSegment', output: `import express from 'express';
const app = express();
app.get('/u/:id', async (req, res) => res.json(await fetch(\`https://api.internal/users/\${encodeURIComponent(req.params.id)}\`)));` }] },
      ],
    },
    {
      name: 'raw query value under a fixed origin',
      code: `import express from 'express';
const app = express();
import axios from 'axios';
app.get('/s', async (req, res) => res.json(await axios.get('https://api.internal/search?q=' + req.query.q)));`,
      errors: [
        { messageId: 'pathInjection', line: 4, column: 95, endColumn: 106, data: { source: '`req.query.q`', sourceLine: 4, sink: 'axios.get', sinkLine: 4, via: '' }, suggestions: [{ messageId: 'encodeSegment', output: `import express from 'express';
const app = express();
import axios from 'axios';
app.get('/s', async (req, res) => res.json(await axios.get('https://api.internal/search?q=' + encodeURIComponent(req.query.q))));` }] },
      ],
    },
    {
      name: 'through a local helper',
      code: `import express from 'express';
const app = express();
async function download(url: string) {
  return fetch(url);
}
app.get('/a', async (req, res) => res.json(await download(req.query.src)));`,
      errors: [
        { messageId: 'ssrf', line: 4, column: 16, endColumn: 19, data: { source: '`req.query.src`', sourceLine: 6, sink: 'fetch', sinkLine: 4, via: ' through `download` (called on line 6 by the handler of GET /a)' }, suggestions: [] },
      ],
    },
    {
      name: 'allowlist checked on another value',
      code: `import express from 'express';
const app = express();
const ALLOWED_HOSTS = ['a.example.com'];
app.get('/a', async (req, res) => {
  const url = new URL(req.query.a);
  if (!ALLOWED_HOSTS.includes(url.hostname)) return res.sendStatus(400);
  res.json(await fetch(req.query.b));
});`,
      errors: [
        { messageId: 'ssrf', line: 7, column: 24, endColumn: 35, data: { source: '`req.query.b`', sourceLine: 7, sink: 'fetch', sinkLine: 7, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Koa',
      code: `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/p', async (ctx) => {
  ctx.body = await fetch(ctx.query.url);
});
app.use(router.routes());`,
      errors: [
        { messageId: 'ssrf', line: 6, column: 26, endColumn: 39, data: { source: '`ctx.query.url`', sourceLine: 6, sink: 'fetch', sinkLine: 6, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Fastify',
      code: `import Fastify from 'fastify';
import axios from 'axios';
const app = Fastify();
app.get('/p', async (request) => (await axios.get(request.query.url)).data);`,
      errors: [
        { messageId: 'ssrf', line: 4, column: 51, endColumn: 68, data: { source: '`request.query.url`', sourceLine: 4, sink: 'axios.get', sinkLine: 4, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Hono',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/p', async (c) => c.json(await (await fetch(c.req.query('url'))).json()));`,
      errors: [
        { messageId: 'ssrf', line: 3, column: 54, endColumn: 72, data: { source: '`c.req.query(\'url\')`', sourceLine: 3, sink: 'fetch', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Nest @Query()',
      code: `import { Controller, Get, Query } from '@nestjs/common';
import axios from 'axios';
@Controller('proxy')
export class ProxyController {
  @Get()
  async get(@Query('url') url: string) {
    return (await axios.get(url)).data;
  }
}`,
      errors: [
        { messageId: 'ssrf', line: 7, column: 29, endColumn: 32, data: { source: '`@Query(\'url\') url`', sourceLine: 6, sink: 'axios.get', sinkLine: 7, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Next.js app route', filename: "app/api/proxy/route.ts",
      code: `import { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const target = request.nextUrl.searchParams.get('url') ?? '';
  return fetch(target);
}`,
      errors: [
        { messageId: 'ssrf', line: 4, column: 16, endColumn: 22, data: { source: '`request.nextUrl.searchParams.get(\'url\')`', sourceLine: 3, sink: 'fetch', sinkLine: 4, via: '' }, suggestions: [] },
      ],
    },
  ],
});

// Found by tests/robustness/fuzz.test.ts: encoding a comma expression keeps its parentheses.
ruleTester.run('no-ssrf: suggestions in awkward positions', rule, {
  valid: [],
  invalid: [
    {
      name: 'a comma expression as a path segment',
      code: `import express from 'express';
const app = express();
app.get('/u/:id', async (req, res) => res.json(await fetch(\`https://api.example.com/users/\${(0, req.params.id)}\`)));`,
      errors: [{ messageId: 'pathInjection', suggestions: [{ messageId: 'encodeSegment', output: `import express from 'express';
const app = express();
app.get('/u/:id', async (req, res) => res.json(await fetch(\`https://api.example.com/users/\${encodeURIComponent((0, req.params.id))}\`)));` }] }],
    },
  ],
});
