import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Azure Functions v4 HTTP functions are routes (`models/frameworks/azure-functions.ts`): `app.http(name,
 * { methods, authLevel, route, handler })` and the shorthands `app.get/post/put/patch/deleteRequest`
 * serve `/api/<route or name>`. `authLevel: 'function'` (a function key, an API key the runtime
 * checks) authenticates; `'admin'` (the master key) also restricts to administrators;
 * `'anonymous'` (the default) leaves the decision to the handler. A handler answers with the object
 * it returns: its `Location` header and an HTML `body` are sinks.
 */

const unauth: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const role: Linter.RulesRecord = { 'api-security/require-role-check': 'error' };
const taint: Linter.RulesRecord = { 'api-security/no-open-redirect': 'error', 'api-security/no-reflected-xss': 'error' };
const manifest = { name: 'orders-fn', dependencies: { '@azure/functions': '^4.5.0' } };

async function lint(dir: string, file: string, rules: Linter.RulesRecord): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''} ${message.message.split(' is ')[0] ?? ''}`);
}

const store = 'export const orders = { remove: async (id: string) => id, byId: async (id: string) => ({ id, total: 1 }) };\n';

const routes = `import { app, HttpRequest, InvocationContext } from '@azure/functions';
import { orders } from './store';

app.http('cancelOrder', {
  methods: ['POST'],
  authLevel: 'anonymous',
  route: 'orders/{orderId:guid}/cancel',
  handler: async (request: HttpRequest, context: InvocationContext) => {
    await orders.remove(request.params.orderId);
    return { status: 204 };
  },
});

app.deleteRequest('purgeOrder', async (request: HttpRequest) => {
  await orders.remove(request.params.id);
  return { status: 204 };
});

app.http('archiveOrder', {
  methods: ['POST'],
  authLevel: 'function',
  handler: async (request: HttpRequest) => {
    await orders.remove(request.query.get('id') ?? '');
    return { status: 202 };
  },
});
`;

describe('no-unauthenticated-route: Azure Functions v4', () => {
  it('reports anonymous functions (the option or the default) at /api/<route>, and takes a function key as authentication', async () => {
    const dir = writeProject({ 'src/functions/orders.ts': routes, 'src/functions/store.ts': store }, manifest);
    expect(await lint(dir, 'src/functions/orders.ts', unauth)).toEqual([
      '4 unauthenticatedRoute POST /api/orders/:orderId/cancel (azure-functions)',
      '14 unauthenticatedRoute DELETE /api/purgeOrder (azure-functions)',
    ]);
  });

  it('judges a handler imported from another file by its body there', async () => {
    const handlers = `import type { HttpRequest } from '@azure/functions';
import { orders } from './store';
export async function closeOrder(request: HttpRequest) {
  if (!request.headers.get('x-ms-client-principal')) return { status: 401 };
  await orders.remove(request.params.id);
  return { status: 204 };
}
export async function closeAnyOrder(request: HttpRequest) {
  await orders.remove(request.params.id);
  return { status: 204 };
}
`;
    const code = `import { app } from '@azure/functions';
import { closeOrder, closeAnyOrder } from './handlers';
app.http('closeOrder', { methods: ['POST'], route: 'orders/{id}/close', handler: closeOrder });
app.post('closeAnyOrder', { handler: closeAnyOrder });
`;
    const dir = writeProject({ 'src/functions/close.ts': code, 'src/functions/handlers.ts': handlers, 'src/functions/store.ts': store }, manifest);
    expect(await lint(dir, 'src/functions/close.ts', unauth)).toEqual(['4 unauthenticatedRoute POST /api/closeAnyOrder (azure-functions)']);
  });

  it('takes no handler a package builds (a GraphQL server integration) for a route of its own', async () => {
    const code = `import { app } from '@azure/functions';
import { ApolloServer } from '@apollo/server';
import { startServerAndCreateHandler } from '@as-integrations/azure-functions';
import { typeDefs, resolvers } from './schema';
const server = new ApolloServer({ typeDefs, resolvers });
app.http('graphql', { methods: ['GET', 'POST'], handler: startServerAndCreateHandler(server) });
`;
    const dir = writeProject({ 'src/functions/graphql.ts': code, 'src/functions/schema.ts': 'export const typeDefs = ""; export const resolvers = {};\n' }, manifest);
    expect(await lint(dir, 'src/functions/graphql.ts', unauth)).toEqual([]);
  });

  it('reads the route prefix of host.json', async () => {
    const dir = writeProject({ 'src/functions/orders.ts': routes, 'src/functions/store.ts': store, 'host.json': '{ "version": "2.0", "extensions": { "http": { "routePrefix": "v2" } } }' }, manifest);
    expect((await lint(dir, 'src/functions/orders.ts', unauth))[0]).toBe('4 unauthenticatedRoute POST /v2/orders/:orderId/cancel (azure-functions)');
  });

  it('takes the principal App Service Authentication passes (x-ms-client-principal) as the caller, read inline or by a helper of another file', async () => {
    const principal = `import type { HttpRequest } from '@azure/functions';
export function signedInUser(request: HttpRequest) {
  const encoded = request.headers.get('x-ms-client-principal');
  if (!encoded) return null;
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as { userId: string };
}
`;
    const code = `import { app, HttpRequest } from '@azure/functions';
import { orders } from './store';
import { signedInUser } from './principal';

app.http('cancelMine', {
  methods: ['POST'],
  route: 'mine/{id}/cancel',
  handler: async (request: HttpRequest) => {
    const user = signedInUser(request);
    if (!user) return { status: 401 };
    await orders.remove(request.params.id);
    return { status: 204 };
  },
});

app.http('cancelInline', {
  methods: ['POST'],
  handler: async (request: HttpRequest) => {
    if (!request.headers.get('x-ms-client-principal-id')) return { status: 401, body: 'sign in' };
    await orders.remove(request.params.id);
    return { status: 204 };
  },
});
`;
    const dir = writeProject({ 'src/functions/mine.ts': code, 'src/functions/principal.ts': principal, 'src/functions/store.ts': store }, manifest);
    expect(await lint(dir, 'src/functions/mine.ts', unauth)).toEqual([]);
  });

  it('still reports a check of a header clients can set, and a dynamic authLevel as unknown', async () => {
    const code = `import { app, HttpRequest } from '@azure/functions';
import { orders } from './store';

app.http('cancelByHeader', {
  methods: ['POST'],
  handler: async (request: HttpRequest) => {
    if (!request.headers.get('x-user-principal')) return { status: 401 };
    await orders.remove(request.params.id);
    return { status: 204 };
  },
});

const level = process.env.LEVEL as 'function';
app.http('cancelConfigured', { methods: ['POST'], authLevel: level, handler: async (request: HttpRequest) => { await orders.remove(request.params.id); return { status: 204 }; } });
`;
    const dir = writeProject({ 'src/functions/cancel.ts': code, 'src/functions/store.ts': store }, manifest);
    const messages = await lintProjectFile(dir, 'src/functions/cancel.ts', { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report' }] });
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['4 unauthenticatedRoute', '14 unknownAuth']);
  });

  it('does not take another framework\'s `app.get` in a file without @azure/functions for an Azure function', async () => {
    const code = `import express from 'express';
const app = express();
app.get('/orders/:id', (req, res) => { res.json({ id: req.params.id }); });
`;
    const dir = writeProject({ 'src/server.ts': code }, { name: 'x', dependencies: { express: '^4' } });
    expect(await lint(dir, 'src/server.ts', { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] })).toEqual(['3 unauthenticatedRoute GET /orders/:id (express)']);
  });
});

describe('require-role-check: Azure Functions v4', () => {
  it('takes the master key (authLevel admin) as restricting to administrators, not a function key', async () => {
    const code = `import { app, HttpRequest } from '@azure/functions';
import { orders } from './store';
app.http('adminPurge', { methods: ['DELETE'], authLevel: 'admin', route: 'admin/orders/{id}', handler: async (request: HttpRequest) => { await orders.remove(request.params.id); return { status: 204 }; } });
app.http('adminRefund', { methods: ['POST'], authLevel: 'function', route: 'admin/orders/{id}/refund', handler: async (request: HttpRequest) => { await orders.remove(request.params.id); return { status: 204 }; } });
`;
    const dir = writeProject({ 'src/functions/admin.ts': code, 'src/functions/store.ts': store }, manifest);
    const messages = await lintProjectFile(dir, 'src/functions/admin.ts', role);
    expect(messages.map((message) => message.line)).toEqual([4]);
  });
});

describe('no-open-redirect and no-reflected-xss: the response object an Azure function returns', () => {
  const code = `import { app, HttpRequest } from '@azure/functions';

app.http('signInDone', {
  methods: ['GET'],
  handler: async (request: HttpRequest) => {
    const next = request.query.get('next') ?? '/';
    const problem = request.query.get('problem');
    if (problem) return { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<p>' + problem + '</p>' };
    return { status: 302, headers: { location: next } };
  },
});

app.http('safeAnswers', {
  methods: ['GET'],
  handler: async (request: HttpRequest) => {
    const next = request.query.get('next') ?? '/';
    const problem = request.query.get('problem');
    if (problem) return { status: 400, body: 'problem: ' + problem };
    if (problem === '') return { status: 400, jsonBody: { problem } };
    return { status: 201, headers: { Location: next } };
  },
});
`;

  it('reports a request value in the Location of a redirect and in an HTML body; not a text body, JSON or a 201 Location', async () => {
    const dir = writeProject({ 'src/functions/signin.ts': code }, manifest);
    expect((await lintProjectFile(dir, 'src/functions/signin.ts', taint)).map((message) => `${String(message.line)} ${message.ruleId ?? ''}`)).toEqual([
      '8 api-security/no-reflected-xss',
      '9 api-security/no-open-redirect',
    ]);
  });
});
