import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { InputLocation } from '../../models/frameworks/request-inputs.js';
import { nosqlSanitizingMiddleware } from '../../models/sanitizers.js';
import { findVariable, isConstantBinding, propertyName, requiredModule, singleDefinition, unwrap, type FunctionNode, type Scope, scopeOf } from '../../utils/ast.js';
import { getRoutes } from './index.js';
import { mountsAcrossFiles, scopeOfAcrossFiles } from './mounts-across-files.js';
import { runsOnlyAsHandlerOf } from './navigation.js';
import type { RouteGuard } from './types.js';

/*
 * Handlers behind middleware that strips MongoDB operators from request input
 * (`router.post('/login', mongoSanitize(), handler)`, `app.use(mongoSanitize())` in front of the
 * router, in this file or where another file mounts it): a value read there from a covered
 * location is no operator object. Every route of the handler, and every mount found of a route's
 * router when the route itself has none, must have it; a handler used any other way keeps its inputs.
 */

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type ScopeOf = (node: TSESTree.Node) => Scope;

const NONE: ReadonlySet<InputLocation> = new Set();

/** The request locations stripped of NoSQL operators before a handler runs (memoized per function). */
export function nosqlSanitizedLocations(context: AnyContext): (fn: FunctionNode) => ReadonlySet<InputLocation> {
  const verdicts = new Map<FunctionNode, ReadonlySet<InputLocation>>();
  return (fn) => {
    let verdict = verdicts.get(fn);
    if (verdict === undefined) {
      verdict = sanitizedLocations(context, fn);
      verdicts.set(fn, verdict);
    }
    return verdict;
  };
}

function sanitizedLocations(context: AnyContext, fn: FunctionNode): ReadonlySet<InputLocation> {
  const routes = getRoutes(context).routes.filter((route) => route.handler?.fn === fn);
  if (routes.length === 0 || !runsOnlyAsHandlerOf(context, fn, routes)) return NONE;
  let result: ReadonlySet<InputLocation> | null = null;
  const own = (node: TSESTree.Node): Scope => scopeOf(context.sourceCode, node);
  for (const route of routes) {
    let covered = locationsOf(route.guards, own);
    if (covered.size === 0) {
      // The route's router may be mounted by another file behind the middleware: every mount found must have it.
      const chains = mountsAcrossFiles(context, route);
      if (chains && chains.length > 0) {
        const across = scopeOfAcrossFiles(context);
        let all: ReadonlySet<InputLocation> | null = null;
        for (const chain of chains) all = intersect(all, locationsOf(chain.guards, across));
        covered = all ?? NONE;
      }
    }
    result = intersect(result, covered);
    if (result.size === 0) return NONE;
  }
  return result ?? NONE;
}

/** The locations in both; `null` is the start of an intersection (no set seen yet). */
function intersect(a: ReadonlySet<InputLocation> | null, b: ReadonlySet<InputLocation>): ReadonlySet<InputLocation> {
  return a === null ? b : new Set([...a].filter((location) => b.has(location)));
}

/** The locations the modelled middleware among `guards` strip. */
function locationsOf(guards: readonly RouteGuard[], scopeOf: ScopeOf): ReadonlySet<InputLocation> {
  const found = new Set<InputLocation>();
  for (const guard of guards) {
    if (guard.kind !== 'middleware') continue;
    const model = sanitizerOf(guard.node, scopeOf);
    if (model) for (const location of model.locations) found.add(location);
  }
  return found;
}

/**
 * The model of `mongoSanitize()` (or of a `const` bound to that call) when `mongoSanitize` is the
 * package's export and the call does not pass the option that turns it off.
 */
function sanitizerOf(node: TSESTree.Node, scopeOf: ScopeOf): (typeof nosqlSanitizingMiddleware)[number] | null {
  let call = unwrap(node);
  if (call.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(call), call.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
    call = unwrap(definition.node.init);
  }
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const module = moduleOf(callee, scopeOf);
  const model = nosqlSanitizingMiddleware.find((entry) => entry.module === module);
  if (!model) return null;
  const [options] = call.arguments;
  if (options === undefined) return model;
  const object = unwrap(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of object.properties) {
    // A spread may carry the switch; a value other than a literal `false` may turn it on.
    if (property.type !== AST_NODE_TYPES.Property) return null;
    if (property.computed || propertyName(property.key) !== model.disabledBy) continue;
    const value = unwrap(property.value);
    if (value.type !== AST_NODE_TYPES.Literal || value.value !== false) return null;
  }
  return model;
}

/** The package a default or namespace import, or a `require`, binds `identifier` to. */
function moduleOf(identifier: TSESTree.Identifier, scopeOf: ScopeOf): string | null {
  const variable = findVariable(scopeOf(identifier), identifier.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!variable || !definition) return null;
  const node = definition.node;
  if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier || node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
    return node.parent.type === AST_NODE_TYPES.ImportDeclaration ? String(node.parent.source.value) : null;
  }
  if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.Identifier && isConstantBinding(variable)) {
    return requiredModule(node.init);
  }
  return null;
}
