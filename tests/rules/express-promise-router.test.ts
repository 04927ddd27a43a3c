import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * express-promise-router's `Router()` makes an Express router: its routes are routes, its mounts
 * are joined (`app.use('/api', routes)` then `router.use('/admin/keys', requireAuth, keys)`), and the
 * guards at each mount apply, as for `express.Router()`. A router behind no authentication stays
 * reported, and one under `/admin` without a role check too.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }],
  'api-security/require-role-check': 'error',
};

const files = {
  'src/guards.js': `const jwt = require('jsonwebtoken');
exports.requireAuth = (req, res, next) => {
  const header = req.get('authorization');
  if (!header) return res.status(401).end();
  req.user = jwt.verify(header.slice(7), process.env.JWT_SECRET);
  next();
};
`,
  'src/app.js': `const express = require('express');
const app = express();
app.use('/api', require('./routes'));
module.exports = app;
`,
  'src/routes/index.js': `const Router = require('express-promise-router');
const { requireAuth } = require('../guards');
const router = Router();
router.use('/admin/keys', requireAuth, require('./keys'));
router.use('/open', require('./open'));
module.exports = router;
`,
  'src/routes/keys.js': `const Router = require('express-promise-router');
const router = Router();
router.post('/rotate', async (req, res) => res.json({ rotated: true }));
module.exports = router;
`,
  'src/routes/open.js': `const router = require('express-promise-router')();
router.delete('/cache/:key', async (req, res) => res.json({ dropped: req.params.key }));
module.exports = router;
`,
};

async function lint(file: string): Promise<string[]> {
  const dir = writeProject(files, { name: 'app' });
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''}: ${message.message.split(' is ')[0] ?? ''}`);
}

describe('express-promise-router', () => {
  it('joins the mount prefixes and applies the mount guards: authenticated, but no role check under /admin', async () => {
    expect(await lint('src/routes/keys.js')).toEqual(['3 missingRoleCheck: POST /api/admin/keys/rotate']);
  });

  it('reports a route of a router mounted without authentication, created by calling the required package', async () => {
    expect(await lint('src/routes/open.js')).toEqual(['2 unauthenticatedMountedRoute: DELETE /api/open/cache/:key (express)']);
  });
});
