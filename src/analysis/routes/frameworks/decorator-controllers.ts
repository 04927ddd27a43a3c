import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  decoratorControllerModel,
  decoratorControllers,
  middlewareClassMethods,
  type AuthDecorator,
  type DecoratorControllerModel,
} from '../../../models/frameworks/decorator-controllers.js';
import { dottedName, findVariable, importSource, isFunction, memberKeyName, nodesOfType, propertyName, resolveFunction, singleDefinition, staticString, unwrap, type FunctionNode, type Scope, scopeOf, scopeLookup } from '../../../utils/ast.js';
import { candidateFiles } from '../../project/candidates.js';
import { projectIndexOf } from '../../project/index.js';
import { fileOfNode, parseProjectFile, type ProjectModule } from '../../project/parse.js';
import { resolveRelativeImport } from '../../project/imported.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard } from '../types.js';
import { compiledDecoratorsOf, decoratorArguments, decoratorSource } from './compiled-decorators.js';
import { isLocalModule } from './shared-ast.js';

/*
 * Controllers of the decorator frameworks of `models/frameworks/decorator-controllers.ts`
 * (routing-controllers, tsoa, inversify-express-utils, OvernightJS, Ts.ED, LoopBack 4): a class decorated as a
 * controller (for LoopBack, any class), whose methods decorated with a route decorator are routes. Decorators are recognised
 * by the package they are imported from, written or compiled (`__decorate([...])`). Authentication
 * is judged by evidence: `@Authorized()` by the `authorizationChecker` the server is created with,
 * `@Security('jwt')` by the project's `expressAuthentication`, middleware by its definition.
 */

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type ScopeOf = (node: TSESTree.Node) => Scope;

/** A decorator of a framework of the table: the model and the name the package exports it under. */
export interface DecoratorOrigin {
  model: DecoratorControllerModel;
  name: string;
}

const MAX_BARREL_HOPS = 3;

/**
 * The framework decorator an expression is (`@Get('/x')`, `@rc.Get()`, `(0, routing_controllers_1.Get)('/x')`,
 * or a name a project barrel re-exports from the package), or null.
 */
export function decoratorOrigin(expression: TSESTree.Node, scopeOf: ScopeOf): DecoratorOrigin | null {
  const source = decoratorSource(expression, scopeOf) ?? memberOfImport(expression, scopeOf);
  if (source === null) return null;
  const model = decoratorControllerModel(source.module);
  if (model) return { model, name: source.name };
  if (!isLocalModule(source.module)) return null;
  const file = fileOfNode(expression);
  return file === undefined ? null : barrelOrigin(file, source.module, source.name, 0);
}

/**
 * A decorator that is a member of a named import (`@param.path.string('id')`, `@authenticate.skip()`
 * of LoopBack): the import's name followed by the members, `param.path.string`.
 */
function memberOfImport(expression: TSESTree.Node, scopeOf: ScopeOf): { module: string; name: string } | null {
  let target = unwrap(expression);
  if (target.type === AST_NODE_TYPES.CallExpression) target = unwrap(target.callee);
  const members: string[] = [];
  while (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && members.length < 4) {
    const name = propertyName(target.property);
    if (name === null) return null;
    members.unshift(name);
    target = unwrap(target.object);
  }
  if (members.length === 0 || target.type !== AST_NODE_TYPES.Identifier) return null;
  const source = importSource(scopeOf(target), target.name);
  return source?.imported == null ? null : { module: source.module, name: [source.imported, ...members].join('.') };
}

/** A name that a project module re-exports from a package of the table (`export { Get } from 'routing-controllers'`, `export *`). */
function barrelOrigin(fromFile: string, specifier: string, name: string, hops: number): DecoratorOrigin | null {
  if (hops > MAX_BARREL_HOPS) return null;
  const index = projectIndexOf(fromFile);
  const file = index ? index.resolve(fromFile, specifier) : resolveRelativeImport(fromFile, specifier);
  const module = file === null ? null : parseProjectFile(file);
  if (!module || file === null) return null;
  for (const statement of module.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && statement.exported === null) {
      const from = statement.source.value;
      const model = decoratorControllerModel(from);
      if (model) return { model, name };
      if (isLocalModule(from)) {
        const found = barrelOrigin(file, from, name, hops + 1);
        if (found) return found;
      }
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.declaration) continue;
    for (const specifier of statement.specifiers) {
      if (propertyName(specifier.exported) !== name) continue;
      const local = propertyName(specifier.local) ?? name;
      if (statement.source) {
        const model = decoratorControllerModel(statement.source.value);
        if (model) return { model, name: local };
        return isLocalModule(statement.source.value) ? barrelOrigin(file, statement.source.value, local, hops + 1) : null;
      }
      // `import { Get } from 'routing-controllers'; export { Get };`
      const imported = importSource(scopeOf(module.sourceCode, specifier), local);
      const model = imported?.imported == null ? undefined : decoratorControllerModel(imported.module);
      if (model && imported?.imported != null) return { model, name: imported.imported };
      return imported && isLocalModule(imported.module) && imported.imported !== null ? barrelOrigin(file, imported.module, imported.imported, hops + 1) : null;
    }
  }
  return null;
}

export const decoratorControllersExtractor: FrameworkExtractor = {
  // Each route names its own framework; this one stands for the table.
  framework: 'routing-controllers',
  extract(context) {
    const imported = [...context.imports];
    const direct = imported.some((module) => decoratorControllerModel(module) !== undefined);
    // Through a project barrel only: a file without a decorator or a compiled `__decorate` has no controller.
    if (!direct && (!imported.some(isLocalModule) || !/@\w|_decorate\b/u.test(context.sourceCode.text))) return {};
    const compiled = compiledDecoratorsOf(context.program, context.scopeOf);
    const classes = nodesOfType(context.program, AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression);
    const routes: Route[] = [];
    const auth = new AuthEvidence(context);
    for (const classNode of classes) {
      const classDecorators = decoratorsOf(classNode.decorators, compiled.classes.get(classNode));
      let controller: { origin: DecoratorOrigin; expression: TSESTree.Node } | null = null;
      for (const expression of classDecorators) {
        const origin = decoratorOrigin(expression, context.scopeOf);
        if (origin && Object.hasOwn(origin.model.controllers, origin.name)) {
          controller = { origin, expression };
          break;
        }
      }
      // LoopBack controllers are plain classes: a route decorator of a method makes one.
      const model = controller?.origin.model ?? controllerlessModel(classNode, compiled, context.scopeOf);
      if (!model) continue;
      const prefix = controller ? pathArgument(controller.expression, model.controllers[controller.origin.name]!.path, context.scopeOf) : '';
      const classGuards = guardsOf(classDecorators, model, 'class', context, auth);
      for (const member of classNode.body.body) {
        if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method' || member.static) continue;
        if (member.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
        const handler = member.value;
        const methodDecorators = decoratorsOf(member.decorators, compiled.methods.get(handler)?.decorators);
        const methodGuards = guardsOf(methodDecorators, model, 'route', context, auth);
        const userGuards = requiredUserGuards(handler, model, context, auth);
        for (const expression of methodDecorators) {
          const origin = decoratorOrigin(expression, context.scopeOf);
          if (origin?.model !== model || !Object.hasOwn(model.routes, origin.name)) continue;
          const mapping = model.routes[origin.name]!;
          const method = mapping.method === 'ARGUMENT' ? methodArgument(expression, context.scopeOf) : mapping.method;
          if (method === null) continue;
          const routePath = pathArgument(expression, mapping.path, context.scopeOf);
          const reportNode = expression.parent?.type === AST_NODE_TYPES.Decorator ? expression.parent : expression;
          context.claimed.add(reportNode);
          context.claimed.add(expression);
          context.claimed.add(handler);
          routes.push({
            framework: model.framework,
            methods: [method],
            path: prefix === null || routePath === null ? null : joinPaths(prefix, routePath, model.bracePathParameters),
            reportNode,
            handler: { node: handler, fn: handler, style: model.plainHandlers ? 'express' : 'nest' },
            guards: [...classGuards, ...methodGuards, ...userGuards],
            insertBefore: null,
            owner: null,
          });
        }
      }
    }
    return { routes };
  },
};

/** The model of a framework whose controllers need no class decorator, when a method of the class has one of its route decorators. */
function controllerlessModel(classNode: ClassNode, compiled: ReturnType<typeof compiledDecoratorsOf>, scopeOf: ScopeOf): DecoratorControllerModel | null {
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
    for (const expression of decoratorsOf(member.decorators, compiled.methods.get(member.value)?.decorators)) {
      const origin = decoratorOrigin(expression, scopeOf);
      if (origin?.model.controllerOptional === true && Object.hasOwn(origin.model.routes, origin.name)) return origin.model;
    }
  }
  return null;
}

/** Written decorators' expressions, or the compiled ones when the class or method has none written. */
function decoratorsOf(written: readonly TSESTree.Decorator[] | undefined, compiled: readonly TSESTree.Node[] | undefined): TSESTree.Node[] {
  const expressions = (written ?? []).map((decorator) => decorator.expression);
  return expressions.length > 0 ? expressions : [...(compiled ?? [])];
}

/** The static path at argument `index` of a decorator: `''` without one, null when not static. */
function pathArgument(expression: TSESTree.Node, index: number, scopeOf: ScopeOf): string | null {
  const argument = decoratorArguments(expression)[index];
  if (!argument) return '';
  const value = unwrap(argument);
  // `@controller('/x', auth)`: middleware after the path; `@Get()` of inversify has a path first.
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return '';
  if (value.type === AST_NODE_TYPES.Literal && value.value instanceof RegExp) return null;
  return staticString(value, scopeOf(value));
}

/** `@Method('post', '/x')`, `@httpMethod('post', '/x')`: the method is the first argument. */
function methodArgument(expression: TSESTree.Node, scopeOf: ScopeOf): string | null {
  const argument = decoratorArguments(expression)[0];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  const method = staticString(argument, scopeOf(argument));
  return method === null ? null : method.toUpperCase();
}

/** Joins a controller prefix and a route path; tsoa's `{id}` is written `:id`. */
function joinPaths(prefix: string, routePath: string, braces: boolean): string {
  const segments = [prefix, routePath].flatMap((part) => part.split('/')).filter((segment) => segment !== '');
  const joined = `/${segments.join('/')}`;
  return braces ? joined.replace(/\{(\w+)\}/gu, ':$1') : joined;
}

/** Middleware and authentication decorators of a class or method, as guards. */
function guardsOf(decorators: readonly TSESTree.Node[], model: DecoratorControllerModel, level: 'class' | 'route', context: ExtractContext, auth: AuthEvidence): RouteGuard[] {
  const guards: RouteGuard[] = [];
  for (const expression of decorators) {
    const origin = decoratorOrigin(expression, context.scopeOf);
    if (origin?.model !== model) continue;
    const middleware = Object.hasOwn(model.middleware, origin.name) ? model.middleware[origin.name] : undefined;
    if (middleware) {
      for (const argument of decoratorArguments(expression).slice(middleware.from)) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const value = unwrap(argument);
        const items = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
        for (const item of items) {
          if (item === null || item.type === AST_NODE_TYPES.SpreadElement) continue;
          guards.push(middlewareGuard(item, level, context));
        }
      }
    }
    const declared = Object.hasOwn(model.auth, origin.name) ? model.auth[origin.name] : undefined;
    if (declared) guards.push(auth.guard(declared, origin.name, expression, level));
  }
  return guards;
}

/**
 * Middleware as written (`auth`, `AuthMiddleware`, `TYPES.AuthMiddleware`): a function of this file
 * is judged by its body, a class by its `use` / `handler` method (routing-controllers'
 * `ExpressMiddlewareInterface`, inversify's `BaseMiddleware`), a DI symbol by the class the
 * project binds to it; anything else is followed by the auth judge from its import.
 */
function middlewareGuard(node: TSESTree.Node, level: 'class' | 'route', context: ExtractContext): RouteGuard {
  const name = dottedName(node);
  const scope = context.scopeOf(node);
  const fn = resolveFunction(node, scope) ?? middlewareMethod(node, scope);
  const guard: RouteGuard = { kind: 'middleware', name, node, fn, level };
  if (fn === null && node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
    const bound = boundClass(propertyName(node.property), context);
    if (bound) guard.declaredIn = bound;
  }
  return guard;
}

/** The `use` or `handler` method of a middleware class of this file named by `node`. */
function middlewareMethod(node: TSESTree.Node, scope: Scope): FunctionNode | null {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression) target = unwrap(target.callee);
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scope, target.name);
  const definition = variable ? singleDefinition(variable) : null;
  const classNode = definition?.node.type === AST_NODE_TYPES.ClassDeclaration ? definition.node : null;
  return classNode ? classMiddlewareMethod(classNode) : null;
}

function classMiddlewareMethod(classNode: ClassNode): FunctionNode | null {
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && isFunction(member.value) && middlewareClassMethods.includes(memberKeyName(member) ?? '')) return member.value;
  }
  return null;
}

/**
 * The class an inversify container binds to the symbol `TYPES.<name>` (`bind(TYPES.Auth).to(AuthMiddleware)`),
 * in this file or a file of the project that imports inversify, as where the auth judge finds it.
 */
function boundClass(symbol: string | null, context: ExtractContext): RouteGuard['declaredIn'] | null {
  if (symbol === null) return null;
  const search = (program: TSESTree.Program, scopeOf: ScopeOf, file: string): RouteGuard['declaredIn'] | null => {
    for (const call of nodesOfType(program, AST_NODE_TYPES.CallExpression)) {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee.property) !== 'to') continue;
      const binding = unwrap(callee.object);
      if (binding.type !== AST_NODE_TYPES.CallExpression) continue;
      const bindCallee = unwrap(binding.callee);
      const bindName = bindCallee.type === AST_NODE_TYPES.MemberExpression ? propertyName(bindCallee.property) : bindCallee.type === AST_NODE_TYPES.Identifier ? bindCallee.name : null;
      const key = binding.arguments[0];
      if (bindName !== 'bind' || !key || key.type !== AST_NODE_TYPES.MemberExpression || propertyName(key.property) !== symbol) continue;
      const target = call.arguments[0];
      if (target && target.type !== AST_NODE_TYPES.SpreadElement) return { node: target, scopeOf, file };
    }
    return null;
  };
  const here = search(context.program, context.scopeOf, context.filename);
  if (here) return here;
  for (const module of projectModules(context.filename, 'inversify-bindings', (imports) => imports.includes('inversify'))) {
    const found = search(module.program, (node) => scopeOf(module.sourceCode, node), module.file);
    if (found) return found;
  }
  return null;
}

/** Parsed files of the linted file's project (not itself, not tests) whose imports `accept` takes. */
function projectModules(filename: string, key: string, accept: (imports: readonly string[], base: string) => boolean): ProjectModule[] {
  const index = projectIndexOf(filename);
  if (index === null) return [];
  const linted = path.resolve(filename);
  const modules: ProjectModule[] = [];
  for (const file of candidateFiles(index, key, (candidate, base) => accept(index.importsOf(candidate).map((entry) => entry.specifier), base))) {
    if (file === linted) continue;
    const module = index.module(file);
    if (module) modules.push(module);
  }
  return modules;
}

/**
 * `@CurrentUser({ required: true })` on a parameter: routing-controllers answers 401 when the
 * `currentUserChecker` finds no user, so that checker is judged like `@Authorized()`'s.
 */
function requiredUserGuards(handler: FunctionNode, model: DecoratorControllerModel, context: ExtractContext, auth: AuthEvidence): RouteGuard[] {
  const required = model.requiredUser;
  if (!required) return [];
  const compiled = compiledDecoratorsOf(context.program, context.scopeOf).methods.get(handler);
  const guards: RouteGuard[] = [];
  for (const [index, param] of handler.params.entries()) {
    for (const expression of decoratorsOf(param.decorators, compiled?.params.get(index))) {
      const origin = decoratorOrigin(expression, context.scopeOf);
      if (origin?.model !== model || origin.name !== required.decorator) continue;
      const options = decoratorArguments(expression)[0];
      const value = options ? unwrap(options) : null;
      if (value?.type !== AST_NODE_TYPES.ObjectExpression || !value.properties.some(
        (property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key) === 'required' && property.value.type === AST_NODE_TYPES.Literal && property.value.value === true,
      )) continue;
      guards.push(auth.guard({ kind: 'server-option', option: required.option, serverFactories: required.serverFactories, roles: 'none' }, required.decorator, expression, 'route'));
    }
  }
  return guards;
}

/** Where a decorator's authentication is decided: a server option or an auth module's function, looked up once per file. */
class AuthEvidence {
  private readonly found = new Map<string, { node: TSESTree.Node; fn: FunctionNode | null; declaredIn?: RouteGuard['declaredIn'] } | null>();

  constructor(private readonly context: ExtractContext) {}

  /** The guard a decorator stands for: judged by the function that decides, or *unknown* when it is not in view. */
  guard(declared: AuthDecorator, name: string, expression: TSESTree.Node, level: 'class' | 'route'): RouteGuard {
    if (declared.kind === 'public') return { kind: 'decorator', name, node: expression, fn: null, level, verdict: 'public' };
    if (declared.kind === 'library') return { kind: 'guard', name, node: expression, fn: null, level, verdict: 'authenticated' };
    if (declared.kind === 'unfollowed') return { kind: 'guard', name, node: expression, fn: null, level, verdict: 'unknown', unknownBecause: declared.why };
    const args = decoratorArguments(expression);
    const roleChecked = declared.roles === 'arguments' ? args.length > 0 : declared.roles === 'second-argument' ? args.length > 1 : false;
    const evidence = declared.kind === 'server-option' ? this.serverOption(declared.option, declared.serverFactories) : this.authModule(declared.functions);
    // A decorator whose arguments are the roles, given none (`@Authorized()`), asks only for a
    // signed-in caller: the checker's role test then has nothing to compare (see `RouteGuard.roleChecked`).
    const rolesTaken = declared.roles === 'arguments' || declared.roles === 'second-argument';
    const guard: RouteGuard = { kind: 'guard', name, node: expression, fn: evidence?.fn ?? null, level, ...(roleChecked || rolesTaken ? { roleChecked } : {}) };
    if (evidence?.declaredIn) guard.declaredIn = evidence.declaredIn;
    if (!evidence) {
      guard.verdict = 'unknown';
      guard.unknownBecause = declared.kind === 'server-option' ? `\`${declared.option}\` not found` : `\`${declared.functions[0] ?? 'authentication'}\` not found`;
    }
    return guard;
  }

  /** The function given as `option` to a server factory (`createExpressServer({ authorizationChecker })`), here or in another project file. */
  private serverOption(option: string, factories: readonly string[]): { node: TSESTree.Node; fn: FunctionNode | null; declaredIn?: RouteGuard['declaredIn'] } | null {
    const key = `option:${option}`;
    if (this.found.has(key)) return this.found.get(key) ?? null;
    const search = (program: TSESTree.Program, scopeOf: ScopeOf): TSESTree.Node | null => {
      for (const call of nodesOfType(program, AST_NODE_TYPES.CallExpression)) {
        const origin = decoratorSource(call, scopeOf);
        if (origin === null || !factories.includes(origin.name) || !decoratorControllers.some((model) => model.modules.includes(origin.module))) continue;
        for (const argument of call.arguments) {
          const value = objectOf(argument, scopeOf);
          const property = value ? propertyValue(value, option) : null;
          if (property) return property;
        }
      }
      return null;
    };
    let result: { node: TSESTree.Node; fn: FunctionNode | null; declaredIn?: RouteGuard['declaredIn'] } | null = null;
    const here = search(this.context.program, this.context.scopeOf);
    // Judged from where it is written: an inline function, or a name this file defines or imports.
    if (here) result = { node: here, fn: resolveFunction(here, this.context.scopeOf(here)), declaredIn: { node: here, scopeOf: this.context.scopeOf, file: this.context.filename } };
    else {
      const modules = projectModules(this.context.filename, 'routing-controllers-servers', (imports) => imports.some((module) => decoratorControllerModel(module) !== undefined));
      for (const module of modules) {
        const scopeOf: ScopeOf = (node) => scopeLookup(module.sourceCode)(node);
        const node = search(module.program, scopeOf);
        if (node) {
          result = { node, fn: null, declaredIn: { node, scopeOf, file: module.file } };
          break;
        }
      }
    }
    this.found.set(key, result);
    return result;
  }

  /** The project's exported function named one of `names` (tsoa's `expressAuthentication`), here or in another file. */
  private authModule(names: readonly string[]): { node: TSESTree.Node; fn: FunctionNode | null; declaredIn?: RouteGuard['declaredIn'] } | null {
    const key = `module:${names.join(',')}`;
    if (this.found.has(key)) return this.found.get(key) ?? null;
    const search = (program: TSESTree.Program): FunctionNode | null => {
      for (const statement of program.body) {
        if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || !statement.declaration) continue;
        const declaration = statement.declaration;
        if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && names.includes(declaration.id.name)) return declaration;
        if (declaration.type !== AST_NODE_TYPES.VariableDeclaration) continue;
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && names.includes(declarator.id.name) && declarator.init && isFunction(unwrap(declarator.init))) {
            return unwrap(declarator.init) as FunctionNode;
          }
        }
      }
      return null;
    };
    let result: { node: TSESTree.Node; fn: FunctionNode | null; declaredIn?: RouteGuard['declaredIn'] } | null = null;
    const here = search(this.context.program);
    if (here) result = { node: here, fn: here };
    else {
      // tsoa names the module in `tsoa.json` and only its generated routes import it: the project's
      // files named like authentication are read.
      for (const module of projectModules(this.context.filename, 'tsoa-authentication', (_imports, base) => /auth/iu.test(base))) {
        const fn = search(module.program);
        if (fn) {
          result = { node: fn, fn: null, declaredIn: { node: fn, scopeOf: (node) => scopeOf(module.sourceCode, node), file: module.file } };
          break;
        }
      }
    }
    this.found.set(key, result);
    return result;
  }
}

/** An object literal, or a `const` of this file bound to one (`createExpressServer(options)`). */
function objectOf(node: TSESTree.Node, scopeOf: ScopeOf): TSESTree.ObjectExpression | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(target), target.name);
  const definition = variable ? singleDefinition(variable) : null;
  const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init ? unwrap(definition.node.init) : null;
  return init?.type === AST_NODE_TYPES.ObjectExpression ? init : null;
}

function propertyValue(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyName(property.key) !== name) continue;
    // `authorizationChecker(action, roles) { … }` and `{ authorizationChecker }`.
    return property.value;
  }
  return null;
}
