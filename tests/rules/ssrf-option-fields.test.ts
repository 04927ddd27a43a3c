import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-ssrf.js';

const ruleTester = new RuleTester();

// A request option other than the URL (a header, the body) does not decide where a request goes,
// also when the options object is built in a `let` variable and handed to a helper that reads it.
ruleTester.run('no-ssrf', rule, {
  valid: [
    { name: 'a forwarded header in the options of axios.post and fetch', code: `import express from 'express';
import axios from 'axios';
const app = express();
app.post('/relay', async (req, res) => {
  await axios.post('https://hooks.example.org/in', req.body, { headers: { Authorization: req.headers.authorization } });
  await fetch('https://hooks.example.org/in', { method: 'POST', headers: { 'x-token': req.query.token } });
  res.end();
});` },
    { name: 'options built in a let variable, read field by field by a helper', code: `import express from 'express';
import axios from 'axios';
const app = express();
const upstream = process.env.UPSTREAM_URL;
function forward(opts) {
  return axios({ url: opts.url, method: opts.verb, data: opts.payload, headers: opts.headers });
}
app.post('/batch', async (req, res) => {
  for (const step of req.body.steps) {
    let call;
    if (step.kind === 'create') {
      call = { url: upstream + '/records', verb: 'post', payload: step.record, headers: { Authorization: req.headers.authorization } };
    } else {
      call = { url: upstream + '/records/' + encodeURIComponent(step.id), verb: 'delete', headers: { Authorization: req.headers.authorization } };
    }
    await forward(call);
  }
  res.sendStatus(204);
});` },
  ],
  invalid: [
    { name: 'a let variable whose url field is the input', code: `import express from 'express';
import axios from 'axios';
const app = express();
function forward(opts) {
  return axios({ url: opts.url, headers: opts.headers });
}
app.post('/proxy', async (req, res) => {
  let call;
  call = { url: req.body.target, headers: { accept: 'application/json' } };
  await forward(call);
  res.end();
});`, errors: [{ messageId: 'ssrf', line: 5 }] },
    { name: 'one of the object literals a let variable is given has the input as its url', code: `import express from 'express';
import axios from 'axios';
const app = express();
function forward(opts) {
  return axios({ url: opts.url, headers: opts.headers });
}
app.post('/proxy', async (req, res) => {
  let call = { url: 'https://fixed.example.org', headers: { 'x-user': req.query.user } };
  if (req.query.to) call = { url: req.query.to, headers: {} };
  await forward(call);
  res.end();
});`, errors: [{ messageId: 'ssrf', line: 5 }] },
    { name: 'a let variable given the request body whole', code: `import express from 'express';
import axios from 'axios';
const app = express();
function forward(opts) {
  return axios({ url: opts.url, headers: opts.headers });
}
app.post('/proxy', async (req, res) => {
  let call = { url: 'https://fixed.example.org', headers: {} };
  if (req.query.custom) call = req.body;
  await forward(call);
  res.end();
});`, errors: [{ messageId: 'ssrf', line: 5 }] },
    { name: 'url, baseURL and hostname options stay sinks', code: `import express from 'express';
import axios from 'axios';
import http from 'node:http';
const app = express();
app.get('/a', async (req, res) => {
  await axios({ url: req.query.a, headers: { Authorization: 'fixed' } });
  await axios.get('/status', { baseURL: req.query.b });
  http.get({ hostname: req.query.c, path: '/' });
  res.end();
});`, errors: [{ messageId: 'ssrf', line: 6 }, { messageId: 'ssrf', line: 7 }, { messageId: 'ssrf', line: 8 }] },
  ],
});
