import { RuleTester } from '@typescript-eslint/rule-tester';
import ssrf from '../../src/rules/no-ssrf.js';
import reflectedXss from '../../src/rules/no-reflected-xss.js';
import sqlInjection from '../../src/rules/no-sql-injection.js';

/*
 * Hono's `c.req.valid(target)` returns what the route's validator middleware for that target let
 * through: the client's fields, narrowed only as far as the schema narrows them. A URL format
 * (`z.string().url()`) still names any host; a number or an enum carries no text. The schema covers
 * `c.req.valid()` only: the same field read again with `c.req.query()` is the raw text.
 */

const ruleTester = new RuleTester();
const head = `import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
const app = new Hono();
`;

ruleTester.run('no-ssrf (Hono validated input)', ssrf, {
  valid: [
    {
      name: 'a validated field the server does not send requests to',
      code: `${head}app.post('/hooks', zValidator('json', z.object({ url: z.string().url(), name: z.string() })), async (c) => {
  const { name } = c.req.valid('json');
  await fetch('https://hooks.internal.example/' + encodeURIComponent(name));
  return c.text('ok');
});`,
    },
  ],
  invalid: [
    {
      name: 'a URL format check still names any host, also through a schema in a constant',
      code: `${head}const hookSchema = zValidator('json', z.object({ url: z.string().url() }));
app.post('/hooks', hookSchema, async (c) => {
  const hook = c.req.valid('json');
  await fetch(hook.url, { method: 'POST' });
  return c.text('ok');
});`,
      errors: [{ messageId: 'ssrf', line: 8, data: { source: '`hook.url`', sourceLine: 8, sink: 'fetch', sinkLine: 8, via: '' } }],
    },
  ],
});

ruleTester.run('no-reflected-xss (Hono validated input)', reflectedXss, {
  valid: [
    {
      name: 'numbers and enums the schema declares carry no markup',
      code: `${head}app.get('/page', zValidator('query', z.object({ page: z.coerce.number(), tab: z.enum(['info', 'logs']) })), (c) => {
  const { page, tab } = c.req.valid('query');
  return c.html(\`<p>\${page} \${tab}</p>\`);
});`,
    },
  ],
  invalid: [
    {
      name: 'a string the schema lets through',
      code: `${head}app.get('/page', zValidator('query', z.object({ title: z.string().max(80) })), (c) => {
  const { title } = c.req.valid('query');
  return c.html(\`<h1>\${title}</h1>\`);
});`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
    },
    {
      name: 'the same field read raw, not through valid()',
      code: `${head}app.get('/page', zValidator('query', z.object({ page: z.coerce.number() })), (c) => {
  return c.html(\`<p>\${c.req.query('page')}</p>\`);
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'a field of another target than the one the numeric schema validates',
      code: `${head}app.post('/page', zValidator('query', z.object({ page: z.coerce.number() })), zValidator('form', z.object({ page: z.string() })), (c) => {
  return c.html(\`<p>\${c.req.valid('form').page}</p>\`);
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
  ],
});

ruleTester.run('no-sql-injection (Hono validated input)', sqlInjection, {
  valid: [],
  invalid: [
    {
      name: 'a validated path parameter in SQL text',
      code: `${head}import { Pool } from 'pg';
const pool = new Pool();
app.get('/teams/:slug', zValidator('param', z.object({ slug: z.string().min(2) })), async (c) => {
  const { slug } = c.req.valid('param');
  const { rows } = await pool.query("SELECT * FROM teams WHERE slug = '" + slug + "'");
  return c.json(rows);
});`,
      errors: [{ messageId: 'sqlInjection', line: 9, data: { source: "`c.req.valid('param').slug`", sourceLine: 8, sink: 'pool.query', sinkLine: 9 } }],
    },
  ],
});
