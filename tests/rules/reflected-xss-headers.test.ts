import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';
import sqlRule from '../../src/rules/no-sql-injection.js';

/*
 * Reflected XSS needs input that a page of another site can make the victim's browser send on a
 * navigation: the path, the query, a form body, the `Referer`, cookies. An `Authorization` header or
 * a custom `X-…` header comes only from a script, which another site cannot send without a CORS
 * preflight the server allows: sent back as HTML, it shows its own sender what that sender wrote.
 * Those headers stay sources of every other kind (SQL, paths, commands).
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;

ruleTester.run('no-reflected-xss (headers)', rule, {
  valid: [
    {
      name: 'the Authorization header in HTML',
      code: `${express}
app.get('/whoami', (req, res) => res.send(\`<p>\${req.headers.authorization}</p>\`));`,
    },
    {
      name: 'a custom header by req.get() and by index',
      code: `${express}
app.get('/a', (req, res) => {
  res.send('<p>' + req.get('X-Request-Id') + '</p>' + req.headers['x-tenant']);
});`,
    },
    {
      name: 'Koa: a custom header',
      code: `import Koa from 'koa';
const app = new Koa();
app.use(async (ctx) => {
  ctx.type = 'html';
  ctx.body = \`<p>\${ctx.get('x-forwarded-user')}</p>\`;
});`,
    },
    {
      name: 'NestJS: @Headers(\'authorization\') returned as text/html',
      code: `import { Controller, Get, Header, Headers } from '@nestjs/common';
@Controller()
export class PermissionsController {
  @Get()
  @Header('Content-Type', 'text/html')
  page(@Headers('authorization') authHeader?: string): string {
    return \`<html><body><p>\${authHeader}</p></body></html>\`;
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'the Referer',
      code: `${express}
app.get('/back', (req, res) => res.send(\`<a href="\${req.get('Referer')}">back</a>\`));`,
      errors: [{ messageId: 'reflectedXss', line: 3, data: { source: '`req.get(\'Referer\')`', sourceLine: 3, sink: 'res.send', sinkLine: 3, via: '' }, suggestions: [] }],
    },
    {
      name: 'the Origin of a form posted from another site',
      code: `${express}
app.post('/embed', (req, res) => res.send('<p>Posted from ' + req.headers.origin + '</p>'));`,
      errors: [{ messageId: 'reflectedXss', line: 3 }],
    },
    {
      name: 'the Cookie header and a cookie',
      code: `${express}
app.get('/c', (req, res) => res.send('<p>' + req.headers.cookie + req.cookies.theme + '</p>'));`,
      errors: [
        { messageId: 'reflectedXss', line: 3, data: { source: '`req.headers.cookie`', sourceLine: 3, sink: 'res.send', sinkLine: 3, via: '' }, suggestions: [] },
        { messageId: 'reflectedXss', line: 3, data: { source: '`req.cookies.theme`', sourceLine: 3, sink: 'res.send', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'a header read by a name out of view, and all headers',
      code: `${express}
app.get('/h', (req, res) => res.send('<p>' + req.get(req.query.h) + JSON.stringify(req.headers) + '</p>'));`,
      errors: [
        { messageId: 'reflectedXss', line: 3, data: { source: '`req.get(req.query.h)`', sourceLine: 3, sink: 'res.send', sinkLine: 3, via: '' }, suggestions: [] },
        { messageId: 'reflectedXss', line: 3, data: { source: '`req.headers`', sourceLine: 3, sink: 'res.send', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'query, path and form body',
      code: `${express}
app.post('/p/:id', express.urlencoded({ extended: false }), (req, res) => {
  res.send(\`<p>\${req.query.q}\${req.params.id}\${req.body.comment}</p>\`);
});`,
      errors: [
        { messageId: 'reflectedXss', line: 4, data: { source: '`req.query.q`', sourceLine: 4, sink: 'res.send', sinkLine: 4, via: '' }, suggestions: [] },
        { messageId: 'reflectedXss', line: 4, data: { source: '`req.params.id`', sourceLine: 4, sink: 'res.send', sinkLine: 4, via: '' }, suggestions: [] },
        { messageId: 'reflectedXss', line: 4, data: { source: '`req.body.comment`', sourceLine: 4, sink: 'res.send', sinkLine: 4, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'NestJS: @Query() returned as text/html',
      code: `import { Controller, Get, Header, Query } from '@nestjs/common';
@Controller()
export class PermissionsController {
  @Get()
  @Header('Content-Type', 'text/html')
  page(@Query('name') name?: string): string {
    return \`<html><body><p>\${name}</p></body></html>\`;
  }
}`,
      errors: [{ messageId: 'reflectedXss', line: 7, data: { source: '`@Query(\'name\') name`', sourceLine: 6, sink: 'return', sinkLine: 7, via: '' }, suggestions: [] }],
    },
  ],
});

ruleTester.run('no-sql-injection (headers stay sources)', sqlRule, {
  valid: [],
  invalid: [
    {
      name: 'a custom header in SQL text',
      code: `${express}
import { Pool } from 'pg';
const pool = new Pool();
app.get('/t', (req, res) => pool.query('SELECT * FROM t WHERE tenant = ' + req.get('X-Tenant')));`,
      errors: [{ messageId: 'sqlInjection', line: 5 }],
    },
    {
      name: 'NestJS: @Headers(\'authorization\') in SQL text',
      code: `import { Controller, Get, Headers } from '@nestjs/common';
import { Pool } from 'pg';
const pool = new Pool();
@Controller()
export class TokensController {
  @Get()
  find(@Headers('authorization') auth: string) {
    return pool.query('SELECT * FROM tokens WHERE value = ' + auth);
  }
}`,
      errors: [{ messageId: 'sqlInjection', line: 8 }],
    },
  ],
});
