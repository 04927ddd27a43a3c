import { placeholderMarkers, placeholderValues, publicValues } from '../../models/secrets.js';
import { shannonEntropy } from './entropy.js';

const PLACEHOLDER_VALUES = new Set(placeholderValues);

function isOneRepeatedCharacter(value: string): boolean {
  const first = value.charAt(0);
  for (const char of value) if (char !== first) return false;
  return true;
}

/** `sk_live_0000…` is a placeholder too: strip the `word_` / `word-` prefixes of provider formats. */
function stripPrefix(value: string): string {
  let start = 0;
  for (;;) {
    let end = start;
    while (end < value.length && /[a-z]/i.test(value.charAt(end))) end += 1;
    const separator = value.charAt(end);
    if (end === start || (separator !== '_' && separator !== '-')) return value.slice(start);
    start = end + 1;
  }
}

function isWrapped(value: string, open: string, close: string): boolean {
  return value.length >= 2 && value.startsWith(open) && value.endsWith(close);
}

/**
 * Whether a value stands in for a secret rather than being one: empty, `changeme`, `your-api-key`,
 * `<token>`, `${TOKEN}`, `xxxx…`, anything with `example` in it, one repeated character.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  const lower = trimmed.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (placeholderMarkers.some((marker) => lower.includes(marker))) return true;
  // `your-api-key`, `your api key`, and `your_api_key`: `\b` alone misses the underscore, a word character.
  if (/^your(?:\b|_)/.test(lower) || /^(?:insert|enter|put|add)[\s_-]?your/.test(lower)) return true;
  if (isWrapped(trimmed, '<', '>') || isWrapped(trimmed, '[', ']') || isWrapped(trimmed, '%', '%')) return true;
  if (/^\$[A-Z_]\w*$/i.test(trimmed)) return true;
  if (isOneRepeatedCharacter(trimmed)) return true;
  const tail = stripPrefix(trimmed);
  return tail.length > 0 && tail !== trimmed && isOneRepeatedCharacter(tail);
}

/** Whether a value is a credential format that is public by design (`pk_live_…`, a public key). */
export function isPublicValue(value: string): boolean {
  return publicValues.some((entry) => entry.regex.test(value));
}

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
const PASSWORD_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?|[156])\$/;
const SUBRESOURCE_INTEGRITY = /^sha(?:256|384|512)-[\d+/=A-Za-z]+$/;
const CONSTANT_NAME = /^[A-Z][\dA-Z]*(?:_[\dA-Z]+)+$/;
/** Parts that are names, with array indexes between them (`apps.0.secret`): never ending on a number. */
const DOTTED_KEY = /^[A-Z]\w*(?:[.:](?:\d+[.:])*[A-Z]\w*)+$/i;
/**
 * A part of a dotted value that is a random run rather than a name: 16 characters or more with at
 * least three digits (`q8Xv2LmN0rTzW4yB`). Config keys are made of names (`auth.jwt.secret`,
 * `services.mail.apiKey2`); a provider token with dots between random parts is not one.
 */
const RANDOM_PART = /^(?=(?:\D*\d){3})\w{16,}$/;

/**
 * `app.session.secret`, `mail:apiKey`, `apps.0.secret`: the key a setting is looked up by, every
 * part a name or an array index.
 */
function isDottedKey(value: string): boolean {
  return DOTTED_KEY.test(value) && !value.split(/[.:]/).some((part) => RANDOM_PART.test(part));
}
const FILE_EXTENSION = /\.(?:pem|key|crt|cer|p12|pfx|json|txt|env|ya?ml)$/i;

/**
 * Shapes that are not a secret even under a secret-ish name: a file path or a URL without credentials
 * (where the secret lives), an environment variable or config key (how to look it up), a UUID, a
 * password hash or an integrity hash.
 */
export function isStructurallyNotSecret(value: string): boolean {
  if (value.startsWith('./') || value.startsWith('../') || value.startsWith('~/')) return true;
  // A lone leading slash can start a base64 key; a path has more than one.
  if (value.startsWith('/') && value.indexOf('/', 1) > 1) return true;
  if (FILE_EXTENSION.test(value)) return true;
  if (value.includes('://')) return true;
  if (CONSTANT_NAME.test(value) || isDottedKey(value)) return true;
  return UUID.test(value) || PASSWORD_HASH.test(value) || SUBRESOURCE_INTEGRITY.test(value);
}

const WORD = /^\p{Lu}?\p{Ll}+$|^\p{Lu}+$/u;
const JOINED_WORDS = /^[a-z]+(?:[_.-][a-z]+)+$/;
/**
 * Words in camel case (`isStrongPassword`, `s3SecretAccessKey`, `oauth2ClientSecret`, `apiKey2`): a
 * short number may end the first word or the last. Digits anywhere else, or capitals in a row, are
 * what random text has.
 */
const CAMEL_WORDS = /^(?:[a-z]+\d{0,2}|[A-Z][a-z]+)(?:[A-Z][a-z]+)+\d{0,2}$/;
const MAX_WORD_LENGTH = 16;
/** A word of an HTTP header name: capitalised (`Api`), or a short upper-case token (`X`, `CSRF`). */
const HEADER_TOKEN = /^(?:[A-Z][a-z]+|[A-Z]{1,5})$/;
const HEADER_WORD = /^[A-Z][a-z]{2,}$/;

/**
 * `X-Authenticator`, `X-Api-Key`, `Proxy-Authorization`: the name of an HTTP header (the one that
 * carries a credential, under `authKey` or `apiKeyHeader`), not a credential. Hyphen-joined words,
 * at least one of them a capitalised word of three letters or more, so that random letter groups
 * (`QwZx-PlMk`, `ABCD-EFGH`) are not taken for one.
 */
export function isHeaderName(value: string): boolean {
  const tokens = value.split('-');
  return tokens.length > 1 && tokens.every((token) => HEADER_TOKEN.test(token)) && tokens.some((token) => HEADER_WORD.test(token));
}

/** The gate of name-based findings: long and random enough to be a credential, not a word or a label. */
export interface StrengthGate {
  readonly minLength: number;
  readonly minEntropy: number;
}

/**
 * Whether a value under a secret-ish name looks like a credential rather than text: long enough, random
 * enough, no spaces (`Enter your password`), not a lone word (`Password`, `Contraseña`), not words
 * joined by separators or camel case (`access_token`, `new-password`, `isStrongPassword`) and not
 * the name of an HTTP header (`X-Api-Key`).
 */
export function passesStrengthGate(value: string, gate: StrengthGate): boolean {
  if (value.length < gate.minLength) return false;
  if (/\s/.test(value)) return false;
  if (value.length <= MAX_WORD_LENGTH && WORD.test(value)) return false;
  if (JOINED_WORDS.test(value) || CAMEL_WORDS.test(value) || isHeaderName(value)) return false;
  return shannonEntropy(value) >= gate.minEntropy;
}

/**
 * `hd_partner_7c1e04b9…`: a made-up key of the application, a lower-case prefix ended by `_` or
 * `-` and a random tail of letters and digits that passes the strength gate.
 */
export function isKeyShaped(value: string, gate: StrengthGate): boolean {
  const match = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*?[_-]([A-Za-z0-9]{24,})$/u.exec(value);
  const tail = match?.[1];
  return tail !== undefined && /\d/u.test(tail) && /[A-Za-z]/u.test(tail) && passesStrengthGate(tail, gate);
}
