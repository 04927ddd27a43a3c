import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { parseProjectText } from '../../src/analysis/project/parse.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * How the project model reads another file: JavaScript with espree and eslint-scope (as ESLint
 * reads it when it lints that file), falling back to typescript-estree for what espree rejects;
 * TypeScript with typescript-estree. Without tokens or comments, which no analysis of another
 * file reads.
 */

const rules: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };

/** The reference of the identifier that starts `name`'s last occurrence in `code`, read as `file`. */
function referenceAt(file: string, code: string, name: string): TSESLint.Scope.Reference | undefined {
  const module = parseProjectText(file, code);
  expect(module).not.toBeNull();
  const offset = code.lastIndexOf(name);
  const all = module!.sourceCode.scopeManager!.scopes.flatMap((scope) => scope.references);
  return all.find((reference) => reference.identifier.range[0] === offset);
}

describe('reading another file of the project', () => {
  it('reads a module, CommonJS with a top-level return and legacy octals, and a .js file with decorators', () => {
    const esm = parseProjectText('/p/a.js', "import pg from 'pg';\nexport const pool = new pg.Pool();\n");
    const cjs = parseProjectText('/p/b.js', "const fs = require('fs');\nif (!fs) return;\nfs.chmodSync('x', 0644);\nmodule.exports = { fs };\n");
    const decorated = parseProjectText('/p/c.js', "import { Controller } from '@nestjs/common';\n@Controller('users')\nexport class Users {}\n");
    for (const module of [esm, cjs, decorated]) {
      expect(module).not.toBeNull();
      expect(module!.program.tokens).toEqual([]);
      expect(module!.program.comments).toEqual([]);
    }
    // Every node has its parent, as under ESLint.
    const statement = cjs!.program.body[1]!;
    expect(statement.parent).toBe(cjs!.program);
  });

  it('reads the text of a node of a file that starts with a byte order mark where it is', () => {
    for (const file of ['/p/bom.js', '/p/bom.ts']) {
      const module = parseProjectText(file, "\uFEFFmodule.exports.isName = function (name) { return typeof name === 'string'; };\n");
      expect(module).not.toBeNull();
      const [statement] = module!.program.body;
      expect(module!.sourceCode.getText(statement!)).toBe("module.exports.isName = function (name) { return typeof name === 'string'; };");
    }
  });

  it('resolves references inside the newest syntax espree reads (static blocks, private fields, optional chains)', () => {
    const code = [
      "import db from './db.js';",
      'export class Repo {',
      '  static #cache = new Map();',
      '  static { Repo.#cache.clear(); }',
      '  #table = "users";',
      '  find(id) { return db?.query?.(`SELECT * FROM ${this.#table} WHERE id = ${id}`); }',
      '}',
    ].join('\n');
    const reference = referenceAt('/p/repo.js', code, 'db?.query');
    expect(reference?.resolved?.scope.type).toBe('module');
    const inBlock = referenceAt('/p/repo.js', code, 'Repo.#cache.clear');
    expect(inBlock?.resolved?.name).toBe('Repo');
    const parameter = referenceAt('/p/repo.js', code, 'id}`');
    expect(parameter?.resolved?.scope.type).toBe('function');
  });

  it('gives CommonJS its function scope and a module its module scope', () => {
    const cjs = referenceAt('/p/b.cjs', "const db = require('./db');\nfunction find(id) { return db.query(id); }\n", 'db.query');
    expect(cjs?.resolved?.scope.type).toBe('function');
    const esm = referenceAt('/p/a.mjs', "import db from './db.js';\nexport function find(id) { return db.query(id); }\n", 'db.query');
    expect(esm?.resolved?.scope.type).toBe('module');
  });

  it('follows request input through a CommonJS importer espree reads only as CommonJS', async () => {
    const dir = writeProject(
      {
        'src/users.repository.js': [
          "const { Pool } = require('pg');",
          'const pool = new Pool();',
          'exports.findByName = function findByName(name) {',
          "  return pool.query(\"SELECT * FROM users WHERE name = '\" + name + \"'\");",
          '};',
          '',
        ].join('\n'),
        'src/users.controller.js': [
          "const express = require('express');",
          "const repo = require('./users.repository');",
          'const router = express.Router();',
          'if (!router) return;',
          "router.get('/users', async (req, res) => res.json(await repo.findByName(req.query.name)));",
          'module.exports = router;',
          '',
        ].join('\n'),
      },
      { name: 'app', type: 'commonjs' },
    );
    const messages = await lintProjectFile(dir, 'src/users.repository.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}`)).toEqual(['4 api-security/no-sql-injection']);
    expect(messages[0]!.message).toContain(`in ${path.join('src', 'users.controller.js').split(path.sep).join('/')} (line 5)`);
  });
});
