import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, findVariable, isConstantBinding, memberKeyName, propertyName, singleDefinition, unwrap, walk } from '../../utils/ast.js';
import { importedDefinition } from '../project/imported.js';
import { parseProjectFile } from '../project/parse.js';

/** Methods that change an array, set or map in place. */
const MUTATORS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin', 'add', 'set', 'delete', 'clear']);
/** Calls whose result has the same members as their argument. */
const SAME_MEMBERS = new Set(['Object.freeze', 'Array.from', 'Object.keys', 'Object.values']);
const MAX_DEPTH = 6;

/**
 * A fixed list a value can be checked against (`ALLOWED.includes(x)`, `KNOWN.has(x)`): an array
 * or `new Set([...])` of literals, written inline or bound to a `const` that nothing mutates, a
 * property of a constant object literal, a class field initialised so, or a TypeScript enum.
 * A list built at run time (filled by `push`, read from a parameter or the request) is not one:
 * passing the check says nothing about the value.
 */
export function isFixedList(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return target.elements.every((element) => element !== null && isLiteral(element));
    case AST_NODE_TYPES.ObjectExpression:
      return target.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && isLiteral(property.value));
    case AST_NODE_TYPES.NewExpression: {
      const name = dottedName(target.callee);
      const [first] = target.arguments;
      return (name === 'Set' || name === 'Map') && first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && isFixedList(first, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.CallExpression: {
      const [first] = target.arguments;
      return SAME_MEMBERS.has(dottedName(target.callee) ?? '') && first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && isFixedList(first, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.Identifier:
      return isFixedBinding(target, sourceCode, depth);
    case AST_NODE_TYPES.MemberExpression:
      return isFixedMember(target, sourceCode, depth);
    default:
      return false;
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

function isFixedBinding(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const variable = findVariable(sourceCode.getScope(identifier), identifier.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!variable || !definition) return false;
  if (definition.node.type === AST_NODE_TYPES.TSEnumDeclaration) return true;
  if (definition.type === 'ImportBinding') return isFixedImport(definition.node, definition.parent, variable, depth);
  if (!isConstantBinding(variable) || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return false;
  return !variable.references.some((reference) => isMutation(reference.identifier)) && isFixedList(definition.node.init, sourceCode, depth + 1);
}

/**
 * `import { ALLOWED_DEFAULTS } from './constants'`: a fixed list when the other file of the project
 * exports a `const` initialised so, and neither that file nor this one mutates it.
 */
function isFixedImport(specifier: TSESTree.Node, declaration: TSESTree.Node | null, variable: TSESLint.Scope.Variable, depth: number): boolean {
  if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return false;
  if (variable.references.some((reference) => isMutation(reference.identifier))) return false;
  const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
  const found = importedDefinition(specifier, declaration.source.value, imported);
  const declarator = found?.node.parent;
  if (!found || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== found.node || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  if (declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || declarator.parent.kind !== 'const') return false;
  const module = parseProjectFile(found.file);
  if (!module) return false;
  const exported = findVariable(module.sourceCode.getScope(declarator), declarator.id.name);
  if (!exported || exported.references.some((reference) => isMutation(reference.identifier))) return false;
  return isFixedList(found.node, module.sourceCode, depth + 1);
}

/** `LIMITS.sortable` of a constant object literal, or `this.allowed` of a class field. */
function isFixedMember(member: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const name = propertyName(member.property);
  if (name === null || isMutation(member)) return false;
  const object = unwrap(member.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    let current: TSESTree.Node | undefined = member.parent;
    while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
    const field = current?.body.find((element) => element.type === AST_NODE_TYPES.PropertyDefinition && memberKeyName(element) === name);
    return field?.type === AST_NODE_TYPES.PropertyDefinition && field.value !== null && (field.readonly || !isReassigned(current, name)) && isFixedList(field.value, sourceCode, depth + 1);
  }
  if (object.type !== AST_NODE_TYPES.Identifier) {
    // `config.clients[provider].redirectUris`: the member of every object the chain can reach.
    const holders = fixedObjects(object, sourceCode, depth + 1);
    return holders !== null && holders.length > 0 && holders.every(({ object: holder, sourceCode: code }) => {
      const property = holder.properties.find((entry) => entry.type === AST_NODE_TYPES.Property && !entry.computed && memberKeyName(entry) === name);
      return property?.type === AST_NODE_TYPES.Property && isFixedList(property.value, code, depth + 1);
    });
  }
  const variable = findVariable(sourceCode.getScope(object), object.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!variable || !isConstantBinding(variable) || definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  if (variable.references.some((reference) => reference.identifier.parent.type === AST_NODE_TYPES.MemberExpression && isMutation(reference.identifier.parent))) return false;
  const init = unwrap(definition.node.init);
  const holder = init.type === AST_NODE_TYPES.CallExpression && dottedName(init.callee) === 'Object.freeze' && init.arguments[0] ? unwrap(init.arguments[0]) : init;
  if (holder.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const property = holder.properties.find((entry) => entry.type === AST_NODE_TYPES.Property && memberKeyName(entry) === name);
  return property?.type === AST_NODE_TYPES.Property && isFixedList(property.value, sourceCode, depth + 1);
}

/** `list.push(x)`, `list[i] = x`, `list.length = 0`: the list read through `node` changes. */
function isMutation(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    const method = propertyName(parent.property);
    if (parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent && method !== null && MUTATORS.has(method)) return true;
    if (parent.parent.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent) return true;
  }
  return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node;
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
function fixedObjects(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): { object: TSESTree.ObjectExpression; sourceCode: Readonly<TSESLint.SourceCode> }[] | null {
  if (depth > MAX_DEPTH) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const root = constantObject(target, sourceCode);
    return root ? [root] : null;
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression || isMutation(target)) return null;
  const outer = fixedObjects(target.object, sourceCode, depth + 1);
  if (!outer) return null;
  const name = target.computed ? null : propertyName(target.property);
  const found: { object: TSESTree.ObjectExpression; sourceCode: Readonly<TSESLint.SourceCode> }[] = [];
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
function constantObject(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): { object: TSESTree.ObjectExpression; sourceCode: Readonly<TSESLint.SourceCode> } | null {
  const variable = findVariable(sourceCode.getScope(identifier), identifier.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!variable || !definition || variable.references.some((reference) => writesThrough(reference.identifier))) return null;
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
    const exported = findVariable(module.sourceCode.getScope(declarator), declarator.id.name);
    if (!exported || exported.references.some((reference) => writesThrough(reference.identifier))) return null;
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
function writesThrough(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (let steps = 0; steps < MAX_DEPTH + 2; steps++) {
    if (isMutation(current)) return true;
    const parent = current.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return false;
    current = parent;
  }
  return true;
}
