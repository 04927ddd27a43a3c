import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-ownership-check.js';

/*
 * An earlier load of the same record guards a later access: the record loaded by the same id value
 * (same variable or same request member, not written again), its owner compared with the caller in
 * a statement that runs before the access on every path, in the same function.
 */

const ruleTester = new RuleTester();
// The invalid cases answer 404, not 403: an owner comparison answering 403 in a handler is read as a
// role check of the route by \`routeRoleCheck\` (see \`role-checks.ts\`), which excuses every access of it.
const strict = [{ unscopedAccess: 'report' }] as const;

/** Express over a TypeORM `Account` owned by a user. */
const ACCOUNTS = `import express from 'express';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dataSource } from './db';
@Entity()
export class Account {
  @PrimaryGeneratedColumn() id: number;
  @Column() ownerId: number;
  @Column() label: string;
}
const accountRepository = dataSource.getRepository(Account);
const app = express();`;

/** Express over a Mongoose `Order` owned by a user. */
const ORDERS = `import express from 'express';
import mongoose, { Schema } from 'mongoose';
const Order = mongoose.model('Order', new Schema({ total: Number, owner: { type: Schema.Types.ObjectId, ref: 'User' } }));
const app = express();`;

ruleTester.run('require-ownership-check (an earlier load of the same record)', rule, {
  valid: [
    { name: 'TypeORM: loaded by the same id variable, owner compared and rejected, then updated', options: strict, code: `${ACCOUNTS}
app.put('/accounts/:id', async (req, res) => {
  const { id } = req.params;
  const account = await accountRepository.findOneBy({ id: Number(id) });
  if (!account || account.ownerId !== req.user.id) return res.sendStatus(404);
  await accountRepository.update(Number(id), { label: String(req.body.label) });
  res.sendStatus(204);
});` },
    { name: 'Mongoose: loaded by the same request member, checked with equals(), then changed by that member', options: strict, code: `${ORDERS}
app.patch('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  if (!order.owner.equals(req.user._id)) throw new Error('forbidden');
  res.json(await Order.findByIdAndUpdate(req.params.id, { total: Number(req.body.total) }));
});` },
    { name: 'the owner compared in an else-if chain whose every branch rejects', options: strict, code: `${ACCOUNTS}
app.put('/accounts/:id/label', async (req, res) => {
  const { id } = req.params;
  const account = await accountRepository.findOneBy({ id: Number(id) });
  if (!account) {
    throw new Error('not found');
  } else if (account.ownerId !== req.user.id) {
    throw new Error('not found');
  }
  await accountRepository.update(Number(id), { label: String(req.body.label) });
  res.sendStatus(204);
});` },
    { name: 'the access inside the branch the owner test leads to', options: strict, code: `${ACCOUNTS}
app.delete('/accounts/:id', async (req, res) => {
  const id = Number(req.params.id);
  const account = await accountRepository.findOneBy({ id });
  if (account && account.ownerId === req.user.id) {
    await accountRepository.delete(id);
    return res.sendStatus(204);
  }
  res.sendStatus(404);
});` },
    { name: 'loaded by a helper of the application, checked by a policy helper judged by its definition', options: strict, code: `${ACCOUNTS}
async function loadAccount(id) {
  return fetch(\`http://accounts.internal/\${id}\`).then((response) => response.json());
}
function assertOwner(user, account) {
  if (account.ownerId !== user.id) throw Object.assign(new Error('Forbidden'), { status: 403 });
}
app.delete('/accounts/:id', async (req, res) => {
  const { id } = req.params;
  const account = await loadAccount(id);
  assertOwner(req.user, account);
  await accountRepository.delete(id);
  res.sendStatus(204);
});` },
  ],
  invalid: [
    {
      name: 'the check sits in a branch that does not always run',
      options: strict,
      code: `${ACCOUNTS}
app.put('/accounts/:id', async (req, res) => {
  const { id } = req.params;
  if (req.query.verify) {
    const account = await accountRepository.findOneBy({ id: Number(id) });
    if (account.ownerId !== req.user.id) return res.sendStatus(404);
  }
  await accountRepository.update(Number(id), { label: String(req.body.label) });
  res.sendStatus(204);
});`,
      // The load in the branch is checked (so the model is scoped in this file); the update after it is not.
      errors: [{ messageId: 'inconsistentAccess', line: 18, data: { orm: 'TypeORM', action: 'changes', model: 'account', source: '`req.params.id`', sourceLine: '13', where: ' in the handler of PUT /accounts/:id', how: 'an owner check', elsewhere: 'line 15' } }],
    },
    {
      name: 'the record loaded and checked is another one than the record changed',
      options: strict,
      code: `${ORDERS}
app.patch('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  if (!order.owner.equals(req.user._id)) throw new Error('forbidden');
  res.json(await Order.findByIdAndUpdate(req.body.orderId, { total: Number(req.body.total) }));
});`,
      // The load on line 6 is checked, so the model is scoped in this file: the report is one of consistency.
      errors: [{
        messageId: 'inconsistentAccess',
        line: 8,
        data: { orm: 'Mongoose', action: 'changes', model: 'Order', source: '`req.body.orderId`', sourceLine: '8', where: ' in the handler of PATCH /orders/:id', how: 'an owner check', elsewhere: 'line 6' },
        suggestions: [{
          messageId: 'addOwnerCondition',
          data: { condition: '`owner: req.user._id`' },
          output: `${ORDERS}
app.patch('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  if (!order.owner.equals(req.user._id)) throw new Error('forbidden');
  res.json(await Order.findOneAndUpdate({ _id: req.body.orderId, owner: req.user._id }, { total: Number(req.body.total) }));
});`,
        }],
      }],
    },
    {
      name: 'the id variable is written again between the check and the access',
      options: strict,
      code: `${ACCOUNTS}
app.put('/accounts/:id', async (req, res) => {
  let id = Number(req.params.id);
  const account = await accountRepository.findOneBy({ id });
  if (account?.ownerId !== req.user.id) return res.sendStatus(404);
  id = Number(req.body.targetId);
  await accountRepository.update(id, { label: String(req.body.label) });
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 17 }],
    },
    {
      name: 'an else-if chain whose first branch does not exit',
      options: strict,
      code: `${ACCOUNTS}
app.put('/accounts/:id', async (req, res) => {
  const { id } = req.params;
  const account = await accountRepository.findOneBy({ id: Number(id) });
  if (req.query.force) {
    console.warn('forced');
  } else if (account.ownerId !== req.user.id) {
    return res.sendStatus(404);
  }
  await accountRepository.update(Number(id), { label: String(req.body.label) });
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 20 }],
    },
    {
      name: 'the comparison does not reject',
      options: strict,
      code: `${ACCOUNTS}
app.put('/accounts/:id', async (req, res) => {
  const { id } = req.params;
  const account = await accountRepository.findOneBy({ id: Number(id) });
  if (account.ownerId !== req.user.id) console.warn('changing an account of another user');
  await accountRepository.update(Number(id), { label: String(req.body.label) });
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 16 }],
    },
    {
      name: 'the check comes after the access',
      options: strict,
      code: `${ACCOUNTS}
app.delete('/accounts/:id', async (req, res) => {
  const { id } = req.params;
  const account = await accountRepository.findOneBy({ id: Number(id) });
  await accountRepository.delete(Number(id));
  if (account.ownerId !== req.user.id) return res.sendStatus(404);
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'inconsistentAccess', line: 15 }],
    },
  ],
});
