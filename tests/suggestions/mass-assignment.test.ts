import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-mass-assignment.js';
import { applySuggestions, routeHandlerSource } from './helpers.js';

/*
 * The pick suggestion of no-mass-assignment, run: the handler before and after the fix writes a
 * real Mongoose document from a client body that also sets `role` and `isAdmin`; the fixed write
 * keeps the fields the client may set and never a protected or sensitive one.
 */

const schema = new mongoose.Schema({
  email: String,
  name: String,
  passwordHash: String,
  role: { type: String, default: 'user' },
  isAdmin: { type: Boolean, default: false },
});
const UserModel = mongoose.model('MassAssignmentUser', schema);

const attack = { email: 'eve@example.com', name: 'Eve', role: 'admin', isAdmin: true, passwordHash: 'x' };

/** Runs the handler with a `User` whose writes build real documents, and returns what was written. */
async function written(handler: string): Promise<mongoose.Document & Record<string, unknown>> {
  const docs: (mongoose.Document & Record<string, unknown>)[] = [];
  // The real model, with its writes kept in memory instead of a database.
  const Base = UserModel as unknown as new (data: unknown) => mongoose.Document & Record<string, unknown>;
  class User extends Base {
    constructor(data: unknown) {
      super(data);
      docs.push(this);
    }
    static create(data: unknown): Promise<User> {
      return Promise.resolve(new User(data));
    }
    override save(): never {
      return Promise.resolve(this) as never;
    }
  }
  const existing = new User({ email: 'eve@example.com', name: 'Old' });
  const findById = (): Promise<unknown> => Promise.resolve(existing);
  const res = { json: () => undefined, status: () => res, end: () => undefined, sendStatus: () => undefined };
  const fn = new Function('User', 'findUser', `return (${handler});`)(User, findById) as (req: unknown, res: unknown) => unknown;
  await fn({ body: structuredClone(attack), params: { id: '1' } }, res);
  return docs[docs.length - 1]!;
}

const cases: { name: string; handler: string; fields: string }[] = [
  {
    name: 'new Model(req.body), protected fields read elsewhere in the handler',
    handler: `async (req, res) => {
  if (!req.body.email || req.body.role === 'root') return res.status(400).end();
  console.debug(req.body.name, req.body.isAdmin, req.body.passwordHash);
  const user = new User(req.body);
  await user.save();
  res.json({ id: user.id });
}`,
    fields: '`email`, `name`',
  },
  {
    name: 'Model.create with the body spread',
    handler: `async (req, res) => {
  const { email, role } = req.body;
  if (!email) return res.sendStatus(400);
  console.debug(role);
  await User.create({ ...req.body, name: 'x' });
  res.sendStatus(201);
}`,
    fields: '`email`',
  },
  {
    name: 'Object.assign onto a loaded record',
    handler: `async (req, res) => {
  const user = await findUser(req.params.id);
  if (!req.body.name) return res.sendStatus(400);
  console.debug(req.body.isAdmin);
  Object.assign(user, req.body);
  await user.save();
  res.sendStatus(204);
}`,
    fields: '`name`',
  },
];

describe('no-mass-assignment: the picked write', () => {
  it.each(cases)('$name', async ({ handler, fields }) => {
    const code = `import express from 'express';\nconst app = express();\napp.post('/u', ${handler});\n`;
    const { suggestions } = applySuggestions(rule as never, code);
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.desc).toBe(`Write only ${fields}.`);
    const fixed = routeHandlerSource(suggestions[0]!.output);
    const before = await written(handler);
    expect(before.get('role')).toBe('admin');
    const after = await written(fixed);
    expect(after.get('role')).toBe('user');
    expect(after.get('isAdmin')).toBe(false);
    expect(after.get('passwordHash')).toBeUndefined();
    for (const field of fields.split(', ').map((quoted) => quoted.slice(1, -1))) expect(after.get(field)).toBe(attack[field as keyof typeof attack]);
  });
});
