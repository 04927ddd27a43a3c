import type { Linter } from 'eslint';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-whole-object-response.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * An identifier is not the record it names. `new ObjectId(id)`, `record.toString()`, a value a
 * service returned that the response itself calls an `id`: none of them carries the stored
 * fields, whatever the variable is called. A record read from a sensitive model stays reported
 * under any key and through any variable name.
 */
const ruleTester = new RuleTester();

ruleTester.run('no-whole-object-response (identifiers are not records)', rule, {
  valid: [
    {
      name: 'a BSON ObjectId built from the path, in a variable named after the user',
      code: `import express from 'express';
import { ObjectId } from 'mongodb';
const app = express();
app.post('/members/:member/ping', async (req, res) => {
  const member = new ObjectId(req.params.member);
  res.json({ ok: true, member });
});`,
    },
    {
      name: 'the string form of an id (toString is on every object, not a record read)',
      code: `import express from 'express';
import { ObjectId } from 'mongodb';
const app = express();
app.post('/login', async (req, res) => {
  const account = new ObjectId(req.body.account);
  res.status(403).json({ error: 'denied', id: account.toString() });
});`,
    },
    {
      name: 'toString, valueOf and hasOwnProperty of any value are no reads',
      code: `import express from 'express';
const app = express();
app.get('/whoami', async (req, res) => {
  const user = req.query.user;
  res.json({ a: user.toString(), b: user.valueOf(), c: user.hasOwnProperty('x') });
});`,
    },
    {
      name: 'what an unknown service created, sent under an id key',
      code: `module.exports = (server, signup) => {
  server.post('/users', async (req, res) => {
    const user = await signup.create({ name: req.body.name });
    res.json({ success: !!user, id: user });
  });
};`,
    },
    {
      name: 'a helper that returns the id of the new row',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
async function createUser(name) {
  const { rows } = await pool.query('INSERT INTO users (name) VALUES ($1) RETURNING *', [name]);
  return rows[0].id;
}
app.post('/users', async (req, res) => {
  const user = await createUser(req.body.name);
  res.json({ user });
});`,
    },
  ],
  invalid: [
    {
      name: 'a user record sent under an id key stays reported',
      code: `import express from 'express';
import { User } from './models';
const app = express();
app.get('/users/:id', async (req, res) => {
  const found = await User.findById(req.params.id);
  res.json({ id: found });
});`,
      errors: [{ messageId: 'wholeObject', line: 6, data: { object: '`found`', origin: 'line 5, from `User.findById`', sink: '`res.json`', exposed: 'every stored field' } }],
    },
    {
      name: 'a created record sent under its own name stays reported',
      code: `module.exports = (server, signup) => {
  server.post('/users', async (req, res) => {
    const user = await signup.create({ name: req.body.name });
    res.json({ success: true, user });
  });
};`,
      errors: [{ messageId: 'wholeObject', line: 4, data: { object: '`user`', origin: 'line 3, from `signup.create`', sink: '`res.json`', exposed: 'every stored field' } }],
    },
    {
      name: 'a record of a store named after accounts stays reported under an id key',
      code: `module.exports = (server, accounts) => {
  server.post('/users', async (req, res) => {
    const user = await accounts.create({ name: req.body.name });
    res.json({ success: true, id: user });
  });
};`,
      errors: [{ messageId: 'wholeObject', line: 4, data: { object: '`user`', origin: 'line 3, from `accounts.create`', sink: '`res.json`', exposed: 'every stored field' } }],
    },
    {
      name: 'a model instance, not an id type, stays reported',
      code: `import express from 'express';
import { Member } from './models';
const app = express();
app.post('/members', async (req, res) => {
  const member = new Member({ name: req.body.name });
  await member.save();
  res.json({ member });
});`,
      errors: [{ messageId: 'wholeObject', line: 7, data: { object: '`member`', origin: 'line 5, from `new Member`', sink: '`res.json`', exposed: 'every stored field' } }],
    },
  ],
});

/*
 * A model whose name says nothing (an integration, a webhook) is still sensitive when its
 * declaration in view has a sensitive field. The declaration's own serializer (`select: false`)
 * still hides it, and a model that declares none stays silent.
 */
ruleTester.run('no-whole-object-response (the declaration says the model is sensitive)', rule, {
  valid: [
    {
      name: 'the secret paths are not selected by default',
      code: `import express from 'express';
import mongoose from 'mongoose';
const hookSchema = new mongoose.Schema({ url: String, signingSecret: { type: String, select: false } });
const Hook = mongoose.model('Hook', hookSchema);
const app = express();
app.get('/hooks', async (req, res) => {
  const list = await Hook.find({ owner: req.user.id });
  res.json({ hooks: list });
});`,
    },
    {
      name: 'a model that declares no sensitive field',
      code: `import express from 'express';
import mongoose from 'mongoose';
const noteSchema = new mongoose.Schema({ title: String, body: String });
const Note = mongoose.model('Note', noteSchema);
const app = express();
app.get('/notes', async (req, res) => {
  const list = await Note.find({ owner: req.user.id });
  res.json({ notes: list });
});`,
    },
    {
      name: 'the list mapped to chosen fields',
      code: `import express from 'express';
import mongoose from 'mongoose';
const hookSchema = new mongoose.Schema({ url: String, signingSecret: String });
const Hook = mongoose.model('Hook', hookSchema);
const app = express();
app.get('/hooks', async (req, res) => {
  const list = await Hook.find({ owner: req.user.id });
  res.json({ hooks: list.map((hook) => ({ id: hook.id, url: hook.url })) });
});`,
    },
  ],
  invalid: [
    {
      name: 'a list of records whose schema has a secret, wrapped in an object',
      code: `import express from 'express';
import mongoose from 'mongoose';
const hookSchema = new mongoose.Schema({ url: String, signingSecret: String, accessToken: String });
const Hook = mongoose.model('Hook', hookSchema);
const app = express();
app.get('/hooks', async (req, res) => {
  const list = await Hook.find({ owner: req.user.id });
  res.json({ hooks: list });
});`,
      errors: [{ messageId: 'wholeObject', line: 8, data: { object: '`list`', origin: 'line 7, from `Hook.find`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [
        { messageId: 'omitFields', data: { fields: '`accessToken`, `signingSecret`', object: '`list`' }, output: `import express from 'express';
import mongoose from 'mongoose';
const hookSchema = new mongoose.Schema({ url: String, signingSecret: String, accessToken: String });
const Hook = mongoose.model('Hook', hookSchema);
const app = express();
app.get('/hooks', async (req, res) => {
  const list = await Hook.find({ owner: req.user.id });
  res.json({ hooks: list.map((item) => item.toJSON()).map(({ accessToken, signingSecret, ...item }) => item) });
});` },
      ] }],
    },
  ],
});

/*
 * `SELECT *` of a table whose name says nothing is sensitive when the file's own SQL writes a
 * sensitive column of it (an INSERT column list, an UPDATE's SET, a CREATE TABLE).
 */
ruleTester.run('no-whole-object-response (the SQL that writes the table names its columns)', rule, {
  valid: [
    {
      name: 'the table is written with no sensitive column',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.put('/hooks/:id', async (req, res) => {
  await pool.query('UPDATE hooks SET url = $1, events = $2 WHERE id = $3', [req.body.url, req.body.events, req.params.id]);
  const { rows } = await pool.query('SELECT * FROM hooks WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
    },
    {
      name: 'chosen columns of a table with a secret column',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.post('/hooks', async (req, res) => {
  await pool.query('INSERT INTO hooks (url, signing_secret) VALUES ($1, $2)', [req.body.url, newSecret()]);
  const { rows } = await pool.query('SELECT id, url FROM hooks ORDER BY id DESC LIMIT 1');
  res.json(rows[0]);
});`,
    },
    {
      name: 'a secret column of another table',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/hooks/:id', async (req, res) => {
  await pool.query('UPDATE tenants SET signing_secret = $1 WHERE id = $2', [newSecret(), req.user.tenant]);
  const { rows } = await pool.query('SELECT * FROM hooks WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
    },
  ],
  invalid: [
    {
      name: 'SELECT * of a table an UPDATE of the file gives a secret column',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
async function rotate(id) {
  await pool.query('UPDATE hooks SET signing_secret = $1, rotated_at = now() WHERE id = $2', [newSecret(), id]);
}
app.get('/hooks/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM hooks WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});`,
      errors: [{ messageId: 'wholeObject', line: 10, data: { object: '`rows[0]`', origin: 'line 9, from `pool.query`', sink: '`res.json`', exposed: 'every stored field' } }],
    },
    {
      name: 'SELECT * of a table the file creates with an api key column',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
export const schema = \`CREATE TABLE IF NOT EXISTS partners (id serial PRIMARY KEY, name text, fee numeric(10,2), api_key text NOT NULL)\`;
const app = express();
app.get('/partners', async (req, res) => {
  const result = await pool.query('SELECT * FROM partners');
  res.json({ partners: result.rows });
});`,
      errors: [{ messageId: 'wholeObject', line: 8, data: { object: '`result.rows`', origin: 'line 7, from `pool.query`', sink: '`res.json`', exposed: 'every stored field' } }],
    },
  ],
});

/*
 * The signed-in user, loaded by a middleware out of view, sent whole: not an exposure when the
 * Mongoose `User` schema in view keeps every sensitive path out of every read (`select: false`).
 * A `toJSON` transform is not enough (the middleware may read the user with `.lean()`), nor is a
 * schema that leaves one sensitive path selected.
 */
const userModel = (paths: string, extra = ''): string => `import express from 'express';
import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({ handle: String, ${paths} });
${extra}const User = mongoose.model('User', userSchema);
const app = express();
app.get('/me', (req, res) => {
  res.json({ user: req.user });
});`;

ruleTester.run('no-whole-object-response (the principal of a schema that hides its secrets)', rule, {
  valid: [
    { name: 'every sensitive path is select: false', code: userModel('apiTokenHash: { type: String, select: false }, passwordHash: { type: String, select: false }') },
    { name: 'the only path the schema hides has a name the defaults do not know', code: userModel('apiTokenDigest: { type: String, select: false }') },
    {
      name: 'a record of that schema read by the handler',
      code: `import express from 'express';
import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({ handle: String, apiTokenDigest: { type: String, select: false } });
const User = mongoose.model('User', userSchema);
const app = express();
app.get('/users/:id', async (req, res) => {
  res.json(await User.findById(req.params.id));
});`,
    },
  ],
  invalid: [
    {
      name: 'one sensitive path is still selected',
      code: userModel('apiTokenHash: { type: String, select: false }, passwordHash: String'),
      errors: [{ messageId: 'wholeObject', line: 7, data: { object: '`req.user`', origin: 'the authenticated user', sink: '`res.json`', exposed: 'every stored field of the user' } }],
    },
    {
      name: 'only a toJSON transform, which a lean read skips',
      code: userModel('passwordHash: String', "userSchema.set('toJSON', { transform(doc, ret) { delete ret.passwordHash; return ret; } });\n"),
      errors: [{ messageId: 'wholeObject', line: 8, data: { object: '`req.user`', origin: 'the authenticated user', sink: '`res.json`', exposed: 'every stored field of the user' } }],
    },
    {
      name: 'the hidden path selected back by the read',
      code: `import express from 'express';
import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({ handle: String, apiTokenDigest: { type: String, select: false } });
const User = mongoose.model('User', userSchema);
const app = express();
app.get('/users/:id', async (req, res) => {
  res.json(await User.findById(req.params.id).select('+apiTokenDigest'));
});`,
      errors: [{ messageId: 'wholeObject', line: 7, data: { object: "\`await User.findById(req.params.id).se...\`", origin: 'line 7, from `User.findById`', sink: '`res.json`', exposed: 'every stored field' }, suggestions: [] }],
    },
    {
      name: 'no schema in view',
      code: `import express from 'express';
const app = express();
app.get('/me', (req, res) => {
  res.json({ user: req.user });
});`,
      errors: [{ messageId: 'wholeObject', line: 4, data: { object: '`req.user`', origin: 'the authenticated user', sink: '`res.json`', exposed: 'every stored field of the user' } }],
    },
  ],
});

describe('SELECT * rows returned by a service of another file', () => {
  it('reads the columns from the SQL of the file that runs the query', async () => {
    const dir = writeProject({
      'src/db.js': `const { Pool } = require('pg');
module.exports = new Pool();
`,
      'src/hooks-store.js': `const db = require('./db');
async function findHook(id) {
  const { rows } = await db.query('SELECT * FROM hooks WHERE id = $1', [id]);
  return rows[0];
}
async function findNote(id) {
  const { rows } = await db.query('SELECT * FROM notes WHERE id = $1', [id]);
  return rows[0];
}
async function rotate(id, secret) {
  await db.query('UPDATE hooks SET signing_secret = $1 WHERE id = $2', [secret, id]);
}
async function rename(id, title) {
  await db.query('UPDATE notes SET title = $1 WHERE id = $2', [title, id]);
}
module.exports = { findHook, findNote, rotate, rename };
`,
      'src/routes.js': `const express = require('express');
const store = require('./hooks-store');
const router = express.Router();
router.get('/hooks/:id', async (req, res) => {
  const hook = await store.findHook(req.params.id);
  res.json(hook);
});
router.get('/notes/:id', async (req, res) => {
  const note = await store.findNote(req.params.id);
  res.json(note);
});
module.exports = router;
`,
    });
    const rules: Linter.RulesRecord = { 'api-security/no-whole-object-response': 'error' };
    const messages = await lintProjectFile(dir, 'src/routes.js', rules);
    expect(summary(messages)).toEqual(['6 api-security/no-whole-object-response']);
    expect(messages[0]?.message).toContain('from `db.query` at src/hooks-store.js:3');
  });
});
