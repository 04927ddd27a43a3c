import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import type { Linter } from 'eslint';
import rule from '../../src/rules/no-mass-assignment.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Hapi validates `options.validate.payload` before the handler runs. A Joi object schema (or a plain
 * object of Joi schemas, which Hapi compiles to one) refuses keys it does not list unless told
 * otherwise (`.unknown()`, `.pattern()`, `allowUnknown`), so a payload written whole then sets only
 * the listed fields. `Joi.object()` with no keys, `Joi.any()` and `payload: true` accept any key.
 * A schema of another module of the project is read there; one of another package is out of view:
 * reported under its own message only when `unknownSchemas: 'report'` (the strict config).
 */
const ruleTester = new RuleTester();

const head = `import Hapi from '@hapi/hapi';
import Joi from 'joi';
import { prisma } from './db';
const server = Hapi.server();
`;

const route = (payload: string): string => `${head}server.route({
  method: 'PUT',
  path: '/me',
  options: {
    validate: { payload: ${payload} },
    handler: (request) => prisma.user.update({ where: { id: request.auth.credentials.id }, data: request.payload }),
  },
});`;

ruleTester.run('no-mass-assignment: Hapi payload validation', rule, {
  valid: [
    { name: 'an inline Joi object with named keys', code: route('Joi.object({ nickname: Joi.string(), bio: Joi.string().max(200) })') },
    { name: 'a plain object of Joi schemas', code: route('{ nickname: Joi.string() }') },
    { name: 'keys added to a bare object, then made required', code: route('Joi.object().keys({ nickname: Joi.string() }).required()') },
    { name: 'unknown(false) keeps the object closed', code: route('Joi.object({ nickname: Joi.string() }).unknown(false)') },
    {
      name: 'a schema held in a constant of the file, as a member of an object',
      code: `${head}const schemas = { profile: Joi.object({ nickname: Joi.string() }) };
server.route({ method: 'PUT', path: '/me', options: { validate: { payload: schemas.profile }, handler: (request) => prisma.user.update({ where: { id: 1 }, data: request.payload }) } });`,
    },
    {
      name: 'a schema of another package is out of view: not reported by default',
      code: `${head}import models from 'shared-models';
server.route({ method: 'PUT', path: '/me', options: { validate: { payload: models.user.update }, handler: (request) => prisma.user.update({ where: { id: 1 }, data: request.payload }) } });`,
    },
  ],
  invalid: [
    { name: 'unknown(true) lets any key through', code: route('Joi.object({ nickname: Joi.string() }).unknown(true)'), errors: [{ messageId: 'massAssignment', line: 10 }] },
    { name: 'unknown() lets any key through', code: route('Joi.object({ nickname: Joi.string() }).unknown()'), errors: [{ messageId: 'massAssignment', line: 10 }] },
    { name: 'Joi.object() with no keys accepts any', code: route('Joi.object()'), errors: [{ messageId: 'massAssignment', line: 10 }] },
    { name: 'Joi.any()', code: route('Joi.any()'), errors: [{ messageId: 'massAssignment', line: 10 }] },
    { name: 'payload: true', code: route('true'), errors: [{ messageId: 'massAssignment', line: 10 }] },
    { name: 'pattern() admits keys by a pattern', code: route('Joi.object({ nickname: Joi.string() }).pattern(/./, Joi.any())'), errors: [{ messageId: 'massAssignment', line: 10 }] },
    { name: 'allowUnknown in the options', code: route('Joi.object({ nickname: Joi.string() }).options({ allowUnknown: true })'), errors: [{ messageId: 'massAssignment', line: 10 }] },
    { name: 'a closed schema that lists a protected field', code: route('Joi.object({ nickname: Joi.string(), role: Joi.string() })'), errors: [{ messageId: 'massAssignment', line: 10 }] },
    {
      name: 'an `object` of a module that only names itself Joi is not read as a closed Joi schema (out of view)',
      code: route('Joi.object({ nickname: Joi.string() })').replace("import Joi from 'joi';", "import Joi from './my-validators';"),
      options: [{ unknownSchemas: 'report' }],
      errors: [{ messageId: 'unknownSchemaWrite', line: 10 }],
    },
    {
      name: 'a schema of another package, reported when asked',
      code: `${head}import models from 'shared-models';
server.route({ method: 'PUT', path: '/me', options: { validate: { payload: models.user.update }, handler: (request) => prisma.user.update({ where: { id: 1 }, data: request.payload }) } });`,
      options: [{ unknownSchemas: 'report' }],
      errors: [{ messageId: 'unknownSchemaWrite', line: 6 }],
    },
  ],
});

describe('no-mass-assignment: a Hapi payload schema of another module of the project', () => {
  const rules: Linter.RulesRecord = { 'api-security/no-mass-assignment': 'error' };
  const server = (schemaImport: string, payload: string): string => `'use strict';
const Hapi = require('@hapi/hapi');
${schemaImport}
const db = require('./db');
const server = Hapi.server();
server.route({ method: 'PUT', path: '/me', options: { validate: { payload: ${payload} }, handler: (request) => db.user.update({ where: { id: 1 }, data: request.payload }) } });
`;
  const schemas = `'use strict';
const Joi = require('joi');
module.exports = {
  profile: Joi.object({ nickname: Joi.string() }),
  open: Joi.object({ nickname: Joi.string() }).unknown(),
};
`;
  const db = `'use strict';\nconst { PrismaClient } = require('@prisma/client');\nmodule.exports = new PrismaClient();\n`;

  it('reads a closed schema where it is defined', async () => {
    const dir = writeProject({ 'schemas.js': schemas, 'db.js': db, 'server.js': server("const schemas = require('./schemas');", 'schemas.profile') }, { name: 'app' });
    expect(summary(await lintProjectFile(dir, 'server.js', rules))).toEqual([]);
  });

  it('reports an open schema defined in another module', async () => {
    const dir = writeProject({ 'schemas.js': schemas, 'db.js': db, 'server.js': server("const schemas = require('./schemas');", 'schemas.open') }, { name: 'app' });
    expect(summary(await lintProjectFile(dir, 'server.js', rules))).toEqual(['6 api-security/no-mass-assignment']);
  });
});
