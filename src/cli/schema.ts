import { allTaintKinds } from '../models/taint-types.js';
import { SCHEMA_VERSION, type Inventory } from './model.js';
import { OWNERSHIP_VALUES } from './ownership.js';

/**
 * A check of the saved inventory (`--diff BASE.json`) against the documented schema of
 * `model.ts`. It runs before the scan and names the first field that is wrong, so that a
 * hand-edited or truncated baseline fails at once with `endpoints[3].auth.status: expected …`
 * instead of with a TypeError after the whole scan. Unknown fields are allowed (fields are
 * only added within a schema version); the fields added later in version 1 are optional.
 */

type Check = (value: unknown, at: string) => string | null;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;

const fail = (at: string, expected: string, value: unknown): string => `${at}: expected ${expected}, found ${describe(value)}`;

const string: Check = (value, at) => (typeof value === 'string' ? null : fail(at, 'string', value));
const boolean: Check = (value, at) => (typeof value === 'boolean' ? null : fail(at, 'true or false', value));
const line: Check = (value, at) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? null : fail(at, 'line number', value));
const count: Check = line;

const nullable = (check: Check): Check => (value, at) => (value === null ? null : check(value, at));

const oneOf = (...options: readonly unknown[]): Check => (value, at) =>
  options.includes(value) ? null : fail(at, `one of ${options.map((option) => JSON.stringify(option)).join(', ')}`, value);

const array = (item: Check): Check => (value, at) => {
  if (!Array.isArray(value)) return fail(at, 'array', value);
  for (const [index, element] of value.entries()) {
    const problem = item(element, `${at}[${index}]`);
    if (problem !== null) return problem;
  }
  return null;
};

/** `fields` must be present; `optional` fields may be missing (not null). */
const object = (fields: Record<string, Check>, optional: Record<string, Check> = {}): Check => (value, at) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(at, 'object', value);
  const record = value as Record<string, unknown>;
  for (const [key, check] of Object.entries(fields)) {
    if (!(key in record)) return `${at}.${key}: missing`;
    const problem = check(record[key], `${at}.${key}`);
    if (problem !== null) return problem;
  }
  for (const [key, check] of Object.entries(optional)) {
    if (!(key in record)) continue;
    const problem = check(record[key], `${at}.${key}`);
    if (problem !== null) return problem;
  }
  return null;
};

const validation = oneOf(true, false, 'partial');

const endpoint = object({
  id: string,
  method: string,
  path: nullable(string),
  framework: string,
  file: string,
  line,
  handler: object({ name: nullable(string), line: nullable(line) }),
  mount: nullable(object({ file: string, line, prefix: nullable(string) })),
  auth: object({
    status: oneOf('authenticated', 'public', 'unauthenticated', 'unknown'),
    by: nullable(string),
    roleChecked: boolean,
    guards: array(string),
  }),
  inputs: array(object({
    location: oneOf('path', 'query', 'header', 'cookie', 'body', 'file', 'url'),
    name: nullable(string),
    expression: string,
    line,
    validated: validation,
    reason: string,
  })),
  validated: nullable(validation),
  sinks: array(object({ kind: oneOf(...allTaintKinds), injection: boolean, sink: string, line, source: string }, { file: string })),
  exposure: object({
    wholeObjectResponses: array(object({ sink: string, value: string, line, fields: nullable(array(string)) })),
    massAssignments: array(object({ sink: string, input: string, line }, { serviceOutOfView: oneOf(true) })),
  }),
}, { roleCheck: object({ checked: boolean, privileged: nullable(string) }), ownership: oneOf(...OWNERSHIP_VALUES) });

const pathIssue = object({ path: string, reason: string });

const inventory = object(
  {
    tool: object({ name: string, version: string }),
    summary: object({
      files: count, endpoints: count, authenticated: count, public: count, unauthenticated: count, unknown: count,
      injection: count, exposure: count, errors: count,
    }),
    endpoints: array(endpoint),
    errors: array(object({ file: string, line, message: string })),
  },
  { unreadable: array(pathIssue), skipped: array(pathIssue) },
);

/**
 * Checks a parsed baseline. Returns the first problem (`endpoints[3].auth.status: expected …`),
 * or null when `value` is an inventory this version can compare against.
 */
export function inventoryProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('the file', 'a JSON object written with --format json', value);
  const record = value as Record<string, unknown>;
  if (!('schemaVersion' in record)) {
    return 'schemaVersion: missing (not an inventory; write one with --format json)';
  }
  if (record['schemaVersion'] !== SCHEMA_VERSION) {
    return `schemaVersion: this version of the command reads schema ${SCHEMA_VERSION}, found ${describe(record['schemaVersion'])}`;
  }
  const problem = inventory(value, '$');
  if (problem !== null) return problem.replace(/^\$\./u, '');
  const seen = new Map<string, number>();
  for (const [index, entry] of (value as Inventory).endpoints.entries()) {
    const first = seen.get(entry.id);
    if (first !== undefined) return `endpoints[${index}].id: ${JSON.stringify(entry.id)} repeats endpoints[${first}].id`;
    seen.set(entry.id, index);
  }
  return null;
}
