/*
 * An internal error is a bug of this plugin met while analysing a file. The lint run goes on (one
 * broken analysis must not stop a whole CI run), but never silently: the rule whose analysis
 * failed reports one `internalError` diagnostic on the file (see `createRule`), and a test suite
 * can subscribe to every such error to fail the test in which it happened.
 */

/** What a subscriber hears about an internal error. */
export interface InternalErrorRecord {
  /** The rule whose analysis failed, without the plugin prefix. */
  readonly rule: string;
  /** The file being linted. */
  readonly filename: string;
  /** The error as shown to the user. */
  readonly message: string;
  /** What was thrown. */
  readonly error: unknown;
}

export type InternalErrorListener = (record: InternalErrorRecord) => void;

/*
 * Kept on `globalThis` under a registered symbol, so that the sources (in tests) and a built copy
 * (dist/) loaded in the same process share one subscriber. Nothing is stored when nobody listens,
 * so a long-running editor session does not accumulate errors.
 */
const LISTENER = Symbol.for('eslint-plugin-api-security/internal-error-listener');
type Holder = { [LISTENER]?: InternalErrorListener | undefined };

/** Installs the one subscriber to internal errors (a test setup), or removes it with `undefined`. */
export function onInternalError(listener: InternalErrorListener | undefined): void {
  (globalThis as Holder)[LISTENER] = listener;
}

/** The message id every rule has for its internal errors. */
export const INTERNAL_ERROR_MESSAGE_ID = 'internalError';

/** The text of that message; `{{error}}` is the first line of what was thrown. */
export const INTERNAL_ERROR_MESSAGE =
  'Internal error: the analysis failed ({{error}}), so findings of this rule in this file may be missing. Please report this bug of eslint-plugin-api-security; set API_SECURITY_DEBUG=1 to see the stack.';

const MAX_LENGTH = 300;

/** The first line of a thrown value, with its error name, at most 300 characters. */
export function describeInternalError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${String(error)}`;
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}

/** Tells the subscriber, if any, about an internal error. */
export function notifyInternalError(record: InternalErrorRecord): void {
  (globalThis as Holder)[LISTENER]?.(record);
}

/** The message id every rule has for an analysis that stopped at a limit (see `reportAnalysisLimit`). */
export const ANALYSIS_LIMIT_MESSAGE_ID = 'analysisLimit';

/** The text of that message; `{{limit}}` is the limit that was reached. */
export const ANALYSIS_LIMIT_MESSAGE =
  'The request-input analysis of this file stopped at its limit ({{limit}}), so findings of the injection, SSRF, redirect and XSS rules in this file may be missing. Split the function that holds it, or report the file to eslint-plugin-api-security.';
