import { localDevelopmentHosts, localDevelopmentPasswords, publicContexts, secretPatterns, type SecretPattern } from '../../models/secrets.js';
import { superLinearProblem } from '../../utils/patterns.js';
import { isPlaceholder } from './values.js';

/** A credential format ready to run (built-in or from the options). */
export type CompiledPattern = SecretPattern;

/** A user-supplied pattern from the rule options. */
export interface ExtraPattern {
  readonly name: string;
  readonly pattern: string;
  readonly flags?: string;
  readonly env?: string;
}

/** What a pattern needs to know about where the string sits. */
export interface PatternContext {
  /** The name the string is assigned to, if any. */
  readonly name: () => string | undefined;
  /** Value of a string property of the enclosing object literal, or `null` when there is no such property. */
  readonly sibling: (key: string) => string | null | undefined;
}

/** A credential found in a string. */
export interface PatternMatch {
  readonly pattern: CompiledPattern;
  /** The credential itself (the `secret` group when the pattern has one). */
  readonly secret: string;
  /** Offset of the whole match in the string. */
  readonly start: number;
  /** Length of the whole match. */
  readonly length: number;
}

const ALLOWED_FLAGS = new Set(['i', 'm', 's', 'u']);

/** The built-in patterns. None has the `g` or `y` flag, so `exec` keeps no state between strings. */
export const builtinPatterns: readonly CompiledPattern[] = secretPatterns;

/** Compiles user patterns; a pattern that does not compile throws an error that names it. */
export function compileExtraPatterns(extras: readonly ExtraPattern[]): CompiledPattern[] {
  return extras.map((extra, index) => {
    const flags = [...(extra.flags ?? '')].filter((flag) => ALLOWED_FLAGS.has(flag)).join('');
    let regex: RegExp;
    try {
      regex = new RegExp(extra.pattern, flags);
    } catch (error) {
      throw new Error(
        `no-hardcoded-secrets: additionalPatterns[${index}] (${extra.name}) is not a valid regular expression: ${String(error)}`,
        { cause: error },
      );
    }
    // Extra patterns run on every string literal of every file: refuse those that can backtrack.
    const problem = superLinearProblem(extra.pattern);
    if (problem !== null) {
      throw new Error(`no-hardcoded-secrets: additionalPatterns[${index}] (${extra.name}) ${JSON.stringify(extra.pattern)} ${problem}.`);
    }
    return { id: `custom:${extra.name}`, kind: extra.name, regex, env: extra.env ?? 'SECRET' };
  });
}

const PUBLIC_CONTEXTS = new Map<string, readonly string[]>(
  publicContexts.map((entry) => [entry.pattern, entry.siblingKeys]),
);

function applies(pattern: CompiledPattern, value: string, context: PatternContext): boolean {
  if (pattern.keywords !== undefined && !pattern.keywords.some((keyword) => value.includes(keyword))) return false;
  if (pattern.names !== undefined) {
    const name = context.name();
    if (name === undefined || !pattern.names.test(name)) return false;
  }
  if (pattern.sibling !== undefined && context.sibling(pattern.sibling.key) !== pattern.sibling.value) return false;
  return true;
}

const gates = new WeakMap<readonly CompiledPattern[], { test: (value: string) => boolean }>();

/**
 * One regular expression for the keywords of every pattern: most strings hold none, and one test
 * then skips all the patterns that need a keyword.
 */
function keywordGate(patterns: readonly CompiledPattern[]): { test: (value: string) => boolean } {
  let gate = gates.get(patterns);
  if (gate === undefined) {
    const keywords = [...new Set(patterns.flatMap((pattern) => pattern.keywords ?? []))];
    gate = keywords.length === 0 ? { test: () => false } : new RegExp(keywords.map((keyword) => keyword.replace(/[$()*+.?[\\\]^{|}]/gu, '\\$&')).join('|'), 'u');
    gates.set(patterns, gate);
  }
  return gate;
}

/**
 * Finds the first credential format in a string. Returns `public` when the string holds a format
 * that is public where it is (a Google API key in a Firebase web config): such a string is not
 * reported at all. Placeholders (`sk_live_xxxx…`) and allowlisted matches are skipped.
 */
export function findPatternMatch(
  value: string,
  patterns: readonly CompiledPattern[],
  context: PatternContext,
  isAllowed: (text: string) => boolean,
): PatternMatch | 'public' | undefined {
  const anyKeyword = keywordGate(patterns).test(value);
  for (const pattern of patterns) {
    if (pattern.keywords !== undefined && !anyKeyword) continue;
    if (!applies(pattern, value, context)) continue;
    const match = pattern.regex.exec(value);
    if (match === null) continue;
    const publicSiblings = PUBLIC_CONTEXTS.get(pattern.id);
    if (publicSiblings?.some((key) => context.sibling(key) !== undefined)) return 'public';
    const secret = match.groups?.['secret'] ?? match[0];
    if (pattern.wholeValue === true && isPlaceholder(value)) continue;
    if (!isCredential(value, match, secret, isAllowed)) continue;
    return { pattern, secret, start: match.index, length: match[0].length };
  }
  return undefined;
}

/** A match is a credential unless it is a placeholder, allowlisted or a local development default. */
function isCredential(value: string, match: RegExpExecArray, secret: string, isAllowed: (text: string) => boolean): boolean {
  if (isPlaceholder(secret) || isPlaceholder(match[0])) return false;
  if (isAllowed(secret) || isAllowed(match[0])) return false;
  return !isLocalDevelopmentUrl(value, match, secret);
}

/** Where a credential sits in a string. */
export interface SecretSpan {
  readonly pattern: CompiledPattern;
  /** Offset and length of the whole match. */
  readonly start: number;
  readonly length: number;
  /** Offset and length of the credential itself (the `secret` group when the pattern has one). */
  readonly secretStart: number;
  readonly secretLength: number;
}

const globalRegexes = new WeakMap<RegExp, RegExp>();

/** The pattern's expression with `g` (every match) and `d` (where the `secret` group is). */
function globalRegex(regex: RegExp): RegExp {
  let global = globalRegexes.get(regex);
  if (global === undefined) {
    global = new RegExp(regex.source, `${regex.flags.replaceAll(/[dgy]/gu, '')}dg`);
    globalRegexes.set(regex, global);
  }
  return global;
}

/**
 * Every credential format in a string, not only the first: each occurrence of each pattern, in
 * order, without overlaps (of two overlapping matches the pattern listed first, the more specific,
 * wins). Patterns that need a name or a sibling property apply only when `context` provides one.
 * Placeholders, allowlisted values and local development defaults are skipped as in
 * {@link findPatternMatch}. Linear in the string: one pass per pattern, then one sort.
 */
export function findAllPatternMatches(
  value: string,
  patterns: readonly CompiledPattern[],
  context: PatternContext,
  isAllowed: (text: string) => boolean,
): SecretSpan[] {
  const candidates: { span: SecretSpan; rank: number }[] = [];
  const anyKeyword = keywordGate(patterns).test(value);
  for (const [rank, pattern] of patterns.entries()) {
    if (pattern.keywords !== undefined && !anyKeyword) continue;
    if (!applies(pattern, value, context)) continue;
    const regex = globalRegex(pattern.regex);
    regex.lastIndex = 0;
    for (let match = regex.exec(value); match !== null; match = regex.exec(value)) {
      const start = match.index;
      const end = start + match[0].length;
      // A user pattern may match the empty string; step over it instead of matching it forever.
      if (end === start) {
        regex.lastIndex += 1;
        continue;
      }
      const secret = match.groups?.['secret'] ?? match[0];
      if (!isCredential(value, match, secret, isAllowed)) continue;
      const [secretStart, secretEnd] = match.indices?.groups?.['secret'] ?? [start, end];
      candidates.push({ span: { pattern, start, length: end - start, secretStart, secretLength: secretEnd - secretStart }, rank });
    }
  }
  candidates.sort((a, b) => a.span.start - b.span.start || a.rank - b.rank);
  const kept: { span: SecretSpan; rank: number }[] = [];
  for (const candidate of candidates) {
    const last = kept.at(-1);
    if (last === undefined || candidate.span.start >= last.span.start + last.span.length) kept.push(candidate);
    else if (candidate.rank < last.rank) kept[kept.length - 1] = candidate;
  }
  return kept.map((candidate) => candidate.span);
}

const HOST = /[^/:?#]{0,254}/uy;
const LOCAL_HOSTS = new Set(localDevelopmentHosts);
const DEV_PASSWORDS = new Set(localDevelopmentPasswords);

/**
 * `postgres://postgres:postgres@localhost:5432/app`: the well-known default password of a database
 * on the developer's own machine (or the user name repeated) is configuration, not a secret.
 */
function isLocalDevelopmentUrl(value: string, match: RegExpExecArray, secret: string): boolean {
  if (!match[0].includes('://')) return isLocalConnectionString(match[0], secret);
  // The host after the match, read no further than a host name can be long: with many matches in
  // one string, reading to the next delimiter each time could read the rest of the string each time.
  HOST.lastIndex = match.index + match[0].length;
  const host = HOST.exec(value)?.[0].toLowerCase() ?? '';
  if (!LOCAL_HOSTS.has(host)) return false;
  const user = /\/\/(?<user>[^:/@]*):/u.exec(match[0])?.groups?.['user'] ?? '';
  return DEV_PASSWORDS.has(secret.toLowerCase()) || secret === user;
}

/** `Server=tcp:localhost,1433` → `localhost`: the host of a connection string's server key. */
const CONNECTION_HOST = /^(?:server|data source|host|address|addr|network address)\s*=\s*(?:tcp:)?(?<host>[^;,\\\s]*)/iu;
const CONNECTION_USER = /(?:^|;)\s*(?:user id|uid|user|username)\s*=\s*(?<user>[^;]*)/iu;

/** `Server=localhost;User Id=sa;Password=password`: a default password of a server on the developer's machine, as for URLs. */
function isLocalConnectionString(matched: string, secret: string): boolean {
  const host = CONNECTION_HOST.exec(matched)?.groups?.['host']?.toLowerCase() ?? '';
  if (!LOCAL_HOSTS.has(host) && host !== '.' && host !== '(local)' && host !== '(localdb)') return false;
  const user = CONNECTION_USER.exec(matched)?.groups?.['user']?.trim() ?? '';
  return DEV_PASSWORDS.has(secret.toLowerCase()) || secret === user;
}
