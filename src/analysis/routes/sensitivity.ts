import { responseMemberPath } from '../exposure/response-path.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  responseSinks,
  sqlQueryMethods,
  sqlTemplateTags,
} from '../../models/exposure.js';
import type { RequestStyle } from '../../models/frameworks/request-inputs.js';
import {
  fileReadFunctions,
  fileResponseMethods,
  httpErrorStatusNames,
  mutatingBuiltinMethods,
  pureGlobalClasses,
  pureGlobalFunctions,
  rawSqlMethods,
  safeHttpMethods,
  serverChangingFunctions,
  selfContainedMembers,
  selfContainedMethods,
  sessionMembers,
  storeInsertMethods,
  storeQueryMethods,
  storeReadMethods,
  storeRecordMethods,
  personalFieldWords,
  projectionMethods,
  returnAnsweringStyles,
  storeWriteMethods,
} from '../../models/route-sensitivity.js';
import { builtinReceivers } from '../../models/sinks/index.js';
import { classMethodOf, dottedName, findVariable, importSource, isFunction, propertyName, resolveFunction, scopeLookup, singleDefinition, thisClass, unwrap, walk, type FunctionNode, type Scope } from '../../utils/ast.js';
import { OriginTracer, type Origin } from '../exposure/trace.js';
import { crossFileTarget } from '../project/calls.js';
import { fileOfNode, parseProjectFile, type ProjectModule } from '../project/parse.js';
import { isSecretName, splitWords } from '../secrets/names.js';
import { isPrivilegedRoute, type AuthVocabulary } from './auth.js';
import { isBodyStreamEvent } from './handlers.js';
import { isStoreReceiver, receiverName } from './store-writes.js';
import type { Route } from './types.js';

/*
 * Whether a route needs a caller, by what its handler does (issue 12): a route that changes state,
 * answers stored data or secrets, or lies on a privileged path. `no-unauthenticated-route` reports an
 * unauthenticated route in its default mode only when one of these holds. Evidence only: a handler
 * whose callees are out of view (a package's class) gives none, and a read-only route without
 * evidence is left alone. Functions are followed in this file and, through the project model, in
 * other files, to a bounded depth, each function's answer remembered while the files it read are
 * unchanged.
 */

/** Functions followed from the handler (a service, then its repository, then a helper). */
const MAX_DEPTH = 3;
/** Nesting of values looked into (object literals, member chains, local constants). */
const MAX_VALUE_DEPTH = 8;

/** A file's parse as the analysis needs it. */
interface Source {
  sourceCode: Readonly<TSESLint.SourceCode>;
  scopeOf: (node: TSESTree.Node) => Scope;
  /** The project module, for a file other than the linted one (for freshness). */
  module: ProjectModule | null;
}

/** What a function does, as far as a caller's need is concerned. */
interface Effects {
  /** The first state change in it (or in what it calls), described with its line. */
  change: string | null;
  /** Parameter positions that key a store read (`findById(id)`), in it or in what it calls. */
  keys: ReadonlySet<number>;
  /** A read of a file whose path is one of these parameter positions. */
  fileKeys: ReadonlySet<number>;
}

interface Remembered<T> {
  value: T;
  deps: ProjectModule[];
}

const NO_EFFECTS: Effects = { change: null, keys: new Set(), fileKeys: new Set() };
const effectsMemo = new WeakMap<FunctionNode, Remembered<Effects>>();
const returnsMemo = new WeakMap<FunctionNode, Remembered<Origin | null>>();

function fresh(deps: readonly ProjectModule[]): boolean {
  return deps.every((dep) => parseProjectFile(dep.file) === dep);
}

/**
 * Why `route` needs a caller (a phrase such as `it changes state (POST)`), or null when the handler
 * in view gives no evidence that it does.
 */
export function routeNeedsCaller(route: Route, sourceCode: Readonly<TSESLint.SourceCode>, vocabulary: AuthVocabulary): string | null {
  const handler = route.handler;
  const resolved = handler ? resolveHandler(handler.fn, handler.node, sourceCode) : null;
  // A `node:http` listener gets every method: the ones it tells apart say which it serves, and what
  // it does with the others is judged by its body, as for a read.
  const unsafe =
    route.framework === 'node-http' && resolved
      ? dispatchedUnsafeMethod(resolved.fn)
      : route.methods.length === 0
        ? 'ALL'
        : route.methods.find((method) => !safeHttpMethods.has(method));
  const privileged = unsafe === undefined && isPrivilegedRoute(route, vocabulary);
  if (unsafe !== undefined || privileged) {
    if (resolved && handler) {
      // A stub that only refuses, or a first-run setup that refuses once it has run, needs no caller.
      if (onlyRefuses(resolved.fn)) return null;
      if (actsOnlyBeforeSetUp(resolved.fn, resolved.source, inputParams(resolved.fn, handler.style), 0, new Set()) !== null) return null;
      // A `node:http` server that lives until its listener has answered once (a first-run page).
      if (route.framework === 'node-http' && servesOnce(resolved.fn)) return null;
      // A handler registered for every method (a pages-router API file, `app.all`, a listener with
      // no method dispatch) that touches nothing outside itself and answers no secret (a health
      // check, a version, a public configuration, an echo) is judged by what it does, not as a
      // write. A named unsafe method (`POST`, `DELETE`) says what the route is for: a body that
      // does nothing in view is a stub of it and stays reported. Never on a privileged path.
      if (unsafe === 'ALL' && !privileged && !isPrivilegedRoute(route, vocabulary) && selfContained(resolved.fn, resolved.source, handler.style, 0, new Set()).value && new HandlerReading(resolved.source, resolved.fn, handler.style).reason() === null) return null;
      // A read of an administration path that demonstrably writes nothing and answers no stored
      // data (`res.json(ownerCount > 0)`) tells the caller a flag, not the administration's data.
      if (privileged && answersOnlyFlags(resolved.fn, handler.style) && callsOnlyInView(resolved.fn, resolved.source, handler.style) && new HandlerReading(resolved.source, resolved.fn, handler.style).reason() === null) return null;
    }
    return unsafe !== undefined ? `it changes state (${unsafe})` : 'its path is privileged';
  }
  if (!resolved || !handler) return null;
  return new HandlerReading(resolved.source, resolved.fn, handler.style).reason();
}

/**
 * Whether every value a handler answers is a store read that lists its columns, none of them
 * personal (`personalFieldWords`) or otherwise sensitive (`isSensitive`): a catalogue read
 * (`db('books').select('title', 'author')`), also through functions of this file or another whose
 * returns are such reads (three deep). False when any answered value is something else: whole
 * records, SQL text, a list built at run time, a value out of view.
 */
export function answersOnlyPublicColumns(route: Route, sourceCode: Readonly<TSESLint.SourceCode>, isSensitive: (name: string) => boolean): boolean {
  const handler = route.handler;
  const resolved = handler ? resolveHandler(handler.fn, handler.node, sourceCode) : null;
  if (!resolved || !handler) return false;
  const values = responseValues(resolved.fn, handler.style);
  if (values.length === 0) return false;
  for (const value of values) {
    const columns = answeredColumns(value, resolved.source, 0).value;
    if (columns === null || columns.some((column) => isSensitive(column) || splitWords(column).some((word) => personalFieldWords.has(word)))) return false;
  }
  return true;
}

const columnsMemo = new WeakMap<FunctionNode, Remembered<string[] | null>>();

/** The columns a value answers when it is a store read listing them (see `answersOnlyPublicColumns`), else null. */
function answeredColumns(node: TSESTree.Node, source: Source, hops: number): Remembered<string[] | null> {
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression) return { value: null, deps: [] };
  const read = storeChain(value, source);
  if (read !== null) return { value: read.counts ? [] : listedColumns(value), deps: [] };
  const target = hops < MAX_DEPTH ? calledFunction(value, source) : null;
  if (!target) return { value: null, deps: [] };
  const known = columnsMemo.get(target.fn);
  if (known && fresh(known.deps)) return known;
  // A recursive function answers what its other branches answer: nothing known through itself.
  columnsMemo.set(target.fn, { value: null, deps: [] });
  const deps: ProjectModule[] = target.source.module ? [target.source.module] : [];
  const returned: TSESTree.Node[] = target.fn.body.type === AST_NODE_TYPES.BlockStatement ? [] : [target.fn.body];
  walk(target.fn.body, (inner) => {
    if (inner !== target.fn.body && isFunction(inner)) return 'skip';
    if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) returned.push(inner.argument);
    return undefined;
  });
  let columns: string[] | null = returned.length > 0 ? [] : null;
  for (const expression of returned) {
    const found = answeredColumns(expression, target.source, hops + 1);
    deps.push(...found.deps);
    if (found.value === null) {
      columns = null;
      break;
    }
    columns?.push(...found.value);
  }
  const answer = { value: columns, deps };
  columnsMemo.set(target.fn, answer);
  return answer;
}

/**
 * The columns a store read chain lists in its projection calls (`select('l.id', 'm.email as
 * contact')` gives `id`, `email`, `contact`), or null when it lists none (whole rows) or one is not
 * a literal.
 */
function listedColumns(call: TSESTree.CallExpression): string[] | null {
  const columns: string[] = [];
  let listed = false;
  let current: TSESTree.Node = call;
  for (let step = 0; step < 16; step++) {
    current = unwrap(current);
    if (current.type !== AST_NODE_TYPES.CallExpression) break;
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const method = propertyName(callee.property);
    if (method !== null && projectionMethods.has(method) && current.arguments.length > 0) {
      listed = true;
      for (const argument of current.arguments) {
        const items = argument.type === AST_NODE_TYPES.ArrayExpression ? argument.elements : [argument];
        for (const item of items) {
          // `select('-passwordHash')` (Mongoose) answers every other field.
          if (item?.type !== AST_NODE_TYPES.Literal || typeof item.value !== 'string' || /(?:^|\s)-/u.test(item.value)) return null;
          for (const part of item.value.split(/\s+as\s+|[\s,]+/iu)) {
            const column = part.split('.').pop() ?? '';
            if (column !== '') columns.push(column);
          }
        }
      }
    }
    current = callee.object;
  }
  return listed && !columns.includes('*') ? columns : null;
}

/**
 * `const done = await new Promise((resolve) => { server = http.createServer((req, res) => { …;
 * resolve(true); }); server.listen(port); }); server.close();`: the server is created inside a
 * promise its listener settles, and the code that awaits the promise closes the server next. It
 * serves until the first request it was started for is handled (an onboarding form, a sign-in
 * callback of a command-line tool), then is gone: a first-run route. The close must follow the
 * awaited promise unconditionally in the same block; a server left open, one settled by something
 * else than its listener (a timer), or closed only under a condition serves on.
 */
function servesOnce(listener: FunctionNode): boolean {
  const created = listener.parent;
  if (created?.type !== AST_NODE_TYPES.CallExpression || !created.arguments.includes(listener as TSESTree.CallExpressionArgument)) return false;
  if (!/(?:^|\.)createServer$/u.test(dottedName(unwrap(created.callee)) ?? '')) return false;
  // The name the server is kept under: `server = createServer(…)` or `const server = createServer(…)`.
  let held: TSESTree.Node = created;
  while (held.parent?.type === AST_NODE_TYPES.AwaitExpression || held.parent?.type === AST_NODE_TYPES.TSAsExpression) held = held.parent;
  const keeper = held.parent;
  const serverName =
    keeper?.type === AST_NODE_TYPES.AssignmentExpression && keeper.right === held && keeper.left.type === AST_NODE_TYPES.Identifier
      ? keeper.left.name
      : keeper?.type === AST_NODE_TYPES.VariableDeclarator && keeper.init === held && keeper.id.type === AST_NODE_TYPES.Identifier
        ? keeper.id.name
        : null;
  if (serverName === null) return false;
  // The promise whose executor holds the listener, and the `resolve` the listener calls.
  let executor: TSESTree.Node | undefined = listener.parent;
  while (executor && !(isFunction(executor) && executor.parent?.type === AST_NODE_TYPES.NewExpression && dottedName(executor.parent.callee) === 'Promise' && executor.parent.arguments[0] === executor)) executor = executor.parent;
  if (!executor || !isFunction(executor)) return false;
  const resolve = executor.params[0];
  if (resolve?.type !== AST_NODE_TYPES.Identifier) return false;
  let settles = false;
  walk(listener.body, (node) => {
    if (settles) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && unwrap(node.callee).type === AST_NODE_TYPES.Identifier && (unwrap(node.callee) as TSESTree.Identifier).name === resolve.name) settles = true;
    return undefined;
  });
  if (!settles) return false;
  // Awaited as a statement of a block, and the server closed by a later statement of that block.
  let awaited: TSESTree.Node = executor.parent as TSESTree.Node;
  if (awaited.parent?.type !== AST_NODE_TYPES.AwaitExpression) return false;
  awaited = awaited.parent;
  let statement: TSESTree.Node = awaited;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && !isFunction(statement.parent)) statement = statement.parent;
  const block = statement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const after = block.body.slice(block.body.indexOf(statement as TSESTree.Statement) + 1, block.body.indexOf(statement as TSESTree.Statement) + 4);
  return after.some((next) => next.type === AST_NODE_TYPES.ExpressionStatement && closesServer(next.expression, serverName));
}

/** `server.close()`, `server?.close(cb)`, `await new Promise((resolve) => server.close(resolve))`. */
function closesServer(expression: TSESTree.Node, serverName: string): boolean {
  let closes = false;
  walk(expression, (node) => {
    if (closes || node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression || node.type === AST_NODE_TYPES.LogicalExpression) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee.property) === 'close' && unwrap(callee.object).type === AST_NODE_TYPES.Identifier && (unwrap(callee.object) as TSESTree.Identifier).name === serverName) closes = true;
    }
    return undefined;
  });
  return closes;
}

/**
 * The method a `node:http` listener serves that changes state, or undefined when it provably serves
 * only safe ones differently: every read of its request's method (`req.method`, a `method`
 * destructured from it, upper- or lower-cased) is compared with literals (`=== 'GET'`, `case 'HEAD':`),
 * and it never reads the request body (`for await (const chunk of req)`, `req.on('data')`,
 * `req.pipe(…)`, a body reader given the request). An unsafe literal compared names that method;
 * any other use of the method, or a body read, is `ALL`.
 */
function dispatchedUnsafeMethod(fn: FunctionNode): string | undefined {
  const request = fn.params[0];
  if (request?.type !== AST_NODE_TYPES.Identifier) return 'ALL';
  const methodNames = new Set<string>();
  walk(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init) return undefined;
    const init = unwrap(node.init);
    if (init.type === AST_NODE_TYPES.Identifier && init.name === request.name && node.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of node.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && propertyName(property.key) === 'method' && property.value.type === AST_NODE_TYPES.Identifier) methodNames.add(property.value.name);
      }
    }
    if (node.id.type === AST_NODE_TYPES.Identifier && isRequestMethod(init, request.name)) methodNames.add(node.id.name);
    return undefined;
  });
  let unsafe: string | undefined;
  let unknown = false;
  const params = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  walk(fn.body, (node) => {
    if (unknown) return 'skip';
    if (readsBody(node, request.name)) {
      unknown = true;
      return 'skip';
    }
    const isRead = isRequestMethod(node, request.name) || (node.type === AST_NODE_TYPES.Identifier && methodNames.has(node.name) && !(node.parent?.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id === node) && node.parent?.type !== AST_NODE_TYPES.Property);
    if (!isRead) return undefined;
    // Upper- or lower-cased first: `req.method.toUpperCase() === 'POST'`.
    let use: TSESTree.Node = node;
    while (use.parent?.type === AST_NODE_TYPES.MemberExpression && use.parent.object === use && ['toUpperCase', 'toLowerCase'].includes(propertyName(use.parent.property) ?? '') && use.parent.parent?.type === AST_NODE_TYPES.CallExpression) use = use.parent.parent;
    const parent = use.parent;
    const literals: (string | null)[] = [];
    // A branch that only refuses its method (`if (req.method === 'POST') { res.statusCode = 405;
    // return res.end(); }`, `case 'DELETE': res.writeHead(405); res.end(); break;`) does not serve it.
    if (parent?.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(parent.operator)) {
      const refused = (parent.operator === '==' || parent.operator === '===') && parent.parent?.type === AST_NODE_TYPES.IfStatement && parent.parent.test === parent &&
        statementsOnlyRefuse(parent.parent.consequent.type === AST_NODE_TYPES.BlockStatement ? parent.parent.consequent.body : [parent.parent.consequent], params);
      if (!refused) literals.push(literalText(parent.left === use ? parent.right : parent.left));
    } else if (parent?.type === AST_NODE_TYPES.SwitchStatement && parent.discriminant === use) {
      // An empty case falls through to the statements of the next one.
      let refuses = false;
      const served: (string | null)[] = [];
      for (const each of [...parent.cases].reverse()) {
        if (each.consequent.length > 0) refuses = statementsOnlyRefuse(each.consequent, params);
        if (each.test && !refuses) served.push(literalText(each.test));
      }
      literals.push(...served.reverse());
    }
    else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === use) return 'skip';
    else literals.push(null);
    for (const literal of literals) {
      if (literal === null) unknown = true;
      else if (!safeHttpMethods.has(literal) && unsafe === undefined) unsafe = literal;
    }
    return 'skip';
  });
  return unknown ? (unsafe ?? 'ALL') : unsafe;
}

/** `req.method` (or `request.method`) of the listener's request. */
function isRequestMethod(node: TSESTree.Node, requestName: string): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.MemberExpression && !target.computed && propertyName(target.property) === 'method' && unwrap(target.object).type === AST_NODE_TYPES.Identifier && (unwrap(target.object) as TSESTree.Identifier).name === requestName;
}

/** An upper-cased string literal, or null. */
function literalText(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string' ? target.value.toUpperCase() : null;
}

/** Reading the request body: iterating the request, its `data`/`end` events, `pipe`/`read`, or a body reader given it. */
function readsBody(node: TSESTree.Node, requestName: string): boolean {
  const isRequest = (inner: TSESTree.Node): boolean => unwrap(inner).type === AST_NODE_TYPES.Identifier && (unwrap(inner) as TSESTree.Identifier).name === requestName;
  if (node.type === AST_NODE_TYPES.ForOfStatement && isRequest(node.right)) return true;
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && isRequest(callee.object)) {
    const method = propertyName(callee.property);
    if (method === 'pipe' || method === 'read' || method === 'setEncoding') return true;
    if (method === 'on' || method === 'once' || method === 'addListener') {
      const event = node.arguments[0];
      return event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' && isBodyStreamEvent(event.value);
    }
    return false;
  }
  // `await readBody(req)`, `getRawBody(req)`, `json(req)` (micro), `parse(req)` (co-body): named for the body.
  const name = dottedName(callee) ?? '';
  return node.arguments.some(isRequest) && /body|^json$|\.json$|^text$|^buffer$|form|multipart|busboy|parse/iu.test(name);
}

/** The handler's function and its file: the route's own, or the controller of another file it names. */
function resolveHandler(fn: FunctionNode | null, node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): { fn: FunctionNode; source: Source } | null {
  if (fn) return { fn, source: { sourceCode, scopeOf: scopeLookup(sourceCode), module: null } };
  // `router.get('/', controller.list)`: the controller of another file.
  const named = unwrap(node);
  const target = named.type === AST_NODE_TYPES.Identifier || named.type === AST_NODE_TYPES.MemberExpression ? crossFileTarget(named, sourceCode) : null;
  if (!target) return null;
  return { fn: target.fn, source: { sourceCode: target.module.sourceCode, scopeOf: scopeLookup(target.module.sourceCode), module: target.module } };
}

/** The reading of one handler: its effects, what it answers, and which of its parameters are request input. */
class HandlerReading {
  private readonly inputs: ReadonlySet<number>;
  private readonly reader: Reader;

  constructor(
    private readonly source: Source,
    private readonly fn: FunctionNode,
    private readonly style: RequestStyle,
  ) {
    this.inputs = inputParams(fn, style);
    this.reader = new Reader(source, 0, []);
  }

  reason(): string | null {
    const effects = functionEffects(this.fn, this.source, 0, new Set());
    if (effects.change !== null) return `it changes state: ${effects.change}`;
    const keyed = [...effects.keys].some((index) => this.inputs.has(index));
    if (keyed) return 'it reads the store by a key from the request';
    if ([...effects.fileKeys].some((index) => this.inputs.has(index))) return 'it reads a file the request chooses';
    for (const value of responseValues(this.fn, this.style)) {
      const carried = this.reader.carried(value, 0);
      if (carried !== null) return carried;
    }
    return null;
  }
}

/**
 * What values of one file carry that needs a caller, read `hops` functions away from the handler:
 * stored data (a record, rows, a field of one, a projection of a read), or a secret.
 */
class Reader {
  private readonly tracer: OriginTracer;

  constructor(
    private readonly source: Source,
    private readonly hops: number,
    private readonly deps: ProjectModule[],
  ) {
    this.tracer = tracerFor(source, hops, deps);
  }

  /** What a value sent to the client carries that needs a caller: a stored record or a field of one, or a secret. */
  carried(node: TSESTree.Node, depth: number): string | null {
    if (depth > MAX_VALUE_DEPTH) return null;
    const value = unwrap(node);
    switch (value.type) {
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of value.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            const found = this.carried(property.argument, depth + 1);
            if (found !== null) return found;
            continue;
          }
          const key = property.computed ? null : propertyName(property.key);
          const inner = unwrap(property.value);
          // `{ apiKey: settings.stripeKey }`: a value named as a credential where it is sent.
          if (key !== null && inner.type !== AST_NODE_TYPES.Literal && isSecretName(splitWords(key))) return `it answers a credential (\`${key}\`)`;
          const found = this.carried(property.value, depth + 1);
          if (found !== null) return found;
        }
        return null;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of value.elements) {
          if (!element) continue;
          const found = this.carried(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, depth + 1);
          if (found !== null) return found;
        }
        return null;
      case AST_NODE_TYPES.ConditionalExpression:
        return this.carried(value.consequent, depth + 1) ?? this.carried(value.alternate, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return (value.operator === '&&' ? null : this.carried(value.left, depth + 1)) ?? this.carried(value.right, depth + 1);
      case AST_NODE_TYPES.AwaitExpression:
        return this.carried(value.argument, depth + 1);
      case AST_NODE_TYPES.TemplateLiteral:
        for (const expression of value.expressions) {
          const found = this.carried(expression, depth + 1);
          if (found !== null) return found;
        }
        return null;
      case AST_NODE_TYPES.BinaryExpression:
        // A comparison (`count > 0`) answers a boolean; only a concatenation carries its operands.
        if (value.operator !== '+') return null;
        return this.carried(value.left, depth + 1) ?? this.carried(value.right, depth + 1);
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return this.carriedLeaf(value, depth);
      default:
        return null;
    }
  }

  private carriedLeaf(value: TSESTree.Node, depth: number): string | null {
    const secret = secretRead(value);
    if (secret !== null) return `it answers a secret (${secret})`;
    const origin = this.tracer.trace(value);
    if (origin && (origin.kind === 'record' || origin.kind === 'rows')) return `it answers stored data read by \`${origin.label}\`${where(origin, this.source)}`;
    const raw = rawSqlRead(value, this.source) ?? storeReadChain(value, this.source);
    if (raw !== null) return `it answers stored data read by \`${raw}\`${at(value, this.source)}`;
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      // A field of a record (`user.email`), not its count (`users.length`).
      const key = value.computed ? null : propertyName(value.property);
      if (key === 'length') return null;
      // One variable of the environment (`process.env.GIT_SHA`) is judged by its name (`secretRead`
      // above), not as the whole environment; a key computed at run time may be any of them.
      if (dottedName(value.object) === 'process.env' && (!value.computed || value.property.type === AST_NODE_TYPES.Literal)) return null;
      return this.carried(value.object, depth + 1);
    }
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(value.callee);
      const name = dottedName(callee);
      if (name !== null && /^(?:Boolean|Number|Math\.\w+|Array\.isArray|Object\.keys)$/u.test(name)) return null;
      // `users.map(toView)`, `list.filter(...)`: the elements of a list of records; `.join(',')` of
      // them (`rows.map((r) => [r.id, r.subject].join(',')).join('\n')`) their text. A map whose
      // callback answers only flags or counts (`rows.map((r) => r.total > 0)`) carries none of them.
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(callee.property);
        if (method !== null && /^(?:map|flatMap|filter|slice|sort|reverse|concat|at|find|join|toString|toJSON|toObject|get)$/u.test(method) && !((method === 'map' || method === 'flatMap') && mapsToFlags(value.arguments[0]))) {
          const found = this.carried(callee.object, depth + 1);
          if (found !== null) return found;
        }
      }
      // `await listPosts()`: a function of this file or another that returns stored data.
      const target = this.hops < MAX_DEPTH ? calledFunction(value, this.source) : null;
      if (target) {
        if (target.source.module) this.deps.push(target.source.module);
        const answer = returnsStored(target.fn, target.source, this.hops + 1);
        this.deps.push(...answer.deps);
        if (answer.value !== null) return answer.value;
      }
      // `toView(user)`, `JSON.stringify(user)`: what is built from a record carries it.
      for (const argument of value.arguments) {
        if (argument.type === AST_NODE_TYPES.SpreadElement || isFunction(argument)) continue;
        const found = this.carried(argument, depth + 1);
        if (found !== null) return found;
      }
      return null;
    }
    if (value.type === AST_NODE_TYPES.Identifier) {
      // `const { email } = await db.user.findFirst()`, `const payload = { ... }`: the local's value.
      const variable = findVariable(this.source.scopeOf(value), value.name);
      const definition = variable ? singleDefinition(variable) : null;
      if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
      const declarator = definition.node;
      const loop = declarator.parent.parent;
      if (loop.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) return this.carried(loop.right, depth + 1);
      if (declarator.init === null) return null;
      return this.carried(declarator.init, depth + 1);
    }
    return null;
  }
}

/**
 * Whether a `map` callback written in place answers only flags or counts of each element: every
 * value it returns is a comparison, a negation, a literal or a `length` (`(r) => r.total > 0`,
 * `(r) => r.items.length`).
 */
function mapsToFlags(callback: TSESTree.Node | undefined): boolean {
  if (!callback || !isFunction(callback)) return false;
  const returned: TSESTree.Node[] = [];
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(callback.body);
  else {
    walk(callback.body, (node) => {
      if (node !== callback.body && isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
      return undefined;
    });
  }
  const flag = (node: TSESTree.Node): boolean => {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Literal) return true;
    if (value.type === AST_NODE_TYPES.BinaryExpression) return COMPARISONS.has(value.operator);
    if (value.type === AST_NODE_TYPES.UnaryExpression) return value.operator === '!' || value.operator === 'typeof';
    if (value.type === AST_NODE_TYPES.MemberExpression) return !value.computed && propertyName(value.property) === 'length';
    if (value.type === AST_NODE_TYPES.ConditionalExpression) return flag(value.consequent) && flag(value.alternate);
    return false;
  };
  return returned.length > 0 && returned.every(flag);
}

/**
 * A raw SQL read the exposure model does not trace (`prisma.$queryRawUnsafe('SELECT …', id)`,
 * ``prisma.$queryRaw`SELECT …` ``), named, or null.
 */
function rawSqlRead(node: TSESTree.Node, source: Source): string | null {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  if (target.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    const tag = dottedName(target.tag);
    const text = target.quasi.quasis.map((quasi) => quasi.value.cooked ?? '').join('?');
    return tag !== null && rawSqlMethods.has(tag.slice(tag.lastIndexOf('.') + 1)) && SQL_READ.test(text) ? tag : null;
  }
  if (target.type !== AST_NODE_TYPES.CallExpression || target.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(target.callee.property);
  const [first] = target.arguments;
  if (method === null || !rawSqlMethods.has(method) || !first || first.type === AST_NODE_TYPES.SpreadElement) return null;
  const text = sqlOf(unwrap(first), source);
  return text !== null && SQL_READ.test(text) ? (dottedName(target.callee) ?? method) : null;
}

const SQL_READ = /^\s*(?:select|with)\b/iu;

const storedMemo = new WeakMap<FunctionNode, Remembered<string | null>>();

/** What stored data or secret a function returns (its `return`s read as a response), remembered per function. */
function returnsStored(fn: FunctionNode, source: Source, hops: number): Remembered<string | null> {
  const known = storedMemo.get(fn);
  if (known && fresh(known.deps)) return known;
  // A recursive function returns what its other branches return.
  storedMemo.set(fn, { value: null, deps: [] });
  const deps: ProjectModule[] = [];
  const reader = new Reader(source, hops, deps);
  const returned: TSESTree.Node[] = fn.body.type === AST_NODE_TYPES.BlockStatement ? [] : [fn.body];
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    walk(fn.body, (node) => {
      if (node !== fn.body && isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
      return undefined;
    });
  }
  let value: string | null = null;
  for (const node of returned) {
    value = reader.carried(node, 0);
    if (value !== null) break;
  }
  const answer = { value, deps };
  storedMemo.set(fn, answer);
  return answer;
}

/** ` (services/users.ts:12)` for a node of another file, or ` (line 12)`. */
function at(node: TSESTree.Node, source: Source): string {
  const line = String(node.loc.start.line);
  return source.module ? ` (${source.module.file.split(/[\\/]/u).slice(-2).join('/')}:${line})` : ` (line ${line})`;
}

/**
 * A chain of calls on a store that reads it (`db.select({ id }).from(users)`, `db('posts').select('id')`,
 * `Post.query().where(…).first()`, `db.prepare('SELECT …').bind(id).first()`), including the
 * projections the exposure model leaves out (they still answer fields of records), named; null for
 * anything else, and for a count or an existence test (`count()`, `exists()`), which carries no data.
 */
function storeReadChain(node: TSESTree.Node, source: Source): string | null {
  const read = storeChain(node, source);
  return read !== null && !read.counts ? read.label : null;
}

function storeChain(node: TSESTree.Node, source: Source, depth = 0): { label: string; counts: boolean } | null {
  if (depth > 4) return null;
  let current = unwrap(node);
  if (current.type === AST_NODE_TYPES.AwaitExpression) current = unwrap(current.argument);
  if (current.type !== AST_NODE_TYPES.CallExpression) return null;
  const methods: string[] = [];
  let reads = false;
  let receiver: TSESTree.Node = current;
  for (let step = 0; step < 16; step++) {
    receiver = unwrap(receiver);
    if (receiver.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(receiver.callee);
      const [first] = receiver.arguments;
      const text = first && first.type !== AST_NODE_TYPES.SpreadElement ? sqlOf(unwrap(first), source) : null;
      if (text !== null && SQL_READ.test(text)) reads = true;
      // `this.db('tickets')`: a field holding the query builder, called as `knex('tickets')` is.
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type === AST_NODE_TYPES.ThisExpression) {
        receiver = callee;
        break;
      }
      const method = propertyName(callee.property);
      if (method !== null) methods.push(method);
      receiver = callee.object;
      continue;
    }
    if (receiver.type === AST_NODE_TYPES.MemberExpression) {
      receiver = receiver.object;
      continue;
    }
    break;
  }
  const name = receiverName(receiver) ?? '';
  // `q.orderBy(…)` where `const q = db('posts').select(…)`: the query goes on.
  const local = isStoreReceiver(name) ? null : storeLocal(receiver, source, depth);
  if (!isStoreReceiver(name) && local === null) return null;
  if (methods.some((method) => storeWriteMethods.has(method))) return null;
  const counts = local?.counts === true || methods.some((method) => storeQueryMethods.has(method));
  if (local === null && !reads && !counts && !methods.some((method) => storeReadMethods.has(method))) return null;
  return { label: `${name}${methods.length > 0 ? `.${[...methods].reverse().join('().')}()` : '()'}`, counts };
}

/** `const q = db('posts').select(…)`: a local holding a store query. */
function storeLocal(node: TSESTree.Node, source: Source, depth: number): { label: string; counts: boolean } | null {
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(source.scopeOf(node), node.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
  return storeChain(definition.node.init, source, depth + 1);
}

/** ` (services/users.ts:12)` for a read in another file, or ` (line 12)`. */
function where(origin: Origin, source: Source): string {
  const file = origin.file ?? source.module?.file;
  return file === undefined ? ` (line ${String(origin.node.loc.start.line)})` : ` (${file.split(/[\\/]/u).slice(-2).join('/')}:${String(origin.node.loc.start.line)})`;
}

/**
 * `process.env.JWT_SECRET`, the whole `process.env`, `config.get('apiKey')`, `settings.dbPassword`:
 * a value named as a credential, described, or null.
 */
function secretRead(node: TSESTree.Node): string | null {
  const name = dottedName(node);
  if (name === 'process.env') return '`process.env`';
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const key = node.computed ? (node.property.type === AST_NODE_TYPES.Literal ? String(node.property.value) : null) : propertyName(node.property);
    if (key !== null && isSecretName(splitWords(key))) return `\`${name ?? key}\``;
  }
  if (node.type === AST_NODE_TYPES.Identifier && isSecretName(splitWords(node.name))) return `\`${node.name}\``;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    const [key] = node.arguments;
    if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee.property) === 'get' && key?.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') {
      const last = key.value.split('.').pop() ?? key.value;
      if (isSecretName(splitWords(last))) return `\`${dottedName(callee) ?? 'get'}('${key.value}')\``;
    }
  }
  return null;
}

/** The handler parameters that hold request input: all but the response (`res`, `reply`, `h`, `@Res()`). */
function inputParams(fn: FunctionNode, style: RequestStyle): Set<number> {
  const response = new Set(responseSinks[style].flatMap((sink) => (sink.kind === 'call' && sink.param !== undefined && sink.param > 0 ? [sink.param] : [])));
  const inputs = new Set<number>();
  fn.params.forEach((param, index) => {
    if (response.has(index)) return;
    const decorators = 'decorators' in param ? (param.decorators ?? []) : [];
    if (decorators.some((decorator) => /^(?:Res|Response|Next)$/u.test(dottedName(decorator.expression) ?? ''))) return;
    inputs.add(index);
  });
  return inputs;
}

/** The values a handler sends: arguments of its response calls, assignments to the response body, its return value. */
function responseValues(fn: FunctionNode, style: RequestStyle): TSESTree.Node[] {
  const sinks = responseSinks[style];
  const values: TSESTree.Node[] = [];
  const paramName = (index: number | undefined): string | null => {
    const param = index === undefined ? undefined : fn.params[index];
    const binding = param?.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    return binding?.type === AST_NODE_TYPES.Identifier ? binding.name : null;
  };
  const returns = sinks.some((sink) => sink.kind === 'return' && sink.path === '') || returnAnsweringStyles.has(style);
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee);
      const [first] = node.arguments;
      if (!first || first.type === AST_NODE_TYPES.SpreadElement) return;
      if (name === 'NextResponse.json' || name === 'Response.json' || sinks.some((sink) => sink.kind === 'global' && sink.path === name)) {
        values.push(first);
        return;
      }
      const path = responsePath(node.callee);
      if (path && sinks.some((sink) => sink.kind === 'call' && paramName(sink.param) === path.base && sink.path === path.path)) values.push(first);
      return;
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') {
      const path = responsePath(node.left);
      if (path && sinks.some((sink) => sink.kind === 'assign' && paramName(sink.param) === path.base && sink.path === path.path)) values.push(node.right);
      return;
    }
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && returns && ownStatement(node, fn)) values.push(node.argument);
  });
  if (returns && fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
  return values;
}

/** `res.status(200).json` → `{ base: 'res', path: 'json' }`, the chain calls (`status`, `set`) skipped. */
function responsePath(node: TSESTree.Node): { base: string; path: string } | null {
  const found = responseMemberPath(node);
  return found && { base: found.base.name, path: found.path };
}

/** Whether a `return` belongs to `fn` itself, not to a callback inside it. */
function ownStatement(node: TSESTree.Node, fn: FunctionNode): boolean {
  let current = node.parent;
  while (current && !isFunction(current)) current = current.parent;
  return current === fn;
}

/**
 * A tracer of stored records for one file, which follows calls into functions of this file and of
 * other files (their `return`s), to `MAX_DEPTH` functions, noting the modules it read in `deps`.
 */
function tracerFor(source: Source, depth: number, deps: ProjectModule[]): OriginTracer {
  return new OriginTracer(source.sourceCode, [], (call) => {
    if (depth >= MAX_DEPTH) return undefined;
    const target = calledFunction(call, source);
    if (!target) return undefined;
    if (target.source.module) deps.push(target.source.module);
    const answer = returnedRecord(target.fn, target.source, depth + 1);
    deps.push(...answer.deps);
    return answer.value;
  });
}

/** What a function returns, when it is a stored record or list of them (remembered per function). */
function returnedRecord(fn: FunctionNode, source: Source, depth: number): Remembered<Origin | null> {
  const known = returnsMemo.get(fn);
  if (known && fresh(known.deps)) return known;
  const deps: ProjectModule[] = [];
  // A recursive function returns what its other branches return: no record through itself.
  returnsMemo.set(fn, { value: null, deps: [] });
  const tracer = tracerFor(source, depth, deps);
  let origin: Origin | null = null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) origin = tracer.trace(fn.body);
  else {
    walk(fn.body, (node) => {
      if (origin) return 'skip';
      if (node !== fn.body && isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) origin = tracer.trace(node.argument);
      return undefined;
    });
  }
  const found: Origin | null = origin;
  const value = found && source.module && found.file === undefined ? { ...found, file: source.module.file } : found;
  const answer = { value, deps };
  returnsMemo.set(fn, answer);
  return answer;
}

/** The function a call runs: of the same file (a helper) or of another project file (a service). */
function calledFunction(call: TSESTree.CallExpression | TSESTree.NewExpression, source: Source): { fn: FunctionNode; source: Source } | null {
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const local = resolveFunction(callee, source.scopeOf(callee));
    if (local && local !== enclosingOf(call)) return { fn: local, source };
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression) {
    const owner = thisClass(callee);
    const name = callee.computed ? null : propertyName(callee.property);
    const method = owner && name !== null ? classMethodOf(owner, name) : null;
    if (method) return { fn: method, source };
  }
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const target = crossFileTarget(callee, source.sourceCode);
  if (!target) return null;
  return { fn: target.fn, source: { sourceCode: target.module.sourceCode, scopeOf: scopeLookup(target.module.sourceCode), module: target.module } };
}

function enclosingOf(node: TSESTree.Node): FunctionNode | null {
  let current = node.parent;
  while (current && !isFunction(current)) current = current.parent;
  return current ?? null;
}

/**
 * The effects of a function: a state change (a store write, a file write, a command), and the
 * parameters that key a store read or choose a file read, following the functions it calls.
 */
function functionEffects(fn: FunctionNode, source: Source, depth: number, visiting: Set<FunctionNode>): Effects {
  const known = effectsMemo.get(fn);
  if (known && fresh(known.deps)) return known.value;
  if (visiting.has(fn)) return NO_EFFECTS;
  visiting.add(fn);
  const deps: ProjectModule[] = [];
  const tracer = tracerFor(source, MAX_DEPTH, deps);
  const keys = new Set<number>();
  const fileKeys = new Set<number>();
  let change: string | null = null;
  const line = (node: TSESTree.Node): string => (source.module ? `${source.module.file.split(/[\\/]/u).slice(-2).join('/')}:${String(node.loc.start.line)}` : `line ${String(node.loc.start.line)}`);
  walk(fn.body, (node) => {
    if (change !== null) return 'skip';
    if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const tag = dottedName(node.tag);
      const text = node.quasi.quasis.map((quasi) => quasi.value.cooked ?? '').join('?');
      const last = tag === null ? '' : tag.slice(tag.lastIndexOf('.') + 1);
      if (sqlTemplateTags.has(last) || rawSqlMethods.has(last)) {
        if (SQL_WRITE.test(text)) change = `a SQL write (${line(node)})`;
        else for (const index of paramsIn(node.quasi, fn, source)) keys.add(index);
      }
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && writesSession(node.left, fn, source)) {
      change = `a session write (${line(node)})`;
      return 'skip';
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    if (method === null) return undefined;
    const serverChange = changesServer(callee, method, source);
    if (serverChange !== null) {
      change = `${serverChange} (${line(node)})`;
      return 'skip';
    }
    const arguments_ = node.arguments.filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
    const [first] = arguments_;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const receiver = receiverName(callee.object);
      const store = receiver !== null && isStoreReceiver(receiver);
      const sql = first ? sqlOf(unwrap(first), source) : null;
      if ((sqlQueryMethods.has(method) || rawSqlMethods.has(method)) && sql !== null) {
        if (SQL_WRITE.test(sql)) {
          change = `a SQL write (${line(node)})`;
          return 'skip';
        }
        for (const argument of arguments_) for (const index of paramsIn(argument, fn, source)) keys.add(index);
      }
      if (storeWriteMethods.has(method) && store) {
        change = `\`${receiver}.${method}()\` (${line(node)})`;
        return 'skip';
      }
      const read = (store && storeQueryMethods.has(method)) || isStoreRead(node, tracer, source);
      if (read) for (const argument of arguments_) for (const index of paramsIn(argument, fn, source)) keys.add(index);
      if (fileResponseMethods.has(method) && first) for (const index of paramsIn(first, fn, source)) fileKeys.add(index);
    }
    if (fileReadFunctions.has(method) && first && isModuleFunction(callee, method, source, 'fs')) {
      for (const index of paramsIn(first, fn, source)) fileKeys.add(index);
    }
    if (depth >= MAX_DEPTH) return undefined;
    const target = calledFunction(node, source);
    if (!target) return undefined;
    if (target.source.module) deps.push(target.source.module);
    const inner = functionEffects(target.fn, target.source, depth + 1, visiting);
    const innerKnown = effectsMemo.get(target.fn);
    if (innerKnown) deps.push(...innerKnown.deps);
    if (inner.change !== null) {
      change = `${inner.change}, through \`${dottedName(callee) ?? method}()\``;
      return 'skip';
    }
    node.arguments.forEach((argument, index) => {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return;
      if (inner.keys.has(index)) for (const param of paramsIn(argument, fn, source)) keys.add(param);
      if (inner.fileKeys.has(index)) for (const param of paramsIn(argument, fn, source)) fileKeys.add(param);
    });
    return undefined;
  });
  visiting.delete(fn);
  const value: Effects = { change, keys, fileKeys };
  effectsMemo.set(fn, { value, deps });
  return value;
}

/** `req.session.userId = …`, `ctx.session.user = …`: a write of the session of a parameter of `fn`. */
function writesSession(target: TSESTree.Node, fn: FunctionNode, source: Source): boolean {
  let current = unwrap(target);
  let session = false;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const key = current.computed ? null : propertyName(current.property);
    if (key !== null && sessionMembers.has(key) && current !== unwrap(target)) session = true;
    current = unwrap(current.object);
  }
  if (!session || current.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(source.scopeOf(current), current.name);
  const definition = variable ? singleDefinition(variable) : null;
  return definition?.type === 'Parameter' && definition.node === fn;
}

const SQL_WRITE = /^\s*(?:insert|update|delete|replace|merge|upsert|create|drop|alter|truncate)\b/iu;

/** The static text of a SQL argument (a literal, a template, a `const` holding one), or null. */
function sqlOf(node: TSESTree.Node, source: Source): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((quasi) => quasi.value.cooked ?? '').join('?');
  // `'SELECT * FROM files WHERE owner = ' + req.query.owner`: the statement starts on the left.
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    const left = sqlOf(unwrap(node.left), source);
    return left === null ? null : `${left}?`;
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(source.scopeOf(node), node.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) {
      const init = unwrap(definition.node.init);
      if (init.type === AST_NODE_TYPES.Literal || init.type === AST_NODE_TYPES.TemplateLiteral || init.type === AST_NODE_TYPES.BinaryExpression) return sqlOf(init, source);
    }
  }
  return null;
}

/** A store read the exposure model knows: a record or rows (Prisma, Mongoose, TypeORM, SQL, query builders). */
function isStoreRead(call: TSESTree.CallExpression, tracer: OriginTracer, source: Source): boolean {
  const origin = tracer.trace(call);
  return (origin !== null && (origin.kind === 'record' || origin.kind === 'rows')) || storeChain(call, source) !== null;
}

/** A write of a file or a command, by the module of the function called: described, or null. */
function changesServer(callee: TSESTree.Node, method: string, source: Source): string | null {
  for (const group of serverChangingFunctions) {
    if (!group.names.includes(method)) continue;
    for (const module of group.modules) {
      if (isModuleFunction(callee, method, source, module)) return `\`${dottedName(callee) ?? method}()\` of ${module.replace(/^node:/u, '')}`;
    }
  }
  return null;
}

/** Whether `callee` is `method` of `module` (imported, required, or a member of what was). */
function isModuleFunction(callee: TSESTree.Node, method: string, source: Source, module: string): boolean {
  const base = module.replace(/^node:/u, '').split('/')[0] ?? module;
  const matches = (found: string | undefined): boolean => found !== undefined && (found.replace(/^node:/u, '').split('/')[0] ?? found) === base;
  let root: TSESTree.Node = callee;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const imported = importSource(source.scopeOf(root), root.name);
  if (!imported || !matches(imported.module)) return false;
  return root === callee ? (imported.imported ?? root.name) === method || imported.imported === null : true;
}

/**
 * The parameter positions of `fn` whose value reaches `node`: the parameter itself, a member of it
 * (`req.params.id`), or a local `const` read from one (`const { id } = req.params`).
 */
function paramsIn(node: TSESTree.Node, fn: FunctionNode, source: Source): number[] {
  const found = new Set<number>();
  const seen = new Set<TSESTree.Node>();
  const visit = (root: TSESTree.Node, depth: number): void => {
    if (depth > 4) return;
    walk(root, (inner) => {
      if (inner.type !== AST_NODE_TYPES.Identifier || seen.has(inner)) return undefined;
      seen.add(inner);
      const parent = inner.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === inner && !parent.computed) return undefined;
      if (parent?.type === AST_NODE_TYPES.Property && parent.key === inner && !parent.shorthand && !parent.computed) return undefined;
      const variable = findVariable(source.scopeOf(inner), inner.name);
      const definition = variable ? singleDefinition(variable) : null;
      if (!definition) return undefined;
      if (definition.type === 'Parameter' && definition.node === fn) {
        const index = fn.params.findIndex((param) => param.range[0] <= definition.name.range[0] && definition.name.range[1] <= param.range[1]);
        if (index >= 0) found.add(index);
        return undefined;
      }
      if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && fn.range[0] <= definition.node.range[0] && definition.node.range[1] <= fn.range[1]) {
        visit(definition.node.init, depth + 1);
      }
      return undefined;
    });
  };
  visit(node, 0);
  return [...found];
}

/*
 * Unsafe routes public by design, by what their handler does: a stub that only refuses, and a
 * first-run setup that refuses once its own work is done.
 */

/** Response methods that set a status or send an answer, for a handler that only refuses. */
const ANSWERS = new Set(['status', 'code', 'send', 'json', 'end', 'sendStatus', 'type', 'header', 'set', 'setHeader', 'response', 'throw', 'writeHead']);

/**
 * Whether a handler only answers an error: every statement answers a 4xx/5xx status (`reply.code(404)`,
 * `res.status(501).json({ error: 'not implemented' })`, `ctx.throw(405)`, `ctx.status = 404`,
 * `return new Response(null, { status: 405 })`) or throws, with constant values only. It reads no
 * store, writes nothing and calls nothing else: a route stubbed out or retired, which does nothing a
 * caller could need.
 */
function onlyRefuses(fn: FunctionNode): boolean {
  const params = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  return statementsOnlyRefuse(fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body], params);
}

/** Whether statements only answer an error (see `onlyRefuses`), a final `break` of a `case` aside. */
function statementsOnlyRefuse(all: readonly TSESTree.Node[], params: ReadonlySet<string>): boolean {
  const statements = all.at(-1)?.type === AST_NODE_TYPES.BreakStatement ? all.slice(0, -1) : all;
  if (statements.length === 0 || statements.length > 4) return false;
  let errors = 0;
  for (const statement of statements) {
    if (statement.type === AST_NODE_TYPES.ThrowStatement) {
      if (!constantThrow(statement.argument, params)) return false;
      errors++;
      continue;
    }
    if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument === null) continue;
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : statement;
    if (!expression) return false;
    const status = errorAnswer(unwrap(expression), params);
    if (status === null) return false;
    if (status === 'error') errors++;
  }
  return errors > 0;
}

/**
 * What an answering expression says: `'error'` when it sets a 4xx/5xx status, `'neutral'` when it
 * answers without a status, null when it is anything else (another call, a success status, a value
 * that is not constant).
 */
function errorAnswer(expression: TSESTree.Node, params: ReadonlySet<string>): 'error' | 'neutral' | null {
  // `ctx.status = 404`, `ctx.body = { error: 'gone' }`.
  if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && expression.left.type === AST_NODE_TYPES.MemberExpression) {
    const root = rootName(expression.left);
    const key = propertyName(expression.left.property);
    if (root === null || !params.has(root) || !constantValue(expression.right, params)) return null;
    if (key === 'status' || key === 'statusCode') return isErrorStatus(expression.right) ? 'error' : null;
    return key === 'body' ? 'neutral' : null;
  }
  // `new Response(null, { status: 405 })`, `Response.json({ … }, { status: 404 })`.
  if ((expression.type === AST_NODE_TYPES.NewExpression || expression.type === AST_NODE_TYPES.CallExpression) && /^(?:Next)?Response(?:\.json)?$/u.test(dottedName(expression.callee) ?? '')) {
    if (!expression.arguments.every((argument) => constantValue(argument, params))) return null;
    const init = expression.arguments[1];
    if (init?.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const status = init.properties.find((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key) === 'status');
    return status?.type === AST_NODE_TYPES.Property && isErrorStatus(status.value) ? 'error' : null;
  }
  // `res.status(404).json({ error })`, `reply.code(HttpStatus.NOT_FOUND)`, `h.response().code(410)`, `ctx.throw(405)`.
  let current = expression;
  let result: 'error' | 'neutral' = 'neutral';
  while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = propertyName(current.callee.property);
    if (method === null || !ANSWERS.has(method)) return null;
    if (!current.arguments.every((argument) => constantValue(argument, params))) return null;
    const [first] = current.arguments;
    if (method === 'status' || method === 'code' || method === 'sendStatus' || method === 'throw' || method === 'writeHead') {
      if (!first || !isErrorStatus(first)) return null;
      result = 'error';
    }
    current = unwrap(current.callee.object);
  }
  return current.type === AST_NODE_TYPES.Identifier && params.has(current.name) && current !== expression ? result : null;
}

/** `throw new NotFoundException()`, `throw createError(404)`: an error built from constants. */
function constantThrow(argument: TSESTree.Node, params: ReadonlySet<string>): boolean {
  const value = unwrap(argument);
  if (value.type !== AST_NODE_TYPES.NewExpression && value.type !== AST_NODE_TYPES.CallExpression) return constantValue(value, params);
  return value.callee.type === AST_NODE_TYPES.Identifier || value.callee.type === AST_NODE_TYPES.MemberExpression
    ? value.arguments.every((argument) => constantValue(argument, params))
    : false;
}

/** A literal, a constant of the module or a member of one (`HttpStatus.NOT_FOUND`), or an object or array of them. */
function constantValue(node: TSESTree.Node, params: ReadonlySet<string>): boolean {
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.length === 0;
    case AST_NODE_TYPES.Identifier:
      return !params.has(value.name);
    case AST_NODE_TYPES.MemberExpression: {
      if (value.computed) return false;
      const root = rootName(value);
      return root !== null && !params.has(root);
    }
    case AST_NODE_TYPES.ObjectExpression:
      return value.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && constantValue(property.value, params));
    case AST_NODE_TYPES.ArrayExpression:
      return value.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && constantValue(element, params));
    default:
      return false;
  }
}

function rootName(node: TSESTree.Node): string | null {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current.name : null;
}

/** A status of 400 or more: a number, or the name of one in a well-known table (`HttpStatus.NOT_FOUND`). */
function isErrorStatus(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'number' && value.value >= 400 && value.value < 600;
  if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return false;
  const name = propertyName(value.property);
  return name !== null && httpErrorStatusNames.has(name.replace(/^HTTP_STATUS_/u, ''));
}

/**
 * Whether everything a handler answers is a flag or a count (`ownerCount > 0`, `!configured`,
 * `users.length`), or a constant (an error body), at least one of them a flag or count: what an
 * administration page asks before it shows a sign-in or a setup form.
 */
function answersOnlyFlags(fn: FunctionNode, style: RequestStyle): boolean {
  const params = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  const values = responseValues(fn, style);
  let flags = 0;
  // `{ pending: count > 0, ok: true }`: an object answers flags when each of its values does.
  const answers = (node: TSESTree.Node, depth: number): boolean => {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.ObjectExpression && depth < 3) {
      return value.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && answers(property.value, depth + 1));
    }
    // A comparison answers yes or no; arithmetic (`row.cents / 100`) answers the stored value.
    const flag =
      (value.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(value.operator)) ||
      (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') ||
      (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean') ||
      (value.type === AST_NODE_TYPES.MemberExpression && propertyName(value.property) === 'length');
    if (flag) flags++;
    else if (!constantValue(value, params) || value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression) return false;
    return true;
  };
  return values.every((node) => answers(node, 0)) && flags > 0;
}

const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', 'instanceof']);

/** Receivers a handler may call without leaving the code in view: builtins and the console. */
const IN_VIEW_RECEIVERS = new Set<string>([...builtinReceivers, 'console']);
/** Methods of arrays, strings and numbers a handler uses to shape an answer. */
const VALUE_METHODS = new Set([
  'map', 'filter', 'some', 'every', 'find', 'findIndex', 'includes', 'indexOf', 'join', 'slice', 'reduce', 'forEach',
  'keys', 'values', 'entries', 'flat', 'flatMap', 'concat', 'sort', 'toString', 'toFixed', 'trim', 'toLowerCase',
  'toUpperCase', 'split', 'startsWith', 'endsWith', 'padStart', 'padEnd', 'at',
]);

/**
 * Whether every call a handler makes runs code in view: a function of the project (followed by
 * `functionEffects`), a method of its response, a builtin, the console, or a method of a value it
 * shapes. A call into a package (`cache.flushAll()`, `await redis.flushall()` whose reply is
 * answered) may do anything, so its absence of writes is not shown.
 */
function callsOnlyInView(fn: FunctionNode, source: Source, style: RequestStyle): boolean {
  const inputs = inputParams(fn, style);
  const responses = new Set(fn.params.flatMap((param, index) => (param.type === AST_NODE_TYPES.Identifier && !inputs.has(index) ? [param.name] : [])));
  let inView = true;
  walk(fn.body, (node) => {
    if (!inView) return 'skip';
    if (node.type === AST_NODE_TYPES.NewExpression) inView = false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    if (calledFunction(node, source)) return undefined;
    if (callee.type === AST_NODE_TYPES.Identifier && ['String', 'Number', 'Boolean'].includes(callee.name)) return undefined;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      let head: TSESTree.Node = callee;
      while (head.type === AST_NODE_TYPES.MemberExpression || head.type === AST_NODE_TYPES.CallExpression) head = unwrap(head.type === AST_NODE_TYPES.MemberExpression ? head.object : head.callee);
      const root = head.type === AST_NODE_TYPES.Identifier ? head.name : null;
      const method = callee.computed ? null : propertyName(callee.property);
      if (root !== null && (responses.has(root) || IN_VIEW_RECEIVERS.has(root))) return undefined;
      if (method !== null && VALUE_METHODS.has(method)) return undefined;
    }
    if (onlyAsked(node, fn)) return 'skip';
    inView = false;
    return 'skip';
  });
  return inView;
}

/*
 * A self-contained handler: all it does is in view and touches nothing outside itself. What it
 * answers is built from constants, configuration, the environment and the request (`res.json({
 * version })`, `ok(res)`, a script's text); it calls only functions of the project that are
 * self-contained in turn, builtins, methods of the values it shapes, and its own request and
 * response (`selfContainedMethods`), or a package's helper handed only its response (`ok(res, body)`);
 * it constructs only plain values (`new URL(…)`, an error, a `Response`); and it assigns only its
 * own locals and members of its parameters (`res.statusCode`, `ctx.body`), never a session. Whatever
 * its method, it changes nothing and reads no store: a health check, a version, a public
 * configuration. Whether its answer is a secret is asked after (`HandlerReading`). Anything else (a
 * package called, a module's variable assigned, `process.exit()`, a `fetch`) keeps it judged.
 */
const selfContainedMemo = new WeakMap<FunctionNode, Remembered<boolean>>();

/** Methods of values a self-contained handler shapes, beyond `VALUE_METHODS`. */
const SHAPING_METHODS = new Set([
  ...VALUE_METHODS, 'replace', 'replaceAll', 'toISOString', 'getTime', 'valueOf', 'toJSON', 'charAt', 'charCodeAt',
  'match', 'test', 'exec', 'substring', 'repeat', 'localeCompare', 'has', 'get', 'trimStart', 'trimEnd', 'normalize',
]);

function selfContained(fn: FunctionNode, source: Source, style: RequestStyle | null, depth: number, visiting: Set<FunctionNode>): Remembered<boolean> {
  const known = style === null ? selfContainedMemo.get(fn) : undefined;
  if (known && fresh(known.deps)) return known;
  if (visiting.has(fn)) return { value: true, deps: [] };
  visiting.add(fn);
  const deps: ProjectModule[] = [];
  // The binding of an identifier, and whether it is declared in `fn` (a parameter of it or of a
  // callback in it, or a local).
  const binding = (identifier: TSESTree.Identifier): { own: boolean; parameter: boolean; definition: ReturnType<typeof singleDefinition>; global: boolean } => {
    const variable = findVariable(source.scopeOf(identifier), identifier.name);
    const definition = variable ? singleDefinition(variable) : null;
    const own = definition !== null && fn.range[0] <= definition.name.range[0] && definition.name.range[1] <= fn.range[1];
    return { own, parameter: own && definition.type === 'Parameter', definition, global: variable === null || variable.defs.length === 0 };
  };
  // A module's constant of plain data (`const NAMES = ['a', 'b']`): its methods shape a value.
  const plainConstant = (definition: ReturnType<typeof singleDefinition>): boolean => {
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.parent.kind !== 'const' || !definition.node.init) return false;
    const init = unwrap(definition.node.init);
    return init.type === AST_NODE_TYPES.Literal || init.type === AST_NODE_TYPES.ArrayExpression || init.type === AST_NODE_TYPES.ObjectExpression || (init.type === AST_NODE_TYPES.TemplateLiteral && init.expressions.length === 0);
  };
  // The response parameters of a handler (`res`), for a package's helper handed one.
  const inputs = style === null ? null : inputParams(fn, style);
  const responseNames = new Set(inputs === null ? [] : fn.params.flatMap((param, index) => (param.type === AST_NODE_TYPES.Identifier && !inputs.has(index) ? [param.name] : [])));
  const requestNames = new Set(inputs === null ? [] : fn.params.flatMap((param, index) => (param.type === AST_NODE_TYPES.Identifier && inputs.has(index) ? [param.name] : [])));
  // The arguments handed to a function of the project: nothing of a module's or package's (a client, a store).
  const plainArgument = (argument: TSESTree.Node): boolean => {
    let plain = true;
    walk(argument, (inner) => {
      if (!plain) return 'skip';
      if (isFunction(inner)) return 'skip';
      if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
      const parent = inner.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === inner && !parent.computed) return undefined;
      if (parent?.type === AST_NODE_TYPES.Property && parent.key === inner && !parent.shorthand && !parent.computed) return undefined;
      const found = binding(inner);
      if (!found.own && !found.global && !plainConstant(found.definition)) plain = false;
      return undefined;
    });
    return plain;
  };
  // `res.status(200).json(…)`, `c.req.header('x')`, `request.headers.get('x')`: calls on a parameter through answering members.
  const onParameter = (callee: TSESTree.MemberExpression): boolean => {
    let current: TSESTree.Node = callee;
    while (true) {
      current = unwrap(current);
      if (current.type === AST_NODE_TYPES.MemberExpression) {
        const name = current.computed ? null : propertyName(current.property);
        const called = current.parent?.type === AST_NODE_TYPES.CallExpression && current.parent.callee === current;
        if (name === null || !(called ? selfContainedMethods : selfContainedMembers).has(name)) return false;
        current = current.object;
      } else if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
      else break;
    }
    return current.type === AST_NODE_TYPES.Identifier && binding(current).parameter;
  };
  // `text.trim().split(',')`, `NAMES.includes(x)`: methods of a value of its own or of plain data.
  const shapesValue = (callee: TSESTree.MemberExpression): boolean => {
    const method = callee.computed ? null : propertyName(callee.property);
    if (method === null || !SHAPING_METHODS.has(method)) return false;
    let current: TSESTree.Node = unwrap(callee.object);
    for (let step = 0; step < 16; step++) {
      if (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
      else if (current.type === AST_NODE_TYPES.CallExpression) {
        const inner = unwrap(current.callee);
        // The call below is judged on its own; only its value is shaped here.
        current = inner.type === AST_NODE_TYPES.MemberExpression ? unwrap(inner.object) : inner;
      } else break;
    }
    // A value written in place, or one made by a plain constructor or a pure global (judged on their own).
    if (current.type === AST_NODE_TYPES.Literal || current.type === AST_NODE_TYPES.TemplateLiteral || current.type === AST_NODE_TYPES.ArrayExpression || current.type === AST_NODE_TYPES.ObjectExpression || current.type === AST_NODE_TYPES.NewExpression) return true;
    if (current.type !== AST_NODE_TYPES.Identifier) return false;
    const found = binding(current);
    return found.own || plainConstant(found.definition) || (found.global && (pureGlobalFunctions.has(current.name) || IN_VIEW_RECEIVERS.has(current.name)));
  };
  // An assignment's target: a local of its own, or a member of a parameter that is no session.
  const ownTarget = (target: TSESTree.Node): boolean => {
    let current = unwrap(target);
    if (current.type === AST_NODE_TYPES.Identifier) return binding(current).own;
    if (current.type === AST_NODE_TYPES.ObjectPattern || current.type === AST_NODE_TYPES.ArrayPattern) return true;
    while (current.type === AST_NODE_TYPES.MemberExpression) {
      const key = current.computed ? null : propertyName(current.property);
      if (key !== null && (sessionMembers.has(key) || key === 'locals' || key === 'app' || key === 'env' || key === 'state')) return false;
      current = unwrap(current.object);
    }
    return current.type === AST_NODE_TYPES.Identifier && binding(current).own;
  };
  let contained = true;
  // `this` of a call of a method of the class (`this.versionText()`), judged as that method.
  const ownMethods = new Set<TSESTree.Node>();
  walk(fn.body, (node) => {
    if (!contained) return 'skip';
    switch (node.type) {
      case AST_NODE_TYPES.ThisExpression:
        if (!ownMethods.has(node)) contained = false;
        return 'skip';
      case AST_NODE_TYPES.ImportExpression:
        contained = false;
        return 'skip';
      case AST_NODE_TYPES.TaggedTemplateExpression:
        if (dottedName(node.tag) !== 'String.raw') contained = false;
        return undefined;
      case AST_NODE_TYPES.AssignmentExpression:
        if (!ownTarget(node.left)) contained = false;
        return undefined;
      case AST_NODE_TYPES.UpdateExpression:
        if (!ownTarget(node.argument)) contained = false;
        return undefined;
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator === 'delete' && !ownTarget(node.argument)) contained = false;
        return undefined;
      case AST_NODE_TYPES.NewExpression: {
        const name = dottedName(node.callee) ?? '';
        const global = node.callee.type === AST_NODE_TYPES.Identifier && binding(node.callee).global;
        if (!((global && pureGlobalClasses.has(name)) || /^(?:Next)?Response$|(?:Error|Exception)$/u.test(name))) contained = false;
        return undefined;
      }
      case AST_NODE_TYPES.CallExpression:
        break;
      default:
        return undefined;
    }
    const callee = unwrap(node.callee);
    // `orders.remove(id)`, `repo.save(entity)`: a call named as a store write is one, whatever body
    // (a stub, an adapter) is in view for it.
    if (callee.type === AST_NODE_TYPES.MemberExpression && storeWriteMethods.has(propertyName(callee.property) ?? '')) {
      contained = false;
      return 'skip';
    }
    const target = calledFunction(node, source);
    if (target) {
      if (target.source.module) deps.push(target.source.module);
      if (depth >= MAX_DEPTH || !node.arguments.every(plainArgument)) {
        contained = false;
        return 'skip';
      }
      let receiver: TSESTree.Node = callee;
      while (receiver.type === AST_NODE_TYPES.MemberExpression) receiver = unwrap(receiver.object);
      if (receiver.type === AST_NODE_TYPES.ThisExpression) ownMethods.add(receiver);
      const inner = selfContained(target.fn, target.source, null, depth + 1, visiting);
      deps.push(...inner.deps);
      if (!inner.value) contained = false;
      return undefined;
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const found = binding(callee);
      // `next()`, a callback it was given; `String(x)`, `encodeURIComponent(x)`.
      if (found.parameter || (found.global && pureGlobalFunctions.has(callee.name))) return undefined;
      // `ok(res, { version })`: a package's helper handed the response and nothing of the request.
      const [first] = node.arguments;
      const imported = !found.own && importSource(source.scopeOf(callee), callee.name) !== null;
      // What it is handed is what it answers: no secret, no stored data.
      if (imported && first?.type === AST_NODE_TYPES.Identifier && responseNames.has(first.name) && !node.arguments.some((argument) => mentions(argument, requestNames))) {
        const reader = new Reader(source, depth, deps);
        if (node.arguments.slice(1).every((argument) => argument.type === AST_NODE_TYPES.SpreadElement ? false : reader.carried(argument, 0) === null)) return undefined;
      }
      contained = false;
      return 'skip';
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const root = rootName(callee);
      const rootBinding = callee.object.type === AST_NODE_TYPES.Identifier ? binding(callee.object) : null;
      // `JSON.stringify(x)`, `Math.max(…)`, `console.log(…)`: not `Object.assign(moduleConfig, body)`.
      if (rootBinding?.global && root !== null && IN_VIEW_RECEIVERS.has(root)) {
        const method = propertyName(callee.property) ?? '';
        const [first] = node.arguments;
        const firstOwn = first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && (unwrap(first).type === AST_NODE_TYPES.ObjectExpression || (unwrap(first).type === AST_NODE_TYPES.Identifier && binding(unwrap(first) as TSESTree.Identifier).own));
        if (!mutatingBuiltinMethods.has(method) || firstOwn) return undefined;
      } else if (onParameter(callee) || shapesValue(callee)) return undefined;
    }
    contained = false;
    return 'skip';
  });
  visiting.delete(fn);
  const answer = { value: contained, deps };
  if (style === null) selfContainedMemo.set(fn, answer);
  return answer;
}

/** Whether `node` reads one of `names`. */
function mentions(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  let hit = false;
  walk(node, (inner) => {
    if (hit) return 'skip';
    if (inner.type === AST_NODE_TYPES.Identifier && names.has(inner.name)) hit = true;
    return undefined;
  });
  return hit;
}

/**
 * `res.json((await countOwners()) > 0)`, `const owners = countOwners(); res.json(owners > 0)`: a call
 * given nothing whose answer is only compared is asked a question, however far its code is: the
 * handler answers one bit of it. A call made for its effect (`await purgeInvites();` as a statement),
 * given a value (`purge(req.query.before) > 0`), or whose answer is used otherwise (answered, or
 * divided), may be an action or carry its data, and stays out of view.
 */
function onlyAsked(call: TSESTree.CallExpression, fn: FunctionNode): boolean {
  if (call.arguments.length > 0) return false;
  let node: TSESTree.Node = call;
  while (node.parent?.type === AST_NODE_TYPES.AwaitExpression || node.parent?.type === AST_NODE_TYPES.ChainExpression || node.parent?.type === AST_NODE_TYPES.TSAsExpression || node.parent?.type === AST_NODE_TYPES.TSNonNullExpression) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(parent.operator)) return true;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier || parent.parent.kind !== 'const') return false;
  const name = parent.id.name;
  let uses = 0;
  let compared = true;
  walk(fn.body, (inner) => {
    if (!compared) return 'skip';
    if (inner.type !== AST_NODE_TYPES.Identifier || inner.name !== name || inner === parent.id) return undefined;
    if (inner.parent?.type === AST_NODE_TYPES.MemberExpression && inner.parent.property === inner && !inner.parent.computed) return undefined;
    if (inner.parent?.type === AST_NODE_TYPES.Property && inner.parent.key === inner && !inner.parent.shorthand && !inner.parent.computed) return undefined;
    uses++;
    if (!(inner.parent?.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(inner.parent.operator))) compared = false;
    return undefined;
  });
  return compared && uses > 0;
}

/** A state a refusal tests: a flag of the code (`this.setupComplete`) or whether a store table holds records. */
type Latch = { kind: 'flag'; text: string; value: boolean } | { kind: 'store'; table: string };

/** At most this many ways a refusal's conditions may hold (`a || b` under `c || d`). */
const MAX_ALTERNATIVES = 8;

/**
 * `if (this.config.setupComplete) throw new ForbiddenException(); …; this.config.setupComplete = true`,
 * `if ((await prisma.user.count()) > 0) return res.status(409)…; await prisma.user.create(…)`: the
 * handler, or a function it calls (of this file or another, `MAX_DEPTH` deep, when the caller does
 * nothing else that changes state), refuses once a state holds that its own work sets. The route
 * acts once, before anyone exists: a first-run setup, public by design. The refusal must be on every
 * path (not in a loop or callback), leave without writing, and come before any write; the
 * conditions around it may depend on the request only through an alternative that the state itself
 * satisfies. Described, or null.
 */
function actsOnlyBeforeSetUp(fn: FunctionNode, source: Source, requestParams: ReadonlySet<number>, depth: number, visiting: Set<FunctionNode>, memo = new Map<string, string | null>()): string | null {
  if (depth > MAX_DEPTH || visiting.has(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  // A function called from several places is read once per set of request parameters (per route).
  const key = `${String(fn.range[0])}:${fileOfNode(fn) ?? ''}:${[...requestParams].join(',')}`;
  if (memo.has(key)) return memo.get(key) ?? null;
  visiting.add(fn);
  let answer: string | null = null;
  try {
    answer = firstRunRefusal(fn, source, requestParams, depth, visiting, memo);
  } finally {
    visiting.delete(fn);
  }
  memo.set(key, answer);
  return answer;
}

function firstRunRefusal(fn: FunctionNode, source: Source, requestParams: ReadonlySet<number>, depth: number, visiting: Set<FunctionNode>, memo: Map<string, string | null>): string | null {
  {
    const conditions: TSESTree.IfStatement[] = [];
    const calls: TSESTree.CallExpression[] = [];
    walk(fn.body, (node) => {
      if (node !== fn.body && isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.IfStatement) conditions.push(node);
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
      return undefined;
    });
    for (const statement of conditions.sort((a, b) => a.range[0] - b.range[0])) {
      const latch = refusal(statement, fn, source, requestParams);
      if (latch !== null && !changesIn(before(fn, statement), fn, source)) return latch;
    }
    if (depth >= MAX_DEPTH) return null;
    for (const call of calls.sort((a, b) => a.range[0] - b.range[0])) {
      const target = calledFunction(call, source);
      if (!target) continue;
      const carried = new Set<number>();
      call.arguments.forEach((argument, index) => {
        if (paramsIn(argument, fn, source).some((param) => requestParams.has(param))) carried.add(index);
      });
      const inner = actsOnlyBeforeSetUp(target.fn, target.source, carried, depth + 1, visiting, memo);
      if (inner !== null && !changesIn(outside(fn, call), fn, source)) return `${inner}, in \`${dottedName(call.callee) ?? 'a helper'}()\``;
    }
    return null;
  }
}

/** The outermost nodes of `fn`'s body that end before `statement` starts. */
function before(fn: FunctionNode, statement: TSESTree.Node): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  walk(fn.body, (node) => {
    if (node.range[1] <= statement.range[0]) {
      nodes.push(node);
      return 'skip';
    }
    return node.range[0] >= statement.range[0] ? 'skip' : undefined;
  });
  return nodes;
}

/** The outermost nodes of `fn`'s body that do not hold `call`, except its own arguments' reads. */
function outside(fn: FunctionNode, call: TSESTree.Node): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  walk(fn.body, (node) => {
    if (node === call) return 'skip';
    if (node.range[1] <= call.range[0] || node.range[0] >= call.range[1]) {
      nodes.push(node);
      return 'skip';
    }
    return undefined;
  });
  return nodes;
}

/**
 * The state whose presence makes `statement` refuse, when it refuses on every path once that state
 * holds and `fn` sets that state itself after it: described, or null.
 */
function refusal(statement: TSESTree.IfStatement, fn: FunctionNode, source: Source, requestParams: ReadonlySet<number>): string | null {
  if (!leaves(statement.consequent) || changesIn([statement.consequent], fn, source)) return null;
  // The conditions that must all hold for the refusal: its own test and those of the `if`s around it.
  const tests: { test: TSESTree.Node; holds: boolean }[] = [{ test: statement.test, holds: true }];
  let child: TSESTree.Node = statement;
  for (let parent = statement.parent; parent && parent !== fn.body; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement) tests.push({ test: parent.test, holds: parent.consequent === child });
    else if (parent.type === AST_NODE_TYPES.TryStatement) {
      if (parent.block !== child) return null;
    } else if (parent.type !== AST_NODE_TYPES.BlockStatement) return null;
  }
  let alternatives: Latch[][] = [[]];
  for (const { test, holds } of tests) {
    const options = latchesFor(test, holds, fn, source, requestParams, 0);
    const next: Latch[][] = [];
    for (const left of alternatives) for (const right of options) if (next.length < MAX_ALTERNATIVES) next.push([...left, ...right]);
    alternatives = next;
  }
  for (const latches of alternatives) {
    if (latches.length === 0) continue;
    if (latches.every((latch) => (latch.kind === 'flag' ? flagSetAfter(fn, statement, latch) : tableFilledAfter(fn, source, statement.range[1], latch.table, 0, new Set())))) {
      return latches.map((latch) => (latch.kind === 'flag' ? `it refuses once \`${latch.text}\` is set, which it sets itself` : `it refuses once \`${latch.table}\` holds records, which it adds itself`)).join(' and ');
    }
  }
  return null;
}

/** Whether a branch leaves without going on with the request: it ends in a `throw`, `ctx.throw(…)` or a `return` (not `return next()`). */
function leaves(branch: TSESTree.Node): boolean {
  const statements = branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch];
  const last = statements.at(-1);
  if (!last) return false;
  let passes = false;
  walk(branch, (node) => {
    if (isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && /^(?:next|done)$/u.test(dottedName(node.callee)?.split('.').pop() ?? '') && node.arguments.length === 0) passes = true;
    return undefined;
  });
  // `ctx.throw(403)` (Koa) throws as a statement.
  const throwsByCall = last.type === AST_NODE_TYPES.ExpressionStatement && last.expression.type === AST_NODE_TYPES.CallExpression &&
    last.expression.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(last.expression.callee.property) === 'throw';
  return !passes && (last.type === AST_NODE_TYPES.ThrowStatement || last.type === AST_NODE_TYPES.ReturnStatement || throwsByCall);
}

/**
 * The ways a condition holds (`holds`) or fails, each a list of states that together make it so
 * whatever the request says: `[[]]` for a condition the request does not decide (the code's own
 * parameters and settings), `[]` for one it decides. `a || b` holds by either; `a && b` by both.
 */
function latchesFor(node: TSESTree.Node, holds: boolean, fn: FunctionNode, source: Source, requestParams: ReadonlySet<number>, depth: number): Latch[][] {
  let test = unwrap(node);
  if (test.type === AST_NODE_TYPES.AwaitExpression) test = unwrap(test.argument);
  if (depth > MAX_VALUE_DEPTH) return [];
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return latchesFor(test.argument, !holds, fn, source, requestParams, depth + 1);
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator !== '??') {
    const left = latchesFor(test.left, holds, fn, source, requestParams, depth + 1);
    const right = latchesFor(test.right, holds, fn, source, requestParams, depth + 1);
    // `a || b` holds when either does; it fails only when both fail (and the converse for `&&`).
    if ((test.operator === '||') === holds) return [...left, ...right].slice(0, MAX_ALTERNATIVES);
    const both: Latch[][] = [];
    for (const a of left) for (const b of right) if (both.length < MAX_ALTERNATIVES) both.push([...a, ...b]);
    return both;
  }
  const table = storeTest(test, fn, source, requestParams, depth);
  if (table !== null) return table.nonEmpty === holds ? [[{ kind: 'store', table: table.table }]] : [];
  if (paramsIn(test, fn, source).some((param) => requestParams.has(param))) return [];
  const flag = flagTest(test, holds, fn, source);
  return flag ? [[flag]] : [[]];
}

/**
 * `this.setupComplete`, `config.initialized !== true`, a module `let done`: a flag of the code that
 * the test reads, with the value that makes the test hold.
 */
function flagTest(test: TSESTree.Node, holds: boolean, fn: FunctionNode, source: Source): Latch | null {
  if (test.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(test.operator)) {
    const right = unwrap(test.right);
    if (right.type !== AST_NODE_TYPES.Literal || typeof right.value !== 'boolean') return null;
    const equal = test.operator === '===' || test.operator === '==';
    return flagTest(unwrap(test.left), equal === right.value ? holds : !holds, fn, source);
  }
  if (test.type === AST_NODE_TYPES.MemberExpression) {
    const text = dottedName(test);
    return text === null ? null : { kind: 'flag', text, value: holds };
  }
  if (test.type === AST_NODE_TYPES.Identifier) {
    // A variable of the module (`let setupDone = false`), not a local or parameter of the function.
    const variable = findVariable(source.scopeOf(test), test.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (!definition || definition.type !== 'Variable' || (fn.range[0] <= definition.node.range[0] && definition.node.range[1] <= fn.range[1])) return null;
    return { kind: 'flag', text: test.name, value: holds };
  }
  return null;
}

/**
 * Whether `fn` sets the flag to the value that makes the refusal hold, after it, and never sets it
 * back except on a path that leaves at once (the error paths of a setup that failed): a latch, not
 * a lock released in a `finally`.
 */
function flagSetAfter(fn: FunctionNode, statement: TSESTree.Node, latch: Extract<Latch, { kind: 'flag' }>): boolean {
  let set = false;
  let reset = false;
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunction(node)) return 'skip';
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=' || dottedName(node.left) !== latch.text) return undefined;
    const value = unwrap(node.right);
    const truthy = value.type === AST_NODE_TYPES.Literal ? Boolean(value.value) : null;
    if (truthy === latch.value && node.range[0] >= statement.range[1] && !inFinally(node, fn)) set = true;
    else if (!onLeavingPath(node, fn)) reset = true;
    return undefined;
  });
  return set && !reset;
}

function inFinally(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current: TSESTree.Node | undefined = node; current && current !== fn; current = current.parent) {
    if (current.parent?.type === AST_NODE_TYPES.TryStatement && current.parent.finalizer === current) return true;
  }
  return false;
}

/** Whether the statement holding `node` is in a block that ends by leaving (`…; flag = false; return;`). */
function onLeavingPath(node: TSESTree.Node, fn: FunctionNode): boolean {
  let current: TSESTree.Node = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.BlockStatement && current.parent !== fn) current = current.parent;
  const block = current.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement || block === fn.body || inFinally(block, fn)) return false;
  const last = block.body.at(-1);
  return last?.type === AST_NODE_TYPES.ReturnStatement || last?.type === AST_NODE_TYPES.ThrowStatement;
}

/**
 * What a test says about a store table: truthy exactly when it holds records (`nonEmpty`) or when it
 * holds none. A count (`count() > 0`, `rows.length === 0`), an existence test, a found record, read
 * without a key from the request, directly or through a function of the project that returns one.
 */
function storeTest(node: TSESTree.Node, fn: FunctionNode, source: Source, requestParams: ReadonlySet<number>, depth: number): { table: string; nonEmpty: boolean } | null {
  if (depth > MAX_VALUE_DEPTH) return null;
  let test = unwrap(node);
  if (test.type === AST_NODE_TYPES.AwaitExpression) test = unwrap(test.argument);
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') {
    const inner = storeTest(test.argument, fn, source, requestParams, depth + 1);
    return inner && { table: inner.table, nonEmpty: !inner.nonEmpty };
  }
  if (test.type === AST_NODE_TYPES.BinaryExpression) {
    const [counted, literal, flipped] = unwrap(test.right).type === AST_NODE_TYPES.Literal ? [test.left, unwrap(test.right), false] : [test.right, unwrap(test.left), true];
    if (literal.type !== AST_NODE_TYPES.Literal || typeof literal.value !== 'number') return null;
    const table = storeCount(counted, fn, source, requestParams, depth + 1);
    if (table === null) return null;
    const operator = flipped ? ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[test.operator] ?? test.operator : test.operator;
    const n = literal.value;
    if ((operator === '>' && n === 0) || (operator === '>=' && n === 1) || ((operator === '!==' || operator === '!=') && n === 0)) return { table, nonEmpty: true };
    if (((operator === '===' || operator === '==') && n === 0) || (operator === '<' && n === 1) || (operator === '<=' && n === 0)) return { table, nonEmpty: false };
    return null;
  }
  const counted = storeCount(test, fn, source, requestParams, depth + 1) ?? storeRecord(test, fn, source, requestParams, depth + 1);
  if (counted !== null) return { table: counted, nonEmpty: true };
  // `needsSetup()` that returns `(await db.users.count()) === 0`.
  if (test.type === AST_NODE_TYPES.CallExpression && depth < MAX_VALUE_DEPTH && test.arguments.length === 0) {
    const target = calledFunction(test, source);
    const returned = target ? onlyReturn(target.fn) : null;
    if (target && returned) return storeTest(returned, target.fn, target.source, new Set(), depth + 1);
  }
  if (test.type === AST_NODE_TYPES.Identifier) {
    const init = localInit(test, fn, source);
    if (init) return storeTest(init, fn, source, requestParams, depth + 1);
  }
  return null;
}

/** The table a count of records reads (`db.users.count()`, `SELECT count(*) FROM users`, `rows.length`), or null. */
function storeCount(node: TSESTree.Node, fn: FunctionNode, source: Source, requestParams: ReadonlySet<number>, depth: number): string | null {
  if (depth > MAX_VALUE_DEPTH) return null;
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type === AST_NODE_TYPES.MemberExpression && propertyName(value.property) === 'length') return storeRows(value.object, fn, source, requestParams, depth + 1);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    if (keyedByRequest(value, fn, source, requestParams)) return null;
    const callee = unwrap(value.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
    const sql = sqlText(value, source);
    if (sql !== null) return /^\s*select\s+count\s*\(/iu.test(sql) ? sqlTable(sql, SQL_FROM) : null;
    if (callee.type === AST_NODE_TYPES.MemberExpression && method !== null && storeQueryMethods.has(method) && method !== 'aggregate' && method !== 'distinct') {
      const receiver = receiverName(callee.object);
      return receiver !== null && isStoreReceiver(receiver) ? tableOfReceiver(receiver) : null;
    }
    // `countUsers()` of the project, whose only statement returns a count.
    if (value.arguments.length === 0) {
      const target = calledFunction(value, source);
      const returned = target ? onlyReturn(target.fn) : null;
      if (target && returned) return storeCount(returned, target.fn, target.source, new Set(), depth + 1);
    }
    return null;
  }
  // `const { total } = db.first('SELECT count(*) AS total FROM users') || {}`: a field of a count.
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = localInit(value, fn, source);
    return init ? storeCount(init, fn, source, requestParams, depth + 1) : null;
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) return storeCount(value.object, fn, source, requestParams, depth + 1);
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&') return storeCount(value.left, fn, source, requestParams, depth + 1);
  return null;
}

/** The table a list of records comes from (`db.all('SELECT * FROM auth')`, `await User.find()`), or null. */
function storeRows(node: TSESTree.Node, fn: FunctionNode, source: Source, requestParams: ReadonlySet<number>, depth: number): string | null {
  if (depth > MAX_VALUE_DEPTH) return null;
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = localInit(value, fn, source);
    return init ? storeRows(init, fn, source, requestParams, depth + 1) : null;
  }
  if (value.type !== AST_NODE_TYPES.CallExpression || keyedByRequest(value, fn, source, requestParams)) return null;
  const sql = sqlText(value, source);
  if (sql !== null) return SQL_READ.test(sql) ? sqlTable(sql, SQL_FROM) : null;
  const callee = unwrap(value.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || method === null || !storeReadMethods.has(method) || storeRecordMethods.has(method)) return null;
  const receiver = receiverName(callee.object);
  return receiver !== null && isStoreReceiver(receiver) ? tableOfReceiver(receiver) : null;
}

/** The table a single record comes from (`await User.findOne({ role: 'admin' })`, `db.get('SELECT … FROM owners')`), or null. */
function storeRecord(node: TSESTree.Node, fn: FunctionNode, source: Source, requestParams: ReadonlySet<number>, depth: number): string | null {
  if (depth > MAX_VALUE_DEPTH) return null;
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = localInit(value, fn, source);
    return init ? storeRecord(init, fn, source, requestParams, depth + 1) : null;
  }
  if (value.type !== AST_NODE_TYPES.CallExpression || keyedByRequest(value, fn, source, requestParams)) return null;
  const callee = unwrap(value.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || method === null || !storeRecordMethods.has(method)) return null;
  const sql = sqlText(value, source);
  if (sql !== null) return SQL_READ.test(sql) ? sqlTable(sql, SQL_FROM) : null;
  const receiver = receiverName(callee.object);
  return receiver !== null && isStoreReceiver(receiver) ? tableOfReceiver(receiver) : null;
}

/** Whether a read's arguments carry request input (an existence test of the caller's e-mail address is not a first-run check). */
function keyedByRequest(call: TSESTree.CallExpression, fn: FunctionNode, source: Source, requestParams: ReadonlySet<number>): boolean {
  return call.arguments.some((argument) => paramsIn(argument, fn, source).some((param) => requestParams.has(param)));
}

/** The statement a function is made of, when it only returns one value (`() => db.users.count()`). */
function onlyReturn(fn: FunctionNode): TSESTree.Node | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [only] = fn.body.body;
  return fn.body.body.length === 1 && only?.type === AST_NODE_TYPES.ReturnStatement ? only.argument : null;
}

/** The value a local `const` of `fn` is declared with (`const { total } = …` gives `…`). */
function localInit(identifier: TSESTree.Identifier, fn: FunctionNode, source: Source): TSESTree.Node | null {
  const variable = findVariable(source.scopeOf(identifier), identifier.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
  const declarator = definition.node;
  if (!(fn.range[0] <= declarator.range[0] && declarator.range[1] <= fn.range[1])) return null;
  if (declarator.parent.kind !== 'const' && variable && variable.references.some((reference) => reference.isWrite() && reference.identifier !== definition.name)) return null;
  return declarator.init;
}

/** The static SQL text a call runs (its first argument), or null. */
function sqlText(call: TSESTree.CallExpression, source: Source): string | null {
  const [first] = call.arguments;
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
  const text = sqlOf(unwrap(first), source);
  return text !== null && (SQL_READ.test(text) || SQL_WRITE.test(text)) ? text : null;
}

const SQL_FROM = /\bfrom\s+["`[]?(\w+)/iu;
const SQL_INSERT = /^\s*(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|merge\s+into|upsert\s+into)\s+["`[]?(\w+)/iu;

function sqlTable(sql: string, pattern: RegExp): string | null {
  const name = pattern.exec(sql)?.[1];
  return name === undefined ? null : normalizeTable(name);
}

/** `prisma.user`, `db.users`, `this.userRepository`, `User`: the table named, normalized (`user`). */
function tableOfReceiver(receiver: string): string {
  const last = receiver.split('.').filter((part) => !/^(?:prisma|db|database|knex|this)$/iu.test(part)).pop() ?? receiver;
  return normalizeTable(last);
}

function normalizeTable(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/gu, '').replace(/(?:repository|repo|model|collection|table)$/u, '').replace(/s$/u, '');
}

/**
 * Whether `fn` (from `from` on, or the functions it calls after that, `MAX_DEPTH` deep) adds records
 * to `table`: SQL text inserting into it, or an ORM create or insert on it.
 */
function tableFilledAfter(fn: FunctionNode, source: Source, from: number, table: string, depth: number, visiting: Set<FunctionNode>): boolean {
  if (depth > MAX_DEPTH || visiting.has(fn)) return false;
  visiting.add(fn);
  let filled = false;
  walk(fn.body, (node) => {
    if (filled) return 'skip';
    if (node.range[1] <= from) return 'skip';
    if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const text = node.quasi.quasis.map((quasi) => quasi.value.cooked ?? '').join('?');
      if (sqlTable(text, SQL_INSERT) === table) filled = true;
      return undefined;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression || node.range[0] < from) return undefined;
    const sql = sqlText(node, source);
    if (sql !== null && sqlTable(sql, SQL_INSERT) === table) {
      filled = true;
      return 'skip';
    }
    const callee = unwrap(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
    if (callee.type === AST_NODE_TYPES.MemberExpression && method !== null && storeInsertMethods.has(method)) {
      const object = unwrap(callee.object);
      // `new User(data).save()`: the model constructed.
      const receiver = object.type === AST_NODE_TYPES.NewExpression ? dottedName(object.callee) : receiverName(object);
      if (receiver !== null && isStoreReceiver(receiver) && tableOfReceiver(receiver) === table) {
        filled = true;
        return 'skip';
      }
    }
    const target = calledFunction(node, source);
    if (target && tableFilledAfter(target.fn, target.source, -Infinity, table, depth + 1, visiting)) filled = true;
    return undefined;
  });
  visiting.delete(fn);
  return filled;
}

/**
 * Whether any of `roots` (nodes of `fn`) changes state: SQL text that writes, a store write, a
 * session write, a file written or a command run, or a call of the project that does one of these.
 */
function changesIn(roots: readonly TSESTree.Node[], fn: FunctionNode, source: Source): boolean {
  let changed = false;
  for (const root of roots) {
    walk(root, (node) => {
      if (changed) return 'skip';
      if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
        const text = node.quasi.quasis.map((quasi) => quasi.value.cooked ?? '').join('?');
        if (SQL_WRITE.test(text)) changed = true;
        return undefined;
      }
      if (node.type === AST_NODE_TYPES.AssignmentExpression && writesSession(node.left, fn, source)) changed = true;
      if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = unwrap(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
      if (method === null) return undefined;
      const sql = sqlText(node, source);
      if ((sql !== null && SQL_WRITE.test(sql)) || changesServer(callee, method, source) !== null) changed = true;
      else if (callee.type === AST_NODE_TYPES.MemberExpression && storeWriteMethods.has(method)) {
        const receiver = receiverName(callee.object);
        if (receiver !== null && isStoreReceiver(receiver)) changed = true;
      }
      if (changed) return 'skip';
      const target = calledFunction(node, source);
      if (target && functionEffects(target.fn, target.source, 1, new Set()).change !== null) changed = true;
      return undefined;
    });
    if (changed) return true;
  }
  return false;
}
