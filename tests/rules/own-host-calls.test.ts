import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-open-redirect.js';

/*
 * The Host header names the site the browser opened, whichever way the handler reads it: as a
 * property (`req.headers.host`) or through a call that names the header (`req.get('host')`,
 * `req.header('Host')`, Koa's `ctx.get('host')`, a web `Request`'s `headers.get('host')`). Any other
 * header read by the same call stays client input.
 */
const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();
`;
const koa = `import Koa from 'koa';
const app = new Koa();
`;

ruleTester.run('no-open-redirect: the Host header read by a call', rule, {
  valid: [
    { name: 'express req.get', code: `${express}app.use((req, res, next) => (req.secure ? next() : res.redirect('https://' + req.get('host') + '/signin')));` },
    { name: 'express req.header, any case', code: `${express}app.get('/home', (req, res) => res.redirect(\`https://\${req.header('Host')}/home\`));` },
    { name: 'a const alias of the call', code: `${express}app.get('/home', (req, res) => { const host = req.get('host'); res.redirect('https://' + host + '/home'); });` },
    { name: 'koa ctx.get', code: `${koa}app.use(async (ctx) => { ctx.redirect('https://' + ctx.get('host') + '/home'); });` },
    {
      name: 'Next.js headers.get',
      filename: 'app/api/home/route.ts',
      code: `import { NextResponse, type NextRequest } from 'next/server';
export function GET(request: NextRequest) {
  return NextResponse.redirect('https://' + request.headers.get('host') + '/home');
}`,
    },
    {
      name: 'Next.js: back to the referer, the page the user came from',
      filename: 'app/api/back/route.ts',
      code: `import { NextResponse, type NextRequest } from 'next/server';
export function GET(request: NextRequest) {
  return NextResponse.redirect(request.headers.get('referer') ?? '/');
}`,
    },
  ],
  invalid: [
    {
      name: 'another header read by the same call',
      code: `${express}app.get('/home', (req, res) => res.redirect('https://' + req.get('x-forwarded-host') + '/home'));`,
      errors: [{ messageId: 'openRedirect', line: 3, data: { source: "`req.get('x-forwarded-host')`", sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } }],
    },
    {
      name: 'a header named by a variable',
      code: `${express}app.get('/home', (req, res) => res.redirect('https://' + req.header(req.query.h) + '/home'));`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'koa: a forwarded host',
      code: `${koa}app.use(async (ctx) => { ctx.redirect('https://' + ctx.get('X-Forwarded-Host') + '/home'); });`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'Next.js: a forwarded host',
      filename: 'app/api/back/route.ts',
      code: `import { NextResponse, type NextRequest } from 'next/server';
export function GET(request: NextRequest) {
  return NextResponse.redirect('https://' + (request.headers.get('x-forwarded-host') ?? 'app.example.com') + '/home');
}`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
  ],
});
