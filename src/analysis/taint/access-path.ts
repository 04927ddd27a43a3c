import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, interopWrapped, isConstantBinding, memberKeyName, propertyName, requiredModule, singleDefinition, unwrap, scopeOf } from '../../utils/ast.js';

/** One step from a module export to a value: `Member:name`, `Instance`, `ReturnValue`. */
export type Step = string;

/** Where a value comes from: a module and the steps taken from its export. */
export interface Origin {
  module: string;
  steps: readonly Step[];
}

type Token =
  | { type: 'member'; names: ReadonlySet<string> }
  | { type: 'instance' }
  | { type: 'return' }
  | { type: 'any' };

/** A parsed access path: the steps to the callee and the argument index at the end (if any). */
export interface ParsedPath {
  tokens: readonly Token[];
  argument: number | null;
}

const parsedCache = new Map<string, ParsedPath>();

/** Parses `Member[a,b].Instance.Any*.Member[query].Argument[0]`. */
export function parsePath(path: string): ParsedPath {
  const cached = parsedCache.get(path);
  if (cached) return cached;
  const tokens: Token[] = [];
  let argument: number | null = null;
  for (const part of path === '' ? [] : path.split('.')) {
    const member = /^Member\[([^\]]+)\]$/.exec(part);
    const arg = /^Argument\[(\d+)\]$/.exec(part);
    if (member) tokens.push({ type: 'member', names: new Set(member[1]!.split(',')) });
    else if (arg) argument = Number(arg[1]);
    else if (part === 'Instance') tokens.push({ type: 'instance' });
    else if (part === 'ReturnValue') tokens.push({ type: 'return' });
    else if (part === 'Any*') tokens.push({ type: 'any' });
    else throw new Error(`Unknown access path step ${part} in ${path}`);
  }
  const parsed = { tokens, argument };
  parsedCache.set(path, parsed);
  return parsed;
}

/** Whether the steps of a value match the tokens of a path (`Any*` matches any run of steps). */
export function matchSteps(tokens: readonly Token[], steps: readonly Step[]): boolean {
  const match = (t: number, s: number): boolean => {
    if (t === tokens.length) return s === steps.length;
    const token = tokens[t]!;
    if (token.type === 'any') {
      for (let skip = s; skip <= steps.length; skip++) if (match(t + 1, skip)) return true;
      return false;
    }
    const step = steps[s];
    if (step === undefined) return false;
    if (token.type === 'instance') return step === 'Instance' && match(t + 1, s + 1);
    if (token.type === 'return') return step === 'ReturnValue' && match(t + 1, s + 1);
    return step.startsWith('Member:') && token.names.has(step.slice(7)) && match(t + 1, s + 1);
  };
  return match(0, 0);
}

/** Normalises `node:fs` style specifiers so models can name either. */
export function sameModule(model: string | readonly string[], module: string): boolean {
  // Asked for every call of a file against every model of a kind: no array made for one name.
  return typeof model === 'string' ? model === module : model.includes(module);
}

const MAX_DEPTH = 12;

/**
 * Traces an expression back to a module export through imports, `require`, `const` aliases,
 * destructuring, `new`, calls, member access, `await`, type annotations (`pool: Pool`) and
 * class fields (`this.pool`). Returns null when the value is not traceable to a module.
 */
export function originOf(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth = 0,
): Origin | null {
  if (depth > 0) return traceOrigin(node, sourceCode, depth);
  // Every sink kind asks for the origin of the same callees: trace each once per file.
  let cache = originCache.get(sourceCode);
  if (!cache) {
    cache = new Map();
    originCache.set(sourceCode, cache);
  }
  let origin = cache.get(node);
  if (origin === undefined) {
    origin = traceOrigin(node, sourceCode, 0);
    cache.set(node, origin);
  }
  return origin;
}

const originCache = new WeakMap<object, Map<TSESTree.Node, Origin | null>>();

function traceOrigin(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): Origin | null {
  if (depth > MAX_DEPTH) return null;
  const target = unwrap(node);
  const next = (inner: TSESTree.Node, step: Step | null): Origin | null => {
    const origin = originOf(inner, sourceCode, depth + 1);
    if (!origin) return null;
    return step === null ? origin : { module: origin.module, steps: [...origin.steps, step] };
  };
  switch (target.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return next(target.argument, null);
    case AST_NODE_TYPES.NewExpression:
      return next(target.callee, 'Instance');
    case AST_NODE_TYPES.CallExpression: {
      const module = requiredModule(target);
      if (module !== null && target.callee.type === AST_NODE_TYPES.Identifier) return { module, steps: [] };
      // `__importDefault(require('fs'))`: a compiler's interop wrapper hands back the module.
      const interop = interopWrapped(target);
      if (interop) {
        const wrapped = next(interop, null);
        if (wrapped && wrapped.steps.length === 0) return wrapped;
      }
      // `util.promisify(exec)` calls the function it wraps, with the same arguments.
      const wrapped = target.arguments[0];
      if (wrapped && wrapped.type !== AST_NODE_TYPES.SpreadElement && isPromisify(target.callee, sourceCode, depth)) return next(wrapped, null);
      return next(target.callee, 'ReturnValue');
    }
    case AST_NODE_TYPES.ImportExpression: {
      const module = requiredModule(target);
      return module === null ? null : { module, steps: [] };
    }
    case AST_NODE_TYPES.MemberExpression: {
      if (target.object.type === AST_NODE_TYPES.ThisExpression) return thisMemberOrigin(target, sourceCode, depth);
      const name = propertyName(target.property);
      if (name === null) return null;
      // `fs_1.default.readFile`: a module's `default`, as compiled code reads a default import, is
      // the module, as `import fs from 'fs'` is.
      if (name === 'default') {
        const base = next(target.object, null);
        if (base && base.steps.length === 0) return base;
      }
      return next(target.object, `Member:${name}`);
    }
    case AST_NODE_TYPES.Identifier:
      return identifierOrigin(target, sourceCode, depth);
    default:
      return null;
  }
}

const UTIL = ['util', 'node:util'];

/** `util.promisify`, `promisify` imported from `util`, `require('util').promisify`. */
function isPromisify(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const origin = originOf(callee, sourceCode, depth + 1);
  return origin !== null && sameModule(UTIL, origin.module) && origin.steps.length === 1 && origin.steps[0] === 'Member:promisify';
}

function identifierOrigin(
  identifier: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): Origin | null {
  const variable = findVariable(scopeOf(sourceCode, identifier), identifier.name);
  if (!variable) return null;
  const definition = singleDefinition(variable);
  if (!definition) return null;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return null;
    const module = String(declaration.source.value);
    const specifier = definition.node;
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = propertyName(specifier.imported);
      return imported === null || imported === 'default' ? { module, steps: [] } : { module, steps: [`Member:${imported}`] };
    }
    return { module, steps: [] };
  }
  if (definition.type === 'Parameter') {
    return typeAnnotationOrigin(definition.name, sourceCode, depth);
  }
  if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator) {
    const declarator = definition.node;
    if (!isConstantBinding(variable)) return lazyClientOrigin(variable, declarator, sourceCode, depth);
    if (!declarator.init) return typeAnnotationOrigin(definition.name, sourceCode, depth);
    const base = originOf(declarator.init, sourceCode, depth + 1);
    if (!base) return typeAnnotationOrigin(definition.name, sourceCode, depth);
    const path = patternPath(definition.name, declarator.id);
    if (path === null) return null;
    return { module: base.module, steps: [...base.steps, ...path.map((name) => `Member:${name}`)] };
  }
  return null;
}

/** At most this many writes of a variable are traced (a lazily made client is written once or twice). */
const MAX_WRITES = 4;

/**
 * A client made lazily in a variable (`let pool; function getPool() { pool ??= mysql.createPool(…);
 * return pool }`, `if (!db) db = new Pool()`): every value written to it (and its initializer,
 * unless absent, `undefined` or `null`) comes from the same export in the same way. Null when one
 * write is of anything else, or the variable is destructured.
 */
function lazyClientOrigin(
  variable: TSESLint.Scope.Variable,
  declarator: TSESTree.VariableDeclarator,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): Origin | null {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const values: TSESTree.Node[] = [];
  const init = declarator.init ? unwrap(declarator.init) : null;
  if (init && !(init.type === AST_NODE_TYPES.Literal && init.value === null) && !(init.type === AST_NODE_TYPES.Identifier && init.name === 'undefined')) values.push(init);
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.init === true) continue;
    const parent = reference.identifier.parent;
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== reference.identifier || !['=', '??=', '||='].includes(parent.operator)) return null;
    values.push(parent.right);
    if (values.length > MAX_WRITES) return null;
  }
  let found: Origin | null = null;
  for (const value of values) {
    const origin = originOf(value, sourceCode, depth + 1);
    if (!origin) return null;
    if (found && (found.module !== origin.module || found.steps.join('.') !== origin.steps.join('.'))) return null;
    found = origin;
  }
  return found;
}

/** `(pool: Pool)`, `private readonly ds: DataSource`, `repo: Repository<User>` → that class's instances. */
function typeAnnotationOrigin(
  name: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): Origin | null {
  const annotation =
    'typeAnnotation' in name && name.typeAnnotation?.type === AST_NODE_TYPES.TSTypeAnnotation
      ? name.typeAnnotation.typeAnnotation
      : null;
  return annotationOrigin(annotation, sourceCode, depth);
}

function annotationOrigin(
  annotation: TSESTree.TypeNode | null | undefined,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): Origin | null {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return null;
  let typeName: TSESTree.EntityName = annotation.typeName;
  const members: string[] = [];
  while (typeName.type === AST_NODE_TYPES.TSQualifiedName) {
    members.unshift(typeName.right.name);
    typeName = typeName.left;
  }
  if (typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const base = identifierOrigin(typeName, sourceCode, depth + 1);
  if (!base) return null;
  return { module: base.module, steps: [...base.steps, ...members.map((member) => `Member:${member}`), 'Instance'] };
}

/** `this.pool` inside a class: a field initializer, a typed field or a constructor parameter property. */
function thisMemberOrigin(
  member: TSESTree.MemberExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): Origin | null {
  const name = propertyName(member.property);
  if (name === null) return null;
  let current: TSESTree.Node | undefined = member.parent;
  while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
  if (!current) return null;
  for (const element of current.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && memberKeyName(element) === name) {
      if (element.value) return originOf(element.value, sourceCode, depth + 1);
      return annotationOrigin(element.typeAnnotation?.typeAnnotation, sourceCode, depth);
    }
    // `private get jobs() { return this.mongo.db('media').collection('jobs'); }`: what the getter returns.
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'get' && !element.static && !element.computed && memberKeyName(element) === name) {
      const returns = element.value.body?.body.filter((statement) => statement.type === AST_NODE_TYPES.ReturnStatement) ?? [];
      const [only] = returns;
      return returns.length === 1 && only?.argument ? originOf(only.argument, sourceCode, depth + 1) : null;
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter;
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) {
          return annotationOrigin(inner.typeAnnotation?.typeAnnotation, sourceCode, depth);
        }
      }
      const assigned = constructorAssignment(element.value, name);
      if (assigned) return originOf(assigned, sourceCode, depth + 1);
    }
  }
  return null;
}

/**
 * The value a constructor's own statements give `this.name` once (`this.pool = new Pool(cfg)`), a
 * parameter standing for its default (`constructor(http = axios) { this.http = http; }`: the
 * client used when none is injected), or null: assigned twice, conditionally, or a parameter
 * without a default.
 */
function constructorAssignment(constructor: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression, name: string): TSESTree.Node | null {
  let value: TSESTree.Node | null = null;
  for (const statement of constructor.body?.body ?? []) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right, operator } = statement.expression;
    if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.ThisExpression || left.computed || propertyName(left.property) !== name) continue;
    if (value !== null || operator !== '=') return null;
    value = unwrap(right);
  }
  if (value?.type !== AST_NODE_TYPES.Identifier) return value;
  const identifier = value;
  const parameter = constructor.params.find((param) => (param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param).type === AST_NODE_TYPES.Identifier && ((param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param) as TSESTree.Identifier).name === identifier.name);
  if (!parameter) return value;
  return parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.right : null;
}

/**
 * Property names from a destructuring pattern's root down to one of its identifiers:
 * `{ a: { b } }` → `['a', 'b']`. Array elements are `*`; defaults and rest are transparent.
 * Null when a computed key is not static.
 */
export function patternPath(identifier: TSESTree.Node, root: TSESTree.Node): string[] | null {
  const path: string[] = [];
  let current: TSESTree.Node = identifier;
  while (current !== root) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return null;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current) {
      const key = parent.computed && parent.key.type !== AST_NODE_TYPES.Literal ? null : propertyName(parent.key);
      if (key === null) return null;
      path.unshift(key);
    } else if (parent.type === AST_NODE_TYPES.ArrayPattern) {
      path.unshift('*');
    }
    current = parent;
  }
  return path;
}
