import { PGlite } from '@electric-sql/pglite';
import knex from 'knex';
import mysql from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitSqlTemplate } from '../../src/analysis/taint/sql-text.js';
import rule from '../../src/rules/no-sql-injection.js';
import { applySuggestions, placeholders } from './helpers.js';

/*
 * The bound-parameter suggestion of no-sql-injection, run on a real PostgreSQL engine (PGlite):
 * the original query (with a benign value) and the rewritten one return the same rows, and a
 * malicious value that changes the original query's meaning is only data in the rewritten one.
 */

const PG = `import express from 'express'; import { Pool } from 'pg';
const app = express(); const pool = new Pool();
app.get('/u', (req, res) => `;
const MYSQL = `import express from 'express'; import mysql from 'mysql2';
const app = express(); const pool = mysql.createPool({});
app.get('/u', (req, res) => `;
const END = `);
`;

/** The rewritten sink call, or null when the rule offers no suggestion. */
function fixedCall(prelude: string, call: string): string | null {
  const { messages, suggestions } = applySuggestions(rule as never, prelude + call + END);
  expect(messages.length).toBeGreaterThan(0);
  // One report per request value, each with the same rewrite of the whole call.
  expect(new Set(suggestions.map((suggestion) => suggestion.output)).size).toBeLessThanOrEqual(1);
  const output = suggestions[0]?.output;
  if (output === undefined) return null;
  expect(output.startsWith(prelude) && output.endsWith(END)).toBe(true);
  return output.slice(prelude.length, output.length - END.length);
}

let db: PGlite;
/** `pool.query(text, values)` on PGlite, inside a transaction that is rolled back. */
const pool = {
  async query(text: string, values: unknown[] = []): Promise<unknown[]> {
    await db.exec('BEGIN');
    try {
      return (await db.query(text, values)).rows;
    } finally {
      await db.exec('ROLLBACK');
    }
  },
};

/** Evaluates a sink call as written in the handler, with `req.query` set to `query`. */
function run(call: string, query: Record<string, string>): Promise<unknown[]> {
  const fn = new Function('pool', 'req', `return ${call};`) as (pool: unknown, req: unknown) => Promise<unknown[]>;
  return fn(pool, { query });
}

beforeAll(async () => {
  db = new PGlite();
  await db.exec(`
    CREATE TABLE u (id int PRIMARY KEY, name text NOT NULL, note text NOT NULL, born date);
    INSERT INTO u VALUES (1, 'alice', 'admin', '1990-01-01'), (2, 'bob', 'it''s me', '1985-06-01'), (3, 'carol', '50%', NULL);`);
});
afterAll(async () => {
  await db.close();
});

const ids = (rows: unknown[]): number[] => rows.map((row) => (row as { id: number }).id);

interface Case {
  name: string;
  call: string;
  fixed: string;
  benign: Record<string, string>;
  /** A value that changes the original query's meaning (`ALL`: every row), and what the fix returns. */
  attack: Record<string, string>;
  attacked: number[];
}

const cases: Case[] = [
  {
    name: 'a number compared to a column',
    call: "pool.query(`SELECT id FROM u WHERE id = ${req.query.id} ORDER BY id`)",
    fixed: "pool.query('SELECT id FROM u WHERE id = $1 ORDER BY id', [req.query.id])",
    benign: { id: '2' },
    attack: { id: '2 OR true' },
    attacked: [],
  },
  {
    name: 'a quoted string',
    call: "pool.query(`SELECT id FROM u WHERE name = '${req.query.name}' ORDER BY id`)",
    fixed: "pool.query('SELECT id FROM u WHERE name = $1 ORDER BY id', [req.query.name])",
    benign: { name: 'bob' },
    attack: { name: "x' OR 'a' = 'a" },
    attacked: [],
  },
  {
    name: 'LIKE with wildcards around the value',
    call: "pool.query(`SELECT id FROM u WHERE name LIKE '%${req.query.q}%' ORDER BY id`)",
    fixed: "pool.query('SELECT id FROM u WHERE name LIKE $1 ORDER BY id', [`%${req.query.q}%`])",
    benign: { q: 'o' },
    attack: { q: "' OR '' = '" },
    attacked: [],
  },
  {
    name: 'ILIKE with a prefix pattern, NOT LIKE',
    call: "pool.query(`SELECT id FROM u WHERE name ILIKE '${req.query.q}%' AND note NOT LIKE '%${req.query.n}' ORDER BY id`)",
    fixed: "pool.query('SELECT id FROM u WHERE name ILIKE $1 AND note NOT LIKE $2 ORDER BY id', [`${req.query.q}%`, `%${req.query.n}`])",
    benign: { q: 'A', n: 'x' },
    attack: { q: "%' --", n: 'x' },
    attacked: [],
  },
  {
    name: "a literal with a doubled quote around the value",
    call: "pool.query(`SELECT id FROM u WHERE note = 'it''s ${req.query.who}' ORDER BY id`)",
    fixed: "pool.query('SELECT id FROM u WHERE note = $1 ORDER BY id', [`it's ${req.query.who}`])",
    benign: { who: 'me' },
    attack: { who: "me' OR 'a' = 'a" },
    attacked: [],
  },
  {
    name: 'several values, a constant literal kept, over several lines',
    call: "pool.query(`SELECT id, 'x' AS tag FROM u\n  WHERE (name = '${req.query.a}' OR name = '${req.query.b}')\n  AND id > ${req.query.min} ORDER BY id`)",
    fixed: "pool.query(`SELECT id, 'x' AS tag FROM u\n  WHERE (name = $1 OR name = $2)\n  AND id > $3 ORDER BY id`, [req.query.a, req.query.b, req.query.min])",
    benign: { a: 'alice', b: 'carol', min: '0' },
    attack: { a: 'alice', b: 'carol', min: '0) OR (true' },
    attacked: [],
  },
  {
    name: 'a string joined with || (PostgreSQL)',
    call: "pool.query(`SELECT id FROM u WHERE name = 'al' || '${req.query.rest}' ORDER BY id`)",
    fixed: "pool.query(`SELECT id FROM u WHERE name = 'al' || $1 ORDER BY id`, [req.query.rest])",
    benign: { rest: 'ice' },
    attack: { rest: "ice' OR '' = '" },
    attacked: [],
  },
  {
    name: 'BETWEEN bounds',
    call: "pool.query(`SELECT id FROM u WHERE id BETWEEN ${req.query.lo} AND ${req.query.hi} AND name <> 'zed' ORDER BY id`)",
    fixed: "pool.query(`SELECT id FROM u WHERE id BETWEEN $1 AND $2 AND name <> 'zed' ORDER BY id`, [req.query.lo, req.query.hi])",
    benign: { lo: '2', hi: '3' },
    attack: { lo: '0', hi: '0 OR true' },
    attacked: [],
  },
  {
    name: 'quoted strings in an IN list',
    call: "pool.query(`SELECT id FROM u WHERE name IN ('${req.query.a}', '${req.query.b}') ORDER BY id`)",
    fixed: "pool.query('SELECT id FROM u WHERE name IN ($1, $2) ORDER BY id', [req.query.a, req.query.b])",
    benign: { a: 'alice', b: 'bob' },
    attack: { a: "') OR ('' = '", b: 'x' },
    attacked: [],
  },
  {
    name: 'a date literal compared to a date column',
    call: "pool.query(`SELECT id FROM u WHERE born < '${req.query.before}' ORDER BY id`)",
    fixed: "pool.query('SELECT id FROM u WHERE born < $1 ORDER BY id', [req.query.before])",
    benign: { before: '1989-01-01' },
    attack: { before: "2000-01-01' OR born IS NULL OR '' = '" },
    attacked: [],
  },
  {
    name: 'LIMIT and OFFSET',
    call: "pool.query(`SELECT id FROM u WHERE name <> '${req.query.not}' ORDER BY id LIMIT ${req.query.limit} OFFSET ${req.query.skip}`)",
    fixed: "pool.query('SELECT id FROM u WHERE name <> $1 ORDER BY id LIMIT $2 OFFSET $3', [req.query.not, req.query.limit, req.query.skip])",
    benign: { not: 'bob', limit: '1', skip: '1' },
    attack: { not: "zed' OR '' = '", limit: 'ALL', skip: '0' },
    attacked: [],
  },
  {
    name: 'INSERT … VALUES, two rows',
    call: "pool.query(`INSERT INTO u (id, name, note) VALUES (${req.query.id}, '${req.query.name}', 'new'), (${req.query.id2}, 'z', '${req.query.note}') RETURNING id`)",
    fixed: "pool.query(`INSERT INTO u (id, name, note) VALUES ($1, $2, 'new'), ($3, 'z', $4) RETURNING id`, [req.query.id, req.query.name, req.query.id2, req.query.note])",
    benign: { id: '7', name: 'dave', id2: '8', note: 'n' },
    attack: { id: '7', name: 'dave', id2: '8', note: "n'), (1, 'x', 'y') ON CONFLICT (id) DO UPDATE SET note = 'pwned' RETURNING 1 AS id, 2 AS id2 --" },
    attacked: [7, 8],
  },
  {
    name: 'UPDATE … SET … WHERE',
    call: "pool.query(`UPDATE u SET note = '${req.query.note}' WHERE id = ${req.query.id} RETURNING id`)",
    fixed: "pool.query('UPDATE u SET note = $1 WHERE id = $2 RETURNING id', [req.query.note, req.query.id])",
    benign: { note: 'hello', id: '1' },
    attack: { note: "x' WHERE true RETURNING id --", id: '1' },
    attacked: [1],
  },
];

describe('no-sql-injection: the bound-parameter rewrite on PostgreSQL', () => {
  it.each(cases)('$name', async ({ call, fixed, benign, attack, attacked }) => {
    const rewritten = fixedCall(PG, call);
    expect(rewritten).toBe(fixed);
    const before = await run(call, benign);
    expect(before.length).toBeGreaterThan(0);
    expect(await run(rewritten!, benign)).toEqual(before);
    // The attack works on the original query (more rows, or a different statement) ...
    const injected = await run(call, attack).then(ids, (error: unknown) => error);
    expect(injected).not.toEqual(attacked);
    // ... and is only a value in the rewritten one: it matches nothing, or is rejected as data.
    const safe = await run(rewritten!, attack).then(ids, (error: unknown) => String(error));
    if (typeof safe === 'string') expect(safe).toMatch(/invalid input syntax|out of range/u);
    else expect(safe).toEqual(attacked);
  });
});

interface Refused {
  name: string;
  call: string;
  /** What the old rewrite produced, which fails on PostgreSQL or changes the query. */
  naive?: { text: string; values: string[]; benign: Record<string, string> };
}

const refused: Refused[] = [
  { name: 'a table name', call: "pool.query(`SELECT id FROM ${req.query.t} ORDER BY id`)", naive: { text: 'SELECT id FROM $1 ORDER BY id', values: ['u'], benign: { t: 'u' } } },
  { name: 'an ORDER BY column', call: "pool.query(`SELECT id FROM u WHERE id > 0 ORDER BY ${req.query.sort}`)", naive: { text: 'SELECT id FROM u WHERE id > 0 ORDER BY $1', values: ['note'], benign: { sort: 'note' } } },
  { name: 'an IN list', call: "pool.query(`SELECT id FROM u WHERE id IN (${req.query.ids}) ORDER BY id`)", naive: { text: 'SELECT id FROM u WHERE id IN ($1) ORDER BY id', values: ['1,2'], benign: { ids: '1,2' } } },
  { name: 'a column list', call: "pool.query(`SELECT ${req.query.cols} FROM u`)" },
  { name: 'after a comma in a select list', call: "pool.query(`SELECT id, ${req.query.col} FROM u`)" },
  { name: 'a GROUP BY key', call: "pool.query(`SELECT count(*) FROM u GROUP BY ${req.query.g}`)" },
  { name: 'an alias', call: "pool.query(`SELECT id AS ${req.query.a} FROM u`)" },
  { name: 'JOIN, INTO, UPDATE targets', call: "pool.query(`INSERT INTO ${req.query.t} SELECT * FROM u JOIN ${req.query.j} ON true`)" },
  { name: 'UPDATE target', call: "pool.query(`UPDATE ${req.query.t} SET note = 'x'`)" },
  { name: 'SET column', call: "pool.query(`UPDATE u SET ${req.query.c} = 'x'`)" },
  { name: 'an INSERT column list', call: "pool.query(`INSERT INTO u (${req.query.cols}) VALUES (1, 'a', 'b')`)" },
  { name: 'a sort direction', call: "pool.query(`SELECT id FROM u ORDER BY id ${req.query.dir}`)" },
  { name: 'a WHERE fragment', call: "pool.query(`SELECT id FROM u WHERE ${req.query.filter}`)" },
  { name: 'a condition after AND', call: "pool.query(`SELECT id FROM u WHERE id > 0 AND ${req.query.filter}`)" },
  { name: 'AND after a complete BETWEEN', call: "pool.query(`SELECT id FROM u WHERE id BETWEEN 1 AND 5 AND ${req.query.filter}`)" },
  { name: 'a function argument', call: "pool.query(`SELECT id FROM u WHERE id = count(${req.query.c})`)" },
  { name: 'a function name', call: "pool.query(`SELECT id FROM u WHERE name = ${req.query.f}(name)`)" },
  { name: 'a qualified name', call: "pool.query(`SELECT id FROM u WHERE name = ${req.query.s}.name`)" },
  { name: 'part of a name', call: "pool.query(`SELECT id FROM u_${req.query.t} WHERE id = 1`)" },
  { name: 'two adjacent holes', call: "pool.query(`SELECT id FROM u WHERE id = ${req.query.a}${req.query.b}`)" },
  { name: 'a quoted identifier', call: 'pool.query(`SELECT "${req.query.c}" FROM u`)' },
  { name: 'a line comment', call: "pool.query(`SELECT id FROM u -- ${req.query.c}\n WHERE id = 1`)" },
  { name: 'a block comment', call: "pool.query(`SELECT id FROM u /* ${req.query.c} */ WHERE id = 1`)" },
  { name: 'a dollar-quoted string', call: "pool.query(`SELECT id FROM u WHERE name = $$${req.query.n}$$`)" },
  { name: 'a tagged dollar-quoted string', call: "pool.query(`SELECT id FROM u WHERE name = $q$ab${req.query.n}$q$`)" },
  { name: "an E'' string", call: "pool.query(`SELECT id FROM u WHERE name = E'${req.query.n}'`)" },
  { name: 'a typed literal', call: "pool.query(`SELECT id FROM u WHERE born > DATE '${req.query.d}'`)" },
  { name: 'an interval literal', call: "pool.query(`SELECT id FROM u WHERE born > now() - INTERVAL '${req.query.d} days'`)" },
  { name: 'a utility statement', call: "pool.query(`SET search_path = '${req.query.s}'`)" },
  { name: 'several statements', call: "pool.query(`SELECT 1; SELECT id FROM u WHERE id = ${req.query.id}`)" },
  { name: 'an existing placeholder', call: "pool.query(`SELECT id FROM u WHERE id = $1 AND name = '${req.query.n}'`)" },
  { name: 'arithmetic (a unary sign cannot be told apart)', call: "pool.query(`SELECT id FROM u WHERE id = 1 - ${req.query.n}`)" },
];

describe('no-sql-injection: no bound-parameter suggestion where the hole is not a value', () => {
  it.each(refused)('$name', async ({ call, naive }) => {
    expect(fixedCall(PG, call)).toBeNull();
    if (!naive) return;
    // What binding there would do: the query fails or stops meaning the same.
    const before = await run(call, naive.benign).then(ids, () => null);
    const after = await pool.query(naive.text, naive.values).then(ids, () => null);
    expect(before).not.toBeNull();
    expect(after).not.toEqual(before);
  });
});

describe('no-sql-injection: the `?` rewrite (mysql2)', () => {
  const mysqlCases: { name: string; call: string; fixed: string; benign: Record<string, string>; sql: string }[] = [
    {
      name: 'LIKE pattern',
      call: "pool.query(`SELECT id FROM u WHERE name LIKE '%${req.query.q}%' AND id = ${req.query.id}`)",
      fixed: "pool.query('SELECT id FROM u WHERE name LIKE ? AND id = ?', [`%${req.query.q}%`, String(req.query.id)])",
      benign: { q: 'li', id: '1' },
      sql: "SELECT id FROM u WHERE name LIKE '%li%' AND id = '1'",
    },
    {
      name: 'quoted values',
      call: "pool.query(`SELECT id FROM u WHERE name = '${req.query.n}' OR note IN ('${req.query.a}', 'b')`)",
      fixed: "pool.query(`SELECT id FROM u WHERE name = ? OR note IN (?, 'b')`, [String(req.query.n), String(req.query.a)])",
      benign: { n: 'bob', a: 'x' },
      sql: "SELECT id FROM u WHERE name = 'bob' OR note IN ('x', 'b')",
    },
  ];
  it.each(mysqlCases)('$name', ({ call, fixed, benign, sql }) => {
    const rewritten = fixedCall(MYSQL, call);
    expect(rewritten).toBe(fixed);
    // mysql2 formats `query` text on the client: the same SQL as the original for a benign value,
    // and an object (`?id[a]=1`) stays one quoted value.
    const captured: { text: string; values: unknown[] }[] = [];
    const capture = { query: (text: string, values: unknown[]) => captured.push({ text, values }) };
    new Function('pool', 'req', `return ${rewritten!};`)(capture, { query: benign });
    const [{ text, values }] = captured as [{ text: string; values: unknown[] }];
    expect(placeholders(text, 'question')).toEqual({ bound: values.length, quoted: 0 });
    expect(mysql.format(text, values as never)).toBe(sql);
    new Function('pool', 'req', `return ${rewritten!};`)(capture, { query: Object.fromEntries(Object.keys(benign).map((key) => [key, { a: 1 }])) });
    expect(mysql.format(captured[1]!.text, captured[1]!.values as never)).not.toMatch(/`a`/u);
  });

  it.each([
    ["a double-quoted string (a name under ANSI_QUOTES)", 'pool.query(`SELECT id FROM u WHERE name = "${req.query.n}"`)'],
    ['a backslash escape in a literal', "pool.query(`SELECT id FROM u WHERE note = 'a\\\\'' AND name = '${req.query.n}'`)"],
    ['a # comment', "pool.query(`SELECT id FROM u # ${req.query.n}\n WHERE id = 1`)"],
    ['a question mark already in the text', "pool.query(`SELECT id FROM u WHERE note = '?' AND name = '${req.query.n}'`)"],
    ['LIMIT (mysql2 binds strings)', "pool.query(`SELECT id FROM u LIMIT ${req.query.n}`)"],
    ['a condition after || (a logical OR in MySQL)', "pool.query(`SELECT id FROM u WHERE id = 1 || ${req.query.cond}`)"],
    ['a backtick-quoted name', "pool.query(`SELECT id FROM \\`${req.query.t}\\``)"],
  ])('no suggestion: %s', (_name, call) => {
    expect(fixedCall(MYSQL, call)).toBeNull();
  });
});

describe('no-sql-injection: the `?` rewrite (knex, compiled for PostgreSQL)', () => {
  const KNEX = `import express from 'express'; import knex from 'knex';
const app = express(); const db = knex({});
app.get('/u', (req, res) => `;
  const builder = knex({ client: 'pg' });
  /** Builds the knex query the call describes and runs its compiled SQL on PGlite. */
  const runKnex = (call: string, query: Record<string, string>): Promise<number[]> => {
    const built = new Function('db', 'req', `return ${call};`)(builder, { query }) as { toSQL(): { toNative(): { sql: string; bindings: unknown[] } } };
    const { sql, bindings } = built.toSQL().toNative();
    return pool.query(sql, bindings).then(ids);
  };

  it('whereRaw with a LIKE pattern and a value', async () => {
    const call = "db('u').select('id').whereRaw(`name LIKE '%${req.query.q}%' AND id >= ${req.query.min}`).orderBy('id')";
    const rewritten = fixedCall(KNEX, call);
    expect(rewritten).toBe("db('u').select('id').whereRaw('name LIKE ? AND id >= ?', [`%${req.query.q}%`, String(req.query.min)]).orderBy('id')");
    const benign = { q: 'o', min: '2' };
    expect(await runKnex(rewritten!, benign)).toEqual(await runKnex(call, benign));
    const attack = { q: "' OR '' = '", min: '0' };
    expect(await runKnex(call, attack)).toEqual([1, 2, 3]);
    expect(await runKnex(rewritten!, attack)).toEqual([]);
  });
});

describe('splitSqlTemplate', () => {
  it('reads quotes, comments and dollar quotes before the hole', () => {
    expect(splitSqlTemplate(["SELECT '--' AS a, $$ ' $$ AS b FROM t WHERE x = ", ''], 'pg')).toEqual([
      "SELECT '--' AS a, $$ ' $$ AS b FROM t WHERE x = ",
      { kind: 'hole', hole: 0 },
    ]);
    expect(splitSqlTemplate(['SELECT 1 /* \' */ FROM t WHERE x = \'a', "b'"], 'mysql')).toEqual([
      "SELECT 1 /* ' */ FROM t WHERE x = ",
      { kind: 'literal', texts: ['a', 'b'], holes: [0] },
    ]);
    expect(splitSqlTemplate(["SELECT 1 FROM t WHERE x = '", "' -- '", '\n'], 'pg')).toBeNull();
  });
  it('is deterministic', () => {
    const parts = ["SELECT id FROM u WHERE name LIKE '%", "%' AND id = ", ''];
    expect(splitSqlTemplate(parts, 'pg')).toEqual(splitSqlTemplate([...parts], 'pg'));
  });
});
