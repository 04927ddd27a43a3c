import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Shapes of layered code the cross-file taint must follow, as teams write them: a database client
 * created once in its own module and imported where queries are built, a collection handed out by
 * a function of a shared module, a repository reached through a getter of the service, and a
 * CommonJS class exported whole and instantiated by the controller. Each project has a safe
 * look-alike (bound parameter, coerced value, fixed command) that must stay clean.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-nosql-injection': 'error',
  'api-security/no-command-injection': 'error',
};

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

describe('a client created in another file is the package client', () => {
  it('pg Pool exported by db.ts: its query helper runs whatever SQL text the callers build', async () => {
    const dir = writeProject({
      'src/db.ts': `import { Pool } from 'pg';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
`,
      'src/query.ts': `import { pool } from './db';

export async function sql(text: string, values: unknown[] = []) {
  const result = await pool.query(text, values);
  return result.rows;
}
`,
      'src/invoices.repository.ts': `import { sql } from './query';

export function invoicesByStatus(status: string) {
  return sql(\`SELECT id, total FROM invoices WHERE status = '\${status}'\`);
}

export function invoicesOf(customerId: string) {
  return sql('SELECT id, total FROM invoices WHERE customer_id = $1', [customerId]);
}
`,
      'src/invoices.routes.ts': `import { Router } from 'express';
import { invoicesByStatus, invoicesOf } from './invoices.repository';

export const invoices = Router();

invoices.get('/invoices', async (req, res) => {
  res.json(await invoicesByStatus(String(req.query.status)));
});

invoices.get('/customers/:id/invoices', async (req, res) => {
  res.json(await invoicesOf(req.params.id));
});
`,
    });
    expect(await findings(dir, 'src/query.ts')).toEqual([
      "4 api-security/no-sql-injection: `req.query.status` in src/invoices.routes.ts (line 7) reaches the SQL text of `pool.query` (line 4) through `invoicesByStatus` (called on line 7 of src/invoices.routes.ts by the handler of GET /invoices). Pass it as a bound parameter instead of building the query string.",
    ]);
  });

  it('the helper of a project whose only caller binds its parameters stays clean', async () => {
    const dir = writeProject({
      'src/db.ts': `import { Pool } from 'pg';

export const pool = new Pool();
`,
      'src/query.ts': `import { pool } from './db';

export async function sql(text: string, values: unknown[] = []) {
  return (await pool.query(text, values)).rows;
}
`,
      'src/routes.ts': `import { Router } from 'express';
import { sql } from './query';

export const router = Router();

router.get('/invoices', async (req, res) => {
  res.json(await sql('SELECT id FROM invoices WHERE status = $1', [req.query.status]));
});
`,
    });
    expect(await findings(dir, 'src/query.ts')).toEqual([]);
  });

  it('a MongoDB collection handed out by a function of a CommonJS module', async () => {
    const dir = writeProject(
      {
        'lib/mongo.js': `'use strict';
const { MongoClient } = require('mongodb');

const client = new MongoClient(process.env.MONGO_URL);

module.exports = {
  client,
  comments: () => client.db('blog').collection('comments'),
};
`,
        'services/comments.js': `'use strict';
const { comments } = require('../lib/mongo');

exports.search = (filter) => comments().find(filter).toArray();

exports.byAuthor = (author) => comments().find({ author: String(author) }).toArray();
`,
        'routes/comments.js': `'use strict';
const express = require('express');
const commentsService = require('../services/comments');

const router = express.Router();

router.post('/comments/search', async (req, res) => {
  res.json(await commentsService.search(req.body.filter));
});

router.get('/comments', async (req, res) => {
  res.json(await commentsService.byAuthor(req.query.author));
});

module.exports = router;
`,
      },
      { name: 'blog', dependencies: { mongodb: '^6.8.0', express: '^4.19.2' } },
    );
    expect(await findings(dir, 'services/comments.js')).toEqual([
      '4 api-security/no-nosql-injection: `req.body.filter` in routes/comments.js (line 8) reaches the filter of `find` (line 4) through `commentsService.search` (called on line 8 of routes/comments.js by the handler of POST /comments/search) unchecked; a client can send an object such as {"$ne": null}. Coerce it with String(), validate its type, or match it with $eq.',
    ]);
  });
});

describe('calls the project model follows into another file', () => {
  it('a NestJS service reaching its repository through a getter', async () => {
    const dir = writeProject({
      'src/audit/audit.repository.ts': `import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  forEntity(entity: string) {
    return this.dataSource.query(\`SELECT id, at FROM audit WHERE entity = '\${entity}'\`);
  }

  forUser(userId: string) {
    return this.dataSource.query('SELECT id, at FROM audit WHERE user_id = $1', [userId]);
  }
}
`,
      'src/audit/audit.service.ts': `import { Injectable } from '@nestjs/common';
import { AuditRepository } from './audit.repository';

@Injectable()
export class AuditService {
  constructor(private readonly auditRepository: AuditRepository) {}

  private get repository() {
    return this.auditRepository;
  }

  forEntity(entity: string) {
    return this.repository.forEntity(entity);
  }

  forUser(userId: string) {
    return this.repository.forUser(userId);
  }
}
`,
      'src/audit/audit.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';
import { AuditService } from './audit.service';

@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query('entity') entity: string) {
    return this.audit.forEntity(entity);
  }

  @Get('user')
  forUser(@Query('userId') userId: string) {
    return this.audit.forUser(userId);
  }
}
`,
    });
    expect(await findings(dir, 'src/audit/audit.repository.ts')).toEqual([
      "9 api-security/no-sql-injection: `@Query('entity') entity` in src/audit/audit.controller.ts (line 9) reaches the SQL text of `this.dataSource.query` (line 9) through `this.audit.forEntity` (called on line 10 of src/audit/audit.controller.ts by the handler of GET /audit). Pass it as a bound parameter instead of building the query string.",
    ]);
  });

  it('a CommonJS class exported whole, required and instantiated by the controller', async () => {
    const dir = writeProject(
      {
        'services/backupService.js': `'use strict';
const { execSync } = require('child_process');

class BackupService {
  archive(name) {
    return execSync('tar czf /backups/' + name + '.tgz /srv/data').toString();
  }

  archiveToday() {
    return execSync('tar czf /backups/daily.tgz /srv/data').toString();
  }
}

module.exports = BackupService;
`,
        'controllers/backupController.js': `'use strict';
const BackupService = require('../services/backupService');

const backups = new BackupService();

exports.create = (req, res) => {
  res.send(backups.archive(req.body.name));
};

exports.daily = (req, res) => {
  res.send(backups.archiveToday());
};
`,
        'routes/backups.js': `'use strict';
const express = require('express');
const backupController = require('../controllers/backupController');

const router = express.Router();
router.post('/backups', backupController.create);
router.post('/backups/daily', backupController.daily);

module.exports = router;
`,
      },
      { name: 'ops' },
    );
    expect(await findings(dir, 'services/backupService.js')).toEqual([
      "6 api-security/no-command-injection: `req.body.name` in controllers/backupController.js (line 7) reaches the command run by `execSync` (line 6) through `backups.archive` (called on line 7 of controllers/backupController.js). Run a fixed program with an argument array (execFile/spawn without a shell) and validate the value.",
    ]);
  });
});
