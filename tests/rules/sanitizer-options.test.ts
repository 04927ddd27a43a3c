import { RuleTester } from '@typescript-eslint/rule-tester';
import xssRule from '../../src/rules/no-reflected-xss.js';

/*
 * A query-string encoder clears HTML only while it encodes: `qs.stringify` with `encode: false`, an
 * `encoder` or `encodeValuesOnly` of the caller's, and `querystring.stringify` given its own
 * `encodeURIComponent`, hand the text on as they got it. Options the code does not show (a spread,
 * a parameter) are taken as turning it off; a constant object without those keys is read.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-reflected-xss (encoder options)', xssRule, {
  valid: [
    {
      name: 'qs.stringify encodes by default',
      code: `import express from 'express';
import qs from 'qs';
const app = express();
app.get('/catalog', (req, res) => {
  res.send('<a href="/catalog?' + qs.stringify({ tag: req.query.tag, page: 2 }) + '">more</a>');
});`,
    },
    {
      name: 'a constant options object that only picks the array format',
      code: `import express from 'express';
import qs from 'qs';
const app = express();
const LINK_OPTIONS = { arrayFormat: 'brackets', addQueryPrefix: true };
app.get('/catalog', (req, res) => {
  res.send('<a href="/catalog' + qs.stringify({ tags: req.query.tags }, LINK_OPTIONS) + '">more</a>');
});`,
    },
    {
      name: 'encode: true said out loud',
      code: `import express from 'express';
import { stringify } from 'qs';
const app = express();
app.get('/catalog', (req, res) => {
  res.send('<a href="/catalog?' + stringify({ q: req.query.q }, { encode: true }) + '">again</a>');
});`,
    },
  ],
  invalid: [
    {
      name: 'encode: false leaves the markup in the text',
      code: `import express from 'express';
import qs from 'qs';
const app = express();
app.get('/catalog', (req, res) => {
  const query = qs.stringify({ q: req.query.q }, { encode: false });
  res.send('<p>You searched: ' + query + '</p>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'an encoder of the caller may encode nothing',
      code: `import express from 'express';
import qs from 'qs';
const app = express();
app.get('/catalog', (req, res) => {
  res.send('<p>' + qs.stringify(req.query, { encoder: (value) => value }) + '</p>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
    {
      name: 'querystring.stringify given its own encodeURIComponent',
      code: `import express from 'express';
import querystring from 'node:querystring';
const app = express();
app.get('/catalog', (req, res) => {
  const text = querystring.stringify({ q: req.query.q }, '&', '=', { encodeURIComponent: String });
  res.send('<p>' + text + '</p>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'options the code does not show',
      code: `import express from 'express';
import qs from 'qs';
export function mount(app, linkOptions) {
  app.get('/catalog', (req, res) => {
    res.send('<p>' + qs.stringify({ q: req.query.q }, linkOptions) + '</p>');
  });
}
const app = express();
mount(app, { encode: false });`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
  ],
});
