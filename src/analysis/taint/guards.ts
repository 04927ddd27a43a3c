import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { allTaintKinds, type TaintKind } from '../../models/taint-types.js';
import { dottedName, enclosingFunction, findVariable, isFunction, nodesOfType, propertyName, resolveFunction, staticString, unwrap, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { isFixedList } from './allowlist.js';
import { matchSteps, originOf, parsePath, sameModule, type Origin } from './access-path.js';
import { relativeUrlPredicates, validatorGuards } from '../../models/sanitizers.js';
import { isFixedValue, isOriginPrefix, ValidatorPredicates } from './predicates.js';
import { fixedHostPattern, leadingDotRegex, oneSegmentRegex, regexKinds } from './regex-kinds.js';
import { assertedResultKinds, assertionKinds } from './url-assertions.js';
import { crossFileTarget } from '../project/calls.js';
import { importedDefinition } from '../project/imported.js';
import { parseProjectFile } from '../project/parse.js';

/** Kinds a guard clears (empty when the test says nothing about the value). */
export type KindSet = ReadonlySet<TaintKind>;

const NONE: KindSet = new Set();
const ALL: KindSet = new Set(allTaintKinds);
const NOSQL: KindSet = new Set<TaintKind>(['nosql']);
/** A check of where a URL points (its host or origin) makes it safe to fetch or redirect to. */
const URL_TARGET: KindSet = new Set<TaintKind>(['ssrf', 'url-path', 'redirect']);
/**
 * Membership in a list the server holds in memory (names it chose: installed packages, files it
 * registered at start-up) fixes where a URL points, and leaves no path segment of the client's.
 */
const URL_TARGET_OR_PATH: KindSet = new Set<TaintKind>(['ssrf', 'url-path', 'redirect', 'path']);
const REDIRECT: KindSet = new Set<TaintKind>(['redirect']);
const PATH: KindSet = new Set<TaintKind>(['path']);
const HOST_MEMBERS = new Set(['host', 'hostname', 'origin']);
/** Calls whose result is a normalised absolute path, so a `startsWith(root)` check on it holds. */
const RESOLVED_PATH = /(?:^|\.)(?:resolve|join|normalize|realpath|realpathSync)$/;

/**
 * What a test proves about the start and the characters of a string: it starts with `/`, and not
 * with `//` (a path on this site); it is one path segment (no `/` or `\`), and does not start
 * with a dot (so it is neither `.` nor `..`): a name inside the directory it is joined to.
 */
interface RelativeFacts {
  slash: boolean;
  notDouble: boolean;
  segment: boolean;
  noDot: boolean;
}

const NO_FACTS: RelativeFacts = { slash: false, notDouble: false, segment: false, noDot: false };

/** What a test proves about a value: the kinds it clears and what it says about the string's start. */
interface Evaluation {
  kinds: KindSet;
  facts: RelativeFacts;
}

const NOTHING: Evaluation = { kinds: NONE, facts: NO_FACTS };

/** Index of the first entry of the sorted `positions` at or after `position`, searching from `from`. */
function firstAtOrAfter(positions: readonly number[], position: number, from: number): number {
  let low = from;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle]! < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Boolean checks (by method name) that only pass for digits, ids or alphanumerics. */
const VALIDATING_METHODS = new Set([
  'isInt', 'isNumeric', 'isUUID', 'isMongoId', 'isAlphanumeric', 'isAlpha', 'isInteger', 'isSafeInteger',
  'isFinite', 'isValidObjectId', 'isHexadecimal', 'isBoolean',
]);

/** Methods whose result is the value up to letter case and surrounding whitespace. */
const SAME_VALUE_METHODS = new Set(['toString', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd']);

const RELATIVE_URL_PREDICATES = new Set<string>(relativeUrlPredicates);
/** Marks a key made of a fixed text and a read (`'/' + next`): no code text contains it. */
const PREFIXED_MARK = '\u0000';

/**
 * `'/' + next` or `` `/${next}` ``: a fixed text, then one read, nothing after. Only this exact
 * shape: text after the read (`` `/${next}/edit` ``) can change where the string points (an empty
 * `next` makes it `//edit`).
 */
function prefixedRead(node: TSESTree.Node): { prefix: string; value: TSESTree.Node } | null {
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    const left = unwrap(node.left);
    if (left.type === AST_NODE_TYPES.Literal && typeof left.value === 'string' && left.value !== '') return { prefix: left.value, value: unwrap(node.right) };
    return null;
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 1) {
    const [head, tail] = node.quasis;
    const prefix = head?.value.cooked;
    if (typeof prefix === 'string' && prefix !== '' && tail?.value.cooked === '') return { prefix, value: unwrap(node.expressions[0]!) };
  }
  return null;
}

/**
 * The string made of a fixed text and `read` (`'/' + read`, `` `/${read}` ``) when `read` is the
 * value of one: a check of that whole string (`is_relative_url('/' + read)`) guards it.
 */
export function fixedTextBefore(read: TSESTree.Node): TSESTree.Node | null {
  const parent = read.parent;
  if (!parent) return null;
  const shape = prefixedRead(parent);
  return shape && shape.value === read ? parent : null;
}

const isLocalModule = (specifier: string): boolean => specifier.startsWith('.') || specifier.startsWith('/');

/**
 * Where a name a project file exports comes from when that file only passes on a binding it
 * imported (`const { check } = require('pkg'); module.exports = { check }`): the package's export.
 */
function passedOnOrigin(from: TSESTree.Node, origin: Origin): Origin | null {
  const [step] = origin.steps;
  if (origin.steps.length !== 1 || !step?.startsWith('Member:')) return null;
  const definition = importedDefinition(from, origin.module, step.slice('Member:'.length));
  if (definition?.node.type !== AST_NODE_TYPES.Identifier) return null;
  const module = parseProjectFile(definition.file);
  return module ? originOf(definition.node, module.sourceCode) : null;
}

const union = (a: KindSet, b: KindSet): KindSet => new Set([...a, ...b]);
const intersect = (a: KindSet, b: KindSet): KindSet => new Set([...a].filter((kind) => b.has(kind)));

/** User validators: dotted name matcher plus the kinds each clears. */
export type ValidatorLookup = (name: string) => KindSet | null;

/**
 * Finds what guards protect a read of a value: enclosing `if`/ternary/`&&` tests, `switch` cases,
 * and earlier `if (!check(x)) return/throw` statements in enclosing blocks of the same function.
 */
export class GuardFinder {
  /** Same-file predicates (`if (!isValidId(id)) return`), judged by their body. */
  readonly predicates = new ValidatorPredicates(this);

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly validators: ValidatorLookup,
    private readonly heldByServer: (list: TSESTree.Node, inMemory?: boolean) => boolean = () => false,
    /**
     * For the reader of checks whose verdict is unknown only: a prefix known at run time and not
     * chosen by the request (`config.siteUrl`), which a `startsWith` check is then taken to fix
     * (see `runtimePrefixOf`). Null for the reader of proven checks.
     */
    private readonly runtimePrefix: ((prefix: TSESTree.Node) => boolean) | null = null,
    /**
     * Whether a check that rejects `..` clears `path` (true but for the reader that tells a value
     * checked so apart: it may still be absolute, see `parentChecked`).
     */
    private readonly parentCheckClears = true,
  ) {}

  /** The same reader, for which a check that rejects `..` does not clear `path` (see `parentChecked`). */
  withoutParentChecks(): GuardFinder {
    return new GuardFinder(this.sourceCode, this.validators, this.heldByServer, this.runtimePrefix, false);
  }

  /**
   * The last `startsWith` check of the value `key` against a run-time prefix before `node` in its
   * function (`if (!target.startsWith(config.siteUrl)) throw …`), for messages; null when none.
   */
  runtimePrefixOf(node: TSESTree.Node, key: string): TSESTree.Node | null {
    const fn = enclosingFunction(node);
    const runtimePrefix = this.runtimePrefix;
    if (!fn || !runtimePrefix) return null;
    // The checks of a function are listed once, by value, in source order.
    let byKey = this.prefixChecks.get(fn);
    if (!byKey) {
      byKey = new Map();
      for (const call of nodesOfType(fn, AST_NODE_TYPES.CallExpression)) {
        const callee = unwrap(call.callee);
        const [first] = call.arguments;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || !propertyIs(callee.property, 'startsWith') || !first) continue;
        const checked = this.key(callee.object);
        if (checked === null || !runtimePrefix(first)) continue;
        const entry = byKey.get(checked) ?? { prefixes: [], positions: [] };
        entry.prefixes.push(first);
        entry.positions.push(first.range[0]);
        byKey.set(checked, entry);
      }
      for (const entry of byKey.values()) {
        entry.prefixes.sort((a, b) => a.range[0] - b.range[0]);
        entry.positions = entry.prefixes.map((prefix) => prefix.range[0]);
      }
      this.prefixChecks.set(fn, byKey);
    }
    const checks = byKey.get(key);
    if (!checks) return null;
    const index = firstAtOrAfter(checks.positions, node.range[0], 0);
    return index > 0 ? checks.prefixes[index - 1]! : null;
  }

  private readonly prefixChecks = new WeakMap<TSESTree.Node, Map<string, { prefixes: TSESTree.Node[]; positions: number[] }>>();

  /**
   * A list whose members the server chose, though not written in the code: loaded from its own
   * database, configuration or a fixed URL at run time (`const allowed = await loadAllowedHosts()`).
   * Membership in it proves where a URL points; it is not a fixed list for other kinds, whose
   * stored values may have been written by other users.
   */
  serverList(node: TSESTree.Node): boolean {
    return isFixedList(node, this.sourceCode) || this.heldByServer(node);
  }

  guardedKinds(node: TSESTree.Node): KindSet {
    const key = this.key(node);
    if (key === null) return NONE;
    return this.guardedKindsFor(node, key);
  }

  /** Kinds cleared for the value `key` at `node` by the tests that enclose or precede it in its function. */
  guardedKindsFor(node: TSESTree.Node, key: string): KindSet {
    let kinds = NONE;
    let child: TSESTree.Node = node;
    let parent = node.parent;
    let steps = 0;
    while (parent && steps++ < 64) {
      switch (parent.type) {
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.consequent === child) kinds = union(kinds, this.test(parent.test, key, true));
          else if (parent.alternate === child) kinds = union(kinds, this.test(parent.test, key, false));
          break;
        case AST_NODE_TYPES.LogicalExpression:
          if (parent.right === child && parent.operator === '&&') kinds = union(kinds, this.test(parent.left, key, true));
          if (parent.right === child && parent.operator === '||') kinds = union(kinds, this.test(parent.left, key, false));
          break;
        case AST_NODE_TYPES.SwitchCase: {
          const statement = parent.parent;
          if (parent.test?.type === AST_NODE_TYPES.Literal && this.key(statement.discriminant) === key) kinds = ALL;
          kinds = union(kinds, this.earlierExits(parent.consequent, child, key));
          break;
        }
        case AST_NODE_TYPES.BlockStatement:
        case AST_NODE_TYPES.Program:
          kinds = union(kinds, this.earlierExits(parent.body, child, key));
          break;
        default:
          break;
      }
      if (kinds.size === ALL.size) return kinds;
      // A closure created after the checks (`return new Promise((resolve) => exec(cmd(x), …))`) sees
      // the checked value when the variable is never written again.
      if (isFunction(parent) && !this.unchangedIn(node, parent)) break;
      child = parent;
      parent = parent.parent;
    }
    return kinds;
  }

  /**
   * Whether the read `node` is a variable declared outside `fn` and never written after its
   * declaration (a parameter never assigned, a `const`, a `let` only initialised): every call of
   * `fn` sees the value the code around `fn` checked.
   */
  private unchangedIn(node: TSESTree.Node, fn: FunctionNode): boolean {
    const target = withoutStringCoercion(unwrap(node));
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !definition || (definition.type !== 'Parameter' && definition.type !== 'Variable')) return false;
    const declared = definition.name.range;
    if (declared[0] >= fn.range[0] && declared[1] <= fn.range[1]) return false;
    // Once per variable: a value read in many closures must not scan its references for each read.
    let unchanged = this.neverRewritten.get(variable);
    if (unchanged === undefined) {
      unchanged = variable.references.every((reference) => !reference.isWrite() || reference.init === true);
      this.neverRewritten.set(variable, unchanged);
    }
    return unchanged;
  }

  private readonly neverRewritten = new WeakMap<TSESLint.Scope.Variable, boolean>();

  private earlierExits(statements: readonly TSESTree.Node[], child: TSESTree.Node, key: string): KindSet {
    const { checks, positions } = this.checksOf(statements);
    if (checks.length === 0) return NONE;
    const limit = positions.get(child) ?? statements.length;
    // Only the checks that mention the value can say something about it; their running unions are
    // computed once per block and value, so each read costs a binary search, not a pass over the block.
    const relevant = this.relevantChecks(statements, checks, key);
    let low = 0;
    let high = relevant.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (relevant[middle]!.index < limit) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? NONE : relevant[low - 1]!.kinds;
  }

  private readonly relevantByList = new WeakMap<readonly TSESTree.Node[], Map<string, { index: number; kinds: KindSet }[]>>();

  /** The checks of a block whose test mentions `key`, in order, each with the union of the kinds up to it. */
  private relevantChecks(
    statements: readonly TSESTree.Node[],
    checks: StatementChecks['checks'],
    key: string,
  ): { index: number; kinds: KindSet }[] {
    let byKey = this.relevantByList.get(statements);
    if (!byKey) {
      byKey = new Map();
      this.relevantByList.set(statements, byKey);
    }
    let relevant = byKey.get(key);
    if (relevant) return relevant;
    relevant = [];
    let kinds = NONE;
    const occurrences = this.occurrences(key);
    let next = 0;
    for (const check of checks) {
      if (check.only !== undefined && check.only !== key) continue;
      if (check.assertion) {
        // `await assertPublicUrl(url)`: a helper that throws unless the value passes.
        if (!this.mentions(check.test, key)) continue;
        const cleared = this.assertionGuard(check.test as TSESTree.CallExpression, key, check.assertion === 'awaited');
        if (cleared.size === 0) continue;
        kinds = union(kinds, cleared);
        relevant.push({ index: check.index, kinds });
        continue;
      }
      if (check.aliased) {
        // A test held in a constant was written earlier than the check: looked up on its own.
        if (!this.mentions(check.test, key)) continue;
        kinds = union(kinds, this.test(check.test, key, check.holds));
        relevant.push({ index: check.index, kinds });
        continue;
      }
      // Checks are in source order, so one cursor over the sorted occurrences serves them all.
      const [start, end] = check.test.range;
      next = firstAtOrAfter(occurrences, start, next);
      const position = occurrences[next];
      if (position === undefined) break;
      if (position >= end) continue;
      kinds = union(kinds, this.test(check.test, key, check.holds));
      relevant.push({ index: check.index, kinds });
    }
    byKey.set(key, relevant);
    return relevant;
  }

  private readonly listChecks = new WeakMap<readonly TSESTree.Node[], StatementChecks>();

  /**
   * The statements of a block that end the function unless a condition holds (`if (!ok) return`,
   * `ctx.assert(ok)`), found once per block: every read in the block consults the same list.
   */
  private checksOf(statements: readonly TSESTree.Node[]): StatementChecks {
    let found = this.listChecks.get(statements);
    if (found) return found;
    const checks: StatementChecks['checks'] = [];
    const positions = new Map<TSESTree.Node, number>();
    statements.forEach((statement, index) => {
      positions.set(statement, index);
      if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && alwaysExits(statement.consequent)) {
        // `const known = LIST.includes(x); if (!known) return;`: the test the constant holds.
        const test = unwrap(statement.test);
        const negated = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!';
        const alias = this.testAlias(negated ? test.argument : test);
        if (alias) checks.push({ index, test: alias, holds: negated, aliased: true });
        else checks.push({ index, test: statement.test, holds: false });
      } else if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate) {
        // `if (!next.startsWith('/') || next.startsWith('//')) next = '/';`: a fallback in place.
        const replaced = this.fixedReplacement(statement.consequent);
        if (replaced !== null) checks.push({ index, test: statement.test, holds: false, only: replaced });
      }
      // `ctx.assert(typeof x === 'string', 400)`, `assert(ALLOWED.has(x))`: the condition holds after.
      const asserted = assertedCondition(statement);
      if (asserted) checks.push({ index, test: asserted, holds: true });
      else {
        const helper = assertionCall(statement);
        if (helper) checks.push({ index, test: helper.call, holds: true, assertion: helper.awaited ? 'awaited' : 'plain' });
      }
    });
    found = { checks, positions };
    this.listChecks.set(statements, found);
    return found;
  }

  /**
   * The value a statement (or a block of that one statement) replaces with fixed text: the key of
   * `x` in `x = '/'`, `x = DEFAULT_PATH` (a constant string); null for anything else.
   */
  private fixedReplacement(node: TSESTree.Node): string | null {
    const statement = node.type === AST_NODE_TYPES.BlockStatement && node.body.length === 1 ? node.body[0]! : node;
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
    const assignment = unwrap(statement.expression);
    if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.Identifier) return null;
    if (staticString(assignment.right, scopeOf(this.sourceCode, assignment.right)) === null) return null;
    return this.key(assignment.left);
  }

  private readonly assertionTargets = new WeakMap<TSESTree.CallExpression, { fn: FunctionNode; sourceCode: Readonly<TSESLint.SourceCode> } | null>();

  /**
   * Kinds cleared for `key` after `call`, a statement calling a helper of this file or of another
   * project file with it, which throws unless the URL's host passes a list or range test (see
   * `url-assertions.ts`). An `async` helper guards only when awaited: otherwise its rejection
   * comes after the request.
   */
  private assertionGuard(call: TSESTree.CallExpression, key: string, awaited: boolean): KindSet {
    const index = call.arguments.findIndex((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && this.key(argument) === key);
    if (index < 0 || call.arguments.slice(0, index).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return NONE;
    let target = this.assertionTargets.get(call);
    if (target === undefined) {
      target = this.helperOf(call);
      this.assertionTargets.set(call, target);
    }
    if (!target || (target.fn.async && !awaited) || target.fn.generator) return NONE;
    return assertionKinds(target.fn, index, call.arguments.length, target.sourceCode);
  }

  /**
   * Kinds the result of `call` is safe for: a helper of this file or of another project file that
   * throws unless the host of one argument passes a list or range test and returns that argument,
   * parsed or not (`const url = assertAllowedUrl(input)`; see `assertedResultKinds`). The value
   * exists only once the helper returned, so an `async` one counts too: its result is read through
   * `await`, which rejects first. Only for an argument the call gives itself (no spread before it).
   */
  assertedResult(call: TSESTree.CallExpression): KindSet {
    let target = this.assertionTargets.get(call);
    if (target === undefined) {
      target = this.helperOf(call);
      this.assertionTargets.set(call, target);
    }
    if (!target || target.fn.generator) return NONE;
    let result: KindSet = NONE;
    for (const [index, argument] of call.arguments.entries()) {
      if (argument.type === AST_NODE_TYPES.SpreadElement) break;
      const kinds = assertedResultKinds(target.fn, index, call.arguments.length, target.sourceCode);
      if (kinds.size > result.size) result = kinds;
    }
    return result;
  }

  private readonly remoteTargets = new WeakMap<TSESTree.CallExpression, ReturnType<typeof crossFileTarget>>();

  /**
   * `if (!isAllowedUrl(url)) return …` where the predicate is a function of another project file:
   * judged by its body there as a same-file one is here (lists there must be written in the code).
   * An `async` one only when the test reads it through `await` (`if (!(await isAllowedUrl(url)))`).
   */
  private remotePredicateKinds(call: TSESTree.CallExpression, key: string, awaited: boolean): KindSet {
    const index = call.arguments.findIndex((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && this.key(argument) === key);
    if (index < 0 || call.arguments.slice(0, index).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return NONE;
    let target = this.remoteTargets.get(call);
    if (target === undefined) {
      target = crossFileTarget(unwrap(call.callee), this.sourceCode, { heldMembers: true });
      this.remoteTargets.set(call, target);
    }
    if (!target || (target.fn.async && !awaited) || target.fn.generator) return NONE;
    return remoteFinder(target.module.sourceCode).predicates.functionKinds(target.fn, index);
  }

  /** The function a call runs: one of this file bound to a name, or one of another project file. */
  private helperOf(call: TSESTree.CallExpression): { fn: FunctionNode; sourceCode: Readonly<TSESLint.SourceCode> } | null {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const local = resolveFunction(callee, scopeOf(this.sourceCode, callee));
      if (local) return { fn: local, sourceCode: this.sourceCode };
    }
    const remote = crossFileTarget(callee, this.sourceCode, { heldMembers: true });
    return remote ? { fn: remote.fn, sourceCode: remote.module.sourceCode } : null;
  }

  /** Kinds made safe for the value `key` when `test` evaluates to `polarity`. */
  conditionKinds(node: TSESTree.Node, key: string, polarity: boolean): KindSet {
    return this.test(node, key, polarity);
  }

  /** Kinds made safe for the value `key` when `test` evaluates to `polarity`. */
  private test(node: TSESTree.Node, key: string, polarity: boolean): KindSet {
    return this.evaluate(node, key, polarity).kinds;
  }

  private readonly evaluations = new WeakMap<TSESTree.Node, Map<string, Evaluation>>();

  /**
   * What `test` proves about `key` when it evaluates to `polarity`: the kinds it clears, and what it
   * proves about the start of the string. One pass over the test computes both, and results are
   * kept per node: a read inside a long `a || b || …` chain looks at every operand to its left,
   * and each of those results is reused by the reads after it, so the chain costs linear time.
   */
  private evaluate(node: TSESTree.Node, key: string, polarity: boolean, aliases = 0): Evaluation {
    // `const allowed = LIST.includes(x); if (allowed) …`: a constant that holds a test is that test.
    const alias = aliases < MAX_TEST_ALIASES ? this.testAlias(node) : null;
    if (alias) return this.evaluate(alias, key, polarity, aliases + 1);
    // A test that does not contain the value anywhere says nothing about it.
    if (!this.mentions(node, key)) return NOTHING;
    let byKey = this.evaluations.get(node);
    if (!byKey) {
      byKey = new Map();
      this.evaluations.set(node, byKey);
    }
    const memoKey = `${polarity ? '+' : '-'}${key}`;
    const cached = byKey.get(memoKey);
    if (cached) return cached;
    const result = this.computeEvaluation(node, key, polarity);
    byKey.set(memoKey, result);
    return result;
  }

  /**
   * The test a `const` of the same function holds (`const ok = typeof x === 'string' && LIST.includes(x)`),
   * or null. Only a `const` declared before the use, in the function that uses it, so the test ran
   * on the value the use sees unless the value itself was reassigned in between.
   */
  private testAlias(node: TSESTree.Node): TSESTree.Node | null {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const declarator = definition?.node;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
    if (declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || declarator.parent.kind !== 'const') return null;
    if (declarator.range[1] > target.range[0] || enclosingFunction(declarator) !== enclosingFunction(target)) return null;
    const init = unwrap(declarator.init);
    const isTest =
      // `const ok = await isAllowedUrl(target)`: the resolved value of a predicate call.
      (init.type === AST_NODE_TYPES.AwaitExpression && unwrap(init.argument).type === AST_NODE_TYPES.CallExpression) ||
      init.type === AST_NODE_TYPES.BinaryExpression ||
      init.type === AST_NODE_TYPES.LogicalExpression ||
      init.type === AST_NODE_TYPES.CallExpression ||
      (init.type === AST_NODE_TYPES.UnaryExpression && init.operator === '!');
    return isTest ? init : null;
  }

  private computeEvaluation(node: TSESTree.Node, key: string, polarity: boolean): Evaluation {
    const test = unwrap(node);
    if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return this.evaluate(test.argument, key, !polarity);
    // `LIST.includes(x) ?? false`: a falsy default leaves the truth of the test as it is.
    if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '??' && isFalsyLiteral(test.right)) return this.evaluate(test.left, key, polarity);
    let kinds: KindSet;
    let facts: RelativeFacts;
    if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator !== '??') {
      const left = this.evaluate(test.left, key, polarity);
      const right = this.evaluate(test.right, key, polarity);
      // `a && b` true means both held; `a || b` false means neither held.
      const both = (test.operator === '&&') === polarity;
      kinds = both ? union(left.kinds, right.kinds) : intersect(left.kinds, right.kinds);
      facts = both
        ? {
            slash: left.facts.slash || right.facts.slash,
            notDouble: left.facts.notDouble || right.facts.notDouble,
            segment: left.facts.segment || right.facts.segment,
            noDot: left.facts.noDot || right.facts.noDot,
          }
        : {
            slash: left.facts.slash && right.facts.slash,
            notDouble: left.facts.notDouble && right.facts.notDouble,
            segment: left.facts.segment && right.facts.segment,
            noDot: left.facts.noDot && right.facts.noDot,
          };
    } else {
      kinds = this.plainTest(test, key, polarity);
      facts = this.relativeFacts(test, key, polarity);
    }
    if (facts.slash && facts.notDouble) kinds = union(kinds, REDIRECT);
    // `/^[^\\/]+$/.test(name) && !name.startsWith('.')`: one segment that is neither `.` nor `..`.
    if (facts.segment && facts.noDot) kinds = union(kinds, PATH);
    return { kinds, facts };
  }

  /** A test that is not `!`, `&&` or `||`. */
  private plainTest(test: TSESTree.Node, key: string, polarity: boolean): KindSet {
    // `await isAllowedUrl(x)`: the value the call resolves to, so an `async` predicate counts.
    const awaited = test.type === AST_NODE_TYPES.AwaitExpression ? unwrap(test.argument) : null;
    const call = awaited?.type === AST_NODE_TYPES.CallExpression ? awaited : test.type === AST_NODE_TYPES.CallExpression ? test : null;
    if (call) {
      if (!polarity) return this.negativeCallGuard(call, key);
      return this.callGuard(call, key, awaited !== null);
    }
    if (test.type === AST_NODE_TYPES.BinaryExpression) return this.comparison(test, key, polarity);
    return NONE;
  }

  private keyIndex: Map<string, number[]> | null = null;
  private aliasIndex: { keys: Map<TSESTree.Node, string> } | null = null;

  /**
   * The reads of constants that hold a URL's host or origin (`const origin = new URL(x).origin`,
   * `const { hostname: host } = new URL(x)`, `const h = u.hostname.toLowerCase()`), each with the
   * key of the URL: a check of the constant (`ALLOWED.includes(origin)`) is one of where `x` points.
   * Only a `const` declared once, found in one pass over the file's declarators.
   */
  private hostAliases(): { keys: Map<TSESTree.Node, string> } {
    if (this.aliasIndex) return this.aliasIndex;
    const keys = new Map<TSESTree.Node, string>();
    for (const declarator of nodesOfType(this.sourceCode.ast, AST_NODE_TYPES.VariableDeclarator)) {
      if (declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || declarator.parent.kind !== 'const' || !declarator.init) continue;
      const init = withoutStringCoercion(unwrap(declarator.init));
      const bindings: { id: TSESTree.Identifier; key: string }[] = [];
      if (declarator.id.type === AST_NODE_TYPES.Identifier) {
        const key = this.hostReadKey(init);
        if (key !== null) bindings.push({ id: declarator.id, key });
      } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && init.type === AST_NODE_TYPES.NewExpression && dottedName(init.callee) === 'URL' && init.arguments[0]) {
        const key = this.key(init.arguments[0]);
        for (const property of declarator.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed || key === null) continue;
          const name = propertyName(property.key);
          const value = property.value;
          if (name !== null && HOST_MEMBERS.has(name) && value.type === AST_NODE_TYPES.Identifier) bindings.push({ id: value, key });
        }
      }
      for (const { id, key } of bindings) {
        const variable = findVariable(scopeOf(this.sourceCode, id), id.name);
        if (!variable || variable.defs.length !== 1) continue;
        for (const reference of variable.references) if (!reference.isWrite()) keys.set(reference.identifier, key);
      }
    }
    this.aliasIndex = { keys };
    return this.aliasIndex;
  }

  /** Start offsets, in source order, of the reads whose key is `key`. */
  private occurrences(key: string): readonly number[] {
    if (this.keyIndex === null) {
      const index = new Map<string, number[]>();
      for (const node of nodesOfType(this.sourceCode.ast, AST_NODE_TYPES.Identifier, AST_NODE_TYPES.MemberExpression)) {
        const text = this.key(node);
        if (text === null) continue;
        const list = index.get(text);
        if (list) list.push(node.range[0]);
        else index.set(text, [node.range[0]]);
      }
      // A read of a constant holding a URL's host is a read of the URL for the checks it is in.
      const touched = new Set<number[]>();
      for (const [node, url] of this.hostAliases().keys) {
        let list = index.get(url);
        if (!list) index.set(url, (list = []));
        list.push(node.range[0]);
        touched.add(list);
      }
      for (const list of touched) list.sort((a, b) => a - b);
      this.keyIndex = index;
    }
    // A fixed text before a read (`'/' + next`) is found where the read is.
    const inner = key.startsWith(PREFIXED_MARK) ? key.slice(key.indexOf(PREFIXED_MARK, PREFIXED_MARK.length) + PREFIXED_MARK.length) : key;
    return this.keyIndex.get(inner) ?? [];
  }

  /**
   * Whether some identifier or member chain inside `node` reads `key`. Every guard compares the key
   * of a part of the test with the key of the read, so a test without one proves nothing about it.
   */
  private mentions(node: TSESTree.Node, key: string): boolean {
    const occurrences = this.occurrences(key);
    const position = occurrences[firstAtOrAfter(occurrences, node.range[0], 0)];
    return position !== undefined && position < node.range[1];
  }

  /**
   * `x.startsWith('/') && !x.startsWith('//')` (or the `||` of the negations being false), a
   * `/^\/(?!\/)/` test, `x[0] === '/' && x[1] !== '/'`, or `x.startsWith('/files/')` (a literal
   * path whose second character is no slash): the value is a path on this site.
   */
  private relativeFacts(node: TSESTree.Node, key: string, polarity: boolean): RelativeFacts {
    // `!`, `&&` and `||` are combined by `computeEvaluation`; this reads one comparison or call.
    const test = unwrap(node);
    const none: RelativeFacts = NO_FACTS;
    if (test.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(test.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return none;
      const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : null;
      const first = test.arguments[0];
      if (method === 'startsWith' && this.key(callee.object) === key && first?.type === AST_NODE_TYPES.Literal) {
        if (first.value === '/') return { ...none, slash: polarity };
        if (first.value === '//') return { ...none, notDouble: !polarity };
        // `!name.startsWith('.')`: neither `.` nor `..`.
        if (first.value === '.') return { ...none, noDot: !polarity };
        // `pathname.startsWith('/files/')`: a slash and a character no browser reads as a second one.
        if (typeof first.value === 'string' && /^\/[\w.~%-]/u.test(first.value)) return { ...none, slash: polarity, notDouble: polarity };
      }
      if (method === 'test' && first !== undefined && this.key(first) === key) {
        // `!/^\./.test(name)`: the value does not start with a dot.
        if (!polarity) return { ...none, noDot: leadingDotRegex(callee.object, this.sourceCode) };
        // `/^[^\\/:*?"<>|]+$/.test(name)`: one path segment (maybe `..`, see `noDot`).
        const segment = oneSegmentRegex(callee.object, this.sourceCode);
        const regex = unwrap(callee.object);
        if (regex.type === AST_NODE_TYPES.Literal && 'regex' in regex && /^\^\\\/(?:\(\?!|\[\^)/.test(regex.regex.pattern)) {
          return { ...none, slash: true, notDouble: true, segment };
        }
        // `/^\/[a-z0-9_-]*$/`: a slash, then only characters of a class without `/` or `\`.
        if (regex.type === AST_NODE_TYPES.Literal && 'regex' in regex && !/[mv]/u.test(regex.regex.flags) && regex.regex.pattern.startsWith('^\\/')) {
          return { ...none, slash: true, notDouble: slashlessStart(regex.regex.pattern.slice(3)), segment };
        }
        return { ...none, segment };
      }
      return none;
    }
    if (test.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(test.operator)) {
      const equal = (test.operator === '===' || test.operator === '==') === polarity;
      for (const [a, b] of [[unwrap(test.left), unwrap(test.right)], [unwrap(test.right), unwrap(test.left)]] as const) {
        if (b.type !== AST_NODE_TYPES.Literal || b.value !== '/') continue;
        const index = this.charIndex(a, key);
        if (index === 0 && equal) return { ...none, slash: true };
        if (index === 1 && !equal) return { ...none, notDouble: true };
      }
    }
    return none;
  }

  /** `x[0]` or `x.charAt(0)` of the value `key`: the index read, else null. */
  private charIndex(node: TSESTree.Node, key: string): number | null {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && this.key(node.object) === key && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'number') {
      return node.property.value;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyIs(node.callee.property, 'charAt') && this.key(node.callee.object) === key) {
      const index = node.arguments[0];
      return index?.type === AST_NODE_TYPES.Literal && typeof index.value === 'number' ? index.value : null;
    }
    return null;
  }

  /**
   * The object whose host a read checks: `u` of `u.hostname`, `x` of `new URL(x).host`, and of a
   * `const` holding one (`const origin = new URL(x).origin`, `const { hostname } = new URL(x)`).
   */
  private hostKey(node: TSESTree.Node): string | null {
    const target = withoutStringCoercion(unwrap(node));
    if (target.type === AST_NODE_TYPES.Identifier) return this.hostAliases().keys.get(target) ?? null;
    return this.hostReadKey(target);
  }

  /** `u` of `u.hostname`, `x` of `new URL(x).host`: a member read of a host, not an alias. */
  private hostReadKey(target: TSESTree.Node): string | null {
    if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || target.property.type !== AST_NODE_TYPES.Identifier || !HOST_MEMBERS.has(target.property.name)) return null;
    const object = unwrap(target.object);
    if (object.type === AST_NODE_TYPES.NewExpression && dottedName(object.callee) === 'URL' && object.arguments[0]) return this.key(object.arguments[0]);
    return this.key(object);
  }

  /** Checks that hold when false: `if (name.includes('..')) return`. */
  private negativeCallGuard(call: TSESTree.CallExpression, key: string): KindSet {
    const callee = unwrap(call.callee);
    const first = call.arguments[0];
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !propertyIs(callee.property, 'includes') || this.key(callee.object) !== key) return NONE;
    return first?.type === AST_NODE_TYPES.Literal && first.value === '..' && this.parentCheckClears ? PATH : NONE;
  }

  private callGuard(call: TSESTree.CallExpression, key: string, awaited = false): KindSet {
    const callee = unwrap(call.callee);
    const first = call.arguments[0];
    if (callee.type === AST_NODE_TYPES.MemberExpression && first !== undefined) {
      // `ALLOWED_HOSTS.includes(url.hostname)`, `url.hostname.endsWith('.example.com')`
      if ((propertyIs(callee.property, 'includes') || propertyIs(callee.property, 'has')) && this.hostKey(first) === key && this.serverList(callee.object)) return URL_TARGET;
      if (propertyIs(callee.property, 'endsWith') && this.hostKey(callee.object) === key && first.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' && first.value.startsWith('.')) return URL_TARGET;
      // `resolved.startsWith(ROOT)` where `resolved = path.resolve(ROOT, name)`
      if (propertyIs(callee.property, 'startsWith') && this.key(callee.object) === key && this.key(first) !== key && this.isResolvedPath(callee.object)) return PATH;
      if (propertyIs(callee.property, 'startsWith') && this.key(callee.object) === key) {
        // `url.startsWith('https://app.example.com/')`: a prefix that ends the origin fixes where it points.
        if (isOriginPrefix(first, this.sourceCode, (list) => this.serverList(list))) return URL_TARGET;
        if (this.runtimePrefix?.(first) === true) return REDIRECT;
      }
    }
    const checksKey = first !== undefined && this.key(first) === key;
    const modelled = checksKey ? validatorKinds(callee, this.sourceCode) : null;
    if (modelled) return modelled;
    const name = dottedName(callee);
    if (checksKey && name !== null) {
      const user = this.validators(name);
      if (user) return user;
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const judged = this.predicates.callKinds(call, key, awaited);
      if (judged.size > 0) return judged;
    }
    const remote = this.remotePredicateKinds(call, key, awaited);
    if (remote.size > 0) return remote;
    if (checksKey && this.packageRelativeUrlCheck(callee)) return REDIRECT;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) {
      return checksKey && callee.type === AST_NODE_TYPES.Identifier && VALIDATING_METHODS.has(callee.name) ? ALL : NONE;
    }
    const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : null;
    // `SORTABLE.includes(sort ?? '')`: a member of the list, or nullish (`||`: falsy) and then no text at all.
    if ((method === 'includes' || method === 'has') && !checksKey && first !== undefined && this.key(withoutConstantDefault(first)) === key) {
      return isFixedList(callee.object, this.sourceCode) ? ALL : NONE;
    }
    // `KNOWN_FILES.includes(`${pkg}/${file}`)`: each part is a piece of an entry, which holds no `..`
    // segment the server did not put there; for paths only, the pieces may be recombined otherwise.
    if ((method === 'includes' || method === 'has') && !checksKey && first !== undefined && this.isPartOf(first, key)) {
      return isFixedList(callee.object, this.sourceCode) || this.heldByServer(callee.object, true) ? PATH : NONE;
    }
    // `KNOWN.some((k) => name === k.name)`: equal to a field of an entry of a fixed list.
    if ((method === 'some' || method === 'find') && first !== undefined && this.equalsElement(first, key)) {
      if (isFixedList(callee.object, this.sourceCode)) return ALL;
      // `releases.some((r) => version === r.version)` over a list the server holds in memory.
      if (this.heldByServer(callee.object, true)) return URL_TARGET_OR_PATH;
    }
    // `TRUSTED.some((origin) => dest === origin || dest.startsWith(origin + '/'))`: what the
    // callback's test proves for the entry it held for (each entry a value the server chose).
    if ((method === 'some' || method === 'find') && first !== undefined && (isFixedList(callee.object, this.sourceCode) || this.heldByServer(callee.object, true))) {
      const body = callbackTest(first);
      if (body) {
        const entryKinds = isFixedList(callee.object, this.sourceCode) ? ALL : URL_TARGET_OR_PATH;
        // Each alternative must hold the value: equal to the entry, or what its own test proves.
        const alternatives = flattenOr(body).map((alternative) => (this.isEntryEquality(alternative, first, key) ? entryKinds : this.isOriginPrefixTest(alternative, key) ? URL_TARGET : NONE));
        return alternatives.reduce((common, kinds) => new Set([...common].filter((kind) => kinds.has(kind))));
      }
    }
    // `/^(?:api|cdn)\.example\.com$/.test(new URL(x).hostname)`: a regex anchored on fixed hosts.
    if (method === 'test' && first !== undefined && this.hostKey(first) === key && fixedHostPattern(callee.object, this.sourceCode) !== null) return URL_TARGET;
    if (!checksKey || method === null) return NONE;
    if (method === 'test') return fixedHostPattern(callee.object, this.sourceCode) === 'origin' ? union(regexKinds(callee.object, this.sourceCode), URL_TARGET) : regexKinds(callee.object, this.sourceCode);
    if (method === 'includes' || method === 'has') {
      if (isFixedList(callee.object, this.sourceCode)) return ALL;
      if (!this.heldByServer(callee.object)) return NONE;
      // A list read from a store may hold what other users wrote: it fixes the host of a URL only.
      return this.heldByServer(callee.object, true) ? URL_TARGET_OR_PATH : URL_TARGET;
    }
    if (VALIDATING_METHODS.has(method)) return ALL;
    return NONE;
  }

  private comparison(test: TSESTree.BinaryExpression, key: string, polarity: boolean): KindSet {
    const positive = test.operator === '===' || test.operator === '==';
    const negative = test.operator === '!==' || test.operator === '!=';
    const left = unwrap(test.left);
    const right = unwrap(test.right);
    if (positive || negative) {
      const holds = positive === polarity;
      // `isSafeName(x) === true`, or `check(x) !== true` being false: the call returned `true`, so
      // what its truthy result proves holds (`== true` too: no falsy value equals `true`). Equal to
      // `false` (strictly: `'0' == false`) is its falsy result.
      for (const [a, b] of [[left, right], [right, left]] as const) {
        if (a.type !== AST_NODE_TYPES.CallExpression || b.type !== AST_NODE_TYPES.Literal || typeof b.value !== 'boolean') continue;
        if (!holds || (!b.value && test.operator.length === 2)) return NONE;
        return this.test(a, key, b.value);
      }
      // `url.origin === BASE`, `new URL(x).hostname !== 'api.example.com'`: compared with a value
      // the caller cannot choose (not a parameter or another request input).
      if (holds && ((this.hostKey(left) === key && isFixedValue(right, this.sourceCode)) || (this.hostKey(right) === key && isFixedValue(left, this.sourceCode)))) return URL_TARGET;
      for (const [a, b] of [[left, right], [right, left]] as const) {
        if (a.type === AST_NODE_TYPES.UnaryExpression && a.operator === 'typeof' && this.key(a.argument) === key && b.type === AST_NODE_TYPES.Literal) {
          if (!holds) return NONE;
          if (b.value === 'string') return NOSQL;
          if (b.value === 'number' || b.value === 'boolean' || b.value === 'bigint') return ALL;
          return NONE;
        }
        if (this.key(a) === key && b.type === AST_NODE_TYPES.Literal && b.value !== null) return holds ? ALL : NONE;
        // `req.url === config.rootPath`: equal to a value the server holds (no request input or
        // parameter reaches it), so it points where that value does, as an entry of such a list would.
        if (holds && this.key(a) === key && b.type !== AST_NODE_TYPES.Literal && this.key(b) !== key && this.heldByServer(b)) return URL_TARGET;
        // `LIST.indexOf(x) === -1` false / `!== -1` true
        if (isIndexOf(a, key, this) && b.type === AST_NODE_TYPES.UnaryExpression && b.operator === '-') return holds ? NONE : ALL;
      }
    }
    if ((test.operator === '>=' || test.operator === '>') && polarity && isIndexOf(left, key, this)) return ALL;
    return NONE;
  }

  /** `${a}/${b}` or `a + '/' + b` with the value `key` as one of its parts (not the whole). */
  private isPartOf(node: TSESTree.Node, key: string): boolean {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.TemplateLiteral) return target.expressions.some((part) => this.key(part) === key);
    if (target.type !== AST_NODE_TYPES.BinaryExpression || target.operator !== '+') return false;
    return this.key(target.right) === key || this.key(target.left) === key || this.isPartOf(target.left, key);
  }

  /**
   * A callback whose one result is `value === element` or `element.field === value` (`==` too), for
   * its first parameter `element` and the value `key`: true only for a value equal to an entry, or
   * to a field of one. A substring or prefix test (`value.includes(k)`) is not equality.
   */
  /** `dest.startsWith(origin + '/')` with a prefix that ends a host (see `isOriginPrefix`). */
  private isOriginPrefixTest(test: TSESTree.Node, key: string): boolean {
    const target = unwrap(test);
    if (target.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(target.callee);
    const [prefix] = target.arguments;
    return callee.type === AST_NODE_TYPES.MemberExpression && propertyIs(callee.property, 'startsWith') && this.key(callee.object) === key && prefix !== undefined && isOriginPrefix(prefix, this.sourceCode, (list) => this.serverList(list));
  }

  /** `dest === origin` inside `LIST.some((origin) => …)`: the value compared with the callback's entry. */
  private isEntryEquality(test: TSESTree.Node, callback: TSESTree.Node, key: string): boolean {
    const fn = unwrap(callback);
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
    const [element] = fn.params;
    const target = unwrap(test);
    if (element?.type !== AST_NODE_TYPES.Identifier || target.type !== AST_NODE_TYPES.BinaryExpression || (target.operator !== '===' && target.operator !== '==')) return false;
    const isElement = (node: TSESTree.Node): boolean => {
      let inner = unwrap(node);
      while (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed) inner = unwrap(inner.object);
      return inner.type === AST_NODE_TYPES.Identifier && inner.name === element.name;
    };
    return (this.key(target.left) === key && isElement(target.right)) || (this.key(target.right) === key && isElement(target.left));
  }

  /** `LIST.some((x) => value === x.name)`: the callback returns only the value's equality with its entry. */
  private equalsElement(callback: TSESTree.Node, key: string): boolean {
    const test = callbackTest(callback);
    return test !== null && this.isEntryEquality(test, callback, key);
  }

  /** A `const` bound to `path.resolve(...)`, `path.join(...)` or a `realpath` result. */
  private isResolvedPath(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = scopeOf(this.sourceCode, target).references.find((reference) => reference.identifier === target)?.resolved;
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
    let init = unwrap(definition.node.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
    // `path.resolve(ROOT, ...parts) + '.md'`: a fixed suffix with no separator added after resolving
    // ends the last segment; it cannot step out of the directory the check then compares.
    while (init.type === AST_NODE_TYPES.BinaryExpression && init.operator === '+' && isPlainSuffix(init.right)) init = unwrap(init.left);
    return init.type === AST_NODE_TYPES.CallExpression && RESOLVED_PATH.test(dottedName(init.callee) ?? '');
  }

  /**
   * A comparable identity for a read: its code text (identifiers and member chains only), or, for
   * a fixed text followed by one of them (`'/' + next`, `` `/${next}` ``), that text and its key:
   * a check of that string holds where the same string is used (see `fixedTextBefore`).
   */
  key(node: TSESTree.Node): string | null {
    const target = withoutStringCoercion(unwrap(node));
    const prefixed = prefixedRead(target);
    if (prefixed) {
      const inner = this.key(prefixed.value);
      return inner === null || inner.startsWith(PREFIXED_MARK) ? null : `${PREFIXED_MARK}${JSON.stringify(prefixed.prefix)}${PREFIXED_MARK}${inner}`;
    }
    if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return null;
    return this.sourceCode.getText(target).replace(/\s+/g, '').replaceAll('?.', '.');
  }

  /**
   * `is_relative_url(x)` where the function is a package's, whose code is out of view, and its
   * name says it accepts only URLs that stay on the site (`relativeUrlPredicates`).
   */
  private packageRelativeUrlCheck(callee: TSESTree.Node): boolean {
    let origin = originOf(callee, this.sourceCode);
    // `const { is_relative_url } = require('./utils')` where utils passes on the package's function.
    if (origin && isLocalModule(origin.module)) origin = passedOnOrigin(callee, origin);
    if (!origin || isLocalModule(origin.module)) return false;
    const last = origin.steps.at(-1);
    const name = last?.startsWith('Member:') ? last.slice('Member:'.length) : null;
    return name !== null && RELATIVE_URL_PREDICATES.has(name.replaceAll('_', '').toLowerCase());
  }
}

const remoteFinders = new WeakMap<object, GuardFinder>();

/** The guard reader of another project file, for its predicates: no user validators, lists written in the code. */
function remoteFinder(sourceCode: Readonly<TSESLint.SourceCode>): GuardFinder {
  let finder = remoteFinders.get(sourceCode);
  if (!finder) {
    finder = new GuardFinder(sourceCode, () => null);
    remoteFinders.set(sourceCode, finder);
  }
  return finder;
}

/** The kinds a modelled validator (`validator.isInt`, `import { isEmail } from 'validator'`) clears. */
function validatorKinds(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): KindSet | null {
  const origin = originOf(callee, sourceCode);
  if (!origin) return null;
  for (const model of validatorGuards) {
    if (sameModule(model.module, origin.module) && matchSteps(parsePath(model.path).tokens, origin.steps)) {
      return model.kinds === 'all' ? ALL : new Set(model.kinds);
    }
  }
  return null;
}

function propertyIs(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

/**
 * `String(x)`, `x.toString()` and case or whitespace changes of them have the value of `x` for a
 * check on it (`ALLOWED.has(String(x).toLowerCase())`): a value that passes differs from an allowed
 * one only in letter case or surrounding whitespace, which opens no injection.
 */
function withoutStringCoercion(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let steps = 0; steps < 8 && current.type === AST_NODE_TYPES.CallExpression; steps++) {
    const callee = unwrap(current.callee);
    const [first] = current.arguments;
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && first && current.arguments.length === 1) {
      current = unwrap(first);
      continue;
    }
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      SAME_VALUE_METHODS.has(callee.property.name) &&
      current.arguments.length === 0
    ) {
      current = unwrap(callee.object);
      continue;
    }
    break;
  }
  return current;
}

function isIndexOf(node: TSESTree.Node, key: string, finder: GuardFinder): boolean {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.property.type === AST_NODE_TYPES.Identifier &&
    node.callee.property.name === 'indexOf' &&
    node.arguments[0] !== undefined &&
    finder.key(node.arguments[0]) === key &&
    isFixedList(node.callee.object, finder.sourceCode)
  );
}

/** Whether a statement always leaves the enclosing block (return, throw, break, continue). */
interface StatementChecks {
  /** `assertion`: the test is a call of a helper that may throw (`'awaited'` when awaited). */
  /**
   * `only`: the check speaks for that value alone (`if (bad) next = '/'` replaces `next`, so after
   * it `next` is the fixed value or one for which the test failed; other values in the test are not
   * checked by it).
   */
  checks: { index: number; test: TSESTree.Node; holds: boolean; aliased?: boolean; assertion?: 'awaited' | 'plain'; only?: string }[];
  positions: Map<TSESTree.Node, number>;
}

/** Calls that throw by themselves: Koa's `ctx.throw(400)`, `assert.fail()`. */
const THROWING_CALLS = /(?:^|\.)(?:throw|fail)$/u;
/** Calls whose first argument holds afterwards (they throw otherwise). */
const ASSERTING_CALLS = /^(?:(?:\w+\.)*assert(?:\.ok|\.strict)?|invariant)$/u;

function assertedCondition(statement: TSESTree.Node): TSESTree.Node | null {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const call = unwrap(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const name = dottedName(call.callee);
  const first = call.arguments[0];
  return name !== null && ASSERTING_CALLS.test(name) && first && first.type !== AST_NODE_TYPES.SpreadElement ? first : null;
}

/** `assertSafeUrl(url)` or `await assertSafeUrl(url)` as a statement, with an argument a guard can name. */
function assertionCall(statement: TSESTree.Node): { call: TSESTree.CallExpression; awaited: boolean } | null {
  // `const url = assertAllowedUrl(input);`: the call runs (and throws) as a statement of its own does.
  const declared = statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1 ? statement.declarations[0]!.init : null;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement && !declared) return null;
  let expression = unwrap(declared ?? (statement as TSESTree.ExpressionStatement).expression);
  const awaited = expression.type === AST_NODE_TYPES.AwaitExpression;
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = unwrap(expression.argument);
  if (expression.type !== AST_NODE_TYPES.CallExpression || expression.arguments.length === 0) return null;
  const callee = unwrap(expression.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const named = expression.arguments.some((argument) => {
    const value = unwrap(argument);
    return value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression;
  });
  return named ? { call: expression, awaited } : null;
}

export function alwaysExits(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ExpressionStatement: {
      const call = unwrap(node.expression);
      const name = call.type === AST_NODE_TYPES.CallExpression ? dottedName(call.callee) : null;
      return name !== null && name.includes('.') && THROWING_CALLS.test(name);
    }
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = node.body.at(-1);
      return last !== undefined && alwaysExits(last);
    }
    case AST_NODE_TYPES.IfStatement:
      return node.alternate !== null && alwaysExits(node.consequent) && alwaysExits(node.alternate);
    default:
      return false;
  }
}

/** How many `const` aliases of a test are followed (`const a = …; const b = a && …`). */
const MAX_TEST_ALIASES = 3;

/**
 * `x ?? ''`, `x || 'none'`: the value tested, with a default that is a literal. A list that holds
 * the result holds `x`, or `x` was nullish (falsy, for `||`) and so carries no text of the client.
 */
function withoutConstantDefault(node: TSESTree.Node): TSESTree.Node {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.LogicalExpression || target.operator === '&&') return target;
  const fallback = unwrap(target.right);
  return fallback.type === AST_NODE_TYPES.Literal && fallback.value !== null && typeof fallback.value !== 'object' ? target.left : target;
}

/** `false`, `null`, `0`, `''`: a literal that is falsy. */
function isFalsyLiteral(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal && !('regex' in target) && !target.value;
}

/**
 * Whether what follows `^\/` in a pattern cannot put `/` or `\` right after the leading slash: the
 * end of the pattern (`$`), or a bracket class of letters, digits, ranges of them and `_-.~` (no
 * escape, negation or other range), followed by a quantifier, another such class or the end.
 */
function slashlessStart(rest: string): boolean {
  // Anchored at the end, without an alternation that could match something else entirely.
  if (!rest.endsWith('$') || rest.includes('|')) return false;
  if (rest === '$') return true;
  const match = /^\[([^\]\\^]*)\]/u.exec(rest);
  if (!match) return false;
  // The class must give the second character: once or more, or optional only right before the end
  // (`^\/[a-z]*$`); `^\/[a-z]*\/x$` would let `//x` through.
  const after = rest.slice(match[0].length);
  const optional = /^(?:[*?]|\{0,?\d*\})/u.test(after);
  if (optional && !/^(?:[*?]|\{0,?\d*\})\$$/u.test(after)) return false;
  const body = match[1]!;
  const ranges = /([a-zA-Z0-9])-([a-zA-Z0-9])/gu;
  // A range of one kind (`a-z`, `A-Z`, `0-9`) holds neither; any other (`A-z`, `.-~`) may.
  const sameKind = (from: string, to: string): boolean => [/[a-z]/u, /[A-Z]/u, /\d/u].some((kind) => kind.test(from) && kind.test(to));
  const singles = body.replace(ranges, (_whole, from: string, to: string) => (sameKind(from, to) ? '' : '/'));
  // A `-` left between two characters is a range too; only at either end is it a dash.
  return /^-?[\w.~]*-?$/u.test(singles);
}
/** The test a callback returns (`(x) => test`, `function (x) { return test; }`), or null. */
function callbackTest(callback: TSESTree.Node): TSESTree.Node | null {
  const fn = unwrap(callback);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return unwrap(fn.body);
  const [only] = fn.body.body;
  return fn.body.body.length === 1 && only?.type === AST_NODE_TYPES.ReturnStatement && only.argument ? unwrap(only.argument) : null;
}

/** The alternatives of `a || b || c`, left to right. */
function flattenOr(node: TSESTree.Node): TSESTree.Node[] {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.LogicalExpression && target.operator === '||' ? [...flattenOr(target.left), ...flattenOr(target.right)] : [target];
}

/** A string literal with no path separator and no `..` (`'.md'`, `'.json'`): a file name suffix. */
function isPlainSuffix(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' && !/[\\/]|\.\./u.test(value.value);
}
