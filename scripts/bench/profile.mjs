#!/usr/bin/env node
// Where the plugin's time goes on the real backends, cold: one `recommended` run over every
// `--stride`-th server file of scripts/real-world.mjs (`benchBackends`), in a fresh copy of the
// corpus without the plugin's disk cache in it, as scripts/bench/worker.mjs runs it (summaries are
// kept in memory and written to the copy; `--no-summaries` turns them off, as `npm run real-world`
// does, with ESLINT_PLUGIN_API_SECURITY_CACHE=0), after a warm-up over
// another copy (JIT warm, caches cold). Writes a CPU profile of that run (V8's sampling profiler,
// started and stopped around the run only) and prints its samples grouped by where the code lives
// (the plugin's modules by directory, the parsers, ESLint, garbage collection), the CPU time of
// the run, and the project model's parses of other files. `--timing` adds a second cold run with
// ESLint's `stats` on and prints the time of each rule (what `TIMING=all` prints). `--heap` also
// samples allocations during the profiled run (V8's sampling heap profiler, objects already
// collected included: what the run allocates, not what it keeps), writes them next to the CPU
// profile (`.heapprofile`) and prints the bytes by group and by the plugin's functions.
// `--rules a,b` keeps only those rules of `recommended` on.
//
//   node scripts/bench/profile.mjs [--stride N] [--out FILE.cpuprofile] [--interval MICROSECONDS] [--timing] [--heap] [--rules RULE,...] [--no-summaries]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import { benchBackends, cacheDir, serverFiles } from '../real-world.mjs';
import { freshCopy } from './fresh-copy.mjs';

const { values: flags } = parseArgs({
  options: {
    stride: { type: 'string', default: '2' },
    out: { type: 'string', default: path.join(os.tmpdir(), 'api-security-recommended.cpuprofile') },
    interval: { type: 'string', default: '500' },
    timing: { type: 'boolean', default: false },
    'no-summaries': { type: 'boolean', default: false },
    heap: { type: 'boolean', default: false },
    rules: { type: 'string' },
  },
});
if (flags['no-summaries']) process.env.ESLINT_PLUGIN_API_SECURITY_CACHE = '0';
const { default: apiSecurity } = await import('../../dist/index.js');
const { projectParseCount } = await import('../../dist/analysis/project/parse.js');
const stride = Number(flags.stride);
const files = benchBackends.flatMap((backend) => serverFiles(backend).files).filter((_, index) => index % stride === 0);
const texts = files.map((file) => [file, readFileSync(file, 'utf8')]);
const work = mkdtempSync(path.join(os.tmpdir(), 'api-security-profile-'));
const parser = apiSecurity.configs.recommended.languageOptions?.parser;
const SOURCE_FILES = apiSecurity.configs.all.files;
const onlyRules = flags.rules?.split(',').map((rule) => `api-security/${rule.trim()}`);
const recommended = onlyRules
  ? { ...apiSecurity.configs.recommended, rules: Object.fromEntries(Object.entries(apiSecurity.configs.recommended.rules).filter(([id]) => onlyRules.includes(id))) }
  : apiSecurity.configs.recommended;
if (onlyRules && Object.keys(recommended.rules).length !== onlyRules.length) throw new Error(`not rules of recommended: ${flags.rules}`);

let runs = 0;
/** Lints `subset` in a new copy of the corpus; `around` wraps the timed part. */
async function run(subset, { stats = false, around = async (lint) => lint() } = {}) {
  const copy = path.join(work, `run-${runs++}`);
  freshCopy(cacheDir, copy);
  const move = (file) => path.join(copy, path.relative(cacheDir, file));
  const eslint = new ESLint({
    cwd: copy,
    overrideConfigFile: true,
    overrideConfig: [
      { files: SOURCE_FILES, languageOptions: { parser, ecmaVersion: 'latest', sourceType: 'module' }, linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
      recommended,
      { files: SOURCE_FILES, languageOptions: { parser } },
    ],
    ignore: false,
    stats,
  });
  const parsesBefore = projectParseCount();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const results = [];
  await around(async () => {
    for (const [file, text] of subset) results.push(...(await eslint.lintText(text, { filePath: move(file) })));
  });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  rmSync(copy, { recursive: true, force: true });
  return { results, wallMs, cpuMs: (used.user + used.system) / 1000, parses: projectParseCount() - parsesBefore };
}

/** Where a profile node's code lives, as a group name. */
const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
function groupOf(node) {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const dist = path.join(root, 'dist') + path.sep;
  if (file.startsWith(dist)) {
    const parts = path.relative(dist, file).split(path.sep);
    return `plugin ${parts.slice(0, Math.min(parts.length - 1, 2)).join('/') || parts[0]}`;
  }
  const modules = file.lastIndexOf(`node_modules${path.sep}`);
  if (modules >= 0) {
    const rest = file.slice(modules + 'node_modules/'.length).split(path.sep);
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  return file.startsWith('node:') ? 'node' : 'other';
}

try {
  await run(texts.filter((_, index) => index % 4 === 0));
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: Number(flags.interval) });
  let profile;
  let heap = null;
  const profiled = await run(texts, {
    around: async (lint) => {
      if (flags.heap) {
        await session.post('HeapProfiler.enable');
        await session.post('HeapProfiler.startSampling', {
          samplingInterval: 128 * 1024,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        });
      }
      await session.post('Profiler.start');
      await lint();
      ({ profile } = await session.post('Profiler.stop'));
      if (flags.heap) ({ profile: heap } = await session.post('HeapProfiler.stopSampling'));
    },
  });
  session.disconnect();
  writeFileSync(flags.out, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const counts = new Map();
  for (const id of profile.samples) {
    const group = groupOf(byId.get(id));
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  const total = profile.samples.length;
  console.log(`${texts.length} files; profiled run: CPU ${Math.round(profiled.cpuMs)} ms, wall ${Math.round(profiled.wallMs)} ms; project parses of other files: ${profiled.parses}`);
  console.log(`profile: ${flags.out}; self samples by group (${total}):`);
  for (const [group, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`  ${((100 * count) / total).toFixed(1).padStart(5)}%  ${group}`);
  }
  if (heap) {
    const heapOut = flags.out.replace(/\.cpuprofile$/u, '') + '.heapprofile';
    writeFileSync(heapOut, JSON.stringify(heap));
    const groups = new Map();
    const functions = new Map();
    let allocated = 0;
    const visit = (node) => {
      const bytes = node.selfSize;
      allocated += bytes;
      const group = groupOf(node);
      groups.set(group, (groups.get(group) ?? 0) + bytes);
      if (group.startsWith('plugin ')) {
        const name = `${node.callFrame.functionName || '(anonymous)'} ${path.relative(path.join(root, 'dist'), fileURLToPath(node.callFrame.url))}:${node.callFrame.lineNumber + 1}`;
        functions.set(name, (functions.get(name) ?? 0) + bytes);
      }
      for (const child of node.children) visit(child);
    };
    visit(heap.head);
    const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0).padStart(6)} MB`;
    console.log(`\nallocation profile: ${heapOut}; ${mb(allocated).trim()} allocated (sampled), by group (self):`);
    for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${mb(bytes)}  ${group}`);
    console.log('the plugin\'s functions (self):');
    for (const [name, bytes] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${mb(bytes)}  ${name}`);
  }
  if (flags.timing) {
    const timed = await run(texts, { stats: true });
    const ruleMs = {};
    let parseMs = 0;
    for (const result of timed.results) {
      for (const pass of result.stats?.times.passes ?? []) {
        parseMs += pass.parse?.total ?? 0;
        for (const [rule, { total: ms }] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + ms;
      }
    }
    console.log(`\nrun with stats: CPU ${Math.round(timed.cpuMs)} ms; ESLint's parse ${Math.round(parseMs)} ms; rules (ms):`);
    for (const [rule, ms] of Object.entries(ruleMs).sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      console.log(`  ${String(Math.round(ms)).padStart(7)}  ${rule}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  // The plugin writes its pending summaries into the copies as the process exits (its exit hook,
  // registered during the runs, comes first): removed again after that.
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));
}
