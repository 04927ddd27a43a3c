import { RuleTester, type InvalidTestCase } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/index.js';
import { espree } from '../helpers/espree.js';

/*
 * Type information refines, it never gates: every rule must work under ESLint's default parser
 * (espree), which has no parser services at all. Each rule's key invalid cases run under espree and
 * under the TypeScript parser with the same expectations, so espree finds the same, at the same place.
 */


type Case = InvalidTestCase<string, readonly unknown[]>;

const EXPRESS = `import express from 'express';
const app = express();`;

/** JavaScript only: nothing here needs TypeScript syntax. */
/** The class-field case below with the owner added by its suggestion. */
const SUGGESTED_DELETE = `import express from 'express';
import mongoose, { Schema } from 'mongoose';
const Order = mongoose.model('Order', new Schema({ total: Number, owner: { type: Schema.Types.ObjectId, ref: 'User' } }));
class OrderCache { entries = new Map(); }
const cache = new OrderCache();
const app = express();
app.get('/orders', async (req, res) => res.json(await Order.find({ owner: req.user._id })));
app.delete('/orders/:id', async (req, res) => { cache.entries.delete(req.params.id); res.json(await Order.findOneAndDelete({ _id: req.params.id, owner: req.user._id })); });`;

const cases: Record<string, Case[]> = {
  'no-sql-injection': [
    {
      name: 'template literal into pg',
      code: `import express from 'express'; import { Pool } from 'pg';
const app = express(); const pool = new Pool();
app.get('/u', (req, res) => pool.query({ text: \`SELECT id FROM u WHERE name = '\${req.query.name}'\` }));`,
      errors: [{ messageId: 'sqlInjection', line: 3, column: 82, endColumn: 96, data: { source: '`req.query.name`', sourceLine: 3, sink: 'pool.query', sinkLine: 3, via: '' } }],
    },
    {
      name: 'concatenation into mysql2, CommonJS',
      code: `const express = require('express'); const mysql = require('mysql2');
const app = express(); const db = mysql.createPool({});
app.get('/u', (req, res) => db.query('SELECT id FROM u WHERE name = ' + req.query.name));`,
      errors: [{ messageId: 'sqlInjection', line: 3, column: 73, endColumn: 87, data: { source: '`req.query.name`', sourceLine: 3, sink: 'db.query', sinkLine: 3, via: '' } }],
    },
  ],
  'no-nosql-injection': [
    {
      code: `${EXPRESS}
import { User } from './models';
app.get('/u', async (req, res) => res.json(await User.find({ title: { $regex: req.query.q, $options: 'i' } })));`,
      errors: [{ messageId: 'regexInjection', line: 4, column: 79, endColumn: 90, data: { source: '`req.query.q`', sourceLine: 4, sink: 'User.find', sinkLine: 4 } }],
    },
  ],
  'no-command-injection': [
    {
      code: `${EXPRESS}
import cp from 'node:child_process';
app.get('/u', (req, res) => cp.exec(\`convert \${req.query.file} out.png\`, () => {}));`,
      errors: [{
        messageId: 'commandInjection', line: 4, column: 48, endColumn: 62,
        data: { source: '`req.query.file`', sourceLine: 4, sink: 'cp.exec', sinkLine: 4 },
        suggestions: [{ messageId: 'useExecFile', output: `${EXPRESS}
import cp from 'node:child_process';
app.get('/u', (req, res) => cp.execFile('convert', [req.query.file, 'out.png'], () => {}));` }],
      }],
    },
  ],
  'no-ssrf': [
    {
      code: `${EXPRESS}
app.get('/proxy', async (req, res) => res.send(await (await fetch(req.query.url)).text()));`,
      errors: [{ messageId: 'ssrf', line: 3, column: 67, endColumn: 80, data: { source: '`req.query.url`', sourceLine: 3, sink: 'fetch', sinkLine: 3, via: '' } }],
    },
  ],
  'no-path-traversal': [
    {
      code: `${EXPRESS}
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/f/:name', (req, res) => res.send(fs.readFileSync(path.join(ROOT, req.params.name))));`,
      errors: [{ messageId: 'pathTraversal', line: 6, column: 76, endColumn: 91, data: { source: '`req.params.name`', sourceLine: 6, sink: 'fs.readFileSync', sinkLine: 6, via: '' } }],
    },
  ],
  'no-open-redirect': [
    {
      code: `${EXPRESS}
app.get('/login', (req, res) => res.redirect(req.query.returnTo));`,
      errors: [{ messageId: 'openRedirect', line: 3, column: 46, endColumn: 64, data: { source: '`req.query.returnTo`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } }],
    },
  ],
  'no-code-injection': [
    {
      code: `${EXPRESS}
app.post('/calc', (req, res) => res.json({ result: eval(req.body.expression) }));`,
      errors: [{ messageId: 'codeInjection', line: 3, column: 57, endColumn: 76, data: { source: '`req.body.expression`', sourceLine: 3, sink: 'eval', sinkLine: 3, via: '' } }],
    },
  ],
  'no-reflected-xss': [
    {
      code: `${EXPRESS}
app.get('/hello', (req, res) => res.send(\`<h1>Hello \${req.query.name}</h1>\`));`,
      errors: [{ messageId: 'reflectedXss', line: 3, column: 55, endColumn: 69, data: { source: '`req.query.name`', sourceLine: 3, sink: 'res.send', sinkLine: 3, via: '' } }],
    },
  ],
  'no-unauthenticated-route': [
    {
      code: `${EXPRESS}
app.get('/orders', (req, res) => res.json([]));`,
      // Every route, so that the authentication verdict alone decides.
      options: [{ reportRoutes: 'all' }],
      errors: [{ messageId: 'unauthenticatedRoute', line: 3, column: 5, endColumn: 18, data: { method: 'GET', path: '/orders', framework: 'express' } }],
    },
  ],
  'no-whole-object-response': [
    {
      code: `import express from 'express';
import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({ email: String, passwordHash: { type: String, select: false }, resetToken: String });
userSchema.set('toJSON', { transform(doc, ret) { delete ret.resetToken; } });
const User = mongoose.model('User', userSchema);
const app = express();
app.get('/a', async (req, res) => res.json(await User.findById(req.params.id).lean()));
app.get('/b', async (req, res) => res.json(await User.findById(req.params.id).select('+passwordHash')));
app.get('/c', async (req, res) => res.json(await User.findById(req.params.id)));
`,
      errors: [
        { messageId: 'wholeObject', line: 7, column: 44, endColumn: 85, data: { object: '`await User.findById(req.params.id).le...`', origin: 'line 7, from `User.findById`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
        { messageId: 'wholeObject', line: 8, column: 44, endColumn: 102, data: { object: '`await User.findById(req.params.id).se...`', origin: 'line 8, from `User.findById`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] },
      ],
    },
  ],
  'no-mass-assignment': [
    {
      code: `${EXPRESS}
import { User } from './models';
app.put('/u/:id', async (req, res) => { await User.updateOne({ _id: req.params.id }, { $set: req.body }); res.sendStatus(204); });`,
      errors: [{ messageId: 'massAssignment', line: 4, column: 94, endColumn: 102, data: { input: '`req.body`', sink: '`User.updateOne`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
  ],
  'require-ownership-check': [
    {
      code: `import express from 'express';
import mongoose, { Schema } from 'mongoose';
const Order = mongoose.model('Order', new Schema({ total: Number, status: String, owner: { type: Schema.Types.ObjectId, ref: 'User' } }));
const app = express();
app.get('/orders', async (req, res) => res.json(await Order.find({ owner: req.user._id })));
app.patch('/orders/:id', async (req, res) => {
  res.json(await Order.findOneAndUpdate({ _id: req.params.id }, { status: req.body.status }));
});`,
      errors: [{
        messageId: 'inconsistentAccess',
        line: 7,
        suggestions: [{
          messageId: 'addOwnerCondition',
          output: `import express from 'express';
import mongoose, { Schema } from 'mongoose';
const Order = mongoose.model('Order', new Schema({ total: Number, status: String, owner: { type: Schema.Types.ObjectId, ref: 'User' } }));
const app = express();
app.get('/orders', async (req, res) => res.json(await Order.find({ owner: req.user._id })));
app.patch('/orders/:id', async (req, res) => {
  res.json(await Order.findOneAndUpdate({ _id: req.params.id, owner: req.user._id }, { status: req.body.status }));
});`,
        }],
      }],
    },
    {
      // A class field read under espree, whose nodes carry no `decorators` (an internal error once).
      code: `import express from 'express';
import mongoose, { Schema } from 'mongoose';
const Order = mongoose.model('Order', new Schema({ total: Number, owner: { type: Schema.Types.ObjectId, ref: 'User' } }));
class OrderCache { entries = new Map(); }
const cache = new OrderCache();
const app = express();
app.get('/orders', async (req, res) => res.json(await Order.find({ owner: req.user._id })));
app.delete('/orders/:id', async (req, res) => { cache.entries.delete(req.params.id); res.json(await Order.findByIdAndDelete(req.params.id)); });`,
      errors: [{ messageId: 'inconsistentAccess', line: 8, suggestions: [{ messageId: 'addOwnerCondition', output: SUGGESTED_DELETE }] }],
    },
  ],
  'require-role-check': [
    {
      code: `import express from 'express';
const app = express();
function requireAuth(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: 'sign in' });
  next();
}
app.delete('/admin/users/:id', requireAuth, (req, res) => res.status(204).end());`,
      errors: [{ messageId: 'missingRoleCheck', line: 7 }],
    },
  ],
  'no-hardcoded-secrets': [
    {
      code: "const config = { db: { password: 'orders2024!' } };",
      errors: [{
        messageId: 'namedSecret', line: 1, column: 34, endColumn: 47,
        suggestions: [{ messageId: 'useEnv', data: { env: 'PASSWORD' }, output: 'const config = { db: { password: process.env.PASSWORD } };' }],
      }],
    },
  ],
};

/** `null`: the tester's default, @typescript-eslint/parser (it refuses to have it named on a case). */
const parsers: [string, TSESLint.FlatConfig.Parser | null][] = [
  ['espree', espree as unknown as TSESLint.FlatConfig.Parser],
  ['@typescript-eslint/parser', null],
];

for (const [parserName, parser] of parsers) {
  describe(`under ${parserName}`, () => {
  // The parser goes on each case: the tester's own options are deep-merged into its default
  // (TypeScript) parser object, which would keep `parseForESLint` and so parse with TypeScript.
  const ruleTester = new RuleTester();
  for (const [ruleName, invalid] of Object.entries(cases)) {
    const rule = rules[ruleName as keyof typeof rules] as TSESLint.RuleModule<string, readonly unknown[]>;
    const underParser = invalid.map((item) => (parser === null ? item : { ...item, languageOptions: { parser } }));
    ruleTester.run(ruleName, rule, { valid: [], invalid: underParser });
  }
  });
}

it('covers every rule of the plugin', () => {
  expect(Object.keys(cases).sort()).toEqual(Object.keys(rules).sort());
});
