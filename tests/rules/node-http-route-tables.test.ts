import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A `node:http` server with no framework keeps its routes in a table: an array of tuples (`['POST',
 * /^\/lockers$/, lockers.open]`) or of objects (`{ method: 'GET', path: '/notes', handler }`), and
 * its one handler picks the entry that matches (`find`, `filter(…)[0]`, a `for…of` loop) and calls
 * its function with the request, the response and the parsed URL. Each entry is a route of its own:
 * judged for a gate like its siblings, and its function (in the server's file or imported from
 * another module) gets the request input the dispatcher hands it.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': 'error',
  'api-security/no-command-injection': 'error',
  'api-security/no-reflected-xss': 'error',
  'api-security/no-path-traversal': 'error',
};

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}${message.messageId ? `:${message.messageId}` : ''}`);
}

const AUTH = `import { sessions } from './sessions.js';

export async function staffOf(req) {
  const token = req.headers['x-locker-token'];
  return token ? sessions.lookup(String(token)) : null;
}
`;

const SESSIONS = `const known = new Map();
export const sessions = { lookup: async (token) => known.get(token) ?? null };
`;

const REPLY = `export function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
`;

/** Locker handlers: all but `clear` open with the same check of the caller. */
const LOCKERS = (clearOpensWithGate: boolean) => `import { execFile, exec } from 'node:child_process';
import { staffOf } from '../lib/auth.js';
import { reply } from '../lib/reply.js';

export async function list(req, res) {
  const staff = await staffOf(req);
  if (!staff) return reply(res, 401, { error: 'sign in first' });
  reply(res, 200, { lockers: [] });
}

export async function open(req, res, url) {
  const staff = await staffOf(req);
  if (!staff) return reply(res, 401, { error: 'sign in first' });
  exec('locker-ctl open ' + url.searchParams.get('bay'), () => reply(res, 202, { ok: true }));
}

export async function label(req, res, url) {
  const staff = await staffOf(req);
  if (!staff) return reply(res, 401, { error: 'sign in first' });
  execFile('locker-ctl', ['label', String(url.searchParams.get('bay'))], () => reply(res, 200, { ok: true }));
}

export async function clear(req, res, url) {
${clearOpensWithGate ? "  const staff = await staffOf(req);\n  if (!staff) return reply(res, 401, { error: 'sign in first' });\n" : ''}  exec('locker-ctl wipe --all', () => reply(res, 204, {}));
}
`;

const TUPLE_SERVER = (dispatch: string) => `import http from 'node:http';
import * as lockers from './handlers/lockers.js';
import { reply } from './lib/reply.js';

const routes = [
  ['GET', /^\\/health$/, (req, res) => reply(res, 200, { up: true })],
  ['GET', /^\\/lockers$/, lockers.list],
  ['POST', /^\\/lockers\\/open$/, lockers.open],
  ['PUT', /^\\/lockers\\/label$/, lockers.label],
  ['DELETE', /^\\/lockers$/, lockers.clear],
];

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://' + req.headers.host);
  const match = routes.find(([method, pattern]) => method === req.method && pattern.test(url.pathname));
  if (!match) return reply(res, 404, { error: 'no such route' });
${dispatch}
}).listen(8080);
`;

const project = (clearOpensWithGate: boolean, dispatch: string) =>
  writeProject({
    'server.js': TUPLE_SERVER(dispatch),
    'handlers/lockers.js': LOCKERS(clearOpensWithGate),
    'lib/auth.js': AUTH,
    'lib/sessions.js': SESSIONS,
    'lib/reply.js': REPLY,
  });

describe('route tables of tuples, handlers imported from another module', () => {
  it('reports the DELETE entry whose function lacks the check its siblings open with', async () => {
    const dir = project(false, '  await match[2](req, res, url);');
    expect(await findings(dir, 'server.js')).toEqual(['10 api-security/no-unauthenticated-route:uncheckedDispatchBranch']);
  });

  it('stays quiet when every entry that writes opens with the check', async () => {
    const dir = project(true, '  await match[2](req, res, url);');
    expect(await findings(dir, 'server.js')).toEqual([]);
  });

  it('gives the entries the URL of the request: a query value reaches the shell', async () => {
    const dir = project(true, '  await match[2](req, res, url);');
    expect(await findings(dir, 'handlers/lockers.js')).toEqual(['14 api-security/no-command-injection:commandInjectionHelper']);
  });

  it('reads the function destructured from the selected entry', async () => {
    const dir = project(true, '  const [, , run] = match;\n  await run(req, res, url);');
    expect(await findings(dir, 'handlers/lockers.js')).toEqual(['14 api-security/no-command-injection:commandInjectionHelper']);
  });

  it('a URL the dispatcher builds from a constant is no request input', async () => {
    const dir = project(true, "  await match[2](req, res, new URL('http://local/lockers?bay=b1'));");
    expect(await findings(dir, 'handlers/lockers.js')).toEqual([]);
  });
});

const NOTES = `import { readFile } from 'node:fs/promises';
import path from 'node:path';

export async function show(req, res, url) {
  const text = await readFile(path.join('/srv/notes', url.searchParams.get('file')), 'utf8');
  res.end(text);
}
`;

const OBJECT_SERVER = (third: string) => `import http from 'node:http';
import { show } from './notes.js';

function greet(req, res, url) {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<p>Hello ' + url.searchParams.get('who') + '</p>');
}

function about(req, res) {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<p>About</p>');
}

const table = [
  { method: 'GET', path: '/greet', handler: greet },
  { method: 'GET', path: '/about', handler: about },
  { method: 'GET', path: '/notes', handler: show },
];

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://local');
  for (const route of table) {
    if (route.method === req.method && route.path === url.pathname) return route.handler(req, res, ${third});
  }
  res.writeHead(404);
  res.end();
}).listen(8081);
`;

/** The taint findings only: no entry of this server checks its caller, which the rule says of the handler as a whole. */
const taintFindings = async (dir: string, file: string): Promise<string[]> => (await findings(dir, file)).filter((line) => !line.includes('no-unauthenticated-route'));

describe('route tables of objects walked by a for…of loop', () => {
  it('the entries of this file and of another module read the URL as request input', async () => {
    const dir = writeProject({ 'server.js': OBJECT_SERVER('url'), 'notes.js': NOTES });
    expect(await taintFindings(dir, 'server.js')).toEqual(['6 api-security/no-reflected-xss:reflectedXss']);
    expect(await taintFindings(dir, 'notes.js')).toEqual(['5 api-security/no-path-traversal:pathTraversal']);
  });

  it('a constant handed in the URL position stays untainted in both', async () => {
    const dir = writeProject({ 'server.js': OBJECT_SERVER("new URL('http://local/?who=guest&file=readme.txt')"), 'notes.js': NOTES });
    expect(await taintFindings(dir, 'server.js')).toEqual([]);
    expect(await taintFindings(dir, 'notes.js')).toEqual([]);
  });
});
