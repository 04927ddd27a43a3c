/**
 * Shared vocabulary of the taint models. A `kind` names what an attacker-controlled value would be
 * interpreted as at a sink; sanitizers and guards clear only the kinds they protect.
 */
export type TaintKind = 'sql' | 'nosql' | 'shell' | 'code';

/** Every taint kind, for sanitizers that clear them all (number coercion, allowlists). */
export const allTaintKinds: readonly TaintKind[] = ['sql', 'nosql', 'shell', 'code'];

/**
 * How the checked argument is read by the sink.
 * - `text`: the argument is interpreted as query or command text.
 * - `filter`: the argument is a query object; an object value smuggles operators into it.
 * - `argv-shell`: an argument array whose elements reach a shell (only when `shell` is on or the
 *   program is a shell).
 */
export type SinkArgumentMode = 'text' | 'filter' | 'argv-shell';

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
  placeholder?: PlaceholderStyle;
}

/** A call whose result is safe for `kinds` (the value is coerced, escaped or checked). */
export interface SanitizerModel {
  /** Module of the function, or null for globals (`Number`, `parseInt`). */
  module: string | null;
  /** Access path from the module (or global name chain for globals), e.g. `Member[escape]`. */
  path: string;
  kinds: readonly TaintKind[] | 'all';
}
