import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  MAX_RESOLVER_IMPORTERS,
  MAX_RESOLVER_SERVER_FILES,
  resolverClassServers,
  fieldResolverKeys,
  graphqlMutationVerbs,
  graphqlRootTypeMethods,
  graphqlRootTypes,
  graphqlServerGuardOptions,
  graphqlShield,
  resolverAuthDecorators,
  graphqlServerModules,
  resolverClassDecorators,
  resolverMergeFunctions,
  resolverOptions,
} from '../../../models/frameworks/graphql.js';
import type { RequestStyle } from '../../../models/frameworks/request-inputs.js';
import { dottedName, findVariable, importSource, isConstantBinding, isFunction, nodesOfType, propertyName, requiredModule, resolveFunction, singleDefinition, unwrap, type ClassNode, type FunctionNode, type Scope } from '../../../utils/ast.js';
import { candidateFiles } from '../../project/candidates.js';
import { importedDefinition } from '../../project/imported.js';
import { projectIndexOf } from '../../project/index.js';
import { markAnsweringGuard } from '../auth.js';
import type { ProjectModule } from '../../project/parse.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard, RouteHandler, RouteOwner } from '../types.js';
import { argumentInput, argumentShape, emptySdl, parseSdl, type SdlSchema } from './graphql-sdl.js';
import { compiledDecoratorsOf, decoratorSource } from './compiled-decorators.js';
import { nestDecoratorGuards, nestGlobalGuards, nestInheritedGuards } from './nestjs.js';
import { constantValue, exportedValues, importsAny, isLocalModule, moduleExtractContext } from './shared-ast.js';
import fs from 'node:fs';
import path from 'node:path';

/*
 * GraphQL resolvers as handlers. A resolver receives the client's field arguments (`args`) and a
 * context carrying the HTTP request, so it is a taint and mass-assignment scope like any route
 * handler; it is not an HTTP route (no path), so its root fields are returned as `resolvers`, apart
 * from the routes.
 *
 * Evidence that an object is a resolver map, any one of:
 * - it reaches the `resolvers` (or graphql-js `rootValue`) option of a call of a GraphQL package
 *   (`new ApolloServer({ resolvers })`, `createSchema`, `makeExecutableSchema`,
 *   `app.register(mercurius, { resolvers })`, `graphqlHTTP({ rootValue })`), directly, through
 *   constants, arrays, spreads and merges;
 * - it has a `Query`, `Mutation` or `Subscription` key holding an object, in a file that imports a
 *   GraphQL package;
 * - it has such a key, is exported, and a file importing it (or a barrel re-exporting it, two
 *   levels at most) hands it to such a call.
 * An object literal named `resolvers` with none of these is not one.
 *
 * Resolver classes: NestJS (`@nestjs/graphql`) and TypeGraphQL (`type-graphql`) classes decorated
 * `@Resolver()`, whose `@Query`/`@Mutation`/`@Subscription`/`@ResolveField`/`@FieldResolver`
 * methods receive input through decorated parameters (see `graphqlInputOf`).
 *
 * The resolvers of the root types (`Query.invoices`, `Mutation.markInvoicePaid`) are also entry
 * points a client calls directly: each is a route without a URL, named by its field and weighed
 * like an HTTP method (a query reads like a GET, a mutation writes like a POST, PUT or DELETE by
 * its verb; see `graphqlRootTypeMethods`), whose guards are what runs before it: the server's
 * context function, a wrapper around the resolver (`authenticated(fn)`, `acl(action)(fn)`), the
 * decorators of a resolver class (`@UseGuards`, the app's global guards, `@Authorized()`,
 * `@UseMiddleware`). The auth judge reads them and the resolver's own body as it reads a route's.
 * A map whose server is not in view (installed by no file found) has its mount decided elsewhere,
 * as a router exported and mounted nowhere in view.
 */

type MapKind = (typeof resolverOptions)[keyof typeof resolverOptions];

/** Values followed through constants, arrays, spreads and merges. */
const MAX_DEPTH = 6;

export function isGraphqlModule(module: string): boolean {
  return graphqlServerModules.some((candidate) => module === candidate || module.startsWith(`${candidate}/`));
}

export const graphqlExtractor: FrameworkExtractor = {
  framework: 'graphql',
  extract(context) {
    const handlers: RouteHandler[] = [];
    const routes: Route[] = [];
    const mine = new Map<FunctionNode, RouteHandler>();
    const add = (fn: FunctionNode | null, style: RequestStyle, node: TSESTree.Node): RouteHandler | null => {
      if (!fn) return null;
      const known = mine.get(fn);
      if (known) return known;
      if (context.claimed.has(fn)) return null;
      context.claimed.add(fn);
      const handler: RouteHandler = { node, fn, style };
      mine.set(fn, handler);
      handlers.push(handler);
      return handler;
    };
    const graphqlFile = importsAny(context, isGraphqlModule);
    const maps = new Map<TSESTree.ObjectExpression, MapKind>();
    // The server each map is installed on here, by the call that installs it.
    const servers = new Map<TSESTree.ObjectExpression, Server>();
    if (graphqlFile) {
      for (const { value, kind, call } of installedValues(context)) collectMaps(value, kind, context, maps, 0, servers, localServer(call, context));
      for (const object of nodesOfType(context.program, AST_NODE_TYPES.ObjectExpression)) {
        // Not the rules a graphql-shield `shield({ Mutation: { … } })` is given.
        const shieldArgument = object.parent?.type === AST_NODE_TYPES.CallExpression && object.parent.arguments[0] === object && shieldExport(object.parent.callee, context.scopeOf) === graphqlShield.shield;
        if (!maps.has(object) && !shieldArgument && hasRootTypeKey(object, context)) maps.set(object, 'map');
      }
    } else {
      const exported = exportedRootMaps(context);
      if (exported.length > 0 && installedElsewhere(context) !== null) for (const object of exported) maps.set(object, 'map');
    }
    // Objects of fields this file exports that a resolver map of an importer puts under a root type.
    const fieldTypes = new Map<TSESTree.ObjectExpression, string>();
    // `module.exports = { Query: {…} }` spread as `...tickets.Query`: the fields of a map already read.
    const underRootTypes = new Set<TSESTree.Node>();
    for (const [object, kind] of maps) {
      if (kind !== 'map') continue;
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property && !property.computed && graphqlRootTypes.includes(propertyName(property.key) ?? '')) underRootTypes.add(constantValue(property.value, context));
      }
    }
    for (const { object, type } of importedFieldMaps(context)) {
      if (maps.has(object) || underRootTypes.has(object)) continue;
      maps.set(object, 'map');
      fieldTypes.set(object, type);
    }
    const schema = lazySchema(context);
    // Maps installed in no call of this file: on the server of a file that imports them, or out of view.
    let elsewhere: RemoteServer | null | undefined;
    for (const [object, kind] of maps) {
      const fieldType = fieldTypes.get(object) ?? null;
      for (const { fn, node } of resolversOf(object, kind, context, fieldType)) {
        const handler = add(fn, kind === 'root' ? 'graphql-root' : 'graphql', node);
        const field = resolverField(node, kind, fieldType);
        if (handler?.fn === fn && field) {
          handler.graphqlArgument = (read) => argumentShape(schema(), field.types, field.name, read);
          handler.graphqlInput = (read) => argumentInput(schema(), field.types, field.name, read);
        }
      }
      let server = servers.get(object);
      if (!server) {
        if (elsewhere === undefined) elsewhere = installedElsewhere(context);
        server = elsewhere === null ? OUT_OF_VIEW : remoteServer(elsewhere);
      }
      for (const field of rootFieldsOf(object, kind, context, fieldType)) {
        const handler = add(field.fn, kind === 'root' ? 'graphql-root' : 'graphql', field.value);
        if (!handler) continue;
        const serverGuards = [...server.guards, ...shieldGuards(server.shield ?? [], field, context)].map((guard) => ({ ...guard, node: guard.declaredIn ? field.key : guard.node }));
        routes.push(fieldRoute(field, handler, [...serverGuards, ...wrapperGuards(field, context)], server.owner));
      }
    }
    if (graphqlFile) {
      for (const { fn, node } of fieldConfigResolvers(context)) add(fn, 'graphql', node);
      for (const method of resolverMethods(context)) {
        const handler = add(method.fn, 'graphql-decorated', method.fn);
        if (handler && method.root !== null) routes.push(methodRoute(method, handler, context));
      }
    }
    return { handlers, resolvers: routes };
  },
};

// -------------------------------------------------------------------------------------------------
// Root fields as routes

/** What runs before every resolver of a server, and whether the server is in view. */
interface Server {
  guards: RouteGuard[];
  /** graphql-shield rules the server's schema is given, by type and field (see `shieldGuards`). */
  shield?: ShieldRule[];
  /** Null when the server is in view; a router's owner mounted elsewhere when it is not. */
  owner: RouteOwner | null;
}

const OUT_OF_VIEW: Server = { guards: [], owner: { name: 'resolvers', mountedElsewhere: true, declaration: null } };

/** A field of a root type with its resolver: `Mutation: { markPaid: (parent, args, ctx) => … }`. */
interface RootField {
  type: string;
  field: string;
  /** The property key (`markPaid`), where a finding points. */
  key: TSESTree.Node;
  /** The value as written (a function, a wrapper call, a field config's `resolve`). */
  value: TSESTree.Node;
  fn: FunctionNode;
}

/** `markInvoicePaid` → `PUT`: the method a root field stands for (see `graphqlRootTypeMethods`). */
function fieldMethod(type: string, field: string): string {
  const base = graphqlRootTypeMethods[type] ?? 'GET';
  if (type !== 'Mutation') return base;
  return graphqlMutationVerbs.find(({ verb }) => verb.test(field))?.method ?? base;
}

/** `signUp` → `sign-up`. */
function kebab(name: string): string {
  return name.replaceAll(/(?<=[a-z0-9])(?=[A-Z])/gu, '-').toLowerCase();
}

function fieldRoute(field: RootField, handler: RouteHandler, guards: RouteGuard[], owner: RouteOwner | null): Route {
  return {
    framework: 'graphql',
    methods: [fieldMethod(field.type, field.field)],
    path: null,
    reportNode: field.key,
    handler,
    guards,
    insertBefore: null,
    owner,
    label: `${field.type}.${field.field}`,
    namePath: `/${kebab(field.field)}`,
  };
}

/**
 * The root fields of a resolver map and their resolvers. In a graphql-js `rootValue` object the
 * fields are the top-level values, queries and mutations alike: a field whose name starts with a
 * verb that writes is taken for a mutation.
 */
function rootFieldsOf(object: TSESTree.ObjectExpression, kind: MapKind, context: ExtractContext, fieldType: string | null = null): RootField[] {
  const found: RootField[] = [];
  const fields = (type: string | null, fieldsObject: TSESTree.ObjectExpression): void => {
    for (const property of fieldsOf(fieldsObject, context)) {
      if (property.computed && property.key.type !== AST_NODE_TYPES.Literal) continue;
      const field = propertyName(property.key);
      if (field === null) continue;
      const fieldType = type ?? (graphqlMutationVerbs.some(({ verb }) => verb.test(field)) ? 'Mutation' : 'Query');
      const value = property.value;
      const fn = resolveFunction(value, context.scopeOf(value));
      if (fn) {
        found.push({ type: fieldType, field, key: property.key, value, fn });
        continue;
      }
      const config = constantValue(value, context);
      if (config.type !== AST_NODE_TYPES.ObjectExpression) continue;
      // A subscription is started by `subscribe`; a field config's `resolve` answers otherwise.
      const keys = fieldType === 'Subscription' ? ['subscribe', 'resolve'] : ['resolve'];
      for (const key of keys) {
        const inner = config.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && propertyName(candidate.key) === key);
        const resolver = inner?.type === AST_NODE_TYPES.Property ? resolveFunction(inner.value, context.scopeOf(inner.value)) : null;
        if (resolver && inner?.type === AST_NODE_TYPES.Property) {
          found.push({ type: fieldType, field, key: property.key, value: inner.value, fn: resolver });
          break;
        }
      }
    }
  };
  if (kind === 'root' || fieldType !== null) {
    fields(fieldType, object);
    return found;
  }
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const type = propertyName(property.key);
    if (type === null || !graphqlRootTypes.includes(type)) continue;
    const value = constantValue(property.value, context);
    if (value.type === AST_NODE_TYPES.ObjectExpression) fields(type, value);
  }
  return found;
}

/**
 * Wrappers around a resolver, outermost first: `authenticated(resolve)`, `acl(actions.x)(resolve)`,
 * `combineResolvers(isAuthenticated, resolve)`. Each is a guard judged by its definition (a
 * wrapper out of view is *unknown*).
 */
function wrapperGuards(field: RootField, context: ExtractContext): RouteGuard[] {
  const guards: RouteGuard[] = [];
  let current = unwrap(field.value);
  for (let depth = 0; depth < 4 && current.type === AST_NODE_TYPES.CallExpression; depth++) {
    const call = current;
    // `.bind(this)` is no wrapper.
    if (call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee.property) === 'bind') break;
    guards.push({ kind: 'middleware', name: dottedName(call.callee), node: call, fn: null, level: 'route' });
    // `combineResolvers(isAuthenticated, resolve)`: the functions before the resolver run first.
    for (const argument of call.arguments) {
      if (argument.type === AST_NODE_TYPES.SpreadElement || unwrap(argument) === unwrap(field.fn) || argument.range[0] > field.fn.range[0]) continue;
      const before = resolveFunction(argument, context.scopeOf(argument));
      if (before && before !== field.fn && (unwrap(argument).type === AST_NODE_TYPES.Identifier || unwrap(argument).type === AST_NODE_TYPES.MemberExpression)) {
        guards.push({ kind: 'middleware', name: dottedName(argument), node: argument, fn: before, level: 'route' });
      }
    }
    const inner = call.arguments.find((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && argument.range[0] <= field.fn.range[0] && field.fn.range[1] <= argument.range[1]);
    if (!inner || inner.type === AST_NODE_TYPES.SpreadElement) break;
    current = unwrap(inner);
  }
  return guards;
}

/** The server a call of this file installs its resolvers on: its context function runs before each. */
function localServer(call: TSESTree.CallExpression | TSESTree.NewExpression, context: ExtractContext): Server {
  const guards: RouteGuard[] = [];
  for (const { value } of serverOptions(call, context)) {
    guards.push({ kind: 'middleware', name: dottedName(value) ?? 'context', node: value, fn: resolveFunction(value, context.scopeOf(value)), level: 'app', returnGoesOn: true });
  }
  return { guards, owner: null, shield: shieldRulesOf(context) };
}

/**
 * The context functions of the server a call installing resolvers belongs to: its own options
 * (`new ApolloServer({ resolvers, context })`), and those of the GraphQL calls of the same file that
 * take it, directly or through a constant (`createYoga({ schema: createSchema({ resolvers }),
 * context })`, `startStandaloneServer(server, { context })`, `expressMiddleware(server, { context })`).
 */
function serverOptions(call: TSESTree.CallExpression | TSESTree.NewExpression, context: ExtractContext): { value: TSESTree.Node }[] {
  const found: { value: TSESTree.Node }[] = [];
  const calls = [call];
  const holds = (node: TSESTree.Node, held: TSESTree.Node): boolean => {
    const value = constantValue(node, context);
    if (value === held) return true;
    return value.type === AST_NODE_TYPES.ObjectExpression && value.properties.some((property) => property.type === AST_NODE_TYPES.Property && constantValue(property.value, context) === held);
  };
  const outer = graphqlCallsOf(context);
  for (let index = 0; index < calls.length && calls.length < 8; index++) {
    const held = calls[index]!;
    for (const candidate of outer) {
      if (!calls.includes(candidate) && candidate.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && holds(argument, held))) calls.push(candidate);
    }
  }
  for (const server of calls) {
    for (const argument of server.arguments) {
      for (const options of objectsOf(argument, context)) {
        for (const property of options.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
          const key = propertyName(property.key);
          if (key !== null && graphqlServerGuardOptions.includes(key)) found.push({ value: property.value });
        }
      }
    }
  }
  return found;
}

const graphqlCalls = new WeakMap<TSESTree.Program, (TSESTree.CallExpression | TSESTree.NewExpression)[]>();

/** The calls of GraphQL packages in a file, once per parse. */
function graphqlCallsOf(context: ExtractContext): (TSESTree.CallExpression | TSESTree.NewExpression)[] {
  const cached = graphqlCalls.get(context.program);
  if (cached) return cached;
  const calls = nodesOfType(context.program, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression).filter((call) => isGraphqlCall(call, context));
  graphqlCalls.set(context.program, calls);
  return calls;
}

/** Where a server found in another file runs its context function (see `installedElsewhere`). */
interface RemoteServer {
  contexts: { node: TSESTree.Node; scopeOf: (node: TSESTree.Node) => Scope; file: string }[];
  shield: ShieldRule[];
}

function remoteServer(found: RemoteServer): Server {
  return {
    guards: found.contexts.map(({ node, scopeOf, file }): RouteGuard => ({
      kind: 'middleware',
      name: dottedName(node) ?? 'context',
      node,
      fn: null,
      level: 'app',
      // The operation goes on with whatever the context function returns.
      returnGoesOn: true,
      declaredIn: { node, scopeOf, file },
    })),
    owner: null,
    shield: found.shield,
  };
}

// -------------------------------------------------------------------------------------------------
// graphql-shield

/** A rule a `shield(...)` call puts in front of a field (`field: '*'` for every field of the type, `type: '*'` for the fallback). */
interface ShieldRule {
  type: string;
  field: string;
  rule: TSESTree.Node;
  scopeOf: (node: TSESTree.Node) => Scope;
  file: string;
}

type ScopeOfFn = (node: TSESTree.Node) => Scope;

/** Whether `node` names an export of graphql-shield (`shield`, `rule`, `and`, `allow`, ...), read in its own file. */
function shieldExport(node: TSESTree.Node, scopeOf: ScopeOfFn): string | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const source = importSource(scopeOf(target), target.name);
  return source?.module === graphqlShield.module ? (source.imported ?? null) : null;
}

/**
 * The rules of the `shield(...)` calls a server file uses: written in it, or the value of an
 * import of the project it hands to a call (`applyMiddleware(schema, permissions)` with
 * `permissions` exported by `./permissions`).
 */
function shieldRulesOf(context: ExtractContext): ShieldRule[] {
  const rules: ShieldRule[] = [];
  const read = (call: TSESTree.CallExpression, scopeOf: ScopeOfFn, file: string): void => {
    const [map, options] = call.arguments;
    if (map && map.type !== AST_NODE_TYPES.SpreadElement) {
      const object = unwrap(map);
      if (object.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of object.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
          const type = propertyName(property.key);
          if (type === null) continue;
          const value = unwrap(property.value);
          if (value.type !== AST_NODE_TYPES.ObjectExpression) {
            rules.push({ type, field: '*', rule: value, scopeOf, file });
            continue;
          }
          for (const inner of value.properties) {
            if (inner.type !== AST_NODE_TYPES.Property || (inner.computed && inner.key.type !== AST_NODE_TYPES.Literal)) continue;
            const field = propertyName(inner.key);
            if (field !== null) rules.push({ type, field, rule: inner.value, scopeOf, file });
          }
        }
      }
    }
    const settings = options && options.type !== AST_NODE_TYPES.SpreadElement ? unwrap(options) : null;
    if (settings?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of settings.properties) {
        if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === graphqlShield.fallback) rules.push({ type: '*', field: '*', rule: property.value, scopeOf, file });
      }
    }
  };
  const isShield = (node: TSESTree.Node, scopeOf: ScopeOfFn): boolean => node.type === AST_NODE_TYPES.CallExpression && shieldExport(node.callee, scopeOf) === graphqlShield.shield;
  const seen = new Set<TSESTree.Node>();
  for (const call of nodesOfType(context.program, AST_NODE_TYPES.CallExpression)) {
    if (isShield(call, context.scopeOf)) {
      read(call, context.scopeOf, context.filename);
      continue;
    }
    for (const argument of call.arguments) {
      const value = argument.type === AST_NODE_TYPES.SpreadElement ? null : unwrap(argument);
      if (value?.type !== AST_NODE_TYPES.Identifier || seen.has(value)) continue;
      seen.add(value);
      const source = importSource(context.scopeOf(value), value.name);
      if (source === null || !isLocalModule(source.module)) continue;
      const imported = importedDefinition(value, source.module, source.imported === null || source.imported === 'default' ? '' : source.imported);
      if (imported && isShield(unwrap(imported.node), imported.scopeOf)) read(unwrap(imported.node) as TSESTree.CallExpression, imported.scopeOf, imported.file);
    }
  }
  return rules;
}

/** The guards the shield rules put in front of a field: its own rule, else its type's `'*'` or whole-type rule, else the fallback. */
function shieldGuards(rules: readonly ShieldRule[], field: RootField, context: ExtractContext): RouteGuard[] {
  if (rules.length === 0) return [];
  const rule =
    rules.find((candidate) => candidate.type === field.type && candidate.field === field.field) ??
    rules.find((candidate) => candidate.type === field.type && candidate.field === '*') ??
    rules.find((candidate) => candidate.type === '*');
  if (!rule) return [];
  return ruleGuards(rule.rule, rule.scopeOf, rule.file, context, 0);
}

/** A shield rule as guards: `rule()(fn)` judged by `fn`'s answer, `and(a, b)` every one, `or(a, b)` alternatives, `deny` authenticated, `allow` nothing. */
function ruleGuards(node: TSESTree.Node, scopeOf: ScopeOfFn, file: string, context: ExtractContext, depth: number): RouteGuard[] {
  if (depth > MAX_DEPTH) return [];
  const target = unwrap(node);
  const name = dottedName(target) ?? 'shield rule';
  const exported = target.type === AST_NODE_TYPES.CallExpression ? shieldExport(target.callee, scopeOf) : shieldExport(target, scopeOf);
  if (exported === graphqlShield.allow) return [];
  if (exported === graphqlShield.deny) return [{ kind: 'middleware', name: 'deny', node: target, fn: null, level: 'app', verdict: 'authenticated' }];
  if (target.type === AST_NODE_TYPES.CallExpression && exported !== null) {
    const parts = target.arguments.flatMap((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? [] : ruleGuards(argument, scopeOf, file, context, depth + 1)));
    if ((graphqlShield.all as readonly string[]).includes(exported)) return parts;
    // Anybody one alternative admits goes on; an `allow` among them admits everybody.
    if ((graphqlShield.any as readonly string[]).includes(exported)) {
      const allows = target.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && shieldExport(argument, scopeOf) === graphqlShield.allow);
      return allows || parts.length === 0 ? [] : [{ kind: 'middleware', name, node: target, fn: null, level: 'app', alternatives: parts }];
    }
  }
  // `rule({ cache: 'contextual' })(async (parent, args, ctx) => …)`: the function answers.
  if (target.type === AST_NODE_TYPES.CallExpression && target.callee.type === AST_NODE_TYPES.CallExpression && (graphqlShield.rule as readonly string[]).includes(shieldExport(target.callee.callee, scopeOf) ?? '')) {
    const fn = [...target.arguments].reverse().map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? null : resolveFunction(argument, scopeOf(argument)))).find((found) => found !== null) ?? null;
    if (!fn) return [{ kind: 'middleware', name, node: target, fn: null, level: 'app', verdict: 'unknown', unknownBecause: 'its function is not in view' }];
    markAnsweringGuard(fn);
    return [file === context.filename
      ? { kind: 'middleware', name, node: target, fn, level: 'app' }
      : { kind: 'middleware', name, node: target, fn: null, level: 'app', declaredIn: { node: fn, scopeOf, file } }];
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(scopeOf(target), target.name);
    if (source !== null && isLocalModule(source.module) && source.module !== graphqlShield.module) {
      const imported = importedDefinition(target, source.module, source.imported === null || source.imported === 'default' ? '' : source.imported);
      if (imported) return ruleGuards(imported.node, imported.scopeOf, imported.file, context, depth + 1).map((guard) => ({ ...guard, name: guard.name === 'shield rule' ? target.name : guard.name }));
    }
    const variable = findVariable(scopeOf(target), target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
      return ruleGuards(definition.node.init, scopeOf, file, context, depth + 1).map((guard) => ({ ...guard, name: guard.name === 'shield rule' || guard.name === null ? target.name : guard.name }));
    }
  }
  // A rule out of view: judged by its name as any guard out of view.
  return [{ kind: 'middleware', name, node: target, fn: null, level: 'app', ...(file === context.filename ? {} : { declaredIn: { node: target, scopeOf, file } }) }];
}

// -------------------------------------------------------------------------------------------------
// Resolver methods as routes

function methodRoute(method: ResolverMethod, handler: RouteHandler, context: ExtractContext): Route {
  const scope = context.scopeOf(method.report);
  const own = (expression: TSESTree.Node): boolean => graphqlDecorator(expression, context) !== null;
  let guards: RouteGuard[];
  if (method.module === '@nestjs/graphql') {
    guards = [...nestGlobalGuards(context, method.report), ...nestInheritedGuards(method.classNode, context, method.report), ...nestDecoratorGuards(method.classDecorators.filter((expression) => !own(expression)), 'class', scope), ...nestDecoratorGuards(method.decorators.filter((expression) => !own(expression)), 'route', scope)];
  } else {
    guards = [...typeGraphqlGuards(method.classDecorators, 'class', context), ...typeGraphqlGuards(method.decorators, 'route', context)];
  }
  return {
    framework: 'graphql',
    methods: [fieldMethod(method.root ?? 'Query', method.field)],
    path: null,
    reportNode: method.report,
    handler,
    guards,
    insertBefore: null,
    owner: classesServedInView(context, method.module) ? null : OUT_OF_VIEW.owner,
    label: `${method.root ?? 'Query'}.${method.field}`,
    namePath: `/${kebab(method.field)}`,
  };
}

/**
 * Whether a file of the project (this one included) serves the resolver classes of `module`: a call
 * of `resolverClassServers` (`GraphQLModule.forRoot(...)`, `buildSchema(...)`). At most
 * `MAX_RESOLVER_SERVER_FILES` files importing the package are read, in the order of their names.
 */
function classesServedInView(context: ExtractContext, module: keyof typeof resolverClassServers): boolean {
  if (servesClasses(context.program, module)) return true;
  const index = projectIndexOf(context.filename);
  if (!index) return false;
  const files = candidateFiles(index, `graphql-servers:${module}`, (file) => index.importsOf(file).some((imported) => imported.specifier === module), MAX_RESOLVER_SERVER_FILES);
  return files.some((file) => {
    const parsed = index.module(file);
    return parsed !== null && servesClasses(parsed.program, module);
  });
}

const servingFiles = new WeakMap<TSESTree.Program, Map<string, boolean>>();

function servesClasses(program: TSESTree.Program, module: keyof typeof resolverClassServers): boolean {
  let byModule = servingFiles.get(program);
  if (!byModule) {
    byModule = new Map();
    servingFiles.set(program, byModule);
  }
  const known = byModule.get(module);
  if (known !== undefined) return known;
  const names: readonly string[] = resolverClassServers[module];
  const found = nodesOfType(program, AST_NODE_TYPES.CallExpression).some((call) => {
    const callee = unwrap(call.callee);
    const name = dottedName(callee.type === AST_NODE_TYPES.SequenceExpression ? (callee.expressions[callee.expressions.length - 1] ?? callee) : callee);
    if (name === null) return false;
    // `(0, type_graphql_1.buildSchema)(...)` and `graphql_1.GraphQLModule.forRoot(...)` as compiled.
    return names.some((candidate) => name === candidate || name.endsWith(`.${candidate}`));
  });
  byModule.set(module, found);
  return found;
}

/** TypeGraphQL's `@Authorized()` (authenticated by the schema's `authChecker`) and `@UseMiddleware(fn)` (judged by `fn`). */
function typeGraphqlGuards(decorators: readonly TSESTree.Node[], level: 'class' | 'route', context: ExtractContext): RouteGuard[] {
  const guards: RouteGuard[] = [];
  const known = resolverAuthDecorators['type-graphql'];
  for (const expression of decorators) {
    const source = decoratorSource(expression, context.scopeOf);
    if (source?.module !== 'type-graphql') continue;
    if ((known.authorized as readonly string[]).includes(source.name)) {
      // `@Authorized('ADMIN')`, `@Authorized([Role.Admin])`: the roles the `authChecker` is handed to
      // require; given none (`@Authorized()`, `@Authorized([])`), it asks only for a signed-in caller.
      const call = unwrap(expression);
      const roles = call.type === AST_NODE_TYPES.CallExpression ? call.arguments.filter((argument) => {
        const value = unwrap(argument);
        return !(value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length === 0);
      }) : [];
      guards.push({ kind: 'decorator', name: source.name, node: expression, fn: null, level, verdict: 'authenticated', roleChecked: roles.length > 0 });
    } else if ((known.middleware as readonly string[]).includes(source.name)) {
      const call = unwrap(expression);
      if (call.type !== AST_NODE_TYPES.CallExpression) continue;
      for (const argument of call.arguments) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
        guards.push({ kind: 'middleware', name: dottedName(argument), node: argument, fn: resolveFunction(argument, context.scopeOf(argument)), level });
      }
    }
  }
  return guards;
}

// -------------------------------------------------------------------------------------------------
// Resolver maps

/** The values given to the `resolvers` / `rootValue` option of a call of a GraphQL package. */
function installedValues(context: ExtractContext): { value: TSESTree.Node; kind: MapKind; call: TSESTree.CallExpression | TSESTree.NewExpression }[] {
  const found: { value: TSESTree.Node; kind: MapKind; call: TSESTree.CallExpression | TSESTree.NewExpression }[] = [];
  for (const call of graphqlCallsOf(context)) {
    for (const argument of call.arguments) {
      for (const options of objectsOf(argument, context)) {
        for (const property of options.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
          const key = propertyName(property.key);
          if (key !== null && Object.hasOwn(resolverOptions, key)) found.push({ value: property.value, kind: resolverOptions[key as keyof typeof resolverOptions], call });
        }
      }
    }
  }
  return found;
}

/**
 * A call of a GraphQL package (`new ApolloServer(...)`, `createSchema(...)`, `graphqlHTTP(...)`),
 * or one given a GraphQL package as a plugin (`app.register(mercurius, {...})`).
 */
function isGraphqlCall(call: TSESTree.CallExpression | TSESTree.NewExpression, context: ExtractContext): boolean {
  const fromGraphql = (node: TSESTree.Node): boolean => {
    let target = unwrap(node);
    while (target.type === AST_NODE_TYPES.MemberExpression) target = unwrap(target.object);
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const source = importSource(context.scopeOf(target), target.name);
    return source !== null && isGraphqlModule(source.module);
  };
  return fromGraphql(call.callee) || call.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && fromGraphql(argument));
}

/** Object literals an argument is: itself, a constant, or the objects of an array (`buildSubgraphSchema([{ typeDefs, resolvers }])`). */
function objectsOf(node: TSESTree.Node, context: ExtractContext): TSESTree.ObjectExpression[] {
  const target = constantValue(node, context);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return [target];
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    return target.elements.flatMap((element) => {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) return [];
      const inner = constantValue(element, context);
      return inner.type === AST_NODE_TYPES.ObjectExpression ? [inner] : [];
    });
  }
  return [];
}

/**
 * The resolver maps a value installed as `resolvers` holds: literals, constants, arrays, spreads,
 * merges; with the server that installs them, when `servers` is given.
 */
function collectMaps(
  node: TSESTree.Node,
  kind: MapKind,
  context: ExtractContext,
  maps: Map<TSESTree.ObjectExpression, MapKind>,
  depth: number,
  servers?: Map<TSESTree.ObjectExpression, Server>,
  server?: Server,
): void {
  if (depth > MAX_DEPTH) return;
  const target = constantValue(node, context);
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    if (maps.has(target)) return;
    maps.set(target, kind);
    if (servers && server) servers.set(target, server);
    for (const property of target.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) collectMaps(property.argument, kind, context, maps, depth + 1, servers, server);
    }
    return;
  }
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of target.elements) {
      if (element) collectMaps(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, kind, context, maps, depth + 1, servers, server);
    }
    return;
  }
  if (target.type === AST_NODE_TYPES.CallExpression && isMerge(target)) {
    for (const argument of target.arguments) collectMaps(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument, kind, context, maps, depth + 1, servers, server);
  }
}

function isMerge(call: TSESTree.CallExpression): boolean {
  const name = dottedName(call.callee);
  if (name === null) return false;
  return resolverMergeFunctions.includes(name) || resolverMergeFunctions.includes(name.slice(name.lastIndexOf('.') + 1));
}

/** `{ Query: { … } }`: a key naming a root type whose value is an object (inline or a constant). */
function hasRootTypeKey(object: TSESTree.ObjectExpression, context: ExtractContext): boolean {
  return object.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
    if (!graphqlRootTypes.includes(propertyName(property.key) ?? '')) return false;
    return constantValue(property.value, context).type === AST_NODE_TYPES.ObjectExpression;
  });
}

/**
 * The resolvers of a map: under each type key, each field's function (`user: (p, args) => …`,
 * `user(p, args) {…}`, a wrapped or same-file function) or its field config's `resolve` /
 * `subscribe`. In a graphql-js root object the functions are the top-level values.
 */
function resolversOf(object: TSESTree.ObjectExpression, kind: MapKind, context: ExtractContext, fieldType: string | null = null): { fn: FunctionNode; node: TSESTree.Node }[] {
  const found: { fn: FunctionNode; node: TSESTree.Node }[] = [];
  const fields = (fieldsObject: TSESTree.ObjectExpression): void => {
    for (const property of fieldsOf(fieldsObject, context)) {
      const value = property.value;
      const fn = resolveFunction(value, context.scopeOf(value));
      if (fn) {
        found.push({ fn, node: value });
        continue;
      }
      const config = constantValue(value, context);
      if (config.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const key of fieldResolverKeys) {
        const inner = config.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && propertyName(candidate.key) === key);
        const resolver = inner?.type === AST_NODE_TYPES.Property ? resolveFunction(inner.value, context.scopeOf(inner.value)) : null;
        if (resolver && inner?.type === AST_NODE_TYPES.Property) found.push({ fn: resolver, node: inner.value });
      }
    }
  };
  if (kind === 'root' || fieldType !== null) {
    fields(object);
    return found;
  }
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const type = constantValue(property.value, context);
    if (type.type === AST_NODE_TYPES.ObjectExpression) fields(type);
  }
  return found;
}

/**
 * graphql-js field configs written in a GraphQL file: `{ type: UserType, args: {…}, resolve(parent, args) {…} }`
 * (`new GraphQLObjectType({ fields })`, nexus- and pothos-style builders): an object with a
 * resolver key beside `type` or `args`.
 */
function fieldConfigResolvers(context: ExtractContext): { fn: FunctionNode; node: TSESTree.Node }[] {
  const found: { fn: FunctionNode; node: TSESTree.Node }[] = [];
  for (const object of nodesOfType(context.program, AST_NODE_TYPES.ObjectExpression)) {
    const keys = new Map<string, TSESTree.Property>();
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed) keys.set(propertyName(property.key) ?? '', property);
    }
    if (!keys.has('type') && !keys.has('args')) continue;
    for (const key of fieldResolverKeys) {
      const property = keys.get(key);
      const fn = property ? resolveFunction(property.value, context.scopeOf(property.value)) : null;
      // A field resolver takes the parent first: `resolve(parent, args, context)`.
      if (property && fn && fn.params.length >= 2) found.push({ fn, node: property.value });
    }
  }
  return found;
}

/** Object literals exported by the file (`export const userResolvers = {…}`, `export default {…}`) that name a root type. */
function exportedRootMaps(context: ExtractContext): TSESTree.ObjectExpression[] {
  const found: TSESTree.ObjectExpression[] = [];
  for (const value of exportedValues(context.program)) {
    const target = constantValue(value, context);
    if (target.type === AST_NODE_TYPES.ObjectExpression && !found.includes(target) && hasRootTypeKey(target, context)) found.push(target);
  }
  return found;
}

/**
 * The properties of an object of fields, with those of the constant objects of this file it spreads
 * (`Query: { ...bookQueries, ...loanQueries }` with both declared here), in order.
 */
function fieldsOf(object: TSESTree.ObjectExpression, context: ExtractContext, depth = 0): TSESTree.Property[] {
  const found: TSESTree.Property[] = [];
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property) {
      found.push(property);
      continue;
    }
    const spread = constantValue(property.argument, context);
    if (spread.type === AST_NODE_TYPES.ObjectExpression && depth < MAX_DEPTH) found.push(...fieldsOf(spread, context, depth + 1));
  }
  return found;
}

// -------------------------------------------------------------------------------------------------
// Objects of fields put under a root type in another file

/** The exports of project files an importer puts under a root type of a resolver map, by file, then export name (`default` for the default export). */
type FieldMapUses = Map<string, Map<string, string>>;

const fieldMapUses = new WeakMap<TSESTree.Program, FieldMapUses>();

/**
 * Object literals of fields this file exports (`export const bookQueries = { book: (_, args) => … }`)
 * that a file importing it puts under a root type of a resolver map (`Query: { ...bookQueries }`,
 * `Mutation: memberMutations`, `Query: merge(a, b)`), with that type. The importer's map is one
 * when the importer is a GraphQL file, or when a server in view installs what this file exports
 * (through the importer, see `installedElsewhere`). At most `MAX_RESOLVER_IMPORTERS` importers are read.
 */
function importedFieldMaps(context: ExtractContext): { object: TSESTree.ObjectExpression; type: string }[] {
  const candidates = exportedFieldObjects(context);
  if (candidates.size === 0) return [];
  const index = projectIndexOf(context.filename);
  if (!index) return [];
  const found: { object: TSESTree.ObjectExpression; type: string }[] = [];
  let installed: boolean | undefined;
  let budget = MAX_RESOLVER_IMPORTERS;
  for (const importer of index.importersOf(context.filename)) {
    if (budget-- <= 0) break;
    const module = index.module(importer);
    if (!module) continue;
    const other = moduleExtractContext(module, context);
    const uses = fieldMapUsesOf(other, (specifier) => index.resolve(importer, specifier)).get(context.filename);
    if (!uses) continue;
    if (!importsAny(other, isGraphqlModule)) {
      installed ??= installedElsewhere(context) !== null;
      if (!installed) continue;
    }
    for (const [name, type] of uses) {
      const object = candidates.get(name);
      if (object && !found.some((entry) => entry.object === object)) found.push({ object, type });
    }
  }
  return found;
}

/** Exported object literals with a function among their values and no root-type key, by export name. */
function exportedFieldObjects(context: ExtractContext): Map<string, TSESTree.ObjectExpression> {
  const found = new Map<string, TSESTree.ObjectExpression>();
  const add = (name: string, node: TSESTree.Node): void => {
    const object = constantValue(node, context);
    if (object.type !== AST_NODE_TYPES.ObjectExpression || hasRootTypeKey(object, context)) return;
    const resolvers = object.properties.some((property) => property.type === AST_NODE_TYPES.Property && resolveFunction(property.value, context.scopeOf(property.value)) !== null);
    if (resolvers) found.set(name, object);
  };
  for (const statement of context.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) add('default', statement.declaration);
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.source) {
      if (statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declaration.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) add(declarator.id.name, declarator.init);
      }
      for (const specifier of statement.specifiers) {
        if (specifier.local.type === AST_NODE_TYPES.Identifier) add(propertyName(specifier.exported) ?? '', specifier.local);
      }
    }
    // `module.exports = { bookQueries }`, `exports.bookQueries = {…}`.
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    const target = dottedName(left);
    if (target === 'module.exports') {
      const value = constantValue(right, context);
      if (value.type !== AST_NODE_TYPES.ObjectExpression) continue;
      add('default', value);
      for (const property of value.properties) {
        if (property.type === AST_NODE_TYPES.Property && !property.computed) add(propertyName(property.key) ?? '', property.value);
      }
    } else if (target !== null && /^(?:module\.)?exports\.[^.]+$/u.test(target)) {
      add(target.slice(target.lastIndexOf('.') + 1), right);
    }
  }
  return found;
}

/** What an importing file puts under the root types of its resolver maps, read once per parse (see `FieldMapUses`). */
function fieldMapUsesOf(context: ExtractContext, resolve: (specifier: string) => string | null): FieldMapUses {
  const cached = fieldMapUses.get(context.program);
  if (cached) return cached;
  const uses: FieldMapUses = new Map();
  fieldMapUses.set(context.program, uses);
  const record = (node: TSESTree.Node, type: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const value = constantValue(node, context);
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of value.properties) if (property.type === AST_NODE_TYPES.SpreadElement) record(property.argument, type, depth + 1);
      return;
    }
    if (value.type === AST_NODE_TYPES.CallExpression && isMerge(value)) {
      for (const argument of value.arguments) record(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument, type, depth + 1);
      return;
    }
    const imported = importedExport(value, context);
    if (!imported) return;
    const file = resolve(imported.module);
    if (file === null) return;
    let names = uses.get(file);
    if (!names) uses.set(file, (names = new Map()));
    if (!names.has(imported.name)) names.set(imported.name, type);
  };
  for (const object of nodesOfType(context.program, AST_NODE_TYPES.ObjectExpression)) {
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const type = propertyName(property.key);
      if (type !== null && graphqlRootTypes.includes(type)) record(property.value, type, 0);
    }
  }
  return uses;
}

/**
 * The project module and export name a value is imported as: `bookQueries` of `import { bookQueries }`
 * or `const { bookQueries } = require(…)`, `books.bookQueries` of a namespace or whole-module
 * import, `default` for a default import. Null for anything else (a package, a local value).
 */
function importedExport(node: TSESTree.Node, context: ExtractContext): { module: string; name: string } | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(context.scopeOf(target), target.name);
    if (!source || !isLocalModule(source.module)) return null;
    if (source.imported !== null) return { module: source.module, name: source.imported };
    // A default import, or a module required whole: its default export; a namespace is no object of fields.
    const definition = findVariable(context.scopeOf(target), target.name)?.defs[0];
    return definition?.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier ? null : { module: source.module, name: 'default' };
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.object.type === AST_NODE_TYPES.Identifier) {
    const source = importSource(context.scopeOf(target.object), target.object.name);
    const member = propertyName(target.property);
    if (!source || source.imported !== null || member === null || !isLocalModule(source.module)) return null;
    return { module: source.module, name: member };
  }
  return null;
}

// -------------------------------------------------------------------------------------------------
// Maps installed in another file

/** What a project file does with the files it imports, for resolver maps. */
interface InstallSummary {
  /**
   * Project files some import of which reaches the `resolvers` of a GraphQL call here, with the
   * context functions of the calls that install them.
   */
  installs: Map<string, RemoteServer>;
  /** Project files some import of which this file exports again (a barrel, a merged array). */
  reexports: Set<string>;
}

const summaries = new WeakMap<TSESTree.Program, InstallSummary>();

/**
 * The server of a file importing `file` (directly, or through one barrel that exports what it
 * imports from it) that installs one of its imports as resolvers, or null when none is found. At
 * most `MAX_RESOLVER_IMPORTERS` files are read per question; each importer's summary is cached per
 * parse. The first server found is the one whose context function is judged.
 */
function installedElsewhere(linted: ExtractContext): RemoteServer | null {
  const file = linted.filename;
  const index = projectIndexOf(file);
  if (!index) return null;
  let budget = MAX_RESOLVER_IMPORTERS;
  const visit = (target: string, depth: number): RemoteServer | null => {
    for (const importer of index.importersOf(target)) {
      if (budget-- <= 0) return null;
      const module = index.module(importer);
      if (!module) continue;
      const summary = installSummary(module, linted, (specifier) => index.resolve(importer, specifier));
      const server = summary.installs.get(target);
      if (server) return server;
      if (depth < 1 && summary.reexports.has(target)) {
        const found = visit(importer, depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  return visit(file, 0);
}

function installSummary(module: ProjectModule, linted: ExtractContext, resolve: (specifier: string) => string | null): InstallSummary {
  const cached = summaries.get(module.program);
  if (cached) return cached;
  const summary: InstallSummary = { installs: new Map(), reexports: new Set() };
  summaries.set(module.program, summary);
  const context = moduleExtractContext(module, linted);
  const targets = (value: TSESTree.Node): string[] =>
    importedSpecifiers(value, context, 0).flatMap((specifier) => {
      const target = resolve(specifier);
      return target === null ? [] : [target];
    });
  if (importsAny(context, isGraphqlModule)) {
    const installed = installedValues(context);
    const shield = installed.length > 0 ? shieldRulesOf(context) : [];
    for (const { value, call } of installed) {
      const contexts = serverOptions(call, context).map(({ value: node }) => ({ node, scopeOf: context.scopeOf, file: module.file }));
      for (const target of targets(value)) if (!summary.installs.has(target)) summary.installs.set(target, { contexts, shield });
    }
  }
  for (const value of exportedValues(module.program)) for (const target of targets(value)) summary.reexports.add(target);
  for (const statement of module.program.body) {
    // `export { default as users } from './users'`, `export * from './users'`.
    if ((statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportAllDeclaration) && statement.source) {
      const target = resolve(String(statement.source.value));
      if (target !== null) summary.reexports.add(target);
    }
  }
  return summary;
}

/** The module specifiers of the imports a value is built from (through arrays, spreads, merges, members). */
function importedSpecifiers(node: TSESTree.Node, context: ExtractContext, depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  let target = constantValue(node, context);
  while (target.type === AST_NODE_TYPES.MemberExpression) target = unwrap(target.object);
  switch (target.type) {
    case AST_NODE_TYPES.Identifier: {
      const source = importSource(context.scopeOf(target), target.name);
      return source ? [source.module] : [];
    }
    case AST_NODE_TYPES.ArrayExpression:
      return target.elements.flatMap((element) => (element ? importedSpecifiers(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, context, depth + 1) : []));
    case AST_NODE_TYPES.ObjectExpression:
      return target.properties.flatMap((property) => importedSpecifiers(property.type === AST_NODE_TYPES.SpreadElement ? property.argument : property.value, context, depth + 1));
    case AST_NODE_TYPES.CallExpression: {
      // `const resolvers = require('./resolvers')`: the constant is the require call itself.
      const required = requiredModule(target);
      if (required !== null) return [required];
      return isMerge(target) ? target.arguments.flatMap((argument) => importedSpecifiers(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument, context, depth + 1)) : [];
    }
    default:
      return [];
  }
}

// -------------------------------------------------------------------------------------------------
// Resolver classes

/** The code-first package (`@nestjs/graphql`, `type-graphql`) and imported name of a decorator, or null. */
function graphqlDecorator(expression: TSESTree.Node, context: ExtractContext): { module: keyof typeof resolverClassDecorators; name: string } | null {
  const source = decoratorSource(expression, context.scopeOf);
  if (source === null || !Object.hasOwn(resolverClassDecorators, source.module)) return null;
  return { module: source.module as keyof typeof resolverClassDecorators, name: source.name };
}

/** A method of a `@Resolver()` class that resolves a field. */
interface ResolverMethod {
  fn: FunctionNode;
  module: keyof typeof resolverClassDecorators;
  /** The root type it is a field of (`@Query()`, `@Mutation()`, `@Subscription()`), or null for a field resolver. */
  root: string | null;
  /** The field's name: the decorator's `name` option (or string argument), else the method's. */
  field: string;
  /** The root-type decorator as written (`@Mutation(() => Invoice)`), or its compiled call. */
  report: TSESTree.Node;
  decorators: readonly TSESTree.Node[];
  classDecorators: readonly TSESTree.Node[];
  classNode: ClassNode;
}

/**
 * Methods of `@Resolver()` classes that resolve a field (`@Query()`, `@Mutation()`, `@ResolveField()`,
 * ...), written with decorators or compiled to `__decorate` calls.
 */
function resolverMethods(context: ExtractContext): ResolverMethod[] {
  const methods: ResolverMethod[] = [];
  const compiled = compiledDecoratorsOf(context.program, context.scopeOf);
  for (const classNode of nodesOfType(context.program, AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression)) {
    const classDecorators = [...(classNode.decorators ?? []).map((decorator) => decorator.expression), ...(compiled.classes.get(classNode) ?? [])];
    const resolver = classDecorators.map((expression) => graphqlDecorator(expression, context)).find((found) => found !== null && found.name === resolverClassDecorators[found.module].classDecorator);
    if (!resolver) continue;
    const decorators: readonly string[] = resolverClassDecorators[resolver.module].methodDecorators;
    for (const member of classNode.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition || !isFunction(member.value)) continue;
      const written = [...(member.decorators ?? []).map((decorator) => decorator.expression), ...(compiled.methods.get(member.value)?.decorators ?? [])];
      let marked: TSESTree.Node | null = null;
      let root: string | null = null;
      for (const expression of written) {
        const found = graphqlDecorator(expression, context);
        if (found === null || found.module !== resolver.module || !decorators.includes(found.name)) continue;
        marked ??= expression;
        if (graphqlRootTypes.includes(found.name)) {
          marked = expression;
          root = found.name;
          break;
        }
      }
      if (marked === null) continue;
      const report = marked.parent?.type === AST_NODE_TYPES.Decorator ? marked.parent : marked;
      const field = decoratedFieldName(marked, context) ?? (member.computed ? null : propertyName(member.key)) ?? '(computed)';
      methods.push({ fn: member.value, module: resolver.module, root, field, report, decorators: written, classDecorators, classNode });
    }
  }
  return methods;
}

/** `@Query('author')`, `@Mutation(() => Post, { name: 'publishPost' })`: the field name the decorator gives. */
function decoratedFieldName(expression: TSESTree.Node, context: ExtractContext): string | null {
  const call = unwrap(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  for (const argument of call.arguments) {
    const value = argument.type === AST_NODE_TYPES.SpreadElement ? null : constantValue(argument, context);
    if (value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
    if (value?.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of value.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyName(property.key) !== 'name') continue;
      const name = unwrap(property.value);
      if (name.type === AST_NODE_TYPES.Literal && typeof name.value === 'string') return name.value;
    }
  }
  return null;
}

// -------------------------------------------------------------------------------------------------
// The schema in view (SDL), for what a resolver-map argument is declared as

/**
 * The type and field a resolver of a map resolves: `Query: { user: (p, args) => … }` is
 * `Query.user`; a field config's `resolve` is its field's; a map bound to a constant named by a
 * root type (`const Mutation = {…}`) is that type's. A function of a graphql-js `rootValue`, or a
 * map whose type key is not in view, is looked up under every root type.
 */
function resolverField(node: TSESTree.Node, kind: MapKind, fieldType: string | null = null): { types: readonly string[]; name: string } | null {
  let property = node.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== node || property.computed) return null;
  let name = propertyName(property.key);
  if (name !== null && fieldResolverKeys.includes(name)) {
    const config = property.parent;
    const outer = config.parent;
    if (outer?.type !== AST_NODE_TYPES.Property || outer.value !== config || outer.computed) return null;
    property = outer;
    name = propertyName(outer.key);
  }
  if (name === null) return null;
  if (kind === 'root') return { types: graphqlRootTypes, name };
  if (fieldType !== null) return { types: [fieldType], name };
  const fields = property.parent;
  const holder = fields.parent;
  let type: string | null = null;
  if (holder?.type === AST_NODE_TYPES.Property && holder.value === fields && !holder.computed) type = propertyName(holder.key);
  else if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier && graphqlRootTypes.includes(holder.id.name)) type = holder.id.name;
  return { types: type === null ? graphqlRootTypes : [type], name };
}

/** Files whose SDL is read per resolver file: the file, the servers installing its maps, what their `typeDefs` import. */
const MAX_SCHEMA_FILES = 16;
/** A `.graphql` file larger than this is not read. */
const MAX_SDL_FILE_BYTES = 1_000_000;

const fileSchemas = new WeakMap<TSESTree.Program, SdlSchema>();

/** The SDL in view of a resolver file, read when first asked. */
function lazySchema(context: ExtractContext): () => SdlSchema {
  let schema: SdlSchema | null = null;
  return () => {
    if (schema) return schema;
    const cached = fileSchemas.get(context.program);
    if (cached) return (schema = cached);
    schema = emptySdl();
    fileSchemas.set(context.program, schema);
    const texts: string[] = [];
    const budget = { files: MAX_SCHEMA_FILES };
    sdlTexts(context, texts, budget);
    for (const server of installingFiles(context)) {
      if (budget.files-- <= 0) break;
      sdlTexts(server, texts, budget);
    }
    for (const text of texts) parseSdl(text, schema);
    return schema;
  };
}

/** `gql`/`graphql` tags (`gql\`type Query {…}\``, `graphql.gql\`…\``). */
const SDL_TAGS: ReadonlySet<string> = new Set(['gql', 'graphql']);

/**
 * The SDL texts of a file: its `gql`/`graphql` tagged templates, and the `typeDefs` given to a
 * GraphQL call there (strings, templates, arrays, `mergeTypeDefs([...])`, `readFileSync` of a
 * `.graphql` file, a constant imported from a project file).
 */
function sdlTexts(context: ExtractContext, texts: string[], budget: { files: number }): void {
  for (const tagged of nodesOfType(context.program, AST_NODE_TYPES.TaggedTemplateExpression)) {
    const tag = dottedName(tagged.tag);
    if (tag !== null && SDL_TAGS.has(tag.slice(tag.lastIndexOf('.') + 1))) texts.push(templateText(tagged.quasi));
  }
  if (!importsAny(context, isGraphqlModule)) return;
  for (const call of nodesOfType(context.program, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression)) {
    if (!isGraphqlCall(call, context)) continue;
    for (const argument of call.arguments) {
      for (const options of objectsOf(argument, context)) {
        for (const property of options.properties) {
          if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === 'typeDefs') sdlOfValue(property.value, context, texts, budget, 0);
        }
      }
    }
  }
}

function templateText(template: TSESTree.TemplateLiteral): string {
  return template.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('\n');
}

function sdlOfValue(node: TSESTree.Node, context: ExtractContext, texts: string[], budget: { files: number }, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const target = constantValue(node, context);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      if (typeof target.value === 'string') texts.push(target.value);
      return;
    case AST_NODE_TYPES.TemplateLiteral:
      texts.push(templateText(target));
      return;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      // Read with the file's tagged templates.
      return;
    case AST_NODE_TYPES.ArrayExpression:
      for (const element of target.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) sdlOfValue(element, context, texts, budget, depth + 1);
      return;
    case AST_NODE_TYPES.CallExpression: {
      // `const typeDefs = require('./schema')`: the SDL of that project file.
      const required = requiredModule(target);
      if (required !== null) {
        sdlOfModule(required, context, texts, budget, depth);
        return;
      }
      const name = dottedName(target.callee);
      const method = name?.slice(name.lastIndexOf('.') + 1);
      if (method === 'readFileSync') {
        const file = sdlFilePath(target.arguments[0], context);
        if (file !== null) {
          const text = readSdlFile(file);
          if (text !== null) texts.push(text);
        }
        return;
      }
      for (const argument of target.arguments) if (argument.type !== AST_NODE_TYPES.SpreadElement) sdlOfValue(argument, context, texts, budget, depth + 1);
      return;
    }
    case AST_NODE_TYPES.Identifier: {
      // `import { typeDefs } from './schema'`: the SDL of that project file.
      const source = importSource(context.scopeOf(target), target.name);
      if (source) sdlOfModule(source.module, context, texts, budget, depth);
      return;
    }
    default:
      return;
  }
}

/** The SDL a project module imported or required as `specifier` holds: its tagged templates, and the templates and calls it exports. */
function sdlOfModule(specifier: string, context: ExtractContext, texts: string[], budget: { files: number }, depth: number): void {
  if (!specifier.startsWith('.')) return;
  const index = projectIndexOf(context.filename);
  const file = index?.resolve(context.filename, specifier) ?? null;
  const module = file !== null ? index?.module(file) : null;
  if (!module || budget.files-- <= 0) return;
  const other = moduleExtractContext(module, context);
  for (const tagged of nodesOfType(module.program, AST_NODE_TYPES.TaggedTemplateExpression)) {
    const tag = dottedName(tagged.tag);
    if (tag !== null && SDL_TAGS.has(tag.slice(tag.lastIndexOf('.') + 1))) texts.push(templateText(tagged.quasi));
  }
  for (const value of exportedValues(module.program)) {
    const inner = constantValue(value, other);
    if (inner.type === AST_NODE_TYPES.TemplateLiteral || inner.type === AST_NODE_TYPES.CallExpression) sdlOfValue(inner, other, texts, budget, depth + 1);
  }
}

/**
 * The `.graphql` file a `readFileSync` argument names: `'./schema.graphql'` (beside the file),
 * `new URL('./schema.graphql', import.meta.url)`, `path.join(__dirname, 'schema.graphql')`.
 */
function sdlFilePath(argument: TSESTree.Node | undefined, context: ExtractContext): string | null {
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || !path.isAbsolute(context.filename)) return null;
  const directory = path.dirname(context.filename);
  const literal = (node: TSESTree.Node): string | null => {
    const target = constantValue(node, context);
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value;
    if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) return target.quasis[0]?.value.cooked ?? null;
    return null;
  };
  const target = constantValue(argument, context);
  let relative: string | null = null;
  if (target.type === AST_NODE_TYPES.NewExpression && dottedName(target.callee) === 'URL' && target.arguments[0]) {
    const base = target.arguments[1];
    const meta = base ? unwrap(base) : null;
    if (meta?.type === AST_NODE_TYPES.MemberExpression && meta.object.type === AST_NODE_TYPES.MetaProperty && propertyName(meta.property) === 'url') relative = literal(target.arguments[0]);
  } else if (target.type === AST_NODE_TYPES.CallExpression && /(?:^|\.)(?:join|resolve)$/u.test(dottedName(target.callee) ?? '')) {
    const [first, ...rest] = target.arguments;
    const dirname = first && first.type === AST_NODE_TYPES.Identifier && first.name === '__dirname';
    const parts = rest.map((part) => (part.type === AST_NODE_TYPES.SpreadElement ? null : literal(part)));
    if (dirname && parts.every((part) => part !== null)) relative = path.join(...(parts as string[]));
  } else {
    relative = literal(target);
  }
  if (relative === null || !/\.(?:graphql|gql|graphqls)$/u.test(relative)) return null;
  return path.resolve(directory, relative);
}

const sdlFiles = new Map<string, { mtimeMs: number; size: number; text: string | null }>();

function readSdlFile(file: string): string | null {
  // A schema file that is not there gives no declarations: its arguments keep the default reading.
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return null;
  const known = sdlFiles.get(file);
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.text;
  const text = stat.isFile() && stat.size <= MAX_SDL_FILE_BYTES ? fs.readFileSync(file, 'utf8') : null;
  sdlFiles.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
  return text;
}

/**
 * The project files (as extract contexts) that install one of this file's resolver maps in a
 * GraphQL call, directly or through one barrel that exports them again (see `installedElsewhere`).
 */
function installingFiles(linted: ExtractContext): ExtractContext[] {
  const index = projectIndexOf(linted.filename);
  if (!index) return [];
  const found: ExtractContext[] = [];
  let budget = MAX_RESOLVER_IMPORTERS;
  const visit = (target: string, depth: number): void => {
    for (const importer of index.importersOf(target)) {
      if (budget-- <= 0) return;
      const module = index.module(importer);
      if (!module) continue;
      const summary = installSummary(module, linted, (specifier) => index.resolve(importer, specifier));
      if (summary.installs.has(target)) found.push(moduleExtractContext(module, linted));
      else if (depth < 1 && summary.reexports.has(target)) visit(importer, depth + 1);
    }
  };
  visit(linted.filename, 0);
  return found;
}
