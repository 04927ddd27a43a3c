import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll } from 'vitest';
import plugin from '../../src/index.js';

/*
 * Projects on disk for the cross-file tests: a directory per project under one temporary root
 * (removed after the test file), with a `package.json` so the project model finds its root, and a
 * real ESLint run over one of its files.
 */

const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-project-'));
let counter = 0;
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/**
 * Writes `files` (relative name to text) as a new project and returns its directory. A `manifest`
 * of null writes no `package.json` (a project checked out without one).
 */
export function writeProject(files: Record<string, string>, manifest: Record<string, unknown> | null = { name: 'app', type: 'module' }): string {
  const dir = path.join(temp, `app-${String(counter++)}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  if (manifest !== null) writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  return dir;
}

/**
 * Lints one file of a project with the plugin and `rules`, as the editor does by default: TypeScript
 * with typescript-eslint's parser and no type information, JavaScript with ESLint's own. A file
 * that does not parse fails the test instead of looking clean.
 */
export async function lintProjectFile(dir: string, file: string, rules: Linter.RulesRecord, cwd = dir): Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{js,cjs,mjs,jsx,ts,mts,cts,tsx}'], plugins: { 'api-security': plugin as never }, rules },
      { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser as never } },
    ],
  });
  const [result] = await eslint.lintFiles([path.join(dir, file)]);
  const messages = result?.messages ?? [];
  const fatal = messages.filter((message) => message.fatal === true);
  if (fatal.length > 0) throw new Error(`${file} does not parse: ${fatal.map((message) => message.message).join('; ')}`);
  return messages;
}

/** Lint messages as `<line> <rule id>`, in order: what the cross-file rule tests compare. */
export const summary = (messages: readonly Linter.LintMessage[]): string[] => messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}`);
