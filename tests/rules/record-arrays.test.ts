import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';
import sqlRule from '../../src/rules/no-sql-injection.js';

/*
 * An array that only ever holds object literals (declared with them or empty, then only given more
 * with `push`/`unshift`, reordered, read by index or looped over) is read field by field: an
 * element's field holds what that field of the literals holds, not every value the records carry.
 * A table of records built in a loop, one field of which holds request input, no longer taints the
 * other fields written in the page. Read whole, as before: an element or a record changed in place
 * (`rows[i].label = …`, `row.label = …` in a loop), the array handed to a function or to a callback
 * method (`forEach`, `map`), given an element that is not a literal, or given another array.
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
import { randomUUID } from 'node:crypto';
const app = express();`;

ruleTester.run('no-reflected-xss (arrays of records, field by field)', rule, {
  valid: [
    {
      name: 'a field with the query beside fields of server values',
      code: `${express}
const sizes = { a: 10, b: 20 };
app.get('/files', (req, res) => {
  const rows = [];
  for (const name of Object.keys(sizes)) rows.push({ name, size: sizes[name], note: randomUUID() + req.query.tag });
  let page = '<table>';
  for (var i in rows) {
    var row = rows[i];
    page += '<tr><td>' + row.name + '</td><td>' + row.size + '</td></tr>';
  }
  res.send(page + '</table>');
});`,
    },
    {
      name: 'the keys of a for … in over the records are indices',
      code: `${express}
app.get('/files', (req, res) => {
  const rows = [{ name: 'a', note: req.query.note }];
  let page = '';
  for (const key in rows) page += '<li id="row-' + key + '">' + rows[key].name + '</li>';
  res.send(page);
});`,
    },
    {
      name: 'for … of over records declared with literals and pushed to',
      code: `${express}
app.get('/files', (req, res) => {
  const rows = [{ label: 'home', hint: req.query.hint }];
  rows.unshift({ label: 'top', hint: req.query.hint });
  rows.sort((a, b) => a.label.localeCompare(b.label));
  let page = '';
  for (const row of rows) page += '<li>' + row.label + '</li>';
  res.send(page);
});`,
    },
  ],
  invalid: [
    {
      name: 'the field that holds the query is still reported',
      code: `${express}
app.get('/files', (req, res) => {
  const rows = [];
  rows.push({ name: 'a', note: req.query.note });
  let page = '';
  for (const row of rows) page += '<li>' + row.name + ': ' + row.note + '</li>';
  res.send(page);
});`,
      errors: [{ messageId: 'reflectedXss', line: 9 }],
    },
    {
      name: 'a record changed in place by the loop over it',
      code: `${express}
app.get('/files', (req, res) => {
  const rows = [{ name: 'a', note: req.query.note }];
  let page = '';
  for (const row of rows) {
    row.name = row.note;
    page += '<li>' + row.name + '</li>';
  }
  res.send(page);
});`,
      errors: [{ messageId: 'reflectedXss', line: 11 }],
    },
    {
      name: 'the array variable given another array',
      code: `${express}
app.get('/files', (req, res) => {
  let rows = [{ name: 'a' }];
  rows = rows.concat([{ name: req.query.name }]);
  let page = '';
  for (const row of rows) page += '<li>' + row.name + '</li>';
  res.send(page);
});`,
      errors: [{ messageId: 'reflectedXss', line: 9 }],
    },
    {
      name: 'records changed by a callback method',
      code: `${express}
app.get('/files', (req, res) => {
  const rows = [{ name: 'a', note: req.query.note }];
  rows.forEach((row) => { row.name = row.note; });
  res.send('<li>' + rows[0].name + '</li>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
    },
    {
      name: 'an element that is not an object literal',
      code: `${express}
app.get('/files', (req, res) => {
  const rows = [];
  rows.push(req.query);
  res.send('<li>' + rows[0].name + '</li>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
    },
    {
      name: 'the keys of a for … in over an object the query filled',
      code: `${express}
app.get('/files', (req, res) => {
  const seen = { ...req.query };
  let page = '';
  for (const key in seen) page += '<li>' + key + '</li>';
  res.send(page);
});`,
      errors: [{ messageId: 'reflectedXss', line: 8 }],
    },
  ],
});

ruleTester.run('no-sql-injection (arrays of records, field by field)', sqlRule, {
  valid: [
    {
      name: 'the fixed column of a record beside a field of the body',
      code: `import express from 'express';
import { Pool } from 'pg';
const app = express();
const pool = new Pool();
app.post('/sort', async (req, res) => {
  const orders = [{ column: 'created_at', label: req.body.label }];
  for (const order of orders) await pool.query('SELECT * FROM notes ORDER BY ' + order.column);
  res.end();
});`,
    },
  ],
  invalid: [
    {
      name: 'the field of the body itself',
      code: `import express from 'express';
import { Pool } from 'pg';
const app = express();
const pool = new Pool();
app.post('/sort', async (req, res) => {
  const orders = [{ column: 'created_at', label: req.body.label }];
  for (const order of orders) await pool.query('SELECT * FROM notes WHERE label = ' + order.label);
  res.end();
});`,
      errors: [{ messageId: 'sqlInjection', line: 7 }],
    },
  ],
});
