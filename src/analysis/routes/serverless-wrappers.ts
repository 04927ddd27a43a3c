import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { handlerWrapperChainMethods } from '../../models/frameworks/handler-signatures.js';
import { dottedName, propertyName, unwrap, type FunctionNode } from '../../utils/ast.js';
import { judgeFunction, judgeGuard, type AuthVocabulary, type GuardJudgement, type ScopeOf } from './auth.js';
import type { RouteGuard } from './types.js';

/*
 * A serverless handler (AWS Lambda) is exported as it is written or inside wrappers that run
 * before it: a higher-order function of the project (`export const list = withCaller(async (event)
 * => …)`) or middy's chain (`middy(async (event) => …).use(parser()).use(callerRequired())`), whose
 * middleware run their `before` step first. Each wrapper is a guard of the handler, judged by its
 * definition as a route's middleware is (a wrapper out of view is no evidence here). Only the
 * chain of calls the function is written in is read, up to a bound: linear in its size.
 */

/** Calls walked up from a handler through the wrappers that hold it. */
const MAX_WRAPPERS = 8;

const CHAIN_METHODS: ReadonlySet<string> = new Set(handlerWrapperChainMethods);

/**
 * The wrappers written around `fn`, innermost first: each call `fn` is an argument of
 * (`withCaller(fn)`, `middy(fn)`), and each argument of a chained configuration call
 * (`.use(callerRequired())`, `.before(check)`).
 */
export function serverlessWrapperGuards(fn: FunctionNode): RouteGuard[] {
  const guards: RouteGuard[] = [];
  let node: TSESTree.Node = fn;
  for (let step = 0; step < MAX_WRAPPERS; step++) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== node && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
      guards.push({ kind: 'middleware', name: dottedName(parent.callee), node: parent, fn: null, level: 'route' });
      node = parent;
      continue;
    }
    const call: TSESTree.Node | undefined = parent?.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && !parent.computed &&
      CHAIN_METHODS.has(propertyName(parent.property) ?? '') && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent
    ) {
      for (const argument of call.arguments) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const target = unwrap(argument);
        const name = dottedName(target.type === AST_NODE_TYPES.CallExpression ? target.callee : target);
        guards.push({ kind: 'middleware', name, node: argument, fn: null, level: 'route' });
      }
      node = call;
      continue;
    }
    // `(wrap(fn))`, `wrap(fn) as Handler`: still the same expression.
    if (parent && unwrap(parent) !== parent && parent.type !== AST_NODE_TYPES.CallExpression) {
      node = parent;
      continue;
    }
    break;
  }
  return guards;
}

/**
 * Whether a serverless handler checks its caller, by its own body or by a wrapper around it
 * (see `serverlessWrapperGuards`): the judgement of its body, unless that says nothing and a
 * wrapper authenticates.
 */
export function judgeServerlessHandler(fn: FunctionNode, vocabulary: AuthVocabulary, scopeOf: ScopeOf): GuardJudgement {
  const own = judgeFunction(fn, vocabulary, scopeOf);
  if (own.verdict === 'authenticates') return own;
  for (const guard of serverlessWrapperGuards(fn)) {
    const judged = judgeGuard(guard, vocabulary, scopeOf);
    if (judged.verdict === 'authenticates') return { ...judged, by: guard.name ?? judged.by };
  }
  return own;
}
