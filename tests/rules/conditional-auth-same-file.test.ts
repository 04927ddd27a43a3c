import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Express auth middleware installed in the same file only in some runs: `if
 * (process.env.AUTH_DISABLED !== 'true') app.use(requireAuth)`, `if (config.auth) router.use(auth)`,
 * `config.auth && app.use(auth)`. As with a setup function of another file that installs its auth
 * under a condition, the routes registered outside that branch are not surely guarded: a
 * deployment that flips the switch serves them to anyone, so they are reported. A route
 * registered inside the same branch runs only when the auth does (Express and Koa); a switch for tests or
 * development only (`process.env.NODE_ENV !== 'test'`) leaves production guarded; a `throw` on a
 * missing secret stops the start and skips nothing.
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

async function findings(code: string): Promise<string[]> {
  const dir = writeProject({ 'server.js': code });
  return (await lintProjectFile(dir, 'server.js', recommended)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

const head = `import express from 'express';
import { expressjwt } from 'express-jwt';
const requireAuth = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
const settings = { auth: process.env.API_AUTH !== 'off' };
const app = express();
const notes = express.Router();
`;
const removeNote = `notes.delete('/notes/:id', (req, res) => res.sendStatus(204));`;
const serve = `app.use('/api', notes);
app.listen(8080);
`;

describe('auth middleware installed under a condition in the same file', () => {
  it('an environment switch that turns the auth off: reported', async () => {
    expect(await findings(`${head}if (process.env.AUTH_DISABLED !== 'true') app.use(requireAuth);
${removeNote}
${serve}`)).toEqual(['8 unauthenticatedRoute']);
  });

  it('a setting of the app, on the router, in a block: reported', async () => {
    expect(await findings(`${head}if (settings.auth) {
  notes.use(requireAuth);
}
${removeNote}
${serve}`)).toEqual(['10 unauthenticatedRoute']);
  });

  it('`settings.auth && app.use(auth)`: reported', async () => {
    expect(await findings(`${head}settings.auth && app.use(requireAuth);
${removeNote}
${serve}`)).toEqual(['8 unauthenticatedRoute']);
  });

  it('an `else` that installs a pass-through instead: reported', async () => {
    expect(await findings(`${head}if (settings.auth) {
  app.use(requireAuth);
} else {
  app.use((req, res, next) => next());
}
${removeNote}
${serve}`)).toEqual(['12 unauthenticatedRoute']);
  });

  it('nested conditions: the inner one decides for a route under the outer one only', async () => {
    expect(await findings(`${head}if (process.env.SERVE_API === '1') {
  if (settings.auth) app.use(requireAuth);
  ${removeNote}
  ${serve}}
`)).toEqual(['9 unauthenticatedRoute']);
  });

  it('the routes registered in the same branch as the auth: guarded', async () => {
    expect(await findings(`${head}if (process.env.SERVE_API === '1') {
  app.use(requireAuth);
  ${removeNote}
  ${serve}}
`)).toEqual([]);
  });

  it('a switch for tests or development only leaves production guarded', async () => {
    expect(await findings(`${head}if (process.env.NODE_ENV !== 'test') app.use(requireAuth);
${removeNote}
${serve}`)).toEqual([]);
  });

  it('the side of a NODE_ENV test production takes decides: auth only in tests is reported, auth only in production is not', async () => {
    expect(await findings(`${head}if (process.env.NODE_ENV === 'test') app.use(requireAuth);
${removeNote}
${serve}`)).toEqual(['8 unauthenticatedRoute']);
    expect(await findings(`${head}if (process.env.NODE_ENV === 'development') {} else { app.use(requireAuth); }
${removeNote}
${serve}`)).toEqual([]);
    expect(await findings(`${head}process.env.NODE_ENV === 'production' && app.use(requireAuth);
${removeNote}
${serve}`)).toEqual([]);
  });

  it('a throw on a missing secret, then the auth: guarded', async () => {
    expect(await findings(`${head}if (!process.env.JWT_SECRET) throw new Error('JWT_SECRET is required');
app.use(requireAuth);
${removeNote}
${serve}`)).toEqual([]);
  });

  it('a router mounted together with its auth under a condition is guarded whenever it is mounted', async () => {
    expect(await findings(`${head}${removeNote}
if (settings.auth) app.use('/api', requireAuth, notes);
app.listen(8080);
`)).toEqual([]);
  });

  it('Koa: `if (settings.auth) app.use(auth)` before the router is mounted: reported; unconditional: guarded', async () => {
    const koa = (install: string): string => `import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'koa-jwt';
const settings = { auth: process.env.API_AUTH !== 'off' };
const app = new Koa();
const router = new Router();
router.delete('/notes/:id', (ctx) => { ctx.status = 204; });
${install}
app.use(router.routes());
app.listen(8080);
`;
    expect(await findings(koa("if (settings.auth) app.use(jwt({ secret: process.env.JWT_SECRET }));"))).toEqual(['7 unauthenticatedRoute']);
    expect(await findings(koa("app.use(jwt({ secret: process.env.JWT_SECRET }));"))).toEqual([]);
  });
});
