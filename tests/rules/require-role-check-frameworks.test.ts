import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../src/rules/require-role-check.js';

/*
 * require-role-check per framework: NestJS (guards, `@Roles`), Fastify (hooks), Koa, Next.js route
 * handlers and Hono, each with a privileged route any signed-in user can call and the same route
 * behind the framework's way of checking a role.
 */

const ruleTester = new RuleTester();
const strict: Options = [{ privilegedRoutes: 'report', inconsistentRoutes: 'report' }];
const fixtures = path.join(import.meta.dirname, '../fixtures');
const nestFile = path.join(fixtures, 'nest-app/snippets/src/users/users.controller.ts');
const nextFile = path.join(fixtures, 'next-app/snippets/app/api/users/[id]/route.ts');

const nest = `import { Body, Controller, Delete, Get, Param, Patch, Post, UseGuards, SetMetadata, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { Reflector } from '@nestjs/core';
import { PrismaService } from '../prisma.service';
class JwtAuthGuard extends AuthGuard('jwt') {}
const Roles = (...roles: string[]) => SetMetadata('roles', roles);
@Injectable()
class RolesGuard implements CanActivate {
  constructor(private reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.get<string[]>('roles', context.getHandler());
    if (!roles) return true;
    const { user } = context.switchToHttp().getRequest();
    return roles.includes(user.role);
  }
}
`;
const N = 17; // first line after the NestJS head

ruleTester.run('require-role-check (NestJS)', rule, {
  valid: [
    {
      name: '@Roles with RolesGuard on the controller',
      filename: nestFile,
      options: strict,
      code: `${nest}@Controller('users')
@UseGuards(JwtAuthGuard, RolesGuard)
export class UsersController {
  constructor(private prisma: PrismaService) {}
  @Roles('admin')
  @Patch(':id/role')
  setRole(@Param('id') id: string, @Body() body: { role: string }) {
    return this.prisma.user.update({ where: { id }, data: { role: body.role } });
  }
}
`,
    },
    {
      name: 'a user updating their own profile through @CurrentUser',
      filename: nestFile,
      options: strict,
      code: `${nest}const CurrentUser = () => (target: object, key: string, index: number) => undefined;
@Controller('me')
@UseGuards(JwtAuthGuard)
export class MeController {
  constructor(private prisma: PrismaService) {}
  @Patch()
  update(@CurrentUser() user: { id: string }, @Body() body: { email: string }) {
    return this.prisma.user.update({ where: { id: user.id }, data: { email: body.email } });
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a role write behind authentication only',
      filename: nestFile,
      options: strict,
      code: `${nest}@Controller('users')
@UseGuards(JwtAuthGuard)
export class UsersController {
  constructor(private prisma: PrismaService) {}
  @Patch(':id/role')
  setRole(@Param('id') id: string, @Body() body: { role: string }) {
    return this.prisma.user.update({ where: { id }, data: { role: body.role } });
  }
}
`,
      errors: [{ messageId: 'privilegedRoute', line: N + 4, data: { method: 'PATCH', path: '/users/:id/role', framework: 'nestjs', by: '`JwtAuthGuard`', operation: 'writes `role` of a record the client names (`this.prisma.user.update`)', at: `line ${String(N + 6)}` } }],
    },
    {
      name: 'one route of an admin-only controller without @Roles: the suggestion adds the siblings\' decorator',
      filename: nestFile,
      options: strict,
      code: `${nest}@Controller('flags')
@UseGuards(JwtAuthGuard, RolesGuard)
export class FlagsController {
  @Roles('admin') @Post() create() { return {}; }
  @Roles('admin') @Patch(':key') update() { return {}; }
  @Delete(':key') remove() { return {}; }
}
`,
      errors: [{
        messageId: 'inconsistentRoleCheck', line: N + 5,
        data: { method: 'DELETE', path: '/flags/:key', framework: 'nestjs', by: '`JwtAuthGuard`', checked: 2, total: 2, where: 'in `FlagsController`', check: "`@Roles('admin')`" },
        suggestions: [{ messageId: 'addRoleCheck', data: { check: "@Roles('admin')" }, output: `${nest}@Controller('flags')
@UseGuards(JwtAuthGuard, RolesGuard)
export class FlagsController {
  @Roles('admin') @Post() create() { return {}; }
  @Roles('admin') @Patch(':key') update() { return {}; }
  @Roles('admin')
  @Delete(':key') remove() { return {}; }
}
` }],
      }],
    },
  ],
});

const fastify = `import Fastify from 'fastify';
import { User } from './models.js';
const app = Fastify();
async function authenticate(request, reply) {
  await request.jwtVerify();
}
async function adminOnly(request, reply) {
  if (request.user.role !== 'admin') return reply.code(403).send({ error: 'forbidden' });
}
`;

ruleTester.run('require-role-check (Fastify)', rule, {
  valid: [
    { name: 'a role hook after authentication', options: strict, code: `${fastify}app.delete('/users/:id', { onRequest: [authenticate], preHandler: [adminOnly] }, async (request) => User.destroy({ where: { id: request.params.id } }));` },
  ],
  invalid: [
    {
      name: 'a delete of another user behind authentication only',
      options: strict,
      code: `${fastify}app.delete('/users/:id', { onRequest: [authenticate] }, async (request) => User.destroy({ where: { id: request.params.id } }));`,
      errors: [{ messageId: 'privilegedRoute', line: 10, data: { method: 'DELETE', path: '/users/:id', framework: 'fastify', by: '`authenticate`', operation: 'deletes a user the client names (`User.destroy`)', at: 'line 10' } }],
    },
  ],
});

const koa = `import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'koa-jwt';
import { User } from './models.js';
const app = new Koa();
const router = new Router();
app.use(jwt({ secret: process.env.JWT_SECRET }));
`;

ruleTester.run('require-role-check (Koa)', rule, {
  valid: [
    { name: 'an in-handler role check', options: strict, code: `${koa}router.get('/users', async (ctx) => {
  if (ctx.state.user.role !== 'admin') ctx.throw(403);
  ctx.body = await User.find({});
});
app.use(router.routes());` },
  ],
  invalid: [
    {
      name: 'every user listed to any signed-in user',
      options: strict,
      code: `${koa}router.get('/users', async (ctx) => {
  ctx.body = await User.find({});
});
app.use(router.routes());`,
      errors: [{ messageId: 'privilegedRoute', line: 8, data: { method: 'GET', path: '/users', framework: 'koa', by: '`jwt`', operation: 'answers every `user` record (`User.find`)', at: 'line 9' } }],
    },
  ],
});

const next = `import { NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { prisma } from '@/lib/prisma';
`;

ruleTester.run('require-role-check (Next.js)', rule, {
  valid: [
    { name: 'the session role checked before the delete', filename: nextFile, options: strict, code: `${next}export async function DELETE(req: Request, { params }: { params: { id: string } }) {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'sign in' }, { status: 401 });
  if (session.user.role !== 'admin') return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  await prisma.user.delete({ where: { id: params.id } });
  return new NextResponse(null, { status: 204 });
}
` },
  ],
  invalid: [
    {
      name: 'a delete of another user with a session check only',
      filename: nextFile,
      options: strict,
      code: `${next}export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'sign in' }, { status: 401 });
  const { id } = await params;
  await prisma.user.delete({ where: { id } });
  return new NextResponse(null, { status: 204 });
}
`,
      errors: [{ messageId: 'privilegedRoute', line: 5, data: { method: 'DELETE', path: '/api/users/[id]', framework: 'nextjs', by: 'check of `!session`', operation: 'deletes a user the client names (`prisma.user.delete`)', at: 'line 9' } }],
    },
  ],
});

const hono = `import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
import { eq } from 'drizzle-orm';
import { db } from './db';
import { users } from './schema';
const app = new Hono();
app.use('/api/*', jwt({ secret: process.env.JWT_SECRET! }));
`;

ruleTester.run('require-role-check (Hono)', rule, {
  valid: [
    { name: 'a role check of the JWT payload', options: strict, code: `${hono}app.delete('/api/users/:id', async (c) => {
  if (c.get('jwtPayload').role !== 'admin') return c.json({ error: 'forbidden' }, 403);
  await db.delete(users).where(eq(users.id, c.req.param('id')));
  return c.body(null, 204);
});` },
  ],
  invalid: [
    {
      name: 'a delete of another user behind the JWT only',
      options: strict,
      code: `${hono}app.delete('/api/users/:id', async (c) => {
  await db.delete(users).where(eq(users.id, c.req.param('id')));
  return c.body(null, 204);
});`,
      errors: [{ messageId: 'privilegedRoute', line: 8, data: { method: 'DELETE', path: '/api/users/:id', framework: 'hono', by: '`jwt`', operation: 'deletes a user the client names (`db.delete`)', at: 'line 9' } }],
    },
  ],
});

// routing-controllers: the checker receives the roles of `@Authorized(roles)`; given none, it only
// asks for a signed-in caller, however thoroughly it compares roles when there are some.
const routingControllers = (decorator: string): string => `import { Authorized, Body, createExpressServer, JsonController, Param, Post, type Action } from 'routing-controllers';
import jwt from 'jsonwebtoken';
import { tenants } from './tenants';
@JsonController('/admin/tenants')
export class TenantsController {
  ${decorator}
  @Post('/:id/plan')
  changePlan(@Param('id') id: string, @Body() body: { plan: string }) { return tenants.setPlan(id, String(body.plan)); }
}
createExpressServer({
  controllers: [TenantsController],
  authorizationChecker: async (action: Action, roles: string[]) => {
    const user = jwt.verify(String(action.request.headers.authorization), process.env.JWT_KEY as string) as { role: string };
    return roles.length === 0 || roles.includes(user.role);
  },
});`;

ruleTester.run('require-role-check (routing-controllers)', rule, {
  valid: [
    { name: '@Authorized with a role', code: routingControllers("@Authorized('admin')") },
    { name: '@Authorized with a list of roles', code: routingControllers("@Authorized(['admin', 'billing'])") },
  ],
  invalid: [
    {
      name: '@Authorized() without roles only asks for a signed-in caller',
      code: routingControllers('@Authorized()'),
      errors: [{ messageId: 'missingRoleCheck', line: 7 }],
    },
  ],
});
