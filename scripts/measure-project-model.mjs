#!/usr/bin/env node
/*
 * Measures the project model's choices on a real project (docs/project-model.md):
 *   parsers:   @typescript-eslint/typescript-estree (+ scope-manager, as the index parses) vs oxc-parser
 *   resolvers: the index's own resolver vs TypeScript's ts.resolveModuleName (with a cache) vs oxc-resolver
 *   listing:   the index's walk vs ts.parseJsonConfigFileContent, where the project has a tsconfig.json
 *
 * Usage: npm run build && node scripts/measure-project-model.mjs <project-dir> [--index-only]
 * oxc-parser and oxc-resolver are not dependencies: they are loaded from OXC_DIR (a scratch
 * directory where they were installed with npm), and skipped when absent.
 * --index-only: prints the time to build the index and its import graph (for the disk cache
 * measurement: run it with ESLINT_PLUGIN_API_SECURITY_CACHE=0, then twice with the cache on).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectIndexOf, importSpecifiers } from '../dist/analysis/project/index.js';
import { parseProjectText } from '../dist/analysis/project/parse.js';

const require = createRequire(import.meta.url);
const [projectArgument, mode] = process.argv.slice(2);
if (!projectArgument) {
  console.error('usage: node scripts/measure-project-model.mjs <project-dir> [--index-only]');
  process.exit(2);
}
const project = path.resolve(projectArgument);
const oxcDir = process.env.OXC_DIR ?? '/tmp/oxr';
const optional = (name) => {
  try {
    return createRequire(path.join(oxcDir, 'package.json'))(name);
  } catch {
    return null;
  }
};

const time = (run) => {
  const start = performance.now();
  const result = run();
  return [performance.now() - start, result];
};

const manifest = path.join(project, 'package.json');
const [indexMs, index] = time(() => {
  const found = projectIndexOf(manifest);
  found.files();
  return found;
});
const files = [...index.files()];
if (files.length === 0) {
  console.log(`${project}: no source files (a published build is skipped as build output)`);
  process.exit(0);
}
const [graphMs] = time(() => index.importersOf(files[0]));
if (mode === '--index-only') {
  console.log(JSON.stringify({ files: files.length, listAndScanMs: Math.round(indexMs), graphMs: Math.round(graphMs) }));
  process.exit(0);
}

const texts = files.map((file) => [file, readFileSync(file, 'utf8')]);
const megabytes = texts.reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0) / 1024 / 1024;
console.log(`${project}: ${files.length} files, ${megabytes.toFixed(2)} MB; index listing + import scan ${indexMs.toFixed(0)} ms, graph ${graphMs.toFixed(0)} ms`);

/** Best of two passes over every file (the first pass also warms the JIT). */
function perMegabyte(label, parseOne) {
  let best = Infinity;
  let failed = 0;
  for (let pass = 0; pass < 2; pass++) {
    failed = 0;
    const start = performance.now();
    for (const [file, text] of texts) {
      try {
        parseOne(file, text);
      } catch {
        failed++;
      }
    }
    best = Math.min(best, performance.now() - start);
  }
  console.log(`  ${label.padEnd(52)} ${(best / megabytes).toFixed(0).padStart(6)} ms/MB  (${best.toFixed(0)} ms, ${failed} failed)`);
}

const estree = require('@typescript-eslint/typescript-estree');
const { analyze } = require('@typescript-eslint/scope-manager');
console.log('parsers:');
perMegabyte('typescript-estree parse', (file, text) =>
  estree.parse(text, { loc: true, range: true, tokens: true, comment: true, jsx: /\.[jt]sx$/u.test(file) }),
);
perMegabyte('typescript-estree parse + scope-manager', (file, text) =>
  analyze(estree.parse(text, { loc: true, range: true, tokens: true, comment: true, jsx: /\.[jt]sx$/u.test(file) }), { sourceType: 'module' }),
);
perMegabyte('parseProjectText (parse, parents, scopes, SourceCode)', (file, text) => parseProjectText(file, text));
const oxcParser = optional('oxc-parser');
if (oxcParser) {
  perMegabyte('oxc-parser parseSync', (file, text) => oxcParser.parseSync(file, text));
  perMegabyte('oxc-parser parseSync (range)', (file, text) => oxcParser.parseSync(file, text, { range: true }));
} else {
  console.log(`  oxc-parser: not found under ${oxcDir}`);
}

// Resolvers: every specifier every file names.
const imports = texts.flatMap(([file, text]) => importSpecifiers(text).map((specifier) => [file, specifier]));
const fileSet = new Set(files);
const inProject = (resolved) => (resolved && fileSet.has(resolved) ? resolved : null);
const answers = new Map();
function resolver(label, resolveOne) {
  const [ms, results] = time(() => imports.map(([file, specifier]) => inProject(resolveOne(file, specifier))));
  const found = results.filter((result) => result !== null).length;
  answers.set(label, results);
  console.log(`  ${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${(ms * 1000 / imports.length).toFixed(1)} µs/import  ${found} project files`);
}
console.log(`resolvers (${imports.length} imports):`);
resolver('index.resolve (fresh memo)', (file, specifier) => index.resolve(file, specifier));

const ts = require('typescript');
const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowJs: true, resolveJsonModule: true };
const configFile = ts.findConfigFile(project, ts.sys.fileExists, 'tsconfig.json');
let tsOptions = options;
if (configFile && path.dirname(configFile) === project) {
  const [listMs, parsed] = time(() => {
    const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
    return ts.parseJsonConfigFileContent(config, ts.sys, project);
  });
  tsOptions = { ...parsed.options, allowJs: true };
  const ours = files.filter((file) => /\.[cm]?tsx?$/u.test(file));
  const theirs = new Set(parsed.fileNames.filter((file) => !/\.d\.[cm]?ts$/u.test(file)).map((file) => path.resolve(file)));
  const [ourListMs] = time(() => {
    const fresh = new (Object.getPrototypeOf(index).constructor)(project);
    return fresh.files();
  });
  console.log(
    `listing: ts.parseJsonConfigFileContent ${listMs.toFixed(0)} ms (${theirs.size} TS files); index walk ${ourListMs.toFixed(0)} ms ` +
      `(${ours.length} TS files, ${ours.filter((file) => !theirs.has(file)).length} not in TypeScript's list, ` +
      `${[...theirs].filter((file) => !fileSet.has(file)).length} of TypeScript's missing)`,
  );
}
const cache = ts.createModuleResolutionCache(project, (name) => name, tsOptions);
resolver('ts.resolveModuleName (cache)', (file, specifier) => {
  const { resolvedModule } = ts.resolveModuleName(specifier, file, tsOptions, ts.sys, cache);
  return resolvedModule && !resolvedModule.isExternalLibraryImport ? path.resolve(resolvedModule.resolvedFileName) : null;
});
const oxcResolver = optional('oxc-resolver');
if (oxcResolver) {
  const factory = new oxcResolver.ResolverFactory({
    extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json', '.node'],
    extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] },
    conditionNames: ['node', 'import', 'require', 'default'],
    ...(configFile && path.dirname(configFile) === project ? { tsconfig: { configFile, references: 'auto' } } : {}),
  });
  resolver('oxc-resolver (sync)', (file, specifier) => factory.sync(path.dirname(file), specifier).path ?? null);
} else {
  console.log(`  oxc-resolver: not found under ${oxcDir}`);
}

// Where the resolvers disagree about which project file an import names.
const [ownLabel, ...others] = [...answers.keys()];
for (const other of others) {
  const differences = [];
  answers.get(ownLabel).forEach((answer, position) => {
    if (answer !== answers.get(other)[position]) differences.push(position);
  });
  console.log(`  ${ownLabel} vs ${other}: ${differences.length} different answers`);
  for (const position of differences.slice(0, 5)) {
    const [file, specifier] = imports[position];
    const show = (value) => (value === null ? 'null' : path.relative(project, value));
    console.log(`    ${path.relative(project, file)}: '${specifier}' -> ${show(answers.get(ownLabel)[position])} / ${show(answers.get(other)[position])}`);
  }
}
