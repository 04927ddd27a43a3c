import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/require-role-check.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * require-role-check on the middleware of an authorization library (express-jwt-authz's
 * `jwtAuthz(scopes)` answers 403 unless the verified token carries the scopes) and on a factory of
 * the project that returns one. A call that requires nothing (an empty list), a factory that
 * returns something else, or an authentication middleware alone stays reported.
 */

const ruleTester = new RuleTester();

const header = `const express = require('express');
const { expressjwt } = require('express-jwt');
const jwtAuthz = require('express-jwt-authz');
const app = express();
const verified = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
`;

ruleTester.run('require-role-check (authorization library middleware)', rule, {
  valid: [
    {
      name: 'jwtAuthz given the scopes inline',
      code: `${header}app.delete('/admin/tenants/:id', verified, jwtAuthz(['tenants:delete']), (req, res) => res.sendStatus(204));`,
    },
    {
      name: 'a factory of the file that returns jwtAuthz with the scopes it is given',
      code: `${header}const needs = (...scopes) => jwtAuthz(scopes, { customScopeKey: 'permissions', checkAllScopes: true });
app.post('/admin/plans', verified, needs('plans:write'), (req, res) => res.sendStatus(201));`,
    },
  ],
  invalid: [
    {
      name: 'jwtAuthz given an empty list requires nothing',
      code: `${header}app.delete('/admin/tenants/:id', verified, jwtAuthz([]), (req, res) => res.sendStatus(204));`,
      errors: [{ messageId: 'missingRoleCheck' }],
    },
    {
      name: 'a factory that returns the token check alone checks no scope',
      code: `${header}const needs = (...scopes) => verified;
app.post('/admin/plans', verified, needs('plans:write'), (req, res) => res.sendStatus(201));`,
      errors: [{ messageId: 'missingRoleCheck' }],
    },
    {
      name: 'a function of another package named like jwtAuthz is no role check',
      code: `const express = require('express');
const { expressjwt } = require('express-jwt');
const jwtAuthz = require('./not-authz-at-all');
const app = express();
const verified = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
app.delete('/admin/tenants/:id', verified, jwtAuthz(['tenants:delete']), (req, res) => res.sendStatus(204));`,
      errors: [{ messageId: 'missingRoleCheck' }],
    },
  ],
});

describe('a role factory of another file that returns jwtAuthz', () => {
  it('counts as the route\'s role check; the token check of the same file does not', async () => {
    const dir = writeProject(
      {
        'src/guards.js': `const { expressjwt } = require('express-jwt');
const jwtAuthz = require('express-jwt-authz');
const tokenChecked = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
function withScopes(...scopes) {
  return jwtAuthz(scopes, { failWithError: true });
}
function withToken() {
  return tokenChecked;
}
module.exports = { tokenChecked, withScopes, withToken };
`,
        'src/app.js': `const express = require('express');
const { tokenChecked, withScopes, withToken } = require('./guards');
const app = express();
app.get('/api/admin/ledger', tokenChecked, withScopes('ledger:read'), (req, res) => res.json([]));
app.get('/api/admin/payouts', tokenChecked, withToken(), (req, res) => res.json([]));
module.exports = app;
`,
      },
      { name: 'app' },
    );
    expect(summary(await lintProjectFile(dir, 'src/app.js', { 'api-security/require-role-check': 'error' }))).toEqual(['5 api-security/require-role-check']);
  });
});
