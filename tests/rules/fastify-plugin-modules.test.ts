import { rmSync } from 'node:fs';
import type { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Fastify plugin modules in plain JavaScript import nothing from Fastify: the instance is their
 * parameter, and another file registers the module with a prefix (`app.register(require('./notes'),
 * { prefix: '/notes' })`). Such a file is judged as Fastify, with the hooks and prefix of the file
 * that registers it; an Express registration function of the same shape stays Express.
 */
const RULES: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const RESOLVED_ONLY: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, reportRoutes: 'all' }] };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const NOTES_PLUGIN = `const store = require('./store');

module.exports = async function (app, opts) {
  app.get('/:noteId', async (request) => store.read(request.params.noteId));
  app.delete('/:noteId', async (request, reply) => {
    await store.remove(request.params.noteId);
    return reply.code(204).send();
  });
};
`;

const STORE = `exports.read = async (id) => ({ id });
exports.remove = async (id) => id;
`;

const SESSION_HOOK = `async (request, reply) => {
  if (!request.session || !request.session.accountId) return reply.code(401).send({ error: 'sign in' });
}`;

async function lint(files: Record<string, string>, file: string, rules: Linter.RulesRecord = RULES, type = 'commonjs'): Promise<Linter.LintMessage[]> {
  const dir = writeProject(files, { name: 'notes-service', type, dependencies: { fastify: '^5.2.0', express: '^5.1.0' } });
  dirs.push(dir);
  return lintProjectFile(dir, file, rules);
}

const pairs = (messages: readonly Linter.LintMessage[]): [number, string][] => messages.map((message) => [message.line, message.messageId ?? '']);

describe('no-unauthenticated-route: Fastify plugin modules that import nothing from Fastify', () => {
  it('takes the prefix of the file that registers the module inline with require, and reports its routes as Fastify', async () => {
    const messages = await lint(
      {
        'src/server.js': `const fastify = require('fastify');
const app = fastify();
app.register(require('./notes'), { prefix: '/notes' });
app.listen({ port: 3000 });
`,
        'src/notes.js': NOTES_PLUGIN,
        'src/store.js': STORE,
      },
      'src/notes.js',
    );
    expect(pairs(messages)).toEqual([
      [4, 'unauthenticatedMountedRoute'],
      [5, 'unauthenticatedMountedRoute'],
    ]);
    expect(messages[1]?.message).toContain('DELETE /notes/:noteId (fastify)');
    expect(messages[1]?.message).toContain('src/server.js:3');
  });

  it('credits a session hook the registering file adds before the register call', async () => {
    const files = {
      'src/server.js': `const app = require('fastify')();
app.addHook('preHandler', ${SESSION_HOOK});
app.register(require('./notes'), { prefix: '/notes' });
`,
      'src/notes.js': NOTES_PLUGIN,
      'src/store.js': STORE,
    };
    expect(await lint(files, 'src/notes.js', RESOLVED_ONLY)).toEqual([]);
  });

  it('follows a parent plugin module that is itself registered from the server file, with its own hook and prefix', async () => {
    const api = (hook: string): string => `const notes = require('./notes');
module.exports = async function (app) {
${hook}  app.register(notes, { prefix: '/notes' });
};
`;
    const files = (hook: string): Record<string, string> => ({
      'src/server.js': `const app = require('fastify')();
app.register(require('./api'), { prefix: '/api' });
`,
      // Imports nothing from Fastify either; registers the notes plugin by an imported name.
      'src/api.js': api(hook),
      'src/notes.js': NOTES_PLUGIN,
      'src/store.js': STORE,
    });
    expect(await lint(files(`  app.addHook('onRequest', ${SESSION_HOOK});\n`), 'src/notes.js', RESOLVED_ONLY)).toEqual([]);
    // Without the hook the full path shows both prefixes.
    const messages = await lint(files(''), 'src/notes.js');
    expect(pairs(messages)).toEqual([
      [4, 'unauthenticatedMountedRoute'],
      [5, 'unauthenticatedMountedRoute'],
    ]);
    expect(messages[1]?.message).toContain('DELETE /api/notes/:noteId (fastify)');
  });

  it('reads an ES module plugin registered with register(import(...))', async () => {
    const messages = await lint(
      {
        'src/server.js': `import Fastify from 'fastify';
const app = Fastify();
await app.register(import('./notes.js'), { prefix: '/v2/notes' });
`,
        'src/notes.js': `import * as store from './store.js';
export default async (app) => {
  app.delete('/:noteId', async (request) => store.remove(request.params.noteId));
};
`,
        'src/store.js': 'export const remove = async (id) => id;\n',
      },
      'src/notes.js',
      RULES,
      'module',
    );
    expect(pairs(messages)).toEqual([[3, 'unauthenticatedMountedRoute']]);
    expect(messages[0]?.message).toContain('DELETE /v2/notes/:noteId (fastify)');
  });

  it('a session hook the plugin adds to its own instance (addHook: Fastify only) protects its routes without any registration in view', async () => {
    const plugin = `module.exports = async function (server) {
  server.addHook('preHandler', ${SESSION_HOOK});
  server.delete('/notes/:noteId', async (request) => request.params.noteId);
};
`;
    expect(await lint({ 'src/notes.js': plugin }, 'src/notes.js', RESOLVED_ONLY)).toEqual([]);
  });

  it('stays reported: a hook of a sibling plugin registered next to it (encapsulated, not fastify-plugin) does not reach it', async () => {
    const messages = await lint(
      {
        'src/server.js': `const app = require('fastify')();
app.register(require('./session'));
app.register(require('./notes'), { prefix: '/notes' });
`,
        'src/session.js': `module.exports = async function (app) {
  app.addHook('preHandler', ${SESSION_HOOK});
};
`,
        'src/notes.js': NOTES_PLUGIN,
        'src/store.js': STORE,
      },
      'src/notes.js',
    );
    expect(pairs(messages)).toEqual([
      [4, 'unauthenticatedMountedRoute'],
      [5, 'unauthenticatedMountedRoute'],
    ]);
  });

  it('stays Express: a registration function called with an Express app (no register, no Fastify-only method)', async () => {
    const messages = await lint(
      {
        'src/server.js': `const express = require('express');
const app = express();
const registerNotes = require('./notes');
registerNotes(app);
app.listen(3000);
`,
        'src/notes.js': `module.exports = function (app) {
  app.delete('/notes/:noteId', (req, res) => res.sendStatus(204));
};
`,
      },
      'src/notes.js',
    );
    expect(pairs(messages)).toEqual([[2, 'unauthenticatedMountedRoute']]);
    expect(messages[0]?.message).toContain('(express)');
  });

  it('stays out of Fastify: a module handed to a container registry by name, not to register() itself', async () => {
    const messages = await lint(
      {
        'src/server.js': `const express = require('express');
const container = require('./container');
const app = express();
container.register('notes', require('./notes'));
container.get('notes')(app);
app.listen(3000);
`,
        'src/container.js': `const items = new Map();
exports.register = (name, value) => items.set(name, value);
exports.get = (name) => items.get(name);
`,
        'src/notes.js': `module.exports = function (app) {
  app.delete('/notes/:noteId', (req, res) => res.sendStatus(204));
};
`,
      },
      'src/notes.js',
    );
    expect(messages.every((message) => !message.message.includes('(fastify)'))).toBe(true);
  });
});
