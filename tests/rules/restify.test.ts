import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Restify (and polka) servers are read with the Express model: `server.get/post/put/patch/del`
 * routes, `server.use` and `server.pre` middleware in front of every route, Express's request
 * inputs and response sinks, with the framework named as it is.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-open-redirect': 'error',
  'api-security/no-unauthenticated-route': 'error',
};

const layers = {
  'src/repositories/users.ts': `import { Pool } from 'pg';
const pool = new Pool();
export function byName(name: string) {
  return pool.query(\`SELECT id FROM users WHERE name = '\${name}'\`);
}
export function removeById(id: string) {
  return pool.query('DELETE FROM users WHERE id = $1', [id]);
}
`,
  'src/services/users.ts': `import { byName, removeById } from '../repositories/users';
export const search = (name: string) => byName(name);
export const remove = (id: string) => removeById(id);
`,
  'src/middleware/auth.ts': `import jwt from 'jsonwebtoken';
import errors from 'restify-errors';
export function authenticate(req, res, next) {
  const token = req.header('authorization');
  if (!token) return next(new errors.UnauthorizedError('no token'));
  try {
    req.user = jwt.verify(token.replace('Bearer ', ''), process.env.JWT_SECRET);
  } catch {
    return next(new errors.UnauthorizedError('bad token'));
  }
  return next();
}
`,
};

const server = (middleware: string): string => `import restify from 'restify';
import { authenticate } from './middleware/auth';
import { search, remove } from './services/users';
const server = restify.createServer();
${middleware}
server.get('/users', async (req, res, next) => {
  res.send(await search(req.query.name));
  return next();
});
server.del('/users/:id', async (req, res, next) => {
  await remove(req.params.id);
  res.send(204);
  return next();
});
server.get('/go', (req, res, next) => res.redirect(req.query.next, next));
server.listen(8080);
`;

describe('Restify: server → service → repository, auth middleware in another file', () => {
  it('reports the unauthenticated routes with their methods (`del` is DELETE), the SQL in the repository and the redirect', async () => {
    const dir = writeProject({ ...layers, 'src/server.ts': server('server.use(restify.plugins.queryParser());') });
    const messages = await lintProjectFile(dir, 'src/server.ts', rules);
    expect(summary(messages)).toEqual([
      '6 api-security/no-unauthenticated-route',
      '10 api-security/no-unauthenticated-route',
      '15 api-security/no-open-redirect',
    ]);
    expect(messages[0]?.message).toContain('GET /users (restify)');
    expect(messages[1]?.message).toContain('DELETE /users/:id (restify)');
    const repository = await lintProjectFile(dir, 'src/repositories/users.ts', rules);
    expect(summary(repository)).toEqual(['4 api-security/no-sql-injection']);
  });

  it('takes `server.pre(authenticate)` and `server.use(authenticate)` as authentication for the routes after them', async () => {
    for (const middleware of ['server.pre(authenticate);', 'server.use(authenticate);']) {
      const dir = writeProject({ ...layers, 'src/server.ts': server(middleware) });
      expect(summary(await lintProjectFile(dir, 'src/server.ts', rules))).toEqual(['15 api-security/no-open-redirect']);
    }
    // A `pre` handler that authenticates nobody leaves the routes reported.
    const dir = writeProject({ ...layers, 'src/server.ts': server('server.pre(restify.plugins.pre.dedupeSlashes());') });
    expect(summary(await lintProjectFile(dir, 'src/server.ts', rules))).toEqual([
      '6 api-security/no-unauthenticated-route',
      '10 api-security/no-unauthenticated-route',
      '15 api-security/no-open-redirect',
    ]);
  });
});

describe('Restify: routes declared with an options object', () => {
  const optionRoutes = `import restify from 'restify';
import { search, remove } from './services/users';
const server = restify.createServer();
server.get({ name: 'searchUsers', path: '/users' }, async (req, res, next) => {
  res.send(await search(req.query.name));
  return next();
});
server.del({ name: 'removeUser', path: '/users/:id', version: '1.0.0' }, async (req, res, next) => {
  await remove(req.params.id);
  res.send(204);
  return next();
});
server.get({ url: '/go' }, (req, res, next) => res.redirect(req.query.next, next));
server.listen(8080);
`;

  it('reads the path from `path` (or its alias `url`): the routes are judged and their inputs followed', async () => {
    const dir = writeProject({ ...layers, 'src/server.ts': optionRoutes });
    const messages = await lintProjectFile(dir, 'src/server.ts', rules);
    expect(summary(messages)).toEqual([
      '4 api-security/no-unauthenticated-route',
      '8 api-security/no-unauthenticated-route',
      '13 api-security/no-open-redirect',
    ]);
    expect(messages[0]?.message).toContain('GET /users (restify)');
    expect(messages[1]?.message).toContain('DELETE /users/:id (restify)');
    const repository = await lintProjectFile(dir, 'src/repositories/users.ts', rules);
    expect(summary(repository)).toEqual(['4 api-security/no-sql-injection']);
  });

  it('takes the middleware of the server for routes declared in a module the server is handed to', async () => {
    const routes = `import { search } from './services/users';
export default function userRoutes(db, server) {
  server.get({ name: 'searchUsers', path: '/users' }, async (req, res, next) => {
    res.send(await search(req.query.name));
    return next();
  });
}
`;
    const app = (middleware: string): string => `import restify from 'restify';
import { authenticate } from './middleware/auth';
import userRoutes from './routes';
const server = restify.createServer();
${middleware}
userRoutes(db, server);
server.listen(8080);
`;
    const guarded = writeProject({ ...layers, 'src/routes.ts': routes, 'src/server.ts': app('server.use(authenticate);') });
    expect(summary(await lintProjectFile(guarded, 'src/routes.ts', rules))).toEqual([]);
    const open = writeProject({ ...layers, 'src/routes.ts': routes, 'src/server.ts': app('server.use(restify.plugins.bodyParser());') });
    const messages = await lintProjectFile(open, 'src/routes.ts', rules);
    expect(summary(messages)).toEqual(['3 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('GET /users (restify)');
  });

  it('leaves look-alikes alone: an object without a path, a path that is not one, a cache or client taking an options object', async () => {
    const dir = writeProject({
      ...layers,
      'src/server.ts': `import restify from 'restify';
const server = restify.createServer();
server.get({ name: 'noPath' }, (req, res, next) => next());
server.get({ path: 'users' }, (req, res, next) => next());
cache.get({ key: '/users' }, (err, value) => value);
client.del({ path: '/users/1' }, (err, req, res) => res);
server.listen(8080);
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/server.ts', rules))).toEqual([]);
  });

  it('does not read an options object as a path on an Express app, which takes only paths', async () => {
    const dir = writeProject({
      ...layers,
      'src/server.ts': `import express from 'express';
const app = express();
app.get({ path: '/users' }, (req, res) => res.send('x'));
app.listen(8080);
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/server.ts', rules))).toEqual([]);
  });
});

describe('polka', () => {
  it('routes polka apps like Express', async () => {
    const dir = writeProject({
      'src/app.ts': `import polka from 'polka';
import { Pool } from 'pg';
const pool = new Pool();
polka()
  .get('/users/:id', async (req, res) => res.end(JSON.stringify(await pool.query(\`SELECT name FROM users WHERE id = \${req.params.id}\`))))
  .listen(3000);
`,
    });
    const messages = await lintProjectFile(dir, 'src/app.ts', rules);
    expect(summary(messages)).toEqual(['5 api-security/no-unauthenticated-route', '5 api-security/no-sql-injection']);
    expect(messages[0]?.message).toContain('GET /users/:id (polka)');
  });
});
