import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  authCallNames,
  authGuardNames,
  authMiddlewareNames,
  defaultPublicRoutes,
  principalMembers,
  publicDecoratorNames,
  publicMetadataKeys,
  rejectingAuthCallNames,
  roleCheckNames,
  roleProperties,
  signatureVerificationNames,
} from '../../models/auth.js';
import { dottedName, isFunction, propertyName, unwrap, walk, type FunctionNode } from '../../utils/ast.js';
import { nameMatcher, type ApiSecuritySettings } from '../../utils/settings.js';
import { matchesPathPattern } from './paths.js';
import type { Route, RouteGuard } from './types.js';

/** Why a route is or is not protected. */
export type AuthStatus = 'authenticated' | 'public' | 'unauthenticated' | 'unknown';

export interface AuthVerdict {
  status: AuthStatus;
  /** What authenticates it or makes it public (a guard name, `check of req.user`, a path pattern). */
  by: string | null;
  /** The guard that authenticates, when it is one. */
  guard: RouteGuard | null;
  /** A role or permission check runs before or inside the handler. */
  roleChecked: boolean;
}

/** The names a team uses for authentication, built-in defaults plus settings. */
export interface AuthVocabulary {
  isAuthMiddleware(name: string): boolean;
  isAuthGuard(name: string): boolean;
  isPublicDecorator(name: string): boolean;
  isAuthCall(name: string): boolean;
  isRejectingAuthCall(name: string): boolean;
  isRoleCheck(name: string): boolean;
  isSignatureCheck(name: string): boolean;
  publicRoutes: readonly string[];
}

const vocabularies = new WeakMap<ApiSecuritySettings, AuthVocabulary>();

export function authVocabulary(settings: ApiSecuritySettings, extraPublicRoutes: readonly string[] = []): AuthVocabulary {
  const cached = extraPublicRoutes.length === 0 ? vocabularies.get(settings) : undefined;
  if (cached) return cached;
  const vocabulary: AuthVocabulary = {
    isAuthMiddleware: nameMatcher([...authMiddlewareNames, ...settings.authMiddleware]),
    isAuthGuard: nameMatcher([...authGuardNames, ...settings.authGuards, ...settings.authMiddleware]),
    isPublicDecorator: nameMatcher([...publicDecoratorNames, ...settings.publicDecorators]),
    isAuthCall: nameMatcher([...authCallNames, ...settings.authCalls]),
    isRejectingAuthCall: nameMatcher([...rejectingAuthCallNames, ...settings.authMiddleware]),
    isRoleCheck: nameMatcher([...roleCheckNames, ...settings.roleChecks]),
    isSignatureCheck: nameMatcher(signatureVerificationNames),
    publicRoutes: [...defaultPublicRoutes, ...settings.publicRoutes, ...extraPublicRoutes],
  };
  if (extraPublicRoutes.length === 0) vocabularies.set(settings, vocabulary);
  return vocabulary;
}

const principalSet = new Set(principalMembers);
const roleSet = new Set(roleProperties);
/** Header names that carry credentials wherever they are read. */
const CREDENTIAL_HEADERS = /^(?:authorization|proxy-authorization|x-api-key|x-auth-token|x-access-token)$/iu;
/**
 * Names that carry a credential only when read from headers or cookies: a `token` in the body of a
 * password-reset request is input, not authentication.
 */
const CREDENTIAL_NAMES = /^(?:api[-_]?key|access[-_]?token|token|jwt|session[-_]?id|sid)$/iu;
const CREDENTIAL_CARRIERS = /(?:^|\.)(?:headers|cookies|signedCookies|header|cookie)$/u;

function isCredential(key: string, carrier: TSESTree.Node): boolean {
  if (CREDENTIAL_HEADERS.test(key)) return true;
  const name = dottedName(carrier);
  return CREDENTIAL_NAMES.test(key) && name !== null && CREDENTIAL_CARRIERS.test(name);
}

/** Decides whether a request reaches `route`'s handler only after authentication. */
export function classifyRoute(route: Route, vocabulary: AuthVocabulary): AuthVerdict {
  let roleChecked = false;
  let authenticatedBy: { by: string; guard: RouteGuard | null } | null = null;
  let publicBy: string | null = null;

  for (const guard of route.guards) {
    if (guard.verdict === 'public' && (guard.level === 'route' || guard.level === 'class')) publicBy ??= guard.name ?? 'auth: false';
    if (guard.kind === 'decorator' && guard.name !== null && isPublicDecorator(guard, vocabulary)) {
      publicBy ??= `@${guard.name}`;
    }
    const role = (guard.name !== null && vocabulary.isRoleCheck(guard.name)) || configChecksScope(guard);
    if (role) roleChecked = true;
    if (!authenticatedBy && guardAuthenticates(guard, vocabulary)) {
      authenticatedBy = { by: guard.name ?? (guard.kind === 'config' ? 'auth config' : 'inline middleware'), guard };
    } else if (!authenticatedBy && role && guard.kind !== 'decorator') {
      // A role check cannot pass without a user: it rejects anonymous requests too.
      authenticatedBy = { by: guard.name ?? 'role check', guard };
    }
    if (guard.fn && !roleChecked && checksRole(guard.fn)) roleChecked = true;
  }
  const handler = route.handler?.fn ?? null;
  if (handler && checksRole(handler)) roleChecked = true;
  if (publicBy !== null) return { status: 'public', by: publicBy, guard: null, roleChecked };
  if (authenticatedBy) return { status: 'authenticated', by: authenticatedBy.by, guard: authenticatedBy.guard, roleChecked };
  if (handler) {
    const check = rejectsUnauthenticated(handler, vocabulary);
    if (check !== null) return { status: 'authenticated', by: check, guard: null, roleChecked };
  }
  // The path of a router mounted in another file lacks its prefix (`router.get('/')` may serve
  // `/api/invoices`): public path patterns apply only once the mount is known.
  if (route.owner?.mountedElsewhere) return { status: 'unknown', by: null, guard: null, roleChecked };
  if (route.path !== null) {
    const pattern = vocabulary.publicRoutes.find((candidate) => matchesPathPattern(candidate, route.path!));
    if (pattern !== undefined) return { status: 'public', by: `public path ${pattern}`, guard: null, roleChecked };
  }
  return { status: 'unauthenticated', by: null, guard: null, roleChecked };
}

/** Hapi `auth: { scope: 'admin' }` / `access: { scope }` restricts the route to a role. */
function configChecksScope(guard: RouteGuard): boolean {
  if (guard.kind !== 'config') return false;
  let found = false;
  walk(guard.node, (node) => {
    if (node.type === AST_NODE_TYPES.Property && !node.computed && ['scope', 'entity'].includes(propertyName(node.key) ?? '')) {
      found = true;
    }
  });
  return found;
}

function isPublicDecorator(guard: RouteGuard, vocabulary: AuthVocabulary): boolean {
  if (guard.name === null) return false;
  if (vocabulary.isPublicDecorator(guard.name)) return true;
  // @SetMetadata(IS_PUBLIC_KEY, true) / @SetMetadata('isPublic', true)
  const node = guard.node.type === AST_NODE_TYPES.Decorator ? guard.node.expression : guard.node;
  const call = unwrap(node);
  if (guard.name.endsWith('SetMetadata') && call.type === AST_NODE_TYPES.CallExpression) {
    const key = call.arguments[0];
    const name = key ? (key.type === AST_NODE_TYPES.Literal ? String(key.value) : dottedName(key)) : null;
    return name !== null && publicMetadataKeys.includes(name.slice(name.lastIndexOf('.') + 1));
  }
  return false;
}

/** Whether a guard authenticates: by its framework verdict, its name, or what its body does. */
export function guardAuthenticates(guard: RouteGuard, vocabulary: AuthVocabulary): boolean {
  if (guard.verdict === 'authenticated') return true;
  if (guard.verdict === 'public') return false;
  // Framework configuration (Hapi `auth`, a Next.js middleware file) states its own verdict; a
  // strategy name in optional mode, or `clerkMiddleware()` without `protect()`, rejects nobody.
  if (guard.kind === 'config' || guard.kind === 'next-middleware') return false;
  // `expressjwt({...}).unless({ path })` (express-unless, koa-unless) is still the jwt middleware.
  const name = guard.name?.replace(/\.unless$/u, '') ?? null;
  if (name !== null) {
    if (guard.kind === 'guard' && vocabulary.isAuthGuard(name)) return true;
    if (guard.kind !== 'guard' && guard.kind !== 'decorator' && vocabulary.isAuthMiddleware(name)) return true;
    if (guard.kind === 'decorator' && (vocabulary.isAuthGuard(name) || /^Auth(?:enticated)?$/u.test(name))) return true;
  }
  const fn = guard.fn ?? factoryResult(guard);
  return fn !== null && rejectsUnauthenticated(fn, vocabulary) !== null;
}

/** `requireRole('admin')` where `requireRole` is a same-file factory: the middleware it returns. */
function factoryResult(guard: RouteGuard): FunctionNode | null {
  const node = unwrap(guard.node);
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  for (const argument of node.arguments) {
    if (isFunction(argument)) return argument;
  }
  return null;
}

/**
 * Looks inside a middleware or handler for a check that rejects unauthenticated requests:
 * a call that throws without credentials (`await request.jwtVerify()`), or an `if` on the
 * principal (`req.user`, a session from `getServerSession()`, an `Authorization` header) whose
 * failing branch returns, throws or responds. Returns a short description, or null.
 */
export function rejectsUnauthenticated(fn: FunctionNode, vocabulary: AuthVocabulary): string | null {
  const principals = new Set<string>();
  let found: string | null = null;
  const requestNames = new Set(
    fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])),
  );
  walk(fn.body, (node) => {
    if (found !== null) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee);
      if (name !== null && vocabulary.isRejectingAuthCall(name) && isStatementLevel(node)) {
        found = `${name}()`;
      } else if (name !== null && vocabulary.isSignatureCheck(name)) {
        found = `signature check ${name}()`;
      }
    }
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && mentionsPrincipal(node.init, requestNames, principals, vocabulary)) {
      for (const name of declaredNames(node.id)) principals.add(name);
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && mentionsPrincipal(node.right, requestNames, principals, vocabulary)) {
      principals.add(node.left.name);
    }
    if (node.type === AST_NODE_TYPES.IfStatement && mentionsPrincipal(node.test, requestNames, principals, vocabulary)) {
      const negative = isNegativeTest(node.test);
      const failing = negative ? node.consequent : node.alternate;
      if (failing && exits(failing)) found = `check of \`${shortText(node.test)}\``;
    }
    if (node.type === AST_NODE_TYPES.ConditionalExpression && mentionsPrincipal(node.test, requestNames, principals, vocabulary)) {
      const failing = isNegativeTest(node.test) ? node.consequent : node.alternate;
      if (exits(failing)) found = `check of \`${shortText(node.test)}\``;
    }
  });
  return found;
}

function isStatementLevel(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.AwaitExpression || node.parent.type === AST_NODE_TYPES.ChainExpression)) {
    node = node.parent;
  }
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.ExpressionStatement ||
    parent?.type === AST_NODE_TYPES.VariableDeclarator ||
    parent?.type === AST_NODE_TYPES.ReturnStatement
  );
}

function declaredNames(pattern: TSESTree.Node): string[] {
  const names: string[] = [];
  walk(pattern, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && node.parent?.type !== AST_NODE_TYPES.MemberExpression) names.push(node.name);
  });
  return names;
}

/** Whether an expression reads the principal, a credential, or the result of an auth call. */
function mentionsPrincipal(
  expression: TSESTree.Node,
  requestNames: ReadonlySet<string>,
  principals: ReadonlySet<string>,
  vocabulary: AuthVocabulary,
): boolean {
  let hit = false;
  walk(expression, (node) => {
    if (hit || isFunction(node)) return;
    if (node.type === AST_NODE_TYPES.Identifier && principals.has(node.name)) hit = true;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee);
      if (name !== null && vocabulary.isAuthCall(name)) hit = true;
      // req.get('authorization'), headers.get('x-api-key'), c.get('jwtPayload'), req.isAuthenticated()
      const argument = node.arguments[0];
      const callee = unwrap(node.callee);
      const carrier = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
      if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' && isCredential(argument.value, carrier)) hit = true;
      if (name !== null && /(?:^|\.)isAuthenticated$/u.test(name)) hit = true;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const property = node.computed ? (node.property.type === AST_NODE_TYPES.Literal ? String(node.property.value) : null) : propertyName(node.property);
      if (property === null) return;
      if (isCredential(property, node.object)) hit = true;
      const root = rootIdentifier(node);
      if (root !== null && (requestNames.has(root) || /^(?:req|request|ctx|context|c|event)$/u.test(root)) && principalSet.has(property)) {
        hit = true;
      }
    }
  });
  return hit;
}

function rootIdentifier(node: TSESTree.Node): string | null {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.CallExpression) {
    current = unwrap(current.type === AST_NODE_TYPES.MemberExpression ? current.object : current.callee);
  }
  return current.type === AST_NODE_TYPES.Identifier ? current.name : null;
}

/** `!x`, `x == null`, `x === undefined`, `!a || !b`, `typeof x !== 'string'`, `x !== secret`. */
function isNegativeTest(test: TSESTree.Node): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return true;
  if (node.type === AST_NODE_TYPES.BinaryExpression) {
    // `user !== null` asserts presence; `key !== expected` fails when the credential is wrong.
    if (node.operator === '!==' || node.operator === '!=') return !isNullish(node.left) && !isNullish(node.right);
    if (node.operator === '===' || node.operator === '==') return isNullish(node.left) || isNullish(node.right) || isFalse(node.left) || isFalse(node.right);
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    return node.operator === '||' ? isNegativeTest(node.left) || isNegativeTest(node.right) : isNegativeTest(node.left) && isNegativeTest(node.right);
  }
  return false;
}

function isNullish(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

function isFalse(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === false;
}

/** Whether a branch leaves the handler: return, throw, a redirect, an error response or `next(err)`. */
function exits(branch: TSESTree.Node): boolean {
  let hit = false;
  walk(branch, (node) => {
    if (hit) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) hit = true;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee) ?? '';
      const last = name.slice(name.lastIndexOf('.') + 1);
      if (['redirect', 'sendStatus', 'status', 'code', 'throw', 'unauthorized', 'forbidden', 'notFound', 'next'].includes(last)) hit = true;
    }
  });
  return hit;
}

/** Whether a function compares a role, permission or admin flag of the principal and rejects. */
export function checksRole(fn: FunctionNode): boolean {
  let hit = false;
  walk(fn.body, (node) => {
    if (hit) return;
    if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) {
      let mentions = false;
      walk(node.test, (inner) => {
        if (inner.type === AST_NODE_TYPES.MemberExpression) {
          const property = propertyName(inner.property);
          if (property !== null && roleSet.has(property)) mentions = true;
        }
      });
      if (mentions && (exits(node.consequent) || (node.alternate !== null && node.alternate !== undefined && exits(node.alternate)))) hit = true;
    }
  });
  return hit;
}

function shortText(node: TSESTree.Node): string {
  const target = unwrap(node);
  const name = dottedName(target.type === AST_NODE_TYPES.UnaryExpression ? target.argument : target);
  if (name !== null) return target.type === AST_NODE_TYPES.UnaryExpression ? `!${name}` : name;
  return 'the user';
}
