import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-command-injection.js';

// Every handler shape of the handler model (src/analysis/routes/handlers.ts), per framework, and
// every request input read the way servers read it, through one sink. Look-alikes stay quiet: an
// `event` is a request only in the exported handler of a serverless module.
const ruleTester = new RuleTester();

ruleTester.run('no-command-injection across handler shapes', rule, {
  valid: [
    {
      name: 'a DOM event is not a Lambda event',
      filename: 'src/ui.ts',
      code: `
import { exec } from 'node:child_process';
document.addEventListener('click', (event) => exec('ls ' + event.target.value));
`,
    },
    {
      name: 'an EventEmitter payload is not a Lambda event',
      filename: 'src/jobs.ts',
      code: `
import { exec } from 'node:child_process';
emitter.on('job', (event) => exec('run ' + event.body));
export function onJob(event) { exec('run ' + event.body); }
`,
    },
    {
      name: 'an exported queue consumer that reads only the message body is not an HTTP function',
      filename: 'src/consumers.ts',
      code: `
import { exec } from 'node:child_process';
export async function onMessage(event) {
  exec('run ' + event.body);
  return { processed: true };
}
`,
    },
    {
      name: 'an exported consumer of a typed queue event that answers through a helper is not an HTTP function',
      filename: 'src/consumers.ts',
      code: `
import type { SQSEvent } from 'aws-lambda';
import { exec } from 'node:child_process';
import { done } from './results';
export const onOrder = async (event: SQSEvent) => {
  exec('run ' + event.body);
  return done(event);
};
`,
    },
    {
      name: 'a non-exported event function is not a Lambda handler',
      filename: 'src/lambda.ts',
      code: `
import { exec } from 'node:child_process';
const handler = async (event) => exec('convert ' + event.queryStringParameters.image);
queue.process(handler);
`,
    },
    {
      name: 'a (req, res) function that reads nothing of the request',
      filename: 'src/util.ts',
      code: `
import { exec } from 'node:child_process';
const step = (req, res) => exec('uptime');
`,
    },
    {
      name: 'parameters not named like a request',
      filename: 'src/util.ts',
      code: `
import { exec } from 'node:child_process';
const apply = (a, b) => exec('ls ' + a.query.dir);
`,
    },
    {
      name: 'a request stream event other than data',
      filename: 'src/server.ts',
      code: `
import http from 'node:http';
import { exec } from 'node:child_process';
http.createServer((req, res) => {
  req.on('error', (error) => exec('log ' + error.message));
});
`,
    },
    {
      name: 'a ({ req }) object outside a wrapper call',
      filename: 'src/util.ts',
      code: `
import { exec } from 'node:child_process';
export function format({ req, params }) { return exec('ls ' + params.id); }
`,
    },
  ],
  invalid: [
    {
      name: 'express: handler returned by a factory, registered in this file',
      filename: 'src/app.ts',
      code: `
import express from 'express';
import { exec } from 'node:child_process';
export function search() {
  return (req, res, next) => {
    exec('grep ' + req.query.q + ' data.txt');
  };
}
const app = express();
app.get('/search', search());
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 20, endColumn: 31, data: { source: '`req.query.q`', sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'express: handler returned by an exported factory, registered elsewhere',
      filename: 'src/search.ts',
      code: `
import { exec } from 'node:child_process';
export function search() {
  return function (req, res, next) {
    exec(\`grep \${req.query.q} data.txt\`);
  };
}
`,
      errors: [
        { messageId: 'commandInjection', line: 5, column: 18, endColumn: 29, data: { source: '`req.query.q`', sourceLine: 5, sink: 'exec', sinkLine: 5 } },
      ],
    },
    {
      name: 'express: handler assigned in a constructor function',
      filename: 'src/app.js',
      code: `
const express = require('express');
const { exec } = require('child_process');
function ProfileHandler(db) {
  this.update = (req, res, next) => {
    exec('convert ' + req.body.avatar);
  };
}
const app = express();
const profileHandler = new ProfileHandler(db);
app.post('/profile', profileHandler.update);
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 23, endColumn: 38, data: { source: '`req.body.avatar`', sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'express: handler on a constructor prototype',
      filename: 'src/app.js',
      code: `
const express = require('express');
const { exec } = require('child_process');
function Reports() {}
Reports.prototype.run = function (req, res) {
  exec('report ' + req.params.name);
};
const reports = new Reports();
express().get('/reports/:name', reports.run);
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 20, endColumn: 35, data: { source: '`req.params.name`', sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'express: middleware registered with app.use',
      filename: 'src/app.ts',
      code: `
import express from 'express';
import { exec } from 'node:child_process';
const app = express();
app.use((req, res, next) => {
  exec('logger ' + req.headers['user-agent']);
  next();
});
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 20, endColumn: 45, data: { source: "`req.headers['user-agent']`", sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'express: require(express)() used inline',
      filename: 'src/app.js',
      code: `
const { exec } = require('child_process');
require('express')().get('/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host);
});
`,
      errors: [
        { messageId: 'commandInjection', line: 4, column: 23, endColumn: 37, data: { source: '`req.query.host`', sourceLine: 4, sink: 'exec', sinkLine: 4 } },
      ],
    },
    {
      name: 'express: handler wrapped by asyncHandler',
      filename: 'src/app.ts',
      code: `
import express from 'express';
import asyncHandler from 'express-async-handler';
import { exec } from 'node:child_process';
const router = express.Router();
router.post('/build', asyncHandler(async (req, res) => {
  exec('make ' + req.body.target);
}));
`,
      errors: [
        { messageId: 'commandInjection', line: 7, column: 18, endColumn: 33, data: { source: '`req.body.target`', sourceLine: 7, sink: 'exec', sinkLine: 7 } },
      ],
    },
    {
      name: 'express: destructured request parameter',
      filename: 'src/app.ts',
      code: `
import express from 'express';
import { exec } from 'node:child_process';
const app = express();
app.get('/files', ({ query }, res) => {
  exec('ls ' + query.dir);
});
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 16, endColumn: 25, data: { source: '`query.dir`', sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'express: a handler-shaped function whose registration is not in view',
      filename: 'src/handlers.ts',
      code: `
import { exec } from 'node:child_process';
const handle = (req, res) => {
  exec('whois ' + req.query.domain);
};
register(handle);
`,
      errors: [
        { messageId: 'commandInjection', line: 4, column: 19, endColumn: 35, data: { source: '`req.query.domain`', sourceLine: 4, sink: 'exec', sinkLine: 4 } },
      ],
    },
    {
      name: 'koa: middleware async (ctx, next)',
      filename: 'src/app.ts',
      code: `
import Koa from 'koa';
import { exec } from 'node:child_process';
const app = new Koa();
app.use(async (ctx, next) => {
  exec('echo ' + ctx.query.msg);
  await next();
});
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 18, endColumn: 31, data: { source: '`ctx.query.msg`', sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'koa: router handler from a factory',
      filename: 'src/routes.ts',
      code: `
import Router from '@koa/router';
import { exec } from 'node:child_process';
const router = new Router();
const makeHandler = () => async (ctx) => {
  exec('dig ' + ctx.params.host);
};
router.get('/dig/:host', makeHandler());
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 17, endColumn: 32, data: { source: '`ctx.params.host`', sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'fastify: preHandler hook',
      filename: 'src/app.ts',
      code: `
import Fastify from 'fastify';
import { exec } from 'node:child_process';
const app = Fastify();
app.addHook('preHandler', async (request, reply) => {
  exec('audit ' + request.headers['x-user']);
});
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 19, endColumn: 44, data: { source: "`request.headers['x-user']`", sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'fastify: onRequest hook in route options',
      filename: 'src/app.ts',
      code: `
import Fastify from 'fastify';
import { exec } from 'node:child_process';
const app = Fastify();
app.get('/x', { onRequest: async (request, reply) => { exec('trace ' + request.query.id); } }, async () => 'ok');
`,
      errors: [
        { messageId: 'commandInjection', line: 5, column: 72, endColumn: 88, data: { source: '`request.query.id`', sourceLine: 5, sink: 'exec', sinkLine: 5 } },
      ],
    },
    {
      name: 'hapi: handler from a factory',
      filename: 'src/server.ts',
      code: `
import Hapi from '@hapi/hapi';
import { exec } from 'node:child_process';
const server = Hapi.server();
function lookup() {
  return (request, h) => {
    exec('host ' + request.params.name);
    return h.response('ok');
  };
}
server.route({ method: 'GET', path: '/host/{name}', handler: lookup() });
`,
      errors: [
        { messageId: 'commandInjection', line: 7, column: 20, endColumn: 39, data: { source: '`request.params.name`', sourceLine: 7, sink: 'exec', sinkLine: 7 } },
      ],
    },
    {
      name: 'hono: handler from a factory',
      filename: 'src/app.ts',
      code: `
import { Hono } from 'hono';
import { exec } from 'node:child_process';
const app = new Hono();
const run = () => (c) => {
  exec('run ' + c.req.query('job'));
  return c.text('ok');
};
app.get('/run', run());
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 17, endColumn: 35, data: { source: "`c.req.query('job')`", sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'next.js: export const PUT = PATCH',
      filename: 'app/api/items/route.ts',
      code: `
import { exec } from 'node:child_process';
export async function PATCH(request: Request) {
  const body = await request.json();
  exec('touch ' + body.name);
  return Response.json({});
}
export const PUT = PATCH;
`,
      errors: [
        { messageId: 'commandInjection', line: 5, column: 19, endColumn: 28, data: { source: '`body.name`', sourceLine: 5, sink: 'exec', sinkLine: 5 } },
      ],
    },
    {
      name: 'a project wrapper handing ({ req, params })',
      filename: 'app/api/w/[id]/route.ts',
      code: `
import { exec } from 'node:child_process';
import { withWorkspace } from '@/lib/auth';
export const GET = withWorkspace(async ({ req, params }) => {
  exec('ls ' + params.id);
  return Response.json({});
});
`,
      errors: [
        { messageId: 'commandInjection', line: 5, column: 16, endColumn: 25, data: { source: '`params.id`', sourceLine: 5, sink: 'exec', sinkLine: 5 } },
      ],
    },
    {
      name: 'nestjs: controller method with @Query',
      filename: 'src/tools.controller.ts',
      code: `
import { Controller, Get, Query } from '@nestjs/common';
import { exec } from 'node:child_process';
@Controller('tools')
export class ToolsController {
  @Get('ping')
  ping(@Query('host') host: string) {
    exec('ping ' + host);
  }
}
`,
      errors: [
        { messageId: 'commandInjection', line: 8, column: 20, endColumn: 24, data: { source: "`@Query('host') host`", sourceLine: 7, sink: 'exec', sinkLine: 8 } },
      ],
    },
    {
      name: 'node:http: url.parse(req.url, true).query',
      filename: 'src/server.js',
      code: `
const http = require('http');
const url = require('url');
const { exec } = require('child_process');
http.createServer((req, res) => {
  const { query } = url.parse(req.url, true);
  exec('cat ' + query.file);
  res.end();
}).listen(3000);
`,
      errors: [
        { messageId: 'commandInjection', line: 7, column: 17, endColumn: 27, data: { source: '`req.url`', sourceLine: 6, sink: 'exec', sinkLine: 7 } },
      ],
    },
    {
      name: 'node:http: new URL(req.url, base).searchParams.get()',
      filename: 'src/server.ts',
      code: `
import { createServer } from 'node:http';
import { exec } from 'node:child_process';
createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  exec('cat ' + url.searchParams.get('file'));
  res.end();
});
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 17, endColumn: 45, data: { source: "`searchParams.get('file')`", sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'node:http: querystring.parse of the body read with for await',
      filename: 'src/server.ts',
      code: `
import http from 'node:http';
import querystring from 'node:querystring';
import { exec } from 'node:child_process';
http.createServer(async (req, res) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  const form = querystring.parse(text);
  exec('mail ' + form.to);
  res.end();
});
`,
      errors: [
        { messageId: 'commandInjection', line: 9, column: 18, endColumn: 25, data: { source: 'the body streamed from `req`', sourceLine: 7, sink: 'exec', sinkLine: 9 } },
      ],
    },
    {
      name: 'node:http: body read with req.on(data)',
      filename: 'src/server.ts',
      code: `
import http from 'node:http';
import { exec } from 'node:child_process';
http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    exec('process ' + JSON.parse(body).job);
    res.end();
  });
});
`,
      errors: [
        { messageId: 'commandInjection', line: 8, column: 23, endColumn: 43, data: { source: 'the body streamed from `req`', sourceLine: 6, sink: 'exec', sinkLine: 8 } },
      ],
    },
    {
      name: 'aws lambda: export const handler = async (event)',
      filename: 'src/lambda.ts',
      code: `
import { exec } from 'node:child_process';
export const handler = async (event) => {
  exec('convert ' + event.queryStringParameters.image);
  return { statusCode: 200, body: '' };
};
`,
      errors: [
        { messageId: 'commandInjection', line: 4, column: 21, endColumn: 54, data: { source: '`event.queryStringParameters.image`', sourceLine: 4, sink: 'exec', sinkLine: 4 } },
      ],
    },
    {
      // serverless.yml may name any export (\`handler: src/images.thumbnail\`): the event's shape decides.
      name: 'aws lambda: an export of any name that reads gateway query parameters',
      filename: 'src/images.ts',
      code: `
import { exec } from 'node:child_process';
export const thumbnail = async (event) => {
  exec('convert ' + event.queryStringParameters.image);
};
`,
      errors: [{ messageId: 'commandInjection', line: 4, data: { source: '\`event.queryStringParameters.image\`', sourceLine: 4, sink: 'exec', sinkLine: 4 } }],
    },
    {
      // The middleware chain returns the wrapped handler, whatever the export is called.
      name: 'aws lambda: a handler wrapped by middy and configured with .use()',
      filename: 'src/thumbnails.ts',
      code: `
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { exec } from 'node:child_process';
import { verifyJwt } from './auth';
const resize = async (event) => {
  exec('convert ' + event.queryStringParameters.image);
  return { statusCode: 204 };
};
export const thumbnail = middy(resize).use(verifyJwt()).use(httpErrorHandler());
`,
      errors: [{ messageId: 'commandInjection', line: 7, data: { source: '\`event.queryStringParameters.image\`', sourceLine: 7, sink: 'exec', sinkLine: 7 } }],
    },
    {
      // A chain of any length: each `.use()` / `.before()` / `.onError()` returns the same wrapper.
      name: 'aws lambda: a named handler wrapped by middy with a long configuration chain',
      filename: 'src/render.ts',
      code: `
import middy from '@middy/core';
import { execFileSync, execSync } from 'node:child_process';
import { loadSecrets, requireToken, parseJson, checkSchema, mapErrors, audit } from './middlewares';
const renderPage = async (event) => {
  execFileSync('magick', ['-density', String(event.body.density)]);
  execSync('magick -quality ' + event.body.quality + ' in.pdf out.png');
  return { statusCode: 200, body: '' };
};
export const render = middy(renderPage).use(loadSecrets()).use(requireToken()).use(parseJson()).use(checkSchema()).before(audit()).onError(mapErrors()).use(mapErrors());
`,
      errors: [{ messageId: 'commandInjection', line: 7, data: { source: '\`event.body.quality\`', sourceLine: 7, sink: 'execSync', sinkLine: 7 } }],
    },
    {
      name: 'aws lambda: an export of any name that answers in the gateway shape',
      filename: 'src/jobs.js',
      code: `
const { execSync } = require('child_process');
module.exports.runReport = async (event) => {
  const { name } = JSON.parse(event.body);
  execSync('report ' + name);
  return { statusCode: 202, body: '' };
};
`,
      errors: [{ messageId: 'commandInjection', line: 5, data: { source: '\`event.body\`', sourceLine: 4, sink: 'execSync', sinkLine: 5 } }],
    },
    {
      // The answer is built by a helper of another file (\`json(200, found)\`): the event's type decides.
      name: 'aws lambda: an export of any name whose event is typed APIGatewayProxyEvent',
      filename: 'src/handlers/reports.ts',
      code: `
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { execSync } from 'node:child_process';
import { json } from '../lib/http';
export const runReport = async (event: APIGatewayProxyEvent) => {
  const input = JSON.parse(event.body ?? '{}');
  return json(200, execSync('report ' + input.name).toString());
};
`,
      errors: [{ messageId: 'commandInjection', line: 7, data: { source: '\`event.body\`', sourceLine: 6, sink: 'execSync', sinkLine: 7 } }],
    },
    {
      name: 'aws lambda: exports.handler with a JSON body and path parameters',
      filename: 'src/lambda.js',
      code: `
const { execSync } = require('child_process');
exports.handler = async (event, context) => {
  const { name } = JSON.parse(event.body);
  execSync('useradd ' + name + ' -g ' + event.pathParameters.group);
  return { statusCode: 204 };
};
`,
      errors: [
        { messageId: 'commandInjection', line: 5, column: 25, endColumn: 29, data: { source: '`event.body`', sourceLine: 4, sink: 'execSync', sinkLine: 5 } },
        { messageId: 'commandInjection', line: 5, column: 41, endColumn: 67, data: { source: '`event.pathParameters.group`', sourceLine: 5, sink: 'execSync', sinkLine: 5 } },
      ],
    },
    {
      name: 'aws lambda: typed APIGatewayProxyEvent with multi-value query parameters',
      filename: 'src/fn.ts',
      code: `
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { exec } from 'node:child_process';
export async function main(evt: APIGatewayProxyEvent) {
  exec('tag ' + evt.multiValueQueryStringParameters.tags.join(' '));
}
`,
      errors: [
        { messageId: 'commandInjection', line: 5, column: 17, endColumn: 67, data: { source: '`evt.multiValueQueryStringParameters.tags`', sourceLine: 5, sink: 'exec', sinkLine: 5 } },
      ],
    },
    {
      name: 'google cloud functions: functions.https.onRequest',
      filename: 'functions/index.js',
      code: `
const functions = require('firebase-functions');
const { exec } = require('child_process');
exports.resize = functions.https.onRequest((req, res) => {
  exec('resize ' + req.query.size);
  res.send('ok');
});
`,
      errors: [
        { messageId: 'commandInjection', line: 5, column: 20, endColumn: 34, data: { source: '`req.query.size`', sourceLine: 5, sink: 'exec', sinkLine: 5 } },
      ],
    },
    {
      name: 'azure functions v3: (context, req)',
      filename: 'HttpTrigger/index.js',
      code: `
const { exec } = require('child_process');
module.exports = async function (context, req) {
  exec('echo ' + req.query.name);
  context.res = { body: 'ok' };
};
`,
      errors: [
        { messageId: 'commandInjection', line: 4, column: 18, endColumn: 32, data: { source: '`req.query.name`', sourceLine: 4, sink: 'exec', sinkLine: 4 } },
      ],
    },
    {
      name: 'azure functions v4: app.http handler (request, context)',
      filename: 'src/functions/run.ts',
      code: `
import { app } from '@azure/functions';
import { exec } from 'node:child_process';
app.http('run', {
  handler: async (request, context) => {
    exec('run ' + request.query.get('job'));
    return { body: 'ok' };
  },
});
`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 19, endColumn: 43, data: { source: "`request.query.get('job')`", sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'vercel/netlify: export default async (req: Request)',
      filename: 'api/echo.ts',
      code: `
import { exec } from 'node:child_process';
export default async (req: Request) => {
  const text = await req.text();
  exec('echo ' + text);
  return new Response('ok');
};
`,
      errors: [
        { messageId: 'commandInjection', line: 5, column: 18, endColumn: 22, data: { source: '`req.text()`', sourceLine: 4, sink: 'exec', sinkLine: 5 } },
      ],
    },
  ],
});
