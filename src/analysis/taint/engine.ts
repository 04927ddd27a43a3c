import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { requestInputs, nestInputDecorators, type RequestStyle } from '../../models/frameworks/request-inputs.js';
import {
  argumentPropagatingMethods,
  elementCallbackMethods,
  predicateMethods,
  propagatingFunctions,
  sanitizers,
  stringMethods,
  stringOnlyInputs,
} from '../../models/sanitizers.js';
import {
  fallbackSinkModels,
  mongoCodeOperators,
  shellPrograms,
  sinkModels,
} from '../../models/sinks/index.js';
import { allTaintKinds, type FallbackSinkModel, type TaintKind } from '../../models/taint-types.js';
import {
  dottedName,
  findVariable,
  isConstantBinding,
  isFunction,
  memberKeyName,
  propertyName,
  resolveFunction,
  singleDefinition,
  unwrap,
  walk,
  type FunctionNode,
} from '../../utils/ast.js';
import { quoteCode } from '../../utils/describe-node.js';
import { nameMatcher } from '../../utils/settings.js';
import type { RouteHandler } from '../routes/types.js';
import { matchSteps, originOf, parsePath, patternPath, sameModule } from './access-path.js';
import { GuardFinder, type KindSet } from './guards.js';
import { SchemaReader } from './schemas.js';
import type { TaintSettings } from './settings.js';
import type { TypeOracle } from './type-oracle.js';
import type {
  SinkRole,
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
  settings: TaintSettings;
  types: TypeOracle | null;
}

/** Extra request inputs that are not members of the request parameter. */
const EXTRA_INPUT_PARAMS: Partial<Record<RequestStyle, { param: number; name: string }>> = {
  // Next.js app handlers: `export async function GET(req, { params })`.
  'next-app': { param: 1, name: 'context' },
};
const STRING_ONLY = new Set<string>([...stringOnlyInputs, 'context']);
const STRING_RESULT_FUNCTIONS = new Set(['JSON.stringify', 'decodeURIComponent', 'decodeURI', 'encodeURI', 'escape', 'unescape', 'util.format', 'format', 'path.join', 'path.resolve', 'path.normalize', 'String.raw', 'String']);
const STRING_METHODS = new Set<string>([...stringMethods, 'split']);
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

const CLEAN: readonly Taint[] = [];

interface SinkMatch {
  argument: number;
  role: SinkRole;
  library: string;
  placeholder: TaintSinkInfo['placeholder'];
}

interface RequestPath {
  style: RequestStyle | 'context';
  path: string[];
  label: string;
  /** Node of the parameter or expression that roots the path (for positions). */
  node: TSESTree.Node;
}

interface SinkParam {
  fn: FunctionNode;
  index: number;
  path: readonly string[];
  sink: TaintSinkInfo;
  role: SinkRole;
}

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
  private callSites: Map<FunctionNode, TSESTree.CallExpression[]> | null = null;
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
    this.guards = new GuardFinder(this.sourceCode, (name) => {
      const found = validators.find((validator) => validator.match(name));
      return found ? new Set(found.kinds) : null;
    });
    this.schemas = new SchemaReader(this.sourceCode);
    this.isSource = input.settings.sources.length > 0 ? nameMatcher(input.settings.sources) : () => false;
    this.userSinks = input.settings.sinks.map((sink) => ({ match: nameMatcher([sink.name]), kind: sink.kind, argument: sink.argument ?? 0 }));
  }

  /** Every flow of request input into a sink of `kind`. */
  findings(kind: Exclude<TaintKind, 'code'>, options: TaintQueryOptions = {}): TaintFinding[] {
    const findings: TaintFinding[] = [];
    const seen = new Set<string>();
    const sinkParams: SinkParam[] = [];
    const sinkParamKeys = new Set<string>();
    const optionSinks = options.sinks && options.sinks.length > 0 ? nameMatcher(options.sinks) : null;

    const record = (
      node: TSESTree.Node,
      argument: TSESTree.Node,
      taint: Taint,
      sink: TaintSinkInfo,
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
      const key = `${fn.range[0]}:${index}:${path.join('.')}:${sink.call.range[0]}:${sink.role}`;
      if (sinkParamKeys.has(key) || sinkParams.length >= MAX_SINK_PARAMS) return;
      sinkParamKeys.add(key);
      sinkParams.push({ fn, index, path, sink, role: sink.role });
    };

    for (const call of this.allCalls()) {
      for (const match of this.matchSinks(call, kind, optionSinks)) {
        const argument = call.arguments[match.argument];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const sink: TaintSinkInfo = {
          call,
          name: this.calleeName(call),
          line: call.loc.start.line,
          library: match.library,
          role: match.role,
          placeholder: match.placeholder,
          via: null,
        };
        for (const [part, taint, role] of this.argumentTaints(argument, match.role, kind)) {
          record(part, argument, taint, role === sink.role ? sink : { ...sink, role }, role === 'code' ? 'code' : kind);
        }
      }
    }

    // Helpers whose parameters reach a sink: their callers' arguments are sinks too.
    for (let index = 0; index < sinkParams.length; index++) {
      const param = sinkParams[index]!;
      for (const call of this.callSitesOf(param.fn)) {
        const argument = call.arguments[param.index];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const sink: TaintSinkInfo = { ...param.sink, via: param.sink.via ?? { call, name: this.calleeName(call) } };
        const evaluationKind = param.role === 'code' ? 'code' : kind;
        for (const taint of this.atCallSite(argument, param.path, evaluationKind)) {
          if (taint.container && param.role !== 'filter' && param.role !== 'argv') continue;
          record(argument, argument, taint, sink, evaluationKind);
        }
      }
    }
    return findings;
  }

  /** The source a parameterized rewrite would need: whether every `${}` of a template is tainted. */
  allExpressionsTainted(template: TSESTree.TemplateLiteral, kind: TaintKind): boolean {
    return template.expressions.every((expression) => this.evaluate(expression, kind).some((taint) => !taint.container));
  }

  // ---------------------------------------------------------------------------------------------
  // Sinks

  private allCalls(): TSESTree.CallExpression[] {
    if (this.calls) return this.calls;
    const calls: TSESTree.CallExpression[] = [];
    walk(this.sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
    });
    this.calls = calls;
    return calls;
  }

  private callSitesOf(fn: FunctionNode): TSESTree.CallExpression[] {
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

  private calleeName(call: TSESTree.CallExpression): string {
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
    return this.sourceCode.getText(call.callee).slice(0, 40);
  }

  private matchSinks(call: TSESTree.CallExpression, kind: TaintKind, optionSinks: ((name: string) => boolean) | null): SinkMatch[] {
    const matches: SinkMatch[] = [];
    const origin = originOf(call.callee, this.sourceCode);
    let modeled = false;
    if (origin) {
      for (const model of sinkModels[kind]) {
        if (!sameModule(model.module, origin.module)) continue;
        modeled = true;
        const parsed = parsePath(model.path);
        if (parsed.argument === null || !matchSteps(parsed.tokens, origin.steps)) continue;
        const mode = 'mode' in model ? model.mode : 'text';
        if (mode === 'argv-shell' && !this.runsShell(call)) continue;
        matches.push({
          argument: parsed.argument,
          role: mode === 'argv-shell' ? 'argv' : mode === 'filter' ? 'filter' : 'text',
          library: model.library,
          placeholder: 'placeholder' in model ? model.placeholder : null,
        });
      }
    }
    if (!modeled) {
      for (const model of fallbackSinkModels[kind]) {
        if (this.matchesFallback(call, model, origin !== null)) {
          matches.push({
            argument: model.argument,
            role: model.mode === 'filter' ? 'filter' : 'text',
            library: model.library,
            placeholder: 'placeholder' in model ? model.placeholder : null,
          });
          break;
        }
      }
    }
    const name = dottedName(call.callee);
    if (name !== null) {
      const role: SinkRole = kind === 'nosql' ? 'filter' : 'text';
      if (optionSinks?.(name)) matches.push({ argument: 0, role, library: 'custom', placeholder: null });
      for (const sink of this.userSinks) {
        if (sink.kind === kind && sink.match(name)) matches.push({ argument: sink.argument, role, library: 'custom', placeholder: null });
      }
    }
    return matches;
  }

  private matchesFallback(call: TSESTree.CallExpression, model: FallbackSinkModel, hasOrigin: boolean): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee.property);
    if (method === null || !model.methods.includes(method)) return false;
    const receiver = unwrap(callee.object);
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
    if (role === 'text') {
      for (const part of textParts(target)) {
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
    let result: readonly Taint[];
    try {
      result = this.compute(node, kind, depth + 1);
    } catch (error) {
      if (process.env['API_SECURITY_DEBUG']) throw error;
      result = CLEAN;
    }
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
        return flat(target.expressions.map((expression) => this.evaluate(expression, kind, depth)));
      case AST_NODE_TYPES.TaggedTemplateExpression:
        if (kind !== 'nosql' && dottedName(target.tag) === 'String.raw') return flat(target.quasi.expressions.map((expression) => this.evaluate(expression, kind, depth)));
        return CLEAN;
      case AST_NODE_TYPES.BinaryExpression:
        if (target.operator !== '+' || kind === 'nosql') return CLEAN;
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
    const writes = variable.references
      .filter((reference) => reference.isWrite() && reference.writeExpr && reference.identifier.range[0] < node.range[0])
      .reverse();
    for (const write of writes) {
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
    for (const reference of variable.references) {
      if (reference.identifier.range[0] >= node.range[0] || reference.isWrite()) continue;
      const member = reference.identifier.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
      const user = member.parent;
      if (user.type === AST_NODE_TYPES.CallExpression && user.callee === member && MUTATORS.has(propertyName(member.property) ?? '')) {
        parts.push(contain(merge(user.arguments.map((argument) => this.evaluate(argument, kind, depth)))));
      } else if (user.type === AST_NODE_TYPES.AssignmentExpression && user.left === member) {
        parts.push(contain(this.evaluate(user.right, kind, depth)));
      }
    }
    return merge(parts);
  }

  /** Whether a write always happens before a read (same function, in a block enclosing the read). */
  private dominates(write: TSESTree.Node, read: TSESTree.Node): boolean {
    let statement: TSESTree.Node = write;
    while (statement.parent && !isStatementList(statement.parent)) {
      if (isFunction(statement.parent) || isConditional(statement.parent, statement)) return false;
      statement = statement.parent;
    }
    const list = statement.parent;
    if (!list || list.type === AST_NODE_TYPES.SwitchCase) return false;
    return within(read, list);
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
    const loop = root.parent;
    if (loop && (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left === root) {
      taints = taints.map((taint) => ({ ...taint, container: false }));
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
    // A field of a constant object literal: only that field's value.
    const object = this.constObject(node.object);
    if (object && name !== '*') {
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
    const source = this.requestSource(node, kind);
    if (source !== undefined) return source;
    const callee = unwrap(node.callee);
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

    if (name !== null && PROPAGATING.has(name)) {
      if (kind === 'nosql' && STRING_RESULT_FUNCTIONS.has(name)) return CLEAN;
      return name.startsWith('Object.') || name === 'Array.from' ? merge(node.arguments.map((argument) => this.evaluate(argument, kind, depth))) : args();
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return CLEAN;
    const method = propertyName(callee.property);
    if (method === null || PREDICATES.has(method)) return CLEAN;
    const receiver = this.evaluate(callee.object, kind, depth);
    if (receiver.length > 0) {
      if (kind === 'nosql' && STRING_METHODS.has(method)) return CLEAN;
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
    if (name === 'URL' || name === 'URLSearchParams' || name === 'String' || name === 'Array' || name === 'Set' || name === 'Map') {
      if (kind === 'nosql' && name === 'String') return CLEAN;
      return flat(node.arguments.map((argument) => this.evaluate(argument, kind, depth)));
    }
    return CLEAN;
  }

  private sanitizerKinds(node: TSESTree.CallExpression | TSESTree.NewExpression, name: string | null): KindSet | null {
    if (name !== null) {
      for (const user of this.userSanitizers) if (user.match(name)) return new Set(user.kinds);
      for (const model of sanitizers) {
        if (model.module !== null) continue;
        const matches = model.path.endsWith('.*') ? name.startsWith(model.path.slice(0, -1)) : name === model.path;
        if (matches && node.type === AST_NODE_TYPES.CallExpression) return new Set(model.kinds === 'all' ? allTaintKinds : model.kinds);
      }
    }
    const origin = originOf(node.callee, this.sourceCode);
    if (!origin) return null;
    const steps = node.type === AST_NODE_TYPES.NewExpression ? [...origin.steps, 'Instance'] : origin.steps;
    for (const model of sanitizers) {
      if (model.module === null || !sameModule(model.module, origin.module)) continue;
      if (matchSteps(parsePath(model.path).tokens, steps)) return new Set(model.kinds === 'all' ? allTaintKinds : model.kinds);
    }
    if (origin.module === 'pg-format' && origin.steps.length === 0 && node.type === AST_NODE_TYPES.CallExpression) {
      // `format('... %L', x)` quotes; `%s` inserts raw text.
      const fmt = node.arguments[0];
      if (fmt?.type === AST_NODE_TYPES.Literal && typeof fmt.value === 'string' && !fmt.value.includes('%s')) return new Set(['sql']);
    }
    return null;
  }

  /** Taints a same-file function returns for this call: its own sources plus mapped parameters. */
  private returnedTaints(fn: FunctionNode, call: TSESTree.CallExpression, kind: TaintKind, depth: number): readonly Taint[] {
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

  /** The taint of `argument` read through `path` (the members a helper reads from its parameter). */
  private atCallSite(argument: TSESTree.Node, path: readonly string[], kind: TaintKind, depth = 0): readonly Taint[] {
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

  private sourceFromPath(request: RequestPath, node: TSESTree.Node, kind: TaintKind): readonly Taint[] | null {
    const inputs: readonly string[] = request.style === 'context' ? ['context'] : requestInputs[request.style].inputs;
    for (const input of inputs) {
      const segments = input.split('.');
      if (segments.length > request.path.length || !segments.every((segment, index) => request.path[index] === segment)) continue;
      if (kind === 'nosql' && STRING_ONLY.has(input)) return null;
      const explicit = node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.AwaitExpression;
      const text = explicit ? quoteCode(this.sourceCode.getText(node)) : quoteCode(request.label);
      return [sourceTaint(explicit ? node : request.node, text)];
    }
    return null;
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
        const base = this.requestPath(callee.object, depth + 1);
        const name = propertyName(callee.property);
        if (!base || name === null) return null;
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
      if (handler.style === 'nest') return this.nestParameter(param, path, node);
      const extra = EXTRA_INPUT_PARAMS[handler.style];
      if (extra?.param === index) {
        return { style: 'context', path: ['context', ...path], label: inner.type === AST_NODE_TYPES.Identifier ? [inner.name, ...path].join('.') : path.join('.'), node: definition.name };
      }
      if (index !== requestInputs[handler.style].param) return null;
      const label = inner.type === AST_NODE_TYPES.Identifier ? [inner.name, ...path].join('.') : path.join('.');
      return { style: handler.style, path, label, node: definition.name };
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

  /** `@Body() dto`, `@Query('id') id`, `@Req() req`: decorated parameters of Nest handlers. */
  private nestParameter(param: TSESTree.Parameter, path: string[], node: TSESTree.Identifier): RequestPath | null {
    for (const decorator of param.decorators) {
      const expression = unwrap(decorator.expression);
      const call = expression.type === AST_NODE_TYPES.CallExpression ? expression : null;
      const name = dottedName(call ? call.callee : expression);
      if (name === null || !(name in nestInputDecorators)) continue;
      const member = nestInputDecorators[name as keyof typeof nestInputDecorators];
      if (member === null) return null;
      const args = call?.arguments ?? [];
      if (args.some((argument) => NEST_PIPES.test(dottedName(argument) ?? ''))) return null;
      const key = args[0]?.type === AST_NODE_TYPES.Literal && typeof args[0].value === 'string' ? [args[0].value] : [];
      const base = member === '' ? [] : [member];
      const label = `${this.sourceCode.getText(decorator).replace(/\s+/g, ' ')} ${node.name}`;
      return { style: 'express', path: [...base, ...key, ...path], label, node };
    }
    return null;
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

function sourceTaint(node: TSESTree.Node, text: string): Taint {
  const source: TaintSourceInfo = { node, text, line: node.loc.start.line };
  return { origin: { type: 'source', source }, container: false, schema: null };
}

function originKey(origin: TaintOrigin): string {
  return origin.type === 'source'
    ? `s${origin.source.node.range[0]}`
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
    let current: TSESTree.Node | undefined = node.parent;
    while (current && current !== root) {
      if (isFunction(current)) return;
      current = current.parent;
    }
    if (!isFunction(node) || node === root) visit(node);
  });
}
