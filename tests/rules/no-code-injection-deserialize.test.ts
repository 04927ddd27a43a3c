import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-code-injection.js';

/*
 * Libraries that run their input as code although their names say otherwise: `safe-eval` (a vm
 * context that code escapes), node-serialize's `unserialize` (it calls the functions that the
 * serialized text declares) and serialize-to-js's `deserialize`. `JSON.parse` of the same input, and
 * these libraries given the server's own data, are not reported.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-code-injection', rule, {
  valid: [
    {
      name: 'JSON.parse of an uploaded file, unserialize of a fixed string',
      code: `const express = require('express');
const serialize = require('node-serialize');
const router = express.Router();
router.post('/import', (req, res) => {
  const products = JSON.parse(req.body.products);
  const defaults = serialize.unserialize('{"currency":"EUR"}');
  res.json({ count: products.length, defaults });
});
module.exports = router;`,
    },
    {
      name: 'safe-eval of a server-side expression',
      code: `import express from 'express';
import safeEval from 'safe-eval';
const app = express();
const FORMULAS = { total: 'price * quantity' };
app.get('/total', (req, res) => res.json(safeEval(FORMULAS.total, { price: 2, quantity: 3 })));`,
    },
  ],
  invalid: [
    {
      name: 'node-serialize unserialize of an uploaded file',
      code: `const express = require('express');
const serialize = require('node-serialize');
const router = express.Router();
router.post('/import', (req, res) => {
  const products = serialize.unserialize(req.files.products.data.toString('utf8'));
  res.json({ count: products.length });
});
module.exports = router;`,
      errors: [{ messageId: 'codeInjection', line: 5, data: { source: '`req.files.products.data`', sourceLine: 5, sink: 'serialize.unserialize', sinkLine: 5, via: '' } }],
    },
    {
      name: 'a cookie given to unserialize',
      code: `import express from 'express';
import cookieParser from 'cookie-parser';
import { unserialize } from 'node-serialize';
const app = express();
app.use(cookieParser());
app.get('/profile', (req, res) => {
  const profile = unserialize(Buffer.from(req.cookies.profile, 'base64').toString());
  res.send(\`Hello \${String(profile.username).replace(/[^a-z]/gi, '')}\`);
});`,
      errors: [{ messageId: 'codeInjection', line: 7, data: { source: '`req.cookies.profile`', sourceLine: 7, sink: 'unserialize', sinkLine: 7, via: '' } }],
    },
    {
      name: 'safe-eval and serialize-to-js given the query',
      code: `import express from 'express';
import safeEval from 'safe-eval';
import { deserialize } from 'serialize-to-js';
const app = express();
app.get('/calc', (req, res) => res.json(safeEval(req.query.expression)));
app.get('/state', (req, res) => res.json(deserialize(req.query.state)));`,
      errors: [
        { messageId: 'codeInjection', line: 5, data: { source: '`req.query.expression`', sourceLine: 5, sink: 'safeEval', sinkLine: 5, via: '' } },
        { messageId: 'codeInjection', line: 6, data: { source: '`req.query.state`', sourceLine: 6, sink: 'deserialize', sinkLine: 6, via: '' } },
      ],
    },
  ],
});
