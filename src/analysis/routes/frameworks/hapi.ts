import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveHandler } from '../handlers.js';
import path from 'node:path';
import { dottedName, enclosingFunction, type FunctionNode, importSource, importedModules, inlineRequire, isFunction, nodesOfType, propertyName, resolveFunction, unwrap, scopeOf } from '../../../utils/ast.js';
import { projectIndexOf } from '../../project/index.js';
import type { ExtractContext, FileRoutes, FrameworkExtractor, Mount, Route, RouteGuard, RouteOwner } from '../types.js';
import {
  arrayLiteral,
  claim,
  exportedValues,
  importedFrom,
  importsAny,
  isLocalModule,
  joinAll,
  makeGuard,
  methodCallsOf,
  moduleMember,
  objectLiteral,
  oneOrMany,
  parameterInfo,
  propertyOf,
  receiverName,
  staticStrings,
  staticText,
  valueOf,
  type MethodCall,
  routeValidation,
  returnedValues,
  setupFunction,
} from './shared-ast.js';
import { InstanceResolver, bindingOf, parameterBinding } from './shared-instances.js';

const HAPI_MODULES = new Set(['@hapi/hapi', 'hapi']);
/** Request extension points that run before the handler. */
const GUARD_EXTENSIONS = new Set(['onRequest', 'onPreAuth', 'onCredentials', 'onPostAuth', 'onPreHandler']);

/** A Hapi server: created here, or the `server` a plugin's `register` receives. */
interface Server {
  origin: 'created' | 'plugin' | 'param' | 'imported';
  name: string;
  /** The plugin object, for a plugin's server. */
  plugin: TSESTree.ObjectExpression | null;
  declaration: TSESTree.Node | null;
  /** `server.auth.default(...)` (the last one wins). */
  defaultAuth: RouteGuard | null;
  /** `server.ext('onPreAuth', fn)` and friends. */
  extensions: RouteGuard[];
  /** Where a plugin is registered in this file, with the `routes.prefix` option. */
  registration: { parent: Server; prefix: string | null } | null;
}

interface RouteConfig {
  object: TSESTree.ObjectExpression;
  /** The node the route is reported on: the `server.route(` call, or the object literal in an array. */
  reportNode: TSESTree.Node;
}

/** Hapi: `server.route` configs (objects, arrays), auth config and defaults, extensions, `pre`, plugins. */
export const hapiExtractor: FrameworkExtractor = {
  framework: 'hapi',
  extract(context) {
    if (!importsAny(context, (module) => HAPI_MODULES.has(module)) && !declaresPlugin(context) && !registeredAsRouteTable(context)) return {};
    return new HapiExtraction(context).run();
  },
};

/**
 * A Hapi plugin in a file that need not import Hapi (plugins receive their server): an object with
 * a `name` or `pkg` and a `register` function that adds routes to its first parameter
 * (`exports.plugin = { name: 'users', register(server) { server.route([...]) } }`) or sets the
 * server's default auth strategy.
 */
function declaresPlugin(context: ExtractContext): boolean {
  return nodesOfType(context.program, AST_NODE_TYPES.ObjectExpression).some((node) => {
    if (!propertyOf(node, 'name') && !propertyOf(node, 'pkg')) return false;
    const register = valueOf(node, 'register');
    const fn = register && resolveFunction(register, context.scopeOf(register));
    const server = fn?.params[0];
    if (!fn || server?.type !== AST_NODE_TYPES.Identifier) return false;
    return nodesOfType(fn.body, AST_NODE_TYPES.CallExpression).some((call) => {
      const name = dottedName(call.callee);
      return name === `${server.name}.route` || name === `${server.name}.auth.default`;
    });
  });
}

class HapiExtraction {
  readonly #context: ExtractContext;
  readonly #resolver: InstanceResolver<Server>;
  readonly #servers = new Map<TSESTree.Node, Server>();
  readonly #exportedFunctions = new Set<FunctionNode>();
  /** `register` functions of plugin objects (`{ name, register }`), also when declared apart. */
  readonly #plugins = new Map<FunctionNode, TSESTree.ObjectExpression>();
  /** `server.auth.strategy(name, scheme)`: the scheme of each strategy of this file. */
  readonly #strategies = new Map<string, string>();
  /** `server.auth.scheme(name, implementation)`: the `authenticate` of each scheme of this file. */
  readonly #schemes = new Map<string, FunctionNode>();

  constructor(context: ExtractContext) {
    this.#context = context;
    nodesOfType(context.program, AST_NODE_TYPES.ObjectExpression).forEach((node) => {
      const register = valueOf(node, 'register');
      const fn = register && resolveFunction(register, context.scopeOf(register));
      if (fn && (propertyOf(node, 'name') || propertyOf(node, 'pkg'))) this.#plugins.set(fn, node);
    });
    for (const value of exportedValues(context.program)) {
      const fn = resolveFunction(value, context.scopeOf(value));
      if (fn) this.#exportedFunctions.add(fn);
    }
    this.#resolver = new InstanceResolver<Server>(context, {
      create: (node) => this.#create(node),
      parameter: (fn, index) => this.#parameter(fn, index),
      imported: (identifier, module, definition) =>
        isLocalModule(module) && identifier.name === 'server' ? this.#server(definition, 'imported', identifier.name) : null,
    });
  }

  run(): Partial<FileRoutes> {
    const calls = methodCallsOf(this.#context.program);
    for (const call of calls) this.#authDefinition(call);
    const routeCalls: { call: MethodCall; server: Server }[] = [];
    const mounts: { mount: Mount; owner: Server }[] = [];
    for (const call of calls) {
      if (this.#context.claimed.has(call.call)) continue;
      if (call.method === 'default' && call.object.type === AST_NODE_TYPES.MemberExpression && propertyName(call.object.property) === 'auth') {
        const server = this.#resolver.resolve(call.object.object);
        const [strategy] = call.call.arguments;
        if (server && strategy) server.defaultAuth = { ...this.#authGuard(strategy, call.call, 'app'), isDefault: true };
        continue;
      }
      const server = this.#resolver.receiver(call);
      if (!server) continue;
      if (call.method === 'route') {
        routeCalls.push({ call, server });
        mounts.push(...this.#tableMounts(call).map((mount) => ({ mount, owner: server })));
      }
      else if (call.method === 'ext') this.#extension(call, server);
      else if (call.method === 'register') mounts.push(...this.#register(call, server).map((mount) => ({ mount, owner: server })));
    }
    const routes: Route[] = [];
    for (const { call, server } of routeCalls) {
      claim(this.#context, call.call);
      for (const config of this.#routeConfigs(call)) {
        const route = this.#route(config, server, call.object);
        if (route) routes.push(route);
      }
    }
    routes.push(...this.#exportedRoutes());
    for (const { mount, owner } of mounts) {
      mount.guards = this.#inherited(owner, false);
      mount.path = joinAll(this.#prefix(owner), mount.path);
      mount.owner = this.#owner(owner, null);
    }
    // A default set by a plugin not registered here holds for the server that registers it.
    const serverDefaults = [...this.#servers.values()].flatMap((server) =>
      server.origin === 'plugin' && !server.registration && server.defaultAuth ? [{ guard: server.defaultAuth, owner: this.#owner(server, null) }] : [],
    );
    return { routes, mounts: mounts.map(({ mount }) => mount), serverDefaults };
  }

  #server(key: TSESTree.Node, origin: Server['origin'], name: string, declaration: TSESTree.Node | null = key): Server {
    let server = this.#servers.get(key);
    if (!server) {
      server = { origin, name, plugin: origin === 'plugin' && key.type === AST_NODE_TYPES.ObjectExpression ? key : null, declaration, defaultAuth: null, extensions: [], registration: null };
      this.#servers.set(key, server);
    }
    return server;
  }

  /** `Hapi.server(opts)`, `new Hapi.Server(opts)`, `server(opts)` from `@hapi/hapi`. */
  #create(node: TSESTree.CallExpression | TSESTree.NewExpression): Server | null {
    const member = moduleMember(node.callee, this.#context);
    const name = member?.path[member.path.length - 1];
    if (!member || !HAPI_MODULES.has(member.module) || (name !== 'server' && name !== 'Server')) return null;
    const binding = bindingOf(node);
    return this.#server(node, 'created', binding?.name ?? 'server', binding?.declaration ?? node);
  }

  /** The `server` of a plugin's `register(server, options)`, or a parameter typed `Server`. */
  #parameter(fn: FunctionNode, index: number): Server | null {
    const param = fn.params[index];
    if (!param) return null;
    const binding = parameterBinding(fn, index);
    const plugin = index === 0 ? this.#plugins.get(fn) : undefined;
    if (plugin) return this.#server(plugin, 'plugin', binding?.name ?? 'server', param);
    const info = parameterInfo(param);
    if (info.type === 'Server' || (info.type === null && info.name === 'server' && this.#exportedFunctions.has(fn))) {
      return this.#server(param, 'param', binding?.name ?? 'server');
    }
    return null;
  }

  #extension(call: MethodCall, server: Server): void {
    const [first, method] = call.call.arguments;
    if (!first) return;
    const level = server.origin === 'created' ? 'app' : 'plugin';
    for (const item of oneOrMany(first, this.#context)) {
      // `ext({ type: 'onPreAuth', method })` or `ext('onPreAuth', method)`.
      const object = objectLiteral(item, this.#context);
      const type = object ? valueOf(object, 'type') : item;
      const fn = object ? valueOf(object, 'method') : method;
      const event = type ? staticText(type, this.#context) : null;
      if (!fn || event === null || !GUARD_EXTENSIONS.has(event)) continue;
      for (const handler of oneOrMany(fn, this.#context)) server.extensions.push(makeGuard(handler, this.#context, 'hook', level));
    }
    claim(this.#context, call.call);
  }

  /** `server.register(plugin)`, `register({ plugin, routes: { prefix } })`, arrays of both. */
  #register(call: MethodCall, parent: Server): Mount[] {
    claim(this.#context, call.call);
    const [first, options] = call.call.arguments;
    if (!first) return [];
    const sharedPrefix = prefixOption(objectLiteral(options, this.#context), this.#context);
    const mounts: Mount[] = [];
    for (const item of oneOrMany(first, this.#context)) {
      const wrapper = objectLiteral(item, this.#context);
      const pluginNode = wrapper && !propertyOf(wrapper, 'register') ? valueOf(wrapper, 'plugin') : item;
      if (!pluginNode) continue;
      const prefix = joinAll(sharedPrefix, wrapper && pluginNode !== item ? prefixOption(wrapper, this.#context) : '');
      const plugin = objectLiteral(pluginNode, this.#context);
      const register = plugin && valueOf(plugin, 'register');
      const fn = register ? resolveFunction(register, this.#context.scopeOf(register)) : null;
      if (plugin && fn) {
        const binding = parameterBinding(fn, 0);
        const server = this.#server(plugin, 'plugin', binding?.name ?? 'server', fn.params[0] ?? fn);
        if (!server.registration && server !== parent) server.registration = { parent, prefix };
        continue;
      }
      const target = unwrap(pluginNode);
      if (target.type === AST_NODE_TYPES.Identifier) {
        const module = importedFrom(target, this.#context);
        if (module !== null && isLocalModule(module)) mounts.push({ path: prefix, target, guards: [], node: call.call });
        continue;
      }
      // `server.register(require('./plugins/users'))`, `require('./users').plugin`.
      const required = inlineRequire(target);
      if (required !== null && isLocalModule(required.module) && (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.MemberExpression)) {
        mounts.push({ path: prefix, target, guards: [], node: call.call });
      }
    }
    return mounts;
  }

  /**
   * `server.route(routes)` where `routes` is imported from a module of the project (also
   * `server.route(require('./routes'))`, `server.route([...users, ...orders])`): that module's
   * exported route table is registered here, with this server's prefix and defaults.
   */
  #tableMounts(call: MethodCall): Mount[] {
    const [argument] = call.call.arguments;
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return [];
    const array = arrayLiteral(argument, this.#context);
    const items = array
      ? array.elements.flatMap((element) => (element?.type === AST_NODE_TYPES.SpreadElement ? [element.argument] : []))
      : [argument];
    const mounts: Mount[] = [];
    // `server.route([createRoute(), listRoute(options)])`, `server.route(loginRoutes(config).concat([...]))`:
    // the route objects a function of another project file returns are registered here.
    for (const item of routeItems(argument, 0)) {
      const target = unwrap(item);
      if (target.type !== AST_NODE_TYPES.CallExpression) continue;
      const callee = unwrap(target.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier) continue;
      const module = importedFrom(callee, this.#context);
      if (module === null || !isLocalModule(module)) continue;
      const found = setupFunction(callee, this.#context.scopeOf(callee));
      if (found) mounts.push({ path: '', target, guards: [], node: call.call, kind: 'result', resultOf: [found.fn] });
    }
    for (const item of items) {
      const target = unwrap(item);
      if (target.type === AST_NODE_TYPES.Identifier) {
        const module = importedFrom(target, this.#context);
        if (module !== null && isLocalModule(module)) mounts.push({ path: '', target, guards: [], node: call.call });
        continue;
      }
      const required = inlineRequire(target);
      if (required !== null && isLocalModule(required.module) && (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.MemberExpression)) {
        mounts.push({ path: '', target, guards: [], node: call.call });
      }
    }
    return mounts;
  }

  /** The route objects of `server.route(...)`: one object, an array, or constants holding them. */
  #routeConfigs(call: MethodCall): RouteConfig[] {
    const [argument] = call.call.arguments;
    if (!argument) return [];
    const single = objectLiteral(argument, this.#context);
    if (single) return [{ object: single, reportNode: call.call }];
    return this.#arrayConfigs(argument, 0);
  }

  #arrayConfigs(node: TSESTree.Node, depth: number): RouteConfig[] {
    const array = arrayLiteral(node, this.#context);
    if (!array || depth > 4) return [];
    const configs: RouteConfig[] = [];
    for (const element of array.elements) {
      if (!element) continue;
      if (element.type === AST_NODE_TYPES.SpreadElement) {
        configs.push(...this.#arrayConfigs(element.argument, depth + 1));
        continue;
      }
      const object = objectLiteral(element, this.#context);
      if (object) configs.push({ object, reportNode: object });
    }
    return configs;
  }

  #route(config: RouteConfig, server: Server | null, ownerNode: TSESTree.Node | null): Route | null {
    const { object } = config;
    const method = valueOf(object, 'method');
    const path = valueOf(object, 'path');
    if (!method || !path || this.#context.claimed.has(object)) return null;
    const optionsNode = valueOf(object, 'options') ?? valueOf(object, 'config');
    const options = objectLiteral(optionsNode ?? undefined, this.#context);
    // Options of another module (`options: ops.restart`): their handler is that object's, which the
    // handlers module reads as registered here (see `registered-handlers.ts`).
    const imported = !options && optionsNode && unwrap(optionsNode).type === AST_NODE_TYPES.MemberExpression ? unwrap(optionsNode) : null;
    const handlerNode = valueOf(object, 'handler') ?? valueOf(options, 'handler') ?? imported;
    const fn = handlerNode ? resolveHandler(handlerNode, this.#context.scopeOf(handlerNode)) : null;
    claim(this.#context, object, fn);
    const methods = staticStrings(method, this.#context, (node) => staticText(node, this.#context));
    const localPath = staticText(path, this.#context);
    const auth = options && propertyOf(options, 'auth');
    const guards = server ? this.#inherited(server, auth !== null) : [];
    if (auth) guards.push(this.#authGuard(auth.value, auth, 'route'));
    const pre = valueOf(options, 'pre');
    if (pre) {
      for (const item of oneOrMany(pre, this.#context)) {
        // `pre: [fn, { method: fn, assign }, [parallel, steps]]`.
        for (const step of oneOrMany(item, this.#context)) {
          const stepObject = objectLiteral(step, this.#context);
          const stepMethod = stepObject ? valueOf(stepObject, 'method') : step;
          if (stepMethod) guards.push(makeGuard(stepMethod, this.#context, 'middleware', 'route'));
        }
      }
    }
    return {
      framework: 'hapi',
      methods: methods ? methods.map((name) => (name === '*' ? 'ALL' : name.toUpperCase())) : ['ALL'],
      path: localPath === null ? null : server ? joinAll(this.#prefix(server), localPath) : joinAll(localPath),
      reportNode: config.reportNode,
      handler: handlerNode
        ? { node: handlerNode, fn, style: 'hapi', validation: routeValidation('hapi', options, this.#context) }
        : null,
      guards,
      insertBefore: null,
      owner: server ? this.#owner(server, ownerNode) : null,
    };
  }

  /**
   * The owner of a route or mount on `server`. A plugin not registered in this file is mounted where
   * its file is registered: by the object the file exports for it (the plugin itself, or the
   * `{ plugin }` object around it), and Hapi registers a whole module by its `plugin` member.
   */
  #owner(server: Server, ownerNode: TSESTree.Node | null): RouteOwner {
    const owner: RouteOwner = {
      name: (ownerNode && receiverName(ownerNode)) ?? server.name,
      mountedElsewhere: this.#mountedElsewhere(server),
      declaration: server.declaration,
    };
    let root = server;
    for (let depth = 0; root.registration && depth < 16; depth++) root = root.registration.parent;
    if (root.origin === 'plugin' && root.plugin) {
      const holder = root.plugin.parent;
      const wrapped = holder.type === AST_NODE_TYPES.Property && propertyName(holder.key) === 'plugin' && holder.parent.type === AST_NODE_TYPES.ObjectExpression;
      owner.outermost = wrapped ? holder.parent : root.plugin;
      owner.moduleMember = 'plugin';
    }
    return owner;
  }

  /** Route tables exported for another file to pass to `server.route` (`export const routes: ServerRoute[] = [...]`). */
  #exportedRoutes(): Route[] {
    const routes: Route[] = [];
    for (const value of exportedValues(this.#context.program)) {
      const target = unwrap(value);
      // `module.exports = (options) => ({ method: 'GET', path: '/items', options: { handler } })`: a
      // factory whose route objects are registered where its result is handed to `server.route`.
      const factory = resolveFunction(target, this.#context.scopeOf(target));
      if (factory) {
        for (const returned of returnedValues(factory)) {
          const object = objectLiteral(returned, this.#context);
          const configs = object ? [{ object, reportNode: object }] : this.#arrayConfigs(returned, 0);
          for (const config of configs) {
            const route = this.#route(config, null, null);
            if (!route) continue;
            route.owner = { name: bindingOf(target)?.name ?? 'default', mountedElsewhere: false, declaration: factory, returnedFrom: factory };
            routes.push(route);
          }
        }
        continue;
      }
      const configs =
        target.type === AST_NODE_TYPES.ObjectExpression ? [{ object: target, reportNode: target }] : this.#arrayConfigs(target, 0);
      for (const config of configs) {
        const route = this.#route(config, null, null);
        if (!route) continue;
        const binding = bindingOf(target);
        route.owner = { name: binding?.name ?? 'default', mountedElsewhere: true, declaration: binding?.declaration ?? target };
        routes.push(route);
      }
    }
    return routes;
  }

  /**
   * What a server and the servers that registered it impose on a route: the default strategy
   * (unless the route sets its own `auth`), then request extensions.
   */
  #inherited(server: Server, ownAuth: boolean): RouteGuard[] {
    const chain: Server[] = [];
    for (let current: Server | null = server; current && chain.length < 16; current = current.registration?.parent ?? null) {
      if (chain.includes(current)) break;
      chain.unshift(current);
    }
    const guards: RouteGuard[] = [];
    const defaults = chain.map((item) => item.defaultAuth).filter((guard) => guard !== null);
    const defaultAuth = defaults[defaults.length - 1];
    if (defaultAuth && !ownAuth) guards.push(defaultAuth);
    for (const item of chain) guards.push(...item.extensions);
    return guards;
  }

  /** `server.auth.strategy('session', 'custom')` and `server.auth.scheme('custom', (server, options) => ({ authenticate }))`. */
  #authDefinition(call: MethodCall): void {
    if (call.method !== 'strategy' && call.method !== 'scheme') return;
    if (call.object.type !== AST_NODE_TYPES.MemberExpression || propertyName(call.object.property) !== 'auth') return;
    const [nameNode, second] = call.call.arguments;
    const name = nameNode ? staticText(nameNode, this.#context) : null;
    if (name === null || !second) return;
    if (call.method === 'strategy') {
      const scheme = staticText(second, this.#context);
      if (scheme !== null) this.#strategies.set(name, scheme);
      return;
    }
    const implementation = resolveFunction(second, this.#context.scopeOf(second));
    const authenticate = implementation && schemeAuthenticate(implementation, this.#context);
    if (authenticate) this.#schemes.set(name, authenticate);
  }

  /**
   * A strategy of a scheme this file implements is judged by the scheme's `authenticate` (a scheme
   * that lets every request in authenticates nobody); a strategy of a plugin's scheme
   * (hapi-auth-jwt2, @hapi/jwt, @hapi/basic, @hapi/cookie, bell) or of one defined elsewhere
   * authenticates.
   */
  #strategyGuard(strategy: string, node: TSESTree.Node, level: RouteGuard['level']): RouteGuard {
    const scheme = this.#strategies.get(strategy);
    const authenticate = scheme === undefined ? undefined : this.#schemes.get(scheme);
    if (authenticate) return { kind: 'hook', name: strategy, node, fn: authenticate, level };
    return { kind: 'config', name: strategy, node, fn: null, level, verdict: 'authenticated' };
  }

  /**
   * `auth: false` is public; a strategy name or an object requiring one is authenticated;
   * `mode: 'try' | 'optional'` lets anonymous requests through, so it states no verdict.
   */
  #authGuard(value: TSESTree.Node, node: TSESTree.Node, level: RouteGuard['level']): RouteGuard {
    const target = unwrap(value);
    const guard: RouteGuard = { kind: 'config', name: null, node, fn: null, level };
    if (target.type === AST_NODE_TYPES.Literal && target.value === false) {
      guard.verdict = 'public';
      return guard;
    }
    const strategy = staticText(target, this.#context);
    if (strategy !== null) return this.#strategyGuard(strategy, node, level);
    const object = objectLiteral(target, this.#context);
    if (!object) {
      guard.name = isFunction(target) ? null : dottedName(target);
      return guard;
    }
    const strategies = valueOf(object, 'strategy') ?? valueOf(object, 'strategies');
    const names = strategies ? staticStrings(strategies, this.#context, (item) => staticText(item, this.#context)) : null;
    guard.name = names?.[0] ?? null;
    const mode = valueOf(object, 'mode');
    const modeName = mode ? staticText(mode, this.#context) : 'required';
    if (modeName !== 'required') return guard;
    return guard.name === null || names?.length !== 1 ? { ...guard, verdict: 'authenticated' } : this.#strategyGuard(guard.name, node, level);
  }

  #prefix(server: Server, depth = 0): string | null {
    const registration = server.registration;
    if (!registration || depth > 16) return '';
    return joinAll(this.#prefix(registration.parent, depth + 1), registration.prefix);
  }

  #mountedElsewhere(server: Server, depth = 0): boolean {
    if (server.registration && depth < 16) return this.#mountedElsewhere(server.registration.parent, depth + 1);
    return server.origin !== 'created';
  }
}

/** The `authenticate` function of the object a scheme implementation returns. */
function schemeAuthenticate(implementation: FunctionNode, context: ExtractContext): FunctionNode | null {
  let returned: TSESTree.Node | null = implementation.body.type === AST_NODE_TYPES.BlockStatement ? null : implementation.body;
  if (implementation.body.type === AST_NODE_TYPES.BlockStatement) {
    for (const statement of implementation.body.body) if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) returned = statement.argument;
  }
  const object = returned ? objectLiteral(returned, context) : null;
  const authenticate = valueOf(object, 'authenticate');
  return authenticate ? resolveFunction(authenticate, context.scopeOf(authenticate)) : null;
}

/** `{ routes: { prefix: '/api' } }`. */
function prefixOption(options: TSESTree.ObjectExpression | null, context: ExtractContext): string | null {
  const routes = objectLiteral(valueOf(options, 'routes') ?? undefined, context);
  const prefix = valueOf(routes, 'prefix');
  return prefix ? staticText(prefix, context) : '';
}

/** At most this many importing files are read to decide whether a file's table is a Hapi route table. */
const MAX_TABLE_IMPORTERS = 32;
const routeTableFiles = new WeakMap<TSESTree.Program, boolean>();

/**
 * A module that exports a table of route objects (`module.exports = [{ method: 'GET', path:
 * '/items/{id}', handler: items.get }]`) without importing Hapi is a Hapi route table when a file of
 * the project that imports it hands it to a Hapi server's `route` (`server.route(routes)`,
 * `server.route(require('./routes'))`): a file that imports Hapi, or a plugin's `register(server)`.
 * The same shape handed to something else (an Express loop over a table) is not Hapi's. Decided
 * once per parse of the file.
 */
function registeredAsRouteTable(context: ExtractContext): boolean {
  const known = routeTableFiles.get(context.program);
  if (known !== undefined) return known;
  const found = exportsRouteObjects(context) && handedToHapiRoute(context.filename);
  routeTableFiles.set(context.program, found);
  return found;
}

/** Whether the file exports an array (or one object) of objects with a `method` and a `path`. */
function exportsRouteObjects(context: ExtractContext): boolean {
  const holdsRoutes = (node: TSESTree.Node): boolean => {
    const target = unwrap(node);
    const objects = target.type === AST_NODE_TYPES.ObjectExpression ? [target] : (arrayLiteral(target, context)?.elements ?? []);
    return objects.some((element) => {
      const object = element && element.type !== AST_NODE_TYPES.SpreadElement ? objectLiteral(element, context) : null;
      return object !== null && propertyOf(object, 'method') !== null && propertyOf(object, 'path') !== null;
    });
  };
  return exportedValues(context.program).some((value) => {
    // Also a factory that returns them (`module.exports = () => ({ method, path, options })`).
    const factory = resolveFunction(unwrap(value), context.scopeOf(value));
    return factory ? returnedValues(factory).some(holdsRoutes) : holdsRoutes(value);
  });
}

/**
 * The items `server.route(argument)` registers: the elements of an array (spread ones too), the
 * parts of `a.concat(b, [c])`, or the argument itself. Bounded in depth.
 */
function routeItems(argument: TSESTree.Node, depth: number): TSESTree.Node[] {
  const target = unwrap(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument);
  if (depth > 4) return [target];
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    return target.elements.flatMap((element) => (element ? routeItems(element, depth + 1) : []));
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee.property) === 'concat') {
      return [...routeItems(callee.object, depth + 1), ...target.arguments.flatMap((item) => routeItems(item, depth + 1))];
    }
  }
  return [target];
}

function handedToHapiRoute(filename: string): boolean {
  const index = projectIndexOf(filename);
  if (index === null || !index.has(filename)) return false;
  const file = path.resolve(filename);
  for (const importer of index.importersOf(file).slice(0, MAX_TABLE_IMPORTERS)) {
    const module = index.module(importer);
    if (!module) continue;
    const importsHapi = [...importedModules(module.program)].some((name) => HAPI_MODULES.has(name));
    for (const call of nodesOfType(module.program, AST_NODE_TYPES.CallExpression)) {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || propertyName(callee.property) !== 'route') continue;
      if (!importsHapi && !isPluginServer(callee.object)) continue;
      const [argument] = call.arguments;
      if (!argument) continue;
      for (const routeItem of routeItems(argument, 0)) {
        // `createRoute()` of an imported factory names the factory's module.
        const called = routeItem.type === AST_NODE_TYPES.CallExpression && inlineRequire(routeItem) === null ? unwrap(routeItem.callee) : null;
        const item = called?.type === AST_NODE_TYPES.Identifier ? called : routeItem;
        let specifier: string | null = null;
        if (item.type === AST_NODE_TYPES.Identifier) specifier = importSource(scopeOf(module.sourceCode, item), item.name)?.module ?? null;
        else specifier = inlineRequire(item)?.module ?? null;
        if (specifier !== null && isLocalModule(specifier) && index.resolve(module.file, specifier) === file) return true;
      }
    }
  }
  return false;
}

/** `server` in `register(server) { server.route(…) }` of a plugin object (`{ name, register }`). */
function isPluginServer(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const fn = enclosingFunction(target);
  const first = fn?.params[0];
  if (!fn || first?.type !== AST_NODE_TYPES.Identifier || first.name !== target.name) return false;
  const holder = fn.parent;
  return holder.type === AST_NODE_TYPES.Property && propertyName(holder.key) === 'register';
}
