import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { predicateMethods, stringValueMethods } from '../../models/sanitizers.js';
import { dottedName, findVariable, isFunction, propertyName, singleDefinition, unwrap, walk, type FunctionNode, type Scope } from '../../utils/ast.js';

/*
 * A route whose handler only sends the client elsewhere (`/go?to=…`, `/docs` → the docs site, a
 * legacy path → its new one) reads and writes nothing of the application's: there is nothing for
 * authentication to protect. Where the client is sent is `no-open-redirect`'s question. Judged by
 * everything the handler calls: the redirect, the response's status and headers, reads of the
 * request, and side-effect-free string and URL functions. Any other call (a store, a session, a
 * helper whose body is elsewhere), a nested function, or a write to an object's member makes it a
 * handler like any other.
 */

/** Methods of the response, context or framework objects that send a redirect. */
const REDIRECTS = new Set(['redirect', 'permanentRedirect']);
/** Response methods that only set the status or headers, or end the response with literal text. */
const RESPONSE_SHAPING = new Set(['status', 'code', 'set', 'header', 'setHeader', 'type', 'location', 'end', 'send', 'json', 'writeHead']);
/**
 * Methods that read the request (`req.get('host')`, `c.req.query('to')`, `url.searchParams.get('to')`)
 * or a fixed table (`LINKS.get(slug)`), when called on one of those (see `readsRequestOrTable`).
 */
const LOOKUPS = new Set(['get', 'getAll', 'has', 'query', 'param', 'header', 'queries']);
/** String methods and tests without side effects (the sanitizer models' lists, and `match`). */
const STRING_METHODS: ReadonlySet<string> = new Set([...stringValueMethods, ...predicateMethods, 'match']);
/** Global functions and constructors without side effects. */
const PURE_GLOBALS = new Set(['String', 'Number', 'Boolean', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'parseInt', 'isNaN', 'URL', 'URLSearchParams']);

/** Whether a handler does nothing but redirect (see above). */
export function onlyRedirects(fn: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope): boolean {
  const request = fn.params[0];
  const requestName = request?.type === AST_NODE_TYPES.Identifier ? request.name : null;
  let redirects = false;
  let other = false;
  walk(fn.body, (node) => {
    if (other) return 'skip';
    if (isFunction(node) || node.type === AST_NODE_TYPES.ClassExpression || node.type === AST_NODE_TYPES.ClassDeclaration) {
      other = true;
      return 'skip';
    }
    if (
      (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type !== AST_NODE_TYPES.Identifier && !setsStatus(node.left, fn)) ||
      (node.type === AST_NODE_TYPES.UpdateExpression && node.argument.type !== AST_NODE_TYPES.Identifier) ||
      (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete')
    ) {
      other = true;
      return 'skip';
    }
    if (node.type === AST_NODE_TYPES.NewExpression) {
      if (!PURE_GLOBALS.has(dottedName(node.callee) ?? '')) other = true;
      return undefined;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      // `redirect('/x')` of next/navigation or a framework's helper; `String(x)`.
      if (REDIRECTS.has(callee.name)) redirects = true;
      else if (!PURE_GLOBALS.has(callee.name)) other = true;
      return undefined;
    }
    const method = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? propertyName(callee.property) : null;
    if (method === null) other = true;
    else if (REDIRECTS.has(method)) redirects = true;
    else if (RESPONSE_SHAPING.has(method)) {
      if ((method === 'send' || method === 'json' || method === 'end') && !node.arguments.every(isLiteralText)) other = true;
    } else if (LOOKUPS.has(method)) {
      if (!readsRequestOrTable((callee as TSESTree.MemberExpression).object, requestName, scopeOf)) other = true;
    } else if (!STRING_METHODS.has(method)) other = true;
    return undefined;
  });
  return redirects && !other;
}

/**
 * The receiver of a lookup: the request (`req.get`, `c.req.query`), a URL or its search parameters
 * built in the handler (`new URL(req.url, base).searchParams`), or a constant table (`new Map([...])`,
 * `new Set([...])`, an object or array literal). Not a store client (`cache.get(key)`).
 */
function readsRequestOrTable(receiver: TSESTree.Node, requestName: string | null, scopeOf: (node: TSESTree.Node) => Scope): boolean {
  let target = unwrap(receiver);
  while (target.type === AST_NODE_TYPES.MemberExpression) {
    if (!target.computed && propertyName(target.property) === 'searchParams') return true;
    target = unwrap(target.object);
  }
  if (target.type === AST_NODE_TYPES.NewExpression) return ['URL', 'URLSearchParams'].includes(dottedName(target.callee) ?? '');
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  if (target.name === requestName) return true;
  const variable = findVariable(scopeOf(target), target.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.parent.kind !== 'const' || !definition.node.init) return false;
  const init = unwrap(definition.node.init);
  if (init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.ArrayExpression) return true;
  return init.type === AST_NODE_TYPES.NewExpression && ['URL', 'URLSearchParams', 'Map', 'Set'].includes(dottedName(init.callee) ?? '');
}

/** `ctx.status = 302`, `res.statusCode = 302`: the status of the handler's own response. */
function setsStatus(left: TSESTree.Node, fn: FunctionNode): boolean {
  if (left.type !== AST_NODE_TYPES.MemberExpression || left.computed || left.object.type !== AST_NODE_TYPES.Identifier) return false;
  const owner = left.object.name;
  const own = fn.params.slice(0, 2).some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === owner);
  return own && ['status', 'statusCode'].includes(propertyName(left.property) ?? '');
}

/** A literal or a template literal without holes. */
function isLiteralText(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal || (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0);
}
