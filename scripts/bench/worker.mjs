#!/usr/bin/env node
// Lints one corpus with one configuration, in a process of its own so that its peak memory is its
// own. scripts/bench.mjs starts one worker per (corpus, configuration) with `fork` and drives it
// step by step, so that the configurations of a corpus take turns (a, b, c, a, b, c, …): a burst
// of other work on the machine then slows all of them, not one. Only one worker lints at a time.
//
// Messages from the parent, each answered once:
//   { type: 'job', job }  →  { type: 'ready' }      reads the corpus
//   { type: 'warmup' }    →  { type: 'warm' }       untimed run over `job.warmup` files
//   { type: 'rep' }       →  { type: 'rep', wallMs, cpuMs }
//   { type: 'finish' }    →  { type: 'result', result }, then exits
// The job: { config, cwd, files: [[path on disk, name to lint it under]], warmup, stats, fresh, rules }.
// `rules`, when given, keeps only those rules of the configuration on.
// `warmup` is a file count or 'all'. The per-rule times (the data `TIMING=all` prints) come from a
// run with ESLint's `stats` on: the warm-up when `stats.when` is 'first', a last run over
// `stats.files` files when it is 'last', none when it is 'never'. The timed repetitions run
// without stats, so that the timers around each rule listener do not count.
//
// The plugin keeps per-process caches keyed by file path (the project model: other files' parses
// and summaries, revalidated by size and mtime). A second lint of the same paths in one process
// would reuse them, which an `eslint` command never does. With `fresh: { root, dir }`, every run
// (warm-up, repetition, stats) lints a new copy of `root` made under `dir` before the clock
// starts, with `cwd` and the file names moved into it: the JIT is warm, the plugin's caches cold.
//
// Run alone, `node scripts/bench/worker.mjs job.json [reps]` prints the result as JSON.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import tsParser, { clearCaches } from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import security from 'eslint-plugin-security';
import apiSecurity from '../../dist/index.js';
import { freshCopy } from './fresh-copy.mjs';

/** The files the plugin's own configs lint: JavaScript and TypeScript of every extension. */
const SOURCE_FILES = apiSecurity.configs.all.files;

/**
 * The parser the plugin's configs ship: @typescript-eslint/parser for TypeScript, espree for
 * JavaScript (or @typescript-eslint/parser alone if the configs set none).
 */
const PARSER = apiSecurity.configs.recommended.languageOptions?.parser ?? tsParser;

/**
 * The configurations. All use the same parser on the same files, the one `recommended` ships, so
 * that a ratio compares rules, not parsers. Inline `eslint` comments in the corpus are ignored, so
 * that third-party code can neither turn rules off nor turn other rules on.
 */
function configFor(name, cwd, rules) {
  const base = {
    files: SOURCE_FILES,
    languageOptions: { parser: PARSER, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
  };
  // Last in each list, so that no config brings a parser of its own.
  const sameParser = { files: SOURCE_FILES, languageOptions: { parser: PARSER } };
  const typed = { files: SOURCE_FILES, languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: cwd } } };
  switch (name) {
    case 'parse':
      return [base];
    case 'security':
      return [base, security.configs.recommended, sameParser];
    case 'recommended':
      return [base, rules ? onlyRules(apiSecurity.configs.recommended, rules) : apiSecurity.configs.recommended, sameParser];
    case 'typed-parse':
      return [base, typed];
    case 'typed-recommended':
      return [base, apiSecurity.configs['recommended-type-checked'], typed, sameParser];
    default:
      throw new Error(`unknown configuration ${name}`);
  }
}

/**
 * `config` with only the rules named in `rules` (ids without the `api-security/` prefix) left on:
 * what part of a configuration's cost comes from which rules (scripts/bench/backends.mjs `--rules`).
 */
function onlyRules(config, rules) {
  const kept = Object.entries(config.rules).filter(([id]) => rules.includes(id.replace(/^api-security\//u, '')));
  if (kept.length !== rules.length) throw new Error(`not rules of the config: ${rules.join(', ')}`);
  return { ...config, rules: Object.fromEntries(kept) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Per-rule and parse times of a run with stats on. */
function timesOf(run) {
  const ruleMs = {};
  let parseMs = 0;
  for (const result of run.results) {
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      for (const [rule, { total }] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + total;
    }
  }
  return { files: run.results.length, wallMs: run.wallMs, parseMs, ruleMs };
}

/** One corpus linted with one configuration, step by step. */
class Worker {
  constructor(job) {
    this.job = job;
    this.texts = job.files.map(([file, lintName]) => [readFileSync(file, 'utf8'), lintName ?? file]);
    this.reps = [];
    this.last = null;
    this.stats = null;
    this.runs = 0;
  }

  /** Where a run lints: the corpus where it is, or a new copy of it (see `fresh` above). */
  place() {
    const fresh = this.job.fresh;
    if (!fresh) return { cwd: this.job.cwd, move: (file) => file, done: () => {} };
    const copy = path.join(fresh.dir, `run-${this.runs}`);
    this.runs += 1;
    // The plugin's summaries on disk (node_modules/.cache) are left behind: each run starts cold,
    // whatever earlier runs, of this build or another, wrote into the corpus.
    // From the real directory: a symlinked corpus (a worktree's .cache/real-world) would be copied
    // as the link, and every run would lint the same files, its caches warm.
    freshCopy(fresh.root, copy);
    const move = (file) => {
      const relative = path.relative(fresh.root, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`${file} is outside ${fresh.root}`);
      return path.join(copy, relative);
    };
    return { cwd: move(this.job.cwd), move, done: () => rmSync(copy, { recursive: true, force: true }) };
  }

  some(count) {
    return count === 'all' ? this.texts : this.texts.slice(0, count);
  }

  /** Lints `texts` once with a fresh ESLint instance and fresh parser caches. */
  async lint(texts, stats) {
    // A new project service per run: a typed run pays for building its TypeScript program each time.
    clearCaches();
    const place = this.place();
    const eslint = new ESLint({
      cwd: place.cwd,
      overrideConfigFile: true,
      overrideConfig: configFor(this.job.config, this.job.cwd, this.job.rules),
      ignore: false,
      stats,
    });
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const results = [];
    for (const [text, filePath] of texts) results.push(...(await eslint.lintText(text, { filePath: place.move(filePath) })));
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    place.done();
    return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, results };
  }

  /** Module loading and JIT compilation land here, not in the timed runs. */
  async warmup() {
    const first = this.job.stats.when === 'first';
    const run = await this.lint(this.some(this.job.warmup), first);
    if (first) this.stats = timesOf(run);
    if (run.results.length === this.texts.length) this.last = run;
  }

  async rep() {
    this.last = await this.lint(this.texts, false);
    const rep = { wallMs: this.last.wallMs, cpuMs: this.last.cpuMs };
    this.reps.push(rep);
    return rep;
  }

  async finish() {
    if (this.job.stats.when === 'last') this.stats = timesOf(await this.lint(this.some(this.job.stats.files), true));
    const findings = {};
    const fatal = [];
    for (const result of this.last?.results ?? []) {
      for (const message of result.messages) {
        if (message.fatal) fatal.push(`${result.filePath}:${message.line}: ${message.message}`);
        else if (message.ruleId) findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
      }
    }
    return {
      config: this.job.config,
      files: this.texts.length,
      reps: this.reps,
      wallMs: this.reps.length > 0 ? median(this.reps.map((rep) => rep.wallMs)) : null,
      cpuMs: this.reps.length > 0 ? median(this.reps.map((rep) => rep.cpuMs)) : null,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      stats: this.stats,
      findings,
      fatal,
    };
  }
}

if (process.send) {
  let worker = null;
  let queue = Promise.resolve();
  const reply = (message) => new Promise((resolve) => process.send(message, resolve));
  const handle = async (message) => {
    switch (message.type) {
      case 'job':
        worker = new Worker(message.job);
        return reply({ type: 'ready' });
      case 'warmup':
        await worker.warmup();
        return reply({ type: 'warm' });
      case 'rep':
        return reply({ type: 'rep', ...(await worker.rep()) });
      case 'finish':
        await reply({ type: 'result', result: await worker.finish() });
        return process.exit(0);
      default:
        throw new Error(`unknown message ${message.type}`);
    }
  };
  process.on('message', (message) => {
    queue = queue.then(() => handle(message));
  });
} else {
  const worker = new Worker(JSON.parse(readFileSync(process.argv[2], 'utf8')));
  await worker.warmup();
  for (let rep = 0; rep < Number(process.argv[3] ?? 3); rep += 1) await worker.rep();
  console.log(JSON.stringify(await worker.finish()));
}
