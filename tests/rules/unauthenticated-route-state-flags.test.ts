import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A handler that answers 401 unless a flag of its per-request state holds, the flag computed by an
 * earlier middleware that lets every request on (`c.set('ctx', { keyOk })`, `req.keyOk = …`).
 * The handler authenticates when what sets the flag checks a credential the request sent; the
 * middleware that only computes the flag authenticates nothing by itself. Look-alikes stay
 * reported: the flag computed and never tested, a flag made from a header's presence or from a
 * query parameter, a refusal the client can step around or that is no 401, and nothing in view
 * that sets the flag (unknown: `strict` only).
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const strict: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all', unknownAuth: 'report' }] };

async function found(dir: string, file: string, rules = recommended): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

describe('Hono: a flag a global middleware computes from the bearer key', () => {
  const dir = writeProject({
    'src/app.js': `
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { Pool } from 'pg';

const pool = new Pool();

function bearerOf(header) {
  if (!header) return null;
  const [scheme, value] = header.split(' ');
  return scheme === 'Bearer' && value ? value : null;
}

function equalInTime(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function knownKey(token, keys) {
  if (!token || keys.length === 0) return false;
  return keys.some((key) => equalInTime(token, key));
}

function keyOf(headers, keys) {
  if (!headers) return false;
  const token = bearerOf(headers.get('Authorization'));
  return knownKey(token, keys);
}

export function createServer(config) {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const request = c.req.raw;
    const keyOk = keyOf(request.headers, config.keys);
    c.set('state', { keyOk, started: Date.now() });
    await next();
  });

  // Refuses with 401 unless the key was accepted: authenticated.
  app.put('/releases/:kind', async (c) => {
    const state = c.get('state');
    if (!state.keyOk) throw new HTTPException(401, { message: 'an API key is required' });
    await pool.query('UPDATE releases SET body = $1 WHERE kind = $2', [await c.req.text(), c.req.param('kind')]);
    return c.json({ ok: true });
  });

  // The flag is computed but never tested.
  app.delete('/releases/:kind', async (c) => {
    await pool.query('DELETE FROM releases WHERE kind = $1', [c.req.param('kind')]);
    return c.json({ ok: true });
  });

  // The client steps around the refusal with a query parameter.
  app.patch('/releases/:kind', async (c) => {
    if (!c.get('state').keyOk && !c.req.query('draft')) throw new HTTPException(401);
    await pool.query('UPDATE releases SET draft = true WHERE kind = $1', [c.req.param('kind')]);
    return c.json({ ok: true });
  });

  // The refusal runs only when the client asks for it.
  app.post('/releases/:kind/publish', async (c) => {
    if (c.req.query('checked')) {
      if (!c.get('state').keyOk) throw new HTTPException(401);
    }
    await pool.query('UPDATE releases SET live = true WHERE kind = $1', [c.req.param('kind')]);
    return c.json({ ok: true });
  });

  // Not a 401: a bad request answered to anybody without the flag.
  app.post('/releases/:kind/archive', async (c) => {
    if (!c.get('state').keyOk) return c.json({ error: 'missing' }, 400);
    await pool.query('UPDATE releases SET archived = true WHERE kind = $1', [c.req.param('kind')]);
    return c.json({ ok: true });
  });
  return app;
}
`,
  });

  it('takes the tested flag as authentication and reports the look-alikes', async () => {
    expect(await found(dir, 'src/app.js')).toEqual(['50 unauthenticatedRoute', '56 unauthenticatedRoute', '63 unauthenticatedRoute', '72 unauthenticatedRoute']);
  });
});

describe('Hono and Express: what the middleware makes the flag from', () => {
  const dir = writeProject({
    'src/hono.js': `
import { Hono } from 'hono';
import { Pool } from 'pg';
const pool = new Pool();
const app = new Hono();
app.use('*', async (c, next) => {
  // Compared with the server's secret: a check of the key.
  c.set('keyOk', c.req.header('x-api-key') === process.env.SERVICE_KEY);
  // Only sent: any value passes.
  c.set('signedIn', Boolean(c.req.header('authorization')));
  await next();
});
app.post('/jobs', async (c) => {
  if (!c.get('keyOk')) return c.json({ error: 'unauthorized' }, 401);
  await pool.query('INSERT INTO jobs (spec) VALUES ($1)', [await c.req.text()]);
  return c.json({ ok: true });
});
app.post('/notes', async (c) => {
  if (!c.get('signedIn')) return c.json({ error: 'unauthorized' }, 401);
  await pool.query('INSERT INTO notes (body) VALUES ($1)', [await c.req.text()]);
  return c.json({ ok: true });
});
export default app;
`,
    'src/express.js': `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.use((req, res, next) => {
  req.serviceCaller = req.get('x-service-key') === process.env.SERVICE_KEY;
  res.locals.preview = req.query.preview === '1';
  next();
});
app.post('/imports', async (req, res) => {
  if (!req.serviceCaller) return res.status(401).end();
  await pool.query('INSERT INTO imports (spec) VALUES ($1)', [req.body.spec]);
  res.json({ ok: true });
});
app.post('/drafts', async (req, res) => {
  if (res.locals.preview !== true) return res.sendStatus(401);
  await pool.query('INSERT INTO drafts (body) VALUES ($1)', [req.body.text]);
  res.json({ ok: true });
});
export default app;
`,
  });

  it('Hono: a flag compared with a server secret authenticates; a header only sent does not', async () => {
    expect(await found(dir, 'src/hono.js')).toEqual(['18 unauthenticatedRoute']);
  });

  it('Express: a request member set from a key check authenticates; one set from a query parameter does not', async () => {
    expect(await found(dir, 'src/express.js')).toEqual(['16 unauthenticatedRoute']);
  });
});

describe('a flag that nothing in view sets', () => {
  const dir = writeProject({
    'src/routes.js': `
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
export const makeReleases = (pool) => {
  const releases = new Hono();
  releases.put('/:kind', async (c) => {
    const state = c.get('state');
    if (!state.keyOk) throw new HTTPException(401);
    await pool.query('UPDATE releases SET body = $1 WHERE kind = $2', [await c.req.text(), c.req.param('kind')]);
    return c.json({ ok: true });
  });
  releases.delete('/:kind', async (c) => {
    await pool.query('DELETE FROM releases WHERE kind = $1', [c.req.param('kind')]);
    return c.json({ ok: true });
  });
  return releases;
};
`,
  });

  it('is unknown: silent by default, reported as unknown by strict, the untested route reported by both', async () => {
    expect(await found(dir, 'src/routes.js')).toEqual(['12 unauthenticatedRoute']);
    expect(await found(dir, 'src/routes.js', strict)).toEqual(['6 unknownAuth', '12 unauthenticatedRoute']);
  });
});

describe('Express: a helper that answers no, its answer kept or tested', () => {
  const dir = writeProject({
    'src/app.js': `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
const admin = express.Router();

function keyMatches(req) {
  if (!req.get('x-admin-key')) return false;
  return req.get('x-admin-key') === process.env.ADMIN_KEY;
}

// Keeps the answer and lets every request on.
app.use((req, res, next) => {
  const allowed = keyMatches(req);
  res.locals.allowed = allowed;
  next();
});
app.post('/exports', async (req, res) => {
  await pool.query('INSERT INTO exports (spec) VALUES ($1)', [req.body.spec]);
  res.json({ ok: true });
});

// Tests the answer and refuses.
admin.use((req, res, next) => {
  if (!keyMatches(req)) return res.sendStatus(401);
  next();
});
admin.post('/purge', async (req, res) => {
  await pool.query('DELETE FROM exports');
  res.json({ ok: true });
});
app.use('/admin', admin);
export default app;
`,
  });

  it('reports the route behind the middleware that only keeps the answer, not the one behind the refusal', async () => {
    expect(await found(dir, 'src/app.js')).toEqual(['19 unauthenticatedRoute']);
  });
});
