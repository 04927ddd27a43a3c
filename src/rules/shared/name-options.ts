import type { TSESLint } from '@typescript-eslint/utils';
import { namePatternProblem } from '../../utils/settings.js';

const checked = new WeakSet<readonly string[]>();

/**
 * Checks a rule option that lists names or `/regex/flags` entries (the `sinks` of the taint rules).
 * A pattern that does not compile, keeps state or can take super-linear time stops the run with an
 * error naming the rule, the option and the entry, instead of turning the rule off.
 */
export function checkNameOption(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  option: string,
  entries: readonly string[] | undefined,
): void {
  // Merged options are computed once per configuration, so each list is checked once.
  if (entries === undefined || checked.has(entries)) return;
  entries.forEach((entry, index) => {
    const problem = namePatternProblem(entry);
    if (problem !== null) {
      throw new Error(
        `eslint-plugin-api-security: invalid option of ${context.id}: ${option}[${index}] is ${JSON.stringify(entry)}, which ${problem}.`,
      );
    }
  });
  checked.add(entries);
}
