import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, isFunction, propertyName, unwrap, type FunctionNode } from '../../utils/ast.js';

/*
 * The conditions on the request path under which a statement of a middleware runs: a Next.js
 * middleware runs for every path its matcher selects and checks the role only under
 * `if (req.nextUrl.pathname.startsWith('/api/admin'))`. Tests of the path are evaluated for a
 * route's path (`startsWith`, `endsWith`, `includes`, `===` against a literal); anything else in a
 * test is unknown, and a statement is taken to run for a path unless a path test rules it out.
 */

type Truth = boolean | null;

const NO_ALIASES: ReadonlySet<string> = new Set();

/** `pathname`, `req.nextUrl.pathname`, `request.nextUrl.pathname`, `url.pathname`, or a local holding one (`aliases`). */
function isPathname(node: TSESTree.Node, aliases: ReadonlySet<string> = NO_ALIASES): boolean {
  const target = unwrap(node);
  const name = dottedName(target);
  if (target.type === AST_NODE_TYPES.Identifier && aliases.has(target.name)) return true;
  if (name !== null && target.type === AST_NODE_TYPES.MemberExpression && aliases.has(name)) return true;
  return name !== null && (name === 'pathname' || name.endsWith('.pathname'));
}

function literalText(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value;
  if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) return target.quasis[0]?.value.cooked ?? null;
  return null;
}

/** The strings of a fixed list an expression names (a `const` array, a member of an imported settings object), or null. */
export type ListOf = (node: TSESTree.Node) => readonly string[] | null;

/**
 * `PUBLIC.includes(pathname)`, `PUBLIC.has(pathname)` of a `Set`, `PUBLIC.some((p) => pathname.startsWith(p))` (also `===`,
 * `endsWith`, and `p.test(pathname)` is not read) over a fixed list of strings: true when an entry
 * holds for `path`. Undefined when the call is not such a test, null when the list is unknown.
 */
function listTruth(call: TSESTree.CallExpression, path: string, aliases: ReadonlySet<string>, listOf: ListOf, wholeSegments: boolean): Truth | undefined {
  const callee = call.callee as TSESTree.MemberExpression;
  const method = propertyName(callee.property);
  const [argument] = call.arguments;
  if (argument === undefined) return undefined;
  // `PUBLIC.has(req.path)` of a `new Set([...])`: an exact match, as `includes` of an array.
  if ((method === 'includes' || method === 'has') && isPathname(argument, aliases)) {
    const list = listOf(callee.object);
    return list === null ? null : list.some((entry) => entry === path || `${entry}/` === path);
  }
  if (method !== 'some' && method !== 'find') return undefined;
  const fn = unwrap(argument);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const [element] = fn.params;
  if (element?.type !== AST_NODE_TYPES.Identifier) return undefined;
  let body: TSESTree.Node | null = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    body = only?.type === AST_NODE_TYPES.ReturnStatement && only.argument ? only.argument : null;
  }
  if (body === null) return undefined;
  const test = unwrap(body);
  if (test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression || !isPathname(test.callee.object, aliases)) return undefined;
  const tested = test.arguments[0] ? unwrap(test.arguments[0]) : null;
  if (tested?.type !== AST_NODE_TYPES.Identifier || tested.name !== element.name) return undefined;
  const how = propertyName(test.callee.property);
  if (how !== 'startsWith' && how !== 'endsWith' && how !== 'includes') return undefined;
  const list = listOf(callee.object);
  if (list === null) return null;
  return list.some((entry) => (how === 'startsWith' ? startsWithPrefix(path, entry, wholeSegments) : how === 'endsWith' ? path.endsWith(entry) : path.includes(entry)));
}

/**
 * `path.startsWith(prefix)`; with `wholeSegments`, only where the prefix ends a segment of the path
 * (`/api/pay` holds for `/api/pay` and `/api/pay/:token`, not for `/api/payouts`).
 */
function startsWithPrefix(path: string, prefix: string, wholeSegments: boolean): boolean {
  if (!path.startsWith(prefix)) return false;
  return !wholeSegments || prefix.endsWith('/') || path.length === prefix.length || path[prefix.length] === '/';
}

/**
 * The value of a test for a request to `path`, read from its tests of the pathname (three-valued:
 * null where it depends on something else, the caller's role for instance).
 */
export function pathTruth(test: TSESTree.Node, path: string, aliases: ReadonlySet<string> = NO_ALIASES, listOf?: ListOf, wholeSegments = false): Truth {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    const inner = pathTruth(node.argument, path, aliases, listOf, wholeSegments);
    return inner === null ? null : !inner;
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression && (node.operator === '&&' || node.operator === '||')) {
    const left = pathTruth(node.left, path, aliases, listOf, wholeSegments);
    const right = pathTruth(node.right, path, aliases, listOf, wholeSegments);
    if (node.operator === '&&') return left === false || right === false ? false : left === true && right === true ? true : null;
    return left === true || right === true ? true : left === false && right === false ? false : null;
  }
  if (listOf && node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
    const listed = listTruth(node, path, aliases, listOf, wholeSegments);
    if (listed !== undefined) return listed;
  }
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && isPathname(node.callee.object, aliases)) {
    const method = propertyName(node.callee.property);
    const text = node.arguments[0] ? literalText(node.arguments[0]) : null;
    if (text === null) return null;
    if (method === 'startsWith') return startsWithPrefix(path, text, wholeSegments);
    if (method === 'endsWith') return path.endsWith(text);
    if (method === 'includes') return path.includes(text);
    return null;
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(node.operator) && node.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
    const text = isPathname(node.left, aliases) ? literalText(node.right) : isPathname(node.right, aliases) ? literalText(node.left) : null;
    if (text === null) return null;
    const equal = path === text || path === `${text}/`;
    return node.operator.startsWith('!') ? !equal : equal;
  }
  return null;
}

/**
 * Whether `statement` (in `fn`) can run for a request to `path`: no `if` around it takes the
 * other branch for that path, and no earlier `if` of an enclosing block leaves the function for
 * that path (`if (!pathname.startsWith('/api/admin')) return NextResponse.next()`).
 */
export function reachedForPath(statement: TSESTree.Node, fn: FunctionNode, path: string): boolean {
  let child: TSESTree.Node = statement;
  for (let current = statement.parent; current && current !== fn && !isFunction(current); child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) {
      if (current.consequent === child && pathTruth(current.test, path) === false) return false;
      if (current.alternate === child && pathTruth(current.test, path) === true) return false;
    }
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.right === child) {
      const left = pathTruth(current.left, path);
      if ((current.operator === '&&' && left === false) || (current.operator === '||' && left === true)) return false;
    }
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) {
      const index = current.body.indexOf(child as TSESTree.Statement);
      for (const earlier of current.body.slice(0, Math.max(index, 0))) {
        if (earlier.type === AST_NODE_TYPES.IfStatement && !earlier.alternate && leaves(earlier.consequent) && pathTruth(earlier.test, path) === true) return false;
      }
    }
  }
  return true;
}

/** A branch that ends in `return` or `throw` (directly, or as the last statement of its block). */
function leaves(branch: TSESTree.Statement): boolean {
  if (branch.type === AST_NODE_TYPES.ReturnStatement || branch.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (branch.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = branch.body.at(-1);
  return last !== undefined && leaves(last);
}

/**
 * Whether a check (an `if` or `? :` of `fn` that rejects in its consequent) applies to a request to
 * `path`: its own test does not rule the path out (`pathname.startsWith('/api/admin') && role !==
 * 'admin'`), and it is reached for the path (see `reachedForPath`).
 */
export function checkAppliesToPath(check: TSESTree.IfStatement | TSESTree.ConditionalExpression, fn: FunctionNode, path: string): boolean {
  if (!check.alternate && pathTruth(check.test, path) === false) return false;
  return reachedForPath(check, fn, path);
}

/**
 * Whether a middleware lets a request to `path` through before it checks anything: one of the
 * first statements of its body is `if (<test true for path>) return;` (or `return next()`), with
 * only such `if`s and declarations of the path before it (`const path =
 * getRequestURL(event).pathname; if (path.startsWith('/api/internal/')) return;`). What the
 * middleware verifies after it does not protect that path.
 */
export function skipsPath(fn: FunctionNode, path: string, listOf?: ListOf, wholeSegments = false): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const aliases = new Set<string>();
  const [event] = fn.params;
  const eventName = event?.type === AST_NODE_TYPES.Identifier ? event.name : null;
  // `req.path`, `req.originalUrl`, `ctx.path` of the middleware's own request (Express, Koa) read
  // as the path: `originalUrl` and `url` may carry a query, which no prefix test of a path depends on.
  if (eventName !== null) for (const member of REQUEST_PATH_MEMBERS) aliases.add(`${eventName}.${member}`);
  // `const isPublic = PUBLIC_PREFIXES.some((p) => req.path.startsWith(p))`: a test of the path, named.
  const namedTests = new Map<string, TSESTree.Node>();
  for (const statement of fn.body.body) {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init ? unwrap(declarator.init) : null;
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || init === null) return false;
        const readsPath = init.type === AST_NODE_TYPES.MemberExpression && !init.computed &&
          (propertyName(init.property) === 'pathname' || (propertyName(init.property) === 'path' && eventName !== null && dottedName(init.object) === eventName) || isPathname(init, aliases));
        if (readsPath) aliases.add(declarator.id.name);
        else if (statement.kind === 'const' && pathTruth(init, path, aliases, listOf, wholeSegments) !== null) namedTests.set(declarator.id.name, init);
        else return false;
      }
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !letsThrough(statement.consequent)) return false;
    const test = unwrap(statement.test);
    const named = test.type === AST_NODE_TYPES.Identifier ? namedTests.get(test.name) : undefined;
    if (pathTruth(named ?? statement.test, path, aliases, listOf, wholeSegments) === true) return true;
  }
  return false;
}

const REQUEST_PATH_MEMBERS = ['path', 'originalUrl', 'url', 'request.path', 'request.url'];

/** `return;`, `return next();`, `return await next();`, alone or in a block. */
function letsThrough(branch: TSESTree.Statement): boolean {
  const statement = branch.type === AST_NODE_TYPES.BlockStatement && branch.body.length === 1 ? branch.body[0] : branch;
  if (statement?.type !== AST_NODE_TYPES.ReturnStatement) return false;
  if (!statement.argument) return true;
  const value = unwrap(statement.argument);
  const call = value.type === AST_NODE_TYPES.AwaitExpression ? unwrap(value.argument) : value;
  return call.type === AST_NODE_TYPES.CallExpression && dottedName(call.callee) === 'next' && call.arguments.length === 0;
}
