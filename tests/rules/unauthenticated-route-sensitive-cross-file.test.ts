import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * `reportRoutes: 'sensitive'` across files: whether a read-only route needs a caller is decided by
 * what the services and repositories it calls do, read in their files (a controller, a service, a
 * repository, the way teams split them). A record read in the repository and answered by the
 * controller needs a caller; a count, a status flag or a package's class does not.
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

describe('Express + TypeScript: controller, service and repository in separate files', () => {
  const dir = writeProject({
    'src/db.ts': `export const prisma = {} as any;\n`,
    'src/repositories/users.ts': `
import { prisma } from '../db.js';
export class UsersRepository {
  findAll() { return prisma.user.findMany(); }
  countAll() { return prisma.user.count(); }
  byEmail(email: string) { return prisma.user.findFirst({ where: { email } }); }
}
`,
    'src/services/users.ts': `
import { UsersRepository } from '../repositories/users.js';
const repository = new UsersRepository();
export async function listUsers() { return repository.findAll(); }
export async function isBootstrapped() { return (await repository.countAll()) > 0; }
export async function emailTaken(email: string) { return (await repository.byEmail(email)) !== null; }
export async function recordVisit(page: string) { await (await import('../db.js')).prisma.visit.create({ data: { page } }); }
`,
    'src/controllers/users.ts': `
import express from 'express';
import { listUsers, isBootstrapped, emailTaken, recordVisit } from '../services/users.js';
const app = express();
app.get('/api/members', async (req, res) => res.json(await listUsers()));
app.get('/api/bootstrap', async (req, res) => res.json({ bootstrapped: await isBootstrapped() }));
app.get('/api/email-taken', async (req, res) => res.json({ taken: await emailTaken(String(req.query.email)) }));
app.get('/api/version', (req, res) => res.json({ version: '1.4.2' }));
export default app;
`,
  });

  it('reports the route answering records read two files away, and the one keyed by the request', async () => {
    expect(await lines(dir, 'src/controllers/users.ts')).toEqual([5, 7]);
  });

  it('reports every unauthenticated route with reportRoutes: all', async () => {
    expect(await lines(dir, 'src/controllers/users.ts', all)).toEqual([5, 6, 7, 8]);
  });
});

describe('NestJS: a controller calling an injected service', () => {
  const dir = writeProject({
    'src/items/items.service.ts': `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Item } from './item.entity';
@Injectable()
export class ItemsService {
  constructor(@InjectRepository(Item) private readonly items: Repository<Item>) {}
  findAll() { return this.items.find(); }
  health() { return { ok: true, at: Date.now() }; }
}
`,
    'src/items/items.controller.ts': `
import { Controller, Get } from '@nestjs/common';
import { ItemsService } from './items.service';
@Controller('items')
export class ItemsController {
  constructor(private readonly itemsService: ItemsService) {}
  @Get()
  findAll() { return this.itemsService.findAll(); }
  @Get('status')
  status() { return this.itemsService.health(); }
}
`,
  });

  it('reports the controller method answering the repository read, not the status', async () => {
    expect(await lines(dir, 'src/items/items.controller.ts')).toEqual([7]);
  });
});

describe('plain JavaScript CommonJS: a handler module required by the router', () => {
  const dir = writeProject({
    'lib/store.js': `
const knex = require('knex')({ client: 'pg' });
exports.latestPosts = () => knex('posts').orderBy('created_at', 'desc').limit(10);
exports.postCount = async () => (await knex('posts').count('id as n'))[0].n > 0;
`,
    'lib/routes.js': `
const express = require('express');
const store = require('./store');
const router = express.Router();
router.get('/posts', async (req, res) => { res.json(await store.latestPosts()); });
router.get('/has-posts', async (req, res) => { res.json({ any: await store.postCount() }); });
module.exports = router;
`,
    'lib/app.js': `
const express = require('express');
const app = express();
app.use('/api', require('./routes'));
`,
  }, { name: 'blog' });

  it('reports the route answering rows of another file, not the boolean', async () => {
    expect(await lines(dir, 'lib/routes.js')).toEqual([5]);
  });
});

describe('edit freshness: the service starts answering records', () => {
  const files = {
    'src/services/stats.ts': `
export async function summary() { return { status: 'green' }; }
`,
    'src/routes.ts': `
import express from 'express';
import { summary } from './services/stats.js';
const app = express();
app.get('/api/summary', async (req, res) => res.json(await summary()));
`,
  };
  const dir = writeProject(files);

  it('follows the new body of the other file in the same process', async () => {
    expect(await lines(dir, 'src/routes.ts')).toEqual([]);
    writeFileSync(
      path.join(dir, 'src/services/stats.ts'),
      `
import { prisma } from './db.js';
export async function summary() {
  const accounts = await prisma.account.findMany();
  return accounts;
}
`,
    );
    // The project index revalidates its files after a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await lines(dir, 'src/routes.ts')).toEqual([5]);
  });
});
