import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { authVocabulary, classifyRoute, guardAuthenticates, type AuthVerdict, type AuthVocabulary } from '../analysis/routes/auth.js';
import { resolveMountAcrossFiles } from '../analysis/routes/cross-file.js';
import { classifyWithDeclaredMount, declaredMountFor, relativeFilename } from '../analysis/routes/declared-mounts.js';
import { getRoutes, type Route, type RouteGuard } from '../analysis/routes/index.js';
import { joinPaths, matchesPathPattern } from '../analysis/routes/paths.js';
import { defaultRoleRequiredRoutes } from '../models/auth.js';
import { dottedName, findVariable, isFunction, propertyName, unwrap } from '../utils/ast.js';
import { createRule } from '../utils/create-rule.js';
import { getSettings, type ApiSecuritySettings } from '../utils/settings.js';

export interface RuleOptions {
  publicRoutes?: string[];
  ignoreDefaultPublicRoutes?: boolean;
  roleRequiredRoutes?: string[];
  reportUnresolvedMounts?: boolean;
}
export type Options = [RuleOptions];
export type MessageIds = 'unauthenticatedRoute' | 'missingRoleCheck' | 'addMiddleware' | 'addGuard';

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
            description: 'Path patterns whose routes must also pass a role or permission check.',
          },
          reportUnresolvedMounts: {
            type: 'boolean',
            description: 'Report routes of routers mounted in another file when the mount cannot be resolved.',
          },
        },
      },
    ],
    defaultOptions: [
      {
        publicRoutes: [],
        ignoreDefaultPublicRoutes: false,
        roleRequiredRoutes: [...defaultRoleRequiredRoutes],
        reportUnresolvedMounts: false,
      },
    ],
    messages: {
      unauthenticatedRoute:
        '{{method}} {{path}} ({{framework}}) is reachable without authentication: no auth middleware, guard or check runs before its handler. Add authentication, or list the path in `publicRoutes` if it is public by design.',
      missingRoleCheck:
        '{{method}} {{path}} is authenticated by `{{by}}` but no role or permission check runs, which routes matching `{{pattern}}` require. Add an authorization check before the handler.',
      addMiddleware: 'Insert `{{middleware}}` before the handler.',
      addGuard: 'Add `@UseGuards({{guard}})` to this route.',
    },
  },
  create(context, [options]) {
    const settings = getSettings(context);
    const vocabulary = buildVocabulary(settings, options);
    return {
      'Program:exit'() {
        const { routes } = getRoutes(context);
        if (routes.length === 0) return;
        const mountDeclaration = declaredMountFor(settings, relativeFilename(context));
        for (const route of routes) {
          const declared = classifyWithDeclaredMount(route, mountDeclaration, vocabulary);
          let effective = declared.route;
          let verdict = declared.verdict;
          if (verdict.status === 'unknown') {
            const resolved = resolveMountAcrossFiles(context, route, vocabulary);
            if (resolved !== null) {
              effective = { ...effective, path: joinPaths(resolved.prefix, effective.path), owner: null };
              verdict = resolved.authenticatedBy !== null
                ? { ...verdict, status: 'authenticated', by: resolved.authenticatedBy }
                : classifyRoute(effective, vocabulary);
            } else if (options.reportUnresolvedMounts) {
              verdict = { ...verdict, status: 'unauthenticated' };
            }
          }
          report(context, effective, verdict, vocabulary, options);
        }
      },
    };
  },
});

function buildVocabulary(settings: ApiSecuritySettings, options: RuleOptions): AuthVocabulary {
  const base = authVocabulary(settings, options.publicRoutes ?? []);
  if (!options.ignoreDefaultPublicRoutes) return base;
  return { ...base, publicRoutes: [...settings.publicRoutes, ...(options.publicRoutes ?? [])] };
}

function report(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  route: Route,
  verdict: AuthVerdict,
  vocabulary: AuthVocabulary,
  options: RuleOptions,
): void {
  const data = {
    method: route.methods.join('|'),
    path: route.path ?? '(dynamic path)',
    framework: route.framework,
  };
  const loc = reportLoc(route.reportNode);
  if (verdict.status === 'unauthenticated') {
    context.report({ loc, messageId: 'unauthenticatedRoute', data, suggest: suggestions(context, route, vocabulary) });
    return;
  }
  if (verdict.status === 'authenticated' && !verdict.roleChecked && route.path !== null) {
    const pattern = (options.roleRequiredRoutes ?? []).find((candidate) => matchesPathPattern(candidate, route.path!));
    if (pattern !== undefined) {
      context.report({ loc, messageId: 'missingRoleCheck', data: { ...data, by: verdict.by ?? 'authentication', pattern } });
    }
  }
}

/** The squiggle: `app.get('/users'` rather than the whole registration with its handler body. */
function reportLoc(node: TSESTree.Node): TSESTree.SourceLocation {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    const start = callee.type === AST_NODE_TYPES.MemberExpression ? callee.property.loc.start : node.loc.start;
    const first = node.arguments[0];
    // A chained `route('/x').get(handler)` has no path argument: the method name is enough.
    if (!first || isFunction(unwrap(first))) return { start, end: callee.loc.end };
    return { start, end: first.loc.end };
  }
  return node.loc;
}

/**
 * Offers the team's own authentication: an authenticating middleware or guard already used in
 * this file (its exact text), or a configured name that is in scope here.
 */
function suggestions(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  route: Route,
  vocabulary: AuthVocabulary,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const { routes } = getRoutes(context);
  const sourceCode = context.sourceCode;
  if (route.framework === 'nestjs') {
    const guard = findGuardText(routes, (guard) => guard.kind === 'guard' && guardAuthenticates(guard, vocabulary), sourceCode);
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
  if (route.framework === 'fastify' && route.insertBefore === null) return fastifySuggestions(context, route, vocabulary);
  const insertBefore = route.insertBefore;
  if (insertBefore === null) return [];
  let middleware = findGuardText(
    routes,
    (guard) => guard.kind === 'middleware' && guard.name !== null && guardAuthenticates(guard, vocabulary),
    sourceCode,
  );
  if (middleware === null) {
    const scope = sourceCode.getScope(insertBefore);
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
  vocabulary: AuthVocabulary,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const call = route.reportNode;
  if (call.type !== AST_NODE_TYPES.CallExpression) return [];
  const sourceCode = context.sourceCode;
  const scope = sourceCode.getScope(call);
  const hook = findGuardText(
    getRoutes(context).routes,
    (guard) => {
      if (guard.kind !== 'hook' || guard.name === null || !guardAuthenticates(guard, vocabulary)) return false;
      const root = guard.name.split('.')[0] ?? '';
      return findVariable(scope, root) !== null;
    },
    sourceCode,
  );
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

function findGuardText(
  routes: readonly Route[],
  accept: (guard: RouteGuard) => boolean,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string | null {
  for (const candidate of routes) {
    for (const guard of candidate.guards) {
      if (!accept(guard) || guard.level === 'global') continue;
      const node = guard.node.type === AST_NODE_TYPES.Decorator ? guard.node.expression : guard.node;
      if (dottedName(node) === null) continue;
      return sourceCode.getText(node);
    }
  }
  return null;
}

/** The last named import from `@nestjs/common`, after which `UseGuards` is added when it is not in scope. */
function useGuardsImport(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.ImportSpecifier | null {
  if (findVariable(sourceCode.getScope(node), 'UseGuards') !== null) return null;
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== '@nestjs/common') continue;
    const named = statement.specifiers.filter((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier);
    const last = named[named.length - 1];
    if (last) return last;
  }
  return null;
}
