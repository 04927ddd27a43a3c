import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, importSource, propertyName, singleDefinition, unwrap, type Scope } from '../../utils/ast.js';
import { importedDefinition } from '../project/imported.js';
import { isLocalModule } from '../routes/frameworks/shared-ast.js';

/**
 * What a Hapi route's `options.validate.payload` lets through:
 * - `closed`: a Joi object schema (or a plain object, which Hapi compiles to one) that lists its keys;
 *   Joi refuses keys an object schema does not list unless told otherwise, so only `fields` reach
 *   the handler;
 * - `open`: any key gets through (`Joi.object()` with no keys, `.unknown()`, `.pattern()`,
 *   `allowUnknown`, `Joi.any()`, `payload: true`);
 * - `unknown`: the schema is out of view (another package's, a call not read here).
 */
export type JoiPayload = { kind: 'closed'; fields: string[] } | { kind: 'open' } | { kind: 'unknown' };

const JOI_MODULES = new Set(['joi', '@hapi/joi']);
/** Methods of an object schema that neither add keys nor let unknown ones through. */
const NEUTRAL = new Set([
  'required', 'optional', 'label', 'description', 'notes', 'tags', 'meta', 'example', 'id', 'min', 'max', 'length',
  'and', 'or', 'xor', 'oxor', 'nand', 'with', 'without', 'strict', 'default', 'empty', 'allow', 'valid', 'invalid',
  'messages', 'error', 'when', 'external', 'custom', 'strip', 'presence', 'raw', 'cache', 'rule', 'warning', 'forbidden',
]);
/** How many definitions (variables, imports, members) one schema is followed through. */
const MAX_DEPTH = 8;

type ScopeOf = (node: TSESTree.Node) => Scope;

/** Reads a Hapi payload validation schema (see `JoiPayload`). */
export function joiPayload(node: TSESTree.Node, scopeOf: ScopeOf, depth = 0): JoiPayload {
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return objectKeys(target);
    case AST_NODE_TYPES.Literal:
      return target.value === false ? { kind: 'closed', fields: [] } : { kind: 'open' };
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
      return definitionOf(target, scopeOf, depth);
    case AST_NODE_TYPES.CallExpression:
      return chain(target, scopeOf, depth);
    default:
      return { kind: 'unknown' };
  }
}

/** A plain object of keys (`{ name: Joi.string() }`); a spread or computed key is out of view. */
function objectKeys(object: TSESTree.ObjectExpression): JoiPayload {
  const fields: string[] = [];
  for (const property of object.properties) {
    const name = property.type === AST_NODE_TYPES.Property && !property.computed ? propertyName(property.key) : null;
    if (name === null) return { kind: 'unknown' };
    fields.push(name);
  }
  return { kind: 'closed', fields };
}

/**
 * `Joi.object({ … }).keys({ … }).required()`: read from the root call outwards. `Joi.object()` with
 * no keys accepts any key until `.keys({ … })` names some.
 */
function chain(call: TSESTree.CallExpression, scopeOf: ScopeOf, depth: number): JoiPayload {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return { kind: 'unknown' };
  const method = propertyName(callee.property);
  const receiver = unwrap(callee.object);
  const [first] = call.arguments;
  const argument = first && first.type !== AST_NODE_TYPES.SpreadElement ? unwrap(first) : null;
  if (receiver.type === AST_NODE_TYPES.Identifier && isJoi(receiver, scopeOf)) {
    if (method === 'object') {
      if (!argument) return { kind: 'open' };
      return argument.type === AST_NODE_TYPES.ObjectExpression ? objectKeys(argument) : { kind: 'unknown' };
    }
    // `Joi.any()`, `Joi.alternatives()`: no bound on the keys of an object payload.
    return { kind: 'open' };
  }
  const inner = joiPayload(receiver, scopeOf, depth + 1);
  if (method === 'keys' || method === 'append') {
    if (!argument) return method === 'keys' ? { kind: 'open' } : inner;
    const added = argument.type === AST_NODE_TYPES.ObjectExpression ? objectKeys(argument) : { kind: 'unknown' as const };
    if (added.kind !== 'closed') return added;
    // `Joi.object().keys({ … })` names the keys of an object that accepted any.
    if (inner.kind === 'open' && isBareObject(receiver, scopeOf)) return added;
    return inner.kind === 'closed' ? { kind: 'closed', fields: [...inner.fields, ...added.fields] } : inner;
  }
  if (inner.kind !== 'closed') return inner;
  if (method === 'unknown') {
    const value = argument?.type === AST_NODE_TYPES.Literal ? argument.value : true;
    return value === false ? inner : { kind: 'open' };
  }
  if (method === 'pattern') return { kind: 'open' };
  if (method === 'options' || method === 'prefs' || method === 'preferences') {
    if (argument?.type !== AST_NODE_TYPES.ObjectExpression) return { kind: 'unknown' };
    const allow = argument.properties.find((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key) === 'allowUnknown');
    if (!allow) return inner;
    const value = allow.type === AST_NODE_TYPES.Property ? unwrap(allow.value) : null;
    return value?.type === AST_NODE_TYPES.Literal && value.value === false ? inner : { kind: 'open' };
  }
  return method !== null && NEUTRAL.has(method) ? inner : { kind: 'unknown' };
}

/** `Joi.object()` itself, without keys. */
function isBareObject(node: TSESTree.Node, scopeOf: ScopeOf): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 0) return false;
  const callee = unwrap(node.callee);
  const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
  return callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee.property) === 'object' && receiver?.type === AST_NODE_TYPES.Identifier && isJoi(receiver, scopeOf);
}

function isJoi(identifier: TSESTree.Identifier, scopeOf: ScopeOf): boolean {
  const source = importSource(scopeOf(identifier), identifier.name);
  return source !== null && JOI_MODULES.has(source.module) && (source.imported === null || source.imported === 'default');
}

/**
 * A schema held in a variable of this file, or exported by another module of the project (also a
 * member of an exported object: `schemas.note.create`). A package's schema is out of view.
 */
function definitionOf(node: TSESTree.Identifier | TSESTree.MemberExpression, scopeOf: ScopeOf, depth: number): JoiPayload {
  const members: string[] = [];
  let root: TSESTree.Node = node;
  while (root.type === AST_NODE_TYPES.MemberExpression) {
    const name = root.computed && root.property.type !== AST_NODE_TYPES.Literal ? null : propertyName(root.property);
    if (name === null) return { kind: 'unknown' };
    members.unshift(name);
    root = unwrap(root.object);
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return { kind: 'unknown' };
  const scope = scopeOf(root);
  const source = importSource(scope, root.name);
  if (source) {
    if (!isLocalModule(source.module)) return { kind: 'unknown' };
    const found = importedDefinition(root, source.module, [source.imported === 'default' ? '' : (source.imported ?? ''), ...members].join('.'));
    return found ? joiPayload(found.node, found.scopeOf, depth + 1) : { kind: 'unknown' };
  }
  const variable = findVariable(scope, root.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return { kind: 'unknown' };
  let value: TSESTree.Node = unwrap(definition.node.init);
  for (const member of members) {
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return { kind: 'unknown' };
    const property = value.properties.find((item) => item.type === AST_NODE_TYPES.Property && !item.computed && propertyName(item.key) === member);
    if (property?.type !== AST_NODE_TYPES.Property) return { kind: 'unknown' };
    value = unwrap(property.value);
  }
  return joiPayload(value, scopeOf, depth + 1);
}
