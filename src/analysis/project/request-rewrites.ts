import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  bodilessLocations,
  requestInputs,
  requestMethodMembers,
  undecodedUrlInputs,
  urlCarriedBodyStyles,
  urlCarriedLocations,
  urlDecoders,
  type RequestStyle,
} from '../../models/frameworks/request-inputs.js';
import { dottedName, findVariable, isConstantBinding, isFunction, nodesOfType, propertyName, singleDefinition, staticString, unwrap, walk, type FunctionNode, type Scope, scopeLookup } from '../../utils/ast.js';
import { readRequestInput, type InputStep } from '../routes/request-inputs.js';
import { readProjectFile } from '../routes/project-files.js';
import { candidateFiles } from './candidates.js';
import { projectIndexOf } from './index.js';
import { passesControlOn } from './request-locals.js';

/*
 * Code that rewrites what a route's method says about the requests that reach it. A browser's
 * navigation (a link, a redirect, a GET form) sends a GET without a body, and only a GET or a POST:
 * `analysis/routes/navigation.ts` relies on that to take the body of a GET-only route, and a
 * PUT-only route's answer, as nothing another site can make a victim's browser send or render.
 * Two hand-written rewrites break it:
 *
 * - a method override: a function that assigns the request's method (`requestMethodMembers`) from
 *   a field of request input (`req.method = req.body._method`), or a middleware that assigns it on
 *   a test of request input (`if (req.query._method === 'put') req.method = 'PUT'`).
 *   A POST form of another site then reaches any route;
 * - a body filled from the URL: a function that writes the request's body (or a field of it) from
 *   what the URL carries (`urlCarriedLocations`: `req.body = { ...req.query, ...req.body }`,
 *   `Object.assign(req.body, req.query)`, `req.body.next = req.query.next`). A link's query string
 *   then reaches a GET route's body reads;
 * - a URL decoded in place: a function that writes the request's URL (`undecodedUrlInputs`) with
 *   decoded text (`req.url = decodeURIComponent(req.url)`, see `urlDecoders`) or a field of request
 *   input (`req.url = req.query.page`). Its reads then hold what no browser encoded.
 *
 * Read syntactically from the linted program and from every file of its project whose text may hold
 * such a write, like the request locals of `request-locals.ts`. A method written from no request
 * input (`options.method = 'POST'` of an HTTP client, `if (req.method === 'HEAD') req.method = 'GET'`),
 * normalising the method itself (`req.method = req.method.toUpperCase()`), or a body written from the
 * body or from server values (`req.body = req.body || {}`, `req.body.user = req.user`) rewrites nothing.
 */

/** What the rewrites of a program, or of a project, change. */
export interface RequestRewrites {
  /** Some function overrides the request's method by hand. */
  methodOverride: boolean;
  /** Request styles whose body some function fills from what the URL carries. */
  urlFilledBody: ReadonlySet<RequestStyle>;
  /** Request styles whose URL some function writes with decoded text or a field of request input. */
  decodedUrl: ReadonlySet<RequestStyle>;
}

const METHOD_MEMBERS = new Set(requestMethodMembers);
const DECODERS = new Set(urlDecoders);
const BODY_LOCATIONS = new Set<string>(bodilessLocations);
const URL_LOCATIONS = new Set<string>(urlCarriedLocations);
/** Styles whose request is the first parameter and whose body a GET does not carry. */
// Styles whose parameter is a request object: not those whose parameter is itself the client's data
// (a socket event's payload, `''` among its inputs), of which any member would read as input.
const STYLES = (Object.keys(requestInputs) as RequestStyle[]).filter(
  (style) => requestInputs[style].param === 0 && !urlCarriedBodyStyles.includes(style) && !(requestInputs[style].inputs as readonly string[]).includes(''),
);
/** Methods that leave the text of a method the same method (`req.method.toUpperCase()`). */
const NORMALISING = new Set(['toUpperCase', 'toLowerCase', 'trim']);
/** How many `const` hops a written value is followed through. */
const MAX_HOPS = 4;
/** How many steps a member chain is read through. */
const MAX_STEPS = 12;

/** A member chain from the first parameter of a function. */
interface RequestChain {
  fn: FunctionNode;
  steps: InputStep[];
}

/** `req.body.next`, `req.get('x')`, `req.body[key]` (a `*` step) from the first parameter of a function; null otherwise. */
function requestChain(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): RequestChain | null {
  const reversed: InputStep[] = [];
  let current = unwrap(node);
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(current.property) ?? (current.computed ? staticString(current.property, scopeOf(current.property)) : null);
      reversed.push({ name: name ?? '*', call: false, argument: null });
      current = unwrap(current.object);
      continue;
    }
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(current.callee);
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || name === null) return null;
      const first = current.arguments[0];
      const argument = first && first.type !== AST_NODE_TYPES.SpreadElement ? staticString(first, scopeOf(first)) : null;
      reversed.push({ name, call: true, argument });
      current = unwrap(callee.object);
      continue;
    }
    break;
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(current), current.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.type !== 'Parameter' || !isFunction(definition.node) || definition.node.params[0] !== definition.name) return null;
  return { fn: definition.node, steps: reversed.reverse() };
}

const dotted = (steps: readonly InputStep[]): string => steps.map((step) => (step.call ? `${step.name}()` : step.name)).join('.');

/**
 * The request styles for which `value` reads an input of `fn`'s request at one of `locations`, or,
 * when `locations` is null, a named field of any input (`req.body._method`, `req.get('x-verb')`; not
 * a whole input such as `options.body`, which an HTTP client's options have too).
 */
function inputsRead(value: TSESTree.Node, fn: FunctionNode, locations: ReadonlySet<string> | null, scopeOf: (node: TSESTree.Node) => Scope): Set<RequestStyle> {
  const styles = new Set<RequestStyle>();
  const pending: { node: TSESTree.Node; hops: number }[] = [{ node: value, hops: 0 }];
  while (pending.length > 0) {
    const { node, hops } = pending.pop()!;
    walk(node, (child) => {
      if (child.type === AST_NODE_TYPES.Identifier && hops < MAX_HOPS && isReference(child)) {
        // `const merged = { ...req.query, ...req.body }; req.body = merged`.
        const variable = findVariable(scopeOf(child), child.name);
        const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
        if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) {
          pending.push({ node: definition.node.init, hops: hops + 1 });
        }
        return undefined;
      }
      if (child.type !== AST_NODE_TYPES.MemberExpression && child.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const chain = requestChain(child, scopeOf);
      if (chain?.fn !== fn) return undefined;
      for (const style of STYLES) {
        const read = readRequestInput(style, chain.steps);
        if (read && !read.serverChosen && (locations === null ? read.name !== null : URL_LOCATIONS.has(read.location))) styles.add(style);
      }
      return undefined;
    });
  }
  return styles;
}

/** An identifier that names a variable (not a property name of a member or an object literal). */
function isReference(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression) return parent.object === identifier || parent.computed;
  if (parent.type === AST_NODE_TYPES.Property) return parent.value === identifier || parent.computed;
  return true;
}

/** Whether a test that decides whether `node` runs (an `if`, `? :`, `&&`, `||` or `switch` of `fn` around it) reads request input. */
function decidedByInput(node: TSESTree.Node, fn: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== fn; child = current, current = current.parent) {
    let test: TSESTree.Node | null = null;
    if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && child !== current.test) test = current.test;
    else if (current.type === AST_NODE_TYPES.LogicalExpression && child === current.right) test = current.left;
    else if (current.type === AST_NODE_TYPES.SwitchStatement && child !== current.discriminant) test = current.discriminant;
    else if (current.type === AST_NODE_TYPES.SwitchCase && child !== current.test) test = current.test;
    if (test && inputsRead(test, fn, null, scopeOf).size > 0) return true;
  }
  return false;
}

/** `req.method.toUpperCase()`, or the member itself: the method written back as it was. */
function isSameMethod(value: TSESTree.Node, target: RequestChain, scopeOf: (node: TSESTree.Node) => Scope): boolean {
  let current = unwrap(value);
  while (current.type === AST_NODE_TYPES.CallExpression && current.arguments.length === 0) {
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !NORMALISING.has(propertyName(callee.property) ?? '')) break;
    current = unwrap(callee.object);
  }
  const chain = requestChain(current, scopeOf);
  return chain?.fn === target.fn && dotted(chain.steps) === dotted(target.steps);
}

/** The rewrites of one program (see the module comment). */
export function requestRewritesOf(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): RequestRewrites {
  let methodOverride = false;
  const urlFilledBody = new Set<RequestStyle>();
  const decodedUrl = new Set<RequestStyle>();
  // The method is chosen by the request: read from its input, or set in a middleware on a test of its input.
  const overrides = (fn: FunctionNode, value: TSESTree.Node): boolean =>
    inputsRead(value, fn, null, scopeOf).size > 0 || (passesControlOn(fn, scopeOf) && decidedByInput(value, fn, scopeOf));
  const written = (target: RequestChain, value: TSESTree.Node): void => {
    if (target.steps.some((step) => step.call)) return;
    if (!methodOverride && METHOD_MEMBERS.has(dotted(target.steps)) && !isSameMethod(value, target, scopeOf)) {
      methodOverride = overrides(target.fn, value);
    }
    const urls = STYLES.filter((style) => !decodedUrl.has(style) && (undecodedUrlInputs[style] ?? []).includes(dotted(target.steps)));
    if (urls.length > 0 && (callsDecoder(value) || inputsRead(value, target.fn, null, scopeOf).size > 0)) for (const style of urls) decodedUrl.add(style);
    const bodies = STYLES.filter((style) => {
      if (urlFilledBody.has(style)) return false;
      const read = readRequestInput(style, target.steps);
      return read !== null && BODY_LOCATIONS.has(read.location);
    });
    if (bodies.length === 0) return;
    const fromUrl = inputsRead(value, target.fn, URL_LOCATIONS, scopeOf);
    for (const style of bodies) if (fromUrl.has(style)) urlFilledBody.add(style);
  };
  for (const assignment of nodesOfType(program, AST_NODE_TYPES.AssignmentExpression)) {
    if (assignment.left.type !== AST_NODE_TYPES.MemberExpression) continue;
    const target = requestChain(assignment.left, scopeOf);
    if (target) written(target, assignment.right);
  }
  for (const call of nodesOfType(program, AST_NODE_TYPES.CallExpression)) {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = propertyName(callee.property);
    const [first, ...rest] = call.arguments;
    if (!first || first.type === AST_NODE_TYPES.SpreadElement) continue;
    // `Object.assign(req.body, req.query)`, `Object.assign(req, { method: req.query._method })`.
    if (method !== 'assign' || unwrap(callee.object).type !== AST_NODE_TYPES.Identifier || (unwrap(callee.object) as TSESTree.Identifier).name !== 'Object') continue;
    const target = requestChain(first, scopeOf);
    if (!target) continue;
    for (const source of rest) {
      const value = unwrap(source.type === AST_NODE_TYPES.SpreadElement ? source.argument : source);
      if (value.type !== AST_NODE_TYPES.ObjectExpression) {
        written({ fn: target.fn, steps: [...target.steps, { name: '*', call: false, argument: null }] }, value);
        continue;
      }
      for (const property of value.properties) {
        const name = property.type === AST_NODE_TYPES.Property ? (property.computed ? '*' : (propertyName(property.key) ?? '*')) : '*';
        const propertyValue = property.type === AST_NODE_TYPES.Property ? property.value : property.argument;
        written({ fn: target.fn, steps: [...target.steps, { name, call: false, argument: null }] }, propertyValue);
      }
    }
  }
  return { methodOverride, urlFilledBody, decodedUrl };
}

/** Whether an expression calls a URL decoder anywhere in it (`decodeURIComponent(req.url)`). */
function callsDecoder(value: TSESTree.Node): boolean {
  let found = false;
  walk(value, (child) => {
    if (found) return 'skip';
    if (child.type === AST_NODE_TYPES.CallExpression && DECODERS.has(dottedName(child.callee) ?? '')) found = true;
    return undefined;
  });
  return found;
}

const perProgram = new WeakMap<TSESTree.Program, RequestRewrites>();

function rewritesOfProgram(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): RequestRewrites {
  let found = perProgram.get(program);
  if (!found) {
    found = requestRewritesOf(program, scopeOf);
    perProgram.set(program, found);
  }
  return found;
}

/**
 * The project files whose text may rewrite a request: it writes a member named like a method
 * (`.method =`), or writes a member named like a body (`.body.next =`, `.payload[k] =`,
 * `Object.assign(x.body, …)`) and reads a member named like a part of the URL. A cheap filter on the
 * text; what counts is decided on the parsed code.
 */
const WRITES_METHOD = /\.method\s*(?:\?\?|\|\|)?=(?!=)|Object\.assign\s*\([^;]*\bmethod\b/u;
const WRITES_BODY = /\.(?:body|payload)\b[^;\n=]*?(?:\?\?|\|\|)?=(?!=)|Object\.assign\s*\(/u;
const READS_URL = /\.(?:query|querystring|params|url|originalUrl|path)\b/u;
const WRITES_URL = /\.(?:url|originalUrl|path)\s*(?:\?\?|\|\|)?=(?!=)/u;
const DECODES_OR_READS_FIELDS = /decodeURI|unescape|\.(?:query|querystring|params|body|headers)\b|\.get\(/u;

function mayRewrite(text: string): boolean {
  return WRITES_METHOD.test(text) || (WRITES_BODY.test(text) && READS_URL.test(text)) || (WRITES_URL.test(text) && DECODES_OR_READS_FIELDS.test(text));
}

/**
 * The rewrites of the linted program and of the other files of its project. Only the linted
 * program's when the file is not on disk or in no project.
 */
export function projectRequestRewrites(filename: string, program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): RequestRewrites {
  const own = rewritesOfProgram(program, scopeOf);
  let methodOverride = own.methodOverride;
  const urlFilledBody = new Set(own.urlFilledBody);
  const decodedUrl = new Set(own.decodedUrl);
  const index = path.isAbsolute(filename) ? projectIndexOf(filename) : null;
  if (index === null) return own;
  const linted = path.resolve(filename);
  const files = candidateFiles(index, 'request-rewrites', (file) => mayRewrite(readProjectFile(file) ?? ''));
  for (const file of files) {
    if (file === linted) continue;
    const module = index.module(file);
    if (module === null) continue;
    const found = rewritesOfProgram(module.program, (node) => scopeLookup(module.sourceCode)(node));
    methodOverride ||= found.methodOverride;
    for (const style of found.urlFilledBody) urlFilledBody.add(style);
    for (const style of found.decodedUrl) decodedUrl.add(style);
  }
  return { methodOverride, urlFilledBody, decodedUrl };
}
