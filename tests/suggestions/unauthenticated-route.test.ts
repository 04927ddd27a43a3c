import express from 'express';
import Fastify from 'fastify';
import inject from 'light-my-request';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { applySuggestions } from './helpers.js';

/*
 * The suggestions of no-unauthenticated-route, run: the app before and after the fix serves real
 * requests (Express through light-my-request, Fastify's own inject); the fixed route refuses a
 * request without credentials and still serves one with them.
 */

/** Evaluates an app module whose only import is `name` (given as `value`) and that ends with `export default app;`. */
function loadApp<T>(code: string, name: string, value: unknown): T {
  const body = code.replace(new RegExp(`^import ${name} from '[^']+';\\n`, 'mu'), '').replace(/^export default app;\n$/mu, 'return app;\n');
  expect(body).not.toMatch(/^import /mu);
  return new Function(name, body)(value) as T;
}

const EXPRESS = `import express from 'express';
const app = express();
function requireAuth(req, res, next) {
  if (req.headers.authorization !== 'Bearer good') return res.status(401).json({ error: 'unauthenticated' });
  next();
}
app.get('/me', requireAuth, (req, res) => res.json({ me: true }));
app.delete('/users/:id', (req, res) => res.json({ deleted: req.params.id }));
export default app;
`;

const FASTIFY = `import Fastify from 'fastify';
const app = Fastify();
async function authenticate(request, reply) {
  if (request.headers.authorization !== 'Bearer good') return reply.code(401).send({ error: 'unauthenticated' });
}
app.get('/me', { onRequest: [authenticate] }, async () => ({ me: true }));
app.delete('/users/:id', async (request) => ({ deleted: request.params.id }));
export default app;
`;

describe('no-unauthenticated-route: the added middleware or hook', () => {
  it('Express: the route now runs the file\'s own authentication first', async () => {
    const { suggestions } = applySuggestions(rule as never, EXPRESS);
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.output).toContain("app.delete('/users/:id', requireAuth, (req, res) =>");
    const before = loadApp<express.Express>(EXPRESS, 'express', express);
    const after = loadApp<express.Express>(suggestions[0]!.output, 'express', express);
    expect((await inject(before, { method: 'DELETE', url: '/users/1' })).statusCode).toBe(200);
    expect((await inject(after, { method: 'DELETE', url: '/users/1' })).statusCode).toBe(401);
    const authorized = await inject(after, { method: 'DELETE', url: '/users/1', headers: { authorization: 'Bearer good' } });
    expect(authorized.statusCode).toBe(200);
    expect(authorized.json()).toEqual({ deleted: '1' });
  });

  it('Fastify: an onRequest hook in the route options', async () => {
    const { suggestions } = applySuggestions(rule as never, FASTIFY);
    expect(suggestions).toHaveLength(1);
    const before = loadApp<ReturnType<typeof Fastify>>(FASTIFY, 'Fastify', Fastify);
    const after = loadApp<ReturnType<typeof Fastify>>(suggestions[0]!.output, 'Fastify', Fastify);
    try {
      expect((await before.inject({ method: 'DELETE', url: '/users/1' })).statusCode).toBe(200);
      expect((await after.inject({ method: 'DELETE', url: '/users/1' })).statusCode).toBe(401);
      const authorized = await after.inject({ method: 'DELETE', url: '/users/1', headers: { authorization: 'Bearer good' } });
      expect(authorized.statusCode).toBe(200);
      expect(authorized.json()).toEqual({ deleted: '1' });
    } finally {
      await before.close();
      await after.close();
    }
  });
});
