import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-open-redirect.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Redirects written as a `Location` header rather than with a framework's `redirect`: Koa's
 * `ctx.response`, the response Hapi's `h.response()` creates, a Fetch API `new Response(body,
 * { status: 302, headers: { Location } })` (Next.js app routes, Hono, edge runtimes) and
 * `new NextResponse(…)`, and each of these inside a helper given the response, in this file or in
 * another one. The header is judged as `res.redirect(url)` is: a fixed path before `?`, a fixed
 * origin, the redirect guards (allowlist, same-origin test, relative-path check) keep it on the
 * site; a status outside 3xx makes it no redirect; `Content-Location` never navigates.
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;
const koa = `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();`;
const hapi = `import Hapi from '@hapi/hapi';
const server = Hapi.server();`;

ruleTester.run('no-open-redirect (Location headers)', rule, {
  valid: [
    { name: 'Koa: ctx.response.set of a constant Location', code: `${koa}
router.get('/bye', (ctx) => { ctx.status = 302; ctx.response.set('Location', '/goodbye'); });
app.use(router.routes());` },
    { name: 'Koa: ctx.response.set of a Location with 201 Created', code: `${koa}
router.post('/notes', (ctx) => { ctx.status = 201; ctx.response.set('Location', ctx.request.body.self); });
app.use(router.routes());` },
    { name: 'Hapi: a Location on a 201 response', code: `${hapi}
server.route({ method: 'POST', path: '/notes', handler: (request, h) => h.response({}).code(201).header('Location', request.payload.self) });` },
    { name: 'Hapi: the input only in the query of a fixed path', code: `${hapi}
server.route({ method: 'GET', path: '/in', handler: (request, h) => h.response().redirect('/sign-in?back=' + encodeURIComponent(request.query.back)) });` },
    { name: 'Fetch: new Response with a constant Location', filename: 'app/api/out/route.ts', code: `export function GET() {
  return new Response(null, { status: 302, headers: { Location: '/home' } });
}` },
    { name: 'Fetch: new Response with a Location on 201 Created', filename: 'app/api/notes/route.ts', code: `export async function POST(request: Request) {
  const { self } = await request.json();
  return new Response('{}', { status: 201, headers: { Location: self } });
}` },
    { name: 'Fetch: the input only in the query after a fixed path', filename: 'app/api/out/route.ts', code: `export function GET(request: Request) {
  const back = new URL(request.url).searchParams.get('back') ?? '';
  return new Response(null, { status: 302, headers: { Location: \`/sign-in?back=\${encodeURIComponent(back)}\` } });
}` },
    { name: 'Fetch: an allowlisted target', filename: 'app/api/out/route.ts', code: `const PLACES = new Set(['/docs', '/pricing']);
export function GET(request: Request) {
  const to = new URL(request.url).searchParams.get('to') ?? '/';
  if (!PLACES.has(to)) return new Response('no', { status: 400 });
  return new Response(null, { status: 302, headers: { Location: to } });
}` },
    { name: 'Fetch: Content-Location does not navigate', filename: 'app/api/doc/route.ts', code: `export function GET(request: Request) {
  const lang = new URL(request.url).searchParams.get('lang') ?? 'en';
  return new Response('…', { status: 200, headers: { 'Content-Location': lang } });
}` },
    { name: 'look-alike: a Response class of this file', filename: 'app/api/out/route.ts', code: `class Response { constructor(public body: unknown, public init: unknown) {} }
export function GET(request: Request) {
  return new Response(null, { status: 302, headers: { Location: new URL(request.url).searchParams.get('to') } });
}` },
    { name: 'Express: Content-Location with a 200', code: `${express}
app.get('/doc', (req, res) => { res.set('Content-Location', req.query.variant); res.status(200).send('…'); });` },
    { name: 'Express: res.set({ Location }) after a same-origin test', code: `${express}
const SITE = 'https://app.example.com';
app.get('/out', (req, res) => {
  const target = new URL(String(req.query.to), SITE);
  if (target.origin !== SITE) return res.sendStatus(400);
  res.status(302).set({ Location: target.href }).end();
});` },
    { name: 'Express: a helper setting the header, called after a relative-path check', code: `${express}
function moveTo(response, target) {
  response.status(303);
  response.set({ Location: target });
  response.end();
}
app.get('/out', (req, res) => {
  const to = String(req.query.to);
  if (!to.startsWith('/') || to.startsWith('//')) return res.sendStatus(400);
  moveTo(res, to);
});` },
    { name: 'Express: a headers object built first, with a fixed path and the input after ?', code: `${express}
app.get('/out', (req, res) => {
  const headers = { Location: '/sign-in?back=' + encodeURIComponent(String(req.query.back)) };
  res.writeHead(302, headers);
  res.end();
});` },
    { name: 'look-alike: a helper whose set is a Map\'s, given a Map', code: `${express}
const seen = new Map();
function remember(store, target) { store.set('Location', target); }
app.get('/out', (req, res) => { remember(seen, req.query.to); res.redirect('/'); });` },
  ],
  invalid: [
    { name: 'a helper given the response under another name (Express, Hapi h, Hono c)', code: `${express}
import Hapi from '@hapi/hapi';
import { Hono } from 'hono';
function moveTo(out, target) { out.status(302).set('Location', target).end(); }
const away = (toolkit, target) => toolkit.response().code(302).header('Location', target);
function leave(context, target) { return context.redirect(target); }
app.get('/a', (req, res) => moveTo(res, req.query.to));
Hapi.server().route({ method: 'GET', path: '/b', handler: (request, h) => away(h, request.query.to) });
new Hono().get('/c', (c) => leave(c, c.req.query('to') ?? '/'));`, errors: [
      { messageId: 'openRedirect', line: 5, column: 64, endColumn: 70, data: { source: '`req.query.to`', sourceLine: 8, sink: 'set', sinkLine: 5, via: ' through `moveTo` (called on line 8 by the handler of GET /a)' } },
      { messageId: 'openRedirect', line: 6, column: 83, endColumn: 89, data: { source: '`request.query.to`', sourceLine: 9, sink: 'header', sinkLine: 6, via: ' through `away` (called on line 9 by the handler of GET /b)' } },
      { messageId: 'openRedirect', line: 7, column: 59, endColumn: 65, data: { source: '`c.req.query(\'to\')`', sourceLine: 10, sink: 'context.redirect', sinkLine: 7, via: ' through `leave` (called on line 10 by the handler of GET /c)' } },
    ] },
    { name: 'Koa: ctx.response.set and ctx.response.redirect', code: `${koa}
router.get('/a', (ctx) => { ctx.status = 302; ctx.response.set('Location', ctx.query.to); });
router.get('/b', (ctx) => ctx.response.redirect(ctx.query.to));
app.use(router.routes());`, errors: [
      { messageId: 'openRedirect', line: 5, column: 76, endColumn: 88, data: { source: '`ctx.query.to`', sourceLine: 5, sink: 'ctx.response.set', sinkLine: 5, via: '' } },
      { messageId: 'openRedirect', line: 6, column: 49, endColumn: 61, data: { source: '`ctx.query.to`', sourceLine: 6, sink: 'ctx.response.redirect', sinkLine: 6, via: '' } },
    ] },
    { name: 'Hapi: redirect, header and location of h.response()', code: `${hapi}
server.route({ method: 'GET', path: '/a', handler: (request, h) => h.response().redirect(request.query.to) });
server.route({ method: 'GET', path: '/b', handler: (request, h) => h.response().code(302).header('Location', request.query.to) });
server.route({ method: 'GET', path: '/c', handler: (request, h) => h.response().code(301).location(request.query.to) });`, errors: [
      { messageId: 'openRedirect', line: 3, column: 90, endColumn: 106, data: { source: '`request.query.to`', sourceLine: 3, sink: 'redirect', sinkLine: 3, via: '' } },
      { messageId: 'openRedirect', line: 4, column: 110, endColumn: 126, data: { source: '`request.query.to`', sourceLine: 4, sink: 'header', sinkLine: 4, via: '' } },
      { messageId: 'openRedirect', line: 5, column: 100, endColumn: 116, data: { source: '`request.query.to`', sourceLine: 5, sink: 'location', sinkLine: 5, via: '' } },
    ] },
    { name: 'Fetch: new Response with a Location, written in place, in a constant, in new Headers, as pairs', filename: 'app/api/out/route.ts', code: `export function GET(request: Request) {
  const to = new URL(request.url).searchParams.get('to') ?? '/';
  if (to.length > 300) return new Response(null, { status: 302, headers: { Location: to } });
  if (to.length > 200) return new Response(null, { status: 307, headers: new Headers({ location: to }) });
  if (to.length > 100) return new Response(null, { status: 303, headers: [['LOCATION', to]] });
  const headers = { Location: to };
  return new Response(null, { status: 302, headers });
}`, errors: [
      { messageId: 'openRedirect', line: 3, column: 86, endColumn: 88, data: { source: '`searchParams.get(\'to\')`', sourceLine: 2, sink: 'new Response', sinkLine: 3, via: '' } },
      { messageId: 'openRedirect', line: 4, column: 98, endColumn: 100, data: { source: '`searchParams.get(\'to\')`', sourceLine: 2, sink: 'new Response', sinkLine: 4, via: '' } },
      { messageId: 'openRedirect', line: 5, column: 88, endColumn: 90, data: { source: '`searchParams.get(\'to\')`', sourceLine: 2, sink: 'new Response', sinkLine: 5, via: '' } },
      { messageId: 'openRedirect', line: 6, column: 31, endColumn: 33, data: { source: '`searchParams.get(\'to\')`', sourceLine: 2, sink: 'new Response', sinkLine: 7, via: '' } },
    ] },
    { name: 'Next.js: new NextResponse with a Location', filename: 'app/api/out/route.ts', code: `import { NextResponse, type NextRequest } from 'next/server';
export function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get('to') ?? '/';
  return new NextResponse(null, { status: 307, headers: { location: to } });
}`, errors: [
      { messageId: 'openRedirect', line: 4, column: 69, endColumn: 71, data: { source: '`request.nextUrl.searchParams.get(\'to\')`', sourceLine: 3, sink: 'new NextResponse', sinkLine: 4, via: '' } },
    ] },
    { name: 'Hono: a returned new Response with a Location', code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/out', (c) => new Response(null, { status: 302, headers: { Location: c.req.query('to') ?? '/' } }));`, errors: [
      { messageId: 'openRedirect', line: 3, column: 79, endColumn: 103, data: { source: '`c.req.query(\'to\')`', sourceLine: 3, sink: 'new Response', sinkLine: 3, via: '' } },
    ] },
    { name: 'Express: a same-file helper given the target and the response sets res.set({ Location })', code: `${express}
const moveTo = (target, response) => response.status(307).set({ Location: target }).send('Moving');
app.get('/sso/done', (req, res) => {
  const back = String(req.query.back);
  return moveTo(decodeURIComponent(back) + '?ticket=1', res);
});`, errors: [
      { messageId: 'openRedirect', line: 3, column: 75, endColumn: 81, data: { source: '`req.query.back`', sourceLine: 5, sink: 'set', sinkLine: 3, via: ' through `moveTo` (called on line 6 by the handler of GET /sso/done)' } },
    ] },
    { name: 'Koa: a same-file helper given ctx sets ctx.response.set', code: `${koa}
function moveTo(ctx, target) {
  ctx.status = 302;
  ctx.response.set('Location', target);
}
router.get('/out', (ctx) => moveTo(ctx, ctx.query.to));
app.use(router.routes());`, errors: [
      { messageId: 'openRedirect', line: 7, column: 32, endColumn: 38, data: { source: '`ctx.query.to`', sourceLine: 9, sink: 'ctx.response.set', sinkLine: 7, via: ' through `moveTo` (called on line 9 by the handler of GET /out)' } },
    ] },
    { name: 'Express: a headers object built first, then passed to writeHead', code: `${express}
app.get('/out', (req, res) => {
  const target = req.query.to;
  const headers = { 'Content-Type': 'text/plain', Location: target };
  res.writeHead(302, headers);
  res.end();
});`, errors: [
      { messageId: 'openRedirect', line: 5, column: 61, endColumn: 67, data: { source: '`req.query.to`', sourceLine: 4, sink: 'res.writeHead', sinkLine: 6, via: '' } },
    ] },
  ],
});

describe('no-open-redirect: a Location header set in a helper of another file', () => {
  const rules = { 'api-security/no-open-redirect': 'error' } as const;
  const routes = `import express from 'express';
import { sendRedirect, sendToSignIn } from './lib/http.js';
const app = express();
app.post('/sso/acs', (req, res) => sendRedirect(res, req.body.RelayState));
app.get('/private', (req, res) => sendToSignIn(res, req.originalUrl));
`;
  const helpers = `export function sendRedirect(res, url) {
  res.status(302);
  res.set({ Location: url });
  res.end();
}

export function sendToSignIn(res, back) {
  res.writeHead(302, { Location: '/sign-in?back=' + encodeURIComponent(back) });
  res.end();
}
`;

  it('reports the header inside the helper, naming the route and the input; the fixed-path helper stays quiet', async () => {
    const dir = writeProject({ 'lib/http.js': helpers, 'routes.js': routes });
    const messages = await lintProjectFile(dir, 'lib/http.js', rules);
    expect(messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.message}`)).toEqual([
      '3:23 `req.body.RelayState` in routes.js (line 4) decides where `res.set` (line 3) redirects the client through `sendRedirect` (called on line 4 of routes.js by the handler of POST /sso/acs); a link to this site can send users to any other site. Redirect only to a fixed path prefix, to an allowlisted URL, or check the value starts with "/" and not "//".',
    ]);
    expect(await lintProjectFile(dir, 'routes.js', rules)).toEqual([]);
  });

  it('node:http: writeHead in a helper of another file', async () => {
    const dir = writeProject({
      'lib/http.js': `export function sendRedirect(res, url) {\n  res.writeHead(302, { Location: url });\n  res.end();\n}\n`,
      'server.js': `import http from 'node:http';\nimport { sendRedirect } from './lib/http.js';\nhttp.createServer((req, res) => sendRedirect(res, new URL(req.url, 'http://localhost').searchParams.get('next'))).listen(8080);\n`,
    });
    const messages = await lintProjectFile(dir, 'lib/http.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}`)).toEqual(['2 api-security/no-open-redirect']);
    expect(messages[0]?.message).toContain('through `sendRedirect` (called on line 3 of server.js');
  });
});
