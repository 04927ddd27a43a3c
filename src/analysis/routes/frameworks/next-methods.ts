import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { propertyName, unwrap, walk, type FunctionNode } from '../../../utils/ast.js';

/**
 * The HTTP methods a Pages Router API handler serves, when its body dispatches on `req.method` in a
 * simple way; `['ALL']` otherwise. Recognised, after any statements that do not test the method:
 * - `if (req.method !== 'POST') return ...` (also `&&` chains, `!['GET', 'POST'].includes(req.method)`);
 * - `switch (req.method) { case 'GET': ... default: res.status(405) }` (no default, or one answering 405);
 * - `if (req.method === 'GET') {...} else if (...) {...}` and consecutive `if (req.method === 'GET') { ...; return }`
 *   statements, when what follows (the final `else`, or the rest of the body) is absent or answers 405.
 * `req.method` may also be read through `const { method } = req` or a destructured parameter.
 */
export function pagesMethods(fn: FunctionNode | null): string[] {
  if (!fn || fn.body.type !== AST_NODE_TYPES.BlockStatement) return ['ALL'];
  const methodNames = new Set<string>();
  const request = fn.params[0];
  let requestName: string | null = null;
  if (request?.type === AST_NODE_TYPES.Identifier) requestName = request.name;
  else if (request?.type === AST_NODE_TYPES.ObjectPattern) collectMethodAlias(request, methodNames);
  const isMethod = (node: TSESTree.Node): boolean => {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) return methodNames.has(target.name);
    return (
      target.type === AST_NODE_TYPES.MemberExpression &&
      !target.computed &&
      propertyName(target.property) === 'method' &&
      unwrap(target.object).type === AST_NODE_TYPES.Identifier &&
      (unwrap(target.object) as TSESTree.Identifier).name === requestName
    );
  };
  const statements = fn.body.body;
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index]!;
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (!declarator.init) continue;
        if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && unwrap(declarator.init).type === AST_NODE_TYPES.Identifier) {
          if ((unwrap(declarator.init) as TSESTree.Identifier).name === requestName) {
            collectMethodAlias(declarator.id, methodNames);
          }
        } else if (declarator.id.type === AST_NODE_TYPES.Identifier && isMethod(declarator.init)) {
          methodNames.add(declarator.id.name);
        }
      }
      continue;
    }
    if (statement.type === AST_NODE_TYPES.SwitchStatement && isMethod(statement.discriminant)) {
      return switchMethods(statement) ?? ['ALL'];
    }
    if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
    const rejected = methodSet(statement.test, isMethod, false);
    if (rejected !== null && !statement.alternate && exits(statement.consequent)) return rejected;
    if (methodSet(statement.test, isMethod, true) === null) continue;
    return dispatchMethods(statements.slice(index), isMethod) ?? ['ALL'];
  }
  return ['ALL'];
}

function collectMethodAlias(pattern: TSESTree.ObjectPattern, names: Set<string>): void {
  for (const property of pattern.properties) {
    if (
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      propertyName(property.key) === 'method' &&
      property.value.type === AST_NODE_TYPES.Identifier
    ) {
      names.add(property.value.name);
    }
  }
}

/**
 * The methods a test selects: with `positive`, `m === 'A' || m === 'B'` / `['A', 'B'].includes(m)`;
 * otherwise the methods that pass a rejecting test `m !== 'A' && m !== 'B'` / `!(...)`. Null when
 * the test is not of that shape.
 */
function methodSet(test: TSESTree.Node, isMethod: (node: TSESTree.Node) => boolean, positive: boolean): string[] | null {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    return methodSet(node.argument, isMethod, !positive);
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === (positive ? '||' : '&&')) {
    const left = methodSet(node.left, isMethod, positive);
    const right = methodSet(node.right, isMethod, positive);
    return left && right ? [...left, ...right] : null;
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression) {
    const equal = positive ? ['===', '=='] : ['!==', '!='];
    if (!equal.includes(node.operator)) return null;
    const method = isMethod(node.left) ? literalMethod(node.right) : isMethod(node.right) ? literalMethod(node.left) : null;
    return method === null ? null : [method];
  }
  if (positive && node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    const argument = node.arguments[0];
    if (
      callee.type !== AST_NODE_TYPES.MemberExpression ||
      propertyName(callee.property) !== 'includes' ||
      !argument ||
      !isMethod(argument)
    ) {
      return null;
    }
    const list = unwrap(callee.object);
    if (list.type !== AST_NODE_TYPES.ArrayExpression) return null;
    const methods: string[] = [];
    for (const element of list.elements) {
      const method = element && element.type !== AST_NODE_TYPES.SpreadElement ? literalMethod(element) : null;
      if (method === null) return null;
      methods.push(method);
    }
    return methods;
  }
  return null;
}

function literalMethod(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value.toUpperCase();
  if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) {
    return target.quasis[0]?.value.cooked?.toUpperCase() ?? null;
  }
  return null;
}

function switchMethods(statement: TSESTree.SwitchStatement): string[] | null {
  const methods: string[] = [];
  for (const clause of statement.cases) {
    if (clause.test === null) {
      if (!answers405(clause)) return null;
      continue;
    }
    const method = literalMethod(clause.test);
    if (method === null) return null;
    methods.push(method);
  }
  return methods.length > 0 ? unique(methods) : null;
}

/** `if (m === 'GET') {...} else if (m === 'POST') {...}` chains and consecutive exiting `if`s. */
function dispatchMethods(statements: readonly TSESTree.Statement[], isMethod: (node: TSESTree.Node) => boolean): string[] | null {
  const methods: string[] = [];
  let index = 0;
  while (index < statements.length) {
    const statement = statements[index]!;
    if (statement.type !== AST_NODE_TYPES.IfStatement || methodSet(statement.test, isMethod, true) === null) break;
    let current: TSESTree.Statement | null = statement;
    let allExit = true;
    while (current?.type === AST_NODE_TYPES.IfStatement) {
      const selected = methodSet(current.test, isMethod, true);
      if (selected === null) break;
      // `if (m === 'DELETE') return res.status(405)...` rejects a method rather than serving it.
      if (answers405(current.consequent)) return null;
      methods.push(...selected);
      allExit &&= exits(current.consequent);
      current = current.alternate;
    }
    if (current !== null) {
      // The chain ends with an `else` (or a test of something else): it must be the 405 answer.
      return answers405(current) ? unique(methods) : null;
    }
    index++;
    // Without a final `else`, later statements run for the other methods unless every branch returned.
    if (!allExit) return index === statements.length ? unique(methods) : null;
  }
  const rest = statements.slice(index);
  if (rest.length === 0 || rest.some((statement) => answers405(statement))) return unique(methods);
  return null;
}

/** Whether a statement always leaves the function (ends with `return` or `throw`). */
function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body.at(-1);
    return last !== undefined && exits(last);
  }
  return false;
}

/** Whether the code answers `405 Method Not Allowed` (a `405` literal in it). */
function answers405(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (inner) => {
    if (inner.type === AST_NODE_TYPES.Literal && inner.value === 405) found = true;
  });
  return found;
}

function unique(methods: string[]): string[] {
  return [...new Set(methods)];
}
