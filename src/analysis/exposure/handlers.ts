import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { RequestStyle } from '../../models/frameworks/request-inputs.js';
import { isFunction, walk, type FunctionNode } from '../../utils/ast.js';
import { getRoutes } from '../routes/index.js';

/** A function that receives a request, with the parameters the exposure analysis reads. */
export interface ExposureHandler {
  fn: FunctionNode;
  style: RequestStyle;
  /** A NestJS controller method (its return value is the response). */
  nest: boolean;
}

const REQUEST_NAME = /^_?req(?:uest)?$/u;
const RESPONSE_NAME = /^_?(?:res|response)$/u;
const REPLY_NAME = /^_?reply$/u;

function paramName(param: TSESTree.Parameter | undefined): string | null {
  if (param?.type === AST_NODE_TYPES.Identifier) return param.name;
  if (param?.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier) return param.left.name;
  return null;
}

/** The style of a function with a handler signature, `(req, res)` or `(request, reply)`. */
function handlerShape(fn: FunctionNode): RequestStyle | null {
  const first = paramName(fn.params[0]);
  const second = paramName(fn.params[1]);
  if (first === null || second === null || !REQUEST_NAME.test(first)) return null;
  if (RESPONSE_NAME.test(second)) return 'express';
  if (REPLY_NAME.test(second)) return 'fastify';
  return null;
}

const cache = new WeakMap<TSESTree.Program, ExposureHandler[]>();

/**
 * Route handlers of the file from the route model (NestJS controller methods included), and
 * other functions with a `(req, res)` / `(request, reply)` signature.
 */
export function exposureHandlers(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ExposureHandler[] {
  const program = context.sourceCode.ast;
  const cached = cache.get(program);
  if (cached) return cached;
  const handlers: ExposureHandler[] = [];
  const seen = new Set<TSESTree.Node>();
  const add = (fn: FunctionNode, style: RequestStyle, nest: boolean): void => {
    if (seen.has(fn)) return;
    seen.add(fn);
    handlers.push({ fn, style, nest });
  };
  for (const handler of getRoutes(context).handlers) {
    if (handler.fn) add(handler.fn, handler.style, handler.style === 'nest');
  }
  // Handler-shaped functions the route model does not list (not registered in this file and not
  // exported, e.g. a `(req, res)` helper a handler delegates to) still write responses.
  walk(program, (node) => {
    if (isFunction(node)) {
      const style = handlerShape(node);
      if (style) add(node, style, false);
    }
  });
  cache.set(program, handlers);
  return handlers;
}
