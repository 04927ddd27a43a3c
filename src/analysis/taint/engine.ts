import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isBodyStreamEvent } from '../routes/handlers.js';
import { inputRootOf, nestInputOf, parsedRequestText, readRequestInput, readsBodyStream, readsOwnUrl, stepsOf, type InputRoot, type RequestInputRead } from '../routes/request-inputs.js';
import { ownHostInputs } from '../../models/frameworks/request-inputs.js';
import {
  argumentPropagatingMethods,
  elementCallbackMethods,
  predicateMethods,
  propagatingFunctions,
  sanitizers,
  stringMethods,
  stringResultMethods,
} from '../../models/sanitizers.js';
import {
  fallbackSinkModels,
  globalSinkModels,
  htmlBodyProperties,
  mongoCodeOperators,
  mongoLiteralOperators,
  mongoRegexOperators,
  responseChainMethods,
  responseParameterNames,
  responseParameters,
  responseSinkModels,
  shellPrograms,
  sinkModels,
  sqlQueryConfigProperties,
  urlOptionProperties,
} from '../../models/sinks/index.js';
import {
  allTaintKinds,
  type FallbackSinkModel,
  type ResponseSinkModel,
  type SinkArgumentMode,
  type TaintKind,
} from '../../models/taint-types.js';
import { dottedName, findVariable, type FunctionNode, isConstantBinding, isFunction, memberKeyName, nodesOfType, propertyName, resolveFunction, singleDefinition, staticString, unwrap, walk } from '../../utils/ast.js';
import { quoteCode } from '../../utils/describe-node.js';
import { maskedExcerpt } from '../../utils/mask.js';
import { nameMatcher } from '../../utils/settings.js';
import type { RouteHandler } from '../routes/types.js';
import { matchSteps, originOf, parsePath, patternPath, sameModule } from './access-path.js';
import { alwaysExits, GuardFinder, type KindSet } from './guards.js';
import type { ProjectLinks } from './cross-file.js';
import { escapesHtml } from './html-escape.js';
import { SchemaReader } from './schemas.js';
import type { TaintSettings } from './settings.js';
import type { TypeOracle } from './type-oracle.js';
import type {
  SinkRole,
  SinkSite,
  Taint,
  TaintFinding,
  TaintOrigin,
  TaintQueryOptions,
  TaintSinkInfo,
  TaintSourceInfo,
} from './types.js';

/** Everything the engine reads about one file. */
export interface TaintEngineInput {
  sourceCode: Readonly<TSESLint.SourceCode>;
  handlers: readonly RouteHandler[];
  /** `GET /search` for handlers whose route is in view, to name it in findings through helpers. */
  routeNames?: ReadonlyMap<FunctionNode, string>;
  settings: TaintSettings;
  types: TypeOracle | null;
  /**
   * False when the project's `package.json` declares no MongoDB package (`mongoPackages`): then a
   * filter method on a model from another file is not a MongoDB filter. Undefined when unknown.
   */
  mongoProject?: boolean | undefined;
  /**
   * The file's links to the other files of its project (see `cross-file.ts`): what their
   * functions return, and which of their handlers pass request input to this file's functions.
   * Absent for code that is not a project file on disk: the analysis is then single-file.
   */
  project?: ProjectLinks | null | undefined;
}

const STRING_RESULT_FUNCTIONS = new Set(['JSON.stringify', 'decodeURIComponent', 'decodeURI', 'encodeURI', 'escape', 'unescape', 'util.format', 'format', 'path.join', 'path.resolve', 'path.normalize', 'String.raw', 'String']);
const STRING_METHODS = new Set<string>([...stringMethods, 'split']);
const STRING_RESULT_METHODS = new Set<string>(stringResultMethods);
const PREDICATES = new Set<string>(predicateMethods);
const ARG_PROPAGATORS = new Set<string>(argumentPropagatingMethods);
const PROPAGATING = new Set<string>(propagatingFunctions);
const ELEMENT_CALLBACKS = new Set<string>([...elementCallbackMethods, 'then']);
const MUTATORS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append']);
const NOT_MODELS = new Set(['Array', 'Object', 'Promise', 'JSON', 'Math', 'Reflect', 'Map', 'Set', 'String', 'Number', 'Date', 'Intl', 'Buffer', 'URLSearchParams', 'RegExp', 'Symbol', 'Error']);
const SQL_TEXT = /^\s*(?:\(\s*)?(?:SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|MERGE|UPSERT|CREATE|DROP|ALTER|TRUNCATE|CALL|EXEC|SHOW|DESCRIBE|PRAGMA)\b/i;
const NEST_PIPES = /^Parse(?:Int|Float|Bool|UUID|Enum|Array)Pipe$/;
const MAX_DEPTH = 60;
const MAX_EVALUATIONS = 200_000;
const MAX_TAINTS = 6;
const MAX_SINK_PARAMS = 32;
/**
 * How many earlier writes (or in-place mutations) of a variable a read looks back through when
 * none of them always runs before it: a budget that keeps a function with thousands of
 * conditional writes to one variable linear. Real handlers stay far below it.
 */
const MAX_WRITES_BACK = 128;
/** Kinds whose sinks are only calls; the newer kinds also have `new` and assignment sinks. */
const CALL_KINDS = new Set<TaintKind>(['sql', 'nosql', 'shell']);
/** Kinds where a fixed start of the text (an origin, a path) makes the rest harmless. */
const PREFIX_KINDS = new Set<TaintKind>(['ssrf', 'redirect']);
const PATH_MODULES = ['path', 'node:path'];
const PATH_FUNCTIONS = new Set(['join', 'resolve', 'normalize', 'relative', 'format', 'toNamespacedPath']);
const CHAIN_METHODS = new Set<string>(responseChainMethods);
const URL_OPTIONS = new Set<string>(urlOptionProperties);
const SQL_CONFIG_TEXT = new Set<string>(sqlQueryConfigProperties);
const TAINTED_MARK = '\uE000';
const UNKNOWN_MARK = '\uE001';
/**
 * Text that already fixes where a URL points: `scheme://host/`, a path with a fixed first
 * character (`/a`, not `//` or `/\`), a query or fragment, or a configured base followed by `/`.
 */
const FIXED_URL_PREFIX = /^(?:[a-z][\d+.a-z-]*:\/\/[^\s#/?@\\\uE000]+[#/?]|\/[^/\\\uE000]|[#?]|\uE001+[#/?])/i;

const CLEAN: readonly Taint[] = [];
/** Roles read as another kind than the sink's: `$where` code and `$regex` patterns in a filter. */
const ROLE_KINDS: Partial<Record<SinkRole, TaintKind>> = { code: 'code', regex: 'regex' };
/** Code text that evaluates strings it is handed (the globals of a `vm` context). */
const EVALUATING_CODE = /\b(?:eval|Function|setTimeout|setInterval)\s*\(/;

interface SinkMatch {
  /** The value checked: the argument, or an option/header property inside it. */
  node: TSESTree.Node;
  /** The whole argument that holds `node`. */
  argument: TSESTree.Node;
  role: SinkRole;
  library: string;
  placeholder: TaintSinkInfo['placeholder'];
}

interface RequestPath {
  style: InputRoot;
  path: string[];
  label: string;
  /** Node of the parameter or expression that roots the path (for positions). */
  node: TSESTree.Node;
  /** The handler whose request parameter roots the path, when it is one. */
  handler?: RouteHandler;
}

interface SinkParam {
  /** The tainted part of the sink argument inside the helper, where the finding is reported. */
  node: TSESTree.Node;
  argument: TSESTree.Node;
  fn: FunctionNode;
  index: number;
  path: readonly string[];
  sink: TaintSinkInfo<SinkSite>;
  role: SinkRole;
}

/** Pieces of a string built by a template or `+`, in order: static text or an expression. */
type Piece = string | TSESTree.Node;

/**
 * The intra-procedural taint engine of one file. Values are evaluated on demand (backwards from
 * sink arguments through definitions), memoised per node and kind, with depth and work caps.
 * Same-file helpers get summaries: parameters that reach sinks, and returns that carry parameters.
 */
export class TaintEngine {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly handlers = new Map<FunctionNode, RouteHandler>();
  private readonly memo = new Map<TaintKind, Map<TSESTree.Node, readonly Taint[]>>();
  private readonly returns = new Map<TaintKind, Map<FunctionNode, readonly Taint[]>>();
  private readonly guards: GuardFinder;
  private readonly schemas: SchemaReader;
  private readonly isSource: (name: string) => boolean;
  private readonly userSanitizers: { match: (name: string) => boolean; kinds: readonly TaintKind[] }[];
  private readonly userSinks: { match: (name: string) => boolean; kind: TaintKind; argument: number }[];
  private calls: TSESTree.CallExpression[] | null = null;
  private sites: SinkSite[] | null = null;
  private callSites: Map<FunctionNode, TSESTree.CallExpression[]> | null = null;
  private readonly contentTypes = new Map<TSESTree.Node, Map<string, { end: number; latest: string }[]>>();
  private evaluations = 0;

  constructor(private readonly input: TaintEngineInput) {
    this.sourceCode = input.sourceCode;
    for (const handler of input.handlers) if (handler.fn) this.handlers.set(handler.fn, handler);
    const kindedMatcher = (entries: TaintSettings['sanitizers']) =>
      entries.map((entry) =>
        typeof entry === 'string'
          ? { match: nameMatcher([entry]), kinds: allTaintKinds }
          : { match: nameMatcher([entry.name]), kinds: entry.kinds ?? allTaintKinds },
      );
    this.userSanitizers = kindedMatcher(input.settings.sanitizers);
    const validators = kindedMatcher(input.settings.validators);
    this.guards = new GuardFinder(
      this.sourceCode,
      (name) => {
        const found = validators.find((validator) => validator.match(name));
        return found ? new Set(found.kinds) : null;
      },
      (list) => this.isHeldByServer(list),
    );
    this.schemas = new SchemaReader(this.sourceCode);
    this.isSource = input.settings.sources.length > 0 ? nameMatcher(input.settings.sources) : () => false;
    this.userSinks = input.settings.sinks.map((sink) => ({ match: nameMatcher([sink.name]), kind: sink.kind, argument: sink.argument ?? 0 }));
  }

  /**
   * Every flow of request input into a sink of `kind`. Sinks of `sql`, `nosql` and `shell` are
   * always calls; the other kinds also have `new` sinks and assignments (`ctx.body = html`).
   * `url-path` reports values in the path or query of a URL whose origin is fixed (SSRF sinks).
   */
  findings(kind: TaintKind, options: TaintQueryOptions = {}): TaintFinding<SinkSite>[] {
    const findings: TaintFinding<SinkSite>[] = [];
    const seen = new Set<string>();
    const sinkParams: SinkParam[] = [];
    const sinkParamKeys = new Set<string>();
    const optionSinks = options.sinks && options.sinks.length > 0 ? nameMatcher(options.sinks) : null;

    const record = (
      node: TSESTree.Node,
      argument: TSESTree.Node,
      taint: Taint,
      sink: TaintSinkInfo<SinkSite>,
      reportKind: TaintKind,
    ): void => {
      if (taint.origin.type === 'source') {
        const key = `${node.range[0]}:${node.range[1]}:${sink.call.range[0]}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push({ kind: reportKind, node, argument, source: taint.origin.source, sink });
        return;
      }
      const { fn, index, path } = taint.origin;
      const key = `${fn.range[0]}:${index}:${path.join('.')}:${sink.call.range[0]}:${sink.role}:${node.range[0]}`;
      if (sinkParamKeys.has(key) || sinkParams.length >= MAX_SINK_PARAMS) return;
      sinkParamKeys.add(key);
      sinkParams.push({ node, argument, fn, index, path, sink, role: sink.role });
    };

    const sites: readonly SinkSite[] = CALL_KINDS.has(kind) ? this.allCalls() : this.allSites();
    for (const site of sites) {
      for (const match of this.matchSinks(site, kind, optionSinks)) {
        const sink: TaintSinkInfo<SinkSite> = {
          call: site,
          name: this.siteName(site),
          line: site.loc.start.line,
          library: match.library,
          role: match.role,
          placeholder: match.placeholder,
          via: null,
        };
        for (const [part, taint, role] of this.argumentTaints(match.node, match.role, kind)) {
          record(part, match.argument, taint, role === sink.role ? sink : { ...sink, role }, ROLE_KINDS[role] ?? kind);
        }
      }
    }

    // Helpers whose parameters reach a sink: the request input their callers pass reaches it. The
    // finding stays at the sink inside the helper (where the fix goes), once per sink, and names
    // the outermost call and the route of the handler that makes it.
    for (let index = 0; index < sinkParams.length; index++) {
      const param = sinkParams[index]!;
      const evaluationKind = ROLE_KINDS[param.role] ?? kind;
      for (const call of this.callSitesOf(param.fn)) {
        const argument = call.arguments[param.index];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const via = { call, name: this.calleeName(call), line: call.loc.start.line, route: this.routeAround(call) };
        const sink: TaintSinkInfo<SinkSite> = { ...param.sink, via };
        for (const taint of this.atCallSite(argument, param.path, evaluationKind)) {
          if (taint.container && param.role !== 'filter' && param.role !== 'argv') continue;
          record(param.node, param.argument, taint, sink, evaluationKind);
        }
      }
      // Handlers of other files that call the helper (directly or through their own helpers).
      const allowContainer = param.role === 'filter' || param.role === 'argv';
      for (const flow of this.input.project?.incoming(param.fn, param.index, param.path, evaluationKind, allowContainer) ?? []) {
        const taint: Taint = { origin: { type: 'source', source: flow.source }, container: false, schema: null };
        record(param.node, param.argument, taint, { ...param.sink, via: flow.via }, evaluationKind);
      }
    }
    return findings;
  }

  /** The route of the handler a node sits in (`GET /search`), or null when it is not in view. */
  routeAround(node: TSESTree.Node): string | null {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (isFunction(current) && this.handlers.has(current)) return this.input.routeNames?.get(current) ?? null;
    }
    return null;
  }

  /** The source a parameterized rewrite would need: whether every `${}` of a template is tainted. */
  allExpressionsTainted(template: TSESTree.TemplateLiteral, kind: TaintKind): boolean {
    return template.expressions.every((expression) => this.evaluate(expression, kind).some((taint) => !taint.container));
  }

  // ---------------------------------------------------------------------------------------------
  // Sinks

  /** Every call of the file. */
  allCalls(): TSESTree.CallExpression[] {
    if (this.calls) return this.calls;
    this.calls = nodesOfType(this.sourceCode.ast, AST_NODE_TYPES.CallExpression);
    return this.calls;
  }

  /** Calls, `new` expressions and assignments to a response body property. */
  private allSites(): SinkSite[] {
    if (this.sites) return this.sites;
    this.sites = nodesOfType(
      this.sourceCode.ast,
      AST_NODE_TYPES.CallExpression,
      AST_NODE_TYPES.NewExpression,
      AST_NODE_TYPES.AssignmentExpression,
      AST_NODE_TYPES.ImportExpression,
    ).filter(
      (node) =>
        node.type !== AST_NODE_TYPES.AssignmentExpression || (node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression),
    );
    return this.sites;
  }

  private siteName(site: SinkSite): string {
    if (site.type === AST_NODE_TYPES.CallExpression) return this.calleeName(site);
    if (site.type === AST_NODE_TYPES.ImportExpression) return 'import()';
    if (site.type === AST_NODE_TYPES.NewExpression) return `new ${dottedName(site.callee) ?? maskedExcerpt(this.sourceCode.getText(site.callee), 40, '')}`;
    return maskedExcerpt(this.sourceCode.getText(site.left), 40, '');
  }

  /** The calls of this file to `fn`, a function of this file. */
  callSitesOf(fn: FunctionNode): TSESTree.CallExpression[] {
    if (!this.callSites) {
      this.callSites = new Map();
      for (const call of this.allCalls()) {
        const target = this.calledFunction(call);
        if (!target) continue;
        const list = this.callSites.get(target) ?? [];
        list.push(call);
        this.callSites.set(target, list);
      }
    }
    return this.callSites.get(fn) ?? [];
  }

  /** The same-file function a call invokes: a named function, a `const` function or `this.method`. */
  private calledFunction(call: TSESTree.CallExpression): FunctionNode | null {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const fn = resolveFunction(callee, this.sourceCode.getScope(callee));
      return fn && fn !== call.arguments.find((argument) => argument === fn) ? fn : null;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = propertyName(callee.property);
      let current: TSESTree.Node | undefined = callee.parent;
      while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
      if (!current || name === null) return null;
      for (const element of current.body) {
        if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && memberKeyName(element) === name) {
          return isFunction(element.value) ? element.value : null;
        }
        if (element.type === AST_NODE_TYPES.PropertyDefinition && memberKeyName(element) === name && isFunction(element.value)) {
          return element.value;
        }
      }
    }
    return null;
  }

  /** How a message names the function a call runs: `pool.query`, `users.find`. */
  calleeName(call: TSESTree.CallExpression): string {
    const callee = unwrap(call.callee);
    // `db('users').where(...).orderByRaw` reads better as the method alone.
    if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.CallExpression) {
      const method = propertyName(callee.property);
      if (method !== null) return method;
    }
    const name = dottedName(call.callee);
    if (name !== null) return name;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const property = propertyName(callee.property);
      if (property !== null) return property;
    }
    return maskedExcerpt(this.sourceCode.getText(call.callee), 40, '');
  }

  private matchSinks(site: SinkSite, kind: TaintKind, optionSinks: ((name: string) => boolean) | null): SinkMatch[] {
    if (site.type === AST_NODE_TYPES.AssignmentExpression) return this.matchAssignment(site, kind);
    // `import(name)` loads and runs the module it is given, like `require(name)`.
    if (site.type === AST_NODE_TYPES.ImportExpression) {
      return kind === 'code' ? [{ node: site.source, argument: site.source, role: 'text', library: 'Node.js', placeholder: null }] : [];
    }
    const matches: SinkMatch[] = [];
    const construct = site.type === AST_NODE_TYPES.NewExpression;
    const local = originOf(site.callee, this.sourceCode);
    // A client created in another file of the project (`export const pool = new Pool()`) is the package's.
    const origin = local && this.input.project ? this.input.project.packageOrigin(local) : local;
    let modeled = false;
    if (origin) {
      const steps = construct ? [...origin.steps, 'Instance'] : origin.steps;
      for (const model of sinkModels[kind]) {
        if (!sameModule(model.module, origin.module)) continue;
        modeled = true;
        const parsed = parsePath(model.path);
        const mode: SinkArgumentMode = 'mode' in model ? model.mode : 'text';
        if (mode === 'template') {
          this.matchTemplateTag(site, steps, parsed, model, matches);
          continue;
        }
        if (parsed.argument === null || !matchSteps(parsed.tokens, steps)) continue;
        if (mode === 'argv-shell' && (construct || !this.runsShell(site))) continue;
        if (mode === 'html' && !this.declaresHtml(site.arguments[1] ?? null)) continue;
        this.pushArgument(matches, site, parsed.argument, mode, model.library, 'placeholder' in model ? model.placeholder : null);
      }
    }
    if (!modeled && !construct) {
      for (const model of fallbackSinkModels[kind]) {
        if (this.matchesFallback(site, model, origin !== null)) {
          this.pushArgument(matches, site, model.argument, model.mode ?? 'text', model.library, 'placeholder' in model ? model.placeholder : null);
          break;
        }
      }
    }
    const name = dottedName(site.callee);
    if (name !== null && !origin) {
      for (const model of globalSinkModels[kind]) {
        const constructs = 'construct' in model ? model.construct : false;
        if (model.name !== name || (construct ? constructs === false : constructs === 'only') || !this.isGlobal(site.callee)) continue;
        const mode: SinkArgumentMode = 'mode' in model ? model.mode : 'text';
        if (mode === 'html' && !this.declaresHtml(site.arguments[1] ?? null)) continue;
        const indexes = model.argument === 'any' ? site.arguments.map((_, index) => index) : [model.argument];
        for (const index of indexes) this.pushArgument(matches, site, index, mode, model.library, null);
      }
    }
    if (!construct) {
      for (const model of responseSinkModels[kind]) this.matchResponse(site, model, matches);
    }
    if (name !== null && !construct) {
      const mode: SinkArgumentMode = kind === 'nosql' ? 'filter' : PREFIX_KINDS.has(kind) || kind === 'url-path' ? 'url' : kind === 'xss' ? 'html' : 'text';
      if (optionSinks?.(name)) this.pushArgument(matches, site, 0, mode, 'custom', null);
      const userKind = kind === 'url-path' ? 'ssrf' : kind;
      for (const sink of this.userSinks) {
        if (sink.kind === userKind && sink.match(name)) this.pushArgument(matches, site, sink.argument, mode, 'custom', null);
      }
    }
    return kind === 'sql' ? matches.flatMap((match) => this.queryConfigText(match)) : matches;
  }

  /**
   * A call used as a template tag (`$({ shell: true })\`ls ${dir}\``): its return value matches
   * the path, and the tagged template's interpolations are the text.
   */
  private matchTemplateTag(
    site: TSESTree.CallExpression | TSESTree.NewExpression,
    steps: readonly string[],
    parsed: ReturnType<typeof parsePath>,
    model: { library: string; requiresOption?: string },
    matches: SinkMatch[],
  ): void {
    const tagged = site.parent;
    if (site.type !== AST_NODE_TYPES.CallExpression || tagged.type !== AST_NODE_TYPES.TaggedTemplateExpression || tagged.tag !== site) return;
    if (!matchSteps(parsed.tokens, [...steps, 'ReturnValue'])) return;
    if (model.requiresOption !== undefined && !this.setsOption(site, model.requiresOption)) return;
    matches.push({ node: tagged.quasi, argument: tagged.quasi, role: 'text', library: model.library, placeholder: null });
  }

  /** An options object argument of the call sets `name` to something other than `false`, `null` or `undefined`. */
  private setsOption(call: TSESTree.CallExpression, name: string): boolean {
    for (const argument of call.arguments) {
      for (const property of this.constObject(argument)?.properties ?? []) {
        if (property.type !== AST_NODE_TYPES.Property || memberKeyName(property) !== name) continue;
        const value = unwrap(property.value);
        if (value.type === AST_NODE_TYPES.Literal && (value.value === false || value.value === null)) continue;
        if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') continue;
        return true;
      }
    }
    return false;
  }

  /** `pool.query({ text: sql, values })`, mysql2 `query({ sql })`: the SQL text is a property of a config object. */
  private queryConfigText(match: SinkMatch): SinkMatch[] {
    if (match.role !== 'text') return [match];
    const config = this.constObject(match.node);
    if (!config) return [match];
    const texts: SinkMatch[] = [];
    for (const property of config.properties) {
      if (property.type === AST_NODE_TYPES.Property && SQL_CONFIG_TEXT.has(memberKeyName(property) ?? '')) texts.push({ ...match, node: property.value });
    }
    return texts;
  }

  private pushArgument(
    matches: SinkMatch[],
    site: TSESTree.CallExpression | TSESTree.NewExpression,
    index: number,
    mode: SinkArgumentMode,
    library: string,
    placeholder: TaintSinkInfo['placeholder'],
  ): void {
    const argument = site.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
    if (mode === 'sandbox') {
      this.pushSandbox(matches, site, argument, library);
      return;
    }
    const role: SinkRole =
      mode === 'argv-shell' ? 'argv' : mode === 'filter' ? 'filter' : mode === 'html' ? 'html' : mode === 'options' ? 'options' : mode === 'url' || mode === 'url-options' ? 'url' : 'text';
    if (mode === 'url-options') {
      const options = this.constObject(argument);
      if (options) {
        for (const property of options.properties) {
          if (property.type === AST_NODE_TYPES.Property && URL_OPTIONS.has(memberKeyName(property) ?? '')) {
            matches.push({ node: property.value, argument, role, library, placeholder });
          }
        }
        return;
      }
    }
    matches.push({ node: argument, argument, role, library, placeholder });
  }

  /**
   * `vm.runInNewContext('eval(input)', { input })`: the values of a context object are code when
   * the evaluated text (the first argument) passes its globals to `eval`, `Function` or a timer.
   */
  private pushSandbox(matches: SinkMatch[], site: TSESTree.CallExpression | TSESTree.NewExpression, sandbox: TSESTree.Node, library: string): void {
    const code = site.arguments[0];
    const text = code && code.type !== AST_NODE_TYPES.SpreadElement ? this.stringValue(code) : null;
    if (text === null || !EVALUATING_CODE.test(text)) return;
    const object = this.constObject(sandbox);
    if (!object) {
      matches.push({ node: sandbox, argument: sandbox, role: 'text', library, placeholder: null });
      return;
    }
    for (const property of object.properties) {
      const value = property.type === AST_NODE_TYPES.Property ? property.value : property.argument;
      matches.push({ node: value, argument: sandbox, role: 'text', library, placeholder: null });
    }
  }

  /** A global (not imported, not declared in this file): `fetch`, `eval`, `Response.redirect`. */
  private isGlobal(callee: TSESTree.Node): boolean {
    let root = unwrap(callee);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode.getScope(root), root.name);
    return !variable || variable.defs.length === 0;
  }

  /** `res.redirect(url)`, `c.html(text)`, `res.setHeader('Location', url)` on a handler's response. */
  private matchResponse(call: TSESTree.CallExpression, model: ResponseSinkModel, matches: SinkMatch[]): void {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const method = propertyName(callee.property);
    if (method === null || !model.methods.includes(method)) return;
    const receiver = this.responseReceiver(callee.object);
    if (!receiver || !receiver.styles.some((style) => model.styles.includes(style))) return;
    if (model.unlessOption !== undefined) {
      const option = model.unlessOption;
      const confined = call.arguments.some((argument) => this.constObject(argument)?.properties.some((property) => property.type === AST_NODE_TYPES.Property && memberKeyName(property) === option) === true);
      if (confined) return;
    }
    const mode = model.mode ?? 'text';
    if (model.header !== undefined && !model.headersObject) {
      const header = call.arguments[0];
      if (!header || staticString(header, this.sourceCode.getScope(header))?.toLowerCase() !== model.header) return;
    }
    if (model.html !== undefined && model.html !== 'always') {
      const declared = this.declaredContentType(call, receiver.root);
      if (declared === null ? model.html === 'declared' : !isHtmlType(declared)) return;
    }
    const indexes = model.argument === 'any' ? call.arguments.map((_, index) => index) : [model.argument];
    for (const index of indexes) {
      const argument = call.arguments[index];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      if (model.headersObject) {
        const headers = this.constObject(argument);
        for (const property of headers?.properties ?? []) {
          if (property.type === AST_NODE_TYPES.Property && memberKeyName(property)?.toLowerCase() === model.header) {
            matches.push({ node: property.value, argument, role: 'url', library: model.library, placeholder: null });
          }
        }
        continue;
      }
      // `res.redirect(301, url)`: the status code is not the URL.
      if (model.argument === 'any' && unwrap(argument).type === AST_NODE_TYPES.Literal && typeof (unwrap(argument) as TSESTree.Literal).value === 'number') continue;
      this.pushArgument(matches, call, index, mode, model.library, null);
    }
  }

  /** Koa: `ctx.body = html` (HTML unless the text starts with fixed non-markup or a type is set). */
  private matchAssignment(site: TSESTree.AssignmentExpression, kind: TaintKind): SinkMatch[] {
    if (kind !== 'xss' || site.left.type !== AST_NODE_TYPES.MemberExpression) return [];
    const property = propertyName(site.left.property);
    if (property === null || !(htmlBodyProperties.koa as readonly string[]).includes(property)) return [];
    let object = unwrap(site.left.object);
    if (object.type === AST_NODE_TYPES.MemberExpression && propertyName(object.property) === 'response') object = unwrap(object.object);
    const receiver = this.responseReceiver(object);
    if (!receiver?.styles.includes('koa')) return [];
    const declared = this.declaredContentType(site, receiver.root);
    if (declared !== null && !isHtmlType(declared)) return [];
    if (declared === null) {
      const first = this.pieces(site.right)[0];
      if (typeof first === 'string' && !first.trimStart().startsWith('<') && first.trim() !== '') return [];
    }
    return [{ node: site.right, argument: site.right, role: 'html', library: 'koa', placeholder: null }];
  }

  /**
   * The response object a member call is made on, looking through chained setters
   * (`res.status(302).redirect`): a handler's response parameter, a Nest `@Res()` parameter, or a
   * helper parameter named like one. `root` is its name, for finding earlier `Content-Type` calls.
   */
  private responseReceiver(node: TSESTree.Node): { styles: readonly string[]; root: string } | null {
    let target = unwrap(node);
    for (let steps = 0; steps < 10 && target.type === AST_NODE_TYPES.CallExpression; steps++) {
      const callee = unwrap(target.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !CHAIN_METHODS.has(propertyName(callee.property) ?? '')) return null;
      target = unwrap(callee.object);
    }
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(this.sourceCode.getScope(target), target.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (definition?.type !== 'Parameter' || !isFunction(definition.node)) return null;
    const fn = definition.node;
    const index = fn.params.findIndex((param) => within(definition.name, param));
    const param = fn.params[index];
    if (!param) return null;
    const handler = this.handlers.get(fn);
    if (handler) {
      if (handler.style === 'nest') {
        const decorated = (param.decorators ?? []).some((decorator) => /^(?:Res|Response)$/.test(dottedName(decorator.expression) ?? ''));
        return decorated ? { styles: ['nest'], root: target.name } : null;
      }
      return responseParameters[handler.style] === index && param.type === AST_NODE_TYPES.Identifier ? { styles: [handler.style], root: target.name } : null;
    }
    const styles = Object.hasOwn(responseParameterNames, target.name) ? responseParameterNames[target.name] : undefined;
    return styles && param.type === AST_NODE_TYPES.Identifier ? { styles, root: target.name } : null;
  }

  /**
   * The last `Content-Type` set on the response `root` before `site` in the same function:
   * `res.type('json')`, `res.set('Content-Type', ...)`, `res.writeHead(200, { ... })`,
   * `reply.header(...)`, `ctx.type = ...`. Null when none is set.
   */
  private declaredContentType(site: SinkSite, root: string): string | null {
    let fn: TSESTree.Node | undefined = site.parent;
    while (fn && !isFunction(fn)) fn = fn.parent;
    if (!fn) return null;
    const limit = site.type === AST_NODE_TYPES.AssignmentExpression || site.type === AST_NODE_TYPES.ImportExpression ? site.range[0] : site.callee.range[1];
    // The declarations that end before the sink; the one that takes effect last wins.
    const declarations = this.contentTypeDeclarations(fn, root);
    let low = 0;
    let high = declarations.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (declarations[middle]!.end <= limit) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? null : declarations[low - 1]!.latest;
  }

  /**
   * Every `Content-Type` a function declares on response `root` (`res.type()`, `res.set()`,
   * `ctx.type =`, `writeHead`...), sorted by where each ends, with the value that takes effect last
   * among it and those before it. Collected once per function and response name.
   */
  private contentTypeDeclarations(fn: TSESTree.Node, root: string): { end: number; latest: string }[] {
    let byRoot = this.contentTypes.get(fn);
    if (!byRoot) {
      byRoot = new Map();
      this.contentTypes.set(fn, byRoot);
    }
    const cached = byRoot.get(root);
    if (cached) return cached;
    const found: { end: number; at: number; value: string }[] = [];
    const note = (node: TSESTree.Node, at: number, value: string | null): void => {
      if (value !== null) found.push({ end: node.range[1], at, value });
    };
    walkOwn(fn, (node) => {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(node.left.property);
        const object = dottedName(node.left.object);
        if ((name === 'type' || name === 'contentType') && (object === root || object === `${root}.response`)) note(node, node.range[0], this.stringValue(node.right));
        return;
      }
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
      let base = unwrap(callee.object);
      while (base.type === AST_NODE_TYPES.CallExpression && unwrap(base.callee).type === AST_NODE_TYPES.MemberExpression) {
        base = unwrap((unwrap(base.callee) as TSESTree.MemberExpression).object);
      }
      if (base.type !== AST_NODE_TYPES.Identifier || base.name !== root) return;
      const method = propertyName(callee.property);
      const [first, second] = node.arguments;
      if ((method === 'type' || method === 'contentType') && first) note(node, node.range[1], this.stringValue(first));
      if (method === 'set' || method === 'header' || method === 'setHeader' || method === 'headers' || method === 'writeHead') {
        if (first && second && this.stringValue(first)?.toLowerCase() === 'content-type') note(node, node.range[1], this.stringValue(second));
        for (const argument of node.arguments) note(node, node.range[1], this.headerValue(argument, 'content-type'));
      }
    });
    found.sort((a, b) => a.end - b.end);
    const declarations: { end: number; latest: string }[] = [];
    let best: { at: number; value: string } | null = null;
    for (const entry of found) {
      if (!best || entry.at > best.at) best = entry;
      declarations.push({ end: entry.end, latest: best.value });
    }
    byRoot.set(root, declarations);
    return declarations;
  }

  /** `init` of `new Response(body, init)` declares an HTML `Content-Type`. */
  private declaresHtml(init: TSESTree.Node | null): boolean {
    if (!init) return false;
    const options = this.constObject(init);
    const headers = options?.properties.find((property) => property.type === AST_NODE_TYPES.Property && memberKeyName(property) === 'headers');
    if (headers?.type !== AST_NODE_TYPES.Property) return false;
    let value = unwrap(headers.value);
    if (value.type === AST_NODE_TYPES.NewExpression && dottedName(value.callee) === 'Headers' && value.arguments[0]) value = unwrap(value.arguments[0]);
    const type = this.headerValue(value, 'content-type');
    return type !== null && isHtmlType(type);
  }

  /** The static value of a header in a headers object literal (key compared case-insensitively). */
  private headerValue(node: TSESTree.Node, header: string): string | null {
    const object = this.constObject(node);
    for (const property of object?.properties ?? []) {
      if (property.type === AST_NODE_TYPES.Property && memberKeyName(property)?.toLowerCase() === header) return this.stringValue(property.value);
    }
    return null;
  }

  private stringValue(node: TSESTree.Node): string | null {
    return staticString(node, this.sourceCode.getScope(node));
  }

  private matchesFallback(call: TSESTree.CallExpression, model: FallbackSinkModel, hasOrigin: boolean): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee.property);
    if (method === null || !model.methods.includes(method)) return false;
    const receiver = unwrap(callee.object);
    if (model.kind === 'nosql' && this.input.mongoProject === false) return false;
    if (model.receivers.length > 0) {
      const name = receiver.type === AST_NODE_TYPES.CallExpression ? null : dottedName(receiver);
      if (name === null) return false;
      const last = name.slice(name.lastIndexOf('.') + 1);
      if (NOT_MODELS.has(last)) return false;
      const accepted = model.receivers.some((entry) => {
        if (entry.startsWith('/')) {
          const end = entry.lastIndexOf('/');
          return new RegExp(entry.slice(1, end), entry.slice(end + 1)).test(last);
        }
        return entry === last.toLowerCase();
      });
      if (!accepted) return false;
      // A capitalised receiver imported from a library we do not model is not a database model.
      if (hasOrigin && model.kind === 'nosql' && receiver.type === AST_NODE_TYPES.Identifier) {
        const origin = originOf(receiver, this.sourceCode);
        if (origin && !origin.module.startsWith('.') && !origin.module.startsWith('@/') && !origin.module.startsWith('~')) return false;
      }
    }
    if (model.chainContains && !this.chainContains(receiver, model.chainContains)) return false;
    if (model.requireSqlText) {
      const argument = call.arguments[model.argument];
      const prefix = argument ? this.staticPrefix(argument, 0) : null;
      if (prefix === null || !SQL_TEXT.test(prefix)) return false;
    }
    return true;
  }

  private chainContains(node: TSESTree.Node, methods: readonly string[]): boolean {
    let current = unwrap(node);
    for (let steps = 0; steps < 30; steps++) {
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrap(current.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const name = propertyName(callee.property);
          if (name !== null && methods.includes(name)) return true;
          current = unwrap(callee.object);
          continue;
        }
        return false;
      }
      if (current.type === AST_NODE_TYPES.MemberExpression) {
        current = unwrap(current.object);
        continue;
      }
      if (current.type === AST_NODE_TYPES.Identifier) {
        const init = this.constInit(current);
        if (!init) return false;
        current = init;
        continue;
      }
      return false;
    }
    return false;
  }

  /** The static text at the start of a query argument (template head, literal, `+` left side). */
  private staticPrefix(node: TSESTree.Node, depth: number): string | null {
    if (depth > 4) return null;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.TemplateLiteral) return target.quasis[0]?.value.cooked ?? null;
    if (target.type === AST_NODE_TYPES.Literal) return typeof target.value === 'string' ? target.value : null;
    if (target.type === AST_NODE_TYPES.BinaryExpression && target.operator === '+') return this.staticPrefix(target.left, depth + 1);
    if (target.type === AST_NODE_TYPES.ObjectExpression) {
      const text = target.properties.find((property) => property.type === AST_NODE_TYPES.Property && SQL_CONFIG_TEXT.has(memberKeyName(property) ?? ''));
      return text?.type === AST_NODE_TYPES.Property ? this.staticPrefix(text.value, depth + 1) : null;
    }
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode.getScope(target), target.name);
      const definition = variable?.defs[0];
      if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
        return this.staticPrefix(definition.node.init, depth + 1);
      }
    }
    return null;
  }

  /** `spawn(..., { shell: true })`, or a shell program: `spawn('sh', ['-c', cmd])`. */
  private runsShell(call: TSESTree.CallExpression): boolean {
    const program = call.arguments[0];
    if (program?.type === AST_NODE_TYPES.Literal && typeof program.value === 'string') {
      const base = program.value.slice(program.value.lastIndexOf('/') + 1).toLowerCase();
      if ((shellPrograms as readonly string[]).includes(base)) return true;
    }
    for (const argument of call.arguments) {
      const target = unwrap(argument);
      if (target.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of target.properties) {
        if (property.type !== AST_NODE_TYPES.Property || memberKeyName(property) !== 'shell') continue;
        const value = unwrap(property.value);
        if (value.type === AST_NODE_TYPES.Literal && (value.value === false || value.value === null)) continue;
        if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') continue;
        return true;
      }
    }
    return false;
  }

  /** The tainted parts of a sink argument, with the role each is read in. */
  private argumentTaints(argument: TSESTree.Node, role: SinkRole, kind: TaintKind): [TSESTree.Node, Taint, SinkRole][] {
    const result: [TSESTree.Node, Taint, SinkRole][] = [];
    const target = unwrap(argument);
    if (role === 'url' || role === 'html') {
      const pieces = role === 'url' ? this.urlPieces(target, kind) : this.pieces(target).filter((piece) => typeof piece !== 'string');
      for (const part of pieces) {
        // `res.send(req.body)` sends JSON; only text (a field, a template) is read as HTML.
        if (role === 'html' && part === target && this.isWholeInput(part)) continue;
        for (const taint of this.evaluate(part, kind)) if (!taint.container) result.push([part, taint, role]);
      }
      return result;
    }
    if (role === 'options') {
      // Only the object as a whole (or spread whole) from the request: `{ name: req.query.name }` sets no option.
      const wholes = target.type === AST_NODE_TYPES.ObjectExpression
        ? target.properties.flatMap((property) => (property.type === AST_NODE_TYPES.SpreadElement ? [unwrap(property.argument)] : []))
        : [target];
      for (const whole of wholes) {
        if (!this.isWholeInput(whole) && !(whole.type === AST_NODE_TYPES.Identifier && this.isWholeInput(this.constInit(whole) ?? whole))) continue;
        for (const taint of this.evaluate(whole, kind)) result.push([whole, taint, role]);
      }
      return result;
    }
    if (role === 'text') {
      for (const part of kind === 'path' ? textParts(target).flatMap((inner) => this.pathParts(inner, 0)) : textParts(target)) {
        for (const taint of this.evaluate(part, kind)) if (!taint.container) result.push([part, taint, role]);
      }
      return result;
    }
    if (role === 'argv') {
      if (target.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of target.elements) {
          if (!element) continue;
          for (const taint of this.evaluate(element, kind)) {
            if (!taint.container || element.type === AST_NODE_TYPES.SpreadElement) result.push([element, taint, role]);
          }
        }
        return result;
      }
      for (const taint of this.evaluate(target, kind)) result.push([target, taint, role]);
      return result;
    }
    this.filterTaints(target, kind, result, 0);
    return result;
  }

  /** `path.join(ROOT, req.params.name)` written inline: report the tainted segment, not the call. */
  private pathParts(node: TSESTree.Node, depth: number): TSESTree.Node[] {
    const target = unwrap(node);
    if (depth > 3 || target.type !== AST_NODE_TYPES.CallExpression || !this.isPathFunction(target)) return [target];
    const parts = target.arguments.flatMap((argument) => this.pathParts(argument, depth + 1));
    return parts.some((part) => this.evaluate(part, 'path').length > 0) ? parts : [target];
  }

  /** `path.join`, `path.resolve`, ... called by name or imported from `path`. */
  private isPathFunction(call: TSESTree.CallExpression): boolean {
    const name = dottedName(call.callee);
    if (name !== null && PROPAGATING.has(name) && name.startsWith('path.')) return true;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const origin = originOf(callee, this.sourceCode);
    const last = origin?.steps.at(-1);
    return origin !== null && sameModule(PATH_MODULES, origin.module) && last !== undefined && PATH_FUNCTIONS.has(last.slice(7));
  }

  /** The pieces of a string built with a template literal or `+`, in order. */
  private pieces(node: TSESTree.Node): Piece[] {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.TemplateLiteral) {
      const result: Piece[] = [];
      target.quasis.forEach((quasi, index) => {
        result.push(quasi.value.cooked ?? quasi.value.raw);
        const expression = target.expressions[index];
        if (expression) result.push(...this.pieces(expression));
      });
      return result;
    }
    if (target.type === AST_NODE_TYPES.BinaryExpression && target.operator === '+') return [...this.pieces(target.left), ...this.pieces(target.right)];
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return [target.value];
    return [target];
  }

  /**
   * The expressions of a URL that decide where it points: for `ssrf` and `redirect`, those before
   * a fixed prefix (`https://host/`, `/account/`); for other kinds every expression.
   */
  private urlPieces(node: TSESTree.Node, kind: TaintKind): TSESTree.Node[] {
    const pieces = this.pieces(node);
    const result: TSESTree.Node[] = [];
    if (!PREFIX_KINDS.has(kind)) {
      for (const piece of pieces) if (typeof piece !== 'string') result.push(piece);
      return result;
    }
    let text = '';
    for (const piece of pieces) {
      if (FIXED_URL_PREFIX.test(text)) break;
      if (typeof piece === 'string') {
        text += piece;
      } else if (this.evaluate(piece, kind).some((taint) => !taint.container)) {
        result.push(piece);
        text += TAINTED_MARK;
      } else {
        text += this.stringValue(piece) ?? UNKNOWN_MARK;
      }
    }
    return result;
  }

  /** A read of a whole request object (`req.body`, `await req.json()`), not one of its fields. */
  private isWholeInput(node: TSESTree.Node): boolean {
    const request = this.requestPath(node, 0);
    return request !== null && readRequestInput(request.style, stepsOf(request.path))?.wholeObject === true;
  }

  /** A read of the request's own URL (a safe base for a relative `new URL`). */
  private isOwnUrl(node: TSESTree.Node): boolean {
    const request = this.requestPath(node, 0);
    return request !== null && readsOwnUrl(request.style, request.path);
  }

  /** NoSQL filters: report the property values that carry client objects, and `$where` code. */
  private filterTaints(node: TSESTree.Node, kind: TaintKind, result: [TSESTree.Node, Taint, SinkRole][], depth: number): void {
    const target = unwrap(node);
    if (depth < 6 && target.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of target.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          for (const taint of this.evaluate(property.argument, kind)) result.push([property.argument, taint, 'filter']);
          continue;
        }
        const key = memberKeyName(property);
        if (key !== null && (mongoCodeOperators as readonly string[]).includes(key)) {
          for (const taint of this.evaluate(property.value, 'code')) if (!taint.container) result.push([property.value, taint, 'code']);
          continue;
        }
        // `$eq` compares its value as a literal, even an object.
        if (key !== null && (mongoLiteralOperators as readonly string[]).includes(key)) continue;
        if (key !== null && (mongoRegexOperators as readonly string[]).includes(key)) {
          for (const taint of this.evaluate(property.value, 'regex')) if (!taint.container) result.push([property.value, taint, 'regex']);
          continue;
        }
        if (property.computed && key === null) {
          for (const taint of this.evaluate(property.key, kind)) result.push([property.key, taint, 'filter']);
        }
        this.filterTaints(property.value, kind, result, depth + 1);
      }
      return;
    }
    if (depth < 6 && target.type === AST_NODE_TYPES.ArrayExpression) {
      for (const element of target.elements) if (element) this.filterTaints(element, kind, result, depth + 1);
      return;
    }
    for (const taint of this.evaluate(target, kind)) result.push([target, taint, 'filter']);
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation

  /** The taints an expression's value carries for `kind` (empty when clean). */
  evaluate(node: TSESTree.Node, kind: TaintKind, depth = 0): readonly Taint[] {
    let byNode = this.memo.get(kind);
    if (!byNode) {
      byNode = new Map();
      this.memo.set(kind, byNode);
    }
    const cached = byNode.get(node);
    if (cached) return cached;
    if (depth > MAX_DEPTH || this.evaluations++ > MAX_EVALUATIONS) return CLEAN;
    byNode.set(node, CLEAN); // cycles read as clean
    // No catch: reading a failed sub-expression as clean would hide findings; the rule reports
    // the error instead (see `createRule`).
    const result = this.compute(node, kind, depth + 1);
    byNode.set(node, result);
    return result;
  }

  private compute(node: TSESTree.Node, kind: TaintKind, depth: number): readonly Taint[] {
    const target = unwrap(node);
    if (target !== node) return this.evaluate(target, kind, depth);
    switch (target.type) {
      case AST_NODE_TYPES.Identifier:
        return this.guarded(target, kind, () => this.identifier(target, kind, depth));
      case AST_NODE_TYPES.MemberExpression:
        return this.guarded(target, kind, () => this.member(target, kind, depth));
      case AST_NODE_TYPES.CallExpression:
        return this.typed(target, () => this.call(target, kind, depth));
      case AST_NODE_TYPES.NewExpression:
        return this.newExpression(target, kind, depth);
      case AST_NODE_TYPES.AwaitExpression: {
        const source = this.requestSource(target, kind);
        if (source !== undefined) return source;
        return this.evaluate(target.argument, kind, depth);
      }
      case AST_NODE_TYPES.TemplateLiteral:
        if (kind === 'nosql') return CLEAN;
        if (PREFIX_KINDS.has(kind)) return flat(this.urlPieces(target, kind).map((piece) => this.evaluate(piece, kind, depth)));
        return flat(target.expressions.map((expression) => this.evaluate(expression, kind, depth)));
      case AST_NODE_TYPES.TaggedTemplateExpression:
        if (kind !== 'nosql' && dottedName(target.tag) === 'String.raw') return flat(target.quasi.expressions.map((expression) => this.evaluate(expression, kind, depth)));
        return CLEAN;
      case AST_NODE_TYPES.BinaryExpression:
        if (target.operator !== '+' || kind === 'nosql') return CLEAN;
        if (PREFIX_KINDS.has(kind)) return flat(this.urlPieces(target, kind).map((piece) => this.evaluate(piece, kind, depth)));
        return flat([this.evaluate(target.left, kind, depth), this.evaluate(target.right, kind, depth)]);
      case AST_NODE_TYPES.LogicalExpression:
        if (target.operator === '&&') return this.evaluate(target.right, kind, depth);
        return merge([this.evaluate(target.left, kind, depth), this.evaluate(target.right, kind, depth)]);
      case AST_NODE_TYPES.ConditionalExpression:
        return merge([this.evaluate(target.consequent, kind, depth), this.evaluate(target.alternate, kind, depth)]);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.evaluate(target.right, kind, depth);
      case AST_NODE_TYPES.SequenceExpression:
        return target.expressions.length > 0 ? this.evaluate(target.expressions.at(-1)!, kind, depth) : CLEAN;
      case AST_NODE_TYPES.SpreadElement:
        return this.evaluate(target.argument, kind, depth);
      case AST_NODE_TYPES.ObjectExpression: {
        const parts: (readonly Taint[])[] = [];
        for (const property of target.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) parts.push(this.evaluate(property.argument, kind, depth));
          else {
            parts.push(this.evaluate(property.value, kind, depth));
            if (property.computed) parts.push(this.evaluate(property.key, kind, depth));
          }
        }
        return contain(merge(parts));
      }
      case AST_NODE_TYPES.ArrayExpression:
        return contain(merge(target.elements.map((element) => (element ? this.evaluate(element, kind, depth) : CLEAN))));
      default:
        return CLEAN;
    }
  }

  private guarded(node: TSESTree.Identifier | TSESTree.MemberExpression, kind: TaintKind, compute: () => readonly Taint[]): readonly Taint[] {
    const result = this.typed(node, compute);
    if (result.length === 0) return result;
    return this.guards.guardedKinds(node).has(kind) ? CLEAN : result;
  }

  private typed(node: TSESTree.Node, compute: () => readonly Taint[]): readonly Taint[] {
    const result = compute();
    if (result.length === 0 || !this.input.types) return result;
    return this.input.types.isSafe(node) ? CLEAN : result;
  }

  private identifier(node: TSESTree.Identifier, kind: TaintKind, depth: number): readonly Taint[] {
    if (node.name === 'undefined') return CLEAN;
    const source = this.requestSource(node, kind);
    if (source !== undefined) return source;
    const variable = findVariable(this.sourceCode.getScope(node), node.name);
    if (!variable) return CLEAN;
    const definition = variable.defs[0];
    if (!definition || definition.type === 'ImportBinding' || definition.type === 'FunctionName' || definition.type === 'ClassName') return CLEAN;
    const parts: (readonly Taint[])[] = [];
    let dominated = false;
    const uses = this.usesOf(variable);
    const before = countBefore(uses.writes, node);
    for (let index = before - 1; index >= Math.max(0, before - MAX_WRITES_BACK); index--) {
      const write = uses.writes[index]!;
      const assignment = write.identifier.parent;
      // `x = x + y` reading x on the right: the write has not happened yet.
      const container = assignment.type === AST_NODE_TYPES.AssignmentExpression || assignment.type === AST_NODE_TYPES.VariableDeclarator ? assignment : null;
      if (container && container.range[0] <= node.range[0] && node.range[1] <= container.range[1] && write.writeExpr && within(node, write.writeExpr)) continue;
      parts.push(this.write(write, kind, depth));
      if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator !== '=' && assignment.left === write.identifier) {
        continue; // `+=` keeps the earlier value
      }
      if (this.dominates(write.identifier, node)) {
        dominated = true;
        break;
      }
    }
    if (!dominated && definition.type === 'Parameter') parts.push(this.parameter(definition.name, definition.node, kind, depth));
    // Mutations before the read: `parts.push(x)`, `filter.email = x`.
    const mutated = countBefore(uses.mutations, node);
    for (const reference of uses.mutations.slice(Math.max(0, mutated - MAX_WRITES_BACK), mutated)) {
      const member = reference.identifier.parent as TSESTree.MemberExpression;
      const user = member.parent;
      if (user.type === AST_NODE_TYPES.CallExpression) {
        parts.push(contain(merge(user.arguments.map((argument) => this.evaluate(argument, kind, depth)))));
      } else if (user.type === AST_NODE_TYPES.AssignmentExpression) {
        parts.push(contain(this.evaluate(user.right, kind, depth)));
      }
    }
    return merge(parts);
  }

  private readonly variableUses = new WeakMap<TSESLint.Scope.Variable, VariableUses>();

  /**
   * A variable's writes and in-place mutations in source order, computed once, so that each read
   * looks only at the ones before it (a long function with many reads stays linear in practice).
   */
  private usesOf(variable: TSESLint.Scope.Variable): VariableUses {
    let uses = this.variableUses.get(variable);
    if (uses) return uses;
    const byPosition = (a: TSESLint.Scope.Reference, b: TSESLint.Scope.Reference): number => a.identifier.range[0] - b.identifier.range[0];
    const writes = variable.references.filter((reference) => reference.isWrite() && reference.writeExpr).sort(byPosition);
    const mutations = variable.references
      .filter((reference) => {
        if (reference.isWrite()) return false;
        const member = reference.identifier.parent;
        if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
        const user = member.parent;
        return (
          (user.type === AST_NODE_TYPES.CallExpression && user.callee === member && MUTATORS.has(propertyName(member.property) ?? '')) ||
          (user.type === AST_NODE_TYPES.AssignmentExpression && user.left === member)
        );
      })
      .sort(byPosition);
    uses = { writes, mutations };
    this.variableUses.set(variable, uses);
    return uses;
  }

  /**
   * Whether every path to a read that could carry an earlier value passes the write: the write sits
   * in a block enclosing the read (same function), or it is skipped only where the earlier value
   * carries nothing. `if (x) x = check(x)` skips the write only when `x` is falsy (an empty string,
   * `null`, `0`: no input in it); a `try { x = check(x) } catch { throw … }` before the read reaches
   * it only when the write ran.
   */
  private dominates(write: TSESTree.Identifier | TSESTree.JSXIdentifier, read: TSESTree.Node): boolean {
    let statement: TSESTree.Node = write;
    for (let steps = 0; steps < 64; steps++) {
      const parent: TSESTree.Node | undefined = statement.parent;
      if (!parent || isFunction(parent)) return false;
      if (isStatementList(parent)) {
        if (parent.type === AST_NODE_TYPES.SwitchCase) return false;
        if (within(read, parent)) return true;
        statement = parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === statement) {
        // Past the `try` only when the block completed; the `catch` and `finally` may run before the write.
        if (!parent.handler || !alwaysExits(parent.handler.body) || within(read, parent)) return false;
      } else if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === statement && !parent.alternate) {
        if (within(read, parent) || !this.testsTruthiness(parent.test, write)) return false;
      } else if (isConditional(parent, statement)) {
        return false;
      }
      statement = parent;
    }
    return false;
  }

  /** `x`, `x != null` or `x !== undefined` of the variable `write` writes: false only for a value without input. */
  private testsTruthiness(test: TSESTree.Node, write: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
    let target = unwrap(test);
    if (target.type === AST_NODE_TYPES.BinaryExpression && (target.operator === '!=' || target.operator === '!==')) {
      const right = unwrap(target.right);
      const nullish = (right.type === AST_NODE_TYPES.Literal && right.value === null) || (right.type === AST_NODE_TYPES.Identifier && right.name === 'undefined');
      if (!nullish) return false;
      target = unwrap(target.left);
    }
    if (target.type !== AST_NODE_TYPES.Identifier || target.name !== write.name) return false;
    const variable = findVariable(this.sourceCode.getScope(target), target.name);
    return variable !== null && variable === findVariable(this.sourceCode.getScope(write), write.name);
  }

  private write(write: { identifier: TSESTree.Identifier | TSESTree.JSXIdentifier; writeExpr?: TSESTree.Node | null }, kind: TaintKind, depth: number): readonly Taint[] {
    const expression = write.writeExpr;
    if (!expression) return CLEAN;
    let root: TSESTree.Node = write.identifier;
    const defaults: TSESTree.Node[] = [];
    while (root.parent && isPatternPart(root.parent, root)) {
      if (root.parent.type === AST_NODE_TYPES.AssignmentPattern && root.parent.left === root) defaults.push(root.parent.right);
      root = root.parent;
    }
    const path = patternPath(write.identifier, root) ?? [];
    let taints = this.evaluate(expression, kind, depth);
    let loop: TSESTree.Node | undefined = root.parent;
    // `for (const chunk of req)`: the declarator sits in a declaration that is the loop's left side.
    if (loop?.type === AST_NODE_TYPES.VariableDeclarator && loop.id === root && !loop.init && loop.parent.type === AST_NODE_TYPES.VariableDeclaration) {
      root = loop.parent;
      loop = root.parent;
    }
    if (loop && (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left === root) {
      taints = taints.map((taint) => ({ ...taint, container: false }));
      // `for await (const chunk of req)`: the chunks of the request stream are the raw body.
      if (loop.type === AST_NODE_TYPES.ForOfStatement && kind !== 'nosql') taints = merge([taints, this.bodyStream(loop.right)]);
    }
    for (const name of path) taints = this.memberStep(taints, name, kind);
    return merge([taints, ...defaults.map((value) => this.evaluate(value, kind, depth))]);
  }

  private parameter(name: TSESTree.Node, fn: TSESTree.Node, kind: TaintKind, depth: number): readonly Taint[] {
    if (!isFunction(fn) || this.handlers.has(fn)) return CLEAN;
    const index = fn.params.findIndex((param) => within(name, param));
    if (index < 0) return CLEAN;
    const param = fn.params[index]!;
    const path = patternPath(name, param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param) ?? [];
    // Callbacks of array methods receive the elements: `ids.map((id) => ...)`.
    const call = fn.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      const callee = unwrap(call.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
      // `req.on('data', (chunk) => …)`: the listener receives the raw body.
      if (callee.type === AST_NODE_TYPES.MemberExpression && (method === 'on' || method === 'once' || method === 'addListener') && call.arguments[1] === fn && index === 0) {
        const event = call.arguments[0] ? this.stringValue(call.arguments[0]) : null;
        return event !== null && isBodyStreamEvent(event) && kind !== 'nosql' ? this.bodyStream(callee.object) : CLEAN;
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression && method !== null && ELEMENT_CALLBACKS.has(method)) {
        const elementIndex = method === 'reduce' || method === 'reduceRight' ? 1 : 0;
        if (index !== elementIndex) return CLEAN;
        let taints: readonly Taint[] = this.evaluate(callee.object, kind, depth).map((taint) => ({ ...taint, container: false }));
        for (const step of path) taints = this.memberStep(taints, step, kind);
        return taints;
      }
      return CLEAN;
    }
    const defaults: TSESTree.Node[] = [];
    for (let current: TSESTree.Node = name; current !== param && current.parent; current = current.parent) {
      if (current.parent.type === AST_NODE_TYPES.AssignmentPattern && current.parent.left === current) defaults.push(current.parent.right);
    }
    const placeholder: Taint = { origin: { type: 'param', fn, index, path, direct: true }, container: false, schema: null };
    return merge([[placeholder], ...defaults.map((value) => this.evaluate(value, kind, depth))]);
  }

  private member(node: TSESTree.MemberExpression, kind: TaintKind, depth: number): readonly Taint[] {
    const source = this.requestSource(node, kind);
    if (source !== undefined) return source;
    const name = node.computed ? (propertyName(node.property) ?? '*') : (propertyName(node.property) ?? '*');
    if (name === 'length') return CLEAN;
    const staticKey = !node.computed || node.property.type === AST_NODE_TYPES.Literal || node.property.type === AST_NODE_TYPES.TemplateLiteral;
    // `SORT[req.query.sort]`: whatever the key, a constant table of literals yields one of them.
    if (!staticKey && this.isLiteralTable(node.object)) return CLEAN;
    // A field of a constant object literal: only that field's value.
    const object = this.constObject(node.object);
    if (object && name !== '*' && staticKey) {
      let sawSpread = false;
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) sawSpread = true;
        else if (memberKeyName(property) === name) return this.evaluate(property.value, kind, depth);
      }
      if (!sawSpread) return CLEAN;
    }
    const taints = this.evaluate(node.object, kind, depth);
    if (node.computed && name === '*') {
      // `obj[req.query.key]`: a client-chosen key reads any field.
      return merge([this.memberStep(taints, name, kind), this.evaluate(node.property, kind, depth).filter(() => kind !== 'nosql')]);
    }
    return this.memberStep(taints, name, kind);
  }

  private memberStep(taints: readonly Taint[], name: string, kind: TaintKind): readonly Taint[] {
    const result: Taint[] = [];
    for (const taint of taints) {
      let origin: TaintOrigin = taint.origin;
      if (origin.type === 'param' && origin.direct) origin = { ...origin, path: [...origin.path, name] };
      let schema: TSESTree.Node | null = null;
      if (taint.schema) {
        const field = this.schemas.field(taint.schema, name) ?? (name === 'data' || name === 'value' ? taint.schema : null);
        if (field) {
          if (this.schemas.clears(field).has(kind)) continue;
          schema = field;
        }
      }
      result.push({ origin, container: false, schema });
    }
    return result;
  }

  private call(node: TSESTree.CallExpression, kind: TaintKind, depth: number): readonly Taint[] {
    const callee = unwrap(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
    // Checked before the source: `req.body.email.toString()` is a string, `x.replace(/[^\w]/g, '')` is stripped.
    if (method !== null && kind === 'nosql' && STRING_RESULT_METHODS.has(method)) return CLEAN;
    if ((method === 'replace' || method === 'replaceAll') && strippedKinds(node)?.has(kind) === true) return CLEAN;
    if ((method === 'replace' || method === 'replaceAll') && kind === 'regex' && escapesRegex(node)) return CLEAN;
    if ((method === 'replace' || method === 'replaceAll') && kind === 'xss' && escapesHtml(node, this.sourceCode)) return CLEAN;
    const source = this.requestSource(node, kind);
    if (source !== undefined) return source;
    const name = dottedName(callee);
    const args = (): readonly Taint[] => flat(node.arguments.map((argument) => this.evaluate(argument, kind, depth)));

    const sanitizer = this.sanitizerKinds(node, name);
    if (sanitizer) return sanitizer.has(kind) ? CLEAN : args();

    const parsed = this.schemas.parsedSchema(node);
    if (parsed) {
      if (this.schemas.clears(parsed.schema).has(kind)) return CLEAN;
      return this.evaluate(parsed.input, kind, depth).map((taint) => ({ ...taint, schema: parsed.schema }));
    }

    const local = this.calledFunction(node);
    if (local) return this.returnedTaints(local, node, kind, depth);
    const remote = this.input.project?.returned(node, kind);
    if (remote) return this.returnedTaints(remote.fn, node, kind, depth, remote.summary);
    // `url.parse(req.url, true).query`, `querystring.parse(body)`: the parts of parsed request text.
    const parsedArgument = parsedRequestText(node, this.sourceCode);
    if (parsedArgument) return this.evaluate(parsedArgument, kind, depth).map((taint) => ({ ...taint, container: true }));
    if (kind !== 'nosql' && this.isPathFunction(node)) return args();

    if (name !== null && PROPAGATING.has(name)) {
      if (kind === 'nosql' && STRING_RESULT_FUNCTIONS.has(name)) return CLEAN;
      return name.startsWith('Object.') || name === 'Array.from' ? merge(node.arguments.map((argument) => this.evaluate(argument, kind, depth))) : args();
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return CLEAN;
    if (method === null || PREDICATES.has(method)) return CLEAN;
    const receiver = this.evaluate(callee.object, kind, depth);
    if (receiver.length > 0) {
      if ((method === 'map' || method === 'flatMap') && this.mapsToClean(node.arguments[0], kind, depth)) return CLEAN;
      // `new URL(req.url).searchParams.get('sort')`: the parameter read names the input better than the URL.
      if ((method === 'get' || method === 'getAll') && isSearchParams(callee.object)) {
        const text = quoteCode(`searchParams.${method}(${node.arguments.map((argument) => this.sourceCode.getText(argument)).join(', ')})`);
        return receiver.map((taint) => (taint.origin.type === 'source' ? { ...taint, ...sourceTaint(node, text), schema: null } : taint));
      }
      if (kind === 'nosql' && (STRING_RESULT_METHODS.has(method) || method === 'split')) return CLEAN;
      const joined = method === 'join' || method === 'concat' ? args() : CLEAN;
      return merge([receiver.map((taint) => ({ ...taint, container: taint.container && method !== 'join', schema: null })), joined]);
    }
    if (ARG_PROPAGATORS.has(method)) {
      if (kind === 'nosql' && STRING_METHODS.has(method)) return CLEAN;
      return args();
    }
    return CLEAN;
  }

  private newExpression(node: TSESTree.NewExpression, kind: TaintKind, depth: number): readonly Taint[] {
    const name = dottedName(node.callee);
    if (this.sanitizerKinds(node, name)?.has(kind)) return CLEAN;
    if (name === 'URLSearchParams' && (kind === 'url-path' || kind === 'redirect' || kind === 'xss')) return CLEAN; // encoded when stringified
    if (name === 'URL' && node.arguments.length > 1 && kind !== 'nosql') {
      // `new URL('/login', req.url)`: the base is this server's own URL, not a client-chosen origin.
      const [input, base] = node.arguments;
      const parts = [input ? this.evaluate(input, kind, depth) : CLEAN];
      if (base && kind !== 'url-path' && !this.isOwnUrl(base)) parts.push(this.evaluate(base, kind, depth));
      return flat(parts);
    }
    if (name === 'URL' || name === 'URLSearchParams' || name === 'String' || name === 'Array' || name === 'Set' || name === 'Map') {
      if (kind === 'nosql' && name === 'String') return CLEAN;
      return flat(node.arguments.map((argument) => this.evaluate(argument, kind, depth)));
    }
    return CLEAN;
  }

  /**
   * `.map(Number)`, `.map((x) => parseInt(x, 10))`: the callback of a `map` is a sanitizer for
   * `kind`, or returns only values that are clean for it.
   */
  private mapsToClean(callback: TSESTree.CallExpressionArgument | undefined, kind: TaintKind, depth: number): boolean {
    if (!callback || callback.type === AST_NODE_TYPES.SpreadElement) return false;
    const target = unwrap(callback);
    if (target.type === AST_NODE_TYPES.ArrowFunctionExpression || target.type === AST_NODE_TYPES.FunctionExpression) {
      if (target.async || target.generator) return false;
      const values: TSESTree.Node[] = [];
      if (target.body.type !== AST_NODE_TYPES.BlockStatement) values.push(target.body);
      else {
        walkOwn(target.body, (inner) => {
          if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
        });
      }
      return values.every((value) => this.evaluate(value, kind, depth).length === 0);
    }
    if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return false;
    return this.sanitizerOf(target, false, dottedName(target))?.has(kind) === true;
  }

  private sanitizerKinds(node: TSESTree.CallExpression | TSESTree.NewExpression, name: string | null): KindSet | null {
    const found = this.sanitizerOf(node.callee, node.type === AST_NODE_TYPES.NewExpression, name);
    if (found) return found;
    const origin = originOf(node.callee, this.sourceCode);
    if (!origin) return null;
    if (origin.module === 'pg-format' && origin.steps.length === 0 && node.type === AST_NODE_TYPES.CallExpression) {
      // `format('... %L', x)` quotes; `%s` inserts raw text.
      const fmt = node.arguments[0];
      if (fmt?.type === AST_NODE_TYPES.Literal && typeof fmt.value === 'string' && !fmt.value.includes('%s')) return new Set(['sql']);
    }
    return null;
  }

  /** The kinds a function (called, or passed as a callback when `construct` is false) clears, by name or import. */
  private sanitizerOf(callee: TSESTree.Node, construct: boolean, name: string | null): KindSet | null {
    if (name !== null) {
      for (const user of this.userSanitizers) if (user.match(name)) return new Set(user.kinds);
      for (const model of sanitizers) {
        if (model.module !== null) continue;
        const matches = model.path.endsWith('.*') ? name.startsWith(model.path.slice(0, -1)) : name === model.path;
        if (matches && !construct) return new Set(model.kinds === 'all' ? allTaintKinds : model.kinds);
      }
    }
    const origin = originOf(callee, this.sourceCode);
    if (!origin) return null;
    const steps = construct ? [...origin.steps, 'Instance'] : origin.steps;
    for (const model of sanitizers) {
      if (model.module === null || !sameModule(model.module, origin.module)) continue;
      if (matchSteps(parsePath(model.path).tokens, steps)) return new Set(model.kinds === 'all' ? allTaintKinds : model.kinds);
    }
    return null;
  }

  /**
   * Taints a function returns for this call: its own sources plus mapped parameters. `summary` is
   * what it returns (for a function of another file, its engine's `returnSummary`).
   */
  private returnedTaints(
    fn: FunctionNode,
    call: TSESTree.CallExpression,
    kind: TaintKind,
    depth: number,
    summary: readonly Taint[] = this.returnSummary(fn, kind, depth),
  ): readonly Taint[] {
    const result: (readonly Taint[])[] = [];
    for (const taint of summary) {
      if (taint.origin.type === 'param' && taint.origin.fn === fn) {
        const argument = call.arguments[taint.origin.index];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        result.push(this.atCallSite(argument, taint.origin.path, kind, depth).map((mapped) => ({ ...mapped, container: mapped.container && taint.container })));
      } else {
        result.push([taint]);
      }
    }
    return merge(result);
  }

  /**
   * What `fn`, a function of this file, returns for `kind`: the sources it reads and its
   * parameters as placeholders (mapped to arguments at each call). Computed once per function.
   */
  returnSummary(fn: FunctionNode, kind: TaintKind, depth = 0): readonly Taint[] {
    let byFn = this.returns.get(kind);
    if (!byFn) {
      byFn = new Map();
      this.returns.set(kind, byFn);
    }
    let summary = byFn.get(fn);
    if (!summary) {
      byFn.set(fn, CLEAN);
      const values: TSESTree.Node[] = [];
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
      else {
        walkOwn(fn.body, (inner) => {
          if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
        });
      }
      summary = merge(values.map((value) => this.evaluate(value, kind, depth)));
      byFn.set(fn, summary);
    }
    return summary;
  }

  /** The taint of `argument` read through `path` (the members a helper reads from its parameter). */
  atCallSite(argument: TSESTree.Node, path: readonly string[], kind: TaintKind, depth = 0): readonly Taint[] {
    // `build({ action: req.query.action, referrer })` where the helper reads only `referrer`: an
    // object written at the call is read field by field, so its other fields do not taint the read.
    const literal = path.length > 0 ? unwrap(argument) : null;
    const [field, ...rest] = path;
    if (literal?.type === AST_NODE_TYPES.ObjectExpression && field !== undefined && field !== '*' && literal.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed)) {
      const property = literal.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate) === field);
      return property?.type === AST_NODE_TYPES.Property ? this.atCallSite(property.value, rest, kind, depth) : CLEAN;
    }
    // `deleteFile(req.file)` where the helper reads `file.path`: judge the whole member path, so a
    // member the server chose (`req.file.path`) is not input although `req.file` is.
    const whole = path.length > 0 ? this.requestPath(argument, 0) : null;
    if (whole && whole.style !== 'context') {
      const combined = { ...whole, path: [...whole.path, ...path], label: `${whole.label}.${path.join('.')}` };
      if (readRequestInput(whole.style, stepsOf(combined.path))?.serverChosen === true) {
        return this.sourceFromPath(combined, argument, kind) ?? CLEAN;
      }
    }
    let taints: readonly Taint[] = this.evaluate(argument, kind, depth);
    for (const name of path) taints = this.memberStep(taints, name, kind);
    if (taints.length > 0 || path.length === 0) return taints;
    const request = this.requestPath(argument, 0);
    if (!request) return CLEAN;
    const combined = { ...request, path: [...request.path, ...path], label: `${request.label}.${path.join('.')}` };
    return this.sourceFromPath(combined, argument, kind) ?? CLEAN;
  }

  // ---------------------------------------------------------------------------------------------
  // Sources

  /**
   * The taint of a read of request input, `CLEAN` for a read of another part of the request
   * (`req.user`, `req.params` for NoSQL), or undefined when the node is not part of a request.
   */
  private requestSource(node: TSESTree.Node, kind: TaintKind): readonly Taint[] | undefined {
    if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.MemberExpression) && this.input.settings.sources.length > 0) {
      const name = dottedName(node);
      if (name !== null && this.isSource(name)) return [sourceTaint(node, quoteCode(this.sourceCode.getText(node)))];
    }
    const request = this.requestPath(node, 0);
    if (!request) return undefined;
    return this.sourceFromPath(request, node, kind) ?? CLEAN;
  }

  /**
   * The raw body read from a handler's request stream (`for await (const chunk of req)`,
   * `req.on('data', …)`), or `CLEAN` when `node` is not the request of a body-stream style.
   */
  private bodyStream(node: TSESTree.Node): readonly Taint[] {
    const request = this.requestPath(node, 0);
    if (!request || !readsBodyStream(request.style, stepsOf(request.path))) return CLEAN;
    return [sourceTaint(unwrap(node), `the body streamed from ${quoteCode(request.label)}`)];
  }

  private sourceFromPath(request: RequestPath, node: TSESTree.Node, kind: TaintKind): readonly Taint[] | null {
    const read = readRequestInput(request.style, stepsOf(request.path));
    if (!read) return null;
    if (kind === 'nosql' && read.stringOnly) return null;
    if (read.serverChosen) return CLEAN;
    // A browser sends the host of the URL it opens: a link cannot make it name another site.
    if (kind === 'redirect' && namesOwnHost(read)) return CLEAN;
    // The route declares a schema the framework checks before the handler runs (Fastify, Hapi).
    if (request.handler?.validation && read.name !== null && this.schemas.declaredClears(request.handler.validation, read.location, read.name).has(kind)) return CLEAN;
    const explicit = node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.AwaitExpression;
    const text = explicit ? quoteCode(this.sourceCode.getText(node)) : quoteCode(request.label);
    return [sourceTaint(explicit ? node : request.node, text)];
  }

  /** The member path from a handler's request parameter to this node, or null. */
  private requestPath(node: TSESTree.Node, depth: number): RequestPath | null {
    if (depth > 12) return null;
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.requestPath(target.argument, depth + 1);
      case AST_NODE_TYPES.MemberExpression: {
        const base = this.requestPath(target.object, depth + 1);
        if (!base) return null;
        const name = propertyName(target.property) ?? '*';
        return { ...base, path: [...base.path, name], label: `${base.label}.${name}` };
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(target.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
        const name = propertyName(callee.property);
        // `req.query.ids.split(',')` is a method of the value read, not another request input.
        if (name === null || isValueMethod(name)) return null;
        const base = this.requestPath(callee.object, depth + 1);
        if (!base) return null;
        return { ...base, path: [...base.path, `${name}()`], label: `${base.label}.${name}()` };
      }
      case AST_NODE_TYPES.Identifier:
        return this.identifierRequestPath(target, depth);
      default:
        return null;
    }
  }

  private identifierRequestPath(node: TSESTree.Identifier, depth: number): RequestPath | null {
    const variable = findVariable(this.sourceCode.getScope(node), node.name);
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
      if (handler.style === 'nest') return this.nestParameter(param, path, node, definition.name);
      const root = inputRootOf(handler.style, index);
      if (root === null) return null;
      const label = inner.type === AST_NODE_TYPES.Identifier ? [inner.name, ...path].join('.') : path.join('.');
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
  private nestParameter(param: TSESTree.Parameter, path: string[], node: TSESTree.Identifier, declared: TSESTree.Node): RequestPath | null {
    const nest = nestInputOf(param);
    if (nest?.member === null || nest === null) return null;
    if (nest.args.some((argument) => NEST_PIPES.test(dottedName(argument) ?? ''))) return null;
    const base = nest.member === '' ? [] : [nest.member];
    const key = nest.key === null ? [] : [nest.key];
    const label = `${this.sourceCode.getText(nest.decorator).replace(/\s+/g, ' ')} ${node.name}`;
    return { style: 'express', path: [...base, ...key, ...path], label, node: declared };
  }

  private readonly heldLists = new Map<TSESTree.Node, boolean>();
  private readonly inputVariables = new Map<TSESLint.Scope.Variable, boolean>();

  /**
   * A collection the server chose at run time (`await loadAllowedHosts()`, a list fetched from a
   * fixed URL into a module variable): no request input, parameter or request object reaches it,
   * neither by taint nor anywhere in the expressions that define it (an unknown call is clean for
   * taint, but `parse(req.query.hosts)` is still the client's list).
   */
  private isHeldByServer(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    const known = this.heldLists.get(target);
    if (known !== undefined) return known;
    this.heldLists.set(target, false);
    const held = !this.mentionsInput(target) && this.evaluate(target, 'ssrf').length === 0;
    this.heldLists.set(target, held);
    return held;
  }

  /** Whether an expression reads the request, a parameter, or a variable written from either. */
  private mentionsInput(root: TSESTree.Node): boolean {
    let found = false;
    walk(root, (node) => {
      if (found) return 'skip';
      if ((node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.Identifier) && this.requestPath(node, 0)) {
        found = true;
        return 'skip';
      }
      if (node.type !== AST_NODE_TYPES.Identifier || !isReference(node)) return undefined;
      const variable = findVariable(this.sourceCode.getScope(node), node.name);
      const definition = variable?.defs[0];
      if (!variable || !definition || definition.type === 'ImportBinding' || definition.type === 'FunctionName' || definition.type === 'ClassName') return undefined;
      if (definition.type === 'Parameter') found = !within(definition.name, root);
      else found = this.variableMentionsInput(variable);
      return undefined;
    });
    return found;
  }

  private variableMentionsInput(variable: TSESLint.Scope.Variable): boolean {
    const known = this.inputVariables.get(variable);
    if (known !== undefined) return known;
    // A variable written from itself is judged by its other writes.
    this.inputVariables.set(variable, false);
    const result = variable.references.some((reference) => {
      if (reference.isWrite()) return reference.writeExpr ? this.mentionsInput(reference.writeExpr) : false;
      // `allowed.push(host)`, `allowed[i] = host`: what is put into the list.
      const member = reference.identifier.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
      const user = member.parent;
      if (user.type === AST_NODE_TYPES.CallExpression && user.callee === member && MUTATORS.has(propertyName(member.property) ?? '')) {
        return user.arguments.some((argument) => this.mentionsInput(argument));
      }
      return user.type === AST_NODE_TYPES.AssignmentExpression && user.left === member && this.mentionsInput(user.right);
    });
    this.inputVariables.set(variable, result);
    return result;
  }

  /**
   * A constant object, array or `Map` whose values are all literals (nested tables included),
   * never written through: any read from it is one of those literals.
   */
  private isLiteralTable(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return isLiteralValue(target, 0);
    const init = this.constInit(target);
    if (!init || !isLiteralValue(init, 0)) return false;
    const variable = findVariable(this.sourceCode.getScope(target), target.name);
    return variable !== null && variable.references.every((reference) => !isMutatedThrough(reference.identifier));
  }

  private constObject(node: TSESTree.Node): TSESTree.ObjectExpression | null {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const init = this.constInit(target);
    return init?.type === AST_NODE_TYPES.ObjectExpression ? init : null;
  }

  private constInit(node: TSESTree.Identifier): TSESTree.Node | null {
    const variable = findVariable(this.sourceCode.getScope(node), node.name);
    if (!variable || !isConstantBinding(variable)) return null;
    const definition = singleDefinition(variable);
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
    return unwrap(definition.node.init);
  }
}

/**
 * Kinds a `replace(/[^a-z0-9_-]/g, '')` clears: a global, single negated character class of word
 * characters, `-` and `.` replaced by nothing leaves only those characters. A host of word
 * characters is still a host (`localhost`), so SSRF stays; `.` keeps `..`, so paths stay too.
 */
function strippedKinds(call: TSESTree.CallExpression): KindSet | null {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !replacement || call.arguments.length !== 2) return null;
  const regex = unwrap(pattern);
  const empty = unwrap(replacement);
  if (regex.type !== AST_NODE_TYPES.Literal || !('regex' in regex) || !regex.regex.flags.includes('g') || regex.regex.flags.includes('v')) return null;
  if (!(empty.type === AST_NODE_TYPES.Literal && empty.value === '') && !(empty.type === AST_NODE_TYPES.TemplateLiteral && empty.expressions.length === 0 && empty.quasis[0]?.value.cooked === '')) return null;
  const match = /^\[\^((?:\\.|[^\\\]])+)\]\+?$/.exec(regex.regex.pattern);
  const body = match?.[1];
  if (body === undefined) return null;
  let dot = false;
  // Ranges inside one of a-z, A-Z, 0-9; single word characters; `\w`, `\d`, `-`, `.`.
  const tokens = /\\[wd]|\\[-.]|[a-z]-[a-z]|[A-Z]-[A-Z]|\d-\d|[\w.-]/gy;
  let consumed = 0;
  for (const token of body.matchAll(tokens)) {
    if (token.index !== consumed) return null;
    // A bare `-` between two characters makes a range (`_-a` holds a backtick).
    if (token[0] === '-' && consumed !== 0 && consumed + 1 !== body.length) return null;
    consumed += token[0].length;
    if (token[0].includes('.')) dot = true;
    const [from, , to] = token[0];
    if (token[0].length === 3 && from !== undefined && to !== undefined && from > to) return null;
  }
  if (consumed !== body.length) return null;
  return new Set(allTaintKinds.filter((kind) => kind !== 'ssrf' && (kind !== 'path' || !dot)));
}

/**
 * The usual hand-written regex escape, `x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`: a global
 * character class holding every pattern metacharacter, each replaced by itself behind a backslash.
 */
function escapesRegex(call: TSESTree.CallExpression): boolean {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !replacement) return false;
  const regex = unwrap(pattern);
  const text = unwrap(replacement);
  if (regex.type !== AST_NODE_TYPES.Literal || !('regex' in regex) || !regex.regex.flags.includes('g')) return false;
  if (text.type !== AST_NODE_TYPES.Literal || text.value !== '\\$&') return false;
  const source = regex.regex.pattern;
  if (!source.startsWith('[') || source.startsWith('[^') || !source.endsWith(']')) return false;
  return ['.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', '\\]', '\\\\'].every((token) => source.includes(token));
}

/** `url.searchParams`, a `searchParams` binding, or `new URLSearchParams(...)`. */
function isSearchParams(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression) return dottedName(target.callee) === 'URLSearchParams';
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'searchParams';
  return target.type === AST_NODE_TYPES.MemberExpression && propertyName(target.property) === 'searchParams';
}

/** Methods of strings and arrays (`split`, `map`, `trim`, `includes`), as opposed to request APIs. */
function isValueMethod(name: string): boolean {
  return name !== 'then' && name !== 'valueOf' && (STRING_METHODS.has(name) || ELEMENT_CALLBACKS.has(name) || PREDICATES.has(name));
}

/** A literal, or an object, array or `new Map([[k, v], ...])` of literals. */
function isLiteralValue(node: TSESTree.Node, depth: number): boolean {
  const target = unwrap(node);
  if (depth > 4) return false;
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return target.expressions.length === 0;
    case AST_NODE_TYPES.UnaryExpression:
      return target.operator === '-' && unwrap(target.argument).type === AST_NODE_TYPES.Literal;
    case AST_NODE_TYPES.ArrayExpression:
      return target.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isLiteralValue(element, depth + 1));
    case AST_NODE_TYPES.ObjectExpression:
      return target.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.kind === 'init' && !property.method && isLiteralValue(property.value, depth + 1));
    case AST_NODE_TYPES.NewExpression: {
      const [entries] = target.arguments;
      return dottedName(target.callee) === 'Map' && target.arguments.length === 1 && entries !== undefined && isLiteralValue(entries, depth + 1);
    }
    default:
      return false;
  }
}

/** `T.x = v`, `T[k] = v`, `delete T.x`, `T.push(v)`, `T.set(k, v)`, `Object.assign(T, v)`. */
function isMutatedThrough(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = identifier.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression) return parent.arguments[0] === identifier && /^(?:Object\.assign|Object\.defineProperty|Reflect\.set|_\.(?:merge|assign|set|extend))$/.test(dottedName(parent.callee) ?? '');
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
  const user = parent.parent;
  if (user.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) return true;
  if (user.type === AST_NODE_TYPES.UpdateExpression || (user.type === AST_NODE_TYPES.UnaryExpression && user.operator === 'delete')) return true;
  return user.type === AST_NODE_TYPES.CallExpression && user.callee === parent && MUTATORS.has(propertyName(parent.property) ?? '');
}

function sourceTaint(node: TSESTree.Node, text: string): Taint {
  const source: TaintSourceInfo = { node, text, line: node.loc.start.line };
  return { origin: { type: 'source', source }, container: false, schema: null };
}

function originKey(origin: TaintOrigin): string {
  return origin.type === 'source'
    ? origin.source.node
      ? `s${origin.source.node.range[0]}`
      : `s${origin.source.file}:${origin.source.line}:${origin.source.text}`
    : `p${origin.fn.range[0]}:${origin.index}:${origin.path.join('.')}`;
}

/** Union, keeping the value's shape (container or not). */
function merge(parts: readonly (readonly Taint[])[]): readonly Taint[] {
  const result: Taint[] = [];
  const keys = new Set<string>();
  for (const part of parts) {
    for (const taint of part) {
      const key = `${originKey(taint.origin)}:${taint.container ? 1 : 0}`;
      if (keys.has(key)) continue;
      keys.add(key);
      result.push(taint);
      if (result.length >= MAX_TAINTS) return result;
    }
  }
  return result.length === 0 ? CLEAN : result;
}

/** Union for operations that produce a new value (concatenation, calls): no container, no schema. */
function flat(parts: readonly (readonly Taint[])[]): readonly Taint[] {
  return merge(parts.map((part) => part.map((taint) => ({ ...taint, container: false, schema: null }))));
}

function contain(taints: readonly Taint[]): readonly Taint[] {
  return taints.length === 0 ? CLEAN : taints.map((taint) => ({ ...taint, container: true, schema: null }));
}

/** An identifier that reads a variable (not a property name or an object key). */
function isReference(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression) return parent.object === node || parent.computed;
  if (parent.type === AST_NODE_TYPES.Property) return parent.value === node || parent.computed;
  return parent.type !== AST_NODE_TYPES.MethodDefinition && parent.type !== AST_NODE_TYPES.PropertyDefinition;
}

function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return container.range[0] <= node.range[0] && node.range[1] <= container.range[1];
}

function isStatementList(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.BlockStatement ||
    node.type === AST_NODE_TYPES.Program ||
    node.type === AST_NODE_TYPES.SwitchCase ||
    node.type === AST_NODE_TYPES.StaticBlock
  );
}

/** Whether `child` runs only sometimes when `parent` runs. */
function isConditional(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== child;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.right === child;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.TryStatement:
    case AST_NODE_TYPES.CatchClause:
      return true;
    default:
      return false;
  }
}

function isPatternPart(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.Property:
      return parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectPattern;
    case AST_NODE_TYPES.ObjectPattern:
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
      return true;
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.left === child;
    default:
      return false;
  }
}

/** A `Content-Type` under which browsers render markup. */
function isHtmlType(type: string): boolean {
  const value = type.toLowerCase();
  return value === 'html' || value.includes('html') || value.includes('xml') || value.includes('svg');
}

/** The pieces of query text: `${}` expressions of a template and the operands of `+`. */
function textParts(node: TSESTree.Node): TSESTree.Node[] {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.TemplateLiteral) return target.expressions.flatMap(textParts);
  if (target.type === AST_NODE_TYPES.BinaryExpression && target.operator === '+') {
    return [...textParts(target.left), ...textParts(target.right)];
  }
  return [target];
}

/** Visits a function body without entering nested functions. */
function walkOwn(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  walk(root, (node) => {
    if (node !== root && isFunction(node)) return 'skip';
    visit(node);
    return 'visit';
  });
}

interface VariableUses {
  writes: TSESLint.Scope.Reference[];
  mutations: TSESLint.Scope.Reference[];
}

/** How many of the references (sorted by position) start before `node`. */
function countBefore(references: readonly TSESLint.Scope.Reference[], node: TSESTree.Node): number {
  let low = 0;
  let high = references.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (references[middle]!.identifier.range[0] < node.range[0]) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A read of the host the request was sent to (`req.hostname`, the `Host` header read as `headers.host`). */
function namesOwnHost(read: RequestInputRead): boolean {
  if (read.location === 'header') return read.name?.toLowerCase() === 'host';
  return ownHostInputs.includes(read.input);
}
