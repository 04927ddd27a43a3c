import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isConstantBinding, unwrap, type FunctionNode } from '../../utils/ast.js';

/*
 * Branches a call cannot take. A helper with a mode flag (`function finish(req, res, inline) {
 * if (inline === true) render(); else res.redirect(next(req)); }`) called as `finish(req, res,
 * true)` never reaches the redirect from that call. When a flow into a sink of a helper is
 * followed back to one of its calls, the sink is dropped for that call when the way from the
 * helper's body to the sink needs a test on a parameter that the call's literal argument decides
 * the other way: the consequent or alternate of an `if` or a `?:`, the right of `&&`/`||`, or the
 * statements after an `if` whose branch always leaves (`if (inline) { …; return; }`).
 *
 * Only parameters never written in the helper count, only literal arguments (`true`, `'html'`,
 * `0`, `null`, a missing argument or `undefined`), and only tests this file can decide alone:
 * the parameter itself, `!p`, `p === literal` and `p !== literal` (either side, `==`/`!=` the
 * same way between literals of one type), and `&&`/`||`/`!` of these. Anything else is undecided
 * and keeps the sink.
 *
 * The tests on the way to a sink that read such a parameter are gathered once per sink and helper
 * (the sink's depth plus the statements before it in each enclosing block), at most MAX_CONDITIONS
 * of them, from the block of the sink outwards; each call then evaluates only those tests.
 * Tests past the limit are not used, which keeps the sink.
 */

type Value = { known: true; value: unknown } | { known: false };

const UNKNOWN: Value = { known: false };

/** A test on the way from the helper's body to the sink, and the answer the way needs. */
interface Condition {
  test: TSESTree.Node;
  needs: boolean;
}

interface Way {
  conditions: Condition[];
  /** Every read of a parameter the helper never writes, with the parameter's position. */
  reads: Map<TSESTree.Node, { index: number; fallback: Value }>;
}

/** Tests kept per way (the nearest to the sink): each call evaluates at most these, so a helper called n times costs O(n). */
const MAX_CONDITIONS = 16;

const ways = new WeakMap<TSESTree.Node, Map<FunctionNode, Way>>();

/** Whether `call` (a call of `fn`) cannot reach `sink`, a node inside `fn`'s body. */
export function unreachableFromCall(sink: TSESTree.Node, fn: FunctionNode, call: TSESTree.CallExpression, getScope: (node: TSESTree.Node) => TSESLint.Scope.Scope): boolean {
  if (call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
  let byFunction = ways.get(sink);
  if (!byFunction) {
    byFunction = new Map();
    ways.set(sink, byFunction);
  }
  let way = byFunction.get(fn);
  if (!way) {
    way = wayTo(sink, fn, getScope);
    byFunction.set(fn, way);
  }
  if (way.conditions.length === 0) return false;
  const valueOf = (node: TSESTree.Node): Value => {
    const target = unwrap(node);
    const read = way.reads.get(target);
    if (read === undefined) return literalValue(target);
    const argument = call.arguments[read.index];
    if (argument === undefined) return read.fallback;
    const value = literalValue(argument);
    return value.known && value.value === undefined ? read.fallback : value;
  };
  return way.conditions.some((condition) => {
    const answer = truth(condition.test, valueOf);
    return answer !== null && answer !== condition.needs;
  });
}

/** The tests on the way from `fn`'s body to `sink` that read a parameter `fn` never writes. */
function wayTo(sink: TSESTree.Node, fn: FunctionNode, getScope: (node: TSESTree.Node) => TSESLint.Scope.Scope): Way {
  const reads = parameterReads(fn, getScope);
  const conditions: Condition[] = [];
  const add = (test: TSESTree.Node, needs: boolean): void => {
    if (conditions.length < MAX_CONDITIONS && readsParameter(test, reads)) conditions.push({ test, needs });
  };
  if (reads.size === 0) return { conditions, reads };
  let child: TSESTree.Node = sink;
  let parent: TSESTree.Node | undefined = sink.parent;
  while (parent && child !== fn) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      if (child === parent.consequent) add(parent.test, true);
      if (child === parent.alternate) add(parent.test, false);
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right && parent.operator !== '??') {
      add(parent.left, parent.operator === '||' ? false : true);
    } else if (parent.type === AST_NODE_TYPES.BlockStatement) {
      for (const statement of parent.body) {
        if (statement === child) break;
        if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
        // An `if` whose taken branch always leaves: the way needs the other answer.
        if (alwaysLeaves(statement.consequent)) add(statement.test, false);
        if (statement.alternate && alwaysLeaves(statement.alternate)) add(statement.test, true);
      }
    }
    child = parent;
    parent = parent.parent;
  }
  return { conditions, reads };
}

/** Every read of a parameter of `fn` that `fn` never writes, with its position and default. */
function parameterReads(fn: FunctionNode, getScope: (node: TSESTree.Node) => TSESLint.Scope.Scope): Map<TSESTree.Node, { index: number; fallback: Value }> {
  const reads = new Map<TSESTree.Node, { index: number; fallback: Value }>();
  const scope = getScope(fn);
  fn.params.forEach((param, index) => {
    const identifier = param.type === AST_NODE_TYPES.Identifier ? param : param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier ? param.left : null;
    if (identifier === null) return;
    const variable = scope.set.get(identifier.name);
    if (!variable || !isConstantBinding(variable)) return;
    const fallback = param.type === AST_NODE_TYPES.AssignmentPattern ? literalValue(param.right) : { known: true, value: undefined };
    for (const reference of variable.references) reads.set(reference.identifier, { index, fallback });
  });
  return reads;
}

function readsParameter(node: TSESTree.Node, reads: ReadonlyMap<TSESTree.Node, unknown>): boolean {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Identifier:
      return reads.has(target);
    case AST_NODE_TYPES.UnaryExpression:
      return target.operator === '!' && readsParameter(target.argument, reads);
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return (target.left.type !== AST_NODE_TYPES.PrivateIdentifier && readsParameter(target.left, reads)) || readsParameter(target.right, reads);
    default:
      return false;
  }
}

function literalValue(node: TSESTree.Node): Value {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && !('regex' in target && target.regex) && typeof target.value !== 'bigint') return { known: true, value: target.value };
  if (target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined') return { known: true, value: undefined };
  if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) return { known: true, value: target.quasis[0]?.value.cooked ?? '' };
  return UNKNOWN;
}

/** Whether a test is true or false for the call, or null when undecided. */
function truth(node: TSESTree.Node, valueOf: (node: TSESTree.Node) => Value): boolean | null {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.UnaryExpression: {
      if (target.operator !== '!') return null;
      const inner = truth(target.argument, valueOf);
      return inner === null ? null : !inner;
    }
    case AST_NODE_TYPES.LogicalExpression: {
      const left = truth(target.left, valueOf);
      const right = truth(target.right, valueOf);
      if (target.operator === '&&') return left === false || right === false ? false : left === true && right === true ? true : null;
      if (target.operator === '||') return left === true || right === true ? true : left === false && right === false ? false : null;
      return null;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (!['===', '!==', '==', '!='].includes(target.operator) || target.left.type === AST_NODE_TYPES.PrivateIdentifier) return null;
      const left = valueOf(target.left);
      const right = valueOf(target.right);
      if (!left.known || !right.known) return null;
      const loose = target.operator === '==' || target.operator === '!=';
      // Loose equality only between values of one type, or null and undefined, where it is strict equality.
      if (loose && typeof left.value !== typeof right.value && !(left.value == null && right.value == null)) return null;
      const equal = loose ? left.value == right.value : left.value === right.value;
      return target.operator.startsWith('!') ? !equal : equal;
    }
    case AST_NODE_TYPES.Identifier: {
      const value = valueOf(target);
      return value.known ? Boolean(value.value) : null;
    }
    default:
      return null;
  }
}

/** A statement that always returns or throws (its last statement does, or both branches of an `if` do). */
function alwaysLeaves(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body[statement.body.length - 1];
      return last !== undefined && alwaysLeaves(last);
    }
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && alwaysLeaves(statement.consequent) && alwaysLeaves(statement.alternate);
    default:
      return false;
  }
}
