import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A Hono sub-app built by a factory function of another file (`export const createOrders = () => {
 * const orders = new Hono(); …; return orders; }`) and mounted by its call (`app.route('/orders',
 * createOrders())`): its routes get the mount's prefix, and the middleware the parent app runs
 * before the mount runs before them. Without the mount in view they stay as their file shows them.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };

const orders = `import { Hono } from 'hono';
export const createOrders = () => {
  const orders = new Hono();
  orders.post('/', async (c) => c.json(await c.env.DB.prepare('INSERT INTO orders (note) VALUES (?)').bind((await c.req.json()).note).run(), 201));
  orders.delete('/:id', async (c) => c.json(await c.env.DB.prepare('DELETE FROM orders WHERE id = ?').bind(c.req.param('id')).run()));
  return orders;
};
`;

const app = (middleware: string): string => `import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { createOrders } from './orders';
const app = new Hono();
${middleware}
app.route('/orders', createOrders());
export default app;
`;

describe('Hono: sub-apps a factory of another file returns', () => {
  it('judges the routes with the middleware the parent runs before the mount', async () => {
    const dir = writeProject({ 'src/orders.ts': orders, 'src/app.ts': app("app.use('/orders/*', bearerAuth({ token: process.env.API_TOKEN }));") });
    expect(summary(await lintProjectFile(dir, 'src/orders.ts', rules))).toEqual([]);
  });

  it('reports them under their full path when nothing authenticates, the root write included (not "public path /")', async () => {
    const dir = writeProject({ 'src/orders.ts': orders, 'src/app.ts': app("app.use('*', async (c, next) => { c.header('x-served-by', 'api'); await next(); });") });
    const messages = await lintProjectFile(dir, 'src/orders.ts', rules);
    expect(summary(messages)).toEqual(['4 api-security/no-unauthenticated-route', '5 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('POST /orders (hono)');
    expect(messages[1]?.message).toContain('DELETE /orders/:id (hono)');
  });

  it('does not credit middleware the parent installs under another prefix, or after the mount', async () => {
    const elsewhere = writeProject({ 'src/orders.ts': orders, 'src/app.ts': app("app.use('/admin/*', bearerAuth({ token: process.env.API_TOKEN }));") });
    expect(summary(await lintProjectFile(elsewhere, 'src/orders.ts', rules))).toEqual(['4 api-security/no-unauthenticated-route', '5 api-security/no-unauthenticated-route']);
    const after = writeProject({
      'src/orders.ts': orders,
      'src/app.ts': `import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { createOrders } from './orders';
const app = new Hono();
app.route('/orders', createOrders());
app.use('*', bearerAuth({ token: process.env.API_TOKEN }));
export default app;
`,
    });
    expect(summary(await lintProjectFile(after, 'src/orders.ts', rules))).toEqual(['4 api-security/no-unauthenticated-route', '5 api-security/no-unauthenticated-route']);
  });

  it('leaves the routes as their file shows them when no file mounts the factory', async () => {
    // An app returned and mounted nowhere in view is a top-level app, as for Express: its `/` is the site's root.
    const dir = writeProject({ 'src/orders.ts': orders });
    const messages = await lintProjectFile(dir, 'src/orders.ts', rules);
    expect(summary(messages)).toEqual(['5 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('DELETE /:id (hono)');
  });
});
