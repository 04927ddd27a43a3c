import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Netlify Functions are routes: in the functions directory (the one `netlify.toml` names, else
 * `netlify/functions`), a v2 function (the default export of a file of the functions directory) serves
 * the paths of its `config` or `/.netlify/functions/<name>`; a v1 function (its `handler` export)
 * serves `/.netlify/functions/<name>`. Files elsewhere are no routes.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error', 'api-security/require-role-check': 'error' };
const netlify = { name: 'digest', type: 'module', dependencies: { '@netlify/functions': '^2.8.0' } };

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''} ${message.message.split(/ is | \(/u)[0] ?? ''}`);
}

const db = 'export const db = { run: async (text: string, values: unknown[] = []) => ({ text, values, rows: [] as unknown[] }) };\n';
const session = `import { jwtVerify } from 'jose';
const key = new TextEncoder().encode(process.env.SESSION_KEY);
export async function currentMember(req: Request) {
  const token = req.headers.get('authorization')?.replace('Bearer ', '');
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key);
    return payload as { sub: string; role: string };
  } catch {
    return null;
  }
}
`;

const v2Open = `import type { Config, Context } from '@netlify/functions';
import { db } from '../../lib/db';
export default async (req: Request, context: Context) => {
  const { id } = await req.json();
  await db.run('DELETE FROM digests WHERE id = $1', [id]);
  return new Response(null, { status: 204 });
};
export const config: Config = { path: '/api/digests/remove', method: ['POST'] };
`;

const v2Admin = `import type { Config } from '@netlify/functions';
import { db } from '../../lib/db';
import { currentMember } from '../../lib/session';
export default async (req: Request) => {
  const member = await currentMember(req);
  if (!member) return new Response('sign in', { status: 401 });
  const { rows } = await db.run('SELECT email FROM subscribers');
  return Response.json(rows);
};
export const config: Config = { path: ['/api/admin/subscribers', '/api/admin/subscribers.csv'] };
`;

const v2AdminChecked = v2Admin.replace("if (!member) return new Response('sign in', { status: 401 });", "if (!member) return new Response('sign in', { status: 401 });\n  if (member.role !== 'owner') return new Response('forbidden', { status: 403 });");

const v1Open = `const { db } = require('../../lib/db.cjs');
exports.handler = async (event) => {
  await db.run('DELETE FROM digests WHERE id = $1', [JSON.parse(event.body).id]);
  return { statusCode: 204, body: '' };
};
`;

describe('no-unauthenticated-route and require-role-check: Netlify functions', () => {
  it('reports a v2 function that answers anyone, at the path and methods of its config', async () => {
    const dir = writeProject({ 'netlify/functions/remove-digest.ts': v2Open, 'lib/db.ts': db }, netlify);
    expect(await lint(dir, 'netlify/functions/remove-digest.ts')).toEqual(['3 unauthenticatedRoute POST /api/digests/remove']);
  });

  it('reports a v1 handler at /.netlify/functions/<name>, also for <name>/index.js', async () => {
    const files = { 'netlify/functions/purge/index.cjs': v1Open, 'lib/db.cjs': 'exports.db = { run: async () => ({ rows: [] }) };\n' };
    const dir = writeProject(files, netlify);
    expect(await lint(dir, 'netlify/functions/purge/index.cjs')).toEqual(['2 unauthenticatedRoute ALL /.netlify/functions/purge']);
  });

  it('asks for a role on an admin path once a session is checked, and accepts one that checks it', async () => {
    const dir = writeProject({ 'netlify/functions/subscribers.ts': v2Admin, 'netlify/functions/subscribers-checked.ts': v2AdminChecked, 'lib/db.ts': db, 'lib/session.ts': session }, netlify);
    expect(await lint(dir, 'netlify/functions/subscribers.ts')).toEqual(['4 missingRoleCheck ALL /api/admin/subscribers', '4 missingRoleCheck ALL /api/admin/subscribers.csv']);
    expect(await lint(dir, 'netlify/functions/subscribers-checked.ts')).toEqual([]);
  });

  it('reads the functions directory of netlify.toml', async () => {
    const dir = writeProject({ 'functions/remove-digest.ts': v2Open, 'lib/db.ts': db, 'netlify.toml': '[build]\n  command = "npm run build"\n  functions = "functions"\n' }, { name: 'digest', type: 'module' });
    expect(await lint(dir, 'functions/remove-digest.ts')).toEqual(['3 unauthenticatedRoute POST /api/digests/remove']);
  });

  it('finds no route outside the functions directory, in a helper of a function folder, or in netlify/functions when netlify.toml names another', async () => {
    const files = { 'netlify/functions/remove-digest.ts': v2Open, 'netlify/functions/remove/helpers.ts': v2Open, 'scripts/remove-digest.ts': v2Open, 'lib/db.ts': db };
    const dir = writeProject(files, netlify);
    expect(await lint(dir, 'scripts/remove-digest.ts')).toEqual([]);
    expect(await lint(dir, 'netlify/functions/remove/helpers.ts')).toEqual([]);
    const elsewhere = writeProject({ 'netlify/functions/remove-digest.ts': v2Open, 'lib/db.ts': db, 'netlify.toml': '[functions]\n  directory = "functions"\n' }, { name: 'digest', type: 'module' });
    expect(await lint(elsewhere, 'netlify/functions/remove-digest.ts')).toEqual([]);
  });

  it('takes netlify/functions as the functions directory of a project that names no Netlify package', async () => {
    const plain = writeProject({ 'netlify/functions/remove-digest.ts': v2Open, 'lib/db.ts': db }, { name: 'digest', type: 'module' });
    expect(await lint(plain, 'netlify/functions/remove-digest.ts')).toEqual(['3 unauthenticatedRoute POST /api/digests/remove']);
  });
});

describe('the shipped configs: Netlify v2 functions in .mts and .cts files', () => {
  const v2Report = `import pg from 'pg';
const pool = new pg.Pool();
export default async (req: Request) => {
  const range = new URL(req.url).searchParams.get('range');
  const { rows } = await pool.query(\`SELECT sum(total) FROM invoices WHERE issued > now() - interval '\${range}'\`);
  return Response.json(rows);
};
export const config = { path: '/api/revenue' };
`;

  it.each(['mts', 'cts'])('lints a .%s function as a route with its request input', async (extension) => {
    const { ESLint } = await import('eslint');
    const { default: plugin } = await import('../../src/index.js');
    const dir = writeProject({ [`netlify/functions/revenue.${extension}`]: v2Report }, netlify);
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as never] });
    const [result] = await eslint.lintFiles([`netlify/functions/revenue.${extension}`]);
    expect(result?.messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}`).sort()).toEqual(['3 api-security/no-unauthenticated-route', '5 api-security/no-sql-injection']);
  });
});
