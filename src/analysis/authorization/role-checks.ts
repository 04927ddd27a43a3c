import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { defaultRoleRequiredRoutes } from '../../models/auth.js';
import { authorizesCallerItself } from './privilege.js';
import { findVariable, scopeLookup } from '../../utils/ast.js';
import { getSettings } from '../../utils/settings.js';
import { authVocabulary, classifyRoute, routeRoleCheck, type AuthVerdict, type AuthVocabulary, type ScopeOf } from '../routes/auth.js';
import { classifyWithDeclaredMount, declaredMountFor, relativeFilename } from '../routes/declared-mounts.js';
import { getRoutes, type Route, type RouteGuard } from '../routes/index.js';
import { judgeMountedRoute, scopeOfAcrossFiles } from '../routes/mounts-across-files.js';
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
  const settings = getSettings(context);
  const vocabulary = authVocabulary(settings);
  const scopeOf = scopeLookup(context.sourceCode);
  const mountDeclaration = declaredMountFor(settings, relativeFilename(context));
  const judged: RoleJudgedRoute[] = [];
  for (const route of getRoutes(context).routes) {
    const declared = classifyWithDeclaredMount(route, mountDeclaration, vocabulary, scopeOf);
    const entries: RoleJudgedEntry[] = [];
    if (declared.route.owner?.mountedElsewhere) {
      const mounted = judgeMountedRoute(context, declared.route, vocabulary);
      if (mounted !== null) {
        const across = scopeOfAcrossFiles(context);
        for (const entry of mounted) {
          entries.push({
            route: entry.route,
            verdict: entry.verdict,
            mountedAt: `${relativeTo(context.cwd, entry.mount.file)}:${String(entry.mount.line)}`,
            checked: isRoleChecked(entry.route, vocabulary, across),
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
      });
    }
    judged.push({ route, entries });
  }
  judgedCache.set(program, judged);
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
  /** `on \`router\``, `in \`AdminController\``. */
  where: string;
  /** The role check most of them run at the route, as written (`requireRole('admin')`, `@Roles(Role.Admin)`), or null when theirs is not a route-level one. */
  check: RoleCheckText | null;
}

/** A role check of a route as written, to name it in a message and to offer it to another route. */
export interface RoleCheckText {
  text: string;
  /** `middleware` is inserted before the handler; `decorator` above the route's decorator. */
  kind: 'middleware' | 'decorator';
}

/**
 * The siblings that make a route's missing role check inconsistent: among the authenticated routes
 * of its router, controller or file, about the same resource (first path segment), that do the same
 * kind of thing (read, or write), at least two check a role, and three quarters of them do, while
 * the route's handler makes no check of the caller of its own. Null when they do not.
 */
export function inconsistentSiblings(judged: readonly RoleJudgedRoute[], target: RoleJudgedRoute, vocabulary: AuthVocabulary, sourceCode: Readonly<TSESLint.SourceCode>): SiblingEvidence | null {
  if (target.route.methods.includes('ALL')) return null;
  const group = siblingsOf(judged).get(siblingGroup(target.route))?.get(siblingKey(target.route)) ?? [];
  const siblings = group.filter((candidate) => candidate !== target && candidate.entries.some((entry) => entry.verdict.status === 'authenticated' || entry.checked));
  const checked = siblings.filter((candidate) => candidate.entries.every((entry) => entry.checked));
  if (checked.length < 2 || checked.length * 4 < siblings.length * 3) return null;
  // A handler that checks the caller itself (an object-level check, a role it reads its own way) is open to users on purpose.
  const handler = target.route.handler?.fn;
  if (handler && authorizesCallerItself(handler, sourceCode)) return null;
  return { total: siblings.length, checked: checked.length, where: groupLabel(target.route), check: commonCheck(checked, vocabulary, sourceCode) };
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
  const counts = new Map<string, { check: RoleCheckText; count: number }>();
  const scopeOf = scopeLookup(sourceCode);
  for (const { route } of routes) {
    for (const guard of route.guards) {
      if (guard.level !== 'route' || !isRoleGuard(guard, route, vocabulary, scopeOf)) continue;
      const check = checkText(guard, sourceCode);
      if (check === null) continue;
      const known = counts.get(check.text);
      if (known) known.count++;
      else counts.set(check.text, { check, count: 1 });
      break;
    }
  }
  let best: { check: RoleCheckText; count: number } | null = null;
  for (const entry of counts.values()) if (best === null || entry.count > best.count) best = entry;
  return best?.check ?? null;
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
