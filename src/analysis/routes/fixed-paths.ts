import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, importSource, propertyName, requiredModule, unwrap, walk, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { moduleContext } from '../project/context.js';
import { projectIndexOf } from '../project/index.js';
import { getRoutes } from './index.js';
import { exportNames } from './mounts-across-files.js';
import type { Route } from './types.js';

/*
 * Handlers (and middleware) that run only for literal route paths: every registration of the
 * function in view is on a route of Express or Koa whose path has no parameter, wildcard or
 * pattern (`app.get('/docs', addSlash, page)`), and it is used nowhere else. For such a handler
 * the path of the request's own URL is the route's path behind its mount, which cannot start with
 * `//` (the routers match neither `//docs` nor `//evil.example/docs` to `/docs`): see
 * `no-open-redirect`'s page. A function exported from its file is looked for in the files that
 * import it (bounded); a use there other than a literal route's handler or middleware, or no
 * registration found at all, keeps it out.
 */

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A route path without parameters, wildcards or patterns: `/`, `/docs`, `/settings/profile/`. */
const LITERAL_PATH = /^(?:\/[\w\-.~%!$&'=@;,]+)*\/?$/;
/** The routers whose matching was checked (see above). */
const FRAMEWORKS = new Set(['express', 'koa']);
/** At most this many importers of the handler's file are read per question. */
const MAX_IMPORTERS = 16;

/** Whether a function is registered only on literal route paths (memoized per function). */
export function literalRouteHandlers(context: AnyContext): (fn: FunctionNode) => boolean {
  const verdicts = new Map<FunctionNode, boolean>();
  return (fn) => {
    let verdict = verdicts.get(fn);
    if (verdict === undefined) {
      verdict = onLiteralRoutesOnly(context, fn);
      verdicts.set(fn, verdict);
    }
    return verdict;
  };
}

function isLiteralRoute(route: Route): boolean {
  return FRAMEWORKS.has(route.framework) && route.path !== null && route.path.length > 0 && LITERAL_PATH.test(route.path);
}

/** The nodes that register a handler or middleware on a route: literal routes apart from the others. */
function registrations(routes: readonly Route[]): { literal: Set<TSESTree.Node>; other: Set<TSESTree.Node> } {
  const literal = new Set<TSESTree.Node>();
  const other = new Set<TSESTree.Node>();
  for (const route of routes) {
    const target = isLiteralRoute(route) ? literal : other;
    if (route.handler) target.add(unwrap(route.handler.node));
    for (const guard of route.guards) if (guard.level === 'route') target.add(unwrap(guard.node));
  }
  for (const node of other) literal.delete(node);
  return { literal, other };
}

function onLiteralRoutesOnly(context: AnyContext, fn: FunctionNode): boolean {
  const routes = getRoutes(context).routes;
  const { literal } = registrations(routes);
  const uses = localUses(context, fn);
  if (uses === null) return false;
  let registered = 0;
  for (const use of uses) {
    if (!literal.has(use)) return false;
    registered += 1;
  }
  const exported = exportNames(fn, context.sourceCode.ast);
  if (exported.length === 0) return registered > 0;
  const elsewhere = registrationsElsewhere(context, exported);
  return elsewhere !== null && registered + elsewhere > 0;
}

/**
 * The nodes of this file that use the function (an inline route argument, the references of its
 * name), leaving out its exports; null when it is used in a way not followed (a class member).
 */
function localUses(context: AnyContext, fn: FunctionNode): TSESTree.Node[] | null {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.ArrayExpression) return [fn];
  let name: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id;
  else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) name = parent.id;
  else if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && isExportObject(parent.parent)) return [];
  if (name === null) return null;
  const variable = findVariable(scopeOf(context.sourceCode, name), name.name);
  if (!variable) return null;
  const uses: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    if (reference.init === true || reference.identifier === name) continue;
    if (isInExport(reference.identifier)) continue;
    uses.push(reference.identifier as TSESTree.Node);
  }
  return uses;
}

/** `module.exports = { … }`, `exports.x = { … }` or `export default { … }`. */
function isExportObject(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== node) return false;
  const left = parent.left;
  return left.type === AST_NODE_TYPES.MemberExpression && /^(?:module\.exports|exports)(?:\.|$)/.test(textOf(left));
}

function textOf(node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) return `${textOf(node.object)}.${propertyName(node.property) ?? ''}`;
  return '';
}

/** A reference written in an export (`export { addSlash }`, `module.exports = { addSlash }`, `exports.addSlash = addSlash`). */
function isInExport(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.ExportSpecifier || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === identifier) return isExportObject(parent.parent);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === identifier) {
    return /^(?:module\.exports|exports)(?:\.|$)/.test(textOf(parent.left));
  }
  return false;
}

/**
 * How many registrations on literal routes the files importing this one make with its export
 * `names`, or null when one of their uses is anything else (middleware, a pattern route, passed
 * on) or the project cannot be read.
 */
function registrationsElsewhere(context: AnyContext, names: readonly string[]): number | null {
  const index = projectIndexOf(context.filename);
  const file = path.resolve(context.filename);
  if (index === null || !index.has(file)) return null;
  const importers = index.importersOf(file);
  if (importers.length > MAX_IMPORTERS) return null;
  let count = 0;
  for (const importer of importers) {
    const module = index.module(importer);
    if (!module) return null;
    const { literal } = registrations(getRoutes(moduleContext(module, context)).routes);
    const uses = importedUses(module.program, module.sourceCode, (specifier) => index.resolve(importer, specifier) === file, names);
    if (uses === null) return null;
    for (const use of uses) {
      if (!literal.has(use)) return null;
      count += 1;
    }
  }
  return count;
}

/**
 * The nodes of an importing file that name one of `names` of the module: `pages.addSlash` on the
 * module object, or a name imported from it. Null when the module is loaded in a way not followed
 * (re-exported, spread, loaded inline) or its object is passed on whole.
 */
function importedUses(program: TSESTree.Program, sourceCode: Readonly<TSESLint.SourceCode>, isTheModule: (specifier: string) => boolean, names: readonly string[]): TSESTree.Node[] | null {
  let followed = true;
  walk(program, (node) => {
    if (!followed) return 'skip';
    if ((node.type === AST_NODE_TYPES.ExportAllDeclaration || node.type === AST_NODE_TYPES.ExportNamedDeclaration) && node.source && isTheModule(node.source.value)) followed = false;
    if (node.type === AST_NODE_TYPES.ImportExpression) followed = false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const module = requiredModule(node);
      if (module !== null && isTheModule(module) && !(node.parent.type === AST_NODE_TYPES.VariableDeclarator && node.parent.init === node)) followed = false;
    }
    return undefined;
  });
  if (!followed) return null;
  const uses: TSESTree.Node[] = [];
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      const declared = variable.identifiers[0];
      if (!declared) continue;
      const source = importSource(scope, variable.name);
      if (source === null || !isTheModule(source.module)) continue;
      for (const reference of variable.references) {
        const identifier = reference.identifier as TSESTree.Node;
        if (reference.init === true || identifier === declared) continue;
        if (source.imported !== null && source.imported !== 'default') {
          if (names.includes(source.imported)) uses.push(identifier);
          continue;
        }
        const parent = identifier.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
          const member = parent.computed ? null : propertyName(parent.property);
          if (member === null) return null;
          if (names.includes(member)) uses.push(parent);
          continue;
        }
        // The module object handed on whole: where its functions go is not followed.
        return null;
      }
    }
  }
  return uses;
}
