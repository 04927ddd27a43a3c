import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

const MAX_LENGTH = 40;

/**
 * Short source text of a node for messages, in backticks: `` `req.query.id` ``. Long or
 * multi-line text is cut with an ellipsis so messages stay one line.
 */
export function describeNode(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  return quoteCode(sourceCode.getText(node));
}

/** Wraps code text in backticks after collapsing whitespace and shortening it. */
export function quoteCode(text: string): string {
  let short = text.replace(/\s+/g, ' ').trim();
  if (short.length > MAX_LENGTH) short = `${short.slice(0, MAX_LENGTH - 1)}…`;
  return `\`${short.replaceAll('`', "'")}\``;
}
