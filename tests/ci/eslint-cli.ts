import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/*
 * Runs the real `eslint` CLI the way a CI job does: a child process, the built plugin loaded by
 * the config file, the exit code as the verdict.
 */

export const root = path.resolve(import.meta.dirname, '../..');
export const examplesDir = path.join(root, 'examples');
export const distEntry = path.join(root, 'dist/index.js');
export const eslintBin = path.join(root, 'node_modules/eslint/bin/eslint.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  fatal?: boolean;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
}

/** Stops the suite with a message that says what to do, instead of a module-not-found error. */
export function requireBuild(): void {
  if (!existsSync(distEntry)) {
    throw new Error(`${path.relative(root, distEntry)} is missing: run \`npm run build\` before the CI tests.`);
  }
}

/** Runs `node eslint.js ...args` in `cwd`; a non-zero exit is a result, not an exception. */
export function runEslint(args: readonly string[], cwd: string = root): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [eslintBin, ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 50_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`eslint ${args.join(' ')} did not run: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Parses `-f json` output, with the CLI's stderr in the error when it is not JSON. */
export function parseJson(run: CliRun): LintResult[] {
  try {
    return JSON.parse(run.stdout) as LintResult[];
  } catch {
    throw new Error(`eslint did not print JSON (exit ${String(run.code)}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** Path relative to `examples/`, with forward slashes. */
export const exampleRelative = (file: string): string => path.relative(examplesDir, file).split(path.sep).join('/');
