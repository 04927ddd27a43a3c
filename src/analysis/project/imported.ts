import { statSync } from 'node:fs';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { fileOfNode as fileOf, parseProjectFile } from './parse.js';

/*
 * The definitions other files of the project export, for the analyses that judge a function by
 * what it does (an auth middleware imported from `./middleware/auth`). A first piece of the project
 * model: relative imports only, one file parsed once per version (size and mtime are checked on
 * every question, so an edit is seen on the next lint of a dependent file in a long-lived
 * process such as the editor's ESLint server).
 */

/** Scope lookup in a parsed file, the same shape as `sourceCode.getScope`. */
export type FileScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** An exported definition of another file, with the scope lookup of that file. */
export interface ImportedDefinition {
  /** The function, class or expression the export names. */
  node: TSESTree.Node;
  scopeOf: FileScopeOf;
  file: string;
}

interface ParsedFile {
  program: TSESTree.Program;
  scopeOf: FileScopeOf;
}

/** Extensions of the project's source files. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const MAX_REEXPORTS = 3;

export { registerProgramFile } from './parse.js';

/**
 * The files a relative import may name, in the order Node.js and TypeScript try them: the path as
 * written, the TypeScript source of an emitted name (`./auth.js` is `./auth.ts`), the path with each
 * source extension, and its `index` file. Empty for a bare or aliased specifier.
 */
export function relativeImportCandidates(fromFile: string, specifier: string): string[] {
  if (!/^\.{1,2}\//u.test(specifier)) return [];
  const base = path.resolve(path.dirname(fromFile), specifier);
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/u, '');
  return [
    base,
    ...SOURCE_EXTENSIONS.map((extension) => stem + extension),
    ...(stem === base ? [] : SOURCE_EXTENSIONS.map((extension) => base + extension)),
    ...SOURCE_EXTENSIONS.map((extension) => path.join(base, `index${extension}`)),
  ];
}

/** The file a relative import names, as Node.js and TypeScript resolve it, or null. */
export function resolveRelativeImport(fromFile: string, specifier: string): string | null {
  for (const candidate of relativeImportCandidates(fromFile, specifier)) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not this candidate: the next spelling is tried; no candidate at all is the null answer.
    }
  }
  return null;
}

/** The parse of a project file, as the definitions below read it. */
function parseFile(file: string): ParsedFile | null {
  const parsed = parseProjectFile(file);
  return parsed && { program: parsed.program, scopeOf: (node) => parsed.sourceCode.getScope(node) };
}

/**
 * The definition that `import … from specifier` names, seen from the file holding `from`:
 * `path` is the imported name (`''` for the default export), optionally followed by `()` (the
 * result of calling it: the factory is returned, whose body holds what it makes) or by `.member`
 * of an exported object. Null when the module is not a relative file of the project, cannot be
 * read or parsed, or does not export the name.
 */
export function importedDefinition(from: TSESTree.Node, specifier: string, importPath: string): ImportedDefinition | null {
  const fromFile = fileOf(from);
  if (fromFile === undefined) return null;
  const file = resolveRelativeImport(fromFile, specifier);
  if (file === null) return null;
  const [name = '', member] = importPath.replace(/\(\)$/u, '').split('.');
  return exportOf(file, name, member, 0);
}

/**
 * The definition a project file exports under `name` (`''` for the default export), optionally its
 * property `member` when the export is an object literal. Follows re-exports. Null when the file
 * cannot be parsed or does not export the name.
 */
export function exportedDefinition(file: string, name: string, member?: string): ImportedDefinition | null {
  return exportOf(file, name, member, 0);
}

function exportOf(file: string, name: string, member: string | undefined, hops: number): ImportedDefinition | null {
  const parsed = parseFile(file);
  if (!parsed || hops > MAX_REEXPORTS) return null;
  const found = findExport(parsed.program, name, file, hops);
  if (!found) return null;
  if ('file' in found) return found;
  let node = found;
  if (member !== undefined) {
    const object = node.type === AST_NODE_TYPES.ObjectExpression ? node : null;
    const property = object?.properties.find(
      (candidate): candidate is TSESTree.Property =>
        candidate.type === AST_NODE_TYPES.Property && !candidate.computed && keyName(candidate.key) === member,
    );
    if (!property) return null;
    node = property.value;
  }
  return { node, scopeOf: parsed.scopeOf, file };
}

function keyName(key: TSESTree.Node): string | null {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : null;
}

/** The node an export of `program` names, or the definition a re-export leads to. */
function findExport(program: TSESTree.Program, name: string, file: string, hops: number): TSESTree.Node | ImportedDefinition | null {
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === '') {
      return localDefinition(program, statement.declaration) ?? statement.declaration;
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration) {
        const named = declaredName(declaration, name);
        if (named) return named;
        continue;
      }
      for (const specifier of statement.specifiers) {
        if (keyName(specifier.exported) !== name) continue;
        const local = keyName(specifier.local) ?? name;
        if (statement.source) {
          const next = resolveRelativeImport(file, statement.source.value);
          return next === null ? null : exportOf(next, local === 'default' ? '' : local, undefined, hops + 1);
        }
        return topLevel(program, local);
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && statement.exported === null && name !== '') {
      const next = resolveRelativeImport(file, statement.source.value);
      const found = next === null ? null : exportOf(next, name, undefined, hops + 1);
      if (found) return found;
    }
    // CommonJS: `module.exports = x`, `module.exports = { name }`, `module.exports.name = x`, `exports.name = x`.
    if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = statement.expression;
      const target = memberPath(left);
      if (target === 'module.exports') {
        if (name === '') return localDefinition(program, right) ?? right;
        if (right.type === AST_NODE_TYPES.ObjectExpression) {
          for (const property of right.properties) {
            if (property.type === AST_NODE_TYPES.Property && !property.computed && keyName(property.key) === name) {
              return localDefinition(program, property.value) ?? property.value;
            }
          }
        }
      }
      if (name !== '' && (target === `module.exports.${name}` || target === `exports.${name}`)) {
        return localDefinition(program, right) ?? right;
      }
    }
  }
  return null;
}

function memberPath(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return null;
  const object = memberPath(node.object);
  const property = keyName(node.property);
  return object === null || property === null ? null : `${object}.${property}`;
}

/** `export default requireAuth` / `module.exports = requireAuth`: the top-level definition it names. */
function localDefinition(program: TSESTree.Program, node: TSESTree.Node): TSESTree.Node | null {
  return node.type === AST_NODE_TYPES.Identifier ? topLevel(program, node.name) : null;
}

function declaredName(declaration: TSESTree.Node, name: string): TSESTree.Node | null {
  if ((declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id?.name === name) {
    return declaration;
  }
  if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) return declarator.init;
    }
  }
  return null;
}

/** A top-level function, class or initialised variable of the file. */
function topLevel(program: TSESTree.Program, name: string): TSESTree.Node | null {
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (!declaration) continue;
    const found = declaredName(declaration, name);
    if (found) return found;
  }
  return null;
}
