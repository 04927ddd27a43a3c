import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-mass-assignment.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * `create`, `update`, `save` name the writes of ORMs and drivers, and also the methods of the
 * project's own services. When the receiver is such a service (named `…Service`, handed out by a
 * `getService(…)`-style locator, or injected with a `…Service` type) and its body is out of view
 * (build output, a service container, an untyped injection), the name alone does not say whether it
 * picks fields or stores the body as sent: the verdict is unknown. `recommended` leaves it open,
 * `strict` (`unresolvedServices: 'report'`) reports it with its own message. ORM models, Prisma
 * delegates, repositories, collections and query builders are stores: reported either way.
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;
const koa = `import Router from '@koa/router';
const router = new Router();`;

const shapes = {
  injectedByName: `${express}
class SegmentController {
  constructor(config, { segmentService }) {
    this.segmentService = segmentService;
  }
  register() {
    app.post('/segments', async (req, res) => {
      res.json(await this.segmentService.create(req.body));
    });
  }
}
export { SegmentController };`,
  locator: `${koa}
import { getService } from '../utils';
router.post('/roles', async (ctx) => {
  const role = await getService('role').create(ctx.request.body);
  ctx.body = { id: role.id };
});`,
  locatorVariable: `${express}
import { container } from './container';
app.put('/articles/:id', async (req, res) => {
  const articles = container.get(ArticlesService);
  res.json(await articles.update(req.params.id, req.body));
});`,
  nestTyped: `import { Body, Controller, Post } from '@nestjs/common';
import { UsersService } from '@acme/users';
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}
  @Post()
  create(@Body() body: Record<string, unknown>) {
    return this.users.create(body);
  }
}`,
};

const strict: [{ unresolvedServices: 'report' }] = [{ unresolvedServices: 'report' }];

ruleTester.run('no-mass-assignment: services out of view', rule, {
  valid: [
    { name: 'recommended: a service injected by name', code: shapes.injectedByName },
    { name: 'recommended: a service from a getService locator', code: shapes.locator },
    { name: 'recommended: a service taken from a container by its class', code: shapes.locatorVariable },
    { name: 'recommended: a NestJS service injected by a type of another package', code: shapes.nestTyped },
  ],
  invalid: [
    {
      name: 'strict: a service injected by name',
      code: shapes.injectedByName,
      options: strict,
      errors: [{ messageId: 'unresolvedServiceWrite', line: 9, column: 49, endColumn: 57, data: { input: '`req.body`', sink: '`this.segmentService.create`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'strict: a service from a getService locator',
      code: shapes.locator,
      options: strict,
      errors: [{ messageId: 'unresolvedServiceWrite', line: 5, column: 48, endColumn: 64, data: { input: '`ctx.request.body`', sink: '`getService.create`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'strict: a service taken from a container by its class',
      code: shapes.locatorVariable,
      options: strict,
      errors: [{ messageId: 'unresolvedServiceWrite', line: 6, column: 49, endColumn: 57, data: { input: '`req.body`', sink: '`articles.update`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'strict: a NestJS service injected by a type of another package',
      code: shapes.nestTyped,
      options: strict,
      errors: [{ messageId: 'unresolvedServiceWrite', line: 8, column: 30, endColumn: 34, data: { input: '`@Body() body`', sink: '`this.users.create`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    // Stores, whatever the config.
    {
      name: 'a Mongoose model',
      code: `${express}
import { User } from './models';
app.post('/users', async (req, res) => res.json(await User.create(req.body)));`,
      errors: [{ messageId: 'massAssignment', line: 4, column: 67, endColumn: 75 }],
    },
    {
      name: 'a TypeORM repository injected into a NestJS service',
      code: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Body, Controller, Post } from '@nestjs/common';
@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly usersRepository: Repository<User>) {}
  @Post()
  create(@Body() body: Record<string, unknown>) {
    return this.usersRepository.save(body);
  }
}`,
      errors: [{ messageId: 'massAssignment', line: 10, column: 38, endColumn: 42 }],
    },
    {
      name: 'a Prisma delegate',
      code: `${express}
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.post('/posts', async (req, res) => res.json(await prisma.post.create({ data: req.body })));`,
      errors: [{ messageId: 'massAssignment', line: 5, column: 82, endColumn: 90 }],
    },
    {
      name: 'a MongoDB collection and a knex query builder',
      code: `${express}
import knex from 'knex';
const db = knex({ client: 'pg' });
app.post('/a', async (req, res) => {
  await mongo.collection('events').insertOne(req.body);
  await db('users').insert(req.body);
  res.end();
});`,
      errors: [
        { messageId: 'massAssignment', line: 6, column: 46, endColumn: 54 },
        { messageId: 'massAssignment', line: 7, column: 28, endColumn: 36 },
      ],
    },
    {
      name: 'an injected store that is not named as a service',
      code: `${express}
class SegmentController {
  constructor(segments) {
    this.segments = segments;
  }
  register() {
    app.post('/segments', async (req, res) => res.json(await this.segments.create(req.body)));
  }
}
export { SegmentController };`,
      errors: [{ messageId: 'massAssignment', line: 8, column: 83, endColumn: 91 }],
    },
    {
      name: 'a service class of this file is read as the store it is written like',
      code: `${express}
import { User } from './models';
class UserService {
  create(data) {
    return User.create(data);
  }
}
const userService = new UserService();
app.post('/users', async (req, res) => res.json(await userService.create(req.body)));`,
      errors: [{ messageId: 'massAssignment', line: 10, column: 74, endColumn: 82 }],
    },
  ],
});

describe('no-mass-assignment: a service of another file is judged by its body, not by the unknown verdict', () => {
  const rules = { 'api-security/no-mass-assignment': 'error' } as const;
  const route = `import express from 'express';
import { segmentService } from './segment.service.js';
export const router = express.Router();
router.post('/segments', async (req, res) => {
  res.json(await segmentService.create(req.body));
});
`;

  it('reports the write the service makes with the whole body, in recommended', async () => {
    const dir = writeProject({
      'segment.service.js': `import { Segment } from './segment.model.js';
export const segmentService = {
  async create(input) {
    return Segment.create(input);
  },
};
`,
      'segment.routes.js': route,
    });
    const messages = await lintProjectFile(dir, 'segment.routes.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['5 massAssignment']);
    expect(messages[0]?.message).toContain('segment.service.js:4');
  });

  it('keeps the verdict unknown when the service of another file hands the body to a service out of view', async () => {
    const dir = writeProject({
      'segment.service.js': `import { getService } from '@acme/platform';
export const segmentService = {
  async create(input) {
    return getService('segments').create(input);
  },
};
`,
      'segment.routes.js': route,
    });
    expect(await lintProjectFile(dir, 'segment.routes.js', rules)).toEqual([]);
    const strict = await lintProjectFile(dir, 'segment.routes.js', { 'api-security/no-mass-assignment': ['error', { unresolvedServices: 'report' }] });
    expect(strict.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['5 unresolvedServiceWrite']);
    expect(strict[0]?.message).toContain('segment.service.js:4');
  });

  it('is clean when the service stores named fields only', async () => {
    const dir = writeProject({
      'segment.service.js': `import { Segment } from './segment.model.js';
export const segmentService = {
  async create({ name, description }) {
    return Segment.create({ name, description });
  },
};
`,
      'segment.routes.js': route,
    });
    expect(await lintProjectFile(dir, 'segment.routes.js', rules)).toEqual([]);
  });
});
