import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';
import rule from '../../src/rules/require-ownership-check.js';

/*
 * Tenant-scoped clients and repositories: the access runs on a client that a helper of the
 * application made, and the helper's definition (in view) adds an owner or tenant condition to
 * every query, or sets row-level security, bound to a value the client does not choose.
 */

const ruleTester = new RuleTester();
const strict = [{ unscopedAccess: 'report' }] as const;

/** Express + Prisma, with an `Order` that belongs to an organization. */
const PRISMA = `import express from 'express';
import { PrismaClient } from '@prisma/client';
export const schema = \`
model Order {
  id    Int @id
  total Int
  orgId Int
}\`;
const prisma = new PrismaClient();
const app = express();`;

/** Express + knex, with an `orders` table that belongs to an organization. */
const KNEX = `import express from 'express';
import knex from 'knex';
export const migration = 'CREATE TABLE orders (id serial primary key, org_id int not null references organizations(id), total int)';
const db = knex({ client: 'pg' });
const app = express();`;

/** A Prisma client extended per tenant: every query gets the tenant condition. */
const FOR_TENANT = `function forTenant(tenantId) {
  return prisma.$extends({
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          args.where = { ...args.where, orgId: tenantId };
          return query(args);
        },
      },
    },
  });
}`;

/** A transaction that sets Postgres row-level security for the tenant, then runs the callback. */
const WITH_TENANT = `function withTenant(orgId, run) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw\`SELECT set_config('app.current_org', \${String(orgId)}, true)\`;
    return run(tx);
  });
}`;

ruleTester.run('require-ownership-check (tenant-scoped clients)', rule, {
  valid: [
    { name: 'Prisma: a client extended per tenant, made for the caller\'s organization', options: strict, code: `${PRISMA}
${FOR_TENANT}
app.get('/orders/:id', async (req, res) => {
  const db = forTenant(req.user.orgId);
  res.json(await db.order.findFirst({ where: { id: Number(req.params.id) } }));
});` },
    { name: 'Prisma: the helper reads the caller\'s organization from the request it is given', options: strict, code: `${PRISMA}
function getTenantClient(req) {
  return prisma.$extends({ query: { $allModels: { async findFirst({ args, query }) { args.where = { ...args.where, orgId: req.user.orgId }; return query(args); } } } });
}
app.delete('/orders/:id', async (req, res) => {
  res.json(await getTenantClient(req).order.deleteMany({ where: { id: Number(req.params.id) } }));
});` },
    { name: 'Prisma: a client extended in place, the tenant from async context', options: strict, code: `${PRISMA}
import { tenantContext } from './context';
const tenantDb = prisma.$extends({ query: { $allModels: { async $allOperations({ args, query }) { args.where = { ...args.where, orgId: tenantContext.getStore().orgId }; return query(args); } } } });
app.get('/orders/:id', async (req, res) => res.json(await tenantDb.order.findFirst({ where: { id: Number(req.params.id) } })));` },
    { name: 'a transaction wrapper that sets row-level security for the caller\'s organization', options: strict, code: `${PRISMA}
${WITH_TENANT}
app.get('/orders/:id', async (req, res) => {
  res.json(await withTenant(req.user.orgId, (tx) => tx.order.findUnique({ where: { id: Number(req.params.id) } })));
});` },
    { name: 'knex: a helper that returns a builder already filtered by the caller\'s organization', options: strict, code: `${KNEX}
const scoped = (req) => (table) => db(table).where({ org_id: req.user.orgId });
app.get('/orders/:id', async (req, res) => {
  res.json(await scoped(req)('orders').where({ id: req.params.id }).first());
});` },
    { name: 'knex: the helper filters with where(column, value)', options: strict, code: `${KNEX}
function forOrg(orgId) {
  return (table) => db(table).where('org_id', orgId);
}
app.put('/orders/:id', async (req, res) => {
  const orgDb = forOrg(req.user.orgId);
  res.json(await orgDb('orders').where({ id: req.params.id }).update({ total: Number(req.body.total) }));
});` },
    { name: 'a repository whose constructor takes the tenant and whose methods add it', options: strict, code: `${PRISMA}
class OrderRepo {
  constructor(orgId) { this.orgId = orgId; }
  get(id) { return prisma.order.findFirst({ where: { id: Number(id), orgId: this.orgId } }); }
}
app.get('/orders/:id', async (req, res) => res.json(await new OrderRepo(req.user.orgId).get(req.params.id)));` },
  ],
  invalid: [
    {
      name: 'Prisma: the client extended for an organization the client names',
      options: strict,
      code: `${PRISMA}
${FOR_TENANT}
app.get('/orders/:id', async (req, res) => {
  const db = forTenant(req.params.orgId);
  res.json(await db.order.findFirst({ where: { id: Number(req.params.id) } }));
});`,
      errors: [{ messageId: 'unscopedAccess', line: 25, data: { orm: 'Prisma', action: 'reads', model: 'order', source: '`req.params.id`', sourceLine: '25', where: ' in the handler of GET /orders/:id', fields: '`orgId`' } }],
    },
    {
      name: 'Prisma: an extension that adds no tenant condition',
      options: strict,
      code: `${PRISMA}
function forTenant(tenantId) {
  return prisma.$extends({ query: { $allModels: { async $allOperations({ args, query }) { console.log(tenantId, args.where); return query(args); } } } });
}
app.get('/orders/:id', async (req, res) => {
  const db = forTenant(req.user.orgId);
  res.json(await db.order.findFirst({ where: { id: Number(req.params.id) } }));
});`,
      errors: [{ messageId: 'unscopedAccess', line: 16 }],
    },
    {
      name: 'row-level security set for an organization taken from a request header',
      options: strict,
      code: `${PRISMA}
${WITH_TENANT}
app.get('/orders/:id', async (req, res) => {
  res.json(await withTenant(req.headers['x-org-id'], (tx) => tx.order.findUnique({ where: { id: Number(req.params.id) } })));
});`,
      errors: [{ messageId: 'unscopedAccess', line: 18 }],
    },
    {
      name: 'knex: the helper filters by an organization from the query string',
      options: strict,
      code: `${KNEX}
const scoped = (req) => (table) => db(table).where({ org_id: req.query.org });
app.get('/orders/:id', async (req, res) => {
  res.json(await scoped(req)('orders').where({ id: req.params.id }).first());
});`,
      errors: [{ messageId: 'unscopedAccess', line: 8, data: { orm: 'knex', action: 'reads', model: 'orders', source: '`req.params.id`', sourceLine: '8', where: ' in the handler of GET /orders/:id', fields: '`org_id`' } }],
    },
    {
      name: 'consistency: the tenant client scopes Order in one route, another route deletes by id on the bare client',
      code: `${PRISMA}
${FOR_TENANT}
app.get('/orders/:id', async (req, res) => res.json(await forTenant(req.user.orgId).order.findFirst({ where: { id: Number(req.params.id) } })));
app.delete('/orders/:id', async (req, res) => res.json(await prisma.order.delete({ where: { id: Number(req.params.id) } })));`,
      errors: [{ messageId: 'inconsistentAccess', line: 24, data: { orm: 'Prisma', action: 'deletes', model: 'order', source: '`req.params.id`', sourceLine: '24', where: ' in the handler of DELETE /orders/:id', how: 'the client of `forTenant` (line 23), which adds `orgId`', elsewhere: 'line 23' } }],
    },
  ],
});

const RULE = 'api-security/require-ownership-check';
const strictProject: Linter.RulesRecord = { [RULE]: ['error', { unscopedAccess: 'report' }] };

/** The tenant helper in its own module: a Prisma client extended with the organization's condition. */
const TENANT_MODULE = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function forTenant(orgId: number) {
  return prisma.$extends({
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          args.where = { ...args.where, orgId };
          return query(args);
        },
      },
    },
  });
}
export function forAnyone(orgId: number) {
  return prisma.$extends({ name: \`org-\${orgId}\` });
}
`;

const SCHEMA = `model Order {
  id    Int @id
  total Int
  orgId Int
}
`;

describe('require-ownership-check: a tenant helper of another file', () => {
  it('judges the helper by its definition in the other file: the tenant client is scoped, the bare extension is not', async () => {
    const dir = writeProject({
      'prisma/schema.prisma': SCHEMA,
      'src/tenant.ts': TENANT_MODULE,
      'src/orders.ts': `import { Router } from 'express';
import { forAnyone, forTenant } from './tenant';
export const router = Router();
router.get('/orders/:id', async (req, res) => {
  res.json(await forTenant(req.user.orgId).order.findFirst({ where: { id: Number(req.params.id) } }));
});
router.get('/orders/:id/raw', async (req, res) => {
  res.json(await forAnyone(req.user.orgId).order.findFirst({ where: { id: Number(req.params.id) } }));
});
router.get('/orgs/:orgId/orders/:id', async (req, res) => {
  res.json(await forTenant(Number(req.params.orgId)).order.findFirst({ where: { id: Number(req.params.id) } }));
});
`,
    });
    const messages = await lintProjectFile(dir, 'src/orders.ts', strictProject);
    // Line 5 is scoped by the helper; line 8's helper adds no condition; line 11 scopes by an organization the client names.
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[8, RULE], [11, RULE]]);
  });
});
