import type { HostResolverModel, SanitizerModel, ValidatorGuardModel } from './taint-types.js';
import type { InputLocation } from './frameworks/request-inputs.js';

/** Calls whose result no longer carries an injectable value, with the kinds they clear. */
export const sanitizers = [
  { module: null, path: 'Number', kinds: 'all' },
  { module: null, path: 'parseInt', kinds: 'all' },
  { module: null, path: 'parseFloat', kinds: 'all' },
  { module: null, path: 'Boolean', kinds: 'all' },
  { module: null, path: 'BigInt', kinds: 'all' },
  { module: null, path: 'Number.parseInt', kinds: 'all' },
  { module: null, path: 'Number.parseFloat', kinds: 'all' },
  { module: null, path: 'Number.isInteger', kinds: 'all' },
  { module: null, path: 'Math.*', kinds: 'all' },
  { module: null, path: 'isNaN', kinds: 'all' },
  { module: null, path: 'String', kinds: ['nosql'] },
  // Encoded text has no `/`, `:`, `<` or quotes left; `..` survives, and a host stays a host.
  { module: null, path: 'encodeURIComponent', kinds: ['nosql', 'shell', 'url-path', 'redirect', 'xss'] },
  { module: null, path: 'path.basename', kinds: ['path'] },
  { module: 'path', path: 'Member[basename]', kinds: ['path'] },
  { module: 'node:path', path: 'Member[basename]', kinds: ['path'] },
  { module: 'sanitize-filename', path: '', kinds: ['path'] },
  // Unless told to encode with a function of the caller's (`{ encodeURIComponent: (s) => s }`) or not at all.
  { module: 'querystring', path: 'Member[stringify,encode]', kinds: ['url-path', 'xss'], unless: [{ argument: 3, key: 'encodeURIComponent' }] },
  { module: 'querystring', path: 'Member[escape]', kinds: ['url-path', 'xss'] },
  { module: 'node:querystring', path: 'Member[stringify,encode]', kinds: ['url-path', 'xss'], unless: [{ argument: 3, key: 'encodeURIComponent' }] },
  { module: 'node:querystring', path: 'Member[escape]', kinds: ['url-path', 'xss'] },
  { module: 'qs', path: 'Member[stringify]', kinds: ['url-path', 'xss'], unless: [{ argument: 1, key: 'encode', value: false }, { argument: 1, key: 'encoder' }, { argument: 1, key: 'encodeValuesOnly' }] },
  { module: 'escape-html', path: '', kinds: ['xss'] },
  { module: 'html-escaper', path: 'Member[escape]', kinds: ['xss'] },
  { module: 'he', path: 'Member[encode,escape]', kinds: ['xss'] },
  { module: 'lodash', path: 'Member[escape]', kinds: ['xss'] },
  { module: 'lodash-es', path: 'Member[escape]', kinds: ['xss'] },
  { module: 'lodash/escape', path: '', kinds: ['xss'] },
  { module: 'lodash.escape', path: '', kinds: ['xss'] },
  { module: 'underscore', path: 'Member[escape]', kinds: ['xss'] },
  { module: 'es-toolkit', path: 'Member[escape]', kinds: ['xss'] },
  { module: 'es-toolkit/string', path: 'Member[escape]', kinds: ['xss'] },
  { module: 'es-toolkit/compat', path: 'Member[escape]', kinds: ['xss'] },
  { module: 'validator', path: 'Member[escape]', kinds: ['xss'] },
  { module: 'validator/lib/escape', path: '', kinds: ['xss'] },
  { module: 'dompurify', path: 'Member[sanitize]', kinds: ['xss'] },
  { module: 'dompurify', path: 'ReturnValue.Member[sanitize]', kinds: ['xss'] },
  { module: 'isomorphic-dompurify', path: 'Member[sanitize]', kinds: ['xss'] },
  { module: 'sanitize-html', path: '', kinds: ['xss'] },
  { module: 'xss', path: '', kinds: ['xss'] },
  { module: 'xss', path: 'Member[filterXSS]', kinds: ['xss'] },
  // Regex escapes: the text matches literally (no operators, no catastrophic backtracking).
  { module: null, path: 'escapeRegExp', kinds: ['regex'] },
  { module: null, path: 'escapeRegex', kinds: ['regex'] },
  { module: null, path: 'escapeStringRegexp', kinds: ['regex'] },
  { module: null, path: 'RegExp.escape', kinds: ['regex'] },
  { module: null, path: '_.escapeRegExp', kinds: ['regex'] },
  { module: 'lodash', path: 'Member[escapeRegExp]', kinds: ['regex'] },
  { module: 'lodash-es', path: 'Member[escapeRegExp]', kinds: ['regex'] },
  { module: 'lodash.escaperegexp', path: '', kinds: ['regex'] },
  { module: 'escape-string-regexp', path: '', kinds: ['regex'] },
  { module: 'mysql', path: 'Member[escape,escapeId,format]', kinds: ['sql'] },
  { module: 'mysql2', path: 'Member[escape,escapeId,format]', kinds: ['sql'] },
  { module: 'mysql', path: 'Member[createConnection,createPool].ReturnValue.Member[escape,escapeId]', kinds: ['sql'] },
  { module: 'mysql2', path: 'Member[createConnection,createPool].ReturnValue.Member[escape,escapeId]', kinds: ['sql'] },
  { module: 'sqlstring', path: 'Member[escape,escapeId,format]', kinds: ['sql'] },
  { module: 'pg', path: 'Member[Client,Pool].Instance.Member[escapeLiteral,escapeIdentifier]', kinds: ['sql'] },
  { module: 'pg', path: 'Member[escapeLiteral,escapeIdentifier]', kinds: ['sql'] },
  { module: 'pg-format', path: 'Member[literal,ident]', kinds: ['sql'] },
  { module: 'shell-quote', path: 'Member[quote]', kinds: ['shell'] },
  { module: 'shescape', path: 'Member[quote,quoteAll,escape]', kinds: ['shell'] },
  { module: 'shell-escape', path: '', kinds: ['shell'] },
  { module: 'validator', path: 'Member[isInt,isNumeric,isUUID,isMongoId,isAlphanumeric]', kinds: 'all' },
  { module: 'mongoose', path: 'Member[Types].Member[ObjectId].Instance', kinds: 'all' },
  { module: 'mongodb', path: 'Member[ObjectId].Instance', kinds: 'all' },
] as const satisfies readonly SanitizerModel[];

/** Kinds a value that passed a host or address check is still unsafe for: it names any server. */
const NOT_A_URL_CHECK = ['sql', 'nosql', 'shell', 'code', 'path', 'xss', 'regex'] as const;

/**
 * Validator functions that guard a use (`if (!validator.isInt(id)) return ...`), with the kinds a
 * value that passed is safe for. A format that still admits quotes, `/` or any host (`isEmail`,
 * `isURL`) only proves the value is a string.
 */
export const validatorGuards = [
  {
    module: ['validator', 'validator/validator.js'],
    path: 'Member[isInt,isFloat,isDecimal,isNumeric,isUUID,isMongoId,isAlpha,isAlphanumeric,isHexadecimal,isBoolean,isPort,isHexColor,isMD5,isHash,isSlug,isISO8601,isDate,isIn,isISO31661Alpha2,isISO31661Alpha3,isISO31661Numeric,isISO4217,isISO6391,isULID,isBIC,isISIN,isEAN]',
    kinds: 'all',
  },
  { module: ['validator', 'validator/validator.js'], path: 'Member[isIP,isFQDN]', kinds: NOT_A_URL_CHECK },
  // Node's own address check: `net.isIP(x)` is 4 or 6 for an IP literal, 0 for anything else.
  { module: ['net', 'node:net'], path: 'Member[isIP,isIPv4,isIPv6]', kinds: NOT_A_URL_CHECK },
  { module: ['validator', 'validator/validator.js'], path: 'Member[isEmail,isURL,isJSON,isAscii,isLength,isJWT,isBase64]', kinds: ['nosql'] },
] as const satisfies readonly ValidatorGuardModel[];

/**
 * Express middleware that deletes every key starting with `$` or containing `.` from the request
 * inputs it lists, so that no operator object survives there (`{ "$ne": null }` becomes `{}`),
 * unless the option `disabledBy` is passed (express-mongo-sanitize's `dryRun` only reports).
 * Cookies and inputs read another way are not touched.
 */
export const nosqlSanitizingMiddleware = [
  { module: 'express-mongo-sanitize', locations: ['body', 'query', 'path', 'header'], disabledBy: 'dryRun' },
] as const satisfies readonly { module: string; locations: readonly InputLocation[]; disabledBy: string }[];

/**
 * Names of package functions that answer whether a URL stays on the site (a path, no scheme, no
 * `//` start), compared without case and underscores (`is_relative_url`, `isLocalUrl`). Their code
 * is out of view, so they are taken at their name, which states exactly what a redirect needs; a
 * function of the project with such a name is judged by its body instead.
 */
export const relativeUrlPredicates = ['isrelativeurl', 'isrelativeuri', 'islocalurl', 'islocalredirect', 'issaferedirect', 'issaferedirecturl'] as const;

/**
 * Calls that resolve a host name to the addresses it points at. An SSRF assertion helper that
 * throws when an address they give is in a blocked range checks where the request really goes
 * (see `analysis/taint/url-assertions.ts`).
 */
export const hostResolvers = [
  { module: ['dns', 'node:dns'], path: 'Member[lookup,resolve,resolve4,resolve6]' },
  { module: ['dns', 'node:dns'], path: 'Member[promises].Member[lookup,resolve,resolve4,resolve6]' },
  { module: ['dns/promises', 'node:dns/promises'], path: 'Member[lookup,resolve,resolve4,resolve6]' },
] as const satisfies readonly HostResolverModel[];

/**
 * HTTP agents of SSRF-filtering libraries: an agent that checks, when it connects, the address a
 * host name resolved to and refuses private, loopback and link-local ones (and so redirects and
 * DNS rebinding too). A request given one in its options (`fetch(url, { agent: useAgent(url) })`,
 * axios `{ httpAgent, httpsAgent }`) cannot reach an internal address, whatever its URL.
 */
export const ssrfFilteringAgents = [
  { module: 'request-filtering-agent', path: 'Member[useAgent].ReturnValue' },
  { module: 'request-filtering-agent', path: 'Member[globalHttpAgent,globalHttpsAgent]' },
  { module: 'request-filtering-agent', path: 'Member[RequestFilteringHttpAgent,RequestFilteringHttpsAgent].Instance' },
  // `ssrfFilter(url)` of ssrf-req-filter and `ssrfAgent()` of ssrf-agent return such an agent.
  { module: 'ssrf-req-filter', path: 'ReturnValue' },
  { module: 'ssrf-agent', path: 'ReturnValue' },
] as const satisfies readonly HostResolverModel[];

/** Request options that carry the agents a request connects with: `agent` (Node's `http`, node-fetch, got), axios's pair. */
export const agentOptions = { single: 'agent', pair: ['httpAgent', 'httpsAgent'] } as const;

/**
 * Names of calls that, given a host, check only its form (an IP literal, a well-formed name) or
 * convert it: a throw that depends on them alone does not keep a request off private addresses.
 */
export const hostFormChecks = [
  'isIP', 'isIPv4', 'isIPv6', 'isFQDN', 'isURL', 'isValid', 'isEmpty', 'isString',
  'Boolean', 'String', 'Number', 'URL', 'encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent',
] as const;

/**
 * Method names that, called on any value, return a string: the result cannot carry a query
 * operator object, so it is clean for NoSQL (but still unsafe inside SQL or shell text).
 */
export const stringMethods = [
  'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase',
  'toString', 'slice', 'substring', 'substr', 'replace', 'replaceAll', 'padStart', 'padEnd', 'normalize',
  'concat', 'repeat', 'at', 'charAt', 'join', 'toFixed',
] as const;

/**
 * Methods whose result is a string whatever they are called on (or that throw unless called on a
 * string), so `req.body.email.toString()` cannot carry a query operator object.
 */
export const stringResultMethods = [
  'toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase',
  'toLocaleUpperCase', 'padStart', 'padEnd', 'normalize', 'replace', 'replaceAll', 'charAt', 'substring',
  'substr', 'toFixed', 'repeat', 'join',
] as const;

/**
 * Methods only strings have: neither arrays nor plain objects parsed from JSON do (unlike
 * `slice`, `includes`, `indexOf`, `concat`, `at` and `toString`). Calling one on an operator object
 * sent as JSON throws, so a value it ran on without throwing is a string.
 */
export const stringOnlyMethods = [
  'substring', 'substr', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase',
  'toLocaleUpperCase', 'padStart', 'padEnd', 'normalize', 'replace', 'replaceAll', 'charAt', 'charCodeAt',
  'codePointAt', 'startsWith', 'endsWith', 'split', 'match', 'matchAll', 'search', 'repeat', 'localeCompare',
] as const;

/** Methods whose result holds no part of the value (booleans, numbers). */
export const predicateMethods = [
  'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'test', 'localeCompare', 'charCodeAt',
  'codePointAt', 'search', 'some', 'every', 'findIndex', 'has', 'isValid', 'valueOf',
] as const;

/** Methods of a clean value whose result carries their tainted arguments. */
export const argumentPropagatingMethods = ['concat', 'replace', 'replaceAll', 'format', 'join', 'padStart', 'padEnd', 'assign'] as const;

/**
 * Methods of a string value, as opposed to request APIs: `stringMethods` and `split`, whose parts
 * are still the value's text (but an array, so not in `stringMethods`).
 */
export const stringValueMethods = [...stringMethods, 'split'] as const;

/** Global functions that pass their argument's content through. */
export const propagatingFunctions = [
  'JSON.parse', 'JSON.stringify', 'decodeURIComponent', 'decodeURI', 'encodeURI', 'unescape', 'escape',
  'Object.assign', 'Object.values', 'Object.entries', 'Object.keys', 'Object.fromEntries', 'Array.from', 'Array.of',
  'Buffer.from', 'structuredClone', 'util.format', 'format', 'path.join', 'path.resolve', 'path.normalize',
  'String.raw', 'URL', 'URLSearchParams', 'Promise.resolve',
] as const;

/**
 * Functions that read a property path of the object they are given: `get(req, 'query.next')` is
 * `req.query.next` (the path a dotted string, `[0]` for an index, or a list of keys), and the third
 * argument is the default. lodash/fp's `get(path, object)` takes them the other way round: not here.
 */
export const propertyPathReaders = [
  { module: ['lodash', 'lodash-es'], path: 'Member[get]' },
  { module: ['lodash/get', 'lodash.get', 'lodash-es/get'], path: '' },
] as const satisfies readonly { module: readonly string[]; path: string }[];

/**
 * Of `propagatingFunctions`, those whose result is a string whatever they are given: it cannot
 * carry a query operator object, so it is clean for NoSQL.
 */
export const stringResultFunctions = [
  'JSON.stringify', 'decodeURIComponent', 'decodeURI', 'encodeURI', 'escape', 'unescape', 'util.format', 'format',
  'path.join', 'path.resolve', 'path.normalize', 'String.raw', 'String',
] as const;

/**
 * Of `propagatingFunctions`, those whose result is an array or a plain object whatever they are
 * given (a string argument gives an array of its characters or entries): a response body that
 * sends it answers JSON, not HTML. `JSON.parse` is not one: `'"<b>"'` parses to a string.
 */
export const recordResultFunctions = [
  'Array.from', 'Array.of', 'Object.keys', 'Object.values', 'Object.entries', 'Object.fromEntries',
] as const;

/**
 * Methods that only arrays have among the values a request or a string gives (strings have no
 * `map`), and whose result is a new array: sent as a response body it answers JSON. `slice` and
 * `concat` are not ones: a string has them and they return a string.
 */
export const arrayResultMethods = ['map', 'filter', 'flatMap', 'flat'] as const;

/** Modules whose path-building functions (`pathFunctions`) pass their arguments into the path. */
export const pathModules = ['path', 'node:path'] as const;

/** Functions of `path` that build a path from their arguments: the result holds each of them. */
export const pathFunctions = ['join', 'resolve', 'normalize', 'relative', 'format', 'toNamespacedPath'] as const;

/** Methods of arrays whose callback receives the array's elements. */
export const elementCallbackMethods = ['map', 'forEach', 'filter', 'flatMap', 'find', 'some', 'every', 'reduce', 'reduceRight'] as const;

/** Methods whose callback receives the value or its elements: the array callbacks and a promise's `then`. */
export const valueCallbackMethods = [...elementCallbackMethods, 'then'] as const;

/**
 * Methods that put their arguments into the collection they are called on (`parts.push(x)`,
 * `params.set(k, v)`, `form.append(k, v)`): the collection then holds what they were given.
 */
export const mutatorMethods = ['push', 'unshift', 'splice', 'set', 'add', 'append'] as const;

/**
 * Mutators that store a value under a key when given two or more arguments (`map.set(k, v)`,
 * `cache.add(key, entry, ttl)`, `params.append(name, value)`): the first argument is the key. A
 * lookup on the collection (a method call given arguments, `map.get(k)`) returns a stored value,
 * never a key; its keys stay in what iterates or serialises it (`[...map]`, `params.toString()`).
 */
export const keyedWriteMethods = ['set', 'add', 'append'] as const;

/**
 * Methods that look a value up by its key (`map.get(k)`, `cache.getValue(k)`, `localStore.getItem(k)`,
 * `lru.peek(k)`): they answer a stored value, never a key. Other methods given arguments are not
 * lookups: `buf.toString('utf8', 0, n)` answers what `buf.set(chunk, offset)` copied in (a `set`
 * whose first argument is the data), and a helper may answer its keys (`errors.fullMessages('li')`).
 */
export const lookupMethods = ['get', 'getValue', 'getItem', 'peek'] as const;

/** Request inputs that are always strings (never objects), so they cannot smuggle query operators. */
export const stringOnlyInputs = [
  'params', 'headers', 'header', 'header()', 'get()', 'url', 'originalUrl', 'path', 'hostname', 'querystring',
  'req.param()', 'req.header()', 'req.url', 'req.path', 'headers.get()', 'cookies.get()', 'request.url',
  'request.headers', 'request.get()', 'raw.url', 'nextUrl.pathname', 'nextUrl.searchParams', 'text()',
  // API Gateway events: path and query parameters map names to strings.
  'pathParameters', 'queryStringParameters', 'rawPath', 'rawQueryString',
] as const;

