import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../../../utils/ast.js';
import { resolveHandler } from '../handlers.js';
import type { ExtractContext, FrameworkExtractor, Route } from '../types.js';
import { callsOf, claim, importsAny, methodCall, moduleMember, staticText } from './shared-ast.js';
import { InstanceResolver, bindingOf } from './shared-instances.js';

const HTTP_MODULES = new Set(['http', 'https', 'node:http', 'node:https']);

/** A server created with `http.createServer`, and the node it is reported on. */
interface HttpServer {
  call: TSESTree.CallExpression;
  name: string;
  declaration: TSESTree.Node | null;
}

/** `node:http` / `node:https` servers: `createServer(handler)`, `server.on('request', handler)`. */
export const nodeHttpExtractor: FrameworkExtractor = {
  framework: 'node-http',
  extract(context) {
    const routes = importsAny(context, (module) => HTTP_MODULES.has(module)) ? serverRoutes(context) : [];
    return { routes };
  },
};

function serverRoutes(context: ExtractContext): Route[] {
  const resolver = new InstanceResolver<HttpServer>(context, {
    create: (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression || !isCreateServer(node, context)) return null;
      const binding = bindingOf(node);
      return { call: node, name: binding?.name ?? 'server', declaration: binding?.declaration ?? node };
    },
    derive: (call, base) => (call.method === 'listen' || call.method === 'on' ? base : null),
  });
  const routes: Route[] = [];
  const add = (server: HttpServer, handlerNode: TSESTree.Node): void => {
    const fn = resolveHandler(handlerNode, context.scopeOf(handlerNode));
    // `createServer(app)` with an Express app or `app.callback()` is served by that framework.
    if (!fn || context.claimed.has(fn)) return;
    claim(context, server.call, fn);
    routes.push({
      framework: 'node-http',
      methods: ['ALL'],
      path: null,
      reportNode: server.call,
      handler: { node: handlerNode, fn, style: 'node-http' },
      guards: [],
      insertBefore: null,
      owner: { name: server.name, mountedElsewhere: false, declaration: server.declaration },
    });
  };
  for (const call of callsOf(context.program)) {
    if (context.claimed.has(call)) continue;
    if (isCreateServer(call, context)) {
      const server = resolver.resolve(call);
      const handler = call.arguments[call.arguments.length - 1];
      if (server && handler && handler.type !== AST_NODE_TYPES.SpreadElement) add(server, handler);
      continue;
    }
    const parsed = methodCall(call);
    if (parsed?.method !== 'on' && parsed?.method !== 'addListener') continue;
    const [event, handler] = call.arguments;
    if (!event || !handler || handler.type === AST_NODE_TYPES.SpreadElement || staticText(event, context) !== 'request') continue;
    const server = resolver.receiver(parsed);
    // A server created with a handler (`createServer(app)`) is served by it; another `request`
    // listener only observes (timing, logging) the requests that handler answers.
    if (server && !createdWithHandler(server.call)) add(server, handler);
  }
  return routes;
}

/** `createServer(handler)` or `createServer(options, handler)`: the last argument is not the options object. */
function createdWithHandler(call: TSESTree.CallExpression): boolean {
  const last = call.arguments.at(-1);
  return last !== undefined && last.type !== AST_NODE_TYPES.SpreadElement && unwrap(last).type !== AST_NODE_TYPES.ObjectExpression;
}

/** `http.createServer(...)`, `createServer(...)` imported from `node:http`, `require('https').createServer(...)`. */
function isCreateServer(call: TSESTree.CallExpression, context: ExtractContext): boolean {
  const member = moduleMember(call.callee, context);
  return member !== null && HTTP_MODULES.has(member.module) && member.path.length === 1 && member.path[0] === 'createServer';
}
