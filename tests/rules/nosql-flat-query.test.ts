import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Koa (Node's `querystring`), Fastify (`fast-querystring`) and Hapi (`URLSearchParams`) parse the
 * query string flat in every version: `?code[$ne]=` is the key `code[$ne]`, and each field is a
 * string or an array of strings. Such a field cannot put an operator into `findOne({ code })`.
 * Reported still: the whole query object (its keys are the client's), a field that reaches
 * `$where`/`$regex`, the body, and every query field once a project file installs a nesting
 * parser (`koa-qs`, Fastify's `querystringParser`, Hapi's `query: { parser }`).
 */

const rules = { 'api-security/no-nosql-injection': 'error' } as const;

const model = `const mongoose = require('mongoose');

module.exports = mongoose.model('Coupon', new mongoose.Schema({ code: String, owner: String }));
`;

const koaRoutes = `const Router = require('@koa/router');
const Coupon = require('./coupon');

const router = new Router({ prefix: '/coupons' });

router.get('/check', async (ctx) => {
  ctx.body = { valid: Boolean(await Coupon.findOne({ code: ctx.query.code })) };
});

router.get('/mine', async (ctx) => {
  const { owner } = ctx.request.query;
  ctx.body = await Coupon.find({ owner }).select('code');
});

router.get('/filter', async (ctx) => {
  ctx.body = await Coupon.find(ctx.query).select('code');
});

router.post('/redeem', async (ctx) => {
  ctx.body = await Coupon.findOne({ code: ctx.request.body.code });
});

router.get('/where', async (ctx) => {
  ctx.body = await Coupon.find({ $where: \`this.code === '\${ctx.query.code}'\` });
});

module.exports = router;
`;

const koaApp = (extra = ''): string => `const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const router = require('./coupons');
${extra}
const app = new Koa();
app.use(bodyParser());
app.use(router.routes());
app.listen(3000);
`;

const cjs = (dependencies: Record<string, string>) => ({ name: 'coupons', dependencies: { mongoose: '^8.0.0', ...dependencies } });

async function lines(dir: string, file: string): Promise<number[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => message.line);
}

describe('no-nosql-injection: flat query strings of Koa, Fastify, Hapi and Hono', () => {
  it('Koa: query fields are not reported; the whole query, the body and $where are', async () => {
    const dir = writeProject({ 'src/coupon.js': model, 'src/coupons.js': koaRoutes, 'src/app.js': koaApp() }, cjs({ koa: '^2.15.0' }));
    // 16: the whole query object; 20: a body field; 24: $where.
    expect(await lines(dir, 'src/coupons.js')).toEqual([16, 20, 24]);
  });

  it('Koa: every query field is reported once koa-qs replaces the parser, and the edit is seen', async () => {
    const dir = writeProject(
      { 'src/coupon.js': model, 'src/coupons.js': koaRoutes, 'src/app.js': koaApp("const qs = require('koa-qs');") },
      cjs({ koa: '^2.15.0', 'koa-qs': '^3.0.0' }),
    );
    expect(await lines(dir, 'src/coupons.js')).toEqual([7, 12, 16, 20, 24]);
    writeFileSync(path.join(dir, 'src/app.js'), koaApp());
    // The project's files are checked again after a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await lines(dir, 'src/coupons.js')).toEqual([16, 20, 24]);
  });

  it('Koa: a middleware that assigns a parsed query of its own keeps the fields reported', async () => {
    const dir = writeProject(
      {
        'src/coupon.js': model,
        'src/coupons.js': koaRoutes,
        'src/app.js': koaApp("const qs = require('qs');\nconst nested = async (ctx, next) => { ctx.request.query = qs.parse(ctx.querystring); await next(); };"),
      },
      cjs({ koa: '^2.15.0', qs: '^6.0.0' }),
    );
    expect(await lines(dir, 'src/coupons.js')).toEqual([7, 12, 16, 20, 24]);
  });

  const fastifyRoutes = `import type { FastifyInstance } from 'fastify';
import { Coupon } from './coupon.model';

export default async function coupons(app: FastifyInstance) {
  app.get<{ Querystring: { code: string } }>('/coupons/check', async (request) => {
    return { valid: Boolean(await Coupon.findOne({ code: request.query.code })) };
  });

  app.get('/coupons/filter', async (request) => {
    return Coupon.find(request.query as Record<string, unknown>).select('code');
  });
}
`;
  const fastifyModel = `import mongoose from 'mongoose';

export const Coupon = mongoose.model('Coupon', new mongoose.Schema({ code: String }));
`;
  const fastifyServer = (options = ''): string => `import Fastify from 'fastify';
import qs from 'qs';
import coupons from './coupons.routes';

const app = Fastify({ logger: true${options} });
void qs;
app.register(coupons);
void app.listen({ port: 3000 });
`;

  it('Fastify: a query field is not reported under the default parser, the whole query is', async () => {
    const dir = writeProject(
      { 'src/coupon.model.ts': fastifyModel, 'src/coupons.routes.ts': fastifyRoutes, 'src/server.ts': fastifyServer() },
      { name: 'coupons', type: 'module', dependencies: { fastify: '^5.0.0', mongoose: '^8.0.0' } },
    );
    expect(await lines(dir, 'src/coupons.routes.ts')).toEqual([10]);
  });

  it('Fastify: a querystringParser of the app keeps query fields reported', async () => {
    const dir = writeProject(
      { 'src/coupon.model.ts': fastifyModel, 'src/coupons.routes.ts': fastifyRoutes, 'src/server.ts': fastifyServer(', querystringParser: (text) => qs.parse(text)') },
      { name: 'coupons', type: 'module', dependencies: { fastify: '^5.0.0', mongoose: '^8.0.0', qs: '^6.0.0' } },
    );
    expect(await lines(dir, 'src/coupons.routes.ts')).toEqual([6, 10]);
  });

  const hapiServer = (query = ''): string => `'use strict';
const Hapi = require('@hapi/hapi');
const Qs = require('qs');
const Coupon = require('./coupon');

const init = async () => {
  const server = Hapi.server({ port: 3000${query} });
  server.route({
    method: 'GET',
    path: '/coupons/check',
    handler: async (request) => ({ valid: Boolean(await Coupon.findOne({ code: request.query.code })) }),
  });
  await server.start();
};

void Qs;
init();
`;

  it('Hapi: a query field is not reported, unless the server option installs a query parser', async () => {
    const flat = writeProject({ 'src/coupon.js': model, 'src/server.js': hapiServer() }, cjs({ '@hapi/hapi': '^21.0.0' }));
    expect(await lines(flat, 'src/server.js')).toEqual([]);
    const nested = writeProject(
      { 'src/coupon.js': model, 'src/server.js': hapiServer(', query: { parser: (query) => Qs.parse(query) }') },
      cjs({ '@hapi/hapi': '^21.0.0', qs: '^6.0.0' }),
    );
    expect(await lines(nested, 'src/server.js')).toEqual([11]);
  });

  it('Hono: c.req.query(name) is a string, while the parsed JSON body can hold an operator', async () => {
    const dir = writeProject(
      {
        'src/coupon.ts': fastifyModel,
        'src/index.ts': `import { Hono } from 'hono';
import { Coupon } from './coupon';

const app = new Hono();

app.get('/coupons/check', async (c) => c.json({ valid: Boolean(await Coupon.findOne({ code: c.req.query('code') })) }));

app.post('/coupons/redeem', async (c) => {
  const { code } = await c.req.json();
  return c.json(await Coupon.findOne({ code }));
});

export default app;
`,
      },
      { name: 'coupons', type: 'module', dependencies: { hono: '^4.0.0', mongoose: '^8.0.0' } },
    );
    expect(await lines(dir, 'src/index.ts')).toEqual([10]);
  });
});
