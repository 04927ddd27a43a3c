import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  feathersAdapterModules,
  feathersAllMethods,
  feathersAuthenticateHook,
  feathersConditionalHooks,
  feathersGuardingPhases,
  feathersModules,
  feathersServiceMethods,
  feathersSignUpHook,
  type FeathersMethodName,
} from '../../../models/frameworks/feathers.js';
import { findVariable, isFunction, propertyName, singleDefinition, unwrap, type FunctionNode } from '../../../utils/ast.js';
import { projectIndexOf, type ProjectIndex } from '../../project/index.js';
import type { ProjectModule } from '../../project/parse.js';
import { joinPaths } from '../paths.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard, RouteHandler } from '../types.js';
import { callsOf, claim, constantValue, isLocalModule, makeGuard, methodCall, moduleExtractContext, moduleMember, staticText, type MethodCall } from './shared-ast.js';

/*
 * Feathers services (see `models/frameworks/feathers.ts`). A service is registered with
 * `app.use(path, service)`, whose second argument is an object with service methods: an object
 * literal, or an instance of a class (of this file, of another project file, or of a database
 * adapter). Express takes no object there, so the call itself is evidence; the file must also be a
 * Feathers file: it imports a Feathers package, or a file that does imports it (two files up at
 * most: `app.configure(messages)` in `app.js`, `app.use` in `messages.service.js`).
 *
 * Each method of a registered service is a route (its REST call) and a handler (its parameters
 * carry the client's id, data and query). The hooks that guard a route are those of the service's
 * `hooks({ before, around })` and of the app's `hooks(…)`, in this file; a hooks object may be
 * imported from another project file (`*.hooks.js`), whose hooks the auth judge follows there.
 *
 * A class of a file that registers none of its services is still a service when another project
 * file registers an instance of it: its methods are handlers, judged in its own file (the routes,
 * with their hooks, are reported where the registration is).
 */

const METHODS: Readonly<Record<string, (typeof feathersServiceMethods)[FeathersMethodName]>> = feathersServiceMethods;
const isServiceMethod = (name: string | null): name is FeathersMethodName => name !== null && Object.hasOwn(METHODS, name);
const FEATHERS = new Set<string>(feathersModules);
const ADAPTERS = new Set<string>(feathersAdapterModules);
const isPackage = (set: ReadonlySet<string>, module: string): boolean => set.has(module) || [...set].some((name) => module.startsWith(`${name}/`));

/** How many files up a Feathers import is looked for. */
const MAX_FILE_DEPTH = 2;
/** Importers read per question. */
const MAX_IMPORTERS = 16;

export const feathersExtractor: FrameworkExtractor = {
  framework: 'feathers',
  extract(context) {
    return new FeathersExtraction(context).run();
  },
};

/** A service object: its methods, with their function when it is written in view. */
interface Service {
  methods: Map<FeathersMethodName, FunctionNode | null>;
  /** The file the methods are written in, when not the linted one. */
  file: string | null;
}

/** A hooks object, in this file or another one. */
interface Hooks {
  object: TSESTree.ObjectExpression;
  /** The extraction context of the file it is written in. */
  context: ExtractContext;
  level: RouteGuard['level'];
}

class FeathersExtraction {
  readonly #context: ExtractContext;
  #feathers: boolean | undefined;

  constructor(context: ExtractContext) {
    this.#context = context;
  }

  run(): { routes: Route[]; handlers: RouteHandler[] } {
    const routes: Route[] = [];
    const handlers: RouteHandler[] = [];
    const calls = callsOf(this.#context.program);
    const registrations: { call: MethodCall; path: string; service: Service }[] = [];
    for (const call of calls) {
      const parsed = methodCall(call);
      if (parsed?.method !== 'use' || this.#context.claimed.has(call) || call.arguments.length < 2) continue;
      const [pathNode, serviceNode] = call.arguments;
      if (!pathNode || !serviceNode || serviceNode.type === AST_NODE_TYPES.SpreadElement) continue;
      const service = serviceOf(serviceNode, this.#context);
      if (!service) continue;
      const servicePath = staticText(pathNode, this.#context);
      if (servicePath === null || !this.#isFeathersFile()) continue;
      claim(this.#context, call);
      registrations.push({ call: parsed, path: servicePath, service });
    }
    if (registrations.length > 0) {
      const hooks = this.#hooks(calls);
      for (const registration of registrations) routes.push(...this.#routes(registration, hooks));
    }
    for (const route of routes) if (route.handler?.fn) handlers.push(route.handler);
    // Services of this file registered by another one: handlers only.
    for (const [fn, style] of registeredElsewhere(this.#context)) {
      if (this.#context.claimed.has(fn) || handlers.some((handler) => handler.fn === fn)) continue;
      claim(this.#context, fn);
      handlers.push({ node: fn, fn, style });
    }
    return { routes, handlers };
  }

  #isFeathersFile(): boolean {
    this.#feathers ??= importsFeathers(this.#context) || reachedFromFeathers(this.#context.filename);
    return this.#feathers;
  }

  /** Hooks objects by normalised service path; `''` holds the app's own hooks. */
  #hooks(calls: readonly TSESTree.CallExpression[]): Map<string, Hooks[]> {
    const found = new Map<string, Hooks[]>();
    for (const call of calls) {
      const parsed = methodCall(call);
      if (parsed?.method !== 'hooks' || call.arguments.length !== 1) continue;
      const argument = call.arguments[0];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      const target = servicePathOf(parsed.object, this.#context);
      const key = target === undefined ? '' : target;
      if (key === null) continue;
      const hooks = hooksObject(argument, this.#context, key === '' ? 'app' : 'route');
      if (!hooks) continue;
      const list = found.get(key) ?? [];
      list.push(hooks);
      found.set(key, list);
    }
    return found;
  }

  #routes(registration: { call: MethodCall; path: string; service: Service }, hooks: ReadonlyMap<string, Hooks[]>): Route[] {
    const base = joinPaths('/', registration.path) ?? `/${registration.path}`;
    const own = [...(hooks.get('') ?? []), ...(hooks.get(normalise(registration.path)) ?? [])];
    const routes: Route[] = [];
    for (const [name, fn] of registration.service.methods) {
      const model = METHODS[name];
      if (!model) continue;
      const guards: RouteGuard[] = [];
      let reportNode: TSESTree.Node | null = null;
      if (own.some((entry) => hookEntries(entry, name).elements.some((element) => refusesClients(element, entry.context)))) continue;
      for (const entry of own) {
        const read = hookEntries(entry, name);
        guards.push(...read.elements.flatMap((element) => guardsOf(element, entry, this.#context, registration.call.call)));
        const signUp = (feathersSignUpHook.methods as readonly string[]).includes(name) ? read.elements.find((element) => isLibraryCall(element, entry.context, feathersSignUpHook)) : undefined;
        // A sign-up, public by design (see `feathersSignUpHook`).
        if (signUp) guards.push({ kind: 'hook', name: 'hashPassword', node: entry.context === this.#context ? signUp : registration.call.call, fn: null, level: 'route', verdict: 'public' });
        if (entry.context === this.#context && entry.level === 'route') reportNode ??= read.property;
      }
      routes.push({
        framework: 'feathers',
        methods: [model.http],
        path: model.withId ? (joinPaths(base, '/:id') ?? `${base}/:id`) : base,
        reportNode: reportNode ?? registration.call.call,
        handler: fn && registration.service.file === null ? { node: fn, fn, style: model.style } : null,
        guards,
        insertBefore: null,
        owner: null,
      });
      if (fn && registration.service.file === null) claim(this.#context, fn);
    }
    return routes;
  }
}

const normalise = (servicePath: string): string => servicePath.replace(/^\/+|\/+$/gu, '');

/** `app.service('messages')` (or a constant holding it): the path; undefined when the receiver is no service (the app itself); null when unreadable. */
function servicePathOf(receiver: TSESTree.Node, context: ExtractContext): string | null | undefined {
  let target = unwrap(receiver);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const value = unwrap(constantValue(target, context));
    if (value.type === AST_NODE_TYPES.CallExpression) target = value;
  }
  const parsed = methodCall(target);
  if (parsed?.method !== 'service') return undefined;
  const argument = parsed.call.arguments[0];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  const text = staticText(argument, context);
  return text === null ? null : normalise(text);
}

/** The hooks object an argument of `hooks(…)` is: written here, held by a constant, or exported by a project file. */
function hooksObject(node: TSESTree.Node, context: ExtractContext, level: RouteGuard['level']): Hooks | null {
  const value = unwrap(constantValue(node, context));
  if (value.type === AST_NODE_TYPES.ObjectExpression) return { object: value, context, level };
  const member = moduleMember(value, context);
  if (!member || !isLocalModule(member.module)) return null;
  const other = projectModule(context, member.module);
  if (!other) return null;
  const exported = exportsOf(other.context.program, other.context).get(member.path[0] ?? 'default');
  const object = exported ? unwrap(constantValue(exported, other.context)) : null;
  return object?.type === AST_NODE_TYPES.ObjectExpression ? { object, context: other.context, level } : null;
}

/** The hooks a hooks object runs before `method`: `all` and the method's own, of each guarding phase; and the property where the method's own are listed. */
function hookEntries(hooks: Hooks, method: FeathersMethodName): { elements: TSESTree.Node[]; property: TSESTree.Node | null } {
  const elements: TSESTree.Node[] = [];
  let property: TSESTree.Node | null = null;
  const read = (object: TSESTree.ObjectExpression): void => {
    for (const key of [feathersAllMethods, method]) {
      const entry = propertyNamed(object, key);
      if (!entry) continue;
      if (key === method) property ??= entry;
      const list = unwrap(constantValue(entry.value, hooks.context));
      if (list.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of list.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) elements.push(element);
      } else elements.push(entry.value);
    }
  };
  for (const phase of feathersGuardingPhases) {
    const entry = propertyNamed(hooks.object, phase);
    const object = entry ? unwrap(constantValue(entry.value, hooks.context)) : null;
    if (object?.type === AST_NODE_TYPES.ObjectExpression) read(object);
  }
  // Feathers 5: `hooks({ find: [...] })`, method keys at the top, are around hooks.
  read(hooks.object);
  return { elements, property };
}

function propertyNamed(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === name) return property;
  }
  return null;
}

/**
 * The guards one hook element stands for: itself; the hooks a conditional runs for every external
 * call (`iff(isProvider('external'), authenticate('jwt'))`); none for another conditional. A hook
 * of another file is followed there by the auth judge (`declaredIn`), reported at the registration.
 */
function guardsOf(element: TSESTree.Node, hooks: Hooks, linted: ExtractContext, registration: TSESTree.Node): RouteGuard[] {
  const value = unwrap(element);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const member = moduleMember(value.callee, hooks.context);
    const conditional: readonly string[] = feathersConditionalHooks.conditional;
    const modules: readonly string[] = feathersConditionalHooks.modules;
    if (member && modules.includes(member.module) && member.path.length === 1 && conditional.includes(member.path[0] ?? '')) {
      const [predicate, ...rest] = value.arguments;
      if (!predicate || !externalPredicate(predicate, hooks.context)) return [];
      return rest.flatMap((inner) => (inner.type === AST_NODE_TYPES.SpreadElement ? [] : guardsOf(inner, hooks, linted, registration)));
    }
  }
  // No guard (not a `public` verdict, which would make the route public by design): it turns nobody away.
  if (admitsAnonymous(value, hooks.context)) return [];
  if (hooks.context === linted) return [makeGuard(element, linted, 'hook', hooks.level)];
  const guard = makeGuard(element, hooks.context, 'hook', hooks.level);
  return [{ ...guard, node: registration, fn: null, declaredIn: { node: element, scopeOf: hooks.context.scopeOf, file: hooks.context.filename } }];
}

/** A call of an export of a package: `hashPassword('password')` of @feathersjs/authentication-local. */
function isLibraryCall(node: TSESTree.Node, context: ExtractContext, model: { module: string; paths: readonly (readonly string[])[] }): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const member = moduleMember(value.callee, context);
  return member?.module === model.module && model.paths.some((path) => path.join('.') === member.path.join('.'));
}

/** `authenticate('jwt', 'anonymous')`: the authenticate hook given a strategy that admits anonymous calls. */
function admitsAnonymous(value: TSESTree.Node, context: ExtractContext): boolean {
  if (value.type !== AST_NODE_TYPES.CallExpression || !isLibraryCall(value, context, feathersAuthenticateHook)) return false;
  const anonymous: readonly string[] = feathersAuthenticateHook.anonymousStrategies;
  return value.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && anonymous.includes(staticText(argument, context) ?? ''));
}

/** `disallow()`, `disallow('external')` of feathers-hooks-common: no client call reaches the method. */
function refusesClients(node: TSESTree.Node, context: ExtractContext): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const member = moduleMember(value.callee, context);
  const modules: readonly string[] = feathersConditionalHooks.modules;
  if (!member || !modules.includes(member.module) || member.path.join('.') !== feathersConditionalHooks.disallow.name) return false;
  if (value.arguments.length === 0) return true;
  const external: readonly string[] = feathersConditionalHooks.disallow.external;
  return value.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && external.includes(staticText(argument, context) ?? ''));
}

/** `isProvider('external')`: a predicate every client call passes. */
function externalPredicate(node: TSESTree.Node, context: ExtractContext): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const member = moduleMember(value.callee, context);
  const modules: readonly string[] = feathersConditionalHooks.modules;
  if (!member || !modules.includes(member.module)) return false;
  const argument = value.arguments[0];
  const text = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? staticText(argument, context) : null;
  return feathersConditionalHooks.externalPredicates.some((predicate) => member.path[0] === predicate.name && text === predicate.argument);
}

// -------------------------------------------------------------------------------------------------
// Service objects

/** The service an argument of `use(path, …)` is, or null when it has no service method. */
function serviceOf(node: TSESTree.Node, context: ExtractContext): Service | null {
  const value = unwrap(constantValue(node, context));
  if (value.type === AST_NODE_TYPES.ObjectExpression) return withMethods(objectMethods(value), null);
  if (value.type !== AST_NODE_TYPES.NewExpression) return null;
  const callee = unwrap(value.callee);
  const own = classOf(callee, context);
  if (own) return withMethods(classMethods(own, context), null);
  const member = moduleMember(callee, context);
  if (!member) return null;
  if (isPackage(ADAPTERS, member.module)) return withMethods(allMethods(), null);
  if (!isLocalModule(member.module)) return null;
  const other = projectModule(context, member.module);
  const exported = other ? exportsOf(other.context.program, other.context).get(member.path[0] ?? 'default') : undefined;
  const declared = exported && other ? classOf(exported, other.context) : null;
  return declared && other ? withMethods(classMethods(declared, other.context), other.context.filename) : null;
}

function withMethods(methods: Map<FeathersMethodName, FunctionNode | null>, file: string | null): Service | null {
  return methods.size > 0 ? { methods, file } : null;
}

const allMethods = (): Map<FeathersMethodName, FunctionNode | null> => new Map(Object.keys(feathersServiceMethods).map((name) => [name as FeathersMethodName, null]));

function objectMethods(object: TSESTree.ObjectExpression): Map<FeathersMethodName, FunctionNode | null> {
  const methods = new Map<FeathersMethodName, FunctionNode | null>();
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const name = propertyName(property.key);
    const value = unwrap(property.value);
    if (isServiceMethod(name) && isFunction(value)) methods.set(name, value);
  }
  return methods;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The class a name refers to in this file. */
function classOf(node: TSESTree.Node, context: ExtractContext): ClassNode | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression) return value;
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(context.scopeOf(value), value.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.type === 'ClassName') return definition.node as ClassNode;
  if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = unwrap(definition.node.init);
    if (init.type === AST_NODE_TYPES.ClassExpression) return init;
  }
  return null;
}

/**
 * The service methods of a class: its own, and every method when it extends a database adapter's
 * service (whose methods it does not override have no function in view). A class of this file it
 * extends adds its methods, one level up.
 */
function classMethods(node: ClassNode, context: ExtractContext, depth = 0): Map<FeathersMethodName, FunctionNode | null> {
  const methods = new Map<FeathersMethodName, FunctionNode | null>();
  const superClass = node.superClass ? unwrap(node.superClass) : null;
  if (superClass) {
    const member = moduleMember(superClass, context);
    if (member && isPackage(ADAPTERS, member.module)) for (const name of allMethods().keys()) methods.set(name, null);
    const parent = depth < 2 ? classOf(superClass, context) : null;
    if (parent) for (const [name, fn] of classMethods(parent, context, depth + 1)) methods.set(name, fn);
  }
  for (const element of node.body.body) {
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'method' || element.static || element.computed) continue;
    const name = propertyName(element.key);
    if (isServiceMethod(name) && element.value.type === AST_NODE_TYPES.FunctionExpression) methods.set(name, element.value);
  }
  return methods;
}

// -------------------------------------------------------------------------------------------------
// Other files

/** Values a file exports, by export name (`default` for the module itself). */
function exportsOf(program: TSESTree.Program, context: ExtractContext): Map<string, TSESTree.Node> {
  const exports = new Map<string, TSESTree.Node>();
  const object = (value: TSESTree.Node): void => {
    const target = unwrap(constantValue(value, context));
    if (target.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const property of target.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const name = propertyName(property.key);
      if (name !== null && !exports.has(name)) exports.set(name, property.value);
    }
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) exports.set('default', statement.declaration);
    else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.source) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id) exports.set(declaration.id.name, declaration);
      else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) exports.set(declarator.id.name, declarator.init);
      }
      for (const specifier of statement.specifiers) {
        const exported = propertyName(specifier.exported);
        if (exported !== null && specifier.local.type === AST_NODE_TYPES.Identifier) exports.set(exported, specifier.local);
      }
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = unwrap(statement.expression);
      if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
      const left = unwrap(expression.left);
      if (left.type !== AST_NODE_TYPES.MemberExpression || left.computed) continue;
      const base = unwrap(left.object);
      const name = propertyName(left.property);
      if (base.type === AST_NODE_TYPES.Identifier && base.name === 'module' && name === 'exports') {
        exports.set('default', expression.right);
        object(expression.right);
      } else if (name !== null && ((base.type === AST_NODE_TYPES.Identifier && base.name === 'exports') || (base.type === AST_NODE_TYPES.MemberExpression && propertyName(base.property) === 'exports'))) {
        exports.set(name, expression.right);
      }
    }
  }
  return exports;
}

/** A project file an import of this file names, with its extraction context. */
function projectModule(context: ExtractContext, specifier: string): { module: ProjectModule; context: ExtractContext } | null {
  const project = projectIndexOf(context.filename);
  const file = project?.resolve(path.resolve(context.filename), specifier) ?? null;
  const module = file === null ? null : project?.module(file);
  return module ? { module, context: moduleExtractContext(module, context) } : null;
}

function importsFeathers(context: ExtractContext): boolean {
  for (const module of context.imports) if (isPackage(FEATHERS, module)) return true;
  return false;
}

/** A file that imports this one, or one of its importers (within the depth), imports a Feathers package. */
function reachedFromFeathers(filename: string): boolean {
  const project = projectIndexOf(filename);
  if (!project) return false;
  return project.importersOf(path.resolve(filename)).slice(0, MAX_IMPORTERS).some((importer) => reaches(importer, 1, project));
}

function reaches(file: string, depth: number, project: ProjectIndex): boolean {
  if (project.importsOf(file).some((entry) => entry.file === null && isPackage(FEATHERS, entry.specifier))) return true;
  if (depth >= MAX_FILE_DEPTH) return false;
  return project.importersOf(file).slice(0, MAX_IMPORTERS).some((importer) => reaches(importer, depth + 1, project));
}

/**
 * The methods of this file's exported service classes that a Feathers file of the project
 * registers (`app.use('/tickets', new TicketService())` with the class imported from here), with
 * their styles.
 */
function registeredElsewhere(context: ExtractContext): Map<FunctionNode, RouteHandler['style']> {
  const found = new Map<FunctionNode, RouteHandler['style']>();
  const classes = new Map<string, ClassNode>();
  for (const [name, value] of exportsOf(context.program, context)) {
    const declared = classOf(value, context);
    if (declared && [...classMethods(declared, context).values()].some((fn) => fn !== null)) classes.set(name, declared);
  }
  if (classes.size === 0) return found;
  const project = projectIndexOf(context.filename);
  if (!project) return found;
  const file = path.resolve(context.filename);
  for (const importer of project.importersOf(file).slice(0, MAX_IMPORTERS)) {
    const module = project.module(importer);
    if (!module) continue;
    const other = moduleExtractContext(module, context);
    let registers = false;
    for (const call of callsOf(module.program)) {
      const parsed = methodCall(call);
      const argument = call.arguments[1];
      if (parsed?.method !== 'use' || !argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      const value = unwrap(constantValue(argument, other));
      if (value.type !== AST_NODE_TYPES.NewExpression) continue;
      const member = moduleMember(value.callee, other);
      if (!member || !isLocalModule(member.module) || project.resolve(importer, member.module) !== file) continue;
      const declared = classes.get(member.path[0] ?? 'default');
      if (!declared) continue;
      if (!registers && !(importsFeathers(other) || reaches(importer, 1, project) || reachedFromFeathers(importer))) break;
      registers = true;
      for (const [name, fn] of classMethods(declared, context)) if (fn) found.set(fn, METHODS[name]?.style ?? 'feathers-find');
    }
  }
  return found;
}
