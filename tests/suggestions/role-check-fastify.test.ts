import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import rule, { type Options } from '../../src/rules/require-role-check.js';

/*
 * require-role-check's suggestion on Fastify routes: the role check the file's other routes run in
 * a route hook (`preHandler: [adminOnly]`) is added to the reported route's hook of the same name,
 * after what runs there. The fixed app is run with Fastify's `inject`: a member is refused, an
 * administrator is not.
 */

const ruleTester = new RuleTester();
const strict: Options = [{ privilegedRoutes: 'report' }];

const head = `import Fastify from 'fastify';
const accounts = new Map([['1', { id: '1', role: 'admin' }], ['2', { id: '2', role: 'member' }], ['3', { id: '3', role: 'member' }]]);
const tokens = { 'admin-token': '1', 'member-token': '2' };
const User = { destroy: async ({ where }) => accounts.delete(where.id) };
const app = Fastify();
async function authenticate(request, reply) {
  const id = tokens[request.headers.authorization];
  if (!id) return reply.code(401).send({ error: 'sign in' });
  request.user = accounts.get(id);
}
async function adminOnly(request, reply) {
  if (request.user.role !== 'admin') return reply.code(403).send({ error: 'forbidden' });
}
app.patch('/users/:id/role', { onRequest: [authenticate], preHandler: [adminOnly] }, async (request) => {
  accounts.get(request.params.id).role = request.body.role;
  return { ok: true };
});
`;
const L = 18; // first line after the head
const tail = '\nexport { app, accounts };\n';

const remove = (options: string): string => `app.delete('/users/:id', ${options}async (request, reply) => {
  await User.destroy({ where: { id: request.params.id } });
  return reply.code(204).send();
});`;

const report = (suggestion: string, hook = 'preHandler') => ({
  messageId: 'privilegedRoute' as const,
  line: L,
  data: { method: 'DELETE', path: '/users/:id', framework: 'fastify', by: '`authenticate`', operation: 'deletes a user the client names (`User.destroy`)', at: `line ${String(L + 1)}` },
  suggestions: [{ messageId: 'addRoleHook' as const, data: { check: 'adminOnly', hook }, output: `${head}${suggestion}${tail}` }],
});

const unfixed = `${head}${remove('{ onRequest: [authenticate] }, ')}${tail}`;
const fixedWithOptions = `${head}${remove('{ preHandler: [adminOnly], onRequest: [authenticate] }, ')}${tail}`;

ruleTester.run('require-role-check (Fastify suggestion)', rule, {
  valid: [
    { name: 'the fixed route', options: strict, code: fixedWithOptions },
  ],
  invalid: [
    { name: 'options without the hook: the hook is added', options: strict, code: unfixed, errors: [report(remove('{ preHandler: [adminOnly], onRequest: [authenticate] }, '))] },
    { name: 'a preHandler array already there: the check runs after what it holds', options: strict, code: `${head}${remove('{ onRequest: [authenticate], preHandler: [async () => {}] }, ')}${tail}`,
      errors: [report(remove('{ onRequest: [authenticate], preHandler: [async () => {}, adminOnly] }, '))] },
    { name: 'a single preHandler function: made an array, the check last', options: strict, code: `${head}${remove('{ onRequest: authenticate, preHandler: async () => {} }, ')}${tail}`,
      errors: [report(remove('{ onRequest: authenticate, preHandler: [async () => {}, adminOnly] }, '))] },
    { name: 'no options, authenticated by an app hook: an options object before the handler', options: strict, code: `${head}app.addHook('onRequest', authenticate);\n${remove('')}${tail}`,
      errors: [{ ...report(`app.addHook('onRequest', authenticate);\n${remove('{ preHandler: [adminOnly] }, ')}`), line: L + 1, data: { ...report('').data, at: `line ${String(L + 2)}` } }] },
  ],
});

const temp = mkdtempSync(path.join(os.tmpdir(), 'role-fastify-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const fastifyUrl = pathToFileURL(createRequire(import.meta.url).resolve('fastify')).href;

interface RunningApp {
  app: { inject: (request: { method: string; url: string; headers?: Record<string, string> }) => Promise<{ statusCode: number }>; close: () => Promise<void> };
  accounts: Map<string, unknown>;
}

async function load(code: string, name: string): Promise<RunningApp> {
  const file = path.join(temp, `${name}.mjs`);
  writeFileSync(file, code.replace("from 'fastify'", `from '${fastifyUrl}'`));
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as RunningApp;
}

describe('require-role-check: the Fastify suggestion, run', () => {
  it('before the fix any signed-in member deletes another user', async () => {
    const { app, accounts } = await load(unfixed, 'unfixed');
    expect((await app.inject({ method: 'DELETE', url: '/users/3', headers: { authorization: 'member-token' } })).statusCode).toBe(204);
    expect(accounts.has('3')).toBe(false);
    await app.close();
  });

  it('after the fix a member is refused (and the user kept), an administrator is not, a stranger is asked to sign in', async () => {
    const { app, accounts } = await load(fixedWithOptions, 'fixed');
    expect((await app.inject({ method: 'DELETE', url: '/users/3', headers: { authorization: 'member-token' } })).statusCode).toBe(403);
    expect(accounts.has('3')).toBe(true);
    expect((await app.inject({ method: 'DELETE', url: '/users/3' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'DELETE', url: '/users/3', headers: { authorization: 'admin-token' } })).statusCode).toBe(204);
    expect(accounts.has('3')).toBe(false);
    await app.close();
  });

  it('the fix appended to an existing preHandler array behaves the same', async () => {
    const code = `${head}${remove('{ onRequest: [authenticate], preHandler: [async () => {}, adminOnly] }, ')}${tail}`;
    const { app, accounts } = await load(code, 'appended');
    expect((await app.inject({ method: 'DELETE', url: '/users/3', headers: { authorization: 'member-token' } })).statusCode).toBe(403);
    expect(accounts.has('3')).toBe(true);
    await app.close();
  });
});
