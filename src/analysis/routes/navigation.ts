import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { bodilessMethods, methodOverridePackages, scriptOnlyMethods, type RequestStyle } from '../../models/frameworks/request-inputs.js';
import { findVariable, requiredModule, unwrap, walk, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { projectRequestRewrites, type RequestRewrites } from '../project/request-rewrites.js';
import { getRoutes } from './index.js';
import type { Route } from './types.js';
import { exportNames } from './mounts-across-files.js';
import { projectDependencies } from './project-files.js';
import { memberBinding, projectMemberReads, type StoredMember } from './member-reads.js';

/*
 * Handlers that no navigation reaches: every route of the file whose handler the function is
 * answers only PUT, PATCH or DELETE (`scriptOnlyMethods`), and the function is used nowhere else
 * (not exported, every reference a registration on such a route). A browser renders as a page
 * only what a link, redirect, frame or form fetched (GET or POST), so request input echoed in
 * such a handler's HTML answer runs no script (`no-reflected-xss`). A method-override package in
 * the project's `package.json` or imported by the file, or a hand-written override in the file or
 * the project (a function that sets the request's method from request input, see
 * `project/request-rewrites.ts`), turns a POST form into any method: then no handler counts.
 *
 * In the same way, handlers whose every route answers only GET or HEAD (`bodilessMethods`): no
 * navigation of a victim's browser sends them a body, so a body field read there is no input of
 * another site (`no-reflected-xss`, `no-open-redirect`). A method override (which may turn a POST
 * form into a GET), a route of every method (`all`), middleware (`use`, no route) or any use of
 * the function other than such a registration keeps it a source. So does code in the file or the
 * project that fills the body of the handler's request style from what the URL carries
 * (`req.body = { ...req.query, ...req.body }`): a link's query string then is the body.
 */

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const SCRIPT_ONLY = new Set(scriptOnlyMethods);
const BODILESS = new Set(bodilessMethods);
const OVERRIDES = new Set(methodOverridePackages);

/** Whether a handler is reached only by methods no navigation uses (memoized per function). */
export function scriptOnlyHandlers(context: AnyContext): (fn: FunctionNode) => boolean {
  return handlersOnlyOn(context, SCRIPT_ONLY);
}

/**
 * Whether a handler of `style` is reached only by GET or HEAD, which a browser sends without a
 * body, and no code in view fills that style's body from the URL (memoized per function).
 */
export function bodilessHandlers(context: AnyContext): (fn: FunctionNode, style: RequestStyle) => boolean {
  const onlyBodiless = handlersOnlyOn(context, BODILESS);
  return (fn, style) => onlyBodiless(fn) && !rewritesInView(context).urlFilledBody.has(style);
}

/**
 * The request styles whose URL code in the file or its project writes back decoded text or a field
 * of request input (see `project/request-rewrites.ts`): their URL reads may hold what no browser encodes.
 */
export function decodedUrlStyles(context: AnyContext): ReadonlySet<RequestStyle> {
  return rewritesInView(context).decodedUrl;
}

const rewritesByProgram = new WeakMap<object, RequestRewrites>();

/** The request rewrites of the file and of its project (see `project/request-rewrites.ts`), once per program. */
function rewritesInView(context: AnyContext): RequestRewrites {
  const program = context.sourceCode.ast;
  let rewrites = rewritesByProgram.get(program);
  if (!rewrites) {
    rewrites = projectRequestRewrites(context.filename, program, (node) => scopeOf(context.sourceCode, node));
    rewritesByProgram.set(program, rewrites);
  }
  return rewrites;
}

function handlersOnlyOn(context: AnyContext, methods: ReadonlySet<string>): (fn: FunctionNode) => boolean {
  let overridable: boolean | null = null;
  const verdicts = new Map<FunctionNode, boolean>();
  return (fn) => {
    overridable ??= methodOverrideInView(context) || rewritesInView(context).methodOverride;
    if (overridable) return false;
    let verdict = verdicts.get(fn);
    if (verdict === undefined) {
      verdict = onRoutesOfMethods(context, fn, methods);
      verdicts.set(fn, verdict);
    }
    return verdict;
  };
}

function methodOverrideInView(context: AnyContext): boolean {
  const dependencies = projectDependencies(context.filename);
  if (dependencies !== null && [...OVERRIDES].some((name) => dependencies.has(name))) return true;
  let found = false;
  walk(context.sourceCode.ast, (node) => {
    if (found) return 'skip';
    if (node.type === AST_NODE_TYPES.ImportDeclaration && OVERRIDES.has(node.source.value)) found = true;
    else if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.ImportExpression) {
      const module = node.type === AST_NODE_TYPES.CallExpression ? requiredModule(node) : node.source.type === AST_NODE_TYPES.Literal ? String(node.source.value) : null;
      if (module !== null && OVERRIDES.has(module)) found = true;
    }
    return undefined;
  });
  return found;
}

function onRoutesOfMethods(context: AnyContext, fn: FunctionNode, methods: ReadonlySet<string>): boolean {
  const routes = getRoutes(context).routes.filter((route) => route.handler?.fn === fn);
  if (routes.length === 0) return onRegistrationsOfMethods(context, fn, methods);
  if (!routes.every((route) => route.methods.length > 0 && route.methods.every((method) => methods.has(method)))) return false;
  return runsOnlyAsHandlerOf(context, fn, routes);
}

/**
 * Whether `fn` runs only as the handler of `routes` (routes of this file whose handler it is): a
 * class method run by its decorators, a function written as the registration's argument, or a
 * function of this file not exported whose every reference is one of those registrations.
 */
export function runsOnlyAsHandlerOf(context: AnyContext, fn: FunctionNode, routes: readonly Route[]): boolean {
  const program = context.sourceCode.ast;
  // A class method (a NestJS handler) is run by its decorators only; a function is followed by name.
  if (fn.parent.type === AST_NODE_TYPES.MethodDefinition) return true;
  const name = bindingName(fn);
  if (name === null) return isInlineArgument(fn);
  if (exportNames(name.parent?.type === AST_NODE_TYPES.VariableDeclarator ? name : fn, program).length > 0) return false;
  const variable = findVariable(scopeOf(context.sourceCode, name), name.name);
  if (!variable) return false;
  const registered = new Set(routes.flatMap((route) => (route.handler ? [unwrap(route.handler.node)] : [])));
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Node;
    if (reference.init === true || identifier === name) continue;
    if (!registered.has(identifier)) return false;
  }
  return true;
}

/**
 * A handler of no route the route model reads, because the path of its registration is not
 * static (`app.get(prefix + 'terms', showTerms)`, on an app the model does not know): the method
 * is still plain. Every use of the function must be a handler argument (after the path) of a call
 * of a method named in `methods` (`get`, `head`, ... as written, on any receiver), the function
 * not exported; an inline function must be such an argument itself. A method `all`, `use`, or any
 * other use keeps it a source. Only ever narrows (a body no browser sends), never adds a route.
 */
function onRegistrationsOfMethods(context: AnyContext, fn: FunctionNode, methods: ReadonlySet<string>): boolean {
  if (fn.parent.type === AST_NODE_TYPES.MethodDefinition) return false;
  const member = memberBinding(fn);
  if (member !== null) return memberOnRegistrationsOfMethods(context, member, methods);
  const name = bindingName(fn);
  if (name === null) return isMethodRegistrationArgument(fn, methods);
  if (exportNames(name.parent?.type === AST_NODE_TYPES.VariableDeclarator ? name : fn, context.sourceCode.ast).length > 0) return false;
  const variable = findVariable(scopeOf(context.sourceCode, name), name.name);
  if (!variable) return false;
  let registrations = 0;
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Node;
    if (reference.init === true || identifier === name) continue;
    if (!isMethodRegistrationArgument(identifier, methods)) return false;
    registrations++;
  }
  return registrations > 0;
}

/**
 * A handler stored in a member (`obj.showPage = function (req, res) { … }`): every read of the
 * member's name in the project must be a handler argument of a call of one of `methods` (see
 * `member-reads.ts`), with at least one such registration.
 */
function memberOnRegistrationsOfMethods(context: AnyContext, member: StoredMember, methods: ReadonlySet<string>): boolean {
  const registrations = projectMemberReads(context, member, (read) => isMethodRegistrationArgument(read, methods));
  return registrations !== null && registrations > 0;
}

/** `x.get(path, …, node)`: the node a handler argument after the path of a call of one of `methods`. */
function isMethodRegistrationArgument(node: TSESTree.Node, methods: ReadonlySet<string>): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const property = call.callee.property;
  if (call.callee.computed || property.type !== AST_NODE_TYPES.Identifier || !methods.has(property.name.toUpperCase())) return false;
  const index = call.arguments.indexOf(node as TSESTree.CallExpressionArgument);
  const path = call.arguments[0];
  return index >= 1 && path !== undefined && isPathExpression(path);
}

/** An expression that can be a path: a string, a template, a concatenation or a name; never a function or an object. */
function isPathExpression(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return typeof target.value === 'string' || 'regex' in target;
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return target.operator === '+';
    default:
      return false;
  }
}

/** The name a function is bound to: its declaration's, or the `const` it initialises. */
function bindingName(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  return null;
}

/** A function written as an argument of the registration (`app.put('/x', (req, res) => …)`). */
function isInlineArgument(fn: FunctionNode): boolean {
  return fn.parent.type === AST_NODE_TYPES.CallExpression && fn.parent.arguments.includes(fn as TSESTree.CallExpressionArgument);
}
