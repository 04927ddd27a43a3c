import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { getFileAnalysis } from '../../src/analysis/file-analysis.js';
import { getRoutes } from '../../src/analysis/routes/index.js';
import { createCollectRule, type Collector } from '../../src/cli/collect.js';
import { readInputs } from '../../src/cli/inputs.js';
import type { EndpointInput, InputLocation } from '../../src/cli/model.js';
import { contextInputs, graphqlContextInputs, nestInputDecorators, ownPathInputs, requestInputs, type RequestStyle } from '../../src/models/frameworks/request-inputs.js';

/*
 * One table of request inputs, run through both readers of the request: the taint engine (the
 * input reaches `exec`, a command sink) and the inventory (the route lists the input with its
 * location and static name). A source the engine knows but the inventory does not list, or the
 * reverse, fails here: the two cannot drift apart again.
 */

interface Case {
  name: string;
  code: string;
  filename?: string;
  location: InputLocation;
  /** The static key read (`id` of `req.query.id`), null for a whole input. */
  input: string | null;
  /**
   * The handler is no route of the route model (a Lambda function has no path), so the inventory
   * lists no endpoint for it: its reader runs on the handler itself.
   */
  handlerOnly?: true;
}

const EXPRESS = `import express from 'express'; import { exec } from 'node:child_process';
const app = express();
`;
const express = (body: string, params = 'req, res'): string => `${EXPRESS}app.post('/x', async (${params}) => { ${body} res.end(); });\n`;
const koa = (body: string): string => `import Router from '@koa/router'; import { exec } from 'node:child_process';
const router = new Router();
router.post('/x', async (ctx) => { ${body} });\n`;
const fastify = (body: string): string => `import Fastify from 'fastify'; import { exec } from 'node:child_process';
const app = Fastify();
app.post('/x', async (request, reply) => { ${body} return 'ok'; });\n`;
const hapi = (body: string): string => `import Hapi from '@hapi/hapi'; import { exec } from 'node:child_process';
const server = Hapi.server();
server.route({ method: 'POST', path: '/x', handler: async (request, h) => { ${body} return 'ok'; } });\n`;
const hono = (body: string): string => `import { Hono } from 'hono'; import { exec } from 'node:child_process';
const app = new Hono();
app.post('/x', async (c) => { ${body} return c.text('ok'); });\n`;
const nextApp = (body: string, params = 'req: NextRequest'): string => `import { NextRequest, NextResponse } from 'next/server'; import { exec } from 'node:child_process';
export async function POST(${params}) { ${body} return NextResponse.json({}); }\n`;
const nodeHttp = (body: string): string => `import http from 'node:http'; import url from 'node:url'; import { exec } from 'node:child_process';
http.createServer(async (req, res) => { ${body} res.end(); }).listen(3000);\n`;
const lambda = (body: string): string => `import { exec } from 'node:child_process';
export const handler = async (event) => { ${body} return { statusCode: 200 }; };\n`;
const h3 = (body: string): string => `import { exec } from 'node:child_process';\nexport default defineEventHandler(async (event) => { ${body} return 'ok'; });\n`;
const nest = (param: string, body: string): string => `import { Controller, Post, Body, Query, Param, Headers, Req, UploadedFile } from '@nestjs/common'; import { exec } from 'node:child_process';
@Controller('x')
export class XController {
  @Post(':id')
  run(${param}) { ${body} }
}\n`;

const cases: readonly Case[] = [
  // Express
  { name: 'express req.query.id', code: express('exec(req.query.id);'), location: 'query', input: 'id' },
  { name: 'express req.params.id', code: express('exec(req.params.id);'), location: 'path', input: 'id' },
  { name: 'express req.body.name', code: express('exec(req.body.name);'), location: 'body', input: 'name' },
  { name: 'express req.headers[...]', code: express("exec(req.headers['x-cmd']);"), location: 'header', input: 'x-cmd' },
  { name: 'express req.get()', code: express("exec(req.get('x-cmd'));"), location: 'header', input: 'x-cmd' },
  { name: 'express req.header()', code: express("exec(req.header('x-cmd'));"), location: 'header', input: 'x-cmd' },
  { name: 'express req.param()', code: express("exec(req.param('id'));"), location: 'path', input: 'id' },
  { name: 'express req.cookies', code: express('exec(req.cookies.sid);'), location: 'cookie', input: 'sid' },
  { name: 'express req.signedCookies', code: express('exec(req.signedCookies.sid);'), location: 'cookie', input: 'sid' },
  { name: 'express req.url', code: express('exec(req.url);'), location: 'url', input: null },
  { name: 'express req.originalUrl', code: express('exec(req.originalUrl);'), location: 'url', input: null },
  { name: 'express req.path', code: express('exec(req.path);'), location: 'url', input: null },
  { name: 'express req.hostname', code: express('exec(req.hostname);'), location: 'url', input: null },
  { name: 'express req.file.originalname', code: express('exec(req.file.originalname);'), location: 'file', input: 'originalname' },
  { name: 'express req.files', code: express('exec(req.files.doc.name);'), location: 'file', input: 'doc' },
  { name: 'express destructured query', code: express('const { q } = req.query; exec(q);'), location: 'query', input: 'q' },
  { name: 'express destructured parameter', code: express('exec(query.q);', '{ query }, res'), location: 'query', input: 'q' },
  { name: 'express alias of the request member', code: express('const b = req.body; exec(b.cmd);'), location: 'body', input: 'cmd' },
  { name: 'express body stream (for await)', code: express("let raw = ''; for await (const chunk of req) raw += chunk; exec(raw);"), location: 'body', input: null },
  { name: "express body stream (on('data'))", code: express("req.on('data', (chunk) => exec(String(chunk)));"), location: 'body', input: null },
  // Koa
  { name: 'koa ctx.request.body', code: koa('exec(ctx.request.body.cmd);'), location: 'body', input: 'cmd' },
  { name: 'koa ctx.query', code: koa('exec(ctx.query.q);'), location: 'query', input: 'q' },
  { name: 'koa ctx.request.query', code: koa('exec(ctx.request.query.q);'), location: 'query', input: 'q' },
  { name: 'koa ctx.params', code: koa('exec(ctx.params.id);'), location: 'path', input: 'id' },
  { name: 'koa ctx.get()', code: koa("exec(ctx.get('x-cmd'));"), location: 'header', input: 'x-cmd' },
  { name: 'koa ctx.cookies.get()', code: koa("exec(ctx.cookies.get('sid'));"), location: 'cookie', input: 'sid' },
  { name: 'koa ctx.request.headers', code: koa("exec(ctx.request.headers['x-cmd']);"), location: 'header', input: 'x-cmd' },
  { name: 'koa ctx.querystring', code: koa('exec(ctx.querystring);'), location: 'query', input: null },
  // Fastify
  { name: 'fastify request.body', code: fastify('exec(request.body.cmd);'), location: 'body', input: 'cmd' },
  { name: 'fastify request.query', code: fastify('exec(request.query.q);'), location: 'query', input: 'q' },
  { name: 'fastify request.params', code: fastify('exec(request.params.id);'), location: 'path', input: 'id' },
  { name: 'fastify request.headers', code: fastify('exec(request.headers.host);'), location: 'header', input: 'host' },
  { name: 'fastify request.file()', code: fastify('const data = await request.file(); exec(data.filename);'), location: 'file', input: 'filename' },
  // Hapi
  { name: 'hapi request.payload', code: hapi('exec(request.payload.cmd);'), location: 'body', input: 'cmd' },
  { name: 'hapi request.query', code: hapi('exec(request.query.q);'), location: 'query', input: 'q' },
  { name: 'hapi request.params', code: hapi('exec(request.params.id);'), location: 'path', input: 'id' },
  { name: 'hapi request.state', code: hapi('exec(request.state.sid);'), location: 'cookie', input: 'sid' },
  // Hono
  { name: 'hono c.req.query()', code: hono("exec(c.req.query('q'));"), location: 'query', input: 'q' },
  { name: 'hono c.req.param()', code: hono("exec(c.req.param('id'));"), location: 'path', input: 'id' },
  { name: 'hono c.req.json()', code: hono('const body = await c.req.json(); exec(body.cmd);'), location: 'body', input: 'cmd' },
  { name: 'hono c.req.header()', code: hono("exec(c.req.header('x-cmd'));"), location: 'header', input: 'x-cmd' },
  { name: 'hono c.req.parseBody()', code: hono('const form = await c.req.parseBody(); exec(form.cmd);'), location: 'body', input: 'cmd' },
  // Next.js app router
  { name: 'next searchParams.get()', code: nextApp("exec(req.nextUrl.searchParams.get('q'));"), filename: 'app/api/x/route.ts', location: 'query', input: 'q' },
  { name: 'next json()', code: nextApp('const body = await req.json(); exec(body.cmd);'), filename: 'app/api/x/route.ts', location: 'body', input: 'cmd' },
  { name: 'next formData()', code: nextApp("const form = await req.formData(); exec(String(form.get('cmd')));"), filename: 'app/api/x/route.ts', location: 'body', input: 'cmd' },
  { name: 'next headers.get()', code: nextApp("exec(req.headers.get('x-cmd'));"), filename: 'app/api/x/route.ts', location: 'header', input: 'x-cmd' },
  { name: 'next cookies.get()', code: nextApp("exec(req.cookies.get('sid').value);"), filename: 'app/api/x/route.ts', location: 'cookie', input: 'sid' },
  { name: 'next route context params', code: nextApp('const { id } = await params; exec(id);', 'req: NextRequest, { params }: { params: Promise<{ id: string }> }'), filename: 'app/api/x/[id]/route.ts', location: 'path', input: 'id' },
  { name: 'next new URL(req.url).searchParams', code: nextApp("const { searchParams } = new URL(req.url); exec(String(searchParams.get('q')));"), filename: 'app/api/x/route.ts', location: 'query', input: 'q' },
  // node:http
  { name: 'node-http req.url', code: nodeHttp('exec(req.url);'), location: 'url', input: null },
  { name: 'node-http req.headers', code: nodeHttp('exec(req.headers.host);'), location: 'header', input: 'host' },
  { name: 'node-http url.parse(req.url, true).query', code: nodeHttp('exec(url.parse(req.url, true).query.cmd);'), location: 'query', input: 'cmd' },
  { name: 'node-http body stream', code: nodeHttp("let raw = ''; for await (const chunk of req) raw += chunk; exec(raw);"), location: 'body', input: null },
  // AWS Lambda
  { name: 'lambda queryStringParameters', code: lambda('exec(event.queryStringParameters.q);'), filename: 'handler.ts', handlerOnly: true, location: 'query', input: 'q' },
  { name: 'lambda pathParameters', code: lambda('exec(event.pathParameters.id);'), filename: 'handler.ts', handlerOnly: true, location: 'path', input: 'id' },
  { name: 'lambda body', code: lambda('exec(JSON.parse(event.body).cmd);'), filename: 'handler.ts', handlerOnly: true, location: 'body', input: null },
  { name: 'lambda headers', code: lambda("exec(event.headers['x-cmd']);"), filename: 'handler.ts', handlerOnly: true, location: 'header', input: 'x-cmd' },
  // NestJS
  { name: 'nest @Query()', code: nest("@Query('q') q: string", 'exec(q);'), location: 'query', input: 'q' },
  { name: 'nest @Param()', code: nest("@Param('id') id: string", 'exec(id);'), location: 'path', input: 'id' },
  { name: 'nest @Body()', code: nest('@Body() body: any', 'exec(body.cmd);'), location: 'body', input: null },
  { name: 'nest @Headers()', code: nest("@Headers('x-cmd') cmd: string", 'exec(cmd);'), location: 'header', input: 'x-cmd' },
  { name: 'nest @Req()', code: nest('@Req() req: any', 'exec(req.query.q);'), location: 'query', input: 'q' },
  // h3 / Nitro / Nuxt: utilities given the event, imported or auto-imported
  { name: 'h3 getQuery(event)', code: h3('const { q } = getQuery(event); exec(String(q));'), filename: 'server/api/x.get.ts', location: 'query', input: 'q' },
  { name: 'h3 getRouterParam(event, key)', code: h3("exec(getRouterParam(event, 'id'));"), filename: 'server/api/x/[id].get.ts', location: 'path', input: 'id' },
  { name: 'h3 readBody(event)', code: h3('const body = await readBody(event); exec(body.cmd);'), filename: 'server/api/x.post.ts', location: 'body', input: 'cmd' },
  { name: 'h3 getHeader(event, key)', code: h3("exec(getHeader(event, 'x-cmd'));"), filename: 'server/api/x.get.ts', location: 'header', input: 'x-cmd' },
  { name: 'h3 getCookie(event, key) imported', code: h3("exec(getCookie(event, 'sid'));").replace("import { exec }", "import { getCookie } from 'h3'; import { exec }"), filename: 'src/x.ts', location: 'cookie', input: 'sid', handlerOnly: true },
  // tRPC
  { name: 'trpc input', code: "import { initTRPC } from '@trpc/server'; import { exec } from 'node:child_process';\nconst t = initTRPC.create();\nexport const r = t.router({ run: t.procedure.mutation(({ input }) => exec(input.cmd)) });\n", filename: 'src/router.ts', location: 'body', input: 'cmd' },
];

const config = (rule: TSESLint.RuleModule<string, readonly unknown[]>): Linter.Config[] => [
  {
    files: ['**/*.{js,ts}'],
    languageOptions: { parser: tsParser as never, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { test: { rules: { probe: rule as never } } },
    rules: { 'test/probe': 'error' },
  },
];

function verify(code: string, filename: string, rule: TSESLint.RuleModule<string, readonly unknown[]>): void {
  const messages = new Linter({ configType: 'flat' }).verify(code, config(rule), filename);
  const problem = messages.find((message) => message.fatal || message.ruleId !== 'test/probe');
  if (problem) throw new Error(problem.message);
}

/** The source texts of the engine's command-injection findings. */
function engineSources(code: string, filename: string): string[] {
  const sources: string[] = [];
  verify(code, filename, {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create: (context) => ({ 'Program:exit': () => void sources.push(...getFileAnalysis(context).taint('shell').map((finding) => finding.source.text)) }),
  });
  return sources;
}

/** The inputs the inventory lists for the file's routes. */
function inventoryInputs(code: string, filename: string): EndpointInput[] {
  const collector: Collector = { records: new Map(), publicRoutes: [] };
  verify(code, filename, createCollectRule(collector) as TSESLint.RuleModule<string, readonly unknown[]>);
  return [...collector.records.values()].flatMap((record) => record.routes.flatMap((route) => route.inputs));
}

/** The inputs the inventory's reader finds in every handler of the file, routes or not. */
function handlerInputs(code: string, filename: string): EndpointInput[] {
  const inputs: EndpointInput[] = [];
  verify(code, filename, {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create: (context) => ({
      'Program:exit': () => {
        for (const handler of getRoutes(context).handlers) inputs.push(...readInputs(handler, [], context.sourceCode));
      },
    }),
  });
  return inputs;
}

describe('one request-input reader for taint and inventory', () => {
  it.each(cases)('$name', ({ code, filename = 'src/app.ts', location, input, handlerOnly }) => {
    expect(engineSources(code, filename)).not.toEqual([]);
    const inputs = (handlerOnly ? handlerInputs : inventoryInputs)(code, filename).map((read) => ({ location: read.location, name: read.name }));
    expect(inputs).toContainEqual({ location, name: input });
  });
});

// What is not client input is neither a source nor an input: the same reader says so to both.
const nonInputs = [
  { name: 'upload path the server chose', code: express('exec(req.file.path);') },
  { name: 'the principal', code: express('exec(req.user.id);') },
  { name: 'the method', code: express('exec(req.method);') },
  { name: 'koa state', code: koa('exec(ctx.state.user.id);') },
  { name: 'nest @Ip()', code: nest('@Ip() ip: string', 'exec(ip);').replace('Req, UploadedFile', 'Req, UploadedFile, Ip') },
];

describe('non-inputs agree too', () => {
  it.each(nonInputs)('$name', ({ code }) => {
    const line = code.split('\n').findIndex((text) => text.includes('exec(') && !text.includes('import')) + 1;
    expect(engineSources(code, 'src/app.ts')).toEqual([]);
    expect(inventoryInputs(code, 'src/app.ts').filter((input) => input.line === line)).toEqual([]);
  });
});

// Every entry of the request-input model, generated: each input of each style is read in a
// handler of that style and passed to `exec`. The engine must find the source and the inventory's
// reader must list an input on that line. A new style or input without a template fails here.

/** A Feathers service method, `method` with its parameters, around `body`. */
const feathers = (method: string, body: string): string => `import { feathers } from '@feathersjs/feathers'; import { exec } from 'node:child_process';\nconst app = feathers();\napp.use('x', { async ${method} { ${body} return {}; } });\n`;

/** A handler of each style around `body`; `root` is how the body names the request parameter. */
// A Sails action or an AdonisJS controller method is one only in such a project on disk: their
// styles are tested in tests/rules/sails.test.ts and tests/rules/adonis.test.ts.
const templates: Record<Exclude<RequestStyle, 'nest' | 'graphql-decorated' | 'sails-action' | 'adonis'>, { root: string; filename: string; code: (body: string) => string }> = {
  express: { root: 'req', filename: 'src/app.ts', code: (body) => express(body) },
  'next-pages': { root: 'req', filename: 'pages/api/x.ts', code: (body) => `import { exec } from 'node:child_process';\nexport default function handler(req, res) { ${body} res.end(); }\n` },
  'next-page': { root: 'context', filename: 'pages/x/[id].ts', code: (body) => `import { exec } from 'node:child_process';\nexport async function getServerSideProps(context) { ${body} return { props: {} }; }\nexport default function Page() { return null; }\n` },
  'node-http': { root: 'req', filename: 'src/app.ts', code: nodeHttp },
  koa: { root: 'ctx', filename: 'src/app.ts', code: koa },
  fastify: { root: 'request', filename: 'src/app.ts', code: fastify },
  hapi: { root: 'request', filename: 'src/app.ts', code: hapi },
  hono: { root: 'c', filename: 'src/app.ts', code: hono },
  'next-app': { root: 'req', filename: 'app/api/x/route.ts', code: (body) => nextApp(body) },
  lambda: { root: 'event', filename: 'handler.ts', code: lambda },
  azure: { root: 'req', filename: 'api/x/index.ts', code: (body) => `import { exec } from 'node:child_process';\nexport default async function (context, req) { ${body} context.res = { body: 'ok' }; }\n` },
  fetch: { root: 'request', filename: 'src/functions/x.ts', code: (body) => `import { app } from '@azure/functions'; import { exec } from 'node:child_process';\napp.http('x', { handler: async (request, context) => { ${body} return { body: 'ok' }; } });\n` },
  'next-action': { root: 'input', filename: 'app/actions.ts', code: (body) => `'use server';\nimport { exec } from 'node:child_process';\nexport async function run(input) { ${body} }\n` },
  callable: { root: 'request', filename: 'functions/src/index.ts', code: (body) => `import { onCall } from 'firebase-functions/v2/https'; import { exec } from 'node:child_process';\nexport const run = onCall(async (request) => { ${body} return { ok: true }; });\n` },
  'callable-v1': { root: 'context', filename: 'functions/src/index.ts', code: (body) => `import * as functions from 'firebase-functions/v1'; import { exec } from 'node:child_process';\nexport const run = functions.https.onCall(async (data, context) => { ${body} return { ok: true }; });\n` },
  graphql: { root: 'args', filename: 'src/schema.ts', code: (body) => `import { ApolloServer } from '@apollo/server'; import { exec } from 'node:child_process';\nconst resolvers = { Mutation: { run: async (_, args, ctx) => { ${body} return true; } } };\nexport const server = new ApolloServer({ typeDefs: '', resolvers });\n` },
  'graphql-root': { root: 'args', filename: 'src/schema.ts', code: (body) => `import { graphqlHTTP } from 'express-graphql'; import { exec } from 'node:child_process';\nexport const api = graphqlHTTP({ schema: null, rootValue: { run: async (args, ctx) => { ${body} return true; } } });\n` },
  trpc: { root: 'opts', filename: 'src/server/routers/x.ts', code: (body) => `import { initTRPC } from '@trpc/server'; import { exec } from 'node:child_process';\nconst t = initTRPC.create();\nexport const appRouter = t.router({ run: t.procedure.mutation(async (opts) => { ${body} return true; }) });\n` },
  elysia: { root: 'context', filename: 'src/app.ts', code: (body) => `import { Elysia } from 'elysia'; import { exec } from 'node:child_process';\nexport const app = new Elysia().post('/x', async (context) => { ${body} return 'ok'; });\n` },
  h3: { root: 'event', filename: 'server/api/x.post.ts', code: (body) => `import { defineEventHandler } from 'h3'; import { exec } from 'node:child_process';\nexport default defineEventHandler(async (event) => { ${body} return 'ok'; });\n` },
  sveltekit: { root: 'event', filename: 'src/routes/api/x/+server.ts', code: (body) => `import { json } from '@sveltejs/kit'; import { exec } from 'node:child_process';\nexport const POST = async (event) => { ${body} return json({}); };\n` },
  remix: { root: 'args', filename: 'app/routes/api.x.ts', code: (body) => `import { json } from '@remix-run/node'; import { exec } from 'node:child_process';\nexport async function action(args) { ${body} return json({}); }\n` },
  socket: { root: 'payload', filename: 'src/realtime.ts', code: (body) => `import { Server } from 'socket.io'; import { exec } from 'node:child_process';\nconst io = new Server(3000);\nio.on('connection', (socket) => { socket.on('run', async (payload, ack) => { ${body} ack(true); }); });\n` },
  ws: { root: 'data', filename: 'src/realtime.ts', code: (body) => `import { WebSocketServer } from 'ws'; import { exec } from 'node:child_process';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => { ws.on('message', async (data) => { ${body} }); });\n` },
  'socket-connection': { root: 'socket', filename: 'src/realtime.ts', code: (body) => `import { Server } from 'socket.io'; import { exec } from 'node:child_process';\nconst io = new Server(3000);\nio.on('connection', async (socket) => { ${body} });\n` },
  'ws-connection': { root: 'req', filename: 'src/realtime.ts', code: (body) => `import { WebSocketServer } from 'ws'; import { exec } from 'node:child_process';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', async (ws, req) => { ${body} });\n` },
  'feathers-find': { root: 'params', filename: 'src/app.ts', code: (body) => feathers('find(params)', body) },
  'feathers-id': { root: 'params', filename: 'src/app.ts', code: (body) => feathers('get(id, params)', body) },
  'feathers-data': { root: 'params', filename: 'src/app.ts', code: (body) => feathers('create(data, params)', body) },
  'feathers-id-data': { root: 'params', filename: 'src/app.ts', code: (body) => feathers('patch(id, data, params)', body) },
  wrapped: { root: '', filename: 'app/api/x/route.ts', code: (body) => `import { exec } from 'node:child_process'; import { withWorkspace } from '@/lib/auth';\nexport const POST = withWorkspace(async ({ req, request, params, searchParams, query, body }) => { ${body} return Response.json({}); });\n` },
};

/** `req.query.k`, `(await req.json()).k`, `(await req.get('k'))`: a read of input `input` from `root`. */
function readOf(root: string, input: string): string {
  const parts = input.split('.');
  const last = parts[parts.length - 1]!;
  const chain = [root, ...parts.map((part) => (part.endsWith('()') ? `${part.slice(0, -2)}('k')` : part))].filter((part) => part !== '').join('.');
  return last.endsWith('()') ? `(await ${chain})` : `${chain}.k`;
}

const generated = [
  ...(Object.keys(templates) as (keyof typeof templates)[]).flatMap((style) =>
    requestInputs[style].inputs.map((input) => ({ name: `${style} ${input}`, style, body: `exec(String(${readOf(templates[style].root, input)}));` })),
  ),
  ...Object.entries(contextInputs).flatMap(([style, context]) =>
    context.inputs.map((input) => ({ name: `${style} context ${input}`, style: style as keyof typeof templates, body: `exec(String(${readOf('ctx', input)}));` })),
  ),
  // A GraphQL resolver's context carries the HTTP request, for every GraphQL style (the parameter is named `ctx`).
  ...Object.keys(graphqlContextInputs.params).flatMap((style) =>
    graphqlContextInputs.inputs.map((input) => ({ name: `${style} context ${input}`, style: style as keyof typeof templates, body: `exec(String(${readOf('ctx', input)}));` })),
  ),
];

describe('every request-input model entry is read by both', () => {
  it('has a handler template for every style but those read by decorator, and those of a project on disk', () => {
    const elsewhere = new Set(['nest', 'graphql-decorated', 'sails-action', 'adonis']);
    expect(Object.keys(templates).sort()).toEqual(Object.keys(requestInputs).filter((style) => !elsewhere.has(style)).sort());
  });

  it.each(generated)('$name', ({ style, body }) => {
    const template = templates[style];
    // The context parameter is the second one of the style's handler shape.
    const code = body.includes('ctx.') && style === 'next-app' ? nextApp(body, 'req: NextRequest, ctx') : template.code(body);
    const line = code.split('\n').findIndex((text) => text.includes(body)) + 1;
    expect(engineSources(code, template.filename)).not.toEqual([]);
    expect(handlerInputs(code, template.filename).map((input) => input.line)).toContain(line);
  });

  it.each(Object.entries(nestInputDecorators).filter(([, member]) => member !== null && member !== ''))('nest @%s()', (decorator) => {
    const code = nest(`@${decorator}('k') value: any`, 'exec(String(value));');
    expect(engineSources(code, 'src/app.ts')).not.toEqual([]);
    expect(inventoryInputs(code, 'src/app.ts').length).toBeGreaterThan(0);
  });
});

describe('Feathers: the id and the data are parameters of their own', () => {
  it.each([
    { name: 'the id of get', code: feathers('get(id, params)', 'exec(id);'), location: 'path' },
    { name: 'the id of patch', code: feathers('patch(id, data, params)', 'exec(id);'), location: 'path' },
    { name: 'the data of create', code: feathers('create(data, params)', 'exec(data.k);'), location: 'body' },
    { name: 'the data of patch', code: feathers('patch(id, data, params)', 'exec(data.k);'), location: 'body' },
  ])('$name', ({ code, location }) => {
    expect(engineSources(code, 'src/app.ts')).not.toEqual([]);
    expect(inventoryInputs(code, 'src/app.ts').map((input) => input.location)).toEqual([location]);
  });

  it('reads nothing from params.user, what an authentication hook set', () => {
    const code = feathers('create(data, params)', 'exec(params.user.id);');
    expect(engineSources(code, 'src/app.ts')).toEqual([]);
    expect(inventoryInputs(code, 'src/app.ts')).toEqual([]);
  });
});

describe('the request\'s own path', () => {
  // An entry that is not an input of its style is never read as a source, so it would never be
  // trusted after an origin either: a typo would go unnoticed.
  it.each(Object.entries(ownPathInputs))('%s: every own-path entry is an input of the style', (style, entries) => {
    for (const entry of entries) expect(requestInputs[style as RequestStyle].inputs).toContain(entry);
  });
});

describe('validated reads of tRPC and h3', () => {
  it.each([
    { name: 'tRPC input under .input(schema)', filename: 'src/router.ts', code: "import { initTRPC } from '@trpc/server'; import { z } from 'zod'; import { exec } from 'node:child_process';\nconst t = initTRPC.create();\nexport const r = t.router({ run: t.procedure.input(z.object({ cmd: z.enum(['a']) })).mutation(({ input }) => exec(input.cmd)) });\n", validated: true },
    { name: 'tRPC input without a schema', filename: 'src/router.ts', code: "import { initTRPC } from '@trpc/server'; import { exec } from 'node:child_process';\nconst t = initTRPC.create();\nexport const r = t.router({ run: t.procedure.mutation(({ input }) => exec(input.cmd)) });\n", validated: false },
    { name: 'h3 readValidatedBody', filename: 'server/api/x.post.ts', code: h3("const { cmd } = await readValidatedBody(event, schema.parse); exec(cmd);"), validated: true },
    { name: 'h3 readBody', filename: 'server/api/x.post.ts', code: h3('const { cmd } = await readBody(event); exec(cmd);'), validated: false },
  ])('$name', ({ code, filename, validated }) => {
    expect(inventoryInputs(code, filename).map((input) => ({ name: input.name, validated: input.validated }))).toEqual([{ name: 'cmd', validated }]);
  });
});
