import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { type ClassNode, dottedName, findVariable, type FunctionNode, isFunction, memberKeyName, nodesOfType, propertyName, resolveFunction, type Scope, singleDefinition, staticString, unwrap, scopeOf } from '../../../utils/ast.js';
import { nestjsRouteDecorators } from '../../../models/frameworks/decorator-controllers.js';
import { nestInputDecorators } from '../../../models/frameworks/request-inputs.js';
import { nestDeclarationsOf, nestProjectGlobals } from '../../project/nest-globals.js';
import { exportedDefinition, importBindingTarget } from '../../project/imported.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard } from '../types.js';
import { compiledDecoratorsOf, decoratorSource } from './compiled-decorators.js';

const NEST_COMMON = '@nestjs/common';

/** Route-method decorators of `@nestjs/common` and the HTTP method each registers (model data). */
const ROUTE_DECORATORS: ReadonlyMap<string, string> = new Map(Object.entries(nestjsRouteDecorators).map(([name, route]) => [name, route.method]));

/**
 * `@nestjs/common` decorators that change the response or the documentation, never who may call
 * the route: not recorded as guards. `@nestjs/swagger`'s `Api*` decorators are skipped by name.
 */
const IGNORED_DECORATORS = new Set([
  'Controller',
  'HttpCode',
  'Header',
  'Redirect',
  'Render',
  'Version',
  'UsePipes',
  'UseInterceptors',
  'UseFilters',
  'RequestMapping',
  ...Object.keys(nestInputDecorators),
]);
const DOCUMENTATION_DECORATOR = /^Api[A-Z]/u;

export const nestjsExtractor: FrameworkExtractor = {
  framework: 'nestjs',
  extract(context) {
    if (!context.imports.has(NEST_COMMON)) return {};
    const routes: Route[] = [];
    // Written decorators, or the `__decorate([...], Class)` calls the compiler makes of them.
    const compiled = compiledDecoratorsOf(context.program, context.scopeOf);
    const classDecorators = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.Node[] => [
      // espree and other ESTree parsers leave `decorators` out where typescript-estree has `[]`.
      ...(node.decorators ?? []).map((decorator) => decorator.expression),
      ...(compiled.classes.get(node) ?? []),
    ];
    const classes = nodesOfType(context.program, AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression).filter((node) => classDecorators(node).length > 0);
    let project: { guards: RouteGuard[]; elsewhere: ReturnType<typeof nestProjectGlobals>['guards']; prefix: string | null } | null = null;
    for (const classNode of classes) {
      const scope = context.scopeOf(classNode);
      const decorators = classDecorators(classNode);
      const controllerExpression = decorators.find((expression) => nestName(expression, scope) === 'Controller');
      if (!controllerExpression) continue;
      // A report goes on the decorator as written (`@Controller()`), or on the compiled call.
      const controller = controllerExpression.parent?.type === AST_NODE_TYPES.Decorator ? controllerExpression.parent : controllerExpression;
      if (project === null) {
        const local = nestDeclarationsOf(context.program, context.scopeOf);
        const guards = fileGlobalGuards(local.guards, context);
        const other = nestProjectGlobals(context.filename);
        const elsewhere = other.guards.filter(
          (guard, index) =>
            !guards.some((seen) => seen.name !== null && seen.name === guard.name) &&
            (guard.name === null || other.guards.findIndex((first) => first.name === guard.name) === index),
        );
        project = { guards, elsewhere, prefix: local.prefix ?? other.prefix };
      }
      const controllerPath = joinNestPaths(project.prefix, decoratorPath(controllerExpression, scope));
      // Guards declared in other files point at the controller, the nearest node a report can use,
      // and carry where they are registered, which the auth judge follows to their class.
      const globalGuards: RouteGuard[] = [
        ...project.guards,
        ...project.elsewhere.map(
          (guard): RouteGuard => ({
            kind: 'guard',
            name: guard.name,
            node: controller,
            fn: null,
            level: 'global',
            declaredIn: { node: guard.node, scopeOf: (node) => scopeOf(guard.module.sourceCode, node), file: guard.module.file },
          }),
        ),
      ];
      const classGuards = [...nestInheritedGuards(classNode, context, controller), ...guardsOf(decorators, 'class', scope)];
      for (const member of classNode.body.body) {
        if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method') continue;
        if (member.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
        const handler = member.value;
        const memberDecorators = [...(member.decorators ?? []).map((decorator) => decorator.expression), ...(compiled.methods.get(handler)?.decorators ?? [])];
        for (const expression of memberDecorators) {
          const mapping = routeMapping(expression, scope);
          if (!mapping) continue;
          const decorator = expression.parent?.type === AST_NODE_TYPES.Decorator ? expression.parent : expression;
          context.claimed.add(decorator);
          context.claimed.add(expression);
          context.claimed.add(handler);
          routes.push({
            framework: 'nestjs',
            methods: [mapping.method],
            path: controllerPath === null ? null : joinNestPaths(controllerPath, mapping.path),
            reportNode: decorator,
            handler: { node: handler, fn: handler, style: 'nest' },
            guards: [...globalGuards, ...classGuards, ...guardsOf(memberDecorators, 'route', scope)],
            insertBefore: null,
            owner: null,
          });
        }
      }
    }
    return { routes };
  },
};

/**
 * The name a decorator (or any expression) has in `@nestjs/common`: `Get` for `@Get()`, also when
 * imported under another name or through a namespace (`@common.Get()`); null otherwise.
 */
function nestName(expression: TSESTree.Node, scope: Scope): string | null {
  // `Get`, `common.Get`, and compiled `(0, common_1.Get)` with `common_1 = require('@nestjs/common')`.
  const source = decoratorSource(expression, () => scope);
  return source?.module === NEST_COMMON ? source.name : null;
}

/** The HTTP method and static path of a route-method decorator, or null for any other decorator. */
function routeMapping(expression: TSESTree.Node, scope: Scope): { method: string; path: string | null } | null {
  const name = nestName(expression, scope);
  if (name === null) return null;
  const method = ROUTE_DECORATORS.get(name);
  if (method !== undefined) return { method, path: decoratorPath(expression, scope) };
  if (name !== 'RequestMapping') return null;
  // @RequestMapping({ path: 'x', method: RequestMethod.POST }); the method defaults to GET.
  const target = unwrap(expression);
  const options = target.type === AST_NODE_TYPES.CallExpression ? target.arguments[0] : undefined;
  let requestMethod = 'GET';
  if (options && unwrap(options).type === AST_NODE_TYPES.ObjectExpression) {
    const value = objectProperty(unwrap(options) as TSESTree.ObjectExpression, 'method');
    const written = value ? dottedName(value) : null;
    if (written !== null) requestMethod = written.slice(written.lastIndexOf('.') + 1).toUpperCase();
    else if (value) return null;
  }
  return { method: requestMethod, path: decoratorPath(expression, scope) };
}

/**
 * The static path of `@Controller(...)` / `@Get(...)`: the string, the first string of an array,
 * or the `path` of an options object; `''` without one; null when it is not static.
 */
function decoratorPath(expression: TSESTree.Node, scope: Scope): string | null {
  const target = unwrap(expression);
  if (target.type !== AST_NODE_TYPES.CallExpression) return '';
  const argument = target.arguments[0];
  if (!argument) return '';
  let value: TSESTree.Node | null = unwrap(argument);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    value = objectProperty(value, 'path');
    if (!value) return '';
    value = unwrap(value);
  }
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    const first = value.elements[0];
    if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
    value = first;
  }
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return '';
  return staticString(value, scope);
}

function objectProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    if (propertyName(property.key) === name) return property.value;
  }
  return null;
}

/**
 * Joins Nest path parts: leading and trailing slashes of each part do not matter. A null prefix
 * (no global prefix) adds nothing; a null path (not static) makes the result null.
 */
function joinNestPaths(prefix: string | null, path: string | null): string | null {
  if (path === null) return null;
  const parts = [prefix ?? '', path]
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '');
  return `/${parts.join('/')}`;
}

/** `@UseGuards(...)` arguments as guards, and every other non-documentation decorator (expressions, written or compiled). */
function guardsOf(decorators: readonly TSESTree.Node[], level: 'class' | 'route', scope: Scope): RouteGuard[] {
  const guards: RouteGuard[] = [];
  for (const expression of decorators) {
    if (isCompilerMetadata(expression)) continue;
    const imported = nestName(expression, scope);
    if (imported === 'UseGuards') {
      const call = unwrap(expression);
      if (call.type !== AST_NODE_TYPES.CallExpression) continue;
      for (const argument of call.arguments) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
        guards.push({ kind: 'guard', name: writtenName(argument, scope), node: argument, fn: guardFunction(argument, scope), level });
      }
      continue;
    }
    if (imported !== null && (ROUTE_DECORATORS.has(imported) || IGNORED_DECORATORS.has(imported))) continue;
    const name = writtenName(expression, scope);
    if (name !== null && DOCUMENTATION_DECORATOR.test(name.slice(name.lastIndexOf('.') + 1))) continue;
    const call = unwrap(expression);
    const callee = call.type === AST_NODE_TYPES.CallExpression ? call.callee : call;
    guards.push({ kind: 'decorator', name, node: expression, fn: resolveFunction(callee, scope), level });
  }
  return guards;
}

/**
 * The name of a guard or decorator as the source wrote it: `AuthGuard` for `AuthGuard('jwt')` and
 * for its compiled form `(0, passport_1.AuthGuard)('jwt')`, whose module binding the compiler named.
 */
function writtenName(expression: TSESTree.Node, scope: Scope): string | null {
  const imported = decoratorSource(expression, () => scope);
  if (imported !== null) return imported.name;
  return dottedName(expression);
}

/** `__metadata("design:paramtypes", [...])` and `__param(...)`: what the compiler records, no decorator of the source. */
function isCompilerMetadata(expression: TSESTree.Node): boolean {
  const call = unwrap(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier && /^_*(?:metadata|param)$/u.test(callee.name);
}

/**
 * The `canActivate` method of a guard class declared in this file (`JwtGuard`, `new JwtGuard()`),
 * or the function itself when the guard is a function.
 */
function guardFunction(node: TSESTree.Node, scope: Scope): FunctionNode | null {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression) target = unwrap(target.callee);
  if (isFunction(target)) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scope, target.name);
  const definition = variable ? singleDefinition(variable) : null;
  let classNode: TSESTree.Node | null = definition?.node ?? null;
  if (classNode?.type === AST_NODE_TYPES.VariableDeclarator) classNode = classNode.init ? unwrap(classNode.init) : null;
  if (classNode?.type !== AST_NODE_TYPES.ClassDeclaration && classNode?.type !== AST_NODE_TYPES.ClassExpression) {
    return null;
  }
  for (const member of classNode.body.body) {
    if (
      member.type === AST_NODE_TYPES.MethodDefinition &&
      memberKeyName(member) === 'canActivate' &&
      member.value.type === AST_NODE_TYPES.FunctionExpression
    ) {
      return member.value;
    }
  }
  return null;
}

/** Global guards declared in this file, judged here like `@UseGuards` arguments. */
function fileGlobalGuards(declared: ReturnType<typeof nestDeclarationsOf>['guards'], context: ExtractContext): RouteGuard[] {
  const guards: RouteGuard[] = [];
  for (const { node, name } of declared) {
    if (name !== null && guards.some((guard) => guard.name === name)) continue;
    guards.push({ kind: 'guard', name, node, fn: guardFunction(node, context.scopeOf(node)), level: 'global' });
  }
  return guards;
}

/**
 * The global guards NestJS runs before every handler, a GraphQL `@Resolver()` method's as a
 * controller's: `APP_GUARD` and `app.useGlobalGuards(...)` in this file or another of the project.
 * A guard registered in another file points at `report` and carries where it is registered.
 */
export function nestGlobalGuards(context: ExtractContext, report: TSESTree.Node): RouteGuard[] {
  const guards = fileGlobalGuards(nestDeclarationsOf(context.program, context.scopeOf).guards, context);
  const other = nestProjectGlobals(context.filename);
  const elsewhere = other.guards
    .filter(
      (guard, index) =>
        !guards.some((seen) => seen.name !== null && seen.name === guard.name) &&
        (guard.name === null || other.guards.findIndex((first) => first.name === guard.name) === index),
    )
    .map(
      (guard): RouteGuard => ({
        kind: 'guard',
        name: guard.name,
        node: report,
        fn: null,
        level: 'global',
        declaredIn: { node: guard.node, scopeOf: (node) => scopeOf(guard.module.sourceCode, node), file: guard.module.file },
      }),
    );
  return [...guards, ...elsewhere];
}

/** `@UseGuards(...)` arguments and the other decorators of a class or method (see `guardsOf`), for a class that is no controller. */
export function nestDecoratorGuards(decorators: readonly TSESTree.Node[], level: 'class' | 'route', scope: Scope): RouteGuard[] {
  return guardsOf(decorators, level, scope);
}

/** Base classes followed up from a controller (`TicketsController extends SignedInController extends BaseController`). */
const MAX_BASE_CLASSES = 4;

interface BaseClass {
  node: ClassNode;
  scopeOf: (node: TSESTree.Node) => Scope;
  file: string;
}

/**
 * The guards and other decorators of the classes a controller or resolver extends, in this file or
 * (through its import) another file of the project: NestJS reads class metadata through the
 * prototype chain, so `@UseGuards(JwtGuard)` on an abstract `SignedInController` guards every route
 * of a subclass, and its `@Roles('admin')` is the subclasses' role metadata. The base classes'
 * guards come first, as Nest runs them. A guard written in another file points at `report` and
 * carries where it is written (`declaredIn`), from where the auth judge follows it to its
 * definition, as for a global guard. A base class that cannot be resolved adds nothing.
 */
export function nestInheritedGuards(classNode: ClassNode, context: ExtractContext, report: TSESTree.Node): RouteGuard[] {
  const guards: RouteGuard[] = [];
  const seen = new Set<TSESTree.Node>([classNode]);
  let current: BaseClass = { node: classNode, scopeOf: context.scopeOf, file: context.filename };
  const chain: BaseClass[] = [];
  for (let step = 0; step < MAX_BASE_CLASSES; step++) {
    const base = baseClassOf(current);
    if (base === null || seen.has(base.node)) break;
    seen.add(base.node);
    chain.push(base);
    current = base;
  }
  // The furthest base first: Nest merges a subclass's metadata over its parents'.
  for (const base of chain.reverse()) {
    const scope = base.scopeOf(base.node);
    const program = programOf(base.node);
    const compiled = program ? compiledDecoratorsOf(program, base.scopeOf).classes.get(base.node) ?? [] : [];
    const decorators = [...(base.node.decorators ?? []).map((decorator) => decorator.expression), ...compiled];
    for (const guard of guardsOf(decorators, 'class', scope)) {
      if (programOf(guard.node) === context.program) guards.push(guard);
      else guards.push({ ...guard, node: report, declaredIn: { node: guard.node, scopeOf: base.scopeOf, file: base.file } });
    }
  }
  return guards;
}

/** The class `owner` extends, when its `extends` names a class of this file or one imported from a project file. */
function baseClassOf(owner: BaseClass): BaseClass | null {
  const superClass = owner.node.superClass ? unwrap(owner.node.superClass) : null;
  if (superClass?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(owner.scopeOf(superClass), superClass.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!definition) return null;
  const local = classValue(definition.node);
  if (local) return { node: local, scopeOf: owner.scopeOf, file: owner.file };
  const target = importBindingTarget(definition, owner.file);
  if (target === null || target.name === '*') return null;
  const exported = exportedDefinition(target.file, target.name);
  const node = exported ? classValue(exported.node) : null;
  return node && exported ? { node, scopeOf: exported.scopeOf, file: exported.file } : null;
}

/** A class declaration, or the class a `const Base = class {}` declarator holds. */
function classValue(node: TSESTree.Node): ClassNode | null {
  let value: TSESTree.Node | null = node;
  if (value.type === AST_NODE_TYPES.VariableDeclarator) value = value.init ? unwrap(value.init) : null;
  return value?.type === AST_NODE_TYPES.ClassDeclaration || value?.type === AST_NODE_TYPES.ClassExpression ? value : null;
}

function programOf(node: TSESTree.Node): TSESTree.Program | null {
  let current: TSESTree.Node | undefined = node;
  while (current && current.type !== AST_NODE_TYPES.Program) current = current.parent;
  return current ?? null;
}
