import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { RequestStyle } from '../../models/frameworks/request-inputs.js';
import { importSource, scopeLookup, type FunctionNode, type Scope, scopeOf } from '../../utils/ast.js';
import { moduleContext } from '../project/context.js';
import { projectIndexOf } from '../project/index.js';
import type { ProjectModule } from '../project/parse.js';
import { optionsHandler } from './handlers.js';
import { registeredRoutes } from './index.js';
import { exportNames } from './mounts-across-files.js';
import type { Route } from './types.js';

/*
 * A function of a handlers module (`exports.get = async (request) => users.getUser(request.params.id)`)
 * whose shape alone does not say it is a handler (one parameter, an unusual name) is one when a
 * route table of another project file registers it (`{ method: 'GET', path: '/users/{id}',
 * handler: handlers.get }`, `router.get('/users/:id', handlers.get)`): it receives the request in
 * the style of that route's framework. Asked of the files that import the function's file, whose
 * routes the route model reads as it reads the linted file's.
 */

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** At most this many importing files are read per question. */
const MAX_IMPORTERS = 32;

/** Per linted program: the style of each of its exports that a route of an importing file registers. */
const registeredExports = new WeakMap<TSESTree.Program, ReadonlyMap<string, RequestStyle>>();

/**
 * The request style of an exported function of the linted file that a route of another project
 * file registers as its handler, or null when none does (or the file has no project). The
 * importers are read once per version of the linted file, on its first question.
 */
export function registeredHandlerStyle(context: AnyContext, fn: FunctionNode): RequestStyle | null {
  const program = context.sourceCode.ast;
  let registered = registeredExports.get(program);
  if (!registered) {
    registered = registeredHandlerExports(context);
    registeredExports.set(program, registered);
  }
  if (registered.size === 0) return null;
  for (const name of [...exportNames(fn, program), ...optionsExportNames(fn, program)]) {
    const style = registered.get(name);
    if (style !== undefined) return style;
  }
  return null;
}

/**
 * The export names of the route options object whose handler `fn` is (`exports.dig = { auth,
 * handler: async (request) => … }` registered as `options: ops.dig`): a route of another file
 * registers the object, and so the function.
 */
function optionsExportNames(fn: FunctionNode, program: TSESTree.Program): string[] {
  const property = fn.parent;
  if (property.type !== AST_NODE_TYPES.Property || property.value !== fn || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return [];
  return optionsHandler(property.parent) === fn ? exportNames(property.parent, program) : [];
}

/**
 * Per version of an importing file (its parse): the exports of other modules that its routes
 * register, by the module specifier and export name. Read once, whichever of the files it imports
 * asks: an app file that mounts two thousand routers is read once, not once per router.
 */
const registrationsOf = new WeakMap<TSESTree.Program, readonly Registration[]>();

/** A route of an importing file that registers an export of another module as its handler. */
interface Registration {
  module: string;
  name: string;
  style: RequestStyle;
  route: Route;
}

/** A route of another project file whose handler is an export of the linted file, with that file's scope lookup. */
export interface RegisteringRoute {
  route: Route;
  file: string;
  scopeOf: (node: TSESTree.Node) => Scope;
}

/** Per linted program: the routes of importing files that register each of its exports. */
const registeringRoutesCache = new WeakMap<TSESTree.Program, ReadonlyMap<string, RegisteringRoute[]>>();

/**
 * The routes of other project files that register `fn`, an exported function of the linted file,
 * as their handler (`builderRoutes.post('/api/tables', validate, controller.save)` for `save` of
 * `controllers/table.ts`): what runs in front of the function is read there. Empty when none does
 * or the file has no project.
 */
export function routesRegistering(context: AnyContext, fn: FunctionNode): RegisteringRoute[] {
  const program = context.sourceCode.ast;
  let byName = registeringRoutesCache.get(program);
  if (!byName) {
    byName = registeringRoutesOf(context);
    registeringRoutesCache.set(program, byName);
  }
  if (byName.size === 0) return [];
  return exportNames(fn, program).flatMap((name) => byName.get(name) ?? []);
}

function registeringRoutesOf(context: AnyContext): Map<string, RegisteringRoute[]> {
  const byName = new Map<string, RegisteringRoute[]>();
  const index = projectIndexOf(context.filename);
  if (index === null || !index.has(context.filename)) return byName;
  const file = path.resolve(context.filename);
  for (const importer of index.importersOf(file).slice(0, MAX_IMPORTERS)) {
    const module = index.module(importer);
    if (!module) continue;
    const scopeOf = scopeLookup(module.sourceCode);
    for (const registration of registrationsIn(module, context)) {
      if (index.resolve(module.file, registration.module) !== file) continue;
      const list = byName.get(registration.name) ?? [];
      list.push({ route: registration.route, file: importer, scopeOf });
      byName.set(registration.name, list);
    }
  }
  return byName;
}

/** The registrations of exports of other modules that an importing file's routes make, read once per parse. */
function registrationsIn(module: ProjectModule, context: AnyContext): readonly Registration[] {
  let registrations = registrationsOf.get(module.program);
  if (!registrations) {
    const found: Registration[] = [];
    // The importer's routes only: its own handlers' questions would read further files.
    for (const route of registeredRoutes(moduleContext(module, context))) {
      const handler = route.handler;
      if (handler === null || handler.fn !== null) continue;
      const named = exportNamed(handler.node, module.sourceCode);
      if (named !== null) found.push({ ...named, style: handler.style, route });
    }
    registrations = found;
    registrationsOf.set(module.program, registrations);
  }
  return registrations;
}

function registeredHandlerExports(context: AnyContext): Map<string, RequestStyle> {
  const registered = new Map<string, RequestStyle>();
  const index = projectIndexOf(context.filename);
  if (index === null || !index.has(context.filename)) return registered;
  const file = path.resolve(context.filename);
  for (const importer of index.importersOf(file).slice(0, MAX_IMPORTERS)) {
    const module = index.module(importer);
    if (!module) continue;
    for (const named of registrationsIn(module, context)) {
      if (registered.has(named.name)) continue;
      if (index.resolve(module.file, named.module) === file) registered.set(named.name, named.style);
    }
  }
  return registered;
}

/** The module and export a handler expression names: `get` imported by name, or `handlers.get` of a required or namespace-imported module. */
function exportNamed(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): { module: string; name: string } | null {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(scopeOf(sourceCode, node), node.name);
    return source && { module: source.module, name: source.imported ?? 'default' };
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.object.type !== AST_NODE_TYPES.Identifier || node.property.type !== AST_NODE_TYPES.Identifier) return null;
  const source = importSource(scopeOf(sourceCode, node.object), node.object.name);
  return source && source.imported === null ? { module: source.module, name: node.property.name } : null;
}
