import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import sqlRule from '../../src/rules/no-sql-injection.js';

/*
 * A `node:http` handler that dispatches with a `switch` (on the path, on a key of method and path,
 * or on `true` with conditions) or looks its answer up in a route map is read as one that dispatches
 * with `if` branches: each case (each entry) is a branch with its path, and its methods when its
 * test or its body names them. When two or more branches open with the same gate that refuses with
 * 401 or 403, a branch that writes without it is reported. A gate before the switch covers every
 * case; a `default` case answers no path; a branch that reads, a public flow, or a single gated
 * branch stays silent. Request inputs read before the switch stay sources inside its cases.
 */
const ruleTester = new RuleTester();

const head = `const http = require('node:http');
const { reply, readBody } = require('./respond');
const depot = require('./depot');
function isStaff(req) {
  return Boolean(process.env.STAFF_KEY) && req.headers['x-staff-key'] === process.env.STAFF_KEY;
}
`;

const server = (body: string): string => `${head}http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://local');
${body}}).listen(8080);
`;

const gate = `if (!isStaff(req)) return reply(res, 401, { error: 'unauthorized' });`;

const byPath = (restock: string): string => server(`  switch (pathname) {
    case '/api/crates/seal': {
      if (req.method !== 'POST') return reply(res, 405, {});
      ${gate}
      return reply(res, 200, await depot.run('seal', await readBody(req)));
    }
    case '/api/crates/ship':
      ${gate}
      if (req.method !== 'POST') return reply(res, 405, {});
      return reply(res, 200, await depot.run('ship', await readBody(req)));
    case '/api/crates/restock':
      ${restock}
      if (req.method !== 'POST') return reply(res, 405, {});
      return reply(res, 202, await depot.enqueue((await readBody(req)).crateId));
    default:
      return reply(res, 404, { error: 'not found' });
  }
`);

const byKey = (clear: string): string => server(`  switch (\`\${req.method} \${pathname}\`) {
    case 'POST /api/crates/seal':
    case 'POST /api/crates/reseal':
      ${gate}
      return reply(res, 200, await depot.run('seal', await readBody(req)));
    case 'PUT /api/crates/label': {
      ${gate}
      return reply(res, 200, await depot.run('label', await readBody(req)));
    }
    case 'GET /api/crates':
      return reply(res, 200, await depot.list());
    case 'DELETE /api/crates':
      ${clear}
      return reply(res, 200, await depot.clear());
    default:
      return reply(res, 404, { error: 'not found' });
  }
`);

const byCondition = (restock: string): string => server(`  switch (true) {
    case pathname === '/api/crates/seal' && req.method === 'POST':
      ${gate}
      return reply(res, 200, await depot.run('seal', await readBody(req)));
    case pathname === '/api/crates/ship' && req.method === 'POST':
      ${gate}
      return reply(res, 200, await depot.run('ship', await readBody(req)));
    case req.method === 'POST' && pathname === '/api/crates/restock':
      ${restock}
      return reply(res, 202, await depot.enqueue((await readBody(req)).crateId));
    default:
      return reply(res, 404, { error: 'not found' });
  }
`);

const routeMap = (restock: string): string => `${head}async function seal(req, res) {
  ${gate}
  return reply(res, 200, await depot.run('seal', await readBody(req)));
}
async function ship(req, res) {
  ${gate}
  return reply(res, 200, await depot.run('ship', await readBody(req)));
}
const routes = {
  'POST /api/crates/seal': seal,
  'POST /api/crates/ship': ship,
  'POST /api/crates/restock': async (req, res) => {
    ${restock}
    return reply(res, 202, await depot.enqueue((await readBody(req)).crateId));
  },
  'GET /api/crates': async (req, res) => reply(res, 200, await depot.list()),
};
http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://local');
  const route = routes[\`\${req.method} \${pathname}\`];
  if (!route) return reply(res, 404, { error: 'not found' });
  return route(req, res);
}).listen(8080);
`;

ruleTester.run('no-unauthenticated-route (cases of a dispatching node:http switch)', rule, {
  valid: [
    { name: 'switch on the path: every writing case opens with the gate', code: byPath(gate) },
    { name: 'switch on method and path: every writing case opens with the gate (a GET case without it)', code: byKey(gate) },
    { name: 'switch on true: every case opens with the gate', code: byCondition(gate) },
    { name: 'route map: every writing entry opens with the gate (a GET entry without it)', code: routeMap(gate) },
    {
      name: 'a switch fully behind a gate before it, its default case answering 404',
      code: server(`  ${gate}
  switch (\`\${req.method} \${pathname}\`) {
    case 'POST /api/crates/seal':
      return reply(res, 200, await depot.run('seal', await readBody(req)));
    case 'DELETE /api/crates':
      return reply(res, 200, await depot.clear());
    default:
      return reply(res, 404, { error: 'not found' });
  }
`),
    },
    {
      name: 'only one case opens with the gate: no pattern of the handler',
      code: server(`  switch (\`\${req.method} \${pathname}\`) {
    case 'POST /api/crates/seal':
      ${gate}
      return reply(res, 200, await depot.run('seal', await readBody(req)));
    case 'DELETE /api/crates':
      return reply(res, 200, await depot.clear());
  }
  return reply(res, 404, { error: 'not found' });
`),
    },
    {
      name: 'a public flow case (sign-in) without the gate',
      code: byKey('').replace("'DELETE /api/crates'", "'POST /login'"),
    },
    {
      name: 'a path case whose body names no method (a read) without the gate',
      code: byPath('').replace(/\n {6}if \(req\.method !== 'POST'\) return reply\(res, 405, \{\}\);\n {6}return reply\(res, 202/u, '\n      return reply(res, 202'),
    },
  ],
  invalid: [
    {
      name: 'switch on the path: a POST case (its method checked in its body) without the gate',
      code: byPath(''),
      errors: [{ messageId: 'uncheckedDispatchBranch', line: 19, column: 10, data: { method: 'POST', path: '/api/crates/restock', framework: 'node-http', line: 7, gate: '!isStaff(req)', count: '2' } }],
    },
    {
      name: 'switch on method and path: a DELETE case without the gate (cases that fall through share a body)',
      code: byKey(''),
      errors: [{ messageId: 'uncheckedDispatchBranch', line: 20, column: 10, data: { method: 'DELETE', path: '/api/crates', framework: 'node-http', line: 7, gate: '!isStaff(req)', count: '3' } }],
    },
    {
      name: 'switch on true: a POST case without the gate',
      code: byCondition(''),
      errors: [{ messageId: 'uncheckedDispatchBranch', line: 16, column: 10, data: { method: 'POST', path: '/api/crates/restock', framework: 'node-http', line: 7, gate: '!isStaff(req)', count: '2' } }],
    },
    {
      name: 'route map: a POST entry without the gate its two siblings open with',
      code: routeMap(''),
      errors: [{ messageId: 'uncheckedDispatchBranch', line: 18, column: 3, data: { method: 'POST', path: '/api/crates/restock', framework: 'node-http', line: 24, gate: '!isStaff(req)', count: '2' } }],
    },
    {
      name: 'an if branch whose method its body checks, without the gate',
      code: server(`  if (pathname === '/api/crates/seal' && req.method === 'POST') {
    ${gate}
    return reply(res, 200, await depot.run('seal'));
  }
  if (pathname === '/api/crates/ship' && req.method === 'POST') {
    ${gate}
    return reply(res, 200, await depot.run('ship'));
  }
  if (pathname === '/api/crates') {
    if (req.method !== 'DELETE') return reply(res, 405, {});
    return reply(res, 200, await depot.clear());
  }
  return reply(res, 404, { error: 'not found' });
`),
      errors: [{ messageId: 'uncheckedDispatchBranch', line: 17, column: 7, data: { method: 'DELETE', path: '/api/crates', framework: 'node-http', line: 7, gate: '!isStaff(req)', count: '2' } }],
    },
  ],
});

const sqlServer = (query: string): string => `const http = require('node:http');
const { Pool } = require('pg');
const pool = new Pool();
http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://local');
  const id = url.searchParams.get('id');
  switch (\`\${req.method} \${url.pathname}\`) {
    case 'GET /api/crates':
      res.end(JSON.stringify((await ${query}).rows));
      return;
    default:
      res.statusCode = 404;
      res.end();
  }
}).listen(8080);
`;

ruleTester.run('no-sql-injection (inside the cases of a node:http switch)', sqlRule, {
  valid: [{ name: 'a bound parameter inside a case', code: sqlServer("pool.query('SELECT * FROM crates WHERE id = $1', [id])") }],
  invalid: [
    {
      name: 'an input read before the switch reaches SQL text inside a case',
      code: sqlServer('pool.query(\`SELECT * FROM crates WHERE id = \${id}\`)'),
      errors: [{
        messageId: 'sqlInjection',
        line: 9,
        data: { source: "`searchParams.get('id')`", sourceLine: 6, sink: 'pool.query', sinkLine: 9 },
        suggestions: [{ messageId: 'parameterize', output: sqlServer("pool.query('SELECT * FROM crates WHERE id = $1', [id])") }],
      }],
    },
  ],
});
