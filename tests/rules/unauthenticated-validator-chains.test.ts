import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * An express-validator chain in front of a handler (`body('link').not().isEmpty()`, also listed in
 * an array of another file) checks the shape of the input: it is validation, never a possible
 * authentication guard, however long the chain. A route with only such chains is unauthenticated,
 * not "relies on an unjudged guard"; an authenticating middleware listed next to them still counts.
 */
const RULES: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };

const CHECKS = `const { body } = require('express-validator');
module.exports.rules = {
  linkRules: [
    body('link', 'a link is needed').not().isEmpty(),
    body('label').optional().trim().isLength({ max: 80 }),
  ],
};
`;

const SESSION = `module.exports = function requireSession(req, res, next) {
  if (!req.session || !req.session.userId) return res.status(401).json({ error: 'sign in first' });
  next();
};
`;

async function lint(server: string): Promise<Linter.LintMessage[]> {
  const dir = writeProject(
    { 'src/server.js': server, 'src/util/checks.js': CHECKS, 'src/util/session.js': SESSION },
    { name: 'links', dependencies: { express: '^4.21.0', 'express-validator': '^7.2.0' } },
  );
  return lintProjectFile(dir, 'src/server.js', RULES);
}

const HEAD = `const express = require('express');
const { body, param } = require('express-validator');
const checks = require('./util/checks');
const requireSession = require('./util/session');
const app = express();
app.use(express.json());
`;

describe('no-unauthenticated-route: express-validator chains are validation', () => {
  it('a route guarded only by validator chains (inline, long, or an array of another file) is unauthenticated', async () => {
    const messages = await lint(`${HEAD}app.post('/links/:kind', checks.rules.linkRules, (req, res) => res.status(202).json({ link: req.body.link }));
app.delete('/links/:id', param('id').isInt().toInt(), body('reason').trim().escape().not().isEmpty(), (req, res) => res.sendStatus(204));
`);
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([
      [7, 'unauthenticatedRoute'],
      [8, 'unauthenticatedRoute'],
    ]);
    expect(messages[0]?.message).toContain('is reachable without authentication');
  });

  it('stays authenticated: a session middleware listed before or after the chains', async () => {
    expect(
      await lint(`${HEAD}app.post('/links/:kind', requireSession, checks.rules.linkRules, (req, res) => res.status(202).json({ link: req.body.link }));
app.delete('/links/:id', [param('id').isInt(), requireSession], (req, res) => res.sendStatus(204));
`),
    ).toEqual([]);
  });

  it('stays authenticated: a chain on a call of an auth package is judged as that package', async () => {
    expect(
      await lint(`${HEAD}const { expressjwt } = require('express-jwt');
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/health'] }));
app.delete('/links/:id', body('reason').not().isEmpty(), (req, res) => res.sendStatus(204));
`),
    ).toEqual([]);
  });
});
