import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';

/*
 * Nest and Fastify send what a handler returns as the response body. It is a page only where the
 * handler says so: Nest's `@Header('Content-Type', 'text/html')` on the method, Fastify's
 * `reply.type('text/html')` or `reply.header('content-type', …)` before the return. Without that,
 * Fastify answers text/plain (strings) or JSON (objects), and a returned object is JSON in Nest.
 */
const ruleTester = new RuleTester();

ruleTester.run('no-reflected-xss: returned bodies', rule, {
  valid: [
    {
      name: 'Nest: a returned greeting without an HTML header',
      code: `import { Controller, Get, Query } from '@nestjs/common';
@Controller('greet')
export class GreetController {
  @Get()
  greet(@Query('who') who: string) {
    return { message: \`hello \${who}\` };
  }
}`,
    },
    {
      name: 'Nest: the HTML header with the value escaped',
      code: `import { Controller, Get, Header, Query } from '@nestjs/common';
import escapeHtml from 'escape-html';
@Controller('badge')
export class BadgeController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  badge(@Query('label') label: string) {
    return \`<span class="badge">\${escapeHtml(label)}</span>\`;
  }
}`,
    },
    {
      name: 'Nest: a header decorator for another header',
      code: `import { Controller, Get, Header, Query } from '@nestjs/common';
@Controller('badge')
export class BadgeController {
  @Get()
  @Header('Cache-Control', 'no-store')
  badge(@Query('label') label: string) {
    return \`<span>\${label}</span>\`;
  }
}`,
    },
    {
      name: 'Nest: @Res() takes the response over, the returned value is not sent',
      code: `import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
@Controller('badge')
export class BadgeController {
  @Get()
  @Header('Content-Type', 'text/html')
  badge(@Query('label') label: string, @Res() res: Response) {
    res.json({ ok: true });
    return \`<span>\${label}</span>\`;
  }
}`,
    },
    {
      name: 'Fastify: a returned string without a type is text/plain',
      code: `import Fastify from 'fastify';
const app = Fastify();
app.get('/echo', async (request, reply) => {
  reply.header('cache-control', 'no-store');
  return \`<b>\${request.query.word}</b>\`;
});`,
    },
    {
      name: 'Fastify: an HTML type set after the return value is computed in another branch',
      code: `import Fastify from 'fastify';
const app = Fastify();
app.get('/echo', async (request, reply) => {
  if (request.query.plain) return \`<b>\${request.query.word}</b>\`;
  reply.type('text/html');
  return '<p>fixed</p>';
});`,
    },
    {
      name: 'Fastify: a JSON type',
      code: `import Fastify from 'fastify';
const app = Fastify();
app.get('/echo', async (request, reply) => {
  reply.type('application/json');
  return JSON.stringify({ word: request.query.word });
});`,
    },
    {
      name: 'Fastify: what a nested callback returns is not the body',
      code: `import Fastify from 'fastify';
const app = Fastify();
app.get('/echo', async (request, reply) => {
  reply.type('text/html');
  const words = [request.query.word].map((word) => \`<i>\${word}</i>\`).length;
  return \`<p>\${words} words</p>\`;
});`,
    },
  ],
  invalid: [
    {
      name: 'Nest: @Header declares HTML and the query is returned in markup',
      code: `import { Controller, Get, Header, Query } from '@nestjs/common';
@Controller('badge')
export class BadgeController {
  @Get()
  @Header('Content-Type', 'text/html')
  badge(@Query('label') label: string) {
    return \`<span class="badge">\${label}</span>\`;
  }
}`,
      errors: [
        { messageId: 'reflectedXss', line: 7, column: 35, endColumn: 40, data: { source: '`@Query(\'label\') label`', sourceLine: 6, sink: 'return', sinkLine: 7, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Nest: @Res({ passthrough: true }) still sends the returned value',
      code: `import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
@Controller('badge')
export class BadgeController {
  @Get()
  @Header('content-type', 'text/html')
  badge(@Query('label') label: string, @Res({ passthrough: true }) res: Response) {
    res.status(200);
    return '<span>' + label + '</span>';
  }
}`,
      errors: [{ messageId: 'reflectedXss', line: 9, data: { source: '`@Query(\'label\') label`', sourceLine: 7, sink: 'return', sinkLine: 9, via: '' } }],
    },
    {
      name: 'Fastify: reply.type before the return, through a helper',
      code: `import Fastify from 'fastify';
const app = Fastify();
function card(title: string) {
  return \`<article><h1>\${title}</h1></article>\`;
}
app.get('/card', async (request, reply) => {
  reply.type('text/html');
  return card(request.query.title);
});`,
      errors: [{ messageId: 'reflectedXss', line: 8, data: { source: '`request.query.title`', sourceLine: 8, sink: 'return', sinkLine: 8, via: '' } }],
    },
    {
      name: 'Fastify: reply.header content-type before the return, in a plugin',
      code: `import type { FastifyPluginAsync } from 'fastify';
const pages: FastifyPluginAsync = async (fastify) => {
  fastify.get('/hello', async (req, reply) => {
    const name = req.query.name;
    reply.header('Content-Type', 'text/html; charset=utf-8');
    return '<h1>Hello ' + name + '</h1>';
  });
};
export default pages;`,
      errors: [{ messageId: 'reflectedXss', line: 6, data: { source: '`req.query.name`', sourceLine: 4, sink: 'return', sinkLine: 6, via: '' } }],
    },
  ],
});
