import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Middleware and wrappers defined in another file of the project are judged by their definition,
 * as the ones in the same file are: one that rejects requests without a session or token
 * authenticates, one that lets every request through does not, whatever it is called. Relative
 * imports are followed through re-exports, CommonJS and TypeScript files; an edit to the other
 * file changes the verdict on the next lint in the same process.
 */

const project = (files: Record<string, string>): string => writeProject(files);

async function lint(dir: string, file: string, rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] }): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

const routes = (from: string, name: string): string => `import express from 'express';
import { ${name} } from '${from}';
const app = express();
app.get('/orders', ${name}, (req, res) => res.json([]));
export default app;
`;

const rejecting = (name: string): string => `export function ${name}(req, res, next) {
  if (!req.session?.userId) {
    res.status(401).json({ error: 'sign in' });
    return;
  }
  next();
}
`;

describe('no-unauthenticated-route: middleware defined in another file', () => {
  it('authenticates when its definition rejects requests without a session, whatever its name', async () => {
    const dir = project({ 'routes.js': routes('./middleware/session.js', 'loadAccount'), 'middleware/session.js': rejecting('loadAccount') });
    expect(await lint(dir, 'routes.js')).toEqual([]);
  });

  it('does not authenticate when its definition lets every request through, whatever its name', async () => {
    const dir = project({
      'routes.js': routes('./middleware/auth.js', 'requireAuth'),
      'middleware/auth.js': 'export function requireAuth(req, res, next) {\n  req.startedAt = Date.now();\n  next();\n}\n',
    });
    expect(await lint(dir, 'routes.js')).toEqual(['4 unauthenticatedRoute']);
  });

  it('follows a barrel re-export and a TypeScript file imported with a .js extension', async () => {
    const dir = project({
      'routes.ts': routes('./middleware/index.js', 'attachCaller'),
      'middleware/index.ts': "export { attachCaller } from './jwt.js';\n",
      'middleware/jwt.ts': `import jwt from 'jsonwebtoken';
import type { Request, Response, NextFunction } from 'express';
export const attachCaller = (req: Request, res: Response, next: NextFunction) => {
  try {
    (req as { user?: unknown }).user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!);
    next();
  } catch {
    res.status(401).end();
  }
};
`,
    });
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ ...plugin.configs.recommended, files: ['**/*.ts'] } as never],
    });
    const [result] = await eslint.lintFiles([path.join(dir, 'routes.ts')]);
    expect(result?.messages.map((message) => message.message)).toEqual([]);
  });

  it('reads CommonJS exports', async () => {
    const dir = project({
      'routes.cjs': `const express = require('express');
const { gate } = require('./guards.cjs');
const app = express();
app.get('/orders', gate, (req, res) => res.json([]));
`,
      'guards.cjs': `function gate(req, res, next) {
  if (!req.headers['x-api-key'] || req.headers['x-api-key'] !== process.env.API_KEY) return res.status(403).end();
  next();
}
module.exports = { gate };
`,
    });
    expect(await lint(dir, 'routes.cjs')).toEqual([]);
  });

  it('judges a session helper called inside the handler by its definition', async () => {
    const dir = project({
      'routes.js': `import express from 'express';
import { currentUser } from './lib/session.js';
const app = express();
app.get('/orders', async (req, res) => {
  const user = await currentUser(req);
  res.json(await listOrders(user.id));
});
`,
      'lib/session.js': `export async function currentUser(req) {
  const session = await sessions.find(req.cookies.sid);
  if (!session) throw Object.assign(new Error('unauthorized'), { status: 401 });
  return session.user;
}
`,
    });
    expect(await lint(dir, 'routes.js')).toEqual([]);
  });

  it('sees an edit of the middleware file on the next lint in the same process', async () => {
    const dir = project({ 'routes.js': routes('./middleware/session.js', 'loadAccount'), 'middleware/session.js': rejecting('loadAccount') });
    expect(await lint(dir, 'routes.js')).toEqual([]);
    // The check is removed; the size changes, so the cached parse is not used again.
    writeFileSync(path.join(dir, 'middleware/session.js'), 'export function loadAccount(req, res, next) {\n  next();\n}\n');
    expect(await lint(dir, 'routes.js')).toEqual(['4 unauthenticatedRoute']);
  });

  it('leaves a middleware whose file cannot be found unjudged (reported by strict only)', async () => {
    const dir = project({ 'routes.js': routes('./middleware/missing.js', 'requireAuth') });
    expect(await lint(dir, 'routes.js')).toEqual([]);
    expect(await lint(dir, 'routes.js', { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report', reportRoutes: 'all' }] })).toEqual([
      '4 unknownAuth',
    ]);
  });
});
