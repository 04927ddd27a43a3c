import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-nosql-injection.js';

const ruleTester = new RuleTester();

const APP = `import express from 'express';
const app = express();
import User from './models/user';`;

ruleTester.run('no-nosql-injection', rule, {
  valid: [
    { name: '$eq compares its value as a literal', code: `${APP}
app.post('/login', async (req, res) => res.json(await User.findOne({ email: { $eq: req.body.email } })));` },
    { name: 'toString() of a body field is a string', code: `${APP}
app.post('/login', async (req, res) => res.json(await User.findOne({ email: req.body.email.toString(), name: req.body.name.trim() })));` },
    { name: 'escaped $regex', code: `${APP}
import _ from 'lodash';
import escapeStringRegexp from 'escape-string-regexp';
app.get('/s', async (req, res) => res.json(await User.find({ title: { $regex: _.escapeRegExp(String(req.query.q)) }, body: { $regex: escapeStringRegexp(String(req.query.b)) }, tag: { $regex: RegExp.escape(String(req.query.t)) } })));` },
    { name: 'hand-written regex escape', code: `${APP}
app.get('/s', async (req, res) => {
  const q = String(req.query.q ?? '').replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&');
  res.json(await User.find({ title: { $regex: q, $options: 'i' } }));
});` },
    { name: 'regex escape whose class is built from a list of the metacharacters', code: `${APP}
function quoteForPattern(text) {
  let reserved = ['-', '[', ']', '/', '{', '}', '(', ')', '*', '+', '?', '.', '\\\\', '^', '$', '|'];
  return text.replace(RegExp('[' + reserved.join('\\\\') + ']', 'g'), '\\\\$&');
}
app.get('/s/:word', async (req, res) => res.json(await User.find({ title: { $regex: quoteForPattern(req.params.word) } })));` },
    { name: 'regex escape with a function that puts a backslash before each match', code: `${APP}
const META = /[\\\\^$.*+?()[\\]{}|]/g;
app.get('/s', async (req, res) => {
  const q = String(req.query.q ?? '').replace(META, (found) => '\\\\' + found);
  const r = String(req.query.r ?? '').replace(new RegExp('[.*+?^$' + '{}()|[\\\\]\\\\\\\\]', 'g'), (m) => \`\\\\\${m}\`);
  res.json(await User.find({ title: { $regex: q }, body: { $regex: r } }));
});` },
    { name: 'Koa ctx.throw and ctx.assert end the request when the type check fails', code: `
import Router from '@koa/router';
import User from './models/user';
const router = new Router();
router.post('/login', async (ctx) => {
  const { email } = ctx.request.body;
  if (typeof email !== 'string') ctx.throw(400, 'email must be a string');
  ctx.body = await User.findOne({ email });
});
router.post('/reset', async (ctx) => {
  const { token } = ctx.request.body;
  ctx.assert(typeof token === 'string', 400);
  ctx.body = await User.findOne({ resetToken: token });
});` },
    { name: 'route params are strings', code: `${APP}
app.get('/u/:id', async (req, res) => res.json(await User.findOne({ _id: req.params.id })));` },
    { name: 'String() coercion', code: `${APP}
app.post('/u', async (req, res) => res.json(await User.findOne({ email: String(req.body.email) })));` },
    { name: 'template literal coercion', code: `${APP}
app.post('/u', async (req, res) => res.json(await User.findOne({ email: \`\${req.body.email}\` })));` },
    { name: 'typeof guard', code: `${APP}
app.post('/u', async (req, res) => { const { email } = req.body; if (typeof email !== 'string') return res.sendStatus(400); res.json(await User.findOne({ email })); });` },
    { name: 'zod string schema', code: `${APP}
import { z } from 'zod';
const Login = z.object({ email: z.string().email() });
app.post('/u', async (req, res) => { const { email } = Login.parse(req.body); res.json(await User.findOne({ email })); });` },
    { name: 'express-mongo-sanitize on the app', code: `import express from 'express';
import mongoSanitize from 'express-mongo-sanitize';
import User from './models/user';
const app = express();
app.use(mongoSanitize());
app.post('/u', async (req, res) => res.json(await User.findOne({ email: req.body.email })));` },
    { name: '$eq operator still carries the object, but constant filter is fine', code: `${APP}
app.post('/u', async (req, res) => res.json(await User.find({ active: true })));` },
    { name: 'look-alike: Array find with a request value', code: `${APP}
app.post('/u', async (req, res) => res.json([1, 2].find(req.body.x)));` },
  ],
  invalid: [
    {
      name: 'a partial escape of metacharacters is not a regex escape',
      code: `${APP}
app.get('/s', async (req, res) => {
  const q = String(req.query.q ?? '').replace(/[.*]/g, '\\\\$&');
  res.json(await User.find({ title: { $regex: q, $options: 'i' } }));
});`,
      errors: [{ messageId: 'regexInjection', line: 6, column: 47, endColumn: 48, data: { source: '`req.query.q`', sourceLine: 5, sink: 'User.find', sinkLine: 6 }, suggestions: [] }],
    },
    {
      name: 'a class built at run time that leaves out the backslash is no escape',
      code: `${APP}
function quoteForPattern(text) {
  const reserved = ['[', ']', '{', '}', '(', ')', '*', '+', '?', '.', '^', '$', '|'];
  return text.replace(RegExp('[' + reserved.join('\\\\') + ']', 'g'), '\\\\$&');
}
app.get('/s/:word', async (req, res) => res.json(await User.find({ title: { $regex: quoteForPattern(req.params.word) } })));`,
      errors: [{ messageId: 'regexInjection', line: 8, column: 85, endColumn: 117, data: { source: '`req.params.word`', sourceLine: 8, sink: 'User.find', sinkLine: 8 }, suggestions: [] }],
    },
    {
      name: 'look-alikes of an escape: a pattern of a parameter, no backslash, one match only, letters escaped',
      code: `${APP}
const quote = (text, chars) => text.replace(new RegExp('[' + chars + ']', 'g'), '\\\\$&');
app.get('/s', async (req, res) => {
  const a = quote(String(req.query.a), '.*+?^$' + '{}()|[\\\\]\\\\\\\\');
  const b = String(req.query.b).replace(/[.*+?^\${}()|[\\]\\\\]/g, '$&');
  const c = String(req.query.c).replace(/[.*+?^\${}()|[\\]\\\\]/, '\\\\$&');
  const d = String(req.query.d).replace(/./g, '\\\\$&');
  const e = String(req.query.e).replace(/[.*+?^\${}()|[\\]\\\\]/g, (m) => m + '\\\\');
  res.json(await User.find({ a: { $regex: a }, b: { $regex: b }, c: { $regex: c }, d: { $regex: d }, e: { $regex: e } }));
});`,
      errors: [
        { messageId: 'regexInjection', line: 11, column: 43, endColumn: 44, data: { source: '`req.query.a`', sourceLine: 6, sink: 'User.find', sinkLine: 11 }, suggestions: [] },
        { messageId: 'regexInjection', line: 11, column: 61, endColumn: 62, data: { source: '`req.query.b`', sourceLine: 7, sink: 'User.find', sinkLine: 11 }, suggestions: [] },
        { messageId: 'regexInjection', line: 11, column: 79, endColumn: 80, data: { source: '`req.query.c`', sourceLine: 8, sink: 'User.find', sinkLine: 11 }, suggestions: [] },
        { messageId: 'regexInjection', line: 11, column: 97, endColumn: 98, data: { source: '`req.query.d`', sourceLine: 9, sink: 'User.find', sinkLine: 11 }, suggestions: [] },
        { messageId: 'regexInjection', line: 11, column: 115, endColumn: 116, data: { source: '`req.query.e`', sourceLine: 10, sink: 'User.find', sinkLine: 11 }, suggestions: [] },
      ],
    },
    {
      name: '$regex from the query',
      code: `${APP}
app.get('/u', async (req, res) => res.json(await User.find({ title: { $regex: req.query.q, $options: 'i' } })));`,
      errors: [{ messageId: 'regexInjection', line: 4, column: 79, endColumn: 90, data: { source: '`req.query.q`', sourceLine: 4, sink: 'User.find', sinkLine: 4 }, suggestions: [] }],
    },
    {
      name: 'String() does not escape a $regex; $ne is still an operator position',
      code: `${APP}
app.get('/u', async (req, res) => res.json(await User.find({ title: { $regex: String(req.query.q) }, owner: { $ne: req.body.owner } })));`,
      errors: [
        { messageId: 'regexInjection', line: 4, column: 79, endColumn: 98, data: { source: '`req.query.q`', sourceLine: 4, sink: 'User.find', sinkLine: 4 }, suggestions: [] },
        { messageId: 'nosqlInjection', line: 4, column: 116, endColumn: 130, data: { source: '`req.body.owner`', sourceLine: 4, sink: 'User.find', sinkLine: 4 }, suggestions: [
          { messageId: 'wrapString', output: `${APP}
app.get('/u', async (req, res) => res.json(await User.find({ title: { $regex: String(req.query.q) }, owner: { $ne: String(req.body.owner) } })));` },
          { messageId: 'useEq', output: `${APP}
app.get('/u', async (req, res) => res.json(await User.find({ title: { $regex: String(req.query.q) }, owner: { $ne: { $eq: req.body.owner } } })));` },
        ] },
      ],
    },
    {
      name: 'login bypass through findOne',
      code: `${APP}
app.post('/login', async (req, res) => { await User.findOne({ email: req.body.email }); });`,
      errors: [{
        messageId: 'nosqlInjection', line: 4, column: 70, endColumn: 84,
        data: { source: '`req.body.email`', sourceLine: 4, sink: 'User.findOne', sinkLine: 4 },
        suggestions: [
          { messageId: 'wrapString', output: `${APP}
app.post('/login', async (req, res) => { await User.findOne({ email: String(req.body.email) }); });` },
          { messageId: 'useEq', output: `${APP}
app.post('/login', async (req, res) => { await User.findOne({ email: { $eq: req.body.email } }); });` },
        ],
      }],
    },
    {
      name: 'whole query object, mongoose model in this file',
      code: `import express from 'express';
import mongoose from 'mongoose';
const app = express();
const Item = mongoose.model('Item', new mongoose.Schema({}));
app.get('/u', async (req, res) => res.json(await Item.deleteMany(req.query)));`,
      errors: [{ messageId: 'nosqlInjection', line: 5, column: 66, endColumn: 75, data: { source: '`req.query`', sourceLine: 5, sink: 'Item.deleteMany', sinkLine: 5 }, suggestions: [] }],
    },
    {
      name: '$where JavaScript',
      code: `${APP}
app.get('/u', async (req, res) => res.json(await User.find({ $where: \`this.name === '\${req.query.name}'\` })));`,
      errors: [{ messageId: 'nosqlCode', line: 4, column: 70, endColumn: 105, data: { source: '`req.query.name`', sourceLine: 4, sink: 'User.find', sinkLine: 4 } }],
    },
    {
      name: 'mongodb driver collection',
      code: `import express from 'express';
import { MongoClient } from 'mongodb';
const app = express();
const client = new MongoClient('x');
app.post('/u', async (req, res) => { await client.db().collection('users').updateOne({ owner: req.body.owner }, { $set: { a: 1 } }); });`,
      errors: [{ messageId: 'nosqlInjection', line: 5, column: 95, endColumn: 109, data: { source: '`req.body.owner`', sourceLine: 5, sink: 'updateOne', sinkLine: 5 },
        suggestions: [
          { messageId: 'wrapString', output: `import express from 'express';
import { MongoClient } from 'mongodb';
const app = express();
const client = new MongoClient('x');
app.post('/u', async (req, res) => { await client.db().collection('users').updateOne({ owner: String(req.body.owner) }, { $set: { a: 1 } }); });` },
          { messageId: 'useEq', output: `import express from 'express';
import { MongoClient } from 'mongodb';
const app = express();
const client = new MongoClient('x');
app.post('/u', async (req, res) => { await client.db().collection('users').updateOne({ owner: { $eq: req.body.owner } }, { $set: { a: 1 } }); });` },
        ] }],
    },
    {
      name: 'filter built in a local helper',
      code: `${APP}
function byEmail(email) { return User.findOne({ email }); }
app.post('/u', (req, res) => byEmail(req.body.email));`,
      errors: [{
        messageId: 'nosqlInjectionHelper', line: 4, column: 49, endColumn: 54,
        data: { source: '`req.body.email`', sourceLine: 5, sink: 'User.findOne', sinkLine: 4, via: ' through `byEmail` (called on line 5 by the handler of POST /u)' },
        suggestions: [
          { messageId: 'wrapString', output: `${APP}
function byEmail(email) { return User.findOne({ email: String(email) }); }
app.post('/u', (req, res) => byEmail(req.body.email));` },
          { messageId: 'useEq', output: `${APP}
function byEmail(email) { return User.findOne({ email: { $eq: email } }); }
app.post('/u', (req, res) => byEmail(req.body.email));` },
        ],
      }],
    },
  ],
});

// Found by tests/robustness/fuzz.test.ts: the rewrite stays valid however the filter was written.
ruleTester.run('no-nosql-injection: suggestions in awkward positions', rule, {
  valid: [],
  invalid: [
    {
      name: 'a shorthand property is written out',
      code: `${APP}
app.post('/login', async (req, res) => {
  const { email } = req.body;
  res.json(await User.findOne({ email }));
});`,
      errors: [{
        messageId: 'nosqlInjection',
        suggestions: [
          { messageId: 'wrapString', output: `${APP}
app.post('/login', async (req, res) => {
  const { email } = req.body;
  res.json(await User.findOne({ email: String(email) }));
});` },
          { messageId: 'useEq', output: `${APP}
app.post('/login', async (req, res) => {
  const { email } = req.body;
  res.json(await User.findOne({ email: { $eq: email } }));
});` },
        ],
      }],
    },
    {
      name: 'a comma expression keeps its parentheses',
      code: `${APP}
app.post('/login', async (req, res) => res.json(await User.findOne({ email: (0, req.body.email) })));`,
      errors: [{
        messageId: 'nosqlInjection',
        suggestions: [
          { messageId: 'wrapString', output: `${APP}
app.post('/login', async (req, res) => res.json(await User.findOne({ email: String((0, req.body.email)) })));` },
          { messageId: 'useEq', output: `${APP}
app.post('/login', async (req, res) => res.json(await User.findOne({ email: { $eq: (0, req.body.email) } })));` },
        ],
      }],
    },
  ],
});
