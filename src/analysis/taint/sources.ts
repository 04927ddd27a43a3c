/**
 * Sources: which expressions read request input. A read is a member path from a handler's request
 * parameter (or a Nest decorated parameter, or a configured source function), judged by the request
 * input model of its framework; also the raw body stream, and whether an expression mentions input
 * at all (for lists the server holds).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { graphqlInputOf, h3InputCall, inputRootOf, isPositionalRoot, nestInputOf, readRequestInput, readsBodyStream, readsOwnPath, readsOwnUrl, readsUndecodedUrl, stepsOf, type InputRoot, type RequestInputRead } from '../routes/request-inputs.js';
import type { RequestStyle } from '../../models/frameworks/request-inputs.js';
import { holderKey, parameterChain } from '../project/request-locals.js';
import { parameterCallbacks } from '../../models/frameworks/handler-signatures.js';
import { parameterCallbackName, storageFileParameter } from '../routes/handlers.js';
import { devRouteSwitch } from '../routes/dev-switch.js';
import { sailsActionContext, sailsActionOfThis } from '../routes/frameworks/sails.js';
import { baseNameUploadMembers, bodilessLocations, browserSentKinds, crossSiteHeaders, requestLocalHolders, forwardingHeaders, nestParsePipes, ownHostInputs, redirectBackHeaders, schemaValidatedInputs, serverChosenUploadMembers, urlCarriedBodyStyles } from '../../models/frameworks/request-inputs.js';
import { ExpressValidatorReader } from './express-validator.js';
import { dtoFieldIsAllowListed, dtoFieldIsPrimitive, globalValidationPipe, inputFieldIsScalar, validationPipeApplies } from './nest-dto.js';
import { mutatorMethods, predicateMethods, stringValueMethods, valueCallbackMethods } from '../../models/sanitizers.js';
import type { TaintKind } from '../../models/taint-types.js';
import { recordReadMethods } from '../../models/exposure.js';
import { dottedName, findVariable, isConstantBinding, isFunction, propertyName, singleDefinition, unwrap, walk, type FunctionNode, type Scope, scopeOf, scopeLookup } from '../../utils/ast.js';
import { quoteCode } from '../../utils/describe-node.js';
import type { RouteHandler } from '../routes/types.js';
import { patternPath } from './access-path.js';
import { pathRead } from './path-readers.js';
import type { Taint } from './types.js';
import { CLEAN, sourceTaint } from './taint-set.js';
import { EngineContext, within } from './engine-context.js';

interface RequestPath {
  style: InputRoot;
  path: string[];
  label: string;
  /** Node of the parameter or expression that roots the path (for positions). */
  node: TSESTree.Node;
  /** The handler whose request parameter roots the path, when it is one. */
  handler?: RouteHandler;
  /**
   * The static first argument of call steps, by their index in `path`: the header a
   * `req.get('host')` names, which decides whether it reads the site's own host.
   */
  callArguments?: ReadonlyMap<number, string>;
  /**
   * A NestJS `@Body() dto: CreateUserDto` (or `@Query()`) parameter: the DTO's type annotation,
   * and the index in `path` of the DTO field read, whose class-validator decorators may prove it a
   * string or number.
   */
  dto?: { param: TSESTree.Parameter; decorator: TSESTree.Decorator; annotation: TSESTree.TypeNode; at: number };
  /** A GraphQL argument declared with a string, number or boolean scalar: never an operator object. */
  scalar?: boolean;
  /** A decorated parameter whose text the framework converted to a number or boolean: only an object (an operator) can remain. */
  numericText?: boolean;
  /**
   * A GraphQL argument typed with an input or args class (`@Args('input') input: CreateUserInput`),
   * and the index in `path` of the field read, whose `@Field()` declaration may make it a scalar.
   */
  inputType?: { annotation: TSESTree.TypeNode; at: number };
  /** The schema an h3 utility validates the value with (`readValidatedBody(event, schema.parse)`). */
  schema?: TSESTree.Node;
}

/**
 * The member path of a parameter placeholder that stands for the body streamed from the argument
 * (not a member of it): no property is written with this name.
 */
export const STREAMED_BODY = '(streamed body)';

const STRING_METHODS = new Set<string>(stringValueMethods);
const UPLOAD_INPUTS = new Set<string>(serverChosenUploadMembers.inputs);
const PREDICATES = new Set<string>(predicateMethods);
const ELEMENT_CALLBACKS = new Set<string>(valueCallbackMethods);
const MUTATORS = new Set<string>(mutatorMethods);
const BODY_LOCATIONS = new Set<string>(bodilessLocations);
const URL_CARRIED_BODY = new Set<RequestStyle>(urlCarriedBodyStyles);
/** Record reads that only look records up (`findUnique`, `findOne`), none that writes what it is given (`create`, `findOneAndUpdate`). */
const LOOKUPS = new Set(Object.keys(recordReadMethods).filter((method) => method.startsWith('find') && !/Update|Delete|Replace|Create/u.test(method)));

/** The member read after upload input `input` of `style` is one its parser reduces to a base name (see `baseNameUploadMembers`). */
function isBaseNameUpload(style: RequestStyle, input: string, rest: readonly string[]): boolean {
  const model: { inputs: readonly string[]; members: readonly string[] } | undefined = Object.hasOwn(baseNameUploadMembers, style) ? baseNameUploadMembers[style as keyof typeof baseNameUploadMembers] : undefined;
  const [member, ...after] = rest;
  return model !== undefined && member !== undefined && after.length === 0 && model.inputs.includes(input) && model.members.includes(member);
}

/** Reads of request input. */
export abstract class TaintSources extends EngineContext {
  private readonly heldLists = new Map<TSESTree.Node, boolean>();
  private readonly inputVariables = new Map<TSESLint.Scope.Variable, boolean>();
  private readonly setupInputVariables = new Map<TSESLint.Scope.Variable, boolean>();

  /**
   * The taint of a read of request input, `CLEAN` for a read of another part of the request
   * (`req.user`, `req.params` for NoSQL), or undefined when the node is not part of a request.
   */
  /** Set while a source of kind `id` is looked up: parameters converted by a parse pipe count. */
  private parsedIds = false;

  protected requestSource(node: TSESTree.Node, kind: TaintKind): readonly Taint[] | undefined {
    if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.MemberExpression) && this.input.settings.sources.length > 0) {
      const name = dottedName(node);
      if (name !== null && this.isSource(name)) return [sourceTaint(node, quoteCode(this.sourceCode.getText(node)))];
    }
    // A parse pipe (`@Param('id', ParseUUIDPipe)`) converts the text, but the client still chooses
    // which record it names: for `id`, the parameter stays the client's.
    this.parsedIds = kind === 'id';
    let request: RequestPath | null;
    try {
      request = this.requestPath(node, 0);
    } finally {
      this.parsedIds = false;
    }
    if (!request || readRequestInput(request.style, stepsOf(request.path)) === null) {
      const copied = this.copiedLocal(node, kind);
      if (copied !== null) return copied;
    }
    if (!request) return undefined;
    return this.sourceFromPath(request, node, kind) ?? CLEAN;
  }

  /**
   * A read of a value the project's middleware copied onto the request from a request input
   * (`req.queue` after `req.queue = req.get('x-queue')`, `res.locals.locale`, `ctx.state.dataset`):
   * the input it was copied from, judged as that input is for `kind` (a custom header still is not
   * one a link can set). Null when the member is not such a local of a handler's request.
   */
  private copiedLocal(node: TSESTree.Node, kind: TaintKind): readonly Taint[] | null {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.MemberExpression || !this.input.requestLocals) return null;
    const chain = parameterChain(target, (inner) => scopeOf(this.sourceCode, inner));
    const handler = chain ? this.handlers.get(chain.fn) : undefined;
    if (!chain || !handler || !Object.hasOwn(requestLocalHolders, handler.style)) return null;
    const holders: readonly { param: number; prefix: readonly string[] }[] = requestLocalHolders[handler.style as keyof typeof requestLocalHolders];
    // The longest prefix first: `ctx.state.x` is a local of `ctx.state`, not `ctx.state` one of `ctx`.
    const holder = [...holders]
      .sort((a, b) => b.prefix.length - a.prefix.length)
      .find((candidate) => candidate.param === chain.index && chain.path.length > candidate.prefix.length && candidate.prefix.every((part, index) => chain.path[index] === part));
    if (!holder) return null;
    const name = chain.path[holder.prefix.length]!;
    const copies = this.input.requestLocals().get(holderKey(holder.param, holder.prefix))?.get(name);
    if (!copies || copies.length === 0) return null;
    const rest = chain.path.slice(holder.prefix.length + 1);
    const label = this.sourceCode.getText(target);
    for (const copy of copies) {
      const request: RequestPath = {
        style: copy.style,
        path: [...copy.path, ...rest],
        label,
        node: target,
        handler,
        callArguments: new Map(copy.callArguments),
      };
      const found = this.sourceFromPath(request, target, kind);
      if (found !== null && found.length > 0) return found;
    }
    return CLEAN;
  }

  /**
   * The raw body read from a handler's request stream (`for await (const chunk of req)`,
   * `req.on('data', …)`), or `CLEAN` when `node` is not the request of a body-stream style.
   */
  protected bodyStream(node: TSESTree.Node): readonly Taint[] {
    const request = this.requestPath(node, 0);
    if (!request) return this.streamedParameter(node);
    if (!readsBodyStream(request.style, stepsOf(request.path))) return CLEAN;
    return [sourceTaint(unwrap(node), `the body streamed from ${quoteCode(request.label)}`)];
  }

  /**
   * What a body parser given a handler's request stream parsed (`formidable().parse(req)`, see
   * `requestBodyParsers`): the client's fields and uploads, whose stored location the server chose.
   */
  protected parsedBodySource(call: TSESTree.CallExpression, argument: TSESTree.Node): readonly Taint[] {
    const request = this.requestPath(argument, 0);
    if (!request || !readsBodyStream(request.style, stepsOf(request.path))) return CLEAN;
    return [{ ...sourceTaint(call, quoteCode(this.sourceCode.getText(call))), container: true, upload: true }];
  }

  /**
   * A parameter of a helper that streams it (`function readBody(req) { req.on('data', …) }`): a
   * placeholder for the body streamed from the argument of each call, which is request input
   * when that argument is a handler's request (see `atCallSite`), and nothing otherwise.
   */
  private streamedParameter(node: TSESTree.Node): readonly Taint[] {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return CLEAN;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.type !== 'Parameter' || !isFunction(definition.node) || this.handlers.has(definition.node)) return CLEAN;
    const fn = definition.node;
    const index = fn.params.findIndex((param) => param === definition.name);
    if (index < 0) return CLEAN;
    return [{ origin: { type: 'param', fn, index, path: [STREAMED_BODY], direct: false }, container: false, schema: null }];
  }

  protected sourceFromPath(request: RequestPath, node: TSESTree.Node, kind: TaintKind): readonly Taint[] | null {
    const steps = stepsOf(request.path);
    for (const [index, argument] of request.callArguments ?? []) {
      const step = steps[index];
      if (step?.call) steps[index] = { ...step, argument };
    }
    const read = readRequestInput(request.style, steps);
    if (!read) return null;
    if (kind === 'nosql' && read.stringOnly) return null;
    if (kind === 'nosql' && request.dto && this.validatedPrimitive(request.dto, request.path)) return null;
    // A DTO or GraphQL input field checked by `@IsIn([...])` under a `ValidationPipe`: one of the listed values.
    if (this.allowListedField(request)) return CLEAN;
    if (kind === 'nosql' && request.scalar === true) return null;
    // A resolver-map argument the schema in view declares a scalar, an enum or an input of scalars.
    if (kind === 'nosql' && (request.style === 'graphql' || request.style === 'graphql-root') && request.handler?.graphqlArgument?.(request.path) === 'scalar') return null;
    // Middleware in front of every route of the handler deleted the operator keys (express-mongo-sanitize).
    if (kind === 'nosql' && request.handler?.fn && this.input.nosqlSanitized?.(request.handler.fn).has(read.location) === true) return null;
    if (kind !== 'nosql' && kind !== 'id' && request.numericText === true) return CLEAN;
    if (kind === 'nosql' && request.inputType && this.scalarInputField(request.inputType, request.path)) return null;
    // A flat query parser (Express 5, Koa, Fastify, Hapi, Hono) gives a field strings or arrays of strings: no operator object.
    if (kind === 'nosql' && request.style !== 'context' && request.style !== 'graphql-context' && !isPositionalRoot(request.style) && this.input.flatQueryStrings?.has(request.style) === true && read.location === 'query' && read.name !== null && !read.wholeObject) return null;
    if (read.serverChosen) return CLEAN;
    // `(await request.file()).filename` of @fastify/multipart: the last part of the client's name only.
    if (kind === 'path' && request.style !== 'context' && request.style !== 'graphql-context' && !isPositionalRoot(request.style) && this.input.baseNameUploads?.has(request.style) === true && isBaseNameUpload(request.style, read.input, request.path.slice(read.length))) return CLEAN;
    // A browser sends the host of the URL it opens: a link cannot make it name another site.
    if (kind === 'redirect' && namesOwnHost(read)) return CLEAN;
    // A header that no link or form of another site can make the victim's browser send.
    if (browserSentKinds.includes(kind) && !crossSiteSettable(read, kind)) return CLEAN;
    // An answer to PUT, PATCH or DELETE only: no navigation fetched it, so no browser renders it as
    // a page or follows its redirect as the victim's navigation.
    if (browserSentKinds.includes(kind) && request.handler?.fn && this.input.scriptOnlyHandler?.(request.handler.fn) === true) return CLEAN;
    // The body of a request to a route that answers only GET or HEAD: a link, a redirect or a GET
    // form of another site sends none (a form puts its fields in the query), and `fetch` refuses one.
    if (browserSentKinds.includes(kind) && BODY_LOCATIONS.has(read.location) && request.handler?.fn && !URL_CARRIED_BODY.has(request.handler.style) && this.input.bodilessHandler?.(request.handler.fn, request.handler.style) === true) return CLEAN;
    // The path of the request's own URL in a handler that runs only for literal route paths: the
    // route's path behind its mount, which the router never matches to `//evil.example/…`.
    const ownPathHandler = kind === 'redirect' && readsOwnPath(request.style, request.path) ? (request.handler ?? null) : null;
    if (ownPathHandler?.fn && this.input.literalRouteHandler?.(ownPathHandler.fn) === true) return CLEAN;
    // No registration in view: whether a route of a fixed first segment or a middleware runs it is
    // not known. Kept as a source of its own, which the rule reports only when asked.
    const outOfView = ownPathHandler?.fn && !PLATFORM_ROUTED.has(ownPathHandler.style) && this.input.handlerOutOfView?.(ownPathHandler.fn) === true ? ownPathHandler.fn : null;
    // The route declares a schema the framework checks before the handler runs (Fastify, Hapi).
    if (request.schema && this.schemas.declaredClears({ format: 'zod', schemas: { [read.location]: request.schema } }, read.location, read.name).has(kind)) return CLEAN;
    const validated = request.handler ? schemaValidatedInputs[request.handler.style] : undefined;
    if (request.handler?.validation && (validated === undefined || validated.includes(read.input)) && this.schemas.declaredClears(request.handler.validation, read.location, read.name).has(kind)) return CLEAN;
    // express-validator chains in the route's middleware, with their errors checked before the read.
    if (request.handler && read.name !== null && this.expressValidators().clears(request.handler, read.location, read.name, node).has(kind)) return CLEAN;
    const explicit = node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.AwaitExpression;
    const text = explicit ? quoteCode(this.sourceCode.getText(node)) : quoteCode(request.label);
    const found = sourceTaint(explicit ? node : request.node, text);
    const located = outOfView === null ? found : withRouteOutOfView(found, outOfView);
    const devSwitch = request.handler ? devRouteSwitch(request.handler.node, this.sourceCode) : null;
    const switched = devSwitch === null ? located : withDevSwitch(located, devSwitch, this.sourceCode);
    // The route validates the input with a schema out of view (a package's): see `TaintSourceInfo.unknownSchema`.
    const unknownSchema = request.handler?.validation && (validated === undefined || validated.includes(read.input)) ? this.schemas.declaredOutOfView(request.handler.validation, read.location, read.name) : null;
    const taint = unknownSchema === null ? switched : withUnknownSchema(switched, unknownSchema);
    // The URL as the browser sent it: marked for the HTML contexts it cannot leave (see `undecodedUrl`).
    if (kind === 'xss' && this.undecodedStyle(request.style) && readsUndecodedUrl(request.style, request.path) && taint.origin.type === 'source') {
      return [{ ...taint, origin: { type: 'source', source: { ...taint.origin.source, undecodedUrl: true } } }];
    }
    // `req.file`, `ctx.request.files.doc`: the upload object, whose stored location the server chose.
    return [UPLOAD_INPUTS.has(read.input) ? { ...taint, upload: true } : taint];
  }

  private expressValidatorReader: ExpressValidatorReader | null = null;

  private expressValidators(): ExpressValidatorReader {
    return (this.expressValidatorReader ??= new ExpressValidatorReader(this.sourceCode));
  }

  /** The member path from a handler's request parameter to this node, or null. */
  protected requestPath(node: TSESTree.Node, depth: number): RequestPath | null {
    if (depth > 12) return null;
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.requestPath(target.argument, depth + 1);
      case AST_NODE_TYPES.MemberExpression: {
        const sails = this.sailsRequest(target);
        if (sails) return sails;
        const base = this.requestPath(target.object, depth + 1);
        if (!base) return null;
        const name = propertyName(target.property) ?? '*';
        return { ...base, path: [...base.path, name], label: `${base.label}.${name}` };
      }
      case AST_NODE_TYPES.CallExpression: {
        const utility = h3InputCall(target, scopeOf(this.sourceCode, target));
        if (utility) {
          // `getQuery(event)` reads the event as `event.getQuery()` would (see the `h3` request style).
          const base = this.requestPath(utility.event, depth + 1);
          if (base?.style !== 'h3' || base.path.length > 0) return null;
          const key = utility.key ? this.stringValue(utility.key) : null;
          return {
            ...base,
            path: [`${utility.name}()`],
            label: `${utility.name}(${base.label})`,
            ...(key !== null ? { callArguments: new Map([[0, key]]) } : {}),
            ...(utility.schema ? { schema: utility.schema } : {}),
          };
        }
        // `get(req, 'query.next')` of lodash reads `req.query.next`.
        const read = pathRead(target, this.sourceCode);
        if (read) {
          const base = this.requestPath(read.object, depth + 1);
          return base ? { ...base, path: [...base.path, ...read.keys], label: this.sourceCode.getText(target) } : null;
        }
        const callee = unwrap(target.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
        const name = propertyName(callee.property);
        // `req.query.ids.split(',')` is a method of the value read, not another request input.
        if (name === null || isValueMethod(name)) return null;
        const base = this.requestPath(callee.object, depth + 1);
        if (!base) return null;
        const first = target.arguments[0];
        const argument = first && first.type !== AST_NODE_TYPES.SpreadElement ? this.stringValue(first) : null;
        const callArguments = argument === null ? base.callArguments : new Map([...(base.callArguments ?? []), [base.path.length, argument]]);
        return { ...base, path: [...base.path, `${name}()`], label: `${base.label}.${name}()`, ...(callArguments ? { callArguments } : {}) };
      }
      case AST_NODE_TYPES.Identifier:
        return this.identifierRequestPath(target, depth);
      default:
        return null;
    }
  }

  /**
   * `this.req` in a Sails action's `fn`: the request, read as an Express handler's `req` is (see
   * `sailsActionContext`); null for any other expression.
   */
  private sailsRequest(node: TSESTree.MemberExpression): RequestPath | null {
    const object = unwrap(node.object);
    if (object.type !== AST_NODE_TYPES.ThisExpression || propertyName(node.property) !== sailsActionContext.request) return null;
    const fn = sailsActionOfThis(object, (candidate) => this.handlers.get(candidate)?.style === 'sails-action');
    const handler = fn ? this.handlers.get(fn) : undefined;
    if (!handler) return null;
    return { style: 'express', path: [], label: this.sourceCode.getText(node), node, handler };
  }

  private identifierRequestPath(node: TSESTree.Identifier, depth: number): RequestPath | null {
    const variable = findVariable(scopeOf(this.sourceCode, node), node.name);
    if (!variable) return null;
    const definition = singleDefinition(variable);
    if (!definition) return null;
    if (definition.type === 'Parameter') {
      const fn = definition.node;
      if (!isFunction(fn)) return null;
      const handler = this.handlers.get(fn);
      if (!handler) return null;
      const index = fn.params.findIndex((param) => within(definition.name, param));
      const param = fn.params[index];
      if (!param) return null;
      const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      const path = patternPath(definition.name, inner) ?? [];
      if (handler.style === 'nest') return this.nestParameter(param, path, node, definition.name, handler);
      if (handler.style === 'graphql-decorated') return this.graphqlParameter(param, path, node, definition.name);
      // `router.param('id', (req, res, next, id) => …)`: the value is `req.params.id`.
      if (index === parameterCallbacks.valueParameter && inner.type === AST_NODE_TYPES.Identifier) {
        const pathParameter = parameterCallbackName(fn, this.sourceCode);
        if (pathParameter !== null) return { style: parameterCallbacks.style, path: ['params', pathParameter, ...path], label: [inner.name, ...path].join('.'), node: definition.name, handler };
      }
      // `filename(req, file, cb)` of multer's disk storage: `file` is the request's upload, `req.file`.
      if (handler.style === 'express' && index === storageFileParameter(fn) && inner.type === AST_NODE_TYPES.Identifier) {
        return { style: handler.style, path: ['file', ...path], label: [inner.name, ...path].join('.'), node: definition.name, handler };
      }
      const root = inputRootOf(handler.style, index, fn);
      if (root === null) return null;
      // `...args` of a listener that takes every argument the client emitted.
      const named = inner.type === AST_NODE_TYPES.RestElement ? inner.argument : inner;
      const label = named.type === AST_NODE_TYPES.Identifier ? [named.name, ...path].join('.') : path.join('.');
      return { style: root, path, label, node: definition.name, handler };
    }
    if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && isConstantBinding(variable)) {
      const base = this.requestPath(definition.node.init, depth + 1);
      if (!base) return null;
      const path = patternPath(definition.name, definition.node.id);
      if (path === null) return null;
      const init = unwrap(definition.node.init);
      const written = init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.CallExpression ? this.sourceCode.getText(init) : base.label;
      const label = path.length > 0 ? `${written}.${path.join('.')}` : written;
      return { ...base, path: [...base.path, ...path], label, node: definition.name };
    }
    return null;
  }

  /**
   * `@Body() dto`, `@Query('id') id`, `@Req() req`: decorated parameters of Nest handlers. The
   * source is the parameter declaration (`declared`), as `req.query.x` is for other frameworks.
   */
  private nestParameter(param: TSESTree.Parameter, path: string[], node: TSESTree.Identifier, declared: TSESTree.Node, handler: RouteHandler): RequestPath | null {
    const nest = nestInputOf(param, (inner) => scopeOf(this.sourceCode, inner));
    if (nest?.member === null || nest === null || nest.converted === true) return null;
    if (!this.parsedIds && nest.args.some((argument) => nestParsePipes.test(dottedName(argument) ?? ''))) return null;
    const base = nest.member === '' ? [] : [nest.member];
    const key = nest.key === null ? [] : [nest.key];
    const decorator = nest.decorator;
    // A compiled decorator is named as the source wrote it: `@Param('name')`, not `(0, common_1.Param)('name')`.
    const written = nest.label ?? (decorator.type === AST_NODE_TYPES.Decorator ? this.sourceCode.getText(decorator) : `@${nest.name}(${nest.args.map((argument) => this.sourceCode.getText(argument)).join(', ')})`);
    const label = `${written.replace(/\s+/g, ' ')} ${node.name}`;
    const annotation = param.type === AST_NODE_TYPES.Identifier ? param.typeAnnotation?.typeAnnotation : undefined;
    // `@Body() dto: LoginDto` (a whole body or query): its fields may be declared with validators.
    const dto = annotation && nest.key === null && base.length === 1 && decorator.type === AST_NODE_TYPES.Decorator ? { dto: { param, decorator, annotation, at: 1 } } : {};
    const typed = { ...(nest.convertedText === true ? { numericText: true } : {}), ...(nest.scalar === true && path.length === 0 ? { scalar: true } : {}) };
    return { style: 'express', path: [...base, ...key, ...path], label, node: declared, handler, ...dto, ...typed };
  }

  /**
   * `@Args('id') id`, `@Args() args`, `@Context() ctx` of a NestJS or TypeGraphQL resolver method:
   * the arguments are read as a resolver map's `args`, the context as its context.
   */
  private graphqlParameter(param: TSESTree.Parameter, path: string[], node: TSESTree.Identifier, declared: TSESTree.Node): RequestPath | null {
    const input = graphqlInputOf(param, (inner) => scopeOf(this.sourceCode, inner), (inner) => this.sourceCode.getText(inner));
    if (!input) return null;
    if (!this.parsedIds && input.args.some((argument) => nestParsePipes.test(dottedName(argument) ?? ''))) return null;
    const key = input.key === null ? [] : [input.key];
    const label = `${input.label.replace(/\s+/g, ' ')} ${node.name}`;
    const style = input.role === 'args' ? 'graphql' : 'graphql-context';
    const annotation = param.type === AST_NODE_TYPES.Identifier ? param.typeAnnotation?.typeAnnotation : undefined;
    const inputType = input.role === 'args' && !input.scalar && annotation?.type === AST_NODE_TYPES.TSTypeReference ? { inputType: { annotation, at: key.length } } : {};
    return { style, path: [...key, ...path], label, node: declared, ...(input.scalar && path.length === 0 ? { scalar: true } : {}), ...inputType };
  }

  /** The field read from a GraphQL input class is declared as a string, number or boolean scalar. */
  private scalarInputField(inputType: NonNullable<RequestPath['inputType']>, path: readonly string[]): boolean {
    const field = path[inputType.at];
    if (field === undefined || field === '*') return false;
    return inputFieldIsScalar(inputType.annotation, field, (node) => scopeOf(this.sourceCode, node));
  }

  /**
   * The DTO field (`@Body() q: SearchDto`, with a `ValidationPipe` on the parameter, handler,
   * controller or application) or GraphQL input field (`@Args('filter') f: FilterInput`, with a
   * global `ValidationPipe`) read is declared `@IsIn([...])` with a written list.
   */
  private allowListedField(request: RequestPath): boolean {
    const typed = request.dto ?? request.inputType;
    if (!typed) return false;
    const field = request.path[typed.at];
    if (field === undefined || field === '*' || request.path.length !== typed.at + 1) return false;
    // Asked for every read of every kind: remembered per parameter annotation and field.
    let fields = this.allowListedFields.get(typed.annotation);
    if (!fields) this.allowListedFields.set(typed.annotation, (fields = new Map()));
    const known = fields.get(field);
    if (known !== undefined) return known;
    const scopeOf = (node: TSESTree.Node): Scope => scopeLookup(this.sourceCode)(node);
    const answer =
      dtoFieldIsAllowListed(typed.annotation, field, scopeOf) &&
      (request.dto ? validationPipeApplies(request.dto.param, request.dto.decorator, scopeOf) : globalValidationPipe(typed.annotation, scopeOf));
    fields.set(field, answer);
    return answer;
  }

  private readonly allowListedFields = new Map<TSESTree.Node, Map<string, boolean>>();

  /** A DTO field declared with a primitive-only class-validator check that a `ValidationPipe` runs. */
  private validatedPrimitive(dto: NonNullable<RequestPath['dto']>, path: readonly string[]): boolean {
    const field = path[dto.at];
    if (field === undefined || field === '*') return false;
    const scopeOf = (node: TSESTree.Node): Scope => scopeLookup(this.sourceCode)(node);
    return dtoFieldIsPrimitive(dto.annotation, field, scopeOf) && validationPipeApplies(dto.param, dto.decorator, scopeOf);
  }

  /** A read of a whole request object (`req.body`, `await req.json()`), not one of its fields. */
  protected isWholeInput(node: TSESTree.Node): boolean {
    const request = this.requestPath(node, 0);
    return request !== null && readRequestInput(request.style, stepsOf(request.path))?.wholeObject === true;
  }

  /** A read of the request's own URL (a safe base for a relative `new URL`). */
  protected isOwnUrl(node: TSESTree.Node): boolean {
    const request = this.requestPath(node, 0);
    return request !== null && readsOwnUrl(request.style, request.path);
  }

  /**
   * A read of the path of the request's own URL as a whole (`req.originalUrl`, `ctx.url`), directly
   * or through a constant holding it: text that starts with `/`.
   */
  protected isOwnPath(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    const read = target.type === AST_NODE_TYPES.Identifier ? (this.constInit(target) ?? target) : target;
    const request = this.requestPath(read, 0);
    return request !== null && readsOwnPath(request.style, request.path);
  }

  /** A request style whose URL no code in view writes back decoded (see `project/request-rewrites.ts`). */
  private undecodedStyle(style: InputRoot): boolean {
    if (style === 'context' || style === 'graphql-context' || isPositionalRoot(style)) return false;
    const decoded = this.input.decodedUrlStyles?.();
    return decoded !== undefined && !decoded.has(style);
  }

  /**
   * A collection the server chose at run time (`await loadAllowedHosts()`, a list fetched from a
   * fixed URL into a module variable): no request input, parameter or request object reaches it,
   * neither by taint nor anywhere in the expressions that define it (an unknown call is clean for
   * taint, but `parse(req.query.hosts)` is still the client's list).
   */
  protected isHeldByServer(node: TSESTree.Node, inMemory = false): boolean {
    const target = unwrap(node);
    let held = this.heldLists.get(target);
    if (held === undefined) {
      this.heldLists.set(target, false);
      held = !this.mentionsInput(target) && this.evaluate(target, 'ssrf').length === 0;
      this.heldLists.set(target, held);
    }
    if (!inMemory) return held;
    return (held || this.heldFromSetup(target)) && !this.readsStore(target);
  }

  /**
   * A list made from the parameters of a setup function and nothing the request reaches: the
   * factory that defines the handlers (`function create(releases) { const known = clone(releases);
   * function getRelease(req, res) { … } }`), run when the server starts, not by a request (no
   * handler of this file calls it). For names in memory only (see `isHeldByServer`).
   */
  private heldFromSetup(target: TSESTree.Node): boolean {
    const known = this.setupLists.get(target);
    if (known !== undefined) return known;
    this.setupLists.set(target, false);
    const taints = this.evaluate(target, 'ssrf');
    const held = taints.every((taint) => taint.origin.type === 'param' && this.isSetupFunction(taint.origin.fn)) && !this.mentionsInput(target, true);
    this.setupLists.set(target, held);
    return held;
  }

  private readonly setupLists = new Map<TSESTree.Node, boolean>();

  /**
   * A function that defines a handler of this file and is none itself, whose calls in this file
   * (if any) are made outside every handler: it builds the handlers when the server starts.
   */
  private isSetupFunction(fn: FunctionNode): boolean {
    const known = this.setupFunctions.get(fn);
    if (known !== undefined) return known;
    let setup = !this.handlers.has(fn) && [...this.handlers.keys()].some((handler) => handler !== fn && within(handler, fn));
    if (setup) {
      const handlers = [...this.handlers.keys()];
      const binding = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent.id : null;
      const variable = binding?.type === AST_NODE_TYPES.Identifier ? findVariable(scopeOf(this.sourceCode, binding), binding.name) : null;
      setup = !(variable?.references.some((reference) => handlers.some((handler) => within(reference.identifier, handler))) ?? false);
    }
    this.setupFunctions.set(fn, setup);
    return setup;
  }

  private readonly setupFunctions = new WeakMap<FunctionNode, boolean>();

  /**
   * Whether an expression, or a variable it reads through its writes, waits on something (`await`,
   * `yield`, `.then(…)`) or reads stored records (`find`, `findMany`, …, see `recordReadMethods`):
   * values other users may have written, not names the server chose.
   */
  private readsStore(root: TSESTree.Node): boolean {
    let found = false;
    walk(root, (node) => {
      if (found) return 'skip';
      if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) found = true;
      else if (node.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrap(node.callee);
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
        found = method !== null && (method === 'then' || Object.hasOwn(recordReadMethods, method));
      } else if (node.type === AST_NODE_TYPES.Identifier && isReference(node)) {
        const variable = findVariable(scopeOf(this.sourceCode, node), node.name);
        const definition = variable?.defs[0];
        if (variable && definition?.type === 'Variable') found = this.variableReadsStore(variable);
      }
      return undefined;
    });
    return found;
  }

  private variableReadsStore(variable: TSESLint.Scope.Variable): boolean {
    const known = this.storeVariables.get(variable);
    if (known !== undefined) return known;
    this.storeVariables.set(variable, false);
    const result = variable.references.some((reference) => {
      if (reference.isWrite()) return reference.writeExpr ? this.readsStore(reference.writeExpr) : false;
      // `names.push(...rows)`: what is put into the list.
      const member = reference.identifier.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
      const user = member.parent;
      return user.type === AST_NODE_TYPES.CallExpression && user.callee === member && MUTATORS.has(propertyName(member.property) ?? '') && user.arguments.some((argument) => this.readsStore(argument));
    });
    this.storeVariables.set(variable, result);
    return result;
  }

  private readonly storeVariables = new WeakMap<TSESLint.Scope.Variable, boolean>();

  /** Whether an expression reads the request, a parameter, or a variable written from either. */
  private mentionsInput(root: TSESTree.Node, setupParameters = false): boolean {
    let found = false;
    walk(root, (node) => {
      if (found) return 'skip';
      if ((node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.Identifier) && this.requestPath(node, 0)) {
        found = true;
        return 'skip';
      }
      // `Client.findUnique({ where: { clientId: req.query.client_id } })`: the request chooses which
      // stored record is read, not what it holds (as a list read from a store is judged anyway).
      const lookup = node.type === AST_NODE_TYPES.CallExpression ? unwrap(node.callee) : null;
      if (lookup?.type === AST_NODE_TYPES.MemberExpression && LOOKUPS.has(propertyName(lookup.property) ?? '')) {
        found = this.mentionsInput(lookup.object, setupParameters);
        return 'skip';
      }
      if (node.type !== AST_NODE_TYPES.Identifier || !isReference(node)) return undefined;
      const variable = findVariable(scopeOf(this.sourceCode, node), node.name);
      const definition = variable?.defs[0];
      if (!variable || !definition || definition.type === 'ImportBinding' || definition.type === 'FunctionName' || definition.type === 'ClassName') return undefined;
      // With `setupParameters`, a parameter of a setup function is the server's (see `heldFromSetup`).
      if (definition.type === 'Parameter') {
        const setup = setupParameters && isFunction(definition.node) && this.isSetupFunction(definition.node);
        found = !within(definition.name, root) && (!setup || this.inputWrittenThrough(variable));
      }
      else found = this.variableMentionsInput(variable, setupParameters);
      return undefined;
    });
    return found;
  }

  /**
   * Whether request input is put into a member of a setup function's parameter anywhere in the file
   * (`app.locals.names.push(req.body.name)`, `app.names = req.query.names`): then its lists are
   * not the server's.
   */
  private inputWrittenThrough(variable: TSESLint.Scope.Variable): boolean {
    const known = this.writtenThrough.get(variable);
    if (known !== undefined) return known;
    this.writtenThrough.set(variable, true);
    const result = variable.references.some((reference) => {
      let current: TSESTree.Node = reference.identifier;
      for (let steps = 0; steps < 8 && current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current; steps++) current = current.parent;
      if (current === reference.identifier) return false;
      const user = current.parent;
      const member = current as TSESTree.MemberExpression;
      if (user?.type === AST_NODE_TYPES.CallExpression && user.callee === member && MUTATORS.has(propertyName(member.property) ?? '')) return user.arguments.some((argument) => this.mentionsInput(argument));
      return user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === member && this.mentionsInput(user.right);
    });
    this.writtenThrough.set(variable, result);
    return result;
  }

  private readonly writtenThrough = new WeakMap<TSESLint.Scope.Variable, boolean>();

  private variableMentionsInput(variable: TSESLint.Scope.Variable, setupParameters = false): boolean {
    const memo = setupParameters ? this.setupInputVariables : this.inputVariables;
    const known = memo.get(variable);
    if (known !== undefined) return known;
    // A variable written from itself is judged by its other writes.
    memo.set(variable, false);
    const result = variable.references.some((reference) => {
      if (reference.isWrite()) return reference.writeExpr ? this.mentionsInput(reference.writeExpr, setupParameters) : false;
      // `allowed.push(host)`, `allowed[i] = host`: what is put into the list.
      const member = reference.identifier.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
      const user = member.parent;
      if (user.type === AST_NODE_TYPES.CallExpression && user.callee === member && MUTATORS.has(propertyName(member.property) ?? '')) {
        return user.arguments.some((argument) => this.mentionsInput(argument, setupParameters));
      }
      return user.type === AST_NODE_TYPES.AssignmentExpression && user.left === member && this.mentionsInput(user.right, setupParameters);
    });
    memo.set(variable, result);
    return result;
  }
}

/**
 * Request styles whose handlers the platform routes by a file or a function's configuration (Next.js
 * route files, serverless functions), not by a registration in code: no code registration is ever
 * in view for them, so "out of view" says nothing about them.
 */
const PLATFORM_ROUTED: ReadonlySet<RequestStyle> = new Set<RequestStyle>(['lambda', 'next-app', 'next-pages', 'fetch', 'azure']);

/** A source read in a handler registered only under a development or test switch (see `TaintSourceInfo.devSwitch`). */
function withDevSwitch(taint: Taint, test: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Taint {
  if (taint.origin.type !== 'source') return taint;
  const devSwitch = { text: quoteCode(sourceCode.getText(test)), line: test.loc.start.line };
  return { ...taint, origin: { type: 'source', source: { ...taint.origin.source, devSwitch } } };
}

/** A source validated by the route with a schema out of view (see `TaintSourceInfo.unknownSchema`). */
function withUnknownSchema(taint: Taint, schema: { text: string; line: number }): Taint {
  if (taint.origin.type !== 'source') return taint;
  const unknownSchema = { text: quoteCode(schema.text), line: schema.line };
  return { ...taint, origin: { type: 'source', source: { ...taint.origin.source, unknownSchema } } };
}

/** A source read in a handler whose registration is out of view (see `TaintSourceInfo.routeOutOfView`). */
function withRouteOutOfView(taint: Taint, fn: FunctionNode): Taint {
  if (taint.origin.type !== 'source') return taint;
  const routeOutOfView = { handler: functionName(fn), line: fn.loc.start.line };
  return { ...taint, origin: { type: 'source', source: { ...taint.origin.source, routeOutOfView } } };
}

/** How a message names a function: its name, its method or property key, or where it starts. */
function functionName(fn: FunctionNode): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.Property) && !parent.computed) {
    const key = propertyName(parent.key);
    if (key !== null) return key;
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression && !parent.left.computed) {
    const key = propertyName(parent.left.property);
    if (key !== null) return key;
  }
  return `the function of line ${String(fn.loc.start.line)}`;
}

/** Methods of strings and arrays (`split`, `map`, `trim`, `includes`), as opposed to request APIs. */
function isValueMethod(name: string): boolean {
  return name !== 'then' && name !== 'valueOf' && (STRING_METHODS.has(name) || ELEMENT_CALLBACKS.has(name) || PREDICATES.has(name));
}

/** A read of the host the request was sent to (`req.hostname`, the `Host` header read as `headers.host`). */
function namesOwnHost(read: RequestInputRead): boolean {
  if (read.location === 'header') return read.name?.toLowerCase() === 'host';
  return ownHostInputs.includes(read.input);
}

/**
 * Whether a page of another site can set this input in a request the victim's browser sends (see
 * `crossSiteHeaders`): any input but a named header other than `Referer`, `Origin` and `Cookie`. A header
 * read by a name out of view, or all headers at once, may be one of those. For a redirect, the
 * headers a proxy sets (`forwardingHeaders`) count too: a cached redirect reaches every visitor;
 * the `Referer` does not (`redirectBackHeaders`): a redirect to it goes back to the page the user was on.
 */
function crossSiteSettable(read: RequestInputRead, kind: TaintKind): boolean {
  if (read.location !== 'header' || read.name === null) return true;
  const name = read.name.toLowerCase();
  if (kind === 'redirect') return (crossSiteHeaders.includes(name) && !redirectBackHeaders.includes(name)) || forwardingHeaders.includes(name);
  return crossSiteHeaders.includes(name);
}

/** An identifier that reads a variable (not a property name or an object key). */
function isReference(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression) return parent.object === node || parent.computed;
  if (parent.type === AST_NODE_TYPES.Property) return parent.value === node || parent.computed;
  return parent.type !== AST_NODE_TYPES.MethodDefinition && parent.type !== AST_NODE_TYPES.PropertyDefinition;
}
