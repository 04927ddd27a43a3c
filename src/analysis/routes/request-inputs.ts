import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  argumentInputStyles,
  bodyStreamStyles,
  callbackParameterStyles,
  contextInputs,
  graphqlContextInputs,
  inputLocations,
  nestInputDecorators,
  objectInputs,
  ownPathInputs,
  ownUrlMembers,
  parsedUrlQueryMembers,
  positionalInputs,
  requestInputs,
  archiveEntryReaders,
  requestBodyParsers,
  requestParsers,
  serverChosenUploadMembers,
  targetedInputs,
  undecodedUrlInputs,
  type InputLocation,
  type RequestStyle,
} from '../../models/frameworks/request-inputs.js';
import { stringOnlyInputs } from '../../models/sanitizers.js';
import { h3InputFunctions, h3Modules } from '../../models/frameworks/h3.js';
import { graphqlPrimitiveScalars, resolverParameterDecorators } from '../../models/frameworks/graphql.js';
import { dottedName, findVariable, importSource, isFunction, propertyName, unwrap, walk, type FunctionNode, type Scope, scopeOf } from '../../utils/ast.js';
import { compiledDecoratorsOf, decoratorArguments, decoratorSource } from './frameworks/compiled-decorators.js';
import { decoratorOrigin } from './frameworks/decorator-controllers.js';
import { matchSteps, originOf, parsePath, sameModule } from '../taint/access-path.js';

/*
 * The one reader of request input. The taint engine (is this expression a source?) and the
 * inventory (which inputs does this route read?) both ask it, so they agree on what an input is,
 * where it sits in the request and which name it has. The knowledge itself is data in
 * `models/frameworks/request-inputs.ts`; this module only matches member paths against it.
 */

/**
 * Which handler parameter a member path starts from: the request of a handler style, the route
 * context that some styles pass besides it (`contextInputs`), or a GraphQL resolver's context,
 * which carries the HTTP request (`graphqlContextInputs`).
 */
export type InputRoot = RequestStyle | 'context' | 'graphql-context' | PositionalRoot;

/** A parameter that is input as a whole (see `positionalInputs`), by the part of the request it is. */
export type PositionalRoot = 'argument-path' | 'argument-body';
const POSITIONAL_ROOTS = { path: 'argument-path', body: 'argument-body' } as const satisfies Record<string, PositionalRoot>;
export const isPositionalRoot = (root: InputRoot): root is PositionalRoot => root === 'argument-path' || root === 'argument-body';

/** One step of a read from a request parameter: a property, or a call (`get('x')`) with its first static argument. */
export interface InputStep {
  name: string;
  call: boolean;
  /** The first argument of a call when it is a string literal (`x-token` of `get('x-token')`). */
  argument: string | null;
}

/** What a member path read from a request parameter is. */
export interface RequestInputRead {
  /** The model entry it matched, as written in the model (`query`, `req.json()`, `params`). */
  input: string;
  /** How many steps of the path the entry covers. */
  length: number;
  location: InputLocation;
  /** The static key read from the input: `id` of `req.query.id`, `x-token` of `req.get('x-token')`; null for a whole input or the URL. */
  name: string | null;
  /** The steps after the input read a place the server chose for an upload (`req.file.path`): not client data. */
  serverChosen: boolean;
  /** The input is always text, never an object that could carry query operators. */
  stringOnly: boolean;
  /** The path reads a whole object-valued input (`req.body`, `await req.json()`), not one of its fields. */
  wholeObject: boolean;
}

// `''` is the parameter itself (a server action's argument): the empty path, a prefix of every read.
const splitInputs = (inputs: readonly string[]): readonly (readonly string[])[] => inputs.map((input) => (input === '' ? [] : input.split('.')));
const MODELS = new Map<InputRoot, readonly (readonly string[])[]>([
  ...(Object.keys(requestInputs) as RequestStyle[]).map((style) => [style, splitInputs(requestInputs[style].inputs)] as const),
  ['context', splitInputs(Object.values(contextInputs).flatMap((context) => context.inputs))],
  ['graphql-context', splitInputs(graphqlContextInputs.inputs)],
  ['argument-path', [[]]],
  ['argument-body', [[]]],
]);
const STRING_ONLY = new Set<string>(stringOnlyInputs);
const OBJECT_INPUTS = new Set<string>(objectInputs);
const OWN_URL = new Set<string>(ownUrlMembers);
const UPLOAD_INPUTS = new Set<string>(serverChosenUploadMembers.inputs);
const UPLOAD_MEMBERS = new Set<string>(serverChosenUploadMembers.members);
const URL_QUERY_MEMBERS = new Set<string>(parsedUrlQueryMembers);
const PARSERS = requestParsers.map((parser) => ({ ...parser, tokens: parsePath(parser.path).tokens }));

/**
 * The root a handler's parameter at `index` holds input under: the request itself, the route
 * context (Next.js `{ params }`), or null when that parameter carries no request input. NestJS
 * parameters are read per decorator instead (`nestInputOf`).
 */
export function inputRootOf(style: RequestStyle, index: number, fn?: FunctionNode | null): InputRoot | null {
  if (fn && callbackParameterStyles.includes(style) && isCalledParameter(fn, index)) return null;
  if (index === requestInputs[style].param) return style;
  const positional: readonly { param: number; location: keyof typeof POSITIONAL_ROOTS }[] | undefined = Object.hasOwn(positionalInputs, style) ? positionalInputs[style as keyof typeof positionalInputs] : undefined;
  const whole = positional?.find((entry) => entry.param === index);
  if (whole) return POSITIONAL_ROOTS[whole.location];
  if (index >= 0 && argumentInputStyles.includes(style)) return style;
  const graphqlContext: Partial<Record<RequestStyle, number>> = graphqlContextInputs.params;
  if (index >= 0 && graphqlContext[style] === index) return 'graphql-context';
  const context = Object.hasOwn(contextInputs, style) ? contextInputs[style as keyof typeof contextInputs] : undefined;
  return context?.param === index ? 'context' : null;
}

/**
 * The handler calls its parameter at `index` (`ack(rows)`, `callback?.(null, rows)`): it holds a
 * function of the client's (a socket.io acknowledgement), which decoded client data never is.
 */
function isCalledParameter(fn: FunctionNode, index: number): boolean {
  let called = calledParameters.get(fn);
  if (!called) {
    // One walk per handler, whatever the number of reads of its parameters.
    const names = new Set<string>();
    walk(fn.body, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) names.add(callee.name);
    });
    called = new Set();
    for (const [position, written] of fn.params.entries()) {
      const param = written.type === AST_NODE_TYPES.AssignmentPattern ? written.left : written;
      if (param.type === AST_NODE_TYPES.Identifier && names.has(param.name)) called.add(position);
    }
    calledParameters.set(fn, called);
  }
  return called.has(index);
}
const calledParameters = new WeakMap<FunctionNode, Set<number>>();

/** Steps from the engine's notation: `get()` is a call, anything else a property. */
export function stepsOf(path: readonly string[]): InputStep[] {
  return path.map((name) => (name.endsWith('()') ? { name: name.slice(0, -2), call: true, argument: null } : { name, call: false, argument: null }));
}

/**
 * What the member path `steps` read from a parameter of `root` is: the request input it reads
 * (the longest model entry that prefixes it), or null when it reads no input (`req.user`,
 * `req.method`, the request object itself).
 */
export function readRequestInput(root: InputRoot, steps: readonly InputStep[]): RequestInputRead | null {
  let best: readonly string[] | null = null;
  for (const parts of MODELS.get(root) ?? []) {
    if (parts.length > steps.length || (best !== null && parts.length <= best.length)) continue;
    if (parts.every((part, index) => stepMatches(part, steps[index]!))) best = parts;
  }
  if (best === null) return null;
  const input = best.join('.');
  const length = best.length;
  const last = length > 0 ? steps[length - 1] : undefined;
  const key = steps[length];
  // `c.req.valid('json').title`: the argument names the part of the request, the next step the field.
  const targets = Object.hasOwn(targetedInputs, input) ? targetedInputs[input] : undefined;
  if (targets) {
    const field = key ? (key.call ? key.argument : key.name === '*' ? null : key.name) : null;
    const targetName = last?.argument ?? null;
    const targetLocation = targetName !== null && Object.hasOwn(targets, targetName) ? targets[targetName] : undefined;
    return { input, length, location: targetLocation ?? 'body', name: field, serverChosen: false, stringOnly: false, wholeObject: length === steps.length };
  }
  const location = root === 'argument-path' ? 'path' : (inputLocations[input] ?? inputLocations[best[length - 1]!] ?? 'url');
  let name = last?.call === true ? last.argument : null;
  if (name === null && key) name = key.call ? key.argument : key.name === '*' ? null : key.name;
  return {
    input,
    length,
    location,
    name: location === 'url' ? null : name,
    serverChosen: isServerChosenUploadMember(input, steps.slice(length).map((step) => step.name)),
    // A Feathers id is the text of the URL's last segment over REST (a socket client may send
    // another value: see the framework's known limitations).
    stringOnly: root === 'context' || root === 'argument-path' || STRING_ONLY.has(input),
    // `c.req.query()` is the whole query; `c.req.query('code')` one field of it.
    // An id names a record: a whole one is no object of fields to assign (a socket client may still send an object).
    wholeObject: root !== 'context' && root !== 'argument-path' && length === steps.length && OBJECT_INPUTS.has(input) && !(last?.call === true && last.argument !== null),
  };
}

/** The path (engine notation) reads the request's own URL, a safe base for a relative `new URL('/x', req.url)`. */
export function readsOwnUrl(root: InputRoot, path: readonly string[]): boolean {
  return root !== 'context' && OWN_URL.has(path.join('.'));
}

/**
 * The path (engine notation) reads the request's own URL (or its path) as the client sent it, not
 * percent-decoded (see `undecodedUrlInputs`).
 */
export function readsUndecodedUrl(root: InputRoot, path: readonly string[]): boolean {
  return root !== 'context' && root !== 'graphql-context' && !isPositionalRoot(root) && (undecodedUrlInputs[root] ?? []).includes(path.join('.'));
}

/**
 * The path (engine notation) reads the path of the request's own URL as a whole (`req.originalUrl`,
 * `ctx.path`), which starts with `/` (see `ownPathInputs`).
 */
export function readsOwnPath(root: InputRoot, path: readonly string[]): boolean {
  return root !== 'context' && root !== 'graphql-context' && !isPositionalRoot(root) && (ownPathInputs[root] ?? []).includes(path.join('.'));
}

/**
 * What a member path read from parsed request text is (`url.parse(req.url, true)`,
 * `new URL(req.url)`, `qs.parse(body)`): a field of the query for parsed URLs, a field of the
 * parsed text's own location otherwise. `location` is where the parsed text came from.
 */
export function readParsedInput(location: InputLocation, steps: readonly InputStep[]): RequestInputRead | null {
  const first = steps[0];
  if (location !== 'url') {
    const name = first ? (first.call ? first.argument : first.name === '*' ? null : first.name) : null;
    return { input: '', length: 0, location, name, serverChosen: false, stringOnly: false, wholeObject: false };
  }
  if (!first || first.call || !URL_QUERY_MEMBERS.has(first.name)) return null;
  const key = steps[1];
  const name = key ? (key.call ? key.argument : key.name === '*' ? null : key.name) : null;
  return { input: first.name, length: 1, location: 'query', name, serverChosen: false, stringOnly: false, wholeObject: false };
}

function stepMatches(part: string, step: InputStep): boolean {
  return part.endsWith('()') ? step.call && step.name === part.slice(0, -2) : !step.call && step.name === part;
}

/** The request parameter of a body-stream style is iterated or listened to for its body (`for await (const chunk of req)`). */
export function readsBodyStream(root: InputRoot, steps: readonly InputStep[]): boolean {
  return root !== 'context' && root !== 'graphql-context' && !isPositionalRoot(root) && steps.length === 0 && bodyStreamStyles.includes(root);
}

/**
 * The text a request parser parses (`url.parse(x)`, `querystring.parse(x)`, `qs.parse(x)`), by
 * import: its result carries the input that text is.
 */
export function parsedRequestText(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  const origin = originOf(call.callee, sourceCode);
  if (!origin) return null;
  for (const parser of PARSERS) {
    if (!sameModule(parser.module, origin.module) || !matchSteps(parser.tokens, origin.steps)) continue;
    const argument = call.arguments[parser.argument];
    return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? argument : null;
  }
  return null;
}

const BODY_PARSERS = requestBodyParsers.map((parser) => ({ ...parser, tokens: parsePath(parser.path).tokens }));
const ARCHIVE_READERS = archiveEntryReaders.map((reader) => ({ ...reader, tokens: parsePath(reader.path).tokens }));

/** The request a body parser parses (`form.parse(req)` of formidable, see `requestBodyParsers`), by import, or null. */
export function parsedRequestBody(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  const origin = originOf(call.callee, sourceCode);
  if (!origin) return null;
  const parser = BODY_PARSERS.find((candidate) => sameModule(candidate.module, origin.module) && matchSteps(candidate.tokens, origin.steps));
  const argument = parser ? call.arguments[parser.argument] : undefined;
  return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? argument : null;
}

/**
 * The archive whose entries a reader's call lists (`buffer` of `new AdmZip(buffer).getEntries()`,
 * see `archiveEntryReaders`), by import, the reader built in place or held by a `const`; or null.
 */
export function readArchive(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const origin = originOf(callee, sourceCode);
  if (!origin) return null;
  const reader = ARCHIVE_READERS.find((candidate) => sameModule(candidate.module, origin.module) && matchSteps(candidate.tokens, origin.steps));
  if (!reader) return null;
  let built: TSESTree.Node = unwrap(callee.object);
  if (built.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(sourceCode, built), built.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return null;
    built = unwrap(definition.node.init);
  }
  const argument = built.type === AST_NODE_TYPES.NewExpression ? built.arguments[reader.argument] : undefined;
  return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? argument : null;
}

/**
 * The text Node's `url.parse(x)` parses (the `url` module of `requestParsers`, by import), or null:
 * not `querystring.parse` or `qs.parse`, whose results are no URL.
 */
export function parsedUrlModuleText(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  const origin = originOf(call.callee, sourceCode);
  if (!origin) return null;
  const parser = PARSERS.find((candidate) => ([] as readonly string[]).concat(candidate.module).includes('url') && sameModule(candidate.module, origin.module) && matchSteps(candidate.tokens, origin.steps));
  const argument = parser ? call.arguments[parser.argument] : undefined;
  return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? argument : null;
}

/** The URL text `new URL(x)` parses (the global `URL`), or null. */
export function parsedUrlText(node: TSESTree.NewExpression): TSESTree.Node | null {
  const argument = node.arguments[0];
  return dottedName(node.callee) === 'URL' && argument && argument.type !== AST_NODE_TYPES.SpreadElement ? argument : null;
}

/** A NestJS parameter decorator that injects request input (`@Query('id')`, `@Body()`, `@Req()`). */
export interface NestInput {
  /** The decorator as written, or its compiled expression (`__param(0, (0, routing_controllers_1.QueryParam)('q'))`). */
  decorator: TSESTree.Decorator | TSESTree.Expression;
  /** How messages name a compiled decorator: `@QueryParam('q')`; absent for a written one (its text). */
  label?: string;
  /** The decorator's name as written: `Query`. */
  name: string;
  /** The express member path the parameter stands for: `query`; `''` for the whole request (`@Req()`); null when the value is not client input (`@Ip()`). */
  member: string | null;
  /** The static key it selects: `id` of `@Query('id')`. */
  key: string | null;
  /** The decorator's arguments (the key, then pipes). */
  args: readonly TSESTree.CallExpressionArgument[];
  /**
   * The framework gives the parameter as its declared `number` or `boolean` type, or rejects the
   * request (tsoa's `@Path() id: number`, routing-controllers' `@Param('id') id: number`): no client text.
   */
  converted?: boolean;
  /** The framework converts text to the declared number or boolean, but an object passes unchanged (see `typedParameters`). */
  convertedText?: boolean;
  /** The framework rejects a value that is not a string for a parameter declared `string`: never an operator object. */
  scalar?: boolean;
}

/**
 * The first input decorator of a decorated controller's handler parameter, or null: a decorator of
 * a framework of `models/frameworks/decorator-controllers.ts` by the package it comes from (with
 * `scopeOf`), else a NestJS one (`nestInputDecorators`). With `scopeOf`, a NestJS parameter without
 * written decorators is also read in its compiled form (`__param(0, (0, common_1.Query)('id'))`).
 */
export function nestInputOf(param: TSESTree.Parameter, scopeOf?: (node: TSESTree.Node) => Scope): NestInput | null {
  if (scopeOf) {
    const decorated = decoratorControllerInput(param, scopeOf);
    if (decorated !== undefined) return decorated;
  }
  const written: (TSESTree.Decorator | TSESTree.Expression)[] = [...(param.decorators ?? [])];
  const compiled = written.length === 0 && scopeOf ? compiledParameter(param, scopeOf) : null;
  const candidates = compiled ? compiled.decorators.filter((node): node is TSESTree.Expression => node.type !== AST_NODE_TYPES.Decorator) : written;
  for (const decorator of candidates) {
    const expression = unwrap(decorator.type === AST_NODE_TYPES.Decorator ? decorator.expression : decorator);
    const call = expression.type === AST_NODE_TYPES.CallExpression ? expression : null;
    const name = (scopeOf && compiled ? decoratorSource(expression, scopeOf)?.name : undefined) ?? dottedName(call ? call.callee : expression);
    if (name === null || !Object.hasOwn(nestInputDecorators, name)) continue;
    const args = call?.arguments ?? [];
    const first = args[0];
    const key = first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : null;
    return { decorator, name, member: nestInputDecorators[name as keyof typeof nestInputDecorators], key, args };
  }
  return null;
}

/**
 * The input a parameter decorator of routing-controllers, tsoa, inversify-express-utils or Ts.ED
 * injects (by the decorator's package); undefined when no decorator of those packages is on it.
 */
function decoratorControllerInput(param: TSESTree.Parameter, scopeOf: (node: TSESTree.Node) => Scope): NestInput | null | undefined {
  const written = param.decorators ?? [];
  const compiled = written.length === 0 ? compiledParameter(param, scopeOf) : null;
  const candidates: { decorator: TSESTree.Decorator | TSESTree.Expression; expression: TSESTree.Node }[] = compiled
    ? compiled.decorators.flatMap((expression) => (isExpression(expression) ? [{ decorator: expression, expression }] : []))
    : written.map((decorator) => ({ decorator, expression: decorator.expression }));
  for (const { decorator, expression } of candidates) {
    const origin = decoratorOrigin(expression, scopeOf);
    if (origin === null) continue;
    // `param.path.number` is the entry `param.path` with the type `number` (`typedByName`).
    const typeAt = origin.name.lastIndexOf('.');
    const base = typeAt > 0 ? origin.name.slice(0, typeAt) : null;
    const byName = base !== null && Object.hasOwn(origin.model.parameters, base) && origin.model.parameters[base]?.typedByName === true ? origin.model.parameters[base] : undefined;
    const entry = Object.hasOwn(origin.model.parameters, origin.name) ? origin.model.parameters[origin.name] : byName;
    if (entry === undefined) continue;
    const namedType = byName ? origin.name.slice(typeAt + 1) : null;
    const args = decoratorArguments(expression);
    const first = args[0];
    const literal = first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : null;
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const own = target.type === AST_NODE_TYPES.Identifier ? target.name : null;
    const key = entry.key === 'none' ? null : entry.key === 'argument' ? literal : (literal ?? own);
    const annotation = target.type === AST_NODE_TYPES.Identifier ? target.typeAnnotation?.typeAnnotation : undefined;
    // Compiled code keeps the declared type in `design:paramtypes` (`Number`, `Boolean`, `String`).
    const reflected = compiled?.type ?? null;
    const typed = origin.model.typedParameters;
    const primitive = annotation?.type === AST_NODE_TYPES.TSNumberKeyword || annotation?.type === AST_NODE_TYPES.TSBooleanKeyword || reflected === 'Number' || reflected === 'Boolean';
    // Express path parameters and headers are always text: converting text converts them whole.
    const alwaysText = entry.member === 'params' || entry.member === 'headers';
    const converted = (primitive && (typed === 'validated' || (typed === 'text-converted' && alwaysText))) || (namedType !== null && ['number', 'integer', 'boolean'].includes(namedType));
    const convertedText = primitive && !converted && typed === 'text-converted';
    const scalar = typed === 'validated' && (annotation?.type === AST_NODE_TYPES.TSStringKeyword || reflected === 'String');
    return {
      decorator, name: origin.name, member: entry.member, key, args,
      ...(compiled ? { label: `@${origin.name}(${args.map((argument) => (argument.type === AST_NODE_TYPES.Literal ? JSON.stringify(argument.value).replaceAll('"', "'") : '…')).join(', ')})` } : {}),
      ...(converted ? { converted } : {}), ...(convertedText ? { convertedText } : {}), ...(scalar ? { scalar } : {}),
    };
  }
  return undefined;
}

const isExpression = (node: TSESTree.Node): node is TSESTree.Expression => node.type !== AST_NODE_TYPES.SpreadElement && node.type !== AST_NODE_TYPES.Decorator;

/** A decorated parameter of a NestJS or TypeGraphQL resolver method that injects client input. */
export interface GraphqlInput {
  /** The decorator as written: `@Args('id')`, or compiled, `(0, graphql_1.Args)('id')`. */
  decorator: TSESTree.Node;
  /** How messages name it: the decorator's text, `@Args('id')` for a compiled one. */
  label: string;
  /** `args`: the field's arguments (`@Args()`, `@Args('id')`, `@Arg('id')`); `context`: the GraphQL context. */
  role: 'args' | 'context';
  /** The static key it selects: `id` of `@Args('id')`, `req` of `@Context('req')`. */
  key: string | null;
  /** The decorator's arguments (the key, then options and pipes). */
  args: readonly TSESTree.CallExpressionArgument[];
  /**
   * The argument is declared with a GraphQL scalar that arrives as a string, number or boolean:
   * `@Args('id', { type: () => ID })`, or a `string` / `number` / `boolean` TypeScript type, which
   * both frameworks reflect into the schema (`@Arg('name') name: string` is a `String!`; compiled,
   * `design:paramtypes` records `String`).
   */
  scalar: boolean;
}

/**
 * The input decorator of a resolver method's parameter (by the module it is imported from, see
 * `resolverParameterDecorators`), written or compiled (`__param(1, (0, graphql_1.Args)())`), or
 * null: `@Parent()`, `@Info()` and a project's own decorators are not client input.
 */
export function graphqlInputOf(param: TSESTree.Parameter, scopeOf: (node: TSESTree.Node) => Scope, text: (node: TSESTree.Node) => string): GraphqlInput | null {
  const written = (param.decorators ?? []).map((decorator) => ({ node: decorator as TSESTree.Node, expression: decorator.expression }));
  const compiled = written.length === 0 ? compiledParameter(param, scopeOf) : null;
  const candidates = compiled ? compiled.decorators.map((expression) => ({ node: expression, expression })) : written;
  for (const { node, expression } of candidates) {
    const source = decoratorSource(expression, scopeOf);
    if (source === null || !Object.hasOwn(resolverParameterDecorators, source.module)) continue;
    const table: Readonly<Record<string, 'args' | 'context'>> = resolverParameterDecorators[source.module as keyof typeof resolverParameterDecorators];
    const role = Object.hasOwn(table, source.name) ? table[source.name] : undefined;
    if (role === undefined) continue;
    const args = decoratorArguments(expression);
    const key = graphqlArgumentName(args[0]);
    const label = compiled ? `@${source.name}(${args.map((argument) => text(argument)).join(', ')})` : text(node);
    const reflected = compiled?.type ?? null;
    return { decorator: node, label, role, key, args, scalar: role === 'args' && key !== null && declaredScalar(param, args, reflected) };
  }
  return null;
}

/** `'id'` of `@Args('id')` and of `@Args({ name: 'id', type: () => ID })`. */
function graphqlArgumentName(first: TSESTree.CallExpressionArgument | undefined): string | null {
  if (!first) return null;
  const value = unwrap(first);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' ? value.value : null;
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of value.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyName(property.key) !== 'name') continue;
    const name = unwrap(property.value);
    return name.type === AST_NODE_TYPES.Literal && typeof name.value === 'string' ? name.value : null;
  }
  return null;
}

/** The compiled decorators of a method parameter, and the type the compiler recorded for it. */
function compiledParameter(param: TSESTree.Parameter, scopeOf: (node: TSESTree.Node) => Scope): { decorators: TSESTree.Node[]; type: string | null } | null {
  const fn = param.parent;
  if (!fn || (fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) || fn.parent.type !== AST_NODE_TYPES.MethodDefinition) return null;
  let program: TSESTree.Node = fn;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program) return null;
  const method = compiledDecoratorsOf(program, scopeOf).methods.get(fn);
  const index = fn.params.indexOf(param);
  const decorators = method?.params.get(index);
  return decorators ? { decorators, type: method?.paramTypes[index] ?? null } : null;
}

/**
 * `{ type: () => ID }` (NestJS) or `() => ID` (TypeGraphQL) among a decorator's arguments, or, when
 * no type is given, a primitive TypeScript annotation.
 */
function declaredScalar(param: TSESTree.Parameter, args: readonly TSESTree.CallExpressionArgument[], reflected: string | null): boolean {
  const declared = graphqlDeclaredType(args);
  if (declared !== undefined) return graphqlPrimitiveScalars.includes(declared ?? '');
  if (reflected !== null) return graphqlPrimitiveScalars.includes(reflected);
  const annotation = param.type === AST_NODE_TYPES.Identifier ? param.typeAnnotation?.typeAnnotation : undefined;
  return (
    annotation?.type === AST_NODE_TYPES.TSStringKeyword ||
    annotation?.type === AST_NODE_TYPES.TSNumberKeyword ||
    annotation?.type === AST_NODE_TYPES.TSBooleanKeyword
  );
}

/**
 * The GraphQL type a resolver parameter's decorator declares: the name an arrow returns
 * (`() => ID`, `{ type: () => GraphQLJSON }`), null when it is not a plain name (`() => [String]`),
 * undefined when the decorator declares none.
 */
export function graphqlDeclaredType(args: readonly TSESTree.CallExpressionArgument[]): string | null | undefined {
  const returned = (node: TSESTree.Node): string | null => {
    const value = unwrap(node);
    return value.type === AST_NODE_TYPES.ArrowFunctionExpression && value.body.type !== AST_NODE_TYPES.BlockStatement ? dottedName(unwrap(value.body)) : null;
  };
  for (const argument of args) {
    const value = unwrap(argument);
    if (value.type === AST_NODE_TYPES.ArrowFunctionExpression) return returned(value);
    if (value.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of value.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === 'type') return returned(property.value);
    }
  }
  return undefined;
}

/** The members read after an upload input name a place the server chose (`req.file.path`). */
function isServerChosenUploadMember(input: string, rest: readonly string[]): boolean {
  if (!UPLOAD_INPUTS.has(input)) return false;
  // `req.file.path`, `req.files[0].path`, `req.files.avatar[0].path`: the first named member that
  // is not an index or a form field decides.
  return rest.slice(0, 3).some((member) => UPLOAD_MEMBERS.has(member));
}

/** An h3 utility called on an event (see `h3InputFunctions`). */
export interface H3InputCall {
  /** The utility's name, which is the `h3` style's input it reads as a call: `getQuery`. */
  name: string;
  /** The event it is given. */
  event: TSESTree.Node;
  /** The argument naming the field read (`'id'` of `getRouterParam(event, 'id')`), or null. */
  key: TSESTree.Node | null;
  /** The schema that validates the value (`schema` of `readValidatedBody(event, schema.parse)`), or null. */
  schema: TSESTree.Node | null;
}

/**
 * `getQuery(event)`, `getRouterParam(event, 'id')`: a call of an h3 utility, imported from h3
 * (or Nitro, Nuxt) or used as the global Nitro and Nuxt provide. A same-named function of the
 * file's own is not one.
 */
export function h3InputCall(call: TSESTree.CallExpression, scope: Scope): H3InputCall | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || !Object.hasOwn(h3InputFunctions, callee.name)) return null;
  const model = h3InputFunctions[callee.name];
  const source = importSource(scope, callee.name);
  if (source !== null ? !h3Modules.includes(source.module) || source.imported !== callee.name : (findVariable(scope, callee.name)?.defs.length ?? 0) > 0) return null;
  const argument = (index: number | undefined): TSESTree.Node | null => {
    const value = index === undefined ? undefined : call.arguments[index];
    return value && value.type !== AST_NODE_TYPES.SpreadElement ? value : null;
  };
  const event = argument(0);
  if (!model || !event) return null;
  return { name: callee.name, event, key: argument(model.key), schema: validatorSchema(argument(model.schema)) };
}

/** The schema a validator argument parses with: `schema`, `schema.parse`, `(body) => schema.parse(body)`. */
function validatorSchema(node: TSESTree.Node | null): TSESTree.Node | null {
  if (!node) return null;
  let target = unwrap(node);
  if (isFunction(target) && target.body.type !== AST_NODE_TYPES.BlockStatement) target = unwrap(target.body);
  if (target.type === AST_NODE_TYPES.CallExpression) target = unwrap(target.callee);
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && /^(?:safeP|p)arse(?:Async)?$/u.test(propertyName(target.property) ?? '')) return target.object;
  return isFunction(target) ? null : target;
}
