import { RuleTester } from '@typescript-eslint/rule-tester';
import openRedirect from '../../src/rules/no-open-redirect.js';
import sqlInjection from '../../src/rules/no-sql-injection.js';

/*
 * A property path read with lodash's `get` (`get(req, 'query.next')`, `_.get(req, ['body', 'to'])`,
 * `get(req, 'query.next', '/')`) reads what the member path reads: request input when the path is
 * one (`req.query.next`), not when it names what the server set (`req.user`) or when the object is
 * not the request. Also in a helper given the request, whose read the caller's request fills.
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;

ruleTester.run('no-open-redirect (property path reads)', openRedirect, {
  valid: [
    { name: 'a path the server set on the request', code: `${express}
import get from 'lodash/get';
app.get('/home', (req, res) => res.redirect(get(req, 'user.homePage', '/')));` },
    { name: 'a path of a constant configuration', code: `${express}
import { get } from 'lodash';
const settings = { sso: { back: '/welcome' } };
app.get('/done', (req, res) => res.redirect(get(settings, 'sso.back')));` },
    { name: 'the input only in the query of a fixed path', code: `${express}
import get from 'lodash.get';
app.get('/private', (req, res) => res.redirect('/sign-in?back=' + encodeURIComponent(get(req, 'query.back'))));` },
    { name: 'look-alike: a get of this file that ignores the path', code: `${express}
function get(source: unknown, path: string) { return '/home'; }
app.get('/out', (req, res) => res.redirect(get(req, 'query.to')));` },
    { name: 'a path read checked to be relative', code: `${express}
const _ = require('lodash');
app.get('/out', (req, res) => {
  const to = String(_.get(req, 'query.to', '/'));
  if (!to.startsWith('/') || to.startsWith('//')) return res.sendStatus(400);
  res.redirect(to);
});` },
  ],
  invalid: [
    { name: 'lodash/get of a query parameter', code: `${express}
import get from 'lodash/get';
app.get('/out', (req, res) => res.redirect(get(req, 'query.to')));`, errors: [
      { messageId: 'openRedirect', line: 4, column: 44, endColumn: 64, data: { source: '`get(req, \'query.to\')`', sourceLine: 4, sink: 'res.redirect', sinkLine: 4, via: '' } },
    ] },
    { name: 'lodash-es/get with an index in the path, into setHeader', code: `${express}
import get from 'lodash-es/get';
app.get('/out', (req, res) => { res.statusCode = 302; res.setHeader('Location', get(req, 'query.to[0]')); res.end(); });`, errors: [
      { messageId: 'openRedirect', line: 4, column: 81, endColumn: 104, data: { source: '`get(req, \'query.to[0]\')`', sourceLine: 4, sink: 'res.setHeader', sinkLine: 4, via: '' } },
    ] },
    { name: '_.get with a list of keys, into a Location header', code: `${express}
const _ = require('lodash');
app.post('/sso/acs', (req, res) => {
  res.status(302).set({ Location: _.get(req, ['body', 'RelayState']) }).end();
});`, errors: [
      { messageId: 'openRedirect', line: 5, column: 35, endColumn: 69, data: { source: '`_.get(req, [\'body\', \'RelayState\'])`', sourceLine: 5, sink: 'set', sinkLine: 5, via: '' } },
    ] },
    { name: 'a helper given the request reads the path, another helper sets the header', code: `${express}
const get = require('lodash/get');
const moveTo = (target, response) => response.status(307).set({ Location: target }).send('Moving');
function finish(ticket, request, response) {
  const back = get(request, 'query.back', '/');
  return moveTo(\`\${decodeURIComponent(back)}?ticket=\${ticket}\`, response);
}
app.get('/sso/done', (req, res) => finish('t-1', req, res));`, errors: [
      { messageId: 'openRedirect', line: 4, column: 75, endColumn: 81, data: { source: '`req.query.back`', sourceLine: 9, sink: 'set', sinkLine: 4, via: ' through `finish` (called on line 9 by the handler of GET /sso/done)' } },
    ] },
  ],
});

ruleTester.run('no-sql-injection (property path reads)', sqlInjection, {
  valid: [
    { name: 'a path read bound as a parameter', code: `${express}
import { Pool } from 'pg';
import { get } from 'lodash-es';
const pool = new Pool();
app.get('/u', (req, res) => pool.query('SELECT * FROM users WHERE name = $1', [get(req, 'query.name')]));` },
  ],
  invalid: [
    { name: 'a path read in SQL text', code: `${express}
import { Pool } from 'pg';
import { get } from 'lodash-es';
const pool = new Pool();
app.get('/u', (req, res) => pool.query(\`SELECT * FROM users WHERE name = '\${get(req, 'query.name')}'\`));`, errors: [
      { messageId: 'sqlInjection', line: 6, column: 77, endColumn: 99, suggestions: [{ messageId: 'parameterize', output: `${express}
import { Pool } from 'pg';
import { get } from 'lodash-es';
const pool = new Pool();
app.get('/u', (req, res) => pool.query('SELECT * FROM users WHERE name = $1', [get(req, 'query.name')]));` }] },
    ] },
  ],
});
