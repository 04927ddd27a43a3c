import { isParenthesized } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/*
 * Helpers that keep suggestion output valid and meaning the same, wherever the expression they
 * rewrite was written: as a shorthand property, inside parentheses, or as a comma expression.
 */

/**
 * The source text of `node` for use as one call argument, array element or property value: a
 * comma expression keeps its parentheses there (`String((0, x))`, not `String(0, x)`).
 */
export function argumentText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  return node.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
}

/** The range of `node` with every pair of parentheses written around it (not a call's own). */
export function parenthesizedRange(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.Range {
  let first: TSESTree.Node | TSESTree.Token = node;
  let last: TSESTree.Node | TSESTree.Token = node;
  for (let depth = 1; isParenthesized(depth, node as never, sourceCode as never); depth++) {
    first = sourceCode.getTokenBefore(first)!;
    last = sourceCode.getTokenAfter(last)!;
  }
  return [first.range[0], last.range[1]];
}

/**
 * Replaces the expression `node`, with any parentheses written around it, by `text` (a call or an
 * object literal). When `node` is the value of a shorthand property (`{ email }`), the property is
 * written out (`{ email: text }`) so the object stays valid.
 */
export function replaceExpression(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  text: string,
): TSESLint.RuleFix {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === node) {
    return fixer.replaceText(parent, `${sourceCode.getText(parent.key)}: ${text}`);
  }
  return fixer.replaceTextRange(parenthesizedRange(sourceCode, node), text);
}
