import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { sqlKeyListMethods } from '../../models/exposure.js';
import { dottedName, findVariable, isFunction, propertyName, unwrap, scopeOf } from '../../utils/ast.js';

/*
 * Mass assignment through SQL text: an `UPDATE` or `INSERT` whose column list is built from the
 * keys of an object (`Object.keys(patch).map((k, i) => `"${k}" = $${i + 2}`).join(', ')`) writes
 * every key the object has, so an object the client sent sets any column it names. Read from the
 * text given to a driver call and the values its interpolations are built from (consts of the same
 * function, bounded steps). A key list filtered by an allow-list (`.filter((k) => EDITABLE.includes(k))`)
 * writes only the listed columns: no object is returned then.
 */

/** Steps followed from an interpolation back to `Object.keys(…)`. */
const MAX_STEPS = 8;
const KEY_SOURCES = new Set(['Object.keys', 'Object.entries']);
const LIST_METHODS: ReadonlySet<string> = new Set(sqlKeyListMethods);
const WRITE_START = /^\s*(?:update|insert)\b/iu;

/** A statement whose column names are the keys of an object: the object, and the statement as a message shows it (`UPDATE users SET <each key>`). */
export interface SqlKeyWrite {
  object: TSESTree.Node;
  statement: string;
}

/** The objects whose keys become column names of the SQL write a call is given as text. */
export function sqlKeyWrites(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): SqlKeyWrite[] {
  const first = call.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return [];
  const expanded = expandedSetWrite(call, unwrap(first), sourceCode);
  if (expanded) return [expanded];
  const template = statementTemplate(unwrap(first), sourceCode);
  if (!template) return [];
  const head = template.quasis[0]?.value.cooked ?? '';
  if (!WRITE_START.test(head)) return [];
  const target = /^\s*(\w+(?:\s+into)?\s+["`[]?[\w.]+)/iu.exec(head)?.[1]?.replace(/["`[]/gu, '') ?? head.trim().split(/\s+/u)[0] ?? '';
  const statement = /^\s*update/iu.test(head) ? `${target} SET <each key>` : `${target} (<each key>)`;
  const found: SqlKeyWrite[] = [];
  for (const expression of template.expressions) {
    const object = keysSource(expression, sourceCode, 0);
    if (object && !found.some((entry) => entry.object === object)) found.push({ object, statement });
  }
  return found;
}

/** The template literal of a statement: written in place, or the `const` it was built in. */
/** `UPDATE t SET ? WHERE …`, `INSERT INTO t SET ?` (not `??`, an escaped identifier). */
const EXPANDED_SET = /^\s*(?:update|insert\s+(?:ignore\s+)?into)\s+["`]?([\w.]+)["`]?\s+set\s+\?(?!\?)/iu;

/**
 * mysql's and mysql2's object expansion: `query('UPDATE expenses SET ? WHERE id = ?', [changes, id])`
 * turns the object bound to the first `?` into `key = value` pairs, one per own key, so every key
 * the object holds is a column written. The object is the first value of the list (or the values
 * argument itself when it is not a list, which the driver wraps in one).
 */
function expandedSetWrite(call: TSESTree.CallExpression, first: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): SqlKeyWrite | null {
  const text = statementText(first, sourceCode);
  const match = text === null ? null : EXPANDED_SET.exec(text);
  if (!match) return null;
  const values = call.arguments[1];
  if (!values || values.type === AST_NODE_TYPES.SpreadElement) return null;
  const list = unwrap(values);
  const object = list.type === AST_NODE_TYPES.ArrayExpression ? list.elements[0] : list;
  if (!object || object.type === AST_NODE_TYPES.SpreadElement) return null;
  const verb = /^\s*update/iu.test(text ?? '') ? 'UPDATE' : 'INSERT INTO';
  return { object: unwrap(object), statement: `${verb} ${match[1] ?? ''} SET ?` };
}

/** A fixed SQL text: a string, a template without expressions, or a `const` holding one. */
function statementText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  const value = node.type === AST_NODE_TYPES.Identifier ? constInit(node, sourceCode) : node;
  if (value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value?.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0]?.value.cooked ?? null;
  return null;
}

function statementTemplate(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.TemplateLiteral | null {
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node;
  const init = node.type === AST_NODE_TYPES.Identifier ? constInit(node, sourceCode) : null;
  return init?.type === AST_NODE_TYPES.TemplateLiteral ? init : null;
}

/** The value a binding is declared with, when it has one declaration that names it whole. */
function constInit(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  const variable = findVariable(scopeOf(sourceCode, identifier), identifier.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
  // A binding assigned again later may hold other keys: not followed.
  if (variable?.references.some((reference) => reference.isWrite() && reference.identifier !== definition.name)) return null;
  return unwrap(definition.node.init);
}

/**
 * The object `Object.keys(x)` (or `Object.entries(x)`) reads, when `node` is built from that key
 * list by list methods (`map`, `join`); null when it is not, or a filter on the way is an allow-list.
 */
function keysSource(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, steps: number): TSESTree.Node | null {
  if (steps > MAX_STEPS) return null;
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = constInit(value, sourceCode);
    return init ? keysSource(init, sourceCode, steps + 1) : null;
  }
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 1 && value.expressions[0]) return keysSource(value.expressions[0], sourceCode, steps + 1);
  if (value.type !== AST_NODE_TYPES.CallExpression) return null;
  const name = dottedName(value.callee);
  if (name !== null && KEY_SOURCES.has(name)) {
    const argument = value.arguments[0];
    return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? unwrap(argument) : null;
  }
  const callee = unwrap(value.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  const method = propertyName(callee.property);
  if (method === 'filter') {
    const test = value.arguments[0] ? unwrap(value.arguments[0]) : null;
    if (test && isFunction(test) && isAllowListTest(test, sourceCode)) return null;
    return keysSource(callee.object, sourceCode, steps + 1);
  }
  return method !== null && LIST_METHODS.has(method) ? keysSource(callee.object, sourceCode, steps + 1) : null;
}

/**
 * `(k) => EDITABLE.includes(k)`, `(key) => allowed.has(key)`, `([k]) => COLUMNS.includes(k)`: a
 * filter that keeps a key only when a list the code holds names it. A test of the value
 * (`(k) => patch[k] !== undefined`) or of the key's shape is no allow-list.
 */
function isAllowListTest(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const param = fn.params[0];
  const key = param?.type === AST_NODE_TYPES.Identifier ? param.name : param?.type === AST_NODE_TYPES.ArrayPattern && param.elements[0]?.type === AST_NODE_TYPES.Identifier ? param.elements[0].name : null;
  if (key === null) return false;
  let body: TSESTree.Node | null = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    body = only?.type === AST_NODE_TYPES.ReturnStatement ? only.argument : null;
  }
  const test = body ? unwrap(body) : null;
  if (test?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(test.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return false;
  const method = propertyName(callee.property);
  const argument = test.arguments[0] ? unwrap(test.arguments[0]) : null;
  if ((method !== 'includes' && method !== 'has') || argument?.type !== AST_NODE_TYPES.Identifier || argument.name !== key) return false;
  // The list is the code's: an array or set literal, a binding or member (`this.columns`) not built from the key itself.
  const list = unwrap(callee.object);
  return list.type === AST_NODE_TYPES.ArrayExpression || ((list.type === AST_NODE_TYPES.Identifier || list.type === AST_NODE_TYPES.MemberExpression) && !sourceCode.getText(list).includes(key));
}
