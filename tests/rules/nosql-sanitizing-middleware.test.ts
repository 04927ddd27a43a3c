import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-nosql-injection.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * express-mongo-sanitize in front of a handler deletes every `$` key from the body, query, params
 * and headers, so a value read there is no operator object: as route middleware, as router or
 * app middleware of the same file, or where another file mounts the router. A route without it,
 * its `dryRun` mode (it only reports), cookies, and a handler also used elsewhere stay reported.
 */

const ruleTester = new RuleTester();

/** The two suggestions for the one property value read from the request on `line`. */
function suggestions(code: string, line: number): { messageId: 'wrapString' | 'useEq'; output: string }[] {
  const lines = code.split('\n');
  const text = lines[line - 1]!;
  const value = /\{ \w+: (req\.[\w.]+) \}/.exec(text)![1]!;
  const replace = (by: string): string => lines.map((entry, index) => (index === line - 1 ? entry.replace(`: ${value} }`, `: ${by} }`) : entry)).join('\n');
  return [
    { messageId: 'wrapString', output: replace(`String(${value})`) },
    { messageId: 'useEq', output: replace(`{ $eq: ${value} }`) },
  ];
}

const head = `const express = require('express');
const mongoSanitize = require('express-mongo-sanitize');
const User = require('./models/user');
const router = express.Router();
`;

ruleTester.run('no-nosql-injection: sanitizing middleware', rule, {
  valid: [
    {
      name: 'route middleware',
      code: `${head}router.post('/login', mongoSanitize(), async (req, res) => res.json(await User.findOne({ email: req.body.email })));
module.exports = router;`,
    },
    {
      name: 'route middleware held in a constant, with options that keep it on',
      code: `${head}const stripOperators = mongoSanitize({ replaceWith: '_', dryRun: false });
router.post('/login', stripOperators, async (req, res) => res.json(await User.findOne({ email: req.body.email })));
module.exports = router;`,
    },
    {
      name: 'ES import, in a list of route middleware, for a path parameter',
      code: `import { Router } from 'express';
import mongoSanitize from 'express-mongo-sanitize';
import User from './models/user.js';
const router = Router();
router.get('/users/:name', [mongoSanitize()], async (req, res) => res.json(await User.findOne({ name: req.params.name })));
export default router;`,
    },
  ],
  invalid: [
    {
      name: 'another route of the same router without it',
      code: `${head}router.post('/login', mongoSanitize(), async (req, res) => res.json(await User.findOne({ email: req.body.email })));
router.post('/invite', async (req, res) => res.json(await User.findOne({ token: req.body.token })));
module.exports = router;`,
      errors: [{ messageId: 'nosqlInjection' as const, line: 6 }],
    },
    {
      name: 'dryRun only reports what it would remove',
      code: `${head}router.post('/login', mongoSanitize({ dryRun: true }), async (req, res) => res.json(await User.findOne({ email: req.body.email })));
module.exports = router;`,
      errors: [{ messageId: 'nosqlInjection' as const, line: 5 }],
    },
    {
      name: 'cookies are not sanitized',
      code: `${head}router.get('/me', mongoSanitize(), async (req, res) => res.json(await User.findOne({ session: req.cookies.sid })));
module.exports = router;`,
      errors: [{ messageId: 'nosqlInjection' as const, line: 5 }],
    },
    {
      name: 'a function called mongoSanitize of the project',
      code: `const express = require('express');
const mongoSanitize = require('./lib/sanitize');
const User = require('./models/user');
const router = express.Router();
router.post('/login', mongoSanitize(), async (req, res) => res.json(await User.findOne({ email: req.body.email })));
module.exports = router;`,
      errors: [{ messageId: 'nosqlInjection' as const, line: 5 }],
    },
    {
      name: 'the handler is also exported, so it may run without the middleware',
      code: `${head}async function login(req, res) { res.json(await User.findOne({ email: req.body.email })); }
router.post('/login', mongoSanitize(), login);
module.exports = { router, login };`,
      errors: [{ messageId: 'nosqlInjection' as const, line: 5 }],
    },
  ].map(({ name, code, errors }) => ({ name, code, errors: errors.map((error) => ({ ...error, suggestions: suggestions(code, error.line) })) })),
});

const rules: Linter.RulesRecord = { 'api-security/no-nosql-injection': 'error' };

describe('app middleware in the file that mounts the router', () => {
  const router = (name: string): string => `
const express = require('express');
const User = require('../models/user');
const router = express.Router();
router.post('/${name}', async (req, res) => res.json(await User.findOne({ email: req.body.email })));
module.exports = router;
`;
  const dir = writeProject({
    'src/models/user.js': `const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({ email: String }));\n`,
    'src/routes/covered.js': router('covered'),
    'src/routes/open.js': router('open'),
    'src/app.js': `
const express = require('express');
const mongoSanitize = require('express-mongo-sanitize');
const covered = require('./routes/covered');
const open = require('./routes/open');
const app = express();
app.use('/open', open);
app.use(express.json());
app.use(mongoSanitize());
app.use('/covered', covered);
module.exports = app;
`,
  });

  it('clears a router mounted after app.use(mongoSanitize())', async () => {
    expect(await lintProjectFile(dir, 'src/routes/covered.js', rules)).toEqual([]);
  });

  it('keeps a router mounted before it', async () => {
    const messages = await lintProjectFile(dir, 'src/routes/open.js', rules);
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[5, 'nosqlInjection']]);
  });
});
