/**
 * Wildcard matching without regular expressions, for globs and path patterns that users and
 * linted code write. A regular expression built from a glob backtracks: each `*` or `**` can try
 * every split of the text, and a pattern with several of them costs a power of the path length.
 * These matchers cost at most the product of the pattern and text lengths.
 */

/**
 * Matches `items` against `pattern`, where a star element stands for any number of items and any
 * other element matches one item when `matches` says so. Greedy, with a return to the last star
 * only: a later star can absorb whatever an earlier one would have, so earlier choices never
 * need revisiting, and each item is compared with each pattern element at most once per star.
 */
export function wildcardMatch<P, T>(
  pattern: readonly P[],
  items: readonly T[],
  isStar: (element: P) => boolean,
  matches: (element: P, item: T) => boolean,
): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < items.length) {
    const element = pattern[p];
    if (element !== undefined && isStar(element)) {
      starP = p;
      starI = i;
      p += 1;
    } else if (element !== undefined && matches(element, items[i]!)) {
      p += 1;
      i += 1;
    } else if (starP !== -1) {
      p = starP + 1;
      starI += 1;
      i = starI;
    } else {
      return false;
    }
  }
  while (p < pattern.length && isStar(pattern[p]!)) p += 1;
  return p === pattern.length;
}

/** One step of a character pattern: a literal, any one character but `/`, or a repetition. */
export type CharToken =
  | { readonly kind: 'char'; readonly char: string }
  /** Exactly one character other than `/`. */
  | { readonly kind: 'segment-char' }
  /** Any number of characters other than `/`. */
  | { readonly kind: 'segment-star' }
  /** Any number of any characters. */
  | { readonly kind: 'any-star' };

const isRepeat = (token: CharToken): boolean => token.kind === 'segment-star' || token.kind === 'any-star';

/**
 * Matches the whole `text` against character tokens by simulating every position of the pattern
 * at once (a Thompson-style automaton), so two kinds of stars can be mixed and the cost stays at
 * most the text length times the pattern length.
 */
export function matchTokens(tokens: readonly CharToken[], text: string): boolean {
  let active = new Uint8Array(tokens.length + 1);
  const close = (states: Uint8Array): void => {
    for (let index = 0; index < tokens.length; index++) {
      if (states[index] && isRepeat(tokens[index]!)) states[index + 1] = 1;
    }
  };
  active[0] = 1;
  close(active);
  for (const char of text) {
    const next = new Uint8Array(tokens.length + 1);
    let any = false;
    for (let index = 0; index < tokens.length; index++) {
      if (!active[index]) continue;
      const token = tokens[index]!;
      switch (token.kind) {
        case 'char':
          if (token.char === char) next[index + 1] = 1;
          break;
        case 'segment-char':
          if (char !== '/') next[index + 1] = 1;
          break;
        case 'segment-star':
          if (char !== '/') next[index] = 1;
          break;
        case 'any-star':
          next[index] = 1;
          break;
      }
    }
    close(next);
    for (const state of next) any ||= state === 1;
    if (!any) return false;
    active = next;
  }
  return active[tokens.length] === 1;
}
