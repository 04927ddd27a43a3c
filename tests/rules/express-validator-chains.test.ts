import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';
import nosqlRule from '../../src/rules/no-nosql-injection.js';
import sqlRule from '../../src/rules/no-sql-injection.js';
import xssRule from '../../src/rules/no-reflected-xss.js';

/*
 * express-validator chains in a route's middleware record errors; the request is rejected only
 * where a `validationResult(req)` check with an early exit runs before the value is used (in the
 * handler, or in a middleware placed after the chains). Then a field whose chain asserts a type is
 * a string (no NoSQL operator object) and a strict format (isInt, isUUID, isIn...) carries no
 * injection at all. Sanitizers (`toInt`, `escape`) change the value even when errors are ignored.
 */
const ruleTester = new RuleTester();

/** An invalid case: the finding at `line` on the filter value `value`. */
function invalidFilter(name: string, code: string, line: number, value: string) {
  return { name, code, errors: [filterValue(code, line, value)] };
}

/** The finding at `line` on the filter value `value`, with the rule's two suggestions applied to `code`. */
function filterValue(code: string, line: number, value: string) {
  const lines = code.split('\n');
  const fixed = (replacement: string): string => lines.map((text, index) => (index === line - 1 ? text.replace(value, replacement) : text)).join('\n');
  return {
    messageId: 'nosqlInjection' as const,
    line,
    suggestions: [
      { messageId: 'wrapString' as const, output: fixed(`String(${value})`) },
      { messageId: 'useEq' as const, output: fixed(`{ $eq: ${value} }`) },
    ],
  };
}

const head = `import express from 'express';
import { body, query, validationResult } from 'express-validator';
import { Bookmark } from './models';
const router = express.Router();
`;

ruleTester.run('no-nosql-injection: express-validator chains', nosqlRule, {
  valid: [
    {
      name: 'isString with the errors checked in the handler',
      code: `${head}router.get('/bookmarks', query('tag').isString(), async (req, res) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) return res.status(400).json({ errors: errors.array() });
  res.json(await Bookmark.find({ tag: req.query.tag }));
});`,
    },
    {
      name: 'a shared validate middleware after an array of chains',
      code: `${head}function rejectInvalid(req, res, next) {
  const result = validationResult(req);
  if (!result.isEmpty()) {
    res.status(422).json(result.array());
    return;
  }
  next();
}
const lookupRules = [body('email').isEmail().normalizeEmail(), body('owner').isMongoId()];
router.post('/lookup', lookupRules, rejectInvalid, async (req, res) => {
  const { email } = req.body;
  res.json(await Bookmark.findOne({ email, owner: req.body.owner }));
});`,
    },
    {
      name: 'validationResult(req).throw() before the read, CommonJS',
      code: `const express = require('express');
const { body, validationResult } = require('express-validator');
const { Bookmark } = require('./models');
const router = express.Router();
router.post('/bookmarks/remove', body('id').isUUID(), async (req, res) => {
  validationResult(req).throw();
  await Bookmark.deleteOne({ uid: req.body.id });
  res.sendStatus(204);
});`,
    },
    {
      name: 'a sanitizer changes the value even when errors are ignored',
      code: `${head}router.get('/page', query('n').toInt(), async (req, res) => {
  res.json(await Bookmark.find({ page: req.query.n }));
});`,
    },
    {
      name: 'a middleware factory that runs the chains and checks them',
      code: `${head}const validate = (chains) => async (req, res, next) => {
  await Promise.all(chains.map((chain) => chain.run(req)));
  if (validationResult(req).isEmpty()) return next();
  return res.status(400).end();
};
router.post('/rename', validate([body('title').isString()]), async (req, res) => {
  res.json(await Bookmark.updateOne({ title: req.body.title }, { $set: { seen: true } }));
});`,
    },
  ],
  invalid: [
    invalidFilter('the chain alone only records errors', `${head}router.get('/bookmarks', query('tag').isString(), async (req, res) => {
  res.json(await Bookmark.find({ tag: req.query.tag }));
});`, 6, 'req.query.tag'),
    invalidFilter('errors read but not acted on', `${head}router.get('/bookmarks', query('tag').isString(), async (req, res) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) console.warn(errors.array());
  res.json(await Bookmark.find({ tag: req.query.tag }));
});`, 8, 'req.query.tag'),
    invalidFilter('the value read before the check', `${head}router.get('/bookmarks', query('tag').isString(), async (req, res) => {
  const found = Bookmark.find({ tag: req.query.tag });
  if (!validationResult(req).isEmpty()) return res.status(400).end();
  res.json(await found);
});`, 6, 'req.query.tag'),
    invalidFilter('a chain on another field', `${head}router.post('/lookup', body('email').isEmail(), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).end();
  res.json(await Bookmark.findOne({ owner: req.body.owner }));
});`, 7, 'req.body.owner'),
    invalidFilter('a chain that checks only the length (an object passes as "[object Object]")', `${head}router.get('/bookmarks', query('tag').isLength({ max: 40 }), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).end();
  res.json(await Bookmark.find({ tag: req.query.tag }));
});`, 7, 'req.query.tag'),
    invalidFilter('a negated validator proves nothing', `${head}router.get('/bookmarks', query('tag').not().isString(), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).end();
  res.json(await Bookmark.find({ tag: req.query.tag }));
});`, 7, 'req.query.tag'),
    invalidFilter('a middleware that does not reject', `${head}function logErrors(req, res, next) {
  console.log(validationResult(req).array());
  next();
}
router.get('/bookmarks', query('tag').isString(), logErrors, async (req, res) => {
  res.json(await Bookmark.find({ tag: req.query.tag }));
});`, 10, 'req.query.tag'),
  ],
});

const sqlHead = `import express from 'express';
import { body, query, validationResult } from 'express-validator';
import { pool } from './db';
const router = express.Router();
`;

ruleTester.run('no-sql-injection: express-validator formats', sqlRule, {
  valid: [
    {
      name: 'isInt checked in the handler',
      code: `${sqlHead}router.get('/rows', query('limit').isInt({ min: 1, max: 100 }), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).end();
  res.json(await pool.query(\`SELECT * FROM rows LIMIT \${req.query.limit}\`));
});`,
    },
    {
      name: 'isIn a fixed list, checked',
      code: `${sqlHead}router.get('/rows', query('order').isIn(['asc', 'desc']), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).end();
  res.json(await pool.query('SELECT * FROM rows ORDER BY id ' + req.query.order));
});`,
    },
    {
      name: 'an ISO country code and a currency code, checked',
      code: `${sqlHead}router.get('/rows', query('country').isISO31661Alpha2(), query('currency').isISO4217(), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).json({ errors: validationResult(req).array() });
  res.json(await pool.query(\`SELECT * FROM rows WHERE country = '\${req.query.country}' AND currency = '\${req.query.currency}'\`));
});`,
    },
    {
      name: 'an anchored pattern of letters, checked',
      code: `${sqlHead}router.get('/rows', query('col').matches(/^[a-z_]+$/), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).end();
  res.json(await pool.query(\`SELECT \${req.query.col} FROM rows\`));
});`,
    },
  ],
  invalid: [
    {
      name: 'isEmail allows quotes in the local part: still SQL injection',
      code: `${sqlHead}router.post('/rows', body('email').isEmail(), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).end();
  res.json(await pool.query(\`SELECT * FROM rows WHERE email = '\${req.body.email}'\`));
});`,
      errors: [{ messageId: 'sqlInjection', line: 7 }],
    },
    {
      name: 'an ISO country code whose errors nobody checks',
      code: `${sqlHead}router.get('/rows', query('country').isISO31661Alpha2(), async (req, res) => {
  res.json(await pool.query(\`SELECT * FROM rows WHERE country = '\${req.query.country}'\`));
});`,
      errors: [{ messageId: 'sqlInjection', line: 6 }],
    },
    {
      name: 'an ISO country code is checked, a region next to it is not',
      code: `${sqlHead}router.get('/rows', query('country').isISO31661Alpha2(), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).end();
  res.json(await pool.query(\`SELECT * FROM rows WHERE country = '\${req.query.country}' AND region = '\${req.query.region}'\`));
});`,
      errors: [{ messageId: 'sqlInjection', line: 7 }],
    },
    {
      name: 'isInt without a check',
      code: `${sqlHead}router.get('/rows', query('limit').isInt(), async (req, res) => {
  res.json(await pool.query(\`SELECT * FROM rows LIMIT \${req.query.limit}\`));
});`,
      errors: [{ messageId: 'sqlInjection', line: 6 }],
    },
  ],
});

ruleTester.run('no-reflected-xss: express-validator escape', xssRule, {
  valid: [
    {
      name: 'escape() replaces the value with escaped text',
      code: `import express from 'express';
import { query } from 'express-validator';
const app = express();
app.get('/hello', query('name').escape(), (req, res) => {
  res.send(\`<p>Hello \${req.query.name}</p>\`);
});`,
    },
  ],
  invalid: [
    {
      name: 'trim() does not escape',
      code: `import express from 'express';
import { query } from 'express-validator';
const app = express();
app.get('/hello', query('name').trim(), (req, res) => {
  res.send(\`<p>Hello \${req.query.name}</p>\`);
});`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
  ],
});

describe('express-validator across files', () => {
  const files = (validate: string): Record<string, string> => ({
    'src/middleware/validate.js': validate,
    'src/services/bookmarks.js': `const { Bookmark } = require('../models');
exports.byTag = (tag) => Bookmark.find({ tag });
`,
    'src/routes/bookmarks.js': `const express = require('express');
const { query } = require('express-validator');
const { validate } = require('../middleware/validate');
const bookmarks = require('../services/bookmarks');
const router = express.Router();
router.get('/', query('tag').isString(), validate, async (req, res) => {
  res.json(await bookmarks.byTag(req.query.tag));
});
module.exports = router;
`,
  });
  const rules: Linter.RulesRecord = { 'api-security/no-nosql-injection': 'error' };
  const manifest = { name: 'bookmarks', dependencies: { express: '^4.21.0', mongoose: '^8.0.0', 'express-validator': '^7.2.0' } };

  it('an imported middleware that rejects on errors clears the field in the service', async () => {
    const dir = writeProject(files(`const { validationResult } = require('express-validator');
exports.validate = (req, res, next) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) return res.status(400).json({ errors: errors.array() });
  return next();
};
`), manifest);
    expect(await lintProjectFile(dir, 'src/services/bookmarks.js', rules)).toEqual([]);
  });

  it('an imported middleware that only logs leaves the finding in the service', async () => {
    const dir = writeProject(files(`const { validationResult } = require('express-validator');
exports.validate = (req, res, next) => {
  console.log(validationResult(req).array());
  next();
};
`), manifest);
    const messages = await lintProjectFile(dir, 'src/services/bookmarks.js', rules);
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[2, 'api-security/no-nosql-injection']]);
  });
});
