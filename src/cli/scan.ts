import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin from '../index.js';
import { createCollectRule, type Collector, type FileRecord } from './collect.js';
import type { InventoryError } from './model.js';

export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];
export const IGNORED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', '.next', 'coverage', '.git']);
const BATCH = 200;

export interface ScanOptions {
  /** Files and directories to scan. */
  paths: readonly string[];
  cwd: string;
  /** The value of `settings['api-security']`. */
  settings: Record<string, unknown> | null;
  /** Called after each batch with files scanned so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface ScanResult {
  files: string[];
  records: FileRecord[];
  publicRoutes: string[];
  errors: InventoryError[];
}

export class PathNotFoundError extends Error {
  constructor(readonly missing: string) {
    super(`path not found: ${missing}`);
    this.name = 'PathNotFoundError';
  }
}

/** Every source file under `paths`, sorted, skipping dependency and build directories. */
export function listSourceFiles(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!IGNORED_DIRECTORIES.has(entry.name)) visit(full);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
        files.add(full);
      }
    }
  };
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    if (!existsSync(full)) throw new PathNotFoundError(given);
    if (statSync(full).isDirectory()) visit(full);
    else files.add(full);
  }
  return [...files].sort();
}

/** Lints the files with the collect rule only, in batches so progress can be shown. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const files = listSourceFiles(options.paths, options.cwd);
  const collector: Collector = { records: new Map(), publicRoutes: [] };
  const recommended = plugin.configs.recommended;
  const config: Linter.Config = {
    files: SOURCE_EXTENSIONS.map((extension) => `**/*${extension}`),
    // The plugin's own parser choice (TypeScript parser when `typescript` is installed).
    ...(recommended.languageOptions ? { languageOptions: recommended.languageOptions as NonNullable<Linter.Config['languageOptions']> } : {}),
    // typescript-eslint's rule type and ESLint's differ only in their context typings.
    plugins: { 'api-security-inventory': { rules: { collect: createCollectRule(collector) } } as unknown as ESLint.Plugin },
    rules: { 'api-security-inventory/collect': 'error' },
    settings: options.settings ? { 'api-security': options.settings } : {},
    linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
  };
  const eslint = new ESLint({
    cwd: options.cwd,
    overrideConfigFile: true,
    overrideConfig: config,
    allowInlineConfig: false,
    errorOnUnmatchedPattern: false,
    ignore: false,
  });
  const errors: InventoryError[] = [];
  for (let start = 0; start < files.length; start += BATCH) {
    const batch = files.slice(start, start + BATCH);
    const results = await eslint.lintFiles(batch);
    for (const result of results) {
      for (const message of result.messages) {
        if (!message.fatal) continue;
        errors.push({ file: relative(options.cwd, result.filePath), line: message.line, message: message.message });
      }
    }
    options.onProgress?.(Math.min(start + BATCH, files.length), files.length);
  }
  const records = files.map((file) => collector.records.get(file)).filter((record) => record !== undefined);
  return { files, records, publicRoutes: collector.publicRoutes, errors };
}

export function relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}
