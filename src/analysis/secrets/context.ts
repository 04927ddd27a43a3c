import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/** A node whose value is a string written in the code: a literal, a template, a `'a' + 'b'` chain. */
export type StringNode = TSESTree.StringLiteral | TSESTree.TemplateLiteral | TSESTree.BinaryExpression;

const TS_WRAPPERS = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

function isTsWrapper(
  node: TSESTree.Node,
): node is TSESTree.TSAsExpression | TSESTree.TSSatisfiesExpression | TSESTree.TSNonNullExpression | TSESTree.TSTypeAssertion {
  return TS_WRAPPERS.has(node.type);
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  return ASTUtils.getPropertyName(node) ?? undefined;
}

/**
 * The argument that a call only re-encodes: `Buffer.from(x)`, `new TextEncoder().encode(x)`,
 * `String(x)`. A secret passed through one of these is still the same secret.
 */
export function transparentCallArgument(node: TSESTree.CallExpression): TSESTree.Node | undefined {
  const [first] = node.arguments;
  if (first === undefined || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'String' ? first : undefined;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(callee);
  if (name === 'from' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Buffer') return first;
  if (
    name === 'encode' &&
    callee.object.type === AST_NODE_TYPES.NewExpression &&
    callee.object.callee.type === AST_NODE_TYPES.Identifier &&
    callee.object.callee.name === 'TextEncoder'
  ) {
    return first;
  }
  return undefined;
}

/** Strips TypeScript wrappers and re-encoding calls from an expression. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (isTsWrapper(current)) {
      current = current.expression;
      continue;
    }
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const inner = transparentCallArgument(current);
      if (inner !== undefined) {
        current = inner;
        continue;
      }
    }
    return current;
  }
}

/** `process.env.NAME`, `process.env['NAME']` or `import.meta.env.NAME` gives `NAME`. */
export function envReadName(node: TSESTree.Node): string | undefined {
  const expression = unwrapExpression(node);
  if (expression.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = expression.object;
  if (object.type !== AST_NODE_TYPES.MemberExpression || memberName(object) !== 'env') return undefined;
  const base = object.object;
  const isProcess = base.type === AST_NODE_TYPES.Identifier && base.name === 'process';
  const isImportMeta = base.type === AST_NODE_TYPES.MetaProperty && base.meta.name === 'import';
  return isProcess || isImportMeta ? memberName(expression) : undefined;
}

/** The static name of a property key, or `undefined` for a computed key that is not constant. */
export function propertyKeyName(node: TSESTree.Property | TSESTree.PropertyDefinition): string | undefined {
  return ASTUtils.getPropertyName(node) ?? undefined;
}

/** The name a reference goes by: `apiKey` for `apiKey` and for `config.apiKey`. */
function referenceName(node: TSESTree.Node): string | undefined {
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type === AST_NODE_TYPES.MemberExpression) return memberName(expression);
  return undefined;
}

function jsxName(node: TSESTree.JSXAttribute): string {
  return node.name.type === AST_NODE_TYPES.JSXIdentifier ? node.name.name : node.name.name.name;
}

/** Where a string sits, as far as names go. */
export interface NameContext {
  /** The name the code gives the value: variable, property, parameter, attribute, compared name, setter. */
  readonly name: string | undefined;
  /** `NAME` when the string is the fallback of `process.env.NAME || '…'`. */
  readonly envName: string | undefined;
  /** The `process.env.NAME || '…'` expression, when there is one. */
  readonly fallback: TSESTree.LogicalExpression | undefined;
  /** The object literal holding the string as a property value. */
  readonly object: TSESTree.ObjectExpression | undefined;
  /** The node the suggestion replaces: the string, or an `as const` wrapper around it. */
  readonly replaced: TSESTree.Node;
  /** The string is a JSX attribute value, which needs braces around an expression. */
  readonly inJsxAttribute: boolean;
  /** The string initialises an enum member, where an expression is not allowed. */
  readonly inEnum: boolean;
}

const COMPARISONS = new Set(['===', '!==', '==', '!=']);

function isAsConst(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression &&
    node.typeAnnotation.type === AST_NODE_TYPES.TSTypeReference &&
    node.typeAnnotation.typeName.type === AST_NODE_TYPES.Identifier &&
    node.typeAnnotation.typeName.name === 'const'
  );
}

/**
 * Walks up from a string to the name it is given. Wrappers that keep the value (`as`, `Buffer.from`,
 * `cond ? a : b`, `[a, b]`, `x ?? 'default'`) are crossed; anything else ends the walk.
 */
export function nameContext(node: StringNode): NameContext {
  let current: TSESTree.Node = node;
  let replaced: TSESTree.Node = node;
  let envName: string | undefined;
  let fallback: TSESTree.LogicalExpression | undefined;
  let leftName: string | undefined;
  const result = (name: string | undefined, extra: Partial<NameContext> = {}): NameContext => ({
    name: name ?? leftName,
    envName,
    fallback,
    object: undefined,
    replaced,
    inJsxAttribute: false,
    inEnum: false,
    ...extra,
  });
  for (let depth = 0; depth < 16; depth += 1) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent === undefined) break;
    if (isTsWrapper(parent)) {
      if (isAsConst(parent) && replaced === current) replaced = parent;
      current = parent;
      continue;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.CallExpression:
        if (transparentCallArgument(parent) === current) {
          current = parent;
          continue;
        }
        if (parent.arguments[0] === current && parent.callee.type === AST_NODE_TYPES.MemberExpression) {
          const method = memberName(parent.callee);
          // `client.setApiKey('…')` names the value `apiKey`.
          if (method !== undefined && /^set[A-Z]/.test(method)) return result(method.charAt(3).toLowerCase() + method.slice(4));
        }
        return result(undefined);
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === current && (parent.operator === '||' || parent.operator === '??')) {
          const env = envReadName(parent.left);
          if (env !== undefined && envName === undefined) {
            envName = env;
            fallback = parent;
          }
          leftName ??= referenceName(parent.left);
          current = parent;
          continue;
        }
        return result(undefined);
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.ArrayExpression:
        if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === current) return result(undefined);
        current = parent;
        continue;
      case AST_NODE_TYPES.VariableDeclarator:
        return result(parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : undefined);
      case AST_NODE_TYPES.AssignmentExpression:
        return result(parent.right === current ? referenceName(parent.left) : undefined);
      case AST_NODE_TYPES.AssignmentPattern:
        return result(parent.right === current ? referenceName(parent.left) : undefined);
      case AST_NODE_TYPES.Property:
        if (parent.value !== current) return result(undefined);
        return result(propertyKeyName(parent), {
          object: parent.parent.type === AST_NODE_TYPES.ObjectExpression ? parent.parent : undefined,
        });
      case AST_NODE_TYPES.PropertyDefinition:
        return result(parent.value === current ? propertyKeyName(parent) : undefined);
      case AST_NODE_TYPES.JSXExpressionContainer:
        current = parent;
        continue;
      case AST_NODE_TYPES.JSXAttribute:
        return result(jsxName(parent), { inJsxAttribute: current === node });
      case AST_NODE_TYPES.BinaryExpression:
        if (!COMPARISONS.has(parent.operator)) return result(undefined);
        return result(referenceName(parent.left === current ? parent.right : parent.left));
      case AST_NODE_TYPES.TSEnumMember:
        return result(undefined, { inEnum: true });
      default:
        return result(undefined);
    }
  }
  return result(undefined);
}

/** The value of a string property of an object literal (`null`: the property exists but is not a constant string). */
export function objectPropertyString(object: TSESTree.ObjectExpression, key: string): string | null | undefined {
  let found: string | null | undefined;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) !== key) continue;
    const value = property.value;
    found = value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' ? value.value : null;
  }
  return found;
}
