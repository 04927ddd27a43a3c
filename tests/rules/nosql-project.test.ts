import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

/*
 * A filter method on a model defined in another file (`models.ApiKey.findOne({ secret })`) is a
 * MongoDB filter only in a project that talks to MongoDB. The project's package.json decides:
 * one that declares no MongoDB package stores its records with SQL query builders, where an
 * object in the filter is not an operator. Without a package.json the rule keeps reporting.
 */

const handler = `const express = require('express');
const models = require('../models');
const app = express();
app.get('/keys', async (req, res) => {
  const key = await models.ApiKey.findOne({ secret: req.query.key });
  res.json({ found: Boolean(key) });
});
`;

const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-nosql-project-'));

function project(name: string, dependencies: Record<string, string> | null, code = handler): string {
  const dir = path.join(temp, name);
  mkdirSync(path.join(dir, 'routes'), { recursive: true });
  if (dependencies) writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, dependencies }));
  const file = path.join(dir, 'routes', 'keys.js');
  writeFileSync(file, code);
  return file;
}

async function findings(file: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: path.dirname(file),
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.js'], plugins: { 'api-security': plugin as never }, rules: { 'api-security/no-nosql-injection': 'error' } }],
  });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).map((message) => `${String(message.line)} ${message.ruleId ?? message.message}`);
}

describe('no-nosql-injection: the project decides what a model from another file is', () => {
  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('is not a MongoDB filter in a project that stores records with knex and Bookshelf', async () => {
    expect(await findings(project('sql-app', { express: '^5.0.0', knex: '^3.0.0', bookshelf: '^1.2.0' }))).toEqual([]);
  });

  it('is a MongoDB filter in a project that depends on mongoose', async () => {
    expect(await findings(project('mongo-app', { express: '^4.21.0', mongoose: '^9.0.0' }))).toEqual(['5 api-security/no-nosql-injection']);
  });

  it('is a MongoDB filter when no package.json says otherwise', async () => {
    expect(await findings(project('loose-file', null))).toEqual(['5 api-security/no-nosql-injection']);
  });

  it('still reports a model the file itself makes with mongoose, whatever the manifest says', async () => {
    const code = handler
      .replace("const models = require('../models');", "const mongoose = require('mongoose');\nconst ApiKey = mongoose.model('ApiKey');")
      .replace('models.ApiKey.findOne', 'ApiKey.findOne');
    expect(await findings(project('undeclared-mongoose', { express: '^4.21.0', knex: '^3.0.0' }, code))).toEqual(['6 api-security/no-nosql-injection']);
  });
});
