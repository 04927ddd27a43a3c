import fs from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { middlewareRegistrations, requestInputs, requestLocalHolders, type RequestStyle } from '../../models/frameworks/request-inputs.js';
import { stringValueMethods } from '../../models/sanitizers.js';
import { findVariable, isConstantBinding, isFunction, nodesOfType, propertyName, singleDefinition, staticString, unwrap, walk, type FunctionNode, type Scope, scopeLookup } from '../../utils/ast.js';
import { readRequestInput, stepsOf } from '../routes/request-inputs.js';
import { candidateFiles } from './candidates.js';
import { projectIndexOf } from './index.js';

/*
 * Values a middleware copies from a request input onto the request, for the handlers after it:
 * `req.queue = req.get('x-queue') || 'general'`, `res.locals.locale = req.cookies.locale`,
 * `ctx.state.dataset = ctx.query.dataset`. A handler that reads `req.queue` reads the client's
 * header as surely as if it called `req.get('x-queue')` itself, so the taint engine takes the
 * read for the input it was copied from (with that input's location: a custom header still is
 * not one a link can set).
 *
 * Read syntactically from every file of the project that may hold a middleware (the linted file,
 * and the project's files whose text calls a `next` or registers a hook, and assigns a member a
 * value that reads an input member on the same line): an assignment to a
 * holder of `requestLocalHolders` in a function that passes control on (calls one of its other
 * parameters, or is registered by `middlewareRegistrations`), whose value is a copy of a request
 * input of the same function: the read itself, a default or choice between it and something else
 * (`||`, `??`, `? :`), text built from it, or a string method of it. A value computed by another
 * call (`jwt.verify(token)`, `lookupTenant(id)`) is what the server made of the input, not a copy.
 */

/** The input a local was copied from: the request style it was read in, and its member path (engine notation). */
export interface CopiedInput {
  style: RequestStyle;
  path: readonly string[];
  /** Static first arguments of call steps, by index in `path` (`x-queue` of `get('x-queue')`). */
  callArguments: readonly (readonly [number, string])[];
}

/** Copied inputs by holder key (`param:prefix`, see `holderKey`) and then by the name written. */
export type RequestLocals = ReadonlyMap<string, ReadonlyMap<string, readonly CopiedInput[]>>;

/** The key of a holder: the parameter and the member path under which names are locals. */
export function holderKey(param: number, prefix: readonly string[]): string {
  return `${String(param)}:${prefix.join('.')}`;
}

const HOLDERS = Object.values(requestLocalHolders).flat();
const REGISTRATIONS = new Set<string>(middlewareRegistrations);
const STRING_METHODS = new Set<string>(stringValueMethods);
/** Styles whose request is a handler's first parameter and carries the inputs, in the order tried for a copied read. */
const CALL_STYLES = (Object.keys(requestLocalHolders) as RequestStyle[]).filter((style) => requestInputs[style].param === 0);
/** How many `const` hops a copied value is followed through. */
const MAX_HOPS = 4;

/** A member chain from a parameter of a function: the function, the parameter's index and the steps. */
export interface ParameterChain {
  fn: FunctionNode;
  index: number;
  path: string[];
  callArguments: [number, string][];
}

export function parameterChain(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): ParameterChain | null {
  const path: string[] = [];
  const callArguments: [number, string][] = [];
  let current = unwrap(node);
  const reversed: { name: string; argument: string | null }[] = [];
  for (let steps = 0; steps < 12; steps++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(current.property) ?? (current.computed ? staticString(current.property, scopeOf(current.property)) : null);
      if (name === null) return null;
      reversed.push({ name, argument: null });
      current = unwrap(current.object);
      continue;
    }
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const name = propertyName(callee.property);
      if (name === null) return null;
      const first = current.arguments[0];
      const argument = first && first.type !== AST_NODE_TYPES.SpreadElement ? staticString(first, scopeOf(first)) : null;
      reversed.push({ name: `${name}()`, argument });
      current = unwrap(callee.object);
      continue;
    }
    break;
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(current), current.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.type !== 'Parameter' || !isFunction(definition.node)) return null;
  const fn = definition.node;
  const index = fn.params.indexOf(definition.name as TSESTree.Parameter);
  if (index < 0) return null;
  for (const step of reversed.reverse()) {
    if (step.argument !== null) callArguments.push([path.length, step.argument]);
    path.push(step.name);
  }
  return { fn, index, path, callArguments };
}

/** The request inputs of `fn` that `node` is a copy of (see the module comment). */
function copiedInputs(node: TSESTree.Node, fn: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope, hops: number, out: CopiedInput[]): void {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.LogicalExpression:
      copiedInputs(target.left, fn, scopeOf, hops, out);
      copiedInputs(target.right, fn, scopeOf, hops, out);
      return;
    case AST_NODE_TYPES.ConditionalExpression:
      copiedInputs(target.consequent, fn, scopeOf, hops, out);
      copiedInputs(target.alternate, fn, scopeOf, hops, out);
      return;
    case AST_NODE_TYPES.TemplateLiteral:
      for (const expression of target.expressions) copiedInputs(expression, fn, scopeOf, hops, out);
      return;
    case AST_NODE_TYPES.BinaryExpression:
      if (target.operator === '+') {
        copiedInputs(target.left, fn, scopeOf, hops, out);
        copiedInputs(target.right, fn, scopeOf, hops, out);
      }
      return;
    case AST_NODE_TYPES.Identifier: {
      if (hops >= MAX_HOPS) return;
      const variable = findVariable(scopeOf(target), target.name);
      const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
      if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return;
      copiedInputs(definition.node.init, fn, scopeOf, hops + 1, out);
      return;
    }
    case AST_NODE_TYPES.CallExpression: {
      // `String(x)`, `x.trim()`, `x.toLowerCase()`: the same text.
      const callee = unwrap(target.callee);
      const [first] = target.arguments;
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && first && first.type !== AST_NODE_TYPES.SpreadElement) {
        copiedInputs(first, fn, scopeOf, hops, out);
        return;
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression && STRING_METHODS.has(propertyName(callee.property) ?? '') && propertyName(callee.property) !== 'split') {
        const before = out.length;
        copiedInputs(callee.object, fn, scopeOf, hops, out);
        if (out.length > before) return;
      }
      break;
    }
    case AST_NODE_TYPES.MemberExpression:
      break;
    default:
      return;
  }
  const chain = parameterChain(target, scopeOf);
  if (chain?.fn !== fn) return;
  const steps = stepsOf(chain.path);
  for (const [index, argument] of chain.callArguments) {
    const step = steps[index];
    if (step) steps[index] = { ...step, argument };
  }
  for (const style of CALL_STYLES) {
    if (chain.index !== requestInputs[style].param) continue;
    const read = readRequestInput(style, steps);
    if (read && !read.serverChosen) {
      out.push({ style, path: chain.path, callArguments: chain.callArguments });
      return;
    }
  }
}

/** Whether `fn` passes control on: it calls one of its parameters (`next()`), or a call registers it as middleware or a hook. */
export function passesControlOn(fn: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const callee = unwrap(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && REGISTRATIONS.has(propertyName(callee.property) ?? '')) return true;
  }
  let calls = false;
  walk(fn.body, (node) => {
    if (calls) return 'skip';
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(scopeOf(callee), callee.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (definition?.type === 'Parameter' && definition.node === fn) calls = true;
    return undefined;
  });
  return calls;
}

/** The locals one program's middleware copy from request input. */
export function requestLocalsOf(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): RequestLocals {
  const found = new Map<string, Map<string, CopiedInput[]>>();
  for (const assignment of nodesOfType(program, AST_NODE_TYPES.AssignmentExpression)) {
    if (assignment.operator !== '=' && assignment.operator !== '||=' && assignment.operator !== '??=') continue;
    if (assignment.left.type !== AST_NODE_TYPES.MemberExpression) continue;
    const chain = parameterChain(assignment.left, scopeOf);
    if (chain === null || chain.path.length === 0 || chain.callArguments.length > 0 || chain.path.some((step) => step.endsWith('()'))) continue;
    const name = chain.path.at(-1)!;
    const prefix = chain.path.slice(0, -1);
    const holder = HOLDERS.find((candidate) => candidate.param === chain.index && candidate.prefix.length === prefix.length && candidate.prefix.every((part, index) => part === prefix[index]));
    if (!holder || !passesControlOn(chain.fn, scopeOf)) continue;
    const copied: CopiedInput[] = [];
    copiedInputs(assignment.right, chain.fn, scopeOf, 0, copied);
    if (copied.length === 0) continue;
    const key = holderKey(holder.param, holder.prefix);
    let names = found.get(key);
    if (!names) {
      names = new Map();
      found.set(key, names);
    }
    names.set(name, [...(names.get(name) ?? []), ...copied]);
  }
  return found;
}

const perProgram = new WeakMap<TSESTree.Program, RequestLocals>();

function localsOfProgram(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): RequestLocals {
  let found = perProgram.get(program);
  if (!found) {
    found = requestLocalsOf(program, scopeOf);
    perProgram.set(program, found);
  }
  return found;
}

/**
 * The project files whose text may hold a middleware that leaves a value on the request: it calls
 * something named `next` or registers a hook or middleware. A cheap filter on the text; what counts
 * is decided on the parsed code.
 */
const MAY_PASS_ON = /\bnext\s*\(|\.(?:use|addHook|ext)\s*\(/u;
/**
 * An assignment to a member whose value, on the same line, reads a member that holds request input
 * in some framework (`req.queue = req.get('x-queue')`): the other files worth parsing. A copy made
 * through a local on another line (`const lang = …; res.locals.lang = lang`) is found in the
 * linted file only.
 */
const COPIES_INPUT = /\.[\w$]+\s*(?:\?\?|\|\|)?=[^=;\n]*\.(?:get|header|headers|cookies|signedCookies|query|body|params|payload|param)\b/u;

/**
 * The locals copied from request input by the middleware of the linted program and of the other
 * files of its project. Only the linted program when the file is not on disk or in no project.
 */
export function projectRequestLocals(filename: string, program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): RequestLocals {
  const merged = new Map<string, Map<string, CopiedInput[]>>();
  const add = (locals: RequestLocals): void => {
    for (const [key, names] of locals) {
      let into = merged.get(key);
      if (!into) {
        into = new Map();
        merged.set(key, into);
      }
      for (const [name, copied] of names) into.set(name, [...(into.get(name) ?? []), ...copied]);
    }
  };
  add(localsOfProgram(program, scopeOf));
  const index = path.isAbsolute(filename) ? projectIndexOf(filename) : null;
  if (index === null) return merged;
  const linted = path.resolve(filename);
  const files = candidateFiles(index, 'request-locals', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    return MAY_PASS_ON.test(text) && COPIES_INPUT.test(text);
  });
  for (const file of files) {
    if (file === linted) continue;
    const module = index.module(file);
    if (module === null) continue;
    add(localsOfProgram(module.program, (node) => scopeLookup(module.sourceCode)(node)));
  }
  return merged;
}
