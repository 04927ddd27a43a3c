import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { strapiAuthentication, strapiContentApiChecksRole, strapiCoreRoutes, strapiPolicies, strapiProject } from '../../../models/frameworks/strapi.js';
import { findVariable, isFunction, propertyName, staticString, unwrap, walk, type FunctionNode, type Scope, scopeOf, scopeLookup } from '../../../utils/ast.js';
import { parseProjectFile, type ProjectModule } from '../../project/parse.js';
import { markAnsweringGuard } from '../auth.js';
import { exportedFunctionOf, resolveHandler } from '../handlers.js';
import { projectDependencies, projectRoot } from '../project-files.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard, RouteHandler } from '../types.js';
import { claim, exportedValues } from './shared-ast.js';

/*
 * Strapi v4 / v5 (see `models/frameworks/strapi.ts`): a controller file of a Strapi app or plugin
 * (`<base>/controllers/<name>.js`) exports its actions; its routes are the route objects of the
 * route files of `<base>/routes/` (and of the app's other APIs, by a qualified handler) whose
 * `handler` names one of them, and the core routes of a `createCoreRouter` of its content type.
 * Every route is authenticated by Strapi unless `config.auth` is `false`; its policies are judged
 * by the body of their file (`policies/<name>.js`) or by what Strapi's own do (`strapiPolicies`).
 * A core route whose action the controller does not override is reported from the route file,
 * without a handler. Only for files on disk of a project that depends on Strapi.
 */

const SOURCE_FILE = /\.(?:js|ts|cjs|mjs)$/u;
const DECLARATION_FILE = /\.d\.[cm]?ts$/u;
/** Route files read per base directory, and how deep below `routes/`. */
const MAX_ROUTE_FILES = 64;
const MAX_ROUTE_DEPTH = 3;
/** APIs of an app read for handlers qualified by another API's name (`api::x.ctrl.action`). */
const MAX_APIS = 64;

export const strapiExtractor: FrameworkExtractor = {
  framework: 'strapi',
  extract(context) {
    const place = strapiPlace(context.filename);
    if (place === null) return {};
    if (place.kind === 'routes') return { routes: uncoveredCoreRoutes(place, context) };
    const actions = controllerActions(context);
    if (actions.length === 0) return {};
    const names = controllerNames(place);
    const routes: Route[] = [];
    const handlers: RouteHandler[] = [];
    const entries = routeEntriesFor(place);
    for (const action of actions) {
      if (context.claimed.has(action.fn)) continue;
      claim(context, action.fn);
      handlers.push(action.handler);
      for (const entry of entries) {
        if (entry.action !== action.name || !names.includes(entry.controller)) continue;
        routes.push({
          framework: 'strapi',
          methods: [entry.method],
          path: entry.path,
          reportNode: action.report,
          handler: action.handler,
          guards: guardsOf(entry, action.report),
          insertBefore: null,
          owner: null,
        });
      }
    }
    return { routes, handlers };
  },
};

interface StrapiPlace {
  kind: 'controller' | 'routes';
  root: string;
  /** The directory holding `routes/` and `controllers/` (an API of the app, a plugin's server). */
  base: string;
  /** The file's name under `controllers/` (or `routes/`), without extension. */
  name: string;
  file: string;
}

/** Where a file of a Strapi project lies: a controller or a route file of a base directory. */
function strapiPlace(filename: string): StrapiPlace | null {
  if (!SOURCE_FILE.test(filename) || DECLARATION_FILE.test(filename)) return null;
  const dependencies = projectDependencies(filename);
  if (!strapiProject.packages.some((name) => dependencies?.has(name) === true)) return null;
  const root = projectRoot(filename);
  if (root === null) return null;
  const file = path.resolve(filename);
  const segments = path.relative(root, file).split(path.sep);
  for (let index = segments.length - 2; index >= 0; index--) {
    const segment = segments[index];
    const kind = segment === strapiProject.controllersDirectory ? 'controller' : segment === strapiProject.routesDirectory ? 'routes' : null;
    if (kind === null) continue;
    // A controller is a file of `controllers/` itself; route files may sit in folders of `routes/`.
    if (kind === 'controller' && index !== segments.length - 2) return null;
    return { kind, root, base: path.join(root, ...segments.slice(0, index)), name: segments.at(-1)!.replace(SOURCE_FILE, ''), file };
  }
  return null;
}

interface StrapiAction {
  name: string;
  fn: FunctionNode;
  handler: RouteHandler;
  report: TSESTree.Node;
}

/** The actions a controller file exports: the function-valued properties of the object it builds. */
function controllerActions(context: ExtractContext): StrapiAction[] {
  const actions: StrapiAction[] = [];
  const seen = new Set<TSESTree.ObjectExpression>();
  for (const value of exportedValues(context.program)) {
    const object = actionsObject(value, context.scopeOf(value), 0);
    if (!object || seen.has(object)) continue;
    seen.add(object);
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const name = propertyName(property.key);
      const fn = name === null ? null : resolveHandler(property.value, context.scopeOf(property.value));
      if (name === null || !fn) continue;
      actions.push({ name, fn, handler: { node: property.value, fn, style: 'koa' }, report: property.key });
    }
  }
  return actions;
}

/**
 * The object of actions an exported value is: an object literal, a function (of `{ strapi }`)
 * returning one, `createCoreController(uid, builder)`'s builder, or a variable holding one of those.
 */
function actionsObject(node: TSESTree.Node, scope: Scope, depth: number): TSESTree.ObjectExpression | null {
  if (depth > 4) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target.parent.type === AST_NODE_TYPES.Property ? null : target;
  if (isFunction(target)) {
    if (target.body.type !== AST_NODE_TYPES.BlockStatement) return actionsObject(target.body, scope, depth + 1);
    const returns = target.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
    return returns.length === 1 && returns[0]?.argument ? actionsObject(returns[0].argument, scope, depth + 1) : null;
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
    const builder = target.arguments[1];
    return name === strapiProject.coreController && builder && builder.type !== AST_NODE_TYPES.SpreadElement ? actionsObject(builder, scope, depth + 1) : null;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scope, target.name);
    const definition = variable?.defs[0];
    if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) return actionsObject(definition.node.init, scope, depth + 1);
    if (definition?.type === 'FunctionName' && isFunction(definition.node)) return actionsObject(definition.node, scope, depth + 1);
  }
  return null;
}

/**
 * The names routes give a controller file: its file name, and the keys under which the base's
 * `controllers/index` map holds its module (`'admin-upload': adminUpload` of `require('./admin-upload.js')`).
 */
function controllerNames(place: StrapiPlace): string[] {
  const names = [place.name];
  for (const extension of ['.js', '.ts', '.cjs', '.mjs']) {
    const module = parseProjectFile(path.join(place.base, strapiProject.controllersDirectory, `index${extension}`));
    if (!module) continue;
    walk(module.program, (node) => {
      if (node.type !== AST_NODE_TYPES.Property || node.computed) return;
      const key = propertyName(node.key);
      const value = unwrap(node.value);
      const local = value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.Identifier ? value.object.name : null;
      if (key === null || local === null) return;
      const specifier = moduleOf(local, module);
      if (specifier !== null && path.posix.basename(specifier).replace(SOURCE_FILE, '') === place.name && !names.includes(key)) names.push(key);
    });
    break;
  }
  return names;
}

/**
 * The key under which a directory's `index` map holds a module of it (`'content-api': contentApi.routes`
 * of `require('./content-api.js')`), or null.
 */
function indexKeyOf(file: string, directory: string): string | null {
  // A file of a folder of `routes/` (`routes/content-api/user.js`) is held through its folder.
  const name = path.relative(directory, file).split(path.sep)[0]!.replace(SOURCE_FILE, '');
  for (const extension of ['.js', '.ts', '.cjs', '.mjs']) {
    const module = parseProjectFile(path.join(directory, `index${extension}`));
    if (!module) continue;
    let found: string | null = null;
    walk(module.program, (node) => {
      if (found !== null) return 'skip';
      if (node.type !== AST_NODE_TYPES.Property || node.computed) return undefined;
      const value = unwrap(node.value);
      const local = value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.Identifier ? value.object.name : null;
      const required = value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'require' ? value.arguments[0] : undefined;
      const specifier = required?.type === AST_NODE_TYPES.Literal && typeof required.value === 'string' ? required.value : local === null ? null : moduleOf(local, module);
      if (specifier !== null && path.posix.basename(specifier).replace(SOURCE_FILE, '') === name) found = propertyName(node.key);
      return undefined;
    });
    return found;
  }
  return null;
}

/** The specifier of the `require` or import a top-level name of a module is bound to. */
function moduleOf(name: string, module: ProjectModule): string | null {
  for (const statement of module.program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.specifiers.some((specifier) => specifier.local.name === name)) return String(statement.source.value);
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name || !declarator.init) continue;
      let init = unwrap(declarator.init);
      // `_interopDefault(require('./x'))` of a build.
      if (init.type === AST_NODE_TYPES.CallExpression && init.arguments[0]?.type === AST_NODE_TYPES.CallExpression) init = init.arguments[0];
      if (init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require') {
        const argument = init.arguments[0];
        return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : null;
      }
    }
  }
  return null;
}

/** A route object of a route file, or a core route of `createCoreRouter`. */
interface RouteEntry {
  method: string;
  path: string;
  /** The base whose controllers hold the action. */
  base: string;
  controller: string;
  action: string;
  /** `config.auth: false`. */
  optOut: boolean;
  admin: boolean;
  /** The policies and route middlewares, as written, with the module they are written in. */
  policies: readonly TSESTree.Node[];
  middlewares: readonly TSESTree.Node[];
  /** A policy or middleware list that is not a literal array. */
  unknownList: boolean;
  module: ProjectModule;
  /** The base of the route file (its policies are looked up there). */
  routeBase: string;
  /** The project root, and whether the route file is a plugin's (not an API's of an app). */
  root: string;
  plugin: boolean;
  /** A core route: the `createCoreRouter` call. */
  core?: TSESTree.CallExpression;
}

const entriesByProgram = new WeakMap<TSESTree.Program, RouteEntry[]>();

/** The routes whose handler may name an action of a controller of `place.base`. */
function routeEntriesFor(place: StrapiPlace): RouteEntry[] {
  const bases = [place.base];
  const apis = path.join(place.root, strapiProject.apisDirectory);
  // Any API of the app may route to this one's actions by `api::<api>.<ctrl>.<action>`.
  if (path.dirname(place.base) === apis) {
    for (const entry of listDirectory(apis).slice(0, MAX_APIS)) if (entry.isDirectory() && path.join(apis, entry.name) !== place.base) bases.push(path.join(apis, entry.name));
  }
  const entries: RouteEntry[] = [];
  for (const base of bases) {
    for (const file of routeFiles(base)) {
      const module = parseProjectFile(file);
      if (!module) continue;
      let found = entriesByProgram.get(module.program);
      if (!found) {
        found = readRouteFile(module, base, place.root);
        entriesByProgram.set(module.program, found);
      }
      for (const entry of found) if (entry.base === place.base) entries.push(entry);
    }
  }
  // A build ships each route file twice (`.js` and `.mjs`): one route each.
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.method} ${entry.path} ${entry.controller}.${entry.action}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function listDirectory(directory: string): Dirent[] {
  try {
    return readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    // A base without this directory has no routes there; any other failure is not hidden.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

/** The source files under `<base>/routes/`, a few levels deep. */
function routeFiles(base: string): string[] {
  const files: string[] = [];
  const visit = (directory: string, depth: number): void => {
    for (const entry of listDirectory(directory)) {
      if (files.length >= MAX_ROUTE_FILES) return;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory() && depth < MAX_ROUTE_DEPTH) visit(full, depth + 1);
      else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) files.push(full);
    }
  };
  visit(path.join(base, strapiProject.routesDirectory), 0);
  return files;
}

/** Every route object (`{ method, path, handler }`) and core router of a route file. */
function readRouteFile(module: ProjectModule, base: string, root: string): RouteEntry[] {
  const entries: RouteEntry[] = [];
  const text = (node: TSESTree.Node): string | null => staticString(node, scopeOf(module.sourceCode, node));
  const plugin = path.dirname(base) !== path.join(root, strapiProject.apisDirectory);
  const pluginName = plugin ? strapiPluginName(root) : null;
  const mappedType = plugin ? indexKeyOf(module.file, path.join(base, strapiProject.routesDirectory)) : null;
  walk(module.program, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      entries.push(...coreEntries(node, module, base, root));
      return;
    }
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return;
    const field = (name: string): TSESTree.Node | null => {
      for (const property of node.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === name) return property.value;
      return null;
    };
    const methodNode = field('method');
    const pathNode = field('path');
    const handlerNode = field('handler');
    if (!methodNode || !pathNode || !handlerNode) return;
    const method = text(methodNode)?.toUpperCase() ?? null;
    const written = text(pathNode);
    const handler = text(handlerNode);
    const target = handler === null ? null : handlerTarget(handler, base, root);
    if (method === null || written === null || target === null) return;
    const type = routeType(node) ?? (plugin ? mappedType : null);
    // A plugin's routes are admin routes unless typed `content-api`; an API's are content-API routes.
    const admin = plugin ? type !== 'content-api' : type === 'admin';
    const config = field('config');
    // A plugin route's `config.prefix` replaces the plugin's name in its URL (`prefix: ''`: `/api/auth/local`).
    const prefixNode = config ? configField(unwrap(config), 'prefix') : null;
    const prefix = prefixNode ? text(prefixNode) : null;
    entries.push({
      method,
      path: plugin && prefix !== null ? routePath(`${prefix}${written.startsWith('/') ? written : `/${written}`}`, false, admin, null) : routePath(written, plugin, admin, pluginName),
      ...target,
      admin,
      ...configOf(config ? unwrap(config) : null),
      module,
      routeBase: base,
      root,
      plugin,
    });
  });
  return entries;
}

/** The value of a property of a route's `config` object, or null. */
function configField(config: TSESTree.Node, name: string): TSESTree.Node | null {
  if (config.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of config.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === name) return property.value;
  return null;
}

/** The plugin's name its `package.json` gives (`"strapi": { "name": "upload" }`), or null. */
function strapiPluginName(root: string): string | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch (error) {
    // The manifest was read for the project's dependencies: a failure now is no plugin name.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return null;
    throw error;
  }
  const strapi = (manifest as { strapi?: { name?: unknown } }).strapi;
  return typeof strapi?.name === 'string' ? strapi.name : null;
}

/**
 * The URL of a route: an API's content-API routes are served under `/api`, a plugin's under
 * `/api/<plugin>`, a plugin's admin routes under `/<plugin>`.
 */
function routePath(written: string, plugin: boolean, admin: boolean, pluginName: string | null): string {
  const prefix = !plugin ? (admin ? '' : '/api') : pluginName === null ? '' : admin ? `/${pluginName}` : `/api/${pluginName}`;
  const joined = `${prefix}${written.startsWith('/') ? written : `/${written}`}`;
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/** The `type` of the routes an object lies in (`{ type: 'admin', routes: […] }`, a plugin map's `admin:` key). */
function routeType(node: TSESTree.Node): string | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of current.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyName(property.key) !== 'type') continue;
        const value = unwrap(property.value);
        if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
      }
    }
    if (current.type === AST_NODE_TYPES.Property && !current.computed) {
      const key = propertyName(current.key);
      if (key === 'admin' || key === 'content-api') return key;
    }
  }
  return null;
}

/** The controller and action a handler string names, with the base of that controller. */
function handlerTarget(handler: string, base: string, root: string): { base: string; controller: string; action: string } | null {
  const qualified = /^(api|plugin)::([\w-]+)\.([\w-]+)\.(\w+)$/u.exec(handler);
  if (qualified) {
    const [, namespace, owner, controller, action] = qualified as unknown as [string, string, string, string, string];
    // A plugin's handler names the plugin's own controllers; an API's, those of `src/api/<owner>`.
    return { base: namespace === 'api' ? path.join(root, strapiProject.apisDirectory, owner) : base, controller, action };
  }
  const local = /^([\w-]+)\.(\w+)$/u.exec(handler);
  return local ? { base, controller: local[1]!, action: local[2]! } : null;
}

/** The authentication switch, policies and middlewares of a route's `config`. */
function configOf(config: TSESTree.Node | null): Pick<RouteEntry, 'optOut' | 'policies' | 'middlewares' | 'unknownList'> {
  const result = { optOut: false, policies: [] as TSESTree.Node[], middlewares: [] as TSESTree.Node[], unknownList: false };
  if (config?.type !== AST_NODE_TYPES.ObjectExpression) {
    if (config) result.unknownList = true;
    return result;
  }
  for (const property of config.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) {
      result.unknownList = true;
      continue;
    }
    const key = propertyName(property.key);
    const value = unwrap(property.value);
    if (key === strapiAuthentication.authProperty) result.optOut = value.type === AST_NODE_TYPES.Literal && value.value === false;
    if (key === strapiAuthentication.policiesProperty || key === strapiAuthentication.middlewaresProperty) {
      const list = key === strapiAuthentication.policiesProperty ? result.policies : result.middlewares;
      if (value.type !== AST_NODE_TYPES.ArrayExpression) {
        result.unknownList = true;
        continue;
      }
      for (const element of value.elements) {
        if (element?.type === AST_NODE_TYPES.SpreadElement) result.unknownList = true;
        else if (element) list.push(element);
      }
    }
  }
  return result;
}

/**
 * The core routes of `createCoreRouter('api::book.book', { only, except, config })`: the CRUD
 * actions of the controller `book` of `src/api/book`, at the content type's plural name.
 */
function coreEntries(call: TSESTree.CallExpression, module: ProjectModule, base: string, root: string): RouteEntry[] {
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
  const [uidNode, optionsNode] = call.arguments;
  if (name !== strapiProject.coreRouter || !uidNode || uidNode.type === AST_NODE_TYPES.SpreadElement) return [];
  const uid = staticString(uidNode, scopeOf(module.sourceCode, uidNode));
  const parsed = uid === null ? null : /^api::([\w-]+)\.([\w-]+)$/u.exec(uid);
  if (!parsed) return [];
  const [, api, type] = parsed as unknown as [string, string, string];
  const options = optionsNode && optionsNode.type !== AST_NODE_TYPES.SpreadElement ? unwrap(optionsNode) : null;
  const option = (key: string): TSESTree.Node | null => {
    if (options?.type !== AST_NODE_TYPES.ObjectExpression) return null;
    for (const property of options.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === key) return unwrap(property.value);
    return null;
  };
  const names = (node: TSESTree.Node | null): Set<string> | null =>
    node?.type === AST_NODE_TYPES.ArrayExpression ? new Set(node.elements.flatMap((element) => (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value] : []))) : null;
  const only = names(option('only'));
  const except = names(option('except'));
  const prefixNode = option('prefix');
  const prefix = prefixNode ? staticString(prefixNode, scopeOf(module.sourceCode, prefixNode)) : null;
  const configs = option('config');
  const plural = pluralName(root, api, type);
  const entries: RouteEntry[] = [];
  for (const core of strapiCoreRoutes) {
    if ((only && !only.has(core.action)) || except?.has(core.action)) continue;
    let config: TSESTree.Node | null = null;
    if (configs?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of configs.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === core.action) config = unwrap(property.value);
    }
    entries.push({
      method: core.method,
      path: `/api${prefix ?? ''}${core.path(plural)}`,
      base: path.join(root, strapiProject.apisDirectory, api),
      controller: type,
      action: core.action,
      admin: false,
      ...configOf(config),
      module,
      routeBase: base,
      root,
      plugin: false,
      core: call,
    });
  }
  return entries;
}

/** The plural name of a content type (its schema's `info.pluralName`), else its name with an `s`. */
function pluralName(root: string, api: string, type: string): string {
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(path.join(root, strapiProject.contentTypeSchema(api, type)), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return `${type}s`;
    throw error;
  }
  const plural = (schema as { info?: { pluralName?: unknown } }).info?.pluralName;
  return typeof plural === 'string' ? plural : `${type}s`;
}

/**
 * The core routes a route file declares whose action its controller does not define: Strapi's own
 * CRUD runs them. They are routes without a handler, reported at the `createCoreRouter` call.
 */
function uncoveredCoreRoutes(place: StrapiPlace, context: ExtractContext): Route[] {
  const module = parseProjectFile(place.file);
  if (!module) return [];
  const routes: Route[] = [];
  for (const entry of readRouteFile(module, place.base, place.root)) {
    if (!entry.core) continue;
    if (controllerDefines(entry)) continue;
    // The call as this lint's parse holds it (reports point into the linted file).
    const reportNode = nodeAt(context.program, entry.core.range) ?? context.program;
    routes.push({ framework: 'strapi', methods: [entry.method], path: entry.path, reportNode, handler: null, guards: guardsOf(entry, reportNode), insertBefore: null, owner: null });
  }
  return routes;
}

/** Whether the controller a core route names defines its action itself. */
function controllerDefines(entry: RouteEntry): boolean {
  for (const extension of ['.js', '.ts', '.cjs', '.mjs']) {
    const module = parseProjectFile(path.join(entry.base, strapiProject.controllersDirectory, `${entry.controller}${extension}`));
    if (!module) continue;
    for (const value of exportedValues(module.program)) {
      const object = actionsObject(value, scopeOf(module.sourceCode, value), 0);
      if (object?.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key) === entry.action)) return true;
    }
    return false;
  }
  return false;
}

/** The call expression of `program` with this range. */
function nodeAt(program: TSESTree.Program, range: TSESTree.Range): TSESTree.Node | null {
  let found: TSESTree.Node | null = null;
  walk(program, (node) => {
    if (found) return 'skip';
    if (node.range[1] < range[0] || node.range[0] > range[1]) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && node.range[0] === range[0] && node.range[1] === range[1]) found = node;
    return undefined;
  });
  return found;
}

/**
 * The guards of a route: Strapi's authentication unless `config.auth` is `false` (then the opt-out,
 * unless one of Strapi's own authenticating policies stands in for it), then each policy and route
 * middleware, judged by its definition.
 */
function guardsOf(entry: RouteEntry, report: TSESTree.Node): RouteGuard[] {
  const guards: RouteGuard[] = [];
  const policyNames = entry.policies.map((policy) => policyName(policy, entry.module));
  const byStrapi = policyNames.find((name) => name !== null && Object.hasOwn(strapiPolicies, name));
  if (!entry.optOut) {
    // The content API's authentication grants each action by the caller's role (see `strapiContentApiChecksRole`).
    const checksRole = !entry.admin && strapiContentApiChecksRole;
    guards.push({ kind: 'middleware', name: entry.admin ? strapiAuthentication.admin : strapiAuthentication.contentApi, node: report, fn: null, level: 'route', verdict: 'authenticated', ...(checksRole ? { roleChecked: true } : {}) });
  }
  for (const name of policyNames) {
    if (name === null || !Object.hasOwn(strapiPolicies, name)) continue;
    guards.push({ kind: 'middleware', name, node: report, fn: null, level: 'route', verdict: 'authenticated', ...(strapiPolicies[name] === 'checks-role' ? { roleChecked: true } : {}) });
  }
  const own = policyGuards(entry, policyNames, report);
  // An opt-out whose policies or middlewares are all in view is public unless one of them checks the
  // caller; one out of view may authenticate, so the route is unjudged rather than public.
  if (entry.optOut && (byStrapi === undefined || byStrapi === null) && !own.some((guard) => guard.verdict === 'unknown')) {
    guards.push({ kind: 'config', name: strapiAuthentication.optOut, node: report, fn: null, level: 'route', verdict: 'public' });
  }
  return [...guards, ...own];
}

/** The guards of a route's policies and route middlewares, each judged by its definition. */
function policyGuards(entry: RouteEntry, policyNames: readonly (string | null)[], report: TSESTree.Node): RouteGuard[] {
  const guards: RouteGuard[] = [];
  const scopeOf = (node: TSESTree.Node): Scope => scopeLookup(entry.module.sourceCode)(node);
  entry.policies.forEach((policy, index) => {
    const name = policyNames[index] ?? null;
    if (name !== null && Object.hasOwn(strapiPolicies, name)) return;
    const inline = resolveHandler(policy, scopeOf(policy));
    if (inline && name === null) {
      markAnsweringGuard(inline);
      guards.push({ kind: 'middleware', name: 'policy', node: report, fn: inline, level: 'route', declaredIn: { node: inline, scopeOf, file: entry.module.file } });
      return;
    }
    const found = name === null ? null : policyFunction(entry, name);
    if (found) {
      markAnsweringGuard(found.fn);
      guards.push({ kind: 'middleware', name, node: report, fn: found.fn, level: 'route', declaredIn: found.declaredIn });
    } else {
      const label = name ?? 'policy';
      guards.push({ kind: 'middleware', name: label, node: report, fn: null, level: 'route', verdict: 'unknown', unknownBecause: name === null ? 'a policy of the route is not a static name' : `the policy \`${name}\` has no file in view` });
    }
  });
  for (const middleware of entry.middlewares) {
    const inline = resolveHandler(middleware, scopeOf(middleware));
    if (inline) guards.push({ kind: 'middleware', name: 'middleware', node: report, fn: inline, level: 'route', declaredIn: { node: inline, scopeOf, file: entry.module.file } });
    else guards.push({ kind: 'middleware', name: policyName(middleware, entry.module) ?? 'middleware', node: report, fn: null, level: 'route', verdict: 'unknown', unknownBecause: 'a route middleware registered by name is not followed' });
  }
  if (entry.unknownList) guards.push({ kind: 'middleware', name: 'policy', node: report, fn: null, level: 'route', verdict: 'unknown', unknownBecause: 'its policies or middlewares are not a literal list' });
  return guards;
}

/** The name of a policy as written: `'is-owner'`, `{ name: 'admin::hasPermissions', config }`. */
function policyName(node: TSESTree.Node, module: ProjectModule): string | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of target.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === 'name') return staticString(property.value, scopeOf(module.sourceCode, property.value));
    }
    return null;
  }
  return staticString(target, scopeOf(module.sourceCode, target));
}

/**
 * The function of the policy a route names, from its file: `global::n` in `src/policies/`,
 * `api::<api>.n` in that API's `policies/`, `plugin::<p>.n` and a bare `n` in the route's own base
 * (a bare name also in `src/policies/`).
 */
function policyFunction(entry: RouteEntry, name: string): { fn: FunctionNode; declaredIn: NonNullable<RouteGuard['declaredIn']> } | null {
  const appRoot = entry.plugin ? null : entry.root;
  const candidates: string[] = [];
  const qualified = /^(global|api|plugin)::(?:([\w-]+)\.)?([\w-]+)$/u.exec(name);
  if (qualified) {
    const [, namespace, owner, policy] = qualified as unknown as [string, string, string | undefined, string];
    if (namespace === 'global' && appRoot !== null) candidates.push(path.join(appRoot, strapiProject.globalPolicies, policy));
    if (namespace === 'api' && owner !== undefined && appRoot !== null) candidates.push(path.join(appRoot, strapiProject.apisDirectory, owner, strapiProject.policiesDirectory, policy));
    if (namespace === 'plugin') candidates.push(path.join(entry.routeBase, strapiProject.policiesDirectory, policy));
  } else if (/^[\w-]+$/u.test(name)) {
    candidates.push(path.join(entry.routeBase, strapiProject.policiesDirectory, name));
    if (appRoot !== null) candidates.push(path.join(appRoot, strapiProject.globalPolicies, name));
  }
  for (const candidate of candidates) {
    const found = exportedFunctionOf(candidate);
    if (found) return found;
  }
  return null;
}
