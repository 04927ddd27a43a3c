import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { projectIndexOf } from '../project/index.js';
import { parseProjectFile } from '../project/parse.js';
import { propertyKeyName, transparentCallArgument, unwrapExpression } from './context.js';
import { findImportedSinkUses, type ImportedSinkUse, type ModuleBinding, type SinkHit } from './sinks.js';

/*
 * A string of a configuration module that another project file passes to a secret slot:
 * `module.exports = { jwtSecret: 'changeme' }` in config/index.js, and `jwt.sign(p, config.jwtSecret)`
 * in a controller that requires it. The sink proves the string is the key, whatever it reads like:
 * it is the production secret. The files asked are the project files that import this one (one
 * step), each scanned once per parse.
 */

/** Where an exported string sits: under `module.exports`, the default export, or a named export, and the keys below it. */
type ExportRoot = { readonly kind: 'cjs' | 'default' } | { readonly kind: 'named'; readonly name: string };

interface ExportPath {
  readonly root: ExportRoot;
  readonly keys: readonly string[];
}

const MAX_DEPTH = 8;

/** Skips the TypeScript wrappers between a value and where it is used (`as const`, `satisfies`). */
function holder(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    current = current.parent;
  }
  return current;
}

function isModuleExports(node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    !target.computed &&
    target.object.type === AST_NODE_TYPES.Identifier &&
    target.object.name === 'module' &&
    target.property.type === AST_NODE_TYPES.Identifier &&
    target.property.name === 'exports'
  );
}

/** `module.exports.X`, `exports.X`: the export name, else undefined. */
function commonJsExportName(node: TSESTree.Node): string | undefined {
  const target = unwrapExpression(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || target.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const object = unwrapExpression(target.object);
  if (isModuleExports(object) || (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports')) return target.property.name;
  return undefined;
}

/** How a `const` holding the value is exported: `export const NAME`, `module.exports = NAME`, `export default NAME`. */
function exportOfConst(declarator: TSESTree.VariableDeclarator): ExportRoot | undefined {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') return undefined;
  if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return { kind: 'named', name: declarator.id.name };
  if (declaration.parent.type !== AST_NODE_TYPES.Program) return undefined;
  const name = declarator.id.name;
  for (const statement of declaration.parent.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const value = unwrapExpression(statement.declaration);
      if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return { kind: 'default' };
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source === null) {
      for (const specifier of statement.specifiers) {
        const local = specifier.local.name;
        const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        if (local === name) return exported === 'default' ? { kind: 'default' } : { kind: 'named', name: exported };
      }
    }
    if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = statement.expression;
      const value = unwrapExpression(right);
      if (isModuleExports(left) && value.type === AST_NODE_TYPES.Identifier && value.name === name) return { kind: 'cjs' };
    }
  }
  return undefined;
}

/** The export path of a string of this module, or undefined when it is not (only) a value of an exported object. */
function exportPathOf(node: TSESTree.Node): ExportPath | undefined {
  const keys: string[] = [];
  let current = holder(node);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = current.parent;
    if (!parent) return undefined;
    // `key: Buffer.from('…', 'base64')`: re-encoded, still the same secret.
    if (parent.type === AST_NODE_TYPES.CallExpression && transparentCallArgument(parent) === current) {
      current = holder(parent);
      continue;
    }
    // `jwtSecret: process.env.JWT_SECRET ?? 'dev-secret'`, `isProd ? process.env.KEY : 'dev-key'`: the
    // fallback is the value the importer's slot gets whenever the variable is unset.
    if (
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current && (parent.operator === '||' || parent.operator === '??')) ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current)
    ) {
      current = holder(parent);
      continue;
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      const key = propertyKeyName(parent);
      if (key === undefined) return undefined;
      keys.unshift(key);
      current = holder(parent.parent);
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return { root: { kind: 'default' }, keys };
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current && parent.operator === '=') {
      if (isModuleExports(parent.left)) return { root: { kind: 'cjs' }, keys };
      const name = commonJsExportName(parent.left);
      return name === undefined ? undefined : { root: { kind: 'cjs' }, keys: [name, ...keys] };
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
      const root = exportOfConst(parent);
      return root === undefined ? undefined : { root, keys };
    }
    return undefined;
  }
  return undefined;
}

/** The export paths a binding's read reaches in the module: `require` is `module.exports`, and the ES interop forms. */
function candidates(binding: ModuleBinding, read: readonly (readonly string[])[]): { root: ExportRoot; path: readonly (readonly string[])[] }[] {
  const [head, ...rest] = read;
  const named = (names: readonly string[] | undefined): { root: ExportRoot; path: readonly (readonly string[])[] }[] =>
    (names ?? []).map((name) => (name === 'default' ? { root: { kind: 'default' as const }, path: rest } : { root: { kind: 'named' as const, name }, path: rest }));
  switch (binding.kind) {
    case 'require':
      return [{ root: { kind: 'cjs' }, path: read }, ...named(head)];
    case 'default':
      return [{ root: { kind: 'default' }, path: read }, { root: { kind: 'cjs' }, path: read }];
    case 'namespace':
      return [{ root: { kind: 'cjs' }, path: read }, ...named(head)];
    case 'named':
      return [
        { root: { kind: 'named', name: binding.name }, path: read },
        { root: { kind: 'cjs' }, path: [[binding.name], ...read] },
      ];
  }
}

function sameRoot(a: ExportRoot, b: ExportRoot): boolean {
  return a.kind === b.kind && (a.kind !== 'named' || (b.kind === 'named' && a.name === b.name));
}

function reaches(use: ImportedSinkUse, exported: ExportPath): boolean {
  return candidates(use.binding, use.path).some(
    (candidate) =>
      sameRoot(candidate.root, exported.root) &&
      candidate.path.length === exported.keys.length &&
      candidate.path.every((step, index) => step.includes(exported.keys[index] ?? '')),
  );
}

/** A sink of another project file that this string reaches, with where it is. */
export interface RemoteSinkHit {
  readonly hit: SinkHit;
  readonly file: string;
  readonly line: number;
}

/**
 * The secret slot of another project file that takes this exported string (`config.jwtSecret` as
 * the key of `jwt.sign`), or undefined. `filename` is the linted file.
 */
export function importedSinkHit(node: TSESTree.Node, filename: string): RemoteSinkHit | undefined {
  const exported = exportPathOf(node);
  if (exported === undefined) return undefined;
  for (const { use, importer } of usesOfModule(programOf(node), filename)) {
    if (reaches(use, exported)) return { hit: use.hit, file: importer, line: use.line };
  }
  return undefined;
}

function programOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/** The secret slots of other project files filled from this module, kept per parse while the project is unchanged. */
const moduleUses = new WeakMap<TSESTree.Node, { generation: number; uses: { use: ImportedSinkUse; importer: string }[] }>();

function usesOfModule(program: TSESTree.Node, filename: string): { use: ImportedSinkUse; importer: string }[] {
  const index = projectIndexOf(filename);
  const file = path.resolve(filename);
  if (!index || !index.has(file)) return [];
  const generation = index.generation();
  const known = moduleUses.get(program);
  if (known?.generation === generation) return known.uses;
  const uses: { use: ImportedSinkUse; importer: string }[] = [];
  for (const importer of index.importersOf(file)) {
    const module = parseProjectFile(importer);
    if (!module) continue;
    for (const use of findImportedSinkUses(module.sourceCode)) {
      if (index.resolve(importer, use.source) === file) uses.push({ use, importer });
    }
  }
  moduleUses.set(program, { generation, uses });
  return uses;
}
