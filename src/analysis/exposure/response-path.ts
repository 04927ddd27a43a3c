import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { responseChainMethods } from '../../models/exposure.js';
import { propertyName, unwrap } from '../../utils/ast.js';

/**
 * The response member a sink expression names, from its base variable: `res.status(200).json` →
 * `res` and `json`, `ctx.response.body` → `ctx` and `response.body`; the chain calls in between
 * (`status`, `set`, `type`: `responseChainMethods`) are skipped. Null for anything else.
 */
export function responseMemberPath(node: TSESTree.Node): { base: TSESTree.Identifier; path: string } | null {
  const path: string[] = [];
  let current = unwrap(node);
  for (let step = 0; step < 10; step++) {
    if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed) {
      const name = propertyName(current.property);
      if (name === null) return null;
      path.unshift(name);
      current = unwrap(current.object);
      continue;
    }
    if (current.type === AST_NODE_TYPES.CallExpression && path.length > 0) {
      const callee = unwrap(current.callee);
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || name === null || !responseChainMethods.has(name)) return null;
      current = unwrap(callee.object);
      continue;
    }
    break;
  }
  return current.type === AST_NODE_TYPES.Identifier && path.length > 0 ? { base: current, path: path.join('.') } : null;
}
