import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, propertyName, unwrap, walk, type FunctionNode } from '../../utils/ast.js';

/*
 * A request handler that dispatches by itself (`http.createServer(async (req, res) => { if (p ===
 * '/api/ping' && req.method === 'POST') { … } … })`, a fetch server's `if (url.pathname === …)`) is
 * one route to the route model: its branches are not. When several of its branches open with the
 * same gate (`if (!isOps(req)) return send(res, 401, …)`: a test given the request whose branch
 * refuses with 401 or 403 and leaves), that gate is the handler's authentication, written once per
 * branch; a branch that writes (its test asks for POST, PUT, PATCH or DELETE) and lacks it is
 * reachable without it. Only the top-level `if` (and `else if`) statements of the handler are read:
 * linear in its size.
 */

/** A branch of a dispatching handler that lacks the gate its siblings open with. */
export interface UncheckedBranch {
  /** The `if` statement of the branch. */
  node: TSESTree.IfStatement;
  path: string;
  methods: string[];
  /** The gate the siblings open with, as written (`!isOps(req)`). */
  gate: string;
  /** How many sibling branches open with it. */
  count: number;
}

/** Branches that open with the gate before one without it is suspect. */
const MIN_GATED_BRANCHES = 2;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const REFUSALS = new Set([401, 403]);

interface Branch {
  node: TSESTree.IfStatement;
  path: string;
  methods: string[];
  gate: string | null;
}

/** The branches of `fn` that write and lack the gate at least two of their siblings open with. */
export function uncheckedBranches(fn: FunctionNode, textOf: (node: TSESTree.Node) => string): UncheckedBranch[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [];
  const request = fn.params[0]?.type === AST_NODE_TYPES.Identifier ? fn.params[0].name : null;
  if (request === null) return [];
  const branches: Branch[] = [];
  for (const statement of fn.body.body) {
    for (let node: TSESTree.Statement | null = statement; node?.type === AST_NODE_TYPES.IfStatement; node = node.alternate) {
      const path = pathTested(node.test);
      if (path !== null) branches.push({ node, path, methods: methodsTested(node.test), gate: openingGate(node.consequent, request, textOf) });
    }
  }
  const counts = new Map<string, number>();
  for (const branch of branches) if (branch.gate !== null) counts.set(branch.gate, (counts.get(branch.gate) ?? 0) + 1);
  let gate: string | null = null;
  let count = 0;
  for (const [text, seen] of counts) {
    if (seen > count) {
      gate = text;
      count = seen;
    }
  }
  if (gate === null || count < MIN_GATED_BRANCHES) return [];
  return branches
    .filter((branch) => branch.gate === null && branch.methods.length > 0 && branch.methods.every((method) => WRITE_METHODS.has(method)))
    .map((branch) => ({ node: branch.node, path: branch.path, methods: branch.methods, gate, count }));
}

/** `p === '/api/ping'`, `url.pathname === '/api/ping'` anywhere in a test joined by `&&`: the path, or null. */
function pathTested(test: TSESTree.Node): string | null {
  for (const part of conjuncts(test)) {
    if (part.type !== AST_NODE_TYPES.BinaryExpression || part.operator !== '===') continue;
    for (const side of [part.left, part.right]) {
      const value = unwrap(side);
      if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' && value.value.startsWith('/')) return value.value;
    }
  }
  return null;
}

/** `req.method === 'POST'` in a test joined by `&&`: the methods asked for (none when it asks for none). */
function methodsTested(test: TSESTree.Node): string[] {
  const methods: string[] = [];
  for (const part of conjuncts(test)) {
    if (part.type !== AST_NODE_TYPES.BinaryExpression || part.operator !== '===') continue;
    const [member, literal] = unwrap(part.left).type === AST_NODE_TYPES.Literal ? [unwrap(part.right), unwrap(part.left)] : [unwrap(part.left), unwrap(part.right)];
    if (member.type === AST_NODE_TYPES.MemberExpression && propertyName(member.property) === 'method' && literal.type === AST_NODE_TYPES.Literal && typeof literal.value === 'string') {
      methods.push(literal.value.toUpperCase());
    }
  }
  return methods;
}

function conjuncts(test: TSESTree.Node): TSESTree.Node[] {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') return [...conjuncts(node.left), ...conjuncts(node.right)];
  return [node];
}

/**
 * The gate a branch opens with: its first statement is an `if` whose test reads the request (its
 * name appears in it) and whose branch leaves with a 401 or 403 answer (`return send(res, 401, …)`,
 * `res.writeHead(403)` then `return`). Its text, or null.
 */
function openingGate(consequent: TSESTree.Statement, request: string, textOf: (node: TSESTree.Node) => string): string | null {
  const first = consequent.type === AST_NODE_TYPES.BlockStatement ? consequent.body[0] : consequent;
  if (first?.type !== AST_NODE_TYPES.IfStatement || first.alternate) return null;
  if (!mentions(first.test, request) || !leaves(first.consequent) || !refuses(first.consequent)) return null;
  return textOf(first.test);
}

function mentions(node: TSESTree.Node, name: string): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found || isFunction(inner)) return 'skip';
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) found = true;
    return undefined;
  });
  return found;
}

function leaves(branch: TSESTree.Statement): boolean {
  const last = branch.type === AST_NODE_TYPES.BlockStatement ? branch.body.at(-1) : branch;
  return last?.type === AST_NODE_TYPES.ReturnStatement || last?.type === AST_NODE_TYPES.ThrowStatement;
}

/** A literal 401 or 403 given to a call of the branch (`send(res, 401, …)`, `res.writeHead(403)`). */
function refuses(branch: TSESTree.Statement): boolean {
  let found = false;
  walk(branch, (inner) => {
    if (found || isFunction(inner)) return 'skip';
    if (inner.type === AST_NODE_TYPES.CallExpression && inner.arguments.some((argument) => argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'number' && REFUSALS.has(argument.value))) found = true;
    return undefined;
  });
  return found;
}
