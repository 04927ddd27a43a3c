/**
 * Summaries of this file's functions: which same-file function a call runs, the calls of each
 * function, what a function returns (its sources and its parameters as placeholders), and how a
 * placeholder maps to the argument of a call. The cross-file links ask for the same summaries.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { readRequestInput, stepsOf } from '../routes/request-inputs.js';
import type { TaintKind } from '../../models/taint-types.js';
import { type FunctionNode, isFunction, memberKeyName, nodesOfType, propertyName, resolveFunction, unwrap } from '../../utils/ast.js';
import type { Taint } from './types.js';
import { CLEAN, merge } from './taint-set.js';
import { walkOwn } from './engine-context.js';
import { TaintPropagation } from './propagation.js';
import { STREAMED_BODY } from './sources.js';

/** The file's call graph and function summaries. */
export abstract class TaintSummaries extends TaintPropagation {
  private readonly returns = new Map<TaintKind, Map<FunctionNode, readonly Taint[]>>();
  private calls: TSESTree.CallExpression[] | null = null;
  private callSites: Map<FunctionNode, TSESTree.CallExpression[]> | null = null;

  /** Every call of the file. */
  allCalls(): TSESTree.CallExpression[] {
    if (this.calls) return this.calls;
    this.calls = nodesOfType(this.sourceCode.ast, AST_NODE_TYPES.CallExpression);
    return this.calls;
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
  protected calledFunction(call: TSESTree.CallExpression): FunctionNode | null {
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
    // `dao.find(q)` where `dao` is a `const` holding `new Dao(db)` (a class, or an ES5 constructor
    // function assigning `this.find`) or an object literal of functions, in this file.
    if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && unwrap(callee.object).type === AST_NODE_TYPES.Identifier) {
      const fn = resolveFunction(callee, this.sourceCode.getScope(callee));
      return fn && fn !== call.arguments.find((argument) => argument === fn) ? fn : null;
    }
    return null;
  }

  /**
   * Taints a function returns for this call: its own sources plus mapped parameters. `summary` is
   * what it returns (for a function of another file, its engine's `returnSummary`).
   */
  protected returnedTaints(
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

  private readonly returnedFields = new Map<string, Map<FunctionNode, readonly Taint[] | null>>();

  /**
   * What the field `name` of the object `fn` returns holds, when every return of `fn` is an
   * object literal: its sources and parameters as placeholders, as `returnSummary` gives for the
   * whole value. Null when a return is anything else. Computed once per function and field.
   */
  protected returnedFieldSummary(fn: FunctionNode, name: string, kind: TaintKind, depth: number): readonly Taint[] | null {
    const memoKey = `${kind}:${name}`;
    let byFn = this.returnedFields.get(memoKey);
    if (!byFn) {
      byFn = new Map();
      this.returnedFields.set(memoKey, byFn);
    }
    if (byFn.has(fn)) return byFn.get(fn)!;
    byFn.set(fn, null);
    const values: TSESTree.Node[] = [];
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
    else {
      walkOwn(fn.body, (inner) => {
        if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
      });
    }
    const parts: (readonly Taint[])[] = [];
    for (const value of values) {
      const object = unwrap(value);
      if (object.type === AST_NODE_TYPES.Literal && object.value === null) continue;
      const field = object.type === AST_NODE_TYPES.ObjectExpression ? this.objectField(object, name, kind, depth) : null;
      if (field === null) return null;
      parts.push(field);
    }
    const summary = values.length === 0 ? null : merge(parts);
    byFn.set(fn, summary);
    return summary;
  }

  /** The taint of `argument` read through `path` (the members a helper reads from its parameter). */
  atCallSite(argument: TSESTree.Node, path: readonly string[], kind: TaintKind, depth = 0): readonly Taint[] {
    // `readBody(req)`: the helper streams its parameter; the body is input when `req` is a request.
    if (path[0] === STREAMED_BODY) return kind === 'nosql' ? CLEAN : this.bodyStream(argument);
    // `build({ action: req.query.action, referrer })` where the helper reads only `referrer`: an
    // object written at the call is read field by field, so its other fields do not taint the read.
    const literal = path.length > 0 ? unwrap(argument) : null;
    const [field, ...rest] = path;
    if (literal?.type === AST_NODE_TYPES.ObjectExpression && field !== undefined && field !== '*' && literal.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed)) {
      const property = literal.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate) === field);
      return property?.type === AST_NODE_TYPES.Property ? this.atCallSite(property.value, rest, kind, depth) : CLEAN;
    }
    // `req.originalUrl = '/'; finish(req, res)` where the helper reads `req.originalUrl`: the value written.
    const root = path.length > 0 ? unwrap(argument) : null;
    const overwritten = root?.type === AST_NODE_TYPES.Identifier ? this.overwrittenPath(root, path, root) : null;
    if (overwritten) {
      let written = this.evaluate(overwritten.value, kind, depth);
      for (const name of overwritten.rest) written = this.memberStep(written, name, kind);
      return written;
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
    // `startFlow(provider)` where `provider = build(name)` and the helper reads `provider.url`:
    // the field that call returns, not the whole object.
    const first = path.length > 0 && path[0] !== '*' ? this.fieldOf(argument, path[0]!, kind, depth) : null;
    let taints: readonly Taint[] = first ?? this.evaluate(argument, kind, depth);
    for (const name of first ? path.slice(1) : path) taints = this.memberStep(taints, name, kind);
    if (taints.length > 0 || path.length === 0) return taints;
    const request = this.requestPath(argument, 0);
    if (!request) return CLEAN;
    const combined = { ...request, path: [...request.path, ...path], label: `${request.label}.${path.join('.')}` };
    return this.sourceFromPath(combined, argument, kind) ?? CLEAN;
  }
}
