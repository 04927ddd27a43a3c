import { describe, expect, it } from 'vitest';
import { analyze, routesOf, type RouteSummary } from '../helpers/routes.js';

/** Expected summary of a `node:http` server route. */
const server = (line: number, handlerLine = line): RouteSummary => ({
  framework: 'node-http',
  methods: ['ALL'],
  path: null,
  line,
  handlerLine,
  style: 'node-http',
  guards: [],
  mountedElsewhere: false,
});

/** Line and style of every handler that is not the handler of a route. */
function exportedHandlers(code: string): [number, string][] {
  const result = analyze(code);
  const routeHandlers = new Set(result.routes.map((route) => route.handler));
  return result.handlers
    .filter((handler) => !routeHandlers.has(handler))
    .map((handler) => [(handler.fn ?? handler.node).loc.start.line, handler.style]);
}

describe('route model: node:http', () => {
  it('turns createServer handlers into catch-all routes', () => {
    const routes = routesOf(`
import http from 'node:http';
import { createServer } from 'node:https';
const server = http.createServer((req, res) => { res.end(req.url); });
server.listen(3000);
createServer({ key, cert }, handleSecure).listen(443);
function handleSecure(req, res) { res.end('secure'); }
`);
    expect(routes).toEqual([server(4), server(6, 7)]);
  });

  it('reads server.on("request", handler) and reports on createServer', () => {
    const routes = routesOf(`
const http = require('http');
const srv = http.createServer();
srv.on('request', async (req, res) => { res.end('x'); });
srv.on('close', () => console.log('bye'));
require('https').createServer().listen(8443).on('request', (req, res) => res.end());
`);
    expect(routes).toEqual([server(3, 4), server(6)]);
  });

  it('leaves servers of other frameworks alone', () => {
    const routes = routesOf(`
import http from 'node:http';
import express from 'express';
import Koa from 'koa';
const app = express();
const koa = new Koa();
http.createServer(app).listen(3000);
http.createServer(koa.callback()).listen(3001);
http.createServer(handlerFromElsewhere);
`);
    expect(routes.filter((route) => route.framework === 'node-http')).toEqual([]);
  });

  it('ignores createServer look-alikes and files without node:http', () => {
    const routes = routesOf(`
import net from 'node:net';
const tcp = net.createServer((socket) => socket.end());
const fake = { createServer: (fn) => fn };
fake.createServer((req, res) => res.end());
emitter.on('request', (req, res) => res.end());
`);
    expect(routes).toEqual([]);
  });
});

describe('route model: exported handler-shaped functions', () => {
  it('collects exported handlers by parameter names', () => {
    expect(
      exportedHandlers(`
export function getUser(req, res) { res.json(req.params); }
export const createUser = async (req, res, next) => { next(); };
export default async function (request, reply) { reply.send(1); }
export const add = (a, b) => a + b;
export const lookup = (req) => req.url;
module.exports.koaHandler = async (ctx, next) => { await next(); };
exports.hapiHandler = (request, h) => h.response(1);
`),
    ).toEqual([
      [2, 'express'],
      [3, 'express'],
      [4, 'fastify'],
      [7, 'koa'],
      [8, 'hapi'],
    ]);
  });

  it('uses type annotations when present', () => {
    expect(
      exportedHandlers(`
import type { Request, Response } from 'express';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
export function list(req: Request, res: Response) { res.json([]); }
export async function show(request: FastifyRequest) { return request.params; }
export function raw(message: IncomingMessage, out: ServerResponse) { out.end(message.url); }
export const honoHandler = (ctx: Context) => ctx.json({});
export function notAHandler(id: string, count: number) { return id.repeat(count); }
`),
    ).toEqual([
      [6, 'express'],
      [7, 'fastify'],
      [8, 'node-http'],
      [9, 'hono'],
    ]);
  });

  it('reads module.exports objects, export lists and exported classes', () => {
    expect(
      exportedHandlers(`
async function index(req, res) { res.json([]); }
function helper(value) { return value; }
const remove = (req, res) => res.status(204).end();
class OrdersController {
  list = async (req, res) => res.json([]);
  async show(req, res) { res.json({}); }
  format(order) { return order; }
}
export { remove };
export default new OrdersController();
module.exports = { index, helper };
`),
    ).toEqual([
      [2, 'express'],
      [4, 'express'],
      [6, 'express'],
      [7, 'express'],
    ]);
  });

  it('recognises Hono handlers only in files that import Hono', () => {
    expect(exportedHandlers(`export const handler = (c) => c.text('x');`)).toEqual([]);
    expect(
      exportedHandlers(`
import { createFactory } from 'hono/factory';
export const handler = (c) => c.text('x');
`),
    ).toEqual([[3, 'hono']]);
  });

  it('skips functions already claimed as route handlers', () => {
    const result = analyze(`
import express from 'express';
const app = express();
export const getItems = (req, res) => res.json([]);
app.get('/items', getItems);
`);
    expect(result.handlers.map((handler) => [handler.fn?.loc.start.line, handler.style])).toEqual([[4, 'express']]);
    expect(result.routes.map((route) => route.path)).toEqual(['/items']);
  });
});
