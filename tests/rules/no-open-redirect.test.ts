import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-open-redirect.js';

const ruleTester = new RuleTester();

ruleTester.run('no-open-redirect', rule, {
  valid: [
    { name: 'constant redirect', code: `import express from 'express';
const app = express();
app.get('/logout', (req, res) => res.redirect('/login'));` },
    { name: 'fixed first path segment', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.redirect(\`/account/\${req.query.tab}\`));` },
    { name: 'fixed origin', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.redirect(302, 'https://accounts.example.com/' + req.query.page));` },
    { name: 'starts with / and not //', code: `import express from 'express';
const app = express();
app.get('/login', (req, res) => {
  const next = String(req.query.next ?? '/');
  if (!next.startsWith('/') || next.startsWith('//')) return res.redirect('/');
  res.redirect(next);
});` },
    { name: 'positive relative check', code: `import express from 'express';
const app = express();
app.get('/login', (req, res) => {
  const { next } = req.query;
  res.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');
});` },
    { name: 'allowlist', code: `import express from 'express';
const app = express();
const ALLOWED = new Set(['/home', '/settings']);
app.get('/go', (req, res) => {
  if (!ALLOWED.has(req.query.to)) return res.redirect('/');
  res.redirect(req.query.to);
});` },
    { name: 'new URL with a base and an origin check', code: `import express from 'express';
const app = express();
const BASE = 'https://app.example.com';
app.get('/go', (req, res) => {
  const target = new URL(req.query.to, BASE);
  if (target.origin !== BASE) return res.sendStatus(400);
  res.redirect(target.href);
});` },
    { name: 'encodeURIComponent in a query', code: `import express from 'express';
const app = express();
app.get('/sso', (req, res) => res.redirect('/login?next=' + encodeURIComponent(req.originalUrl)));` },
    { name: 'Next.js redirect to a path built on the request URL', filename: "app/api/logout/route.ts", code: `import { NextResponse, type NextRequest } from 'next/server';
export function GET(request: NextRequest) {
  return NextResponse.redirect(new URL('/login', request.url));
}` },
    { name: 'look-alike: a redirect method of another object', code: `import express from 'express';
const app = express();
const router = { redirect: (to: string) => to };
app.get('/a', (req, res) => res.send(router.redirect(req.query.to)));` },
    { name: 'Location header of a constant', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => { res.setHeader('Location', '/home'); res.status(302).end(); });` },
  ],
  invalid: [
    {
      name: 'res.redirect of a query parameter',
      code: `import express from 'express';
const app = express();
app.get('/login', (req, res) => res.redirect(req.query.returnTo));`,
      errors: [
        { messageId: 'openRedirect', line: 3, column: 46, endColumn: 64, data: { source: '`req.query.returnTo`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'status code form and chained status',
      code: `import express from 'express';
const app = express();
app.post('/a', (req, res) => {
  if (req.query.p) return res.redirect(301, req.query.next);
  res.status(302).redirect(req.body.next);
});`,
      errors: [
        { messageId: 'openRedirect', line: 4, column: 45, endColumn: 59, data: { source: '`req.query.next`', sourceLine: 4, sink: 'res.redirect', sinkLine: 4, via: '' }, suggestions: [] },
        { messageId: 'openRedirect', line: 5, column: 28, endColumn: 41, data: { source: '`req.body.next`', sourceLine: 5, sink: 'redirect', sinkLine: 5, via: '' }, suggestions: [] },
      ],
    },
    {
      name: '\'/\' + input can become //evil.com',
      code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.redirect('/' + req.query.path));`,
      errors: [
        { messageId: 'openRedirect', line: 3, column: 48, endColumn: 62, data: { source: '`req.query.path`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Location header forms',
      code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => {
  const to = req.query.to;
  if (req.query.a) res.setHeader('Location', to);
  else if (req.query.b) res.set('location', to);
  else if (req.query.c) res.location(to);
  else res.writeHead(302, { Location: to });
  res.end();
});`,
      errors: [
        { messageId: 'openRedirect', line: 5, column: 46, endColumn: 48, data: { source: '`req.query.to`', sourceLine: 4, sink: 'res.setHeader', sinkLine: 5, via: '' }, suggestions: [] },
        { messageId: 'openRedirect', line: 6, column: 45, endColumn: 47, data: { source: '`req.query.to`', sourceLine: 4, sink: 'res.set', sinkLine: 6, via: '' }, suggestions: [] },
        { messageId: 'openRedirect', line: 7, column: 38, endColumn: 40, data: { source: '`req.query.to`', sourceLine: 4, sink: 'res.location', sinkLine: 7, via: '' }, suggestions: [] },
        { messageId: 'openRedirect', line: 8, column: 39, endColumn: 41, data: { source: '`req.query.to`', sourceLine: 4, sink: 'res.writeHead', sinkLine: 8, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'check only for a leading slash',
      code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => {
  const next = req.query.next;
  if (!next.startsWith('/')) return res.redirect('/');
  res.redirect(next);
});`,
      errors: [
        { messageId: 'openRedirect', line: 6, column: 16, endColumn: 20, data: { source: '`req.query.next`', sourceLine: 4, sink: 'res.redirect', sinkLine: 6, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'through a local helper',
      code: `import express from 'express';
const app = express();
function back(res, to: string) {
  res.redirect(to);
}
app.get('/a', (req, res) => back(res, req.query.to));`,
      errors: [
        { messageId: 'openRedirect', line: 4, column: 16, endColumn: 18, data: { source: '`req.query.to`', sourceLine: 6, sink: 'res.redirect', sinkLine: 4, via: ' through `back` (called on line 6 by the handler of GET /a)' }, suggestions: [] },
      ],
    },
    {
      name: 'Koa ctx.redirect',
      code: `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.get('/out', (ctx) => ctx.redirect(ctx.query.url));
app.use(router.routes());`,
      errors: [
        { messageId: 'openRedirect', line: 5, column: 42, endColumn: 55, data: { source: '`ctx.query.url`', sourceLine: 5, sink: 'ctx.redirect', sinkLine: 5, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Fastify reply.redirect',
      code: `import Fastify from 'fastify';
const app = Fastify();
app.get('/out', async (request, reply) => reply.redirect(request.query.url));`,
      errors: [
        { messageId: 'openRedirect', line: 3, column: 58, endColumn: 75, data: { source: '`request.query.url`', sourceLine: 3, sink: 'reply.redirect', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Hono c.redirect',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/out', (c) => c.redirect(c.req.query('url') ?? '/'));`,
      errors: [
        { messageId: 'openRedirect', line: 3, column: 35, endColumn: 60, data: { source: '`c.req.query(\'url\')`', sourceLine: 3, sink: 'c.redirect', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Hapi h.redirect',
      code: `import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.route({ method: 'GET', path: '/out', handler: (request, h) => h.redirect(request.query.url) });`,
      errors: [
        { messageId: 'openRedirect', line: 3, column: 81, endColumn: 98, data: { source: '`request.query.url`', sourceLine: 3, sink: 'h.redirect', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Nest @Query() with @Res()',
      code: `import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
@Controller('auth')
export class AuthController {
  @Get('callback')
  callback(@Query('next') next: string, @Res() res: Response) {
    return res.redirect(next);
  }
}`,
      errors: [
        { messageId: 'openRedirect', line: 7, column: 25, endColumn: 29, data: { source: '`@Query(\'next\') next`', sourceLine: 6, sink: 'res.redirect', sinkLine: 7, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Next.js NextResponse.redirect, redirect() and Response.redirect', filename: "app/api/go/route.ts",
      code: `import { NextResponse, type NextRequest } from 'next/server';
import { redirect } from 'next/navigation';
export function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get('to') ?? '/';
  if (to.length > 100) redirect(to);
  if (to.length > 50) return Response.redirect(to);
  return NextResponse.redirect(new URL(to, request.url));
}`,
      errors: [
        { messageId: 'openRedirect', line: 5, column: 33, endColumn: 35, data: { source: '`request.nextUrl.searchParams.get(\'to\')`', sourceLine: 4, sink: 'redirect', sinkLine: 5, via: '' }, suggestions: [] },
        { messageId: 'openRedirect', line: 6, column: 48, endColumn: 50, data: { source: '`request.nextUrl.searchParams.get(\'to\')`', sourceLine: 4, sink: 'Response.redirect', sinkLine: 6, via: '' }, suggestions: [] },
        { messageId: 'openRedirect', line: 7, column: 32, endColumn: 56, data: { source: '`request.nextUrl.searchParams.get(\'to\')`', sourceLine: 4, sink: 'NextResponse.redirect', sinkLine: 7, via: '' }, suggestions: [] },
      ],
    },
  ],
});
