import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { repositoryInjectors, repositoryTypeNames, serializerInterceptors } from '../../models/exposure.js';
import { dottedName, findVariable, type FunctionNode, isFunction, nodesOfType, propertyName, unwrap, walk, scopeOf } from '../../utils/ast.js';
import { headNoun } from './names.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

function isClass(node: TSESTree.Node | undefined): node is ClassNode {
  return node?.type === AST_NODE_TYPES.ClassDeclaration || node?.type === AST_NODE_TYPES.ClassExpression;
}

function decoratorName(decorator: TSESTree.Decorator): string | null {
  const expression = unwrap(decorator.expression);
  return dottedName(expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression);
}

function decoratorArguments(decorator: TSESTree.Decorator): TSESTree.CallExpressionArgument[] {
  const expression = unwrap(decorator.expression);
  return expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments : [];
}

/** `User`, `User.name` or `'User'` as an entity name. */
function entityArgument(node: TSESTree.Node | undefined): string | null {
  if (!node) return null;
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.MemberExpression && propertyName(value.property) === 'name' && value.object.type === AST_NODE_TYPES.Identifier) {
    return value.object.name;
  }
  return null;
}

/** The entity of an injected repository: `@InjectRepository(User)`, then `Repository<User>`. */
// espree and other ESTree parsers leave `decorators` out where typescript-estree has `[]`.
function entityOfBinding(decorators: readonly TSESTree.Decorator[] | undefined, annotation: TSESTree.TypeNode | undefined): string | null {
  for (const decorator of decorators ?? []) {
    if (repositoryInjectors.has(decoratorName(decorator) ?? '')) {
      const entity = entityArgument(decoratorArguments(decorator)[0]);
      if (entity !== null) return entity;
    }
  }
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return null;
  const typeName = dottedName(annotation.typeName as TSESTree.Node)?.split('.').pop() ?? '';
  const argument = annotation.typeArguments?.params[0];
  if (!repositoryTypeNames.has(typeName) || argument?.type !== AST_NODE_TYPES.TSTypeReference) return null;
  return dottedName(argument.typeName as TSESTree.Node)?.split('.').pop() ?? null;
}

/**
 * The entity behind `this.repo` in a class whose constructor injects
 * `@InjectRepository(User) private repo: Repository<User>` (or declares the property so).
 */
export function injectedEntity(member: TSESTree.MemberExpression): string | null {
  if (member.computed || member.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  const name = propertyName(member.property);
  let current: TSESTree.Node | undefined = member.parent;
  while (current && !isClass(current)) current = current.parent;
  if (!current || name === null) return null;
  for (const element of current.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && propertyName(element.key) === name) {
      return entityOfBinding(element.decorators, element.typeAnnotation?.typeAnnotation);
    }
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      if (param.type !== AST_NODE_TYPES.TSParameterProperty || param.parameter.type !== AST_NODE_TYPES.Identifier) continue;
      if (param.parameter.name !== name) continue;
      return entityOfBinding(param.decorators, param.parameter.typeAnnotation?.typeAnnotation);
    }
  }
  return null;
}

/**
 * Items declared under an entity name, indexed by the name and by its head noun. A declaration is
 * of the same entity as a model when its name is the model's or has the same head noun; finding
 * those costs the number of candidates, not of declarations.
 */
class EntityIndex<T> {
  private readonly byName = new Map<string, T[]>();
  private readonly byNoun = new Map<string, T[]>();
  private readonly order = new Map<T, number>();

  add(name: string, item: T): void {
    this.order.set(item, this.order.size);
    push(this.byName, name, item);
    const noun = headNoun(name);
    if (noun !== null) push(this.byNoun, noun, item);
  }

  /** The items declared for the same entity as `model`, in the order they were added. */
  candidates(model: string): T[] {
    const noun = headNoun(model);
    const found = new Set([...(this.byName.get(model) ?? []), ...(noun === null ? [] : (this.byNoun.get(noun) ?? []))]);
    return [...found].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type SensitiveTest = (name: string) => boolean;

/** Answers per file and sensitivity test, by question: each is asked once per finding. */
const answers = new WeakMap<TSESTree.Program, WeakMap<SensitiveTest, Map<string, boolean>>>();

function remembered(program: TSESTree.Program, isSensitive: SensitiveTest, question: string, compute: () => boolean): boolean {
  let bySensitive = answers.get(program);
  if (!bySensitive) {
    bySensitive = new WeakMap();
    answers.set(program, bySensitive);
  }
  let known = bySensitive.get(isSensitive);
  if (!known) {
    known = new Map();
    bySensitive.set(isSensitive, known);
  }
  let answer = known.get(question);
  if (answer === undefined) {
    answer = compute();
    known.set(question, answer);
  }
  return answer;
}

/** A Nest controller method (or its class) with `@UseInterceptors(ClassSerializerInterceptor)`. */
export function hasSerializerInterceptor(fn: FunctionNode): boolean {
  const method = fn.parent;
  if (method.type !== AST_NODE_TYPES.MethodDefinition) return false;
  const owner = method.parent.parent;
  const decorators = [...(method.decorators ?? []), ...(isClass(owner) ? (owner.decorators ?? []) : [])];
  return decorators.some(
    (decorator) =>
      decoratorName(decorator) === 'UseInterceptors' &&
      decoratorArguments(decorator).some((argument) => serializerInterceptors.has(dottedName(argument) ?? '')),
  );
}

/**
 * Whether an entity class of this file hides every sensitive property it declares from
 * class-transformer: `@Exclude()` on the property, or `@Exclude()` on the class without `@Expose()`.
 */
export function classTransformerHides(program: TSESTree.Program, model: string, isSensitive: SensitiveTest): boolean {
  return remembered(program, isSensitive, JSON.stringify(['class', model]), () => {
    let covered = false;
    for (const node of classesOf(program).candidates(model)) {
      if (covered) break;
      const classExcluded = (node.decorators ?? []).some((decorator) => decoratorName(decorator) === 'Exclude');
      let sensitive = 0;
      let hidden = 0;
      for (const element of node.body.body) {
        if (element.type !== AST_NODE_TYPES.PropertyDefinition || element.computed || element.static) continue;
        const name = propertyName(element.key);
        if (name === null || !isSensitive(name)) continue;
        sensitive++;
        const names = (element.decorators ?? []).map(decoratorName);
        if (names.includes('Exclude') || (classExcluded && !names.includes('Expose'))) hidden++;
      }
      covered = sensitive > 0 && hidden === sensitive;
    }
    return covered;
  });
}

const classIndex = new WeakMap<TSESTree.Program, EntityIndex<ClassNode>>();

/** The named classes of a file, by entity name. */
function classesOf(program: TSESTree.Program): EntityIndex<ClassNode> {
  let index = classIndex.get(program);
  if (index) return index;
  index = new EntityIndex();
  for (const node of nodesOfType(program, AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression)) {
    if (node.id) index.add(node.id.name, node);
  }
  classIndex.set(program, index);
  return index;
}

/**
 * Column options that keep a column out of the records an ORM hands back: TypeORM's
 * `@Column({ select: false })` is not loaded by repository reads or query builders unless the query
 * adds it back (`addSelect`); MikroORM's `@Property({ hidden: true })` is left out when the entity is
 * serialized, and `lazy: true` is not loaded.
 */
const HIDING_COLUMN_OPTIONS: readonly (readonly [string, boolean])[] = [['select', false], ['hidden', true], ['lazy', true]];

/**
 * Whether the entity class `model` declared in this file (a class with an `@Entity` decorator)
 * hides every sensitive column it declares with one of `HIDING_COLUMN_OPTIONS`; `selected` lists
 * columns the read added back.
 */
export function entityColumnsHide(
  sourceCode: Readonly<TSESLint.SourceCode>,
  model: string,
  selected: readonly string[],
  isSensitive: SensitiveTest,
): boolean {
  const question = JSON.stringify(['entity', model, selected]);
  return remembered(sourceCode.ast, isSensitive, question, () => {
    let covered = false;
    for (const node of nodesOfType(sourceCode.ast, AST_NODE_TYPES.ClassDeclaration)) {
      // (espree, ESLint's own JavaScript parser, gives classes and members no `decorators` list.)
      if (!node.id || !sameEntity(node.id.name, model) || !(node.decorators ?? []).some((decorator) => decoratorName(decorator)?.split('.').pop() === 'Entity')) continue;
      const sensitive: string[] = [];
      const hidden = new Set<string>();
      for (const element of node.body.body) {
        if (element.type !== AST_NODE_TYPES.PropertyDefinition || element.computed || element.static) continue;
        const key = propertyName(element.key);
        if (key === null || !isSensitive(key)) continue;
        sensitive.push(key);
        const hides = (element.decorators ?? []).some((decorator) =>
          decoratorArguments(decorator).some((argument) => {
            const options = unwrap(argument);
            return options.type === AST_NODE_TYPES.ObjectExpression && HIDING_COLUMN_OPTIONS.some(([option, value]) => optionIs(options, option, value));
          }),
        );
        if (hides && !selected.includes(key) && !selected.includes('*')) hidden.add(key);
      }
      if (sensitive.length === 0) return false;
      covered = sensitive.every((key) => hidden.has(key));
      if (!covered) return false;
    }
    return covered;
  });
}

/**
 * How a Mongoose record was read and sent: `.lean()` skips every transform, `.select('+x')` adds
 * hidden paths, and a document copied with `toObject()` gets the schema's `toObject` transform
 * instead of the `toJSON` one that serializing the document runs.
 */
export interface MongooseRead {
  lean: boolean;
  selected: readonly string[];
  transform: 'toJSON' | 'toObject';
}

/**
 * Whether the Mongoose schema registered in this file as `model('User', schema)` hides every
 * sensitive path it declares: `select: false` on the path, or a `toJSON` transform that deletes it
 * (the `toObject` one for a document copied with `toObject()`).
 */
export function mongooseHides(
  sourceCode: Readonly<TSESLint.SourceCode>,
  model: string,
  read: MongooseRead,
  isSensitive: SensitiveTest,
): boolean {
  // Asked once per finding: the answer is kept per file, model and read, and the calls it looks at
  // are indexed once per file, so a file with many findings is not walked once for each.
  const question = JSON.stringify(['mongoose', model, read.lean, read.selected, read.transform]);
  return remembered(sourceCode.ast, isSensitive, question, () => computeMongooseHides(sourceCode, model, read, isSensitive));
}

interface MongooseCalls {
  /** `model('User', schema)` and `mongoose.model(…)` calls, by the entity they register. */
  registrations: EntityIndex<TSESTree.CallExpression>;
  /** `schema.set(…)` calls by the callee's dotted name. */
  sets: Map<string, TSESTree.CallExpression[]>;
}

const mongooseCalls = new WeakMap<TSESTree.Program, MongooseCalls>();

function mongooseCallsOf(program: TSESTree.Program): MongooseCalls {
  let calls = mongooseCalls.get(program);
  if (calls) return calls;
  calls = { registrations: new EntityIndex(), sets: new Map() };
  for (const call of nodesOfType(program, AST_NODE_TYPES.CallExpression)) {
    const callee = dottedName(call.callee);
    if (callee === null) continue;
    if (callee === 'model' || callee.endsWith('.model')) {
      const name = entityArgument(call.arguments[0]);
      if (name !== null) calls.registrations.add(name, call);
    }
    if (callee.endsWith('.set')) push(calls.sets, callee, call);
  }
  mongooseCalls.set(program, calls);
  return calls;
}

function computeMongooseHides(
  sourceCode: Readonly<TSESLint.SourceCode>,
  model: string,
  read: MongooseRead,
  isSensitive: SensitiveTest,
): boolean {
  const calls = mongooseCallsOf(sourceCode.ast);
  let covered = false;
  for (const node of calls.registrations.candidates(model)) {
    if (covered) break;
    const schemaArgument = node.arguments[1];
    if (!schemaArgument) continue;
    const schema = resolveSchema(sourceCode, schemaArgument);
    if (!schema) continue;
    const hidden = new Set<string>();
    const definition = schema.call.arguments[0] ? unwrap(schema.call.arguments[0]) : null;
    if (definition?.type !== AST_NODE_TYPES.ObjectExpression) continue;
    const sensitive: string[] = [];
    // Paths the schema keeps out of reads whatever their name (`apiTokenHash: { select: false }`):
    // its author's own list of what must not leave.
    let unselected = 0;
    for (const property of definition.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyName(property.key);
      if (key === null) continue;
      const value = unwrap(property.value);
      const hiddenPath = value.type === AST_NODE_TYPES.ObjectExpression && optionIs(value, 'select', false) && !read.selected.includes(key);
      if (!isSensitive(key)) {
        if (hiddenPath) unselected += 1;
        continue;
      }
      sensitive.push(key);
      if (hiddenPath) hidden.add(key);
    }
    if (!read.lean) {
      const options = schema.call.arguments[1] ? unwrap(schema.call.arguments[1]) : null;
      if (options?.type === AST_NODE_TYPES.ObjectExpression) addDeleted(optionValue(options, read.transform), hidden);
      if (schema.name !== null) {
        // `userSchema.set('toJSON', { transform(doc, ret) { delete ret.passwordHash; } })`.
        for (const inner of calls.sets.get(`${schema.name}.set`) ?? []) {
          const which = inner.arguments[0];
          if (which?.type === AST_NODE_TYPES.Literal && which.value === read.transform && inner.arguments[1]) addDeleted(unwrap(inner.arguments[1]), hidden);
        }
      }
    }
    covered = (sensitive.length > 0 || unselected > 0) && sensitive.every((key) => hidden.has(key));
  }
  return covered;
}

function resolveSchema(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): { call: TSESTree.NewExpression; name: string | null } | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression && /(?:^|\.)Schema$/u.test(dottedName(target.callee) ?? '')) return { call: target, name: null };
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(sourceCode, target), target.name);
  const declarator = variable?.defs.length === 1 ? variable.defs[0]?.node : undefined;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  const init = unwrap(declarator.init);
  if (init.type !== AST_NODE_TYPES.NewExpression || !/(?:^|\.)Schema$/u.test(dottedName(init.callee) ?? '')) return null;
  return { call: init, name: declarator.id.name };
}

function optionValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === key) return unwrap(property.value);
  }
  return null;
}

function optionIs(object: TSESTree.ObjectExpression, key: string, expected: boolean): boolean {
  const value = optionValue(object, key);
  return value?.type === AST_NODE_TYPES.Literal && value.value === expected;
}

/** Fields a `{ transform(doc, ret) { delete ret.x } }` option removes from its `ret` argument. */
function addDeleted(options: TSESTree.Node | null, hidden: Set<string>): void {
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return;
  const transform = optionValue(options, 'transform');
  if (!isFunction(transform)) return;
  const ret = transform.params[1];
  if (ret?.type !== AST_NODE_TYPES.Identifier) return;
  walk(transform.body, (node) => {
    if (node.type !== AST_NODE_TYPES.UnaryExpression || node.operator !== 'delete') return;
    const target = unwrap(node.argument);
    if (target.type !== AST_NODE_TYPES.MemberExpression || unwrap(target.object).type !== AST_NODE_TYPES.Identifier) return;
    const object = unwrap(target.object);
    if (object.type !== AST_NODE_TYPES.Identifier || object.name !== ret.name) return;
    const key = target.computed ? (target.property.type === AST_NODE_TYPES.Literal && typeof target.property.value === 'string' ? target.property.value : null) : propertyName(target.property);
    if (key !== null) hidden.add(key);
  });
}

/**
 * The fields of an entity declared in this file, and what its records are: a Mongoose document or
 * a Sequelize instance (which keep their data in internal properties, `_doc` and `dataValues`, so
 * a rest pattern copies it whole), or a plain object.
 */
export interface RecordShape {
  kind: 'mongoose' | 'sequelize' | 'plain';
  /** Declared field names, in declaration order. */
  fields: string[];
}

/** An entity this file declares, by the name it is declared under. */
export interface DeclaredRecord {
  name: string;
  shape: RecordShape;
}

/**
 * The entities this file declares, in one pass: a Mongoose schema registered with
 * `model('User', schema)`, a Sequelize `define('User', {…})` or `User.init({…})`, or a class
 * with fields (TypeORM, MikroORM, class-transformer; Sequelize when it extends `Model`).
 */
export function declaredRecords(sourceCode: Readonly<TSESLint.SourceCode>): DeclaredRecord[] {
  const found: DeclaredRecord[] = [];
  walk(sourceCode.ast, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = dottedName(node.callee) ?? '';
      const first = node.arguments[0];
      const name = entityArgument(first);
      if ((callee === 'model' || callee.endsWith('.model')) && name !== null && node.arguments[1]) {
        const definition = resolveSchema(sourceCode, node.arguments[1])?.call.arguments[0];
        if (definition) found.push({ name, shape: { kind: 'mongoose', fields: objectKeys(definition) } });
      } else if (callee.endsWith('.define') && name !== null && node.arguments[1]) {
        found.push({ name, shape: { kind: 'sequelize', fields: objectKeys(node.arguments[1]) } });
      } else if (callee.endsWith('.init') && first && unwrap(first).type === AST_NODE_TYPES.ObjectExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
        const owner = unwrap(node.callee.object);
        if (owner.type === AST_NODE_TYPES.Identifier) found.push({ name: owner.name, shape: { kind: 'sequelize', fields: objectKeys(first) } });
      }
      return;
    }
    if (!isClass(node) || !node.id) return;
    const fields: string[] = [];
    for (const element of node.body.body) {
      if (element.type !== AST_NODE_TYPES.PropertyDefinition || element.computed || element.static) continue;
      const key = propertyName(element.key);
      if (key !== null) fields.push(key);
    }
    const base = node.superClass ? dottedName(node.superClass) : null;
    if (fields.length > 0) found.push({ name: node.id.name, shape: { kind: base === 'Model' || base?.endsWith('.Model') === true ? 'sequelize' : 'plain', fields } });
  });
  return found;
}

/** A declaration is of the same entity as a model when its name is the model's or has the same head noun. */
function sameEntity(declared: string, model: string): boolean {
  if (declared === model) return true;
  const noun = headNoun(model);
  return noun !== null && headNoun(declared) === noun;
}

/**
 * The declared shape of the records of `model` (the fields of every declaration of it together),
 * or null when this file declares none, or declarations of different kinds.
 */
export function recordShapeOf(declared: readonly DeclaredRecord[], model: string): RecordShape | null {
  const matches = declared.filter((record) => sameEntity(record.name, model));
  const first = matches[0];
  if (!first || matches.some((record) => record.shape.kind !== first.shape.kind)) return null;
  return { kind: first.shape.kind, fields: [...new Set(matches.flatMap((record) => record.shape.fields))] };
}

function objectKeys(node: TSESTree.Node): string[] {
  const object = unwrap(node);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const keys: string[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = propertyName(property.key);
    if (key !== null) keys.push(key);
  }
  return keys;
}
