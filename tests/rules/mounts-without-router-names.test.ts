import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * `app.use(billing)` and `app.use(require('./routes/billing'))` with no path and a name that says
 * neither router nor middleware: the module's export decides. Read from the route file, whose
 * router is what the importer mounts, the call is a mount and the guards installed before it run
 * first; the same call of a module that exports a middleware stays a middleware.
 */

const strict: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report', reportRoutes: 'all' }],
};

const verifyToken = `const jwt = require('jsonwebtoken');
module.exports = function verifyToken(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  if (!token) return res.status(401).json({ error: 'missing token' });
  try {
    req.user = jwt.verify(token, process.env.TOKEN_KEY);
  } catch {
    return res.status(401).json({ error: 'bad token' });
  }
  next();
};
`;
const ledger = `const express = require('express');
const ledger = express.Router();
ledger.post('/ledger/entries', (req, res) => res.status(201).json({ ok: true }));
ledger.delete('/ledger/entries/:id', (req, res) => res.status(204).end());
module.exports = ledger;
`;
const stamp = `module.exports = function stamp(req, res, next) {
  res.setHeader('x-served-by', 'api');
  next();
};
`;

describe('a router mounted without a path under a name that says neither', () => {
  it('judges the routes at the mount, behind the middleware installed before it', async () => {
    const dir = writeProject({
      'middleware/verifyToken.js': verifyToken,
      'middleware/stamp.js': stamp,
      'routes/ledger.js': ledger,
      'routes/payroll.js': ledger.replaceAll('ledger', 'payroll'),
      'routes/tips.js': ledger.replaceAll('ledger', 'tips'),
      'app.js': `const express = require('express');
const verifyToken = require('./middleware/verifyToken');
const stamp = require('./middleware/stamp');
const tips = require('./routes/tips');
const app = express();
app.use(stamp);
app.use(tips);
app.use(verifyToken);
app.use(require('./routes/ledger'));
const payroll = require('./routes/payroll');
app.use('/', payroll);
app.listen(8080);
`,
    }, { name: 'books' });
    expect(summary(await lintProjectFile(dir, 'routes/ledger.js', strict))).toEqual([]);
    expect(summary(await lintProjectFile(dir, 'routes/payroll.js', strict))).toEqual([]);
    // Mounted before the token check, behind a middleware that only sets a header: open, and the
    // message names the mount.
    const open = await lintProjectFile(dir, 'routes/tips.js', strict);
    expect(summary(open)).toEqual(['3 api-security/no-unauthenticated-route', '4 api-security/no-unauthenticated-route']);
    expect(open[0]?.message).toContain('app.js:7');
  });

  it('leaves a middleware module a middleware: the routes after it are judged by what it does', async () => {
    const dir = writeProject({
      'middleware/verifyToken.js': verifyToken,
      'app.js': `const express = require('express');
const verifyToken = require('./middleware/verifyToken');
const app = express();
app.use(verifyToken);
app.post('/transfers', (req, res) => res.json({ ok: true }));
app.listen(8080);
`,
    }, { name: 'bank' });
    expect(summary(await lintProjectFile(dir, 'app.js', strict))).toEqual([]);
  });
});
