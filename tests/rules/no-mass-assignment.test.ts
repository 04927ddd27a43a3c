import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { suggestionOutputs, typedFile, typedOptions, typeErrors } from '../helpers/exposure-fixture.js';
import rule from '../../src/rules/no-mass-assignment.js';

const ruleTester = new RuleTester();
const typedRuleTester = new RuleTester({ languageOptions: typedOptions });

ruleTester.run('no-mass-assignment', rule, {
  valid: [
    // A validator middleware hands on only what its schema declares (zod objects drop unknown keys).
    { name: 'Hono: the payload a validator middleware checked', code: `import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { User } from './models';
const app = new Hono();
const Signup = z.object({ name: z.string(), email: z.string().email() });
app.post('/users', zValidator('json', Signup), async (c) => {
  const user = await User.create(c.req.valid('json'));
  return c.json({ id: user.id }, 201);
});` },
    { name: '$set of picked fields', code: `import express from 'express';
import { User } from './models';
const app = express();
app.put('/u/:id', async (req, res) => { await User.updateOne({ _id: req.params.id }, { $set: { name: req.body.name } }); res.sendStatus(204); });` },
    { name: 'explicit pick', code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/users', async (req, res) => {
  const { name, email } = req.body;
  await User.create({ name, email });
  await User.create({ name: req.body.name });
  res.json({ ok: true });
});
` },
    { name: 'zod object schema', code: `import express from 'express';
import { User, Post } from './models';
const app = express();
import { z } from 'zod';
const UserInput = z.object({ name: z.string(), email: z.string().email() });
app.post('/users', async (req, res) => {
  const data = UserInput.parse(req.body);
  await User.create(data);
  res.json({ ok: true });
});
` },
    { name: 'Joi with stripUnknown', code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/users', async (req, res) => {
  const { value } = schema.validate(req.body, { stripUnknown: true });
  await User.create(value);
  res.json({ ok: true });
});
` },
    { name: 'rest that drops the protected keys', code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.patch('/users/:id', async (req, res) => {
  const { role, isAdmin, ...changes } = req.body;
  await User.findByIdAndUpdate(req.params.id, changes);
  res.json({ ok: true });
});
` },
    { name: 'fields allowlist helper', code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.patch('/users/:id', async (req, res) => {
  await User.findByIdAndUpdate(req.params.id, pick(req.body, ['name', 'bio']));
  res.json({ ok: true });
});
` },
    { name: 'named fields assigned together with a computed one', code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/signup', async (req, res) => {
  const user = await User.create(Object.assign({ email: req.body.email, name: req.body.name }, { passwordHash: await hash(req.body.password) }));
  res.status(201).json({ id: user.id });
});
` },
    { name: 'copy into an empty object is not a write', code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/echo', (req, res) => {
  const copy = Object.assign({}, req.body);
  res.json({ size: Object.keys(copy).length });
});
` },
    { name: 'NestJS DTO and whitelist pipe', code: `import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';
@Controller('users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}
  @Post()
  create(@Body() dto: CreateUserDto) {
    return this.usersService.create(dto);
  }
  @Post('raw')
  raw(@Body(new ValidationPipe({ whitelist: true })) body: Record<string, unknown>) {
    return this.usersService.create(body);
  }
}
` },
    { name: 'query string into a non-store call', code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.get('/search', async (req, res) => {
  const results = search.create(req.query);
  res.json({ n: results.length });
});
` },
    { name: 'map.set and res.set are not writes', code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/x', (req, res) => {
  res.set('x-id', '1');
  cache.set('k', req.body.name);
  res.json({ ok: true });
});
` },
  ],
  invalid: [
    {
      name: 'Mongo $set of the body',
      code: `import express from 'express';
import { User } from './models';
const app = express();
app.put('/u/:id', async (req, res) => { await User.updateOne({ _id: req.params.id }, { $set: req.body }); res.sendStatus(204); });`,
      errors: [{ messageId: 'massAssignment', line: 4, column: 94, endColumn: 102, data: { input: '`req.body`', sink: '`User.updateOne`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
    {
      name: 'findByIdAndUpdate with $set next to other operators',
      code: `import express from 'express';
import { User } from './models';
const app = express();
app.put('/u/:id', async (req, res) => { await User.findByIdAndUpdate(req.params.id, { $setOnInsert: { createdBy: 'x' }, $set: req.body }); res.sendStatus(204); });`,
      errors: [{ messageId: 'massAssignment', line: 4, column: 127, endColumn: 135, data: { input: '`req.body`', sink: '`User.findByIdAndUpdate`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
    {
      name: 'insertMany of a list in the body',
      code: `import express from 'express';
import { User } from './models';
const app = express();
app.post('/u/bulk', async (req, res) => { await User.insertMany(req.body.users); res.sendStatus(201); });`,
      errors: [{ messageId: 'massAssignment', line: 4, column: 65, endColumn: 79, data: { input: '`req.body.users`', sink: '`User.insertMany`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
    {
      name: 'Model.create(req.body)',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/users', async (req, res) => {
  const user = await User.create(req.body);
  res.status(201).json({ id: user.id });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 5, column: 34, endColumn: 42, data: { input: '`req.body`', sink: '`User.create`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'new Model(req.body) with fields read elsewhere',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/users', async (req, res) => {
  if (!req.body.email) return res.status(400).end();
  const user = new User(req.body);
  await user.save();
  res.json({ id: user.id });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 6, column: 25, endColumn: 33, data: { input: '`req.body`', sink: '`new User`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [{ messageId: 'pickFields', data: { fields: '`email`' }, output: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/users', async (req, res) => {
  if (!req.body.email) return res.status(400).end();
  const user = new User({ email: req.body.email });
  await user.save();
  res.json({ id: user.id });
});
` }] },
      ],
    },
    {
      name: 'the body itself extended with a computed field and created',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/signup', async (req, res) => {
  const user = await User.create(Object.assign(req.body, { passwordHash: await hash(req.body.password) }));
  res.status(201).json({ id: user.id });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 5, data: { input: '`req.body`', sink: '`User.create`', protected: 'fields such as `role` or `isAdmin`' } },
      ],
    },
    {
      name: 'Object.assign onto a loaded entity',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.patch('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  Object.assign(user, req.body);
  await user.save();
  res.json({ ok: true });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 6, column: 23, endColumn: 31, data: { input: '`req.body`', sink: '`Object.assign`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'spread merge that is saved, through an alias',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.put('/posts/:id', async (req, res) => {
  const post = await postRepository.findOneBy({ id: req.params.id });
  const merged = { ...post, ...req.body };
  await postRepository.save(merged);
  res.json({ ok: true });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 7, column: 29, endColumn: 35, data: { input: '`merged` (line 6, from `req.body`)', sink: '`postRepository.save`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'Mongoose update methods with a copy',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.patch('/users/:id', async (req, res) => {
  const changes = { ...req.body };
  await User.findByIdAndUpdate(req.params.id, changes, { new: true });
  await User.updateOne({ _id: req.params.id }, req.body);
  res.json({ ok: true });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 6, column: 47, endColumn: 54, data: { input: '`changes` (line 5, from `req.body`)', sink: '`User.findByIdAndUpdate`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
        { messageId: 'massAssignment', line: 7, column: 48, endColumn: 56, data: { input: '`req.body`', sink: '`User.updateOne`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'Prisma data and upsert',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.post('/users', async (req, res) => {
  await prisma.user.create({ data: req.body });
  await prisma.user.upsert({ where: { id: req.params.id }, create: req.body, update: { ...req.body } });
  res.json({ ok: true });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 5, column: 36, endColumn: 44, data: { input: '`req.body`', sink: '`prisma.user.create`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
        { messageId: 'massAssignment', line: 6, column: 68, endColumn: 76, data: { input: '`req.body`', sink: '`prisma.user.upsert`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
        { messageId: 'massAssignment', line: 6, column: 91, endColumn: 99, data: { input: '`req.body`', sink: '`prisma.user.upsert`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'TypeORM merge and Sequelize update',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.patch('/posts/:id', async (req, res) => {
  const post = await postRepository.findOneByOrFail({ id: req.params.id });
  postRepository.merge(post, req.body);
  await Post.update(req.body, { where: { id: req.params.id } });
  res.json({ ok: true });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 6, column: 30, endColumn: 38, data: { input: '`req.body`', sink: '`postRepository.merge`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
        { messageId: 'massAssignment', line: 7, column: 21, endColumn: 29, data: { input: '`req.body`', sink: '`Post.update`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'Knex insert',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
import knex from 'knex';
const db = knex({ client: 'pg' });
app.post('/users', async (req, res) => {
  await db('users').insert(req.body);
  res.json({ ok: true });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 7, column: 28, endColumn: 36, data: { input: '`req.body`', sink: '`db.insert`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'rest that keeps role',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
app.patch('/users/:id', async (req, res) => {
  const { id, ...data } = req.body;
  await User.update(data, { where: { id } });
  res.json({ ok: true });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 6, column: 21, endColumn: 25, data: { input: '`data` (line 5, from `req.body`)', sink: '`User.update`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'Koa request body',
      code: `import Router from '@koa/router';
import { User } from './models';
const router = new Router();
router.post('/users', async (ctx) => {
  ctx.body = await User.create(ctx.request.body);
});
`,
      errors: [
        { messageId: 'massAssignment', line: 5, column: 32, endColumn: 48, data: { input: '`ctx.request.body`', sink: '`User.create`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'Next.js request.json()',
      code: `import { prisma } from '@/lib/prisma';
export async function POST(request: Request) {
  const body = await request.json();
  const user = await prisma.user.create({ data: body });
  return Response.json({ id: user.id });
}
`, filename: 'app/api/users/route.ts',
      errors: [
        { messageId: 'massAssignment', line: 4, column: 49, endColumn: 53, data: { input: '`body` (line 3, from `request.json()`)', sink: '`prisma.user.create`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'NestJS untyped @Body()',
      code: `import { Body, Controller, Post } from '@nestjs/common';
@Controller('users')
export class UsersController {
  constructor(private readonly usersRepository: Repository<User>) {}
  @Post()
  create(@Body() body: Partial<User>) {
    return this.usersRepository.save(body);
  }
}
`,
      errors: [
        { messageId: 'massAssignment', line: 7, column: 38, endColumn: 42, data: { input: '`@Body() body`', sink: '`this.usersRepository.save`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'zod passthrough keeps unknown keys',
      code: `import express from 'express';
import { User, Post } from './models';
const app = express();
import { z } from 'zod';
const UserInput = z.object({ name: z.string() }).passthrough();
app.post('/users', async (req, res) => {
  await User.create(UserInput.parse(req.body));
  res.json({ ok: true });
});
`,
      errors: [
        { messageId: 'massAssignment', line: 7, column: 21, endColumn: 46, data: { input: '`req.body`', sink: '`User.create`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
  ],
});

typedRuleTester.run('no-mass-assignment (type-aware)', rule, {
  valid: [

  ],
  invalid: [
    {
      name: 'TypeORM save of req.body suggests writable fields',
      code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/a', async (req, res) => {
  const saved = await ds.getRepository(Account).save(req.body);
  res.json({ id: saved.id });
});
`, filename: typedFile,
      errors: [
        { messageId: 'massAssignment', line: 7, column: 54, endColumn: 62, data: { input: '`req.body`', sink: '`ds.getRepository.save`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'Sequelize create',
      code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/c', async (req, res) => {
  const c = await Customer.create(req.body);
  res.json({ id: c.id });
});
`, filename: typedFile,
      errors: [
        { messageId: 'massAssignment', line: 7, column: 35, endColumn: 43, data: { input: '`req.body`', sink: '`Customer.create`', protected: '`verified`' }, suggestions: [{ messageId: 'pickFieldsServerSet', data: { fields: '`name`', serverSet: '`apiKey`' }, output: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/c', async (req, res) => {
  const c = await Customer.create({ name: req.body.name });
  res.json({ id: c.id });
});
` }] },
      ],
    },
    {
      name: 'Mongoose findByIdAndUpdate',
      code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.patch('/u/:id', async (req, res) => {
  await UserModel.findByIdAndUpdate(req.params.id, req.body);
  res.json({ ok: true });
});
`, filename: typedFile,
      errors: [
        { messageId: 'massAssignment', line: 7, column: 52, endColumn: 60, data: { input: '`req.body`', sink: '`UserModel.findByIdAndUpdate`', protected: '`isAdmin`' }, suggestions: [{ messageId: 'pickFields', data: { fields: '`name`, `email`' }, output: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.patch('/u/:id', async (req, res) => {
  await UserModel.findByIdAndUpdate(req.params.id, { name: req.body.name, email: req.body.email });
  res.json({ ok: true });
});
` }] },
      ],
    },
    {
      name: 'Prisma-shaped create data',
      code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/p', async (req, res) => {
  const user = await prisma.user.create({ data: req.body });
  res.json({ id: user.id });
});
`, filename: typedFile,
      errors: [
        { messageId: 'massAssignment', line: 7, column: 49, endColumn: 57, data: { input: '`req.body`', sink: '`prisma.user.create`', protected: '`role`' }, suggestions: [{ messageId: 'pickFieldsServerSet', data: { fields: '`email`, `name`', serverSet: '`password`' }, output: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/p', async (req, res) => {
  const user = await prisma.user.create({ data: { email: req.body.email, name: req.body.name } });
  res.json({ id: user.id });
});
` }] },
      ],
    },
  ],
});

const typedSources: [string, string, string[]][] = [
  ['Sequelize create', `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/c', async (req, res) => {
  const c = await Customer.create(req.body);
  res.json({ id: c.id });
});
`, ['apiKey']],
  ['Mongoose findByIdAndUpdate', `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.patch('/u/:id', async (req, res) => {
  await UserModel.findByIdAndUpdate(req.params.id, req.body);
  res.json({ ok: true });
});
`, []],
  ['Prisma-shaped create data', `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/p', async (req, res) => {
  const user = await prisma.user.create({ data: req.body });
  res.json({ id: user.id });
});
`, ['password']],
];

describe('no-mass-assignment suggestions type-check', () => {
  it('the fixture compiles as written', () => {
    expect(typeErrors(`import { prisma } from './entities';\nexport const p = prisma;\n`)).toEqual([]);
    expect(typeErrors(`import { prisma } from './entities';\nexport const p: number = prisma;\n`)).not.toEqual([]);
  });
  // A required field the client must not set (`apiKey`, `password`) is left out of the pick: the
  // only type error is that field missing, which the message names ("set `password` on the server").
  it.each(typedSources)('%s', (_name, code, serverSet) => {
    const outputs = suggestionOutputs(rule as never, code);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const errors = typeErrors(output);
      expect(errors.length).toBe(serverSet.length === 0 ? 0 : 1);
      for (const field of serverSet) expect(errors.join('\n')).toMatch(new RegExp(`Property '${field}' is missing`, 'u'));
    }
  });
});
