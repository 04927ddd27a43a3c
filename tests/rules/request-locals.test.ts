import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import sqlInjection from '../../src/rules/no-sql-injection.js';
import reflectedXss from '../../src/rules/no-reflected-xss.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A value a middleware copies from a request input onto the request (`req.lane`, `res.locals.lang`,
 * `ctx.state.region`) is that input for every handler that reads it. What the server computed from
 * an input (a verified token, a number, a lookup), a constant, and a function that never passes
 * control on are not copies; the copied input keeps its own rules (a custom header is no source of
 * reflected XSS, which no link can set).
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
`;

ruleTester.run('no-sql-injection (values a middleware copies onto the request)', sqlInjection, {
  valid: [
    {
      name: 'computed from the input, not copied: a verified token, a number, a lookup, a constant',
      code: `${express}import jwt from 'jsonwebtoken';
app.use((req, res, next) => {
  req.account = jwt.verify(req.get('authorization'), process.env.JWT_KEY);
  req.page = Number(req.query.page);
  req.lane = 'main';
  res.locals.plan = lookupPlan(req.get('x-plan'));
  next();
});
app.get('/runs', async (req, res) => {
  const { rows } = await pool.query(\`SELECT * FROM runs WHERE owner = '\${req.account.sub}' AND lane = '\${req.lane}' AND plan = '\${res.locals.plan}' OFFSET \${req.page}\`);
  res.json(rows);
});`,
    },
    {
      name: 'a helper that never passes control on is no middleware',
      code: `${express}function remember(req, res) {
  req.lane = req.get('x-lane');
}
app.get('/runs', async (req, res) => {
  const { rows } = await pool.query(\`SELECT * FROM runs WHERE lane = '\${req.lane}'\`);
  res.json(rows);
});`,
    },
    {
      name: 'a local of another name than the one written',
      code: `${express}app.use((req, res, next) => {
  req.lane = req.get('x-lane');
  next();
});
app.get('/runs', async (req, res) => {
  const { rows } = await pool.query(\`SELECT * FROM runs WHERE lane = '\${req.shard}'\`, [req.lane]);
  res.json(rows);
});`,
    },
  ],
  invalid: [
    {
      name: 'Express: a header copied onto req with a default, a cookie copied onto res.locals',
      code: `${express}app.use((req, res, next) => {
  req.lane = req.get('x-lane') || 'main';
  const lang = req.cookies.lang;
  res.locals.lang = lang ? lang.toLowerCase() : 'en';
  next();
});
app.get('/runs', async (req, res) => {
  const { rows } = await pool.query(\`SELECT title_\${res.locals.lang} FROM runs WHERE lane = '\${req.lane}'\`);
  res.json(rows);
});`,
      errors: [
        { messageId: 'sqlInjection', line: 12, column: 53, data: { source: '`res.locals.lang`', sourceLine: 12, sink: 'pool.query', sinkLine: 12 } },
        { messageId: 'sqlInjection', line: 12, column: 96, data: { source: '`req.lane`', sourceLine: 12, sink: 'pool.query', sinkLine: 12 } },
      ],
    },
    {
      name: 'Koa: a query field copied onto ctx.state by a middleware that awaits next',
      code: `import Koa from 'koa';
import Router from '@koa/router';
import { Pool } from 'pg';
const pool = new Pool();
const app = new Koa();
const router = new Router();
app.use(async (ctx, next) => {
  ctx.state.region = \`\${ctx.query.region}\`.trim();
  await next();
});
router.get('/sales', async (ctx) => {
  ctx.body = (await pool.query('SELECT * FROM sales WHERE region = ' + ctx.state.region)).rows;
});
app.use(router.routes());`,
      errors: [{ messageId: 'sqlInjection', line: 12, data: { source: '`ctx.state.region`', sourceLine: 12, sink: 'pool.query', sinkLine: 12 } }],
    },
    {
      name: 'Fastify: a hook registered with addHook copies a header onto the request',
      code: `import Fastify from 'fastify';
import { Pool } from 'pg';
const pool = new Pool();
const app = Fastify();
app.addHook('preHandler', async (request) => {
  request.tenant = request.headers['x-tenant'];
});
app.get('/bills', async (request) => (await pool.query(\`SELECT * FROM bills WHERE tenant = '\${request.tenant}'\`)).rows);`,
      errors: [
        {
          messageId: 'sqlInjection',
          line: 8,
          column: 95,
          data: { source: '`request.tenant`', sourceLine: 8, sink: 'pool.query', sinkLine: 8 },
          suggestions: [
            {
              messageId: 'parameterize',
              output: `import Fastify from 'fastify';
import { Pool } from 'pg';
const pool = new Pool();
const app = Fastify();
app.addHook('preHandler', async (request) => {
  request.tenant = request.headers['x-tenant'];
});
app.get('/bills', async (request) => (await pool.query('SELECT * FROM bills WHERE tenant = $1', [request.tenant])).rows);`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-reflected-xss (values a middleware copies onto the request)', reflectedXss, {
  valid: [
    {
      name: 'a custom header copied onto the request: no link can make a browser send it',
      code: `import express from 'express';
const app = express();
app.use((req, res, next) => {
  req.board = req.get('x-board') || 'default';
  next();
});
app.get('/board', (req, res) => res.send(\`<h1>\${req.board}</h1>\`));`,
    },
  ],
  invalid: [
    {
      name: 'a query field copied onto the request is reflected',
      code: `import express from 'express';
const app = express();
app.use((req, res, next) => {
  req.board = req.query.board || 'default';
  next();
});
app.get('/board', (req, res) => res.send(\`<h1>\${req.board}</h1>\`));`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
    },
  ],
});

describe('a middleware in another file', () => {
  const files = {
    'src/middleware/workspace.js': `module.exports = function workspace(req, res, next) {
  req.workspace = req.headers['x-workspace'] || 'personal';
  next();
};
`,
    'src/routes/notes.js': `const express = require('express');
const { Pool } = require('pg');
const pool = new Pool();
const router = express.Router();

router.get('/notes', async (req, res) => {
  const { rows } = await pool.query(\`SELECT * FROM notes WHERE workspace = '\${req.workspace}'\`);
  res.json(rows);
});

router.get('/notes/mine', async (req, res) => {
  const { rows } = await pool.query(\`SELECT * FROM notes WHERE folder = '\${req.folder}'\`);
  res.json(rows);
});

module.exports = router;
`,
    'src/app.js': `const express = require('express');
const workspace = require('./middleware/workspace');
const notes = require('./routes/notes');
const app = express();
app.use(workspace);
app.use('/api', notes);
module.exports = app;
`,
  };

  it('makes the local it copies from a header a source in the handlers that read it, and no other', async () => {
    const dir = writeProject(files, { name: 'notes' });
    const messages = await lintProjectFile(dir, 'src/routes/notes.js', { 'api-security/no-sql-injection': 'error' });
    expect(summary(messages)).toEqual(['7 api-security/no-sql-injection']);
    expect(messages[0]?.message).toContain('`req.workspace` (line 7)');
  });
});
