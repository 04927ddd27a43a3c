import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  contextTypes,
  frameworkModules,
  gatewayEventMembers,
  parameterCallbacks,
  parameterNames,
  routeOptionsHandlerKey,
  requestTypeStyles,
  serverlessExportNames,
  wrappedHandlerKeys,
} from '../../models/frameworks/handler-signatures.js';
import { bodyStreamEvents, bodyStreamStyles, declaredValidation, requestInputs, type RequestStyle } from '../../models/frameworks/request-inputs.js';
import { responseParameters, storageCallbackSinks } from '../../models/sinks/index.js';
import { matchSteps, originOf, parsePath, sameModule } from '../taint/access-path.js';
import { constructorMemberValue, findVariable, importSource, isConstantBinding, isFunction, memberKeyName, nodesOfType, propertyName, resolveFunction, scopeAt, singleDefinition, unwrap, walk, type FunctionNode, type Scope, scopeLookup } from '../../utils/ast.js';
import { exportedValues, parameterInfo, routeValidation, type ParameterInfo } from './frameworks/shared-ast.js';
import { parseProjectFile } from '../project/parse.js';
import type { ExtractContext, RouteGuard, RouteHandler } from './types.js';

/**
 * The one handler model: which functions receive a request, and in which style. Framework
 * extractors use `resolveHandler` to find the function a registration names, and the route model
 * adds, through `unregisteredHandlers`, every other function of the file shaped like a handler:
 * middleware, hooks, handlers built by factories or assigned in constructors, and handlers
 * registered in another file. Taint, exposure and the inventory all read `FileRoutes.handlers`.
 */

const MAX_DEPTH = 4;

/**
 * The function a registered handler expression runs: an inline or named function, a method of a
 * class or object in this file, a function handed to a wrapper (`asyncHandler(fn)`), the function
 * a same-file factory returns (`search()`), or one a constructor function assigns
 * (`new ProfileHandler(db).update`).
 */
/**
 * The first function a project file exports, with where it is declared: a policy file of Sails or
 * Strapi (`module.exports = async (ctx, config, { strapi }) => …`). `base` is the path without its
 * extension; the first extension that parses decides (null when it exports no function).
 */
export function exportedFunctionOf(base: string): { fn: FunctionNode; declaredIn: NonNullable<RouteGuard['declaredIn']> } | null {
  for (const extension of ['.js', '.ts', '.cjs', '.mjs']) {
    const module = parseProjectFile(`${base}${extension}`);
    if (!module) continue;
    const scopeOf = (node: TSESTree.Node): Scope => scopeLookup(module.sourceCode)(node);
    for (const value of exportedValues(module.program)) {
      const fn = resolveHandler(value, scopeOf(value));
      if (fn) return { fn, declaredIn: { node: fn, scopeOf, file: module.file } };
    }
    return null;
  }
  return null;
}

export function resolveHandler(node: TSESTree.Node, scope: Scope, depth = 0): FunctionNode | null {
  if (depth > MAX_DEPTH) return null;
  const direct = resolveFunction(node, scope);
  if (direct) return direct;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const factory = resolveFunction(target.callee, scope);
    return factory ? returnedFunction(factory, scope, depth) : null;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed) {
    const name = propertyName(target.property);
    const constructor = name === null ? null : constructedBy(target.object, scope);
    return constructor && name !== null ? constructorMember(constructor, name, scope, depth) : null;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    // `const search = makeSearch()`, `const handler = new Handler().run`.
    const variable = findVariable(scope, target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && definition.node.id === definition.name) {
      return resolveHandler(definition.node.init, scope, depth + 1);
    }
  }
  return null;
}

/** The function a factory returns: its expression body, or a `return` of its own. */
function returnedFunction(factory: FunctionNode, scope: Scope, depth: number): FunctionNode | null {
  if (factory.body.type !== AST_NODE_TYPES.BlockStatement) return resolveHandler(factory.body, scope, depth + 1);
  let found: FunctionNode | null = null;
  walk(factory.body, (inner) => {
    if (found) return 'skip';
    if (isFunction(inner)) return 'skip';
    if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) {
      const argument = unwrap(inner.argument);
      found = isFunction(argument) ? argument : resolveFunction(argument, scopeAt(argument, scope));
      return 'skip';
    }
    return undefined;
  });
  return found;
}

/** The constructor function behind `new Ctor(...)`, directly or through a `const`. */
function constructedBy(node: TSESTree.Node, scope: Scope): FunctionNode | null {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scope, target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
    target = unwrap(definition.node.init);
  }
  if (target.type !== AST_NODE_TYPES.NewExpression) return null;
  const fn = resolveFunction(target.callee, scope);
  return fn && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression ? fn : null;
}

/** `this.name = fn` in a constructor function's own body, or `Ctor.prototype.name = fn`. */
function constructorMember(constructor: FunctionNode, name: string, scope: Scope, depth: number): FunctionNode | null {
  const value = constructorMemberValue(constructor, name);
  return value && resolveHandler(value, scopeAt(value, scope), depth + 1);
}

// -------------------------------------------------------------------------------------------------
// The recognizer

function hasImport(context: ExtractContext, modules: readonly string[]): boolean {
  for (const module of context.imports) {
    if (modules.some((candidate) => module === candidate || module.startsWith(`${candidate}/`))) return true;
  }
  return false;
}

/** Parameters of a function, without a TypeScript `this` parameter. */
function realParams(fn: FunctionNode): TSESTree.Parameter[] {
  return fn.params.filter((param) => !(param.type === AST_NODE_TYPES.Identifier && param.name === 'this'));
}

function isPattern(param: TSESTree.Parameter | undefined): boolean {
  const target = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  return target?.type === AST_NODE_TYPES.ObjectPattern;
}

/**
 * The request style of a function shaped like a handler, from its parameter types when annotated
 * and otherwise from the conventional parameter names; null for anything else (`(a, b)`).
 * `serverless` says the function is the exported handler of its module, the only place where an
 * `event` parameter is a request.
 */
export function handlerStyle(fn: FunctionNode, context: ExtractContext, serverless = false): RequestStyle | null {
  const params = realParams(fn);
  if (params.length === 0 || params.length > 3) return null;
  const infos = params.map((param) => parameterInfo(param));
  const [first, second, third] = infos;
  if (!first) return null;
  const byType = styleFromTypes(first, second, context, serverless);
  if (byType !== undefined) return byType;
  const name = (info: ParameterInfo | undefined): string => info?.name ?? '';
  const optionalNext = (info: ParameterInfo | undefined): boolean => info === undefined || parameterNames.next.test(name(info));
  // `({ query, body }, res)`: the request destructured.
  const requestLike = (info: ParameterInfo, index: number): boolean => parameterNames.request.test(name(info)) || (info.name === null && isPattern(params[index]));
  if (requestLike(first, 0) && second) {
    if (parameterNames.response.test(name(second)) && optionalNext(third)) {
      const plainNode = hasImport(context, frameworkModules.nodeHttp) && !hasImport(context, frameworkModules.express);
      return plainNode ? 'node-http' : 'express';
    }
    if (third) return null;
    if (parameterNames.reply.test(name(second))) return 'fastify';
    if (parameterNames.hapiToolkit.test(name(second))) return 'hapi';
    // Azure Functions v4: `(request, context)`.
    if (parameterNames.context.test(name(second)) && first.name !== null && hasImport(context, frameworkModules.azure)) return 'fetch';
    return null;
  }
  // Azure Functions v3: `(context, req)`.
  if (parameterNames.context.test(name(first)) && second && parameterNames.request.test(name(second)) && !third) return 'azure';
  if (serverless && parameterNames.event.test(name(first))) return 'lambda';
  // `withWorkspace(async ({ req, params }) => …)`: the one object a project wrapper passes.
  if (isWrappedHandler(fn)) return 'wrapped';
  if (serverless && !second && parameterNames.request.test(name(first)) && first.type === 'Request' && !first.typeRoot?.name.includes('.')) {
    // `export default async (req: Request) => …` with the global `Request` (Vercel, Netlify).
    if (first.typeRoot && importSource(context.scopeOf(first.typeRoot), first.typeRoot.name) === null) return 'fetch';
  }
  if (third || !optionalNext(second)) return null;
  const importsHono = hasImport(context, frameworkModules.hono);
  const importsKoa = hasImport(context, frameworkModules.koa);
  if (parameterNames.context.test(name(first))) return importsHono && !importsKoa ? 'hono' : 'koa';
  if (parameterNames.honoContext.test(name(first)) && importsHono) return 'hono';
  return null;
}

/** `withWorkspace(async ({ req, params }) => …)`: one destructured object, handed to a wrapper call. */
export function isWrappedHandler(fn: FunctionNode): boolean {
  const params = realParams(fn);
  return params.length === 1 && destructuresAny(params[0], wrappedHandlerKeys) && fn.parent.type === AST_NODE_TYPES.CallExpression;
}

function destructuresAny(param: TSESTree.Parameter | undefined, keys: readonly string[]): boolean {
  const target = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (target?.type !== AST_NODE_TYPES.ObjectPattern) return false;
  return target.properties.some((property) => property.type === AST_NODE_TYPES.Property && keys.includes(propertyName(property.key) ?? ''));
}

/** The style the parameter types state, or `undefined` when they say nothing (untyped, or types this does not know). */
function styleFromTypes(first: ParameterInfo, second: ParameterInfo | undefined, context: ExtractContext, serverless: boolean): RequestStyle | undefined {
  const moduleOf = (info: ParameterInfo | undefined): string | null => {
    const root = info?.typeRoot;
    return root ? (importSource(context.scopeOf(root), root.name)?.module ?? null) : null;
  };
  const type = first.type;
  const secondType = second?.type ?? null;
  for (const candidate of [type, secondType]) {
    if (candidate === null || !Object.hasOwn(requestTypeStyles, candidate)) continue;
    const style = requestTypeStyles[candidate];
    // An event type only makes a request of the module's exported handler; `HttpRequest` only from Azure.
    if (style === 'lambda' && !serverless) return undefined;
    if (candidate === 'HttpRequest' && moduleOf(first) !== '@azure/functions') continue;
    if (style !== undefined) return style;
  }
  const module = moduleOf(first);
  if (type !== null && contextTypes.includes(type)) {
    if (module !== null && (frameworkModules.koa as readonly string[]).includes(module)) return 'koa';
    if (module !== null && (module === 'hono' || module.startsWith('hono/'))) return 'hono';
    return undefined;
  }
  if (type === 'Request' || secondType === 'Response') {
    if (module === 'express' || moduleOf(second) === 'express') return 'express';
    if (module === '@hapi/hapi' || module === 'hapi') return 'hapi';
    return undefined;
  }
  // Other types (`AuthedRequest`) leave the decision to the parameter names.
  return undefined;
}

// -------------------------------------------------------------------------------------------------
// Handlers without a registration in view

/**
 * The path parameter an Express parameter callback receives the value of, when `fn` is one:
 * `router.param('id', (req, res, next, id) => …)` gives `'id'` (see `parameterCallbacks`).
 */
export function parameterCallbackName(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  const [request, response, , value] = fn.params;
  if (fn.params.length !== parameterCallbacks.valueParameter + 1 || value?.type !== AST_NODE_TYPES.Identifier) return null;
  if (request?.type !== AST_NODE_TYPES.Identifier || !parameterNames.request.test(request.name)) return null;
  if (response?.type !== AST_NODE_TYPES.Identifier || !parameterNames.response.test(response.name)) return null;
  const inline = registeredParameter(fn);
  if (inline !== null) return inline;
  // `function loadAccount(req, res, next, slug) {…}` handed by name: `app.param('slug', loadAccount)`.
  const binding = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn ? fn.parent : null;
  const variable = binding ? sourceCode.getDeclaredVariables(binding)[0] : undefined;
  for (const reference of variable?.references ?? []) {
    const registered = registeredParameter(reference.identifier);
    if (registered !== null) return registered;
  }
  return null;
}

/** The parameter name of `x.param('name', node)` when `node` is its callback argument. */
function registeredParameter(node: TSESTree.Node): string | null {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== node || call.arguments.length !== 2) return null;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee.property) !== parameterCallbacks.method) return null;
  const [name] = call.arguments;
  return name?.type === AST_NODE_TYPES.Literal && typeof name.value === 'string' ? name.value : null;
}

/**
 * The option an upload storage engine calls `fn` as, read by shape: `fn` is the value of a property
 * of the object given first to a call (`multer.diskStorage({ filename(req, file, cb) { … } })`), and
 * the row of `storageCallbackSinks` that lists that option and whose callback `fn` takes. Null else.
 */
function storageOption(fn: FunctionNode): { call: TSESTree.CallExpression; model: (typeof storageCallbackSinks)[number] } | null {
  const property = fn.parent;
  if (property.type !== AST_NODE_TYPES.Property || property.value !== fn || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const call = property.parent.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== property.parent) return null;
  const name = memberKeyName(property);
  const model = storageCallbackSinks.find((entry) => name !== null && (entry.options as readonly string[]).includes(name) && fn.params.length > entry.callbackParameter);
  return model ? { call, model } : null;
}

/**
 * The request style of an option function of an upload storage engine, which the engine calls with
 * the request (`multer.diskStorage({ destination(req, file, cb) { … } })`, see `storageCallbackSinks`):
 * the option's shape, and the engine's package at the call.
 */
function storageOptionStyle(fn: FunctionNode, context: ExtractContext): RequestStyle | null {
  const option = storageOption(fn);
  const origin = option ? originOf(option.call.callee, context.sourceCode) : null;
  if (!option || !origin || option.model.request !== 0) return null;
  return sameModule(option.model.module, origin.module) && matchSteps(parsePath(option.model.path).tokens, origin.steps) ? option.model.style : null;
}

/**
 * The index of the uploaded-file parameter of an option function of an upload storage engine
 * (`filename(req, file, cb)`): asked only of a recognised handler, whose package
 * `storageOptionStyle` already checked. Null for any other function.
 */
export function storageFileParameter(fn: FunctionNode): number | null {
  return storageOption(fn)?.model.file ?? null;
}

/**
 * Every function of the file shaped like a handler that is not already in `known`: exported ones
 * (registered in another file; one of any shape that a route of another file registers, in the
 * style of that route), and the others when they use their request (read a request input,
 * iterate the body stream) or their response. Serverless handlers are recognised only as the
 * module's exported handler (`export const handler = async (event) => …`).
 */
export function unregisteredHandlers(
  context: ExtractContext,
  known: ReadonlySet<FunctionNode>,
  registeredStyle: (fn: FunctionNode) => RequestStyle | null = () => null,
): RouteHandler[] {
  const handlers: RouteHandler[] = [];
  const seen = new Set<FunctionNode>(known);
  const exported = new Set<FunctionNode>();
  for (const value of exportedValues(context.program)) {
    for (const fn of candidateFunctions(value, context)) exported.add(fn);
  }
  const serverless = serverlessHandlers(context);
  for (const fn of serverless) exported.add(fn);
  // A module whose exports answer HTTP gateway events by their own evidence is a module of HTTP
  // functions: its other exports of an `event` that read the gateway's inputs (`event.body`) are
  // functions of the same API (`serverless.yml` names each), not queue consumers.
  let gatewayModule: boolean | undefined;
  const inGatewayModule = (): boolean => (gatewayModule ??= [...exported].some((candidate) => readsGatewayEvent(candidate, context)));
  const functions = nodesOfType(context.program, AST_NODE_TYPES.ArrowFunctionExpression, AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.FunctionDeclaration);
  for (const fn of functions) {
    if (seen.has(fn) || context.claimed.has(fn)) continue;
    // Any export can be a function's handler (serverless.yml names it): an exported function of an
    // `event` that reads what API Gateway sends (`event.body`, `event.queryStringParameters`) is one.
    const isServerless = serverless.has(fn) || (exported.has(fn) && (readsGatewayEvent(fn, context) || (readsEvent(fn, context) && inGatewayModule())));
    // An export whose shape says nothing is a handler when another file's route registers it.
    const called = storageOptionStyle(fn, context) ?? (parameterCallbackName(fn, context.sourceCode) !== null ? parameterCallbacks.style : null);
    const style = called ?? handlerStyle(fn, context, isServerless) ?? (exported.has(fn) && realParams(fn).length > 0 ? registeredStyle(fn) : null);
    if (!style) continue;
    if (!exported.has(fn) && called === null && !usesRequest(fn, style, context)) continue;
    seen.add(fn);
    // The handler of a route options object validates what that object declares (`validate`, `schema`).
    const options = fn.parent.type === AST_NODE_TYPES.Property && fn.parent.parent.type === AST_NODE_TYPES.ObjectExpression && optionsHandler(fn.parent.parent) === fn ? fn.parent.parent : null;
    const validation = options && Object.hasOwn(declaredValidation, style) ? routeValidation(style as keyof typeof declaredValidation, options, context) : undefined;
    handlers.push(validation ? { node: fn, fn, style, validation } : { node: fn, fn, style });
  }
  return handlers;
}

/**
 * An exported function of an `event` that is an HTTP function whatever its export is named: it
 * reads what only an HTTP gateway sends (`event.queryStringParameters`, `event.pathParameters`,
 * `event.requestContext`, ...), answers in the gateway's shape (`return { statusCode, body }`), or
 * has its `event` typed as an HTTP gateway's (`APIGatewayProxyEvent`). `event.body` alone is not
 * enough: queue and emitter payloads have one too.
 */
function readsGatewayEvent(fn: FunctionNode, context: ExtractContext): boolean {
  // `async (event) => { const caller = await requireCaller(event); …; return { statusCode: 200, body } }`
  // reads its inputs through a helper: its answer alone says it serves a gateway.
  if (eventParameter(fn) !== null && answersWithStatusCode(fn)) return true;
  if (!readsEvent(fn, context)) return false;
  const first = realParams(fn)[0];
  const target = (first?.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first) as TSESTree.Identifier;
  // `(event: APIGatewayProxyEvent)`: the type says what sent it, whatever the answer is built by.
  const declared = parameterInfo(first).type;
  if (declared !== null && Object.hasOwn(requestTypeStyles, declared) && requestTypeStyles[declared] === 'lambda') return true;
  const variable = context.scopeOf(fn).set.get(target.name);
  const readsGatewayMember = (variable?.references ?? []).some((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier && gatewayEventMembers.includes(propertyName(parent.property) ?? '');
  });
  return readsGatewayMember || answersWithStatusCode(fn);
}

/** A function whose first parameter is named as an event (`event`, `evt`) and reads what a gateway event holds (`event.body`). */
function readsEvent(fn: FunctionNode, context: ExtractContext): boolean {
  return eventParameter(fn) !== null && usesRequest(fn, 'lambda', context);
}

/** The first parameter of a function when it is named as an event (`event`, `evt`), else null. */
function eventParameter(fn: FunctionNode): TSESTree.Identifier | null {
  const first = realParams(fn)[0];
  const target = first?.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
  return target?.type === AST_NODE_TYPES.Identifier && parameterNames.event.test(target.name) ? target : null;
}

/** `return { statusCode: 200, body }` somewhere in the function's own body (or its expression body). */
function answersWithStatusCode(fn: FunctionNode): boolean {
  const isAnswer = (node: TSESTree.Node | null | undefined): boolean =>
    node?.type === AST_NODE_TYPES.ObjectExpression &&
    node.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key) === 'statusCode');
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isAnswer(unwrap(fn.body));
  let found = false;
  walk(fn.body, (node) => {
    if (found || (node !== fn.body && isFunction(node))) return 'skip';
    if (node.type === AST_NODE_TYPES.ReturnStatement) found = isAnswer(node.argument ? unwrap(node.argument) : null);
    return undefined;
  });
  return found;
}

/** Member names that start a request input of `style` (`query` for `query.get()`). */
function inputHeads(style: RequestStyle): Set<string> {
  return new Set((requestInputs[style].inputs as readonly string[]).map((input) => input.split('.')[0]!.replace(/\(\)$/u, '')));
}

/**
 * Whether a handler-shaped function reads its request (an input member, the body stream) or
 * writes its response: the evidence that a function with handler parameter names is one.
 */
function usesRequest(fn: FunctionNode, style: RequestStyle, context: ExtractContext): boolean {
  const heads = inputHeads(style);
  const index = requestInputs[style].param;
  const param = fn.params[index];
  const scope = context.scopeOf(fn);
  if (param) {
    const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (target.type === AST_NODE_TYPES.ObjectPattern) {
      if (target.properties.some((property) => property.type === AST_NODE_TYPES.Property && heads.has(propertyName(property.key) ?? ''))) return true;
    } else if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = scope.set.get(target.name);
      for (const reference of variable?.references ?? []) {
        const identifier = reference.identifier;
        const parent = identifier.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier && heads.has(propertyName(parent.property) ?? '')) return true;
        if (bodyStreamStyles.includes(style) && parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === identifier) return true;
      }
    }
  }
  const responseIndex = Object.hasOwn(responseParameters, style) ? responseParameters[style] : null;
  const response = typeof responseIndex === 'number' && responseIndex !== index ? fn.params[responseIndex] : undefined;
  if (response?.type === AST_NODE_TYPES.Identifier) {
    const variable = scope.set.get(response.name);
    if (variable && variable.references.length > 0) return true;
  }
  return false;
}

/**
 * `bodyStreamEvents` listeners: `req.on('data', (chunk) => …)` where `req` is a handler's request.
 * Exported for the taint engine, which treats the listener's first parameter as the raw body.
 */
export function isBodyStreamEvent(event: string): boolean {
  return (bodyStreamEvents as readonly string[]).includes(event);
}

/** The handler a route options object literal holds (`routeOptionsHandlerKey`), or null. */
export function optionsHandler(object: TSESTree.ObjectExpression): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === routeOptionsHandlerKey) return property.value;
  }
  return null;
}

/** Functions an exported value holds: itself, the methods of an exported class or object. */
function candidateFunctions(value: TSESTree.Node, context: ExtractContext): FunctionNode[] {
  const target = unwrap(value);
  const scope = context.scopeOf(target);
  const classNode = classOf(target, context);
  if (classNode) {
    const methods: FunctionNode[] = [];
    for (const member of classNode.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && isFunction(member.value)) {
        methods.push(member.value);
      }
      if (member.type === AST_NODE_TYPES.PropertyDefinition && member.value) {
        const fn = resolveFunction(member.value, scope);
        if (fn) methods.push(fn);
      }
    }
    return methods;
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    // An exported route options object (`{ auth, handler: async (request) => … }`): its handler.
    const handler = optionsHandler(target);
    const fn = handler ? resolveHandler(handler, scope) : null;
    return fn ? [fn] : [];
  }
  const fn = resolveHandler(target, scope);
  return fn ? [fn] : [];
}

/** `export class C {}`, `export default C`, `export default new C()` for a class of this file. */
function classOf(node: TSESTree.Node, context: ExtractContext): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return node;
  const target = node.type === AST_NODE_TYPES.NewExpression ? unwrap(node.callee) : node;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(context.scopeOf(target), target.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type === TSESLint.Scope.DefinitionType.ClassName) return definition.node;
  return null;
}

/**
 * The module's serverless handlers: `export const handler = …`, `export function main`,
 * `export default …`, `exports.handler = …`, `module.exports = …` / `module.exports.handler = …`.
 */
function serverlessHandlers(context: ExtractContext): Set<FunctionNode> {
  const found = new Set<FunctionNode>();
  const add = (node: TSESTree.Node | null | undefined): void => {
    if (!node) return;
    const fn = resolveFunction(node, context.scopeOf(node));
    if (fn) found.add(fn);
  };
  for (const statement of context.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) add(statement.declaration);
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && serverlessExportNames.includes(declaration.id?.name ?? '')) add(declaration);
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && serverlessExportNames.includes(declarator.id.name)) add(declarator.init);
        }
      }
      for (const specifier of statement.specifiers) {
        const exportedName = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
        if ((serverlessExportNames.includes(exportedName) || exportedName === 'default') && !statement.source) add(specifier.local);
      }
    }
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    if (left.type !== AST_NODE_TYPES.MemberExpression || left.computed) continue;
    const property = propertyName(left.property);
    const object = unwrap(left.object);
    const isModuleExports = (node: TSESTree.Node): boolean =>
      node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'module' && propertyName(node.property) === 'exports';
    if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && property === 'exports') add(right);
    else if (property !== null && serverlessExportNames.includes(property) && ((object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') || isModuleExports(object))) add(right);
  }
  return found;
}
