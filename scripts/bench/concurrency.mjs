#!/usr/bin/env node
// `eslint --concurrency N` against one thread on generated layered projects, each run in a new
// process as a CI job runs it: cold (the plugin's disk cache removed first) and warm (the same
// command again, reading what the cold run wrote). The project has a `node_modules` directory,
// where the cache lives. Each run lints every source file with `recommended` from the project's own
// config file (workers load it, as they load a user's), through the ESLint API with the
// `concurrency` option the CLI flag sets. Prints wall time, CPU time (of the whole process: worker
// threads included), peak RSS and the size of the cache directory. Uses `dist/` (build first).
//
//   node scripts/bench/concurrency.mjs [--sizes 1000,10000] [--concurrency 4] [--reps 1] [--json FILE]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeLayeredProject } from './generate.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const CACHE = path.join('node_modules', '.cache', 'eslint-plugin-api-security');

if (process.argv[2] === '--run') {
  // One run, in this process: `--run <project dir> <concurrency>`; prints one line of JSON.
  const [dir, threads] = process.argv.slice(3);
  const { ESLint } = await import('eslint');
  const start = performance.now();
  const cpu = process.cpuUsage();
  const concurrency = Number(threads);
  const eslint = new ESLint({ cwd: dir, ...(concurrency > 1 ? { concurrency } : {}) });
  const results = await eslint.lintFiles(['src']);
  const used = process.cpuUsage(cpu);
  const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal));
  if (fatal.length > 0) throw new Error(`${fatal.length} files do not parse: ${fatal[0].message}`);
  console.log(
    JSON.stringify({
      files: results.length,
      findings: results.reduce((sum, result) => sum + result.messages.length, 0),
      wallMs: performance.now() - start,
      cpuMs: (used.user + used.system) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    concurrency: { type: 'string', default: '4' },
    reps: { type: 'string', default: '1' },
    json: { type: 'string' },
  },
});
const sizes = flags.sizes.split(',').map(Number);
const threads = Number(flags.concurrency);
const reps = Number(flags.reps);
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(threads) || threads < 2 || !Number.isInteger(reps) || reps < 1) {
  console.error('Usage: node scripts/bench/concurrency.mjs [--sizes 1000,10000] [--concurrency N>=2] [--reps N] [--json FILE]');
  process.exit(2);
}

/** Bytes under a directory (0 when it is missing). */
function sizeOf(dir) {
  let total = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      total += entry.isDirectory() ? sizeOf(full) : statSync(full).size;
    }
  } catch {
    // No cache directory: nothing written.
  }
  return total;
}

const run = (dir, concurrency) =>
  JSON.parse(execFileSync(process.execPath, [import.meta.filename, '--run', dir, String(concurrency)], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').at(-1));

const work = mkdtempSync(path.join(os.tmpdir(), 'api-security-concurrency-'));
const rows = [];
try {
  for (const size of sizes) {
    const dir = path.join(work, `layered-${size}`);
    writeLayeredProject(dir, size);
    mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    const pluginUrl = pathToFileURL(path.join(root, 'dist', 'index.js')).href;
    writeFileSync(path.join(dir, 'eslint.config.mjs'), `import apiSecurity from '${pluginUrl}';\nexport default [apiSecurity.configs.recommended];\n`);
    for (let rep = 1; rep <= reps; rep++) {
      for (const concurrency of [1, threads]) {
        rmSync(path.join(dir, CACHE), { recursive: true, force: true });
        for (const state of ['cold', 'warm']) {
          const result = run(dir, concurrency);
          const row = { size, threads: concurrency, state, rep, ...result, cacheMb: sizeOf(path.join(dir, CACHE)) / 1048576 };
          rows.push(row);
          process.stderr.write(`${JSON.stringify(row)}\n`);
        }
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`\n| files | threads | cache | wall s | CPU s | peak RSS MB | findings | cache dir MB |\n|---|---|---|---|---|---|---|---|`);
for (const size of sizes) {
  for (const concurrency of [1, threads]) {
    for (const state of ['cold', 'warm']) {
      const same = rows.filter((row) => row.size === size && row.threads === concurrency && row.state === state);
      const cell = (key, digits) => median(same.map((row) => row[key])).toFixed(digits);
      console.log(`| ${size} | ${concurrency} | ${state} | ${(median(same.map((row) => row.wallMs)) / 1000).toFixed(1)} | ${(median(same.map((row) => row.cpuMs)) / 1000).toFixed(1)} | ${cell('peakRssMb', 0)} | ${cell('findings', 0)} | ${cell('cacheMb', 1)} |`);
    }
  }
}
if (flags.json) writeFileSync(flags.json, JSON.stringify({ sizes, threads, reps, rows }, null, 2));
