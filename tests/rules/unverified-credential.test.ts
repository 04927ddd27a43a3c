import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Turning away requests that send no credential is not authentication when nothing ever checks the
 * credential's value: `Authorization: x` passes. Such a guard gets its own message, naming the
 * test, so that the team verifies the value where the check already is. A credential compared with
 * a secret, passed to a verifier or a lookup, or a principal set by earlier middleware is evidence.
 */
const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route (credentials checked only for presence)', rule, {
  valid: [
    {
      name: 'an API key compared with the configured one',
      code: `
import express from 'express';
const app = express();
function apiKey(req, res, next) {
  const key = req.get('x-api-key');
  if (!key) return res.status(401).json({ error: 'missing key' });
  if (key !== process.env.INTERNAL_API_KEY) return res.status(403).json({ error: 'bad key' });
  next();
}
app.post('/internal/reindex', apiKey, (req, res) => res.json({ ok: true }));
`,
    },
    {
      name: 'basic credentials decoded and compared',
      code: `
import express from 'express';
const app = express();
function basicAuth(req, res, next) {
  const header = req.headers.authorization;
  if (!header) return res.status(401).set('WWW-Authenticate', 'Basic').end();
  const [user, pass] = Buffer.from(header.split(' ')[1], 'base64').toString().split(':');
  if (user !== process.env.ADMIN_USER || pass !== process.env.ADMIN_PASS) return res.status(401).end();
  next();
}
app.get('/metrics', basicAuth, (req, res) => res.send('up 1'));
`,
    },
    {
      name: 'the token handed to a verifier of another module',
      code: `
import express from 'express';
import { verifyAccessToken } from './tokens';
const app = express();
async function requireUser(req, res, next) {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  if (!token) return res.status(401).end();
  req.user = await verifyAccessToken(token);
  next();
}
app.get('/me', requireUser, (req, res) => res.json({ id: req.user.id }));
`,
    },
    {
      name: 'a user set by earlier middleware, tested for presence',
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.use(passport.session());
function ensureUser(req, res, next) {
  if (!req.user) return res.status(401).end();
  next();
}
app.get('/orders', ensureUser, (req, res) => res.json([]));
`,
    },
  ],
  invalid: [
    {
      name: 'a middleware that only checks that an Authorization header is sent',
      code: `
import express from 'express';
const app = express();
function requireToken(req, res, next) {
  if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });
  next();
}
app.delete('/projects/:id', requireToken, (req, res) => res.status(204).end());
`,
      errors: [{
        messageId: 'unverifiedCredential',
        line: 8,
        data: { method: 'DELETE', path: '/projects/:id', framework: 'express', guard: '`requireToken`', definedAt: 'line 5', check: 'req.headers.authorization', mount: '' },
      }],
    },
    {
      name: 'a token copied to the request and logged, but never verified (Koa)',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.use(async (ctx, next) => {
  const token = ctx.get('authorization');
  if (token === '' || token == null) {
    ctx.status = 401;
    return;
  }
  console.log('token', token);
  ctx.state.token = token;
  await next();
});
router.post('/orders', async (ctx) => { ctx.body = { created: true }; });
app.use(router.routes());
`,
      errors: [{ messageId: 'unverifiedCredential', line: 16, data: { method: 'POST', path: '/orders', framework: 'koa', guard: 'the inline middleware', definedAt: 'line 8', check: 'token', mount: '' } }],
    },
    {
      name: 'a handler that checks only for a session cookie',
      code: `
import express from 'express';
const app = express();
app.get('/invoices', (req, res) => {
  if (!req.cookies.sid) return res.redirect('/login');
  res.json([]);
});
`,
      errors: [{ messageId: 'unverifiedCredential', line: 4, data: { method: 'GET', path: '/invoices', framework: 'express', guard: 'the handler', definedAt: 'line 5', check: 'req.cookies.sid', mount: '' } }],
    },
  ],
});

describe('a presence-only guard of another file, at a mount', () => {
  it('names the guard, its file and line, and the mount', async () => {
    const dir = writeProject({
      'src/middleware/auth.ts': `
import type { NextFunction, Request, Response } from 'express';
export function authenticate(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) {
    return res.status(401).json({ message: 'Unauthorized' });
  }
  next();
}
`,
      'src/routes/projects.ts': `
import { Router } from 'express';
const router = Router();
router.get('/:id', (req, res) => res.json({ id: req.params.id }));
export default router;
`,
      'src/app.ts': `
import express from 'express';
import { authenticate } from './middleware/auth';
import projects from './routes/projects';
const app = express();
app.use('/projects', authenticate, projects);
export default app;
`,
    });
    const messages = await lintProjectFile(dir, 'src/routes/projects.ts', { 'api-security/no-unauthenticated-route': 'error' });
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[4, 'unverifiedCredential']]);
    expect(messages[0]?.message).toContain('GET /projects/:id (express) accepts any credential: `authenticate` (src/middleware/auth.ts:4)');
    expect(messages[0]?.message).toContain('(mounted at src/app.ts:6)');
  });
});
