/**
 * The taint set: the values the engine computes for an expression (`Taint`: where the input came
 * from, whether a container holds it, the schema it was parsed with), how sets of them merge, the
 * marks that stand for tainted and unknown text when the fixed start of a URL is read, and the
 * limits that keep the analysis bounded and linear.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Taint, TaintOrigin, TaintSourceInfo } from './types.js';

/** The empty set: a value that carries no input (shared, never mutated). */
export const CLEAN: readonly Taint[] = [];

/** How deep one evaluation recurses; deeper reads as clean. */
export const MAX_DEPTH = 60;

/** Work cap: evaluations per file, so that no input makes the engine superlinear. */
export const MAX_EVALUATIONS = 200_000;

/** Most taints a set keeps (distinct origins); one is enough to report. */
const MAX_TAINTS = 6;

/** Most helper parameters a query follows from a sink back to the helper's callers. */
export const MAX_SINK_PARAMS = 32;

/**
 * How many earlier writes (or in-place mutations) of a variable a read looks back through when
 * none of them always runs before it: a budget that keeps a function with thousands of
 * conditional writes to one variable linear. Real handlers stay far below it.
 */
export const MAX_WRITES_BACK = 128;

/** Stand-ins for a tainted and an unknown piece when the fixed start of a URL is read (`FIXED_URL_PREFIX`). */
export const TAINTED_MARK = '\uE000';
export const UNKNOWN_MARK = '\uE001';

/**
 * Text that already fixes where a URL points: `scheme://host/`, a path with a fixed first
 * character (`/a`, not `//` or `/\`), a path relative to the current page (`./`, `../`), a
 * configured base followed by `/`, or any text no input chose up to a `?` or `#` of its own
 * (`${mountPath}login?next=`, `?`, `#`): a URL's scheme, host and path end at its first `?` or `#`,
 * so what follows is its query or fragment, whatever a configured piece before it holds.
 */
export const FIXED_URL_PREFIX = /^(?:[a-z][\d+.a-z-]*:\/\/[^\s#/?@\\\uE000]+[#/?]|\/[^/\\\uE000]|\.\.?\/|[^#?\uE000]*[#?]|\uE001+\/)/i;

/**
 * Text that is an origin and nothing after it (`https://` and a host that no input chose): what
 * follows starts the path, so text that starts with `/` (the request's own path) keeps it there.
 */
export const ORIGIN_ONLY = /^[a-z][\d+.a-z-]*:\/\/[^\s#/?@\\\uE000]+$/i;

/** A taint whose origin is the request input read at `node`, named `text` in messages. */
export function sourceTaint(node: TSESTree.Node, text: string): Taint {
  const source: TaintSourceInfo = { node, text, line: node.loc.start.line };
  return { origin: { type: 'source', source }, container: false, schema: null };
}

function originKey(origin: TaintOrigin): string {
  // A source checked against a run-time prefix is kept apart from the same source unchecked.
  // So is the URL as sent apart from the same read decoded since (see `undecodedUrl`).
  // And a path checked for `..` only (see `parentChecked`).
  const checked = origin.type === 'source' ? `${origin.source.runtimePrefix ? '?' : ''}${origin.source.undecodedUrl ? '~' : ''}${origin.source.parentChecked ? '^' : ''}` : '';
  return origin.type === 'source'
    ? origin.source.node
      ? `s${origin.source.node.range[0]}${checked}`
      : `s${origin.source.file}:${origin.source.line}:${origin.source.text}${checked}`
    : `p${origin.fn.range[0]}:${origin.index}:${origin.path.join('.')}`;
}

/** Union, keeping the value's shape (container or not). */
export function merge(parts: readonly (readonly Taint[])[]): readonly Taint[] {
  const result: Taint[] = [];
  const keys = new Set<string>();
  for (const part of parts) {
    for (const taint of part) {
      const key = `${originKey(taint.origin)}:${taint.container ? 1 : 0}`;
      if (keys.has(key)) continue;
      keys.add(key);
      result.push(taint);
      if (result.length >= MAX_TAINTS) return result;
    }
  }
  return result.length === 0 ? CLEAN : result;
}

/** Union for operations that produce a new value (concatenation, calls): no container, no schema. */
export function flat(parts: readonly (readonly Taint[])[]): readonly Taint[] {
  return merge(parts.map((part) => part.map((taint) => ({ origin: taint.origin, container: false, schema: null }))));
}

/** The same taints held inside a new object or array (a container): its fields carry them. */
export function contain(taints: readonly Taint[]): readonly Taint[] {
  return taints.length === 0 ? CLEAN : taints.map((taint) => ({ ...taint, container: true, schema: null }));
}

/** The taints without the mark of the URL as sent (after a call that may decode it). */
export function decodedUrls(taints: readonly Taint[]): readonly Taint[] {
  if (!taints.some((taint) => taint.origin.type === 'source' && taint.origin.source.undecodedUrl)) return taints;
  return merge([
    taints.map((taint) => {
      if (taint.origin.type !== 'source' || !taint.origin.source.undecodedUrl) return taint;
      const source = { ...taint.origin.source };
      delete source.undecodedUrl;
      return { ...taint, origin: { type: 'source' as const, source } };
    }),
  ]);
}

/** A key for where a taint comes from (the same read, checked the same way, has the same key). */
export function originKeyOf(taint: Taint): string {
  return originKey(taint.origin);
}

/** Whether the taint is a path checked for `..` only (see `parentChecked`). */
export function isParentChecked(taint: Taint): boolean {
  return taint.origin.type === 'source' && taint.origin.source.parentChecked === true;
}

/** The taints without the mark of a path checked for `..` (after a call that may decode it). */
export function uncheckedParents(taints: readonly Taint[]): readonly Taint[] {
  if (!taints.some(isParentChecked)) return taints;
  return merge([
    taints.map((taint) => {
      if (taint.origin.type !== 'source' || !taint.origin.source.parentChecked) return taint;
      const source = { ...taint.origin.source };
      delete source.parentChecked;
      return { ...taint, origin: { type: 'source' as const, source } };
    }),
  ]);
}
