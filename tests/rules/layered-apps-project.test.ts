import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Layered applications: request input read in a controller, handed to a service, which hands it
 * to a repository whose query builder has a raw escape hatch. Each app is written the way teams
 * write them (TypeScript classes wired by hand or by a container, CommonJS modules of functions,
 * a service object over a repository class), with flows that reach a sink and look-alikes that
 * must stay silent (a value the service checks or fixes, a bound parameter, an allowlisted column).
 * Each finding sits at the sink in the repository and names the controller's input.
 */

const rules = {
  'api-security/no-command-injection': 'error',
  'api-security/no-path-traversal': 'error',
  'api-security/no-sql-injection': 'error',
} as const;

async function lint(files: Record<string, string>, file: string, dependencies: Record<string, string>, type: 'module' | 'commonjs' = 'module'): Promise<string[]> {
  const dir = writeProject(files, { name: 'layered', type, dependencies });
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}: ${message.message}`);
}

describe('TypeScript classes wired by hand: controller -> service -> repository (knex)', () => {
  const files: Record<string, string> = {
    'src/db.ts': `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
`,
    'src/repositories/product.repository.ts': `import type { Knex } from 'knex';

export interface ProductFilter {
  category?: string;
  sort: string;
  direction: 'asc' | 'desc';
}

export class ProductRepository {
  constructor(private readonly db: Knex) {}

  async search(term: string, filter: ProductFilter) {
    const query = this.db('products').select('id', 'name', 'price');
    if (filter.category) query.where('category', filter.category);
    query.whereRaw("name ILIKE '%" + term + "%'");
    return query.orderByRaw(filter.sort + ' ' + filter.direction);
  }

  async byIds(ids: string[]) {
    return this.db('products').whereIn('id', ids);
  }

  async priceHistory(productId: string, since: string) {
    return this.db.raw('SELECT * FROM prices WHERE product_id = ? AND day >= ?', [productId, since]);
  }
}
`,
    'src/services/product.service.ts': `import { ProductRepository, type ProductFilter } from '../repositories/product.repository';

const SORTABLE = new Set(['name', 'price', 'created_at']);

export class ProductService {
  constructor(private readonly products: ProductRepository) {}

  search(term: string, filter: ProductFilter) {
    return this.products.search(term.trim(), filter);
  }

  searchSafely(term: string, sort: string) {
    const column = SORTABLE.has(sort) ? sort : 'name';
    return this.products.search(term.replace(/[^\\w\\s]/g, ''), { sort: column, direction: 'asc' });
  }

  history(productId: string, since: string) {
    return this.products.priceHistory(productId, since);
  }
}
`,
    'src/controllers/product.controller.ts': `import type { Request, Response } from 'express';
import type { ProductService } from '../services/product.service';

export class ProductController {
  constructor(private readonly service: ProductService) {}

  search = async (req: Request, res: Response) => {
    const { q = '', sort = 'name', dir = 'asc', category } = req.query as Record<string, string>;
    const rows = await this.service.search(q, { sort, direction: dir === 'desc' ? 'desc' : 'asc', category });
    res.json(rows);
  };

  safeSearch = async (req: Request, res: Response) => {
    res.json(await this.service.searchSafely(String(req.query.q ?? ''), String(req.query.sort ?? '')));
  };

  history = async (req: Request, res: Response) => {
    res.json(await this.service.history(req.params.id, String(req.query.since)));
  };
}
`,
    'src/container.ts': `import { db } from './db';
import { ProductRepository } from './repositories/product.repository';
import { ProductService } from './services/product.service';
import { ProductController } from './controllers/product.controller';

const productRepository = new ProductRepository(db);
const productService = new ProductService(productRepository);
export const productController = new ProductController(productService);
`,
    'src/routes.ts': `import { Router } from 'express';
import { productController } from './container';

export const router = Router();
router.get('/products', productController.search);
router.get('/products/safe', productController.safeSearch);
router.get('/products/:id/history', productController.history);
`,
  };

  it('reports the raw fragments of the repository, naming the controller input, and nothing for the checked or bound flows', async () => {
    const found = await lint(files, 'src/repositories/product.repository.ts', { express: '^5.0.0', knex: '^3.0.0' });
    expect(found).toEqual([
      expect.stringMatching(/^15 api-security\/no-sql-injection: `req\.query\.q` in src\/controllers\/product\.controller\.ts \(line 8\).*`query\.whereRaw`.*through `this\.service\.search`/u),
      expect.stringMatching(/^16 api-security\/no-sql-injection: `req\.query\.sort` in src\/controllers\/product\.controller\.ts \(line 8\).*`query\.orderByRaw`/u),
    ]);
  });
});

describe('CommonJS modules of functions: routes -> controller -> service -> repository (mysql2, fs, child_process)', () => {
  const files: Record<string, string> = {
    'app.js': `const express = require('express');
const users = require('./routes/users');
const app = express();
app.use(express.json());
app.use('/api/users', users);
module.exports = app;
`,
    'routes/users.js': `const { Router } = require('express');
const controller = require('../controllers/users.controller');
const router = Router();
router.get('/', controller.list);
router.get('/:id/avatar', controller.avatar);
router.post('/:id/export', controller.exportData);
module.exports = router;
`,
    'controllers/users.controller.js': `const userService = require('../services/users.service');

exports.list = async (req, res, next) => {
  try {
    const page = Number(req.query.page) || 1;
    const users = await userService.list({ page, orderBy: req.query.orderBy, role: req.query.role });
    res.json(users);
  } catch (err) {
    next(err);
  }
};

exports.avatar = async (req, res) => {
  const file = await userService.avatarPath(req.params.id, req.query.size);
  res.sendFile(file);
};

exports.exportData = async (req, res) => {
  await userService.exportArchive(req.params.id, req.body.format);
  res.status(202).end();
};
`,
    'services/users.service.js': `const path = require('path');
const repo = require('../repositories/users.repository');
const archiver = require('../lib/archiver');

async function list({ page, orderBy = 'created_at', role }) {
  const offset = (page - 1) * 20;
  return repo.findAll({ offset, orderBy, role });
}

async function avatarPath(id, size) {
  const user = await repo.findById(id);
  return path.join(__dirname, '..', 'uploads', user.avatarDir, size + '.png');
}

async function exportArchive(id, format) {
  const safe = ['zip', 'tar'].includes(format) ? format : 'zip';
  return archiver.pack(id, safe);
}

module.exports = { list, avatarPath, exportArchive };
`,
    'repositories/users.repository.js': `const pool = require('../db/pool');

async function findAll({ offset, orderBy, role }) {
  let sql = 'SELECT id, name, email FROM users';
  const params = [];
  if (role) {
    sql += ' WHERE role = ?';
    params.push(role);
  }
  sql += ' ORDER BY ' + orderBy + ' LIMIT 20 OFFSET ' + offset;
  const [rows] = await pool.query(sql, params);
  return rows;
}

async function findById(id) {
  const [rows] = await pool.execute('SELECT * FROM users WHERE id = ?', [id]);
  return rows[0];
}

module.exports = { findAll, findById };
`,
    'db/pool.js': `const mysql = require('mysql2/promise');
module.exports = mysql.createPool({ uri: process.env.DATABASE_URL });
`,
    'lib/archiver.js': `const { exec } = require('child_process');
exports.pack = (id, format) => new Promise((resolve, reject) => {
  exec('archive-user --id ' + id + ' --format ' + format, (err) => (err ? reject(err) : resolve()));
});
`,
  };
  const deps = { express: '^5.0.0', mysql2: '^3.0.0' };

  it('reports the ORDER BY built in the repository from the controller query', async () => {
    expect(await lint(files, 'repositories/users.repository.js', deps, 'commonjs')).toEqual([
      expect.stringMatching(/^11 api-security\/no-sql-injection: `req\.query\.orderBy` in controllers\/users\.controller\.js \(line 6\)/u),
    ]);
  });

  it('reports the file the service builds from the size, sent by the controller', async () => {
    expect(await lint(files, 'controllers/users.controller.js', deps, 'commonjs')).toEqual([
      expect.stringMatching(/^15 api-security\/no-path-traversal: `req\.query\.size`/u),
    ]);
  });

  it('reports the id run in a shell two layers down, and not the allowlisted format', async () => {
    expect(await lint(files, 'lib/archiver.js', deps, 'commonjs')).toEqual([
      expect.stringMatching(/^3 api-security\/no-command-injection: `req\.params\.id` in controllers\/users\.controller\.js \(line 19\)/u),
    ]);
  });
});

describe('a service object over a repository class with a TypeORM query builder', () => {
  const files: Record<string, string> = {
    'src/data-source.ts': `import { DataSource } from 'typeorm';
export const AppDataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [] });
`,
    'src/repositories/order.repository.ts': `import { AppDataSource } from '../data-source';

export class OrderRepository {
  private readonly repo = AppDataSource.getRepository('Order');

  findForCustomer(customerId: string, status: string | undefined, groupBy: string) {
    const qb = this.repo.createQueryBuilder('o').where('o.customerId = :customerId', { customerId });
    if (status) qb.andWhere(\`o.status = '\${status}'\`);
    return qb.select(groupBy).groupBy(groupBy).getRawMany();
  }

  totals(customerId: string, currency: string) {
    return this.repo.createQueryBuilder('o').where('o.customerId = :customerId AND o.currency = :currency', { customerId, currency }).getMany();
  }
}

export const orderRepository = new OrderRepository();
`,
    'src/services/orders.ts': `import { orderRepository } from '../repositories/order.repository';

const GROUPS: Record<string, string> = { day: 'o.day', month: 'o.month' };

export const ordersService = {
  async report(customerId: string, params: { status?: string; group?: string }) {
    return orderRepository.findForCustomer(customerId, params.status, GROUPS[params.group ?? 'day'] ?? 'o.day');
  },
  async totals(customerId: string, currency: string) {
    return orderRepository.totals(customerId, currency);
  },
};
`,
    'src/routes/orders.ts': `import { Router } from 'express';
import { ordersService } from '../services/orders';

const router = Router();

router.get('/customers/:id/orders/report', async (req, res) => {
  const report = await ordersService.report(req.params.id, { status: req.query.status as string, group: req.query.group as string });
  res.json(report);
});

router.get('/customers/:id/orders/totals', async (req, res) => {
  res.json(await ordersService.totals(req.params.id, String(req.query.currency)));
});

export default router;
`,
  };

  it('reports the status interpolated into andWhere, and not the grouping taken from a table', async () => {
    expect(await lint(files, 'src/repositories/order.repository.ts', { express: '^5.0.0', typeorm: '^0.3.0' })).toEqual([
      expect.stringMatching(/^8 api-security\/no-sql-injection: `req\.query\.status` in src\/routes\/orders\.ts \(line 7\)/u),
    ]);
  });
});

describe('layers the engine used to lose', () => {
  it('follows a controller, a service and a repository declared in one file and wired through typed constructor parameters', async () => {
    const app = (serviceBody: string): Record<string, string> => ({
      'src/tickets.ts': `import { Router, type Request, type Response } from 'express';
import { Pool } from 'pg';

class TicketRepository {
  constructor(private readonly db: Pool) {}
  search(text: string) {
    return this.db.query("SELECT id, title FROM tickets WHERE title ILIKE '%" + text + "%'");
  }
}

class TicketCache {
  search(text: string) {
    return [text];
  }
}

class TicketService {
  private readonly cache = new TicketCache();
  constructor(private readonly tickets: TicketRepository) {}
  find(text: string) {
    ${serviceBody}
  }
}

class TicketController {
  constructor(private readonly service: TicketService) {}
  list = async (req: Request, res: Response) => {
    res.json(await this.service.find(String(req.query.q)));
  };
}

const controller = new TicketController(new TicketService(new TicketRepository(new Pool())));
export const tickets = Router();
tickets.get('/tickets', controller.list);
`,
    });
    expect(await lint(app('return this.tickets.search(text);'), 'src/tickets.ts', { express: '^5.0.0', pg: '^8.0.0' })).toEqual([
      expect.stringMatching(/^7 api-security\/no-sql-injection: `req\.query\.q` \(line 28\) reaches the SQL text of `this\.db\.query` \(line 7\) through `this\.service\.find` \(called on line 28 by the handler of GET \/tickets\)/u),
    ]);
    // The same method name on another field's class, and a number handed to the repository, stay silent.
    expect(await lint(app('return this.cache.search(text);'), 'src/tickets.ts', { express: '^5.0.0', pg: '^8.0.0' })).toEqual([]);
    expect(await lint(app('return this.tickets.search(String(Number.parseInt(text, 10)));'), 'src/tickets.ts', { express: '^5.0.0', pg: '^8.0.0' })).toEqual([]);
  });

  it('follows services looked up in a DI container (tsyringe resolve, inversify get on a container of another file) to an interface-typed repository', async () => {
    const files = (lookedUp: string): Record<string, string> => ({
      'src/types.ts': `export const TYPES = { AccountRepository: Symbol.for('AccountRepository') };
export interface IAccountRepository {
  byEmail(email: string): Promise<unknown>;
}
`,
      'src/account.repository.ts': `import { injectable } from 'inversify';
import { Pool } from 'pg';
import type { IAccountRepository } from './types';
const pool = new Pool();

@injectable()
export class PgAccountRepository implements IAccountRepository {
  byEmail(email: string) {
    return pool.query(\`SELECT * FROM accounts WHERE email = '\${email}'\`);
  }
}
`,
      'src/account.service.ts': `import { inject, injectable } from 'inversify';
import { TYPES, type IAccountRepository } from './types';

@injectable()
export class AccountService {
  constructor(@inject(TYPES.AccountRepository) private readonly accounts: IAccountRepository) {}
  lookup(email: string) {
    return this.accounts.byEmail(email.toLowerCase());
  }
}

@injectable()
export class AuditService {
  lookup(email: string) {
    return [email];
  }
}
`,
      'src/container.ts': `import { Container } from 'inversify';
export const container = new Container();
`,
      'src/routes.ts': `import express from 'express';
import { container } from './container';
import { AccountService, AuditService } from './account.service';
const app = express();
app.get('/accounts', async (req, res) => {
  res.json(await container.get(${lookedUp}).lookup(String(req.query.email)));
});
`,
    });
    const deps = { express: '^5.0.0', pg: '^8.0.0', inversify: '^6.0.0' };
    expect(await lint(files('AccountService'), 'src/account.repository.ts', deps)).toEqual([
      expect.stringMatching(/^9 api-security\/no-sql-injection: `req\.query\.email` in src\/routes\.ts \(line 6\)/u),
    ]);
    expect(await lint(files('AuditService'), 'src/account.repository.ts', deps)).toEqual([]);
    const tsyringe = {
      'src/report.repository.ts': `import { injectable } from 'tsyringe';
import { Pool } from 'pg';
@injectable()
export class ReportRepository {
  private readonly pool = new Pool();
  rows(column: string) {
    return this.pool.query('SELECT ' + column + ' FROM reports');
  }
}
`,
      'src/report.controller.ts': `import { container } from 'tsyringe';
import type { Request, Response } from 'express';
import { ReportRepository } from './report.repository';
export async function reportRows(req: Request, res: Response) {
  const reports = container.resolve(ReportRepository);
  res.json(await reports.rows(req.query.column as string));
}
`,
      'src/routes.ts': `import express from 'express';
import { reportRows } from './report.controller';
const app = express();
app.get('/reports', reportRows);
`,
    };
    expect(await lint(tsyringe, 'src/report.repository.ts', { express: '^5.0.0', pg: '^8.0.0', tsyringe: '^4.0.0' })).toEqual([
      expect.stringMatching(/^7 api-security\/no-sql-injection: `req\.query\.column` in src\/report\.controller\.ts \(line 6\)/u),
    ]);
  });
});
