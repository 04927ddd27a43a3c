import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import plugin from '../index.js';
import { buildInventory } from './build.js';
import { diffInventories, FAIL_ON_VALUES, failures, formatDiffJson, formatDiffMarkdown, formatDiffText, parseInventory, type FailOn } from './diff.js';
import { formatJson, formatMarkdown, formatTable } from './format.js';
import type { Inventory } from './model.js';
import { formatOpenApi } from './openapi.js';
import { PathNotFoundError, scan } from './scan.js';

export const USAGE = `Usage: eslint-plugin-api-security inventory [paths...] [options]

Lists every HTTP route the plugin's analysis finds: method, full path, framework, location,
handler, authentication verdict, request inputs read (and whether validated), sinks reached and
whole-object responses.

Paths default to the current directory. Directories are searched for *.{js,mjs,cjs,jsx,ts,mts,cts,tsx},
skipping node_modules, dist, build, .next and coverage.

Options:
  --format <table|json|markdown|openapi>  Output format (default: table)
  --output <file>                         Write the report to a file instead of stdout
  --diff <base.json>                      Compare with an inventory saved with --format json and
                                          print added, removed and changed endpoints
  --fail-on <list>                        With --diff: exit 1 when the diff has any of
                                          new-unauthenticated, new-injection (comma separated)
  --settings <file>                       JSON file with settings['api-security'] (auth names,
                                          public routes, mounts)
  --progress                              Print progress on stderr (default: when stderr is a TTY)
  -h, --help                              Show this help

Exit codes: 0 done, 1 --fail-on matched, 2 usage error, missing path or unreadable file.
`;

type Format = 'table' | 'json' | 'markdown' | 'openapi';
const FORMATS: readonly Format[] = ['table', 'json', 'markdown', 'openapi'];

export interface CommandIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stderrIsTty: boolean;
}

class UsageError extends Error {}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PathNotFoundError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    io.stderr(`eslint-plugin-api-security: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'table' },
        output: { type: 'string' },
        diff: { type: 'string' },
        'fail-on': { type: 'string' },
        settings: { type: 'string' },
        progress: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'inventory') {
    throw new UsageError(command === undefined ? 'Missing command.' : `Unknown command: ${command}`);
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`Unknown format: ${values.format}. Use one of ${FORMATS.join(', ')}.`);
  const failOn = parseFailOn(values['fail-on']);
  if (failOn.length > 0 && values.diff === undefined) throw new UsageError('--fail-on needs --diff BASE.json.');
  if (values.diff !== undefined && format === 'openapi') throw new UsageError('--diff prints table, json or markdown, not openapi.');

  const settings = values.settings === undefined ? null : readSettings(path.resolve(io.cwd, values.settings));
  const base = values.diff === undefined ? null : parseInventory(readText(path.resolve(io.cwd, values.diff)), values.diff);
  const showProgress = values.progress || io.stderrIsTty;

  const result = await scan({
    paths: paths.length > 0 ? paths : ['.'],
    cwd: io.cwd,
    settings,
    ...(showProgress ? { onProgress: (done: number, total: number) => io.stderr(`scanned ${done}/${total} files\n`) } : {}),
  });
  for (const error of result.errors) io.stderr(`could not parse ${error.file}:${error.line}: ${error.message}\n`);
  const inventory: Inventory = buildInventory({
    cwd: io.cwd,
    files: result.files,
    records: result.records,
    publicRoutes: result.publicRoutes,
    errors: result.errors,
    tool: { name: plugin.meta.name, version: plugin.meta.version },
  });

  let text: string;
  let code = 0;
  if (base) {
    const diff = diffInventories(base, inventory);
    text = format === 'json' ? formatDiffJson(diff) : format === 'markdown' ? formatDiffMarkdown(diff) : formatDiffText(diff);
    const failed = failures(diff, failOn);
    for (const reason of failed) io.stderr(`fail: ${reason}\n`);
    if (failed.length > 0) code = 1;
  } else if (format === 'json') {
    text = formatJson(inventory);
  } else if (format === 'markdown') {
    text = formatMarkdown(inventory);
  } else if (format === 'openapi') {
    text = formatJson(formatOpenApi(inventory));
  } else {
    text = formatTable(inventory);
  }
  if (values.output === undefined) io.stdout(text);
  else writeFileSync(path.resolve(io.cwd, values.output), text);
  return code;
}

function parseFailOn(value: string | undefined): FailOn[] {
  if (value === undefined) return [];
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  for (const item of items) {
    if (!FAIL_ON_VALUES.includes(item as FailOn)) throw new UsageError(`Unknown --fail-on value: ${item}. Use ${FAIL_ON_VALUES.join(', ')}.`);
  }
  return items as FailOn[];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new PathNotFoundError(file);
  }
}

/** A settings file holds `settings['api-security']` itself, or an object with that key. */
function readSettings(file: string): Record<string, unknown> {
  const text = readText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file} must hold a JSON object.`);
  const record = value as Record<string, unknown>;
  const nested = record['api-security'];
  return typeof nested === 'object' && nested !== null && !Array.isArray(nested) ? (nested as Record<string, unknown>) : record;
}
