import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';

/*
 * A response body that is an object is sent as JSON (Koa's `ctx.body = record`, Express's
 * `res.send(record)`): a browser does not render it as markup. Records are object and array
 * literals, the whole parsed body or query, variables only ever given records, the awaited result of
 * a call whose function is out of view, and calls to functions in view that return only records.
 * Strings stay HTML: a field of the body, a template, a concatenation, a helper that builds text or
 * hands its argument back, and a value a modelled function passes through (`Promise.resolve`).
 */
const ruleTester = new RuleTester();

const koa = `import Koa from 'koa';
import Router from '@koa/router';
import { saveEntity } from './store';
const app = new Koa();
const router = new Router();
app.use(router.routes());
`;
const express = `import express from 'express';
import { saveEntity } from './store';
const app = express();
`;

ruleTester.run('no-reflected-xss: objects are sent as JSON', rule, {
  valid: [
    { name: 'koa: the parsed body, saved and sent back', code: `${koa}router.post('/layouts', async (ctx) => {
  let layout = ctx.request.body;
  if (!layout.props) layout = { ...layout, props: {} };
  ctx.body = layout;
});` },
    { name: 'koa: the awaited result of a call out of view', code: `${koa}router.put('/meta/:type', async (ctx) => {
  ctx.body = await saveEntity(ctx.params.type, ctx.request.body);
});` },
    { name: 'koa: a helper in view that returns a record', code: `${koa}async function fullUser(id) {
  const stored = await saveEntity(id);
  const merged = { ...stored, _id: id };
  return { ...merged, label: 'user ' + id };
}
router.get('/users/:id', async (ctx) => { ctx.body = await fullUser(ctx.params.id); });` },
    { name: 'koa: a record built by a sync helper', code: `${koa}function prepare(doc) { return { ...doc, kind: 'chat' }; }
router.post('/chats', async (ctx) => {
  const chat = prepare({ title: ctx.request.body.title, appId: ctx.params.appId });
  ctx.body = chat;
});` },
    { name: 'express: an awaited record sent by res.send', code: `${express}app.post('/items/:id', async (req, res) => res.send(await saveEntity(req.params.id, req.body)));` },
    { name: 'koa: a helper in view that hands back the record it is given', code: `${koa}function hideSecrets(agent) {
  if (!agent.token) return agent;
  return { ...agent, token: '***' };
}
async function createAgent(name) {
  const agent = { name, createdAt: Date.now() };
  await saveEntity('agent', agent);
  return agent;
}
router.post('/agents', async (ctx) => {
  const agent = await createAgent(ctx.request.body.name);
  ctx.body = hideSecrets(agent);
});` },
  ],
  invalid: [
    {
      name: 'koa: a field of the body',
      code: `${koa}router.post('/echo', async (ctx) => { ctx.body = ctx.request.body.text; });`,
      errors: [{ messageId: 'reflectedXss', line: 7, data: { source: '`ctx.request.body.text`', sourceLine: 7, sink: 'ctx.body', sinkLine: 7, via: '' } }],
    },
    {
      name: 'koa: markup concatenated with the query',
      code: `${koa}router.get('/hi', async (ctx) => { ctx.body = '<p>' + ctx.query.q; });`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
    },
    {
      name: 'koa: a helper in view that builds text',
      code: `${koa}async function card(name) { return \`<div>\${name}</div>\`; }
router.get('/card', async (ctx) => { ctx.body = await card(ctx.query.name); });`,
      errors: [{ messageId: 'reflectedXss', line: 8 }],
    },
    {
      name: 'koa: a helper in view that hands its argument back',
      code: `${koa}async function same(value) { return value; }
router.get('/same', async (ctx) => { ctx.body = await same(ctx.query.name); });`,
      errors: [{ messageId: 'reflectedXss', line: 8 }],
    },
    {
      name: 'koa: a variable given a record on one path and text on another',
      code: `${koa}router.get('/mixed', async (ctx) => {
  let out = { ok: true };
  if (ctx.query.raw) out = ctx.query.raw;
  ctx.body = out;
});`,
      errors: [{ messageId: 'reflectedXss', line: 10 }],
    },
    {
      name: 'koa: awaited Promise.resolve passes the text through',
      code: `${koa}router.get('/p', async (ctx) => { ctx.body = await Promise.resolve(ctx.query.name); });`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
    },
    {
      name: 'express: a template sent by res.send',
      code: `${express}app.get('/hi', async (req, res) => res.send(\`<h1>\${req.query.name}</h1>\`));`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
  ],
});
