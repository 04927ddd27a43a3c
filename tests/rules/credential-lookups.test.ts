import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A check the handler itself makes counts as authentication when what it looked up or compared is
 * a credential the caller proves it holds (an API key, a token, a password, a signature, the
 * Authorization header): a lookup by a field anyone can send (an e-mail, an id) proves nothing,
 * even when a miss answers 401.
 */
const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route: lookups by credentials and by other fields', rule, {
  valid: [
    {
      name: 'an API key from a header looked up, 401 when unknown',
      code: `
import express from 'express';
import { prisma } from './db';
const app = express();
app.delete('/projects/:id', async (req, res) => {
  const client = await prisma.apiClient.findFirst({ where: { key: req.get('x-api-key') } });
  if (!client) return res.status(401).json({ error: 'unknown key' });
  await prisma.project.delete({ where: { id: req.params.id, clientId: client.id } });
  res.sendStatus(204);
});
`,
    },
    {
      name: 'a bearer token read into a variable, then looked up',
      code: `
import express from 'express';
import { sessions } from './db';
const app = express();
app.post('/exports', async (req, res) => {
  const bearer = (req.headers.authorization || '').replace('Bearer ', '');
  const session = await sessions.lookup(bearer);
  if (!session) return res.sendStatus(401);
  res.json({ queued: true });
});
`,
    },
    {
      name: 'a login route that checks a password stays public by design',
      code: `
import express from 'express';
import bcrypt from 'bcryptjs';
import { prisma } from './db';
const app = express();
app.post('/login', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { email: req.body.email } });
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  const ok = await bcrypt.compare(req.body.password, user.passwordHash);
  if (!ok) return res.status(401).json({ error: 'invalid credentials' });
  res.json({ id: user.id });
});
`,
    },
  ],
  invalid: [
    {
      name: 'a user looked up by the e-mail the request sent: anyone can send an e-mail',
      code: `
import express from 'express';
import { prisma } from './db';
const app = express();
app.delete('/accounts', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { email: req.body.email } });
  if (!user) return res.status(401).json({ error: 'unknown user' });
  await prisma.user.delete({ where: { id: user.id } });
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5, data: { method: 'DELETE', path: '/accounts', framework: 'express' } }],
    },
    {
      name: 'an id from the path, destructured first',
      code: `
import express from 'express';
import { orders } from './db';
const app = express();
app.post('/orders/:orderId/cancel', async (req, res) => {
  const { orderId } = req.params;
  const order = await orders.findById(orderId);
  if (!order) return res.sendStatus(401);
  await orders.cancel(order.id);
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5, data: { method: 'POST', path: '/orders/:orderId/cancel', framework: 'express' } }],
    },
  ],
});
