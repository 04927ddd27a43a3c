import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { elysiaAppClass, elysiaBeforeHookMethods, elysiaBeforeHooks, elysiaChainMethods, elysiaModules, elysiaRouteMethods, elysiaSharedScopes } from '../../../models/frameworks/elysia.js';
import { exportedDefinition, importBindingTarget } from '../../project/imported.js';
import { findVariable, isFunction, propertyName, unwrap, type FunctionNode } from '../../../utils/ast.js';
import { resolveHandler } from '../handlers.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard } from '../types.js';
import { callsOf, claim, importsAny, joinAll, makeGuard, methodCall, moduleMember, objectLiteral, oneOrMany, reportNodeOf, staticText, valueOf, type MethodCall } from './shared-ast.js';
import { InstanceResolver } from './shared-instances.js';

/*
 * Elysia apps: routes chained on `new Elysia()` (or on a `const` holding one), with the prefix of
 * the constructor's `{ prefix }` and of `group(prefix, (app) => …)` callbacks, and the
 * `beforeHandle` hooks that run before each handler: the route's own options, `guard({
 * beforeHandle }, (app) => …)` for the routes of its callback, and `onBeforeHandle(fn)` /
 * `guard({ beforeHandle })` for the routes the same app registers after it (also `derive(fn)` and
 * `resolve(fn)`, which turn a request away by throwing). Hooks are local to the app that registers
 * them (Elysia's default scope), so a plugin's routes are judged by their own; a plugin's hooks
 * registered `{ as: 'scoped' }` or `{ as: 'global' }` (or all of them, after `.as('scoped')`) also
 * run for the routes an app registers after `.use(plugin)`, the plugin of this file or of another.
 */

const ROUTES: Readonly<Record<string, string>> = elysiaRouteMethods;
const CHAIN = new Set(elysiaChainMethods);

const isElysiaModule = (module: string): boolean => elysiaModules.some((candidate) => module === candidate || module.startsWith(`${candidate}/`));

interface App {
  /** Hooks registered on the app (`onBeforeHandle(fn)`, `guard({ beforeHandle })`), by position. */
  hooks: { position: number; guard: RouteGuard }[];
}

/** An app as a callback or chain sees it: the prefix and the hooks that apply there. */
interface AppRef {
  app: App;
  prefix: string | null;
  /** Hooks of the `guard(...)` callbacks around this reference. */
  guards: RouteGuard[];
}

export const elysiaExtractor: FrameworkExtractor = {
  framework: 'elysia',
  extract(context) {
    if (!importsAny(context, isElysiaModule)) return {};
    return { routes: new ElysiaExtraction(context).run() };
  },
};

class ElysiaExtraction {
  readonly #context: ExtractContext;
  readonly #resolver: InstanceResolver<AppRef>;
  /** `group` / `guard` callbacks, with the reference their parameter holds. */
  readonly #callbacks = new Map<FunctionNode, AppRef>();

  constructor(context: ExtractContext) {
    this.#context = context;
    this.#resolver = new InstanceResolver<AppRef>(context, {
      create: (node) => this.#create(node),
      derive: (call, base) => (CHAIN.has(call.method) ? base : null),
      parameter: (fn, index) => (index === 0 ? (this.#callbacks.get(fn) ?? null) : null),
    });
  }

  run(): Route[] {
    const routes: Route[] = [];
    for (const call of callsOf(this.#context.program)) {
      const parsed = methodCall(call);
      if (!parsed || this.#context.claimed.has(call)) continue;
      const ref = this.#resolver.receiver(parsed);
      if (!ref) continue;
      if (parsed.method === 'group' || parsed.method === 'guard') this.#scope(parsed, ref);
      else if (elysiaBeforeHookMethods.includes(parsed.method)) this.#hook(parsed, ref);
      else if (parsed.method === 'use') this.#use(parsed, ref);
      else if (Object.hasOwn(ROUTES, parsed.method)) {
        const route = this.#route(parsed, ref);
        if (route) routes.push(route);
      }
    }
    return routes;
  }

  #create(node: TSESTree.CallExpression | TSESTree.NewExpression): AppRef | null {
    if (node.type !== AST_NODE_TYPES.NewExpression) return null;
    const member = moduleMember(node.callee, this.#context);
    if (!member || !isElysiaModule(member.module) || member.path.at(-1) !== elysiaAppClass) return null;
    const options = objectLiteral(node.arguments[0], this.#context);
    const prefix = valueOf(options, 'prefix');
    return { app: { hooks: [] }, prefix: prefix ? staticText(prefix, this.#context) : '', guards: [] };
  }

  /** `group('/p', (app) => …)`, `group('/p', { beforeHandle }, (app) => …)`, `guard({ beforeHandle }, (app) => …)`, `guard({ beforeHandle })`. */
  #scope(call: MethodCall, ref: AppRef): void {
    claim(this.#context, call.call);
    const args = call.call.arguments;
    const callback = args.at(-1);
    const fn = callback && isFunction(unwrap(callback)) ? (unwrap(callback) as FunctionNode) : null;
    const path = call.method === 'group' && args[0] ? staticText(args[0], this.#context) : '';
    const options = args.find((argument, index) => index < args.length - (fn ? 1 : 0) && unwrap(argument).type === AST_NODE_TYPES.ObjectExpression);
    const hooks = this.#beforeHandle(options, 'router');
    if (!fn) {
      // `guard({ beforeHandle })` without a callback: for the routes the app registers after it.
      for (const guard of hooks) ref.app.hooks.push({ position: call.position, guard });
      return;
    }
    this.#callbacks.set(fn, { app: ref.app, prefix: ref.prefix === null || path === null ? null : joinAll(ref.prefix, path), guards: [...ref.guards, ...hooks] });
  }

  #hook(call: MethodCall, ref: AppRef): void {
    claim(this.#context, call.call);
    for (const argument of call.call.arguments) {
      // `onBeforeHandle({ as: 'global' }, fn)`: the options object is not a hook.
      if (unwrap(argument).type === AST_NODE_TYPES.ObjectExpression) continue;
      ref.app.hooks.push({ position: call.position, guard: makeGuard(argument, this.#context, 'hook', 'app') });
    }
  }

  /** `.use(plugin)`: the plugin's scoped and global hooks run for the routes registered after it. */
  #use(call: MethodCall, ref: AppRef): void {
    const argument = call.call.arguments[0];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
    const plugin = this.#plugin(argument);
    if (!plugin) return;
    for (const hook of sharedHooks(plugin.chain)) {
      const guard: RouteGuard =
        plugin.file === null
          ? makeGuard(hook, this.#context, 'hook', 'app')
          : { kind: 'hook', name: null, node: argument, fn: null, level: 'app', declaredIn: { node: hook, scopeOf: plugin.scopeOf, file: plugin.file } };
      ref.app.hooks.push({ position: call.position, guard });
    }
  }

  /**
   * The chain that builds a plugin `use` is given: a `const` of this file, or one a project file
   * exports (`export const auth = new Elysia({ name: 'auth' }).derive({ as: 'scoped' }, …)`), with
   * the file (null for this one) and its scopes.
   */
  #plugin(argument: TSESTree.Node): { chain: TSESTree.Node; file: string | null; scopeOf: ExtractContext['scopeOf'] } | null {
    const target = unwrap(argument);
    if (target.type !== AST_NODE_TYPES.Identifier) return target.type === AST_NODE_TYPES.CallExpression ? { chain: target, file: null, scopeOf: this.#context.scopeOf } : null;
    const definition = findVariable(this.#context.scopeOf(target), target.name)?.defs[0];
    if (!definition) return null;
    if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
      return { chain: definition.node.init, file: null, scopeOf: this.#context.scopeOf };
    }
    const imported = importBindingTarget(definition, this.#context.filename);
    if (!imported || imported.name === '*') return null;
    const found = exportedDefinition(imported.file, imported.name);
    if (!found) return null;
    const node = found.node.type === AST_NODE_TYPES.VariableDeclarator ? found.node.init : found.node;
    return node ? { chain: node, file: found.file, scopeOf: found.scopeOf } : null;
  }

  #beforeHandle(options: TSESTree.Node | undefined, level: RouteGuard['level']): RouteGuard[] {
    const object = objectLiteral(options, this.#context);
    const guards: RouteGuard[] = [];
    for (const hook of elysiaBeforeHooks) {
      const value = valueOf(object, hook);
      if (value) for (const item of oneOrMany(value, this.#context)) guards.push(makeGuard(item, this.#context, 'hook', level));
    }
    return guards;
  }

  #route(call: MethodCall, ref: AppRef): Route | null {
    const [pathNode, handlerNode, options] = call.call.arguments;
    if (!pathNode || !handlerNode || handlerNode.type === AST_NODE_TYPES.SpreadElement) return null;
    const fn = resolveHandler(handlerNode, this.#context.scopeOf(handlerNode));
    claim(this.#context, call.call, fn);
    const path = staticText(pathNode, this.#context);
    const hooks = ref.app.hooks.filter((hook) => hook.position < call.position).map((hook) => hook.guard);
    return {
      framework: 'elysia',
      methods: [ROUTES[call.method] ?? 'ALL'],
      path: ref.prefix === null || path === null ? null : joinAll(ref.prefix, path),
      reportNode: reportNodeOf(call),
      handler: { node: handlerNode, fn, style: 'elysia' },
      guards: [...hooks, ...ref.guards, ...this.#beforeHandle(options ?? undefined, 'route')],
      insertBefore: null,
      owner: null,
    };
  }
}

/** At most this many calls of a plugin's chain are read. */
const MAX_PLUGIN_CHAIN = 64;

/**
 * The hooks of a plugin's chain that run for the app using it (see `elysiaSharedScopes`): the
 * function of each `derive`, `resolve` or `onBeforeHandle` registered with a shared scope, and of
 * every one when the chain ends in `.as('scoped')`; `guard({ as: 'scoped', beforeHandle })` too.
 */
function sharedHooks(chain: TSESTree.Node): TSESTree.Node[] {
  const calls: MethodCall[] = [];
  for (let current = unwrap(chain), steps = 0; steps < MAX_PLUGIN_CHAIN; steps++) {
    const parsed = methodCall(current);
    if (!parsed) break;
    calls.push(parsed);
    current = parsed.object;
  }
  const sharedScope = (node: TSESTree.Node | undefined): boolean => {
    const object = node ? unwrap(node) : null;
    const scope = object?.type === AST_NODE_TYPES.ObjectExpression ? valueOf(object, 'as') : null;
    const value = scope ? unwrap(scope) : null;
    return value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' && elysiaSharedScopes.includes(value.value);
  };
  const liftsAll = calls.some((call) => {
    const [scope] = call.call.arguments;
    return call.method === 'as' && scope?.type === AST_NODE_TYPES.Literal && typeof scope.value === 'string' && elysiaSharedScopes.includes(scope.value);
  });
  const hooks: TSESTree.Node[] = [];
  for (const call of calls.reverse()) {
    const args = call.call.arguments;
    if (elysiaBeforeHookMethods.includes(call.method) && (liftsAll || sharedScope(args[0]))) {
      for (const argument of args) if (isFunction(unwrap(argument))) hooks.push(argument);
    } else if (call.method === 'guard' && args.length === 1 && (liftsAll || sharedScope(args[0]))) {
      const object = unwrap(args[0]!);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of object.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed || !elysiaBeforeHooks.includes(propertyName(property.key) ?? '')) continue;
        const value = unwrap(property.value);
        if (value.type !== AST_NODE_TYPES.ArrayExpression) hooks.push(property.value);
        else for (const element of value.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) hooks.push(element);
      }
    }
  }
  return hooks;
}
