import mongoose from 'mongoose';
import { DataTypes, Sequelize } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-whole-object-response.js';
import { applySuggestions, routeHandlerSource } from './helpers.js';

/*
 * The destructuring suggestion of no-whole-object-response, run: the handler before and after the
 * fix gets a real Mongoose document (or Sequelize instance) from its model, without a database,
 * and the test checks what the response would carry once serialized.
 */

const userSchema = new mongoose.Schema({ email: String, name: String, passwordHash: String, resetToken: String });
const UserModel = mongoose.model('SuggestionUser', userSchema);
const sequelize = new Sequelize('postgres://nobody@127.0.0.1:1/none', { logging: false });
const CustomerModel = sequelize.define('Customer', { name: DataTypes.STRING, apiKey: DataTypes.STRING });
afterAll(async () => {
  await sequelize.close();
});

const alice = { email: 'alice@example.com', name: 'Alice', passwordHash: '$2b$10$abc', resetToken: 'r-123' };

/** Runs a handler's source with `model` bound as `name` and returns the JSON the response sends. */
async function sent(handler: string, bindings: Record<string, unknown>): Promise<unknown> {
  let body: unknown;
  const res = { json: (value: unknown) => (body = value), send: (value: unknown) => (body = value) };
  const fn = new Function(...Object.keys(bindings), `return (${handler});`)(...Object.values(bindings)) as (req: unknown, res: unknown) => unknown;
  await fn({ params: { id: '1' }, query: {} }, res);
  return JSON.parse(JSON.stringify(body)) as unknown;
}

function fixedHandler(code: string): { original: string; fixed: string; desc: string } {
  const { suggestions } = applySuggestions(rule as never, code);
  expect(suggestions).toHaveLength(1);
  return { original: routeHandlerSource(code), fixed: routeHandlerSource(suggestions[0]!.output), desc: suggestions[0]!.desc };
}

const MONGOOSE = `import express from 'express';
import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({ email: String, name: String, passwordHash: String, resetToken: String });
const User = mongoose.model('User', userSchema);
const app = express();
`;

describe('no-whole-object-response: removing fields from a Mongoose document', () => {
  it('a rest pattern on the document itself still sends every field (why it is converted first)', () => {
    const rest: Record<string, unknown> = { ...(new UserModel(alice) as unknown as Record<string, unknown>) };
    delete rest['passwordHash'];
    expect(JSON.stringify(rest)).toContain('passwordHash');
  });

  it('one document: converted with toJSON(), then the declared secrets are removed', async () => {
    const code = `${MONGOOSE}app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  res.json(user);
});
`;
    const { original, fixed, desc } = fixedHandler(code);
    expect(desc).toBe('Destructure `passwordHash`, `resetToken` out before sending.');
    expect(fixed).toContain('const { passwordHash, resetToken, ...safeUser } = user.toJSON();');
    const doc = new UserModel(alice);
    const User = { findById: () => Promise.resolve(doc) };
    const before = (await sent(original, { User })) as Record<string, unknown>;
    expect(before).toHaveProperty('passwordHash');
    const after = (await sent(fixed, { User })) as Record<string, unknown>;
    expect(after).not.toHaveProperty('passwordHash');
    expect(after).not.toHaveProperty('resetToken');
    const expected = { ...before };
    delete expected['passwordHash'];
    delete expected['resetToken'];
    expect(after).toEqual(expected);
  });

  it('a list of documents', async () => {
    const code = `${MONGOOSE}app.get('/users', async (req, res) => {
  const users = await User.find({});
  res.json(users);
});
`;
    const { original, fixed } = fixedHandler(code);
    const docs = [new UserModel(alice), new UserModel({ ...alice, email: 'bob@example.com' })];
    const User = { find: () => Promise.resolve(docs) };
    const before = (await sent(original, { User })) as Record<string, unknown>[];
    expect(before[0]).toHaveProperty('passwordHash');
    const after = (await sent(fixed, { User })) as Record<string, unknown>[];
    expect(after).toHaveLength(2);
    for (const [index, item] of after.entries()) {
      expect(item).not.toHaveProperty('passwordHash');
      expect(item).not.toHaveProperty('resetToken');
      expect(item['email']).toBe(before[index]!['email']);
    }
  });

  it('a lean read is a plain object already', async () => {
    const code = `${MONGOOSE}app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id).lean();
  res.json(user);
});
`;
    const { fixed } = fixedHandler(code);
    expect(fixed).toContain('const { passwordHash, resetToken, ...safeUser } = user;');
    const lean = new UserModel(alice).toObject();
    const User = { findById: () => ({ lean: () => Promise.resolve(lean) }) };
    const after = (await sent(fixed, { User })) as Record<string, unknown>;
    expect(after).not.toHaveProperty('passwordHash');
    expect(after['email']).toBe(alice.email);
  });
});

describe('no-whole-object-response: removing fields from a Sequelize instance', () => {
  it('converted with toJSON() first', async () => {
    const code = `import express from 'express';
import { Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
const Customer = sequelize.define('Customer', { name: DataTypes.STRING, apiKey: DataTypes.STRING });
const app = express();
app.get('/c/:id', async (req, res) => {
  const customer = await Customer.findByPk(req.params.id);
  res.json(customer);
});
`;
    const { original, fixed } = fixedHandler(code);
    const instance = CustomerModel.build({ name: 'Acme', apiKey: 'k-1' });
    const Customer = { findByPk: () => Promise.resolve(instance) };
    expect(await sent(original, { Customer })).toHaveProperty('apiKey');
    const after = (await sent(fixed, { Customer })) as Record<string, unknown>;
    expect(after).not.toHaveProperty('apiKey');
    expect(after['name']).toBe('Acme');
  });
});

describe('no-whole-object-response: field removal names only fields the record has', () => {
  it('no suggestion when the model is declared elsewhere', () => {
    const { messages, suggestions } = applySuggestions(rule as never, `import express from 'express';
import { User } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  if (user.password === req.query.p) res.json(user);
});
`);
    expect(messages).toHaveLength(1);
    expect(suggestions).toEqual([]);
  });

  it('the same text gives the same message, fields sorted', () => {
    const code = `import express from 'express';
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ token: String, email: String, apiKey: String, passwordHash: String }));
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  res.json(user);
});
`;
    const first = applySuggestions(rule as never, code).suggestions.map((suggestion) => suggestion.desc);
    expect(first).toEqual(['Destructure `apiKey`, `passwordHash`, `token` out before sending.']);
    expect(applySuggestions(rule as never, code).suggestions.map((suggestion) => suggestion.desc)).toEqual(first);
  });
});
