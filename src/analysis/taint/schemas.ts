import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { allTaintKinds, type TaintKind } from '../../models/taint-types.js';
import { findVariable, importSource, isConstantBinding, memberKeyName, propertyName, singleDefinition, staticString, unwrap, scopeOf } from '../../utils/ast.js';
import { importedDefinition } from '../project/imported.js';
import { fileOfNode, parseProjectFile } from '../project/parse.js';
import { typeboxSchemas } from '../../models/frameworks/request-inputs.js';
import { sailsInputRules, sailsInputTypes } from '../../models/frameworks/sails.js';
import { kindsOfPattern, regexKinds } from './regex-kinds.js';
import { originOf } from './access-path.js';
import { alwaysExits, type KindSet } from './guards.js';
import type { InputLocation } from '../../models/frameworks/request-inputs.js';
import type { RouteValidation } from '../routes/types.js';
import { isLocalModule } from '../routes/frameworks/shared-ast.js';

const NONE: KindSet = new Set();
const ALL: KindSet = new Set(allTaintKinds);
const NOSQL: KindSet = new Set<TaintKind>(['nosql']);
/**
 * String formats of a host name or an address (Joi `.hostname()`, `.ip()`; zod `.ip()`, `.ipv4()`,
 * `.ipv6()`): letters, digits, dots, hyphens and colons, no quote, space or slash; still any server.
 */
const HOST_FORMATS = new Set(['hostname', 'ip', 'ipv4', 'ipv6']);
const NOT_A_URL: KindSet = new Set<TaintKind>(allTaintKinds.filter((kind) => kind !== 'ssrf' && kind !== 'url-path' && kind !== 'redirect'));

/** Validation libraries whose schema chains the engine reads. */
const SCHEMA_MODULES = new Set(['zod', 'zod/v4', 'zod/v3', 'joi', '@hapi/joi', 'yup']);
/** Schema types whose values cannot carry an injection (numbers, booleans, enums, ids). */
const SAFE_TYPES = new Set([
  'number', 'bigint', 'boolean', 'bool', 'date', 'enum', 'nativeEnum', 'literal', 'uuid', 'cuid', 'cuid2', 'ulid',
  'int', 'integer', 'valid', 'oneOf', 'guid', 'isoDate', 'positive', 'negative', 'nan',
]);
/** JSON Schema types whose values cannot carry an injection (Ajv checks them, and coerces query and path values). */
const SAFE_JSON_TYPES = new Set(['integer', 'number', 'boolean', 'null']);
/** JSON Schema formats whose values cannot carry an injection. */
const SAFE_JSON_FORMATS = new Set(['uuid', 'date', 'date-time', 'time', 'ipv4', 'ipv6', 'int32', 'int64']);
/**
 * Methods of a schema out of view (see `SchemaReader.declaredOutOfView`) that take part of it, narrow
 * it or describe it, so that what it accepts is still the package's schema's, or less: Joi's
 * `extract('id')`, `required()`, `label()`; any other call (`unknown()`, `allow('')`, `concat(…)`)
 * may widen it, and such a schema is not out of view but unread.
 */
const OUT_OF_VIEW_CALLS = new Set([
  'extract', 'required', 'exist', 'label', 'description', 'notes', 'tags', 'meta', 'example', 'id', 'messages',
  'strict', 'min', 'max', 'length', 'integer', 'positive', 'negative', 'less', 'greater',
]);
/** Methods that turn a schema into one that accepts unknown keys. */
const OPENING = new Set(['passthrough', 'catchall', 'unknown', 'pattern', 'looseObject']);
/** Methods that parse a value with a schema. */
export const PARSE_METHODS = new Set(['parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'validate', 'validateAsync', 'validateSync', 'cast', 'attempt']);
/**
 * Parse methods that do not throw on invalid input but return it beside an error: Joi's
 * `schema.validate(x)` gives `{ value, error }`, and when `error` is set `value` is what the client
 * sent. (zod's `safeParse` leaves `data` undefined on failure; yup's `validate` and Joi's
 * `validateAsync` reject.) The value of one is validated only where the error is checked.
 */
const RESULT_ERROR_PARSES = [{ modules: ['joi', '@hapi/joi'], method: 'validate', error: 'error' }] as const;

interface Chain {
  root: TSESTree.Identifier;
  /** The validation library the chain starts from. */
  module: string;
  /** Method (and member) names from the root outwards: `z.coerce.number().int()` → coerce, number, int. */
  names: string[];
  /** Calls along the chain, keyed by method name (first wins). */
  calls: Map<string, TSESTree.CallExpression>;
}

export class SchemaReader {
  private readonly cache = new Map<TSESTree.Node, KindSet>();

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {}

  /** The schema used by `schema.parse(x)` / `Joi.attempt(x, schema)`, or null. */
  parsedSchema(call: TSESTree.CallExpression): { schema: TSESTree.Node; input: TSESTree.Node } | null {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = propertyName(callee.property);
    if (method === null || !PARSE_METHODS.has(method)) return null;
    if (method === 'attempt') {
      const [input, schema] = call.arguments;
      return input && schema && this.resolve(schema) ? { schema, input } : null;
    }
    const input = call.arguments[0];
    if (!input || !this.resolve(callee.object)) return null;
    return { schema: callee.object, input };
  }

  /**
   * Whether `call` parses with a method that returns invalid input beside an error
   * (`RESULT_ERROR_PARSES`) and nothing checks that error before the value is used: then the value
   * is the client's input as sent. The error counts as checked when an `if` or `? :` tests it and
   * either leaves on it (`if (error) return res.status(400)…`) or uses the result in one of its
   * branches (`if (!error) run(value.host)`, `error ? fallback : value.host`). A result the
   * function returns is checked (or not) by its callers: counted as checked.
   */
  errorIgnored(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee.property);
    const chain = method === null ? null : this.resolve(callee.object);
    const entry = chain ? RESULT_ERROR_PARSES.find((candidate) => candidate.method === method && (candidate.modules as readonly string[]).includes(chain.module)) : undefined;
    if (!entry) return false;
    let holder: TSESTree.Node = call;
    while (holder.parent && unwrap(holder.parent) === call) holder = holder.parent;
    const parent = holder.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.ReturnStatement || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === holder)) return false;
    const reads = { error: [] as TSESTree.Node[], value: [] as TSESTree.Node[] };
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === holder) {
      // `schema.validate(x).value`: nothing can read the error.
      return propertyName(parent.property) !== entry.error;
    }
    if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== holder) return false;
    this.resultReads(parent.id, entry.error, reads, 0);
    return !reads.error.some((read) => checks(read, reads.value));
  }

  /** The reads of a parse result's error and of the rest of it, through the pattern or name it is bound to. */
  private resultReads(binding: TSESTree.Node, error: string, reads: { error: TSESTree.Node[]; value: TSESTree.Node[] }, depth: number): void {
    if (depth > 2) return;
    if (binding.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of binding.properties) {
        const target = property.type === AST_NODE_TYPES.Property ? property.value : property.argument;
        const isError = property.type === AST_NODE_TYPES.Property && memberKeyName(property) === error;
        const value = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
        if (value.type !== AST_NODE_TYPES.Identifier) continue;
        const references = this.references(value);
        (isError ? reads.error : reads.value).push(...references);
      }
      return;
    }
    if (binding.type !== AST_NODE_TYPES.Identifier) return;
    for (const reference of this.references(binding)) {
      const parent = reference.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference) {
        (propertyName(parent.property) === error ? reads.error : reads.value).push(parent);
      } else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === reference) {
        this.resultReads(parent.id, error, reads, depth + 1);
      } else reads.value.push(reference);
    }
  }

  private references(name: TSESTree.Identifier): TSESTree.Node[] {
    const variable = findVariable(scopeOf(this.sourceCode, name), name.name);
    return (variable?.references ?? []).map((reference) => reference.identifier as TSESTree.Node).filter((identifier) => identifier !== name);
  }

  /** Kinds a schema's output is safe for. */
  clears(schema: TSESTree.Node, depth = 0): KindSet {
    const cached = this.cache.get(schema);
    if (cached) return cached;
    this.cache.set(schema, NONE);
    const result = this.computeClears(schema, depth);
    this.cache.set(schema, result);
    return result;
  }

  private computeClears(schema: TSESTree.Node, depth: number): KindSet {
    if (depth > 8) return NONE;
    const chain = this.resolve(schema);
    if (!chain) return NONE;
    // Joi's `string().pattern(re)` (and its alias `regex`) tests the string against `re`, judged as
    // `re.test(x)` is: an object's `pattern(keyRe, schema)` opens it to more keys instead.
    const stringPattern = chain.names.includes('string') && !chain.names.some((name) => name === 'object' || name === 'keys') ? (chain.calls.get('pattern') ?? chain.calls.get('regex')) : undefined;
    if (stringPattern && chain.module.endsWith('joi')) {
      const [re] = stringPattern.arguments;
      return re && re.type !== AST_NODE_TYPES.SpreadElement ? regexKinds(re, this.codeOf(re)) : NONE;
    }
    if (chain.names.some((name) => OPENING.has(name))) return NONE;
    if (chain.names.includes('regex') || chain.names.includes('pattern')) return ALL;
    for (const name of chain.names) {
      if (SAFE_TYPES.has(name)) return ALL;
      // A string narrowed to a safe format (`z.string().uuid()`, `Joi.string().guid()`, `.valid(...)`).
      if (name === 'string') return chain.names.some((other) => SAFE_TYPES.has(other)) ? ALL : chain.names.some((other) => HOST_FORMATS.has(other)) ? NOT_A_URL : NOSQL;
      if (name === 'object' || name === 'keys' || name === 'strictObject') {
        const shape = this.shape(chain);
        if (!shape) return NONE;
        let result: KindSet = ALL;
        for (const property of shape.properties) {
          if (property.type !== AST_NODE_TYPES.Property) return NONE;
          const fieldKinds = this.clears(property.value, depth + 1);
          result = new Set([...result].filter((kind) => fieldKinds.has(kind)));
        }
        return result;
      }
      if (name === 'array') {
        const inner = chain.calls.get('array')?.arguments[0] ?? chain.calls.get('items')?.arguments[0];
        return inner ? this.clears(inner, depth + 1) : NONE;
      }
      if (name === 'union' || name === 'alternatives') {
        const options = chain.calls.get(name)?.arguments[0];
        const list = options ? unwrap(options) : null;
        if (list?.type !== AST_NODE_TYPES.ArrayExpression) return NONE;
        let result: KindSet = ALL;
        for (const element of list.elements) {
          if (!element || element.type === AST_NODE_TYPES.SpreadElement) return NONE;
          const kinds = this.clears(element, depth + 1);
          result = new Set([...result].filter((kind) => kinds.has(kind)));
        }
        return result;
      }
    }
    return NONE;
  }

  /**
   * Kinds the validation a route declares (see `RouteValidation`) makes input `name` at `location`
   * safe for: a Joi key read as `schema.parse` reads it; a JSON Schema property typed as a number or
   * boolean, with an `enum` or `const`, or a strict format.
   */
  declaredClears(validation: RouteValidation, location: InputLocation, name: string | null): KindSet {
    const schema = validation.schemas[location];
    if (!schema) return NONE;
    // A library schema checks the whole input too (tRPC `.input(z.number())`, then `input`).
    if (validation.format === 'zod') return name === null ? this.clears(schema) : this.fieldClears(schema, name);
    if (name === null) return NONE;
    const written = this.constant(schema);
    if (validation.format === 'joi') {
      // `Joi.object({ id: Joi.number() })`, or the plain object of Joi schemas Hapi also takes.
      const field = written.type === AST_NODE_TYPES.ObjectExpression ? propertyValue(written, name) : this.field(schema, name);
      return field ? this.clears(field) : NONE;
    }
    if (validation.format === 'sails') {
      const field = written.type === AST_NODE_TYPES.ObjectExpression ? propertyValue(written, name) : null;
      return field ? this.sailsClears(field) : NONE;
    }
    const field = this.jsonField(written, name);
    return field ? this.jsonClears(field, 0) : NONE;
  }

  /**
   * The schema a route's declared validation (see `RouteValidation`) gives input `name` at
   * `location` when that schema is out of view, as text and line for a message; null otherwise.
   * Out of view: a value imported from a package that is not a validation library the engine
   * reads (`schema.models.build.base.extract('id')` of `require('my-data-schema')`), or a member of
   * one, reached only through members and calls that narrow or describe a schema (`OUT_OF_VIEW_CALLS`).
   * The framework rejects the request unless the value passes that schema, which may bound it (a
   * number, an id) or not: a category of its own, which the rules report only when asked. Either
   * the whole declaration of the location is such a schema, or the declaration is written here and
   * names `name` with one. A key it does not name, a schema in view that does not bound the value
   * (`Joi.string()`, `Joi.any()`) and a schema of a project file are not out of view.
   */
  declaredOutOfView(validation: RouteValidation, location: InputLocation, name: string | null): { text: string; line: number } | null {
    if (validation.format === 'sails') return null;
    const schema = validation.schemas[location];
    if (!schema) return null;
    if (this.outOfView(schema)) return this.located(schema);
    if (name === null) return null;
    const written = this.constant(schema);
    let field: TSESTree.Node | null;
    if (validation.format === 'json-schema') field = this.jsonField(written, name);
    else if (written.type === AST_NODE_TYPES.ObjectExpression) field = propertyValue(written, name);
    else field = this.field(schema, name);
    return field && this.outOfView(field) ? this.located(field) : null;
  }

  private located(node: TSESTree.Node): { text: string; line: number } {
    const text = this.codeOf(node).getText(node);
    return { text: text.length > 60 ? `${text.slice(0, 57)}...` : text, line: node.loc.start.line };
  }

  /** Whether `node` is a schema out of view (see `declaredOutOfView`). */
  private outOfView(node: TSESTree.Node): boolean {
    const value = this.constant(node);
    const origin = originOf(value, this.codeOf(value));
    if (!origin || isLocalModule(origin.module) || SCHEMA_MODULES.has(origin.module) || (typeboxSchemas.modules as readonly string[]).includes(origin.module)) return false;
    // Members of the package's export, and calls of the methods that narrow or describe a schema.
    return origin.steps.every((step, index) => {
      if (step === 'ReturnValue') return index > 0 && OUT_OF_VIEW_CALLS.has(origin.steps[index - 1]!.slice('Member:'.length));
      return step.startsWith('Member:');
    });
  }

  /**
   * Kinds the declaration of a Sails action input (`{ type: 'number' }`, `{ type: 'string', isIn:
   * […] }`) makes its value safe for, as Sails checks it before the action runs (see
   * `sailsInputTypes` and `sailsInputRules`): the union of what its type and its rules clear.
   */
  private sailsClears(node: TSESTree.Node): KindSet {
    const declaration = this.constant(node);
    if (declaration.type !== AST_NODE_TYPES.ObjectExpression) return NONE;
    const cleared = new Set<TaintKind>();
    const add = (rule: readonly TaintKind[] | 'all' | 'all-but-id'): void => {
      for (const kind of rule === 'all' ? allTaintKinds : rule === 'all-but-id' ? allTaintKinds.filter((entry) => entry !== 'id') : rule) cleared.add(kind);
    };
    const type = propertyValue(declaration, 'type');
    const typeName = type?.type === AST_NODE_TYPES.Literal && typeof type.value === 'string' ? type.value : null;
    if (typeName !== null && Object.hasOwn(sailsInputTypes, typeName)) add(sailsInputTypes[typeName]!);
    for (const [rule, clears] of Object.entries(sailsInputRules)) {
      const value = propertyValue(declaration, rule);
      if (value === null || (value.type === AST_NODE_TYPES.Literal && value.value === false)) continue;
      if (clears !== 'pattern') {
        add(clears);
        continue;
      }
      // `regex: /^[a-z]+$/`: Sails tests it against the string value, as `RegExp#test` does.
      const pattern = value.type === AST_NODE_TYPES.Literal && 'regex' in value ? value.regex : null;
      // A pattern constrains text only: a `json` or `ref` input passes it as whatever it is.
      if (pattern && typeName === 'string') for (const kind of kindsOfPattern(pattern.pattern, pattern.flags)) cleared.add(kind);
    }
    return cleared;
  }

  /**
   * The schema of property `name` of a JSON Schema object: `{ properties: { name: … } }` written
   * out, or TypeBox's `Type.Object({ name: … })`.
   */
  private jsonField(written: TSESTree.Node, name: string): TSESTree.Node | null {
    if (written.type === AST_NODE_TYPES.ObjectExpression) {
      const properties = propertyValue(written, 'properties');
      const declared = properties ? this.constant(properties) : null;
      return declared?.type === AST_NODE_TYPES.ObjectExpression ? propertyValue(declared, name) : null;
    }
    const builder = this.typebox(written);
    if (builder?.name !== typeboxSchemas.object) return null;
    const [shape] = builder.call.arguments;
    const object = shape ? this.constant(shape) : null;
    return object?.type === AST_NODE_TYPES.ObjectExpression ? propertyValue(object, name) : null;
  }

  /**
   * Kinds a JSON Schema (written out, or built by TypeBox) makes a value safe for, as Ajv checks it:
   * a number or boolean type, an `enum` or `const`, a strict format, or a string `pattern` judged
   * as a regular expression test is (Ajv tests it unanchored with the `u` flag, so only `^…$`
   * constrains the whole value). A `pattern` applies to strings only: without `type: 'string'` an
   * object or array passes it untouched.
   */
  private jsonClears(node: TSESTree.Node, depth: number): KindSet {
    if (depth > 8) return NONE;
    const shape = this.constant(node);
    const builder = this.typebox(shape);
    if (builder) {
      const [first] = builder.call.arguments;
      if ((typeboxSchemas.safe as readonly string[]).includes(builder.name)) return ALL;
      if ((typeboxSchemas.wrappers as readonly string[]).includes(builder.name)) return first ? this.jsonClears(first, depth + 1) : NONE;
      if (builder.name === typeboxSchemas.union) {
        const members = first ? this.constant(first) : null;
        return members?.type === AST_NODE_TYPES.ArrayExpression ? this.allOf(members.elements, depth) : NONE;
      }
      if (builder.name === typeboxSchemas.string) {
        const options = first ? this.constant(first) : null;
        return options?.type === AST_NODE_TYPES.ObjectExpression ? this.stringClears(options) : NONE;
      }
      return NONE;
    }
    if (shape.type !== AST_NODE_TYPES.ObjectExpression) return NONE;
    if (propertyValue(shape, 'enum') !== null || propertyValue(shape, 'const') !== null) return ALL;
    const type = propertyValue(shape, 'type');
    const types = type?.type === AST_NODE_TYPES.ArrayExpression ? type.elements : [type];
    if (types.length > 0 && types.every((entry) => entry?.type === AST_NODE_TYPES.Literal && typeof entry.value === 'string' && SAFE_JSON_TYPES.has(entry.value))) return ALL;
    for (const combinator of ['anyOf', 'oneOf']) {
      const members = propertyValue(shape, combinator);
      if (members?.type === AST_NODE_TYPES.ArrayExpression) return this.allOf(members.elements, depth);
    }
    return type?.type === AST_NODE_TYPES.Literal && type.value === 'string' ? this.stringClears(shape) : NONE;
  }

  /** Kinds every member of a union makes safe (a member that is not a schema clears nothing). */
  private allOf(members: readonly (TSESTree.Node | null)[], depth: number): KindSet {
    if (members.length === 0) return NONE;
    let result: KindSet = ALL;
    for (const member of members) {
      if (!member || member.type === AST_NODE_TYPES.SpreadElement) return NONE;
      const kinds = this.jsonClears(member, depth + 1);
      result = new Set([...result].filter((kind) => kinds.has(kind)));
    }
    return result;
  }

  /** The options of a string schema (`{ type: 'string', format, pattern }`, `Type.String({ … })`). */
  private stringClears(options: TSESTree.ObjectExpression): KindSet {
    if (propertyValue(options, 'enum') !== null || propertyValue(options, 'const') !== null) return ALL;
    const format = propertyValue(options, 'format');
    if (format?.type === AST_NODE_TYPES.Literal && typeof format.value === 'string' && SAFE_JSON_FORMATS.has(format.value)) return ALL;
    const pattern = propertyValue(options, 'pattern');
    const text = pattern ? staticString(pattern, this.codeOf(pattern).getScope(pattern)) : null;
    // A string in any case can no longer be an operator object.
    return text === null ? NOSQL : new Set([...NOSQL, ...kindsOfPattern(text, 'u')]);
  }

  /** `Type.X(...)` of TypeBox: the builder's name and the call; null for anything else. */
  private typebox(node: TSESTree.Node): { name: string; call: TSESTree.CallExpression } | null {
    if (node.type !== AST_NODE_TYPES.CallExpression) return null;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return null;
    const name = propertyName(callee.property);
    const origin = originOf(callee.object, this.codeOf(callee.object));
    if (name === null || !origin || !(typeboxSchemas.modules as readonly string[]).includes(origin.module)) return null;
    return origin.steps.length === 1 && origin.steps[0] === 'Member:Type' ? { name, call: node } : null;
  }

  /** Kinds the schema of field `name` of an object schema makes its value safe for. */
  private fieldClears(schema: TSESTree.Node, name: string): KindSet {
    const field = this.field(schema, name);
    return field ? this.clears(field) : NONE;
  }

  /** The schema of one field of an object schema, or null. */
  field(schema: TSESTree.Node, name: string): TSESTree.Node | null {
    const chain = this.resolve(schema);
    if (!chain) return null;
    if (chain.names.includes('array')) return chain.calls.get('array')?.arguments[0] ?? null;
    const shape = this.shape(chain);
    if (!shape) return null;
    for (const property of shape.properties) {
      if (property.type === AST_NODE_TYPES.Property && memberKeyName(property) === name) return property.value;
    }
    return null;
  }

  private shape(chain: Chain): TSESTree.ObjectExpression | null {
    const call = chain.calls.get('object') ?? chain.calls.get('keys') ?? chain.calls.get('strictObject');
    const argument = call?.arguments[0];
    const value = argument ? this.constant(argument) : null;
    return value?.type === AST_NODE_TYPES.ObjectExpression ? value : null;
  }

  private constant(node: TSESTree.Node): TSESTree.Node {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return target;
    const scope = this.codeOf(target).getScope(target);
    const variable = findVariable(scope, target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) {
      return unwrap(definition.node.init);
    }
    // A schema another file of the project exports (`import { listQuery } from '../schemas/files'`).
    if (definition?.type === 'ImportBinding') {
      const source = importSource(scope, target.name);
      const found = source?.module.startsWith('.') ? importedDefinition(target, source.module, source.imported ?? '') : null;
      if (found) return unwrap(found.node);
    }
    return target;
  }

  /**
   * The source code `node` belongs to: the linted file's, or that of the project file an imported
   * schema was read from (see `constant`).
   */
  private codeOf(node: TSESTree.Node): Readonly<TSESLint.SourceCode> {
    let root: TSESTree.Node = node;
    while (root.parent) root = root.parent;
    if (root === this.sourceCode.ast) return this.sourceCode;
    const file = fileOfNode(root);
    const parsed = file === undefined ? null : parseProjectFile(file);
    return parsed?.program === root ? parsed.sourceCode : this.sourceCode;
  }

  /** Reads a schema chain rooted at a validation library import, following `const` aliases. */
  private resolve(node: TSESTree.Node, depth = 0): Chain | null {
    if (depth > 6) return null;
    let current = this.constant(node);
    const names: string[] = [];
    const calls = new Map<string, TSESTree.CallExpression>();
    for (let steps = 0; steps < 40; steps++) {
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrap(current.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const name = propertyName(callee.property);
          if (name !== null) {
            names.unshift(name);
            if (!calls.has(name)) calls.set(name, current);
          }
          current = unwrap(callee.object);
          continue;
        }
        if (callee.type === AST_NODE_TYPES.Identifier) {
          // `object({...})` imported by name, or a call of the root itself.
          names.unshift(callee.name);
          if (!calls.has(callee.name)) calls.set(callee.name, current);
          current = callee;
          continue;
        }
        return null;
      }
      if (current.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(current.property);
        if (name !== null) names.unshift(name);
        current = unwrap(current.object);
        continue;
      }
      break;
    }
    if (current.type !== AST_NODE_TYPES.Identifier) return null;
    const origin = originOf(current, this.codeOf(current));
    if (origin && SCHEMA_MODULES.has(origin.module) && origin.steps.length <= 1) {
      if (origin.steps.length === 1 && origin.steps[0]!.startsWith('Member:')) names.unshift(origin.steps[0]!.slice(7));
      return { root: current, module: origin.module, names, calls };
    }
    // A schema stored in a variable: continue from its definition.
    if (names.length === 0) return null;
    const base = this.constant(current);
    if (base === current) return null;
    const inner = this.resolve(base, depth + 1);
    if (!inner) return null;
    for (const [name, call] of calls) if (!inner.calls.has(name)) inner.calls.set(name, call);
    return { root: inner.root, module: inner.module, names: [...inner.names, ...names], calls: inner.calls };
  }
}

/**
 * Whether the error read `read` is tested by an `if` that leaves on it or runs a use of the result
 * (`values`) in a branch, or by a `? :` that chooses a use of the result.
 */
function checks(read: TSESTree.Node, values: readonly TSESTree.Node[]): boolean {
  let child: TSESTree.Node = read;
  for (let current = read.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement) {
      if (child !== current.test) return false;
      const branches = current.alternate ? [current.consequent, current.alternate] : [current.consequent];
      return branches.some((branch) => alwaysExits(branch) || values.some((value) => within(value, branch)));
    }
    if (current.type === AST_NODE_TYPES.ConditionalExpression) {
      if (child !== current.test) return false;
      return values.some((value) => within(value, current.consequent) || within(value, current.alternate));
    }
    // Only an expression around the read (`!error`, `error != null`, `result.error && …`) is its test.
    if (!isExpressionPart(current)) return false;
  }
  return false;
}

function isExpressionPart(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.UnaryExpression ||
    node.type === AST_NODE_TYPES.BinaryExpression ||
    node.type === AST_NODE_TYPES.LogicalExpression ||
    node.type === AST_NODE_TYPES.MemberExpression ||
    node.type === AST_NODE_TYPES.ChainExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression
  );
}

function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return container.range[0] <= node.range[0] && node.range[1] <= container.range[1];
}

/** The value of a plain property `name` of an object literal, or null. */
function propertyValue(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && memberKeyName(property) === name) return unwrap(property.value);
  }
  return null;
}
