import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * express-openid-connect: `app.use(auth(options))` requires a signed-in user on every route unless
 * `authRequired: false`, read inline or through a constant of the file; then it only loads
 * `req.oidc.user`, and a route needs `requiresAuth()` of its own (also inside a spread list of
 * middleware). A route without one stays reported.
 */

const ruleTester = new RuleTester();

const app = (options: string, routes: string): string => `import express from 'express';
import { auth, requiresAuth } from 'express-openid-connect';
const app = express();
${options}
${routes}
`;

const editRoute = "app.patch('/posts/:id', async (req, res) => res.json(await posts.update(req.params.id, { title: String(req.body.title) })));";

ruleTester.run('no-unauthenticated-route (express-openid-connect)', rule, {
  valid: [
    { name: 'the global auth() with its default authRequired', code: app("app.use(auth({ baseURL: 'https://forum.example', issuerBaseURL: 'https://id.example' }));", editRoute) },
    { name: 'options in a constant without authRequired: false', code: app("const oidc = { authRequired: true, baseURL: 'https://forum.example' };\napp.use(auth(oidc));", editRoute) },
    { name: 'authRequired: false, requiresAuth() on the route', code: app('app.use(auth({ authRequired: false }));', "app.patch('/posts/:id', requiresAuth(), async (req, res) => res.json(await posts.update(req.params.id, { title: String(req.body.title) })));") },
    { name: 'authRequired: false, requiresAuth() in a spread list of middleware', code: app('app.use(auth({ authRequired: false }));\nconst signedIn = [requiresAuth()];', "app.patch('/posts/:id', ...signedIn, async (req, res) => res.json(await posts.update(req.params.id, { title: String(req.body.title) })));") },
  ],
  invalid: [
    {
      name: 'authRequired: false inline, no requiresAuth() on the route',
      code: app('app.use(auth({ authRequired: false }));', editRoute),
      errors: [{ messageId: 'optionalAuthRoute', line: 5 }],
    },
    {
      name: 'authRequired: false in a constant of the file',
      code: app("const oidc = { authRequired: false, baseURL: 'https://forum.example' };\napp.use(auth(oidc));", editRoute),
      errors: [{ messageId: 'optionalAuthRoute', line: 6 }],
    },
    {
      name: 'a spread list of middleware that does not authenticate',
      code: app('app.use(auth({ authRequired: false }));\nconst traced = [(req, res, next) => next()];', "app.patch('/posts/:id', ...traced, async (req, res) => res.json(await posts.update(req.params.id, { title: String(req.body.title) })));"),
      errors: [{ messageId: 'optionalAuthRoute', line: 6 }],
    },
  ],
});
