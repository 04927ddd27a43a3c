import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { unwrap, type FunctionNode } from '../../utils/ast.js';
import { crossFileTarget } from '../project/calls.js';
import type { Route } from '../routes/index.js';

/** A route's handler function with the source of the file that defines it. */
export interface HandlerFunction {
  fn: FunctionNode;
  sourceCode: Readonly<TSESLint.SourceCode>;
}

/**
 * The function a route's handler runs: the one of the linted file, else the one of another project
 * file the handler names (`router.post('/:id/deactivate', usersController.deactivate)` with the
 * controller object or class instance imported), so that what a layered app's controller does is
 * read as the handler's. Null when it is out of view (a package, a dynamic value).
 */
export function handlerFunction(route: Route, sourceCode: Readonly<TSESLint.SourceCode>): HandlerFunction | null {
  const handler = route.handler;
  if (!handler) return null;
  if (handler.fn) return { fn: handler.fn, sourceCode };
  const node = unwrap(handler.node);
  if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const target = crossFileTarget(node, sourceCode);
  return target === null ? null : { fn: target.fn, sourceCode: target.module.sourceCode };
}
