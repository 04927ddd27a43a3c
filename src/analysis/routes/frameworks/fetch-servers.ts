import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { fetchServers } from '../../../models/frameworks/route-modules.js';
import { findVariable, isConstantBinding, isFunction, propertyName, resolveFunction, singleDefinition, unwrap, type FunctionNode, type Scope } from '../../../utils/ast.js';
import type { FrameworkExtractor, RouteHandler } from '../types.js';
import { callsOf, claim, methodCall, propertyOf } from './shared-ast.js';

/*
 * Fetch servers (see `fetchServers`): Cloudflare Workers' `export default { fetch(request, env) }`,
 * `Bun.serve({ fetch })`, `Deno.serve(handler)`. The runtime hands every request of every path to
 * the one function, which dispatches on the URL itself: it is a handler of the `fetch` style (its
 * request a source, its `Response` sinks those of the Fetch API), not a route. Which paths it
 * serves, and whether it checks who calls it, is decided inside it: no route, so no verdict of
 * the authentication rules (documented in docs/handlers.md).
 */
export const fetchServersExtractor: FrameworkExtractor = {
  framework: 'node-http',
  extract(context) {
    const handlers: RouteHandler[] = [];
    const add = (fn: FunctionNode | null, node: TSESTree.Node): void => {
      if (!fn || context.claimed.has(fn) || fn.params.length === 0) return;
      claim(context, fn);
      handlers.push({ node, fn, style: 'fetch' });
    };
    for (const statement of context.program.body) {
      if (statement.type !== AST_NODE_TYPES.ExportDefaultDeclaration) continue;
      const object = objectOf(statement.declaration, context.scopeOf(statement));
      const member = object ? propertyOf(object, fetchServers.exportedMember) : null;
      if (member) add(functionOf(member.value, context.scopeOf(member)), member);
    }
    if (!/\b(?:Bun|Deno)\.serve\b/u.test(context.sourceCode.text)) return { handlers };
    for (const call of callsOf(context.program)) {
      const parsed = methodCall(call);
      const object = parsed ? unwrap(parsed.object) : null;
      if (!parsed || object?.type !== AST_NODE_TYPES.Identifier) continue;
      const serve = fetchServers.serveCalls.find((candidate) => candidate.global === object.name && candidate.method === parsed.method);
      // The runtime's global, not a binding of this file named like it.
      if (!serve || (findVariable(context.scopeOf(object), object.name)?.defs.length ?? 0) > 0) continue;
      for (const argument of call.arguments) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const options = objectOf(argument, context.scopeOf(argument));
        const option = options ? propertyOf(options, serve.option) : null;
        if (option) add(functionOf(option.value, context.scopeOf(option)), option);
        else if (argument === call.arguments.at(-1)) add(functionOf(argument, context.scopeOf(argument)), argument);
      }
    }
    return { handlers };
  },
};

/** A function written inline (a method `fetch(request) {}` too) or named in this file. */
function functionOf(node: TSESTree.Node, scope: Scope): FunctionNode | null {
  const target = unwrap(node);
  return isFunction(target) ? target : resolveFunction(target, scope);
}

/** The object literal an exported value is (`export default { … } satisfies ExportedHandler<Env>`), directly or through a `const`. */
function objectOf(node: TSESTree.Node, scope: Scope): TSESTree.ObjectExpression | null {
  let target = unwrap(node);
  for (let depth = 0; depth < 4 && target.type === AST_NODE_TYPES.Identifier; depth++) {
    const variable = findVariable(scope, target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
    target = unwrap(definition.node.init);
  }
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return null;
  // `{ fetch: app.fetch }` hands the requests to an app (Hono) whose routes are its own: no function here.
  return target.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key) === fetchServers.exportedMember) ? target : null;
}
