/**
 * The inventory's ownership column (`require-ownership-check`'s judgement per endpoint), and the
 * `--fail-on new-unscoped-access` gate. Kept apart from the other columns: one function per stage
 * (collect, build, diff).
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type AccessJudgement, ownershipJudgements } from '../analysis/authorization/ownership.js';
import { projectIndexOf } from '../analysis/project/index.js';
import type { FunctionNode } from '../utils/ast.js';

/**
 * How an endpoint's record accesses by a client-supplied id are tied to the caller:
 * - `scoped`: every one has an owner or tenant condition in its query;
 * - `checked`: each is scoped, or checked after loading (an owner comparison, a policy, a role check
 *   of an admin route), and at least one is checked;
 * - `unscoped`: at least one is tied to nothing, on a model with an owner or tenant field (or one the
 *   application scopes elsewhere): what `require-ownership-check` reports in `strict`;
 * - `n.a.`: no record access by a client-supplied id to an owned model.
 */
export type OwnershipColumn = 'scoped' | 'checked' | 'unscoped' | 'n.a.';
export const OWNERSHIP_VALUES: readonly OwnershipColumn[] = ['scoped', 'checked', 'unscoped', 'n.a.'];

/** An access of this file reached from the handler of another file (the endpoint is there). */
export interface RemoteOwnership {
  /** Absolute path of the handler's file. */
  handlerFile: string;
  /** The line of that file that passes the id on. */
  handlerLine: number;
  ownership: OwnershipColumn;
}

type Context = Readonly<TSESLint.RuleContext<never, readonly unknown[]>>;

function column(judgement: AccessJudgement): OwnershipColumn {
  if (judgement.inputs.length === 0) return 'n.a.';
  if (judgement.status === 'scoped') return 'scoped';
  if (judgement.status !== 'unscoped') return 'checked';
  return judgement.ownerFields.length > 0 || judgement.elsewhere !== null ? 'unscoped' : 'n.a.';
}

const RANK: Readonly<Record<OwnershipColumn, number>> = { 'n.a.': 0, scoped: 1, checked: 2, unscoped: 3 };

/** The column of an endpoint with accesses of several columns: the weakest tie wins. */
export function combineOwnership(a: OwnershipColumn, b: OwnershipColumn): OwnershipColumn {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The ownership column of the handler `fn` of this file, from the accesses it runs here. */
export function handlerOwnership(context: Context, fn: FunctionNode | null): OwnershipColumn {
  if (fn === null) return 'n.a.';
  const inside = (node: TSESTree.Node | undefined): boolean => node !== undefined && fn.range[0] <= node.range[0] && node.range[1] <= fn.range[1];
  let result: OwnershipColumn = 'n.a.';
  for (const judgement of ownershipJudgements(context)) {
    const reached = judgement.inputs.flatMap((input, index) => (inside(input.via?.call) || inside(input.source.node) ? [judgement.checkedPaths?.[index] === true] : []));
    if (reached.length > 0) result = combineOwnership(result, reached.every(Boolean) ? 'checked' : column(judgement));
    else if (inside(judgement.access.call)) result = combineOwnership(result, column(judgement));
  }
  return result;
}

/** The accesses of this file whose client id is read by a handler of another file. */
export function remoteOwnership(context: Context): RemoteOwnership[] {
  const root = projectIndexOf(context.filename)?.root;
  if (root === undefined) return [];
  const found: RemoteOwnership[] = [];
  for (const judgement of ownershipJudgements(context)) {
    judgement.inputs.forEach((input, index) => {
      const at = input.via?.file !== undefined ? { file: input.via.file, line: input.via.line } : input.source.file !== undefined ? { file: input.source.file, line: input.source.line } : null;
      if (at === null) return;
      // The path of this input may check what the access alone does not (its handler compares the owner).
      const ownership = judgement.checkedPaths?.[index] === true ? 'checked' : column(judgement);
      found.push({ handlerFile: path.resolve(root, at.file), handlerLine: at.line, ownership });
    });
  }
  return found;
}

/**
 * An access in one file (a repository) whose id a handler of another file reads belongs to that
 * handler's endpoints: each route whose handler holds the line that passes the id on takes its column.
 */
export function attachRemoteOwnership(records: readonly { file: string; remoteOwnership?: readonly RemoteOwnership[]; routes: { handler: { line: number | null }; handlerEnd: number | null; ownership: OwnershipColumn }[] }[]): void {
  const byFile = new Map(records.map((record) => [record.file, record]));
  for (const record of records) {
    for (const remote of record.remoteOwnership ?? []) {
      for (const route of byFile.get(remote.handlerFile)?.routes ?? []) {
        const start = route.handler.line;
        if (start === null || route.handlerEnd === null || remote.handlerLine < start || remote.handlerLine > route.handlerEnd) continue;
        route.ownership = combineOwnership(route.ownership, remote.ownership);
      }
    }
  }
}

/** The ids of endpoints whose ownership is `unscoped` now and was not before (or that are new). */
export function newUnscopedAccess(
  base: readonly { id: string; ownership?: OwnershipColumn }[],
  head: readonly { id: string; ownership?: OwnershipColumn }[],
): string[] {
  const before = new Map(base.map((endpoint) => [endpoint.id, endpoint.ownership]));
  return head.filter((endpoint) => endpoint.ownership === 'unscoped' && before.get(endpoint.id) !== 'unscoped').map((endpoint) => endpoint.id);
}
