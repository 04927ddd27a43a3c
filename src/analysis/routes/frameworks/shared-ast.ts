import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, findVariable, type FunctionNode, importedModules, importSource, isFunction, loopedElements, nodesOfType, propertyName, requiredModule, resolveFunction, scopeLookup, singleDefinition, staticString, unwrap, walk, type Scope, scopeOf } from '../../../utils/ast.js';
import { crossFileTarget } from '../../project/calls.js';
import { projectIndexOf } from '../../project/index.js';
import { joinPaths } from '../paths.js';
import { importedDefinition } from '../../project/imported.js';
import { fileOfNode, type ProjectModule } from '../../project/parse.js';
import { declaredValidation, type InputLocation } from '../../../models/frameworks/request-inputs.js';
import type { ExtractContext, GuardKind, GuardLevel, RouteGuard, RouteValidation } from '../types.js';

/** `object.method(...args)` with a static method name. */
export interface MethodCall {
  call: TSESTree.CallExpression;
  /** The receiver, with TypeScript wrappers removed. */
  object: TSESTree.Node;
  method: string;
  /**
   * Where the method name starts. In a chain (`router.use(a).get(...)`) the calls share their
   * start, but the method names appear in evaluation order, so this orders registrations.
   */
  position: number;
}

/** Reads `object.method(...)` (also `object?.method(...)` and `object['method'](...)`). */
export function methodCall(node: TSESTree.Node): MethodCall | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (callee.computed && callee.property.type !== AST_NODE_TYPES.Literal) return null;
  const method = propertyName(callee.property);
  if (method === null) return null;
  return { call: node, object: unwrap(callee.object), method, position: callee.property.range[0] };
}

/**
 * Where a route registered by `call` is reported: the call, or in a chain
 * (`new Hono().use(mw).get('/x', h)`), whose calls all start at the chain head, the method name.
 */
export function reportNodeOf(call: MethodCall): TSESTree.Node {
  if (call.object.type !== AST_NODE_TYPES.CallExpression) return call.call;
  const callee = unwrap(call.call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : call.call;
}

/** The variable a receiver chain starts from: `app` in `app.basePath('/v1').get(...)`. */
export function receiverName(node: TSESTree.Node): string | null {
  let target = unwrap(node);
  for (let depth = 0; depth < 32; depth++) {
    if (target.type === AST_NODE_TYPES.CallExpression) target = unwrap(target.callee);
    else if (target.type === AST_NODE_TYPES.MemberExpression) target = unwrap(target.object);
    else break;
  }
  return target.type === AST_NODE_TYPES.Identifier ? target.name : null;
}

/** Every call of the file, in evaluation order of the called names. */
export function callsOf(program: TSESTree.Program): TSESTree.CallExpression[] {
  return [...nodesOfType(program, AST_NODE_TYPES.CallExpression)].sort((a, b) => callPosition(a) - callPosition(b));
}

/** Every `object.method(...)` call of the file, in evaluation order. */
export function methodCallsOf(program: TSESTree.Program): MethodCall[] {
  const calls: MethodCall[] = [];
  for (const call of callsOf(program)) {
    const parsed = methodCall(call);
    if (parsed) calls.push(parsed);
  }
  return calls;
}

function callPosition(call: TSESTree.CallExpression): number {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.property.range[0] : call.range[0];
}

/**
 * Whether the file imports any module accepted by `test`. Also counts top-level
 * `const app = require('fastify')()`, which `context.imports` does not list.
 */
export function importsAny(context: ExtractContext, test: (module: string) => boolean): boolean {
  for (const module of context.imports) if (test(module)) return true;
  for (const statement of context.program.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init && unwrap(declarator.init);
      if (init?.type !== AST_NODE_TYPES.CallExpression) continue;
      const module = requiredModule(init.callee);
      if (module !== null && test(module)) return true;
    }
  }
  return false;
}

/**
 * The module the root identifier of `node` comes from, and the member path below it:
 * `Hapi.server` → `{ module: '@hapi/hapi', path: ['server'] }`, `require('fastify')` → `{ module: 'fastify', path: [] }`.
 * The imported name of a named import is the first path element.
 */
export function moduleMember(node: TSESTree.Node, context: ExtractContext): { module: string; path: string[] } | null {
  const path: string[] = [];
  let target = unwrap(node);
  while (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = target.computed && target.property.type !== AST_NODE_TYPES.Literal ? null : propertyName(target.property);
    if (name === null) return null;
    path.unshift(name);
    target = unwrap(target.object);
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(context.scopeOf(target), target.name);
    if (!source) return null;
    if (source.imported !== null && source.imported !== 'default') path.unshift(source.imported);
    return { module: source.module, path };
  }
  const module = requiredModule(target);
  return module === null ? null : { module, path };
}

/** Whether a module specifier points into the project (relative or aliased), not at a package. */
export function isLocalModule(module: string): boolean {
  return /^(?:\.{1,2}\/|[#/~]|@\/)/u.test(module);
}

const projectModules = new WeakMap<TSESTree.Node, Map<string, boolean>>();

/**
 * Whether the module a guard or helper is imported from is the project's own: spelled as a path or
 * an alias (`./lib/guards`, `@/lib/guards`, `#lib/guards`), or resolved by the project model to one
 * of its files (a tsconfig `paths` or `baseUrl` name such as `lib/guards`, a workspace package). One
 * guard gets one verdict however it is imported. Answered once per file and module.
 */
export function isProjectModule(target: { module: string; from: TSESTree.Node }): boolean {
  if (isLocalModule(target.module)) return true;
  let program: TSESTree.Node = target.from;
  while (program.parent) program = program.parent;
  let known = projectModules.get(program);
  if (!known) projectModules.set(program, (known = new Map()));
  let answer = known.get(target.module);
  if (answer === undefined) {
    const file = fileOfNode(target.from);
    answer = file !== undefined && (projectIndexOf(file)?.resolve(file, target.module) ?? null) !== null;
    known.set(target.module, answer);
  }
  return answer;
}

/**
 * Whether an identifier is the variable of a loop over a list of values imported from project
 * modules (`for (const r of [notes, users]) app.use(r.routes())`): a mount of each of them.
 */
export function loopsOverImports(identifier: TSESTree.Identifier, context: ExtractContext): boolean {
  const list = loopedElements(context.scopeOf(identifier), identifier.name);
  return (
    list !== null &&
    list.length > 0 &&
    list.every((element) => element?.type === AST_NODE_TYPES.Identifier && isLocalModule(importedFrom(element, context) ?? ''))
  );
}

/** Module an identifier is imported from, when it is an import binding. */
export function importedFrom(identifier: TSESTree.Identifier, context: ExtractContext): string | null {
  return importSource(context.scopeOf(identifier), identifier.name)?.module ?? null;
}

/** Builds a guard: the dotted name as written (null for inline functions) and the same-file function. */
export function makeGuard(
  node: TSESTree.Node,
  context: ExtractContext,
  kind: GuardKind,
  level: GuardLevel,
  fn?: FunctionNode | null,
): RouteGuard {
  const target = unwrap(node);
  return {
    kind,
    name: isFunction(target) ? null : guardName(target),
    node,
    fn: fn ?? resolveFunction(target, context.scopeOf(target)),
    level,
  };
}

/** `jwt({ secret }).unless({ path })` is named `jwt`: `unless` only narrows where it runs. */
function guardName(node: TSESTree.Node): string | null {
  const name = dottedName(node);
  return name?.endsWith('.unless') ? name.slice(0, -'.unless'.length) : name;
}

/** An object literal written inline or bound to a constant in this file. */
export function objectLiteral(node: TSESTree.Node | undefined, context: ExtractContext): TSESTree.ObjectExpression | null {
  const target = node ? constantValue(node, context) : null;
  return target?.type === AST_NODE_TYPES.ObjectExpression ? target : null;
}

/** An array literal written inline or bound to a constant in this file. */
export function arrayLiteral(node: TSESTree.Node | undefined, context: ExtractContext): TSESTree.ArrayExpression | null {
  const target = node ? constantValue(node, context) : null;
  return target?.type === AST_NODE_TYPES.ArrayExpression ? target : null;
}

/** Follows identifiers to the initializer of a never-reassigned variable (a few steps at most). */
export function constantValue(node: TSESTree.Node, context: ExtractContext): TSESTree.Node {
  let target = unwrap(node);
  for (let depth = 0; depth < 4 && target.type === AST_NODE_TYPES.Identifier; depth++) {
    const variable = findVariable(context.scopeOf(target), target.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (
      !variable ||
      definition?.type !== TSESLint.Scope.DefinitionType.Variable ||
      definition.node.id.type !== AST_NODE_TYPES.Identifier ||
      !definition.node.init ||
      variable.references.some((reference) => reference.isWrite() && reference.init !== true)
    ) {
      return target;
    }
    target = unwrap(definition.node.init);
  }
  return target;
}

/** The `name:` property of an object literal (the last one wins, like at runtime). */
export function propertyOf(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | null {
  let found: TSESTree.Property | null = null;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    if (property.computed && property.key.type !== AST_NODE_TYPES.Literal) continue;
    if (propertyName(property.key) === name) found = property;
  }
  return found;
}

/** The value of the `name:` property of an object literal. */
export function valueOf(object: TSESTree.ObjectExpression | null, name: string): TSESTree.Node | null {
  return object ? (propertyOf(object, name)?.value ?? null) : null;
}

/**
 * Whether a table element's field is truthy: a literal's truthiness, false for a field the element
 * does not have; null when it is not a literal (the element's guards are then not known).
 */
export function fieldTruthiness(element: TSESTree.Node | null, field: string): boolean | null {
  if (element === null) return null;
  const object = unwrap(element);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return null;
  if (object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return null;
  const value = valueOf(object, field);
  if (!value) return false;
  const literal = unwrap(value);
  if (literal.type === AST_NODE_TYPES.Literal) return Boolean(literal.value);
  if (literal.type === AST_NODE_TYPES.TemplateLiteral && literal.expressions.length === 0) return (literal.quasis[0]?.value.cooked ?? '') !== '';
  return null;
}

/** The static strings of a string or an array of strings, or null when any is not static. */
export function staticStrings(node: TSESTree.Node, context: ExtractContext, read: (node: TSESTree.Node) => string | null): string[] | null {
  const array = arrayLiteral(node, context);
  if (!array) {
    const value = read(node);
    return value === null ? null : [value];
  }
  const values: string[] = [];
  for (const element of array.elements) {
    const value = element && element.type !== AST_NODE_TYPES.SpreadElement ? read(element) : null;
    if (value === null) return null;
    values.push(value);
  }
  return values;
}

/** The items of an option that takes one value or an array (`preHandler: auth` / `preHandler: [a, b]`). */
export function oneOrMany(node: TSESTree.Node, context: ExtractContext): TSESTree.Node[] {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.ArrayExpression) {
    const array = arrayLiteral(target, context);
    if (!array) return [node];
    return oneOrMany(array, context);
  }
  const items: TSESTree.Node[] = [];
  for (const element of target.elements) {
    if (!element) continue;
    items.push(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element);
  }
  return items;
}

/** Joins path parts (prefixes, then the route path) into a path; null when any part is not static. */
export function joinAll(...parts: (string | null)[]): string | null {
  let result = '';
  for (const part of parts) {
    if (part === null) return null;
    if (part === '') continue;
    result = result === '' ? (part.startsWith('/') ? part : `/${part}`) : (joinPaths(result, part) ?? '');
  }
  return result === '' ? '/' : result;
}

/** Index of the parameter of `fn` that declares `name` (also inside defaults and patterns), or -1. */
export function parameterIndex(fn: FunctionNode, name: TSESTree.Node): number {
  return fn.params.findIndex((param) => param.range[0] <= name.range[0] && name.range[1] <= param.range[1]);
}

/** A parameter's plain name and the type it is annotated with. */
export interface ParameterInfo {
  name: string | null;
  /** Last segment of the annotated type reference (`Koa.Context` → `Context`). */
  type: string | null;
  /** The identifier the type reference starts with (`Koa` for `Koa.Context`, `Context` for `Context`). */
  typeRoot: TSESTree.Identifier | null;
}

export function parameterInfo(param: TSESTree.Parameter | undefined): ParameterInfo {
  const empty: ParameterInfo = { name: null, type: null, typeRoot: null };
  if (!param) return empty;
  let target: TSESTree.Node = param;
  if (target.type === AST_NODE_TYPES.TSParameterProperty) target = target.parameter;
  if (target.type === AST_NODE_TYPES.AssignmentPattern) target = target.left;
  let name: string | null = null;
  let annotation: TSESTree.TypeNode | undefined;
  if (target.type === AST_NODE_TYPES.Identifier) {
    name = target.name;
    annotation = target.typeAnnotation?.typeAnnotation;
  } else if (target.type === AST_NODE_TYPES.ObjectPattern || target.type === AST_NODE_TYPES.ArrayPattern) {
    annotation = target.typeAnnotation?.typeAnnotation;
  } else {
    return empty;
  }
  return { name, ...typeReference(annotation) };
}

/** The type named by an annotation: `FastifyInstance`, `Koa.Context`, `Router<State>`. */
export function typeReference(annotation: TSESTree.TypeNode | undefined): Pick<ParameterInfo, 'type' | 'typeRoot'> {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return { type: null, typeRoot: null };
  let root: TSESTree.EntityName = annotation.typeName;
  const type = root.type === AST_NODE_TYPES.TSQualifiedName ? root.right.name : root.type === AST_NODE_TYPES.Identifier ? root.name : null;
  while (root.type === AST_NODE_TYPES.TSQualifiedName) root = root.left;
  return { type, typeRoot: root.type === AST_NODE_TYPES.Identifier ? root : null };
}

/** The type annotation of the variable a function is assigned to: `const routes: FastifyPluginAsync = async (f) => {}`. */
export function declaredType(fn: FunctionNode): Pick<ParameterInfo, 'type' | 'typeRoot'> {
  let node: TSESTree.Node = fn;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (parent?.type !== AST_NODE_TYPES.TSAsExpression && parent?.type !== AST_NODE_TYPES.TSSatisfiesExpression) break;
    const reference = typeReference(parent.typeAnnotation);
    if (reference.type !== null) return reference;
    node = parent;
  }
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return typeReference(parent.id.typeAnnotation?.typeAnnotation);
  }
  return { type: null, typeRoot: null };
}

/** Calls of a same-file function through its name: `setupRoutes(app)`. */
export function callSites(fn: FunctionNode, context: ExtractContext): TSESTree.CallExpression[] {
  const id = functionName(fn);
  if (!id) return [];
  const variable = findVariable(context.scopeOf(id), id.name);
  if (!variable) return [];
  const sites: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) sites.push(parent);
  }
  return sites;
}

function functionName(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id;
  let node: TSESTree.Node = fn;
  while (node.parent && unwrap(node.parent) === fn) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  return null;
}

/** `module.exports`, `module.exports.x`, `exports.x`. */
function isExportTarget(node: TSESTree.Node): boolean {
  const name = dottedName(node);
  return name !== null && (name === 'module.exports' || name.startsWith('module.exports.') || name.startsWith('exports.'));
}

/**
 * The values a file exports at top level, as written: `export default x`, `export const a = …`,
 * `export function f`, `export { a }`, `export = x`, `module.exports = …`, `module.exports.a = …`,
 * `exports.a = …`. Object literals are listed and so are their property values.
 */
export function exportedValues(program: TSESTree.Program): TSESTree.Node[] {
  const values: TSESTree.Node[] = [];
  const add = (node: TSESTree.Node): void => {
    values.push(node);
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of target.properties) {
        if (property.type === AST_NODE_TYPES.Property) values.push(property.value);
      }
    }
  };
  for (const statement of program.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        add(statement.declaration);
        break;
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const declaration = statement.declaration;
        if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) if (declarator.init) add(declarator.init);
        } else if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) {
          add(declaration);
        } else if (!declaration && !statement.source) {
          for (const specifier of statement.specifiers) {
            if (specifier.local.type === AST_NODE_TYPES.Identifier) add(specifier.local);
          }
        }
        break;
      }
      case AST_NODE_TYPES.TSExportAssignment:
        add(statement.expression);
        break;
      case AST_NODE_TYPES.ExpressionStatement: {
        let expression = unwrap(statement.expression);
        while (expression.type === AST_NODE_TYPES.AssignmentExpression && isExportTarget(expression.left)) {
          expression = unwrap(expression.right);
          if (expression.type !== AST_NODE_TYPES.AssignmentExpression) add(expression);
        }
        break;
      }
      default:
        break;
    }
  }
  return values;
}

/**
 * The functions among `values`: inline, bound by name, or wrapped in a call
 * (`fp(plugin)`, `asyncHandler(async (req, res) => …)`).
 */
export function functionsAmong(values: readonly TSESTree.Node[], context: ExtractContext): Set<FunctionNode> {
  const functions = new Set<FunctionNode>();
  for (const value of values) {
    const target = unwrap(value);
    const scope = context.scopeOf(target);
    const direct = resolveFunction(target, scope);
    if (direct) functions.add(direct);
    if (target.type === AST_NODE_TYPES.CallExpression) {
      for (const argument of target.arguments) {
        const inner = argument.type === AST_NODE_TYPES.SpreadElement ? null : resolveFunction(argument, scope);
        if (inner) functions.add(inner);
      }
    }
  }
  return functions;
}

/** Marks nodes as turned into routes so later extractors leave them alone. */
export function claim(context: ExtractContext, ...nodes: (TSESTree.Node | null | undefined)[]): void {
  for (const node of nodes) if (node) context.claimed.add(node);
}

/** The static string value of an expression, read in its own scope. */
export function staticText(node: TSESTree.Node, context: ExtractContext): string | null {
  return staticString(node, context.scopeOf(node));
}

/**
 * The validation a route declares in its options (see `declaredValidation` in the framework
 * models): schemas by input location, or undefined without one.
 */
export function routeValidation(framework: keyof typeof declaredValidation, options: TSESTree.ObjectExpression | null, context: ExtractContext): RouteValidation | undefined {
  const model = declaredValidation[framework];
  const object = objectLiteral(valueOf(options, model.option) ?? undefined, context);
  if (!object) return undefined;
  const schemas: RouteValidation['schemas'] = {};
  for (const [key, location] of Object.entries(model.keys) as [string, InputLocation][]) {
    const value = valueOf(object, key);
    if (value) schemas[location] = value;
  }
  return Object.keys(schemas).length > 0 ? { format: model.format, schemas } : undefined;
}

/** Router methods that register a route, with the HTTP method each serves (`del` is Koa's alias of `delete`). */
export const ROUTER_METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  del: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
  all: 'ALL',
};

/**
 * The function of another project file an imported name is (`const install = require('./install')`,
 * `import { install } from './setup'`), with that file's scopes, or null.
 */
export function setupFunction(callee: TSESTree.Identifier, scope: TSESLint.Scope.Scope): { fn: FunctionNode; scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope; file: string } | null {
  const source = importSource(scope, callee.name);
  if (!source?.module.startsWith('.')) return null;
  const found = importedDefinition(callee, source.module, source.imported ?? '');
  if (!found) return null;
  const node = unwrap(found.node);
  const fn = isFunction(node) ? node : node.type === AST_NODE_TYPES.Identifier ? resolveFunction(node, found.scopeOf(node)) : null;
  return fn && { fn, scopeOf: found.scopeOf, file: found.file };
}

/** The values `fn` returns: its expression body, or the argument of each `return` of its own. */
export function returnedValues(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const returned: TSESTree.Node[] = [];
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
    return undefined;
  });
  return returned;
}

/** What a framework tells `factoryChain` about its apps. */
export interface FactoryKind {
  /** Whether `node` (a returned value, after `baseOf`) creates an app or router of the framework. */
  creates(node: TSESTree.CallExpression | TSESTree.NewExpression, scopeOf: (node: TSESTree.Node) => Scope): boolean;
  /** The expression a returned value is built on (`new Hono()` of `new Hono().basePath('/x')`); itself by default. */
  baseOf?(node: TSESTree.Node): TSESTree.Node;
  /** At most this many functions from a call to the one that creates the instance it returns. */
  readonly maxSteps: number;
  /** Per function: the chain found (null: it returns no app or router), kept per parse. */
  readonly chains: WeakMap<FunctionNode, readonly FunctionNode[] | null>;
}

/**
 * The functions whose returned app or router a call of `fn` gives, `fn` first: `[fn]` when `fn`
 * returns one it creates (held in a variable or not), `[fn, ...inner]` when it returns what another
 * function returns (`return sshkeys.app()`, of this file or another), followed in turn. Null when no
 * `return` of `fn` gives one (a middleware factory). Each function is read once per parse of its
 * file, at most `kind.maxSteps` deep; a function that returns its own result adds nothing more.
 */
export function factoryChain(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, kind: FactoryKind, depth = 0): readonly FunctionNode[] | null {
  const known = kind.chains.get(fn);
  if (known !== undefined) return known;
  if (depth >= kind.maxSteps) return null;
  kind.chains.set(fn, null);
  const scopeOf = scopeLookup(sourceCode);
  const chain: FunctionNode[] = [];
  const add = (functions: readonly FunctionNode[]): void => {
    for (const item of functions) if (!chain.includes(item)) chain.push(item);
  };
  for (const node of returnedValues(fn)) {
    let value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(value), value.name);
      const definition = variable ? singleDefinition(variable) : null;
      if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) continue;
      value = unwrap(definition.node.init);
    }
    const base = kind.baseOf ? kind.baseOf(value) : value;
    if ((base.type === AST_NODE_TYPES.CallExpression || base.type === AST_NODE_TYPES.NewExpression) && kind.creates(base, scopeOf)) {
      add([fn]);
      continue;
    }
    if (base.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = unwrap(base.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const local = resolveFunction(callee, scopeOf(callee));
    const other = local ? null : crossFileTarget(callee, sourceCode);
    const inner = local ? factoryChain(local, sourceCode, kind, depth + 1) : other ? factoryChain(other.fn, other.module.sourceCode, kind, depth + 1) : null;
    if (inner) add([fn, ...inner]);
  }
  const result = chain.length > 0 ? chain : null;
  kind.chains.set(fn, result);
  return result;
}

/** `null`, `undefined`, `void 0`: a returned value that is no app or router (Express, Hono). */
export function givesNothing(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === null;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
}

/**
 * The extraction context of another module of the project, read for a question of the linted
 * file (`linted`): its own program, scopes and imports, the linted file's settings, nothing claimed.
 */
export function moduleExtractContext(module: ProjectModule, linted: ExtractContext): ExtractContext {
  return {
    program: module.program,
    sourceCode: module.sourceCode,
    filename: module.file,
    relativeFilename: module.file,
    imports: importedModules(module.program),
    settings: linted.settings,
    scopeOf: (node) => scopeOf(module.sourceCode, node),
    claimed: new WeakSet(),
  };
}

/**
 * The innermost branch of a condition a call of this function (or of the file's top level) runs
 * under: the side of an `if` or of `?:`, or what `&&`/`||` evaluates second (`config.auth &&
 * app.use(auth)`). Null when it runs whenever its function does in production: a condition that
 * only tells production from a test or development run (`process.env.NODE_ENV !== 'test'`) and
 * takes this side in production is no condition (see `productionValue`). As for setup functions
 * (`skippedInSomeRuns` of express.ts), a middleware installed only in some runs is not in front of
 * the routes registered outside its branch: a deployment that flips the switch serves them.
 */
export function conditionalBranch(call: TSESTree.Node): TSESTree.Node | null {
  let child: TSESTree.Node = call;
  for (let current = call.parent; current && !isFunction(current) && current.type !== AST_NODE_TYPES.Program; child = current, current = current.parent) {
    if (!runsInProduction(current, child)) return child;
  }
  return null;
}

/**
 * Whether `child`, a part of `parent`, surely runs in production whenever `parent` does: anything
 * but a side of a condition, or a side the condition takes in production (`productionValue`).
 */
export function runsInProduction(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test !== child) {
    const value = productionValue(parent.test);
    return value !== null && value === (parent.consequent === child);
  }
  if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child) {
    const value = productionValue(parent.left);
    return value !== null && parent.operator !== '??' && value === (parent.operator === '&&');
  }
  return true;
}

/**
 * The value of a condition in production, when it only compares `process.env.NODE_ENV` with the
 * name of a test, development or production run (`process.env.NODE_ENV === 'test'` is false,
 * `!== 'development'` true, `=== 'production'` true), negated or joined; null for anything else.
 */
export function productionValue(test: TSESTree.Node): boolean | null {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    const value = productionValue(node.argument);
    return value === null ? null : !value;
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '??') {
    const left = productionValue(node.left);
    const right = productionValue(node.right);
    const decisive = node.operator === '&&' ? false : true;
    if (left === decisive || right === decisive) return decisive;
    return left === null || right === null ? null : !decisive;
  }
  if (node.type !== AST_NODE_TYPES.BinaryExpression || !['==', '===', '!=', '!=='].includes(node.operator) || node.left.type === AST_NODE_TYPES.PrivateIdentifier) return null;
  const sides = [unwrap(node.left), unwrap(node.right)];
  if (!sides.some((side) => dottedName(side) === 'process.env.NODE_ENV')) return null;
  const literal = sides.find((side): side is TSESTree.StringLiteral => side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string');
  if (!literal) return null;
  const equal = /^(?:production|prod)$/u.test(literal.value) ? true : /^(?:test|testing|dev|development)$/u.test(literal.value) ? false : null;
  if (equal === null) return null;
  return node.operator === '==' || node.operator === '===' ? equal : !equal;
}
