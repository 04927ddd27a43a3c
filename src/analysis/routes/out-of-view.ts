import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, findVariable, nodesOfType, propertyName, requiredModule, unwrap, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { parameterNames } from '../../models/frameworks/handler-signatures.js';
import { moduleContext } from '../project/context.js';
import { projectIndexOf, type ProjectIndex } from '../project/index.js';
import { registeredRoutes } from './index.js';
import { exportNames } from './mounts-across-files.js';

/*
 * Handlers whose registration is out of view: no route, middleware or listener registration of the
 * function is seen, nor of any function that calls it (the one that passes it the request), in its
 * file or in the files that import it. A method of a class that a DI container hands out, an
 * exported function a file out of the project registers: which paths reach it is not known. That
 * decides whether the path of the request's own URL can start with `//` (see `no-open-redirect`'s
 * `unknownRoutes`): a route whose path starts with a fixed segment never matches `//evil.example/…`;
 * middleware, a wildcard or a leading parameter does.
 *
 * Every use of the function is looked at, and only two kinds keep it out of view: a call whose
 * caller is itself out of view (followed up the callers), and an export (followed into the files
 * that import the module, and those that extend or re-export what it exports). Any other use (a
 * route or middleware argument, `.bind`, a value stored or passed on, a name in a string) may
 * register it, so the function is not out of view; a route whose handler or guard it is, or a
 * decorator on it, says the same. The questions are bounded (callers followed, files read); past a
 * bound the answer is "not out of view", which keeps the finding reported.
 */

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Callers followed up from the function that reads the request. */
const MAX_DEPTH = 6;
/** Importing files read per question (importers, and the importers of subclasses and re-exports). */
const MAX_FILES = 24;
/** Functions looked at per question. */
const MAX_FUNCTIONS = 64;
/** Uses looked at per question (a common method name is used all over a file). */
const MAX_USES = 2000;

/** Member names a call goes through without changing what is called. */
const CALL_MEMBERS = new Set(['call', 'apply']);
/** Helpers of compiled TypeScript that wrap a `require` (`__importDefault(require('./x'))`). */
const IMPORT_HELPERS = /^__import(?:Default|Star)$/;

/** One question: the functions seen (each counts once) and the files read. */
interface Question {
  seen: Set<FunctionNode>;
  files: Set<string>;
  uses: number;
}

/** Where a function is: its file's context (the linted file, or another project file). */
interface Site {
  context: AnyContext;
  program: TSESTree.Program;
}

/**
 * Whether a function's registration is out of view (see the file comment), memoized per function
 * for one lint of the file of `context`.
 */
export function handlersOutOfView(context: AnyContext): (fn: FunctionNode) => boolean {
  const verdicts = new Map<FunctionNode, boolean>();
  return (fn) => {
    let verdict = verdicts.get(fn);
    if (verdict === undefined) {
      const question: Question = { seen: new Set(), files: new Set(), uses: 0 };
      verdict = outOfView(fn, { context, program: context.sourceCode.ast }, question, 0);
      verdicts.set(fn, verdict);
    }
    return verdict;
  };
}

/**
 * Whether every use of `fn` keeps it out of view. A function already seen in this question counts
 * as out of view: its uses are being looked at already, and the answer is the conjunction of all.
 */
function outOfView(fn: FunctionNode, site: Site, question: Question, depth: number): boolean {
  if (question.seen.has(fn)) return true;
  if (depth > MAX_DEPTH || question.seen.size >= MAX_FUNCTIONS) return false;
  // A middleware (`(req, res, next)`, `(ctx, next)`) is registered with `use`, which every path reaches.
  if (takesNext(fn)) return false;
  question.seen.add(fn);
  if (registeredFunctions(site).has(fn)) return false;
  const holder = holderOf(fn, site);
  if (holder === null) return false;
  if (holder.kind === 'closure') {
    const outer = enclosingFunction(fn);
    return outer === null || outOfView(outer, site, question, depth + 1);
  }
  const uses: TSESTree.Node[] = [];
  let exported: string[] = [];
  if (holder.kind === 'variable') {
    const variables = site.context.sourceCode.getDeclaredVariables(holder.declaration).filter((variable) => variable.name === holder.name);
    if (variables.length !== 1) return false;
    for (const reference of variables[0]!.references) {
      if (reference.init === true || reference.identifier === holder.id) continue;
      if (reference.isWrite() && !reference.isRead()) continue;
      uses.push(reference.identifier as TSESTree.Node);
    }
    exported = exportNames(holder.declaration.type === AST_NODE_TYPES.VariableDeclarator ? holder.id : fn, site.program);
  } else {
    if (holder.exported !== null) exported = [holder.exported];
    uses.push(...namedUses(site.program, [holder.name]).filter((node) => node !== holder.key));
  }
  for (const use of uses) {
    if (!useKeepsOutOfView(use, site, exported.length > 0 || holder.kind === 'member', question, depth)) return false;
  }
  // A method can be reached through an instance anywhere its module goes; an export by its name.
  if (holder.kind === 'member' || exported.length > 0) {
    const names = holder.kind === 'member' ? [holder.name] : exported;
    return importersKeepOutOfView(site, names, question, depth);
  }
  return true;
}

/** How a function is reached: by a variable, by a member name, or through the closure it sits in. */
type Holder =
  | { kind: 'variable'; name: string; id: TSESTree.Identifier; declaration: TSESTree.Node }
  /** A method or property function: reached as `x.name`; `exported` when it is a member of the module's exports. */
  | { kind: 'member'; name: string; key: TSESTree.Node; exported: string | null }
  /** An inline callback without parameters (`() => this.redirect(req, res)`): what it passes comes from the function around it. */
  | { kind: 'closure' };

function holderOf(fn: FunctionNode, site: Site): Holder | null {
  const parent = fn.parent;
  // `export default function (req, res) {}`, `export default (req, res) => …`: the importers' default binding.
  if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration && !fn.id) return { kind: 'member', name: 'default', key: fn, exported: 'default' };
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.id ? { kind: 'variable', name: fn.id.name, id: fn.id, declaration: fn } : null;
  }
  // `module.exports = function (req, res) {}`: the module object of every importer is the function.
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && isModuleExports(parent.left)) {
    return { kind: 'member', name: 'default', key: parent.left, exported: 'default' };
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    return { kind: 'variable', name: parent.id.name, id: parent.id, declaration: parent };
  }
  if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) {
    // A decorator may register it (a route decorator this model does not know).
    // ESLint's own parser leaves `decorators` out.
    if ((parent.decorators ?? []).length > 0 || (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind !== 'method')) return null;
    const name = parent.computed ? null : propertyName(parent.key);
    return name === null ? null : { kind: 'member', name, key: parent.key, exported: null };
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const name = parent.computed ? null : propertyName(parent.key);
    const exported = name === null ? undefined : heldObject(parent.parent, site);
    return name === null || exported === undefined ? null : { kind: 'member', name, key: parent.key, exported: exported === true ? name : null };
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression && !parent.left.computed) {
    // `this.handle = (req, res) => …`, `Pages.prototype.handle = …`, `exports.handle = …`.
    const name = propertyName(parent.left.property);
    return name === null ? null : { kind: 'member', name, key: parent.left, exported: isCommonJsExport(parent.left) ? name : null };
  }
  if (isCallbackArgument(fn) && fn.params.length === 0) return { kind: 'closure' };
  // An inline function handed to a call with parameters (a listener, a route of a model this does
  // not know), returned, or stored: whatever it is given, it is given out of this question's view.
  return null;
}

/**
 * Whether the object literal holding a method is reached only through member names: true when it
 * is the module's exports, false when it is a variable used only as `object.name`, undefined when
 * it is handed on whole (a route table given to a function may register every method in it).
 */
function heldObject(object: TSESTree.ObjectExpression, site: Site | null): boolean | undefined {
  const parent = object.parent;
  if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === object && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return isCommonJsExport(parent.left) ? true : undefined;
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === object && parent.parent.type === AST_NODE_TYPES.ObjectExpression) return heldObject(parent.parent, site);
  if (site === null || parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== object || parent.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  // `const pages = { … }`: read only as `pages.name`, or exported (then its members are the module's).
  const name = parent.id.name;
  const variable = site.context.sourceCode.getDeclaredVariables(parent).find((candidate) => candidate.name === name);
  if (!variable) return undefined;
  let exported = false;
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Node;
    if (reference.init === true || identifier === parent.id) continue;
    const user = identifier.parent;
    if (user?.type === AST_NODE_TYPES.MemberExpression && user.object === identifier) continue;
    if (!isExportUse(identifier)) return undefined;
    exported = true;
  }
  return exported;
}

/** `module.exports` itself. */
function isModuleExports(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'module' && propertyName(node.property) === 'exports';
}

/** `module.exports`, `module.exports.x`, `exports.x`. */
function isCommonJsExport(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = node.object;
  if (object.type === AST_NODE_TYPES.Identifier) return object.name === 'exports' || (object.name === 'module' && propertyName(node.property) === 'exports');
  return isCommonJsExport(object);
}

/** The functions the routes of a file register as handlers or guards (memoized per program). */
const registeredCache = new WeakMap<TSESTree.Program, ReadonlySet<FunctionNode>>();

function registeredFunctions(site: Site): ReadonlySet<FunctionNode> {
  let known = registeredCache.get(site.program);
  if (!known) {
    const functions = new Set<FunctionNode>();
    for (const route of registeredRoutes(site.context)) {
      if (route.handler?.fn) functions.add(route.handler.fn);
      for (const guard of route.guards) if (guard.fn) functions.add(guard.fn);
    }
    registeredCache.set(site.program, functions);
    known = functions;
  }
  return known;
}

/**
 * The nodes of a program that name one of `names` as a member or key: `x.name`, `x['name']`, a key
 * of a destructuring pattern, and a string equal to the name (`__decorate([…], C.prototype,
 * 'name')`, `obj[method]` with `method = 'name'`), which the caller takes as a use it cannot follow;
 * and every call through a computed member (`controller[action](req, res)`), which may be a call of it.
 */
function namedUses(program: TSESTree.Program, names: readonly string[]): TSESTree.Node[] {
  if (names.length === 0) return [];
  const wanted = new Set(names);
  const index = nameIndexOf(program);
  return [...[...wanted].flatMap((name) => index.get(name) ?? []), ...(index.get(DYNAMIC) ?? [])];
}

/** The index entry of calls through a computed member (`x[name](…)`), which may call any method. */
const DYNAMIC = '\0dynamic';

const nameIndexes = new WeakMap<TSESTree.Program, ReadonlyMap<string, readonly TSESTree.Node[]>>();

function nameIndexOf(program: TSESTree.Program): ReadonlyMap<string, readonly TSESTree.Node[]> {
  let index = nameIndexes.get(program);
  if (index) return index;
  const built = new Map<string, TSESTree.Node[]>();
  const add = (name: string | null, node: TSESTree.Node): void => {
    if (name === null) return;
    const list = built.get(name);
    if (list) list.push(node);
    else built.set(name, [node]);
  };
  for (const member of nodesOfType(program, AST_NODE_TYPES.MemberExpression)) {
    if (!member.computed || member.property.type === AST_NODE_TYPES.Literal) add(propertyName(member.property), member);
    // `controller[action](req, res)`: a call of any method, whose caller decides.
    else if (outermost(member).parent?.type === AST_NODE_TYPES.CallExpression && (outermost(member).parent as TSESTree.CallExpression).callee === outermost(member)) add(DYNAMIC, member);
  }
  for (const pattern of nodesOfType(program, AST_NODE_TYPES.ObjectPattern)) {
    for (const property of pattern.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed) add(propertyName(property.key), property);
    }
  }
  for (const literal of nodesOfType(program, AST_NODE_TYPES.Literal)) {
    if (typeof literal.value !== 'string' || isKey(literal)) continue;
    add(literal.value, literal);
  }
  index = built;
  nameIndexes.set(program, index);
  return index;
}

/** A literal that is a property key, a computed member's key (indexed as the member) or an import source. */
function isKey(literal: TSESTree.Literal): boolean {
  const parent = literal.parent;
  if ((parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) && parent.key === literal) return true;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === literal) return true;
  if (parent.type === AST_NODE_TYPES.ImportDeclaration || parent.type === AST_NODE_TYPES.ExportAllDeclaration || parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
  return parent.type === AST_NODE_TYPES.CallExpression && requiredModule(parent) === literal.value;
}

/** The expression a use stands in: through `(x as T)`, `x!`, `x?.`, and compiled TypeScript's `(0, x)`. */
function outermost(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.SequenceExpression && parent.expressions.at(-1) === current && parent.expressions.slice(0, -1).every((expression) => expression.type === AST_NODE_TYPES.Literal)) {
      current = parent;
      continue;
    }
    if (!parent || unwrap(parent) !== current || parent === current) {
      if (parent && (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSAsExpression)) {
        current = parent;
        continue;
      }
      return current;
    }
    current = parent;
  }
}

/**
 * Whether one use of the function keeps it out of view: a call whose caller is out of view, a write
 * to the member (`this.run = …`), an export (when the exports are followed), or a `require` key.
 */
function useKeepsOutOfView(use: TSESTree.Node, site: Site, exportsFollowed: boolean, question: Question, depth: number): boolean {
  question.uses += 1;
  if (question.uses > MAX_USES) return false;
  if (use.type === AST_NODE_TYPES.Literal) return false;
  if (use.type === AST_NODE_TYPES.Property) return destructuredKeepsOutOfView(use, site, question, depth);
  const node = outermost(use);
  const parent = node.parent;
  if (!parent) return false;
  // `this.run = …`, `exports.run = run`: the definition or an export, not a use.
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return exportsFollowed || !isCommonJsExport(node);
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node) return callerKeepsOutOfView(parent, site, question, depth);
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && CALL_MEMBERS.has(propertyName(parent.property) ?? '')) {
    const call = outermost(parent).parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === outermost(parent)) return callerKeepsOutOfView(call, site, question, depth);
    return false;
  }
  if (exportsFollowed && isExportUse(node)) return true;
  return false;
}

/** `export { run }`, `export default run`, `module.exports = { run }`, `exports.run = run`. */
function isExportUse(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExportSpecifier || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) return heldObject(parent.parent, null) === true;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) return isCommonJsExport(parent.left);
  return false;
}

/** `const { run } = x`: the uses of the variable bound. */
function destructuredKeepsOutOfView(property: TSESTree.Property, site: Site, question: Question, depth: number): boolean {
  const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(scopeOf(site.context.sourceCode, value), value.name);
  if (!variable) return false;
  for (const reference of variable.references) {
    if (reference.identifier === value || (reference.isWrite() && !reference.isRead())) continue;
    if (!useKeepsOutOfView(reference.identifier as TSESTree.Node, site, false, question, depth)) return false;
  }
  return true;
}

/**
 * A call of the function: out of view when the function that passes it the request is. That is
 * the function the call is in, or, for a callback without parameters of its own among the call's
 * arguments (`items.forEach((item) => this.redirect(req, res))`), the function around it.
 */
function callerKeepsOutOfView(call: TSESTree.CallExpression, site: Site, question: Question, depth: number): boolean {
  let caller = enclosingFunction(call);
  while (caller !== null && isCallbackArgument(caller) && !passesOwnParameter(call, caller, site)) caller = enclosingFunction(caller);
  // A call at the top of a module runs once, at load: no client's request reaches it.
  if (caller === null) return true;
  return outOfView(caller, site, question, depth + 1);
}

function isCallbackArgument(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.arguments.some((argument) => argument === fn);
}

/** Whether an argument of the call reads a parameter of `fn`. */
function passesOwnParameter(call: TSESTree.CallExpression, fn: FunctionNode, site: Site): boolean {
  for (const argument of call.arguments) {
    let root: TSESTree.Node = unwrap(argument);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type !== AST_NODE_TYPES.Identifier) continue;
    const definition = findVariable(scopeOf(site.context.sourceCode, root), root.name)?.defs[0];
    if (definition?.type === 'Parameter' && definition.node === fn) return true;
  }
  return false;
}

/**
 * The files that import the module of `site` (and, in turn, those importing a file that extends or
 * re-exports one of its classes): every use there of `names`, as a member, an imported name or a
 * destructured key, must keep the function out of view; a module loaded in a way not followed (an
 * inline `require`, `import()`) or handed on whole does not.
 */
function importersKeepOutOfView(site: Site, names: readonly string[], question: Question, depth: number): boolean {
  const index = projectIndexOf(site.context.filename);
  // Code that is not a project file (a rule test, stdin), or one the project model does not index
  // (build output, fixtures: see `project/index.ts`), has no importers in view.
  if (index === null) return true;
  const start = path.resolve(site.context.filename);
  if (!index.has(start)) return true;
  const queue: { file: string; target: string }[] = index.importersOf(start).map((file) => ({ file, target: start }));
  const done = new Set<string>();
  for (let at = 0; at < queue.length; at++) {
    const { file, target } = queue[at]!;
    const key = `${file}\0${target}`;
    if (done.has(key)) continue;
    done.add(key);
    question.files.add(file);
    if (question.files.size > MAX_FILES) return false;
    const module = index.module(file);
    if (!module) return false;
    const importer: Site = { context: moduleContext(module, site.context), program: module.program };
    const found = moduleUses(importer, index, file, target, names);
    if (found === null) return false;
    if (found.passesOn) for (const next of index.importersOf(file)) queue.push({ file: next, target: file });
    for (const use of found.uses) {
      if (!useKeepsOutOfView(use, importer, false, question, depth)) return false;
    }
  }
  return true;
}

/**
 * The uses of `names` in an importing file: references of a name imported from the module, the
 * module object used whole when `default` is one of them, and every member or key of one of the
 * names; `passesOn` when the file extends a class of the module or re-exports it. Null when the
 * module is loaded in a way not followed or its module object is handed on whole.
 */
function moduleUses(importer: Site, index: ProjectIndex, file: string, target: string, names: readonly string[]): { uses: TSESTree.Node[]; passesOn: boolean } | null {
  const isTarget = (specifier: string): boolean => index.resolve(file, specifier) === target;
  const uses: TSESTree.Node[] = [...namedUses(importer.program, names)];
  let passesOn = false;
  const bindings: { id: TSESTree.Identifier; imported: string | null }[] = [];
  for (const node of nodesOfType(importer.program, AST_NODE_TYPES.ImportDeclaration)) {
    if (!isTarget(String(node.source.value))) continue;
    for (const specifier of node.specifiers) {
      const imported = specifier.type === AST_NODE_TYPES.ImportSpecifier ? propertyName(specifier.imported) : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : null;
      bindings.push({ id: specifier.local, imported });
    }
  }
  for (const node of nodesOfType(importer.program, AST_NODE_TYPES.ExportAllDeclaration, AST_NODE_TYPES.ExportNamedDeclaration)) {
    if (!node.source || !isTarget(String(node.source.value))) continue;
    passesOn = true;
    // `export { withSlash as slash } from './slash'`: the files importing this one use another name.
    if (node.type === AST_NODE_TYPES.ExportNamedDeclaration && node.specifiers.some((specifier) => names.includes(propertyName(specifier.local) ?? '') && propertyName(specifier.exported) !== propertyName(specifier.local))) return null;
  }
  for (const node of nodesOfType(importer.program, AST_NODE_TYPES.ImportExpression)) {
    if (node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string' && isTarget(node.source.value)) return null;
  }
  for (const call of nodesOfType(importer.program, AST_NODE_TYPES.CallExpression)) {
    const specifier = call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'require' ? requiredModule(call) : null;
    if (specifier === null || !isTarget(specifier)) continue;
    // `const x = require('./m')`, `const x = __importDefault(require('./m'))`, `const { a } = require('./m')`.
    let holder: TSESTree.Node = call;
    const wrapper = holder.parent;
    if (wrapper?.type === AST_NODE_TYPES.CallExpression && wrapper.callee.type === AST_NODE_TYPES.Identifier && IMPORT_HELPERS.test(wrapper.callee.name)) holder = wrapper;
    const declarator = holder.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== holder) return null;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) bindings.push({ id: declarator.id, imported: null });
    else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      // The keys are found by name too (`namedUses`); the bindings say what is extended.
      for (const property of declarator.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && !property.computed && property.value.type === AST_NODE_TYPES.Identifier) {
          bindings.push({ id: property.value, imported: propertyName(property.key) });
        }
      }
    } else return null;
  }
  for (const { id, imported } of bindings) {
    const variable = findVariable(scopeOf(importer.context.sourceCode, id), id.name);
    if (!variable) return null;
    for (const reference of variable.references) {
      const identifier = reference.identifier as TSESTree.Node;
      if (identifier === id || reference.init === true) continue;
      const parent = identifier.parent;
      // `class Forms extends waiting.WaitingWebhooks`, `class Forms extends WaitingWebhooks`.
      if (isSuperClass(identifier) || (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier && isSuperClass(parent))) passesOn = true;
      if (imported !== null && imported !== 'default') {
        if (names.includes(imported)) uses.push(identifier);
        continue;
      }
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) continue; // its members are found by name
      if (names.includes('default')) {
        uses.push(identifier);
        continue;
      }
      // The module object (or its default export) handed on whole: where its functions go is not followed.
      if (!isPassive(identifier)) return null;
    }
  }
  return { uses, passesOn };
}

function isSuperClass(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (parent?.type === AST_NODE_TYPES.ClassDeclaration || parent?.type === AST_NODE_TYPES.ClassExpression) && parent.superClass === node;
}

/**
 * A use of a module's default export or module object that cannot reach one of its functions:
 * constructing an instance whose methods are found by name, being extended, or being only named
 * as a type or a key to a container (`Container.get(WaitingWebhooks)`), which hands out an
 * instance whose methods are called by name too.
 */
function isPassive(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  if (isSuperClass(identifier)) return true;
  if (parent.type === AST_NODE_TYPES.NewExpression && parent.callee === identifier) return true;
  return false;
}

/** Whether a function takes the next middleware: a parameter named `next` (or `_next`), or typed as Express's or Koa's. */
function takesNext(fn: FunctionNode): boolean {
  return fn.params.some((param) => {
    const binding = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (binding.type !== AST_NODE_TYPES.Identifier) return false;
    const annotation = binding.typeAnnotation?.typeAnnotation;
    const typeName = annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier ? annotation.typeName.name : null;
    return parameterNames.next.test(binding.name) || typeName === 'NextFunction' || typeName === 'Next';
  });
}
