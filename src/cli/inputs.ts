import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { RouteGuard, RouteHandler } from '../analysis/routes/index.js';
import { inputLocations, nestInputDecorators, requestInputs } from '../models/frameworks/request-inputs.js';
import { dottedName, propertyName, unwrap, type FunctionNode } from '../utils/ast.js';
import type { EndpointInput, InputLocation, Validation } from './model.js';

/** One step of a member chain read from the request: a property, or a call with its first literal argument. */
interface Segment {
  name: string;
  call: boolean;
  argument: string | null;
}

interface Read {
  location: InputLocation;
  name: string | null;
  expression: string;
  line: number;
  validated: boolean;
  reason: string;
}

const LOCATIONS: ReadonlyMap<string, InputLocation> = new Map(Object.entries(inputLocations));

/** Calls whose argument comes out checked: number coercion and schema validation. */
const COERCIONS = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat', 'BigInt', 'Boolean']);
const SCHEMA_METHODS = /\.(?:parse|safeParse|parseAsync|safeParseAsync|validate|validateSync|validateAsync|assert|cast|decode|check)$/u;
const VALIDATOR_FUNCTIONS = /^(?:validate|validateOrReject|validateSync|plainToInstance|plainToClass|assert|is)$/u;
/** Route middleware that validates the request (celebrate, express-validator chains, zValidator, …). */
const VALIDATING_MIDDLEWARE = /valid|celebrate|schema|^(?:body|query|param|check|checkSchema)(?:\.|$)/iu;
/** Parameter types that say nothing about validation. */
const PLAIN_TYPES = new Set(['Record', 'Array', 'Partial', 'Promise', 'Object', 'String', 'Number', 'Boolean', 'Date', 'Map', 'Set', 'Readonly', 'Pick', 'Omit', 'Request', 'Response']);

const MAX_DEPTH = 3;

/**
 * The request inputs a handler reads, whether each is validated and why. Intra-procedural and
 * syntactic: a value counts as validated when the read itself is passed to a coercion or schema
 * call, or when route middleware or a Nest pipe/DTO validates it.
 */
export function readInputs(
  handler: RouteHandler,
  guards: readonly RouteGuard[],
  sourceCode: Readonly<TSESLint.SourceCode>,
): EndpointInput[] {
  const fn = handler.fn;
  if (!fn) return [];
  const reads: Read[] = [];
  if (handler.style === 'nest') {
    for (const param of fn.params) readNestParam(param, sourceCode, reads);
  } else {
    const model = requestInputs[handler.style];
    const param = fn.params[model.param];
    if (param) {
      const inputs = model.inputs.map((input) => input.split('.'));
      readBinding(param, [], rootName(param), inputs, sourceCode, reads, 0);
    }
  }
  const middleware = guards.find((guard) => guard.name !== null && guard.kind === 'middleware' && VALIDATING_MIDDLEWARE.test(guard.name));
  if (middleware?.name) {
    for (const read of reads) {
      if (read.validated) continue;
      read.validated = true;
      read.reason = `middleware ${middleware.name}`;
    }
  }
  return merge(reads);
}

/** Folds repeated reads of the same input: validated everywhere, nowhere, or `partial`. */
function merge(reads: readonly Read[]): EndpointInput[] {
  const byKey = new Map<string, { first: Read; validated: number; total: number; reasons: Set<string> }>();
  for (const read of reads) {
    const key = `${read.location}\u0000${read.name ?? ''}`;
    const entry = byKey.get(key);
    if (!entry) {
      byKey.set(key, { first: read, validated: read.validated ? 1 : 0, total: 1, reasons: new Set(read.validated ? [read.reason] : []) });
      continue;
    }
    entry.total++;
    if (read.validated) {
      entry.validated++;
      entry.reasons.add(read.reason);
    }
    if (read.line < entry.first.line) entry.first = read;
  }
  const result: EndpointInput[] = [];
  for (const { first, validated, total, reasons } of byKey.values()) {
    const verdict: Validation = validated === total ? true : validated === 0 ? false : 'partial';
    const reason = verdict === false
      ? 'read directly'
      : verdict === true
        ? [...reasons].join(', ')
        : `${[...reasons].join(', ')} on ${validated} of ${total} reads`;
    result.push({ location: first.location, name: first.name, expression: first.expression, line: first.line, validated: verdict, reason });
  }
  return result.sort((a, b) => a.line - b.line || a.location.localeCompare(b.location) || (a.name ?? '').localeCompare(b.name ?? ''));
}

function rootName(param: TSESTree.Node): string {
  const node = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  return node.type === AST_NODE_TYPES.Identifier ? node.name : 'req';
}

/**
 * Follows a binding that holds `segments` of the request: an identifier (its references), or a
 * destructuring pattern (each property adds a segment).
 */
function readBinding(
  pattern: TSESTree.Node,
  segments: readonly Segment[],
  root: string,
  inputs: readonly string[][],
  sourceCode: Readonly<TSESLint.SourceCode>,
  reads: Read[],
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(pattern, sourceCode);
      for (const reference of variable?.references ?? []) {
        if (reference.identifier === pattern || !reference.isRead() || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
        readChain(reference.identifier, segments, root, inputs, sourceCode, reads, depth);
      }
      return;
    }
    case AST_NODE_TYPES.AssignmentPattern:
      readBinding(pattern.left, segments, root, inputs, sourceCode, reads, depth);
      return;
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = property.computed ? null : propertyName(property.key);
        if (key === null) continue;
        const next = [...segments, { name: key, call: false, argument: null }];
        const before = reads.length;
        readBinding(property.value, next, root, inputs, sourceCode, reads, depth + 1);
        // Destructured but never read afterwards (or read in ways not followed): still an input.
        if (reads.length === before) record(next, root, inputs, property, reads, null);
      }
      return;
    default:
      return;
  }
}

/** Reads the member/call chain that starts at a reference to a request binding. */
function readChain(
  start: TSESTree.Identifier,
  base: readonly Segment[],
  root: string,
  inputs: readonly string[][],
  sourceCode: Readonly<TSESLint.SourceCode>,
  reads: Read[],
  depth: number,
): void {
  const segments = [...base];
  let node: TSESTree.Node = start;
  const tops: { node: TSESTree.Node; length: number }[] = [{ node: start, length: base.length }];
  for (;;) {
    const parent = skipWrappers(node);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      const name = parent.computed ? (parent.property.type === AST_NODE_TYPES.Literal ? propertyName(parent.property) : null) : propertyName(parent.property);
      if (name === null) break;
      segments.push({ name, call: false, argument: null });
      node = parent;
      tops.push({ node, length: segments.length });
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node && segments.length > base.length) {
      const last = segments[segments.length - 1]!;
      const first = parent.arguments[0];
      segments[segments.length - 1] = { ...last, call: true, argument: first ? propertyName(first) : null };
      node = parent;
      tops[tops.length - 1] = { node, length: segments.length };
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.AwaitExpression) {
      node = parent;
      tops[tops.length - 1] = { node, length: segments.length };
      continue;
    }
    break;
  }
  const matched = matchInput(segments, inputs);
  if (matched === null) {
    // `const { query } = req` or `const q = req.query`: follow the new binding.
    if (segments.length <= 1) followDeclarator(node, segments, root, inputs, sourceCode, reads, depth);
    return;
  }
  // The node that stands for the input plus its key (`req.query.id`), or the input itself.
  const keyLength = Math.min(matched + 1, segments.length);
  const top = tops.find((candidate) => candidate.length >= keyLength) ?? tops[tops.length - 1];
  const topNode = top?.node ?? node;
  const followed = segments.slice(0, keyLength);
  if (followDeclarator(topNode, followed, root, inputs, sourceCode, reads, depth)) return;
  record(followed, root, inputs, topNode, reads, topNode);
}

/** `const x = <chain>` / `const { a } = <chain>`: reads through the declared binding. */
function followDeclarator(
  node: TSESTree.Node,
  segments: readonly Segment[],
  root: string,
  inputs: readonly string[][],
  sourceCode: Readonly<TSESLint.SourceCode>,
  reads: Read[],
  depth: number,
): boolean {
  const parent = skipWrappers(node);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== node) return false;
  if (parent.id.type !== AST_NODE_TYPES.ObjectPattern && parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const before = reads.length;
  readBinding(parent.id, segments, root, inputs, sourceCode, reads, depth + 1);
  if (reads.length === before && matchInput(segments, inputs) !== null) record(segments, root, inputs, node, reads, node);
  return true;
}

function variableOf(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | null {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(id); scope; scope = scope.upper) {
    const variable = scope.set.get(id.name);
    if (variable?.identifiers.includes(id)) return variable;
  }
  return null;
}

function skipWrappers(node: TSESTree.Node): TSESTree.Node | undefined {
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    parent = parent.parent;
  }
  return parent;
}

/** Length of the longest request-input model path that prefixes `segments`, or null. */
function matchInput(segments: readonly Segment[], inputs: readonly string[][]): number | null {
  let best: number | null = null;
  for (const input of inputs) {
    if (input.length > segments.length || (best !== null && input.length <= best)) continue;
    const matches = input.every((part, index) => {
      const segment = segments[index]!;
      return part.endsWith('()') ? segment.call && segment.name === part.slice(0, -2) : segment.name === part;
    });
    if (matches) best = input.length;
  }
  return best;
}

function record(
  segments: readonly Segment[],
  root: string,
  inputs: readonly string[][],
  node: TSESTree.Node,
  reads: Read[],
  valueNode: TSESTree.Node | null,
): void {
  const matched = matchInput(segments, inputs);
  if (matched === null) return;
  const input = segments.slice(0, matched).map((segment) => (segment.call ? `${segment.name}()` : segment.name)).join('.');
  const last = segments[matched - 1]!;
  const location = LOCATIONS.get(input) ?? LOCATIONS.get(input.slice(input.lastIndexOf('.') + 1)) ?? 'url';
  let name: string | null = last.call ? last.argument : null;
  const key = segments[matched];
  if (name === null && key) name = key.call ? key.argument : key.name;
  if (location === 'url') name = null;
  const expression = [root, ...segments.map((segment) => (segment.call ? `${segment.name}(${segment.argument === null ? '' : `'${segment.argument}'`})` : segment.name))].join('.');
  const check = valueNode ? validation(valueNode) : null;
  reads.push({
    location,
    name,
    expression,
    line: node.loc.start.line,
    validated: check !== null,
    reason: check ?? 'read directly',
  });
}

/** Why the value at `node` is validated (`Number()`, `schema.parse`), or null. */
function validation(node: TSESTree.Node): string | null {
  let current = node;
  let parent = skipWrappers(current);
  while (parent?.type === AST_NODE_TYPES.AwaitExpression) {
    current = parent;
    parent = skipWrappers(current);
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(current as TSESTree.CallExpressionArgument)) return null;
  const callee = dottedName(unwrap(parent.callee));
  if (callee === null) return null;
  if (COERCIONS.has(callee)) return `${callee}()`;
  if (SCHEMA_METHODS.test(callee) || VALIDATOR_FUNCTIONS.test(callee)) return callee;
  return null;
}

/** `@Query('id', ParseIntPipe) id: number`, `@Body() dto: CreateUserDto`, `@Req() req`. */
function readNestParam(param: TSESTree.Parameter, sourceCode: Readonly<TSESLint.SourceCode>, reads: Read[]): void {
  const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  for (const decorator of param.decorators ?? []) {
    const expression = unwrap(decorator.expression);
    const call = expression.type === AST_NODE_TYPES.CallExpression ? expression : null;
    const name = dottedName(call ? call.callee : expression);
    if (name === null || !Object.hasOwn(nestInputDecorators, name)) continue;
    const path = nestInputDecorators[name as keyof typeof nestInputDecorators];
    if (path === null) continue;
    if (path === '') {
      const inputs = requestInputs.express.inputs.map((input) => input.split('.'));
      readBinding(target, [], rootName(target), inputs, sourceCode, reads, 0);
      continue;
    }
    const first = call?.arguments[0];
    const key = first ? propertyName(first) : null;
    const pipes = (call?.arguments ?? []).slice(key === null ? 0 : 1).map(pipeName).filter((pipe) => pipe !== null);
    const dto = dtoType(target);
    const location = LOCATIONS.get(path) ?? 'url';
    const reason = pipes.length > 0 ? pipes.join(', ') : dto !== null ? `DTO ${dto}` : 'read directly';
    reads.push({
      location,
      name: key,
      expression: `@${name}(${first ? sourceCode.getText(first) : ''})`,
      line: decorator.loc.start.line,
      validated: reason !== 'read directly',
      reason,
    });
  }
}

function pipeName(node: TSESTree.Node): string | null {
  const value = unwrap(node);
  const name = dottedName(value.type === AST_NODE_TYPES.NewExpression ? value.callee : value);
  return name !== null && name.endsWith('Pipe') ? name : null;
}

/** The class a parameter is declared as, when it can carry class-validator rules. */
function dtoType(param: TSESTree.Node): string | null {
  const annotation = 'typeAnnotation' in param ? param.typeAnnotation : undefined;
  if (!annotation || annotation.type !== AST_NODE_TYPES.TSTypeAnnotation) return null;
  const type = annotation.typeAnnotation;
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const name = type.typeName.name;
  return PLAIN_TYPES.has(name) || !/^[A-Z]/u.test(name) ? null : name;
}

/** The handler's name as written, `Class.method` for controller methods, or null when anonymous. */
export function handlerName(node: TSESTree.Node, fn: FunctionNode | null): string | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.MemberExpression) return dottedName(value);
  const target = fn ?? value;
  const parent = target.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition) {
    const method = parent.computed ? null : propertyName(parent.key);
    const owner = parent.parent.parent;
    const className = owner && 'id' in owner && owner.id?.type === AST_NODE_TYPES.Identifier ? owner.id.name : null;
    return method === null ? null : className === null ? method : `${className}.${method}`;
  }
  if ((target.type === AST_NODE_TYPES.FunctionDeclaration || target.type === AST_NODE_TYPES.FunctionExpression) && target.id) {
    return target.id.name;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  return null;
}
