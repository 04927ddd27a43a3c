#!/usr/bin/env node
// The first lint of one file in a fresh process, as an editor's ESLint server does when a file of a
// project is opened: load ESLint, load the project's config (and with it the plugin), lint the
// file's text with `lintText`. Then a second file of the same project, in the same process.
//
//   node scripts/bench/first-lint.mjs <config file> <cwd> <first file> <second file>
//
// Prints one line of JSON; every time is in ms. `sinceStart` counts from the start of the process
// (Node's own start-up included) to the first result; `firstLint` is the `lintText` call alone,
// which loads the config file and the plugin, parses, and runs the rules (and whatever they build
// on first use, such as the project model).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [configFile, cwd, first, second] = process.argv.slice(2);
if (second === undefined) {
  console.error('usage: first-lint.mjs <config file> <cwd> <first file> <second file>');
  process.exit(2);
}
const atStart = performance.now();
const { ESLint } = await import('eslint');
const imported = performance.now();
const eslint = new ESLint({ cwd, overrideConfigFile: configFile });

async function lintOne(file) {
  const text = readFileSync(file, 'utf8');
  const start = performance.now();
  const [result] = await eslint.lintText(text, { filePath: file });
  const ms = performance.now() - start;
  if (result === undefined) throw new Error(`no result for ${file}`);
  const fatal = result.messages.filter((message) => message.fatal).map((message) => message.message);
  if (fatal.length > 0) throw new Error(`${file} does not parse: ${fatal.join('; ')}`);
  return { ms, findings: result.messages.length };
}

const firstRun = await lintOne(first);
const sinceStart = performance.now();
const secondRun = await lintOne(second);
console.log(JSON.stringify({
  nodeStart: atStart,
  importEslint: imported - atStart,
  firstLint: firstRun.ms,
  sinceStart,
  secondLint: secondRun.ms,
  findings: firstRun.findings + secondRun.findings,
}));
