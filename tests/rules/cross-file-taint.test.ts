import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Taint across files: request input read by a handler in one file, passed to a service or helper
 * in another, reaches a sink in a third. The finding is reported once, at the sink, in the file
 * that holds it, and names the request input and the route with their file and line. The other
 * direction too: a helper of another file that returns (part of) the request it is given taints
 * the call's result in the caller. Every project has a safe look-alike that must stay clean.
 */

const taintRules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-command-injection': 'error',
  'api-security/no-path-traversal': 'error',
  'api-security/no-nosql-injection': 'error',
};

/** Lints one file of a project with real ESLint (TypeScript files with typescript-eslint's parser, untyped, as in the editor by default). */
const lint = (dir: string, file: string): Promise<Linter.LintMessage[]> => lintProjectFile(dir, file, taintRules);

/** The messages of the taint rules above, as `line ruleId: message`. */
async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lint(dir, file);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

const expressLayers = {
  'src/users.repository.ts': `import { Pool } from 'pg';

const pool = new Pool();

export async function findUsersByName(name: string) {
  const { rows } = await pool.query(\`SELECT id, name FROM users WHERE name = '\${name}'\`);
  return rows;
}

export async function findUsersById(id: number) {
  const { rows } = await pool.query(\`SELECT id, name FROM users WHERE id = \${id}\`);
  return rows;
}

export async function findUsersByEmail(email: string) {
  const { rows } = await pool.query('SELECT id, name FROM users WHERE email = $1', [email]);
  return rows;
}
`,
  'src/users.service.ts': `import * as repo from './users.repository.js';

export class UsersService {
  search(name: string) {
    return repo.findUsersByName(name);
  }

  byId(id: string) {
    // Parsed to a number here: the repository's template only ever sees digits.
    return repo.findUsersById(Number.parseInt(id, 10));
  }

  byEmail(email: string) {
    return repo.findUsersByEmail(email);
  }
}
`,
  'src/users.controller.ts': `import { Router } from 'express';
import { UsersService } from './users.service.js';

export const router = Router();
const users = new UsersService();

router.get('/users', async (req, res) => {
  res.json(await users.search(req.query.q as string));
});

router.get('/users/:id', async (req, res) => {
  res.json(await users.byId(req.params.id));
});

router.get('/users-by-email', async (req, res) => {
  res.json(await users.byEmail(req.query.email as string));
});
`,
};

describe('taint across files', () => {
  it('Express + TypeScript: controller -> service -> repository, reported once at the pg query in the repository', async () => {
    const dir = writeProject(expressLayers);
    expect(await findings(dir, 'src/users.repository.ts')).toEqual([
      '6 api-security/no-sql-injection: `req.query.q` in src/users.controller.ts (line 8) reaches the SQL text of `pool.query` (line 6) through `users.search` (called on line 8 of src/users.controller.ts by the handler of GET /users). Pass it as a bound parameter instead of building the query string.',
    ]);
    // The controller and the service hold no sink: the flow is not reported there.
    expect(await findings(dir, 'src/users.controller.ts')).toEqual([]);
    expect(await findings(dir, 'src/users.service.ts')).toEqual([]);
  });

  it('follows tsconfig `paths` aliases and a barrel between the layers', async () => {
    const dir = writeProject({
      ...expressLayers,
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'] } }, include: ['src'] }),
      'src/index.ts': "export * from './users.service.js';\n",
      'src/users.service.ts': expressLayers['src/users.service.ts'].replace("'./users.repository.js'", "'@app/users.repository'"),
      'src/users.controller.ts': expressLayers['src/users.controller.ts'].replace("'./users.service.js'", "'@app/index'"),
    });
    expect(await findings(dir, 'src/users.repository.ts')).toEqual([
      expect.stringMatching(/^6 api-security\/no-sql-injection: `req\.query\.q` in src\/users\.controller\.ts \(line 8\) reaches the SQL text of `pool\.query`/u),
    ]);
  });

  it('Express: a controller that validates the input before calling the service is not reported', async () => {
    const dir = writeProject({
      ...expressLayers,
      'src/users.controller.ts': `import { Router } from 'express';
import { z } from 'zod';
import { UsersService } from './users.service.js';

export const router = Router();
const users = new UsersService();
const SearchQuery = z.object({ q: z.enum(['alice', 'bob']) });

router.get('/users', async (req, res) => {
  const { q } = SearchQuery.parse(req.query);
  res.json(await users.search(q));
});
`,
    });
    expect(await findings(dir, 'src/users.repository.ts')).toEqual([]);
  });

  it('NestJS: controller -> injected service -> injected repository running a TypeORM query', async () => {
    const dir = writeProject({
      'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  searchByName(q: string) {
    return this.dataSource.query(\`SELECT * FROM users WHERE name LIKE '%\${q}%'\`);
  }

  olderThan(age: number) {
    return this.dataSource.query(\`SELECT * FROM users WHERE age > \${age}\`);
  }
}
`,
      'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(private readonly repository: UsersRepository) {}

  search(q: string) {
    return this.repository.searchByName(q);
  }

  olderThan(age: number) {
    return this.repository.olderThan(age);
  }
}
`,
      'src/users/users.controller.ts': `import { Controller, Get, ParseIntPipe, Query } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get('search')
  search(@Query('q') q: string) {
    return this.usersService.search(q);
  }

  @Get('older')
  older(@Query('age', ParseIntPipe) age: number) {
    return this.usersService.olderThan(age);
  }
}
`,
    });
    expect(await findings(dir, 'src/users/users.repository.ts')).toEqual([
      "9 api-security/no-sql-injection: `@Query('q') q` in src/users/users.controller.ts (line 9) reaches the SQL text of `this.dataSource.query` (line 9) through `this.usersService.search` (called on line 10 of src/users/users.controller.ts by the handler of GET /users/search). Pass it as a bound parameter instead of building the query string.",
    ]);
    expect(await findings(dir, 'src/users/users.controller.ts')).toEqual([]);
  });

  it('CommonJS Express: a route hands the body to a lib that runs child_process.exec', async () => {
    const dir = writeProject(
      {
        'routes/convert.js': `const express = require('express');
const { convert, convertSafely } = require('../lib/convert');

const router = express.Router();

router.post('/convert', (req, res) => {
  convert(req.body.file, (error, output) => res.send(output));
});

router.post('/convert-safely', (req, res) => {
  convertSafely(req.body.file, (error, output) => res.send(output));
});

module.exports = router;
`,
        'lib/convert.js': `const { exec, execFile } = require('child_process');

function convert(file, done) {
  exec('convert ' + file + ' out.png', done);
}

function convertSafely(file, done) {
  execFile('convert', [file, 'out.png'], done);
}

module.exports = { convert, convertSafely };
`,
      },
      { name: 'app' },
    );
    const found = await findings(dir, 'lib/convert.js');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^4 api-security\/no-command-injection: `req\.body\.file` in routes\/convert\.js \(line 7\) .*`convert` \(called on line 7 of routes\/convert\.js by the handler of POST \/convert\)/);
    expect(await findings(dir, 'routes/convert.js')).toEqual([]);
  });

  it('Koa: a route passes a path parameter to a helper module that reads the file', async () => {
    const dir = writeProject({
      'src/server.ts': `import Koa from 'koa';
import Router from '@koa/router';
import { readReport, readReportSafely } from './reports';

const app = new Koa();
const router = new Router();

router.get('/reports/:name', async (ctx) => {
  ctx.body = await readReport(ctx.params.name);
});

router.get('/safe-reports/:name', async (ctx) => {
  ctx.body = await readReportSafely(ctx.params.name);
});

app.use(router.routes());
`,
      'src/reports.ts': `import { readFile } from 'node:fs/promises';
import path from 'node:path';

export function readReport(name: string) {
  return readFile(path.join('/srv/reports', name), 'utf8');
}

export function readReportSafely(name: string) {
  return readFile(path.join('/srv/reports', path.basename(name)), 'utf8');
}
`,
    });
    const found = await findings(dir, 'src/reports.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^5 api-security\/no-path-traversal: `ctx\.params\.name` in src\/server\.ts \(line 9\) .*`readReport` \(called on line 9 of src\/server\.ts by the handler of GET \/reports\/:name\)/);
    expect(await findings(dir, 'src/server.ts')).toEqual([]);
  });

  it('a utility of another file that returns its parameter, or part of the request it is given, taints the sink in the controller', async () => {
    const dir = writeProject({
      'src/util/request.ts': `import type { Request } from 'express';

export const sortColumn = (req: Request) => req.query.sort as string;

export function pageSize(req: Request) {
  return Number(req.query.size);
}

export function direction(req: Request) {
  return req.query.dir === 'desc' ? 'DESC' : 'ASC';
}

export function containing(term: string) {
  return \`%\${term}%\`;
}

export function digits(text: string) {
  return text.replace(/[^0-9]/g, '');
}
`,
      'src/orders.ts': `import express from 'express';
import { Pool } from 'pg';
import { containing, digits, direction, pageSize, sortColumn } from './util/request';

const app = express();
const pool = new Pool();

app.get('/orders', async (req, res) => {
  const { rows } = await pool.query(\`SELECT * FROM orders ORDER BY \${sortColumn(req)} \${direction(req)} LIMIT \${pageSize(req)}\`);
  res.json(rows);
});

app.get('/orders/search', async (req, res) => {
  const { rows } = await pool.query(\`SELECT * FROM orders WHERE note LIKE '\${containing(req.query.note as string)}' AND id = \${digits(String(req.query.id))}\`);
  res.json(rows);
});
`,
    });
    // The utility taking the request is read as a handler of its own (its parameter is a request):
    // the input is named where it is read, in the utility's file.
    expect(await findings(dir, 'src/orders.ts')).toEqual([
      '9 api-security/no-sql-injection: `req.query.sort` in src/util/request.ts (line 3) reaches the SQL text of `pool.query` (line 9) without parameters. Pass it as a bound parameter instead of building the query string.',
      '14 api-security/no-sql-injection: `req.query.note` (line 14) reaches the SQL text of `pool.query` (line 14) without parameters. Pass it as a bound parameter instead of building the query string.',
    ]);
    expect(await findings(dir, 'src/util/request.ts')).toEqual([]);
  });

  it('a flow through two routes into one repository function is reported once, and either route alone reports it', async () => {
    const admin = `import { Router } from 'express';
import { UsersService } from './users.service.js';

export const admin = Router();
const service = new UsersService();

admin.get('/admin/users', async (req, res) => {
  res.json(await service.search(req.query.name as string));
});
`;
    const both = writeProject({ ...expressLayers, 'src/admin.controller.ts': admin });
    expect(await findings(both, 'src/users.repository.ts')).toHaveLength(1);
    const adminOnly = writeProject({
      ...expressLayers,
      'src/users.controller.ts': expressLayers['src/users.controller.ts'].replace('users.search(req.query.q as string)', "users.search('alice')"),
      'src/admin.controller.ts': admin,
    });
    const found = await findings(adminOnly, 'src/users.repository.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('`req.query.name` in src/admin.controller.ts (line 8)');
    expect(found[0]).toContain('`service.search` (called on line 8 of src/admin.controller.ts by the handler of GET /admin/users)');
  });

  it('NoSQL: a body passed whole to a repository filter is reported there; a field cast to a string is not', async () => {
    const dir = writeProject(
      {
        'src/users.repository.js': `import { User } from './user.model.js';

export function findByLogin(filter) {
  return User.findOne(filter);
}

export function findByEmail(email) {
  return User.findOne({ email });
}
`,
        'src/user.model.js': `import mongoose from 'mongoose';

export const User = mongoose.model('User', new mongoose.Schema({ email: String, password: String }));
`,
        'src/auth.routes.js': `import express from 'express';
import { findByEmail, findByLogin } from './users.repository.js';

const app = express();

app.post('/login', async (req, res) => {
  res.json(await findByLogin(req.body));
});

app.post('/lookup', async (req, res) => {
  res.json(await findByEmail(String(req.body.email)));
});
`,
      },
      { name: 'app', type: 'module', dependencies: { express: '5.0.0', mongoose: '8.0.0' } },
    );
    const messages = await lint(dir, 'src/users.repository.js');
    expect(messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}`)).toEqual(['4 api-security/no-nosql-injection']);
    expect(messages[0]?.message).toContain('`req.body` in src/auth.routes.js (line 7)');
  });

  it('an import cycle terminates', async () => {
    const dir = writeProject({
      'src/a.ts': `import express from 'express';
import { viaB } from './b';

const app = express();

export function run(text: string, depth: number): unknown {
  return depth > 0 ? viaB(text, depth - 1) : text;
}

app.get('/cycle', async (req, res) => {
  res.json(await viaB(req.query.q as string, 3));
});
`,
      'src/b.ts': `import { Pool } from 'pg';
import { run } from './a';

const pool = new Pool();

export function viaB(text: string, depth: number): unknown {
  pool.query(\`SELECT '\${text}'\`);
  return run(text, depth);
}
`,
    });
    const found = await findings(dir, 'src/b.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('`req.query.q` in src/a.ts (line 11)');
    expect(await findings(dir, 'src/a.ts')).toEqual([]);
  });

  it('sees an edit of the controller on the next lint of the repository', async () => {
    const dir = writeProject(expressLayers);
    expect(await findings(dir, 'src/users.repository.ts')).toHaveLength(1);
    const controller = path.join(dir, 'src/users.controller.ts');
    writeFileSync(
      controller,
      expressLayers['src/users.controller.ts'].replace(
        'res.json(await users.search(req.query.q as string));',
        "const q = String(req.query.q);\n  if (!/^[a-z]+$/.test(q)) return res.status(400).end();\n  res.json(await users.search(q));",
      ),
    );
    // The index trusts its import graph for a second; the parse is revalidated on every use.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await findings(dir, 'src/users.repository.ts')).toEqual([]);
  });
});
