import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A handler that opens a session or issues a token for a user the server looked up signs the
 * caller in: public by design. Not when the lookup is by what the request names (an e-mail, a
 * user name, an id) and no credential the request sent (a password, a one-time code, a token from
 * a link) is checked: that signs anyone in as anyone, and stays reported.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route (sessions issued for a looked-up user)', rule, {
  valid: [
    {
      name: 'a refresh token verified with the signing key',
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
app.post('/token/refresh', (req, res) => {
  let claims;
  try {
    claims = jwt.verify(req.body.refreshToken, process.env.REFRESH_SECRET);
  } catch {
    return res.status(401).end();
  }
  res.json({ token: jwt.sign({ sub: claims.sub }, process.env.JWT_SECRET) });
});`,
    },
    {
      name: 'a password compared before the token is issued',
      code: `import express from 'express';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { User } from './models.js';
const app = express();
app.post('/session', async (req, res) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) return res.status(401).end();
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET) });
});`,
    },
    {
      name: 'a magic link: the user is found by the token the link carries',
      code: `import express from 'express';
import { db } from './db.js';
const app = express();
app.get('/magic', async (req, res) => {
  const link = await db.loginLinks.findFirst({ where: { token: req.query.token } });
  if (!link) return res.status(401).send('expired');
  req.session.userId = link.userId;
  res.redirect('/');
});`,
    },
    {
      name: 'a one-time code compared with the stored one',
      code: `import express from 'express';
import { db } from './db.js';
const app = express();
app.post('/verify-code', async (req, res) => {
  const pending = await db.pendingLogins.findUnique({ where: { phone: req.body.phone } });
  if (!pending || pending.code !== req.body.otp) return res.status(401).end();
  req.session.userId = pending.userId;
  res.json({ ok: true });
});`,
    },
  ],
  invalid: [
    {
      name: 'a token for whoever owns the e-mail the body names',
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
import { User } from './models.js';
const app = express();
app.post('/session', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET) });
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'a session opened for a user name destructured from the body',
      code: `import express from 'express';
import { db } from './db.js';
const app = express();
app.post('/switch-account', async (req, res) => {
  const { username } = req.body;
  const account = await db.users.findFirst({ where: { username } });
  req.session.userId = account.id;
  res.json({ ok: true });
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'the password compared only with its confirmation',
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
import { User } from './models.js';
const app = express();
app.post('/session', async (req, res) => {
  const { email, password, passwordConfirmation } = req.body;
  if (password !== passwordConfirmation) return res.status(401).json({ error: 'mismatch' });
  const user = await User.findOne({ email });
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET) });
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'the password only checked for its length',
      code: `import express from 'express';
import validator from 'validator';
import jwt from 'jsonwebtoken';
import { User } from './models.js';
const app = express();
app.post('/session', async (req, res) => {
  const { email, password } = req.body;
  if (!validator.isLength(password, { min: 8 })) return res.status(401).end();
  const user = await User.findOne({ email });
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET) });
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'bcrypt.compare tested without await',
      code: `import express from 'express';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { User } from './models.js';
const app = express();
app.post('/session', async (req, res) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email });
  const valid = bcrypt.compare(password, user.passwordHash);
  if (!valid) return res.status(401).end();
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET) });
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'an upsert keyed by the e-mail finds the existing account',
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
import { prisma } from './db.js';
const app = express();
app.post('/accounts', async (req, res) => {
  const { email, password } = req.body;
  const account = await prisma.account.upsert({ where: { email }, update: {}, create: { email, password } });
  res.status(201).json({ token: jwt.sign({ sub: account.id }, process.env.JWT_SECRET) });
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'a refresh token decoded, not verified, and its claims signed again',
      code: `import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
app.post('/token/refresh', (req, res) => {
  const claims = jwt.decode(req.body.refreshToken);
  if (!claims) return res.status(401).end();
  res.json({ token: jwt.sign({ sub: claims.sub, role: claims.role }, process.env.JWT_SECRET) });
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'passport login of a user found by id',
      code: `import express from 'express';
import { User } from './models.js';
const app = express();
app.post('/impersonate', async (req, res, next) => {
  const user = await User.findById(req.body.userId);
  req.login(user, (err) => (err ? next(err) : res.json({ ok: true })));
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
  ],
});
