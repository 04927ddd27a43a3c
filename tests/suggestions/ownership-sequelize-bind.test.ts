import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rule from '../../src/rules/require-ownership-check.js';
import { applySuggestions } from './helpers.js';

/*
 * The owner-condition suggestion on Sequelize's raw `query(text, { bind })`: the rewritten text and
 * the bind array run on PostgreSQL (PGlite), as Sequelize passes them to `pg`, with two users' rows.
 */

let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.exec(`
    CREATE TABLE payslips (id int PRIMARY KEY, user_id int NOT NULL, net int NOT NULL);
    INSERT INTO payslips VALUES (1, 1, 4100), (2, 2, 3900);`);
});
afterAll(async () => {
  await db.close();
});

/** `sequelize.query(text, { bind })` as PGlite runs it. */
const sequelize = {
  async query(text: string, options: { bind?: unknown[] }): Promise<unknown[]> {
    return (await db.query(text, options.bind ?? [])).rows;
  },
};

const CODE = `import Router from '@koa/router';
import { QueryTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/hr');
export const ddl = 'CREATE TABLE payslips (id int primary key, user_id int not null references users(id), net int)';
const router = new Router();
router.get('/payslips/:id', async (ctx) => {
  ctx.set('x-viewer', String(ctx.state.user.id));
  ctx.body = await sequelize.query('SELECT id, net FROM payslips WHERE id = $1', { bind: [ctx.params.id], type: QueryTypes.SELECT });
});
`;

/** Runs the `sequelize.query(...)` call of a line as user 2 asking for `id`. */
async function runAsUser2(line: string, id: string): Promise<unknown[]> {
  const call = /await (sequelize\.query\(.*\));/u.exec(line)?.[1];
  if (call === undefined) throw new Error(`no query call in ${line}`);
  const fn = new Function('sequelize', 'ctx', 'QueryTypes', `return ${call};`) as (s: unknown, ctx: unknown, types: unknown) => Promise<unknown[]>;
  return fn(sequelize, { params: { id }, state: { user: { id: 2 } } }, { SELECT: 'SELECT' });
}

describe('require-ownership-check suggestion: Sequelize query with bind values, on PGlite', () => {
  it('user 2 no longer reads user 1\'s payslip, and still reads their own', async () => {
    const { messages, suggestions } = applySuggestions(rule as never, CODE, [{ unscopedAccess: 'report' }]);
    expect(messages).toHaveLength(1);
    expect(suggestions).toHaveLength(1);
    const original = CODE.split('\n').find((text) => text.includes('sequelize.query('))!;
    expect(await runAsUser2(original, '1')).toHaveLength(1); // the bug
    const fixed = suggestions[0]!.output.split('\n').find((text) => text.includes('sequelize.query('))!;
    expect(fixed).toContain("WHERE id = $1 AND user_id = $2', { bind: [ctx.params.id, ctx.state.user.id]");
    expect(await runAsUser2(fixed, '1')).toEqual([]);
    expect(await runAsUser2(fixed, '2')).toEqual([{ id: 2, net: 3900 }]);
  });
});
