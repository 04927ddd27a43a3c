import { RuleTester } from '@typescript-eslint/rule-tester';
import commandInjection from '../../src/rules/no-command-injection.js';
import pathTraversal from '../../src/rules/no-path-traversal.js';
import sqlInjection from '../../src/rules/no-sql-injection.js';

/*
 * One input that reaches one sink call through several pieces of its argument is one bug: the
 * command `pandoc ${file} -t ${format} -o ${out}` with `out` built from `format` is reported once,
 * at the first piece that carries it. Another input in the same call is another report.
 */

const ruleTester = new RuleTester();

const hono = `import { Hono } from 'hono';
import { exec } from 'node:child_process';
const app = new Hono();
`;

ruleTester.run('no-command-injection: one report per input and command', commandInjection, {
  valid: [],
  invalid: [
    {
      name: 'the format and the output name built from it',
      code: `${hono}app.post('/notes/:id/export', async (c) => {
  const { format } = await c.req.json();
  const noteFile = \`/srv/notes/\${Number(c.req.param('id'))}.md\`;
  const out = \`/tmp/export.\${format}\`;
  exec(\`pandoc \${noteFile} -t \${format} -o \${out}\`);
  return c.body(null, 202);
});`,
      errors: [{ messageId: 'commandInjection', line: 8, column: 33, endColumn: 39, data: { source: '`c.req.json().format`', sourceLine: 5, sink: 'exec', sinkLine: 8 } }],
    },
    {
      name: 'two inputs in the same command are two reports',
      code: `${hono}app.post('/convert', async (c) => {
  const { format } = await c.req.json();
  const out = \`/tmp/out.\${format}\`;
  exec(\`convert -t \${format} \${c.req.query('src')} \${out}\`);
  return c.body(null, 202);
});`,
      errors: [
        { messageId: 'commandInjection', line: 7, column: 22, endColumn: 28, data: { source: '`c.req.json().format`', sourceLine: 5, sink: 'exec', sinkLine: 7 } },
        { messageId: 'commandInjection', line: 7, column: 32, endColumn: 50, data: { source: "`c.req.query('src')`", sourceLine: 7, sink: 'exec', sinkLine: 7 } },
      ],
    },
    {
      name: 'the same input in two commands is a report at each',
      code: `${hono}app.post('/convert', async (c) => {
  const { format } = await c.req.json();
  exec(\`convert -t \${format} in.md\`);
  exec(\`archive out.\${format}\`);
  return c.body(null, 202);
});`,
      errors: [
        { messageId: 'commandInjection', line: 6, column: 22, endColumn: 28, data: { source: '`c.req.json().format`', sourceLine: 5, sink: 'exec', sinkLine: 6 } },
        { messageId: 'commandInjection', line: 7, column: 23, endColumn: 29, data: { source: '`c.req.json().format`', sourceLine: 5, sink: 'exec', sinkLine: 7 } },
      ],
    },
  ],
});

ruleTester.run('no-sql-injection: one report per input and query', sqlInjection, {
  valid: [],
  invalid: [
    {
      name: 'a sort column and the index hint named after it',
      code: `import express from 'express';
import { Pool } from 'pg';
const app = express();
const pool = new Pool();
app.get('/orders', async (req, res) => {
  const sort = req.query.sort;
  const hint = 'idx_orders_' + sort;
  const { rows } = await pool.query('SELECT /*+ INDEX(' + hint + ') */ id, total FROM orders ORDER BY ' + sort);
  res.json(rows);
});`,
      errors: [{ messageId: 'sqlInjection', line: 8, column: 59, endColumn: 63 }],
    },
  ],
});

ruleTester.run('no-path-traversal: one report per input and file call', pathTraversal, {
  valid: [],
  invalid: [
    {
      name: 'the directory and the file named after the same input',
      code: `import express from 'express';
import fs from 'node:fs';
const app = express();
app.get('/themes/:name', (req, res) => {
  const theme = req.params.name;
  res.send(fs.readFileSync(\`/srv/themes/\${theme}/\${theme}.css\`, 'utf8'));
});`,
      errors: [{ messageId: 'pathTraversal', line: 6, column: 43, endColumn: 48 }],
    },
  ],
});
