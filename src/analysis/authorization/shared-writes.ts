import type { TSESLint } from '@typescript-eslint/utils';
import { headNoun } from '../exposure/names.js';
import type { Route } from '../routes/index.js';
import { recordWritesOf, type RecordWrite } from './privilege.js';
import type { RoleJudgedRoute } from './role-checks.js';

/** A write a route makes that a role-checked route of the same file makes too. */
export interface SharedWrite {
  write: RecordWrite;
  /** The role-checked route that makes it: `POST /:id/refund`. */
  checkedRoute: string;
}

/**
 * A write of `target`'s handler, on a record that is not the caller's own, of a field of a model
 * that a role-checked route of the same file also writes (`status` of `invoices`, which the refund
 * route writes behind `requireRole('billing')`): the application keeps that write behind a role
 * there, so a route that makes it without one is privileged by the application's own judgement
 * (the consistency RoleCast learns). Routes whose write is the caller's own record are left alone.
 */
export function sharedPrivilegedWrite(judged: readonly RoleJudgedRoute[], target: RoleJudgedRoute, sourceCode: Readonly<TSESLint.SourceCode>): SharedWrite | null {
  const handler = target.route.handler?.fn;
  if (!handler) return null;
  const own = recordWritesOf(handler, sourceCode).filter((write) => !write.callersOwn);
  if (own.length === 0) return null;
  for (const other of judged) {
    if (other === target || !other.entries.every((entry) => entry.checked)) continue;
    const fn = other.route.handler?.fn;
    if (!fn) continue;
    const theirs = recordWritesOf(fn, sourceCode);
    const shared = own.find((write) => theirs.some((candidate) => candidate.field === write.field && sameModel(candidate.model, write.model)));
    if (shared) return { write: shared, checkedRoute: routeLabel(other.route) };
  }
  return null;
}

function sameModel(a: string, b: string): boolean {
  return (headNoun(a) ?? a) === (headNoun(b) ?? b);
}

function routeLabel(route: Route): string {
  return `${route.methods.join('|')} ${route.label ?? route.path ?? '(dynamic path)'}`;
}
