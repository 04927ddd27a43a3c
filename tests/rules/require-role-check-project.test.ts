import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * require-role-check across the files of a project, as teams write them: the privileged write in a
 * service or repository of another file, the role check in a middleware file or at the mount in
 * app.ts, a NestJS role guard registered globally in app.module.ts. A controller linted alone (as
 * the editor does) gets the verdict; no type information.
 */

const strict: Linter.RulesRecord = { 'api-security/require-role-check': ['error', { privilegedRoutes: 'report', inconsistentRoutes: 'report' }] };

async function findings(dir: string, file: string, rules: Linter.RulesRecord = strict): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}: ${message.message}`);
}

const auth = `import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '');
  if (!token) return res.status(401).json({ error: 'sign in' });
  (req as any).user = jwt.verify(token, process.env.JWT_SECRET!);
  next();
}

export function requireRole(role: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req as any).user.role !== role) return res.status(403).json({ error: 'forbidden' });
    next();
  };
}
`;

const usersService = (body: string): string => `import { prisma } from '../db';

export class UsersService {
  async setRole(userId: string, role: string) {
${body}
  }

  async updateProfile(userId: string, name: string) {
    return prisma.user.update({ where: { id: userId }, data: { name } });
  }
}

export const usersService = new UsersService();
`;
const writesRole = '    return prisma.user.update({ where: { id: userId }, data: { role } });';

const usersRoutes = (middleware: string): string => `import { Router } from 'express';
import { requireAuth, requireRole } from '../middleware/auth';
import { usersService } from '../services/users.service';

export const usersRouter = Router();

usersRouter.patch('/:id/role', ${middleware}async (req, res) => {
  res.json(await usersService.setRole(req.params.id, req.body.role));
});

usersRouter.patch('/me', requireAuth, async (req, res) => {
  res.json(await usersService.updateProfile((req as any).user.id, req.body.name));
});
`;

const app = (mount: string): string => `import express from 'express';
import { requireAuth, requireRole } from './middleware/auth';
import { usersRouter } from './routes/users';
import { adminRouter } from './routes/admin';

const app = express();
app.use(express.json());
app.use('/users', usersRouter);
${mount}
export default app;
`;

const adminRoutes = `import { Router } from 'express';
import { User } from '../models/user';

export const adminRouter = Router();

adminRouter.delete('/users/:id', async (req, res) => {
  await User.findByIdAndDelete(req.params.id);
  res.status(204).end();
});
`;

const expressProject = (files: Record<string, string> = {}): string => writeProject({
  'src/middleware/auth.ts': auth,
  'src/services/users.service.ts': usersService(writesRole),
  'src/routes/users.ts': usersRoutes('requireAuth, '),
  'src/routes/admin.ts': adminRoutes,
  'src/app.ts': app(`app.use('/admin', requireAuth, requireRole('admin'), adminRouter);`),
  'src/db.ts': 'export const prisma: any = {};\n',
  'src/models/user.ts': 'export const User: any = {};\n',
  ...files,
});

describe('require-role-check across files (Express + TypeScript)', () => {
  it('a role write in a service of another file, reached from a route behind authentication only', async () => {
    const dir = expressProject();
    expect(await findings(dir, 'src/routes/users.ts')).toEqual([
      '7 privilegedRoute: PATCH /users/:id/role (express) writes `role` of a record the client names (`prisma.user.update`) (src/services/users.service.ts:5), but any authenticated user can call it: it is authenticated by `requireAuth` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });

  it('the role middleware imported from another file, judged by its definition', async () => {
    const dir = expressProject({ 'src/routes/users.ts': usersRoutes(`requireAuth, requireRole('admin'), `) });
    expect(await findings(dir, 'src/routes/users.ts')).toEqual([]);
  });

  it('a service that writes only a display name is no privileged write', async () => {
    const dir = expressProject({ 'src/services/users.service.ts': usersService('    return prisma.user.update({ where: { id: userId }, data: { name: role } });') });
    expect(await findings(dir, 'src/routes/users.ts')).toEqual([]);
  });

  it('a role guard at the mount in app.ts covers the routes of the router file', async () => {
    const dir = expressProject();
    expect(await findings(dir, 'src/routes/admin.ts')).toEqual([]);
  });

  it('a mount behind authentication only: the /admin path needs a role (recommended), the delete is privileged (strict)', async () => {
    const dir = expressProject({ 'src/app.ts': app(`app.use('/admin', requireAuth, adminRouter);`) });
    expect(await findings(dir, 'src/routes/admin.ts', { 'api-security/require-role-check': 'error' })).toEqual([
      '6 missingRoleCheck: DELETE /admin/users/:id is authenticated by `requireAuth` but no role or permission check runs, which routes matching `**/admin/**` require. Add an authorization check before the handler.',
    ]);
    const staff = expressProject({ 'src/app.ts': app(`app.use('/staff', requireAuth, adminRouter);`) });
    expect(await findings(staff, 'src/routes/admin.ts')).toEqual([
      '6 privilegedRoute: DELETE /staff/users/:id (express) deletes a user the client names (`User.findByIdAndDelete`) (line 7), but any authenticated user can call it: it is authenticated by `requireAuth` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });

  it('an edit of the service is seen on the next lint in the same process', async () => {
    const dir = expressProject();
    const route = 'src/routes/users.ts';
    expect(await findings(dir, route)).toHaveLength(1);
    const file = path.join(dir, 'src/services/users.service.ts');
    writeFileSync(file, usersService('    return prisma.user.update({ where: { id: userId }, data: { displayName: role } });'));
    // Past the index's one-second revalidation window, whatever the file system's time resolution.
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(await findings(dir, route)).toEqual([]);
  });
});

describe('require-role-check across files (plain JavaScript, CommonJS)', () => {
  it('a delete of another user in a repository module, and the safe look-alike scoped to the caller', async () => {
    const dir = writeProject({
      'routes/accounts.js': `const express = require('express');
const { removeAccount } = require('../repositories/accounts');
const router = express.Router();
function requireLogin(req, res, next) {
  if (!req.session.userId) return res.status(401).end();
  next();
}
router.delete('/accounts/:id', requireLogin, async (req, res) => {
  await removeAccount(req.params.id);
  res.status(204).end();
});
router.delete('/account', requireLogin, async (req, res) => {
  await removeAccount(req.session.userId);
  res.status(204).end();
});
module.exports = router;
`,
      'repositories/accounts.js': `const db = require('../db');
async function removeAccount(id) {
  return db('accounts').where({ id }).del();
}
module.exports = { removeAccount };
`,
      'db.js': 'module.exports = require("knex")({ client: "pg" });\n',
    }, { name: 'app' });
    expect(await findings(dir, 'routes/accounts.js')).toEqual([
      '8 privilegedRoute: DELETE /accounts/:id (express) deletes a user the client names (`db(\'accounts\').where({ id }).del`) (repositories/accounts.js:3), but any authenticated user can call it: it is authenticated by `requireLogin` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });
});

describe('require-role-check: user models read from the app\'s own declarations', () => {
  const routes = `import express from 'express';
import { Principal } from '../models/principal.js';
import { Product } from '../models/product.js';
const router = express.Router();
function requireLogin(req, res, next) {
  if (!req.session.userId) return res.status(401).end();
  next();
}
router.delete('/principals/:id', requireLogin, async (req, res) => {
  await Principal.findByIdAndDelete(req.params.id);
  res.status(204).end();
});
router.delete('/products/:id', requireLogin, async (req, res) => {
  await Product.findByIdAndDelete(req.params.id);
  res.status(204).end();
});
export default router;
`;
  it('a Mongoose model with a password hash and roles is a user model, whatever its name; a product is not', async () => {
    const dir = writeProject({
      'src/routes/principals.js': routes,
      'src/models/principal.js': `import mongoose from 'mongoose';
const schema = new mongoose.Schema({ login: String, passwordHash: String, roles: [String] });
export const Principal = mongoose.model('Principal', schema);
`,
      'src/models/product.js': `import mongoose from 'mongoose';
const schema = new mongoose.Schema({ name: String, price: Number });
export const Product = mongoose.model('Product', schema);
`,
    });
    expect(await findings(dir, 'src/routes/principals.js')).toEqual([
      '9 privilegedRoute: DELETE /principals/:id (express) deletes a user the client names (`Principal.findByIdAndDelete`) (line 10), but any authenticated user can call it: it is authenticated by `requireLogin` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });
});

const nestController = (decorator: string): string => `import { Controller, Delete, Param } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  ${decorator}@Delete(':id')
  remove(@Param('id') id: string) {
    return this.users.remove(id);
  }
}
`;

const nestProject = (decorator: string): string => writeProject({
  'src/users/users.controller.ts': nestController(decorator),
  'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  remove(id: string) {
    return this.repo.delete(id);
  }
}
`,
  'src/users/user.entity.ts': 'export class User { id!: string; email!: string; password!: string; role!: string; }\n',
  'src/auth/roles.decorator.ts': `import { SetMetadata } from '@nestjs/common';
export const ROLES_KEY = 'roles';
export const Roles = (...roles: string[]) => SetMetadata(ROLES_KEY, roles);
`,
  'src/auth/jwt-auth.guard.ts': `import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
`,
  'src/auth/roles.guard.ts': `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES_KEY } from './roles.decorator';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const { user } = context.switchToHttp().getRequest();
    return roles.some((role) => user.roles?.includes(role));
  }
}
`,
  'src/app.module.ts': `import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RolesGuard } from './auth/roles.guard';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, { provide: APP_GUARD, useClass: JwtAuthGuard }, { provide: APP_GUARD, useClass: RolesGuard }],
})
export class AppModule {}
`,
  'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
}
void bootstrap();
`,
});

describe('require-role-check across files (NestJS, global guards)', () => {
  it('@Roles read by a global RolesGuard restricts the route', async () => {
    const dir = nestProject(`@Roles('admin')\n  `);
    expect(await findings(dir, 'src/users/users.controller.ts')).toEqual([]);
  });

  it('without @Roles the global RolesGuard lets any signed-in user delete a user (the delete is in the service)', async () => {
    const dir = nestProject('');
    expect(await findings(dir, 'src/users/users.controller.ts')).toEqual([
      '9 privilegedRoute: DELETE /users/:id (nestjs) deletes a user the client names (`this.users.remove`) (line 11), but any authenticated user can call it: it is authenticated by `JwtAuthGuard` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });
});
