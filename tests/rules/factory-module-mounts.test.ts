import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A router made by a factory module (`module.exports = function makeNotes({ db }) { const router =
 * express.Router(); …; return router; }`) and mounted by a CALL of it in another file
 * (`app.use('/v1/notes', makeNotes({ db }))`): the mount's prefix and the app-wide middleware in
 * front of it apply to the router's routes. The factory handed over uncalled (a lazy mount of the
 * module itself) is no mount here: its routes stay "mounted elsewhere", not a top-level app.
 */
const RULES: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const RESOLVED_ONLY: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all', reportUnresolvedMounts: true }] };

const NOTES = `const express = require('express');

module.exports = function makeNotes({ db }) {
  const router = express.Router();
  router.get('/:noteId', async (req, res) => res.json(await db.note(req.params.noteId)));
  router.delete('/:noteId', async (req, res) => {
    await db.dropNote(req.params.noteId);
    res.sendStatus(204);
  });
  return router;
};
`;

const LOGIN = `module.exports = function requireLogin(req, res, next) {
  if (!req.session || !req.session.accountId) return res.status(401).json({ error: 'sign in' });
  next();
};
`;

async function lint(server: string, rules: Linter.RulesRecord = RULES): Promise<Linter.LintMessage[]> {
  const dir = writeProject(
    { 'src/server.js': server, 'src/routes/notes.js': NOTES, 'src/require-login.js': LOGIN, 'src/db.js': 'exports.note = async (id) => ({ id });\nexports.dropNote = async (id) => id;\n' },
    { name: 'notes-api', dependencies: { express: '^4.21.0' } },
  );
  return lintProjectFile(dir, 'src/routes/notes.js', rules);
}

describe('no-unauthenticated-route: a router factory module called in a mount of another file', () => {
  it('the app-wide login middleware in front of the mount protects the routes', async () => {
    const server = `const express = require('express');
const requireLogin = require('./require-login');
const makeNotes = require('./routes/notes');
const db = require('./db');
const app = express();
app.use(requireLogin);
app.use('/v1/notes', makeNotes({ db }));
app.listen(3000);
`;
    expect(await lint(server, RESOLVED_ONLY)).toEqual([]);
  });

  it('without it, the routes are reported under the mount prefix, with the mount named', async () => {
    const server = `const express = require('express');
const makeNotes = require('./routes/notes');
const db = require('./db');
const app = express();
app.use('/v1/notes', makeNotes({ db }));
app.listen(3000);
`;
    const messages = await lint(server);
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([
      [5, 'unauthenticatedMountedRoute'],
      [6, 'unauthenticatedMountedRoute'],
    ]);
    expect(messages[1]?.message).toContain('DELETE /v1/notes/:noteId');
    expect(messages[1]?.message).toContain('src/server.js:5');
  });

  it('stays unresolved: the factory module handed uncalled to a lazy mount is no mount of its routes', async () => {
    const server = `const express = require('express');
const app = express();
app.lazyUse = (prefix, factory) => app.use(prefix, (req, res, next) => factory({ db: null })(req, res, next));
app.lazyUse('/v1/notes', require('./routes/notes'));
app.listen(3000);
`;
    // Not a top-level app (no report by default), and reported as mounted nowhere when asked.
    expect(await lint(server)).toEqual([]);
    const messages = await lint(server, RESOLVED_ONLY);
    expect(messages.every((message) => !message.message.includes('/v1/notes'))).toBe(true);
  });
});
