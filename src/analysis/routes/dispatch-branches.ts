import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, isConstantBinding, isFunction, propertyName, resolveFunction, singleDefinition, unwrap, walk, type FunctionNode, type Scope } from '../../utils/ast.js';

/*
 * A request handler that dispatches by itself (`http.createServer(async (req, res) => { if (p ===
 * '/api/ping' && req.method === 'POST') { … } … })`, a fetch server's `if (url.pathname === …)`) is
 * one route to the route model: its branches are not. A branch is what the handler runs for one
 * path: a top-level `if` (and `else if`) whose test compares the path with a literal; a `case` of a
 * top-level `switch` on the path (`switch (pathname) { case '/orders': … }`), on a key of method and
 * path (`switch (`${req.method} ${pathname}`) { case 'POST /orders': … }`) or on `true` with such
 * tests (`case pathname === '/orders' && req.method === 'POST':`); or an entry of a route map the
 * handler looks its answer up in (`const routes = { 'POST /orders': createOrder }; routes[key]?.(req,
 * res)`). A `default` case answers no path of its own. A branch's methods are those its test names,
 * else those its body compares the method with (`if (req.method !== 'POST') return …`).
 *
 * When several branches open with the same gate (`if (!isOps(req)) return send(res, 401, …)`: a test
 * given the request whose branch refuses with 401 or 403 and leaves), that gate is the handler's
 * authentication, written once per branch; a branch that writes (its methods are POST, PUT, PATCH
 * or DELETE) and lacks it is reachable without it. A gate before the dispatch covers every branch
 * and is the handler's own verdict. Only the top-level statements of the handler (and of a
 * top-level `try`), the cases of its switches, the entries of its route maps and each branch's own
 * statements are read: linear in its size.
 */

/** A branch of a dispatching handler that lacks the gate its siblings open with. */
export interface UncheckedBranch {
  /** Where the branch names its path: the test of its `if`, its `case` test, its key in the route map. */
  node: TSESTree.Node;
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

/** `'POST /orders'`: a key naming a method and a path. */
const METHOD_AND_PATH = /^([A-Za-z]+)\s+(\/\S*)$/u;

/** Route map lookups followed to their object (`const routes = …`, through a `const` alias). */
const MAX_ALIASES = 4;

interface Branch {
  node: TSESTree.Node;
  path: string;
  methods: string[];
  gate: string | null;
  /** An entry of a route map, answered by a function of its own. */
  mapped?: true;
}

/** What reading a handler needs from the file: the text of a node, the scope a node is in. */
export interface BranchReader {
  textOf: (node: TSESTree.Node) => string;
  scopeOf: (node: TSESTree.Node) => Scope;
}

/** The gate most branches of a dispatching handler open with, and the writing branches without it. */
export interface DispatchGate {
  /** The gate as written (`!isOps(req)`). */
  gate: string;
  /** How many branches open with it. */
  count: number;
  unchecked: UncheckedBranch[];
  /**
   * Some branches that open with it are functions of a route map: the gate is written outside the
   * handler's body, where judging the handler alone does not see it.
   */
  outside: boolean;
}

/**
 * The gate at least two branches of `fn` open with, and its branches that write without it; null
 * when no gate is shared so.
 */
export function dispatchGate(fn: FunctionNode, reader: BranchReader): DispatchGate | null {
  const branches = dispatchBranches(fn, reader);
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
  if (gate === null || count < MIN_GATED_BRANCHES) return null;
  const unchecked = branches
    .filter((branch) => branch.gate === null && branch.methods.length > 0 && branch.methods.every((method) => WRITE_METHODS.has(method)))
    .map((branch) => ({ node: branch.node, path: branch.path, methods: branch.methods, gate, count }));
  const outside = branches.some((branch) => branch.gate === gate && branch.mapped);
  return { gate, count, unchecked, outside };
}

/** The branches of a dispatching handler, in the order written (see the comment at the top). */
function dispatchBranches(fn: FunctionNode, reader: BranchReader): Branch[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [];
  const request = fn.params[0]?.type === AST_NODE_TYPES.Identifier ? fn.params[0].name : null;
  if (request === null) return [];
  const branches: Branch[] = [];
  const statements = fn.body.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.TryStatement ? statement.block.body : [statement]));
  for (const statement of statements) {
    for (let node: TSESTree.Statement | null = statement; node?.type === AST_NODE_TYPES.IfStatement; node = node.alternate) {
      const path = pathTested(node.test);
      if (path !== null) branches.push({ node: node.test, path, methods: methodsOf(node.test, [node.consequent]), gate: openingGate([node.consequent], request, reader.textOf) });
    }
    if (statement.type === AST_NODE_TYPES.SwitchStatement) branches.push(...switchBranches(statement, request, reader.textOf));
  }
  for (const map of routeMaps(fn, reader.scopeOf)) branches.push(...mapBranches(map, reader));
  return branches;
}

/**
 * The cases of a `switch` that dispatches: on `true` (each test a condition on the path), on a key
 * of method and path (`'POST /orders'`), or on the path. Cases that fall through to the next one
 * share its statements.
 */
function switchBranches(statement: TSESTree.SwitchStatement, request: string, textOf: (node: TSESTree.Node) => string): Branch[] {
  const discriminant = unwrap(statement.discriminant);
  const onConditions = discriminant.type === AST_NODE_TYPES.Literal && discriminant.value === true;
  const branches: Branch[] = [];
  let waiting: TSESTree.Expression[] = [];
  for (const switchCase of statement.cases) {
    if (switchCase.test) waiting.push(switchCase.test);
    if (switchCase.consequent.length === 0) continue;
    const gate = openingGate(switchCase.consequent, request, textOf);
    for (const test of waiting) {
      const named = onConditions ? { path: pathTested(test), methods: methodsTested(test) } : caseKey(test);
      if (named.path === null) continue;
      const methods = named.methods.length > 0 ? named.methods : methodsCompared(switchCase.consequent);
      branches.push({ node: test, path: named.path, methods, gate });
    }
    waiting = [];
  }
  return branches;
}

/** A `case` value: `'/orders'` (a path) or `'POST /orders'` (a method and a path). */
function caseKey(test: TSESTree.Node): { path: string | null; methods: string[] } {
  const text = literalString(test);
  if (text === null) return { path: null, methods: [] };
  if (text.startsWith('/')) return { path: text, methods: [] };
  const match = METHOD_AND_PATH.exec(text);
  return match?.[1] && match[2] ? { path: match[2], methods: [match[1].toUpperCase()] } : { path: null, methods: [] };
}

function literalString(node: TSESTree.Node): string | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0]?.value.cooked ?? null;
  return null;
}

/**
 * The object literals the handler looks a route up in by a key it computes (`routes[key]`,
 * `routes[`${req.method} ${pathname}`]?.(req, res)`), held in a `const` of the file whose keys name
 * routes (`'/orders'`, `'POST /orders'`).
 */
function routeMaps(fn: FunctionNode, scopeOf: (node: TSESTree.Node) => Scope): TSESTree.ObjectExpression[] {
  const maps = new Set<TSESTree.ObjectExpression>();
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunction(node)) return 'skip';
    if (node.type !== AST_NODE_TYPES.MemberExpression || !node.computed || literalString(node.property) !== null) return undefined;
    const map = constantObject(node.object, scopeOf);
    if (map && map.properties.some((property) => property.type === AST_NODE_TYPES.Property && caseKey(property.key).path !== null)) maps.add(map);
    return undefined;
  });
  return [...maps];
}

function constantObject(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): TSESTree.ObjectExpression | null {
  let target = unwrap(node);
  for (let depth = 0; depth < MAX_ALIASES && target.type === AST_NODE_TYPES.Identifier; depth++) {
    const variable = findVariable(scopeOf(target), target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return null;
    target = unwrap(definition.node.init);
  }
  return target.type === AST_NODE_TYPES.ObjectExpression ? target : null;
}

/** The entries of a route map: each key a route, each value the function that answers it (its gate read in its body). */
function mapBranches(map: TSESTree.ObjectExpression, reader: BranchReader): Branch[] {
  const branches: Branch[] = [];
  for (const property of map.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const named = caseKey(property.key);
    if (named.path === null) continue;
    const fn = isFunction(unwrap(property.value)) ? (unwrap(property.value) as FunctionNode) : resolveFunction(property.value, reader.scopeOf(property.value));
    const request = fn?.params[0]?.type === AST_NODE_TYPES.Identifier ? fn.params[0].name : null;
    const body = fn && request !== null && fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : null;
    const gate = body && request !== null ? openingGate(body, request, reader.textOf) : null;
    const methods = named.methods.length > 0 ? named.methods : body ? methodsCompared(body) : [];
    branches.push({ node: property.key, path: named.path, methods, gate, mapped: true });
  }
  return branches;
}

/** The methods a branch's test names, else those its statements compare the method with. */
function methodsOf(test: TSESTree.Node, statements: readonly TSESTree.Statement[]): string[] {
  const named = methodsTested(test);
  return named.length > 0 ? named : methodsCompared(statements);
}

/**
 * The methods the statements of a branch compare the request method with (`if (req.method !==
 * 'POST') return …`, `req.method === 'DELETE'`, `switch (req.method) { case 'PUT': … }`), not
 * inside functions they define.
 */
function methodsCompared(statements: readonly TSESTree.Statement[]): string[] {
  const methods = new Set<string>();
  for (const statement of statements) {
    walk(statement, (node) => {
      if (isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.BinaryExpression && EQUALITIES.has(node.operator)) {
        for (const [member, literal] of [[node.left, node.right], [node.right, node.left]] as const) {
          const text = isMethodMember(member) ? literalString(literal) : null;
          if (text !== null) methods.add(text.toUpperCase());
        }
      }
      if (node.type === AST_NODE_TYPES.SwitchStatement && isMethodMember(node.discriminant)) {
        for (const switchCase of node.cases) {
          const text = switchCase.test ? literalString(switchCase.test) : null;
          if (text !== null) methods.add(text.toUpperCase());
        }
      }
      return undefined;
    });
  }
  return [...methods];
}

const EQUALITIES: ReadonlySet<string> = new Set(['===', '==', '!==', '!=']);

function isMethodMember(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.MemberExpression && propertyName(target.property) === 'method';
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
 * The gate a branch opens with: among the `if` statements that leave early with which it starts
 * (inside a block it opens with), one whose test reads the request (its name appears in it) and
 * whose branch leaves with a 401 or 403 answer (`return send(res, 401, …)`, `res.writeHead(403)`
 * then `return`), after a check of the method (`if (req.method !== 'POST') return …`) as much as
 * before it. Its text, or null.
 */
function openingGate(statements: readonly TSESTree.Statement[], request: string, textOf: (node: TSESTree.Node) => string): string | null {
  const opening = statements[0];
  const leading = opening?.type === AST_NODE_TYPES.BlockStatement ? opening.body : statements;
  for (const statement of leading) {
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !leaves(statement.consequent)) return null;
    if (mentions(statement.test, request) && refuses(statement.consequent)) return textOf(statement.test);
  }
  return null;
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
