import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, requiredModule, unwrap } from '../../utils/ast.js';
import { exportedDefinition, importBindingTarget } from '../project/imported.js';
import { projectIndexOf } from '../project/index.js';
import { fileOfNode, parseProjectFile } from '../project/parse.js';
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
  const definition = findVariable(sourceCode.getScope(at), model)?.defs[0];
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
