import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { TaintKind } from '../../models/taint-types.js';
import { dottedName, findVariable, isConstantBinding, singleDefinition, unwrap, scopeOf } from '../../utils/ast.js';

/**
 * What a whole-string regular expression test proves about a value that passes it. The pattern is
 * judged by the characters it can match: a value passing `/^[\w-]+$/` holds no `/`, `.`, quote or
 * space, so it can reach no parent directory, other host, shell syntax or SQL syntax.
 */

/** The characters a pattern can match: a set of ASCII codes, and whether any non-ASCII one. */
interface Alphabet {
  ascii: Set<number>;
  wide: boolean;
}

const WORD = /\w/;
const isWord = (code: number): boolean => WORD.test(String.fromCharCode(code));

/** Per kind: whether the character can appear in a value that reaches such a sink safely. */
const SAFE_CHARACTER: Readonly<Record<TaintKind, { ascii: (character: string) => boolean; wide: boolean }>> = {
  // One path segment: without separators, only `..` itself climbs (checked by running the pattern).
  path: { ascii: (c) => c !== '/' && c !== '\\', wide: true },
  // Without `/`, `\` and `:` the value can be neither an absolute nor a protocol-relative URL.
  redirect: { ascii: (c) => !'/\\:'.includes(c), wide: true },
  ssrf: { ascii: (c) => !'/\\:'.includes(c), wide: true },
  'url-path': { ascii: (c) => !'/\\?#%'.includes(c), wide: true },
  // Characters a POSIX shell takes literally outside quotes.
  shell: { ascii: (c) => WORD.test(c) || '-./:,+@%='.includes(c), wide: false },
  // No quote, space, comment (`--` needs a dash) or operator.
  sql: { ascii: (c) => WORD.test(c) || c === '.', wide: false },
  code: { ascii: (c) => WORD.test(c) || c === '-', wide: false },
  xss: { ascii: (c) => WORD.test(c) || '-.,@+'.includes(c), wide: true },
  regex: { ascii: (c) => !'\\^$.|?*+()[]{}'.includes(c), wide: true },
  // A query object passes a string test as `[object Object]` (checked by running the pattern).
  nosql: { ascii: () => true, wide: true },
  // A record id of the client's choosing stays one whatever its format.
  id: { ascii: () => false, wide: false },
};

const NO_KINDS: ReadonlySet<TaintKind> = new Set();
const cache = new WeakMap<TSESTree.Node, ReadonlySet<TaintKind>>();

/**
 * The kinds cleared for a value `x` by `re.test(x)` being true, where `re` is a regular expression
 * literal, `new RegExp('literal')`, or a `const` bound to one. Only a pattern anchored at both
 * ends (`^…$`, no `m` flag, no alternation outside a group) constrains the whole value; any other
 * test clears nothing.
 */
export function regexKinds(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): ReadonlySet<TaintKind> {
  const target = unwrap(node);
  let kinds = cache.get(target);
  if (kinds) return kinds;
  const literal = regexLiteral(target, sourceCode);
  kinds = literal ? kindsOfPattern(literal.pattern, literal.flags) : NO_KINDS;
  cache.set(target, kinds);
  return kinds;
}

/** Whether the value is a regular expression: a literal, a `RegExp` built in place, or a `const` holding one. */
export function isRegexValue(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const target = unwrap(node);
  if ((target.type === AST_NODE_TYPES.NewExpression || target.type === AST_NODE_TYPES.CallExpression) && dottedName(target.callee) === 'RegExp') return true;
  return regexLiteral(target, sourceCode) !== null;
}

function regexLiteral(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): { pattern: string; flags: string } | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && 'regex' in target) return target.regex;
  if ((target.type === AST_NODE_TYPES.NewExpression || target.type === AST_NODE_TYPES.CallExpression) && dottedName(target.callee) === 'RegExp') {
    const [pattern, flags] = target.arguments.map(unwrap);
    if (pattern?.type !== AST_NODE_TYPES.Literal || typeof pattern.value !== 'string') return null;
    if (flags !== undefined && (flags.type !== AST_NODE_TYPES.Literal || typeof flags.value !== 'string')) return null;
    return { pattern: pattern.value, flags: flags?.type === AST_NODE_TYPES.Literal ? String(flags.value) : '' };
  }
  if (target.type !== AST_NODE_TYPES.Identifier || depth > 2) return null;
  const variable = findVariable(scopeOf(sourceCode, target), target.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
  return regexLiteral(definition.node.init, sourceCode, depth + 1);
}

export function kindsOfPattern(pattern: string, flags: string): ReadonlySet<TaintKind> {
  // `m` lets the anchors match at line ends; `v` has a class syntax this reader does not model.
  if (flags.includes('m') || flags.includes('v')) return NO_KINDS;
  if (!pattern.startsWith('^') || !endsWithAnchor(pattern)) return NO_KINDS;
  const alphabet = alphabetOf(pattern.slice(1, -1), flags.includes('i'));
  if (!alphabet) return NO_KINDS;
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, flags.replace(/[gy]/g, ''));
  } catch {
    return NO_KINDS;
  }
  const kinds = new Set<TaintKind>();
  for (const [kind, safe] of Object.entries(SAFE_CHARACTER) as [TaintKind, (typeof SAFE_CHARACTER)[TaintKind]][]) {
    if (alphabet.wide && !safe.wide) continue;
    if (![...alphabet.ascii].every((code) => safe.ascii(String.fromCharCode(code)))) continue;
    kinds.add(kind);
  }
  if (compiled.test('..')) {
    kinds.delete('path');
    kinds.delete('url-path');
  }
  if (compiled.test('[object Object]')) kinds.delete('nosql');
  // `^\/app\/…$`: every value passing it starts with `/` and then a fixed character that is no
  // separator, a path of this site (`//host` and `/\host` are the forms that leave it).
  if (!kinds.has('redirect') && LOCAL_PATH_START.test(pattern)) kinds.add('redirect');
  return kinds;
}

/** A pattern whose text starts with a literal `/` and a literal word character, `.`, `-` or `~` that no quantifier makes optional. */
const LOCAL_PATH_START = /^\^\\?\/(?:[\w~-]|\\[.~-])(?![?*{])/u;

/** `$` at the end that is not escaped (`\$` is a literal dollar sign). */
function endsWithAnchor(pattern: string): boolean {
  if (!pattern.endsWith('$')) return false;
  let backslashes = 0;
  for (let index = pattern.length - 2; index >= 0 && pattern[index] === '\\'; index--) backslashes++;
  return backslashes % 2 === 0;
}

const ALL_ASCII = (): Set<number> => new Set(Array.from({ length: 128 }, (_, code) => code));
const DIGITS = [...'0123456789'].map((c) => c.charCodeAt(0));
const WORDS = Array.from({ length: 128 }, (_, code) => code).filter(isWord);
const SPACES = [...' \t\n\v\f\r'].map((c) => c.charCodeAt(0));

/** Adds the members of a class escape (`\d`, `\w`, `\s` and their negations); false when `letter` is not one. */
function classEscape(letter: string, into: Alphabet): boolean {
  switch (letter) {
    case 'd':
      DIGITS.forEach((code) => into.ascii.add(code));
      return true;
    case 'w':
      WORDS.forEach((code) => into.ascii.add(code));
      return true;
    case 's':
      SPACES.forEach((code) => into.ascii.add(code));
      into.wide = true;
      return true;
    case 'D':
    case 'W':
    case 'S':
      ALL_ASCII().forEach((code) => into.ascii.add(code));
      into.wide = true;
      return true;
    default:
      return false;
  }
}

/**
 * The characters the body of an anchored pattern (without its `^` and `$`) can match, or null when
 * the pattern has alternation outside a group (which would let one branch escape an anchor) or a
 * construct this reader does not follow. Over-approximates: lookarounds count as matching.
 */
function alphabetOf(body: string, ignoreCase: boolean): Alphabet | null {
  const alphabet: Alphabet = { ascii: new Set(), wide: false };
  const add = (character: string): void => {
    const code = character.codePointAt(0)!;
    if (code > 127) alphabet.wide = true;
    else alphabet.ascii.add(code);
  };
  let depth = 0;
  let index = 0;
  while (index < body.length) {
    const character = body[index]!;
    if (character === '\\') {
      const next = body[index + 1];
      if (next === undefined) return null;
      index += 2;
      if (classEscape(next, alphabet) || next === 'b' || next === 'B') continue;
      // Code point, control and back-reference escapes: not followed, so not judged.
      if (/[0-9xucpPk]/.test(next)) return null;
      add(next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === 'f' ? '\f' : next === 'v' ? '\v' : next);
      continue;
    }
    if (character === '[') {
      const end = readClass(body, index + 1, alphabet);
      if (end === null) return null;
      index = end;
      continue;
    }
    if (character === '(') {
      depth++;
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: structure, not characters.
      const group = /^\(\?(?:[:=!]|<=|<!|<[A-Z_$][\w$]*>)/i.exec(body.slice(index));
      index += group ? group[0].length : 1;
      continue;
    }
    if (character === ')') {
      depth--;
      if (depth < 0) return null;
      index++;
      continue;
    }
    if (character === '|') {
      if (depth === 0) return null;
      index++;
      continue;
    }
    if (character === '{') {
      const quantifier = /^\{\d+(?:,\d*)?\}/.exec(body.slice(index));
      if (quantifier) {
        index += quantifier[0].length;
        continue;
      }
    }
    if (character === '.') {
      ALL_ASCII().forEach((code) => alphabet.ascii.add(code));
      alphabet.wide = true;
      index++;
      continue;
    }
    if ('*+?^$'.includes(character)) {
      index++;
      continue;
    }
    const point = String.fromCodePoint(body.codePointAt(index)!);
    add(point);
    index += point.length;
  }
  if (depth !== 0) return null;
  if (ignoreCase) {
    for (const code of [...alphabet.ascii]) {
      const character = String.fromCharCode(code);
      alphabet.ascii.add(character.toLowerCase().charCodeAt(0));
      alphabet.ascii.add(character.toUpperCase().charCodeAt(0));
    }
  }
  return alphabet;
}

/** Reads a class starting after its `[`, adding its members; returns the index after its `]`. */
function readClass(body: string, start: number, alphabet: Alphabet): number | null {
  if (body[start] === '^') {
    // A negated class admits every character but its members: the ASCII ones it does not list, and
    // any wider one. Its members must be read exactly (a class escape that stands for more than it
    // lists, `\W`, would make the complement too small), else it is judged as admitting everything.
    const members: Alphabet = { ascii: new Set(), wide: false };
    const end = body.slice(start + 1).search(/\\[DSW]/) === -1 ? readClass(body, start + 1, members) : null;
    if (end === null) {
      ALL_ASCII().forEach((code) => alphabet.ascii.add(code));
      alphabet.wide = true;
      return skipClass(body, start + 1);
    }
    ALL_ASCII().forEach((code) => {
      if (!members.ascii.has(code)) alphabet.ascii.add(code);
    });
    alphabet.wide = true;
    return end;
  }
  let index = start;
  let previous: number | null = null;
  while (index < body.length) {
    const character = body[index]!;
    if (character === ']') return index + 1;
    let code: number;
    if (character === '\\') {
      const next = body[index + 1];
      if (next === undefined) return null;
      index += 2;
      if (classEscape(next, alphabet)) {
        previous = null;
        continue;
      }
      if (/[0-9xucpPk]/.test(next)) return null;
      code = (next === 'b' ? '\b' : next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next).codePointAt(0)!;
    } else if (character === '-' && previous !== null && body[index + 1] !== undefined && body[index + 1] !== ']') {
      // A range `a-z`: its end may be escaped.
      let endCode: number;
      if (body[index + 1] === '\\') {
        const escaped = body[index + 2];
        if (escaped === undefined || /[dwsDWS0-9xucpPk]/.test(escaped)) return null;
        endCode = escaped.codePointAt(0)!;
        index += 3;
      } else {
        endCode = body.codePointAt(index + 1)!;
        index += String.fromCodePoint(endCode).length + 1;
      }
      if (endCode < previous) return null;
      for (let member = previous; member <= Math.min(endCode, 127); member++) alphabet.ascii.add(member);
      if (endCode > 127) alphabet.wide = true;
      previous = null;
      continue;
    } else {
      code = body.codePointAt(index)!;
      index += String.fromCodePoint(code).length;
    }
    if (code > 127) alphabet.wide = true;
    else alphabet.ascii.add(code);
    previous = code;
  }
  return null;
}

function skipClass(body: string, start: number): number | null {
  for (let index = start; index < body.length; index++) {
    if (body[index] === '\\') index++;
    else if (body[index] === ']') return index + 1;
  }
  return null;
}

/**
 * Whether every value passing `re.test(x)` is one path segment: a regular expression (as
 * `regexKinds` reads it) anchored at both ends whose characters include neither `/` nor `\`. Such
 * a value may still be `.` or `..`; a check that it does not start with a dot makes it a name
 * inside the directory (see `guards.ts`).
 */
export function oneSegmentRegex(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const target = unwrap(node);
  const known = segmentCache.get(target);
  if (known !== undefined) return known;
  const literal = regexLiteral(target, sourceCode);
  let segment = false;
  if (literal && !literal.flags.includes('m') && !literal.flags.includes('v') && literal.pattern.startsWith('^') && endsWithAnchor(literal.pattern)) {
    const alphabet = alphabetOf(literal.pattern.slice(1, -1), literal.flags.includes('i'));
    segment = alphabet !== null && !alphabet.ascii.has('/'.charCodeAt(0)) && !alphabet.ascii.has('\\'.charCodeAt(0));
  }
  segmentCache.set(target, segment);
  return segment;
}

const segmentCache = new WeakMap<TSESTree.Node, boolean>();

/**
 * Whether `re.test(x)` is true exactly for the values that start with a dot (`/^\./`, `/^[.]/`):
 * when it is false, the value does not. Not with `g` or `y`, whose tests start at `lastIndex`.
 */
export function leadingDotRegex(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const literal = regexLiteral(unwrap(node), sourceCode);
  return literal !== null && !/[gy]/.test(literal.flags) && (literal.pattern === '^\\.' || literal.pattern === '^[.]');
}

/** Letters, digits and `-` of a host label, or an escaped dot: a host written literally in a pattern. */
const LITERAL_HOST = /^(?:[a-z\d-]|\\\.)+$/iu;
/** Two or more literal labels, each after an escaped dot, at the end of a pattern: `\.example\.com`. */
const LITERAL_DOMAIN_SUFFIX = /(?:\\\.[a-z\d-]+){2,}$/iu;
/** `https://`, `https?://`, `wss://` at the start of a pattern (the slashes escaped or not). */
const SCHEME_START = /^(?:https\??|http|wss?):(?:\\?\/){2}/iu;
/** What may follow the host of an origin pattern so that it ends there: `/`, `$`, `(?:\/|$)`. */
const HOST_END = /^(?:\\?\/|\$$|\((?:\?:)?(?:\\?\/\|\$|\$\|\\?\/)\)|:\d+(?:\\?\/|\$$))/u;

/**
 * What a regular expression a URL's parts are tested by fixes, when it is a literal anchored to
 * fixed hosts (a literal, `new RegExp('literal')` or a `const` holding one; no `m` or `v` flag):
 * - `host`: tested on a host (`/^(?:api|cdn)\.example\.com$/`, `/^[a-z\d-]+\.example\.com$/`), every
 *   value passing it is one of the hosts written, or a name under a domain written (as
 *   `host.endsWith('.example.com')` proves); an unescaped dot (`api.example.com` passes
 *   `api-example.com`), a missing anchor or a pattern that ends in a class passes other hosts.
 * - `origin`: tested on the whole URL (`/^https:\/\/api\.example\.com\//`), every value passing it
 *   starts with a fixed origin and the `/` (or end) after its host, as `startsWith(origin + '/')`.
 * Null for any other pattern.
 */
export function fixedHostPattern(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): 'host' | 'origin' | null {
  const target = unwrap(node);
  const known = hostPatternCache.get(target);
  if (known !== undefined) return known;
  const literal = regexLiteral(target, sourceCode);
  const result = literal ? hostPatternOf(literal.pattern, literal.flags) : null;
  hostPatternCache.set(target, result);
  return result;
}

const hostPatternCache = new WeakMap<TSESTree.Node, 'host' | 'origin' | null>();

function hostPatternOf(source: string, flags: string): 'host' | 'origin' | null {
  const literal = { pattern: source, flags };
  if (!literal || /[mv]/u.test(literal.flags) || !literal.pattern.startsWith('^')) return null;
  const pattern = literal.pattern.slice(1);
  if (hasTopLevelAlternation(pattern)) return null;
  const scheme = SCHEME_START.exec(pattern);
  if (scheme) {
    const rest = pattern.slice(scheme[0].length);
    for (let end = 1; end <= rest.length; end++) {
      if (isFixedHost(rest.slice(0, end)) && HOST_END.test(rest.slice(end))) return 'origin';
    }
    return null;
  }
  if (!endsWithAnchor(pattern)) return null;
  return isFixedHost(pattern.slice(0, -1)) || endsWithDomain(pattern.slice(0, -1)) ? 'host' : null;
}

/** A host written literally (`api\.example\.com`), or a group of literal alternatives (`(?:api\.a\.com|b\.com)`). */
function isFixedHost(text: string): boolean {
  if (text.length === 0) return false;
  if (LITERAL_HOST.test(text)) return true;
  const group = /^\((?:\?:)?([^()]*)\)$/u.exec(text);
  return group !== null && group[1]!.split('|').every((alternative) => LITERAL_HOST.test(alternative));
}

/** Whether a pattern ends with literal labels after an escaped dot (`…\.example\.com`), the dot not itself escaped away. */
function endsWithDomain(text: string): boolean {
  const suffix = LITERAL_DOMAIN_SUFFIX.exec(text);
  if (!suffix) return false;
  let backslashes = 0;
  for (let index = suffix.index - 1; index >= 0 && text[index] === '\\'; index--) backslashes++;
  return backslashes % 2 === 0;
}

/** A `|` outside every group and class: `^a|b$` anchors each side to one end only. */
function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === '\\') {
      index++;
      continue;
    }
    if (inClass) {
      if (character === ']') inClass = false;
      continue;
    }
    if (character === '[') inClass = true;
    else if (character === '(') depth++;
    else if (character === ')') depth--;
    else if (character === '|' && depth === 0) return true;
  }
  return false;
}
