import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import plugin from '../index.js';
import { buildInventory } from './build.js';
import { diffInventories, FAIL_ON_VALUES, failures, formatDiffJson, formatDiffMarkdown, formatDiffText, parseInventory, type FailOn } from './diff.js';
import { formatJson, formatMarkdown, formatTable } from './format.js';
import type { Inventory } from './model.js';
import { formatOpenApi } from './openapi.js';
import { checkOutputPath, describeFsError, InputPathError, readInputFile } from './paths.js';
import { scan } from './scan.js';
import { getSettings, SETTINGS_KEY } from '../utils/settings.js';
import type { TSESLint } from '@typescript-eslint/utils';

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
                                          new-unauthenticated, new-injection,
                                          new-unchecked-privileged, new-unscoped-access (comma
                                          separated; at least one)
  --settings <file>                       JSON file with settings['api-security'] (auth names,
                                          public routes, mounts)
  --progress                              Print progress on stderr (default: when stderr is a TTY)
  -h, --help                              Show this help

Exit codes: 0 done, 1 --fail-on matched, 2 usage error or a given path, --diff, --settings
or --output file that cannot be used (nothing scanned), 3 incomplete scan: a file or directory
could not be read, parsed or analysed (listed on stderr and in the report; see docs/inventory.md).
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
    if (error instanceof InputPathError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    // Settings errors carry the plugin's name already (they are also shown by ESLint).
    const message = (error instanceof Error ? error.message : String(error)).replace(/^eslint-plugin-api-security: /u, '');
    io.stderr(`eslint-plugin-api-security: ${message}\n`);
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

  // Everything that can be checked before the scan is: a long scan must not end in a usage error.
  const output = values.output === undefined ? null : path.resolve(io.cwd, values.output);
  if (output !== null && values.output !== undefined) checkOutputPath(output, values.output);
  const settings = values.settings === undefined ? null : readSettings(path.resolve(io.cwd, values.settings), values.settings);
  const base = values.diff === undefined ? null : parseInventory(readInputFile(path.resolve(io.cwd, values.diff), values.diff, '--diff'), values.diff);
  const showProgress = values.progress || io.stderrIsTty;

  const result = await scan({
    paths: paths.length > 0 ? paths : ['.'],
    cwd: io.cwd,
    settings,
    ...(showProgress ? { onProgress: (done: number, total: number) => io.stderr(`scanned ${done}/${total} files\n`) } : {}),
  });
  for (const issue of result.unreadable) io.stderr(`cannot read ${issue.path}: ${issue.reason}\n`);
  for (const error of result.errors) io.stderr(`could not parse ${error.file}:${error.line}: ${error.message}\n`);
  for (const issue of result.skipped) io.stderr(`skipped ${issue.path}: ${issue.reason}\n`);
  const inventory: Inventory = buildInventory({
    cwd: io.cwd,
    files: result.files,
    records: result.records,
    publicRoutes: result.publicRoutes,
    errors: result.errors,
    unreadable: result.unreadable,
    skipped: result.skipped,
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
  if (output === null) io.stdout(text);
  else {
    try {
      writeFileSync(output, text);
    } catch (error) {
      throw new InputPathError(`cannot write --output ${values.output ?? output}: ${describeFsError(error)}`);
    }
  }
  if (!inventory.summary.complete) {
    const parts = [
      ...(result.unreadable.length > 0 ? [`${result.unreadable.length} path(s) could not be read`] : []),
      ...(result.errors.length > 0 ? [`${result.errors.length} file(s) could not be parsed or analysed`] : []),
    ];
    // A gate must not pass on a scan that may have missed endpoints.
    io.stderr(`incomplete scan: ${parts.join(', ')}; endpoints in them are missing from the report${code === 0 ? ' (exit code 3)' : ''}\n`);
    if (code === 0) code = 3;
  }
  return code;
}

/**
 * `--fail-on` is a release gate: a value that names no gate (`''`, `' , '`) is an error, not a
 * gate that is off.
 */
function parseFailOn(value: string | undefined): FailOn[] {
  if (value === undefined) return [];
  const items = value.split(',').map((item) => item.trim());
  if (items.every((item) => item === '')) {
    throw new UsageError(`--fail-on names no gate. Use one or more of ${FAIL_ON_VALUES.join(', ')} (comma separated).`);
  }
  for (const item of items) {
    if (item === '') throw new UsageError(`--fail-on has an empty item in ${JSON.stringify(value)}. Use ${FAIL_ON_VALUES.join(', ')} (comma separated).`);
    if (!FAIL_ON_VALUES.includes(item as FailOn)) throw new UsageError(`Unknown --fail-on value: ${item}. Use ${FAIL_ON_VALUES.join(', ')}.`);
  }
  return [...new Set(items)] as FailOn[];
}

/**
 * A settings file holds `settings['api-security']` itself, or an object with that key. It is
 * validated here, before the scan, with the same checks the rules run.
 */
function readSettings(file: string, shown: string): Record<string, unknown> {
  const text = readInputFile(file, shown, '--settings');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${shown} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${shown} must hold a JSON object.`);
  const record = value as Record<string, unknown>;
  const nested = record[SETTINGS_KEY];
  const settings = typeof nested === 'object' && nested !== null && !Array.isArray(nested) ? (nested as Record<string, unknown>) : record;
  // getSettings reads only `context.settings`; a rule context is not needed to validate.
  const context = { settings: { [SETTINGS_KEY]: settings } } as unknown as TSESLint.RuleContext<string, readonly unknown[]>;
  try {
    getSettings(context);
  } catch (error) {
    throw new Error(`--settings ${shown}: ${(error as Error).message.replace(/^eslint-plugin-api-security: /u, '')}`, { cause: error });
  }
  return settings;
}
