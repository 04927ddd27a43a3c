import { maskDeep } from '../utils/mask.js';
import type { FileRecord, RawRoute } from './collect.js';
import { SCHEMA_VERSION, summarize, type Endpoint, type Inventory, type InventoryError, type PathIssue, type Validation } from './model.js';
import { relative } from './scan.js';
import { attachRemoteOwnership } from './ownership.js';

export interface BuildInput {
  cwd: string;
  files: readonly string[];
  records: readonly FileRecord[];
  publicRoutes: readonly string[];
  errors: readonly InventoryError[];
  unreadable?: readonly PathIssue[];
  skipped?: readonly PathIssue[];
  tool: { name: string; version: string };
}

/**
 * Joins the per-file records into the inventory, one endpoint per method. Mounts in other files
 * were resolved when each file was read, by the same resolution `no-unauthenticated-route` uses.
 */
export function buildInventory(input: BuildInput): Inventory {
  attachRemoteSinks(input);
  attachRemoteOwnership(input.records);
  const endpoints: Endpoint[] = [];
  for (const record of input.records) {
    for (const route of record.routes) endpoints.push(...toEndpoints(input, record.file, route));
  }
  endpoints.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.path ?? '').localeCompare(b.path ?? '') || a.method.localeCompare(b.method));
  const seen = new Map<string, number>();
  for (const endpoint of endpoints) {
    const count = (seen.get(endpoint.id) ?? 0) + 1;
    seen.set(endpoint.id, count);
    if (count > 1) endpoint.id = `${endpoint.id} (${count})`;
  }
  // Masked once here, so every output made from the inventory (diffs included) is free of credentials.
  return maskDeep({
    schemaVersion: SCHEMA_VERSION,
    tool: input.tool,
    summary: summarize(endpoints, input.files.length, input.errors.length, input.unreadable?.length ?? 0, input.skipped?.length ?? 0),
    endpoints,
    errors: [...input.errors],
    unreadable: [...(input.unreadable ?? [])],
    skipped: [...(input.skipped ?? [])],
  });
}

function toEndpoints(input: BuildInput, file: string, route: RawRoute): Endpoint[] {
  const relativeFile = relative(input.cwd, file);
  const fullPath = route.path;
  const auth: Endpoint['auth'] = { ...route.auth, guards: [...route.guards] };
  const validated = summarizeValidation(route.inputs.map((entry) => entry.validated));
  return route.methods.map((method) => ({
    id: fullPath === null ? `${method} ${relativeFile}#${route.handler.name ?? route.line}` : `${method} ${fullPath}`,
    method,
    path: fullPath,
    framework: route.framework,
    file: relativeFile,
    line: route.line,
    handler: { ...route.handler },
    mount: route.mount ? { file: relative(input.cwd, route.mount.file), line: route.mount.line, prefix: route.mount.prefix } : null,
    auth: { ...auth, guards: [...auth.guards] },
    inputs: route.inputs.map((entry) => ({ ...entry })),
    validated,
    sinks: route.sinks.map((sink) => ({ ...sink })),
    exposure: {
      wholeObjectResponses: route.wholeObjectResponses.map((entry) => ({ ...entry, fields: entry.fields ? [...entry.fields] : null })),
      massAssignments: route.massAssignments.map((entry) => ({ ...entry })),
    },
    ...(route.roleCheck ? { roleCheck: { ...route.roleCheck } } : {}),
    ownership: route.ownership,
  }));
}

export function summarizeValidation(values: readonly Validation[]): Validation | null {
  if (values.length === 0) return null;
  if (values.every((value) => value === true)) return true;
  if (values.every((value) => value === false)) return false;
  return 'partial';
}

/**
 * A flow whose sink is in one file (a repository) and whose input is read by a handler of another
 * (a controller) belongs to the controller's endpoints: each is added to the routes whose handler
 * holds the line that passes the input on, with the sink's file. A handler file that was not
 * scanned has no endpoints to add it to.
 */
function attachRemoteSinks(input: BuildInput): void {
  const byFile = new Map(input.records.map((record) => [record.file, record]));
  for (const record of input.records) {
    for (const remote of record.remoteSinks) {
      const target = byFile.get(remote.handlerFile);
      if (!target) continue;
      const sink = { ...remote.sink, file: relative(input.cwd, remote.sink.file) };
      for (const route of target.routes) {
        const start = route.handler.line;
        if (start === null || route.handlerEnd === null || remote.handlerLine < start || remote.handlerLine > route.handlerEnd) continue;
        if (route.sinks.some((known) => known.kind === sink.kind && known.line === sink.line && known.file === sink.file && known.source === sink.source)) continue;
        route.sinks.push({ ...sink });
        route.sinks.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.kind.localeCompare(b.kind));
      }
    }
  }
}
