import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * Sign-in, sign-up and credential-only routes judged by what their handler does, not by their path
 * (none of these paths says login or signup): a password the request sent checked with a failure
 * answered 401/403 that stops the handler, an account created from the request and answered a
 * token of its own, or an action only on the secret credential the request names. Every look-alike
 * that does something else, or lets a failed check go on, stays reported.
 */
const ruleTester = new RuleTester();

const error = (method: string, path: string, line: number, framework = 'express') => ({
  messageId: 'unauthenticatedRoute' as const,
  line,
  data: { method, path, framework },
});

ruleTester.run('no-unauthenticated-route: sign-in and credential evidence', rule, {
  valid: [
    {
      name: 'a password checked by a callback whose error answers 401 (sent, so a later answer is not), then a token',
      code: `
import Fastify from 'fastify';
import { issueToken } from './tokens';
const app = Fastify();
app.put('/members/:member', async (request, reply) => {
  const { name, password } = request.body;
  app.directory.verify(name, password, async (err, member) => {
    if (err) {
      reply.code(401).send({ error: 'bad name or password' });
    }
    const token = await issueToken(member, password);
    reply.code(201).send({ ok: true, token });
  });
});
`,
    },
    {
      name: 'a password checked, the answer tested falsy and answered 401, then a jwt for the user found',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
import { accounts } from './accounts';
const app = express();
app.post('/members/tokens', async (req, res) => {
  const found = await accounts.checkPassword(req.body.email, req.body.password);
  if (!found) return res.status(401).json({ error: 'invalid' });
  res.json({ token: jwt.sign({ sub: found.id }, process.env.KEY) });
});
`,
    },
    {
      name: 'a password check in a try whose catch throws 401',
      code: `
import express from 'express';
import { directory } from './directory';
const app = express();
app.post('/members/session', async (req, res) => {
  let member;
  try {
    member = await directory.bind(req.body.user, req.body.passphrase);
  } catch (e) {
    return res.status(403).end();
  }
  req.session.userId = member.id;
  res.sendStatus(204);
});
`,
    },
    {
      name: 'an account created from the password sent, answered a token issued for the new account (callback form)',
      code: `
import Fastify from 'fastify';
import { issueToken } from './tokens';
const app = Fastify();
app.put('/members/:member', async (request, reply) => {
  const { name, password } = request.body;
  app.directory.addMember(name, password, async (err, member) => {
    if (err) return reply.code(409).send({ error: err.message });
    const token = name && password ? await issueToken(member, password) : undefined;
    if (!token) return reply.code(500).send({ error: 'no token' });
    reply.code(201).send({ ok: true, token });
  });
});
`,
    },
    {
      name: 'an account created with a hashed password, then a session of its own',
      code: `
import express from 'express';
import bcrypt from 'bcryptjs';
import { db } from './db';
const app = express();
app.post('/members', async (req, res) => {
  const created = await db.members.create({ data: { email: req.body.email, hash: await bcrypt.hash(req.body.password, 10) } });
  req.session.userId = created.id;
  res.status(201).json({ id: created.id });
});
`,
    },
    {
      name: 'the token the path names revoked, nothing else',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.delete('/members/token/:token', async (request, reply) => {
  const { token } = request.params;
  const caller = request.userRemote;
  await app.tokens.invalidate(token);
  console.log('revoked for', caller);
  reply.code(200);
  return { ok: 'logged out' };
});
`,
    },
    {
      name: 'a refresh token from the body looked up by its hash and deleted',
      code: `
import express from 'express';
import { createHash } from 'node:crypto';
import { db } from './db';
const app = express();
app.post('/sessions/end', async (req, res) => {
  const digest = sha256(req.body.refreshToken);
  await db.refreshTokens.deleteMany({ where: { digest } });
  res.sendStatus(204);
});
function sha256(value) { return createHash('sha256').update(value).digest('hex'); }
`,
    },
    {
      name: 'a token marked revoked: the credential filters the update, it is not the value stored',
      code: `
import express from 'express';
import { Token } from './models';
const app = express();
app.delete('/api-tokens/:token', async (req, res) => {
  await Token.updateOne({ value: req.params.token }, { $set: { revokedAt: new Date() } });
  res.sendStatus(204);
});
`,
    },
    {
      name: 'errors and answers handed to next: a named 401 status, then the token passed on',
      code: `
import express from 'express';
import { STATUS, failures } from './http';
import { issueToken } from './tokens';
import { directory } from './directory';
const app = express();
app.put('/members/:member/:rev?', function (req, res, next) {
  const { name, password } = req.body;
  directory.verify(name, password, async function (err, member) {
    if (err) {
      return next(failures.make(STATUS.UNAUTHORIZED, 'bad name or password'));
    }
    const token = await issueToken(member, password);
    res.status(STATUS.CREATED);
    return next({ ok: true, token });
  });
});
`,
    },
    {
      name: 'Hono: the token named by the path revoked',
      code: `
import { Hono } from 'hono';
import { tokens } from './tokens';
const app = new Hono();
app.delete('/members/token/:token', async (c) => {
  await tokens.revoke(c.req.param('token'));
  return c.json({ ok: true });
});
`,
    },
    {
      name: 'a router mounted elsewhere, its mount out of view: the evidence is in the handler wherever it is mounted',
      options: [{ reportUnresolvedMounts: true }],
      code: `
import express from 'express';
const router = express.Router();
router.delete('/user/token/:token', async (req, res) => {
  await req.app.locals.tokens.invalidate(req.params.token);
  res.json({ ok: 'logged out' });
});
export default router;
`,
    },
    {
      name: 'Koa: ctx.throw(401) on a failed password check stops the handler',
      code: `
import Router from '@koa/router';
import { directory } from './directory';
import { issueToken } from './tokens';
const router = new Router();
router.post('/members/session', async (ctx) => {
  const member = await directory.check(ctx.request.body.name, ctx.request.body.password);
  if (!member) ctx.throw(401, 'bad name or password');
  const token = await issueToken(member);
  ctx.body = { token };
});
`,
    },
  ],
  invalid: [
    {
      name: 'an administrator-style create-user route: answers the created record, no token for it',
      code: `
import express from 'express';
import bcrypt from 'bcryptjs';
import { db } from './db';
const app = express();
app.post('/members', async (req, res) => {
  const created = await db.members.create({ data: { email: req.body.email, hash: await bcrypt.hash(req.body.password, 10) } });
  res.status(201).json(created);
});
`,
      errors: [error('POST', '/members', 6)],
    },
    {
      name: 'a token minted for a user the request names, no password checked',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
app.post('/members/tokens', (req, res) => {
  res.json({ token: jwt.sign({ sub: req.body.userId }, process.env.KEY) });
});
`,
      errors: [error('POST', '/members/tokens', 5)],
    },
    {
      name: 'a password checked by a callback, then a token minted for another user the request names',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
import { directory } from './directory';
const app = express();
app.post('/members/tokens', (req, res) => {
  directory.verify(req.body.email, req.body.password, (err) => {
    if (err) return res.status(401).json({ error: 'invalid' });
    res.json({ token: jwt.sign({ sub: req.body.userId }, process.env.KEY) });
  });
});
`,
      errors: [error('POST', '/members/tokens', 6)],
    },
    {
      name: 'a token revoked by its id, not by the secret: any token can be revoked',
      code: `
import express from 'express';
import { db } from './db';
const app = express();
app.delete('/tokens/:tokenId', async (req, res) => {
  await db.tokens.delete({ where: { id: req.params.tokenId } });
  res.sendStatus(204);
});
`,
      errors: [error('DELETE', '/tokens/:tokenId', 5)],
    },
    {
      name: 'a token revoked, and the account the path names deleted too',
      code: `
import express from 'express';
import { db } from './db';
const app = express();
app.delete('/members/:member/token/:token', async (req, res) => {
  await db.tokens.delete({ where: { value: req.params.token } });
  await db.members.delete({ where: { name: req.params.member } });
  res.sendStatus(204);
});
`,
      errors: [error('DELETE', '/members/:member/token/:token', 5)],
    },
    {
      name: 'a token sent to be stored as configuration is not the proof of the request',
      code: `
import express from 'express';
import { settings } from './settings';
const app = express();
app.put('/integrations/github', async (req, res) => {
  await settings.set('githubToken', req.body.token);
  res.sendStatus(204);
});
`,
      errors: [error('PUT', '/integrations/github', 5)],
    },
    {
      name: 'the 401 only sets a status: the token after it is still answered',
      code: `
import express from 'express';
import { issueToken } from './tokens';
import { directory } from './directory';
const app = express();
app.post('/members/session', (req, res) => {
  directory.verify(req.body.name, req.body.password, async (err, member) => {
    if (err) {
      res.status(401);
    }
    const token = await issueToken(member);
    res.json({ token });
  });
});
`,
      errors: [error('POST', '/members/session', 6)],
    },
    {
      name: 'a failed check that does not stop the handler, which then changes the password',
      code: `
import express from 'express';
import { directory } from './directory';
const app = express();
app.put('/members/:member/password', (req, res) => {
  directory.verify(req.params.member, req.body.password.old, (err) => {
    if (err) {
      res.status(401).send({ error: 'wrong password' });
    }
    directory.changePassword(req.params.member, req.body.password.new);
    res.send({ ok: true });
  });
});
`,
      errors: [error('PUT', '/members/:member/password', 5)],
    },
    {
      name: 'a password checked by a callback, then also an order the request names deleted',
      code: `
import express from 'express';
import { issueToken } from './tokens';
import { directory } from './directory';
import { db } from './db';
const app = express();
app.post('/members/tokens/:orderId', (req, res) => {
  directory.verify(req.body.email, req.body.password, async (err, member) => {
    if (err) return res.status(401).json({ error: 'invalid' });
    await db.orders.delete({ where: { id: req.params.orderId } });
    const token = await issueToken(member);
    res.json({ token });
  });
});
`,
      errors: [error('POST', '/members/tokens/:orderId', 7)],
    },
    {
      name: 'a password passed to a call that neither answers 401 on failure nor creates an account',
      code: `
import express from 'express';
import { issueToken } from './tokens';
import { directory } from './directory';
const app = express();
app.post('/members/session', (req, res) => {
  directory.verify(req.body.name, req.body.password, async (err, member) => {
    const token = await issueToken(member);
    res.json({ token });
  });
});
`,
      errors: [error('POST', '/members/session', 6)],
    },
    {
      name: 'a password check whose failure answers 400: input handling, not a credential check',
      code: `
import express from 'express';
import { issueToken } from './tokens';
import { directory } from './directory';
const app = express();
app.post('/members/session', (req, res) => {
  directory.verify(req.body.name, req.body.password, async (err, member) => {
    if (err) return res.status(400).send({ error: 'bad request' });
    const token = await issueToken(member);
    res.json({ token });
  });
});
`,
      errors: [error('POST', '/members/session', 6)],
    },
    {
      name: 'a router mounted elsewhere: a token revoked by its id stays reported under reportUnresolvedMounts',
      options: [{ reportUnresolvedMounts: true }],
      code: `
import express from 'express';
import { db } from './db';
const router = express.Router();
router.delete('/tokens/:tokenId', async (req, res) => {
  await db.tokens.delete({ where: { id: req.params.tokenId } });
  res.sendStatus(204);
});
export default router;
`,
      errors: [{ messageId: 'unresolvedMountRoute', line: 5, data: { method: 'DELETE', path: '/tokens/:tokenId', framework: 'express', mount: 'not found' } }],
    },
    {
      name: 'a password checked, then a token for a user the request names through a lookup',
      code: `
import express from 'express';
import { issueToken } from './tokens';
import { directory } from './directory';
import { db } from './db';
const app = express();
app.post('/members/tokens', (req, res) => {
  directory.verify(req.body.email, req.body.password, async (err) => {
    if (err) return res.status(401).json({ error: 'invalid' });
    let target;
    target = await db.members.findFirst({ where: { id: req.body.memberId } });
    const token = await issueToken(target);
    res.json({ token });
  });
});
`,
      errors: [error('POST', '/members/tokens', 7)],
    },
    {
      name: 'under an administration segment the credential evidence does not apply',
      code: `
import express from 'express';
import { tokens } from './tokens';
const app = express();
app.delete('/admin/tokens/:token', async (req, res) => {
  await tokens.revoke(req.params.token);
  res.sendStatus(204);
});
`,
      errors: [error('DELETE', '/admin/tokens/:token', 5)],
    },
    {
      name: 'Koa: a status set without stopping lets the token after it be answered',
      code: `
import Router from '@koa/router';
import { directory } from './directory';
import { issueToken } from './tokens';
const router = new Router();
router.post('/members/session', async (ctx) => {
  const member = await directory.check(ctx.request.body.name, ctx.request.body.password);
  if (!member) ctx.status = 401;
  const token = await issueToken(member);
  ctx.body = { token };
});
`,
      errors: [error('POST', '/members/session', 6, 'koa')],
    },
  ],
});
