import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { maskedExcerpt } from './mask.js';

const MAX_LENGTH = 40;

/**
 * Short source text of a node for messages, in backticks: `` `req.query.id` ``. Long or
 * multi-line text is cut with an ellipsis so messages stay one line.
 */
export function describeNode(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  return quoteCode(sourceCode.getText(node));
}

/** Wraps code text in backticks after collapsing whitespace, masking credentials and shortening it. */
export function quoteCode(text: string): string {
  const short = maskedExcerpt(text.replace(/\s+/g, ' ').trim(), MAX_LENGTH);
  return `\`${short.replaceAll('`', "'")}\``;
}
