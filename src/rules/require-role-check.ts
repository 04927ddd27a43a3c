import { routeReportLoc } from '../analysis/routes/report-location.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import { handlerFunction } from '../analysis/authorization/handler-function.js';
import { privilegedOperation } from '../analysis/authorization/privilege.js';
import { sharedPrivilegedWrite } from '../analysis/authorization/shared-writes.js';
import {
  commonCheck,
  foreignSiblings,
  inconsistentSiblings,
  relativeTo,
  roleJudgedResolvers,
  roleJudgedRoutes,
  roleRequiredPatterns,
  type RoleCheckText,
} from '../analysis/authorization/role-checks.js';
import { authVocabulary } from '../analysis/routes/auth.js';
import { matchesPathPattern } from '../analysis/routes/paths.js';
import { propertyName } from '../utils/ast.js';
import type { Route } from '../analysis/routes/index.js';
import { createRule } from '../utils/create-rule.js';
import { getSettings } from '../utils/settings.js';
import { includeTestsOption, skipsTestFile } from './shared/include-tests.js';

export interface RuleOptions {
  roleRequiredRoutes?: string[];
  privilegedRoutes?: 'report' | 'ignore';
  inconsistentRoutes?: 'report' | 'ignore';
  includeTests?: boolean;
}
export type Options = [RuleOptions];
export type MessageIds = 'missingRoleCheck' | 'privilegedRoute' | 'inconsistentRoleCheck' | 'addRoleCheck' | 'addRoleHook';

export default createRule<Options, MessageIds>({
  name: 'require-role-check',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a role or permission check in front of privileged routes',
      recommended: 'recommended',
      cwe: ['CWE-285'],
      owaspApi: 'API5:2023 Broken Function Level Authorization',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          roleRequiredRoutes: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Path patterns whose authenticated routes must also pass a role or permission check (`*` one segment, `**` any number). Default: `settings[\'api-security\'].roleRequiredRoutes`, else `**/admin` and `**/admin/**`.',
          },
          privilegedRoutes: {
            type: 'string',
            enum: ['report', 'ignore'],
            description:
              'Report an authenticated route without a role check whose handler (or a function it calls, in this file or another) performs a privileged function: writes a role, the credentials or status of another user, deletes or lists all users, writes a system setting, impersonates, refunds. `report` in `strict`.',
          },
          inconsistentRoutes: {
            type: 'string',
            enum: ['report', 'ignore'],
            description:
              'Report an authenticated route without a role check when most of its sibling routes (same router, controller or file, or routers and controllers of other files at the same path prefix; same kind: reads or writes) check a role. `report` in `strict`.',
          },
          includeTests: includeTestsOption,
        },
      },
    ],
    defaultOptions: [{ privilegedRoutes: 'ignore', inconsistentRoutes: 'ignore', includeTests: false }],
    messages: {
      missingRoleCheck:
        '{{method}} {{path}} is authenticated by {{by}} but no role or permission check runs, which routes matching `{{pattern}}` require. Add an authorization check before the handler.',
      privilegedRoute:
        '{{method}} {{path}} ({{framework}}) {{operation}} ({{at}}), but any authenticated user can call it: it is authenticated by {{by}} and no role or permission check runs. Add a role check before the handler.',
      inconsistentRoleCheck:
        '{{method}} {{path}} ({{framework}}) is authenticated by {{by}} but has no role or permission check, while {{checked}} of {{total}} sibling routes {{where}} check {{check}}. Add the same check, or disable this report for the route if any authenticated user may call it.',
      addRoleCheck: 'Insert `{{check}}` before the handler.',
      addRoleHook: 'Run `{{check}}` in the route\'s `{{hook}}` hook.',
    },
  },
  create(context, [options]) {
    if (skipsTestFile(context, options.includeTests)) return {};
    const vocabulary = authVocabulary(getSettings(context));
    const patterns = roleRequiredPatterns(context, options.roleRequiredRoutes);
    return {
      'Program:exit'() {
        const judged = roleJudgedRoutes(context);
        // The role check the file's checked routes run, read once (for the suggestion of every report).
        let fileCheck: RoleCheckText | null | undefined;
        const checkOfFile = (): RoleCheckText | null =>
          (fileCheck ??= commonCheck(judged.filter((route) => route.entries.every((entry) => entry.checked)), vocabulary, context.sourceCode));
        for (const target of judged) {
          let reported = false;
          for (const entry of target.entries) {
            if (entry.checked || entry.route.path === null) continue;
            const requiresRole = entry.verdict.status === 'authenticated' || (entry.verdict.status === 'unknown' && entry.verdict.unjudged);
            if (!requiresRole) continue;
            const pattern = patterns.find((candidate) => matchesPathPattern(candidate, entry.route.path!));
            if (pattern === undefined) continue;
            const by = entry.verdict.status === 'authenticated' ? (entry.verdict.by === null ? 'authentication' : quotedBy(entry.verdict.by)) : quotedBy(entry.verdict.unjudged?.name ?? 'a guard');
            const data = { method: entry.route.methods.join('|'), path: routeName(entry.route), by, pattern };
            context.report({ loc: routeReportLoc(target.route.reportNode), messageId: 'missingRoleCheck', data });
            reported = true;
          }
          if (reported) continue;
          const open = target.entries.find((entry) => !entry.checked && entry.verdict.status === 'authenticated');
          if (!open) continue;
          const base = {
            method: open.route.methods.join('|'),
            path: routeName(open.route),
            framework: open.route.framework,
            by: open.verdict.by === null ? 'authentication' : quotedBy(open.verdict.by),
          };
          if (options.privilegedRoutes === 'report') {
            const found = privilegedOperationOf(target.route, context);
            if (found !== null) {
              context.report({
                loc: routeReportLoc(target.route.reportNode),
                messageId: 'privilegedRoute',
                data: { method: base.method, path: base.path, framework: base.framework, by: base.by, operation: found.description, at: found.at },
                suggest: suggestions(target.route, checkOfFile(), context.sourceCode),
              });
              continue;
            }
            const shared = sharedPrivilegedWrite(judged, target, context.sourceCode);
            if (shared !== null) {
              const operation = `writes \`${shared.write.field}\` of \`${shared.write.model}\`, which \`${shared.checkedRoute}\` of this file writes only behind a role check`;
              context.report({
                loc: routeReportLoc(target.route.reportNode),
                messageId: 'privilegedRoute',
                data: { method: base.method, path: base.path, framework: base.framework, by: base.by, operation, at: `line ${String(shared.write.node.loc.start.line)}` },
                suggest: suggestions(target.route, checkOfFile(), context.sourceCode),
              });
              continue;
            }
          }
          if (options.inconsistentRoutes === 'report') {
            const siblings = inconsistentSiblings(judged, target, vocabulary, context.sourceCode, foreignSiblings(context, target));
            if (siblings !== null) {
              context.report({
                loc: routeReportLoc(target.route.reportNode),
                messageId: 'inconsistentRoleCheck',
                data: { method: base.method, path: base.path, framework: base.framework, by: base.by, checked: siblings.checked, total: siblings.total, where: siblings.where, check: siblings.check === null ? 'a role' : `\`${siblings.check.text}\`` },
                suggest: suggestions(target.route, siblings.checkInScope ? siblings.check : null, context.sourceCode),
              });
            }
          }
        }
        // GraphQL root fields (`Mutation.deleteUser`): privileged by what their resolver does, as a route is.
        if (options.privilegedRoutes !== 'report') return;
        for (const target of roleJudgedResolvers(context)) {
          const open = target.entries.find((entry) => !entry.checked && entry.verdict.status === 'authenticated');
          if (!open) continue;
          const found = privilegedOperationOf(target.route, context);
          if (found === null) continue;
          context.report({
            loc: routeReportLoc(target.route.reportNode),
            messageId: 'privilegedRoute',
            data: {
              method: open.route.methods.join('|'),
              path: routeName(open.route),
              framework: open.route.framework,
              by: open.verdict.by === null ? 'authentication' : quotedBy(open.verdict.by),
              operation: found.description,
              at: found.at,
            },
          });
        }
      },
    };
  },
});

/** The privileged operation a route's handler performs (see `privilegedOperation`), with where it is as a message names it. */
function privilegedOperationOf(route: Route, context: Readonly<TSESLint.RuleContext<MessageIds, Options>>): { description: string; at: string } | null {
  const handler = handlerFunction(route, context.sourceCode);
  const found = handler ? privilegedOperation(handler.fn, handler.sourceCode, route.handler?.style) : null;
  if (found === null) return null;
  const at = found.file === undefined || path.resolve(found.file) === path.resolve(context.filename)
    ? `line ${String(found.line)}`
    : `${relativeTo(context.cwd, found.file)}:${String(found.line)}`;
  return { description: found.description, at };
}

function routeName(route: Route): string {
  return route.label ?? route.path ?? '(dynamic path)';
}

/**
 * Offers the role check the file's other routes run, as written: a middleware inserted before the
 * handler (Express-like routes), a decorator above the route's (NestJS and other decorator
 * controllers), or a Fastify route hook in the hook the file writes it in.
 */
function suggestions(route: Route, check: RoleCheckText | null, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  if (check === null) return [];
  if (check.kind === 'decorator') {
    const decorator = route.reportNode;
    if (decorator.type !== AST_NODE_TYPES.Decorator) return [];
    const indent = ' '.repeat(decorator.loc.start.column);
    return [{ messageId: 'addRoleCheck', data: { check: check.text }, fix: (fixer) => fixer.insertTextBefore(decorator, `${check.text}\n${indent}`) }];
  }
  if (check.kind === 'hook') {
    const fix = hookFix(route, check, sourceCode);
    return fix === null ? [] : [{ messageId: 'addRoleHook', data: { check: check.text, hook: check.hook ?? '' }, fix }];
  }
  const insertBefore = route.insertBefore;
  if (insertBefore === null) return [];
  return [{ messageId: 'addRoleCheck', data: { check: check.text }, fix: (fixer) => fixer.insertTextBefore(insertBefore, `${check.text}, `) }];
}


/**
 * A Fastify route gets the check in the hook the file writes it in (`preHandler`), after what the
 * route runs there already (its authentication may be one of them): appended to the route's array of
 * that hook, added as a property of its options, or as an options object before the handler.
 */
function hookFix(route: Route, check: RoleCheckText, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.ReportFixFunction | null {
  const hook = check.hook;
  const handler = route.handler?.node;
  if (hook === undefined || route.framework !== 'fastify' || !handler) return null;
  const parent = handler.parent;
  let options: TSESTree.ObjectExpression | null = null;
  if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) options = parent.parent;
  else if (parent?.type === AST_NODE_TYPES.CallExpression) {
    const position = parent.arguments.indexOf(handler as TSESTree.CallExpressionArgument);
    const before = position > 0 ? parent.arguments[position - 1] : undefined;
    if (position === 2 && before?.type === AST_NODE_TYPES.ObjectExpression) options = before;
    else if (position === 1) return (fixer) => fixer.insertTextBefore(handler, `{ ${hook}: [${check.text}] }, `);
    else return null;
  } else return null;
  const existing = options.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === hook);
  if (existing) {
    const value = existing.value;
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      const last = value.elements[value.elements.length - 1];
      return last ? (fixer) => fixer.insertTextAfter(last, `, ${check.text}`) : (fixer) => fixer.replaceText(value, `[${check.text}]`);
    }
    // One hook (a name, a call, an inline function): made a list that runs it first.
    if (value.type === AST_NODE_TYPES.AssignmentPattern || value.type === AST_NODE_TYPES.ObjectPattern || value.type === AST_NODE_TYPES.ArrayPattern || value.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression) return null;
    return (fixer) => fixer.replaceText(value, `[${sourceCode.getText(value)}, ${check.text}]`);
  }
  const first = options.properties[0];
  const target = options;
  return first ? (fixer) => fixer.insertTextBefore(first, `${hook}: [${check.text}], `) : (fixer) => fixer.replaceText(target, `{ ${hook}: [${check.text}] }`);
}

/**
 * What authenticates a route, as a message shows it: a name in the code as code, a description the
 * route model writes (`check of \`req.user\``) as it is.
 */
function quotedBy(by: string): string {
  return by.includes('`') || /\s/u.test(by) ? by : `\`${by}\``;
}

