import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { crossFileTarget, importedValue } from '../project/calls.js';
import type { ProjectModule } from '../project/parse.js';
import { findVariable, isConstantBinding, isFunction, propertyName, resolveFunction, scopeOf as scopeIn, singleDefinition, unwrap, walk, type FunctionNode, type Scope } from '../../utils/ast.js';

/*
 * A request handler that dispatches by itself (`http.createServer(async (req, res) => { if (p ===
 * '/api/ping' && req.method === 'POST') { … } … })`, a fetch server's `if (url.pathname === …)`) is
 * one route to the route model: its branches are not. A branch is what the handler runs for one
 * path: a top-level `if` (and `else if`) whose test compares the path with a literal; a `case` of a
 * top-level `switch` on the path (`switch (pathname) { case '/orders': … }`), on a key of method and
 * path (`switch (`${req.method} ${pathname}`) { case 'POST /orders': … }`) or on `true` with such
 * tests (`case pathname === '/orders' && req.method === 'POST':`); or an entry of a route map the
 * handler looks its answer up in (`const routes = { 'POST /orders': createOrder }; routes[key]?.(req,
 * res)`), or an entry of a route table it selects its answer from (see `routeTableEntries`). A
 * `default` case answers no path of its own. A branch's methods are those its test names,
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

/**
 * What reading a handler needs from the file: the text of a node, the scope a node is in, and the
 * file's source (to read the functions of a route table imported from other modules).
 */
export interface BranchReader {
  textOf: (node: TSESTree.Node) => string;
  scopeOf: (node: TSESTree.Node) => Scope;
  sourceCode?: Readonly<TSESLint.SourceCode>;
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
  branches.push(...tableBranches(fn, reader));
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

/** The object literal a `const` of the file holds (through `const` aliases), or null. */
function constantObject(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): TSESTree.ObjectExpression | null {
  const literal = constantLiteral(node, scopeOf);
  return literal?.type === AST_NODE_TYPES.ObjectExpression ? literal : null;
}

/** The entries of a route map: each key a route, each value the function that answers it (its gate read in its body). */
function mapBranches(map: TSESTree.ObjectExpression, reader: BranchReader): Branch[] {
  const branches: Branch[] = [];
  for (const property of map.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const named = caseKey(property.key);
    if (named.path === null) continue;
    branches.push(answeredBranch(property.key, { path: named.path, methods: named.methods }, property.value, reader));
  }
  return branches;
}

/**
 * A branch answered by a function of its own (an entry of a route map or table): its gate read at
 * the start of that function, in this file or in the module it is imported from; its methods those
 * the entry names, else those the function compares the method with.
 */
function answeredBranch(node: TSESTree.Node, named: { path: string; methods: string[] }, answer: TSESTree.Node, reader: BranchReader): Branch {
  const local = isFunction(unwrap(answer)) ? (unwrap(answer) as FunctionNode) : resolveFunction(answer, reader.scopeOf(answer));
  let fn: FunctionNode | null = local;
  let textOf = reader.textOf;
  if (!fn && reader.sourceCode) {
    const remote = crossFileTarget(answer, reader.sourceCode);
    if (remote) {
      fn = remote.fn;
      textOf = (inner) => remote.module.sourceCode.getText(inner);
    }
  }
  const request = fn?.params[0]?.type === AST_NODE_TYPES.Identifier ? fn.params[0].name : null;
  const body = fn && request !== null && fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : null;
  const gate = body && request !== null ? openingGate(body, request, textOf) : null;
  const methods = named.methods.length > 0 ? named.methods : body ? methodsCompared(body) : [];
  return { node, path: named.path, methods, gate, mapped: true };
}

/** The entries of the route tables a handler calls its answer from, those whose path can be read. */
function tableBranches(fn: FunctionNode, reader: BranchReader): Branch[] {
  const tables = new Set<TSESTree.ArrayExpression>();
  const branches: Branch[] = [];
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunction(node)) return 'skip';
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const selected = tableSelection(node.callee, reader);
    if (!selected || tables.has(selected.table)) return undefined;
    tables.add(selected.table);
    // A table of another module: its entries' functions are read (and named) in that module.
    const entryReader = selected.module ? moduleReader(selected.module) : reader;
    for (const entry of entriesOf(selected)) {
      if (entry.path !== null) branches.push(answeredBranch(entry.node, { path: entry.path, methods: entry.methods }, entry.answer, entryReader));
    }
    return undefined;
  });
  return branches;
}

function moduleReader(module: ProjectModule): BranchReader {
  return { textOf: (node) => module.sourceCode.getText(node), scopeOf: (node) => scopeIn(module.sourceCode, node), sourceCode: module.sourceCode };
}

/** An entry of a route table: the function that answers it, and the path and methods it names. */
export interface RouteTableEntry {
  /** The entry (`['GET', /^\/files$/, files.list]`, `{ method: 'GET', path: '/files', handler }`). */
  node: TSESTree.Node;
  /** The entry's function as written (`files.list`, an arrow). */
  answer: TSESTree.Node;
  /** Its path (a regex literal's source read as a path, its parameters `:param`), or null. */
  path: string | null;
  methods: string[];
  /** The module whose table holds the entry, when it is not the dispatcher's file (its nodes are read in that parse). */
  module: ProjectModule | null;
}

/** Selections followed back to their table (`match` → `routes.find(…)` → `routes`). */
const MAX_SELECTION_STEPS = 6;

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ALL']);

/** The array methods that select entries of a table (`find` one, `filter(…)[0]`). */
const SELECTORS = new Set(['find', 'findLast']);

/** Where a table is read: the scopes of its file and, to follow an import, its source. */
type Place = Pick<BranchReader, 'scopeOf' | 'sourceCode'>;

/**
 * The entries of a route table whose function `callee` calls: a call of the entry a handler selected
 * from an array literal of tuples or objects held in a `const` of the file, by `find`
 * (`const match = routes.find(([m, re]) => …); match[2](req, res, url)`), `filter(…)[0]` or a
 * `for…of` loop (`for (const route of routes) … route.handler(req, res)`), its function read by
 * position or property, directly or destructured (`const [, , handler] = match`, `for (const {
 * handler } of routes)`). The selection may be made by a function of the file that returns the
 * entry, alone or in an object (`function findRoute(…) { for (const route of table) if (…) return {
 * route, params }; }`, `const { route } = findRoute(…)`); the table may be another module's
 * (`const routes = require('./routes')`), and a `map` that copies each entry into a new object
 * (`routes.map((route) => ({ ...route, match: compile(route.path) }))`) keeps its entries. Empty
 * when `callee` is no such call. The call gives each entry's function its arguments: the taint
 * engine reads it as a call of each of them.
 */
export function routeTableEntries(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): RouteTableEntry[] {
  const selected = tableSelection(callee, { scopeOf: (node) => scopeIn(sourceCode, node), sourceCode });
  return selected ? entriesOf(selected) : [];
}

/**
 * Whether `node.method(…)` calls a function the dispatcher gave each entry of a route table, one the
 * entries themselves do not hold (`route.match(pathname)` over `routes.map((route) => ({ ...route,
 * match: compile(route.path) }))`): a matcher, whose answer is made of what it is given (the path's
 * parameters). The entry's own function (`route.handler(ctx)`) is not one.
 */
export function callsEntryMatcher(node: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const method = node.computed ? null : propertyName(node.property);
  if (method === null) return false;
  const selected = selectedTable(node.object, { scopeOf: (inner) => scopeIn(sourceCode, inner), sourceCode }, 0, []);
  if (!selected) return false;
  return selected.table.elements.every((element) => element?.type === AST_NODE_TYPES.ObjectExpression && !element.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key) === method));
}

interface Table {
  table: TSESTree.ArrayExpression;
  /** The module holding the table when it is not the dispatcher's file. */
  module: ProjectModule | null;
}

interface TableSelection extends Table {
  /** The position (tuples) or property (objects) of the entries' function. */
  key: number | string;
}

function entriesOf({ table, key, module }: TableSelection): RouteTableEntry[] {
  const entries: RouteTableEntry[] = [];
  for (const element of table.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
    let answer: TSESTree.Node | null = null;
    const others: TSESTree.Node[] = [];
    if (element.type === AST_NODE_TYPES.ArrayExpression && typeof key === 'number') {
      for (const [position, part] of element.elements.entries()) {
        if (!part || part.type === AST_NODE_TYPES.SpreadElement) continue;
        if (position === key) answer = part;
        else others.push(part);
      }
    } else if (element.type === AST_NODE_TYPES.ObjectExpression && typeof key === 'string') {
      for (const property of element.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        if (propertyName(property.key) === key) answer = property.value;
        else others.push(property.value);
      }
    }
    if (!answer) continue;
    let path: string | null = null;
    const methods: string[] = [];
    for (const part of others) {
      const value = unwrap(part);
      const text = literalString(value);
      if (text !== null && HTTP_METHODS.has(text.toUpperCase())) methods.push(text.toUpperCase());
      else if (path === null && text?.startsWith('/')) path = text;
      else if (path === null && value.type === AST_NODE_TYPES.Literal && 'regex' in value && value.regex) path = regexPath(value.regex.pattern);
    }
    entries.push({ node: element, answer, path, methods: methods.filter((method) => method !== 'ALL'), module });
  }
  return entries;
}

/**
 * The path a route's regex names: `^\/files\/download$` is `/files/download`; a segment holding
 * a pattern (`[\w-]+`, `(\d+)`) is a parameter (`/s/:param`). Null when it does not start at `/`.
 */
function regexPath(pattern: string): string | null {
  const body = pattern.replace(/^\^/u, '').replace(/(?:\\\/\?)?\$$/u, '').replace(/\\\//gu, '/');
  if (!body.startsWith('/')) return null;
  return body
    .split('/')
    .map((segment) => (/^[\w.~-]*$/u.test(segment) ? segment : ':param'))
    .join('/');
}

/** The table and key of an entry's function that `callee` calls (see `routeTableEntries`), or null. */
function tableSelection(callee: TSESTree.Node, place: Place): TableSelection | null {
  const target = unwrap(callee);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const property = unwrap(target.property);
    const key = target.computed
      ? property.type === AST_NODE_TYPES.Literal && (typeof property.value === 'number' || typeof property.value === 'string') ? property.value : null
      : propertyName(target.property);
    const table = key === null ? null : selectedTable(target.object, place, 0, []);
    return table && key !== null ? { ...table, key } : null;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(place.scopeOf(target), target.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  const key = patternKey(definition.node.id, target.name);
  if (key === null) return null;
  const table = definition.node.init ? selectedTable(definition.node.init, place, 0, []) : loopedTable(definition.node, place);
  return table ? { ...table, key } : null;
}

/** Where `name` sits in a destructuring of an entry: its position (`[, , handler]`) or property (`{ handler }`), or null. */
function patternKey(pattern: TSESTree.Node, name: string): number | string | null {
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
    const position = pattern.elements.findIndex((element) => element?.type === AST_NODE_TYPES.Identifier && element.name === name);
    return position >= 0 ? position : null;
  }
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of pattern.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === name) return propertyName(property.key);
  }
  return null;
}

/** The table a `for…of` loop's declaration runs over, or null. */
function loopedTable(declarator: TSESTree.VariableDeclarator, place: Place): Table | null {
  const declaration = declarator.parent;
  const loop = declaration.parent;
  return loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration ? tableArray(loop.right, place, 0) : null;
}

/**
 * The table an expression holds an entry of: `routes.find(…)`, `routes.filter(…)[0]`, a `const`
 * holding one, the variable of a `for…of` loop over the table, or what a function of the file
 * returns. `picks` are the properties the entry is read from, outermost last (`found.route` of
 * `const found = { route, params }` is the entry `route`).
 */
function selectedTable(node: TSESTree.Node, place: Place, steps: number, picks: readonly string[]): Table | null {
  if (steps > MAX_SELECTION_STEPS) return null;
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  const [pick, ...rest] = picks;
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && SELECTORS.has(propertyName(callee.property) ?? '')) return pick === undefined ? tableArray(callee.object, place, 0) : null;
    // `findRoute(req.method, url.pathname)`: what a function of this file returns.
    const fn = resolveFunction(target.callee, place.scopeOf(target.callee));
    if (!fn) return null;
    for (const returned of returnedValues(fn)) {
      const table = selectedTable(returned, place, steps + 1, picks);
      if (table) return table;
    }
    return null;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && target.computed) {
    if (pick !== undefined) return null;
    const selection = unwrap(target.object);
    const callee = selection.type === AST_NODE_TYPES.CallExpression ? unwrap(selection.callee) : null;
    if (callee?.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee.property) !== 'filter') return null;
    return tableArray(callee.object, place, 0);
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    // `found.route`: the property `route` of what `found` holds.
    const name = propertyName(target.property);
    return name === null ? null : selectedTable(target.object, place, steps + 1, [name, ...picks]);
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    // `{ route, params }`: the entry held in the property picked.
    if (pick === undefined) return null;
    for (const property of target.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === pick) return selectedTable(property.value, place, steps + 1, rest);
    }
    return null;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(place.scopeOf(target), target.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  const { id, init } = definition.node;
  if (id.type === AST_NODE_TYPES.ObjectPattern) {
    // `const { route, params } = found`: the property `route` of what `found` holds.
    const key = patternKey(id, target.name);
    return typeof key === 'string' && init ? selectedTable(init, place, steps + 1, [key, ...picks]) : null;
  }
  if (id.type !== AST_NODE_TYPES.Identifier) return null;
  if (init) return selectedTable(init, place, steps + 1, picks);
  return pick === undefined ? loopedTable(definition.node, place) : null;
}

/** The values a function returns (its expression body, the arguments of its own `return`s), kept per function. */
const returnedByFunction = new WeakMap<FunctionNode, TSESTree.Node[]>();

function returnedValues(fn: FunctionNode): TSESTree.Node[] {
  let values = returnedByFunction.get(fn);
  if (values) return values;
  values = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
  else {
    const found = values;
    walk(fn.body, (node) => {
      if (node !== fn.body && isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.push(node.argument);
      return undefined;
    });
  }
  returnedByFunction.set(fn, values);
  return values;
}

/**
 * The array literal of entries an expression holds: a `const` of the file (through `const`
 * aliases), a module's export it imports (`const routes = require('./routes')`), or a `map` of
 * such an array that copies each entry into a new object (`routes.map((route) => ({ ...route,
 * match: compile(route.path) }))`) without writing another function into it. Null otherwise.
 */
function tableArray(node: TSESTree.Node, place: Place, steps: number): Table | null {
  if (steps > MAX_ALIASES) return null;
  const literal = constantLiteral(node, place.scopeOf);
  if (literal?.type === AST_NODE_TYPES.ArrayExpression) return { table: literal, module: null };
  const copied = literal && copiedEntries(literal);
  if (copied) return tableArray(copied, place, steps + 1);
  const name = unwrap(node);
  if (name.type !== AST_NODE_TYPES.Identifier || !place.sourceCode) return null;
  const imported = importedValue(name, place.sourceCode);
  if (!imported) return null;
  const { module } = imported;
  const value = unwrap(imported.node);
  const inModule: Place = { scopeOf: (inner) => scopeIn(module.sourceCode, inner), sourceCode: module.sourceCode };
  const table = value.type === AST_NODE_TYPES.ArrayExpression ? { table: value, module: null } : tableArray(value, inModule, steps + 1);
  return table && { table: table.table, module: table.module ?? module };
}

/** `routes.map((route) => ({ ...route, … }))`: `routes`, when the new object spreads the entry and adds no function; else null. */
function copiedEntries(node: TSESTree.Node): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(node.callee);
  const mapper = node.arguments[0] ? unwrap(node.arguments[0]) : null;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee.property) !== 'map' || !mapper || !isFunction(mapper)) return null;
  const entry = mapper.params[0];
  if (entry?.type !== AST_NODE_TYPES.Identifier) return null;
  const [made] = returnedValues(mapper);
  const copy = made && unwrap(made);
  if (copy?.type !== AST_NODE_TYPES.ObjectExpression || returnedValues(mapper).length !== 1) return null;
  const spreads = copy.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement && unwrap(property.argument).type === AST_NODE_TYPES.Identifier && (unwrap(property.argument) as TSESTree.Identifier).name === entry.name);
  const addsFunction = copy.properties.some((property) => property.type === AST_NODE_TYPES.Property && isFunction(unwrap(property.value)));
  return spreads && !addsFunction ? callee.object : null;
}

/** What a `const` of the file holds, followed through `const` aliases; null for a binding written otherwise. */
function constantLiteral(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): TSESTree.Node | null {
  let target = unwrap(node);
  for (let depth = 0; depth < MAX_ALIASES && target.type === AST_NODE_TYPES.Identifier; depth++) {
    const variable = findVariable(scopeOf(target), target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return null;
    target = unwrap(definition.node.init);
  }
  return target;
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
 * (inside a block it opens with), one whose test reads the request (its name appears in it, or
 * that of a `const` the branch first derives from it: `const user = await currentUser(req); if
 * (!user) …`) and whose branch leaves with a 401 or 403 answer (`return send(res, 401, …)`,
 * `res.writeHead(403)` then `return`), after a check of the method (`if (req.method !== 'POST')
 * return …`) as much as before it. Its text (with the derivation it reads), or null.
 */
function openingGate(statements: readonly TSESTree.Statement[], request: string, textOf: (node: TSESTree.Node) => string): string | null {
  const opening = statements[0];
  const leading = opening?.type === AST_NODE_TYPES.BlockStatement ? opening.body : statements;
  const derived = new Map<string, TSESTree.VariableDeclarator>();
  for (const statement of leading) {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      const read = statement.declarations.filter((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init && mentions(declarator.init, request));
      if (read.length === 0) return null;
      for (const declarator of read) if (declarator.id.type === AST_NODE_TYPES.Identifier) derived.set(declarator.id.name, declarator);
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !leaves(statement.consequent)) return null;
    if (!refuses(statement.consequent)) continue;
    if (mentions(statement.test, request)) return textOf(statement.test);
    for (const [name, declarator] of derived) if (mentions(statement.test, name)) return `${textOf(statement.test)} (${textOf(declarator)})`;
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
