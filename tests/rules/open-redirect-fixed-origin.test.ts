import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-open-redirect.js';

// Targets that cannot leave the site: the request's own path after a fixed origin or after the
// host the request was sent to (an HTTPS upgrade), a relative start (`./`, `../`) or a fixed first
// element of a joined array, and a `Location` header on a response whose status is not 3xx
// (browsers follow it only on a redirect). Each safe shape has an unsafe twin that is still reported.
const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;
const koa = `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();`;

ruleTester.run('no-open-redirect (targets fixed to the site)', rule, {
  valid: [
    // The own host, then the own path: a link can choose only the path on this site.
    { name: 'HTTPS upgrade: req.hostname then req.originalUrl', code: `${express}
app.use((req, res, next) => {
  if (req.secure) return next();
  res.redirect('https://' + req.hostname + req.originalUrl);
});` },
    { name: 'HTTPS upgrade: the Host header then req.url, in a template', code: `${express}
app.use((req, res) => res.redirect(301, \`https://\${req.headers.host}\${req.url}\`));` },
    { name: 'req.get(host) then req.path', code: `${express}
app.use((req, res) => res.redirect('https://' + req.get('host') + req.path));` },
    { name: 'Express 5 req.host then req.originalUrl', code: `${express}
app.use((req, res) => res.redirect(308, \`https://\${req.host}\${req.originalUrl}\`));` },
    { name: 'a fixed origin then the own path', code: `${express}
app.get('/old/*', (req, res) => res.redirect('https://new.example.com' + req.originalUrl));` },
    { name: 'Koa: ctx.host then ctx.url', code: `${koa}
router.get('/x', (ctx) => ctx.redirect(\`https://\${ctx.host}\${ctx.url}\`));
app.use(router.routes());` },
    { name: 'Koa: ctx.hostname then ctx.path', code: `${koa}
router.get('/x', (ctx) => ctx.redirect('https://' + ctx.hostname + ctx.path));
app.use(router.routes());` },
    { name: 'node:http Location built from the Host header and req.url', code: `import http from 'node:http';
http.createServer((req, res) => {
  res.writeHead(301, { Location: 'https://' + req.headers.host + req.url });
  res.end();
}).listen(80);` },
    // A relative start: the browser resolves it against the current page, on this site.
    { name: './ then input', code: `${express}
app.get('/a', (req, res) => res.redirect('./' + req.query.tab));` },
    { name: '../ then input', code: `${express}
app.get('/a/b', (req, res) => res.redirect(\`../\${req.params.id}\`));` },
    { name: './ then the own query string, joined', code: `${express}
app.get('/tests', (req, res) => res.redirect(['./', ...req.url.split('?').slice(1)].join('?')));` },
    { name: 'a fixed first path segment, joined', code: `${express}
app.get('/a', (req, res) => res.redirect(['/settings', req.query.tab].join('/')));` },
    { name: 'a fixed origin, joined through a variable', code: `${express}
app.get('/a', (req, res) => {
  const target = ['https://docs.example.com', req.query.section, req.query.page].join('/');
  res.redirect(target);
});` },
    // A `Location` header on a status that is not a redirect: browsers do not follow it.
    { name: '201 Created with a Location header, chained', code: `${express}
app.post('/items/:name/tags', (req, res) => {
  res.status(201).header('location', \`\${req.params.name}/tags\`).json({ ok: true });
});` },
    { name: '201 Created with res.location', code: `${express}
app.post('/items', (req, res) => res.status(201).location(req.body.href).json({ ok: true }));` },
    { name: 'status set after the header in the same chain', code: `${express}
app.post('/jobs', (req, res) => res.set('Location', req.body.statusUrl).status(202).end());` },
    { name: 'statusCode assigned in the handler', code: `import http from 'node:http';
http.createServer((req, res) => {
  res.statusCode = 201;
  res.setHeader('Location', req.url);
  res.end();
}).listen(80);` },
    { name: 'writeHead with 201 and a Location', code: `import http from 'node:http';
http.createServer((req, res) => {
  res.writeHead(201, { Location: req.url });
  res.end();
}).listen(80);` },
    { name: 'Fastify reply.code(201).header', code: `import Fastify from 'fastify';
const app = Fastify();
app.post('/items', async (request, reply) => reply.code(201).header('Location', request.body.url).send({}));` },
    { name: 'Koa ctx.status = 201 then ctx.set', code: `${koa}
router.post('/items', (ctx) => {
  ctx.status = 201;
  ctx.set('Location', ctx.request.body.url);
  ctx.body = { ok: true };
});
app.use(router.routes());` },
    { name: 'Lambda: a returned 201 with a Location', code: `export const handler = async (event) => {
  const { href } = JSON.parse(event.body);
  return { statusCode: 201, headers: { Location: href }, body: '{}' };
};` },
  ],
  invalid: [
    { name: 'Lambda: a returned response with a Location and no status', code: `export const handler = async (event) => ({ headers: { Location: event.queryStringParameters.next } });`, errors: [
      { messageId: 'openRedirect', line: 1, column: 65, endColumn: 97, data: { source: '`event.queryStringParameters.next`', sourceLine: 1, sink: 'return { … }', sinkLine: 1, via: '' } },
    ] },
    // The own path alone: `//evil.example` is a valid request path, read as protocol-relative.
    { name: 'req.url alone', code: `${express}
app.use((req, res) => res.redirect(req.url));`, errors: [
      { messageId: 'openRedirect', line: 3, column: 36, endColumn: 43, data: { source: '`req.url`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
    ] },
    { name: 'req.originalUrl alone', code: `${express}
app.use((req, res) => res.redirect(301, req.originalUrl));`, errors: [
      { messageId: 'openRedirect', line: 3, column: 41, endColumn: 56, data: { source: '`req.originalUrl`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
    ] },
    { name: "'/' then the own path starts with //", code: `${express}
app.use((req, res) => res.redirect('/' + req.url));`, errors: [
      { messageId: 'openRedirect', line: 3, column: 42, endColumn: 49, data: { source: '`req.url`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
    ] },
    { name: 'a base read at run time then the own path (an empty base leaves //)', code: `${express}
const config = { baseUrl: process.env.BASE_URL ?? '' };
app.use((req, res) => res.redirect(\`\${config.baseUrl}\${req.originalUrl}\`));`, errors: [
      { messageId: 'openRedirect', line: 4, column: 56, endColumn: 71, data: { source: '`req.originalUrl`', sourceLine: 4, sink: 'res.redirect', sinkLine: 4, via: '' } },
    ] },
    // After the own host, a value the client chose decides the rest of the host.
    { name: 'own host then a query parameter', code: `${express}
app.use((req, res) => res.redirect('https://' + req.hostname + req.query.next));`, errors: [
      { messageId: 'openRedirect', line: 3, column: 64, endColumn: 78, data: { source: '`req.query.next`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
    ] },
    { name: 'own host then a body field, in a template', code: `${express}
app.post('/x', (req, res) => res.redirect(\`https://\${req.headers.host}\${req.body.url}\`));`, errors: [
      { messageId: 'openRedirect', line: 3, column: 73, endColumn: 85, data: { source: '`req.body.url`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
    ] },
    { name: 'a forwarded host then the own path', code: `${express}
app.use((req, res) => res.redirect('https://' + req.headers['x-forwarded-host'] + req.url));`, errors: [
      { messageId: 'openRedirect', line: 3, column: 49, endColumn: 80, data: { source: '`req.headers[\'x-forwarded-host\']`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
      { messageId: 'openRedirect', line: 3, column: 83, endColumn: 90, data: { source: '`req.url`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
    ] },
    // Joined arrays whose first element does not fix the start.
    { name: 'joined with a client-chosen first element', code: `${express}
app.get('/a', (req, res) => res.redirect([req.query.base, 'done'].join('/')));`, errors: [
      { messageId: 'openRedirect', line: 3, column: 43, endColumn: 57, data: { source: '`req.query.base`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
    ] },
    { name: "an empty first element joined with '/' gives //", code: `${express}
app.get('/a', (req, res) => res.redirect(['', req.query.host].join('/')));`, errors: [
      { messageId: 'openRedirect', line: 3, column: 47, endColumn: 61, data: { source: '`req.query.host`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
    ] },
    { name: 'a spread that may be empty does not make the separator before it fixed', code: `${express}
const parts: string[] = [];
app.get('/a', (req, res) => res.redirect(['', ...parts, req.query.host].join('/')));`, errors: [
      { messageId: 'openRedirect', line: 4, column: 57, endColumn: 71, data: { source: '`req.query.host`', sourceLine: 4, sink: 'res.redirect', sinkLine: 4, via: '' } },
    ] },
    // A `Location` header stays a redirect with a 3xx status, an unknown one, or none set here.
    { name: 'Location with 302 in the chain', code: `${express}
app.get('/a', (req, res) => res.status(302).set('Location', req.query.to).end());`, errors: [
      { messageId: 'openRedirect', line: 3, column: 61, endColumn: 73, data: { source: '`req.query.to`', sourceLine: 3, sink: 'set', sinkLine: 3, via: '' } },
    ] },
    { name: 'Location with a status the rule cannot read', code: `${express}
app.get('/a', (req, res) => res.status(Number(req.query.code)).location(req.query.to).end());`, errors: [
      { messageId: 'openRedirect', line: 3, column: 73, endColumn: 85, data: { source: '`req.query.to`', sourceLine: 3, sink: 'location', sinkLine: 3, via: '' } },
    ] },
    { name: 'Location when one branch sets a 3xx status', code: `${express}
app.post('/a', (req, res) => {
  res.status(201);
  if (req.query.go) res.status(303);
  res.location(req.body.next);
  res.end();
});`, errors: [
      { messageId: 'openRedirect', line: 6, column: 16, endColumn: 29, data: { source: '`req.body.next`', sourceLine: 6, sink: 'res.location', sinkLine: 6, via: '' } },
    ] },
    { name: 'Koa: a 201 and a redirect of ctx.response in the same handler', code: `${koa}
router.post('/items', (ctx) => {
  ctx.status = 201;
  ctx.set('Location', ctx.request.body.url);
  if (ctx.query.back) ctx.response.redirect('/items');
});
app.use(router.routes());`, errors: [
      { messageId: 'openRedirect', line: 7, column: 23, endColumn: 43, data: { source: '`ctx.request.body.url`', sourceLine: 7, sink: 'ctx.set', sinkLine: 7, via: '' } },
    ] },
    { name: 'Location with no status set before res.end()', code: `${express}
app.get('/a', (req, res) => {
  res.setHeader('Location', req.query.to);
  res.end();
});`, errors: [
      { messageId: 'openRedirect', line: 4, column: 29, endColumn: 41, data: { source: '`req.query.to`', sourceLine: 4, sink: 'res.setHeader', sinkLine: 4, via: '' } },
    ] },
    { name: 'writeHead with 302', code: `import http from 'node:http';
http.createServer((req, res) => {
  res.writeHead(302, { Location: req.url });
  res.end();
}).listen(80);`, errors: [
      { messageId: 'openRedirect', line: 3, column: 34, endColumn: 41, data: { source: '`req.url`', sourceLine: 3, sink: 'res.writeHead', sinkLine: 3, via: '' } },
    ] },
  ],
});
