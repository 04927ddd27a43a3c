import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GUARDS_METADATA } from '@nestjs/common/constants.js';
import { UnauthorizedException, type CanActivate } from '@nestjs/common';
import { GuardsConsumer } from '@nestjs/core/guards/guards-consumer.js';
import express from 'express';
import Fastify from 'fastify';
import inject from 'light-my-request';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
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

/*
 * NestJS: the suggestion adds `@UseGuards(<the file's guard>)` above the route decorator and, when
 * `UseGuards` is not in scope under that name, its import from `@nestjs/common`. The fixed code is
 * linted again (judged authenticated), then compiled and loaded against the real `@nestjs/common`:
 * Nest's own decorator registers the guard on the route, and Nest's own guard runner refuses a
 * request without credentials and lets one with them through.
 */
const NEST = `import { CanActivate, Controller, Delete, ExecutionContext, Get, Injectable, UnauthorizedException, UseGuards as Guarded } from '@nestjs/common';

@Injectable()
export class JwtAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    if (request.headers.authorization !== 'Bearer good') throw new UnauthorizedException();
    return true;
  }
}

@Controller('orders')
export class OrdersController {
  @Guarded(JwtAuthGuard)
  @Get()
  list() { return []; }

  @Delete(':id')
  remove() { return { deleted: true }; }
}
`;

type Guard = new () => CanActivate;
interface NestModule {
  OrdersController: new () => { remove: () => unknown };
  JwtAuthGuard: Guard;
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Compiles a controller file (legacy decorators, as Nest uses them) and imports it against the installed `@nestjs/common`. */
async function loadNest(code: string): Promise<NestModule> {
  const { outputText, diagnostics } = ts.transpileModule(code, {
    compilerOptions: { experimentalDecorators: true, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: true,
  });
  expect(diagnostics ?? []).toEqual([]);
  const common = import.meta.resolve('@nestjs/common');
  const linked = outputText.replaceAll("from '@nestjs/common'", `from '${common}'`);
  expect(linked).not.toMatch(/from '(?!file:)/u);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nest-suggestion-'));
  temporary.push(dir);
  const file = path.join(dir, 'orders.controller.mjs');
  writeFileSync(file, linked);
  return (await import(pathToFileURL(file).href)) as NestModule;
}

/** Runs the guards Nest registered on `remove` through Nest's guard runner, for one request. */
async function removeAllowed(module: NestModule, authorization: string | null): Promise<'allowed' | 'refused' | 'unauthorized'> {
  const controller = new module.OrdersController();
  const guards = (Reflect.getMetadata(GUARDS_METADATA, controller.remove) ?? []) as Guard[];
  const request = { headers: authorization === null ? {} : { authorization } };
  try {
    const allowed = await new GuardsConsumer().tryActivate(guards.map((Guard) => new Guard()), [request, {}, () => undefined], controller, controller.remove, 'http');
    return allowed ? 'allowed' : 'refused';
  } catch (error) {
    if (error instanceof UnauthorizedException) return 'unauthorized';
    throw error;
  }
}

describe('no-unauthenticated-route: the added NestJS guard', () => {
  it('adds @UseGuards and its import; the route is then authenticated and guarded by Nest', async () => {
    const { messages, suggestions } = applySuggestions(rule as never, NEST);
    expect(messages.map((message) => message.messageId)).toEqual(['unauthenticatedRoute']);
    expect(suggestions).toHaveLength(1);
    const fixed = suggestions[0]!.output;
    expect(fixed).toContain("  @UseGuards(JwtAuthGuard)\n  @Delete(':id')\n  remove()");
    expect(fixed).toContain("UseGuards as Guarded, UseGuards } from '@nestjs/common';");

    // Linted again: judged authenticated, nothing left to report.
    expect(applySuggestions(rule as never, fixed).messages).toEqual([]);

    // Run: before the fix no guard stands in front of DELETE; after it Nest runs the file's guard.
    const before = await loadNest(NEST);
    const after = await loadNest(fixed);
    expect(await removeAllowed(before, null)).toBe('allowed');
    expect(Reflect.getMetadata(GUARDS_METADATA, after.OrdersController.prototype.remove)).toEqual([after.JwtAuthGuard]);
    expect(await removeAllowed(after, null)).toBe('unauthorized');
    expect(await removeAllowed(after, 'Bearer good')).toBe('allowed');
  });
});
