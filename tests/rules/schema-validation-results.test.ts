import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-command-injection.js';

/*
 * Joi's `schema.validate(x)` does not throw: it returns `{ value, error }`, and when the input fails
 * the schema `value` is the input as sent. A schema that admits only host names validates nothing
 * unless the error is checked before `value` is used.
 */

const ruleTester = new RuleTester();

const APP = `import express from 'express';
import Joi from 'joi';
import { exec } from 'node:child_process';
const app = express();
const lookup = Joi.object({ host: Joi.string().hostname().required() });`;

ruleTester.run('no-command-injection', rule, {
  valid: [
    {
      name: 'the error is checked with an early return',
      code: `${APP}
app.get('/dig', (req, res) => {
  const { error, value } = lookup.validate(req.query);
  if (error) return res.status(400).send(error.message);
  exec('dig ' + value.host);
});`,
    },
    {
      name: 'the result is kept whole and its error thrown',
      code: `${APP}
app.get('/dig', (req, res) => {
  const outcome = lookup.validate(req.query, { abortEarly: true });
  if (outcome.error) {
    throw outcome.error;
  }
  exec(\`dig \${outcome.value.host}\`);
});`,
    },
    {
      name: 'the value is used only in the branch where there is no error',
      code: `${APP}
app.get('/dig', (req, res) => {
  const { error, value } = lookup.validate(req.query);
  if (!error) {
    exec('dig ' + value.host);
  }
  res.end();
});`,
    },
    {
      name: 'a conditional chooses the value only without an error',
      code: `${APP}
app.get('/dig', (req, res) => {
  const { error, value } = lookup.validate(req.query);
  const host = error ? 'localhost' : value.host;
  exec('dig ' + host);
});`,
    },
    {
      name: 'a helper returns the whole result and its caller checks the error',
      code: `${APP}
function check(query) {
  return lookup.validate(query);
}
app.get('/dig', (req, res) => {
  const { error, value } = check(req.query);
  if (error) return res.sendStatus(400);
  exec('dig ' + value.host);
});`,
    },
    {
      name: 'Joi.attempt throws on invalid input',
      code: `${APP}
app.get('/dig', (req, res) => {
  const { host } = Joi.attempt(req.query, lookup);
  exec('dig ' + host);
});`,
    },
    {
      name: 'zod safeParse leaves no data when the input fails',
      code: `import express from 'express';
import { z } from 'zod';
import { exec } from 'node:child_process';
const app = express();
const Port = z.coerce.number().int();
app.get('/scan', (req, res) => {
  const parsed = Port.safeParse(req.query.port);
  exec('nc -z localhost ' + parsed.data);
});`,
    },
  ],
  invalid: [
    {
      name: 'the value is destructured and the error never read',
      code: `${APP}
app.get('/dig', (req, res) => {
  const { value } = lookup.validate(req.query);
  exec(\`dig \${value.host}\`);
});`,
      errors: [{ messageId: 'commandInjection', line: 8, column: 15, endColumn: 25, data: { source: '`req.query`', sourceLine: 7, sink: 'exec', sinkLine: 8 } }],
    },
    {
      name: 'the error is only logged: the raw value runs anyway',
      code: `${APP}
app.get('/dig', (req, res) => {
  const { error, value } = lookup.validate(req.query);
  if (error) console.warn('bad host', error.message);
  exec('dig ' + value.host);
});`,
      errors: [{ messageId: 'commandInjection', line: 9, column: 17, endColumn: 27, data: { source: '`req.query`', sourceLine: 7, sink: 'exec', sinkLine: 9 } }],
    },
    {
      name: 'the whole result is kept and only its value read',
      code: `${APP}
app.get('/dig', (req, res) => {
  const outcome = lookup.validate(req.query);
  exec('dig ' + outcome.value.host);
});`,
      errors: [{ messageId: 'commandInjection', line: 8, column: 17, endColumn: 35, data: { source: '`req.query`', sourceLine: 7, sink: 'exec', sinkLine: 8 } }],
    },
    {
      name: 'the value is read off the call itself',
      code: `${APP}
app.get('/dig', (req, res) => {
  exec('dig ' + lookup.validate(req.query).value.host);
});`,
      errors: [{ messageId: 'commandInjection', line: 7, column: 17, endColumn: 54, data: { source: '`req.query`', sourceLine: 7, sink: 'exec', sinkLine: 7 } }],
    },
    {
      name: 'the error is read, but not as a test',
      code: `${APP}
app.get('/dig', (req, res) => {
  const { error, value } = lookup.validate(req.query);
  res.locals.problem = error;
  exec('dig ' + value.host);
});`,
      errors: [{ messageId: 'commandInjection', line: 9, column: 17, endColumn: 27, data: { source: '`req.query`', sourceLine: 7, sink: 'exec', sinkLine: 9 } }],
    },
    {
      name: 'a number schema whose error is ignored: the value is the text sent',
      code: `${APP}
const Count = Joi.number().integer();
app.get('/ping', (req, res) => {
  const { value: count } = Count.validate(req.query.count);
  exec('ping -c ' + count + ' localhost');
});`,
      errors: [{ messageId: 'commandInjection', line: 9, column: 21, endColumn: 26, data: { source: '`req.query.count`', sourceLine: 8, sink: 'exec', sinkLine: 9 } }],
    },
  ],
});
