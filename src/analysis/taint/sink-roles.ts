/**
 * Sink roles: how a sink reads the argument it is given, so that only the parts that matter are
 * checked. Text reads every interpolation, a URL only what decides where it points, HTML only
 * text (not a whole object sent as JSON), options only a whole request object, argv its elements,
 * and a NoSQL filter its values, with `$where` read as code and `$regex` as a pattern.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { arrayResultMethods, propagatingFunctions, recordResultFunctions, stringResultFunctions, stringResultMethods } from '../../models/sanitizers.js';
import { mongoCodeOperators, mongoLiteralOperators, mongoRegexOperators } from '../../models/sinks/index.js';
import type { TaintKind } from '../../models/taint-types.js';
import { dottedName, findVariable, type FunctionNode, memberKeyName, propertyName, unwrap, scopeOf } from '../../utils/ast.js';
import type { SinkRole, Taint } from './types.js';
import { walkOwn } from './engine-context.js';
import { TaintSummaries } from './summaries.js';
import { isParentChecked, originKeyOf } from './taint-set.js';

const PROPAGATING = new Set<string>(propagatingFunctions);
const STRING_FUNCTIONS = new Set<string>(stringResultFunctions);
const STRING_METHODS = new Set<string>(stringResultMethods);
const RECORD_FUNCTIONS = new Set<string>(recordResultFunctions);
const ARRAY_METHODS = new Set<string>(arrayResultMethods);

/** How deep the judgement of a body as a record follows variables, awaits and helpers. */
const MAX_RECORD_DEPTH = 8;

/** How a function returns, for callers in other files (see `returnShape`). */
export interface ReturnShape {
  text: boolean;
  parameters: number[];
}

/** Roles read as another kind than the sink's: `$where` code and `$regex` patterns in a filter. */
export const ROLE_KINDS: Partial<Record<SinkRole, TaintKind>> = { code: 'code', regex: 'regex' };

/** The tainted parts of a sink argument, by role. */
export abstract class TaintSinkRoles extends TaintSummaries {
  /** Judgements of values as records and of functions as returning text, made once each. */
  private readonly records = new Map<TSESTree.Node, boolean>();
  private readonly textReturns = new Map<FunctionNode, boolean>();

  /** The tainted parts of a sink argument, with the role each is read in. */
  protected argumentTaints(argument: TSESTree.Node, role: SinkRole, kind: TaintKind): [TSESTree.Node, Taint, SinkRole][] {
    const result: [TSESTree.Node, Taint, SinkRole][] = [];
    const target = unwrap(argument);
    if (role === 'url' || role === 'html') {
      // In HTML, the request's URL as sent is left out of double-quoted attributes (see `htmlParts`).
      const pieces = role === 'url' ? this.urlPieces(target, kind) : ((kind === 'xss' ? this.htmlParts(target) : null) ?? this.pieces(target).filter((piece) => typeof piece !== 'string'));
      for (const part of pieces) {
        // `res.send(req.body)`, `ctx.body = await save(doc)` send JSON; only text (a field, a
        // template) is read as HTML.
        if (role === 'html' && part === target && this.isRecord(part, 0)) continue;
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
      // Input checked for `..` only counts where the whole path keeps it: not after a root (see `parentChecked`).
      const kept = kind === 'path' ? new Set(this.evaluate(target, kind).filter(isParentChecked).map(originKeyOf)) : null;
      for (const part of kind === 'path' ? textParts(target).flatMap((inner) => this.pathParts(inner, 0)) : textParts(target)) {
        for (const taint of this.evaluate(part, kind)) {
          if (taint.container || (kept !== null && isParentChecked(taint) && !kept.has(originKeyOf(taint)))) continue;
          result.push([part, taint, role]);
        }
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

  /**
   * A value that is an object, sent as JSON by a response body (never rendered as markup): an
   * object or array literal, the whole parsed body or query, a variable only ever given records,
   * the awaited result of a call whose function is out of view, or the result of a function in
   * view none of whose returns builds or passes on text. Conservative: anything else may be text.
   */
  protected isRecord(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_RECORD_DEPTH) return false;
    const target = unwrap(node);
    const known = this.records.get(target);
    if (known !== undefined) return known;
    this.records.set(target, false); // a value defined through itself is not proven a record
    const result = this.judgeRecord(target, depth);
    this.records.set(target, result);
    return result;
  }

  private judgeRecord(target: TSESTree.Node, depth: number): boolean {
    if (this.isWholeInput(target)) return true;
    switch (target.type) {
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
        return true;
      // `return null` beside `return { … }`: no text either way.
      case AST_NODE_TYPES.Literal:
        return target.value === null || typeof target.value === 'number' || typeof target.value === 'boolean';
      case AST_NODE_TYPES.AwaitExpression: {
        const argument = unwrap(target.argument);
        return argument.type === AST_NODE_TYPES.CallExpression ? this.isRecordResult(argument, true, depth) : this.isRecord(argument, depth + 1);
      }
      case AST_NODE_TYPES.CallExpression:
        return this.isRecordResult(target, false, depth);
      case AST_NODE_TYPES.Identifier: {
        if (target.name === 'undefined') return true;
        const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
        if (!variable || variable.defs.some((definition) => definition.type !== 'Variable')) return false;
        // `const { secret, ...rest } = doc`: the rest of an object is an object.
        const [definition] = variable.defs;
        if (variable.defs.length === 1 && definition?.name.parent?.type === AST_NODE_TYPES.RestElement && definition.name.parent.parent?.type === AST_NODE_TYPES.ObjectPattern) return true;
        const writes = variable.references.filter((reference) => reference.isWrite());
        return (
          writes.length > 0 &&
          writes.every((write) => {
            const parent = write.identifier.parent;
            const whole =
              (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id === write.identifier) ||
              (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === write.identifier && parent.operator === '=');
            return whole && write.writeExpr !== null && write.writeExpr !== undefined && this.isRecord(write.writeExpr, depth + 1);
          })
        );
      }
      default:
        return false;
    }
  }

  /**
   * The result of a call is a record when its function is in view and returns no text, or, once
   * awaited, when its function is out of view and is not one the engine models as passing its
   * input on (`Promise.resolve(x)`, a method of a value that carries input).
   */
  private isRecordResult(call: TSESTree.CallExpression, awaited: boolean, depth: number): boolean {
    const local = this.calledFunction(call);
    if (local) return !this.returnsText(local, true, depth + 1) || this.recordThroughParameters(local, call, true, depth + 1);
    const remote = this.input.project?.returned(call, 'xss');
    if (remote) {
      // Judged in its own file, by its engine, as a function of this file is here.
      const shape = this.input.project?.returnShape(call);
      if (!shape || shape.text) return false;
      return shape.parameters.every((index) => {
        const argument = call.arguments[index];
        return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && this.isRecord(argument, depth + 1);
      });
    }
    const name = dottedName(call.callee);
    // `urls.map(…)`, `Object.entries(query)`: an array or object whatever the input holds.
    if (name !== null && RECORD_FUNCTIONS.has(name)) return true;
    const method = unwrap(call.callee);
    if (method.type === AST_NODE_TYPES.MemberExpression && ARRAY_METHODS.has(propertyName(method.property) ?? '')) return true;
    if (!awaited || this.requestPath(call, 0)) return false;
    if (name !== null && (PROPAGATING.has(name) || STRING_FUNCTIONS.has(name))) return false;
    const callee = unwrap(call.callee);
    return callee.type !== AST_NODE_TYPES.MemberExpression || this.evaluate(callee.object, 'xss').length === 0;
  }

  private readonly texts = new Map<TSESTree.Node, boolean>();

  /**
   * Whether a value is shown to be text, for a response method that sends a string as HTML and
   * anything else as JSON (Hapi's `h.response(value)`, see `ResponseSinkModel.textOnly`): a string
   * built here (literal, template, `+`, a string method or function), a field of the request (not
   * the whole parsed body), a variable whose every write is text, or the result of a function that
   * may return text (of this file: a return shown to be text; of another file: its return shape).
   * Anything else (a model's `toJson()`, an object from a service) is of unknown type and not read.
   */
  protected isText(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_RECORD_DEPTH) return false;
    const target = unwrap(node);
    const known = this.texts.get(target);
    if (known !== undefined) return known;
    this.texts.set(target, false); // a value defined through itself is not shown to be text
    const result = this.judgeText(target, depth);
    this.texts.set(target, result);
    return result;
  }

  private judgeText(target: TSESTree.Node, depth: number): boolean {
    if (buildsText(target)) return true;
    if (this.requestPath(target, 0) !== null) return !this.isWholeInput(target);
    // `JSON.stringify(x)`, `util.format(…)`: a function of a module that returns a string.
    if (target.type === AST_NODE_TYPES.CallExpression && STRING_FUNCTIONS.has(dottedName(target.callee) ?? '')) return true;
    switch (target.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.isText(target.argument, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.isText(target.consequent, depth + 1) || this.isText(target.alternate, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return this.isText(target.left, depth + 1) || this.isText(target.right, depth + 1);
      case AST_NODE_TYPES.CallExpression: {
        const local = this.calledFunction(target);
        if (local) {
          const values: TSESTree.Node[] = [];
          if (local.body.type !== AST_NODE_TYPES.BlockStatement) values.push(local.body);
          else walkOwn(local.body, (inner) => {
            if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
          });
          const params = new Set(local.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
          return values.some((value) => passesParameter(value, params) || this.isText(value, depth + 1));
        }
        return this.input.project?.returned(target, 'xss') ? (this.input.project.returnShape(target)?.text ?? true) : false;
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
        if (!variable) return false;
        // A parameter of a helper (`const page = (q) => h.response(q)`): its callers decide; read it.
        if (variable.defs.some((definition) => definition.type === 'Parameter')) return true;
        return variable.references.some((reference) => {
          if (!reference.isWrite()) return false;
          const parent = reference.identifier.parent;
          // `html += row`: text by construction.
          if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '+=') return true;
          // `const { name } = request.params`: a field of the request.
          if (parent.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
            const declarator = parent.parent.parent;
            return declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.init !== null && this.requestPath(declarator.init, 0) !== null;
          }
          return reference.writeExpr !== null && reference.writeExpr !== undefined && this.isText(reference.writeExpr, depth + 1);
        });
      }
      default:
        return false;
    }
  }

  private readonly shapes = new Map<FunctionNode, ReturnShape>();

  /**
   * What a function of this file returns, for a caller in another file: `text` when a return
   * builds a string or gives a value not judged a record; otherwise the parameters some return
   * hands back (their arguments at the call decide), every other return being a record.
   */
  returnShape(fn: FunctionNode): ReturnShape {
    const known = this.shapes.get(fn);
    if (known) return known;
    const shape: ReturnShape = { text: true, parameters: [] };
    this.shapes.set(fn, shape); // recursion: text until shown otherwise
    const values: TSESTree.Node[] = [];
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
    else walkOwn(fn.body, (inner) => {
      if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
    });
    const indexOf = new Map(fn.params.flatMap((param, index) => (param.type === AST_NODE_TYPES.Identifier ? [[param.name, index] as const] : [])));
    const parameters = new Set<number>();
    const leafIsRecord = (leaf: TSESTree.Node, depth: number): boolean => {
      const target = unwrap(leaf);
      if (depth > MAX_RECORD_DEPTH) return false;
      if (target.type === AST_NODE_TYPES.AwaitExpression) return leafIsRecord(target.argument, depth + 1);
      if (target.type === AST_NODE_TYPES.ConditionalExpression) return leafIsRecord(target.consequent, depth + 1) && leafIsRecord(target.alternate, depth + 1);
      if (target.type === AST_NODE_TYPES.LogicalExpression) return leafIsRecord(target.left, depth + 1) && leafIsRecord(target.right, depth + 1);
      if (target.type === AST_NODE_TYPES.Identifier && indexOf.has(target.name) && findVariable(scopeOf(this.sourceCode, target), target.name)?.defs[0]?.type === 'Parameter') {
        parameters.add(indexOf.get(target.name)!);
        return true;
      }
      return !buildsText(target) && this.isRecord(target, 0);
    };
    if (values.length > 0 && values.every((value) => leafIsRecord(value, 0))) {
      shape.text = false;
      shape.parameters = [...parameters].sort((a, b) => a - b);
    }
    return shape;
  }

  /**
   * Whether a function may return text: a return builds a string, hands back a parameter, or (for
   * a function of this file, whose scope can be read) returns a value not judged a record. A
   * function of another file is read by its syntax alone.
   */
  private returnsText(fn: FunctionNode, local: boolean, depth: number): boolean {
    const known = this.textReturns.get(fn);
    if (known !== undefined) return known;
    this.textReturns.set(fn, true); // recursion: assume text until shown otherwise
    const values: TSESTree.Node[] = [];
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
    else walkOwn(fn.body, (inner) => {
      if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
    });
    const params = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
    const result = values.some((value) => {
      if (buildsText(value) || passesParameter(value, params)) return true;
      return local && !this.isRecord(value, depth);
    });
    this.textReturns.set(fn, result);
    return result;
  }

  /**
   * A helper that hands back one of its parameters (`if (!agent.secret) return agent`) returns a
   * record at a call whose argument there is one: every return is a record built in place (for a
   * function of this file), or a parameter whose argument at `call` is a record.
   */
  private recordThroughParameters(fn: FunctionNode, call: TSESTree.CallExpression, local: boolean, depth: number): boolean {
    if (depth > 6) return false;
    const values: TSESTree.Node[] = [];
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
    else walkOwn(fn.body, (inner) => {
      if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
    });
    const indexOf = new Map(fn.params.flatMap((param, index) => (param.type === AST_NODE_TYPES.Identifier ? [[param.name, index] as const] : [])));
    const leafIsRecord = (leaf: TSESTree.Node): boolean => {
      const target = unwrap(leaf);
      if (target.type === AST_NODE_TYPES.AwaitExpression) return leafIsRecord(target.argument);
      if (target.type === AST_NODE_TYPES.ConditionalExpression) return leafIsRecord(target.consequent) && leafIsRecord(target.alternate);
      if (target.type === AST_NODE_TYPES.LogicalExpression) return leafIsRecord(target.left) && leafIsRecord(target.right);
      if (target.type === AST_NODE_TYPES.Identifier && indexOf.has(target.name)) {
        const argument = call.arguments[indexOf.get(target.name)!];
        return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && this.isRecord(argument, depth + 1);
      }
      if (buildsText(target)) return false;
      return local && this.isRecord(target, depth + 1);
    };
    return values.length > 0 && values.every(leafIsRecord);
  }

  /** `path.join(ROOT, req.params.name)` written inline: report the tainted segment, not the call. */
  private pathParts(node: TSESTree.Node, depth: number): TSESTree.Node[] {
    const target = unwrap(node);
    if (depth > 3 || target.type !== AST_NODE_TYPES.CallExpression || !this.isPathFunction(target)) return [target];
    // A segment stripped of its `..` after `path.normalize` stays under the root `join` puts it in.
    const join = this.pathFunctionName(target) === 'join';
    const parts = target.arguments.flatMap((argument, index) => (join && index > 0 && this.confinedSegment(argument) ? [] : this.pathParts(argument, depth + 1)));
    return parts.some((part) => this.evaluate(part, 'path').length > 0) ? parts : [target];
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
    if (target.type === AST_NODE_TYPES.Identifier) this.builtFilterTaints(target, kind, result);
    for (const taint of this.evaluate(target, kind)) result.push([target, taint, 'filter']);
  }

  /**
   * A filter built in a variable, then completed by assignments before the query: `const filter =
   * { shop }; filter.$where = \`this.price <= ${max}\``, `filter[key] = value`. Its code operators
   * are read as code (in the literal or assigned), and a key the client chooses as a filter value
   * (it can name an operator), as in a literal; the values assigned reach the filter through the
   * variable's taint.
   */
  private builtFilterTaints(identifier: TSESTree.Identifier, kind: TaintKind, result: [TSESTree.Node, Taint, SinkRole][]): void {
    const variable = findVariable(scopeOf(this.sourceCode, identifier), identifier.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name) return;
    const code = (value: TSESTree.Node): void => {
      for (const taint of this.evaluate(value, 'code')) if (!taint.container) result.push([value, taint, 'code']);
    };
    const init = definition.node.init ? unwrap(definition.node.init) : null;
    if (init?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of init.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = memberKeyName(property);
        if (key !== null && (mongoCodeOperators as readonly string[]).includes(key)) code(property.value);
      }
    }
    for (const reference of variable.references) {
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
      const assignment = member.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member || assignment.range[0] > identifier.range[0]) continue;
      const key = member.computed ? (member.property.type === AST_NODE_TYPES.Literal ? String(member.property.value) : null) : propertyName(member.property);
      if (key !== null && (mongoCodeOperators as readonly string[]).includes(key)) code(assignment.right);
      else if (key === null) for (const taint of this.evaluate(member.property, kind)) result.push([member.property, taint, 'filter']);
    }
  }
}

/** A string built in place: a literal, template, concatenation or a string method's result. */
function buildsText(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return typeof target.value === 'string';
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return target.operator === '+';
    case AST_NODE_TYPES.ConditionalExpression:
      return buildsText(target.consequent) || buildsText(target.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return buildsText(target.left) || buildsText(target.right);
    case AST_NODE_TYPES.AwaitExpression:
      return buildsText(target.argument);
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(target.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) return STRING_METHODS.has(propertyName(callee.property) ?? '');
      const name = dottedName(callee);
      return name !== null && STRING_FUNCTIONS.has(name);
    }
    default:
      return false;
  }
}

/** A return that hands back a parameter, whole or through `??`, `||` or `?:`. */
function passesParameter(node: TSESTree.Node, params: ReadonlySet<string>): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) return params.has(target.name);
  if (target.type === AST_NODE_TYPES.AwaitExpression) return passesParameter(target.argument, params);
  if (target.type === AST_NODE_TYPES.ConditionalExpression) return passesParameter(target.consequent, params) || passesParameter(target.alternate, params);
  if (target.type === AST_NODE_TYPES.LogicalExpression) return passesParameter(target.left, params) || passesParameter(target.right, params);
  return false;
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
