import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  authCallNames,
  authGuardNames,
  authLibraryExports,
  authMiddlewareNames,
  credentialNamePatterns,
  defaultPublicRoutes,
  nonAuthLibraries,
  nonAuthLibraryExports,
  publicFlowPhrases,
  publicFlowQualifiers,
  optionalAuthLibraryCalls,
  principalHolderKeys,
  platformPrincipalHeaders,
  principalMembers,
  privilegedMethods,
  privilegedPathSegments,
  findOrCreateMethods,
  promiseCredentialChecks,
  unverifiedDecodes,
  publicDecoratorNames,
  publicFlowSegments,
  publicMetadataKeys,
  rejectingAuthCallNames,
  roleCheckNames,
  roleIdProperties,
  roleProperties,
  signatureVerificationNames,
  wholeRequestContainers,
  middlewareCompositions,
  middlewareFactories,
  requestValueReaders,
  statusAfterBodyMethods,
  roleLibraryExports,
  libraryPrincipalMembers,
  publicEnvironmentPrefixes,
} from '../../models/auth.js';
import {
  dottedName,
  enclosingFunction,
  findVariable,
  importSource,
  inlineRequire,
  isConstantBinding,
  isFunction,
  patternNames,
  propertyName,
  requiredModule,
  resolveFunction,
  singleDefinition,
  unwrap,
  walk,
  scopeLookup,
  type FunctionNode,
  type Scope,
  type ScopeSource,
} from '../../utils/ast.js';
import { nameMatcher, type ApiSecuritySettings } from '../../utils/settings.js';
import { crossFileTarget } from '../project/calls.js';
import { exportedDefinition, importedDefinition } from '../project/imported.js';
import { fileOfNode } from '../project/parse.js';
import { projectIndexOf } from '../project/index.js';
import { isSecretName, splitWords } from '../secrets/names.js';
import { middlewareClassMethods } from '../../models/frameworks/decorator-controllers.js';
import { diLookups } from '../../models/frameworks/di-containers.js';
import { isProjectModule, returnedValues } from './frameworks/shared-ast.js';
import { signatureLibraryCall, signatureVerifier, type LibraryCallOf } from './signatures.js';
import { matchesPathPattern } from './paths.js';
import { skipsPath } from './path-conditions.js';
import { fixedStringList } from '../taint/allowlist.js';
import { onlyRedirects } from './redirect-only.js';
import { publicByCredential } from './sign-in.js';
import { storeReadMethods, storeRecordMethods } from '../../models/route-sensitivity.js';
import { readsFile } from './file-pages.js';
import { isStoreWriteCall } from './store-writes.js';
import { h3InputCall } from './request-inputs.js';
import type { Route, RouteGuard } from './types.js';
import { parameterNames as signatureNames } from '../../models/frameworks/handler-signatures.js';

/** Why a route is or is not protected. */
export type AuthStatus = 'authenticated' | 'public' | 'unauthenticated' | 'unknown';

/** A guard that may authenticate but whose definition is out of view. */
export interface UnjudgedGuard {
  /** The guard as written (`requireAuth`, `withWorkspace`, `JwtAuthGuard`). */
  name: string;
  /** Where it comes from: a module specifier (`./middleware/auth`), or why it cannot be followed. */
  source: string;
}

export interface AuthVerdict {
  status: AuthStatus;
  /** What authenticates it or makes it public (a guard name, `check of req.user`, a path pattern). */
  by: string | null;
  /** The guard that authenticates, when it is one. */
  guard: RouteGuard | null;
  /** A role or permission check runs before or inside the handler. */
  roleChecked: boolean;
  /** The route is public by an explicit opt-out (`auth: false`, `@Public()`), not by its path. */
  optOut?: boolean;
  /** Status `unknown` because of this guard (rather than an unresolved mount). */
  unjudged?: UnjudgedGuard | null;
  /**
   * Status `unauthenticated` although a middleware authenticates the requests that send
   * credentials: it lets the others through (see `OptionalAuthentication`).
   */
  optional?: OptionalAuthentication | null;
  /** With `optional`: the call of the handler that is given the caller's principal, if any. */
  delegatedTo?: Delegation | null;
  /**
   * Status `unauthenticated` although a guard (or the handler) turns away requests that send no
   * credential: it never checks the credential's value, so any value passes.
   */
  unverified?: UnverifiedGuard | null;
  /**
   * Status `unauthenticated` although a middleware authenticates: it lets this path through first
   * because a prefix of its list of public paths matches the path's first letters, not a whole
   * segment (`/api/pay` lets `/api/payouts` through). The middleware's name.
   */
  skippedByPrefix?: string | null;
}

/** Where a route's only check is that a credential was sent: the guard, the test, and where it is. */
export interface UnverifiedGuard {
  name: string;
  check: string;
  file: string | undefined;
  line: number;
}

/**
 * A middleware or hook that verifies a credential when one is sent (a token, a session) and puts
 * a principal on the request, but lets requests without credentials continue: the routes behind
 * it are reachable anonymously, and access rests on what the handler does with the principal.
 */
export interface OptionalAuthentication {
  /** The middleware as written in front of the route (`optionalAuth`, `passport.authenticate`). */
  name: string;
  /** What it verifies with (`jwt.verify()`, `passport.authenticate`). */
  by: string;
  /**
   * Where it puts the principal, relative to the request, response or context it is given:
   * `user`, `accountability`, `locals.user`, `state.user`.
   */
  members: readonly string[];
  /** Its definition: the file (when known) and line. */
  file: string | undefined;
  line: number;
}

/** The call to which a handler passes the caller's principal (`new ItemsService({ accountability })`). */
export interface Delegation {
  /** The call as written: `new ItemsService()`, `service.readMany()`. */
  call: string;
  node: TSESTree.CallExpression | TSESTree.NewExpression;
}

/** The names a team uses for authentication, built-in defaults plus settings. */
export interface AuthVocabulary {
  /**
   * Whether a middleware, hook or wrapper name looks like authentication. A name never
   * authenticates by itself: a look-alike whose definition is out of view is *unknown*.
   */
  isAuthMiddleware(name: string): boolean;
  /** Whether a NestJS guard or decorator name looks like authentication. */
  isAuthGuard(name: string): boolean;
  /** Names the team lists in settings (`authMiddleware`, `authGuards`): these authenticate, as data. */
  isConfiguredAuth(name: string): boolean;
  /** Role checks the team lists in settings (`roleChecks`): these authenticate too. */
  isConfiguredRoleCheck(name: string): boolean;
  isPublicDecorator(name: string): boolean;
  isAuthCall(name: string): boolean;
  /** Auth calls the team lists in settings (`authCalls`): these read the caller, as data, whatever their body. */
  isConfiguredAuthCall?(name: string): boolean;
  isRejectingAuthCall(name: string): boolean;
  isRoleCheck(name: string): boolean;
  isSignatureCheck(name: string): boolean;
  /** Public path patterns: the built-in defaults (unless dropped) and the team's. */
  publicRoutes: readonly string[];
  /**
   * The patterns the team lists (settings, rule options): these exempt every route they match. A
   * built-in default (a `public` segment) is for reads, and exempts no privileged route (see `isPrivilegedRoute`).
   */
  configuredPublicRoutes: readonly string[];
  /** False when the built-in public paths are dropped: then no `publicFlowPhrases` name is public either. */
  publicFlowNames?: boolean;
}

const vocabularies = new WeakMap<ApiSecuritySettings, AuthVocabulary>();

export function authVocabulary(settings: ApiSecuritySettings, extraPublicRoutes: readonly string[] = []): AuthVocabulary {
  const cached = extraPublicRoutes.length === 0 ? vocabularies.get(settings) : undefined;
  if (cached) return cached;
  const vocabulary: AuthVocabulary = {
    isAuthMiddleware: nameMatcher([...authMiddlewareNames, ...settings.authMiddleware]),
    isAuthGuard: nameMatcher([...authGuardNames, ...settings.authGuards, ...settings.authMiddleware]),
    isConfiguredAuth: nameMatcher([...settings.authMiddleware, ...settings.authGuards]),
    isConfiguredRoleCheck: nameMatcher(settings.roleChecks),
    isPublicDecorator: nameMatcher([...publicDecoratorNames, ...settings.publicDecorators]),
    isAuthCall: nameMatcher([...authCallNames, ...settings.authCalls]),
    isConfiguredAuthCall: nameMatcher(settings.authCalls),
    isRejectingAuthCall: nameMatcher([...rejectingAuthCallNames, ...settings.authMiddleware]),
    isRoleCheck: nameMatcher([...roleCheckNames, ...settings.roleChecks]),
    isSignatureCheck: nameMatcher(signatureVerificationNames),
    publicRoutes: [...defaultPublicRoutes, ...settings.publicRoutes, ...extraPublicRoutes],
    configuredPublicRoutes: [...settings.publicRoutes, ...extraPublicRoutes],
  };
  if (extraPublicRoutes.length === 0) vocabularies.set(settings, vocabulary);
  return vocabulary;
}

/** The scope of a node in the file being judged (`sourceCode.getScope`). */
export type ScopeOf = (node: TSESTree.Node) => Scope;

const principalSet = new Set(principalMembers);
const principalHolders = new Set(principalHolderKeys);

/** The local names a destructured parameter gives the framework's per-request state (`{ locals }`, `{ locals: l }`). */
function holderNames(param: TSESTree.Parameter): string[] {
  const pattern = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return [];
  const names: string[] = [];
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || !principalHolders.has(propertyName(property.key) ?? '')) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier) names.push(value.name);
  }
  return names;
}
/**
 * Principals a destructured parameter names (`{ user }`, `{ currentUser: me }`, `{ session }`):
 * the caller the framework put in the per-request value it hands over. Not `state`, `auth` or
 * `credentials`, which hold more than the caller (Koa's `ctx.state`, AdonisJS's `auth` manager).
 */
const PARAMETER_PRINCIPALS = new Set(principalMembers.filter((name) => !['state', 'auth', 'credentials', 'isAuthenticated'].includes(name)));

function destructuredPrincipals(param: TSESTree.Parameter): string[] {
  const pattern = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return [];
  const names: string[] = [];
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || !PARAMETER_PRINCIPALS.has(propertyName(property.key) ?? '')) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier) names.push(value.name);
  }
  return names;
}

const roleSet = new Set(roleProperties);
const roleIdSet = new Set(roleIdProperties);
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

/**
 * Whether a middleware wrapped by express-unless or koa-unless (`auth.unless({ path, method })`) is
 * skipped for the route: a `path` entry equal to the route's path, or a regular expression literal
 * that matches it (for every method the route serves, when a `{ url, methods }` entry names
 * methods), or a `method` list that holds every method of the route, whatever its path (as
 * express-unless decides). An entry that is not a literal, or a route without a static path, leaves
 * the middleware in front of the route. A `custom` predicate skips it for every request it accepts
 * (see `customSkip`): `'skipped'` when the client can make it accept (it reads a header, the query, a
 * cookie), `'unknown'` when what it accepts cannot be judged; one that always answers false skips nothing.
 */
function unlessExcludes(guard: RouteGuard, route: Route, scopeOf: ScopeOf): boolean | 'unknown' {
  const skipped = unlessPathsExclude(guard, route);
  if (skipped) return true;
  const custom = unlessCustom(guard);
  if (custom === null) return false;
  const verdict = customSkip(custom, guard.declaredIn?.scopeOf ?? scopeOf);
  return verdict === 'never' ? false : verdict === 'client' ? true : 'unknown';
}

/** The `custom` predicate of an express-unless or koa-unless call (`auth.unless({ custom })`), if any. */
function unlessCustom(guard: RouteGuard): TSESTree.Node | null {
  const call = unwrap(guard.declaredIn?.node ?? guard.node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee.property) !== 'unless') return null;
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === 'custom') return property.value;
  }
  return null;
}

/**
 * What a `custom` predicate of express-unless accepts: `never` (its every answer is falsy), `client`
 * (its answer reads what the request sent: a header, the query, a cookie, the body; the client
 * chooses to skip the guard), or `unknown` (a predicate out of view, or one that reads something else).
 */
function customSkip(predicate: TSESTree.Node, scopeOf: ScopeOf): 'never' | 'client' | 'unknown' {
  const target = resolveTarget(predicate, scopeOf, 0);
  if (target.type !== 'function') return 'unknown';
  const fn = target.fn;
  const results = resultsOf(fn, [fn]);
  if (results.length > 0 && results.every((result) => alwaysFalsy(awaited(result)))) return 'never';
  const requestNames = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  return clientChosen(fn.body, requestNames, new Set(), fn, true) ? 'client' : 'unknown';
}

function unlessPathsExclude(guard: RouteGuard, route: Route): boolean {
  // Judged by the call's shape, not its name: a guard of a mount in another file is named by the
  // middleware it wraps (`jwt`), one of the route's file by the whole chain (`jwt.unless`).
  if (route.path === null) return false;
  // A middleware a setup function of another file installs is written there (see `RouteGuard.declaredIn`).
  const call = unwrap(guard.declaredIn?.node ?? guard.node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee.property) !== 'unless') return false;
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  let paths: TSESTree.Node[] = [];
  let methods: string[] | null = null;
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
    const key = propertyName(property.key);
    const value = unwrap(property.value);
    if (key === 'path') paths = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement) : [value];
    else if (key === 'method') {
      const list = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
      methods = list.flatMap((element) => (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value.toUpperCase()] : []));
    } else if (key !== 'ext' && key !== 'useOriginalUrl' && key !== 'custom') return false;
  }
  const routeMethods = route.methods.includes('ALL') ? null : route.methods;
  const allMethods = (listed: readonly string[] | null): boolean => listed === null || (routeMethods !== null && routeMethods.every((method) => listed.includes(method)));
  const path = route.path;
  // express-unless skips a request whose method is listed, whatever its path (`method` is a
  // condition of its own, not a narrowing of `path`), or whose URL a `path` entry matches.
  if (methods !== null && routeMethods !== null && allMethods(methods)) return true;
  return paths.some((entry) => {
    const value = unwrap(entry);
    if (value.type === AST_NODE_TYPES.Literal) return literalMatches(value, path);
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return false;
    let url: TSESTree.Literal | null = null;
    let listed: string[] | null = null;
    for (const property of value.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
      const inner = unwrap(property.value);
      if (propertyName(property.key) === 'url' && inner.type === AST_NODE_TYPES.Literal) url = inner;
      else if (propertyName(property.key) === 'methods' || propertyName(property.key) === 'method') {
        listed = (inner.type === AST_NODE_TYPES.ArrayExpression ? inner.elements : [inner]).flatMap((element) => (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value.toUpperCase()] : []));
      } else return false;
    }
    return url !== null && allMethods(listed) && literalMatches(url, path);
  });
}

/** A path string equal to the route's path, or a regular expression literal that matches it. */
function literalMatches(literal: TSESTree.Literal, path: string): boolean {
  if (typeof literal.value === 'string') return literal.value === path;
  if (!('regex' in literal)) return false;
  try {
    return new RegExp(literal.regex.pattern, literal.regex.flags).test(path);
  } catch {
    // A pattern this Node.js cannot compile: the middleware is taken to run (not excluded).
    return false;
  }
}

/** Whether a guard the route states itself authenticates every request it lets reach the handler. */
function ownCheckAuthenticates(guard: RouteGuard, route: Route, vocabulary: AuthVocabulary, scopeOf: ScopeOf): boolean {
  const judgement = judgeGuard(guard, vocabulary, scopeOf, isWrapperOf(guard, route));
  return judgement.verdict === 'authenticates' && !letsRouteThrough(judgement.passes, route);
}

/** Decides whether a request reaches `route`'s handler only after authentication. */
export function classifyRoute(route: Route, vocabulary: AuthVocabulary, scopeOf: ScopeOf): AuthVerdict {
  let roleChecked = false;
  let authenticatedBy: { by: string; guard: RouteGuard | null } | null = null;
  let unjudged: UnjudgedGuard | null = null;
  let optional: OptionalAuthentication | null = null;
  let unverified: UnverifiedGuard | null = null;
  let publicBy: string | null = null;
  // A middleware that lets the path through because a public prefix of its list shares its first letters.
  let publicByPrefix: string | null = null;
  const unverifiedBy = (name: string, check: UnverifiedCheck): UnverifiedGuard => ({
    name,
    check: check.check,
    file: fileOfNode(check.node),
    line: check.node.loc.start.line,
  });

  for (const guard of route.guards) {
    if (guard.verdict === 'public' && (guard.level === 'route' || guard.level === 'class')) publicBy ??= guard.name ?? 'auth: false';
    if (guard.kind === 'decorator' && guard.name !== null && isPublicDecorator(guard, vocabulary)) {
      publicBy ??= `@${guard.name}`;
    }
    if ((guard.name !== null && vocabulary.isRoleCheck(guard.name)) || configChecksScope(guard)) roleChecked = true;
    if (authenticatedBy) continue;
    // `jwt({ secret }).unless({ path: ['/login', /^\/public/] })` does not run for the paths it lists,
    // nor for the requests a `custom` predicate accepts.
    const excluded = unlessExcludes(guard, route, guard.declaredIn?.scopeOf ?? scopeOf);
    if (excluded === 'unknown') {
      unjudged ??= { name: guard.name?.replace(/\.unless$/u, '') ?? 'guard', source: 'its `unless` skips it for the requests a `custom` function accepts, which cannot be judged' };
      continue;
    }
    if (excluded) continue;
    const judgement = judgeGuard(guard, vocabulary, scopeOf, isWrapperOf(guard, route));
    // `if (!signedIn(req) && req.method !== 'GET') return 401` authenticates no GET route.
    if (judgement.verdict === 'authenticates' && letsRouteThrough(judgement.passes, route)) continue;
    // `if (PUBLIC_PREFIXES.some((p) => req.path.startsWith(p))) return next()` first: the middleware
    // checks nothing for the paths its own list lets through. The list is the team's word on what is
    // public (a privileged path in it is an opt-out), unless the path is in it only by sharing a
    // prefix's letters (`/api/pay` lets `/api/payouts` through).
    if (judgement.verdict === 'authenticates' && route.path !== null) {
      const skipped = middlewareSkipsPath(guard, route.path, guard.declaredIn?.scopeOf ?? scopeOf);
      if (skipped === 'listed') {
        publicBy ??= `the public paths of \`${guard.name ?? judgement.by}\``;
        continue;
      }
      if (skipped === 'byPrefix') {
        publicByPrefix ??= guard.name ?? judgement.by;
        continue;
      }
    }
    if (judgement.verdict === 'authenticates') authenticatedBy = { by: guard.name?.replace(/\.unless$/u, '') ?? judgement.by, guard };
    else if (judgement.verdict === 'unknown') unjudged ??= { name: judgement.name, source: judgement.source };
    else if (judgement.verdict === 'none' && judgement.unverified) {
      unverified ??= unverifiedBy(guard.name?.replace(/\.unless$/u, '') ?? `(inline ${guard.kind})`, judgement.unverified);
    }
    // A middleware that sets no principal (a helper's verdict) authenticates nobody the route can see.
    else if (judgement.verdict === 'optional' && judgement.members.length > 0) {
      optional ??= {
        name: guard.name?.replace(/\.unless$/u, '') ?? `(inline ${guard.kind})`,
        by: judgement.by,
        members: judgement.members,
        file: fileOfNode(judgement.at),
        line: judgement.at.loc.start.line,
      };
    }
  }
  for (const guard of route.guards) {
    if (!roleChecked && guard.roleChecked !== false && (guard.roleChecked === true || (guard.fn && checksRole(guard.fn, guard.declaredIn?.scopeOf ?? scopeOf)))) roleChecked = true;
    // A middleware of another file (`requireStaff`), or the one a factory returns (`can('orgs:suspend')`):
    // judged by its body, whatever its name.
    if (!roleChecked && guard.roleChecked !== false && guard.verdict === undefined && guardRunsRoleCheck(guard, scopeOf)) roleChecked = true;
  }
  const handler = route.handler?.fn ?? null;
  if (handler && roleChecks(handler, scopeOf).length > 0) roleChecked = true;
  // A handler defined in another file of the project (`router.post('/x', notes.remove)`,
  // `functions.http('x', require('./handlers').preview)`) is judged there, with that file's scopes.
  const remote = !handler && route.handler ? projectFunctionOf(route.handler.node, scopeOf) : null;
  if (remote && roleChecks(remote.fn, remote.scopeOf).length > 0) roleChecked = true;
  // A role helper of the project the handler calls and whose refusal it passes on (it throws and no
  // `catch` swallows it: `assertCanManage(req.user)` of `lib/roles.js`), wherever the helper is written.
  const handlerFn = handler ? { fn: handler, scopeOf } : remote;
  if (!roleChecked && handlerFn && roleCheckingCall(handlerFn.fn, handlerFn.scopeOf, handlerFn.fn.body) !== null) roleChecked = true;
  // An opt-out of the app's authentication (`config: { allowAnonymous: true }`) with a check of its
  // own on the route (`preHandler` that turns away a request without a session): the route's own
  // check runs whatever the opt-out skips.
  if (publicBy !== null) {
    const own = route.guards.find((guard) => guard.level === 'route' && guard.verdict !== 'public' && guard.fn !== null && ownCheckAuthenticates(guard, route, vocabulary, scopeOf));
    if (own) return { status: 'authenticated', by: own.name ?? `(inline ${own.kind})`, guard: own, roleChecked };
  }
  if (publicBy !== null) return { status: 'public', by: publicBy, guard: null, roleChecked, optOut: true };
  if (authenticatedBy) return { status: 'authenticated', by: authenticatedBy.by, guard: authenticatedBy.guard, roleChecked };
  if (handler) {
    const check = judgeFunction(handler, vocabulary, scopeOf);
    if (check.verdict === 'authenticates' && !letsRouteThrough(check.passes, route)) return { status: 'authenticated', by: check.by, guard: null, roleChecked };
    if (check.verdict === 'unknown') unjudged ??= { name: check.name, source: check.source };
    if (check.verdict === 'none' && check.unverified) unverified ??= unverifiedBy('the handler', check.unverified);
    if (check.verdict !== 'authenticates') {
      const flag = stateFlagGate(handler, route, { vocabulary, scopeOf, depth: 0 });
      if (flag?.verdict === 'authenticates') return { status: 'authenticated', by: flag.by, guard: null, roleChecked };
      if (flag?.verdict === 'unknown') unjudged ??= { name: flag.name, source: flag.source };
    }
  } else if (remote) {
    const check = judgeFunction(remote.fn, vocabulary, remote.scopeOf);
    if (check.verdict === 'authenticates' && !letsRouteThrough(check.passes, route)) return { status: 'authenticated', by: check.by, guard: null, roleChecked };
    if (check.verdict === 'unknown') unjudged ??= { name: check.name, source: check.source };
    if (check.verdict === 'none' && check.unverified) unverified ??= unverifiedBy('the handler', check.unverified);
  }
  if (publicByPrefix !== null) return { status: 'unauthenticated', by: null, guard: null, roleChecked, skippedByPrefix: publicByPrefix };
  // The path of a router mounted in another file lacks its prefix (`router.get('/')` may serve
  // `/api/invoices`): public path patterns apply only once the mount is known, except those that
  // start with `**`, which match the path under any prefix (`/health` is `**/health` wherever mounted).
  const mountedElsewhere = route.owner?.mountedElsewhere === true;
  // A route without a path of its own (a server action) is matched by the path its name stands for.
  const publicPath = route.path ?? route.namePath ?? null;
  if (publicPath !== null) {
    // A built-in public path is for reads: `DELETE /public/notes/:id` is not public by its path.
    // The team's own patterns exempt whatever they match: they said so.
    const pattern = vocabulary.publicRoutes.find((candidate) => (!mountedElsewhere || candidate.startsWith('**')) && matchesPathPattern(candidate, publicPath) &&
      (vocabulary.configuredPublicRoutes.includes(candidate) || !isPrivilegedRoute(route, vocabulary)));
    if (pattern !== undefined) return { status: 'public', by: `public path ${pattern}`, guard: null, roleChecked };
    const flow = vocabulary.publicFlowNames === false || isPrivilegedRoute(route, vocabulary) ? null : publicFlowName(publicPath);
    if (flow !== null) return { status: 'public', by: `public flow ${flow}`, guard: null, roleChecked };
  }
  // A sign-in or sign-up by what it does with the password it is sent, or an action on the secret
  // credential the request names (revoking the token it sends): see `sign-in.ts`. Like a public flow
  // named by its path, this is public wherever the router is mounted; not under an administration
  // or role-management segment, which no sign-in needs.
  const administrative = (route.path ?? '').split('/').some((segment) => privilegedSegmentSet.has(segment.toLowerCase()));
  const credentialFlow = handler && !administrative ? publicByCredential(handler, (call) => projectHelper(call, scopeOf)?.fn ?? null) : null;
  if (credentialFlow !== null) return { status: 'public', by: credentialFlow, guard: null, roleChecked };
  if (mountedElsewhere) return { status: 'unknown', by: null, guard: null, roleChecked, unjudged };
  if (unjudged !== null) return { status: 'unknown', by: null, guard: null, roleChecked, unjudged };
  // A browser sends a CORS preflight without credentials: an OPTIONS route answers it for anyone.
  if (route.methods.length > 0 && route.methods.every((method) => method === 'OPTIONS')) {
    return { status: 'public', by: 'a CORS preflight', guard: null, roleChecked };
  }
  if (handler && route.methods.every((method) => method === 'GET' || method === 'HEAD') && (servesStaticFile(handler) || servesPageReadAtStartUp(handler, scopeOf))) {
    return { status: 'public', by: 'a static file', guard: null, roleChecked };
  }
  const nature = handler ? publicByNature(route, handler, scopeOf) : null;
  if (nature !== null) return { status: 'public', by: nature, guard: null, roleChecked };
  if (optional !== null) {
    // Anonymous requests reach the handler; what it does with the principal decides who may do what.
    const delegatedTo = handler ? delegation(handler, optional.members) : null;
    return { status: 'unauthenticated', by: null, guard: null, roleChecked, optional, delegatedTo };
  }
  return { status: 'unauthenticated', by: null, guard: null, roleChecked, unverified };
}

/**
 * Where a handler reads per-request state that only server code writes: Hono's `c.get('key')` (or
 * `c.var.key`), a member of the request (`req.apiKeyOk`, not what the client sent), `res.locals.key`,
 * Koa's `ctx.state.key`; `path` is what is read inside it (`c.get('ctx').keyOk`: key `ctx`, path `keyOk`).
 */
interface StateSlot {
  store: 'context' | 'member';
  key: string;
  path: readonly string[];
  text: string;
}

const STATE_HOLDERS = new Set(['locals', 'state']);

function stateSlot(expression: TSESTree.Node, handler: FunctionNode, scopeOf: ScopeOf, depth = 0): StateSlot | null {
  const path: string[] = [];
  let node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.ChainExpression) node = unwrap(node.expression);
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = node.computed ? (node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : null) : propertyName(node.property);
    if (name === null) return null;
    path.unshift(name);
    node = unwrap(node.object);
    if (node.type === AST_NODE_TYPES.ChainExpression) node = unwrap(node.expression);
  }
  const params = parameterNames(handler);
  const text = shortText(expression);
  // `c.get('ctx')`
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee.property) === 'get') {
    const holder = unwrap(node.callee.object);
    const key = node.arguments[0];
    if (holder.type !== AST_NODE_TYPES.Identifier || !params.has(holder.name) || key?.type !== AST_NODE_TYPES.Literal || typeof key.value !== 'string') return null;
    return { store: 'context', key: key.value, path, text };
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  if (params.has(node.name)) {
    const [first, second, ...rest] = path;
    if (first === undefined) return null;
    // `c.var.ctx`
    if (first === 'var' && second !== undefined) return { store: 'context', key: second, path: rest, text };
    if (STATE_HOLDERS.has(first) && second !== undefined) return { store: 'member', key: second, path: rest, text };
    if (NOT_CALLER_MEMBERS.has(first) || first === 'req' || first === 'request') return null;
    return { store: 'member', key: first, path: path.slice(1), text };
  }
  // `const ctx = c.get('ctx')`, then `ctx.keyOk`.
  if (depth > 0) return null;
  const variable = findVariable(scopeOf(node), node.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init ||
    definition.node.parent.kind !== 'const' || enclosingFunction(definition.node) !== handler) return null;
  const inner = stateSlot(definition.node.init, handler, scopeOf, depth + 1);
  return inner === null ? null : { ...inner, path: [...inner.path, ...path], text };
}


/**
 * A handler that turns the request away with 401 unless a flag of its per-request state holds
 * (`if (!c.get('ctx').keyOk) throw new HTTPException(401)`), the flag computed by an earlier
 * middleware: the handler authenticates when every place in view that sets the flag computes it by
 * checking a credential the request sent (`keyOk: keyAccepted(c.req.header('authorization'))`);
 * a flag made any other way (a header's presence, a query parameter) proves nothing. When nothing
 * in view sets it (the middleware is in a file out of view) the verdict is *unknown*. Only a test
 * of the flag alone, in a statement of the handler's own body, counts: a refusal the client can
 * step around (`if (!ctx.keyOk && !preview)`, or under a condition) does not.
 */
function stateFlagGate(handler: FunctionNode, route: Route, state: JudgeState): GuardJudgement | null {
  if (handler.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const statements = handler.body.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.TryStatement ? statement.block.body : [statement]));
  for (const statement of statements) {
    if (statement.type !== AST_NODE_TYPES.IfStatement || !refusesUnauthenticated(statement.consequent)) continue;
    const flag = negatedOperand(statement.test);
    const slot = flag === null ? null : stateSlot(flag, handler, state.scopeOf);
    if (slot === null) continue;
    const places: { program: TSESTree.Node; scopeOf: ScopeOf }[] = [{ program: programOf(handler), scopeOf: state.scopeOf }];
    for (const guard of route.guards) {
      if (guard.declaredIn) places.push({ program: programOf(guard.declaredIn.node), scopeOf: guard.declaredIn.scopeOf });
    }
    const seen = new Set<TSESTree.Node>();
    let verified: string | null = null;
    let unverifiedSetter = false;
    for (const place of places) {
      if (seen.has(place.program)) continue;
      seen.add(place.program);
      for (const setter of stateSetters(place.program, slot)) {
        const value = setter.value === null ? null : flagValue(setter.value, slot.path);
        if (value !== null && computedFromCredentialCheck(value, setter.fn, { ...state, scopeOf: place.scopeOf })) verified ??= `\`${setter.text}\` (line ${setter.fn.loc.start.line})`;
        else unverifiedSetter = true;
      }
    }
    if (unverifiedSetter) return null;
    if (verified !== null) return { verdict: 'authenticates', by: `check of \`${slot.text}\`, set by ${verified}` };
    return { verdict: 'unknown', name: slot.text, source: 'the middleware that sets it' };
  }
  return null;
}

/** `!flag`, `flag === false`, `flag !== true`: the operand that must hold, or null. */
function negatedOperand(test: TSESTree.Node): TSESTree.Node | null {
  const value = unwrap(test);
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') return value.argument;
  if (value.type === AST_NODE_TYPES.BinaryExpression) {
    const literal = (node: TSESTree.Node, wanted: boolean): boolean => node.type === AST_NODE_TYPES.Literal && node.value === wanted;
    if (value.operator === '===' || value.operator === '==') {
      if (literal(value.right, false)) return value.left;
      if (literal(value.left, false)) return value.right;
    }
    if (value.operator === '!==' || value.operator === '!=') {
      if (literal(value.right, true)) return value.left;
      if (literal(value.left, true)) return value.right;
    }
  }
  return null;
}

/** A branch that leaves with 401 (a status, or a thrown `new HTTPException(401)` / `new UnauthorizedException()`). */
function refusesUnauthenticated(branch: TSESTree.Node): boolean {
  if (answersUnauthorized(branch)) return true;
  const statements = branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch];
  return statements.some((statement) => {
    // Hono's `return c.json(body, 401)`, `return c.text('…', 401)`.
    if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) {
      const answer = unwrap(statement.argument);
      const status = answer.type === AST_NODE_TYPES.CallExpression ? answer.arguments[1] : undefined;
      return answer.type === AST_NODE_TYPES.CallExpression && answer.callee.type === AST_NODE_TYPES.MemberExpression &&
        HONO_ANSWERS.has(propertyName(answer.callee.property) ?? '') && status?.type === AST_NODE_TYPES.Literal && status.value === 401;
    }
    if (statement.type !== AST_NODE_TYPES.ThrowStatement) return false;
    const error = unwrap(statement.argument);
    if (error.type !== AST_NODE_TYPES.NewExpression && error.type !== AST_NODE_TYPES.CallExpression) return false;
    const first = error.arguments[0];
    return (first?.type === AST_NODE_TYPES.Literal && first.value === 401) || /Unauthori[sz]ed/u.test(dottedName(error.callee) ?? '');
  });
}

/** Hono's context methods that answer with a status as their second argument. */
const HONO_ANSWERS = new Set(['json', 'text', 'body', 'html']);

interface StateSetter {
  /** The value written: the whole state (`c.set('ctx', { … })`) or the member itself. */
  value: TSESTree.Node | null;
  fn: FunctionNode;
  text: string;
}

const stateSetterCache = new WeakMap<TSESTree.Node, Map<string, StateSetter[]>>();

/**
 * The places of a file that write a state slot, indexed once per file: `c.set('key', value)` on a
 * parameter named as Hono's context, `req.key = value`, `res.locals.key = value`, `ctx.state.key =
 * value` on a parameter of the function they are in.
 */
function stateSetters(program: TSESTree.Node, slot: StateSlot): readonly StateSetter[] {
  let index = stateSetterCache.get(program);
  if (!index) {
    const found = new Map<string, StateSetter[]>();
    const add = (id: string, setter: StateSetter): void => {
      const list = found.get(id) ?? [];
      list.push(setter);
      found.set(id, list);
    };
    walk(program, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee.property) === 'set') {
        const holder = unwrap(node.callee.object);
        const [key, value] = node.arguments;
        const fn = enclosingFunction(node);
        if (fn && holder.type === AST_NODE_TYPES.Identifier && signatureNames.honoContext.test(holder.name) && parameterNames(fn).has(holder.name) &&
          key?.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' && value && value.type !== AST_NODE_TYPES.SpreadElement) {
          add(`context:${key.value}`, { value, fn, text: `${holder.name}.set('${key.value}', …)` });
        }
      }
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression && !node.left.computed) {
        const fn = enclosingFunction(node);
        const key = propertyName(node.left.property);
        const object = unwrap(node.left.object);
        if (fn && key !== null) {
          const holder = object.type === AST_NODE_TYPES.MemberExpression && !object.computed && STATE_HOLDERS.has(propertyName(object.property) ?? '') ? unwrap(object.object) : object;
          if (holder.type === AST_NODE_TYPES.Identifier && parameterNames(fn).has(holder.name)) add(`member:${key}`, { value: node.right, fn, text: shortText(node.left) });
        }
      }
      return undefined;
    });
    index = found;
    stateSetterCache.set(program, index);
  }
  return index.get(`${slot.store}:${slot.key}`) ?? [];
}

/** The part of a written value a path reads: `{ keyOk, db }` read at `keyOk`; null when it cannot be seen. */
function flagValue(value: TSESTree.Node, path: readonly string[]): TSESTree.Node | null {
  let node = unwrap(value);
  for (const name of path) {
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const property = node.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && propertyName(candidate.key) === name);
    if (property?.type !== AST_NODE_TYPES.Property) return null;
    node = unwrap(property.value);
  }
  return node;
}

/**
 * Whether a value written by a middleware comes from checking a credential the request sent: a
 * function of the project whose answer does (see `helperVerifies`), a verification of a known
 * library, or a comparison of the sent credential with a secret of the server. A local constant is
 * followed to its initialiser in the same function.
 */
function computedFromCredentialCheck(value: TSESTree.Node, fn: FunctionNode, state: JudgeState, depth = 0): boolean {
  const node = awaited(unwrap(value));
  if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = findVariable(state.scopeOf(node), node.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init || definition.node.id.type !== AST_NODE_TYPES.Identifier || enclosingFunction(definition.node) !== fn) return false;
    return computedFromCredentialCheck(definition.node.init, fn, state, depth + 1);
  }
  const requestNames = new Set(parameterNames(fn));
  // Constants of the middleware read off the request (`const request = c.req.raw`).
  walk(fn.body, (inner) => {
    if (isFunction(inner)) return 'skip';
    if (inner.type === AST_NODE_TYPES.VariableDeclarator && inner.id.type === AST_NODE_TYPES.Identifier && inner.init) {
      const root = rootIdentifier(unwrap(inner.init));
      if (root !== null && requestNames.has(root)) requestNames.add(inner.id.name);
    }
    return undefined;
  });
  if (node.type === AST_NODE_TYPES.BinaryExpression || node.type === AST_NODE_TYPES.LogicalExpression) {
    return requiresSentCredential(node, requestNames, new Set(), new Set());
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const call = node;
  if (!call.arguments.some((argument) => mentionsAny(argument, requestNames, new Set()) || (argument.type === AST_NODE_TYPES.Identifier && requestNames.has(argument.name)))) return false;
  if (helperAnswer(call, state) === 'verifies') return true;
  const target = resolveTarget(call.callee, state.scopeOf, 1);
  return target.type === 'module' && libraryKind(target.module, target.path) === 'verify';
}

/** Calls that take the principal without acting on the caller's behalf: conversions, logging. */
const NOT_DELEGATION = /^(?:String|Number|Boolean|BigInt|JSON\.\w+|Object\.\w+|Array\.\w+|Promise\.\w+|Math\.\w+|console\.\w+|structuredClone|\w+(?:\.\w+)*\.(?:log|info|warn|error|debug|trace|fatal|verbose))$/u;

/**
 * The call to which a handler passes the caller's principal, as set by an optional authentication
 * middleware in `members` (`req.user`, `req.accountability`, `res.locals.user`, `ctx.state.user`):
 * a service or model built or called with it (`new ItemsService({ accountability:
 * req.accountability })`, `service.readMany(query, req.user)`, `Order.find({ owner: user.id })`),
 * directly or through a local (`const { accountability } = req`). The response (`res.json(req.user)`),
 * logging and conversions are not. The innermost such call around a read is the one named.
 */
function delegation(fn: FunctionNode, members: readonly string[]): Delegation | null {
  const params = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  if (params.size === 0 || members.length === 0) return null;
  const prefixes = [...params].flatMap((param) => members.map((member) => `${param}.${member}`));
  const readsPrincipal = (name: string | null): boolean =>
    name !== null && prefixes.some((prefix) => name === prefix || name.startsWith(`${prefix}.`));
  const aliases = new Set<string>();
  let found: Delegation | null = null;
  walk(fn.body, (node) => {
    if (found !== null) return 'skip';
    // `const user = req.user`, `const { accountability } = req`, `const { user } = res.locals`
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      const init = dottedName(unwrap(node.init));
      if (node.id.type === AST_NODE_TYPES.Identifier && readsPrincipal(init)) aliases.add(node.id.name);
      if (node.id.type === AST_NODE_TYPES.ObjectPattern && init !== null) {
        for (const property of node.id.properties) {
          const key = property.type === AST_NODE_TYPES.Property ? propertyName(property.key) : null;
          if (property.type === AST_NODE_TYPES.Property && key !== null && property.value.type === AST_NODE_TYPES.Identifier && readsPrincipal(`${init}.${key}`)) {
            aliases.add(property.value.name);
          }
        }
      }
      return undefined;
    }
    let read = false;
    if (node.type === AST_NODE_TYPES.MemberExpression && readsPrincipal(dottedName(node))) read = true;
    if (node.type === AST_NODE_TYPES.Identifier && aliases.has(node.name) && !isPropertyKey(node)) read = true;
    if (!read) return undefined;
    found = callGiven(node, fn, params);
    // The outermost read of a member chain is the one asked about; its parts are not read again.
    return 'skip';
  });
  return found;
}

/** An identifier that names a property (`{ user: 1 }`, `a.user`) rather than reading a variable. */
function isPropertyKey(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.property === node && !parent.computed;
  if (parent?.type === AST_NODE_TYPES.Property) return parent.key === node && !parent.shorthand && !parent.computed;
  return false;
}

/** The innermost call around `node` that is given it as (part of) an argument and acts for the caller. */
function callGiven(node: TSESTree.Node, fn: FunctionNode, params: ReadonlySet<string>): Delegation | null {
  let child: TSESTree.Node = node;
  let current = node.parent;
  // A callback is not the call it is given to: `list.filter((x) => x.owner === req.user.id)` filters.
  while (current && current !== fn && !isFunction(current)) {
    if ((current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) && current.callee !== child) {
      const name = dottedName(current.callee);
      const root = rootIdentifier(current.callee);
      const own = root !== null && params.has(root);
      if (!own && !(name !== null && NOT_DELEGATION.test(name)) && !(current.type === AST_NODE_TYPES.CallExpression && name !== null && isContinuation(name))) {
        const text = name ?? 'a call';
        return { call: current.type === AST_NODE_TYPES.NewExpression ? `new ${text}()` : `${text}()`, node: current };
      }
    }
    child = current;
    current = current.parent;
  }
  return null;
}

/**
 * Routes public by what their handler does, whatever their path: one that establishes who the
 * caller is (an OAuth callback taking `code` and `state`, `req.login(user)`, a session or token
 * issued for a user the server looked up), a first-run setup that refuses once records exist, or a
 * read that answers only constants and configuration. The evidence is in the handler.
 */
function publicByNature(route: Route, fn: FunctionNode, scopeOf: ScopeOf): string | null {
  const request = fn.params[0];
  const requestName = request?.type === AST_NODE_TYPES.Identifier ? request.name : null;
  const readOnly = route.methods.every((method) => method === 'GET' || method === 'HEAD');
  if (requestName !== null && readOnly && isOAuthCallback(fn, requestName)) return 'an OAuth callback';
  if (requestName !== null) {
    const issued = issuesSession(fn, requestName, scopeOf);
    if (issued !== null) return issued;
  }
  if (refusesOnceSetUp(fn, requestName)) return 'a first-run setup that refuses once done';
  if (readOnly && answersConstants(fn, requestName, scopeOf)) return 'a read of constants and configuration';
  // A server action is posted whatever it does: one that only returns constants is a read of them.
  if (route.handler?.style === 'next-action' && returnsConstants(fn, scopeOf)) return 'a read of constants and configuration';
  if (onlyRedirects(fn, scopeOf)) return 'a redirect that reads and writes no stored data';
  return null;
}

/** The query members a handler reads (`req.query.code`, `const { code, state } = req.query`). */
function queryMembers(fn: FunctionNode, requestName: string): Set<string> {
  const members = new Set<string>();
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && dottedName(node.object) === `${requestName}.query`) {
      const name = propertyName(node.property);
      if (name !== null) members.add(name);
    }
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.ObjectPattern && node.init && dottedName(node.init) === `${requestName}.query`) {
      for (const property of node.id.properties) {
        if (property.type === AST_NODE_TYPES.Property) {
          const name = propertyName(property.key);
          if (name !== null) members.add(name);
        }
      }
    }
  });
  return members;
}

/**
 * The provider sends the browser back with `code` and `state` (RFC 6749, 4.1.2): the callback is
 * reached before anyone is signed in here, and the code it exchanges is the credential.
 */
function isOAuthCallback(fn: FunctionNode, requestName: string): boolean {
  const members = queryMembers(fn, requestName);
  return members.has('code') && members.has('state');
}

const SESSION_COOKIE = /session|token|auth|sid|jwt/iu;
const TOKEN_SUBJECTS = new Set(['sub', 'subject', 'userId', 'user_id', 'uid', 'user', 'accountId', 'account_id', 'id']);

/**
 * `req.login(user)`, `req.session.userId = user.id`, `jwt.sign({ sub: user.id }, …)` or a session
 * cookie: the handler signs the caller in. The identity must not be read from the request itself
 * (`req.session.userId = req.body.userId` signs anyone in as anyone, which stays reported).
 */
function issuesSession(fn: FunctionNode, requestName: string, scopeOf: ScopeOf): string | null {
  const readsRequest = (node: TSESTree.Node): boolean => {
    let hit = false;
    walk(node, (inner) => {
      if (hit) return 'skip';
      if (inner.type === AST_NODE_TYPES.Identifier && inner.name === requestName) hit = true;
      return undefined;
    });
    return hit;
  };
  let found: string | null = null;
  walk(fn.body, (node) => {
    if (found !== null) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee) ?? '';
      const first = node.arguments[0];
      if ((name === `${requestName}.login` || name === `${requestName}.logIn`) && first && !readsRequest(first)) found = `\`${name}()\``;
      if (/(?:^|\.)jwt\.sign$|^sign$/u.test(name) && first?.type === AST_NODE_TYPES.ObjectExpression) {
        const subject = first.properties.find((property) => property.type === AST_NODE_TYPES.Property && TOKEN_SUBJECTS.has(propertyName(property.key) ?? ''));
        if (subject?.type === AST_NODE_TYPES.Property && !readsRequest(subject.value)) found = 'a token issued for a user';
      }
      const setsCookie = /(?:^|\.)cookie$/u.test(name) || isCookieStoreSet(node.callee, scopeOf);
      if (setsCookie && first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' && SESSION_COOKIE.test(first.value)) {
        const value = node.arguments[1];
        if (value && !readsRequest(value)) found = 'a session cookie';
      }
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      const target = dottedName(node.left.object);
      const member = propertyName(node.left.property);
      if (target === `${requestName}.session` && member !== null && principalSet.has(camelCase(member)) && !readsRequest(node.right)) found = 'a session it opens';
    }
    return undefined;
  });
  // A user looked up by what the request names (`findOne({ email: req.body.email })`) and signed in
  // with no credential of the request checked signs anyone in as anyone.
  if (found !== null && looksUpByRequest(fn, requestName, readsRequest) && !checksSentCredential(fn, requestName)) return null;
  // Claims read from what the request sent without a signature check (`jwt.decode(req.body.token)`)
  // are the client's to write.
  if (found !== null && decodesUnverified(fn, readsRequest)) return null;
  return found;
}

/** Whether the handler reads claims from request data without verifying them (see `unverifiedDecodes`). */
function decodesUnverified(fn: FunctionNode, readsRequest: (node: TSESTree.Node) => boolean): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && unverifiedDecodes.test(dottedName(node.callee) ?? '') && /decode/iu.test(dottedName(node.callee) ?? '') && node.arguments.some(readsRequest)) found = true;
    return undefined;
  });
  return found;
}

/** Whether the handler reads a store with a query built from the request (or from locals it declared from it). */
function looksUpByRequest(fn: FunctionNode, requestName: string, readsRequest: (node: TSESTree.Node) => boolean): boolean {
  const fromRequest = new Set<string>();
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && readsRequest(node.init)) for (const name of patternNames(node.id)) fromRequest.add(name);
    return undefined;
  });
  const mentions = (node: TSESTree.Node): boolean => {
    let hit = false;
    walk(node, (inner) => {
      if (hit) return 'skip';
      if (inner.type === AST_NODE_TYPES.Identifier && (inner.name === requestName || fromRequest.has(inner.name))) hit = true;
      return undefined;
    });
    return hit;
  };
  let found = false;
  walk(fn.body, (node) => {
    if (found) return 'skip';
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(node.callee.property);
    if (method !== null && (storeRecordMethods.has(method) || storeReadMethods.has(method) || findOrCreateMethods.includes(method)) && node.arguments.some(mentions)) found = true;
    return undefined;
  });
  return found;
}

/** Whether a credential the request sent (a password, a code, a token) is given to a call or compared. */
function checksSentCredential(fn: FunctionNode, requestName: string): boolean {
  const requestNames = new Set([requestName]);
  // Locals declared from the request, and of those the ones named as credentials (`{ password }`).
  const credentials = new Set<string>();
  const fromRequest = new Set<string>();
  walk(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init || !dottedName(node.init)?.startsWith(requestName)) return undefined;
    for (const name of patternNames(node.id)) fromRequest.add(name);
    if (node.id.type === AST_NODE_TYPES.ObjectPattern && dottedName(node.init)?.startsWith(`${requestName}.`)) {
      for (const property of node.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyName(property.key);
        if (key !== null && isCredentialNameOf(key)) for (const name of patternNames(property.value)) credentials.add(name);
      }
    }
    return undefined;
  });
  let found = false;
  walk(fn.body, (node) => {
    if (found) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((argument) => readsCredentialInput(argument, requestNames, credentials))) {
      // Awaited (or given a callback) when it answers a promise: a promise tested is always truthy.
      const pending = promiseCredentialChecks.test(dottedName(node.callee) ?? '') && node.parent?.type !== AST_NODE_TYPES.AwaitExpression && !node.arguments.some(isFunction);
      if (!pending && node.arguments.some((argument) => serverValue(argument, requestNames, credentials, fromRequest))) found = true;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression && comparesSentCredential(node, requestNames, credentials, fromRequest)) found = true;
    return undefined;
  });
  return found;
}

/**
 * Next.js cookie stores: `(await cookies()).set(…)` and `cookieStore.set(…)` with
 * `const cookieStore = await cookies()` (next/headers), `response.cookies.set(…)` (NextResponse).
 */
function isCookieStoreSet(callee: TSESTree.Node, scopeOf: ScopeOf): boolean {
  const target = unwrap(callee);
  if (target.type !== AST_NODE_TYPES.MemberExpression || propertyName(target.property) !== 'set') return false;
  const isCookiesCall = (node: TSESTree.Node): boolean => {
    let inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrap(inner.argument);
    return inner.type === AST_NODE_TYPES.CallExpression && dottedName(inner.callee) === 'cookies';
  };
  const store = unwrap(target.object);
  if (isCookiesCall(store)) return true;
  if (store.type === AST_NODE_TYPES.MemberExpression) return propertyName(store.property) === 'cookies';
  if (store.type !== AST_NODE_TYPES.Identifier) return false;
  const declarator = findVariable(scopeOf(store), store.name)?.defs[0]?.node;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init !== null && isCookiesCall(declarator.init);
}

/**
 * `if (await countUsers() > 0) return res.status(409)…` as the handler's first step: setting up the
 * first account is open until one exists, then refused. The test reads no request input and counts
 * stored records (`> 0`, `>= 1`, `!== 0`, `.length`); a feature flag or a check of the input is not this.
 */
function refusesOnceSetUp(fn: FunctionNode, requestName: string | null): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const first = fn.body.body[0];
  if (first?.type !== AST_NODE_TYPES.IfStatement || first.alternate || !countsRecords(first.test)) return false;
  let readsRequest = false;
  walk(first.test, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && node.name === requestName) readsRequest = true;
  });
  return !readsRequest && rejectsWith4xx(first.consequent);
}

function countsRecords(test: TSESTree.Node): boolean {
  const node = unwrap(test);
  if (node.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const right = unwrap(node.right);
  if (right.type !== AST_NODE_TYPES.Literal || typeof right.value !== 'number') return false;
  const left = unwrap(node.left);
  const counted = left.type === AST_NODE_TYPES.CallExpression || left.type === AST_NODE_TYPES.AwaitExpression || (left.type === AST_NODE_TYPES.MemberExpression && propertyName(left.property) === 'length');
  if (!counted) return false;
  return (node.operator === '>' && right.value === 0) || (node.operator === '>=' && right.value === 1) || ((node.operator === '!==' || node.operator === '!=') && right.value === 0);
}

/**
 * Whether a branch answers 401 Unauthorized (a status call or option, or an unauthorized error:
 * @fastify/sensible's `fastify.httpErrors.unauthorized()` and `reply.unauthorized()`, Boom's
 * `Boom.unauthorized()`, NestJS's `new UnauthorizedException()`) and leaves.
 */
function answersUnauthorized(branch: TSESTree.Node): boolean {
  let unauthorized = false;
  walk(branch, (node) => {
    if (unauthorized || isFunction(node)) return 'skip';
    if (statusCode(node) === 401) unauthorized = true;
    if (node.type === AST_NODE_TYPES.CallExpression && /\.unauthorized$/u.test(dottedName(node.callee) ?? '')) unauthorized = true;
    if (node.type === AST_NODE_TYPES.NewExpression && /^Unauthorized(?:Exception|Error)?$/u.test(dottedName(node.callee)?.split('.').pop() ?? '')) unauthorized = true;
    return undefined;
  });
  return unauthorized && exits(branch);
}

/**
 * Whether a refusing branch only answers no: it leaves by `return false` (or `null`, `undefined`,
 * `0`, `''`, a bare `return`'s absent value aside) and neither throws, responds nor calls `next(err)`.
 * A helper's "no" is a value its caller may ignore; a middleware's bare `return` leaves the request.
 */
function answersNo(...branch: TSESTree.Node[]): boolean {
  if (branch.length === 0 || rejectsOutright(...branch)) return false;
  let answers = false;
  let other = false;
  for (const root of branch) {
    walk(root, (node) => {
      if (other || isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement) {
        if (node.argument && isFalsyLiteral(unwrap(node.argument))) answers = true;
        else other = true;
      }
      return undefined;
    });
  }
  return answers && !other;
}

function isFalsyLiteral(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return !node.value;
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined';
}

/**
 * Whether a branch throws whatever happens in it: a `throw` statement of the branch itself (or the
 * last statement of its block), not one nested in a condition, a loop or a callback.
 */
function throwsOutright(branch: TSESTree.Node): boolean {
  if (branch.type === AST_NODE_TYPES.ThrowStatement) return true;
  return branch.type === AST_NODE_TYPES.BlockStatement && branch.body.some((statement) => statement.type === AST_NODE_TYPES.ThrowStatement);
}

/**
 * Whether `node` reads one of `roots` (as the object of a member read) or names one of `names`.
 * A member's or a key's name is no variable: `project.adminToken` reads nothing of a local
 * `adminToken` (the request's token compared with the stored one of the same name).
 */
function mentionsAny(node: TSESTree.Node, roots: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found || isFunction(inner)) return 'skip';
    if (inner.type === AST_NODE_TYPES.Identifier && !isNameOfMember(inner) && (names.has(inner.name) || (roots.has(inner.name) && inner.parent?.type === AST_NODE_TYPES.MemberExpression && inner.parent.object === inner))) found = true;
    return undefined;
  });
  return found;
}

/** A member's name (`x.name`) or an object key (`{ name: … }`), which names no variable. */
function isNameOfMember(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.property === node && !parent.computed;
  if (parent?.type === AST_NODE_TYPES.Property) return parent.key === node && !parent.shorthand && !parent.computed;
  return false;
}

function rejectsWith4xx(branch: TSESTree.Node): boolean {
  let code: number | null = null;
  walk(branch, (node) => {
    if (isFunction(node)) return 'skip';
    code ??= statusCode(node);
    return undefined;
  });
  return code !== null && code >= 400 && code < 500 && exits(branch);
}

/** Response methods that send a value or end the response, and those that only set headers. */
const SENDS = new Set(['send', 'json', 'end', 'status', 'type', 'set', 'setHeader', 'header']);

/**
 * A GET handler that never reads its request and answers only literals, module constants written
 * from literals, `process.env` values or `config.get('key')` of configuration: nothing per user and
 * nothing about the process (`process.memoryUsage()` of a metrics route stays reported).
 */
function answersConstants(fn: FunctionNode, requestName: string | null, scopeOf: ScopeOf): boolean {
  const response = fn.params[1];
  if (response?.type !== AST_NODE_TYPES.Identifier) return false;
  const statements = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body];
  if (statements.length === 0 || statements.length > 4) return false;
  let sent = false;
  for (const statement of statements) {
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : statement;
    if (!expression) return false;
    // `res.status(200).json(x)`: every call of the chain is a response method with constant arguments.
    let current = unwrap(expression);
    while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(current.callee.property);
      if (method === null || !SENDS.has(method)) return false;
      if (!current.arguments.every((argument) => isConstantAnswer(argument, requestName, scopeOf, 0))) return false;
      // Only literals written inline (`res.json([])`) is how a route is stubbed before it is
      // written: the answer must name a constant or a configuration value.
      if ((method === 'send' || method === 'json' || method === 'end') && current.arguments.some((argument) => namesValue(argument))) sent = true;
      current = unwrap(current.callee.object);
    }
    if (current.type !== AST_NODE_TYPES.Identifier || current.name !== response.name) return false;
  }
  return sent;
}

/** A function whose every statement returns a constant or configuration value (`return PLANS`). */
function returnsConstants(fn: FunctionNode, scopeOf: ScopeOf): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isConstantAnswer(fn.body, null, scopeOf, 0);
  const statements = fn.body.body;
  return (
    statements.length > 0 &&
    statements.length <= 4 &&
    statements.every((statement) => statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument !== null && isConstantAnswer(statement.argument, null, scopeOf, 0))
  );
}

/** Whether a constant answer names a value (a constant, `process.env.X`, `config.get('k')`), not only literals. */
function namesValue(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return target.expressions.some(namesValue);
    case AST_NODE_TYPES.ObjectExpression:
      return target.properties.some((property) => property.type === AST_NODE_TYPES.Property && namesValue(property.value));
    case AST_NODE_TYPES.ArrayExpression:
      return target.elements.some((element) => element !== null && namesValue(element));
    default:
      return false;
  }
}

function isConstantAnswer(node: TSESTree.Node, requestName: string | null, scopeOf: ScopeOf, depth: number): boolean {
  if (depth > 4) return false;
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return target.expressions.every((expression) => isConstantAnswer(expression, requestName, scopeOf, depth + 1));
    case AST_NODE_TYPES.ObjectExpression:
      return target.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && isConstantAnswer(property.value, requestName, scopeOf, depth + 1));
    case AST_NODE_TYPES.ArrayExpression:
      return target.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isConstantAnswer(element, requestName, scopeOf, depth + 1));
    case AST_NODE_TYPES.MemberExpression:
      // A credential (`process.env.JWT_SECRET`) is configuration no one may read.
      return !target.computed && dottedName(target.object) === 'process.env' && !isSecretName(splitWords(propertyName(target.property) ?? ''));
    case AST_NODE_TYPES.CallExpression: {
      // `config.get('mode')`: one configuration value by a literal key.
      const callee = unwrap(target.callee);
      const [key] = target.arguments;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee.property) !== 'get' || target.arguments.length !== 1 || key?.type !== AST_NODE_TYPES.Literal) return false;
      if (typeof key.value === 'string' && isSecretName(splitWords(key.value.split('.').pop() ?? ''))) return false;
      const receiver = unwrap(callee.object);
      return receiver.type === AST_NODE_TYPES.Identifier && receiver.name !== requestName && moduleBinding(receiver, scopeOf) !== null;
    }
    case AST_NODE_TYPES.Identifier: {
      if (target.name === requestName) return false;
      const init = moduleBinding(target, scopeOf)?.init;
      return init !== null && init !== undefined && isConstantAnswer(init, requestName, scopeOf, depth + 1);
    }
    default:
      return false;
  }
}

/** A binding of the file's top level: an import, or a `const` (whose initialiser is returned). */
function moduleBinding(identifier: TSESTree.Identifier, scopeOf: ScopeOf): { init: TSESTree.Node | null } | null {
  const variable = findVariable(scopeOf(identifier), identifier.name);
  if (!variable || (variable.scope.type !== 'module' && variable.scope.type !== 'global') || !isConstantBinding(variable)) return null;
  const definition = singleDefinition(variable);
  if (definition?.type === 'ImportBinding') return { init: null };
  if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) return { init: definition.node.init };
  return null;
}

/** Response methods that send a file from disk. */
const FILE_RESPONSES = new Set(['sendFile', 'sendfile', 'download']);

/**
 * A handler that only sends a file chosen without the request (`res.sendFile('index.html', { root })`,
 * a favicon): the page shell of a single-page app or a static asset, public by nature. Its one
 * statement is the file response; nothing in it reads the request, so no client choice and no
 * per-user data is involved.
 */
function servesStaticFile(fn: FunctionNode): boolean {
  const [request, response] = fn.params;
  if (response?.type !== AST_NODE_TYPES.Identifier) return false;
  let body: TSESTree.Node = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    if (body.body.length !== 1) return false;
    const only = body.body[0]!;
    if (only.type === AST_NODE_TYPES.ExpressionStatement) body = only.expression;
    else if (only.type === AST_NODE_TYPES.ReturnStatement && only.argument) body = only.argument;
    else return false;
  }
  const call = unwrap(body);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(call.callee.property);
  if (method === null || !FILE_RESPONSES.has(method) || dottedName(call.callee.object) !== response.name) return false;
  const requestName = request?.type === AST_NODE_TYPES.Identifier ? request.name : null;
  let readsRequest = false;
  for (const argument of call.arguments) {
    walk(argument, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier && (node.name === requestName || node.name === response.name)) readsRequest = true;
    });
  }
  return !readsRequest;
}

/** Response calls that only set a header or the status (`res.setHeader('Cache-Control', 'no-cache')`). */
const HEADER_SETTERS = new Set(['setHeader', 'set', 'header', 'type', 'status', 'vary']);
/**
 * A handler that sends, headers aside, a page read from disk once before any request: a `const`
 * outside the handler whose value is a file read (`await readFile(shellPath, 'utf8')`), maybe with
 * its markup filled in (`.replace('<base />', …)`). It is `res.sendFile` of a fixed file, served from
 * memory, and public by nature as that is. The text is fixed when the handler runs (a `const`, not
 * rewritable), and nothing in the handler reads the request; a value computed at start-up from
 * anything but a file (a query of users) is not this.
 */
function servesPageReadAtStartUp(fn: FunctionNode, scopeOf: ScopeOf): boolean {
  const [request, response] = fn.params;
  if (response?.type !== AST_NODE_TYPES.Identifier) return false;
  const requestName = request?.type === AST_NODE_TYPES.Identifier ? request.name : null;
  let page: TSESTree.Identifier | null = null;
  // `(req, res) => res.send(page)`: the expression is the one statement.
  const expressions = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body.map((statement) => (statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null)) : [fn.body];
  for (const expression of expressions) {
    if (expression === null) return false;
    const call = unwrap(expression);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || dottedName(call.callee.object) !== response.name) return false;
    const method = propertyName(call.callee.property);
    if (method !== null && HEADER_SETTERS.has(method) && call.arguments.every((argument) => unwrap(argument).type === AST_NODE_TYPES.Literal)) continue;
    const [sent] = call.arguments;
    if ((method !== 'send' && method !== 'end') || page !== null || call.arguments.length !== 1 || sent?.type !== AST_NODE_TYPES.Identifier || sent.name === requestName) return false;
    page = sent;
  }
  if (page === null) return false;
  const variable = findVariable(scopeOf(page), page.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!variable || !isConstantBinding(variable) || definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  // Declared outside the handler: computed once, before the requests it answers.
  if (fn.range[0] <= definition.node.range[0] && definition.node.range[1] <= fn.range[1]) return false;
  return readsFile(definition.node.init, scopeOf, projectHelper);
}

/** The function of the project a call runs (of this file, or exported by another), with its file's scope lookup. */
function projectHelper(call: TSESTree.CallExpression, scopeOf: ScopeOf): { fn: FunctionNode; scopeOf: ScopeOf } | null {
  return projectFunctionOf(call.callee, scopeOf);
}

/**
 * Whether a middleware lets requests to `path` through before it checks anything, by a test of the
 * request path against literals or a fixed list (see `skipsPath`): a list in a `const` of its file
 * or a member of a settings module it imports (`config.publicPrefixes`), read by `fixedStringList`
 * as the taint rules read an allow-list. A list the code changes (`OPEN.push(extra)`, `OPEN.length
 * = 0`, handed to a function that fills it) is not read: the middleware then counts as checking
 * every path, as before lists were read (no route is reported on a guess of what is in it). `byPrefix` when a prefix
 * matches only the first letters of a segment of the path.
 */
function middlewareSkipsPath(guard: RouteGuard, path: string, scopeOf: ScopeOf): 'listed' | 'byPrefix' | null {
  const own = guard.fn ? { fn: guard.fn, scopeOf } : guard.kind === 'middleware' ? projectFunctionOf(guard.node, scopeOf) : null;
  if (!own) return null;
  const scopes = { getScope: own.scopeOf };
  const listOf = (node: TSESTree.Node): readonly string[] | null => fixedStringList(node, scopes) ?? null;
  if (!skipsPath(own.fn, path, listOf)) return null;
  return skipsPath(own.fn, path, listOf, true) ? 'listed' : 'byPrefix';
}

/**
 * Whether the middleware a guard runs checks a role by its body (see `guardChecksRole`): the
 * function the guard names, in this file or another of the project, or the function a factory it
 * calls returns (`can('orgs:suspend')` whose middleware tests `perms.includes(perm)`). Bounded: one
 * definition and its returned functions, each judged once (`roleChecksOf` is cached).
 */
function guardRunsRoleCheck(guard: RouteGuard, scopeOf: ScopeOf): boolean {
  const node = guard.declaredIn?.node ?? (guard.node.type === AST_NODE_TYPES.Decorator ? guard.node.expression : guard.node);
  const scope = guard.declaredIn?.scopeOf ?? scopeOf;
  const target = resolveTarget(node, scope, 0);
  let found: { fn: FunctionNode; scopeOf: ScopeOf; called: boolean } | null = null;
  if (target.type === 'function') found = { fn: target.fn, scopeOf: scope, called: target.call !== undefined };
  else if (target.type === 'module' && isProjectModule(target)) {
    const called = target.path.endsWith('()');
    const definition = importedDefinition(target.from, target.module, called ? target.path.slice(0, -2) : target.path);
    const resolved = definition ? resolveTarget(definition.node, definition.scopeOf, 1) : null;
    if (definition && resolved?.type === 'function') found = { fn: resolved.fn, scopeOf: definition.scopeOf, called: called || resolved.call !== undefined };
  }
  if (!found) return false;
  const { fn, scopeOf: definedIn } = found;
  if (!found.called) return guardChecksRole(fn, definedIn);
  // A factory: the middleware is what it returns.
  return returnedValues(fn).some((value) => {
    const made = resolveFunction(value, definedIn(value));
    return made !== null && made !== fn && guardChecksRole(made, definedIn);
  });
}

/** The function of this file or of another project file an expression names, with the scopes of its file. */
function projectFunctionOf(node: TSESTree.Node, scopeOf: ScopeOf): { fn: FunctionNode; scopeOf: ScopeOf } | null {
  const target = resolveTarget(node, scopeOf, 0);
  if (target.type === 'function') return { fn: target.fn, scopeOf };
  if (target.type !== 'module' || !isProjectModule(target)) return null;
  const definition = importedDefinition(target.from, target.module, target.path);
  if (!definition) return null;
  const resolved = resolveTarget(definition.node, definition.scopeOf, 1);
  return resolved.type === 'function' ? { fn: resolved.fn, scopeOf: definition.scopeOf } : null;
}

/**
 * Whether a route is plainly privileged, so that an explicit opt-out of authentication on it, or a
 * built-in public path it lies under, is suspect: an administration or role-management path, or a
 * destructive write (DELETE, PUT, PATCH) to a resource named by a path parameter. Flows public by
 * design (password reset, the sign-in flow, webhooks) and the team's own public paths never are;
 * a `public` segment names reads, and does not make a destructive write public.
 */
/** `/admin-users` (the path a GraphQL field `adminUsers` stands for): a word of it names an administration or role segment. */
export function isPrivilegedName(namePath: string): boolean {
  return namePath.split(/[/-]/u).some((word) => privilegedSegmentSet.has(word.toLowerCase()));
}

export function isPrivilegedRoute(route: Route, vocabulary: AuthVocabulary): boolean {
  const path = route.path;
  if (path === null) return false;
  if (vocabulary.configuredPublicRoutes.some((pattern) => pattern !== '/' && matchesPathPattern(pattern, path))) return false;
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => publicFlowSet.has(segment.toLowerCase()))) return false;
  if (segments.some((segment) => privilegedSegmentSet.has(segment.toLowerCase()))) return true;
  const destructive = route.methods.some((method) => privilegedMethods.includes(method));
  return destructive && segments.some((segment) => /^[:[{]/u.test(segment));
}

/**
 * The public flow the last segment of a path names by its first words (`login-with-email`,
 * `reset-password-request`), or null (see `publicFlowPhrases`). The segment alone is a default
 * public path pattern, not this.
 */
export function publicFlowName(path: string): string | null {
  const last = path.split('/').findLast((segment) => segment !== '')?.toLowerCase();
  if (last === undefined) return null;
  for (const phrase of publicFlowPhrases) {
    if (!last.startsWith(`${phrase}-`)) continue;
    const rest = last.slice(phrase.length + 1).split('-');
    if (rest.every((word) => publicFlowQualifierSet.has(word))) return phrase;
  }
  return null;
}

const publicFlowQualifierSet = new Set(publicFlowQualifiers);

/**
 * Whether a route's handler (in view) only sends the client elsewhere: it performs no privileged
 * function whatever its path, so opting it out of authentication opens nothing (see `onlyRedirects`).
 */
export function handlerOnlyRedirects(route: Route, scopeOf: ScopeOf): boolean {
  const fn = route.handler?.fn;
  return fn !== null && fn !== undefined && onlyRedirects(fn, scopeOf);
}

const privilegedSegmentSet = new Set(privilegedPathSegments);
const publicFlowSet = new Set(publicFlowSegments);

/** A handler wrapper (`export const GET = withWorkspace(async (req) => ...)`): the call holds the handler. */
function isWrapperOf(guard: RouteGuard, route: Route): boolean {
  const handler = route.handler?.node;
  const node = unwrap(guard.node);
  if (!handler || node.type !== AST_NODE_TYPES.CallExpression || node === handler) return false;
  // A guard of a mount in another file has ranges of that file: no comparison with the handler's.
  if (programOf(node) !== programOf(handler)) return false;
  return node.range[0] <= handler.range[0] && handler.range[1] <= node.range[1];
}

function programOf(node: TSESTree.Node): TSESTree.Node {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
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

/** What the evidence says about one guard or function. */
export type GuardJudgement =
  | AuthenticatesJudgement
  | OptionalJudgement
  | { verdict: 'none'; unverified?: UnverifiedCheck }
  | { verdict: 'unknown'; name: string; source: string };

/** It rejects requests without a caller. */
export interface AuthenticatesJudgement {
  verdict: 'authenticates';
  by: string;
  /**
   * Its check lets these methods through unchecked (`if (!signedIn(req) && req.method !== 'GET')
   * return 401` lets every GET in): it authenticates no route that serves one of them.
   */
  passes?: readonly MethodCondition[];
  /**
   * Its refusal is an answer (`if (!token) return false`), not a turning away: a helper that says
   * "no" authenticates only where its caller tests what it answers (see `judgeCall`).
   */
  byAnswer?: true;
}

/** A test that a credential was sent (`if (!req.headers.authorization) return 401`), whose value nothing checks. */
export interface UnverifiedCheck {
  /** The test as written. */
  check: string;
  node: TSESTree.Node;
}

/**
 * It verifies a credential only when one is sent, and lets requests without one continue (see
 * `OptionalAuthentication`). `members` are the request members it puts the principal in: empty
 * for a helper that returns the principal rather than setting it (its caller sets it).
 */
export interface OptionalJudgement {
  verdict: 'optional';
  by: string;
  members: readonly string[];
  /** The function (or library call) judged, for where it is defined. */
  at: TSESTree.Node;
}

const NONE: GuardJudgement = { verdict: 'none' };

/**
 * Judges a guard by evidence: the framework's own verdict, a name the team lists in settings, a
 * known auth library it comes from, or what its definition in this file does. A guard whose
 * definition is out of view is *unknown* when its name looks like authentication or it wraps the
 * whole handler; otherwise it is not authentication.
 */
export function judgeGuard(guard: RouteGuard, vocabulary: AuthVocabulary, scopeOf: ScopeOf, wrapper = false): GuardJudgement {
  if (guard.verdict === 'authenticated') return { verdict: 'authenticates', by: guard.name ?? 'auth config' };
  if (guard.verdict === 'public') return NONE;
  if (guard.verdict === 'unknown') return { verdict: 'unknown', name: guard.name ?? 'guard', source: guard.unknownBecause ?? 'its definition is not in view' };
  // Framework configuration (Hapi `auth`, a Next.js middleware file) states its own verdict; a
  // strategy name in optional mode, or `clerkMiddleware()` without `protect()`, rejects nobody.
  if (guard.kind === 'config' || guard.kind === 'next-middleware') return NONE;
  if (guard.alternatives) return judgeAlternatives(guard, guard.alternatives, vocabulary, scopeOf);
  // `expressjwt({...}).unless({ path })` (express-unless, koa-unless) is still the jwt middleware.
  const name = guard.name?.replace(/\.unless$/u, '') ?? null;
  if (name !== null && (vocabulary.isConfiguredAuth(name) || vocabulary.isConfiguredRoleCheck(name))) {
    return { verdict: 'authenticates', by: name };
  }
  // A mount declared in settings names its middleware: the declaration is the team's word.
  if (guard.level === 'mount') return name !== null && looksLikeAuth(name, guard, vocabulary) ? { verdict: 'authenticates', by: name } : NONE;
  if (guard.declaredIn) {
    // Registered in another file (a NestJS global guard): judged by its definition, from there.
    const declared = guard.declaredIn;
    return judgeTarget(resolveTarget(declared.node, declared.scopeOf, 0), { vocabulary, scopeOf: declared.scopeOf, depth: 0, ...(guard.returnGoesOn === true ? { returnGoesOn: true } : {}) }, {
      name: name ?? 'global guard',
      worthAsking: name !== null && looksLikeAuth(name, guard, vocabulary),
    });
  }
  const node = guard.node.type === AST_NODE_TYPES.Decorator ? guard.node.expression : guard.node;
  const state: JudgeState = { vocabulary, scopeOf, depth: 0, ...(guard.returnGoesOn === true ? { returnGoesOn: true } : {}) };
  const results: GuardJudgement[] = [];
  if (guard.fn) results.push(judgeFunction(guard.fn, vocabulary, scopeOf, 0, guard.returnGoesOn === true && !hasContinuation(guard.fn)));
  // A definition in view (`guard.fn`) is judged by what it does; only an unseen one is *unknown*.
  const target: Target = guard.unfollowed === undefined ? resolveTarget(node, scopeOf, 0) : { type: 'unresolved', why: guard.unfollowed };
  results.push(judgeTarget(target, state, {
    name: name ?? 'inline guard',
    worthAsking: guard.fn === null && (wrapper || (name !== null && looksLikeAuth(name, guard, vocabulary))),
    listed: guard.listed === true,
    guard: guard.kind === 'guard' && guard.fn === null,
  }));
  return strongest(results);
}

/**
 * Guards of which any one lets the request through (see `RouteGuard.alternatives`): they
 * authenticate when every one does. One that turns away no anonymous request (`fromOffice`, which
 * reads a header the client sets; a function that only logs) is a way in for anybody: no
 * authentication. Otherwise one that cannot be judged leaves the composition unknown.
 */
function judgeAlternatives(guard: RouteGuard, alternatives: readonly RouteGuard[], vocabulary: AuthVocabulary, scopeOf: ScopeOf): GuardJudgement {
  const results = alternatives.map((alternative) => judgeGuard(alternative, vocabulary, scopeOf));
  const name = guard.name ?? 'auth';
  const open = results.findIndex((result) => result.verdict === 'none' || result.verdict === 'optional');
  if (open !== -1) {
    const result = results[open];
    return result?.verdict === 'none' && result.unverified ? result : NONE;
  }
  const unknown = results.find((result) => result.verdict === 'unknown');
  if (unknown?.verdict === 'unknown') return { verdict: 'unknown', name, source: `its alternative \`${unknown.name}\`: ${unknown.source}` };
  // Each alternative authenticates; the methods any of them lets through, the composition does.
  const passes = results.flatMap((result) => (result.verdict === 'authenticates' ? (result.passes ?? []) : []));
  return passes.length > 0 ? { verdict: 'authenticates', by: name, passes } : { verdict: 'authenticates', by: name };
}

/** Whether a guard authenticates, by evidence (see `judgeGuard`). */
export function guardAuthenticates(guard: RouteGuard, vocabulary: AuthVocabulary, scopeOf: ScopeOf): boolean {
  return judgeGuard(guard, vocabulary, scopeOf).verdict === 'authenticates';
}

function looksLikeAuth(name: string, guard: RouteGuard, vocabulary: AuthVocabulary): boolean {
  // `@Roles('admin')` is metadata for a guard, not a guard: only auth-looking decorators are asked about.
  if (guard.kind === 'decorator') return vocabulary.isAuthGuard(name) || /^Auth(?:enticated)?$/u.test(name);
  if (guard.kind === 'guard') return vocabulary.isAuthGuard(name) || vocabulary.isRoleCheck(name);
  return vocabulary.isAuthMiddleware(name) || vocabulary.isRoleCheck(name);
}

function strongest(results: readonly GuardJudgement[]): GuardJudgement {
  return (
    results.find((result) => result.verdict === 'authenticates') ??
    results.find((result) => result.verdict === 'optional' && result.members.length > 0) ??
    results.find((result) => result.verdict === 'unknown') ??
    results.find((result) => result.verdict === 'optional') ??
    results.find((result) => result.verdict === 'none' && result.unverified !== undefined) ??
    NONE
  );
}

/** What a guard expression refers to. */
type Target =
  // `scopeOf`: the scopes of the function's file, when it is not the file being judged.
  | { type: 'function'; fn: FunctionNode; call?: TSESTree.CallExpression; scopeOf?: ScopeOf }
  | { type: 'class'; node: TSESTree.ClassDeclaration | TSESTree.ClassExpression }
  | { type: 'module'; module: string; path: string; from: TSESTree.Node; call?: TSESTree.CallExpression }
  // A list of middleware (`[authenticate, audit]`), run in order: Express takes one where it takes one middleware.
  | { type: 'list'; node: TSESTree.ArrayExpression }
  | { type: 'unresolved'; why: string };

const MAX_DEPTH = 4;

/**
 * Follows a guard expression to what it refers to: a function or class of this file, an export of
 * a module, or nothing that can be followed (a global, a parameter, a reassigned variable).
 * A call is followed through its callee: `passport.authenticate('jwt')` is an export of passport,
 * `requireRole('admin')` is the factory `requireRole`, whose body holds the middleware it returns.
 */
function resolveTarget(expression: TSESTree.Node, scopeOf: ScopeOf, depth: number): Target {
  let node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
  if (depth > MAX_DEPTH) return { type: 'unresolved', why: 'too many steps to follow' };
  if (isFunction(node)) return { type: 'function', fn: node };
  if (node.type === AST_NODE_TYPES.ClassExpression || node.type === AST_NODE_TYPES.ClassDeclaration) return { type: 'class', node };
  if (node.type === AST_NODE_TYPES.ArrayExpression) return { type: 'list', node };
  if (node.type === AST_NODE_TYPES.NewExpression) return resolveTarget(node.callee, scopeOf, depth + 1);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && propertyName(callee.property) === 'unless') {
      return resolveTarget(callee.object, scopeOf, depth + 1);
    }
    // A chain built on a call of a package that authenticates nobody (express-validator's
    // `body('url').not().isEmpty()`, celebrate's builders) is that package's value however long.
    const builder = chainedPackageCall(node, scopeOf, depth);
    if (builder) return builder;
    // `require('./middleware/auth')` written inline where the middleware is used.
    const required = callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require' && !findVariable(scopeOf(callee), 'require')?.defs.length ? requiredModule(node) : null;
    if (required !== null) return { type: 'module', module: required, path: '', from: node };
    const called = resolveTarget(callee, scopeOf, depth + 1);
    // `createMiddleware(async (c, next) => …)`: the function it is given is the middleware.
    const factory = called.type === 'module' ? middlewareFactories.find((entry) => entry.module === called.module && entry.path === called.path) : undefined;
    const wrapped = factory ? node.arguments[factory.argument] : undefined;
    if (wrapped && wrapped.type !== AST_NODE_TYPES.SpreadElement) return resolveTarget(wrapped, scopeOf, depth + 1);
    // `compose([requireAuth, requireRole('hr')])` (koa-compose): the list it runs in order.
    const composition = called.type === 'module' ? middlewareCompositions.find((entry) => entry.module === called.module && entry.path === called.path) : undefined;
    const composed = composition ? node.arguments[composition.argument] : undefined;
    if (composed && composed.type !== AST_NODE_TYPES.SpreadElement) {
      const list = resolveTarget(composed, scopeOf, depth + 1);
      if (list.type === 'list') return list;
    }
    if (called.type === 'module') return { ...called, path: `${called.path}()`, call: node };
    return called.type === 'function' ? { ...called, call: node } : called;
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const scope = scopeOf(node);
    const variable = findVariable(scope, node.name);
    if (!variable || variable.defs.length === 0) return autoImportTarget(node) ?? { type: 'unresolved', why: 'not defined in this file' };
    const imported = importSource(scope, node.name);
    if (imported) {
      return { type: 'module', module: imported.module, path: imported.imported === null || imported.imported === 'default' ? '' : imported.imported, from: node };
    }
    const definition = singleDefinition(variable);
    if (!definition || !isConstantBinding(variable)) return { type: 'unresolved', why: 'assigned more than once' };
    if (definition.type === 'Parameter') return { type: 'unresolved', why: 'a parameter' };
    if (definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return { type: 'function', fn: definition.node };
    if (definition.node.type === AST_NODE_TYPES.ClassDeclaration) return { type: 'class', node: definition.node };
    if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
      const whole = resolveTarget(definition.node.init, scopeOf, depth + 1);
      // `const { auth } = NextAuth(config)`: the member of what the call made, not the call.
      const member = destructuredKey(definition.node.id, node.name);
      if (member !== null && whole.type === 'module') return { type: 'module', module: whole.module, path: whole.path === '' ? member : `${whole.path}.${member}`, from: whole.from };
      return whole;
    }
    return { type: 'unresolved', why: 'not defined in this file' };
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
    const property = propertyName(node.property);
    const fn = resolveFunction(node, scopeOf(node));
    if (fn) return { type: 'function', fn };
    // `container.resolve(AuthMiddleware).handle`: the member of the class a DI container builds.
    const looked = property !== null ? lookedUpMember(unwrap(node.object), property, scopeOf, depth) : null;
    if (looked) return looked;
    // `this.jwt` of a class whose constructor takes `private readonly jwt: JwtService` (NestJS
    // injection) or that declares `jwt: JwtService`: an instance of the imported class, as `new JwtService()`.
    const injected = node.object.type === AST_NODE_TYPES.ThisExpression && property !== null ? typedFieldClass(node, property, scopeOf) : null;
    if (injected) return injected;
    // `stripe_1.default` of compiled `const stripe_1 = __importDefault(require('stripe'))`: the
    // default export, which `import Stripe from 'stripe'` names by the empty path too. The
    // compiler's step is not one of the code's: it costs no depth.
    const object = resolveTarget(node.object, scopeOf, property === 'default' ? depth : depth + 1);
    if (object.type === 'module' && object.path === '' && object.call === undefined && property === 'default') return object;
    if (object.type === 'module' && property !== null) {
      return { ...object, path: object.path === '' ? property : `${object.path}.${property}` };
    }
    return object.type === 'unresolved' ? object : { type: 'unresolved', why: 'a member of a value of this file' };
  }
  return { type: 'unresolved', why: 'not a plain reference' };
}

/**
 * `container.resolve(AuthMiddleware).handle` (tsyringe), `container.get(AuthMiddleware).handle`
 * (inversify, typedi, `diLookups`): the method or function-valued field `member` of the class looked
 * up, of this file or imported, as a function to judge by its body. Null for anything else (a lookup
 * by name, a receiver that is not the package's container, a member that is not a function).
 */
function lookedUpMember(call: TSESTree.Node, member: string, scopeOf: ScopeOf, depth: number): Target | null {
  if (call.type !== AST_NODE_TYPES.CallExpression || depth >= MAX_DEPTH) return null;
  const callee = unwrap(call.callee);
  const argument = call.arguments[0];
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || argument?.type !== AST_NODE_TYPES.Identifier) return null;
  const method = propertyName(callee.property);
  const container = resolveTarget(callee.object, scopeOf, depth + 1);
  if (method === null || !isDiContainer(container, method, depth)) return null;
  const looked = resolveTarget(argument, scopeOf, depth + 1);
  let classNode: TSESTree.Node | null = looked.type === 'class' ? looked.node : null;
  let classScope: ScopeOf | undefined;
  if (looked.type === 'module' && looked.call === undefined) {
    const definition = importedDefinition(looked.from, looked.module, looked.path);
    classNode = definition?.node ?? null;
    classScope = definition?.scopeOf;
  }
  if (classNode?.type !== AST_NODE_TYPES.ClassDeclaration && classNode?.type !== AST_NODE_TYPES.ClassExpression) return null;
  for (const element of classNode.body.body) {
    if ((element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) || element.static || element.computed || propertyName(element.key) !== member) continue;
    const value = element.value ? unwrap(element.value) : null;
    if (!value || !isFunction(value)) return null;
    return classScope ? { type: 'function', fn: value, scopeOf: classScope } : { type: 'function', fn: value };
  }
  return null;
}

/** Whether a resolved receiver is a DI package's container looked up with `method`: its export, or a project module's `new Container()` of it. */
function isDiContainer(container: Target, method: string, depth: number): boolean {
  if (container.type !== 'module' || container.call !== undefined) return false;
  const direct = diLookups.some((lookup) => lookup.module === container.module && (lookup.methods as readonly string[]).includes(method) && (lookup.containers as readonly string[]).includes(container.path));
  if (direct || !isProjectModule(container) || depth >= MAX_DEPTH) return direct;
  const definition = importedDefinition(container.from, container.module, container.path);
  const made = definition ? unwrap(definition.node) : null;
  if (made?.type !== AST_NODE_TYPES.NewExpression || !definition) return false;
  const created = resolveTarget(made.callee, definition.scopeOf, depth + 1);
  return created.type === 'module' && diLookups.some((lookup) => lookup.module === created.module && (lookup.methods as readonly string[]).includes(method) && (lookup.containers as readonly string[]).includes(created.path));
}

/**
 * The imported class a field of the enclosing class is declared with (`constructor(private readonly
 * jwt: JwtService)`, `jwt: JwtService;`), as a package value: null when the field has no type, a
 * value, or a type that is not an imported name.
 */
function typedFieldClass(member: TSESTree.MemberExpression, name: string, scopeOf: ScopeOf): Target | null {
  let current: TSESTree.Node | undefined = member.parent;
  while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
  if (!current) return null;
  let annotation: TSESTree.TypeNode | undefined;
  for (const element of current.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && !element.value && propertyName(element.key) === name) {
      annotation = element.typeAnnotation?.typeAnnotation;
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : null;
        if (inner?.type === AST_NODE_TYPES.Identifier && inner.name === name) annotation = inner.typeAnnotation?.typeAnnotation;
      }
    }
  }
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const imported = importSource(scopeOf(annotation.typeName), annotation.typeName.name);
  if (!imported || imported.imported === null) return null;
  const target: Target = { type: 'module', module: imported.module, path: imported.imported === 'default' ? '' : imported.imported, from: annotation.typeName };
  // Only a package's class (`JwtService` of `@nestjs/jwt`): a service of the project is judged as
  // before, by what the call does in view, not as a package value.
  return isProjectModule(target) ? null : target;
}

/** The key a top-level property of an object pattern binds to `name` (`auth` of `{ auth }` or `{ auth: a }`), or null. */
function destructuredKey(pattern: TSESTree.Node, name: string): string | null {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return propertyName(property.key);
  }
  return null;
}

/** Method calls a chain may hold before it is given up (`body('a').trim().not().isEmpty()…`). */
const MAX_CHAIN = 32;

/**
 * The package value at the root of a method chain (`body('url').not().isEmpty()` is a call of
 * express-validator's `body`), when that package authenticates nobody (`nonAuthLibraries`): the
 * chain only configures what the package returns. Null for a chain on anything else (a chain on an
 * auth library's call, `passport.authenticate('jwt').bind(…)`, is judged step by step as before).
 */
function chainedPackageCall(call: TSESTree.CallExpression, scopeOf: ScopeOf, depth: number): Target | null {
  let root: TSESTree.CallExpression = call;
  for (let steps = 0; steps < MAX_CHAIN; steps++) {
    const callee = unwrap(root.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const object = unwrap(callee.object);
    if (object.type !== AST_NODE_TYPES.CallExpression) break;
    root = object;
  }
  if (root === call) return null;
  const called = resolveTarget(root.callee, scopeOf, depth + 1);
  if (called.type !== 'module' || libraryKind(called.module, called.path) !== 'none') return null;
  return { ...called, path: `${called.path}()`, call: root };
}

/**
 * A name the server code of a Nuxt or Nitro project uses without any binding, that its build
 * imports from the project's `server/utils` (`await requireAdmin(event)`): the export of that file,
 * as if imported from `#imports`. A name no file there exports (a global, an auto-import of a
 * package such as nuxt-auth-utils' `requireUserSession`) stays unresolved.
 */
function autoImportTarget(identifier: TSESTree.Identifier): Target | null {
  const file = fileOfNode(identifier);
  if (file === undefined || identifier.name in globalThis) return null;
  return projectIndexOf(file)?.autoImported(file, identifier.name) ? { type: 'module', module: '#imports', path: identifier.name, from: identifier } : null;
}

interface JudgeState {
  vocabulary: AuthVocabulary;
  scopeOf: ScopeOf;
  depth: number;
  /** The function is a hook the framework goes on from when it returns: a bare `return` refuses nothing. */
  returnGoesOn?: boolean;
}

/**
 * What a package value is: `path` may end in `()` (the export called, `passport.authenticate('jwt')`
 * is the authenticate export) but a call in the middle is a different value (`Fastify().authenticate`
 * is not an export of fastify) unless the model names it.
 */
function libraryKind(module: string, path: string): 'middleware' | 'guard' | 'verify' | 'none' | null {
  const bare = path.endsWith('()') ? path.slice(0, -2) : path;
  const entry = authLibraryExports.find((candidate) => candidate.module === module && (candidate.path === path || candidate.path === bare));
  if (entry) return entry.kind;
  if (nonAuthLibraryExports.some((candidate) => candidate.module === module && (candidate.path === path || candidate.path === bare))) return 'none';
  if (nonAuthLibraries.some((library) => module === library || module.startsWith(`${library}/`))) return 'none';
  return null;
}

/**
 * Where the principal goes when a call of an auth library admits anonymous requests
 * (`passport.authenticate(['jwt', 'anonymous'])`, `expressjwt({ credentialsRequired: false })`),
 * or null when the call requires credentials. See `optionalAuthLibraryCalls`.
 */
function optionalLibraryCall(module: string, path: string, call: TSESTree.CallExpression, resolved: TSESTree.ObjectExpression | null = null): string | null {
  const bare = path.endsWith('()') ? path.slice(0, -2) : path;
  const first = call.arguments.find((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
  const options = resolved ?? call.arguments.find((argument): argument is TSESTree.ObjectExpression => argument.type === AST_NODE_TYPES.ObjectExpression);
  for (const entry of optionalAuthLibraryCalls as readonly OptionalAuthLibraryCall[]) {
    if (entry.module !== module || entry.path !== bare) continue;
    if (entry.strategy !== undefined && first !== undefined) {
      const names = first.type === AST_NODE_TYPES.ArrayExpression ? first.elements : [first];
      if (names.some((name) => name?.type === AST_NODE_TYPES.Literal && name.value === entry.strategy)) return entry.member;
    }
    if (entry.option !== undefined && options && literalOption(options, entry.option) === entry.value) {
      const renamed = entry.memberOption === undefined ? undefined : literalOption(options, entry.memberOption);
      if (typeof renamed !== 'string') return entry.member;
      const dot = entry.member.lastIndexOf('.');
      return dot === -1 ? renamed : `${entry.member.slice(0, dot + 1)}${renamed}`;
    }
  }
  return null;
}

/**
 * The options object a library call is given by name rather than written inline: `auth(config.oidc)`
 * where `config` is a module of the project exporting `{ oidc: { authRequired: false, … } }`, or
 * `expressjwt(jwtOptions)` with a constant of the file. Null when it is written inline (read by
 * `optionalLibraryCall` itself) or cannot be followed.
 */
function libraryOptions(call: TSESTree.CallExpression, state: JudgeState): TSESTree.ObjectExpression | null {
  const first = call.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement || unwrap(first).type === AST_NODE_TYPES.ObjectExpression) return null;
  return objectValue(first, state.scopeOf, state.depth);
}

function objectValue(node: TSESTree.Node, scopeOf: ScopeOf, depth: number): TSESTree.ObjectExpression | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  if (depth >= MAX_DEPTH) return null;
  if (value.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(value), value.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (variable && definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id.type === AST_NODE_TYPES.Identifier &&
      definition.node.init && isConstantBinding(variable) && unwrap(definition.node.init).type === AST_NODE_TYPES.ObjectExpression) {
      return objectValue(definition.node.init, scopeOf, depth + 1);
    }
  }
  const target = resolveTarget(value, scopeOf, depth + 1);
  if (target.type !== 'module' || !isProjectModule(target) || target.call) return null;
  const definition = importedDefinition(target.from, target.module, target.path);
  return definition ? objectValue(definition.node, definition.scopeOf, depth + 1) : null;
}

interface OptionalAuthLibraryCall {
  module: string;
  path: string;
  strategy?: string;
  option?: string;
  value?: boolean;
  member: string;
  memberOption?: string;
}

/** The literal value of `name` in an object literal (`{ credentialsRequired: false }`), or undefined. */
function literalOption(object: TSESTree.ObjectExpression, name: string): unknown {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || propertyName(property.key) !== name) continue;
    return property.value.type === AST_NODE_TYPES.Literal ? property.value.value : undefined;
  }
  return undefined;
}

/**
 * What the judge is asked about a guard: the name a report gives it, and whether an out-of-view
 * definition is *unknown* (`worthAsking`; otherwise it is no authentication). An element of a list
 * of middleware (`listed`) is *unknown* when its definition in the project cannot be found, whatever
 * its name: the list is the route's middleware, named by the list, and an element out of view may
 * be the one that authenticates. `element` is the element of a list (as written) a report names.
 */
interface Asked {
  name: string;
  worthAsking: boolean;
  listed?: boolean;
  element?: string;
  /**
   * A guard of the framework (`@UseGuards(SetupGuard)`): deciding whether the request goes on is
   * all it does, so one of the project whose definition is out of view is *unknown*, whatever its
   * name, as an element of a list is. A package's guard is judged by its name and the models.
   */
  guard?: boolean;
}

/**
 * Judges what a guard refers to (see `Asked`).
 * A call that is no authentication by itself and is given a function (`asyncHandler(handler)` of
 * express-async-handler or of the project, `catchErrors(async (req, res, next) => …)`) wraps the
 * middleware it runs: that function is judged too.
 */
function judgeTarget(target: Target, state: JudgeState, asked: Asked): GuardJudgement {
  const itself = judgeTargetItself(target, state, asked);
  const call = target.type === 'function' || target.type === 'module' ? target.call : undefined;
  if (itself.verdict !== 'none' || call === undefined || state.depth >= MAX_DEPTH) return itself;
  const inner: JudgeState = { ...state, depth: state.depth + 1 };
  const wrapped = call.arguments
    .filter((argument) => isFunction(argument) || argument.type === AST_NODE_TYPES.Identifier)
    .map((argument) => judgeTarget(resolveTarget(argument, state.scopeOf, state.depth + 1), inner, { name: asked.name, worthAsking: false }));
  return strongest([itself, ...wrapped]);
}

function judgeTargetItself(target: Target, state: JudgeState, asked: Asked): GuardJudgement {
  // Why a definition is out of view, naming the element of a list it is.
  const outOfView = (why: string): string => (asked.element === undefined ? why : `its element \`${asked.element}\`: ${why}`);
  switch (target.type) {
    case 'function':
      return judgeFunction(target.fn, state.vocabulary, target.scopeOf ?? state.scopeOf, 0, state.depth === 0 && state.returnGoesOn === true && !hasContinuation(target.fn));
    case 'class':
      return judgeClass(target.node, state);
    case 'list':
      return judgeList(target.node, state, asked);
    case 'module': {
      const kind = libraryKind(target.module, target.path);
      const optional = target.call ? optionalLibraryCall(target.module, target.path, target.call, libraryOptions(target.call, state)) : null;
      if (optional !== null) return { verdict: 'optional', by: asked.name, members: [optional], at: target.call ?? target.from };
      if (kind === 'middleware' || kind === 'guard') return { verdict: 'authenticates', by: asked.name };
      if (kind === 'none' || kind === 'verify') return NONE;
      // A middleware or wrapper of the project, defined in another file: judged by its definition.
      const definition = state.depth < MAX_DEPTH ? importedDefinition(target.from, target.module, target.path) : null;
      if (definition) {
        const elsewhere: JudgeState = { ...state, scopeOf: definition.scopeOf, depth: state.depth + 1 };
        return judgeTarget(resolveTarget(definition.node, definition.scopeOf, state.depth + 1), elsewhere, asked);
      }
      // A project module whose export IS a package (or an instance of one): `module.exports =
      // passport` after `passport.use(strategy)`, so `passport.authenticate` is the package's.
      const forwarded = state.depth < MAX_DEPTH ? forwardedLibrary(target, state.depth) : null;
      if (forwarded) return judgeTarget(forwarded.target, { ...state, scopeOf: forwarded.scopeOf, depth: state.depth + 1 }, asked);
      // An element of a list is asked about when it is the project's (a package's is judged by its name, as inline).
      if (!asked.worthAsking && !((asked.listed === true || asked.guard === true) && isProjectModule(target))) return NONE;
      return { verdict: 'unknown', name: asked.name, source: outOfView(isProjectModule(target) ? `\`${target.module}\`` : `package \`${target.module}\``) };
    }
    case 'unresolved':
      return asked.worthAsking || asked.listed === true ? { verdict: 'unknown', name: asked.name, source: outOfView(target.why) } : NONE;
  }
}

const judgedLists = new WeakMap<AuthVocabulary, WeakMap<TSESTree.ArrayExpression, Map<number, GuardJudgement>>>();

/**
 * A list of middleware, judged as the route judges the middleware written before its handler
 * (`classifyRoute`): it authenticates when one element does; an element out of view leaves it
 * *unknown* (see `Asked.listed`), which outranks authentication that only optional elements give.
 * Elements that are lists are lists of their own. Each list is judged once per vocabulary (a list
 * shared by hundreds of routes) at each depth; the names in the verdict are the asker's.
 */
function judgeList(list: TSESTree.ArrayExpression, state: JudgeState, asked: Asked): GuardJudgement {
  let cache = judgedLists.get(state.vocabulary);
  if (!cache) {
    cache = new WeakMap();
    judgedLists.set(state.vocabulary, cache);
  }
  // Per depth too: how far its elements are followed depends on it, and the verdict must not
  // depend on which route asked first.
  let byDepth = cache.get(list);
  if (!byDepth) {
    byDepth = new Map();
    cache.set(list, byDepth);
  }
  let result = byDepth.get(state.depth);
  if (!result) {
    // A list that holds itself is no evidence of itself (and a list of lists of this file ends
    // here: its elements are judged at its own depth, which only a step into a module deepens).
    byDepth.set(state.depth, NONE);
    const results = list.elements.flatMap((element) => {
      if (element === null) return [];
      const node = element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element;
      const name = dottedName(node);
      const judgement = judgeTarget(resolveTarget(node, state.scopeOf, state.depth), state, {
        name: asked.name,
        worthAsking: name !== null && state.vocabulary.isAuthMiddleware(name),
        listed: true,
        element: elementText(node),
      });
      // `requireUser.unless({ path })` skips the paths it lists, which the list (judged for every
      // route that uses it) cannot match against one route's path: not proof for any of them.
      if (judgement.verdict === 'authenticates' && skipsPaths(node)) {
        return [{ verdict: 'unknown', name: asked.name, source: `its element \`${elementText(node)}\`, which skips the paths it lists` } satisfies GuardJudgement];
      }
      return [judgement];
    });
    result =
      results.find((judgement) => judgement.verdict === 'authenticates') ??
      results.find((judgement) => judgement.verdict === 'unknown') ??
      strongest(results);
    byDepth.set(state.depth, result);
  }
  if (result.verdict === 'authenticates') return { ...result, by: asked.name };
  if (result.verdict === 'unknown') return { ...result, name: asked.name };
  return result;
}

/** `x.unless(…)` (express-unless, koa-unless): a middleware that does not run for some paths. */
function skipsPaths(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(target.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && propertyName(callee.property) === 'unless';
}

/** An element of a list as a report names it: `auth.staff`, `require('./auth').staff`, `limit()`. */
function elementText(node: TSESTree.Node): string {
  const required = inlineRequire(node);
  if (required !== null) return `require('${required.module}')${required.member === null ? '' : `.${required.member}`}`;
  const target = unwrap(node);
  const callee = target.type === AST_NODE_TYPES.CallExpression ? dottedName(target.callee) : null;
  if (callee !== null) return `${callee}()`;
  return dottedName(node) ?? 'an inline element';
}

/**
 * `passport.authenticate('jwt')` where `passport` is a project module that exports a package value
 * whole (`module.exports = passport`, `export default passport`) or under a name (`export {
 * passport }`, then `path` starts with that name): the same member of the package. The rest of
 * the path is kept; the package export is judged as if the route file imported it.
 */
function forwardedLibrary(target: Extract<Target, { type: 'module' }>, depth: number): { target: Target; scopeOf: ScopeOf } | null {
  if (!isProjectModule(target) || target.path === '') return null;
  const [head = '', ...rest] = target.path.split('.');
  // The named export first: a named import's path starts with its name (`passport.authenticate()`).
  // (`auth` alone when the export is a member of a package's value: `export const { auth } = NextAuth(config)`).
  const tries = !head.endsWith('()') && (rest.length > 0 || head !== '') ? [{ exported: head, rest: rest.join('.') }] : [];
  tries.push({ exported: '', rest: target.path });
  for (const { exported, rest: remaining } of tries) {
    const definition = importedDefinition(target.from, target.module, exported);
    if (!definition) continue;
    const inner = resolveTarget(definition.node, definition.scopeOf, depth + 1);
    // A package's value: a module of the project that cannot be read is not one.
    if (inner.type !== 'module' || inner.call !== undefined || isProjectModule(inner)) continue;
    const path = inner.path === '' ? remaining : remaining === '' ? inner.path : `${inner.path}.${remaining}`;
    return { target: { ...inner, path, ...(target.call ? { call: target.call } : {}) }, scopeOf: definition.scopeOf };
  }
  return null;
}

/** The method that runs for each request in a guard or middleware class: NestJS's `canActivate`, and `middlewareClassMethods`. */
const GUARD_CLASS_METHODS: ReadonlySet<string> = new Set(['canActivate', ...middlewareClassMethods]);

/**
 * A NestJS guard class (its `canActivate`, or the guard it extends: `extends AuthGuard('jwt')`), or a
 * middleware class of a decorator framework (its `use` or `handler`).
 */
function judgeClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, state: JudgeState): GuardJudgement {
  const results: GuardJudgement[] = [];
  for (const member of node.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && GUARD_CLASS_METHODS.has(propertyName(member.key) ?? '') && isFunction(member.value)) {
      results.push(judgeFunction(member.value, state.vocabulary, state.scopeOf));
    }
  }
  if (node.superClass) {
    const name = dottedName(node.superClass) ?? 'base class';
    results.push(judgeTarget(resolveTarget(node.superClass, state.scopeOf, state.depth + 1), state, {
      name,
      worthAsking: state.vocabulary.isAuthGuard(name),
    }));
  }
  return strongest(results);
}

const judged = new WeakMap<AuthVocabulary, WeakMap<FunctionNode, GuardJudgement>>();
/** The same, for hooks the framework goes on from when they return (see `RouteGuard.returnGoesOn`). */
const judgedReturningOn = new WeakMap<AuthVocabulary, WeakMap<FunctionNode, GuardJudgement>>();

/** `(request, reply, done)`: a hook that goes on only by calling its continuation. */
function hasContinuation(fn: FunctionNode): boolean {
  return fn.params.length >= 3;
}

/**
 * Looks inside a middleware, guard, wrapper or handler for evidence that it rejects
 * unauthenticated requests: a check of the principal (`req.user`, a session from
 * `getServerSession()`, an `Authorization` header) whose failing branch rejects (401/403, a throw,
 * a redirect, `next(err)`); a call that throws without valid credentials (`jwt.verify` of
 * jsonwebtoken, `await request.jwtVerify()`, a same-file function that rejects); a known auth
 * library's middleware it returns; a webhook signature check; a role check (which cannot pass
 * without a user). A call to an out-of-view function named like authentication makes it *unknown*.
 * Each function is judged once per vocabulary.
 */
/**
 * Functions whose answer decides access as a guard's `canActivate` does (see `markAnsweringGuard`).
 */
const answeringGuards = new WeakSet<FunctionNode>();

/**
 * Marks a function whose answer the framework turns into a refusal, as NestJS does `canActivate`'s:
 * a graphql-shield rule (`rule()(async (parent, args, ctx) => ctx.user !== null)` denies the field
 * when it answers false). Its `return` of a check of the caller is then evidence; `return true` is not.
 */
export function markAnsweringGuard(fn: FunctionNode): void {
  answeringGuards.add(fn);
}

export function judgeFunction(fn: FunctionNode, vocabulary: AuthVocabulary, scopeOf: ScopeOf, depth = 0, returnGoesOn = false): GuardJudgement {
  const caches = returnGoesOn ? judgedReturningOn : judged;
  let cache = caches.get(vocabulary);
  if (!cache) {
    cache = new WeakMap();
    caches.set(vocabulary, cache);
  }
  const cached = cache.get(fn);
  if (cached) return cached;
  // A recursive function is not evidence of itself.
  cache.set(fn, NONE);
  const result = judgeBody(fn, { vocabulary, scopeOf, depth, ...(returnGoesOn ? { returnGoesOn } : {}) });
  cache.set(fn, result);
  return result;
}

function judgeBody(fn: FunctionNode, state: JudgeState): GuardJudgement {
  const { vocabulary } = state;
  const principals = new Set<string>();
  const requestNames = new Set<string>();
  // A parameter that carries the credential (`getAccountabilityForToken(token)`): its presence test gates.
  const credentialParams = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier && CREDENTIAL_NAMES.test(param.name) ? [param.name] : [])));
  let found: string | null = null;
  let unknown: GuardJudgement | null = null;
  // Evidence of authentication that only runs when a credential is sent (see `OptionalJudgement`).
  let optionalBy: string | null = null;
  // A branch seen so far lets a request without a credential through (`if (!token) return next()`):
  // what is verified after it is verified only for the requests that send one.
  let gated = false;
  const verifications: TSESTree.Node[] = [];
  // Where the calls it makes put the principal (a library, a helper given the request).
  const callMembers = new Set<string>();
  const assignments: { member: string; value: TSESTree.Node }[] = [];
  // Values the request sent, and values computed by a call from them (see below).
  const fromRequest = new Set<string>();
  // Of those, the ones that are (or hold) a credential; and what a call computes from one.
  const credentialValues = new Set<string>();
  const computed = new Set<string>();
  const testsCredential = (test: TSESTree.Node): boolean =>
    mentionsPrincipal(test, requestNames, principals, vocabulary, state) || (credentialParams.size > 0 && mentionsPrincipal(test, requestNames, credentialParams, vocabulary, state));
  // Evidence of a check that lets some methods through (`… && req.method !== 'GET'`, or an earlier
  // `if (req.method === 'GET') return next()`; see `methodsLetThrough`).
  let methodScoped: AuthenticatesJudgement | null = null;
  const methodsPassedBefore: MethodCondition[] = [];
  // The evidence found refuses only by answering no (`return false`; see `AuthenticatesJudgement.byAnswer`).
  let foundByAnswer = false;
  // The first write of stored records (`db.invoices.update(…)`): a check that runs after it has
  // let the write through unchecked, and authenticates nothing.
  let firstWrite: TSESTree.Node | null = null;
  const evidence = (by: string, node: TSESTree.Node, byAnswer = false): void => {
    if (failsOpen(node, fn)) return;
    if (firstWrite !== null && firstWrite.range[1] <= node.range[0]) return;
    if (gated || reachedOnlyWithCredential(node, fn, testsCredential)) optionalBy ??= by;
    else {
      const own = node.type === AST_NODE_TYPES.IfStatement ? methodsLetThrough(node.test, !isNegativeTest(node.test), requestNames, state) : null;
      const passes = [...methodsPassedBefore, ...(own ?? [])];
      if (passes.length === 0) {
        found = by;
        foundByAnswer = byAnswer;
      } else methodScoped ??= { verdict: 'authenticates', by, passes, ...(byAnswer ? { byAnswer } : {}) };
    }
  };
  // `if (!req.user && !req.query.preview) return 401`: a way past the check that the client takes at will.
  const clientBypass = (test: TSESTree.Node): boolean =>
    admitsOnClientChoice(test, !isNegativeTest(test), (alternative) => testsCredential(alternative) || comparesSentCredential(alternative, requestNames, credentialValues, fromRequest), requestNames, fromRequest, fn);
  const canActivate = (fn.parent?.type === AST_NODE_TYPES.MethodDefinition && propertyName(fn.parent.key) === 'canActivate') || answeringGuards.has(fn);
  // What the function does with the credentials the request sent, read on the first test of one.
  let credentials: SentCredentials | undefined;
  let unverified: UnverifiedCheck | null = null;
  // `if` statements that answer 401 on one side: gates whose test is judged after the walk.
  const unauthorizedGates: TSESTree.IfStatement[] = [];
  // Variables that hold a signature check's answer (`const valid = verifyWebhook(raw, header)`).
  const signatureAnswers = new Map<string, SignatureCall>();
  // Variables that hold the answer of a function of the project out of view (`const user = await getUser(req)`).
  const outOfViewValues = new Map<string, Extract<GuardJudgement, { verdict: 'unknown' }>>();
  walk(fn, (node) => {
    if (found !== null) return 'skip';
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.Identifier) {
      const init = unwrap(node.init);
      const value = init.type === AST_NODE_TYPES.AwaitExpression ? unwrap(init.argument) : init;
      const signature = value.type === AST_NODE_TYPES.CallExpression ? signatureCall(value, state) : null;
      if (signature !== null) signatureAnswers.set(node.id.name, signature);
    }
    // A webhook's signature checked and the request turned away when it fails: a signed webhook is
    // public by design, the signature is its authentication (any 4xx or a throw rejects it).
    // A helper that answers the request itself on a bad signature needs only to be left: `if
    // (!checkSignature(req, res)) return;`.
    if (node.type === AST_NODE_TYPES.IfStatement) {
      const signature = testedSignature(node.test, state, signatureAnswers);
      const failing = signature === null ? null : isNegativeTest(node.test) ? node.consequent : node.alternate;
      const answeredByIt = signature?.kind === 'verifier' && signature.throws;
      if (signature !== null && failing && (rejectsAsClientError(failing) || (answeredByIt && exits(failing) && !passes(failing)))) evidence(signature.by, node);
    }
    if (isFunction(node)) {
      for (const param of node.params) {
        if (param.type === AST_NODE_TYPES.Identifier) requestNames.add(param.name);
        // `({ request, locals })`: the per-request state the framework hands over (see `principalHolderKeys`).
        for (const name of holderNames(param)) requestNames.add(name);
        // `(parent, args, { user, dataSources })`: the principal the framework hands over, taken out
        // of a destructured parameter (a GraphQL resolver's context).
        for (const name of destructuredPrincipals(param)) principals.add(name);
      }
      return undefined;
    }
    // `if (SAFE_METHODS.includes(req.method)) return next();`: what comes after checks the other methods only.
    if (node.type === AST_NODE_TYPES.IfStatement && passes(node.consequent) && !mayTurnAway(node.consequent)) {
      const skipped = methodsLetThrough(node.test, true, requestNames, state);
      if (skipped !== null) methodsPassedBefore.push(...skipped);
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const call = judgeCall(node, state);
      if (firstWrite === null && writesStore(node, state.scopeOf)) firstWrite = node;
      if (call.verdict === 'authenticates') {
        evidence(call.by, node, call.byAnswer === true);
        verifications.push(node);
      } else if (call.verdict === 'optional') {
        optionalBy ??= call.by;
        for (const member of call.members) callMembers.add(member);
        verifications.push(node);
      } else {
        if (call.verdict === 'unknown') unknown ??= call;
        // A verification whose failure is swallowed (`try { … } catch {}`), kept only when a token
        // was sent (`token ? jwt.verify(token) : null`), or a session looked up: it identifies the
        // callers that send credentials and turns nobody away.
        const loose = looseVerification(node, state, requestNames);
        if (loose !== null) {
          optionalBy ??= loose.by;
          if (loose.member !== null) callMembers.add(loose.member);
          verifications.push(node);
        }
      }
    }
    // Not an object constructed with the principal (`new ItemsService({ accountability:
    // req.accountability })`): a service built for the caller is not the caller, nor what it reads.
    // Nor claims decoded without their signature (`const claims = jwt.decode(token)`): the client wrote them.
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && !isConstruction(node.init) && !decodesAnyToken(node.init, state) && mentionsPrincipal(node.init, requestNames, principals, vocabulary, state)) {
      for (const name of declaredNames(node.id)) principals.add(name);
    }
    // `const { user } = req`, `const { accountability } = req`: a principal member taken out of the request.
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.ObjectPattern) {
      const init = unwrap(node.init);
      if (init.type === AST_NODE_TYPES.Identifier && requestNames.has(init.name)) {
        for (const property of node.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed || !principalSet.has(propertyName(property.key) ?? '')) continue;
          for (const name of declaredNames(property.value)) principals.add(name);
        }
      }
    }
    // What the request sends (`const headers = { ...req.headers }`), and what a call computes from it
    // (`const event = driver.verifyAndParseWebhook(rawBody, headers, secret)`).
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      const init = unwrap(node.init);
      const { call, isAwaited } = checkedCallOf(init, requestNames, fromRequest);
      // A read of what the request sent (`getCookie(c, 'sid')`) is input, not a check of it.
      const read = h3Read(init, requestNames, state.scopeOf);
      // `logins.find(getCookie(c, 'sid'))`: a credential read inline by a reader given the request.
      const readsSent = call.type === AST_NODE_TYPES.CallExpression && call.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && h3Read(argument, requestNames, state.scopeOf) === 'credential');
      if (read === null && call.type === AST_NODE_TYPES.CallExpression && (readsSent || call.arguments.some((argument) => mentionsAny(argument, requestNames, fromRequest)))) {
        // Only a credential's check proves something: a user found by the e-mail sent does not, nor
        // claims decoded without their signature, nor a promise check tested without `await`.
        const callee = dottedName(call.callee) ?? '';
        const proves = !unverifiedDecodes.test(callee) && !(promiseCredentialChecks.test(callee) && !isAwaited && !call.arguments.some(isFunction));
        if (proves && (readsSent || givenCredential(call, requestNames, credentialValues))) for (const name of declaredNames(node.id)) computed.add(name);
      } else if (read !== null) {
        const credential = read === 'credential';
        for (const name of declaredNames(node.id)) {
          fromRequest.add(name);
          if (credential || isCredentialNameOf(name)) credentialValues.add(name);
        }
      } else if (mentionsAny(init, requestNames, fromRequest)) {
        const whole = node.id.type === AST_NODE_TYPES.Identifier && readsCredentialInput(init, requestNames, credentialValues);
        const standsIn = fallsBackToServerValue(init, requestNames, credentialValues, fromRequest);
        for (const name of declaredNames(node.id)) {
          fromRequest.add(name);
          if ((whole || isCredentialNameOf(name)) && !standsIn) credentialValues.add(name);
        }
      }
    }
    // A value computed from a credential the request sent, whose failure answers 401 Unauthorized:
    // the handler authenticates the request itself (a webhook signature, an API key looked up).
    if (node.type === AST_NODE_TYPES.IfStatement && computed.size > 0 && mentionsAny(node.test, new Set(), computed)) {
      const failing = isNegativeTest(node.test) ? node.consequent : node.alternate;
      if (failing && answersUnauthorized(failing)) evidence(`check of \`${shortText(node.test)}\``, node);
    }
    if (node.type === AST_NODE_TYPES.IfStatement && (answersUnauthorized(node.consequent) || (node.alternate && answersUnauthorized(node.alternate)))) unauthorizedGates.push(node);
    // A credential the request sent compared with a secret of the server (`req.headers['x-key'] !==
    // process.env.KEY`), whose failure answers 401 or throws (any error: the request fails): the
    // handler authenticates the request itself.
    if (node.type === AST_NODE_TYPES.IfStatement && comparesSentCredential(node.test, requestNames, credentialValues, fromRequest, computed) && !clientBypass(node.test)) {
      const failing = isNegativeTest(node.test) ? node.consequent : node.alternate;
      if (failing && (answersUnauthorized(failing) || (throwsOutright(failing) && notSwallowed(node, fn)))) evidence(`check of \`${shortText(node.test)}\``, node);
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && mentionsPrincipal(node.right, requestNames, principals, vocabulary, state)) {
      principals.add(node.left.name);
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      const member = requestMember(node.left, fn);
      if (member !== null) assignments.push({ member, value: node.right });
    }
    // A function of the project out of view decides: its 401 is evidence, any other refusal leaves the verdict unknown.
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.Identifier && !principals.has(node.id.name)) {
      const helper = outOfViewHelper(node.init, requestNames, state, outOfViewValues);
      if (helper !== null) outOfViewValues.set(node.id.name, helper);
    }
    if (node.type === AST_NODE_TYPES.IfStatement && !testsCredential(node.test)) {
      const helper = outOfViewHelper(node.test, requestNames, state, outOfViewValues);
      const failing = isNegativeTest(node.test) ? node.consequent : node.alternate;
      // A refusal of the request (a response, a throw, `next(err)`), not a helper's bare `return`.
      if (helper !== null && failing && rejectsOutright(failing)) {
        if (answersUnauthorized(failing)) evidence(`check of \`${shortText(node.test)}\``, node);
        else unknown ??= helper;
      }
    }
    const onlyPresence = node.type === AST_NODE_TYPES.IfStatement && testsCredential(node.test) ? (credentials ??= sentCredentials(fn, state)).onlyPresence(node.test) : null;
    // Only a test that turns requests away is a check that accepts any credential: `if (token) req.user
    // = jwt.decode(token)` turns nobody away, and the route is plainly unauthenticated.
    if (onlyPresence !== null && node.type === AST_NODE_TYPES.IfStatement && turnsAwayOnTest(node)) unverified ??= { check: onlyPresence, node };
    if (node.type === AST_NODE_TYPES.IfStatement && onlyPresence === null && testsCredential(node.test) && !clientBypass(node.test)) {
      const negative = isNegativeTest(node.test);
      const failing = negative ? node.consequent : node.alternate;
      // In a Fastify async hook, `if (!request.user) return;` goes on to the handler.
      if (failing && (state.returnGoesOn === true ? rejectsOutright(failing) : rejects(failing))) evidence(`check of \`${shortText(node.test)}\``, node, answersNo(failing));
      // `if (req.user) return next(); res.status(401).end();`, and in a hook that goes on by returning
      // (Fastify's, no `next`) `if (request.user) return; reply.code(401).send()`.
      else if (!negative && !node.alternate && (passes(node.consequent) || onlyBareReturn(node.consequent)) && rejects(...followingStatements(node))) {
        evidence(`check of \`${shortText(node.test)}\``, node, answersNo(...followingStatements(node)));
      } else if (negative && passes(node.consequent) && !mayTurnAway(node.consequent)) gated = true;
    }
    if (node.type === AST_NODE_TYPES.ConditionalExpression && mentionsPrincipal(node.test, requestNames, principals, vocabulary, state)) {
      const failing = isNegativeTest(node.test) ? node.consequent : node.alternate;
      if (rejects(failing)) evidence(`check of \`${shortText(node.test)}\``, node);
    }
    // A guard's `canActivate` that answers whether there is a user: `return !!request.user`.
    if (canActivate && node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !isLiteralTrue(node.argument) &&
      mentionsPrincipal(node.argument, requestNames, principals, vocabulary, state)) {
      found = `check of \`${shortText(node.argument)}\``;
    }
    // A guard's `canActivate` that answers whether a credential the request sent equals a secret of
    // the server (`return req.headers['x-internal-key'] === process.env.INTERNAL_KEY`; NestJS answers
    // 403 on false): it authenticates the caller, as the same check answering 401 does in a handler.
    if (canActivate && node.type === AST_NODE_TYPES.ReturnStatement && node.argument &&
      requiresSentCredential(node.argument, new Set([...requestNames, ...fromRequest]), credentialValues, fromRequest)) {
      found = 'check of the credential the request sent';
    }
    return undefined;
  });
  // An arrow that answers by its expression (`(parent, args, ctx) => ctx.user !== null`), as a `return` would.
  if (found === null && canActivate && fn.body.type !== AST_NODE_TYPES.BlockStatement && !isLiteralTrue(fn.body) && mentionsPrincipal(fn.body, requestNames, principals, vocabulary, state)) {
    found = `check of \`${shortText(fn.body)}\``;
  }
  if (found !== null) return foundByAnswer ? { verdict: 'authenticates', by: found, byAnswer: true } : { verdict: 'authenticates', by: found };
  if (methodScoped !== null) return methodScoped;
  // A role check (a role compared, or a 403 answered) authenticates only when what it tests is about
  // the caller: `if (req.app.locals.readOnly) return res.sendStatus(403)` turns everybody away alike.
  const callerValues = new Set([...principals, ...computed, ...credentialValues, ...credentialParams]);
  // It must also turn away a request without a caller: `if (req.user && readOnly) return 403` only
  // stops signed-in callers. And a test whose only tie to the caller is a call out of view given the
  // request (`if (limiter.isLimited(req))`) cannot be judged, unless it answers 401, which says
  // "not authenticated" by itself.
  let outOfViewGate: GuardJudgement | null = null;
  const absentValues = new Set([...principals, ...credentialValues, ...credentialParams]);
  const gates = new Set(gateChecks(fn));
  // A 401 gate that reads the caller was judged in the walk (a presence test of a credential is no
  // authentication); here only those whose test is a call out of view given the request.
  for (const check of [...gates, ...unauthorizedGates.filter((gate) => !gates.has(gate))]) {
    const about = testsCaller(check.test, requestNames, callerValues, state, fn);
    if (about === false || (about === true && !gates.has(check))) continue;
    const rejecting = rejectingBranch(check);
    const absent = whenCallerAbsent(check.test, requestNames, absentValues, fn);
    if (rejecting === check.consequent ? absent === 'false' || absent === 'absent' : absent === 'true') continue;
    if (about === true || answersUnauthorized(rejecting)) return { verdict: 'authenticates', by: about === true ? 'a check of the caller' : `check of \`${about.name}\`` };
    outOfViewGate ??= { verdict: 'unknown', name: about.name, source: about.source };
  }
  if (optionalBy !== null) {
    // The principal it sets: a member named for one (`req.user = user`), or one given what was
    // verified. Its own writes come first: `req.accountability = await accountabilityFor(token)`
    // puts the principal in `accountability`, whatever the helper writes into its own parameters.
    const members = new Set<string>();
    for (const { member, value } of assignments) {
      const last = member.slice(member.lastIndexOf('.') + 1);
      const verified = verifications.some((call) => value.range[0] <= call.range[0] && call.range[1] <= value.range[1]);
      if (verified || principalSet.has(camelCase(last)) || mentionsPrincipal(value, requestNames, principals, vocabulary)) members.add(member);
    }
    return { verdict: 'optional', by: optionalBy, members: [...(members.size > 0 ? members : callMembers)], at: fn };
  }
  return unknown ?? outOfViewGate ?? (unverified === null ? NONE : { verdict: 'none', unverified });
}

/**
 * The call whose answer a variable holds: the value itself (awaited or not), or the call a test of
 * the sent value guards when the other side is falsy (`token ? await verifySession(token) : null`,
 * `token && await verifySession(token)`). Without a credential the variable is then falsy too, so
 * a later `if (!user) throw 401` turns away the request that sent none, as it turns away the one
 * whose credential fails. A truthy other side (`token ? verify(token) : guest`) is no such value:
 * the expression itself is returned, and is no call.
 */
function checkedCallOf(init: TSESTree.Node, requestNames: ReadonlySet<string>, fromRequest: ReadonlySet<string>): { call: TSESTree.Node; isAwaited: boolean } {
  const direct = (node: TSESTree.Node): { call: TSESTree.Node; isAwaited: boolean } => {
    const value = unwrap(node);
    return value.type === AST_NODE_TYPES.AwaitExpression ? { call: unwrap(value.argument), isAwaited: true } : { call: value, isAwaited: false };
  };
  const sent = (test: TSESTree.Node): boolean => mentionsAny(test, requestNames, fromRequest);
  if (init.type === AST_NODE_TYPES.ConditionalExpression && sent(init.test)) {
    const negative = isNegativeTest(init.test);
    const checked = negative ? init.alternate : init.consequent;
    const otherwise = negative ? init.consequent : init.alternate;
    if (alwaysFalsy(otherwise)) return direct(checked);
  }
  if (init.type === AST_NODE_TYPES.LogicalExpression && init.operator === '&&' && sent(init.left)) return direct(init.right);
  return direct(init);
}

/**
 * What an h3 utility given the request reads (`getCookie(event, 'session')`, `getHeader(event,
 * 'authorization')`, `getQuery(event)`): `'credential'` when the field it names is one (see
 * `credentialNamePatterns`), `'input'` for another value the request sent, null for anything else.
 * The `event.x` reads of the other request styles are followed by `mentionsAny`; these take the
 * event whole.
 */
function h3Read(init: TSESTree.Node, requestNames: ReadonlySet<string>, scopeOf: ScopeOf): 'credential' | 'input' | null {
  const value = unwrap(init);
  const call = value.type === AST_NODE_TYPES.AwaitExpression ? unwrap(value.argument) : value;
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const read = h3InputCall(call, scopeOf(call)) ?? requestValueRead(call, scopeOf);
  const event = read === null ? null : unwrap(read.event);
  if (read === null || event?.type !== AST_NODE_TYPES.Identifier || !requestNames.has(event.name)) return null;
  const key = read.key === null ? null : unwrap(read.key);
  return key?.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' && isCredentialNameOf(key.value) ? 'credential' : 'input';
}

/** `getCookie(c, 'sid')` of `hono/cookie` (see `requestValueReaders`): the request it is given and the name it reads. */
function requestValueRead(call: TSESTree.CallExpression, scopeOf: ScopeOf): { event: TSESTree.Node; key: TSESTree.Node | null } | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const source = importSource(scopeOf(callee), callee.name);
  const model = source === null ? undefined : requestValueReaders.find((entry) => entry.module === source.module && entry.path === source.imported);
  const [event] = call.arguments;
  if (!model || !event || event.type === AST_NODE_TYPES.SpreadElement) return null;
  const key = call.arguments[model.key];
  return { event, key: key && key.type !== AST_NODE_TYPES.SpreadElement ? key : null };
}

/**
 * Whether a check is skipped when it throws: a call (`crypto.timingSafeEqual` throws on a length
 * mismatch the client chooses; a lookup may fail), or an `if` whose test makes one, inside a `try`
 * whose `catch` lets the request go on: it calls `next()`, or it neither leaves nor answers and
 * statements follow the `try` (`try { if (!timingSafeEqual(sent, key)) return res.sendStatus(401);
 * } catch {} next();`).
 */
function failsOpen(check: TSESTree.Node, fn: FunctionNode): boolean {
  let calls = check.type === AST_NODE_TYPES.CallExpression;
  if (check.type === AST_NODE_TYPES.IfStatement) {
    walk(check.test, (node) => {
      if (calls || isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.CallExpression) calls = true;
      return undefined;
    });
  }
  if (!calls) return false;
  for (let node: TSESTree.Node = check; node.parent && node !== fn && !isFunction(node); node = node.parent) {
    const parent: TSESTree.Node = node.parent;
    if (parent.type !== AST_NODE_TYPES.TryStatement || parent.block !== node || !parent.handler) continue;
    const handler = parent.handler.body;
    if (passes(handler) || (!exits(handler) && followingStatements(parent).length > 0)) return true;
  }
  return false;
}

/**
 * Whether a verification given a callback (`jwt.verify(token, key, (err, claims) => …)`), which
 * decides there instead of throwing, lets a failed one through: no test in the callback of its
 * error (`if (err) return res.sendStatus(401)`, `if (err) return next(err)`) or of its result
 * (`if (!claims) …`) turns the request away. One that logs the error and calls `next()` whatever
 * happened verifies nothing. False for a call without a callback.
 */
function callbackLetsFailureThrough(call: TSESTree.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  const callback = last && isFunction(last) ? last : null;
  if (callback === null) return false;
  const [error, result] = callback.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? new Set([param.name]) : new Set<string>()));
  const none = new Set<string>();
  let rejecting = false;
  walk(callback.body, (node) => {
    if (rejecting || isFunction(node)) return 'skip';
    if (node.type !== AST_NODE_TYPES.IfStatement && node.type !== AST_NODE_TYPES.ConditionalExpression) return undefined;
    const negative = isNegativeTest(node.test);
    const failing = error && mentionsAny(node.test, none, error) ? (negative ? node.alternate : node.consequent)
      : result && mentionsAny(node.test, none, result) ? (negative ? node.consequent : node.alternate) : null;
    if (failing && rejects(failing)) rejecting = true;
    return undefined;
  });
  return !rejecting;
}

/** Whether an `if` turns the request away on the failing side of its test, or lets it through and rejects after. */
function turnsAwayOnTest(node: TSESTree.IfStatement): boolean {
  const negative = isNegativeTest(node.test);
  const failing = negative ? node.consequent : node.alternate;
  if (failing && rejects(failing)) return true;
  return !negative && !node.alternate && (passes(node.consequent) || onlyBareReturn(node.consequent)) && rejects(...followingStatements(node));
}

/** `new X(…)`, awaited or not. */
function isConstruction(init: TSESTree.Node): boolean {
  const value = unwrap(init);
  return (value.type === AST_NODE_TYPES.AwaitExpression ? unwrap(value.argument) : value).type === AST_NODE_TYPES.NewExpression;
}

/** Where the function of an out-of-view call comes from, as an `unknownAuth` message says it. */
function outOfViewSource(call: TSESTree.CallExpression, scopeOf: ScopeOf): string {
  const target = resolveTarget(call.callee, scopeOf, 0);
  if (target.type === 'module') return isProjectModule(target) ? `\`${target.module}\`` : `package \`${target.module}\``;
  return target.type === 'unresolved' ? target.why : 'out of view';
}

/**
 * The member of the request, response or context a write puts a value in: `req.user = …` is
 * `user`, `req.accountability.role = …` is `accountability`, `res.locals.user` is `locals.user`,
 * `ctx.state.user` is `state.user`. Null when the target is not rooted in a parameter of `fn`.
 */
function requestMember(target: TSESTree.MemberExpression, fn: FunctionNode): string | null {
  const name = dottedName(target);
  if (name === null) return null;
  const [root = '', first, second] = name.split('.');
  if (first === undefined || !isParameterAround(target, root, fn)) return null;
  return (first === 'locals' || first === 'state') && second !== undefined ? `${first}.${second}` : first;
}

/**
 * Whether `name` is a parameter of `fn` or of a function between `fn` and `node`: the middleware a
 * factory returns (`(options) => (req, res, next) => { req.user = … }`) writes to its own request.
 */
function isParameterAround(node: TSESTree.Node, name: string, fn: FunctionNode): boolean {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (isFunction(current) && current.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === name)) return true;
    if (current === fn) return false;
    current = current.parent;
  }
  return false;
}

/**
 * Whether `node` runs only when the request carries a credential: it sits in the consequent of an
 * `if` that tests a credential's presence (`if (token) { … }`), and neither that `if`'s `else` nor
 * the statements after it turn the request away. Then a request without one goes on unverified.
 */
function reachedOnlyWithCredential(node: TSESTree.Node, fn: FunctionNode, testsCredential: (test: TSESTree.Node) => boolean): boolean {
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current && current !== fn && !isFunction(current)) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && !isNegativeTest(current.test) && testsCredential(current.test) &&
      !passes(current.consequent) && !(current.alternate && rejectsOutright(current.alternate)) && !rejectsOutright(...followingStatements(current))) {
      return true;
    }
    child = current;
    current = current.parent;
  }
  return false;
}

/**
 * A call that identifies the caller without deciding the request: a verification that does not
 * take effect (its failure swallowed by a `catch` that lets the request through, or a value kept
 * only in an expression: `token ? jwt.verify(token, key) : null`), a session or user looked up from
 * a credential or the request (`lucia.validateSession(sessionId)`, `getSession(req)`), or a known
 * auth library's middleware run inside this one (`passport.authenticate('jwt', callback)(req, res,
 * next)`, whose callback decides). `member` is the request member the library sets, when it does.
 */
function looseVerification(call: TSESTree.CallExpression, state: JudgeState, requestNames: ReadonlySet<string>): { by: string; member: string | null } | null {
  const name = dottedName(call.callee);
  const root = rootIdentifier(call.callee);
  // `request.jwtVerify()` of @fastify/jwt puts the payload in `request.user`.
  const onRequest = root !== null && requestNames.has(root) && name !== null && name.includes('.');
  if (!takesEffect(call)) {
    const judged = judgeCall(call, state, false);
    if (judged.verdict === 'authenticates') return { by: judged.by, member: onRequest ? 'user' : null };
  }
  if (name !== null && state.vocabulary.isAuthCall(name) && !onRequest) {
    const given = call.arguments.some((argument) =>
      (argument.type === AST_NODE_TYPES.Identifier && requestNames.has(argument.name)) ||
      mentionsPrincipal(argument, requestNames, new Set(), state.vocabulary) ||
      (argument.type === AST_NODE_TYPES.Identifier && CREDENTIAL_NAMES.test(argument.name)));
    // A function of the project of such a name is read by its body; one out of view, not at all.
    const answer = given ? helperAnswer(call, state) : null;
    if (answer === 'verifies' || answer === 'not-a-helper') return { by: `${name}()`, member: null };
  }
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.CallExpression && state.depth < MAX_DEPTH) {
    const target = resolveTarget(callee, state.scopeOf, state.depth + 1);
    if (target.type === 'module' && libraryKind(target.module, target.path) === 'middleware') {
      return { by: dottedName(callee.callee) ?? target.module, member: Object.hasOwn(libraryPrincipalMembers, target.module) ? libraryPrincipalMembers[target.module]! : null };
    }
  }
  return null;
}

/**
 * A call inside a function body: a library call that verifies a credential or returns auth
 * middleware, `UseGuards(...)` in a composed decorator, a webhook signature check, or a same-file
 * function that itself rejects.
 */
function judgeCall(call: TSESTree.CallExpression, state: JudgeState, requireEffect = true): GuardJudgement {
  const { vocabulary } = state;
  const name = dottedName(call.callee);
  const signature = signatureCall(call, state);
  if (signature?.kind === 'name') return { verdict: 'authenticates', by: signature.by };
  if (signature?.kind === 'verifier') {
    // One that throws on a bad signature rejects where its call takes effect; one that answers
    // false decides nothing here: the `if` that tests its answer is judged in `judgeBody`.
    return signature.throws && takesEffect(call, rejectsAsClientError) ? { verdict: 'authenticates', by: signature.by } : NONE;
  }
  // `applyDecorators(UseGuards(AuthGuard('jwt'), RolesGuard))`
  if (name !== null && /(?:^|\.)UseGuards$/u.test(name)) {
    const results = call.arguments.map((argument) => {
      const guardName = dottedName(argument) ?? 'guard';
      return judgeTarget(resolveTarget(argument, state.scopeOf, state.depth + 1), state, {
        name: guardName,
        worthAsking: vocabulary.isAuthGuard(guardName),
      });
    });
    return strongest(results);
  }
  // Where the framework goes on when the function returns (a Fastify hook, a GraphQL context
  // function), a `catch` that returns swallows the failure.
  if (requireEffect && !takesEffect(call, state.returnGoesOn === true ? rejectsOutright : rejects)) return NONE;
  // A known library's method that throws without a credential (`request.jwtVerify()`), or one the
  // team lists; a function of the project of such a name is judged by its body below.
  const rejectingName = name !== null && vocabulary.isRejectingAuthCall(name);
  if (rejectingName && (vocabulary.isConfiguredAuth(name) || state.depth >= MAX_DEPTH || helperDefinition(call, state) === null)) return { verdict: 'authenticates', by: `${name}()` };
  if (state.depth >= MAX_DEPTH) return NONE;
  const callee = resolveTarget(call.callee, state.scopeOf, state.depth + 1);
  // A project module's export that is a package's value (`export const { auth } = NextAuth(…)`): that value.
  const forwarded = callee.type === 'module' && libraryKind(callee.module, callee.path) === null ? forwardedLibrary(callee, state.depth) : null;
  const target = forwarded?.target ?? callee;
  if (target.type === 'module') {
    const kind = libraryKind(target.module, target.path);
    if (kind === 'verify') return callbackLetsFailureThrough(call) ? NONE : { verdict: 'authenticates', by: `${name ?? target.path}()` };
    // `const requireLogin = adapt(async (req, res, next) => {…})` of this file: the middleware it wraps decides.
    const adapted = kind === null && target.call && target.call !== call ? adaptedMiddleware(target.call, state.scopeOf, state) : null;
    if (adapted) return adapted.verdict === 'authenticates' ? { ...adapted, by: `${name ?? 'helper'}()` } : adapted;
    // `await requireSession(req)` of the project's `./lib/session`: its definition decides.
    const definition = kind === null ? importedDefinition(target.from, target.module, target.path) : null;
    if (definition && isFunction(definition.node)) {
      const inner = judgeFunction(definition.node, vocabulary, definition.scopeOf, state.depth + 1, helperReturnGoesOn(definition.node, state));
      if (inner.verdict === 'authenticates' && inner.byAnswer && !isReturned(call) && !answerRefused(call)) return NONE;
      return inner.verdict === 'authenticates' ? { ...inner, by: `${name ?? 'helper'}()` } : inner;
    }
    // `payments.verifyEvent(…)` of `const payments = new PaymentService()`, the class imported: its method's body decides.
    const method = kind === null && isProjectModule(target) ? heldServiceMethod(call, state) : null;
    if (method) return judgeHeldMethod(call, method, state);
    // The same wrapper call exported by another file of the project (`lib/guards`).
    const made = definition?.node.type === AST_NODE_TYPES.CallExpression ? adaptedMiddleware(definition.node, definition.scopeOf, state) : null;
    if (made) return made.verdict === 'authenticates' ? { ...made, by: `${name ?? 'helper'}()` } : made;
    // A factory that returns a library's auth middleware: `() => passport.authenticate('jwt')`.
    if ((kind === 'middleware' || kind === 'guard') && isReturned(call)) {
      const optional = optionalLibraryCall(target.module, target.path, target.call ?? call);
      if (optional !== null) return { verdict: 'optional', by: name ?? target.module, members: [optional], at: call };
      return { verdict: 'authenticates', by: name ?? target.module };
    }
    // The library's middleware run inside this one: `passport.authenticate('jwt')(req, res, next)`.
    // With a callback of its own (`(err, user) => …`) the callback decides; without, it rejects.
    if (kind === 'middleware' && target.call && target.call !== call && !target.call.arguments.some((argument) => isFunction(argument))) {
      const by = dottedName(target.call.callee) ?? target.module;
      const optional = optionalLibraryCall(target.module, target.path, target.call);
      return optional !== null ? { verdict: 'optional', by, members: [optional], at: call } : { verdict: 'authenticates', by };
    }
    if (kind === null && name !== null && vocabulary.isAuthMiddleware(name)) {
      return { verdict: 'unknown', name, source: isProjectModule(target) ? `\`${target.module}\`` : `package \`${target.module}\`` };
    }
    return NONE;
  }
  // Not the function the call is in (recursion is no evidence of itself). Ranges first: climbing
  // from every call of a deeply nested expression would make the judge quadratic.
  if (target.type === 'function' && !(target.fn.range[0] <= call.range[0] && call.range[1] <= target.fn.range[1] && enclosingFunction(call) === target.fn)) {
    const inner = judgeFunction(target.fn, vocabulary, state.scopeOf, state.depth + 1, helperReturnGoesOn(target.fn, state));
    // A helper that answers no (`if (!token) return false`) turns nobody away by itself: its answer
    // kept (`const keyOk = keyMatches(token)`) or dropped authenticates nothing until a test of it
    // refuses, which is judged where the test is. Returned, it is the caller's answer in turn.
    if (inner.verdict === 'authenticates' && inner.byAnswer && !isReturned(call) && !answerRefused(call)) return NONE;
    return inner.verdict === 'authenticates' ? { ...inner, by: `${name ?? 'helper'}()` } : inner;
  }
  // `this.payments.verifyEvent(…)` of a service the class holds, defined in another file: its method's body decides.
  const method = target.type === 'unresolved' ? heldServiceMethod(call, state) : null;
  if (method) return judgeHeldMethod(call, method, state);
  if (target.type === 'unresolved' && name !== null && vocabulary.isAuthMiddleware(name) && !name.includes('.')) {
    return { verdict: 'unknown', name, source: target.why };
  }
  return NONE;
}

/**
 * Whether a helper called where the framework goes on once the caller returns (a GraphQL context
 * function, a Fastify hook) is judged the same way: what it returns goes on to its caller, which
 * goes on in turn, so a `catch` that returns (`try { return jwt.verify(…) } catch { return null; }`)
 * swallows the failure there too, as it would written inline. A helper handed a continuation is a
 * middleware, judged as one.
 */
function helperReturnGoesOn(fn: FunctionNode, state: JudgeState): boolean {
  return state.returnGoesOn === true && !hasContinuation(fn);
}

/**
 * A write of stored records (see `isStoreWriteCall`), not a package's class of that shape:
 * `GqlExecutionContext.create(context)` of `@nestjs/graphql` creates no record, `Invoice.create(…)`
 * of the project's models does.
 */
function writesStore(call: TSESTree.CallExpression, scopeOf: ScopeOf): boolean {
  if (!isStoreWriteCall(call)) return false;
  const root = rootIdentifier(call.callee);
  const imported = root === null ? null : importSource(scopeOf(call), root);
  return imported === null || isProjectModule({ module: imported.module, from: call });
}

/**
 * A method of a held service judged by its body, as a helper of the project is: a method that
 * only answers no (`return false`) refuses nothing until the caller tests its answer.
 */
function judgeHeldMethod(call: TSESTree.CallExpression, method: { fn: FunctionNode; scopeOf: ScopeOf }, state: JudgeState): GuardJudgement {
  const inner = judgeFunction(method.fn, state.vocabulary, method.scopeOf, state.depth + 1);
  if (inner.verdict === 'authenticates' && inner.byAnswer && !isReturned(call) && !answerRefused(call)) return NONE;
  return inner.verdict === 'authenticates' ? { ...inner, by: `${dottedName(call.callee) ?? 'helper'}()` } : inner;
}

/**
 * The judgement of the middleware a wrapper call is handed (`adapt(async (req, res, next) => {…})`,
 * next-basics' `createMiddleware`, a promise adapter of the project or of a package), when the
 * wrapper is no auth library: a guard so made runs that middleware, and a handler that awaits it
 * goes on only once the middleware calls `next()`. Only functions with a middleware's parameters
 * (request, response, continuation) count; null when the call is handed none, or none judges.
 */
function adaptedMiddleware(made: TSESTree.CallExpression, scopeOf: ScopeOf, state: JudgeState): GuardJudgement | null {
  if (state.depth >= MAX_DEPTH) return null;
  const wrapper = resolveTarget(made.callee, scopeOf, state.depth + 1);
  if (wrapper.type === 'module' && libraryKind(wrapper.module, wrapper.path) !== null) return null;
  const results: GuardJudgement[] = [];
  for (const argument of made.arguments) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const wrapped = resolveTarget(argument, scopeOf, state.depth + 1);
    if (wrapped.type !== 'function' || !hasContinuation(wrapped.fn)) continue;
    results.push(judgeFunction(wrapped.fn, state.vocabulary, scopeOf, state.depth + 1));
  }
  const judged = results.length === 0 ? null : strongest(results);
  return judged === null || judged.verdict === 'none' ? null : judged;
}

/** What a call is as a signature check (see `signatureCall`). */
type SignatureCall =
  | { kind: 'verifier'; by: string; throws: boolean }
  | { kind: 'name'; by: string };

/**
 * A call that verifies a webhook's signature: a function of the project whose definition does (a
 * computed HMAC compared, a webhook SDK's verification; see `signatureVerifier`), or a webhook SDK
 * call of the model. A function of the project is judged by its definition only, so naming a
 * helper `verifySignature` proves nothing; a call out of view (a package, an unresolved value)
 * keeps the name list of well-known verifiers.
 */
function signatureCall(call: TSESTree.CallExpression, state: JudgeState): SignatureCall | null {
  // Asked of each call of a judged function and again of the calls in its `if` tests.
  if (state.depth >= MAX_DEPTH) return judgeSignatureCall(call, state);
  if (signatureCalls.has(call)) return signatureCalls.get(call) ?? null;
  const result = judgeSignatureCall(call, state);
  signatureCalls.set(call, result);
  return result;
}

const signatureCalls = new WeakMap<TSESTree.CallExpression, SignatureCall | null>();

function judgeSignatureCall(call: TSESTree.CallExpression, state: JudgeState): SignatureCall | null {
  const name = dottedName(call.callee);
  const target = state.depth < MAX_DEPTH ? resolveTarget(call.callee, state.scopeOf, state.depth + 1) : null;
  const own = target === null ? null : projectFunction(call, target, state);
  if (own !== null) {
    const verifier = signatureVerifier(own.fn, libraryCallIn(own.scopeOf, 0), rejectsAsClientError);
    return verifier === null ? null : { kind: 'verifier', by: `signature check ${name ?? 'helper'}()`, throws: verifier.throws };
  }
  const library = target?.type === 'module' ? signatureLibraryCall(call, () => ({ module: target.module, path: target.path })) : null;
  if (library !== null) return { kind: 'verifier', by: `signature check ${name ?? library.by}()`, throws: library.throws };
  if (name !== null && state.vocabulary.isSignatureCheck(name)) return { kind: 'name', by: `signature check ${name}()` };
  return null;
}

/**
 * The function of the project a call runs (of this file, not the one it is in, or imported; or a
 * method of a service of another file the caller holds, see `heldServiceMethod`), or null.
 */
function projectFunction(call: TSESTree.CallExpression, target: Target, state: JudgeState): { fn: FunctionNode; scopeOf: ScopeOf } | null {
  if (target.type === 'function') {
    const enclosing = target.fn.range[0] <= call.range[0] && call.range[1] <= target.fn.range[1] && enclosingFunction(call) === target.fn;
    return enclosing ? null : { fn: target.fn, scopeOf: state.scopeOf };
  }
  if (state.depth >= MAX_DEPTH || (target.type === 'module' && libraryKind(target.module, target.path) !== null)) return null;
  if (target.type !== 'module') return heldServiceMethod(call, state);
  const definition = importedDefinition(target.from, target.module, target.path);
  const resolved = definition ? resolveTarget(definition.node, definition.scopeOf, state.depth + 1) : null;
  if (definition && resolved?.type === 'function') return { fn: resolved.fn, scopeOf: definition.scopeOf };
  return isProjectModule(target) ? heldServiceMethod(call, state) : null;
}

/** A scope source answering from a judge's scope lookup, one per lookup (the project model remembers its answers by it). */
const scopeSources = new WeakMap<ScopeOf, ScopeSource>();

function scopeSourceOf(scopeOf: ScopeOf): ScopeSource {
  let source = scopeSources.get(scopeOf);
  if (!source) {
    source = { getScope: scopeOf };
    scopeSources.set(scopeOf, source);
  }
  return source;
}

/**
 * The method of a service of another project file that a method call runs, as the project model
 * finds it (`src/analysis/project/calls.ts`): `this.payments.verifyEvent(…)` on a field injected
 * through the constructor (`constructor(private payments: PaymentService)`, a NestJS provider, or
 * compiled `this.payments = payments` with the type the compiler recorded), assigned `new
 * PaymentService()`, or a member of an imported module or instance. With the scopes of its file,
 * so that it is judged by its body there as an imported function is; null for anything else (a
 * package's class, a function of this file, a receiver that cannot be followed).
 */
function heldServiceMethod(call: TSESTree.CallExpression, state: JudgeState): { fn: FunctionNode; scopeOf: ScopeOf } | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  const target = crossFileTarget(callee, scopeSourceOf(state.scopeOf));
  return target && { fn: target.fn, scopeOf: scopeLookup(target.module.sourceCode) };
}

/** The package export a call runs, resolved in a file by its scope lookup. */
function libraryCallIn(scopeOf: ScopeOf, depth: number): LibraryCallOf {
  return (call) => {
    const target = resolveTarget(call.callee, scopeOf, depth);
    return target.type === 'module' ? { module: target.module, path: target.path } : null;
  };
}

/**
 * The signature check a test asks about, if any: a verifying call in it (`!verifyStripeSignature(raw,
 * header, secret)`, `!(await isGithubDelivery(body, sig))`), or a variable that holds one's answer.
 */
function testedSignature(test: TSESTree.Node, state: JudgeState, answers: ReadonlyMap<string, SignatureCall>): SignatureCall | null {
  let found: SignatureCall | null = null;
  walk(test, (node) => {
    if (found !== null || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.Identifier) found = answers.get(node.name) ?? null;
    if (node.type === AST_NODE_TYPES.CallExpression) found = signatureCall(node, state);
    return undefined;
  });
  return found;
}

/** Response methods that take the status after the body: Hono's `c.json(body, 400)`, `c.text(…, 401)`. */
const BODY_THEN_STATUS = new Set(['json', 'text', 'body', 'html', 'newResponse']);

/**
 * Whether a branch turns the request away with a client error: it throws, calls `next(err)`, or
 * answers any 4xx status (`res.status(400)`, `c.json(…, 400)`, `new Response(…, { status: 403 })`,
 * `ctx.status = 400`) and leaves. A failed signature is commonly answered 400: unlike a missing
 * session, it is not a 401 the client could cure by signing in.
 */
function rejectsAsClientError(branch: TSESTree.Node): boolean {
  let hit = false;
  walk(branch, (node) => {
    if (hit || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ThrowStatement) hit = true;
    if (node.type === AST_NODE_TYPES.CallExpression && /(?:^|\.)next$/u.test(dottedName(node.callee) ?? '') && node.arguments.length > 0) hit = true;
    const code = statusCode(node) ?? bodyThenStatus(node) ?? assignedStatus(node);
    if (code !== null && code >= 400 && code < 500) hit = true;
    return undefined;
  });
  return hit && exits(branch) && !passes(branch);
}

function bodyThenStatus(node: TSESTree.Node): number | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const name = dottedName(node.callee) ?? '';
  const status = node.arguments[1];
  return BODY_THEN_STATUS.has(name.slice(name.lastIndexOf('.') + 1)) && status?.type === AST_NODE_TYPES.Literal && typeof status.value === 'number' ? status.value : null;
}

/** `ctx.status = 400` (Koa), `res.statusCode = 403`. */
function assignedStatus(node: TSESTree.Node): number | null {
  if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) return null;
  const member = propertyName(node.left.property);
  const value = unwrap(node.right);
  return (member === 'status' || member === 'statusCode') && value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' ? value.value : null;
}

/**
 * Whether the answer of a helper that says no (`null`, `false`) is kept and then tested with a
 * refusal: `const member = await currentMember(req); if (!member) return res.status(401).end()`.
 * Only a constant kept in the same block and tested in one of the next statements counts.
 */
function answerRefused(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  while (node.parent && VALUE_KEEPING.has(node.parent.type)) node = node.parent;
  const declarator = node.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== node || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const name = declarator.id.name;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') return false;
  for (const statement of followingStatements(declaration)) {
    if (statement.type !== AST_NODE_TYPES.IfStatement || !isNegativeTest(statement.test)) continue;
    let tested = false;
    walk(statement.test, (inner) => {
      if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) tested = true;
      return undefined;
    });
    if (tested && rejects(statement.consequent)) return true;
  }
  return false;
}

function isReturned(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === call);
}

/**
 * Whether a call's outcome decides the request: it stands as a statement, or its value is kept
 * (`const user = await verify(...)`, `req.user = jwt.verify(...)`), and it is not inside a `try`
 * whose `catch` lets the request through.
 */
/** Wrappers that keep a call's value: `await`, `?.`, and casts (`jwt.verify(token, key) as Payload`). */
const VALUE_KEEPING: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.AwaitExpression, AST_NODE_TYPES.ChainExpression, AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression, AST_NODE_TYPES.TSSatisfiesExpression, AST_NODE_TYPES.TSTypeAssertion,
]);

/** Whether `node` is evaluated, unconditionally, as part of evaluating `parent` (before a call `parent` makes). */
function evaluatedFirst(node: TSESTree.Node, parent: TSESTree.Node, handedOn: boolean): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      // `requireUser(ctx).id` read; a method of the result called only once the value was handed on.
      return parent.object === node && !parent.optional && (handedOn || !(parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent));
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      // Its callee (`db('t').where({ owner: requireUser(ctx).id }).update(…)`) and its arguments run before it.
      return !(parent.type === AST_NODE_TYPES.CallExpression && parent.optional) && ((handedOn && parent.callee === node) || parent.arguments.includes(node as TSESTree.CallExpressionArgument));
    case AST_NODE_TYPES.ArrayExpression:
      return parent.elements.includes(node as TSESTree.Expression);
    case AST_NODE_TYPES.Property:
      return parent.value === node && parent.kind === 'init' && !parent.method && parent.parent.type === AST_NODE_TYPES.ObjectExpression;
    default:
      return false;
  }
}

/**
 * The outermost expression whose evaluation `call`'s value takes part in, before anything can
 * choose not to evaluate it (see `takesEffect`). Each node's end is kept for both states of
 * `handedOn`, so the calls of a deep nesting (`a(b(c(…)))`) climb the chain once between them,
 * not once each.
 */
const valueEnds = new WeakMap<TSESTree.Node, [TSESTree.Node | undefined, TSESTree.Node | undefined]>();

function valueEnd(call: TSESTree.CallExpression): TSESTree.Node {
  const climbed: Array<[TSESTree.Node, boolean]> = [];
  let node: TSESTree.Node = call;
  let handedOn = false;
  let end: TSESTree.Node | undefined;
  for (;;) {
    end = valueEnds.get(node)?.[handedOn ? 1 : 0];
    if (end) break;
    climbed.push([node, handedOn]);
    if (!(node.parent && (VALUE_KEEPING.has(node.parent.type) || evaluatedFirst(node, node.parent, handedOn)))) {
      end = node;
      break;
    }
    const parent: TSESTree.Node = node.parent;
    if (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.ArrayExpression || ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== node)) handedOn = true;
    node = parent.type === AST_NODE_TYPES.Property ? parent.parent : parent;
  }
  for (const [step, state] of climbed) {
    const ends = valueEnds.get(step) ?? [undefined, undefined];
    ends[state ? 1 : 0] = end;
    valueEnds.set(step, ends);
  }
  return end;
}

function takesEffect(call: TSESTree.CallExpression, catchRejects: (branch: TSESTree.Node) => boolean = rejects): boolean {
  // `loansFor(requireUser(ctx).id)`, `where({ owner: requireUser(ctx).id })`: a call whose value is
  // read, put in an object or array literal, or handed to a call runs before that call does, on
  // every path that reaches it.
  // A method called on the guard's own result (`admin.auth().deleteUser(uid)`) is not the guard's
  // answer being used: only once it was handed on does the call it feeds count, whatever is chained after.
  const node = valueEnd(call);
  const parent = node.parent;
  const statementLevel =
    parent?.type === AST_NODE_TYPES.ExpressionStatement ||
    parent?.type === AST_NODE_TYPES.VariableDeclarator ||
    parent?.type === AST_NODE_TYPES.ReturnStatement ||
    (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) ||
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.type === AST_NODE_TYPES.ExpressionStatement);
  if (!statementLevel) return false;
  let current: TSESTree.Node | undefined = node.parent;
  let child: TSESTree.Node = node;
  while (current && !isFunction(current)) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler && !catchRejects(current.handler.body)) {
      return false;
    }
    child = current;
    current = current.parent;
  }
  return true;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * `sent !== expected` (or `===`, either side; within `||`/`&&`): one side reads a credential the
 * request sent, the other reads nothing of the request and is no literal or empty value (a secret
 * of the configuration or the environment, a stored value).
 */
function comparesSentCredential(
  test: TSESTree.Node,
  requestNames: ReadonlySet<string>,
  credentials: ReadonlySet<string>,
  fromRequest: ReadonlySet<string>,
  derived: ReadonlySet<string> = NO_NAMES,
): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression) return comparesSentCredential(node.left, requestNames, credentials, fromRequest, derived) || comparesSentCredential(node.right, requestNames, credentials, fromRequest, derived);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || !['==', '===', '!=', '!=='].includes(node.operator) || node.left.type === AST_NODE_TYPES.PrivateIdentifier) return false;
  // `hashed !== project.keyHash` with `const hashed = hash(req.get('x-key'))`: the credential as a
  // call made it (hashed, HMACed) is still the credential; only the variable itself counts, not a
  // member of what a call found with it (`user.orgId`).
  const sent = (side: TSESTree.Node): boolean => {
    const target = unwrap(side);
    return readsCredentialInput(side, requestNames, credentials) || (target.type === AST_NODE_TYPES.Identifier && derived.has(target.name));
  };
  const held = (side: TSESTree.Node): boolean => serverValue(side, requestNames, credentials, fromRequest) && !mentionsAny(side, NO_NAMES, derived);
  return (sent(node.left) && held(node.right)) || (sent(node.right) && held(node.left));
}


/**
 * Whether a value is true only when a credential the request sent equals a value of the server:
 * such a comparison (`===`) alone, or as one operand of `&&` (`!!process.env.KEY && sent ===
 * process.env.KEY`). An `||` (another way through), or an inequality, does not require it.
 */
function requiresSentCredential(value: TSESTree.Node, requestNames: ReadonlySet<string>, credentials: ReadonlySet<string>, fromRequest: ReadonlySet<string>): boolean {
  const node = unwrap(value);
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    return node.operator === '&&' && (requiresSentCredential(node.left, requestNames, credentials, fromRequest) || requiresSentCredential(node.right, requestNames, credentials, fromRequest));
  }
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    const inner = unwrap(node.argument);
    return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!' && requiresSentCredential(inner.argument, requestNames, credentials, fromRequest);
  }
  return node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '===' || node.operator === '==') && comparesSentCredential(node, requestNames, credentials, fromRequest);
}

/**
 * `req.get('x-partner-key') ?? process.env.PARTNER_KEY`: a credential the request may leave out,
 * with a value of the server standing in for it. A request without one compares the server's
 * secret with itself, so what is held is no credential the caller proved.
 */
function fallsBackToServerValue(init: TSESTree.Node, requestNames: ReadonlySet<string>, credentials: ReadonlySet<string>, fromRequest: ReadonlySet<string>): boolean {
  const node = unwrap(init);
  return node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&' && (serverValue(node.right, requestNames, credentials, fromRequest) || fallsBackToServerValue(node.left, requestNames, credentials, fromRequest));
}

/**
 * What a sent credential may be checked against: a value of the server (a stored hash, the
 * looked-up record, a secret of the configuration or the environment), not another request value
 * (`password !== confirmation`), a literal, an empty or nullish value, nor a constant option
 * (`isLength(password, { min: 8 })`).
 */
function serverValue(side: TSESTree.Node, requestNames: ReadonlySet<string>, credentials: ReadonlySet<string>, fromRequest: ReadonlySet<string>): boolean {
  const target = unwrap(side);
  if (
    target.type === AST_NODE_TYPES.Literal ||
    target.type === AST_NODE_TYPES.TemplateLiteral ||
    target.type === AST_NODE_TYPES.ObjectExpression ||
    target.type === AST_NODE_TYPES.ArrayExpression ||
    isFunction(target) ||
    isNullish(target) ||
    isEmptyOrTypeName(target) ||
    isPublicEnvironmentValue(target)
  ) {
    return false;
  }
  return !mentionsAny(target, requestNames, fromRequest) && !readsCredentialInput(target, requestNames, credentials);
}

/** `process.env.NEXT_PUBLIC_WIDGET_KEY`: a variable the framework builds into the browser's code (see `publicEnvironmentPrefixes`). */
function isPublicEnvironmentValue(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || dottedName(node.object) !== 'process.env') return false;
  const name = node.computed ? (node.property.type === AST_NODE_TYPES.Literal ? String(node.property.value) : null) : propertyName(node.property);
  return name !== null && publicEnvironmentPrefixes.some((prefix) => name.startsWith(prefix));
}

/** Whether a name says its value is a credential (see `credentialNamePatterns`). */
function isCredentialNameOf(name: string): boolean {
  return credentialNamePatterns.some((pattern) => pattern.test(name));
}

/**
 * Whether a call is given a credential the request sent: its name says it checks one
 * (`verifyToken(…)`, `findByApiKey(…)`), or an argument reads one (see `readsCredentialInput`).
 */
function givenCredential(call: TSESTree.CallExpression, requestNames: ReadonlySet<string>, credentials: ReadonlySet<string>): boolean {
  const callee = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.property : call.callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  return (name !== null && isCredentialNameOf(name)) || call.arguments.some((argument) => readsCredentialInput(argument, requestNames, credentials));
}

/**
 * Whether an expression reads a credential from the request: a variable holding one, a read whose
 * path names one (`req.headers.authorization`, `req.get('x-api-key')`, `req.body.token`,
 * `req.session.userId`) or that takes a container whole (`req.headers`), or a read placed under a
 * key that names one (`{ where: { key: req.query.k } }`).
 */
function readsCredentialInput(node: TSESTree.Node, requestNames: ReadonlySet<string>, credentials: ReadonlySet<string>, wholeContainers = true): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found || isFunction(inner)) return 'skip';
    if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (credentials.has(inner.name) && !(inner.parent?.type === AST_NODE_TYPES.MemberExpression && inner.parent.property === inner && !inner.parent.computed)) {
      found = true;
      return undefined;
    }
    if (!requestNames.has(inner.name) || inner.parent?.type !== AST_NODE_TYPES.MemberExpression || inner.parent.object !== inner) return undefined;
    const words: string[] = [];
    let top: TSESTree.Node = inner;
    while (top.parent?.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) {
      const property = top.parent.property;
      const word = property.type === AST_NODE_TYPES.Literal ? (typeof property.value === 'string' ? property.value : null) : top.parent.computed ? null : propertyName(property);
      if (word !== null) words.push(word);
      top = top.parent;
    }
    // `req.get('x-api-key')`, `req.header('Authorization')`: the header named.
    if (top.parent?.type === AST_NODE_TYPES.CallExpression && top.parent.callee === top) {
      const [first] = top.parent.arguments;
      if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') words.push(first.value);
      top = top.parent;
    }
    const last = words[words.length - 1];
    if (words.some(isCredentialNameOf) || (wholeContainers && words.length === 1 && last !== undefined && wholeRequestContainers.includes(last))) found = true;
    for (let at: TSESTree.Node | undefined = top.parent; !found && at && at !== node.parent; at = at.parent) {
      if (at.type === AST_NODE_TYPES.Property && !at.computed && isCredentialNameOf(propertyName(at.key) ?? '')) found = true;
    }
    return undefined;
  });
  return found;
}

function declaredNames(pattern: TSESTree.Node): string[] {
  const names: string[] = [];
  walk(pattern, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && node.parent?.type !== AST_NODE_TYPES.MemberExpression) names.push(node.name);
  });
  return names;
}
/**
 * Whether an expression reads the principal, a credential, or the result of an auth call. Given the
 * judge's `state`, a call of a function of the project is read by its body, never by its name (see
 * `helperAnswer`): `isAuthenticated(req)` whose body returns `true` reads nobody, `tally(req)` whose
 * body compares the session cookie with the server's secret reads the caller. Without `state` (and
 * for calls out of view), the names of known auth libraries' calls are data.
 */
function mentionsPrincipal(
  expression: TSESTree.Node,
  requestNames: ReadonlySet<string>,
  principals: ReadonlySet<string>,
  vocabulary: AuthVocabulary,
  state?: JudgeState,
): boolean {
  let hit = false;
  walk(expression, (node) => {
    // A nested function is judged on its own; walking into it here would make nesting quadratic.
    if (hit || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.Identifier && principals.has(node.name)) hit = true;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee);
      // `isAuthCall` (`getServerSession()`, `jwt.verify`), `req.isAuthenticated()` of passport.
      const named = name !== null && (vocabulary.isAuthCall(name) || /(?:^|\.)isAuthenticated$/u.test(name));
      if (state === undefined || (named && vocabulary.isConfiguredAuthCall?.(name ?? '') === true)) {
        if (named) hit = true;
      } else if (named || givenRequest(node, requestNames)) {
        const answer = helperAnswer(node, state);
        if (answer === 'verifies' || (named && answer === 'not-a-helper')) hit = true;
      }
      // req.get('authorization'), headers.get('x-api-key'), c.get('jwtPayload'), req.isAuthenticated()
      const argument = node.arguments[0];
      const callee = unwrap(node.callee);
      const carrier = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
      if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' && isCredential(argument.value, carrier)) hit = true;
    }
    if (readsPlatformPrincipal(node)) hit = true;
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

/**
 * The call of a project function out of view that a test asks (see `helperAnswer`), given the
 * request itself or a credential it sent, or a variable holding such a call's answer (`answers`),
 * as an unknown verdict naming it; null when there is none.
 */
function outOfViewHelper(
  test: TSESTree.Node,
  requestNames: ReadonlySet<string>,
  state: JudgeState,
  answers: ReadonlyMap<string, Extract<GuardJudgement, { verdict: 'unknown' }>>,
): Extract<GuardJudgement, { verdict: 'unknown' }> | null {
  let found: Extract<GuardJudgement, { verdict: 'unknown' }> | null = null;
  walk(test, (node) => {
    if (found !== null || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.Identifier) found = answers.get(node.name) ?? null;
    // Handed the request itself or a credential it sent: a record looked up by a path parameter
    // (`service.readOne(req.params.id)`) is no check of the caller.
    const asksAboutCaller = node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((argument) => {
      const value = unwrap(argument);
      return (value.type === AST_NODE_TYPES.Identifier && requestNames.has(value.name)) || readsCredentialInput(value, requestNames, new Set(), false);
    });
    if (node.type !== AST_NODE_TYPES.CallExpression || !asksAboutCaller || helperAnswer(node, state) !== 'out-of-view') return undefined;
    const target = resolveTarget(node.callee, state.scopeOf, state.depth + 1);
    const name = dottedName(node.callee) ?? 'helper';
    found = { verdict: 'unknown', name, source: target.type === 'module' ? `\`${target.module}\`` : 'too many steps to follow' };
    return undefined;
  });
  return found;
}

/**
 * What a call asks about the caller, by what it runs:
 * - `verifies`: a function of the project (this file or another, through the project model) whose
 *   result comes from checking the caller (see `helperVerifies`);
 * - `proves-nothing`: a function of the project whose result does not (a constant, a value that
 *   ignores the request, a credential only tested for presence), whatever its name;
 * - `out-of-view`: a function of a module of the project whose definition cannot be read (nor
 *   too many steps away): what it answers cannot be judged, whatever its name;
 * - `not-a-helper`: a package's export, a global, a method of a parameter (`req.isAuthenticated()`):
 *   the names of known auth libraries' calls are data (`authCallNames`).
 */
type HelperAnswer = 'verifies' | 'proves-nothing' | 'out-of-view' | 'not-a-helper';

const helperAnswers = new WeakMap<AuthVocabulary, WeakMap<TSESTree.CallExpression, HelperAnswer>>();

function helperAnswer(call: TSESTree.CallExpression, state: JudgeState): HelperAnswer {
  let cache = helperAnswers.get(state.vocabulary);
  if (!cache) {
    cache = new WeakMap();
    helperAnswers.set(state.vocabulary, cache);
  }
  const cached = cache.get(call);
  if (cached !== undefined) return cached;
  // A call met again while its own answer is being worked out (a recursive helper) proves nothing.
  cache.set(call, 'proves-nothing');
  const answer = answerHelper(call, state);
  cache.set(call, answer);
  return answer;
}

function answerHelper(call: TSESTree.CallExpression, state: JudgeState): HelperAnswer {
  if (state.depth >= MAX_DEPTH) return 'out-of-view';
  const own = helperDefinition(call, state);
  if (own !== null) return helperVerifies(own.fn, { ...state, scopeOf: own.scopeOf, depth: state.depth + 1 }) ? 'verifies' : 'proves-nothing';
  const target = resolveTarget(call.callee, state.scopeOf, state.depth + 1);
  // Recursion is no evidence of itself.
  if (target.type === 'function') return 'proves-nothing';
  if (target.type === 'module' && isProjectModule(target) && libraryKind(target.module, target.path) === null && forwardedLibrary(target, state.depth) === null) return 'out-of-view';
  return 'not-a-helper';
}

/**
 * The function of the project a call runs (see `projectFunction`), also when compiled CommonJS calls
 * its own export (`(0, exports.authenticated)(req)` of `exports.authenticated = authenticated`).
 */
function helperDefinition(call: TSESTree.CallExpression, state: JudgeState): { fn: FunctionNode; scopeOf: ScopeOf } | null {
  const target = resolveTarget(call.callee, state.scopeOf, state.depth + 1);
  const own = projectFunction(call, target, state);
  if (own !== null) return own;
  const callee = unwrap(call.callee);
  const name = dottedName(callee);
  const exported = name === null ? null : /^(?:module\.)?exports\.([\w$]+)$/u.exec(name)?.[1];
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? rootIdentifier(callee) : null;
  if (exported === undefined || exported === null || root === null || findVariable(state.scopeOf(callee), root)?.defs.length) return null;
  const file = fileOfNode(call);
  const definition = file === undefined ? null : exportedDefinition(file, exported);
  if (!definition) return null;
  const resolved = resolveTarget(definition.node, definition.scopeOf, state.depth + 1);
  return resolved.type === 'function' && !(resolved.fn.range[0] <= call.range[0] && call.range[1] <= resolved.fn.range[1] && definition.file === file) ? { fn: resolved.fn, scopeOf: definition.scopeOf } : null;
}

/** Whether a call is handed the request itself or a part of it (`isSignedIn(req)`, `check(req.headers)`). */
function givenRequest(call: TSESTree.CallExpression, requestNames: ReadonlySet<string>): boolean {
  return call.arguments.some((argument) => {
    const root = rootIdentifier(unwrap(argument));
    return root !== null && requestNames.has(root);
  });
}

const verifyingHelpers = new WeakMap<AuthVocabulary, WeakMap<FunctionNode, boolean>>();

/**
 * Whether what a function returns comes from checking the caller, so that a gate on its result
 * authenticates as the same check written inline would: a principal of the request it reads
 * (`req.session.userId`, `req.user`), a credential the request sent compared with a value of the
 * server (`req.cookies.sid === process.env.TOKEN`) or handed to a check (`jwt.verify(token, key)`,
 * a lookup of the session it names), a function of the project that verifies in turn, or a
 * constant answered only once such a check passed (`if (hash === stored) return true`). A result
 * that is constant, ignores the request, or tests a credential only for presence proves nothing;
 * a constant `true` answered on something else the client sends (`if (req.query.debug) return
 * true`) lets anybody in, so the function proves nothing. The body of compiled `async` code
 * (`__awaiter(this, …, function* () { … })`) is its generator. Judged once per function.
 */
function helperVerifies(fn: FunctionNode, state: JudgeState): boolean {
  let cache = verifyingHelpers.get(state.vocabulary);
  if (!cache) {
    cache = new WeakMap();
    verifyingHelpers.set(state.vocabulary, cache);
  }
  const known = cache.get(fn);
  if (known !== undefined) return known;
  cache.set(fn, false);
  const result = judgeHelperResults(fn, state);
  cache.set(fn, result);
  return result;
}

function judgeHelperResults(fn: FunctionNode, state: JudgeState): boolean {
  const bodies = asyncBodies(fn);
  const requestNames = new Set(bodies.flatMap((body) => body.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : []))));
  // Parameters that carry the credential by their name (`keyMatches(token, keys)`).
  const credentialParams = new Set([...requestNames].filter((name) => CREDENTIAL_NAMES.test(name)));
  const evidence = new Set<string>();
  const credentials = new Set<string>();
  const fromRequest = new Set<string>();
  const verifies = (expression: TSESTree.Node): boolean => {
    const value = awaited(expression);
    if (isConstantValue(value)) return false;
    if (value.type === AST_NODE_TYPES.Identifier) return evidence.has(value.name);
    if (comparesSentCredential(value, requestNames, credentials, fromRequest)) return true;
    if (readsCallerValue(value, requestNames, evidence, state)) return true;
    // A check handed the credential the request sent: a lookup of the session or key it names.
    const call = value.type === AST_NODE_TYPES.CallExpression ? value : null;
    // `keys.some((key) => safeEqual(token, key))`: the sent credential looked for among the server's.
    if (call !== null && call.callee.type === AST_NODE_TYPES.MemberExpression && SEARCHES.has(propertyName(call.callee.property) ?? '')) {
      const callback = call.arguments[0];
      const sent = new Set([...credentials, ...credentialParams]);
      if (callback && isFunction(callback) && (readsCredentialInput(callback.body, requestNames, credentials) || mentionsAny(callback.body, new Set(), sent)) &&
        !readsCredentialInput(call.callee.object, requestNames, credentials) && !mentionsAny(call.callee.object, new Set(), sent)) return true;
    }
    if (call !== null && call.arguments.some((argument) => readsCredentialInput(argument, requestNames, credentials))) {
      const name = dottedName(call.callee) ?? '';
      const answer = helperAnswer(call, state);
      return answer !== 'proves-nothing' && !UNCHECKING_CALLS.test(name) && !unverifiedDecodes.test(name) && !VALUE_TRANSFORMS.test(name);
    }
    return false;
  };
  for (const body of bodies) {
    walk(body, (node) => {
      if (isFunction(node) && !bodies.includes(node)) return 'skip';
      if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init) return undefined;
      const names = declaredNames(node.id);
      if (node.id.type === AST_NODE_TYPES.Identifier && verifies(node.init)) for (const name of names) evidence.add(name);
      else if (mentionsAny(node.init, requestNames, fromRequest)) {
        const whole = node.id.type === AST_NODE_TYPES.Identifier && readsCredentialInput(node.init, requestNames, credentials);
        const standsIn = fallsBackToServerValue(node.init, requestNames, credentials, fromRequest);
        // Claims decoded without their signature (`jwt.decode(token)`) are what the client wrote: a
        // user looked up by their `sub` is anybody's choice, not a credential checked.
        const claims = decodesAnyToken(node.init, state);
        for (const name of names) {
          fromRequest.add(name);
          if ((whole || isCredentialNameOf(name)) && !standsIn && !claims) credentials.add(name);
        }
      }
      return undefined;
    });
  }
  const results = bodies.flatMap((body) => resultsOf(body, bodies));
  let verified = false;
  for (const result of results) {
    const value = awaited(result);
    if (!isConstantValue(value)) {
      // `sid === process.env.TOKEN || req.query.preview === '1'`: the second way in is the client's to take.
      if (admitsOnClientChoice(value, true, verifies, requestNames, fromRequest, fn)) return false;
      if (verifies(value)) verified = true;
      continue;
    }
    if (!alwaysTruthy(value)) continue;
    // A constant `true`: evidence when a check of the caller decides it, a way in for anybody when
    // something else the client sends does.
    const tests = decidingTests(result, fn);
    if (tests.some((test) => verifies(test))) verified = true;
    else if (tests.some((test) => readsRequestInput(test, fn) || readsRequestInput(test, bodies.at(-1) ?? fn) || readsSentHeader(test, requestNames))) return false;
  }
  return verified;
}

/** Array searches whose callback decides what is found (`keys.some((key) => key === token)`). */
const SEARCHES = new Set(['some', 'find', 'findIndex']);

/** Calls that reshape a value without checking it: a credential decoded or trimmed is still as sent. */
const VALUE_TRANSFORMS = /(?:^|\.)(?:decodeURIComponent|decodeURI|unescape|parseInt|parseFloat|JSON\.parse|trim|toLowerCase|toUpperCase|split|slice|substring|replace|toString|atob|btoa)$/u;

/** The function whose returns are `fn`'s results: itself, and the generator compiled `async` code hands to `__awaiter`. */
function asyncBodies(fn: FunctionNode): FunctionNode[] {
  const bodies: FunctionNode[] = [fn];
  for (let current: FunctionNode = fn, steps = 0; steps < 2; steps++) {
    const returned = resultsOf(current, [current]).map(awaited);
    const generator = returned.flatMap((value) =>
      value.type === AST_NODE_TYPES.CallExpression ? value.arguments.filter((argument): argument is TSESTree.FunctionExpression => argument.type === AST_NODE_TYPES.FunctionExpression && argument.generator) : [],
    )[0];
    if (generator === undefined) break;
    bodies.push(generator);
    current = generator;
  }
  return bodies;
}

/** The expressions a function returns (its arrow body, its `return`s), without those of nested functions other than `bodies`. */
function resultsOf(fn: FunctionNode, bodies: readonly FunctionNode[]): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const results: TSESTree.Node[] = [];
  walk(fn.body, (node) => {
    if (isFunction(node) && !bodies.includes(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) results.push(node.argument);
    return undefined;
  });
  // The compiled `async` wrapper's own return is the generator's results, not a result itself.
  return results.filter((result) => {
    const value = awaited(result);
    return !(value.type === AST_NODE_TYPES.CallExpression && value.arguments.some((argument) => isFunction(argument) && argument.generator && bodies.includes(argument)));
  });
}

/** The value an `await` or a compiled `yield` waits for, unwrapped. */
function awaited(node: TSESTree.Node): TSESTree.Node {
  let value = unwrap(node);
  while ((value.type === AST_NODE_TYPES.AwaitExpression || value.type === AST_NODE_TYPES.YieldExpression) && value.argument) value = unwrap(value.argument);
  return value;
}

/** A value that is the same for every request: a literal, `void 0`, or one that `||`/`&&`/`!` make constant. */
function isConstantValue(node: TSESTree.Node): boolean {
  return alwaysTruthy(node) || alwaysFalsy(node);
}

function alwaysTruthy(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return Boolean(value.value) || value.value instanceof RegExp;
  if (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression || isFunction(value)) return true;
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') return alwaysFalsy(value.argument);
  if (value.type === AST_NODE_TYPES.LogicalExpression) {
    if (value.operator === '||') return alwaysTruthy(value.left) || alwaysTruthy(value.right);
    if (value.operator === '&&') return alwaysTruthy(value.left) && alwaysTruthy(value.right);
  }
  if (value.type === AST_NODE_TYPES.ConditionalExpression) return alwaysTruthy(value.consequent) && alwaysTruthy(value.alternate);
  return false;
}

function alwaysFalsy(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return !(value.value instanceof RegExp) && !value.value;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  if (value.type === AST_NODE_TYPES.UnaryExpression) return value.operator === 'void' || (value.operator === '!' && alwaysTruthy(value.argument));
  if (value.type === AST_NODE_TYPES.LogicalExpression) {
    if (value.operator === '&&') return alwaysFalsy(value.left) || alwaysFalsy(value.right);
    if (value.operator === '||' || value.operator === '??') return alwaysFalsy(value.left) && alwaysFalsy(value.right);
  }
  if (value.type === AST_NODE_TYPES.ConditionalExpression) return alwaysFalsy(value.consequent) && alwaysFalsy(value.alternate);
  return false;
}

/**
 * The tests that decide whether a `return` is reached: of the `if`s, `switch`es and conditionals
 * around it, and of the `if`s before it in its blocks that leave early (`if (!ok) return false;
 * return true;`). Bounded per block, as `followingStatements` is.
 */
function decidingTests(result: TSESTree.Node, fn: FunctionNode): TSESTree.Node[] {
  const tests: TSESTree.Node[] = [];
  let child: TSESTree.Node = result;
  for (let current = result.parent; current && current !== fn; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.test !== child) tests.push(current.test);
    if (current.type === AST_NODE_TYPES.ConditionalExpression && current.test !== child) tests.push(current.test);
    if (current.type === AST_NODE_TYPES.SwitchStatement && current.discriminant !== child) tests.push(current.discriminant);
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.right === child) tests.push(current.left);
    if (current.type === AST_NODE_TYPES.BlockStatement) {
      const index = current.body.indexOf(child as TSESTree.Statement);
      for (const before of current.body.slice(Math.max(0, index - 4), Math.max(0, index))) {
        if (before.type === AST_NODE_TYPES.IfStatement && exits(before.consequent)) tests.push(before.test);
      }
    }
  }
  return tests;
}

/**
 * The ways a condition is met `when` it is true (or false): its alternatives. `a || b` is met by `a`
 * or by `b`, `!(a && b)` by `!a` or by `!b`; `a && b` only by both (one alternative). Bounded by
 * the size of the condition.
 */
function alternativesOf(condition: TSESTree.Node, when: boolean, out: Alternative[] = []): Alternative[] {
  const node = unwrap(condition);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return alternativesOf(node.argument, !when, out);
  if (node.type === AST_NODE_TYPES.LogicalExpression && ((node.operator === '||' && when) || (node.operator === '&&' && !when))) {
    alternativesOf(node.left, when, out);
    return alternativesOf(node.right, when, out);
  }
  out.push({ node, when });
  return out;
}

/** One way a condition is met: `node` being `when` (true or false). */
interface Alternative {
  node: TSESTree.Node;
  when: boolean;
}

/**
 * The HTTP methods a check lets through unchecked (see `AuthenticatesJudgement.passes`): the
 * alternatives of its passing condition that test the request's method (`req.method !== 'GET'`
 * false, `req.method === 'GET'` true, `['GET', 'HEAD'].includes(req.method)` true). Null when no
 * alternative asks about the method.
 */
function methodsLetThrough(test: TSESTree.Node, when: boolean, requestNames: ReadonlySet<string>, state: JudgeState): MethodCondition[] | null {
  const found: MethodCondition[] = [];
  for (const alternative of alternativesOf(test, when)) {
    const condition = methodCondition(alternative, requestNames, state);
    if (condition !== null) found.push(condition);
  }
  return found.length > 0 ? found : null;
}

/** `methods` pass (or, `negated`, every method but those does). */
export interface MethodCondition {
  methods: readonly string[];
  negated: boolean;
}

function methodCondition(alternative: Alternative, requestNames: ReadonlySet<string>, state: JudgeState): MethodCondition | null {
  const node = alternative.node;
  const isMethod = (side: TSESTree.Node): boolean => {
    const target = unwrap(side);
    if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || propertyName(target.property) !== 'method') return false;
    const root = rootIdentifier(target);
    return root !== null && (requestNames.has(root) || /^(?:req|request|ctx|context|c|event)$/u.test(root));
  };
  if (node.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(node.operator) && node.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
    const other = isMethod(node.left) ? unwrap(node.right) : isMethod(node.right) ? unwrap(node.left) : null;
    if (other?.type !== AST_NODE_TYPES.Literal || typeof other.value !== 'string') return null;
    return { methods: [other.value.toUpperCase()], negated: node.operator.startsWith('!') === alternative.when };
  }
  // `['GET', 'HEAD'].includes(req.method)`, `SAFE_METHODS.includes(req.method)` of a constant list.
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee.property) === 'includes' && node.arguments[0] && isMethod(node.arguments[0])) {
    let list = unwrap(node.callee.object);
    if (list.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(state.scopeOf(list), list.name);
      const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
      if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) list = unwrap(definition.node.init);
    }
    if (list.type !== AST_NODE_TYPES.ArrayExpression) return null;
    const methods = list.elements.flatMap((element) => (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value.toUpperCase()] : []));
    return methods.length === list.elements.length ? { methods, negated: !alternative.when } : null;
  }
  return null;
}

/** Whether some method of a route passes by one of `conditions` (a route of every method always has one that does). */
export function letsRouteThrough(conditions: readonly MethodCondition[] | undefined, route: Route): boolean {
  if (conditions === undefined) return false;
  if (route.methods.length === 0 || route.methods.includes('ALL')) return true;
  return conditions.some((condition) => route.methods.some((method) => condition.methods.includes(method) !== condition.negated));
}

/**
 * Whether a condition that lets a request through when it is `when` has an alternative that the
 * client satisfies at will: one that reads what the request sent (a query or body member, a header
 * or cookie, `c.req.query('preview')`) and checks no caller (`isCheck`). `cookie === SECRET ||
 * req.query.preview === '1'` is no check: any caller sends `?preview=1`. A second way in decided by
 * the server (`|| process.env.AUTH_DISABLED === '1'`) is the deployment's, and is left to it.
 */
function admitsOnClientChoice(
  condition: TSESTree.Node,
  when: boolean,
  isCheck: (alternative: TSESTree.Node) => boolean,
  requestNames: ReadonlySet<string>,
  fromRequest: ReadonlySet<string>,
  fn: FunctionNode,
): boolean {
  const alternatives = alternativesOf(condition, when).map((alternative) => alternative.node);
  return alternatives.length > 1 && alternatives.some((alternative) => clientChosen(alternative, requestNames, fromRequest, fn) && !isCheck(alternative));
}

/**
 * Request members and methods that hand over what the client sent (`req.query`, `c.req.header('x')`).
 * Not the path's parameters: `req.params.slug !== 'welcome'` opens one resource, the one it names,
 * not every route behind the check.
 */
const CLIENT_CHOSEN = new Set(['body', 'query', 'payload', 'headers', 'cookies', 'signedCookies', 'header', 'cookie', 'queries']);

/** Whether an expression reads what the request sent: a member or method of `CLIENT_CHOSEN` off a request, or a variable declared from one. */
function clientChosen(expression: TSESTree.Node, requestNames: ReadonlySet<string>, fromRequest: ReadonlySet<string>, fn: FunctionNode, headerGetters = false): boolean {
  let hit = false;
  walk(expression, (node) => {
    if (hit || (isFunction(node) && node !== fn)) return 'skip';
    // `req.get('x-internal-call')` of Express and Koa reads a header (with `headerGetters`: Hono's `c.get` reads the context).
    if (headerGetters && node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee.property) === 'get' &&
      node.callee.object.type === AST_NODE_TYPES.Identifier && requestNames.has(node.callee.object.name)) hit = true;
    if (node.type === AST_NODE_TYPES.Identifier && fromRequest.has(node.name) && !(node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node && !node.parent.computed)) hit = true;
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || !CLIENT_CHOSEN.has(propertyName(node.property) ?? '')) return undefined;
    const root = rootIdentifier(node);
    if (root !== null && (requestNames.has(root) || isParameterRooted(node.object, fn))) hit = true;
    return undefined;
  });
  return hit;
}

/** Whether a test reads a header or cookie the request sent (`req.headers['x-debug']`, `req.get('x-debug')`). */
function readsSentHeader(test: TSESTree.Node, requestNames: ReadonlySet<string>): boolean {
  let hit = false;
  walk(test, (node) => {
    if (hit || isFunction(node)) return 'skip';
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return undefined;
    const property = propertyName(node.property);
    const root = rootIdentifier(node);
    if (root !== null && requestNames.has(root) && property !== null && CREDENTIAL_CARRIERS.test(property)) hit = true;
    return undefined;
  });
  return hit;
}

/**
 * Whether an expression reads who the caller is: a principal of the request that an earlier
 * middleware set (`req.user`, `req.session.userId`; not one the client sends, `req.cookies.session`,
 * `req.query.user`), a variable holding a verified value (`evidence`), a function of the project
 * that verifies, or a known auth library's call (see `helperAnswer`). A credential read as sent is
 * not: only a comparison with a server value or a check given it proves something.
 */
function readsCallerValue(expression: TSESTree.Node, requestNames: ReadonlySet<string>, evidence: ReadonlySet<string>, state: JudgeState): boolean {
  let hit = false;
  walk(expression, (node) => {
    if (hit || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.Identifier && evidence.has(node.name)) hit = true;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee);
      const named = name !== null && (state.vocabulary.isAuthCall(name) || /(?:^|\.)isAuthenticated$/u.test(name));
      if (named && state.vocabulary.isConfiguredAuthCall?.(name ?? '') === true) hit = true;
      else if (named || givenRequest(node, requestNames)) {
        const answer = helperAnswer(node, state);
        if (answer === 'verifies' || (named && answer === 'not-a-helper')) hit = true;
      }
    }
    if (readsPlatformPrincipal(node)) hit = true;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const property = node.computed ? null : propertyName(node.property);
      if (property === null || !principalSet.has(camelCase(property))) return undefined;
      const path = (dottedName(node) ?? '').split('.');
      const [root = ''] = path;
      if ((requestNames.has(root) || /^(?:req|request|ctx|context|c|event)$/u.test(root)) && !path.slice(1, -1).some((member) => NOT_CALLER_MEMBERS.has(member))) hit = true;
    }
    return undefined;
  });
  return hit;
}

/**
 * A read of a header only the hosting platform's authentication sets (`platformPrincipalHeaders`):
 * `request.headers.get('x-ms-client-principal')`, `req.headers['x-ms-client-principal']`.
 */
function readsPlatformPrincipal(node: TSESTree.Node): boolean {
  let name: string | null = null;
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments[0]?.type === AST_NODE_TYPES.Literal) {
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && ['get', 'header'].includes(propertyName(callee.property) ?? '')) name = String(node.arguments[0].value);
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && node.property.type === AST_NODE_TYPES.Literal) {
    const object = unwrap(node.object);
    if (object.type === AST_NODE_TYPES.MemberExpression && propertyName(object.property) === 'headers') name = String(node.property.value);
  }
  return name !== null && PLATFORM_PRINCIPAL_HEADERS.has(name.toLowerCase());
}

const PLATFORM_PRINCIPAL_HEADERS = new Set(platformPrincipalHeaders);

/** The credentials a function reads from the request as sent, and whether it ever checks their value. */
interface SentCredentials {
  /**
   * When `test` only asks whether a credential was sent (`!req.headers.authorization`,
   * `token == null`) in a function that never checks its value, the credential as written: that
   * is not authentication, any value passes. Null otherwise.
   */
  onlyPresence(test: TSESTree.Node): string | null;
}

/** Calls that handle a value without checking it: logging and conversions. */
const UNCHECKING_CALLS = /^(?:console|logger|log|debug|String|Number|Boolean|Buffer\.from|JSON\.stringify)(?:\.|$)/u;

function sentCredentials(fn: FunctionNode, state: JudgeState): SentCredentials {
  // `const token = req.headers.authorization?.split(' ')[1]`: a variable holding a credential as sent.
  const variables = new Set<string>();
  // Of those, the claims of a token decoded without its signature (`const claims = jwt.decode(token)`).
  const claims = new Set<string>();
  walk(fn, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && readsCredential(node.init, variables)) {
      const decoded = decodesToken(node.init, variables, state) || mentionsAny(node.init, new Set(), claims);
      for (const name of declaredNames(node.id)) {
        variables.add(name);
        if (decoded) claims.add(name);
      }
    }
  });
  let checked: boolean | undefined;
  const valueChecked = (): boolean => {
    checked ??= checksCredentialValue(fn, variables, claims, state);
    return checked;
  };
  return {
    onlyPresence(test) {
      const leaves = presenceLeaves(test);
      if (!leaves.every((leaf) => isCredentialLeaf(leaf, variables)) || valueChecked()) return null;
      return credentialText(leaves[0]!);
    },
  };
}

/** `req.headers.authorization`, `req.cookies.token`, `req.get('x-api-key')`, or a variable holding one, anywhere in `node`. */
function readsCredential(node: TSESTree.Node, variables: ReadonlySet<string>): boolean {
  let hit = false;
  walk(node, (inner) => {
    if (hit || isFunction(inner)) return 'skip';
    if (isCredentialLeaf(inner, variables)) hit = true;
    return undefined;
  });
  return hit;
}

function isCredentialLeaf(node: TSESTree.Node, variables: ReadonlySet<string>): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) return variables.has(target.name);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const property = target.computed ? (target.property.type === AST_NODE_TYPES.Literal ? String(target.property.value) : null) : propertyName(target.property);
    return property !== null && isCredential(property, target.object);
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    const argument = target.arguments[0];
    return callee.type === AST_NODE_TYPES.MemberExpression && argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' && isCredential(argument.value, callee.object);
  }
  return false;
}

/** `token`, `req.headers.authorization`, `req.headers['x-api-key']`, `ctx.get('authorization')`. */
function credentialText(node: TSESTree.Node): string {
  const target = unwrap(node);
  const name = dottedName(target);
  if (name !== null) return name;
  if (target.type === AST_NODE_TYPES.MemberExpression && target.property.type === AST_NODE_TYPES.Literal) {
    return `${dottedName(target.object) ?? '…'}['${String(target.property.value)}']`;
  }
  if (target.type === AST_NODE_TYPES.CallExpression && target.arguments[0]?.type === AST_NODE_TYPES.Literal) {
    return `${dottedName(target.callee) ?? '…'}('${String(target.arguments[0].value)}')`;
  }
  return 'a credential';
}

/** The operands a truthiness test asks about: `!a || b == null` → `a`, `b`; anything else is itself. */
function presenceLeaves(test: TSESTree.Node): TSESTree.Node[] {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return presenceLeaves(node.argument);
  if (node.type === AST_NODE_TYPES.LogicalExpression) return [...presenceLeaves(node.left), ...presenceLeaves(node.right)];
  if (node.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(node.operator) && node.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
    if (isNullish(node.right) || isEmptyText(node.right)) return presenceLeaves(node.left);
    if (isNullish(node.left) || isEmptyText(node.left)) return presenceLeaves(node.right);
  }
  return [node];
}

/**
 * Whether the function checks a credential's value anywhere: passes it to a call that is not a
 * log, a conversion or a decoding (a verifier, a lookup, a helper of another file), or compares it
 * with something other than null (`key !== process.env.API_KEY`). A token decoded without its
 * signature (`jwt.decode(token)`, `decode(token)` of hono/jwt) is still what the client wrote: the
 * claims read from it, and whatever is done with them, prove nothing (see `isUnverifiedDecode`).
 */
function checksCredentialValue(fn: FunctionNode, variables: ReadonlySet<string>, claims: ReadonlySet<string>, state: JudgeState): boolean {
  let checked = false;
  // From each read of a credential up to the function: linear, however deeply calls nest.
  walk(fn, (node) => {
    if (checked) return 'skip';
    if (!isCredentialLeaf(node, variables)) return undefined;
    // Claims the client wrote: a user looked up by their `sub`, a `role` compared, check nothing.
    if (node.type === AST_NODE_TYPES.Identifier && claims.has(node.name)) return 'skip';
    let child: TSESTree.Node = node;
    for (let current = node.parent; current && current !== fn && !checked; child = current, current = current.parent) {
      if (current.type === AST_NODE_TYPES.CallExpression && current.callee !== child) {
        // Decoded without its signature, the token is checked no more than before, nor after.
        if (tokenDecode(current, state)) break;
        checked = !UNCHECKING_CALLS.test(dottedName(current.callee) ?? '') && !VALUE_TRANSFORMS.test(dottedName(current.callee) ?? '');
      } else if (current.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(current.operator)) {
        const other = current.left === child ? current.right : current.left;
        checked = !isNullish(other) && !isEmptyOrTypeName(other) && !isEmptyOrTypeName(child);
      }
    }
    return 'skip';
  });
  return checked;
}

/**
 * A call that reads a token's claims without checking its signature (`jwt.decode(token)`,
 * `decodeJwt(token)` of jose, `decode(token)` of hono/jwt; see `unverifiedDecodes`): a package's
 * export or a global. A function of the project of such a name is judged by its body (it may
 * verify), and one out of view is not taken for a decode. An encoding undone (`atob`,
 * `Buffer.from(…, 'base64')`, `JSON.parse`) is no token decode: Basic credentials are compared after it.
 */
function tokenDecode(call: TSESTree.CallExpression, state: JudgeState): boolean {
  const name = dottedName(call.callee) ?? '';
  if (!unverifiedDecodes.test(name) || !/decode/iu.test(name)) return false;
  const target = resolveTarget(call.callee, state.scopeOf, state.depth + 1);
  return target.type !== 'function' && !(target.type === 'module' && isProjectModule(target));
}

/** Whether an initializer holds the claims of a sent token decoded without its signature (see `tokenDecode`). */
function decodesToken(init: TSESTree.Node, variables: ReadonlySet<string>, state: JudgeState): boolean {
  return decodesAnyToken(init, state, (call) => call.arguments.some((argument) => readsCredential(argument, variables)));
}

/** Whether an expression decodes a token without its signature (see `tokenDecode`), given what `given` accepts. */
function decodesAnyToken(init: TSESTree.Node, state: JudgeState, given: (call: TSESTree.CallExpression) => boolean = () => true): boolean {
  let hit = false;
  walk(init, (node) => {
    if (hit || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && tokenDecode(node, state) && given(node)) hit = true;
    return undefined;
  });
  return hit;
}

function isEmptyText(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal && target.value === '';
}

/** `''` or a `typeof` answer: comparing with these checks the shape, not the value. */
function isEmptyOrTypeName(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'typeof') return true;
  return target.type === AST_NODE_TYPES.Literal && (target.value === '' || ['string', 'undefined', 'object'].includes(String(target.value)));
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
      if (['redirect', 'sendStatus', 'status', 'code', 'throw', 'unauthorized', 'forbidden', 'notFound'].includes(last) || isContinuation(last)) hit = true;
    }
  });
  return hit;
}

const RESPONDS = new Set(['redirect', 'sendStatus', 'status', 'code', 'throw', 'unauthorized', 'forbidden', 'send', 'json', 'end', 'writeHead']);
/** Status codes that turn a request away for want of credentials (or send it to sign in). */
const AUTH_STATUS = (code: number): boolean => code === 401 || code === 403 || code === 407 || (code >= 300 && code < 400);

/**
 * Whether a branch turns the request away: it throws, returns (other than `return next()`),
 * responds, redirects or calls `next(err)`, and does not let it through with a bare `next()`.
 * A branch that answers only with a status such as 400 or 404 is input handling, not
 * authentication.
 */
function rejects(...branch: TSESTree.Node[]): boolean {
  return turnsAway(branch, true);
}

/**
 * Whether statements turn the request away by themselves: they throw, respond, redirect or call
 * `next(err)`. A bare `return` is not counted: after a helper's `if (token) { … }`,
 * `return accountability` goes on with the request.
 */
function rejectsOutright(...branch: TSESTree.Node[]): boolean {
  return turnsAway(branch, false);
}

function turnsAway(branch: readonly TSESTree.Node[], returnLeaves: boolean): boolean {
  let exit = false;
  let passed = false;
  const codes: number[] = [];
  for (const root of branch) {
    walk(root, (node) => {
      if (isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ThrowStatement) exit = true;
      if (node.type === AST_NODE_TYPES.ReturnStatement && returnLeaves) exit = true;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const name = dottedName(node.callee) ?? '';
        const last = name.slice(name.lastIndexOf('.') + 1);
        if (isContinuation(last)) {
          if (node.arguments.length === 0) passed = true;
          else exit = true;
        }
        if (RESPONDS.has(last)) exit = true;
      }
      const code = statusCode(node);
      if (code !== null) codes.push(code);
      return undefined;
    });
  }
  if (passed) return false;
  if (codes.length > 0 && !codes.some(AUTH_STATUS)) return false;
  return exit;
}

/**
 * Whether a branch can turn the request away on some path: it throws, responds or calls
 * `next(err)` somewhere (`return required ? res.sendStatus(401) : next()` may, by its options).
 */
function mayTurnAway(branch: TSESTree.Node): boolean {
  let hit = false;
  walk(branch, (node) => {
    if (hit || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ThrowStatement) hit = true;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee) ?? '';
      const last = name.slice(name.lastIndexOf('.') + 1);
      if ((isContinuation(last) && node.arguments.length > 0) || RESPONDS.has(last)) hit = true;
    }
    return undefined;
  });
  return hit;
}

/** A branch that lets the request through: `return next()`, `next()`, `return true`. */
/**
 * The function a middleware calls to hand the request on: `next`, or a Sails policy's `proceed`
 * (see `parameterNames.next` of the handler signatures).
 */
function isContinuation(name: string): boolean {
  return signatureNames.next.test(name);
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function passes(branch: TSESTree.Node): boolean {
  let hit = false;
  walk(branch, (node) => {
    if (isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && isContinuation(lastSegment(dottedName(node.callee) ?? '')) && node.arguments.length === 0) hit = true;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && isLiteralTrue(node.argument)) hit = true;
    return undefined;
  });
  return hit;
}

/**
 * `return;` or `{ return; }`: a branch that does nothing but end the function. After a test of the
 * caller, followed by a refusal, it is the way a hook without `next` lets the request on.
 */
function onlyBareReturn(branch: TSESTree.Node): boolean {
  const statement = branch.type === AST_NODE_TYPES.BlockStatement && branch.body.length === 1 ? branch.body[0]! : branch;
  return statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument === null;
}

/** The statements after `statement` in its block: what runs when an `if` without `else` falls through. */
function followingStatements(statement: TSESTree.Node): TSESTree.Node[] {
  const parent = statement.parent;
  if (parent?.type !== AST_NODE_TYPES.BlockStatement) return [];
  const index = parent.body.indexOf(statement as TSESTree.Statement);
  // The rejection follows at once in practice; a bound keeps a run of such `if`s linear.
  return index === -1 ? [] : parent.body.slice(index + 1, index + 4);
}

function isLiteralTrue(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal && target.value === true;
}

/** Whether a function compares a role, permission or admin flag of the principal and rejects. */
export function checksRole(fn: FunctionNode, scopeOf: ScopeOf): boolean {
  return roleChecks(fn, scopeOf).length > 0;
}

type Check = TSESTree.IfStatement | TSESTree.ConditionalExpression;

/** The checks of a function (see `roleChecks` and `gateChecks`), with those whose role is still to be shown. */
interface FoundChecks {
  checks: readonly Check[];
  /** 403 answers whose test calls a function (or that stand in a `catch`): role checks only if it reads a role. */
  pending: ReadonlySet<Check>;
  /**
   * 401 answers whose test calls a function: role checks only if a function of the project it calls
   * is seen to decide by a role (`canViewUsers(req.auth)` returning `user.isAdmin`). Many apps answer
   * 401 for "not allowed" as well as for "not signed in": what the check reads decides, not the code.
   */
  unauthorized: ReadonlySet<Check>;
}

const roleCheckCache = new WeakMap<FunctionNode, FoundChecks>();
const gateCheckCache = new WeakMap<FunctionNode, FoundChecks>();

/**
 * The role checks of a function (see `checksRole`): each `if` or `? :` whose test reads a role,
 * permission or privilege of the caller (`req.user.role`, `isAdmin`, `permissions.includes(…)`, a
 * role helper, a function of the project whose body reads one) and rejects. A 403 answer alone is
 * no role check: `if (!order) return 403`, `if (readOnly) return 403` ask about something else.
 * Where they stand says which requests they apply to (a Next.js middleware checks the role under
 * `if (pathname.startsWith('/api/admin'))`).
 */
export function roleChecks(fn: FunctionNode, scopeOf: ScopeOf): readonly Check[] {
  return confirmed(cachedChecks(roleCheckCache, fn, 'role'), scopeOf);
}

/** The role checks of a function and the 403 answers that may be, each shown to read a role (see `standsAsRoleCheck`). */
function confirmed(found: FoundChecks, scopeOf: ScopeOf): readonly Check[] {
  return found.pending.size === 0 ? found.checks : found.checks.filter((check) => !found.pending.has(check) || standsAsRoleCheck(check, scopeOf, found.unauthorized.has(check)));
}

/**
 * The gates of a function that may turn a caller away (see `judgeBody`): each role check, and each
 * `if` that answers 403 whatever it tests. Whether a gate authenticates depends on its test.
 */
function gateChecks(fn: FunctionNode): readonly Check[] {
  return cachedChecks(gateCheckCache, fn, 'gate').checks;
}

function cachedChecks(cache: WeakMap<FunctionNode, FoundChecks>, fn: FunctionNode, mode: 'role' | 'gate'): FoundChecks {
  let known = cache.get(fn);
  if (!known) {
    known = roleChecksOf(fn, mode);
    cache.set(fn, known);
  }
  return known;
}

/** A default that is a role in itself: a non-empty string or a list holding one (`?? 'admin'`, `|| ['admin']`). */
function isGrantingDefault(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal) return typeof target.value === 'string' && target.value.trim() !== '';
  if (target.type === AST_NODE_TYPES.ArrayExpression) return target.elements.some((element) => element !== null && isGrantingDefault(element));
  return false;
}

const constantInitCache = new WeakMap<FunctionNode, ReadonlyMap<string, TSESTree.Expression>>();

/** The constants a function declares once (`const name = init`), by name: what a test that names them reads. */
function constantInits(fn: FunctionNode): ReadonlyMap<string, TSESTree.Expression> {
  let known = constantInitCache.get(fn);
  if (!known) {
    const inits = new Map<string, TSESTree.Expression>();
    const repeated = new Set<string>();
    walk(fn.body, (node) => {
      if (node !== fn.body && isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'const') {
        for (const declarator of node.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
          if (inits.has(declarator.id.name)) repeated.add(declarator.id.name);
          inits.set(declarator.id.name, declarator.init);
        }
      }
      return undefined;
    });
    for (const name of repeated) inits.delete(name);
    constantInitCache.set(fn, (known = inits));
  }
  return known;
}

function roleChecksOf(fn: FunctionNode, mode: 'role' | 'gate', isRole: (name: string | null) => boolean = isRoleProperty): FoundChecks {
  const found: Check[] = [];
  const pending = new Set<Check>();
  const unauthorized = new Set<Check>();
  const rolesOfConstants = new Map<string, boolean>();
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) {
      let mentions = false;
      let calls = false;
      walk(node.test, (inner) => {
        if (inner.type === AST_NODE_TYPES.MemberExpression) {
          const property = propertyName(inner.property);
          // `body.role !== 'admin'` asks what the client sent, not who the caller is.
          if (isRole(property) && !readsRequestInput(inner.object, fn)) mentions = true;
        }
        // `const scopes = String(req.auth?.scope ?? '').split(' '); if (!scopes.includes(scope))`: a
        // constant of the function computed from a role member of the caller is that role.
        if (inner.type === AST_NODE_TYPES.Identifier && !(inner.parent?.type === AST_NODE_TYPES.MemberExpression && inner.parent.property === inner && !inner.parent.computed)) {
          // Each constant's initializer is read once per function, however often the tests name it.
          let known = rolesOfConstants.get(inner.name);
          if (known === undefined) {
            known = false;
            const init = constantInits(fn).get(inner.name);
            if (init) {
              let grantsByDefault = false;
              walk(init, (part) => {
                if (part.type === AST_NODE_TYPES.MemberExpression && isRole(propertyName(part.property)) && !readsRequestInput(part.object, fn)) known = true;
                // `req.auth.scope ?? 'admin'`: a caller without the member is given a role by default.
                if (part.type === AST_NODE_TYPES.LogicalExpression && part.operator !== '&&' && isGrantingDefault(part.right)) grantsByDefault = true;
              });
              if (grantsByDefault) known = false;
            }
            rolesOfConstants.set(inner.name, known);
          }
          if (known) mentions = true;
        }
        if (inner.type === AST_NODE_TYPES.CallExpression) {
          calls = true;
          // Hono's `c.get('role')`: a variable of the context, set by the middleware that verified the
          // caller (unlike Express's `req.get` or Koa's `ctx.get`, which read a request header).
          const callee = unwrap(inner.callee);
          const [key] = inner.arguments;
          if (
            callee.type === AST_NODE_TYPES.MemberExpression &&
            propertyName(callee.property) === 'get' &&
            callee.object.type === AST_NODE_TYPES.Identifier &&
            signatureNames.honoContext.test(callee.object.name) &&
            key?.type === AST_NODE_TYPES.Literal &&
            typeof key.value === 'string' &&
            isRole(key.value) &&
            // Not a variable the app sets from what the client sends (`c.set('role', c.req.header('x-role'))`).
            !clientSetContextKeys(inner).has(key.value)
          ) {
            mentions = true;
          }
          // `!isAdmin(session.user_id)`, `!canEditFile(file, req.user.id)`: a role or permission helper
          // asked about the caller. Whatever status the failing branch answers, it is authorization.
          if (isRoleHelper(dottedName(inner.callee)) && inner.arguments.some((argument) => readsCaller(argument, fn))) mentions = true;
        }
      });
      const forbidden = node.type === AST_NODE_TYPES.IfStatement && (forbids(node.consequent) || (node.alternate != null && forbids(node.alternate)));
      if (mentions && (exits(node.consequent) || (node.alternate !== null && node.alternate !== undefined && exits(node.alternate)))) found.push(node);
      else if (forbidden && mode === 'gate') found.push(node);
      // `if (!isAdmin(id)) { res.status(403).send(...); return; }`: a 403 answer on a role helper, or
      // on a function whose definition may read a role (judged where its scope is known), or in a
      // `catch` after calls that may check one.
      else if (forbidden && (calls || inCatch(node, fn))) {
        found.push(node);
        pending.add(node);
      }
      // `if (!(await canViewUsers(req.auth))) return unauthorized(res)`: the same check answered
      // 401, a role check when the function it calls is seen to decide by a role.
      else if (mode === 'role' && calls && node.type === AST_NODE_TYPES.IfStatement && (answers401(node.consequent) || (node.alternate != null && answers401(node.alternate)))) {
        found.push(node);
        pending.add(node);
        unauthorized.add(node);
      }
    }
  });
  return { checks: found, pending, unauthorized };
}

const clientSetKeys = new WeakMap<TSESTree.Node, ReadonlySet<string>>();
/** Members of Hono's `c.req` that hand over what the client sent. */
const HONO_CLIENT_READS = new Set(['header', 'query', 'queries', 'param', 'json', 'parseBody', 'formData', 'text', 'raw']);

/**
 * The keys of Hono's context (`c.set(key, value)`) that a middleware of the file sets from what the
 * client sent (`c.set('role', c.req.header('x-role'))`, `c.req.query('as')`): a later `c.get(key)` reads
 * the client's word, not the verified caller's. Found once per file.
 */
function clientSetContextKeys(at: TSESTree.Node): ReadonlySet<string> {
  const program = programOf(at);
  let keys = clientSetKeys.get(program);
  if (keys) return keys;
  const found = new Set<string>();
  const clientConstants = new Map<FunctionNode, ReadonlySet<string>>();
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(node.callee.property) !== 'set') return undefined;
    const context = node.callee.object;
    const [key, value] = node.arguments;
    if (context.type !== AST_NODE_TYPES.Identifier || !signatureNames.honoContext.test(context.name) || key?.type !== AST_NODE_TYPES.Literal || typeof key.value !== 'string' || !value) return undefined;
    // `c.req.header('x-role')`, `c.req.query('as')`, `(await c.req.json()).role`
    const readsClient = (expression: TSESTree.Node): boolean => {
      let client = false;
      walk(expression, (inner) => {
        if (client || isFunction(inner)) return 'skip';
        if (inner.type === AST_NODE_TYPES.MemberExpression && HONO_CLIENT_READS.has(propertyName(inner.property) ?? '') && dottedName(inner.object) === `${context.name}.req`) client = true;
        // What a function is handed comes back as it makes it (`verify(token, key)` answers verified claims).
        if (inner.type === AST_NODE_TYPES.CallExpression) {
          walk(inner.callee, (part) => {
            if (part.type === AST_NODE_TYPES.MemberExpression && HONO_CLIENT_READS.has(propertyName(part.property) ?? '') && dottedName(part.object) === `${context.name}.req`) client = true;
          });
          return 'skip';
        }
        return undefined;
      });
      return client;
    };
    // Or a constant of the middleware made from one (`const body = await c.req.json(); c.set('role', body.role)`),
    // found once per middleware however many variables it sets.
    const fn = enclosingFunction(node);
    let fromClient = fn ? clientConstants.get(fn) : undefined;
    if (fn && !fromClient) {
      const names = new Set<string>();
      walk(fn.body, (inner) => {
        if (isFunction(inner)) return 'skip';
        if (inner.type === AST_NODE_TYPES.VariableDeclarator && inner.init && readsClient(inner.init)) for (const name of patternNames(inner.id)) names.add(name);
        return undefined;
      });
      clientConstants.set(fn, (fromClient = names));
    }
    if (readsClient(value) || (fromClient !== undefined && mentionsAny(value, new Set(), fromClient))) found.add(key.value);
    return undefined;
  });
  keys = found;
  clientSetKeys.set(program, keys);
  return keys;
}

/** Whether a check stands in a `catch` clause of the function (not of a function nested in it). */
function inCatch(check: TSESTree.Node, fn: FunctionNode): boolean {
  for (let node: TSESTree.Node | undefined = check.parent; node && node !== fn && !isFunction(node); node = node.parent) {
    if (node.type === AST_NODE_TYPES.CatchClause) return true;
  }
  return false;
}

const roleHelper = nameMatcher(roleCheckNames);

/** Members of a request that carry what the client sent. */
const REQUEST_INPUT = new Set(['body', 'query', 'params', 'payload']);
/** Calls on a request that return what the client sent (the Fetch API's `request.json()`). */
const REQUEST_READS = new Set(['json', 'formData', 'text']);

/**
 * Whether a value is what the client sent: a member of a parameter's `body`, `query` or `params`
 * (`req.body`, `ctx.request.body`), `await request.json()`, or a constant of the function made from
 * one (`const parsed = Schema.safeParse(await req.json())`, `const { role } = req.body`). A role
 * read off it is the role the client asks for, not the caller's.
 */
function readsRequestInput(node: TSESTree.Node, fn: FunctionNode, depth = 0): boolean {
  const target = unwrap(node);
  if (depth > 6) return false;
  if (target.type === AST_NODE_TYPES.AwaitExpression) return readsRequestInput(target.argument, fn, depth + 1);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && REQUEST_READS.has(propertyName(callee.property) ?? '') && isParameterRooted(callee.object, fn)) return true;
    // `Schema.parse(body)`, `validate(req.body)`: the checked input is still the client's.
    return target.arguments.some((argument) => readsRequestInput(argument, fn, depth + 1));
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    let object: TSESTree.Node = target;
    while (object.type === AST_NODE_TYPES.MemberExpression) {
      if (REQUEST_INPUT.has(propertyName(object.property) ?? '') && isParameterRooted(object.object, fn)) return true;
      object = unwrap(object.object);
    }
    return object.type === AST_NODE_TYPES.Identifier && readsRequestInput(object, fn, depth + 1);
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  // A constant of the function: what it was made from.
  let init: TSESTree.Node | null = null;
  let key: string | null = null;
  walk(fn.body, (inner) => {
    if (init !== null || (isFunction(inner) && inner !== fn)) return 'skip';
    if (inner.type !== AST_NODE_TYPES.VariableDeclarator || !inner.init) return undefined;
    if (inner.id.type === AST_NODE_TYPES.Identifier && inner.id.name === target.name) init = inner.init;
    else if (inner.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of inner.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === target.name) {
          init = inner.init;
          key = propertyName(property.key);
        }
      }
    }
    return undefined;
  });
  if (init === null) return false;
  // `const { role } = req`: a destructured `body` of the request is input, `user` is not.
  const source: TSESTree.Node = init;
  if (key !== null && REQUEST_INPUT.has(key) && isParameterRooted(source, fn)) return true;
  return readsRequestInput(source, fn, depth + 1);
}

/** Whether an expression is a parameter of `fn` or a member chain off one (`ctx.request`). */
function isParameterRooted(node: TSESTree.Node, fn: FunctionNode): boolean {
  let root = unwrap(node);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const name = root.name;
  return fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === name);
}

function isRoleHelper(name: string | null): boolean {
  return name !== null && roleHelper(name.slice(name.lastIndexOf('.') + 1));
}

/** `user_id` and `userId` name the same member. */
function camelCase(name: string): string {
  return name.replace(/_([a-z])/gu, (_, letter: string) => letter.toUpperCase());
}

/**
 * Whether an expression reads the caller's identity: a principal member of the handler's request
 * or response (`req.user.id`, `res.locals.user_id`), or of a value a call made from the request
 * returned (`session.user_id` where `session = validateSession(req, res)`).
 */
function readsCaller(expression: TSESTree.Node, fn: FunctionNode): boolean {
  const params = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  let hit = false;
  walk(expression, (node) => {
    if (hit || isFunction(node)) return 'skip';
    if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const property = propertyName(node.property);
    if (property === null || !principalSet.has(camelCase(property))) return undefined;
    let root = unwrap(node.object);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (params.has(root.name)) hit = true;
    else if (isFromRequest(root, params, fn)) hit = true;
    return undefined;
  });
  return hit;
}

/**
 * Whether the test of a check that turns requests away is about the caller, so that the check
 * authenticates: it reads a principal of the request (`req.user`, `ctx.state.user`, the session), a
 * value made from one or from a credential (`callerValues`: `const user = await getUser(req)`, a key
 * looked up), a credential the request sent (`req.query.apiKey`), or a role the caller is handed
 * in with (`user.isAdmin` in a helper given the user, `!isAdmin(req)`). A test of the app's
 * settings, the environment, the method, the path, a feature flag or a counter is not: it turns
 * everybody away alike, so the requests it lets through are nobody's in particular.
 */
function testsCaller(test: TSESTree.Node, requestNames: ReadonlySet<string>, callerValues: ReadonlySet<string>, state: JudgeState, fn: FunctionNode): boolean | OutOfViewCall {
  if (mentionsPrincipal(test, requestNames, callerValues, state.vocabulary, state) || readsCaller(test, fn)) return true;
  // Not the request's containers whole: `if (!req.body) return res.sendStatus(403)` sends nothing secret.
  if (readsCredentialInput(test, requestNames, callerValues, false)) return true;
  let hit = false;
  let outOfView: OutOfViewCall | null = null;
  walk(test, (node) => {
    if (hit || isFunction(node)) return 'skip';
    // A role read straight off a parameter of the function it is read in (a helper given the user,
    // `req.isAdmin` set by an earlier middleware) or off a member set per request (`res.locals.role`);
    // a factory's options (`options.admin`) are not per request, and a role deeper in the request
    // (`req.app.locals.permissions`) is the app's.
    if (node.type === AST_NODE_TYPES.MemberExpression && isRoleProperty(propertyName(node.property)) && isPerRequestValue(unwrap(node.object), node)) hit = true;
    // `!isAdmin(user)`, `!can(req, 'edit')`, `!isAdmin(req.accountability)`: a role helper asked about
    // a parameter, a member set per request or a caller value;
    // any other function given one (`!updateAllowed(req)`) when its definition reads the caller.
    // Only a role helper is judged by its name when given a member (`isAdmin(req.accountability)`):
    // `allowed.has(req.ip)` asks about the network, not the caller.
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = node;
      const given = (members: boolean): boolean => callee.arguments.some((argument) => {
        const value = unwrap(argument);
        return (value.type === AST_NODE_TYPES.Identifier && callerValues.has(value.name)) || (members ? isPerRequestValue(value, callee) : isOwnParameter(value, callee));
      });
      if (isRoleHelper(dottedName(node.callee))) {
        if (given(true)) hit = true;
      } else if (given(false)) {
        const about = callAboutCaller(node, state.scopeOf, state.vocabulary, 0);
        if (about === true) hit = true;
        else if (about !== false) outOfView ??= about;
      }
    }
    return undefined;
  });
  return hit || (outOfView ?? false);
}

/**
 * The branch of a check that turns the request away: the consequent when it rejects (or answers
 * 403), otherwise the alternate.
 */
function rejectingBranch(check: TSESTree.IfStatement | TSESTree.ConditionalExpression): TSESTree.Node {
  if (forbids(check.consequent) || rejects(check.consequent) || !check.alternate) return check.consequent;
  return check.alternate;
}

/**
 * What a test evaluates to for a request without a caller: no principal, no session user, no
 * credential sent. `absent` is the missing value itself (null or undefined), `throws` a member read
 * off it (`req.user.role`: the request fails), `unknown` whatever depends on something else.
 */
type AbsentValue = 'absent' | 'throws' | 'true' | 'false' | 'unknown';

/**
 * Evaluates a test of a gate with the caller missing (see `AbsentValue`): `req.user && readOnly` is
 * false, `!req.user || readOnly` true, `req.user?.role !== 'admin'` true, `req.user.isAdmin` throws.
 * `callerVariables` hold a principal or a credential (absent too). Bounded by the size of the test.
 */
function whenCallerAbsent(test: TSESTree.Node, requestNames: ReadonlySet<string>, callerVariables: ReadonlySet<string>, fn: FunctionNode): AbsentValue {
  const falsy = (value: AbsentValue): boolean => value === 'false' || value === 'absent';
  const evaluate = (expression: TSESTree.Node): AbsentValue => {
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return callerVariables.has(node.name) ? 'absent' : 'unknown';
      case AST_NODE_TYPES.Literal:
        return node.value === null ? 'absent' : typeof node.value === 'boolean' ? String(node.value) as AbsentValue : 'unknown';
      case AST_NODE_TYPES.ChainExpression:
        return evaluate(node.expression);
      case AST_NODE_TYPES.AwaitExpression:
        return evaluate(node.argument);
      case AST_NODE_TYPES.MemberExpression: {
        const property = node.computed ? (node.property.type === AST_NODE_TYPES.Literal ? String(node.property.value) : null) : propertyName(node.property);
        const root = rootIdentifier(node);
        // `req.user`, `ctx.state.user`, `req.session.userId`, `req.headers.authorization`, `req.isAdmin`.
        if (property !== null && root !== null && (requestNames.has(root) || isParameterRooted(node, fn))) {
          if (principalSet.has(camelCase(property)) || isCredential(property, node.object)) return 'absent';
          if (isRoleProperty(property) && isPerRequestValue(unwrap(node.object), node)) return 'absent';
        }
        const object = evaluate(node.object);
        if (object === 'absent') return node.optional ? 'absent' : 'throws';
        return object === 'throws' ? 'throws' : 'unknown';
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return 'unknown';
        if (/^isAuthenticated$/u.test(propertyName(callee.property) ?? '') && isParameterRooted(callee.object, fn)) return 'false';
        const object = evaluate(callee.object);
        if (object === 'absent') return node.optional || callee.optional ? 'absent' : 'throws';
        return object === 'throws' ? 'throws' : 'unknown';
      }
      case AST_NODE_TYPES.UnaryExpression: {
        if (node.operator !== '!') return 'unknown';
        const value = evaluate(node.argument);
        return value === 'throws' || value === 'unknown' ? value : falsy(value) ? 'true' : 'false';
      }
      case AST_NODE_TYPES.LogicalExpression: {
        const left = evaluate(node.left);
        if (left === 'throws') return 'throws';
        if (node.operator === '??') return left === 'absent' ? evaluate(node.right) : 'unknown';
        const right = (): AbsentValue => evaluate(node.right);
        if (node.operator === '&&') {
          if (falsy(left)) return 'false';
          if (left === 'true') return right();
          return falsy(right()) ? 'false' : 'unknown';
        }
        if (left === 'true') return 'true';
        if (falsy(left)) return right();
        return right() === 'true' ? 'true' : 'unknown';
      }
      case AST_NODE_TYPES.BinaryExpression: {
        if (!['==', '===', '!=', '!=='].includes(node.operator) || node.left.type === AST_NODE_TYPES.PrivateIdentifier) return 'unknown';
        const left = evaluate(node.left);
        const right = evaluate(node.right);
        if (left === 'throws' || right === 'throws') return 'throws';
        const negated = node.operator.startsWith('!');
        const strict = node.operator.length === 3;
        const [missing, other] = left === 'absent' ? [left, unwrap(node.right)] : right === 'absent' ? [right, unwrap(node.left)] : [null, null];
        if (missing === null || other === null) return 'unknown';
        // `== null` holds for undefined too; `=== null` depends on which the missing value is.
        if (isNullish(other)) return strict ? 'unknown' : negated ? 'false' : 'true';
        if (other.type === AST_NODE_TYPES.Literal || other.type === AST_NODE_TYPES.TemplateLiteral) return negated ? 'true' : 'false';
        return 'unknown';
      }
      default:
        return 'unknown';
    }
  };
  return evaluate(test);
}

const MAX_CALLER_HELPER_DEPTH = 3;
const helpersAboutCaller = new WeakMap<AuthVocabulary, WeakMap<FunctionNode, CallerHelperAnswer>>();

/** Whether a helper asks about the caller: yes, no, or it hands the question to a function out of view. */
type CallerHelperAnswer = boolean | OutOfViewCall;

/** A call of a function out of view, as an `unknownAuth` message names it. */
interface OutOfViewCall {
  name: string;
  source: string;
}

/**
 * Whether a call given the request (or a value of the caller) asks about the caller: the function
 * it runs reads a principal or a credential of its parameters, or hands them on to a function that
 * does. A function out of view (`limiter.isLimited(req)`, a permission service's `shouldAllowPut(req,
 * …)`) answers `out-of-view`: what it reads cannot be seen, so a gate on it is unjudged. One in view
 * that reads only the app's settings (`function readOnly(req) { return req.app.locals.readOnly }`)
 * does not ask about the caller.
 */
function callAboutCaller(call: TSESTree.CallExpression, scopeOf: ScopeOf, vocabulary: AuthVocabulary, depth: number): CallerHelperAnswer {
  if (depth >= MAX_CALLER_HELPER_DEPTH) return true;
  const helper = projectHelper(call, scopeOf);
  if (helper === null) return { name: `${dottedName(call.callee) ?? 'a function'}()`, source: outOfViewSource(call, scopeOf) };
  let cache = helpersAboutCaller.get(vocabulary);
  if (!cache) {
    cache = new WeakMap();
    helpersAboutCaller.set(vocabulary, cache);
  }
  const known = cache.get(helper.fn);
  if (known !== undefined) return known;
  // A recursive helper is no evidence of itself.
  cache.set(helper.fn, false);
  const params = new Set(helper.fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  let about: CallerHelperAnswer = mentionsPrincipal(helper.fn.body, params, new Set(), vocabulary) || readsCredentialInput(helper.fn.body, params, new Set(), false);
  if (!about) {
    let handedOn: CallerHelperAnswer = false;
    walk(helper.fn.body, (node) => {
      if (handedOn === true || isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && params.has(argument.name))) {
        const inner = callAboutCaller(node, helper.scopeOf, vocabulary, depth + 1);
        if (inner === true) handedOn = true;
        else if (inner !== false) handedOn = inner;
      }
      return undefined;
    });
    about = handedOn;
  }
  cache.set(helper.fn, about);
  return about;
}

/**
 * Members of a request that are not about the caller: what the client sent (a role it asks for) and
 * the application shared by every request (`req.app`, `ctx.app`).
 */
const NOT_CALLER_MEMBERS = new Set(['body', 'query', 'params', 'payload', 'headers', 'cookies', 'signedCookies', 'app']);

/**
 * A parameter of the function `at` is in, or a member of one that a middleware sets per request
 * (`res.locals`, `ctx.state`, `req.accountability`), not what the client sent nor the app.
 */
function isPerRequestValue(node: TSESTree.Node, at: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && !NOT_CALLER_MEMBERS.has(propertyName(node.property) ?? '')) {
    return isOwnParameter(unwrap(node.object), at);
  }
  return isOwnParameter(node, at);
}

/**
 * Whether `node` is an identifier naming a parameter of the function `at` is in, or a constant of
 * that function that renames one (`const skReq = req`, `const request = req as AppRequest`).
 */
function isOwnParameter(node: TSESTree.Node, at: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const fn = enclosingFunction(at);
  return fn !== null && parameterNames(fn).has(node.name);
}

const parameterNameCache = new WeakMap<FunctionNode, ReadonlySet<string>>();

/** The identifier parameters of a function and the constants of its body that only rename one. */
function parameterNames(fn: FunctionNode): ReadonlySet<string> {
  let names = parameterNameCache.get(fn);
  if (names) return names;
  const found = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  walk(fn.body, (node) => {
    if (isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init && node.parent.kind === 'const') {
      const init = unwrap(node.init);
      if (init.type === AST_NODE_TYPES.Identifier && found.has(init.name)) found.add(node.id.name);
    }
    return undefined;
  });
  names = found;
  parameterNameCache.set(fn, names);
  return names;
}

/** A `const` of the handler initialised by a call that is given the request (`validateSession(req, res)`). */
function isFromRequest(identifier: TSESTree.Identifier, params: ReadonlySet<string>, fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found || (isFunction(node) && node !== fn)) return 'skip';
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.Identifier || node.id.name !== identifier.name || !node.init) return undefined;
    let init = unwrap(node.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
    if (init.type === AST_NODE_TYPES.CallExpression && init.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && params.has(argument.name))) found = true;
    return undefined;
  });
  return found;
}

/** Calls that set a response's status from their first argument. */
const STATUS_SETTERS = new Set(['status', 'sendStatus', 'code', 'throw', 'writeHead']);

/**
 * The literal HTTP status a node sets: `res.status(401)`, `ctx.throw(403)`, `reply.code(401)`,
 * `c.json(body, 401)`, or a `status: 401` option (`new Response(null, { status: 401 })`); null for anything else.
 */
function statusCode(node: TSESTree.Node): number | null {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = dottedName(node.callee) ?? '';
    const first = node.arguments[0];
    const method = name.slice(name.lastIndexOf('.') + 1);
    if (STATUS_SETTERS.has(method) && first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'number') return first.value;
    // `c.json({ error: 'unauthorized' }, 401)`: the status after the body (see `statusAfterBodyMethods`).
    const second = node.arguments[1];
    if (name.includes('.') && statusAfterBodyMethods.includes(method) && second?.type === AST_NODE_TYPES.Literal && typeof second.value === 'number') return second.value;
  }
  // `{ status: 401 }`; h3's `createError({ statusCode: 401 })`, Fastify's and http-errors' `statusCode`.
  if (node.type === AST_NODE_TYPES.Property && ['status', 'statusCode'].includes(propertyName(node.key) ?? '') && node.value.type === AST_NODE_TYPES.Literal && typeof node.value.value === 'number') {
    return node.value.value;
  }
  return null;
}

/**
 * Whether a branch answers 401 and leaves: `answersUnauthorized`, and a bare `unauthorized(res)`
 * helper as an app or a small package gives it (next-basics).
 */
function answers401(branch: TSESTree.Node): boolean {
  if (refusesUnauthenticated(branch)) return true;
  let called = false;
  walk(branch, (node) => {
    if (called || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'unauthorized') called = true;
    return undefined;
  });
  return called && exits(branch);
}

/** Whether a branch answers 403 Forbidden (a status call or option, or a forbidden error) and leaves. */
function forbids(branch: TSESTree.Node): boolean {
  let forbidden = false;
  walk(branch, (node) => {
    if (forbidden || isFunction(node)) return 'skip';
    // `res.status(403)`, and Hono's `c.json({ error }, 403)` (the status after the body).
    if ((statusCode(node) ?? bodyThenStatus(node)) === 403) forbidden = true;
    if (node.type === AST_NODE_TYPES.CallExpression && /(?:^|\.)forbidden$/u.test(dottedName(node.callee) ?? '')) forbidden = true;
    if (node.type === AST_NODE_TYPES.NewExpression && /^Forbidden(?:Exception|Error)?$/u.test(dottedName(node.callee)?.split('.').pop() ?? '')) forbidden = true;
    return undefined;
  });
  return forbidden && exits(branch);
}

function shortText(node: TSESTree.Node): string {
  const target = unwrap(node);
  const name = dottedName(target.type === AST_NODE_TYPES.UnaryExpression ? target.argument : target);
  if (name !== null) return target.type === AST_NODE_TYPES.UnaryExpression ? `!${name}` : name;
  return 'the user';
}

/**
 * The role check a route's requests pass before `write` (a node of its handler), found by what the
 * check's code does: a middleware, guard or hook whose definition (in this file or, through its
 * import, in another file of the project) compares a role of the principal or answers 403, a
 * NestJS guard whose `canActivate` decides by a role (given the route's role metadata when it reads
 * metadata), a role check the team lists in settings (`roleChecks`), or an `if` of the handler that
 * rejects before the write. A role-check name whose definition is out of view is no evidence.
 * Returns how a message names the check, or null.
 */
export function routeRoleCheck(route: Route, vocabulary: AuthVocabulary, scopeOf: ScopeOf, write: TSESTree.Node): string | null {
  for (const guard of route.guards) {
    if (guard.verdict === 'public' || guard.kind === 'config') continue;
    const name = guard.name?.replace(/\.unless$/u, '') ?? null;
    const named = name === null ? 'an inline middleware' : `\`${name}\``;
    if (guard.roleChecked === true) return named;
    if (name !== null && vocabulary.isConfiguredRoleCheck(name)) return named;
    if (guard.roleChecked === false) continue;
    // `@Roles('admin')` is metadata: it restricts nothing without a guard that reads it.
    if (guard.kind === 'decorator' || guard.kind === 'next-middleware') continue;
    if (guard.fn && (guardChecksRole(guard.fn, guard.declaredIn?.scopeOf ?? scopeOf) || guardDecidesByRole(guard.fn, route))) return named;
    // Followed to its definition: a factory (`requireRole('admin')`), an import, a guard class.
    const targetScopeOf = guard.declaredIn?.scopeOf ?? scopeOf;
    const target: Target = guard.declaredIn
      ? resolveTarget(guard.declaredIn.node, targetScopeOf, 0)
      : guard.unfollowed === undefined
        ? resolveTarget(guard.node.type === AST_NODE_TYPES.Decorator ? guard.node.expression : guard.node, scopeOf, 0)
        : { type: 'unresolved', why: guard.unfollowed };
    if (targetChecksRole(target, route, targetScopeOf, 0)) return named;
  }
  const handler = route.handler?.fn ?? null;
  if (handler) {
    const check = roleChecks(handler, scopeOf).find((candidate) => guardsWrite(candidate, write));
    if (check) return `the role check of the handler (line ${String(check.loc.start.line)})`;
    const helper = roleCheckingCall(handler, scopeOf, write);
    if (helper) return `\`${dottedName(helper.callee) ?? 'a role check'}()\` (line ${String(helper.loc.start.line)})`;
  }
  return null;
}

/**
 * Whether a role check found in a handler stands. An `if` in a `catch` that answers 403 without
 * asking about a role (`catch (e) { if (e instanceof PermissionError) return forbidden(); }`) passes
 * on what the calls of the `try` block threw: it is a role check when one of the functions of the
 * project they run checks a role, and none when every one of them checks something else (a
 * membership lookup). Calls of functions out of view leave it standing.
 */
function standsAsRoleCheck(check: Check, scopeOf: ScopeOf, unauthorized = false): boolean {
  let asksRole = false;
  walk(check.test, (inner) => {
    if (asksRole || isFunction(inner)) return 'skip';
    if (inner.type === AST_NODE_TYPES.MemberExpression && isRoleProperty(propertyName(inner.property))) asksRole = true;
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      if (isRoleHelper(dottedName(inner.callee))) asksRole = true;
      // `if (!mayDelete(req.user, note)) return 403` where `mayDelete` reads `user.role`; one out of
      // view asked about the caller (`!canManageUsers(req.user)` of a policy module) may, unseen.
      // Answered 401, the check is a role check only when the function is seen to decide by a role
      // (one that only loads the user, or one out of view, may be the sign-in check itself).
      const helper = projectHelper(inner, scopeOf);
      if (helper ? readsRole(helper.fn, helper.scopeOf, 1, unauthorized) : !unauthorized && givenCaller(inner)) asksRole = true;
    }
    return undefined;
  });
  if (asksRole) return true;
  if (unauthorized) return false;
  let tryStatement: TSESTree.TryStatement | null = null;
  for (let node: TSESTree.Node | undefined = check.parent; node && !isFunction(node); node = node.parent) {
    if (node.type === AST_NODE_TYPES.CatchClause) {
      tryStatement = node.parent;
      break;
    }
  }
  if (tryStatement === null) return false;
  const helpers = projectCallsIn(tryStatement.block, scopeOf);
  return helpers.length === 0 || helpers.some((helper) => helperChecksRole(helper.fn, helper.scopeOf, 1));
}

/** Whether a call is given the caller's identity (`req.user`, `session.user_id`; see `readsCaller`). */
function givenCaller(call: TSESTree.CallExpression): boolean {
  const fn = enclosingFunction(call);
  return fn !== null && call.arguments.some((argument) => readsCaller(argument, fn));
}

/**
 * Whether a function of the project reads a role, permission or privilege (a role member, a role
 * helper), itself or in a function of the project it calls (`depth` more calls).
 */
function readsRole(fn: FunctionNode, scopeOf: ScopeOf, depth: number, decides = false): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found || (isFunction(node) && node !== fn.body)) return 'skip';
    // Deciding by it: not a role copied into a record the function builds (`return { id, role: row.role }`).
    if (decides && node.type === AST_NODE_TYPES.ObjectExpression) return 'skip';
    if (node.type === AST_NODE_TYPES.MemberExpression && isRoleProperty(propertyName(node.property)) && !readsRequestInput(node.object, fn)) found = true;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      if (isRoleHelper(dottedName(node.callee))) found = true;
      else if (depth > 0) {
        const helper = projectHelper(node, scopeOf);
        if (helper && helper.fn !== fn && readsRole(helper.fn, helper.scopeOf, depth - 1, decides)) found = true;
      }
    }
    return undefined;
  });
  return found;
}

/** The functions of the project the calls of a block run (not those of functions nested in it). */
type ProjectCall = { fn: FunctionNode; scopeOf: ScopeOf; call: TSESTree.CallExpression };

/** The project calls of each block asked about: a helper called from many routes is walked once. */
const projectCallsCache = new WeakMap<TSESTree.Node, readonly ProjectCall[]>();

function projectCallsIn(block: TSESTree.Node, scopeOf: ScopeOf): readonly ProjectCall[] {
  let known = projectCallsCache.get(block);
  if (!known) {
    known = findProjectCalls(block, scopeOf);
    projectCallsCache.set(block, known);
  }
  return known;
}

function findProjectCalls(block: TSESTree.Node, scopeOf: ScopeOf): ProjectCall[] {
  const found: ProjectCall[] = [];
  walk(block, (node) => {
    if (isFunction(node) && node !== block) return 'skip';
    if (node.type !== AST_NODE_TYPES.CallExpression || found.length >= 8) return undefined;
    const helper = projectHelper(node, scopeOf);
    if (helper && helper.fn !== block) found.push({ ...helper, call: node });
    return undefined;
  });
  return found;
}

/** Whether a function of the project checks a role and rejects, itself or through a function it calls (`depth` more calls). */
function helperChecksRole(fn: FunctionNode, scopeOf: ScopeOf, depth: number): boolean {
  let byDepth = helperRoleCache.get(fn);
  if (!byDepth) helperRoleCache.set(fn, (byDepth = new Map()));
  let known = byDepth.get(depth);
  if (known === undefined) {
    known = checksRole(fn, scopeOf) || (depth > 0 && projectCallsIn(fn.body, scopeOf).some((helper) => helper.fn !== fn && helperChecksRole(helper.fn, helper.scopeOf, depth - 1)));
    byDepth.set(depth, known);
  }
  return known;
}

/** `helperChecksRole` of each function at each depth asked. */
const helperRoleCache = new WeakMap<FunctionNode, Map<number, boolean>>();

/**
 * A call of a handler, before `write`, to a function of the project that checks a role and rejects,
 * whose rejection the handler passes on: the function throws (and no \`catch\` of the handler
 * swallows it), or the handler leaves on what it returns (`const admin = await requireAdmin(); if
 * (admin instanceof NextResponse) return admin;`, `return requireStaff(req) ?? …`).
 */
function roleCheckingCall(handler: FunctionNode, scopeOf: ScopeOf, write: TSESTree.Node): TSESTree.CallExpression | null {
  for (const helper of projectCallsIn(handler.body, scopeOf)) {
    if (helper.call.range[0] >= write.range[1] || !helperChecksRole(helper.fn, helper.scopeOf, 1)) continue;
    if (throwsRejection(helper.fn, helper.scopeOf) ? notSwallowed(helper.call, handler) : leavesOnResult(helper.call, handler)) return helper.call;
  }
  return null;
}

/** Whether a function's role check rejects by throwing (`throw new ForbiddenError()`, `ctx.throw(403)`). */
function throwsRejection(fn: FunctionNode, scopeOf: ScopeOf): boolean {
  return roleChecks(fn, scopeOf).some((check) => {
    let thrown = false;
    for (const branch of [check.consequent, check.alternate]) {
      if (!branch) continue;
      walk(branch, (node) => {
        if (isFunction(node)) return 'skip';
        if (node.type === AST_NODE_TYPES.ThrowStatement || (node.type === AST_NODE_TYPES.CallExpression && /(?:^|\.)throw$/u.test(dottedName(node.callee) ?? ''))) thrown = true;
        return undefined;
      });
    }
    return thrown;
  });
}

/** Whether what a call throws leaves the handler: no `try` around it, or its `catch` leaves too. */
function notSwallowed(call: TSESTree.Node, handler: FunctionNode): boolean {
  for (let node: TSESTree.Node | undefined = call; node && node !== handler; node = node.parent) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (parent?.type === AST_NODE_TYPES.TryStatement && parent.block === node && parent.handler && !exits(parent.handler.body)) return false;
    // `promise.then(async () => { …throw… }).catch(() => next())`: a rejection handler that lets the request on.
    if (isFunction(node) && rejectionLetThrough(node)) return false;
  }
  return true;
}

/**
 * Whether a function given to `.then(fn)` has its failure caught by a handler that lets the request
 * on (`.catch(() => next())`, `.then(fn, () => {})`) rather than answering it (any status), passing
 * the error on (`next(err)`) or throwing again.
 */
function rejectionLetThrough(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(call.callee.property) !== 'then') return false;
  const [onFulfilled, onRejected] = call.arguments;
  if (onFulfilled !== fn) return false;
  let handler: TSESTree.Node | undefined = onRejected;
  const chained = call.parent;
  if (!handler && chained?.type === AST_NODE_TYPES.MemberExpression && chained.object === call && propertyName(chained.property) === 'catch' && chained.parent.type === AST_NODE_TYPES.CallExpression) {
    handler = chained.parent.arguments[0];
  }
  return handler !== undefined && isFunction(handler) && (passes(handler.body) || !mayTurnAway(handler.body));
}

/** Whether the handler leaves on a call's result: it returns it, or an `if` about the variable holding it leaves. */
function leavesOnResult(call: TSESTree.CallExpression, handler: FunctionNode): boolean {
  let node: TSESTree.Node = call;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.AwaitExpression || node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node)) return true;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== node) return false;
  const names = new Set<string>();
  walk(parent.id, (inner) => {
    if (inner.type === AST_NODE_TYPES.Identifier) names.add(inner.name);
  });
  let leaves = false;
  walk(handler.body, (inner) => {
    if (leaves || (isFunction(inner) && inner !== handler)) return 'skip';
    if (inner.type !== AST_NODE_TYPES.IfStatement || inner.range[0] < parent.range[1]) return undefined;
    let reads = false;
    walk(inner.test, (leaf) => {
      if (leaf.type === AST_NODE_TYPES.Identifier && names.has(leaf.name)) reads = true;
    });
    if (reads && (exits(inner.consequent) || (inner.alternate != null && exits(inner.alternate)))) leaves = true;
    return undefined;
  });
  return leaves;
}

/** Whether a role check stands in the way of `write`: it comes first, and the write is not on its rejecting side. */
function guardsWrite(check: TSESTree.IfStatement | TSESTree.ConditionalExpression, write: TSESTree.Node): boolean {
  if (check.range[0] >= write.range[0]) return false;
  if (check.range[1] <= write.range[0]) return true;
  const within = (node: TSESTree.Node | null | undefined): boolean => node != null && node.range[0] <= write.range[0] && write.range[1] <= node.range[1];
  if (within(check.test)) return false;
  const branch = within(check.consequent) ? check.consequent : within(check.alternate) ? check.alternate : null;
  const other = branch === check.consequent ? check.alternate : check.consequent;
  return branch !== null && branch !== undefined && other !== null && other !== undefined && exits(other) && !exits(branch);
}

function targetChecksRole(target: Target, route: Route, scopeOf: ScopeOf, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (target.type) {
    case 'function':
      return (
        guardChecksRole(target.fn, scopeOf) ||
        guardDecidesByRole(target.fn, route) ||
        middlewareHelperChecksRole(target.fn, scopeOf, 0) ||
        // A factory of the project that returns a role library's middleware (`return jwtAuthz(scopes)`).
        returnedValues(target.fn).some((value) => isRoleLibraryCall(resolveTarget(value, scopeOf, depth + 1)))
      );
    case 'class':
      // A guard's `canActivate`, or the method a middleware class runs per request (`handler` of an
      // inversify `BaseMiddleware` bound to a DI symbol, `use`), as the authentication judge reads them.
      return target.node.body.body.some((member) =>
        member.type === AST_NODE_TYPES.MethodDefinition && GUARD_CLASS_METHODS.has(propertyName(member.key) ?? '') && isFunction(member.value) &&
        (guardChecksRole(member.value, scopeOf) || guardDecidesByRole(member.value, route)));
    case 'module': {
      if (isRoleLibraryCall(target)) return true;
      const definition = importedDefinition(target.from, target.module, target.path);
      return definition !== null && targetChecksRole(resolveTarget(definition.node, definition.scopeOf, depth + 1), route, definition.scopeOf, depth + 1);
    }
    case 'list':
      return target.node.elements.some((element) =>
        element !== null && element.type !== AST_NODE_TYPES.SpreadElement && targetChecksRole(resolveTarget(element, scopeOf, depth + 1), route, scopeOf, depth + 1));
    case 'unresolved':
      return false;
  }
}

/** A call of a role library's middleware factory (`roleLibraryExports`) that is given something to require. */
function isRoleLibraryCall(target: Target): boolean {
  if (target.type !== 'module' || !target.call) return false;
  const entry = roleLibraryExports.find((candidate) => candidate.module === target.module && `${candidate.path}()` === target.path);
  if (!entry) return false;
  const required = target.call.arguments[entry.argument];
  if (!required) return false;
  const list = unwrap(required);
  return list.type !== AST_NODE_TYPES.ArrayExpression || list.elements.length > 0;
}

/** Same-file helpers followed from a middleware or factory when looking for its role check. */
const MAX_HELPER_DEPTH = 3;

/**
 * Whether a middleware (or the factory that makes it) hands its own parameters to a function of
 * its file that checks a role or answers 403 (`await checkAuthorized(ctx, roles)`, a factory that
 * returns `authorized(permType)`): the check is that function's, run for this middleware. Followed
 * `MAX_HELPER_DEPTH` functions deep, each judged by its body as a guard is.
 */
function middlewareHelperChecksRole(fn: FunctionNode, scopeOf: ScopeOf, depth: number, seen = new Set<FunctionNode>()): boolean {
  if (depth >= MAX_HELPER_DEPTH || seen.has(fn)) return false;
  seen.add(fn);
  let found = false;
  walk(fn.body, (node) => {
    if (found) return 'skip';
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (!node.arguments.some((argument) => isParameterOfWithin(argument, fn))) return undefined;
    const helper = resolveFunction(node.callee, scopeOf(node.callee));
    if (!helper || seen.has(helper)) return undefined;
    if (guardChecksRole(helper, scopeOf) || middlewareHelperChecksRole(helper, scopeOf, depth + 1, seen)) found = true;
    return undefined;
  });
  return found;
}

/** An identifier naming a parameter of `fn` or of a function written inside it. */
function isParameterOfWithin(node: TSESTree.Node, fn: FunctionNode): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current) && current.params.some((param) => (param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param).type === AST_NODE_TYPES.Identifier && ((param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param) as TSESTree.Identifier).name === node.name)) return true;
    if (current === fn) return false;
  }
  return false;
}

/** Calls that read a handler's or class's metadata (`this.reflector.getAllAndOverride(ROLES_KEY, …)`). */
const METADATA_READERS = new Set(['get', 'getAll', 'getAllAndOverride', 'getAllAndMerge', 'getMetadata']);

/**
 * A NestJS guard whose `canActivate` returns a decision about a role of the principal (`return
 * roles.some((role) => user.roles.includes(role))`). When it reads the route's metadata (a
 * `Reflector`), it restricts only the routes that carry some: a decorator with arguments
 * (`@Roles('admin')`) on the route or its controller.
 */
function guardDecidesByRole(fn: FunctionNode, route: Route): boolean {
  let decides = false;
  let readsMetadata = false;
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      walk(node.argument, (inner) => {
        if (inner.type === AST_NODE_TYPES.MemberExpression && isRoleOrRoleId(propertyName(inner.property))) decides = true;
      });
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(node.callee.property);
      const receiver = dottedName(node.callee.object) ?? '';
      if (method !== null && METADATA_READERS.has(method) && /(?:^|\.)(?:reflector|Reflect)$/iu.test(receiver)) readsMetadata = true;
    }
  });
  if (!decides) return false;
  if (!readsMetadata) return true;
  return route.guards.some((guard) => {
    if (guard.kind !== 'decorator') return false;
    // A base class's `@Roles('admin')` in another file is written where `declaredIn` says.
    const expression = unwrap(guard.declaredIn?.node ?? guard.node);
    return expression.type === AST_NODE_TYPES.CallExpression && expression.arguments.length > 0;
  });
}

/** A member naming the principal's role (`role`, `roles`, `isAdmin`). */
function isRoleProperty(name: string | null): boolean {
  return name !== null && roleSet.has(name);
}

/** A member naming the principal's role or role id (`role_id`, see `roleIdProperties`). */
function isRoleOrRoleId(name: string | null): boolean {
  return name !== null && (roleSet.has(name) || roleIdSet.has(camelCase(name)));
}

/** Whether a middleware or guard checks a role, its id included (see `roleIdProperties`). */
function guardChecksRole(fn: FunctionNode, scopeOf: ScopeOf): boolean {
  return confirmed(roleChecksOf(fn, 'role', isRoleOrRoleId), scopeOf).length > 0 || answersByRole(fn);
}

/**
 * Whether a function whose answer the framework turns into a refusal (a graphql-shield rule, see
 * `markAnsweringGuard`) answers by a role of the caller: every value it returns reads one
 * (`ctx.user?.role === 'admin'`, `ctx.user.roles.includes('ADMIN')`, a role helper asked about the
 * caller), not the client's input. A rule that answers `true` on some path lets everybody through there.
 */
function answersByRole(fn: FunctionNode): boolean {
  if (!answeringGuards.has(fn)) return false;
  const values = returnedValues(fn);
  return values.length > 0 && values.every((value) => {
    let reads = false;
    walk(value, (node) => {
      if (reads || isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.MemberExpression && isRoleOrRoleId(propertyName(node.property)) && !readsRequestInput(node.object, fn)) reads = true;
      if (node.type === AST_NODE_TYPES.CallExpression && isRoleHelper(dottedName(node.callee)) && node.arguments.some((argument) => readsCaller(argument, fn))) reads = true;
      return undefined;
    });
    return reads;
  });
}
