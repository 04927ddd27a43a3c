import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { privilegedOperation } from '../analysis/authorization/privilege.js';
import { relativeTo, roleJudgedRoutes, roleRequiredPatterns } from '../analysis/authorization/role-checks.js';
import { matchesPathPattern } from '../analysis/routes/paths.js';
import type { RoleCheck } from './model.js';

type Context = Readonly<TSESLint.RuleContext<never, readonly unknown[]>>;

/**
 * The inventory's `roleCheck` of every route of the linted file, per entry (one per mount found, in
 * the order `judgeMountedRoute` finds them, as the collector's entries are): whether a role or
 * permission check runs, and what makes the endpoint privileged, read as `require-role-check`
 * reads them (its evidence, else a `roleRequiredRoutes` path of the settings or the defaults).
 */
export function roleChecksOf(context: Context): RoleCheck[][] {
  const patterns = roleRequiredPatterns(context, undefined);
  return roleJudgedRoutes(context).map((judged) => {
    const fn = judged.route.handler?.fn;
    const found = fn ? privilegedOperation(fn, context.sourceCode) : null;
    const operation = found === null
      ? null
      : `${found.description} (${found.file === undefined || path.resolve(found.file) === path.resolve(context.filename) ? relativeTo(context.cwd, context.filename) : relativeTo(context.cwd, found.file)}:${String(found.line)})`;
    return judged.entries.map((entry) => {
      const routePath = entry.route.path;
      const pattern = routePath === null ? undefined : patterns.find((candidate) => matchesPathPattern(candidate, routePath));
      return { checked: entry.checked, privileged: operation ?? (pattern === undefined ? null : `path matches \`${pattern}\``) };
    });
  });
}
