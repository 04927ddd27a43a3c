/**
 * The inventory's JSON schema (version 1). Documented in `docs/inventory.md`: any change to a field
 * here is a change of the published format and bumps `schemaVersion`.
 */
import type { TaintKind } from '../models/taint-types.js';

export const SCHEMA_VERSION = 1;

/** Taint kinds that count as injection for `--fail-on new-injection`. */
export const INJECTION_KINDS: readonly TaintKind[] = ['sql', 'nosql', 'shell', 'code'];

export type AuthStatus = 'authenticated' | 'public' | 'unauthenticated' | 'unknown';

/** Where in the request an input is read. */
export type { InputLocation } from '../models/frameworks/request-inputs.js';
import type { InputLocation } from '../models/frameworks/request-inputs.js';
import type { OwnershipColumn } from './ownership.js';

export type Validation = boolean | 'partial';

export interface EndpointInput {
  location: InputLocation;
  /** Field, parameter or header name; null when the whole location is read (`req.body`). */
  name: string | null;
  /** How the code reads it, e.g. `req.query.id`. */
  expression: string;
  /** First line where it is read. */
  line: number;
  validated: Validation;
  /** Why: `Number()`, `schema.parse`, `ParseIntPipe`, `DTO CreateUserDto`, `read directly`. */
  reason: string;
}

export interface EndpointSink {
  kind: TaintKind;
  /** True for the kinds in `INJECTION_KINDS`. */
  injection: boolean;
  /** Callee as written, e.g. `pool.query`. */
  sink: string;
  line: number;
  /** The request input that reaches it, e.g. `` `req.body.label` ``. */
  source: string;
  /**
   * The file that holds the sink, relative to the working directory, when it is not the endpoint's
   * own (the handler passes the input to a service or repository of another file); `line` is then
   * that file's.
   */
  file?: string;
}

export interface WholeObjectResponse {
  /** How the response is written: `` `res.json` ``, the return value. */
  sink: string;
  /** The object sent, as written. */
  value: string;
  line: number;
  /** Sensitive fields the plugin knows it holds (type-aware), or null when judged by names. */
  fields: string[] | null;
}

export interface MassAssignment {
  /** The write, e.g. `User.create`. */
  sink: string;
  /** The request payload written whole, e.g. `req.body`. */
  input: string;
  line: number;
  /**
   * The write goes through a service of the project whose code is not in view (build output, a
   * service locator): whether it writes the payload whole is unknown. `no-mass-assignment` reports
   * these in `strict` only, and they do not make an endpoint count as exposing.
   */
  serviceOutOfView?: true;
}

/** Function-level authorization of an endpoint (see `require-role-check`). */
export interface RoleCheck {
  /** A role or permission check runs before or in the handler (judged by its code, or a role-check name out of view). */
  checked: boolean;
  /**
   * What makes the endpoint privileged, as `require-role-check` names it (`deletes a user the client
   * names (\`User.destroy\`) (src/users.ts:12)`, `path matches \`**\/admin/**\``), or null.
   */
  privileged: string | null;
}

export interface EndpointMount {
  /** File that mounts the router the route is registered on. */
  file: string;
  line: number;
  /** Prefix the mount (and its parents) add. */
  prefix: string | null;
}

export interface Endpoint {
  /** Stable key used by `--diff`: `METHOD /path`, or `METHOD file#handler` for a dynamic path. */
  id: string;
  /** Upper case; `ALL` when the route answers every method. */
  method: string;
  /** Full static path with router prefixes and mount paths; null when not static. */
  path: string | null;
  framework: string;
  /** Path relative to the working directory, `/` separators. */
  file: string;
  line: number;
  handler: { name: string | null; line: number | null };
  /** The cross-file mount whose prefix and guards were applied, or null. */
  mount: EndpointMount | null;
  auth: {
    status: AuthStatus;
    /** What authenticates it or makes it public; for `unknown`, why it could not be decided. */
    by: string | null;
    roleChecked: boolean;
    /** Names of everything that runs before the handler, outermost first. */
    guards: string[];
  };
  inputs: EndpointInput[];
  /** Summary of `inputs`: true when all are validated, false when none, null when there are none. */
  validated: Validation | null;
  sinks: EndpointSink[];
  exposure: { wholeObjectResponses: WholeObjectResponse[]; massAssignments: MassAssignment[] };
  /** Absent in inventories written before it was added. */
  roleCheck?: RoleCheck;
  /** How its record accesses by a client-supplied id are tied to the caller (added in version 1; see `ownership.ts`). */
  ownership?: OwnershipColumn;
}

/** An authenticated endpoint that is privileged and runs no role check (`--fail-on new-unchecked-privileged`). */
export function uncheckedPrivileged(endpoint: Endpoint): boolean {
  return endpoint.auth.status === 'authenticated' && endpoint.roleCheck !== undefined && !endpoint.roleCheck.checked && endpoint.roleCheck.privileged !== null;
}

export interface InventoryError {
  file: string;
  line: number;
  message: string;
}

/** A path that was not scanned, relative to the working directory, and why. */
export interface PathIssue {
  path: string;
  reason: string;
}

export interface InventorySummary {
  files: number;
  endpoints: number;
  authenticated: number;
  public: number;
  unauthenticated: number;
  unknown: number;
  /** Endpoints where request input reaches an injection sink. */
  injection: number;
  /** Endpoints that send a whole stored object or write a whole payload. */
  exposure: number;
  errors: number;
  /** Files and directories that exist but could not be read. */
  unreadable: number;
  /** Paths not scanned by design (see `Inventory.skipped`). */
  skipped: number;
  /** False when a file could not be read, parsed or analysed: endpoints may be missing. */
  complete: boolean;
}

export interface Inventory {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: string; version: string };
  summary: InventorySummary;
  endpoints: Endpoint[];
  errors: InventoryError[];
  /** Files and directories that exist but could not be read (`permission denied`, …). */
  unreadable: PathIssue[];
  /**
   * Paths not scanned by design: a given file that is not JavaScript or TypeScript, a FIFO, a
   * broken symlink, a symlink loop, a second link to a directory already scanned.
   */
  skipped: PathIssue[];
}

/** True when the endpoint's code reads request input into an injection sink. */
export function reachesInjection(endpoint: Endpoint): boolean {
  return endpoint.sinks.some((sink) => sink.injection);
}

export function exposes(endpoint: Endpoint): boolean {
  return endpoint.exposure.wholeObjectResponses.length > 0 || endpoint.exposure.massAssignments.some((write) => write.serviceOutOfView !== true);
}

export function summarize(
  endpoints: readonly Endpoint[],
  files: number,
  errors: number,
  unreadable = 0,
  skipped = 0,
): InventorySummary {
  const count = (status: AuthStatus): number => endpoints.filter((endpoint) => endpoint.auth.status === status).length;
  return {
    files,
    endpoints: endpoints.length,
    authenticated: count('authenticated'),
    public: count('public'),
    unauthenticated: count('unauthenticated'),
    unknown: count('unknown'),
    injection: endpoints.filter(reachesInjection).length,
    exposure: endpoints.filter(exposes).length,
    errors,
    unreadable,
    skipped,
    complete: errors === 0 && unreadable === 0,
  };
}
