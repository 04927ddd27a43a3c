import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  routeModuleConventions,
  sveltekitHooks,
  type RouteModuleConvention,
  type RouteModuleExport,
} from '../../../models/frameworks/route-modules.js';
import { dottedName, findVariable, importSource, isConstantBinding, isFunction, propertyName, resolveFunction, singleDefinition, unwrap, walk, type FunctionNode, type Scope } from '../../../utils/ast.js';
import { exportedDefinition } from '../../project/imported.js';
import { roleChecks } from '../auth.js';
import { checkAppliesToPath, reachedForPath } from '../path-conditions.js';
import { projectDependencies, projectRoot } from '../project-files.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard } from '../types.js';
import { unwrapHandler, type Unwrapped } from './nextjs.js';
import { joinAll } from './shared-ast.js';

/*
 * Route modules: SvelteKit (`src/routes/**\/+server.ts`, `+page.server.ts`, `+layout.server.ts`)
 * and Remix / React Router v7 file routes (`app/routes/api.notes.$noteId.ts`). A file under the
 * convention's folder is a route of the URL its path names, served by the functions it exports
 * under the convention's names (see `models/frameworks/route-modules.ts`), each a handler of the
 * convention's request style. The handler is followed through wrappers as a Next.js route
 * handler's is (`withAuth(handler)` is a guard). SvelteKit's `handle` hook (`src/hooks.server.ts`)
 * runs before every route, and is a guard of each route whose path its rejecting branches reach.
 */

const SOURCE_FILE = /\.(?:ts|tsx|js|jsx|mts|mjs)$/u;

export const routeModulesExtractor: FrameworkExtractor = {
  framework: 'sveltekit',
  extract(context) {
    const found = routeModuleOf(context);
    if (!found) return {};
    const { convention, exports, path: routePath, root } = found;
    const routes: Route[] = [];
    const hooks = convention.framework === 'sveltekit' ? sveltekitHandle(root) : null;
    const add = (entry: RouteModuleExport, reportNode: TSESTree.Node, handler: Unwrapped, claimedNodes: readonly TSESTree.Node[]): void => {
      const guards = [...(hooks ? hookGuards(hooks, routePath, reportNode) : []), ...handler.guards];
      const route: Route = {
        framework: convention.framework,
        methods: [...entry.methods],
        path: routePath,
        reportNode,
        handler: { node: handler.node, fn: handler.fn, style: convention.style },
        guards,
        insertBefore: null,
        owner: null,
      };
      routes.push(route);
      for (const node of claimedNodes) context.claimed.add(node);
      if (handler.fn) context.claimed.add(handler.fn);
    };
    for (const { entry, name, value, scope } of exportedHandlers(context, exports)) {
      if (entry.form !== 'object') {
        add(entry, name, unwrapHandler(value, scope), [name, value]);
        continue;
      }
      // `export const actions = { default: async (event) => …, rename: … }`: each action a POST of the page (`?/rename`).
      const object = objectOf(value, scope);
      if (!object) continue;
      for (const property of object.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const handler = unwrapHandler(property.value, scope);
        if (!handler.fn && handler.guards.length === 0) continue;
        add(entry, property.key, handler, [property]);
      }
    }
    return { routes };
  },
};

interface RouteModule {
  convention: RouteModuleConvention;
  exports: readonly RouteModuleExport[];
  /** The URL path the file serves. */
  path: string;
  /** The folder holding the convention's routes folder (the app's root), absolute with `/`. */
  root: string;
}

/** The convention a file is a route module of, with its URL path; null for any other file. */
function routeModuleOf(context: ExtractContext): RouteModule | null {
  const normalized = path.resolve(context.filename).split(path.sep).join('/');
  for (const convention of routeModuleConventions as readonly RouteModuleConvention[]) {
    const marker = `/${convention.folder}/`;
    const at = normalized.lastIndexOf(marker);
    if (at < 0) continue;
    const rest = normalized.slice(at + marker.length).split('/');
    const file = rest.at(-1) ?? '';
    const kind = convention.files.find((candidate) => candidate.name.test(file));
    if (!kind || !usesFramework(context, convention)) continue;
    const routePath = convention.naming === 'sveltekit' ? sveltekitPath(rest.slice(0, -1)) : remixPath(rest);
    if (routePath === null) continue;
    return { convention, exports: kind.exports, path: routePath, root: normalized.slice(0, at + 1) };
  }
  return null;
}

/**
 * Whether the file or its project shows the framework: an import of one of its modules (or of a
 * SvelteKit `./$types` file), or a dependency the project's `package.json` declares.
 */
function usesFramework(context: ExtractContext, convention: RouteModuleConvention): boolean {
  for (const module of context.imports) {
    if (convention.modules.some((candidate) => module === candidate || module.startsWith(`${candidate}/`))) return true;
    if (convention.framework === 'sveltekit' && /(?:^|\/)\$types$/u.test(module)) return true;
  }
  const dependencies = projectDependencies(context.filename);
  return dependencies !== null && convention.modules.some((module) => dependencies.has(module));
}

/**
 * `src/routes/api/orders/[id]` → `/api/orders/:id`: a `(group)` folder is not part of the URL,
 * `[param]` (and `[param=matcher]`) is a parameter, `[[param]]` an optional one, `[...rest]` the
 * rest of the path.
 */
export function sveltekitPath(folders: readonly string[]): string | null {
  const segments: string[] = [];
  for (const folder of folders) {
    if (folder.startsWith('(') && folder.endsWith(')')) continue;
    const converted = folder
      .replaceAll(/\[\.\.\.[^\]=]+(?:=[^\]]*)?\]/gu, '*')
      .replaceAll(/\[\[([^\]=]+)(?:=[^\]]*)?\]\]/gu, ':$1?')
      .replaceAll(/\[([^\]=]+)(?:=[^\]]*)?\]/gu, ':$1');
    segments.push(converted);
  }
  return joinAll('/', ...segments) ?? '/';
}

/**
 * Remix flat routes: `api.notes.$noteId.ts` → `/api/notes/:noteId`. Dots separate segments (a
 * dot inside `[…]` is literal: `sitemap[.]xml.ts` → `/sitemap.xml`); `$name` is a parameter, a
 * lone `$` the rest of the path; `_index` is the index route; a segment starting with `_` is a
 * pathless layout and a trailing `_` opts out of the layout, neither part of the URL; `(seg)` is
 * optional. A folder route (`api.notes/route.ts`) is named by its folder; the v1 convention's
 * nested folders (`notes/$noteId.tsx`) read as dots. A file starting with `_`... is not skipped: it
 * can still export a loader.
 */
export function remixPath(parts: readonly string[]): string | null {
  const file = parts.at(-1) ?? '';
  const base = file.replace(SOURCE_FILE, '');
  const folders = parts.slice(0, -1);
  // `app/routes/api.notes/route.ts`: the folder is the route; other files of the folder are its modules.
  const names = base === 'route' ? folders : [...folders, base];
  if (base !== 'route' && folders.length > 0 && folders.some((folder) => folder.includes('.'))) return null;
  const segments: string[] = [];
  for (const name of names) {
    for (const raw of splitSegments(name)) {
      if (raw === '' || raw === '_index' || raw === 'index') continue;
      if (raw.startsWith('_') && !raw.startsWith('_[')) continue;
      let segment = raw.endsWith('_') ? raw.slice(0, -1) : raw;
      if (segment.startsWith('(') && segment.endsWith(')')) segment = segment.slice(1, -1);
      if (segment === '$') segment = '*';
      else if (segment.startsWith('$')) segment = `:${segment.slice(1)}`;
      segments.push(segment.replaceAll(/\[([^\]]*)\]/gu, '$1'));
    }
  }
  return joinAll('/', ...segments) ?? '/';
}

/** A flat route name split at the dots outside `[…]`. */
function splitSegments(name: string): string[] {
  const segments: string[] = [];
  let current = '';
  let depth = 0;
  for (const character of name) {
    if (character === '[') depth++;
    if (character === ']') depth = Math.max(0, depth - 1);
    if (character === '.' && depth === 0) {
      segments.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  segments.push(current);
  return segments;
}

interface ExportedHandler {
  entry: RouteModuleExport;
  /** The exported name as written, where a route is reported. */
  name: TSESTree.Node;
  value: TSESTree.Node;
  scope: Scope;
}

/** The file's exports the convention serves: `export function loader`, `export const GET = …`, `export { handler as POST }`. */
function exportedHandlers(context: ExtractContext, exports: readonly RouteModuleExport[]): ExportedHandler[] {
  const found: ExportedHandler[] = [];
  const entryOf = (name: string | null): RouteModuleExport | undefined => exports.find((entry) => entry.name === name);
  for (const statement of context.program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.exportKind === 'type') continue;
    const scope = context.scopeOf(statement);
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      const entry = entryOf(declaration.id.name);
      if (entry) found.push({ entry, name: declaration.id, value: declaration, scope });
    } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
        const entry = entryOf(declarator.id.name);
        if (entry) found.push({ entry, name: declarator.id, value: declarator.init, scope });
      }
    } else if (!declaration && !statement.source) {
      for (const specifier of statement.specifiers) {
        const entry = entryOf(propertyName(specifier.exported));
        if (entry && specifier.exportKind !== 'type') found.push({ entry, name: specifier.exported, value: specifier.local, scope });
      }
    }
  }
  return found;
}

/** The object literal an expression is, directly or through a `const` of this file (`satisfies Actions` kept aside). */
function objectOf(node: TSESTree.Node, scope: Scope): TSESTree.ObjectExpression | null {
  let target = unwrap(node);
  for (let depth = 0; depth < 4 && target.type === AST_NODE_TYPES.Identifier; depth++) {
    const variable = findVariable(scope, target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
    target = unwrap(definition.node.init);
  }
  return target.type === AST_NODE_TYPES.ObjectExpression ? target : null;
}

// -------------------------------------------------------------------------------------------------
// SvelteKit's `handle` hook

interface HandleHook {
  file: string;
  /** The functions `handle` runs: itself, or each of `sequence(a, b)`. */
  functions: readonly FunctionNode[];
  scopeOf: (node: TSESTree.Node) => Scope;
}

/** The `handle` of the app's `src/hooks.server.*`, if the app has one this can read. */
function sveltekitHandle(root: string): HandleHook | null {
  for (const extension of ['ts', 'js', 'mts', 'mjs']) {
    const file = `${root}src/hooks.server.${extension}`;
    if (!sveltekitHooks.file.test(`src/hooks.server.${extension}`)) continue;
    if (projectRoot(file) === null) continue;
    const definition = exportedDefinition(file, sveltekitHooks.export);
    if (!definition) continue;
    const value = unwrap(definition.node);
    const scope = definition.scopeOf(value);
    const functions: FunctionNode[] = [];
    const direct = isFunction(value) ? value : resolveFunction(value, scope);
    if (direct) functions.push(direct);
    else if (value.type === AST_NODE_TYPES.CallExpression && isSequence(value, definition.scopeOf)) {
      // `sequence(authentication, authorization)`: each runs in turn.
      for (const argument of value.arguments) {
        const fn = argument.type === AST_NODE_TYPES.SpreadElement ? null : isFunction(unwrap(argument)) ? (unwrap(argument) as FunctionNode) : resolveFunction(argument, definition.scopeOf(argument));
        if (fn) functions.push(fn);
      }
    }
    return { file, functions, scopeOf: definition.scopeOf };
  }
  return null;
}

function isSequence(call: TSESTree.CallExpression, scopeOf: (node: TSESTree.Node) => Scope): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const source = importSource(scopeOf(callee), callee.name);
  return source?.module === sveltekitHooks.sequence.module && source.imported === sveltekitHooks.sequence.name;
}

/**
 * The hook's functions as guards of a route: each one whose rejecting answers (a thrown or returned
 * `redirect`/`error`, a returned `Response`) can run for the route's path, judged by its body where
 * it is written. A hook that rejects only under `event.url.pathname.startsWith('/admin')` guards
 * nothing else. A role check that applies to the path is recorded (`roleChecked`).
 */
function hookGuards(hook: HandleHook, routePath: string, reportNode: TSESTree.Node): RouteGuard[] {
  const guards: RouteGuard[] = [];
  for (const fn of hook.functions) {
    const rejections = rejectingStatements(fn);
    const reached = rejections.filter((statement) => reachedForPath(statement, fn, routePath));
    if (rejections.length > 0 && reached.length === 0) continue;
    const guard: RouteGuard = {
      kind: 'hook',
      name: `handle (${path.basename(hook.file)})`,
      node: reportNode,
      fn: null,
      level: 'global',
      declaredIn: { node: fn, scopeOf: hook.scopeOf, file: hook.file },
    };
    // `if (event.url.pathname.startsWith('/admin') && !event.locals.user) throw redirect(…)`: the auth
    // judge reads a body without a path, so what the test decides for this path is left unknown.
    if (reached.some((statement) => underPathTest(statement, fn))) {
      guard.verdict = 'unknown';
      guard.unknownBecause = `${guard.name ?? 'handle'} turns requests away under a test of the path, which this rule does not judge per path`;
    }
    if (roleChecks(fn, hook.scopeOf).some((check) => checkAppliesToPath(check, fn, routePath))) guard.roleChecked = true;
    guards.push(guard);
  }
  return guards;
}

/** Whether an `if` (or `&&`, `?:`) around `statement` in `fn` tests the request path (`event.url.pathname`, `event.route.id`). */
function underPathTest(statement: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current = statement.parent; current && current !== fn; current = current.parent) {
    const test =
      current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression
        ? current.test
        : current.type === AST_NODE_TYPES.LogicalExpression
          ? current.left
          : null;
    if (test && readsPath(test)) return true;
  }
  return false;
}

function readsPath(test: TSESTree.Node): boolean {
  let found = false;
  walk(test, (node) => {
    if (found || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && ['pathname', 'id'].includes(propertyName(node.property) ?? '')) {
      const name = dottedName(node);
      if (name !== null && (name.endsWith('.pathname') || name.endsWith('.route.id'))) found = true;
    }
    return undefined;
  });
  return found;
}

const rejectionCache = new WeakMap<FunctionNode, readonly TSESTree.Node[]>();

/** The `throw` statements of a hook's own body, and its `return`s of something other than `resolve(event)`. */
function rejectingStatements(fn: FunctionNode): readonly TSESTree.Node[] {
  // Asked once per route of every route file: read once per hook version.
  const cached = rejectionCache.get(fn);
  if (cached) return cached;
  const found: TSESTree.Node[] = [];
  rejectionCache.set(fn, found);
  walk(fn.body, (node) => {
    if (isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ThrowStatement) found.push(node);
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !returnsResolve(node.argument)) found.push(node);
    return undefined;
  });
  return found;
}

/** `resolve(event)`, `await resolve(event, options)`: the request goes on to its route. */
function returnsResolve(node: TSESTree.Node): boolean {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(target.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'resolve';
}
