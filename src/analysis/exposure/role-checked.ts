import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { authorizationModels } from '../../models/exposure.js';
import { dottedName, isFunction, propertyName, scopeLookup, unwrap, walk } from '../../utils/ast.js';
import { getSettings } from '../../utils/settings.js';
import { authVocabulary, routeRoleCheck, type AuthVocabulary } from '../routes/auth.js';
import { getRoutes } from '../routes/index.js';
import { judgeMountedRoute, mayBeMountedElsewhere, scopeOfAcrossFiles } from '../routes/mounts-across-files.js';
import { routesRegistering } from '../routes/registered-handlers.js';
import type { WriteFinding } from './index.js';
import { modelMatcher } from './names.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const isAuthorizationModel = modelMatcher(authorizationModels);

/**
 * The role check every route that runs a whole-body write passes before it (see
 * `routeRoleCheck`), as a message names it; null when one of those routes has none in view, when
 * the write's handler is no registered route of this file, or when the write is one that a role
 * check does not excuse:
 * - a record of users, roles, permissions, memberships or tokens (`authorizationModels`): a caller
 *   with a lesser privileged role can raise rights through it (unless the payload is a DTO class
 *   whose declared fields were read: its author chose the fields that role may set);
 * - the caller's own record (`Profile.update(req.user.id, req.body)`, `Object.assign(req.user, req.body)`).
 */
export function roleCheckOfWrite(context: Context, finding: WriteFinding): string | null {
  // A DTO that declares `role` on a route restricted to a role was written for that role to set it;
  // the caller's own record stays reported whatever the DTO.
  if ((writesAuthorizationRecord(finding) && finding.declared !== true) || writesCallerRecord(finding)) return null;
  const at = finding.node;
  const routes = getRoutes(context).routes.filter((route) => {
    const fn = route.handler?.fn;
    return fn !== null && fn !== undefined && fn.range[0] <= at.range[0] && at.range[1] <= fn.range[1];
  });
  const vocabulary = authVocabulary(getSettings(context));
  if (routes.length === 0) return roleCheckOfRegisteringRoutes(context, vocabulary, at);
  const scopeOf = scopeLookup(context.sourceCode);
  let by: string | null = null;
  for (const route of routes) {
    let check = routeRoleCheck(route, vocabulary, scopeOf, at);
    if (check === null && mayBeMountedElsewhere(route.owner)) {
      // A router mounted in another file behind a role middleware (`app.use('/admin', requireAdmin, admin)`):
      // every mount found must pass a role check.
      const mounts = judgeMountedRoute(context, route, vocabulary) ?? [];
      const across = scopeOfAcrossFiles(context);
      const checks = mounts.map((mounted) => routeRoleCheck(mounted.route, vocabulary, across, at));
      if (checks.length > 0 && checks.every((candidate) => candidate !== null)) check = checks[0] ?? null;
    }
    if (check === null) return null;
    by ??= check;
  }
  return by;
}

/**
 * The role check in front of a write in an exported function that routes of other files register as
 * their handler (`builderRoutes.post('/api/tables', controller.save)`): every such route must pass
 * one, read in its own file (a guard of the route or of its router group), or the function's own
 * check before the write. Null when no route of another file registers the function.
 */
function roleCheckOfRegisteringRoutes(context: Context, vocabulary: AuthVocabulary, at: TSESTree.Node): string | null {
  for (let node = at.parent; node; node = node.parent) {
    if (!isFunction(node)) continue;
    const registering = routesRegistering(context, node);
    if (registering.length === 0) continue;
    let by: string | null = null;
    for (const { route, scopeOf } of registering) {
      const handler = route.handler ? { ...route.handler, fn: node } : null;
      const check = routeRoleCheck({ ...route, handler }, vocabulary, scopeOf, at);
      if (check === null) return null;
      by ??= check;
    }
    return by;
  }
  return null;
}

/** The names the written entity goes by: `User` of `User.create`, `new User`, `usersService` of `this.usersService.update`, the target of `Object.assign(user, …)`. */
function writtenNames(finding: WriteFinding): string[] {
  const names: string[] = [];
  const sink = finding.sink.replace(/`/gu, '').replace(/^new\s+/u, '');
  const segments = sink.split('.');
  if (!finding.sink.includes('new ')) segments.pop();
  names.push(...segments.filter((segment) => segment !== 'this' && segment !== ''));
  const site = finding.site;
  if (site.type === AST_NODE_TYPES.CallExpression && /(?:^|\.)(?:assign|merge|extend|defaults|set)$/u.test(dottedName(site.callee) ?? '')) {
    const target = site.arguments[0];
    const name = target ? dottedName(unwrap(target)) : null;
    if (name !== null) names.push(...name.split('.'));
  }
  return names;
}

function writesAuthorizationRecord(finding: WriteFinding): boolean {
  return writtenNames(finding).some((name) => isAuthorizationModel(name));
}

/** A member that names the caller or the caller's id: `req.user`, `ctx.state.user.id`, `request.user._id`, `res.locals.currentUser`. */
const CALLER = /(?:^|\.)(?:user|currentUser|principal|me)(?:\.(?:id|_id|userId|uid|sub))?$/u;

/** Write methods that make a new record (`create`, `insertOne`, `bulkCreate`, `add`). */
const CREATE_METHODS = /^(?:create|insert|add|build|bulkCreate|insertOne|insertMany|createOne|createMany)$/u;

/** An argument that is the caller or the caller's id, on its own. */
function isCaller(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.MemberExpression && CALLER.test(dottedName(target) ?? '');
}

/** Whether the write names the caller's own record: the caller in its target or its other arguments. */
function writesCallerRecord(finding: WriteFinding): boolean {
  const site = finding.site;
  const parts: TSESTree.Node[] = [];
  if (site.type === AST_NODE_TYPES.CallExpression || site.type === AST_NODE_TYPES.NewExpression) {
    if (site.callee.type === AST_NODE_TYPES.MemberExpression) parts.push(site.callee.object);
    parts.push(...site.arguments);
  }
  // `sdk.tables.create(table, rows, ctx.user._id)`: a record created with its author's id, given on its
  // own after the record, is a new record (attribution), not the caller's own.
  const attribution = new Set<TSESTree.Node>();
  if (site.type === AST_NODE_TYPES.CallExpression && site.callee.type === AST_NODE_TYPES.MemberExpression && CREATE_METHODS.test(propertyName(site.callee.property) ?? '')) {
    for (const argument of site.arguments.slice(1)) if (isCaller(argument)) attribution.add(argument);
  }
  let found = false;
  for (const part of parts) {
    if (attribution.has(part)) continue;
    walk(part, (node) => {
      if (found || node === finding.node) return 'skip';
      if (node.type === AST_NODE_TYPES.MemberExpression && CALLER.test(dottedName(node) ?? '')) found = true;
      return undefined;
    });
  }
  return found;
}
