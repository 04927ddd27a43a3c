import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * Decoding a token is no verification: `jwt.decode`, jose's `decodeJwt` and hono/jwt's `decode` read
 * the claims without checking the signature, so any base64 text with a `sub` of the caller's choice
 * passes. A middleware that refuses requests without a token and then only decodes it (and stores
 * the claims, or looks a user up by them) accepts any credential. A token verified (before or after
 * it is decoded to pick the key), a project helper named `decode` whose body verifies, and Basic
 * credentials whose base64 is undone and then compared stay authentication.
 */
const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route (tokens decoded, never verified)', rule, {
  valid: [
    {
      name: 'the header decoded to choose the key, then the token verified with it',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
const keys = { a: process.env.KEY_A, b: process.env.KEY_B };
function tenantUser(req, res, next) {
  const bearer = req.headers.authorization?.slice(7);
  if (!bearer) return res.sendStatus(401);
  const { header } = jwt.decode(bearer, { complete: true });
  req.user = jwt.verify(bearer, keys[header.kid]);
  next();
}
app.post('/boards', tenantUser, (req, res) => res.status(201).json({ owner: req.user.sub }));
`,
    },
    {
      name: 'a helper of the file named decode whose body verifies the signature',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
function decode(token) {
  return jwt.verify(token, process.env.SIGNING_KEY);
}
function member(req, res, next) {
  const token = req.get('authorization')?.split(' ')[1];
  if (!token) return res.status(401).end();
  req.member = decode(token);
  next();
}
app.delete('/boards/:id', member, (req, res) => res.status(204).end());
`,
    },
    {
      name: 'a Hono middleware that verifies with hono/jwt',
      code: `
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { verify } from 'hono/jwt';
const member = createMiddleware(async (c, next) => {
  const token = c.req.header('authorization')?.replace(/^Bearer /, '');
  if (!token) return c.json({ error: 'sign in' }, 401);
  c.set('claims', await verify(token, process.env.SIGNING_KEY));
  await next();
});
const app = new Hono();
app.use('/boards/*', member);
app.delete('/boards/:id', (c) => c.body(null, 204));
export default app;
`,
    },
    {
      name: 'a helper that verifies the cookie token, then looks the user up',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
import { users } from './store';
const app = express();
async function currentUser(req) {
  const claims = jwt.verify(req.cookies.token, process.env.SIGNING_KEY);
  return users.findById(claims.sub);
}
async function gate(req, res, next) {
  if (!(await currentUser(req))) return res.status(401).end();
  next();
}
app.delete('/boards/:id', gate, (req, res) => res.status(204).end());
`,
    },
  ],
  invalid: [
    {
      name: 'Express: the claims of jwt.decode stored as the caller',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
function member(req, res, next) {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  if (!token) return res.status(401).json({ error: 'sign in' });
  req.user = jwt.decode(token);
  next();
}
app.delete('/boards/:id', member, (req, res) => res.status(204).end());
`,
      errors: [{
        messageId: 'unverifiedCredential',
        line: 11,
        data: { method: 'DELETE', path: '/boards/:id', framework: 'express', guard: '`member`', definedAt: 'line 7', check: 'token', mount: '' },
      }],
    },
    {
      name: 'Hono: decode of hono/jwt, its payload set on the context',
      code: `
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { decode } from 'hono/jwt';
const member = createMiddleware(async (c, next) => {
  const token = c.req.header('authorization')?.replace(/^Bearer /, '');
  if (!token) return c.json({ error: 'sign in' }, 401);
  const { payload } = decode(token);
  c.set('claims', payload);
  await next();
});
const app = new Hono();
app.use('/boards/*', member);
app.delete('/boards/:id', (c) => c.body(null, 204));
export default app;
`,
      errors: [{ messageId: 'unverifiedCredential', line: 14 }],
    },
    {
      name: 'a user looked up by the sub of a decoded token, refused when there is none',
      code: `
import express from 'express';
import { decodeJwt } from 'jose';
import { users } from './store';
const app = express();
async function member(req, res, next) {
  const token = req.get('authorization')?.split(' ')[1];
  if (!token) return res.status(401).end();
  const claims = decodeJwt(token);
  const user = await users.findById(claims.sub);
  if (!user) return res.status(401).end();
  req.user = user;
  next();
}
app.delete('/boards/:id', member, (req, res) => res.status(204).end());
`,
      errors: [{ messageId: 'unverifiedCredential', line: 15 }],
    },
    {
      name: 'a helper the gate asks decodes the cookie token and looks the user up by its sub',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
import { users } from './store';
const app = express();
async function currentUser(req) {
  const claims = jwt.decode(req.cookies.token);
  return users.findById(claims.sub);
}
async function gate(req, res, next) {
  if (!(await currentUser(req))) return res.status(401).end();
  next();
}
app.delete('/boards/:id', gate, (req, res) => res.status(204).end());
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 14, data: { method: 'DELETE', path: '/boards/:id', framework: 'express' } }],
    },
    {
      name: 'the handler decodes the token itself and compares a claim',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
app.delete('/boards/:id', (req, res) => {
  const token = req.cookies.token;
  if (!token) return res.status(401).end();
  const claims = jwt.decode(token);
  if (claims.role !== 'owner') return res.status(403).end();
  res.status(204).end();
});
`,
      errors: [{ messageId: 'unverifiedCredential', line: 5 }],
    },
  ],
});
