import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, unwrap } from '../../utils/ast.js';

/**
 * Where a finding about a route goes, where its fix goes too: the registration's method and path
 * (`get('/users'`), not the whole call with its handler body; a chained `route('/x').get(handler)`
 * has no path argument, so the method name is enough. Other report nodes (a decorator, an export)
 * as they are.
 */
export function routeReportLoc(node: TSESTree.Node): TSESTree.SourceLocation {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    const start = callee.type === AST_NODE_TYPES.MemberExpression ? callee.property.loc.start : node.loc.start;
    const first = node.arguments[0];
    if (!first || isFunction(unwrap(first))) return { start, end: callee.loc.end };
    return { start, end: first.loc.end };
  }
  return node.loc;
}
