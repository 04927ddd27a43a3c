import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { azureAuthLevels, azureDefaultAuthLevel, azureHttpFunctions } from '../../../models/frameworks/azure-functions.js';
import { propertyName, unwrap } from '../../../utils/ast.js';
import { resolveHandler } from '../handlers.js';
import { projectRoot, readProjectFile } from '../project-files.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard } from '../types.js';
import { callsOf, claim, joinAll, moduleMember, objectLiteral, propertyOf, staticStrings, staticText } from './shared-ast.js';

const MODULES = new Set<string>(azureHttpFunctions.modules);
const OPTIONS = azureHttpFunctions.options;

/**
 * Azure Functions v4 HTTP functions (`app.http('name', { methods, authLevel, route, handler })`,
 * `app.get('name', handler)`): one route per registration at `/<routePrefix>/<route or name>`,
 * authenticated by an `authLevel` that requires a key (see `azureAuthLevels`) or by what the
 * handler checks. The handler may be defined in another module (`handler: listOrders`, imported).
 */
export const azureFunctionsExtractor: FrameworkExtractor = {
  framework: 'azure-functions',
  extract(context) {
    if (![...context.imports].some((module) => MODULES.has(module))) return {};
    const routes: Route[] = [];
    for (const call of callsOf(context.program)) {
      if (context.claimed.has(call)) continue;
      const methods = registrationMethods(call, context);
      if (methods === null) continue;
      const route = toRoute(call, methods, context);
      if (route) routes.push(route);
    }
    return { routes };
  },
};

/** `'generic'` for `app.http`, the one method of a shorthand, or null when `call` registers nothing. */
function registrationMethods(call: TSESTree.CallExpression, context: ExtractContext): 'generic' | string | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  const root = moduleMember(callee.object, context);
  if (!root || !MODULES.has(root.module) || root.path.length !== 1 || root.path[0] !== azureHttpFunctions.registry) return null;
  const method = propertyName(callee.property);
  if (method === azureHttpFunctions.generic) return 'generic';
  return method !== null && Object.hasOwn(azureHttpFunctions.shorthands, method) ? (azureHttpFunctions.shorthands[method] ?? null) : null;
}

function toRoute(call: TSESTree.CallExpression, registered: string, context: ExtractContext): Route | null {
  const [nameNode, second] = call.arguments;
  if (!nameNode || !second || nameNode.type === AST_NODE_TYPES.SpreadElement || second.type === AST_NODE_TYPES.SpreadElement) return null;
  const options = objectLiteral(second, context);
  // A shorthand takes the handler itself in place of the options.
  const handlerNode = options ? (propertyOf(options, OPTIONS.handler)?.value ?? null) : registered === 'generic' ? null : second;
  if (!handlerNode) return null;
  const fn = resolveHandler(handlerNode, context.scopeOf(handlerNode));
  if (fn && context.claimed.has(fn)) return null;
  // A handler a package builds (`startServerAndCreateHandler(server)` of Apollo's integration)
  // dispatches to routes or resolvers of its own, judged where they are defined.
  if (!fn && unwrap(handlerNode).type === AST_NODE_TYPES.CallExpression) return null;
  const name = staticText(nameNode, context);
  const routeOption = options ? propertyOf(options, OPTIONS.route) : null;
  const routeText = routeOption ? staticText(routeOption.value, context) : name;
  const methodsOption = options ? propertyOf(options, OPTIONS.methods) : null;
  const listed = methodsOption ? staticStrings(methodsOption.value, context, (node) => staticText(node, context)) : null;
  const methods = registered !== 'generic' ? [registered] : methodsOption ? (listed?.map((method) => method.toUpperCase()) ?? ['ALL']) : [...azureHttpFunctions.defaultMethods];
  const guards: RouteGuard[] = [];
  const level = options ? propertyOf(options, OPTIONS.authLevel) : null;
  const guard = level ? authLevelGuard(level, context) : null;
  if (guard) guards.push(guard);
  claim(context, call, fn);
  return {
    framework: 'azure-functions',
    methods,
    path: routeText === null ? null : joinAll(routePrefix(context.filename), azurePath(routeText)),
    reportNode: call,
    handler: { node: handlerNode, fn, style: 'fetch' },
    guards,
    insertBefore: null,
    owner: null,
  };
}

/**
 * The guard an `authLevel` option is: a key the runtime checks (`function`, `admin`), nothing for
 * `anonymous` (the handler decides, as without the option), *unknown* when the value is not static.
 */
function authLevelGuard(property: TSESTree.Property, context: ExtractContext): RouteGuard | null {
  const value = staticText(property.value, context) ?? null;
  const level = value === null ? null : Object.hasOwn(azureAuthLevels, value) ? azureAuthLevels[value] : undefined;
  const base = { kind: 'config' as const, name: `authLevel: '${value ?? '?'}'`, node: property, fn: null, level: 'route' as const };
  if (value === azureDefaultAuthLevel || level?.verdict === 'public') return null;
  if (!level) return { ...base, name: OPTIONS.authLevel, verdict: 'unknown', unknownBecause: 'its value is not a level this rule knows or is not static' };
  return { ...base, verdict: 'authenticated', roleChecked: level.roleChecked };
}

/** `deliveries/{tenant}/{id:int}` → `deliveries/:tenant/:id`; `{*rest}` → `*`; `{id?}` → `:id?`. */
function azurePath(route: string): string {
  return route.replace(/\{\*[^}]*\}/gu, '*').replace(/\{(\w+)(?::[^}?]*)?(\?)?\}/gu, (_all, name: string, optional: string | undefined) => `:${name}${optional ?? ''}`);
}

/**
 * The route prefix of the project's `host.json` (`extensions.http.routePrefix`), else `api`. A
 * `host.json` that is not JSON leaves the default: the runtime refuses to start with it anyway.
 */
function routePrefix(filename: string): string {
  const root = projectRoot(filename);
  if (root === null) return azureHttpFunctions.defaultRoutePrefix;
  let prefix: string = azureHttpFunctions.defaultRoutePrefix;
  const text = readProjectFile(path.join(root, 'host.json'));
  if (text !== null) {
    try {
      const parsed = JSON.parse(text) as { extensions?: { http?: { routePrefix?: unknown } } };
      const configured = parsed.extensions?.http?.routePrefix;
      if (typeof configured === 'string') prefix = configured;
    } catch {
      // Not JSON: the default stays (see above).
    }
  }
  return prefix;
}
