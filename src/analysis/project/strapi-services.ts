import { readdirSync } from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { strapiProject, strapiServices } from '../../models/frameworks/strapi.js';
import { findVariable, isFunction, propertyName, unwrap, walk, type Scope, scopeOf } from '../../utils/ast.js';
import { projectDependencies, projectRoot, readProjectFile } from '../routes/project-files.js';
import { parseProjectFile, type ProjectModule } from './parse.js';

/*
 * Strapi's services looked up by name (see `strapiServices`): the object of functions a lookup
 * `strapi.service('api::book.book')`, `strapi.plugin('upload').service('file')` or a plugin's
 * `getService('file')` returns, read from the service's file, so that a call of one of its methods
 * is followed into that file as a call of an imported module's is.
 */

const EXTENSIONS = ['.js', '.ts', '.cjs', '.mjs'];
/** Directories above the calling file searched for the `services/` of its base. */
const MAX_LEVELS = 4;

/** The object of functions the Strapi service a lookup call names is, with its file; null otherwise. */
export function strapiServiceObject(node: TSESTree.Node, file: string): { node: TSESTree.ObjectExpression; file: string } | null {
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? propertyName(callee.property) : null;
  if (method === null || !(strapiServices.lookups as readonly string[]).includes(method)) return null;
  const argument = call.arguments[0];
  if (argument?.type !== AST_NODE_TYPES.Literal || typeof argument.value !== 'string') return null;
  const dependencies = projectDependencies(file);
  if (!strapiProject.packages.some((name) => dependencies?.has(name) === true)) return null;
  const root = projectRoot(file);
  if (root === null) return null;
  const uid = argument.value;
  const api = /^api::([\w-]+)\.([\w-]+)$/u.exec(uid);
  if (api) return serviceIn(path.join(root, strapiProject.apisDirectory, api[1]!), api[2]!);
  // `plugin::upload.file`, `strapi.plugin('upload').service('file')`, `getService('file')`: a service
  // of the plugin the calling file belongs to, found in the `services/` of a directory above it.
  const plugin = /^plugin::[\w-]+\.([\w-]+)$/u.exec(uid);
  const name = plugin ? plugin[1]! : /^[\w-]+$/u.test(uid) ? uid : null;
  if (name === null) return null;
  let directory = path.dirname(path.resolve(file));
  for (let level = 0; level < MAX_LEVELS && directory.startsWith(root); level++) {
    const found = serviceIn(directory, name);
    if (found) return found;
    directory = path.dirname(directory);
  }
  return null;
}

/** The service `name` of the base directory `base`: its file, or the module its `services/index` map gives the key. */
function serviceIn(base: string, name: string): { node: TSESTree.ObjectExpression; file: string } | null {
  const directory = path.join(base, strapiServices.directory);
  for (const candidate of [name, mappedModule(directory, name)]) {
    if (candidate === null) continue;
    for (const extension of EXTENSIONS) {
      const module = parseProjectFile(path.join(directory, `${candidate}${extension}`));
      if (!module) continue;
      const object = exportedObject(module);
      return object && { node: object, file: module.file };
    }
  }
  return null;
}

/** The file name (without extension) the `services/index` map holds under `key`, or null. */
function mappedModule(directory: string, key: string): string | null {
  for (const extension of EXTENSIONS) {
    const module = parseProjectFile(path.join(directory, `index${extension}`));
    if (!module) continue;
    let found: string | null = null;
    walk(module.program, (node) => {
      if (found !== null) return 'skip';
      if (node.type !== AST_NODE_TYPES.Property || node.computed || propertyName(node.key) !== key) return undefined;
      let value = unwrap(node.value);
      if (value.type === AST_NODE_TYPES.MemberExpression) value = unwrap(value.object);
      if (value.type === AST_NODE_TYPES.Identifier) found = requiredName(value.name, module);
      return undefined;
    });
    return found;
  }
  return null;
}

/** The file name a top-level `require('./x.js')` or import binds `name` to. */
function requiredName(name: string, module: ProjectModule): string | null {
  for (const statement of module.program.body) {
    let specifier: string | null = null;
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.specifiers.some((entry) => entry.local.name === name)) specifier = String(statement.source.value);
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name || !declarator.init) continue;
        const init = unwrap(declarator.init);
        const argument = init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : null;
        if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') specifier = argument.value;
      }
    }
    if (specifier !== null && specifier.startsWith('.')) return path.posix.basename(specifier).replace(/\.(?:js|ts|cjs|mjs)$/u, '');
  }
  return null;
}

/** The object of functions a service module exports (see `strapiServices`). */
function exportedObject(module: ProjectModule): TSESTree.ObjectExpression | null {
  for (const statement of module.program.body) {
    let value: TSESTree.Node | null = null;
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) value = statement.declaration;
    if (statement.type === AST_NODE_TYPES.TSExportAssignment) value = statement.expression;
    if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const left = statement.expression.left;
      const exportsWhole = left.type === AST_NODE_TYPES.MemberExpression && (propertyName(left.property) === 'exports' || propertyName(left.property) === 'default');
      if (exportsWhole) value = statement.expression.right;
    }
    const object = value && objectOf(value, scopeOf(module.sourceCode, value), 0);
    if (object) return object;
  }
  return null;
}

function objectOf(node: TSESTree.Node, scope: Scope, depth: number): TSESTree.ObjectExpression | null {
  if (depth > 4) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  if (isFunction(target)) {
    if (target.body.type !== AST_NODE_TYPES.BlockStatement) return objectOf(target.body, scope, depth + 1);
    const returns = target.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
    return returns.length === 1 && returns[0]?.argument ? objectOf(returns[0].argument, scope, depth + 1) : null;
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
    const builder = target.arguments[1];
    return name === strapiServices.coreService && builder && builder.type !== AST_NODE_TYPES.SpreadElement ? objectOf(builder, scope, depth + 1) : null;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariable(scope, target.name)?.defs[0];
    if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) return objectOf(definition.node.init, scope, depth + 1);
    if (definition?.type === 'FunctionName' && isFunction(definition.node)) return objectOf(definition.node, scope, depth + 1);
  }
  return null;
}

/** Files listed per question as the callers of a Strapi service (see `strapiServiceConsumers`). */
const MAX_CONSUMERS = 48;
const SOURCE = /\.(?:js|ts|cjs|mjs)$/u;
const DECLARATION = /\.d\.[cm]?ts$/u;

/**
 * The files that may call a Strapi service's functions without importing its file (they look it
 * up by name, see `strapiServiceObject`): the controllers and services of its base directory and,
 * for a service of an app's API, those of the app's other APIs. Empty for any other file.
 */
export function strapiServiceConsumers(file: string): string[] {
  const resolved = path.resolve(file);
  if (path.basename(path.dirname(resolved)) !== strapiServices.directory || !SOURCE.test(resolved)) return [];
  const dependencies = projectDependencies(resolved);
  if (!strapiProject.packages.some((name) => dependencies?.has(name) === true)) return [];
  const root = projectRoot(resolved);
  if (root === null) return [];
  const base = path.dirname(path.dirname(resolved));
  const apis = path.join(root, strapiProject.apisDirectory);
  const bases = path.dirname(base) === apis ? [base, ...listNames(apis).map((name) => path.join(apis, name)).filter((other) => other !== base)] : [base];
  // A caller looks the service up by name: its text holds the name, bare or in a uid (`'file'`, `'api::book.book'`).
  const own = path.basename(resolved).replace(SOURCE, '');
  const names = new Set([own, ...mapKeysOf(path.dirname(resolved), own)]);
  const namesService = (text: string): boolean => {
    for (const match of text.matchAll(QUOTED_NAME)) if (names.has(match[1]!)) return true;
    return false;
  };
  const found: string[] = [];
  // The controllers of every base first: they hold the requests; then the services, which call each other.
  const folders = [strapiProject.controllersDirectory, strapiServices.directory].flatMap((folder) => bases.map((directory) => path.join(directory, folder)));
  for (const folder of folders) {
    for (const name of listNames(folder)) {
      const candidate = path.join(folder, name);
      if (found.length >= MAX_CONSUMERS) return found;
      if (candidate === resolved || !SOURCE.test(name) || DECLARATION.test(name)) continue;
      if (namesService(readProjectFile(candidate) ?? '')) found.push(candidate);
    }
  }
  return found;
}

/** A quoted name, alone or as the last part of a uid (`'file'`, `'api::book.book'`, `"plugin::upload.file"`). */
const QUOTED_NAME = /['"`](?:[\w-]+::[\w-]+\.)?([\w-]+)['"`]/gu;

/** The keys under which the `index` map of a services directory holds the module `name`. */
function mapKeysOf(directory: string, name: string): string[] {
  const keys: string[] = [];
  for (const extension of EXTENSIONS) {
    const module = parseProjectFile(path.join(directory, `index${extension}`));
    if (!module) continue;
    walk(module.program, (node) => {
      if (node.type !== AST_NODE_TYPES.Property || node.computed) return;
      const key = propertyName(node.key);
      let value = unwrap(node.value);
      if (value.type === AST_NODE_TYPES.MemberExpression) value = unwrap(value.object);
      if (key !== null && value.type === AST_NODE_TYPES.Identifier && requiredName(value.name, module) === name) keys.push(key);
    });
    break;
  }
  return keys;
}

function listNames(directory: string): string[] {
  try {
    return readdirSync(directory).sort();
  } catch (error) {
    // A base without controllers or services has no callers there; any other failure is not hidden.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}
