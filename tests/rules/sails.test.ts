import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Sails.js v1: a controller file of `api/controllers` is an actions2 action (`inputs`, `fn`) or a
 * classic controller; `config/routes.js` gives its routes, `config/policies.js` the policies that
 * run first, each judged by its body in `api/policies/`. The `fn`'s argument holds the declared
 * inputs (bounded by their type and validation rules), `this.req` / `this.res` the request and
 * response. Only in a project that depends on `sails`.
 */

const sails = { name: 'shelf', dependencies: { sails: '^1.5.11' } };
const rules: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': 'error',
  'api-security/require-role-check': 'error',
  'api-security/no-command-injection': 'error',
  'api-security/no-open-redirect': 'error',
  'api-security/no-reflected-xss': 'error',
  'api-security/no-sql-injection': 'error',
  'api-security/no-mass-assignment': 'error',
};

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

const routes = `module.exports.routes = {
  'POST /api/loans/:id/renew': { action: 'loans/renew-loan' },
  'post /api/books/import': { action: 'catalog/import-books' },
  'GET /api/staff/members': { action: 'staff/list-members' },
  'DELETE /api/staff/members/:id': 'staff/remove-member',
  'GET /api/books': 'BookController.search',
  'GET /api/books/:id/cover': { controller: 'BookController', action: 'cover' },
};
`;

const policies = `module.exports.policies = {
  '*': 'must-be-signed-in',
  'catalog/*': true,
  'staff/*': ['must-be-signed-in', 'must-be-librarian'],
  'staff/remove-member': 'only-logs',
  BookController: { search: true, cover: false },
};
`;

const signedIn = `module.exports = async function (req, res, proceed) {
  if (!req.session.userId) return res.unauthorized();
  return proceed();
};
`;
const librarian = `module.exports = async function (req, res, proceed) {
  if (!req.me) return res.unauthorized();
  if (!req.me.isSuperAdmin) return res.forbidden();
  return proceed();
};
`;
// A policy named like an authentication that turns nobody away.
const onlyLogs = `module.exports = async function (req, res, proceed) {
  sails.log.info('member removal by', req.ip);
  return proceed();
};
`;

const renew = `module.exports = {
  friendlyName: 'Renew loan',
  inputs: { id: { type: 'number', required: true } },
  fn: async function ({ id }) {
    await Loan.updateOne({ id, borrower: this.req.session.userId }).set({ renewed: true });
    return { id };
  },
};
`;

const importBooks = `const { exec } = require('child_process');
module.exports = {
  friendlyName: 'Import books',
  inputs: { feed: { type: 'string', required: true } },
  fn: async function ({ feed }) {
    exec('curl -s ' + feed + ' | ./bin/import');
    return { started: true };
  },
};
`;

const listMembers = `module.exports = {
  description: 'Every member, for the librarians.',
  fn: async function () {
    return Member.find().select(['id', 'fullName']);
  },
};
`;

const removeMember = `module.exports = {
  inputs: { id: { type: 'number', required: true } },
  fn: async function ({ id }) {
    await Member.destroyOne({ id });
    return { removed: id };
  },
};
`;

const bookController = `module.exports = {
  search: async function (req, res) {
    return res.json(await Book.find({ title: { contains: String(req.param('q') || '') } }));
  },
  cover: async function (req, res) {
    return res.json(await Book.findOne({ id: req.param('id') }));
  },
};
`;

function project(extra: Record<string, string> = {}): string {
  return writeProject({
    'config/routes.js': routes,
    'config/policies.js': policies,
    'api/policies/must-be-signed-in.js': signedIn,
    'api/policies/must-be-librarian.js': librarian,
    'api/policies/only-logs.js': onlyLogs,
    'api/controllers/loans/renew-loan.js': renew,
    'api/controllers/catalog/import-books.js': importBooks,
    'api/controllers/staff/list-members.js': listMembers,
    'api/controllers/staff/remove-member.js': removeMember,
    'api/controllers/BookController.js': bookController,
    ...extra,
  }, sails);
}

describe('Sails routes and policies', () => {
  it('authenticates an action behind a policy whose body refuses requests without a session', async () => {
    expect(await lint(project(), 'api/controllers/loans/renew-loan.js')).toEqual([]);
  });

  it('reports an action its policies map to `true` (no policy runs), at the path of config/routes.js', async () => {
    const messages = await lintProjectFile(project(), 'api/controllers/catalog/import-books.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['5 unauthenticatedRoute', '6 commandInjection']);
    expect(messages[0]?.message).toContain('POST /api/books/import (sails)');
  });

  it('accepts policies that authenticate and check the administrator flag, in a list', async () => {
    expect(await lint(project(), 'api/controllers/staff/list-members.js')).toEqual([]);
  });

  it('asks for a role on an admin path when the policy only signs in', async () => {
    const dir = project({ 'config/routes.js': routes.replace("'GET /api/staff/members'", "'GET /api/admin/members'"), 'config/policies.js': policies.replace("['must-be-signed-in', 'must-be-librarian']", "'must-be-signed-in'") });
    expect(await lint(dir, 'api/controllers/staff/list-members.js')).toEqual(['3 missingRoleCheck']);
  });

  it('keeps reporting an action whose exact mapping names a policy that turns nobody away', async () => {
    expect(await lint(project(), 'api/controllers/staff/remove-member.js')).toEqual(['3 unauthenticatedRoute']);
  });

  it('reads a classic controller routed by `Controller.action` and by `{ controller, action }`: `true` open, `false` closed', async () => {
    expect(await lint(project(), 'api/controllers/BookController.js')).toEqual(['2 unauthenticatedRoute']);
  });

  it('leaves a policy without a file unjudged, not unauthenticated', async () => {
    const dir = project({ 'config/policies.js': policies.replace("'catalog/*': true", "'catalog/*': 'from-a-hook'") });
    expect(await lint(dir, 'api/controllers/catalog/import-books.js')).toEqual(['6 commandInjection']);
  });

  it('reads no route where the project does not depend on sails', async () => {
    const files = { 'config/routes.js': routes, 'config/policies.js': policies, 'api/controllers/catalog/import-books.js': importBooks };
    expect(await lint(writeProject(files, { name: 'shelf' }), 'api/controllers/catalog/import-books.js')).toEqual([]);
  });

  it('reports the flows of an action no route names, without a route', async () => {
    const dir = project({ 'api/controllers/catalog/reindex.js': importBooks });
    expect(await lint(dir, 'api/controllers/catalog/reindex.js')).toEqual(['6 commandInjection']);
  });
});

const action = (inputs: string, body: string, head = ''): string => `${head}module.exports = {
  friendlyName: 'Print label',
  inputs: { ${inputs} },
  fn: async function ({ label }) {
    ${body}
  },
};
`;
const spawnHead = "const { spawn } = require('child_process');\n";
const printLabel = "spawn('sh', ['-c', `lpr -T ${label}`]); return { queued: true };";

describe('Sails action inputs', () => {
  const lintAction = async (text: string, extra: Record<string, string> = {}): Promise<string[]> => {
    const dir = writeProject({ 'config/routes.js': "module.exports.routes = { 'POST /labels': { action: 'labels/print' } };\n", 'config/policies.js': "module.exports.policies = { '*': 'signed-in' };\n", 'api/policies/signed-in.js': signedIn, 'api/controllers/labels/print.js': text, ...extra }, sails);
    return lint(dir, 'api/controllers/labels/print.js');
  };

  it('reports a string input that reaches a shell', async () => {
    expect(await lintAction(action("label: { type: 'string', required: true }", printLabel, spawnHead))).toEqual(['6 commandInjection']);
  });

  it.each([
    ['a number', "label: { type: 'number' }"],
    ['a boolean', "label: { type: 'boolean' }"],
    ['a fixed list', "label: { type: 'string', isIn: ['a4', 'letter'] }"],
    ['an anchored pattern', "label: { type: 'string', regex: /^[a-z0-9-]+$/ }"],
  ])('leaves %s alone', async (_name, inputs) => {
    expect(await lintAction(action(inputs, printLabel, spawnHead))).toEqual([]);
  });

  it.each([
    ['an unanchored pattern', "label: { type: 'string', regex: /[a-z]/ }"],
    ['a json input', "label: { type: 'json' }"],
    ['a pattern on a ref input', "label: { type: 'ref', regex: /^[a-z]+$/ }"],
    ['an e-mail address', "label: { type: 'string', isEmail: true }"],
    ['an input not declared', "other: { type: 'number' }"],
  ])('still reports %s', async (_name, inputs) => {
    expect(await lintAction(action(inputs, printLabel, spawnHead))).toEqual(['6 commandInjection']);
  });

  it('reads this.req and this.res as the request and response, in arrow functions too', async () => {
    const body = "const next = this.req.param('next'); return [1].map(() => this.res.redirect(next))[0];";
    expect(await lintAction(action("label: { type: 'number' }", body))).toEqual(['5 openRedirect']);
  });

  it('does not take the this of a nested function for the action', async () => {
    const body = "const holder = { req: { param: () => '/home' }, res: { redirect() {} }, go: function () { return this.res.redirect(this.req.param('next')); } }; return holder.go();";
    expect(await lintAction(action("label: { type: 'number' }", body))).toEqual([]);
  });

  it('reports an input sent as HTML by this.res.send', async () => {
    expect(await lintAction(action("label: { type: 'string' }", 'return this.res.status(404).send(`<h1>No label ${label}</h1>`);'))).toEqual(['5 reflectedXss']);
  });

  it('reports SQL text built for sails.sendNativeQuery, not bound values', async () => {
    const body = "await sails.sendNativeQuery('DELETE FROM label WHERE name = $1', [label]);\n    await sails.sendNativeQuery(`INSERT INTO label (name) VALUES ('${label}')`);";
    expect(await lintAction(action("label: { type: 'string' }", body))).toEqual(['6 sqlInjection']);
  });

  it('reports this.req.allParams() written whole, not the declared inputs', async () => {
    const body = 'await User.updateOne({ id: this.req.session.userId }).set(this.req.allParams());\n    await User.updateOne({ id: this.req.session.userId }).set({ label });';
    expect(await lintAction(action("label: { type: 'string' }", body))).toEqual(['5 massAssignment']);
  });
});
