import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { getRoutes } from '../../src/analysis/routes/index.js';
import { readInputs } from '../../src/cli/inputs.js';
import type { EndpointInput } from '../../src/cli/model.js';
import { analyze, routesOf } from '../helpers/routes.js';

/** Line and style of every handler of the file that is not the handler of a route. */
function otherHandlers(code: string, filename?: string): [number, string][] {
  const result = analyze(code, filename ? { filename } : {});
  const routeHandlers = new Set(result.routes.map((route) => route.handler));
  return result.handlers
    .filter((handler) => !routeHandlers.has(handler))
    .map((handler) => [(handler.fn ?? handler.node).loc.start.line, handler.style]);
}

/** The inventory's reading of every handler's inputs, in the real ESLint. */
function inputsOf(code: string, filename = 'src/app.ts'): EndpointInput[][] {
  let captured: EndpointInput[][] = [];
  const rule: TSESLint.RuleModule<'x'> = {
    meta: { type: 'problem', messages: { x: 'x' }, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'() {
          captured = getRoutes(context).handlers.map((handler) => readInputs(handler, [], context.sourceCode));
        },
      };
    },
  };
  new Linter({ configType: 'flat' }).verify(code, [{
    files: ['**/*.{js,ts}'],
    languageOptions: { parser: tsParser as never, sourceType: 'module' },
    plugins: { test: { rules: { inputs: rule as never } } },
    rules: { 'test/inputs': 'error' },
  }], filename);
  return captured;
}

describe('handler model: registered handlers in every shape', () => {
  it('follows a factory call to the function it returns', () => {
    const routes = routesOf(`
import express from 'express';
export function search() {
  return (req, res, next) => res.json([]);
}
const app = express();
app.get('/search', search());
`);
    expect(routes.map((route) => [route.path, route.handlerLine, route.style])).toEqual([['/search', 4, 'express']]);
  });

  it('follows an instance of a constructor function to the handler it assigns or its prototype holds', () => {
    const routes = routesOf(`
const express = require('express');
function ProfileHandler(db) {
  this.update = (req, res, next) => res.end();
}
ProfileHandler.prototype.show = function (req, res) { res.end(); };
const app = express();
const profileHandler = new ProfileHandler(db);
app.post('/profile', profileHandler.update);
app.get('/profile', profileHandler.show);
`);
    expect(routes.map((route) => [route.methods[0], route.handlerLine])).toEqual([['POST', 4], ['GET', 6]]);
  });

  it('reads require(express)() and express.Router() used where they are created', () => {
    const routes = routesOf(`
require('express')().get('/ping', (req, res) => res.end());
require('express').Router().post('/pong', (req, res) => res.end());
`, { filename: 'src/app.js' });
    expect(routes.map((route) => [route.framework, route.methods[0], route.path, route.handlerLine])).toEqual([
      ['express', 'GET', '/ping', 2],
      ['express', 'POST', '/pong', 3],
    ]);
  });

  it('reads ({ req, params }) handlers inside a wrapper of a Next.js route file', () => {
    const routes = routesOf(`
export const GET = withWorkspace(async ({ req, params }) => Response.json({ id: params.id }));
`, { filename: 'app/api/items/[id]/route.ts' });
    expect(routes.map((route) => [route.path, route.style])).toEqual([['/api/items/[id]', 'wrapped']]);
  });
});

describe('handler model: handlers whose registration is not in view', () => {
  it('lists middleware, hooks and Koa middleware with their styles', () => {
    expect(otherHandlers(`
import express from 'express';
const app = express();
app.use((req, res, next) => { req.headers.host; next(); });
`)).toEqual([[4, 'express']]);
    expect(otherHandlers(`
import Fastify from 'fastify';
const app = Fastify();
app.addHook('onRequest', async (request, reply) => { request.headers.authorization; });
`)).toEqual([[4, 'fastify']]);
    expect(otherHandlers(`
import Koa from 'koa';
new Koa().use(async (ctx, next) => { ctx.query.x; await next(); });
`)).toEqual([[3, 'koa']]);
  });

  it('lists a non-exported handler-shaped function only when it uses its request or response', () => {
    expect(otherHandlers(`
const reads = (req, res) => req.query.id;
const writes = (req, res) => res.end();
const neither = (req, res) => 1;
const notARequest = (a, b) => a.query;
`)).toEqual([[2, 'express'], [3, 'express']]);
  });

  it('reads destructured request parameters as the request', () => {
    expect(otherHandlers(`const handle = ({ query, body }, res) => query.id;`)).toEqual([[1, 'express']]);
  });

  it('takes an event for a request only in the exported handler of a serverless module', () => {
    expect(otherHandlers(`export const handler = async (event, context) => ({ statusCode: 200, body: event.body });`)).toEqual([[1, 'lambda']]);
    expect(otherHandlers(`exports.handler = async (event) => event.pathParameters;`, 'src/fn.js')).toEqual([[1, 'lambda']]);
    expect(otherHandlers(`module.exports.main = function (event) { return event.headers; };`, 'src/fn.js')).toEqual([[1, 'lambda']]);
    expect(otherHandlers(`
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
export async function main(evt: APIGatewayProxyEventV2) { return evt.rawPath; }
`)).toEqual([[3, 'lambda']]);
    // Look-alikes: a DOM event, an emitter payload, an exported function of another name.
    expect(otherHandlers(`
window.addEventListener('message', (event) => event.data);
emitter.on('job', (event) => event.body);
const handler = (event) => event.body;
export function onMessage(event) { return event.body; }
`)).toEqual([]);
  });

  it('recognises Azure Functions v3 and v4, and a default export taking the global Request', () => {
    expect(otherHandlers(`module.exports = async function (context, req) { context.res = { body: req.query.name }; };`, 'src/fn.js')).toEqual([[1, 'azure']]);
    // A v4 function is a route (see tests/rules/azure-functions.test.ts), whose handler is read in the web-standard style.
    const v4 = analyze(`
import { app } from '@azure/functions';
app.http('hello', { handler: async (request, context) => ({ body: request.query.get('name') }) });
`);
    expect(v4.routes.map((route) => [route.path, route.handler?.style])).toEqual([['/api/hello', 'fetch']]);
    // A function shaped as a v4 handler that no registration in view names is still a handler.
    expect(otherHandlers(`
import type { HttpRequest, InvocationContext } from '@azure/functions';
export async function hello(request: HttpRequest, context: InvocationContext) { return { body: request.query.get('name') }; }
`)).toEqual([[3, 'fetch']]);
    expect(otherHandlers(`export default async (req: Request) => new Response(await req.text());`)).toEqual([[1, 'fetch']]);
    // The same `(request, context)` without Azure is not a handler of any framework this knows.
    expect(otherHandlers(`const run = async (request, context) => request.query.get('name');`)).toEqual([]);
  });
});

describe('handler model: the inventory reads the inputs of every style', () => {
  it('reads a Lambda event as query, path, header and body inputs', () => {
    expect(inputsOf(`
export const handler = async (event) => {
  const id = event.pathParameters.id;
  const page = event.queryStringParameters.page;
  const agent = event.headers['user-agent'];
  return { statusCode: 200, body: JSON.stringify({ id, page, agent, raw: event.body }) };
};
`).map((inputs) => inputs.map((input) => [input.location, input.name]).sort())).toEqual([[
      ['body', null],
      ['header', 'user-agent'],
      ['path', 'id'],
      ['query', 'page'],
    ]]);
  });
});
