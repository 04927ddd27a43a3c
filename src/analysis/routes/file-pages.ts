import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, findVariable, isFunction, propertyName, unwrap, walk, type FunctionNode, type Scope } from '../../utils/ast.js';
import { isSecretName, splitWords } from '../secrets/names.js';

/*
 * The text of a file read from disk, as a route serves it from memory: `readFileSync(p, 'utf8')`,
 * `(await readFile(p)).replace('<base />', base)`, or the result of a helper (of this file or of
 * another project file) that does nothing but that: reads a file, maybe fills configuration values
 * into it, and returns the text. A helper that calls anything else (a store, a fetch, a function
 * of unknown effect), or reads a value whose name says it is a secret (`process.env.ADMIN_SECRET`,
 * `config.apiToken`), is not a file read: its page may carry what it read.
 */

/** Calls that read a whole file, by their last name (`fs.readFileSync`, `readFile` of `fs/promises`). */
const FILE_READS = new Set(['readFile', 'readFileSync']);
/** String methods that keep a page a page: filling its markup from values the server holds. */
const TEXT_STEPS = new Set(['replace', 'replaceAll', 'toString', 'trim']);
/** Calls a file-reading helper may make besides the read and the text steps: building the path and the values filled in. */
const PATH_AND_VALUE_CALLS = new Set([
  'path.join',
  'path.resolve',
  'path.dirname',
  'path.normalize',
  'process.cwd',
  'fileURLToPath',
  'url.fileURLToPath',
  'String',
  'encodeURI',
  'encodeURIComponent',
  'JSON.stringify',
]);
/** How many helpers deep a file read is followed (a helper calling a helper). */
const MAX_HELPER_DEPTH = 2;

/** The function a call runs, when it is one of the project (this file or another), with that file's scope lookup. */
export type HelperOf = (call: TSESTree.CallExpression, scopeOf: ScopeLookup) => { fn: FunctionNode; scopeOf: ScopeLookup } | null;
type ScopeLookup = (node: TSESTree.Node) => Scope;

/** Verdicts per helper function (a new version of a file is a new program, so new nodes). */
const helperVerdicts = new WeakMap<FunctionNode, boolean>();

/** Whether `node` is the text of a file read from disk (see above). */
export function readsFile(node: TSESTree.Node, scopeOf: ScopeLookup, helperOf: HelperOf, depth = 0): boolean {
  let current = unwrap(node);
  for (let step = 0; step < 8; step += 1) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = unwrap(current.argument);
      continue;
    }
    if (current.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(current.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
    if (name !== null && FILE_READS.has(name)) return true;
    if (callee.type === AST_NODE_TYPES.MemberExpression && name !== null && TEXT_STEPS.has(name)) {
      current = unwrap(callee.object);
      continue;
    }
    // `await loadShell(config)`: a helper of the project that only reads the file.
    if (depth >= MAX_HELPER_DEPTH) return false;
    const helper = helperOf(current, scopeOf);
    return helper !== null && returnsFileText(helper.fn, helper.scopeOf, helperOf, depth + 1);
  }
  return false;
}

/**
 * A helper whose every return is the text of a file read from disk, and which does nothing else:
 * its calls build the path, read the file or fill values in, and none of its reads names a secret.
 */
function returnsFileText(fn: FunctionNode, scopeOf: ScopeLookup, helperOf: HelperOf, depth: number): boolean {
  const known = helperVerdicts.get(fn);
  if (known !== undefined) return known;
  // A helper that calls itself is judged by its other returns.
  helperVerdicts.set(fn, false);
  const verdict = onlyReadsFiles(fn) && everyReturnIsFileText(fn, scopeOf, helperOf, depth);
  helperVerdicts.set(fn, verdict);
  return verdict;
}

function onlyReadsFiles(fn: FunctionNode): boolean {
  let other = false;
  walk(fn.body, (node) => {
    if (other) return 'skip';
    if (node !== fn.body && (isFunction(node) || node.type === AST_NODE_TYPES.ClassExpression || node.type === AST_NODE_TYPES.NewExpression)) {
      other = true;
      return 'skip';
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type !== AST_NODE_TYPES.Identifier) other = true;
    else if (node.type === AST_NODE_TYPES.Identifier && isSecretName(splitWords(node.name))) other = true;
    else if (node.type === AST_NODE_TYPES.CallExpression && !isFileStep(node)) other = true;
    else if (node.type === AST_NODE_TYPES.TemplateLiteral || node.type === AST_NODE_TYPES.Literal) return 'skip';
    return undefined;
  });
  return !other;
}

/** A call a file-reading helper may make: the read, a text step, or a path or value builder (helpers are judged at the return). */
function isFileStep(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
  if (name === null) return false;
  if (FILE_READS.has(name)) return true;
  if (callee.type === AST_NODE_TYPES.MemberExpression && TEXT_STEPS.has(name)) return true;
  return PATH_AND_VALUE_CALLS.has(dottedName(callee) ?? '') || (callee.type === AST_NODE_TYPES.Identifier && PATH_AND_VALUE_CALLS.has(`path.${name}`) && isPathImport(callee));
}

/** `join` or `resolve` imported by name from `path` / `node:path`. */
function isPathImport(callee: TSESTree.Identifier): boolean {
  let root: TSESTree.Node = callee;
  while (root.parent) root = root.parent;
  if (root.type !== AST_NODE_TYPES.Program) return false;
  return root.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      (statement.source.value === 'path' || statement.source.value === 'node:path') &&
      statement.specifiers.some((specifier) => specifier.local.name === callee.name && specifier.type === AST_NODE_TYPES.ImportSpecifier),
  );
}

function everyReturnIsFileText(fn: FunctionNode, scopeOf: ScopeLookup, helperOf: HelperOf, depth: number): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isFileText(fn.body, fn, scopeOf, helperOf, depth);
  const returns: TSESTree.ReturnStatement[] = [];
  walk(fn.body, (node) => {
    if (isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ReturnStatement) returns.push(node);
    return undefined;
  });
  return returns.length > 0 && returns.every((statement) => statement.argument !== null && isFileText(statement.argument, fn, scopeOf, helperOf, depth));
}

/** A file read, or a variable of the helper every write of which is one (`let html = …; html = html.replace(…)`). */
function isFileText(node: TSESTree.Node, fn: FunctionNode, scopeOf: ScopeLookup, helperOf: HelperOf, depth: number): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return readsFile(target, scopeOf, helperOf, depth) || textStepsOfLocal(target, fn, scopeOf, helperOf, depth);
  return localFileText(target, fn, scopeOf, helperOf, depth);
}

/** `html.replace('%BASE%', base)` where `html` is a local variable holding file text. */
function textStepsOfLocal(node: TSESTree.Node, fn: FunctionNode, scopeOf: ScopeLookup, helperOf: HelperOf, depth: number): boolean {
  let current = unwrap(node);
  for (let step = 0; step < 8; step += 1) {
    if (current.type === AST_NODE_TYPES.Identifier) return localFileText(current, fn, scopeOf, helperOf, depth);
    if (current.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !TEXT_STEPS.has(propertyName(callee.property) ?? '')) return false;
    current = unwrap(callee.object);
  }
  return false;
}

/** Variables being judged: a write from the variable itself (`html = html.replace(…)`) is judged by the others. */
const judging = new Set<unknown>();

function localFileText(identifier: TSESTree.Identifier, fn: FunctionNode, scopeOf: ScopeLookup, helperOf: HelperOf, depth: number): boolean {
  const variable = findVariable(scopeOf(identifier), identifier.name);
  if (!variable || variable.defs.length !== 1 || variable.defs[0]?.type !== 'Variable') return false;
  if (judging.has(variable)) return true;
  const declaration = variable.defs[0].node;
  if (declaration.range[0] < fn.range[0] || declaration.range[1] > fn.range[1]) return false;
  const writes = variable.references.filter((reference) => reference.isWrite());
  judging.add(variable);
  try {
    return (
      writes.length > 0 &&
      writes.every((reference) => {
        const written = reference.writeExpr;
        if (!written || unwrap(written).type === AST_NODE_TYPES.Identifier) return false;
        return readsFile(written, scopeOf, helperOf, depth) || textStepsOfLocal(written, fn, scopeOf, helperOf, depth);
      })
    );
  } finally {
    judging.delete(variable);
  }
}
