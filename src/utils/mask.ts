import type { TSESLint } from '@typescript-eslint/utils';
import { isSecretName, splitWords } from '../analysis/secrets/names.js';
import { builtinPatterns, findAllPatternMatches, type PatternContext } from '../analysis/secrets/patterns.js';
import { isPlaceholder, isStructurallyNotSecret, passesStrengthGate } from '../analysis/secrets/values.js';

/*
 * The one place where text meant for a user loses its credentials. Lint output lands in CI logs, PR
 * comments and SARIF uploads, so every message, message data, suggestion and fix text (through
 * `maskingContext`, which `createRule` applies to every rule) and every inventory format (through
 * `maskDeep`) passes through `maskSecrets`.
 */

const MASK = '****';

/**
 * Masks one secret: it shows at most the first four characters, and never more than a quarter of
 * the secret, followed by a fixed mask that hides the length.
 */
export function maskSecret(secret: string): string {
  const visible = Math.min(4, Math.floor(secret.length / 4));
  // A backtick or a line break would break the message's code span; neither helps identify the secret.
  const prefix = [...secret.slice(0, visible)].map((char) => (/[\s`]/.test(char) ? '?' : char)).join('');
  return `${prefix}${MASK}`;
}

const NO_CONTEXT: PatternContext = { name: () => undefined, sibling: () => undefined };
const NEVER_ALLOWED = (): boolean => false;
/** The defaults of `no-hardcoded-secrets` for values under a secret-ish name. */
const NAMED_GATE = { minLength: 8, minEntropy: 3 };
/** Formats that are only a credential under a name that says so (an AWS secret access key). */
const NAMED_PATTERNS = builtinPatterns.filter((pattern) => pattern.names !== undefined);

/*
 * A value given a name, as code, SQL, JSON or a connection string writes it: `apiKey: '…'`,
 * `"secret": "…"`, `secret = '…'`, `Password=…;`. The lookbehind starts a name only at a word start,
 * so every run of name characters is scanned once (linear time).
 */
const QUOTED_VALUE = /(?<![\w$.-])([A-Za-z_$][\w$.-]*)["']?\s*(?::|={1,3})\s*(["'`])([^\s"'\\`]{8,})\2/gu;
const BARE_VALUE = /(?<![\w$.-])([A-Za-z_][\w.-]*)=([^\s"'&(),;<>[\\\]`{}]{8,})/gu;

function isNamedSecret(name: string, value: string): boolean {
  if (isPlaceholder(value) || isStructurallyNotSecret(value)) return false;
  if (isSecretName(splitWords(name))) return passesStrengthGate(value, NAMED_GATE);
  return NAMED_PATTERNS.some((pattern) => pattern.names?.test(name) === true && pattern.regex.test(value));
}

/**
 * Where `text` holds a credential, as `[start, end)` offsets, sorted and disjoint: anything the
 * secrets model recognises by its format (`findAllPatternMatches`), and values given a secret-ish
 * name that pass the same strength gate as `no-hardcoded-secrets`.
 */
export function findSecrets(text: string): [number, number][] {
  if (text.length < 8) return [];
  const spans: [number, number][] = findAllPatternMatches(text, builtinPatterns, NO_CONTEXT, NEVER_ALLOWED).map((span) => [
    span.secretStart,
    span.secretStart + span.secretLength,
  ]);
  for (const match of text.matchAll(QUOTED_VALUE)) {
    const [whole, name = '', , value = ''] = match;
    if (isNamedSecret(name, value)) spans.push([match.index + whole.length - value.length - 1, match.index + whole.length - 1]);
  }
  for (const match of text.matchAll(BARE_VALUE)) {
    const [whole, name = '', value = ''] = match;
    // A bare value is a credential only with a digit and a letter: `token=jwtService.sign` is code.
    if (/\d/u.test(value) && /[A-Z]/iu.test(value) && isNamedSecret(name, value)) {
      spans.push([match.index + whole.length - value.length, match.index + whole.length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last !== undefined && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** Whether `text` holds a credential the secrets model recognises. */
export function containsSecret(text: string): boolean {
  return findSecrets(text).length > 0;
}

/** `text` with every credential the secrets model recognises shown as at most its first four characters. */
export function maskSecrets(text: string): string {
  const spans = findSecrets(text);
  if (spans.length === 0) return text;
  let result = '';
  let position = 0;
  for (const [start, end] of spans) {
    result += text.slice(position, start) + maskSecret(text.slice(start, end));
    position = end;
  }
  return result + text.slice(position);
}

/**
 * Masks a quoted excerpt of code before it is shortened to `max` characters: shortening first
 * would cut a credential to a piece no format recognises, and that piece would be shown whole.
 */
export function maskedExcerpt(text: string, max: number, ellipsis = '…'): string {
  const masked = maskSecrets(text);
  return masked.length > max ? `${masked.slice(0, max - ellipsis.length)}${ellipsis}` : masked;
}

/** A copy of a JSON-like value with every string, keys included, passed through `maskSecrets`. */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskDeep(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskSecrets(key), maskDeep(item)])) as T;
  }
  return value;
}

function maskData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? maskSecrets(value) : value]));
}

type FixFunction = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | readonly TSESLint.RuleFix[] | IterableIterator<TSESLint.RuleFix> | null;

/** The one fix ESLint makes of several: the source text between them is part of its text. */
function mergeFixes(fixes: readonly TSESLint.RuleFix[], source: string): TSESLint.RuleFix | null {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const first = sorted[0];
  if (first === undefined) return null;
  let text = '';
  let position = first.range[0];
  for (const fix of sorted) {
    if (fix.range[0] < position) return null;
    text += source.slice(position, fix.range[0]) + fix.text;
    position = fix.range[1];
  }
  return { range: [first.range[0], position], text };
}

/** The same edit restricted to what it changes: the unchanged text at both ends leaves the fix. */
function trimFix(fix: TSESLint.RuleFix, source: string): TSESLint.RuleFix {
  const [start, end] = fix.range;
  const before = source.slice(start, end);
  const limit = Math.min(before.length, fix.text.length);
  let head = 0;
  while (head < limit && before[head] === fix.text[head]) head++;
  let tail = 0;
  while (tail < limit - head && before[before.length - 1 - tail] === fix.text[fix.text.length - 1 - tail]) tail++;
  return { range: [start + head, end - tail], text: fix.text.slice(head, fix.text.length - tail) };
}

/**
 * Wraps a fix so its text never carries a credential. A fix that keeps a credential where it is
 * (a rewritten SQL string around a key) is trimmed to the part it changes, which applies the same
 * edit. A fix that still writes a credential is withdrawn: masking it would change what the code
 * does, and the credential itself is reported by `no-hardcoded-secrets`.
 */
function maskFix(fix: FixFunction, source: string): FixFunction {
  return (fixer) => {
    const result = fix(fixer);
    if (result === null) return null;
    const fixes: readonly TSESLint.RuleFix[] = 'range' in result ? [result as TSESLint.RuleFix] : [...(result as Iterable<TSESLint.RuleFix>)];
    const merged = mergeFixes(fixes, source);
    // Overlapping fixes are a rule bug that ESLint reports; leave them to it.
    if (merged === null || !containsSecret(merged.text)) return fixes;
    const trimmed = trimFix(merged, source);
    return containsSecret(trimmed.text) ? null : trimmed;
  };
}

interface LooseDescriptor {
  message?: unknown;
  data?: Record<string, unknown>;
  fix?: FixFunction | null;
  suggest?: readonly LooseSuggestion[] | null;
}

interface LooseSuggestion {
  desc?: unknown;
  data?: Record<string, unknown>;
  fix: FixFunction;
}

/**
 * The rule context with a `report` that masks credentials in everything it passes to ESLint: the
 * message data, a literal message, suggestion descriptions and data, and fix texts (see `maskFix`).
 * `createRule` gives every rule this context, so no rule can forget it.
 */
export function maskingContext<Context extends Readonly<TSESLint.RuleContext<string, readonly unknown[]>>>(context: Context): Context {
  const report = (descriptor: LooseDescriptor): void => {
    const source = context.sourceCode.text;
    const masked: LooseDescriptor = { ...descriptor };
    if (typeof descriptor.message === 'string') masked.message = maskSecrets(descriptor.message);
    if (descriptor.data !== undefined) masked.data = maskData(descriptor.data);
    if (typeof descriptor.fix === 'function') masked.fix = maskFix(descriptor.fix, source);
    if (Array.isArray(descriptor.suggest)) {
      masked.suggest = descriptor.suggest.map((suggestion: LooseSuggestion) => {
        const copy: LooseSuggestion = { ...suggestion, fix: maskFix(suggestion.fix, source) };
        if (typeof suggestion.desc === 'string') copy.desc = maskSecrets(suggestion.desc);
        if (suggestion.data !== undefined) copy.data = maskData(suggestion.data);
        return copy;
      });
    }
    (context.report as (descriptor: LooseDescriptor) => void)(masked);
  };
  // ESLint freezes the context; a child object keeps every other property and method.
  return Object.create(context, { report: { value: report, enumerable: true } }) as Context;
}
