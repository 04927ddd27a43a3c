import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { readProjectFile } from '../routes/project-files.js';
import { recordFile } from './dependencies.js';
import { contentHash } from './disk-cache.js';

/*
 * Another file of the project, parsed the way ESLint parses the linted one: an ESTree program with
 * parents, its scopes, and a real ESLint `SourceCode` over them, so that every analysis written for
 * the linted file (routes, taint, exposure) runs on it unchanged. The analyses read other files'
 * nodes, scopes and text, never their tokens or comments (only fixes of the linted file do), so
 * those are not built: that halves the CPU time of reading another file (measured on the server
 * code of the real backends). Each file is parsed once per version: size and mtime are checked on
 * every question, so an edit is seen on the next lint of a dependent file in a long-lived process
 * such as the editor's ESLint server.
 */

/** A parsed project file. */
export interface ProjectModule {
  file: string;
  program: TSESTree.Program;
  sourceCode: TSESLint.SourceCode;
}

interface Parser {
  parse: (code: string, options: Record<string, unknown>) => TSESTree.Program;
}
interface ScopeAnalyzer {
  analyze: (program: TSESTree.Program, options: Record<string, unknown>) => TSESLint.Scope.ScopeManager;
}
type SourceCodeConstructor = new (config: {
  text: string;
  ast: TSESTree.Program;
  scopeManager: TSESLint.Scope.ScopeManager;
  visitorKeys: typeof visitorKeys;
}) => TSESLint.SourceCode;

const require = createRequire(import.meta.url);

/** The file each program was read from: the linted ones (registered by the route model) and the parsed ones. */
const programFiles = new WeakMap<TSESTree.Program, string>();

/** Records which file a program is, so definitions it imports can be found relative to it. */
export function registerProgramFile(program: TSESTree.Program, filename: string): void {
  programFiles.set(program, filename);
}

/** The file a node was read from, when its program was registered or parsed here. */
export function fileOfNode(node: TSESTree.Node): string | undefined {
  let current: TSESTree.Node | undefined = node;
  while (current?.parent) current = current.parent;
  return current?.type === AST_NODE_TYPES.Program ? programFiles.get(current) : undefined;
}

/**
 * Whether `node` belongs to the parse of `file` the cache holds now. A memo keeping a node of an
 * earlier parse of the same text (replaced since by the linted file's own tree, see
 * `adoptLintedSource`) must answer again: the old node is not read against the scopes the file now
 * has, and a lookup of it there finds nothing.
 */
export function inCurrentParse(node: TSESTree.Node, file: string): boolean {
  let current: TSESTree.Node = node;
  while (current.parent) current = current.parent;
  return parseProjectFile(file)?.program === current;
}

let parser: Parser | null | undefined;

/**
 * typescript-estree parses the project's TypeScript and JSX files, and needs `typescript`, an
 * optional peer. Without it those files are not read, and what they define stays unknown (the rules
 * say so where it matters: `unknownAuth`); JavaScript files are read with espree either way.
 */
function loadParser(): Parser | null {
  if (parser === undefined) {
    try {
      parser = require('@typescript-eslint/typescript-estree') as Parser;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
      parser = null;
    }
  }
  return parser;
}

/**
 * Parsed files kept, the least recently used dropped first. A parse (tree, scopes, `SourceCode`)
 * is the largest thing the plugin holds; keeping every project file's for the life of the process
 * made a large old generation that the garbage collector kept walking. The questions that read
 * many files keep their answers as summaries (`summaries.ts`), so a file is rarely parsed again
 * once dropped. The analyses of one lint hold on to the parses they use, so a parse dropped here
 * stays valid for them (a later question gets a new parse of the same file; per-file memos key by
 * file and offsets, never by the parse object alone).
 */
const MAX_PARSED_FILES = 96;

interface ParsedEntry {
  size: number;
  mtimeMs: number;
  hash: string | null;
  parsed: ProjectModule | null;
}

const parsedFiles = new Map<string, ParsedEntry>();
/** Content hashes of project files by size and mtime, for revalidating summaries without parsing. */
const fileHashes = new Map<string, { size: number; mtimeMs: number; hash: string | null }>();
const parseCounts = new Map<string, number>();

/** Test hook: how many times this process parsed `file` (or any project file) for the project model. */
export function projectParseCount(file?: string): number {
  if (file !== undefined) return parseCounts.get(file) ?? 0;
  let total = 0;
  for (const count of parseCounts.values()) total += count;
  return total;
}

/** Test hook: drops every parse and content hash kept, as a new process starts without them. */
export function forgetParses(): void {
  parsedFiles.clear();
  fileHashes.clear();
}

/** The parse of a project file, reused while its size and mtime are unchanged; null when it cannot be read or parsed. */
export function parseProjectFile(file: string): ProjectModule | null {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    // The file vanished since it was listed: nothing to judge, the caller says unknown.
    parsedFiles.delete(file);
    recordFile(file, null);
    return null;
  }
  const cached = parsedFiles.get(file);
  if (cached?.size === stat.size && cached.mtimeMs === stat.mtimeMs) {
    // Most recently used last: the front is dropped first.
    parsedFiles.delete(file);
    parsedFiles.set(file, cached);
    recordFile(file, cached.hash);
    return cached.parsed;
  }
  const code = readProjectFile(file);
  const hash = code === null ? null : contentHash(code);
  fileHashes.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash });
  recordFile(file, hash);
  parseCounts.set(file, (parseCounts.get(file) ?? 0) + 1);
  const parsed = code === null ? null : parseProjectText(file, code);
  parsedFiles.delete(file);
  parsedFiles.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash, parsed });
  while (parsedFiles.size > MAX_PARSED_FILES) parsedFiles.delete(parsedFiles.keys().next().value!);
  return parsed;
}

/**
 * Hands the parse cache the linted file's own tree, scopes and `SourceCode`, when the text ESLint
 * linted is the file's text on disk (the editor may lint an unsaved buffer under the file's name:
 * then the file is parsed from disk when another file asks about it). A question about this file
 * from a file linted later is then answered without parsing it again, as long as the cache keeps
 * it. Costs a `stat` and a read of the file; files with a byte order mark (which ESLint strips from
 * the text) are left to be parsed when asked about.
 */
export function adoptLintedSource(filename: string, sourceCode: TSESLint.SourceCode): void {
  const file = path.resolve(filename);
  let stat;
  try {
    stat = statSync(file);
  } catch {
    // Not on disk (a made-up name, `--stdin`): no other file can ask about it.
    return;
  }
  const cached = parsedFiles.get(file);
  if (cached?.size === stat.size && cached.mtimeMs === stat.mtimeMs) return;
  const text = sourceCode.text;
  // Cheapest check first: a UTF-8 text of another length is another text.
  if (!stat.isFile() || (sourceCode as { hasBOM?: boolean }).hasBOM || Buffer.byteLength(text, 'utf8') !== stat.size) return;
  const code = readProjectFile(file);
  if (code !== text) return;
  const hash = contentHash(code);
  fileHashes.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash });
  const program = sourceCode.ast;
  programFiles.set(program, file);
  parsedFiles.delete(file);
  parsedFiles.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash, parsed: { file, program, sourceCode } });
  while (parsedFiles.size > MAX_PARSED_FILES) parsedFiles.delete(parsedFiles.keys().next().value!);
}

/**
 * The content hash of a project file (null when it cannot be read), read again only when its
 * size or mtime changed: what a kept summary is revalidated against.
 */
export function projectFileHash(file: string): string | null {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    // Absent: a summary that read it when it existed is stale, one that found it absent holds.
    return null;
  }
  const known = fileHashes.get(file);
  if (known?.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.hash;
  const code = readProjectFile(file);
  const hash = code === null ? null : contentHash(code);
  fileHashes.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash });
  return hash;
}

/** JavaScript files without JSX: the ones the shipped configs give to espree when they are linted. */
const PLAIN_JAVASCRIPT = /\.[cm]?js$/u;

let javascriptParser: { espree: Parser; eslintScope: ScopeAnalyzer; ecmaVersion: number } | undefined;

/** espree and eslint-scope, ESLint's own (ESLint, a peer of this plugin, is installed): its copies. */
function loadJavaScriptParser(): NonNullable<typeof javascriptParser> {
  if (javascriptParser === undefined) {
    const fromEslint = createRequire(require.resolve('eslint'));
    const espree = fromEslint('espree') as Parser & { latestEcmaVersion: number };
    javascriptParser = { espree, eslintScope: fromEslint('eslint-scope') as ScopeAnalyzer, ecmaVersion: espree.latestEcmaVersion };
  }
  return javascriptParser;
}

/** Whether a program imports or exports (is an ES module), which decides its scopes. */
const isModuleProgram = (program: TSESTree.Program): boolean =>
  program.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration,
  );

/**
 * A JavaScript file read with espree and eslint-scope, as ESLint reads it when it lints the file
 * under the shipped configs, so that the file looks the same to the analyses whether it is linted
 * or read from another one; and three to four times faster than typescript-estree with
 * scope-manager on the real backends' JavaScript. Null when espree rejects the text as a module
 * and as CommonJS (decorators, or other syntax only typescript-estree reads in a `.js` file).
 */
function parseJavaScript(code: string): { program: TSESTree.Program; scopeManager: TSESLint.Scope.ScopeManager } | null {
  const { espree, eslintScope, ecmaVersion } = loadJavaScriptParser();
  let program: TSESTree.Program | null = null;
  // As ESLint's defaults read `.js` (a module) and `.cjs` (CommonJS: a top-level `return`, sloppy mode).
  for (const sourceType of ['module', 'commonjs']) {
    try {
      program = espree.parse(code, { ecmaVersion, sourceType, loc: true, range: true });
      break;
    } catch {
      // Not valid as this source type: the next one, then typescript-estree, is tried.
    }
  }
  if (program === null) return null;
  setParents(program);
  const isModule = isModuleProgram(program);
  // The options ESLint gives eslint-scope, with CommonJS's function scope for a non-module. No
  // `childVisitorKeys`: esrecurse copies the table it is given for every pattern it visits (a
  // third of what reading another file allocated), and its own keys cover every node espree
  // produces; the fallback walks any other.
  const scopeManager = eslintScope.analyze(program, {
    ignoreEval: true,
    nodejsScope: !isModule,
    ecmaVersion,
    sourceType: isModule ? 'module' : 'script',
    fallback: fallbackKeys,
  });
  return { program, scopeManager };
}

/** Parses `code` as the file `file` (the extension decides JSX). Null without a parser or when the code does not parse. */
export function parseProjectText(file: string, text: string): ProjectModule | null {
  // A byte order mark is dropped before parsing, as ESLint does: \`SourceCode\` drops it from its
  // text, so offsets counted with it would read every node's text one character late (a validator
  // of such a file compared \`ame\` with \`name\`), and would differ from the linted file's own.
  const code = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // JavaScript is read with ESLint's own espree, so JavaScript projects need no \`typescript\`;
  // TypeScript, JSX and JavaScript espree rejects need typescript-estree, an optional peer.
  const javascript = PLAIN_JAVASCRIPT.test(file) ? parseJavaScript(code) : null;
  const estree = javascript === null ? loadParser() : null;
  const parsed = javascript ?? (estree === null ? null : parseWithTypeScriptEstree(estree, file, code));
  if (parsed === null) return null;
  const { program, scopeManager } = parsed;
  // `SourceCode` wants the lists; empty, its token store costs nothing.
  program.tokens = [];
  program.comments = [];
  const { SourceCode } = require('eslint') as { SourceCode: SourceCodeConstructor };
  const sourceCode = new SourceCode({ text: code, ast: program, scopeManager, visitorKeys });
  programFiles.set(program, file);
  return { file, program, sourceCode };
}

function parseWithTypeScriptEstree(
  estree: Parser,
  file: string,
  code: string,
): { program: TSESTree.Program; scopeManager: TSESLint.Scope.ScopeManager } | null {
  let program: TSESTree.Program;
  try {
    program = estree.parse(code, { loc: true, range: true, tokens: false, comment: false, jsx: /\.[jt]sx$/u.test(file) });
  } catch {
    // A file that does not parse cannot be judged; ESLint reports the parse error where it is linted.
    return null;
  }
  setParents(program);
  const isModule = isModuleProgram(program);
  const scopeManager = (require('@typescript-eslint/scope-manager') as ScopeAnalyzer).analyze(program, {
    sourceType: isModule ? 'module' : 'script',
    globalReturn: !isModule,
  });
  return { program, scopeManager };
}

/** Child keys of a node type no visitor-key table knows. */
const fallbackKeys = (node: object): string[] => Object.keys(node).filter((key) => key !== 'parent' && key !== 'loc' && key !== 'range');

/**
 * ESLint sets `parent` while it traverses; a file parsed here gets the same links. (No array is
 * made for a single child: this runs on every node of every file parsed, and what it allocated
 * was garbage at once.)
 */
function setParents(program: TSESTree.Program): void {
  const stack: TSESTree.Node[] = [program];
  const link = (child: unknown, parent: TSESTree.Node): void => {
    if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') {
      (child as { parent: TSESTree.Node }).parent = parent;
      stack.push(child as TSESTree.Node);
    }
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    const keys = visitorKeys[node.type];
    if (keys === undefined) continue;
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) for (const child of value) link(child, node);
      else link(value, node);
    }
  }
}
