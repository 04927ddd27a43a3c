import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { handlerStyle, resolveHandler } from '../handlers.js';
import { dottedName, enclosingFunction, findVariable, importedModules, importSource, isFunction, inlineRequire, loopedElements, nodesOfType, propertyName, requiredModule, resolveFunction, scopeLookup, singleDefinition, staticString, unwrap, walk, type FunctionNode, type Scope, scopeOf } from '../../../utils/ast.js';
import { crossFileTarget } from '../../project/calls.js';
import { projectIndexOf } from '../../project/index.js';
import { replacingValidation } from '../replacing-validators.js';
import { isUnderPrefix, joinPaths } from '../paths.js';
import { expressLikeCreators, expressLikeRouteOptionPaths, expressLikeUseMethods, expressRouterPackages, type ExpressLikeFramework } from '../../../models/frameworks/express-like.js';
import type { ExtractContext, FileRoutes, FrameworkExtractor, Mount, Route, RouteGuard, RouteOwner } from '../types.js';
import { arrayLiteral, conditionalBranch, factoryChain, type FactoryKind, givesNothing, isLocalModule, isProjectModule, loopsOverImports, fieldTruthiness, moduleMember, objectLiteral, productionValue, returnedValues, runsInProduction, setupFunction, valueOf } from './shared-ast.js';

/** At most this many mounts of one router in a file are read (each gives its routes once more). */
const MAX_MOUNTS = 8;
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);
const EXPRESS_MODULES = new Set(['express', 'express-serve-static-core']);
const ROUTER_PACKAGES = new Set(expressRouterPackages);
/** Modules whose `createServer(app)` serves an app directly. */
const SERVER_MODULES = new Set(['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2', 'spdy']);
const RECEIVER_TYPES = /^(?:express\.)?(?:Express|Application|Router|IRouter)$/u;
const RECEIVER_PARAM_NAMES = /^(?:app|router|api|server|routes)$/iu;
const MOUNT_TARGET_NAMES = /(?:router|routes?|api|app|controller)s?$/iu;
/** Names that read like middleware rather than a router: verbs, guards, parsers and limiters. */
const MIDDLEWARE_NAMES =
  /^(?:require|ensure|verify|check|validate|is|has|can|must|only|allow|deny|auth|protect|guard|limit|rate|throttle|log|parse|upload|cors|helmet|csrf|session|passport|cache|compress|sanitize|handle)|(?:middleware|guard|handler|limiter|auth|parser)$/iu;

/** An app or router object the file registers routes on. */
interface Receiver {
  key: TSESLint.Scope.Variable | string | TSESTree.CallExpression;
  name: string;
  /** An Express-like server's own name (see `expressLikeCreators`), or undefined for Express. */
  framework?: ExpressLikeFramework;
  /** Created with `express()` in this file. */
  isApp: boolean;
  declaration: TSESTree.Node | null;
  events: RouterEvent[];
  /** Where a parent mounts this router in this file. */
  mountedBy: MountLink | null;
  /**
   * Further mounts in this file (`app.use('/a', items(a)); app.use('/b', items(b))` for a router a
   * helper of the file builds): its routes are reachable under each, with each mount's guards.
   */
  alsoMountedBy: MountLink[];
  /** Served directly in this file (`app.listen()`, `http.createServer(app)`): a top-level app. */
  listened: boolean;
}

/** A parent's `use` that mounts a router. */
interface MountLink {
  parent: Receiver;
  event: UseEvent;
}

/** What a `use` argument or a served value is when a function returns it: an instance of this file, or another's. */
type FactoryResult = { local: Receiver } | { resultOf: readonly FunctionNode[]; callee: TSESTree.Identifier | TSESTree.MemberExpression | TSESTree.CallExpression };

interface UseEvent {
  type: 'use';
  path: string | null;
  guards: RouteGuard[];
  node: TSESTree.CallExpression;
  position: number;
  /** Receivers mounted by this call (local routers). */
  routers: Receiver[];
  /**
   * The range of the innermost conditional branch the call stands in (`if (config.auth)
   * app.use(auth)`): its middleware runs before what is registered inside that branch, and only in
   * some runs before anything else (see `conditionalBranch`).
   */
  within?: readonly [number, number];
}

interface RouteEvent {
  type: 'route';
  route: Route;
  localPath: string | null;
  localGuards: RouteGuard[];
  position: number;
}

type RouterEvent = UseEvent | RouteEvent;

export const expressExtractor: FrameworkExtractor = {
  framework: 'express',
  extract(context) {
    return new ExpressScan(context).run();
  },
};

class ExpressScan {
  private readonly receivers = new Map<TSESLint.Scope.Variable | string | TSESTree.CallExpression, Receiver>();
  private readonly importsExpress: boolean;
  private readonly result: FileRoutes = { routes: [], handlers: [], mounts: [] };
  private readonly pendingMounts: { receiver: Receiver; event: UseEvent; target: Mount['target']; kind: 'use' | 'call' | 'result'; resultOf?: readonly FunctionNode[]; alsoMiddleware?: true }[] = [];
  /**
   * Registration calls by the receiver they return: `app.get(…)`, `router.post(…)` and `use(…)`
   * return the app or router, so `router.get('/a', a).post('/b', b)` registers both links on it.
   * Calls are visited inner link first, so a link's receiver is known when the next link is read.
   */
  private readonly links = new Map<TSESTree.CallExpression, Receiver>();
  /** Same-file functions that build and return one router (or app), by that receiver. */
  private readonly helpers = new Map<FunctionNode, Receiver | null>();

  constructor(private readonly context: ExtractContext) {
    this.importsExpress = [...context.imports].some((module) => EXPRESS_MODULES.has(module) || ROUTER_PACKAGES.has(module));
  }

  run(): FileRoutes {
    this.recordExportedTables();
    const calls = [...nodesOfType(this.context.program, AST_NODE_TYPES.CallExpression)];
    calls.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
    for (const call of calls) {
      if (this.context.claimed.has(call)) continue;
      this.visitCall(call);
    }
    this.recordEscapes(calls);
    // A receiver held by a variable and by the chain it was created in is listed under both keys.
    for (const receiver of new Set(this.receivers.values())) this.finishReceiver(receiver);
    for (const { receiver, event, target, kind, resultOf, alsoMiddleware } of this.pendingMounts) {
      // Taken as a middleware of this file too: not a guard in front of its own routes.
      const ownGuards = alsoMiddleware ? event.guards.filter((guard) => unwrap(guard.node) !== target) : event.guards;
      const mount: Mount = {
        path: joinPaths(this.prefixOf(receiver), event.path ?? '/'),
        target,
        // A registration function's routes get their paths in its file: a guard installed under a
        // prefix goes along with that prefix, and covers the ones under it (see `guardCovers`).
        guards: [...this.inheritedGuards(receiver, event.path ?? '/', event.position, 0, receiver.mountedBy, kind === 'call'), ...ownGuards],
        node: event.node,
        owner: this.ownerOf(receiver),
        kind,
        ...(resultOf ? { resultOf } : {}),
        ...(alsoMiddleware ? { alsoMiddleware } : {}),
      };
      this.result.mounts.push(mount);
    }
    return this.result;
  }

  private visitCall(call: TSESTree.CallExpression): void {
    const callee = unwrap(call.callee);
    if (this.isCreateServer(callee)) {
      for (const argument of call.arguments) {
        if (argument.type !== AST_NODE_TYPES.SpreadElement) this.recordServed(call, argument);
      }
      return;
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      this.recordRegistrationCall(call, callee);
      return;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.computed) {
      this.recordTableRoutes(call, callee);
      return;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
    if (callee.property.type !== AST_NODE_TYPES.Identifier) return;
    const method = callee.property.name;
    if (method === 'listen') {
      this.recordServed(call, callee.object);
      return;
    }
    if (method === 'use') {
      const receiver = this.receiverOf(callee.object, false) ?? this.setupParameter(callee.object, call);
      if (receiver) this.recordUse(receiver, call);
      return;
    }
    // Restify's `server.pre(mw)`: middleware for every route, as `use` is.
    if (Object.values(expressLikeUseMethods).some((methods) => methods.includes(method))) {
      const receiver = this.receiverOf(callee.object, false);
      if (receiver?.framework && expressLikeUseMethods[receiver.framework].includes(method)) this.recordUse(receiver, call);
      return;
    }
    if (!HTTP_METHODS.has(method)) return;
    const object = unwrap(callee.object);
    // router.route('/path').get(...).post(...)
    const chained = this.routeChain(object);
    if (chained) {
      if (call.arguments.length === 0) return;
      this.recordRoute(chained.receiver, call, method, chained.path, 0, chained.pathNode);
      return;
    }
    if (call.arguments.length < 2) return;
    const first = call.arguments[0]!;
    const options = this.isPathArgument(first) ? null : this.routeOptionsPath(first);
    if (!options && !this.isPathArgument(first)) return;
    const receiver = this.receiverOf(object, true, call);
    if (!receiver) return;
    if (options) {
      // Only a framework whose route methods take an options object: a server of unknown origin takes that framework.
      if (receiver.framework !== undefined && receiver.framework !== options.framework) return;
      receiver.framework = options.framework;
    }
    const pathNode = options?.path ?? first;
    const path = staticString(pathNode, this.context.scopeOf(pathNode));
    if (method === 'all' && this.wildcardAll(receiver, call, path)) return;
    this.recordRoute(receiver, call, method, path, 1, pathNode);
  }

  /**
   * The path of a route options object (`server.get({ name: 'getUser', path: '/users/:id' }, h)`,
   * see `expressLikeRouteOptionPaths`), with the framework that takes it, or null.
   */
  private routeOptionsPath(node: TSESTree.Node): { path: TSESTree.Node; framework: ExpressLikeFramework } | null {
    const object = objectLiteral(node, this.context);
    if (!object) return null;
    for (const [framework, keys] of Object.entries(expressLikeRouteOptionPaths) as [ExpressLikeFramework, readonly string[]][]) {
      for (const key of keys) {
        const value = valueOf(object, key);
        if (value && this.isPathArgument(value)) return { path: value, framework };
      }
    }
    return null;
  }

  /**
   * Routes registered in a loop over a table of this file: `routes.forEach((r) =>
   * router[r.method](r.path, ...r.middlewares, r.handler))`, `for (const r of routes) …`, where
   * `routes` is an array of object literals (inline or a constant). Each element is a route: the
   * arguments read from the loop variable are the element's values (`...r.middlewares` its list),
   * the others are the same for every element. Reported on the element. An element whose method is
   * not a static HTTP method, or whose path is not a path, is skipped.
   */
  private recordTableRoutes(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): void {
    let property = unwrap(callee.property);
    // `router[r.method.toLowerCase()]`
    if (property.type === AST_NODE_TYPES.CallExpression && property.arguments.length === 0) {
      const inner = unwrap(property.callee);
      if (inner.type === AST_NODE_TYPES.MemberExpression && propertyNameOf(inner.property) === 'toLowerCase') property = unwrap(inner.object);
    }
    // `['get', 'post'].forEach((verb) => app[verb]('/hook', handler))`: one route, each method of the list.
    if (property.type === AST_NODE_TYPES.Identifier) {
      this.recordMethodLoop(call, callee, property);
      return;
    }
    if (property.type !== AST_NODE_TYPES.MemberExpression || property.computed || property.object.type !== AST_NODE_TYPES.Identifier) return;
    const loopVariable = property.object.name;
    const methodKey = propertyNameOf(property.property);
    if (methodKey === null) return;
    const scope = this.context.scopeOf(property.object);
    const list = loopedTable(scope, loopVariable);
    const table = list ? arrayLiteral(list, this.context) : null;
    if (!table) {
      if (list) this.recordImportedTable(call, callee, list, loopVariable);
      return;
    }
    const receiver = this.receiverOf(callee.object, false);
    if (!receiver) return;
    // `r.x` of the loop variable, or null for an argument that is the same for every element.
    const fieldOf = (node: TSESTree.Node): string | null => {
      const target = unwrap(node);
      if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || target.object.type !== AST_NODE_TYPES.Identifier || target.object.name !== loopVariable) return null;
      return propertyNameOf(target.property);
    };
    const [pathArgument, ...rest] = call.arguments;
    const pathKey = pathArgument && pathArgument.type !== AST_NODE_TYPES.SpreadElement ? fieldOf(pathArgument) : null;
    if (!pathArgument || pathArgument.type === AST_NODE_TYPES.SpreadElement) return;
    for (const element of table.elements) {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
      const object = objectLiteral(element, this.context);
      const methodNode = valueOf(object, methodKey);
      const method = methodNode ? staticString(methodNode, this.context.scopeOf(methodNode))?.toLowerCase() : undefined;
      if (!object || method === undefined || !HTTP_METHODS.has(method)) continue;
      const pathNode = pathKey === null ? pathArgument : valueOf(object, pathKey);
      if (!pathNode || !this.isPathArgument(pathNode)) continue;
      const args: TSESTree.Expression[] = [];
      let complete = true;
      for (const argument of rest) {
        const spread = argument.type === AST_NODE_TYPES.SpreadElement;
        const key = fieldOf(spread ? argument.argument : argument);
        if (key === null) {
          // `...(r.auth ? [requireAuth] : [])`: the branch the element's field picks.
          const conditional = spread ? tableConditional(argument.argument, loopVariable) : null;
          const truthy = conditional ? fieldTruthiness(object, conditional.field) : null;
          if (conditional && truthy !== null) args.push(...(truthy ? conditional.whenTruthy : conditional.whenFalsy));
          else if (spread) complete = false;
          else args.push(argument);
          continue;
        }
        const value = valueOf(object, key);
        if (!spread) {
          if (value) args.push(value as TSESTree.Expression);
          else complete = false;
          continue;
        }
        // `...r.middlewares`: an element without the list has none.
        if (!value) continue;
        const items = arrayLiteral(value, this.context);
        if (!items) {
          complete = false;
          continue;
        }
        for (const item of items.elements) {
          if (item && item.type !== AST_NODE_TYPES.SpreadElement) args.push(item);
          else complete = false;
        }
      }
      // A middleware list that cannot be read would leave a guard out: the route is not claimed.
      if (!complete || args.length === 0) continue;
      const path = staticString(pathNode, this.context.scopeOf(pathNode));
      this.recordRoute(receiver, call, method, path, 1, pathNode, { args, reportNode: object });
    }
  }

  /**
   * A loop over a table imported from a module of the project (`routes.forEach((r) =>
   * router[r.method](r.path, authenticate, ...r.middlewares, r.handler))` with `routes` imported):
   * the table's routes are that module's (see `recordExportedTables`, which reads the loop from
   * there); here the loop is a mount of the table on the receiver, with what runs in front of it
   * and the arguments passed to every element that are not fields of it (`authenticate`).
   */
  private recordImportedTable(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, list: TSESTree.Node, loopVariable: string): void {
    const target = unwrap(list);
    if (target.type !== AST_NODE_TYPES.Identifier) return;
    const source = importSource(this.context.scopeOf(target), target.name);
    if (source === null || !isLocalModule(source.module) || tableTemplate(call, loopVariable) === null) return;
    const receiver = this.receiverOf(callee.object, false);
    if (!receiver) return;
    const level = receiver.isApp ? 'app' : 'router';
    const guards: RouteGuard[] = [];
    for (const argument of call.arguments.slice(1)) {
      if (argument.type !== AST_NODE_TYPES.SpreadElement) {
        if (loopField(argument, loopVariable) === null) guards.push(...this.guardsFrom([argument], level));
        continue;
      }
      // `...(r.auth ? [requireAuth] : [])`: each branch's guards run for the elements that pick it.
      const conditional = tableConditional(argument.argument, loopVariable);
      if (!conditional) continue;
      for (const truthy of [true, false]) {
        for (const guard of this.guardsFrom(truthy ? conditional.whenTruthy : conditional.whenFalsy, level)) guards.push({ ...guard, onlyWhen: { field: conditional.field, truthy } });
      }
    }
    const event: UseEvent = { type: 'use', path: '', guards, node: call, position: linkPosition(call), routers: [] };
    this.pendingMounts.push({ receiver, event, target, kind: 'call' });
    this.context.claimed.add(call);
  }

  /**
   * The routes of a table this file exports that a file of the project registers in a loop over it
   * (see `recordImportedTable` and `importedTableLoops`): each element a route with its method,
   * path, middleware and handler as the loop reads them, owned by the exported table, whose mounts
   * (and what runs in front of them) are found where the loop is.
   */
  private recordExportedTables(): void {
    const file = this.context.filename;
    const values: { name: string; value: TSESTree.Node }[] = [];
    for (const statement of this.context.program.body) {
      for (const [holder, value] of exportedValues(statement)) {
        const name = exportedNameOf(holder);
        const table = name === null ? null : arrayLiteral(value, this.context);
        if (name !== null && table && table.elements.some((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && objectLiteral(element, this.context) !== null)) values.push({ name, value });
      }
    }
    if (values.length === 0) return;
    const loops = importedTableLoops(file);
    for (const { name, value } of values) {
      const table = arrayLiteral(value, this.context);
      const template = loops.find((loop) => loop.exported === name);
      if (!table || !template) continue;
      const declaration = unwrap(value).type === AST_NODE_TYPES.Identifier ? (tableDeclaration(unwrap(value) as TSESTree.Identifier, this.context) ?? table) : table;
      const receiver: Receiver = { key: `table:${name}`, name, isApp: false, declaration, events: [], mountedBy: null, alsoMountedBy: [], listened: false };
      for (const element of table.elements) {
        if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
        const object = objectLiteral(element, this.context);
        const methodNode = valueOf(object, template.methodKey);
        const method = methodNode ? staticString(methodNode, this.context.scopeOf(methodNode))?.toLowerCase() : undefined;
        const pathNode = valueOf(object, template.pathKey);
        if (!object || method === undefined || !HTTP_METHODS.has(method) || !pathNode || !this.isPathArgument(pathNode)) continue;
        const args: TSESTree.Expression[] = [];
        let complete = true;
        for (const { key, spread } of template.args) {
          const field = valueOf(object, key);
          if (!spread) {
            if (field) args.push(field as TSESTree.Expression);
            else complete = false;
            continue;
          }
          if (!field) continue;
          const items = arrayLiteral(field, this.context);
          if (!items || items.elements.some((item) => !item || item.type === AST_NODE_TYPES.SpreadElement)) complete = false;
          else args.push(...(items.elements as TSESTree.Expression[]));
        }
        // A middleware list that cannot be read would leave a guard out: the route is not claimed.
        if (!complete || args.length === 0) continue;
        this.recordRoute(receiver, object, method, staticString(pathNode, this.context.scopeOf(pathNode)), 1, pathNode, { args, reportNode: object });
      }
      if (receiver.events.length > 0) this.receivers.set(receiver.key, receiver);
    }
  }

  /**
   * A route registered once per method of a literal list (`['get', 'post'].forEach((verb) =>
   * app[verb]('/hook', handler))`, `for (const verb of METHODS) router[verb](…)` with a constant of
   * the file): one route with those methods. A list with anything but HTTP method names is not read.
   */
  private recordMethodLoop(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, variable: TSESTree.Identifier): void {
    const list = loopedTable(this.context.scopeOf(variable), variable.name);
    const table = list ? arrayLiteral(list, this.context) : null;
    const [pathArgument] = call.arguments;
    if (!table || table.elements.length === 0 || !pathArgument || pathArgument.type === AST_NODE_TYPES.SpreadElement || !this.isPathArgument(pathArgument)) return;
    const methods: string[] = [];
    for (const element of table.elements) {
      const method = element && element.type !== AST_NODE_TYPES.SpreadElement ? staticString(element, this.context.scopeOf(element))?.toLowerCase() : undefined;
      if (method === undefined || !HTTP_METHODS.has(method)) return;
      if (!methods.includes(method)) methods.push(method);
    }
    const receiver = this.receiverOf(callee.object, false);
    const [first] = methods;
    if (!receiver || first === undefined) return;
    this.recordRoute(receiver, call, first, staticString(pathArgument, this.context.scopeOf(pathArgument)), 1, pathArgument);
    const recorded = receiver.events.at(-1);
    if (recorded?.type === 'route' && recorded.route.reportNode === call) recorded.route.methods = methods.map((method) => (method === 'del' ? 'DELETE' : method.toUpperCase()));
  }

  /** `X.route('/p')` or `X.route('/p').get(...)` → the receiver X and the path. */
  private routeChain(node: TSESTree.Node): { receiver: Receiver; path: string | null; pathNode: TSESTree.Node } | null {
    let current = unwrap(node);
    for (let depth = 0; depth < 12; depth++) {
      if (current.type !== AST_NODE_TYPES.CallExpression) return null;
      const callee = unwrap(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier) {
        return null;
      }
      if (callee.property.name === 'route') {
        const pathNode = current.arguments[0];
        if (!pathNode || !this.isPathArgument(pathNode)) return null;
        const receiver = this.receiverOf(callee.object, true);
        if (!receiver) return null;
        return { receiver, path: staticString(pathNode, this.context.scopeOf(pathNode)), pathNode };
      }
      if (!HTTP_METHODS.has(callee.property.name)) return null;
      current = unwrap(callee.object);
    }
    return null;
  }

  private isPathArgument(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Literal) {
      if (typeof target.value === 'string') return target.value.startsWith('/') || target.value === '*';
      return 'regex' in target;
    }
    if (target.type === AST_NODE_TYPES.TemplateLiteral) {
      const head = target.quasis[0]?.value.cooked ?? '';
      return head.startsWith('/') || (head === '' && target.expressions.length > 0);
    }
    if (target.type === AST_NODE_TYPES.ArrayExpression) {
      return target.elements.length > 0 && target.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && this.isPathArgument(element));
    }
    if (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) {
      const value = staticString(target, this.context.scopeOf(target));
      if (value !== null) return value.startsWith('/');
      // `for (const [path, r] of [['/a', a], ['/b', b]]) app.use(path, r)`: a path in each pair.
      const looped = target.type === AST_NODE_TYPES.Identifier ? loopedElements(this.context.scopeOf(target), target.name) : null;
      return looped !== null && looped.length > 0 && looped.every((element) => element !== null && this.isPathArgument(element));
    }
    return false;
  }

  /**
   * The app/router an expression denotes. Known receivers: `express()`, `express.Router()`,
   * `Router()` from express, and parameters typed or named as an app/router in a file importing
   * express. For other objects (`app` imported from another file) `fallbackCall` decides: the
   * route must look like Express (`(req, res)` handler) to be claimed.
   */
  private receiverOf(node: TSESTree.Node, allowFallback: boolean, fallbackCall?: TSESTree.CallExpression, evidenced = false): Receiver | null {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.CallExpression) return this.links.get(target) ?? this.inlineReceiver(target);
    if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return null;
    const name = dottedName(target);
    if (name === null) return null;
    const scope = this.context.scopeOf(target);
    const variable = target.type === AST_NODE_TYPES.Identifier ? findVariable(scope, target.name) : null;
    const key = variable ?? name;
    const existing = this.receivers.get(key) ?? (variable && (this.chainAlias(variable) ?? this.helperAlias(variable)));
    if (existing) return existing;
    const kind = variable ? this.classifyVariable(variable) : null;
    if (kind === null && !evidenced) {
      if (!allowFallback || !fallbackCall || !this.looksLikeExpressRoute(fallbackCall)) return null;
    }
    const init = variable?.defs[0]?.node.type === AST_NODE_TYPES.VariableDeclarator ? variable.defs[0].node.init : null;
    const framework = init ? this.expressLike(init)?.framework : undefined;
    const receiver: Receiver = {
      key,
      name,
      ...(framework ? { framework } : {}),
      isApp: kind === 'app',
      declaration: variable?.defs[0]?.name ?? null,
      events: [],
      mountedBy: null,
      alsoMountedBy: [],
      listened: false,
    };
    this.receivers.set(key, receiver);
    return receiver;
  }

  /**
   * `const router = express.Router().get('/a', a).post('/b', b)`: the variable holds the router the
   * chain registered on, which then takes the variable's name and declaration.
   */
  private chainAlias(variable: TSESLint.Scope.Variable): Receiver | null {
    const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
    const init = unwrap(definition.node.init);
    const receiver = init.type === AST_NODE_TYPES.CallExpression ? this.links.get(init) : undefined;
    if (!receiver) return null;
    // A router created inline in the chain (its key and declaration are the creating call) is named by the variable.
    if (receiver.declaration === receiver.key) {
      receiver.name = variable.name;
      receiver.declaration = definition.name;
    }
    this.receivers.set(variable, receiver);
    return receiver;
  }

  /** The router a chain of registrations written in place starts with `express.Router()` (or `express()`) creating, or null. */
  private inlineChain(call: TSESTree.CallExpression): Receiver | null {
    const base = chainBase(call);
    if (base.type !== AST_NODE_TYPES.CallExpression) return null;
    const target = unwrap(base);
    return target.type === AST_NODE_TYPES.CallExpression && expressCreation(target, this.context.scopeOf) !== null ? this.inlineReceiver(target) : null;
  }

  /** `const r2 = items(db)`: a variable holding what a same-file router helper returns (see `helperRouter`). */
  private helperAlias(variable: TSESLint.Scope.Variable): Receiver | null {
    const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
    const init = unwrap(definition.node.init);
    const receiver = init.type === AST_NODE_TYPES.CallExpression ? this.helperRouter(init) : null;
    if (receiver) this.receivers.set(variable, receiver);
    return receiver;
  }

  /**
   * `items(store)` where `function items(store) { const r = express.Router(); r.post(…); return r; }`
   * is a function of this file: the call gives the router the function fills and returns (see
   * `returnedRouter`), or null.
   */
  private helperRouter(call: TSESTree.CallExpression, depth = 0): Receiver | null {
    const callee = unwrap(call.callee);
    if ((callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) || depth > 3) return null;
    const fn = resolveFunction(callee, this.context.scopeOf(callee));
    return fn ? this.returnedRouter(fn, depth) : null;
  }

  /**
   * The router (or app) of this file every `return` of `fn` gives, so that a caller's
   * `app.use('/items', auth, items(db))` mounts that router's routes behind what runs before the
   * mount, once per mount. A return may give it by name, as a chain of registrations on it
   * (`return router.get(…)`), created in place (`return express.Router().get(…)`) or as another
   * helper's result (followed a few deep); a return of `null` or `undefined` is passed over. Null
   * when a return gives something else.
   */
  private returnedRouter(fn: FunctionNode, depth = 0): Receiver | null {
    if (this.helpers.has(fn)) return this.helpers.get(fn) ?? null;
    // Marked first, so that a helper returning its own call ends.
    this.helpers.set(fn, null);
    let found: Receiver | null = null;
    for (const returned of returnedValues(fn)) {
      // `if (!options) return null;`: a return that gives nothing gives no other router.
      if (givesNothing(returned)) continue;
      const base = chainBase(returned);
      let receiver: Receiver | null = null;
      if (base.type === AST_NODE_TYPES.Identifier) receiver = this.localRouter(base);
      else if (base.type === AST_NODE_TYPES.CallExpression) receiver = this.helperRouter(base, depth + 1) ?? this.inlineReceiver(base);
      if (receiver === null || (found !== null && found !== receiver)) {
        found = null;
        break;
      }
      found = receiver;
    }
    this.helpers.set(fn, found);
    return found;
  }

  /** `require('express')().get(...)`, `express.Router().post(...)`: an app or router used where it is created. */
  private inlineReceiver(call: TSESTree.CallExpression): Receiver | null {
    const existing = this.receivers.get(call);
    if (existing) return existing;
    const kind = this.classifyCreation(call);
    if (kind === null) return null;
    const framework = this.expressLike(call)?.framework;
    const receiver: Receiver = {
      key: call,
      name: kind,
      ...(framework ? { framework } : {}),
      isApp: kind === 'app',
      declaration: call,
      events: [],
      mountedBy: null,
      alsoMountedBy: [],
      listened: false,
    };
    this.receivers.set(call, receiver);
    return receiver;
  }

  private classifyVariable(variable: TSESLint.Scope.Variable): 'app' | 'router' | 'param' | null {
    const definition = variable.defs[0];
    if (!definition) return null;
    if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
      return this.classifyCreation(definition.node.init);
    }
    if (definition.type === 'Parameter' && this.importsExpress) {
      const identifier = definition.name;
      if (identifier.type !== AST_NODE_TYPES.Identifier) return null;
      const annotation = identifier.typeAnnotation?.typeAnnotation;
      if (annotation?.type === AST_NODE_TYPES.TSTypeReference) {
        const typeName = dottedName(annotation.typeName as TSESTree.Node);
        if (typeName !== null && RECEIVER_TYPES.test(typeName)) return 'param';
      }
      if (RECEIVER_PARAM_NAMES.test(identifier.name)) return 'param';
    }
    return null;
  }

  /** The Express-like server an expression creates (`restify.createServer()`, `polka()`), or null. */
  private expressLike(init: TSESTree.Node): (typeof expressLikeCreators)[number] | null {
    return expressLikeCreation(init, this.context.scopeOf);
  }

  private classifyCreation(init: TSESTree.Node): 'app' | 'router' | null {
    const expressLike = this.expressLike(init);
    if (expressLike) return expressLike.kind;
    const target = unwrap(init);
    if (target.type !== AST_NODE_TYPES.CallExpression && target.type !== AST_NODE_TYPES.NewExpression) return null;
    return expressCreation(target, this.context.scopeOf) ?? this.helperCreation(target);
  }

  /**
   * `apiUtil.createExpressApp(settings)`, `createRouter()`: a function of the project (this file or
   * another) whose every `return` is an app or router it creates with Express (`const app =
   * express(); …; return app`). Only that one function is read.
   */
  private helperCreation(call: TSESTree.CallExpression | TSESTree.NewExpression): 'app' | 'router' | null {
    if (call.type !== AST_NODE_TYPES.CallExpression) return null;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    let fn: FunctionNode | null = callee.type === AST_NODE_TYPES.Identifier ? resolveFunction(callee, this.context.scopeOf(callee)) : null;
    let scopeOf = this.context.scopeOf.bind(this.context);
    if (!fn) {
      const target = crossFileTarget(callee, this.context.sourceCode);
      if (!target) return null;
      fn = target.fn;
      scopeOf = scopeLookup(target.module.sourceCode);
    }
    return returnedCreation(fn, scopeOf);
  }

  /**
   * `module.exports = function registerRoutes(app) { app.use('/api/users', userRoutes); … }` in a
   * file that does not import Express itself: a parameter named like an app or router that mounts a
   * router of the project on a path (`isImportedRouter`) is one, handed in by the file that calls
   * the function. Middleware alone (`app.use(auth)`) is no such evidence: Koa and Connect read it too.
   */
  private setupParameter(object: TSESTree.Node, call: TSESTree.CallExpression): Receiver | null {
    const target = unwrap(object);
    if (this.importsExpress || target.type !== AST_NODE_TYPES.Identifier || !RECEIVER_PARAM_NAMES.test(target.name)) return null;
    const definition = findVariable(this.context.scopeOf(target), target.name)?.defs[0];
    if (definition?.type !== 'Parameter') return null;
    const args = call.arguments;
    const last = args[args.length - 1];
    if (args.length < 2 || !this.isPathArgument(args[0]!) || last?.type !== AST_NODE_TYPES.Identifier || !this.isImportedRouter(last, true)) return null;
    return this.receiverOf(target, true, call, true);
  }

  /** A route call on an object of unknown origin is claimed only when the handler model reads its handler as Express-shaped. */
  private looksLikeExpressRoute(call: TSESTree.CallExpression): boolean {
    const last = call.arguments[call.arguments.length - 1];
    if (!last) return false;
    const fn = resolveHandler(last, this.context.scopeOf(last));
    if (!fn || fn.params.length < 2) return false;
    const style = handlerStyle(fn, this.context);
    return style === 'express' || style === 'node-http';
  }

  private guardsFrom(nodes: readonly TSESTree.Node[], level: RouteGuard['level']): RouteGuard[] {
    const guards: RouteGuard[] = [];
    // `depth` > 0: an element of a list held in a constant.
    const add = (node: TSESTree.Node, depth = 0): void => {
      const target = unwrap(node);
      if (target.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of target.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) add(element, depth);
        return;
      }
      const scope = this.context.scopeOf(target);
      // `const secured = [authenticate, audit]; app.get('/x', secured, handler)`: the list's members.
      const list = depth < 3 && target.type === AST_NODE_TYPES.Identifier ? constArray(target, scope) : null;
      if (list) {
        add(list, depth + 1);
        return;
      }
      guards.push({
        kind: 'middleware',
        name: isFunction(target) ? null : requiredName(target) ?? dottedName(target),
        node: target,
        fn: target.type === AST_NODE_TYPES.CallExpression ? null : resolveFunction(target, scope),
        level,
        ...(depth > 0 ? { listed: true as const } : {}),
      });
    };
    for (const node of nodes) add(node);
    return guards;
  }

  /**
   * `registerRoutes(app)` where `registerRoutes` comes from a local module: the function registers
   * its routes on the app, behind what the app has in front at this point of the file. Recorded as
   * a mount of the function, whose other file decides the routes.
   */
  private recordRegistrationCall(call: TSESTree.CallExpression, callee: TSESTree.Identifier): void {
    if (!importedFromProject(callee, this.context.scopeOf)) return;
    for (const argument of call.arguments) {
      const target = unwrap(argument);
      if (target.type !== AST_NODE_TYPES.Identifier) continue;
      const variable = findVariable(this.context.scopeOf(target), target.name);
      if (!variable || this.classifyVariable(variable) === null) continue;
      const receiver = this.receiverOf(target, false);
      if (!receiver) continue;
      const event: UseEvent = { type: 'use', path: '/', guards: [], node: call, position: call.range[0], routers: [] };
      // What the function installs in front of everything on the app comes first, at this call.
      this.recordSetupUses(receiver, call, callee, call.arguments.indexOf(argument));
      this.pendingMounts.push({ receiver, event, target: callee, kind: 'call' });
      return;
    }
  }

  /**
   * `installMiddleware(app)` where the function (of another file of the project) runs
   * `app.use(express.json()); app.use('/api', expressjwt({ … }))` on its parameter: middleware for
   * whatever the app registers after the call, as if written here. A `use` that also mounts
   * something (`app.use('/api', auth, apiRouter)`) guards that only: it is the other file's mount.
   * The guards point at the call; each is judged by its definition, from the file it is written in.
   */
  private recordSetupUses(receiver: Receiver, call: TSESTree.CallExpression, callee: TSESTree.Identifier, index: number): void {
    const target = setupFunction(callee, this.context.scopeOf(callee));
    const parameter = target?.fn.params[index];
    if (!target || parameter?.type !== AST_NODE_TYPES.Identifier) return;
    const scopeOf = target.scopeOf;
    const variable = findVariable(scopeOf(parameter), parameter.name);
    if (!variable) return;
    for (const reference of variable.references) {
      const use = reference.identifier.parent;
      if (use.type !== AST_NODE_TYPES.MemberExpression || use.object !== reference.identifier || use.computed || propertyNameOf(use.property) !== 'use') continue;
      const useCall = use.parent;
      if (useCall.type !== AST_NODE_TYPES.CallExpression || useCall.callee !== use || enclosingFunction(useCall) !== target.fn) continue;
      // `if (options.publicDemo) return;` before it: installed in some runs only, not in front of the routes for sure.
      if (skippedInSomeRuns(useCall, target.fn)) continue;
      const args = useCall.arguments.filter((argument): argument is TSESTree.Expression => argument.type !== AST_NODE_TYPES.SpreadElement);
      const first = args[0];
      if (!first) continue;
      const scoped = isPathText(first, scopeOf);
      const path = scoped ? staticString(first, scopeOf(first)) : '/';
      const middleware = scoped ? args.slice(1) : args;
      if (middleware.length === 0 || middleware.some((argument, at) => mountsSomething(argument, scopeOf, scoped && at === middleware.length - 1))) continue;
      const guards: RouteGuard[] = middleware.map((argument) => {
        const written = unwrap(argument);
        return {
          kind: 'middleware',
          name: isFunction(written) ? null : requiredName(written) ?? dottedName(written),
          node: call,
          fn: null,
          level: 'app',
          declaredIn: { node: argument, scopeOf, file: target.file },
        };
      });
      receiver.events.push({ type: 'use', path, guards, node: call, position: call.range[0] + (useCall.range[0] - target.fn.range[0]) / (target.fn.range[1] - target.fn.range[0] + 1), routers: [] });
    }
  }

  private recordUse(receiver: Receiver, call: TSESTree.CallExpression): void {
    const args = call.arguments.filter((argument): argument is TSESTree.Expression => argument.type !== AST_NODE_TYPES.SpreadElement);
    if (args.length === 0) return;
    const first = unwrap(args[0]!);
    if (first.type === AST_NODE_TYPES.ArrayExpression && this.isPathArgument(first)) {
      // `app.use(['/api', '/admin'], auth)`: one registration per path.
      const paths = first.elements.map((element) => (element ? staticString(element, this.context.scopeOf(element)) : null));
      for (const path of paths) this.recordUseAt(receiver, call, path, args.slice(1));
      return;
    }
    if (this.isPathArgument(args[0]!)) {
      this.recordUseAt(receiver, call, staticString(args[0]!, this.context.scopeOf(args[0]!)), args.slice(1));
      return;
    }
    this.recordUseAt(receiver, call, '/', args);
  }

  /**
   * `app.all('/v2/*', authenticate)` and `app.all('*', notFound)` run for every path under a prefix,
   * like `use`: they are middleware registrations, not routes.
   */
  private wildcardAll(receiver: Receiver, call: TSESTree.CallExpression, path: string | null): boolean {
    if (path === null || !(path === '*' || path.endsWith('/*'))) return false;
    const args = call.arguments.filter((argument): argument is TSESTree.Expression => argument.type !== AST_NODE_TYPES.SpreadElement);
    this.recordUseAt(receiver, call, path === '*' ? '/' : path.slice(0, -2) || '/', args.slice(1));
    return true;
  }

  private recordUseAt(receiver: Receiver, call: TSESTree.CallExpression, path: string | null, rest: TSESTree.Expression[]): void {
    const middleware: TSESTree.Node[] = [];
    const routers: Receiver[] = [];
    const event: UseEvent = { type: 'use', path, guards: [], node: call, position: linkPosition(call), routers };
    // Middleware listed after the last router of the call (`app.use('/x', router, auth)`) runs after it.
    let beforeLastMount: number | null = null;
    for (const argument of rest) {
      const mounted = this.recordUseArgument(receiver, event, argument, rest, path);
      if (mounted) beforeLastMount = middleware.length;
      else middleware.push(argument);
    }
    event.guards = this.guardsFrom(beforeLastMount === null ? middleware : middleware.slice(0, beforeLastMount), routers.length > 0 ? 'mount' : 'app');
    if (routers.length === 0 && receiver.isApp === false) {
      for (const guard of event.guards) guard.level = 'router';
    }
    for (const router of routers) {
      if (!router.mountedBy) router.mountedBy = { parent: receiver, event };
      else if (router.alsoMountedBy.length < MAX_MOUNTS) router.alsoMountedBy.push({ parent: receiver, event });
    }
    const branch = conditionalBranch(call);
    if (branch !== null) event.within = branch.range;
    receiver.events.push(event);
    this.context.claimed.add(call);
    this.links.set(call, receiver);
  }

  /** Records a router, sub-app or imported router an argument of `use` mounts; false when it is middleware. */
  private recordUseArgument(receiver: Receiver, event: UseEvent, argument: TSESTree.Expression, rest: readonly TSESTree.Expression[], path: string | null): boolean {
    const routers = event.routers;
    const target = unwrap(argument);
    // `parent.use('/keys', auth, keys.app())`, `const keys = makeKeys(); parent.use(keys)`: what a function returns.
    const produced = this.factoryResult(target);
    if (produced) {
      if ('local' in produced) {
        if (produced.local !== receiver) routers.push(produced.local);
      } else {
        this.pendingMounts.push({ receiver, event, target: produced.callee, kind: 'result', resultOf: produced.resultOf });
      }
      // `const app = createBaseApp(); app.get('/extra', …); parent.use(app)`: its own routes are mounted too.
      const own = target.type === AST_NODE_TYPES.Identifier ? this.localRouter(target) : null;
      if (own && own !== receiver && !routers.includes(own)) routers.push(own);
      return true;
    }
    const local = target.type === AST_NODE_TYPES.Identifier ? this.localRouter(target) : null;
    if (local && local !== receiver) {
      routers.push(local);
      return true;
    }
    const lastOfScopedUse = argument === rest[rest.length - 1] && path !== '/';
    if (target.type === AST_NODE_TYPES.Identifier && this.isImportedRouter(target, lastOfScopedUse)) {
      this.pendingMounts.push({ receiver, event, target, kind: 'use' });
      return true;
    }
    if ((target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.MemberExpression) && isRequiredRouter(target, lastOfScopedUse)) {
      this.pendingMounts.push({ receiver, event, target, kind: 'use' });
      return true;
    }
    // `app.use(invoices)`, `app.use('/', require('./routes/billing'))`: a project module whose name
    // does not say router or middleware. It stays a middleware of this file, and is also a mount:
    // a route file asks for the mounts of the router it exports, so the mount counts only where the
    // module's export is a router that registers routes (evidence read in that file, not the name).
    if (argument === rest[rest.length - 1] && this.isProjectModuleValue(target)) {
      this.pendingMounts.push({ receiver, event, target, kind: 'use', alsoMiddleware: true });
    }
    // `app.use('/tags', express.Router().get('/', list).post('/', add))`: a router created in the mount.
    const inline = target.type === AST_NODE_TYPES.CallExpression ? this.inlineChain(target) : null;
    if (inline && inline !== receiver) {
      routers.push(inline);
      return true;
    }
    return false;
  }

  private localRouter(identifier: TSESTree.Identifier): Receiver | null {
    const variable = findVariable(this.context.scopeOf(identifier), identifier.name);
    if (!variable) return null;
    const existing = this.receivers.get(variable) ?? this.chainAlias(variable) ?? this.helperAlias(variable);
    if (existing) return existing;
    const kind = this.classifyVariable(variable);
    if (kind !== 'router' && kind !== 'app') return null;
    return this.receiverOf(identifier, false);
  }

  /**
   * An identifier imported from a local module names a router when its name says so, or when it
   * is the last argument of a path-scoped `use` and its name does not read like middleware
   * (`app.use('/billing', billing)`, but not `app.use('/admin', requireAdmin)`).
   */
  /** An identifier imported from a relative module, or an inline `require('./x')` (or `.member` of it). */
  private isProjectModuleValue(target: TSESTree.Node): target is TSESTree.Identifier | TSESTree.CallExpression | TSESTree.MemberExpression {
    if (target.type === AST_NODE_TYPES.Identifier) return importedFromProject(target, this.context.scopeOf);
    if (target.type !== AST_NODE_TYPES.CallExpression && target.type !== AST_NODE_TYPES.MemberExpression) return false;
    return requiredFromProject(target) !== null;
  }

  private isImportedRouter(identifier: TSESTree.Identifier, lastOfScopedUse: boolean): boolean {
    // `for (const r of [usersRouter, ordersRouter]) app.use('/api', r)`: each listed one is mounted.
    if (lastOfScopedUse && loopsOverImports(identifier, this.context)) return true;
    if (!importedFromProject(identifier, this.context.scopeOf)) return false;
    if (MOUNT_TARGET_NAMES.test(identifier.name)) return true;
    return lastOfScopedUse && !MIDDLEWARE_NAMES.test(identifier.name);
  }

  private recordRoute(
    receiver: Receiver,
    /** The registration, or the element of an exported table registered in another file. */
    call: TSESTree.CallExpression | TSESTree.ObjectExpression,
    method: string,
    path: string | null,
    firstHandlerIndex: number,
    pathNode: TSESTree.Node,
    /** A route of a table registered in a loop: its own arguments, and the element it is reported on. */
    tableRoute?: { args: TSESTree.Expression[]; reportNode: TSESTree.Node },
  ): void {
    // A link of `router.route('/p').get(…)` returns the route, not the router: only the others chain.
    // Restify's route methods return the route too.
    if (firstHandlerIndex === 1 && receiver.framework !== 'restify' && !tableRoute && call.type === AST_NODE_TYPES.CallExpression) this.links.set(call, receiver);
    const args = tableRoute?.args ?? (call.type === AST_NODE_TYPES.CallExpression ? spreadMiddleware(call.arguments.slice(firstHandlerIndex)) : []);
    let handlerNode: TSESTree.Node | undefined = args[args.length - 1];
    let middleware: TSESTree.Node[] = args.slice(0, -1);
    if (handlerNode && unwrap(handlerNode).type === AST_NODE_TYPES.ArrayExpression) {
      const elements = (unwrap(handlerNode) as TSESTree.ArrayExpression).elements.filter(
        (element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement,
      );
      middleware = [...middleware, ...elements.slice(0, -1)];
      handlerNode = elements[elements.length - 1];
    }
    if (!handlerNode) return;
    const fn = resolveHandler(handlerNode, this.context.scopeOf(handlerNode));
    const localGuards = this.guardsFrom(middleware, 'route');
    const route: Route = {
      framework: receiver.framework ?? 'express',
      methods: [method === 'del' ? 'DELETE' : method.toUpperCase()],
      path,
      reportNode: tableRoute?.reportNode ?? call,
      handler: { node: handlerNode, fn, style: 'express', validation: replacingValidation(middleware, this.context, 'express') },
      guards: localGuards,
      insertBefore: tableRoute || call.type !== AST_NODE_TYPES.CallExpression ? null : firstHandlerIndex === 0 ? (call.arguments[0] ?? null) : handlerNode,
      owner: { name: receiver.name, mountedElsewhere: false, declaration: receiver.declaration },
    };
    void pathNode;
    receiver.events.push({ type: 'route', route, localPath: path, localGuards, position: call.type === AST_NODE_TYPES.CallExpression ? linkPosition(call) : call.range[0] });
    this.context.claimed.add(call);
    if (fn) this.context.claimed.add(fn);
  }

  /** Static prefix under which the receiver's routes are reachable (mount paths joined), through its first mount or `via`. */
  private prefixOf(receiver: Receiver, depth = 0, via = receiver.mountedBy): string | null {
    if (!via || depth > 8) return '';
    const { parent, event } = via;
    return joinPaths(this.prefixOf(parent, depth + 1), event.path);
  }

  /** Guards inherited by something registered on `receiver` at `position` under `localPath`, through its first mount or `via`. */
  private inheritedGuards(receiver: Receiver, localPath: string | null, position: number, depth = 0, via = receiver.mountedBy, deferPaths = false): RouteGuard[] {
    if (depth > 8) return [];
    const guards: RouteGuard[] = [];
    if (via) {
      const { parent, event } = via;
      const mountPath = joinPaths(event.path, localPath);
      guards.push(...this.inheritedGuards(parent, mountPath, event.position, depth + 1), ...event.guards);
    }
    for (const event of receiver.events) {
      if (event.type !== 'use' || event.position >= position || event.routers.length > 0) continue;
      if (event.path === null) continue;
      // Installed in some runs only (`if (process.env.AUTH_DISABLED !== 'true') app.use(auth)`), and
      // this registration is not under the same condition: not surely in front of it.
      if (event.within && !(event.within[0] <= position && position < event.within[1])) continue;
      if (localPath !== null && !isUnderPrefix(localPath, event.path)) {
        const underPath = deferPaths && depth === 0 ? joinPaths(this.prefixOf(receiver, 0, via), event.path) : null;
        if (underPath !== null) guards.push(...event.guards.map((guard) => ({ ...guard, underPath })));
        continue;
      }
      guards.push(...event.guards);
    }
    return guards;
  }

  private finishReceiver(receiver: Receiver): void {
    // One copy of each route per mount of the receiver in this file, each judged at its own mount
    // (the copies share the handler, which the analyses read once).
    const vias = receiver.mountedBy ? [receiver.mountedBy, ...receiver.alsoMountedBy] : [null];
    for (const [index, via] of vias.entries()) {
      const prefix = this.prefixOf(receiver, 0, via);
      const owner = this.ownerOf(receiver, via);
      for (const event of receiver.events) {
        if (event.type !== 'route') continue;
        const route = index === 0 ? event.route : { ...event.route };
        route.guards = [...this.inheritedGuards(receiver, event.localPath, event.position, 0, via), ...event.localGuards];
        route.path = joinPaths(prefix, event.localPath);
        route.owner = { ...owner };
        this.result.routes.push(route);
      }
    }
  }

  /**
   * The owner of what is registered on `receiver` (mounted through its first mount or `via`), with
   * the function that returns its outermost instance.
   */
  private ownerOf(receiver: Receiver, via = receiver.mountedBy): RouteOwner {
    let outer = via ? via.parent : receiver;
    for (let depth = 0; outer.mountedBy && depth < 8; depth++) outer = outer.mountedBy.parent;
    const returnedFrom = this.returnedFrom(outer);
    return {
      name: receiver.name,
      mountedElsewhere: !receiver.isApp && !this.isMountedInFile(receiver, 0, via),
      declaration: receiver.declaration,
      outermost: this.outermost(receiver, via),
      ...(returnedFrom ? { returnedFrom } : {}),
    };
  }

  /**
   * The function that creates `receiver` (declares its variable) and returns it, when the instance
   * is not served there (`app.listen()` makes it a top-level app whatever the function returns).
   */
  private returnedFrom(receiver: Receiver): FunctionNode | null {
    const declaration = receiver.declaration;
    const variable = receiver.key;
    if (receiver.listened || typeof variable === 'string' || !('defs' in variable)) return null;
    if (declaration?.type !== AST_NODE_TYPES.Identifier || declaration.parent.type !== AST_NODE_TYPES.VariableDeclarator) return null;
    const fn = enclosingFunction(declaration);
    if (!fn) return null;
    let returned = false;
    walk(fn.body, (node) => {
      if (returned || (node !== fn.body && isFunction(node))) return 'skip';
      if (node.type !== AST_NODE_TYPES.ReturnStatement || !node.argument) return undefined;
      const value = unwrap(node.argument);
      if (value.type === AST_NODE_TYPES.Identifier && findVariable(this.context.scopeOf(value), value.name) === variable) returned = true;
      return undefined;
    });
    return returned ? fn : null;
  }

  /**
   * What a function returns, handed on other than by a mount, a `listen` or `createServer`: passed
   * to another function (`serverless(createApp())`, `vhost('a.example', keys.app())`) or exported
   * (`module.exports = createApp()`). It may be served there, out of view: it counts as served, and
   * stays a top-level app.
   */
  private recordEscapes(calls: readonly TSESTree.CallExpression[]): void {
    for (const call of calls) {
      if (this.context.claimed.has(call)) continue;
      const callee = unwrap(call.callee);
      if (this.isCreateServer(callee)) continue;
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'listen') continue;
      for (const argument of call.arguments) {
        if (argument.type !== AST_NODE_TYPES.SpreadElement && this.mayCallProjectFunction(argument)) this.recordServed(call, argument, false);
      }
    }
    for (const statement of this.context.program.body) {
      for (const [node, value] of exportedValues(statement)) {
        if (this.mayCallProjectFunction(value)) this.recordServed(node, value, false);
      }
    }
  }

  /**
   * A cheap test before `factoryResult` reads another file: a call (or a variable bound once to a
   * call) of a function of this file or of a module of the project (a relative import or require).
   */
  private mayCallProjectFunction(node: TSESTree.Node): boolean {
    let target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.context.scopeOf(target), target.name);
      const definition = variable ? singleDefinition(variable) : null;
      if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
      target = unwrap(definition.node.init);
    }
    if (target.type !== AST_NODE_TYPES.CallExpression) return false;
    let root = unwrap(target.callee);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.context.scopeOf(root), root.name);
    if (!variable) return false;
    const source = importSource(this.context.scopeOf(root), root.name);
    return source === null ? variable.defs.length > 0 && variable.scope.type !== 'global' : isLocalModule(source.module);
  }

  /** `http.createServer(...)`, `createServer` of `node:http`, `require('https').createServer`. */
  private isCreateServer(callee: TSESTree.Node): boolean {
    const member = moduleMember(callee, this.context);
    return member !== null && SERVER_MODULES.has(member.module) && member.path.length === 1 && member.path[0] === 'createServer';
  }

  /**
   * `app.listen()`, `http.createServer(app)`, `createApp().listen()`: an instance served directly, a
   * top-level app. An escape (`direct` false) concerns only what a function returns: an app handed
   * to a helper in the function that creates it (`configure(app); return app`) is not served by it.
   */
  private recordServed(call: TSESTree.Node, value: TSESTree.Node, direct = true): void {
    const target = unwrap(value);
    const produced = this.factoryResult(target);
    if (produced && 'local' in produced) produced.local.listened = true;
    else if (produced) (this.result.served ??= []).push({ node: call, resultOf: produced.resultOf });
    if (direct && target.type === AST_NODE_TYPES.Identifier) {
      const receiver = this.localRouter(target);
      if (receiver) receiver.listened = true;
    }
  }

  /**
   * The instance a call of a project function gives (`keys.app()`, `makeRouter()`), or a variable
   * bound once to such a call holds: a receiver of this file that the function returns, or the
   * functions (`resultOf`) whose returned instance it is. Null when the function returns no app or
   * router (a middleware factory: `needsPermission('x')`).
   */
  private factoryResult(node: TSESTree.Node, depth = 0): FactoryResult | null {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier && depth === 0) {
      const variable = findVariable(this.context.scopeOf(target), target.name);
      const definition = variable ? singleDefinition(variable) : null;
      if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init || definition.node.id !== definition.name) return null;
      return this.factoryResult(definition.node.init, depth + 1);
    }
    if (target.type !== AST_NODE_TYPES.CallExpression) return null;
    const callee = unwrap(target.callee);
    // `app.use('/monitors', require('./routes/monitors')(services))`: the factory module required
    // and called inline, as a variable holding the same `require` would be.
    if (callee.type === AST_NODE_TYPES.CallExpression && inlineRequire(callee)?.member === null) {
      const required = crossFileTarget(callee, this.context.sourceCode, { wholeModuleCalls: true });
      const chain = required ? routerFactoryChain(required.fn, required.module.sourceCode) : null;
      return chain === null ? null : { resultOf: chain, callee };
    }
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const local = resolveFunction(callee, this.context.scopeOf(callee));
    if (local) {
      // A router of this file the function returns is mounted (or served) where its call is.
      const receiver = this.returnedRouter(local);
      if (receiver) return { local: receiver };
      const chain = routerFactoryChain(local, this.context.sourceCode);
      return chain === null ? null : { resultOf: chain, callee };
    }
    // A factory module called whole (`app.use('/v1/projects', createProjectsRouter(deps))` with
    // `module.exports = function createProjectsRouter(deps) {…}`): only its call is a mount; the
    // module handed over uncalled (`lazyUse('/members', require('../members'))`) is not read here.
    const other = crossFileTarget(callee, this.context.sourceCode, { wholeModuleCalls: true });
    const chain = other ? routerFactoryChain(other.fn, other.module.sourceCode) : null;
    return chain === null ? null : { resultOf: chain, callee };
  }

  /** The declaration of the outermost router `receiver` is mounted on in this file (through `via`), or null when it is not mounted here. */
  private outermost(receiver: Receiver, via = receiver.mountedBy): TSESTree.Node | null {
    if (!via) return null;
    let outer = via.parent;
    for (let depth = 0; outer.mountedBy && depth < 8; depth++) outer = outer.mountedBy.parent;
    return outer === receiver ? null : outer.declaration;
  }

  private isMountedInFile(receiver: Receiver, depth = 0, via = receiver.mountedBy): boolean {
    if (depth > 8 || !via) return false;
    const parent = via.parent;
    return parent.isApp || this.isMountedInFile(parent, depth + 1);
  }
}

/**
 * Where a registration happens in the order of the file: at its method name, so that the links of
 * a chain (`router.use(auth).get('/x', h)`, all starting where `router` is written) follow one
 * another, and a statement's registrations stay after the ones of the statements before it.
 */
function linkPosition(call: TSESTree.CallExpression): number {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.property.range[0] : call.range[0];
}

/**
 * The arguments of a route registration, a spread list of middleware before the handler read as
 * that list (`router.get('/me', ...signedIn, handler)` with `const signedIn = [requiresAuth(),
 * loadUser]`, whose elements `guardsFrom` reads). A spread in last place is left out: which of its
 * elements is the handler is not known.
 */
function spreadMiddleware(written: readonly TSESTree.CallExpressionArgument[]): TSESTree.Expression[] {
  return written.flatMap((argument, index) => (argument.type !== AST_NODE_TYPES.SpreadElement ? [argument] : index < written.length - 1 ? [argument.argument] : []));
}

/**
 * Whether a statement of a setup function may not run: it stands under a condition (`if
 * (options.auth) app.use(auth)`, `cond && app.use(auth)`), or a statement before it leaves the
 * function on one (`if (options.publicDemo) return;`). The condition decides per deployment (an
 * option, the environment) whether the routes after the call are guarded: they are not surely
 * guarded, so the guard is not taken to run. A condition that only tests for a test or development
 * environment (`process.env.NODE_ENV === 'test'`) leaves production guarded and is ignored.
 */
function skippedInSomeRuns(statement: TSESTree.Node, fn: FunctionNode): boolean {
  let child: TSESTree.Node = statement;
  for (let current = statement.parent; current && current !== fn; child = current, current = current.parent) {
    if (!runsInProduction(current, child)) return true;
    if (current.type === AST_NODE_TYPES.BlockStatement) {
      const index = current.body.indexOf(child as TSESTree.Statement);
      for (const before of current.body.slice(0, Math.max(0, index))) {
        if (before.type === AST_NODE_TYPES.IfStatement && leavesEarlyInProduction(before)) return true;
      }
    }
  }
  return false;
}
/**
 * Whether an `if` may leave the function early in production: a side that may run there holds a
 * `return` not inside a nested function (a side a `process.env.NODE_ENV` test takes only in tests or
 * development does not count, see `productionValue`). A `throw` stops the app from starting (`if
 * (!options.secret) throw …`): it skips nothing.
 */
function leavesEarlyInProduction(statement: TSESTree.IfStatement): boolean {
  const value = productionValue(statement.test);
  const sides = value === null ? [statement.consequent, statement.alternate] : [value ? statement.consequent : statement.alternate];
  let found = false;
  for (const branch of sides) {
    if (!branch) continue;
    walk(branch, (node) => {
      if (found || isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement) found = true;
      return undefined;
    });
  }
  return found;
}

/** A property name as written (`use` of `app.use`). */
function propertyNameOf(node: TSESTree.Node): string | null {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : null;
}

/** A `use` path argument: a string or template starting with `/`, or a list of them. */
function isPathText(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ArrayExpression) return target.elements.length > 0 && target.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isPathText(element, scopeOf));
  if (target.type === AST_NODE_TYPES.Literal) return typeof target.value === 'string' ? target.value.startsWith('/') : 'regex' in target;
  return target.type !== AST_NODE_TYPES.CallExpression && !isFunction(target) && (staticString(target, scopeOf(target))?.startsWith('/') ?? false);
}

/**
 * Whether a `use` argument of a setup function may mount routes rather than run as middleware: a
 * local module (imported, or required inline) named like a router, or last of a path-scoped `use`
 * with a name that does not read like middleware (as `isImportedRouter` reads a mount), or a
 * router or app created in place.
 */
function mountsSomething(argument: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope, lastOfScopedUse: boolean): boolean {
  const target = unwrap(argument);
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (importedFromProject(target, scopeOf)) return MOUNT_TARGET_NAMES.test(target.name) || (lastOfScopedUse && !MIDDLEWARE_NAMES.test(target.name));
    const variable = findVariable(scopeOf(target), target.name);
    const init = variable?.defs.length === 1 && variable.defs[0]?.node.type === AST_NODE_TYPES.VariableDeclarator ? variable.defs[0].node.init : null;
    return init !== null && init !== undefined && mountsSomething(init, scopeOf, lastOfScopedUse);
  }
  if (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.MemberExpression) {
    if (isRequiredRouter(target, lastOfScopedUse)) return true;
    const base = chainBase(target);
    return base.type === AST_NODE_TYPES.CallExpression && expressCreation(base, scopeOf) !== null;
  }
  return false;
}

/**
 * Whether an identifier is imported (or required) from a module of the project: a relative path,
 * an alias, or a name the project index resolves to one of its files (a tsconfig `paths` alias
 * such as `@app/routes/billing`). The same test a guard's module gets (`isProjectModule`).
 */
function importedFromProject(identifier: TSESTree.Identifier, scopeOf: (node: TSESTree.Node) => Scope): boolean {
  const source = importSource(scopeOf(identifier), identifier.name);
  return source !== null && isProjectModule({ module: source.module, from: identifier });
}

/** `require('./routes/billing')` (or `.member` of it) of a module of the project (see `importedFromProject`). */
function requiredFromProject(target: TSESTree.Node): { module: string; member: string | null } | null {
  const required = inlineRequire(target);
  return required !== null && isProjectModule({ module: required.module, from: target }) ? required : null;
}

/**
 * `app.use('/admin', requireAdmin, require('./routes/admin'))`: a local module required inline is
 * a router on the same terms as an imported identifier, judged by the module's file name.
 */
function isRequiredRouter(target: TSESTree.CallExpression | TSESTree.MemberExpression, lastOfScopedUse: boolean): boolean {
  const required = requiredFromProject(target);
  if (required === null) return false;
  // `require('./routes/index')` names its folder: the module is `./routes`.
  const segments = required.module.replace(/\.[cm]?[jt]s$/u, '').split('/');
  if (segments.length > 1 && segments.at(-1) === 'index') segments.pop();
  const name = required.member ?? segments.at(-1) ?? '';
  if (name === '' || name === '.' || name === '..') return lastOfScopedUse;
  if (MOUNT_TARGET_NAMES.test(name)) return true;
  return lastOfScopedUse && !MIDDLEWARE_NAMES.test(name);
}

/** `require('./middleware/auth')` (or `.member` of it) as written, for a guard loaded inline. */
function requiredName(node: TSESTree.Node): string | null {
  const required = inlineRequire(node);
  return required && `require('${required.module}')${required.member === null ? '' : `.${required.member}`}`;
}

/** The array literal a `const` is bound to (`const secured = [authenticate, audit]`), or null. */
function constArray(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope): TSESTree.ArrayExpression | null {
  const variable = findVariable(scope, identifier.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const declarator = definition?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || declarator.parent.kind !== 'const') return null;
  const init = unwrap(declarator.init);
  return init.type === AST_NODE_TYPES.ArrayExpression ? init : null;
}

/**
 * The values a top-level statement exports, with the node that exports each: `module.exports = x`,
 * `exports.a = x`, `module.exports = { a: x }`, `export default x`, `export const a = x`.
 */
function exportedValues(statement: TSESTree.ProgramStatement): [TSESTree.Node, TSESTree.Node][] {
  if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) return [[statement, statement.declaration]];
  if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
    return statement.declaration.declarations.flatMap((declarator): [TSESTree.Node, TSESTree.Node][] => (declarator.init ? [[declarator, declarator.init]] : []));
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) return [];
  const { left, right } = statement.expression;
  const root = dottedName(left);
  if (root === null || !/^(?:module\.)?exports\b/u.test(root)) return [];
  const value = unwrap(right);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return [[statement, value]];
  return value.properties.flatMap((property): [TSESTree.Node, TSESTree.Node][] => (property.type === AST_NODE_TYPES.Property ? [[property, property.value]] : []));
}

/** Express apps and routers, and the apps of Express-like packages, as `factoryChain` finds them. */
const expressFactories: FactoryKind = {
  creates: (node, scopeOf) => expressCreation(node, scopeOf) !== null || expressLikeCreation(node, scopeOf) !== null,
  maxSteps: 6,
  chains: new WeakMap(),
};

/**
 * The functions whose returned app or router a call of `fn` gives, `fn` first (`const app =
 * express(); …; return app`, `= createExpressApp(settings)`, `return sshkeys.app()`): see
 * `factoryChain`. Null for a middleware factory.
 */
export function routerFactoryChain(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): readonly FunctionNode[] | null {
  return factoryChain(fn, sourceCode, expressFactories);
}

/**
 * The object a chain of registrations starts from: `router` in `router.get('/a', a).use(auth)`.
 * Registration methods return their app or router (`route` does not, and ends the chain).
 */
function chainBase(node: TSESTree.Node): TSESTree.Node {
  let current = unwrap(node);
  for (let depth = 0; depth < 64 && current.type === AST_NODE_TYPES.CallExpression; depth++) {
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) break;
    if (!HTTP_METHODS.has(callee.property.name) && callee.property.name !== 'use') break;
    current = unwrap(callee.object);
  }
  return current;
}

/** What every `return` of `fn` gives, when all give an app (or all a router) created there with Express. */
function returnedCreation(fn: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope): 'app' | 'router' | null {
  const returned = returnedValues(fn);
  let kind: 'app' | 'router' | null = null;
  for (const node of returned) {
    let value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const definition = findVariable(scopeOf(value), value.name)?.defs[0];
      if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) value = unwrap(definition.node.init);
    }
    const found = value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression ? expressCreation(value, scopeOf) : null;
    if (found === null || (kind !== null && kind !== found)) return null;
    kind = found;
  }
  return kind;
}

/** The Express-like server an expression creates (`restify.createServer()`, `polka()`), or null. */
function expressLikeCreation(init: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): (typeof expressLikeCreators)[number] | null {
  const target = unwrap(init);
  if (target.type !== AST_NODE_TYPES.CallExpression && target.type !== AST_NODE_TYPES.NewExpression) return null;
  const callee = unwrap(target.callee);
  const scope = scopeOf(target);
  let module: string | null = null;
  let path = '';
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(scope, callee.name);
    module = source?.module ?? null;
    path = source?.imported === null || source?.imported === 'default' ? '' : (source?.imported ?? '');
  } else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    const object = unwrap(callee.object);
    const source = object.type === AST_NODE_TYPES.Identifier ? importSource(scope, object.name) : null;
    const whole = source !== null && (source.imported === null || source.imported === 'default');
    module = whole ? source.module : requiredModule(object);
    path = callee.property.name;
  } else {
    module = requiredModule(callee);
  }
  return expressLikeCreators.find((entry) => entry.module === module && entry.path === path) ?? null;
}

/** `express()`, `express.Router()`, `Router()` of express, `require('express')()`: what the call creates, read in the file of `scopeOf`. */
function expressCreation(target: TSESTree.CallExpression | TSESTree.NewExpression, scopeOf: (node: TSESTree.Node) => Scope): 'app' | 'router' | null {
  const callee = unwrap(target.callee);
  const scope = scopeOf(target);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(scope, callee.name);
    if (source && ROUTER_PACKAGES.has(source.module) && (source.imported === null || source.imported === 'default')) return 'router';
    if (!source || !EXPRESS_MODULES.has(source.module)) return null;
    if (source.imported === 'Router') return 'router';
    return source.imported === null ? 'app' : null;
  }
  if (callee.type === AST_NODE_TYPES.CallExpression && requiredModule(callee) === 'express') return 'app';
  // `require('express-promise-router')()`
  if (callee.type === AST_NODE_TYPES.CallExpression && ROUTER_PACKAGES.has(requiredModule(callee) ?? '')) return 'router';
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
    const property = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : null;
    if (property !== 'Router') return null;
    const object = unwrap(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier) {
      const source = importSource(scope, object.name);
      return source && EXPRESS_MODULES.has(source.module) ? 'router' : null;
    }
    return requiredModule(object) === 'express' ? 'router' : null;
  }
  return null;
}

/**
 * The list a loop variable walks: the right side of `for (const r of routes)`, or the object of
 * `routes.forEach((r) => …)` whose callback declares it first; null for any other variable.
 */
/** `r.method` of the loop variable `r` (or `r.method.toLowerCase()`): the field's name, else null. */
function loopField(node: TSESTree.Node, loopVariable: string): string | null {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.CallExpression && target.arguments.length === 0) {
    const inner = unwrap(target.callee);
    if (inner.type === AST_NODE_TYPES.MemberExpression && propertyNameOf(inner.property) === 'toLowerCase') target = unwrap(inner.object);
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || target.object.type !== AST_NODE_TYPES.Identifier || target.object.name !== loopVariable) return null;
  return propertyNameOf(target.property);
}

/**
 * A spread argument of a table loop that picks its list by a field of the element:
 * `...(r.auth ? [requireAuth] : [])`, `...(!r.public ? [authenticate, audit] : [])`. Null for any
 * other argument, or when a branch is not a list literal.
 */
function tableConditional(node: TSESTree.Node, loopVariable: string): { field: string; whenTruthy: TSESTree.Expression[]; whenFalsy: TSESTree.Expression[] } | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.ConditionalExpression) return null;
  let test = unwrap(target.test);
  let negated = false;
  while (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') {
    negated = !negated;
    test = unwrap(test.argument);
  }
  const field = loopField(test, loopVariable);
  const branch = (side: TSESTree.Node): TSESTree.Expression[] | null => {
    const list = unwrap(side);
    if (list.type !== AST_NODE_TYPES.ArrayExpression || list.elements.some((element) => element === null || element.type === AST_NODE_TYPES.SpreadElement)) return null;
    return list.elements as TSESTree.Expression[];
  };
  const consequent = branch(target.consequent);
  const alternate = branch(target.alternate);
  if (field === null || consequent === null || alternate === null) return null;
  return negated ? { field, whenTruthy: alternate, whenFalsy: consequent } : { field, whenTruthy: consequent, whenFalsy: alternate };
}

/** How a loop over a table reads each element: the fields of its method and path, and of the arguments after the path. */
interface TableTemplate {
  methodKey: string;
  pathKey: string;
  args: { key: string; spread: boolean }[];
}

/**
 * The fields a table registration `router[r.method](r.path, …, r.handler)` reads, or null when the
 * method or the path is not a field of the element, or the last argument (the handler) is not one.
 * Arguments that are not fields (`authenticate`, passed to every element) are left out.
 */
function tableTemplate(call: TSESTree.CallExpression, loopVariable: string): TableTemplate | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !callee.computed) return null;
  const methodKey = loopField(callee.property, loopVariable);
  const [pathArgument, ...rest] = call.arguments;
  const pathKey = pathArgument && pathArgument.type !== AST_NODE_TYPES.SpreadElement ? loopField(pathArgument, loopVariable) : null;
  const last = rest.at(-1);
  if (methodKey === null || pathKey === null || !last || last.type === AST_NODE_TYPES.SpreadElement || loopField(last, loopVariable) === null) return null;
  const args = rest.flatMap((argument) => {
    const spread = argument.type === AST_NODE_TYPES.SpreadElement;
    const key = loopField(spread ? argument.argument : argument, loopVariable);
    return key === null ? [] : [{ key, spread }];
  });
  return { methodKey, pathKey, args };
}

/** At most this many importing files are read for loops over a file's exported tables. */
const MAX_TABLE_IMPORTERS = 32;
const tableLoops = new WeakMap<TSESTree.Program, (TableTemplate & { exported: string })[]>();

/**
 * The loops of files of the project that import Express and register each element of a table
 * exported by `filename` (`routes.forEach((r) => router[r.method](r.path, ...r.middlewares,
 * r.handler))` or `for (const r of routes)`, `routes` imported from it): the export each loops
 * over and how it reads the elements. Read once per parse of each importer.
 */
function importedTableLoops(filename: string): (TableTemplate & { exported: string })[] {
  const index = projectIndexOf(filename);
  if (index === null || !index.has(filename)) return [];
  const file = path.resolve(filename);
  const found: (TableTemplate & { exported: string })[] = [];
  for (const importer of index.importersOf(file).slice(0, MAX_TABLE_IMPORTERS)) {
    const module = index.module(importer);
    if (!module || ![...importedModules(module.program)].some((name) => EXPRESS_MODULES.has(name))) continue;
    let loops = tableLoops.get(module.program);
    if (!loops) {
      loops = [];
      for (const call of nodesOfType(module.program, AST_NODE_TYPES.CallExpression)) {
        const callee = unwrap(call.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || !callee.computed) continue;
        let property = unwrap(callee.property);
        if (property.type === AST_NODE_TYPES.CallExpression && property.arguments.length === 0) {
          const inner = unwrap(property.callee);
          if (inner.type === AST_NODE_TYPES.MemberExpression && propertyNameOf(inner.property) === 'toLowerCase') property = unwrap(inner.object);
        }
        if (property.type !== AST_NODE_TYPES.MemberExpression || property.object.type !== AST_NODE_TYPES.Identifier) continue;
        const loopVariable = property.object.name;
        const list = loopedTable(scopeOf(module.sourceCode, property.object), loopVariable);
        const target = list ? unwrap(list) : null;
        const template = tableTemplate(call, loopVariable);
        if (target?.type !== AST_NODE_TYPES.Identifier || template === null) continue;
        const source = importSource(scopeOf(module.sourceCode, target), target.name);
        if (source === null || !isLocalModule(source.module)) continue;
        const resolved = index.resolve(module.file, source.module);
        if (resolved !== null) loops.push({ ...template, exported: `${resolved}\0${source.imported === null || source.imported === 'default' ? 'default' : source.imported}` });
      }
      tableLoops.set(module.program, loops);
    }
    for (const loop of loops) {
      const [target = '', exported = ''] = loop.exported.split('\0');
      if (target === file) found.push({ ...loop, exported });
    }
  }
  return found;
}

/** The export name a holder of `exportedValues` gives its value (`default` for `module.exports = …`), or null. */
function exportedNameOf(holder: TSESTree.Node): string | null {
  if (holder.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
  if (holder.type === AST_NODE_TYPES.VariableDeclarator) return holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : null;
  if (holder.type === AST_NODE_TYPES.Property) return holder.computed ? null : propertyName(holder.key);
  if (holder.type === AST_NODE_TYPES.ExpressionStatement && holder.expression.type === AST_NODE_TYPES.AssignmentExpression) {
    const target = dottedName(holder.expression.left);
    if (target === 'module.exports') return 'default';
    const named = target === null ? null : /^(?:module\.)?exports\.([\w$]+)$/u.exec(target)?.[1];
    return named ?? null;
  }
  return null;
}

/** The array a constant of the file holds (`const routes = [...]; module.exports = routes`), for its owner. */
function tableDeclaration(identifier: TSESTree.Identifier, context: ExtractContext): TSESTree.Node | null {
  const variable = findVariable(context.scopeOf(identifier), identifier.name);
  const definition = variable ? singleDefinition(variable) : null;
  return definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init ? definition.node.init : null;
}

function loopedTable(scope: Scope, name: string): TSESTree.Node | null {
  const variable = findVariable(scope, name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return null;
  if (definition.type === 'Variable') {
    const statement = definition.parent?.parent;
    return statement?.type === AST_NODE_TYPES.ForOfStatement && statement.left === definition.parent ? statement.right : null;
  }
  if (definition.type !== 'Parameter' || !isFunction(definition.node) || definition.node.params[0] !== definition.name) return null;
  const call = definition.node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== definition.node) return null;
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && propertyNameOf(callee.property) === 'forEach' ? callee.object : null;
}
