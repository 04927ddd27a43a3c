import inject from 'light-my-request';
import express from 'express';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/require-role-check.js';
import { applySuggestions } from './helpers.js';

/*
 * The suggestion of require-role-check, run: the app before and after the fix serves real requests
 * (Express through light-my-request). The fixed route refuses a signed-in user without the role
 * its siblings require, and still serves one with it.
 */

/** Evaluates an app module whose only import is express and that ends with `export default app;`. */
function loadApp(code: string): express.Express {
  const body = code.replace(/^import express from 'express';\n/mu, '').replace(/^export default app;\n$/mu, 'return app;\n');
  expect(body).not.toMatch(/^import /mu);
  return new Function('express', body)(express) as express.Express;
}

const APP = `import express from 'express';
const app = express();
// What express-session would load: the session of the cookie, here of a header.
const sessions = { 'Bearer ann': { userId: 1, role: 'admin' }, 'Bearer bob': { userId: 2, role: 'member' } };
app.use((req, res, next) => {
  req.session = sessions[req.headers.authorization] ?? {};
  next();
});
function requireAuth(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: 'sign in' });
  req.user = { id: req.session.userId, role: req.session.role };
  next();
}
function requireRole(role) {
  return (req, res, next) => (req.user.role === role ? next() : res.status(403).json({ error: 'forbidden' }));
}
const notes = express.Router();
notes.post('/notes', requireAuth, requireRole('admin'), (req, res) => res.json({ created: true }));
notes.put('/notes/:id', requireAuth, requireRole('admin'), (req, res) => res.json({ updated: req.params.id }));
notes.delete('/notes/:id', requireAuth, (req, res) => res.json({ deleted: req.params.id }));
app.use('/ops', notes);
export default app;
`;

describe('require-role-check: the added role check', () => {
  it('Express: the route now runs the role check its siblings run', async () => {
    const { messages, suggestions } = applySuggestions(rule as never, APP, [{ inconsistentRoutes: 'report' }]);
    expect(messages.map((message) => message.messageId)).toEqual(['inconsistentRoleCheck']);
    expect(suggestions).toHaveLength(1);
    const fixed = suggestions[0]!.output;
    expect(fixed).toContain("notes.delete('/notes/:id', requireAuth, requireRole('admin'), (req, res) =>");
    const before = loadApp(APP);
    const after = loadApp(fixed);
    const asBob = { method: 'DELETE', url: '/ops/notes/7', headers: { authorization: 'Bearer bob' } } as const;
    expect((await inject(before, asBob)).statusCode).toBe(200);
    expect((await inject(after, asBob)).statusCode).toBe(403);
    expect((await inject(after, { method: 'DELETE', url: '/ops/notes/7' })).statusCode).toBe(401);
    const asAnn = await inject(after, { method: 'DELETE', url: '/ops/notes/7', headers: { authorization: 'Bearer ann' } });
    expect(asAnn.statusCode).toBe(200);
    expect(asAnn.json()).toEqual({ deleted: '7' });
    // The fixed file is clean.
    expect(applySuggestions(rule as never, fixed, [{ inconsistentRoutes: 'report' }]).messages).toEqual([]);
  });
});
