import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';
import { routeHandlerSource } from '../suggestions/helpers.js';

/*
 * Exposure and mass assignment across files: a handler sends what a service (or the repository
 * behind it) returns, or passes the body to a service that writes it. Projects on disk, linted
 * with real ESLint one file at a time, as the editor does; the finding is at the handler (where
 * the fix goes) and names the service method and the ORM call with file and line.
 */

const RULES: Linter.RulesRecord = {
  'api-security/no-whole-object-response': 'error',
  'api-security/no-mass-assignment': 'error',
};

/** Lints one file of a project (TypeScript or JavaScript) with the exposure rules. */
const lint = (dir: string, file: string): Promise<Linter.LintMessage[]> => lintProjectFile(dir, file, RULES);

/** Each message as `line:column rule: message`. */
function summary(messages: readonly Linter.LintMessage[]): string[] {
  return messages.map((message) => `${message.line}:${message.column} ${message.ruleId?.replace('api-security/', '') ?? ''}: ${message.message}`);
}

const MONGOOSE_MODEL = `import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({
  email: String,
  name: String,
  passwordHash: String,
  role: { type: String, default: 'user' },
  isAdmin: { type: Boolean, default: false },
});
export const User = mongoose.model('User', userSchema);
`;


/** Rewrites a project file with a later mtime, so the next lint reads the new version. */
function edit(dir: string, file: string, text: string): void {
  const full = path.join(dir, file);
  writeFileSync(full, text);
  const later = new Date(Date.now() + 10_000);
  utimesSync(full, later, later);
}

/** The source with the first suggestion of the first message of `rule` applied. */
function applyFirstSuggestion(text: string, messages: readonly Linter.LintMessage[], rule: string): { desc: string; output: string } {
  const message = messages.find((candidate) => candidate.ruleId === `api-security/${rule}`);
  const suggestion = message?.suggestions?.[0];
  if (!suggestion) throw new Error(`no suggestion of ${rule}`);
  const { range, text: replacement } = suggestion.fix;
  return { desc: suggestion.desc, output: text.slice(0, range[0]) + replacement + text.slice(range[1]) };
}

// ------------------------------------------------------------------ Express + Mongoose

const USERS_SERVICE = `import { User } from '../models/user.js';

export async function findUser(id: string) {
  const user = await User.findById(id);
  if (!user) throw new Error('not found');
  return user;
}

export async function createUser(data: Record<string, unknown>) {
  return User.create(data);
}
`;

const USERS_ROUTE = `import express from 'express';
import { createUser, findUser } from '../services/users.js';

export const app = express.Router();
app.get('/users/:id', async (req, res) => {
  const user = await findUser(req.params.id);
  res.json(user);
});
app.post('/users', async (req, res) => {
  const user = await createUser(req.body);
  res.status(201).json({ id: user.id });
});
`;

describe('Express + Mongoose: model, service and route in three files', () => {
  it('reports the record the service returns and the body it creates, at the route, naming the service and the ORM call', async () => {
    const dir = writeProject({ 'src/models/user.ts': MONGOOSE_MODEL, 'src/services/users.ts': USERS_SERVICE, 'src/routes/users.ts': USERS_ROUTE });
    expect(summary(await lint(dir, 'src/routes/users.ts'))).toEqual([
      '7:12 no-whole-object-response: `user` (returned by `findUser` (src/services/users.ts:3), from `User.findById` at src/services/users.ts:4) is serialized whole by `res.json`, exposing every stored field. Send an explicit object or DTO with the fields the client needs, or project the query.',
      '10:33 no-mass-assignment: `req.body` is written whole by `User.create` at src/services/users.ts:10, through `createUser` (src/services/users.ts:9): the client can set any field, including `role`, `isAdmin`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
    ]);
    // Each finding is reported where the fix goes: the service file itself is clean.
    expect(await lint(dir, 'src/services/users.ts')).toEqual([]);
  });

  it('the pick suggestion names the fields of the schema in the model file, never a protected one, and the write keeps them out', async () => {
    const dir = writeProject({ 'src/models/user.ts': MONGOOSE_MODEL, 'src/services/users.ts': USERS_SERVICE, 'src/routes/users.ts': USERS_ROUTE });
    const source = readFileSync(path.join(dir, 'src/routes/users.ts'), 'utf8');
    const messages = await lint(dir, 'src/routes/users.ts');
    const { desc, output } = applyFirstSuggestion(source, messages, 'no-mass-assignment');
    expect(desc).toBe('Write only `email`, `name`.');
    const argument = /createUser\((.*)\);/u.exec(output)?.[1];
    expect(argument).toBe('{ email: req.body.email, name: req.body.name }');
    // The written document, built by the real model from the argument before and after the fix.
    const Model = mongoose.models['CrossFileUser'] ?? mongoose.model('CrossFileUser', new mongoose.Schema({ email: String, name: String, passwordHash: String, role: { type: String, default: 'user' }, isAdmin: { type: Boolean, default: false } }));
    const req = { body: { email: 'eve@example.com', name: 'Eve', role: 'admin', isAdmin: true, passwordHash: 'x' } };
    const written = (expression: string): Record<string, unknown> => new Model(new Function('req', `return (${expression});`)(req)).toJSON() as Record<string, unknown>;
    expect(written('req.body')).toMatchObject({ role: 'admin', isAdmin: true });
    expect(written(argument!)).toMatchObject({ email: 'eve@example.com', name: 'Eve', role: 'user', isAdmin: false });
    expect(written(argument!)).not.toHaveProperty('passwordHash');
  });

  it('the destructuring suggestion removes the secrets the schema in the model file declares from what is sent', async () => {
    const dir = writeProject({ 'src/models/user.ts': MONGOOSE_MODEL, 'src/services/users.ts': USERS_SERVICE, 'src/routes/users.ts': USERS_ROUTE });
    const source = readFileSync(path.join(dir, 'src/routes/users.ts'), 'utf8');
    const { desc, output } = applyFirstSuggestion(source, await lint(dir, 'src/routes/users.ts'), 'no-whole-object-response');
    expect(desc).toBe('Destructure `passwordHash` out before sending.');
    const Model = mongoose.models['CrossFileMember'] ?? mongoose.model('CrossFileMember', new mongoose.Schema({ email: String, name: String, passwordHash: String, role: String }));
    const doc = new Model({ email: 'alice@example.com', name: 'Alice', passwordHash: '$2b$10$abc', role: 'user' });
    const send = async (handler: string): Promise<Record<string, unknown>> => {
      let body: unknown;
      const res = { json: (value: unknown) => (body = value) };
      const fn = new Function('findUser', `return (${handler});`)(() => Promise.resolve(doc)) as (req: unknown, res: unknown) => Promise<void>;
      await fn({ params: { id: '1' } }, res);
      return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
    };
    expect(await send(routeHandlerSource(source))).toHaveProperty('passwordHash');
    const after = await send(routeHandlerSource(output));
    expect(after).not.toHaveProperty('passwordHash');
    expect(after).toMatchObject({ email: 'alice@example.com', name: 'Alice', role: 'user' });
  });

  it.each([
    ['the service projects the query', 'const user = await User.findById(id);', "const user = await User.findById(id).select('-passwordHash');", USERS_ROUTE],
    ['the service reads a lean record and picks fields', 'const user = await User.findById(id);', "const found = await User.findById(id).lean();\n  const user = found && { id: found._id, email: found.email, name: found.name };", USERS_ROUTE],
    ['the service creates from picked fields', 'return User.create(data);', 'return User.create({ email: data.email, name: data.name });', USERS_ROUTE.replace('res.json(user)', 'res.json({ id: user.id })')],
    ['the route sends chosen fields and picks the body before the call', '', '', USERS_ROUTE.replace('res.json(user)', 'res.json({ id: user.id, email: user.email })').replace('createUser(req.body)', 'createUser({ email: req.body.email, name: req.body.name })')],
  ])('safe: %s', async (_name, before, after, route) => {
    const dir = writeProject({ 'src/models/user.ts': MONGOOSE_MODEL, 'src/services/users.ts': USERS_SERVICE.replace(before, after), 'src/routes/users.ts': route });
    const messages = await lint(dir, 'src/routes/users.ts');
    const rule = route === USERS_ROUTE ? 'no-whole-object-response' : 'no-mass-assignment';
    expect(summary(messages).filter((line) => line.includes(rule))).toEqual([]);
  });

  it('safe: the schema in the model file hides the secret from JSON (select: false)', async () => {
    const model = MONGOOSE_MODEL.replace('passwordHash: String,', 'passwordHash: { type: String, select: false },');
    const dir = writeProject({ 'src/models/user.ts': model, 'src/services/users.ts': USERS_SERVICE, 'src/routes/users.ts': USERS_ROUTE });
    expect(summary(await lint(dir, 'src/routes/users.ts')).filter((line) => line.includes('no-whole-object-response'))).toEqual([]);
  });

  it('sees an edit of the service in the same process (the projection added, then removed)', async () => {
    const projected = USERS_SERVICE.replace('User.findById(id);', "User.findById(id).select('email name');");
    const dir = writeProject({ 'src/models/user.ts': MONGOOSE_MODEL, 'src/services/users.ts': projected, 'src/routes/users.ts': USERS_ROUTE });
    const responses = async (): Promise<number> => (await lint(dir, 'src/routes/users.ts')).filter((message) => message.ruleId === 'api-security/no-whole-object-response').length;
    expect(await responses()).toBe(0);
    edit(dir, 'src/services/users.ts', USERS_SERVICE);
    expect(await responses()).toBe(1);
    edit(dir, 'src/services/users.ts', projected);
    expect(await responses()).toBe(0);
  });
});

// ------------------------------------------------------------------ NestJS + TypeORM

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() name: string;
  @Column() passwordHash: string;
  @Column({ default: 'user' }) role: string;
}
`;

const REPOSITORY = `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  findById(id: number) {
    return this.repo.findOne({ where: { id } });
  }

  insert(data: Partial<User>) {
    return this.repo.save(data);
  }
}
`;

const SERVICE = `import { Injectable, NotFoundException } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async findOne(id: number) {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException();
    return user;
  }

  create(body: Record<string, unknown>) {
    return this.users.insert(body);
  }
}
`;

const CONTROLLER = `import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.usersService.findOne(Number(id));
  }

  @Post()
  async create(@Body() body: Record<string, unknown>) {
    const created = await this.usersService.create(body);
    return { id: created.id };
  }
}
`;

const nest = (files: Record<string, string> = {}): string =>
  writeProject({
    'src/users/user.entity.ts': ENTITY,
    'src/users/users.repository.ts': REPOSITORY,
    'src/users/users.service.ts': SERVICE,
    'src/users/users.controller.ts': CONTROLLER,
    ...files,
  });

describe('NestJS controller -> service -> TypeORM repository', () => {
  it('follows the record and the body through the service to the repository, two files away', async () => {
    expect(summary(await lint(nest(), 'src/users/users.controller.ts'))).toEqual([
      "10:12 no-whole-object-response: `this.usersService.findOne(Number(id))` (returned by `UsersService.findOne` (src/users/users.service.ts:8), then `UsersRepository.findById` (src/users/users.repository.ts:10), from `this.repo.findOne` at src/users/users.repository.ts:11) is serialized whole by the controller method's return value, exposing every stored field. Send an explicit object or DTO with the fields the client needs, or project the query.",
      '15:52 no-mass-assignment: `@Body() body` is written whole by `this.repo.save` at src/users/users.repository.ts:15, through `UsersService.create` (src/users/users.service.ts:14), then `UsersRepository.insert` (src/users/users.repository.ts:14): the client can set any field, including `role`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
    ]);
  });

  it.each([
    ['the repository selects columns', { 'src/users/users.repository.ts': REPOSITORY.replace('findOne({ where: { id } })', "findOne({ where: { id }, select: ['id', 'email', 'name'] })") }],
    ['the service maps to a DTO', { 'src/users/users.service.ts': SERVICE.replace('return user;', 'return new UserDto(user);').replace("import { UsersRepository } from './users.repository';", "import { UsersRepository } from './users.repository';\nimport { UserDto } from './user.dto';") }],
    ['the controller maps the result', { 'src/users/users.controller.ts': CONTROLLER.replace('return this.usersService.findOne(Number(id));', 'const user = await this.usersService.findOne(Number(id));\n    return { id: user.id, email: user.email };').replace('findOne(@Param', 'async findOne(@Param') }],
    ['the entity excludes the secret and the controller serializes', {
      'src/users/user.entity.ts': ENTITY.replace("import { Column,", "import { Exclude } from 'class-transformer';\nimport { Column,").replace('@Column() passwordHash', '@Exclude() @Column() passwordHash'),
      'src/users/users.controller.ts': CONTROLLER.replace("import { Body, Controller, Get, Param, Post } from '@nestjs/common';", "import { Body, ClassSerializerInterceptor, Controller, Get, Param, Post, UseInterceptors } from '@nestjs/common';").replace("@Controller('users')", "@Controller('users')\n@UseInterceptors(ClassSerializerInterceptor)"),
    }],
  ])('safe response: %s', async (_name, files) => {
    const messages = await lint(nest(files), 'src/users/users.controller.ts');
    expect(summary(messages).filter((line) => line.includes('no-whole-object-response'))).toEqual([]);
  });

  it.each([
    ['a validated DTO', CONTROLLER.replace('@Body() body: Record<string, unknown>', '@Body() body: CreateUserDto')],
    ['a validation pipe with whitelist', CONTROLLER.replace('@Body() body', '@Body(new ValidationPipe({ whitelist: true })) body')],
  ])('safe body: %s', async (_name, controller) => {
    const messages = await lint(nest({ 'src/users/users.controller.ts': controller }), 'src/users/users.controller.ts');
    expect(summary(messages).filter((line) => line.includes('no-mass-assignment'))).toEqual([]);
  });

  it('safe body: the service picks the fields before the repository writes', async () => {
    const service = SERVICE.replace('return this.users.insert(body);', 'return this.users.insert({ email: String(body.email), name: String(body.name) });');
    const messages = await lint(nest({ 'src/users/users.service.ts': service }), 'src/users/users.controller.ts');
    expect(summary(messages).filter((line) => line.includes('no-mass-assignment'))).toEqual([]);
  });

  it('sees an edit of the repository, two files away, while the service is unchanged', async () => {
    const selected = REPOSITORY.replace('findOne({ where: { id } })', "findOne({ where: { id }, select: ['id', 'email'] })");
    const dir = nest({ 'src/users/users.repository.ts': selected });
    const responses = async (): Promise<number> => (await lint(dir, 'src/users/users.controller.ts')).filter((message) => message.ruleId === 'api-security/no-whole-object-response').length;
    expect(await responses()).toBe(0);
    edit(dir, 'src/users/users.repository.ts', REPOSITORY);
    expect(await responses()).toBe(1);
  });
});

// ------------------------------------------------------------------ Prisma

describe('Prisma: a service class returning `prisma.user.findUnique`', () => {
  const db = `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
`;
  const service = `import { prisma } from '../db.js';

export class AccountService {
  async profile(id: string) {
    return prisma.user.findUnique({ where: { id } });
  }
}
`;
  const route = `import express from 'express';
import { AccountService } from '../services/account.js';

const app = express();
const accounts = new AccountService();
app.get('/me/:id', async (req, res) => {
  res.json(await accounts.profile(req.params.id));
});
`;

  it('reports the record returned whole, without a suggestion (the fields are not in view)', async () => {
    const dir = writeProject({ 'src/db.ts': db, 'src/services/account.ts': service, 'src/routes/me.ts': route });
    const messages = await lint(dir, 'src/routes/me.ts');
    expect(summary(messages)).toEqual([
      '7:12 no-whole-object-response: `await accounts.profile(req.params.id)` (returned by `AccountService.profile` (src/services/account.ts:4), from `prisma.user.findUnique` at src/services/account.ts:5) is serialized whole by `res.json`, exposing every stored field. Send an explicit object or DTO with the fields the client needs, or project the query.',
    ]);
    expect(messages[0]?.suggestions ?? []).toEqual([]);
  });

  it('safe: the service selects the fields', async () => {
    const selected = service.replace('{ where: { id } }', '{ where: { id }, select: { id: true, email: true } }');
    const dir = writeProject({ 'src/db.ts': db, 'src/services/account.ts': selected, 'src/routes/me.ts': route });
    expect(await lint(dir, 'src/routes/me.ts')).toEqual([]);
  });
});

// ------------------------------------------------------------------ Sequelize, CommonJS

describe('Sequelize in plain CommonJS: `User.create(body)` in a service called with `req.body`', () => {
  const model = `const { DataTypes } = require('sequelize');
const sequelize = require('../db');
const User = sequelize.define('User', {
  email: DataTypes.STRING,
  name: DataTypes.STRING,
  isAdmin: DataTypes.BOOLEAN,
});
module.exports = User;
`;
  const service = `const User = require('../models/user');

async function register(body) {
  return User.create(body);
}

module.exports = { register };
`;
  const route = `const express = require('express');
const users = require('../services/users');

const router = express.Router();
router.post('/register', async (req, res) => {
  const user = await users.register(req.body);
  res.status(201).json({ id: user.id });
});
module.exports = router;
`;
  const files = (serviceText: string): Record<string, string> => ({ 'src/db.js': 'module.exports = {};\n', 'src/models/user.js': model, 'src/services/users.js': serviceText, 'src/routes/users.js': route });

  it('reports the body at the route, naming the write in the service', async () => {
    const dir = writeProject(files(service), { name: 'app' });
    const messages = await lint(dir, 'src/routes/users.js');
    expect(summary(messages)).toEqual([
      '6:37 no-mass-assignment: `req.body` is written whole by `User.create` at src/services/users.js:4, through `register` (src/services/users.js:3): the client can set any field, including `isAdmin`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
    ]);
    expect(messages[0]?.suggestions?.map((suggestion) => [suggestion.desc, suggestion.fix.text])).toEqual([
      ['Write only `email`, `name`.', '{ email: req.body.email, name: req.body.name }'],
    ]);
  });

  it('safe: the service destructures the fields it stores', async () => {
    const picked = service.replace('return User.create(body);', 'const { email, name } = body;\n  return User.create({ email, name });');
    const dir = writeProject(files(picked), { name: 'app' });
    expect(await lint(dir, 'src/routes/users.js')).toEqual([]);
  });
});

describe('a Lambda response built by a helper of another file', () => {
  const dir = writeProject({
    'src/shared/http.ts': `
export const json = (statusCode: number, data: unknown) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(data),
});
export const text = (statusCode: number, message: string) => ({ statusCode, body: message });
`,
    'src/models/account.ts': 'export const Account = {} as any;\n',
    'src/handlers/accounts.ts': `
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Account } from '../models/account';
import { json, text } from '../shared/http';
export const show = async (event: APIGatewayProxyEventV2) => {
  const account = await Account.findById(event.pathParameters?.id);
  if (!account) return text(404, 'not found');
  return json(200, account);
};
export const summary = async (event: APIGatewayProxyEventV2) => {
  const account = await Account.findById(event.pathParameters?.id);
  return json(200, { id: account.id, plan: account.plan });
};
`,
  });

  it('sends the argument the helper puts in the body: reported at the call, not for chosen fields', async () => {
    expect(summary(await lint(dir, 'src/handlers/accounts.ts'))).toEqual([
      expect.stringMatching(/^8:20 no-whole-object-response: `account` \(line 6, from `Account.findById`\) is serialized whole by the returned `body` \(built by `json`\)/u) as string,
    ]);
  });
});
