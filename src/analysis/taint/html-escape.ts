import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, isConstantBinding, memberKeyName, propertyName, singleDefinition, unwrap, scopeOf } from '../../utils/ast.js';

/** The characters that must become entities for text to be inert in HTML content and quoted attributes. */
const MUST_ESCAPE = ['<', '>', '&', '"'] as const;
/** `&lt;`, `&#60;`, `&#x3C;`. */
const ENTITY = /^&(?:#\d+|#x[\da-f]+|[a-z]+);$/i;
const MAX_CHAIN = 16;

/**
 * Whether a chain of `.replace` / `.replaceAll` calls escapes HTML: between them, `<`, `>`, `&`
 * and `"` are each replaced by an entity, globally. Recognised by what the code does, not by the
 * name of the function it sits in, so a same-file helper whose body returns such a chain is an
 * HTML escaper wherever it is called (`s.replace(/&/g, '&amp;').replace(/</g, '&lt;')...`, or
 * `s.replace(/[&<>"']/g, (c) => ENTITIES[c])` with a constant table of entities).
 */
export function escapesHtml(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const escaped = new Set<string>();
  let current: TSESTree.Node = call;
  for (let steps = 0; steps < MAX_CHAIN; steps++) {
    if (current.type !== AST_NODE_TYPES.CallExpression) break;
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const method = propertyName(callee.property);
    if (method !== 'replace' && method !== 'replaceAll') break;
    const [pattern, replacement] = current.arguments;
    if (pattern && replacement && replacement.type !== AST_NODE_TYPES.SpreadElement && pattern.type !== AST_NODE_TYPES.SpreadElement) {
      const characters = replacedCharacters(pattern, method === 'replaceAll');
      if (characters.length > 0 && producesEntities(replacement, characters, sourceCode)) for (const character of characters) escaped.add(character);
    }
    current = unwrap(callee.object);
  }
  return MUST_ESCAPE.every((character) => escaped.has(character));
}

/** Characters every occurrence of which a pattern matches: a global regex of one character or a class of them, or a `replaceAll` string. */
function replacedCharacters(node: TSESTree.Node, all: boolean): string[] {
  const pattern = unwrap(node);
  if (pattern.type !== AST_NODE_TYPES.Literal) return [];
  if (typeof pattern.value === 'string') return all && [...pattern.value].length === 1 ? [pattern.value] : [];
  if (!('regex' in pattern) || !pattern.regex.flags.includes('g')) return [];
  const source = pattern.regex.pattern;
  const single = /^(?:\\(.)|([^\\[\].*+?^$|(){}]))$/u.exec(source);
  if (single) return [single[1] ?? single[2] ?? ''];
  const members = /^\[((?:\\.|[^\\\]^-])+)\]$/u.exec(source)?.[1];
  if (members === undefined) return [];
  return [...members.matchAll(/\\(.)|(.)/gu)].map((match) => match[1] ?? match[2] ?? '');
}

/** The replacement turns each of `characters` into an entity: an entity string, or a callback that looks one up in a constant table. */
function producesEntities(node: TSESTree.Node, characters: readonly string[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const replacement = unwrap(node);
  if (replacement.type === AST_NODE_TYPES.Literal) return characters.length === 1 && typeof replacement.value === 'string' && ENTITY.test(replacement.value);
  if (replacement.type !== AST_NODE_TYPES.ArrowFunctionExpression && replacement.type !== AST_NODE_TYPES.FunctionExpression) return false;
  let body: TSESTree.Node = replacement.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    if (only?.type !== AST_NODE_TYPES.ReturnStatement || !only.argument) return false;
    body = only.argument;
  }
  body = unwrap(body);
  // `(c) => '&#' + c.charCodeAt(0) + ';'`
  if (body.type === AST_NODE_TYPES.BinaryExpression || body.type === AST_NODE_TYPES.TemplateLiteral) {
    const head = body.type === AST_NODE_TYPES.TemplateLiteral ? body.quasis[0]?.value.cooked : leftmostString(body);
    return head === '&#';
  }
  // `(c) => ENTITIES[c]`, `(c) => ENTITIES[c] ?? c` is not enough: every class member needs an entry.
  if (body.type !== AST_NODE_TYPES.MemberExpression || !body.computed) return false;
  const table = constObject(body.object, sourceCode);
  if (!table) return false;
  const entries = new Map<string, unknown>();
  for (const property of table.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = memberKeyName(property);
    const value = unwrap(property.value);
    if (key !== null && value.type === AST_NODE_TYPES.Literal) entries.set(key, value.value);
  }
  return characters.every((character) => {
    const entity = entries.get(character);
    return typeof entity === 'string' && ENTITY.test(entity);
  });
}

function leftmostString(node: TSESTree.Node): string | null {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === '+') current = unwrap(current.left);
  return current.type === AST_NODE_TYPES.Literal && typeof current.value === 'string' ? current.value : null;
}

function constObject(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(sourceCode, target), target.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
  const init = unwrap(definition.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? init : null;
}
