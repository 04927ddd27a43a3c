import { routeReportLoc } from '../analysis/routes/report-location.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import {
  authVocabulary,
  isPrivilegedName,
  isPrivilegedRoute,
  handlerOnlyRedirects,
  judgeGuard,
  publicFlowName,
  letsRouteThrough,
  type AuthVerdict,
  type GuardJudgement,
  type AuthVocabulary,
  type ScopeOf,
} from '../analysis/routes/auth.js';
import { declareDeprecatedRoleRequiredRoutes } from '../analysis/authorization/role-checks.js';
import { classifyWithDeclaredMount, declaredMountFor, relativeFilename } from '../analysis/routes/declared-mounts.js';
import { getRoutes, type Route, type RouteGuard, type RouteHandler } from '../analysis/routes/index.js';
import { matchesPathPattern } from '../analysis/routes/paths.js';
import { judgeMountedRoute, mayBeMountedElsewhere } from '../analysis/routes/mounts-across-files.js';
import { answersOnlyPublicColumns, routeNeedsCaller } from '../analysis/routes/sensitivity.js';
import { getExposureSettings } from '../analysis/exposure/index.js';
import { fieldMatcher } from '../analysis/exposure/names.js';
import { dispatchGate } from '../analysis/routes/dispatch-branches.js';
import { judgeServerlessHandler } from '../analysis/routes/serverless-wrappers.js';
import { dottedName, findVariable, propertyName, scopeLookup, scopeOf } from '../utils/ast.js';
import { createRule } from '../utils/create-rule.js';
import { getSettings, type ApiSecuritySettings } from '../utils/settings.js';
import { includeTestsOption, skipsTestFile } from './shared/include-tests.js';

export interface RuleOptions {
  publicRoutes?: string[];
  ignoreDefaultPublicRoutes?: boolean;
  roleRequiredRoutes?: string[];
  reportUnresolvedMounts?: boolean;
  unknownAuth?: 'report' | 'ignore';
  delegatedAuthorization?: 'report' | 'ignore';
  includeTests?: boolean;
  reportRoutes?: 'sensitive' | 'all';
}
export type Options = [RuleOptions];
export type MessageIds =
  | 'unauthenticatedRoute'
  | 'unauthenticatedMountedRoute'
  | 'unresolvedMountRoute'
  | 'unresolvedServerResolver'
  | 'unauthenticatedServerAction'
  | 'unauthenticatedResolver'
  | 'unknownAuth'
  | 'optionalAuthRoute'
  | 'delegatedAuthorization'
  | 'privilegedOptOut'
  | 'addMiddleware'
  | 'addGuard'
  | 'unverifiedCredential'
  | 'publicByPrefix'
  | 'uncheckedServerlessHandler'
  | 'uncheckedDispatchBranch';

export default createRule<Options, MessageIds>({
  name: 'no-unauthenticated-route',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require authentication in front of every route that is not public by design',
      recommended: 'recommended',
      cwe: ['CWE-306', 'CWE-285'],
      owaspApi: 'API2:2023 Broken Authentication; API5:2023 Broken Function Level Authorization',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          publicRoutes: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Extra path patterns that are public by design (`*` one segment, `**` any number).',
          },
          ignoreDefaultPublicRoutes: {
            type: 'boolean',
            description: 'Drop the built-in public paths (health checks, sign-in and sign-up) and use only yours.',
          },
          roleRequiredRoutes: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Deprecated: the role check moved to `require-role-check`, which honours this option when it is given here (prefer that rule\'s option or `settings[\'api-security\'].roleRequiredRoutes`). This rule no longer reports missing role checks.',
          },
          reportUnresolvedMounts: {
            type: 'boolean',
            description: 'Report routes of routers mounted in another file when the mount cannot be resolved.',
          },
          unknownAuth: {
            type: 'string',
            enum: ['report', 'ignore'],
            description:
              'What to do with a route whose only possible authentication is a middleware, guard or wrapper defined out of view (imported from another file): `report` it with its own message, or `ignore` it.',
          },
          delegatedAuthorization: {
            type: 'string',
            enum: ['report', 'ignore'],
            description:
              'What to do with a route behind optional authentication (a middleware that lets requests without credentials through) whose handler passes the caller on to the code that reads or writes data: `report` it with its own message, or `ignore` it.',
          },
          includeTests: includeTestsOption,
          reportRoutes: {
            type: 'string',
            enum: ['sensitive', 'all'],
            description:
              'Which unauthenticated routes to report: `sensitive` only those that, by what their handler does, need a caller (a method that changes state, a write, stored data, secrets, a request-chosen file, a privileged path); `all` every route without authentication in front of it.',
          },
        },
      },
    ],
    defaultOptions: [
      {
        publicRoutes: [],
        ignoreDefaultPublicRoutes: false,
        reportUnresolvedMounts: false,
        unknownAuth: 'ignore',
        delegatedAuthorization: 'ignore',
        includeTests: false,
        reportRoutes: 'sensitive',
      },
    ],
    messages: {
      unauthenticatedRoute:
        '{{method}} {{path}} ({{framework}}) is reachable without authentication: no auth middleware, guard or check runs before its handler. Add authentication, or list the path in `publicRoutes` if it is public by design.',
      unauthenticatedMountedRoute:
        '{{method}} {{path}} ({{framework}}) is reachable without authentication: no auth middleware, guard or check runs before its handler, in its file or at its mount ({{mount}}). Add authentication at the mount or on the route, or list the path in `publicRoutes` if it is public by design.',
      unauthenticatedServerAction:
        'Any client can call {{action}} with arguments of its choice, and it runs without authentication: no session check or auth wrapper runs in it. Check the session at its start (throw or redirect when there is none), or disable this rule for it if it is public by design.',
      unauthenticatedResolver:
        'Any client can call the GraphQL field `{{field}}` ({{file}}:{{line}}) without authentication: its resolver does not reject a context without a user (itself or through a helper it calls), and no auth wrapper, guard, `@Authorized()`, shield rule or rejecting context function runs before it. Reject anonymous callers (`if (!context.user) throw new GraphQLError(…, { extensions: { code: \'UNAUTHENTICATED\' } })`) or add a guard, or list `{{namePath}}` in `publicRoutes` if it is public by design.',
      unresolvedMountRoute:
        '{{method}} {{path}} ({{framework}}) has no authentication in its own file, and its router is mounted in another file whose mount was {{mount}}: whether an auth middleware runs there before its handler cannot be judged. Check that the mount authenticates (or authenticate the route), or list the path in `publicRoutes` if it is public by design.',
      unresolvedServerResolver:
        'The GraphQL field `{{field}}` ({{file}}:{{line}}) has no authentication in its resolver, which does not reject a context without a user (itself or through a helper it calls), and the server that serves it was {{mount}}: whether a context function, shield rule or guard there rejects anonymous callers cannot be judged. Check that the server authenticates (or reject anonymous callers in the resolver), or list `{{namePath}}` in `publicRoutes` if it is public by design.',
      unknownAuth:
        '{{method}} {{path}} ({{framework}}) relies on `{{guard}}` for authentication, whose definition ({{source}}) is out of view: it cannot be judged whether it rejects unauthenticated requests. Check that it does, or list it in `settings[\'api-security\'].authMiddleware`.',
      unverifiedCredential:
        '{{method}} {{path}} ({{framework}}) accepts any credential: {{guard}} ({{definedAt}}) only checks that `{{check}}` is sent and never verifies its value, so a request with any value reaches the handler{{mount}}. Verify it (a token signature, a session or API-key lookup) before the handler runs.',
      optionalAuthRoute:
        '{{method}} {{path}} ({{framework}}) is reachable without authentication: `{{middleware}}` ({{definedAt}}) authenticates only the requests that send credentials, and anonymous requests reach this handler, which neither checks for a caller nor passes one on. Reject requests without `{{principal}}`, require authentication, or list the path in `publicRoutes` if it is public by design.',
      delegatedAuthorization:
        '{{method}} {{path}} ({{framework}}) admits anonymous requests: `{{middleware}}` ({{definedAt}}) authenticates only the requests that send credentials. Access rests on the checks of `{{call}}` (line {{line}}), to which the handler passes `{{principal}}`: make sure it refuses an anonymous caller, or require authentication.',
      publicByPrefix:
        '{{method}} {{path}} ({{framework}}) is reachable without authentication: `{{middleware}}` lets it through before checking anything, because a prefix in its list of public paths matches the first letters of this path but not a whole segment of it{{mount}}. End each public prefix with `/` (or compare whole segments), so that only the paths meant to be public skip authentication.',
      privilegedOptOut:
        '{{method}} {{path}} ({{framework}}) opts out of authentication with {{by}}, but the route is privileged (administration, role management or a destructive write to a resource). Require authentication and an authorization check.',
      uncheckedDispatchBranch:
        '{{method}} {{path}} (a branch of the {{framework}} handler at line {{line}}) runs without the check `{{gate}}` that {{count}} other branches of the handler open with. Check the caller as they do, or list the path in `publicRoutes` if it is public by design.',
      uncheckedServerlessHandler:
        'The serverless handler `{{name}}` runs without the caller check that {{count}} other handlers of this module make ({{by}}), and {{reason}}. Check the caller as they do, or disable this rule for it if the function is public by design.',
      addMiddleware: 'Insert `{{middleware}}` before the handler.',
      addGuard: 'Add `@UseGuards({{guard}})` to this route.',
    },
  },
  create(context, [options]) {
    // The role check moved to `require-role-check`, which reads this deprecated option from here.
    if (options.roleRequiredRoutes !== undefined) declareDeprecatedRoleRequiredRoutes(context.sourceCode.ast, options.roleRequiredRoutes);
    if (skipsTestFile(context, options.includeTests)) return {};
    const settings = getSettings(context);
    const vocabulary = buildVocabulary(settings, options);
    const scopeOf: ScopeOf = scopeLookup(context.sourceCode);
    return {
      'Program:exit'() {
        const found = getRoutes(context);
        reportUncheckedLambdas(context, found.handlers, vocabulary, scopeOf);
        const judgedByBranch = reportUncheckedBranches(context, found.routes, vocabulary, scopeOf);
        // GraphQL root fields are entry points judged as routes (see `reportResolver`).
        const routes = found.resolvers ? [...found.routes, ...found.resolvers] : found.routes;
        if (routes.length === 0) return;
        const mountDeclaration = declaredMountFor(settings, relativeFilename(context));
        const judged = routes.map((route) => ({ route, declared: classifyWithDeclaredMount(route, mountDeclaration, vocabulary, scopeOf) }));
        const checkedSiblings = checkedResolversByOwner(judged);
        for (const { declared } of judged) {
          const verdict = declared.verdict;
          // A handler whose route map's functions share a gate is judged branch by branch (above).
          if (judgedByBranch.has(declared.route) && verdict.status === 'unauthenticated' && !verdict.unverified && !verdict.optional && !verdict.skippedByPrefix) continue;
          if (mayBeMountedElsewhere(declared.route.owner)) {
            // The router is mounted in another file (or is an app a function returns, mounted where
            // its result is): judged once per mount found there.
            const mounted = judgeMountedRoute(context, declared.route, vocabulary);
            if (mounted !== null) {
              for (const entry of mounted) {
                const at = `${relativeTo(context, entry.mount.file)}:${String(entry.mount.line)}`;
                // A chain whose outer part was not found is unresolved as much as a mount found nowhere.
                const partial = !entry.mount.complete && entry.verdict.status === 'unknown' && options.reportUnresolvedMounts && !entry.verdict.unjudged;
                if (partial) reportUnresolvedMount(context, entry.route, vocabulary, options, scopeOf, at);
                else report(context, entry.route, entry.verdict, vocabulary, options, scopeOf, at);
              }
              continue;
            }
            // A resolver of a class or map whose other resolvers check the caller themselves, with no
            // check of its own: whatever serves the schema out of view, its siblings say it does not
            // authenticate for them.
            const resolvers = declared.route.framework === 'graphql' ? resolverGroup(declared.route) : null;
            if (resolvers && declared.route.owner.mountedElsewhere && verdict.status === 'unknown' && !verdict.unjudged && (checkedSiblings.get(resolvers) ?? 0) >= MIN_CHECKED_SIBLINGS) {
              report(context, declared.route, { status: 'unauthenticated', by: null, guard: null, roleChecked: verdict.roleChecked }, vocabulary, options, scopeOf, null);
              continue;
            }
            if (declared.route.owner.mountedElsewhere && verdict.status === 'unknown' && options.reportUnresolvedMounts && !verdict.unjudged) {
              reportUnresolvedMount(context, declared.route, vocabulary, options, scopeOf, null);
              continue;
            }
          }
          const group = declared.route.framework === 'graphql' ? resolverGroup(declared.route) : null;
          report(context, declared.route, verdict, vocabulary, options, scopeOf, null, group ? (checkedSiblings.get(group) ?? 0) : 0);
        }
      },
    };
  },
});

/** Handlers of a module that check their caller themselves, before one without the check is suspect. */
const MIN_CHECKED_SIBLINGS = 2;

/**
 * Per resolver class or map (its owner's declaration), how many of its GraphQL resolvers check the
 * caller themselves: a guard of their own (`@UseGuards(GqlAuthGuard)` on the method, a wrapper) or
 * their body. A guard of the class or of the server covers every resolver alike and says nothing.
 */
function checkedResolversByOwner(judged: readonly { declared: { route: Route; verdict: AuthVerdict } }[]): Map<TSESTree.Node, number> {
  const counts = new Map<TSESTree.Node, number>();
  for (const { declared } of judged) {
    const { route, verdict } = declared;
    const group = route.framework === 'graphql' ? resolverGroup(route) : null;
    if (!group || verdict.status !== 'authenticated') continue;
    if (verdict.guard !== null && verdict.guard.level !== 'route') continue;
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  return counts;
}

/** Levels walked up from a resolver to the class or map that holds it. */
const MAX_RESOLVER_NESTING = 8;

/**
 * The class (`@Resolver() class ShipmentResolver`) or the outermost object literal (the resolver
 * map, `{ Query: {…}, Mutation: {…} }`) a resolver is written in, or null.
 */
function resolverGroup(route: Route): TSESTree.Node | null {
  let group: TSESTree.Node | null = null;
  let node: TSESTree.Node | undefined = route.handler?.node ?? route.reportNode;
  for (let depth = 0; node && depth < MAX_RESOLVER_NESTING; depth++, node = node.parent) {
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return node;
    if (node.type === AST_NODE_TYPES.ObjectExpression) group = node;
  }
  return group;
}

/**
 * Serverless handlers (AWS Lambda) are not routes: who may call one is usually decided outside the
 * code (an API Gateway authorizer, IAM). A module whose handlers check the caller themselves (`const
 * c = claims(event); if (!c) return respond(401, …)`, judged by the body of the check as any
 * handler's, or by a wrapper around the handler: `withCaller(async (event) => …)`, middy's
 * `.use(callerRequired())`, see `judgeServerlessHandler`) says the opposite: its functions are
 * reachable without that check. A handler of such a
 * module that does not check, and that changes state or reads stored data by a key from the request,
 * is reported, unless its name is a public path or flow (`unsubscribe` is not one; `login` is).
 * A user taken from a request header (`event.headers['x-user-id']`) is no check.
 */
function reportUncheckedLambdas(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  handlers: readonly RouteHandler[],
  vocabulary: AuthVocabulary,
  scopeOf: ScopeOf,
): void {
  const lambdas = handlers.flatMap((handler) => {
    const fn = handler.fn;
    if (handler.style !== 'lambda' || !fn) return [];
    const name = exportedName(fn);
    return name === null ? [] : [{ handler, fn, name, judged: judgeServerlessHandler(fn, vocabulary, scopeOf) }];
  });
  const checked = lambdas.filter((entry) => entry.judged.verdict === 'authenticates');
  if (checked.length < MIN_CHECKED_SIBLINGS) return;
  const by = checked[0]?.judged.verdict === 'authenticates' ? checked[0].judged.by : 'a check of the caller';
  for (const entry of lambdas) {
    if (entry.judged.verdict !== 'none') continue;
    const namePath = `/${entry.name.replace(/([a-z0-9])([A-Z])/gu, '$1-$2').toLowerCase()}`;
    if (vocabulary.publicRoutes.some((pattern) => matchesPathPattern(pattern, namePath)) || publicFlowName(namePath) !== null) continue;
    // Judged as a read: what its body does says whether it needs a caller.
    const route: Route = { framework: 'express', methods: ['GET'], path: null, reportNode: entry.fn, handler: entry.handler, guards: [], insertBefore: null, owner: null };
    const reason = routeNeedsCaller(route, context.sourceCode, vocabulary);
    if (reason === null) continue;
    context.report({
      loc: routeReportLoc(entry.fn),
      messageId: 'uncheckedServerlessHandler',
      data: { name: entry.name, count: String(checked.length), by, reason },
    });
  }
}

/**
 * The branches of a handler that dispatches by itself (`node:http`, a fetch server) that write and
 * lack the gate its other branches open with (see `dispatchGate`), unless their path is public
 * (`publicRoutes`, a public flow). Returns the routes whose branches share a gate written outside
 * the handler's body (in the functions of a route map): their branches are judged here, one by one,
 * and the handler's own body, which does not show the gate, says nothing of them.
 */
function reportUncheckedBranches(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, routes: readonly Route[], vocabulary: AuthVocabulary, scopeOf: ScopeOf): Set<Route> {
  const reader = { textOf: (node: TSESTree.Node) => context.sourceCode.getText(node), scopeOf, sourceCode: context.sourceCode };
  const judged = new Set<Route>();
  for (const route of routes) {
    const fn = route.handler?.fn;
    if (route.framework !== 'node-http' || !fn) continue;
    const found = dispatchGate(fn, reader);
    if (found === null) continue;
    if (found.outside) judged.add(route);
    for (const branch of found.unchecked) {
      if (vocabulary.publicRoutes.some((pattern) => matchesPathPattern(pattern, branch.path)) || publicFlowName(branch.path) !== null) continue;
      context.report({
        node: branch.node,
        messageId: 'uncheckedDispatchBranch',
        data: { method: branch.methods.join('|'), path: branch.path, framework: route.framework, line: fn.loc.start.line, gate: branch.gate, count: String(branch.count) },
      });
    }
  }
  return judged;
}

/**
 * The name a handler is exported under: `export const addMember = async (event) => …`,
 * `module.exports.getOrder = wrap(async (event) => …)`, `exports.x = …`; null otherwise.
 */
function exportedName(fn: TSESTree.Node): string | null {
  let node: TSESTree.Node = fn;
  // Up through the wrappers that hold it (`wrap(fn)`, `middy(fn).use(x)`).
  for (let steps = 0; steps < 8 && (node.parent?.type === AST_NODE_TYPES.CallExpression || node.parent?.type === AST_NODE_TYPES.MemberExpression); steps++) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ? parent.id.name : null;
  }
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id && fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return fn.id.name;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    const target = dottedName(parent.left.object);
    return target === 'exports' || target === 'module.exports' ? propertyName(parent.left.property) : null;
  }
  return null;
}

/** A file of the project as the messages name it: relative to the working directory. */
function relativeTo(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, file: string): string {
  const relative = path.relative(context.cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

function buildVocabulary(settings: ApiSecuritySettings, options: RuleOptions): AuthVocabulary {
  const base = authVocabulary(settings, options.publicRoutes ?? []);
  if (!options.ignoreDefaultPublicRoutes) return base;
  const own = [...settings.publicRoutes, ...(options.publicRoutes ?? [])];
  return { ...base, publicRoutes: own, configuredPublicRoutes: own, publicFlowNames: false };
}

/**
 * A route of a router mounted in another file where the mount was not found (or only the inner part
 * of a chain of mounts was): nothing authenticates it in its own file, and whether its mount does is
 * not known. Reported under `reportUnresolvedMounts`, saying so rather than that no check runs.
 */
function reportUnresolvedMount(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  route: Route,
  vocabulary: AuthVocabulary,
  options: RuleOptions,
  scopeOf: ScopeOf,
  mountedAt: string | null,
): void {
  const mount = mountedAt === null ? 'not found' : `found only in part, at ${mountedAt}`;
  // A resolver whose server is out of view: the resolver's own filter, with the same honest wording.
  if (route.framework === 'graphql') {
    reportResolver(context, route, { status: 'unauthenticated', by: null, guard: null, roleChecked: false }, vocabulary, options, routeReportLoc(route.reportNode), mount);
    return;
  }
  if (options.reportRoutes !== 'all' && routeNeedsCaller(route, context.sourceCode, vocabulary) === null) return;
  const data = {
    method: route.methods.join('|'),
    path: route.label ?? route.path ?? '(dynamic path)',
    framework: route.framework,
    mount,
  };
  context.report({ loc: routeReportLoc(route.reportNode), messageId: 'unresolvedMountRoute', data, suggest: suggestions(context, route, vocabulary, scopeOf) });
}

function report(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  route: Route,
  verdict: AuthVerdict,
  vocabulary: AuthVocabulary,
  options: RuleOptions,
  scopeOf: ScopeOf,
  mountedAt: string | null,
  /** For a GraphQL resolver: how many other resolvers of its class or map check the caller themselves. */
  checkedSiblings = 0,
): void {
  const data = {
    method: route.methods.join('|'),
    path: route.label ?? route.path ?? '(dynamic path)',
    framework: route.framework,
  };
  const loc = routeReportLoc(route.reportNode);
  if (route.framework === 'graphql') {
    reportResolver(context, route, verdict, vocabulary, options, loc, null, checkedSiblings);
    return;
  }
  if (verdict.status === 'unauthenticated' && verdict.optional) {
    const optional = verdict.optional;
    const principal = principalText(route, optional.members);
    const where = {
      middleware: optional.name,
      definedAt: optional.file === undefined || path.resolve(optional.file) === path.resolve(context.filename)
        ? `line ${String(optional.line)}`
        : `${relativeTo(context, optional.file)}:${String(optional.line)}`,
      principal,
    };
    if (verdict.delegatedTo) {
      if (options.delegatedAuthorization === 'report') {
        const call = verdict.delegatedTo;
        context.report({ loc, messageId: 'delegatedAuthorization', data: { ...data, ...where, call: call.call, line: call.node.loc.start.line } });
      }
      return;
    }
    context.report({ loc, messageId: 'optionalAuthRoute', data: { ...data, ...where } });
    return;
  }
  if (verdict.status === 'unauthenticated' && verdict.unverified) {
    const unverified = verdict.unverified;
    const definedAt = unverified.file === undefined || path.resolve(unverified.file) === path.resolve(context.filename)
      ? `line ${String(unverified.line)}`
      : `${relativeTo(context, unverified.file)}:${String(unverified.line)}`;
    // `(inline middleware)` is a description, not a name.
    const guard = unverified.name === 'the handler' ? 'the handler' : unverified.name.startsWith('(') ? `the ${unverified.name.slice(1, -1)}` : `\`${unverified.name}\``;
    const mount = mountedAt === null ? '' : ` (mounted at ${mountedAt})`;
    context.report({ loc, messageId: 'unverifiedCredential', data: { ...data, guard, definedAt, check: unverified.check, mount } });
    return;
  }
  if (verdict.status === 'unauthenticated' && verdict.skippedByPrefix) {
    // Public by accident, whatever the route does: reported in every mode.
    const mount = mountedAt === null ? '' : ` (mounted at ${mountedAt})`;
    context.report({ loc, messageId: 'publicByPrefix', data: { ...data, middleware: verdict.skippedByPrefix, mount } });
    return;
  }
  if (verdict.status === 'unauthenticated' && route.label !== undefined) {
    // A tRPC query is a read like a GET: judged by what it does in the default mode, as routes are
    // (a server action or a mutation changes state, and is always reported).
    if (options.reportRoutes !== 'all' && routeNeedsCaller(route, context.sourceCode, vocabulary) === null) return;
    context.report({ loc, messageId: 'unauthenticatedServerAction', data: { action: route.label } });
    return;
  }
  if (verdict.status === 'unauthenticated') {
    // In the default mode, a route that by what its handler does needs no caller is public by design.
    if (options.reportRoutes !== 'all' && routeNeedsCaller(route, context.sourceCode, vocabulary) === null) return;
    const suggest = suggestions(context, route, vocabulary, scopeOf);
    if (mountedAt === null) context.report({ loc, messageId: 'unauthenticatedRoute', data, suggest });
    else context.report({ loc, messageId: 'unauthenticatedMountedRoute', data: { ...data, mount: mountedAt }, suggest });
    return;
  }
  if (verdict.status === 'unknown' && verdict.unjudged) {
    // A missing role check on a path that needs one is `require-role-check`'s report.
    if (options.unknownAuth === 'report') {
      context.report({ loc, messageId: 'unknownAuth', data: { ...data, guard: verdict.unjudged.name, source: verdict.unjudged.source } });
    }
    return;
  }
  if (verdict.status === 'public' && verdict.optOut === true && isPrivilegedRoute(route, vocabulary) && !handlerOnlyRedirects(route, scopeOf)) {
    context.report({ loc, messageId: 'privilegedOptOut', data: { ...data, by: verdict.by === null ? 'an opt-out' : quotedBy(verdict.by, true) } });
  }
  // An authenticated route without a role check is `require-role-check`'s business.
}

/**
 * A GraphQL root field's resolver, judged like a route (see `frameworks/graphql.ts`): reported
 * when nothing authenticates its caller and, in the default mode, it needs one (a mutation, or a
 * query that answers stored or sensitive data), by the field's name and where its resolver is
 * defined. A resolver behind optional authentication that passes the caller on to the code that
 * acts (`service.update(args, ctx.user)`) follows `delegatedAuthorization`; a guard out of view
 * follows `unknownAuth`.
 */
function reportResolver(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  route: Route,
  verdict: AuthVerdict,
  vocabulary: AuthVocabulary,
  options: RuleOptions,
  loc: ReturnType<typeof routeReportLoc>,
  /** How the server of a resolver mounted elsewhere was found (`not found`), when it was not. */
  unresolvedMount: string | null = null,
  /** How many other resolvers of its class or map check the caller themselves. */
  checkedSiblings = 0,
): void {
  const field = route.label ?? '(field)';
  const data = { method: 'GraphQL', path: `\`${field}\``, framework: relativeTo(context, context.filename) };
  if (verdict.status === 'unauthenticated') {
    if (verdict.optional && verdict.delegatedTo) {
      if (options.delegatedAuthorization === 'report') {
        const optional = verdict.optional;
        const definedAt = optional.file === undefined || path.resolve(optional.file) === path.resolve(context.filename) ? `line ${String(optional.line)}` : `${relativeTo(context, optional.file)}:${String(optional.line)}`;
        const call = verdict.delegatedTo;
        context.report({ loc, messageId: 'delegatedAuthorization', data: { ...data, middleware: optional.name, definedAt, principal: `context.${optional.members[0] ?? 'user'}`, call: call.call, line: call.node.loc.start.line } });
      }
      return;
    }
    if (options.reportRoutes !== 'all') {
      // A query or subscription reads, and a GraphQL schema is commonly open for reads (a catalog,
      // a forum), who sees what being decided per object: in the default mode a read is reported
      // only when its name is privileged (`adminUsers`) or it writes; every read with `reportRoutes: 'all'`.
      // Unless its class or map says otherwise: when at least two other resolvers there check the
      // caller themselves, their author does not leave that map's reads open, and a read of stored
      // data, by a key or whole, or of a secret without the check is one they missed.
      const read = route.methods.every((method) => method === 'GET');
      const privileged = read && isPrivilegedName(route.namePath ?? '');
      const reason = privileged ? 'its name is privileged' : routeNeedsCaller(route, context.sourceCode, vocabulary);
      // A read that answers only listed columns none of which is personal or sensitive (a
      // catalogue's titles) stays open all the same.
      const checkedBeside = checkedSiblings >= MIN_CHECKED_SIBLINGS && !answersOnlyPublicColumns(route, context.sourceCode, fieldMatcher(getExposureSettings(context).sensitiveFields));
      if (reason === null || (read && !privileged && !reason.startsWith('it changes state') && !checkedBeside)) return;
    }
    const fn = route.handler?.fn ?? null;
    const line = (fn ?? route.reportNode).loc.start.line;
    const where = { field, file: relativeTo(context, context.filename), line, namePath: route.namePath ?? field };
    if (unresolvedMount !== null) context.report({ loc, messageId: 'unresolvedServerResolver', data: { ...where, mount: unresolvedMount } });
    else context.report({ loc, messageId: 'unauthenticatedResolver', data: where });
    return;
  }
  if (verdict.status === 'unknown' && verdict.unjudged && options.unknownAuth === 'report') {
    context.report({ loc, messageId: 'unknownAuth', data: { ...data, guard: verdict.unjudged.name, source: verdict.unjudged.source } });
    return;
  }
  if (verdict.status === 'public' && verdict.optOut === true && isPrivilegedRoute(route, vocabulary)) {
    context.report({ loc, messageId: 'privilegedOptOut', data: { ...data, by: verdict.by === null ? 'an opt-out' : quotedBy(verdict.by, true) } });
  }
}

/**
 * The principal as the handler would read it: `req.user`, `ctx.state.user`, `res.locals.user`
 * (the response for `locals`), with the handler's own parameter names.
 */
function principalText(route: Route, members: readonly string[]): string {
  const member = members[0] ?? 'user';
  const params = route.handler?.fn?.params ?? [];
  const name = (index: number, fallback: string): string => {
    const param = params[index];
    return param?.type === AST_NODE_TYPES.Identifier ? param.name : fallback;
  };
  const request = route.framework === 'koa' ? 'ctx' : route.framework === 'fastify' || route.framework === 'hapi' ? 'request' : 'req';
  const owner = member.startsWith('locals.') ? name(1, 'res') : name(0, request);
  return `${owner}.${member}`;
}


/**
 * Offers the team's own authentication: an authenticating middleware or guard already used in
 * this file (its exact text), or a configured name that is in scope here.
 */
function suggestions(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  route: Route,
  vocabulary: AuthVocabulary,
  scopeOf: ScopeOf,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const sourceCode = context.sourceCode;
  const candidates = guardCandidates(getRoutes(context).routes, vocabulary, scopeOf, sourceCode);
  const offered = ({ judgement }: GuardCandidate): boolean =>
    // The team's own guard out of view (`requireAuth` imported) is still what they would add.
    // Not one that lets this route's method through (`… && req.method !== 'GET'` for a GET route).
    (judgement.verdict === 'authenticates' && !letsRouteThrough(judgement.passes, route)) || judgement.verdict === 'unknown';
  if (route.framework === 'nestjs') {
    const guard = findGuardText(candidates, (candidate) => candidate.guard.kind === 'guard' && offered(candidate));
    if (guard === null || route.reportNode.type !== AST_NODE_TYPES.Decorator) return [];
    const decorator = route.reportNode;
    const indent = ' '.repeat(decorator.loc.start.column);
    const importFix = useGuardsImport(sourceCode, decorator);
    return [{
      messageId: 'addGuard',
      data: { guard },
      fix: (fixer) => [
        fixer.insertTextBefore(decorator, `@UseGuards(${guard})\n${indent}`),
        ...(importFix ? [fixer.insertTextAfter(importFix, ', UseGuards')] : []),
      ],
    }];
  }
  if (route.framework === 'fastify' && route.insertBefore === null) return fastifySuggestions(context, route, candidates, offered);
  const insertBefore = route.insertBefore;
  if (insertBefore === null) return [];
  let middleware = findGuardText(candidates, (candidate) => candidate.guard.kind === 'middleware' && candidate.guard.name !== null && offered(candidate));
  if (middleware === null) {
    const scope = scopeLookup(sourceCode)(insertBefore);
    const configured = getSettings(context).authMiddleware.find(
      (name) => !name.startsWith('/') && /^[A-Za-z_$][\w$]*$/u.test(name) && findVariable(scope, name) !== null,
    );
    middleware = configured ?? null;
  }
  if (middleware === null) return [];
  const text = middleware;
  return [{
    messageId: 'addMiddleware',
    data: { middleware: text },
    fix: (fixer) => fixer.insertTextBefore(insertBefore, `${text}, `),
  }];
}

const FASTIFY_HOOKS = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler']);

/**
 * Fastify takes hooks in the route options: `fastify.get('/x', { onRequest: [auth] }, handler)`.
 * The hook offered is an authenticating hook of this file whose receiver is in scope at the route.
 */
function fastifySuggestions(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  route: Route,
  candidates: readonly GuardCandidate[],
  offered: (candidate: GuardCandidate) => boolean,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const call = route.reportNode;
  if (call.type !== AST_NODE_TYPES.CallExpression) return [];
  const scope = scopeOf(context.sourceCode, call);
  const hook = findGuardText(candidates, (candidate) => {
    const { guard } = candidate;
    if (guard.kind !== 'hook' || guard.name === null || !offered(candidate)) return false;
    const root = guard.name.split('.')[0] ?? '';
    return findVariable(scope, root) !== null;
  });
  if (hook === null) return [];
  const args = call.arguments;
  const options = args.find((argument): argument is TSESTree.ObjectExpression => argument.type === AST_NODE_TYPES.ObjectExpression);
  const data = { middleware: `onRequest: [${hook}]` };
  if (options) {
    const hasHook = options.properties.some(
      (property) => property.type === AST_NODE_TYPES.Property && FASTIFY_HOOKS.has(propertyName(property.key) ?? ''),
    );
    const first = options.properties[0];
    if (hasHook) return [];
    return [{
      messageId: 'addMiddleware',
      data,
      fix: (fixer) => (first ? fixer.insertTextBefore(first, `onRequest: [${hook}], `) : fixer.replaceText(options, `{ onRequest: [${hook}] }`)),
    }];
  }
  const handler = args[1];
  if (args.length !== 2 || !handler || handler.type === AST_NODE_TYPES.SpreadElement) return [];
  return [{ messageId: 'addMiddleware', data, fix: (fixer) => fixer.insertTextBefore(handler, `{ onRequest: [${hook}] }, `) }];
}

/** A guard of a route of the file that may be offered to another route, with its text and its judgement. */
interface GuardCandidate {
  guard: RouteGuard;
  text: string;
  judgement: GuardJudgement;
}

const candidatesOfRoutes = new WeakMap<readonly Route[], WeakMap<AuthVocabulary, GuardCandidate[]>>();

/**
 * The guards of the file's routes that authenticate or cannot be judged, once per file and
 * vocabulary, in the order of the routes, one per kind and text (each judged once): every
 * unauthenticated route picks its suggestion from this list, so a file of n routes costs O(n).
 */
function guardCandidates(routes: readonly Route[], vocabulary: AuthVocabulary, scopeOf: ScopeOf, sourceCode: Readonly<TSESLint.SourceCode>): GuardCandidate[] {
  let byVocabulary = candidatesOfRoutes.get(routes);
  if (!byVocabulary) {
    byVocabulary = new WeakMap();
    candidatesOfRoutes.set(routes, byVocabulary);
  }
  const known = byVocabulary.get(vocabulary);
  if (known) return known;
  const candidates: GuardCandidate[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    for (const guard of route.guards) {
      if (guard.level === 'global') continue;
      let node: TSESTree.Node = guard.node.type === AST_NODE_TYPES.Decorator ? guard.node.expression : guard.node;
      if (dottedName(node) === null) continue;
      // `jwt({ secret }).unless({ path })` skips the paths it lists, maybe this route's: offer the
      // middleware itself.
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && !node.callee.computed && node.callee.property.type === AST_NODE_TYPES.Identifier && node.callee.property.name === 'unless') {
        node = node.callee.object;
      }
      const text = sourceCode.getText(node);
      const key = `${guard.kind}\u0000${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const judgement = judgeGuard(guard, vocabulary, scopeOf);
      if (judgement.verdict === 'authenticates' || judgement.verdict === 'unknown') candidates.push({ guard, text, judgement });
    }
  }
  byVocabulary.set(vocabulary, candidates);
  return candidates;
}

/** The text of the first candidate accepted. */
function findGuardText(candidates: readonly GuardCandidate[], accept: (candidate: GuardCandidate) => boolean): string | null {
  return candidates.find(accept)?.text ?? null;
}

/** The last named import from `@nestjs/common`, after which `UseGuards` is added when it is not in scope. */
function useGuardsImport(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.ImportSpecifier | null {
  if (findVariable(scopeOf(sourceCode, node), 'UseGuards') !== null) return null;
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== '@nestjs/common') continue;
    const named = statement.specifiers.filter((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier);
    const last = named[named.length - 1];
    if (last) return last;
  }
  return null;
}

/**
 * What authenticates a route, as a message shows it: a name in the code (a guard, `jwt.verify()`,
 * an opt-out such as `auth: false`) as code; a description the route model writes (`role check`,
 * `signature check verify()`, `check of \`req.user\``) as it is, never code inside code. The
 * route model writes names as single tokens, and descriptions in words.
 */
function quotedBy(by: string, code = !/\s/u.test(by)): string {
  return by.includes('`') || !code ? by : `\`${by}\``;
}
