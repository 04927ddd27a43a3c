import { getStaticValue } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { interopHelpers } from '../models/compiled-modules.js';
import { extendedRepositories } from '../models/custom-repositories.js';
import { handlerWrapperChainMethods } from '../models/frameworks/handler-signatures.js';

const WRAPPER_CHAIN = new Set(handlerWrapperChainMethods);

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionExpression
  | TSESTree.FunctionDeclaration;

export type Scope = TSESLint.Scope.Scope;

export function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The function a node is in (the nearest enclosing one), or null at the top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  let current = node.parent;
  while (current && !isFunction(current)) current = current.parent;
  return current ?? null;
}

/** Strips TypeScript-only wrappers (`as`, `satisfies`, `!`, `<T>x`) and chain expressions. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.SequenceExpression:
        // `(0, fs_1.readFile)(name)`: compiled code calls an imported function without its module as
        // `this`; the literals before it do nothing. Only as a callee: elsewhere the expression is
        // left whole (a fix rewrites it with its parentheses).
        if (!isCallee(current) || current.expressions.length < 2 || !current.expressions.slice(0, -1).every((expression) => expression.type === AST_NODE_TYPES.Literal)) return current;
        current = current.expressions.at(-1)!;
        break;
      default:
        return current;
    }
  }
}

/** Whether a node is called or tags a template, behind any type assertions. */
function isCallee(node: TSESTree.Node): boolean {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  return (
    ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee === current) ||
    (parent?.type === AST_NODE_TYPES.TaggedTemplateExpression && parent.tag === current)
  );
}

/**
 * What a compiler's interop helper wraps (`__importDefault(x)`, `tslib_1.__importStar(x)`, Babel's
 * `_interopRequireDefault(x)`; see `interopHelpers`): `x`, or null when the call is not one.
 */
export function interopWrapped(call: TSESTree.CallExpression): TSESTree.Node | null {
  const [argument] = call.arguments;
  if (call.arguments.length !== 1 || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
  return name !== null && interopHelpers.includes(name) ? unwrap(argument) : null;
}

/** The name of a (non-computed or literal-keyed) property. */
export function propertyName(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.PrivateIdentifier) return node.name;
  if (node.type === AST_NODE_TYPES.Literal && (typeof node.value === 'string' || typeof node.value === 'number')) {
    return String(node.value);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** The key name of an object property / method / class member, when static. */
export function memberKeyName(
  node: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.TSAbstractMethodDefinition,
): string | null {
  if (node.computed && node.key.type !== AST_NODE_TYPES.Literal) return null;
  return propertyName(node.key);
}

/**
 * Dotted name of an expression as written: `passport.authenticate` for
 * `passport.authenticate('jwt')`, `this.auth.check` for a member chain, null when not a plain chain.
 */
export function dottedName(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Identifier:
      return target.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.Super:
      return 'super';
    case AST_NODE_TYPES.MemberExpression: {
      const object = dottedName(target.object);
      const property = target.computed ? propertyName(target.property) : propertyName(target.property);
      if (object === null || property === null) return null;
      return `${object}.${property}`;
    }
    case AST_NODE_TYPES.CallExpression:
      return dottedName(target.callee);
    case AST_NODE_TYPES.NewExpression:
      return dottedName(target.callee);
    case AST_NODE_TYPES.AwaitExpression:
      return dottedName(target.argument);
    default:
      return null;
  }
}

/**
 * The static string value of an expression (literals, constants, simple concatenations, members
 * of a string enum, templates of those), or null.
 */
export function staticString(node: TSESTree.Node, scope: Scope | null): string | null {
  const result = getStaticValue(node as never, (scope ?? undefined) as never);
  if (result !== null) return typeof result.value === 'string' ? result.value : null;
  if (scope === null) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) return enumMemberString(target, scope);
  if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length <= 8) {
    let text = '';
    for (const [index, quasi] of target.quasis.entries()) {
      if (quasi.value.cooked === null) return null;
      text += quasi.value.cooked;
      const expression = target.expressions[index];
      if (!expression) continue;
      const value = staticString(expression, scope);
      if (value === null) return null;
      text += value;
    }
    return text;
  }
  return null;
}

/**
 * `Prefix.Web` where `enum Prefix { Web = '/-/web' }` (also `const enum`) is declared once in this
 * file: the member's string initialiser. Numeric and computed members, and enums merged from more
 * than one declaration, are not read.
 */
function enumMemberString(member: TSESTree.MemberExpression, scope: Scope): string | null {
  const object = unwrap(member.object);
  const name = member.computed ? (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string' ? member.property.value : null) : propertyName(member.property);
  if (object.type !== AST_NODE_TYPES.Identifier || name === null) return null;
  const variable = findVariable(scope, object.name);
  if (!variable || variable.defs.length !== 1) return null;
  const declaration = variable.defs[0]?.node;
  if (declaration?.type !== AST_NODE_TYPES.TSEnumDeclaration) return null;
  return enumMemberValue(declaration, name);
}

/** The string initialiser of the member `name` of an enum declaration (`enum Queues { Email = 'email' }`), or null. */
export function enumMemberValue(declaration: TSESTree.TSEnumDeclaration, name: string): string | null {
  // typescript-estree 8 keeps the members under `body`; older versions had them on the declaration.
  const members = (declaration as { body?: { members: TSESTree.TSEnumMember[] } }).body?.members ?? (declaration as unknown as { members?: TSESTree.TSEnumMember[] }).members ?? [];
  for (const entry of members) {
    const key = entry.id.type === AST_NODE_TYPES.Identifier ? entry.id.name : entry.id.type === AST_NODE_TYPES.Literal ? String(entry.id.value) : null;
    if (key !== name) continue;
    const initializer = entry.initializer ? unwrap(entry.initializer) : null;
    return initializer?.type === AST_NODE_TYPES.Literal && typeof initializer.value === 'string' ? initializer.value : null;
  }
  return null;
}

/** Finds the variable an identifier refers to, walking up from the given scope. */
export function findVariable(scope: Scope, name: string): TSESLint.Scope.Variable | null {
  let current: Scope | null = scope;
  while (current) {
    const variable = current.set.get(name);
    if (variable) return variable;
    current = current.upper;
  }
  return null;
}

/**
 * The innermost scope that contains a node: `sourceCode.getScope`, remembered for every node the
 * lookup climbs past (see `scopeLookup`), so asking it of each node of a deep nesting stays linear.
 */
export function scopeOf(sourceCode: ScopeSource, node: TSESTree.Node): Scope {
  return scopeLookup(sourceCode)(node);
}

/**
 * The single definition node of a variable when it is assigned once: the initializer of a
 * `const`/`let` declarator, a function declaration, or an import specifier.
 */
export function singleDefinition(variable: TSESLint.Scope.Variable): TSESLint.Scope.Definition | null {
  if (variable.defs.length !== 1) return null;
  return variable.defs[0] ?? null;
}

/** Whether the variable is written only at its declaration. */
export function isConstantBinding(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

/**
 * Resolves an expression to a function defined in this file: an inline function, an identifier
 * bound to a function declaration or a `const` function, or a wrapped function such as
 * `asyncHandler(async (req, res) => ...)` (the last function argument of a call).
 */
export function resolveFunction(node: TSESTree.Node, scope: Scope, depth = 0): FunctionNode | null {
  if (depth > 4) return null;
  const target = unwrap(node);
  if (isFunction(target)) return target;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scope, target.name);
    if (!variable || !isConstantBinding(variable)) return null;
    const definition = singleDefinition(variable);
    if (!definition) return null;
    // A parameter's definition node is its function: `function serve(app) { createServer(app) }`
    // must not resolve `app` to `serve`.
    if (definition.type === 'FunctionName' && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
    if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
      return resolveFunction(definition.node.init, scope, depth + 1);
    }
    return null;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) return resolveMember(target, scope, depth);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    // `controller.search.bind(controller)`
    if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee.property) === 'bind' && !callee.computed) {
      return resolveFunction(callee.object, scope, depth + 1);
    }
    // `middy(handler).use(ssm()).use(auth()).use(parser())…`: configuring a wrapped handler returns
    // the wrapper, so a chain of any length (up to a bound) is the call at its head, one step deep.
    const head = wrapperChainHead(target);
    if (head !== target) {
      const wrapped = resolveFunction(head, scope, depth + 1);
      if (wrapped) return wrapped;
    }
    for (let index = target.arguments.length - 1; index >= 0; index--) {
      const argument = target.arguments[index];
      if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) {
        const inner = unwrap(argument);
        if (isFunction(inner)) return inner;
      }
    }
    // `asyncHandler(search)`, `wrap(controller.search)`: a named function handed to a wrapper.
    for (let index = target.arguments.length - 1; index >= 0; index--) {
      const argument = target.arguments[index];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      const inner = unwrap(argument);
      if (inner.type !== AST_NODE_TYPES.Identifier && inner.type !== AST_NODE_TYPES.MemberExpression) continue;
      const fn = resolveFunction(inner, scope, depth + 1);
      if (fn) return fn;
    }
  }
  return null;
}

/** Links of a wrapper configuration chain followed (`middy(h).use(a).use(b)…`). */
const MAX_CHAIN = 32;

/** The call a chain of wrapper configuration calls starts from (`middy(h)` of `middy(h).use(a).before(b)`), or `call` itself. */
function wrapperChainHead(call: TSESTree.CallExpression): TSESTree.CallExpression {
  let current = call;
  for (let step = 0; step < MAX_CHAIN; step++) {
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) break;
    const object = unwrap(callee.object);
    const method = propertyName(callee.property);
    if (object.type !== AST_NODE_TYPES.CallExpression || method === null || !WRAPPER_CHAIN.has(method)) break;
    current = object;
  }
  return current;
}

/**
 * `controller.search` where `controller` is `new UserController()` of a class in this file (its
 * method or arrow property), or an object literal of functions (`const controller = { search }`).
 */
function resolveMember(member: TSESTree.MemberExpression, scope: Scope, depth: number): FunctionNode | null {
  const name = member.computed ? null : propertyName(member.property);
  const object = unwrap(member.object);
  if (name === null || object.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scope, object.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (!definition) return null;
  let holder: TSESTree.Node | null = null;
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) holder = unwrap(definition.node.init);
  else if (definition.node.type === AST_NODE_TYPES.ClassDeclaration) holder = definition.node;
  if (holder?.type === AST_NODE_TYPES.CallExpression) holder = extendedRepositoryMethods(holder);
  if (holder?.type === AST_NODE_TYPES.NewExpression && holder.callee.type === AST_NODE_TYPES.Identifier) {
    const classVariable = findVariable(scope, holder.callee.name);
    const classDefinition = classVariable ? singleDefinition(classVariable) : null;
    if (classDefinition?.node.type !== AST_NODE_TYPES.ClassDeclaration) {
      // `new AllocationsDAO(db).find`: what an ES5 constructor function assigns to `this` or its prototype.
      const constructor = resolveFunction(holder.callee, scope, depth + 1);
      const value = constructor && constructor.type !== AST_NODE_TYPES.ArrowFunctionExpression ? constructorMemberValue(constructor, name) : null;
      return value && resolveFunction(value, scopeAt(value, scope), depth + 1);
    }
    holder = classDefinition.node;
  }
  if (holder?.type === AST_NODE_TYPES.ClassDeclaration || holder?.type === AST_NODE_TYPES.ClassExpression) {
    for (const element of holder.body.body) {
      if (element.type === AST_NODE_TYPES.MethodDefinition && memberKeyName(element) === name && element.kind === 'method') {
        return isFunction(element.value) ? element.value : null;
      }
      if (element.type === AST_NODE_TYPES.PropertyDefinition && memberKeyName(element) === name && element.value) {
        return resolveFunction(element.value, scope, depth + 1);
      }
    }
    return null;
  }
  if (holder?.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of holder.properties) {
      if (property.type !== AST_NODE_TYPES.Property || memberKeyName(property) !== name) continue;
      return resolveFunction(property.value, scope, depth + 1);
    }
  }
  return null;
}

/**
 * The object of methods a custom repository is built from (`dataSource.getRepository(User).extend({
 * findByName(name) { … } })`, see `models/custom-repositories.ts`), or null for any other call.
 */
export function extendedRepositoryMethods(call: TSESTree.CallExpression): TSESTree.ObjectExpression | null {
  const callee = unwrap(call.callee);
  const [methods] = call.arguments;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || methods?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const method = propertyName(callee.property);
  const receiver = unwrap(callee.object);
  if (receiver.type !== AST_NODE_TYPES.CallExpression) return null;
  const factoryCallee = unwrap(receiver.callee);
  const factory = factoryCallee.type === AST_NODE_TYPES.Identifier ? factoryCallee.name : factoryCallee.type === AST_NODE_TYPES.MemberExpression && !factoryCallee.computed ? propertyName(factoryCallee.property) : null;
  const known = extendedRepositories.some((model) => model.method === method && factory !== null && (model.factories as readonly string[]).includes(factory));
  return known ? methods : null;
}

/** Members a constructor function gives its instances, by constructor (see `constructorMemberValue`). */
const constructorMembers = new WeakMap<FunctionNode, Map<string, TSESTree.Expression>>();
/** `Ctor.prototype.name = value` assignments of a file, by constructor name and member. */
const prototypeMembers = new WeakMap<TSESTree.Node, Map<string, Map<string, TSESTree.Expression>>>();

/**
 * What a constructor function (`function ProfileHandler(db) { … }`, called with `new`) gives its
 * instances under `name`: the value of `this.name = value` in its own body (nested arrows included,
 * other nested functions not: their `this` is another object), else of `Ctor.prototype.name = value`
 * in its file. Each constructor's body and each file are read once.
 */
export function constructorMemberValue(constructor: FunctionNode, name: string): TSESTree.Expression | null {
  let own = constructorMembers.get(constructor);
  if (!own) {
    const found = new Map<string, TSESTree.Expression>();
    walk(constructor.body, (inner) => {
      if (isFunction(inner) && inner.type !== AST_NODE_TYPES.ArrowFunctionExpression) return 'skip';
      if (inner.type !== AST_NODE_TYPES.AssignmentExpression || inner.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const left = inner.left;
      const member = left.computed ? null : propertyName(left.property);
      if (left.object.type === AST_NODE_TYPES.ThisExpression && member !== null && !found.has(member)) found.set(member, inner.right);
      return undefined;
    });
    constructorMembers.set(constructor, found);
    own = found;
  }
  const value = own.get(name);
  if (value) return value;
  const ctorName = constructor.id?.name;
  if (!ctorName) return null;
  let root: TSESTree.Node = constructor;
  while (root.parent) root = root.parent;
  let byConstructor = prototypeMembers.get(root);
  if (!byConstructor) {
    byConstructor = new Map();
    for (const assignment of nodesOfType(root, AST_NODE_TYPES.AssignmentExpression)) {
      const left = assignment.left;
      if (left.type !== AST_NODE_TYPES.MemberExpression || left.computed) continue;
      const object = left.object;
      const member = propertyName(left.property);
      if (
        member === null ||
        object.type !== AST_NODE_TYPES.MemberExpression ||
        object.computed ||
        propertyName(object.property) !== 'prototype' ||
        object.object.type !== AST_NODE_TYPES.Identifier
      ) {
        continue;
      }
      let members = byConstructor.get(object.object.name);
      if (!members) byConstructor.set(object.object.name, (members = new Map()));
      if (!members.has(member)) members.set(member, assignment.right);
    }
    prototypeMembers.set(root, byConstructor);
  }
  return byConstructor.get(ctorName)?.get(name) ?? null;
}

/** The innermost scope below `scope` whose block holds `node` (names in a constructor's body resolve there). */
export function scopeAt(node: TSESTree.Node, fallback: Scope): Scope {
  let scope: Scope | null = fallback;
  for (let depth = 0; scope && depth < 16; depth++) {
    const child: Scope | undefined = scope.childScopes.find((candidate) => candidate.block.range[0] <= node.range[0] && node.range[1] <= candidate.block.range[1]);
    if (!child) break;
    scope = child;
  }
  return scope ?? fallback;
}

/** Module specifier an identifier was imported or required from (`import x from 'm'`, `const x = require('m')`). */
export function importSource(scope: Scope, name: string): { module: string; imported: string | null } | null {
  const variable = findVariable(scope, name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!definition) return null;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return null;
    const specifier = definition.node;
    let imported: string | null = null;
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) imported = propertyName(specifier.imported);
    return { module: String(declaration.source.value), imported };
  }
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const module = requiredModule(definition.node.init);
    if (module === null) return null;
    let imported: string | null = null;
    if (definition.node.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of definition.node.id.properties) {
        if (
          property.type === AST_NODE_TYPES.Property &&
          property.value.type === AST_NODE_TYPES.Identifier &&
          property.value.name === name
        ) {
          imported = propertyName(property.key);
        }
      }
    }
    return { module, imported };
  }
  return null;
}

/**
 * `require('./routes/admin')` or `require('./billing').router` written where the value is used (a
 * mount, a guard): the module and the one member read, or null for anything else (an import, an
 * `await import()`, a longer member chain).
 */
export function inlineRequire(node: TSESTree.Node): { module: string; member: string | null } | null {
  const target = unwrap(node);
  const call = target.type === AST_NODE_TYPES.MemberExpression && !target.computed ? unwrap(target.object) : target;
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const module = requiredModule(call);
  if (module === null) return null;
  return { module, member: call === target ? null : propertyName((target as TSESTree.MemberExpression).property) };
}

/** `require('m')`, `require('m').x`, `await import('m')` → `'m'`. */
export function requiredModule(node: TSESTree.Node): string | null {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  while (target.type === AST_NODE_TYPES.MemberExpression) target = unwrap(target.object);
  // `_interopRequireDefault(require('./watcher'))`: a compiler's interop wrapper.
  if (target.type === AST_NODE_TYPES.CallExpression) target = interopWrapped(target) ?? target;
  if (
    target.type === AST_NODE_TYPES.CallExpression &&
    target.callee.type === AST_NODE_TYPES.Identifier &&
    target.callee.name === 'require'
  ) {
    const argument = target.arguments[0];
    if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return argument.value;
  }
  if (target.type === AST_NODE_TYPES.ImportExpression && target.source.type === AST_NODE_TYPES.Literal) {
    return typeof target.source.value === 'string' ? target.source.value : null;
  }
  return null;
}

/** Module specifiers this file imports or requires at top level. */
export function importedModules(program: TSESTree.Program): Set<string> {
  const modules = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) modules.add(String(statement.source.value));
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init ? unwrap(declarator.init) : null;
        // `require('fastify')()` and `require('http').createServer()` call the module at once.
        const module = init
          ? (requiredModule(init) ?? (init.type === AST_NODE_TYPES.CallExpression ? requiredModule(init.callee) : null))
          : null;
        if (module !== null) modules.add(module);
      }
    }
  }
  return modules;
}

type NodeOfType<T extends AST_NODE_TYPES> = Extract<TSESTree.Node, { type: T }>;

const nodeIndex = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[]>>();

/**
 * The nodes of the given types below `root` (usually the Program), in source order. The file is
 * walked once and indexed by node type, so the analyses that each look for calls, classes or
 * objects in the whole file share one traversal.
 */
export function nodesOfType<T extends AST_NODE_TYPES>(root: TSESTree.Node, ...types: T[]): NodeOfType<T>[] {
  let index = nodeIndex.get(root);
  if (!index) {
    const built = new Map<string, TSESTree.Node[]>();
    walk(root, (node) => {
      const list = built.get(node.type);
      if (list) list.push(node);
      else built.set(node.type, [node]);
    });
    nodeIndex.set(root, built);
    index = built;
  }
  if (types.length === 1) return (index.get(types[0]!) ?? []) as NodeOfType<T>[];
  // Walk order is start position, an outer node before an inner one that starts with it.
  return types
    .flatMap((type) => index.get(type) ?? [])
    .sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]) as NodeOfType<T>[];
}

const fallbackKeys = (node: TSESTree.Node): readonly string[] =>
  Object.keys(node).filter((key) => key !== 'parent' && key !== 'loc' && key !== 'range');

/**
 * Visits every node below `root` in source order (children before siblings). Children are found
 * through the parser's visitor keys, the same ESLint itself traverses by, so no `parent` link or
 * token array is looked into. A visitor that returns `'skip'` leaves out the node's children.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => unknown): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === 'skip') continue;
    const keys = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? fallbackKeys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(value)) {
        for (let index = value.length - 1; index >= 0; index--) {
          const item: unknown = value[index];
          if (isNode(item)) stack.push(item);
        }
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const scopeLookups = new WeakMap<object, (node: TSESTree.Node) => Scope>();

/** What a scope is asked of: an ESLint `SourceCode`, or anything that answers `getScope` (its scope manager, when it has one, lets the answers be remembered). */
export interface ScopeSource {
  getScope(node: TSESTree.Node): Scope;
  readonly scopeManager?: TSESLint.Scope.ScopeManager | null;
}

/**
 * `sourceCode.getScope`, remembered for every node it walks through: ESLint's own lookup climbs from
 * the node to the nearest node that owns a scope and remembers the answer for that node only, so
 * asking it of each of n nested calls costs n² steps. Here each node is climbed past once. The
 * answer is the same: a node's scope is its nearest ancestor's scope (with ESLint's `inner` lookup,
 * which the Program alone does not use, so the Program is always asked of ESLint).
 */
export function scopeLookup(sourceCode: ScopeSource): (node: TSESTree.Node) => Scope {
  const known = scopeLookups.get(sourceCode);
  if (known) return known;
  const manager = sourceCode.scopeManager;
  const memo = new WeakMap<TSESTree.Node, Scope>();
  const lookup = (node: TSESTree.Node): Scope => {
    if (!manager || node.type === AST_NODE_TYPES.Program) return sourceCode.getScope(node);
    const climbed: TSESTree.Node[] = [];
    let found: Scope | undefined;
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      found = memo.get(current);
      if (found) break;
      if (current.type === AST_NODE_TYPES.Program) {
        found = sourceCode.getScope(node);
        break;
      }
      const own = manager.acquire(current, true) as Scope | null;
      if (own) {
        found = own.type === 'function-expression-name' ? (own.childScopes[0] as Scope) : own;
        memo.set(current, found);
        break;
      }
      climbed.push(current);
    }
    const scope = found ?? sourceCode.getScope(node);
    for (const passed of climbed) memo.set(passed, scope);
    return scope;
  };
  scopeLookups.set(sourceCode, lookup);
  return lookup;
}

/**
 * The values a loop variable takes from an array literal, in order: the variable of
 * `for (const r of [a, b])` or the first parameter of the callback of `[a, b].forEach(…)` (also
 * `map`); a name destructured from pairs (`for (const [path, r] of [['/a', a], ['/b', b]])`,
 * `.forEach(([path, r]) => …)`) takes the item at its place in each pair (null where a pair has
 * none). Null for any other variable, and for a loop over anything but a literal list.
 */
export function loopedElements(scope: TSESLint.Scope.Scope, name: string): (TSESTree.Node | null)[] | null {
  const variable = findVariable(scope, name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return null;
  let binding: TSESTree.Node | undefined;
  let list: TSESTree.Node | null = null;
  if (definition.type === 'Variable') {
    const statement = definition.parent?.parent;
    if (statement?.type !== AST_NODE_TYPES.ForOfStatement || statement.left !== definition.parent) return null;
    binding = definition.node.id;
    list = unwrap(statement.right);
  } else if (definition.type === 'Parameter' && isFunction(definition.node)) {
    const fn = definition.node;
    binding = fn.params[0];
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !['forEach', 'map'].includes(propertyName(callee.property) ?? '')) return null;
    list = unwrap(callee.object);
  }
  if (list?.type !== AST_NODE_TYPES.ArrayExpression || !binding) return null;
  const elements = list.elements.map((element) => (element === null || element.type === AST_NODE_TYPES.SpreadElement ? null : unwrap(element)));
  if (binding === definition.name) return elements;
  // `[path, r]`: the place of the name in the pair.
  if (binding.type !== AST_NODE_TYPES.ArrayPattern) return null;
  const place = binding.elements.indexOf(definition.name as TSESTree.Identifier);
  if (place < 0) return null;
  return elements.map((element) => {
    const item = element?.type === AST_NODE_TYPES.ArrayExpression ? element.elements[place] : null;
    return item && item.type !== AST_NODE_TYPES.SpreadElement ? unwrap(item) : null;
  });
}

/**
 * The names a binding or assignment pattern writes: `x`, `{ a: x, ...rest }`, `[x = 1]`, a
 * constructor's parameter property; a member target (`[this.order] = …`) by its dotted name.
 */
export function patternNames(node: TSESTree.Node): string[] {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return [node.name];
    case AST_NODE_TYPES.MemberExpression:
      return dottedName(node) === null ? [] : [dottedName(node) ?? ''];
    case AST_NODE_TYPES.ObjectPattern:
      return node.properties.flatMap((property) => patternNames(property.type === AST_NODE_TYPES.RestElement ? property.argument : property.value));
    case AST_NODE_TYPES.ArrayPattern:
      return node.elements.flatMap((element) => (element ? patternNames(element) : []));
    case AST_NODE_TYPES.AssignmentPattern:
      return patternNames(node.left);
    case AST_NODE_TYPES.RestElement:
      return patternNames(node.argument);
    case AST_NODE_TYPES.TSParameterProperty:
      return patternNames(node.parameter);
    default:
      return [];
  }
}

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * The class whose instance `this` is at `node`: the nearest enclosing class, when no `function`
 * (which has its own `this`) stands between them. Arrow functions keep the method's `this`.
 */
export function thisClass(node: TSESTree.Node): ClassNode | null {
  let method = false;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      if (method || current.parent.type !== AST_NODE_TYPES.MethodDefinition || current.parent.static) return null;
      method = true;
    }
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return method ? current : null;
  }
  return null;
}

/** The instance method `name` a class body defines (a method, or a field holding a function). */
export function classMethodOf(owner: ClassNode, name: string): FunctionNode | null {
  for (const member of owner.body.body) {
    if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.computed || member.static) continue;
    if (propertyName(member.key) !== name || !member.value) continue;
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method') return null;
    const value = unwrap(member.value);
    return isFunction(value) ? value : null;
  }
  return null;
}
