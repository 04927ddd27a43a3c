import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';

const ruleTester = new RuleTester();

// Express `res.send` answers JSON for an array or a plain object; a value that can only be one
// (the result of an array method, `Object.entries`, `Array.from`) is not sent as HTML.
ruleTester.run('no-reflected-xss', rule, {
  valid: [
    { name: 'an array built by map is sent as JSON', code: `import express from 'express';
const app = express();
app.post('/cards', (req, res) => {
  const links = req.body.links;
  const cards = links.map((link) => ({ link, title: 'card of ' + link }));
  res.status(200).send(cards);
});` },
    { name: 'filter and flatMap give arrays', code: `import express from 'express';
const app = express();
app.get('/tags', (req, res) => {
  const wanted = req.query.tags.split(',');
  res.send(wanted.filter((tag) => tag !== ''));
});
app.get('/pairs', (req, res) => res.send(req.query.words.split(' ').flatMap((word) => [word, word.length])));` },
    { name: 'Object.entries and Array.from give arrays', code: `import express from 'express';
const app = express();
app.get('/entries', (req, res) => res.send(Object.entries(req.query)));
app.get('/letters', (req, res) => res.send(Array.from(req.query.word)));` },
  ],
  invalid: [
    { name: 'a string joined from a mapped array is HTML', code: `import express from 'express';
const app = express();
app.post('/cards', (req, res) => {
  const rows = req.body.links.map((link) => '<li>' + link + '</li>');
  res.send(rows.join(''));
});`, errors: [{ messageId: 'reflectedXss', line: 5 }] },
    { name: 'one element of a mapped array is HTML', code: `import express from 'express';
const app = express();
app.get('/first', (req, res) => {
  const names = req.query.names.split(',').map((name) => name.trim());
  res.send(names[0]);
});`, errors: [{ messageId: 'reflectedXss', line: 5 }] },
    { name: 'String() of an array is HTML', code: `import express from 'express';
const app = express();
app.get('/list', (req, res) => res.send(String(req.query.items.split(',').filter(Boolean))));`, errors: [{ messageId: 'reflectedXss', line: 3 }] },
    { name: 'a template of a mapped array is HTML', code: `import express from 'express';
const app = express();
app.get('/list', (req, res) => {
  const items = req.query.items.split(',').map((item) => item.trim());
  res.send(\`<ul>\${items}</ul>\`);
});`, errors: [{ messageId: 'reflectedXss', line: 5 }] },
    { name: 'JSON.parse of request text may be a string', code: `import express from 'express';
const app = express();
app.get('/parsed', (req, res) => res.send(JSON.parse(req.query.data)));`, errors: [{ messageId: 'reflectedXss', line: 3 }] },
    { name: 'slice of a string is a string', code: `import express from 'express';
const app = express();
app.get('/cut', (req, res) => res.send(req.query.text.slice(0, 40)));`, errors: [{ messageId: 'reflectedXss', line: 3 }] },
  ],
});
