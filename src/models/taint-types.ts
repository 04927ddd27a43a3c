/**
 * Shared vocabulary of the taint models. A `kind` names what an attacker-controlled value would be
 * interpreted as at a sink; sanitizers and guards clear only the kinds they protect.
 */
export type TaintKind = 'sql' | 'nosql' | 'shell' | 'code' | 'ssrf' | 'url-path' | 'path' | 'redirect' | 'xss' | 'regex' | 'id';

/**
 * Every injection kind, for sanitizers that clear them all (number coercion, allowlists). `id` is
 * not one: it marks a record id the client chose (`require-ownership-check`), which no coercion,
 * format check or schema makes the caller's own, so nothing that clears "all" clears it.
 */
export const allTaintKinds: readonly TaintKind[] = ['sql', 'nosql', 'shell', 'code', 'ssrf', 'url-path', 'path', 'redirect', 'xss', 'regex'];

/** Kinds whose sinks are only calls; the other kinds also have `new`, `import()` and assignment sinks. */
export const callSinkKinds: readonly TaintKind[] = ['sql', 'nosql', 'shell'];

/** Kinds where a fixed start of the text (an origin, a path) makes the rest harmless. */
export const prefixKinds: readonly TaintKind[] = ['ssrf', 'redirect'];

/**
 * How the checked argument is read by the sink.
 * - `text`: the argument is interpreted as query or command text.
 * - `filter`: the argument is a query object; an object value smuggles operators into it.
 * - `argv-shell`: an argument array whose elements reach a shell (only when `shell` is on or the
 *   program is a shell).
 * - `url`: a URL (string or `URL`) that a request is sent to or a client is redirected to.
 * - `url-options`: a URL, or a request options object whose `url`, `baseURL`, `host`, `hostname`
 *   or `origin` property is one (`axios({ url })`, `http.request({ host })`).
 * - `html`: text sent as an HTML document.
 * - `template`: the path ends at a call used as a template tag (`$({ shell: true })\`ls ${x}\``);
 *   the interpolations of the tagged template are the text.
 * - `options`: an options object that must not come whole from the request
 *   (`res.render('page', req.query)` lets a client set the template engine's options).
 * - `sandbox`: the globals object of a `vm` context; its values are code when the evaluated
 *   text calls `eval` or `Function` on them.
 */
export type SinkArgumentMode = 'text' | 'filter' | 'argv-shell' | 'url' | 'url-options' | 'html' | 'template' | 'options' | 'sandbox';

/** Placeholder style of a driver, for the parameterized rewrite suggestion. */
export type PlaceholderStyle = 'dollar' | 'question' | 'prisma-tagged';

/**
 * A sink: the argument of a call on a value that comes from `module`.
 * `path` is an access path from the module's export to the call, CodeQL style:
 * `Member[a,b]` (property), `Instance` (`new`), `ReturnValue` (call), `Any*` (any chain of
 * members and calls), and a final `Argument[i]`.
 */
export interface SinkModel {
  kind: TaintKind;
  module: string | readonly string[];
  path: string;
  /** Human label of the library, for messages and docs. */
  library: string;
  mode?: SinkArgumentMode;
  /** Only a sink when an options object of the call sets this property to a truthy value. */
  requiresOption?: string;
  placeholder?: PlaceholderStyle;
  /**
   * The argument is a response init (`{ status, headers }`): the value of this header (lower case,
   * e.g. `location`) in its `headers` (an object, `new Headers({ … })` or a list of pairs) is
   * checked, not the argument itself.
   */
  header?: string;
  /** With `header`: the init's status property; a number outside 3xx there (`201`) makes the header no redirect. */
  redirectStatus?: string;
}

/**
 * A sink recognised without an import: a method name called on a receiver whose name looks like a
 * database handle. Used when the client is created in another file (`import { db } from './db'`).
 */
export interface FallbackSinkModel {
  kind: TaintKind;
  methods: readonly string[];
  /** Receiver names (last segment, case-insensitive); empty means any receiver. */
  receivers: readonly string[];
  argument: number;
  library: string;
  mode?: SinkArgumentMode;
  /** Also require the argument's static text to start like a SQL statement. */
  requireSqlText?: boolean;
  /** Receiver chain must contain a call to one of these methods (`createQueryBuilder`). */
  chainContains?: readonly string[];
  /**
   * Top-level keys of an object-literal argument that make it another library's options object
   * rather than this sink's argument (Sequelize's and TypeORM's `findOne({ where })`).
   */
  notWithKeys?: readonly string[];
  placeholder?: PlaceholderStyle;
}

/**
 * A sink that needs no import: a global function or constructor (`fetch`, `eval`, `new Function`).
 * Only matched when the name is not shadowed by a binding of this file.
 */
export interface GlobalSinkModel {
  kind: TaintKind;
  /** Dotted name of the callee, e.g. `fetch`, `Response.redirect`. */
  name: string;
  /** The argument checked, `'any'` for every argument (`new Function(a, b, body)`). */
  argument: number | 'any';
  library: string;
  mode?: SinkArgumentMode;
  /** Also (or only, with `'only'`) a sink when called with `new`. */
  construct?: boolean | 'only';
  /**
   * The argument is a response init (`{ status, headers }`): the value of this header (lower case,
   * e.g. `location`) in its `headers` (an object, `new Headers({ … })` or a list of pairs) is
   * checked, not the argument itself.
   */
  header?: string;
  /** With `header`: the init's status property; a number outside 3xx there (`201`) makes the header no redirect. */
  redirectStatus?: string;
}

/**
 * Handler parameters that hold the response (or the context object that sends it), per request
 * style; null when the style sends responses by returning them.
 */
export type ResponseParameterModel = Record<string, number | null>;

/**
 * A sink that is a method of a handler's response object: `res.redirect(url)`, `c.html(text)`.
 * Methods chained before it (`res.status(302).redirect(url)`) are looked through.
 */
export interface ResponseSinkModel {
  kind: TaintKind;
  /** Request styles (see `requestInputs`) whose response object has this method. */
  styles: readonly string[];
  methods: readonly string[];
  /** The argument checked, `'any'` for every argument (`res.redirect([status,] url)`). */
  argument: number | 'any';
  library: string;
  mode?: SinkArgumentMode;
  /** Only when the first argument names this header (case-insensitive), e.g. `location`. */
  header?: string;
  /** The argument is a headers object; its property named `header` is checked. */
  headersObject?: boolean;
  /** Not a sink when an options argument sets this property (`res.sendFile(name, { root })`). */
  unlessOption?: string;
  /**
   * The method confines the path to a directory unless an options argument sets this property to
   * `false` (`h.file(name, { confine: false })`): a sink only then, or when the path is absolute.
   */
  confinedUnlessFalse?: string;
  /** For `html` sinks: when the body is read as HTML (see `htmlResponseSinks`). */
  html?: 'always' | 'default' | 'declared';
  /**
   * For `html` sinks: the method picks the content type from the value, a string as HTML and an
   * object or array as JSON, and is the framework's usual way to send JSON with a status or header
   * (Hapi's `h.response(obj).code(201)`): without a declared type, the argument is read only when it
   * is shown to be text, not when its type is unknown.
   */
  textOnly?: boolean;
  /**
   * A header browsers act on only with a 3xx status (`Location`): not a sink when every status the
   * handler gives the response is a known one outside 3xx (see `responseStatusSetters`).
   */
  redirectStatusOnly?: boolean;
}

/**
 * A response object that a handler returns, which its platform sends (AWS Lambda proxy
 * integration: `return { statusCode, headers, body }`). Either a header inside one of the
 * `headers` objects (case-insensitive), or the `body` property, read in `mode`.
 */
export interface ReturnedResponseSinkModel {
  kind: TaintKind;
  library: string;
  /** Request styles (see `requestInputs`) whose handlers return such an object. */
  styles: readonly string[];
  mode: SinkArgumentMode;
  /** Properties of the object that hold header objects, e.g. `headers`, `multiValueHeaders`. */
  headers?: readonly string[];
  /** The header checked (lower case), e.g. `location`; its value may be a list (multi-value headers). */
  header?: string;
  /** The property checked, e.g. `body`. */
  property?: string;
  /**
   * A property of an object the returned object holds, by its path: `['redirect', 'destination']`
   * for Next.js's `return { redirect: { destination: url } }`.
   */
  nested?: readonly string[];
  /** For `html` sinks: read as HTML only when the object's headers declare an HTML `Content-Type`. */
  html?: 'declared';
  /**
   * The property that holds the response status (`statusCode`), for a header browsers act on only
   * with a 3xx (`Location`): not a sink when the object sets it to a number outside 3xx.
   */
  redirectStatus?: string;
}

/**
 * Handlers whose return value is the response body (Nest, Fastify). The body is read as HTML only
 * where the handler declares an HTML `Content-Type`: `decorator` (a method decorator such as Nest's
 * `@Header('Content-Type', 'text/html')`) or `response` (a call on the handler's response
 * parameter before the return, Fastify `reply.type('text/html')`).
 */
export interface ReturnedBodySinkModel {
  kind: TaintKind;
  library: string;
  /** Request styles (see `requestInputs`) whose handlers send what they return. */
  styles: readonly string[];
  mode: SinkArgumentMode;
  declared: 'decorator' | 'response';
  /** For `decorator`: the decorators that set a header from (name, value) arguments. */
  decorators?: readonly string[];
  /**
   * For a redirect decorator (`@Redirect(url)` on the method, imported from one of `modules`): what
   * of the returned value replaces the decorator's URL: the value itself when it is not an object
   * (`value`, routing-controllers), or its `url` property (`url-property`, NestJS).
   */
  redirect?: { modules: readonly string[]; returned: 'value' | 'url-property' };
}

/** A call whose result is safe for `kinds` (the value is coerced, escaped or checked). */
export interface SanitizerModel {
  /** Module of the function, or null for globals (`Number`, `parseInt`). */
  module: string | null;
  /** Access path from the module (or global name chain for globals), e.g. `Member[escape]`. */
  path: string;
  kinds: readonly TaintKind[] | 'all';
  /**
   * Options that turn the sanitizing off: the call clears nothing when its argument `argument` is
   * an object with the key `key` (set to `value` when given, to anything otherwise, or when the
   * object cannot be read), as `qs.stringify(q, { encode: false })`.
   */
  unless?: readonly { argument: number; key: string; value?: boolean }[];
}

/** A check that, when it passed, makes the checked value (its first argument) safe for `kinds`. */
/** A call that resolves a host name to its addresses (see `hostResolvers`). */
export interface HostResolverModel {
  module: string | readonly string[];
  /** Access path from the module to the function, e.g. `Member[lookup]`. */
  path: string;
}

export interface ValidatorGuardModel {
  module: string | readonly string[];
  /** Access path from the module to the check, e.g. `Member[isInt]`. */
  path: string;
  kinds: readonly TaintKind[] | 'all';
}
