import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { resolveHandler } from '../handlers.js';
import { dottedName, enclosingFunction, type FunctionNode, importSource, nodesOfType, propertyName, resolveFunction, unwrap } from '../../../utils/ast.js';
import { crossFileTarget } from '../../project/calls.js';
import { type CharToken, matchTokens } from '../../../utils/wildcard.js';
import type { ExtractContext, FileRoutes, FrameworkExtractor, Mount, Route, RouteGuard, RouteValidation } from '../types.js';
import { targetedInputs, validatorMiddleware } from '../../../models/frameworks/request-inputs.js';
import {
  callsOf,
  claim,
  constantValue,
  exportedValues,
  factoryChain,
  type FactoryKind,
  importedFrom,
  importsAny,
  isLocalModule,
  joinAll,
  makeGuard,
  givesNothing,
  methodCall,
  moduleMember,
  parameterInfo,
  receiverName,
  reportNodeOf,
  returnedValues,
  staticStrings,
  staticText,
  type MethodCall,
} from './shared-ast.js';
import { InstanceResolver, bindingOf, parameterBinding } from './shared-instances.js';

const METHODS: Record<string, string> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  options: 'OPTIONS',
  all: 'ALL',
};

/** Methods that return the app, so chained registrations stay on it. */
const CHAINABLE = new Set([...Object.keys(METHODS), 'on', 'use', 'route', 'onError', 'notFound', 'openapi', 'doc']);
const APP_CLASSES = new Set(['Hono', 'OpenAPIHono']);
/** Calls that serve an app: `serve(app)`, `handle(app)` (Vercel, Lambda), `showRoutes(app)`. */
const SERVERS = new Set(['serve', 'handle', 'createServer', 'toSSG']);

const isHonoModule = (module: string): boolean => module === 'hono' || module.startsWith('hono/') || module.startsWith('@hono/');

/** A Hono app (sub-apps are apps too). */
interface App {
  origin: 'created' | 'param' | 'imported';
  name: string;
  declaration: TSESTree.Node | null;
  /** `use` calls, with their path pattern (relative to this app) or null when not static. */
  uses: { position: number; pattern: string | null; node: TSESTree.Node; guard: RouteGuard | null }[];
  /** `parent.route('/prefix', this)` in this file. */
  mount: { parent: App; position: number; prefix: string | null } | null;
  served: boolean;
}

/** An app with the `basePath` its routes get. */
interface AppRef {
  app: App;
  base: string | null;
}

/** Variable names of an app that is the program's entry point when default-exported. */
const ENTRY_NAMES = /^(?:app|server|api|worker|main)$/u;

interface PendingRoute {
  call: MethodCall;
  ref: AppRef;
  methods: string[];
  path: string | null;
  middleware: TSESTree.Node[];
  handler: TSESTree.Node;
}

/** Hono: method routes, `on`, `use` with path patterns and order, `route` mounts, `basePath`. */
export const honoExtractor: FrameworkExtractor = {
  framework: 'hono',
  extract(context) {
    if (!importsAny(context, isHonoModule)) return {};
    return new HonoExtraction(context).run();
  },
};

class HonoExtraction {
  readonly #context: ExtractContext;
  readonly #resolver: InstanceResolver<AppRef>;
  readonly #exportedFunctions = new Set<FunctionNode>();
  readonly #parameters = new Map<TSESTree.Node, AppRef>();
  /** Same-file functions that create an app and return it, by the app (null while being read, or when they do not). */
  readonly #factories = new Map<FunctionNode, AppRef | null>();

  constructor(context: ExtractContext) {
    this.#context = context;
    for (const value of exportedValues(context.program)) {
      const fn = resolveFunction(value, context.scopeOf(value));
      if (fn) this.#exportedFunctions.add(fn);
    }
    this.#resolver = new InstanceResolver<AppRef>(context, {
      create: (node) => this.#create(node),
      derive: (call, base) => this.#derive(call, base),
      parameter: (fn, index) => this.#parameter(fn, index),
      result: (call, resolve) => this.#result(call, resolve),
      imported: (identifier, module) =>
        isLocalModule(module) && identifier.name === 'app'
          ? { app: this.#app('imported', identifier.name, identifier), base: '' }
          : null,
    });
  }

  run(): Partial<FileRoutes> {
    const pending: PendingRoute[] = [];
    const mounts: { mount: Mount; owner: AppRef; position: number }[] = [];
    const exported = new Set<App>();
    for (const value of exportedValues(this.#context.program)) {
      const ref = this.#resolver.resolve(value);
      if (ref) exported.add(ref.app);
    }
    // Bun and Cloudflare Workers serve the default export: `export default app` is the entry point.
    // Sub-apps are exported too, but they are named after what they serve (`export default books`).
    for (const statement of this.#context.program.body) {
      if (statement.type !== AST_NODE_TYPES.ExportDefaultDeclaration) continue;
      const declaration = statement.declaration;
      if (declaration.type !== AST_NODE_TYPES.Identifier || !ENTRY_NAMES.test(declaration.name)) continue;
      const ref = this.#resolver.resolve(declaration);
      if (ref) ref.app.served = true;
    }
    nodesOfType(this.#context.program, AST_NODE_TYPES.MemberExpression).forEach((node) => {
      // `{ fetch: app.fetch }`, `serve({ fetch: app.fetch })`, `Deno.serve(app.fetch)`.
      if (propertyName(node.property) !== 'fetch' || node.computed) return;
      const served = this.#resolver.resolve(node.object);
      if (served) served.app.served = true;
    });
    for (const call of callsOf(this.#context.program)) {
      this.#markServed(call);
      const parsed = methodCall(call);
      if (!parsed || this.#context.claimed.has(call)) continue;
      const ref = this.#resolver.receiver(parsed);
      if (!ref) continue;
      if (parsed.method === 'use') {
        this.#use(parsed, ref);
      } else if (parsed.method === 'route') {
        const mount = this.#route(parsed, ref);
        if (mount) mounts.push({ mount, owner: ref, position: parsed.position });
      } else {
        pending.push(...this.#parseRoute(parsed, ref));
      }
    }
    const routes = pending.map((route) => this.#toRoute(route, exported));
    for (const { mount, owner, position } of mounts) {
      const local = joinAll(owner.base, mount.path);
      mount.guards = this.#guardsAt(owner.app, position, local);
      mount.path = joinAll(this.#prefix(owner.app), local);
      mount.owner = { name: owner.app.name, mountedElsewhere: this.#mountedElsewhere(owner.app, exported), declaration: owner.app.declaration, ...this.#returnedFromOf(owner.app) };
    }
    return { routes, mounts: mounts.map(({ mount }) => mount) };
  }

  #app(origin: App['origin'], name: string, declaration: TSESTree.Node | null): App {
    return { origin, name, declaration, uses: [], mount: null, served: false };
  }

  #create(node: TSESTree.CallExpression | TSESTree.NewExpression): AppRef | null {
    if (node.type !== AST_NODE_TYPES.NewExpression) return null;
    const member = moduleMember(node.callee, this.#context);
    const name = member?.path[member.path.length - 1];
    if (!member || !isHonoModule(member.module) || name === undefined || !APP_CLASSES.has(name)) return null;
    const binding = bindingOf(node);
    return { app: this.#app('created', binding?.name ?? 'app', binding?.declaration ?? node), base: '' };
  }

  #derive(call: MethodCall, base: AppRef): AppRef | null {
    if (call.method === 'basePath') {
      const path = call.call.arguments[0];
      return { app: base.app, base: path ? joinAll(base.base, staticText(path, this.#context)) : null };
    }
    return CHAINABLE.has(call.method) ? base : null;
  }

  /** `export function userRoutes(app: Hono) { … }`: the app is set up by the caller. */
  #parameter(fn: FunctionNode, index: number): AppRef | null {
    const param = fn.params[index];
    const info = parameterInfo(param);
    const typed = info.type !== null && APP_CLASSES.has(info.type);
    const named = info.type === null && info.name === 'app' && this.#exportedFunctions.has(fn);
    if (!param || (!typed && !named)) return null;
    let ref = this.#parameters.get(param);
    if (!ref) {
      ref = { app: this.#app('param', parameterBinding(fn, index)?.name ?? 'app', param), base: '' };
      this.#parameters.set(param, ref);
    }
    return ref;
  }

  /**
   * `makeItems()` where `makeItems` is a function of this file every `return` of which gives the
   * same app (`const items = new Hono(); items.post('/', create); return items;`): the call is that
   * app, so `app.route('/items', makeItems())` mounts its routes under `/items`.
   */
  #result(call: TSESTree.CallExpression, resolve: (node: TSESTree.Node) => AppRef | null): AppRef | null {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const fn = resolveFunction(callee, this.#context.scopeOf(callee));
    if (!fn) return null;
    if (this.#factories.has(fn)) return this.#factories.get(fn) ?? null;
    this.#factories.set(fn, null);
    let found: AppRef | null = null;
    for (const returned of returnedValues(fn)) {
      if (givesNothing(returned)) continue;
      const ref = resolve(returned);
      if (ref === null || (found !== null && found.app !== ref.app)) {
        found = null;
        break;
      }
      found = ref;
    }
    this.#factories.set(fn, found);
    return found;
  }

  /**
   * The function that creates `app` and returns it (see `#result`), when the app is not mounted or
   * served in this file: another file may mount what it returns (`app.route('/items', makeItems())`
   * with `makeItems` imported), and its routes then get that mount's prefix and middleware.
   */
  #returnedFrom(app: App): FunctionNode | null {
    if (app.origin !== 'created' || app.served || app.mount || app.declaration?.type !== AST_NODE_TYPES.Identifier) return null;
    const fn = enclosingFunction(app.declaration);
    if (!fn) return null;
    const factory = this.#factories.has(fn) ? this.#factories.get(fn) : undefined;
    if (factory !== undefined) return factory?.app === app ? fn : null;
    const returned = returnedValues(fn).filter((node) => !givesNothing(node));
    return returned.length > 0 && returned.every((node) => this.#resolver.resolve(node)?.app === app) ? fn : null;
  }

  /** An app handed to a server (`serve(app)`, `handle(app)`, `app.fire()`) is the entry point, not a sub-app. */
  #markServed(call: TSESTree.CallExpression): void {
    const parsed = methodCall(call);
    if (parsed?.method === 'fire') {
      const ref = this.#resolver.receiver(parsed);
      if (ref) ref.app.served = true;
      return;
    }
    const callee = dottedName(call.callee);
    const last = callee?.slice(callee.lastIndexOf('.') + 1);
    if (last === undefined || !SERVERS.has(last)) return;
    for (const argument of call.arguments) {
      const served = this.#resolver.resolve(argument);
      if (served) served.app.served = true;
    }
  }

  #use(call: MethodCall, ref: AppRef): void {
    claim(this.#context, call.call);
    const args = call.call.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument));
    const first = args[0];
    const hasPath = first !== undefined && (isPathLiteral(first) || staticText(first, this.#context) !== null);
    const path = hasPath ? staticText(first, this.#context) : '*';
    const middleware = hasPath ? args.slice(1) : args;
    // `use(mw)` is `use('*', mw)`; on a `basePath` app both are relative to the base path.
    const pattern = ref.base === null || path === null ? null : joinAll(ref.base, path);
    for (const node of middleware) ref.app.uses.push({ position: node.range[0], pattern, node, guard: null });
  }

  #route(call: MethodCall, parent: AppRef): Mount | null {
    claim(this.#context, call.call);
    const [path, target] = call.call.arguments;
    if (!path || !target || target.type === AST_NODE_TYPES.SpreadElement) return null;
    const prefix = joinAll(parent.base, staticText(path, this.#context));
    const child = this.#resolver.resolve(target);
    if (child && child.app.origin !== 'imported') {
      if (!child.app.mount && child.app !== parent.app) child.app.mount = { parent: parent.app, position: call.position, prefix };
      return null;
    }
    const identifier = unwrap(target);
    if (identifier.type === AST_NODE_TYPES.CallExpression) return this.#resultMount(call, identifier, prefix);
    if (identifier.type !== AST_NODE_TYPES.Identifier) return null;
    const module = importedFrom(identifier, this.#context);
    if (module === null || !isLocalModule(module)) return null;
    return { path: staticText(path, this.#context), target: identifier, guards: [], node: call.call };
  }

  /**
   * `app.route('/items', makeItems())` where `makeItems` is a function of another project file that
   * returns the app it creates: a mount of what it returns (see `RouteOwner.returnedFrom`).
   */
  #resultMount(call: MethodCall, target: TSESTree.CallExpression, prefix: string | null): Mount | null {
    const callee = unwrap(target.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const other = crossFileTarget(callee, this.#context.sourceCode);
    const chain = other ? honoFactoryChain(other.fn, other.module.sourceCode) : null;
    if (!chain) return null;
    return { path: prefix, target: callee, guards: [], node: call.call, kind: 'result', resultOf: chain };
  }

  #parseRoute(call: MethodCall, ref: AppRef): PendingRoute[] {
    const args = call.call.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument));
    let methods: string[] | null;
    let rest: TSESTree.Node[];
    if (call.method === 'on') {
      const [method, ...others] = args;
      if (!method) return [];
      methods = staticStrings(method, this.#context, (node) => staticText(node, this.#context));
      methods = methods ? methods.map((name) => name.toUpperCase()) : ['ALL'];
      rest = others;
    } else {
      const method = METHODS[call.method];
      if (!method) return [];
      methods = [method];
      rest = args;
    }
    const [pathNode, ...handlers] = rest;
    const handler = handlers[handlers.length - 1];
    if (!pathNode || !handler || isHandlerLike(pathNode, this.#context)) return [];
    const paths = staticStrings(pathNode, this.#context, (node) => staticText(node, this.#context)) ?? [null];
    return paths.map((path) => ({
      call,
      ref,
      methods: methods ?? ['ALL'],
      path: path === null ? null : joinAll(ref.base, path),
      middleware: handlers.slice(0, -1),
      handler,
    }));
  }

  #toRoute(pending: PendingRoute, exported: ReadonlySet<App>): Route {
    const { call, ref, handler } = pending;
    const fn = resolveHandler(handler, this.#context.scopeOf(handler));
    claim(this.#context, call.call, fn);
    const guards = [
      ...this.#guardsAt(ref.app, call.position, pending.path),
      ...pending.middleware.map((node) => makeGuard(node, this.#context, 'middleware', 'route')),
    ];
    const prefix = this.#prefix(ref.app);
    return {
      framework: 'hono',
      methods: pending.methods,
      path: pending.path === null ? null : joinAll(prefix, pending.path),
      reportNode: reportNodeOf(call),
      handler: { node: handler, fn, style: 'hono', validation: validatorSchemas(pending.middleware, this.#context) },
      guards,
      insertBefore: handler,
      owner: {
        name: receiverName(call.object) ?? ref.app.name,
        mountedElsewhere: this.#mountedElsewhere(ref.app, exported),
        declaration: ref.app.declaration,
        ...this.#returnedFromOf(ref.app),
      },
    };
  }

  /** `{ returnedFrom }` of the outermost app `app` is mounted on in this file, when a function returns it. */
  #returnedFromOf(app: App): { returnedFrom?: FunctionNode } {
    let outer = app;
    for (let depth = 0; outer.mount && depth < 16; depth++) outer = outer.mount.parent;
    const fn = this.#returnedFrom(outer);
    return fn ? { returnedFrom: fn } : {};
  }

  /** Middleware registered on `app` before `position` whose pattern covers `path` (relative to `app`). */
  #guardsAt(app: App, position: number, path: string | null, depth = 0): RouteGuard[] {
    if (depth > 16) return [];
    const mount = app.mount;
    const guards = mount
      ? this.#guardsAt(mount.parent, mount.position, path === null ? null : joinAll(mount.prefix, path), depth + 1)
      : [];
    const level = mount ? 'router' : 'app';
    for (const use of app.uses) {
      if (use.position >= position || use.pattern === null) continue;
      if (path !== null && !matchesHonoPattern(use.pattern, path)) continue;
      use.guard ??= makeGuard(use.node, this.#context, 'middleware', level);
      guards.push(use.guard);
    }
    return guards;
  }

  #prefix(app: App, depth = 0): string | null {
    if (!app.mount || depth > 16) return '';
    return joinAll(this.#prefix(app.mount.parent, depth + 1), app.mount.prefix);
  }

  #mountedElsewhere(app: App, exported: ReadonlySet<App>, depth = 0): boolean {
    if (app.mount && depth < 16) return this.#mountedElsewhere(app.mount.parent, exported, depth + 1);
    if (app.origin !== 'created') return true;
    return exported.has(app) && !app.served;
  }
}

function isPathLiteral(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return (
    (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') ||
    target.type === AST_NODE_TYPES.TemplateLiteral
  );
}

/**
 * The schemas of the route's validator middleware (`zValidator('json', schema)`, also held in a
 * constant), by the location of the part each validates: what `c.req.valid(target)` returns.
 */
function validatorSchemas(middleware: readonly TSESTree.Node[], context: ExtractContext): RouteValidation | undefined {
  const schemas: RouteValidation['schemas'] = {};
  for (const node of middleware) {
    const call = constantValue(node, context);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) continue;
    const imported = importSource(context.scopeOf(call.callee), call.callee.name);
    const model = validatorMiddleware.find((entry) => entry.module === imported?.module && entry.name === imported.imported);
    const [targetNode, schema] = call.arguments;
    if (!model || !targetNode || !schema || schema.type === AST_NODE_TYPES.SpreadElement) continue;
    const target = staticText(targetNode, context);
    const targets = targetedInputs[model.target];
    const location = target !== null && targets && Object.hasOwn(targets, target) ? targets[target] : undefined;
    if (location) schemas[location] = schema;
  }
  return Object.keys(schemas).length > 0 ? { format: 'zod', schemas } : undefined;
}

/** A route's first argument is a handler (not a path) in `app.get(handler)` chains. */
function isHandlerLike(node: TSESTree.Node, context: ExtractContext): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.CallExpression) return staticText(target, context) === null;
  return resolveFunction(target, context.scopeOf(target)) !== null;
}

/** A `use` pattern as character tokens, and (for a trailing `/*`) the tokens of its bare prefix. */
const patternCache = new Map<string, { full: CharToken[]; prefix: CharToken[] | null }>();

/**
 * Hono path matching for `use` patterns: `*` matches anything (also `/`), a trailing `/*` also
 * matches the bare prefix (`/admin/*` covers `/admin`), and `:param` matches one segment.
 * Parameters in the route path (`/users/:id`) are matched as ordinary segments. The patterns come
 * from the linted code, so they are matched by an automaton, never by a backtracking regex.
 */
function matchesHonoPattern(pattern: string, path: string): boolean {
  let compiled = patternCache.get(pattern);
  if (!compiled) {
    const tokensOf = (text: string): CharToken[] =>
      text.split('/').flatMap((segment, index): CharToken[] => {
        const separator: CharToken[] = index === 0 ? [] : [{ kind: 'char', char: '/' }];
        if (segment.startsWith(':')) return [...separator, { kind: 'segment-char' }, { kind: 'segment-star' }];
        return [...separator, ...[...segment].map((char): CharToken => (char === '*' ? { kind: 'any-star' } : { kind: 'char', char }))];
      });
    compiled = { full: tokensOf(pattern), prefix: pattern.endsWith('/*') ? tokensOf(pattern.slice(0, -2)) : null };
    patternCache.set(pattern, compiled);
  }
  const { full, prefix } = compiled;
  const matches = (text: string): boolean => matchTokens(full, text) || (prefix !== null && matchTokens(prefix, text));
  // A trailing `/` of the route path is ignored.
  return matches(path) || (path.endsWith('/') && matches(path.slice(0, -1)));
}

/** Hono apps (`new Hono()`, with `basePath` and registrations chained on it), as `factoryChain` finds them. */
const honoFactories: FactoryKind = {
  creates: (node, scopeOf) => node.type === AST_NODE_TYPES.NewExpression && isHonoApp(node, scopeOf),
  baseOf: creationBase,
  maxSteps: 4,
  chains: new WeakMap(),
};

/** The functions whose returned Hono app is the one `fn` returns, `fn` first (see `factoryChain`). Null when it returns no app. */
export function honoFactoryChain(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): readonly FunctionNode[] | null {
  return factoryChain(fn, sourceCode, honoFactories);
}

/** The expression a chain of calls on an app starts from: `new Hono()` in `new Hono().basePath('/x').get(…)`. */
function creationBase(node: TSESTree.Node): TSESTree.Node {
  let current = unwrap(node);
  for (let depth = 0; depth < 16; depth++) {
    if (current.type !== AST_NODE_TYPES.CallExpression) return current;
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !CHAINABLE_OR_BASE.has(propertyName(callee.property) ?? '')) return current;
    current = unwrap(callee.object);
  }
  return current;
}

const CHAINABLE_OR_BASE = new Set([...CHAINABLE, 'basePath']);

/** `new Hono()` (or `OpenAPIHono`) of a Hono module, read in the file of `scopeOf`. */
function isHonoApp(node: TSESTree.NewExpression, scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope): boolean {
  const callee = unwrap(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(scopeOf(callee), callee.name);
    return source !== null && isHonoModule(source.module) && APP_CLASSES.has(source.imported ?? '');
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return false;
  const source = importSource(scopeOf(callee.object), callee.object.name);
  return source !== null && isHonoModule(source.module) && APP_CLASSES.has(propertyName(callee.property) ?? '');
}
