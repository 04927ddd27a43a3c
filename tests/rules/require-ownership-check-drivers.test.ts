import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-ownership-check.js';

/*
 * Record accesses of drivers and builders beyond the ORMs: the MongoDB driver with collections
 * named where they are made (`db.collection('x')`, a variable holding one, a helper returning
 * one) and ids wrapped in `new ObjectId(...)`, kysely chains, mssql named inputs and pg-promise
 * methods; and records named inside a parent the client also names
 * (`where: { id: stepId, recipeId }`), which the parent key does not scope unless the parent is
 * tied to the caller.
 */

const ruleTester = new RuleTester();
const strict = [{ unscopedAccess: 'report' }] as const;

/** Koa + the MongoDB driver: a `getStore()` helper gives the database. */
const MONGO = `import Router from '@koa/router';
import { ObjectId, MongoClient } from 'mongodb';
const client = new MongoClient(process.env.MONGO_URL);
async function getStore() { await client.connect(); return client.db('garden'); }
const router = new Router();
router.get('/plots', async (ctx) => {
  const store = await getStore();
  ctx.body = await store.collection('plots').find({ gardenerId: ctx.state.user.id }).toArray();
});`;

/** Express + kysely: `vendors` belong to a buyer (`buyer_id`). */
const KYSELY = `import express from 'express';
import { db } from './db';
const app = express();
app.get('/my/vendors/:id', async (req, res) => {
  if (!req.session.user) return res.sendStatus(401);
  res.json(await db.selectFrom('vendors').selectAll().where('id', '=', req.params.id).where('buyer_id', '=', req.session.user.id).executeTakeFirst());
});`;

/** Express + mssql: `invoices` scoped by `clinic_id` in one route. */
const MSSQL = `import express from 'express';
import sql from 'mssql';
const pool = new sql.ConnectionPool(process.env.DB);
const app = express();
app.get('/bills', async (req, res) => {
  const r = await pool.request().input('clinic', sql.Int, req.user.clinicId).query('SELECT id, total FROM bills WHERE clinic_id = @clinic');
  res.json(r.recordset);
});`;

/** Koa + pg-promise with the table's definition in view. */
const PGP = `import Router from '@koa/router';
import pgp from 'pg-promise';
const db = pgp()(process.env.DATABASE_URL);
export const schema = 'CREATE TABLE tickets (id serial PRIMARY KEY, title text, team_id int REFERENCES teams(id))';
const router = new Router();`;

/**
 * Express + Knex: `shipments` listed with Knex's `raw` (text, then its `?` values), scoped to the
 * caller's depot in one route (the SQL text names the owner column, the values the caller).
 */
const KNEX_RAW = (depot: string): string => `import express from 'express';
import knex from 'knex';
const db = knex({ client: 'pg' });
const app = express();
app.get('/shipments', async (req, res) => {
  if (!req.session.user) return res.sendStatus(401);
  res.json((await db.raw('SELECT id, eta FROM shipments WHERE depot_id = ? ORDER BY eta', [${depot}])).rows);
});`;

/** Nest + TypeORM: a `Recipe` owned by its author, its `Step`s have no owner field of their own. */
const RECIPES = `import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { Entity, ManyToOne, Column, PrimaryGeneratedColumn, Repository } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthGuard } from '@nestjs/passport';
@Entity() export class User { @PrimaryGeneratedColumn() id: number; }
@Entity() export class Recipe { @PrimaryGeneratedColumn() id: number; @ManyToOne(() => User) author: User; @Column() authorId: number; }
@Entity() export class Step { @PrimaryGeneratedColumn() id: number; @ManyToOne(() => Recipe) recipe: Recipe; @Column() recipeId: number; }
@Controller('recipes')
@UseGuards(AuthGuard('jwt'))
export class StepsController {
  constructor(@InjectRepository(Step) private readonly steps: Repository<Step>, @InjectRepository(Recipe) private readonly recipes: Repository<Recipe>) {}`;

/** Express + Prisma with no schema in view: the app scopes `Shipment` by `accountId`; `Parcel`s belong to a shipment. */
const SHIPPING = `import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/shipments/:id', async (req, res) => {
  res.json(await prisma.shipment.findFirst({ where: { id: req.params.id, accountId: req.user.accountId } }));
});`;

ruleTester.run('require-ownership-check: drivers, builders and parents', rule, {
  valid: [
    {
      name: 'Knex raw: the depot a listing is scoped by is one the client sends, which teaches no owner',
      code: `${KNEX_RAW('req.query.depot')}
app.get('/shipments/:id', async (req, res) => {
  res.json(await db('shipments').where({ id: req.params.id }).first('id', 'eta'));
});`,
    },
    {
      name: 'Knex raw: the read by id carries the depot condition too',
      code: `${KNEX_RAW('req.session.user.depotId')}
app.get('/shipments/:id', async (req, res) => {
  res.json(await db('shipments').where({ id: req.params.id, depot_id: req.session.user.depotId }).first('id', 'eta'));
});`,
    },
    {
      name: 'MongoDB: the plot read by its id and the caller',
      options: strict,
      code: `${MONGO}
router.get('/plots/:id', async (ctx) => {
  const store = await getStore();
  ctx.body = await store.collection('plots').findOne({ _id: new ObjectId(ctx.params.id), gardenerId: ctx.state.user.id });
});`,
    },
    {
      name: 'MongoDB: a collection held in a variable, scoped to the caller',
      options: strict,
      code: `${MONGO}
router.del('/plots/:id', async (ctx) => {
  const plots = (await getStore()).collection('plots');
  await plots.deleteOne({ _id: ObjectId.createFromHexString(ctx.params.id), gardenerId: ctx.state.user.id });
  ctx.status = 204;
});`,
    },
    {
      name: 'MongoDB: an id that is the caller\'s own',
      options: strict,
      code: `${MONGO}
router.get('/me/plot', async (ctx) => {
  const store = await getStore();
  ctx.body = await store.collection('plots').findOne({ _id: new ObjectId(ctx.state.user.plotId) });
});`,
    },
    { name: 'kysely: the vendor filtered by the buyer from the session', options: strict, code: KYSELY },
    {
      name: 'mssql: the bill filtered by the caller\'s clinic as a named input',
      options: strict,
      code: `${MSSQL}
app.get('/bills/:id', async (req, res) => {
  const r = await pool.request().input('id', sql.Int, Number(req.params.id)).input('clinic', sql.Int, req.user.clinicId).query('SELECT * FROM bills WHERE id = @id AND clinic_id = @clinic');
  res.json(r.recordset[0]);
});`,
    },
    {
      name: 'pg-promise: the ticket filtered by the caller\'s team',
      options: strict,
      code: `${PGP}
router.get('/tickets/:id', async (ctx) => {
  ctx.body = await db.oneOrNone('SELECT * FROM tickets WHERE id = $1 AND team_id = $2', [ctx.params.id, ctx.state.user.teamId]);
});`,
    },
    {
      name: 'a step inside a recipe that is loaded scoped to the caller first',
      options: strict,
      code: `${RECIPES}
  @Get(':rid/steps/:sid')
  async step(@Param('rid') rid: string, @Param('sid') sid: string, @Req() req: any) {
    await this.recipes.findOneOrFail({ where: { id: Number(rid), authorId: req.user.id } });
    return this.steps.findOne({ where: { id: Number(sid), recipeId: Number(rid) } });
  }
}`,
    },
    {
      name: 'a step inside the caller\'s own recipe (the parent id from the session)',
      options: strict,
      code: `${RECIPES}
  @Get('current/steps/:sid')
  async current(@Param('sid') sid: string, @Req() req: any) {
    return this.steps.findOne({ where: { id: Number(sid), recipeId: req.user.currentRecipeId } });
  }
}`,
    },
    {
      name: 'default level: a record inside a parent is not a consistency finding',
      code: `${RECIPES}
  @Get(':rid/steps/:sid')
  async step(@Param('rid') rid: string, @Param('sid') sid: string) {
    return this.steps.findOne({ where: { id: Number(sid), recipeId: Number(rid) } });
  }
}`,
    },
    {
      name: 'parcels listed inside a shipment whose owner condition is in the list',
      options: strict,
      code: `${SHIPPING}
app.get('/shipments/:id/parcels', async (req, res) => {
  res.json(await prisma.parcel.findMany({ where: { shipmentId: req.params.id, shipment: { accountId: req.user.accountId } } }));
});`,
    },
  ],
  invalid: [
    {
      name: 'Knex raw: shipments scoped to the caller\'s depot in its SQL text, read by id alone elsewhere',
      code: `${KNEX_RAW('req.session.user.depotId')}
app.get('/shipments/:id', async (req, res) => {
  res.json(await db('shipments').where({ id: req.params.id }).first('id', 'eta'));
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 10 }],
    },
    {
      name: 'Knex raw: a change by id, in raw SQL too, without the depot',
      code: `${KNEX_RAW('req.session.user.depotId')}
app.post('/shipments/:id/cancel', async (req, res) => {
  await db.raw("UPDATE shipments SET status = 'cancelled' WHERE id = ?", [req.params.id]);
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 10 }],
    },
    {
      name: 'MongoDB: the plot read by the client\'s id alone, from a collection of the helper\'s database',
      code: `${MONGO}
router.get('/plots/:id', async (ctx) => {
  const store = await getStore();
  ctx.body = await store.collection('plots').findOne({ _id: new ObjectId(ctx.params.id) }, { projection: { name: 1 } });
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 12 }],
    },
    {
      name: 'MongoDB: a collection held in a variable, filtered by a gardener id the client sends',
      code: `${MONGO}
router.post('/plots/:id/water', async (ctx) => {
  const plots = (await getStore()).collection('plots');
  await plots.updateOne({ _id: new ObjectId(ctx.params.id), gardenerId: ctx.request.body.gardenerId }, { $set: { wateredAt: new Date() } });
  ctx.status = 204;
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 12 }],
    },
    {
      name: 'MongoDB: a local helper that returns the collection',
      code: `${MONGO}
const plots = () => client.db('garden').collection('plots');
router.get('/plots/:id/harvest', async (ctx) => {
  ctx.body = await plots().findOne({ _id: new ObjectId(ctx.params.id) });
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 12 }],
    },
    {
      name: 'MongoDB: activities listed by a plot id from the path (strict)',
      options: strict,
      code: `${MONGO}
router.get('/plots/:id/activity', async (ctx) => {
  const store = await getStore();
  ctx.body = await store.collection('activities').find({ plotId: new ObjectId(ctx.params.id) }).toArray();
});`,
      errors: [{ messageId: 'unscopedParentList', line: 12 }],
    },
    {
      name: 'kysely: the vendor read by the client\'s id alone (the sibling scopes it by the buyer)',
      code: `${KYSELY}
app.get('/vendors/:id', async (req, res) => {
  if (!req.session.user) return res.sendStatus(401);
  res.json(await db.selectFrom('vendors').selectAll().where('id', '=', req.params.id).executeTakeFirst());
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 10 }],
    },
    {
      name: 'kysely: a delete whose buyer comes from the query string',
      code: `${KYSELY}
app.delete('/vendors/:id', async (req, res) => {
  await db.deleteFrom('vendors').where('id', '=', req.params.id).where('buyer_id', '=', req.query.buyer).execute();
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 9 }],
    },
    {
      name: 'kysely: customers (a user-like model) scoped to the account manager in one route, read by id alone in another',
      code: `import express from 'express';
import { db } from './db';
const app = express();
app.get('/mine/customers/:id', async (req, res) => {
  res.json(await db.selectFrom('customers').selectAll().where('id', '=', req.params.id).where('manager_id', '=', req.session.user.id).executeTakeFirst());
});
app.get('/customers/:id', async (req, res) => {
  res.json(await db.selectFrom('customers').selectAll().where('id', '=', req.params.id).executeTakeFirst());
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 8 }],
    },
    {
      name: 'mssql: the bill read by the named input id alone',
      code: `${MSSQL}
app.get('/bills/:id', async (req, res) => {
  const r = await pool.request().input('id', sql.Int, Number(req.params.id)).query('SELECT * FROM bills WHERE id = @id');
  res.json(r.recordset[0]);
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 10 }],
    },
    {
      name: 'mssql: the clinic named by the client as a second input',
      code: `${MSSQL}
app.get('/bills/:id', async (req, res) => {
  const r = await pool.request().input('id', sql.Int, Number(req.params.id)).input('clinic', sql.Int, Number(req.query.clinic)).query('SELECT * FROM bills WHERE id = @id AND clinic_id = @clinic');
  res.json(r.recordset[0]);
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 10 }],
    },
    {
      name: 'pg-promise: the ticket read by the client\'s id alone (strict)',
      options: strict,
      code: `${PGP}
router.get('/tickets/:id', async (ctx) => {
  ctx.body = await db.oneOrNone('SELECT * FROM tickets WHERE id = $1', [ctx.params.id]);
});`,
      errors: [{ messageId: 'unscopedAccess', line: 7 }],
    },
    {
      name: 'pg-promise: the team taken from the request (strict)',
      options: strict,
      code: `${PGP}
router.del('/tickets/:id', async (ctx) => {
  await db.none('DELETE FROM tickets WHERE id = $1 AND team_id = $2', [ctx.params.id, ctx.query.team]);
});`,
      errors: [{ messageId: 'unscopedAccess', line: 7 }],
    },
    {
      name: 'a step read inside a recipe the path names, with no check of the recipe (strict)',
      options: strict,
      code: `${RECIPES}
  @Get(':rid/steps/:sid')
  async step(@Param('rid') rid: string, @Param('sid') sid: string) {
    return this.steps.findOne({ where: { id: Number(sid), recipeId: Number(rid) } });
  }
}`,
      errors: [
        {
          messageId: 'unscopedParentRecord',
          line: 14,
          data: { orm: 'TypeORM', action: 'reads', model: 'Step', source: "`@Param('sid') sid`", sourceLine: '13', where: ' in the handler of GET /recipes/:rid/steps/:sid', parent: 'recipe', parentSource: "`@Param('rid') rid`", parentLine: '13', fields: '`authorId`' },
        },
      ],
    },
    {
      name: 'a step inside a recipe loaded by the same id but not scoped to the caller (strict)',
      options: strict,
      code: `${RECIPES}
  @Get(':rid/steps/:sid')
  async step(@Param('rid') rid: string, @Param('sid') sid: string) {
    await this.recipes.findOneOrFail({ where: { id: Number(rid) } });
    return this.steps.findOne({ where: { id: Number(sid), recipeId: Number(rid) } });
  }
}`,
      errors: [
        { messageId: 'unscopedAccess', line: 14 },
        { messageId: 'unscopedParentRecord', line: 15 },
      ],
    },
    {
      name: 'parcels listed inside a shipment the path names: the app scopes shipments by account (strict)',
      options: strict,
      code: `${SHIPPING}
app.get('/shipments/:id/parcels', async (req, res) => {
  res.json(await prisma.parcel.findMany({ where: { shipmentId: req.params.id } }));
});`,
      errors: [{ messageId: 'unscopedParentList', line: 9 }],
    },
  ],
});
