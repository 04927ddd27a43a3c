import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * One Express route registered for each method of a literal list: `['get', 'post'].forEach((verb)
 * => app[verb]('/hooks/:id', handler))`, or `for (const verb of VERBS) router[verb](…)` with a
 * constant of the file. It is one route with those methods, judged like any other (its
 * middleware, its handler). A list holding anything but HTTP method names is not read as routes.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }], 'api-security/no-sql-injection': 'error' };

async function findings(code: string): Promise<string[]> {
  const dir = writeProject({ 'server.js': code });
  return (await lintProjectFile(dir, 'server.js', rules)).map((message) => `${String(message.line)} ${message.ruleId ?? ''} ${message.message.split(' (')[0] ?? ''}`);
}

const head = `import express from 'express';
import jwt from 'jsonwebtoken';
import pg from 'pg';
const pool = new pg.Pool();
function signedIn(req, res, next) {
  try {
    req.user = jwt.verify(String(req.headers.authorization).slice(7), process.env.JWT_SECRET);
  } catch {
    return res.status(401).end();
  }
  next();
}
const app = express();
`;

describe('a route registered once per method of a literal list', () => {
  it('`forEach` over an inline list, no middleware: one route with both methods, its handler analysed', async () => {
    expect(await findings(`${head}const purge = async (req, res) => { await pool.query(\`DELETE FROM hooks WHERE id = '\${req.params.id}'\`); res.sendStatus(204); };
['post', 'delete'].forEach((verb) => app[verb]('/hooks/:id', purge));
app.listen(3000);
`)).toEqual([
      '14 api-security/no-sql-injection `req.params.id`',
      '15 api-security/no-unauthenticated-route POST|DELETE /hooks/:id',
    ]);
  });

  it('`for … of` a constant of the file, with the auth middleware passed for each: guarded', async () => {
    expect(await findings(`${head}const VERBS = ['put', 'patch'];
for (const verb of VERBS) app[verb]('/hooks/:id', signedIn, (req, res) => res.json(req.body));
app.listen(3000);
`)).toEqual([]);
  });

  it('a list that is not only HTTP methods is not read as routes', async () => {
    expect(await findings(`${head}const names = ['post', 'locals'];
names.forEach((name) => app[name]('/hooks/:id', (req, res) => res.json(req.body)));
app.listen(3000);
`)).toEqual([]);
  });
});
