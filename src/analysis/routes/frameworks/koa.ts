import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveHandler } from '../handlers.js';
import { resolveFunction, unwrap, type FunctionNode } from '../../../utils/ast.js';
import { isUnderPrefix } from '../paths.js';
import type { ExtractContext, FileRoutes, FrameworkExtractor, Mount, Route, RouteGuard } from '../types.js';
import {
  callsOf,
  claim,
  exportedValues,
  importedFrom,
  conditionalBranch,
  importsAny,
  isLocalModule,
  joinAll,
  loopsOverImports,
  makeGuard,
  methodCall,
  methodCallsOf,
  moduleMember,
  objectLiteral,
  reportNodeOf,
  parameterInfo,
  receiverName,
  staticStrings,
  staticText,
  valueOf,
  ROUTER_METHODS,
  type MethodCall,
} from './shared-ast.js';
import { frameworkModules, koaRouterMiddlewareMethods } from '../../../models/frameworks/handler-signatures.js';
import { InstanceResolver, bindingOf, parameterBinding } from './shared-instances.js';

const ROUTER_MODULES = new Set(['@koa/router', 'koa-router']);
const ROUTER_CHAINABLE = new Set([...Object.keys(ROUTER_METHODS), 'use', 'prefix', 'param', 'redirect']);
const ROUTER_TYPES = new Set(['Router', 'KoaRouter']);
const APP_TYPES = new Set(['Koa', 'Application']);

/** Modules of the frameworks whose files the Koa reader leaves alone when they import no Koa module. */
const otherFrameworkModules: ReadonlySet<string> = new Set([...frameworkModules.express, ...frameworkModules.hono, ...frameworkModules.hapi, ...frameworkModules.fastify]);

const isKoaModule = (module: string): boolean => module === 'koa' || ROUTER_MODULES.has(module);

/** A Koa app or a `@koa/router` router. */
interface Instance {
  kind: 'app' | 'router';
  origin: 'created' | 'param' | 'imported';
  name: string;
  declaration: TSESTree.Node | null;
  /** `new Router({ prefix })` / `router.prefix('/x')`. */
  prefix: string | null;
  /** Middleware in registration order; `paths` undefined when it runs for every path, null when not static. */
  /** `within`: the range of the conditional branch the `use` stands in (see `conditionalBranch`). */
  uses: { position: number; paths: string[] | null | undefined; guard: RouteGuard; within?: readonly [number, number] }[];
  /** Where this router is mounted in this file (`app.use(router.routes())`, `parent.use('/x', router.routes())`). */
  mount: { parent: Instance; position: number; path: string } | null;
}

interface PendingRoute {
  call: MethodCall;
  router: Instance;
  method: string;
  path: string | null;
  middleware: TSESTree.Node[];
  handler: TSESTree.Node;
}

/** Koa with `@koa/router` / `koa-router`: routes, `use` order and paths, prefixes, nested routers, app mounts. */
export const koaExtractor: FrameworkExtractor = {
  framework: 'koa',
  extract(context) {
    if (!importsAny(context, isKoaModule) && !mountsProjectRouters(context)) return {};
    return new KoaExtraction(context).run();
  },
};

/**
 * A file that imports no framework but hands the middleware of routers of the project to a `use`
 * (`app.use(notes.routes())`, or in a loop over a list of them): a Koa mount file, such as a
 * `mountRoutes(app)` of its own that the app's file calls. `routes()` and `allowedMethods()` are
 * how a `@koa/router` router gives its middleware; a file importing another framework keeps it.
 */
function mountsProjectRouters(context: ExtractContext): boolean {
  if (importsAny(context, (module) => otherFrameworkModules.has(module))) return false;
  return methodCallsOf(context.program).some((call) => {
    if (call.method !== 'use') return false;
    return call.call.arguments.some((argument) => {
      const inner = methodCall(unwrap(argument));
      if (!inner || !koaRouterMiddlewareMethods.includes(inner.method) || inner.object.type !== AST_NODE_TYPES.Identifier) return false;
      const module = importedFrom(inner.object, context);
      return (module !== null && isLocalModule(module)) || loopsOverImports(inner.object, context);
    });
  });
}

class KoaExtraction {
  readonly #context: ExtractContext;
  readonly #resolver: InstanceResolver<Instance>;
  readonly #exported = new Set<Instance>();
  readonly #exportedFunctions = new Set<FunctionNode>();
  readonly #parameters = new Map<TSESTree.Node, Instance>();

  constructor(context: ExtractContext) {
    this.#context = context;
    const values = exportedValues(context.program);
    for (const value of values) {
      const fn = resolveFunction(value, context.scopeOf(value));
      if (fn) this.#exportedFunctions.add(fn);
    }
    this.#resolver = new InstanceResolver<Instance>(context, {
      create: (node) => this.#create(node),
      derive: (call, base) => (base.kind === 'router' ? ROUTER_CHAINABLE.has(call.method) : call.method === 'use') ? base : null,
      parameter: (fn, index) => this.#parameter(fn, index),
      imported: (identifier, module) => {
        if (!isLocalModule(module)) return null;
        const kind = /router$/iu.test(identifier.name) ? 'router' : identifier.name === 'app' ? 'app' : null;
        return kind && { kind, origin: 'imported', name: identifier.name, declaration: identifier, prefix: '', uses: [], mount: null };
      },
    });
    for (const value of values) {
      const instance = this.#resolver.resolve(value) ?? this.#mountedRouter(value);
      if (instance) this.#exported.add(instance);
    }
  }

  run(): Partial<FileRoutes> {
    const pending: PendingRoute[] = [];
    const mounts: { mount: Mount; owner: Instance; position: number }[] = [];
    for (const call of methodCallsOf(this.#context.program)) {
      if (this.#context.claimed.has(call.call)) continue;
      const instance = this.#resolver.receiver(call);
      if (!instance) continue;
      if (call.method === 'use') {
        mounts.push(...this.#use(call, instance));
      } else if (call.method === 'prefix' && instance.kind === 'router' && call.call.arguments[0]) {
        instance.prefix = staticText(call.call.arguments[0], this.#context);
        claim(this.#context, call.call);
      } else if (instance.kind === 'router') {
        pending.push(...this.#parseRoute(call, instance));
      }
    }
    mounts.push(...this.#registrationCalls());
    const routes = pending.map((route) => this.#route(route));
    for (const { mount, owner, position } of mounts) {
      mount.guards = this.#guardsAt(owner, position, mount.path);
      mount.path = joinAll(this.#fullPrefix(owner), mount.path);
      mount.owner = { name: owner.name, mountedElsewhere: this.#mountedElsewhere(owner), declaration: owner.declaration, outermost: this.#outermost(owner) };
    }
    return { routes, mounts: mounts.map(({ mount }) => mount) };
  }

  /**
   * `mountRoutes(app)` where `mountRoutes` comes from a module of the project: that function mounts
   * its routers on the app (its parameter), behind what the app has in front at this point of the
   * file. Recorded as a mount of the function, whose file decides what it mounts.
   */
  #registrationCalls(): { mount: Mount; owner: Instance; position: number }[] {
    const found: { mount: Mount; owner: Instance; position: number }[] = [];
    for (const call of callsOf(this.#context.program)) {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier) continue;
      const module = importedFrom(callee, this.#context);
      if (module === null || !isLocalModule(module)) continue;
      for (const argument of call.arguments) {
        const owner = argument.type === AST_NODE_TYPES.Identifier ? this.#resolver.resolve(argument) : null;
        if (!owner || owner.origin === 'imported') continue;
        found.push({ mount: { path: '', target: callee, guards: [], node: call, kind: 'call' }, owner, position: call.range[0] });
        break;
      }
    }
    return found;
  }

  #create(node: TSESTree.CallExpression | TSESTree.NewExpression): Instance | null {
    const member = moduleMember(node.callee, this.#context);
    if (!member || member.path.length > 1) return null;
    const exported = member.path[0] ?? 'default';
    let kind: Instance['kind'] | null = null;
    if (member.module === 'koa' && (exported === 'default' || exported === 'Koa')) kind = 'app';
    if (ROUTER_MODULES.has(member.module) && (exported === 'default' || exported === 'Router')) kind = 'router';
    if (!kind) return null;
    const binding = bindingOf(node);
    const options = objectLiteral(node.arguments[0], this.#context);
    const prefix = valueOf(options, 'prefix');
    return {
      kind,
      origin: 'created',
      name: binding?.name ?? (kind === 'app' ? 'app' : 'router'),
      declaration: binding?.declaration ?? node,
      prefix: prefix ? staticText(prefix, this.#context) : '',
      uses: [],
      mount: null,
    };
  }

  /** `export default (router: Router) => { … }`: the instance is set up by the caller. */
  #parameter(fn: FunctionNode, index: number): Instance | null {
    const param = fn.params[index];
    const info = parameterInfo(param);
    let kind: Instance['kind'] | null = null;
    if (info.type !== null) {
      if (ROUTER_TYPES.has(info.type)) kind = 'router';
      else if (APP_TYPES.has(info.type)) kind = 'app';
    } else if (this.#exportedFunctions.has(fn) && info.name !== null) {
      if (/router$/iu.test(info.name)) kind = 'router';
      else if (info.name === 'app') kind = 'app';
    }
    if (!kind || !param) return null;
    let instance = this.#parameters.get(param);
    if (!instance) {
      const binding = parameterBinding(fn, index);
      instance = { kind, origin: 'param', name: binding?.name ?? kind, declaration: param, prefix: '', uses: [], mount: null };
      this.#parameters.set(param, instance);
    }
    return instance;
  }

  /** The router behind `router.routes()` / `router.middleware()`. */
  #mountedRouter(node: TSESTree.Node): Instance | null {
    const call = methodCall(unwrap(node));
    if (!call || (call.method !== 'routes' && call.method !== 'middleware')) return null;
    const router = this.#resolver.receiver(call);
    return router?.kind === 'router' ? router : null;
  }

  #use(call: MethodCall, owner: Instance): { mount: Mount; owner: Instance; position: number }[] {
    claim(this.#context, call.call);
    const args = call.call.arguments;
    let paths: string[] | null | undefined;
    let start = 0;
    const first = args[0];
    if (owner.kind === 'router' && first && first.type !== AST_NODE_TYPES.SpreadElement) {
      const values = staticStrings(first, this.#context, (node) => staticText(node, this.#context));
      if (values) {
        paths = values;
        start = 1;
      }
    }
    const mounts: { mount: Mount; owner: Instance; position: number }[] = [];
    for (const argument of args.slice(start)) {
      const node = argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument;
      const position = node.range[0];
      const target = this.#mountTarget(node);
      if (target === 'skip') continue;
      if (target) {
        const path = target.path === null || paths === null ? null : joinAll(paths?.[0] ?? '', target.path);
        if (target.router && target.router.origin !== 'imported') {
          if (!target.router.mount && target.router !== owner && path !== null) {
            target.router.mount = { parent: owner, position, path };
          }
        } else if (target.identifier) {
          mounts.push({ mount: { path, target: target.identifier, guards: [], node: call.call }, owner, position });
        }
        continue;
      }
      const guard = makeGuard(node, this.#context, 'middleware', owner.kind === 'app' ? 'app' : 'router');
      // `if (config.auth) app.use(auth)`: in front only of what is registered in the same branch.
      const branch = conditionalBranch(call.call);
      owner.uses.push({ position, paths, guard, ...(branch === null ? {} : { within: branch.range }) });
    }
    return mounts;
  }

  /**
   * What a `use` argument mounts: a router (`x.routes()`, `mount('/p', x.routes())`), an imported
   * router (for a cross-file mount), `'skip'` for `allowedMethods()`, or null for middleware.
   */
  #mountTarget(
    node: TSESTree.Node,
  ): { router: Instance | null; identifier: TSESTree.Identifier | null; path: string | null } | 'skip' | null {
    const target = unwrap(node);
    const call = methodCall(target);
    if (call?.method === 'allowedMethods') return this.#resolver.receiver(call)?.kind === 'router' ? 'skip' : null;
    if (call && (call.method === 'routes' || call.method === 'middleware')) {
      const router = this.#resolver.receiver(call);
      const identifier = call.object.type === AST_NODE_TYPES.Identifier ? call.object : null;
      if (router?.kind === 'router' && router.origin !== 'imported') return { router, identifier, path: '' };
      const module = identifier && importedFrom(identifier, this.#context);
      if (module && isLocalModule(module)) return { router: null, identifier, path: '' };
      // `for (const r of [notes, users]) app.use(r.routes())`: each listed router is mounted here.
      if (identifier && loopsOverImports(identifier, this.#context)) return { router: null, identifier, path: '' };
      return null;
    }
    // koa-mount: `mount('/v1', router.routes())`.
    if (target.type === AST_NODE_TYPES.CallExpression && moduleMember(target.callee, this.#context)?.module === 'koa-mount') {
      const [path, inner] = target.arguments;
      const mounted = inner ? this.#mountTarget(inner) : null;
      if (!path || !mounted || mounted === 'skip') return mounted;
      const prefix = staticText(path, this.#context);
      return { ...mounted, path: prefix === null || mounted.path === null ? null : joinAll(prefix, mounted.path) };
    }
    return null;
  }

  #parseRoute(call: MethodCall, router: Instance): PendingRoute[] {
    const method = ROUTER_METHODS[call.method];
    const args = call.call.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument));
    if (!method || args.length < 2) return [];
    // `router.get('user', '/users/:id', handler)` names the route first.
    const named = args.length >= 3 && staticText(args[0]!, this.#context) !== null && staticText(args[1]!, this.#context) !== null;
    const pathNode = named ? args[1]! : args[0]!;
    const rest = args.slice(named ? 2 : 1);
    const handler = rest[rest.length - 1];
    if (!handler) return [];
    const paths = staticStrings(pathNode, this.#context, (node) => staticText(node, this.#context)) ?? [null];
    return paths.map((path) => ({ call, router, method, path, middleware: rest.slice(0, -1), handler }));
  }

  #route(pending: PendingRoute): Route {
    const { call, router, handler } = pending;
    const fn = resolveHandler(handler, this.#context.scopeOf(handler));
    claim(this.#context, call.call, fn);
    const guards = [
      ...this.#guardsAt(router, call.position, pending.path),
      ...pending.middleware.map((node) => makeGuard(node, this.#context, 'middleware', 'route')),
    ];
    return {
      framework: 'koa',
      methods: [pending.method],
      path: pending.path === null ? null : joinAll(this.#fullPrefix(router), pending.path),
      reportNode: reportNodeOf(call),
      handler: { node: handler, fn, style: 'koa' },
      guards,
      insertBefore: handler,
      owner: {
        name: receiverName(call.object) ?? router.name,
        mountedElsewhere: this.#mountedElsewhere(router),
        declaration: router.declaration,
        outermost: this.#outermost(router),
      },
    };
  }

  /** Middleware that runs before something registered on `owner` at `position` for `path` (relative to `owner`). */
  #guardsAt(owner: Instance, position: number, path: string | null, depth = 0): RouteGuard[] {
    if (depth > 16) return [];
    const mount = owner.mount;
    const guards = mount
      ? this.#guardsAt(mount.parent, mount.position, path === null ? null : joinAll(mount.path, owner.prefix, path), depth + 1)
      : [];
    for (const use of owner.uses) {
      if (use.position >= position || use.paths === null) continue;
      if (use.within && !(use.within[0] <= position && position < use.within[1])) continue;
      if (use.paths && path !== null && !use.paths.some((prefix) => isUnderPrefix(path || '/', prefix))) continue;
      guards.push(use.guard);
    }
    return guards;
  }

  #fullPrefix(owner: Instance, depth = 0): string | null {
    if (!owner.mount || depth > 16) return owner.prefix;
    return joinAll(this.#fullPrefix(owner.mount.parent, depth + 1), owner.mount.path, owner.prefix);
  }

  /** The declaration of the outermost instance `owner` is mounted on in this file, or null when it is not mounted here. */
  #outermost(owner: Instance): TSESTree.Node | null {
    let outer = owner;
    for (let depth = 0; outer.mount && depth < 16; depth++) outer = outer.mount.parent;
    return outer === owner ? null : outer.declaration;
  }

  #mountedElsewhere(owner: Instance, depth = 0): boolean {
    if (owner.mount && depth < 16) return this.#mountedElsewhere(owner.mount.parent, depth + 1);
    if (owner.origin !== 'created') return true;
    return owner.kind === 'router' && this.#exported.has(owner);
  }
}
