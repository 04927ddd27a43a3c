#!/usr/bin/env node
// `npm run bench`: what the plugin costs on top of ESLint's own parse, on real third-party code, on
// the server code of real backends (the ones `npm run real-world` lints), on generated API projects
// of growing size (by feature and by layer), on a type-checked project and on pathological files,
// and how long the first lint of one file takes in a fresh process, as in an editor.
// Every (corpus, configuration) pair runs in a child process of its own (scripts/bench/worker.mjs);
// the configurations of a corpus take turns, one repetition each, and one child lints at a time.
// The targets are printed as met or not met; nothing here fails because of a time.
//
//   node scripts/bench.mjs [--reps N] [--sizes 100,1000,10000] [--layered-sizes 1000,10000]
//                          [--real-stride N] [--backend-stride N] [--typed-files N]
//                          [--editor-files N] [--editor-runs N] [--quick] [--json FILE]
import { execFileSync, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeApiProject, writeLayeredProject } from './bench/generate.mjs';
import { writePathological } from './bench/pathological.mjs';
import { countLines, describeMachine, fixed, int, loadAverage, logLogSlope, machine, table } from './bench/report.mjs';
import { lintNameOf, root, thirdPartyCorpus } from './corpus.mjs';
import { benchBackends as backends, cacheDir, serverFiles } from './real-world.mjs';

const USAGE = `Usage: node scripts/bench.mjs [options]
  --reps N          timed repetitions per corpus and configuration (default 3; at least 5 for
                    the pathological files, fewer once their timed runs pass 60 s; 1 for
                    synthetic projects of 5,000 files or more)
  --sizes LIST      file counts of the synthetic projects (default 100,1000,10000)
  --layered-sizes LIST
                    file counts of the layered projects (default 1000,10000)
  --real-stride N   lint every Nth file of the third-party corpus (default 4; 1 for all of it)
  --backend-stride N
                    lint every Nth server file of the real backends (default 1: all of them)
  --typed-files N   files of the type-checked project (default 300)
  --editor-files N  files of the layered project whose first lint in a fresh process is timed
                    (default 5000)
  --editor-runs N   fresh processes per configuration for that first lint (default 3)
  --quick           a small, fast run while developing
  --json FILE       also write every figure to FILE`;

const { values: flags } = parseArgs({
  options: {
    reps: { type: 'string' },
    sizes: { type: 'string' },
    'layered-sizes': { type: 'string' },
    'real-stride': { type: 'string' },
    'backend-stride': { type: 'string' },
    'typed-files': { type: 'string' },
    'editor-files': { type: 'string' },
    'editor-runs': { type: 'string' },
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
const layeredSizes = (flags['layered-sizes'] ?? (quick ? '60,240' : '1000,10000')).split(',').map((size) => positive(size, '--layered-sizes'));
const realStride = positive(flags['real-stride'] ?? (quick ? '40' : '4'), '--real-stride');
const backendStride = positive(flags['backend-stride'] ?? (quick ? '25' : '1'), '--backend-stride');
const typedFiles = positive(flags['typed-files'] ?? (quick ? '40' : '300'), '--typed-files');
const editorFiles = positive(flags['editor-files'] ?? (quick ? '500' : '5000'), '--editor-files');
const editorRuns = positive(flags['editor-runs'] ?? (quick ? '1' : '3'), '--editor-runs');
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

/** Corpora: { id, label, cwd, files: [[path, lint name]], lines, configs, reps, warmup, statsFiles, budgetMs, fresh, results }. */
const corpora = [];
/** Why the real backends could not be fetched, when they could not. */
let backendsMissing = null;

function addCorpus(id, label, cwd, files, configs, options = {}) {
  const lines = files.reduce((sum, [file]) => sum + countLines(readFileSync(file, 'utf8')), 0);
  corpora.push({
    id, label, cwd, files, lines, configs,
    reps: options.reps ?? reps,
    warmup: options.warmup ?? 'all',
    statsFiles: options.statsFiles ?? 'all',
    budgetMs: options.budgetMs,
    fresh: options.fresh ?? null,
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
    // Every run of a project on disk lints a new copy of it, so that the plugin's per-process caches
    // (the project model) start cold each time, as in an `eslint` command (scripts/bench/worker.mjs).
    const fresh = corpus.fresh === null ? null : { root: corpus.fresh, dir: path.join(work, 'copies', `${corpus.id}-${entry.config}`) };
    await step(entry, { type: 'job', job: { config: entry.config, cwd: corpus.cwd, files: corpus.files, warmup: corpus.warmup, stats, fresh } });
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

/**
 * The first lint of one controller of a generated layered project, each time in a new process
 * (scripts/bench/first-lint.mjs), with the project's own config file as an editor loads it: with
 * parse only, and with `recommended`. The configurations take turns, one process at a time.
 */
function editorFirstLint() {
  const dir = path.join(work, `editor-${editorFiles}`);
  const { controllers } = writeLayeredProject(dir, editorFiles);
  const middle = Math.floor(controllers.length / 2);
  const first = controllers[middle];
  const second = controllers[(middle + 1) % controllers.length];
  const fromRoot = createRequire(path.join(root, 'package.json'));
  const parserUrl = pathToFileURL(fromRoot.resolve('@typescript-eslint/parser')).href;
  const pluginUrl = pathToFileURL(path.join(root, 'dist', 'index.js')).href;
  const configFiles = {
    // The same parser `recommended` gives TypeScript files, and no rules.
    parse: [`import parser from '${parserUrl}';`, "export default [{ files: ['**/*.ts'], languageOptions: { parser } }];"],
    recommended: [`import apiSecurity from '${pluginUrl}';`, 'export default [apiSecurity.configs.recommended];'],
  };
  for (const [config, lines] of Object.entries(configFiles)) writeFileSync(path.join(dir, `eslint.${config}.config.mjs`), `${lines.join('\n')}\n`);
  const results = { parse: [], recommended: [] };
  try {
    for (let run = 1; run <= editorRuns; run += 1) {
      for (const config of ['parse', 'recommended']) {
        const start = performance.now();
        const output = execFileSync(process.execPath, [
          path.join(import.meta.dirname, 'bench', 'first-lint.mjs'), path.join(dir, `eslint.${config}.config.mjs`), dir, first, second,
        ], { encoding: 'utf8' });
        results[config].push(JSON.parse(output.trim().split('\n').at(-1)));
        process.stderr.write(`editor · ${int(editorFiles)} files · ${CONFIG_LABELS[config]} · run ${run}/${editorRuns}: ${seconds(performance.now() - start)}\n`);
      }
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
  return { files: editorFiles, first: path.relative(dir, first), second: path.relative(dir, second), runs: editorRuns, results };
}

try {
  // Corpora.
  const third = thirdPartyCorpus().filter((_, index) => index % realStride === 0);
  addCorpus('real', `third-party code (every ${realStride === 1 ? '' : `${realStride}th `}file)`, root,
    third.map((file) => [file, lintNameOf(file)]), ['parse', 'security', 'recommended']);
  // The server code of the pinned backends of scripts/real-world.mjs, fetched once into its cache.
  // Application code: routes, handlers and the modules they import, linted where they lie.
  try {
    const serverCode = backends.flatMap((backend) => serverFiles(backend).files).filter((_, index) => index % backendStride === 0);
    addCorpus('backends', `real backends (${backendStride === 1 ? 'all server files' : `every ${backendStride}th server file`})`, cacheDir,
      serverCode.map((file) => [file, file]), ['parse', 'recommended'], { fresh: cacheDir });
  } catch (error) {
    // Without the network on a first run: said here and in the targets, and the rest goes on.
    backendsMissing = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`real backends: could not be fetched (${backendsMissing}); that corpus is not measured`);
  }
  for (const size of sizes) {
    const dir = path.join(work, `synthetic-${size}`);
    const files = writeApiProject(dir, size);
    const big = size >= BIG;
    addCorpus(`synthetic-${size}`, `synthetic API, ${int(size)} files`, dir, files.map((file) => [file, file]),
      ['parse', 'security', 'recommended'], { fresh: dir, ...(big ? { reps: 1, warmup: BIG_SUBSET, statsFiles: BIG_SUBSET } : {}) });
  }
  for (const size of layeredSizes) {
    const dir = path.join(work, `layered-${size}`);
    const { files } = writeLayeredProject(dir, size);
    const big = size >= BIG;
    addCorpus(`layered-${size}`, `layered API, ${int(size)} files`, dir, files.map((file) => [file, file]),
      ['parse', 'recommended'], { fresh: dir, ...(big ? { reps: 1, warmup: BIG_SUBSET, statsFiles: BIG_SUBSET } : {}) });
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
  const big = [...sizes, ...layeredSizes].filter((size) => size >= BIG);
  console.log(`repetitions: ${reps} (median reported)${big.length > 0 ? `; ${big.map(int).join(', ')} files: 1 repetition, warm-up and per-rule times on the first ${int(BIG_SUBSET)} files` : ''}; pathological files: ${PATHOLOGICAL_REPS}, or fewer once their timed runs pass ${PATHOLOGICAL_BUDGET_MS / 1000} s\n`);

  // Runs.
  for (const [index, corpus] of corpora.entries()) await runCorpus(corpus, `[${index + 1}/${corpora.length}]`);
  const editor = editorFirstLint();

  const at = (corpus, config) => corpus.results[config];
  const ok = (result) => result !== undefined && !('error' in result);
  const ratio = (corpus, top, bottom, measure) => {
    const a = at(corpus, top);
    const b = at(corpus, bottom);
    return ok(a) && ok(b) ? a[measure] / b[measure] : null;
  };
  const real = corpora[0];
  const serverCode = corpora.find((corpus) => corpus.id === 'backends');
  const synthetic = corpora.filter((corpus) => corpus.id.startsWith('synthetic-'));
  const layered = corpora.filter((corpus) => corpus.id.startsWith('layered-'));
  const typedCorpus = corpora.find((corpus) => corpus.id === 'typed');
  const pathological = corpora.filter((corpus) => corpus.id.startsWith('pathological-'));
  const ms = (corpus, config, measure) => {
    if (!corpus.configs.includes(config)) return '–';
    return ok(at(corpus, config)) ? int(at(corpus, config)[measure]) : 'failed';
  };

  console.log('\n## Corpora\n');
  console.log(table(corpora.filter((corpus) => !pathological.includes(corpus)), [
    ['corpus', (c) => c.label, 'left'],
    ['files', (c) => int(c.files.length)],
    ['lines', (c) => int(c.lines)],
    ['reps', (c) => c.reps],
    ['files that do not parse', (c) => (ok(at(c, c.configs[0])) ? at(c, c.configs[0]).fatal.length : 'failed')],
  ]));

  console.log('\n## Time: median ms, wall / cpu\n');
  const untyped = [real, ...(serverCode ? [serverCode] : []), ...synthetic, ...layered];
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

  const perKLine = (c, config, measure) => (ok(at(c, config)) ? at(c, config)[measure] / (c.lines / 1000) : null);
  const LINEAR = 1.1;
  /** The growth table and log-log slopes of one family of generated projects. */
  const growthOf = (family, title) => {
    console.log(`\n## Growth with size (${title})\n`);
    console.log(table(family, [
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
        const points = family.filter((c) => ok(at(c, config))).map((c) => [c.lines, at(c, config)[measure]]);
        slopes[`${config}.${measure}`] = points.length >= 2 ? logLogSlope(points) : null;
      }
    }
    const pluginPoints = family
      .filter((c) => ok(at(c, 'parse')) && ok(at(c, 'recommended')))
      .map((c) => [c.lines, Math.max(at(c, 'recommended').cpuMs - at(c, 'parse').cpuMs, 1)]);
    slopes['plugin.cpuMs'] = pluginPoints.length >= 2 ? logLogSlope(pluginPoints) : null;
    const growth = family.length < 2 ? 'not measured (one size)'
      : [slopes['recommended.wallMs'], slopes['recommended.cpuMs']].every((slope) => slope !== null && slope <= LINEAR) ? 'linear' : 'super-linear';
    console.log(`\nlog-log slope of time against lines (1 = linear), wall / cpu: (a) ${fixed(slopes['parse.wallMs'])} / ${fixed(slopes['parse.cpuMs'])}, ` +
      `(c) ${fixed(slopes['recommended.wallMs'])} / ${fixed(slopes['recommended.cpuMs'])}; the plugin's own cpu time ((c) − (a)): ${fixed(slopes['plugin.cpuMs'])}`);
    console.log(`growth of (c): ${growth} (linear when both slopes ≤ ${LINEAR})`);
    return { slopes, growth };
  };
  const syntheticGrowth = growthOf(synthetic, 'synthetic API projects, by feature');
  const layeredGrowth = growthOf(layered, 'layered API projects');

  console.log(`\n## First lint of one file in a fresh process (editor), ${int(editorFiles)}-file layered project\n`);
  if (editor.error) console.log(`failed: ${editor.error}`);
  else {
    console.log(`file: ${editor.first} (then ${editor.second}); ${editor.runs} fresh process(es) per configuration, median ms\n`);
    const median = (values) => {
      const sorted = values.filter((value) => value !== undefined).sort((a, b) => a - b);
      if (sorted.length === 0) return null;
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    };
    const cell = (config, key) => int(median(editor.results[config].map((run) => run[key])));
    console.log(table(['parse', 'recommended'], [
      ['configuration', (config) => CONFIG_LABELS[config], 'left'],
      ['Node start-up', (config) => cell(config, 'nodeStart')],
      ['import ESLint', (config) => cell(config, 'importEslint')],
      ['first lintText (config, plugin, parse, rules)', (config) => cell(config, 'firstLint')],
      ['process start to first result', (config) => cell(config, 'sinceStart')],
      ['second file, same process', (config) => cell(config, 'secondLint')],
    ]));
    editor.sinceStart = median(editor.results.recommended.map((run) => run.sinceStart));
  }

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
    ...(serverCode ? [['backends', serverCode, 'recommended']] : []),
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
      return { rule, times, untyped: times.reduce((sum, time, index) => sum + (ruleSources[index][0] === 'typed' ? 0 : time), 0) };
    })
    .sort((x, y) => y.untyped - x.untyped);
  const untypedTotal = ruleRows.reduce((sum, row) => sum + row.untyped, 0);
  console.log(`\n## Per-rule time of this plugin's rules (ESLint stats, one run; ms)\n`);
  console.log(`real = ${real.label}, ${serverCode ? `backends = ${serverCode.label}, ` : ''}synthetic = ${fullSynthetic?.label ?? '–'}, typed = ${typedCorpus.label} with recommended-type-checked\n`);
  console.log(table(ruleRows, [
    ['rule', (row) => row.rule, 'left'],
    ...ruleSources.map(([name], index) => [name, (row) => int(row.times[index])]),
    ['untyped total', (row) => int(row.untyped)],
    ['share', (row) => `${fixed((100 * row.untyped) / untypedTotal, 1)} %`],
  ]));
  const parseOf = (c, config) => (ok(at(c, config)) ? at(c, config).stats.parseMs : null);
  console.log(`\nfor scale, parse time in the same runs: real ${int(parseOf(real, 'recommended'))} ms` +
    `${serverCode ? `, backends ${int(parseOf(serverCode, 'recommended'))} ms` : ''}` +
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
  const growthLine = (text, { slopes: fitted, growth }) =>
    `${text}: slope ${fixed(fitted['recommended.wallMs'])} wall, ${fixed(fitted['recommended.cpuMs'])} cpu (target linear): ` +
    `${growth === 'linear' ? 'met' : growth === 'super-linear' ? 'not met' : 'not measured'}`;
  const EDITOR_LIMIT_MS = 2000;
  const targets = [
    targetLine('(c)/(a) on the third-party code', ratio(real, 'recommended', 'parse', 'wallMs'), ratio(real, 'recommended', 'parse', 'cpuMs'), 1.3),
    targetLine('(c)/(b) on the third-party code', ratio(real, 'recommended', 'security', 'wallMs'), ratio(real, 'recommended', 'security', 'cpuMs'), 1.5),
    serverCode
      ? targetLine('(c)/(a) on the real backends', ratio(serverCode, 'recommended', 'parse', 'wallMs'), ratio(serverCode, 'recommended', 'parse', 'cpuMs'), 1.3)
      : `(c)/(a) on the real backends (target ≤ 1.3): not measured (${backendsMissing})`,
    growthLine('growth of (c) with size, synthetic projects by feature', syntheticGrowth),
    growthLine('growth of (c) with size, layered projects', layeredGrowth),
    editor.error
      ? `first lint of one file of a ${int(editorFiles)}-file layered project, fresh process (target < 2 s): not measured (${editor.error})`
      : `first lint of one file of a ${int(editorFiles)}-file layered project, fresh process, from process start: ${int(editor.sinceStart)} ms ` +
        `(target < 2,000 ms): ${editor.sinceStart < EDITOR_LIMIT_MS ? 'met' : 'not met'}`,
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
      options: { reps, sizes, layeredSizes, realStride, backendStride, typedFiles, editorFiles, editorRuns, quick },
      corpora: corpora.map(summary), growth: { synthetic: syntheticGrowth, layered: layeredGrowth }, editor, targets,
    }, null, 2)}\n`);
    console.log(`figures written to ${flags.json}`);
  }
} finally {
  cleanUp();
}
