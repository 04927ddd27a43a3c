import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Records read through raw SQL: a team's own query helper around the driver (`run(text, values)`
 * that returns `result.rows`, `{ rows }` or mysql2's `[rows]`), prepared statements (Cloudflare
 * D1's `prepare(text).bind(id).first()`, better-sqlite3's `prepare(text).get(id)`) and sqlite
 * wrappers that take the values one by one (`db.get(sql, id)`). The statement's text decides what
 * the row holds and which record it names, wherever the helper that runs it is.
 */

const OWNERSHIP = 'api-security/require-ownership-check';
const WHOLE = 'api-security/no-whole-object-response';
const strictOwnership: Linter.RulesRecord = { [OWNERSHIP]: ['error', { unscopedAccess: 'report' }] };
const consistency: Linter.RulesRecord = { [OWNERSHIP]: 'error' };
const whole: Linter.RulesRecord = { [WHOLE]: 'error' };

const PG_HELPER = `import pg from 'pg';
export const pool = new pg.Pool();
export async function run(statement, values = []) {
  const outcome = await pool.query(statement, values);
  return outcome.rows;
}
`;

const PG_DESTRUCTURING_HELPER = `import pg from 'pg';
const pool = new pg.Pool();
export async function select(statement, values) {
  const { rows } = await pool.query(statement, values);
  return rows;
}
`;

const MYSQL_HELPER = `import mysql from 'mysql2/promise';
const conn = mysql.createPool({ uri: process.env.DB_URL });
export async function fetchRows(sql, args) {
  const [rows] = await conn.execute(sql, args);
  return rows;
}
`;

describe('no-whole-object-response: rows returned by a query helper of another file', () => {
  const routes = (statement: string, send = 'res.json(patient);'): string => `import express from 'express';
import { run } from './db.js';
const app = express();
app.get('/patients/:pid', async (req, res) => {
  const found = await run('${statement} FROM patients WHERE id = $1', [req.params.pid]);
  const patient = found[0];
  ${send}
});
export default app;
`;

  it('a helper that returns `outcome.rows`: SELECT * of a sensitive table, indexed, is reported', async () => {
    const dir = writeProject({ 'src/db.js': PG_HELPER, 'src/routes.js': routes('SELECT *') });
    const messages = await lintProjectFile(dir, 'src/routes.js', whole);
    expect(summary(messages)).toEqual([`7 ${WHOLE}`]);
    expect(messages[0]?.message).toContain('from `run`');
  });

  it('explicit columns through the same helper stay silent', async () => {
    const dir = writeProject({ 'src/db.js': PG_HELPER, 'src/routes.js': routes('SELECT id, display_name') });
    expect(await lintProjectFile(dir, 'src/routes.js', whole)).toEqual([]);
  });

  it('fields picked before sending stay silent', async () => {
    const dir = writeProject({ 'src/db.js': PG_HELPER, 'src/routes.js': routes('SELECT *', 'res.json({ id: patient.id, ward: patient.ward });') });
    expect(await lintProjectFile(dir, 'src/routes.js', whole)).toEqual([]);
  });

  it('explicit columns that name a secret stay reported', async () => {
    const dir = writeProject({ 'src/db.js': PG_HELPER, 'src/routes.js': routes('SELECT id, password_hash') });
    expect(summary(await lintProjectFile(dir, 'src/routes.js', whole))).toEqual([`7 ${WHOLE}`]);
  });

  it('a helper that destructures `{ rows }` and returns them', async () => {
    const dir = writeProject({
      'src/db.js': PG_DESTRUCTURING_HELPER,
      'src/routes.js': `import express from 'express';
import { select } from './db.js';
const app = express();
app.get('/staff', async (req, res) => {
  res.json(await select('SELECT * FROM staff WHERE team = $1', [req.query.team]));
});
app.get('/staff/names', async (req, res) => {
  res.json(await select('SELECT id, nickname FROM staff WHERE team = $1', [req.query.team]));
});
export default app;
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/routes.js', whole))).toEqual([`5 ${WHOLE}`]);
  });

  it("mysql2: a helper that returns the `[rows]` of `execute`; the first row sent whole is reported, a helper that returns the row count is not", async () => {
    const dir = writeProject({
      'src/db.js': `${MYSQL_HELPER}export async function countRows(sql, args) {
  const [rows] = await conn.execute(sql, args);
  return rows.length;
}
`,
      'src/routes.js': `import express from 'express';
import { fetchRows, countRows } from './db.js';
const app = express();
app.get('/members/:mid', async (req, res) => {
  const rows = await fetchRows('SELECT * FROM members WHERE id = ?', [req.params.mid]);
  res.json(rows[0]);
});
app.get('/members/:mid/count', async (req, res) => {
  res.json(await countRows('SELECT * FROM members WHERE id = ?', [req.params.mid]));
});
export default app;
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/routes.js', whole))).toEqual([`6 ${WHOLE}`]);
  });
});

describe('no-whole-object-response: prepared statements (D1, better-sqlite3)', () => {
  const HONO = `import { Hono } from 'hono';
const app = new Hono();
`;

  it('D1 `first()` of SELECT * is one whole row; explicit columns are not', async () => {
    const dir = writeProject({
      'src/worker.js': `${HONO}app.get('/members/:id', async (c) => {
  const member = await c.env.DB.prepare('SELECT * FROM members WHERE id = ?1').bind(c.req.param('id')).first();
  return c.json(member);
});
app.get('/members/:id/badge', async (c) => {
  const member = await c.env.DB.prepare('SELECT id, nickname FROM members WHERE id = ?1').bind(c.req.param('id')).first();
  return c.json(member);
});
export default app;
`,
    });
    const messages = await lintProjectFile(dir, 'src/worker.js', whole);
    expect(summary(messages)).toEqual([`5 ${WHOLE}`]);
    expect(messages[0]?.message).toContain('from `c.env.DB.prepare(…).first`');
  });

  it('D1 `all()`: the `results` sent whole are reported, mapped to a few fields they are not', async () => {
    const dir = writeProject({
      'src/worker.js': `${HONO}app.get('/customers', async (c) => {
  const { results } = await c.env.DB.prepare('SELECT * FROM customers').all();
  return c.json(results);
});
app.get('/customers/names', async (c) => {
  const { results } = await c.env.DB.prepare('SELECT * FROM customers').all();
  return c.json(results.map((row) => ({ id: row.id, name: row.name })));
});
export default app;
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/worker.js', whole))).toEqual([`5 ${WHOLE}`]);
  });

  it('a table whose CREATE TABLE in view has a secret column is sensitive whatever its name; one without is not', async () => {
    const dir = writeProject({
      'src/worker.js': `${HONO}const SCHEMA = 'CREATE TABLE IF NOT EXISTS beacons (id TEXT PRIMARY KEY, label TEXT, api_secret TEXT)';
const PLAIN = 'CREATE TABLE IF NOT EXISTS lamps (id TEXT PRIMARY KEY, label TEXT)';
app.get('/beacons/:id', async (c) => c.json(await c.env.DB.prepare('SELECT * FROM beacons WHERE id = ?').bind(c.req.param('id')).first()));
app.get('/lamps/:id', async (c) => c.json(await c.env.DB.prepare('SELECT * FROM lamps WHERE id = ?').bind(c.req.param('id')).first()));
export default app;
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/worker.js', whole))).toEqual([`5 ${WHOLE}`]);
  });

  it('better-sqlite3: `prepare(text).get(id)` of SELECT * is reported, of explicit columns it is not', async () => {
    const dir = writeProject({
      'src/server.js': `import express from 'express';
import Database from 'better-sqlite3';
const db = new Database('app.db');
const app = express();
app.get('/accounts/:id', (req, res) => {
  res.json(db.prepare('SELECT * FROM accounts WHERE id = ?').get(req.params.id));
});
app.get('/accounts/:id/label', (req, res) => {
  res.json(db.prepare('SELECT id, label FROM accounts WHERE id = ?').get(req.params.id));
});
export default app;
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/server.js', whole))).toEqual([`6 ${WHOLE}`]);
  });
});

describe('require-ownership-check: records read through raw SQL helpers and prepared statements', () => {
  const repository = (condition: string, extra = ''): string => `import { run } from '../db.js';
export async function loadPolicy(policyId${extra}) {
  const found = await run('SELECT * FROM policies WHERE id = $1${condition}', [policyId${extra}]);
  return found[0];
}
export async function listPolicies(ownerId) {
  return run('SELECT id, title FROM policies WHERE owner_id = $1', [ownerId]);
}
`;
  const routes = (call: string): string => `import express from 'express';
import { loadPolicy, listPolicies } from '../repositories/policies.js';
const app = express();
app.get('/policies', async (req, res) => res.json(await listPolicies(req.user.id)));
app.get('/policies/:id', async (req, res) => {
  const policy = await ${call};
  res.json({ id: policy.id, title: policy.title });
});
export default app;
`;

  it('a statement run by the project helper, by a request id and with no owner condition, is reported in the repository', async () => {
    const dir = writeProject({
      'src/db.js': PG_HELPER,
      'src/repositories/policies.js': repository(''),
      'src/routes/policies.js': routes('loadPolicy(req.params.id)'),
    });
    const messages = await lintProjectFile(dir, 'src/repositories/policies.js', consistency);
    expect(summary(messages)).toEqual([`3 ${OWNERSHIP}`]);
    expect(messages[0]?.message).toContain('SQL reads a `policies` record by `req.params.id` in src/routes/policies.js (line 6) through `loadPolicy`');
    expect(messages[0]?.message).toContain('while `policies` is scoped by `owner_id`');
  });

  it('the owner condition bound to the caller stays silent', async () => {
    const dir = writeProject({
      'src/db.js': PG_HELPER,
      'src/repositories/policies.js': repository(' AND owner_id = $2', ', ownerId'),
      'src/routes/policies.js': routes('loadPolicy(req.params.id, req.user.id)'),
    });
    expect(await lintProjectFile(dir, 'src/repositories/policies.js', consistency)).toEqual([]);
  });

  it('the owner condition bound to a value the client chooses stays reported', async () => {
    const dir = writeProject({
      'src/db.js': PG_HELPER,
      'src/repositories/policies.js': repository(' AND owner_id = $2', ', ownerId'),
      'src/routes/policies.js': routes('loadPolicy(req.params.id, req.query.owner)'),
    });
    expect(summary(await lintProjectFile(dir, 'src/repositories/policies.js', consistency))).toEqual([`3 ${OWNERSHIP}`]);
  });

  it('D1 through a repository class: a delete by the slug with no owner condition is reported, the one with `owner_id = ?2` is not', async () => {
    const dir = writeProject({
      'src/store.ts': `export class BookmarkStore {
  constructor(private readonly db: D1Database) {}
  remove(slug: string) {
    return this.db.prepare('DELETE FROM bookmarks WHERE slug = ?1').bind(slug).run();
  }
  removeOwn(slug: string, ownerId: string) {
    return this.db.prepare('DELETE FROM bookmarks WHERE owner_id = ?2 AND slug = ?1').bind(slug, ownerId).run();
  }
}
`,
      'src/app.ts': `import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
import { BookmarkStore } from './store';
const app = new Hono<{ Bindings: { DB: D1Database; KEY: string }; Variables: { uid: string } }>();
app.use('*', (c, next) => jwt({ secret: c.env.KEY })(c, next));
app.delete('/bookmarks/:slug', async (c) => {
  await new BookmarkStore(c.env.DB).remove(c.req.param('slug'));
  return c.body(null, 204);
});
app.delete('/bookmarks/:slug/own', async (c) => {
  await new BookmarkStore(c.env.DB).removeOwn(c.req.param('slug'), c.get('uid'));
  return c.body(null, 204);
});
export default app;
`,
    });
    const messages = await lintProjectFile(dir, 'src/store.ts', strictOwnership);
    expect(summary(messages)).toEqual([`4 ${OWNERSHIP}`]);
    expect(messages[0]?.message).toContain('SQL deletes a `bookmarks` record by `c.req.param(\'slug\')`');
  });

  it("D1's numbered `?2` is read by its number: the owner slot bound to a client value stays reported", async () => {
    const dir = writeProject({
      'src/app.js': `import { Hono } from 'hono';
const app = new Hono();
app.get('/notes/:id', async (c) => {
  const note = await c.env.DB.prepare('SELECT title FROM notes WHERE user_id = ?2 AND id = ?1').bind(c.req.param('id'), c.req.query('as')).first();
  return c.json(note);
});
app.get('/notes/:id/mine', async (c) => {
  const note = await c.env.DB.prepare('SELECT title FROM notes WHERE user_id = ?2 AND id = ?1').bind(c.req.param('id'), c.get('uid')).first();
  return c.json(note);
});
export default app;
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/app.js', strictOwnership))).toEqual([`4 ${OWNERSHIP}`]);
  });

  it('a sqlite wrapper that takes the values one by one (`db.get(sql, id)`): unscoped reported, scoped silent', async () => {
    const dir = writeProject({
      'src/app.js': `import express from 'express';
import { db } from './db.js';
const app = express();
app.get('/drafts/:id', (req, res) => {
  const draft = db.get('SELECT title FROM drafts WHERE id = ?', req.params.id);
  res.json(draft);
});
app.get('/drafts/:id/mine', (req, res) => {
  const draft = db.get('SELECT title FROM drafts WHERE id = ? AND author_id = ?', req.params.id, req.user.id);
  res.json(draft);
});
export default app;
`,
      'src/db.js': `import Database from 'better-sqlite3';
const conn = new Database('app.db');
export const db = {
  get: (sql, ...values) => conn.prepare(sql).get(...values),
};
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/app.js', strictOwnership))).toEqual([`5 ${OWNERSHIP}`]);
  });
});

describe('no-mass-assignment: a request body whose keys become the columns of a SQL write', () => {
  const MASS = 'api-security/no-mass-assignment';
  const mass: Linter.RulesRecord = { [MASS]: 'error' };
  const handler = (keys: string): string => `import express from 'express';
import pg from 'pg';
const pool = new pg.Pool();
const EDITABLE = ['nickname', 'bio', 'timezone'];
const app = express();
app.patch('/profiles/:id', async (req, res) => {
  const changes = req.body;
  const keys = ${keys};
  const sets = keys.map((key, i) => \`"\${key}" = $\${i + 2}\`).join(', ');
  await pool.query(\`UPDATE profiles SET \${sets} WHERE id = $1\`, [req.params.id, ...keys.map((key) => changes[key])]);
  res.sendStatus(204);
});
export default app;
`;

  it('the SET list built from `Object.keys(req.body)` is reported where the keys are taken', async () => {
    const dir = writeProject({ 'src/app.js': handler('Object.keys(changes)') });
    const messages = await lintProjectFile(dir, 'src/app.js', mass);
    expect(summary(messages)).toEqual([`8 ${MASS}`]);
    expect(messages[0]?.message).toContain('`changes` (line 7, from `req.body`) is written whole by `pool.query(UPDATE profiles SET <each key>)`');
  });

  it('keys filtered by an allow-list the code holds stay silent', async () => {
    const dir = writeProject({ 'src/app.js': handler('Object.keys(changes).filter((key) => EDITABLE.includes(key))') });
    expect(await lintProjectFile(dir, 'src/app.js', mass)).toEqual([]);
  });

  it('keys filtered by their values, or by a list made of the body itself, stay reported', async () => {
    for (const keys of ['Object.keys(changes).filter((key) => changes[key] !== undefined)', 'Object.keys(changes).filter((key) => Object.keys(req.body).includes(key))']) {
      const dir = writeProject({ 'src/app.js': handler(keys) });
      expect(summary(await lintProjectFile(dir, 'src/app.js', mass))).toEqual([`8 ${MASS}`]);
    }
  });

  it('the keys of a fixed object of the code, or the body keys in a SELECT, are no mass assignment', async () => {
    const dir = writeProject({
      'src/app.js': `import express from 'express';
import pg from 'pg';
const pool = new pg.Pool();
const DEFAULTS = { theme: 'light', digest: true };
const app = express();
app.post('/settings/reset', async (req, res) => {
  const sets = Object.keys(DEFAULTS).map((key, i) => \`\${key} = $\${i + 1}\`).join(', ');
  await pool.query(\`UPDATE settings SET \${sets}\`, Object.values(DEFAULTS));
  res.sendStatus(204);
});
app.post('/settings/search', async (req, res) => {
  const filters = Object.keys(req.body).map((key, i) => \`\${key} = $\${i + 1}\`).join(' AND ');
  res.json((await pool.query(\`SELECT id FROM settings WHERE \${filters}\`, Object.values(req.body))).rows);
});
export default app;
`,
    });
    expect((await lintProjectFile(dir, 'src/app.js', mass)).filter((message) => message.ruleId === MASS)).toEqual([]);
  });

  it('through a repository of another file: an INSERT whose column list is the keys of the object given', async () => {
    const dir = writeProject({
      'src/repositories/tickets.js': `import pg from 'pg';
const pool = new pg.Pool();
export async function insertTicket(fields) {
  const columns = Object.keys(fields);
  const slots = columns.map((_, i) => '$' + (i + 1)).join(', ');
  return pool.query(\`INSERT INTO tickets (\${columns.join(', ')}) VALUES (\${slots})\`, Object.values(fields));
}
`,
      'src/app.js': `import express from 'express';
import { insertTicket } from './repositories/tickets.js';
const app = express();
app.post('/tickets', async (req, res) => {
  await insertTicket({ ...req.body, status: 'open' });
  res.sendStatus(201);
});
export default app;
`,
    });
    const messages = await lintProjectFile(dir, 'src/app.js', mass);
    expect(summary(messages)).toEqual([`5 ${MASS}`]);
    expect(messages[0]?.message).toContain('`pool.query(INSERT INTO tickets (<each key>))` at src/repositories/tickets.js:6');
  });
});

describe('no-whole-object-response: a response sent by a helper given the response', () => {
  const BASE = `class HttpController {
  reply(res, payload) {
    return res.status(200).json(payload);
  }
  acknowledge(res, payload) {
    return res.status(202).json({ accepted: true });
  }
}
module.exports = HttpController;
`;
  const controller = (line: string): string => `const HttpController = require('./http-controller');
const { Pool } = require('pg');
const pool = new Pool();
class CustomerController extends HttpController {
  show = async (req, res) => {
    const { rows } = await pool.query('SELECT * FROM customers WHERE id = $1', [req.params.id]);
    ${line}
  };
}
module.exports = new CustomerController();
`;
  const ROUTES = `const express = require('express');
const customers = require('./customer-controller');
const app = express();
app.get('/customers/:id', customers.show);
module.exports = app;
`;
  const project = (line: string): string => writeProject({ 'src/http-controller.js': BASE, 'src/customer-controller.js': controller(line), 'src/app.js': ROUTES }, { name: 'app' });

  it('an inherited helper of a base class in another file (`this.reply(res, row)`) sends the row whole, also once the file was parsed for another', async () => {
    const dir = project('this.reply(res, rows[0]);');
    // The routes file is linted first: the controller is parsed for its question before it is linted.
    await lintProjectFile(dir, 'src/app.js', whole);
    const messages = await lintProjectFile(dir, 'src/customer-controller.js', whole);
    expect(summary(messages)).toEqual([`7 ${WHOLE}`]);
    expect(messages[0]?.message).toContain('is serialized whole by `res.json` (in `HttpController.reply`)');
  });

  it('picked fields through the helper, and a helper that sends something else, stay silent', async () => {
    for (const line of ['this.reply(res, { id: rows[0].id, name: rows[0].name });', 'this.acknowledge(res, rows[0]);']) {
      expect(await lintProjectFile(project(line), 'src/customer-controller.js', whole)).toEqual([]);
    }
  });

  it('a function of the same file that sends its parameter stays reported', async () => {
    const dir = writeProject({
      'src/app.js': `import express from 'express';
import pg from 'pg';
const pool = new pg.Pool();
const app = express();
function sendJson(res, body) {
  res.json(body);
}
app.get('/users/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  sendJson(res, rows[0]);
});
export default app;
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/app.js', whole))).toEqual([`10 ${WHOLE}`]);
  });
});
