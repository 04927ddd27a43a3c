#!/usr/bin/env node
// The real-backends figure of `npm run bench` alone: `recommended` against the parse-only run on
// the server code of the backends of scripts/real-world.mjs, measured as the bench measures it
// (one worker per configuration, scripts/bench/worker.mjs; a warm-up over the whole corpus; then
// one repetition of each configuration in turn, each over a fresh copy of the corpus, so that the
// JIT is warm and the plugin's caches cold). Prints the median wall and CPU time of each, and the
// ratios. Uses the plugin as it is in `dist/` (run `npm run build` first).
//
// `--rules a,b` keeps only those rules of `recommended` on (rule ids without the prefix), to
// measure what part of the cost they take.
//
//   node scripts/bench/backends.mjs [--reps N] [--stride N] [--rules RULE,...]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchBackends as backends, cacheDir, serverFiles } from '../real-world.mjs';

const { values: flags } = parseArgs({ options: { reps: { type: 'string', default: '3' }, stride: { type: 'string', default: '1' }, rules: { type: 'string' } } });
const reps = Number(flags.reps);
const stride = Number(flags.stride);
const rules = flags.rules?.split(',').map((rule) => rule.trim()).filter(Boolean);
if (!Number.isInteger(reps) || reps < 1 || !Number.isInteger(stride) || stride < 1) {
  console.error('Usage: node scripts/bench/backends.mjs [--reps N] [--stride N] [--rules RULE,...]');
  process.exit(2);
}

const files = backends.flatMap((backend) => serverFiles(backend).files).filter((_, index) => index % stride === 0);
const work = mkdtempSync(path.join(os.tmpdir(), 'api-security-backends-'));

/** One worker, one configuration; `ask` sends a message and waits for its one answer. */
function start(config) {
  const child = fork(path.join(import.meta.dirname, 'worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // A worker writes the plugin's pending summaries into its copy as it exits: removed after that.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let pending = null;
  child.on('message', (message) => pending?.(message));
  const ask = (message) =>
    new Promise((resolve) => {
      pending = resolve;
      child.send(message);
    });
  const job = {
    config,
    cwd: cacheDir,
    files: files.map((file) => [file, file]),
    warmup: 'all',
    stats: { when: 'never' },
    fresh: { root: cacheDir, dir: path.join(work, config) },
    ...(rules ? { rules } : {}),
  };
  return { config, ask, job, exited, kill: () => child.kill() };
}

let workers = [];
let finished = false;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  workers = ['parse', 'recommended'].map(start);
  for (const worker of workers) {
    await worker.ask({ type: 'job', job: worker.job });
    await worker.ask({ type: 'warmup' });
  }
  const runs = { parse: [], recommended: [] };
  for (let rep = 0; rep < reps; rep++) {
    for (const worker of workers) {
      const { wallMs, cpuMs } = await worker.ask({ type: 'rep' });
      runs[worker.config].push({ wallMs, cpuMs });
      console.log(`rep ${rep + 1} ${worker.config}: wall ${Math.round(wallMs)} ms, CPU ${Math.round(cpuMs)} ms`);
    }
  }
  const results = {};
  for (const worker of workers) results[worker.config] = (await worker.ask({ type: 'finish' })).result;
  finished = true;
  const figure = (config, measure) => median(runs[config].map((run) => run[measure]));
  console.log(`\n${files.length} files${rules ? ` (rules: ${rules.join(', ')})` : ''}, ${reps} repetitions (median), load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  for (const measure of ['wallMs', 'cpuMs']) {
    const parse = figure('parse', measure);
    const recommended = figure('recommended', measure);
    console.log(`${measure === 'wallMs' ? 'wall' : 'CPU '}: parse ${Math.round(parse)} ms, recommended ${Math.round(recommended)} ms, ratio ${(recommended / parse).toFixed(2)}`);
  }
  console.log(`peak RSS: parse ${Math.round(results.parse.peakRssMb)} MB, recommended ${Math.round(results.recommended.peakRssMb)} MB`);
  console.log(`findings: ${JSON.stringify(results.recommended.findings)}`);
} finally {
  // Workers exit on their own after 'finish'; after a failure they are stopped.
  if (!finished) for (const worker of workers) worker.kill();
  await Promise.all(workers.map((worker) => worker.exited));
  rmSync(work, { recursive: true, force: true });
}
