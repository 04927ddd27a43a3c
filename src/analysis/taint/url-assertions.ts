import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { TaintKind } from '../../models/taint-types.js';
import { dottedName, findVariable, isConstantBinding, isFunction, propertyName, singleDefinition, unwrap, walk, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { hostFormChecks, hostResolvers } from '../../models/sanitizers.js';
import { matchSteps, originOf, parsePath, sameModule } from './access-path.js';
import { isFixedList } from './allowlist.js';

type KindSet = ReadonlySet<TaintKind>;

const NONE: KindSet = new Set();
/**
 * A helper that throws unless the host is outside blocked ranges checks where a server request
 * goes; it says nothing about where a redirect sends a browser (a public host may be anyone's).
 */
const REQUEST_TARGET: KindSet = new Set<TaintKind>(['ssrf', 'url-path']);
/** A helper that throws unless the host is in a fixed list checks a redirect's target too. */
const ALLOWED_TARGET: KindSet = new Set<TaintKind>(['ssrf', 'url-path', 'redirect']);
const HOST_MEMBERS = new Set(['host', 'hostname', 'origin']);
/** Calls that reshape a host without changing which host it names. */
const HOST_RESHAPES = new Set(['replace', 'toLowerCase', 'trim', 'toString']);
/** Membership tests of a list (`BLOCKED.has(host)`, `ranges.indexOf(address)`). */
const MEMBERSHIP_METHODS = new Set(['includes', 'has', 'some', 'find', 'findIndex', 'indexOf']);
/** Methods whose callback sees the elements of the list they are called on. */
const ELEMENT_TESTS = new Set(['some', 'every', 'find', 'findIndex', 'filter']);
/** Tests of a host string's start, end or pattern (`host.endsWith('.internal')`, `/^10\./`). */
const HOST_PATTERN_METHODS = new Set(['startsWith', 'endsWith', 'match', 'test']);
/**
 * Calls given a host that check its form, not where it points: an IP literal or a well-formed
 * name may still be a private address. A throw that depends only on them guards nothing.
 */
const FORM_ONLY = new Set<string>(hostFormChecks);
const RESOLVERS = hostResolvers.map((model) => ({ module: model.module, tokens: parsePath(model.path).tokens }));
/** Calls that throw by themselves (`ctx.throw(400)`). */
const THROWING_CALLS = /(?:^|\.)throw$/u;
const MAX_DEPTH = 12;

/** A `throw` whose condition tests the host: which other parameters that test reads, and whether it is an allow-list. */
interface ThrowSite {
  others: ReadonlySet<number>;
  allowList: boolean;
  /** Where the `if` holding the host test starts. */
  position: number;
}

/** The throws a helper's host tests guard, and where its `return`s are. */
interface HelperBody {
  sites: readonly ThrowSite[];
  returns: readonly number[];
}

const judged = new WeakMap<FunctionNode, Map<number, HelperBody>>();

/**
 * Kinds a call of the assertion helper `fn` (`await assertPublicUrl(url)`, a statement before the
 * request) clears for its argument `index`, when it is given `passed` arguments. The helper is
 * judged by its body: it parses the parameter as a URL (`new URL(p)`, `url.parse(p)`, or a helper
 * of the same file returning that), may resolve the host (`dns.lookup`), and throws when the
 * host, or an address it resolves to, fails a test against a list or range: membership
 * (`BLOCKED.has(host)`, `ranges.some(…)`), a pattern (`/^10\./.test(address)`), a comparison with
 * a literal, or a call given the host (`isPrivateAddress(address)`) that is not a mere form check.
 * A throw whose test also reads another parameter counts only when the call leaves that
 * parameter out: the caller could turn the check off through it (`{ allowPrivate: true }`).
 * Throws under a `catch` that carries on, tests of the protocol or of emptiness, and throws that do
 * not depend on the host prove nothing.
 */
export function assertionKinds(fn: FunctionNode, index: number, passed: number, sourceCode: Readonly<TSESLint.SourceCode>): KindSet {
  let byIndex = judged.get(fn);
  if (!byIndex) {
    byIndex = new Map();
    judged.set(fn, byIndex);
  }
  let body = byIndex.get(index);
  if (!body) {
    byIndex.set(index, { sites: [], returns: [] });
    body = new AssertionReader(fn, index, sourceCode).read();
    byIndex.set(index, body);
  }
  const sites = body.sites.filter((site) => ![...site.others].some((other) => other < passed));
  if (sites.length === 0) return NONE;
  // A `return` written before every host test (`if (process.env.SKIP) return;`) skips them all.
  const first = Math.min(...sites.map((site) => site.position));
  if (body.returns.some((position) => position < first)) return NONE;
  return sites.some((site) => site.allowList) ? ALLOWED_TARGET : REQUEST_TARGET;
}

/**
 * Kinds the result of a call of the assertion helper `fn` is safe for, when it is given `passed`
 * arguments: those its body clears for argument `index` (see `assertionKinds`), when every `return`
 * of the helper gives that argument back, parsed (`new URL(p)`) or as it came. The helper throws
 * for a host that fails its test, so whatever it returns names a host that passed it. A helper
 * with any other `return` (a fallback, a value built after the check) clears nothing.
 */
export function assertedResultKinds(fn: FunctionNode, index: number, passed: number, sourceCode: Readonly<TSESLint.SourceCode>): KindSet {
  const kinds = assertionKinds(fn, index, passed, sourceCode);
  if (kinds.size === 0) return NONE;
  let byIndex = returnsArgument.get(fn);
  if (!byIndex) {
    byIndex = new Map();
    returnsArgument.set(fn, byIndex);
  }
  let gives = byIndex.get(index);
  if (gives === undefined) {
    byIndex.set(index, false);
    gives = new AssertionReader(fn, index, sourceCode).returnsParameter();
    byIndex.set(index, gives);
  }
  return gives ? kinds : NONE;
}

const returnsArgument = new WeakMap<FunctionNode, Map<number, boolean>>();

class AssertionReader {
  private readonly parameter: TSESLint.Scope.Variable | null;
  private readonly urls = new Map<TSESLint.Scope.Variable, boolean>();
  private readonly hosts = new Map<TSESLint.Scope.Variable, boolean>();

  constructor(
    private readonly fn: FunctionNode,
    private readonly index: number,
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
  ) {
    const parameter = fn.params[index];
    const variable = parameter?.type === AST_NODE_TYPES.Identifier ? sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.name === parameter.name) : undefined;
    this.parameter = variable && isConstantBinding(variable) ? variable : null;
  }

  read(): HelperBody {
    if (!this.parameter || this.fn.body.type !== AST_NODE_TYPES.BlockStatement) return { sites: [], returns: [] };
    const sites: ThrowSite[] = [];
    const returns: number[] = [];
    walk(this.fn.body, (node) => {
      if (isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement) returns.push(node.range[0]);
      if (node.type === AST_NODE_TYPES.ThrowStatement || (node.type === AST_NODE_TYPES.ExpressionStatement && isThrowingCall(node.expression))) {
        const site = this.siteOf(node);
        if (site) sites.push(site);
      }
      return 'visit';
    });
    return { sites, returns };
  }

  /** Whether every `return` of the helper gives the parameter, or the URL parsed from it, and there is one. */
  returnsParameter(): boolean {
    if (!this.parameter) return false;
    if (this.fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
    const returned: (TSESTree.Node | null)[] = [];
    walk(this.fn.body, (node) => {
      if (isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement) returned.push(node.argument);
      return 'visit';
    });
    return returned.length > 0 && returned.every((value) => value !== null && (this.isParameter(value) || this.isUrl(value, 0)));
  }

  /** The host test a throw depends on, climbing its enclosing `if`s up to the helper. */
  private siteOf(statement: TSESTree.Node): ThrowSite | null {
    let found: ThrowSite | null = null;
    let child: TSESTree.Node = statement;
    let parent = statement.parent;
    while (parent && parent !== this.fn) {
      // A throw inside a `try` whose `catch` carries on stops nothing.
      if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.handler && !endsInThrow(parent.handler.body)) return null;
      if (!found && parent.type === AST_NODE_TYPES.IfStatement && parent.test !== child) {
        const others = this.unboundedAllowTest(parent.test) ? null : this.hostTest(parent.test);
        if (others) found = { others, allowList: parent.consequent === child && this.negatedFixedMembership(parent.test), position: parent.range[0] };
      }
      child = parent;
      parent = parent.parent;
    }
    return found;
  }

  /**
   * `!host.endsWith('example.com')`, `!host.startsWith('images.')`: a throw for every host that
   * does not end (or start) so lets through `evilexample.com` and `images.evil.example`. Only an end
   * at a dot boundary (`.endsWith('.example.com')`) bounds the host; a blocked end or start
   * (`host.endsWith('.internal')`, throwing when it holds) is judged as before.
   */
  private unboundedAllowTest(test: TSESTree.Node): boolean {
    const target = unwrap(test);
    if (target.type !== AST_NODE_TYPES.UnaryExpression || target.operator !== '!') return false;
    const call = unwrap(target.argument);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(call.callee.property);
    if ((method !== 'endsWith' && method !== 'startsWith') || !this.isHost(call.callee.object, 0)) return false;
    const [first] = call.arguments;
    const suffix = first ? unwrap(first) : null;
    return method === 'startsWith' || !(suffix?.type === AST_NODE_TYPES.Literal && typeof suffix.value === 'string' && suffix.value.startsWith('.'));
  }

  /** `!ALLOWED.includes(host)` with a fixed list: the throw runs for every host outside it. */
  private negatedFixedMembership(test: TSESTree.Node): boolean {
    const target = unwrap(test);
    if (target.type !== AST_NODE_TYPES.UnaryExpression || target.operator !== '!') return false;
    const call = unwrap(target.argument);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(call.callee.property);
    const [first] = call.arguments;
    return (method === 'includes' || method === 'has') && first !== undefined && this.isHost(first, 0) && isFixedList(call.callee.object, this.sourceCode);
  }

  /**
   * When `test` checks the host against a list or range: the other parameters of the helper it
   * reads (empty when none). Null when it does not test the host so.
   */
  private hostTest(test: TSESTree.Node): Set<number> | null {
    let tests = false;
    walk(test, (node) => {
      if (tests) return 'skip';
      if (isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.CallExpression && this.testsHost(node)) tests = true;
      if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(node.operator)) {
        const pairs = [[node.left, node.right], [node.right, node.left]] as const;
        if (pairs.some(([a, b]) => this.isHost(a, 0) && isNamedLiteral(b))) tests = true;
      }
      return 'visit';
    });
    return tests ? this.otherParameters(test) : null;
  }

  private testsHost(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    if (name === null) return false;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      // `host.endsWith('.internal')`, `address.match(/^10\./)`
      if (HOST_PATTERN_METHODS.has(name) && this.isHost(callee.object, 0) && call.arguments.length > 0) return true;
      // `BLOCKED.some((range) => range.contains(address))`
      const callback = call.arguments[0];
      if (ELEMENT_TESTS.has(name) && isFunction(callback) && this.mentionsHost(callback.body)) return true;
      if (MEMBERSHIP_METHODS.has(name) && call.arguments.some((argument) => this.isHost(argument, 0))) return true;
    }
    if (FORM_ONLY.has(name)) return false;
    // `isPrivateAddress(address)`, `blockList.check(address)`, `ipaddr.parse(address).range()`
    return call.arguments.some((argument) => this.isHost(argument, 0));
  }

  private mentionsHost(root: TSESTree.Node): boolean {
    let found = false;
    walk(root, (node) => {
      if (found) return 'skip';
      if ((node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && this.isHost(node, 0)) found = true;
      return found ? 'skip' : 'visit';
    });
    return found;
  }

  /**
   * The indexes of the helper's other parameters that `test` reads, directly or through a
   * variable of the helper given from one (`const { allowPrivate } = options`).
   */
  private otherParameters(test: TSESTree.Node, others = new Set<number>(), depth = 0): Set<number> {
    if (depth > 2) return others;
    const declared = this.sourceCode.getDeclaredVariables(this.fn);
    walk(test, (node) => {
      if (node.type !== AST_NODE_TYPES.Identifier) return 'visit';
      const variable = findVariable(scopeOf(this.sourceCode, node), node.name);
      if (!variable || variable === this.parameter) return 'visit';
      const definition = variable.defs[0];
      if (definition?.type === 'Parameter' && declared.includes(variable)) {
        const position = this.fn.params.findIndex((parameter) => parameter.range[0] <= definition.name.range[0] && definition.name.range[1] <= parameter.range[1]);
        if (position >= 0 && position !== this.index) others.add(position);
      } else if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && this.fn.range[0] <= definition.node.range[0] && definition.node.range[1] <= this.fn.range[1]) {
        this.otherParameters(definition.node.init, others, depth + 1);
      }
      return 'visit';
    });
    return others;
  }

  private isParameter(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    return target.type === AST_NODE_TYPES.Identifier && findVariable(scopeOf(this.sourceCode, target), target.name) === this.parameter;
  }

  /** `new URL(p)`, `url.parse(p)`, a variable only given those, or a same-file helper returning one of its parameter. */
  private isUrl(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.NewExpression || target.type === AST_NODE_TYPES.CallExpression) {
      const [first] = target.arguments;
      if (!first || first.type === AST_NODE_TYPES.SpreadElement) return false;
      const callee = dottedName(target.callee);
      if (target.type === AST_NODE_TYPES.NewExpression) return callee === 'URL' && this.isParameter(first);
      if (callee === 'url.parse' || callee === 'URL.parse') return this.isParameter(first);
      return this.isParameter(first) && target.callee.type === AST_NODE_TYPES.Identifier && this.parsingHelper(target.callee, depth);
    }
    if (target.type === AST_NODE_TYPES.AwaitExpression) return this.isUrl(target.argument, depth + 1);
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    if (!variable || variable === this.parameter) return false;
    const known = this.urls.get(variable);
    if (known !== undefined) return known;
    this.urls.set(variable, false);
    const result = this.onlyGiven(variable, (value) => this.isUrl(value, depth + 1));
    this.urls.set(variable, result);
    return result;
  }

  /** A function of this file whose every `return` gives `new URL(p)` of its first parameter (`parseImportUrl`). */
  private parsingHelper(callee: TSESTree.Identifier, depth: number): boolean {
    const variable = findVariable(scopeOf(this.sourceCode, callee), callee.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    let fn: TSESTree.Node | null = null;
    if (definition?.type === 'FunctionName') fn = definition.node;
    else if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) fn = unwrap(definition.node.init);
    if (!isFunction(fn) || fn === this.fn || fn.async || fn.generator) return false;
    const inner = new AssertionReader(fn, 0, this.sourceCode);
    if (!inner.parameter) return false;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return inner.isUrl(fn.body, depth + 1);
    const returns: TSESTree.Node[] = [];
    walk(fn.body, (node) => {
      if (isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement) returns.push(node.argument ?? node);
      return 'visit';
    });
    return returns.length > 0 && returns.every((value) => value.type !== AST_NODE_TYPES.ReturnStatement && inner.isUrl(value, depth + 1));
  }

  /**
   * The host (or origin) of the parsed parameter, a variable holding it, or an address it resolves
   * to: `url.hostname`, `const host = url.hostname.replace(…)`, `const { hostname } = url`,
   * `(await dns.lookup(host)).address`, `for (const { address } of addresses)`.
   */
  private isHost(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(target.property);
        if (target.computed || name === null) return false;
        if (HOST_MEMBERS.has(name)) return this.isUrl(target.object, depth + 1);
        return name === 'address' && this.isAddresses(target.object, depth + 1);
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(target.callee);
        return callee.type === AST_NODE_TYPES.MemberExpression && HOST_RESHAPES.has(propertyName(callee.property) ?? '') && this.isHost(callee.object, depth + 1);
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
        if (!variable || variable === this.parameter) return false;
        const known = this.hosts.get(variable);
        if (known !== undefined) return known;
        this.hosts.set(variable, false);
        const result = this.hostBinding(variable, depth) || this.onlyGiven(variable, (value) => this.isHost(value, depth + 1) || this.isAddresses(value, depth + 1));
        this.hosts.set(variable, result);
        return result;
      }
      default:
        return false;
    }
  }

  /** `const { hostname } = url`, `for (const { address } of addresses)`, `for (const entry of addresses)`. */
  private hostBinding(variable: TSESLint.Scope.Variable, depth: number): boolean {
    const definition = singleDefinition(variable);
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
    const declarator = definition.node;
    const loop = declarator.parent.parent;
    const fromLoop = loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent ? loop.right : null;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) return fromLoop !== null && this.isAddresses(fromLoop, depth + 1);
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return false;
    const source = fromLoop ?? declarator.init;
    if (!source) return false;
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.value !== definition.name) continue;
      const key = propertyName(property.key);
      if (fromLoop) return key === 'address' && this.isAddresses(fromLoop, depth + 1);
      if (key !== null && HOST_MEMBERS.has(key)) return this.isUrl(source, depth + 1);
      if (key === 'address') return this.isAddresses(source, depth + 1);
    }
    return false;
  }

  /** The result of `dns.lookup(host)` (one address, or a list with `{ all: true }`), or a variable given it. */
  private isAddresses(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    let target = unwrap(node);
    if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
    if (target.type === AST_NODE_TYPES.CallExpression) {
      const [first] = target.arguments;
      if (!first || !this.isHost(first, depth + 1)) return false;
      const origin = originOf(target.callee, this.sourceCode);
      return origin !== null && RESOLVERS.some((model) => sameModule(model.module, origin.module) && matchSteps(model.tokens, origin.steps));
    }
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    if (!variable || variable === this.parameter) return false;
    return this.elementOfAddresses(variable, depth) || this.onlyGiven(variable, (value) => this.isAddresses(value, depth + 1));
  }

  /** The element parameter of a callback over resolved addresses: `addresses.some((entry) => …)`. */
  private elementOfAddresses(variable: TSESLint.Scope.Variable, depth: number): boolean {
    const definition = singleDefinition(variable);
    const fn = definition?.type === 'Parameter' ? definition.node : null;
    if (!isFunction(fn) || fn.params[0] !== definition?.name) return false;
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
    const callee = unwrap(call.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && ELEMENT_TESTS.has(propertyName(callee.property) ?? '') && this.isAddresses(callee.object, depth + 1);
  }

  /** Whether every value written to `variable` satisfies `test` (a declaration without a value aside). */
  private onlyGiven(variable: TSESLint.Scope.Variable, test: (value: TSESTree.Node) => boolean): boolean {
    let writes = 0;
    for (const reference of variable.references) {
      if (!reference.isWrite()) continue;
      const value = reference.writeExpr;
      if (!value || reference.identifier.parent.type === AST_NODE_TYPES.Property) return false;
      const assignment = reference.identifier.parent;
      if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator !== '=') return false;
      if (assignment.type === AST_NODE_TYPES.VariableDeclarator && assignment.id !== reference.identifier) return false;
      if (!test(value)) return false;
      writes++;
    }
    return writes > 0;
  }
}

/** A non-empty string literal (`'localhost'`, `'169.254.169.254'`): a list of one. */
function isNamedLiteral(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string' && target.value.length > 0;
}

function isThrowingCall(expression: TSESTree.Expression): boolean {
  let target = unwrap(expression);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = dottedName(target.callee);
  return name !== null && name.includes('.') && THROWING_CALLS.test(name);
}

function endsInThrow(block: TSESTree.BlockStatement): boolean {
  const last = block.body.at(-1);
  if (!last) return false;
  if (last.type === AST_NODE_TYPES.ThrowStatement) return true;
  return last.type === AST_NODE_TYPES.ExpressionStatement && isThrowingCall(last.expression);
}
