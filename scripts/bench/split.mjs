#!/usr/bin/env node
// Where `recommended`'s cost over a parse goes, by parts of the plugin: one worker
// (scripts/bench/worker.mjs) per configuration — parse only, `recommended`, and `recommended`
// reduced to groups of rules — each over a fresh copy of the real backends' server files (every
// `--stride`-th), warmed up over `--warmup` files, then one repetition of each in turn per round.
// Prints each repetition as it ends, then per configuration the median CPU against parse only.
//
// `--project-off` adds `recommended` with the project model switched off (single-file analyses
// only). The plugin has no such switch: it needs an experiment build of `dist/` whose
// `projectIndexOf` (src/analysis/project/index.ts) starts with
//   if (process.env.API_SECURITY_BENCH_NO_PROJECT === '1') return null;
// which that worker's environment sets. Without that line the row measures plain `recommended`.
//
//   node scripts/bench/split.mjs [--stride N] [--reps N] [--warmup N] [--only NAME,...] [--project-off]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchBackends as backends, cacheDir, serverFiles } from '../real-world.mjs';

const { values: flags } = parseArgs({
  options: {
    stride: { type: 'string', default: '2' },
    reps: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '300' },
    only: { type: 'string' },
    'project-off': { type: 'boolean', default: false },
  },
});
const TAINT = ['no-code-injection', 'no-command-injection', 'no-nosql-injection', 'no-open-redirect', 'no-path-traversal', 'no-reflected-xss', 'no-sql-injection', 'no-ssrf'];
const PARTS = [
  { name: 'parse', config: 'parse' },
  { name: 'recommended', config: 'recommended' },
  ...(flags['project-off'] ? [{ name: 'recommended, project model off', config: 'recommended', env: { API_SECURITY_BENCH_NO_PROJECT: '1' } }] : []),
  { name: 'taint rules only', config: 'recommended', rules: TAINT },
  { name: 'no-hardcoded-secrets only', config: 'recommended', rules: ['no-hardcoded-secrets'] },
  { name: 'exposure rules only', config: 'recommended', rules: ['no-mass-assignment', 'no-whole-object-response'] },
  { name: 'no-unauthenticated-route only', config: 'recommended', rules: ['no-unauthenticated-route'] },
];
const only = flags.only?.split(',');
const parts = PARTS.filter((part) => part.name === 'parse' || !only || only.some((name) => part.name.startsWith(name)));
const files = backends.flatMap((backend) => serverFiles(backend).files).filter((_, index) => index % Number(flags.stride) === 0);
const work = mkdtempSync(path.join(os.tmpdir(), 'api-security-split-'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function start(part, index) {
  const child = fork(path.join(import.meta.dirname, 'worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...part.env } });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let pending = null;
  child.on('message', (message) => pending?.(message));
  const ask = (message) =>
    new Promise((resolve) => {
      pending = resolve;
      child.send(message);
    });
  const job = {
    config: part.config,
    cwd: cacheDir,
    files: files.map((file) => [file, file]),
    warmup: Number(flags.warmup),
    stats: { when: 'never' },
    fresh: { root: cacheDir, dir: path.join(work, String(index)) },
    ...(part.rules ? { rules: part.rules } : {}),
  };
  return { part, ask, job, exited, kill: () => child.kill(), runs: [] };
}

const workers = parts.map(start);
try {
  for (const worker of workers) {
    await worker.ask({ type: 'job', job: worker.job });
    await worker.ask({ type: 'warmup' });
  }
  for (let rep = 0; rep < Number(flags.reps); rep++) {
    for (const worker of workers) {
      const run = await worker.ask({ type: 'rep' });
      worker.runs.push(run);
      console.log(`rep ${rep + 1} ${worker.part.name}: CPU ${Math.round(run.cpuMs)} ms, wall ${Math.round(run.wallMs)} ms, load ${os.loadavg()[0].toFixed(1)}`);
    }
  }
  for (const worker of workers) worker.result = (await worker.ask({ type: 'finish' })).result;
  const parseCpu = median(workers[0].runs.map((run) => run.cpuMs));
  const parseWall = median(workers[0].runs.map((run) => run.wallMs));
  console.log(`\n${files.length} files, ${flags.reps} repetition(s) (median), load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  console.log('| configuration | CPU ms | CPU / parse | wall / parse | findings |');
  for (const worker of workers) {
    const cpu = median(worker.runs.map((run) => run.cpuMs));
    const wall = median(worker.runs.map((run) => run.wallMs));
    const findings = Object.values(worker.result.findings).reduce((sum, count) => sum + count, 0);
    console.log(`| ${worker.part.name} | ${Math.round(cpu)} | ${(cpu / parseCpu).toFixed(2)} | ${(wall / parseWall).toFixed(2)} | ${findings} |`);
  }
} finally {
  for (const worker of workers) if (!worker.result) worker.kill();
  await Promise.all(workers.map((worker) => worker.exited));
  rmSync(work, { recursive: true, force: true });
}
