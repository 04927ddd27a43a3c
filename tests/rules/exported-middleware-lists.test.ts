import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A list of middleware kept in another module (`module.exports.staffOnly = [access.identify.staff,
 * headers.noStore]`) and put in front of routes by name (`guards.staffOnly`) is judged element by
 * element, by their definitions: it authenticates when one of them does. An element is often
 * reached through a module whose export object loads its parts lazily, with getters (`get
 * identify() { return require('./identify') }`): the getter's returned module is read as a plain
 * property `identify: require('./identify')` would be. An element whose definition cannot be found
 * leaves the list (and the route) unjudged, reported by `strict` only, never "no auth middleware";
 * a list of middleware all in view, none of which authenticates, leaves the route unauthenticated.
 */

const strict = plugin.configs.strict.rules?.['api-security/no-unauthenticated-route'] as Linter.RuleEntry;
const configs: Record<'recommended' | 'strict', Linter.RulesRecord> = {
  recommended: { 'api-security/no-unauthenticated-route': 'error' },
  strict: { 'api-security/no-unauthenticated-route': strict },
};

async function lint(files: Record<string, string>, config: 'recommended' | 'strict'): Promise<string[]> {
  const dir = writeProject(files, { name: 'app' });
  const messages = await lintProjectFile(dir, 'app.cjs', configs[config]);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

/** The routes: a write and a read behind the list another module exports. */
const app = (list = 'guards.staffOnly'): string => `const express = require('express');
const guards = require('./http/guards.cjs');
const db = require('./db.cjs');
const app = express();
app.post('/invoices', ${list}, async (req, res) => res.status(201).json(await db.insert('invoices', req.body)));
app.get('/invoices', ${list}, async (req, res) => res.json(await db.list('invoices')));
module.exports = app;
`;

const db = `module.exports = { insert: async (table, row) => row, list: async (table) => [] };\n`;

/** Checks the staff token, and turns a request without a valid one away. */
const identify = `const jwt = require('jsonwebtoken');
function bearerStaff(req, res, next) {
  const header = req.headers.authorization || '';
  try {
    req.staff = jwt.verify(header.replace(/^Bearer /, ''), process.env.STAFF_TOKEN_KEY);
  } catch {
    return res.status(401).json({ error: 'staff token required' });
  }
  next();
}
const staff = { viaToken: [bearerStaff] };
module.exports = staff;
`;

/** Sets a response header and lets every request through. */
const headers = `module.exports.noStore = function noStore(req, res, next) {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
`;

/** The auth module: its parts loaded lazily, through getters. */
const lazyIndex = (identifyFile = './identify.cjs'): string => `module.exports = {
  get identify() {
    return require('${identifyFile}');
  },
  get headers() {
    return require('../http/headers.cjs');
  },
};
`;

const guards = (elements: string): string => `const access = require('../access/index.cjs');
const headers = require('./headers.cjs');
module.exports.staffOnly = [${elements}];
`;

const project = (overrides: Record<string, string>): Record<string, string> => ({
  'app.cjs': app(),
  'db.cjs': db,
  'http/headers.cjs': headers,
  'access/index.cjs': lazyIndex(),
  'access/identify.cjs': identify,
  'http/guards.cjs': guards('access.identify.viaToken, headers.noStore'),
  ...overrides,
});

describe('no-unauthenticated-route: middleware lists exported by another module', () => {
  it('authenticates through a getter-exported auth module whose element verifies a token', async () => {
    const files = project({});
    expect(await lint(files, 'strict')).toEqual([]);
    expect(await lint(files, 'recommended')).toEqual([]);
  });

  it('reads a getter that returns a module the same as a plain property holding it', async () => {
    const files = project({
      'access/index.cjs': "module.exports = { identify: require('./identify.cjs') };\n",
    });
    expect(await lint(files, 'strict')).toEqual([]);
  });

  it('reads a getter that returns a function of its module, or an imported binding', async () => {
    const files = project({
      'access/index.cjs': `const { viaToken } = require('./identify.cjs');
const token = require('./identify.cjs');
module.exports = {
  get staff() {
    return viaToken;
  },
  get whole() {
    return token;
  },
};
`,
      'http/guards.cjs': "const access = require('../access/index.cjs');\nmodule.exports.staffOnly = [access.staff];\n",
    });
    expect(await lint(files, 'strict')).toEqual([]);
    expect(await lint({ ...files, 'http/guards.cjs': "const access = require('../access/index.cjs');\nmodule.exports.staffOnly = [access.whole.viaToken];\n" }, 'strict')).toEqual([]);
  });

  it('reads a member assigned to the exported object after it is created', async () => {
    const built = (assignments: string): Record<string, string> => project({
      'access/identify.cjs': `const jwt = require('jsonwebtoken');
const staff = {};
function bearerStaff(req, res, next) {
  try {
    req.staff = jwt.verify(req.headers.authorization || '', process.env.STAFF_TOKEN_KEY);
  } catch {
    return res.status(401).end();
  }
  next();
}
function stamp(req, res, next) {
  res.setHeader('X-Staff-Area', '1');
  next();
}
${assignments}
module.exports = staff;
`,
    });
    expect(await lint(built('staff.viaToken = bearerStaff;'), 'strict')).toEqual([]);
    // A pass-through assigned instead: judged by what it does, not by the member's name.
    expect(await lint(built('staff.viaToken = stamp;'), 'strict')).toEqual(['5 unauthenticatedRoute', '6 unauthenticatedRoute']);
    // Assigned twice: which one runs depends on the order of loading.
    expect(await lint(built('staff.viaToken = bearerStaff;\nstaff.viaToken = stamp;'), 'strict')).toEqual(['5 unknownAuth', '6 unknownAuth']);
  });

  it('still reports when the getter returns a module whose middleware only sets a header', async () => {
    const files = project({
      'access/index.cjs': lazyIndex('./stamp.cjs'),
      'access/stamp.cjs': `function bearerStaff(req, res, next) {
  res.setHeader('X-Staff-Area', '1');
  next();
}
module.exports = { viaToken: [bearerStaff] };
`,
    });
    expect(await lint(files, 'strict')).toEqual(['5 unauthenticatedRoute', '6 unauthenticatedRoute']);
    expect(await lint(files, 'recommended')).toEqual(['5 unauthenticatedRoute']);
  });

  it('still reports when the getter-exported element is named like authentication but calls next only', async () => {
    const files = project({
      'access/identify.cjs': 'module.exports = { viaToken: [function requireStaffToken(req, res, next) { next(); }] };\n',
    });
    expect(await lint(files, 'strict')).toEqual(['5 unauthenticatedRoute', '6 unauthenticatedRoute']);
  });

  it('reports a list of middleware all in view, none of which authenticates, as before', async () => {
    const files = project({
      'http/guards.cjs': `const cors = require('cors');
const headers = require('./headers.cjs');
module.exports.staffOnly = [cors(), headers.noStore];
`,
    });
    expect(await lint(files, 'strict')).toEqual(['5 unauthenticatedRoute', '6 unauthenticatedRoute']);
    expect(await lint(files, 'recommended')).toEqual(['5 unauthenticatedRoute']);
  });

  it('leaves a list with an element whose module cannot be found unjudged (strict only)', async () => {
    const files = project({ 'http/guards.cjs': guards("require('../access/missing.cjs').staffCheck, headers.noStore") });
    expect(await lint(files, 'strict')).toEqual(['5 unknownAuth', '6 unknownAuth']);
    expect(await lint(files, 'recommended')).toEqual([]);
  });

  it('leaves a list with an element that is a member of a value built at run time unjudged (strict only)', async () => {
    const files = project({
      'http/guards.cjs': `const headers = require('./headers.cjs');
const plugins = loadPlugins(process.env.PLUGINS);
module.exports.staffOnly = [headers.noStore, plugins.staffCheck];
`,
    });
    expect(await lint(files, 'strict')).toEqual(['5 unknownAuth', '6 unknownAuth']);
    expect(await lint(files, 'recommended')).toEqual([]);
  });

  it('leaves a list unjudged when a getter returns something other than a module or a value of its file', async () => {
    const files = project({
      'access/index.cjs': `module.exports = {
  get identify() {
    return process.env.LEGACY ? require('./legacy.cjs') : require('./identify.cjs');
  },
};
`,
    });
    expect(await lint(files, 'strict')).toEqual(['5 unknownAuth', '6 unknownAuth']);
  });

  it('does not take an element that skips some paths (`.unless`) as authentication of every route', async () => {
    const files = project({
      'access/identify.cjs': identify.replace(
        'const staff = { viaToken: [bearerStaff] };',
        "bearerStaff.unless = require('express-unless').unless;\nconst staff = { viaToken: [bearerStaff.unless({ path: ['/invoices'] })] };",
      ),
    });
    expect(await lint(files, 'strict')).toEqual(['5 unknownAuth', '6 unknownAuth']);
    const [first] = await lintProjectFile(writeProject(files, { name: 'app' }), 'app.cjs', configs.strict);
    expect(first?.message).toContain("whose definition (its element `bearerStaff.unless()`, which skips the paths it lists)");
  });

  it('ends on a list that holds itself through another module, unjudged', async () => {
    const files = project({
      'http/guards.cjs': "const more = require('./more.cjs');\nconst headers = require('./headers.cjs');\nmodule.exports.staffOnly = [headers.noStore, more.chain];\n",
      'http/more.cjs': "const guards = require('./guards.cjs');\nmodule.exports.chain = [guards.staffOnly];\n",
    });
    expect(await lint(files, 'strict')).toEqual(['5 unknownAuth', '6 unknownAuth']);
    expect(await lint(files, 'recommended')).toEqual([]);
  });

  it('judges a list held in a constant of the route file the same as one exported by another module', async () => {
    const inFile = (elements: string): string => `const express = require('express');
const headers = require('./http/headers.cjs');
const db = require('./db.cjs');
const plugins = loadPlugins(process.env.PLUGINS);
const staffOnly = [${elements}];
const app = express();
app.post('/invoices', staffOnly, async (req, res) => res.status(201).json(await db.insert('invoices', req.body)));
module.exports = app;
`;
    expect(await lint(project({ 'app.cjs': inFile('headers.noStore, plugins.staffCheck') }), 'strict')).toEqual(['7 unknownAuth']);
    expect(await lint(project({ 'app.cjs': inFile('headers.noStore, plugins.staffCheck') }), 'recommended')).toEqual([]);
    expect(await lint(project({ 'app.cjs': inFile('headers.noStore') }), 'strict')).toEqual(['7 unauthenticatedRoute']);
  });

  it('names the element out of view and the list the route uses', async () => {
    const dir = writeProject(project({ 'http/guards.cjs': guards("require('../access/missing.cjs').staffCheck, headers.noStore") }), { name: 'app' });
    const [first] = await lintProjectFile(dir, 'app.cjs', configs.strict);
    expect(first?.message).toBe(
      "POST /invoices (express) relies on `guards.staffOnly` for authentication, whose definition (its element `require('../access/missing.cjs').staffCheck`: `../access/missing.cjs`) is out of view: it cannot be judged whether it rejects unauthenticated requests. Check that it does, or list it in `settings['api-security'].authMiddleware`.",
    );
  });
});
