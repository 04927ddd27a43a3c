import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * The queue hop: a route enqueues what the client sent, a worker of the same queue (another file,
 * often another process) runs a sink with it. The worker's job data is request input only when a
 * producer in the project enqueues request input on a queue of the same literal name; the finding
 * stays at the worker's sink and names the route and the input that enqueued it.
 */

const rules = {
  'api-security/no-command-injection': 'error',
  'api-security/no-path-traversal': 'error',
  'api-security/no-sql-injection': 'error',
} as const;

async function lint(files: Record<string, string>, file: string): Promise<string[]> {
  const dir = writeProject(files, { name: 'jobs', type: 'module', dependencies: { express: '^5.0.0', bullmq: '^5.0.0' } });
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}: ${message.message}`);
}

// Three files: the queue is created in one, a route enqueues on it, a worker of the same name runs it.
const queues = `import { Queue } from 'bullmq';
export const connection = { host: 'localhost' };
export const mediaQueue = new Queue('media', { connection });
`;

const route = (data: string): string => `import express from 'express';
import { mediaQueue } from './queues.js';
const router = express.Router();
router.post('/thumbnails', async (req, res) => {
  await mediaQueue.add('thumbnail', ${data});
  res.sendStatus(202);
});
export default router;
`;

const worker = (name = "'media'"): string => `import { Worker } from 'bullmq';
import { execSync } from 'node:child_process';
import { connection } from './queues.js';
async function makeThumbnail(job) {
  const { source, size } = job.data;
  execSync(\`magick \${source} -resize \${size} thumb.png\`);
}
export default new Worker(${name}, makeThumbnail, { connection });
`;

describe('queue hop: request input enqueued by a route reaches a sink in the worker', () => {
  it('reports the worker sink, naming the route and the input that enqueued it (three files)', async () => {
    const found = await lint({ 'queues.js': queues, 'routes.js': route('{ source: req.body.source, size: req.body.size }'), 'worker.js': worker() }, 'worker.js');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^6 api-security\/no-command-injection: /u);
    expect(found[0]).toContain('`req.body.source` in routes.js (line 5)');
    expect(found[0]).toContain('`mediaQueue.add` (called on line 5 of routes.js by the handler of POST /thumbnails)');
  });

  it('follows a whole request body enqueued, and a queue created in the route file itself (two files)', async () => {
    const files = {
      'routes.js': `import express from 'express';
import { Queue } from 'bullmq';
const reports = new Queue('reports');
const app = express();
app.post('/reports', async (req, res) => {
  const job = await reports.add('render', req.body);
  res.json({ id: job.id });
});
`,
      'worker.js': `import { Worker } from 'bullmq';
import fs from 'node:fs';
new Worker('reports', async (job) => {
  return fs.readFileSync('/srv/templates/' + job.data.template, 'utf8');
});
`,
    };
    expect(await lint(files, 'worker.js')).toEqual([expect.stringMatching(/^4 api-security\/no-path-traversal: .*`req\.body` in routes\.js.*`reports\.add` \(called on line 6 of routes\.js by the handler of POST \/reports\)/u)]);
  });

  it('reads the job data destructured in the processor parameter', async () => {
    const files = {
      'queues.js': queues,
      'routes.js': route('{ source: req.body.source }'),
      'worker.js': `import { Worker } from 'bullmq';
import { execSync } from 'node:child_process';
new Worker('media', async ({ data: { source }, id }) => {
  execSync('magick ' + source + ' thumb-' + id + '.png');
});
`,
    };
    expect(await lint(files, 'worker.js')).toEqual([expect.stringMatching(/^4 api-security\/no-command-injection: `req\.body\.source` in routes\.js/u)]);
  });

  it('follows the data through a helper of the worker and a helper of the route', async () => {
    const files = {
      'queues.js': queues,
      'routes.js': `import express from 'express';
import { mediaQueue } from './queues.js';
function enqueue(source) {
  return mediaQueue.add('thumbnail', { source, size: '64x64' });
}
const router = express.Router();
router.post('/thumbnails', async (req, res) => {
  await enqueue(req.query.url);
  res.sendStatus(202);
});
export default router;
`,
      'worker.js': `import { Worker } from 'bullmq';
import { execSync } from 'node:child_process';
function convert(input) {
  execSync('magick ' + input + ' thumb.png');
}
new Worker('media', async (job) => convert(job.data.source));
`,
    };
    expect(await lint(files, 'worker.js')).toEqual([expect.stringMatching(/^4 api-security\/no-command-injection: .*`req\.query\.url` in routes\.js \(line 8\).*through `enqueue` \(called on line 8 of routes\.js by the handler of POST \/thumbnails\)/u)]);
  });

  it('stays silent when the route enqueues only server data', async () => {
    const files = { 'queues.js': queues, 'routes.js': route("{ source: '/srv/uploads/' + req.user.id + '.png', size: '64x64' }"), 'worker.js': worker() };
    expect(await lint(files, 'worker.js')).toEqual([]);
  });

  it('stays silent for the member the route does not take from the request', async () => {
    // Only `size` is the client's; the worker runs a sink with `source` alone.
    const files = {
      'queues.js': queues,
      'routes.js': route("{ source: '/srv/uploads/fixed.png', size: req.body.size }"),
      'worker.js': `import { Worker } from 'bullmq';
import { execSync } from 'node:child_process';
new Worker('media', async (job) => execSync('magick ' + job.data.source + ' thumb.png'));
`,
    };
    expect(await lint(files, 'worker.js')).toEqual([]);
  });

  it('stays silent for a worker of another queue', async () => {
    const files = { 'queues.js': queues, 'routes.js': route('{ source: req.body.source, size: req.body.size }'), 'worker.js': worker("'media-archive'") };
    expect(await lint(files, 'worker.js')).toEqual([]);
  });

  it('reads a queue name held in a constant of the file', async () => {
    const files = {
      'queues.js': `import { Queue } from 'bullmq';
const MEDIA = 'media';
export const connection = { host: 'localhost' };
export const mediaQueue = new Queue(MEDIA, { connection });
`,
      'routes.js': route('{ source: req.body.source }'),
      'worker.js': worker('QUEUE').replace('async function', "const QUEUE = 'media';\nasync function"),
    };
    expect(await lint(files, 'worker.js')).toEqual([expect.stringMatching(/^7 api-security\/no-command-injection: `req\.body\.source` in routes\.js/u)]);
  });

  it('stays silent for a worker whose queue name is not a literal', async () => {
    const files = { 'queues.js': queues, 'routes.js': route('{ source: req.body.source, size: req.body.size }'), 'worker.js': worker('process.env.QUEUE_NAME') };
    expect(await lint(files, 'worker.js')).toEqual([]);
  });

  it('stays silent without a producer in view: a queue may be fed by trusted jobs only', async () => {
    expect(await lint({ 'queues.js': queues, 'worker.js': worker() }, 'worker.js')).toEqual([]);
  });

  it('stays silent when the route sanitises the value it enqueues', async () => {
    const files = {
      'queues.js': queues,
      'routes.js': route("{ source: '/srv/uploads/' + path.basename(String(req.body.source)), size: Number(req.body.size) + 'x' + Number(req.body.size) }").replace(
        "import express from 'express';",
        "import express from 'express';\nimport path from 'node:path';",
      ),
      'worker.js': `import { Worker } from 'bullmq';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
new Worker('media', async (job) => {
  fs.readFileSync(job.data.source);
  execFileSync('magick', [job.data.source, '-resize', job.data.size, 'thumb.png']);
});
`,
    };
    expect(await lint(files, 'worker.js')).toEqual([]);
  });

  it('stays silent for a `.process` callback of an object that is not a queue of a queue package', async () => {
    const files = {
      'pipeline.js': `const { exec } = require('node:child_process');
const { createPipeline } = require('./lib/pipeline');
const steps = createPipeline('archive');
steps.process(async (job) => {
  exec('tar czf out.tgz ' + job.data.dir);
});
module.exports = { steps };
`,
      'lib/pipeline.js': `exports.createPipeline = (name) => ({ name, items: [], add(item) { this.items.push(item); }, process(fn) { this.run = fn; } });
`,
      'routes.js': `const express = require('express');
const { steps } = require('./pipeline');
const app = express();
app.post('/archive', (req, res) => {
  steps.add({ dir: req.body.dir });
  res.sendStatus(202);
});
`,
    };
    const dir = writeProject(files, { name: 'jobs', dependencies: { express: '^5.0.0' } });
    expect(await lintProjectFile(dir, 'pipeline.js', rules)).toEqual([]);
  });

  it('stays silent for a BullMQ worker when the route enqueues on a Bee-Queue queue of the same name', async () => {
    const files = {
      'routes.js': `import express from 'express';
import BeeQueue from 'bee-queue';
const media = new BeeQueue('media');
const app = express();
app.post('/thumbnails', async (req, res) => {
  await media.createJob({ source: req.body.source, size: req.body.size }).save();
  res.sendStatus(202);
});
`,
      'queues.js': queues,
      'worker.js': worker(),
    };
    expect(await lint(files, 'worker.js')).toEqual([]);
  });

  it('reports a Bee-Queue processor fed by createJob', async () => {
    const files = {
      'routes.js': `import express from 'express';
import { media } from './queue.js';
const app = express();
app.post('/thumbnails', async (req, res) => {
  await media.createJob({ source: req.body.source }).save();
  res.sendStatus(202);
});
`,
      'queue.js': `import BeeQueue from 'bee-queue';
import { execSync } from 'node:child_process';
export const media = new BeeQueue('media');
media.process(4, async (job) => execSync('magick ' + job.data.source + ' thumb.png'));
`,
    };
    expect(await lint(files, 'queue.js')).toEqual([expect.stringMatching(/^4 api-security\/no-command-injection: `req\.body\.source` in routes\.js \(line 5\).*`media\.createJob` \(called on line 5 of routes\.js by the handler of POST \/thumbnails\)/u)]);
  });

  it('reports a bull queue processed in the file that creates it, fed by a route of another file', async () => {
    const files = {
      'jobs.js': `const Queue = require('bull');
const { exec } = require('node:child_process');
const archive = new Queue('archive');
archive.process(async (job) => {
  exec('tar czf out.tgz ' + job.data.dir);
});
module.exports = { archive };
`,
      'routes.js': `const express = require('express');
const { archive } = require('./jobs');
const app = express();
app.post('/archive', (req, res) => {
  archive.add({ dir: req.body.dir });
  res.sendStatus(202);
});
`,
    };
    const dir = writeProject(files, { name: 'jobs', dependencies: { express: '^5.0.0', bull: '^4.0.0' } });
    const found = (await lintProjectFile(dir, 'jobs.js', rules)).map((message) => `${String(message.line)} ${message.ruleId ?? ''}`);
    expect(found).toEqual(['5 api-security/no-command-injection']);
  });

  it('reports an agenda job defined by name, scheduled with request input', async () => {
    const files = {
      'agenda.js': `const { Agenda } = require('agenda');
module.exports = new Agenda({ db: { address: process.env.MONGO_URL } });
`,
      'jobs.js': `const agenda = require('./agenda');
const { pool } = require('./db');
agenda.define('purge user', async (job) => {
  await pool.query("DELETE FROM sessions WHERE user_name = '" + job.attrs.data.user + "'");
});
agenda.define('purge all', async (job) => {
  await pool.query("DELETE FROM sessions WHERE user_name = '" + job.attrs.data.user + "'");
});
`,
      'db.js': `const { Pool } = require('pg');
exports.pool = new Pool();
`,
      'routes.js': `const express = require('express');
const agenda = require('./agenda');
const app = express();
app.post('/purge', async (req, res) => {
  await agenda.now('purge user', { user: req.body.user });
  await agenda.schedule('in 1 hour', 'purge all', { user: 'nobody' });
  res.sendStatus(202);
});
`,
    };
    const dir = writeProject(files, { name: 'jobs', dependencies: { express: '^5.0.0', agenda: '^5.0.0', pg: '^8.0.0' } });
    const found = (await lintProjectFile(dir, 'jobs.js', rules)).map((message) => `${String(message.line)} ${message.ruleId ?? ''}`);
    expect(found).toEqual(['4 api-security/no-sql-injection']);
  });
});
