import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { secretSinks, type SecretSinkModel } from '../../models/secrets.js';
import { propertyKeyName, unwrapExpression } from './context.js';
import { matchesGlob } from './glob.js';

const { ReferenceTracker } = ASTUtils;

/** A sink access path split into the callee part, the argument and the steps into that argument. */
export interface ParsedSinkPath {
  /** Property names to reach the callee; each step lists alternatives, `*` is any property. */
  readonly callee: readonly (readonly string[])[];
  readonly argument: number;
  /** Property names inside the argument. */
  readonly inner: readonly (readonly string[])[];
}

const STEP = /^(Member|Argument)\[([^\]]+)\]$/;

/** Parses `Member[a,b].Argument[0].Member[c]`; returns `undefined` for a malformed path. */
export function parseSinkPath(path: string): ParsedSinkPath | undefined {
  const callee: string[][] = [];
  const inner: string[][] = [];
  let argument: number | undefined;
  for (const step of path.split('.')) {
    const match = STEP.exec(step);
    if (match === null) return undefined;
    const [, kind, list = ''] = match;
    const names = list.split(',').map((name) => name.trim());
    if (kind === 'Argument') {
      if (argument !== undefined || names.length !== 1 || !/^\d+$/.test(names[0] ?? '')) return undefined;
      argument = Number(names[0]);
    } else {
      (argument === undefined ? callee : inner).push(names);
    }
  }
  return argument === undefined ? undefined : { callee, argument, inner };
}

/** A string that a library takes as a secret. */
export interface SinkHit {
  /** e.g. `signing key`. */
  readonly role: string;
  /** Source text of the callee, e.g. `jwt.sign`. */
  readonly callee: string;
  readonly env: string;
}

interface SinkEntry {
  readonly model: SecretSinkModel;
  readonly path: ParsedSinkPath;
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
    const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
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

function buildTraceMap(
  modules: ReadonlyMap<string, ReadonlySet<string>>,
  lists: Map<unknown, readonly SinkEntry[]>,
): TraceMap | undefined {
  const roots = new Map<string, TraceNode>();
  for (const entry of PARSED) {
    const pattern = entry.model.module;
    for (const [source, exportNames] of modules) {
      if (pattern.includes('*') ? !matchesGlob(source, pattern) : source !== pattern) continue;
      let root = roots.get(source);
      if (root === undefined) {
        root = { children: new Map(), entries: [] };
        roots.set(source, root);
      }
      addToTrace(root, entry, 0, exportNames);
    }
  }
  if (roots.size === 0) return undefined;
  const traceMap: TraceMap = {};
  for (const [source, root] of roots) traceMap[source] = toTraceMapElement(root, lists);
  return traceMap;
}

const MAX_DEPTH = 8;
const MAX_CALLEE_TEXT = 40;

/** Follows a `const` binding to its initializer. */
function constInitializer(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESTree.Node | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable') return undefined;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init === null) return undefined;
  const neverReassigned =
    definition.parent.kind === 'const' || variable?.references.every((reference) => reference.init === true || reference.isReadOnly());
  return neverReassigned === true ? declarator.init : undefined;
}

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

/** Collects the string nodes an expression can evaluate to, following `const`s and object literals. */
function collectStrings(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  inner: readonly (readonly string[])[],
  depth: number,
  add: (node: TSESTree.Node) => void,
): void {
  if (depth > MAX_DEPTH) return;
  const expression = unwrapExpression(node);
  const [step, ...rest] = inner;
  if (step !== undefined) {
    const object = resolveObject(sourceCode, expression, depth);
    for (const property of object?.properties ?? []) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        collectStrings(sourceCode, property.argument, inner, depth + 1, add);
      } else {
        const key = propertyKeyName(property);
        if (key !== undefined && step.includes(key)) collectStrings(sourceCode, property.value, rest, depth + 1, add);
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
      if (init !== undefined) collectStrings(sourceCode, init, [], depth + 1, add);
      return;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const key = ASTUtils.getPropertyName(expression);
      if (key !== null) collectStrings(sourceCode, expression.object, [[key]], depth + 1, add);
      return;
    }
    case AST_NODE_TYPES.ArrayExpression:
      for (const element of expression.elements) {
        if (element !== null && element.type !== AST_NODE_TYPES.SpreadElement) collectStrings(sourceCode, element, [], depth + 1, add);
      }
      return;
    case AST_NODE_TYPES.ConditionalExpression:
      collectStrings(sourceCode, expression.consequent, [], depth + 1, add);
      collectStrings(sourceCode, expression.alternate, [], depth + 1, add);
      return;
    case AST_NODE_TYPES.LogicalExpression:
      collectStrings(sourceCode, expression.left, [], depth + 1, add);
      collectStrings(sourceCode, expression.right, [], depth + 1, add);
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

/**
 * Finds the string nodes that reach a secret slot of a known library in this file: `jwt.sign(p, KEY)`
 * with `const KEY = '…'` maps the literal to `the signing key of jwt.sign`. Imports and `require`
 * calls are tracked with `ReferenceTracker`, so aliases and destructuring are followed.
 */
export function findSinkTargets(sourceCode: Readonly<TSESLint.SourceCode>): Map<TSESTree.Node, SinkHit> {
  const targets = new Map<TSESTree.Node, SinkHit>();
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (globalScope === null || globalScope === undefined) return targets;
  const lists = new Map<unknown, readonly SinkEntry[]>();
  const { modules, requires } = collectModules(sourceCode);
  const traceMap = buildTraceMap(modules, lists);
  if (traceMap === undefined) return targets;
  const tracker = new ReferenceTracker(globalScope, { mode: 'legacy' }) as Tracker & PropertyTracker;
  const found = [...tracker.iterateEsmReferences(traceMap)];
  // `iterateCjsReferences` only sees `require` when it is a declared global; start from each call instead.
  for (const { call, source } of requires) {
    const moduleMap = traceMap[source];
    if (moduleMap !== undefined) found.push(...tracker.iteratePropertyReferences(call, moduleMap));
  }
  for (const { node, info } of found) {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
    const callee = calleeText(sourceCode, node.callee);
    for (const { model, path } of lists.get(info) ?? []) {
      const argument = node.arguments[path.argument];
      if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      collectStrings(sourceCode, argument, path.inner, 0, (target) => {
        if (!targets.has(target)) targets.set(target, { role: model.role, callee, env: model.env });
      });
    }
  }
  return targets;
}

/** Every built-in sink path parses (checked by the tests). */
export function unparsedSinkPaths(): string[] {
  return secretSinks.map((model: SecretSinkModel) => model.path).filter((path) => parseSinkPath(path) === undefined);
}
