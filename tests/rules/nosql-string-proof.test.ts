import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-nosql-injection.js';

/*
 * A method that only strings have (`substring`, `trim`, `toLowerCase`; not `slice`, `includes` or
 * `toString`, which arrays or every object also have) throws for a query operator object sent as
 * JSON. Called on a value that is never reassigned, on every path that reaches the filter (or under
 * a test of the value's truthiness, where a falsy value carries no operator), it proves the value is
 * a string there. Called after the filter, optionally (`x.trim?.()`), inside a `try` whose `catch`
 * carries on, or under a test of something else, it proves nothing.
 */
const ruleTester = new RuleTester();

const app = `import express from 'express';
import { MongoClient } from 'mongodb';
const app = express();
const tokens = new MongoClient('mongodb://db').db('app').collection('tokens');
const log = (text) => console.log(text);
`;
const fixes = (code: string, value: string) => [
  { messageId: 'wrapString' as const, output: code.replace(`{ ${value} }`, `{ ${value}: String(${value}) }`) },
  { messageId: 'useEq' as const, output: code.replace(`{ ${value} }`, `{ ${value}: { $eq: ${value} } }`) },
];

const bad = (name: string, body: string, line: number) => {
  const code = `${app}${body}`;
  return { name, code, errors: [{ messageId: 'nosqlInjection' as const, line, suggestions: fixes(code, 'challengeId') }] };
};

const afterSink = `${app}app.post('/verify', async (req, res) => {
  const challengeId = req.body?.challengeId;
  const doc = await tokens.findOne({ challengeId });
  if (!doc) log('not found: ' + challengeId.substring(0, 8));
  res.json({ ok: Boolean(doc) });
});`;

ruleTester.run('no-nosql-injection: a string method proves a string', rule, {
  valid: [
    {
      name: 'logged under a truthiness test, then used under the same test',
      code: `${app}app.post('/verify', async (req, res) => {
  const challengeId = req.body?.challengeId;
  log(\`challenge=\${challengeId ? challengeId.substring(0, 8) : 'MISSING'}\`);
  if (challengeId) res.json(await tokens.findOne({ challengeId }));
  else res.status(400).end();
});`,
    },
    {
      name: 'trimmed and lower-cased unconditionally before the filter',
      code: `${app}app.post('/find', async (req, res) => {
  const { email } = req.body;
  if (email.trim().toLowerCase() === '') return res.status(400).end();
  res.json(await tokens.findOne({ email }));
});`,
    },
    {
      name: 'a helper parameter checked by the caller',
      code: `${app}async function lookup(token) { return tokens.findOne({ token }); }
app.post('/use', async (req, res) => {
  const token = req.body.token;
  log(token?.substring(0, 4));
  res.json(await lookup(token));
});`,
    },
  ],
  invalid: [
    {
      name: 'the method runs only after the filter',
      code: afterSink,
      errors: [{ messageId: 'nosqlInjection', line: 8, data: { source: '`req.body?.challengeId`', sourceLine: 7, sink: 'tokens.findOne', sinkLine: 8, via: '' }, suggestions: fixes(afterSink, 'challengeId') }],
    },
    bad('slice exists on arrays too', `app.post('/verify', async (req, res) => {
  const challengeId = req.body.challengeId;
  log(challengeId.slice(0, 8));
  res.json(await tokens.findOne({ challengeId }));
});`, 9),
    bad('an optional call does not throw', `app.post('/verify', async (req, res) => {
  const challengeId = req.body.challengeId;
  log(challengeId.trim?.());
  res.json(await tokens.findOne({ challengeId }));
});`, 9),
    bad('a catch that carries on', `app.post('/verify', async (req, res) => {
  const challengeId = req.body.challengeId;
  try { log(challengeId.trim()); } catch { log('odd id'); }
  res.json(await tokens.findOne({ challengeId }));
});`, 9),
    bad('under a test of something else', `app.post('/verify', async (req, res) => {
  const challengeId = req.body.challengeId;
  if (process.env.DEBUG) log(challengeId.trim());
  res.json(await tokens.findOne({ challengeId }));
});`, 9),
    bad('reassigned after the method ran', `app.post('/verify', async (req, res) => {
  let challengeId = req.body.challengeId;
  log(challengeId.trim());
  if (req.body.alt) challengeId = req.body.alt;
  res.json(await tokens.findOne({ challengeId }));
});`, 10),
  ],
});
