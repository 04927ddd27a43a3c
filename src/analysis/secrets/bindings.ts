import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { scopeOf } from '../../utils/ast.js';

/** Follows a `const` binding to its initializer. */
export function constInitializer(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESTree.Node | undefined {
  const variable = ASTUtils.findVariable(scopeOf(sourceCode, identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable') return undefined;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init === null) return undefined;
  const neverReassigned =
    definition.parent.kind === 'const' || variable?.references.every((reference) => reference.init === true || reference.isReadOnly());
  return neverReassigned === true ? declarator.init : undefined;
}

/** The expressions that hold the same value as `node`: itself and, when it initialises a `const`, every read of it. */
export function usesOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.Node[] {
  const uses = [node];
  let holder: TSESTree.Node = node;
  while (holder.parent?.type === AST_NODE_TYPES.AwaitExpression) holder = holder.parent;
  const parent = holder.parent;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== holder || parent.id.type !== AST_NODE_TYPES.Identifier) {
    return uses;
  }
  if (constInitializer(sourceCode, parent.id) !== holder) return uses;
  const variable = ASTUtils.findVariable(scopeOf(sourceCode, parent.id), parent.id);
  for (const reference of variable?.references ?? []) {
    if (reference.isRead()) uses.push(reference.identifier);
  }
  return uses;
}
