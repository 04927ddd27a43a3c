import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, importSource, isFunction, resolveFunction, unwrap, type FunctionNode } from '../../../utils/ast.js';
import type { RequestStyle } from '../../../models/frameworks/request-inputs.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteHandler } from '../types.js';
import { callsOf, claim, exportedValues, importsAny, methodCall, moduleMember, parameterInfo, staticText, type ParameterInfo } from './shared-ast.js';
import { InstanceResolver, bindingOf } from './shared-instances.js';

const HTTP_MODULES = new Set(['http', 'https', 'node:http', 'node:https']);

/** A server created with `http.createServer`, and the node it is reported on. */
interface HttpServer {
  call: TSESTree.CallExpression;
  name: string;
  declaration: TSESTree.Node | null;
}

/**
 * `node:http` / `node:https` servers (`createServer(handler)`, `server.on('request', handler)`),
 * and, running last, the catch-all for exported handler-shaped functions not claimed by a route.
 */
export const nodeHttpExtractor: FrameworkExtractor = {
  framework: 'node-http',
  extract(context) {
    const routes = importsAny(context, (module) => HTTP_MODULES.has(module)) ? serverRoutes(context) : [];
    return { routes, handlers: exportedHandlers(context) };
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
    const fn = resolveFunction(handlerNode, context.scopeOf(handlerNode));
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
    if (server) add(server, handler);
  }
  return routes;
}

/** `http.createServer(...)`, `createServer(...)` imported from `node:http`, `require('https').createServer(...)`. */
function isCreateServer(call: TSESTree.CallExpression, context: ExtractContext): boolean {
  const member = moduleMember(call.callee, context);
  return member !== null && HTTP_MODULES.has(member.module) && member.path.length === 1 && member.path[0] === 'createServer';
}

/**
 * Exported functions shaped like request handlers that no extractor turned into a route: they are
 * registered in another file, so their request input still has to be analysed.
 */
function exportedHandlers(context: ExtractContext): RouteHandler[] {
  const handlers: RouteHandler[] = [];
  const seen = new Set<FunctionNode>();
  for (const value of exportedValues(context.program)) {
    for (const fn of candidateFunctions(value, context)) {
      if (seen.has(fn) || context.claimed.has(fn)) continue;
      seen.add(fn);
      const style = handlerStyle(fn, context);
      if (style) handlers.push({ node: fn, fn, style });
    }
  }
  return handlers;
}

/** Functions an exported value holds: itself, the methods of an exported class or object. */
function candidateFunctions(value: TSESTree.Node, context: ExtractContext): FunctionNode[] {
  const target = unwrap(value);
  const scope = context.scopeOf(target);
  const classNode = classOf(target, context);
  if (classNode) {
    const methods: FunctionNode[] = [];
    for (const member of classNode.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && isFunction(member.value)) {
        methods.push(member.value);
      }
      if (member.type === AST_NODE_TYPES.PropertyDefinition && member.value) {
        const fn = resolveFunction(member.value, scope);
        if (fn) methods.push(fn);
      }
    }
    return methods;
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression) return [];
  const fn = resolveFunction(target, scope);
  return fn ? [fn] : [];
}

/** `export class C {}`, `export default C`, `export default new C()` for a class of this file. */
function classOf(node: TSESTree.Node, context: ExtractContext): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return node;
  const target = node.type === AST_NODE_TYPES.NewExpression ? unwrap(node.callee) : node;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(context.scopeOf(target), target.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type === TSESLint.Scope.DefinitionType.ClassName) return definition.node;
  return null;
}

const REQUEST = /^_*(?:req|request)$/u;
const RESPONSE = /^_*(?:res|response)$/u;
const NEXT = /^_*next$/u;
const KOA_CONTEXT = /^_*(?:ctx|context)$/u;
const KOA_MODULES = new Set(['koa', '@koa/router', 'koa-router']);
const CONTEXT_TYPES = new Set(['Context', 'ParameterizedContext', 'RouterContext', 'DefaultContext', 'ExtendableContext']);

/**
 * The request style of a handler-shaped function, from its parameter types when annotated and
 * otherwise from the conventional parameter names; null for anything else (`(a, b)`).
 */
function handlerStyle(fn: FunctionNode, context: ExtractContext): RequestStyle | null {
  const params = fn.params.filter((param) => !(param.type === AST_NODE_TYPES.Identifier && param.name === 'this'));
  if (params.length === 0 || params.length > 3) return null;
  const infos = params.map((param) => parameterInfo(param));
  const [first, second, third] = infos;
  if (!first) return null;
  const byType = styleFromTypes(first, second, context);
  if (byType !== undefined) return byType;
  const imports = context.imports;
  const importsHono = [...imports].some((module) => module === 'hono' || module.startsWith('hono/'));
  const importsKoa = [...imports].some((module) => KOA_MODULES.has(module));
  const name = (info: ParameterInfo | undefined): string => info?.name ?? '';
  const optionalNext = (info: ParameterInfo | undefined): boolean => info === undefined || NEXT.test(name(info));
  if (REQUEST.test(name(first)) && second) {
    if (RESPONSE.test(name(second)) && optionalNext(third)) {
      const plainNode = [...imports].some((module) => /^(?:node:)?https?$/u.test(module)) && !imports.has('express');
      return plainNode ? 'node-http' : 'express';
    }
    if (third) return null;
    if (/^_*reply$/u.test(name(second))) return 'fastify';
    if (name(second) === 'h') return 'hapi';
    return null;
  }
  if (third || !optionalNext(second)) return null;
  if (KOA_CONTEXT.test(name(first))) return importsHono && !importsKoa ? 'hono' : 'koa';
  if (/^_*c$/u.test(name(first)) && importsHono) return 'hono';
  return null;
}

/** The style the parameter types state, or `undefined` when they say nothing (untyped, or types this does not know). */
function styleFromTypes(first: ParameterInfo, second: ParameterInfo | undefined, context: ExtractContext): RequestStyle | undefined {
  const moduleOf = (info: ParameterInfo | undefined): string | null => {
    const root = info?.typeRoot;
    return root ? (importSource(context.scopeOf(root), root.name)?.module ?? null) : null;
  };
  const type = first.type;
  const secondType = second?.type ?? null;
  if (type === 'FastifyRequest' || secondType === 'FastifyReply') return 'fastify';
  if (type === 'IncomingMessage' || secondType === 'ServerResponse') return 'node-http';
  if (type === 'NextApiRequest' || secondType === 'NextApiResponse') return 'next-pages';
  if (secondType === 'ResponseToolkit') return 'hapi';
  const module = moduleOf(first);
  if (type !== null && CONTEXT_TYPES.has(type)) {
    if (module !== null && KOA_MODULES.has(module)) return 'koa';
    if (module !== null && (module === 'hono' || module.startsWith('hono/'))) return 'hono';
    return undefined;
  }
  if (type === 'Request' || secondType === 'Response') {
    if (module === 'express' || moduleOf(second) === 'express') return 'express';
    if (module === '@hapi/hapi' || module === 'hapi') return 'hapi';
    return undefined;
  }
  // Other types (`AuthedRequest`) leave the decision to the parameter names.
  return undefined;
}
