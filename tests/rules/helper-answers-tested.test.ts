import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A session helper that answers no (`null`) when the request carries no valid token authenticates
 * where its caller keeps the answer and refuses on it: `const member = await currentMember(req);
 * if (!member) return res.status(401).end()`. Kept and never tested, or tested without a refusal,
 * it turns nobody away.
 */

const ruleTester = new RuleTester();

const helper = `import express from 'express';
import { jwtVerify } from 'jose';
const key = new TextEncoder().encode(process.env.SESSION_KEY);
async function currentMember(req) {
  const token = req.headers.authorization?.replace('Bearer ', '');
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key);
    return payload;
  } catch {
    return null;
  }
}
const app = express();`;

ruleTester.run('no-unauthenticated-route: a helper\'s answer kept and tested', rule, {
  valid: [
    {
      name: 'kept in a constant and refused with 401',
      code: `${helper}
app.delete('/notes/:id', async (req, res) => {
  const member = await currentMember(req);
  if (!member) return res.status(401).end();
  await db.notes.delete(req.params.id);
  res.sendStatus(204);
});`,
    },
  ],
  invalid: [
    {
      name: 'kept and never tested',
      code: `${helper}
app.delete('/notes/:id', async (req, res) => {
  const member = await currentMember(req);
  await db.notes.delete(req.params.id, member?.sub);
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 15 }],
    },
    {
      name: 'tested, but the request goes on either way',
      code: `${helper}
app.delete('/notes/:id', async (req, res) => {
  const member = await currentMember(req);
  if (!member) console.warn('anonymous delete');
  await db.notes.delete(req.params.id);
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 15 }],
    },
  ],
});
