import type { Linter } from 'eslint';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';
import { nonAuthLibraryExports } from '../../src/models/auth.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * An auth library configured in a module of the project and exported from there whole
 * (`module.exports = passport` after `passport.use(new JwtStrategy(…))`), or under a name, is the
 * library where the routes use it: `passport.authenticate('jwt')` through `../config/passport`
 * authenticates as it does imported from `passport`. And the framework middleware that parses
 * bodies or serves files, or sets passport up, is never the guard a route relies on.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report', reportRoutes: 'all' }] };

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

const commonJsConfig = `const passport = require('passport');
const { Strategy, ExtractJwt } = require('passport-jwt');
passport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_KEY }, (payload, done) => done(null, { id: payload.sub })));
module.exports = passport;
`;

const commonJsRoutes = (use: string): string => `const express = require('express');
const passport = require('../config/passport');
const router = express.Router();
router.get('/', ${use}, (req, res) => res.json([]));
router.delete('/:id', ${use}, (req, res) => res.sendStatus(204));
const app = express();
app.use('/orders', router);
module.exports = app;
`;

describe('no-unauthenticated-route: an auth library re-exported by a project module', () => {
  it('authenticates passport.authenticate of a CommonJS config module that exports passport whole', async () => {
    const dir = writeProject({ 'config/passport.js': commonJsConfig, 'routes/orders.js': commonJsRoutes("passport.authenticate('jwt', { session: false })") }, { name: 'shop' });
    expect(await lint(dir, 'routes/orders.js')).toEqual([]);
  });

  it('follows a middleware module that builds its guard from the re-exported passport', async () => {
    const dir = writeProject({
      'config/passport.js': commonJsConfig,
      'middleware/auth.js': `const passport = require('../config/passport');
const requireLogin = passport.authenticate('jwt', { session: false });
module.exports = { requireLogin };
`,
      'routes/orders.js': `const express = require('express');
const { requireLogin } = require('../middleware/auth');
const app = express();
app.get('/orders', requireLogin, (req, res) => res.json([]));
module.exports = app;
`,
    }, { name: 'shop' });
    expect(await lint(dir, 'routes/orders.js')).toEqual([]);
  });

  it('reads ESM default and named re-exports', async () => {
    const dir = writeProject({
      'src/auth/passport.ts': `import passport from 'passport';
import { Strategy } from 'passport-http-bearer';
passport.use(new Strategy((token, done) => done(null, token === process.env.ADMIN_TOKEN ? { id: 'admin' } : false)));
export default passport;
export { passport };
`,
      'src/default-import.ts': `import express from 'express';
import passport from './auth/passport.js';
const app = express();
app.get('/reports', passport.authenticate('bearer', { session: false }), (req, res) => res.json([]));
export default app;
`,
      'src/named-import.ts': `import express from 'express';
import { passport } from './auth/passport.js';
const app = express();
app.get('/reports', passport.authenticate('bearer', { session: false }), (req, res) => res.json([]));
export default app;
`,
    });
    expect(await lint(dir, 'src/default-import.ts')).toEqual([]);
    expect(await lint(dir, 'src/named-import.ts')).toEqual([]);
  });

  it('still reports what the re-exported library does not authenticate with', async () => {
    const dir = writeProject({ 'config/passport.js': commonJsConfig, 'routes/orders.js': commonJsRoutes('passport.initialize()') }, { name: 'shop' });
    expect(await lint(dir, 'routes/orders.js')).toEqual(['4 unauthenticatedRoute', '5 unauthenticatedRoute']);
  });

  it('still reports passport with the anonymous strategy in its list, through the re-export', async () => {
    const dir = writeProject({ 'config/passport.js': commonJsConfig, 'routes/orders.js': commonJsRoutes("passport.authenticate(['jwt', 'anonymous'], { session: false })") }, { name: 'shop' });
    expect(await lint(dir, 'routes/orders.js')).toEqual(['4 optionalAuthRoute', '5 optionalAuthRoute']);
  });

  it('judges a project module with its own authenticate by its definition, not as passport', async () => {
    const dir = writeProject({
      'config/passport.js': `module.exports = { authenticate: () => (req, res, next) => next() };
`,
      'routes/orders.js': commonJsRoutes("passport.authenticate('jwt')"),
    }, { name: 'shop' });
    expect(await lint(dir, 'routes/orders.js')).toEqual(['4 unauthenticatedRoute', '5 unauthenticatedRoute']);
  });
});

describe('no-unauthenticated-route: middleware of a mount in another file', () => {
  it('is not taken for a wrapper of the handler because its text spans the same offsets in its own file', async () => {
    // The app-level call spans offsets 157 to 330 of app.js; the handler of routes/links.js
    // lies within those offsets of ITS file. Only a call around the handler wraps it.
    const dir = writeProject({
      'app.js': `const express = require('express');
const requestId = require('express-request-id');
const links = require('./routes/links');
const app = express();
app.use(requestId({
  setHeader: true,
  headerName: 'X-Request-Id',
  generator: () => \`req-\${Date.now().toString(36)}-\${Math.random().toString(36).slice(2)}-\${process.pid}\`,
}));
app.use('/links', links);
module.exports = app;
`,
      'routes/links.js': `// Short links: a link is created by anyone who has the page open; the list is per team and
// is served by the team router, mounted under /teams in the application file.
const express = require('express');
const router = express.Router();
router.post('/', (req, res) => res.status(201).json(req.body));
module.exports = router;
`,
    }, { name: 'links' });
    expect(await lint(dir, 'routes/links.js')).toEqual(['5 unauthenticatedMountedRoute']);
  });
});

const ruleTester = new RuleTester();

ruleTester.run('framework middleware is never the guard a route relies on', rule, {
  valid: [
    {
      name: 'body parser and passport setup in front of a route passport authenticates',
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.use(express.json({ limit: '1mb' }), passport.initialize());
app.post('/orders', passport.authenticate('jwt', { session: false }), (req, res) => res.json(req.body));
`,
      options: [{ unknownAuth: 'report' }],
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'a body parser with a verify callback, then passport set up, in front of the whole app',
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.use(express.json({ verify: (req, res, buf) => { req.rawBody = buf; } }));
app.use(passport.initialize());
app.post('/links', (req, res) => res.json(req.body));
`,
      options: [{ unknownAuth: 'report' }],
      errors: [{ messageId: 'unauthenticatedRoute', line: 7 }],
    },
    ...nonAuthLibraryExports.map((entry) => ({
    name: `${entry.module} ${entry.path}`,
    code: `
import express from 'express';
import lib from '${entry.module}';
const app = express();
app.post('/orders', lib${entry.path.startsWith('()') ? '' : '.'}${entry.path}(), (req, res) => res.json(req.body));
`,
    options: [{ unknownAuth: 'report' }] as const,
    errors: [{ messageId: 'unauthenticatedRoute' as const, line: 5 }],
  })),
  ]),
});
