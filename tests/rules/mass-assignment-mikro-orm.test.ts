import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-mass-assignment.js';

/*
 * MikroORM writes: `em.assign(entity, data)` (on `em`, `orm.em`, `this.em` or a forked manager),
 * `wrap(entity).assign(data)` and `em.nativeUpdate(Entity, where, data)`. A whole body given to
 * any of them lets the client set every column; picked fields do not. `Object.assign` and an
 * `assign` of an object that is no entity manager are not MikroORM writes.
 */

const ruleTester = new RuleTester();

const head = `import Router from '@koa/router';
import { wrap } from '@mikro-orm/core';
import { orm } from '../db.js';
import { Ticket } from '../entities/ticket.js';
const router = new Router();
`;

ruleTester.run('no-mass-assignment (MikroORM)', rule, {
  valid: [
    {
      name: 'picked fields assigned through wrap()',
      code: `${head}router.patch('/tickets/:id', async (ctx) => {
  const em = orm.em.fork();
  const ticket = await em.findOneOrFail(Ticket, { id: Number(ctx.params.id) });
  wrap(ticket).assign({ title: String(ctx.request.body.title) });
  await em.flush();
  ctx.body = { id: ticket.id };
});`,
    },
    {
      name: 'a copy of the body made with Object.assign, and an assign of an object that is no entity manager',
      code: `${head}const merger = { assign: (a, b) => ({ ...a, ...b }) };
router.post('/preview', async (ctx) => {
  const draft = Object.assign({}, ctx.request.body);
  ctx.body = merger.assign({ kind: 'preview' }, draft);
});`,
    },
  ],
  invalid: [
    {
      name: 'em.assign on a forked entity manager',
      code: `${head}router.patch('/tickets/:id', async (ctx) => {
  const em = orm.em.fork();
  const ticket = await em.findOneOrFail(Ticket, { id: Number(ctx.params.id) });
  em.assign(ticket, ctx.request.body);
  await em.flush();
  ctx.body = { id: ticket.id };
});`,
      errors: [{ messageId: 'massAssignment', line: 9 }],
    },
    {
      name: 'orm.em.assign and wrap(entity).assign given the whole body',
      code: `${head}router.put('/tickets/:id', async (ctx) => {
  const ticket = await orm.em.findOneOrFail(Ticket, { id: Number(ctx.params.id) });
  orm.em.assign(ticket, ctx.request.body);
  wrap(ticket).assign(ctx.request.body);
  await orm.em.flush();
  ctx.body = { id: ticket.id };
});`,
      errors: [{ messageId: 'massAssignment', line: 8 }, { messageId: 'massAssignment', line: 9 }],
    },
    {
      name: 'nativeUpdate given the whole body as its data',
      code: `${head}router.patch('/tickets/:id/raw', async (ctx) => {
  await orm.em.nativeUpdate(Ticket, { id: Number(ctx.params.id) }, ctx.request.body);
  ctx.status = 204;
});`,
      errors: [{ messageId: 'massAssignment', line: 7 }],
    },
  ],
});
