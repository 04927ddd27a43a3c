import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A hand-rolled `node:http` server whose route table lives in a module of its own (`routes.js`
 * exports `[{ method, path, handler, auth }]`, each handler a function of another module), copied
 * with a matcher added (`routes.map((r) => ({ ...r, test: pattern(r.path) }))`), searched by a
 * helper with a loop that returns the entry and the path's parameters, and called with one context
 * object built from the request (`{ req, res, params, query }`). The handlers destructure it.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-reflected-xss': 'error',
  'api-security/no-path-traversal': 'error',
  'api-security/no-unauthenticated-route': 'error',
};

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}${message.messageId ? `:${message.messageId}` : ''}`);
}

const DB = `const { Pool } = require('pg');
module.exports = new Pool();
`;

const REPLY = `function reply(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
function page(res, markup) {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(markup);
}
module.exports = { reply, page };
`;

const MATCHER = `function pattern(template) {
  const names = [];
  const re = new RegExp('^' + template.split('/').map((part) => (part.startsWith(':') ? (names.push(part.slice(1)), '([^/]+)') : part)).join('/') + '$');
  return (pathname) => {
    const hit = re.exec(pathname);
    return hit ? Object.fromEntries(names.map((name, i) => [name, hit[i + 1]])) : null;
  };
}
module.exports = { pattern };
`;

const SESSION = `const db = require('./db');
async function currentMember(req) {
  const sid = req.headers['x-sid'];
  if (!sid) return null;
  const { rows } = await db.query('SELECT id, role FROM members WHERE sid = $1', [sid]);
  return rows[0] || null;
}
module.exports = { currentMember };
`;

/** The recipe handlers: `show` reads a path parameter, `card` a query value, `photo` a file under a directory. */
const RECIPES = (lookup: string, photo: string) => `const fs = require('node:fs');
const path = require('node:path');
const db = require('./db');
const { reply, page } = require('./reply');

const PHOTOS = path.join(__dirname, 'photos');

async function show({ res, params }) {
  const { rows } = await db.query(${lookup});
  reply(res, 200, rows[0] || null);
}

async function card({ res, query }) {
  page(res, '<h2 class="' + (query.style || 'plain') + '">Recipe</h2>');
}

async function photo({ res, params }) {
${photo}
}

module.exports = { show, card, photo };
`;

const TABLE = `const recipes = require('./recipes');

module.exports = [
  { method: 'GET', path: '/recipes/:id', handler: recipes.show, auth: false },
  { method: 'GET', path: '/cards', handler: recipes.card, auth: false },
  { method: 'GET', path: '/photos/:name', handler: recipes.photo, auth: false },
];
`;

const SERVER = (context: string) => `const http = require('node:http');
const routes = require('./routes');
const { pattern } = require('./matcher');
const { reply } = require('./reply');

const table = routes.map((route) => ({ ...route, test: pattern(route.path) }));

function lookup(method, pathname) {
  for (const route of table) {
    if (route.method !== method) continue;
    const params = route.test(pathname);
    if (params) return { route, params };
  }
  return null;
}

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const hit = lookup(req.method, url.pathname);
  if (!hit) return reply(res, 404, { error: 'no route' });
  const { route, params } = hit;
  const ctx = ${context};
  await route.handler(ctx);
}).listen(8080);
`;

const SQL_CONCAT = "'SELECT * FROM recipes WHERE id = ' + params.id";
const SQL_BOUND = "'SELECT * FROM recipes WHERE id = $1', [params.id]";
const PHOTO_JOINED = "  fs.createReadStream(path.join(PHOTOS, decodeURIComponent(params.name))).pipe(res);";
const PHOTO_CONTAINED = `  const file = path.resolve(PHOTOS, decodeURIComponent(params.name));
  if (!file.startsWith(PHOTOS + path.sep)) return reply(res, 400, { error: 'bad name' });
  fs.createReadStream(file).pipe(res);`;

const REQUEST_CONTEXT = '{ req, res, params, query: Object.fromEntries(url.searchParams) }';

const project = (options: { lookup?: string; photo?: string; context?: string } = {}) =>
  writeProject(
    {
      'src/server.js': SERVER(options.context ?? REQUEST_CONTEXT),
      'src/routes.js': TABLE,
      'src/recipes.js': RECIPES(options.lookup ?? SQL_CONCAT, options.photo ?? PHOTO_JOINED),
      'src/db.js': DB,
      'src/reply.js': REPLY,
      'src/matcher.js': MATCHER,
      'src/session.js': SESSION,
    },
    { name: 'recipes', dependencies: { pg: '^8.0.0' } },
  );

describe('a route table of this file searched by a helper', () => {
  it('the helper that returns the entry found by a loop leads to the entry\'s function', async () => {
    const dir = writeProject({
      'server.js': `import http from 'node:http';
import { execSync } from 'node:child_process';

const table = [{ method: 'GET', path: '/ping', run: ({ query }) => execSync('ping -c1 ' + query.host) }];

function pick(method, pathname) {
  for (const entry of table) if (entry.method === method && entry.path === pathname) return entry;
  return null;
}

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const entry = pick(req.method, url.pathname);
  if (entry) entry.run({ res, query: Object.fromEntries(url.searchParams) });
}).listen(8080);
`,
    });
    const messages = await lintProjectFile(dir, 'server.js', { 'api-security/no-command-injection': 'error' });
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['4 commandInjectionHelper']);
  });
});

describe('a route table of another module, found by a helper, handlers given a context object', () => {
  it('path parameters, query values and the path of a file are request input in the handlers', async () => {
    const dir = project();
    expect(await findings(dir, 'src/recipes.js')).toEqual(['9 api-security/no-sql-injection:sqlInjectionHelper', '18 api-security/no-path-traversal:pathTraversal']);
    // The query value reaches the HTML helper's `res.end`, where the fix goes.
    expect(await findings(dir, 'src/reply.js')).toEqual(['7 api-security/no-reflected-xss:reflectedXss']);
  });

  it('a bound parameter and a path checked to stay under its directory stay quiet', async () => {
    const dir = project({ lookup: SQL_BOUND, photo: PHOTO_CONTAINED });
    expect(await findings(dir, 'src/recipes.js')).toEqual([]);
    expect(await findings(dir, 'src/reply.js')).toEqual(['7 api-security/no-reflected-xss:reflectedXss']);
  });

  it('a context of constants is no request input', async () => {
    const dir = project({ context: "{ req, res, params: { id: '1', name: 'cover.jpg' }, query: { style: 'plain' } }" });
    expect(await findings(dir, 'src/recipes.js')).toEqual([]);
    expect(await findings(dir, 'src/reply.js')).toEqual([]);
  });
});
