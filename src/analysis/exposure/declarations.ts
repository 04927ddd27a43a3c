import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, propertyName, requiredModule, unwrap, scopeOf } from '../../utils/ast.js';
import { exportedDefinition, importBindingTarget } from '../project/imported.js';
import { projectIndexOf } from '../project/index.js';
import { fileOfNode, parseProjectFile, type ProjectModule } from '../project/parse.js';
import { declaredRecords, recordShapeOf, type DeclaredRecord, type RecordShape } from './serializers.js';

/*
 * Where the entity of a record is declared: the file that reads the record, and the project file
 * its model binding is imported from (`import { User } from '../models/user'`,
 * `const User = require('../models/user')`, the entity of `@InjectRepository(User)`). Serializers
 * (`select: false`, a `toJSON` transform, `@Exclude()`) and the fields a suggestion may name are
 * read there. One import step, read from the code: no type information.
 */

/**
 * The source codes that may declare `model` as seen at `at`: its own file first, then the file
 * the model's binding is imported or required from, when that is a project file.
 */
export function declarationSources(at: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, model: string): Readonly<TSESLint.SourceCode>[] {
  const sources: Readonly<TSESLint.SourceCode>[] = [sourceCode];
  const imported = importedModelFile(at, sourceCode, model);
  const module = imported === null ? null : parseProjectFile(imported);
  if (module && module.sourceCode.ast !== sourceCode.ast) {
    sources.push(module.sourceCode);
    if (imported !== null && recordShapeOf(declaredRecordsOf(module.sourceCode), model) === null) sources.push(...loadedSiblings(imported, model));
  }
  return sources;
}

/** How many files of a directory a loader index may be asked about: past it, none is read. */
const MAX_SIBLINGS = 200;
const siblingListings = new Map<string, { generation: number; byName: ReadonlyMap<string, readonly string[]> }>();

/**
 * A directory's index that declares no model itself but loads its files at run time
 * (`fs.readdirSync(__dirname).forEach((file) => require(path.join(__dirname, file))(sequelize))`,
 * as Sequelize's CLI writes `models/index.js`): the model comes from the file of that directory
 * named after it (`webhook.js`, `Webhook.ts`, `webhook.model.js`), which no import names. Read
 * only when the index reads its own directory, and only the files whose name is the model's.
 */
function loadedSiblings(index: string, model: string): Readonly<TSESLint.SourceCode>[] {
  if (!/^index\.[cm]?[jt]sx?$/u.test(path.basename(index))) return [];
  const loader = parseProjectFile(index);
  if (!loader || !/\breaddir(?:Sync)?\s*\(/u.test(loader.sourceCode.text)) return [];
  const project = projectIndexOf(index);
  if (!project) return [];
  const generation = project.generation();
  let listing = siblingListings.get(index);
  if (listing?.generation !== generation) {
    // The directory's files by lower-cased first name part, listed once per project generation.
    const byName = new Map<string, string[]>();
    const dir = path.dirname(index);
    let seen = 0;
    for (const file of project.files()) {
      if (path.dirname(file) !== dir || file === index) continue;
      if (++seen > MAX_SIBLINGS) break;
      const name = (path.basename(file).split('.')[0] ?? '').toLowerCase();
      byName.set(name, [...(byName.get(name) ?? []), file]);
    }
    siblingListings.set(index, (listing = { generation, byName }));
  }
  const found: Readonly<TSESLint.SourceCode>[] = [];
  for (const file of listing.byName.get(model.toLowerCase()) ?? []) {
    const sibling = parseProjectFile(file);
    if (sibling) found.push(sibling.sourceCode);
  }
  return found;
}

function importedModelFile(at: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, model: string): string | null {
  if (!/^[A-Za-z_$][\w$]*$/u.test(model)) return null;
  const file = fileOfNode(at);
  const index = file === undefined ? null : projectIndexOf(file);
  if (file === undefined || !index) return null;
  const definition = findVariable(scopeOf(sourceCode, at), model)?.defs[0];
  if (!definition) return null;
  if (definition.type === 'ImportBinding') {
    const target = importBindingTarget(definition, file);
    if (target === null) return null;
    // A named import, through a barrel (`export { User } from './user.entity'`), to the file that declares it.
    if (definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return target.file;
    return exportedDefinition(target.file, target.name)?.file ?? target.file;
  }
  if (definition.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
  const init = unwrap(definition.node.init);
  const required = init.type === AST_NODE_TYPES.CallExpression ? requiredModule(init) : null;
  return required === null ? null : index.resolve(file, required);
}

const declarations = new WeakMap<TSESTree.Program, DeclaredRecord[]>();

/** The entities a file declares, read once per parse (so once per file version). */
export function declaredRecordsOf(sourceCode: Readonly<TSESLint.SourceCode>): DeclaredRecord[] {
  let found = declarations.get(sourceCode.ast);
  if (!found) {
    found = declaredRecords(sourceCode);
    declarations.set(sourceCode.ast, found);
  }
  return found;
}

/** The declared shape of `model` in the first of `sources` that declares it, or null. */
export function declaredShape(sources: readonly Readonly<TSESLint.SourceCode>[], model: string): RecordShape | null {
  for (const source of sources) {
    const shape = recordShapeOf(declaredRecordsOf(source), model);
    if (shape) return shape;
  }
  return null;
}

/** A project file as messages name it: relative to the working directory, with `/`. */
export function displayFile(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' || relative.startsWith('..') ? file : relative).split(path.sep).join('/');
}

/**
 * The fields of the type a function declares it returns (`Promise<Integration>`, `Integration |
 * null`, `Integration[]`), when that type is an interface, an object type alias or a class
 * declared in the function's file or in the project file it is imported from. A declaration, not
 * a guarantee: TypeScript keeps no field out of a value at run time, so the fields are evidence of
 * what the record carries, never of what it lacks. Null when the return type is not annotated or
 * not in view. `read` is told the other file read, for the freshness of a remembered answer.
 */
export function returnTypeFields(fn: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, read: (module: ProjectModule) => void): string[] | null {
  if (!('returnType' in fn) || !fn.returnType) return null;
  const name = namedType(fn.returnType.typeAnnotation, 0);
  if (name === null) return null;
  const local = typeFields(sourceCode.ast, name);
  if (local) return local;
  const file = fileOfNode(fn);
  const definition = findVariable(scopeOf(sourceCode, fn), name)?.defs[0];
  if (file === undefined || definition?.type !== 'ImportBinding') return null;
  const target = importBindingTarget(definition, file);
  if (target === null || target.name === '') return null;
  const declaring = exportedDefinition(target.file, target.name)?.file ?? target.file;
  const module = parseProjectFile(declaring);
  if (!module) return null;
  // The answer depends on that file too: an edit of the type must be seen.
  read(module);
  return typeFields(module.program, target.name);
}

/** The one type name a return type is about, through `Promise<…>`, arrays and `| null`. */
function namedType(type: TSESTree.TypeNode, depth: number): string | null {
  if (depth > 4) return null;
  if (type.type === AST_NODE_TYPES.TSArrayType) return namedType(type.elementType, depth + 1);
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    const named = type.types.filter((member) => member.type !== AST_NODE_TYPES.TSNullKeyword && member.type !== AST_NODE_TYPES.TSUndefinedKeyword);
    return named.length === 1 && named[0] ? namedType(named[0], depth + 1) : null;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const argument = type.typeArguments?.params[0];
  if (/^(?:Promise|Array|ReadonlyArray|PromiseLike)$/u.test(type.typeName.name)) return argument ? namedType(argument, depth + 1) : null;
  return type.typeName.name;
}

/** The member names of the interface, object type alias or class `name` declared at the top of `program`. */
function typeFields(program: TSESTree.Program, name: string): string[] | null {
  for (const statement of program.body) {
    const node = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (!node || !('id' in node) || node.id?.type !== AST_NODE_TYPES.Identifier || node.id.name !== name) continue;
    let members: readonly TSESTree.Node[] | null = null;
    if (node.type === AST_NODE_TYPES.TSInterfaceDeclaration) members = node.body.body;
    else if (node.type === AST_NODE_TYPES.TSTypeAliasDeclaration && node.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral) members = node.typeAnnotation.members;
    else if (node.type === AST_NODE_TYPES.ClassDeclaration) members = node.body.body;
    if (!members) return null;
    const fields: string[] = [];
    for (const member of members) {
      if ((member.type === AST_NODE_TYPES.TSPropertySignature || member.type === AST_NODE_TYPES.PropertyDefinition) && !member.computed) {
        const key = propertyName(member.key);
        if (key !== null) fields.push(key);
      }
    }
    return fields;
  }
  return null;
}
