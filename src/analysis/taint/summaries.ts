/**
 * Summaries of this file's functions: which same-file function a call runs, the calls of each
 * function, what a function returns (its sources and its parameters as placeholders), and how a
 * placeholder maps to the argument of a call. The cross-file links ask for the same summaries.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { readRequestInput, stepsOf } from '../routes/request-inputs.js';
import { routeTableEntries } from '../routes/dispatch-branches.js';
import type { TaintKind } from '../../models/taint-types.js';
import { type FunctionNode, type Scope, findVariable, isFunction, memberKeyName, nodesOfType, propertyName, resolveFunction, unwrap, scopeOf, scopeLookup } from '../../utils/ast.js';
import type { Taint } from './types.js';
import { CLEAN, decodedUrls, MAX_DEPTH, merge } from './taint-set.js';
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

  private news: TSESTree.NewExpression[] | null = null;

  /** Every `new` expression of the file. */
  allConstructions(): TSESTree.NewExpression[] {
    this.news ??= nodesOfType(this.sourceCode.ast, AST_NODE_TYPES.NewExpression);
    return this.news;
  }

  /** The calls of this file to `fn`, a function of this file. */
  callSitesOf(fn: FunctionNode): TSESTree.CallExpression[] {
    if (!this.callSites) {
      this.callSites = new Map();
      for (const call of this.allCalls()) {
        const target = this.calledFunction(call);
        // A call of the entry a handler selected from a route table (`match[2](req, res, url)`) is a
        // call of each entry's function of this file with its arguments.
        const targets = target ? [target] : this.tableFunctions(call);
        for (const fn of targets) {
          const list = this.callSites.get(fn) ?? [];
          list.push(call);
          this.callSites.set(fn, list);
        }
      }
    }
    return this.callSites.get(fn) ?? [];
  }

  /** The functions of this file among the entries of the route table whose selected entry `call` calls (see `routeTableEntries`). */
  private tableFunctions(call: TSESTree.CallExpression): FunctionNode[] {
    const scopeOf = (node: TSESTree.Node): Scope => scopeLookup(this.sourceCode)(node);
    const functions: FunctionNode[] = [];
    for (const entry of routeTableEntries(call.callee, this.sourceCode)) {
      // An entry of another module's table runs a function of that module or one it imports: the cross-file links' business.
      if (entry.module) continue;
      const fn = resolveFunction(entry.answer, scopeOf(entry.answer));
      if (fn) functions.push(fn);
    }
    return functions;
  }

  /** The same-file function a call invokes: a named function, a `const` function or `this.method`. */
  protected calledFunction(call: TSESTree.CallExpression): FunctionNode | null {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const fn = resolveFunction(callee, scopeOf(this.sourceCode, callee));
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
      const fn = resolveFunction(callee, scopeOf(this.sourceCode, callee));
      if (fn) return fn !== call.arguments.find((argument) => argument === fn) ? fn : null;
    }
    // `this.repo.search(term)`, `(repo: UserRepository) => repo.search(term)`: an instance of a
    // class of this file, injected through a typed constructor parameter or field, or made there.
    if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
      const name = propertyName(callee.property);
      const owner = this.instanceClass(unwrap(callee.object));
      return owner && name !== null ? classMethod(owner, name, this.sourceCode) : null;
    }
    return null;
  }

  /** The class of this file whose instance `node` is, by its type or its `new`: `this.repo` (a field or a constructor parameter property), a typed parameter. */
  private instanceClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
    const scopeOf = (inner: TSESTree.Node): Scope => scopeLookup(this.sourceCode)(inner);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const definition = findVariable(scopeOf(node), node.name)?.defs[0];
      return definition?.type === 'Parameter' ? localClass(definition.name, null, scopeOf) : null;
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.object.type !== AST_NODE_TYPES.ThisExpression) return null;
    const field = propertyName(node.property);
    let body: TSESTree.Node | undefined = node.parent;
    while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
    if (!body || field === null) return null;
    // Asked for every call through a field: the class body is read once per field.
    let fields = this.fieldClasses.get(body);
    if (!fields) {
      fields = new Map();
      this.fieldClasses.set(body, fields);
    }
    if (fields.has(field)) return fields.get(field)!;
    fields.set(field, null);
    const found = this.fieldClass(body, field, scopeOf);
    fields.set(field, found);
    return found;
  }

  private readonly fieldClasses = new WeakMap<TSESTree.ClassBody, Map<string, TSESTree.ClassDeclaration | TSESTree.ClassExpression | null>>();

  /** The class of this file whose instance the field `field` of a class holds (see `instanceClass`). */
  private fieldClass(body: TSESTree.ClassBody, field: string, scopeOf: (node: TSESTree.Node) => Scope): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
    for (const element of body.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && memberKeyName(element) === field) return localClass(element, element.value, scopeOf);
      if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
      for (const param of element.value.params) {
        const declared = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : null;
        if (declared?.type === AST_NODE_TYPES.Identifier && declared.name === field) return localClass(declared, null, scopeOf);
      }
      // `this.repo = new UserRepository(db)`, `this.repo = repo` of a typed parameter.
      for (const statement of element.value.body?.body ?? []) {
        if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
        const { left, right } = statement.expression;
        if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.ThisExpression || left.computed || propertyName(left.property) !== field) continue;
        const value = unwrap(right);
        return value.type === AST_NODE_TYPES.Identifier ? this.instanceClass(value) : localClass(null, value, scopeOf);
      }
    }
    return null;
  }

  /**
   * The member `name` of what `fn` returns for this call, when it hands back a parameter it was
   * given (`return obj`, `return await store.run(obj)` of a function out of view): that member of
   * the argument, so an object written at the call is read field by field as if it were read
   * there (`const args = await filters('mail', { to: req.body.email, template })` read as
   * `args.template`). What else it returns (its own sources, request data it merged in) is read
   * through the member as usual. Null when no parameter comes back as a value of its own (a field
   * of an object literal it builds, or nothing): then the call is read whole.
   */
  protected returnedMember(
    fn: FunctionNode,
    call: TSESTree.CallExpression,
    name: string,
    kind: TaintKind,
    depth: number,
    summary: readonly Taint[] = this.returnSummary(fn, kind, depth),
  ): readonly Taint[] | null {
    if (!summary.some((taint) => taint.origin.type === 'param' && taint.origin.fn === fn && taint.origin.direct && !taint.container)) return null;
    const result: (readonly Taint[])[] = [];
    for (const taint of summary) {
      if (taint.origin.type === 'param' && taint.origin.fn === fn && taint.origin.direct && !taint.container) {
        const argument = call.arguments[taint.origin.index];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const passed = this.atCallSite(argument, [...taint.origin.path, name], kind, depth);
        result.push(kind === 'xss' ? decodedUrls(passed) : passed);
      } else {
        result.push(this.memberStep(this.returnedTaints(fn, call, kind, depth, [taint]), name, kind));
      }
    }
    return merge(result);
  }

  /**
   * Taints a function returns for this call: its own sources plus mapped parameters. `summary` is
   * what it returns (for a function of another file, its engine's `returnSummary`).
   */
  protected returnedTaints(
    fn: FunctionNode,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    kind: TaintKind,
    depth: number,
    summary: readonly Taint[] = this.returnSummary(fn, kind, depth),
  ): readonly Taint[] {
    const result: (readonly Taint[])[] = [];
    for (const taint of summary) {
      if (taint.origin.type === 'param' && taint.origin.fn === fn) {
        const argument = call.arguments[taint.origin.index];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const passed = this.atCallSite(argument, taint.origin.path, kind, depth).map((mapped) => ({ ...mapped, container: mapped.container && taint.container }));
        // What a function made of the URL as sent may be decoded (see `undecodedUrl`).
        result.push(kind === 'xss' ? decodedUrls(passed) : passed);
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

  private readonly constructorFields = new Map<string, Map<FunctionNode, readonly Taint[]>>();

  /**
   * What a constructor stores in the field `name` of the instance it builds: the values of its
   * `this.name = value` assignments (in its own body, not in callbacks that may run later) and a
   * parameter property of that name (`constructor(private readonly service: string)`), with its
   * parameters as placeholders. With `member`, only that member of the stored value
   * (`this.options = { ...input, headers }` read as `this.options.pathPrefix`). Computed once per
   * constructor, field and member.
   */
  constructorFieldSummary(ctor: FunctionNode, name: string, kind: TaintKind, depth = 0, member?: string): readonly Taint[] {
    const memoKey = `${kind}:${name}:${member ?? ''}`;
    let byFn = this.constructorFields.get(memoKey);
    if (!byFn) {
      byFn = new Map();
      this.constructorFields.set(memoKey, byFn);
    }
    const known = byFn.get(ctor);
    if (known) return known;
    byFn.set(ctor, CLEAN);
    const parts: (readonly Taint[])[] = [];
    for (const [index, param] of ctor.params.entries()) {
      if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
      const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
      if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) parts.push([{ origin: { type: 'param', fn: ctor, index, path: member === undefined ? [] : [member], direct: true }, container: false, schema: null }]);
    }
    walkOwn(ctor.body, (inner) => {
      if (inner.type !== AST_NODE_TYPES.AssignmentExpression || inner.operator !== '=' || inner.left.type !== AST_NODE_TYPES.MemberExpression) return;
      const target = inner.left;
      if (unwrap(target.object).type !== AST_NODE_TYPES.ThisExpression || target.computed || propertyName(target.property) !== name) return;
      if (member === undefined) parts.push(this.evaluate(inner.right, kind, depth));
      else parts.push(this.fieldOf(inner.right, member, kind, depth) ?? this.memberStep(this.evaluate(inner.right, kind, depth), member, kind));
    });
    const summary = merge(parts);
    byFn.set(ctor, summary);
    return summary;
  }

  private readonly constructions = new Map<TSESTree.Node, TSESTree.NewExpression[]>();

  /** The `new C(…)` expressions of this file that build the class `classNode` of this file. */
  protected constructionsOf(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.NewExpression[] {
    const known = this.constructions.get(classNode);
    if (known) return known;
    const found: TSESTree.NewExpression[] = [];
    for (const node of this.allConstructions()) {
      if (classOfConstruction(node, (inner) => scopeOf(this.sourceCode, inner)) === classNode) found.push(node);
    }
    this.constructions.set(classNode, found);
    return found;
  }

  /**
   * The field `name` of the instance `new C(…)` builds, for a class of this file or of another
   * project file with a constructor of its own: what the constructor stores there, its parameters
   * mapped to the arguments. Null for any other class.
   */
  protected constructedField(node: TSESTree.NewExpression, name: string, kind: TaintKind, depth: number): readonly Taint[] | null {
    const classNode = classOfConstruction(node, (inner) => scopeOf(this.sourceCode, inner));
    const ctor = classNode ? constructorOf(classNode) : null;
    if (ctor) return this.returnedTaints(ctor, node, kind, depth, this.constructorFieldSummary(ctor, name, kind, depth));
    const remote = this.input.project?.constructedField(node, name, kind);
    return remote ? this.returnedTaints(remote.fn, node, kind, depth, remote.summary) : null;
  }

  /**
   * `this.name` read in a method of a class of this file that does not write it first: what the
   * constructor stored there, for each `new C(…)` of this file, plus the constructor's parameters
   * as placeholders, which the callers of other files fill (`incoming`). With `member`, only that
   * member of it (`this.options.pathPrefix`). Null when the read is in no such method.
   */
  /** What `constructorStoredField` answered, by read, kind and member. */
  private readonly storedFieldAnswers = new Map<string, readonly Taint[]>();

  protected constructorStoredField(read: TSESTree.MemberExpression, name: string, kind: TaintKind, depth: number, member?: string): readonly Taint[] | null {
    let fn: TSESTree.Node | undefined = read.parent;
    while (fn && (!isFunction(fn) || fn.type === AST_NODE_TYPES.ArrowFunctionExpression)) fn = fn.parent;
    const method = fn?.parent;
    if (!fn || method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind === 'constructor' || method.static) return null;
    const classNode = method.parent.parent;
    const ctor = constructorOf(classNode);
    if (!ctor) return null;
    if (!storesField(ctor, name)) return null;
    // A field whose constructions are given a read of the same field (`new Node(this.child)`) leads
    // back here: a read met again while it is worked out adds nothing, and each answer is kept.
    const key = `${String(read.range[0])}:${kind}:${member ?? ''}`;
    const known = this.storedFieldAnswers.get(key);
    if (known !== undefined) return known;
    if (depth >= MAX_DEPTH) return null;
    this.storedFieldAnswers.set(key, CLEAN);
    const summary = this.constructorFieldSummary(ctor, name, kind, depth + 1, member);
    const parts: (readonly Taint[])[] = [summary];
    if (summary.length > 0) for (const construction of this.constructionsOf(classNode)) parts.push(this.returnedTaints(ctor, construction, kind, depth + 1, summary));
    const answer = summary.length === 0 ? CLEAN : merge(parts);
    this.storedFieldAnswers.set(key, answer);
    return answer;
  }

  /** `returnedFieldSummary` for the questions of other files (see `ProjectLinks.returnedField`). */
  fieldReturnSummary(fn: FunctionNode, name: string, kind: TaintKind): readonly Taint[] | null {
    return this.returnedFieldSummary(fn, name, kind, 0);
  }

  /**
   * The object or array literal an argument is: written at the call, or held by a `const` whose every
   * other read only reads its members (not written through them, handed on or aliased), so the
   * literal is what the helper receives. Null otherwise.
   */
  private literalArgument(argument: TSESTree.Node): TSESTree.ObjectExpression | TSESTree.ArrayExpression | null {
    const target = unwrap(argument);
    if (target.type === AST_NODE_TYPES.ObjectExpression || target.type === AST_NODE_TYPES.ArrayExpression) return target;
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const init = this.constInit(target);
    if (init?.type !== AST_NODE_TYPES.ObjectExpression && init?.type !== AST_NODE_TYPES.ArrayExpression) return null;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    if (!variable) return null;
    // The reads that hand the variable on whole, listed once per variable: a literal passed to many
    // helpers must not have its references scanned for each.
    let handedOn = this.handedOnReads.get(variable);
    if (!handedOn) {
      handedOn = variable.references.filter((reference) => reference.init !== true && !memberReadOnly(reference.identifier)).map((reference) => reference.identifier);
      this.handedOnReads.set(variable, handedOn);
    }
    return handedOn.every((read) => read === target) ? init : null;
  }

  private readonly handedOnReads = new WeakMap<object, TSESTree.Node[]>();

  /** The taint of `argument` read through `path` (the members a helper reads from its parameter). */
  atCallSite(argument: TSESTree.Node, path: readonly string[], kind: TaintKind, depth = 0): readonly Taint[] {
    // `readBody(req)`: the helper streams its parameter; the body is input when `req` is a request.
    if (path[0] === STREAMED_BODY) return kind === 'nosql' ? CLEAN : this.bodyStream(argument);
    // `build({ action: req.query.action, referrer })` where the helper reads only `referrer`: an
    // object written at the call is read field by field, so its other fields do not taint the read.
    // So is a literal a `const` holds and nothing else reads but through its members
    // (`const settings = { apps: [{ url }] }; start(settings)` where the helper reads
    // `settings.apps[i].icon`), and an array literal read at an index.
    const literal = path.length > 0 ? this.literalArgument(argument) : null;
    const [field, ...rest] = path;
    if (literal?.type === AST_NODE_TYPES.ObjectExpression && field !== undefined && field !== '*' && literal.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed)) {
      const property = literal.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate) === field);
      return property?.type === AST_NODE_TYPES.Property ? this.atCallSite(property.value, rest, kind, depth) : CLEAN;
    }
    if (literal?.type === AST_NODE_TYPES.ArrayExpression && field !== undefined && (field === '*' || /^\d+$/.test(field))) {
      const elements = literal.elements;
      if (elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement)) {
        const read = field === '*' ? elements : [elements[Number(field)]];
        return merge(read.map((element) => (element ? this.atCallSite(element, rest, kind, depth) : CLEAN)));
      }
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

/** How a read of a variable uses it: only through its members (`s.apps[0].url`), written through them, or handed on whole. */
function memberReadOnly(identifier: TSESTree.Node): boolean {
  let top: TSESTree.Node = identifier;
  while (top.parent?.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) top = top.parent;
  if (top === identifier) return false;
  const use = top.parent;
  if (!use) return true;
  if (use.type === AST_NODE_TYPES.AssignmentExpression && use.left === top) return false;
  if (use.type === AST_NODE_TYPES.UpdateExpression || (use.type === AST_NODE_TYPES.UnaryExpression && use.operator === 'delete')) return false;
  // A member handed on (`fill(s.apps)`), aliased (`const apps = s.apps`) or called as a method (`s.apps.push(x)`) may change.
  if (use.type === AST_NODE_TYPES.CallExpression || use.type === AST_NODE_TYPES.NewExpression) return false;
  if (use.type === AST_NODE_TYPES.VariableDeclarator || use.type === AST_NODE_TYPES.AssignmentExpression || use.type === AST_NODE_TYPES.Property || use.type === AST_NODE_TYPES.ArrayExpression) return false;
  if (use.type === AST_NODE_TYPES.SpreadElement || use.type === AST_NODE_TYPES.ReturnStatement || use.type === AST_NODE_TYPES.ForOfStatement || use.type === AST_NODE_TYPES.ForInStatement) return false;
  return true;
}

/** The class of this file a `new` expression builds (`new C(…)` with `C` a class declared or bound here), or null. */
function classOfConstruction(node: TSESTree.NewExpression, scopeOf: (node: TSESTree.Node) => Scope): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  const callee = unwrap(node.callee);
  if (callee.type === AST_NODE_TYPES.ClassExpression) return callee;
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = findVariable(scopeOf(callee), callee.name)?.defs[0];
  if (definition?.type === 'ClassName' && (definition.node.type === AST_NODE_TYPES.ClassDeclaration || definition.node.type === AST_NODE_TYPES.ClassExpression)) return definition.node;
  if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = unwrap(definition.node.init);
    if (init.type === AST_NODE_TYPES.ClassExpression) return init;
  }
  return null;
}

/** The class's own constructor, or null (a class without one inherits its base class's). */
function constructorOf(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): FunctionNode | null {
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor' && member.value.type === AST_NODE_TYPES.FunctionExpression) return member.value;
  }
  return null;
}

/** The constructor stores the field `name`: a parameter property, or a `this.name = …` of its own body. */
function storesField(ctor: FunctionNode, name: string): boolean {
  const property = ctor.params.some((param) => {
    if (param.type !== AST_NODE_TYPES.TSParameterProperty) return false;
    const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
    return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
  });
  if (property) return true;
  let found = false;
  walkOwn(ctor.body, (inner) => {
    if (found || inner.type !== AST_NODE_TYPES.AssignmentExpression || inner.left.type !== AST_NODE_TYPES.MemberExpression) return;
    if (unwrap(inner.left.object).type === AST_NODE_TYPES.ThisExpression && !inner.left.computed && propertyName(inner.left.property) === name) found = true;
  });
  return found;
}

/**
 * The class of this file that a typed binding names (`repo: UserRepository`) or that `value`
 * instantiates (`new UserRepository(db)`): a class declaration of the file, by its scope.
 */
function localClass(typed: TSESTree.Node | null, value: TSESTree.Node | null | undefined, scopeOf: (node: TSESTree.Node) => Scope): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  let name: TSESTree.Identifier | null = null;
  const annotation = typed && 'typeAnnotation' in typed ? (typed.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation : undefined;
  if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier) name = annotation.typeName;
  const created = value ? unwrap(value) : null;
  if (!name && created?.type === AST_NODE_TYPES.NewExpression && created.callee.type === AST_NODE_TYPES.Identifier) name = created.callee;
  if (!name) return null;
  const definition = findVariable(scopeOf(name), name.name)?.defs[0];
  return definition?.type === 'ClassName' && (definition.node.type === AST_NODE_TYPES.ClassDeclaration || definition.node.type === AST_NODE_TYPES.ClassExpression) ? definition.node : null;
}

/** Base classes followed from a class to the one defining a method. */
const MAX_BASES = 4;

/** The instance method `name` of a class of this file, or of a base class of this file. */
function classMethod(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, sourceCode: Readonly<{ getScope: (node: TSESTree.Node) => Scope }>): FunctionNode | null {
  let current: TSESTree.ClassDeclaration | TSESTree.ClassExpression | null = owner;
  for (let step = 0; current && step <= MAX_BASES; step++) {
    for (const element of current.body.body) {
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && !element.static && memberKeyName(element) === name) return isFunction(element.value) ? element.value : null;
      if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && memberKeyName(element) === name) return element.value && isFunction(element.value) ? element.value : null;
    }
    const base: TSESTree.Node | null = current.superClass;
    const definition: TSESLint.Scope.Definition | undefined = base?.type === AST_NODE_TYPES.Identifier ? findVariable(scopeOf(sourceCode, base), base.name)?.defs[0] : undefined;
    current = definition?.type === 'ClassName' && (definition.node.type === AST_NODE_TYPES.ClassDeclaration || definition.node.type === AST_NODE_TYPES.ClassExpression) ? definition.node : null;
  }
  return null;
}
