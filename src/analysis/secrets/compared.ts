import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { requestCredentialHeaders, secretComparisons } from '../../models/secrets.js';
import { transparentCallArgument, unwrapExpression } from './context.js';
import { scopeOf } from '../../utils/ast.js';

/*
 * A `*_KEY` constant that a handler compares with what the request sends
 * (`crypto.timingSafeEqual(Buffer.from(req.get('x-api-key')), Buffer.from(PARTNER_KEY))`,
 * `req.headers['x-api-key'] === PARTNER_KEY`) is the credential the server accepts: whoever reads
 * the source can call as the partner. The comparison proves it, not the name.
 */

const COMPARISONS = new Set(['===', '!==', '==', '!=']);
const MAX_HOPS = 3;
const HEADERS = new Set(requestCredentialHeaders.map((header) => header.toLowerCase()));
const COMPARERS = new Set(secretComparisons);

/** A header name a client sends a credential in (`x-api-key`, `x-partner-key`, `authorization`). */
function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return HEADERS.has(lower) || /^x-[\w-]*(?:key|token|secret|signature|auth)$/u.test(lower);
}

function stringOf(node: TSESTree.Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  const value = ASTUtils.getStaticValue(node as TSESTree.Expression)?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether an expression reads a credential header of the request: `req.get('x-api-key')`,
 * `req.header('x-api-key')`, `req.headers['x-api-key']`, `ctx.get(…)`, `c.req.header(…)`, also
 * wrapped (`String(… || '')`, `Buffer.from(…)`) or through a `const` (at most MAX_HOPS).
 */
function readsCredentialHeader(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, hops: number): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  const visit = (current: TSESTree.Node, depth: number): void => {
    if (found !== undefined || depth > 12) return;
    const expression = unwrapExpression(current);
    switch (expression.type) {
      case AST_NODE_TYPES.CallExpression: {
        const callee = expression.callee;
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const method = ASTUtils.getPropertyName(callee);
          const header = stringOf(expression.arguments[0]);
          if ((method === 'get' || method === 'header' || method === 'getHeader') && header !== undefined && isCredentialHeader(header)) {
            found = expression;
            return;
          }
        }
        const inner = transparentCallArgument(expression) ?? (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' ? expression.arguments[0] : undefined);
        if (inner !== undefined) visit(inner, depth + 1);
        return;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const header = expression.computed ? stringOf(expression.property) : ASTUtils.getPropertyName(expression) ?? undefined;
        const object = unwrapExpression(expression.object);
        if (header !== undefined && isCredentialHeader(header) && object.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(object) === 'headers') {
          found = expression;
        }
        return;
      }
      case AST_NODE_TYPES.LogicalExpression:
        visit(expression.left, depth + 1);
        return;
      case AST_NODE_TYPES.Identifier: {
        if (hops >= MAX_HOPS) return;
        const variable = ASTUtils.findVariable(scopeOf(sourceCode, expression), expression);
        const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (definition?.type === 'Variable' && definition.node.id === definition.name && definition.node.init !== null) {
          found = readsCredentialHeader(sourceCode, definition.node.init, hops + 1);
        }
        return;
      }
      default:
        return;
    }
  };
  visit(node, 0);
  return found;
}

/** The other side of a comparison `use` is part of: an operand of `===`, or the other argument of `timingSafeEqual`. */
function comparedWith(use: TSESTree.Node): TSESTree.Node[] {
  const parent = use.parent;
  if (parent?.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(parent.operator)) return [parent.left === use ? parent.right : parent.left];
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(use as TSESTree.CallExpressionArgument)) {
    const callee = parent.callee;
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(callee) : null;
    if (name !== null && COMPARERS.has(name)) return parent.arguments.filter((argument) => argument !== use);
  }
  return [];
}

/** The expressions that hold the value of `node`: itself, re-encoded (`Buffer.from(x)`), and the reads of a `const` it initialises. */
function usesOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, hops: number, out: TSESTree.Node[]): void {
  out.push(node);
  if (hops >= MAX_HOPS) return;
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.CallExpression && transparentCallArgument(current.parent) === current) {
    current = current.parent;
    out.push(current);
  }
  const parent = current.parent;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== current || parent.id.type !== AST_NODE_TYPES.Identifier) return;
  const variable = ASTUtils.findVariable(scopeOf(sourceCode, parent.id), parent.id);
  if (!variable || variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return;
  for (const reference of variable.references) {
    if (reference.isRead()) usesOf(sourceCode, reference.identifier, hops + 1, out);
  }
}

/**
 * The request read a string is compared with (its text, for the message), when the string, its
 * `const` or a re-encoding of either is compared (`===`, `timingSafeEqual`) with a credential
 * header of the request; else undefined.
 */
export function comparedRequestHeader(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | undefined {
  const uses: TSESTree.Node[] = [];
  usesOf(sourceCode, node, 0, uses);
  for (const use of uses) {
    for (const other of comparedWith(use)) {
      const header = readsCredentialHeader(sourceCode, other, 0);
      if (header !== undefined) {
        const text = sourceCode.getText(header);
        return text.length <= 60 && !text.includes('\n') ? text : 'a request header';
      }
    }
  }
  return undefined;
}
