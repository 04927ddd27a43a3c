import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * What excuses a record access by a client-chosen id, and what only looks like it: a role check at
 * the mount of the router in another file, a policy predicate of another file that returns its
 * decision, a filter restricted to public records (reads only), and a call of the application's own
 * repository module that merely shares a method name with an ORM.
 */

const RULE = 'api-security/require-ownership-check';
const strict: Linter.RulesRecord = { [RULE]: ['error', { unscopedAccess: 'report' }] };

const lines = (messages: Linter.LintMessage[]): [number, string | null][] => messages.map((message) => [message.line, message.ruleId]);

const SCHEMA = `model Account {
  id       Int       @id @default(autoincrement())
  refunds  Refund[]
}

model Refund {
  id        Int     @id @default(autoincrement())
  amount    Int
  account   Account @relation(fields: [accountId], references: [id])
  accountId Int
}
`;

describe('require-ownership-check: excuses and look-alikes', () => {
  it('a router mounted in another file behind a role check is an administration router; one mounted behind authentication only is not', async () => {
    const dir = writeProject({
      'prisma/schema.prisma': SCHEMA,
      'src/db.ts': `import { PrismaClient } from '@prisma/client';
export const db = new PrismaClient();
`,
      'src/server.ts': `import express from 'express';
import backoffice from './backoffice';
import support from './support';
import { verifyToken } from './session';
function onlyAdmins(req: any, res: any, next: any) {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  next();
}
const server = express();
server.use('/backoffice', verifyToken, onlyAdmins, backoffice);
server.use('/support', verifyToken, support);
export default server;
`,
      'src/session.ts': `import jwt from 'jsonwebtoken';
export function verifyToken(req: any, res: any, next: any) {
  try {
    req.user = jwt.verify(String(req.headers.authorization).slice(7), process.env.SECRET as string);
    next();
  } catch {
    res.sendStatus(401);
  }
}
`,
      'src/backoffice.ts': `import { Router } from 'express';
import { db } from './db';
const backoffice = Router();
backoffice.get('/refunds/:refundId', async (req, res) => {
  const refund = await db.refund.findUnique({ where: { id: Number(req.params.refundId) } });
  res.json(refund);
});
export default backoffice;
`,
      'src/support.ts': `import { Router } from 'express';
import { db } from './db';
const support = Router();
support.get('/refunds/:refundId', async (req, res) => {
  const refund = await db.refund.findUnique({ where: { id: Number(req.params.refundId) } });
  res.json(refund);
});
export default support;
`,
    });
    expect(await lintProjectFile(dir, 'src/backoffice.ts', strict)).toEqual([]);
    expect(lines(await lintProjectFile(dir, 'src/support.ts', strict))).toEqual([[5, RULE]]);
  });

  it('a predicate of another file that returns the owner comparison decides; a helper that only logs does not', async () => {
    const dir = writeProject(
      {
        'models/invoice.js': `const mongoose = require('mongoose');
const schema = new mongoose.Schema({ total: Number, account: { type: mongoose.Schema.Types.ObjectId, ref: 'Account' }, readers: [String] });
module.exports = mongoose.model('Invoice', schema);
`,
        'lib/rules.js': `function mayRead(viewer, invoice) {
  const readers = invoice.readers || [];
  return String(invoice.account) === String(viewer.id) || readers.includes(String(viewer.id));
}
function trace(viewer, invoice) {
  console.info('invoice %s opened by %s', invoice._id, viewer.id);
  return true;
}
module.exports = { mayRead, trace };
`,
        'routes/invoices.js': `const Router = require('@koa/router');
const Invoice = require('../models/invoice');
const { mayRead, trace } = require('../lib/rules');
const router = new Router({ prefix: '/invoices' });
router.get('/:id', async (ctx) => {
  const invoice = await Invoice.findById(ctx.params.id);
  if (!invoice || !mayRead(ctx.state.user, invoice)) ctx.throw(404);
  ctx.body = invoice;
});
router.get('/:id/pdf', async (ctx) => {
  const invoice = await Invoice.findById(ctx.params.id);
  if (!invoice || !trace(ctx.state.user, invoice)) ctx.throw(404);
  ctx.body = invoice.total;
});
module.exports = router;
`,
      },
      { name: 'invoices', type: 'commonjs' },
    );
    expect(lines(await lintProjectFile(dir, 'routes/invoices.js', strict))).toEqual([[11, RULE]]);
  });

  it('a read restricted to published records needs no owner; the same filter without it, or a delete, is reported', async () => {
    const dir = writeProject(
      {
        'routes/recipes.js': `const express = require('express');
const mongoose = require('mongoose');
const Recipe = mongoose.model('Recipe', new mongoose.Schema({ slug: String, isPublished: Boolean, chef: { type: mongoose.Schema.Types.ObjectId, ref: 'User' } }));
const router = express.Router();
router.get('/recipes/:slug', async (req, res) => {
  res.json(await Recipe.findOne({ slug: req.params.slug, isPublished: true }));
});
router.get('/drafts/:slug', async (req, res) => {
  res.json(await Recipe.findOne({ slug: req.params.slug }));
});
router.delete('/recipes/:slug', async (req, res) => {
  await Recipe.findOneAndDelete({ slug: req.params.slug, isPublished: true });
  res.sendStatus(204);
});
module.exports = router;
`,
      },
      { name: 'recipes', type: 'commonjs' },
    );
    expect(lines(await lintProjectFile(dir, 'routes/recipes.js', strict))).toEqual([[9, RULE], [12, RULE]]);
  });

  it("the application's own repository called with an ORM-like method name is judged in the repository, not at the call", async () => {
    const dir = writeProject({
      'prisma/schema.prisma': SCHEMA,
      'src/db.ts': `import { PrismaClient } from '@prisma/client';
export const db = new PrismaClient();
`,
      'src/refunds.repository.ts': `import { db } from './db';
export const refundsRepository = {
  findById(id: number) {
    return db.refund.findUnique({ where: { id } });
  },
};
`,
      'src/refunds.routes.ts': `import { Router } from 'express';
import { refundsRepository } from './refunds.repository';
export const refunds = Router();
refunds.get('/refunds/:id', async (req, res) => {
  const refund = await refundsRepository.findById(Number(req.params.id));
  res.json(refund);
});
`,
    });
    expect(await lintProjectFile(dir, 'src/refunds.routes.ts', strict)).toEqual([]);
    const repository = await lintProjectFile(dir, 'src/refunds.repository.ts', strict);
    expect(lines(repository)).toEqual([[4, RULE]]);
    expect(repository[0]?.message).toContain('src/refunds.routes.ts');
  });
  it('row-level security set on a connection handed to a callback covers that connection, not the shared pool', async () => {
    const dir = writeProject({
      'src/db.js': `import pg from 'pg';
export const shared = new pg.Pool();
export async function asCompany(companyId, work) {
  const conn = await shared.connect();
  try {
    await conn.query('BEGIN');
    await conn.query("SELECT set_config('app.company_id', $1, true)", [companyId]);
    const out = await work(conn);
    await conn.query('COMMIT');
    return out;
  } finally {
    conn.release();
  }
}
`,
      'src/tickets.js': `import { shared, asCompany } from './db.js';
export default async function tickets(app) {
  app.get('/tickets/:id', async (request) =>
    asCompany(request.user.companyId, async (conn) => {
      const { rows } = await conn.query('SELECT * FROM tickets WHERE id = $1', [request.params.id]);
      return rows[0];
    }));
  app.delete('/tickets/:id', async (request, reply) => {
    await shared.query('DELETE FROM tickets WHERE id = $1', [request.params.id]);
    return reply.code(204).send();
  });
  app.get('/tickets', async (request) => {
    const { rows } = await shared.query('SELECT * FROM tickets WHERE company_id = $1', [request.user.companyId]);
    return rows;
  });
}
`,
      'migrations/001.sql': `CREATE TABLE tickets (id uuid PRIMARY KEY, company_id uuid NOT NULL, title text);
`,
    });
    expect(lines(await lintProjectFile(dir, 'src/tickets.js', strict))).toEqual([[9, RULE]]);
  });
  it('NestJS: a repository injected under any member name, reached by an id a parse pipe converted, is still the client\'s record', async () => {
    const dir = writeProject({
      'src/tickets/ticket.entity.ts': `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from './account.entity';
@Entity()
export class Ticket {
  @PrimaryGeneratedColumn() id: number;
  @Column() subject: string;
  @ManyToOne(() => Account) requester: Account;
}
`,
      'src/tickets/account.entity.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class Account { @PrimaryGeneratedColumn() id: number; }
`,
      'src/tickets/tickets.controller.ts': `import { Controller, Get, Param, ParseIntPipe, Req } from '@nestjs/common';
import { TicketsService } from './tickets.service';
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}
  @Get(':id')
  open(@Param('id', ParseIntPipe) id: number) {
    return this.tickets.open(id);
  }
  @Get(':id/mine')
  mine(@Param('id', ParseIntPipe) id: number, @Req() req) {
    return this.tickets.mine(id, req.user.accountId);
  }
}
`,
      'src/tickets/tickets.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Ticket } from './ticket.entity';
@Injectable()
export class TicketsService {
  constructor(@InjectRepository(Ticket) private readonly inbox: Repository<Ticket>) {}
  open(id: number) {
    return this.inbox.findOneBy({ id });
  }
  mine(id: number, accountId: number) {
    return this.inbox.findOneBy({ id, requester: { id: accountId } });
  }
}
`,
    });
    const messages = await lintProjectFile(dir, 'src/tickets/tickets.service.ts', strict);
    expect(lines(messages)).toEqual([[9, RULE]]);
    expect(messages[0]?.message).toContain("`@Param('id', ParseIntPipe) id`");
  });
});
