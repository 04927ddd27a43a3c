import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { TaintKind } from '../../models/taint-types.js';
import { dottedName, findVariable, isConstantBinding, isFunction, propertyName, singleDefinition, unwrap, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { isFixedList } from './allowlist.js';
import { fixedHostPattern } from './regex-kinds.js';

type KindSet = ReadonlySet<TaintKind>;

const NONE: KindSet = new Set();
/**
 * A URL whose host was checked against fixed values may be fetched or redirected to (`url-path` is
 * the same request sink read as a path under a fixed origin: the whole value is the URL here).
 */
const URL_CHECKED: KindSet = new Set<TaintKind>(['ssrf', 'url-path', 'redirect']);
const HOST_MEMBERS = new Set(['host', 'hostname', 'origin']);
/** Callbacks of these methods see the elements of the array they are called on. */
const ELEMENT_CALLBACKS = new Set(['some', 'every', 'find', 'findIndex', 'filter', 'forEach']);
/** `https://api.example.com`: a scheme and a host, nothing after. */
const ORIGIN = /^[a-z][a-z\d+.-]*:\/\/[^/\\?#@\s]+$/i;
/** A scheme and a host, maybe a path after. */
const HOSTED_URL = /^[a-z][a-z\d+.-]*:\/\/[^/\\?#@\s]+(?:\/[^?#]*)?$/i;
const MAX_DEPTH = 6;
const RESHAPING_METHODS = new Set(['toLowerCase', 'toUpperCase', 'trim', 'toString', 'replace', 'slice']);

/** What a guard finder offers the judge: its comparable keys and its reading of conditions. */
export interface ConditionReader {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  key(node: TSESTree.Node): string | null;
  /** Kinds cleared for `key` when `test` evaluates to `polarity`. */
  conditionKinds(test: TSESTree.Node, key: string, polarity: boolean): KindSet;
  /** Kinds cleared for `key` at `node` by the conditions that enclose or precede it in its function. */
  guardedKindsFor(node: TSESTree.Node, key: string): KindSet;
  /** A list whose members the server chose: written in the code, or loaded at run time from its own stores. */
  serverList(node: TSESTree.Node): boolean;
}

/** What one function tells about its parameter `index` when it returns a truthy value. */
interface Body {
  name: string;
  /** `const url = new URL(param)`: names whose host is the parameter's host. */
  parsed: Set<string>;
  /** `const host = url.hostname`, `const { origin } = url`: names holding the parameter's host or origin. */
  hosts: Set<string>;
  /** The returns that may give a truthy value. */
  returns: { statement: TSESTree.Node; value: TSESTree.Node }[];
}

/**
 * Same-file validators judged by their body, not their name. `if (!isValidId(id)) return …`
 * protects `id` afterwards for the kinds that every truthy `return` of `isValidId` proves about
 * its parameter: a whole-string regex test (`/^[\w-]+$/.test(id)`), a fixed-list membership, or,
 * for a URL, a comparison of its parsed host or origin with fixed values (or a regex anchored on
 * fixed hosts). Anything else (a return that checks nothing, a parameter reassigned, an `async`
 * function tested without `await`, whose promise is always truthy) makes it no validator. Results are memoized per function and parameter, so each body is read
 * once per file however often it is called.
 */
export class ValidatorPredicates {
  private readonly judged = new WeakMap<FunctionNode, Map<number, KindSet>>();
  private readonly prefixes = new WeakMap<readonly TSESTree.Node[], boolean[]>();

  constructor(private readonly reader: ConditionReader) {}

  /**
   * Kinds cleared for the value `key` when `call`, a call of a same-file predicate with it, is true;
   * `awaited` when the test reads the call through `await`, so an `async` predicate's resolved
   * value is what is tested.
   */
  callKinds(call: TSESTree.CallExpression, key: string, awaited = false): KindSet {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return NONE;
    let index = -1;
    for (const [position, argument] of call.arguments.entries()) {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return NONE;
      if (this.reader.key(argument) === key) {
        index = position;
        break;
      }
    }
    if (index < 0) return NONE;
    const fn = this.predicateFunction(callee, awaited);
    return fn ? this.functionKinds(fn, index) : NONE;
  }

  /** A function declaration or `const` function never reassigned, not a generator, and async only when awaited. */
  private predicateFunction(callee: TSESTree.Identifier, awaited: boolean): FunctionNode | null {
    const variable = findVariable(scopeOf(this.reader.sourceCode, callee), callee.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (!definition) return null;
    let fn: TSESTree.Node | null = null;
    if (definition.type === 'FunctionName' && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) fn = definition.node;
    else if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) fn = unwrap(definition.node.init);
    if (!isFunction(fn) || (fn.async && !awaited) || fn.generator) return null;
    return fn;
  }

  /** Kinds a truthy result of `fn`, a function of this reader's file, proves about its parameter `index`. */
  functionKinds(fn: FunctionNode, index: number): KindSet {
    let byIndex = this.judged.get(fn);
    if (!byIndex) {
      byIndex = new Map();
      this.judged.set(fn, byIndex);
    }
    const known = byIndex.get(index);
    if (known) return known;
    // A predicate that calls itself proves nothing through that call.
    byIndex.set(index, NONE);
    const kinds = this.judge(fn, index);
    byIndex.set(index, kinds);
    return kinds;
  }

  private judge(fn: FunctionNode, index: number): KindSet {
    const body = this.readBody(fn, index);
    if (!body || body.returns.length === 0) return NONE;
    let kinds: ReadonlySet<TaintKind> | null = null;
    for (const { statement, value } of body.returns) {
      const proven = new Set<TaintKind>([...this.reader.conditionKinds(value, body.name, true)]);
      if (statement !== value) for (const kind of this.reader.guardedKindsFor(statement, body.name)) proven.add(kind);
      if (this.urlHolds(value, true, body, 0) || (statement !== value && this.urlCheckedBefore(statement, fn, body))) {
        for (const kind of URL_CHECKED) proven.add(kind);
      }
      kinds = kinds === null ? proven : new Set([...kinds].filter((kind: TaintKind) => proven.has(kind)));
      if (kinds.size === 0) return NONE;
    }
    return kinds ?? NONE;
  }

  /** The parameter's name, the names parsed from it, and the truthy returns; null when the parameter is reassigned. */
  private readBody(fn: FunctionNode, index: number): Body | null {
    const parameter = fn.params[index];
    if (parameter?.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = this.reader.sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.name === parameter.name);
    if (!variable || !isConstantBinding(variable)) return null;
    const body: Body = { name: parameter.name, parsed: new Set(), hosts: new Set(), returns: [] };
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
      body.returns.push({ statement: fn.body, value: fn.body });
      return body;
    }
    const visit = (node: TSESTree.Node): void => {
      if (isFunction(node)) return;
      if (node.type === AST_NODE_TYPES.ReturnStatement) {
        if (node.argument && !isFalsyLiteral(node.argument)) body.returns.push({ statement: node, value: node.argument });
      } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init && this.parses(node.init, body.name)) {
        const declared = this.reader.sourceCode.getDeclaredVariables(node)[0];
        if (declared && isConstantBinding(declared)) body.parsed.add(node.id.name);
      } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
        this.readHostAlias(node, body);
      }
      for (const child of childNodes(node)) visit(child);
    };
    for (const statement of fn.body.body) visit(statement);
    return body;
  }

  /** `const host = url.hostname`, `const { hostname } = new URL(param)`: a name for the host, never reassigned. */
  private readHostAlias(node: TSESTree.VariableDeclarator, body: Body): void {
    const init = node.init;
    if (!init) return;
    for (const declared of this.reader.sourceCode.getDeclaredVariables(node)) {
      if (!isConstantBinding(declared)) continue;
      if (node.id.type === AST_NODE_TYPES.Identifier) {
        if (this.isHostOf(init, body)) body.hosts.add(declared.name);
        continue;
      }
      if (node.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
      const source = unwrap(init);
      const parsed = (source.type === AST_NODE_TYPES.Identifier && body.parsed.has(source.name)) || this.parses(source, body.name);
      if (!parsed) continue;
      for (const property of node.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === declared.name && HOST_MEMBERS.has(propertyName(property.key) ?? '')) {
          body.hosts.add(declared.name);
        }
      }
    }
  }

  /** `new URL(param)`, `new URL(param, base)`, `url.parse(param)`. */
  private parses(node: TSESTree.Node, name: string): boolean {
    const target = unwrap(node);
    const first = (target.type === AST_NODE_TYPES.NewExpression || target.type === AST_NODE_TYPES.CallExpression) ? target.arguments[0] : undefined;
    if (!first || first.type === AST_NODE_TYPES.SpreadElement || this.reader.key(first) !== name) return false;
    const callee = dottedName((target as TSESTree.NewExpression | TSESTree.CallExpression).callee);
    return (target.type === AST_NODE_TYPES.NewExpression && callee === 'URL') || (target.type === AST_NODE_TYPES.CallExpression && (callee === 'url.parse' || callee === 'URL.parse'));
  }

  /** `url.hostname`, `url.origin`, `new URL(param).host` of the parameter. */
  private isHostOf(node: TSESTree.Node, body: Body): boolean {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier && body.hosts.has(target.name)) return true;
    if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || !HOST_MEMBERS.has(propertyName(target.property) ?? '')) return false;
    const object = unwrap(target.object);
    return (object.type === AST_NODE_TYPES.Identifier && body.parsed.has(object.name)) || this.parses(object, body.name);
  }

  /**
   * Whether `test` evaluating to `polarity` proves the parameter's host is one of fixed values:
   * `url.origin === ALLOWED`, `LIST.includes(url.hostname)`, `url.hostname.endsWith('.example.com')`,
   * `param.startsWith(origin + '/')`, a regex anchored on fixed hosts (see `fixedHostPattern`), or
   * `LIST.some((o) => …)` of those.
   */
  private urlHolds(node: TSESTree.Node, polarity: boolean, body: Body, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const test = unwrap(node);
    if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return this.urlHolds(test.argument, !polarity, body, depth + 1);
    if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator !== '??') {
      const both = (test.operator === '&&') === polarity;
      const left = this.urlHolds(test.left, polarity, body, depth + 1);
      const right = this.urlHolds(test.right, polarity, body, depth + 1);
      return both ? left || right : left && right;
    }
    const sourceCode = this.reader.sourceCode;
    const serverList = (list: TSESTree.Node): boolean => this.reader.serverList(list);
    const fixed = (value: TSESTree.Node): boolean => isFixedValue(value, sourceCode, 0, serverList);
    if (test.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(test.operator)) {
      if ((test.operator === '===' || test.operator === '==') !== polarity) return false;
      // The host or origin, or the whole URL, equal to a value the server chose (an entry of its list).
      const compared = (node: TSESTree.Node): boolean => this.isHostOf(node, body) || this.reader.key(node) === body.name;
      return (compared(test.left) && fixed(test.right)) || (compared(test.right) && fixed(test.left));
    }
    if (test.type !== AST_NODE_TYPES.CallExpression || !polarity) return false;
    const callee = unwrap(test.callee);
    const [first] = test.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !first || first.type === AST_NODE_TYPES.SpreadElement) return false;
    const method = propertyName(callee.property);
    if ((method === 'includes' || method === 'has') && this.isHostOf(first, body)) return isFixedList(callee.object, sourceCode);
    if (method === 'endsWith' && this.isHostOf(callee.object, body)) {
      const suffix = unwrap(first);
      return suffix.type === AST_NODE_TYPES.Literal && typeof suffix.value === 'string' && suffix.value.startsWith('.') && suffix.value.length > 1;
    }
    if (method === 'startsWith' && this.reader.key(callee.object) === body.name) return isOriginPrefix(first, sourceCode, serverList);
    // `/^(?:api|cdn)\.example\.com$/.test(url.hostname)`, `/^https:\/\/api\.example\.com\//.test(param)`.
    if (method === 'test' && this.isHostOf(first, body)) return fixedHostPattern(callee.object, sourceCode) !== null;
    if (method === 'test' && this.reader.key(first) === body.name) return fixedHostPattern(callee.object, sourceCode) === 'origin';
    if ((method === 'some' || method === 'find') && serverList(callee.object) && isFunction(first)) {
      const result = singleResult(first);
      return result !== null && this.urlHolds(result, true, body, depth + 1);
    }
    return false;
  }

  /** Whether a condition that encloses `statement` in `fn`, or an earlier exit, proves the host fixed. */
  private urlCheckedBefore(statement: TSESTree.Node, fn: FunctionNode, body: Body): boolean {
    let child: TSESTree.Node = statement;
    let parent = statement.parent;
    while (parent && parent !== fn) {
      if (parent.type === AST_NODE_TYPES.IfStatement) {
        if (parent.consequent === child && this.urlHolds(parent.test, true, body, 0)) return true;
        if (parent.alternate === child && this.urlHolds(parent.test, false, body, 0)) return true;
      }
      if (parent.type === AST_NODE_TYPES.BlockStatement) {
        const position = parent.body.indexOf(child as TSESTree.Statement);
        if (position > 0 && this.exitsProve(parent.body, body)[position - 1]) return true;
      }
      child = parent;
      parent = parent.parent;
    }
    return false;
  }

  /** Per statement of a block: whether an `if (!check) return/throw` up to it proves the host fixed. */
  private exitsProve(statements: readonly TSESTree.Node[], body: Body): boolean[] {
    let prefix = this.prefixes.get(statements);
    if (prefix) return prefix;
    prefix = [];
    let proven = false;
    for (const statement of statements) {
      if (!proven && statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && exits(statement.consequent)) {
        proven = this.urlHolds(statement.test, false, body, 0);
      }
      prefix.push(proven);
    }
    this.prefixes.set(statements, prefix);
    return prefix;
  }
}

function exits(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (node.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = node.body.at(-1);
  return last !== undefined && exits(last);
}

function isFalsyLiteral(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal) return !('regex' in target) && !target.value;
  return target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined';
}

/** The expression a callback returns: its expression body or its single `return`. */
function singleResult(fn: FunctionNode): TSESTree.Node | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [only] = fn.body.body;
  return fn.body.body.length === 1 && only?.type === AST_NODE_TYPES.ReturnStatement && only.argument ? only.argument : null;
}

function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const [name, value] of Object.entries(node)) {
    if (name === 'parent') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object' && 'type' in item) children.push(item as TSESTree.Node);
    } else if (value && typeof value === 'object' && 'type' in value) children.push(value as TSESTree.Node);
  }
  return children;
}

/**
 * A value the caller cannot choose: a literal, a constant derived from literals, the environment
 * or imported configuration, an element of a fixed list (`for (const o of ALLOWED)`,
 * `ALLOWED.some((o) => …)`). A parameter or anything read at run time from elsewhere is not.
 */
export function isFixedValue(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth = 0,
  isList: (list: TSESTree.Node) => boolean = (list) => isFixedList(list, sourceCode),
): boolean {
  if (depth > MAX_DEPTH) return false;
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return !('regex' in target);
    case AST_NODE_TYPES.TemplateLiteral:
      return target.expressions.every((expression) => isFixedValue(expression, sourceCode, depth + 1, isList));
    case AST_NODE_TYPES.BinaryExpression:
      return target.left.type !== AST_NODE_TYPES.PrivateIdentifier && isFixedValue(target.left, sourceCode, depth + 1, isList) && isFixedValue(target.right, sourceCode, depth + 1, isList);
    // `process.env.APP_ORIGIN ?? 'https://app.example.com'`: either side is fixed.
    case AST_NODE_TYPES.LogicalExpression:
      return isFixedValue(target.left, sourceCode, depth + 1, isList) && isFixedValue(target.right, sourceCode, depth + 1, isList);
    case AST_NODE_TYPES.ConditionalExpression:
      return isFixedValue(target.consequent, sourceCode, depth + 1, isList) && isFixedValue(target.alternate, sourceCode, depth + 1, isList);
    case AST_NODE_TYPES.MemberExpression: {
      if (dottedName(target.object) === 'process.env') return true;
      return !target.computed && isFixedValue(target.object, sourceCode, depth + 1, isList);
    }
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression: {
      // `new URL(BASE)`, `String(BASE)`, `BASE.toLowerCase()`: the same value, reshaped.
      const callee = unwrap(target.callee);
      const arguments_ = target.arguments;
      const fixedArguments = arguments_.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isFixedValue(argument, sourceCode, depth + 1, isList));
      if (callee.type === AST_NODE_TYPES.Identifier) return (callee.name === 'URL' || callee.name === 'String') && fixedArguments;
      return callee.type === AST_NODE_TYPES.MemberExpression && RESHAPING_METHODS.has(propertyName(callee.property) ?? '') && fixedArguments && isFixedValue(callee.object, sourceCode, depth + 1, isList);
    }
    case AST_NODE_TYPES.Identifier:
      return isFixedBinding(target, sourceCode, depth, isList);
    default:
      return false;
  }
}

function isFixedBinding(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>, depth: number, isList: (list: TSESTree.Node) => boolean): boolean {
  const variable = findVariable(scopeOf(sourceCode, identifier), identifier.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (!definition) return false;
  if (definition.type === 'ImportBinding') return true;
  const node = definition.node;
  if (definition.type === 'Parameter' && isFunction(node) && node.params[0] === definition.name) {
    // `ALLOWED.some((origin) => …)`: the callback's first parameter is an element of the list.
    const call = node.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== node) return false;
    const callee = unwrap(call.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && ELEMENT_CALLBACKS.has(propertyName(callee.property) ?? '') && isList(callee.object);
  }
  if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id !== definition.name) return false;
  const loop = node.parent.parent;
  if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === node.parent) return isList(loop.right);
  return node.init !== null && isFixedValue(node.init, sourceCode, depth + 1, isList);
}

/**
 * A prefix that ends the host: `origin + '/'` or `entry + '/'` with the value fixed (an entry of a
 * list the server chose) and, when its values can be listed, each a URL with a host; a literal
 * `https://host/…`; or an entry of a listed list whose values are all such literals. A prefix
 * without the slash after the host (`startsWith(origin)`) lets `https://api.example.com.evil.net`
 * through, and so does an entry of a list whose values cannot be read.
 */
export function isOriginPrefix(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, isList: (list: TSESTree.Node) => boolean): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return endsHost(target.value);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const values = listedStrings(target, sourceCode);
    return values !== null && values.length > 0 && values.every(endsHost) && isFixedValue(target, sourceCode, 0, isList);
  }
  if (target.type !== AST_NODE_TYPES.BinaryExpression || target.operator !== '+') return false;
  const right = unwrap(target.right);
  if (right.type !== AST_NODE_TYPES.Literal || typeof right.value !== 'string' || !right.value.startsWith('/')) return false;
  if (!isFixedValue(target.left, sourceCode, 0, isList)) return false;
  const values = listedStrings(target.left, sourceCode);
  // Entries of a list loaded at run time are the server's own URLs; a listed one must name a host.
  return values === null ? target.left.type === AST_NODE_TYPES.Identifier && !isFixedValue(target.left, sourceCode) : values.every((value) => HOSTED_URL.test(value));
}

/** `https://api.example.com/…`: a scheme, a host, and a `/` that ends the host. */
function endsHost(value: string): boolean {
  const slash = value.indexOf('/', value.indexOf('//') + 2);
  return value.indexOf('//') > 0 && slash > 0 && ORIGIN.test(value.slice(0, slash));
}

/** The strings a fixed value can be, when they are written in this file; null otherwise. */
function listedStrings(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string[] | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal) return typeof target.value === 'string' ? [target.value] : null;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(sourceCode, target), target.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!definition) return null;
  let list: TSESTree.Node | null = null;
  if (definition.type === 'Parameter' && isFunction(definition.node)) {
    const call = definition.node.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression) list = call.callee.object;
  } else if (definition.node.type === AST_NODE_TYPES.VariableDeclarator) {
    const loop = definition.node.parent.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === definition.node.parent) list = loop.right;
    else if (definition.node.init) return listedStrings(definition.node.init, sourceCode);
  }
  return list ? arrayStrings(list, sourceCode) : null;
}

function arrayStrings(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): string[] | null {
  const target = unwrap(node);
  if (depth > 2) return null;
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    const values: string[] = [];
    for (const element of target.elements) {
      const item = element ? unwrap(element) : null;
      if (item?.type !== AST_NODE_TYPES.Literal || typeof item.value !== 'string') return null;
      values.push(item.value);
    }
    return values;
  }
  if (target.type === AST_NODE_TYPES.NewExpression && dottedName(target.callee) === 'Set' && target.arguments[0]) return arrayStrings(target.arguments[0], sourceCode, depth + 1);
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(sourceCode, target), target.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  return definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init ? arrayStrings(definition.node.init, sourceCode, depth + 1) : null;
}
