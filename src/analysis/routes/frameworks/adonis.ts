import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { adonisProject } from '../../../models/frameworks/adonis.js';
import { isFunction, propertyName, staticString, unwrap, type FunctionNode, scopeOf } from '../../../utils/ast.js';
import { parseProjectFile, type ProjectModule } from '../../project/parse.js';
import { projectDependencies, projectRoot } from '../project-files.js';
import type { FrameworkExtractor, Route, RouteGuard, RouteHandler } from '../types.js';
import { claim, joinAll } from './shared-ast.js';

/*
 * AdonisJS v5 / v6 (see `models/frameworks/adonis.ts`): in a project that depends on
 * `@adonisjs/core`, the methods of a controller class that take the HTTP context are handlers (the
 * `adonis` request style); the routes of `start/routes.ts` that name one of them are its routes,
 * with the prefixes and middleware of their groups. The `auth` named middleware authenticates
 * when the project depends on `@adonisjs/auth`; any other named middleware is judged by its name
 * (its definition is not followed). Only for files on disk.
 */

const SOURCE_FILE = /\.(?:ts|js|mts|mjs)$/u;

export const adonisExtractor: FrameworkExtractor = {
  framework: 'adonis',
  extract(context) {
    const app = adonisController(context.filename);
    if (app === null) return {};
    const routes: Route[] = [];
    const handlers: RouteHandler[] = [];
    const table = routeTable(app.root);
    const authenticates = adonisProject.authPackages.some((name) => app.dependencies.has(name));
    for (const statement of context.program.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportDefaultDeclaration || statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration) continue;
      for (const member of declaration.body.body) {
        if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method' || member.static) continue;
        const method = propertyName(member.key);
        const fn = member.value;
        if (method === null || fn.type !== AST_NODE_TYPES.FunctionExpression || !takesContext(fn) || context.claimed.has(fn)) continue;
        claim(context, fn);
        const handler: RouteHandler = { node: fn, fn, style: 'adonis' };
        handlers.push(handler);
        for (const entry of table) {
          if (entry.method !== method || !sameController(entry.controller, app.controller)) continue;
          routes.push({
            framework: 'adonis',
            methods: [...entry.methods],
            path: entry.path,
            reportNode: member.key,
            handler,
            guards: entry.middleware.map((name) => guardOf(name, authenticates, member.key)),
            insertBefore: null,
            owner: null,
          });
        }
      }
    }
    return { routes, handlers };
  },
};

/**
 * A named middleware of a route: `auth` of `@adonisjs/auth` authenticates. Any other is a plain
 * guard whose definition is not followed: the judge decides by its name, as for any guard out of
 * view (a name the team lists in settings authenticates, one the vocabulary knows, `admin`, is
 * unknown, and the others, `throttle`, turn nobody away by what is known of them).
 */
function guardOf(name: string, authenticates: boolean, node: TSESTree.Node): RouteGuard {
  if (name === adonisProject.authMiddleware && authenticates) return { kind: 'middleware', name, node, fn: null, level: 'route', verdict: 'authenticated' };
  return { kind: 'middleware', name, node, fn: null, level: 'route', unfollowed: `the named middleware \`${name}\` is not followed to its definition` };
}

interface AdonisController {
  root: string;
  dependencies: ReadonlySet<string>;
  /** The file's path under its controllers directory, without extension (`Admin/UsersController`, `users_controller`). */
  controller: string;
}

function adonisController(filename: string): AdonisController | null {
  const dependencies = projectDependencies(filename);
  if (!dependencies || !adonisProject.packages.some((name) => dependencies.has(name))) return null;
  const root = projectRoot(filename);
  if (root === null) return null;
  const relative = path.relative(root, path.resolve(filename)).split(path.sep).join('/');
  if (!SOURCE_FILE.test(relative) || /\.d\.[cm]?ts$/u.test(relative)) return null;
  for (const directory of adonisProject.controllerDirectories) {
    if (relative.startsWith(`${directory}/`)) return { root, dependencies, controller: relative.slice(directory.length + 1).replace(SOURCE_FILE, '') };
  }
  return null;
}

/** A method whose first parameter is the HTTP context: typed as one, or destructuring its members. */
function takesContext(fn: FunctionNode): boolean {
  const first = fn.params[0];
  if (!first) return false;
  const param = first.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
  const annotation = 'typeAnnotation' in param ? param.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type === AST_NODE_TYPES.TSTypeReference) {
    const typeName = annotation.typeName;
    const name = typeName.type === AST_NODE_TYPES.Identifier ? typeName.name : typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : null;
    if (name !== null && (adonisProject.contextTypes as readonly string[]).includes(name)) return true;
  }
  if (param.type !== AST_NODE_TYPES.ObjectPattern) return false;
  return param.properties.some((property) => property.type === AST_NODE_TYPES.Property && (adonisProject.contextKeys as readonly string[]).includes(propertyName(property.key) ?? ''));
}

/** A route's controller, as written (`Admin/UsersController`, the import `#controllers/users_controller`), against a file's. */
function sameController(written: string, file: string): boolean {
  const name = written.replace(/^.*[#@]controllers\//u, '').replace(/^App\/Controllers\/Http\//u, '').replace(SOURCE_FILE, '');
  return name.toLowerCase() === file.toLowerCase() || (!name.includes('/') && path.posix.basename(file).toLowerCase() === name.toLowerCase());
}

interface RouteEntry {
  methods: readonly string[];
  path: string;
  controller: string;
  method: string;
  middleware: readonly string[];
}

const tables = new WeakMap<TSESTree.Program, RouteEntry[]>();

function routeTable(root: string): readonly RouteEntry[] {
  let module: ProjectModule | null = null;
  for (const file of adonisProject.routesFiles) {
    module = parseProjectFile(path.join(root, file));
    if (module) break;
  }
  if (!module) return [];
  const cached = tables.get(module.program);
  if (cached) return cached;
  const entries: RouteEntry[] = [];
  const reader = new RoutesReader(module, entries);
  for (const statement of module.program.body) reader.statement(statement, '', []);
  tables.set(module.program, entries);
  return entries;
}

/** Reads `start/routes.ts`: route calls, their chained middleware, and groups around them. */
class RoutesReader {
  constructor(private readonly module: ProjectModule, private readonly entries: RouteEntry[]) {}

  statement(statement: TSESTree.Node, prefix: string, middleware: readonly string[]): void {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return;
    this.expression(unwrap(statement.expression), prefix, middleware, 0);
  }

  /** A chain `X.get(…).middleware(…)`, `X.group(() => {…}).prefix(…).use(…)`: its calls from the outside in. */
  private expression(node: TSESTree.Node, prefix: string, middleware: readonly string[], depth: number): void {
    if (depth > 8) return;
    const chain: TSESTree.CallExpression[] = [];
    let current: TSESTree.Node = node;
    while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && chain.length < 16) {
      chain.unshift(current);
      current = unwrap(current.callee.object);
    }
    const [base, ...modifiers] = chain;
    if (!base || current.type !== AST_NODE_TYPES.Identifier || !this.isRouter(current)) return;
    const name = base.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(base.callee.property) : null;
    let ownPrefix = prefix;
    const own = [...middleware];
    for (const modifier of modifiers) {
      const method = modifier.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(modifier.callee.property) : null;
      const [argument] = modifier.arguments;
      if (!argument) continue;
      if (method === 'prefix' && name === 'group') ownPrefix = joinAll(prefix, this.text(argument)) ?? prefix;
      if (method === 'middleware' || method === 'use') own.push(...this.middlewareNames(argument));
    }
    if (name === 'group') {
      const callback = base.arguments.find((argument) => isFunction(argument));
      if (callback && isFunction(callback) && callback.body.type === AST_NODE_TYPES.BlockStatement) {
        for (const inner of callback.body.body) if (inner.type === AST_NODE_TYPES.ExpressionStatement) this.expression(unwrap(inner.expression), ownPrefix, own, depth + 1);
      }
      return;
    }
    const methods = name !== null && Object.hasOwn(adonisProject.methods, name) ? adonisProject.methods[name] : undefined;
    const [pathArgument, target] = base.arguments;
    const routePath = pathArgument ? this.text(pathArgument) : null;
    if (!methods || routePath === null || !target) return;
    const handler = this.handlerOf(target);
    if (!handler) return;
    this.entries.push({ methods, path: joinAll(prefix, routePath) ?? routePath, ...handler, middleware: own });
  }

  /** The router: an identifier imported from the router module (v5 `Route`, v6 `router`). */
  private isRouter(node: TSESTree.Identifier): boolean {
    const scope = scopeOf(this.module.sourceCode, node);
    for (let current: typeof scope | null = scope; current; current = current.upper) {
      const variable = current.set.get(node.name);
      const definition = variable?.defs[0];
      if (definition?.type === 'ImportBinding' && definition.parent.type === AST_NODE_TYPES.ImportDeclaration) {
        return (adonisProject.routerModules as readonly string[]).includes(String(definition.parent.source.value));
      }
      if (variable) return false;
    }
    return false;
  }

  /** `'UsersController.show'`, `[UsersController, 'show']` (imported, or `() => import('…')`). */
  private handlerOf(target: TSESTree.Node): { controller: string; method: string } | null {
    const value = unwrap(target);
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      const [controller, method] = value.elements;
      const methodName = method && method.type !== AST_NODE_TYPES.SpreadElement ? this.text(method) : null;
      const module = controller?.type === AST_NODE_TYPES.Identifier ? this.controllerModule(controller) : null;
      return module !== null ? { controller: module, method: methodName ?? 'handle' } : null;
    }
    const written = this.text(value);
    const dotted = written === null ? null : /^([\w/]+)\.(\w+)$/u.exec(written);
    return dotted?.[1] && dotted[2] ? { controller: dotted[1], method: dotted[2] } : null;
  }

  /** The module a controller identifier comes from: its import, or the `import()` of a lazy loader. */
  private controllerModule(node: TSESTree.Identifier): string | null {
    const scope = scopeOf(this.module.sourceCode, node);
    for (let current: typeof scope | null = scope; current; current = current.upper) {
      const variable = current.set.get(node.name);
      const definition = variable?.defs[0];
      if (!definition) continue;
      if (definition.type === 'ImportBinding' && definition.parent.type === AST_NODE_TYPES.ImportDeclaration) return String(definition.parent.source.value);
      if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
        const init = unwrap(definition.node.init);
        const body = isFunction(init) && init.body.type !== AST_NODE_TYPES.BlockStatement ? unwrap(init.body) : null;
        if (body?.type === AST_NODE_TYPES.ImportExpression) return this.text(body.source);
      }
      return null;
    }
    return null;
  }

  /** `'auth'`, `['auth', 'admin']`, `middleware.auth()`, `[middleware.auth(), middleware.admin()]`. */
  private middlewareNames(node: TSESTree.Node): string[] {
    const value = unwrap(node);
    const items = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
    const names: string[] = [];
    for (const item of items) {
      if (!item || item.type === AST_NODE_TYPES.SpreadElement) continue;
      const element = unwrap(item);
      const text = this.text(element);
      // `auth:api` names the guard after the colon (v5).
      if (text !== null) names.push(text.split(':')[0] ?? text);
      else if (element.type === AST_NODE_TYPES.CallExpression && element.callee.type === AST_NODE_TYPES.MemberExpression) names.push(propertyName(element.callee.property) ?? 'middleware');
      else names.push('middleware');
    }
    return names;
  }

  private text(node: TSESTree.Node): string | null {
    return staticString(node, scopeOf(this.module.sourceCode, node));
  }
}
