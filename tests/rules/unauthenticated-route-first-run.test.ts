import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * `reportRoutes: 'sensitive'` (the default) on unsafe routes that are public by design, judged by
 * what their handler does: a first-run setup that refuses once the state its own work sets is
 * there (a flag it latches, a table it fills), followed into the functions it calls in other
 * files; a stub that only answers an error; a read of an administration path that demonstrably
 * writes nothing and answers only a flag. Each with the look-alikes that stay reported.
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const all: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };

async function lines(dir: string, file: string, rules = recommended): Promise<number[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => {
    expect(['unauthenticatedRoute', 'unauthenticatedMountedRoute']).toContain(message.messageId);
    return message.line;
  });
}

describe('Express: a first-run setup whose refusal is in a function of another file', () => {
  const dir = writeProject({
    'src/db.js': `import Database from 'better-sqlite3';\nexport const db = new Database('app.sqlite');\n`,
    'src/setup.js': `
import { db } from './db.js';

export function alreadyConfigured() {
  return db.prepare('SELECT * FROM settings').all().length > 0;
}

function hasNoSettings() {
  return db.all('SELECT * FROM settings').length === 0;
}

// Refuses once settings exist (with the administrators' count in an outer condition), then writes them.
export async function initialize(options, force = false) {
  if (!options) return { error: 'missing-options' };
  const remote = 'sso' in options;
  const { admins } = db.get('SELECT count(*) AS admins FROM members WHERE admin = 1') || {};
  if (!force && (!remote || admins > 0)) {
    if (!hasNoSettings()) {
      return { error: 'already-configured' };
    }
  }
  db.run("INSERT INTO settings (key, value) VALUES ('mode', ?)", [remote ? 'sso' : 'local']);
  db.run('INSERT INTO members (name, admin) VALUES (?, 1)', [options.name]);
  return {};
}

// The check is there but only logs: the setup runs again for anyone.
export async function initializeLoudly(options) {
  if (!hasNoSettings()) console.warn('configuring again');
  db.run("INSERT INTO settings (key, value) VALUES ('mode', ?)", [options.mode]);
  return {};
}

// The check is on another table than the one written.
export async function initializeOther(options) {
  if (db.all('SELECT * FROM posts').length > 0) return { error: 'has-posts' };
  db.run('INSERT INTO members (name, admin) VALUES (?, 1)', [options.name]);
  return {};
}

// The request can skip the check.
export async function initializeForced(options) {
  if (!options.force && !hasNoSettings()) return { error: 'already-configured' };
  db.run("INSERT INTO settings (key, value) VALUES ('mode', ?)", [options.mode]);
  return {};
}

// A write happens before the check.
export async function initializeAfterWiping(options) {
  db.run('DELETE FROM settings');
  if (!hasNoSettings()) return { error: 'already-configured' };
  db.run("INSERT INTO settings (key, value) VALUES ('mode', ?)", [options.mode]);
  return {};
}

// An existence test of the request's own value is a uniqueness check, not a first run.
export async function addMember(options) {
  if (db.get('SELECT * FROM members WHERE name = ?', [options.name])) return { error: 'taken' };
  db.run('INSERT INTO members (name, admin) VALUES (?, 1)', [options.name]);
  return {};
}
`,
    'src/app.js': `
import express from 'express';
import { initialize, initializeLoudly, initializeOther, initializeForced, initializeAfterWiping, addMember } from './setup.js';
const app = express();
const answer = (result, res) => (result.error ? res.status(400).json(result) : res.json({ ok: true }));
app.post('/setup/initialize', async (req, res) => {
  const result = await initialize(req.body);
  if (result.error) {
    res.status(400).json(result);
    return;
  }
  res.json({ ok: true });
});
app.post('/setup/loud', async (req, res) => answer(await initializeLoudly(req.body), res));
app.post('/setup/other', async (req, res) => answer(await initializeOther(req.body), res));
app.post('/setup/forced', async (req, res) => answer(await initializeForced(req.body), res));
app.post('/setup/wiped', async (req, res) => answer(await initializeAfterWiping(req.body), res));
app.post('/members', async (req, res) => answer(await addMember(req.body), res));
app.post('/setup/twice', async (req, res) => {
  await initialize(req.body);
  db.run('DELETE FROM audit');
  res.json({ ok: true });
});
export default app;
`,
  });

  it('leaves the first-run route and reports the look-alikes', async () => {
    expect(await lines(dir, 'src/app.js')).toEqual([14, 15, 16, 17, 18, 19]);
  });

  it('reports the first-run route with reportRoutes: all', async () => {
    expect(await lines(dir, 'src/app.js', all)).toEqual([6, 14, 15, 16, 17, 18, 19]);
  });
});

describe('NestJS: a service that latches a setup flag', () => {
  const dir = writeProject({
    'src/settings.service.ts': `
import { Injectable } from '@nestjs/common';
@Injectable()
export class SettingsService {
  setupComplete = false;
  signupOpen = true;
}
`,
    'src/owner.service.ts': `
import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SettingsService } from './settings.service';
import { Account } from './account.entity';

@Injectable()
export class OwnerService {
  private creating = false;
  constructor(
    private readonly settings: SettingsService,
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
  ) {}

  async createOwner(input: { name: string; password: string }) {
    if (this.settings.setupComplete) {
      throw new ForbiddenException();
    }
    if (this.creating) throw new ConflictException();
    this.creating = true;
    try {
      const owner = await this.accounts.save({ ...input, owner: true });
      this.settings.setupComplete = true;
      return { id: owner.id };
    } finally {
      this.creating = false;
    }
  }

  async signUp(input: { name: string; password: string }) {
    if (!this.settings.signupOpen) throw new ForbiddenException();
    const account = await this.accounts.save({ ...input, owner: false });
    return { id: account.id };
  }

  async createOwnerLocked(input: { name: string; password: string }) {
    if (this.creating) throw new ConflictException();
    this.creating = true;
    try {
      await this.accounts.save({ ...input, owner: true });
    } finally {
      this.creating = false;
    }
  }
}
`,
    'src/setup.controller.ts': `
import { Body, Controller, Post } from '@nestjs/common';
import { OwnerService } from './owner.service';

@Controller('setup')
export class SetupController {
  constructor(private readonly owners: OwnerService) {}

  @Post('owner')
  createOwner(@Body() body: { name: string; password: string }) {
    return this.owners.createOwner(body);
  }

  @Post('accounts')
  signUp(@Body() body: { name: string; password: string }) {
    return this.owners.signUp(body);
  }

  @Post('owner-locked')
  createOwnerLocked(@Body() body: { name: string; password: string }) {
    return this.owners.createOwnerLocked(body);
  }
}
`,
  });

  it('leaves the latched setup and reports a feature flag and a lock released in finally', async () => {
    expect(await lines(dir, 'src/setup.controller.ts')).toEqual([14, 19]);
  });
});

describe('Fastify and Koa: refusals in the handler itself', () => {
  const dir = writeProject({
    'src/fastify.js': `
import Fastify from 'fastify';
import { prisma } from './db.js';
const app = Fastify();
let initialized = false;
let busy = false;
app.post('/install', async (request, reply) => {
  request.log.info('install requested');
  if (initialized) return reply.code(409).send({ error: 'installed' });
  initialized = true;
  await prisma.user.create({ data: { name: request.body.name, role: 'ADMIN' } });
  return { ok: true };
});
app.post('/install-again', async (request, reply) => {
  if (busy) return reply.code(409).send({ error: 'busy' });
  busy = true;
  await prisma.user.create({ data: { name: request.body.name, role: 'ADMIN' } });
  busy = false;
  return { ok: true };
});
export default app;
`,
    'src/koa.js': `
import Koa from 'koa';
import Router from '@koa/router';
import { prisma } from './db.js';
const app = new Koa();
const router = new Router();
router.post('/first-admin', async (ctx) => {
  const { name } = ctx.request.body;
  if ((await prisma.user.count()) > 0) ctx.throw(409, 'already set up');
  await prisma.user.create({ data: { name, role: 'ADMIN' } });
  ctx.body = { ok: true };
});
router.post('/first-post', async (ctx) => {
  const { title } = ctx.request.body;
  if ((await prisma.user.count()) > 0) ctx.throw(409, 'already set up');
  await prisma.post.create({ data: { title } });
  ctx.body = { ok: true };
});
app.use(router.routes());
`,
    'src/db.js': `export const prisma = {};\n`,
  });

  it('Fastify: leaves a module flag latched after the check, reports a lock released after the write', async () => {
    expect(await lines(dir, 'src/fastify.js')).toEqual([14]);
  });

  it('Koa: leaves a count refusal with ctx.throw before the insert, reports one guarding another table', async () => {
    expect(await lines(dir, 'src/koa.js')).toEqual([13]);
  });
});

describe('Handlers that only answer an error', () => {
  const dir = writeProject({
    'src/express.js': `
import express from 'express';
import { removeItem } from './items.js';
const app = express();
app.delete('/api/items/:id', (req, res) => res.status(501).json({ error: 'not implemented' }));
app.put('/api/items/:id', (req, res) => {
  res.sendStatus(405);
});
app.delete('/api/notes/:id', (req, res) => {
  removeItem(req.params.id);
  res.status(404).end();
});
app.delete('/api/tags/:id', (req, res) => res.status(200).json({ ok: true }));
app.post('/api/echo', (req, res) => res.status(400).json({ got: req.body }));
export default app;
`,
    'src/items.js': `import { prisma } from './db.js';\nexport function removeItem(id) { return prisma.item.delete({ where: { id } }); }\n`,
    'src/db.js': `export const prisma = {};\n`,
    'src/fastify.ts': `
import Fastify from 'fastify';
import { HttpStatus } from '@nestjs/common';
const app = Fastify();
app.delete('/-/package/:name/tags', async (request, reply) => {
  reply.code(HttpStatus.NOT_FOUND);
});
app.post('/legacy/upload', async () => {
  throw new Error('gone');
});
export default app;
`,
    'src/koa.js': `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.patch('/settings', async (ctx) => {
  ctx.status = 405;
  ctx.body = { error: 'read only' };
});
app.use(router.routes());
`,
    'app/api/items/route.ts': `
export async function DELETE() {
  return new Response(null, { status: 405 });
}
export async function PUT() {
  return Response.json({ error: 'use PATCH' }, { status: 400 });
}
`,
  });

  // Line 14 echoes the request and touches nothing, but its method names a write: a stub of it, reported.
  it('Express: leaves stubs answering an error, reports a write before the error and a success', async () => {
    expect(await lines(dir, 'src/express.js')).toEqual([9, 13, 14]);
  });

  it('Fastify: leaves a stub answering a named 404 and one that throws', async () => {
    expect(await lines(dir, 'src/fastify.ts')).toEqual([]);
    expect(await lines(dir, 'src/fastify.ts', all)).toEqual([5, 8]);
  });

  it('Koa: leaves a stub setting an error status', async () => {
    expect(await lines(dir, 'src/koa.js')).toEqual([]);
    expect(await lines(dir, 'src/koa.js', all)).toEqual([6]);
  });

  it('Next.js: leaves route handlers answering an error status', async () => {
    expect(await lines(dir, 'app/api/items/route.ts')).toEqual([]);
  });
});

describe('Reads of administration paths answering a flag', () => {
  const dir = writeProject({
    'src/accounts.js': `
import { db } from './db.js';
export function countOwners() {
  const { owners } = db.prepare('SELECT count(*) AS owners FROM users WHERE owner = 1').get() || { owners: 0 };
  return owners;
}
export function firstOwner() {
  return db.prepare('SELECT * FROM users WHERE owner = 1').get();
}
export function resetStats() {
  db.prepare('DELETE FROM stats').run();
  return true;
}
`,
    'src/db.js': `import Database from 'better-sqlite3';\nexport const db = new Database('app.sqlite');\n`,
    'src/admin.js': `
import express from 'express';
import NodeCache from 'node-cache';
import { countOwners, firstOwner, resetStats } from './accounts.js';
const app = express();
const cache = new NodeCache();
app.get('/admin/has-owner', (req, res) => {
  try {
    res.json(countOwners() > 0);
  } catch {
    res.status(500).json({ error: 'failed' });
  }
});
app.get('/admin/flush', (req, res) => {
  cache.flushAll();
  res.json(true);
});
app.get('/admin/owner', (req, res) => res.json(firstOwner()));
app.get('/admin/reset-stats', (req, res) => res.json(resetStats()));
export default app;
`,
    // A package the project does not hold (its code is out of view).
    'src/status.js': `
import express from 'express';
import { pendingInvites, purgeInvites } from '@acme/accounts';
const router = express();
router.get('/admin/invites-pending', async (req, res) => {
  const pending = await pendingInvites();
  res.json({ pending: pending > 0 });
});
router.get('/admin/invites-left', async (req, res) => {
  res.json((await purgeInvites(req.query.before)) > 0);
});
router.get('/admin/invites-purge', async (req, res) => {
  await purgeInvites();
  res.json({ done: true });
});
router.get('/admin/invites-share', async (req, res) => {
  res.json({ share: (await pendingInvites()) / 100 });
});
router.get('/admin/invites-count', async (req, res) => {
  const pending = await pendingInvites();
  res.json({ pending, any: pending > 0 });
});
router.listen(3000);
`,
  });

  it('leaves the flag and reports a call out of view, a record and a write', async () => {
    expect(await lines(dir, 'src/admin.js')).toEqual([14, 18, 19]);
    expect(await lines(dir, 'src/admin.js', all)).toEqual([7, 14, 18, 19]);
  });

  it('leaves a call out of view given nothing and only compared, and reports one given a value, called for its effect, or answered', async () => {
    // Asked a question (`pending > 0` of a call given nothing), the route answers one bit; a call
    // given the request's value, a call whose answer is dropped (an action), arithmetic and the
    // count itself answer more, and stay reported. `strict` reports them all.
    expect(await lines(dir, 'src/status.js')).toEqual([9, 12, 16, 19]);
    expect(await lines(dir, 'src/status.js', all)).toEqual([5, 9, 12, 16, 19]);
  });
});
