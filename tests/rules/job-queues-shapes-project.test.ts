import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * The queue hop in the shapes applications give it: a queue named by a constant or an enum member
 * of another file, a queue held in a class field or injected by NestJS, NestJS consumers, pg-boss
 * and RabbitMQ (amqplib). Each shape is reported at the worker's sink, naming the route's input;
 * each has look-alikes that stay silent (a queue of another name, a job of another name, a field
 * the producer fixes, a value it checks).
 */

const rules = {
  'api-security/no-command-injection': 'error',
  'api-security/no-path-traversal': 'error',
  'api-security/no-sql-injection': 'error',
} as const;

async function lint(files: Record<string, string>, file: string, dependencies: Record<string, string>): Promise<string[]> {
  const dir = writeProject(files, { name: 'jobs', type: 'module', dependencies: { express: '^5.0.0', ...dependencies } });
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}: ${message.message}`);
}

const BULLMQ = { bullmq: '^5.0.0' };

describe('queue names kept in constants of other files', () => {
  // The name in a constants module; the queue made in a shared module that imports it; a route
  // enqueues through the shared queue; the worker names the queue by the same constant.
  const files = (workerName: string, constants = "export const INVOICE_QUEUE = 'invoices';\nexport const DIGEST_QUEUE = 'digests';\n"): Record<string, string> => ({
    'src/constants.ts': constants,
    'src/queues/index.ts': `import { Queue } from 'bullmq';
import { INVOICE_QUEUE } from '../constants';
export const invoiceQueue = new Queue(INVOICE_QUEUE, { connection: { host: 'redis' } });
`,
    'src/routes/invoices.ts': `import { Router } from 'express';
import { invoiceQueue } from '../queues';
export const invoices = Router();
invoices.post('/invoices/:id/pdf', async (req, res) => {
  await invoiceQueue.add('render', { id: req.params.id, template: req.body.template });
  res.status(202).end();
});
`,
    'src/workers/invoice.worker.ts': `import { Worker } from 'bullmq';
import { readFile } from 'node:fs/promises';
import { ${workerName.split('.')[0]!} } from '../constants';
export const worker = new Worker(${workerName}, async (job) => {
  const layout = await readFile('/srv/templates/' + job.data.template, 'utf8');
  return layout.length;
});
`,
  });

  it('reads an imported constant on both sides (the route imports the queue, whose module imports the name)', async () => {
    expect(await lint(files('INVOICE_QUEUE'), 'src/workers/invoice.worker.ts', BULLMQ)).toEqual([
      expect.stringMatching(/^5 api-security\/no-path-traversal: `req\.body\.template` in src\/routes\/invoices\.ts \(line 5\).*`invoiceQueue\.add` \(called on line 5 of src\/routes\/invoices\.ts by the handler of POST \/invoices\/:id\/pdf\)/u),
    ]);
  });

  it('stays silent for a worker of the other constant', async () => {
    expect(await lint(files('DIGEST_QUEUE'), 'src/workers/invoice.worker.ts', BULLMQ)).toEqual([]);
  });

  it('reads an enum member and an object of names', async () => {
    const enumFiles = files('QueueName.Invoices', "export enum QueueName {\n  Invoices = 'invoices',\n  Digests = 'digests',\n}\n");
    enumFiles['src/queues/index.ts'] = enumFiles['src/queues/index.ts']!.replace('{ INVOICE_QUEUE }', '{ QueueName }').replace('new Queue(INVOICE_QUEUE', 'new Queue(QueueName.Invoices');
    expect(await lint(enumFiles, 'src/workers/invoice.worker.ts', BULLMQ)).toEqual([expect.stringMatching(/^5 api-security\/no-path-traversal: `req\.body\.template`/u)]);
    const objectFiles = files('QUEUES.INVOICES', "export const QUEUES = { INVOICES: 'invoices', DIGESTS: 'digests' } as const;\n");
    objectFiles['src/queues/index.ts'] = objectFiles['src/queues/index.ts']!.replace('{ INVOICE_QUEUE }', '{ QUEUES }').replace('new Queue(INVOICE_QUEUE', 'new Queue(QUEUES.INVOICES');
    expect(await lint(objectFiles, 'src/workers/invoice.worker.ts', BULLMQ)).toEqual([expect.stringMatching(/^5 api-security\/no-path-traversal: `req\.body\.template`/u)]);
    // The other member of the same enum stays silent.
    const otherMember = files('QueueName.Digests', "export enum QueueName {\n  Invoices = 'invoices',\n  Digests = 'digests',\n}\n");
    otherMember['src/queues/index.ts'] = otherMember['src/queues/index.ts']!.replace('{ INVOICE_QUEUE }', '{ QueueName }').replace('new Queue(INVOICE_QUEUE', 'new Queue(QueueName.Invoices');
    expect(await lint(otherMember, 'src/workers/invoice.worker.ts', BULLMQ)).toEqual([]);
  });

  it('reads a name required from a CommonJS module (bull, agenda-style names in an object)', async () => {
    const cjs = {
      'lib/names.js': "module.exports = { QUEUES: { EXPORTS: 'exports', MAINTENANCE: 'maintenance' } };\n",
      'lib/jobs.js': `const Queue = require('bull');
const { QUEUES } = require('./names');
const { exec } = require('node:child_process');
const exportsQueue = new Queue(QUEUES.EXPORTS);
exportsQueue.process(async (job) => {
  exec('tar czf /tmp/export.tgz ' + job.data.folder);
});
module.exports = { exportsQueue };
`,
      'lib/routes.js': `const express = require('express');
const { exportsQueue } = require('./jobs');
const router = express.Router();
router.post('/exports', (req, res) => {
  exportsQueue.add({ folder: req.body.folder });
  res.sendStatus(202);
});
module.exports = router;
`,
    };
    const dir = writeProject(cjs, { name: 'jobs', dependencies: { express: '^5.0.0', bull: '^4.0.0' } });
    const found = (await lintProjectFile(dir, 'lib/jobs.js', rules)).map((message) => `${String(message.line)} ${message.ruleId ?? ''}`);
    expect(found).toEqual(['6 api-security/no-command-injection']);
  });
});

describe('a queue held in a class field', () => {
  const service = (data: string): string => `import { Queue } from 'bullmq';
export class ReportService {
  private readonly queue: Queue;
  constructor() {
    this.queue = new Queue('reports');
  }
  async schedule(input: { path: string; owner: string }) {
    return this.queue.add('build', ${data});
  }
}
export const reports = new ReportService();
`;
  const files = (data: string, workerQueue = "'reports'"): Record<string, string> => ({
    'src/report.service.ts': service(data),
    'src/routes.ts': `import express from 'express';
import { reports } from './report.service';
const app = express();
app.post('/reports', async (req, res) => {
  const job = await reports.schedule({ path: req.body.path, owner: req.body.owner });
  res.json({ id: job.id });
});
`,
    'src/worker.ts': `import { Worker } from 'bullmq';
import { createReadStream } from 'node:fs';
new Worker(${workerQueue}, async (job) => {
  createReadStream(job.data.path).pipe(process.stdout);
});
`,
  });

  it('reports the worker sink fed by a route through a service method', async () => {
    expect(await lint(files('input'), 'src/worker.ts', BULLMQ)).toEqual([expect.stringMatching(/^4 api-security\/no-path-traversal: `req\.body\.path` in src\/routes\.ts \(line 5\)/u)]);
  });

  it('stays silent when the service fixes the field the worker reads, or validates it', async () => {
    expect(await lint(files("{ path: '/srv/reports/' + Date.now() + '.csv', owner: input.owner }"), 'src/worker.ts', BULLMQ)).toEqual([]);
    const checked = {
      ...files("{ path: '/srv/reports/' + basename(input.path), owner: input.owner }"),
      'src/report.service.ts': service("{ path: '/srv/reports/' + basename(input.path), owner: input.owner }").replace("import { Queue } from 'bullmq';", "import { Queue } from 'bullmq';\nimport { basename } from 'node:path';"),
    };
    expect(await lint(checked, 'src/worker.ts', BULLMQ)).toEqual([]);
  });

  it('stays silent for a worker of another queue', async () => {
    expect(await lint(files('input', "'reports-archive'"), 'src/worker.ts', BULLMQ)).toEqual([]);
  });
});

describe('NestJS queues: @InjectQueue producers and @Processor consumers', () => {
  const producer = (module: string, data: string, job = "'welcome'"): string => `import { Injectable } from '@nestjs/common';
import { InjectQueue } from '${module}';
import type { Queue } from '${module === '@nestjs/bull' ? 'bull' : 'bullmq'}';
import { MAIL_QUEUE } from './mail.constants';

@Injectable()
export class MailService {
  constructor(@InjectQueue(MAIL_QUEUE) private readonly mailQueue: Queue) {}
  async welcome(address: string, template: string) {
    await this.mailQueue.add(${job}, ${data});
  }
}
`;
  const controller = `import { Body, Controller, Post } from '@nestjs/common';
import { MailService } from './mail.service';

@Controller('mail')
export class MailController {
  constructor(private readonly mail: MailService) {}
  @Post('welcome')
  async send(@Body() body: { address: string; template: string }) {
    return this.mail.welcome(body.address, body.template);
  }
}
`;
  const bullConsumer = (queue = 'MAIL_QUEUE'): string => `import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { execFile, exec } from 'node:child_process';
import { MAIL_QUEUE } from './mail.constants';

@Processor(${queue})
export class MailConsumer {
  @Process('welcome')
  async welcome(job: Job<{ address: string; template: string }>) {
    exec('render-mail --template ' + job.data.template);
  }

  @Process('receipt')
  async receipt(job: Job<{ address: string; template: string }>) {
    exec('render-mail --template ' + job.data.template);
  }

  notify(job: Job<{ address: string }>) {
    execFile('notify', [job.data.address]);
  }
}
`;
  const constants = "export const MAIL_QUEUE = 'mail';\n";
  const NEST = { '@nestjs/common': '^10.0.0', '@nestjs/bull': '^10.0.0', bull: '^4.0.0', '@nestjs/bullmq': '^10.0.0', bullmq: '^5.0.0' };

  it('reports the @Process method of the job the service adds (@nestjs/bull), and only that one', async () => {
    const files = { 'src/mail.constants.ts': constants, 'src/mail.controller.ts': controller, 'src/mail.service.ts': producer('@nestjs/bull', '{ address, template }'), 'src/mail.consumer.ts': bullConsumer() };
    expect(await lint(files, 'src/mail.consumer.ts', NEST)).toEqual([
      expect.stringMatching(/^10 api-security\/no-command-injection: `body\.template` in src\/mail\.controller\.ts \(line 9\).*`this\.mail\.welcome` \(called on line 9 of src\/mail\.controller\.ts by the handler of POST \/mail\/welcome\)/u),
    ]);
  });

  it('stays silent for a consumer of another queue, and for a job the service fills with server data', async () => {
    const other = { 'src/mail.constants.ts': constants, 'src/mail.controller.ts': controller, 'src/mail.service.ts': producer('@nestjs/bull', '{ address, template }'), 'src/mail.consumer.ts': bullConsumer("'mail-archive'") };
    expect(await lint(other, 'src/mail.consumer.ts', NEST)).toEqual([]);
    const fixed = { 'src/mail.constants.ts': constants, 'src/mail.controller.ts': controller, 'src/mail.service.ts': producer('@nestjs/bull', "{ address, template: 'welcome-v2' }"), 'src/mail.consumer.ts': bullConsumer() };
    expect(await lint(fixed, 'src/mail.consumer.ts', NEST)).toEqual([]);
  });

  it('reports WorkerHost.process of @nestjs/bullmq', async () => {
    const files = {
      'src/mail.constants.ts': constants,
      'src/mail.controller.ts': controller,
      'src/mail.service.ts': producer('@nestjs/bullmq', '{ address, template }'),
      'src/mail.processor.ts': `import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { exec } from 'node:child_process';

@Processor('mail')
export class MailProcessor extends WorkerHost {
  async process(job: Job<{ template: string }>): Promise<void> {
    exec('render-mail --template ' + job.data.template);
  }
}
`,
    };
    expect(await lint(files, 'src/mail.processor.ts', NEST)).toEqual([expect.stringMatching(/^8 api-security\/no-command-injection: `body\.template` in src\/mail\.controller\.ts \(line 9\)/u)]);
    // A @nestjs/bull producer feeds no @nestjs/bullmq worker.
    expect(await lint({ ...files, 'src/mail.service.ts': producer('@nestjs/bull', '{ address, template }') }, 'src/mail.processor.ts', NEST)).toEqual([]);
  });
});

describe('pg-boss and RabbitMQ (amqplib)', () => {
  it('reports a pg-boss worker (one job, or an array of jobs) fed by send', async () => {
    const files = (queue: string): Record<string, string> => ({
      'src/boss.ts': `import PgBoss from 'pg-boss';
export const boss = new PgBoss(process.env.DATABASE_URL!);
`,
      'src/routes.ts': `import express from 'express';
import { boss } from './boss';
const app = express();
app.post('/imports', async (req, res) => {
  const id = await boss.send('imports', { table: req.body.table, file: req.body.file });
  res.json({ id });
});
`,
      'src/worker.ts': `import { boss } from './boss';
import { Pool } from 'pg';
const pool = new Pool();
await boss.work(${queue}, async ([job]) => {
  await pool.query('TRUNCATE ' + job.data.table);
});
await boss.work(${queue}, { batchSize: 1 }, async (job) => {
  await pool.query(\`COPY \${job.data.table} FROM STDIN\`);
});
`,
    });
    const deps = { 'pg-boss': '^10.0.0', pg: '^8.0.0' };
    expect((await lint(files("'imports'"), 'src/worker.ts', deps)).map((line) => line.slice(0, 36))).toEqual(['5 api-security/no-sql-injection: `re', '8 api-security/no-sql-injection: `re']);
    expect(await lint(files("'imports-audit'"), 'src/worker.ts', deps)).toEqual([]);
  });

  it('reports an amqplib consumer of a queue a route sends JSON to', async () => {
    const files = (consumed: string): Record<string, string> => ({
      'src/rabbit.ts': `import amqp from 'amqplib';
const connection = await amqp.connect(process.env.AMQP_URL!);
export const channel = await connection.createChannel();
`,
      'src/routes.ts': `import express from 'express';
import { channel } from './rabbit';
const app = express();
app.post('/thumbnails', (req, res) => {
  channel.sendToQueue('thumbnails', Buffer.from(JSON.stringify({ source: req.body.source, width: 64 })));
  res.sendStatus(202);
});
`,
      'src/consumer.ts': `import { channel } from './rabbit';
import { execSync } from 'node:child_process';
await channel.consume(${consumed}, (message) => {
  if (!message) return;
  const task = JSON.parse(message.content.toString());
  execSync('magick ' + task.source + ' -resize ' + task.width + ' out.png');
  channel.ack(message);
}, { noAck: false });
`,
    });
    const deps = { amqplib: '^0.10.0' };
    expect(await lint(files("'thumbnails'"), 'src/consumer.ts', deps)).toEqual([expect.stringMatching(/^6 api-security\/no-command-injection: `req\.body\.source` in src\/routes\.ts \(line 5\).*`channel\.sendToQueue`/u)]);
    expect(await lint(files("'thumbnails-dead-letter'"), 'src/consumer.ts', deps)).toEqual([]);
  });
});
