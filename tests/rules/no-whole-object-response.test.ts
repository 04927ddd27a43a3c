import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { suggestionOutputs, typedFile, typedOptions, typeErrors } from '../helpers/exposure-fixture.js';
import { validateExposureSettings } from '../../src/analysis/exposure/settings.js';
import rule from '../../src/rules/no-whole-object-response.js';

const ruleTester = new RuleTester();
const typedRuleTester = new RuleTester({ languageOptions: typedOptions });

ruleTester.run('no-whole-object-response', rule, {
  valid: [
    { name: 'a guard with && gives the record only when it is missing', code: `import express from 'express';
import { User } from './models';
const app = express();
app.get('/u/:id', async (req, res) => {
  const found = await User.findById(req.params.id).lean();
  res.json(found && { id: found._id, name: found.name });
});
app.get('/v/:id', async (req, res) => {
  const found = await User.findById(req.params.id).lean();
  const user = found && { id: found._id, name: found.name };
  res.json(user);
});` },
    { name: 'a repository read through a class field names its entity, whose sensitive fields are excluded', code: `import { ClassSerializerInterceptor, Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import { Exclude } from 'class-transformer';
import { AppDataSource } from './data-source';
export class Member {
  email: string;
  @Exclude() passwordHash: string;
  @Exclude() resetToken: string;
}
@Controller('members')
@UseInterceptors(ClassSerializerInterceptor)
export class MembersController {
  private readonly repo = AppDataSource.getRepository(Member);
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.repo.findOneBy({ id });
  }
}
` },
    { name: 'Lambda response helper given chosen fields', filename: 'src/users.ts', code: `import { User } from './models/user';
const json = (statusCode, data) => ({ statusCode, body: JSON.stringify(data) });
export const handler = async (event) => {
  const user = await User.findById(event.pathParameters.id);
  return json(200, { id: user.id, name: user.name });
};
` },
    { name: 'Lambda proxy response with chosen fields', filename: 'src/users.ts', code: `import { User } from './models/user';
export const handler = async (event) => {
  const user = await User.findById(event.pathParameters.id);
  return { statusCode: 200, body: JSON.stringify({ id: user.id, name: user.name }) };
};
` },
    { name: 'Fastify route with a response schema', code: `import Fastify from 'fastify';
import { User } from './models';
const app = Fastify();
const opts = { schema: { response: { 200: { type: 'object', properties: { id: { type: 'string' } } } } } };
app.get('/u/:id', opts, async (request, reply) => {
  const user = await User.findById(request.params.id);
  return user;
});
app.route({ method: 'GET', url: '/v/:id', schema: { response: { '2xx': { type: 'object' } } }, handler: async (request, reply) => {
  const user = await User.findById(request.params.id);
  reply.send(user);
} });` },
    { name: 'TypeORM and Sequelize update return a write result, not the record', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.patch('/users/:id', async (req, res) => {
  const result = await usersRepository.update({ id: req.params.id }, { name: String(req.body.name) });
  const [count] = await User.update({ name: String(req.body.name) }, { where: { id: req.params.id } });
  res.json({ result, count });
});
` },
    { name: 'explicit fields of req.user', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/me', (req, res) => res.json({ id: req.user.id, email: req.user.email }));
` },
    { name: 'Mongoose select projection', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users', async (req, res) => {
  const users = await User.find().select('-password -salt').lean();
  res.json(users);
});
` },
    { name: 'Mongoose projection argument', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  const one = await User.findById(req.params.id, 'name email');
  const two = await User.findOne({ email: req.query.email }, { password: 0 });
  res.json({ one, two });
});
` },
    { name: 'Prisma select and omit', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: req.params.id }, select: { id: true, email: true } });
  const other = await prisma.user.findFirst({ omit: { password: true } });
  res.json({ user, other });
});
` },
    { name: 'Sequelize attributes', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/customers', async (req, res) => {
  const customers = await Customer.findAll({ attributes: ['id', 'name'] });
  const one = await Customer.findByPk(req.params.id, { attributes: { exclude: ['apiKey'] } });
  res.json({ customers, one });
});
` },
    { name: 'TypeORM select', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/accounts', async (req, res) => {
  res.json(await accountRepository.find({ select: { id: true, email: true } }));
});
` },
    { name: 'Mongo driver projection', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users', async (req, res) => {
  const users = await db.collection('users').find({}, { projection: { password: 0 } }).toArray();
  res.json(users);
});
` },
    { name: 'Knex column list and explicit SQL columns', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users', async (req, res) => {
  const users = await knex('users').select('id', 'email');
  const { rows } = await pool.query('SELECT id, email FROM users');
  res.json({ users, rows });
});
` },
    { name: 'explicit mapping', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users', async (req, res) => {
  const users = await User.find();
  res.json(users.map((u) => ({ id: u.id, name: u.name })));
});
` },
    { name: 'DTO function', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  res.json(toUserDto(user));
});
` },
    { name: 'destructuring removes the secret', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id).lean();
  const { passwordHash, ...safe } = user;
  res.json(safe);
});
` },
    { name: 'a field, not the record', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  res.json({ id: user.id, name: user.name, count: user.friends.length });
});
` },
    { name: 'non-entity model', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/products', async (req, res) => {
  const products = await Product.find();
  res.json(products);
});
` },
    { name: 'config object', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
const config = { region: 'eu', features: ['a'] };
app.get('/config', (req, res) => res.json(config));
` },
    { name: 'in-memory array find', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
const users = [{ id: 1, name: 'a' }];
app.get('/users/:id', (req, res) => res.json(users.find((u) => String(u.id) === req.params.id)));
` },
    { name: 'not a handler', code: `import { User } from './models';
async function loadUser(id, out) {
  const user = await User.findById(id);
  out.json(user);
}
` },
    { name: 'reassigned with a projection', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  let user = await User.findById(req.params.id);
  user = { id: user.id };
  res.json(user);
});
` },
    { name: 'count, not records', code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/count', async (req, res) => {
  res.json({ total: await User.countDocuments() });
});
` },
  {
    name: 'same-file @Exclude() entity under ClassSerializerInterceptor (repository generic)',
    code: `import { ClassSerializerInterceptor, Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Exclude } from 'class-transformer';
import { Column, Entity, Repository } from 'typeorm';
@Entity()
export class User {
  @Column() email: string;
  @Exclude() @Column() passwordHash: string;
  @Exclude() @Column() resetToken: string;
}
@Controller('users')
@UseInterceptors(ClassSerializerInterceptor)
export class UsersController {
  constructor(private readonly repo: Repository<User>) {}
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.repo.findOneByOrFail({ id });
  }
}
` },
  {
    name: 'same-file @Exclude() entity, interceptor on the method, @InjectRepository',
    code: `import { ClassSerializerInterceptor, Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Exclude } from 'class-transformer';
import { Column, Entity, Repository } from 'typeorm';
@Entity()
export class User {
  @Column() email: string;
  @Exclude() @Column() passwordHash: string;
  @Exclude() @Column() resetToken: string;
}
@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly store: Repository<User>) {}
  @Get(':id')
  @UseInterceptors(ClassSerializerInterceptor)
  findOne(@Param('id') id: string) {
    return this.store.findOneBy({ id });
  }
}
` },
  {
    name: 'same-file @Exclude() entity through instanceToPlain',
    code: `import express from 'express';
import { Exclude, instanceToPlain } from 'class-transformer';
import { AppDataSource } from './data-source';
class User {
  email!: string;
  @Exclude() passwordHash!: string;
}
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await AppDataSource.getRepository(User).findOneBy({ id: req.params.id });
  res.json(instanceToPlain(user));
});
` },
  {
    name: 'Mongoose select: false and a schema.set toJSON transform',
    code: `import express from 'express';
import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({
  email: String,
  passwordHash: { type: String, select: false },
  resetToken: String,
});
userSchema.set('toJSON', { transform(doc, ret) { delete ret.resetToken; delete ret.__v; return ret; } });
const User = mongoose.model('User', userSchema);
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  res.json({ user });
});
` },
  {
    name: 'Mongoose toJSON transform in the schema options',
    code: `import express from 'express';
import { Schema, model } from 'mongoose';
const User = model('User', new Schema({ email: String, password: String }, {
  versionKey: false,
  toJSON: { transform: (doc, ret) => { delete ret.password; return ret; } },
}));
const app = express();
app.get('/users', async (req, res) => res.json(await User.find()));
` },
  ],
  invalid: [
    {
      name: 'Lambda proxy response whose body is the stringified record',
      filename: 'src/users.ts',
      code: `import { User } from './models/user';
export const handler = async (event) => {
  const user = await User.findById(event.pathParameters.id);
  return { statusCode: 200, body: JSON.stringify(user) };
};
`,
      errors: [{ messageId: 'wholeObject', line: 4, data: { object: '\`user\`', origin: 'line 3, from \`User.findById\`', sink: 'the returned \`body\`', exposed: 'every stored field' } }],
    },
    {
      name: 'Lambda proxy response built by a same-file helper from its parameter',
      filename: 'src/accounts.ts',
      code: `import { Account } from './models/account';
const json = (statusCode: number, data: unknown) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
function notFound() { return { statusCode: 404, body: '' }; }
export const handler = async (event) => {
  const account = await Account.findById(event.pathParameters.id);
  if (!account) return notFound();
  return json(200, account);
};
`,
      errors: [{ messageId: 'wholeObject', line: 7, column: 20, data: { object: '\`account\`', origin: 'line 5, from \`Account.findById\`', sink: 'the returned \`body\` (built by \`json\`)', exposed: 'every stored field' } }],
    },
    {
      name: 'repository generic names the entity, no serializer',
      code: `import { Controller, Get, Param } from '@nestjs/common';
import { Repository } from 'typeorm';
import { User } from './user.entity';
@Controller('users')
export class UsersController {
  constructor(private readonly repo: Repository<User>) {}
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.repo.findOneByOrFail({ id });
  }
}
`,
      errors: [{ messageId: 'wholeObject', line: 9, column: 12, endColumn: 45, data: { object: '`this.repo.findOneByOrFail({ id })`', origin: 'line 9, from `this.repo.findOneByOrFail`', sink: 'the controller method\'s return value', exposed: 'every stored field' }, suggestions: [] }],
    },
    {
      // The entity's name (an account) is what makes the record sensitive: the getter's own name says nothing.
      name: 'a repository read through a getter names its entity',
      code: `import { Controller, Get, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Account } from './account.entity';
@Controller('billing')
export class BillingController {
  constructor(private readonly dataSource: DataSource) {}
  private get repo() {
    return this.dataSource.getRepository(Account);
  }
  @Get(':id')
  show(@Param('id') id: string) {
    return this.repo.findOneBy({ id });
  }
}
`,
      errors: [{ messageId: 'wholeObject', line: 12, column: 12, endColumn: 39, data: { object: '`this.repo.findOneBy({ id })`', origin: 'line 12, from `this.repo.findOneBy`', sink: 'the controller method\'s return value', exposed: 'every stored field' }, suggestions: [] }],
    },
    {
      name: 'ClassSerializerInterceptor, but a sensitive field is not @Exclude()d',
      code: `import { ClassSerializerInterceptor, Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Exclude } from 'class-transformer';
import { Repository } from 'typeorm';
export class User {
  email: string;
  @Exclude() passwordHash: string;
  resetToken: string;
}
@Controller('users')
@UseInterceptors(ClassSerializerInterceptor)
export class UsersController {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.repo.findOneBy({ id });
  }
}
`,
      errors: [{ messageId: 'wholeObject', line: 16, column: 12, endColumn: 39, data: { object: '`this.repo.findOneBy({ id })`', origin: 'line 16, from `this.repo.findOneBy`', sink: 'the controller method\'s return value', exposed: 'every stored field' }, suggestions: [] }],
    },
    {
      name: '@Exclude() entity without a serializer',
      code: `import express from 'express';
import { Exclude } from 'class-transformer';
import { AppDataSource } from './data-source';
class User {
  @Exclude() passwordHash!: string;
}
const app = express();
app.get('/users/:id', async (req, res) => res.json(await AppDataSource.getRepository(User).findOneBy({ id: req.params.id })));
`,
      errors: [{ messageId: 'wholeObject', line: 8, column: 52, endColumn: 124, data: { object: '`await AppDataSource.getRepository(Use...`', origin: 'line 8, from `AppDataSource.getRepository.findOneBy`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] }],
    },
    {
      name: 'Mongoose toJSON transform does not run on lean() reads; select(+path) re-adds a hidden path',
      code: `import express from 'express';
import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({ email: String, passwordHash: { type: String, select: false }, resetToken: String });
userSchema.set('toJSON', { transform(doc, ret) { delete ret.resetToken; } });
const User = mongoose.model('User', userSchema);
const app = express();
app.get('/a', async (req, res) => res.json(await User.findById(req.params.id).lean()));
app.get('/b', async (req, res) => res.json(await User.findById(req.params.id).select('+passwordHash')));
app.get('/c', async (req, res) => res.json(await User.findById(req.params.id)));
`,
      errors: [
        { messageId: 'wholeObject', line: 7, column: 44, endColumn: 85, data: { object: '`await User.findById(req.params.id).le...`', origin: 'line 7, from `User.findById`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
        { messageId: 'wholeObject', line: 8, column: 44, endColumn: 102, data: { object: '`await User.findById(req.params.id).se...`', origin: 'line 8, from `User.findById`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'Fastify response schema for errors only',
      code: `import Fastify from 'fastify';
import { User } from './models';
const app = Fastify();
app.get('/u/:id', { schema: { response: { 400: { type: 'object' } } } }, async (request, reply) => {
  const user = await User.findById(request.params.id);
  return user;
});`,
      errors: [{ messageId: 'wholeObject', line: 6, column: 10, endColumn: 14, data: { object: '`user`', origin: 'line 5, from `User.findById`', sink: "the handler's return value", exposed: 'every stored field' }, suggestions: [] }],
    },
    {
      name: 'Prisma update returns the whole record',
      code: `import express from 'express';
import { prisma } from './db';
const app = express();
app.patch('/users/:id', async (req, res) => res.json(await prisma.user.update({ where: { id: req.params.id }, data: { name: String(req.body.name) } })));
`,
      errors: [
        { messageId: 'wholeObject', line: 4, column: 54, endColumn: 151, data: { object: '`await prisma.user.update({ where: { i...`', origin: 'line 4, from `prisma.user.update`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'req.user sent whole',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/me', (req, res) => res.json(req.user));
`,
      errors: [
        { messageId: 'wholeObject', line: 4, column: 39, endColumn: 47, data: { object: '`req.user`', origin: 'the authenticated user', sink: '`res.json`', exposed: 'every stored field of the user' }, suggestions: [] },
      ],
    },
    {
      name: 'Mongoose findById, status chain, wrapped in an object',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  if (!user) return res.status(404).json({ error: 'not found' });
  res.status(200).json({ user });
});
`,
      errors: [
        { messageId: 'wholeObject', line: 7, column: 26, endColumn: 30, data: { object: '`user`', origin: 'line 5, from `User.findById`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'lean().exec() chain and identity map',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users', async (req, res) => {
  const users = await User.find({ active: true }).lean().exec();
  res.json({ data: users.map((u) => u) });
});
`,
      errors: [
        { messageId: 'wholeObject', line: 6, column: 20, endColumn: 39, data: { object: '`users.map((u) => u)`', origin: 'line 5, from `User.find`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'alias and spread with a token',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.post('/signup', async (req, res) => {
  const created = await User.create({ email: req.body.email, password: req.body.password });
  const account = created;
  res.status(201).json({ ...account, token: sign(account.id) });
});
`,
      errors: [
        { messageId: 'wholeObject', line: 7, column: 29, endColumn: 36, data: { object: '`account`', origin: 'line 5, from `User.create`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: '.then callback',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/:id', (req, res) => {
  User.findOne({ _id: req.params.id }).then((found) => res.send(found));
});
`,
      errors: [
        { messageId: 'wholeObject', line: 5, column: 65, endColumn: 70, data: { object: '`found`', origin: 'line 5, from `User.findOne`', sink: '`res.send`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'Prisma findMany in an array',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.get('/members', async (req, res) => {
  const members = await prisma.member.findMany({ where: { teamId: req.params.id } });
  res.json([members]);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 13, endColumn: 20, data: { object: '`members`', origin: 'line 7, from `prisma.member.findMany`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'TypeORM repository findOneBy',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
import { AppDataSource } from './data-source';
import { Account } from './entity/account';
app.get('/accounts/:id', async (req, res) => {
  const repository = AppDataSource.getRepository(Account);
  const result = await repository.findOneBy({ id: Number(req.params.id) });
  res.json(result);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 9, column: 12, endColumn: 18, data: { object: '`result`', origin: 'line 8, from `repository.findOneBy`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'Sequelize findAll in a for-of loop',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/customers', async (req, res) => {
  const out = [];
  for (const customer of await Customer.findAll()) out.push(customer);
  const customers = await Customer.findAll();
  res.jsonp(customers);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 13, endColumn: 22, data: { object: '`customers`', origin: 'line 7, from `Customer.findAll`', sink: '`res.jsonp`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'pg rows destructured and indexed',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
import { Pool } from 'pg';
const pool = new Pool();
app.get('/users/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 12, endColumn: 19, data: { object: '`rows[0]`', origin: 'line 7, from `pool.query`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'SQL column list with a password hash',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
import { Pool } from 'pg';
const pool = new Pool();
app.get('/login', async (req, res) => {
  const result = await pool.query('SELECT id, email, password_hash FROM accounts WHERE email = $1', [req.query.email]);
  res.json(result.rows);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 12, endColumn: 23, data: { object: '`result.rows`', origin: 'line 7, from `pool.query`', sink: '`res.json`', exposed: '`password_hash`' }, suggestions: [] },
      ],
    },
    {
      name: 'mysql2 array destructuring',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
import mysql from 'mysql2/promise';
const db = await mysql.createConnection({});
app.get('/sessions', async (req, res) => {
  const [rows] = await db.execute(\`SELECT * FROM sessions WHERE user_id = \${'\${'}req.params.id}\`);
  res.send(rows);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 12, endColumn: 16, data: { object: '`rows`', origin: 'line 7, from `db.execute`', sink: '`res.send`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'Knex first()',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
import knex from 'knex';
const db = knex({ client: 'pg' });
app.get('/users/:id', async (req, res) => {
  const user = await db('users').where({ id: req.params.id }).first();
  res.json(user);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 12, endColumn: 16, data: { object: '`user`', origin: 'line 7, from `db(\'users\')`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'res.end(JSON.stringify(...)) in a (req, res) controller',
      code: `import { User } from './models';
export async function getProfile(req, res) {
  const profile = await User.findById(req.params.id);
  res.end(JSON.stringify(profile));
}
`,
      errors: [
        { messageId: 'wholeObject', line: 4, column: 26, endColumn: 33, data: { object: '`profile`', origin: 'line 3, from `User.findById`', sink: '`res.end`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'session user',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/me', (req, res) => {
  res.send({ me: req.session.user });
});
`,
      errors: [
        { messageId: 'wholeObject', line: 5, column: 18, endColumn: 34, data: { object: '`req.session.user`', origin: 'the authenticated user', sink: '`res.send`', exposed: 'every stored field of the user' }, suggestions: [] },
      ],
    },
    {
      name: 'destructured request parameter',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/me', ({ user }, res) => {
  res.json(user);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 5, column: 12, endColumn: 16, data: { object: '`user`', origin: 'the authenticated user', sink: '`res.json`', exposed: 'every stored field of the user' }, suggestions: [] },
      ],
    },
    {
      name: 'select(\'+password\') adds the hidden field',
      code: `import express from 'express';
import { User, Product } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id).select('+password');
  res.json(user);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 6, column: 12, endColumn: 16, data: { object: '`user`', origin: 'line 5, from `User.findById`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'NestJS controller return values',
      code: `import { Controller, Get, Param, Req } from '@nestjs/common';
@Controller('users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.usersService.findOne(id);
  }
  @Get('me')
  me(@CurrentUser() user: User) {
    return user;
  }
  @Get('me/raw')
  raw(@Req() req: Request) {
    return { profile: req.user };
  }
}
`,
      errors: [
        { messageId: 'wholeObject', line: 7, column: 12, endColumn: 41, data: { object: '`this.usersService.findOne(id)`', origin: 'line 7, from `this.usersService.findOne`', sink: 'the controller method\'s return value', exposed: 'every stored field' }, suggestions: [] },
        { messageId: 'wholeObject', line: 11, column: 12, endColumn: 16, data: { object: '`user`', origin: 'the authenticated user, from `@CurrentUser()`', sink: 'the controller method\'s return value', exposed: 'every stored field of the user' }, suggestions: [] },
        { messageId: 'wholeObject', line: 15, column: 23, endColumn: 31, data: { object: '`req.user`', origin: 'the authenticated user', sink: 'the controller method\'s return value', exposed: 'every stored field of the user' }, suggestions: [] },
      ],
    },
    {
      name: 'Fastify reply.send and return value',
      code: `import Fastify from 'fastify';
import { User } from './models';
const app = Fastify();
app.get('/users/:id', async (request, reply) => {
  const user = await User.findById(request.params.id);
  return reply.code(200).send(user);
});
app.get('/me', async (request) => {
  return request.user;
});
`,
      errors: [
        { messageId: 'wholeObject', line: 6, column: 31, endColumn: 35, data: { object: '`user`', origin: 'line 5, from `User.findById`', sink: '`reply.send`', exposed: 'every stored field' }, suggestions: [] },
        { messageId: 'wholeObject', line: 9, column: 10, endColumn: 22, data: { object: '`request.user`', origin: 'the authenticated user', sink: 'the handler\'s return value', exposed: 'every stored field of the user' }, suggestions: [] },
      ],
    },
    {
      name: 'Koa ctx.body',
      code: `import Koa from 'koa';
import Router from '@koa/router';
import { User } from './models';
const router = new Router();
router.get('/users/:id', async (ctx) => {
  const user = await User.findByPk(ctx.params.id);
  ctx.body = { user };
});
router.get('/me', async (ctx) => {
  ctx.body = ctx.state.user;
});
`,
      errors: [
        { messageId: 'wholeObject', line: 7, column: 16, endColumn: 20, data: { object: '`user`', origin: 'line 6, from `User.findByPk`', sink: '`ctx.body`', exposed: 'every stored field' }, suggestions: [] },
        { messageId: 'wholeObject', line: 10, column: 14, endColumn: 28, data: { object: '`ctx.state.user`', origin: 'the authenticated user', sink: '`ctx.body`', exposed: 'every stored field of the user' }, suggestions: [] },
      ],
    },
    {
      name: 'Hapi return and h.response',
      code: `import Hapi from '@hapi/hapi';
import { Account } from './models';
const server = Hapi.server();
server.route({
  method: 'GET',
  path: '/accounts/{id}',
  handler: async (request, h) => {
    const account = await Account.findOne({ where: { id: request.params.id } });
    return h.response(account).code(200);
  },
});
server.route({ method: 'GET', path: '/accounts', handler: async () => Account.findAll() });
`,
      errors: [
        { messageId: 'wholeObject', line: 9, column: 23, endColumn: 30, data: { object: '`account`', origin: 'line 8, from `Account.findOne`', sink: '`h.response`', exposed: 'every stored field' }, suggestions: [] },
        { messageId: 'wholeObject', line: 12, column: 71, endColumn: 88, data: { object: '`Account.findAll()`', origin: 'line 12, from `Account.findAll`', sink: 'the handler\'s return value', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'Hono c.json',
      code: `import { Hono } from 'hono';
import { db } from './db';
const app = new Hono();
app.get('/users/:id', async (c) => {
  const user = await db.user.findUnique({ where: { id: c.req.param('id') } });
  return c.json(user);
});
`,
      errors: [
        { messageId: 'wholeObject', line: 6, column: 17, endColumn: 21, data: { object: '`user`', origin: 'line 5, from `db.user.findUnique`', sink: '`c.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
    {
      name: 'Next.js route handler',
      code: `import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';
export async function GET(request: Request) {
  const users = await prisma.user.findMany();
  return NextResponse.json({ users });
}
export async function POST(request: Request) {
  const account = await prisma.account.create({ data: { name: 'x' } });
  return new Response(JSON.stringify(account), { status: 201 });
}
`, filename: 'app/api/users/route.ts',
      errors: [
        { messageId: 'wholeObject', line: 5, column: 30, endColumn: 35, data: { object: '`users`', origin: 'line 4, from `prisma.user.findMany`', sink: '`NextResponse.json`', exposed: 'every stored field' }, suggestions: [] },
        { messageId: 'wholeObject', line: 9, column: 38, endColumn: 45, data: { object: '`account`', origin: 'line 8, from `prisma.account.create`', sink: '`new Response`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
  ],
});

typedRuleTester.run('no-whole-object-response (type-aware)', rule, {
  valid: [
    { name: 'entity without sensitive fields', code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/p', async (req, res) => {
  res.json(await ds.getRepository(Product).find());
});
`, filename: typedFile },
    { name: '@Exclude() field and toJSON', code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/o', async (req, res) => {
  const operators = await ds.getRepository(Operator).find();
  res.json({ operators, member: new Member() });
});
`, filename: typedFile },
    { name: 'Prisma select narrows the type', code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/p', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: '1' }, select: { id: true, email: true } });
  res.json(user);
});
`, filename: typedFile },
    { name: 'rest destructuring removes the field from the type', code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/a', async (req, res) => {
  const account = await ds.getRepository(Account).findOneByOrFail({ id: 1 });
  const { passwordHash, ...rest } = account;
  res.json(rest);
});
`, filename: typedFile },
    { name: 'a user-named variable of a clean type', code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/users', async (req, res) => {
  const users = await ds.getRepository(Product).find();
  res.json({ users });
});
`, filename: typedFile },
  ],
  invalid: [
    {
      name: 'TypeORM entity with passwordHash',
      code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/a/:id', async (req, res) => {
  const account = await ds.getRepository(Account).findOneBy({ id: Number(req.params.id) });
  if (!account) return res.sendStatus(404);
  res.json(account);
});
`, filename: typedFile,
      errors: [
        { messageId: 'wholeObject', line: 9, column: 12, endColumn: 19, data: { object: '`account`', origin: 'line 7, from `ds.getRepository.findOneBy`', sink: '`res.json`', exposed: '`passwordHash`' }, suggestions: [{ messageId: 'pickFields', data: { fields: '`id`, `email`, `displayName`, `role`' }, output: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/a/:id', async (req, res) => {
  const account = await ds.getRepository(Account).findOneBy({ id: Number(req.params.id) });
  if (!account) return res.sendStatus(404);
  res.json({ id: account.id, email: account.email, displayName: account.displayName, role: account.role });
});
` }] },
      ],
    },
    {
      name: 'Mongoose lean document, nullable',
      code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/u/:id', async (req, res) => {
  const user = await UserModel.findById(req.params.id).lean();
  res.json({ user });
});
`, filename: typedFile,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 14, endColumn: 18, data: { object: '`user`', origin: 'line 7, from `UserModel.findById`', sink: '`res.json`', exposed: '`password`' }, suggestions: [{ messageId: 'pickFields', data: { fields: '`name`, `email`, `isAdmin`' }, output: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/u/:id', async (req, res) => {
  const user = await UserModel.findById(req.params.id).lean();
  res.json({ user: { name: user?.name, email: user?.email, isAdmin: user?.isAdmin } });
});
` }] },
      ],
    },
    {
      name: 'Sequelize list',
      code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/c', async (req, res) => {
  const customers = await Customer.findAll();
  res.json(customers);
});
`, filename: typedFile,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 12, endColumn: 21, data: { object: '`customers`', origin: 'line 7, from `Customer.findAll`', sink: '`res.json`', exposed: '`apiKey`' }, suggestions: [{ messageId: 'pickFields', data: { fields: '`id`, `name`, `verified`' }, output: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/c', async (req, res) => {
  const customers = await Customer.findAll();
  res.json(customers.map((customer) => ({ id: customer.id, name: customer.name, verified: customer.verified })));
});
` }] },
      ],
    },
    {
      name: 'Prisma-shaped create spread with a token',
      code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/p', async (req, res) => {
  const created = await prisma.user.create({ data: { email: 'a@b.c', password: 'x' } });
  res.json({ ...created, token: 'abc' });
});
`, filename: typedFile,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 17, endColumn: 24, data: { object: '`created`', origin: 'line 7, from `prisma.user.create`', sink: '`res.json`', exposed: '`password`' }, suggestions: [{ messageId: 'pickFields', data: { fields: '`id`, `email`, `name`, `role`' }, output: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/p', async (req, res) => {
  const created = await prisma.user.create({ data: { email: 'a@b.c', password: 'x' } });
  res.json({ id: created.id, email: created.email, name: created.name, role: created.role, token: 'abc' });
});
` }] },
      ],
    },
    {
      name: 'type names a secret although the model name does not',
      code: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/stats', async (req, res) => {
  const stats = await ds.getRepository(Account).find();
  res.json(stats);
});
`, filename: typedFile,
      errors: [
        { messageId: 'wholeObject', line: 8, column: 12, endColumn: 17, data: { object: '`stats`', origin: 'line 7, from `ds.getRepository.find`', sink: '`res.json`', exposed: '`passwordHash`' }, suggestions: [{ messageId: 'pickFields', data: { fields: '`id`, `email`, `displayName`, `role`' }, output: `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/stats', async (req, res) => {
  const stats = await ds.getRepository(Account).find();
  res.json(stats.map((stat) => ({ id: stat.id, email: stat.email, displayName: stat.displayName, role: stat.role })));
});
` }] },
      ],
    },
  ],
});

const typedSources: [string, string][] = [
  ['TypeORM entity with passwordHash', `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/a/:id', async (req, res) => {
  const account = await ds.getRepository(Account).findOneBy({ id: Number(req.params.id) });
  if (!account) return res.sendStatus(404);
  res.json(account);
});
`],
  ['Mongoose lean document, nullable', `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/u/:id', async (req, res) => {
  const user = await UserModel.findById(req.params.id).lean();
  res.json({ user });
});
`],
  ['Sequelize list', `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/c', async (req, res) => {
  const customers = await Customer.findAll();
  res.json(customers);
});
`],
  ['Prisma-shaped create spread with a token', `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.post('/p', async (req, res) => {
  const created = await prisma.user.create({ data: { email: 'a@b.c', password: 'x' } });
  res.json({ ...created, token: 'abc' });
});
`],
  ['type names a secret although the model name does not', `import express from 'express';
import { DataSource } from 'typeorm';
import { Account, Operator, Product, Member, UserModel, Customer, prisma } from './entities';
const ds = new DataSource({ type: 'postgres' });
const app = express();
app.get('/stats', async (req, res) => {
  const stats = await ds.getRepository(Account).find();
  res.json(stats);
});
`],
];

describe('no-whole-object-response suggestions type-check', () => {
  it('the fixture compiles as written', () => {
    expect(typeErrors(`import { prisma } from './entities';\nexport const p = prisma;\n`)).toEqual([]);
    expect(typeErrors(`import { prisma } from './entities';\nexport const p: number = prisma;\n`)).not.toEqual([]);
  });
  it.each(typedSources)('%s', (_name, code) => {
    const outputs = suggestionOutputs(rule as never, code);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(typeErrors(output)).toEqual([]);
  });
});

describe('exposure settings', () => {
  it('extends the default vocabularies', () => {
    const settings = validateExposureSettings({ sensitiveFields: ['pinHash'], sensitiveModels: ['operator'], protectedFields: ['tier'] });
    expect(settings.sensitiveFields).toContain('pinHash');
    expect(settings.sensitiveFields).toContain('passwordHash');
    expect(settings.sensitiveModels).toContain('operator');
    expect(settings.protectedFields).toContain('tier');
  });
  it('names a wrong value', () => {
    expect(() => validateExposureSettings({ sensitiveFields: 'password' })).toThrow(/sensitiveFields must be an array of non-empty strings/u);
    expect(() => validateExposureSettings({ sensitiveModels: [''] })).toThrow(/sensitiveModels/u);
  });
});

// The destructuring suggestion names only fields the record's declaration in view has, sorted, and
// turns ORM documents into plain objects first (behaviour: tests/suggestions/whole-object-response.test.ts).
ruleTester.run('no-whole-object-response: field removal from declared records', rule, {
  valid: [],
  invalid: [
    {
      name: 'Mongoose document: toJSON() first, only the schema\'s secrets',
      code: `import express from 'express';
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ email: String, resetToken: String, passwordHash: String }));
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  res.json({ user });
});
`,
      errors: [{ messageId: 'wholeObject', line: 7, column: 14, endColumn: 18, suggestions: [{ messageId: 'omitFields', data: { fields: '`passwordHash`, `resetToken`' }, output: `import express from 'express';
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ email: String, resetToken: String, passwordHash: String }));
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  const { passwordHash, resetToken, ...safeUser } = user.toJSON();
  res.json({ user: safeUser });
});
` }] }],
    },
    {
      name: 'a class entity in view: a plain object, its own field names',
      code: `import express from 'express';
import { BaseEntity, Entity, Column } from 'typeorm';
@Entity() class Account extends BaseEntity { @Column() email: string; @Column() hashedPassword: string; }
const app = express();
app.get('/a/:id', async (req, res) => {
  const account = await Account.findOneBy({ id: req.params.id });
  res.json(account);
});
`,
      errors: [{ messageId: 'wholeObject', line: 7, column: 12, endColumn: 19, suggestions: [{ messageId: 'omitFields', data: { fields: '`hashedPassword`' }, output: `import express from 'express';
import { BaseEntity, Entity, Column } from 'typeorm';
@Entity() class Account extends BaseEntity { @Column() email: string; @Column() hashedPassword: string; }
const app = express();
app.get('/a/:id', async (req, res) => {
  const account = await Account.findOneBy({ id: req.params.id });
  const { hashedPassword, ...safeAccount } = account;
  res.json(safeAccount);
});
` }] }],
    },
    {
      name: 'a declared model without a sensitive field: nothing to remove',
      code: `import express from 'express';
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ email: String }));
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  res.json(user);
});
`,
      errors: [{ messageId: 'wholeObject', line: 7, suggestions: [] }],
    },
  ],
});
