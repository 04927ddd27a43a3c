/**
 * Sink roles: how a sink reads the argument it is given, so that only the parts that matter are
 * checked. Text reads every interpolation, a URL only what decides where it points, HTML only
 * text (not a whole object sent as JSON), options only a whole request object, argv its elements,
 * and a NoSQL filter its values, with `$where` read as code and `$regex` as a pattern.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { mongoCodeOperators, mongoLiteralOperators, mongoRegexOperators } from '../../models/sinks/index.js';
import type { TaintKind } from '../../models/taint-types.js';
import { memberKeyName, unwrap } from '../../utils/ast.js';
import type { SinkRole, Taint } from './types.js';
import { TaintSummaries } from './summaries.js';

/** Roles read as another kind than the sink's: `$where` code and `$regex` patterns in a filter. */
export const ROLE_KINDS: Partial<Record<SinkRole, TaintKind>> = { code: 'code', regex: 'regex' };

/** The tainted parts of a sink argument, by role. */
export abstract class TaintSinkRoles extends TaintSummaries {
  /** The tainted parts of a sink argument, with the role each is read in. */
  protected argumentTaints(argument: TSESTree.Node, role: SinkRole, kind: TaintKind): [TSESTree.Node, Taint, SinkRole][] {
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
