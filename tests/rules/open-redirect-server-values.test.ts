import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-open-redirect.js';
import ssrfRule from '../../src/rules/no-ssrf.js';

/*
 * A redirect taken only when its target is a value the server chose. `x === base` with a base no
 * request input or caller decides (a field set from the options, the configuration) leaves `x`
 * that value. `path.relative(base, x) === ''` leaves `x` the base up to dot segments and repeated
 * slashes: a browser removes dot segments before it sends a path, and slashes repeated at the
 * start can only turn a segment of the base into a host, never one a link chooses. A base from
 * the request or from a caller, a different test, the other branch, or the value rewritten after
 * the test prove nothing.
 */

const ruleTester = new RuleTester();

const http = `import http from 'node:http';
import path from 'node:path';
import { settings } from './settings.js';
`;

ruleTester.run('no-open-redirect (targets equal to a server value)', rule, {
  valid: [
    {
      name: 'node:http trailing slash for the base path only (relative through a const, posix)',
      code: `${http}class Frontend {
  constructor(options) { this.baseUrl = options.baseUrl; }
  start() {
    http.createServer((request, response) => {
      const url = request.url;
      const rest = path.posix.relative(this.baseUrl, url);
      if (rest.startsWith('.')) { response.writeHead(404); response.end(); return; }
      if (rest === '' && !url.endsWith('/')) {
        response.writeHead(301, { Location: \`\${url}/\` });
        response.end();
        return;
      }
      response.end('ok');
    }).listen(8080);
  }
}
new Frontend({ baseUrl: '/ui' }).start();`,
    },
    {
      name: 'relative imported by name, written in the test, base from the configuration',
      code: `import http from 'node:http';
import { relative } from 'path';
import { settings } from './settings.js';
http.createServer((req, res) => {
  const url = req.url;
  if (relative(settings.basePath, url) === '') res.writeHead(302, { Location: url + '/' });
  res.end();
}).listen(8080);`,
    },
    {
      name: 'Express: equal to the configured home page',
      code: `import express from 'express';
import { settings } from './settings.js';
const app = express();
app.get('/home', (req, res) => {
  const next = String(req.query.next);
  if (next === settings.homeUrl) return res.redirect(next);
  res.redirect('/');
});`,
    },
    {
      name: 'Express: early exit unless equal to a constant from the environment',
      code: `import express from 'express';
const app = express();
const LANDING = process.env.LANDING_URL;
app.get('/land', (req, res) => {
  const target = req.query.to;
  if (target !== LANDING) return res.redirect('/');
  res.redirect(target);
});`,
    },
  ],
  invalid: [
    {
      name: 'a base the request chooses',
      code: `${http}http.createServer((req, res) => {
  const url = req.url;
  if (path.relative(req.headers['x-base'], url) === '') res.writeHead(301, { Location: url + '/' });
  res.end();
}).listen(8080);`,
      errors: [{ messageId: 'openRedirect', line: 6, data: { source: '`req.url`', sourceLine: 5, sink: 'res.writeHead', sinkLine: 6, via: '' } }],
    },
    {
      name: 'only outside the base: a relative path that does not start with `..` says nothing about `//`',
      code: `${http}http.createServer((req, res) => {
  const url = req.url;
  const rest = path.relative(settings.basePath, url);
  if (rest.startsWith('..')) { res.end(); return; }
  res.writeHead(301, { Location: url + '/' });
  res.end();
}).listen(8080);`,
      errors: [{ messageId: 'openRedirect', line: 8, data: { source: '`req.url`', sourceLine: 5, sink: 'res.writeHead', sinkLine: 8, via: '' } }],
    },
    {
      name: 'the other branch of the test',
      code: `${http}http.createServer((req, res) => {
  const url = req.url;
  const rest = path.relative(settings.basePath, url);
  if (rest === '') res.end('base');
  else res.writeHead(302, { Location: url });
  res.end();
}).listen(8080);`,
      errors: [{ messageId: 'openRedirect', line: 8, data: { source: '`req.url`', sourceLine: 5, sink: 'res.writeHead', sinkLine: 8, via: '' } }],
    },
    {
      name: 'the value rewritten after the relative path was taken',
      code: `${http}http.createServer((req, res) => {
  let url = req.url;
  const rest = path.relative(settings.basePath, url);
  url = new URL(req.url, 'http://localhost').searchParams.get('to');
  if (rest === '') res.writeHead(302, { Location: url });
  res.end();
}).listen(8080);`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'equal to another request input',
      code: `import express from 'express';
const app = express();
app.get('/go', (req, res) => {
  if (req.query.next === req.query.expected) res.redirect(req.query.next);
  else res.redirect('/');
});`,
      errors: [{ messageId: 'openRedirect', line: 4, data: { source: '`req.query.next`', sourceLine: 4, sink: 'res.redirect', sinkLine: 4, via: '' } }],
    },
    {
      name: 'equal to a value a caller passes (the caller passes request input)',
      code: `import express from 'express';
const app = express();
function backTo(res, target, expected) {
  if (target === expected) res.redirect(target);
  else res.redirect('/');
}
app.get('/go', (req, res) => backTo(res, req.query.next, req.query.expected));`,
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
  ],
});

// The same test decides where a server request goes: a URL equal to the configured one is that URL.
ruleTester.run('no-ssrf (URLs equal to a server value)', ssrfRule, {
  valid: [
    {
      name: 'fetch only when the URL is the configured webhook',
      code: `import express from 'express';
import { settings } from './settings.js';
const app = express();
app.post('/ping', async (req, res) => {
  const url = req.body.url;
  if (url !== settings.webhookUrl) return res.status(400).end();
  await fetch(url);
  res.end();
});`,
    },
  ],
  invalid: [
    {
      name: 'equal to a URL the request also sends',
      code: `import express from 'express';
const app = express();
app.post('/ping', async (req, res) => {
  const url = req.body.url;
  if (url !== req.body.expected) return res.status(400).end();
  await fetch(url);
  res.end();
});`,
      errors: [{ messageId: 'ssrf', line: 6 }],
    },
  ],
});
