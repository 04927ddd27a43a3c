import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Serverless handlers the injection rules read, beyond the module's `handler` export:
 *   - an export of an `event` that reads only `event.body` (`JSON.parse(event.body ?? '{}')`, or the
 *     object middy's body parser left there), in a module whose other exports answer HTTP gateway
 *     events by their own evidence (`event.pathParameters`, `return { statusCode, body }`), wrapped
 *     by a project helper around middy or not;
 *   - the answer built by a helper (`return reply(200, page, { 'content-type': 'text/html' })`), of
 *     the file or imported, read as the object the helper returns;
 *   - Netlify functions of `netlify/functions/` in a project without a manifest or `netlify.toml`,
 *     and Vercel functions of `api/` whose file imports `@vercel/node`, or that take a web-standard
 *     `Request` (a default export of one parameter, or a function per method: `export function GET`).
 * Safe look-alikes stay silent: a module without gateway evidence (a queue consumer beside it), a
 * validated value, a JSON answer, a helper that serializes what it is given, an escaped page.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-command-injection': 'error',
  'api-security/no-ssrf': 'error',
  'api-security/no-reflected-xss': 'error',
  'api-security/no-open-redirect': 'error',
  'api-security/no-sql-injection': 'error',
  'api-security/no-unauthenticated-route': 'error',
  'api-security/require-role-check': 'error',
};

async function lint(dir: string, file: string): Promise<string[]> {
  return summary(await lintProjectFile(dir, file, rules));
}

const replyHelper = `export const reply = (code, payload, extra = {}) => ({
  statusCode: code,
  headers: { 'content-type': 'application/json', ...extra },
  body: typeof payload === 'string' ? payload : JSON.stringify(payload),
});
export const jsonOnly = (code, payload, extra = {}) => ({
  statusCode: code,
  headers: { 'content-type': 'application/json', ...extra },
  body: JSON.stringify(payload),
});
export const moveTo = (target) => ({ statusCode: 303, headers: { Location: target } });
`;

const thumbnails = `import { execFile, exec } from 'node:child_process';
import { reply } from '../lib/reply.mjs';

export const render = async (event) => {
  const job = JSON.parse(event.body ?? '{}');
  exec(\`convert \${job.source} -resize 64x64 out.png\`);
  return reply(202, { queued: true });
};

export const renderSafe = async (event) => {
  const job = JSON.parse(event.body ?? '{}');
  const size = ['64x64', '128x128'].includes(job.size) ? job.size : '64x64';
  exec(\`convert in.png -resize \${size} out.png\`);
  return reply(202, { queued: true });
};

export const status = async (event) => {
  const id = event.pathParameters?.id;
  execFile('stat', [String(id)]);
  return reply(200, { id });
};
`;

const consumers = `import { exec } from 'node:child_process';
// A module of queue consumers: no export answers an HTTP gateway.
export const onMessage = async (event) => {
  const job = JSON.parse(event.body ?? '{}');
  exec(\`convert \${job.source} out.png\`);
};
export const onBatch = async (event) => {
  for (const record of event.Records) exec(\`echo \${record.messageId}\`);
};
`;

const pages = `import { reply, jsonOnly, moveTo } from '../lib/reply.mjs';
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');

export const banner = async (event) => {
  const title = event.queryStringParameters?.title ?? 'Gallery';
  return reply(200, \`<h1>\${title}</h1>\`, { 'content-type': 'text/html; charset=utf-8' });
};

export const bannerEscaped = async (event) => {
  const title = event.queryStringParameters?.title ?? 'Gallery';
  return reply(200, \`<h1>\${esc(title)}</h1>\`, { 'content-type': 'text/html' });
};

export const bannerJson = async (event) => {
  const title = event.queryStringParameters?.title ?? 'Gallery';
  return reply(200, { title });
};

export const bannerSerialized = async (event) => {
  const title = event.queryStringParameters?.title ?? 'Gallery';
  return jsonOnly(200, \`<h1>\${title}</h1>\`, { 'content-type': 'text/html' });
};

export const back = async (event) => {
  const found = event.queryStringParameters?.found === '1';
  return found ? moveTo(event.queryStringParameters.back) : reply(404, { error: 'none' });
};

export const backFixed = async (event) => moveTo(\`/albums/\${encodeURIComponent(event.pathParameters.id)}\`);
`;

const wrapped = `const middy = require('@middy/core');
const jsonBodyParser = require('@middy/http-json-body-parser');
const axios = require('axios');
const wrap = (fn) => middy(fn).use(jsonBodyParser());
const ok = (body) => ({ statusCode: 200, body: JSON.stringify(body) });

module.exports.ping = wrap(async (event) => {
  const { hookUrl } = event.body;
  await axios.post(hookUrl, { ping: true });
  return ok({ sent: true });
});

module.exports.pingKnown = wrap(async (event) => {
  const { hook } = event.body;
  const targets = { slack: 'https://hooks.example.com/a', teams: 'https://hooks.example.com/b' };
  await axios.post(targets[hook] ?? targets.slack, { ping: true });
  return ok({ sent: true });
});

module.exports.list = wrap(async (event) => ok({ page: event.queryStringParameters?.page ?? '1' }));
`;

describe('Lambda handlers of any export name', () => {
  it('reads event.body of an export whose sibling answers a gateway event, and leaves an allow-listed value', async () => {
    const dir = writeProject({ 'handlers/thumbs.mjs': thumbnails, 'lib/reply.mjs': replyHelper }, { name: 'thumbs', type: 'module' });
    expect(await lint(dir, 'handlers/thumbs.mjs')).toEqual(['6 api-security/no-command-injection']);
  });

  it('does not take event.body of a module without gateway evidence as a request', async () => {
    const dir = writeProject({ 'handlers/consumers.mjs': consumers }, { name: 'thumbs', type: 'module' });
    expect(await lint(dir, 'handlers/consumers.mjs')).toEqual([]);
  });

  it('reads handlers wrapped by a project helper around middy', async () => {
    const dir = writeProject({ 'src/hooks.js': wrapped }, { name: 'hooks' });
    expect(await lint(dir, 'src/hooks.js')).toEqual(['9 api-security/no-ssrf']);
  });

  it('reads an answer built by an imported helper: an HTML body, a Location; not JSON, escaped or serialized', async () => {
    const dir = writeProject({ 'handlers/pages.mjs': pages, 'lib/reply.mjs': replyHelper }, { name: 'pages', type: 'module' });
    expect(await lint(dir, 'handlers/pages.mjs')).toEqual(['6 api-security/no-reflected-xss', '26 api-security/no-open-redirect']);
  });

  it('reads an answer built by a helper of the same file', async () => {
    const local = `${replyHelper.replaceAll('export const', 'const')}\n${pages.split('\n').slice(2).join('\n')}`;
    const dir = writeProject({ 'handlers/pages.mjs': local }, { name: 'pages', type: 'module' });
    expect(await lint(dir, 'handlers/pages.mjs')).toEqual(['16 api-security/no-reflected-xss', '36 api-security/no-open-redirect']);
  });
});

const contactForm = `import type { Context } from '@netlify/functions';
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
export default async (req: Request, _context: Context) => {
  const form = await req.formData();
  const who = String(form.get('who') ?? '');
  if (form.get('partial')) return new Response(\`<p>Thank you \${esc(who)}</p>\`, { headers: { 'content-type': 'text/html' } });
  if (form.get('json')) return Response.json({ who });
  return new Response(\`<p>Thank you \${who}</p>\`, { headers: { 'content-type': 'text/html; charset=utf-8' } });
};
export const config = { path: '/api/thanks', method: ['POST'] };
`;

const sorted = `export default async (req: Request) => {
  const by = new URL(req.url).searchParams.get('by') ?? 'created_at';
  const column = ['created_at', 'title'].includes(by) ? by : 'created_at';
  const rows = await fetch(\`https://db.internal/q?sql=\${encodeURIComponent('select 1 order by ' + column)}\`);
  const next = new URL(req.url).searchParams.get('next') ?? '/';
  if (next.startsWith('/') && !next.startsWith('//')) return Response.redirect(new URL(next, req.url), 302);
  return Response.redirect(next, 302);
};
export const config = { path: '/api/sorted' };
`;

describe('Netlify functions without a manifest or netlify.toml', () => {
  it('reads netlify/functions as the functions directory: form input to an HTML Response, and the route', async () => {
    const dir = writeProject({ 'netlify/functions/thanks.ts': contactForm }, null);
    expect(await lint(dir, 'netlify/functions/thanks.ts')).toEqual(['3 api-security/no-unauthenticated-route', '8 api-security/no-reflected-xss']);
  });

  it('reads the query of new URL(req.url) and Response.redirect, and accepts a site-relative redirect', async () => {
    const dir = writeProject({ 'netlify/functions/sorted.ts': sorted }, null);
    expect(await lint(dir, 'netlify/functions/sorted.ts')).toEqual(['1 api-security/no-unauthenticated-route', '7 api-security/no-open-redirect']);
  });

  it('finds no function outside netlify/functions, nor where netlify.toml names another directory', async () => {
    const dir = writeProject({ 'scripts/thanks.ts': contactForm, 'netlify/functions/thanks.ts': contactForm, 'netlify.toml': '[functions]\n  directory = "fns"\n' }, null);
    expect(await lint(dir, 'scripts/thanks.ts')).toEqual([]);
    expect(await lint(dir, 'netlify/functions/thanks.ts')).toEqual([]);
  });
});

const flags = `import type { VercelRequest, VercelResponse } from '@vercel/node';
import { currentUser } from '../../lib/auth';
export default async function handler(req: VercelRequest, res: VercelResponse) {
  const user = await currentUser(req);
  if (!user) return res.status(401).json({ error: 'sign in' });
  return res.json({ flags: ['beta'] });
}
`;

const flagsChecked = flags.replace("if (!user) return res.status(401).json({ error: 'sign in' });", "if (!user) return res.status(401).json({ error: 'sign in' });\n  if (user.role !== 'admin') return res.status(403).end();");

const auth = `import jwt from 'jsonwebtoken';
export async function currentUser(req: { cookies: Record<string, string | undefined> }) {
  const token = req.cookies.session;
  if (!token) return null;
  try {
    return jwt.verify(token, process.env.SESSION_KEY!) as { sub: string; role: string };
  } catch {
    return null;
  }
}
`;

const edgeGreeting = `export const config = { runtime: 'edge' };
export default async (req: Request) => {
  const { nickname, motto } = await req.json();
  if (typeof nickname !== 'string' || !/^[a-z0-9]{1,20}$/.test(nickname)) return new Response('bad', { status: 400 });
  if (motto === undefined) return new Response(\`<b>\${nickname}</b>\`, { headers: { 'content-type': 'text/html' } });
  return new Response(\`<b>\${nickname}</b><i>\${motto}</i>\`, { headers: { 'content-type': 'text/html' } });
};
`;

const methods = `export function GET(request: Request) {
  const who = new URL(request.url).searchParams.get('who') ?? 'you';
  return new Response(\`<h1>Hi \${who}</h1>\`, { headers: { 'Content-Type': 'text/html' } });
}
export function HEAD(request: Request) {
  const who = new URL(request.url).searchParams.get('who') ?? 'you';
  return new Response(JSON.stringify({ who }), { headers: { 'Content-Type': 'application/json' } });
}
`;

describe('Vercel functions of the root api/ folder', () => {
  it('maps api/admin/flags.ts to /api/admin/flags when the file imports @vercel/node (no manifest): a role is asked for', async () => {
    const dir = writeProject({ 'api/admin/flags.ts': flags, 'api/admin/flags-checked.ts': flagsChecked, 'lib/auth.ts': auth }, null);
    expect(await lint(dir, 'api/admin/flags.ts')).toEqual(['3 api-security/require-role-check']);
    expect(await lint(dir, 'api/admin/flags-checked.ts')).toEqual([]);
  });

  it('reads a default export of one web Request (Edge runtime) in the fetch style', async () => {
    const dir = writeProject({ 'api/greet.ts': edgeGreeting }, { name: 'fns', dependencies: { '@vercel/node': '^3.0.0' } });
    const found = await lint(dir, 'api/greet.ts');
    expect(found.filter((line) => line.endsWith('no-reflected-xss'))).toEqual(['6 api-security/no-reflected-xss']);
  });

  it('reads a function per method, and leaves its JSON answer', async () => {
    const dir = writeProject({ 'api/hello.ts': methods }, { name: 'fns', dependencies: { '@vercel/node': '^3.0.0' } });
    expect(await lint(dir, 'api/hello.ts')).toEqual(['3 api-security/no-reflected-xss']);
  });

  it('finds no route in api/ of a project that neither imports nor depends on Vercel', async () => {
    const dir = writeProject({ 'api/hello.ts': methods }, { name: 'scripts' });
    expect(await lint(dir, 'api/hello.ts')).toEqual([]);
  });
});

const verifiedCaller = `export function caller(event) {
  return event.requestContext?.authorizer?.jwt?.claims ?? null;
}
export const answer = (code, payload) => ({ statusCode: code, body: JSON.stringify(payload) });
`;

const headerCaller = `export function caller(event) {
  return event.headers?.['x-caller'] ?? null;
}
export const answer = (code, payload) => ({ statusCode: code, body: JSON.stringify(payload) });
`;

const albums = `import pg from 'pg';
import { caller, answer } from '../lib/caller.mjs';
const pool = new pg.Pool();

export const rename = async (event) => {
  const c = caller(event);
  if (!c) return answer(401, { error: 'sign in' });
  await pool.query('UPDATE albums SET title = $1 WHERE id = $2 AND owner = $3', [JSON.parse(event.body).title, event.pathParameters.id, c.sub]);
  return answer(204, {});
};

export const remove = async (event) => {
  const c = caller(event);
  if (!c) return answer(401, { error: 'sign in' });
  await pool.query('DELETE FROM albums WHERE id = $1 AND owner = $2', [event.pathParameters.id, c.sub]);
  return answer(204, {});
};

export const invite = async (event) => {
  const { email } = JSON.parse(event.body ?? '{}');
  await pool.query('INSERT INTO album_guests (album_id, email) VALUES ($1, $2)', [event.pathParameters.id, email]);
  return answer(201, { ok: true });
};

export const byHeader = async (event) => {
  const owner = event.headers['x-owner-id'];
  const { rows } = await pool.query('SELECT id, title FROM albums WHERE owner = $1 AND id = $2', [owner, event.pathParameters.id]);
  return answer(200, rows);
};

export const cover = async (event) => {
  const size = event.queryStringParameters?.size === 'large' ? 'large' : 'small';
  return answer(200, { url: \`https://cdn.example.com/cover-\${size}.png\` });
};

export const login = async (event) => {
  const { email } = JSON.parse(event.body ?? '{}');
  await pool.query('INSERT INTO login_attempts (email) VALUES ($1)', [email]);
  return answer(202, {});
};
`;

describe('no-unauthenticated-route: a Lambda handler without the caller check of its siblings', () => {
  const auth = { 'api-security/no-unauthenticated-route': 'error' } as const;

  it('reports a write and a keyed read by a header user; not a handler that reads nothing stored, nor a public flow', async () => {
    const dir = writeProject({ 'handlers/albums.mjs': albums, 'lib/caller.mjs': verifiedCaller }, { name: 'albums', type: 'module' });
    const messages = await lintProjectFile(dir, 'handlers/albums.mjs', auth);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['19 uncheckedServerlessHandler', '25 uncheckedServerlessHandler']);
    expect(messages[0]?.message).toContain('`invite` runs without the caller check that 2 other handlers of this module make');
  });

  it('reports nothing when the siblings only check a header they are sent (no verified caller to be consistent with)', async () => {
    const dir = writeProject({ 'handlers/albums.mjs': albums, 'lib/caller.mjs': headerCaller }, { name: 'albums', type: 'module' });
    expect(await lintProjectFile(dir, 'handlers/albums.mjs', auth)).toEqual([]);
  });

  it('reports nothing when only one sibling checks its caller', async () => {
    const single = albums.replace(/export const remove[\s\S]*?\n\};\n/u, '');
    const dir = writeProject({ 'handlers/albums.mjs': single, 'lib/caller.mjs': verifiedCaller }, { name: 'albums', type: 'module' });
    expect(await lintProjectFile(dir, 'handlers/albums.mjs', auth)).toEqual([]);
  });
});
