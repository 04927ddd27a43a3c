import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { authorizationModels } from '../../models/exposure.js';
import { dottedName, scopeLookup, unwrap, walk } from '../../utils/ast.js';
import { getSettings } from '../../utils/settings.js';
import { authVocabulary, routeRoleCheck } from '../routes/auth.js';
import { getRoutes } from '../routes/index.js';
import { judgeMountedRoute, scopeOfAcrossFiles } from '../routes/mounts-across-files.js';
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
 *   with a lesser privileged role can raise rights through it;
 * - the caller's own record (`Profile.update(req.user.id, req.body)`, `Object.assign(req.user, req.body)`).
 */
export function roleCheckOfWrite(context: Context, finding: WriteFinding): string | null {
  if (writesAuthorizationRecord(finding) || writesCallerRecord(finding)) return null;
  const at = finding.node;
  const routes = getRoutes(context).routes.filter((route) => {
    const fn = route.handler?.fn;
    return fn !== null && fn !== undefined && fn.range[0] <= at.range[0] && at.range[1] <= fn.range[1];
  });
  if (routes.length === 0) return null;
  const vocabulary = authVocabulary(getSettings(context));
  const scopeOf = scopeLookup(context.sourceCode);
  let by: string | null = null;
  for (const route of routes) {
    let check = routeRoleCheck(route, vocabulary, scopeOf, at);
    if (check === null && route.owner?.mountedElsewhere === true) {
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

/** Whether the write names the caller's own record: the caller in its target or its other arguments. */
function writesCallerRecord(finding: WriteFinding): boolean {
  const site = finding.site;
  const parts: TSESTree.Node[] = [];
  if (site.type === AST_NODE_TYPES.CallExpression || site.type === AST_NODE_TYPES.NewExpression) {
    if (site.callee.type === AST_NODE_TYPES.MemberExpression) parts.push(site.callee.object);
    parts.push(...site.arguments);
  }
  let found = false;
  for (const part of parts) {
    walk(part, (node) => {
      if (found || node === finding.node) return 'skip';
      if (node.type === AST_NODE_TYPES.MemberExpression && CALLER.test(dottedName(node) ?? '')) found = true;
      return undefined;
    });
  }
  return found;
}
