import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Layered apps, linted one file at a time as the editor does:
 * - a NestJS controller that extends an abstract base class of another file decorated with
 *   `@UseGuards(...)` (Nest reads class metadata through the prototype chain), judged by the
 *   guard's definition; the base class's `@Roles(...)` is the subclass's role metadata;
 * - an injected `JwtService` whose `verify`/`verifyAsync` throws on a bad token;
 * - koa-compose `compose([requireAuth, requireRole('x')])`, judged as the list it runs;
 * - Sequelize's `fields` option, which bounds what a write sets.
 */

const auth: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const role: Linter.RulesRecord = { 'api-security/require-role-check': 'error' };
const mass: Linter.RulesRecord = { 'api-security/no-mass-assignment': 'error' };

async function lines(dir: string, file: string, rules: Linter.RulesRecord): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? message.message}`);
}

describe('NestJS guards inherited from a base class of another file', () => {
  /** Verifies the session cookie with the injected JwtService; a bad token throws. */
  const sessionGuard = `
import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly tokens: JwtService) {}
  canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest();
    try {
      request.account = this.tokens.verify(request.cookies?.sid);
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}
`;
  /** Named like authentication; decodes the token without verifying it and lets everybody in. */
  const decodingGuard = `
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly tokens: JwtService) {}
  canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest();
    request.account = this.tokens.decode(request.cookies?.sid);
    return true;
  }
}
`;
  const rolesGuard = `
import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context: ExecutionContext) {
    const wanted = this.reflector.get<string[]>('roles', context.getClass()) ?? [];
    const request = context.switchToHttp().getRequest();
    if (wanted.length > 0 && !wanted.includes(request.account?.role)) throw new ForbiddenException();
    return true;
  }
}
`;
  const rolesDecorator = `
import { SetMetadata } from '@nestjs/common';
export const Roles = (...roles: string[]) => SetMetadata('roles', roles);
`;
  const signedInBase = `
import { UseGuards } from '@nestjs/common';
import { SessionGuard } from './session.guard';

@UseGuards(SessionGuard)
export abstract class SignedInController {}
`;
  const staffBase = `
import { UseGuards } from '@nestjs/common';
import { SessionGuard } from './session.guard';
import { RolesGuard } from './roles.guard';
import { Roles } from './roles.decorator';

@Roles('staff')
@UseGuards(SessionGuard, RolesGuard)
export abstract class StaffController {}
`;
  /** A base class with no guard: only dependency-injection metadata. */
  const plainBase = `
import { Injectable } from '@nestjs/common';

@Injectable()
export abstract class BaseController {
  protected page(n?: string) { return Number(n) || 1; }
}
`;
  const shipments = (base: string, module: string): string => `
import { Controller, Get, Param } from '@nestjs/common';
import { ${base} } from '../common/${module}';

@Controller('shipments')
export class ShipmentsController extends ${base} {
  @Get()
  list() { return []; }

  @Get(':id')
  one(@Param('id') id: string) { return { id }; }
}
`;
  const files = (extra: Record<string, string>): Record<string, string> => ({
    'src/common/session.guard.ts': sessionGuard,
    'src/common/roles.guard.ts': rolesGuard,
    'src/common/roles.decorator.ts': rolesDecorator,
    'src/common/signed-in.controller.ts': signedInBase,
    'src/common/staff.controller.ts': staffBase,
    'src/common/base.controller.ts': plainBase,
    ...extra,
  });

  it('a subclass of a guarded base class is authenticated by the base class guard', async () => {
    const dir = writeProject(files({ 'src/shipments/shipments.controller.ts': shipments('SignedInController', 'signed-in.controller') }));
    expect(await lines(dir, 'src/shipments/shipments.controller.ts', auth)).toEqual([]);
  });

  it('stays reported when the base class guard lets everybody in (judged by its definition, not its name)', async () => {
    const dir = writeProject(files({
      'src/common/session.guard.ts': decodingGuard,
      'src/shipments/shipments.controller.ts': shipments('SignedInController', 'signed-in.controller'),
    }));
    expect(await lines(dir, 'src/shipments/shipments.controller.ts', auth)).toEqual(['7 api-security/no-unauthenticated-route', '10 api-security/no-unauthenticated-route']);
  });

  it('stays reported when the base class carries no guard', async () => {
    const dir = writeProject(files({ 'src/shipments/shipments.controller.ts': shipments('BaseController', 'base.controller') }));
    expect(await lines(dir, 'src/shipments/shipments.controller.ts', auth)).toEqual(['7 api-security/no-unauthenticated-route', '10 api-security/no-unauthenticated-route']);
  });

  it('stays reported for a controller of the same project that does not extend the guarded class', async () => {
    const dir = writeProject(files({
      'src/shipments/shipments.controller.ts': shipments('SignedInController', 'signed-in.controller'),
      'src/shipments/tracking.controller.ts': `
import { Controller, Get, Param } from '@nestjs/common';

@Controller('tracking')
export class TrackingController {
  @Get(':code')
  track(@Param('code') code: string) { return { code }; }
}
`,
    }));
    expect(await lines(dir, 'src/shipments/tracking.controller.ts', auth)).toEqual(['6 api-security/no-unauthenticated-route']);
  });

  it('follows a chain of base classes (a base that extends the guarded base)', async () => {
    const dir = writeProject(files({
      'src/common/warehouse.controller.ts': `
import { SignedInController } from './signed-in.controller';
export abstract class WarehouseController extends SignedInController {}
`,
      'src/shipments/shipments.controller.ts': shipments('WarehouseController', 'warehouse.controller'),
    }));
    expect(await lines(dir, 'src/shipments/shipments.controller.ts', auth)).toEqual([]);
  });

  const adminController = (base: string, module: string): string => `
import { Controller, Delete, Param } from '@nestjs/common';
import { ${base} } from '../common/${module}';

@Controller('admin/carriers')
export class CarriersAdminController extends ${base} {
  @Delete(':id')
  remove(@Param('id') id: string) { return { removed: id }; }
}
`;

  it("takes the base class's `@Roles(...)` and roles guard as the subclass's role check", async () => {
    const dir = writeProject(files({ 'src/admin/carriers.controller.ts': adminController('StaffController', 'staff.controller') }));
    expect(await lines(dir, 'src/admin/carriers.controller.ts', role)).toEqual([]);
  });

  it('stays reported under an admin path when the base class only authenticates', async () => {
    const dir = writeProject(files({ 'src/admin/carriers.controller.ts': adminController('SignedInController', 'signed-in.controller') }));
    expect(await lines(dir, 'src/admin/carriers.controller.ts', role)).toEqual(['7 api-security/require-role-check']);
  });
});

describe('koa-compose middleware lists', () => {
  const middleware = (composed: string): string => `
const compose = require('koa-compose');
const jwt = require('jsonwebtoken');

async function requireAuth(ctx, next) {
  const token = (ctx.get('authorization') || '').replace('Bearer ', '');
  try {
    ctx.state.user = jwt.verify(token, process.env.JWT_SECRET);
  } catch {
    ctx.throw(401);
  }
  await next();
}

const requireRole = (wanted) => async (ctx, next) => {
  if (ctx.state.user.role !== wanted) ctx.throw(403);
  await next();
};

async function logRequest(ctx, next) {
  console.log(ctx.method, ctx.path);
  await next();
}

async function timing(ctx, next) {
  const started = Date.now();
  await next();
  ctx.set('x-time', String(Date.now() - started));
}

module.exports = { requireAuth, ${composed} };
`;
  const routes = `
const Router = require('@koa/router');
const { guarded } = require('../middleware');

const router = new Router({ prefix: '/clinic' });
router.post('/admin/rota', guarded, async (ctx) => {
  ctx.body = { saved: true };
});
module.exports = router;
`;
  const app = `
const Koa = require('koa');
const rota = require('./routes/rota');

const app = new Koa();
app.use(rota.routes());
app.listen(3000);
`;

  it('a composed list with an authenticating middleware and a role check authenticates and checks the role', async () => {
    const dir = writeProject({ 'src/middleware/index.js': middleware(`guarded: compose([requireAuth, requireRole('planner')])`), 'src/routes/rota.js': routes, 'src/app.js': app }, { name: 'clinic' });
    expect(await lines(dir, 'src/routes/rota.js', { ...auth, ...role })).toEqual([]);
  });

  it('a list declared as a constant of the file and composed is judged the same', async () => {
    const dir = writeProject({
      'src/middleware/index.js': middleware(`guarded: compose(plannerOnly)`).replace("module.exports", "const plannerOnly = [requireAuth, requireRole('planner')];\nmodule.exports"),
      'src/routes/rota.js': routes,
      'src/app.js': app,
    }, { name: 'clinic' });
    expect(await lines(dir, 'src/routes/rota.js', { ...auth, ...role })).toEqual([]);
  });

  it('stays reported when nothing in the composed list authenticates', async () => {
    const dir = writeProject({ 'src/middleware/index.js': middleware('guarded: compose([logRequest, timing])'), 'src/routes/rota.js': routes, 'src/app.js': app }, { name: 'clinic' });
    expect(await lines(dir, 'src/routes/rota.js', auth)).toEqual(['6 api-security/no-unauthenticated-route']);
  });

  it('stays reported by the role rule when the composed list only authenticates', async () => {
    const dir = writeProject({ 'src/middleware/index.js': middleware('guarded: compose([requireAuth, timing])'), 'src/routes/rota.js': routes, 'src/app.js': app }, { name: 'clinic' });
    expect(await lines(dir, 'src/routes/rota.js', { ...auth, ...role })).toEqual(['6 api-security/require-role-check']);
  });
});

describe("Sequelize's `fields` option bounds a write", () => {
  const repository = (options: string): string => `
class TenantRepository {
  constructor(Tenant) { this.Tenant = Tenant; }
  rename(id, attrs) {
    return this.Tenant.update(attrs, { where: { id }, ${options} });
  }
}
module.exports = TenantRepository;
`;
  const routes = `
const express = require('express');
const { Tenant } = require('../models');
const TenantRepository = require('../repositories/tenantRepository');

const tenants = new TenantRepository(Tenant);
const router = express.Router();
router.patch('/tenants/:id', async (req, res) => {
  await tenants.rename(req.params.id, req.body);
  res.sendStatus(204);
});
module.exports = router;
`;
  const project = (options: string): string =>
    writeProject({ 'src/repositories/tenantRepository.js': repository(options), 'src/routes/tenants.js': routes, 'src/models.js': 'module.exports = { Tenant: {} };\n' }, { name: 'tenants' });

  it('a literal list of harmless columns: silent', async () => {
    expect(await lines(project("fields: ['displayName', 'timezone']"), 'src/routes/tenants.js', mass)).toEqual([]);
  });

  it('stays reported when the list names a protected field', async () => {
    expect(await lines(project("fields: ['displayName', 'plan']"), 'src/routes/tenants.js', mass)).toEqual(['9 api-security/no-mass-assignment']);
  });

  it('stays reported when the list is not written out', async () => {
    expect(await lines(project('fields: Object.keys(attrs)'), 'src/routes/tenants.js', mass)).toEqual(['9 api-security/no-mass-assignment']);
  });

  it('stays reported without the option', async () => {
    expect(await lines(project('limit: 1'), 'src/routes/tenants.js', mass)).toEqual(['9 api-security/no-mass-assignment']);
  });
});

describe('AWS access key ids with any digit', () => {
  const secrets: Linter.RulesRecord = { 'api-security/no-hardcoded-secrets': 'error' };
  // Built from parts so the source of this test holds no key-shaped string.
  const client = (key: string): string => `
import { SQSClient } from '@aws-sdk/client-sqs';
export const queue = new SQSClient({
  region: 'us-east-2',
  credentials: { accessKeyId: '${key}', secretAccessKey: process.env.QUEUE_SECRET ?? '' },
});
`;

  it('a key id whose body holds 0, 1, 8 or 9 is reported as the credential format', async () => {
    const dir = writeProject({ 'src/queue.ts': client(['AK', 'IA', 'J8R0TQ19WX2MZ5KE'].join('')) });
    expect(await lines(dir, 'src/queue.ts', secrets)).toEqual(['5 api-security/no-hardcoded-secrets']);
  });

  it('stays silent one character short of the format', async () => {
    const dir = writeProject({ 'src/queue.ts': client(['AK', 'IA', 'J8R0TQ19WX2MZ5K'].join('')) });
    expect(await lines(dir, 'src/queue.ts', secrets)).toEqual([]);
  });
});

describe('a path resolved, then given a fixed suffix, then checked against its root', () => {
  const path: Linter.RulesRecord = { 'api-security/no-path-traversal': 'error' };
  const handbook = (build: string, check: string): string => `
import express from 'express';
import path from 'node:path';
import { readFile } from 'node:fs/promises';

const PAGES = path.resolve('content/handbook');
const app = express();
app.get('/handbook/*', async (req, res) => {
  const parts = String(req.params[0]).split('/');
  const file = ${build};
  if (!${check}) return res.sendStatus(400);
  res.type('text/markdown').send(await readFile(file, 'utf8'));
});
`;

  it('spread segments and a `.md` suffix after resolving, checked with the separator: silent', async () => {
    const dir = writeProject({ 'src/app.ts': handbook("path.resolve(PAGES, ...parts) + '.md'", 'file.startsWith(PAGES + path.sep)') });
    expect(await lines(dir, 'src/app.ts', path)).toEqual([]);
  });

  it('stays reported when the suffix holds a separator (it may add segments)', async () => {
    const dir = writeProject({ 'src/app.ts': handbook("path.resolve(PAGES, ...parts) + '/../index.md'", 'file.startsWith(PAGES + path.sep)') });
    expect(await lines(dir, 'src/app.ts', path)).toEqual(['12 api-security/no-path-traversal']);
  });

  it('stays reported when the parts are joined by hand, not resolved', async () => {
    const dir = writeProject({ 'src/app.ts': handbook("PAGES + '/' + parts.join('/') + '.md'", 'file.startsWith(PAGES + path.sep)') });
    expect(await lines(dir, 'src/app.ts', path)).toEqual(['12 api-security/no-path-traversal']);
  });
});

describe("mysql's `SET ?` object expansion", () => {
  const mass: Linter.RulesRecord = { 'api-security/no-mass-assignment': 'error' };
  const app = (statement: string, values: string): string => `
import express from 'express';
import mysql from 'mysql2/promise';

const pool = mysql.createPool(process.env.DATABASE_URL ?? '');
const app = express();
app.use(express.json());
app.put('/vehicles/:id', async (req, res) => {
  const changes = req.body;
  await pool.query(${statement}, ${values});
  res.sendStatus(204);
});
`;

  it('the body expanded into `UPDATE … SET ?` is a mass assignment', async () => {
    const dir = writeProject({ 'src/app.ts': app("'UPDATE vehicles SET ? WHERE id = ?'", '[changes, req.params.id]') });
    expect(await lines(dir, 'src/app.ts', mass)).toEqual(['10 api-security/no-mass-assignment']);
  });

  it('`INSERT INTO … SET ?` with the body as the values argument is one too', async () => {
    const dir = writeProject({ 'src/app.ts': app("'INSERT INTO vehicles SET ?'", 'changes') });
    expect(await lines(dir, 'src/app.ts', mass)).toEqual(['10 api-security/no-mass-assignment']);
  });

  it('picked fields in the expanded object: silent', async () => {
    const dir = writeProject({ 'src/app.ts': app("'UPDATE vehicles SET ? WHERE id = ?'", '[{ plate: String(changes.plate), colour: String(changes.colour) }, req.params.id]') });
    expect(await lines(dir, 'src/app.ts', mass)).toEqual([]);
  });

  it('`SET ?? = ?` (an escaped column name, then one value) is no object expansion', async () => {
    const dir = writeProject({ 'src/app.ts': app("'UPDATE vehicles SET ?? = ? WHERE id = ?'", "['plate', String(changes.plate), req.params.id]") });
    expect(await lines(dir, 'src/app.ts', mass)).toEqual([]);
  });
});

describe('class-validator `@IsIn([...])` as an allow-list under a ValidationPipe', () => {
  const sql: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };
  const main = (pipe: string): string => `
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  ${pipe}
  await app.listen(3000);
}
void bootstrap();
`;
  const dto = (sortBy: string): string => `
import { IsIn, IsString } from 'class-validator';
import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class ShelfQuery {
  @Field() ${sortBy} sortBy!: string;
  @Field() @IsString() aisle!: string;
}
`;
  const controller = `
import { Body, Controller, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ShelfQuery } from './shelf.query';

@Controller('shelves')
export class ShelvesController {
  constructor(private readonly db: DataSource) {}
  @Post('search')
  search(@Body() q: ShelfQuery) {
    return this.db.query(\`SELECT * FROM shelves ORDER BY \${q.sortBy}\`);
  }
  @Post('by-aisle')
  byAisle(@Body() q: ShelfQuery) {
    return this.db.query(\`SELECT * FROM shelves WHERE aisle = '\${q.aisle}'\`);
  }
}
`;
  const resolver = `
import { Args, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { ShelfQuery } from './shelf.query';

@Resolver()
export class ShelvesResolver {
  constructor(private readonly db: DataSource) {}
  @Query(() => [String])
  shelves(@Args('filter') filter: ShelfQuery) {
    return this.db.query(\`SELECT * FROM shelves ORDER BY \${filter.sortBy}\`);
  }
}
`;
  const project = (pipe: string, sortBy: string): string =>
    writeProject({
      'src/main.ts': main(pipe),
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'src/shelf.query.ts': dto(sortBy),
      'src/shelves.controller.ts': controller,
      'src/shelves.resolver.ts': resolver,
    });
  const GLOBAL = 'app.useGlobalPipes(new ValidationPipe({ whitelist: true }));';
  const LISTED = "@IsIn(['label', 'capacity'])";

  it('a listed field of a DTO or GraphQL input under a global ValidationPipe: silent; a free string field of the same DTO stays reported', async () => {
    const dir = project(GLOBAL, LISTED);
    expect(await lines(dir, 'src/shelves.controller.ts', sql)).toEqual(['15 api-security/no-sql-injection']);
    expect(await lines(dir, 'src/shelves.resolver.ts', sql)).toEqual([]);
  });

  it('stays reported without a ValidationPipe (the decorator alone checks nothing)', async () => {
    const dir = project('', LISTED);
    expect(await lines(dir, 'src/shelves.controller.ts', sql)).toEqual(['11 api-security/no-sql-injection', '15 api-security/no-sql-injection']);
    expect(await lines(dir, 'src/shelves.resolver.ts', sql)).toEqual(['11 api-security/no-sql-injection']);
  });

  it('stays reported when the list is not written out', async () => {
    const dir = project(GLOBAL, '@IsIn(Object.keys(COLUMNS))');
    expect(await lines(dir, 'src/shelves.resolver.ts', sql)).toEqual(['11 api-security/no-sql-injection']);
  });
});
