import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A service module that re-exports a repository's functions as members of its export object
 * (`module.exports = { getUser: usersRepo.findById }`): a call through the service runs the
 * repository's function, so taint and exposure follow it there.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-whole-object-response': 'error',
};

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}`);
}

const project = {
  'repositories/accounts.js': `'use strict';
const { Pool } = require('pg');
const pool = new Pool();

exports.findById = async (id) => {
  const { rows } = await pool.query(\`select id, name from accounts where id = \${id}\`);
  return rows[0];
};

exports.findByEmail = async (email) => {
  const { rows } = await pool.query('select id, name from accounts where email = $1', [email]);
  return rows[0];
};

exports.listAll = async () => {
  const { rows } = await pool.query('select * from accounts');
  return rows;
};

exports.listNames = async () => {
  const { rows } = await pool.query('select id, name from accounts');
  return rows;
};
`,
  'services/accounts.js': `'use strict';
const accountsRepo = require('../repositories/accounts');

function describeAccount(account) {
  return account.name;
}

module.exports = { describeAccount, getAccount: accountsRepo.findById, getByEmail: accountsRepo.findByEmail,
  listAccounts: accountsRepo.listAll,
  listNames: accountsRepo.listNames,
};
`,
  'routes/accounts.js': `'use strict';
const express = require('express');
const accounts = require('../services/accounts');

const router = express.Router();

router.get('/accounts/:id', async (req, res) => {
  res.json(await accounts.getAccount(req.params.id));
});

router.get('/accounts/by-email/:email', async (req, res) => {
  res.json(await accounts.getByEmail(req.params.email));
});

router.get('/accounts', async (req, res) => {
  res.json(await accounts.listAccounts());
});

router.get('/account-names', async (req, res) => {
  res.json(await accounts.listNames());
});

module.exports = router;
`,
};

describe('CommonJS export objects holding members of a required module', () => {
  it('follows a service member to the repository function it names', async () => {
    const dir = writeProject(project, { name: 'crm' });
    // The id reaches the repository's template; the e-mail is bound as a parameter.
    expect(await findings(dir, 'repositories/accounts.js')).toEqual(['6 api-security/no-sql-injection']);
    // Every column of the table is sent; the projection of the other list is not.
    expect(await findings(dir, 'routes/accounts.js')).toEqual(['16 api-security/no-whole-object-response']);
  });

  it('follows `exports.name = repo.member` and an ESM namespace import the same way', async () => {
    const dir = writeProject({
      'repo.mjs': `import pg from 'pg';
const pool = new pg.Pool();
export async function findById(id) {
  const { rows } = await pool.query(\`select 1 from t where id = \${id}\`);
  return rows;
}
`,
      'service.mjs': `import * as repo from './repo.mjs';
export const lookup = repo.findById;
`,
      'service.cjs': `const repo = require('./repo.mjs');
exports.lookup = repo.findById;
`,
      'app.mjs': `import express from 'express';
import { lookup } from './service.mjs';
const app = express();
app.get('/t/:id', async (req, res) => res.json(await lookup(req.params.id)));
`,
      'app.cjs': `const express = require('express');
const service = require('./service.cjs');
const app = express();
app.get('/t/:id', async (req, res) => res.json(await service.lookup(req.query.id)));
`,
    }, { name: 'esm', type: 'module' });
    const messages = await lintProjectFile(dir, 'repo.mjs', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}`)).toEqual(['4 api-security/no-sql-injection']);
    expect(messages[0]?.message).toMatch(/req\.(params|query)\.id/u);
  });

  it('does not follow a member of a package or of a non-module value', async () => {
    const dir = writeProject({
      'repo.js': `const { Pool } = require('pg');
const pool = new Pool();
const helpers = { findById: (id) => pool.query('select 1 from t where id = $1', [id]) };
module.exports = { findById: helpers.findById, escape: require('pg').escapeLiteral };
`,
      'app.js': `const express = require('express');
const repo = require('./repo');
const app = express();
app.get('/t/:id', async (req, res) => res.json(await repo.findById(req.params.id)));
`,
    }, { name: 'safe' });
    expect(await findings(dir, 'repo.js')).toEqual([]);
  });
});
