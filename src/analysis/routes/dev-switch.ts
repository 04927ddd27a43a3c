import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { devSwitchName, environmentSettingNames, nonProductionEnvironments } from '../../models/dev-switches.js';
import { findVariable, isConstantBinding, propertyName, singleDefinition, unwrap, scopeOf } from '../../utils/ast.js';

/** How many `&&`/`||`/`!` levels of one test are read. */
const MAX_TEST_DEPTH = 8;

const switches = new WeakMap<TSESTree.Node, TSESTree.Node | null>();

/**
 * The test of a development or test switch that a route registration stands under, or null: the
 * handler as written (`registration`, an argument of `app.post(…)` or a decorated method) is inside
 * `if (config.dev) { … }`, `isTest && …`, `cond ? … : …`, or after `if (!config.dev) return;` in an
 * enclosing block. Such a route exists only in runs that turned the switch on, as a test file's do.
 * Not one: a switch that also holds in production (`NODE_ENV !== 'production'` holds when nothing is
 * set), the inverted test (`if (!config.dev) app.post(…)`), an `||` with another condition, a
 * debug flag, and a registration in a function called under a switch (its call sites are not read).
 */
export function devRouteSwitch(registration: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  const known = switches.get(registration);
  if (known !== undefined) return known;
  let found: TSESTree.Node | null = null;
  let child: TSESTree.Node = registration;
  for (let parent = registration.parent; parent && !found; child = parent, parent = parent.parent) {
    found = switchAbove(parent, child, sourceCode);
  }
  switches.set(registration, found);
  return found;
}

/** The test of `parent` that holds in development or test runs only whenever `child` runs, or null. */
function switchAbove(parent: TSESTree.Node, child: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      if (parent.test === child) return null;
      return showsDevRun(parent.test, parent.consequent === child, 0, sourceCode) ? parent.test : null;
    case AST_NODE_TYPES.LogicalExpression:
      if (parent.right !== child) return null;
      if (parent.operator === '&&') return showsDevRun(parent.left, true, 0, sourceCode) ? parent.left : null;
      if (parent.operator === '||') return showsDevRun(parent.left, false, 0, sourceCode) ? parent.left : null;
      return null;
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program: {
      // `if (!config.dev) return;` earlier in the block: what follows runs in development only.
      const index = (parent.body as readonly TSESTree.Node[]).indexOf(child);
      for (const before of parent.body.slice(0, Math.max(0, index))) {
        if (before.type === AST_NODE_TYPES.IfStatement && !before.alternate && leaves(before.consequent) && showsDevRun(before.test, false, 0, sourceCode)) return before.test;
      }
      return null;
    }
    default:
      return null;
  }
}

/** Whether a branch always ends with a `return` or `throw` (`if (!dev) return;`, `{ log(); return; }`). */
function leaves(branch: TSESTree.Node): boolean {
  const last = branch.type === AST_NODE_TYPES.BlockStatement ? branch.body.at(-1) : branch;
  return last?.type === AST_NODE_TYPES.ReturnStatement || last?.type === AST_NODE_TYPES.ThrowStatement;
}

/** Whether `test` evaluating to `polarity` shows a run for development or tests (see `models/dev-switches.ts`). */
function showsDevRun(test: TSESTree.Node, polarity: boolean, depth: number, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (depth > MAX_TEST_DEPTH) return false;
  const node = unwrap(test);
  switch (node.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '!' && showsDevRun(node.argument, !polarity, depth + 1, sourceCode);
    case AST_NODE_TYPES.LogicalExpression:
      // `a && b` true: both hold, one switch is enough; false: either failed, each must show it.
      if (node.operator === '&&') {
        return polarity ? showsDevRun(node.left, true, depth + 1, sourceCode) || showsDevRun(node.right, true, depth + 1, sourceCode) : showsDevRun(node.left, false, depth + 1, sourceCode) && showsDevRun(node.right, false, depth + 1, sourceCode);
      }
      if (node.operator === '||') {
        return polarity ? showsDevRun(node.left, true, depth + 1, sourceCode) && showsDevRun(node.right, true, depth + 1, sourceCode) : showsDevRun(node.left, false, depth + 1, sourceCode) || showsDevRun(node.right, false, depth + 1, sourceCode);
      }
      return false;
    case AST_NODE_TYPES.BinaryExpression: {
      if (!['==', '===', '!=', '!=='].includes(node.operator) || node.left.type === AST_NODE_TYPES.PrivateIdentifier) return false;
      const equal = (node.operator === '==' || node.operator === '===') === polarity;
      for (const [a, b] of [[unwrap(node.left), unwrap(node.right)], [unwrap(node.right), unwrap(node.left)]] as const) {
        if (b.type !== AST_NODE_TYPES.Literal) continue;
        // `config.dev === true`, `isTest !== false`
        if (typeof b.value === 'boolean') return showsDevRun(a, equal === b.value, depth + 1, sourceCode);
        // `process.env.NODE_ENV === 'test'`: only the equality; `!== 'production'` holds when unset.
        if (typeof b.value === 'string' && equal && nonProductionEnvironments.has(b.value.toLowerCase()) && readsEnvironment(a)) return true;
      }
      return false;
    }
    case AST_NODE_TYPES.Identifier: {
      // `const isDev = process.env.NODE_ENV !== 'production'`: a constant holding a test is that test.
      const variable = findVariable(scopeOf(sourceCode, node), node.name);
      const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
      const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init ? unwrap(definition.node.init) : null;
      if (init && (init.type === AST_NODE_TYPES.BinaryExpression || init.type === AST_NODE_TYPES.LogicalExpression || init.type === AST_NODE_TYPES.UnaryExpression)) return showsDevRun(init, polarity, depth + 1, sourceCode);
      const name = lastName(node);
      return polarity && name !== null && devSwitchName.test(name);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = lastName(node);
      return polarity && name !== null && devSwitchName.test(name);
    }
    default:
      return false;
  }
}

/** `process.env.NODE_ENV`, `config.env`, `app.get('env')`: a read of the environment a run was started in. */
function readsEnvironment(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee.property) === 'get') {
    const [key] = node.arguments;
    return key?.type === AST_NODE_TYPES.Literal && key.value === 'env';
  }
  const name = node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression ? lastName(node) : null;
  return name !== null && environmentSettingNames.has(name);
}

/** The last name of an identifier or member read, lowercased and without `_` (`IS_DEV` is `isdev`). */
function lastName(node: TSESTree.Identifier | TSESTree.MemberExpression): string | null {
  const name = node.type === AST_NODE_TYPES.Identifier ? node.name : propertyName(node.property);
  return name === null ? null : name.replaceAll('_', '').toLowerCase();
}
