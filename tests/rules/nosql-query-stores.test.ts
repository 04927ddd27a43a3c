import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Stores that answer MongoDB's query language without a MongoDB server (NeDB, MarsDB, mingo) make
 * a project a MongoDB project: collections exported by another file are filter sinks there, with
 * `$where` evaluated as JavaScript. The legacy `update(filter, changes)` of such collections (and
 * of the MongoDB driver before 4) takes a filter first; a Sequelize model's `update(values, { where })`
 * in the same project does not.
 */

const files = {
  'src/data/store.ts': `import Datastore from '@seald-io/nedb';

export const reviews = new Datastore({ filename: 'data/reviews.db', autoload: true });
export const ordersCollection = new Datastore({ filename: 'data/orders.db', autoload: true });
`,
  'src/models/user.ts': `import { DataTypes, Sequelize } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite::memory:');
export const User = sequelize.define('User', { name: DataTypes.STRING, email: DataTypes.STRING });
`,
  'src/routes/reviews.ts': `import { Router } from 'express';
import * as store from '../data/store';
import { User } from '../models/user';

export const reviewsRouter = Router();

reviewsRouter.patch('/reviews', async (req, res) => {
  const count = await store.ordersCollection.update({ _id: req.body.id }, { $set: { message: String(req.body.message) } }, {});
  res.json({ count });
});

reviewsRouter.get('/orders/:id', async (req, res) => {
  res.json(await store.ordersCollection.find({ $where: \`this.orderId === '\${req.params.id}'\` }));
});

reviewsRouter.patch('/orders/:id/note', async (req, res) => {
  const count = await store.ordersCollection.update({ _id: String(req.params.id) }, { $set: { note: String(req.body.note) } }, {});
  res.json({ count });
});

reviewsRouter.patch('/users/:id/name', async (req, res) => {
  await User.update({ name: req.body.name }, { where: { id: req.params.id } });
  res.sendStatus(204);
});
`,
};

describe('no-nosql-injection: MongoDB-compatible stores', () => {
  it('reports the filter of update and $where on a NeDB collection; not the coerced id, not Sequelize update', async () => {
    const dir = writeProject(files, { name: 'reviews', dependencies: { express: '^4.21.0', '@seald-io/nedb': '^4.0.4', sequelize: '^6.37.0' } });
    const messages = await lintProjectFile(dir, 'src/routes/reviews.ts', { 'api-security/no-nosql-injection': 'error' });
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''} ${message.message.split(' (')[0] ?? ''}`)).toEqual([
      '8 nosqlInjection `req.body.id`',
      '13 nosqlCode `req.params.id`',
    ]);
  });

  it('without a MongoDB-compatible package, a collection of another file is not taken for MongoDB', async () => {
    const dir = writeProject(
      { ...files, 'src/data/store.ts': files['src/data/store.ts'].replace("import Datastore from '@seald-io/nedb';", "import Datastore from './datastore';") },
      { name: 'reviews', dependencies: { express: '^4.21.0', sequelize: '^6.37.0' } },
    );
    expect(await lintProjectFile(dir, 'src/routes/reviews.ts', { 'api-security/no-nosql-injection': 'error' })).toEqual([]);
  });
});
