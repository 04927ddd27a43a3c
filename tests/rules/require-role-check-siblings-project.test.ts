import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * require-role-check's consistency report across files: one resource's routes split over routers
 * mounted at the same path (`app.use('/users', usersRouter); app.use('/users', usersAdminRouter)`)
 * or over NestJS controllers with the same path. No type information.
 */

const strict: Linter.RulesRecord = { 'api-security/require-role-check': ['error', { privilegedRoutes: 'report', inconsistentRoutes: 'report' }] };

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, strict);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}: ${message.message}`);
}

const auth = `export function requireAuth(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: 'sign in' });
  req.user = { id: req.session.userId, role: req.session.role };
  next();
}

export function requireRole(role) {
  return (req, res, next) => (req.user.role === role ? next() : res.status(403).json({ error: 'forbidden' }));
}
`;

const adminRouter = `import { Router } from 'express';
import { requireAuth, requireRole } from '../middleware/auth.js';
import { db } from '../db.js';

export const usersAdminRouter = Router();

usersAdminRouter.patch('/:id/flags', requireAuth, requireRole('admin'), async (req, res) => {
  res.json(await db.flags(req.params.id, req.body));
});

usersAdminRouter.post('/:id/notes', requireAuth, requireRole('admin'), async (req, res) => {
  res.json(await db.note(req.params.id, req.body.text));
});
`;

const readRouter = `import { Router } from 'express';
import { requireAuth, requireRole } from '../middleware/auth.js';
import { db } from '../db.js';

export const usersRouter = Router();

usersRouter.get('/:id', requireAuth, async (req, res) => {
  res.json(await db.profile(req.params.id));
});

usersRouter.put('/:id/nickname', requireAuth, async (req, res) => {
  res.json(await db.nickname(req.params.id, req.body.nickname));
});
`;

const app = (mounts: string): string => `import express from 'express';
import { usersRouter } from './routes/users.js';
import { usersAdminRouter } from './routes/users-admin.js';

const app = express();
app.use(express.json());
${mounts}
export default app;
`;

const expressProject = (mounts: string): string => writeProject({
  'src/middleware/auth.js': auth,
  'src/routes/users.js': readRouter,
  'src/routes/users-admin.js': adminRouter,
  'src/db.js': 'export const db = {};\n',
  'src/app.js': app(mounts),
});

describe('require-role-check: siblings across files (Express routers mounted at one path)', () => {
  it('a write of a router whose co-mounted router checks a role on its writes of the same resource', async () => {
    const dir = expressProject("app.use('/users', usersRouter);\napp.use('/users', usersAdminRouter);");
    expect(await findings(dir, 'src/routes/users.js')).toEqual([
      "11 inconsistentRoleCheck: PUT /users/:id/nickname (express) is authenticated by `requireAuth` but has no role or permission check, while 2 of 2 sibling routes under `/users` (this file and src/routes/users-admin.js) check `requireRole('admin')`. Add the same check, or disable this report for the route if any authenticated user may call it.",
    ]);
    // The checked router itself is consistent.
    expect(await findings(dir, 'src/routes/users-admin.js')).toEqual([]);
  });

  it('the suggestion inserts the other file\'s check, bound in this file by its import, and the fixed file is consistent', async () => {
    const dir = expressProject("app.use('/users', usersRouter);\napp.use('/users', usersAdminRouter);");
    const file = path.join(dir, 'src/routes/users.js');
    const [message] = await lintProjectFile(dir, 'src/routes/users.js', strict);
    const suggestion = message?.suggestions?.[0];
    expect(suggestion?.desc).toBe("Insert `requireRole('admin')` before the handler.");
    const text = readFileSync(file, 'utf8');
    const fixed = text.slice(0, suggestion!.fix.range[0]) + suggestion!.fix.text + text.slice(suggestion!.fix.range[1]);
    expect(fixed).toContain("usersRouter.put('/:id/nickname', requireAuth, requireRole('admin'), async (req, res) => {");
    writeFileSync(file, fixed);
    expect(await findings(dir, 'src/routes/users.js')).toEqual([]);
  });

  it('no suggestion when the other file\'s check is not bound in this file', async () => {
    const dir = writeProject({
      'src/middleware/auth.js': auth,
      'src/routes/users.js': readRouter.replace('import { requireAuth, requireRole }', 'import { requireAuth }'),
      'src/routes/users-admin.js': adminRouter,
      'src/db.js': 'export const db = {};\n',
      'src/app.js': app("app.use('/users', usersRouter);\napp.use('/users', usersAdminRouter);"),
    });
    const messages = await lintProjectFile(dir, 'src/routes/users.js', strict);
    expect(messages.map((message) => message.messageId)).toEqual(['inconsistentRoleCheck']);
    expect(messages[0]?.suggestions ?? []).toEqual([]);
  });

  it('routers mounted at different paths are about different resources', async () => {
    const dir = expressProject("app.use('/users', usersRouter);\napp.use('/staff', usersAdminRouter);");
    expect(await findings(dir, 'src/routes/users.js')).toEqual([]);
  });

  it('reads are not compared with writes: the GET of the read router is not reported', async () => {
    const dir = writeProject({
      'src/middleware/auth.js': auth,
      'src/routes/users.js': readRouter.replace(/usersRouter\.put[\s\S]*$/u, ''),
      'src/routes/users-admin.js': adminRouter,
      'src/db.js': 'export const db = {};\n',
      'src/app.js': app("app.use('/users', usersRouter);\napp.use('/users', usersAdminRouter);"),
    });
    expect(await findings(dir, 'src/routes/users.js')).toEqual([]);
  });

  it('one checked sibling in another file is not enough', async () => {
    const dir = writeProject({
      'src/middleware/auth.js': auth,
      'src/routes/users.js': readRouter,
      'src/routes/users-admin.js': adminRouter.replace(/usersAdminRouter\.post[\s\S]*$/u, ''),
      'src/db.js': 'export const db = {};\n',
      'src/app.js': app("app.use('/users', usersRouter);\napp.use('/users', usersAdminRouter);"),
    });
    expect(await findings(dir, 'src/routes/users.js')).toEqual([]);
  });

  it('a handler that checks the caller itself is open to users on purpose', async () => {
    const dir = writeProject({
      'src/middleware/auth.js': auth,
      'src/routes/users.js': readRouter.replace('res.json(await db.nickname(', "if (req.params.id !== req.user.id) return res.status(403).end();\n  res.json(await db.nickname("),
      'src/routes/users-admin.js': adminRouter,
      'src/db.js': 'export const db = {};\n',
      'src/app.js': app("app.use('/users', usersRouter);\napp.use('/users', usersAdminRouter);"),
    });
    expect(await findings(dir, 'src/routes/users.js')).toEqual([]);
  });
});

const rolesGuard = `import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

export const Roles = (...roles: string[]) => SetMetadata('roles', roles);

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.get<string[]>('roles', context.getHandler());
    if (!roles) return true;
    return roles.includes(context.switchToHttp().getRequest().user.role);
  }
}
`;

const adminController = `import { Body, Controller, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { Roles, RolesGuard } from '../auth/roles';

@Controller('users')
@UseGuards(AuthGuard('jwt'), RolesGuard)
export class UsersAdminController {
  @Roles('admin')
  @Patch(':id/flags')
  flags(@Param('id') id: string, @Body() body: unknown) { return { id, body }; }

  @Roles('admin')
  @Post(':id/notes')
  note(@Param('id') id: string, @Body() body: unknown) { return { id, body }; }
}
`;

const usersController = (controllerPath: string): string => `import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { Roles, RolesGuard } from '../auth/roles';

@Controller('${controllerPath}')
@UseGuards(AuthGuard('jwt'), RolesGuard)
export class UsersController {
  @Get(':id')
  profile(@Param('id') id: string) { return { id }; }

  @Put(':id/nickname')
  nickname(@Param('id') id: string, @Body() body: unknown) { return { id, body }; }
}
`;

describe('require-role-check: siblings across files (NestJS controllers with one path)', () => {
  it('a write of a controller whose namesake controller in another file checks a role on its writes', async () => {
    const dir = writeProject({
      'src/auth/roles.ts': rolesGuard,
      'src/users/users-admin.controller.ts': adminController,
      'src/users/users.controller.ts': usersController('users'),
    });
    expect(await findings(dir, 'src/users/users.controller.ts')).toEqual([
      "11 inconsistentRoleCheck: PUT /users/:id/nickname (nestjs) is authenticated by `AuthGuard` but has no role or permission check, while 2 of 2 sibling routes under `/users` (this file and src/users/users-admin.controller.ts) check `@Roles('admin')`. Add the same check, or disable this report for the route if any authenticated user may call it.",
    ]);
    expect(await findings(dir, 'src/users/users-admin.controller.ts')).toEqual([]);
  });

  it('a controller with another path is about another resource', async () => {
    const dir = writeProject({
      'src/auth/roles.ts': rolesGuard,
      'src/users/users-admin.controller.ts': adminController,
      'src/users/users.controller.ts': usersController('profiles'),
    });
    expect(await findings(dir, 'src/users/users.controller.ts')).toEqual([]);
  });
});
