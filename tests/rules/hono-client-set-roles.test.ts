import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-role-check.js';

/*
 * Hono's `c.get('role')` reads a context variable; it is the caller's role only when the app sets it
 * from what it verified (`c.set('role', claims.role)` after `verify`). A middleware that sets it from
 * what the client sends (`c.set('role', c.req.header('x-view-role'))`, a query parameter, the body)
 * hands the client the role it asks for: a later `c.get('role') === 'admin'` checks nothing.
 */
const ruleTester = new RuleTester();
const head = `import { Hono } from 'hono';
import { jwt, verify } from 'hono/jwt';
import { db } from './db.js';
const app = new Hono();
app.use('/admin/*', jwt({ secret: process.env.JWT_SECRET }));
`;
const gate = `app.use('/admin/*', async (c, next) => {
  if (c.get('role') !== 'admin') return c.json({ error: 'forbidden' }, 403);
  await next();
});
app.post('/admin/flags/:name', async (c) => c.json(await db.flag.update({ where: { name: c.req.param('name') }, data: await c.req.json() })));`;
const line = 14;

ruleTester.run('require-role-check (Hono context roles set from the request)', rule, {
  valid: [
    {
      name: 'the role set from the claims of the verified token',
      code: `${head}app.use('/admin/*', async (c, next) => {
  const claims = await verify(c.req.header('authorization')?.slice(7) ?? '', process.env.JWT_SECRET);
  c.set('role', claims.role);
  await next();
});
${gate}`,
    },
    {
      name: 'another variable set from a header; the role from the payload of hono/jwt',
      code: `${head}app.use('/admin/*', async (c, next) => {
  c.set('view', c.req.header('x-view') ?? 'list');
  c.set('role', c.get('jwtPayload').role);
  await next();
});
${gate}`,
    },
  ],
  invalid: [
    {
      name: 'the role set from a header the client sends',
      code: `${head}app.use('/admin/*', async (c, next) => {
  c.set('role', c.req.header('x-view-role') ?? 'member');
  await next();
});
${gate}`,
      errors: [{ messageId: 'missingRoleCheck', line }],
    },
    {
      name: 'the role set from a query parameter',
      code: `${head}app.use('/admin/*', async (c, next) => {
  c.set('role', c.req.query('as'));
  await next();
});
${gate}`,
      errors: [{ messageId: 'missingRoleCheck', line }],
    },
    {
      name: 'the role set from the JSON body',
      code: `${head}app.use('/admin/*', async (c, next) => {
  const body = await c.req.json();
  c.set('role', body.role);
  await next();
});
${gate}`,
      errors: [{ messageId: 'missingRoleCheck', line: line + 1 }],
    },
  ],
});
