import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * Verifications that let a failed check through. `jwt.verify(token, key, callback)` decides in its
 * callback: one that turns the request away on the error (or on a missing result) authenticates;
 * one that logs the error and calls `next()` anyway verifies nothing. A key comparison whose test
 * can throw (`crypto.timingSafeEqual` throws when the lengths differ, and the client picks the
 * length) inside a `try` whose `catch` lets the request go on is skipped by sending a key of
 * another length; the same comparison whose `catch` rejects, or outside any `try`, authenticates.
 */

const ruleTester = new RuleTester();

const withMiddleware = (middleware: string): string => `import express from 'express';
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
const app = express();
${middleware}
app.post('/pipelines/:id/retry', guard, async (req, res) => {
  await queue.add('retry', { pipeline: req.params.id });
  res.sendStatus(202);
});
`;

const callbackGuard = (callback: string): string => withMiddleware(`function guard(req, res, next) {
  const token = String(req.headers.authorization).replace(/^Bearer /, '');
  jwt.verify(token, process.env.PIPELINE_KEY, (err, claims) => {
    ${callback}
  });
}`);

const keyGuard = (body: string): string => withMiddleware(`function guard(req, res, next) {
  const sent = Buffer.from(req.get('x-pipeline-key') || '');
  const expected = Buffer.from(process.env.PIPELINE_KEY || '');
  ${body}
}`);

ruleTester.run('no-unauthenticated-route (verifications that fail open)', rule, {
  valid: [
    { name: 'a callback that answers 401 on the error', code: callbackGuard('if (err) return res.status(401).json({ error: err.message });\n    req.user = claims;\n    next();') },
    { name: 'a callback that hands the error to next', code: callbackGuard('if (err) return next(err);\n    req.user = claims;\n    next();') },
    { name: 'a callback that rejects without claims', code: callbackGuard('if (!claims) { res.sendStatus(401); return; }\n    req.user = claims;\n    next();') },
    { name: 'a callback that decides with a conditional', code: callbackGuard('err ? res.sendStatus(401) : next();') },
    { name: 'a verification without a callback, its throw rejected by the catch', code: withMiddleware(`function guard(req, res, next) {
  try {
    req.user = jwt.verify(String(req.headers.authorization).slice(7), process.env.PIPELINE_KEY);
  } catch {
    return res.sendStatus(401);
  }
  next();
}`) },
    { name: 'timingSafeEqual inside a try whose catch answers 401', code: keyGuard(`try {
    if (!crypto.timingSafeEqual(sent, expected)) return res.sendStatus(401);
  } catch {
    return res.sendStatus(401);
  }
  next();`) },
    { name: 'timingSafeEqual after a length check, outside any try', code: keyGuard(`if (sent.length !== expected.length || !crypto.timingSafeEqual(sent, expected)) return res.sendStatus(401);
  next();`) },
  ],
  invalid: [
    {
      name: 'a callback that logs the error and calls next whatever happened',
      code: callbackGuard("if (err) console.warn('pipeline token rejected', err.message);\n    req.user = claims;\n    next();"),
      errors: [{ messageId: 'optionalAuthRoute', line: 13 }],
    },
    {
      name: 'a callback that tests only something else',
      code: callbackGuard("if (claims && claims.scope === 'ci') req.ci = true;\n    next();"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 12 }],
    },
    {
      name: 'timingSafeEqual inside a try whose empty catch is followed by next()',
      code: keyGuard(`try {
    if (!crypto.timingSafeEqual(sent, expected)) return res.sendStatus(401);
  } catch (e) {
    // lengths differ
  }
  next();`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 15 }],
    },
    {
      name: 'timingSafeEqual inside a try whose catch calls next()',
      code: keyGuard(`try {
    if (!crypto.timingSafeEqual(sent, expected)) return res.sendStatus(401);
    next();
  } catch {
    next();
  }`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 15 }],
    },
  ],
});
