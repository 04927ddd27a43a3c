import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * `node:http` servers: a server created with an application (`createServer(app)`) is served by
 * that application, and a parameter named like it is not a function of this file; another
 * `request` listener on such a server only observes requests. A listener on a server created
 * without a handler, or an inline handler, answers requests and is a route.
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
  invalid: [
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
  ],
});
