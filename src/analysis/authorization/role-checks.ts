import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { defaultRoleRequiredRoutes } from '../../models/auth.js';
import { authorizesCallerItself } from './privilege.js';
import { findVariable, propertyName, scopeLookup, unwrap } from '../../utils/ast.js';
import { getSettings } from '../../utils/settings.js';
import { authVocabulary, classifyRoute, routeRoleCheck, type AuthVerdict, type AuthVocabulary, type ScopeOf } from '../routes/auth.js';
import { classifyWithDeclaredMount, declaredMountFor, relativeFilename } from '../routes/declared-mounts.js';
import { getRoutes, type Route, type RouteGuard } from '../routes/index.js';
import path from 'node:path';
import { coMountedRouters, type CoMountedRouter, judgeMountedRoute, mayBeMountedElsewhere, scopeOfAcrossFiles, type MountChain } from '../routes/mounts-across-files.js';
import { candidateFiles } from '../project/candidates.js';
import { moduleContext } from '../project/context.js';
import { readProjectFile } from '../routes/project-files.js';
import { projectIndexOf } from '../project/index.js';
import { fileOfNode } from '../project/parse.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A route as one of its mounts serves it (or as its file alone shows it), with its verdicts. */
export interface RoleJudgedEntry {
  /** The route with the mount's prefix and guards (the file's route when it has no mount in view). */
  route: Route;
  verdict: AuthVerdict;
  /** Where the mount is, `file:line` relative to the working directory, or null for the file's own route. */
  mountedAt: string | null;
  /** A role or permission check runs before the handler or in it (see `roleCheckOf`). */
  checked: boolean;
  /** The mount in another file this entry is served through, or null. */
  chain: MountChain | null;
}

/** A route of the linted file judged for role checks: one entry per mount found (one when none). */
export interface RoleJudgedRoute {
  route: Route;
  entries: RoleJudgedEntry[];
}

const judgedCache = new WeakMap<TSESTree.Program, RoleJudgedRoute[]>();

/**
 * Every route of the linted file with its authentication verdict and whether a role or permission
 * check runs for it: by name (`roleChecks` of settings, the built-in role-check names, which
 * `classifyRoute` reads) or by evidence (a guard, middleware or hook whose definition compares a
 * role or answers 403, in this file, at a mount in another file, or through its import; an `if` of
 * the handler that rejects by role). Shared by `require-role-check` and the inventory.
 */
export function roleJudgedRoutes(context: AnyContext): RoleJudgedRoute[] {
  const program = context.sourceCode.ast;
  const cached = judgedCache.get(program);
  if (cached) return cached;
  const judged = judgeRoles(context, getRoutes(context).routes);
  judgedCache.set(program, judged);
  return judged;
}

const resolverCache = new WeakMap<TSESTree.Program, RoleJudgedRoute[]>();

/**
 * The GraphQL root fields of the linted file (`Mutation.deleteUser`, entry points without a URL,
 * kept apart from its routes) judged as `roleJudgedRoutes` judges routes: their authentication (the
 * server's context function, a wrapper, the resolver class's guards, the resolver's own test of
 * the caller) and whether a role check runs for them (a guard or wrapper whose definition compares
 * a role, `@Authorized('ADMIN')`, a graphql-shield rule, a role test of the resolver's body).
 */
export function roleJudgedResolvers(context: AnyContext): RoleJudgedRoute[] {
  const program = context.sourceCode.ast;
  const cached = resolverCache.get(program);
  if (cached) return cached;
  const judged = judgeRoles(context, getRoutes(context).resolvers ?? []);
  resolverCache.set(program, judged);
  return judged;
}

function judgeRoles(context: AnyContext, routes: readonly Route[]): RoleJudgedRoute[] {
  const settings = getSettings(context);
  const vocabulary = authVocabulary(settings);
  const scopeOf = scopeLookup(context.sourceCode);
  const mountDeclaration = declaredMountFor(settings, relativeFilename(context));
  const judged: RoleJudgedRoute[] = [];
  for (const route of routes) {
    const declared = classifyWithDeclaredMount(route, mountDeclaration, vocabulary, scopeOf);
    const entries: RoleJudgedEntry[] = [];
    if (mayBeMountedElsewhere(declared.route.owner)) {
      const mounted = judgeMountedRoute(context, declared.route, vocabulary);
      if (mounted !== null) {
        const across = scopeOfAcrossFiles(context);
        for (const entry of mounted) {
          entries.push({
            route: entry.route,
            verdict: entry.verdict,
            mountedAt: `${relativeTo(context.cwd, entry.mount.file)}:${String(entry.mount.line)}`,
            checked: isRoleChecked(entry.route, vocabulary, across),
            chain: entry.mount,
          });
        }
      }
    }
    if (entries.length === 0) {
      entries.push({
        route: declared.route,
        verdict: declared.verdict,
        mountedAt: null,
        checked: isRoleChecked(declared.route, vocabulary, scopeOf),
        chain: null,
      });
    }
    judged.push({ route, entries });
  }
  return judged;
}

/**
 * Whether a role or permission check runs for a route: by evidence (`roleCheckOf`), or by the
 * judgement of `classifyRoute` (a role-check name, a Hapi `scope`, a role test of the handler or of
 * a guard in view) once the guards whose definition is in view are left to the evidence: a
 * `RolesGuard` on a controller restricts only the routes its definition restricts (those with
 * `@Roles(...)` when it reads them), whatever its name. A role-check name out of view (a package's
 * guard, a decorator read by a guard registered elsewhere) still counts.
 */
function isRoleChecked(route: Route, vocabulary: AuthVocabulary, scopeOf: ScopeOf): boolean {
  if (roleCheckOf(route, vocabulary, scopeOf) !== null) return true;
  const guards = route.guards.filter((guard) => guard.kind === 'decorator' || guard.name === null || !vocabulary.isRoleCheck(guard.name) || !definitionInView(guard, scopeOf));
  return classifyRoute({ ...route, guards }, vocabulary, scopeOf).roleChecked;
}

/** Whether a guard's definition is in the project: a function of the route's file, or a name defined or imported from a project file. */
function definitionInView(guard: RouteGuard, scopeOf: ScopeOf): boolean {
  if (guard.fn !== null || guard.declaredIn !== undefined) return true;
  let node: TSESTree.Node = guard.node.type === AST_NODE_TYPES.Decorator ? guard.node.expression : guard.node;
  for (;;) {
    if (node.type === AST_NODE_TYPES.CallExpression) node = node.callee;
    else if (node.type === AST_NODE_TYPES.MemberExpression) node = node.object;
    else break;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(scopeOf(node), node.name);
  const definition = variable?.defs[0];
  if (!definition) return false;
  if (definition.type !== 'ImportBinding') return true;
  // Imported: in view when the import resolves to a file of the project (on disk).
  const source = definition.parent.type === AST_NODE_TYPES.ImportDeclaration ? definition.parent.source.value : '';
  const file = fileOfNode(node);
  const index = file === undefined ? null : projectIndexOf(file);
  return file !== undefined && index !== null && index.resolve(file, source) !== null;
}

/**
 * How a message names the role check in front of a route (see `routeRoleCheck`), judged for the
 * whole handler: a check anywhere before its end counts.
 */
export function roleCheckOf(route: Route, vocabulary: AuthVocabulary, scopeOf: ScopeOf): string | null {
  const handler = route.handler?.fn;
  const end = handler ? handler.body : route.reportNode;
  return routeRoleCheck(route, vocabulary, scopeOf, end);
}

/** Whether a route only reads (GET, HEAD): reads are compared with reads, writes with writes. */
function readsOnly(route: Route): boolean {
  return route.methods.length > 0 && route.methods.every((method) => method === 'GET' || method === 'HEAD');
}

/**
 * The resource a route's path is about, its first segment (`users` of `/users/:id/role`): routes of
 * one router about different resources (`/users/:id` and `/me`) are no siblings.
 */
function firstSegment(route: Route): string {
  return route.path?.split('/').find((segment) => segment !== '') ?? '';
}

/** What groups routes as siblings: their router, app or plugin instance, their controller class, or their file (file-based routes). */
function siblingGroup(route: Route): object | string {
  if (route.owner) return route.owner.declaration ?? `owner:${route.owner.name}`;
  let node: TSESTree.Node | undefined = route.handler?.fn ?? route.reportNode;
  while (node && node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) node = node.parent;
  return node ?? 'file';
}

/** How a message names a group of siblings: `on \`adminRouter\``, `in \`UsersController\``, `in this file`. */
function groupLabel(route: Route): string {
  if (route.owner) return `on \`${route.owner.name}\``;
  let node: TSESTree.Node | undefined = route.handler?.fn ?? route.reportNode;
  while (node && node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) node = node.parent;
  const name = node && (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) ? node.id?.name : undefined;
  return name === undefined ? 'in this file' : `in \`${name}\``;
}

/** The siblings of a route that check a role while it does not (see `inconsistentSiblings`). */
export interface SiblingEvidence {
  /** Siblings of the same kind (reads or writes) that are authenticated. */
  total: number;
  /** Of those, the ones with a role check. */
  checked: number;
  /** `on \`router\``, `in \`AdminController\``, `under \`/users\` (this file and src/routes/users-admin.ts)`. */
  where: string;
  /** The role check most of them run at the route, as written (`requireRole('admin')`, `@Roles(Role.Admin)`), or null when theirs is not a route-level one. */
  check: RoleCheckText | null;
  /** Whether `check` can be written in the route's file as it stands (its name is bound there). */
  checkInScope: boolean;
}

/** A role check of a route as written, to name it in a message and to offer it to another route. */
export interface RoleCheckText {
  text: string;
  /**
   * `middleware` is inserted before the handler; `decorator` above the route's decorator; `hook` (a
   * Fastify route hook) into the route's hook of the same name (`hook`), after what runs there.
   */
  kind: 'middleware' | 'decorator' | 'hook';
  /** The Fastify hook the check is written in (`preHandler`), for `hook`. */
  hook?: string;
}

/**
 * A route of another file about the same resource as a route of the linted file: a route of a
 * router mounted at the same path on the same app (`app.use('/users', a); app.use('/users', b)`),
 * or of a NestJS controller with the same path (`@Controller('users')` in two files).
 */
export interface ForeignSibling {
  file: string;
  /** Kind (read or write) and resource, as `siblingKey` writes them for cross-file comparison. */
  key: string;
  /** Authenticated, or checked. */
  counted: boolean;
  checked: boolean;
  /** The route-level role check it runs, as written in its file. */
  check: RoleCheckText | null;
}

/**
 * The siblings that make a route's missing role check inconsistent: among the authenticated routes
 * of its router, controller or file, about the same resource (first path segment), that do the same
 * kind of thing (read, or write), at least two check a role, and three quarters of them do, while
 * the route's handler makes no check of the caller of its own. `foreign` adds the routes of other
 * files about the same resource (see `foreignSiblings`). Null when they do not.
 */
export function inconsistentSiblings(
  judged: readonly RoleJudgedRoute[],
  target: RoleJudgedRoute,
  vocabulary: AuthVocabulary,
  sourceCode: Readonly<TSESLint.SourceCode>,
  foreign: readonly ForeignSibling[] = [],
): SiblingEvidence | null {
  if (target.route.methods.includes('ALL')) return null;
  const group = siblingsOf(judged).get(siblingGroup(target.route))?.get(siblingKey(target.route)) ?? [];
  const siblings = group.filter((candidate) => candidate !== target && candidate.entries.some((entry) => entry.verdict.status === 'authenticated' || entry.checked));
  const checked = siblings.filter((candidate) => candidate.entries.every((entry) => entry.checked));
  const others = foreign.filter((sibling) => sibling.counted);
  const othersChecked = others.filter((sibling) => sibling.checked);
  const total = siblings.length + others.length;
  const checkedCount = checked.length + othersChecked.length;
  if (checkedCount < 2 || checkedCount * 4 < total * 3) return null;
  // A handler that checks the caller itself (an object-level check, a role it reads its own way) is open to users on purpose.
  const handler = target.route.handler?.fn;
  if (handler && authorizesCallerItself(handler, sourceCode)) return null;
  const counts = checkCounts(checked, vocabulary, sourceCode);
  for (const sibling of othersChecked) {
    if (sibling.check === null) continue;
    const known = counts.get(sibling.check.text);
    if (known) known.count++;
    else counts.set(sibling.check.text, { check: sibling.check, count: 1, local: false });
  }
  const best = mostCommon(counts);
  const where = others.length === 0 ? groupLabel(target.route) : foreignLabel(target, others, sourceCode);
  return { total, checked: checkedCount, where, check: best?.check ?? null, checkInScope: best !== null && (best.local || boundInFile(best.check.text, sourceCode)) };
}

/** `under \`/users\` (this file and src/routes/users-admin.ts)`: where siblings of several files are. */
function foreignLabel(target: RoleJudgedRoute, others: readonly ForeignSibling[], sourceCode: Readonly<TSESLint.SourceCode>): string {
  const files = [...new Set(others.map((sibling) => sibling.file))];
  const shown = files.slice(0, 2).join(', ');
  const more = files.length > 2 ? ` and ${String(files.length - 2)} more` : '';
  const resource = foreignResourceOf(target, sourceCode);
  const prefix = resource === null ? '' : `under \`${resource}\` `;
  return `${prefix}(this file and ${shown}${more})`;
}

/** The resource path a message names (`/users`), from the first key the route has. */
function foreignResourceOf(target: RoleJudgedRoute, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  const keys = foreignKeysOf(target, sourceCode);
  const first = keys[0];
  if (first === undefined) return null;
  const resource = first.slice(first.indexOf(' ') + 1);
  const base = resource.slice(0, resource.lastIndexOf('/'));
  return base === '' ? resource : base;
}

/** Whether a check written elsewhere (`requireRole('admin')`, `@Roles('admin')`) names a binding of this file. */
function boundInFile(text: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const name = /^@?\s*([A-Za-z_$][\w$]*)/u.exec(text)?.[1];
  if (name === undefined) return false;
  const global = sourceCode.scopeManager?.globalScope;
  if (!global) return false;
  return global.set.has(name) || global.childScopes.some((scope) => scope.type === 'module' && scope.set.has(name));
}

/**
 * How a route is compared with the routes of other files: its kind (read or write) and its
 * resource, the full prefix its router is mounted at (or its NestJS controller's path) and the
 * first segment of its own path, parameters written `:` (`write /users/:` of `PATCH /:id/role` on
 * a router mounted at `/users`). A prefix without a static segment names no resource.
 */
function foreignKeysOf(target: RoleJudgedRoute, sourceCode: Readonly<TSESLint.SourceCode>): string[] {
  const route = target.route;
  if (route.methods.includes('ALL')) return [];
  const kind = readsOnly(route) ? 'read' : 'write';
  const keys = new Set<string>();
  for (const entry of target.entries) {
    if (entry.chain?.prefix == null) continue;
    const key = resourceKey(kind, entry.chain.prefix, firstSegment(route));
    if (key !== null) keys.add(key);
  }
  if (route.framework === 'nestjs') {
    const nest = nestResource(route, sourceCode);
    if (nest !== null) {
      const key = resourceKey(kind, nest.controller, nest.first);
      if (key !== null) keys.add(key);
    }
  }
  return [...keys];
}

function resourceKey(kind: string, prefix: string, first: string): string | null {
  const segments = prefix.split('/').filter((segment) => segment !== '').map(normalSegment);
  if (!segments.some((segment) => segment !== ':')) return null;
  return `${kind} /${segments.join('/')}/${normalSegment(first)}`;
}

function normalSegment(segment: string): string {
  return /^[:{[*]/u.test(segment) ? ':' : segment;
}

/** A NestJS route's controller path (`users` of `@Controller('users')`) and the first segment of its method's path. */
function nestResource(route: Route, sourceCode: Readonly<TSESLint.SourceCode>): { controller: string; first: string } | null {
  const decorator = route.reportNode;
  if (decorator.type !== AST_NODE_TYPES.Decorator) return null;
  const methodPath = decorator.expression.type === AST_NODE_TYPES.CallExpression ? literalPath(decorator.expression.arguments[0]) : '';
  let node: TSESTree.Node | undefined = decorator.parent;
  while (node && node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) node = node.parent;
  if (!node) return null;
  for (const classDecorator of node.decorators) {
    const expression = classDecorator.expression;
    if (expression.type !== AST_NODE_TYPES.CallExpression || !/(?:^|\.)Controller$/u.test(sourceCode.getText(expression.callee))) continue;
    const controller = literalPath(expression.arguments[0]);
    if (controller === null || methodPath === null) return null;
    return { controller, first: methodPath.split('/').find((segment) => segment !== '') ?? '' };
  }
  return null;
}

/** A static path argument: `'users'`, `{ path: 'users' }`; absent is `''`; anything else null. */
function literalPath(node: TSESTree.Node | undefined): string | null {
  if (node === undefined) return '';
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' ? value.value : null;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0]?.value.cooked ?? null;
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const pathProperty = value.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyName(property.key) === 'path');
    return pathProperty ? literalPath(pathProperty.value) : '';
  }
  return null;
}

/** A foreign sibling with the absolute file it is in (to leave out the linted file). */
interface KeptSibling extends ForeignSibling {
  absolute: string;
}

/** Per version of a router file and per mount of it: its routes as siblings. */
const mountedSiblingCache = new WeakMap<TSESTree.Program, Map<string, KeptSibling[]>>();
/** Per project index: the routes of its NestJS controllers by key, for one generation of the index. */
const nestSiblingCache = new WeakMap<object, { generation: number; byKey: Map<string, KeptSibling[]> }>();

/**
 * The routes of other files of the project about the same resource as `target`, of the same kind:
 * the routes of routers mounted at the same path on the same app or router as its own
 * (`coMountedRouters`), and for a NestJS route the routes of the controllers with the same path.
 * Each file's routes are judged once per version of the file (`roleJudgedRoutes` of its parse), and
 * the NestJS controllers once per generation of the project index.
 */
export function foreignSiblings(context: AnyContext, target: RoleJudgedRoute): ForeignSibling[] {
  const keys = new Set(foreignKeysOf(target, context.sourceCode));
  if (keys.size === 0) return [];
  const own = path.resolve(context.filename);
  const found: ForeignSibling[] = [];
  const seen = new Set<string>();
  const add = (sibling: KeptSibling): void => {
    if (sibling.absolute === own || !keys.has(sibling.key)) return;
    found.push(sibling);
  };
  for (const entry of target.entries) {
    if (entry.chain === null) continue;
    for (const router of coMountedRouters(context, entry.chain, context.filename)) {
      const key = `${router.file}:${router.mountFile}:${String(router.line)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const sibling of routesMountedAt(context, router)) add(sibling);
    }
  }
  if (target.route.framework === 'nestjs') {
    for (const key of keys) for (const sibling of nestSiblings(context).get(key) ?? []) add(sibling);
  }
  return found;
}

function routesMountedAt(context: AnyContext, router: CoMountedRouter): KeptSibling[] {
  const index = projectIndexOf(context.filename);
  const module = index?.module(router.file) ?? null;
  if (module === null) return [];
  let byMount = mountedSiblingCache.get(module.program);
  if (!byMount) mountedSiblingCache.set(module.program, (byMount = new Map()));
  const mountKey = `${path.resolve(router.mountFile)}:${String(router.line)}`;
  const kept = byMount.get(mountKey);
  if (kept) return kept;
  const siblings: KeptSibling[] = [];
  const vocabulary = authVocabulary(getSettings(context));
  for (const judged of roleJudgedRoutes(moduleContext(module, context))) {
    for (const entry of judged.entries) {
      if (entry.chain === null || path.resolve(entry.chain.file) !== path.resolve(router.mountFile) || entry.chain.line !== router.line) continue;
      const one: RoleJudgedRoute = { route: judged.route, entries: [entry] };
      for (const key of foreignKeysOf(one, module.sourceCode)) siblings.push(keptSibling(context, module.file, key, entry, judged.route, vocabulary, module.sourceCode));
    }
  }
  byMount.set(mountKey, siblings);
  return siblings;
}

const NEST_COMMON = '@nestjs/common';

function nestSiblings(context: AnyContext): ReadonlyMap<string, KeptSibling[]> {
  const index = projectIndexOf(context.filename);
  if (index === null) return new Map();
  const generation = index.generation();
  const kept = nestSiblingCache.get(index);
  if (kept?.generation === generation) return kept.byKey;
  const byKey = new Map<string, KeptSibling[]>();
  const vocabulary = authVocabulary(getSettings(context));
  const files = candidateFiles(index, 'nest-controllers', (file) => index.importsOf(file).some((imported) => imported.specifier === NEST_COMMON));
  for (const file of files) {
    if (!(readProjectFile(file) ?? '').includes('Controller')) continue;
    const module = index.module(file);
    if (!module) continue;
    for (const judged of roleJudgedRoutes(moduleContext(module, context))) {
      if (judged.route.framework !== 'nestjs') continue;
      const entry = judged.entries[0];
      if (!entry) continue;
      for (const key of foreignKeysOf(judged, module.sourceCode)) {
        const sibling = keptSibling(context, module.file, key, entry, judged.route, vocabulary, module.sourceCode);
        const list = byKey.get(key);
        if (list) list.push(sibling);
        else byKey.set(key, [sibling]);
      }
    }
  }
  nestSiblingCache.set(index, { generation, byKey });
  return byKey;
}

function keptSibling(context: AnyContext, file: string, key: string, entry: RoleJudgedEntry, route: Route, vocabulary: AuthVocabulary, sourceCode: Readonly<TSESLint.SourceCode>): KeptSibling {
  return {
    file: relativeTo(context.cwd, file),
    absolute: path.resolve(file),
    key,
    counted: entry.verdict.status === 'authenticated' || entry.checked,
    checked: entry.checked,
    check: entry.checked ? routeLevelCheck(route, vocabulary, sourceCode) : null,
  };
}

/** Reads or writes, and the resource: what makes two routes of one group comparable. */
function siblingKey(route: Route): string {
  return `${readsOnly(route) ? 'read' : 'write'} ${firstSegment(route)}`;
}

const siblingCache = new WeakMap<readonly RoleJudgedRoute[], Map<object | string, Map<string, RoleJudgedRoute[]>>>();

/** The routes of a file by group and by kind and resource, built once per file: each question reads its own group only. */
function siblingsOf(judged: readonly RoleJudgedRoute[]): Map<object | string, Map<string, RoleJudgedRoute[]>> {
  let groups = siblingCache.get(judged);
  if (groups) return groups;
  groups = new Map();
  for (const candidate of judged) {
    if (candidate.route.methods.includes('ALL')) continue;
    const group = siblingGroup(candidate.route);
    let byKey = groups.get(group);
    if (!byKey) groups.set(group, (byKey = new Map()));
    const key = siblingKey(candidate.route);
    const list = byKey.get(key);
    if (list) list.push(candidate);
    else byKey.set(key, [candidate]);
  }
  siblingCache.set(judged, groups);
  return groups;
}

/** The route-level role check most of `routes` run, as written, or null. */
export function commonCheck(routes: readonly RoleJudgedRoute[], vocabulary: AuthVocabulary, sourceCode: Readonly<TSESLint.SourceCode>): RoleCheckText | null {
  return mostCommon(checkCounts(routes, vocabulary, sourceCode))?.check ?? null;
}

interface CheckCount {
  check: RoleCheckText;
  count: number;
  /** Written in the linted file (so in scope there). */
  local: boolean;
}

/** How many of `routes` run each route-level role check, by its text. */
function checkCounts(routes: readonly RoleJudgedRoute[], vocabulary: AuthVocabulary, sourceCode: Readonly<TSESLint.SourceCode>): Map<string, CheckCount> {
  const counts = new Map<string, CheckCount>();
  for (const { route } of routes) {
    const check = routeLevelCheck(route, vocabulary, sourceCode);
    if (check === null) continue;
    const known = counts.get(check.text);
    if (known) known.count++;
    else counts.set(check.text, { check, count: 1, local: true });
  }
  return counts;
}

function mostCommon(counts: ReadonlyMap<string, CheckCount>): CheckCount | null {
  let best: CheckCount | null = null;
  for (const entry of counts.values()) if (best === null || entry.count > best.count) best = entry;
  return best;
}

/** The first route-level role check of a route, as written in its file. */
function routeLevelCheck(route: Route, vocabulary: AuthVocabulary, sourceCode: Readonly<TSESLint.SourceCode>): RoleCheckText | null {
  const scopeOf = scopeLookup(sourceCode);
  for (const guard of route.guards) {
    if (guard.level !== 'route' || !isRoleGuard(guard, route, vocabulary, scopeOf)) continue;
    const check = checkText(guard, sourceCode);
    if (check !== null) return check;
  }
  return null;
}

function isRoleGuard(guard: RouteGuard, route: Route, vocabulary: AuthVocabulary, scopeOf: ScopeOf): boolean {
  if (guard.name !== null && vocabulary.isRoleCheck(guard.name)) return true;
  return roleCheckOf({ ...route, guards: [guard], handler: null }, vocabulary, scopeOf) !== null;
}

function checkText(guard: RouteGuard, sourceCode: Readonly<TSESLint.SourceCode>): RoleCheckText | null {
  // A decorator (`@Roles('admin')`) or a guard inside one (`@UseGuards(RolesGuard)`): the whole decorator.
  let node: TSESTree.Node | undefined = guard.node;
  for (let steps = 0; node && steps < 3; steps++) {
    if (node.type === AST_NODE_TYPES.Decorator) return { text: sourceCode.getText(node), kind: 'decorator' };
    node = node.parent;
  }
  if (guard.kind === 'hook') {
    // A Fastify route hook: `preHandler: [adminOnly]` or `preHandler: adminOnly` in the route's options.
    const holder = guard.node.parent?.type === AST_NODE_TYPES.ArrayExpression ? guard.node.parent.parent : guard.node.parent;
    const hook = holder?.type === AST_NODE_TYPES.Property ? propertyName(holder.key) : null;
    const text = sourceCode.getText(guard.node);
    return hook === null || text.length > 120 ? null : { text, kind: 'hook', hook };
  }
  if (guard.kind !== 'middleware') return null;
  const text = sourceCode.getText(guard.node);
  return text.length > 120 ? null : { text, kind: 'middleware' };
}

/** A file as messages name it: relative to the working directory. */
export function relativeTo(cwd: string, file: string): string {
  const normalized = file.split('\\').join('/');
  const base = cwd.split('\\').join('/');
  return normalized.startsWith(`${base}/`) ? normalized.slice(base.length + 1) : normalized;
}

const deprecatedPatterns = new WeakMap<TSESTree.Program, readonly string[]>();

/**
 * Records the deprecated `roleRequiredRoutes` option of `no-unauthenticated-route` for the file
 * being linted: `require-role-check`, which took that check over, honours it. Every rule is created
 * for a file before any of them runs, so the record is in place when the new rule reads it.
 */
export function declareDeprecatedRoleRequiredRoutes(program: TSESTree.Program, patterns: readonly string[]): void {
  deprecatedPatterns.set(program, patterns);
}

/**
 * The path patterns whose routes need a role check: the rule's own option when given, else the
 * deprecated option of `no-unauthenticated-route` when given, else `settings['api-security'].roleRequiredRoutes`,
 * else the defaults (`**\/admin`, `**\/admin/**`).
 */
export function roleRequiredPatterns(context: AnyContext, own: readonly string[] | undefined): readonly string[] {
  if (own !== undefined) return own;
  const deprecated = deprecatedPatterns.get(context.sourceCode.ast);
  if (deprecated !== undefined) return deprecated;
  return getSettings(context).roleRequiredRoutes ?? defaultRoleRequiredRoutes;
}
