// Synthetic API projects for `npm run bench`: a TypeScript backend cut into feature folders, each
// with an Express router, a NestJS controller, a data service, a repository, validators, models,
// middleware, a config module with secrets, Fastify or Koa routes and an HTTP client. Most code is
// safe; about one route in seven has a flaw a rule should find, as in a real code base.
// The output depends only on the file count: the same size gives the same files on every run.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Features mounted by one group router (`src/routes/group-<n>.ts`). */
const FEATURES_PER_GROUP = 50;

const NOUNS = [
  'account', 'order', 'invoice', 'payment', 'shipment', 'refund', 'profile', 'product', 'review', 'coupon',
  'ticket', 'message', 'report', 'webhook', 'session', 'team', 'project', 'document', 'upload', 'subscription',
];
const FIELDS = ['name', 'status', 'email', 'title', 'amount', 'currency', 'note', 'slug', 'region', 'priority'];

/** mulberry32: a small seeded generator, so that every feature gets the same variations each run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A token-like string built at run time (never a literal key in this file). */
function token(rand, length) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[Math.floor(rand() * alphabet.length)];
  return text;
}

function featureOf(index) {
  const noun = NOUNS[index % NOUNS.length];
  const name = `${noun}${index}`;
  const entity = `${noun[0].toUpperCase()}${noun.slice(1)}${index}`;
  const rand = random(index * 7919 + 17);
  const fields = FIELDS.filter(() => rand() < 0.6).slice(0, 6);
  if (fields.length < 2) fields.push('name', 'status');
  return { index, noun, name, entity, table: `${noun}s_${index}`, fields: [...new Set(fields)], rand };
}

const chance = (rand, p) => rand() < p;

/** One Express route of a feature router; `flaw` picks one of the insecure variants. */
function expressRoute(f, r, rand) {
  const auth = chance(rand, 0.75) ? 'requireAuth, ' : '';
  const field = f.fields[r % f.fields.length];
  const flawed = chance(rand, 0.15);
  switch (r % 9) {
    case 0:
      return `
${f.name}Router.get('/', ${auth}async (req: Request, res: Response) => {
  const limit = Math.min(Number(req.query.limit ?? 20), 100);
  const offset = Math.max(Number(req.query.offset ?? 0), 0);
  const { rows } = await pool.query(
    'SELECT id, ${f.fields.join(', ')} FROM ${f.table} ORDER BY created_at DESC LIMIT $1 OFFSET $2',
    [limit, offset],
  );
  res.json({ items: rows, limit, offset });
});`;
    case 1:
      return `
${f.name}Router.get('/:id', ${auth}async (req: Request, res: Response, next: NextFunction) => {
  try {
    const id = req.params.id;
    const { rows } = await pool.query(${flawed ? `\`SELECT * FROM ${f.table} WHERE id = \${id}\`` : `'SELECT * FROM ${f.table} WHERE id = $1', [id]`});
    if (rows.length === 0) {
      res.status(404).json({ error: '${f.noun} not found' });
      return;
    }
    res.json(${flawed ? 'rows[0]' : `{ id: rows[0].id, ${field}: rows[0].${field} }`});
  } catch (error) {
    next(error);
  }
});`;
    case 2:
      return `
${f.name}Router.post('/', ${auth}async (req: Request, res: Response) => {
  const parsed = create${f.entity}Schema.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json({ errors: parsed.error.issues });
    return;
  }
  const created = await ${flawed ? `${f.entity}Model.create(req.body)` : `${f.entity}Model.create(parsed.data)`};
  res.status(201).json({ id: created.id });
});`;
    case 3:
      return `
${f.name}Router.get('/search/by-${field}', ${auth}async (req: Request, res: Response) => {
  const value = ${flawed ? `req.query.${field}` : `String(req.query.${field} ?? '')`};
  const docs = await ${f.entity}Model.find({ ${field}: value, archived: false }).limit(50).lean();
  res.json(docs.map((doc) => ({ id: doc._id, ${field}: doc.${field} })));
});`;
    case 4:
      return `
${f.name}Router.get('/:id/attachment/:file', ${auth}(req: Request, res: Response) => {
  const file = ${flawed ? 'req.params.file' : 'path.basename(req.params.file)'};
  res.sendFile(path.join(UPLOAD_DIR, '${f.name}', file));
});`;
    case 5:
      return `
${f.name}Router.get('/continue', (req: Request, res: Response) => {
  const next = String(req.query.next ?? '/');
  ${flawed ? 'res.redirect(next);' : `res.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');`}
});`;
    case 6:
      return `
${f.name}Router.post('/:id/export', ${auth}async (req: Request, res: Response) => {
  const format = req.body.format === 'csv' ? 'csv' : 'json';
  ${flawed ? `exec(\`export-${f.noun} --id \${req.params.id} --format \${format}\`);` : `execFile('export-${f.noun}', ['--id', String(req.params.id), '--format', format]);`}
  res.status(202).json({ queued: true });
});`;
    case 7:
      return `
${f.name}Router.post('/:id/notify', ${auth}async (req: Request, res: Response) => {
  const target = ${flawed ? 'req.body.callbackUrl' : `${f.name}Client.callbackUrlFor(String(req.params.id))`};
  const response = await axios.post(target, { id: req.params.id, event: '${f.noun}.updated' });
  res.json({ delivered: response.status < 300 });
});`;
    default:
      return `
${f.name}Router.get('/:id/preview', ${auth}(req: Request, res: Response) => {
  const title = ${flawed ? 'req.query.title' : `escapeHtml(String(req.query.title ?? ''))`};
  res.send(\`<!doctype html><h1>\${title}</h1><p>${f.noun} preview</p>\`);
});`;
  }
}

function expressRouter(f) {
  const rand = random(f.index * 31 + 1);
  const count = 4 + Math.floor(rand() * 5);
  const routes = Array.from({ length: count }, (_, r) => expressRoute(f, (r + f.index) % 9, rand)).join('\n');
  return `import path from 'node:path';
import { exec, execFile } from 'node:child_process';
import axios from 'axios';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { pool } from '../../db';
import { requireAuth } from '../../auth';
import { escapeHtml } from '../../html';
import { ${f.entity}Model } from './${f.name}.model';
import { create${f.entity}Schema } from './${f.name}.schema';
import { ${f.name}Client } from './${f.name}.client';

const UPLOAD_DIR = process.env.UPLOAD_DIR ?? '/var/lib/app/uploads';

export const ${f.name}Router = Router();

${f.name}Router.get('/health', (_req: Request, res: Response) => {
  res.json({ ok: true, feature: '${f.name}' });
});
${routes}
`;
}

function nestController(f) {
  const rand = random(f.index * 37 + 2);
  const guarded = chance(rand, 0.8);
  const field = f.fields[0];
  const flawed = chance(rand, 0.2);
  return `import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JwtAuthGuard } from '../../auth';
import { Public } from '../../auth';
import { ${f.entity}Service } from './${f.name}.service';
import { Create${f.entity}Dto, Update${f.entity}Dto } from './${f.name}.schema';

@Controller('${f.name}')
${guarded ? '@UseGuards(JwtAuthGuard)\n' : ''}export class ${f.entity}Controller {
  constructor(
    private readonly service: ${f.entity}Service,
    private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Get('count')
  async count(): Promise<{ count: number }> {
    return { count: await this.service.count() };
  }

  @Get()
  async list(@Query('sort') sort: string, @Query('page') page = '1') {
    const column = ['${f.fields.join("', '")}'].includes(sort) ? sort : 'id';
    return this.dataSource.query(${flawed ? `\`SELECT * FROM ${f.table} ORDER BY \${sort} LIMIT 50 OFFSET \${(Number(page) - 1) * 50}\`` : `\`SELECT * FROM ${f.table} ORDER BY \${column} LIMIT 50 OFFSET $1\`, [(Number(page) - 1) * 50]`});
  }

  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number) {
    const entity = await this.service.findOne(id);
    return { id: entity.id, ${field}: entity.${field} };
  }

  @Post()
  async create(@Body() dto: Create${f.entity}Dto) {
    return this.service.create(dto);
  }

  @Patch(':id')
  async update(@Param('id', ParseIntPipe) id: number, @Body() dto: Update${f.entity}Dto) {
    await this.service.update(id, dto);
    return { id };
  }

  @Delete(':id')
  async remove(@Param('id', ParseIntPipe) id: number) {
    await this.service.remove(id);
  }
}
`;
}

function dataService(f) {
  const field = f.fields[0];
  return `import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { pool } from '../../db';
import { ${f.entity} } from './${f.name}.model';
import type { Create${f.entity}Dto, Update${f.entity}Dto } from './${f.name}.schema';

@Injectable()
export class ${f.entity}Service {
  private readonly repository: Repository<${f.entity}>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(${f.entity});
  }

  count(): Promise<number> {
    return this.repository.count();
  }

  async findOne(id: number): Promise<${f.entity}> {
    const entity = await this.repository.findOneBy({ id });
    if (!entity) throw new NotFoundException(\`${f.noun} \${id} not found\`);
    return entity;
  }

  create(dto: Create${f.entity}Dto): Promise<${f.entity}> {
    const entity = this.repository.create({ ${f.fields.map((name) => `${name}: dto.${name}`).join(', ')} });
    return this.repository.save(entity);
  }

  async update(id: number, dto: Update${f.entity}Dto): Promise<void> {
    await this.repository.update({ id }, { ${field}: dto.${field} });
  }

  async remove(id: number): Promise<void> {
    await this.repository.delete({ id });
  }

  async search(filter: Record<string, string>): Promise<unknown[]> {
    const allowed = new Set(['${f.fields.join("', '")}']);
    const keys = Object.keys(filter).filter((key) => allowed.has(key));
    const where = keys.map((key, index) => \`\${key} = $\${index + 1}\`).join(' AND ');
    const result = await pool.query(
      \`SELECT id, ${f.fields.join(', ')} FROM ${f.table}\${where ? \` WHERE \${where}\` : ''}\`,
      keys.map((key) => filter[key]),
    );
    return result.rows;
  }

  stats(): Promise<Array<{ ${field}: string; total: number }>> {
    return this.repository
      .createQueryBuilder('${f.noun}')
      .select('${f.noun}.${field}', '${field}')
      .addSelect('COUNT(*)', 'total')
      .where('${f.noun}.archived = :archived', { archived: false })
      .groupBy('${f.noun}.${field}')
      .getRawMany();
  }
}
`;
}

function repository(f) {
  const field = f.fields[f.fields.length - 1];
  return `import knex from 'knex';
import { QueryTypes, Sequelize } from 'sequelize';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'postgres://localhost/app', { logging: false });

export interface ${f.entity}Row {
  id: number;
${f.fields.map((name) => `  ${name}: string;`).join('\n')}
  created_at: Date;
}

export const ${f.name}Repository = {
  byId(id: number): Promise<${f.entity}Row | undefined> {
    return db<${f.entity}Row>('${f.table}').where({ id }).first();
  },

  page(limit: number, offset: number): Promise<${f.entity}Row[]> {
    return db<${f.entity}Row>('${f.table}').orderBy('created_at', 'desc').limit(limit).offset(offset);
  },

  by${field[0].toUpperCase()}${field.slice(1)}(value: string): Promise<${f.entity}Row[]> {
    return db.raw('SELECT * FROM ${f.table} WHERE ${field} = ?', [value]).then((result) => result.rows);
  },

  async totals(since: Date): Promise<Array<{ day: string; total: number }>> {
    return sequelize.query(
      'SELECT date_trunc(\\'day\\', created_at) AS day, COUNT(*) AS total FROM ${f.table} WHERE created_at >= :since GROUP BY 1',
      { replacements: { since }, type: QueryTypes.SELECT },
    );
  },

  async archiveOlderThan(days: number): Promise<number> {
    const cutoff = new Date(Date.now() - days * 86_400_000);
    return db('${f.table}').where('created_at', '<', cutoff).update({ archived: true });
  },
};
`;
}

function validators(f) {
  const zodField = (name) => (name === 'email' ? 'z.string().email()' : name === 'amount' ? 'z.number().int().nonnegative()' : 'z.string().min(1).max(200)');
  const decorators = (name) => (name === 'email' ? '@IsEmail()' : name === 'amount' ? '@IsInt()\n  @Min(0)' : '@IsString()\n  @Length(1, 200)');
  return `import { IsEmail, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { z } from 'zod';

export const create${f.entity}Schema = z.object({
${f.fields.map((name) => `  ${name}: ${zodField(name)},`).join('\n')}
});

export const update${f.entity}Schema = create${f.entity}Schema.partial();

export type Create${f.entity}Input = z.infer<typeof create${f.entity}Schema>;

export class Create${f.entity}Dto {
${f.fields.map((name) => `  ${decorators(name)}\n  ${name}!: ${name === 'amount' ? 'number' : 'string'};`).join('\n\n')}
}

export class Update${f.entity}Dto {
${f.fields.map((name) => `  @IsOptional()\n  ${decorators(name)}\n  ${name}?: ${name === 'amount' ? 'number' : 'string'};`).join('\n\n')}
}
`;
}

function model(f) {
  const tsType = (name) => (name === 'amount' ? 'number' : 'string');
  const mongoType = (name) => (name === 'amount' ? 'Number' : 'String');
  return `import mongoose, { Schema } from 'mongoose';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('${f.table}')
export class ${f.entity} {
  @PrimaryGeneratedColumn()
  id!: number;

${f.fields.map((name) => `  @Column()\n  ${name}!: ${tsType(name)};`).join('\n\n')}

  @Column({ default: false })
  archived!: boolean;

  @CreateDateColumn()
  createdAt!: Date;
}

const ${f.name}Schema = new Schema(
  {
${f.fields.map((name) => `    ${name}: { type: ${mongoType(name)}, required: true },`).join('\n')}
    archived: { type: Boolean, default: false },
    owner: { type: Schema.Types.ObjectId, ref: 'User' },
    passwordHash: { type: String, select: false },
  },
  { timestamps: true },
);

${f.name}Schema.index({ ${f.fields[0]}: 1, archived: 1 });

export const ${f.entity}Model = mongoose.model('${f.entity}', ${f.name}Schema);
`;
}

function middleware(f) {
  const rand = random(f.index * 41 + 3);
  const hardcoded = chance(rand, 0.1);
  return `import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

const JWT_SECRET = ${hardcoded ? `'${token(rand, 40)}'` : "process.env.JWT_SECRET ?? ''"};
const windows = new Map<string, { count: number; resetAt: number }>();

export function require${f.entity}Role(role: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const [scheme, credentials] = header.split(' ');
    if (scheme !== 'Bearer' || !credentials) {
      res.status(401).json({ error: 'missing token' });
      return;
    }
    try {
      const claims = jwt.verify(credentials, JWT_SECRET, { algorithms: ['HS256'] }) as { roles?: string[] };
      if (!claims.roles?.includes(role)) {
        res.status(403).json({ error: 'forbidden' });
        return;
      }
      next();
    } catch {
      res.status(401).json({ error: 'invalid token' });
    }
  };
}

export function rateLimit${f.entity}(limit = ${50 + f.index % 50}, windowMs = 60_000) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = \`${f.name}:\${req.ip}\`;
    const now = Date.now();
    const current = windows.get(key);
    if (!current || current.resetAt < now) {
      windows.set(key, { count: 1, resetAt: now + windowMs });
      next();
      return;
    }
    current.count += 1;
    if (current.count > limit) {
      res.setHeader('Retry-After', Math.ceil((current.resetAt - now) / 1000));
      res.status(429).end();
      return;
    }
    next();
  };
}
`;
}

function config(f) {
  const rand = random(f.index * 43 + 4);
  const hardcoded = chance(rand, 0.1);
  return `// Configuration of the ${f.noun} feature: everything secret comes from the environment.
export interface ${f.entity}Config {
  serviceUrl: string;
  timeoutMs: number;
  retries: number;
  apiKey: string;
  webhookSecret: string;
  database: { host: string; port: number; user: string; password: string };
}

const number = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : fallback;
};

export const ${f.name}Config: ${f.entity}Config = {
  serviceUrl: process.env.${f.noun.toUpperCase()}_SERVICE_URL ?? 'http://${f.noun}.internal:8080',
  timeoutMs: number(process.env.${f.noun.toUpperCase()}_TIMEOUT_MS, 5000),
  retries: number(process.env.${f.noun.toUpperCase()}_RETRIES, 3),
  apiKey: ${hardcoded ? `'key_${token(rand, 32)}'` : `process.env.${f.noun.toUpperCase()}_API_KEY ?? ''`},
  webhookSecret: process.env.${f.noun.toUpperCase()}_WEBHOOK_SECRET ?? '',
  database: {
    host: process.env.DB_HOST ?? 'localhost',
    port: number(process.env.DB_PORT, 5432),
    user: process.env.DB_USER ?? '${f.noun}',
    password: ${hardcoded ? `'${token(rand, 20)}'` : "process.env.DB_PASSWORD ?? ''"},
  },
};

export const ${f.name}Labels = {
  created: '${f.noun} created',
  updated: '${f.noun} updated',
  deleted: '${f.noun} deleted',
  notFound: 'No ${f.noun} with this id',
  forbidden: 'You may not change this ${f.noun}',
};
`;
}

function fastifyRoutes(f) {
  const rand = random(f.index * 47 + 5);
  const flawed = chance(rand, 0.15);
  return `import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pool } from '../../db';

interface Params { id: string; name: string }

export default async function ${f.name}Routes(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.headers.authorization) await reply.code(401).send({ error: 'unauthorized' });
  });

  app.get<{ Params: Params }>('/${f.name}/:id', async (request) => {
    const { rows } = await pool.query('SELECT * FROM ${f.table} WHERE id = $1', [request.params.id]);
    return { item: rows[0] ? { id: rows[0].id, ${f.fields[0]}: rows[0].${f.fields[0]} } : null };
  });

  app.get<{ Params: Params }>('/${f.name}/templates/:name', async (request, reply) => {
    const name = ${flawed ? 'request.params.name' : 'path.basename(request.params.name)'};
    const text = await readFile(path.join(__dirname, 'templates', name), 'utf8');
    return reply.type('text/plain').send(text);
  });

  app.post<{ Body: { ${f.fields[0]}: string } }>('/${f.name}', async (request, reply) => {
    const value = String(request.body.${f.fields[0]} ?? '').trim();
    if (value.length === 0) return reply.code(400).send({ error: '${f.fields[0]} is required' });
    const { rows } = await pool.query('INSERT INTO ${f.table} (${f.fields[0]}) VALUES ($1) RETURNING id', [value]);
    return reply.code(201).send({ id: rows[0].id });
  });
}
`;
}

function koaRoutes(f) {
  const rand = random(f.index * 53 + 6);
  const flawed = chance(rand, 0.15);
  return `import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { pool } from '../../db';

async function authenticate(ctx: Context, next: Next): Promise<void> {
  if (!ctx.get('authorization')) ctx.throw(401, 'unauthorized');
  await next();
}

export const ${f.name}KoaRouter = new Router({ prefix: '/v2/${f.name}' });

${f.name}KoaRouter.get('/', authenticate, async (ctx: Context) => {
  const { rows } = await pool.query('SELECT id, ${f.fields.join(', ')} FROM ${f.table} LIMIT 100');
  ctx.body = rows;
});

${f.name}KoaRouter.get('/by/:${f.fields[0]}', authenticate, async (ctx: Context) => {
  const value = ctx.params.${f.fields[0]};
  const { rows } = await pool.query(${flawed ? `\`SELECT id FROM ${f.table} WHERE ${f.fields[0]} = '\${value}'\`` : `'SELECT id FROM ${f.table} WHERE ${f.fields[0]} = $1', [value]`});
  ctx.body = rows.map((row) => row.id);
});

${f.name}KoaRouter.delete('/:id', authenticate, async (ctx: Context) => {
  await pool.query('DELETE FROM ${f.table} WHERE id = $1', [ctx.params.id]);
  ctx.status = 204;
});
`;
}

function httpClient(f) {
  return `import axios, { type AxiosInstance } from 'axios';
import { ${f.name}Config } from './${f.name}.config';

export interface Remote${f.entity} {
  id: string;
${f.fields.map((name) => `  ${name}: string;`).join('\n')}
}

class ${f.entity}Client {
  private readonly http: AxiosInstance;

  constructor(baseURL: string, timeout: number) {
    this.http = axios.create({ baseURL, timeout, headers: { 'x-api-key': ${f.name}Config.apiKey } });
  }

  callbackUrlFor(id: string): string {
    return \`\${${f.name}Config.serviceUrl}/callbacks/\${encodeURIComponent(id)}\`;
  }

  async get(id: string): Promise<Remote${f.entity}> {
    const response = await this.http.get<Remote${f.entity}>(\`/${f.noun}s/\${encodeURIComponent(id)}\`);
    return response.data;
  }

  async list(page: number): Promise<Remote${f.entity}[]> {
    const response = await this.http.get<Remote${f.entity}[]>('/${f.noun}s', { params: { page } });
    return response.data;
  }

  async withRetry<T>(call: () => Promise<T>): Promise<T> {
    let attempt = 0;
    for (;;) {
      try {
        return await call();
      } catch (error) {
        attempt += 1;
        if (attempt > ${f.name}Config.retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
      }
    }
  }
}

export const ${f.name}Client = new ${f.entity}Client(${f.name}Config.serviceUrl, ${f.name}Config.timeoutMs);
`;
}

/** Files of one feature, in the order they are added (a project of N files may cut the last one short). */
const FEATURE_FILES = [
  ['router', expressRouter],
  ['controller', nestController],
  ['service', dataService],
  ['repository', repository],
  ['schema', validators],
  ['model', model],
  ['middleware', middleware],
  ['config', config],
  ['routes', (f) => (f.index % 2 === 0 ? fastifyRoutes(f) : koaRoutes(f))],
  ['client', httpClient],
];

const dbModule = `import { Pool } from 'pg';
import { DataSource } from 'typeorm';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

export const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  synchronize: false,
  entities: ['dist/features/**/*.model.js'],
});
`;

const htmlModule = `const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => ENTITIES[character] ?? character);
}
`;

const authModule = `import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export const Public = () => SetMetadata('isPublic', true);

export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const token = req.headers.authorization?.replace(/^Bearer /u, '') ?? '';
  try {
    res.locals.user = jwt.verify(token, process.env.JWT_SECRET ?? '');
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

@Injectable()
export class JwtAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    try {
      jwt.verify(request.headers.authorization?.replace(/^Bearer /u, '') ?? '', process.env.JWT_SECRET ?? '');
      return true;
    } catch {
      return false;
    }
  }
}
`;

function groupRouter(group, features) {
  return `import { Router } from 'express';
${features.map((f) => `import { ${f.name}Router } from '../features/${f.name}/${f.name}.router';`).join('\n')}

export const group${group}Router = Router();

${features.map((f) => `group${group}Router.use('/${f.name}', ${f.name}Router);`).join('\n')}
`;
}

function appModule(groups) {
  return `import express from 'express';
${groups.map((group) => `import { group${group}Router } from './routes/group-${group}';`).join('\n')}

export const app = express();

app.disable('x-powered-by');
app.use(express.json({ limit: '1mb' }));

${groups.map((group) => `app.use('/api/g${group}', group${group}Router);`).join('\n')}

app.listen(Number(process.env.PORT ?? 3000));
`;
}

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src'],
};

/**
 * Writes a synthetic API project of exactly `fileCount` source files below `dir`, with a
 * `package.json`, a `tsconfig.json` and a `node_modules` link to `nodeModules` when given (for type
 * information). Returns the absolute paths of the source files, in a stable order.
 */
export function writeApiProject(dir, fileCount, { nodeModules = null } = {}) {
  const files = [];
  const put = (relative, text) => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (relative.startsWith('src/')) files.push(file);
  };
  put('package.json', `${JSON.stringify({ name: `synthetic-api-${fileCount}`, private: true, type: 'commonjs' }, null, 2)}\n`);
  put('tsconfig.json', `${JSON.stringify(tsconfig, null, 2)}\n`);
  if (nodeModules !== null) symlinkSync(nodeModules, path.join(dir, 'node_modules'), 'dir');

  // Shared modules take 4 files plus one group router per 50 features.
  const featureCount = Math.max(1, Math.ceil((fileCount - 4) / (FEATURE_FILES.length + 1 / FEATURES_PER_GROUP)));
  const groupCount = Math.ceil(featureCount / FEATURES_PER_GROUP);
  put('src/db.ts', dbModule);
  put('src/auth.ts', authModule);
  put('src/html.ts', htmlModule);
  put('src/app.ts', appModule(Array.from({ length: groupCount }, (_, g) => g)));
  for (let g = 0; g < groupCount && files.length < fileCount; g += 1) {
    const members = [];
    for (let i = g * FEATURES_PER_GROUP; i < Math.min(featureCount, (g + 1) * FEATURES_PER_GROUP); i += 1) members.push(featureOf(i));
    put(`src/routes/group-${g}.ts`, groupRouter(g, members));
  }
  for (let i = 0; i < featureCount && files.length < fileCount; i += 1) {
    const f = featureOf(i);
    for (const [kind, make] of FEATURE_FILES) {
      if (files.length >= fileCount) break;
      put(`src/features/${f.name}/${f.name}.${kind}.ts`, make(f));
    }
  }
  return files;
}

// Layered projects: the same backend cut by layer instead of by feature, as many real applications
// are: `routes/` (Express routers) → `controllers/` (request handlers) → `services/` (business
// logic) → `repositories/` (SQL), each in its own file and importing the next. Most imports are
// relative; services and the shared modules are also reached through tsconfig `paths` aliases
// (`@services/*`, `@lib/*`). Routers are mounted in `app.ts`, half of them through a second-level
// router (`routes/v2.ts`), a few behind `requireAuth` at the mount. `lib/auth.ts` defines the auth
// middleware the routes import: `requireAuth` and `requireRole` reject a request without a valid
// token; `attachUser` looks like auth and lets every request through. Request input crosses files
// on its way to a sink: a controller passes `req.params.id` to a service, which passes it to a
// repository that builds SQL. About one feature in seven has a flaw somewhere along that path.

/** Files of one layered feature, in the order they are added. */
const LAYERS = ['routes', 'controller', 'service', 'repository', 'schema', 'model'];

const layeredAuthModule = `import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export interface Caller {
  id: string;
  roles: string[];
}

const secret = (): string => process.env.JWT_SECRET ?? '';

function callerOf(req: Request): Caller | null {
  const header = req.headers.authorization ?? '';
  const [scheme, token] = header.split(' ');
  if (scheme !== 'Bearer' || !token) return null;
  try {
    return jwt.verify(token, secret(), { algorithms: ['HS256'] }) as Caller;
  } catch {
    return null;
  }
}

export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const caller = callerOf(req);
  if (caller === null) {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  res.locals.caller = caller;
  next();
}

export function requireRole(role: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const caller = callerOf(req);
    if (caller === null) {
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    if (!caller.roles.includes(role)) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    res.locals.caller = caller;
    next();
  };
}

// Reads the caller when there is one; every request goes on. Not authentication.
export function attachUser(req: Request, res: Response, next: NextFunction): void {
  res.locals.caller = callerOf(req);
  next();
}
`;

const layeredDbModule = `import { Pool, type QueryResultRow } from 'pg';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

export async function one<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T | null> {
  const { rows } = await pool.query<T>(text, values);
  return rows[0] ?? null;
}
`;

const layeredErrorsModule = `import type { NextFunction, Request, Response } from 'express';

export class NotFound extends Error {
  readonly status = 404;
}

export function errorHandler(error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction): void {
  res.status(error.status ?? 500).json({ error: error.status ? error.message : 'internal error' });
}
`;

function layeredRoutes(f) {
  const rand = random(f.index * 59 + 7);
  // One feature in ten guards a write with \`attachUser\`, which authenticates nothing.
  const weakWrite = chance(rand, 0.1);
  const publicList = chance(rand, 0.3);
  const lib = f.index % 2 === 0 ? '@lib/auth' : '../lib/auth';
  return `import { Router } from 'express';
import { attachUser, requireAuth, requireRole } from '${lib}';
import * as controller from '../controllers/${f.name}.controller';

export const ${f.name}Routes = Router();

${f.name}Routes.get('/', ${publicList ? '' : 'requireAuth, '}controller.list${f.entity});
${f.name}Routes.get('/:id', requireAuth, controller.get${f.entity});
${f.name}Routes.post('/', ${weakWrite ? 'attachUser' : 'requireAuth'}, controller.create${f.entity});
${f.name}Routes.patch('/:id', requireAuth, controller.update${f.entity});
${f.name}Routes.delete('/:id', requireRole('admin'), controller.remove${f.entity});
${f.name}Routes.get('/:id/open', controller.open${f.entity});
`;
}

function layeredController(f) {
  const rand = random(f.index * 61 + 8);
  const openRedirect = chance(rand, 0.1);
  const massAssignment = chance(rand, 0.1);
  const services = f.index % 3 === 0 ? `@services/${f.name}.service` : `../services/${f.name}.service`;
  return `import type { NextFunction, Request, Response } from 'express';
import * as service from '${services}';
import { create${f.entity}Schema, update${f.entity}Schema } from '../validators/${f.name}.schema';

export async function list${f.entity}(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const page = Math.max(Number(req.query.page ?? 1), 1);
    res.json(await service.list${f.entity}s(page, String(req.query.sort ?? 'id')));
  } catch (error) {
    next(error);
  }
}

export async function get${f.entity}(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const item = await service.get${f.entity}(req.params.id);
    res.json({ id: item.id, ${f.fields[0]}: item.${f.fields[0]} });
  } catch (error) {
    next(error);
  }
}

export async function create${f.entity}(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    ${massAssignment ? 'const created = await service.create' + f.entity + '(req.body);' : `const input = create${f.entity}Schema.parse(req.body);\n    const created = await service.create${f.entity}(input);`}
    res.status(201).json({ id: created.id });
  } catch (error) {
    next(error);
  }
}

export async function update${f.entity}(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const changes = update${f.entity}Schema.parse(req.body);
    await service.update${f.entity}(req.params.id, changes, res.locals.caller.id);
    res.status(204).end();
  } catch (error) {
    next(error);
  }
}

export async function remove${f.entity}(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    await service.remove${f.entity}(req.params.id);
    res.status(204).end();
  } catch (error) {
    next(error);
  }
}

export function open${f.entity}(req: Request, res: Response): void {
  const target = String(req.query.next ?? '/');
  ${openRedirect ? 'res.redirect(target);' : `res.redirect(target.startsWith('/') && !target.startsWith('//') ? target : '/');`}
}
`;
}

function layeredService(f) {
  const repositories = f.index % 4 === 1 ? `@repositories/${f.name}.repository` : `../repositories/${f.name}.repository`;
  return `import { NotFound } from '@lib/errors';
import * as repository from '${repositories}';
import type { ${f.entity}, New${f.entity} } from '../models/${f.name}.model';

const SORTABLE = new Set(['id', '${f.fields.join("', '")}']);
const PAGE_SIZE = 50;

export function list${f.entity}s(page: number, sort: string): Promise<${f.entity}[]> {
  const column = SORTABLE.has(sort) ? sort : 'id';
  return repository.page(column, PAGE_SIZE, (page - 1) * PAGE_SIZE);
}

export async function get${f.entity}(id: string): Promise<${f.entity}> {
  const item = await repository.byId(id);
  if (item === null) throw new NotFound('no ${f.noun} ' + id);
  return item;
}

export function create${f.entity}(input: New${f.entity}): Promise<${f.entity}> {
  return repository.insert(input);
}

export async function update${f.entity}(id: string, changes: Partial<New${f.entity}>, callerId: string): Promise<void> {
  await get${f.entity}(id);
  await repository.update(id, changes, callerId);
}

export async function remove${f.entity}(id: string): Promise<void> {
  await repository.remove(id);
}
`;
}

function layeredRepository(f) {
  const rand = random(f.index * 67 + 9);
  const concatenated = chance(rand, 0.1);
  const columns = f.fields.join(', ');
  return `import { one, pool } from '@lib/db';
import type { ${f.entity}, New${f.entity} } from '../models/${f.name}.model';

export async function page(column: string, limit: number, offset: number): Promise<${f.entity}[]> {
  const { rows } = await pool.query<${f.entity}>(\`SELECT id, ${columns} FROM ${f.table} ORDER BY \${column} LIMIT $1 OFFSET $2\`, [limit, offset]);
  return rows;
}

export function byId(id: string): Promise<${f.entity} | null> {
  return one<${f.entity}>(${concatenated ? `'SELECT id, ${columns} FROM ${f.table} WHERE id = ' + id` : `'SELECT id, ${columns} FROM ${f.table} WHERE id = $1', [id]`});
}

export async function insert(input: New${f.entity}): Promise<${f.entity}> {
  const { rows } = await pool.query<${f.entity}>(
    'INSERT INTO ${f.table} (${columns}) VALUES (${f.fields.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id, ${columns}',
    [${f.fields.map((name) => `input.${name}`).join(', ')}],
  );
  return rows[0];
}

export async function update(id: string, changes: Partial<New${f.entity}>, callerId: string): Promise<void> {
  const keys = Object.keys(changes).filter((key) => [${f.fields.map((name) => `'${name}'`).join(', ')}].includes(key));
  if (keys.length === 0) return;
  const assignments = keys.map((key, index) => \`\${key} = $\${index + 3}\`).join(', ');
  await pool.query(\`UPDATE ${f.table} SET \${assignments} WHERE id = $1 AND owner_id = $2\`, [id, callerId, ...keys.map((key) => changes[key as keyof New${f.entity}])]);
}

export async function remove(id: string): Promise<void> {
  await pool.query('DELETE FROM ${f.table} WHERE id = $1', [id]);
}
`;
}

function layeredSchema(f) {
  const zodField = (name) => (name === 'email' ? 'z.string().email()' : name === 'amount' ? 'z.number().int().nonnegative()' : 'z.string().min(1).max(200)');
  return `import { z } from 'zod';

export const create${f.entity}Schema = z.object({
${f.fields.map((name) => `  ${name}: ${zodField(name)},`).join('\n')}
});

export const update${f.entity}Schema = create${f.entity}Schema.partial();
`;
}

function layeredModel(f) {
  const tsType = (name) => (name === 'amount' ? 'number' : 'string');
  return `export interface ${f.entity} {
  id: string;
${f.fields.map((name) => `  ${name}: ${tsType(name)};`).join('\n')}
  ownerId: string;
  createdAt: Date;
}

export type New${f.entity} = Omit<${f.entity}, 'id' | 'ownerId' | 'createdAt'>;
`;
}

const LAYER_FILES = {
  routes: (f) => [`src/routes/${f.name}.routes.ts`, layeredRoutes(f)],
  controller: (f) => [`src/controllers/${f.name}.controller.ts`, layeredController(f)],
  service: (f) => [`src/services/${f.name}.service.ts`, layeredService(f)],
  repository: (f) => [`src/repositories/${f.name}.repository.ts`, layeredRepository(f)],
  schema: (f) => [`src/validators/${f.name}.schema.ts`, layeredSchema(f)],
  model: (f) => [`src/models/${f.name}.model.ts`, layeredModel(f)],
};

/** Features mounted through `routes/v2.ts` rather than in `app.ts` itself. */
const viaV2 = (f) => f.index % 2 === 1;
/** Features whose router is mounted behind `requireAuth`. */
const authAtMount = (f) => f.index % 5 === 0;

function layeredApp(features) {
  const direct = features.filter((f) => !viaV2(f));
  return `import express from 'express';
import { requireAuth } from './lib/auth';
import { errorHandler } from './lib/errors';
import { v2 } from './routes/v2';
${direct.map((f) => `import { ${f.name}Routes } from './routes/${f.name}.routes';`).join('\n')}

export const app = express();

app.disable('x-powered-by');
app.use(express.json({ limit: '1mb' }));

${direct.map((f) => `app.use('/api/${f.name}', ${authAtMount(f) ? 'requireAuth, ' : ''}${f.name}Routes);`).join('\n')}
app.use('/api/v2', v2);
app.use(errorHandler);

app.listen(Number(process.env.PORT ?? 3000));
`;
}

function layeredV2(features) {
  const mounted = features.filter(viaV2);
  return `import { Router } from 'express';
import { requireAuth } from '@lib/auth';
${mounted.map((f) => `import { ${f.name}Routes } from './${f.name}.routes';`).join('\n')}

export const v2 = Router();

${mounted.map((f) => `v2.use('/${f.name}', ${authAtMount(f) ? 'requireAuth, ' : ''}${f.name}Routes);`).join('\n')}
`;
}

const layeredTsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'CommonJS',
    moduleResolution: 'Node10',
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    baseUrl: '.',
    paths: { '@lib/*': ['src/lib/*'], '@services/*': ['src/services/*'], '@repositories/*': ['src/repositories/*'] },
  },
  include: ['src'],
};

/**
 * Writes a layered API project of exactly `fileCount` source files below `dir` (see above), with
 * a `package.json` and a `tsconfig.json`. Returns the absolute paths of the source files, in a
 * stable order, and the controllers among them.
 */
export function writeLayeredProject(dir, fileCount) {
  const files = [];
  const controllers = [];
  const put = (relative, text) => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (relative.startsWith('src/')) files.push(file);
    return file;
  };
  put('package.json', `${JSON.stringify({ name: `layered-api-${fileCount}`, private: true, type: 'commonjs' }, null, 2)}\n`);
  put('tsconfig.json', `${JSON.stringify(layeredTsconfig, null, 2)}\n`);

  const SHARED = 5;
  const featureCount = Math.max(1, Math.ceil((fileCount - SHARED) / LAYERS.length));
  const features = Array.from({ length: featureCount }, (_, i) => featureOf(i));
  put('src/lib/auth.ts', layeredAuthModule);
  put('src/lib/db.ts', layeredDbModule);
  put('src/lib/errors.ts', layeredErrorsModule);
  put('src/app.ts', layeredApp(features));
  put('src/routes/v2.ts', layeredV2(features));
  for (const f of features) {
    for (const layer of LAYERS) {
      if (files.length >= fileCount) break;
      const [relative, text] = LAYER_FILES[layer](f);
      const file = put(relative, text);
      if (layer === 'controller') controllers.push(file);
    }
  }
  return { files, controllers };
}
