import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule, { type Options } from '../../src/rules/require-role-check.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * require-role-check on role checks made by a helper the handler calls (a helper that answers 403
 * unless the caller's role matches, or throws), on comparisons that are no check of the caller (a
 * role the client sends, a membership lookup translated to 403 in a `catch`), and on privileged
 * functions written in the shapes layered and multi-tenant apps use: a controller in another file,
 * a repository held in a class field, a status kept as a timestamp, a feature flag stamped with its
 * editor, a token whose subject is set on a builder, a member removed from a group, and the
 * configuration of a whole tenant.
 */

const ruleTester = new RuleTester();
const strict: Options = [{ privilegedRoutes: 'report', inconsistentRoutes: 'report' }];
const fixtures = path.join(import.meta.dirname, '../fixtures');
const adminReportFile = path.join(fixtures, 'next-app/snippets/app/api/admin/reports/[reportId]/route.ts');

const nextHelpers = `import { NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { prisma } from '@/lib/prisma';

async function currentStaff() {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'sign in' }, { status: 401 });
  if (session.user.role !== 'support') return NextResponse.json({ error: 'staff only' }, { status: 403 });
  return session.user;
}

async function currentAccount() {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'sign in' }, { status: 401 });
  return session.user;
}
`;

ruleTester.run('require-role-check (a role check in a helper the handler calls)', rule, {
  valid: [
    {
      name: 'the helper answers 403 unless the role matches, and the handler returns its answer',
      filename: adminReportFile,
      code: `${nextHelpers}
export async function DELETE(_req: Request, { params }: { params: { reportId: string } }) {
  const staff = await currentStaff();
  if (staff instanceof NextResponse) return staff;
  await prisma.abuseReport.delete({ where: { id: params.reportId } });
  return new NextResponse(null, { status: 204 });
}
`,
    },
    {
      name: 'a helper that throws unless the caller is an operator (Express, under /admin)',
      code: `import express from 'express';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
class HttpError extends Error { constructor(public status: number, message: string) { super(message); } }
function assertOperator(user: { isAdmin?: boolean }) {
  if (!user.isAdmin) throw new HttpError(403, 'operators only');
}
app.post('/admin/jobs/:id/retry', requireAuth, async (req, res) => {
  assertOperator(req.user);
  res.json({ queued: req.params.id });
});
`,
    },
    {
      name: 'the role of the caller compared in the handler is still a check',
      code: `import express from 'express';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
app.patch('/admin/accounts/:id', requireAuth, async (req, res) => {
  if (req.user.role !== 'admin') return res.status(403).end();
  res.json({ id: req.params.id });
});
`,
    },
  ],
  invalid: [
    {
      name: 'the helper only signs in: the /admin route has no role check',
      filename: adminReportFile,
      code: `${nextHelpers}
export async function DELETE(_req: Request, { params }: { params: { reportId: string } }) {
  const account = await currentAccount();
  if (account instanceof NextResponse) return account;
  await prisma.abuseReport.delete({ where: { id: params.reportId } });
  return new NextResponse(null, { status: 204 });
}
`,
      errors: [{ messageId: 'missingRoleCheck', line: 19 }],
    },
    {
      name: 'the role-checking helper is called but its 403 answer is dropped',
      filename: adminReportFile,
      code: `${nextHelpers}
export async function DELETE(_req: Request, { params }: { params: { reportId: string } }) {
  const account = await currentAccount();
  if (account instanceof NextResponse) return account;
  await currentStaff();
  await prisma.abuseReport.delete({ where: { id: params.reportId } });
  return new NextResponse(null, { status: 204 });
}
`,
      errors: [{ messageId: 'missingRoleCheck', line: 19 }],
    },
    {
      name: 'the throwing helper is called inside a try whose catch goes on',
      code: `import express from 'express';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
function assertOperator(user: { isAdmin?: boolean }) {
  if (!user.isAdmin) throw new Error('operators only');
}
app.post('/admin/jobs/:id/retry', requireAuth, async (req, res) => {
  try {
    assertOperator(req.user);
  } catch (error) {
    console.warn(error);
  }
  res.json({ queued: req.params.id });
});
`,
      errors: [{ messageId: 'missingRoleCheck', line: 11 }],
    },
    {
      name: 'a role the client sends compared with a role name is no check of the caller',
      code: `import express from 'express';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
app.patch('/admin/accounts/:id', requireAuth, async (req, res) => {
  if (req.body.role === 'owner' && req.params.id === req.user.id) return res.status(400).json({ error: 'cannot promote yourself' });
  res.json({ id: req.params.id, role: req.body.role });
});
`,
      errors: [{ messageId: 'missingRoleCheck', line: 8 }],
    },
    {
      name: 'a role read off the parsed request body is the client\'s, not the caller\'s (Next.js)',
      filename: adminReportFile,
      code: `${nextHelpers}import { z } from 'zod';
const Patch = z.object({ role: z.string() });
export async function PATCH(req: Request, { params }: { params: { reportId: string } }) {
  const account = await currentAccount();
  if (account instanceof NextResponse) return account;
  const parsed = Patch.safeParse(await req.json());
  if (!parsed.success) return NextResponse.json({ error: 'invalid' }, { status: 422 });
  if (parsed.data.role !== 'reviewer') return NextResponse.json({ error: 'unsupported role' }, { status: 400 });
  return NextResponse.json({ id: params.reportId });
}
`,
      errors: [{ messageId: 'missingRoleCheck', line: 20 }],
    },
  ],
});

const teamHelpers = `import express from 'express';
import { prisma } from './db';
class AccessError extends Error {}
async function requireTeamMember(user: { id: string }, teamId: string) {
  const link = await prisma.membership.findFirst({ where: { userId: user.id, teamId } });
  if (!link) throw new AccessError('not in this team');
  return link;
}
async function requireTeamRole(user: { id: string }, teamId: string, wanted: string) {
  const link = await requireTeamMember(user, teamId);
  if (link.role !== wanted) throw new AccessError('needs ' + wanted);
  return link;
}
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
`;

ruleTester.run('require-role-check (a 403 in a catch is as much a role check as what the try calls)', rule, {
  valid: [
    {
      name: 'the try calls a helper that compares the team role',
      options: strict,
      code: `${teamHelpers}app.delete('/teams/:teamId/members/:linkId', requireAuth, async (req, res) => {
  try {
    await requireTeamRole(req.user, req.params.teamId, 'owner');
  } catch (error) {
    if (error instanceof AccessError) return res.status(403).json({ error: error.message });
    throw error;
  }
  await prisma.membership.deleteMany({ where: { id: req.params.linkId, teamId: req.params.teamId } });
  res.status(204).end();
});
`,
    },
    {
      name: 'leaving a team: the caller\'s own link, after a membership lookup',
      options: strict,
      code: `${teamHelpers}app.delete('/teams/:teamId/me', requireAuth, async (req, res) => {
  try {
    await requireTeamMember(req.user, req.params.teamId);
  } catch (error) {
    if (error instanceof AccessError) return res.status(403).json({ error: error.message });
    throw error;
  }
  await prisma.membership.deleteMany({ where: { userId: req.user.id, teamId: req.params.teamId } });
  res.status(204).end();
});
`,
    },
  ],
  invalid: [
    {
      name: 'the try only looks the membership up: any member removes any other',
      options: strict,
      code: `${teamHelpers}app.delete('/teams/:teamId/members/:linkId', requireAuth, async (req, res) => {
  try {
    await requireTeamMember(req.user, req.params.teamId);
  } catch (error) {
    if (error instanceof AccessError) return res.status(403).json({ error: error.message });
    throw error;
  }
  await prisma.membership.deleteMany({ where: { id: req.params.linkId, teamId: req.params.teamId } });
  res.status(204).end();
});
`,
      errors: [{
        messageId: 'privilegedRoute',
        line: 20,
        data: { method: 'DELETE', path: '/teams/:teamId/members/:linkId', framework: 'express', by: '`requireAuth`', operation: 'removes a member the client names from its group (`prisma.membership.deleteMany`)', at: 'line 27' },
      }],
    },
  ],
});

ruleTester.run('require-role-check (privileged functions in the shapes apps write them)', rule, {
  valid: [
    {
      name: 'a list of another model filtered by the caller and narrowed by a projection answers no user records (the filter names `req.user`, not a table)',
      options: strict,
      code: `import express from 'express';
import { Shipment } from './models';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId };
  next();
}
app.get('/shipments', requireAuth, async (req, res) => {
  res.json(await Shipment.find({ owner: req.user!.id }).select('carrier status').lean());
});
`,
    },
    {
      name: 'the caller\'s own preferences row, stamped with the caller, is no system setting',
      options: strict,
      code: `import express from 'express';
import { prisma } from './db';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
app.put('/preferences', requireAuth, async (req, res) => {
  res.json(await prisma.userSetting.upsert({
    where: { userId: req.user.id },
    update: { theme: req.body.theme, updatedBy: req.user.id },
    create: { userId: req.user.id, theme: req.body.theme, updatedBy: req.user.id },
  }));
});
`,
    },
    {
      name: 'a token signed for the caller on a jose builder is the caller\'s own',
      options: strict,
      code: `import express from 'express';
import { SignJWT } from 'jose';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
const key = new TextEncoder().encode(process.env.API_TOKEN_KEY);
app.post('/tokens', requireAuth, async (req, res) => {
  const token = await new SignJWT({ scope: req.body.scope }).setProtectedHeader({ alg: 'HS256' }).setSubject(req.user.id).sign(key);
  res.json({ token });
});
`,
    },
    {
      name: 'a display name of the organization is no configuration',
      options: strict,
      code: `import express from 'express';
import { prisma } from './db';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
app.patch('/organization', requireAuth, async (req, res) => {
  res.json(await prisma.organization.update({ where: { id: req.user.orgId }, data: { displayName: req.body.displayName } }));
});
`,
    },
    {
      name: 'a workspace created with its settings by the user who opens it',
      options: strict,
      code: `import express from 'express';
import { prisma } from './db';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId };
  next();
}
app.post('/workspaces', requireAuth, async (req, res) => {
  res.status(201).json(await prisma.workspace.create({ data: { name: req.body.name, settings: { locale: req.body.locale } } }));
});
`,
    },
    {
      name: 'a status timestamp of the caller\'s own account (Koa, Sequelize)',
      options: strict,
      code: `import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'koa-jwt';
import { Account } from './models';
const app = new Koa();
const router = new Router();
app.use(jwt({ secret: process.env.JWT_SECRET }));
router.post('/me/snooze', async (ctx) => {
  await Account.update({ suspendedUntil: ctx.request.body.until }, { where: { id: ctx.state.user.id } });
  ctx.status = 204;
});
app.use(router.routes());
`,
    },
  ],
  invalid: [
    {
      name: 'a feature toggle written by any signed-in user, stamped with the editor',
      options: strict,
      code: `import express from 'express';
import { prisma } from './db';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
app.put('/toggles/:name', requireAuth, async (req, res) => {
  res.json(await prisma.releaseToggle.upsert({
    where: { name: req.params.name },
    update: { on: req.body.on, updatedBy: req.user.id },
    create: { name: req.params.name, on: req.body.on, updatedBy: req.user.id },
  }));
});
`,
      errors: [{ messageId: 'privilegedRoute', line: 9, data: { method: 'PUT', path: '/toggles/:name', framework: 'express', by: '`requireAuth`', operation: 'writes the system setting `releaseToggle` (`prisma.releaseToggle.upsert`)', at: 'line 10' } }],
    },
    {
      name: 'a token whose subject (set on the jose builder) is a user the client names',
      options: strict,
      code: `import express from 'express';
import { SignJWT } from 'jose';
import { prisma } from './db';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
const key = new TextEncoder().encode(process.env.SESSION_KEY);
app.post('/support/sessions/:accountId', requireAuth, async (req, res) => {
  const account = await prisma.account.findUnique({ where: { id: req.params.accountId } });
  const token = await new SignJWT({ actor: req.user.id }).setProtectedHeader({ alg: 'HS256' }).setSubject(account.id).setExpirationTime('15m').sign(key);
  res.json({ token });
});
`,
      errors: [{ messageId: 'privilegedRoute', line: 11, data: { method: 'POST', path: '/support/sessions/:accountId', framework: 'express', by: '`requireAuth`', operation: 'issues a credential for a user the client names (`…56\' }).setSubject(account.id).setExpirationTime(\'15m\').sign`)', at: 'line 13' } }],
    },
    {
      name: 'a ban lifted by clearing its timestamp on a user the client names (Koa, Sequelize)',
      options: strict,
      code: `import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'koa-jwt';
import { Account } from './models';
const app = new Koa();
const router = new Router();
app.use(jwt({ secret: process.env.JWT_SECRET }));
router.post('/accounts/:id/restore', async (ctx) => {
  await Account.update({ suspendedAt: null }, { where: { id: ctx.params.id } });
  ctx.status = 204;
});
app.use(router.routes());
`,
      errors: [{ messageId: 'privilegedRoute', line: 8, data: { method: 'POST', path: '/accounts/:id/restore', framework: 'koa', by: '`jwt`', operation: 'writes `suspendedAt` of a user the client names (`Account.update`)', at: 'line 9' } }],
    },
    {
      name: 'the SAML settings of the whole organization, written by any member',
      options: strict,
      code: `import express from 'express';
import { prisma } from './db';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
app.put('/organization/saml', requireAuth, async (req, res) => {
  await prisma.organization.update({ where: { id: req.user.orgId }, data: { samlSettings: { ...req.body, editedBy: req.user.id } } });
  res.status(204).end();
});
`,
      errors: [{ messageId: 'privilegedRoute', line: 9, data: { method: 'PUT', path: '/organization/saml', framework: 'express', by: '`requireAuth`', operation: 'writes `samlSettings` of the tenant `organization` (`prisma.organization.update`)', at: 'line 10' } }],
    },
  ],
});

describe('require-role-check (Fastify and drizzle, JavaScript)', () => {
  const rules: Linter.RulesRecord = { 'api-security/require-role-check': ['error', { privilegedRoutes: 'report' }] };
  const schema = `import { pgTable, text, jsonb } from 'drizzle-orm/pg-core';
export const workspaces = pgTable('workspaces', { id: text('id').primaryKey(), title: text('title'), webhookConfig: jsonb('webhook_config') });
export const collaborators = pgTable('collaborators', { id: text('id').primaryKey(), workspaceId: text('workspace_id'), userId: text('user_id') });
`;
  const routes = (body: string): string => `import { and, eq } from 'drizzle-orm';
import { db } from './db.js';
import { collaborators, workspaces } from './schema.js';

export default async function workspaceRoutes(fastify) {
  fastify.addHook('onRequest', async (request) => { await request.jwtVerify(); });
${body}
}
`;

  it('reports a collaborator removed by id and a webhook configuration of the workspace, not leaving it or renaming it', async () => {
    const dir = writeProject({
      'src/schema.js': schema,
      'src/db.js': `import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(process.env.DATABASE_URL);\n`,
      'src/routes.js': routes(`  fastify.delete('/workspaces/:workspaceId/collaborators/:id', async (request, reply) => {
    await db.delete(collaborators).where(and(eq(collaborators.id, request.params.id), eq(collaborators.workspaceId, request.params.workspaceId)));
    return reply.code(204).send();
  });
  fastify.delete('/workspaces/:workspaceId/collaborators/me', async (request, reply) => {
    await db.delete(collaborators).where(and(eq(collaborators.userId, request.user.sub), eq(collaborators.workspaceId, request.params.workspaceId)));
    return reply.code(204).send();
  });
  fastify.put('/workspaces/:workspaceId/webhooks', async (request) => {
    await db.update(workspaces).set({ webhookConfig: request.body }).where(eq(workspaces.id, request.params.workspaceId));
    return { ok: true };
  });
  fastify.put('/workspaces/:workspaceId/title', async (request) => {
    await db.update(workspaces).set({ title: request.body.title }).where(eq(workspaces.id, request.params.workspaceId));
    return { ok: true };
  });`),
    }, { name: 'app', type: 'module' });
    const messages = await lintProjectFile(dir, 'src/routes.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.message}`)).toEqual([
      '7 DELETE /workspaces/:workspaceId/collaborators/:id (fastify) removes a member the client names from its group (`db.delete`) (line 8), but any authenticated user can call it: it is authenticated by `request.jwtVerify()` and no role or permission check runs. Add a role check before the handler.',
      '15 PUT /workspaces/:workspaceId/webhooks (fastify) writes `webhookConfig` of the tenant `workspaces` (`db.update(workspaces).set`) (line 16), but any authenticated user can call it: it is authenticated by `request.jwtVerify()` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });
});

describe('require-role-check (a layered Express app: routes, controllers, services, repositories)', () => {
  const rules: Linter.RulesRecord = { 'api-security/require-role-check': ['error', { privilegedRoutes: 'report' }] };
  const files = (route: string): Record<string, string> => ({
    'src/middleware/auth.ts': `import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
export function authenticate(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization;
  if (!header) return res.status(401).end();
  (req as any).user = jwt.verify(header.slice(7), process.env.JWT_SECRET!);
  next();
}
export function allow(...roles: string[]) {
  return (req: Request, res: Response, next: NextFunction) => (roles.includes((req as any).user.role) ? next() : res.status(403).end());
}
`,
    'src/data-source.ts': `import { DataSource } from 'typeorm';\nexport const source = new DataSource({ type: 'postgres' });\n`,
    'src/entities/member.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class Member {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ nullable: true }) lockedAt!: Date | null;
  @Column({ nullable: true }) lastSeenAt!: Date | null;
}
`,
    'src/repositories/member.repository.ts': `import { source } from '../data-source';
import { Member } from '../entities/member';
export class MemberRepository {
  private store = source.getRepository(Member);
  lock(id: string) {
    return this.store.update(id, { lockedAt: new Date() });
  }
  touch(id: string) {
    return this.store.update(id, { lastSeenAt: new Date() });
  }
}
export const memberRepository = new MemberRepository();
`,
    'src/services/member.service.ts': `import { memberRepository } from '../repositories/member.repository';
export class MemberService {
  async lock(actor: { id: string }, id: string) {
    if (actor.id === id) throw new Error('not yourself');
    await memberRepository.lock(id);
  }
  async touch(id: string) {
    await memberRepository.touch(id);
  }
}
export const memberService = new MemberService();
`,
    'src/controllers/member.controller.ts': `import type { Request, Response } from 'express';
import { memberService } from '../services/member.service';
export const memberController = {
  async lock(req: Request, res: Response) {
    await memberService.lock((req as any).user, req.params.id);
    res.status(204).end();
  },
  async touch(req: Request, res: Response) {
    await memberService.touch(req.params.id);
    res.status(204).end();
  },
};
`,
    'src/routes/members.ts': `import { Router } from 'express';
import { memberController } from '../controllers/member.controller';
import { allow, authenticate } from '../middleware/auth';
const router = Router();
router.use(authenticate);
${route}
export default router;
`,
  });

  it('reports a lock of a member the client names written by the repository of a controller in another file', async () => {
    const dir = writeProject(files(`router.post('/:id/lock', memberController.lock);\nrouter.post('/:id/seen', memberController.touch);`));
    const messages = await lintProjectFile(dir, 'src/routes/members.ts', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.message}`)).toEqual([
      '6 POST /:id/lock (express) writes `lockedAt` of a user the client names (`this.store.update`) (src/repositories/member.repository.ts:6), but any authenticated user can call it: it is authenticated by `authenticate` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });

  it('is quiet when the route checks a role', async () => {
    const dir = writeProject(files(`router.post('/:id/lock', allow('admin'), memberController.lock);`));
    expect(await lintProjectFile(dir, 'src/routes/members.ts', rules)).toEqual([]);
  });
});

const ticketsApp = `import express from 'express';
import { prisma } from './db';
const app = express();
function requireAuth(req: any, res: any, next: () => void) {
  if (!req.session?.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
const requireRole = (role: string) => (req: any, res: any, next: () => void) => (req.user.role === role ? next() : res.status(403).end());
app.post('/tickets/:id/escalate', requireAuth, requireRole('agent'), async (req, res) => {
  res.json(await prisma.ticket.update({ where: { id: req.params.id }, data: { priority: 'urgent' } }));
});
`;

ruleTester.run('require-role-check (a write the file keeps behind a role elsewhere)', rule, {
  valid: [
    {
      name: 'another field of the same model',
      options: strict,
      code: `${ticketsApp}app.patch('/tickets/:id', requireAuth, async (req, res) => {
  res.json(await prisma.ticket.update({ where: { id: req.params.id, orgId: req.user.orgId }, data: { subject: req.body.subject } }));
});
`,
    },
    {
      name: 'a record created with the same field (an audit entry) is no change of a kept record',
      options: [{ privilegedRoutes: 'report' }],
      code: `${ticketsApp}app.post('/tickets/:id/alerts', requireAuth, requireRole('agent'), async (req, res) => {
  await prisma.ticketEvent.create({ data: { ticketId: req.params.id, priority: 'urgent', note: 'paged' } });
  res.status(201).end();
});
app.post('/tickets/:id/notes', requireAuth, async (req, res) => {
  await prisma.ticketEvent.create({ data: { ticketId: req.params.id, priority: 'normal', note: req.body.note } });
  res.status(201).end();
});
`,
    },
    {
      name: 'the same field of the caller\'s own record',
      options: strict,
      code: `${ticketsApp}app.post('/tickets/:id/lower', requireAuth, async (req, res) => {
  res.json(await prisma.ticket.update({ where: { id: req.params.id, requesterId: req.user.id }, data: { priority: 'low' } }));
});
`,
    },
  ],
  invalid: [
    {
      name: 'the same field of the same model on a record of the tenant, without the role',
      options: strict,
      code: `${ticketsApp}app.post('/tickets/:id/bump', requireAuth, async (req, res) => {
  res.json(await prisma.ticket.update({ where: { id: req.params.id, orgId: req.user.orgId }, data: { priority: 'high' } }));
});
`,
      errors: [{
        messageId: 'privilegedRoute',
        line: 13,
        data: { method: 'POST', path: '/tickets/:id/bump', framework: 'express', by: '`requireAuth`', operation: 'writes `priority` of `ticket`, which `POST /tickets/:id/escalate` of this file writes only behind a role check', at: 'line 14' },
        suggestions: [{ messageId: 'addRoleCheck', data: { check: 'requireRole(\'agent\')' }, output: `${ticketsApp}app.post('/tickets/:id/bump', requireAuth, requireRole('agent'), async (req, res) => {
  res.json(await prisma.ticket.update({ where: { id: req.params.id, orgId: req.user.orgId }, data: { priority: 'high' } }));
});
` }],
      }],
    },
  ],
});

describe('require-role-check (a throwing role helper of a third file, called by a controller of another)', () => {
  const rules: Linter.RulesRecord = { 'api-security/require-role-check': ['error', { privilegedRoutes: 'report' }] };
  const project = (controller: string): Record<string, string> => ({
    'src/models.js': `const mongoose = require('mongoose');\nexports.Seat = mongoose.model('Seat', new mongoose.Schema({ role: String, teamId: String }));\n`,
    'src/lib/grades.js': `const ORDER = { guest: 0, writer: 1, manager: 2 };
function mustManage(user) {
  if (ORDER[user.role] < ORDER.manager) {
    const error = new Error('forbidden');
    error.status = 403;
    throw error;
  }
}
function note(user) {
  if (ORDER[user.role] < ORDER.manager) console.warn('a non-manager changes a grade');
}
module.exports = { mustManage, note };
`,
    'src/controllers/seats.js': controller,
    'src/routes.js': `const { Router } = require('express');
const passport = require('passport');
const seats = require('./controllers/seats');
const router = Router();
router.use(passport.authenticate('jwt', { session: false }));
router.put('/seats/:id/role', seats.regrade);
module.exports = router;
`,
  });
  const regrade = (body: string): string => `const { Seat } = require('../models');
const { mustManage, note } = require('../lib/grades');
async function regrade(req, res, next) {
${body}
}
module.exports = { regrade };
`;

  it('is quiet when the helper throws on a lesser role and the catch passes the error on', async () => {
    const dir = writeProject(project(regrade(`  try {
    mustManage(req.user);
    await Seat.updateOne({ _id: req.params.id, teamId: req.user.teamId }, { role: req.body.role });
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }`)));
    expect(await lintProjectFile(dir, 'src/routes.js', rules)).toEqual([]);
  });

  it('reports the route without the helper', async () => {
    const dir = writeProject(project(regrade(`  await Seat.updateOne({ _id: req.params.id, teamId: req.user.teamId }, { role: req.body.role });
  res.sendStatus(204);`)));
    expect((await lintProjectFile(dir, 'src/routes.js', rules)).map((message) => message.line)).toEqual([6]);
  });

  it('reports the same route when the catch swallows the refusal, or the helper only logs', async () => {
    const swallowed = writeProject(project(regrade(`  try {
    mustManage(req.user);
  } catch (err) {
    console.warn(err);
  }
  await Seat.updateOne({ _id: req.params.id, teamId: req.user.teamId }, { role: req.body.role });
  res.sendStatus(204);`)));
    expect((await lintProjectFile(swallowed, 'src/routes.js', rules)).map((message) => message.line)).toEqual([6]);
    const logged = writeProject(project(regrade(`  note(req.user);
  await Seat.updateOne({ _id: req.params.id, teamId: req.user.teamId }, { role: req.body.role });
  res.sendStatus(204);`)));
    expect((await lintProjectFile(logged, 'src/routes.js', rules)).map((message) => message.line)).toEqual([6]);
  });
});
