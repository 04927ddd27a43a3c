import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import type { MessageIds, Options } from '../../src/rules/no-unauthenticated-route.js';

/*
 * `no-unauthenticated-route` reports by default only the unauthenticated routes whose handler needs
 * a caller (`reportRoutes: 'sensitive'`). The tests about the authentication verdict itself (is this
 * middleware, guard or mount authentication?) use handlers that do nothing (`res.send('ok')`): they
 * ask for every route, so that the verdict alone decides.
 */

type Case = InvalidTestCase<MessageIds, Options>;

/** The cases with `reportRoutes: 'all'` added to their options. */
export function reportingAllRoutes(cases: readonly Case[]): Case[] {
  return cases.map((item) => ({ ...item, options: [{ ...item.options?.[0], reportRoutes: 'all' }] }));
}

/** The rule's entry in a rules record (`'error'` or `['error', options]`) with `reportRoutes: 'all'` added. */
export function allRoutesEntry(entry: Linter.RuleEntry = 'error'): Linter.RuleEntry {
  if (!Array.isArray(entry)) return [entry, { reportRoutes: 'all' }];
  const [severity, options] = entry as [Linter.RuleSeverity, Record<string, unknown> | undefined];
  return [severity, { ...options, reportRoutes: 'all' }];
}
