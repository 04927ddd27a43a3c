import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { routerGroupExcludedModules, routerGroupMiddlewareKeys } from '../../../models/frameworks/router-groups.js';
import type { RequestStyle } from '../../../models/frameworks/request-inputs.js';
import { dottedName, findVariable, isFunction, propertyName, requiredModule, resolveFunction, scopeLookup, unwrap, type Scope } from '../../../utils/ast.js';
import { crossFileTarget } from '../../project/calls.js';
import { importBindingTarget, importedDefinition } from '../../project/imported.js';
import { fileOfNode } from '../../project/parse.js';
import { handlerStyle, resolveHandler } from '../handlers.js';
import type { ExtractContext, Framework, FrameworkExtractor, Route, RouteGuard } from '../types.js';
import { claim, isLocalModule, ROUTER_METHODS, makeGuard, methodCallsOf, reportNodeOf, staticText, type MethodCall } from './shared-ast.js';

/*
 * Routes registered on a router group: an object made by a call of a package, out of view, that is
 * handed middleware (`export const builderRoutes = endpoints.group(authorized(BUILDER))` in one file,
 * `builderRoutes.post('/api/tables', validate, controller.save)` in another). What the package does
 * with the middleware cannot be read; that a router factory given middleware runs it in front of
 * the routes registered on what it returns is what such a factory is for, so the routes carry it as
 * a router-level guard, judged by its definition like any other (a name alone authenticates nothing).
 * The group's mount is the package's business: the routes are mounted elsewhere, so a route whose
 * guards prove nothing is *unknown*, never public.
 *
 * Only a group whose factory call is in view (this file, or the project file it is imported from)
 * and is handed at least one middleware is read; a group made without middleware is left alone
 * (nothing here says who may reach it).
 */

/** Variable or import steps followed from a group to the package its factory comes from. */
const MAX_STEPS = 4;

/** A router group: its factory call, where it is written, and the middleware it is handed. */
interface Group {
  name: string;
  /** Guards from the factory's middleware (router level). */
  guards: RouteGuard[];
}

export const routerGroupsExtractor: FrameworkExtractor = {
  framework: 'express',
  extract(context) {
    const groups = new Map<TSESTree.Node, Group | null>();
    const routes: Route[] = [];
    for (const call of methodCallsOf(context.program)) {
      if (context.claimed.has(call.call)) continue;
      const method = Object.hasOwn(ROUTER_METHODS, call.method) ? ROUTER_METHODS[call.method] : undefined;
      if (method === undefined) continue;
      const args = call.call.arguments;
      const first = args[0];
      const last = args[args.length - 1];
      if (args.length < 2 || !first || !last || first.type === AST_NODE_TYPES.SpreadElement || last.type === AST_NODE_TYPES.SpreadElement) continue;
      const path = staticText(first, context);
      if (path?.startsWith('/') !== true) continue;
      const base = chainBase(call);
      if (!base) continue;
      const variable = findVariable(context.scopeOf(base), base.name);
      const key = variable?.defs[0]?.name;
      if (!variable || !key) continue;
      let group = groups.get(key);
      if (group === undefined) {
        group = groupOf(base, context);
        groups.set(key, group);
      }
      if (!group) continue;
      const found = route(call, method, path, group, context);
      if (found) routes.push(found);
    }
    return { routes };
  },
};

/** The variable a chain of route registrations starts from: `builderRoutes` in `builderRoutes.get(…).post(…)`. */
function chainBase(call: MethodCall): TSESTree.Identifier | null {
  let object = call.object;
  for (let depth = 0; depth < 64 && object.type === AST_NODE_TYPES.CallExpression; depth++) {
    const callee = unwrap(object.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !Object.hasOwn(ROUTER_METHODS, propertyName(callee.property) ?? '')) return null;
    object = unwrap(callee.object);
  }
  return object.type === AST_NODE_TYPES.Identifier ? object : null;
}

function route(call: MethodCall, method: string, path: string, group: Group, context: ExtractContext): Route | null {
  const args = call.call.arguments;
  const handlerNode = args[args.length - 1] as TSESTree.Node;
  const middleware = args.slice(1, -1).filter((node): node is TSESTree.Expression => node.type !== AST_NODE_TYPES.SpreadElement);
  const fn = resolveHandler(handlerNode, context.scopeOf(handlerNode));
  const style = styleOf(fn, handlerNode, context);
  // A client's `api.get('/users', callback)` is no route: the handler must read as one.
  if (style === null) return null;
  claim(context, call.call);
  return {
    framework: frameworkOf(style),
    methods: [method],
    path,
    reportNode: reportNodeOf(call),
    handler: { node: handlerNode, fn, style },
    guards: [...group.guards, ...middleware.map((node) => makeGuard(node, context, 'middleware', 'route'))],
    insertBefore: args[1] ?? null,
    // The package mounts the group: where, and behind what else, is out of view.
    owner: { name: group.name, mountedElsewhere: true, declaration: null },
  };
}

/** The request style of the handler by its own signature, in this file or (imported) in its file; null when it does not read as a handler. */
function styleOf(fn: ReturnType<typeof resolveHandler>, node: TSESTree.Node, context: ExtractContext): RequestStyle | null {
  if (fn) {
    const style = handlerStyle(fn, context);
    if (style) return style;
  } else {
    // Imported (`controller.create`): read in its own file, with that file's scopes.
    const target = crossFileTarget(unwrap(node), context.sourceCode);
    const style = target ? handlerStyle(target.fn, { ...context, program: target.module.program, sourceCode: target.module.sourceCode, scopeOf: scopeLookup(target.module.sourceCode) }) : null;
    if (style) return style;
  }
  return null;
}

function frameworkOf(style: RequestStyle): Framework {
  return style === 'koa' ? 'koa' : 'express';
}

/**
 * The group a variable names: its initializer in this file, or the export of the project file it
 * is imported from, when that is a call of a package handed middleware. Null otherwise.
 */
function groupOf(base: TSESTree.Identifier, context: ExtractContext): Group | null {
  const variable = findVariable(context.scopeOf(base), base.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return null;
  if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) {
    // Reassigned: which object the routes land on is not one call's.
    if (variable && variable.references.some((reference) => reference.isWrite() && reference.identifier !== definition.node.id)) return null;
    const guards = factoryMiddleware(definition.node.init, context.scopeOf, null, base, context);
    return guards && { name: base.name, guards };
  }
  if (definition.type !== 'ImportBinding' || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return null;
  const declaration = definition.parent as TSESTree.ImportDeclaration;
  const module = String(declaration.source.value);
  if (!isLocalModule(module) && importBindingTarget(definition, context.filename) === null) return null;
  const imported = propertyName(definition.node.imported) ?? '';
  const found = importedDefinition(base, module, imported);
  if (!found) return null;
  const guards = factoryMiddleware(found.node, found.scopeOf, found.file, base, context);
  return guards && { name: base.name, guards };
}

/**
 * The middleware a group factory call is handed, as router-level guards; null when `init` is no
 * such call (not a call, a call of a function of the project or of a framework whose routers other
 * extractors read, or a call handed no middleware). `file` is where the call is written when it is
 * another file than the linted one; `at` is the group's name in the linted file.
 */
function factoryMiddleware(
  init: TSESTree.Node,
  scopeOf: (node: TSESTree.Node) => Scope,
  file: string | null,
  at: TSESTree.Identifier,
  context: ExtractContext,
): RouteGuard[] | null {
  const call = unwrap(init);
  if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return null;
  if (!fromPackage(call.callee, scopeOf, 0)) return null;
  const nodes: TSESTree.Node[] = [];
  for (const argument of call.arguments) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
    collectMiddleware(argument, scopeOf, nodes, 0);
  }
  if (nodes.length === 0) return null;
  return nodes.map((node) => {
    if (file === null) return makeGuard(node, context, 'middleware', 'router');
    // Written in another file: judged from there, by its definition (see `RouteGuard.declaredIn`).
    const target = unwrap(node);
    return {
      kind: 'middleware',
      name: isFunction(target) ? null : dottedName(target),
      // Where a report about it points: the group, in this file.
      node: at,
      fn: null,
      level: 'router',
      declaredIn: { node, scopeOf, file },
    };
  });
}

/** Middleware among a factory's arguments: a function or a reference to one, a factory call, a list, an options object's middleware. */
function collectMiddleware(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope, out: TSESTree.Node[], depth: number): void {
  const target = unwrap(node);
  if (depth > 2) return;
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of target.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) collectMiddleware(element, scopeOf, out, depth + 1);
    return;
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of target.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const key = propertyName(property.key);
      if (key !== null && (routerGroupMiddlewareKeys as readonly string[]).includes(key)) collectMiddleware(property.value, scopeOf, out, depth + 1);
    }
    return;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    // A constant options object or list: what it holds.
    const variable = findVariable(scopeOf(target), target.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init ? unwrap(definition.node.init) : null;
    if (init && (init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.ArrayExpression)) {
      collectMiddleware(init, scopeOf, out, depth + 1);
      return;
    }
    if (init && !isFunction(init) && init.type !== AST_NODE_TYPES.CallExpression && !resolveFunction(target, scopeOf(target))) return;
    out.push(target);
    return;
  }
  if (isFunction(target) || target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.MemberExpression) out.push(target);
}

/**
 * Whether a callee comes from a package (so its body is out of view): an import or `require` of a
 * package, a member of one, or an instance a package's class or factory makes
 * (`const endpoints = new EndpointGroupList()`). Not the frameworks other extractors read.
 */
function fromPackage(callee: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope, steps: number): boolean {
  if (steps > MAX_STEPS) return false;
  const target = unwrap(callee);
  if (target.type === AST_NODE_TYPES.MemberExpression) return fromPackage(target.object, scopeOf, steps + 1);
  if (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.NewExpression) {
    const required = requiredModule(target);
    if (required !== null) return isPackage(required);
    return fromPackage(target.callee, scopeOf, steps + 1);
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(scopeOf(target), target.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return false;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return false;
    const module = String(declaration.source.value);
    const file = fileOfNode(target);
    // A workspace package of the project is in view: its function's body decides, not this reading.
    return isPackage(module) && (file === undefined || importBindingTarget(definition, file) === null);
  }
  if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    return fromPackage(definition.node.init, scopeOf, steps + 1);
  }
  return false;
}

function isPackage(module: string): boolean {
  return !isLocalModule(module) && !module.startsWith('node:') && !routerGroupExcludedModules.has(module);
}
