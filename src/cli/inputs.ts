import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isBodyStreamEvent } from '../analysis/routes/handlers.js';
import type { RouteGuard, RouteHandler } from '../analysis/routes/index.js';
import {
  h3InputCall,
  inputRootOf,
  nestInputOf,
  parsedRequestText,
  parsedUrlText,
  readParsedInput,
  readRequestInput,
  readsBodyStream,
  stepsOf,
  type InputRoot,
  type InputStep,
  type RequestInputRead,
} from '../analysis/routes/request-inputs.js';
import { h3InputFunctions } from '../models/frameworks/h3.js';
import { schemaValidatedInputs } from '../models/frameworks/request-inputs.js';
import { dottedName, propertyName, unwrap, type FunctionNode, scopeOf } from '../utils/ast.js';
import type { EndpointInput, InputLocation, Validation } from './model.js';

/** One step of a member chain read from the request: a property, or a call with its first literal argument. */
type Segment = InputStep;

interface Read {
  location: InputLocation;
  name: string | null;
  expression: string;
  line: number;
  validated: boolean;
  reason: string;
}

/** Calls whose argument comes out checked: number coercion and schema validation. */
const COERCIONS = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat', 'BigInt', 'Boolean']);
const SCHEMA_METHODS = /\.(?:parse|safeParse|parseAsync|safeParseAsync|validate|validateSync|validateAsync|assert|cast|decode|check)$/u;
const VALIDATOR_FUNCTIONS = /^(?:validate|validateOrReject|validateSync|plainToInstance|plainToClass|assert|is)$/u;
/** Route middleware that validates the request (celebrate, express-validator chains, zValidator, …). */
const VALIDATING_MIDDLEWARE = /valid|celebrate|schema|^(?:body|query|param|check|checkSchema)(?:\.|$)/iu;
/** Parameter types that say nothing about validation. */
const PLAIN_TYPES = new Set(['Record', 'Array', 'Partial', 'Promise', 'Object', 'String', 'Number', 'Boolean', 'Date', 'Map', 'Set', 'Readonly', 'Pick', 'Omit', 'Request', 'Response']);

const MAX_DEPTH = 3;
/** Longest parse call the inventory writes as the root of a parsed input's expression. */
const MAX_ROOT = 40;

/**
 * The request inputs a handler reads, whether each is validated and why, as the shared
 * request-input reader names them (the taint engine asks the same reader). Intra-procedural and
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
    for (const [index, param] of fn.params.entries()) {
      const root = inputRootOf(handler.style, index, fn);
      if (root === null) continue;
      const walk = requestWalk(root, rootName(param), sourceCode, reads);
      const validated = handler.validation ? schemaValidatedInputs[handler.style] : undefined;
      if (validated && handler.validation) walk.declared = { inputs: validated, reason: `${handler.validation.format} schema` };
      readBinding(param, [], walk, 0);
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

/** A walk over the reads of one binding: what its member paths are (the shared request-input reader) and where reads go. */
interface Walk {
  /** The binding as the inventory names it: `req`, or the parse call for parsed request text. */
  root: string;
  read: (steps: readonly Segment[]) => RequestInputRead | null;
  /** The binding is a request stream whose iteration or `data` events read the body. */
  bodyStream: boolean;
  sourceCode: Readonly<TSESLint.SourceCode>;
  reads: Read[];
  /**
   * Inputs the route's declared schema validates before the handler reads them (a tRPC
   * procedure's `input`, by its `.input(schema)`), with the reason the inventory gives.
   */
  declared?: { inputs: readonly string[]; reason: string };
}

function requestWalk(root: InputRoot, name: string, sourceCode: Readonly<TSESLint.SourceCode>, reads: Read[]): Walk {
  return { root: name, read: (steps) => readRequestInput(root, steps), bodyStream: readsBodyStream(root, []), sourceCode, reads };
}

/**
 * Follows a binding that holds `segments` of the request: an identifier (its references), or a
 * destructuring pattern (each property adds a segment).
 */
function readBinding(pattern: TSESTree.Node, segments: readonly Segment[], walk: Walk, depth: number): void {
  if (depth > MAX_DEPTH) return;
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(pattern, walk.sourceCode);
      for (const reference of variable?.references ?? []) {
        if (reference.identifier === pattern || !reference.isRead() || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
        readChain(reference.identifier, segments, walk, depth);
      }
      return;
    }
    case AST_NODE_TYPES.AssignmentPattern:
      readBinding(pattern.left, segments, walk, depth);
      return;
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = property.computed ? null : propertyName(property.key);
        if (key === null) continue;
        const next = [...segments, { name: key, call: false, argument: null }];
        const before = walk.reads.length;
        readBinding(property.value, next, walk, depth + 1);
        // Destructured but never read afterwards (or read in ways not followed): still an input.
        if (walk.reads.length === before) record(next, walk, property, null);
      }
      return;
    default:
      return;
  }
}

/** Reads the member/call chain that starts at `start`, a reference to a request binding or a parse of request text. */
function readChain(start: TSESTree.Node, base: readonly Segment[], walk: Walk, depth: number): void {
  const segments = [...base];
  let node: TSESTree.Node = start;
  const tops: { node: TSESTree.Node; length: number }[] = [{ node: start, length: base.length }];
  // `for await (const chunk of req)`: the raw body, as the taint engine reads it.
  const holder = skipWrappers(start);
  if (walk.bodyStream && base.length === 0 && holder?.type === AST_NODE_TYPES.ForOfStatement && holder.right === start) {
    pushBodyStream(`for await (… of ${walk.root})`, start, walk);
    return;
  }
  // `getQuery(event)`, `getRouterParam(event, 'id')`: an h3 utility reads the event it is given.
  const utility = base.length === 0 && holder?.type === AST_NODE_TYPES.CallExpression && holder.arguments[0] === start ? h3InputCall(holder, scopeOf(walk.sourceCode, holder)) : null;
  if (utility && holder) {
    segments.push({ name: utility.name, call: true, argument: utility.key ? propertyName(utility.key) : null });
    node = holder;
    tops.push({ node, length: segments.length });
  }
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
  const read = walk.read(segments);
  if (read === null) {
    // `req.on('data', (chunk) => …)`: the raw body.
    const listened = segments[0];
    if (walk.bodyStream && base.length === 0 && segments.length === 1 && listened?.call && listened.name === 'on' && listened.argument !== null && isBodyStreamEvent(listened.argument)) {
      pushBodyStream(`${walk.root}.on('${listened.argument}')`, node, walk);
      return;
    }
    // `const { query } = req` or `const q = req.query`: follow the new binding.
    if (segments.length <= 1) followDeclarator(node, segments, walk, depth);
    return;
  }
  // The node that stands for the input plus its key (`req.query.id`), or the input itself.
  const keyLength = Math.min(read.length + 1, segments.length);
  const top = tops.find((candidate) => candidate.length >= keyLength) ?? tops[tops.length - 1];
  const topNode = top?.node ?? node;
  const followed = segments.slice(0, keyLength);
  if (followDeclarator(topNode, followed, walk, depth)) return;
  if (followed.length === read.length && followParsed(topNode, read.location, walk, depth)) return;
  record(followed, walk, topNode, topNode);
}

/**
 * `url.parse(req.url, true).query.id`, `new URL(req.url).searchParams.get('id')`, `qs.parse(text).id`:
 * reads of the parsed text, named by the reader. False when the parse result is not read as input.
 */
function followParsed(node: TSESTree.Node, location: InputLocation, walk: Walk, depth: number): boolean {
  const parent = skipWrappers(node);
  const parsed =
    (parent?.type === AST_NODE_TYPES.CallExpression && parsedRequestText(parent, walk.sourceCode) === node) ||
    (parent?.type === AST_NODE_TYPES.NewExpression && parsedUrlText(parent) === node);
  if (!parsed || !parent || depth > MAX_DEPTH) return false;
  const before = walk.reads.length;
  const root = walk.sourceCode.getText(parent);
  readChain(parent, [], { ...walk, root: root.length > MAX_ROOT ? `${root.slice(0, MAX_ROOT)}…` : root, read: (steps) => readParsedInput(location, steps), bodyStream: false }, depth + 1);
  return walk.reads.length > before;
}

function pushBodyStream(expression: string, node: TSESTree.Node, walk: Walk): void {
  walk.reads.push({ location: 'body', name: null, expression, line: node.loc.start.line, validated: false, reason: 'read directly' });
}

/** `const x = <chain>` / `const { a } = <chain>`: reads through the declared binding. */
function followDeclarator(node: TSESTree.Node, segments: readonly Segment[], walk: Walk, depth: number): boolean {
  const parent = skipWrappers(node);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== node) return false;
  if (parent.id.type !== AST_NODE_TYPES.ObjectPattern && parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const before = walk.reads.length;
  readBinding(parent.id, segments, walk, depth + 1);
  if (walk.reads.length === before && walk.read(segments) !== null) record(segments, walk, node, node);
  return true;
}

function variableOf(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | null {
  for (let scope: TSESLint.Scope.Scope | null = scopeOf(sourceCode, id); scope; scope = scope.upper) {
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

function record(segments: readonly Segment[], walk: Walk, node: TSESTree.Node, valueNode: TSESTree.Node | null): void {
  const read = walk.read(segments);
  // A member the server chose for an upload (`req.file.path`) is not client input: the engine agrees.
  if (read === null || read.serverChosen) return;
  const expression = [walk.root, ...segments.map((segment) => (segment.call ? `${segment.name}(${segment.argument === null ? '' : `'${segment.argument}'`})` : segment.name))].join('.');
  // `readValidatedBody(event, schema.parse)`: an h3 utility that validates what it reads.
  const first = segments[0];
  const utility = first?.call === true && Object.hasOwn(h3InputFunctions, first.name) && h3InputFunctions[first.name]?.schema !== undefined ? `${first.name}()` : null;
  const declared = walk.declared?.inputs.includes(read.input) === true ? walk.declared.reason : null;
  const check = utility ?? declared ?? (valueNode ? validation(valueNode) : null);
  walk.reads.push({
    location: read.location,
    name: read.name,
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
  const nest = nestInputOf(param, (inner) => scopeOf(sourceCode, inner));
  if (nest === null || nest.member === null) return;
  if (nest.member === '') {
    readBinding(target, [], requestWalk('express', rootName(target), sourceCode, reads), 0);
    return;
  }
  const first = nest.args[0];
  const pipes = nest.args.slice(nest.key === null ? 0 : 1).map(pipeName).filter((pipe) => pipe !== null);
  const dto = dtoType(target);
  const read = readRequestInput('express', stepsOf(nest.key === null ? [nest.member] : [nest.member, nest.key]));
  const reason = pipes.length > 0 ? pipes.join(', ') : nest.converted === true || nest.convertedText === true ? 'converted to its declared type' : dto !== null ? `DTO ${dto}` : 'read directly';
  reads.push({
    location: read?.location ?? 'url',
    name: read?.name ?? null,
    expression: `@${nest.name}(${first ? sourceCode.getText(first) : ''})`,
    line: nest.decorator.loc.start.line,
    validated: reason !== 'read directly',
    reason,
  });
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
