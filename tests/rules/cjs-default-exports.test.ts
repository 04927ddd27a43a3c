import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A CommonJS module that exports one function whole (`module.exports = function createAdminRouter()
 * {…}`), required under a name and called (`const createAdminRouter = require('./routes/admin');
 * createAdminRouter()`), is that function for the analyses that follow calls into other files: the
 * router it returns is judged where its result is mounted, and request input given to it reaches
 * its sinks. The most common Express shape of a router factory.
 */

describe('a router factory exported whole', () => {
  const dir = writeProject(
    {
      'routes/admin.js': `const express = require('express');
const db = require('../db');

module.exports = function createAdminRouter() {
  const router = express.Router();
  router.delete('/users/:id', async (req, res) => {
    await db.users.delete(req.params.id);
    res.status(204).end();
  });
  return router;
};
`,
      'routes/reports.js': `const express = require('express');
const db = require('../db');

function createReportsRouter() {
  const router = express.Router();
  router.post('/reports/:id/archive', async (req, res) => {
    await db.reports.update(req.params.id, { archived: true });
    res.status(204).end();
  });
  return router;
}
module.exports = createReportsRouter;
`,
      'db.js': `module.exports = { users: {}, reports: {} };\n`,
      'auth.js': `const jwt = require('jsonwebtoken');
module.exports = function requireStaff(req, res, next) {
  try {
    req.user = jwt.verify(String(req.headers.authorization || '').replace('Bearer ', ''), process.env.JWT_SECRET);
    next();
  } catch {
    res.status(401).json({ error: 'sign in' });
  }
};
`,
      'app.js': `const express = require('express');
const requireStaff = require('./auth');
const createAdminRouter = require('./routes/admin');
const createReportsRouter = require('./routes/reports');
const app = express();
app.use('/admin', requireStaff, createAdminRouter());
app.use('/api', createReportsRouter());
app.listen(3000);
`,
    },
    { name: 'cjs-app' },
  );

  it('judges the router behind an authenticating middleware as authenticated', async () => {
    expect(await lintProjectFile(dir, 'routes/admin.js', { 'api-security/no-unauthenticated-route': 'error' })).toEqual([]);
  });

  it('reports the router mounted with nothing in front, with the mount path', async () => {
    const messages = await lintProjectFile(dir, 'routes/reports.js', { 'api-security/no-unauthenticated-route': 'error' });
    expect(messages.map((message) => [message.line, message.message.split(' (express)')[0]])).toEqual([[6, 'POST /api/reports/:id/archive']]);
  });
});

describe('a helper exported whole, given request input', () => {
  const dir = writeProject(
    {
      'lib/read-log.js': `const fs = require('fs');
const path = require('path');
module.exports = function readLog(name) {
  return fs.readFileSync(path.join('/var/log/app', name), 'utf8');
};
`,
      'lib/server.js': `const express = require('express');
const readLog = require('./read-log');
const app = express();
app.get('/logs', (req, res) => {
  res.type('text/plain').send(readLog(req.query.name));
});
app.listen(3000);
`,
    },
    { name: 'cjs-helper' },
  );

  it('reports the sink in the helper, naming the route that reaches it', async () => {
    const messages = await lintProjectFile(dir, 'lib/read-log.js', { 'api-security/no-path-traversal': 'error' });
    expect(messages.map((message) => message.line)).toEqual([4]);
    expect(messages[0]?.message).toContain('GET /logs');
  });
});
