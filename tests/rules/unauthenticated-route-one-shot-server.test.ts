import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A `node:http` server made inside a promise its own listener settles, awaited by code that closes
 * the server right after, serves until the request it was started for is handled (a first-run
 * setup form), then is gone: a first-run route, left to `strict` (`reportRoutes: 'all'`). A server
 * left open, one settled by something else than its listener, or closed only under a condition
 * keeps serving anyone, and stays reported.
 */

const ruleTester = new RuleTester();

const setup = ({ settle = 'res.end(\'saved\', () => resolve(true));', close = 'await new Promise((done) => server?.close(done));', timer = '' } = {}): string => `import http from 'node:http';
import fs from 'node:fs';
export async function firstRunPage(port, options) {
  let server;
  const saved = await new Promise((resolve) => {
    server = http.createServer((req, res) => {
      if (req.method === 'POST') {
        let body = '';
        req.on('data', (chunk) => { body += chunk; });
        req.on('end', () => {
          fs.writeFileSync('settings.json', body);
          ${settle}
        });
        return;
      }
      res.end('<form method="post"></form>');
    });
    server.listen(port);${timer}
  });
  ${close}
  return saved;
}
`;

ruleTester.run('no-unauthenticated-route (a server that serves once)', rule, {
  valid: [
    { name: 'closed after its listener settled the awaited promise', code: setup() },
    { name: 'closed with a plain call on the next line', code: setup({ close: 'server.close();' }) },
    {
      name: 'a const server closed after the promise its listener settles',
      code: `import { createServer } from 'node:http';
export async function awaitCallback(port) {
  let server;
  const code = await new Promise((resolve) => {
    server = createServer((req, res) => {
      res.end('You can close this tab.');
      resolve(new URL(req.url, 'http://localhost').searchParams.get('code'));
    });
    server.listen(port);
  });
  server.close();
  return code;
}
`,
    },
  ],
  invalid: [
    {
      name: 'the server is never closed: it keeps serving after the first submission',
      code: setup({ close: '' }),
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'the promise is settled by a timer, not by the listener',
      code: setup({ settle: "res.end('saved');", timer: '\n    setTimeout(() => resolve(true), 600000);' }),
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'the server is closed only under a condition',
      code: setup({ close: 'if (options.once) server.close();' }),
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'the server is closed only when a flag says so',
      code: setup({ close: 'options.once && server.close();' }),
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'strict reports the first-run server too',
      code: setup(),
      options: [{ reportRoutes: 'all' }],
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
  ],
});
