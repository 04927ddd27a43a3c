import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A `node:http` handler that dispatches by itself is one route to the route model; its branches
 * (`if (pathname === '/x' && req.method === 'POST') { … }`) are not. When two or more of them open
 * with the same gate that refuses with 401 or 403 (`if (!isStaff(req)) return reply(res, 401)`),
 * a branch that writes without it is reported. A branch that only reads, a public flow, a handler
 * whose branches share no gate, or one gate seen once, stays silent.
 */
const ruleTester = new RuleTester();

const head = `const http = require('node:http');
const { reply, readBody } = require('./respond');
const depot = require('./depot');
function isStaff(req) {
  return Boolean(process.env.STAFF_KEY) && req.headers['x-staff-key'] === process.env.STAFF_KEY;
}
`;

const server = (branches: string): string => `${head}http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://local');
${branches}
  reply(res, 404, { error: 'not found' });
}).listen(8080);
`;

const gated = (path: string, method = 'POST'): string => `  if (pathname === '${path}' && req.method === '${method}') {
    if (!isStaff(req)) return reply(res, 401, { error: 'unauthorized' });
    return reply(res, 200, await depot.run('${path}', await readBody(req)));
  }
`;

const open = (path: string, method = 'POST'): string => `  if (pathname === '${path}' && req.method === '${method}') {
    const body = await readBody(req);
    return reply(res, 202, await depot.enqueue(body.crateId));
  }
`;

ruleTester.run('no-unauthenticated-route (branches of a dispatching node:http handler)', rule, {
  valid: [
    {
      name: 'every writing branch opens with the gate',
      code: server(gated('/api/crates/seal') + gated('/api/crates/ship') + gated('/api/crates/recall')),
    },
    {
      name: 'an ungated branch that only reads (GET)',
      code: server(gated('/api/crates/seal') + gated('/api/crates/ship') + open('/api/crates/status', 'GET')),
    },
    {
      name: 'only one branch opens with the gate: no pattern of the handler',
      code: server(gated('/api/crates/seal') + open('/api/crates/ship')),
    },
    {
      name: 'a public flow branch (sign-in) without the gate',
      code: server(gated('/api/crates/seal') + gated('/api/crates/ship') + open('/login')),
    },
  ],
  invalid: [
    {
      name: 'a writing branch without the gate its two siblings open with',
      code: server(gated('/api/crates/seal') + gated('/api/crates/ship') + open('/api/crates/restock')),
      errors: [{ messageId: 'uncheckedDispatchBranch', line: 17 }],
    },
    {
      name: 'in an else-if chain, a DELETE branch without the gate',
      code: server(`  if (pathname === '/api/crates/seal' && req.method === 'POST') {
    if (!isStaff(req)) return reply(res, 403, { error: 'forbidden' });
    return reply(res, 200, await depot.run('seal'));
  } else if (req.method === 'PUT' && pathname === '/api/crates/label') {
    if (!isStaff(req)) return reply(res, 403, { error: 'forbidden' });
    return reply(res, 200, await depot.run('label'));
  } else if (pathname === '/api/crates' && req.method === 'DELETE') {
    return reply(res, 200, await depot.clear());
  }
`),
      errors: [{ messageId: 'uncheckedDispatchBranch', line: 15 }],
    },
  ],
});
