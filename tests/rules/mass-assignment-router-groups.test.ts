import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-mass-assignment.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Router groups: a router made by a call of a package that is handed middleware
 * (`endpoints.group(authorized('builder'))`, `new Router({ middleware: [requireAdmin] })`,
 * `makeRouter(adminOnly)`). The package is out of view; the routes registered on what it returns
 * run the middleware it was handed, judged by its definition. A whole-body write on a route of a
 * group whose middleware checks a role is the role-checked kind (`strict` only); a group whose
 * middleware only authenticates, or does neither, leaves the write reported.
 */

const ruleTester = new RuleTester();

const requireAdmin = `function requireAdmin(req, res, next) {
  if (req.user?.role !== 'admin') return res.status(403).json({ error: 'forbidden' });
  next();
}`;

const groupRoute = (factory: string): string => `import { RouteKit } from 'route-kit';
import { Library } from './models.js';
const kit = new RouteKit();
${requireAdmin}
const admin = ${factory};
admin.post('/library', async (req, res) => {
  res.json(await Library.create(req.body));
});`;

ruleTester.run('no-mass-assignment (router groups)', rule, {
  valid: [
    { name: 'a group method handed a role middleware', code: groupRoute('kit.group(requireAdmin)') },
    { name: 'an options object with the middleware', code: groupRoute('new RouteKit.Router({ middleware: [requireAdmin] })') },
    { name: 'a factory function of a package', code: groupRoute('kit.makeRouter(requireAdmin)').replace("import { RouteKit } from 'route-kit';", "import { RouteKit, makeRouter } from 'route-kit';") },
  ],
  invalid: [
    {
      name: 'strict: the role-checked write is reported with its own message',
      code: groupRoute('kit.group(requireAdmin)'),
      options: [{ roleCheckedRoutes: 'report' }],
      errors: [{ messageId: 'roleCheckedWrite', line: 10, data: { input: '`req.body`', sink: '`Library.create`', roleCheck: '`requireAdmin`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'a group handed a middleware that checks no role',
      code: groupRoute(`kit.group(function cacheControl(req, res, next) { res.set('Cache-Control', 'no-store'); next(); })`),
      errors: [{ messageId: 'massAssignment', line: 10 }],
    },
    {
      name: 'a group made without middleware',
      code: groupRoute('kit.group()'),
      errors: [{ messageId: 'massAssignment', line: 10 }],
    },
    {
      name: 'a group made by a function of the file (its body decides, and it drops the middleware)',
      code: groupRoute('localGroup(requireAdmin)').replace(
        'const kit = new RouteKit();',
        'const kit = new RouteKit();\nfunction localGroup(middleware) { return kit.group(); }',
      ),
      errors: [{ messageId: 'massAssignment', line: 11 }],
    },
    {
      name: 'users are written whole whatever the role',
      code: groupRoute('kit.group(requireAdmin)').replace('Library.create', 'User.create').replace('{ Library }', '{ User }'),
      errors: [{ messageId: 'massAssignment', line: 10 }],
    },
  ],
});

describe('a group exported by one file, routes in another, the handler in a third', () => {
  const middleware = `export function authorized(level) {
  return async (ctx, next) => {
    if (!ctx.user) return ctx.throw(401, 'sign in');
    await checkLevel(ctx, level);
    return next();
  };
}
async function checkLevel(ctx, level) {
  if (!ctx.user.roles.includes(level)) ctx.throw(403, 'not allowed');
}
export async function signedIn(ctx, next) {
  if (!ctx.user) return ctx.throw(401, 'sign in');
  return next();
}
`;
  const groups = (guard: string): string => `import { EndpointGroups } from 'endpoint-kit';
import { authorized, signedIn } from './middleware.js';
const endpoints = new EndpointGroups();
export const builderRoutes = endpoints.group(${guard});
`;
  const routes = `import * as controller from './controller.js';
import { builderRoutes } from './groups.js';
builderRoutes
  .get('/api/tables', controller.list)
  .post('/api/tables', controller.save);
`;
  const controller = `import mongoose from 'mongoose';
const Table = mongoose.model('Table', new mongoose.Schema({ name: String, schema: Object }));
export async function list(ctx) {
  ctx.body = await Table.find();
}
export async function save(ctx) {
  const table = ctx.request.body;
  ctx.body = await Table.create(table, ctx.user._id);
}
`;
  const project = (guard: string): string =>
    writeProject({ 'middleware.js': middleware, 'groups.js': groups(guard), 'routes.js': routes, 'controller.js': controller });
  const lines = (messages: readonly { line: number; messageId?: string | undefined }[]): string[] => messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);

  it('is role-checked when the group is handed a middleware whose helper compares a role and answers 403', async () => {
    const dir = project("authorized('builder')");
    expect(await lintProjectFile(dir, 'controller.js', { 'api-security/no-mass-assignment': 'error' })).toEqual([]);
    const strict = await lintProjectFile(dir, 'controller.js', { 'api-security/no-mass-assignment': ['error', { roleCheckedRoutes: 'report' }] });
    expect(lines(strict)).toEqual(['8 roleCheckedWrite']);
  });

  it('stays reported when the group only authenticates', async () => {
    const dir = project('signedIn');
    expect(lines(await lintProjectFile(dir, 'controller.js', { 'api-security/no-mass-assignment': 'error' }))).toEqual(['8 massAssignment']);
  });

  it('gives the routes to the route model: authenticated by the group, unknown without it', async () => {
    const authenticated = project("authorized('builder')");
    expect(await lintProjectFile(authenticated, 'routes.js', { 'api-security/no-unauthenticated-route': 'error' })).toEqual([]);
    const open = project(`function noStore(ctx, next) { ctx.set('Cache-Control', 'no-store'); return next(); }`);
    // The package mounts the group: without authentication in view the verdict is unknown, not public.
    expect(await lintProjectFile(open, 'routes.js', { 'api-security/no-unauthenticated-route': 'error' })).toEqual([]);
    const strict = await lintProjectFile(open, 'routes.js', { 'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true }] });
    expect(strict.map((message) => message.line)).toEqual([4, 5]);
  });

  it('leaves a client made by a package alone: its callback is no handler', async () => {
    const dir = writeProject({
      'client.js': `import { ApiClient } from 'api-client-kit';
function addToken(request) { request.headers.authorization = 'Bearer ' + process.env.TOKEN; return request; }
const api = new ApiClient(addToken);
api.get('/users', (error, users) => console.log(error, users));
api.post('/users', { name: 'a' }, (error) => console.log(error));
`,
    });
    expect(await lintProjectFile(dir, 'client.js', { 'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true }] })).toEqual([]);
  });
});
