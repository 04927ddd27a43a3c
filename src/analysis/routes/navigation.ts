import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { csrfProtections, expressBodyParsers, methodOverridePackages, scriptOnlyMethods } from '../../models/frameworks/request-inputs.js';
import { findVariable, requiredModule, unwrap, walk, type FunctionNode } from '../../utils/ast.js';
import { originOf } from '../taint/access-path.js';
import type { Route, RouteGuard } from './types.js';
import { getRoutes } from './index.js';
import { exportNames } from './mounts-across-files.js';
import { projectDependencies } from './project-files.js';

/*
 * Handlers that no navigation reaches: every route of the file whose handler the function is
 * answers only PUT, PATCH or DELETE (`scriptOnlyMethods`), and the function is used nowhere else
 * (not exported, every reference a registration on such a route). A browser renders as a page
 * only what a link, redirect, frame or form fetched (GET or POST), so request input echoed in
 * such a handler's HTML answer runs no script (`no-reflected-xss`). A method-override package in
 * the project's `package.json` or imported by the file turns a POST form into any method: then no
 * handler counts.
 */

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const SCRIPT_ONLY = new Set(scriptOnlyMethods);
const OVERRIDES = new Set(methodOverridePackages);

/** Whether a handler is reached only by methods no navigation uses (memoized per function). */
export function scriptOnlyHandlers(context: AnyContext): (fn: FunctionNode) => boolean {
  let overridable: boolean | null = null;
  const verdicts = new Map<FunctionNode, boolean>();
  return (fn) => {
    overridable ??= methodOverrideInView(context);
    if (overridable) return false;
    let verdict = verdicts.get(fn);
    if (verdict === undefined) {
      verdict = onScriptOnlyRoutes(context, fn);
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

function onScriptOnlyRoutes(context: AnyContext, fn: FunctionNode): boolean {
  const routes = getRoutes(context).routes.filter((route) => route.handler?.fn === fn);
  if (routes.length === 0) return false;
  if (!routes.every((route) => route.methods.length > 0 && route.methods.every((method) => SCRIPT_ONLY.has(method)))) return false;
  return usedOnlyOn(context, fn, routes);
}

/**
 * Whether the body a handler reads was sent by the user's own page, not by a form of another site:
 * every route of the file whose handler it is (and it is used nowhere else) is an Express route
 * behind CSRF middleware (`csrfProtections`), or on an app of this file whose body parsers before
 * the route parse JSON alone (`expressBodyParsers`; a cross-site form cannot send
 * `application/json`), the app handed to no other code that could add one. Memoized per function.
 */
export function selfSentBodyHandlers(context: AnyContext): (fn: FunctionNode) => boolean {
  const verdicts = new Map<FunctionNode, boolean>();
  return (fn) => {
    let verdict = verdicts.get(fn);
    if (verdict === undefined) {
      const routes = getRoutes(context).routes.filter((route) => route.handler?.fn === fn);
      verdict = routes.length > 0 && routes.every((route) => route.framework === 'express' && (behindCsrfCheck(context, route) || parsesOnlyJson(context, route))) && usedOnlyOn(context, fn, routes);
      verdicts.set(fn, verdict);
    }
    return verdict;
  };
}

/** The module and member a guard's expression comes from (`express.json()` → express, json). */
function guardOrigin(context: AnyContext, guard: RouteGuard): { module: string; members: string[] } | null {
  const origin = originOf(guard.node, context.sourceCode);
  if (!origin) return null;
  return { module: origin.module, members: origin.steps.filter((step) => step.startsWith('Member:')).map((step) => step.slice('Member:'.length)) };
}

const matches = (entry: { module: string; member: string | null }, origin: { module: string; members: string[] }): boolean =>
  entry.module === origin.module && (entry.member === null ? true : origin.members.at(-1) === entry.member);

function behindCsrfCheck(context: AnyContext, route: Route): boolean {
  return route.guards.some((guard) => {
    const origin = guardOrigin(context, guard);
    return origin !== null && csrfProtections.some((entry) => matches(entry, origin));
  });
}

function parsesOnlyJson(context: AnyContext, route: Route): boolean {
  const owner = route.owner;
  if (!owner || owner.mountedElsewhere || !isClosedApp(context, owner.outermost ?? owner.declaration)) return false;
  let json = false;
  for (const guard of route.guards) {
    const origin = guardOrigin(context, guard);
    if (!origin) continue;
    // `bodyParser()` itself (JSON and forms) has no member; `multer().single('f')` any.
    if (expressBodyParsers.form.some((entry) => entry.module === origin.module && (entry.member === null ? !(origin.module === 'body-parser' && origin.members.length > 0) : origin.members.at(-1) === entry.member))) return false;
    if (expressBodyParsers.json.some((entry) => matches(entry, origin))) {
      // A `type` option may make the parser accept `text/plain`, which a form can send.
      if (!defaultJsonType(guard.node, context)) return false;
      json = true;
    }
  }
  return json;
}

/** `express.json()` or `express.json({ limit })`: called with no `type` option. */
function defaultJsonType(node: TSESTree.Node, context: AnyContext): boolean {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariable(context.sourceCode.getScope(target), target.name)?.defs[0];
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
    target = unwrap(definition.node.init);
  }
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const [options] = target.arguments;
  if (options === undefined) return true;
  const object = unwrap(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return object.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && !(property.key.type === AST_NODE_TYPES.Identifier ? property.key.name === 'type' : property.key.type === AST_NODE_TYPES.Literal && property.key.value === 'type'));
}

/**
 * An app created in this file with `express()`, whose variable is only used through its own members
 * (`app.use`, `app.get`, `app.listen`) or given to `http(s).createServer`: no other code can add a
 * body parser to it.
 */
function isClosedApp(context: AnyContext, declaration: TSESTree.Node | null): boolean {
  if (declaration?.type !== AST_NODE_TYPES.Identifier) return false;
  const declarator = declaration.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id !== declaration || !declarator.init) return false;
  const init = unwrap(declarator.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  const origin = originOf(init.callee, context.sourceCode);
  if (origin?.module !== 'express' || origin.steps.length !== 0) return false;
  const variable = findVariable(context.sourceCode.getScope(declaration), declaration.name);
  if (!variable) return false;
  return variable.references.every((reference) => {
    if (reference.init === true) return true;
    if (reference.isWrite()) return false;
    const parent = reference.identifier.parent;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier) return true;
    if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee === reference.identifier) return false;
    const callee = unwrap(parent.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'createServer';
  });
}

/** Whether `fn` is used only as the handler of `routes`: not exported, every reference one of those registrations. */
function usedOnlyOn(context: AnyContext, fn: FunctionNode, routes: readonly Route[]): boolean {
  const program = context.sourceCode.ast;
  // A class method (a NestJS handler) is run by its decorators only; a function is followed by name.
  if (fn.parent.type === AST_NODE_TYPES.MethodDefinition) return true;
  const name = bindingName(fn);
  if (name === null) return isInlineArgument(fn);
  if (exportNames(name.parent?.type === AST_NODE_TYPES.VariableDeclarator ? name : fn, program).length > 0) return false;
  const variable = findVariable(context.sourceCode.getScope(name), name.name);
  if (!variable) return false;
  const registered = new Set(routes.flatMap((route) => (route.handler ? [unwrap(route.handler.node)] : [])));
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Node;
    if (reference.init === true || identifier === name) continue;
    if (!registered.has(identifier)) return false;
  }
  return true;
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
