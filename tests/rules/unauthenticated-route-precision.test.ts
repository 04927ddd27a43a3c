import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';
import roleRule from '../../src/rules/require-role-check.js';

/*
 * Routes public by what their handler does, on paths no default pattern covers: signing the caller
 * in (an OAuth callback, a session or token issued for a user the server looked up), a first-run
 * setup that refuses once an account exists, a read of constants and configuration; and permission
 * helpers asked about the caller, whatever status they answer. Each has a look-alike that stays
 * reported.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import jwt from 'jsonwebtoken';
import { config } from './config.js';
import { db, countOwners, createOwner, exchangeCode, isAdmin, canManageFile, listGrants } from './store.js';
const app = express();
function requireUser(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: 'sign in' });
  next();
}
`;

ruleTester.run('no-unauthenticated-route: public by nature', rule, {
  valid: [
    {
      name: 'an OAuth callback exchanging code and state',
      code: `${head}app.get('/bank/return', async (req, res) => {
  const { code, state } = req.query;
  if (!code || !state) return res.status(400).send('missing code');
  await exchangeCode(code, state);
  res.send('done');
});`,
    },
    {
      name: 'a session opened for the account the server found',
      code: `${head}app.post('/session', async (req, res) => {
  const account = await db.accounts.verify(req.body.email, req.body.password);
  if (!account) return res.status(401).end();
  req.session.userId = account.id;
  res.end();
});`,
    },
    {
      name: 'req.login with the user the server looked up',
      code: `${head}app.post('/sso/finish', async (req, res, next) => {
  const user = await db.users.fromAssertion(req.body.SAMLResponse);
  req.login(user, (error) => (error ? next(error) : res.redirect('/')));
});`,
    },
    {
      name: 'a token issued for a looked-up user',
      code: `${head}app.post('/tokens', async (req, res) => {
  const user = await db.users.check(req.body.username, req.body.password);
  if (!user) return res.status(401).end();
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET) });
});`,
    },
    {
      name: 'first-run setup refused once an owner exists',
      code: `${head}app.post('/setup/owner', async (req, res) => {
  if ((await countOwners()) > 0) {
    res.status(409).json({ reason: 'already-set-up' });
    return;
  }
  await createOwner(req.body);
  res.status(201).end();
});`,
    },
    {
      name: 'a read of configuration by a literal key',
      code: `${head}app.get('/mode', (req, res) => {
  res.send(config.get('mode'));
});`,
    },
    {
      name: 'a constant page',
      code: `${head}const PAGE = \`<html><body>You can close this window.</body></html>\`;
app.get('/link', (req, res) => {
  res.send(PAGE);
});`,
    },
    {
      name: 'a permission helper asked about the caller, answered with 400',
      code: `${head}app.post('/admin/grants', requireUser, (req, res) => {
  if (!canManageFile(req.body.fileId, req.session.userId) && !isAdmin(req.session.userId)) {
    res.status(400).send({ reason: 'file-denied' });
    return;
  }
  res.json(listGrants(req.body.fileId));
});`,
    },
    {
      name: 'a permission helper asked about the user a session check returned',
      code: `${head}function currentSession(req, res) {
  const session = db.sessions.find(req.headers.authorization);
  if (!session) { res.status(401).end(); return null; }
  return session;
}
app.delete('/admin/grants', (req, res) => {
  const session = currentSession(req, res);
  if (!session) return;
  if (!isAdmin(session.user_id)) return res.status(400).send({ reason: 'denied' });
  res.end();
});`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'a callback reading only code is not the OAuth response',
      code: `${head}app.get('/invite/accept', async (req, res) => {
  await db.invites.accept(req.query.code);
  res.send('ok');
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
    {
      name: 'a session for whoever the request names',
      code: `${head}app.post('/become', (req, res) => {
  req.session.userId = req.body.userId;
  res.end();
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
    {
      name: 'a token for a document, not a user',
      code: `${head}app.post('/share', (req, res) => {
  res.json({ link: jwt.sign({ doc: req.body.doc }, process.env.JWT_SECRET) });
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
    {
      name: 'a feature flag before the write is no setup check',
      code: `${head}app.post('/setup/owner', async (req, res) => {
  if (!config.get('signupEnabled')) return res.status(404).end();
  await createOwner(req.body);
  res.status(201).end();
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
    {
      name: 'a count of the input is no setup check',
      code: `${head}app.post('/setup/owner', async (req, res) => {
  if (req.body.items.length > 0) return res.status(400).end();
  await createOwner(req.body);
  res.status(201).end();
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
    {
      name: 'process internals are not configuration',
      code: `${head}app.get('/metrics', (req, res) => {
  res.json({ mem: process.memoryUsage(), uptime: process.uptime() });
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
    {
      name: 'a module value loaded from the database is not a constant',
      code: `${head}const everyone = await db.users.all();
app.get('/people', (req, res) => {
  res.json(everyone);
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 11 }],
    },
  ]),
});

// The role check moved from no-unauthenticated-route to require-role-check: the same routes,
// clean for the first, reported by the second.
ruleTester.run('no-unauthenticated-route: precision (an authenticated route without a role check is require-role-check\'s)', rule, {
  valid: [
    {
      name: 'authenticated, so clean here: a helper asked about the input, answered with 400, is no role check',
      code: `${head}app.post('/admin/grants', requireUser, (req, res) => {
  if (!canManageFile(req.body.fileId, req.body.ownerId)) {
    res.status(400).send({ reason: 'file-denied' });
    return;
  }
  res.json(listGrants(req.body.fileId));
});`,
    },
  ],
  invalid: reportingAllRoutes([]),
});

ruleTester.run('require-role-check: precision', roleRule, {
  valid: [],
  invalid: [
    {
      name: 'a helper asked about the input, answered with 400, is no role check',
      code: `${head}app.post('/admin/grants', requireUser, (req, res) => {
  if (!canManageFile(req.body.fileId, req.body.ownerId)) {
    res.status(400).send({ reason: 'file-denied' });
    return;
  }
  res.json(listGrants(req.body.fileId));
});`,
      errors: [{ messageId: 'missingRoleCheck', line: 10 }],
    },
  ],
});
