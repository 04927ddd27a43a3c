import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { credentialHeaders, secretSinks, type SecretSinkModel, type SinkProof } from '../../models/secrets.js';
import { propertyKeyName, unwrapExpression } from './context.js';
import { matchesGlob } from '../../utils/glob.js';
import { walk, scopeOf } from '../../utils/ast.js';
import { constInitializer, usesOf } from './bindings.js';
import { findHeaderSlots } from './headers.js';

const { ReferenceTracker } = ASTUtils;

/** A step between the callee and the end of a sink path. */
export type SinkStep =
  | { readonly kind: 'member'; readonly names: readonly string[] }
  | { readonly kind: 'instance' }
  | { readonly kind: 'fluent' }
  | { readonly kind: 'plugin' }
  | { readonly kind: 'strategy'; readonly schemes: readonly string[] };

/** A sink access path split into the callee part, the steps after it, the end and the steps into the secret. */
export interface ParsedSinkPath {
  /** Property names to reach the callee, followed by `ReferenceTracker`; each step lists alternatives, `*` is any property. */
  readonly callee: readonly (readonly string[])[];
  /** Steps walked on the syntax tree from what the tracker finds (a call of the callee, or a plugin reference). */
  readonly steps: readonly SinkStep[];
  /** Where the secret is passed: an argument of the call so far, or the right side of an assignment. */
  readonly end: { readonly kind: 'argument'; readonly index: number } | { readonly kind: 'assigned' };
  /** Property names inside the argument or assigned value. */
  readonly inner: readonly (readonly string[])[];
}

const STEP = /^(?:(Member|Argument|Strategy)\[([^\]]+)\]|(Instance|Fluent|Assigned|Plugin))$/;

/** Parses `Member[a,b].Argument[0].Member[c]` and the other steps of `SecretSinkModel.path`; `undefined` when malformed. */
export function parseSinkPath(path: string): ParsedSinkPath | undefined {
  const callee: string[][] = [];
  const steps: SinkStep[] = [];
  const inner: string[][] = [];
  let end: ParsedSinkPath['end'] | undefined;
  for (const [position, text] of path.split('.').entries()) {
    const match = STEP.exec(text);
    if (match === null) return undefined;
    const [, kind, list = '', bare] = match;
    const names = list.split(',').map((name) => name.trim());
    if (end !== undefined) {
      // After the end only steps into the secret's object.
      if (kind !== 'Member') return undefined;
      inner.push(names);
    } else if (kind === 'Argument') {
      if (names.length !== 1 || !/^\d+$/.test(names[0] ?? '')) return undefined;
      end = { kind: 'argument', index: Number(names[0]) };
    } else if (bare === 'Assigned') {
      // The tracker finds calls: an assignment must follow a member of something walked to.
      if (steps.at(-1)?.kind !== 'member') return undefined;
      end = { kind: 'assigned' };
    } else if (bare === 'Plugin') {
      if (position !== 0) return undefined;
      steps.push({ kind: 'plugin' });
    } else if (kind === 'Strategy') {
      if (position !== 0) return undefined;
      steps.push({ kind: 'strategy', schemes: names });
    } else if (bare === 'Instance' || bare === 'Fluent') {
      if (bare === 'Fluent' && steps.at(-1)?.kind !== 'instance') return undefined;
      steps.push({ kind: bare === 'Instance' ? 'instance' : 'fluent' });
    } else if (steps.length === 0) {
      callee.push(names);
    } else {
      steps.push({ kind: 'member', names });
    }
  }
  if (end === undefined) return undefined;
  // `Plugin` and `Strategy` start from the module itself; `Instance` needs a call found by the tracker.
  if ((steps[0]?.kind === 'plugin' || steps[0]?.kind === 'strategy') && callee.length > 0) return undefined;
  return { callee, steps, end, inner };
}

/** A string that a library takes as a secret. */
export interface SinkHit {
  /** e.g. `signing key`. */
  readonly role: string;
  /** Source text of the callee, e.g. `jwt.sign`. */
  readonly callee: string;
  /** The module as the file imports it, e.g. `jsonwebtoken`. */
  readonly module: string;
  /** What the slot proves about the string. */
  readonly proves: SinkProof;
  readonly env: string;
  /** The slot takes `user:password` (see `SecretSinkModel.format`). */
  readonly format?: 'userinfo';
  /**
   * A credential header: its name as written, and whether the string is the whole header value
   * (`'Bearer …'`, whose scheme is not the secret) or a part of it (`KEY` in `` `Bearer ${KEY}` ``).
   */
  readonly header?: { readonly name: string; readonly whole: boolean };
  /** The line of what sends the header, named when the string is written elsewhere. */
  readonly line?: number;
}

interface SinkEntry {
  readonly model: SecretSinkModel;
  readonly path: ParsedSinkPath;
  /** The module specifier of the file that matched `model.module` (set once a file matches it). */
  readonly source?: string;
}

interface TraceNode {
  children: Map<string, TraceNode>;
  entries: SinkEntry[];
}

const PARSED: readonly SinkEntry[] = secretSinks.flatMap((model: SecretSinkModel) => {
  const path = parseSinkPath(model.path);
  return path === undefined ? [] : [{ model, path }];
});

interface ModuleUse {
  /** Module specifiers used in the file, each with the export names read from it. */
  readonly modules: Map<string, Set<string>>;
  /** `require('…')` calls with their constant specifier. */
  readonly requires: { readonly call: TSESTree.CallExpression; readonly source: string }[];
}

function collectModules(sourceCode: Readonly<TSESLint.SourceCode>): ModuleUse {
  const modules = new Map<string, Set<string>>();
  const requires: ModuleUse['requires'] = [];
  const namesOf = (source: string): Set<string> => {
    let names = modules.get(source);
    if (names === undefined) {
      names = new Set();
      modules.set(source, names);
    }
    return names;
  };
  const addMemberReads = (identifier: TSESTree.Identifier, names: Set<string>): void => {
    const variable = ASTUtils.findVariable(scopeOf(sourceCode, identifier), identifier);
    for (const reference of variable?.references ?? []) {
      const parent = reference.identifier.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier) {
        const name = ASTUtils.getPropertyName(parent);
        if (name !== null) names.add(name);
      }
    }
  };
  const addBinding = (pattern: TSESTree.Node, names: Set<string>): void => {
    if (pattern.type === AST_NODE_TYPES.Identifier) addMemberReads(pattern, names);
    if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return;
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const name = propertyKeyName(property);
      if (name !== undefined) names.add(name);
    }
  };

  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    const names = namesOf(statement.source.value);
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        names.add(specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value);
      } else {
        addMemberReads(specifier.local, names);
      }
    }
  }

  const globalScope = sourceCode.scopeManager?.globalScope;
  const requireReferences = [
    ...(globalScope?.set.get('require')?.references ?? []),
    ...(globalScope?.through.filter((reference) => reference.identifier.name === 'require') ?? []),
  ];
  for (const reference of requireReferences) {
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
    const [first] = call.arguments;
    const source = first === undefined ? null : ASTUtils.getStringIfConstant(first);
    if (source === null) continue;
    requires.push({ call, source });
    const names = namesOf(source);
    const parent = call.parent;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === call) addBinding(parent.id, names);
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === call) {
      const name = ASTUtils.getPropertyName(parent);
      if (name !== null) names.add(name);
    }
  }
  return { modules, requires };
}

function addToTrace(node: TraceNode, entry: SinkEntry, step: number, exportNames: ReadonlySet<string>): void {
  const names = entry.path.callee[step];
  if (names === undefined) {
    node.entries.push(entry);
    return;
  }
  const expanded = names.flatMap((name) => (name === '*' ? (step === 0 ? [...exportNames] : []) : [name]));
  for (const name of expanded) {
    let child = node.children.get(name);
    if (child === undefined) {
      child = { children: new Map(), entries: [] };
      node.children.set(name, child);
    }
    addToTrace(child, entry, step + 1, exportNames);
  }
}

type Tracker = InstanceType<typeof ReferenceTracker>;
type TraceMap = Parameters<Tracker['iterateEsmReferences']>[0];
type TraceMapElement = TraceMap[string];
type FoundReference = ReturnType<Tracker['iterateEsmReferences']> extends Iterable<infer T> ? T : never;

/**
 * `iteratePropertyReferences` is public API of `@eslint-community/eslint-utils` (which does the work
 * here) but is missing from the typings `@typescript-eslint/utils` puts on top of it.
 */
interface PropertyTracker {
  iteratePropertyReferences(node: TSESTree.Node, traceMap: TraceMapElement): IterableIterator<FoundReference>;
}

/**
 * Turns the trace tree into the shape `ReferenceTracker` expects, with calls and `new` both marked.
 * The mark is the entry list itself; `lists` maps it back with its type (the tracker hands it back untyped).
 */
function toTraceMapElement(node: TraceNode, lists: Map<unknown, readonly SinkEntry[]>): TraceMapElement {
  const element: TraceMapElement = {};
  for (const [name, child] of node.children) element[name] = toTraceMapElement(child, lists);
  if (node.entries.length === 0) return element;
  lists.set(node.entries, node.entries);
  return Object.assign(element, { [ReferenceTracker.CALL]: node.entries, [ReferenceTracker.CONSTRUCT]: node.entries });
}

function moduleMatches(pattern: string, source: string): boolean {
  return pattern.includes('*') ? matchesGlob(source, pattern) : source === pattern;
}

function buildTraceMap(
  modules: ReadonlyMap<string, ReadonlySet<string>>,
  lists: Map<unknown, readonly SinkEntry[]>,
): TraceMap | undefined {
  const roots = new Map<string, TraceNode>();
  for (const entry of PARSED) {
    const first = entry.path.steps[0]?.kind;
    if (first === 'plugin' || first === 'strategy') continue;
    for (const [source, exportNames] of modules) {
      if (!moduleMatches(entry.model.module, source)) continue;
      let root = roots.get(source);
      if (root === undefined) {
        root = { children: new Map(), entries: [] };
        roots.set(source, root);
      }
      addToTrace(root, { ...entry, source }, 0, exportNames);
    }
  }
  if (roots.size === 0) return undefined;
  const traceMap: TraceMap = {};
  for (const [source, root] of roots) traceMap[source] = toTraceMapElement(root, lists);
  return traceMap;
}

const MAX_DEPTH = 8;
const MAX_CALLEE_TEXT = 40;
/** The longest method chain followed by `Fluent`. */
const MAX_CHAIN = 16;

function resolveObject(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  depth: number,
): TSESTree.ObjectExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.ObjectExpression) return expression;
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = constInitializer(sourceCode, expression);
    return init === undefined ? undefined : resolveObject(sourceCode, init, depth + 1);
  }
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    const key = ASTUtils.getPropertyName(expression);
    if (key === null) return undefined;
    const object = resolveObject(sourceCode, expression.object, depth + 1);
    const value = object === undefined ? undefined : lastPropertyValue(object, key);
    return value === undefined ? undefined : resolveObject(sourceCode, value, depth + 1);
  }
  return undefined;
}

function lastPropertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  let value: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === key) value = property.value;
  }
  return value;
}

/** How a file binds another module: its `module.exports` (`require`), its default export, the namespace, or one named export. */
export type ModuleBinding = { readonly kind: 'require' | 'default' | 'namespace' } | { readonly kind: 'named'; readonly name: string };

/** A value read from another module: the specifier, how it is bound, and the properties read from the binding. */
interface ImportedRoot {
  readonly source: string;
  readonly binding: ModuleBinding;
  readonly keys: readonly string[];
}

function requireSource(node: TSESTree.Node): string | undefined {
  const call = unwrapExpression(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'require') return undefined;
  const [first] = call.arguments;
  const source = first === undefined ? null : ASTUtils.getStringIfConstant(first);
  return source ?? undefined;
}

/**
 * The module an expression reads from, when it is a binding of an import or a `require` that is
 * never reassigned, or a member path on one (`config.auth.jwtSecret`, `require('./config').jwtSecret`).
 */
function importedRoot(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): ImportedRoot | undefined {
  const keys: string[] = [];
  let current = unwrapExpression(node);
  for (let depth = 0; depth < MAX_DEPTH && current.type === AST_NODE_TYPES.MemberExpression; depth++) {
    const key = ASTUtils.getPropertyName(current);
    if (key === null) return undefined;
    keys.unshift(key);
    current = unwrapExpression(current.object);
  }
  const required = requireSource(current);
  if (required !== undefined) return { source: required, binding: { kind: 'require' }, keys };
  if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(scopeOf(sourceCode, current), current);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !definition) return undefined;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const specifier = definition.node;
    const source = declaration.source.value;
    if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { source, binding: { kind: 'default' }, keys };
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { source, binding: { kind: 'namespace' }, keys };
    if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
    const name = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
    return name === 'default' ? { source, binding: { kind: 'default' }, keys } : { source, binding: { kind: 'named', name }, keys };
  }
  if (definition.type !== 'Variable' || definition.node.init === null) return undefined;
  if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return undefined;
  const source = requireSource(definition.node.init);
  if (source === undefined) return undefined;
  const pattern = definition.node.id;
  if (pattern === definition.name) return { source, binding: { kind: 'require' }, keys };
  // `const { jwtSecret } = require('./config')`.
  const property = definition.name.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== definition.name || property.parent !== pattern) return undefined;
  const key = propertyKeyName(property);
  return key === undefined ? undefined : { source, binding: { kind: 'require' }, keys: [key, ...keys] };
}

/** Collects the string nodes an expression can evaluate to, following `const`s and object literals. */
function collectStrings(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  inner: readonly (readonly string[])[],
  depth: number,
  add: (node: TSESTree.Node) => void,
  addImported: (root: ImportedRoot, path: readonly (readonly string[])[]) => void,
): void {
  if (depth > MAX_DEPTH) return;
  const expression = unwrapExpression(node);
  const [step, ...rest] = inner;
  if (step !== undefined) {
    const object = resolveObject(sourceCode, expression, depth);
    if (object === undefined) {
      // `config.jwtSecret` of `const config = require('../config')`: read from another module.
      const root = importedRoot(sourceCode, expression);
      if (root !== undefined) addImported(root, [...root.keys.map((key) => [key]), ...inner]);
      return;
    }
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        collectStrings(sourceCode, property.argument, inner, depth + 1, add, addImported);
      } else {
        const key = propertyKeyName(property);
        if (key !== undefined && step.includes(key)) collectStrings(sourceCode, property.value, rest, depth + 1, add, addImported);
      }
    }
    return;
  }
  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
      add(expression);
      return;
    case AST_NODE_TYPES.Identifier: {
      const init = constInitializer(sourceCode, expression);
      if (init !== undefined) {
        collectStrings(sourceCode, init, [], depth + 1, add, addImported);
        return;
      }
      // `jwt.sign(p, jwtSecret)` of `import { jwtSecret } from './config'`.
      const root = importedRoot(sourceCode, expression);
      if (root !== undefined) addImported(root, root.keys.map((key) => [key]));
      return;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const key = ASTUtils.getPropertyName(expression);
      if (key !== null) collectStrings(sourceCode, expression.object, [[key]], depth + 1, add, addImported);
      return;
    }
    case AST_NODE_TYPES.ArrayExpression:
      for (const element of expression.elements) {
        if (element !== null && element.type !== AST_NODE_TYPES.SpreadElement) collectStrings(sourceCode, element, [], depth + 1, add, addImported);
      }
      return;
    case AST_NODE_TYPES.ConditionalExpression:
      collectStrings(sourceCode, expression.consequent, [], depth + 1, add, addImported);
      collectStrings(sourceCode, expression.alternate, [], depth + 1, add, addImported);
      return;
    case AST_NODE_TYPES.LogicalExpression:
      collectStrings(sourceCode, expression.left, [], depth + 1, add, addImported);
      collectStrings(sourceCode, expression.right, [], depth + 1, add, addImported);
      return;
    default:
      return;
  }
}

function calleeText(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): string {
  const text = sourceCode.getText(callee);
  if (text.length <= MAX_CALLEE_TEXT && !text.includes('\n')) return text;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return ASTUtils.getPropertyName(callee) ?? 'call';
  return 'call';
}

/** A point of the walk after the tracker: a call of the value so far, or the value itself. */
interface Position {
  readonly node: TSESTree.Node;
  /** `node` is a call or `new` of the value so far (its arguments are the next `Argument[n]`). */
  readonly isCall: boolean;
}

/** Walks one step; every position it reaches is added to `next`. */
function walkStep(sourceCode: Readonly<TSESLint.SourceCode>, step: SinkStep, position: Position, next: Position[]): void {
  const { node, isCall } = position;
  // The strategy call found from the start: nothing to walk.
  if (step.kind === 'strategy') {
    next.push(position);
    return;
  }
  if (step.kind === 'instance') {
    if (isCall) next.push({ node, isCall: false });
    return;
  }
  if (isCall) return;
  if (step.kind === 'fluent') {
    // `new SignJWT(p).setProtectedHeader(h).setIssuedAt()`, also from a `const` holding the instance:
    // the value and what each chained call returns.
    for (const use of usesOf(sourceCode, node)) {
      let current: TSESTree.Node = use;
      next.push({ node: current, isCall: false });
      for (let depth = 0; depth < MAX_CHAIN; depth++) {
        const member = current.parent;
        const call = member?.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
        current = call;
        next.push({ node: current, isCall: false });
      }
    }
    return;
  }
  for (const use of usesOf(sourceCode, node)) {
    const parent = use.parent;
    if (step.kind === 'member') {
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) continue;
      const name = ASTUtils.getPropertyName(parent);
      if (name !== null && (step.names.includes(name) || step.names.includes('*'))) next.push({ node: parent, isCall: false });
    } else if (
      // `fastify.register(plugin, options)`
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === use &&
      parent.callee.type === AST_NODE_TYPES.MemberExpression &&
      ASTUtils.getPropertyName(parent.callee) === 'register'
    ) {
      next.push({ node: parent, isCall: true });
    }
  }
}

/** The secret the path ends in at one position, with the node to name in the message. */
function endValues(
  sourceCode: Readonly<TSESLint.SourceCode>,
  end: ParsedSinkPath['end'],
  position: Position,
): { value: TSESTree.Node; callee: TSESTree.Node }[] {
  const { node, isCall } = position;
  if (end.kind === 'assigned') {
    const parent = node.parent;
    if (isCall || parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=' || parent.left !== node) return [];
    return [{ value: parent.right, callee: node }];
  }
  const calls = isCall
    ? [node]
    : usesOf(sourceCode, node).flatMap((use) => {
        const parent = use.parent;
        const called =
          (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee === use;
        return called ? [parent] : [];
      });
  return calls.flatMap((call) => {
    if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return [];
    const argument = call.arguments[end.index];
    if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) return [];
    return [{ value: argument, callee: call.callee }];
  });
}

/** The references to a module itself, for paths that start with `Plugin`: default or namespace imports and `require` calls. */
function moduleValueReferences(
  sourceCode: Readonly<TSESLint.SourceCode>,
  requires: ModuleUse['requires'],
  pattern: string,
): { node: TSESTree.Node; source: string }[] {
  const found: { node: TSESTree.Node; source: string }[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !moduleMatches(pattern, statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) continue;
      const variable = ASTUtils.findVariable(scopeOf(sourceCode, specifier.local), specifier.local);
      for (const reference of variable?.references ?? []) found.push({ node: reference.identifier, source: statement.source.value });
    }
  }
  for (const { call, source } of requires) {
    if (!moduleMatches(pattern, source)) continue;
    const holder = call.parent.type === AST_NODE_TYPES.MemberExpression && call.parent.object === call && ASTUtils.getPropertyName(call.parent) === 'default' ? call.parent : call;
    found.push({ node: holder, source });
  }
  return found;
}

/**
 * Finds the string nodes that reach a secret slot of a known library in this file: `jwt.sign(p, KEY)`
 * with `const KEY = '…'` maps the literal to `the signing key of jwt.sign`. Imports and `require`
 * calls are tracked with `ReferenceTracker`, so aliases and destructuring are followed; the steps
 * after the call (`Instance`, `Fluent`, `Member`, `Assigned`) are walked on the syntax tree.
 */
export function findSinkTargets(sourceCode: Readonly<TSESLint.SourceCode>): Map<TSESTree.Node, SinkHit> {
  return scanSinks(sourceCode).targets;
}

/**
 * A secret slot of this file filled from another module (`jwt.sign(p, config.jwtSecret)` with
 * `const config = require('../config')`): the string is in that module, which decides.
 */
export interface ImportedSinkUse {
  readonly source: string;
  readonly binding: ModuleBinding;
  /** The properties read from the binding, each step with its alternatives. */
  readonly path: readonly (readonly string[])[];
  readonly hit: SinkHit;
  /** The line of the call that takes the secret. */
  readonly line: number;
}

/** The secret slots of a file filled from other modules; read once per parse. */
export function findImportedSinkUses(sourceCode: Readonly<TSESLint.SourceCode>): readonly ImportedSinkUse[] {
  return scanSinks(sourceCode).imported;
}

const scans = new WeakMap<TSESTree.Program, { targets: Map<TSESTree.Node, SinkHit>; imported: ImportedSinkUse[] }>();

function scanSinks(sourceCode: Readonly<TSESLint.SourceCode>): { targets: Map<TSESTree.Node, SinkHit>; imported: ImportedSinkUse[] } {
  const known = scans.get(sourceCode.ast);
  if (known) return known;
  const result = { targets: new Map<TSESTree.Node, SinkHit>(), imported: [] as ImportedSinkUse[] };
  scans.set(sourceCode.ast, result);
  const { targets, imported } = result;
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (globalScope === null || globalScope === undefined) return result;
  const lists = new Map<unknown, readonly SinkEntry[]>();
  const { modules, requires } = collectModules(sourceCode);
  const starts: { entry: SinkEntry; position: Position }[] = [];

  const traceMap = buildTraceMap(modules, lists);
  if (traceMap !== undefined) {
    const tracker = new ReferenceTracker(globalScope, { mode: 'legacy' }) as Tracker & PropertyTracker;
    const found = [...tracker.iterateEsmReferences(traceMap)];
    // `iterateCjsReferences` only sees `require` when it is a declared global; start from each call instead.
    for (const { call, source } of requires) {
      const moduleMap = traceMap[source];
      if (moduleMap !== undefined) found.push(...tracker.iteratePropertyReferences(call, moduleMap));
    }
    for (const { node, info } of found) {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
      for (const entry of lists.get(info) ?? []) starts.push({ entry, position: { node, isCall: true } });
    }
  }
  for (const entry of PARSED) {
    if (entry.path.steps[0]?.kind !== 'plugin') continue;
    for (const { node, source } of moduleValueReferences(sourceCode, requires, entry.model.module)) {
      starts.push({ entry: { ...entry, source }, position: { node, isCall: false } });
    }
  }
  let strategies: TSESTree.CallExpression[] | undefined;
  for (const entry of PARSED) {
    const first = entry.path.steps[0];
    if (first?.kind !== 'strategy') continue;
    const source = [...modules.keys()].find((specifier) => moduleMatches(entry.model.module, specifier));
    if (source === undefined) continue;
    strategies ??= strategyCalls(sourceCode.ast);
    for (const call of strategies) {
      const [, scheme] = call.arguments;
      const name = scheme === undefined ? null : ASTUtils.getStringIfConstant(scheme);
      if (name !== null && first.schemes.includes(name)) starts.push({ entry: { ...entry, source }, position: { node: call, isCall: true } });
    }
  }

  for (const { entry, position } of starts) {
    const { model, path } = entry;
    let positions = [position];
    for (const step of path.steps) {
      const next: Position[] = [];
      for (const current of positions) walkStep(sourceCode, step, current, next);
      positions = next;
    }
    for (const current of positions) {
      for (const { value, callee } of endValues(sourceCode, path.end, current)) {
        const hit: SinkHit = {
          role: model.role,
          callee: calleeText(sourceCode, callee),
          module: entry.source ?? model.module,
          proves: model.proves,
          env: model.env,
          ...(model.format === undefined ? {} : { format: model.format }),
        };
        collectStrings(
          sourceCode,
          value,
          path.inner,
          0,
          (target) => {
            if (!targets.has(target)) targets.set(target, hit);
          },
          (root, read) => imported.push({ source: root.source, binding: root.binding, path: read, hit, line: callee.loc.start.line }),
        );
      }
    }
  }

  // Credential headers: after the library slots, which name the string more precisely.
  for (const { header, value, sender } of findHeaderSlots(sourceCode)) {
    const line = (sender ?? value).loc.start.line;
    const hitOf = (whole: boolean): SinkHit => ({
      role: `\`${header}\` header`,
      callee: sender === undefined ? '' : calleeText(sourceCode, sender),
      module: '',
      proves: 'credential',
      env: credentialHeaders.includes(header.toLowerCase()) ? 'API_TOKEN' : 'API_KEY',
      header: { name: header, whole },
      ...(sender === undefined ? {} : { line }),
    });
    headerValueStrings(sourceCode, value, true, 0, (node, whole) => {
      if (!targets.has(node)) targets.set(node, hitOf(whole));
    }, (root, read, whole) => imported.push({ source: root.source, binding: root.binding, path: read, hit: hitOf(whole), line }));
  }
  return result;
}

/**
 * The strings a header value's credential is made of: the value itself (`'Bearer …'`, a `const`, an
 * import), or the last part of a template or concatenation (`` `Bearer ${KEY}` ``, `'Bearer ' + KEY`),
 * each followed to the string it holds. `whole` says the string is the entire header value.
 */
function headerValueStrings(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  whole: boolean,
  depth: number,
  add: (node: TSESTree.Node, whole: boolean) => void,
  addImported: (root: ImportedRoot, path: readonly (readonly string[])[], whole: boolean) => void,
): void {
  if (depth > MAX_DEPTH) return;
  const expression = unwrapExpression(node);
  // Only the part that ends the value is the credential: in `` `Token ${ACCOUNT}:${SECRET}` `` or
  // `'Bearer ' + PREFIX + token` the parts before it are an account, a prefix, a scheme.
  if (expression.type === AST_NODE_TYPES.TemplateLiteral && expression.expressions.length > 0) {
    const last = expression.expressions.at(-1);
    if (last !== undefined && expression.quasis.at(-1)?.value.cooked === '') headerValueStrings(sourceCode, last, false, depth + 1, add, addImported);
    return;
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+' && typeof ASTUtils.getStaticValue(expression)?.value !== 'string') {
    headerValueStrings(sourceCode, expression.right, false, depth + 1, add, addImported);
    return;
  }
  if (expression.type === AST_NODE_TYPES.Identifier) {
    // `const auth = \`Bearer ${KEY}\``: the parts of what the `const` holds.
    const init = constInitializer(sourceCode, expression);
    const held = init === undefined ? undefined : unwrapExpression(init);
    if (held?.type === AST_NODE_TYPES.TemplateLiteral || held?.type === AST_NODE_TYPES.BinaryExpression) {
      headerValueStrings(sourceCode, held, whole, depth + 1, add, addImported);
      return;
    }
  }
  collectStrings(sourceCode, expression, [], depth, (target) => add(target, whole), (root, read) => addImported(root, read, whole));
}

/**
 * Hapi's `server.auth.strategy(name, scheme, options)` calls of a file: an auth plugin registers the
 * scheme by name (`jwt` for `@hapi/jwt`), and the options of a strategy of that scheme are the
 * plugin's. Read in a file that imports the plugin, as the server set-up does.
 */
function strategyCalls(program: TSESTree.Program): TSESTree.CallExpression[] {
  const found: TSESTree.CallExpression[] = [];
  walk(program, (node) => {
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      ASTUtils.getPropertyName(node.callee) === 'strategy' &&
      node.callee.object.type === AST_NODE_TYPES.MemberExpression &&
      ASTUtils.getPropertyName(node.callee.object) === 'auth'
    ) {
      found.push(node);
    }
  });
  return found;
}

/** Every built-in sink path parses (checked by the tests). */
export function unparsedSinkPaths(): string[] {
  return secretSinks.map((model: SecretSinkModel) => model.path).filter((path) => parseSinkPath(path) === undefined);
}
