import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-ownership-check.js';

const ruleTester = new RuleTester();
const strict = [{ unscopedAccess: 'report' }] as const;

/** An Express app with a Mongoose `Order` owned by a user (`owner: ref 'User'`). */
const ORDERS = `import express from 'express';
import mongoose, { Schema } from 'mongoose';
const orderSchema = new Schema({ total: Number, status: String, owner: { type: Schema.Types.ObjectId, ref: 'User' } });
const Order = mongoose.model('Order', orderSchema);
const app = express();
app.get('/me', (req, res) => res.json(req.user));`;

/** A catalog without owner: every record is public. */
const PRODUCTS = `import express from 'express';
import mongoose, { Schema } from 'mongoose';
const Product = mongoose.model('Product', new Schema({ name: String, price: Number }));
const app = express();`;

/** A Drizzle table whose `userId` references the users table. */
const TODOS = `import express from 'express';
import { and, eq } from 'drizzle-orm';
import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { db } from './db';
import { users } from './users';
export const todos = pgTable('todos', {
  id: serial('id').primaryKey(),
  title: text('title'),
  userId: integer('user_id').references(() => users.id),
});
const app = express();`;

/** A pg pool and the notes table, created with an owner column. */
const NOTES = `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
export const migration = 'CREATE TABLE notes (id serial primary key, user_id int not null references users(id), body text)';
const app = express();`;

ruleTester.run('require-ownership-check', rule, {
  valid: [
    { name: 'Mongoose: the owner in the filter', options: strict, code: `${ORDERS}
app.get('/orders/:id', async (req, res) => res.json(await Order.findOne({ _id: req.params.id, owner: req.user._id })));` },
    { name: 'Mongoose: the owner compared after loading, 403', options: strict, code: `${ORDERS}
app.get('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  if (!order) return res.sendStatus(404);
  if (order.owner.toString() !== req.user.id) return res.sendStatus(403);
  res.json(order);
});` },
    { name: 'Mongoose: equals() on the owner, then throws', options: strict, code: `${ORDERS}
app.delete('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id).exec();
  if (!order.owner.equals(req.user._id)) throw new Error('forbidden');
  await order.deleteOne();
  res.sendStatus(204);
});` },
    { name: 'CASL: ForbiddenError.from(ability).throwUnlessCan with the record', options: strict, code: `${ORDERS}
import { ForbiddenError } from '@casl/ability';
app.get('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  ForbiddenError.from(req.ability).throwUnlessCan('read', order);
  res.json(order);
});` },
    { name: 'CASL: ability.cannot(...) with the record answers 403', options: strict, code: `${ORDERS}
app.put('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  if (req.ability.cannot('update', order)) return res.sendStatus(403);
  res.json(await order.save());
});` },
    { name: 'a policy helper judged by its definition: it compares the owner and throws', options: strict, code: `${ORDERS}
function assertOwner(user, order) {
  if (String(order.owner) !== String(user._id)) throw Object.assign(new Error('Forbidden'), { status: 403 });
}
app.get('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  assertOwner(req.user, order);
  res.json(order);
});` },
    { name: 'a policy helper with an expression body', options: strict, code: `${ORDERS}
const canSee = (user, order) => order.owner.equals(user._id);
app.get('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  if (!canSee(req.user, order)) return res.status(404).end();
  res.json(order);
});` },
    { name: 'the owner checked in the caller the record is returned to', options: strict, code: `${ORDERS}
const load = (id) => Order.findById(id);
app.get('/orders/:id', async (req, res) => {
  const order = await load(req.params.id);
  if (order.owner.toString() !== req.user.id) return res.sendStatus(403);
  res.json(order);
});` },
    { name: 'an admin route behind a role check acts on any record', options: strict, code: `${ORDERS}
const requireRole = (role) => (req, res, next) => {
  if (!req.user || req.user.role !== role) return res.sendStatus(403);
  next();
};
app.delete('/admin/orders/:id', requireRole('admin'), async (req, res) => {
  await Order.findByIdAndDelete(req.params.id);
  res.sendStatus(204);
});` },
    { name: 'a public catalog: the model has no owner field', options: strict, code: `${PRODUCTS}
app.get('/products/:id', async (req, res) => res.json(await Product.findById(req.params.id)));` },
    { name: 'the id is the caller\'s own, not the client\'s', options: strict, code: `${ORDERS}
app.get('/orders/current', async (req, res) => res.json(await Order.findById(req.user.currentOrderId)));` },
    { name: 'default mode: a model the app never ties to the caller is not reported', code: `${ORDERS}
app.get('/orders/:id', async (req, res) => res.json(await Order.findById(req.params.id)));` },
    { name: 'Postgres row-level security set per request', options: strict, code: `${NOTES}
app.get('/notes/:id', async (req, res) => {
  const client = await pool.connect();
  await client.query("SELECT set_config('app.user_id', $1, true)", [String(req.user.id)]);
  const { rows } = await client.query('SELECT * FROM notes WHERE id = $1', [req.params.id]);
  client.release();
  res.json(rows[0]);
});` },
    { name: 'pg: AND user_id = $2 bound to the caller', options: strict, code: `${NOTES}
app.get('/notes/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM notes WHERE id = $1 AND user_id = $2', [req.params.id, req.user.id]);
  res.json(rows[0]);
});` },
    { name: 'Drizzle: and(eq(id), eq(userId, caller))', options: strict, code: `${TODOS}
app.get('/todos/:id', async (req, res) => {
  const [todo] = await db.select().from(todos).where(and(eq(todos.id, Number(req.params.id)), eq(todos.userId, req.user.id)));
  res.json(todo);
});` },
    { name: 'Prisma: a compound owner condition through a relation filter', options: strict, code: `import { PrismaClient } from '@prisma/client';
import express from 'express';
const prisma = new PrismaClient();
const app = express();
export const schema = \`model Invoice {
  id     Int  @id
  user   User @relation(fields: [userId], references: [id])
  userId Int
}\`;
app.get('/invoices/:id', async (req, res) => res.json(await prisma.invoice.findFirst({ where: { id: Number(req.params.id), user: { id: req.user.id } } })));` },
    { name: 'knex: .where({ id, user_id }) bound to the caller', code: `import Router from '@koa/router';
import knex from 'knex';
const db = knex({ client: 'pg' });
const router = new Router();
router.get('/projects', async (ctx) => { ctx.body = await db('projects').where({ user_id: ctx.state.user.id }); });
router.get('/projects/:id', async (ctx) => { ctx.body = await db('projects').where({ id: ctx.params.id, user_id: ctx.state.user.id }).first(); });
router.delete('/projects/:id', async (ctx) => { ctx.body = await db('projects').where('id', ctx.params.id).andWhere('user_id', ctx.state.user.id).del(); });` },
    { name: 'NestJS + TypeORM: the owner relation in the where, the caller from @CurrentUser()', options: strict, code: `import { Controller, Get, Param } from '@nestjs/common';
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, Repository } from 'typeorm';
import { CurrentUser } from './auth';
@Entity()
export class Invoice {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => User) owner: User;
}
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoiceRepository: Repository<Invoice>) {}
  @Get(':id')
  show(@Param('id') id: string, @CurrentUser() user: { id: number }) {
    return this.invoiceRepository.findOne({ where: { id: Number(id), owner: { id: user.id } } });
  }
}` },
    { name: 'Sequelize: findOne with the owner in the where', options: strict, code: `import express from 'express';
import { DataTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
const Invoice = sequelize.define('Invoice', { amount: DataTypes.INTEGER, userId: DataTypes.INTEGER });
const app = express();
app.get('/invoices/:id', async (req, res) => res.json(await Invoice.findOne({ where: { id: req.params.id, userId: req.user.id } })));` },
    { name: 'a tagged SQL template with the owner interpolated as a value', options: strict, code: `import express from 'express';
import postgres from 'postgres';
const sql = postgres();
export const schema = 'CREATE TABLE files (id uuid primary key, owner_id uuid references users(id), name text)';
const app = express();
app.get('/files/:id', async (req, res) => res.json(await sql.query(\`SELECT * FROM files WHERE id = \${req.params.id} AND owner_id = \${req.user.id}\`)));` },
    { name: 'the access runs only when a lookup scoped to the caller found a share of the same id', options: strict, code: `import express from 'express';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dataSource, entities } from './db';
@Entity()
export class Credential {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() workspaceId: string;
}
const app = express();
app.post('/credentials/:id/use', async (req, res) => {
  const { id } = req.params;
  const workspaceId = req.user.activeWorkspaceId;
  const credentialRepository = dataSource.getRepository(Credential);
  let credential = await credentialRepository.findOneBy({ id, workspaceId });
  if (!credential) {
    const share = await dataSource.getRepository(entities.Share).findOneBy({ workspaceId, sharedItemId: id });
    if (share) credential = await credentialRepository.findOneBy({ id });
  }
  res.json({ found: Boolean(credential) });
});` },
    { name: 'Prisma: CASL accessibleBy in the where', options: strict, code: `import { PrismaClient } from '@prisma/client';
import { accessibleBy } from '@casl/prisma';
import express from 'express';
const prisma = new PrismaClient();
const app = express();
export const schema = 'model Invoice { id Int @id userId Int }';
app.get('/invoices/:id', async (req, res) => res.json(await prisma.invoice.findFirst({ where: { id: Number(req.params.id), AND: [accessibleBy(req.ability).Invoice] } })));` },
  ],
  invalid: [
    {
      name: 'Express + Mongoose: findById by a path parameter, strict; the suggestion adds the owner',
      options: strict,
      code: `${ORDERS}
app.get('/orders/:id', async (req, res) => res.json(await Order.findById(req.params.id)));`,
      errors: [{
        messageId: 'unscopedAccess',
        line: 7,
        column: 59,
        data: { orm: 'Mongoose', action: 'reads', model: 'Order', source: '`req.params.id`', sourceLine: '7', where: ' in the handler of GET /orders/:id', fields: '`owner`' },
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`owner: req.user._id`' },
          output: `${ORDERS}
app.get('/orders/:id', async (req, res) => res.json(await Order.findOne({ _id: req.params.id, owner: req.user._id })));`,
        }],
      }],
    },
    {
      name: 'default mode: the same model is scoped by its owner in another handler (consistency)',
      code: `${ORDERS}
app.get('/orders', async (req, res) => res.json(await Order.find({ owner: req.user._id })));
app.delete('/orders/:id', async (req, res) => {
  await Order.deleteOne({ _id: req.params.id, owner: req.user._id });
  res.sendStatus(204);
});
app.patch('/orders/:id', async (req, res) => {
  res.json(await Order.findOneAndUpdate({ _id: req.params.id }, { status: req.body.status }));
});`,
      errors: [{
        messageId: 'inconsistentAccess',
        line: 13,
        data: { orm: 'Mongoose', action: 'changes', model: 'Order', source: '`req.params.id`', sourceLine: '13', where: ' in the handler of PATCH /orders/:id', how: '`owner`', elsewhere: 'line 7' },
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`owner: req.user._id`' },
          output: `${ORDERS}
app.get('/orders', async (req, res) => res.json(await Order.find({ owner: req.user._id })));
app.delete('/orders/:id', async (req, res) => {
  await Order.deleteOne({ _id: req.params.id, owner: req.user._id });
  res.sendStatus(204);
});
app.patch('/orders/:id', async (req, res) => {
  res.json(await Order.findOneAndUpdate({ _id: req.params.id, owner: req.user._id }, { status: req.body.status }));
});`,
        }],
      }],
    },
    {
      name: 'an owner condition the client chooses ties nothing to the caller',
      options: strict,
      code: `${ORDERS}
app.get('/orders/:id', async (req, res) => res.json(await Order.findOne({ _id: req.params.id, owner: req.query.owner })));`,
      errors: [{ messageId: 'unscopedAccess', line: 7 }],
    },
    {
      name: 'a number coerced from the path is still the client\'s choice',
      options: strict,
      code: `${NOTES}
app.delete('/notes/:id', async (req, res) => {
  await pool.query('DELETE FROM notes WHERE id = $1', [parseInt(req.params.id, 10)]);
  res.sendStatus(204);
});
app.get('/whoami', (req, res) => res.json({ id: req.user.id }));`,
      errors: [{
        messageId: 'unscopedAccess',
        line: 7,
        data: { orm: 'SQL', action: 'deletes', model: 'notes', source: '`req.params.id`', sourceLine: '7', where: ' in the handler of DELETE /notes/:id', fields: '`user_id`' },
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`AND user_id = $2`' },
          output: `${NOTES}
app.delete('/notes/:id', async (req, res) => {
  await pool.query('DELETE FROM notes WHERE id = $1 AND user_id = $2', [parseInt(req.params.id, 10), req.user.id]);
  res.sendStatus(204);
});
app.get('/whoami', (req, res) => res.json({ id: req.user.id }));`,
        }],
      }],
    },
    {
      name: 'a comparison that is not about the owner is no check; a helper that only logs is no policy',
      options: strict,
      code: `${ORDERS}
function audit(user, order) {
  console.log(user.id, order.id);
}
app.get('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  if (order.status !== req.query.status) return res.sendStatus(409);
  audit(req.user, order);
  res.json(order);
});`,
      errors: [{
        messageId: 'unscopedAccess',
        line: 11,
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`owner: req.user._id`' },
          output: `${ORDERS}
function audit(user, order) {
  console.log(user.id, order.id);
}
app.get('/orders/:id', async (req, res) => {
  const order = await Order.findOne({ _id: req.params.id, owner: req.user._id });
  if (order.status !== req.query.status) return res.sendStatus(409);
  audit(req.user, order);
  res.json(order);
});`,
        }],
      }],
    },
    {
      name: 'a helper of the same file holds the access; the route is named through the call',
      options: strict,
      code: `${ORDERS}
function orderById(id) {
  return Order.findById(id).lean();
}
app.get('/orders/:id', async (req, res) => res.json(await orderById(req.params.id)));`,
      errors: [{
        messageId: 'unscopedAccess',
        line: 8,
        data: { orm: 'Mongoose', action: 'reads', model: 'Order', source: '`req.params.id`', sourceLine: '10', where: ' through `orderById` (called on line 10 by the handler of GET /orders/:id)', fields: '`owner`' },
      }],
    },
    {
      name: 'Drizzle: the id alone in the where',
      options: strict,
      code: `${TODOS}
app.delete('/todos/:id', async (req, res) => {
  await db.delete(todos).where(eq(todos.id, Number(req.params.id)));
  res.sendStatus(204);
});`,
      errors: [{
        messageId: 'unscopedAccess',
        line: 13,
        data: { orm: 'Drizzle', action: 'deletes', model: 'todos', source: '`req.params.id`', sourceLine: '13', where: ' in the handler of DELETE /todos/:id', fields: '`userId`' },
      }],
    },
    {
      name: 'Koa + knex: the same table is scoped by user_id in another route (consistency)',
      code: `import Router from '@koa/router';
import knex from 'knex';
const db = knex({ client: 'pg' });
const router = new Router();
router.get('/projects', async (ctx) => {
  ctx.body = await db('projects').where({ user_id: ctx.state.user.id });
});
router.get('/projects/:id', async (ctx) => {
  ctx.body = await db('projects').where({ id: ctx.params.id }).first();
});`,
      errors: [{
        messageId: 'inconsistentAccess',
        line: 9,
        data: { orm: 'knex', action: 'reads', model: 'projects', source: '`ctx.params.id`', sourceLine: '9', where: ' in the handler of GET /projects/:id', how: '`user_id`', elsewhere: 'line 6' },
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`user_id: ctx.state.user.id`' },
          output: `import Router from '@koa/router';
import knex from 'knex';
const db = knex({ client: 'pg' });
const router = new Router();
router.get('/projects', async (ctx) => {
  ctx.body = await db('projects').where({ user_id: ctx.state.user.id });
});
router.get('/projects/:id', async (ctx) => {
  ctx.body = await db('projects').where({ id: ctx.params.id, user_id: ctx.state.user.id }).first();
});`,
        }],
      }],
    },
    {
      name: 'Fastify + Prisma: the same model filtered by userId elsewhere (consistency)',
      code: `import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.get('/documents', async (request) => prisma.document.findMany({ where: { id: { in: request.query.ids }, userId: request.user.id } }));
app.get('/documents/:id/owned', async (request) => prisma.document.findFirst({ where: { id: request.params.id, userId: request.user.id } }));
app.put('/documents/:id', async (request) => prisma.document.update({ where: { id: request.params.id }, data: { title: request.body.title } }));`,
      errors: [{
        messageId: 'inconsistentAccess',
        line: 7,
        data: { orm: 'Prisma', action: 'changes', model: 'document', source: '`request.params.id`', sourceLine: '7', where: ' in the handler of PUT /documents/:id', how: '`userId`', elsewhere: 'line 5' },
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`userId: request.user.id`' },
          output: `import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.get('/documents', async (request) => prisma.document.findMany({ where: { id: { in: request.query.ids }, userId: request.user.id } }));
app.get('/documents/:id/owned', async (request) => prisma.document.findFirst({ where: { id: request.params.id, userId: request.user.id } }));
app.put('/documents/:id', async (request) => prisma.document.update({ where: { id: request.params.id, userId: request.user.id }, data: { title: request.body.title } }));`,
        }],
      }],
    },
    {
      name: 'Sequelize: findByPk of a model that belongsTo User',
      options: strict,
      code: `import express from 'express';
import { DataTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
const User = sequelize.define('User', { email: DataTypes.STRING });
const Invoice = sequelize.define('Invoice', { amount: DataTypes.INTEGER });
Invoice.belongsTo(User);
const app = express();
app.get('/invoices/:id', async (req, res) => {
  console.log('invoice requested by', req.user.id);
  res.json(await Invoice.findByPk(req.params.id));
});`,
      errors: [{
        messageId: 'unscopedAccess',
        line: 10,
        data: { orm: 'Sequelize', action: 'reads', model: 'Invoice', source: '`req.params.id`', sourceLine: '10', where: ' in the handler of GET /invoices/:id', fields: '`userId`' },
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`userId: req.user.id`' },
          output: `import express from 'express';
import { DataTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
const User = sequelize.define('User', { email: DataTypes.STRING });
const Invoice = sequelize.define('Invoice', { amount: DataTypes.INTEGER });
Invoice.belongsTo(User);
const app = express();
app.get('/invoices/:id', async (req, res) => {
  console.log('invoice requested by', req.user.id);
  res.json(await Invoice.findOne({ where: { id: req.params.id, userId: req.user.id } }));
});`,
        }],
      }],
    },
    {
      name: 'NestJS + TypeORM: findOneBy the client id on an entity owned by a user',
      options: strict,
      code: `import { Controller, Get, Param } from '@nestjs/common';
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, Repository } from 'typeorm';
@Entity()
export class Invoice {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => User) owner: User;
  @Column() ownerId: number;
}
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoiceRepository: Repository<Invoice>) {}
  @Get(':id')
  show(@Param('id') id: string) {
    return this.invoiceRepository.findOneBy({ id: Number(id) });
  }
}`,
      errors: [{ messageId: 'unscopedAccess', line: 14, data: { orm: 'TypeORM', action: 'reads', model: 'invoice', source: "`@Param('id') id`", sourceLine: '13', where: ' in the handler of GET /invoices/:id', fields: '`owner`, `ownerId`' } }],
    },
    {
      name: 'an id from the body names the record too',
      options: strict,
      code: `${ORDERS}
app.post('/orders/cancel', async (req, res) => res.json(await Order.findByIdAndUpdate(req.body.orderId, { status: 'cancelled' })));`,
      errors: [{
        messageId: 'unscopedAccess',
        line: 7,
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`owner: req.user._id`' },
          output: `${ORDERS}
app.post('/orders/cancel', async (req, res) => res.json(await Order.findOneAndUpdate({ _id: req.body.orderId, owner: req.user._id }, { status: 'cancelled' })));`,
        }],
      }],
    },
    {
      name: 'Next.js route handlers: GET scopes by the session user, DELETE does not (consistency)',
      filename: 'app/api/orders/[id]/route.ts',
      code: `import { NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { prisma } from '@/lib/prisma';
export async function GET(request: Request, { params }: { params: { id: string } }) {
  const session = await getServerSession();
  const order = await prisma.order.findFirst({ where: { id: params.id, userId: session.user.id } });
  return NextResponse.json(order);
}
export async function DELETE(request: Request, { params }: { params: { id: string } }) {
  await getServerSession();
  await prisma.order.delete({ where: { id: params.id } });
  return new NextResponse(null, { status: 204 });
}`,
      errors: [{ messageId: 'inconsistentAccess', line: 11, data: { orm: 'Prisma', action: 'deletes', model: 'order', source: '`params.id`', sourceLine: '11', where: ' in the handler of DELETE /api/orders/[id]', how: '`userId`', elsewhere: 'line 6' } }],
    },
    {
      name: 'Sequelize: destroy({ where: { id } })',
      options: strict,
      code: `import express from 'express';
import { DataTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
const Invoice = sequelize.define('Invoice', { amount: DataTypes.INTEGER, accountId: DataTypes.INTEGER });
const app = express();
app.delete('/invoices/:id', async (req, res) => res.json(await Invoice.destroy({ where: { id: req.params.id } })));`,
      errors: [{ messageId: 'unscopedAccess', line: 6, data: { orm: 'Sequelize', action: 'deletes', model: 'Invoice', source: '`req.params.id`', sourceLine: '6', where: ' in the handler of DELETE /invoices/:id', fields: '`accountId`' } }],
    },
  ],
});
