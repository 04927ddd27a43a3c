import { joinPaths, matchesPathPattern } from '../analysis/routes/paths.js';
import { relativeImportCandidates } from '../analysis/project/imported.js';
import { maskDeep } from '../utils/mask.js';
import type { FileRecord, RawMount, RawRoute } from './collect.js';
import { SCHEMA_VERSION, summarize, type Endpoint, type Inventory, type InventoryError, type PathIssue, type Validation } from './model.js';
import { relative } from './scan.js';

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

/** What a chain of cross-file mounts puts in front of a router. */
interface MountChain {
  prefix: string | null;
  authenticatedBy: string | null;
  guards: string[];
  file: string;
  line: number;
}

const MAX_MOUNT_DEPTH = 6;

/** Joins the per-file records into the inventory: cross-file mounts resolved, one endpoint per method. */
export function buildInventory(input: BuildInput): Inventory {
  const files = new Set(input.files);
  const mountsOf = indexMounts(input.records, files);
  const endpoints: Endpoint[] = [];
  for (const record of input.records) {
    for (const route of record.routes) {
      const chains = route.mountedElsewhere ? route.exports.flatMap((name) => resolveChains(record.file, name, mountsOf, 0, new Set())) : [];
      if (chains.length === 0) {
        endpoints.push(...toEndpoints(input, record.file, route, null));
        continue;
      }
      for (const chain of dedupeChains(chains)) endpoints.push(...toEndpoints(input, record.file, route, chain));
    }
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

type MountIndex = Map<string, { file: string; mount: RawMount }[]>;

/** `file#exportName` of the mounted router → the mounts of it. */
function indexMounts(records: readonly FileRecord[], files: ReadonlySet<string>): MountIndex {
  const index: MountIndex = new Map();
  for (const record of records) {
    for (const mount of record.mounts) {
      if (mount.source === null || mount.imported === null) continue;
      const target = resolveImport(record.file, mount.source, files);
      if (target === null) continue;
      const key = `${target}#${mount.imported}`;
      const list = index.get(key) ?? [];
      list.push({ file: record.file, mount });
      index.set(key, list);
    }
  }
  return index;
}

/** A relative import specifier → the scanned file it names (`./routes/admin`, `./admin.js` → `admin.ts`). */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  return relativeImportCandidates(from, specifier).find((candidate) => files.has(candidate)) ?? null;
}

function resolveChains(file: string, exported: string, index: MountIndex, depth: number, visiting: Set<string>): MountChain[] {
  const key = `${file}#${exported}`;
  if (depth > MAX_MOUNT_DEPTH || visiting.has(key)) return [];
  visiting.add(key);
  const chains: MountChain[] = [];
  for (const { file: mountingFile, mount } of index.get(key) ?? []) {
    const own: MountChain = { prefix: mount.path, authenticatedBy: mount.authenticatedBy, guards: mount.guards, file: mountingFile, line: mount.line };
    const parents = mount.ownerExports.flatMap((name) => resolveChains(mountingFile, name, index, depth + 1, visiting));
    if (parents.length === 0) {
      chains.push(own);
      continue;
    }
    for (const parent of parents) {
      chains.push({
        prefix: joinPaths(parent.prefix, own.prefix),
        authenticatedBy: parent.authenticatedBy ?? own.authenticatedBy,
        guards: [...parent.guards, ...own.guards],
        file: own.file,
        line: own.line,
      });
    }
  }
  visiting.delete(key);
  return chains;
}

function dedupeChains(chains: readonly MountChain[]): MountChain[] {
  const seen = new Set<string>();
  return chains.filter((chain) => {
    const key = `${chain.file}:${chain.line}:${chain.prefix ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toEndpoints(input: BuildInput, file: string, route: RawRoute, chain: MountChain | null): Endpoint[] {
  const relativeFile = relative(input.cwd, file);
  const fullPath = chain ? joinPaths(chain.prefix, route.path) : route.path;
  let auth: Endpoint['auth'] = { ...route.auth, guards: chain ? [...chain.guards, ...route.guards] : [...route.guards] };
  if (route.auth.status === 'unknown') {
    if (chain === null) {
      // An unknown verdict of a route mounted here comes from a guard out of view, named in `by`.
      if (route.mountedElsewhere) auth = { ...auth, by: 'router mounted in another file; mount not found' };
    } else if (chain.authenticatedBy !== null) {
      auth = { ...auth, status: 'authenticated', by: `${chain.authenticatedBy} (at mount)` };
    } else {
      const pattern = fullPath === null ? undefined : input.publicRoutes.find((candidate) => matchesPathPattern(candidate, fullPath));
      auth = pattern === undefined ? { ...auth, status: 'unauthenticated', by: null } : { ...auth, status: 'public', by: `public path ${pattern}` };
    }
  }
  const validated = summarizeValidation(route.inputs.map((entry) => entry.validated));
  return route.methods.map((method) => ({
    id: fullPath === null ? `${method} ${relativeFile}#${route.handler.name ?? route.line}` : `${method} ${fullPath}`,
    method,
    path: fullPath,
    framework: route.framework,
    file: relativeFile,
    line: route.line,
    handler: { ...route.handler },
    mount: chain ? { file: relative(input.cwd, chain.file), line: chain.line, prefix: chain.prefix } : null,
    auth: { ...auth, guards: [...auth.guards] },
    inputs: route.inputs.map((entry) => ({ ...entry })),
    validated,
    sinks: route.sinks.map((sink) => ({ ...sink })),
    exposure: {
      wholeObjectResponses: route.wholeObjectResponses.map((entry) => ({ ...entry, fields: entry.fields ? [...entry.fields] : null })),
      massAssignments: route.massAssignments.map((entry) => ({ ...entry })),
    },
  }));
}

export function summarizeValidation(values: readonly Validation[]): Validation | null {
  if (values.length === 0) return null;
  if (values.every((value) => value === true)) return true;
  if (values.every((value) => value === false)) return false;
  return 'partial';
}
