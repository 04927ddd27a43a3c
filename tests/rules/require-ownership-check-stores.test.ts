import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-ownership-check.js';

/*
 * Record accesses of three more stores: Objection models (`Task.query().findById(id)`,
 * `deleteById`, `patchAndFetchById`), MikroORM's entity manager (`em.findOneOrFail(Task, { id })`,
 * `em.findOne(Task, id)`, `nativeDelete`) and Firestore documents
 * (`db.collection('notes').doc(id).get()`, `.delete()`). Each is judged as the other ORMs are: a
 * record the app scopes to its owner elsewhere, read here by the client's id alone, is reported.
 */

const ruleTester = new RuleTester();
const strict = [{ unscopedAccess: 'report' }] as const;

const APP = `import express from 'express';
import passport from 'passport';
import { Model } from 'objection';
import { getFirestore } from 'firebase-admin/firestore';
import { Project } from './entities';
class Task extends Model { static tableName = 'tasks'; }
const db = getFirestore();
const app = express();
app.use(passport.authenticate('jwt', { session: false }));`;

/** Accesses that show each model is owned: scoped by the caller, or checked after loading. */
const SCOPED = `
app.get('/tasks', async (req, res) => res.json(await Task.query().where('ownerId', req.user.id)));
app.get('/tasks/:id/own', async (req, res) => res.json(await Task.query().findOne({ id: req.params.id, ownerId: req.user.id })));
app.get('/projects', async (req, res) => res.json(await req.em.find(Project, { owner: req.user.id })));
app.get('/notes/:id', async (req, res) => {
  const snap = await db.collection('notes').doc(req.params.id).get();
  if (!snap.exists || snap.data().ownerId !== req.user.id) return res.sendStatus(404);
  res.json(snap.data());
});`;

ruleTester.run('require-ownership-check: Objection, MikroORM and Firestore', rule, {
  valid: [
    {
      name: 'each store scoped to the caller, or its record checked after loading',
      options: strict,
      code: `${APP}${SCOPED}
app.get('/projects/:id', async (req, res) => res.json(await req.em.findOneOrFail(Project, { id: req.params.id, owner: req.user.id })));
app.delete('/tasks/:id', async (req, res) => {
  const task = await Task.query().findById(req.params.id);
  if (!task || task.ownerId !== req.user.id) return res.sendStatus(404);
  await Task.query().deleteById(task.id);
  res.sendStatus(204);
});`,
    },
    {
      name: 'a model nothing shows to be owned (a public catalogue) read by id',
      options: strict,
      code: `${APP}
class Product extends Model { static tableName = 'products'; }
app.get('/products/:id', async (req, res) => res.json(await Product.query().findById(req.params.id)));
app.get('/articles/:slug', async (req, res) => res.json((await db.collection('articles').doc(req.params.slug).get()).data()));`,
    },
    {
      name: "the caller's own document, named by the caller's id",
      options: strict,
      code: `${APP}${SCOPED}
app.get('/profile', async (req, res) => res.json((await db.collection('notes').doc(req.user.id).get()).data()));`,
    },
  ],
  invalid: [
    {
      name: 'Objection: findById, deleteById and patchAndFetchById by the path id',
      options: strict,
      code: `${APP}${SCOPED}
app.get('/tasks/:id', async (req, res) => res.json(await Task.query().findById(req.params.id)));
app.delete('/tasks/:id', async (req, res) => { await Task.query().deleteById(req.params.id); res.sendStatus(204); });
app.patch('/tasks/:id', async (req, res) => res.json(await Task.query().patchAndFetchById(req.params.id, { done: true })));`,
      errors: [
        { messageId: 'inconsistentAccess', line: 18 },
        { messageId: 'inconsistentAccess', line: 19 },
        { messageId: 'inconsistentAccess', line: 20 },
      ],
    },
    {
      name: 'MikroORM: a filter, a primary key, and a native delete by the path id',
      options: strict,
      code: `${APP}${SCOPED}
app.get('/projects/:id', async (req, res) => res.json(await req.em.findOneOrFail(Project, { id: req.params.id })));
app.get('/projects/:id/summary', async (req, res) => res.json(await req.em.findOne(Project, req.params.id)));
app.delete('/projects/:id', async (req, res) => res.json(await req.em.nativeDelete(Project, { id: req.params.id })));`,
      errors: [
        { messageId: 'inconsistentAccess', line: 18 },
        { messageId: 'inconsistentAccess', line: 19 },
        { messageId: 'inconsistentAccess', line: 20 },
      ],
    },
    {
      name: 'Firestore: a document deleted and updated by the path id',
      options: strict,
      code: `${APP}${SCOPED}
app.delete('/notes/:id', async (req, res) => { await db.collection('notes').doc(req.params.id).delete(); res.sendStatus(204); });
app.put('/notes/:id', async (req, res) => { await db.collection('notes').doc(req.params.id).update({ text: String(req.body.text) }); res.sendStatus(204); });`,
      errors: [
        { messageId: 'inconsistentAccess', line: 18 },
        { messageId: 'inconsistentAccess', line: 19 },
      ],
    },
  ],
});
