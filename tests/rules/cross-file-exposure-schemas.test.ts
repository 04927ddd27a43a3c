import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';
import { routeHandlerSource } from '../suggestions/helpers.js';

/*
 * Layered apps whose record shape is declared where no import of the code leads: a Prisma client
 * reads `model Integration { … }` of `prisma/schema.prisma`, and a repository's `SELECT *` (or
 * Knex `db('integrations')`) reads a table its migrations create. The handler sends what a
 * service returns; the evidence that the record carries a secret is in that schema, and only a
 * schema declaring one makes the response a finding. The model names (`Integration`) say nothing.
 */

const RULES: Linter.RulesRecord = {
  'api-security/no-whole-object-response': 'error',
  'api-security/no-mass-assignment': 'error',
};

function summary(messages: readonly Linter.LintMessage[]): string[] {
  return messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.ruleId?.replace('api-security/', '') ?? ''}: ${message.message}`);
}

const suggestions = (messages: readonly Linter.LintMessage[], rule: string): [string, string][] =>
  messages.filter((message) => message.ruleId === `api-security/${rule}`).flatMap((message) => (message.suggestions ?? []).map((suggestion) => [suggestion.desc, suggestion.fix.text] as [string, string]));

// ------------------------------------------------------------------ Express + Prisma

const PRISMA_SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

// A third-party integration: its secret signs the calls the server makes.
model Integration {
  id        String   @id @default(uuid())
  name      String
  apiSecret String   @map("api_secret")
  role      String   @default("reader")
  owner     Account  @relation(fields: [ownerId], references: [id])
  ownerId   String
}

model Account {
  id           String        @id
  integrations Integration[]
}
`;

const PRISMA_CLIENT = `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
`;

const PRISMA_SERVICE = `import { prisma } from '../db';

export async function loadIntegration(id: string) {
  const found = await prisma.integration.findUnique({ where: { id } });
  if (!found) throw new Error('not found');
  return found;
}

export function addIntegration(input: Record<string, unknown>) {
  return prisma.integration.create({ data: input });
}
`;

const PRISMA_ROUTE = `import express from 'express';
import { addIntegration, loadIntegration } from '../services/integrations';

export const app = express.Router();
app.get('/integrations/:id', async (req, res) => {
  const integration = await loadIntegration(req.params.id);
  res.json(integration);
});
app.post('/integrations', async (req, res) => {
  const made = await addIntegration(req.body);
  res.status(201).json({ id: made.id });
});
`;

const prismaApp = (files: Record<string, string> = {}): string =>
  writeProject({
    'prisma/schema.prisma': PRISMA_SCHEMA,
    'src/db.ts': PRISMA_CLIENT,
    'src/services/integrations.ts': PRISMA_SERVICE,
    'src/routes/integrations.ts': PRISMA_ROUTE,
    ...files,
  });

describe('Express + Prisma: the model is in schema.prisma, the read in a service', () => {
  it('reports the record the service returns and the body it creates, naming the fields of the schema', async () => {
    const messages = await lintProjectFile(prismaApp(), 'src/routes/integrations.ts', RULES);
    expect(summary(messages)).toEqual([
      '7:12 no-whole-object-response: `integration` (returned by `loadIntegration` (src/services/integrations.ts:3), from `prisma.integration.findUnique` at src/services/integrations.ts:4) is serialized whole by `res.json`, exposing every stored field. Send an explicit object or DTO with the fields the client needs, or project the query.',
      '10:37 no-mass-assignment: `req.body` is written whole by `prisma.integration.create` at src/services/integrations.ts:10, through `addIntegration` (src/services/integrations.ts:9): the client can set any field, including `role`, `ownerId`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
    ]);
    // Only fields the model has: its secret is removed, the relation (`owner`) is no column, and
    // the client may set only `name`.
    const response = messages.find((message) => message.ruleId === 'api-security/no-whole-object-response');
    const fix = response?.suggestions?.[0];
    expect(fix?.desc).toBe('Destructure `apiSecret` out before sending.');
    const fixed = PRISMA_ROUTE.slice(0, fix?.fix.range[0]) + (fix?.fix.text ?? '') + PRISMA_ROUTE.slice(fix?.fix.range[1]);
    // What the fixed handler sends for a record as Prisma returns it (a plain object of the scalar fields).
    const record = { id: 'i1', name: 'CI', apiSecret: 'sk_live_0000', role: 'reader', ownerId: 'a1' };
    let sent: unknown;
    const handler = new Function('loadIntegration', `return (${routeHandlerSource(fixed)});`)(() => Promise.resolve(record)) as (req: unknown, res: unknown) => Promise<void>;
    await handler({ params: { id: 'i1' } }, { json: (body: unknown) => (sent = body) });
    expect(sent).toEqual({ id: 'i1', name: 'CI', role: 'reader', ownerId: 'a1' });
    expect(suggestions(messages, 'no-mass-assignment')).toEqual([['Write only `name`.', '{ name: req.body.name }']]);
  });

  it.each([
    ['the schema declares no secret', { 'prisma/schema.prisma': PRISMA_SCHEMA.replace('  apiSecret String   @map("api_secret")\n', '') }],
    ['the service omits the secret', { 'src/services/integrations.ts': PRISMA_SERVICE.replace('{ where: { id } }', '{ where: { id }, omit: { apiSecret: true } }') }],
    ['the service selects fields', { 'src/services/integrations.ts': PRISMA_SERVICE.replace('{ where: { id } }', '{ where: { id }, select: { id: true, name: true } }') }],
    ['the service maps to a public shape', { 'src/services/integrations.ts': PRISMA_SERVICE.replace('return found;', 'return { id: found.id, name: found.name };') }],
  ])('safe: %s', async (_name, files) => {
    const messages = await lintProjectFile(prismaApp(files), 'src/routes/integrations.ts', RULES);
    expect(summary(messages).filter((line) => line.includes('no-whole-object-response'))).toEqual([]);
  });

  it('a model of the same name in another kind of store is not read from the Prisma schema', async () => {
    // `Integration.findById` (a Mongoose-like model declared out of view) is no Prisma delegate.
    const service = `import { Integration } from '../models/integration';
export async function loadIntegration(id: string) { return Integration.findById(id); }
export function addIntegration(input: Record<string, unknown>) { return Integration.create(input); }
`;
    const messages = await lintProjectFile(prismaApp({ 'src/services/integrations.ts': service, 'src/models/integration.ts': 'export const Integration: any = {};\n' }), 'src/routes/integrations.ts', RULES);
    expect(summary(messages).filter((line) => line.includes('no-whole-object-response'))).toEqual([]);
    expect(suggestions(messages, 'no-mass-assignment')).toEqual([]);
  });
});

// ------------------------------------------------------------------ SELECT * and migrations

const POOL = `import { Pool } from 'pg';
import knex from 'knex';
export const pool = new Pool();
export const db = knex({ client: 'pg' });
`;

const SQL_REPOSITORY = `import { pool } from '../db';

export async function findIntegration(id: string) {
  const { rows } = await pool.query('SELECT * FROM integrations WHERE id = $1', [id]);
  return rows[0];
}
`;

const KNEX_REPOSITORY = `import { db } from '../db';

export function findIntegration(id: string) {
  return db('integrations').where({ id }).first();
}
`;

const SQL_SERVICE = `import { findIntegration } from '../repositories/integrations';

export async function integrationById(id: string) {
  const row = await findIntegration(id);
  if (!row) throw new Error('not found');
  return row;
}
`;

const SQL_ROUTE = `import express from 'express';
import { integrationById } from '../services/integrations';

export const router = express.Router();
router.get('/integrations/:id', async (req, res) => {
  const integration = await integrationById(req.params.id);
  res.json(integration);
});
`;

const SQL_MIGRATION = `CREATE TABLE integrations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  api_secret text NOT NULL
);
CREATE TABLE audit_entries (id uuid PRIMARY KEY, token text);
`;

const KNEX_MIGRATION = `export async function up(knex) {
  await knex.schema.createTable('integrations', (table) => {
    table.uuid('id').primary();
    table.string('name').notNullable();
  });
  await knex.schema.alterTable('integrations', (table) => {
    table.string('api_secret');
  });
  await knex.schema.createTable('audit_entries', (table) => {
    table.uuid('id');
    table.string('token');
  });
}
`;

const TYPEORM_MIGRATION = `import type { MigrationInterface, QueryRunner } from 'typeorm';
export class Init1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`CREATE TABLE "integrations" ("id" uuid NOT NULL, "name" character varying NOT NULL, "api_secret" character varying NOT NULL, CONSTRAINT "PK_1" PRIMARY KEY ("id"))\`);
  }
}
`;

const sqlApp = (repository: string, files: Record<string, string>): string =>
  writeProject({ 'src/db.ts': POOL, 'src/repositories/integrations.ts': repository, 'src/services/integrations.ts': SQL_SERVICE, 'src/routes/integrations.ts': SQL_ROUTE, ...files });

const EXPECTED = (label: string): string =>
  `7:12 no-whole-object-response: \`integration\` (returned by \`integrationById\` (src/services/integrations.ts:3), then \`findIntegration\` (src/repositories/integrations.ts:3), from \`${label}\` at src/repositories/integrations.ts:4) is serialized whole by \`res.json\`, exposing every stored field. Send an explicit object or DTO with the fields the client needs, or project the query.`;

describe('a repository reads every column of a table its migrations declare', () => {
  it.each([
    ['SELECT * and a .sql migration', SQL_REPOSITORY, { 'db/migrations/001_init.sql': SQL_MIGRATION }, 'pool.query'],
    ['SELECT * and a Prisma-generated migration.sql', SQL_REPOSITORY, { 'prisma/migrations/20240101_init/migration.sql': SQL_MIGRATION }, 'pool.query'],
    ['Knex and a Knex migration', KNEX_REPOSITORY, { 'migrations/20240101_init.js': KNEX_MIGRATION }, "db('integrations')"],
    ['SELECT * and a TypeORM migration', SQL_REPOSITORY, { 'src/migrations/1700000000000-Init.ts': TYPEORM_MIGRATION }, 'pool.query'],
    ['Knex and a TS migration the tsconfig leaves out', KNEX_REPOSITORY, { 'tsconfig.json': JSON.stringify({ include: ['src'] }), 'db/migrations/20240101_init.ts': KNEX_MIGRATION }, "db('integrations')"],
  ])('reported: %s', async (_name, repository, files, label) => {
    expect(summary(await lintProjectFile(sqlApp(repository, files), 'src/routes/integrations.ts', RULES))).toEqual([EXPECTED(label)]);
  });

  it.each([
    ['the table has no secret column (the secret is another table\'s)', SQL_REPOSITORY, { 'db/migrations/001_init.sql': SQL_MIGRATION.replace(',\n  api_secret text NOT NULL', '') }],
    ['the Knex migrations add no secret column to it', KNEX_REPOSITORY, { 'migrations/20240101_init.js': KNEX_MIGRATION.replace("table.string('api_secret');", "table.string('label');") }],
    ['the query lists its columns', SQL_REPOSITORY.replace('SELECT *', 'SELECT id, name'), { 'db/migrations/001_init.sql': SQL_MIGRATION }],
    ['a SQL file outside the schema directories', SQL_REPOSITORY, { 'docs/examples/secret.sql': SQL_MIGRATION }],
  ])('safe: %s', async (_name, repository, files) => {
    expect(await lintProjectFile(sqlApp(repository, files), 'src/routes/integrations.ts', RULES)).toEqual([]);
  });
});

// ------------------------------------------------------------------ Sequelize CLI: models/index.js loads the directory

const MODELS_INDEX = `'use strict';
const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const db = {};
fs.readdirSync(__dirname)
  .filter((file) => file !== path.basename(__filename) && file.endsWith('.js'))
  .forEach((file) => {
    const model = require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes);
    db[model.name] = model;
  });
db.sequelize = sequelize;
module.exports = db;
`;

const WEBHOOK_MODEL = `module.exports = (sequelize, DataTypes) => {
  const Webhook = sequelize.define('Webhook', {
    url: DataTypes.STRING,
    signingSecret: DataTypes.STRING,
    role: DataTypes.STRING,
  });
  return Webhook;
};
`;

const WEBHOOK_REPOSITORY = `const { Webhook } = require('../models');

class WebhookRepository {
  byId(id) {
    return Webhook.findByPk(id);
  }
  insert(values) {
    return Webhook.create(values);
  }
}
module.exports = new WebhookRepository();
`;

const WEBHOOK_ROUTE = `const express = require('express');
const webhooks = require('../repositories/webhooks');

const router = express.Router();
router.get('/hooks/:id', async (req, res) => {
  const hook = await webhooks.byId(req.params.id);
  res.json(hook);
});
router.post('/hooks', async (req, res) => {
  const hook = await webhooks.insert(req.body);
  res.status(201).json({ id: hook.id });
});
module.exports = router;
`;

const cliApp = (files: Record<string, string> = {}): string =>
  writeProject(
    { 'src/models/index.js': MODELS_INDEX, 'src/models/webhook.js': WEBHOOK_MODEL, 'src/repositories/webhooks.js': WEBHOOK_REPOSITORY, 'src/routes/hooks.js': WEBHOOK_ROUTE, ...files },
    { name: 'app' },
  );

describe('Sequelize CLI layout: the model is read from the file `models/index.js` loads by name', () => {
  it('reports the record and the body, with the fields the model file declares', async () => {
    const messages = await lintProjectFile(cliApp(), 'src/routes/hooks.js', RULES);
    expect(summary(messages)).toEqual([
      '7:12 no-whole-object-response: `hook` (returned by `WebhookRepository.byId` (src/repositories/webhooks.js:4), from `Webhook.findByPk` at src/repositories/webhooks.js:5) is serialized whole by `res.json`, exposing every stored field. Send an explicit object or DTO with the fields the client needs, or project the query.',
      '10:38 no-mass-assignment: `req.body` is written whole by `Webhook.create` at src/repositories/webhooks.js:8, through `WebhookRepository.insert` (src/repositories/webhooks.js:7): the client can set any field, including `role`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
    ]);
    expect(suggestions(messages, 'no-mass-assignment')).toEqual([['Write only `url`.', '{ url: req.body.url }']]);
    expect(messages[0]?.suggestions?.[0]?.desc).toBe('Destructure `signingSecret` out before sending.');
  });

  it.each([
    ['the model file declares no secret', { 'src/models/webhook.js': WEBHOOK_MODEL.replace('    signingSecret: DataTypes.STRING,\n', '') }],
    ['the repository excludes the secret', { 'src/repositories/webhooks.js': WEBHOOK_REPOSITORY.replace('findByPk(id)', "findByPk(id, { attributes: { exclude: ['signingSecret'] } })") }],
    ['the index loads no directory: a secret in a file it does not name is not its model', { 'src/models/index.js': "module.exports = { Webhook: {} };\n" }],
  ])('safe: %s', async (_name, files) => {
    const messages = await lintProjectFile(cliApp(files), 'src/routes/hooks.js', RULES);
    expect(summary(messages).filter((line) => line.includes('no-whole-object-response'))).toEqual([]);
  });
});

// ------------------------------------------------------------------ the service's declared return type

const TYPES = `export interface Integration {
  id: string;
  name: string;
  apiSecret: string;
}
export type PublicIntegration = { id: string; name: string };
`;

const TYPED_SERVICE = `import { findIntegration } from '../repositories/integrations';
import type { Integration } from '../types';

export async function integrationById(id: string): Promise<Integration | null> {
  const row = await findIntegration(id);
  return row ?? null;
}
`;

const typedApp = (files: Record<string, string> = {}): string =>
  writeProject({ 'src/db.ts': POOL, 'src/types.ts': TYPES, 'src/repositories/integrations.ts': SQL_REPOSITORY, 'src/services/integrations.ts': TYPED_SERVICE, 'src/routes/integrations.ts': SQL_ROUTE, ...files });

describe('TypeScript: the service declares it returns a type whose declaration has a secret', () => {
  it('reports the SELECT * row the service returns as `Promise<Integration | null>` (interface in types.ts), without a suggestion', async () => {
    const messages = await lintProjectFile(typedApp(), 'src/routes/integrations.ts', RULES);
    expect(summary(messages)).toEqual([
      '7:12 no-whole-object-response: `integration` (returned by `integrationById` (src/services/integrations.ts:4), then `findIntegration` (src/repositories/integrations.ts:3), from `pool.query` at src/repositories/integrations.ts:4) is serialized whole by `res.json`, exposing every stored field. Send an explicit object or DTO with the fields the client needs, or project the query.',
    ]);
    // A declared type is no proof of the row's fields: nothing is suggested from it.
    expect(messages[0]?.suggestions ?? []).toEqual([]);
  });

  it.each([
    ['the declared type has no secret', { 'src/types.ts': TYPES.replace('  apiSecret: string;\n', '') }],
    ['the service maps the row to the public type', { 'src/services/integrations.ts': TYPED_SERVICE.replace('Promise<Integration | null>', 'Promise<PublicIntegration>').replace('import type { Integration }', 'import type { PublicIntegration }').replace('return row ?? null;', 'return { id: row.id, name: row.name };') }],
    ['the route sends chosen fields', { 'src/routes/integrations.ts': SQL_ROUTE.replace('res.json(integration)', 'res.json({ id: integration?.id, name: integration?.name })') }],
  ])('safe: %s', async (_name, files) => {
    expect(await lintProjectFile(typedApp(files), 'src/routes/integrations.ts', RULES)).toEqual([]);
  });

  it('sees an edit of the type file in the same process', async () => {
    const dir = typedApp();
    const count = async (): Promise<number> => (await lintProjectFile(dir, 'src/routes/integrations.ts', RULES)).length;
    expect(await count()).toBe(1);
    const file = path.join(dir, 'src/types.ts');
    writeFileSync(file, TYPES.replace('  apiSecret: string;\n', ''));
    const later = new Date(Date.now() + 10_000);
    utimesSync(file, later, later);
    expect(await count()).toBe(0);
  });
});
