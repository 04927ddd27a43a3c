import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { constructorMemberValue, extendedRepositoryMethods, importSource, propertyName, requiredModule, resolveFunction, unwrap as unwrapTypes, walk, type FunctionNode, type ScopeSource, scopeOf } from '../../utils/ast.js';
import { diContainers, diLookups } from '../../models/frameworks/di-containers.js';
import { compiledDecoratorsOf } from '../routes/frameworks/compiled-decorators.js';
import { projectDecoration } from '../routes/frameworks/fastify-decorations.js';
import { candidateFiles } from './candidates.js';
import { emptyDependencies, recordAll, recordingDependencies, type Dependencies } from './dependencies.js';
import { contextDataSources, graphqlContextValue } from './graphql-context.js';
import { exportedDefinition, importBindingTarget } from './imported.js';
import { projectIndexOf, type ProjectIndex } from './index.js';
import { fileOfNode, inCurrentParse, parseProjectFile, type ProjectModule } from './parse.js';
import { strapiServiceObject } from './strapi-services.js';

/*
 * Which function of another project file a call runs: the question every cross-file analysis asks
 * (taint into a service, a whole record returned by a repository, a body passed to a create).
 * Answered from the code alone, without type information:
 *   - an imported function: `import { find } from './repo'`, `const { find } = require('./repo')`;
 *   - a member of an imported module or object: `import * as repo from './repo'`, `repo.find()`,
 *     `const repo = require('./repo')`, `export default { find }`, `export default new Repo()`;
 *   - a method of an imported class, through an instance: `const repo = new Repo(db); repo.find()`,
 *     a parameter or field typed with the class (`constructor(private readonly users: UsersService)`,
 *     as NestJS injects services), or a field assigned an instance in the constructor;
 *   - a static method: `Repo.find()`;
 *   - a member of an instance of an ES5 constructor function: `const dao = new UsersDAO(db); dao.find()`
 *     where `UsersDAO` assigns `this.find = …` in its body or defines `UsersDAO.prototype.find`.
 */

/** A function defined in another file of the project that a call runs. */
export interface CrossFileTarget {
  fn: FunctionNode;
  /** The parse of the file that defines it. */
  module: ProjectModule;
  /** How to name it in a message: `find`, `UsersService.find`. */
  name: string;
}

/** What `crossFileTarget` may take a call for, beyond an imported function or member. */
export interface CrossFileOptions {
  /**
   * A module required whole and called (`const grab = require('./grab'); grab(url)`) runs the
   * function it exports as itself (`module.exports = function grab(url) {…}`). Asked for by the
   * taint analysis and by Express's factory mounts (`app.use('/x', makeRouter(deps))`) only: read
   * by every analysis, it made router factories handed to a lazy mount (Ghost's `lazyUse('/members',
   * require('../members'))`) look like top-level apps (docs/project-model.md, Limits).
   */
  wholeModuleCalls?: boolean;
  /**
   * A module kept in a member of an object of the calling file (`var obj = {}; obj.common =
   * require('./common'); … obj.common.isSafeName(x)`), and a function a module exports as what an
   * immediately called function returns (`exports.isSafeName = (function () { const re = /…/;
   * return function (name) {…}; })()`). Asked for by the guard reader only, to judge a validator by
   * its body; the write of the member in the calling file must be its only one.
   */
  heldMembers?: boolean;
}

/** Follows at most this many variable or import steps from the call to the definition. */
const MAX_STEPS = 4;

/**
 * The function of another project file that `callee` runs, or null when it is not one (a local
 * function, a package, an unknown value, or a file outside the linted file's project).
 */
export function crossFileTarget(written: TSESTree.Node, sourceCode: ScopeSource, options: CrossFileOptions = {}): CrossFileTarget | null {
  // `(0, files_1.fetchAvatar)(url)`, as compiled code calls an imported function.
  const callee = unwrapTypes(written);
  const file = fileOfNode(callee);
  if (file === undefined || projectIndexOf(file) === null) return null;
  let target: CrossFileTarget | null = null;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const found = valueOf(callee, sourceCode, file, 0);
    // A module called whole (`const download = require('./download'); download(url)`) runs what it
    // exports as itself: `module.exports = function download(url) {…}` (asked for, see CrossFileOptions).
    const called = found?.node.type === AST_NODE_TYPES.Program && options.wholeModuleCalls === true ? exportedDefinition(found.file, '') : found;
    target = called && (aliasedMember(called, callee.name) ?? functionTarget(called.node, called.file, callee.name));
  } else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    const owner = ownerOf(callee.object, sourceCode, file, 0, options.heldMembers === true);
    target = owner && memberTarget(owner, callee.property.name, options.heldMembers === true);
  } else if (callee.type === AST_NODE_TYPES.CallExpression && options.wholeModuleCalls === true) {
    // `require('./routes/monitors')(services)`: the function the module required inline exports whole.
    const required = isRequireCall(callee) ? requiredModule(callee) : null;
    const module = required === null ? null : projectIndexOf(file)?.resolve(file, required) ?? null;
    const whole = module === null ? null : exportedDefinition(module, '');
    target = whole && functionTarget(whole.node, whole.file, path.basename(module!, path.extname(module!)));
  }
  // A function of the file itself is the single-file analyses' business.
  return target && target.module.file !== file ? target : null;
}

/**
 * The value of another project file that an identifier of this file names (through `const`
 * aliases): what a module exports whole (`const routes = require('./routes')`, `import routes from
 * './routes.js'`, with `module.exports = […]` or `export default […]`) or under a name (`const {
 * routes } = require('./routes')`), with the parse of that file to read it in. Null for a value of
 * this file, a package's, or one that cannot be followed.
 */
export function importedValue(identifier: TSESTree.Identifier, sourceCode: ScopeSource): { node: TSESTree.Node; module: ProjectModule } | null {
  const file = fileOfNode(identifier);
  if (file === undefined || projectIndexOf(file) === null) return null;
  let found = valueOf(identifier, sourceCode, file, 0);
  if (found?.node.type === AST_NODE_TYPES.Program) {
    const whole = exportedDefinition(found.file, '');
    found = whole && { node: whole.node, file: whole.file };
  }
  if (!found || found.file === file) return null;
  const node = found.node.type === AST_NODE_TYPES.VariableDeclarator ? found.node.init : found.node;
  const module = parseProjectFile(found.file);
  return node && module ? { node, module } : null;
}

/**
 * The constructor of the class of another project file that `new X(…)` builds (`new
 * RequestContext(req)` with the class imported or required), or null: a class of this file, a
 * package's class, or a class without a constructor of its own.
 */
export function constructorTarget(node: TSESTree.NewExpression, sourceCode: ScopeSource): CrossFileTarget | null {
  const callee = unwrapTypes(node.callee);
  const file = fileOfNode(callee);
  if (file === undefined || projectIndexOf(file) === null || callee.type !== AST_NODE_TYPES.Identifier) return null;
  const created = classByName(callee.name, callee, sourceCode, file);
  if (!created || created.file === file) return null;
  const classNode = created.node;
  if (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression) return null;
  const constructor = classNode.body.body.find((member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
  const fn = constructor?.type === AST_NODE_TYPES.MethodDefinition && constructor.value.type === AST_NODE_TYPES.FunctionExpression ? constructor.value : null;
  const module = fn ? parseProjectFile(created.file) : null;
  return fn && module ? { fn, module, name: classNode.id?.name ?? callee.name } : null;
}

interface Definition {
  node: TSESTree.Node;
  file: string;
}

/** What the receiver of a method call is: a module or object (`kind: 'value'`) or an instance of a class. */
interface Owner extends Definition {
  kind: 'value' | 'instance';
}

function functionTarget(node: TSESTree.Node, file: string, name: string, immediate = false): CrossFileTarget | null {
  const fn = asFunction(node) ?? (immediate ? immediatelyReturned(node) : null);
  const module = fn ? parseProjectFile(file) : null;
  return fn && module ? { fn, module, name } : null;
}

function asFunction(node: TSESTree.Node): FunctionNode | null {
  if (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  ) {
    return node;
  }
  return null;
}

/**
 * The function an immediately called function expression returns (`(function () { const re = /…/;
 * return function check(name) {…}; })()`): its only `return`, of a function written there. Null
 * for anything else (arguments, several returns, a value computed otherwise).
 */
function immediatelyReturned(node: TSESTree.Node): FunctionNode | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 0) return null;
  const callee = unwrapTypes(node.callee);
  if ((callee.type !== AST_NODE_TYPES.FunctionExpression && callee.type !== AST_NODE_TYPES.ArrowFunctionExpression) || callee.async || callee.generator) return null;
  if (callee.body.type !== AST_NODE_TYPES.BlockStatement) return asFunction(unwrapTypes(callee.body));
  const returns: TSESTree.ReturnStatement[] = [];
  walk(callee.body, (inner) => {
    if (inner !== callee.body && (inner.type === AST_NODE_TYPES.FunctionDeclaration || inner.type === AST_NODE_TYPES.FunctionExpression || inner.type === AST_NODE_TYPES.ArrowFunctionExpression)) return 'skip';
    if (inner.type === AST_NODE_TYPES.ReturnStatement) returns.push(inner);
    return undefined;
  });
  const [only] = returns;
  return returns.length === 1 && only?.argument ? asFunction(unwrapTypes(only.argument)) : null;
}

/**
 * A value that aliases a member of another value (`{ get: repo.findAppointment }`, `export const
 * search = repo.search`): the function that member is, named as the alias. Null when the value is
 * no member read (or the member is not found).
 */
function aliasedMember(definition: Definition, name: string): CrossFileTarget | null {
  const value = unwrapTypes(definition.node);
  // A chain of aliases (or one aliasing itself through its own namespace) is followed `MAX_STEPS` deep.
  if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed || aliasDepth >= MAX_STEPS) return null;
  const module = parseProjectFile(definition.file);
  const aliased = propertyName(value.property);
  aliasDepth++;
  try {
    const holder = module && aliased !== null ? ownerOf(unwrapTypes(value.object), module.sourceCode, definition.file, MAX_STEPS - 1) : null;
    const found = holder && aliased !== null ? memberTarget(holder, aliased) : null;
    return found && { ...found, name };
  } finally {
    aliasDepth--;
  }
}

/** How many aliases `aliasedMember` is following now. */
let aliasDepth = 0;

function memberTarget(owner: Owner, method: string, immediate = false): CrossFileTarget | null {
  const node = owner.node;
  if (node.type === AST_NODE_TYPES.Program) {
    // A module: its export of that name, else a member of its default export (`module.exports = new Repo()`).
    const named = exportedDefinition(owner.file, method);
    if (named) return aliasedMember(named, method) ?? functionTarget(named.node, named.file, method, immediate);
    const whole = exportedDefinition(owner.file, '');
    if (!whole || whole.node.type === AST_NODE_TYPES.Program) return null;
    return memberTarget({ node: whole.node, file: whole.file, kind: 'value' }, method);
  }
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyName(property.key) !== method) continue;
      // `export default { readFile }`: the function the name holds in that file.
      const value = unwrapTypes(property.value);
      if (value.type === AST_NODE_TYPES.Identifier) {
        const module = parseProjectFile(owner.file);
        const found = module && valueOf(value, module.sourceCode, owner.file, 1);
        return found && functionTarget(found.node, found.file, method);
      }
      // `{ get: repo.findAppointment }`: the member of an imported module or object the property aliases.
      return aliasedMember({ node: value, file: owner.file }, method) ?? functionTarget(value, owner.file, method);
    }
    return null;
  }
  // `dataSource.getRepository(User).extend({ findByName(name) { … } })`: the methods of the object.
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const methods = extendedRepositoryMethods(node);
    if (methods) return memberTarget({ node: methods, file: owner.file, kind: 'value' }, method);
    // `const webhooks = createWebhookService({ db })`: a member of the object the factory returns.
    const made = factoryResult(node, owner.file);
    return made && memberTarget(made, method);
  }
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const created = classOf(node.callee, owner.file);
    return created ? classMethod(created, method, false) : constructorFunctionMember(node.callee, owner.file, method);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const module = parseProjectFile(owner.file);
    const found = module && valueOf(node, module.sourceCode, owner.file, 1);
    return found && memberTarget({ ...found, kind: owner.kind }, method);
  }
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
    return classMethod({ node, file: owner.file }, method, owner.kind === 'value');
  }
  return null;
}

/**
 * `new AllocationsDAO(db).find(...)` where `AllocationsDAO` is an ES5 constructor function of a
 * project file: the function it assigns to `this.find` in its body, or to `AllocationsDAO.prototype.find`.
 */
function constructorFunctionMember(callee: TSESTree.Node, file: string, method: string): CrossFileTarget | null {
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const module = parseProjectFile(file);
  const own = module && inProjectParse(callee, module);
  if (!module || !own) return null;
  let found = valueOf(own, module.sourceCode, file, 0);
  if (found?.node.type === AST_NODE_TYPES.Program) found = exportedDefinition(found.file, '');
  const constructor = found && asFunction(found.node);
  if (!found || !constructor || constructor.type === AST_NODE_TYPES.ArrowFunctionExpression) return null;
  const value = constructorMemberValue(constructor, method);
  if (!value) return null;
  const owner = parseProjectFile(found.file);
  const inner = unwrapTypes(value);
  const fn = asFunction(inner) ?? (owner ? resolveFunction(inner, scopeOf(owner.sourceCode, inner)) : null);
  return fn && functionTarget(fn, found.file, `${constructor.id?.name ?? 'default'}.${method}`);
}

/**
 * The method `method` of a class, or of the classes it extends (`class UsersRepo extends BaseRepo`,
 * with `findOneBy` written once in the base class, in this file or another), at most `MAX_STEPS`
 * classes up. The name is the class that defines the method.
 */
function classMethod(owner: Definition, method: string, isStatic: boolean, depth = 0): CrossFileTarget | null {
  const node = owner.node;
  if (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) return null;
  const own = ownMethod(node, owner.file, method, isStatic);
  if (own !== undefined) return own;
  if (depth >= MAX_STEPS || !node.superClass) return null;
  const base = classOf(node.superClass, owner.file);
  return base && classMethod(base, method, isStatic, depth + 1);
}

/**
 * The method a class body itself defines: its target, null when the class defines the name but not
 * as a function (so the base class's one is not what runs), undefined when it does not define it.
 */
function ownMethod(
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  file: string,
  method: string,
  isStatic: boolean,
): CrossFileTarget | null | undefined {
  const className = node.id?.name ?? 'default';
  for (const member of node.body.body) {
    if (
      (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) ||
      member.computed ||
      member.static !== isStatic ||
      propertyName(member.key) !== method ||
      !member.value
    ) {
      continue;
    }
    return functionTarget(member.value, file, `${className}.${method}`);
  }
  return undefined;
}

/** The class an expression names when it is imported from (or declared in) a project file. */
function classOf(node: TSESTree.Node, file: string): Definition | null {
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const module = parseProjectFile(file);
  const own = module && inProjectParse(node, module);
  if (!module || !own) return null;
  const found = valueOf(own, module.sourceCode, file, 0);
  return found && asClass(found);
}

/** The receiver of `receiver.method()`: an imported module or object, or an instance of an imported class. */
function ownerOf(receiver: TSESTree.Node, sourceCode: ScopeSource, file: string, steps = 0, held = false): Owner | null {
  // `this.users.find()`: a field of the enclosing class, typed or assigned with an imported class.
  if (
    receiver.type === AST_NODE_TYPES.MemberExpression &&
    !receiver.computed &&
    receiver.object.type === AST_NODE_TYPES.ThisExpression &&
    receiver.property.type === AST_NODE_TYPES.Identifier
  ) {
    return fieldOwner(receiver, receiver.property.name, sourceCode, file, steps);
  }
  // `this.findOneBy()` in a class whose base class, in another file, defines the method.
  if (receiver.type === AST_NODE_TYPES.ThisExpression) {
    const enclosing = enclosingClass(receiver);
    return enclosing && { node: projectCounterpart(enclosing, file), file, kind: 'instance' };
  }
  // `new Repo(db).find()`, as a getter may return it.
  if (receiver.type === AST_NODE_TYPES.NewExpression && receiver.callee.type === AST_NODE_TYPES.Identifier) {
    const created = classByName(receiver.callee.name, receiver.callee, sourceCode, file);
    return created && { ...created, kind: 'instance' };
  }
  // `container.reportService.run()`: a member of an object (a service container, a module namespace).
  // `_watcher["default"].readFile()`: compiled code reads a default import with a literal key.
  if (receiver.type === AST_NODE_TYPES.MemberExpression && (!receiver.computed || receiver.property.type === AST_NODE_TYPES.Literal)) {
    if (steps >= MAX_STEPS) return null;
    const object = unwrapTypes(receiver.object);
    const name = propertyName(receiver.property);
    // `req.scope.cradle.ticketService`: what the project's DI container registers under that name.
    if (name !== null && isCradle(object)) return registeredByName(name, file, steps + 1);
    const holder = ownerOf(object, sourceCode, file, steps + 1);
    let member = holder && holder.kind === 'value' && name !== null ? memberValue({ node: holder.node, file: holder.file }, name) : null;
    // `obj.common` of `var obj = {}`, given its module by `obj.common = require('./common')`.
    if (!member && held && holder?.kind === 'value' && holder.node.type === AST_NODE_TYPES.ObjectExpression && holder.file === file && name !== null) {
      member = assignedMember(unwrapTypes(receiver.object), name, sourceCode, file, steps);
    }
    // A CommonJS module's `default`, as an interop wrapper gives it, is what it exports whole.
    if (!member && name === 'default' && holder?.kind === 'value' && holder.node.type === AST_NODE_TYPES.Program) {
      const whole = exportedDefinition(holder.file, '');
      member = whole && { node: whole.node, file: whole.file };
    }
    // `ctx.dataSources.images` under Apollo Server 3, whose `dataSources` option builds them apart from the context.
    if (!member && name !== null && holder?.kind === 'value') member = contextDataSources(holder.node, name);
    if (member) return instanceOrValue(member);
    // `meta.shelves.create()` of `const meta = new Meta(cfg)`: the field of the class, as its
    // declaration or its constructor gives it (`this.shelves = new Catalog(…)`), read in its file.
    if (name !== null && holder?.kind === 'instance' && (holder.node.type === AST_NODE_TYPES.ClassDeclaration || holder.node.type === AST_NODE_TYPES.ClassExpression)) {
      const module = parseProjectFile(holder.file);
      const field = module && fieldOwner(holder.node.body, name, module.sourceCode, holder.file, steps + 1);
      if (field) return field;
    }
    // `app.webhooks.test()`, `request.server.webhooks.test()`: what a Fastify plugin of another file decorates the instance with.
    if (!holder && name !== null && mayBeServerInstance(object, sourceCode)) return decoratedOwner(file, name, steps + 1);
    return null;
  }
  // `container.resolve('ticketService').listForQueue()`: the registration of that name.
  const lookedUpName = lookupByName(receiver);
  if (lookedUpName !== null) return steps < MAX_STEPS ? registeredByName(lookedUpName, file, steps + 1) : null;
  // `strapi.service('api::book.book').publish()`, `getService('file').fetchUrlToInputFile(url)`: a Strapi service.
  const strapiService = strapiServiceObject(receiver, file);
  if (strapiService) return { ...strapiService, kind: 'value' };
  // `container.get(UserService).find(q)`, the lookup called inline.
  if (receiver.type === AST_NODE_TYPES.CallExpression) {
    const looked = lookedUpClass(receiver, sourceCode, file);
    if (looked) return { ...looked, kind: 'instance' };
  }
  // `require('./handlers').preview`: a member of a module required inline.
  const required = receiver.type === AST_NODE_TYPES.CallExpression ? requiredModule(receiver) : null;
  if (required !== null) {
    const target = projectIndexOf(file)?.resolve(file, required) ?? null;
    const module = target === null ? null : parseProjectFile(target);
    return module && target !== null ? { node: module.program, file: target, kind: 'value' } : null;
  }
  if (receiver.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(sourceCode, receiver), receiver.name);
  const definition = variable?.defs[0];
  if (!definition) return null;
  // A parameter typed with an imported class: `(users: UsersService) => users.find(q)`.
  if (definition.type === 'Parameter') {
    const typed = typeName(definition.name);
    const created = typed === null ? null : classByName(typed, definition.name, sourceCode, file);
    if (created) return { ...created, kind: 'instance' };
    if (steps >= MAX_STEPS) return null;
    // `(services: Services)` with `type Services = ReturnType<typeof buildServices>`: what the factory returns.
    const annotated = annotationOf(definition.name);
    const made = annotated ? returnTypeOwner(annotated, sourceCode, file, steps + 1) : null;
    if (made) return made;
    // `function makeService(repo = new ProjectRepo())`, `({ db = defaultDb } = {})`: the default, when no caller passes one in view.
    const holder = definition.name.parent;
    if (holder?.type === AST_NODE_TYPES.AssignmentPattern && holder.left === definition.name) return valueOwner(holder.right, sourceCode, file, steps + 1);
    // `(parent, args, { services }) => services.products.search(args.where)`: the GraphQL context.
    const context = definition.name.type === AST_NODE_TYPES.Identifier ? graphqlContextValue(definition.node, definition.name, file) : null;
    if (context?.node.type === AST_NODE_TYPES.Identifier) {
      // `context: () => ({ services })`: the value the server file's name holds.
      const server = parseProjectFile(context.file);
      const found = server && valueOf(context.node, server.sourceCode, context.file, steps + 1);
      return found && instanceOrValue(found);
    }
    if (context) return instanceOrValue(context);
    // `export default function invoiceRoutes(services) {…}` called once, `invoiceRoutes(buildServices())`: what it is given there.
    // A parameter typed as a primitive (`term: string`) holds no service: its callers are not searched.
    if (annotated && isPrimitiveType(annotated)) return null;
    return givenArgument(definition.node, definition.name, file, steps + 1);
  }
  if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator) {
    const declarator = definition.node;
    const init = unwrap(declarator.init);
    const registered = init ? lookupByName(init) : null;
    if (registered !== null) return steps < MAX_STEPS ? registeredByName(registered, file, steps + 1) : null;
    const strapiService = init ? strapiServiceObject(init, file) : null;
    if (strapiService) return { ...strapiService, kind: 'value' };
    if (init?.type === AST_NODE_TYPES.NewExpression) {
      const created = classByName(init.callee.type === AST_NODE_TYPES.Identifier ? init.callee.name : '', init.callee, sourceCode, file);
      // Not a class: an ES5 constructor function, whose members `memberTarget` reads from the `new`.
      return created ? { ...created, kind: 'instance' } : { node: init, file, kind: 'instance' };
    }
    const typed = typeName(declarator.id);
    if (typed) {
      const created = classByName(typed, declarator.id, sourceCode, file);
      if (created) return { ...created, kind: 'instance' };
    }
    // `const users = container.resolve(UserService)`: an instance of the class looked up.
    const looked = init ? lookedUpClass(init, sourceCode, file) : null;
    if (looked) return { ...looked, kind: 'instance' };
  }
  const found = valueOf(receiver, sourceCode, file, 0);
  return found && instanceOrValue(found);
}

/**
 * The value the one write `holder.name = value` of this file gives a member of a variable bound once
 * (`var obj = {}; obj.common = require('./common')`): null when the variable is rebound, written
 * through a computed key, or the member written more than once or otherwise (`+=`, `delete`).
 */
function assignedMember(holder: TSESTree.Node, name: string, sourceCode: ScopeSource, file: string, steps: number): Definition | null {
  if (holder.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(sourceCode, holder), holder.name);
  if (!variable || variable.defs.length !== 1 || !variable.references.every((reference) => !reference.isWrite() || reference.init === true)) return null;
  let value: TSESTree.Node | null = null;
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
    const written = (member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member) || member.parent.type === AST_NODE_TYPES.UpdateExpression || (member.parent.type === AST_NODE_TYPES.UnaryExpression && member.parent.operator === 'delete');
    if (!written) continue;
    const key = member.computed && member.property.type !== AST_NODE_TYPES.Literal ? null : propertyName(member.property);
    if (key === null) return null;
    if (key !== name) continue;
    if (value !== null || member.parent.type !== AST_NODE_TYPES.AssignmentExpression || member.parent.operator !== '=') return null;
    value = unwrapTypes(member.parent.right);
  }
  if (value === null) return null;
  const required = value.type === AST_NODE_TYPES.CallExpression ? requiredModule(value) : null;
  if (required !== null) {
    const target = projectIndexOf(file)?.resolve(file, required) ?? null;
    const module = target === null ? null : parseProjectFile(target);
    return module && target !== null ? { node: module.program, file: target } : null;
  }
  return value.type === AST_NODE_TYPES.Identifier ? valueOf(value, sourceCode, file, steps + 1) : null;
}

/** A value as a call's receiver: the instance of the class it creates (`new UserService(repo)`), or the value itself. */
function instanceOrValue(found: Definition): Owner | null {
  if (found.node.type === AST_NODE_TYPES.NewExpression) {
    const created = classOf(found.node.callee, found.file);
    return created ? { ...created, kind: 'instance' } : { ...found, kind: 'instance' };
  }
  // `export const projectService = makeProjectService()`: the object or instance the factory returns.
  if (found.node.type === AST_NODE_TYPES.CallExpression) return factoryResult(found.node, found.file) ?? { ...found, kind: 'value' };
  return { ...found, kind: 'value' };
}

/**
 * What a value written at `file` is as a receiver: the instance a `new` or a DI lookup creates, the
 * object a factory of the project returns, or the value a name holds. Null when none of these.
 */
function valueOwner(written: TSESTree.Node, sourceCode: ScopeSource, file: string, steps: number): Owner | null {
  const value = unwrap(written);
  if (!value || steps > MAX_STEPS) return null;
  if (value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier) {
    const created = classByName(value.callee.name, value.callee, sourceCode, file);
    return created ? { ...created, kind: 'instance' } : null;
  }
  const looked = lookedUpClass(value, sourceCode, file);
  if (looked) return { ...looked, kind: 'instance' };
  if (value.type === AST_NODE_TYPES.Identifier) {
    const found = valueOf(value, sourceCode, file, steps);
    return found && instanceOrValue(found);
  }
  if (value.type === AST_NODE_TYPES.CallExpression) return factoryResult(value, file);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return { node: value, file, kind: 'value' };
  return null;
}

/**
 * `createWebhookService({ db, log })`, `makeProjectService()`: what a factory function of the
 * project returns, read from its last top-level `return` (or its expression body): an object literal
 * of closures, an object a `const` of its body holds, or an instance of a project class. Null for
 * anything else (a package's function, a factory that returns something computed).
 */
function factoryResult(call: TSESTree.CallExpression, file: string): Owner | null {
  const callee = unwrap(call.callee);
  if (callee?.type !== AST_NODE_TYPES.Identifier) return null;
  const module = parseProjectFile(file);
  const own = module && inProjectParse(callee, module);
  if (!module || !own) return null;
  let found = valueOf(own, module.sourceCode, file, 1);
  if (found?.node.type === AST_NODE_TYPES.Program) found = exportedDefinition(found.file, '');
  return found && returnedOwner(found);
}

/** What the function `found` returns as a receiver (see `factoryResult`), or null. */
function returnedOwner(found: Definition): Owner | null {
  const fn = asFunction(found.node);
  if (!fn) return null;
  let returned: TSESTree.Node | null = null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned = unwrap(fn.body);
  else for (const statement of fn.body.body) if (statement.type === AST_NODE_TYPES.ReturnStatement) returned = unwrap(statement.argument);
  if (!returned) return null;
  const factoryModule = parseProjectFile(found.file);
  if (!factoryModule) return null;
  if (returned.type === AST_NODE_TYPES.Identifier) {
    // `const service = { … }; return service;`
    const declarator = findVariable(scopeOf(factoryModule.sourceCode, returned), returned.name)?.defs[0]?.node;
    returned = declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier ? unwrap(declarator.init) : null;
  }
  if (returned?.type === AST_NODE_TYPES.ObjectExpression) return { node: returned, file: found.file, kind: 'value' };
  if (returned?.type === AST_NODE_TYPES.NewExpression && returned.callee.type === AST_NODE_TYPES.Identifier) {
    const created = classByName(returned.callee.name, returned.callee, factoryModule.sourceCode, found.file);
    return created ? { ...created, kind: 'instance' } : null;
  }
  return null;
}

/**
 * The receiver of a Fastify decorator: a function's parameter (the instance a plugin or route
 * module is given: `async (app) => { app.webhooks.x() }`) or a request's `server`.
 */
function mayBeServerInstance(node: TSESTree.Node, sourceCode: ScopeSource): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression) return !node.computed && propertyName(node.property) === 'server';
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  return findVariable(scopeOf(sourceCode, node), node.name)?.defs[0]?.type === 'Parameter';
}

/** `projectDecoration` answers per project version, by linted file and name: asked for every member call on a parameter. */
const decorationAnswers = new WeakMap<ProjectIndex, { generation: number; answers: Map<string, { site: ReturnType<typeof projectDecoration>; dependencies: Dependencies }> }>();

/** The value `app.decorate(name, value)` stores, once in the project's other Fastify files, as a receiver. */
function decoratedOwner(file: string, name: string, steps: number): Owner | null {
  const index = projectIndexOf(file);
  if (!index) return null;
  const generation = index.generation();
  let kept = decorationAnswers.get(index);
  if (kept?.generation !== generation) decorationAnswers.set(index, (kept = { generation, answers: new Map() }));
  const key = `${file}\0${name}`;
  let answer = kept.answers.get(key);
  // Found in a parse of its file the cache has since replaced (see `inCurrentParse`): asked again.
  if (answer?.site && !inCurrentParse(answer.site.node, answer.site.file)) answer = undefined;
  if (answer === undefined) {
    const { value, dependencies } = recordingDependencies(() => projectDecoration(file, name));
    kept.answers.set(key, (answer = { site: value, dependencies }));
  } else {
    // A later question reusing the answer depends on the plugin files it read.
    recordAll(answer.dependencies);
  }
  const site = answer.site;
  const module = site ? parseProjectFile(site.file) : null;
  return site && module ? valueOwner(site.node, module.sourceCode, site.file, steps) : null;
}

/**
 * The value of member `name` of a value: a property of an object literal (followed to its const
 * if it names one), or an export of a module.
 */
function memberValue(holder: Definition, name: string): Definition | null {
  const node = holder.node;
  if (node.type === AST_NODE_TYPES.Program) {
    const found = exportedDefinition(holder.file, name);
    return found && { node: found.node, file: found.file };
  }
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyName(property.key) !== name) continue;
    const value = unwrap(property.value);
    if (value?.type !== AST_NODE_TYPES.Identifier) return value && { node: value, file: holder.file };
    const module = parseProjectFile(holder.file);
    return module && valueOf(value, module.sourceCode, holder.file, 1);
  }
  return null;
}

/**
 * The class whose instance `this` is at `node`: the nearest enclosing class, when no `function`
 * (which has its own `this`) stands between them. Arrow functions keep the method's `this`.
 */
function enclosingClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  let fnSeen = false;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      // A method's own function, or a field initialised with a function: `this` is the instance.
      if (fnSeen || !(current.parent.type === AST_NODE_TYPES.MethodDefinition && !current.parent.static)) return null;
      fnSeen = true;
    }
    // A field initialised with an arrow (`show = async (req, res) => { this.ok(res, e); }`): its `this` is the instance too.
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression && current.parent.type === AST_NODE_TYPES.PropertyDefinition && current.parent.value === current && !current.parent.static) {
      if (fnSeen) return null;
      fnSeen = true;
    }
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return fnSeen ? current : null;
  }
  return null;
}

/** `this.name` in a class (`at` inside it, or its body): the imported class its constructor parameter, field type or constructor assignment names. */
function fieldOwner(at: TSESTree.Node, name: string, sourceCode: ScopeSource, file: string, steps: number): Owner | null {
  let classNode: TSESTree.Node | undefined = at.type === AST_NODE_TYPES.ClassBody ? at : at.parent;
  while (classNode && classNode.type !== AST_NODE_TYPES.ClassBody) classNode = classNode.parent;
  if (!classNode) return null;
  for (const member of classNode.body) {
    // `get repo() { return this.auditRepository; }`: what the getter returns.
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'get' && !member.static && !member.computed && propertyName(member.key) === name) {
      const returned = steps < MAX_STEPS ? singleReturn(member.value) : null;
      const owner = returned && ownerOf(returned, sourceCode, file, steps + 1);
      if (owner) return owner;
    }
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && propertyName(member.key) === name) {
      const value = unwrap(member.value);
      // `private readonly repos = container.resolve(RepoService)`.
      const looked = value ? lookedUpClass(value, sourceCode, file) : null;
      if (looked) return { ...looked, kind: 'instance' };
      if (value?.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier) {
        const created = classByName(value.callee.name, value.callee, sourceCode, file);
        if (created) return { ...created, kind: 'instance' };
      }
      const typed = typeName(member);
      const created = typed === null ? null : classByName(typed, member, sourceCode, file);
      if (created) return { ...created, kind: 'instance' };
      // `private readonly repo = userRepository`: the value it names, imported or of this file.
      if (value?.type === AST_NODE_TYPES.Identifier && steps < MAX_STEPS) {
        const found = valueOf(value, sourceCode, file, steps + 1);
        if (found) return instanceOrValue(found);
      }
    }
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    for (const parameter of member.value.params) {
      const declared = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : null;
      if (declared?.type === AST_NODE_TYPES.Identifier && declared.name === name) {
        const typed = typeName(declared);
        const created = typed === null ? null : classByName(typed, declared, sourceCode, file);
        if (created) return { ...created, kind: 'instance' };
        // `constructor(private readonly shipments: Shipments)` typed with an interface, or not at all:
        // what the one `new` in view gives it (`new ShipmentController(new ShipmentService(repo))`).
        const given = steps < MAX_STEPS ? givenArgument(member.value, declared, file, steps + 1) : null;
        if (given) return given;
      }
      // `private readonly users = new SqlUserRepository()`: the declared type, else the default's class.
      if (declared?.type === AST_NODE_TYPES.AssignmentPattern && declared.left.type === AST_NODE_TYPES.Identifier && declared.left.name === name) {
        const typed = typeName(declared.left);
        const value = unwrap(declared.right);
        const className = typed ?? (value?.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier ? value.callee.name : null);
        const created = (className === null ? null : classByName(className, declared, sourceCode, file)) ?? (value ? lookedUpClass(value, sourceCode, file) : null);
        if (created) return { ...created, kind: 'instance' };
        // `private readonly repo = itemsRepository`, `= createRepo(db)`: the object the default names or a factory returns.
        const given = value && steps < MAX_STEPS ? valueOwner(value, sourceCode, file, steps + 1) : null;
        if (given) return given;
      }
    }
    // `this.users = new UsersService(db)` in the constructor.
    for (const statement of member.value.body?.body ?? []) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
      const { left, right } = statement.expression;
      const value = unwrap(right);
      // `constructor({ linkService }) { this.linkService = linkService; }`: what a DI container registers under that name.
      if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression && !left.computed && propertyName(left.property) === name && steps < MAX_STEPS) {
        const injected = value ? injectedName(value, member.value) : null;
        const registered = injected === null ? null : registeredDependency(injected, file, steps + 1);
        if (registered) return registered;
      }
      if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.ThisExpression || left.computed || propertyName(left.property) !== name || !value) continue;
      // `constructor(service = new PartnerService()) { this.service = service; }`: the default's class.
      const assigned = value.type === AST_NODE_TYPES.Identifier ? (parameterDefault(member.value, value.name) ?? value) : value;
      if (assigned.type === AST_NODE_TYPES.NewExpression && assigned.callee.type === AST_NODE_TYPES.Identifier) {
        const created = classByName(assigned.callee.name, assigned.callee, sourceCode, file);
        if (created) return { ...created, kind: 'instance' };
      }
      // `this.repos = container.resolve(RepoService)`.
      const looked = lookedUpClass(assigned, sourceCode, file);
      if (looked) return { ...looked, kind: 'instance' };
      // `constructor(repo = itemsRepository) { this.repo = repo; }`: the object the default names, or a factory's.
      if (assigned !== value && steps < MAX_STEPS) {
        const given = valueOwner(assigned, sourceCode, file, steps + 1);
        if (given) return given;
      }
      const parameter = value.type === AST_NODE_TYPES.Identifier ? plainParameter(member.value, value.name) : null;
      // Compiled `constructor(payments) { this.payments = payments; }` of a decorated class: the
      // class the compiler recorded for the parameter (`__metadata("design:paramtypes", [payments_1.PaymentService])`),
      // as NestJS injects it.
      const recorded = parameter && steps < MAX_STEPS ? recordedParameterClass(classNode.parent, member.value.params.indexOf(parameter), sourceCode, file, steps + 1) : null;
      if (recorded) return recorded;
      // `constructor(dao) { this.dao = dao; }` with `new OrderController(orderDao)` the one `new` in view: what it is given there.
      const given = parameter && steps < MAX_STEPS ? givenArgument(member.value, parameter, file, steps + 1) : null;
      if (given) return given;
    }
  }
  return null;
}

/**
 * The project class compiled decorator metadata records for constructor parameter `index` of
 * `classNode` (`X = __decorate([…, __metadata("design:paramtypes", [users_1.UsersService])], X)`),
 * as an instance: a name of the file or a member of a module it requires. Null for a class with no
 * such record, a recorded type that is no project class (`Object`, a package's class), or a type
 * the compiler wrote as a conditional (`typeof (_a = …) === "function" ? _a : Object`).
 */
function recordedParameterClass(classNode: TSESTree.Node, index: number, sourceCode: ScopeSource, file: string, steps: number): Owner | null {
  if (index < 0 || (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression)) return null;
  let program: TSESTree.Node = classNode;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program) return null;
  const decorators = compiledDecoratorsOf(program, (node) => scopeOf(sourceCode, node)).classes.get(classNode) ?? [];
  for (const decorator of decorators) {
    const call = unwrapTypes(decorator);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier || !/^_*metadata$/u.test(call.callee.name)) continue;
    const [key, types] = call.arguments;
    if (key?.type !== AST_NODE_TYPES.Literal || key.value !== 'design:paramtypes' || types?.type !== AST_NODE_TYPES.ArrayExpression) continue;
    const recorded = types.elements[index];
    const type = recorded && recorded.type !== AST_NODE_TYPES.SpreadElement ? unwrapTypes(recorded) : null;
    const owner = type?.type === AST_NODE_TYPES.Identifier ? classByName(type.name, type, sourceCode, file)
      : type?.type === AST_NODE_TYPES.MemberExpression ? ownerOf(type, sourceCode, file, steps) : null;
    return owner && (owner.node.type === AST_NODE_TYPES.ClassDeclaration || owner.node.type === AST_NODE_TYPES.ClassExpression) ? { node: owner.node, file: owner.file, kind: 'instance' } : null;
  }
  return null;
}

/**
 * The name a constructor reads a dependency under from the object a DI container passes it:
 * `{ linkService }` destructured in the parameter list, or `cradle.linkService`. Null otherwise.
 */
function injectedName(value: TSESTree.Node, constructor: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression): string | null {
  const first = constructor.params[0];
  if (value.type === AST_NODE_TYPES.Identifier && first?.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of first.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (local.type === AST_NODE_TYPES.Identifier && local.name === value.name) return propertyName(property.key);
    }
    return null;
  }
  if (value.type === AST_NODE_TYPES.MemberExpression && !value.computed && first?.type === AST_NODE_TYPES.Identifier && value.object.type === AST_NODE_TYPES.Identifier && value.object.name === first.name) {
    return propertyName(value.property);
  }
  return null;
}

/** Container files read per question: the importers of a class's file that import a DI container package. */
const MAX_CONTAINER_FILES = 8;
/** The registrations of each container file, by parse (a new parse after an edit reads them again). */
const registrationsByProgram = new WeakMap<TSESTree.Program, Map<string, TSESTree.CallExpression>>();

/**
 * What a DI container of the project registers as `name` for the class of `file` (the container
 * imports that file): an instance of the class `asClass` names, the value `asValue` holds, or what
 * the factory `asFunction` names returns when it creates an instance or an object. Null otherwise.
 */
function registeredDependency(name: string, file: string, steps: number): Owner | null {
  const index = projectIndexOf(file);
  if (!index) return null;
  const containers = index.importersOf(file).filter((importer) => index.importsOf(importer).some((entry) => diContainers.some((model) => model.module === entry.specifier)));
  return registeredAmong(containers.slice(0, MAX_CONTAINER_FILES), name, file, steps);
}

/** The first registration of `name` in the container files `containers`, as a receiver. */
function registeredAmong(containers: readonly string[], name: string, file: string, steps: number): Owner | null {
  const index = projectIndexOf(file);
  if (!index) return null;
  for (const container of containers) {
    const module = parseProjectFile(container);
    const resolver = module ? registrationsOf(module.program).get(name) : undefined;
    if (!module || !resolver) continue;
    const kind = resolverKind(resolver, module.sourceCode);
    const argument = resolver.arguments[0];
    if (!kind || !argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const given = unwrap(argument);
    if (!given) continue;
    const required = given.type === AST_NODE_TYPES.CallExpression ? requiredModule(given) : null;
    const target = required === null ? null : index.resolve(container, required);
    const found: Definition | null =
      target !== null
        ? (() => { const other = parseProjectFile(target); return other && { node: other.program, file: target }; })()
        : given.type === AST_NODE_TYPES.Identifier
          ? valueOf(given, module.sourceCode, container, steps)
          : { node: given, file: container };
    if (!found) continue;
    if (kind === 'instance') {
      const created = asClass(found);
      if (created) return { ...created, kind: 'instance' };
      continue;
    }
    if (kind === 'value') return instanceOrValue(found);
    // A factory: the instance or object it returns.
    const fn = asFunction(found.node);
    const returns = fn?.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body.filter((statement) => statement.type === AST_NODE_TYPES.ReturnStatement) : [];
    const returned = !fn ? null : fn.body.type !== AST_NODE_TYPES.BlockStatement ? unwrap(fn.body) : returns.length === 1 ? unwrap(returns[0]?.argument) : null;
    if (returned?.type === AST_NODE_TYPES.NewExpression && returned.callee.type === AST_NODE_TYPES.Identifier) {
      const factoryModule = parseProjectFile(found.file);
      const created = factoryModule && classByName(returned.callee.name, returned.callee, factoryModule.sourceCode, found.file);
      if (created) return { ...created, kind: 'instance' };
    }
    if (returned?.type === AST_NODE_TYPES.ObjectExpression) return { node: returned, file: found.file, kind: 'value' };
  }
  return null;
}

/**
 * What the project's DI containers register under `name`, for a lookup by name anywhere in the
 * project (`container.resolve('ticketService')`, `req.scope.cradle.ticketService`): the container
 * files are the project's files that import a container package, the first registration wins.
 */
function registeredByName(name: string, file: string, steps: number): Owner | null {
  const index = projectIndexOf(file);
  if (!index) return null;
  const containers = candidateFiles(index, 'di-containers', (candidate) => index.importsOf(candidate).some((entry) => diContainers.some((model) => model.module === entry.specifier)), MAX_CONTAINER_FILES);
  return registeredAmong(containers, name, file, steps);
}

/** `container.resolve('ticketService')`, `req.scope.resolve('x')`: the name a container's lookup by name is given, or null. */
function lookupByName(node: TSESTree.Node): string | null {
  const call = unwrap(node);
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.callee.computed) return null;
  const method = propertyName(call.callee.property);
  const argument = call.arguments[0];
  if (method === null || !diContainers.some((model) => (model.lookupsByName as readonly string[]).includes(method))) return null;
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : null;
}

/** `container.cradle`, `req.scope.cradle`: the object of a container's registrations, by name. */
function isCradle(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && diContainers.some((model) => model.cradle === propertyName(node.property));
}

/** `container.register({ name: asClass(X) })` and `container.register('name', asClass(X))`, by name. */
function registrationsOf(program: TSESTree.Program): Map<string, TSESTree.CallExpression> {
  let registrations = registrationsByProgram.get(program);
  if (registrations) return registrations;
  registrations = new Map();
  const found = registrations;
  const registers = new Set<string>(diContainers.flatMap((model) => model.register));
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = unwrap(node.callee);
    if (callee?.type !== AST_NODE_TYPES.MemberExpression || !registers.has(propertyName(callee.property) ?? '')) return;
    const [first, second] = node.arguments;
    const add = (key: string | null, value: TSESTree.Node | undefined): void => {
      const resolver = value ? baseResolver(value) : null;
      if (key !== null && resolver && !found.has(key)) found.set(key, resolver);
    };
    if (first?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of first.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed) add(propertyName(property.key), property.value);
    } else if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') {
      add(first.value, second);
    }
  });
  registrationsByProgram.set(program, registrations);
  return registrations;
}

/** `asClass(X).singleton().inject(...)`: the resolver call under its lifetime options. */
function baseResolver(value: TSESTree.Node): TSESTree.CallExpression | null {
  let current = unwrap(value);
  for (let steps = 0; steps < 8 && current?.type === AST_NODE_TYPES.CallExpression; steps++) {
    const callee = unwrap(current.callee);
    if (callee?.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object)?.type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(callee.object);
      continue;
    }
    return current;
  }
  return null;
}

/** What a resolver call registers, when it is one of a container package's resolvers (`asClass` imported from awilix). */
function resolverKind(resolver: TSESTree.CallExpression, sourceCode: ScopeSource): 'instance' | 'value' | 'factory' | null {
  const callee = unwrap(resolver.callee);
  const name = callee?.type === AST_NODE_TYPES.Identifier ? callee.name : callee?.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
  if (name === null || !callee) return null;
  let root: TSESTree.Node = callee;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = findVariable(scopeOf(sourceCode, root), root.name)?.defs[0];
  const declarator = definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node : null;
  const specifier =
    definition?.type === 'ImportBinding' && definition.parent.type === AST_NODE_TYPES.ImportDeclaration
      ? String(definition.parent.source.value)
      : declarator?.init && declarator.init.type === AST_NODE_TYPES.CallExpression
        ? requiredModule(declarator.init)
        : null;
  const model = diContainers.find((entry) => entry.module === specifier);
  if (!model || !Object.hasOwn(model.resolvers, name)) return null;
  return (model.resolvers as Readonly<Record<string, 'instance' | 'value' | 'factory'>>)[name] ?? null;
}

/**
 * The class a definition is: a class declaration or expression, or the module a `require` names
 * when the class is what it exports (`module.exports = ReviewService`, `export default class`).
 */
function asClass(found: Definition): Definition | null {
  if (found.node.type === AST_NODE_TYPES.ClassDeclaration || found.node.type === AST_NODE_TYPES.ClassExpression) return found;
  if (found.node.type !== AST_NODE_TYPES.Program) return null;
  const whole = exportedDefinition(found.file, '');
  if (whole?.node.type === AST_NODE_TYPES.ClassDeclaration || whole?.node.type === AST_NODE_TYPES.ClassExpression) return { node: whole.node, file: whole.file };
  return null;
}

/** The value a getter's body returns: its single `return`. */
function singleReturn(fn: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression): TSESTree.Node | null {
  const returns = fn.body?.body.filter((statement) => statement.type === AST_NODE_TYPES.ReturnStatement) ?? [];
  return returns.length === 1 ? unwrap(returns[0]?.argument) : null;
}

/** The class declared in another project file that `name` refers to at `at`. */
function classByName(name: string, at: TSESTree.Node, sourceCode: ScopeSource, file: string): Definition | null {
  if (name === '') return null;
  const variable = findVariable(scopeOf(sourceCode, at), name);
  const identifier = variable?.defs[0]?.name;
  if (!identifier || identifier.type !== AST_NODE_TYPES.Identifier) return null;
  const found = valueOf(identifier, sourceCode, file, 0);
  return (found && asClass(found)) ?? implementationOf(identifier, name, sourceCode, file);
}

/** Importers of an interface's file searched for the class that implements it. */
const MAX_IMPLEMENTATION_FILES = 24;

/**
 * `private orders: IOrdersService`: the one class of the project that `implements` the interface
 * (declared in the interface's file or in a file importing it), as a DI container would inject it.
 * Null when no class or more than one implements it: then which one runs is not known here.
 */
function implementationOf(identifier: TSESTree.Identifier, name: string, sourceCode: ScopeSource, file: string): Definition | null {
  const variable = findVariable(scopeOf(sourceCode, identifier), name);
  const definition = variable?.defs[0];
  const index = projectIndexOf(file);
  if (!index || !definition) return null;
  let interfaceFile = file;
  let interfaceName = name;
  if (definition.type === 'ImportBinding') {
    const target = importBindingTarget(definition, file);
    if (target === null || target.name === '' || target.name === '*') return null;
    interfaceFile = target.file;
    interfaceName = target.name;
  } else if (definition.node.type !== AST_NODE_TYPES.TSInterfaceDeclaration) {
    return null;
  }
  const found: Definition[] = [];
  for (const candidate of [interfaceFile, ...index.importersOf(interfaceFile).slice(0, MAX_IMPLEMENTATION_FILES)]) {
    const module = parseProjectFile(candidate);
    if (!module) continue;
    for (const statement of module.program.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration) continue;
      const implementsIt = (declaration.implements ?? []).some((clause) => {
        if (clause.expression.type !== AST_NODE_TYPES.Identifier) return false;
        if (candidate === interfaceFile) return clause.expression.name === interfaceName;
        // In an importer, the name it imports the interface under.
        const local = findVariable(scopeOf(module.sourceCode, clause.expression), clause.expression.name)?.defs[0];
        const imported = local ? importBindingTarget(local, candidate) : null;
        return imported?.file === interfaceFile && imported.name === interfaceName;
      });
      if (implementsIt) found.push({ node: declaration, file: candidate });
    }
  }
  return found.length === 1 ? found[0]! : null;
}

/** The name of a simple type annotation: `users: UsersService` is `UsersService`. */
/** The default value of a plain parameter `name` of a constructor (`service = new PartnerService()`), or null. */
function parameterDefault(fn: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression, name: string): TSESTree.Node | null {
  for (const parameter of fn.params) {
    if (parameter.type === AST_NODE_TYPES.AssignmentPattern && parameter.left.type === AST_NODE_TYPES.Identifier && parameter.left.name === name) return unwrap(parameter.right) ?? null;
  }
  return null;
}

/**
 * The project class a DI container's lookup returns an instance of (`container.resolve(RepoService)`
 * of tsyringe, `container.get(RepoService)` of inversify, see `diLookups`), or null.
 */
function lookedUpClass(node: TSESTree.Node, sourceCode: ScopeSource, file: string): Definition | null {
  const call = unwrap(node);
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.callee.computed) return null;
  const method = propertyName(call.callee.property);
  const argument = call.arguments[0];
  if (method === null || argument?.type !== AST_NODE_TYPES.Identifier) return null;
  const lookup = diLookups.find((candidate) => (candidate.methods as readonly string[]).includes(method) && isContainerOf(candidate, call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : call.callee, sourceCode, file));
  return lookup ? classByName(argument.name, argument, sourceCode, file) : null;
}

/**
 * The package's container: its import (`import { container } from 'tsyringe'`), or a variable
 * holding `new Container()` of it, here or exported by the project file it is imported from.
 */
function isContainerOf(lookup: (typeof diLookups)[number], receiver: TSESTree.Node, sourceCode: ScopeSource, file: string, steps = 0): boolean {
  const target = unwrap(receiver);
  if (target?.type !== AST_NODE_TYPES.Identifier) return false;
  const containers: readonly string[] = lookup.containers;
  const imported = importSource(scopeOf(sourceCode, target), target.name);
  if (imported && imported.module !== lookup.module && steps < MAX_STEPS) {
    // `import { container } from './container'`, which holds `new Container()` of the package.
    const found = valueOf(target, sourceCode, file, 0);
    const module = found?.node.type === AST_NODE_TYPES.NewExpression ? parseProjectFile(found.file) : null;
    const declarator = found?.node.parent;
    if (module && declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier) {
      return isContainerOf(lookup, declarator.id, module.sourceCode, found!.file, steps + 1);
    }
  }
  if (imported) return imported.module === lookup.module && containers.includes(imported.imported ?? target.name);
  const variable = findVariable(scopeOf(sourceCode, target), target.name);
  const declarator = variable?.defs[0]?.node;
  const init = declarator?.type === AST_NODE_TYPES.VariableDeclarator ? unwrap(declarator.init) : null;
  if (init?.type !== AST_NODE_TYPES.NewExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const created = importSource(scopeOf(sourceCode, init.callee), init.callee.name);
  return created !== null && created.module === lookup.module && containers.includes(created.imported ?? init.callee.name);
}

function typeName(node: TSESTree.Node): string | null {
  const annotation = 'typeAnnotation' in node ? (node.typeAnnotation as TSESTree.TSTypeAnnotation | undefined) : undefined;
  const type = annotation?.typeAnnotation;
  if (type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier) return type.typeName.name;
  return null;
}

/**
 * The definition an identifier names: a function or class declared in its file, a variable's
 * value, or what its import names in another project file (a namespace import or a required module
 * is that file's `Program`). Null when it is not defined in the project (a package, a parameter).
 */
function valueOf(identifier: TSESTree.Identifier, sourceCode: ScopeSource, file: string, steps: number): Definition | null {
  if (steps > MAX_STEPS) return null;
  const variable = findVariable(scopeOf(sourceCode, identifier), identifier.name);
  const definition = variable?.defs[0];
  if (!definition) return variable === null || variable.defs.length === 0 ? autoImportedValue(identifier.name, file) : null;
  if (definition.type === 'ClassName' || definition.type === 'FunctionName') return { node: definition.node, file };
  const index = projectIndexOf(file);
  if (!index) return null;
  if (definition.type === 'ImportBinding') {
    const target = importBindingTarget(definition, file);
    if (target === null) return null;
    if (target.name === '*') {
      const module = parseProjectFile(target.file);
      return module && { node: module.program, file: target.file };
    }
    const found = exportedDefinition(target.file, target.name);
    return found && { node: found.node, file: found.file };
  }
  if (definition.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  const declarator = definition.node;
  const init = unwrap(declarator.init);
  if (!init) return null;
  // `const repo = require('./repo')` / `const { find } = require('./repo')`.
  // `require('./repo')` itself (not a member of it, which is another value).
  const required = init.type === AST_NODE_TYPES.CallExpression ? requiredModule(init) : null;
  if (required !== null) {
    const target = index.resolve(file, required);
    if (target === null) return null;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      const module = parseProjectFile(target);
      return module && { node: module.program, file: target };
    }
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of declarator.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        if (property.value.type === AST_NODE_TYPES.Identifier && property.value.name === identifier.name) {
          const found = exportedDefinition(target, propertyName(property.key) ?? '');
          return found && { node: found.node, file: found.file };
        }
      }
    }
    return null;
  }
  // `const { userService } = container`: a member of an object of this file or another.
  if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
    const holder = init.type === AST_NODE_TYPES.Identifier ? valueOf(init, sourceCode, file, steps + 1) : { node: init, file };
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || property.value.type !== AST_NODE_TYPES.Identifier) continue;
      if (property.value.name !== identifier.name) continue;
      const key = propertyName(property.key);
      return holder && key !== null ? memberValue(holder, key) : null;
    }
    return null;
  }
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  // `const users = importedUsers`: the alias's value.
  if (init.type === AST_NODE_TYPES.Identifier) return valueOf(init, sourceCode, file, steps + 1);
  return { node: init, file };
}

/**
 * A name the file uses without any binding: in the server code of a Nuxt or Nitro project, the
 * export of `server/utils` the build imports under that name. A JavaScript or Node.js global
 * (`fetch`, `URL`) stays what it is.
 */
function autoImportedValue(name: string, file: string): Definition | null {
  if (name in globalThis) return null;
  const found = projectIndexOf(file)?.autoImported(file, name);
  const definition = found ? exportedDefinition(found.file, found.name) : null;
  return definition && { node: definition.node, file: definition.file };
}

/** Type wrappers and `await` removed: `await new Repo(db)` is the `new`. */
function unwrap(node: TSESTree.Node | null | undefined): TSESTree.Node | null {
  let current = node ? unwrapTypes(node) : null;
  while (current?.type === AST_NODE_TYPES.AwaitExpression) current = unwrapTypes(current.argument);
  return current;
}

/** Classes of a project file's parse by the start of their range (see `projectCounterpart`). */
/**
 * The class of the project model's parse of `file` at the place of `node`, a class of the tree
 * ESLint lints: the file may have been parsed (for another file's question) before it was linted,
 * and the questions about its base class (`classOf`) are answered on the project's parse. `node`
 * itself when it is of that parse, or when the parse has no class there (see `inProjectParse`).
 */
function projectCounterpart(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, file: string): TSESTree.ClassDeclaration | TSESTree.ClassExpression {
  const module = parseProjectFile(file);
  return (module && inProjectParse(node, module)) ?? node;
}

const nodesByPlace = new WeakMap<TSESTree.Program, Map<string, TSESTree.Node>>();

/**
 * `node` as a node of the project model's parse of its file: itself when it is of that parse, or the
 * node of the same kind at the same place, when ESLint lints a file the project model had parsed
 * before (for another file's question) and keeps (`adoptLintedSource` keeps a fresh parse). Scopes
 * are read in the parse a node belongs to; without this, a question asked from the linted tree
 * (`ticketController(new TicketService(…))`, followed to what the factory returns) was answered
 * only when the file happened to be linted before any other file asked about it. Null when the
 * parse has no such node.
 */
function inProjectParse<T extends TSESTree.Node>(node: T, module: ProjectModule): T | null {
  if (module.program === rootOf(node)) return node;
  let places = nodesByPlace.get(module.program);
  if (!places) {
    const found = new Map<string, TSESTree.Node>();
    walk(module.program, (candidate) => {
      const key = `${String(candidate.range[0])}:${String(candidate.range[1])}:${candidate.type}`;
      if (!found.has(key)) found.set(key, candidate);
      return undefined;
    });
    nodesByPlace.set(module.program, (places = found));
  }
  return (places.get(`${String(node.range[0])}:${String(node.range[1])}:${node.type}`) as T | undefined) ?? null;
}

/** `require('x')` itself, called by its global name. */
function isRequireCall(node: TSESTree.CallExpression): boolean {
  return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'require' && node.arguments.length === 1;
}

function rootOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/** Importers of a function's or class's file searched for its calls (see `callsInView`). */
const MAX_CALLER_FILES = 24;

type CallSite = { call: TSESTree.CallExpression | TSESTree.NewExpression; file: string };

/** The calls of a parse by the name of their callee, and the calls of a module required inline (`require('./x')(deps)`). */
const callsByProgram = new WeakMap<TSESTree.Program, { byName: Map<string, (TSESTree.CallExpression | TSESTree.NewExpression)[]>; ofRequired: TSESTree.CallExpression[] }>();

function callsOf(program: TSESTree.Program): { byName: Map<string, (TSESTree.CallExpression | TSESTree.NewExpression)[]>; ofRequired: TSESTree.CallExpression[] } {
  let calls = callsByProgram.get(program);
  if (calls) return calls;
  calls = { byName: new Map(), ofRequired: [] };
  const found = calls;
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const callee = unwrapTypes(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const list = found.byName.get(callee.name);
      if (list) list.push(node);
      else found.byName.set(callee.name, [node]);
    } else if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.CallExpression && isRequireCall(callee)) {
      found.ofRequired.push(node);
    }
    return undefined;
  });
  callsByProgram.set(program, calls);
  return calls;
}

/** `namesImportedFrom` answers per parse, project version and imported file. */
const importedNames = new WeakMap<TSESTree.Program, Map<string, string[]>>();

/** The names a file binds to what `target` exports: its imports and top-level requires of that file. */
function namesImportedFrom(module: ProjectModule, file: string, target: string, index: ProjectIndex): string[] {
  let kept = importedNames.get(module.program);
  if (!kept) importedNames.set(module.program, (kept = new Map()));
  // Per project version too: an import may resolve differently once a file appears.
  const key = `${String(index.generation())}\0${target}`;
  const known = kept.get(key);
  if (known) return known;
  const names: string[] = [];
  kept.set(key, names);
  for (const statement of module.program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && typeof statement.source.value === 'string' && index.resolve(file, statement.source.value) === target) {
      for (const specifier of statement.specifiers) names.push(specifier.local.name);
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const required = declarator.init ? requiredModule(declarator.init) : null;
      if (required === null || index.resolve(file, required) !== target) continue;
      if (declarator.id.type === AST_NODE_TYPES.Identifier) names.push(declarator.id.name);
      if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
        for (const property of declarator.id.properties) if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) names.push(property.value.name);
      }
    }
  }
  return names;
}

const sameDefinition = (a: Definition | null, b: Definition): boolean => a !== null && a.file === b.file && a.node.range[0] === b.node.range[0] && a.node.range[1] === b.node.range[1];

/** The name a function or class is declared or bound under in its file, or null (an inline callback). */
function declaredName(node: TSESTree.Node): string | null {
  if ((node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression || node.type === AST_NODE_TYPES.FunctionExpression) && node.id) return node.id.name;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  return null;
}

/** Whether a function or class is its module's export (`export default`, `module.exports =`), so that importers may call it under any name. */
function exportedWhole(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration || parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator) return parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.left.type === AST_NODE_TYPES.MemberExpression;
}

/** `callsInView` answers per project version, by definition. */
const callAnswers = new WeakMap<ProjectIndex, { generation: number; answers: Map<string, { sites: readonly CallSite[] | null; dependencies: Dependencies }> }>();

/** Calls (or `new`s) of one function or class read per question: more are no answer. */
const MAX_CALL_SITES = 8;

/**
 * The calls (or `new`s) in view of a function or class of the project: in its own file, by the
 * name it is declared under, and in the files importing it (at most `MAX_CALLER_FILES`), by the
 * names they import it under or a `require` of its file called inline. Null when there are more
 * than `MAX_CALL_SITES`. Memoised per project version.
 */
function callsInView(target: Definition): readonly CallSite[] | null {
  const index = projectIndexOf(target.file);
  if (!index) return null;
  const generation = index.generation();
  let kept = callAnswers.get(index);
  if (kept?.generation !== generation) callAnswers.set(index, (kept = { generation, answers: new Map() }));
  const key = `${target.file}\0${String(target.node.range[0])}:${String(target.node.range[1])}`;
  let answer = kept.answers.get(key);
  // A call found in a parse of its file that the cache has since replaced with the linted file's own
  // tree (`inCurrentParse`) is looked for again: read against the file's current scopes, the old node
  // resolved nothing, and a handler reached through the one call of a factory was lost whenever a
  // file it reaches had been linted first.
  if (answer?.sites?.some((site) => !inCurrentParse(site.call, site.file))) answer = undefined;
  if (answer === undefined) {
    // Set first: a question met again while this one is answered (a recursion) has no answer.
    kept.answers.set(key, { sites: null, dependencies: emptyDependencies() });
    const { value, dependencies } = recordingDependencies(() => findCalls(target, index));
    kept.answers.set(key, (answer = { sites: value, dependencies }));
  } else {
    recordAll(answer.dependencies);
  }
  return answer.sites;
}

function findCalls(target: Definition, index: ProjectIndex): CallSite[] | null {
  const own = declaredName(target.node);
  const files = exportedWhole(target.node) || own !== null ? [target.file, ...index.importersOf(target.file).slice(0, MAX_CALLER_FILES)] : [];
  const found: CallSite[] = [];
  for (const file of files) {
    const module = parseProjectFile(file);
    if (!module) continue;
    const calls = callsOf(module.program);
    const names = file === target.file ? (own === null ? [] : [own]) : namesImportedFrom(module, file, target.file, index);
    const candidates = names.flatMap((name) => calls.byName.get(name) ?? []);
    for (const call of candidates) {
      const callee = unwrapTypes(call.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier) continue;
      let called = valueOf(callee, module.sourceCode, file, 0);
      if (called?.node.type === AST_NODE_TYPES.Program) called = exportedDefinition(called.file, '');
      if (!sameDefinition(called, target)) continue;
      if (found.length >= MAX_CALL_SITES) return null;
      found.push({ call, file });
    }
    if (file === target.file) continue;
    for (const call of calls.ofRequired) {
      const required = requiredModule(call.callee);
      if (required === null || index.resolve(file, required) !== target.file) continue;
      if (!sameDefinition(exportedDefinition(target.file, ''), target)) continue;
      if (found.length >= MAX_CALL_SITES) return null;
      found.push({ call, file });
    }
  }
  return found;
}

/**
 * Where parameter `name` of `fn` sits: the position of its parameter, and the property it is
 * destructured from (`({ monitors }) => …` is property `monitors` of the first argument), or null.
 */
function parameterPosition(fn: TSESTree.Node, name: TSESTree.Node): { index: number; key: string | null } | null {
  if (!('params' in fn) || !Array.isArray(fn.params)) return null;
  for (const [index, parameter] of (fn.params as TSESTree.Parameter[]).entries()) {
    let top: TSESTree.Node = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
    if (top.type === AST_NODE_TYPES.AssignmentPattern) top = top.left;
    if (top === name) return { index, key: null };
    if (top.type !== AST_NODE_TYPES.ObjectPattern) continue;
    for (const property of top.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (local === name) return { index, key: propertyName(property.key) };
    }
  }
  return null;
}

/**
 * What parameter `name` of `fn` (a function, or a class's constructor) is given at the calls in
 * view of the function (or `new`s of the class, in any file importing it): `invoiceRoutes(services)`
 * with `const services = buildServices()`, `new OrderController(orderDao, payments)`, as a receiver.
 * Null when there is no call, when the calls give different values, or when an argument is spread
 * or not a value read here.
 */
function givenArgument(fn: TSESTree.Node, name: TSESTree.Node, file: string, steps: number): Owner | null {
  if (steps >= MAX_STEPS) return null;
  const position = parameterPosition(fn, name);
  if (!position) return null;
  const constructor = fn.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor' ? fn.parent.parent.parent : null;
  const target = constructor ? { node: constructor, file } : { node: fn, file };
  const sites = callsInView(target);
  if (!sites || sites.length === 0) return null;
  // Several calls (two routers each building `new InvoiceController(invoiceService)`) are one answer
  // when they all give the same value; calls giving different ones are none: nothing is guessed.
  let agreed: Owner | null = null;
  for (const site of sites) {
    const given = givenAt(site, position, constructor !== null, steps);
    if (!given || (agreed && (agreed.kind !== given.kind || !sameDefinition(agreed, given)))) return null;
    agreed = given;
  }
  return agreed;
}

/** What one call gives the parameter at `position` (see `givenArgument`), or null. */
function givenAt(site: CallSite, position: { index: number; key: string | null }, constructs: boolean, steps: number): Owner | null {
  if ((site.call.type === AST_NODE_TYPES.NewExpression) !== constructs) return null;
  const argument = site.call.arguments[position.index];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  const module = parseProjectFile(site.file);
  const given = module && valueOwner(argument, module.sourceCode, site.file, steps + 1);
  if (!given || position.key === null) return given;
  const member = given.kind === 'value' ? memberValue(given, position.key) : null;
  return member && instanceOrValue(member);
}

/** A type no service object can have: a keyword (`string`, `number`, …), a literal, an array or a union of them. */
function isPrimitiveType(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSStringKeyword:
    case AST_NODE_TYPES.TSNumberKeyword:
    case AST_NODE_TYPES.TSBooleanKeyword:
    case AST_NODE_TYPES.TSBigIntKeyword:
    case AST_NODE_TYPES.TSSymbolKeyword:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSArrayType:
    case AST_NODE_TYPES.TSNullKeyword:
    case AST_NODE_TYPES.TSUndefinedKeyword:
      return true;
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every(isPrimitiveType);
    default:
      return false;
  }
}

/** The type annotation of a parameter or field, or null. */
function annotationOf(node: TSESTree.Node): TSESTree.TypeNode | null {
  const annotation = 'typeAnnotation' in node ? (node.typeAnnotation as TSESTree.TSTypeAnnotation | undefined) : undefined;
  return annotation?.typeAnnotation ?? null;
}

/**
 * A type naming what a project function returns: `ReturnType<typeof buildServices>`, under
 * `Awaited<…>`, or a type alias of this file or another that is one (`type Services =
 * ReturnType<typeof buildServices>`), as the receiver the function returns. Null otherwise.
 */
function returnTypeOwner(type: TSESTree.TypeNode, sourceCode: ScopeSource, file: string, steps: number): Owner | null {
  if (steps > MAX_STEPS || type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const name = type.typeName.name;
  const [first] = type.typeArguments?.params ?? [];
  if (name === 'Awaited' && first) return returnTypeOwner(first, sourceCode, file, steps + 1);
  if (name === 'ReturnType') {
    if (first?.type !== AST_NODE_TYPES.TSTypeQuery || first.exprName.type !== AST_NODE_TYPES.Identifier) return null;
    const fn = valueOf(first.exprName, sourceCode, file, steps);
    return fn && returnedOwner(fn);
  }
  const definition = findVariable(scopeOf(sourceCode, type.typeName), name)?.defs[0];
  if (!definition) return null;
  if (definition.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return returnTypeOwner(definition.node.typeAnnotation, sourceCode, file, steps + 1);
  if (definition.type !== 'ImportBinding') return null;
  const target = importBindingTarget(definition, file);
  const module = target && target.name !== '' && target.name !== '*' ? parseProjectFile(target.file) : null;
  if (!module || !target) return null;
  for (const statement of module.program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : null;
    if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === target.name) return returnTypeOwner(declaration.typeAnnotation, module.sourceCode, target.file, steps + 1);
  }
  return null;
}

/** The parameter `name` of a function, written plain or with a default (`dao`, `http = axios`), or null. */
function plainParameter(fn: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression, name: string): TSESTree.Identifier | null {
  for (const parameter of fn.params) {
    const local = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    if (local.type === AST_NODE_TYPES.Identifier && local.name === name) return local;
  }
  return null;
}
