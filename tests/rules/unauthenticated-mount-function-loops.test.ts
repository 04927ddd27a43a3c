import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

// Routers mounted by a function of their own file that loops over a list of them
// (`module.exports = function attach(app) { for (const r of [a, b]) app.use(r.routes()); }`),
// which the app's file calls with the app (`attach(app)`); and Express loops over
// `[path, router]` pairs. Each listed router is mounted there, behind what the app has in front at
// the call. A loop over anything but a literal list names no router: its mount stays unknown.

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const strict: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report' }] };

const KOA_TOKEN = `const jwt = require('jsonwebtoken');

module.exports = async function needsToken(ctx, next) {
  const bearer = ctx.get('authorization');
  if (!bearer) ctx.throw(401, 'no token');
  ctx.state.account = jwt.verify(bearer.replace('Bearer ', ''), process.env.TOKEN_KEY);
  await next();
};
`;

const KOA_RECIPES = `const Router = require('@koa/router');
const needsToken = require('../needs-token');
const Recipe = require('../models/recipe');

const recipes = new Router({ prefix: '/recipes' });

recipes.get('/:id', needsToken, async (ctx) => {
  ctx.body = await Recipe.findById(ctx.params.id);
});

recipes.get('/:id/print', async (ctx) => {
  ctx.body = await Recipe.findById(ctx.params.id);
});

module.exports = recipes;
`;

function koaProject(attach: string, server: string): Record<string, string> {
  return {
    'src/needs-token.js': KOA_TOKEN,
    'src/http/recipes.js': KOA_RECIPES,
    'src/http/pantry.js': KOA_RECIPES.replace("'/recipes'", "'/pantry'"),
    'src/http/attach.js': attach,
    'src/server.js': server,
  };
}

const ATTACH_LOOP = `const recipes = require('./recipes');
const pantry = require('./pantry');

module.exports = function attach(app) {
  for (const r of [recipes, pantry]) {
    app.use(r.routes()).use(r.allowedMethods());
  }
};
`;

const serverWith = (beforeAttach: string): string => `const Koa = require('koa');
const needsToken = require('./needs-token');
const attach = require('./http/attach');

const app = new Koa();
${beforeAttach}
attach(app);
app.listen(8080);
`;

async function lint(files: Record<string, string>, file: string, rules: Linter.RulesRecord): Promise<string[]> {
  return summary(await lintProjectFile(writeProject(files, { name: 'kitchen' }), file, rules));
}

describe('no-unauthenticated-route: Koa routers mounted by a function of another file', () => {
  it('a for…of loop over the routers, in a function the app file calls: the route without a token is reported', async () => {
    const files = koaProject(ATTACH_LOOP, serverWith(''));
    expect(await lint(files, 'src/http/recipes.js', recommended)).toEqual(['11 api-security/no-unauthenticated-route']);
    expect(await lint(files, 'src/http/pantry.js', strict)).toEqual(['11 api-security/no-unauthenticated-route']);
  });

  it('the same loop behind the token check the app installs before the call: quiet', async () => {
    const files = koaProject(ATTACH_LOOP, serverWith('app.use(needsToken);'));
    expect(await lint(files, 'src/http/recipes.js', strict)).toEqual([]);
  });

  it('the token check installed after the call does not run before the routes', async () => {
    const files = koaProject(ATTACH_LOOP, serverWith('').replace('attach(app);', 'attach(app);\napp.use(needsToken);'));
    expect(await lint(files, 'src/http/recipes.js', recommended)).toEqual(['11 api-security/no-unauthenticated-route']);
  });

  it('forEach and map over the routers, and one mount per router, read alike', async () => {
    const bodies = [
      '[recipes, pantry].forEach((r) => app.use(r.routes()));',
      '[recipes, pantry].map((r) => app.use(r.routes()));',
      'app.use(recipes.routes());\n  app.use(pantry.routes()).use(pantry.allowedMethods());',
    ];
    for (const body of bodies) {
      const attach = `const recipes = require('./recipes');\nconst pantry = require('./pantry');\n\nmodule.exports = function attach(app) {\n  ${body}\n};\n`;
      expect(await lint(koaProject(attach, serverWith('')), 'src/http/pantry.js', recommended)).toEqual(['11 api-security/no-unauthenticated-route']);
      expect(await lint(koaProject(attach, serverWith('app.use(needsToken);')), 'src/http/pantry.js', strict)).toEqual([]);
    }
  });

  it('a loop over a list that is not written out names no router: the mount stays unknown', async () => {
    const attach = `const recipes = require('./recipes');
const pantry = require('./pantry');
const { enabled } = require('./features');

module.exports = function attach(app) {
  const routers = enabled([recipes, pantry]);
  for (const r of routers) {
    app.use(r.routes());
  }
};
`;
    const files = { ...koaProject(attach, serverWith('')), 'src/http/features.js': 'exports.enabled = (list) => list.filter(Boolean);\n' };
    // Unknown: recommended stays quiet, strict says the mount was not found.
    expect(await lint(files, 'src/http/recipes.js', recommended)).toEqual([]);
    const messages = await lintProjectFile(writeProject(files, { name: 'kitchen' }), 'src/http/recipes.js', strict);
    expect(messages.map((message) => message.message)).toEqual([expect.stringContaining('whose mount was not found')]);
  });
});

const EXPRESS_GATE = `const jwt = require('jsonwebtoken');

module.exports = function gate(req, res, next) {
  try {
    req.member = jwt.verify(String(req.headers.authorization).slice(7), process.env.TOKEN_KEY);
    return next();
  } catch {
    return res.status(401).json({ error: 'sign in first' });
  }
};
`;

const EXPRESS_BOOKINGS = `const express = require('express');
const db = require('../db');

const bookings = express.Router();

bookings.delete('/:id', async (req, res) => {
  await db.query('DELETE FROM bookings WHERE id = $1', [req.params.id]);
  res.status(204).end();
});

module.exports = bookings;
`;

function expressProject(mountLine: string): Record<string, string> {
  return {
    'src/gate.js': EXPRESS_GATE,
    'src/db.js': "const { Pool } = require('pg');\nmodule.exports = new Pool();\n",
    'src/routes/bookings.js': EXPRESS_BOOKINGS,
    'src/routes/rooms.js': EXPRESS_BOOKINGS.replace(/bookings/gu, 'rooms'),
    'src/main.js': `const express = require('express');
const gate = require('./gate');
const bookings = require('./routes/bookings');
const rooms = require('./routes/rooms');

const app = express();
app.use(express.json());
${mountLine}
app.listen(3000);
`,
  };
}

describe('no-unauthenticated-route: Express loops over [path, router] pairs', () => {
  it('for…of over pairs without the gate: reported; with the gate in the mount: quiet', async () => {
    expect(await lint(expressProject("for (const [at, router] of [['/bookings', bookings], ['/rooms', rooms]]) app.use(at, router);"), 'src/routes/rooms.js', recommended)).toEqual([
      '6 api-security/no-unauthenticated-route',
    ]);
    expect(await lint(expressProject("for (const [at, router] of [['/bookings', bookings], ['/rooms', rooms]]) app.use(at, gate, router);"), 'src/routes/rooms.js', strict)).toEqual([]);
  });

  it('forEach over pairs without the gate: reported; with the gate in the mount: quiet', async () => {
    expect(await lint(expressProject("[['/bookings', bookings], ['/rooms', rooms]].forEach(([at, router]) => app.use(at, router));"), 'src/routes/bookings.js', recommended)).toEqual([
      '6 api-security/no-unauthenticated-route',
    ]);
    expect(await lint(expressProject("[['/bookings', bookings], ['/rooms', rooms]].forEach(([at, router]) => app.use(at, gate, router));"), 'src/routes/bookings.js', strict)).toEqual([]);
  });

  it('a for…of over a list of routers under one path, in a function the app calls', async () => {
    const files = (beforeCall: string): Record<string, string> => ({
      ...expressProject(''),
      'src/routes/index.js': "const bookings = require('./bookings');\nconst rooms = require('./rooms');\n\nmodule.exports = function attachAll(app) {\n  for (const router of [bookings, rooms]) app.use('/api', router);\n};\n",
      'src/main.js': `const express = require('express');\nconst gate = require('./gate');\nconst attachAll = require('./routes');\n\nconst app = express();\n${beforeCall}\nattachAll(app);\napp.listen(3000);\n`,
    });
    expect(await lint(files(''), 'src/routes/rooms.js', recommended)).toEqual(['6 api-security/no-unauthenticated-route']);
    expect(await lint(files('app.use(gate);'), 'src/routes/rooms.js', strict)).toEqual([]);
  });
});
