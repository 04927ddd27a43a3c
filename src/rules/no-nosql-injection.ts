import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getFileAnalysis } from '../analysis/file-analysis.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
import { argumentText, replaceExpression } from '../utils/fix-text.js';
import { nodesOfType, requiredModule, scopeOf } from '../utils/ast.js';
import { skipsTestFile } from './shared/include-tests.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';
import {
  flowMessageData,
  taintOptionsSchema,
  type DevRoutes,
  type UnknownSchemas,
  categoryReport,
} from './shared/taint-rules.js';

export type MessageIds = 'nosqlInjection' | 'nosqlInjectionHelper' | 'nosqlCode' | 'regexInjection' | 'devRoute' | 'unknownSchema' | 'wrapString' | 'useEq';
export type Options = [{ sinks?: string[]; includeTests?: boolean; devRoutes?: DevRoutes; unknownSchemas?: UnknownSchemas }];

/** Middleware that strips `$` and `.` keys from request input for the whole app. */
const SANITIZING_MIDDLEWARE = new Set(['express-mongo-sanitize', 'mongo-sanitize', '@exortek/express-mongo-sanitize']);

export default createRule<Options, MessageIds>({
  name: 'no-nosql-injection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow unchecked request input in MongoDB query filters',
      recommended: 'recommended',
      cwe: ['CWE-943'],
      owaspApi: 'API8:2023 Security Misconfiguration',
    },
    hasSuggestions: true,
    schema: taintOptionsSchema('a query filter'),
    defaultOptions: [{ sinks: [], includeTests: false, devRoutes: 'ignore', unknownSchemas: 'ignore' }],
    messages: {
      unknownSchema:
        '{{source}} (line {{sourceLine}}) reaches the filter of `{{sink}}` (line {{sinkLine}}){{via}}; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or coerce it with String() or match it with $eq.',
      nosqlInjection:
        '{{source}} (line {{sourceLine}}) reaches the filter of `{{sink}}` (line {{sinkLine}}) unchecked; a client can send an object such as {"$ne": null}. Coerce it with String(), validate its type, or match it with $eq.',
      nosqlInjectionHelper:
        '{{source}} (line {{sourceLine}}) reaches the filter of `{{sink}}` (line {{sinkLine}}){{via}} unchecked; a client can send an object such as {"$ne": null}. Coerce it with String(), validate its type, or match it with $eq.',
      nosqlCode:
        '{{source}} (line {{sourceLine}}) reaches JavaScript that MongoDB evaluates in `{{sink}}` (line {{sinkLine}}). Replace $where with query operators.',
      regexInjection:
        '{{source}} (line {{sourceLine}}) is the $regex pattern of `{{sink}}` (line {{sinkLine}}); a client can match any document or send a pattern that backtracks for a long time (ReDoS). Escape it with a regex-escape function such as _.escapeRegExp.',
      devRoute:
        '{{source}} (line {{sourceLine}}) reaches the query of `{{sink}}` (line {{sinkLine}}){{via}} unchecked, in a route registered only when {{devSwitch}} (line {{devSwitchLine}}) holds, a development or test switch; a client can send an object such as {"$ne": null}, JavaScript or a regex pattern through it to any server that runs with the switch on. Make sure no deployment turns it on, or coerce it with String(), validate its type, or escape it.',
      wrapString: 'Coerce the value with String().',
      useEq: 'Match the value with { $eq: ... }.',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    const usesSanitizer = (): boolean => {
      let found = false;
      nodesOfType(context.sourceCode.ast, AST_NODE_TYPES.CallExpression).forEach((node) => {
        if (found) return;
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'use') return;
        for (const argument of node.arguments) {
          if (argument.type !== AST_NODE_TYPES.CallExpression) continue;
          const fn = argument.callee;
          if (fn.type !== AST_NODE_TYPES.Identifier) continue;
          const module = moduleOf(scopeOf(context.sourceCode, fn).set.get(fn.name)?.defs[0]?.node ?? null, fn.name);
          if (module !== null && SANITIZING_MIDDLEWARE.has(module)) found = true;
        }
      });
      return found;
    };
    return {
      'Program:exit'() {
        const findings = getFileAnalysis(context).taint('nosql', { sinks: options.sinks ?? [] });
        if (findings.length === 0 || usesSanitizer()) return;
        for (const finding of findings) {
          // A dev route or a schema out of view: reported (or left out) as the options say, with the rule's message of the category (its id written out, for the lint of message ids).
          const category = categoryReport(finding, options);
          if (category !== null) {
            if (category !== 'skip') context.report({ node: finding.node, messageId: category.messageId === 'devRoute' ? 'devRoute' : 'unknownSchema', data: category.data });
            continue;
          }
          const data = flowMessageData(finding);
          if (finding.kind === 'code' || finding.kind === 'regex') {
            context.report({ node: finding.node, messageId: finding.kind === 'code' ? 'nosqlCode' : 'regexInjection', data });
            continue;
          }
          const node = finding.node;
          const text = argumentText(context.sourceCode, node);
          const isValue = node.parent?.type === AST_NODE_TYPES.Property && node.parent.value === node;
          context.report({
            node,
            messageId: finding.sink.via ? 'nosqlInjectionHelper' : 'nosqlInjection',
            data,
            suggest: isValue
              ? [
                  { messageId: 'wrapString', fix: (fixer) => replaceExpression(fixer, context.sourceCode, node, `String(${text})`) },
                  { messageId: 'useEq', fix: (fixer) => replaceExpression(fixer, context.sourceCode, node, `{ $eq: ${text} }`) },
                ]
              : [],
          });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});

function moduleOf(node: TSESTree.Node | null, name: string): string | null {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier || node.type === AST_NODE_TYPES.ImportSpecifier || node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
    return node.parent.type === AST_NODE_TYPES.ImportDeclaration ? String(node.parent.source.value) : null;
  }
  if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === name) {
    return requiredModule(node.init);
  }
  return null;
}
