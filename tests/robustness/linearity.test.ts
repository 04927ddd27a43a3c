import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { allRulesAtDefaults, configWith } from './harness.js';

/*
 * Every rule stays linear in the size of its input. Each shape below is a file that grows with `n`
 * in a way that could make some analysis super-linear (a long `||` chain, many findings in one
 * file, deep nesting, long route paths). All rules lint it at size n and 4n with ESLint's `stats`
 * on; a rule's time is taken as a ratio to the parse of the same file (medians of a few runs), so
 * no wall-clock time is asserted. A linear rule keeps its ratio when the input grows fourfold; the
 * test fails when the ratio grows by more than GROWTH_LIMIT. Rules that cost less than NOISE_FLOOR
 * parses at the larger size are below timer noise and not judged.
 */

const GROWTH_LIMIT = 3;
const NOISE_FLOOR = 0.25;
const RUNS = 7;

interface Shape {
  name: string;
  filename: string;
  /** The file at size `n`. */
  code: (n: number) => string;
  /** The size whose fourfold is the larger input. */
  n: number;
  settings?: Record<string, unknown>;
}

const times = (count: number, line: (index: number) => string): string =>
  Array.from({ length: count }, (_, index) => line(index)).join('\n');

const SHAPES: Shape[] = [
  {
    name: 'a long || chain of request inputs in a shell command',
    filename: 'or-chain.js',
    n: 100,
    code: (n) => `import { exec } from 'node:child_process';
import express from 'express';
const app = express();
app.get('/run', (req, res) => {
  const cmd = ${times(n, (i) => `req.query.c${i}`).replaceAll('\n', ' || ')};
  exec(cmd);
  if (${times(n, (i) => `cmd === 'v${i}'`).replaceAll('\n', ' || ')}) exec(cmd);
  if (${times(n, (i) => `!cmd.startsWith('/${i}')`).replaceAll('\n', ' && ')}) res.redirect(cmd);
  res.end();
});
`,
  },
  {
    name: 'many handlers with findings in one file',
    filename: 'many-handlers.ts',
    n: 80,
    code: (n) => `import express from 'express';
import { exec } from 'node:child_process';
import { Pool } from 'pg';
const app = express();
const pool = new Pool();
declare const User: { create(data: unknown): Promise<unknown>; findById(id: unknown): Promise<{ id: string; passwordHash: string }> };
${times(n, (i) => `app.post('/users${i}/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  await User.create(req.body);
  await pool.query(\`SELECT * FROM t${i} WHERE id = \${req.params.id}\`);
  exec('ls ' + req.query.dir${i});
  res.json(user);
});`)}
`,
  },
  {
    name: 'many Firebase functions, grouped and configured, in one file',
    filename: 'functions.js',
    n: 80,
    code: (n) => `const functions = require('firebase-functions');
const { onRequest, onCall } = require('firebase-functions/v2/https');
const { exec } = require('node:child_process');
const admin = require('firebase-admin');
const regional = functions.region('europe-west1').runWith({ memory: '1GB' });
${times(n, (i) => `exports.fn${i} = regional.https.onRequest(async (req, res) => {
  await admin.firestore().collection('c${i}').doc(req.query.id).set(req.body, { merge: true });
  exec('ls ' + req.query.dir${i});
  res.json((await admin.firestore().collection('users').doc(req.query.id).get()).data());
});
exports.group${i} = { call: onCall({ invoker: ['sa${i}@p.iam.gserviceaccount.com'] }, (request) => admin.firestore().collection('x').add(request.data)) };
const local${i} = onRequest({ invoker: 'public' }, (req, res) => res.send(req.body.a${i}));
exports.alias${i} = local${i};`)}
`,
  },
  {
    name: 'one handler with a long def-use chain',
    filename: 'long-handler.js',
    n: 150,
    code: (n) => `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.post('/report', async (req, res) => {
  let q = String(req.query.a);
  let order = 'id';
${times(n, (i) =>
  i % 3 === 0
    ? `  q = q + '${i}';`
    : i % 3 === 1
      ? `  if (q.length > ${i}) { order = q; } else { q = \`\${q}-${i}\`; }`
      : `  await pool.query(\`SELECT * FROM t WHERE a = '\${q}' ORDER BY \${order}\`);`,
)}
  res.end();
});
`,
  },
  {
    name: 'deep nesting of templates and calls',
    filename: 'deep-nesting.js',
    n: 60,
    code: (n) => {
      let template = 'req.query.id';
      for (let i = 0; i < n; i++) template = `\`l${i}(\${${template}})\``;
      let calls = 'req.params.id';
      for (let i = 0; i < n; i++) calls = `wrap${i % 2}(${calls})`;
      return `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
const wrap0 = (x) => x;
const wrap1 = (x) => \`(\${x})\`;
app.get('/deep', async (req, res) => {
  await pool.query('SELECT * FROM t WHERE a = ' + ${template});
  await pool.query('SELECT * FROM t WHERE b = ' + ${calls});
  res.end();
});
`;
    },
  },
  {
    name: 'long route paths under public-route globs and Hono wildcards',
    filename: 'long-paths.js',
    n: 40,
    settings: { 'api-security': { publicRoutes: ['/**/**/**/nomatch', '/*a*a*a*b'] } },
    code: (n) => `import express from 'express';
import { Hono } from 'hono';
const app = express();
const hono = new Hono();
hono.use('/*a*a*a*b', requireAuth);
${times(n, (i) => `app.get('/filler${i}', (req, res) => res.send('ok'));`)}
${times(8, (i) => `app.get('/${times(n, (j) => `s${i}x${j}`).replaceAll('\n', '/')}', (req, res) => res.send('ok'));
app.get('/${'a'.repeat(n + i)}', (req, res) => res.send('ok'));
hono.get('/${'a'.repeat(n + i)}', (c) => c.text('ok'));`)}
`,
  },
  {
    name: 'many early-exit checks and reads in one handler',
    filename: 'checks.js',
    n: 80,
    code: (n) => `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.post('/form', async (req, res) => {
${times(n, (i) => `  const f${i} = req.body.f${i};
  if (typeof f${i} !== 'string' || !f${i}.startsWith('/')) return res.status(400).end();
  await pool.query('SELECT 1 FROM t WHERE f = ' + f${i});
  res.redirect(f${i});`)}
  res.end();
});
`,
  },
  {
    name: 'a node:http handler dispatching by a switch and a route map of many gated cases',
    filename: 'dispatch.js',
    n: 60,
    code: (n) => `const http = require('node:http');
const { Pool } = require('pg');
const pool = new Pool();
const isStaff = (req) => req.headers['x-staff-key'] === process.env.STAFF_KEY;
${times(n, (i) => `async function entry${i}(req, res) {
  if (req.method !== 'POST') return res.writeHead(405).end();
  if (!isStaff(req)) return res.writeHead(401).end();
  res.end(String((await pool.query('SELECT ' + req.headers['x-f${i}'])).rowCount));
}`)}
const routes = {
${times(n, (i) => `  'POST /map/${i}': entry${i},`)}
};
http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://local');
  const id = url.searchParams.get('id');
  switch (\`\${req.method} \${url.pathname}\`) {
${times(n, (i) => `    case 'POST /case/${i}':
    case 'PUT /case/${i}': {
      if (!isStaff(req)) return res.writeHead(401).end();
      if (req.method === 'PUT') await pool.query('DELETE FROM t${i} WHERE id = ' + id);
      return res.end();
    }`)}
    default:
      return routes[\`\${req.method} \${url.pathname}\`]?.(req, res) ?? res.writeHead(404).end();
  }
}).listen(8080);
`,
  },
  {
    name: 'many assertion helper calls and guarded requests in one handler',
    filename: 'assertions.js',
    n: 60,
    code: (n) => `import express from 'express';
import dns from 'node:dns/promises';
const app = express();
const BLOCKED = ['10.', '127.', '192.168.'];
async function assertPublic(raw) {
  const { address } = await dns.lookup(new URL(raw).hostname);
  if (BLOCKED.some((prefix) => address.startsWith(prefix))) throw new Error('blocked');
}
function logValue(value) { console.log(value); }
app.post('/hooks', async (req, res) => {
${times(n, (i) => `  const u${i} = req.body.u${i};
  logValue(u${i});
  await assertPublic(u${i});
  await fetch(u${i});
  await fetch(req.body.v${i});`)}
  res.end();
});
`,
  },
  {
    name: 'many server actions, module-level and inline, with findings',
    filename: 'app/actions.tsx',
    n: 60,
    code: (n) => `'use server';
import { redirect } from 'next/navigation';
import { prisma } from '@/lib/prisma';
${times(n, (i) => `export async function action${i}(id: string, formData: FormData) {
  await prisma.item${i}.update({ where: { id }, data: Object.fromEntries(formData) });
  const inner = async (note: string) => { 'use server'; await prisma.$executeRawUnsafe('UPDATE n SET t = ' + note + ' WHERE id = ' + id); };
  redirect(String(formData.get('next${i}')));
}`)}
`,
  },
  {
    name: 'a helper with mode flags and many early exits, called many times with literals',
    filename: 'mode-flags.js',
    n: 30,
    code: (n) => `import express from 'express';
const app = express();
app.use(express.urlencoded({ extended: false }));
function finish(req, res, mode, inline) {
${times(n, (i) => `  if (mode === 'm${i}' && inline) return res.render('v${i}');`)}
  res.redirect(req.body.next);
}
${times(n, (i) => `app.post('/f${i}', (req, res) => finish(req, res, 'm${i}', ${i % 2 === 0 ? 'true' : 'false'}));`)}
`,
  },
  {
    name: 'a chain of helpers handing the response on under other names, each setting a Location',
    filename: 'response-helpers.js',
    n: 40,
    code: (n) => `import express from 'express';
const app = express();
${times(n, (i) => `function step${i}(out${i}, target) {
  out${i}.status(302).set({ Location: target });
  ${i + 1 < n ? `step${i + 1}(out${i}, target);` : `out${i}.end();`}
}`)}
${times(n, (i) => `app.get('/s${i}', (req, res) => step${i}(res, req.query.to${i}));`)}
`,
  },
  {
    name: 'a GraphQL resolver map of many unchecked reads beside checked ones',
    filename: 'resolvers.js',
    n: 60,
    code: (n) => `import { ApolloServer } from '@apollo/server';
import knex from 'knex';
const db = knex({ client: 'pg' });
function requireUser(ctx) { if (!ctx.user) throw new Error('sign in'); return ctx.user; }
function people() { return db('people').select('id', 'email', 'phone'); }
const resolvers = { Query: {
  me: (_, __, ctx) => requireUser(ctx),
  mine: (_, __, ctx) => db('things').where({ owner: requireUser(ctx).id }),
${times(n, (i) => `  people${i}: () => people(),
  titles${i}: () => db('titles${i}').select('id', 'title').where('shelf', ${i}),`)}
} };
new ApolloServer({ typeDefs: 'type Query { me: ID }', resolvers });
`,
  },
  {
    name: 'many outbound requests sending credential headers from shared consts and header objects',
    filename: 'outbound.js',
    n: 150,
    code: (n) => `import axios from 'axios';
const TOKEN = 'q7Zx-Lm4p-R8tV-k2Wn';
const headers = { Authorization: \`Bearer \${TOKEN}\`, 'X-API-Key': TOKEN, Accept: 'application/json' };
const options = { headers };
${times(n, (i) => `const KEY${i} = 'k${i}-Zq8-Lm4-Wx9-${i}';
export const call${i} = () => axios.post('/v${i}', {}, { headers: { ...headers, 'x-api-key': KEY${i}, Authorization: 'Bearer ' + KEY${i} } });
export const get${i} = () => fetch('/g${i}', options);
axios.defaults.headers.common['X-Api-Key${i}'] = \`\${TOKEN}\`;`)}
`,
  },
  {
    name: 'many string literals',
    filename: 'strings.ts',
    n: 300,
    code: (n) => `export const catalogue = {
${times(n, (i) => `  key${i}: '${(BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(36).padEnd(24, 'x')}',
  url${i}: 'https://api.example.com/v1/items/${i}?expand=items',`)}
};
`,
  },
];

/** Each rule's time as a multiple of the parse time of the same run. */
type Ratios = Map<string, number>;

function lintOnce(linter: Linter, shape: Shape, code: string): Ratios {
  const config = configWith(allRulesAtDefaults, shape.settings ?? {});
  // `verifyAndFix` (without fixing) resets ESLint's timers for each run; `verify` does not.
  // (ESLint's types leave `stats` out of the options of `verifyAndFix`, which accepts it.)
  const options: Linter.FixOptions & { stats: boolean } = { filename: shape.filename, stats: true, fix: false };
  const { messages } = linter.verifyAndFix(code, config, options);
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${shape.filename} does not parse: ${fatal.message}`);
  const pass = linter.getTimes().passes[0];
  if (!pass?.parse) throw new Error('ESLint recorded no times');
  const parse = pass.parse.total;
  return new Map(Object.entries(pass.rules ?? {}).map(([id, time]) => [id, time.total / parse]));
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * The median ratio of each rule at size n and 4n. The two sizes take turns, so that load from other
 * processes on the machine weighs on both alike, and each ratio comes from one run.
 */
function measure(linter: Linter, shape: Shape): { small: Ratios; large: Ratios } {
  const sizes = [
    { code: shape.code(shape.n), runs: [] as Ratios[] },
    { code: shape.code(shape.n * 4), runs: [] as Ratios[] },
  ];
  for (let run = 0; run <= RUNS; run++) {
    for (const size of sizes) {
      const ratios = lintOnce(linter, shape, size.code);
      // The first run warms up the JIT and module caches.
      if (run > 0) size.runs.push(ratios);
    }
  }
  const medians = (samples: Ratios[]): Ratios => {
    const ids = new Set(samples.flatMap((sample) => [...sample.keys()]));
    return new Map([...ids].map((id) => [id, median(samples.map((sample) => sample.get(id) ?? 0))]));
  };
  return { small: medians(sizes[0]!.runs), large: medians(sizes[1]!.runs) };
}

/** Rules whose ratio grew more than GROWTH_LIMIT times, described, and the whole report. */
function superLinearRules(shape: Shape, linter: Linter): { failing: string[]; report: string[] } {
  const { small, large } = measure(linter, shape);
  const report: string[] = [];
  const failing: string[] = [];
  for (const [id, largeRatio] of large) {
    const smallRatio = small.get(id) ?? 0;
    const growth = largeRatio / Math.max(smallRatio, 1e-9);
    report.push(`${id}: ${smallRatio.toFixed(2)} → ${largeRatio.toFixed(2)} parses (×${growth.toFixed(1)})`);
    if (largeRatio >= NOISE_FLOOR && growth > GROWTH_LIMIT) failing.push(report.at(-1)!);
  }
  return { failing, report };
}

describe('every rule is linear in the size of its input', () => {
  const linter = new Linter({ configType: 'flat' });
  for (const shape of SHAPES) {
    it(shape.name, () => {
      let { failing, report } = superLinearRules(shape, linter);
      // A machine shared with other work can slow one size down; a super-linear rule shows again.
      if (failing.length > 0) ({ failing, report } = superLinearRules(shape, linter));
      if (process.env['LINEARITY_REPORT']) console.log(`${shape.name}\n  ${report.join('\n  ')}`);
      expect(failing, `rule time per parse grew more than ${GROWTH_LIMIT}× for a 4× larger input`).toEqual([]);
    });
  }
});
