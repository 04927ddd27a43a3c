import {
  genericNameWords,
  keyQualifiers,
  nonSecretKeyQualifiers,
  nonSecretNameWords,
  nonSecretTokenQualifiers,
  secretWords,
} from '../../models/secrets.js';

const SECRET_WORDS = new Set(secretWords);
const KEY_QUALIFIERS = new Set(keyQualifiers);
const NON_SECRET_TOKEN = new Set(nonSecretTokenQualifiers);
const NON_SECRET_WORDS = new Set(nonSecretNameWords);
const NON_SECRET_KEYS = new Set(nonSecretKeyQualifiers);
const GENERIC_WORDS = new Set(genericNameWords);

type CharClass = 'upper' | 'lower' | 'digit' | 'other';

function classify(char: string): CharClass {
  if (char >= 'a' && char <= 'z') return 'lower';
  if (char >= 'A' && char <= 'Z') return 'upper';
  if (char >= '0' && char <= '9') return 'digit';
  return 'other';
}

/**
 * Splits an identifier or a key into lower-case words: `stripeSecretKey`, `STRIPE_SECRET_KEY`,
 * `x-api-key` and `APIKey` give `stripe secret key`, `stripe secret key`, `x api key` and `api key`.
 * Digits stay with the word before them (`oauth2Token` gives `oauth2 token`).
 */
export function splitWords(name: string): string[] {
  const words: string[] = [];
  let current = '';
  for (let index = 0; index < name.length; index += 1) {
    const char = name.charAt(index);
    const kind = classify(char);
    if (kind === 'other') {
      if (current !== '') words.push(current);
      current = '';
      continue;
    }
    const previous = index > 0 ? classify(name.charAt(index - 1)) : 'other';
    const next = index + 1 < name.length ? classify(name.charAt(index + 1)) : 'other';
    const startsWord =
      kind === 'upper' && (previous === 'lower' || previous === 'digit' || (previous === 'upper' && next === 'lower'));
    if (startsWord && current !== '') {
      words.push(current);
      current = '';
    }
    current += char.toLowerCase();
  }
  if (current !== '') words.push(current);
  return words;
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * Whether a name says it holds a credential. The last word decides, so `apiKey`, `dbPassword` and
 * `JWT_SECRET` are secret-ish while `apiKeyHeader`, `passwordHash`, `tokenUrl` and `cacheKey` are not.
 */
export function isSecretName(names: readonly string[]): boolean {
  // `secret2`, `apiKey1`: numbered variants of the same thing.
  const words = names.map((word) => word.replace(/(?<=[a-z])\d+$/, ''));
  if (words.length === 0 || words.some((word) => NON_SECRET_WORDS.has(word))) return false;
  const last = words.at(-1) ?? '';
  const previous = words.at(-2);
  const word = SECRET_WORDS.has(last) || last === 'key' ? last : singular(last);
  if (word === 'token') return previous === undefined || !NON_SECRET_TOKEN.has(previous);
  if (SECRET_WORDS.has(word)) return true;
  if (word === 'key') {
    if (previous === undefined) return false;
    // `secretOrKey` (passport-jwt), `secretOrPrivateKey` (jsonwebtoken)
    return KEY_QUALIFIERS.has(previous) || words.slice(0, -1).includes('secret');
  }
  return false;
}

/**
 * An environment variable named as a key of some service (`IMGPROXY_KEY`, `WEBHOOK_SIGNER_KEY`):
 * a last word `key` after a qualifier that does not make it an identifier or a browser key
 * (`CACHE_KEY`, `RECAPTCHA_SITE_KEY`, `PUBLIC_KEY`). Weaker than `isSecretName`: only random hex
 * given as its fallback is read as a key (see the scanner).
 */
export function isKeyVariableName(names: readonly string[]): boolean {
  const words = names.map((word) => word.replace(/(?<=[a-z])\d+$/, ''));
  if (words.length < 2 || words.at(-1) !== 'key' || words.some((word) => NON_SECRET_WORDS.has(word))) return false;
  return !NON_SECRET_KEYS.has(words.at(-2) ?? '');
}

/** `stripeSecretKey` gives `STRIPE_SECRET_KEY`. */
export function toEnvName(words: readonly string[]): string {
  const name = words.join('_').toUpperCase();
  return /^\d/.test(name) ? `_${name}` : name;
}

/**
 * Picks the environment variable the suggestion proposes: a name from the code when it says which
 * secret it is (`stripeSecretKey`), otherwise the library's or provider's conventional name (`apiKey`
 * passed to OpenAI gives `OPENAI_API_KEY`), otherwise whatever the code calls it.
 */
export function chooseEnvName(contextName: string | undefined, hint: string | undefined): string {
  const words = contextName === undefined ? [] : splitWords(contextName);
  const specific = words.length >= 2 && words.some((word) => !GENERIC_WORDS.has(word));
  if (specific) return toEnvName(words);
  if (hint !== undefined) return hint;
  if (words.length > 0) return toEnvName(words);
  return 'SECRET';
}

/**
 * The value only repeats its own name (`gocardless_secretKey: 'gocardless_secretKey'`, an enum of
 * secret names): an identifier that names a secret, not a secret.
 */
export function repeatsItsName(name: string, value: string): boolean {
  const normalize = (text: string): string => text.toLowerCase().replaceAll(/[^a-z0-9]/g, '');
  const normalized = normalize(value);
  return normalized !== '' && normalized === normalize(name);
}
