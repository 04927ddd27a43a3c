import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, importSource, isFunction, memberKeyName, nodesOfType, propertyName, unwrap, type FunctionNode, type Scope } from '../../../utils/ast.js';

/*
 * Decorators as TypeScript compiles them (`experimentalDecorators`), for the published packages that
 * ship only JavaScript:
 *
 *   __decorate([(0, graphql_1.Query)(), __param(1, (0, graphql_1.Args)()), __metadata("design:paramtypes", [Ctx, String])],
 *     UserResolver.prototype, "user", null);
 *   exports.UserResolver = UserResolver = __decorate([(0, graphql_1.Resolver)()], UserResolver);
 *
 * Read once per program: the decorators of each class and method of the file, the decorators of
 * each method parameter by index, and the parameter types the compiler recorded.
 */

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The compiled decorators of one method. */
export interface CompiledMethod {
  decorators: TSESTree.Node[];
  /** `__param(i, decorator)` by parameter index. */
  params: Map<number, TSESTree.Node[]>;
  /** The `design:paramtypes` entries as written (`String`, `Object`, `dto_1.CreateInput`), by index. */
  paramTypes: (string | null)[];
}

export interface CompiledDecorators {
  classes: Map<ClassNode, TSESTree.Node[]>;
  methods: Map<FunctionNode, CompiledMethod>;
}

const cache = new WeakMap<TSESTree.Program, CompiledDecorators>();
const EMPTY: CompiledDecorators = { classes: new Map(), methods: new Map() };

/** The compiled decorators of a file (empty for a file that calls no `__decorate`). */
export function compiledDecoratorsOf(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): CompiledDecorators {
  const cached = cache.get(program);
  if (cached) return cached;
  let result = EMPTY;
  for (const call of nodesOfType(program, AST_NODE_TYPES.CallExpression)) {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || !/^_*decorate$/u.test(callee.name)) continue;
    const [list, target, key] = call.arguments;
    if (list?.type !== AST_NODE_TYPES.ArrayExpression || !target) continue;
    if (result === EMPTY) result = { classes: new Map(), methods: new Map() };
    const decorators = list.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement);
    const owner = unwrap(target);
    if (!key) {
      const classNode = owner.type === AST_NODE_TYPES.Identifier ? classNamed(owner, scopeOf) : null;
      if (classNode) result.classes.set(classNode, [...(result.classes.get(classNode) ?? []), ...decorators]);
      continue;
    }
    const name = key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : null;
    const prototype = owner.type === AST_NODE_TYPES.MemberExpression && !owner.computed && propertyName(owner.property) === 'prototype' ? unwrap(owner.object) : null;
    const classNode = prototype?.type === AST_NODE_TYPES.Identifier ? classNamed(prototype, scopeOf) : null;
    const method = classNode && name !== null ? methodNamed(classNode, name) : null;
    if (!method) continue;
    const entry: CompiledMethod = result.methods.get(method) ?? { decorators: [], params: new Map(), paramTypes: [] };
    for (const decorator of decorators) {
      const inner = unwrap(decorator);
      const helper = inner.type === AST_NODE_TYPES.CallExpression ? unwrap(inner.callee) : null;
      const helperName = helper?.type === AST_NODE_TYPES.Identifier ? helper.name : '';
      if (inner.type === AST_NODE_TYPES.CallExpression && /^_*param$/u.test(helperName)) {
        const [index, parameterDecorator] = inner.arguments;
        if (index?.type === AST_NODE_TYPES.Literal && typeof index.value === 'number' && parameterDecorator && parameterDecorator.type !== AST_NODE_TYPES.SpreadElement) {
          entry.params.set(index.value, [...(entry.params.get(index.value) ?? []), parameterDecorator]);
        }
      } else if (inner.type === AST_NODE_TYPES.CallExpression && /^_*metadata$/u.test(helperName)) {
        const [metadataKey, value] = inner.arguments;
        if (metadataKey?.type === AST_NODE_TYPES.Literal && metadataKey.value === 'design:paramtypes' && value?.type === AST_NODE_TYPES.ArrayExpression) {
          entry.paramTypes = value.elements.map((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? typeName(element) : null));
        }
      } else {
        entry.decorators.push(decorator);
      }
    }
    result.methods.set(method, entry);
  }
  cache.set(program, result);
  return result;
}

/**
 * The module and name a decorator expression comes from: `Query` of `@nestjs/graphql` for `@Query()`,
 * `@gql.Query()`, and compiled `(0, graphql_1.Query)()` with `graphql_1 = require('@nestjs/graphql')`.
 */
export function decoratorSource(expression: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): { module: string; name: string } | null {
  let target = unwrap(expression);
  if (target.type === AST_NODE_TYPES.CallExpression) target = unwrap(target.callee);
  // `(0, graphql_1.Query)`: the compiler's way of calling an import without a `this`.
  if (target.type === AST_NODE_TYPES.SequenceExpression) target = unwrap(target.expressions[target.expressions.length - 1]!);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(scopeOf(target), target.name);
    return source?.imported == null ? null : { module: source.module, name: source.imported };
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.object.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(scopeOf(target.object), target.object.name);
    const name = propertyName(target.property);
    return source && source.imported === null && name !== null ? { module: source.module, name } : null;
  }
  return null;
}

/** The arguments of a decorator call (`'id'`, `{ type: () => ID }`), empty for a bare decorator. */
export function decoratorArguments(expression: TSESTree.Node): readonly TSESTree.CallExpressionArgument[] {
  const target = unwrap(expression);
  return target.type === AST_NODE_TYPES.CallExpression ? target.arguments : [];
}

function classNamed(identifier: TSESTree.Identifier, scopeOf: (node: TSESTree.Node) => Scope): ClassNode | null {
  const variable = findVariable(scopeOf(identifier), identifier.name);
  for (const definition of variable?.defs ?? []) {
    const node = definition.node;
    if (node.type === AST_NODE_TYPES.ClassDeclaration) return node;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      const init = unwrap(node.init);
      if (init.type === AST_NODE_TYPES.ClassExpression) return init;
    }
  }
  return null;
}

function methodNamed(classNode: ClassNode, name: string): FunctionNode | null {
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && !member.static && memberKeyName(member) === name && isFunction(member.value)) return member.value;
  }
  return null;
}

/** `String`, `Object`, `dto_1.CreateInput` as written; null for anything else (`typeof (_a = …) === "function" ? … : Object`). */
function typeName(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed) return propertyName(target.property);
  return null;
}
