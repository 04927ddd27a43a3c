/**
 * Reads of whole records written as query-builder chains rather than one ORM call: Drizzle's
 * `db.select().from(users)`, TypeORM's `createQueryBuilder('u')...getMany()` and Firestore's
 * `collection('users').doc(id).get()` then `.data()`. Each answers the record it reads, `null`
 * when the chain chose its columns, and `undefined` when the call is not such a chain (the caller
 * goes on with its other readers). The library knowledge is data in `models/exposure.ts`.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { documentReference, queryBuilderRoots, queryBuilderTerminals, rawQueryBuilderTerminals, selectAllMethods } from '../../models/exposure.js';
import { dottedName, findVariable, propertyName, unwrap, scopeOf } from '../../utils/ast.js';
import type { Origin } from './trace.js';

type ModelName = (receiver: TSESTree.Node) => string | null;

const MAX_CHAIN = 30;

/** The record read by a query-builder chain ending in `call` (see the file comment). */
export function queryBuilderRead(
  call: TSESTree.CallExpression,
  method: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
  modelName: ModelName,
): Origin | null | undefined {
  if (method === 'from') return selectFrom(call);
  const terminal = Object.hasOwn(queryBuilderTerminals, method) ? queryBuilderTerminals[method] : undefined;
  if (terminal !== undefined) return builderChain(call, method, terminal, modelName);
  if (method === documentReference.data && call.arguments.length === 0) return documentData(call, sourceCode);
  return undefined;
}

/** Drizzle: `db.select().from(users)` reads whole rows; `db.select({ id: users.id }).from(users)` does not. */
function selectFrom(call: TSESTree.CallExpression): Origin | null | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const select = unwrap(callee.object);
  if (select.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const selectCallee = unwrap(select.callee);
  if (selectCallee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = propertyName(selectCallee.property);
  if (name === null || !selectAllMethods.has(name)) return undefined;
  if (select.arguments.length > 0) return null;
  const table = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (table?.type !== AST_NODE_TYPES.Identifier && table?.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const model = dottedName(table)?.split('.').pop() ?? null;
  const label = `${dottedName(selectCallee) ?? name}().from(${model ?? '…'})`;
  return { kind: 'record', label, node: call, model, many: true, removed: [], columns: null };
}

/**
 * TypeORM: `repo.createQueryBuilder('u').where(...).getOne()` reads whole entities unless a step of
 * the chain is `select(...)` with arguments. Only a chain rooted in `createQueryBuilder` counts, so
 * an unrelated `getOne()` is not a read.
 */
function builderChain(
  call: TSESTree.CallExpression,
  method: string,
  cardinality: 'one' | 'many',
  modelName: ModelName,
): Origin | null | undefined {
  let current: TSESTree.Node = unwrap(call.callee);
  // Hidden columns the chain adds back: `addSelect('u.passwordHash')`, `addSelect(['u.a', 'u.b'])`.
  const selected: string[] = [];
  for (let step = 0; step < MAX_CHAIN && current.type === AST_NODE_TYPES.MemberExpression; step++) {
    const inner = unwrap(current.object);
    if (inner.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const innerCallee = unwrap(inner.callee);
    if (innerCallee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = propertyName(innerCallee.property);
    if (name === null) return undefined;
    if (name === 'select' && inner.arguments.length > 0) return null;
    if (name === 'addSelect') selected.push(...addedColumns(inner.arguments[0]));
    if (queryBuilderRoots.has(name)) {
      // `manager.createQueryBuilder(User, 'u')` names the entity; `repo.createQueryBuilder('u')` its receiver.
      const first = inner.arguments[0] ? unwrap(inner.arguments[0]) : null;
      const model =
        first?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(first.name) ? first.name : modelName(innerCallee.object);
      const label = `${name}(…)….${method}`;
      const raw = rawQueryBuilderTerminals.has(method) ? { raw: true as const } : {};
      return { kind: 'record', label, node: call, model, many: cardinality === 'many', removed: [], columns: null, ...(selected.length > 0 ? { selected } : {}), ...raw };
    }
    current = innerCallee;
  }
  return undefined;
}

/**
 * The columns an `addSelect` argument names, without the alias (`'u.passwordHash'` → `passwordHash`);
 * anything but string literals (a sub-query, a variable) is taken to add every column back.
 */
function addedColumns(argument: TSESTree.Node | undefined): string[] {
  const value = argument ? unwrap(argument) : null;
  const items = value?.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
  return items.map((item) => (item?.type === AST_NODE_TYPES.Literal && typeof item.value === 'string' ? item.value.split('.').pop() ?? item.value : '*'));
}

/** Firestore: `snapshot.data()` where the snapshot is `<ref>.doc(id).get()`, awaited. */
function documentData(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): Origin | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const read = valueOf(callee.object, sourceCode);
  if (read?.type !== AST_NODE_TYPES.CallExpression || read.arguments.length > 0) return undefined;
  const readCallee = unwrap(read.callee);
  if (readCallee.type !== AST_NODE_TYPES.MemberExpression || propertyName(readCallee.property) !== documentReference.read) return undefined;
  const reference = valueOf(readCallee.object, sourceCode);
  if (reference?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const referenceCallee = unwrap(reference.callee);
  if (referenceCallee.type !== AST_NODE_TYPES.MemberExpression || propertyName(referenceCallee.property) !== documentReference.reference) return undefined;
  const named = collectionName(referenceCallee.object, sourceCode);
  const model = named ?? documentPathCollection(reference.arguments[0]);
  const label = named !== null ? `collection('${named}').doc(…).get().data` : model !== null ? `doc('${model}/…').get().data` : 'doc(…).get().data';
  return { kind: 'record', label, node: call, model, many: false, removed: [], columns: null };
}

/**
 * `db.doc(\`users/${uid}\`)`, `db.doc('projects/' + pid + '/tasks/' + tid)`: a document path names
 * its collection as its second-to-last segment (paths alternate collection and document ids).
 * Null when that segment is not fixed text or the path is not written in place.
 */
function documentPathCollection(argument: TSESTree.Node | undefined): string | null {
  const text = argument ? pathText(unwrap(argument)) : null;
  const segments = text?.split('/');
  if (!segments || segments.length < 2 || segments.length % 2 !== 0) return null;
  const collection = segments[segments.length - 2]!;
  return collection !== '' && !collection.includes('\0') ? collection : null;
}

/** The text of a path written in place, each interpolated value a `\0`; null for anything else. */
function pathText(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : null;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((quasi) => quasi.value.cooked ?? '').join('\0');
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    const left = pathText(unwrap(node.left));
    const right = pathText(unwrap(node.right));
    return (left ?? '\0') + (right ?? '\0');
  }
  return null;
}

/** `db.collection('users')` (directly or through a const) names the collection. */
function collectionName(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  const value = valueOf(node, sourceCode);
  if (value?.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(value.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (name !== documentReference.collection) return null;
  const argument = value.arguments.at(-1);
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : null;
}

/** The expression a node stands for: itself without `await` and parentheses, or a const's initial value. */
function valueOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  let current = unwrap(node);
  for (let step = 0; step < 4; step++) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = unwrap(current.argument);
      continue;
    }
    if (current.type !== AST_NODE_TYPES.Identifier) return current;
    const variable = findVariable(scopeOf(sourceCode, current), current.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier) return null;
    if (definition.node.parent.kind !== 'const' || !definition.node.init) return null;
    current = unwrap(definition.node.init);
  }
  return null;
}
