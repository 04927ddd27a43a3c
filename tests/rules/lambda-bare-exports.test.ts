import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A module of AWS Lambda handlers whose exports check their caller (wrapped by a higher-order
 * function of the project, by middy with a middleware whose `before` refuses anonymous events, or
 * calling a helper that throws without a verified caller first) shows the module's convention: an
 * export beside them without any check, that changes state or reads stored data by a key from the
 * request, is reported. Safe look-alikes stay quiet: a module of only bare handlers, wrappers and
 * middleware that check nothing (timing, logging, body parsing), a bare public flow, a bare export
 * that reads nothing stored.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

const lint = async (files: Record<string, string>, file: string): Promise<string[]> =>
  (await lintProjectFile(writeProject(files), file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);

const verifier = `import jwt from 'jsonwebtoken';
export const claimsOf = (event) => {
  const header = event.headers?.authorization ?? '';
  try {
    return jwt.verify(header.replace(/^Bearer /u, ''), process.env.TOKEN_KEY);
  } catch {
    return null;
  }
};
`;

const hof = `import { claimsOf } from './claims.mjs';
export const withCaller = (run) => async (event) => {
  const claims = claimsOf(event);
  if (!claims) return { statusCode: 401, body: '' };
  return run(event, claims);
};
`;

const middyAuth = `import createError from 'http-errors';
import { claimsOf } from './claims.mjs';
export const callerRequired = () => ({
  before: async (request) => {
    const claims = claimsOf(request.event);
    if (!claims) throw createError(401, 'sign in');
    request.event.caller = claims;
  },
});
`;

const requireCaller = `import { claimsOf } from './claims.mjs';
export const requireCaller = async (event) => {
  const claims = claimsOf(event);
  if (!claims) {
    const error = new Error('sign in');
    error.statusCode = 401;
    throw error;
  }
  return claims;
};
`;

const wrappedModule = `import pg from 'pg';
import { withCaller } from '../lib/with-caller.mjs';
const pool = new pg.Pool();

export const listShelves = withCaller(async (event, caller) => {
  const { rows } = await pool.query('SELECT * FROM shelves WHERE owner = $1', [caller.sub]);
  return { statusCode: 200, body: JSON.stringify(rows) };
});

export const renameShelf = withCaller(async (event, caller) => {
  await pool.query('UPDATE shelves SET title = $1 WHERE id = $2 AND owner = $3', [JSON.parse(event.body).title, event.pathParameters.id, caller.sub]);
  return { statusCode: 204, body: '' };
});

export const exportShelves = async (event) => {
  const { rows } = await pool.query('SELECT * FROM shelves WHERE team = $1', [event.pathParameters.team]);
  return { statusCode: 200, body: JSON.stringify(rows) };
};
`;

const middyModule = `import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import pg from 'pg';
import { callerRequired } from '../lib/caller-required.mjs';
const pool = new pg.Pool();

export const listShelves = middy(async (event) => {
  const { rows } = await pool.query('SELECT * FROM shelves WHERE owner = $1', [event.caller.sub]);
  return { statusCode: 200, body: JSON.stringify(rows) };
}).use(callerRequired());

export const renameShelf = middy(async (event) => {
  await pool.query('UPDATE shelves SET title = $1 WHERE id = $2 AND owner = $3', [event.body.title, event.pathParameters.id, event.caller.sub]);
  return { statusCode: 204, body: '' };
}).use(jsonBodyParser()).use(callerRequired());

export const dropShelf = middy(async (event) => {
  await pool.query('DELETE FROM shelves WHERE id = $1', [event.pathParameters.id]);
  return { statusCode: 204, body: '' };
}).use(jsonBodyParser());
`;

const requireModule = `import pg from 'pg';
import { requireCaller } from '../lib/require-caller.mjs';
const pool = new pg.Pool();

export const listShelves = async (event) => {
  const caller = await requireCaller(event);
  const { rows } = await pool.query('SELECT * FROM shelves WHERE owner = $1', [caller.sub]);
  return { statusCode: 200, body: JSON.stringify(rows) };
};

export const renameShelf = async (event) => {
  const caller = await requireCaller(event);
  await pool.query('UPDATE shelves SET title = $1 WHERE id = $2 AND owner = $3', [JSON.parse(event.body).title, event.pathParameters.id, caller.sub]);
  return { statusCode: 204, body: '' };
};

export const dropShelf = async (event) => {
  await pool.query('DELETE FROM shelves WHERE id = $1', [event.pathParameters.id]);
  return { statusCode: 204, body: '' };
};
`;

const timing = `export const withTiming = (run) => async (event, ...rest) => {
  const started = Date.now();
  try {
    return await run(event, ...rest);
  } finally {
    console.log(event.requestContext?.requestId, Date.now() - started);
  }
};
`;

const noting = `export const callerNoted = () => ({
  before: async (request) => {
    request.event.caller = { sub: request.event.headers?.['x-caller'] ?? 'anonymous' };
  },
});
`;

const claims = { 'lib/claims.mjs': verifier, 'lib/with-caller.mjs': hof, 'lib/caller-required.mjs': middyAuth, 'lib/require-caller.mjs': requireCaller, 'lib/with-timing.mjs': timing, 'lib/caller-noted.mjs': noting };

const publicReads = `import pg from 'pg';
const pool = new pg.Pool();

export const listTitles = async (event) => {
  const { rows } = await pool.query('SELECT title FROM shelves WHERE published AND genre = $1', [event.queryStringParameters?.genre ?? 'all']);
  return { statusCode: 200, body: JSON.stringify(rows) };
};

export const showTitle = async (event) => {
  const { rows } = await pool.query('SELECT title, blurb FROM shelves WHERE published AND id = $1', [event.pathParameters.id]);
  return { statusCode: 200, body: JSON.stringify(rows[0] ?? null) };
};
`;

describe('no-unauthenticated-route: a bare Lambda export beside siblings that check their caller', () => {
  it('reports the bare export of a module whose other exports a project wrapper authenticates', async () => {
    expect(await lint({ ...claims, 'handlers/shelves.mjs': wrappedModule }, 'handlers/shelves.mjs')).toEqual(['15 uncheckedServerlessHandler']);
  });

  it('reports the middy handler without the middleware that refuses anonymous events', async () => {
    expect(await lint({ ...claims, 'handlers/shelves.mjs': middyModule }, 'handlers/shelves.mjs')).toEqual(['17 uncheckedServerlessHandler']);
  });

  it('reports the export that skips the helper its siblings call first (and read their inputs through)', async () => {
    expect(await lint({ ...claims, 'handlers/shelves.mjs': requireModule }, 'handlers/shelves.mjs')).toEqual(['17 uncheckedServerlessHandler']);
  });

  it('names the wrapper its siblings are checked by', async () => {
    const messages = await lintProjectFile(writeProject({ ...claims, 'handlers/shelves.mjs': wrappedModule }), 'handlers/shelves.mjs', rules);
    expect(messages.map((message) => message.message)).toEqual([
      expect.stringMatching(/^The serverless handler `exportShelves` runs without the caller check that 2 other handlers of this module make \(withCaller\)/u),
    ]);
  });

  it('keeps a module of only bare public reads quiet (no sibling checks its caller)', async () => {
    expect(await lint({ ...claims, 'handlers/catalog.mjs': publicReads }, 'handlers/catalog.mjs')).toEqual([]);
  });

  it('keeps quiet when every export is wrapped, or the bare one is a public flow or reads nothing stored', async () => {
    const allWrapped = wrappedModule.replace('export const exportShelves = async (event) => {', 'export const exportShelves = withCaller(async (event) => {').replace(/\};\n$/u, '});\n');
    const bareLogin = wrappedModule.replace('exportShelves', 'login');
    const bareStatic = wrappedModule.replace(/export const exportShelves[\s\S]*$/u, `export const shelfIcon = async (event) => ({ statusCode: 302, headers: { Location: event.queryStringParameters?.dark ? '/dark.svg' : '/light.svg' } });\n`);
    for (const module of [allWrapped, bareLogin, bareStatic]) {
      expect(await lint({ ...claims, 'handlers/shelves.mjs': module }, 'handlers/shelves.mjs')).toEqual([]);
    }
  });

  it('keeps quiet when the siblings\' wrapper or middleware checks nothing', async () => {
    const timed = wrappedModule.replace("import { withCaller } from '../lib/with-caller.mjs';", "import { withTiming as withCaller } from '../lib/with-timing.mjs';");
    const noted = middyModule.replace("import { callerRequired } from '../lib/caller-required.mjs';", "import { callerNoted as callerRequired } from '../lib/caller-noted.mjs';");
    expect(await lint({ ...claims, 'handlers/shelves.mjs': timed }, 'handlers/shelves.mjs')).toEqual([]);
    expect(await lint({ ...claims, 'handlers/shelves.mjs': noted }, 'handlers/shelves.mjs')).toEqual([]);
  });
});
