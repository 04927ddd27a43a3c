#!/usr/bin/env node
// `npm run bench`: what the plugin costs on top of ESLint's own parse, on real third-party code, on
// generated API projects of growing size, on a type-checked project and on pathological files.
// Every (corpus, configuration) pair runs in a child process of its own (scripts/bench/worker.mjs);
// the configurations of a corpus take turns, one repetition each, and one child lints at a time.
// The targets are printed as met or not met; nothing here fails because of a time.
//
//   node scripts/bench.mjs [--reps N] [--sizes 100,1000,10000] [--real-stride N] [--typed-files N]
//                          [--quick] [--json FILE]
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeApiProject } from './bench/generate.mjs';
import { writePathological } from './bench/pathological.mjs';
import { countLines, describeMachine, fixed, int, loadAverage, logLogSlope, machine, table } from './bench/report.mjs';
import { lintNameOf, root, thirdPartyCorpus } from './corpus.mjs';

const USAGE = `Usage: node scripts/bench.mjs [options]
  --reps N          timed repetitions per corpus and configuration (default 3; at least 5 for
                    the pathological files, fewer once their timed runs pass 60 s; 1 for
                    synthetic projects of 5,000 files or more)
  --sizes LIST      file counts of the synthetic projects (default 100,1000,10000)
  --real-stride N   lint every Nth file of the third-party corpus (default 4; 1 for all of it)
  --typed-files N   files of the type-checked project (default 300)
  --quick           a small, fast run while developing
  --json FILE       also write every figure to FILE`;

const { values: flags } = parseArgs({
  options: {
    reps: { type: 'string' },
    sizes: { type: 'string' },
    'real-stride': { type: 'string' },
    'typed-files': { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}
const positive = (text, name) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive integer\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
};
const quick = flags.quick;
const reps = positive(flags.reps ?? (quick ? '1' : '3'), '--reps');
const sizes = (flags.sizes ?? (quick ? '50,200' : '100,1000,10000')).split(',').map((size) => positive(size, '--sizes'));
const realStride = positive(flags['real-stride'] ?? (quick ? '40' : '4'), '--real-stride');
const typedFiles = positive(flags['typed-files'] ?? (quick ? '40' : '300'), '--typed-files');
/**
 * From this many files on, a synthetic project gets one timed repetition, and its warm-up and
 * per-rule times cover its first BIG_SUBSET files only; smaller corpora get a whole warm-up run.
 */
const BIG = 5000;
const BIG_SUBSET = 1000;
const PATHOLOGICAL_REPS = Math.max(reps, quick ? 1 : 5);
/** A pathological file stops repeating once its timed runs have taken this long. */
const PATHOLOGICAL_BUDGET_MS = 60_000;

const CONFIG_LABELS = {
  parse: '(a) parse only',
  security: '(b) eslint-plugin-security',
  recommended: '(c) recommended',
  'typed-parse': 'typed parse only',
  'typed-recommended': '(d) recommended-type-checked',
};

const started = performance.now();
const host = machine();
const loadAtStart = loadAverage();
const work = mkdtempSync(path.join(os.tmpdir(), 'api-security-bench-'));
const cleanUp = () => rmSync(work, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

/** Corpora: { id, label, cwd, files: [[path, lint name]], lines, configs, reps, warmup, statsFiles, budgetMs, results }. */
const corpora = [];

function addCorpus(id, label, cwd, files, configs, options = {}) {
  const lines = files.reduce((sum, [file]) => sum + countLines(readFileSync(file, 'utf8')), 0);
  corpora.push({
    id, label, cwd, files, lines, configs,
    reps: options.reps ?? reps,
    warmup: options.warmup ?? 'all',
    statsFiles: options.statsFiles ?? 'all',
    budgetMs: options.budgetMs,
    results: {},
  });
}

/** Per-rule times are read for the configurations with this plugin's rules. */
const withPluginRules = (config) => config === 'recommended' || config === 'typed-recommended';

/** A worker process, answering one message at a time. */
class Child {
  constructor() {
    this.process = fork(path.join(import.meta.dirname, 'bench', 'worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.pending = null;
    this.exit = null;
    this.process.on('message', (message) => {
      const pending = this.pending;
      this.pending = null;
      pending?.resolve(message);
    });
    this.process.on('exit', (code, signal) => {
      this.exit = `worker exited with ${code ?? signal}`;
      this.pending?.reject(new Error(this.exit));
      this.pending = null;
    });
  }

  request(message) {
    return new Promise((resolve, reject) => {
      if (this.exit !== null) {
        reject(new Error(this.exit));
        return;
      }
      this.pending = { resolve, reject };
      this.process.send(message);
    });
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Lints a corpus with each of its configurations, each in its own child: all warm up, then take
 * turns for each repetition, then report. A child that fails is reported as failed; the others go on.
 */
async function runCorpus(corpus, position) {
  const entries = corpus.configs.map((config) => ({ config, child: new Child(), timedMs: 0, reps: 0, error: null }));
  const step = async (entry, message, what) => {
    if (entry.error !== null) return null;
    const start = performance.now();
    try {
      const answer = await entry.child.request(message);
      if (what) process.stderr.write(`${position} ${corpus.label} · ${CONFIG_LABELS[entry.config]} · ${what}: ${seconds(performance.now() - start)}\n`);
      return answer;
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${position} ${corpus.label} · ${CONFIG_LABELS[entry.config]} · ${what ?? message.type}: ${entry.error}\n`);
      return null;
    }
  };
  for (const entry of entries) {
    const stats = corpus.id.startsWith('pathological-')
      ? { when: 'first' }
      : withPluginRules(entry.config) ? { when: 'last', files: corpus.statsFiles } : { when: 'never' };
    await step(entry, { type: 'job', job: { config: entry.config, cwd: corpus.cwd, files: corpus.files, warmup: corpus.warmup, stats } });
  }
  for (const entry of entries) await step(entry, { type: 'warmup' }, 'warm-up');
  for (let round = 1; round <= corpus.reps; round += 1) {
    for (const entry of entries) {
      // With a budget, a slow configuration stops repeating once its timed runs have taken that long.
      if (corpus.budgetMs !== undefined && entry.reps > 0 && entry.timedMs > corpus.budgetMs) continue;
      const answer = await step(entry, { type: 'rep' }, `rep ${round}/${corpus.reps}`);
      if (answer !== null) {
        entry.timedMs += answer.wallMs;
        entry.reps += 1;
      }
    }
  }
  for (const entry of entries) {
    const answer = await step(entry, { type: 'finish' }, withPluginRules(entry.config) || corpus.id.startsWith('pathological-') ? 'report' : null);
    corpus.results[entry.config] = answer === null ? { error: entry.error } : answer.result;
  }
}

try {
  // Corpora.
  const third = thirdPartyCorpus().filter((_, index) => index % realStride === 0);
  addCorpus('real', `third-party code (every ${realStride === 1 ? '' : `${realStride}th `}file)`, root,
    third.map((file) => [file, lintNameOf(file)]), ['parse', 'security', 'recommended']);
  for (const size of sizes) {
    const dir = path.join(work, `synthetic-${size}`);
    const files = writeApiProject(dir, size);
    const big = size >= BIG;
    addCorpus(`synthetic-${size}`, `synthetic API, ${int(size)} files`, dir, files.map((file) => [file, file]),
      ['parse', 'security', 'recommended'], big ? { reps: 1, warmup: BIG_SUBSET, statsFiles: BIG_SUBSET } : {});
  }
  const typedDir = path.join(work, 'typed');
  const typed = writeApiProject(typedDir, typedFiles, { nodeModules: path.join(root, 'node_modules') });
  addCorpus('typed', `typed project, ${int(typedFiles)} files`, typedDir, typed.map((file) => [file, file]),
    ['parse', 'typed-parse', 'typed-recommended']);
  const pathologicalDir = path.join(work, 'pathological');
  mkdirSync(pathologicalDir);
  for (const [index, { name, file }] of writePathological(pathologicalDir, { quick }).entries()) {
    addCorpus(`pathological-${index}`, name, pathologicalDir, [[file, file]], ['parse', 'recommended'], {
      reps: PATHOLOGICAL_REPS, budgetMs: PATHOLOGICAL_BUDGET_MS,
    });
  }

  console.log(`machine: ${describeMachine(host)}`);
  console.log(`load average at start (1, 5, 15 min): ${loadAtStart}`);
  const big = sizes.filter((size) => size >= BIG);
  console.log(`repetitions: ${reps} (median reported)${big.length > 0 ? `; ${big.map(int).join(', ')} files: 1 repetition, warm-up and per-rule times on the first ${int(BIG_SUBSET)} files` : ''}; pathological files: ${PATHOLOGICAL_REPS}, or fewer once their timed runs pass ${PATHOLOGICAL_BUDGET_MS / 1000} s\n`);

  // Runs.
  for (const [index, corpus] of corpora.entries()) await runCorpus(corpus, `[${index + 1}/${corpora.length}]`);

  const at = (corpus, config) => corpus.results[config];
  const ok = (result) => result !== undefined && !('error' in result);
  const ratio = (corpus, top, bottom, measure) => {
    const a = at(corpus, top);
    const b = at(corpus, bottom);
    return ok(a) && ok(b) ? a[measure] / b[measure] : null;
  };
  const real = corpora[0];
  const synthetic = corpora.filter((corpus) => corpus.id.startsWith('synthetic-'));
  const typedCorpus = corpora.find((corpus) => corpus.id === 'typed');
  const pathological = corpora.filter((corpus) => corpus.id.startsWith('pathological-'));
  const ms = (corpus, config, measure) => (ok(at(corpus, config)) ? int(at(corpus, config)[measure]) : 'failed');

  console.log('\n## Corpora\n');
  console.log(table(corpora.filter((corpus) => !pathological.includes(corpus)), [
    ['corpus', (c) => c.label, 'left'],
    ['files', (c) => int(c.files.length)],
    ['lines', (c) => int(c.lines)],
    ['reps', (c) => c.reps],
    ['files that do not parse', (c) => (ok(at(c, c.configs[0])) ? at(c, c.configs[0]).fatal.length : 'failed')],
  ]));

  console.log('\n## Time: median ms, wall / cpu\n');
  const untyped = [real, ...synthetic];
  const timeCell = (config) => [`${CONFIG_LABELS[config]}`, (c) => `${ms(c, config, 'wallMs')} / ${ms(c, config, 'cpuMs')}`];
  console.log(table(untyped, [['corpus', (c) => c.label, 'left'], timeCell('parse'), timeCell('security'), timeCell('recommended')]));

  console.log('\n## Ratios, wall / cpu\n');
  const ratioCell = (top, bottom) => (c) => `${fixed(ratio(c, top, bottom, 'wallMs'))} / ${fixed(ratio(c, top, bottom, 'cpuMs'))}`;
  console.log(table(untyped, [
    ['corpus', (c) => c.label, 'left'],
    ['(c)/(a)', ratioCell('recommended', 'parse')],
    ['(c)/(b)', ratioCell('recommended', 'security')],
    ['(b)/(a)', ratioCell('security', 'parse')],
  ]));

  console.log('\n## Type-checked project: median ms, wall / cpu\n');
  console.log(table([typedCorpus], [
    ['corpus', (c) => c.label, 'left'],
    ['lines', (c) => int(c.lines)],
    timeCell('parse'),
    timeCell('typed-parse'),
    timeCell('typed-recommended'),
    ['(d)/(typed parse)', ratioCell('typed-recommended', 'typed-parse')],
    ['(typed parse)/(a)', ratioCell('typed-parse', 'parse')],
  ]));

  console.log('\n## Peak memory (max RSS of the child process, MB)\n');
  const rss = (config) => [CONFIG_LABELS[config], (c) => (ok(at(c, config)) ? int(at(c, config).peakRssMb) : '–')];
  console.log(table([...untyped, typedCorpus], [
    ['corpus', (c) => c.label, 'left'],
    rss('parse'), rss('security'), rss('recommended'), rss('typed-parse'), rss('typed-recommended'),
  ]));

  console.log('\n## Growth with size (synthetic API projects)\n');
  const perKLine = (c, config, measure) => (ok(at(c, config)) ? at(c, config)[measure] / (c.lines / 1000) : null);
  console.log(table(synthetic, [
    ['files', (c) => int(c.files.length)],
    ['lines', (c) => int(c.lines)],
    ['(a) ms wall / cpu', (c) => `${ms(c, 'parse', 'wallMs')} / ${ms(c, 'parse', 'cpuMs')}`],
    ['(c) ms wall / cpu', (c) => `${ms(c, 'recommended', 'wallMs')} / ${ms(c, 'recommended', 'cpuMs')}`],
    ['(a) cpu ms per 1,000 lines', (c) => fixed(perKLine(c, 'parse', 'cpuMs'), 1)],
    ['(c) cpu ms per 1,000 lines', (c) => fixed(perKLine(c, 'recommended', 'cpuMs'), 1)],
    ['(c) − (a) cpu ms per 1,000 lines', (c) => fixed(perKLine(c, 'recommended', 'cpuMs') - perKLine(c, 'parse', 'cpuMs'), 1)],
  ]));
  const slopes = {};
  for (const config of ['parse', 'recommended']) {
    for (const measure of ['wallMs', 'cpuMs']) {
      const points = synthetic.filter((c) => ok(at(c, config))).map((c) => [c.lines, at(c, config)[measure]]);
      slopes[`${config}.${measure}`] = points.length >= 2 ? logLogSlope(points) : null;
    }
  }
  const pluginPoints = synthetic
    .filter((c) => ok(at(c, 'parse')) && ok(at(c, 'recommended')))
    .map((c) => [c.lines, Math.max(at(c, 'recommended').cpuMs - at(c, 'parse').cpuMs, 1)]);
  slopes['plugin.cpuMs'] = pluginPoints.length >= 2 ? logLogSlope(pluginPoints) : null;
  const LINEAR = 1.1;
  const growth = [slopes['recommended.wallMs'], slopes['recommended.cpuMs']].every((slope) => slope !== null && slope <= LINEAR)
    ? 'linear' : 'super-linear';
  console.log(`\nlog-log slope of time against lines (1 = linear), wall / cpu: (a) ${fixed(slopes['parse.wallMs'])} / ${fixed(slopes['parse.cpuMs'])}, ` +
    `(c) ${fixed(slopes['recommended.wallMs'])} / ${fixed(slopes['recommended.cpuMs'])}; the plugin's own cpu time ((c) − (a)): ${fixed(slopes['plugin.cpuMs'])}`);
  console.log(`growth of (c): ${synthetic.length >= 2 ? growth : 'not measured (one size)'} (linear when both slopes ≤ ${LINEAR})`);

  console.log('\n## Pathological inputs (each file alone), median ms\n');
  const pathologicalRatio = (c, measure) => ratio(c, 'recommended', 'parse', measure);
  console.log(table(pathological, [
    ['input', (c) => c.label, 'left'],
    ['lines', (c) => int(c.lines)],
    ['reps', (c) => c.configs.map((config) => (ok(at(c, config)) ? at(c, config).reps.length : '–')).join(' / ')],
    ['parse ms wall / cpu', (c) => `${ms(c, 'parse', 'wallMs')} / ${ms(c, 'parse', 'cpuMs')}`],
    ['recommended ms wall / cpu', (c) => `${ms(c, 'recommended', 'wallMs')} / ${ms(c, 'recommended', 'cpuMs')}`],
    ['ratio wall / cpu', (c) => `${fixed(pathologicalRatio(c, 'wallMs'))} / ${fixed(pathologicalRatio(c, 'cpuMs'))}`],
    ['within 3×', (c) => (pathologicalRatio(c, 'wallMs') !== null && pathologicalRatio(c, 'wallMs') <= 3 && pathologicalRatio(c, 'cpuMs') <= 3 ? 'yes' : 'no')],
    ['slowest rules (ms, first run)', (c) => {
      const rules = Object.entries(ok(at(c, 'recommended')) ? at(c, 'recommended').stats.ruleMs : {}).sort((x, y) => y[1] - x[1]);
      return rules.slice(0, 2).map(([rule, time]) => `${rule.replace('api-security/', '')} ${int(time)}`).join(', ') || '–';
    }, 'left'],
  ]));

  // Per-rule times come from each child's run with ESLint's stats on.
  const fullSynthetic = synthetic.filter((c) => c.statsFiles === 'all').at(-1);
  const ruleSources = [
    ['real', real, 'recommended'],
    ...(fullSynthetic ? [['synthetic', fullSynthetic, 'recommended']] : []),
    ['typed', typedCorpus, 'typed-recommended'],
  ];
  const ruleIds = new Set();
  for (const [, c, config] of ruleSources) for (const rule of Object.keys(ok(at(c, config)) ? at(c, config).stats.ruleMs : {})) ruleIds.add(rule);
  const ruleMs = (c, config, rule) => (ok(at(c, config)) ? at(c, config).stats.ruleMs[rule] ?? 0 : 0);
  const ruleRows = [...ruleIds]
    .filter((rule) => rule.startsWith('api-security/'))
    .map((rule) => {
      const times = ruleSources.map(([, c, config]) => ruleMs(c, config, rule));
      return { rule, times, untyped: times[0] + (fullSynthetic ? times[1] : 0) };
    })
    .sort((x, y) => y.untyped - x.untyped);
  const untypedTotal = ruleRows.reduce((sum, row) => sum + row.untyped, 0);
  console.log(`\n## Per-rule time of this plugin's rules (ESLint stats, one run; ms)\n`);
  console.log(`real = ${real.label}, synthetic = ${fullSynthetic?.label ?? '–'}, typed = ${typedCorpus.label} with recommended-type-checked\n`);
  console.log(table(ruleRows, [
    ['rule', (row) => row.rule, 'left'],
    ...ruleSources.map(([name], index) => [name, (row) => int(row.times[index])]),
    ['real + synthetic', (row) => int(row.untyped)],
    ['share', (row) => `${fixed((100 * row.untyped) / untypedTotal, 1)} %`],
  ]));
  const parseOf = (c, config) => (ok(at(c, config)) ? at(c, config).stats.parseMs : null);
  console.log(`\nfor scale, parse time in the same runs: real ${int(parseOf(real, 'recommended'))} ms` +
    `${fullSynthetic ? `, synthetic ${int(parseOf(fullSynthetic, 'recommended'))} ms` : ''}, typed ${int(parseOf(typedCorpus, 'typed-recommended'))} ms`);

  console.log('\n## Findings in the last run (messages with a rule id)\n');
  const findings = (config) => [CONFIG_LABELS[config], (c) => {
    const result = at(c, config);
    if (result === undefined) return '–';
    if (!ok(result)) return 'failed';
    return int(Object.values(result.findings).reduce((sum, count) => sum + count, 0));
  }];
  console.log(table([...untyped, typedCorpus, ...pathological], [
    ['corpus', (c) => c.label, 'left'],
    findings('security'), findings('recommended'), findings('typed-recommended'),
  ]));
  const fatal = corpora.flatMap((c) => Object.values(c.results).filter(ok).flatMap((result) => result.fatal.map((message) => `${c.id} · ${result.config}: ${message}`)));
  const failed = corpora.flatMap((c) => Object.entries(c.results).filter(([, result]) => !ok(result)).map(([config, result]) => `${c.id} · ${config}: ${result.error}`));
  console.log(`\nfatal messages (files that do not parse), over all runs: ${fatal.length}`);
  for (const line of [...new Set(fatal.map((message) => message.replace(/^[^·]*· [^:]*: /u, '')))].slice(0, 10)) console.log(`  ${line}`);
  if (failed.length > 0) console.log(`failed runs:\n${failed.map((line) => `  ${line}`).join('\n')}`);

  console.log('\n## Targets (measured, not asserted)\n');
  const verdict = (wall, cpu, limit) => {
    if (wall === null || cpu === null) return 'not measured';
    if (wall <= limit && cpu <= limit) return 'met';
    if (wall > limit && cpu > limit) return 'not met';
    return 'borderline (met on one of wall and cpu)';
  };
  const targetLine = (text, wall, cpu, limit) => `${text}: ${fixed(wall)} wall, ${fixed(cpu)} cpu (target ≤ ${limit}): ${verdict(wall, cpu, limit)}`;
  const worst = (measure) => Math.max(...pathological.map((c) => pathologicalRatio(c, measure) ?? Number.POSITIVE_INFINITY));
  const targets = [
    targetLine('(c)/(a) on the real corpus', ratio(real, 'recommended', 'parse', 'wallMs'), ratio(real, 'recommended', 'parse', 'cpuMs'), 1.3),
    targetLine('(c)/(b) on the real corpus', ratio(real, 'recommended', 'security', 'wallMs'), ratio(real, 'recommended', 'security', 'cpuMs'), 1.5),
    `growth of (c) with size: slope ${fixed(slopes['recommended.wallMs'])} wall, ${fixed(slopes['recommended.cpuMs'])} cpu (target linear): ${synthetic.length >= 2 ? (growth === 'linear' ? 'met' : 'not met') : 'not measured'}`,
    targetLine('worst pathological input, recommended / parse', worst('wallMs'), worst('cpuMs'), 3),
  ];
  for (const line of targets) console.log(line);

  const runtime = (performance.now() - started) / 1000;
  console.log(`\nload average at end (1, 5, 15 min): ${loadAverage()}`);
  console.log(`bench runtime: ${Math.floor(runtime / 60)} min ${Math.round(runtime % 60)} s`);

  if (flags.json) {
    const summary = (c) => ({
      id: c.id, label: c.label, files: c.files.length, lines: c.lines, reps: c.reps, warmup: c.warmup, statsFiles: c.statsFiles, results: c.results,
    });
    writeFileSync(flags.json, `${JSON.stringify({
      machine: host, loadAtStart, loadAtEnd: loadAverage(), runtimeSeconds: runtime,
      options: { reps, sizes, realStride, typedFiles, quick }, corpora: corpora.map(summary), slopes, growth, targets,
    }, null, 2)}\n`);
    console.log(`figures written to ${flags.json}`);
  }
} finally {
  cleanUp();
}
