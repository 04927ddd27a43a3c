import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, importSource, isFunction, unwrap, type FunctionNode } from '../../../utils/ast.js';
import type { ExtractContext } from '../types.js';
import { callSites, methodCall, parameterIndex, type MethodCall } from './shared-ast.js';

/** How one framework recognises its app/router/server objects. */
export interface InstanceSpec<T> {
  /** The instance a call or `new` creates (`fastify()`, `new Router()`), or null. */
  create(node: TSESTree.CallExpression | TSESTree.NewExpression): T | null;
  /** The instance `base.method(...)` returns (chaining, `basePath`), or null. */
  derive?(call: MethodCall, base: T): T | null;
  /** The instance a parameter holds when no call in this file passes one (plugins, exported setup functions). */
  parameter?(fn: FunctionNode, index: number): T | null;
  /** The instance an import from another file of the project stands for, or null. */
  imported?(identifier: TSESTree.Identifier, module: string, definition: TSESTree.Node): T | null;
  /**
   * The instance a call of a function of this file returns (`makeItems()` where `makeItems` creates
   * an app, registers routes on it and returns it), or null. `resolve` gives what a returned
   * expression evaluates to.
   */
  result?(call: TSESTree.CallExpression, resolve: (node: TSESTree.Node) => T | null): T | null;
}

/**
 * Resolves expressions to framework instances through variables, aliases, chained calls,
 * parameters of same-file functions (via their call sites) and framework-specific parameters.
 * Each creation node yields one instance object, so instances can be compared by identity.
 */
export class InstanceResolver<T> {
  readonly #context: ExtractContext;
  readonly #spec: InstanceSpec<T>;
  readonly #variables = new Map<TSESLint.Scope.Variable, T | null>();
  readonly #created = new Map<TSESTree.Node, T | null>();

  constructor(context: ExtractContext, spec: InstanceSpec<T>) {
    this.#context = context;
    this.#spec = spec;
  }

  /** The instance `node` evaluates to, or null. */
  resolve(node: TSESTree.Node): T | null {
    return this.#resolve(node, 0);
  }

  /** The instance behind `node.method(...)` calls: shorthand for `resolve(call.object)`. */
  receiver(call: MethodCall): T | null {
    return this.#resolve(call.object, 0);
  }

  #resolve(node: TSESTree.Node, depth: number): T | null {
    if (depth > 16) return null;
    let target = unwrap(node);
    if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
    switch (target.type) {
      case AST_NODE_TYPES.Identifier:
        return this.#variable(target, depth);
      case AST_NODE_TYPES.NewExpression:
        return this.#create(target);
      case AST_NODE_TYPES.CallExpression: {
        const created = this.#create(target);
        if (created !== null) return created;
        const call = methodCall(target);
        const base = call && this.#spec.derive ? this.#resolve(call.object, depth + 1) : null;
        const derived = call && base !== null ? (this.#spec.derive?.(call, base) ?? null) : null;
        if (derived !== null) return derived;
        return this.#spec.result?.(target, (returned) => this.#resolve(returned, depth + 1)) ?? null;
      }
      default:
        return null;
    }
  }

  #create(node: TSESTree.CallExpression | TSESTree.NewExpression): T | null {
    if (!this.#created.has(node)) this.#created.set(node, this.#spec.create(node));
    return this.#created.get(node) ?? null;
  }

  #variable(identifier: TSESTree.Identifier, depth: number): T | null {
    const variable = findVariable(this.#context.scopeOf(identifier), identifier.name);
    if (!variable) return null;
    if (this.#variables.has(variable)) return this.#variables.get(variable) ?? null;
    // Marks the variable first so that cycles (`a = b; b = a`) end.
    this.#variables.set(variable, null);
    const result = this.#definition(variable, identifier, depth);
    this.#variables.set(variable, result);
    return result;
  }

  #definition(variable: TSESLint.Scope.Variable, identifier: TSESTree.Identifier, depth: number): T | null {
    const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
    if (!definition) return null;
    switch (definition.type) {
      case TSESLint.Scope.DefinitionType.Variable: {
        if (definition.node.id.type !== AST_NODE_TYPES.Identifier) return null;
        const writes = variable.references.filter((reference) => reference.isWrite() && reference.writeExpr);
        const value = writes.length === 1 ? writes[0]?.writeExpr : undefined;
        return value ? this.#resolve(value, depth + 1) : null;
      }
      case TSESLint.Scope.DefinitionType.Parameter: {
        const fn = definition.node;
        if (!isFunction(fn)) return null;
        const index = parameterIndex(fn, definition.name);
        if (index < 0 || fn.params[index]?.type === AST_NODE_TYPES.RestElement) return null;
        for (const site of callSites(fn, this.#context)) {
          const argument = site.arguments[index];
          if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
          const passed = this.#resolve(argument, depth + 1);
          if (passed !== null) return passed;
        }
        return this.#spec.parameter?.(fn, index) ?? null;
      }
      case TSESLint.Scope.DefinitionType.ImportBinding: {
        const source = importSource(this.#context.scopeOf(identifier), identifier.name);
        if (!source || !this.#spec.imported) return null;
        return this.#spec.imported(identifier, source.module, definition.node);
      }
      default:
        return null;
    }
  }
}

/**
 * The variable a creation expression is bound to: `const app = new Hono()` (also through a chain,
 * `const app = new Hono().basePath('/api')`) gives the name `app` and its identifier.
 * Unbound creations (`new Hono().get(...)` as a statement) give null.
 */
export function bindingOf(node: TSESTree.Node): { name: string; declaration: TSESTree.Node } | null {
  let current: TSESTree.Node = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (
      parent?.type === AST_NODE_TYPES.AwaitExpression ||
      parent?.type === AST_NODE_TYPES.TSAsExpression ||
      parent?.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent?.type === AST_NODE_TYPES.TSNonNullExpression
    ) {
      current = parent;
    } else if (
      // A chain on the new instance (`new Router().use(auth).get(...)`) still holds it.
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      current = parent.parent;
    } else {
      break;
    }
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return { name: parent.id.name, declaration: parent.id };
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.Identifier) {
    return { name: parent.left.name, declaration: parent.left };
  }
  return null;
}

/** The parameter node and its plain name (`fastify` in `async (fastify: FastifyInstance) => …`). */
export function parameterBinding(fn: FunctionNode, index: number): { name: string; declaration: TSESTree.Node } | null {
  let param: TSESTree.Node | undefined = fn.params[index];
  if (param?.type === AST_NODE_TYPES.TSParameterProperty) param = param.parameter;
  if (param?.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
  return param?.type === AST_NODE_TYPES.Identifier ? { name: param.name, declaration: param } : null;
}
