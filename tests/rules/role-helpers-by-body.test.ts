import { rmSync } from 'node:fs';
import type { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A role middleware of another file is judged by its body, whatever its name: `onlyEditors` that
 * turns away a session without the editor flag, or the middleware a factory returns
 * (`allowed('menus:publish')`, whose body tests the caller's permission list), checks a role. A
 * middleware that only checks that someone signed in, or that reads the flag and never rejects,
 * does not, and the admin route behind it stays reported.
 */
const ROLE: Linter.RulesRecord = { 'api-security/require-role-check': 'error' };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const KOA_GUARDS = `export async function signedIn(ctx, next) {
  if (!ctx.session.accountId) ctx.throw(401);
  await next();
}

export async function onlyEditors(ctx, next) {
  if (!ctx.session.isStaff) ctx.throw(403, 'editors only');
  await next();
}

export function allowed(permission) {
  return async (ctx, next) => {
    const account = ctx.state.account;
    if (!account?.perms?.includes(permission)) ctx.throw(403);
    await next();
  };
}

// Reads the flag, rejects nobody.
export async function tagEditors(ctx, next) {
  ctx.state.editor = Boolean(ctx.session.isStaff);
  await next();
}

// Checks only that someone signed in.
export async function anyAccount(ctx, next) {
  if (!ctx.session.accountId) ctx.throw(403);
  await next();
}
`;

const koaRoutes = (guard: string): string => `import Router from '@koa/router';
import { signedIn, onlyEditors, allowed, tagEditors, anyAccount } from '../middleware/guards.js';
import { menus } from '../menus.js';

export const router = new Router({ prefix: '/admin' });

router.post('/menus/:id/publish', signedIn, ${guard}, async (ctx) => {
  await menus.publish(ctx.params.id);
  ctx.status = 204;
});
`;

const EXPRESS_GUARDS = `exports.signedIn = (req, res, next) => (req.session.accountId ? next() : res.sendStatus(401));
exports.allowed = (permission) => (req, res, next) => {
  if (!req.session.perms || !req.session.perms.includes(permission)) return res.sendStatus(403);
  next();
};
exports.logAccess = (permission) => (req, res, next) => {
  console.info('access', permission, req.session.perms);
  next();
};
`;

const expressRoutes = (guard: string): string => `const express = require('express');
const { signedIn, allowed, logAccess } = require('../middleware/guards');
const { menus } = require('../menus');

const router = express.Router();
router.delete('/admin/menus/:id', signedIn, ${guard}, async (req, res) => {
  await menus.remove(req.params.id);
  res.sendStatus(204);
});
module.exports = router;
`;

async function lintKoa(guard: string): Promise<string[]> {
  const dir = writeProject(
    { 'src/middleware/guards.js': KOA_GUARDS, 'src/routes/menus.js': koaRoutes(guard), 'src/menus.js': 'export const menus = { publish: async (id) => id };\n' },
    { name: 'menus-koa', type: 'module', dependencies: { koa: '^2.15.0', '@koa/router': '^13.0.0' } },
  );
  dirs.push(dir);
  return summary(await lintProjectFile(dir, 'src/routes/menus.js', ROLE));
}

async function lintExpress(guard: string): Promise<string[]> {
  const dir = writeProject(
    { 'src/middleware/guards.js': EXPRESS_GUARDS, 'src/routes/menus.js': expressRoutes(guard), 'src/menus.js': 'exports.menus = { remove: async (id) => id };\n' },
    { name: 'menus-express', type: 'commonjs', dependencies: { express: '^4.21.0' } },
  );
  dirs.push(dir);
  return summary(await lintProjectFile(dir, 'src/routes/menus.js', ROLE));
}

describe('require-role-check: role middleware of another file judged by its body', () => {
  it('Koa: a staff-flag middleware named for nothing checks a role', async () => {
    expect(await lintKoa('onlyEditors')).toEqual([]);
  });

  it('Koa: the middleware a permission factory returns checks a role', async () => {
    expect(await lintKoa("allowed('menus:publish')")).toEqual([]);
  });

  it('Koa stays reported: a middleware that reads the flag and never rejects', async () => {
    expect(await lintKoa('tagEditors')).toEqual(['7 api-security/require-role-check']);
  });

  it('Koa stays reported: a middleware that only checks someone signed in (even with a 403)', async () => {
    expect(await lintKoa('anyAccount')).toEqual(['7 api-security/require-role-check']);
  });

  it('Express: the middleware a permission factory of another file returns checks a role', async () => {
    expect(await lintExpress("allowed('menus:delete')")).toEqual([]);
  });

  it('Express stays reported: a factory whose middleware only logs the permission', async () => {
    expect(await lintExpress("logAccess('menus:delete')")).toEqual(['6 api-security/require-role-check']);
  });
});
