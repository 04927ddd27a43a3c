import { sailsActionContext } from '../routes/frameworks/sails.js';
import { returnAnsweringStyles, storeReadMethods, storeRecordMethods } from '../../models/route-sensitivity.js';
import { responseMemberPath } from './response-path.js';
import { AST_NODE_TYPES, ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import {
  callerIdentityMembers,
  mergeFunctions,
  nonModelConstructors,
  passthroughSchemaMethods,
  projectServiceNames,
  dtoDeclarableProtectedFields,
  dtoTypeNamePattern,
  recordWriteFunctions,
  recordWriteMethods,
  type WriteMethod,
  mongoUpdateOperators,
  requestPayloads,
  requestTextPayloads,
  responseConstructors,
  responseSinks,
  strippingValidators,
  type ResponseSink,
} from '../../models/exposure.js';
import { graphqlJsonScalar } from '../../models/frameworks/graphql.js';
import { requestInputs, type RequestStyle } from '../../models/frameworks/request-inputs.js';
import { graphqlDeclaredType, graphqlInputOf, h3InputCall, nestInputOf } from '../routes/request-inputs.js';
import { classMethodOf, dottedName, enclosingFunction, findVariable, type FunctionNode, importSource, isFunction, propertyName, resolveFunction, thisClass, unwrap, walk, scopeOf } from '../../utils/ast.js';
import { exposureHandlers, type ExposureHandler } from './handlers.js';
import { fieldMatcher, isNonStoreReceiver, modelMatcher } from './names.js';
import { crossFileTarget, type CrossFileTarget } from '../project/calls.js';
import { projectIndexOf } from '../project/index.js';
import { moduleContext } from '../project/context.js';
import { fileOfNode, parseProjectFile, type ProjectModule } from '../project/parse.js';
import { declarationSources, declaredShape, returnTypeFields } from './declarations.js';
import { prismaRecordShape } from './prisma-schema.js';
import type { RecordShape } from './serializers.js';
import { dtoFields, type DtoFields } from './dto.js';
import { classTransformerHides, entityColumnsHide, hasSerializerInterceptor, injectedEntity, mongooseHides } from './serializers.js';
import { getExposureSettings } from './settings.js';
import { projectTableColumns, sqlTableColumns } from './sql-columns.js';
import { sqlKeyWrites } from './sql-key-writes.js';
import { dynamoCall, dynamoCommand, dynamoParam } from './dynamodb.js';
import { OriginTracer, type CrossFileStep, type Origin } from './trace.js';
import { inspectType, writableFields } from './type-check.js';

export type { CrossFileStep, Origin } from './trace.js';
export { displayFile } from './declarations.js';
export { validateExposureSettings, getExposureSettings, type ExposureSettings } from './settings.js';

/** A whole stored object that reaches a response. */
export interface ResponseFinding {
  /** The serialized object inside the sink argument (`user` in `res.json({ user })`). */
  node: TSESTree.Node;
  origin: Origin;
  /** How the sink is written: `res.json`, `ctx.body`, `return`. */
  sink: string;
  /** Sensitive fields the checker found (type-aware), or null when the verdict comes from names. */
  exposed: string[] | null;
  /** Non-sensitive data fields (type-aware), for a suggested explicit object. */
  safe: string[] | null;
  many: boolean;
  nullable: boolean;
  /**
   * Without types, for a destructuring suggestion: the sensitive fields the record's declaration in
   * this file has (sorted, those already removed left out), and whether its records are ORM
   * documents (Mongoose, Sequelize) that must become plain objects (`toJSON()`) before a rest
   * pattern drops anything. Null when the declaration is not in view.
   */
  removable: { fields: string[]; convert: boolean } | null;
}

/** Request input written whole into a store. */
export interface WriteFinding {
  /** The request payload inside the written argument (`req.body` in `User.create(req.body)`). */
  node: TSESTree.Node;
  /** How the payload was read: `req.body`, `@Body() body`. */
  input: string;
  /** Where it was read, when it went through a variable. */
  inputNode: TSESTree.Node;
  /** The write: `User.create`, `Object.assign`, `new User`. */
  sink: string;
  /** Fields the client may set (type-aware, or read from the payload elsewhere in the handler). */
  fields: string[];
  /** Protected fields of the written type (type-aware), or null. */
  protectedFields: string[] | null;
  /** Required fields of the written type that the client must not set: the server has to (type-aware). */
  serverSet: string[];
  /** The payload is a DTO class whose declared fields are read: its author chose what the client may set. */
  declared?: true;
  /** The write call (or `new`) itself. */
  site: TSESTree.Node;
  /**
   * When the write is in another file: where (file and line of the write) and through which
   * functions of other files the payload went, the one the handler called first.
   */
  remote: { file: string; line: number; via: CrossFileStep[] } | null;
  /**
   * The write is only a method name on one of the project's own services whose body is out of
   * view (`this.segmentService.create(req.body)` in build output): the verdict is unknown.
   */
  unresolvedService?: true;
  /**
   * The route validates the payload with a schema out of view (a Hapi `validate.payload` from
   * another package), which may list the fields the client can send: the verdict is unknown.
   */
  unknownSchema?: true;
}

/** The exposure findings of one file. */
export interface ExposureAnalysis {
  responses: ResponseFinding[];
  writes: WriteFinding[];
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * How many functions of other files a question follows from the handler: its service, and the
 * repository the service calls. Past that, the single-file reading of the call decides.
 */
const MAX_HOPS = 2;

/** An answer about a function of another file, with the modules it was read from (for freshness). */
interface Remembered<T> {
  value: T;
  deps: ProjectModule[];
}

/** Whether every module an answer read is still the current parse of its file. */
function fresh(deps: readonly ProjectModule[]): boolean {
  return deps.every((dep) => parseProjectFile(dep.file) === dep);
}

/** The scans of other files, per settings object, parsed program and hop count. */
const moduleScans = new WeakMap<object, WeakMap<TSESTree.Program, Map<number, ExposureScan>>>();
const NO_SETTINGS = {};

/** The exposure scan of another project file, run as a service (no handlers), memoized per parse. */
function moduleScan(module: ProjectModule, root: Context, hops: number): ExposureScan {
  const key = (root.settings as object | undefined) ?? NO_SETTINGS;
  let byProgram = moduleScans.get(key);
  if (!byProgram) moduleScans.set(key, (byProgram = new WeakMap()));
  let byHops = byProgram.get(module.program);
  if (!byHops) byProgram.set(module.program, (byHops = new Map()));
  let scan = byHops.get(hops);
  if (!scan) {
    const base = settingsContext(root, key);
    byHops.set(hops, (scan = new ExposureScan(moduleContext(module, base), { hops, root: base, file: module.file })));
  }
  return scan;
}

/** A response key that names an identifier: `id`, `_id`, `uuid`, `userId`, `account_id`, `memberIds`. */
const IDENTIFIER_KEY = /^(?:_?id|uuid|guid)$|[a-z](?:Id|ID|_id|Ids|IDs|_ids|Uuid|_uuid)$/u;

const settingsContexts = new WeakMap<object, Context>();

/**
 * What a scan of another file needs of the linted file's context: its settings (the exposure
 * vocabulary). A remembered scan must not keep the linted file's context, and its tree, alive.
 */
function settingsContext(root: Context, key: object): Context {
  let base = settingsContexts.get(key);
  if (!base) {
    base = { settings: root.settings, cwd: root.cwd, options: [] } as unknown as Context;
    settingsContexts.set(key, base);
  }
  return base;
}

const cache = new WeakMap<TSESTree.Program, ExposureAnalysis>();

/**
 * Whole-object responses and whole-payload writes in the handlers of the file being linted,
 * computed once per file and shared by `no-whole-object-response` and `no-mass-assignment`.
 * Unusual code must not throw; a bug of the scan throws to the rule, which reports it.
 */
export function getExposureAnalysis(context: Context): ExposureAnalysis {
  const program = context.sourceCode.ast;
  const cached = cache.get(program);
  if (cached) return cached;
  // No catch: the rule reports an exception as an internal error (see `createRule`) rather than
  // this returning no findings as if the file were clean.
  const result = new ExposureScan(context).run();
  cache.set(program, result);
  return result;
}

/** A call in a helper's body sending its parameter `valueAt` through its parameter `responseAt`. */
interface HelperSend {
  responseAt: number;
  valueAt: number;
  /** The response parameter's name and the sending member, for the message. */
  base: string;
  path: string;
}

interface Occurrence {
  node: TSESTree.Node;
  origin: Origin;
  /** Names the value is known by at the sink (`user`, the key of `{ user: found }`). */
  names: string[];
  /** The key the response gives the value (`id` in `{ id: created }`), or null when it is sent bare. */
  key: string | null;
}

interface Payload {
  node: TSESTree.Node;
  label: string;
  origin: TSESTree.Node;
  /** A DTO's declared fields, and those among them the client must not set. */
  declared?: { fields: readonly string[]; protected: readonly string[] };
}

class ExposureScan {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly handlers: ExposureHandler[];
  private readonly tracer: OriginTracer;
  private readonly checker: ts.TypeChecker | null = null;
  private readonly toTsNode: ((node: TSESTree.Node) => ts.Node | undefined) | null = null;
  private readonly isSensitiveField: (name: string) => boolean;
  private readonly isProtectedField: (name: string) => boolean;
  private readonly isDeclarableField: (name: string) => boolean;
  private readonly isSensitiveModel: (name: string) => boolean;
  private readonly responseNodes = new Set<TSESTree.Node>();
  private readonly helperSendCache = new Map<FunctionNode, readonly HelperSend[]>();
  private readonly writeNodes = new Set<TSESTree.Node>();
  /** Functions of other files followed from here so far (0 for the linted file). */
  private readonly hops: number;
  /** The linted file's context, from which other files are scanned. */
  private readonly root: Context;
  /** The file scanned, when it is another file of the project. */
  private readonly file: string | null;
  /** Modules read while computing the current answer about this file's functions. */
  private deps: ProjectModule[] = [];
  /** The parameter bindings a question about a service function treats as the whole payload. */
  private payloadParams: ReadonlySet<TSESTree.Node> | null = null;
  private readonly returnAnswers = new Map<FunctionNode, Remembered<Origin | null>>();
  private readonly writeAnswers = new Map<FunctionNode, Map<number, Remembered<WriteFinding[]>>>();
  /** The scan that answers questions about this file's own functions, one hop further (see `localWrites`). */
  private localScan: ExposureScan | null = null;

  constructor(
    private readonly context: Context,
    remote: { hops: number; root: Context; file: string } | null = null,
  ) {
    this.sourceCode = context.sourceCode;
    this.hops = remote?.hops ?? 0;
    this.root = remote?.root ?? context;
    this.file = remote?.file ?? null;
    // Another file is read as a service: its own handlers are that file's business.
    this.handlers = remote ? [] : exposureHandlers(context);
    this.tracer = new OriginTracer(this.sourceCode, this.handlers, (call) => this.crossFileOrigin(call));
    const settings = getExposureSettings(context);
    this.isSensitiveField = fieldMatcher(settings.sensitiveFields);
    this.isProtectedField = fieldMatcher(settings.protectedFields);
    this.isDeclarableField = fieldMatcher(dtoDeclarableProtectedFields);
    this.isSensitiveModel = modelMatcher(settings.sensitiveModels);
    if (this.sourceCode.parserServices?.program) {
      const services = ESLintUtils.getParserServices(context, true);
      if (services.program) {
        this.checker = services.program.getTypeChecker();
        const map = services.esTreeNodeToTSNodeMap;
        this.toTsNode = (node) => map.get(node as TSESTree.Expression);
      }
    }
  }

  run(): ExposureAnalysis {
    const result: ExposureAnalysis = { responses: [], writes: [] };
    for (const handler of this.handlers) {
      if (!handler.responseSchema) this.scanResponses(handler, result.responses);
      this.scanWrites(handler, result.writes);
    }
    const byPosition = (a: { node: TSESTree.Node }, b: { node: TSESTree.Node }): number => a.node.range[0] - b.node.range[0];
    result.responses.sort(byPosition);
    result.writes.sort(byPosition);
    return result;
  }

  // ---------------------------------------------------------------- responses

  private scanResponses(handler: ExposureHandler, out: ResponseFinding[]): void {
    const sinks = responseSinks[handler.style];
    const report = (value: TSESTree.Node, sink: string): void => {
      const occurrences: Occurrence[] = [];
      this.collect(value, [], occurrences, 0);
      for (const occurrence of occurrences) {
        if (this.responseNodes.has(occurrence.node)) continue;
        const finding = this.judge(occurrence, sink, handler);
        if (finding) {
          this.responseNodes.add(occurrence.node);
          out.push(finding);
        }
      }
    };
    walk(handler.fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const value = node.arguments[0];
        if (!value || value.type === AST_NODE_TYPES.SpreadElement) return;
        const sink = this.callSink(node, handler, sinks);
        if (!sink) {
          this.helperSends(node, handler, sinks, report);
          return;
        }
        if (sink.stringified && !isStringify(value)) return;
        report(value, `\`${sink.label}\``);
        return;
      }
      if (node.type === AST_NODE_TYPES.NewExpression) {
        const callee = dottedName(node.callee);
        const value = node.arguments[0];
        if (callee !== null && responseConstructors.has(callee) && value && isStringify(value)) report(value, `\`new ${callee}\``);
        return;
      }
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') {
        const target = this.responsePath(node.left, handler);
        if (!target) return;
        const matched = sinks.some((sink) => sink.kind === 'assign' && sink.param === target.param && sink.path === target.path);
        if (matched) report(node.right, `\`${this.sourceCode.getText(node.left)}\``);
        return;
      }
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && enclosingFunction(node) === handler.fn) {
        if (handler.nest || sinks.some((sink) => sink.kind === 'return' && sink.path === '')) report(node.argument, this.returnLabel(handler));
        this.returnedMembers(node.argument, sinks, report);
      }
    });
    if (handler.fn.body.type !== AST_NODE_TYPES.BlockStatement) {
      if (handler.nest || sinks.some((sink) => sink.kind === 'return' && sink.path === '')) report(handler.fn.body, this.returnLabel(handler));
      this.returnedMembers(handler.fn.body, sinks, report);
    }
  }

  /**
   * `return { statusCode: 200, body: JSON.stringify(user) }`: a member of the returned object is the
   * response. So is an argument of a same-file helper that builds that object from its parameter
   * (`const json = (status, data) => ({ statusCode: status, body: JSON.stringify(data) })`).
   */
  private returnedMembers(value: TSESTree.Node, sinks: readonly ResponseSink[], report: (node: TSESTree.Node, label: string) => void): void {
    let returned = unwrap(value);
    if (returned.type === AST_NODE_TYPES.AwaitExpression) returned = unwrap(returned.argument);
    if (returned.type === AST_NODE_TYPES.CallExpression) {
      this.builtResponse(returned, sinks, report);
      return;
    }
    if (returned.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const sink of sinks) {
      if (sink.kind !== 'return' || sink.path === '') continue;
      for (const property of returned.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyName(property.key) !== sink.path) continue;
        if (sink.stringified && !isStringify(property.value)) continue;
        report(property.value, `the returned \`${sink.path}\``);
      }
    }
  }

  /** The arguments of `call` that a response builder (of this file or another) puts in a response member. */
  private builtResponse(call: TSESTree.CallExpression, sinks: readonly ResponseSink[], report: (node: TSESTree.Node, label: string) => void): void {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return;
    let fn = resolveFunction(callee, scopeOf(this.sourceCode, callee));
    if (!fn) {
      // A response helper of another file (`import { json } from '../shared/http'`): its body is read there.
      const target = this.crossFileCallee(call);
      if (target) {
        fn = target.fn;
        this.deps.push(target.module);
      }
    }
    const built = fn ? returnedExpression(fn) : null;
    const object = built ? unwrap(built) : null;
    if (!fn || object?.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const sink of sinks) {
      if (sink.kind !== 'return' || sink.path === '') continue;
      for (const property of object.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyName(property.key) !== sink.path) continue;
        let member = unwrap(property.value);
        if (sink.stringified) {
          if (member.type !== AST_NODE_TYPES.CallExpression || !isStringify(member) || !member.arguments[0]) continue;
          member = unwrap(member.arguments[0]);
        }
        if (member.type !== AST_NODE_TYPES.Identifier) continue;
        const name = member.name;
        const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === name);
        const argument = index >= 0 ? call.arguments[index] : undefined;
        if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) report(argument, `the returned \`${sink.path}\` (built by \`${callee.name}\`)`);
      }
    }
  }

  /**
   * A helper given the handler's response and a value, whose body sends that value: `this.ok(res, e)`
   * with `ok(res, data) { return res.status(200).json(data); }`, a method of the class or of its base
   * class in another file, or a function of this file or another. One level: the helper's own calls.
   */
  private helperSends(call: TSESTree.CallExpression, handler: ExposureHandler, sinks: readonly ResponseSink[], report: (node: TSESTree.Node, label: string) => void): void {
    // The arguments that are the handler's response parameter, by position in the call, with that parameter's position.
    const passed = new Map<number, number>();
    call.arguments.forEach((argument, index) => {
      const value = unwrap(argument);
      if (value.type !== AST_NODE_TYPES.Identifier) return;
      const definition = findVariable(scopeOf(this.sourceCode, value), value.name)?.defs[0];
      if (definition?.type !== 'Parameter' || definition.node !== handler.fn) return;
      const param = handler.fn.params.findIndex((item) => item === definition.name);
      if (param >= 0 && sinks.some((sink) => sink.kind === 'call' && sink.param === param)) passed.set(index, param);
    });
    if (passed.size === 0) return;
    const callee = unwrap(call.callee);
    let fn: FunctionNode | null = null;
    let name = dottedName(callee) ?? 'helper';
    if (callee.type === AST_NODE_TYPES.Identifier) fn = resolveFunction(callee, scopeOf(this.sourceCode, callee));
    else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression) {
      const owner = thisClass(call);
      const method = propertyName(callee.property);
      fn = owner && method !== null ? classMethodOf(owner, method) : null;
    }
    if (!fn) {
      const target = crossFileTarget(callee, this.sourceCode);
      if (target) {
        fn = target.fn;
        name = target.name;
        this.deps.push(target.module);
      }
    }
    if (!fn || fn === handler.fn) return;
    const helper = fn;
    for (const send of this.helperSendsOf(helper)) {
      const handlerParam = passed.get(send.responseAt);
      if (handlerParam === undefined || !sinks.some((sink) => sink.kind === 'call' && sink.param === handlerParam && sink.path === send.path && sink.stringified !== true)) continue;
      const argument = call.arguments[send.valueAt];
      if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) report(argument, `\`${send.base}.${send.path}\` (in \`${name}\`)`);
    }
  }

  /**
   * The calls of a helper's own body that send one of its parameters through another of its
   * parameters (`res.json(data)` in `ok(res, data)`), read once per helper: a helper called from many
   * handlers is walked once, so the analysis stays linear in the file.
   */
  private helperSendsOf(helper: FunctionNode): readonly HelperSend[] {
    const known = this.helperSendCache.get(helper);
    if (known) return known;
    const paramIndex = (identifier: TSESTree.Node): number => {
      const inner = unwrap(identifier);
      return inner.type === AST_NODE_TYPES.Identifier ? helper.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === inner.name) : -1;
    };
    const sends: HelperSend[] = [];
    walk(helper.body, (node) => {
      if (node !== helper.body && isFunction(node)) return 'skip';
      if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const found = responseMemberPath(node.callee);
      const sent = node.arguments[0];
      if (!found || !sent || sent.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const responseAt = paramIndex(found.base);
      const valueAt = paramIndex(sent);
      if (responseAt >= 0 && valueAt >= 0) sends.push({ responseAt, valueAt, base: found.base.name, path: found.path });
      return undefined;
    });
    this.helperSendCache.set(helper, sends);
    return sends;
  }

  private returnLabel(handler: ExposureHandler): string {
    return handler.nest ? "the controller method's return value" : "the handler's return value";
  }

  /** Whether a call sends its first argument as the response, and how to name it. */
  private callSink(
    call: TSESTree.CallExpression,
    handler: ExposureHandler,
    sinks: readonly ResponseSink[],
  ): { label: string; stringified: boolean } | null {
    const name = dottedName(call.callee);
    for (const sink of sinks) {
      if (sink.kind === 'global' && name === sink.path) return { label: sink.path, stringified: false };
      if (sink.kind === 'imported' && this.importedAs(call.callee, sink)) return { label: name ?? sink.path, stringified: false };
    }
    if (name === 'NextResponse.json' || name === 'Response.json') return { label: name, stringified: false };
    const target = this.responsePath(call.callee, handler);
    if (!target) return null;
    const candidates: readonly ResponseSink[] = handler.nest && target.nestResponse ? responseSinks.express : sinks;
    for (const sink of candidates) {
      if (sink.kind !== 'call') continue;
      if ((handler.nest && target.nestResponse) || sink.param === target.param) {
        if (sink.path === target.path) return { label: `${target.base}.${target.path}`, stringified: sink.stringified === true };
      }
    }
    return null;
  }

  /** Whether a callee is the function `sink.path` imported from one of `sink.modules` (also under another local name). */
  private importedAs(callee: TSESTree.Node, sink: ResponseSink): boolean {
    const target = unwrap(callee);
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const source = importSource(scopeOf(this.sourceCode, target), target.name);
    return source !== null && (sink.modules ?? []).includes(source.module) && source.imported === sink.path;
  }

  /**
   * `res.status(404).json` → `{ base: 'res', param: 1, path: 'json' }` when `res` is a parameter
   * of the handler; chain calls such as `status(...)` are skipped.
   */
  private responsePath(
    node: TSESTree.Node,
    handler: ExposureHandler,
  ): { base: string; param: number; path: string; nestResponse: boolean } | null {
    const found = responseMemberPath(node);
    if (!found) return null;
    const current = found.base;
    const variable = findVariable(scopeOf(this.sourceCode, current), current.name);
    const definition = variable?.defs[0];
    if (definition?.type !== 'Parameter' || definition.node !== handler.fn) return null;
    const param = handler.fn.params.findIndex((item) => item === definition.name || ('parameter' in item && item.parameter === definition.name));
    if (param < 0) return null;
    const declared = handler.fn.params[param];
    const nestResponse =
      handler.nest &&
      declared !== undefined &&
      'decorators' in declared &&
      (declared.decorators ?? []).some((decorator) => /^(?:Res(?:ponse)?|response)$/u.test(dottedName(decorator.expression) ?? ''));
    return { base: current.name, param, path: found.path, nestResponse };
  }

  /**
   * A call on the parameter a handler answers through (express's `res.send`, Koa's `ctx.set`,
   * NestJS's `@Res()`). A handler whose style answers by returning (a GraphQL resolver) has no such
   * parameter: `ctx.models.User.updateOne(…)` on its context is a store's method.
   */
  private answersThrough(callee: TSESTree.Node, handler: ExposureHandler): boolean {
    const path = this.responsePath(callee, handler);
    if (!path) return false;
    return handler.nest || !returnAnsweringStyles.has(handler.style);
  }

  /** Finds the whole objects inside a serialized value (through wrappers, arrays and `map`). */
  private collect(value: TSESTree.Node, names: string[], out: Occurrence[], depth: number): void {
    if (depth > 8) return;
    const target = unwrap(value);
    switch (target.type) {
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of target.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            this.collect(property.argument, names, out, depth + 1);
          } else if (!property.method && property.kind === 'init') {
            const key = property.computed ? null : propertyName(property.key);
            this.collect(property.value, key === null ? [] : [key], out, depth + 1);
          }
        }
        return;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of target.elements) {
          if (element) this.collect(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, names, out, depth + 1);
        }
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        this.collect(target.consequent, names, out, depth + 1);
        this.collect(target.alternate, names, out, depth + 1);
        return;
      case AST_NODE_TYPES.LogicalExpression:
        // `found && { id: found.id }` sends its left operand only when it is falsy: never a record.
        if (target.operator !== '&&') this.collect(target.left, names, out, depth + 1);
        this.collect(target.right, names, out, depth + 1);
        return;
      case AST_NODE_TYPES.CallExpression: {
        const callee = dottedName(target.callee);
        if (callee === 'JSON.stringify' || callee === 'Object.assign') {
          for (const argument of target.arguments) this.collect(argument, names, out, depth + 1);
          return;
        }
        break;
      }
      default:
        break;
    }
    const origin = this.tracer.trace(target);
    if (origin) {
      const own = target.type === AST_NODE_TYPES.Identifier ? [target.name] : [];
      out.push({ node: target, origin, names: [...own, ...names], key: names[names.length - 1] ?? null });
      return;
    }
    // `users.map((u) => ({ ...u, avatar }))`: look inside what the callback returns.
    if (target.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(target.callee);
      const fn = target.arguments[0];
      if (callee.type === AST_NODE_TYPES.MemberExpression && /^(?:map|flatMap)$/u.test(propertyName(callee.property) ?? '') && isFunction(fn)) {
        const returned = returnedExpression(fn);
        if (returned) this.collect(returned, names, out, depth + 1);
      }
      return;
    }
    // `const payload = { user, token }; res.json(payload)`.
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) {
        const init = unwrap(definition.node.init);
        if (init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.ArrayExpression) {
          this.collect(init, names, out, depth + 1);
        }
      }
    }
  }

  private judge(occurrence: Occurrence, sink: string, handler: ExposureHandler): ResponseFinding | null {
    const { origin } = occurrence;
    const removed = new Set(origin.removed);
    const base = {
      node: occurrence.node,
      origin,
      sink,
      removable: null,
    };
    if (this.checker && this.toTsNode) {
      const tsNode = this.toTsNode(occurrence.node);
      if (tsNode) {
        const verdict = inspectType(this.checker, this.checker.getTypeAtLocation(tsNode), this.isSensitiveField);
        if (verdict.verdict === 'clean') return null;
        if (verdict.verdict === 'sensitive') {
          const exposed = verdict.exposed.filter((field) => !removed.has(field.split('.')[0] ?? field));
          if (exposed.length === 0) return null;
          return { ...base, exposed, safe: verdict.safe, many: verdict.many, nullable: verdict.nullable };
        }
      }
    }
    const many = origin.many ?? false;
    if (origin.columns) {
      const exposed = origin.columns.filter((column) => this.isSensitiveField(column) && !removed.has(column));
      return exposed.length > 0 ? { ...base, exposed, safe: null, many, nullable: false } : null;
    }
    if (origin.removed.some((field) => this.isSensitiveField(field))) return null;
    const byOrigin = origin.kind === 'principal' || (origin.model !== null && this.isSensitiveModel(origin.model));
    // Only the variable's name says "user", and the response itself calls the value an id
    // (`{ success: true, id: user }` where `user` is what a service's `create` returned): the
    // name at the sink wins over the name of the variable. A record of a sensitive model stays
    // reported under any key.
    const byName = !byOrigin && !(occurrence.key !== null && IDENTIFIER_KEY.test(occurrence.key)) && occurrence.names.some((name) => this.isSensitiveModel(name));
    // No name says so, but the entity's declaration in view has a sensitive field
    // (`integrationSchema` with `signingSecret`): the declaration is the better evidence.
    // Or the service that returned it declares a return type in view with one (`Promise<Integration>`).
    const byType = (origin.typed ?? []).some((field) => this.isSensitiveField(field) && !removed.has(field));
    if (!(byOrigin || byName || byType || this.declaresSensitive(origin)) || this.serializerHides(origin, handler)) return null;
    return { ...base, exposed: null, safe: null, many, nullable: false, removable: this.removable(origin) };
  }

  /**
   * Without types: a serializer declared in this file hides every sensitive field the record's
   * entity declares (class-transformer `@Exclude()` with `ClassSerializerInterceptor` or
   * `instanceToPlain`, a Mongoose `select: false` path or `toJSON` transform).
   */
  private serializerHides(origin: Origin, handler: ExposureHandler): boolean {
    if (origin.kind === 'principal' && origin.model !== null) {
      // The signed-in user, loaded by a middleware out of view: a Mongoose `User` schema in view (this
      // file or the file its `User` binding comes from) that keeps every sensitive path out of every
      // read (`select: false`) hides them whatever the middleware does, short of `select('+…')`. A
      // `toJSON` transform does not count: the middleware may have read the user with `.lean()`.
      const entity = origin.model.charAt(0).toUpperCase() + origin.model.slice(1);
      const read = { lean: true, selected: [], transform: 'toJSON' as const };
      return declarationSources(handler.fn, this.sourceCode, entity).some((source) => mongooseHides(source, entity, read, this.isSensitiveField));
    }
    if ((origin.kind !== 'record' && origin.kind !== 'instance') || origin.model === null) return false;
    const model = origin.model;
    const sources = this.declarationSourcesOf(origin, model);
    if (
      // A plain copy (`doc.toObject()`) carries no class for an interceptor's `@Exclude()` to read.
      (origin.serialized === true || (handler.nest && origin.converted === undefined && origin.raw !== true && hasSerializerInterceptor(handler.fn))) &&
      sources.some((source) => classTransformerHides(source.ast, model, this.isSensitiveField))
    ) {
      return true;
    }
    if (origin.kind !== 'record') return false;
    const read = { lean: origin.lean === true, selected: origin.selected ?? [], transform: origin.converted === 'toObject' ? ('toObject' as const) : ('toJSON' as const) };
    return sources.some((source) => mongooseHides(source, model, read, this.isSensitiveField) || entityColumnsHide(source, model, read.selected, this.isSensitiveField));
  }

  /**
   * The files that may declare the entity of a record: the linted file, the file the record was
   * read in (another one when a service returned it) and the file its model is imported from.
   */
  private declarationSourcesOf(origin: Origin, model: string): Readonly<TSESLint.SourceCode>[] {
    if (origin.file === undefined) return declarationSources(origin.node, this.sourceCode, model);
    const module = parseProjectFile(origin.file);
    // The origin came from a fresh answer, so its file's current parse holds its node.
    if (!module || module.program !== programOf(origin.node)) return [this.sourceCode];
    return [this.sourceCode, ...declarationSources(origin.node, module.sourceCode, model)];
  }

  /** Whether the record's entity is declared in view with a sensitive field the read did not remove. */
  private declaresSensitive(origin: Origin): boolean {
    if (origin.model === null) return false;
    if (origin.kind === 'rows') {
      // `SELECT *` of a table the SQL text of the reading file (or this one) writes a sensitive column of.
      if (origin.columns !== null) return false;
      const table = origin.model.toLowerCase();
      const read = programOf(origin.node);
      const programs = read.type === AST_NODE_TYPES.Program ? [read, this.sourceCode.ast] : [this.sourceCode.ast];
      const sensitive = (columns: Iterable<string> | undefined): boolean =>
        [...(columns ?? [])].some((column) => this.isSensitiveField(column) && !origin.removed.includes(column));
      // Then the project's migrations and schema files, which declare the table for every file.
      return programs.some((program) => sensitive(sqlTableColumns(program).get(table))) || sensitive(projectTableColumns(fileOfNode(origin.node) ?? this.context.filename).get(table));
    }
    if (origin.kind !== 'record' && origin.kind !== 'instance') return false;
    const shape = this.recordShape(origin.node, this.declarationSourcesOf(origin, origin.model), origin.model);
    return shape !== null && shape.fields.some((field) => this.isSensitiveField(field) && !origin.removed.includes(field));
  }

  /**
   * The declared shape of `model` as read or written by `site`: its declaration in `sources` (the
   * files the code leads to), else, for a Prisma client's delegate (`prisma.account.findUnique`),
   * the model of the project's Prisma schema, which no import leads to.
   */
  private recordShape(site: TSESTree.Node, sources: readonly Readonly<TSESLint.SourceCode>[], model: string): RecordShape | null {
    const declared = declaredShape(sources, model);
    if (declared) return declared;
    if (site.type !== AST_NODE_TYPES.CallExpression) return null;
    const callee = unwrap(site.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const receiver = unwrap(callee.object);
    // `<client>.<accessor>.<method>(…)`: the accessor is the model, on some client object.
    if (receiver.type !== AST_NODE_TYPES.MemberExpression || receiver.computed || propertyName(receiver.property) !== model) return null;
    return prismaRecordShape(fileOfNode(site) ?? this.context.filename, model);
  }

  /** The sensitive fields a destructuring suggestion may remove: only those the record declares. */
  private removable(origin: Origin): ResponseFinding['removable'] {
    if ((origin.kind !== 'record' && origin.kind !== 'instance') || origin.model === null) return null;
    const shape = this.recordShape(origin.node, this.declarationSourcesOf(origin, origin.model), origin.model);
    if (!shape) return null;
    const fields = shape.fields.filter((field) => this.isSensitiveField(field) && !origin.removed.includes(field)).sort();
    // Already a plain copy (`user.toObject()`): nothing left to convert.
    const convert = origin.converted === undefined && (shape.kind === 'sequelize' || (shape.kind === 'mongoose' && origin.lean !== true));
    return { fields, convert };
  }

  // ---------------------------------------------------------------- other files

  /** The origin of what a call to a function of another file returns (see `CallResolver`). */
  private crossFileOrigin(call: TSESTree.CallExpression): Origin | null | undefined {
    const target = this.crossFileCallee(call);
    if (!target) return undefined;
    const answer = moduleScan(target.module, this.root, this.hops + 1).returnedOrigin(target);
    this.deps.push(target.module, ...answer.deps);
    return answer.value;
  }

  /** The function of another file a call runs, while the hop budget lasts. */
  private crossFileCallee(call: TSESTree.CallExpression | TSESTree.NewExpression): CrossFileTarget | null {
    if (this.hops >= MAX_HOPS || call.type !== AST_NODE_TYPES.CallExpression) return null;
    return crossFileTarget(unwrap(call.callee), this.sourceCode);
  }

  /**
   * What a function of this file returns: the first whole record one of its `return`s gives,
   * read with this file's tracer (so through one more file), or null. Remembered per function
   * while the files it read are unchanged.
   */
  returnedOrigin(target: CrossFileTarget): Remembered<Origin | null> {
    const known = this.returnAnswers.get(target.fn);
    if (known && fresh(known.deps)) return known;
    const outer = this.deps;
    this.deps = [];
    let origin: Origin | null = null;
    const fn = target.fn;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
      origin = this.tracer.trace(fn.body);
    } else {
      walk(fn.body, (node) => {
        if (origin) return 'skip';
        if (node !== fn.body && isFunction(node)) return 'skip';
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) origin = this.tracer.trace(node.argument);
        return undefined;
      });
    }
    const file = this.file ?? target.module.file;
    const step: CrossFileStep = { name: target.name, file, line: fn.loc.start.line };
    const found: Origin | null = origin;
    const typed = found === null ? null : returnTypeFields(fn, this.sourceCode, (module) => this.deps.push(module));
    const fields = [...(typed ?? []), ...(found?.typed ?? [])];
    const value = found === null ? null : { ...found, file: found.file ?? file, via: [step, ...(found.via ?? [])], ...(fields.length > 0 ? { typed: fields } : {}) };
    const answer = { value, deps: this.deps };
    this.deps = outer;
    this.returnAnswers.set(fn, answer);
    return answer;
  }

  /**
   * The writes of a function of this file that store its parameter `index` whole (or spread):
   * `create(data) { return User.create(data); }`, through one more file. Remembered per
   * function and parameter while the files it read are unchanged.
   */
  paramWrites(target: Pick<CrossFileTarget, 'fn'>, index: number): Remembered<WriteFinding[]> {
    let byIndex = this.writeAnswers.get(target.fn);
    if (!byIndex) this.writeAnswers.set(target.fn, (byIndex = new Map()));
    const known = byIndex.get(index);
    if (known && fresh(known.deps)) return known;
    const outer = this.deps;
    this.deps = [];
    const value: WriteFinding[] = [];
    const param = target.fn.params[index];
    const binding =
      param?.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    // A destructured parameter takes named fields, not the whole payload.
    if (binding?.type === AST_NODE_TYPES.Identifier) {
      this.payloadParams = new Set([binding]);
      this.writeNodes.clear();
      this.scanWrites({ fn: target.fn, style: 'express', nest: false, responseSchema: false }, value);
      this.payloadParams = null;
    }
    const answer = { value, deps: this.deps };
    this.deps = outer;
    byIndex.set(index, answer);
    return answer;
  }

  private givesPayload(call: TSESTree.CallExpression, handler: ExposureHandler): boolean {
    return call.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && this.payloads(argument, handler).length > 0);
  }

  /**
   * A call to a function of another file that writes the whole payload it is given: reported at
   * the argument passing the payload (where a pick goes), naming the write there.
   */
  private crossFileWrites(call: TSESTree.CallExpression, target: CrossFileTarget, handler: ExposureHandler, out: WriteFinding[]): void {
    call.arguments.forEach((argument, index) => {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return;
      const payloads = this.payloads(argument, handler).filter((payload) => !this.writeNodes.has(payload.node));
      if (payloads.length === 0) return;
      const answer = moduleScan(target.module, this.root, this.hops + 1).paramWrites(target, index);
      this.deps.push(target.module, ...answer.deps);
      const write = answer.value[0];
      if (!write) return;
      this.pushPayloadWrites(payloads, write, { name: target.name, file: target.module.file, line: target.fn.loc.start.line }, call, out);
    });
  }

  /**
   * The function of this file a call runs, while the hop budget lasts: a function the callee names
   * (`saveNote(req.body)`), or a method of the class whose `this` the call is made on
   * (`this.update(id, req.body)`). Null for anything else, and for a function the scan is already in.
   */
  private localCallee(call: TSESTree.CallExpression): { fn: FunctionNode; name: string } | null {
    if (this.hops >= MAX_HOPS) return null;
    const callee = unwrap(call.callee);
    let fn: FunctionNode | null = null;
    let name: string | null = null;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      fn = resolveFunction(callee, scopeOf(this.sourceCode, callee));
      name = callee.name;
    } else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression) {
      name = propertyName(callee.property);
      const owner = thisClass(call);
      fn = owner && name !== null ? classMethodOf(owner, name) : null;
      name = name === null ? null : `this.${name}`;
    }
    if (!fn || name === null || (fn.range[0] <= call.range[0] && call.range[1] <= fn.range[1])) return null;
    return { fn, name };
  }

  /**
   * A call to a function of this file that writes the whole payload it is given: reported at the
   * argument passing the payload, naming the write in that function (as for another file's). A
   * function that picks fields or validates writes nothing whole: nothing is reported.
   */
  private localWrites(call: TSESTree.CallExpression, target: { fn: FunctionNode; name: string }, handler: ExposureHandler, out: WriteFinding[]): void {
    const file = this.file ?? this.context.filename;
    call.arguments.forEach((argument, index) => {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return;
      const payloads = this.payloads(argument, handler).filter((payload) => !this.writeNodes.has(payload.node));
      if (payloads.length === 0) return;
      this.localScan ??= new ExposureScan(this.context, { hops: this.hops + 1, root: this.root, file });
      const answer = this.localScan.paramWrites(target, index);
      this.deps.push(...answer.deps);
      const write = answer.value[0];
      if (!write) return;
      this.pushPayloadWrites(payloads, write, { name: target.name, file, line: target.fn.loc.start.line }, call, out);
    });
  }

  /**
   * The findings of payloads handed to a function (`step`, of this file or another) that writes
   * them whole: at each payload, naming the write in that function, through `step`.
   */
  private pushPayloadWrites(payloads: ReturnType<ExposureScan['payloads']>, write: NonNullable<ReturnType<ExposureScan['paramWrites']>['value'][number]>, step: CrossFileStep, call: TSESTree.CallExpression, out: WriteFinding[]): void {
    const remote = write.remote ? { ...write.remote, via: [step, ...write.remote.via] } : { file: step.file, line: write.site.loc.start.line, via: [step] };
    for (const payload of payloads) {
      this.writeNodes.add(payload.node);
      const declared = payload.declared ? this.declaredPick(payload.declared) : null;
      out.push({
        node: payload.node,
        input: payload.label.startsWith('`') ? payload.label : `\`${payload.label}\``,
        inputNode: payload.origin,
        sink: write.sink,
        fields: declared?.fields ?? write.fields,
        protectedFields: declared?.protectedFields ?? write.protectedFields,
        ...(declared ? { declared: true as const } : {}),
        serverSet: [],
        site: call,
        remote,
        // The function only hands it on to a service out of view: still unknown.
        ...(write.unresolvedService === true ? { unresolvedService: true as const } : {}),
      });
    }
  }

  // ---------------------------------------------------------------- writes

  private scanWrites(handler: ExposureHandler, out: WriteFinding[]): void {
    const check = (value: TSESTree.Node, sink: string, site: TSESTree.Node, elements = false, unresolvedService?: () => boolean): void => {
      for (const payload of this.payloads(value, handler, elements)) {
        if (this.writeNodes.has(payload.node)) continue;
        this.writeNodes.add(payload.node);
        const finding = this.writeFinding(payload, sink, handler, site);
        const flagged = handler.bodySchemaUnknown === true ? { ...finding, unknownSchema: true as const } : finding;
        out.push(unresolvedService?.() === true ? { ...flagged, unresolvedService: true } : flagged);
      }
    };
    // In a service function, the payload is a parameter: its receivers are not a response.
    const service = this.payloadParams !== null;
    walk(handler.fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.NewExpression) {
        // `new PutCommand({ TableName, Item: body })`: the item is stored with every attribute it has.
        const command = dynamoCommand(node, this.sourceCode);
        if (command) {
          const item = command.operation.item === undefined ? null : dynamoParam(command.params, command.operation.item);
          if (item) check(item, command.label, node);
          return;
        }
        const callee = unwrap(node.callee);
        const value = node.arguments[0];
        if (
          callee.type === AST_NODE_TYPES.Identifier &&
          /^[A-Z]/u.test(callee.name) &&
          !nonModelConstructors.has(callee.name) &&
          !/(?:Error|Exception|Dto|DTO|Pipe)$/u.test(callee.name) &&
          value &&
          value.type !== AST_NODE_TYPES.SpreadElement
        ) {
          check(value, `new ${callee.name}`, node);
        }
        // `new this.userModel(dto)`: a model injected into the service (`@InjectModel(User.name)
        // private userModel: Model<User>`), as NestJS with Mongoose creates documents.
        if (callee.type === AST_NODE_TYPES.MemberExpression && injectedEntity(callee) !== null && value && value.type !== AST_NODE_TYPES.SpreadElement) {
          check(value, `new ${this.sourceCode.getText(callee)}`, node);
        }
        return;
      }
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      // A service or repository of another file: what its body does with the payload decides.
      // Asked only of calls given a payload, so other calls never make another file be read.
      const target = this.givesPayload(node, handler) ? this.crossFileCallee(node) : null;
      if (target) {
        // A service of another file built with the caller's identity decides what the caller writes,
        // as one of this file does (below).
        const receiver = unwrap(node.callee).type === AST_NODE_TYPES.MemberExpression ? unwrap((unwrap(node.callee) as TSESTree.MemberExpression).object) : null;
        if (!service && receiver?.type === AST_NODE_TYPES.Identifier && this.knowsTheCaller(receiver, handler)) return;
        this.crossFileWrites(node, target, handler, out);
        return;
      }
      // A function or method of this file (`this.update(id, req.body)`): judged by what its body
      // does with the payload, not by its name.
      const local = this.givesPayload(node, handler) ? this.localCallee(node) : null;
      if (local) {
        this.localWrites(node, local, handler, out);
        return;
      }
      const name = dottedName(node.callee);
      const args = node.arguments;
      // `pool.query(`UPDATE users SET ${Object.keys(patch).map(…)}`, …)`: the payload's keys are the columns written.
      const keyWrites = sqlKeyWrites(node, this.sourceCode);
      if (keyWrites.length > 0) {
        for (const write of keyWrites) check(write.object, `${name ?? 'query'}(${write.statement})`, node);
        return;
      }
      if (name !== null && mergeFunctions.has(name)) {
        const targetArgument = args[0] ? unwrap(args[0]) : null;
        if (!targetArgument || (targetArgument.type === AST_NODE_TYPES.ObjectExpression && targetArgument.properties.length === 0)) return;
        for (const source of args.slice(1)) check(source.type === AST_NODE_TYPES.SpreadElement ? source.argument : source, name, node);
        return;
      }
      const callee = unwrap(node.callee);
      // The v2 DocumentClient's `put({ TableName, Item })` (a v3 command is judged where it is made).
      const dynamoMethod = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
      const dynamo = dynamoMethod === 'send' || dynamoMethod === 'promise' ? null : dynamoCall(node, this.sourceCode);
      if (dynamo) {
        const item = dynamo.operation.item === undefined ? null : dynamoParam(dynamo.params, dynamo.operation.item);
        if (item) check(item, dynamo.label, node);
        return;
      }
      const written = callee.type === AST_NODE_TYPES.Identifier ? writeFunctionOf(callee, this.sourceCode) : null;
      if (written) {
        args.forEach((argument, index) => {
          if ((written.args as readonly number[]).includes(index) && argument.type !== AST_NODE_TYPES.SpreadElement) check(argument, written.name, node);
        });
        return;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const method = propertyName(callee.property);
      // Own keys only: `x.constructor(...)` or `x.toString()` must not find Object.prototype's members.
      const entry = method === null || !Object.hasOwn(recordWriteMethods, method) ? undefined : recordWriteMethods[method];
      const receiver = dottedName(callee.object);
      const receiverLast = receiver === null ? null : receiver.slice(receiver.lastIndexOf('.') + 1);
      // The first shape of the method whose receiver matches (`em.assign(e, data)`, `wrap(e).assign(data)`).
      const write = (entry === undefined ? [] : Array.isArray(entry) ? (entry as readonly WriteMethod[]) : [entry as WriteMethod]).find(
        (shape) =>
          (!shape.receiverCalls || isResultOf(callee.object, shape.receiverCalls, this.sourceCode)) &&
          (!shape.receiverNames || (receiverLast !== null && shape.receiverNames.includes(receiverLast))),
      );
      if (!write || method === null) return;
      if (isNonStoreReceiver(receiver) || (!service && this.answersThrough(callee, handler))) return;
      if (!service && callee.object.type === AST_NODE_TYPES.Identifier && this.knowsTheCaller(callee.object, handler)) return;
      const sink = receiver === null ? method : `${receiver}.${method}`;
      // Only the method's name says it writes: on a service of the project whose body is out of
      // view, what it stores is unknown. Asked only once a payload reaches the call.
      let outOfView: boolean | undefined;
      const unresolvedService = (): boolean => (outOfView ??= this.isServiceOutOfView(callee.object, 0));
      const first = args[0] ? unwrap(args[0]) : null;
      if (write.dataKeys && first?.type === AST_NODE_TYPES.ObjectExpression && hasAnyKey(first, write.dataKeys)) {
        for (const property of first.properties) {
          if (property.type === AST_NODE_TYPES.Property && write.dataKeys.includes(propertyName(property.key) ?? '')) {
            check(property.value, sink, node, false, unresolvedService);
          }
        }
        return;
      }
      args.forEach((argument, index) => {
        const selected = write.rest === true ? index >= (write.args[0] ?? 0) : write.args.includes(index);
        if (write.fieldsOption === true && this.boundedByFields(args[index + 1])) return;
        if (selected && argument.type !== AST_NODE_TYPES.SpreadElement) check(argument, sink, node, write.elements === true, unresolvedService);
      });
    });
  }

  /**
   * Sequelize's options after the written values (`{ where, fields: ['name', 'email'] }`): a literal
   * `fields` list of column names, none of them protected (`role`, `ownerId`), bounds what the write
   * sets. A list built at run time, or one naming a protected field, bounds nothing.
   */
  private boundedByFields(options: TSESTree.Node | undefined): boolean {
    const value = options && options.type !== AST_NODE_TYPES.SpreadElement ? unwrap(options) : null;
    if (value?.type !== AST_NODE_TYPES.ObjectExpression) return false;
    const property = value.properties.find(
      (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && propertyName(candidate.key) === 'fields',
    );
    const list = property ? unwrap(property.value) : null;
    if (list?.type !== AST_NODE_TYPES.ArrayExpression || list.elements.length === 0) return false;
    return list.elements.every((element) => {
      const field = element ? unwrap(element) : null;
      return field?.type === AST_NODE_TYPES.Literal && typeof field.value === 'string' && !this.isProtectedField(field.value);
    });
  }

  /**
   * The receiver of a write-named call is one of the project's own services, and its body is not
   * in view (a call that reached here was not resolved to a function of another file):
   * - named as a service (`this.segmentService`, `roleService`, `UsersService`), unless it holds
   *   an instance of a class declared in this file, whose methods can be read;
   * - handed out by a locator (`getService('role')`, `strapi.service(…)`), or by a lookup given a
   *   service class (`container.get(ArticlesService)`), directly or through a `const`;
   * - a field injected with a service type (`constructor(private readonly users: UsersService)`).
   * ORM models, Prisma delegates, repositories, collections and query builders are none of these.
   */
  private isServiceOutOfView(object: TSESTree.Node, depth: number): boolean {
    const target = unwrap(object);
    if (depth > 3) return false;
    if (projectInstanceOutOfView(target, this.sourceCode)) return true;
    if (target.type === AST_NODE_TYPES.AwaitExpression) return this.isServiceOutOfView(target.argument, depth + 1);
    if (target.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(target.callee);
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
      if (name !== null && projectServiceNames.locator.test(name)) return true;
      const first = target.arguments[0];
      return first?.type === AST_NODE_TYPES.Identifier && projectServiceNames.receiver.test(first.name) && !this.declaredHere(first);
    }
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      const declared = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
      const init = declared ? unwrap(declared) : null;
      if (init?.type === AST_NODE_TYPES.NewExpression) {
        const created = unwrap(init.callee);
        if (created.type === AST_NODE_TYPES.Identifier && this.declaredHere(created)) return false;
        if (created.type === AST_NODE_TYPES.Identifier && projectServiceNames.receiver.test(created.name)) return true;
      } else if (init && this.isServiceOutOfView(init, depth + 1)) {
        return true;
      }
      return projectServiceNames.receiver.test(target.name) && !this.declaredHere(target);
    }
    if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = propertyName(target.property);
    if (name === null) return false;
    if (projectServiceNames.receiver.test(name)) return true;
    // `meta.shelves.create(body)` of `const meta = new Meta(cfg)`, `Meta` a class of the project
    // whose file is out of view (build output): a member of an instance of it is the project's
    // own object, whose methods cannot be read. In view, the call was resolved or it was not a
    // field the class builds: its name is read then.
    if (this.instanceOfUnseenClass(target.object)) return true;
    const type = target.object.type === AST_NODE_TYPES.ThisExpression ? injectedTypeName(target) : null;
    return type !== null && projectServiceNames.receiver.test(type.name) && !this.declaredHere(type);
  }

  /**
   * `new Meta(cfg)`, inline or as the one value of a `const`, where `Meta` is imported from a
   * relative module that is not a file of the project in view (build output, which the project
   * model does not index; a file that does not exist).
   */
  private instanceOfUnseenClass(object: TSESTree.Node): boolean {
    let value = unwrap(object);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(this.sourceCode, value), value.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init || variable?.references.some((reference) => reference.isWrite() && reference.init !== true)) return false;
      value = unwrap(definition.node.init);
    }
    if (value.type !== AST_NODE_TYPES.NewExpression) return false;
    let root = unwrap(value.callee);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const source = importSource(scopeOf(this.sourceCode, root), root.name);
    if (source === null || !/^\.{1,2}\//u.test(source.module)) return false;
    const file = this.file ?? this.root.filename;
    const index = projectIndexOf(file);
    return index === null || index.resolve(file, source.module) === null;
  }

  /** A class or function of this file is bound to the name: its body can be read. */
  private declaredHere(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(scopeOf(this.sourceCode, identifier), identifier.name);
    const definition = variable?.defs[0];
    if (!definition) return false;
    if (definition.type === 'ClassName' || definition.type === 'FunctionName') return true;
    if (definition.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
    const init = unwrap(definition.node.init);
    return init.type === AST_NODE_TYPES.ClassExpression || init.type === AST_NODE_TYPES.ObjectExpression || isFunction(init);
  }

  /**
   * The receiver is a service this handler built with the caller's identity
   * (`const service = new ItemsService({ accountability: req.accountability })`): the service,
   * which knows who writes, decides which fields the caller may set. Asked once per write call;
   * it reads only the receiver's own initializer.
   */
  private knowsTheCaller(receiver: TSESTree.Identifier, handler: ExposureHandler): boolean {
    const variable = findVariable(scopeOf(this.sourceCode, receiver), receiver.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
    let init = unwrap(definition.node.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
    if (init.type !== AST_NODE_TYPES.NewExpression && init.type !== AST_NODE_TYPES.CallExpression) return false;
    // A record read (`findOne`, `findByPk`, …) gives a record, whatever it is given: no service.
    const readCallee = init.type === AST_NODE_TYPES.CallExpression ? unwrap(init.callee) : null;
    const readName = readCallee?.type === AST_NODE_TYPES.MemberExpression ? propertyName(readCallee.property) : null;
    if (readName !== null && (storeReadMethods.has(readName) || storeRecordMethods.has(readName))) return false;
    const request = handler.fn.params[requestInputs[handler.style].param];
    if (request?.type !== AST_NODE_TYPES.Identifier) return false;
    const members = new Set([...requestInputs[handler.style].principal, ...callerIdentityMembers]);
    let found = false;
    for (const argument of init.arguments) {
      walk(argument, (node) => {
        if (found || node.type !== AST_NODE_TYPES.MemberExpression) return;
        // The identity itself, not a field of it: a record fetched by the caller's tenant or id
        // (`Invoice.findOne({ where: { id, orgId: req.auth.org_id } })`, `findForOrg(req.auth.org_id, id)`)
        // is a record, whose `update(req.body)` still lets the client set any field.
        const parent = node.parent;
        if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return;
        const name = dottedName(node);
        if (name?.startsWith(`${request.name}.`) === true && members.has(name.slice(request.name.length + 1))) found = true;
      });
    }
    return found;
  }

  /** Whole request payloads inside a written value: the value itself or its spreads. */
  private payloads(value: TSESTree.Node, handler: ExposureHandler, elements = false, depth = 0): Payload[] {
    const target = unwrap(value);
    if (target.type === AST_NODE_TYPES.ObjectExpression) {
      return target.properties.flatMap((property) => {
        // `{ $set: req.body }`: an update operator writes its whole value.
        if (property.type === AST_NODE_TYPES.Property) {
          const key = property.computed && property.key.type !== AST_NODE_TYPES.Literal ? null : propertyName(property.key);
          return key !== null && depth === 0 && mongoUpdateOperators.has(key) ? this.payloads(property.value, handler, false, depth + 1) : [];
        }
        const payload = this.payload(property.argument, handler, 0);
        return payload ? [{ ...payload, node: unwrap(property.argument) }] : [];
      });
    }
    // `insertMany(req.body.users)`: a field of the payload holding a list of whole records.
    if (elements && target.type === AST_NODE_TYPES.MemberExpression && !target.computed && this.payload(target.object, handler, 0)) {
      return [{ label: this.sourceCode.getText(target), origin: target, node: target }];
    }
    const payload = this.payload(target, handler, 0);
    return payload ? [{ ...payload, node: target }] : [];
  }

  /**
   * A resolver-map argument the schema in view declares with a JSON or other custom scalar
   * (`updateProfile(patch: JSON!)`): any object the client sends, taken whole.
   */
  private schemaPayload(handler: ExposureHandler, path: readonly string[]): boolean {
    return path.length === 1 && (handler.style === 'graphql' || handler.style === 'graphql-root') && handler.graphqlArgument?.(path) === 'payload';
  }

  /**
   * A resolver-map argument the schema in view declares with an input object type
   * (`editPlayer(patch: PlayerPatch!)`): the server refuses every field the type does not list, so
   * like a DTO class it is a pick of the fields the client may set (`'closed'`), unless it lists a
   * field the client must not set (`role`), when the argument is a payload that carries it.
   * Undefined when no input type is declared in view: the argument's name decides.
   */
  private schemaInput(handler: ExposureHandler, path: readonly string[], label: string, origin: TSESTree.Node): Omit<Payload, 'node'> | 'closed' | undefined {
    if (path.length === 0 || (handler.style !== 'graphql' && handler.style !== 'graphql-root')) return undefined;
    const input = handler.graphqlInput?.(path);
    if (!input) return undefined;
    const privileged = input.fields.filter((field) => this.isProtectedField(field) && !this.isDeclarableField(field));
    if (privileged.length === 0) return 'closed';
    const named = privileged.slice(0, 3).map((field) => `\`${field}\``).join(', ');
    return { label: `${label} (its input type \`${input.type}\` declares ${named})`, origin, declared: { fields: input.fields, protected: privileged } };
  }

  /** Whether an expression holds the whole request payload, and how it was read. */
  private payload(node: TSESTree.Node, handler: ExposureHandler, depth: number): Omit<Payload, 'node'> | null {
    if (depth > 10) return null;
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.payload(target.argument, handler, depth + 1);
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.CallExpression:
        return this.payloadAccess(target, handler, depth);
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of target.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            const inner = this.payload(property.argument, handler, depth + 1);
            if (inner) return inner;
          }
        }
        return null;
      case AST_NODE_TYPES.ConditionalExpression:
        return this.payload(target.consequent, handler, depth + 1) ?? this.payload(target.alternate, handler, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return this.payload(target.left, handler, depth + 1) ?? this.payload(target.right, handler, depth + 1);
      case AST_NODE_TYPES.Identifier:
        return this.payloadIdentifier(target, handler, depth);
      default:
        return null;
    }
  }

  private payloadAccess(
    target: TSESTree.MemberExpression | TSESTree.CallExpression,
    handler: ExposureHandler,
    depth: number,
  ): Omit<Payload, 'node'> | null {
    if (target.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(target.callee);
      const name = dottedName(callee);
      const first = target.arguments[0];
      if ((name === 'structuredClone' || name === 'Object.fromEntries') && first) return this.payload(first, handler, depth + 1);
      if (name === 'Object.assign' && first) {
        const into = unwrap(first);
        // `Object.assign(req.body, { passwordHash })`: the payload itself, with fields added.
        if (into.type !== AST_NODE_TYPES.ObjectExpression) return this.payload(into, handler, depth + 1);
        for (const source of target.arguments.slice(1)) {
          const inner = this.payload(source, handler, depth + 1);
          if (inner) return inner;
        }
        return null;
      }
      if (name === 'JSON.parse' && first) {
        let inner = unwrap(first);
        // `JSON.parse(event.body || '{}')`: the body, or an empty object when there is none.
        if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator !== '&&' && unwrap(inner.right).type === AST_NODE_TYPES.Literal) inner = unwrap(inner.left);
        if (inner.type === AST_NODE_TYPES.CallExpression && dottedName(inner.callee) === 'JSON.stringify' && inner.arguments[0]) {
          return this.payload(inner.arguments[0], handler, depth + 1);
        }
        // `JSON.parse(event.body)`: a body that arrives as text, parsed whole.
        return this.requestMember(inner, handler, requestTextPayloads) ? { label: this.sourceCode.getText(target), origin: target } : null;
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(callee.property);
        if (method !== null && strippingValidators.has(method)) {
          if (!first || !this.payload(first, handler, depth + 1)) return null;
          return this.keepsUnknownKeys(target, callee.object) ? this.payload(first, handler, depth + 1) : null;
        }
      }
    }
    // `readBody(event)`: an h3 utility given the handler's event (a validating one returns what its schema let through).
    const utility = target.type === AST_NODE_TYPES.CallExpression ? h3InputCall(target, scopeOf(this.sourceCode, target)) : null;
    const event = utility ? unwrap(utility.event) : null;
    if (utility && event?.type === AST_NODE_TYPES.Identifier) {
      const request = this.tracer.requestParamOf(event);
      const style = request?.handler.style;
      return request?.steps.length === 0 && style !== undefined && requestPayloads[style].includes(`${utility.name}()`) ? { label: this.sourceCode.getText(target), origin: target } : null;
    }
    // `req.body`, `ctx.request.body`, `await request.json()`.
    const member = this.requestMember(target, handler, requestPayloads);
    if (!member) return null;
    const label = this.sourceCode.getText(target);
    const declared = this.schemaInput(member.handler, member.path, `\`${label}\``, target);
    if (declared !== undefined) return declared === 'closed' ? null : declared;
    // A Fastify `schema.body` closed with `additionalProperties: false` lets only its properties
    // through: the body is the payload only when one of them is a protected field.
    const listed = member.handler.bodyFields;
    if (listed && !listed.some((field) => this.isProtectedField(field))) return null;
    return { label, origin: target };
  }

  /**
   * The handler whose request `target` reads, when it reads one of the request members `members`
   * lists for the handler's style, with the path read from the request (`['input']` of `args.input`).
   */
  private requestMember(
    target: TSESTree.Node,
    handler: ExposureHandler,
    members: Readonly<Partial<Record<RequestStyle, readonly string[]>>>,
  ): { handler: ExposureHandler; path: readonly string[] } | null {
    const path: string[] = [];
    let current: TSESTree.Node = target;
    for (let step = 0; step < 8; step++) {
      current = unwrap(current);
      if (current.type === AST_NODE_TYPES.CallExpression && path.length === 0) {
        path.unshift('()');
        current = current.callee;
        continue;
      }
      if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed) {
        const name = propertyName(current.property);
        if (name === null) return null;
        path.unshift(name);
        current = current.object;
        continue;
      }
      break;
    }
    // `this.req.allParams()` in a Sails action: its request, read in the `express` style.
    if (current.type === AST_NODE_TYPES.ThisExpression && path[0] === sailsActionContext.request) {
      const action = this.tracer.sailsActionOf(current);
      const joined = path.slice(1).join('.').replace(/\.\(\)$/u, '()');
      return action && members.express?.includes(joined) === true ? { handler: action, path: path.slice(1) } : null;
    }
    if (current.type !== AST_NODE_TYPES.Identifier) return null;
    const request = this.tracer.requestParamOf(current);
    if (!request || !request.steps.every((step) => step.type === 'key')) return null;
    const prefix = request.steps.map((step) => (step.type === 'key' ? step.name : ''));
    const joined = [...prefix, ...path].join('.').replace(/\.\(\)$/u, '()');
    const style = request.handler.nest ? 'express' : request.handler.style;
    const read = [...prefix, ...path];
    if (members === requestPayloads && this.schemaPayload(request.handler, read)) return { handler: request.handler, path: read };
    return members[style]?.includes(joined) === true ? { handler: request.handler, path: read } : null;
  }

  /** `schema.passthrough().parse(x)`, Joi `validate(x, { allowUnknown: true })`. */
  private keepsUnknownKeys(call: TSESTree.CallExpression, schema: TSESTree.Node): boolean {
    const options = call.arguments[1] ? unwrap(call.arguments[1]) : null;
    if (options?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of options.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyName(property.key);
        const value = unwrap(property.value);
        const on = value.type === AST_NODE_TYPES.Literal && value.value === true;
        if ((key === 'allowUnknown' && on) || (key === 'stripUnknown' && value.type === AST_NODE_TYPES.Literal && value.value === false)) return true;
      }
    }
    let definition: TSESTree.Node = unwrap(schema);
    if (definition.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(this.sourceCode, definition), definition.name);
      const declarator = variable?.defs[0]?.node;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return false;
      definition = declarator.init;
    }
    // A schema shared by many handlers is read once, not once per handler that parses with it.
    const known = this.looseSchemas.get(definition);
    if (known !== undefined) return known;
    let loose = false;
    walk(definition, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression && passthroughSchemaMethods.has(propertyName(node.property) ?? '')) loose = true;
      if (node.type === AST_NODE_TYPES.Identifier && (node.name === 'any' || node.name === 'record') && node.parent.type === AST_NODE_TYPES.MemberExpression) {
        loose = true;
      }
    });
    this.looseSchemas.set(definition, loose);
    return loose;
  }

  private readonly looseSchemas = new WeakMap<TSESTree.Node, boolean>();

  private payloadIdentifier(identifier: TSESTree.Identifier, handler: ExposureHandler, depth: number): Omit<Payload, 'node'> | null {
    const variable = findVariable(scopeOf(this.sourceCode, identifier), identifier.name);
    const definition = variable?.defs[0];
    if (!variable || !definition) return null;
    if (definition.type === 'Parameter' && this.payloadParams?.has(definition.name) === true) {
      return { label: `\`${identifier.name}\``, origin: definition.name };
    }
    if (definition.type === 'Parameter') {
      const fn = definition.node;
      if (!isFunction(fn)) return null;
      const param = fn.params.find((item) => item.range[0] <= definition.name.range[0] && definition.name.range[1] <= item.range[1]);
      if (!param) return null;
      if (param === definition.name && 'decorators' in param && (param.decorators ?? []).length > 0) {
        return handler.fn === fn && handler.style === 'graphql-decorated' ? this.graphqlArgs(param) : this.nestBody(param, fn);
      }
      // `({ body }, res) => ...`
      // A Feathers method's `data`: the body, a parameter of its own.
      if (this.tracer.positionalParamOf(identifier) === 'argument-body') return { label: `\`${identifier.name}\``, origin: definition.name };
      const request = this.tracer.requestParamOf(identifier);
      // A server action's argument (`formData`, `input`) is itself the whole payload.
      if (request?.steps.length === 0 && !request.handler.nest && requestPayloads[request.handler.style].includes('')) {
        return { label: `\`${identifier.name}\``, origin: definition.name };
      }
      if (request?.steps.length === 1 && request.steps[0]?.type === 'key') {
        if (this.schemaPayload(request.handler, [request.steps[0].name])) return { label: `\`${identifier.name}\``, origin: definition.name };
        const declared = this.schemaInput(request.handler, [request.steps[0].name], `\`${identifier.name}\``, definition.name);
        if (declared !== undefined) return declared === 'closed' ? null : declared;
        const style = request.handler.nest ? 'express' : request.handler.style;
        if (requestPayloads[style].includes(request.steps[0].name)) {
          // Destructured the same as read (`({ input }) => …`): a closed schema's fields decide.
          const listed = request.handler.bodyFields;
          if (listed && !listed.some((field) => this.isProtectedField(field))) return null;
          return { label: `\`${identifier.name}\``, origin: definition.name };
        }
      }
      return null;
    }
    const declarator = definition.node;
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator) return null;
    const writes = variable.references.filter((reference) => reference.isWrite() && reference.identifier.range[0] < identifier.range[0]);
    const last = writes[writes.length - 1];
    if (!last) return null;
    let value: TSESTree.Node | null = null;
    if (last.init === true) {
      value = declarator.init;
      if (declarator.id !== definition.name) {
        // `const { role, ...data } = req.body` keeps the payload unless it drops protected keys.
        const rest = definition.name.parent;
        const pattern = rest?.parent;
        if (rest?.type !== AST_NODE_TYPES.RestElement || pattern?.type !== AST_NODE_TYPES.ObjectPattern || pattern !== declarator.id) return null;
        const dropped = pattern.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property ? [propertyName(property.key) ?? ''] : []));
        if (dropped.some((key) => this.isProtectedField(key) && !/^_?id$/u.test(key))) return null;
      }
    } else if (last.identifier.parent.type === AST_NODE_TYPES.AssignmentExpression && last.identifier.parent.left === last.identifier) {
      value = last.identifier.parent.right;
    }
    if (!value) return null;
    const inner = this.payload(value, handler, depth + 1);
    return inner ? { label: `\`${identifier.name}\` (line ${declarator.loc.start.line}, from ${inner.label.startsWith('`') ? inner.label : `\`${inner.label}\``})`, origin: inner.origin } : null;
  }

  /** A NestJS `@Body()` parameter that is not a validated DTO. */
  private nestBody(param: TSESTree.Parameter, fn: FunctionNode): Omit<Payload, 'node'> | null {
    if (!('decorators' in param) || param.type !== AST_NODE_TYPES.Identifier) return null;
    // `@Body()` of NestJS, routing-controllers and tsoa, `@requestBody()` of inversify-express-utils, …
    const input = nestInputOf(param, (node) => scopeOf(this.sourceCode, node));
    // `@Body('email')`, `@BodyParam('email')`, tsoa's `@BodyProp() email` are one field.
    if (input?.member !== 'body' || input.key !== null) return null;
    const expression = input.decorator.type === AST_NODE_TYPES.Decorator ? input.decorator.expression : input.decorator;
    const args = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments : [];
    // `@Body('email')` is one field.
    if (args.some((argument) => argument.type === AST_NODE_TYPES.Literal)) return null;
    const label = `\`@${input.name}() ${param.name}\``;
    // A DTO class in view is a pick of the fields it declares, whitelisted or not: one that
    // declares a field the client must not set is written whole with it.
    const dto = this.bodyDto(param);
    if (dto) {
      const privileged = dto.fields.filter((field) => this.isProtectedField(field) && !this.isDeclarableField(field));
      if (privileged.length === 0) return null;
      const named = privileged.slice(0, 3).map((field) => `\`${field}\``).join(', ');
      return { label: `${label} (its class \`${dto.name}\` declares ${named})`, origin: param, declared: { fields: dto.fields, protected: privileged } };
    }
    const whitelisted = (nodes: readonly TSESTree.Node[]): boolean =>
      nodes.some((node) => {
        let found = false;
        walk(node, (inner) => {
          if (inner.type === AST_NODE_TYPES.Property && propertyName(inner.key) === 'whitelist') {
            const value = unwrap(inner.value);
            found ||= value.type === AST_NODE_TYPES.Literal && value.value === true;
          }
        });
        return found;
      });
    if (whitelisted(args)) return null;
    const method = fn.parent;
    const classNode = method.parent?.parent;
    const decorators = [
      ...(method.type === AST_NODE_TYPES.MethodDefinition ? (method.decorators ?? []) : []),
      ...(classNode && (classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression) ? (classNode.decorators ?? []) : []),
    ];
    if (whitelisted(decorators.filter((decorator) => dottedName(decorator.expression) === 'UsePipes'))) return null;
    const annotation = param.typeAnnotation?.typeAnnotation;
    if (annotation?.type === AST_NODE_TYPES.TSTypeReference) {
      const typeName = dottedName(annotation.typeName as TSESTree.Node) ?? '';
      if (dtoTypeNamePattern.test(typeName)) return null;
      const argument = annotation.typeArguments?.params[0];
      if (argument?.type === AST_NODE_TYPES.TSTypeReference && dtoTypeNamePattern.test(dottedName(argument.typeName as TSESTree.Node) ?? '')) return null;
    }
    return { label, origin: param };
  }

  /** The DTO class a `@Body()` parameter is typed with (`dto: UpdateAccountDto`, `Partial<UpdateAccountDto>`), when its declaration is in view. */
  private bodyDto(param: TSESTree.Identifier): DtoFields | null {
    const annotation = param.typeAnnotation?.typeAnnotation;
    if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return null;
    const outer = dottedName(annotation.typeName as TSESTree.Node) ?? '';
    const argument = annotation.typeArguments?.params[0];
    const inner = argument?.type === AST_NODE_TYPES.TSTypeReference ? (dottedName(argument.typeName as TSESTree.Node) ?? '') : '';
    const name = dtoTypeNamePattern.test(outer) ? outer : dtoTypeNamePattern.test(inner) ? inner : null;
    return name === null || !/^[A-Za-z_$][\w$]*$/u.test(name) ? null : dtoFields(param, this.sourceCode, name);
  }

  /**
   * `@Args('input') input` / `@Arg('data') data` of a resolver method, when nothing declares its
   * fields: a JSON scalar (`{ type: () => GraphQLJSON }`), or no GraphQL type and an open TypeScript
   * one (`any`, `object`, `Record<…>`). An input type class (`input: CreateUserInput`) is a declared
   * GraphQL input type: the server rejects fields it does not declare, as a whitelisting
   * `ValidationPipe` strips them from a DTO, so it is not reported (its fields are its author's
   * choice). Scalars (`@Args('id') id: string`) are one value.
   */
  private graphqlArgs(param: TSESTree.Parameter): Omit<Payload, 'node'> | null {
    if (param.type !== AST_NODE_TYPES.Identifier) return null;
    const input = graphqlInputOf(param, (node) => scopeOf(this.sourceCode, node), (node) => this.sourceCode.getText(node));
    if (input?.role !== 'args' || input.scalar) return null;
    const declaredType = graphqlDeclaredType(input.args);
    const label = { label: `\`${input.label.replace(/\s+/gu, ' ')} ${param.name}\``, origin: param };
    if (declaredType !== undefined) return declaredType !== null && graphqlJsonScalar.test(declaredType) ? label : null;
    const annotation = param.typeAnnotation?.typeAnnotation;
    if (!annotation) return label;
    if (annotation.type === AST_NODE_TYPES.TSAnyKeyword || annotation.type === AST_NODE_TYPES.TSUnknownKeyword || annotation.type === AST_NODE_TYPES.TSObjectKeyword || annotation.type === AST_NODE_TYPES.TSTypeLiteral) return label;
    if (annotation.type === AST_NODE_TYPES.TSTypeReference && /^(?:Record|Object)$/u.test(dottedName(annotation.typeName as TSESTree.Node) ?? '')) return label;
    return null;
  }

  private writeFinding(payload: Payload, sink: string, handler: ExposureHandler, site: TSESTree.Node): WriteFinding {
    let fields: string[] = [];
    let protectedFields: string[] | null = null;
    let serverSet: string[] = [];
    // A suggested pick never hands the client a protected or sensitive field (`role`, `passwordHash`).
    const excluded = (name: string): boolean => this.isProtectedField(name) || this.isSensitiveField(name);
    if (this.payloadParams !== null) {
      // A service's write: a pick at the handler can only name the fields the written entity
      // declares (its schema or class, here or in the file its model comes from).
      const model = this.writtenModel(site);
      const shape = model === null ? null : this.recordShape(site, declarationSources(site, this.sourceCode, model), model);
      if (shape) {
        fields = shape.fields.filter((field) => !excluded(field));
        protectedFields = shape.fields.filter((field) => this.isProtectedField(field));
      }
      return { node: payload.node, input: `\`${payload.label.replace(/^`|`$/gu, '')}\``, inputNode: payload.origin, sink: `\`${sink}\``, fields, protectedFields, serverSet, site, remote: null };
    }
    if (this.checker && this.toTsNode) {
      const tsNode = this.toTsNode(payload.node);
      const contextual = tsNode && isTsExpression(tsNode) ? this.checker.getContextualType(tsNode) : undefined;
      if (contextual) {
        const all = writableFields(this.checker, contextual);
        protectedFields = all.filter((field) => this.isProtectedField(field.name)).map((field) => field.name);
        fields = all.filter((field) => !excluded(field.name)).map((field) => field.name);
        serverSet = all.filter((field) => !field.optional && excluded(field.name)).map((field) => field.name);
        if (all.length === 0) protectedFields = null;
      }
    }
    if (fields.length === 0) fields = this.fieldsReadFrom(payload, handler).filter((field) => !excluded(field));
    // A DTO declares what the client may send: the pick keeps its other fields.
    if (payload.declared) ({ fields, protectedFields } = this.declaredPick(payload.declared));
    return {
      node: payload.node,
      input: payload.label.startsWith('`') ? payload.label : `\`${payload.label}\``,
      inputNode: payload.origin,
      sink: `\`${sink}\``,
      fields,
      protectedFields,
      serverSet,
      site,
      remote: null,
      ...(payload.declared ? { declared: true as const } : {}),
    };
  }

  /** A pick of a DTO's declared fields, without those the client must not set (nor sensitive ones). */
  private declaredPick(declared: NonNullable<Payload['declared']>): { fields: string[]; protectedFields: string[] } {
    return {
      fields: declared.fields.filter((field) => !declared.protected.includes(field) && !this.isSensitiveField(field)),
      protectedFields: [...declared.protected],
    };
  }

  /** The entity a write stores: `User` of `User.create`, `new User`, an injected `Repository<User>`. */
  private writtenModel(site: TSESTree.Node): string | null {
    if (site.type === AST_NODE_TYPES.NewExpression) {
      const callee = unwrap(site.callee);
      return callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    }
    if (site.type !== AST_NODE_TYPES.CallExpression) return null;
    const callee = unwrap(site.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression ? this.tracer.modelName(callee.object) : null;
  }

  /** Fields the handler reads from the same payload (`req.body.email`, `const { email } = req.body`). */
  private fieldsReadFrom(payload: Payload, handler: ExposureHandler): string[] {
    const text = this.sourceCode.getText(payload.origin);
    const fields: string[] = [];
    const add = (name: string | null): void => {
      if (name !== null && /^[A-Za-z_$][\w$]*$/u.test(name) && !this.isProtectedField(name) && !fields.includes(name)) fields.push(name);
    };
    walk(handler.fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && this.sourceCode.getText(node.object) === text) {
        add(propertyName(node.property));
      }
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.ObjectPattern && this.sourceCode.getText(unwrap(node.init)) === text) {
        for (const property of node.id.properties) if (property.type === AST_NODE_TYPES.Property) add(propertyName(property.key));
      }
    });
    return fields;
  }
}

/**
 * Whether `this.<field>` (or a method of the class returning it: `this.requireManager()`) holds an
 * instance of a class the project itself defines in a file out of view (`this.manager = new
 * (require('./manager').Manager)(…)` in build output): what its write-named methods keep is unknown.
 */
function projectInstanceOutOfView(object: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  const target = unwrap(object);
  if (depth > 3) return false;
  const owner = thisClass(target);
  if (!owner) return false;
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || unwrap(callee.object).type !== AST_NODE_TYPES.ThisExpression) return false;
    const name = propertyName(callee.property);
    const fn = name === null ? null : classMethodOf(owner, name);
    if (!fn) return false;
    let found = false;
    walk(fn.body, (node) => {
      if (found || (node !== fn.body && isFunction(node))) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && projectInstanceOutOfView(node.argument, sourceCode, depth + 1)) found = true;
      return undefined;
    });
    return found;
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || unwrap(target.object).type !== AST_NODE_TYPES.ThisExpression) return false;
  const field = propertyName(target.property);
  if (field === null) return false;
  let found = false;
  walk(owner.body, (node) => {
    if (found) return 'skip';
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression || node.left.computed) return undefined;
    if (unwrap(node.left.object).type !== AST_NODE_TYPES.ThisExpression || propertyName(node.left.property) !== field) return undefined;
    const value = unwrap(node.right);
    if (value.type === AST_NODE_TYPES.NewExpression && isProjectClass(value.callee, sourceCode)) found = true;
    return undefined;
  });
  return found;
}

/** A class imported from a relative module: `Manager` of `import { Manager } from './manager'`, `manager_1.Manager` of `require('./manager')`. */
function isProjectClass(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let root = unwrap(callee);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const source = importSource(scopeOf(sourceCode, root), root.name);
  return source !== null && /^\.{1,2}\//u.test(source.module);
}

function programOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

function isTsExpression(node: ts.Node): node is ts.Expression {
  return 'kind' in node;
}

function hasAnyKey(object: TSESTree.ObjectExpression, keys: readonly string[]): boolean {
  return object.properties.some((property) => property.type === AST_NODE_TYPES.Property && keys.includes(propertyName(property.key) ?? ''));
}

function isStringify(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.CallExpression && dottedName(target.callee) === 'JSON.stringify';
}

function returnedExpression(fn: FunctionNode): TSESTree.Node | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const statement = fn.body.body[fn.body.body.length - 1];
  return statement?.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : null;
}

/**
 * Whether `node` is the result of a call of one of `methods` (`db.collection('posts')`,
 * `collection(db, 'posts')`), written there or held by a `const`: what makes `add` a write.
 */
function isResultOf(node: TSESTree.Node, methods: readonly string[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let current = unwrap(node);
  for (let step = 0; step < 4 && current.type === AST_NODE_TYPES.Identifier; step++) {
    const variable = findVariable(scopeOf(sourceCode, current), current.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier) return false;
    if (definition.node.parent.kind !== 'const' || !definition.node.init) return false;
    current = unwrap(definition.node.init);
  }
  if (current.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(current.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  return name !== null && methods.includes(name);
}

/** The entry of `recordWriteFunctions` a called identifier is imported as (`setDoc` of `firebase/firestore`), or null. */
function writeFunctionOf(callee: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): (typeof recordWriteFunctions)[number] | null {
  const source = importSource(scopeOf(sourceCode, callee), callee.name);
  if (source === null) return null;
  const name = source.imported ?? callee.name;
  return recordWriteFunctions.find((entry) => entry.name === name && (entry.module as readonly string[]).includes(source.module)) ?? null;
}

/**
 * The type name of `this.x` when the class's constructor injects it with a type annotation
 * (`constructor(private readonly users: UsersService)`) or declares the property with one.
 */
function injectedTypeName(member: TSESTree.MemberExpression): TSESTree.Identifier | null {
  const name = propertyName(member.property);
  let current: TSESTree.Node | undefined = member.parent;
  while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
  if (!current || name === null) return null;
  const typeOf = (annotation: TSESTree.TSTypeAnnotation | undefined): TSESTree.Identifier | null => {
    const type = annotation?.typeAnnotation;
    return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName : null;
  };
  for (const element of current.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && propertyName(element.key) === name) return typeOf(element.typeAnnotation);
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) {
        return typeOf(param.parameter.typeAnnotation);
      }
    }
  }
  return null;
}
