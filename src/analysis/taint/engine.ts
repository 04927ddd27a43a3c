/**
 * The taint engine of one file: every flow of request input into a sink of a kind, found at the
 * sink (also inside helpers whose parameters reach it, named by the call and route that pass the
 * input). Its layers, in `engine-context.ts` and the files it names, hold the rest.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { callSinkKinds, type TaintKind } from '../../models/taint-types.js';
import { type FunctionNode, isFunction, scopeOf } from '../../utils/ast.js';
import { nameMatcher } from '../../utils/settings.js';
import type { SinkRole, SinkSite, Taint, TaintFinding, TaintQueryOptions, TaintSinkInfo, TaintSourceInfo, TaintVia } from './types.js';
import { MAX_SINK_PARAMS } from './taint-set.js';
import { ROLE_KINDS } from './sink-roles.js';
import { TaintSinks } from './sinks.js';
import { unreachableFromCall } from './call-constants.js';

const CALL_KINDS = new Set<TaintKind>(callSinkKinds);

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

/**
 * The intra-procedural taint engine of one file. Values are evaluated on demand (backwards from
 * sink arguments through definitions), memoised per node and kind, with depth and work caps.
 * Same-file helpers get summaries: parameters that reach sinks, and returns that carry parameters.
 */
export class TaintEngine extends TaintSinks {
  /**
   * Every flow of request input into a sink of `kind`. Sinks of `sql`, `nosql` and `shell` are
   * always calls; the other kinds also have `new` sinks and assignments (`ctx.body = html`).
   * `url-path` reports values in the path or query of a URL whose origin is fixed (SSRF sinks).
   */
  findings(kind: TaintKind, options: TaintQueryOptions = {}): TaintFinding<SinkSite>[] {
    const findings: TaintFinding<SinkSite>[] = [];
    const seen = new Set<string>();
    /**
     * Where the finding of a key stands when its flow is one the rules may leave out: checked
     * against a run-time prefix, read in a route of development runs only (`devSwitch`), or
     * validated by a schema out of view (`unknownSchema`).
     */
    const checkedAt = new Map<string, number>();
    const provisional = (source: TaintSourceInfo): boolean => source.runtimePrefix !== undefined || source.devSwitch !== undefined || source.unknownSchema !== undefined;
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
        if (seen.has(key)) {
          // A flow checked against a run-time prefix, from a development route, or validated out of view, gives way to a
          // plain one at the same place: the rule reports that one whatever its options.
          const index = provisional(taint.origin.source) ? undefined : checkedAt.get(key);
          if (index !== undefined) {
            findings[index] = { kind: reportKind, node, argument, source: taint.origin.source, sink };
            checkedAt.delete(key);
          }
          return;
        }
        seen.add(key);
        if (provisional(taint.origin.source)) checkedAt.set(key, findings.length);
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
          ...(match.template ? { template: match.template } : {}),
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
        // A mode flag the call passes as a literal may rule the sink's branch out (`finish(req, res, true)`).
        if (within(param.sink.call, param.fn) && unreachableFromCall(param.sink.call, param.fn, call, (node) => scopeOf(this.sourceCode, node))) continue;
        const via = { call, name: this.calleeName(call), line: call.loc.start.line, route: this.routeAround(call) };
        const sink: TaintSinkInfo<SinkSite> = { ...param.sink, via };
        for (const taint of this.atCallSite(argument, param.path, evaluationKind)) {
          if (taint.container && param.role !== 'filter' && param.role !== 'argv') continue;
          record(param.node, param.argument, taint, sink, evaluationKind);
        }
      }
      // A Next.js page component given the props its page's data functions return.
      if (param.index === 0) {
        for (const props of this.pagePropsOf(param.fn)) {
          for (const taint of this.atCallSite(props, param.path, evaluationKind)) {
            if (taint.container && param.role !== 'filter' && param.role !== 'argv') continue;
            record(param.node, param.argument, taint, param.sink, evaluationKind);
          }
        }
      }
      // Handlers of other files that call the helper (directly or through their own helpers).
      const allowContainer = param.role === 'filter' || param.role === 'argv';
      for (const flow of this.input.project?.incoming(param.fn, param.index, param.path, evaluationKind, allowContainer) ?? []) {
        const taint: Taint = { origin: { type: 'source', source: flow.source }, container: false, schema: null };
        record(param.node, param.argument, taint, { ...param.sink, via: flow.via }, evaluationKind);
      }
    }
    return onePerSourceAndSink(findings);
  }

  /**
   * The request input a value carries, also when it comes through parameters of the functions
   * holding it: what this file's calls pass there, and what handlers of other files pass (the
   * project model's backward question). The same walk as the helper part of `findings`, asked of
   * one value instead of the sinks of a kind; `via` names the outermost call, as there. Used by
   * questions that are not sinks (a client-chosen id reaching a record access, see
   * `analysis/authorization`).
   */
  inputsOf(node: TSESTree.Node, kind: TaintKind): ValueInput[] {
    const found: ValueInput[] = [];
    const seen = new Set<string>();
    const queue: { taint: Taint; via: TaintVia | null }[] = this.evaluate(node, kind).map((taint) => ({ taint, via: null }));
    for (let position = 0; position < queue.length && found.length < MAX_SINK_PARAMS; position++) {
      const { taint, via } = queue[position]!;
      if (taint.origin.type === 'source') {
        found.push({ source: taint.origin.source, via });
        continue;
      }
      const { fn, index, path } = taint.origin;
      const key = `${String(fn.range[0])}:${String(index)}:${path.join('.')}`;
      if (seen.has(key) || seen.size >= MAX_SINK_PARAMS) continue;
      seen.add(key);
      for (const call of this.callSitesOf(fn)) {
        const argument = call.arguments[index];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const outer: TaintVia = { call, name: this.calleeName(call), line: call.loc.start.line, route: this.routeAround(call) };
        for (const next of this.atCallSite(argument, path, kind)) if (!next.container) queue.push({ taint: next, via: outer });
      }
      for (const flow of this.input.project?.incoming(fn, index, path, kind, false) ?? []) found.push({ source: flow.source, via: flow.via });
    }
    return found;
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
}

/** Request input that a value carries, and the outermost call that hands it over (null when read in place). */
export interface ValueInput {
  source: TaintSourceInfo;
  via: TaintVia | null;
}

/**
 * One finding per source, sink call, role and kind, at the first piece of the argument that carries
 * the source: `` exec(`pandoc -t ${format} -o ${out}`) `` with `out` built from `format` is one bug,
 * and one fix. Another source in the same call is another finding.
 */
/** Whether a node lies inside a function. */
function within(node: TSESTree.Node, fn: FunctionNode): boolean {
  return node.range[0] >= fn.range[0] && node.range[1] <= fn.range[1];
}

function onePerSourceAndSink(findings: readonly TaintFinding<SinkSite>[]): TaintFinding<SinkSite>[] {
  const keyOf = (finding: TaintFinding<SinkSite>): string => {
    const source = finding.source;
    const from = source.node ? `${String(source.node.range[0])}:${String(source.node.range[1])}` : `${source.file}:${String(source.line)}:${source.text}`;
    return `${from}|${String(finding.sink.call.range[0])}|${finding.sink.role}|${finding.kind}`;
  };
  const first = new Map<string, TaintFinding<SinkSite>>();
  for (const finding of findings) {
    const key = keyOf(finding);
    const kept = first.get(key);
    const unchecked = kept?.source.runtimePrefix !== undefined && finding.source.runtimePrefix === undefined;
    if (!kept || unchecked || (finding.node.range[0] < kept.node.range[0] && (finding.source.runtimePrefix === undefined || kept.source.runtimePrefix !== undefined))) first.set(key, finding);
  }
  return findings.filter((finding) => first.get(keyOf(finding)) === finding);
}
