import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { sailsActionContext, sailsClosedPolicy, sailsOpenPolicy, sailsProject } from '../../../models/frameworks/sails.js';
import { isFunction, propertyName, staticString, unwrap, type FunctionNode, scopeOf } from '../../../utils/ast.js';
import { parseProjectFile, type ProjectModule } from '../../project/parse.js';
import { exportedFunctionOf, resolveHandler } from '../handlers.js';
import { projectDependencies, projectRoot } from '../project-files.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard, RouteHandler } from '../types.js';
import { claim, exportedValues } from './shared-ast.js';

/*
 * Sails.js v1 (see `models/frameworks/sails.ts`): a controller file of a Sails project is one
 * actions2 action or a classic controller; its routes are the entries of `config/routes.js` that
 * name its action ids, their guards the policies `config/policies.js` maps to those ids, each
 * judged by the body of its file in `api/policies/`. An action no route names is still a handler
 * (its flows are reported), without a route. Only for files on disk of a project that depends on
 * `sails`: the conventions are read from the project.
 */

const SOURCE_FILE = /\.(?:js|ts|cjs|mjs)$/u;

export const sailsExtractor: FrameworkExtractor = {
  framework: 'sails',
  extract(context) {
    const app = sailsController(context.filename);
    if (app === null) return {};
    const exported = exportedObject(context.program);
    if (!exported) return {};
    const found = actionsOf(exported, app.controller, context);
    const routes: Route[] = [];
    const handlers: RouteHandler[] = [];
    const table = routeTable(app.root);
    const policies = policyTable(app.root);
    for (const action of found) {
      if (context.claimed.has(action.fn)) continue;
      claim(context, action.fn);
      handlers.push(action.handler);
      for (const entry of table) {
        if (entry.action !== action.id) continue;
        routes.push({
          framework: 'sails',
          methods: entry.methods,
          path: entry.path,
          reportNode: action.report,
          handler: action.handler,
          guards: guardsOf(action.id, policies, app.root, action.report),
          insertBefore: null,
          owner: null,
        });
      }
    }
    return { routes, handlers };
  },
};

interface SailsController {
  root: string;
  /** The file's path under the controllers directory, without extension (`reservations/view`). */
  controller: string;
}

/** The controller a file is, when it lies under `api/controllers` of a project that depends on Sails. */
function sailsController(filename: string): SailsController | null {
  const dependencies = projectDependencies(filename);
  if (!sailsProject.packages.some((name) => dependencies?.has(name) === true)) return null;
  const root = projectRoot(filename);
  if (root === null) return null;
  const relative = path.relative(root, path.resolve(filename)).split(path.sep).join('/');
  const prefix = `${sailsProject.controllersDirectory}/`;
  if (!relative.startsWith(prefix) || !SOURCE_FILE.test(relative) || /\.d\.[cm]?ts$/u.test(relative)) return null;
  return { root, controller: relative.slice(prefix.length).replace(SOURCE_FILE, '') };
}

/** The object literal of `module.exports = { … }` (or `export default { … }`). */
function exportedObject(program: TSESTree.Program): TSESTree.ObjectExpression | null {
  for (const value of exportedValues(program)) {
    const target = unwrap(value);
    if (target.type === AST_NODE_TYPES.ObjectExpression && target.parent.type !== AST_NODE_TYPES.Property) return target;
  }
  return null;
}

interface SailsAction {
  /** The action id, lower case (`reservations/view-reservation`, `user/find`). */
  id: string;
  fn: FunctionNode;
  handler: RouteHandler;
  report: TSESTree.Node;
}

/**
 * The actions of a controller file: an actions2 definition (`fn` beside `inputs`, `exits`,
 * `friendlyName` or `description`) is one action named by the file; any other exported object is
 * a classic controller, each function-valued property an action `<controller>/<key>`.
 */
function actionsOf(exported: TSESTree.ObjectExpression, controller: string, context: ExtractContext): SailsAction[] {
  const properties = exported.properties.filter((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed);
  const fnProperty = properties.find((property) => propertyName(property.key) === sailsProject.actionFunction);
  const machine = fnProperty !== undefined && properties.some((property) => (sailsProject.actionKeys as readonly string[]).includes(propertyName(property.key) ?? ''));
  if (machine) {
    const fn = unwrap(fnProperty.value);
    if (!isFunction(fn)) return [];
    const inputs = properties.find((property) => propertyName(property.key) === 'inputs');
    const inputsObject = inputs ? unwrap(inputs.value) : null;
    const handler: RouteHandler = {
      node: fn,
      fn,
      style: 'sails-action',
      ...(inputsObject?.type === AST_NODE_TYPES.ObjectExpression ? { validation: { format: 'sails', schemas: { body: inputsObject } } } : {}),
    };
    return [{ id: controller.toLowerCase(), fn, handler, report: fnProperty.key }];
  }
  const base = path.posix.basename(controller);
  if (!base.endsWith(sailsProject.controllerSuffix)) return [];
  const directory = path.posix.dirname(controller);
  const name = base.slice(0, -sailsProject.controllerSuffix.length);
  const prefix = (directory === '.' ? name : `${directory}/${name}`).toLowerCase();
  const actions: SailsAction[] = [];
  for (const property of properties) {
    const key = propertyName(property.key);
    const fn = key === null ? null : resolveHandler(property.value, context.scopeOf(property.value));
    if (key === null || !fn) continue;
    actions.push({ id: `${prefix}/${key.toLowerCase()}`, fn, handler: { node: property.value, fn, style: 'express' }, report: property.key });
  }
  return actions;
}

interface RouteEntry {
  methods: string[];
  path: string;
  action: string;
}

/** The object a config file exports under `member` (`module.exports.routes = {…}`, `module.exports = { routes: {…} }`). */
function configObject(module: ProjectModule, member: string): TSESTree.ObjectExpression | null {
  for (const statement of module.program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = unwrap(statement.expression);
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const left = unwrap(expression.left);
    const right = unwrap(expression.right);
    if (left.type !== AST_NODE_TYPES.MemberExpression) continue;
    const name = propertyName(left.property);
    const object = unwrap(left.object);
    const exportsObject = (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') || (object.type === AST_NODE_TYPES.MemberExpression && propertyName(object.property) === 'exports');
    if (exportsObject && name === member && right.type === AST_NODE_TYPES.ObjectExpression) return right;
    if (name === 'exports' && right.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of right.properties) {
        if (property.type === AST_NODE_TYPES.Property && propertyName(property.key) === member && unwrap(property.value).type === AST_NODE_TYPES.ObjectExpression) {
          return unwrap(property.value) as TSESTree.ObjectExpression;
        }
      }
    }
  }
  return null;
}

function configModule(root: string, file: string): ProjectModule | null {
  return parseProjectFile(path.join(root, file));
}

const routeTables = new WeakMap<TSESTree.Program, RouteEntry[]>();

/** The explicit routes of `config/routes.js` that name an action, read once per parse of the file. */
function routeTable(root: string): readonly RouteEntry[] {
  const module = configModule(root, sailsProject.routesFile);
  if (!module) return [];
  const cached = routeTables.get(module.program);
  if (cached) return cached;
  const entries: RouteEntry[] = [];
  const table = configObject(module, sailsProject.routesMember);
  for (const property of table?.properties ?? []) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = property.computed ? null : propertyName(property.key);
    const address = key === null ? null : /^\s*(?:([a-z]+)\s+)?(\/\S*)\s*$/iu.exec(key);
    if (!address?.[2]) continue;
    const action = routeTarget(property.value, module);
    if (action === null) continue;
    const method = address[1]?.toUpperCase();
    entries.push({ methods: [method === undefined || method === 'ALL' ? 'ALL' : method], path: address[2], action });
  }
  routeTables.set(module.program, entries);
  return entries;
}

/** The action id a route target names: `'user/find'`, `'UserController.find'`, `{ action }`, `{ controller, action }`. */
function routeTarget(value: TSESTree.Node, module: ProjectModule): string | null {
  const target = unwrap(value);
  const text = (node: TSESTree.Node): string | null => staticString(node, scopeOf(module.sourceCode, node));
  if (target.type !== AST_NODE_TYPES.ObjectExpression) {
    const written = text(target);
    return written === null ? null : actionOfTarget(written);
  }
  let action: string | null = null;
  let controller: string | null = null;
  for (const property of target.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyName(property.key);
    if (key === sailsProject.targetAction) action = text(property.value);
    if (key === sailsProject.targetController) controller = text(property.value);
  }
  if (action === null) return null;
  if (controller === null) return actionOfTarget(action);
  return `${controllerId(controller)}/${action}`.toLowerCase();
}

/** `UserController.find` and `User.find` → `user/find`; `user/find` stays. */
function actionOfTarget(written: string): string | null {
  const dotted = /^([\w/-]+)\.(\w+)$/u.exec(written.trim());
  if (dotted?.[1] && dotted[2]) return `${controllerId(dotted[1])}/${dotted[2]}`.toLowerCase();
  return /^[\w/-]+$/u.test(written.trim()) ? written.trim().toLowerCase() : null;
}

function controllerId(written: string): string {
  return written.endsWith(sailsProject.controllerSuffix) ? written.slice(0, -sailsProject.controllerSuffix.length) : written;
}

/** A policy mapping: the action-id pattern (`*`, `admin/*`, `user/find`) and what it maps to. */
interface PolicyEntry {
  pattern: string;
  /** Policy names, in order; `true` (no policy) or `false` (refuse every request). */
  policies: readonly string[] | boolean;
  /** A value that is not static: what runs is not known. */
  unknown: boolean;
  node: TSESTree.Node;
}

const policyTables = new WeakMap<TSESTree.Program, PolicyEntry[]>();

/** The mappings of `config/policies.js`, controller-keyed ones (`UserController: { find: true }`) as action ids. */
function policyTable(root: string): readonly PolicyEntry[] | null {
  const module = configModule(root, sailsProject.policiesFile);
  if (!module) return null;
  const cached = policyTables.get(module.program);
  if (cached) return cached;
  const entries: PolicyEntry[] = [];
  const table = configObject(module, sailsProject.policiesMember);
  const read = (key: string, value: TSESTree.Node): void => {
    const target = unwrap(value);
    if (target.type === AST_NODE_TYPES.ObjectExpression && key.endsWith(sailsProject.controllerSuffix)) {
      const controller = controllerId(key).toLowerCase();
      for (const property of target.properties) {
        const action = property.type === AST_NODE_TYPES.Property && !property.computed ? propertyName(property.key) : null;
        if (property.type === AST_NODE_TYPES.Property && action !== null) read(`${controller}/${action.toLowerCase()}`, property.value);
      }
      return;
    }
    const pattern = key.toLowerCase();
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'boolean') {
      entries.push({ pattern, policies: target.value, unknown: false, node: target });
      return;
    }
    const elements = target.type === AST_NODE_TYPES.ArrayExpression ? target.elements : [target];
    const names: string[] = [];
    let unknown = false;
    for (const element of elements) {
      const name = element && element.type !== AST_NODE_TYPES.SpreadElement ? staticString(element, scopeOf(module.sourceCode, element)) : null;
      if (name === null) unknown = true;
      else names.push(name);
    }
    entries.push({ pattern, policies: names, unknown, node: target });
  };
  for (const property of table?.properties ?? []) {
    const key = property.type === AST_NODE_TYPES.Property && !property.computed ? propertyName(property.key) : null;
    if (property.type === AST_NODE_TYPES.Property && key !== null) read(key, property.value);
  }
  policyTables.set(module.program, entries);
  return entries;
}

/**
 * The mapping that applies to an action, as Sails picks it: the exact id, else the longest
 * wildcard (`admin/*` before `*`); a controller's `user/*` covers `user/find`.
 */
function policyFor(id: string, table: readonly PolicyEntry[]): PolicyEntry | null {
  let best: PolicyEntry | null = null;
  let bestLength = -1;
  for (const entry of table) {
    if (entry.pattern === id) return entry;
    if (!entry.pattern.endsWith('*')) continue;
    const prefix = entry.pattern.slice(0, -1);
    if (id.startsWith(prefix) && prefix.length > bestLength) {
      best = entry;
      bestLength = prefix.length;
    }
  }
  return best;
}

/**
 * The guards the policies of an action are: each policy file's exported function, judged from its
 * file; a policy whose file is not in `api/policies/` is unknown; `false` refuses every request.
 */
function guardsOf(id: string, table: readonly PolicyEntry[] | null, root: string, report: TSESTree.Node): RouteGuard[] {
  const entry = table ? policyFor(id, table) : null;
  if (!entry) return [];
  const level = entry.pattern === '*' ? 'global' : 'route';
  if (entry.policies === sailsOpenPolicy) return [];
  if (entry.policies === sailsClosedPolicy) return [{ kind: 'config', name: 'policy false', node: report, fn: null, level, verdict: 'authenticated' }];
  const guards: RouteGuard[] = [];
  for (const name of entry.policies as readonly string[]) {
    const policy = policyFunction(root, name);
    if (policy) {
      // `fn` with `declaredIn`: the role checks of its body are read with its file's scopes.
      guards.push({ kind: 'middleware', name, node: report, fn: policy.fn, level, declaredIn: policy.declaredIn });
    } else {
      guards.push({ kind: 'middleware', name, node: report, fn: null, level, verdict: 'unknown', unknownBecause: `the policy \`${name}\` has no file in ${sailsProject.policiesDirectory}/` });
    }
  }
  if (entry.unknown) guards.push({ kind: 'middleware', name: 'policy', node: report, fn: null, level, verdict: 'unknown', unknownBecause: 'a policy of its mapping is not a static name' });
  return guards;
}

/** The function `api/policies/<name>.js` exports, where the auth judge reads it. */
function policyFunction(root: string, name: string): { fn: FunctionNode; declaredIn: NonNullable<RouteGuard['declaredIn']> } | null {
  if (!/^[\w-]+$/u.test(name)) return null;
  return exportedFunctionOf(path.join(root, sailsProject.policiesDirectory, name));
}

/**
 * The action whose `this` a `this` expression is: the nearest function that is not an arrow
 * function, when it is the `fn` of an actions2 definition. `this.req` and `this.res` there are
 * the request and response (see `sailsActionContext`).
 */
export function sailsActionOfThis(node: TSESTree.ThisExpression, isAction: (fn: FunctionNode) => boolean): FunctionNode | null {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) return isAction(current) ? current : null;
    current = current.parent;
  }
  return null;
}

export { sailsActionContext };
