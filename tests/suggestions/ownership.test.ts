import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rule from '../../src/rules/require-ownership-check.js';
import { applySuggestions } from './helpers.js';

/*
 * The owner-condition suggestion of require-ownership-check, judged by what the fixed code does:
 * the rewritten SQL runs on PostgreSQL (PGlite) with two users' rows, and the rewritten filter
 * objects are evaluated and matched against two users' records. Before the fix the caller reads
 * the other user's record; after it, only its own.
 */

const strict = [{ unscopedAccess: 'report' }];

/** The single suggestion's output, and the text of the line that holds `marker` in it. */
function fixedLine(code: string, marker: string): string {
  const { messages, suggestions } = applySuggestions(rule as never, code, strict);
  expect(messages).toHaveLength(1);
  expect(suggestions).toHaveLength(1);
  const line = suggestions[0]!.output.split('\n').find((text) => text.includes(marker));
  if (line === undefined) throw new Error(`no line with ${marker} in the fixed code`);
  return line;
}

let db: PGlite;
/** `pool.query(text, values)` on PGlite, inside a transaction that is rolled back. */
const pool = {
  async query(text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
    await db.exec('BEGIN');
    try {
      return { rows: (await db.query(text, values)).rows };
    } finally {
      await db.exec('ROLLBACK');
    }
  },
};

beforeAll(async () => {
  db = new PGlite();
  await db.exec(`
    CREATE TABLE notes (id int PRIMARY KEY, user_id int NOT NULL, body text NOT NULL);
    INSERT INTO notes VALUES (1, 1, 'alice''s note'), (2, 2, 'bob''s note');`);
});
afterAll(async () => {
  await db.close();
});

const NOTES = `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
export const migration = 'CREATE TABLE notes (id int primary key, user_id int not null references users(id), body text)';
const app = express();
app.get('/me', (req, res) => res.json(req.user));
`;

/** Runs the query call of a handler line (`const { rows } = await pool.query(...)`) as bob (user 2) asking for `id`. */
async function runAsBob(line: string, id: string): Promise<unknown[]> {
  const call = /await (pool\.query\(.*\));/u.exec(line)?.[1];
  if (call === undefined) throw new Error(`no query call in ${line}`);
  const fn = new Function('pool', 'req', `return ${call};`) as (pool: unknown, req: unknown) => Promise<{ rows: unknown[] }>;
  return (await fn(pool, { params: { id }, user: { id: 2 } })).rows;
}

describe('require-ownership-check suggestion: SQL on PGlite', () => {
  it.each([
    ['a SELECT', "SELECT id, body FROM notes WHERE id = $1"],
    ['a SELECT with ORDER BY and LIMIT after the WHERE', 'SELECT id, body FROM notes WHERE id = $1 ORDER BY id LIMIT 1'],
    ['an UPDATE ... RETURNING', "UPDATE notes SET body = body WHERE id = $1 RETURNING id"],
  ])('%s: bob no longer gets alice\'s note, and still gets his own', async (_, sql) => {
    const code = `${NOTES}app.get('/notes/:id', async (req, res) => {
  const { rows } = await pool.query('${sql}', [req.params.id]);
  res.json(rows[0]);
});
`;
    const original = code.split('\n').find((text) => text.includes('pool.query('))!;
    expect(await runAsBob(original, '1')).toHaveLength(1); // the bug: alice's note
    const fixed = fixedLine(code, 'pool.query(');
    expect(fixed).toContain('user_id = $2');
    expect(await runAsBob(fixed, '1')).toEqual([]);
    expect(await runAsBob(fixed, '2')).toHaveLength(1);
  });
});

interface Doc {
  _id: string;
  owner: string;
}

const DOCS: Doc[] = [
  { _id: 'a1', owner: 'alice' },
  { _id: 'b1', owner: 'bob' },
];

/** A stand-in model that matches a filter object against two users' records, as equality on every key. */
const Order = {
  findOne: (filter: Record<string, unknown>) => DOCS.find((doc) => Object.entries(filter).every(([key, value]) => doc[key as keyof Doc] === value)) ?? null,
};

describe('require-ownership-check suggestion: filter objects', () => {
  it('Mongoose findById becomes findOne with the caller as owner: bob reads his order, not alice\'s', () => {
    const code = `import express from 'express';
import mongoose, { Schema } from 'mongoose';
const Order = mongoose.model('Order', new Schema({ total: Number, owner: { type: Schema.Types.ObjectId, ref: 'User' } }));
const app = express();
app.get('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  res.json({ order, by: req.user });
});
`;
    const line = fixedLine(code, 'Order.find');
    const call = /await (Order\.\w+\(.*\));/u.exec(line)?.[1];
    expect(call).toBe('Order.findOne({ _id: req.params.id, owner: req.user._id })');
    const fn = new Function('Order', 'req', `return ${call!};`) as (model: typeof Order, req: unknown) => Doc | null;
    const bob = { _id: 'bob' };
    expect(fn(Order, { params: { id: 'a1' }, user: bob })).toBeNull();
    expect(fn(Order, { params: { id: 'b1' }, user: bob })).toEqual({ _id: 'b1', owner: 'bob' });
  });

  it('a Prisma where gains the owner bound to the caller, not to the request', () => {
    const code = `import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.get('/documents', async (request) => prisma.document.findMany({ where: { userId: request.user.id } }));
app.put('/documents/:id', async (request) => prisma.document.update({ where: { id: request.params.id }, data: { title: String(request.body.title) } }));
`;
    const { suggestions } = applySuggestions(rule as never, code);
    expect(suggestions).toHaveLength(1);
    const line = suggestions[0]!.output.split('\n').find((text) => text.includes('prisma.document.update'))!;
    const where = /where: (\{[^}]*\})/u.exec(line)?.[1];
    expect(where).toBeDefined();
    const evaluate = new Function('request', `return ${where!};`) as (request: unknown) => Record<string, unknown>;
    // The client sends another user's id in the body: the condition still holds the caller's.
    const filter = evaluate({ params: { id: 'd1' }, user: { id: 'bob' }, body: { userId: 'alice' } });
    expect(filter).toEqual({ id: 'd1', userId: 'bob' });
  });
});
