import { sailsActionOfThis } from '../routes/frameworks/sails.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  classTransformerCalls,
  elementCallbackMethods,
  knexRootNames,
  nonModelConstructors,
  passthroughMethods,
  principalDecoratorPattern,
  projectionMethods,
  projectionOptionKeys,
  queryOptionKeys,
  recordReadMethods,
  rowContainers,
  sqlQueryMethods,
  sqlTemplateTags,
} from '../../models/exposure.js';
import { requestInputs } from '../../models/frameworks/request-inputs.js';
import { inputRootOf, nestInputOf, type PositionalRoot } from '../routes/request-inputs.js';
import { dottedName, findVariable, importSource, isFunction, propertyName, resolveFunction, unwrap, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { crossFileTarget } from '../project/calls.js';
import type { ExposureHandler } from './handlers.js';
import { dynamoCall, dynamoProjects, dynamoTable, isUnmarshall, type DynamoCall } from './dynamodb.js';
import { queryBuilderRead } from './query-builders.js';
import { preparedRun } from '../authorization/sql-text.js';
import { injectedEntity } from './serializers.js';
import { isContextKnex, isNonStoreReceiver } from './names.js';

/** Where a whole stored object came from. */
export interface Origin {
  kind: 'record' | 'rows' | 'principal' | 'instance';
  /** What produced it, as written: `User.findById`, `pool.query`, `req.user`. */
  label: string;
  /** The producing call or member expression. */
  node: TSESTree.Node;
  /** Entity name when the call names it (`User`, `prisma.user`, the SQL table). */
  model: string | null;
  /** A list of records (`find`, `rows`), one record, or unknown. */
  many: boolean | null;
  /** Fields removed by rest destructuring on the way (`const { password, ...safe } = user`). */
  removed: string[];
  /** SQL columns selected explicitly, when the query lists them. */
  columns: string[] | null;
  /** A driver result that still wraps the rows (`{ rows }` in pg, `[rows, fields]` in mysql2). */
  wrapped?: boolean;
  /**
   * Plain rows of the driver rather than entity instances (TypeORM `getRawOne()`): a serializer
   * interceptor finds no class, so `@Exclude()` hides nothing.
   */
  raw?: boolean;
  /** Passed through class-transformer (`instanceToPlain(user)`), which applies `@Exclude()`. */
  serialized?: boolean;
  /** A Mongoose `.lean()` read: plain objects, no `toJSON` transform. */
  lean?: boolean;
  /**
   * Made a plain object by the document's own `toObject()` or `toJSON()`: a Mongoose `toObject()`
   * runs the schema's `toObject` transform, not its `toJSON` one, and the copy has no `toJSON` left.
   */
  converted?: 'toObject' | 'toJSON';
  /** Paths added back with Mongoose `.select('+password')`. */
  selected?: string[];
  /** The file of `node` when it is another file of the project (the record was read there). */
  file?: string;
  /** The functions of other files that returned the record, the one the handler called first. */
  via?: CrossFileStep[];
  /**
   * The fields of the types those functions declare they return (`Promise<Integration>` with the
   * interface in view): what the record carries by its authors' word, when its store says nothing.
   */
  typed?: string[];
}

/** A function of another project file a value went through: its name, file and line. */
export interface CrossFileStep {
  name: string;
  file: string;
  line: number;
}

/**
 * What a call to a function of another file returns: an origin, null when its body was read and
 * returns no whole record, undefined when the call is not one the project model resolves.
 */
export type CallResolver = (call: TSESTree.CallExpression) => Origin | null | undefined;

/** One step from a destructured value to a binding inside the pattern. */
type PatternStep = { type: 'key'; name: string } | { type: 'index' } | { type: 'rest'; removed: string[] };

const MAX_DEPTH = 12;
const SQL_START = /^\s*(?:select|with|insert|update|delete)\b/iu;

/** Tracks values inside handlers back to whole stored objects with local def-use. */
export class OriginTracer {
  private readonly handlerByFn = new Map<TSESTree.Node, ExposureHandler>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    handlers: readonly ExposureHandler[],
    private readonly resolveCall: CallResolver | null = null,
  ) {
    for (const handler of handlers) this.handlerByFn.set(handler.fn, handler);
  }

  /** The origin of the value of `node`, or null when it is not (known to be) a whole stored object. */
  trace(node: TSESTree.Node, depth = 0): Origin | null {
    if (depth > MAX_DEPTH) return null;
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.trace(target.argument, depth + 1);
      case AST_NODE_TYPES.Identifier:
        return this.traceIdentifier(target, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.traceMember(target, depth);
      case AST_NODE_TYPES.CallExpression:
        return this.traceCall(target, depth);
      case AST_NODE_TYPES.TaggedTemplateExpression: {
        const tag = dottedName(target.tag);
        if (tag === null || !sqlTemplateTags.has(tag.slice(tag.lastIndexOf('.') + 1))) return null;
        return this.sqlOrigin(target.quasi.quasis.map((quasi) => quasi.value.cooked ?? '').join('?'), tag, target);
      }
      case AST_NODE_TYPES.NewExpression: {
        const callee = unwrap(target.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier || !/^[A-Z]/u.test(callee.name)) return null;
        if (nonModelConstructors.has(callee.name) || /(?:Error|Exception|Dto|DTO)$/u.test(callee.name)) return null;
        return { kind: 'instance', label: `new ${callee.name}`, node: target, model: callee.name, many: false, removed: [], columns: null };
      }
      case AST_NODE_TYPES.ConditionalExpression:
        return this.trace(target.consequent, depth + 1) ?? this.trace(target.alternate, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        // `found && { id: found.id }` gives its left operand only when it is falsy: never a record.
        if (target.operator === '&&') return this.trace(target.right, depth + 1);
        return this.trace(target.left, depth + 1) ?? this.trace(target.right, depth + 1);
      default:
        return null;
    }
  }

  /** The handler whose request parameter `identifier` is, with the parameter's position. */
  /** The Sails action whose `fn` a `this` belongs to (`this.req` is its request; see `sailsActionOfThis`). */
  sailsActionOf(node: TSESTree.ThisExpression): ExposureHandler | null {
    const fn = sailsActionOfThis(node, (candidate) => this.handlerByFn.get(candidate)?.style === 'sails-action');
    return fn ? (this.handlerByFn.get(fn) ?? null) : null;
  }

  requestParamOf(identifier: TSESTree.Identifier): { handler: ExposureHandler; steps: PatternStep[] } | null {
    const variable = findVariable(scopeOf(this.sourceCode, identifier), identifier.name);
    const definition = variable?.defs[0];
    if (definition?.type !== 'Parameter') return null;
    const fn = definition.node;
    if (!isFunction(fn)) return null;
    const handler = this.handlerByFn.get(fn);
    if (!handler) return null;
    const located = locateParam(fn, definition.name);
    if (!located) return null;
    if (handler.nest) {
      // `@Req() req`: the parameter the shared request-input reader calls the whole request.
      const decorated = fn.params[located.index];
      if (!decorated || nestInputOf(decorated, (inner) => scopeOf(this.sourceCode, inner))?.member !== '') return null;
      return { handler, steps: located.steps };
    }
    // Every parameter of a server action is a request input (`inputRootOf`), not only the first.
    if (inputRootOf(handler.style, located.index, fn) !== handler.style) return null;
    return { handler, steps: located.steps };
  }

  /**
   * The part of the request a handler's parameter is as a whole, when its style passes that part
   * as a parameter of its own (a Feathers method's `data`: see `positionalInputs`): `identifier`
   * names the whole parameter, not a field of it.
   */
  positionalParamOf(identifier: TSESTree.Identifier): PositionalRoot | null {
    const variable = findVariable(scopeOf(this.sourceCode, identifier), identifier.name);
    const definition = variable?.defs[0];
    if (definition?.type !== 'Parameter' || !isFunction(definition.node)) return null;
    const fn = definition.node;
    const handler = this.handlerByFn.get(fn);
    const located = handler && !handler.nest ? locateParam(fn, definition.name) : null;
    if (!handler || !located || located.steps.length > 0) return null;
    const root = inputRootOf(handler.style, located.index, fn);
    return root === 'argument-path' || root === 'argument-body' ? root : null;
  }

  private traceIdentifier(identifier: TSESTree.Identifier, depth: number): Origin | null {
    const variable = findVariable(scopeOf(this.sourceCode, identifier), identifier.name);
    const definition = variable?.defs[0];
    if (!variable || !definition) return null;
    if (definition.type === 'Parameter') return this.traceParameter(definition.node, definition.name, depth);
    if (definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
    const declarator = definition.node;
    // `for (const user of users)`: one element of the list.
    const loop = declarator.parent.parent;
    if (
      (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) &&
      loop.left === declarator.parent
    ) {
      if (loop.type === AST_NODE_TYPES.ForInStatement) return null;
      const list = this.trace(loop.right, depth + 1);
      return list ? this.applySteps({ ...list, many: false }, patternSteps(definition.name, declarator.id)) : null;
    }
    // The last write before the use (a `let` reassigned with a projection ends the trail).
    const writes = variable.references.filter(
      (reference) => reference.isWrite() && reference.identifier.range[0] < identifier.range[0],
    );
    const last = writes[writes.length - 1];
    if (!last) return null;
    if (last.init === true) {
      if (!declarator.init) return null;
      const origin = this.trace(declarator.init, depth + 1);
      return origin ? this.applySteps(origin, patternSteps(definition.name, declarator.id)) : null;
    }
    const assignment = last.identifier.parent;
    if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === last.identifier && assignment.operator === '=') {
      return this.trace(assignment.right, depth + 1);
    }
    return null;
  }

  private traceParameter(fn: TSESTree.Node, name: TSESTree.Node, depth: number): Origin | null {
    if (!isFunction(fn)) return null;
    const located = locateParam(fn, name);
    if (!located) return null;
    const param = fn.params[located.index];
    // NestJS `@CurrentUser() user`.
    if (param && 'decorators' in param && located.steps.length === 0) {
      const decorator = (param.decorators ?? []).find((item) => principalDecoratorPattern.test(dottedName(item.expression) ?? ''));
      if (decorator && this.handlerByFn.get(fn)?.nest) {
        const label = `@${dottedName(decorator.expression) ?? 'User'}()`;
        return { kind: 'principal', label, node: param, model: 'user', many: false, removed: [], columns: null };
      }
    }
    // `({ user }, res) => res.json(user)`: a member of the request.
    const handler = this.handlerByFn.get(fn);
    if (handler && !handler.nest && located.index === requestInputs[handler.style].param) {
      const keys: string[] = [];
      for (const step of located.steps) {
        if (step.type !== 'key') return null;
        keys.push(step.name);
      }
      return this.principal(keys.join('.'), handler, param ?? fn, keys.join('.'));
    }
    // A callback over a list or a promise: `users.map((u) => ...)`, `.then((user) => ...)`.
    const call = fn.parent;
    if (located.index !== 0 || call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = propertyName(callee.property);
    if (method === null || !elementCallbackMethods.has(method)) return null;
    const receiver = this.trace(callee.object, depth + 1);
    if (!receiver) return null;
    return this.applySteps(method === 'then' ? receiver : { ...receiver, many: false }, located.steps);
  }

  private principal(path: string, handler: ExposureHandler, node: TSESTree.Node, label: string): Origin | null {
    const style = handler.nest ? 'express' : handler.style;
    const paths: readonly string[] = requestInputs[style].principal;
    if (!paths.includes(path) || path.endsWith('()') || /Id$/u.test(path) || /(?:^|\.)is[A-Z]/u.test(path)) return null;
    return { kind: 'principal', label, node, model: 'user', many: false, removed: [], columns: null };
  }

  private traceMember(member: TSESTree.MemberExpression, depth: number): Origin | null {
    // `req.user`, `request.auth.credentials`, `ctx.state.user`.
    const path: string[] = [];
    let base: TSESTree.Node = member;
    while (base.type === AST_NODE_TYPES.MemberExpression && !base.computed) {
      const name = propertyName(base.property);
      if (name === null) break;
      path.unshift(name);
      base = unwrap(base.object);
    }
    if (base.type === AST_NODE_TYPES.Identifier) {
      const request = this.requestParamOf(base);
      if (request) {
        const prefix = request.steps.every((step) => step.type === 'key') ? request.steps.map((step) => (step.type === 'key' ? step.name : '')) : null;
        if (prefix) {
          const label = this.sourceCode.getText(member);
          return this.principal([...prefix, ...path].join('.'), request.handler, member, label);
        }
      }
    }
    const key = member.computed ? null : propertyName(member.property);
    if (member.computed) {
      const index = unwrap(member.property);
      if (index.type === AST_NODE_TYPES.Literal && typeof index.value === 'number') {
        const origin = this.trace(member.object, depth + 1);
        return origin ? indexed(origin) : null;
      }
      return null;
    }
    if (key !== null && rowContainers.has(key)) {
      const origin = this.trace(member.object, depth + 1);
      return origin ? { ...origin, wrapped: false, many: key === 'rows' || key === 'recordset' || key === 'Items' ? true : origin.many } : null;
    }
    if (key === 'data') {
      // `safeParse(...).data` style wrappers are not records; only `{ data }` of a records call.
      const origin = this.trace(member.object, depth + 1);
      return origin?.kind === 'rows' ? origin : null;
    }
    return null;
  }

  private traceCall(call: TSESTree.CallExpression, depth: number): Origin | null {
    // A function of another file (a service, a repository): its body decides, read there.
    const resolved = this.resolveCall?.(call);
    if (resolved) return resolved;
    // `query('SELECT * FROM users WHERE id = $1', [id])`: the project's own helper hands the text to the driver.
    const helped = this.helperQuery(call);
    if (helped) return helped;
    if (resolved === null) return null;
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      // `structuredClone(user)`, DynamoDB's `unmarshall(out.Item)`.
      if ((callee.name === 'structuredClone' || isUnmarshall(callee, this.sourceCode)) && call.arguments[0]) return this.trace(call.arguments[0], depth + 1);
      const serializedIndex = Object.hasOwn(classTransformerCalls, callee.name) ? classTransformerCalls[callee.name] : undefined;
      const serializedArgument = serializedIndex === undefined ? undefined : call.arguments[serializedIndex];
      if (serializedArgument) {
        const inner = this.trace(serializedArgument, depth + 1);
        const entity = serializedIndex === 1 && call.arguments[0] ? unwrap(call.arguments[0]) : null;
        const model = entity?.type === AST_NODE_TYPES.Identifier ? entity.name : inner?.model ?? null;
        return inner ? { ...inner, model, serialized: true } : null;
      }
      return this.knexChain(call) ?? null;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = propertyName(callee.property);
    if (method === null) return null;
    // `JSON.parse(JSON.stringify(user))`.
    if (dottedName(callee) === 'JSON.parse') {
      const inner = call.arguments[0] ? unwrap(call.arguments[0]) : null;
      if (inner?.type === AST_NODE_TYPES.CallExpression && dottedName(inner.callee) === 'JSON.stringify' && inner.arguments[0]) {
        return this.trace(inner.arguments[0], depth + 1);
      }
      return null;
    }
    const dynamo = dynamoCall(call, this.sourceCode);
    if (dynamo) return dynamoRead(call, dynamo);
    const knex = this.knexChain(call);
    if (knex !== undefined) return knex;
    // `db.prepare('SELECT * FROM users WHERE id = ?').bind(id).first()` (D1), `.get(id)` (better-sqlite3).
    const prepared = preparedRun(call);
    if (prepared) {
      const text = sqlText(prepared.text, this.sourceCode);
      const label = `${dottedName(prepared.statement.callee) ?? 'prepare'}(…).${prepared.method}`;
      const origin = text !== null && SQL_START.test(text) ? this.sqlOrigin(text, label, call) : null;
      return origin ? { ...origin, wrapped: false, many: prepared.rows === 'many' } : null;
    }
    const first = call.arguments[0] ? unwrap(call.arguments[0]) : null;
    if (sqlQueryMethods.has(method) && first) {
      const text = sqlText(first, this.sourceCode);
      if (text !== null && SQL_START.test(text)) return this.sqlOrigin(text, dottedName(callee) ?? method, call);
    }
    const built = queryBuilderRead(call, method, this.sourceCode, (receiver) => this.modelName(receiver));
    if (built !== undefined) return built;
    if (projectionMethods.has(method)) {
      // Mongoose `.select('+password')` adds a hidden field: not a projection.
      if (method === 'select' && first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') {
        const tokens = first.value.split(/\s+/u).filter((token) => token !== '');
        if (tokens.length > 0 && tokens.every((token) => token.startsWith('+'))) {
          const inner = this.trace(callee.object, depth + 1);
          return inner ? { ...inner, selected: [...(inner.selected ?? []), ...tokens.map((token) => token.slice(1))] } : null;
        }
      }
      return null;
    }
    if (method === 'map' || method === 'flatMap') {
      const fn = first && isFunction(first) ? first : null;
      if (!fn || !returnsOwnParam(fn)) return null;
      return this.trace(callee.object, depth + 1);
    }
    if (method === 'find' || method === 'findLast') {
      if (first && isFunction(first)) {
        const list = this.trace(callee.object, depth + 1);
        return list ? { ...list, many: false } : null;
      }
    }
    if (method === 'get' && first && !(first.type === AST_NODE_TYPES.ObjectExpression)) return null;
    if (method === 'at') {
      const list = this.trace(callee.object, depth + 1);
      return list ? { ...list, many: false } : null;
    }
    if (method === 'lean') {
      const inner = this.trace(callee.object, depth + 1);
      return inner ? { ...inner, lean: true } : null;
    }
    // A plain copy of a document: every field it holds, less what that conversion's transform removes.
    if (method === 'toObject' || method === 'toJSON') {
      const inner = this.trace(callee.object, depth + 1);
      return inner ? { ...inner, converted: method } : null;
    }
    if (passthroughMethods.has(method)) return this.trace(callee.object, depth + 1);
    // Own keys only: `user.toString()` is not a read because `toString` is on every object's prototype.
    const cardinality = Object.hasOwn(recordReadMethods, method) ? recordReadMethods[method] : undefined;
    if (cardinality === undefined) return null;
    return this.recordCall(call, callee, method, cardinality);
  }

  private recordCall(
    call: TSESTree.CallExpression,
    callee: TSESTree.MemberExpression,
    method: string,
    cardinality: 'one' | 'many',
  ): Origin | null {
    const args = call.arguments.map((argument) => unwrap(argument));
    if (args[0] && isFunction(args[0])) return null;
    // Only Prisma's `update`/`upsert({ where, data | create })` return the record; TypeORM and
    // Sequelize return a write result (`UpdateResult`, `[affectedCount]`).
    if ((method === 'update' || method === 'upsert') && !isPrismaWriteArgument(args[0])) return null;
    const receiver = unwrap(callee.object);
    const receiverName = dottedName(receiver);
    if (isNonStoreReceiver(receiverName)) return null;
    let model = this.modelName(receiver);
    let options = args;
    // TypeORM entity manager: `manager.findOne(User, { where })`.
    const entityArgument = args[0];
    if (entityArgument?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(entityArgument.name) && /manager$/iu.test(receiverName ?? '')) {
      model = entityArgument.name;
      options = args.slice(1);
    }
    for (const [index, argument] of options.entries()) {
      if (argument.type === AST_NODE_TYPES.ObjectExpression && hasKey(argument, projectionOptionKeys)) return null;
      // Mongoose `find(filter, 'name email')` / `findById(id, { password: 0 })`.
      if (index === 1 && /^find(?:One|ById)?$/u.test(method)) {
        if (argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') {
          const tokens = argument.value.split(/\s+/u).filter((token) => token !== '');
          if (!tokens.every((token) => token.startsWith('+'))) return null;
        }
        if (argument.type === AST_NODE_TYPES.ArrayExpression) return null;
        if (argument.type === AST_NODE_TYPES.ObjectExpression && isMongoProjection(argument)) return null;
      }
    }
    const label = receiverName === null ? method : `${receiverName}.${method}`;
    return { kind: 'record', label, node: call, model, many: cardinality === 'many', removed: [], columns: null };
  }

  /** Entity name of an ORM receiver: `User`, `prisma.user`, `this.usersRepository`, `getRepository(User)`. */
  modelName(receiver: TSESTree.Node): string | null {
    const target = unwrap(receiver);
    if (target.type === AST_NODE_TYPES.Identifier) {
      // `const repository = dataSource.getRepository(Account)`.
      const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
        const init = unwrap(definition.node.init);
        if (init.type === AST_NODE_TYPES.CallExpression) return this.modelName(init) ?? target.name;
      }
      return target.name;
    }
    // `this.repo` injected as `Repository<User>` or with `@InjectRepository(User)`.
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      if (target.computed) return null;
      return injectedEntity(target) ?? this.classMemberEntity(target) ?? propertyName(target.property);
    }
    if (target.type === AST_NODE_TYPES.CallExpression) {
      const argument = target.arguments[0] ? unwrap(target.arguments[0]) : null;
      const called = unwrap(target.callee);
      // `this.dataSource.getRepository(User)` has no dotted name: its method decides.
      const method = (called.type === AST_NODE_TYPES.MemberExpression ? propertyName(called.property) : dottedName(called)) ?? '';
      if (!/^(?:collection|getRepository|getMongoRepository|getCustomRepository|model|table|from)$/u.test(method)) return null;
      if (argument?.type === AST_NODE_TYPES.Identifier) return argument.name;
      if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return argument.value;
    }
    return null;
  }

  /**
   * `this.repo` where the class defines `repo` as a getter or a field that returns a repository:
   * `get repo() { return this.dataSource.getRepository(User); }`, `private repo = db.getRepository(User)`.
   */
  private classMemberEntity(member: TSESTree.MemberExpression): string | null {
    if (member.object.type !== AST_NODE_TYPES.ThisExpression) return null;
    const name = propertyName(member.property);
    let holder: TSESTree.Node | undefined = member.parent;
    while (holder && holder.type !== AST_NODE_TYPES.ClassBody) holder = holder.parent;
    if (!holder || name === null) return null;
    for (const element of holder.body) {
      if (element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) continue;
      if (element.computed || propertyName(element.key) !== name) continue;
      let value: TSESTree.Node | null = null;
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'get') {
        const body = element.value.body?.body ?? [];
        const last = body[body.length - 1];
        value = last?.type === AST_NODE_TYPES.ReturnStatement ? last.argument : null;
      } else if (element.type === AST_NODE_TYPES.PropertyDefinition) {
        value = element.value;
      }
      const call = value ? unwrap(value) : null;
      return call?.type === AST_NODE_TYPES.CallExpression ? this.modelName(call) : null;
    }
    return null;
  }

  /**
   * `knex('users').where(...).first()`: whole rows unless a column list is chosen. Returns
   * undefined when the chain is not rooted in a Knex call.
   */
  private knexChain(call: TSESTree.CallExpression): Origin | null | undefined {
    const methods: { name: string; args: TSESTree.Node[] }[] = [];
    let current: TSESTree.Node = call;
    for (let step = 0; step < 20; step++) {
      current = unwrap(current);
      if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = unwrap(current.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const table = current.arguments[0] ? unwrap(current.arguments[0]) : null;
        if (table?.type !== AST_NODE_TYPES.Literal || typeof table.value !== 'string') return undefined;
        const source = importSource(scopeOf(this.sourceCode, callee), callee.name);
        if (!knexRootNames.has(callee.name) && source?.module !== 'knex') return undefined;
        return knexVerdict(methods, table.value, `${callee.name}('${table.value}')`, call);
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const name = propertyName(callee.property);
      if (name === null) return undefined;
      const object = unwrap(callee.object);
      // The Knex instance a handler context carries: tRPC's `ctx.db('users')`.
      if (isContextKnex(callee)) {
        const table = current.arguments[0] ? unwrap(current.arguments[0]) : null;
        if (table?.type !== AST_NODE_TYPES.Literal || typeof table.value !== 'string') return undefined;
        return knexVerdict(methods, table.value, `${dottedName(callee) ?? name}('${table.value}')`, call);
      }
      if ((name === 'from' || name === 'table' || name === 'into') && object.type === AST_NODE_TYPES.Identifier && knexRootNames.has(object.name)) {
        const table = current.arguments[0] ? unwrap(current.arguments[0]) : null;
        if (table?.type !== AST_NODE_TYPES.Literal || typeof table.value !== 'string') return undefined;
        return knexVerdict(methods, table.value, `${object.name}.${name}('${table.value}')`, call);
      }
      methods.push({ name, args: current.arguments });
      current = callee.object;
    }
    return undefined;
  }

  /**
   * A call of a helper (this file or another) that passes one of its parameters as the SQL text of
   * a driver call whose result it returns: `export const query = (text, params) => pool.query(text, params)`.
   * The text at the call site decides, as if the driver were called here.
   */
  private helperQuery(call: TSESTree.CallExpression): Origin | null {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const fn = (callee.type === AST_NODE_TYPES.Identifier ? resolveFunction(callee, scopeOf(this.sourceCode, callee)) : null) ?? crossFileTarget(callee, this.sourceCode)?.fn ?? null;
    const parameter = fn ? sqlTextParameter(fn) : null;
    const argument = parameter === null ? undefined : call.arguments[parameter.index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
    const text = sqlText(unwrap(argument), this.sourceCode);
    const origin = text !== null && SQL_START.test(text) ? this.sqlOrigin(text, dottedName(callee) ?? 'query', call) : null;
    // A helper that returns `result.rows` gives the rows, not the driver's result.
    return origin && parameter?.unwrapped === true ? { ...origin, wrapped: false } : origin;
  }

  private sqlOrigin(text: string, label: string, node: TSESTree.Node): Origin | null {
    const normalized = text.replace(/\s+/gu, ' ');
    const returning = /\breturning (.+?)(?:;|$)/iu.exec(normalized);
    // The table may be interpolated (`FROM ${this.table}` in a base repository): `?` here, no model then.
    const select = /^\s*(?:with .*?\)\s*)?select (?:distinct )?(.+?) from ["`[]?([\w.]+|\?)/iu.exec(normalized);
    const write = /^\s*(?:insert into|update|delete from) ["`[]?([\w.]+|\?)/iu.exec(normalized);
    let columnsText: string | null = null;
    let table: string | null = null;
    if (select) {
      columnsText = select[1] ?? null;
      table = select[2] ?? null;
    } else if (write && returning) {
      columnsText = returning[1] ?? null;
      table = write[1] ?? null;
    } else {
      return null;
    }
    if (columnsText === null) return null;
    const columns = columnsText.split(',').map((column) => column.trim());
    const whole = columns.some((column) => /(?:^|\.)\*$/u.test(column));
    const model = table === '?' ? null : (table?.split('.').pop() ?? null);
    const wrapped = node.type === AST_NODE_TYPES.CallExpression;
    return { kind: 'rows', label, node, model, many: true, removed: [], columns: whole ? null : columns.map(columnName), wrapped };
  }

  private applySteps(origin: Origin, steps: readonly PatternStep[]): Origin | null {
    let current: Origin = origin;
    for (const step of steps) {
      if (step.type === 'index') current = indexed(current);
      else if (step.type === 'rest') current = { ...current, removed: [...current.removed, ...step.removed] };
      else if (rowContainers.has(step.name)) current = { ...current, wrapped: false, many: step.name === 'rows' ? true : current.many };
      else return null;
    }
    return current;
  }
}

/**
 * A DynamoDB get, query or scan: a response that holds whole items (`Item`, `Items`) unless the
 * parameters choose attributes. The table names the model.
 */
function dynamoRead(call: TSESTree.CallExpression, dynamo: DynamoCall): Origin | null {
  const read = dynamo.operation.read;
  if (read === undefined || dynamoProjects(dynamo.params)) return null;
  return { kind: 'record', label: dynamo.label, node: call, model: dynamoTable(dynamo.params), many: read === 'many', removed: [], columns: null, wrapped: true };
}

/** `rows[0]` is one row; `[rows]` of a mysql2 result is still the list. */
function indexed(origin: Origin): Origin {
  return origin.wrapped ? { ...origin, wrapped: false } : { ...origin, many: false };
}

function knexVerdict(
  methods: readonly { name: string; args: TSESTree.Node[] }[],
  table: string,
  label: string,
  node: TSESTree.Node,
): Origin | null {
  let many = true;
  let wrote = false;
  let returningAll = false;
  for (const { name, args } of methods) {
    const starOnly = args.every((argument) => {
      const value = unwrap(argument);
      return value.type === AST_NODE_TYPES.Literal && value.value === '*';
    });
    if (projectionMethods.has(name) || name === 'first' || name === 'returning') {
      if (args.length > 0 && !starOnly) return null;
    }
    if (name === 'first') many = false;
    if (name === 'returning') returningAll = true;
    if (/^(?:insert|update|del|delete|increment|decrement|truncate)$/u.test(name)) wrote = true;
  }
  if (wrote && !returningAll) return null;
  return { kind: 'rows', label, node, model: table, many, removed: [], columns: null };
}

function hasKey(object: TSESTree.ObjectExpression, keys: ReadonlySet<string>): boolean {
  return object.properties.some(
    (property) => property.type === AST_NODE_TYPES.Property && keys.has(propertyName(property.key) ?? ''),
  );
}

function isMongoProjection(object: TSESTree.ObjectExpression): boolean {
  if (object.properties.length === 0) return false;
  return object.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = propertyName(property.key);
    if (key === null || queryOptionKeys.has(key)) return false;
    const value = unwrap(property.value);
    return value.type === AST_NODE_TYPES.Literal && (typeof value.value === 'number' || typeof value.value === 'boolean');
  });
}

function columnName(column: string): string {
  const alias = /\bas\s+["`]?(\w+)/iu.exec(column);
  if (alias?.[1]) return alias[1];
  const parts = column.replace(/["`[\]]/gu, '').split('.');
  return parts[parts.length - 1] ?? column;
}

/** The static text of a SQL argument; a template literal's expressions become `?`. */
function sqlText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((quasi) => quasi.value.cooked ?? '').join('?');
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(sourceCode, node), node.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && definition.node.id === definition.name) {
      const init = unwrap(definition.node.init);
      if (init.type === AST_NODE_TYPES.Literal || init.type === AST_NODE_TYPES.TemplateLiteral) return sqlText(init, sourceCode);
    }
  }
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    // mysql2 `query({ sql: '...' })`, pg `query({ text: '...' })`.
    for (const property of node.properties) {
      if (property.type === AST_NODE_TYPES.Property && /^(?:sql|text)$/u.test(propertyName(property.key) ?? '')) {
        return sqlText(unwrap(property.value), sourceCode);
      }
    }
  }
  return null;
}

/** `(u) => u` or `(u) => { return u; }`. */
function returnsOwnParam(fn: FunctionNode): boolean {
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  let body: TSESTree.Node | null = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const statement = body.body.length === 1 ? body.body[0] : undefined;
    body = statement?.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : null;
  }
  if (!body) return false;
  const value = unwrap(body);
  return value.type === AST_NODE_TYPES.Identifier && value.name === param.name;
}

/** The parameter position of a binding and the pattern steps from the parameter to it. */
function locateParam(fn: FunctionNode, name: TSESTree.Node): { index: number; steps: PatternStep[] } | null {
  for (const [index, param] of fn.params.entries()) {
    const root = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    if (root.range[0] <= name.range[0] && name.range[1] <= root.range[1]) {
      return { index, steps: patternSteps(name, root) };
    }
  }
  return null;
}

/** Steps from the value bound to `root` down to the binding identifier `name`. */
function patternSteps(name: TSESTree.Node, root: TSESTree.Node): PatternStep[] {
  const steps: PatternStep[] = [];
  let current: TSESTree.Node = name;
  while (current !== root) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) break;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
      steps.unshift({ type: 'key', name: propertyName(parent.key) ?? '' });
      current = parent.parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.RestElement) {
      const pattern = parent.parent;
      if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
        const removed = pattern.properties.flatMap((property) =>
          property.type === AST_NODE_TYPES.Property ? [propertyName(property.key) ?? ''] : [],
        );
        steps.unshift({ type: 'rest', removed });
        current = pattern;
        continue;
      }
      if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
        current = pattern;
        continue;
      }
      if (isFunction(pattern)) {
        // `(...args)`: not a value the analysis follows.
        steps.unshift({ type: 'key', name: '' });
        current = root;
        continue;
      }
    }
    if (parent.type === AST_NODE_TYPES.ArrayPattern) {
      steps.unshift({ type: 'index' });
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.TSParameterProperty) {
      current = parent;
      continue;
    }
    break;
  }
  return steps;
}

function isPrismaWriteArgument(node: TSESTree.Node | undefined): boolean {
  return (
    node?.type === AST_NODE_TYPES.ObjectExpression &&
    node.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        ['data', 'create', 'update'].includes(property.key.name),
    )
  );
}

/**
 * The parameter a helper passes as the SQL text of a driver call whose result it returns (directly,
 * awaited, or through a `const` it returns): `(text, params) => pool.query(text, params)`, and
 * whether it returns the rows themselves rather than the driver's result: `return result.rows`,
 * `const { rows } = await pool.query(text, params); return rows`, mysql2's
 * `const [rows] = await db.execute(sql, params); return rows`. Null otherwise.
 */
function sqlTextParameter(fn: FunctionNode): { index: number; unwrapped: boolean } | null {
  let returned: TSESTree.Node | null = null;
  let unwrapped = false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned = fn.body;
  else {
    const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
    if (returns.length !== 1 || !returns[0]?.argument) return null;
    returned = returns[0].argument;
  }
  // `return result.rows`, `return (await pool.query(text, params)).rows`.
  const member = unwrap(returned);
  if (member.type === AST_NODE_TYPES.MemberExpression && !member.computed && rowContainers.has(propertyName(member.property) ?? '')) {
    returned = member.object;
    unwrapped = true;
  }
  // `const res = await pool.query(text, params); …; return res;`, `const { rows } = …`, `const [rows] = …`.
  const value = unwrap(returned);
  if (value.type === AST_NODE_TYPES.Identifier && fn.body.type === AST_NODE_TYPES.BlockStatement) {
    for (const statement of fn.body.body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of statement.declarations) {
        if (!declarator.init) continue;
        const id = declarator.id;
        if (id.type === AST_NODE_TYPES.Identifier && id.name === value.name) returned = declarator.init;
        else if (!unwrapped && rowsBinding(id, value.name)) {
          returned = declarator.init;
          unwrapped = true;
        }
      }
    }
  }
  let call = unwrap(returned);
  if (call.type === AST_NODE_TYPES.AwaitExpression) call = unwrap(call.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (method === null || !sqlQueryMethods.has(method) || first?.type !== AST_NODE_TYPES.Identifier) return null;
  const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === first.name);
  return index < 0 ? null : { index, unwrapped };
}

/** `{ rows }` (a row container of the driver's result) or `[rows]` (mysql2's first element) binding `name`. */
function rowsBinding(pattern: TSESTree.Node, name: string): boolean {
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
    const head = pattern.elements[0];
    return head?.type === AST_NODE_TYPES.Identifier && head.name === name;
  }
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return false;
  return pattern.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      rowContainers.has(propertyName(property.key) ?? '') &&
      property.value.type === AST_NODE_TYPES.Identifier &&
      property.value.name === name,
  );
}
