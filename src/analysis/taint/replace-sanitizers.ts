/**
 * Hand-written `replace` calls that sanitize, recognised by their pattern: a stripped negated
 * character class (`x.replace(/[^a-z0-9]/g, '')`) and the usual regex escape. `html-escape.ts`
 * does the same for chains of HTML entity replacements.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { allTaintKinds } from '../../models/taint-types.js';
import { findVariable, isConstantBinding, singleDefinition, staticString, unwrap, scopeOf } from '../../utils/ast.js';
import type { KindSet } from './guards.js';

/**
 * Kinds a `replace(/[^a-z0-9_-]/g, '')` clears: a global, single negated character class of word
 * characters, `-` and `.` (or `\D`, `\W`) replaced by nothing leaves only those characters. A host of word
 * characters is still a host (`localhost`), so SSRF stays; `.` keeps `..`, so paths stay too.
 */
export function strippedKinds(call: TSESTree.CallExpression): KindSet | null {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !replacement || call.arguments.length !== 2) return null;
  const regex = unwrap(pattern);
  const empty = unwrap(replacement);
  if (regex.type !== AST_NODE_TYPES.Literal || !('regex' in regex) || !regex.regex.flags.includes('g') || regex.regex.flags.includes('v')) return null;
  if (!(empty.type === AST_NODE_TYPES.Literal && empty.value === '') && !(empty.type === AST_NODE_TYPES.TemplateLiteral && empty.expressions.length === 0 && empty.quasis[0]?.value.cooked === '')) return null;
  // `/\D/g`, `/\W+/g`: the negated shorthands of `[^\d]` and `[^\w]` (no `.` left either).
  if (/^\\[DW]\+?$/u.test(regex.regex.pattern)) return new Set(allTaintKinds.filter((kind) => kind !== 'ssrf'));
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

/** Every character a regular expression reads as syntax, and characters it must leave alone. */
const METACHARACTERS = ['.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', ']', '\\'];
const PLAIN = ['a', 'Z', '0', 'b', 'd', 'w'];

/**
 * A regex escape written by hand: a global pattern that, tried on each metacharacter, puts a
 * backslash before it and leaves letters and digits alone (`\d` is a class), with `'\\$&'` (or
 * a function returning `'\\' + match`) as the replacement. The pattern may be a literal
 * (`/[.*+?^${}()|[\]\\]/g`) or built from text known before the run
 * (`RegExp('[' + SPECIALS.join('\\') + ']', 'g')` over a list of literals): it is compiled and
 * tried, not read by its spelling. A class missing one metacharacter is no escape.
 */
export function escapesRegex(call: TSESTree.CallExpression, sourceCode?: Readonly<TSESLint.SourceCode>): boolean {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !replacement || call.arguments.length !== 2) return false;
  const compiled = compiledPattern(pattern, sourceCode);
  if (!compiled?.flags.includes('g') || !prefixesBackslash(replacement)) return false;
  const escape = (text: string): string => text.replace(compiled, '\\$&');
  return METACHARACTERS.every((character) => escape(`a${character}b`) === `a\\${character}b`) && PLAIN.every((character) => escape(character) === character);
}

/** The regular expression a `replace` pattern is: a literal, or `RegExp(text, flags)` of static text, or a constant holding one. */
function compiledPattern(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode> | undefined, depth = 0): RegExp | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier && sourceCode && depth < 2) {
    // `const META = /[.*+?^${}()|[\]\\]/g` declared once and never reassigned.
    const variable = findVariable(scopeOf(sourceCode, target), target.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (!variable || !isConstantBinding(variable) || definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
    return compiledPattern(definition.node.init, sourceCode, depth + 1);
  }
  let source: string | null = null;
  let flags: string | null = null;
  if (target.type === AST_NODE_TYPES.Literal && 'regex' in target) {
    source = target.regex.pattern;
    flags = target.regex.flags;
  } else if ((target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.NewExpression) && sourceCode && target.arguments.length === 2) {
    const callee = unwrap(target.callee);
    const [text, given] = target.arguments;
    if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'RegExp' || !text || !given) return null;
    const scope = scopeOf(sourceCode, target);
    // A `RegExp` bound in the file is not the global one.
    if (findVariable(scope, 'RegExp')?.defs.length) return null;
    source = staticString(text, scope);
    flags = staticString(given, scope);
  }
  if (source === null || flags === null || flags.includes('y')) return null;
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

/** `'\\$&'`, or a function returning `'\\' + m` (or `` `\\${m}` ``) for its first parameter `m`. */
function prefixesBackslash(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal) return target.value === '\\$&';
  if (target.type !== AST_NODE_TYPES.ArrowFunctionExpression && target.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const [match] = target.params;
  if (match?.type !== AST_NODE_TYPES.Identifier) return false;
  const body = target.body.type === AST_NODE_TYPES.BlockStatement ? (target.body.body.length === 1 && target.body.body[0]?.type === AST_NODE_TYPES.ReturnStatement ? target.body.body[0].argument : null) : target.body;
  const result = body ? unwrap(body) : null;
  const isMatch = (part: TSESTree.Node): boolean => {
    const value = unwrap(part);
    return value.type === AST_NODE_TYPES.Identifier && value.name === match.name;
  };
  if (result?.type === AST_NODE_TYPES.BinaryExpression && result.operator === '+') {
    const left = unwrap(result.left);
    return left.type === AST_NODE_TYPES.Literal && left.value === '\\' && isMatch(result.right);
  }
  if (result?.type === AST_NODE_TYPES.TemplateLiteral && result.expressions.length === 1 && result.expressions[0] && isMatch(result.expressions[0])) {
    return result.quasis[0]?.value.cooked === '\\' && result.quasis[1]?.value.cooked === '';
  }
  return false;
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
