/**
 * User-supplied regular expressions (`/pattern/flags` entries in name lists and options) run
 * against names taken from the code being linted. A pattern whose matching can backtrack for
 * exponential or high polynomial time would turn a lint run into a hang, and the `g` and `y` flags
 * make `RegExp.test` keep its position between names, so that every other match is missed. Both
 * are rejected when the configuration is read, and the text a pattern sees is bounded.
 */

/** Names longer than this are not tested against user patterns (no real identifier chain is). */
export const MAX_PATTERN_INPUT = 256;

/** Flags a name pattern may carry: none of them makes a `RegExp` keep state between tests. */
const ALLOWED_FLAGS = new Set(['i', 'm', 's', 'u', 'v', 'd']);

/** The source and flags of a `/pattern/flags` entry, or null for a plain name. */
export function slashPattern(entry: string): { source: string; flags: string } | null {
  const end = entry.lastIndexOf('/');
  if (!entry.startsWith('/') || end <= 0) return null;
  return { source: entry.slice(1, end), flags: entry.slice(end + 1) };
}

/**
 * Why a user pattern cannot be used, as a phrase after "which" (`is not a valid regular
 * expression (…)`), or null when it can: it does not compile, it has a flag that keeps state, or its
 * matching time can grow faster than linearly with the text.
 */
export function patternProblem(source: string, flags: string): string | null {
  const stateful = [...flags].filter((flag) => flag === 'g' || flag === 'y');
  if (stateful.length > 0) {
    const which = stateful.map((flag) => `\`${flag}\``).join(' and ');
    return `has the ${which} flag: it makes a pattern keep its position between names, so matches are missed; remove it`;
  }
  const unknown = [...flags].filter((flag) => !ALLOWED_FLAGS.has(flag));
  try {
    new RegExp(source, flags);
  } catch (error) {
    return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  if (unknown.length > 0) return `has the unsupported flag ${unknown.join('')}; use only i, m, s, u, v or d`;
  return superLinearProblem(source);
}

interface Group {
  /** A quantifier appears inside the group (at any depth). */
  quantified: boolean;
  /** The group's own top-level alternatives, as written. */
  alternatives: string[];
  /** Start of the current alternative in the source. */
  alternativeStart: number;
  /** Every alternative so far is plain literal text. */
  literal: boolean;
}

/**
 * A compact check for the shapes that make a backtracking engine super-linear: a repeated group
 * that itself contains a quantifier (`(a+)+`, `(\w*\.)*`), a repeated alternation whose branches
 * can match the same text (`(a|ab)*`, `(\w|_)+`), and backreferences (`(a*)\1`). It is deliberately
 * conservative: a few linear patterns (`(?:\.\w+)*`) are refused too, and can be rewritten.
 */
export function superLinearProblem(source: string): string | null {
  const stack: Group[] = [{ quantified: false, alternatives: [], alternativeStart: 0, literal: true }];
  const top = (): Group => stack.at(-1)!;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '\\') {
      const next = source[index + 1] ?? '';
      if (/[1-9]/u.test(next) || (next === 'k' && source[index + 2] === '<')) return 'has a backreference, which can take exponential time to match; remove it';
      // An escaped letter is a class (`\d`, `\w`) or a control escape: not literal text of itself.
      if (/[a-zA-Z]/u.test(next)) top().literal = false;
      index++;
      continue;
    }
    if (char === '[') {
      index = classEnd(source, index);
      top().literal = false;
      continue;
    }
    if (char === '(') {
      const group: Group = { quantified: false, alternatives: [], alternativeStart: index + 1, literal: true };
      if (source[index + 1] === '?') {
        // Skip `?:`, `?=`, `?!`, `?<=`, `?<!` and `?<name>` so they are not read as text.
        const named = /^\?<(?![=!])[^>]*>/u.exec(source.slice(index + 1));
        const skip = named ? named[0].length : source[index + 2] === '<' ? 3 : 2;
        group.alternativeStart = index + 1 + skip;
        index += skip;
      }
      stack.push(group);
      continue;
    }
    if (char === '|') {
      const group = top();
      group.alternatives.push(source.slice(group.alternativeStart, index));
      group.alternativeStart = index + 1;
      continue;
    }
    if (char === ')' && stack.length > 1) {
      const group = stack.pop()!;
      group.alternatives.push(source.slice(group.alternativeStart, index));
      const quantifier = quantifierAt(source, index + 1);
      const parent = top();
      parent.literal = false;
      if (quantifier !== null) {
        if (quantifier.repeats && group.quantified) return 'repeats a group that contains a quantifier (as in `(a+)+`), which can take exponential time to match; rewrite it without the nesting';
        if (quantifier.repeats && group.alternatives.length > 1 && !(group.literal && prefixFree(group.alternatives))) {
          return 'repeats alternatives that can match the same text (as in `(a|ab)*`), which can take exponential time to match; rewrite it';
        }
        parent.quantified = true;
        index += quantifier.length;
      }
      parent.quantified ||= group.quantified;
      continue;
    }
    const quantifier = quantifierAt(source, index);
    if (quantifier !== null) {
      top().quantified = true;
      top().literal = false;
      index += quantifier.length - 1;
      continue;
    }
    if ('.^$'.includes(char)) top().literal = false;
  }
  return null;
}

/** The quantifier that starts at `index` (with its lazy `?`), or null. */
function quantifierAt(source: string, index: number): { length: number; repeats: boolean } | null {
  const char = source[index];
  let length = 0;
  let repeats = true;
  if (char === '*' || char === '+') length = 1;
  else if (char === '?') {
    length = 1;
    repeats = false;
  } else if (char === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/u.exec(source.slice(index));
    if (!braces) return null;
    length = braces[0].length;
    const upper = braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3]);
    repeats = upper > 1;
  } else {
    return null;
  }
  if (source[index + length] === '?') length++;
  return { length, repeats };
}

/** Index of the `]` that closes the class opening at `start` (nested classes of the `v` flag too). */
function classEnd(source: string, start: number): number {
  let depth = 0;
  for (let index = start; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') index++;
    else if (char === '[') depth++;
    else if (char === ']' && --depth === 0) return index;
  }
  return source.length;
}

/** No alternative is a prefix of another, so a text splits into them in at most one way. */
function prefixFree(alternatives: readonly string[]): boolean {
  return alternatives.every((a, i) => a !== '' && alternatives.every((b, j) => i === j || !b.startsWith(a)));
}

/**
 * Compiles a `/pattern/flags` entry whose problems were checked when the configuration was read,
 * into a test that sees at most MAX_PATTERN_INPUT characters.
 */
export function boundedPattern(source: string, flags: string): (text: string) => boolean {
  const regex = new RegExp(source, flags.replace(/[gy]/gu, ''));
  return (text) => text.length <= MAX_PATTERN_INPUT && regex.test(text);
}
