/**
 * Record accesses: the calls that read, change or delete records of a model by a filter or an id,
 * in the shapes of the ORMs and drivers the plugin knows (Prisma, TypeORM, Sequelize, Mongoose and
 * the MongoDB driver, Drizzle, knex, SQL text with bound values). Syntax only: which values are the
 * client's is the taint engine's question (see `ownership.ts`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  builderActions,
  drizzleComparisons,
  drizzleConjunctions,
  idFields,
  modelMethods,
  documentStores,
  entityManagers,
  kyselyStarters,
  modelQueryStarters,
  namedInputs,
  notRecordReceivers,
  prismaMethods,
  recordReceivers,
  recordStoreInjectors,
  recordStoreTypes,
  type RecordMethodModel,
  sqlQueryMethods,
  typeormQueryBuilder,
} from '../../models/ownership.js';
import { dottedName, findVariable, isConstantBinding, isFunction, nodesOfType, propertyName, resolveFunction, scopeLookup, unwrap } from '../../utils/ast.js';
import { nameMatcher } from '../../utils/settings.js';
import { preparedRun } from './sql-text.js';

export type RecordAction = RecordMethodModel['action'];

/**
 * One condition of an access's filter: a field and the value it is compared with (null when the
 * value is fixed by the query itself, e.g. `user_id = current_setting('app.user_id')`), or a
 * spread whose fields are out of view (`{ id, ...scope }`), which is read as possibly scoping.
 */
export interface RecordCondition {
  field: string;
  value: TSESTree.Node | null;
  spread?: true;
}

/** SQL text of an access whose values are bound, for the suggestion that adds an owner condition. */
export interface SqlText {
  literal: TSESTree.StringLiteral;
  params: TSESTree.ArrayExpression | null;
}

export interface RecordAccess {
  /** The call reported: the ORM call, the query-builder call that filters, the SQL call. */
  call: TSESTree.CallExpression;
  orm: string;
  /** The model as written: `order` of `prisma.order`, `Order`, `orders` of a table. */
  model: string;
  /** `model` compared across shapes (see `modelKey`). */
  key: string;
  action: RecordAction;
  /** The values that name the record: the `id` of the filter, the argument of `findById`. */
  ids: TSESTree.Node[];
  conditions: RecordCondition[];
  /** The filter object, when there is one to add an owner condition to. */
  where: TSESTree.ObjectExpression | null;
  sql: SqlText | null;
  /** A policy filter in the access itself (`accessibleBy(ability)`). */
  policy: boolean;
}

/**
 * Whether an access names a record (by an id); the others are queries by a filter (lists), kept
 * because their owner conditions show how the application scopes the model.
 */
export function namesRecord(access: RecordAccess): boolean {
  return access.ids.length > 0;
}

/** A model name compared across shapes: no case, `_` or `-`, a plural `s` and a store suffix dropped. */
export function modelKey(name: string): string {
  let key = name.replace(/(?:Repository|Repo|Model|Collection|Entity|Table|Schema|Delegate)$/u, '').toLowerCase().replace(/[_\-\s]/gu, '');
  if (key.endsWith('ies') && key.length > 4) key = `${key.slice(0, -3)}y`;
  else if (/(?:ss|x|ch|sh)es$/u.test(key)) key = key.slice(0, -2);
  else if (key.endsWith('s') && !key.endsWith('ss') && key.length > 2) key = key.slice(0, -1);
  return key;
}

/** A field name compared across conventions: `user_id`, `userId` and `UserID` are one. */
export function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/gu, '');
}

const ID_FIELDS = new Set<string>(idFields.map(fieldKey));
const PRISMA = new Map<string, RecordMethodModel>(prismaMethods.flatMap((model) => model.methods.map((method) => [method, model] as const)));
const MODEL = new Map<string, RecordMethodModel>(modelMethods.flatMap((model) => model.methods.map((method) => [method, model] as const)));
const isRecordReceiver = nameMatcher([...recordReceivers]);
const isEntityManager = nameMatcher([entityManagers]);
const QUERY_STARTERS = new Set<string>(modelQueryStarters);
const DOCUMENT_ACTIONS: Readonly<Record<string, RecordAction>> = documentStores.actions;
const NOT_RECEIVERS = new Set<string>(notRecordReceivers);
const SQL_METHODS = new Set<string>(sqlQueryMethods);
const COMPARISONS = new Set<string>(drizzleComparisons);
const KYSELY_STARTERS = new Set<string>(kyselyStarters);
const CONJUNCTIONS = new Set<string>(drizzleConjunctions);

/** Whether a filter field names the record itself (its primary key). */
export function isIdField(field: string): boolean {
  return ID_FIELDS.has(fieldKey(field));
}

const cache = new WeakMap<TSESTree.Program, readonly RecordAccess[]>();

/** Every record access of a file, in source order. */
export function recordAccesses(sourceCode: Readonly<TSESLint.SourceCode>): readonly RecordAccess[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const found: RecordAccess[] = [];
  const claimed = new Set<TSESTree.Node>();
  const stores = typedStores(sourceCode.ast);
  const collections = collectionResolver(sourceCode);
  for (const call of nodesOfType(sourceCode.ast, AST_NODE_TYPES.CallExpression)) {
    if (claimed.has(call)) continue;
    const access = methodAccess(call, stores, collections) ?? drizzleQueryAccess(call) ?? queryBuilderAccess(call, claimed, stores) ?? builderAccess(call, claimed) ?? sqlAccess(call);
    if (access) found.push(access);
  }
  found.sort((a, b) => a.call.range[0] - b.call.range[0]);
  cache.set(sourceCode.ast, found);
  return found;
}

/** The last segment of a receiver: `order` of `this.prisma.order`, `orderRepository` of `this.orderRepository`. */
function receiverName(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.MemberExpression) return propertyName(target.property);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    // `db.collection('orders')`, `getRepository(Order)`, `dataSource.getRepository(Order)`.
    const method = target.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(target.callee.property) : dottedName(target.callee);
    // Objection's `Task.query()`: the model class itself.
    if (method !== null && QUERY_STARTERS.has(method) && target.callee.type === AST_NODE_TYPES.MemberExpression) {
      const owner = unwrap(target.callee.object);
      if (owner.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(owner.name)) return owner.name;
    }
    const argument = target.arguments[0];
    if (!argument || (method !== 'collection' && method !== 'getRepository' && method !== 'model')) return null;
    const value = unwrap(argument);
    if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
    if (value.type === AST_NODE_TYPES.Identifier) return value.name;
    // `getRepository(entities.WorkspaceShared)`, compiled TypeScript's `getRepository(Entity_1.Credential)`.
    if (value.type === AST_NODE_TYPES.MemberExpression) return propertyName(value.property);
  }
  return null;
}

/** `prisma.order.findUnique({ where })`, `Order.findById(id)`, `repo.findOne({ where })`, `manager.findOne(Order, { where })`. */
function methodAccess(call: TSESTree.CallExpression, stores: ReadonlyMap<string, string>, collections: (node: TSESTree.Node) => string | null): RecordAccess | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee.property);
  if (method === null) return null;
  const receiver = unwrap(callee.object);
  let args = call.arguments;
  // A MongoDB collection named where it is made (`db.collection('orders')`, a variable or a helper
  // that holds or returns one): a store of the named records whatever the name says.
  const collection = MODEL.has(method) || method === 'delete' || method === 'update' ? collections(receiver) : null;
  let model = collection ?? receiverName(receiver);
  // `this.invoices` typed `Repository<Invoice>` or injected by `@InjectRepository(Invoice)`: a
  // member whose name does not say it holds records.
  // A generic store name (`this.repo`) says less than the entity it was made or typed with.
  if (receiver.type === AST_NODE_TYPES.MemberExpression && receiver.object.type === AST_NODE_TYPES.ThisExpression && model !== null) {
    const stored = stores.get(model);
    if (stored !== undefined && (!isRecordReceiver(model) || modelKey(stored) !== modelKey(model))) model = stored;
  }
  // An entity manager names the entity first: `manager.findOne(Order, { where })`, `em.findOne(Task, id)`.
  const first = args[0] ? unwrap(args[0]) : null;
  let managed = false;
  if (first?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(first.name) && args.length >= 2 && model !== null && isEntityManager(model)) {
    managed = true;
    model = first.name;
    args = args.slice(1);
  }
  // Objection's `Task.query().findById(id)`: the label of the ORM, whatever other ORM shares the method's name.
  const queried = receiver.type === AST_NODE_TYPES.CallExpression && receiver.callee.type === AST_NODE_TYPES.MemberExpression && QUERY_STARTERS.has(propertyName(receiver.callee.property) ?? '');
  const document = documentAccess(call, method, receiver);
  if (document) return document;
  if (model === null || NOT_RECEIVERS.has(model)) return null;
  const firstArgument = args[0] ? unwrap(args[0]) : null;
  // MikroORM's `em.findOne(Task, id)`: the primary key in place of a filter.
  if (managed && MODEL.get(method)?.list !== true && MODEL.has(method) && firstArgument && (firstArgument.type === AST_NODE_TYPES.Identifier || firstArgument.type === AST_NODE_TYPES.MemberExpression || firstArgument.type === AST_NODE_TYPES.CallExpression)) {
    return { call, orm: 'MikroORM', model: modelName(model), key: modelKey(model), action: 'reads', ids: [firstArgument], conditions: [], where: null, sql: null, policy: false };
  }
  const prisma = PRISMA.get(method);
  // Prisma: a lower-case delegate of a client (`prisma.order`, `tx.order`, `this.db.order`) and a `where`.
  const prismaWhere = firstArgument?.type === AST_NODE_TYPES.ObjectExpression ? objectProperty(firstArgument, 'where') : null;
  if (prisma && receiver.type === AST_NODE_TYPES.MemberExpression && prismaWhere) return filterAccess(call, prisma.orm, model, prisma.action, prismaWhere);
  // TypeORM repositories: `delete(id | criteria)`, `update(id | criteria, partial)`; Sequelize's
  // `update(values, { where })` has its `where` second.
  if ((method === 'delete' || method === 'update') && collection === null && isRecordReceiver(model) && firstArgument && !prismaWhere) {
    const second = args[1] ? unwrap(args[1]) : null;
    const action: RecordAction = method === 'delete' ? 'deletes' : 'changes';
    if (second?.type === AST_NODE_TYPES.ObjectExpression && objectProperty(second, 'where')) return filterAccess(call, 'Sequelize', model, action, objectProperty(second, 'where') ?? second);
    if (method === 'delete' && args.length !== 1) return null;
    if (firstArgument.type === AST_NODE_TYPES.ObjectExpression) return filterAccess(call, 'TypeORM', model, action, firstArgument);
    if (firstArgument.type === AST_NODE_TYPES.Identifier || firstArgument.type === AST_NODE_TYPES.MemberExpression || firstArgument.type === AST_NODE_TYPES.CallExpression) {
      return { call, orm: 'TypeORM', model: modelName(model), key: modelKey(model), action, ids: [firstArgument], conditions: [], where: null, sql: null, policy: false };
    }
    return null;
  }
  const shape = MODEL.get(method);
  if (!shape || (collection === null && !isRecordReceiver(model))) return null;
  if (collection !== null) {
    // The MongoDB driver: a filter first (`findOne({ _id: new ObjectId(id) }, { projection })`), never `findById`.
    if (shape.by === 'id' || firstArgument?.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const action: RecordAction = /delete|remove/iu.test(method) ? 'deletes' : /update|replace/iu.test(method) ? 'changes' : shape.action;
    return filterAccess(call, 'MongoDB', model, action, firstArgument);
  }
  // `Order.find({ owner })` is Mongoose's; `repo.find({ where })` TypeORM's: both are lists.
  if (shape.list === true && method === 'find' && firstArgument?.type === AST_NODE_TYPES.ObjectExpression && objectProperty(firstArgument, 'where')) {
    return filterAccess(call, 'TypeORM', model, 'reads', objectProperty(firstArgument, 'where') ?? firstArgument);
  }
  if (shape.by === 'id') {
    if (!firstArgument || firstArgument.type === AST_NODE_TYPES.ObjectExpression) return null;
    const action: RecordAction = /delete|remove/iu.test(method) ? 'deletes' : /update|patch/iu.test(method) ? 'changes' : 'reads';
    return { call, orm: queried ? 'Objection' : shape.orm, model: modelName(model), key: modelKey(model), action, ids: [firstArgument], conditions: [], where: null, sql: null, policy: false };
  }
  const holder = firstArgument;
  if (holder?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const action: RecordAction = /delete|remove|destroy/iu.test(method) ? 'deletes' : /update|replace/iu.test(method) ? 'changes' : shape.action;
  const where = objectProperty(holder, 'where');
  if (where) return filterAccess(call, shape.orm, model, action, where);
  // A bare filter: Mongoose's `findOne({ _id })`, TypeORM's `findOneBy({ id })`.
  if (shape.by === 'where' && shape.orm !== 'TypeORM') return null;
  return filterAccess(call, queried ? 'Objection' : shape.by === 'filter' ? shape.orm : managed ? 'MikroORM' : 'Mongoose', model, action, holder);
}

/**
 * A Firestore document named by id: `db.collection('notes').doc(id).get()`, `.update(changes)`,
 * `.delete()` (see `documentStores`). The collection's name is the model.
 */
function documentAccess(call: TSESTree.CallExpression, method: string, receiver: TSESTree.Node): RecordAccess | null {
  if (!Object.hasOwn(DOCUMENT_ACTIONS, method) || receiver.type !== AST_NODE_TYPES.CallExpression) return null;
  const doc = unwrap(receiver.callee);
  if (doc.type !== AST_NODE_TYPES.MemberExpression || propertyName(doc.property) !== documentStores.document || receiver.arguments.length !== 1) return null;
  const collection = unwrap(doc.object);
  if (collection.type !== AST_NODE_TYPES.CallExpression) return null;
  const collectionCallee = unwrap(collection.callee);
  const named = collection.arguments[0] ? unwrap(collection.arguments[0]) : null;
  if (collectionCallee.type !== AST_NODE_TYPES.MemberExpression || propertyName(collectionCallee.property) !== documentStores.collection) return null;
  if (named?.type !== AST_NODE_TYPES.Literal || typeof named.value !== 'string') return null;
  const id = unwrap(receiver.arguments[0]!);
  if (id.type === AST_NODE_TYPES.SpreadElement) return null;
  return { call, orm: 'Firestore', model: named.value, key: modelKey(named.value), action: DOCUMENT_ACTIONS[method]!, ids: [id], conditions: [], where: null, sql: null, policy: false };
}

/** Methods that make a MongoDB collection of the records named by their first argument. */
const COLLECTION_MAKERS = new Set<string>([documentStores.collection]);

/**
 * The collection a receiver holds, by the name it was made with: `db.collection('orders')`,
 * `getDb().collection('orders')`, `fastify.mongo.db.collection('orders')`, the project's own
 * `collection('orders')` helper; a variable bound once to one (`const orders = await
 * collection('orders')`); a call of a function of this file that returns one (`const contacts =
 * () => db.collection('contacts')`). Null for anything else. Bounded: one variable and one helper
 * deep, memoised per node.
 */
function collectionResolver(sourceCode: Readonly<TSESLint.SourceCode>): (node: TSESTree.Node) => string | null {
  const scopeOf = scopeLookup(sourceCode);
  const made = (node: TSESTree.Node): string | null => {
    let target = unwrap(node);
    if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
    if (target.type !== AST_NODE_TYPES.CallExpression || target.arguments.length !== 1) return null;
    const callee = unwrap(target.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    if (method === null || !COLLECTION_MAKERS.has(method)) return null;
    const argument = unwrap(target.arguments[0]!);
    return argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' && /^[\w.-]+$/u.test(argument.value) ? argument.value : null;
  };
  const returnedBy = (fn: TSESTree.Node): string | null => {
    if (!isFunction(fn)) return null;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return made(fn.body);
    const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
    return returns.length === 1 && returns[0]!.argument ? made(returns[0]!.argument) : null;
  };
  const memo = new WeakMap<TSESTree.Node, string | null>();
  return (node) => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    let found = made(node);
    const target = unwrap(node);
    if (found === null && target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(target), target.name);
      const definition = variable && isConstantBinding(variable) && variable.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) found = made(definition.node.init);
    }
    if (found === null && target.type === AST_NODE_TYPES.CallExpression && target.arguments.length === 0 && target.callee.type === AST_NODE_TYPES.Identifier) {
      const fn = resolveFunction(target.callee, scopeOf(target.callee));
      if (fn) found = returnedBy(fn);
    }
    memo.set(node, found);
    return found;
  };
}

/** `orderRepository` → `Order`-like display: the receiver without its store suffix. */
function modelName(name: string): string {
  return name.replace(/(?:Repository|Repo|Model|Collection|Delegate)$/u, '') || name;
}

function objectProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === name) return unwrap(property.value);
  }
  return null;
}

function filterAccess(call: TSESTree.CallExpression, orm: string, model: string, action: RecordAction, filter: TSESTree.Node): RecordAccess | null {
  const ids: TSESTree.Node[] = [];
  const conditions: RecordCondition[] = [];
  let policy = false;
  collectFilter(filter, ids, conditions, 0, (found) => (policy ||= found));
  if (ids.length === 0 && conditions.length === 0) return null;
  const where = filter.type === AST_NODE_TYPES.ObjectExpression ? filter : null;
  return { call, orm, model: modelName(model), key: modelKey(model), action, ids, conditions, where, sql: null, policy };
}

/**
 * The fields of a filter object: ids of the record at its top (or under `AND`, `$and`, a compound
 * unique key), every other field as a condition, nested relation filters included
 * (`user: { id: userId }`, `project: { members: { some: { userId } } }`).
 */
function collectFilter(node: TSESTree.Node, ids: TSESTree.Node[], conditions: RecordCondition[], depth: number, onPolicy: (found: boolean) => void): void {
  const target = unwrap(node);
  if (depth > 4) return;
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of target.elements) if (element) collectFilter(element, ids, conditions, depth + 1, onPolicy);
    return;
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    if (calleeLast(target) === 'accessibleBy') onPolicy(true);
    return;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.CallExpression && calleeLast(target.object) === 'accessibleBy') {
    onPolicy(true);
    return;
  }
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return;
  for (const property of target.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = unwrap(property.argument);
      if (spread.type === AST_NODE_TYPES.CallExpression && calleeLast(spread) === 'accessibleBy') onPolicy(true);
      else if (spread.type === AST_NODE_TYPES.MemberExpression && spread.object.type === AST_NODE_TYPES.CallExpression && calleeLast(spread.object) === 'accessibleBy') onPolicy(true);
      conditions.push({ field: '...', value: property.argument, spread: true });
      continue;
    }
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const field = property.computed ? null : propertyName(property.key);
    if (field === null) continue;
    const value = unwrap(property.value);
    if (/^(?:AND|\$and|OR|\$or)$/u.test(field)) {
      // Only a conjunction names the record; an `OR` branch does not scope it either.
      if (field === 'AND' || field === '$and') collectFilter(value, ids, conditions, depth + 1, onPolicy);
      continue;
    }
    if (depth === 0 && isIdField(field)) {
      ids.push(idValue(value));
      continue;
    }
    conditions.push({ field, value: property.value });
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      // `id_userId: { id, userId }` (a Prisma compound key), or a relation filter.
      if (depth === 0 && /_/u.test(field) && field.split('_').some((part) => isIdField(part))) {
        collectFilter(value, ids, conditions, depth, onPolicy);
        continue;
      }
      collectFilter(value, [], conditions, depth + 1, onPolicy);
    }
  }
}

/** `{ equals: id }`, `{ $eq: id }`, `new ObjectId(id)`: the value inside. */
export function idValue(node: TSESTree.Node): TSESTree.Node {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression && target.properties.length === 1) {
    const only = target.properties[0];
    if (only?.type === AST_NODE_TYPES.Property && /^(?:equals|\$eq)$/u.test(propertyName(only.key) ?? '')) return unwrap(only.value);
  }
  if ((target.type === AST_NODE_TYPES.NewExpression || target.type === AST_NODE_TYPES.CallExpression) && target.arguments.length === 1 && /ObjectId$/u.test(dottedName(target.callee) ?? '')) {
    const argument = target.arguments[0];
    if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) return unwrap(argument);
  }
  return target;
}

function calleeLast(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee.property);
  return null;
}

interface ChainLink {
  call: TSESTree.CallExpression;
  method: string | null;
}

/**
 * The calls of a chain from its first to `top`: `knex('orders').where({ id }).first()` is
 * `knex('orders')`, `.where(...)`, `.first()`.
 */
function chainOf(top: TSESTree.CallExpression): ChainLink[] {
  const links: ChainLink[] = [];
  let current: TSESTree.Node = top;
  for (let steps = 0; steps < 40; steps++) {
    const target = unwrap(current);
    if (target.type !== AST_NODE_TYPES.CallExpression) break;
    const callee = unwrap(target.callee);
    links.unshift({ call: target, method: callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null });
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    current = callee.object;
  }
  return links;
}

/** Whether a call is the last of its chain (not the receiver of another call). */
function isChainTop(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  while (node.parent?.type === AST_NODE_TYPES.TSNonNullExpression) node = node.parent;
  const parent = node.parent;
  return !(parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent);
}

/**
 * knex and Drizzle chains: `knex('orders').where({ id }).first()`, `db('orders').where('id', id).del()`,
 * `db.select().from(orders).where(eq(orders.id, id))`, `db.delete(orders).where(and(...))`.
 * Reported at the `where` call that names the record.
 */
function builderAccess(top: TSESTree.CallExpression, claimed: Set<TSESTree.Node>): RecordAccess | null {
  if (!isChainTop(top)) return null;
  const links = chainOf(top);
  if (links.length < 2) return null;
  let table: string | null = null;
  let orm: string | null = null;
  let action: RecordAction = 'reads';
  const first = links[0]!;
  const tableArgument = (call: TSESTree.CallExpression): string | null => {
    const argument = call.arguments[0] ? unwrap(call.arguments[0]) : null;
    if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' && /^\w+$/u.test(argument.value)) return argument.value;
    return null;
  };
  const tableIdentifier = (call: TSESTree.CallExpression): string | null => {
    const argument = call.arguments[0] ? unwrap(call.arguments[0]) : null;
    if (argument?.type === AST_NODE_TYPES.Identifier) return argument.name;
    if (argument?.type === AST_NODE_TYPES.MemberExpression) return propertyName(argument.property);
    return null;
  };
  // knex: `knex('orders')`, `this.knex('orders')`, `knex.from('orders')`, `.table('orders')`.
  if (first.call.arguments.length === 1 && tableArgument(first.call) !== null && !SQL_METHODS.has(first.method ?? '')) {
    table = tableArgument(first.call);
    orm = KYSELY_STARTERS.has(first.method ?? '') ? 'kysely' : 'knex';
  }
  for (const link of links) {
    const method = link.method ?? '';
    if (method === 'from' || method === 'table' || method === 'into' || method === 'update' || method === 'delete' || method === 'del') {
      const named = tableArgument(link.call);
      const identifier = tableIdentifier(link.call);
      if (named !== null && (method === 'from' || method === 'table' || method === 'into')) {
        table ??= named;
        orm ??= 'knex';
      } else if (identifier !== null && (method === 'from' || method === 'update' || method === 'delete')) {
        table ??= identifier;
        orm ??= 'Drizzle';
      }
    }
    if (method in builderActions) {
      const mapped = builderActions[method as keyof typeof builderActions];
      if (mapped !== 'reads') action = mapped;
    }
  }
  if (table === null || orm === null) return null;
  const ids: TSESTree.Node[] = [];
  const conditions: RecordCondition[] = [];
  let reported: TSESTree.CallExpression | null = null;
  let firstFilter: TSESTree.CallExpression | null = null;
  let where: TSESTree.ObjectExpression | null = null;
  for (const link of links) {
    if (link.method !== 'where' && link.method !== 'andWhere' && link.method !== 'first') continue;
    const before = ids.length;
    const args = link.call.arguments.map((argument) => unwrap(argument));
    const [a, b, c] = args;
    if (a?.type === AST_NODE_TYPES.ObjectExpression && link.method !== 'first') {
      collectFilter(a, ids, conditions, 0, () => undefined);
      where ??= a;
    } else if (a?.type === AST_NODE_TYPES.Literal && typeof a.value === 'string' && b) {
      const column = a.value.split('.').at(-1) ?? a.value;
      const value = c && b.type === AST_NODE_TYPES.Literal && b.value === '=' ? c : args.length === 2 ? b : null;
      if (value) {
        if (isIdField(column)) ids.push(value);
        else conditions.push({ field: column, value });
      }
    } else if (a?.type === AST_NODE_TYPES.CallExpression) {
      drizzleCondition(a, ids, conditions, 0);
    }
    if (ids.length > before) reported ??= link.call;
    if (conditions.length > 0) firstFilter ??= link.call;
  }
  reported ??= firstFilter;
  if (!reported) return null;
  for (const link of links) claimed.add(link.call);
  return { call: reported, orm, model: table, key: modelKey(table), action, ids, conditions, where, sql: null, policy: false };
}

/** Drizzle's relational queries: `db.query.invoices.findFirst(...)`, `findMany(...)`. */
const DRIZZLE_QUERY_METHODS = new Set(['findFirst', 'findMany']);

/**
 * Drizzle's relational query API: `db.query.invoices.findFirst({ where: eq(invoices.id, id) })`,
 * also with the callback filter `where: (t, { eq }) => eq(t.id, id)`. The model is the member
 * after `query`.
 */
function drizzleQueryAccess(call: TSESTree.CallExpression): RecordAccess | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !DRIZZLE_QUERY_METHODS.has(propertyName(callee.property) ?? '')) return null;
  const table = unwrap(callee.object);
  if (table.type !== AST_NODE_TYPES.MemberExpression) return null;
  const holder = unwrap(table.object);
  if (holder.type !== AST_NODE_TYPES.MemberExpression || propertyName(holder.property) !== 'query') return null;
  const model = propertyName(table.property);
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (model === null || options?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  let filter = objectProperty(options, 'where');
  if (filter !== null && isFunctionNode(filter) && filter.body.type !== AST_NODE_TYPES.BlockStatement) filter = unwrap(filter.body);
  if (filter?.type !== AST_NODE_TYPES.CallExpression) return null;
  const ids: TSESTree.Node[] = [];
  const conditions: RecordCondition[] = [];
  drizzleCondition(filter, ids, conditions, 0);
  if (ids.length === 0 && conditions.length === 0) return null;
  return { call, orm: 'Drizzle', model, key: modelKey(model), action: 'reads', ids, conditions, where: null, sql: null, policy: false };
}

function isFunctionNode(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

const QB_FILTERS = new Set<string>(typeormQueryBuilder.filters);
const QB_BY_IDS = new Set<string>(typeormQueryBuilder.byIds);
const QB_JOINS = new Set<string>(typeormQueryBuilder.joins);
const QB_ENTITIES = new Set<string>(typeormQueryBuilder.entities);
const QB_ACTIONS: Readonly<Record<string, RecordAction>> = typeormQueryBuilder.actions;
/** `o.id = :id`, `userId = :uid`, `o.id IN (:...ids)`: alias, column and parameter of one comparison. */
const QB_COMPARISON = /(?:["`]?(\w+)["`]?\.)?["`]?(\w+)["`]?\s*(?:=|in(?=[\s(]))\s*(?:\(\s*)?:(?:\.\.\.)?(\w+)/giu;

/**
 * A TypeORM query builder chain: `repo.createQueryBuilder('o').where('o.id = :id', { id }).getOne()`,
 * `dataSource.createQueryBuilder().update(Order).set(values).where('id = :id', { id }).execute()`,
 * `manager.createQueryBuilder(Order, 'o')`. The entity comes from the repository the builder is
 * made from (by name, type or injection, as for its methods) or from the entity the chain names;
 * conditions are read from the SQL fragments of `where`/`andWhere` (and joins on a relation of the
 * record), their values from the parameters given with them or by `setParameter(s)`. An `orWhere`
 * scopes nothing. Reported at the call that names the record.
 */
function queryBuilderAccess(top: TSESTree.CallExpression, claimed: Set<TSESTree.Node>, stores: ReadonlyMap<string, string>): RecordAccess | null {
  if (!isChainTop(top)) return null;
  const links = chainOf(top);
  const startAt = links.findIndex((link) => link.method === typeormQueryBuilder.start);
  if (startAt < 0) return null;
  const start = links[startAt]!;
  const chain = links.slice(startAt);
  let model: string | null = null;
  let alias: string | null = null;
  const startArgs = start.call.arguments.map((argument) => unwrap(argument));
  const entityOf = (node: TSESTree.Node | undefined): string | null => {
    if (node?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(node.name)) return node.name;
    if (node?.type === AST_NODE_TYPES.MemberExpression && !node.computed) return propertyName(node.property);
    return null;
  };
  const stringOf = (node: TSESTree.Node | undefined): string | null => (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value : null);
  // `manager.createQueryBuilder(Order, 'o')` names the entity; `repo.createQueryBuilder('o')` the alias.
  const named = entityOf(startArgs[0]);
  if (named !== null && startArgs.length >= 2) {
    model = named;
    alias = stringOf(startArgs[1]);
  } else {
    alias = stringOf(startArgs[0]);
    const callee = unwrap(start.call.callee);
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
    let name = receiver ? receiverName(receiver) : null;
    if (receiver?.type === AST_NODE_TYPES.MemberExpression && receiver.object.type === AST_NODE_TYPES.ThisExpression && name !== null && !isRecordReceiver(name)) name = stores.get(name) ?? name;
    if (name !== null && !NOT_RECEIVERS.has(name) && isRecordReceiver(name) && !/manager$/iu.test(name)) model = name;
  }
  let action: RecordAction = 'reads';
  const joins = new Map<string, string>();
  const parameters = new Map<string, TSESTree.Node>();
  let unknownParameters: TSESTree.Node | null = null;
  const addParameters = (node: TSESTree.Node | undefined): void => {
    if (!node) return;
    if (node.type !== AST_NODE_TYPES.ObjectExpression) {
      unknownParameters ??= node;
      return;
    }
    for (const property of node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) unknownParameters ??= property.argument;
      else if (!property.computed) {
        const key = propertyName(property.key);
        if (key !== null) parameters.set(key, property.value);
      }
    }
  };
  for (const link of chain.slice(1)) {
    const method = link.method ?? '';
    const args = link.call.arguments.map((argument) => unwrap(argument));
    if (QB_ENTITIES.has(method)) {
      const entity = entityOf(args[0]);
      if (entity !== null) {
        model = entity;
        if (method === 'from') alias = stringOf(args[1]) ?? alias;
      }
    }
    const mapped = QB_ACTIONS[method];
    if (mapped !== undefined) action = mapped;
    if (QB_JOINS.has(method)) {
      // `innerJoin('o.owner', 'u')`: `u` is the record's `owner`.
      const relation = stringOf(args[0]);
      const joined = stringOf(args[1]);
      if (relation !== null && joined !== null && relation.includes('.')) joins.set(joined, relation.split('.').at(-1) ?? relation);
      addParameters(args[3]);
    }
    if (QB_FILTERS.has(method)) addParameters(args[1]);
    if (method === 'setParameter') {
      const name = stringOf(args[0]);
      if (name !== null && args[1]) parameters.set(name, args[1]);
    }
    if (method === 'setParameters') addParameters(args[0]);
  }
  if (model === null) return null;
  const ids: TSESTree.Node[] = [];
  const conditions: RecordCondition[] = [];
  let reported: TSESTree.CallExpression | null = null;
  let firstFilter: TSESTree.CallExpression | null = null;
  let where: TSESTree.ObjectExpression | null = null;
  const readCondition = (text: string): void => {
    for (const match of text.matchAll(QB_COMPARISON)) {
      const [, qualifier, column, parameter] = match;
      if (column === undefined || parameter === undefined) continue;
      const value = parameters.get(parameter) ?? null;
      const relation = qualifier !== undefined && qualifier !== alias ? joins.get(qualifier) : undefined;
      const onRecord = qualifier === undefined || qualifier === alias || joins.size === 0;
      if (relation !== undefined) {
        // `u.id = :uid` on the joined owner is a condition on the record's `owner`.
        if (value) conditions.push({ field: isIdField(column) ? relation : column, value });
        else if (unknownParameters) conditions.push({ field: '...', value: unknownParameters, spread: true });
      } else if (onRecord && isIdField(column)) {
        if (value) ids.push(value);
      } else if (value) {
        conditions.push({ field: column, value });
      } else if (unknownParameters) {
        conditions.push({ field: '...', value: unknownParameters, spread: true });
      }
    }
  };
  for (const link of chain.slice(1)) {
    const method = link.method ?? '';
    const [first] = link.call.arguments.map((argument) => unwrap(argument));
    const beforeIds = ids.length;
    const beforeConditions = conditions.length;
    if (QB_FILTERS.has(method) || QB_JOINS.has(method)) {
      const text = QB_JOINS.has(method) ? link.call.arguments[2] : first;
      const condition = text ? unwrap(text) : null;
      if (condition?.type === AST_NODE_TYPES.Literal && typeof condition.value === 'string') readCondition(condition.value);
      else if (condition?.type === AST_NODE_TYPES.TemplateLiteral) readCondition(condition.quasis.map((quasi) => quasi.value.cooked).join(alias ?? ''));
      else if (condition?.type === AST_NODE_TYPES.ObjectExpression && QB_FILTERS.has(method)) {
        collectFilter(condition, ids, conditions, 0, () => undefined);
        where ??= condition;
      }
    } else if (QB_BY_IDS.has(method) && first && first.type !== AST_NODE_TYPES.ArrayExpression && first.type !== AST_NODE_TYPES.ObjectExpression) {
      ids.push(first);
    }
    if (ids.length > beforeIds) reported ??= link.call;
    if (conditions.length > beforeConditions) firstFilter ??= link.call;
  }
  reported ??= firstFilter;
  if (!reported) return null;
  for (const link of links) claimed.add(link.call);
  return { call: reported, orm: 'TypeORM', model: modelName(model), key: modelKey(model), action, ids, conditions, where, sql: null, policy: false };
}

/** `eq(orders.id, id)`, `and(eq(...), eq(...))`: columns and the values compared with them. */
function drizzleCondition(call: TSESTree.CallExpression, ids: TSESTree.Node[], conditions: RecordCondition[], depth: number): void {
  if (depth > 4) return;
  const name = calleeLast(call);
  if (name !== null && CONJUNCTIONS.has(name)) {
    for (const argument of call.arguments) {
      const inner = unwrap(argument);
      if (inner.type === AST_NODE_TYPES.CallExpression) drizzleCondition(inner, ids, conditions, depth + 1);
    }
    return;
  }
  if (name === null || !COMPARISONS.has(name)) return;
  const [column, value] = call.arguments.map((argument) => unwrap(argument));
  if (column?.type !== AST_NODE_TYPES.MemberExpression || !value) return;
  const field = propertyName(column.property);
  if (field === null) return;
  if (isIdField(field)) ids.push(value);
  else conditions.push({ field, value });
}

/** Stands for an interpolation of a template in its text (a private-use character). */
const MARK = '\uE000';

/** The table a SQL statement reads, changes or deletes from, and the action. */
const SQL_TARGET = /^\s*(?:select\s[\s\S]*?\sfrom|update|delete\s+from)\s+["`]?(?:\w+["`]?\.["`]?)?(\w+)["`]?/iu;

/**
 * SQL text with values bound by position (`$1`, `?`) or interpolated into a tag
 * (`` sql`... WHERE id = ${id}` ``): the columns of its `WHERE` compared with a value, and which
 * value each is. `pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id])`.
 */
function sqlAccess(call: TSESTree.CallExpression): RecordAccess | null {
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  // A prepared statement: `db.prepare(text).bind(id).first()` (D1), `db.prepare(text).get(id)` (better-sqlite3).
  const prepared = preparedRun(call);
  if (!prepared && (method === null || !SQL_METHODS.has(method))) return null;
  const first = prepared ? prepared.text : call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (!first) return null;
  let text: string;
  let literal: TSESTree.StringLiteral | null = null;
  const second = prepared ? null : call.arguments[1] ? unwrap(call.arguments[1]) : null;
  // Sequelize's `sequelize.query(text, { bind: [id] })` / `{ replacements: { id } }`: the values in the options.
  const options = second?.type === AST_NODE_TYPES.ObjectExpression ? optionValues(second) : null;
  const params = options ? options.positional : second;
  const positional: readonly (TSESTree.Node | null)[] | null = prepared
    ? prepared.values
    : params?.type === AST_NODE_TYPES.ArrayExpression
      ? params.elements.map((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? element : null))
      : variadicValues(call.arguments.slice(1));
  if (first.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') {
    text = first.value;
    literal = first;
  } else if (first.type === AST_NODE_TYPES.TemplateLiteral) {
    // Interpolations of a template passed as text are injection (`no-sql-injection`); read as values.
    text = first.quasis.map((quasi, index) => quasi.value.cooked + (index < first.expressions.length ? `${MARK}${String(index)}${MARK}` : '')).join('');
  } else {
    return null;
  }
  const target = SQL_TARGET.exec(text);
  if (!target?.[1]) return null;
  const whereAt = text.search(/\bwhere\b/iu);
  if (whereAt < 0) return null;
  const clause = text.slice(whereAt);
  const inputs = namedInputValues(callee);
  const bound = (placeholder: string, ordinal: number): TSESTree.Node | null => {
    if (placeholder.startsWith(namedInputs.prefix)) return inputs.get(placeholder.slice(1)) ?? null;
    if (/^[:$][A-Za-z_]/u.test(placeholder)) return options?.named?.get(placeholder.slice(1)) ?? null;
    if (placeholder.startsWith(MARK)) {
      const index = Number(placeholder.slice(1, -1));
      return first.type === AST_NODE_TYPES.TemplateLiteral ? (first.expressions[index] ?? null) : null;
    }
    if (positional === null) return null;
    // `$2`, and SQLite's numbered `?2`: by number; a bare `?` by its place.
    const position = /^[$?]\d/u.test(placeholder) ? Number(placeholder.slice(1)) - 1 : ordinal;
    return positional[position] ?? null;
  };
  const ids: TSESTree.Node[] = [];
  const conditions: RecordCondition[] = [];
  let ordinal = text.slice(0, whereAt).split('?').length - 1;
  const comparison = /(?:["`[]?\w+["`\]]?\.)?["`[]?(\w+)["`\]]?\s*=\s*(\$\w+|:[A-Za-z_]\w*|@[A-Za-z_]\w*|\?\d*|\uE000\d+\uE000|[\w.']+(?:\([^)]*\))?)/gu;
  for (let match = comparison.exec(clause); match; match = comparison.exec(clause)) {
    const [, column, operand] = match;
    if (column === undefined || operand === undefined) continue;
    const placeholder = operand.startsWith('?') || operand.startsWith('$') || operand.startsWith(':') || operand.startsWith(namedInputs.prefix) || operand.startsWith(MARK);
    const value = placeholder ? bound(operand, ordinal) : null;
    if (operand === '?') ordinal++;
    if (isIdField(column)) {
      if (value) ids.push(value);
    } else {
      conditions.push({ field: column, value });
    }
  }
  if (ids.length === 0 && conditions.length === 0) return null;
  const verb = /^\s*(\w+)/u.exec(text)?.[1]?.toLowerCase();
  const action: RecordAction = verb === 'delete' ? 'deletes' : verb === 'update' ? 'changes' : 'reads';
  const sql = literal && !prepared ? { literal, params: params?.type === AST_NODE_TYPES.ArrayExpression ? params : null } : null;
  return { call, orm: 'SQL', model: target[1], key: modelKey(target[1]), action, ids, conditions, where: null, sql, policy: false };
}

/** The named inputs of the chain before a query call: `request().input('id', sql.Int, id).input('o', org)` → id, o. */
function namedInputValues(callee: TSESTree.Node): Map<string, TSESTree.Node> {
  const values = new Map<string, TSESTree.Node>();
  let receiver = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
  for (let steps = 0; steps < 40 && receiver?.type === AST_NODE_TYPES.CallExpression; steps++) {
    const inner = unwrap(receiver.callee);
    if (inner.type !== AST_NODE_TYPES.MemberExpression) break;
    const name = receiver.arguments[0] ? unwrap(receiver.arguments[0]) : null;
    const value = receiver.arguments.at(-1);
    if (propertyName(inner.property) === namedInputs.method && receiver.arguments.length >= 2 && name?.type === AST_NODE_TYPES.Literal && typeof name.value === 'string' && value && value.type !== AST_NODE_TYPES.SpreadElement) {
      if (!values.has(name.value)) values.set(name.value, value);
    }
    receiver = unwrap(inner.object);
  }
  return values;
}

/**
 * Values passed one by one after the text, as sqlite drivers and their wrappers take them
 * (`db.get(sql, id, ownerId)`, `this.db.all(sql, ...params)` called with `id`): null when there
 * are none, an object (options) or a spread (positions unknown) is among them.
 */
function variadicValues(values: readonly TSESTree.CallExpressionArgument[]): (TSESTree.Node | null)[] | null {
  if (values.length === 0) return null;
  const nodes: TSESTree.Node[] = [];
  for (const value of values) {
    const inner = unwrap(value);
    if (inner.type === AST_NODE_TYPES.SpreadElement || inner.type === AST_NODE_TYPES.ObjectExpression || inner.type === AST_NODE_TYPES.ArrayExpression || isFunctionLike(inner)) return null;
    nodes.push(inner);
  }
  return nodes;
}

function isFunctionLike(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

/**
 * The values of Sequelize's query options: `bind` (`$1` or `$name`) and `replacements` (`?` or
 * `:name`), as an array by position or an object by name.
 */
function optionValues(options: TSESTree.ObjectExpression): { positional: TSESTree.ArrayExpression | null; named: Map<string, TSESTree.Node> | null } | null {
  const values = objectProperty(options, 'bind') ?? objectProperty(options, 'replacements');
  if (values?.type === AST_NODE_TYPES.ArrayExpression) return { positional: values, named: null };
  if (values?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const named = new Map<string, TSESTree.Node>();
  for (const property of values.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const name = propertyName(property.key);
    if (name !== null) named.set(name, property.value);
  }
  return { positional: null, named };
}

const STORE_TYPES = new Set<string>(recordStoreTypes);
const STORE_INJECTORS = new Set<string>(recordStoreInjectors);

/**
 * Class members of a file that hold a record store by their type or injection decorator, by member
 * name, with the entity they hold (`invoices` → `Invoice`).
 */
function typedStores(program: TSESTree.Program): Map<string, string> {
  const stores = new Map<string, string>();
  // `decorators` is absent on the nodes ESLint's own parser (espree) gives JavaScript files.
  const note = (key: TSESTree.Node | null, annotation: TSESTree.TSTypeAnnotation | undefined, decorators: readonly TSESTree.Decorator[] | undefined): void => {
    const name = key === null ? null : key.type === AST_NODE_TYPES.Identifier ? key.name : propertyName(key);
    if (name === null) return;
    const entity = storeEntityOfType(annotation?.typeAnnotation) ?? storeEntityOfDecorators(decorators ?? []);
    if (entity !== null) stores.set(name, entity);
  };
  for (const parameter of nodesOfType(program, AST_NODE_TYPES.TSParameterProperty)) {
    const inner = parameter.parameter;
    if (inner.type === AST_NODE_TYPES.Identifier) note(inner, inner.typeAnnotation, parameter.decorators);
  }
  for (const property of nodesOfType(program, AST_NODE_TYPES.PropertyDefinition)) {
    note(property.key, property.typeAnnotation, property.decorators);
    // `private repo = dataSource.getRepository(User)`: the entity named where the member is made.
    const made = property.value ? storeEntityOfInitializer(property.value) : null;
    const name = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : propertyName(property.key);
    if (made !== null && name !== null && !stores.has(name)) stores.set(name, made);
  }
  return stores;
}

/** `getRepository(User)`, `dataSource.getRepository(User)`, `getMongoRepository('User')`: the entity. */
function storeEntityOfInitializer(value: TSESTree.Node): string | null {
  const call = unwrap(value);
  if (call.type !== AST_NODE_TYPES.CallExpression || !/^get(?:Mongo|Tree)?Repository$/u.test(calleeLast(call) ?? '')) return null;
  return receiverName(call);
}

function storeEntityOfType(type: TSESTree.TypeNode | undefined): string | null {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier || !STORE_TYPES.has(type.typeName.name)) return null;
  const argument = type.typeArguments?.params[0];
  if (argument?.type !== AST_NODE_TYPES.TSTypeReference) return null;
  const name = argument.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  return name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : null;
}

function storeEntityOfDecorators(decorators: readonly TSESTree.Decorator[]): string | null {
  for (const decorator of decorators) {
    const call = decorator.expression;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier || !STORE_INJECTORS.has(call.callee.name)) continue;
    const argument = call.arguments[0] ? unwrap(call.arguments[0]) : null;
    // `InjectRepository(Invoice)`, `InjectModel(Invoice.name)`, `InjectModel('Invoice')`.
    if (argument?.type === AST_NODE_TYPES.Identifier) return argument.name;
    if (argument?.type === AST_NODE_TYPES.MemberExpression && argument.object.type === AST_NODE_TYPES.Identifier) return argument.object.name;
    if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return argument.value;
  }
  return null;
}
