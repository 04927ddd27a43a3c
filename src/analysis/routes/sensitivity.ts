import { responseMemberPath } from '../exposure/response-path.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  nonStoreReceivers,
  responseSinks,
  sqlQueryMethods,
  sqlTemplateTags,
} from '../../models/exposure.js';
import type { RequestStyle } from '../../models/frameworks/request-inputs.js';
import {
  fileReadFunctions,
  fileResponseMethods,
  rawSqlMethods,
  safeHttpMethods,
  serverChangingFunctions,
  sessionMembers,
  storeQueryMethods,
  storeReadMethods,
  storeWriteMethods,
  storeWriteReceiver,
} from '../../models/route-sensitivity.js';
import { builtinReceivers } from '../../models/sinks/index.js';
import { dottedName, findVariable, importSource, isFunction, propertyName, resolveFunction, scopeLookup, singleDefinition, unwrap, walk, type FunctionNode, type Scope } from '../../utils/ast.js';
import { OriginTracer, type Origin } from '../exposure/trace.js';
import { crossFileTarget } from '../project/calls.js';
import { parseProjectFile, type ProjectModule } from '../project/parse.js';
import { isSecretName, splitWords } from '../secrets/names.js';
import { isPrivilegedRoute, type AuthVocabulary } from './auth.js';
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
  const unsafe = route.methods.length === 0 ? 'ALL' : route.methods.find((method) => !safeHttpMethods.has(method));
  if (unsafe !== undefined) return `it changes state (${unsafe})`;
  if (isPrivilegedRoute(route, vocabulary)) return 'its path is privileged';
  const handler = route.handler;
  if (!handler) return null;
  let fn = handler.fn;
  let source: Source = { sourceCode, scopeOf: scopeLookup(sourceCode), module: null };
  if (!fn) {
    // `router.get('/', controller.list)`: the controller of another file.
    const node = unwrap(handler.node);
    const target = node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression ? crossFileTarget(node, sourceCode) : null;
    if (!target) return null;
    fn = target.fn;
    source = { sourceCode: target.module.sourceCode, scopeOf: scopeLookup(target.module.sourceCode), module: target.module };
  }
  return new HandlerReading(source, fn, handler.style).reason();
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
      return this.carried(value.object, depth + 1);
    }
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(value.callee);
      const name = dottedName(callee);
      if (name !== null && /^(?:Boolean|Number|Math\.\w+|Array\.isArray|Object\.keys)$/u.test(name)) return null;
      // `users.map(toView)`, `list.filter(...)`: the elements of a list of records.
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(callee.property);
        if (method !== null && /^(?:map|flatMap|filter|slice|sort|reverse|concat|at|find|toJSON|toObject|get)$/u.test(method)) {
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
      if (callee.type !== AST_NODE_TYPES.MemberExpression) {
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
  const returns = sinks.some((sink) => sink.kind === 'return' && sink.path === '');
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
    const method = classMethod(callee);
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

/** `this.findAll()` in a class: the method of that class. */
function classMethod(member: TSESTree.MemberExpression): FunctionNode | null {
  const name = member.computed ? null : propertyName(member.property);
  let holder: TSESTree.Node | undefined = member.parent;
  while (holder && holder.type !== AST_NODE_TYPES.ClassBody) holder = holder.parent;
  if (!holder || name === null) return null;
  for (const element of holder.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && !element.computed && element.kind === 'method' && propertyName(element.key) === name && isFunction(element.value)) return element.value;
  }
  return null;
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

/** `db.users`, `this.userRepository`, `knex('users')` (a call's callee), `User`: the receiver as a name. */
function receiverName(node: TSESTree.Node): string | null {
  let current = unwrap(node);
  for (let step = 0; step < 10 && current.type === AST_NODE_TYPES.CallExpression; step++) {
    const callee = unwrap(current.callee);
    current = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
  }
  const name = dottedName(current);
  return name?.replace(/^this\./u, '') ?? null;
}

function isStoreReceiver(name: string): boolean {
  const head = name.split('.')[0] ?? name;
  if (nonStoreReceivers.has(head) || (builtinReceivers as readonly string[]).includes(head)) return false;
  if (/^[A-Z][A-Za-z0-9]*$/u.test(head)) return true;
  return storeWriteReceiver.test(name.toLowerCase());
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
