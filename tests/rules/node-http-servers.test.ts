import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

/*
 * `node:http` servers: a server created with an application (`createServer(app)`) is served by
 * that application, and a parameter named like it is not a function of this file; another
 * `request` listener on such a server only observes requests. A listener on a server created
 * without a handler, or an inline handler, answers requests and is a route. A listener gets every
 * method: by default (`reportRoutes: 'sensitive'`) it needs a caller when it tells apart a method
 * that changes state, or when its body writes, reads stored data or answers a secret; one that only
 * answers what it was asked does not.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route: node:http servers', rule, {
  valid: [
    {
      name: 'the application arrives as a parameter',
      code: `import https from 'node:https';
export function serveHttps(app, options) {
  return https.createServer(options, app);
}`,
    },
    {
      name: 'a request listener that times the requests the application answers',
      code: `import http from 'node:http';
import { createApp } from './app.js';
export async function start() {
  const server = http.createServer(await createApp());
  server.on('request', function (req, res) {
    const started = Date.now();
    res.once('finish', () => console.log(req.url, Date.now() - started));
  });
  server.listen(8080);
}`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'an inline handler answers requests',
      code: `import http from 'node:http';
http.createServer((req, res) => { res.end(req.url); }).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 2 }],
    },
    {
      name: 'a request listener on a server created without a handler answers requests',
      code: `import http from 'node:http';
const server = http.createServer();
server.on('request', (req, res) => { res.end(req.url); });
server.listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 2 }],
    },
  ]),
});

ruleTester.run('no-unauthenticated-route: what a node:http listener does (reportRoutes: sensitive)', rule, {
  valid: [
    {
      name: 'a listener that serves the assets of a page and tells apart only GET',
      code: `import http from 'node:http';
import serveStatic from 'serve-static';
const assets = serveStatic('public');
http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return res.end('ok');
  assets(req, res, () => { res.statusCode = 404; res.end(); });
}).listen(8080);`,
    },
    {
      name: 'a listener that echoes its own URL',
      code: `import http from 'node:http';
http.createServer((req, res) => { res.end(req.url); }).listen(8080);`,
    },
    {
      name: 'a listener whose POST branch only answers 405',
      code: `import http from 'node:http';
http.createServer((req, res) => {
  if (req.method === 'POST') { res.statusCode = 405; return res.end(); }
  res.end('<p>read me</p>');
}).listen(8080);`,
    },
    {
      name: 'a switch whose unsafe cases only refuse',
      code: `import http from 'node:http';
http.createServer((req, res) => {
  switch (req.method) {
    case 'PUT':
    case 'DELETE':
      res.writeHead(405, { Allow: 'GET' });
      res.end();
      break;
    default:
      res.end('<p>read me</p>');
  }
}).listen(8080);`,
    },
  ],
  invalid: [
    {
      name: 'a listener that handles POST',
      code: `import http from 'node:http';
import { saveSettings } from './settings.js';
http.createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/settings') {
    let body = '';
    for await (const chunk of req) body += chunk;
    await saveSettings(JSON.parse(body));
    return res.end('saved');
  }
  res.end('ok');
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3, data: { method: 'ALL', path: '(dynamic path)', framework: 'node-http' } }],
    },
    {
      name: 'a listener that switches on the method',
      code: `import http from 'node:http';
const notes = new Map();
http.createServer((req, res) => {
  switch (req.method) {
    case 'GET': return res.end(JSON.stringify([...notes.keys()]));
    case 'DELETE': notes.delete(req.url); return res.end();
    default: res.statusCode = 405; return res.end();
  }
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3 }],
    },
    {
      name: 'a POST branch that answers 405 after it has written',
      code: `import http from 'node:http';
import { removeAll } from './store.js';
http.createServer((req, res) => {
  if (req.method === 'POST') { removeAll(); res.statusCode = 405; return res.end(); }
  res.end('<p>read me</p>');
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3, data: { method: 'ALL', path: '(dynamic path)', framework: 'node-http' } }],
    },
    {
      name: 'every method but POST refused: POST is served',
      code: `import http from 'node:http';
import { removeAll } from './store.js';
http.createServer((req, res) => {
  if (req.method !== 'POST') { res.statusCode = 405; return res.end(); }
  removeAll();
  res.end('gone');
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3, data: { method: 'ALL', path: '(dynamic path)', framework: 'node-http' } }],
    },
    {
      name: 'a switch whose DELETE case refuses, PATCH writes',
      code: `import http from 'node:http';
import { touch } from './store.js';
http.createServer((req, res) => {
  switch (req.method) {
    case 'DELETE': res.writeHead(405); res.end(); break;
    case 'PATCH': touch(req.url); res.end('ok'); break;
    default: res.end('<p>read me</p>');
  }
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3, data: { method: 'ALL', path: '(dynamic path)', framework: 'node-http' } }],
    },
    {
      name: 'a method destructured from the request',
      code: `import http from 'node:http';
import { enqueue } from './jobs.js';
http.createServer(async (req, res) => {
  const { method, url } = req;
  if (method === 'POST' && url === '/jobs') { enqueue(url); return res.end('queued'); }
  res.end('ok');
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3 }],
    },
    {
      name: 'a lower-cased method in a switch',
      code: `import http from 'node:http';
import { removeAll } from './store.js';
http.createServer((req, res) => {
  switch (req.method.toLowerCase()) {
    case 'get': return res.end('list');
    case 'delete': removeAll(); return res.end('gone');
    default: return res.end();
  }
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3 }],
    },
    {
      name: 'a method looked up in a list of writes',
      code: `import http from 'node:http';
import { apply } from './changes.js';
const WRITES = ['POST', 'PUT', 'PATCH'];
http.createServer((req, res) => {
  if (WRITES.includes(req.method)) apply(req.url);
  res.end('ok');
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a listener that names no method and consumes the body',
      code: `import http from 'node:http';
import { queue } from './queue.js';
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => { queue.push(Buffer.concat(chunks).toString()); res.end('accepted'); });
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3 }],
    },
    {
      name: 'a listener that writes a file for every request',
      code: `import http from 'node:http';
import fs from 'node:fs';
http.createServer((req, res) => {
  fs.appendFileSync('hits.log', req.url);
  res.end('counted');
}).listen(8080);`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3 }],
    },
  ],
});
