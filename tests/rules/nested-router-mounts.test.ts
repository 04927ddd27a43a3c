import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A router of one file mounted on a local router of another file, which is itself mounted on a
 * third, outer router of that file, and only the outer one exported and mounted by the app:
 * `api.use(comments.routes()); root.use('/api', api.routes()); module.exports = root`. The chain goes
 * on from the outer router's export (not the inner router's, which is not exported), so the app's
 * mount is found: its guards and prefix count. A chain whose outer part is nowhere to be found is
 * partial: strict's `reportUnresolvedMounts` reports it as it reports a router mounted nowhere.
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const strict: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, reportRoutes: 'all' }] };

async function lint(dir: string, file: string, rules = recommended): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''} ${message.message.replace(/ \(koa\)| \(express\)/u, '').split(' is ')[0] ?? ''}`);
}

const koaAuth = `async function requireUser(ctx, next) {
  if (!ctx.state.user) ctx.throw(401, 'sign in');
  await next();
}
module.exports = { requireUser };
`;

const koaReviews = `const Router = require('@koa/router');
const reviews = new Router({ prefix: '/reviews' });
reviews.get('/', async (ctx) => { ctx.body = []; });
reviews.delete('/:id', async (ctx) => { ctx.status = 204; });
module.exports = reviews;
`;

const koaIndex = (guard: string): string => `const Router = require('@koa/router');
const { requireUser } = require('../middleware/auth');
const reviews = require('./reviews');
const api = new Router();
api.use(reviews.routes(), reviews.allowedMethods());
const root = new Router();
root.use('/api', ${guard}api.routes());
module.exports = root;
`;

const koaApp = (guard: string): string => `const Koa = require('koa');
const { requireUser } = require('./middleware/auth');
const root = require('./routes');
const app = new Koa();
${guard}app.use(root.routes());
module.exports = app;
`;

describe('no-unauthenticated-route: Koa routers nested in a file whose outer router is exported', () => {
  it('reports the routes when nothing authenticates along the chain, with the full path', async () => {
    const dir = writeProject({ 'app.js': koaApp(''), 'routes/index.js': koaIndex(''), 'routes/reviews.js': koaReviews, 'middleware/auth.js': koaAuth }, { name: 'blog' });
    expect(await lint(dir, 'routes/reviews.js')).toEqual([
      '3 unauthenticatedMountedRoute GET /api/reviews',
      '4 unauthenticatedMountedRoute DELETE /api/reviews/:id',
    ]);
  });

  it('is authenticated by a middleware at the outer router mount in the same file as the inner one', async () => {
    const dir = writeProject({ 'app.js': koaApp(''), 'routes/index.js': koaIndex('requireUser, '), 'routes/reviews.js': koaReviews, 'middleware/auth.js': koaAuth }, { name: 'blog' });
    expect(await lint(dir, 'routes/reviews.js', strict)).toEqual([]);
  });

  it('is authenticated by a middleware the app runs before the outer router', async () => {
    const dir = writeProject({ 'app.js': koaApp('app.use(requireUser);\n'), 'routes/index.js': koaIndex(''), 'routes/reviews.js': koaReviews, 'middleware/auth.js': koaAuth }, { name: 'blog' });
    expect(await lint(dir, 'routes/reviews.js', strict)).toEqual([]);
  });

  it('reports a partial chain (the outer router mounted nowhere) only under reportUnresolvedMounts', async () => {
    const dir = writeProject({ 'routes/index.js': koaIndex(''), 'routes/reviews.js': koaReviews, 'middleware/auth.js': koaAuth }, { name: 'blog' });
    expect(await lint(dir, 'routes/reviews.js')).toEqual([]);
    expect(await lint(dir, 'routes/reviews.js', strict)).toEqual([
      '3 unresolvedMountRoute GET /api/reviews has no authentication in its own file, and its router',
      '4 unresolvedMountRoute DELETE /api/reviews/:id has no authentication in its own file, and its router',
    ]);
  });

  it('does not report a partial chain under reportUnresolvedMounts when the known part authenticates', async () => {
    const dir = writeProject({ 'routes/index.js': koaIndex('requireUser, '), 'routes/reviews.js': koaReviews, 'middleware/auth.js': koaAuth }, { name: 'blog' });
    expect(await lint(dir, 'routes/reviews.js', strict)).toEqual([]);
  });
});

const expressAuth = `export function requireUser(req, res, next) {
  if (!req.session?.userId) return res.status(401).end();
  next();
}
`;

const expressIndex = (guard: string): string => `import { Router } from 'express';
import reviews from './reviews.js';
import { requireUser } from '../middleware/auth.js';
const api = Router();
api.use('/reviews', reviews);
const root = Router();
root.use('/api', ${guard}api);
export default root;
`;

const expressReviews = `import { Router } from 'express';
const reviews = Router();
reviews.get('/', (req, res) => res.json([]));
reviews.delete('/:id', (req, res) => res.sendStatus(204));
export default reviews;
`;

const expressApp = `import express from 'express';
import routes from './routes/index.js';
const app = express();
app.use(routes);
export default app;
`;

describe('no-unauthenticated-route: Express routers nested in a file whose outer router is exported', () => {
  it('reports the routes when nothing authenticates along the chain, with the full path', async () => {
    const dir = writeProject({ 'app.js': expressApp, 'routes/index.js': expressIndex(''), 'routes/reviews.js': expressReviews, 'middleware/auth.js': expressAuth });
    expect(await lint(dir, 'routes/reviews.js')).toEqual([
      '3 unauthenticatedMountedRoute GET /api/reviews',
      '4 unauthenticatedMountedRoute DELETE /api/reviews/:id',
    ]);
  });

  it('is authenticated by a middleware at the outer router mount', async () => {
    const dir = writeProject({ 'app.js': expressApp, 'routes/index.js': expressIndex('requireUser, '), 'routes/reviews.js': expressReviews, 'middleware/auth.js': expressAuth });
    expect(await lint(dir, 'routes/reviews.js', strict)).toEqual([]);
  });

  it('reports a partial chain only under reportUnresolvedMounts', async () => {
    const dir = writeProject({ 'routes/index.js': expressIndex(''), 'routes/reviews.js': expressReviews, 'middleware/auth.js': expressAuth });
    expect(await lint(dir, 'routes/reviews.js')).toEqual([]);
    expect(await lint(dir, 'routes/reviews.js', strict)).toEqual([
      '3 unresolvedMountRoute GET /api/reviews has no authentication in its own file, and its router',
      '4 unresolvedMountRoute DELETE /api/reviews/:id has no authentication in its own file, and its router',
    ]);
  });
});
