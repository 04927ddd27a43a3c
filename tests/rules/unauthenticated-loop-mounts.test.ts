import { rmSync } from 'node:fs';
import type { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

// Routers mounted in a loop over a list of them (`for (const r of [notes, users]) app.use(r.routes())`,
// `[notes, users].forEach((r) => app.use('/api', r))`): each listed router is mounted there, behind
// the middleware registered before the loop. strict reports routes whose mount it cannot find, so
// an unread loop made every one of those routes a finding.
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const strictRule: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report' }] };

const KOA_AUTH = `'use strict';
const jwt = require('jsonwebtoken');

async function requireJwt(ctx, next) {
  const header = ctx.get('authorization');
  if (!header.startsWith('Bearer ')) ctx.throw(401, 'missing token');
  ctx.state.user = jwt.verify(header.slice(7), process.env.JWT_SECRET);
  await next();
}

module.exports = { requireJwt };
`;

const KOA_NOTES = `'use strict';
const Router = require('@koa/router');
const router = new Router({ prefix: '/notes' });

router.delete('/:id', async (ctx) => {
  ctx.status = 204;
});

module.exports = router;
`;

function koaProject(loop: string): Record<string, string> {
  return {
    'src/middleware/auth.js': KOA_AUTH,
    'src/routes/notes.js': KOA_NOTES,
    'src/routes/users.js': KOA_NOTES.replace("'/notes'", "'/users'"),
    'src/app.js': `'use strict';
const Koa = require('koa');
const { requireJwt } = require('./middleware/auth');
const noteRoutes = require('./routes/notes');
const userRoutes = require('./routes/users');

function createApp() {
  const app = new Koa();
${loop}
  return app;
}

module.exports = { createApp };
`,
  };
}

async function lint(files: Record<string, string>, file: string): Promise<string[]> {
  const dir = writeProject(files, { name: 'app' });
  dirs.push(dir);
  return summary(await lintProjectFile(dir, file, strictRule));
}

describe('no-unauthenticated-route: routers mounted in a loop', () => {
  it('for…of over a list of routers, behind the token check', async () => {
    const files = koaProject(`  app.use(requireJwt);
  for (const r of [noteRoutes, userRoutes]) {
    app.use(r.routes()).use(r.allowedMethods());
  }`);
    expect(await lint(files, 'src/routes/notes.js')).toEqual([]);
    expect(await lint(files, 'src/routes/users.js')).toEqual([]);
  });

  it('forEach over a list of routers, behind the token check', async () => {
    const files = koaProject(`  app.use(requireJwt);
  [noteRoutes, userRoutes].forEach((r) => app.use(r.routes()));`);
    expect(await lint(files, 'src/routes/users.js')).toEqual([]);
  });

  it('the loop before the token check: the routes are reached without it', async () => {
    const files = koaProject(`  for (const r of [noteRoutes, userRoutes]) app.use(r.routes());
  app.use(requireJwt);`);
    expect(await lint(files, 'src/routes/notes.js')).toEqual(['5 api-security/no-unauthenticated-route']);
  });

  it('a router left out of the list is not mounted by the loop', async () => {
    const files = koaProject(`  app.use(requireJwt);
  for (const r of [noteRoutes]) app.use(r.routes());`);
    // users.js is mounted nowhere: strict reports it as a route whose mount is not found.
    expect(await lint(files, 'src/routes/users.js')).toEqual(['5 api-security/no-unauthenticated-route']);
  });

  it('Express: forEach over routers mounted behind an auth middleware of another file', async () => {
    const files = (mountLine: string): Record<string, string> => ({
      'src/middleware/requireAuth.js': `const jwt = require('jsonwebtoken');
module.exports = function requireAuth(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET);
    return next();
  } catch {
    return res.status(401).json({ error: 'unauthorized' });
  }
};
`,
      'src/routes/orders.js': `const express = require('express');
const router = express.Router();
router.delete('/orders/:id', async (req, res) => res.status(204).end());
module.exports = router;
`,
      'src/routes/invoices.js': `const express = require('express');
const router = express.Router();
router.post('/invoices', async (req, res) => res.status(201).json(await billing.issue(req.body)));
module.exports = router;
`,
      'src/app.js': `const express = require('express');
const requireAuth = require('./middleware/requireAuth');
const ordersRouter = require('./routes/orders');
const invoicesRouter = require('./routes/invoices');
const app = express();
app.use(express.json());
${mountLine}
module.exports = app;
`,
    });
    expect(await lint(files(`[ordersRouter, invoicesRouter].forEach((router) => app.use('/api', requireAuth, router));`), 'src/routes/invoices.js')).toEqual([]);
    expect(await lint(files(`[ordersRouter, invoicesRouter].forEach((router) => app.use('/api', router));`), 'src/routes/invoices.js')).toEqual(['3 api-security/no-unauthenticated-route']);
  });
});
