import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-command-injection.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Servers without a body parser read the request body with a helper of their own, given the
 * request: it listens to `data` and resolves a Promise on `end`, or iterates the stream with
 * `for await`. What the helper returns (or resolves) is the body when it is called with a
 * handler's request, and only then: the same helper given a file stream reads no request input.
 */

const ruleTester = new RuleTester();

const READ_BODY = `function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => {
      try { resolve(data ? JSON.parse(data) : {}); } catch (error) { reject(error); }
    });
    req.on('error', reject);
  });
}`;

ruleTester.run('no-command-injection: the body read by a helper given the request', rule, {
  valid: [
    {
      name: 'the same helper given a file stream reads no request input',
      filename: 'src/server.js',
      code: `
const http = require('node:http');
const fs = require('node:fs');
const { execSync } = require('node:child_process');
${READ_BODY}
async function loadJobs() {
  const { task } = await readBody(fs.createReadStream('/etc/app/jobs.json'));
  return execSync(\`./scripts/\${task}.sh\`);
}
http.createServer(async (req, res) => { res.end(String(await loadJobs())); }).listen(9000);
`,
    },
    {
      name: 'a for-await reader given a child process output reads no request input',
      filename: 'src/server.ts',
      code: `
import http from 'node:http';
import { exec, spawn } from 'node:child_process';
async function readJson(stream: AsyncIterable<string>) {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return JSON.parse(text);
}
http.createServer(async (req, res) => {
  const config = await readJson(spawn('cat', ['/etc/app/config.json']).stdout);
  exec('deploy ' + config.target);
  res.end();
});
`,
    },
    {
      name: 'the body read by the helper, coerced to a number before the command',
      filename: 'src/server.js',
      code: `
const http = require('node:http');
const { execSync } = require('node:child_process');
${READ_BODY}
http.createServer(async (req, res) => {
  const { days } = await readBody(req);
  res.end(execSync('purge --older-than ' + Number(days)));
});
`,
    },
  ],
  invalid: [
    {
      name: 'a Promise resolved with the parsed body on end',
      filename: 'src/server.js',
      code: `
const http = require('node:http');
const { execSync } = require('node:child_process');
${READ_BODY}
http.createServer(async (req, res) => {
  const { task, args } = await readBody(req);
  res.end(execSync(\`./scripts/\${task}.sh \${args || ''}\`));
});
`,
      errors: [
        // `task` and `args` are read from the same body: one report, at the first.
        { messageId: 'commandInjection', line: 17, column: 33, endColumn: 37, data: { source: 'the body streamed from `req`', sourceLine: 16, sink: 'execSync', sinkLine: 17 } },
      ],
    },
    {
      name: 'an async reader that iterates the request with for await',
      filename: 'src/server.mjs',
      code: `
import http from 'node:http';
import { exec } from 'node:child_process';
async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text);
}
http.createServer(async (req, res) => {
  const body = await readJson(req);
  exec('convert ' + body.image);
  res.end();
});
`,
      errors: [{ messageId: 'commandInjection', line: 11, column: 21, endColumn: 31, data: { source: 'the body streamed from `req`', sourceLine: 10, sink: 'exec', sinkLine: 11 } }],
    },
    {
      name: 'a reader given the request by another helper that the handler calls',
      filename: 'src/server.js',
      code: `
const http = require('node:http');
const { exec } = require('node:child_process');
${READ_BODY}
async function readTask(req) {
  const body = await readBody(req);
  return body.task;
}
http.createServer(async (req, res) => {
  exec('run ' + (await readTask(req)));
  res.end();
});
`,
      errors: [{ messageId: 'commandInjection', line: 20, column: 18, endColumn: 37, data: { source: 'the body streamed from `req`', sourceLine: 20, sink: 'exec', sinkLine: 20 } }],
    },
    {
      name: 'a helper that streams the request and runs the command itself',
      filename: 'src/server.js',
      code: `
const http = require('node:http');
const { exec } = require('node:child_process');
function runFromBody(req, done) {
  let text = '';
  req.on('data', (chunk) => { text += chunk; });
  req.on('end', () => exec('run ' + JSON.parse(text).job, done));
}
http.createServer((req, res) => runFromBody(req, () => res.end()));
`,
      errors: [
        {
          messageId: 'commandInjectionHelper',
          line: 7,
          column: 37,
          endColumn: 57,
          data: { source: 'the body streamed from `req`', sourceLine: 9, sink: 'exec', sinkLine: 7, via: ' through `runFromBody` (called on line 9 by the handler of ALL (path not static))' },
        },
      ],
    },
    {
      name: 'a Promise resolved with the body inside the handler itself',
      filename: 'src/server.js',
      code: `
const http = require('node:http');
const { exec } = require('node:child_process');
http.createServer(async (req, res) => {
  const body = await new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => resolve(JSON.parse(text)));
  });
  exec('run ' + body.job);
  res.end();
});
`,
      errors: [{ messageId: 'commandInjection', line: 10, column: 17, endColumn: 25, data: { source: 'the body streamed from `req`', sourceLine: 7, sink: 'exec', sinkLine: 10 } }],
    },
    {
      name: 'an Express handler without a body parser reads the body with the helper',
      filename: 'src/routes.js',
      code: `
const express = require('express');
const { exec } = require('node:child_process');
${READ_BODY}
const router = express.Router();
router.post('/jobs', async (req, res) => {
  const job = await readBody(req);
  exec('queue ' + job.name, () => res.sendStatus(202));
});
module.exports = router;
`,
      errors: [{ messageId: 'commandInjection', line: 18, column: 19, endColumn: 27, data: { source: 'the body streamed from `req`', sourceLine: 17, sink: 'exec', sinkLine: 18 } }],
    },
  ],
});

const rules: Linter.RulesRecord = { 'api-security/no-command-injection': 'error' };

describe('the body read by a helper of another file', () => {
  const project = (): string =>
    writeProject(
      {
        'admin/lib/body.js': `'use strict';
${READ_BODY}
module.exports = { readBody };
`,
        'admin/tasks.js': `'use strict';
const { execSync } = require('child_process');

function runMaintenance(task, args) {
  return execSync(\`./scripts/\${task}.sh \${args || ''}\`, { cwd: __dirname, encoding: 'utf8' });
}

module.exports = { runMaintenance };
`,
        'admin/server.js': `'use strict';
const http = require('http');
const { readBody } = require('./lib/body');
const { runMaintenance } = require('./tasks');

const routes = {};

routes['POST /maintenance'] = async (req, res) => {
  const { task, args } = await readBody(req);
  res.setHeader('content-type', 'text/plain');
  res.end(runMaintenance(task, args));
};

routes['POST /replay'] = async (req, res) => {
  const { days } = await readBody(req);
  res.end(runMaintenance('replay', String(Number(days))));
};

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const route = routes[\`\${req.method} \${url.pathname}\`];
  if (!route) { res.statusCode = 404; return res.end('not found'); }
  await route(req, res, url);
}).listen(9000, '127.0.0.1');
`,
      },
      { name: 'admin', private: true },
    );

  it('reports the command text in the task module, named with the handler that reads the body', async () => {
    const messages = await lintProjectFile(project(), 'admin/tasks.js', rules);
    expect(messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.message}`)).toEqual([
      '5:32 the body streamed from `req` in admin/server.js (line 9) reaches the command run by `execSync` (line 5) through `runMaintenance` (called on line 11 of admin/server.js). Run a fixed program with an argument array (execFile/spawn without a shell) and validate the value.',
    ]);
  });
});
