import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-mass-assignment.js';

/*
 * Whole payloads written through SQL query builders: kysely `insertInto(t).values(body)` and
 * `updateTable(t).set(body)`, drizzle `insert(table).values(body)` / `update(table).set(body)`,
 * knex `table(t).insert(body)` / `.update(body)`. A `values` call on anything else is no write.
 */

const ruleTester = new RuleTester();

const APP = `import express from 'express';
import { db, knex, orm, vehicles } from './db';
const app = express();`;

ruleTester.run('no-mass-assignment (query builders)', rule, {
  valid: [
    { name: 'picked fields in every builder', code: `${APP}
app.post('/vehicles', async (req, res) => {
  const { plate, model } = req.body;
  await db.insertInto('vehicles').values({ plate, model, fleet_id: req.user.fleetId }).execute();
  await db.updateTable('vehicles').set({ model }).where('plate', '=', plate).execute();
  await orm.insert(vehicles).values({ plate, model });
  await knex('vehicles').insert({ plate, model });
  await knex('vehicles').where({ plate }).update({ model });
  res.sendStatus(201);
});` },
    { name: 'values of other objects: Object.values, a Map, a form helper', code: `${APP}
app.post('/vehicles/stats', async (req, res) => {
  const counts = new Map(Object.entries(req.body));
  const totals = Object.values(req.body);
  const form = createForm();
  form.values(req.body);
  res.json({ totals, keys: [...counts.values()] });
});` },
  ],
  invalid: [
    { name: 'kysely insertInto().values and updateTable().set with the whole body', code: `${APP}
app.post('/vehicles', async (req, res) => {
  await db.insertInto('vehicles').values(req.body).execute();
  res.sendStatus(201);
});
app.patch('/vehicles/:plate', async (req, res) => {
  await db.updateTable('vehicles').set(req.body).where('plate', '=', req.params.plate).execute();
  res.sendStatus(204);
});`, errors: [{ messageId: 'massAssignment', line: 5 }, { messageId: 'massAssignment', line: 9 }] },
    { name: 'a kysely builder held in a constant, and a list of records', code: `${APP}
app.post('/vehicles/bulk', async (req, res) => {
  const insert = db.insertInto('vehicles');
  await insert.values(req.body.vehicles).execute();
  res.sendStatus(201);
});`, errors: [{ messageId: 'massAssignment', line: 6 }] },
    { name: 'drizzle insert().values and update().set', code: `${APP}
app.post('/vehicles', async (req, res) => {
  await orm.insert(vehicles).values(req.body);
  await orm.update(vehicles).set(req.body);
  res.sendStatus(201);
});`, errors: [{ messageId: 'massAssignment', line: 5 }, { messageId: 'massAssignment', line: 6 }] },
    { name: 'knex insert and update of the whole body', code: `${APP}
app.post('/vehicles', async (req, res) => {
  await knex('vehicles').insert(req.body);
  await knex('vehicles').where({ plate: req.params.plate }).update(req.body);
  res.sendStatus(201);
});`, errors: [{ messageId: 'massAssignment', line: 5 }, { messageId: 'massAssignment', line: 6 }] },
  ],
});
