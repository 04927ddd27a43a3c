import { authLabel, code, formatJson, inputLabel, MARKDOWN_HEADER, markdownRow, mdCell } from './format.js';
import { exposes, INJECTION_KINDS, SCHEMA_VERSION, uncheckedPrivileged, type Endpoint, type Inventory } from './model.js';
import { inventoryProblem } from './schema.js';
import { newUnscopedAccess } from './ownership.js';

export interface EndpointChange {
  id: string;
  before: Endpoint;
  after: Endpoint;
  /** Readable list of what changed: `auth: authenticated (requireAuth) → unauthenticated`. */
  changes: string[];
}

export interface InventoryDiff {
  schemaVersion: typeof SCHEMA_VERSION;
  added: Endpoint[];
  removed: Endpoint[];
  changed: EndpointChange[];
  /** Ids of endpoints that are new and unauthenticated, or that lost their authentication. */
  newUnauthenticated: string[];
  /** Ids of endpoints that are new and reach an injection sink, or that reach a new injection kind. */
  newInjection: string[];
  /**
   * Ids of endpoints that are authenticated, privileged and without a role check (see
   * `uncheckedPrivileged`), and were not so in the base (new, or changed into it).
   */
  newUncheckedPrivileged: string[];
  /** Ids of endpoints that are new with a record access not tied to the caller, or whose access became so. */
  newUnscopedAccess: string[];
}

export type FailOn = 'new-unauthenticated' | 'new-injection' | 'new-unchecked-privileged' | 'new-unscoped-access';
export const FAIL_ON_VALUES: readonly FailOn[] = ['new-unauthenticated', 'new-injection', 'new-unchecked-privileged', 'new-unscoped-access'];

/**
 * Reads a saved inventory, or throws an error that names the first bad field
 * (`base.json: endpoints[3].auth.status: expected …`).
 */
export function parseInventory(text: string, source: string): Inventory {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const problem = inventoryProblem(value);
  if (problem !== null) throw new Error(`${source} is not an inventory this version can compare with: ${problem}`);
  return value as Inventory;
}

const injectionKinds = (endpoint: Endpoint): Set<string> =>
  new Set(endpoint.sinks.filter((sink) => INJECTION_KINDS.includes(sink.kind)).map((sink) => sink.kind));

/** Compares two inventories by endpoint id (`METHOD /path`). Line moves are not changes. */
export function diffInventories(base: Inventory, head: Inventory): InventoryDiff {
  const before = new Map(base.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const after = new Map(head.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const diff: InventoryDiff = { schemaVersion: SCHEMA_VERSION, added: [], removed: [], changed: [], newUnauthenticated: [], newInjection: [], newUncheckedPrivileged: [], newUnscopedAccess: newUnscopedAccess(base.endpoints, head.endpoints) };
  for (const endpoint of head.endpoints) {
    const old = before.get(endpoint.id);
    // A base written before the role-check column says nothing: only what it shows is compared.
    if (uncheckedPrivileged(endpoint) && !(old && (old.roleCheck === undefined || uncheckedPrivileged(old)))) diff.newUncheckedPrivileged.push(endpoint.id);
    if (!old) {
      diff.added.push(endpoint);
      if (endpoint.auth.status === 'unauthenticated') diff.newUnauthenticated.push(endpoint.id);
      if (injectionKinds(endpoint).size > 0) diff.newInjection.push(endpoint.id);
      continue;
    }
    const changes = describeChanges(old, endpoint);
    if (changes.length === 0) continue;
    diff.changed.push({ id: endpoint.id, before: old, after: endpoint, changes });
    if (endpoint.auth.status === 'unauthenticated' && old.auth.status !== 'unauthenticated') diff.newUnauthenticated.push(endpoint.id);
    const oldKinds = injectionKinds(old);
    if ([...injectionKinds(endpoint)].some((kind) => !oldKinds.has(kind))) diff.newInjection.push(endpoint.id);
  }
  for (const endpoint of base.endpoints) {
    if (!after.has(endpoint.id)) diff.removed.push(endpoint);
  }
  return diff;
}

function describeChanges(before: Endpoint, after: Endpoint): string[] {
  const changes: string[] = [];
  if (before.auth.status !== after.auth.status || before.auth.by !== after.auth.by) {
    changes.push(`auth: ${authLabel(before)} → ${authLabel(after)}`);
  }
  if (before.auth.roleChecked !== after.auth.roleChecked) changes.push(`role check: ${before.auth.roleChecked ? 'yes' : 'no'} → ${after.auth.roleChecked ? 'yes' : 'no'}`);
  const privileged = (endpoint: Endpoint): string => endpoint.roleCheck?.privileged ?? 'no';
  if (before.roleCheck !== undefined && after.roleCheck !== undefined && privileged(before) !== privileged(after)) changes.push(`privileged: ${privileged(before)} → ${privileged(after)}`);
  const sinkKey = (endpoint: Endpoint): Set<string> => new Set(endpoint.sinks.map((sink) => `${sink.kind} (${sink.sink})`));
  setChange(changes, 'sinks', sinkKey(before), sinkKey(after));
  const inputKey = (endpoint: Endpoint): Set<string> =>
    new Set(endpoint.inputs.map((input) => `${inputLabel(input)}${input.validated === true ? ' validated' : input.validated === 'partial' ? ' partly validated' : ''}`));
  setChange(changes, 'inputs', inputKey(before), inputKey(after));
  if (exposes(before) !== exposes(after)) changes.push(`exposure: ${exposes(before) ? 'whole objects' : 'none'} → ${exposes(after) ? 'whole objects' : 'none'}`);
  if ((before.ownership ?? 'n.a.') !== (after.ownership ?? 'n.a.')) changes.push(`ownership: ${before.ownership ?? 'n.a.'} → ${after.ownership ?? 'n.a.'}`);
  if (before.file !== after.file) changes.push(`file: ${before.file} → ${after.file}`);
  if (before.handler.name !== after.handler.name) changes.push(`handler: ${before.handler.name ?? '(anonymous)'} → ${after.handler.name ?? '(anonymous)'}`);
  return changes;
}

function setChange(changes: string[], label: string, before: ReadonlySet<string>, after: ReadonlySet<string>): void {
  const added = [...after].filter((item) => !before.has(item));
  const removed = [...before].filter((item) => !after.has(item));
  if (added.length > 0) changes.push(`${label} added: ${added.join(', ')}`);
  if (removed.length > 0) changes.push(`${label} removed: ${removed.join(', ')}`);
}

/** The ids that make `--fail-on` fail, with the reason. */
export function failures(diff: InventoryDiff, failOn: readonly FailOn[]): string[] {
  const result: string[] = [];
  if (failOn.includes('new-unauthenticated')) result.push(...diff.newUnauthenticated.map((id) => `new unauthenticated endpoint: ${id}`));
  if (failOn.includes('new-injection')) result.push(...diff.newInjection.map((id) => `new injection sink: ${id}`));
  if (failOn.includes('new-unchecked-privileged')) result.push(...diff.newUncheckedPrivileged.map((id) => `new privileged endpoint without a role check: ${id}`));
  if (failOn.includes('new-unscoped-access')) result.push(...diff.newUnscopedAccess.map((id) => `new record access not tied to the caller: ${id}`));
  return result;
}

const shortEndpoint = (endpoint: Endpoint): string =>
  `${endpoint.id}  ${authLabel(endpoint)}${endpoint.sinks.length > 0 ? `  sinks: ${[...new Set(endpoint.sinks.map((sink) => sink.kind))].join(', ')}` : ''}  ${endpoint.file}:${endpoint.line}`;

export function formatDiffText(diff: InventoryDiff): string {
  const lines = [`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`];
  for (const endpoint of diff.added) lines.push(`+ ${shortEndpoint(endpoint)}`);
  for (const endpoint of diff.removed) lines.push(`- ${endpoint.id}  ${endpoint.file}:${endpoint.line}`);
  for (const change of diff.changed) {
    lines.push(`~ ${change.id}  ${change.after.file}:${change.after.line}`);
    for (const text of change.changes) lines.push(`    ${text}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatDiffMarkdown(diff: InventoryDiff): string {
  const lines = [
    '## API inventory changes',
    '',
    `${diff.added.length} added · ${diff.removed.length} removed · ${diff.changed.length} changed` +
      (diff.newUnauthenticated.length > 0 ? ` · ⚠️ **${diff.newUnauthenticated.length} new unauthenticated**` : '') +
      (diff.newInjection.length > 0 ? ` · ⚠️ **${diff.newInjection.length} new injection sinks**` : '') +
      (diff.newUncheckedPrivileged.length > 0 ? ` · ⚠️ **${diff.newUncheckedPrivileged.length} new privileged without a role check**` : ''),
  ];
  if (diff.added.length > 0) lines.push('', '### Added', '', MARKDOWN_HEADER, ...diff.added.map(markdownRow));
  if (diff.removed.length > 0) lines.push('', '### Removed', '', ...diff.removed.map((endpoint) => `- ${code(endpoint.id)} (${code(`${endpoint.file}:${endpoint.line}`)})`));
  if (diff.changed.length > 0) {
    lines.push('', '### Changed', '', '| Endpoint | Change |', '|---|---|');
    for (const change of diff.changed) lines.push(`| ${mdCell(code(change.id))} | ${mdCell(change.changes.join('; '))} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatDiffJson(diff: InventoryDiff): string {
  return formatJson(diff);
}
