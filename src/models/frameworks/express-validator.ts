import type { InputLocation } from './request-inputs.js';

/**
 * express-validator: `body('email').isEmail()`, `query('page').isInt().toInt()` in a route's
 * middleware. A chain only records errors in the request; the route rejects the request when a
 * `validationResult(req)` check with an early exit runs before the value is used (in the handler
 * or in a middleware after the chains). A sanitizer changes the value itself, checked or not.
 */
export const expressValidatorModule = 'express-validator';

/** The chain starters and the request input each checks (`check` checks every location). */
export const expressValidatorFields: Readonly<Record<string, readonly InputLocation[]>> = {
  body: ['body'],
  query: ['query'],
  param: ['path'],
  cookie: ['cookie'],
  header: ['header'],
  check: ['body', 'query', 'path', 'cookie', 'header'],
};

/**
 * Validators whose accepted values are all of a strict format that carries no injection in any
 * sink (digits, hex ids, UUIDs, a fixed list, letters and digits). Standard validators read an
 * object as the text `[object Object]`, which none of these accept.
 */
export const expressValidatorStrictFormats: ReadonlySet<string> = new Set([
  'isInt', 'isFloat', 'isNumeric', 'isDecimal', 'isBoolean', 'isUUID', 'isMongoId', 'isIn', 'isAlphanumeric', 'isAlpha',
  'isHexadecimal', 'isPort',
  // Codes and identifiers of letters and digits only: ISO country, currency and language codes,
  // hashes, ULIDs, bank (BIC), security (ISIN) and article (EAN) numbers.
  'isISO31661Alpha2', 'isISO31661Alpha3', 'isISO31661Numeric', 'isISO4217', 'isISO6391', 'isMD5', 'isHash', 'isULID', 'isBIC',
  'isISIN', 'isEAN',
]);

/**
 * Validators that fail for anything but a string of some format that may still hold quotes,
 * slashes or markup (`isEmail` allows `'` and `/` in the local part): the value is text, never a
 * NoSQL operator object, and nothing more.
 */
export const expressValidatorStringChecks: ReadonlySet<string> = new Set([
  'isString', 'isEmail', 'isURL', 'isSlug', 'isJWT', 'isISO8601', 'isDate', 'isIP', 'isFQDN', 'isLocale', 'isBase64',
  'isMobilePhone', 'isPostalCode', 'isCurrency', 'isLatLong', 'isSemVer', 'isTime',
]);

/** The validator that takes an anchored regular expression: it proves what the pattern's alphabet proves. */
export const expressValidatorPattern = 'matches';

/** Methods that negate the validator after them (`.not().isEmpty()`). */
export const expressValidatorNegations: ReadonlySet<string> = new Set(['not']);

/**
 * Sanitizers that replace the value, whether or not errors are checked: numbers and booleans carry
 * no injection; `escape` HTML-escapes the text.
 */
export const expressValidatorSanitizers: Readonly<Record<string, 'all' | 'xss'>> = {
  toInt: 'all',
  toFloat: 'all',
  toBoolean: 'all',
  escape: 'xss',
};

/** The function whose result holds the errors the chains recorded, and the calls that reject on them. */
export const expressValidatorResult = { function: 'validationResult', empty: 'isEmpty', throws: 'throw' } as const;
