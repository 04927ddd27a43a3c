import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Layered applications: the route in a controller, the record access in a service or repository
 * of another file, the owner check (or its absence) in between. The rule reports at the access,
 * in the file that holds it, naming the route's file; an owner check in the service the record is
 * returned to, in another file, counts.
 */

const RULE = 'api-security/require-ownership-check';
const strict: Linter.RulesRecord = { [RULE]: ['error', { unscopedAccess: 'report' }] };
const consistency: Linter.RulesRecord = { [RULE]: 'error' };

const PRISMA_SCHEMA = `model User {
  id     Int     @id @default(autoincrement())
  orders Order[]
}

model Order {
  id     Int    @id @default(autoincrement())
  total  Int
  user   User   @relation(fields: [userId], references: [id])
  userId Int
}

model Product {
  id    Int    @id @default(autoincrement())
  name  String
}
`;

const EXPRESS_ROUTES = `import { Router } from 'express';
import * as orders from '../services/orders.service';
export const router = Router();
router.get('/orders/:id', async (req, res) => {
  res.json(await orders.getOrder(req.params.id, req.user.id));
});
`;

const REPOSITORY = `import { prisma } from '../db';
export function findOrderById(id: string) {
  return prisma.order.findUnique({ where: { id: Number(id) } });
}
export function findProductById(id: string) {
  return prisma.product.findUnique({ where: { id: Number(id) } });
}
`;

const DB = `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
`;

function expressPrismaProject(service: string): string {
  return writeProject({
    'prisma/schema.prisma': PRISMA_SCHEMA,
    'src/db.ts': DB,
    'src/routes/orders.routes.ts': EXPRESS_ROUTES,
    'src/services/orders.service.ts': service,
    'src/repositories/orders.repository.ts': REPOSITORY,
  });
}

const UNCHECKED_SERVICE = `import { findOrderById } from '../repositories/orders.repository';
export async function getOrder(id: string, userId: number) {
  return findOrderById(id);
}
`;

const CHECKING_SERVICE = `import { findOrderById } from '../repositories/orders.repository';
export class ForbiddenError extends Error {}
export async function getOrder(id: string, userId: number) {
  const order = await findOrderById(id);
  if (!order || order.userId !== userId) throw new ForbiddenError('not your order');
  return order;
}
`;

describe('require-ownership-check across files', () => {
  it('Express + Prisma: the access in a repository, reached from a route through a service, is reported in the repository', async () => {
    const dir = expressPrismaProject(UNCHECKED_SERVICE);
    const messages = await lintProjectFile(dir, 'src/repositories/orders.repository.ts', strict);
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[3, RULE]]);
    expect(messages[0]?.message).toBe(
      'Prisma reads a `order` record by `req.params.id` in src/routes/orders.routes.ts (line 5) through `orders.getOrder` (called on line 5 of src/routes/orders.routes.ts by the handler of GET /orders/:id) without tying it to the caller: `order` has an owner or tenant field (`user`, `userId`), but the query has no condition on it, the owner is not compared after loading and no policy decides. Add the owner condition, or compare the owner with the caller and reject.',
    );
  });

  it('the owner compared in the service the repository returns the record to (another file) is a check; a product has no owner', async () => {
    const dir = expressPrismaProject(CHECKING_SERVICE);
    expect(await lintProjectFile(dir, 'src/repositories/orders.repository.ts', strict)).toEqual([]);
  });

  it('a check in one caller does not cover another caller of the same repository function', async () => {
    const dir = expressPrismaProject(`${CHECKING_SERVICE}export async function exportOrder(id: string) {
  return findOrderById(id);
}
`);
    writeFileSync(path.join(dir, 'src/routes/orders.routes.ts'), `${EXPRESS_ROUTES}router.get('/orders/:id/export', async (req, res) => {
  res.json(await orders.exportOrder(req.params.id));
});
`);
    const messages = await lintProjectFile(dir, 'src/repositories/orders.repository.ts', strict);
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[3, RULE]]);
  });

  it('edit freshness: adding the check to the service clears the finding in the same process', async () => {
    const dir = expressPrismaProject(UNCHECKED_SERVICE);
    expect(await lintProjectFile(dir, 'src/repositories/orders.repository.ts', strict)).toHaveLength(1);
    writeFileSync(path.join(dir, 'src/services/orders.service.ts'), CHECKING_SERVICE);
    // The project index trusts its listing for a second (see project/index.ts).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await lintProjectFile(dir, 'src/repositories/orders.repository.ts', strict)).toEqual([]);
  });

  it('consistency (default): the model scoped by its owner in another file, unscoped here, names that file and line', async () => {
    const dir = writeProject({
      'src/db.ts': DB,
      'src/invoices/list.ts': `import { Router } from 'express';
import { prisma } from '../db';
export const list = Router();
list.get('/invoices', async (req, res) => {
  res.json(await prisma.invoice.findMany({ where: { accountId: req.user.accountId } }));
});
`,
      'src/invoices/show.ts': `import { Router } from 'express';
import { prisma } from '../db';
export const show = Router();
show.get('/invoices/:id', async (req, res) => {
  res.json(await prisma.invoice.findUnique({ where: { id: req.params.id } }));
});
`,
    });
    const messages = await lintProjectFile(dir, 'src/invoices/show.ts', consistency);
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[5, RULE]]);
    expect(messages[0]?.message).toContain('while `invoice` is scoped by `accountId` at src/invoices/list.ts:5.');
    // The file that scopes it is clean.
    expect(await lintProjectFile(dir, 'src/invoices/list.ts', consistency)).toEqual([]);
  });

  it('NestJS + TypeORM: controller, service and entity in separate files; the check in the service', async () => {
    const entity = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';
@Entity()
export class Project {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @ManyToOne(() => User) owner: User;
  @Column() ownerId: string;
}
`;
    const controller = `import { Controller, Delete, Get, Param, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ProjectsService } from './projects.service';
@UseGuards(AuthGuard('jwt'))
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}
  @Get(':id')
  show(@Param('id') id: string, @Req() req) {
    return this.projects.show(id, req.user);
  }
  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.projects.remove(id);
  }
}
`;
    const service = `import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Project } from './project.entity';
@Injectable()
export class ProjectsService {
  constructor(@InjectRepository(Project) private readonly projectRepository: Repository<Project>) {}
  async show(id: string, user: { id: string }) {
    const project = await this.projectRepository.findOneBy({ id });
    if (project?.ownerId !== user.id) throw new ForbiddenException();
    return project;
  }
  async remove(id: string) {
    await this.projectRepository.delete({ id });
    return this.projectRepository.findOne({ where: { id } });
  }
}
`;
    const dir = writeProject({
      'src/projects/project.entity.ts': entity,
      'src/projects/user.entity.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User { @PrimaryGeneratedColumn('uuid') id: string; }\n`,
      'src/projects/projects.controller.ts': controller,
      'src/projects/projects.service.ts': service,
    });
    const messages = await lintProjectFile(dir, 'src/projects/projects.service.ts', strict);
    // `show` compares the owner; `remove` deletes and reads the record by the client's id and checks nothing.
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[14, RULE], [15, RULE]]);
    expect(messages[0]?.message).toBe(
      "TypeORM deletes a `project` record by `@Param('id') id` in src/projects/projects.controller.ts (line 13) through `this.projects.remove` (called on line 14 of src/projects/projects.controller.ts by the handler of DELETE /projects/:id) without tying it to the caller, while `project` is scoped by an owner check at line 9. Add the owner condition to the query, or compare the record's owner with the caller and reject.",
    );
  });

  it('plain JavaScript CommonJS: a Mongoose model in its own file, the owner in the filter of a helper module', async () => {
    const dir = writeProject(
      {
        'models/note.js': `const mongoose = require('mongoose');
const noteSchema = new mongoose.Schema({ text: String, author: { type: mongoose.Schema.Types.ObjectId, ref: 'User' } });
module.exports = mongoose.model('Note', noteSchema);
`,
        'lib/notes.js': `const Note = require('../models/note');
exports.mine = (id, userId) => Note.findOne({ _id: id, author: userId });
exports.any = (id) => Note.findById(id);
`,
        'routes/notes.js': `const express = require('express');
const notes = require('../lib/notes');
const router = express.Router();
router.get('/notes/:id', async (req, res) => res.json(await notes.mine(req.params.id, req.user._id)));
router.get('/shared/:id', async (req, res) => res.json(await notes.any(req.params.id)));
module.exports = router;
`,
      },
      { name: 'notes', type: 'commonjs' },
    );
    const messages = await lintProjectFile(dir, 'lib/notes.js', consistency);
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[3, RULE]]);
    expect(messages[0]?.message).toContain('`Note` is scoped by `author` at line 2');
  });
});
