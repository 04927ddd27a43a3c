import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A gate whose check is skipped for some methods (`if (!signedIn(req) && req.method !== 'GET') return
 * 401`) authenticates only the routes of the other methods: every GET behind it is open. The methods
 * let through are read from the gate's test (`!==`/`===` with a method, a list's `includes`), and a
 * route is judged by the methods it serves: a POST behind the gate stays authenticated, a GET (or a
 * route of every method) does not. A gate that lets only the CORS preflight through covers the rest.
 */
const ruleTester = new RuleTester();

const gate = `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
function signedIn(req) {
  try {
    return Boolean(jwt.verify(req.get('authorization')?.slice(7) ?? '', process.env.JWT_SECRET));
  } catch {
    return false;
  }
}
`;

ruleTester.run('no-unauthenticated-route (gates that skip some methods)', rule, {
  valid: [
    {
      name: 'a write behind a gate that lets reads through',
      code: `${gate}
app.use((req, res, next) => {
  if (!signedIn(req) && req.method !== 'GET') return res.sendStatus(401);
  next();
});
app.post('/ledger', (req, res) => res.status(201).json({ amount: Number(req.body.amount) }));
`,
    },
    {
      name: 'a gate that lets only the CORS preflight through',
      code: `${gate}
app.use((req, res, next) => {
  if (req.method !== 'OPTIONS' && !signedIn(req)) return res.sendStatus(401);
  next();
});
app.get('/ledger', async (req, res) => res.json(await db.ledger.findMany()));
`,
    },
    {
      name: 'a delete behind a gate that lets a constant list of safe methods through',
      code: `${gate}
const SAFE = ['GET', 'HEAD'];
app.use((req, res, next) => {
  if (SAFE.includes(req.method)) return next();
  if (!signedIn(req)) return res.sendStatus(401);
  next();
});
app.delete('/ledger/:id', (req, res) => res.sendStatus(204));
`,
    },
  ],
  invalid: [
    {
      name: 'a read behind a gate that lets reads through',
      code: `${gate}
app.use((req, res, next) => {
  if (!signedIn(req) && req.method !== 'GET') return res.sendStatus(401);
  next();
});
app.get('/ledger/export', async (req, res) => res.json(await db.ledger.findMany()));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 17, data: { method: 'GET', path: '/ledger/export', framework: 'express' } }],
    },
    {
      name: 'the methods let through as a list, in the test itself',
      code: `${gate}
function writers(req, res, next) {
  if (!['GET', 'HEAD'].includes(req.method) && !signedIn(req)) return res.sendStatus(401);
  next();
}
app.get('/ledger/export', writers, async (req, res) => res.json(await db.ledger.findMany()));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 17 }],
    },
    {
      name: 'only POST is checked: a DELETE passes',
      code: `${gate}
function posts(req, res, next) {
  if (!signedIn(req) && req.method === 'POST') return res.sendStatus(401);
  next();
}
app.delete('/ledger/:id', posts, (req, res) => res.sendStatus(204));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 17 }],
    },
    {
      name: 'a route of every method behind a gate that lets reads through',
      code: `${gate}
function writers(req, res, next) {
  if (req.method !== 'GET' && !signedIn(req)) return res.sendStatus(401);
  next();
}
app.all('/ledger/:id', writers, async (req, res) => res.json(await db.ledger.findUnique({ where: { id: req.params.id } })));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 17 }],
    },
    {
      name: 'reads let through by an earlier branch, before the check',
      code: `${gate}
const SAFE = ['GET', 'HEAD'];
app.use((req, res, next) => {
  if (SAFE.includes(req.method)) return next();
  if (!signedIn(req)) return res.sendStatus(401);
  next();
});
app.get('/ledger/export', async (req, res) => res.json(await db.ledger.findMany()));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 19 }],
    },
    {
      name: 'the handler checks the caller for writes only, and serves a read',
      code: `${gate}
app.get('/ledger/export', async (req, res) => {
  if (req.method !== 'GET' && !signedIn(req)) return res.sendStatus(401);
  res.json(await db.ledger.findMany());
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 13 }],
    },
  ],
});
