import { describe, expect, it } from 'vitest';
import type { Linter } from 'eslint';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * An Express router imported through a tsconfig path alias (`@app/routes/catalog`, or a `baseUrl`
 * name such as `routes/catalog`) is a mount as through a relative import: the mount asks the project
 * index whether the module is one of the project's files, as a guard's module is asked.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const strict: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all', reportUnresolvedMounts: true }] };

const router = (route: string): string => `import { Router } from 'express';
const r = Router();
r.get('${route}', (req, res) => res.json({ id: req.params.id }));
export default r;
`;

const dir = writeProject({
  'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'] } }, include: ['src'] }),
  'src/lib/session.ts': `import jwt from 'jsonwebtoken';
export function needsLogin(req, res, next) {
  const token = req.headers.authorization;
  if (!token) return res.status(401).end();
  req.account = jwt.verify(token, process.env.TOKEN_KEY);
  next();
}
`,
  'src/routes/catalog.ts': router('/catalog/:id'),
  'src/routes/invoices.ts': router('/invoices/:id'),
  'src/routes/wallet.ts': router('/wallet/:id'),
  'src/routes/profile.ts': router('/profile/:id'),
  'src/routes/tickets.ts': router('/tickets/:id'),
  'src/server.ts': `import express from 'express';
import catalog from '@app/routes/catalog';
import invoices from '@app/routes/invoices';
import wallet from 'src/routes/wallet';
import profile from '@app/routes/profile';
import { needsLogin } from '@app/lib/session';
const server = express();
server.use(catalog);
server.use('/billing', invoices);
server.use(wallet);
server.use('/tickets', require('@app/routes/tickets'));
server.use(needsLogin);
server.use(profile);
export default server;
`,
});

async function found(file: string, config = rules): Promise<string[]> {
  return (await lintProjectFile(dir, file, config)).map((message) => `${message.line} ${message.messageId}`);
}

describe('Express mounts through tsconfig path aliases', () => {
  it('a router imported through `@app/*` and handed to `use` without a path is a mount, reported there', async () => {
    expect(await found('src/routes/catalog.ts')).toEqual(['3 unauthenticatedMountedRoute']);
    expect(await found('src/routes/catalog.ts', strict)).toEqual(['3 unauthenticatedMountedRoute']);
  });

  it('a router under a path, through an alias or a `baseUrl` name, and one required inline through an alias', async () => {
    const [invoice] = (await lintProjectFile(dir, 'src/routes/invoices.ts', rules)).map((message) => message.message);
    expect(invoice).toContain('GET /billing/invoices/:id');
    expect(await found('src/routes/wallet.ts')).toEqual(['3 unauthenticatedMountedRoute']);
    expect((await lintProjectFile(dir, 'src/routes/tickets.ts', rules)).map((message) => message.message.split(' (')[0])).toEqual(['GET /tickets/tickets/:id']);
  });

  it('a router imported through an alias and mounted behind the aliased auth middleware stays silent, also in strict', async () => {
    expect(await found('src/routes/profile.ts')).toEqual([]);
    expect(await found('src/routes/profile.ts', strict)).toEqual([]);
  });
});
