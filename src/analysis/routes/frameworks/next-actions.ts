import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { serverActionDirectives, serverActionMethod, serverActionNameSuffixes } from '../../../models/frameworks/server-actions.js';
import { enclosingFunction, nodesOfType, propertyName, walk, type FunctionNode } from '../../../utils/ast.js';
import type { ExtractContext, FrameworkExtractor, Route } from '../types.js';
import { unwrapHandler, type Unwrapped } from './nextjs.js';

/**
 * Next.js server actions: each is an HTTP endpoint of its own. Next.js gives every exported async
 * function of a `'use server'` module, and every async function whose body starts with
 * `'use server'`, an id that any client can POST to with the arguments it chooses, whether or not
 * a page renders a form for it. The route has no path (it runs under the path of whichever page
 * posts it): `label` names it instead, and no `middleware.ts` matcher is applied to it.
 */
export const nextActionsExtractor: FrameworkExtractor = {
  framework: 'nextjs',
  extract(context) {
    // Most files have no directive at all: one scan of the text spares them the walk below.
    if (!context.sourceCode.text.includes(serverActionDirectives.server)) return {};
    const body = context.program.body;
    // A client module cannot define server actions (Next.js refuses to build one that tries).
    if (hasDirective(body, serverActionDirectives.client)) return {};
    const routes: Route[] = [];
    const seen = new Set<FunctionNode>();
    const add = (name: string, reportNode: TSESTree.Node, handler: Unwrapped, named = true): void => {
      if (handler.fn) {
        if (seen.has(handler.fn)) return;
        seen.add(handler.fn);
        context.claimed.add(handler.fn);
      }
      context.claimed.add(reportNode);
      routes.push(actionRoute(context, name, named, reportNode, handler));
    };
    if (hasDirective(body, serverActionDirectives.server)) moduleActions(context, add);
    for (const fn of nodesOfType(context.program, AST_NODE_TYPES.ArrowFunctionExpression, AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.FunctionDeclaration)) {
      if (seen.has(fn) || !fn.async || fn.body.type !== AST_NODE_TYPES.BlockStatement) continue;
      if (!hasDirective(fn.body.body, serverActionDirectives.server)) continue;
      const named = functionName(fn);
      add(named?.name ?? 'inline action', named?.node ?? fn.body.body[0] ?? fn, { guards: [], node: fn, fn }, named !== null);
    }
    return { routes };
  },
};

/** Whether a directive prologue (the leading string statements) holds `directive`. */
function hasDirective(statements: readonly TSESTree.Node[], directive: string): boolean {
  for (const statement of statements) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || typeof statement.directive !== 'string') return false;
    // `directive` is the raw text between the quotes; Next.js compares the string's value.
    const expression = statement.expression;
    if (expression.type === AST_NODE_TYPES.Literal && expression.value === directive) return true;
  }
  return false;
}

/**
 * The exported functions of a `'use server'` module: `export async function save()`,
 * `export const save = async () => …`, `export const save = withUser(async () => …)`,
 * `export { save, remove as destroy }`, `export default async function`. A function the module
 * does not export is a helper, not an action; re-exports from another module are that module's.
 */
function moduleActions(context: ExtractContext, add: (name: string, reportNode: TSESTree.Node, handler: Unwrapped, named?: boolean) => void): void {
  for (const statement of context.program.body) {
    const scope = context.scopeOf(statement);
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) {
        if (declaration.async) add(declaration.id?.name ?? 'default', declaration.id ?? declaration, { guards: [], node: declaration, fn: declaration }, declaration.id !== null);
      } else if (isExpression(declaration)) {
        const handler = unwrapHandler(declaration, scope);
        if (isAction(handler)) add('default', declaration, handler, false);
      }
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.exportKind === 'type' || statement.source) continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration) {
      if (declaration.async && declaration.id) add(declaration.id.name, declaration.id, { guards: [], node: declaration, fn: declaration });
    } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
        const handler = unwrapHandler(declarator.init, scope);
        if (isAction(handler)) add(declarator.id.name, declarator.id, handler);
      }
    } else if (!declaration) {
      for (const specifier of statement.specifiers) {
        const name = propertyName(specifier.exported);
        if (name === null || specifier.exportKind === 'type') continue;
        const handler = unwrapHandler(specifier.local, scope);
        if (isAction(handler)) add(name, specifier.exported, handler);
      }
    }
  }
}

/** An async function, or a wrapper call around one (`withUser(async (formData) => …)`). */
function isAction(handler: Unwrapped): boolean {
  return handler.fn !== null && (handler.fn.async || handler.guards.length > 0);
}

function isExpression(node: TSESTree.Node): node is TSESTree.Expression {
  return (
    node.type !== AST_NODE_TYPES.ClassDeclaration &&
    node.type !== AST_NODE_TYPES.TSDeclareFunction &&
    node.type !== AST_NODE_TYPES.TSInterfaceDeclaration &&
    node.type !== AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The name an inline action is known by: its own, or the variable or property holding it. */
function functionName(fn: FunctionNode): { name: string; node: TSESTree.Node } | null {
  if (fn.id) return { name: fn.id.name, node: fn.id };
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return { name: parent.id.name, node: parent.id };
  if ((parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.MethodDefinition) && !parent.computed) {
    const name = propertyName(parent.key);
    if (name !== null) return { name, node: parent.key };
  }
  return null;
}

function actionRoute(context: ExtractContext, name: string, named: boolean, reportNode: TSESTree.Node, handler: Unwrapped): Route {
  // A wrapper decides what the inner function receives. One in view that hands it the arguments
  // of the call (`async (...args) => { …; return action(...args); }`) passes the posted arguments
  // on; otherwise (`next-safe-action`'s validated `parsedInput`, a wrapper out of view) the
  // parameters are read as a wrapped handler's, not as the posted arguments.
  const forwarded = handler.guards.every((guard) => guard.fn !== null && forwardsArguments(guard.fn));
  const style = forwarded ? 'next-action' : 'wrapped';
  return {
    framework: 'nextjs',
    methods: [serverActionMethod],
    path: null,
    reportNode,
    handler: { node: handler.node, fn: handler.fn, style },
    guards: handler.guards,
    insertBefore: null,
    owner: null,
    label: `server action \`${name}\` (${context.relativeFilename})`,
    ...(named ? { namePath: namePath(name) } : {}),
  };
}

/** `signInAction` → `/sign-in`: the name as a path segment, for public-route patterns. */
function namePath(name: string): string {
  const suffix = serverActionNameSuffixes.find((candidate) => name.length > candidate.length && name.endsWith(candidate));
  const base = suffix ? name.slice(0, -suffix.length) : name;
  return `/${base.replaceAll(/(?<=[a-z0-9])(?=[A-Z])/gu, '-').toLowerCase()}`;
}

/**
 * Whether a wrapper (`withUser(action)`) calls the function it is given with the arguments of the
 * call it answers: `return (...args) => action(...args)`, `async (formData) => action(formData)`.
 * The call must pass the parameters of the function around it as they are (or spread its rest
 * parameter), so the action receives what the client posted.
 */
function forwardsArguments(wrapper: FunctionNode): boolean {
  const actionParams = new Set(wrapper.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  if (actionParams.size === 0) return false;
  let found = false;
  walk(wrapper.body, (node) => {
    if (found) return 'skip';
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier || !actionParams.has(node.callee.name)) return undefined;
    const around = enclosingFunction(node);
    if (!around || around === wrapper || node.arguments.length === 0) return undefined;
    const names = around.params.map((param) => {
      const target = param.type === AST_NODE_TYPES.RestElement ? param.argument : param;
      return target.type === AST_NODE_TYPES.Identifier ? { name: target.name, rest: param.type === AST_NODE_TYPES.RestElement } : null;
    });
    found = node.arguments.every((argument, index) => {
      const param = names[index];
      if (!param) return false;
      if (param.rest) return argument.type === AST_NODE_TYPES.SpreadElement && argument.argument.type === AST_NODE_TYPES.Identifier && argument.argument.name === param.name;
      return argument.type === AST_NODE_TYPES.Identifier && argument.name === param.name;
    });
    return undefined;
  });
  return found;
}
