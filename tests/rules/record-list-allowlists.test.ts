import { RuleTester } from '@typescript-eslint/rule-tester';
import pathRule from '../../src/rules/no-path-traversal.js';
import sqlRule from '../../src/rules/no-sql-injection.js';

/*
 * Membership by exact equality inside `some`/`find` (`KNOWN.some((k) => name === k.id)`) against a
 * fixed list, of strings or of records written in the code: a value that passes equals an entry.
 * Also through a small predicate of the file (`const isKnown = (n) => KNOWN.some(...)`). A substring
 * or prefix test in the callback, a list the request or the run time fills, and a callback that
 * compares something else stay reported.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import fs from 'node:fs';
const app = express();
const TEMPLATES = [{ id: 'invoice', title: 'Invoice' }, { id: 'receipt', title: 'Receipt' }];
`;

ruleTester.run('no-path-traversal: exact match in some()', pathRule, {
  valid: [
    {
      name: 'early exit on a record list searched by id',
      code: `${head}app.get('/t/:name', (req, res) => {
  const { name } = req.params;
  if (!TEMPLATES.some((t) => t.id === name)) return res.sendStatus(404);
  res.send(fs.readFileSync(\`/srv/templates/\${name}.html\`, 'utf8'));
});`,
    },
    {
      name: 'a predicate of the file in the same && condition',
      code: `${head}const isKnown = (n) => TEMPLATES.some((t) => n === t.id);
app.get('/t/:name', (req, res) => {
  const name = req.params.name;
  if (isKnown(name) && fs.existsSync(\`/srv/templates/\${name}.html\`)) return res.send(fs.readFileSync(\`/srv/templates/\${name}.html\`, 'utf8'));
  res.sendStatus(404);
});`,
    },
    {
      name: 'find with a block body, on a list of strings',
      code: `${head}const LANGS = ['en', 'de', 'fr'];
app.get('/help', (req, res) => {
  const lang = String(req.query.lang);
  if (!LANGS.find((entry) => { return entry === lang; })) return res.sendStatus(400);
  res.send(fs.readFileSync('/srv/help/' + lang + '.md', 'utf8'));
});`,
    },
  ],
  invalid: [
    {
      name: 'a substring test inside some() is no allow-list',
      code: `${head}app.get('/t/:name', (req, res) => {
  const { name } = req.params;
  if (!TEMPLATES.some((t) => name.includes(t.id))) return res.sendStatus(404);
  res.send(fs.readFileSync(\`/srv/templates/\${name}.html\`, 'utf8'));
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'a prefix test inside some() is no allow-list',
      code: `${head}app.get('/t/:name', (req, res) => {
  const { name } = req.params;
  if (!TEMPLATES.some((t) => name.startsWith(t.id))) return res.sendStatus(404);
  res.send(fs.readFileSync(\`/srv/templates/\${name}.html\`, 'utf8'));
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'a list the code fills at run time',
      code: `${head}const uploaded = [];
app.post('/t', (req, res) => { uploaded.push({ id: req.body.id }); res.end(); });
app.get('/t/:name', (req, res) => {
  const { name } = req.params;
  if (!uploaded.some((t) => t.id === name)) return res.sendStatus(404);
  res.send(fs.readFileSync(\`/srv/templates/\${name}.html\`, 'utf8'));
});`,
      errors: [{ messageId: 'pathTraversal', line: 10 }],
    },
    {
      name: 'the callback compares another value',
      code: `${head}app.get('/t/:name', (req, res) => {
  const { name } = req.params;
  if (!TEMPLATES.some((t) => t.id === req.query.kind)) return res.sendStatus(404);
  res.send(fs.readFileSync(\`/srv/templates/\${name}.html\`, 'utf8'));
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      // A field the operator chose (`process.argv[2]`) is the server's: see server-held-path-lists.test.ts.
      name: 'a record whose field is computed from what the store returns is no fixed entry',
      code: `import express from 'express';
import fs from 'node:fs';
import { loadTemplateName } from './store';
const app = express();
const TEMPLATES = [{ id: await loadTemplateName() }];
app.get('/t/:name', (req, res) => {
  const { name } = req.params;
  if (!TEMPLATES.some((t) => t.id === name)) return res.sendStatus(404);
  res.send(fs.readFileSync(\`/srv/templates/\${name}.html\`, 'utf8'));
});`,
      errors: [{ messageId: 'pathTraversal', line: 9 }],
    },
    {
      name: 'every() holds for an empty list too',
      code: `${head}app.get('/t/:name', (req, res) => {
  const { name } = req.params;
  if (!TEMPLATES.every((t) => t.id === name)) return res.sendStatus(404);
  res.send(fs.readFileSync(\`/srv/templates/\${name}.html\`, 'utf8'));
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
  ],
});

ruleTester.run('no-sql-injection: exact match in some()', sqlRule, {
  valid: [
    {
      name: 'a sort column checked against a record list',
      code: `import express from 'express';
import { Pool } from 'pg';
const app = express();
const pool = new Pool();
const COLUMNS = [{ key: 'created_at' }, { key: 'total' }];
app.get('/orders', async (req, res) => {
  const sort = String(req.query.sort);
  if (!COLUMNS.some((c) => c.key === sort)) return res.sendStatus(400);
  res.json((await pool.query('SELECT * FROM orders ORDER BY ' + sort)).rows);
});`,
    },
  ],
  invalid: [],
});
