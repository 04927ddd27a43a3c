import { matchesPathPattern } from '../analysis/routes/paths.js';
import { defaultRoleRequiredRoutes } from '../models/auth.js';
import { maskDeep } from '../utils/mask.js';
import { type Endpoint, type EndpointInput, type Inventory, type InventorySummary } from './model.js';

const MAX_CELL = 48;

/** Every format masks the credentials in what it prints (a token in a route path) before it shortens anything. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(maskDeep(value), null, 2)}\n`;
}

export function authLabel(endpoint: Endpoint): string {
  const { status, by } = endpoint.auth;
  // Same default as no-unauthenticated-route's `roleRequiredRoutes`.
  const needsRole =
    status === 'authenticated' && endpoint.path !== null && defaultRoleRequiredRoutes.some((pattern) => matchesPathPattern(pattern, endpoint.path!));
  const role = endpoint.auth.roleChecked ? ', role checked' : needsRole ? ', NO ROLE CHECK' : '';
  if (status === 'unauthenticated') return 'UNAUTHENTICATED';
  if (status === 'unknown') return 'unknown';
  return by === null ? `${status}${role}` : `${status} (${by}${role})`;
}

const mark = (input: EndpointInput): string => (input.validated === true ? '✓' : input.validated === false ? '✗' : '~');

export function inputLabel(input: EndpointInput): string {
  return input.name === null ? input.location : `${input.location}.${input.name}`;
}

function inputsCell(endpoint: Endpoint): string {
  return endpoint.inputs.map((input) => `${inputLabel(input)}${mark(input)}`).join(' ');
}

function sinksCell(endpoint: Endpoint): string {
  return [...new Set(endpoint.sinks.map((sink) => `${sink.kind}:${sink.sink}`))].join(' ');
}

function exposureCell(endpoint: Endpoint): string {
  const parts = [
    ...endpoint.exposure.wholeObjectResponses.map((response) => `sends ${response.value}`),
    ...endpoint.exposure.massAssignments.map((write) => `writes ${write.input}${write.serviceOutOfView === true ? ' (service out of view)' : ''}`),
  ];
  return parts.join(' ');
}

function cut(text: string, width = MAX_CELL): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export function summaryLine(summary: InventorySummary): string {
  return (
    `${summary.endpoints} endpoints (${summary.files} files scanned): ${summary.authenticated} authenticated, ${summary.public} public, ` +
    `${summary.unauthenticated} unauthenticated, ${summary.unknown} unknown; ${summary.injection} reach an injection sink (SQL, NoSQL, shell, code); ` +
    `${summary.exposure} send whole records or write whole request bodies` +
    (summary.errors > 0 ? `; ${summary.errors} files could not be parsed` : '') +
    (summary.unreadable > 0 ? `; ${summary.unreadable} paths could not be read` : '') +
    (summary.complete ? '' : '; INCOMPLETE SCAN')
  );
}

/** Aligned plain-text columns; `✓` validated, `✗` not, `~` partly. */
export function formatTable(unmasked: Inventory): string {
  const inventory = maskDeep(unmasked);
  const header = ['METHOD', 'PATH', 'AUTH', 'INPUTS', 'SINKS', 'EXPOSES', 'LOCATION'];
  const rows = inventory.endpoints.map((endpoint) => [
    endpoint.method,
    endpoint.path ?? '(dynamic)',
    authLabel(endpoint),
    inputsCell(endpoint) || '-',
    sinksCell(endpoint) || '-',
    exposureCell(endpoint) || '-',
    `${endpoint.file}:${endpoint.line}`,
  ].map((cell, index) => (index === 2 || index === 6 ? cell : cut(cell))));
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index]!))).join('  ');
  return [line(header), ...rows.map(line), '', summaryLine(inventory.summary), ''].join('\n');
}

/** Escapes a Markdown table cell. */
export function mdCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export const code = (text: string): string => (text === '' ? '' : `\`${text.replaceAll('`', "'")}\``);

export function markdownAuth(endpoint: Endpoint): string {
  const label = authLabel(endpoint);
  if (endpoint.auth.status === 'unauthenticated') return '⚠️ **unauthenticated**';
  if (endpoint.auth.status === 'unknown') return `❔ unknown`;
  return label;
}

export function markdownRow(endpoint: Endpoint): string {
  const cells = [
    code(endpoint.method),
    code(endpoint.path ?? '(dynamic)'),
    markdownAuth(endpoint),
    endpoint.inputs.map((input) => `${code(inputLabel(input))} ${mark(input)}`).join(', ') || '—',
    [...new Set(endpoint.sinks.map((sink) => `${sink.injection ? '**' : ''}${sink.kind}${sink.injection ? '**' : ''} ${code(sink.sink)}`))].join(', ') || '—',
    exposureCell(endpoint) || '—',
    code(`${endpoint.file}:${endpoint.line}`),
  ];
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

export const MARKDOWN_HEADER = '| Method | Path | Auth | Inputs (✓ validated) | Sinks | Exposure | Location |\n|---|---|---|---|---|---|---|';

export function formatMarkdown(unmasked: Inventory): string {
  const inventory = maskDeep(unmasked);
  const { summary } = inventory;
  const lines = [
    '## API inventory',
    '',
    `**${summary.endpoints} endpoints** (${summary.files} files scanned) · ${summary.authenticated} authenticated · ${summary.public} public · ` +
      `**${summary.unauthenticated} unauthenticated** · ${summary.unknown} unknown · ${summary.injection} reach an injection sink (SQL, NoSQL, shell, code) · ` +
      `${summary.exposure} send whole records or write whole request bodies`,
    '',
    MARKDOWN_HEADER,
    ...inventory.endpoints.map(markdownRow),
  ];
  if (inventory.errors.length > 0) {
    lines.push('', '### Files that could not be parsed', '', ...inventory.errors.map((error) => `- ${code(`${error.file}:${error.line}`)}: ${error.message}`));
  }
  if (inventory.unreadable.length > 0) {
    lines.push('', '### ⚠️ Incomplete scan: paths that could not be read', '', ...inventory.unreadable.map((issue) => `- ${code(issue.path)}: ${issue.reason}`));
  }
  if (inventory.skipped.length > 0) {
    lines.push('', '### Skipped', '', ...inventory.skipped.map((issue) => `- ${code(issue.path)}: ${issue.reason}`));
  }
  return `${lines.join('\n')}\n`;
}
