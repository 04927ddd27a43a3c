import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, findVariable, inlineRequire, isConstantBinding, isFunction, memberKeyName, propertyName, requiredModule, singleDefinition, unwrap, walk, scopeOf, type ScopeSource } from '../../utils/ast.js';
import { importedDefinition } from '../project/imported.js';
import { parseProjectFile } from '../project/parse.js';

/** Methods that change an array, set or map in place. */
const MUTATORS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin', 'add', 'set', 'delete', 'clear', 'pop', 'shift']);
/** Calls that change their first argument in place (`Object.assign(LIST, extra)`). */
const ARGUMENT_MUTATORS = new Set(['Object.assign', 'Object.defineProperty', 'Object.defineProperties', 'Reflect.set', 'Reflect.deleteProperty', 'Reflect.defineProperty', 'Array.prototype.push.apply', 'Array.prototype.push.call', 'Array.prototype.splice.call', 'Array.prototype.splice.apply']);
/** Calls whose result has the same members as their argument. */
const SAME_MEMBERS = new Set(['Object.freeze', 'Array.from']);
/** Calls whose result is the keys or values of their argument: fixed when it is, but not its literal. */
const DERIVED_MEMBERS = new Set(['Object.keys', 'Object.values']);
const MAX_DEPTH = 6;

/**
 * A fixed list a value can be checked against (`ALLOWED.includes(x)`, `KNOWN.has(x)`): an array
 * or `new Set([...])` of literals, written inline or bound to a `const` that nothing mutates, a
 * property of a constant object literal (of this file or of a settings module it imports or
 * requires), a class field initialised so, or a TypeScript enum. A list built at run time (filled
 * by `push`, emptied by `length = 0`, handed to a function of the file that changes it, read from
 * a parameter or the request) is not one: passing the check says nothing about the value.
 */
export function isFixedList(node: TSESTree.Node, sourceCode: ScopeSource, depth = 0): boolean {
  return fixedListLiterals(node, sourceCode, depth) !== null;
}

/**
 * The strings of a fixed list (see `isFixedList`): the entries of the array literals it is written
 * as (`const OPEN = ['/health', '/login']`, `new Set([...])` of one, `settings.auth.open` of an
 * imported settings module). Undefined when the list is not provably fixed (the code mutates it,
 * it is read at run time) or an entry is not a string literal.
 */
export function fixedStringList(node: TSESTree.Node, sourceCode: ScopeSource): readonly string[] | undefined {
  const literals = fixedListLiterals(node, sourceCode, 0);
  if (literals === null) return undefined;
  const strings: string[] = [];
  for (const literal of literals) {
    if (literal.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
    for (const element of literal.elements) {
      const text = element === null ? null : stringOf(element);
      if (text === null) return undefined;
      strings.push(text);
    }
  }
  return strings;
}

function stringOf(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value;
  if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) return target.quasis[0]?.value.cooked ?? null;
  return null;
}

/**
 * The literals a fixed list is written as (an array or object literal, the pairs of a `new Map`, an
 * enum), one per object a member chain may reach; null when the list is not provably fixed.
 * Object.keys and Object.values of a fixed object are fixed, but their literal is not the list.
 */
function fixedListLiterals(node: TSESTree.Node, sourceCode: ScopeSource, depth: number): TSESTree.Node[] | null {
  if (depth > MAX_DEPTH) return null;
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return target.elements.every((element) => element !== null && isLiteral(element)) ? [target] : null;
    case AST_NODE_TYPES.ObjectExpression:
      return target.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && isLiteral(property.value)) ? [target] : null;
    case AST_NODE_TYPES.NewExpression: {
      const name = dottedName(target.callee);
      const [first] = target.arguments;
      return (name === 'Set' || name === 'Map') && first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement ? fixedListLiterals(first, sourceCode, depth + 1) : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const [first] = target.arguments;
      const name = dottedName(target.callee) ?? '';
      if (first === undefined || first.type === AST_NODE_TYPES.SpreadElement) return null;
      if (SAME_MEMBERS.has(name)) return fixedListLiterals(first, sourceCode, depth + 1);
      return DERIVED_MEMBERS.has(name) && fixedListLiterals(first, sourceCode, depth + 1) !== null ? [target] : null;
    }
    case AST_NODE_TYPES.Identifier:
      return fixedBinding(target, sourceCode, depth);
    case AST_NODE_TYPES.MemberExpression:
      return fixedMember(target, sourceCode, depth);
    default:
      return null;
  }
}

function isLiteral(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal) return !('regex' in target);
  if (target.type === AST_NODE_TYPES.TemplateLiteral) return target.expressions.length === 0;
  // `['a', 'b'] as const`, enum members and nested pairs of a `new Map([[k, v]])`.
  if (target.type === AST_NODE_TYPES.ArrayExpression) return target.elements.every((element) => element !== null && isLiteral(element));
  // Records of a fixed table (`[{ name: 'a', label: 'A' }]`), searched by a field.
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    return target.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && isLiteral(property.value));
  }
  return target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '-' && unwrap(target.argument).type === AST_NODE_TYPES.Literal;
}

function fixedBinding(identifier: TSESTree.Identifier, sourceCode: ScopeSource, depth: number): TSESTree.Node[] | null {
  const variable = findVariable(scopeOf(sourceCode, identifier), identifier.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!variable || !definition) return null;
  if (definition.node.type === AST_NODE_TYPES.TSEnumDeclaration) return [definition.node];
  if (definition.type === 'ImportBinding') return fixedImport(definition.node, definition.parent, variable, sourceCode, depth);
  if (!isConstantBinding(variable) || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
  if (variable.references.some((reference) => isMutation(reference.identifier, sourceCode))) return null;
  return fixedListLiterals(definition.node.init, sourceCode, depth + 1);
}

/**
 * `import { ALLOWED_DEFAULTS } from './constants'`: a fixed list when the other file of the project
 * exports a `const` initialised so, and neither that file nor this one mutates it.
 */
function fixedImport(specifier: TSESTree.Node, declaration: TSESTree.Node | null, variable: TSESLint.Scope.Variable, sourceCode: ScopeSource, depth: number): TSESTree.Node[] | null {
  if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  if (variable.references.some((reference) => isMutation(reference.identifier, sourceCode))) return null;
  const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
  const found = importedDefinition(specifier, declaration.source.value, imported);
  const declarator = found?.node.parent;
  if (!found || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== found.node || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  if (declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || declarator.parent.kind !== 'const') return null;
  const module = parseProjectFile(found.file);
  if (!module) return null;
  const exported = findVariable(scopeOf(module.sourceCode, declarator), declarator.id.name);
  if (!exported || exported.references.some((reference) => isMutation(reference.identifier, module.sourceCode))) return null;
  return fixedListLiterals(found.node, module.sourceCode, depth + 1);
}

/**
 * `LIMITS.sortable` of a constant object literal, `this.allowed` of a class field, or
 * `settings.auth.open` of a settings module the file imports or requires (`module.exports = {
 * auth: { open: [...] } }`).
 */
function fixedMember(member: TSESTree.MemberExpression, sourceCode: ScopeSource, depth: number): TSESTree.Node[] | null {
  const name = propertyName(member.property);
  if (name === null || isMutation(member, sourceCode)) return null;
  const object = unwrap(member.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    let current: TSESTree.Node | undefined = member.parent;
    while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
    const field = current?.body.find((element) => element.type === AST_NODE_TYPES.PropertyDefinition && memberKeyName(element) === name);
    return field?.type === AST_NODE_TYPES.PropertyDefinition && field.value !== null && (field.readonly || !isReassigned(current, name)) ? fixedListLiterals(field.value, sourceCode, depth + 1) : null;
  }
  // `config.clients[provider].redirectUris`: the member of every object the chain can reach.
  const holders = fixedObjects(object, sourceCode, depth + 1);
  if (holders !== null && holders.length > 0) {
    const found: TSESTree.Node[] = [];
    for (const { object: holder, sourceCode: code } of holders) {
      const property = holder.properties.find((entry) => entry.type === AST_NODE_TYPES.Property && !entry.computed && memberKeyName(entry) === name);
      const literals = property?.type === AST_NODE_TYPES.Property ? fixedListLiterals(property.value, code, depth + 1) : null;
      if (literals === null) return null;
      found.push(...literals);
    }
    return found;
  }
  const imported = settingsMember(member, sourceCode);
  return imported ? fixedListLiterals(imported.node, imported.sourceCode, depth + 1) : null;
}

/**
 * The value a member chain reads from a module of the project the file loads: `settings.auth.open`
 * (`const settings = require('../config')`, `import settings from '../config'`, `import * as
 * settings`), `require('../config').open`. Null when the root is not such a module or the chain
 * is written through here (`settings.auth.open.push(x)`).
 */
function settingsMember(member: TSESTree.MemberExpression, sourceCode: ScopeSource): { node: TSESTree.Node; sourceCode: ScopeSource } | null {
  const members: string[] = [];
  let current: TSESTree.Node = member;
  for (let steps = 0; current.type === AST_NODE_TYPES.MemberExpression; steps++) {
    const step = current.computed ? null : propertyName(current.property);
    if (step === null || steps > MAX_DEPTH) return null;
    members.unshift(step);
    current = unwrap(current.object);
  }
  let module: string | null = null;
  let name = '';
  if (current.type === AST_NODE_TYPES.CallExpression) {
    module = requiredModule(current);
  } else if (current.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(sourceCode, current), current.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (!variable || !definition || variable.references.some((reference) => writesThrough(reference.identifier, sourceCode))) return null;
    if (definition.type === 'ImportBinding' && definition.parent?.type === AST_NODE_TYPES.ImportDeclaration) {
      module = String(definition.parent.source.value);
      const specifier = definition.node;
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) name = propertyName(specifier.imported) ?? '';
      else if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) name = members.shift() ?? '';
    } else if (isConstantBinding(variable) && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) {
      const required = inlineRequire(definition.node.init);
      if (required === null) return null;
      module = required.module;
      if (required.member !== null) members.unshift(required.member);
    }
  }
  if (module === null || members.length === 0) return null;
  const found = importedDefinition(member, module, [name, ...members].join('.'));
  return found ? { node: found.node, sourceCode: { getScope: found.scopeOf } } : null;
}

/**
 * `list.push(x)`, `list[i] = x`, `list.length = 0`, `Object.assign(list, …)`, `fill(list)` of a
 * function of the file that changes its parameter: the list read through `node` changes. A
 * function out of view (another module, a package) is taken to only read what it is given.
 */
function isMutation(node: TSESTree.Node, sourceCode: ScopeSource): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    const method = propertyName(parent.property);
    if (parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent && method !== null && MUTATORS.has(method)) return true;
    if (parent.parent.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent) return true;
    if (parent.parent.type === AST_NODE_TYPES.UpdateExpression || (parent.parent.type === AST_NODE_TYPES.UnaryExpression && parent.parent.operator === 'delete')) return true;
  }
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== node) return mutatesArgument(parent, parent.arguments.indexOf(node as TSESTree.CallExpressionArgument), sourceCode);
  return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node;
}

/** Whether a call changes its argument at `index`: a known in-place call, or a function of the file that mutates that parameter. */
function mutatesArgument(call: TSESTree.CallExpression, index: number, sourceCode: ScopeSource): boolean {
  if (index < 0) return false;
  const name = dottedName(call.callee);
  if (name !== null && ARGUMENT_MUTATORS.has(name)) return index === 0 || name.startsWith('Array.prototype.');
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(scopeOf(sourceCode, callee), callee.name);
  const definition = variable ? singleDefinition(variable) : null;
  const fn = definition?.node.type === AST_NODE_TYPES.FunctionDeclaration ? definition.node
    : definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && isFunction(unwrap(definition.node.init)) ? unwrap(definition.node.init) : null;
  if (fn === null || !isFunction(fn)) return false;
  const param = fn.params[index];
  // `function extend(list, ...more)`: a rest or destructured parameter is read as changing nothing it cannot name.
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const own = findVariable(scopeOf(sourceCode, fn.body), param.name);
  // One level: the parameter's own writes (not the functions it is handed on to), so this stays linear.
  return own !== null && own !== undefined && own.references.some((reference) => {
    const at = reference.identifier.parent;
    if (at?.type === AST_NODE_TYPES.CallExpression && at.callee !== reference.identifier) {
      const named = dottedName(at.callee);
      return named !== null && ARGUMENT_MUTATORS.has(named) && at.arguments[0] === reference.identifier;
    }
    return isMutation(reference.identifier, sourceCode);
  });
}

const assignedFields = new WeakMap<TSESTree.ClassBody, ReadonlySet<string>>();

/** A class field assigned outside its initialiser (`this.allowed = ...`); found once per class. */
function isReassigned(classBody: TSESTree.ClassBody | undefined, name: string): boolean {
  if (!classBody) return true;
  let names = assignedFields.get(classBody);
  if (!names) {
    const found = new Set<string>();
    walk(classBody, (node) => {
      if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) return;
      if (node.left.object.type !== AST_NODE_TYPES.ThisExpression) return;
      const assigned = propertyName(node.left.property);
      if (assigned !== null) found.add(assigned);
    });
    names = found;
    assignedFields.set(classBody, names);
  }
  return names.has(name);
}

/** At most this many objects are followed through the computed keys of one chain. */
const MAX_HOLDERS = 64;

/**
 * The object literals a member chain of constants can evaluate to, each with the source code it is
 * written in: `CONFIG` (a `const` of this file, or imported from a project file, nothing writing
 * to its members), `CONFIG.clients` (the value of that property), `CONFIG.clients[key]` (every value
 * of that object: the key may be any of them). Null when some step is not such an object.
 */
function fixedObjects(node: TSESTree.Node, sourceCode: ScopeSource, depth: number): { object: TSESTree.ObjectExpression; sourceCode: ScopeSource }[] | null {
  if (depth > MAX_DEPTH) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const root = constantObject(target, sourceCode);
    return root ? [root] : null;
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression || isMutation(target, sourceCode)) return null;
  const outer = fixedObjects(target.object, sourceCode, depth + 1);
  if (!outer) return null;
  const name = target.computed ? null : propertyName(target.property);
  const found: { object: TSESTree.ObjectExpression; sourceCode: ScopeSource }[] = [];
  for (const { object, sourceCode: code } of outer) {
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) return null;
      if (name !== null && memberKeyName(property) !== name) continue;
      const value = unwrap(property.value);
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return null;
      found.push({ object: value, sourceCode: code });
      if (found.length > MAX_HOLDERS) return null;
    }
  }
  return found;
}

/** The object literal a `const` of this file, or one imported from a project file, is bound to; never written through. */
function constantObject(identifier: TSESTree.Identifier, sourceCode: ScopeSource): { object: TSESTree.ObjectExpression; sourceCode: ScopeSource } | null {
  const variable = findVariable(scopeOf(sourceCode, identifier), identifier.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!variable || !definition || variable.references.some((reference) => writesThrough(reference.identifier, sourceCode))) return null;
  let declarator: TSESTree.Node | undefined;
  let code = sourceCode;
  if (definition.type === 'ImportBinding') {
    const specifier = definition.node;
    const declaration = definition.parent;
    if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return null;
    const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
    const found = importedDefinition(specifier, declaration.source.value, imported);
    const module = found ? parseProjectFile(found.file) : null;
    declarator = found?.node.parent;
    if (!module || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
    const exported = findVariable(scopeOf(module.sourceCode, declarator), declarator.id.name);
    if (!exported || exported.references.some((reference) => writesThrough(reference.identifier, module.sourceCode))) return null;
    code = module.sourceCode;
  } else {
    if (!isConstantBinding(variable)) return null;
    declarator = definition.node;
  }
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || declarator.parent.kind !== 'const') return null;
  let init = unwrap(declarator.init);
  if (init.type === AST_NODE_TYPES.CallExpression && dottedName(init.callee) === 'Object.freeze' && init.arguments[0]) init = unwrap(init.arguments[0]);
  return init.type === AST_NODE_TYPES.ObjectExpression ? { object: init, sourceCode: code } : null;
}

/** A write to the value or to any member below it (`CONFIG.clients.x = …`, `CONFIG.list.push(…)`). */
function writesThrough(node: TSESTree.Node, sourceCode: ScopeSource): boolean {
  let current: TSESTree.Node = node;
  for (let steps = 0; steps < MAX_DEPTH + 2; steps++) {
    if (isMutation(current, sourceCode)) return true;
    const parent = current.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return false;
    current = parent;
  }
  return true;
}
