import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-ownership-check.js';

/*
 * Owners learned from the application's own queries, and the access shapes and excuses added after
 * red-team set 11: a filter condition bound to the caller's identity (whatever the field is called),
 * Sequelize's raw `query` with `bind`/`replacements`, Drizzle's relational queries, a role checked
 * by a helper the handler calls, and a role checked on a route whose path names the tenant.
 */

const ruleTester = new RuleTester();
const strict = [{ unscopedAccess: 'report' }] as const;

/** Express + Sequelize: a `Claim` whose owner column has a name of the application's own. */
const CLAIMS = `import express from 'express';
import { DataTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
const Claim = sequelize.define('Claim', { amount: DataTypes.INTEGER, state: DataTypes.STRING, claimantId: DataTypes.UUID });
const app = express();`;

/** Koa + Sequelize and a raw SQL table with a `user_id` owner column. */
const RECEIPTS = `import Router from '@koa/router';
import { QueryTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
export const ddl = 'CREATE TABLE receipts (id uuid primary key, user_id uuid not null references users(id), total int)';
const router = new Router();`;

/** A Drizzle table owned by an organisation. */
const WEBHOOKS = `import express from 'express';
import { and, eq } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { db } from './db';
import { orgs } from './orgs';
export const webhooks = pgTable('webhooks', {
  id: uuid('id').primaryKey(),
  url: text('url'),
  orgId: uuid('org_id').references(() => orgs.id),
});
function requireOrgRole(role) {
  return (req, res, next) => {
    if (req.membership?.role !== role) return res.status(403).json({ error: 'forbidden' });
    next();
  };
}
const app = express();`;

/** A Next.js route file on Prisma; the caller's `Invoice`s are listed by `accountId` elsewhere in the file. */
const NEXT_INVOICES = `import { NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';
import { getSession } from './session';
const prisma = new PrismaClient();
async function requireStaff() {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: 'sign in' }, { status: 401 });
  if (session.user.role !== 'staff') return NextResponse.json({ error: 'staff only' }, { status: 403 });
  return session.user;
}
async function requireSignedIn() {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: 'sign in' }, { status: 401 });
  return session.user;
}
async function assertStaff(user) {
  if (user.role !== 'staff') throw new Error('staff only');
}
export async function GET() {
  const session = await getSession();
  return NextResponse.json(await prisma.invoice.findMany({ where: { accountId: session.user.accountId } }));
}`;

ruleTester.run('require-ownership-check (learned owners, new shapes and excuses)', rule, {
  valid: [
    {
      name: 'a condition bound to the caller scopes the record whatever the field is called',
      options: strict,
      code: `${CLAIMS}
app.get('/claims', async (req, res) => res.json(await Claim.findAll({ where: { claimantId: req.user.id } })));
app.get('/claims/:id', async (req, res) => res.json(await Claim.findOne({ where: { id: req.params.id, claimantId: req.user.id } })));`,
    },
    {
      name: 'the caller\'s own record (a user model) is not learned as owned by the field it is looked up by',
      code: `import express from 'express';
import { DataTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
const User = sequelize.define('User', { email: DataTypes.STRING, displayName: DataTypes.STRING });
const app = express();
app.get('/me', async (req, res) => res.json(await User.findOne({ where: { email: req.user.email } })));
app.get('/people/:id', async (req, res) => res.json(await User.findByPk(req.params.id, { attributes: ['displayName'] })));`,
    },
    {
      name: 'Sequelize raw query: the owner among named replacements',
      options: strict,
      code: `${RECEIPTS}
router.get('/receipts/:id', async (ctx) => {
  const [receipt] = await sequelize.query('SELECT id, total FROM receipts WHERE id = :id AND user_id = :me', { replacements: { id: ctx.params.id, me: ctx.state.user.id }, type: QueryTypes.SELECT });
  ctx.body = receipt;
});`,
    },
    {
      name: 'Sequelize raw query: the owner bound by position',
      options: strict,
      code: `${RECEIPTS}
router.get('/receipts/:id', async (ctx) => {
  ctx.body = await sequelize.query('SELECT id, total FROM receipts WHERE id = $1 AND user_id = $2', { bind: [ctx.params.id, ctx.state.user.id], type: QueryTypes.SELECT });
});`,
    },
    {
      name: 'Drizzle relational query with the tenant in the filter',
      options: strict,
      code: `${WEBHOOKS}
app.get('/webhooks/:id', async (req, res) => res.json(await db.query.webhooks.findFirst({ where: and(eq(webhooks.id, req.params.id), eq(webhooks.orgId, req.user.orgId)) })));`,
    },
    {
      name: 'a tenant role on a path that names the tenant excuses an access that stays in that tenant',
      options: strict,
      code: `${WEBHOOKS}
app.delete('/orgs/:orgId/webhooks/:id', requireOrgRole('admin'), async (req, res) => {
  await db.delete(webhooks).where(and(eq(webhooks.id, req.params.id), eq(webhooks.orgId, req.params.orgId)));
  res.sendStatus(204);
});`,
    },
    {
      name: 'a role check on a path that names no tenant is an administration route',
      options: strict,
      code: `${WEBHOOKS}
app.delete('/admin/webhooks/:id', requireOrgRole('admin'), async (req, res) => {
  await db.delete(webhooks).where(eq(webhooks.id, req.params.id));
  res.sendStatus(204);
});`,
    },
    {
      name: 'Next.js: a helper that returns its 403 answer, which the handler returns',
      filename: 'app/api/invoices/[id]/route.ts',
      code: `${NEXT_INVOICES}
export async function DELETE(_req, { params }) {
  const staff = await requireStaff();
  if (staff instanceof NextResponse) return staff;
  await prisma.invoice.delete({ where: { id: params.id } });
  return new NextResponse(null, { status: 204 });
}`,
    },
    {
      name: 'Next.js: a helper that throws unless the role matches',
      filename: 'app/api/invoices/[id]/route.ts',
      code: `${NEXT_INVOICES}
export async function DELETE(_req, { params }) {
  const session = await getSession();
  await assertStaff(session.user);
  await prisma.invoice.delete({ where: { id: params.id } });
  return new NextResponse(null, { status: 204 });
}`,
    },
  ],
  invalid: [
    {
      name: 'a record loaded by id and checked for something else than its owner, while the list is scoped by the caller',
      code: `${CLAIMS}
app.get('/claims', async (req, res) => res.json(await Claim.findAll({ where: { claimantId: req.user.id } })));
app.post('/claims/:id/withdraw', async (req, res) => {
  const claim = await Claim.findByPk(req.params.id);
  if (!claim) return res.sendStatus(404);
  if (claim.state === 'paid') return res.status(409).json({ error: 'already paid' });
  await claim.update({ state: 'withdrawn' });
  res.json({ id: claim.id });
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 8, data: { orm: 'Sequelize', action: 'reads', model: 'Claim', source: '`req.params.id`', sourceLine: '8', where: ' in the handler of POST /claims/:id/withdraw', how: '`claimantId`', elsewhere: 'line 6', fields: '`claimantId`' } }],
    },
    {
      name: 'a condition whose value the client sends ties nothing to the caller, even under a caller-like name',
      code: `${CLAIMS}
app.get('/claims', async (req, res) => res.json(await Claim.findAll({ where: { claimantId: req.user.id } })));
app.get('/claims/:id', async (req, res) => res.json(await Claim.findOne({ where: { id: req.params.id, claimantId: req.query.userId } })));`,
      errors: [{ messageId: 'inconsistentAccess', line: 7 }],
    },
    {
      name: 'Sequelize raw query: the id among positional bind values, no owner',
      options: strict,
      code: `${RECEIPTS}
router.get('/receipts/:id', async (ctx) => {
  console.info('receipt asked by', ctx.state.user.id);
  ctx.body = await sequelize.query('SELECT id, total FROM receipts WHERE id = $1', { bind: [ctx.params.id], type: QueryTypes.SELECT });
});`,
      errors: [{
        messageId: 'unscopedAccess',
        line: 8,
        data: { orm: 'SQL', action: 'reads', model: 'receipts', source: '`ctx.params.id`', sourceLine: '8', where: ' in the handler of GET /receipts/:id', fields: '`user_id`' },
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`AND user_id = $2`' },
          output: `${RECEIPTS}
router.get('/receipts/:id', async (ctx) => {
  console.info('receipt asked by', ctx.state.user.id);
  ctx.body = await sequelize.query('SELECT id, total FROM receipts WHERE id = $1 AND user_id = $2', { bind: [ctx.params.id, ctx.state.user.id], type: QueryTypes.SELECT });
});`,
        }],
      }],
    },
    {
      name: 'Sequelize raw query: a named replacement in a template without interpolations, joined with another table',
      options: strict,
      code: `${RECEIPTS}
router.delete('/receipts/:id', async (ctx) => {
  await sequelize.query(\`DELETE FROM receipts r USING users u WHERE u.id = r.user_id AND r.id = :receipt\`, { replacements: { receipt: ctx.params.id } });
  ctx.status = 204;
});`,
      errors: [{ messageId: 'unscopedAccess', line: 7, data: { orm: 'SQL', action: 'deletes', model: 'receipts', source: '`ctx.params.id`', sourceLine: '7', where: ' in the handler of DELETE /receipts/:id', fields: '`user_id`' } }],
    },
    {
      name: 'Drizzle relational query by id alone',
      options: strict,
      code: `${WEBHOOKS}
app.get('/webhooks/:id', async (req, res) => res.json(await db.query.webhooks.findFirst({ where: eq(webhooks.id, req.params.id) })));`,
      errors: [{ messageId: 'unscopedAccess', line: 18, data: { orm: 'Drizzle', action: 'reads', model: 'webhooks', source: '`req.params.id`', sourceLine: '18', where: ' in the handler of GET /webhooks/:id', fields: '`orgId`' } }],
    },
    {
      name: 'Drizzle relational query with the callback filter',
      options: strict,
      code: `${WEBHOOKS}
app.get('/webhooks/:id', async (req, res) => res.json(await db.query.webhooks.findFirst({ where: (t, { eq }) => eq(t.id, req.params.id) })));`,
      errors: [{ messageId: 'unscopedAccess', line: 18 }],
    },
    {
      name: 'a tenant role on a path that names the tenant does not excuse an access outside that tenant',
      options: strict,
      code: `${WEBHOOKS}
app.delete('/orgs/:orgId/webhooks/:id', requireOrgRole('admin'), async (req, res) => {
  await db.delete(webhooks).where(eq(webhooks.id, req.params.id));
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'unscopedAccess', line: 19, data: { orm: 'Drizzle', action: 'deletes', model: 'webhooks', source: '`req.params.id`', sourceLine: '19', where: ' in the handler of DELETE /orgs/:orgId/webhooks/:id', fields: '`orgId`' } }],
    },
    {
      name: 'Next.js: a helper that only authenticates is no role check',
      filename: 'app/api/invoices/[id]/route.ts',
      code: `${NEXT_INVOICES}
export async function DELETE(_req, { params }) {
  const me = await requireSignedIn();
  if (me instanceof NextResponse) return me;
  await prisma.invoice.delete({ where: { id: params.id } });
  return new NextResponse(null, { status: 204 });
}`,
      errors: [{ messageId: 'inconsistentAccess', line: 26 }],
    },
    {
      name: 'Next.js: a helper that returns its 403 answer, which the handler ignores',
      filename: 'app/api/invoices/[id]/route.ts',
      code: `${NEXT_INVOICES}
export async function DELETE(_req, { params }) {
  await requireStaff();
  await prisma.invoice.delete({ where: { id: params.id } });
  return new NextResponse(null, { status: 204 });
}`,
      errors: [{ messageId: 'inconsistentAccess', line: 25 }],
    },
  ],
});
