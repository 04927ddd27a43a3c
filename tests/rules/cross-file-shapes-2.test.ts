import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * More shapes of layered code that the cross-file analyses must follow: a repository whose query
 * methods are written once in a base class of another file (`class OrdersRepository extends
 * BaseRepository`), called on the subclass's instance by a service or by the subclass itself
 * through `this`. Each project has a safe look-alike that must stay clean.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-nosql-injection': 'error',
};

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

const BASE_REPOSITORY = `import { pool } from '../db';

export abstract class BaseRepository<Row> {
  constructor(protected readonly table: string) {}

  async findById(id: string): Promise<Row | undefined> {
    const { rows } = await pool.query(\`SELECT * FROM \${this.table} WHERE id = $1\`, [id]);
    return rows[0];
  }

  async where(column: string, value: string): Promise<Row[]> {
    const { rows } = await pool.query(\`SELECT * FROM \${this.table} WHERE \${column} = '\${value}'\`);
    return rows;
  }
}
`;

/** A project with the base repository, a subclass in its own file, and `service` and `routes` using it. */
function ordersProject(service: string, routes: string): string {
  return writeProject({
    'src/db.ts': `import { Pool } from 'pg';

export const pool = new Pool();
`,
    'src/repositories/base.repository.ts': BASE_REPOSITORY,
    'src/repositories/orders.repository.ts': `import { BaseRepository } from './base.repository';

export interface OrderRow { id: string; status: string; customer: string }

export class OrdersRepository extends BaseRepository<OrderRow> {
  constructor() {
    super('orders');
  }

  byCustomer(customer: string) {
    return this.where('customer', customer);
  }
}

export const ordersRepository = new OrdersRepository();
`,
    'src/orders.service.ts': service,
    'src/orders.routes.ts': routes,
  });
}

describe('a method inherited from a base class in another file', () => {
  it('called on the subclass instance by a service: reported at the base class sink', async () => {
    const dir = ordersProject(
      `import { ordersRepository } from './repositories/orders.repository';

export class OrdersService {
  withStatus(status: string) {
    return ordersRepository.where('status', status);
  }

  one(id: string) {
    return ordersRepository.findById(id);
  }
}
`,
      `import { Router } from 'express';
import { OrdersService } from './orders.service';

const service = new OrdersService();
export const orders = Router();

orders.get('/orders', async (req, res) => {
  res.json(await service.withStatus(String(req.query.status)));
});

orders.get('/orders/:id', async (req, res) => {
  res.json(await service.one(req.params.id));
});
`,
    );
    const found = await findings(dir, 'src/repositories/base.repository.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^12 api-security\/no-sql-injection: `req\.query\.status` in src\/orders\.routes\.ts \(line 8\) reaches the SQL text of `pool\.query` \(line 12\) through `service\.withStatus`/u);
  });

  it('called through `this` by a method of the subclass: reported at the base class sink', async () => {
    const dir = ordersProject(
      `import { ordersRepository } from './repositories/orders.repository';

export const ordersService = {
  ofCustomer: (customer: string) => ordersRepository.byCustomer(customer),
};
`,
      `import { Router } from 'express';
import { ordersService } from './orders.service';

export const orders = Router();

orders.get('/customers/:name/orders', async (req, res) => {
  res.json(await ordersService.ofCustomer(req.params.name));
});
`,
    );
    const found = await findings(dir, 'src/repositories/base.repository.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^12 api-security\/no-sql-injection: `req\.params\.name` in src\/orders\.routes\.ts \(line 7\)/u);
  });
});

describe('a subclass that overrides the base method', () => {
  it('runs its own method, not the base class one', async () => {
    const dir = writeProject({
      'src/db.ts': `import { Pool } from 'pg';

export const pool = new Pool();
`,
      'src/repositories/base.repository.ts': BASE_REPOSITORY,
      'src/repositories/tags.repository.ts': `import { pool } from '../db';
import { BaseRepository } from './base.repository';

export class TagsRepository extends BaseRepository<{ id: string }> {
  constructor() {
    super('tags');
  }

  async where(column: 'name' | 'slug', value: string) {
    const { rows } = await pool.query(\`SELECT * FROM tags WHERE \${column === 'name' ? 'name' : 'slug'} = $1\`, [value]);
    return rows;
  }
}
`,
      'src/tags.routes.ts': `import { Router } from 'express';
import { TagsRepository } from './repositories/tags.repository';

const tags = new TagsRepository();
export const router = Router();

router.get('/tags', async (req, res) => {
  res.json(await tags.where('name', String(req.query.name)));
});
`,
    });
    expect(await findings(dir, 'src/repositories/base.repository.ts')).toEqual([]);
    expect(await findings(dir, 'src/repositories/tags.repository.ts')).toEqual([]);
  });
});

describe('whole rows returned by a base repository whose table is a field', () => {
  const exposure: Linter.RulesRecord = { 'api-security/no-whole-object-response': 'error' };

  it('`SELECT * FROM ${this.table}` is every column of the row; a column list is not', async () => {
    const dir = writeProject({
      'src/db.ts': `import { Pool } from 'pg';

export const pool = new Pool();
`,
      'src/repositories/base.repository.ts': `import { pool } from '../db';

export abstract class BaseRepository<Row> {
  constructor(protected readonly table: string) {}

  async findById(id: string): Promise<Row | undefined> {
    const { rows } = await pool.query(\`SELECT * FROM \${this.table} WHERE id = $1\`, [id]);
    return rows[0];
  }

  async summaryById(id: string) {
    const { rows } = await pool.query(\`SELECT id, display_name FROM \${this.table} WHERE id = $1\`, [id]);
    return rows[0];
  }
}
`,
      'src/repositories/accounts.repository.ts': `import { BaseRepository } from './base.repository';

export interface AccountRow { id: string; email: string; password_hash: string }

export class AccountsRepository extends BaseRepository<AccountRow> {
  constructor() {
    super('accounts');
  }
}
`,
      'src/accounts.service.ts': `import { AccountsRepository } from './repositories/accounts.repository';

const accounts = new AccountsRepository();

export async function getAccount(id: string) {
  const account = await accounts.findById(id);
  if (!account) throw new Error('not found');
  return account;
}

export async function getAccountSummary(id: string) {
  return accounts.summaryById(id);
}
`,
      'src/accounts.routes.ts': `import { Router } from 'express';
import { getAccount, getAccountSummary } from './accounts.service';

export const accounts = Router();

accounts.get('/accounts/:id', async (req, res) => {
  const account = await getAccount(req.params.id);
  res.json(account);
});

accounts.get('/accounts/:id/summary', async (req, res) => {
  const account = await getAccountSummary(req.params.id);
  res.json(account);
});
`,
    });
    const messages = await lintProjectFile(dir, 'src/accounts.routes.ts', exposure);
    expect(messages.map((message) => message.line)).toEqual([8]);
    expect(messages[0]?.message).toContain('`pool.query` at src/repositories/base.repository.ts:7');
  });
});

describe('a document created from an injected Mongoose model', () => {
  const exposure: Linter.RulesRecord = { 'api-security/no-mass-assignment': 'error' };

  it('`new this.model(body)` in a NestJS service writes the body whole; a DTO does not', async () => {
    const dir = writeProject({
      'src/tasks/task.schema.ts': `import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema()
export class Task {
  @Prop() title!: string;
  @Prop() ownerId!: string;
  @Prop({ default: false }) approved!: boolean;
}

export const TaskSchema = SchemaFactory.createForClass(Task);
`,
      'src/tasks/create-task.dto.ts': `import { IsString } from 'class-validator';

export class CreateTaskDto {
  @IsString() title!: string;
}
`,
      'src/tasks/tasks.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Task } from './task.schema';

@Injectable()
export class TasksService {
  constructor(@InjectModel(Task.name) private readonly taskModel: Model<Task>) {}

  async create(input: Record<string, unknown>) {
    const task = new this.taskModel(input);
    await task.save();
    return { id: task.id };
  }

  async createTitled(title: string) {
    const task = new this.taskModel({ title });
    await task.save();
    return { id: task.id };
  }
}
`,
      'src/tasks/tasks.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { TasksService } from './tasks.service';
import { CreateTaskDto } from './create-task.dto';

@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  create(@Body() body: Record<string, unknown>) {
    return this.tasks.create(body);
  }

  @Post('titled')
  createTitled(@Body() dto: CreateTaskDto) {
    return this.tasks.createTitled(dto.title);
  }
}
`,
    });
    const messages = await lintProjectFile(dir, 'src/tasks/tasks.controller.ts', exposure);
    expect(messages.map((message) => message.line)).toEqual([11]);
    expect(messages[0]?.message).toContain('`new this.taskModel` at src/tasks/tasks.service.ts:11');
  });
});

describe('a package client of another file imported through a path alias', () => {
  it('keeps its package sink model, as through a relative import', async () => {
    const dir = writeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } }, include: ['src'] }),
      'src/lib/http.ts': `import axios from 'axios';

export const outbound = axios.create({ timeout: 5000 });
`,
      'src/services/webhooks.service.ts': `import { outbound } from '@/lib/http';

export async function notify(target: string, payload: unknown) {
  await outbound.post(target, payload);
}
`,
      'src/webhooks.routes.ts': `import { Router } from 'express';
import { notify } from '@/services/webhooks.service';

export const router = Router();

router.post('/webhooks/test', async (req, res) => {
  await notify(req.body.callbackUrl, { ok: true });
  res.sendStatus(202);
});
`,
    });
    const messages = await lintProjectFile(dir, 'src/services/webhooks.service.ts', { 'api-security/no-ssrf': 'error' });
    const found = messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^4 api-security\/no-ssrf: `req\.body\.callbackUrl` in src\/webhooks\.routes\.ts \(line 7\)/u);
  });
});

describe('services held in an object-literal container module', () => {
  const dir = writeProject({
    'src/db.ts': `import { Pool } from 'pg';

export const pool = new Pool();
`,
    'src/services/report.service.ts': `import { pool } from '../db';

export class ReportService {
  async ordersReport(sort: string) {
    const { rows } = await pool.query(\`SELECT id, total FROM orders ORDER BY \${sort}\`);
    return rows;
  }
}
`,
    'src/services/user.service.ts': `import { pool } from '../db';

export class UserService {
  async findByEmail(email: string) {
    const { rows } = await pool.query(\`SELECT id FROM users WHERE email = '\${email}'\`);
    return rows[0];
  }
}
`,
    'src/container.ts': `import { ReportService } from './services/report.service';
import { UserService } from './services/user.service';

export const container = {
  reportService: new ReportService(),
  userService: new UserService(),
};
`,
    'src/controllers/report.controller.ts': `import type { Request, Response } from 'express';
import { container } from '../container';

export async function ordersReport(req: Request, res: Response) {
  res.json(await container.reportService.ordersReport(String(req.query.sort)));
}
`,
    'src/controllers/user.controller.ts': `import type { Request, Response } from 'express';
import { container } from '../container';

const { userService } = container;

export async function lookup(req: Request, res: Response) {
  res.json(await userService.findByEmail(req.body.email));
}
`,
  });

  it('a call through a member of the container is followed into the service', async () => {
    const found = await findings(dir, 'src/services/report.service.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^5 api-security\/no-sql-injection: `req\.query\.sort` in src\/controllers\/report\.controller\.ts \(line 5\)/u);
  });

  it('a service destructured from the container is followed too', async () => {
    const found = await findings(dir, 'src/services/user.service.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^5 api-security\/no-sql-injection: `req\.body\.email` in src\/controllers\/user\.controller\.ts \(line 7\)/u);
  });
});
