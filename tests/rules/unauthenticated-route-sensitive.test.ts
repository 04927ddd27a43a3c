import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * `reportRoutes: 'sensitive'` (the default): an unauthenticated route is reported only when what its
 * handler does needs a caller: an unsafe method, a read of stored data it answers or keys by the
 * request, a secret, a privileged path. Each framework has the same cases: those reported by
 * default, and the public-by-design look-alikes that only `reportRoutes: 'all'` reports.
 */

const ruleTester = new RuleTester();

interface Framework {
  name: string;
  /** A file with one unauthenticated route of `method` at `path` running `body`. */
  route: (method: string, path: string, body: string) => { code: string; filename?: string };
  /** The line the route is reported on. */
  line: number;
  /** A statement answering `value`. */
  send: (value: string) => string;
  /** A value of the request (a path parameter). */
  key: string;
}

const imports = `import { prisma } from './db';
import { Storage } from '@verdaccio/store';
import { audit } from 'audit-log';
import pkg from '../package.json';
`;

const frameworks: Framework[] = [
  {
    name: 'Express',
    route: (method, path, body) => ({ code: `${imports}import express from 'express';
const app = express();
app.${method.toLowerCase()}('${path}', async (req, res) => {
${body}
});` }),
    line: 7,
    send: (value) => `res.json(${value});`,
    key: 'req.params.id',
  },
  {
    name: 'Fastify',
    route: (method, path, body) => ({ code: `${imports}import Fastify from 'fastify';
const app = Fastify();
app.${method.toLowerCase()}('${path}', async (request, reply) => {
${body}
});` }),
    line: 7,
    send: (value) => `return ${value};`,
    key: 'request.params.id',
  },
  {
    name: 'Koa',
    route: (method, path, body) => ({ code: `${imports}import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.${method.toLowerCase()}('${path}', async (ctx) => {
${body}
});
app.use(router.routes());` }),
    line: 9,
    send: (value) => `ctx.body = ${value};`,
    key: 'ctx.params.id',
  },
  {
    name: 'Hapi',
    route: (method, path, body) => ({ code: `${imports}import Hapi from '@hapi/hapi';
const server = Hapi.server({ port: 3000 });
server.route({ method: '${method}', path: '${path}', handler: async (request, h) => {
${body}
} });` }),
    line: 7,
    send: (value) => `return ${value};`,
    key: 'request.params.id',
  },
  {
    name: 'NestJS',
    route: (method, path, body) => {
      const [prefix, ...rest] = path.slice(1).split('/');
      const decorator = `${method.charAt(0)}${method.slice(1).toLowerCase()}`;
      return { code: `${imports}import { Controller, Get, Post, Delete, Param } from '@nestjs/common';
@Controller('${prefix ?? ''}')
export class ItemsController {
  @${decorator}('${rest.join('/')}')
  async handle(@Param('id') id: string) {
${body}
  }
}` };
    },
    line: 8,
    send: (value) => `return ${value};`,
    key: 'id',
  },
  {
    name: 'Next.js',
    route: (method, path, body) => ({
      filename: `app${path.replace(/:id/u, '[id]')}/route.ts`,
      code: `${imports}import { NextResponse } from 'next/server';
export async function ${method}(request: Request, { params }: { params: { id: string } }) {
${body}
}`,
    }),
    line: 6,
    send: (value) => `return NextResponse.json(${value});`,
    key: 'params.id',
  },
  {
    name: 'Hono',
    route: (method, path, body) => ({ code: `${imports}import { Hono } from 'hono';
const app = new Hono();
app.${method.toLowerCase()}('${path}', async (c) => {
${body}
});` }),
    line: 7,
    send: (value) => `return c.json(${value});`,
    key: "c.req.param('id')",
  },
];

/** Reported by default: each needs a caller by what it does. */
const sensitive = (f: Framework): { name: string; method: string; path: string; body: string }[] => [
  { name: 'a POST that writes', method: 'POST', path: '/api/notes', body: `await prisma.note.create({ data: { text: 'x' } });\n${f.send('{ ok: true }')}` },
  { name: 'a DELETE answering a constant', method: 'DELETE', path: '/api/notes/:id', body: f.send("{ deleted: true }") },
  { name: 'a GET answering stored records', method: 'GET', path: '/api/people', body: `const users = await prisma.user.findMany();\n${f.send('users')}` },
  { name: 'a GET answering a field of a stored record', method: 'GET', path: '/api/owner', body: `const owner = await prisma.user.findFirst();\n${f.send('{ email: owner.email }')}` },
  { name: 'a GET reading by a key from the request, answering only a boolean', method: 'GET', path: '/api/people/:id', body: `const user = await prisma.user.findUnique({ where: { id: ${f.key} } });\n${f.send('{ exists: user !== null }')}` },
  { name: 'a GET answering a secret of the environment', method: 'GET', path: '/api/config', body: f.send('{ stripe: process.env.STRIPE_SECRET_KEY, mode: process.env.NODE_ENV }') },
  { name: 'a GET on an admin path', method: 'GET', path: '/admin/stats', body: f.send("{ uptime: 'ok' }") },
  { name: 'a GET answering the whole environment', method: 'GET', path: '/api/env', body: f.send("{ status: 'ok', env: process.env }") },
  { name: 'a GET answering a variable of the environment the request names', method: 'GET', path: '/api/env/:id', body: f.send(`{ value: process.env[${f.key}] }`) },
  { name: 'a GET answering a secret of the environment by a literal key', method: 'GET', path: '/api/db', body: f.send("{ status: 'ok', db: process.env['DATABASE_PASSWORD'] }") },
];

/** Not reported by default (public by design), reported with `reportRoutes: 'all'`. */
const publicByDesign = (f: Framework): { name: string; method: string; path: string; body: string }[] => [
  { name: 'a GET answering a computed object', method: 'GET', path: '/api/time', body: f.send("{ status: 'up', now: new Date().toISOString(), ts: Date.now() }") },
  { name: 'a GET answering the version of package.json', method: 'GET', path: '/api/version', body: f.send('{ version: pkg.version, name: pkg.name }') },
  { name: 'a GET answering build variables of the environment', method: 'GET', path: '/api/status', body: f.send("{ status: 'ok', commit: process.env.GIT_SHA, mode: process.env['NODE_ENV'] }") },
  { name: 'a GET answering a count test', method: 'GET', path: '/api/bootstrap', body: `const count = await prisma.user.count();\n${f.send('{ bootstrapped: count > 0 }')}` },
  { name: 'a GET answering the number of records', method: 'GET', path: '/api/stats', body: `const users = await prisma.user.findMany();\n${f.send('{ total: users.length }')}` },
  { name: "a GET answering a package's class, out of view", method: 'GET', path: '/api/pkg/:id', body: `const storage = new Storage();\n${f.send(`await storage.getPackage(${f.key})`)}` },
  { name: 'a GET that logs through a package, then answers a page', method: 'GET', path: '/welcome', body: `await audit('welcome');\n${f.send("'<html><body>Welcome</body></html>'")}` },
];

ruleTester.run('no-unauthenticated-route (reportRoutes: sensitive)', rule, {
  valid: frameworks.flatMap((f) =>
    publicByDesign(f).map((item) => ({ name: `${f.name}: ${item.name}`, ...f.route(item.method, item.path, item.body) })),
  ),
  invalid: [
    ...frameworks.flatMap((f) =>
      sensitive(f).map((item) => ({
        name: `${f.name}: ${item.name}`,
        ...f.route(item.method, item.path, item.body),
        errors: [{ messageId: 'unauthenticatedRoute' as const, line: f.line }],
      })),
    ),
    ...frameworks.flatMap((f) =>
      publicByDesign(f).map((item) => ({
        name: `${f.name}: ${item.name}, with reportRoutes: 'all'`,
        ...f.route(item.method, item.path, item.body),
        options: [{ reportRoutes: 'all' as const }],
        errors: [{ messageId: 'unauthenticatedRoute' as const, line: f.line }],
      })),
    ),
  ],
});

ruleTester.run('no-unauthenticated-route (reportRoutes: sensitive, helpers)', rule, {
  valid: [
    {
      name: 'a Map of the process is not a store',
      code: `import express from 'express';
const app = express();
const seen = new Map();
app.get('/api/forget', (req, res) => { seen.delete('last'); res.json({ size: seen.size }); });`,
    },
    {
      name: 'a same-file helper that answers a constant list',
      code: `import express from 'express';
const app = express();
const PROVIDERS = ['github', 'google'];
function loginMethods() { return PROVIDERS.map((name) => ({ name, url: \`/auth/\${name}\` })); }
app.get('/api/login-methods', (req, res) => res.json(loginMethods()));`,
    },
    {
      name: 'a count of a Knex query answered as a boolean',
      code: `import express from 'express';
import { db } from './db';
const app = express();
app.get('/api/has-posts', async (req, res) => { const [{ n }] = await db('posts').count('id as n'); res.json({ any: n > 0 }); });`,
    },
    {
      name: 'an environment flag tested, not answered',
      code: `import express from 'express';
const app = express();
app.get('/api/features', (req, res) => res.json({ signup: process.env.ALLOW_SIGNUP === 'true', sso: Boolean(process.env.SSO_SECRET) }));`,
    },
  ],
  invalid: [
    {
      name: 'a same-file helper that reads records, answered',
      code: `import express from 'express';
import { User } from './models';
const app = express();
async function listUsers() { return User.find({}); }
app.get('/api/members', async (req, res) => res.json(await listUsers()));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'a GET that writes through a same-file helper',
      code: `import express from 'express';
import { db } from './db';
const app = express();
async function track(path) { await db.visits.create({ data: { path } }); }
app.get('/api/visit', async (req, res) => { await track(req.path); res.json({ ok: true }); });`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'a GET that deletes a stored record, then redirects',
      code: `import express from 'express';
import { db } from './db';
const app = express();
app.get('/unsubscribe', async (req, res) => { await db.subscriptions.delete(req.query.email); res.redirect('/bye'); });`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a GET that writes the session',
      code: `import express from 'express';
const app = express();
app.get('/impersonate', (req, res) => { req.session.userId = req.query.user; res.redirect('/'); });`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3 }],
    },
    {
      name: 'a GET that deletes a file',
      code: `import express from 'express';
import { unlink } from 'node:fs/promises';
const app = express();
app.get('/api/cleanup', async (req, res) => { await unlink('/tmp/cache.json'); res.json({ ok: true }); });`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a GET that runs a command',
      code: `import express from 'express';
import { execSync } from 'child_process';
const app = express();
app.get('/api/rebuild', (req, res) => { execSync('make'); res.send('done'); });`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a GET that sends the file the request names',
      code: `import express from 'express';
import path from 'node:path';
const app = express();
app.get('/files/:name', (req, res) => res.sendFile(path.join('/srv/uploads', req.params.name)));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a GET answering a SQL read',
      code: `import express from 'express';
import { pool } from './db';
const app = express();
app.get('/api/orders', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM orders');
  res.json(rows.map((row) => ({ id: row.id, total: row.total })));
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a GET answering a raw SQL read of Prisma',
      code: `import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/api/tasks', async (req, res) => {
  const tasks = await prisma.$queryRawUnsafe('SELECT id, title FROM tasks ORDER BY created_at');
  res.json(tasks);
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'a GET reading rows by a key from the request through a concatenated statement',
      code: `const express = require('express');
const db = require('mysql2').createPool({});
const app = express();
app.get('/files', function (req, res) { db.query('SELECT * FROM files WHERE owner = ' + req.query.owner); res.end(); });`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a GET answering a projection of a Drizzle read in a same-file helper',
      code: `import express from 'express';
import { eq } from 'drizzle-orm';
import { db, users } from './db';
const app = express();
async function summary(id: number) {
  const [row] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, id));
  return row;
}
app.get('/api/owner', async (req, res) => res.json(await summary(1)));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
    {
      name: 'a Koa GET answering the columns of a Knex query held in a local',
      code: `import Router from '@koa/router';
import { db } from './db';
const router = new Router();
async function listPosts() {
  const q = db('posts').select('id', 'title', 'slug');
  return q.orderBy('created_at');
}
router.get('/posts', async (ctx) => { ctx.body = await listPosts(); });`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8 }],
    },
    {
      name: 'a Hono GET reading a D1 row by the request, through a helper',
      code: `import { Hono } from 'hono';
const app = new Hono();
function noteById(db, id) { return db.prepare('SELECT id, title FROM notes WHERE id = ?').bind(id).first(); }
app.get('/notes/:id', async (c) => c.json(await noteById(c.env.DB, c.req.param('id'))));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'an ALL route (any method) that calls a package',
      code: `import express from 'express';
import { audit } from 'audit-log';
const app = express();
app.all('/api/echo', (req, res) => { audit(req.path); res.json({ ok: true }); });`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
  ],
});
