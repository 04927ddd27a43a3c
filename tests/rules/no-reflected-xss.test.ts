import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';

const ruleTester = new RuleTester();

ruleTester.run('no-reflected-xss', rule, {
  valid: [
    { name: 'JSON response', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.json({ name: req.query.name }));` },
    { name: 'send of an object', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.send({ name: req.query.name }));` },
    { name: 'send of the whole body echoes JSON', code: `import express from 'express';
const app = express();
app.post('/echo', (req, res) => res.send(req.body));` },
    { name: 'constant HTML', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.send('<h1>Hello</h1>'));` },
    { name: 'escape-html', code: `import express from 'express';
const app = express();
import escapeHtml from 'escape-html';
app.get('/a', (req, res) => res.send(\`<h1>Hello \${escapeHtml(req.query.name)}</h1>\`));` },
    { name: 'he, lodash and validator', code: `import express from 'express';
const app = express();
import he from 'he';
import _ from 'lodash';
import validator from 'validator';
app.get('/a', (req, res) => res.send(\`<p>\${he.encode(req.query.a)} \${_.escape(req.query.b)} \${validator.escape(req.query.c)}</p>\`));` },
    { name: 'DOMPurify and sanitize-html', code: `import express from 'express';
const app = express();
import DOMPurify from 'isomorphic-dompurify';
import sanitizeHtml from 'sanitize-html';
app.post('/a', (req, res) => res.send(DOMPurify.sanitize(req.body.html) + sanitizeHtml(req.body.bio)));` },
    { name: 'number coercion and encodeURIComponent', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.send(\`<a href="/p?id=\${encodeURIComponent(req.query.id)}">\${Number(req.query.n)}</a>\`));` },
    { name: 'text/plain set before', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => {
  res.type('text/plain');
  res.send(\`Hello \${req.query.name}\`);
});` },
    { name: 'JSON content type set before', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(\`{"name": \${JSON.stringify(req.query.name)}}\`);
});` },
    { name: 'chained text type', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.set('Content-Type', 'text/plain').send(req.query.name));` },
    { name: 'Fastify reply.send defaults to text/plain', code: `import Fastify from 'fastify';
const app = Fastify();
app.get('/a', async (request, reply) => reply.send(\`Hello \${request.query.name}\`));` },
    { name: 'Koa JSON body and plain text', code: `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/a', (ctx) => { ctx.body = { name: ctx.query.name }; });
router.get('/b', (ctx) => { ctx.body = \`Hello \${ctx.query.name}\`; });
app.use(router.routes());` },
    { name: 'Hono c.json and c.text', code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/a', (c) => c.json({ q: c.req.query('q') }));
app.get('/b', (c) => c.text(\`q=\${c.req.query('q')}\`));` },
    { name: 'Response without an HTML content type', filename: "app/api/q/route.ts", code: `export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get('q');
  return new Response(\`q=\${q}\`);
}` },
  ],
  invalid: [
    {
      name: 'template sent by res.send',
      code: `import express from 'express';
const app = express();
app.get('/hello', (req, res) => res.send(\`<h1>Hello \${req.query.name}</h1>\`));`,
      errors: [
        { messageId: 'reflectedXss', line: 3, column: 55, endColumn: 69, data: { source: '`req.query.name`', sourceLine: 3, sink: 'res.send', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'suggests the imported escape function',
      code: `import express from 'express';
const app = express();
import escapeHtml from 'escape-html';
app.get('/hello', (req, res) => res.send('<h1>Hello ' + req.params.name + '</h1>'));`,
      errors: [
        { messageId: 'reflectedXss', line: 4, column: 57, endColumn: 72, data: { source: '`req.params.name`', sourceLine: 4, sink: 'res.send', sinkLine: 4, via: '' }, suggestions: [{ messageId: 'escapeHtml', output: `import express from 'express';
const app = express();
import escapeHtml from 'escape-html';
app.get('/hello', (req, res) => res.send('<h1>Hello ' + escapeHtml(req.params.name) + '</h1>'));` }] },
      ],
    },
    {
      name: 'field sent as is, write and end',
      code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => {
  if (req.query.x) return res.status(200).send(req.query.x);
  res.write(\`<p>\${req.query.q}</p>\`);
  res.end(req.query.tail);
});`,
      errors: [
        { messageId: 'reflectedXss', line: 4, column: 48, endColumn: 59, data: { source: '`req.query.x`', sourceLine: 4, sink: 'send', sinkLine: 4, via: '' }, suggestions: [] },
        { messageId: 'reflectedXss', line: 5, column: 19, endColumn: 30, data: { source: '`req.query.q`', sourceLine: 5, sink: 'res.write', sinkLine: 5, via: '' }, suggestions: [] },
        { messageId: 'reflectedXss', line: 6, column: 11, endColumn: 25, data: { source: '`req.query.tail`', sourceLine: 6, sink: 'res.end', sinkLine: 6, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'HTML content type set before',
      code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => {
  res.type('html');
  res.end(\`<p>\${req.query.q}</p>\`);
});`,
      errors: [
        { messageId: 'reflectedXss', line: 5, column: 17, endColumn: 28, data: { source: '`req.query.q`', sourceLine: 5, sink: 'res.end', sinkLine: 5, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'through a local helper',
      code: `import express from 'express';
const app = express();
function page(res, title: string) {
  res.send(\`<title>\${title}</title>\`);
}
app.get('/p', (req, res) => page(res, req.query.title));`,
      errors: [
        { messageId: 'reflectedXss', line: 4, column: 22, endColumn: 27, data: { source: '`req.query.title`', sourceLine: 6, sink: 'res.send', sinkLine: 4, via: ' through `page` (called on line 6 by the handler of GET /p)' }, suggestions: [] },
      ],
    },
    {
      name: 'Koa ctx.body with markup',
      code: `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/a', (ctx) => { ctx.body = \`<p>\${ctx.query.name}</p>\`; });
router.get('/b', (ctx) => { ctx.body = ctx.query.name; });
app.use(router.routes());`,
      errors: [
        { messageId: 'reflectedXss', line: 5, column: 46, endColumn: 60, data: { source: '`ctx.query.name`', sourceLine: 5, sink: 'ctx.body', sinkLine: 5, via: '' }, suggestions: [] },
        { messageId: 'reflectedXss', line: 6, column: 40, endColumn: 54, data: { source: '`ctx.query.name`', sourceLine: 6, sink: 'ctx.body', sinkLine: 6, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Fastify with an HTML type',
      code: `import Fastify from 'fastify';
const app = Fastify();
app.get('/a', async (request, reply) => reply.type('text/html').send(\`<p>\${request.query.name}</p>\`));`,
      errors: [
        { messageId: 'reflectedXss', line: 3, column: 76, endColumn: 94, data: { source: '`request.query.name`', sourceLine: 3, sink: 'send', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Hono c.html',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/a', (c) => c.html(\`<p>\${c.req.query('q')}</p>\`));`,
      errors: [
        { messageId: 'reflectedXss', line: 3, column: 35, endColumn: 51, data: { source: '`c.req.query(\'q\')`', sourceLine: 3, sink: 'c.html', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Nest @Query() with @Res()',
      code: `import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
@Controller('hello')
export class HelloController {
  @Get()
  hello(@Query('name') name: string, @Res() res: Response) {
    res.send(\`<h1>\${name}</h1>\`);
  }
}`,
      errors: [
        { messageId: 'reflectedXss', line: 7, column: 21, endColumn: 25, data: { source: '`@Query(\'name\') name`', sourceLine: 6, sink: 'res.send', sinkLine: 7, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Next.js Response with text/html', filename: "app/api/q/route.ts",
      code: `export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get('q');
  return new Response(\`<p>\${q}</p>\`, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}`,
      errors: [
        { messageId: 'reflectedXss', line: 3, column: 29, endColumn: 30, data: { source: '`searchParams.get(\'q\')`', sourceLine: 2, sink: 'new Response', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
  ],
});

// Found by tests/robustness/fuzz.test.ts: escaping a comma expression keeps its parentheses.
ruleTester.run('no-reflected-xss: suggestions in awkward positions', rule, {
  valid: [],
  invalid: [
    {
      name: 'a comma expression in the HTML',
      code: `import express from 'express';
const app = express();
import escapeHtml from 'escape-html';
app.get('/hello', (req, res) => res.send('<h1>Hello ' + (0, req.params.name) + '</h1>'));`,
      errors: [{ messageId: 'reflectedXss', suggestions: [{ messageId: 'escapeHtml', output: `import express from 'express';
const app = express();
import escapeHtml from 'escape-html';
app.get('/hello', (req, res) => res.send('<h1>Hello ' + escapeHtml((0, req.params.name)) + '</h1>'));` }] }],
    },
  ],
});
