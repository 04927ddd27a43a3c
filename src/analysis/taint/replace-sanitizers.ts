/**
 * Hand-written `replace` calls that sanitize, recognised by their pattern: a stripped negated
 * character class (`x.replace(/[^a-z0-9]/g, '')`) and the usual regex escape. `html-escape.ts`
 * does the same for chains of HTML entity replacements.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { allTaintKinds } from '../../models/taint-types.js';
import { unwrap } from '../../utils/ast.js';
import type { KindSet } from './guards.js';

/**
 * Kinds a `replace(/[^a-z0-9_-]/g, '')` clears: a global, single negated character class of word
 * characters, `-` and `.` replaced by nothing leaves only those characters. A host of word
 * characters is still a host (`localhost`), so SSRF stays; `.` keeps `..`, so paths stay too.
 */
export function strippedKinds(call: TSESTree.CallExpression): KindSet | null {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !replacement || call.arguments.length !== 2) return null;
  const regex = unwrap(pattern);
  const empty = unwrap(replacement);
  if (regex.type !== AST_NODE_TYPES.Literal || !('regex' in regex) || !regex.regex.flags.includes('g') || regex.regex.flags.includes('v')) return null;
  if (!(empty.type === AST_NODE_TYPES.Literal && empty.value === '') && !(empty.type === AST_NODE_TYPES.TemplateLiteral && empty.expressions.length === 0 && empty.quasis[0]?.value.cooked === '')) return null;
  const match = /^\[\^((?:\\.|[^\\\]])+)\]\+?$/.exec(regex.regex.pattern);
  const body = match?.[1];
  if (body === undefined) return null;
  let dot = false;
  // Ranges inside one of a-z, A-Z, 0-9; single word characters; `\w`, `\d`, `-`, `.`.
  const tokens = /\\[wd]|\\[-.]|[a-z]-[a-z]|[A-Z]-[A-Z]|\d-\d|[\w.-]/gy;
  let consumed = 0;
  for (const token of body.matchAll(tokens)) {
    if (token.index !== consumed) return null;
    // A bare `-` between two characters makes a range (`_-a` holds a backtick).
    if (token[0] === '-' && consumed !== 0 && consumed + 1 !== body.length) return null;
    consumed += token[0].length;
    if (token[0].includes('.')) dot = true;
    const [from, , to] = token[0];
    if (token[0].length === 3 && from !== undefined && to !== undefined && from > to) return null;
  }
  if (consumed !== body.length) return null;
  return new Set(allTaintKinds.filter((kind) => kind !== 'ssrf' && (kind !== 'path' || !dot)));
}

/**
 * The usual hand-written regex escape, `x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`: a global
 * character class holding every pattern metacharacter, each replaced by itself behind a backslash.
 */
export function escapesRegex(call: TSESTree.CallExpression): boolean {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !replacement) return false;
  const regex = unwrap(pattern);
  const text = unwrap(replacement);
  if (regex.type !== AST_NODE_TYPES.Literal || !('regex' in regex) || !regex.regex.flags.includes('g')) return false;
  if (text.type !== AST_NODE_TYPES.Literal || text.value !== '\\$&') return false;
  const source = regex.regex.pattern;
  if (!source.startsWith('[') || source.startsWith('[^') || !source.endsWith(']')) return false;
  return ['.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', '\\]', '\\\\'].every((token) => source.includes(token));
}

/** Normalised relative paths and what stripping their leading `..` segments must leave. */
const LEADING_PARENTS: readonly (readonly [string, string])[] = [
  ['../../etc/passwd', 'etc/passwd'],
  ['..\\..\\etc\\passwd', 'etc\\passwd'],
  ['..', ''],
  ['../..', ''],
  ['../', ''],
  ['notes/today.md', 'notes/today.md'],
];

/**
 * `normalized.replace(/^(\.\.(\/|\\|$))+/, '')`: a replacement by nothing whose pattern, tried on
 * normalised paths, removes every leading `..` segment (`/` or `\` separated, or the whole path)
 * and leaves other paths alone. After `path.normalize` a `..` can only be leading, so none is left.
 */
export function stripsLeadingParents(call: TSESTree.CallExpression): boolean {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !replacement || call.arguments.length !== 2) return false;
  const regex = unwrap(pattern);
  const empty = unwrap(replacement);
  if (regex.type !== AST_NODE_TYPES.Literal || !('regex' in regex) || !(empty.type === AST_NODE_TYPES.Literal && empty.value === '')) return false;
  let compiled: RegExp;
  try {
    compiled = new RegExp(regex.regex.pattern, regex.regex.flags.replace('y', ''));
  } catch {
    return false;
  }
  return LEADING_PARENTS.every(([input, left]) => input.replace(compiled, '') === left);
}
