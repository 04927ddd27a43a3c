import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  baseProcedureMember,
  procedureBuilderMethods,
  procedureKinds,
  procedureMiddlewareMethods,
  routerFactories,
  routerMergers,
  trpcModules,
} from '../../../models/frameworks/trpc.js';
import { dottedName, findVariable, importSource, isConstantBinding, isFunction, propertyName, resolveFunction, singleDefinition, unwrap, type Scope } from '../../../utils/ast.js';
import { importedDefinition } from '../../project/imported.js';
import { resolveHandler } from '../handlers.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard } from '../types.js';
import { callsOf, claim, importedFrom, importsAny, isProjectModule, makeGuard, methodCall, moduleMember } from './shared-ast.js';

/*
 * tRPC procedures as routes. A procedure is a chain from a base procedure through builder
 * methods (`.use(mw)`, `.input(schema)`) to its resolver (`.query(fn)`, `.mutation(fn)`); the
 * resolver is the handler, its `input` the client's (see the `trpc` request style), and every
 * middleware of the chain, the base's included, runs before it. The base is recognised by what
 * it is, never by its name: `t.procedure` of an `initTRPC…create()` instance, a `const` of this
 * file built from one, or a procedure imported from the project's tRPC setup file, which the auth
 * judge follows to its definition (`t.procedure.use(isAuthed)` there is judged by `isAuthed`'s body).
 *
 * A procedure's route has no URL of its own here (the adapter's endpoint is set elsewhere): it is
 * named by its procedure path (`user.byId`, the keys of the routers of this file that hold it),
 * and public-route patterns match it by that path as segments (`auth.signUp` → `/auth/sign-up`).
 */

const MAX_DEPTH = 8;
const KINDS: Readonly<Record<string, string>> = procedureKinds;

const isTrpcModule = (module: string): boolean => trpcModules.some((candidate) => module === candidate || module.startsWith(`${candidate}/`));

/** Where a middleware of a base procedure imported from another file is written. */
interface Elsewhere {
  scopeOf: (node: TSESTree.Node) => Scope;
  file: string;
}

/** What a procedure chain is built from, outermost (the base) first. */
interface Chain {
  /**
   * Middleware expressions. `elsewhere` is set for those of a base imported from another file (the
   * node is in that file); `base` is the identifier in the linted file that imports it.
   */
  guards: { node: TSESTree.Node; elsewhere: Elsewhere | null; base: TSESTree.Identifier | null }[];
  /** The `.input(schema)` nearest the resolver, or null. */
  input: TSESTree.Node | null;
}

export const trpcExtractor: FrameworkExtractor = {
  framework: 'trpc',
  extract(context) {
    const importsTrpc = importsAny(context, isTrpcModule);
    // Most files have no resolver call at all: one scan of the text spares them the walk below.
    const text = context.sourceCode.text;
    if (!importsTrpc && !/\.(?:query|mutation|subscription)\s*\(/u.test(text)) return {};
    const routes: Route[] = [];
    for (const call of callsOf(context.program)) {
      const parsed = methodCall(call);
      if (!parsed || !Object.hasOwn(KINDS, parsed.method) || context.claimed.has(call)) continue;
      const resolver = call.arguments[0];
      if (!resolver || resolver.type === AST_NODE_TYPES.SpreadElement || call.arguments.length !== 1) continue;
      const chain = procedureChain(parsed.object, context, importsTrpc || inRouter(call, context), 0);
      if (!chain) continue;
      const fn = resolveHandler(resolver, context.scopeOf(resolver));
      if (!fn) continue;
      claim(context, call, fn);
      routes.push(toRoute(call, parsed.method, fn, resolver, chain, context));
    }
    return { routes };
  },
};

function toRoute(call: TSESTree.CallExpression, kind: string, fn: NonNullable<ReturnType<typeof resolveHandler>>, resolver: TSESTree.Node, chain: Chain, context: ExtractContext): Route {
  const segments = procedurePath(call, context, 0);
  const name = segments.length > 0 ? segments.join('.') : '(unnamed)';
  const key = call.parent.type === AST_NODE_TYPES.Property && call.parent.value === call ? call.parent.key : null;
  const guards: RouteGuard[] = chain.guards.map(({ node, elsewhere, base }): RouteGuard => {
    if (!elsewhere || !base) return makeGuard(node, context, 'middleware', base ? 'router' : 'route');
    // Judged by its definition in the setup file, where `isAuthed` is `t.middleware(fn)`.
    const declared = resolveFunction(node, elsewhere.scopeOf(node)) ?? node;
    return { kind: 'middleware', name: isFunction(unwrap(node)) ? null : dottedName(node), node: base, fn: null, level: 'router', declaredIn: { node: declared, scopeOf: elsewhere.scopeOf, file: elsewhere.file } };
  });
  return {
    framework: 'trpc',
    methods: [KINDS[kind] ?? 'POST'],
    path: null,
    reportNode: key ?? call,
    handler: {
      node: resolver,
      fn,
      style: 'trpc',
      ...(chain.input ? { validation: { format: 'zod' as const, schemas: { body: chain.input } } } : {}),
    },
    guards,
    insertBefore: null,
    owner: null,
    label: `tRPC ${kind} \`${name}\` (${context.relativeFilename})`,
    ...(segments.length > 0 ? { namePath: `/${segments.map(kebab).join('/')}` } : {}),
  };
}

/** `signUp` → `sign-up`. */
function kebab(name: string): string {
  return name.replaceAll(/(?<=[a-z0-9])(?=[A-Z])/gu, '-').toLowerCase();
}

/**
 * Reads a procedure chain back from the resolver's receiver to its base. Null when the base is not
 * a procedure: the chain must start at `t.procedure` of a tRPC instance, at a procedure `const` of
 * this file, or at a value imported from a project module where the file shows tRPC (`trusted`:
 * it imports `@trpc/server`, or the procedure sits in a router call).
 */
function procedureChain(node: TSESTree.Node, context: ExtractContext, trusted: boolean, depth: number): Chain | null {
  if (depth > MAX_DEPTH) return null;
  const middleware: TSESTree.Node[] = [];
  let input: TSESTree.Node | null = null;
  let current = unwrap(node);
  for (let steps = 0; steps < 32; steps++) {
    const parsed = methodCall(current);
    if (!parsed || !procedureBuilderMethods.includes(parsed.method)) break;
    const argument = parsed.call.arguments[0];
    if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) {
      if (procedureMiddlewareMethods.includes(parsed.method)) middleware.unshift(argument);
      if (parsed.method === 'input') input ??= argument;
    }
    current = parsed.object;
  }
  const base = baseChain(current, context, trusted, depth);
  if (!base) return null;
  return { guards: [...base.guards, ...middleware.map((item) => ({ node: item, elsewhere: null, base: null }))], input: input ?? base.input };
}

function baseChain(node: TSESTree.Node, context: ExtractContext, trusted: boolean, depth: number): Chain | null {
  const target = unwrap(node);
  // `t.procedure`, where `t` is `initTRPC.context<Ctx>().create()`.
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && propertyName(target.property) === baseProcedureMember) {
    return isTrpcInstance(target.object, context, 0) ? { guards: [], input: null } : null;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(context.scopeOf(target), target.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (!definition) return null;
  if (definition.type === 'ImportBinding') {
    const module = importedFrom(target, context);
    // A path, or an alias the project model resolves to one of its files (tsconfig `paths`, exact or
    // with `*`, `baseUrl`, a workspace package): `@trpc-setup`, `server/trpc`.
    if (module === null || !trusted || !isProjectModule({ module, from: target })) return null;
    const source = importSource(context.scopeOf(target), target.name);
    const exported = source?.imported === null || source?.imported === 'default' ? '' : (source?.imported ?? target.name);
    const imported = importedDefinition(target, module, exported);
    const there = imported ? procedureChain(imported.node, { ...context, scopeOf: imported.scopeOf }, true, depth + 1) : null;
    // Out of view, or not a procedure there: the base itself is the guard, judged by what it names.
    if (!imported || !there) return { guards: [{ node: target, elsewhere: null, base: target }], input: null };
    const elsewhere: Elsewhere = { scopeOf: imported.scopeOf, file: imported.file };
    // The linted file's scope lookup cannot read a schema written in the other file: it is not used.
    return { guards: there.guards.map((guard) => ({ node: guard.node, elsewhere: guard.elsewhere ?? elsewhere, base: target })), input: null };
  }
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) {
    return procedureChain(definition.node.init, context, trusted, depth + 1);
  }
  return null;
}

/** `initTRPC.create()`, `initTRPC.context<Ctx>().meta<M>().create()`, through a `const`. */
function isTrpcInstance(node: TSESTree.Node, context: ExtractContext, depth: number): boolean {
  if (depth > 4) return false;
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(context.scopeOf(target), target.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
    return isTrpcInstance(definition.node.init, context, depth + 1);
  }
  for (let steps = 0; steps < 16; steps++) {
    if (target.type === AST_NODE_TYPES.CallExpression) target = unwrap(target.callee);
    else if (target.type === AST_NODE_TYPES.MemberExpression) {
      const member = moduleMember(target, context);
      if (member && isTrpcModule(member.module)) return true;
      target = unwrap(target.object);
    } else break;
  }
  const member = target.type === AST_NODE_TYPES.Identifier ? moduleMember(target, context) : null;
  return member !== null && isTrpcModule(member.module);
}

/** A call that builds a router: `t.router(...)`, `router(...)`, `createTRPCRouter(...)`, `mergeRouters(...)`. */
function isRouterCall(node: TSESTree.Node | undefined): node is TSESTree.CallExpression {
  if (node?.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = dottedName(node.callee);
  const last = name?.slice(name.lastIndexOf('.') + 1) ?? null;
  return last !== null && (routerFactories.includes(last) || routerMergers.includes(last));
}

/** Whether the procedure is written inside the object of a router call. */
function inRouter(call: TSESTree.CallExpression, context: ExtractContext): boolean {
  return procedurePath(call, context, 0, true).length > 0;
}

/**
 * The keys that lead to `node` through the routers of this file: its property key, the keys of
 * enclosing objects, and, for a router or procedure bound to a `const`, the key it is given in
 * another router of the file. `strict` keeps only keys that lead to a router call.
 */
function procedurePath(node: TSESTree.Node, context: ExtractContext, depth: number, strict = false): string[] {
  if (depth > MAX_DEPTH) return [];
  let current: TSESTree.Node = node;
  while (current.parent && (unwrap(current.parent) === node || current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) current = current.parent;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === current) {
    const key = parent.computed && parent.key.type !== AST_NODE_TYPES.Literal ? null : propertyName(parent.key);
    const object = parent.parent;
    if (key === null || object.type !== AST_NODE_TYPES.ObjectExpression) return [];
    const holder = object.parent;
    if (isRouterCall(holder) && holder.arguments.includes(object)) return [...procedurePath(holder, context, depth + 1), key];
    // tRPC 11 takes plain objects nested in a router's object as sub-routers.
    const outer = procedurePath(object, context, depth + 1, strict);
    return strict && outer.length === 0 ? [] : [...outer, key];
  }
  if (strict && isRouterCall(current)) return ['(router)'];
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(context.scopeOf(parent.id), parent.id.name);
    for (const reference of variable?.references ?? []) {
      const use = reference.identifier;
      if (use === parent.id) continue;
      const usedIn = use.parent;
      const asValue = usedIn?.type === AST_NODE_TYPES.Property && usedIn.value === use;
      const merged = isRouterCall(usedIn) && usedIn.arguments.includes(use as TSESTree.Expression);
      if (asValue || merged) {
        const path = procedurePath(merged ? usedIn : use, context, depth + 1, strict);
        if (path.length > 0) return path;
      }
    }
  }
  return strict && isRouterCall(current) ? ['(router)'] : [];
}
