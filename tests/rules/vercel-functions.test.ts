import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Vercel functions are routes: in a project deployed on Vercel (`@vercel/node` or `vercel.json`, or
 * a file that imports `@vercel/node`, in a project that does not depend on Next.js),
 * the default export of `api/admin/users.ts` serves `/api/admin/users` to anyone unless its handler
 * (or a wrapper around it) authenticates. Files of an `api/` folder in a project that is not deployed
 * on Vercel, or built with Next.js, and `_`-prefixed helpers, are not routes.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const vercel = { name: 'media-fns', dependencies: { '@vercel/node': '^3.0.0' } };

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''} ${message.message.split(' is ')[0] ?? ''}`);
}

const listUsers = `import type { VercelRequest, VercelResponse } from '@vercel/node';
import { db } from '../_lib/db';
export default async function handler(req: VercelRequest, res: VercelResponse) {
  const users = await db.query('SELECT id, email FROM users');
  res.status(200).json(users.rows);
}
`;

const checkedUsers = `import type { VercelRequest, VercelResponse } from '@vercel/node';
import jwt from 'jsonwebtoken';
import { db } from '../_lib/db';
export default async function handler(req: VercelRequest, res: VercelResponse) {
  const token = req.headers.authorization?.replace('Bearer ', '');
  if (!token) return res.status(401).json({ error: 'sign in' });
  const claims = jwt.verify(token, process.env.JWT_SECRET!) as { role?: string };
  if (claims.role !== 'admin') return res.status(403).end();
  const users = await db.query('SELECT id, email FROM users');
  res.status(200).json(users.rows);
}
`;

const db = "export const db = { query: async (text: string) => ({ rows: [] as unknown[], text }) };\n";

describe('no-unauthenticated-route: Vercel functions', () => {
  it('reports an api/ function that answers anyone, with the path of its file', async () => {
    const dir = writeProject({ 'api/admin/users.ts': listUsers, 'api/_lib/db.ts': db }, vercel);
    expect(await lint(dir, 'api/admin/users.ts')).toEqual(['3 unauthenticatedRoute ALL /api/admin/users (vercel)']);
  });

  it('does not report one whose handler verifies a token and answers 401/403', async () => {
    const dir = writeProject({ 'api/admin/users.ts': checkedUsers, 'api/_lib/db.ts': db }, vercel);
    expect(await lint(dir, 'api/admin/users.ts')).toEqual([]);
  });

  it('reads vercel.json as deployment on Vercel, and serves api/x/index.ts at /api/x', async () => {
    const dir = writeProject({ 'vercel.json': '{ "functions": {} }', 'api/users/index.ts': listUsers.replace("'../_lib/db'", "'../_lib/db.js'"), 'api/_lib/db.ts': db }, { name: 'fns' });
    expect(await lint(dir, 'api/users/index.ts')).toEqual(['3 unauthenticatedRoute ALL /api/users (vercel)']);
  });

  it('takes a health check as public by its path, as any route', async () => {
    const dir = writeProject({ 'api/health.ts': "export default function handler(req, res) {\n  res.status(200).send('ok');\n}\n" }, vercel);
    expect(await lint(dir, 'api/health.ts')).toEqual([]);
  });

  it('finds no route in a project not deployed on Vercel, in a Next.js project, or in a _ helper', async () => {
    const plain = writeProject({ 'api/admin/users.ts': listUsers.replace(/^import type .*\n/u, ''), 'api/_lib/db.ts': db }, { name: 'scripts' });
    expect(await lint(plain, 'api/admin/users.ts')).toEqual([]);
    const next = writeProject({ 'api/admin/users.ts': listUsers, 'api/_lib/db.ts': db }, { name: 'site', dependencies: { next: '15.0.0', '@vercel/node': '^3.0.0' } });
    expect(await lint(next, 'api/admin/users.ts')).toEqual([]);
    const helper = writeProject({ 'api/_lib/handler.ts': listUsers.replace("'../_lib/db'", "'./db'"), 'api/_lib/db.ts': db }, vercel);
    expect(await lint(helper, 'api/_lib/handler.ts')).toEqual([]);
  });
});
