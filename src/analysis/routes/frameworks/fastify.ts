import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveHandler } from '../handlers.js';
import { publicMetadataKeys } from '../../../models/auth.js';
import path from 'node:path';
import { dottedName, enclosingFunction, findVariable, inlineRequire, isFunction, propertyName, requiredModule, resolveFunction, staticString, unwrap, type FunctionNode, type Scope } from '../../../utils/ast.js';
import type { ExtractContext, FileRoutes, FrameworkExtractor, Mount, Route, RouteGuard } from '../types.js';
import {
  callsOf,
  claim,
  constantValue,
  declaredType,
  exportedValues,
  functionsAmong,
  importedFrom,
  importsAny,
  isLocalModule,
  joinAll,
  makeGuard,
  methodCall,
  moduleMember,
  objectLiteral,
  reportNodeOf,
  oneOrMany,
  parameterInfo,
  receiverName,
  propertyOf,
  staticStrings,
  staticText,
  valueOf,
  type MethodCall,
  routeValidation,
  setupFunction,
  returnedValues,
} from './shared-ast.js';
import { InstanceResolver, bindingOf, parameterBinding } from './shared-instances.js';
import { projectDecoration } from './fastify-decorations.js';
import { registeredAsPlugin } from './fastify-registrations.js';

const SHORTHAND: Record<string, string> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
  all: 'ALL',
};

/** Hooks that run before the handler and can stop the request. */
const GUARD_HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler'] as const;

/** Instance methods that return the instance itself, so chained calls stay on it. */
const CHAINABLE = new Set([
  ...Object.keys(SHORTHAND),
  'route',
  'register',
  'after',
  'addHook',
  'decorate',
  'decorateRequest',
  'decorateReply',
  'withTypeProvider',
  'setErrorHandler',
  'setNotFoundHandler',
  'addSchema',
  'setValidatorCompiler',
  'setSerializerCompiler',
]);

/** Names a plugin's instance parameter usually has. */
const INSTANCE_NAMES = new Set(['fastify', 'app', 'server', 'instance']);

const isFastifyModule = (module: string): boolean =>
  module === 'fastify' || module === 'fastify-plugin' || module.startsWith('@fastify/');

/**
 * One Fastify encapsulation context: the root instance, or a plugin function (its first
 * parameter). A plugin wrapped in `fastify-plugin` is transparent: its hooks reach the parent.
 */
interface Context {
  kind: 'root' | 'plugin' | 'imported';
  name: string;
  declaration: TSESTree.Node | null;
  transparent: boolean;
  /** Where this plugin is registered in this file (the first registration). */
  registration: { parent: Context; position: number; prefix: string | null } | null;
  /** Hooks added to this context, and transparent plugins registered in it, in order. */
  events: ({ position: number; guard: RouteGuard } | { position: number; plugin: Context })[];
}

interface PendingRoute {
  call: MethodCall;
  context: Context;
  methods: string[];
  path: string | null;
  options: TSESTree.ObjectExpression | null;
  handler: TSESTree.Node | null;
}

/** Fastify: shorthand routes, `route()`, hooks, plugins with `register` prefixes and encapsulation. */
export const fastifyExtractor: FrameworkExtractor = {
  framework: 'fastify',
  extract(context) {
    if (!importsAny(context, isFastifyModule) && !exportsPluginFunction(context)) return {};
    return new FastifyExtraction(context).run();
  },
};

/**
 * Methods only a Fastify instance has (Express, Koa, Hono, Hapi and Elysia name theirs otherwise):
 * an exported function that calls one on its first parameter is a plugin. Route methods (`get`,
 * `route`) and `register` are no such sign: Express registration functions (`module.exports =
 * (app) => { app.get(...) }`) and Hapi's `server.route` / `server.register` look the same.
 */
const FASTIFY_ONLY_METHODS = new Set(['addHook', 'decorateRequest', 'decorateReply', 'addContentTypeParser', 'setNotFoundHandler']);

/**
 * Plugin files need not import fastify: `module.exports = async function (fastify, opts) {...}`,
 * loaded by `@fastify/autoload` or fastify-cli, or registered by another file. The evidence, for an
 * exported function: its first parameter is named `fastify`; or it is named like an instance
 * (`app`, `server`, `instance`) and either the function calls a method only Fastify has on it
 * (`app.addHook(...)`), or another project file passes the module to `register(...)`.
 */
function exportsPluginFunction(context: ExtractContext): boolean {
  let registered: boolean | null = null;
  return exportedValues(context.program).some((value) => {
    const fn = resolveFunction(value, context.scopeOf(value));
    const first = fn?.params[0];
    if (!fn || first?.type !== AST_NODE_TYPES.Identifier) return false;
    if (first.name === 'fastify') return true;
    if (!INSTANCE_NAMES.has(first.name)) return false;
    if (callsFastifyOnlyMethod(first, context)) return true;
    registered ??= registeredAsPlugin(context.filename);
    return registered;
  });
}

/** Whether a Fastify-only method is called on the function parameter `parameter` (`app.addHook('preHandler', …)`). */
function callsFastifyOnlyMethod(parameter: TSESTree.Identifier, context: ExtractContext): boolean {
  const variable = findVariable(context.scopeOf(parameter), parameter.name);
  return (variable?.references ?? []).some((reference) => {
    const member = reference.identifier.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || member.computed) return false;
    const call = member.parent;
    return call.type === AST_NODE_TYPES.CallExpression && call.callee === member && FASTIFY_ONLY_METHODS.has(propertyName(member.property) ?? '');
  });
}

const AUTOLOAD_MODULE = '@fastify/autoload';

/**
 * An absolute directory written with the file's own directory: `path.join(__dirname, 'routes')`,
 * `path.resolve(import.meta.dirname, 'routes')`, `fileURLToPath(new URL('./routes', import.meta.url))`,
 * or `__dirname` alone. Null for anything else (the process's working directory, configuration).
 */
function directoryOf(node: TSESTree.Node, fileDir: string, context: ExtractContext): string | null {
  const target = unwrap(node);
  if (isOwnDirectory(target, context)) return fileDir;
  if (target.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = dottedName(target.callee) ?? '';
  const name = callee.split('.').pop() ?? '';
  if ((name === 'join' || name === 'resolve') && target.arguments.length > 0) {
    const [first, ...rest] = target.arguments;
    if (!first || !isOwnDirectory(unwrap(first), context)) return null;
    const parts = rest.map((part) => (part.type === AST_NODE_TYPES.SpreadElement ? null : staticText(part, context)));
    return parts.every((part): part is string => part !== null) ? path.resolve(fileDir, ...parts) : null;
  }
  if (name === 'fileURLToPath' && target.arguments[0]) {
    const url = unwrap(target.arguments[0]);
    if (url.type !== AST_NODE_TYPES.NewExpression || dottedName(url.callee) !== 'URL') return null;
    const [relative, base] = url.arguments;
    const text = relative && relative.type !== AST_NODE_TYPES.SpreadElement ? staticText(relative, context) : null;
    return text !== null && base && context.sourceCode.getText(base) === 'import.meta.url' ? path.resolve(fileDir, text) : null;
  }
  return null;
}

/** `__dirname` (CommonJS, or the usual ES module re-creation of it) or `import.meta.dirname`. */
function isOwnDirectory(node: TSESTree.Node, context: ExtractContext): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === '__dirname';
  return node.type === AST_NODE_TYPES.MemberExpression && context.sourceCode.getText(node) === 'import.meta.dirname';
}

class FastifyExtraction {
  readonly #context: ExtractContext;
  readonly #calls: TSESTree.CallExpression[];
  /** Plugin functions wrapped in `fastify-plugin`, with the `fp(...)` call that wraps each. */
  readonly #transparent = new Set<FunctionNode>();
  readonly #wrappers = new Map<FunctionNode, TSESTree.CallExpression>();
  /** Functions passed to some `register(...)`. */
  readonly #registered = new Set<FunctionNode>();
  readonly #exported: Set<FunctionNode>;
  readonly #plugins = new Map<FunctionNode, Context>();
  /** `decorate('authenticate', fn)` values by name. */
  readonly #decorations = new Map<string, TSESTree.Node>();
  readonly #resolver: InstanceResolver<Context>;

  constructor(context: ExtractContext) {
    this.#context = context;
    this.#calls = callsOf(context.program);
    this.#exported = functionsAmong(exportedValues(context.program), context);
    this.#resolver = new InstanceResolver<Context>(context, {
      create: (node) => this.#createRoot(node),
      derive: (call, base) => (CHAINABLE.has(call.method) ? base : null),
      parameter: (fn, index) => this.#parameter(fn, index),
      imported: (identifier, module) =>
        isLocalModule(module) && INSTANCE_NAMES.has(identifier.name)
          ? { kind: 'imported', name: identifier.name, declaration: identifier, transparent: false, registration: null, events: [] }
          : null,
    });
  }

  run(): Partial<FileRoutes> {
    for (const call of this.#calls) {
      if (this.#isFastifyPlugin(call.callee)) {
        const inner = call.arguments[0] && this.#pluginFunction(call.arguments[0]);
        if (inner) {
          this.#transparent.add(inner);
          if (!this.#wrappers.has(inner)) this.#wrappers.set(inner, call);
        }
      }
      const parsed = methodCall(call);
      if (parsed?.method === 'register' && parsed.call.arguments[0]) {
        const plugin = this.#pluginFunction(parsed.call.arguments[0]);
        if (plugin) this.#registered.add(plugin);
      }
      if (parsed?.method === 'decorate') {
        const [name, value] = parsed.call.arguments;
        const key = name && staticText(name, this.#context);
        if (key && value) this.#decorations.set(key, value);
      }
    }

    const mounts: { mount: Mount; owner: Context; position: number }[] = [];
    const pending: PendingRoute[] = [];
    for (const call of this.#calls) {
      const parsed = methodCall(call);
      if (!parsed && !this.#context.claimed.has(call)) this.#setupHooks(call);
      if (!parsed || this.#context.claimed.has(call)) continue;
      const owner = this.#resolver.receiver(parsed);
      if (!owner) continue;
      if (parsed.method === 'register') {
        const mount = this.#register(parsed, owner);
        if (mount) mounts.push({ mount, owner, position: parsed.position });
      } else if (parsed.method === 'addHook') {
        this.#addHook(parsed, owner);
      } else {
        const route = this.#parseRoute(parsed, owner);
        if (route) pending.push(route);
      }
    }

    const routes = pending.map((route) => this.#route(route));
    for (const { mount, owner, position } of mounts) {
      mount.guards = this.#guardsAt(owner, position);
      if (mount.path !== null) mount.path = joinAll(this.#prefix(owner), mount.path);
      mount.owner = { name: owner.name, mountedElsewhere: this.#mountedElsewhere(owner), declaration: owner.declaration };
    }
    const exportedPluginHooks = [...this.#exported].flatMap((fn) => {
      const context = this.#plugins.get(fn);
      return context ? context.events.flatMap((event) => ('guard' in event ? [event.guard] : [])) : [];
    });
    // A `fastify-plugin` plugin of this file registered by another file: its hooks are the
    // registering instance's, for what that instance registers after it (the sibling plugins).
    const serverDefaults = [...this.#exported].flatMap((fn) => {
      const context = this.#plugins.get(fn);
      if (!context?.transparent || context.registration) return [];
      const declaration = this.#wrappers.get(fn) ?? fn;
      const owner = { name: context.name, mountedElsewhere: true, declaration, outermost: declaration };
      return this.#ownHooks(context, new Set()).map((guard) => ({ guard, owner, ordered: true as const }));
    });
    return {
      routes,
      mounts: mounts.map(({ mount }) => mount),
      ...(exportedPluginHooks.length > 0 ? { exportedPluginHooks } : {}),
      ...(serverDefaults.length > 0 ? { serverDefaults } : {}),
    };
  }

  #createRoot(node: TSESTree.CallExpression | TSESTree.NewExpression): Context | null {
    if (node.type !== AST_NODE_TYPES.CallExpression) return null;
    const member = moduleMember(node.callee, this.#context);
    if (member?.module !== 'fastify') return null;
    const path = member.path.join('.');
    if (path !== '' && path !== 'fastify' && path !== 'default') return null;
    const binding = bindingOf(node);
    return {
      kind: 'root',
      name: binding?.name ?? 'fastify',
      declaration: binding?.declaration ?? node,
      transparent: false,
      registration: null,
      events: [],
    };
  }

  /** The first parameter of a plugin function is its encapsulated instance. */
  #parameter(fn: FunctionNode, index: number): Context | null {
    const info = parameterInfo(fn.params[index]);
    const typed = info.type === 'FastifyInstance';
    if (!typed && index !== 0) return null;
    const pluginType = declaredType(fn).type;
    const plugin =
      typed ||
      this.#registered.has(fn) ||
      this.#transparent.has(fn) ||
      pluginType?.startsWith('FastifyPlugin') === true ||
      (this.#exported.has(fn) && info.name !== null && INSTANCE_NAMES.has(info.name));
    if (!plugin) return null;
    let context = this.#plugins.get(fn);
    if (!context) {
      const binding = parameterBinding(fn, index);
      context = {
        kind: 'plugin',
        name: binding?.name ?? 'fastify',
        declaration: binding?.declaration ?? fn,
        transparent: this.#transparent.has(fn),
        registration: null,
        events: [],
      };
      this.#plugins.set(fn, context);
    }
    return context;
  }

  /** `fp(fn)` / `fastifyPlugin(fn)` from `fastify-plugin`. */
  #isFastifyPlugin(callee: TSESTree.Node): boolean {
    const target = unwrap(callee);
    if (target.type !== AST_NODE_TYPES.Identifier) return moduleMember(target, this.#context)?.module === 'fastify-plugin';
    return importedFrom(target, this.#context) === 'fastify-plugin';
  }

  /** The plugin function of a `register` argument: `plugin`, `fp(plugin)`, `async (f) => {}`. */
  #pluginFunction(node: TSESTree.Node): FunctionNode | null {
    const target = unwrap(node);
    const scope = this.#context.scopeOf(target);
    if (target.type === AST_NODE_TYPES.CallExpression && this.#isFastifyPlugin(target.callee)) {
      return target.arguments[0] ? this.#pluginFunction(target.arguments[0]) : null;
    }
    const fn = resolveFunction(target, scope);
    if (fn) return fn;
    // `const plugin = fp(routes)` binds a call whose function argument is an identifier.
    const value = constantValue(target, this.#context);
    return value !== target && value.type === AST_NODE_TYPES.CallExpression ? this.#pluginFunction(value) : null;
  }

  #register(call: MethodCall, parent: Context): Mount | null {
    claim(this.#context, call.call);
    const [target, options] = call.call.arguments;
    if (!target) return null;
    const prefixNode = valueOf(objectLiteral(options, this.#context), 'prefix');
    const prefix = prefixNode ? staticText(prefixNode, this.#context) : '';
    const fn = this.#pluginFunction(target);
    if (fn) {
      const child = this.#parameter(fn, 0) ?? this.#pluginContext(fn);
      if (child !== parent && !child.registration) {
        child.registration = { parent, position: call.position, prefix };
        if (child.transparent) parent.events.push({ position: call.position, plugin: child });
      }
      return null;
    }
    const identifier = unwrap(target);
    // `register(require('./items'), { prefix })`, `register(import('./items'))`: the module is the plugin.
    const inline = identifier.type === AST_NODE_TYPES.AwaitExpression ? unwrap(identifier.argument) : identifier;
    if (inline.type === AST_NODE_TYPES.CallExpression || inline.type === AST_NODE_TYPES.ImportExpression) {
      const module = requiredModule(inline);
      const member = inline.type === AST_NODE_TYPES.CallExpression ? inlineRequire(inline) : null;
      if (module === null || !isLocalModule(module) || (member !== null && member.member !== null)) return null;
      return { path: prefix, target: inline, guards: [], node: call.call };
    }
    if (identifier.type !== AST_NODE_TYPES.Identifier) return null;
    const module = importedFrom(identifier, this.#context);
    if (module === AUTOLOAD_MODULE) return this.#autoload(call, identifier, options);
    if (module === null || !isLocalModule(module)) return null;
    return { path: prefix, target: identifier, guards: [], node: call.call };
  }

  /**
   * `register(AutoLoad, { dir: path.join(__dirname, 'routes'), options: { prefix: '/api' } })`: a mount
   * of every plugin file under the directory, when the directory is known from the code.
   */
  #autoload(call: MethodCall, identifier: TSESTree.Identifier, options: TSESTree.Node | undefined): Mount | null {
    const settings = objectLiteral(options, this.#context);
    const dirNode = valueOf(settings, 'dir');
    const dir = dirNode ? directoryOf(dirNode, path.dirname(this.#context.filename), this.#context) : null;
    if (dir === null) return null;
    const inner = objectLiteral(valueOf(settings, 'options') ?? undefined, this.#context);
    const prefixNode = valueOf(inner, 'prefix');
    const prefix = prefixNode ? staticText(prefixNode, this.#context) : '';
    const dirPrefixNode = valueOf(settings, 'dirNameRoutePrefix');
    const dirPrefix = !(dirPrefixNode && unwrap(dirPrefixNode).type === AST_NODE_TYPES.Literal && (unwrap(dirPrefixNode) as TSESTree.Literal).value === false);
    const isTrue = (key: string): boolean => {
      const value = valueOf(settings, key);
      return value !== null && value !== undefined && unwrap(value).type === AST_NODE_TYPES.Literal && (unwrap(value) as TSESTree.Literal).value === true;
    };
    return { path: prefix, target: identifier, guards: [], node: call.call, autoload: { dir, dirPrefix, autoHooks: isTrue('autoHooks'), cascadeHooks: isTrue('cascadeHooks') } };
  }

  /** A registered function whose first parameter is not a plain identifier still is a context. */
  #pluginContext(fn: FunctionNode): Context {
    let context = this.#plugins.get(fn);
    if (!context) {
      context = { kind: 'plugin', name: 'fastify', declaration: fn, transparent: this.#transparent.has(fn), registration: null, events: [] };
      this.#plugins.set(fn, context);
    }
    return context;
  }

  #addHook(call: MethodCall, owner: Context): void {
    const [name, hook] = call.call.arguments;
    const hookName = name && staticText(name, this.#context);
    if (!hook || !GUARD_HOOKS.some((guard) => guard === hookName)) return;
    claim(this.#context, call.call);
    for (const guard of this.#composed(hook, owner.kind === 'root' ? 'app' : 'plugin')) owner.events.push({ position: call.position, guard });
  }

  /**
   * `authHook(app)` where `authHook` (of another file of the project) runs `app.addHook('onRequest',
   * hook)` on the parameter it is given: a hook of the instance for whatever is registered after the
   * call, as if written here (Express's setup functions are read the same way). Each guard points at
   * the call and is judged by its definition, from the file it is written in. Only the instance's own
   * `addHook` calls in the function's body count: one in a callback (a plugin it registers, a route
   * of its own) runs in another context.
   */
  #setupHooks(call: TSESTree.CallExpression): void {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return;
    const index = call.arguments.findIndex((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && this.#resolver.resolve(argument) !== null);
    const argument = call.arguments[index];
    const owner = argument ? this.#resolver.resolve(argument) : null;
    if (!owner) return;
    const target = setupFunction(callee, this.#context.scopeOf(callee));
    const parameter = target?.fn.params[index];
    if (!target || parameter?.type !== AST_NODE_TYPES.Identifier) return;
    const variable = findVariable(target.scopeOf(parameter), parameter.name);
    const position = call.range[0];
    for (const reference of variable?.references ?? []) {
      const member = reference.identifier.parent;
      const hookCall = member.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || member.computed || propertyName(member.property) !== 'addHook') continue;
      if (hookCall?.type !== AST_NODE_TYPES.CallExpression || hookCall.callee !== member || enclosingFunction(hookCall) !== target.fn) continue;
      const [name, hook] = hookCall.arguments;
      const hookName = name ? staticString(name, target.scopeOf(name)) : null;
      if (!hook || hook.type === AST_NODE_TYPES.SpreadElement || !GUARD_HOOKS.some((guard) => guard === hookName)) continue;
      const written = unwrap(hook);
      owner.events.push({
        position,
        guard: {
          kind: 'hook',
          name: isFunction(written) ? null : dottedName(written),
          node: call,
          fn: null,
          level: owner.kind === 'root' ? 'app' : 'plugin',
          declaredIn: { node: hook, scopeOf: target.scopeOf, file: target.file },
          returnGoesOn: true,
        },
      });
    }
  }

  /**
   * `fastify.auth([verifyJWT, verifyAdmin], { relation: 'and' })` (@fastify/auth): every function
   * runs, each a guard of its own, judged by what it does. With the default `relation: 'or'` the
   * first that passes lets the request through, so the weakest decides: that stays one guard, the
   * `auth` call, with the functions as its `alternatives`, each judged (a list of one function is
   * that function under either relation).
   */
  #composed(node: TSESTree.Node, level: RouteGuard['level']): RouteGuard[] {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.CallExpression) return [this.#guard(node, level)];
    const callee = unwrap(target.callee);
    const [list, options] = target.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || propertyName(callee.property) !== 'auth' || !this.#isInstance(callee.object) || list?.type !== AST_NODE_TYPES.ArrayExpression) {
      return [this.#guard(node, level)];
    }
    const items = list.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement);
    if (items.length !== list.elements.length || items.length === 0) return [this.#guard(node, level)];
    const relation = options ? valueOf(objectLiteral(options, this.#context), 'relation') : null;
    const all = relation !== null && relation !== undefined && staticText(relation, this.#context) === 'and';
    if (all || items.length === 1) return items.map((item) => this.#guard(item, level));
    const composed = this.#guard(node, level);
    // Each alternative is meant to authenticate: one out of view is unknown whatever its name.
    composed.alternatives = items.map((item) => ({ ...this.#guard(item, level), listed: true }));
    return [composed];
  }

  #guard(node: TSESTree.Node, level: RouteGuard['level']): RouteGuard {
    // An async hook (no `done`) whose function returns lets the request on to the handler.
    const guard: RouteGuard = { ...makeGuard(node, this.#context, 'hook', level), returnGoesOn: true };
    const target = unwrap(node);
    if (!guard.fn && target.type === AST_NODE_TYPES.MemberExpression) {
      // `fastify.authenticate` is whatever `decorate('authenticate', fn)` stored.
      const key = propertyName(target.property) ?? '';
      const decorated = this.#decorations.get(key);
      const fn = decorated ? resolveFunction(decorated, this.#context.scopeOf(decorated)) : null;
      if (fn) guard.fn = fn;
      else if (!decorated && key !== '' && this.#isInstance(target.object)) {
        // Stored by a plugin of another file (`plugins/auth.ts`): judged by that definition.
        const site = projectDecoration(this.#context.filename, key);
        if (site) guard.declaredIn = site;
      }
    }
    // `fastify.requireRole('admin')`: a decorated factory, called for the hook it returns
    // (`decorate('requireRole', (...roles) => async (request, reply) => …)`), judged by that hook.
    const callee = target.type === AST_NODE_TYPES.CallExpression ? unwrap(target.callee) : null;
    if (!guard.fn && !guard.declaredIn && callee?.type === AST_NODE_TYPES.MemberExpression && !callee.computed && this.#isInstance(callee.object)) {
      const key = propertyName(callee.property) ?? '';
      const decorated = this.#decorations.get(key);
      if (decorated) {
        const hook = madeHook(decorated, this.#context.scopeOf);
        if (hook) guard.fn = hook;
      } else if (key !== '') {
        const site = projectDecoration(this.#context.filename, key);
        const hook = site ? madeHook(site.node, site.scopeOf) : null;
        if (site && hook) guard.declaredIn = { ...site, node: hook };
      }
    }
    return guard;
  }

  /** `fastify` / `this` / `request.server`: an instance whose decorators the project defines, not an import. */
  #isInstance(node: TSESTree.Node): boolean {
    const object = unwrap(node);
    if (object.type === AST_NODE_TYPES.ThisExpression) return true;
    if (object.type === AST_NODE_TYPES.MemberExpression) return !object.computed && propertyName(object.property) === 'server';
    return object.type === AST_NODE_TYPES.Identifier && importedFrom(object, this.#context) === null;
  }

  #parseRoute(call: MethodCall, owner: Context): PendingRoute | null {
    const args = call.call.arguments;
    if (call.method === 'route') {
      const options = objectLiteral(args[0], this.#context);
      const url = valueOf(options, 'url') ?? valueOf(options, 'path');
      const method = valueOf(options, 'method');
      if (!options || !url || !method) return null;
      const methods = staticStrings(method, this.#context, (node) => staticText(node, this.#context));
      return {
        call,
        context: owner,
        methods: methods ? methods.map((name) => name.toUpperCase()) : ['ALL'],
        path: staticText(url, this.#context),
        options,
        handler: valueOf(options, 'handler'),
      };
    }
    const method = SHORTHAND[call.method];
    const [path, second, third] = args;
    if (!method || !path || !second || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
    let options: TSESTree.ObjectExpression | null = null;
    let handler: TSESTree.Node | null = third ?? null;
    if (third) {
      options = objectLiteral(second, this.#context);
    } else {
      const literal = objectLiteral(second, this.#context);
      if (literal && propertyOf(literal, 'handler')) options = literal;
      handler = options ? valueOf(options, 'handler') : second;
    }
    return { call, context: owner, methods: [method], path: staticText(path, this.#context), options, handler };
  }

  #route(pending: PendingRoute): Route {
    const { call, context: owner, options } = pending;
    const guards = this.#guardsAt(owner, call.position);
    let insertBefore: TSESTree.Node | null = null;
    for (const hook of GUARD_HOOKS) {
      const value = valueOf(options, hook);
      if (!value) continue;
      const items = oneOrMany(value, this.#context);
      for (const item of items) guards.push(...this.#composed(item, 'route'));
      // A suggestion can only add `auth, ` inside an array literal written at the route.
      if (!insertBefore && unwrap(value).type === AST_NODE_TYPES.ArrayExpression && items[0]) insertBefore = items[0];
    }
    const optOut = publicOptOut(options, this.#context);
    if (optOut) guards.push(optOut);
    const handlerNode = pending.handler;
    const fn = handlerNode ? resolveHandler(handlerNode, this.#context.scopeOf(handlerNode)) : null;
    claim(this.#context, call.call, fn);
    const prefix = this.#prefix(owner);
    return {
      framework: 'fastify',
      methods: pending.methods,
      path: pending.path === null ? null : joinAll(prefix, pending.path),
      reportNode: reportNodeOf(call),
      handler: handlerNode
        ? { node: handlerNode, fn, style: 'fastify', validation: routeValidation('fastify', options, this.#context) }
        : null,
      guards,
      insertBefore,
      owner: {
        name: receiverName(call.object) ?? owner.name,
        mountedElsewhere: this.#mountedElsewhere(owner),
        declaration: owner.declaration,
      },
    };
  }

  /** Hooks that run for a route registered at `position` in `owner`, outermost first. */
  #guardsAt(owner: Context, position: number, seen = new Set<Context>()): RouteGuard[] {
    if (seen.has(owner)) return [];
    seen.add(owner);
    const registration = owner.registration;
    const guards = registration ? this.#guardsAt(registration.parent, registration.position, seen) : [];
    for (const event of owner.events) {
      if (event.position >= position) continue;
      if ('guard' in event) guards.push(event.guard);
      else guards.push(...this.#ownHooks(event.plugin, seen));
    }
    return guards;
  }

  /** Every hook a transparent plugin adds to its parent. */
  #ownHooks(plugin: Context, seen: Set<Context>): RouteGuard[] {
    if (seen.has(plugin)) return [];
    seen.add(plugin);
    return plugin.events.flatMap((event) => ('guard' in event ? [event.guard] : this.#ownHooks(event.plugin, seen)));
  }

  #prefix(owner: Context, depth = 0): string | null {
    const registration = owner.registration;
    if (!registration || depth > 16) return '';
    const parent = this.#prefix(registration.parent, depth + 1);
    // `fastify-plugin` skips encapsulation, and with it the prefix option.
    return owner.transparent ? parent : joinAll(parent, registration.prefix);
  }

  #mountedElsewhere(owner: Context, depth = 0): boolean {
    if (owner.kind === 'root') return false;
    if (owner.kind === 'imported' || !owner.registration || depth > 16) return true;
    return this.#mountedElsewhere(owner.registration.parent, depth + 1);
  }
}

/**
 * `config: { public: true }` in the route options: the marker a global auth hook reads
 * (`request.routeOptions.config.public`) to let a route through. It states the route public.
 */
function publicOptOut(options: TSESTree.ObjectExpression | null, context: ExtractContext): RouteGuard | null {
  const config = objectLiteral(valueOf(options, 'config') ?? undefined, context);
  if (!config) return null;
  for (const key of publicMetadataKeys) {
    const property = propertyOf(config, key);
    const value = property ? unwrap(property.value) : null;
    if (property && value?.type === AST_NODE_TYPES.Literal && value.value === true) {
      return { kind: 'config', name: `config.${key}`, node: property, fn: null, level: 'route', verdict: 'public' };
    }
  }
  return null;
}

/** The one hook a decorated factory returns (`(...roles) => async (request, reply) => …`), or null. */
function madeHook(decorated: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): FunctionNode | null {
  const factory = resolveFunction(decorated, scopeOf(decorated));
  if (!factory) return null;
  const returned = returnedValues(factory);
  if (returned.length !== 1) return null;
  const hook = resolveFunction(returned[0]!, scopeOf(returned[0]!));
  return hook && hook !== factory ? hook : null;
}
