import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { replacingSchemaParses, type RequestStyle } from '../../models/frameworks/request-inputs.js';
import { findVariable, isConstantBinding, isFunction, propertyName, resolveFunction, singleDefinition, staticString, unwrap, walk, type FunctionNode, type Scope } from '../../utils/ast.js';
import { alwaysExits } from '../taint/guards.js';
import { majorOf } from '../taint/query-parser.js';
import { projectDependencyVersions } from './project-files.js';
import { readRequestInput } from './request-inputs.js';
import { constantValue, returnedValues, setupFunction, staticText } from './frameworks/shared-ast.js';
import type { ExtractContext, RouteValidation } from './types.js';

/*
 * Route middleware of the project that validates a part of the request with the schema it is given
 * and writes the checked value back over that part before the handler runs:
 *
 *   const validate = (schema, where = 'body') => (req, res, next) => {
 *     const parsed = schema.safeParse(req[where]);
 *     if (!parsed.success) return res.status(400).json(parsed.error);
 *     req[where] = parsed.data;
 *     next();
 *   };
 *   router.get('/files', validate(listQuery, 'query'), handler);
 *
 * The handler's reads of that part are then read as the schema reads them (a `RouteValidation`, as
 * Fastify's `schema` is). Judged by the middleware's body, not by its name: the factory returns a
 * function whose own top-level statements (or those of a top-level `try` whose `catch` leaves) write
 * the result of a parse by the factory's schema parameter (`replacingSchemaParses`) over a member of
 * the request, before any `next()` that lets the request through. A write inside a branch, after
 * `next()`, of anything but the parse result (`req.query = { ...req.query, ...parsed.data }`), or of
 * a parse by another schema than the one passed, is none.
 *
 * Express 5 makes `req.query` a getter: writing it throws in strict code (the request fails before the
 * handler runs) but is ignored in sloppy code, where the handler reads the raw query. A write of the
 * query counts only in strict code (an ES module, 'use strict') or in a project on Express 4 or older.
 */

/** What a validation middleware factory writes back: the schema parameter, and the request member written. */
interface Replacement {
  /** Index of the factory's parameter that holds the schema. */
  schemaIndex: number;
  /** The member written (`req.query = …`), when fixed. */
  member: string | null;
  /** The factory's parameter that names the member (`req[where] = …`), and its default. */
  memberParameter: { index: number; fallback: string | null } | null;
  /** The write is in strict code. */
  strict: boolean;
}

/** The parse methods that give the checked value themselves, and those that give it in a member of their result. */
const VALUE_PARSES = new Set(replacingSchemaParses.filter((entry) => entry.member === undefined).map((entry) => entry.method));
const MEMBER_PARSES = new Map(replacingSchemaParses.filter((entry) => entry.member !== undefined).map((entry) => [entry.method, entry.member!]));

const verdicts = new WeakMap<FunctionNode, Replacement | null>();

/**
 * The validation the route-level middleware `middleware` (in order) run before a handler of `style`:
 * the schema each replacing validator is given, by the location of the request part it replaces.
 */
export function replacingValidation(middleware: readonly TSESTree.Node[], context: ExtractContext, style: RequestStyle): RouteValidation | undefined {
  const schemas: RouteValidation['schemas'] = {};
  for (const node of middleware) {
    const call = constantValue(node, context);
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) continue;
    const scope = context.scopeOf(callee);
    const local = resolveFunction(callee, scope);
    const factory = local ? { fn: local, scopeOf: context.scopeOf } : setupFunction(callee, scope);
    if (!factory) continue;
    let replacement = verdicts.get(factory.fn);
    if (replacement === undefined) {
      replacement = replacementOf(factory.fn, factory.scopeOf);
      verdicts.set(factory.fn, replacement);
    }
    if (!replacement) continue;
    const schema = call.arguments[replacement.schemaIndex];
    if (!schema || schema.type === AST_NODE_TYPES.SpreadElement) continue;
    let member = replacement.member;
    if (replacement.memberParameter) {
      const argument = call.arguments[replacement.memberParameter.index];
      if (argument?.type === AST_NODE_TYPES.SpreadElement) continue;
      member = argument ? staticText(argument, context) : replacement.memberParameter.fallback;
    }
    if (member === null) continue;
    const read = readRequestInput(style, [{ name: member, call: false, argument: null }]);
    if (!read?.wholeObject) continue;
    if (read.location === 'query' && !replacement.strict && !beforeExpressFive(context.filename)) continue;
    schemas[read.location] = schema;
  }
  return Object.keys(schemas).length > 0 ? { format: 'zod', schemas } : undefined;
}

/** The project declares Express with a major below 5, whose `req.query` is a plain property. */
function beforeExpressFive(filename: string): boolean {
  const version = projectDependencyVersions(filename)?.get('express');
  const major = version === undefined ? null : majorOf(version);
  return major !== null && major < 5;
}

/** What the middleware a factory returns writes back (see the module comment), or null. */
function replacementOf(factory: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope): Replacement | null {
  const returned = returnedValues(factory);
  if (returned.length !== 1) return null;
  const inner = resolveFunction(returned[0]!, scopeOf(returned[0]!));
  if (!inner || inner === factory || inner.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const [requestParam, , nextParam] = inner.params;
  if (requestParam?.type !== AST_NODE_TYPES.Identifier) return null;
  const nextName = nextParam?.type === AST_NODE_TYPES.Identifier ? nextParam.name : null;
  const statements = topLevelStatements(inner.body.body);
  if (statements === null) return null;
  for (const statement of statements) {
    const found = statement.type === AST_NODE_TYPES.ExpressionStatement ? written(statement.expression, factory, inner, requestParam.name, scopeOf) : null;
    if (found) return { ...found, strict: isStrict(inner) };
    // A `next()` before the write lets the request through with what the client sent.
    if (nextName !== null && passesOn(statement, nextName)) return null;
  }
  return null;
}

/**
 * The statements that run in order when the middleware does not leave early: its own, with those of
 * a `try` whose `catch` always leaves (or that ends the function) in its place. Null when a `catch`
 * may fall through to what follows it.
 */
function topLevelStatements(body: readonly TSESTree.Statement[]): TSESTree.Statement[] | null {
  const statements: TSESTree.Statement[] = [];
  for (const [index, statement] of body.entries()) {
    if (statement.type !== AST_NODE_TYPES.TryStatement) {
      statements.push(statement);
      continue;
    }
    const last = index === body.length - 1;
    const handler = statement.handler?.body;
    if (handler && !last && !handler.body.some(alwaysExits)) return null;
    statements.push(...statement.block.body);
    if (statement.finalizer) statements.push(...statement.finalizer.body);
  }
  return statements;
}

/** Whether `statement` calls `next()` (no error argument) outside nested functions. */
function passesOn(statement: TSESTree.Statement, nextName: string): boolean {
  let found = false;
  walk(statement, (node) => {
    if (found) return 'skip';
    if (isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0) {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === nextName) found = true;
    }
    return undefined;
  });
  return found;
}

/** The write `req.<member> = <parse by the schema parameter>` in `expression`, or null. */
function written(
  expression: TSESTree.Expression,
  factory: FunctionNode,
  inner: FunctionNode,
  requestName: string,
  scopeOf: (node: TSESTree.Node) => Scope,
): Omit<Replacement, 'strict'> | null {
  const assignment = unwrap(expression);
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') return null;
  const target = unwrap(assignment.left);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return null;
  const object = unwrap(target.object);
  if (object.type !== AST_NODE_TYPES.Identifier || object.name !== requestName) return null;
  const schemaIndex = parsedBySchemaParameter(assignment.right, factory, inner, scopeOf);
  if (schemaIndex === null) return null;
  if (!target.computed) {
    const member = propertyName(target.property);
    return member === null ? null : { schemaIndex, member, memberParameter: null };
  }
  const key = unwrap(target.property);
  const index = key.type === AST_NODE_TYPES.Identifier ? factoryParameterIndex(key, factory, scopeOf) : -1;
  if (index >= 0) {
    const param = factory.params[index]!;
    const fallback = param.type === AST_NODE_TYPES.AssignmentPattern ? staticString(param.right, scopeOf(param.right)) : null;
    return { schemaIndex, member: null, memberParameter: { index, fallback } };
  }
  const member = staticString(key, scopeOf(key));
  return member === null ? null : { schemaIndex, member, memberParameter: null };
}

/**
 * The index of the factory parameter whose schema parses `value`: `schema.parse(x)` (awaited or
 * not), `parsed.data` of a `const parsed = schema.safeParse(x)` of the middleware, or null.
 */
function parsedBySchemaParameter(value: TSESTree.Node, factory: FunctionNode, inner: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope): number | null {
  let current = awaited(value);
  if (current.type === AST_NODE_TYPES.CallExpression) return parseCall(current, VALUE_PARSES.has.bind(VALUE_PARSES), factory, scopeOf);
  if (current.type !== AST_NODE_TYPES.MemberExpression || current.computed) return null;
  const member = propertyName(current.property);
  current = awaited(current.object);
  if (current.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(current), current.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    const declarator = definition?.node;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id !== definition!.name || !declarator.init) return null;
    if (!within(declarator, inner)) return null;
    current = awaited(declarator.init);
  }
  if (current.type !== AST_NODE_TYPES.CallExpression) return null;
  return parseCall(current, (method) => MEMBER_PARSES.get(method) === member, factory, scopeOf);
}

function parseCall(call: TSESTree.CallExpression, accepts: (method: string) => boolean, factory: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope): number | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  const method = propertyName(callee.property);
  if (method === null || !accepts(method)) return null;
  const schema = unwrap(callee.object);
  if (schema.type !== AST_NODE_TYPES.Identifier) return null;
  const index = factoryParameterIndex(schema, factory, scopeOf);
  return index >= 0 ? index : null;
}

function awaited(node: TSESTree.Node): TSESTree.Node {
  const current = unwrap(node);
  return current.type === AST_NODE_TYPES.AwaitExpression ? unwrap(current.argument) : current;
}

/** The index of the factory's parameter (plain or with a default) `identifier` refers to, or -1. */
function factoryParameterIndex(identifier: TSESTree.Identifier, factory: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope): number {
  const variable = findVariable(scopeOf(identifier), identifier.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (definition?.type !== 'Parameter' || definition.node !== factory) return -1;
  return factory.params.findIndex((param) => (param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param) === definition.name);
}

function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return container.range[0] <= node.range[0] && node.range[1] <= container.range[1];
}

function isModuleStatement(statement: TSESTree.Node): boolean {
  return (
    statement.type === AST_NODE_TYPES.ImportDeclaration ||
    statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
    statement.type === AST_NODE_TYPES.ExportAllDeclaration
  );
}

/** Whether `fn` runs as strict code: in an ES module, or under a 'use strict' of its program or of an enclosing function. */
function isStrict(fn: FunctionNode): boolean {
  let current: TSESTree.Node | undefined = fn;
  while (current) {
    // The parser's `sourceType` says how the file was parsed, not how Node.js runs it: a CommonJS
    // `.js` file parses as a module too. An `import` or `export` makes it one (and tsc emits 'use strict' for it).
    if (current.type === AST_NODE_TYPES.Program) return current.body.some(isModuleStatement) || hasUseStrict(current.body);
    if (isFunction(current) && current.body.type === AST_NODE_TYPES.BlockStatement && hasUseStrict(current.body.body)) return true;
    current = current.parent;
  }
  return false;
}

function hasUseStrict(body: readonly TSESTree.Node[]): boolean {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) return false;
    if (statement.directive === 'use strict') return true;
  }
  return false;
}
