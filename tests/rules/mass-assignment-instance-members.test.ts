import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * `hub.bins.create(req.body)`, where `hub` is an instance of a class of the project whose
 * constructor builds its members (`this.bins = new BinStore(run)`), is judged by what
 * `BinStore.create` does with the body, as `store.create(req.body)` is. When the class lives in a
 * file out of view (build output the project model does not index), the call is a method of the
 * project's own object whose body cannot be read: `unresolvedServices` decides (silent in
 * `recommended`), not the method's name. A store reached the same way (a package's client, a
 * resolved method that stores the whole argument) stays reported.
 */

const rules: Linter.RulesRecord = { 'api-security/no-mass-assignment': 'error' };
const strict: Linter.RulesRecord = { 'api-security/no-mass-assignment': ['error', { unresolvedServices: 'report' }] };
const lines = (messages: readonly { line: number; messageId?: string | undefined }[]): string[] => messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);

const warehouse = `import { BinStore } from './bin-store.js';
export class Warehouse {
  constructor(config) {
    this.bins = new BinStore(async (sql, values) => config.pool.query(sql, values));
  }
}
`;
const warehouseFields = `import { BinStore } from './bin-store.js';
export class Warehouse {
  bins;
  pool;
  constructor(config) {
    this.pool = config.pool;
    this.bins = new BinStore(this.pool);
  }
}
`;
const namedFields = `export class BinStore {
  constructor(run) { this.run = run; }
  async create({ code, aisle }) {
    return this.run('insert into bins(code, aisle) values ($1, $2)', [code, aisle]);
  }
}
`;
const route = `import express from 'express';
import { Warehouse } from './warehouse.js';
export const router = express.Router();
router.post('/bins', async (req, res) => {
  const hub = new Warehouse({ pool: req.app.locals.pool });
  res.json(await hub.bins.create(req.body));
});
`;

describe('no-mass-assignment: a method of a member an instance of a project class holds', () => {
  it('is clean when the member\'s method takes named fields (constructor assignment)', async () => {
    const dir = writeProject({ 'src/warehouse.js': warehouse, 'src/bin-store.js': namedFields, 'src/routes.js': route });
    expect(await lintProjectFile(dir, 'src/routes.js', rules)).toEqual([]);
    expect(await lintProjectFile(dir, 'src/routes.js', strict)).toEqual([]);
  });

  it('is clean with declared fields and an inline instance, as compiled TypeScript writes them', async () => {
    const dir = writeProject({
      'src/warehouse.js': warehouseFields,
      'src/bin-store.js': namedFields,
      'src/routes.js': `import express from 'express';
import { Warehouse } from './warehouse.js';
export const router = express.Router();
router.post('/bins', async (req, res) => res.json(await new Warehouse(req.app.locals).bins.create(req.body)));
`,
    });
    expect(await lintProjectFile(dir, 'src/routes.js', rules)).toEqual([]);
  });

  it('reports the member\'s method that hands the whole body to a model', async () => {
    const dir = writeProject({
      'src/warehouse.js': warehouse,
      'src/bin-store.js': `import { Bin } from './bin.model.js';
export class BinStore {
  async create(input) {
    return Bin.create(input);
  }
}
`,
      'src/routes.js': route,
    });
    const messages = await lintProjectFile(dir, 'src/routes.js', rules);
    expect(lines(messages)).toEqual(['6 massAssignment']);
    expect(messages[0]?.message).toContain('bin-store.js:4');
  });

  it('reports the member\'s method that spreads the body into an insert', async () => {
    const dir = writeProject({
      'src/warehouse.js': warehouse,
      'src/bin-store.js': `import knex from 'knex';
const db = knex({ client: 'pg' });
export class BinStore {
  async create(input) {
    return db('bins').insert({ ...input, created_at: new Date() });
  }
}
`,
      'src/routes.js': route,
    });
    expect(lines(await lintProjectFile(dir, 'src/routes.js', rules))).toEqual(['6 massAssignment']);
  });

  it('reports by name when the member is a class whose write is inherited from a package', async () => {
    const dir = writeProject({
      'src/warehouse.js': warehouse,
      'src/bin-store.js': `import { Repository } from 'typeorm';
export class BinStore extends Repository {}
`,
      'src/routes.js': route,
    });
    expect(lines(await lintProjectFile(dir, 'src/routes.js', rules))).toEqual(['6 massAssignment']);
  });

  it('reports a member of a package\'s instance (an ORM\'s model registry)', async () => {
    const dir = writeProject({
      'src/routes.js': `import express from 'express';
import { Sequelize } from 'sequelize';
const orm = new Sequelize(process.env.DATABASE_URL);
export const router = express.Router();
router.post('/bins', async (req, res) => res.json(await orm.models.Bin.create(req.body)));
`,
    });
    expect(lines(await lintProjectFile(dir, 'src/routes.js', rules))).toEqual(['5 massAssignment']);
  });
});

describe('no-mass-assignment: the same member when the class is out of view (build output)', () => {
  const files = { 'dist/warehouse.js': warehouse, 'dist/bin-store.js': namedFields, 'dist/routes.js': route };

  it('leaves it to `unresolvedServices`: silent in recommended, its own message in strict', async () => {
    const dir = writeProject(files);
    expect(await lintProjectFile(dir, 'dist/routes.js', rules)).toEqual([]);
    const reported = await lintProjectFile(dir, 'dist/routes.js', strict);
    expect(lines(reported)).toEqual(['6 unresolvedServiceWrite']);
    expect(reported[0]?.message).toContain('`hub.bins.create`');
  });

  it('still reports an ORM model of that build, whose name is the evidence', async () => {
    const dir = writeProject({
      ...files,
      'dist/bins.js': `import express from 'express';
import { Bin } from './bin.model.js';
export const router = express.Router();
router.post('/bins', async (req, res) => res.json(await Bin.create(req.body)));
router.put('/bins/:id', async (req, res) => res.json(await Bin.findByIdAndUpdate(req.params.id, req.body)));
`,
    });
    expect(lines(await lintProjectFile(dir, 'dist/bins.js', rules))).toEqual(['4 massAssignment', '5 massAssignment']);
  });

  it('still reports a Prisma delegate held by an instance of a package class', async () => {
    const dir = writeProject({
      'dist/routes.js': `import express from 'express';
import { PrismaClient } from '@prisma/client';
export const router = express.Router();
router.post('/bins', async (req, res) => {
  const prisma = new PrismaClient();
  res.json(await prisma.bin.create({ data: req.body }));
});
`,
    });
    expect(lines(await lintProjectFile(dir, 'dist/routes.js', rules))).toEqual(['6 massAssignment']);
  });
});
