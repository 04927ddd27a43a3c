import { publicContexts, secretPatterns, type SecretPattern } from '../../models/secrets.js';
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
    if (isPlaceholder(secret) || isPlaceholder(match[0]) || (pattern.wholeValue === true && isPlaceholder(value))) continue;
    if (isAllowed(secret) || isAllowed(match[0])) continue;
    if (isLocalDevelopmentUrl(value, match, secret)) continue;
    return { pattern, secret, start: match.index, length: match[0].length };
  }
  return undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', 'host.docker.internal']);
const DEV_PASSWORDS = new Set([
  'postgres', 'password', 'pass', 'test', 'testing', 'secret', 'root', 'admin', 'example', 'dev', 'local',
  'mysql', 'mongo', 'mongodb', 'redis', 'guest', 'rabbitmq',
]);

/**
 * `postgres://postgres:postgres@localhost:5432/app`: the well-known default password of a database
 * on the developer's own machine (or the user name repeated) is configuration, not a secret.
 */
function isLocalDevelopmentUrl(value: string, match: RegExpExecArray, secret: string): boolean {
  const rest = value.slice(match.index + match[0].length);
  const host = /^[^/:?#]*/u.exec(rest)?.[0].toLowerCase() ?? '';
  if (!LOCAL_HOSTS.has(host)) return false;
  const user = /\/\/(?<user>[^:/@]*):/u.exec(match[0])?.groups?.['user'] ?? '';
  return DEV_PASSWORDS.has(secret.toLowerCase()) || secret === user;
}
