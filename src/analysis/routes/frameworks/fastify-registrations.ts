import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { importSource, inlineRequire, nodesOfType, requiredModule, unwrap, scopeOf } from '../../../utils/ast.js';
import { isTestFile } from '../../../utils/test-files.js';
import { projectIndexOf, type ProjectIndex } from '../../project/index.js';
import type { ProjectModule } from '../../project/parse.js';
import { methodCall } from './shared-ast.js';

/*
 * A Fastify plugin module need not import anything from Fastify: the instance arrives as its
 * parameter (`module.exports = async function (app) { app.get(...) }`). What makes it a plugin is
 * where it is used: another file of the project passes the module itself to `register`
 * (`app.register(require('./items'), { prefix: '/items' })`, `register(import('./items'))`, or an
 * imported name). A module that exports a function and is handed whole to `register` is read as a
 * Fastify plugin: Express, Koa and Hono have no `register`, and Hapi's takes a plugin object
 * (`{ name, register }`), never a bare function. Read without type information from the files that
 * import the plugin's file (tests left out: they register stand-ins), each parsed once per version.
 */

/** Importers read per question: a module imported by more files than this is searched partly. */
const MAX_IMPORTERS = 64;

/** Per parse of a file: the project files whose whole module it passes to some `register(...)`. */
const registeredByProgram = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/** The module specifier a `register` argument loads whole, or null (a member, a call, a local value). */
function registeredSpecifier(argument: TSESTree.Node, module: ProjectModule): string | null {
  let target = unwrap(argument);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  if (target.type === AST_NODE_TYPES.ImportExpression) return requiredModule(target);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const required = inlineRequire(target);
    return required && (required.member === null || required.member === 'default') ? required.module : null;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const source = importSource(scopeOf(module.sourceCode, target), target.name);
  return source && (source.imported === null || source.imported === 'default') ? source.module : null;
}

function registeredFiles(index: ProjectIndex, module: ProjectModule): ReadonlySet<string> {
  const known = registeredByProgram.get(module.program);
  if (known) return known;
  const found = new Set<string>();
  for (const call of nodesOfType(module.program, AST_NODE_TYPES.CallExpression)) {
    const parsed = methodCall(call);
    const [first] = call.arguments;
    if (parsed?.method !== 'register' || !first || first.type === AST_NODE_TYPES.SpreadElement) continue;
    const specifier = registeredSpecifier(first, module);
    const file = specifier === null ? null : index.resolve(module.file, specifier);
    if (file !== null) found.add(path.resolve(file));
  }
  registeredByProgram.set(module.program, found);
  return found;
}

/**
 * Whether another file of the linted file's project passes this module whole to `register(...)`:
 * the sign that the function it exports is a Fastify plugin. False when the file is not on disk
 * (code linted under a made-up name is judged on its own text).
 */
export function registeredAsPlugin(filename: string): boolean {
  const index = projectIndexOf(filename);
  if (index === null) return false;
  const linted = path.resolve(filename);
  const importers = index.importersOf(linted).filter((importer) => importer !== linted && !isTestFile(importer, index.root));
  for (const importer of importers.slice(0, MAX_IMPORTERS)) {
    const module = index.module(importer);
    if (module !== null && registeredFiles(index, module).has(linted)) return true;
  }
  return false;
}
