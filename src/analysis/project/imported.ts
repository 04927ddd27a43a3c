import { statSync } from 'node:fs';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { inlineRequire, propertyName, requiredModule, unwrap, scopeOf } from '../../utils/ast.js';
import { recordFile } from './dependencies.js';
import { projectIndexOf } from './index.js';
import { fileOfNode as fileOf, parseProjectFile, projectFileHash } from './parse.js';

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
/** Re-exports followed per question: barrels of barrels (`index.ts` of `services/index.ts`) are common. */
const MAX_REEXPORTS = 6;

export { registerProgramFile } from './parse.js';

/**
 * The files a path may name, in the order Node.js and TypeScript try them: the path as written, the
 * TypeScript source of an emitted or declared name (`auth.js` and `auth.d.ts` are `auth.ts`), the
 * path with each source extension, and its `index` file.
 */
export function pathCandidates(base: string): string[] {
  const stem = base.replace(/(?:\.d)?\.(?:[cm]?[jt]s|jsx)$/u, '');
  return [
    base,
    ...SOURCE_EXTENSIONS.map((extension) => stem + extension),
    ...(stem === base ? [] : SOURCE_EXTENSIONS.map((extension) => base + extension)),
    ...SOURCE_EXTENSIONS.map((extension) => path.join(base, `index${extension}`)),
  ];
}

/** The files a relative import may name (see `pathCandidates`); empty for a bare or aliased specifier. */
export function relativeImportCandidates(fromFile: string, specifier: string): string[] {
  if (!/^\.{1,2}(?:\/|$)/u.test(specifier)) return [];
  return pathCandidates(path.resolve(path.dirname(fromFile), specifier));
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

/**
 * The project file an import names: through the project index when the importing file is on disk
 * (tsconfig `paths`, `#imports`, workspace packages), else relative files only.
 */
function resolveImport(fromFile: string, specifier: string): string | null {
  const index = projectIndexOf(fromFile);
  return index ? index.resolve(fromFile, specifier) : resolveRelativeImport(fromFile, specifier);
}

/** The parse of a project file, as the definitions below read it. */
function parseFile(file: string): ParsedFile | null {
  const parsed = parseProjectFile(file);
  return parsed && { program: parsed.program, scopeOf: (node) => scopeOf(parsed.sourceCode, node) };
}

/**
 * The definition that `import … from specifier` names, seen from the file holding `from`:
 * `path` is the imported name (`''` for the default export), optionally followed by `()` (the
 * result of calling it: the factory is returned, whose body holds what it makes) or by `.member`
 * of an exported object, maybe several (`.authenticate.staff`, a member of a member). Null when
 * the module is not a relative file of the project, cannot be read or parsed, or does not export
 * the name.
 */
export function importedDefinition(from: TSESTree.Node, specifier: string, importPath: string): ImportedDefinition | null {
  const fromFile = fileOf(from);
  if (fromFile === undefined) return null;
  const [name = '', ...members] = importPath.replace(/\(\)$/u, '').split('.');
  // Nuxt's and Nitro's `#imports`: each name from its own file of `server/utils` (`auto-imports.ts`).
  const auto = specifier === '#imports' ? projectIndexOf(fromFile)?.autoImported(fromFile, name) ?? null : null;
  if (specifier === '#imports' && auto === null) return null;
  const file = auto?.file ?? resolveImport(fromFile, specifier);
  if (file === null) return null;
  return exportOf(file, auto?.name ?? name, members.length === 0 ? undefined : members.join('.'), 0);
}

/**
 * What an `import` binding names: the project file its module resolves to, and the name it imports
 * there (`''` for the default export, `'*'` for a namespace). Null for an `import x = require()`, a
 * package, or a file outside the project.
 */
export function importBindingTarget(definition: TSESLint.Scope.Definition, file: string): { file: string; name: string } | null {
  if (definition.type !== 'ImportBinding') return null;
  const specifier = definition.node;
  if (specifier.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return null;
  const source = (definition.parent as TSESTree.ImportDeclaration).source.value;
  const name = specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier || specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier ? '' : propertyName(specifier.imported) ?? '';
  // Nuxt's and Nitro's `#imports`: the auto-imports, each name from its own file (`auto-imports.ts`).
  if (source === '#imports' && specifier.type === AST_NODE_TYPES.ImportSpecifier) return projectIndexOf(file)?.autoImported(file, name) ?? null;
  const target = resolveImport(file, source);
  if (target === null) return null;
  if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { file: target, name: '*' };
  return { file: target, name: name === 'default' ? '' : name };
}

/**
 * The definition a project file exports under `name` (`''` for the default export), optionally its
 * property `member` (dotted for a member of a member) when the export is an object literal or a
 * module it loads. Follows re-exports. Null when the file cannot be parsed or does not export the name.
 */
export function exportedDefinition(file: string, name: string, member?: string): ImportedDefinition | null {
  return exportOf(file, name, member, 0);
}

/**
 * An export that is another module's: its file, the name it has there, and the member asked for
 * (dotted: `authenticate.staff` is the property `staff` of its property `authenticate`).
 */
interface Forward {
  forwardTo: string;
  name: string;
  member: string | undefined;
}

/** `export * as ns from`, `import * as ns … export { ns }`: the whole module `file`. */
interface Namespace {
  moduleFile: string;
}

function exportOf(file: string, name: string, member: string | undefined, hops: number): ImportedDefinition | null {
  if (hops > MAX_REEXPORTS) return null;
  const parsed = parseFile(file);
  if (!parsed) return null;
  const found = findExport(parsed.program, name, member, file, hops);
  if (!found) return null;
  if ('file' in found) return found;
  if ('forwardTo' in found) return exportOf(found.forwardTo, found.name, found.member, hops + 1);
  if ('moduleFile' in found) {
    if (member !== undefined) {
      const [head = '', ...rest] = member.split('.');
      return exportOf(found.moduleFile, head, rest.length === 0 ? undefined : rest.join('.'), hops + 1);
    }
    const module = parseFile(found.moduleFile);
    return module && { node: module.program, scopeOf: module.scopeOf, file: found.moduleFile };
  }
  return member === undefined ? { node: found, scopeOf: parsed.scopeOf, file } : memberOf(parsed, file, found, member.split('.'), hops);
}

/** Values of the file a member path may pass through before it leaves the file or ends (bounds `memberOf`). */
const MAX_LOCAL_STEPS = 8;

/**
 * The member `members` of `node`, a value of `file`: a property of an object literal (what its
 * getter returns, for a getter), followed through the file's top-level names and into the modules
 * it loads (`get authenticate() { return require('./authenticate') }` is that module's default
 * export, as a plain property `authenticate: require('./authenticate')` is). Null when a step
 * cannot be read: a computed or missing property, a setter, a getter that does more than return, a
 * value computed at run time.
 */
function memberOf(parsed: ParsedFile, file: string, start: TSESTree.Node, members: readonly string[], hops: number): ImportedDefinition | null {
  let node = start;
  let index = 0;
  for (let steps = 0; index < members.length; steps++) {
    if (steps > MAX_LOCAL_STEPS) return null;
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      const member = members[index] ?? '';
      // `const redirects = {}; redirects.admin = adminRedirect; module.exports = redirects`: an
      // assignment at the top level is what a request meets (after the literal's own property).
      const declarator = value.parent;
      const binding = declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === value && declarator.id.type === AST_NODE_TYPES.Identifier &&
        declarator.parent.type === AST_NODE_TYPES.VariableDeclaration && declarator.parent.kind === 'const' && declarator.parent.parent === parsed.program
        ? declarator.id.name
        : null;
      const assigned = binding === null ? null : assignedMember(parsed.program, binding, member);
      if (assigned === 'ambiguous') return null;
      const property = value.properties.find(
        (candidate): candidate is TSESTree.Property =>
          candidate.type === AST_NODE_TYPES.Property && !candidate.computed && propertyName(candidate.key) === member,
      );
      const read = assigned ?? (property ? propertyValue(property) : null);
      if (read === null) return null;
      node = read;
      index++;
      continue;
    }
    // Not an object literal: a module the file loads, or a name of the file that holds one.
    const rest = members.slice(index).join('.');
    const forward = requiredForward(value, members.slice(index), file) ?? moduleMemberExport(parsed.program, value, rest, file) ??
      (value.type === AST_NODE_TYPES.Identifier ? importedBinding(parsed.program, value.name, rest, file) : null);
    if (forward) return 'forwardTo' in forward ? exportOf(forward.forwardTo, forward.name, forward.member, hops + 1) : null;
    if (value.type !== AST_NODE_TYPES.Identifier) return null;
    const local = topLevel(parsed.program, value.name);
    if (local === null) return null;
    node = local;
  }
  return { node, scopeOf: parsed.scopeOf, file };
}

/**
 * The value a top-level statement assigns to `name.member` (`redirects.admin = adminRedirect`), or
 * `'ambiguous'` when more than one does (which one a request meets depends on the order of loading).
 */
function assignedMember(program: TSESTree.Program, name: string, member: string): TSESTree.Node | 'ambiguous' | null {
  let found: TSESTree.Node | null = null;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right, operator } = statement.expression;
    if (operator !== '=' || memberPath(left) !== `${name}.${member}`) continue;
    if (found !== null) return 'ambiguous';
    found = right;
  }
  return found;
}

/**
 * What reading a property of an object literal gives: its value, or what its getter returns when
 * the getter is one `return` (`get authenticate() { return require('./authenticate') }`, a lazy
 * load). Null for a setter, or a getter that computes its value (it may answer differently).
 */
function propertyValue(property: TSESTree.Property): TSESTree.Node | null {
  if (property.kind === 'set') return null;
  if (property.kind === 'init') return property.value;
  const getter = property.value;
  if (getter.type !== AST_NODE_TYPES.FunctionExpression) return null;
  const [only, ...others] = getter.body.body;
  return others.length === 0 && only?.type === AST_NODE_TYPES.ReturnStatement && only.argument ? only.argument : null;
}

/**
 * `require('./x')` or `require('./x').name` of a project file, asked for its member `members`: the
 * module's export of the first member (the module object's properties are its exports), or of
 * `name`; null for a package or anything else.
 */
function requiredForward(node: TSESTree.Node, members: readonly string[], file: string): Forward | null {
  const required = inlineRequire(node);
  if (required === null) return null;
  const next = resolveImport(file, required.module);
  if (next === null) return null;
  const [first = '', ...rest] = required.member === null ? members : [required.member, ...members];
  return { forwardTo: next, name: first, member: rest.length === 0 ? undefined : rest.join('.') };
}


/** What an exported local name is when the file imported it: the other module's export, or the module itself. */
function importedBinding(program: TSESTree.Program, local: string, member: string | undefined, file: string): Forward | Namespace | null {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    const specifier = statement.specifiers.find((candidate) => candidate.local.name === local);
    if (!specifier) continue;
    const next = resolveImport(file, statement.source.value);
    if (next === null) return null;
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { moduleFile: next };
    const imported = specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? '' : (propertyName(specifier.imported) ?? '');
    return { forwardTo: next, name: imported === 'default' ? '' : imported, member };
  }
  return null;
}

/** The node an export of `program` names, or where a re-export leads (another module's export, or a namespace). */
function findExport(
  program: TSESTree.Program,
  name: string,
  member: string | undefined,
  file: string,
  hops: number,
): TSESTree.Node | ImportedDefinition | Forward | Namespace | null {
  const exportedName = name === '' ? 'default' : name;
  // `module.exports = staff` (a value named, not written as an object literal): a name the file
  // does not assign itself is a member of that value (`const { viaToken } = require('./staff')`).
  let exportsValue = false;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === '') {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) {
        return topLevel(program, declaration.name) ?? importedBinding(program, declaration.name, member, file) ?? declaration;
      }
      return declaration;
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration) {
        const named = name === '' ? null : declaredName(declaration, name);
        if (named) return named;
        continue;
      }
      for (const specifier of statement.specifiers) {
        if (propertyName(specifier.exported) !== exportedName) continue;
        const local = propertyName(specifier.local) ?? exportedName;
        if (statement.source) {
          // `export { a as b } from`, `export { default as X } from`, `export { X as default } from`.
          const next = resolveImport(file, statement.source.value);
          return next === null ? null : { forwardTo: next, name: local === 'default' ? '' : local, member };
        }
        // A package import exported as it is (`import passport from 'passport'; export { passport }`):
        // the name itself, which its file's scope resolves to the package.
        return topLevel(program, local) ?? importedBinding(program, local, member, file) ?? (specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local : null);
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && name !== '') {
      if (statement.exported !== null) {
        // `export * as ns from './x'`: the module is the export.
        if (propertyName(statement.exported) !== name) continue;
        const next = resolveImport(file, statement.source.value);
        return next === null ? null : { moduleFile: next };
      }
      // `export * from './x'`: every name of x but its default; the first module that has it wins.
      const next = resolveImport(file, statement.source.value);
      const found = next === null || !mayExport(next, name) ? null : exportOf(next, name, member, hops + 1);
      if (found) return found;
    }
    // CommonJS: `module.exports = x`, `module.exports = { name }`, `module.exports.name = x`, `exports.name = x`.
    for (const { left, right } of exportAssignments(statement)) {
      const target = memberPath(left);
      if (target === 'module.exports') {
        if (name === '') return localDefinition(program, right) ?? moduleMemberExport(program, right, member, file) ?? right;
        exportsValue = right.type !== AST_NODE_TYPES.ObjectExpression;
        if (right.type === AST_NODE_TYPES.ObjectExpression) {
          for (const property of right.properties) {
            if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === name) {
              // A getter gives what it returns (a module loaded lazily), not itself.
              const value = propertyValue(property);
              if (value === null) return null;
              return localDefinition(program, value) ?? moduleMemberExport(program, value, member, file) ?? value;
            }
          }
          // `module.exports = { ...require('./proc'), ...require('./sandbox') }`: a barrel of
          // CommonJS modules, the last one spread that exports the name winning as at run time.
          for (const property of [...right.properties].reverse()) {
            if (property.type !== AST_NODE_TYPES.SpreadElement) continue;
            const spread = requiredForward(property.argument, [name], file);
            const found = spread === null || !mayExport(spread.forwardTo, spread.name) ? null : exportOf(spread.forwardTo, spread.name, member, hops + 1);
            if (found) return found;
          }
        }
      }
      // `exports["default"] = void 0` declares the export before compiled code assigns it.
      const declaresOnly = right.type === AST_NODE_TYPES.UnaryExpression && right.operator === 'void';
      if (name !== '' && !declaresOnly && (target === `module.exports.${name}` || target === `exports.${name}`)) {
        return localDefinition(program, right) ?? moduleMemberExport(program, right, member, file) ?? right;
      }
    }
  }
  // The member of the exported value, read as `exportOf` reads members (one more hop, in this file).
  if (exportsValue && name !== '') return { forwardTo: file, name: '', member: member === undefined ? name : `${name}.${member}` };
  return null;
}

/**
 * The names a file's top-level statements could export (a superset of those `findExport` answers
 * for), and whether it re-exports another module whole (`export * from`), kept per file version.
 * A barrel (`index.ts` of `export * from './a'; export * from './b'; …`) is searched module by
 * module for a name; with more modules than the parse cache keeps, every question parsed each of
 * them again (33 parses of the same files in one run over the real backends). The shape is
 * computed from one parse and outlives it, so a module that cannot hold the name is skipped
 * unparsed.
 */
interface ExportShape {
  hash: string;
  names: ReadonlySet<string> | null;
  star: boolean;
}

const exportShapes = new Map<string, ExportShape>();

/** Whether `exportOf(file, name, …)` can find anything: false only when the file surely does not export `name`. */
function mayExport(file: string, name: string): boolean {
  // Revalidated as a parse is (size and mtime, then the content hash), and recorded as one.
  const hash = projectFileHash(file);
  // Unreadable: `exportOf` answers for it as before.
  if (hash === null) return true;
  let shape = exportShapes.get(file);
  if (shape?.hash === hash) {
    recordFile(file, hash);
  } else {
    const parsed = parseProjectFile(file);
    // Unparsable: `exportOf` answers null for it itself.
    if (parsed === null) return true;
    shape = { hash, ...exportedNames(parsed.program) };
    exportShapes.set(file, shape);
  }
  return shape.star || shape.names === null || shape.names.has(name);
}

/** Every name a top-level statement of `program` exports, as `findExport` reads them; `null` names: any. */
function exportedNames(program: TSESTree.Program): { names: ReadonlySet<string> | null; star: boolean } {
  const names = new Set<string>();
  let star = false;
  const add = (node: TSESTree.Node | null): boolean => {
    const found = node === null ? null : propertyName(node);
    if (found === null) return false;
    names.add(found);
    return true;
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) {
        if (declaration.id) names.add(declaration.id.name);
      } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
          // `export const { auth, handlers } = NextAuth(config)`: each name bound at the top of the pattern.
          if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
            for (const property of declarator.id.properties) {
              const value = property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.type === AST_NODE_TYPES.Property ? property.value : null;
              if (value?.type === AST_NODE_TYPES.Identifier) names.add(value.name);
            }
          }
        }
      }
      // A name that cannot be read statically could be any: no shortcut for this file.
      for (const specifier of statement.specifiers) if (!add(specifier.exported)) return { names: null, star };
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      if (statement.exported === null) star = true;
      else if (!add(statement.exported)) return { names: null, star };
    }
    for (const { left, right } of exportAssignments(statement)) {
      const target = memberPath(left);
      if (target === 'module.exports' && right.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of right.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed) add(property.key);
        // `{ ...require('./proc') }`: whatever the spread module exports, as `export *` does.
        if (right.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) star = true;
      } else if (target === 'module.exports') {
        // A value named (`module.exports = staff`): its members are exported, whatever they are.
        return { names: null, star };
      } else if (target?.startsWith('module.exports.') === true) {
        names.add(target.slice('module.exports.'.length));
      } else if (target?.startsWith('exports.') === true) {
        names.add(target.slice('exports.'.length));
      }
    }
  }
  return { names, star };
}

/**
 * The assignments of a top-level statement, each with the value it assigns: `exports.a = x`, the
 * links of a chain (`exports.a = exports.b = void 0`, each given the last value), and a chain in a
 * declaration (`var _default = exports["default"] = { … }`, `var f = exports.f = function …`), as
 * compilers write exports.
 */
function exportAssignments(statement: TSESTree.Node): { left: TSESTree.Node; right: TSESTree.Expression }[] {
  const roots: TSESTree.Node[] = [];
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) roots.push(statement.expression);
  else if (statement.type === AST_NODE_TYPES.VariableDeclaration) for (const declarator of statement.declarations) if (declarator.init) roots.push(declarator.init);
  const pairs: { left: TSESTree.Node; right: TSESTree.Expression }[] = [];
  for (const root of roots) {
    const lefts: TSESTree.Node[] = [];
    let value: TSESTree.Node = root;
    while (value.type === AST_NODE_TYPES.AssignmentExpression && value.operator === '=') {
      lefts.push(value.left);
      value = value.right;
    }
    for (const left of lefts) pairs.push({ left, right: value as TSESTree.Expression });
  }
  return pairs;
}

function memberPath(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  // `exports["default"]`, as Babel writes a default export.
  if (node.type !== AST_NODE_TYPES.MemberExpression || (node.computed && node.property.type !== AST_NODE_TYPES.Literal)) return null;
  const object = memberPath(node.object);
  const property = propertyName(node.property);
  return object === null || property === null ? null : `${object}.${property}`;
}

/**
 * An export that is a member of another project module (`module.exports = { getUser:
 * usersRepo.findById }` where `const usersRepo = require('../repositories/users')`, or the module is
 * imported): that module's export of the member's name, followed as a re-export is (bounded by the
 * same hop count).
 */
function moduleMemberExport(program: TSESTree.Program, node: TSESTree.Node, member: string | undefined, file: string): Forward | null {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.object.type !== AST_NODE_TYPES.Identifier) return null;
  const property = propertyName(node.property);
  if (property === null) return null;
  const local = node.object.name;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== 'type') {
      const specifier = statement.specifiers.find((candidate) => candidate.local.name === local);
      if (!specifier) continue;
      const next = resolveImport(file, statement.source.value);
      if (next === null) return null;
      // `import * as repo` names the module; `import repo from` its default export, of which the member is a property.
      if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { forwardTo: next, name: property, member };
      if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier && member === undefined) return { forwardTo: next, name: '', member: property };
      return null;
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== local || !declarator.init) continue;
      // `const repo = require('./repo')` itself, not a member of it or a call's result.
      const init = declarator.init;
      if (init.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'require') return null;
      const specifier = requiredModule(init);
      const next = specifier === null ? null : resolveImport(file, specifier);
      return next === null ? null : { forwardTo: next, name: property, member };
    }
  }
  return null;
}

/** `export default requireAuth` / `module.exports = requireAuth`: the top-level definition it names. */
function localDefinition(program: TSESTree.Program, node: TSESTree.Node): TSESTree.Node | null {
  return node.type === AST_NODE_TYPES.Identifier ? topLevel(program, node.name) : null;
}

function declaredName(declaration: TSESTree.Node, name: string): TSESTree.Node | null {
  if ((declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id?.name === name) {
    return declaration;
  }
  // `export enum Queues { Email = 'email' }`: its members are read where it is imported.
  if (declaration.type === AST_NODE_TYPES.TSEnumDeclaration && declaration.id.name === name) return declaration;
  if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) return declarator.init;
      // `export const { auth, handlers } = NextAuth(config)`: the name as its file binds it, which
      // that file's scope resolves to a member of the value destructured.
      const bound = declarator.init ? destructuredName(declarator.id, name) : null;
      if (bound) return bound;
    }
  }
  return null;
}

/** The identifier a top-level property of an object pattern binds to `name` (`{ auth }`, `{ auth: a = x }`), or null. */
function destructuredName(pattern: TSESTree.Node, name: string): TSESTree.Identifier | null {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return value;
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
