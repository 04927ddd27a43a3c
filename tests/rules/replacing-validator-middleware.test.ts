import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A validation middleware the project writes itself: a factory given a schema (and which part of
 * the request to check) returns a middleware that parses that part and writes the parsed value back
 * over it before `next()`. The route's handler then reads what the schema let through, judged as an
 * inline `schema.parse(req.query)` is. Judged by the middleware's body: a write of something else,
 * a write that may not happen, a `next()` before it, or a parse that does not throw on bad input
 * leaves the handler's input as the client sent it.
 */

const rules: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };

const schemas = `import { z } from 'zod';

export const catalogQuery = z.object({
  order: z.enum(['title', 'price']),
  term: z.string().max(40),
});
`;

/** The factory as many projects write it: `safeParse`, an early 400, the parsed data written back. */
const checkInput = `import type { Request, Response, NextFunction } from 'express';
import type { ZodTypeAny } from 'zod';

export const checkInput = (schema: ZodTypeAny, part: 'body' | 'query' | 'params' = 'body') =>
  (req: Request, res: Response, next: NextFunction) => {
    const outcome = schema.safeParse(req[part]);
    if (!outcome.success) return res.status(422).json({ issues: outcome.error.issues });
    (req as any)[part] = outcome.data;
    return next();
  };
`;

const routes = (middleware: string, read: string): string => `import { Router } from 'express';
import { Pool } from 'pg';
import { checkInput } from '../lib/check-input.js';
import { catalogQuery } from '../lib/schemas.js';

const pool = new Pool();
export const catalog = Router();

catalog.get('/books', ${middleware}, async (req, res) => {
  const { rows } = await pool.query(\`SELECT id, title FROM books ORDER BY \${${read}}\`);
  res.json(rows);
});
`;

async function check(files: Record<string, string>, manifest?: Record<string, unknown>): Promise<string[]> {
  const dir = writeProject({ 'src/lib/schemas.ts': schemas, 'src/lib/check-input.ts': checkInput, ...files }, manifest);
  const file = Object.keys(files).find((name) => name.startsWith('src/routes/')) ?? 'src/routes/catalog.ts';
  return summary(await lintProjectFile(dir, file, rules));
}

describe('validation middleware that replaces a part of the request', () => {
  it('an enum field of the schema it wrote back over `req.query` is not SQL text', async () => {
    expect(await check({ 'src/routes/catalog.ts': routes("checkInput(catalogQuery, 'query')", 'req.query.order as string') })).toEqual([]);
  });

  it('`req.body = await schema.parseAsync(req.body)` in a try whose catch answers 400, the body by default', async () => {
    const factory = `export function bodyOf(schema) {
  return async function (req, res, next) {
    try {
      req.body = await schema.parseAsync(req.body);
    } catch (error) {
      return res.status(400).json({ error: String(error) });
    }
    next();
  };
}
`;
    const route = routes('bodyOf(catalogQuery)', 'req.body.order').replace("import { checkInput } from '../lib/check-input.js';", "import { bodyOf } from '../lib/body-of.js';").replace('catalog.get', 'catalog.post');
    expect(await check({ 'src/lib/body-of.ts': factory, 'src/routes/catalog.ts': route })).toEqual([]);
  });

  it('a string field of the same schema stays SQL text', async () => {
    expect(await check({ 'src/routes/catalog.ts': routes("checkInput(catalogQuery, 'query')", 'req.query.term as string') })).toEqual([
      '10 api-security/no-sql-injection',
    ]);
  });

  it('a part other than the one the middleware replaced stays the client\'s', async () => {
    expect(await check({ 'src/routes/catalog.ts': routes('checkInput(catalogQuery)', 'req.query.order as string') })).toEqual([
      '10 api-security/no-sql-injection',
    ]);
  });

  it('stays reported when the middleware writes the parsed value only on success and lets the request through either way', async () => {
    const lax = `export const checkInput = (schema, part = 'body') => (req, res, next) => {
  const outcome = schema.safeParse(req[part]);
  if (outcome.success) req[part] = outcome.data;
  next();
};
`;
    expect(await check({ 'src/lib/check-input.ts': lax, 'src/routes/catalog.ts': routes("checkInput(catalogQuery, 'query')", 'req.query.order as string') })).toEqual([
      '10 api-security/no-sql-injection',
    ]);
  });

  it('stays reported when `next()` runs before the write, or the write merges the parsed data into what the client sent', async () => {
    const early = `export const checkInput = (schema, part = 'body') => (req, res, next) => {
  next();
  req[part] = schema.parse(req[part]);
};
`;
    const merged = `export const checkInput = (schema, part = 'body') => (req, res, next) => {
  req[part] = { ...req[part], ...schema.parse(req[part]) };
  next();
};
`;
    for (const factory of [early, merged]) {
      expect(await check({ 'src/lib/check-input.ts': factory, 'src/routes/catalog.ts': routes("checkInput(catalogQuery, 'query')", 'req.query.order as string') })).toEqual([
        '10 api-security/no-sql-injection',
      ]);
    }
  });

  it("stays reported for Joi's `validate`, whose `value` is the client's input when `error` is set", async () => {
    const joi = `export const checkInput = (schema, part = 'body') => (req, res, next) => {
  req[part] = schema.validate(req[part]).value;
  next();
};
`;
    expect(await check({ 'src/lib/check-input.ts': joi, 'src/routes/catalog.ts': routes("checkInput(catalogQuery, 'query')", 'req.query.order as string') })).toEqual([
      '10 api-security/no-sql-injection',
    ]);
  });

  it('a sloppy CommonJS middleware writing `req.query` counts on Express 4, not on Express 5, whose getter ignores the write', async () => {
    const commonjs = `exports.checkInput = (schema, part = 'body') => (req, res, next) => {
  req[part] = schema.parse(req[part]);
  next();
};
`;
    const route = `const { Router } = require('express');
const { Pool } = require('pg');
const { checkInput } = require('../lib/check-input-cjs');
const { z } = require('zod');

const pool = new Pool();
const catalog = Router();
const catalogQuery = z.object({ order: z.enum(['title', 'price']) });

catalog.get('/books', checkInput(catalogQuery, 'query'), async (req, res) => {
  const { rows } = await pool.query(\`SELECT id, title FROM books ORDER BY \${req.query.order}\`);
  res.json(rows);
});
module.exports = catalog;
`;
    const files = { 'src/lib/check-input-cjs.js': commonjs, 'src/routes/catalog.js': route };
    expect(await check(files, { name: 'app', dependencies: { express: '^4.21.0' } })).toEqual([]);
    expect(await check(files, { name: 'app', dependencies: { express: '^5.1.0' } })).toEqual(['11 api-security/no-sql-injection']);
  });
});
