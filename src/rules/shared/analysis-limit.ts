import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { ANALYSIS_LIMIT_MESSAGE_ID } from '../../utils/internal-error.js';

/* The files whose cut-short analysis one rule has already reported: one diagnostic per file, not one per rule. */
const reported = new WeakSet<TSESTree.Program>();

/**
 * When the shared taint analysis of this file stopped at one of its limits, says so once on the
 * file (under the first request-input rule that asks), because findings of those rules may then be
 * missing: a cut-short analysis must not look like a clean file.
 */
export function reportAnalysisLimit(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, analysis: FileAnalysis): void {
  const limit = analysis.limitReached();
  const program = context.sourceCode.ast;
  if (limit === null || reported.has(program)) return;
  reported.add(program);
  context.report({
    loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
    messageId: ANALYSIS_LIMIT_MESSAGE_ID,
    data: { limit },
  });
}
