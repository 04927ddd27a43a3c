import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A MongoDB filter built in a variable and completed by assignments before the query: a `$where`
 * assigned into it is JavaScript the server evaluates, and a key the client chooses can name any
 * operator, as in an object literal.
 */

const rules: Linter.RulesRecord = { 'api-security/no-nosql-injection': 'error' };
const lines = (messages: Linter.LintMessage[]): string[] => messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);

const lint = async (code: string): Promise<string[]> => {
  const dir = writeProject({ 'src/app.js': code });
  return lines(await lintProjectFile(dir, 'src/app.js', rules));
};

const KOA = `import Koa from 'koa';
import Router from '@koa/router';
import { MongoClient } from 'mongodb';
const client = new MongoClient(process.env.MONGO_URL);
const rentals = client.db('fleet').collection('rentals');
const router = new Router();`;

const EXPRESS = `import express from 'express';
import { MongoClient } from 'mongodb';
const client = new MongoClient(process.env.MONGO_URL);
const rentals = client.db('fleet').collection('rentals');
const app = express();`;

describe('filters completed by assignment', () => {
  it('a $where assigned from the query (Koa, whose query values are strings) is code', async () => {
    expect(await lint(`${KOA}
router.get('/rentals', async (ctx) => {
  const filter = { depot: 'north' };
  filter.$where = \`this.seats >= \${ctx.query.seats}\`;
  ctx.body = await rentals.find(filter).toArray();
});`)).toEqual(['9 nosqlCode']);
  });

  it('a $where in the literal of the variable, and one assigned by a computed literal key', async () => {
    expect(await lint(`${EXPRESS}
app.get('/rentals', async (req, res) => {
  const query = { $where: 'this.km < ' + req.query.km };
  const other = {};
  other['$where'] = \`this.owner == '\${req.query.owner}'\`;
  res.json([await rentals.find(query).toArray(), await rentals.find(other).toArray()]);
});`)).toEqual(['7 nosqlCode', '9 nosqlCode']);
  });

  it('a key chosen by the client, assigned into the filter (and its value, a body field that may be an object)', async () => {
    expect(await lint(`${EXPRESS}
app.post('/rentals/search', async (req, res) => {
  const filter = { active: true };
  filter[req.body.field] = req.body.value;
  res.json(await rentals.find(filter).toArray());
});`)).toEqual(['8 nosqlInjection', '9 nosqlInjection']);
  });

  it('stays silent: a fixed $where, a server-chosen key, a number in the code, an assignment after the query', async () => {
    expect(await lint(`${EXPRESS}
const SORTABLE = { seats: 'seats' };
app.get('/rentals', async (req, res) => {
  const filter = { depot: 'north' };
  filter.$where = 'this.seats > 2';
  filter[SORTABLE.seats] = 4;
  const later = {};
  const first = await rentals.find(later).toArray();
  later.$where = \`this.km < \${req.query.km}\`;
  const typed = {};
  typed.$where = \`this.km < \${Number(req.query.km)}\`;
  res.json([await rentals.find(filter).toArray(), first, await rentals.find(typed).toArray()]);
});`)).toEqual([]);
  });
});
