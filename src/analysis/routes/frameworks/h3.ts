import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { skipsPath } from '../path-conditions.js';
import { h3BeforeHooks, h3HandlerFactories, h3MiddlewareFolder, h3Modules, h3RouteFolders, h3RouterMethods } from '../../../models/frameworks/h3.js';
import { findVariable, importSource, isFunction, nodesOfType, resolveFunction, unwrap, type FunctionNode, type Scope } from '../../../utils/ast.js';
import { exportedDefinition } from '../../project/imported.js';
import { resolveHandler } from '../handlers.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard, RouteHandler } from '../types.js';
import { claim, joinAll, makeGuard, methodCall, oneOrMany, propertyOf, reportNodeOf, staticText } from './shared-ast.js';

/*
 * h3 event handlers, as Nitro and Nuxt serve them. `defineEventHandler(fn)` (and its aliases, and
 * the object form `{ handler, onRequest }`) makes `fn` a handler of the `h3` style, whose input
 * the utilities given its event read (`getQuery(event)`; see `h3InputCall`). Its route is:
 * - the file's path for the default export of a file under `server/api` or `server/routes`
 *   (`server/api/users/[id].get.ts` → `GET /api/users/:id`), guarded by every Nitro server
 *   middleware (`server/middleware/*`), which runs before all routes and is judged by its body;
 * - the path given to an h3 router (`createRouter().get('/x', handler)`) or app (`app.use('/x', handler)`).
 * Nitro and Nuxt provide the factories and utilities without an import: a global call counts like
 * an imported one; a same-named function of the file does not.
 */

const SOURCE_FILE = /\.(?:ts|js|mts|mjs|cts|cjs)$/u;
const METHOD_SUFFIX = /\.(get|post|put|patch|delete|head|options|connect|trace)$/u;
const ROUTER_CREATORS = new Set(['createRouter', 'createApp', 'H3']);

/** Whether `name` called here is h3's: imported from an h3 module, or a global (Nitro / Nuxt auto-imports). */
function isH3Binding(identifier: TSESTree.Identifier, scope: Scope): boolean {
  const source = importSource(scope, identifier.name);
  if (source !== null) return h3Modules.includes(source.module);
  return (findVariable(scope, identifier.name)?.defs.length ?? 0) === 0;
}

/** `defineEventHandler(...)` and its aliases: the call, when its callee is h3's. */
function isHandlerFactory(node: TSESTree.Node, context: ExtractContext): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  return callee.type === AST_NODE_TYPES.Identifier && h3HandlerFactories.includes(callee.name) && isH3Binding(callee, context.scopeOf(callee));
}

interface Defined {
  handler: RouteHandler;
  /** `onRequest` hooks of the object form. */
  hooks: RouteGuard[];
}

export const h3Extractor: FrameworkExtractor = {
  framework: 'h3',
  extract(context) {
    const text = context.sourceCode.text;
    if (!h3HandlerFactories.some((name) => text.includes(name))) return {};
    const defined = new Map<TSESTree.CallExpression, Defined>();
    for (const call of nodesOfType(context.program, AST_NODE_TYPES.CallExpression)) {
      if (!isHandlerFactory(call, context) || context.claimed.has(call)) continue;
      const found = definedHandler(call, context);
      if (found) defined.set(call, found);
    }
    if (defined.size === 0) return {};
    const routes: Route[] = [];
    const used = new Set<TSESTree.CallExpression>();
    const fileRoute = fileRoutePath(context.filename);
    if (fileRoute) {
      const exported = defaultExport(context);
      const factory = exported ? factoryOf(exported, context) : null;
      const found = factory ? defined.get(factory) : undefined;
      if (factory && found && exported) {
        used.add(factory);
        routes.push({
          framework: 'h3',
          methods: [fileRoute.method],
          path: fileRoute.path,
          reportNode: exported,
          handler: found.handler,
          guards: [...nitroMiddleware(context.filename, fileRoute.root, exported, fileRoute.path), ...found.hooks],
          insertBefore: null,
          owner: null,
        });
      }
    }
    for (const call of nodesOfType(context.program, AST_NODE_TYPES.CallExpression)) {
      const parsed = methodCall(call);
      if (!parsed || !Object.hasOwn(h3RouterMethods, parsed.method) || context.claimed.has(call) || !isRouter(parsed.object, context)) continue;
      const [pathNode, handlerNode] = call.arguments;
      if (!pathNode || !handlerNode || handlerNode.type === AST_NODE_TYPES.SpreadElement) continue;
      const factory = factoryOf(handlerNode, context);
      const found = factory ? defined.get(factory) : undefined;
      if (!factory || !found) continue;
      used.add(factory);
      claim(context, call);
      routes.push({
        framework: 'h3',
        methods: [h3RouterMethods[parsed.method] ?? 'ALL'],
        path: joinAll(staticText(pathNode, context)),
        reportNode: reportNodeOf(parsed),
        handler: found.handler,
        guards: found.hooks,
        insertBefore: null,
        owner: null,
      });
    }
    const handlers = [...defined.entries()].filter(([call]) => !used.has(call)).map(([, found]) => found.handler);
    return { routes, handlers };
  },
};

/** The handler a factory call defines, with the `onRequest` hooks of its object form. */
function definedHandler(call: TSESTree.CallExpression, context: ExtractContext): Defined | null {
  const argument = call.arguments[0];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  const scope = context.scopeOf(argument);
  const target = unwrap(argument);
  let node: TSESTree.Node = argument;
  const hooks: RouteGuard[] = [];
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    const handler = propertyOf(target, 'handler');
    if (!handler) return null;
    node = handler.value;
    for (const hook of h3BeforeHooks) {
      const value = propertyOf(target, hook)?.value;
      if (value) for (const item of oneOrMany(value, context)) hooks.push(makeGuard(item, context, 'hook', 'route'));
    }
  }
  const fn: FunctionNode | null = resolveHandler(node, scope);
  if (!fn) return null;
  claim(context, call, fn);
  return { handler: { node, fn, style: 'h3' }, hooks };
}

/** The factory call an expression is: written inline, or a `const` of this file bound to one. */
function factoryOf(node: TSESTree.Node, context: ExtractContext): TSESTree.CallExpression | null {
  let target = unwrap(node);
  for (let depth = 0; depth < 4 && target.type === AST_NODE_TYPES.Identifier; depth++) {
    const variable = findVariable(context.scopeOf(target), target.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
    target = unwrap(definition.node.init);
  }
  return isHandlerFactory(target, context) ? target : null;
}

/** The default export's expression (`export default defineEventHandler(…)`, `export default handler`). */
function defaultExport(context: ExtractContext): TSESTree.Node | null {
  for (const statement of context.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && statement.declaration.type !== AST_NODE_TYPES.FunctionDeclaration && statement.declaration.type !== AST_NODE_TYPES.ClassDeclaration) {
      return statement.declaration;
    }
  }
  return null;
}

/** An h3 router or app: `createRouter()`, `createApp()`, `new H3()`, through a `const`, maybe chained. */
function isRouter(node: TSESTree.Node, context: ExtractContext, depth = 0): boolean {
  if (depth > 6) return false;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(context.scopeOf(target), target.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    return definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init !== null && isRouter(definition.node.init, context, depth + 1);
  }
  if (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.NewExpression) {
    const callee = unwrap(target.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && ROUTER_CREATORS.has(callee.name)) {
      const source = importSource(context.scopeOf(callee), callee.name);
      return source !== null && h3Modules.includes(source.module);
    }
    // `router.get(...).post(...)`: registrations return the router.
    const chained = methodCall(target);
    return chained !== null && Object.hasOwn(h3RouterMethods, chained.method) && isRouter(chained.object, context, depth + 1);
  }
  return false;
}

/**
 * The route of a file-based route, from its path: the folder (`…/server/api`), the URL path and
 * the method of its name's suffix. Null for any other file.
 */
export function fileRoutePath(filename: string): { root: string; path: string; method: string } | null {
  const normalized = path.resolve(filename).split(path.sep).join('/');
  for (const { folder, prefix } of h3RouteFolders) {
    const marker = `/${folder}/`;
    const at = normalized.lastIndexOf(marker);
    if (at < 0) continue;
    const rest = normalized.slice(at + marker.length).split('/');
    const last = rest.pop() ?? '';
    if (!SOURCE_FILE.test(last) || /\.d\.[cm]?ts$/u.test(last)) return null;
    let name = last.replace(SOURCE_FILE, '');
    const suffix = METHOD_SUFFIX.exec(name);
    const method = suffix?.[1]?.toUpperCase() ?? 'ALL';
    if (suffix) name = name.slice(0, -suffix[0].length);
    const segments = [...rest, name];
    if (segments.at(-1) === 'index') segments.pop();
    const converted = segments.map((segment) => segment.replaceAll(/\[\.\.\.[^\]]*\]/gu, '**').replaceAll(/\[([^\]]+)\]/gu, ':$1'));
    return { root: normalized.slice(0, at + 1), path: joinAll(prefix, ...converted) ?? '/', method };
  }
  return null;
}

/**
 * Nitro server middleware: every handler file of `server/middleware` (beside the route's folder)
 * runs before every route, in file-name order. Each is a guard judged by its definition there.
 */
function nitroMiddleware(filename: string, root: string, reportNode: TSESTree.Node, routePath: string | null): RouteGuard[] {
  if (!existsSync(path.resolve(filename))) return [];
  const folder = path.join(root, h3MiddlewareFolder);
  // No middleware folder: nothing runs before the routes.
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  const entries = readdirSync(folder).sort();
  const guards: RouteGuard[] = [];
  for (const entry of entries) {
    if (!SOURCE_FILE.test(entry) || /\.d\.[cm]?ts$/u.test(entry)) continue;
    const file = path.join(folder, entry);
    const definition = exportedDefinition(file, '');
    if (!definition) continue;
    // `defineEventHandler(fn)` there: its function; the object form: its `handler`.
    const value = unwrap(definition.node);
    const handler = value.type === AST_NODE_TYPES.CallExpression && unwrap(value.arguments[0] ?? value).type === AST_NODE_TYPES.ObjectExpression
      ? objectHandler(unwrap(value.arguments[0] ?? value))
      : null;
    const fn = handler ?? resolveFunction(value, definition.scopeOf(value));
    // `if (path.startsWith('/api/internal/')) return;` before the check: it does not run for this route.
    if (fn && routePath !== null && skipsPath(fn, routePath)) continue;
    guards.push({
      kind: 'middleware',
      name: `${h3MiddlewareFolder}/${entry}`,
      node: reportNode,
      fn: null,
      level: 'global',
      declaredIn: { node: fn ?? value, scopeOf: definition.scopeOf, file },
    });
  }
  return guards;
}

function objectHandler(node: TSESTree.Node): FunctionNode | null {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const value = propertyOf(node, 'handler')?.value;
  const target = value ? unwrap(value) : null;
  return target && isFunction(target) ? target : null;
}
