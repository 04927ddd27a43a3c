import { RuleTester } from '@typescript-eslint/rule-tester';
import pathRule from '../../src/rules/no-path-traversal.js';
import sqlRule from '../../src/rules/no-sql-injection.js';
import xssRule from '../../src/rules/no-reflected-xss.js';

/*
 * A value looked up by a key the client chose (`table[req.params.name]`) is one of the values the
 * table holds: it carries the table's taint, not the key's. A table the server filled (loaded
 * plugins, stored documents) gives a server value whatever the key; a table the request filled
 * (`req.query[name]`, a copy of the body) still gives request text. Whether the client may read
 * that entry is an access-control question, not an injection.
 */
const ruleTester = new RuleTester();

const express = `import express from 'express';
import fs from 'node:fs';
import { Pool } from 'pg';
import { loadPlugins, loadQueries } from './registry';
const app = express();
const pool = new Pool();
const plugins = loadPlugins();
`;

ruleTester.run('no-path-traversal: lookups by a client key', pathRule, {
  valid: [
    {
      name: 'the icon path of a plugin the server loaded',
      code: `${express}app.get('/icons/:name', (req, res) => {
  if (!Object.hasOwn(plugins, req.params.name)) return res.status(404).end();
  res.send(fs.readFileSync(plugins[req.params.name].icon));
});`,
    },
    {
      name: 'a key held in a variable, optional chaining',
      code: `${express}app.get('/icons/:name', (req, res) => {
  const name = req.params.name;
  const icon = plugins[name].icon;
  fs.readFile(icon, (error, data) => res.send(data));
});`,
    },
  ],
  invalid: [
    {
      name: 'a field of the query chosen by another field',
      code: `${express}app.get('/file', (req, res) => {
  const which = String(req.query.which);
  res.send(fs.readFileSync(req.query[which]));
});`,
      errors: [{ messageId: 'pathTraversal', line: 10, data: { source: '`req.query[which]`', sourceLine: 10, sink: 'fs.readFileSync', sinkLine: 10, via: '' } }],
    },
    {
      name: 'a copy of the body read by a client key',
      code: `${express}app.post('/file', (req, res) => {
  const copy = { ...req.body };
  res.send(fs.readFileSync(copy[req.query.key]));
});`,
      errors: [{ messageId: 'pathTraversal', line: 10 }],
    },
    {
      name: 'the key joined to a directory is still the client text',
      code: `${express}app.get('/icons/:name', (req, res) => {
  res.send(fs.readFileSync('/srv/icons/' + req.params.name + plugins[req.params.name].ext));
});`,
      errors: [{ messageId: 'pathTraversal', line: 9 }],
    },
  ],
});

ruleTester.run('no-sql-injection: lookups by a client key', sqlRule, {
  valid: [
    {
      name: 'a statement of a table the server loaded',
      code: `${express}const queries = loadQueries();
app.get('/report', async (req, res) => res.json(await pool.query(queries[req.query.report])));`,
    },
  ],
  invalid: [
    {
      name: 'a statement chosen from the body itself',
      code: `${express}app.post('/report', async (req, res) => res.json(await pool.query(req.body[req.query.report])));`,
      errors: [{ messageId: 'sqlInjection', line: 8 }],
    },
  ],
});

ruleTester.run('no-reflected-xss: lookups by a client key', xssRule, {
  valid: [
    {
      name: 'a stored page chosen by name',
      code: `${express}app.get('/page/:name', (req, res) => res.type('html').send(plugins[req.params.name].page));`,
    },
  ],
  invalid: [
    {
      name: 'a header chosen by the query',
      code: `${express}app.get('/echo', (req, res) => res.type('html').send(req.headers[String(req.query.h)]));`,
      errors: [{ messageId: 'reflectedXss', line: 8 }],
    },
  ],
});
