import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import commandRule from '../../src/rules/no-command-injection.js';
import sqlRule from '../../src/rules/no-sql-injection.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Request input a constructor stores on the instance it builds (`constructor(req) { this.period =
 * req.query.period }`) is read back as a field: of the object `new C(req)` returns, and as
 * `this.period` in the class's other methods. Only what the constructor stored in that field
 * counts: a field given the principal, a constant or a converted number stays clean. Across files
 * too: a context object built in the route, handed to a service that keeps it, read by a
 * repository that builds SQL with one of its fields.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-sql-injection: fields a constructor stores', sqlRule, {
  valid: [
    {
      name: 'the fields read are the principal and a number',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
class Scope {
  constructor(req) {
    this.accountId = req.user.accountId;
    this.days = Number.parseInt(String(req.query.days), 10);
    this.label = req.query.label;
  }
}
const app = express();
app.get('/usage', async (req, res) => {
  const scope = new Scope(req);
  res.json(await pool.query(\`SELECT * FROM usage WHERE account_id = \${scope.accountId} AND age < \${scope.days}\`));
});`,
    },
    {
      name: 'a method that reads a field the constructor fills with a constant',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
class Report {
  constructor(req) {
    this.filter = req.query.filter;
    this.table = 'usage_daily';
  }
  rows() { return pool.query(\`SELECT * FROM \${this.table} WHERE name = $1\`, [this.filter]); }
}
const app = express();
app.get('/report', async (req, res) => res.json(await new Report(req).rows()));`,
    },
  ],
  invalid: [
    {
      name: 'a field of the instance new C(req) builds',
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
class Scope {
  constructor(req) {
    this.accountId = req.user.accountId;
    this.period = req.query.period;
  }
}
const app = express();
app.get('/usage', async (req, res) => {
  const scope = new Scope(req);
  res.json(await pool.query(\`SELECT * FROM usage WHERE account_id = \${scope.accountId} AND period = '\${scope.period}'\`));
});`,
      errors: [{ messageId: 'sqlInjection', line: 13 }],
    },
  ],
});

ruleTester.run('no-command-injection: fields a constructor stores', commandRule, {
  valid: [
    {
      name: 'the field the method reads is not the one given the input',
      code: `import express from 'express';
import { spawn } from 'node:child_process';
class DeployJob {
  constructor(branch) {
    this.branch = branch;
    this.script = '/opt/deploy.sh';
  }
  run() { return spawn(this.script, ['--branch', this.branch]); }
}
const app = express();
app.post('/deploy', (req, res) => { new DeployJob(req.body.branch).run(); res.sendStatus(202); });`,
    },
  ],
  invalid: [
    {
      name: 'a method reads back what the constructor stored',
      code: `import express from 'express';
import { spawn } from 'node:child_process';
class DeployJob {
  constructor(req) {
    this.args = [req.body.branch];
  }
  run() { return spawn('sh', ['-c', 'deploy ' + this.args.join(' ')]); }
}
const app = express();
app.post('/deploy', (req, res) => { new DeployJob(req).run(); res.sendStatus(202); });`,
      errors: [{ messageId: 'commandInjection', line: 7 }],
    },
    {
      name: 'a TypeScript parameter property',
      code: `import express from 'express';
import { exec } from 'node:child_process';
class Archive {
  constructor(private readonly folder: string, private readonly level = 6) {}
  create() { return exec(\`tar -c\${this.level}zf out.tgz \${this.folder}\`); }
}
const app = express();
app.post('/archive', (req, res) => { new Archive(String(req.body.folder)).create(); res.sendStatus(202); });`,
      errors: [{ messageId: 'commandInjection', line: 5 }],
    },
  ],
});

describe('a member of an options object a constructor stores', () => {
  const manifest = { name: 'uploads', dependencies: { express: '^4.21.0' } };
  const files = {
    'src/uploader.js': `const fs = require('node:fs');
const path = require('node:path');
class Uploader {
  constructor(input) {
    const options = { ...input, headers: { ...input.headers, 'x-source': 'uploader' } };
    this.options = options;
  }
  static fromRequest(req) {
    return { headers: req.body.headers, name: req.body.name, directory: process.env.UPLOAD_DIR ?? '/var/uploads' };
  }
  save(data) {
    fs.writeFileSync(path.join(this.options.directory, 'upload.bin'), data);
    fs.writeFileSync(path.join(this.options.directory, this.options.name), data);
  }
}
module.exports = Uploader;
`,
    'src/routes.js': `const express = require('express');
const Uploader = require('./uploader');
const router = express.Router();
router.post('/upload', (req, res) => {
  new Uploader(Uploader.fromRequest(req)).save(req.body.data);
  res.sendStatus(201);
});
module.exports = router;
`,
  };

  it('reports the client-named file, not the configured directory beside the client\'s headers', async () => {
    const dir = writeProject(files, manifest);
    const messages = await lintProjectFile(dir, 'src/uploader.js', { 'api-security/no-path-traversal': 'error' });
    expect(summary(messages)).toEqual(['13 api-security/no-path-traversal']);
    expect(messages[0]?.message).toContain('req.body.name');
  });
});

describe('a request context handed through three files', () => {
  const manifest = { name: 'billing', dependencies: { express: '^4.21.0', pg: '^8.11.0' } };
  const files = {
    'src/context.js': `class RequestContext {
  constructor(req) {
    this.accountId = req.user.accountId;
    this.period = req.query.period;
  }
}
module.exports = RequestContext;
`,
    'src/usage.service.js': `const repository = require('./usage.repository');
class UsageService {
  constructor(ctx) {
    this.ctx = ctx;
  }
  daily(meter) {
    return repository.daily(this.ctx, meter);
  }
}
module.exports = UsageService;
`,
    'src/usage.repository.js': `const { Pool } = require('pg');
const pool = new Pool();
exports.daily = (ctx, meter) =>
  pool.query(\`SELECT day, sum(qty) FROM usage WHERE account_id = \${ctx.accountId} AND meter = $1 AND period = '\${ctx.period}' GROUP BY day\`, [meter]);
`,
    'src/routes.js': `const express = require('express');
const RequestContext = require('./context');
const UsageService = require('./usage.service');
const router = express.Router();
router.get('/usage/:meter', async (req, res) => {
  const service = new UsageService(new RequestContext(req));
  res.json(await service.daily(req.params.meter));
});
module.exports = router;
`,
  };

  it('reports the period at the repository, naming the route file, and not the account id', async () => {
    const dir = writeProject(files, manifest);
    const messages = await lintProjectFile(dir, 'src/usage.repository.js', { 'api-security/no-sql-injection': 'error' });
    expect(summary(messages)).toEqual(['4 api-security/no-sql-injection']);
    expect(messages[0]?.message).toContain('req.query.period');
    expect(messages[0]?.message).toContain('src/routes.js');
    expect(messages[0]?.column).toBe((files['src/usage.repository.js'].split('\n')[3] ?? '').indexOf('${ctx.period}') + 3);
  });
});
