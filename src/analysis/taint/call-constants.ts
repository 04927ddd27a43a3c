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
 * and keeps the sink. The walk is the depth of the sink in the helper, plus the statements before
 * it in each enclosing block.
 */

type Value = { known: true; value: unknown } | { known: false };

const UNKNOWN: Value = { known: false };

/** Whether `call` (a call of `fn`) cannot reach `sink`, a node inside `fn`'s body. */
export function unreachableFromCall(sink: TSESTree.Node, fn: FunctionNode, call: TSESTree.CallExpression, getScope: (node: TSESTree.Node) => TSESLint.Scope.Scope): boolean {
  const constants = literalParameters(fn, call, getScope);
  if (constants.size === 0) return false;
  let child: TSESTree.Node = sink;
  let parent: TSESTree.Node | undefined = sink.parent;
  while (parent && child !== fn) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      if (child === parent.consequent && truth(parent.test, constants) === false) return true;
      if (child === parent.alternate && truth(parent.test, constants) === true) return true;
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right) {
      const left = truth(parent.left, constants);
      if (parent.operator === '&&' && left === false) return true;
      if (parent.operator === '||' && left === true) return true;
    } else if (parent.type === AST_NODE_TYPES.BlockStatement && leftBefore(parent.body, child, constants)) {
      return true;
    }
    child = parent;
    parent = parent.parent;
  }
  return false;
}

/** Every read of a parameter of `fn` that `call` passes a literal and that `fn` never writes, with that literal. */
function literalParameters(fn: FunctionNode, call: TSESTree.CallExpression, getScope: (node: TSESTree.Node) => TSESLint.Scope.Scope): Map<TSESTree.Node, unknown> {
  const constants = new Map<TSESTree.Node, unknown>();
  if (call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return constants;
  const scope = getScope(fn);
  fn.params.forEach((param, index) => {
    const identifier = param.type === AST_NODE_TYPES.Identifier ? param : param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier ? param.left : null;
    if (identifier === null) return;
    const argument = call.arguments[index] as TSESTree.Expression | undefined;
    let value = argument === undefined ? { known: true, value: undefined } : literalValue(argument);
    if (value.known && value.value === undefined && param.type === AST_NODE_TYPES.AssignmentPattern) value = literalValue(param.right);
    if (!value.known) return;
    const variable = scope.set.get(identifier.name);
    if (!variable || !isConstantBinding(variable)) return;
    for (const reference of variable.references) constants.set(reference.identifier, value.value);
  });
  return constants;
}

function literalValue(node: TSESTree.Node): Value {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && !('regex' in target && target.regex) && typeof target.value !== 'bigint') return { known: true, value: target.value };
  if (target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined') return { known: true, value: undefined };
  if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) return { known: true, value: target.quasis[0]?.value.cooked ?? '' };
  return UNKNOWN;
}

/** The value of an expression given the literal parameters, when the call decides it. */
function valueOf(node: TSESTree.Node, constants: ReadonlyMap<TSESTree.Node, unknown>): Value {
  const target = unwrap(node);
  if (constants.has(target)) return { known: true, value: constants.get(target) };
  return literalValue(target);
}

/** Whether a test is true or false for the call, or null when undecided. */
function truth(node: TSESTree.Node, constants: ReadonlyMap<TSESTree.Node, unknown>): boolean | null {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.UnaryExpression: {
      if (target.operator !== '!') return null;
      const inner = truth(target.argument, constants);
      return inner === null ? null : !inner;
    }
    case AST_NODE_TYPES.LogicalExpression: {
      const left = truth(target.left, constants);
      const right = truth(target.right, constants);
      if (target.operator === '&&') return left === false || right === false ? false : left === true && right === true ? true : null;
      if (target.operator === '||') return left === true || right === true ? true : left === false && right === false ? false : null;
      return null;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (!['===', '!==', '==', '!='].includes(target.operator) || target.left.type === AST_NODE_TYPES.PrivateIdentifier) return null;
      const left = valueOf(target.left, constants);
      const right = valueOf(target.right, constants);
      if (!left.known || !right.known) return null;
      const loose = target.operator === '==' || target.operator === '!=';
      // Loose equality only between values of one type, or null and undefined, where it is strict equality.
      if (loose && typeof left.value !== typeof right.value && !(left.value == null && right.value == null)) return null;
      const equal = loose ? left.value == right.value : left.value === right.value;
      return target.operator.startsWith('!') ? !equal : equal;
    }
    default: {
      const value = valueOf(target, constants);
      return value.known ? Boolean(value.value) : null;
    }
  }
}

/** Whether a statement before `child` in a block is an `if` the call takes and whose branch always leaves. */
function leftBefore(body: readonly TSESTree.Node[], child: TSESTree.Node, constants: ReadonlyMap<TSESTree.Node, unknown>): boolean {
  for (const statement of body) {
    if (statement === child) return false;
    if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
    const test = truth(statement.test, constants);
    if (test === true && alwaysLeaves(statement.consequent)) return true;
    if (test === false && statement.alternate && alwaysLeaves(statement.alternate)) return true;
  }
  return false;
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
