import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getFileAnalysis } from '../analysis/file-analysis.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
import { argumentText, replaceExpression } from '../utils/fix-text.js';
import { propertyName } from '../utils/ast.js';
import { skipsTestFile } from './shared/include-tests.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';
import {
  flowMessageData,
  taintOptionsSchema,
  type DevRoutes,
  type UnknownSchemas,
  categoryReport,
} from './shared/taint-rules.js';

export type Options = [{ sinks?: string[]; includeTests?: boolean; devRoutes?: DevRoutes; unknownSchemas?: UnknownSchemas }];
export type MessageIds = 'reflectedXss' | 'rawTemplateOutput' | 'devRoute' | 'unknownSchema' | 'escapeHtml';

/** Escape functions a suggestion can call, by module: default import, or a member/named export. */
const ESCAPERS: Readonly<Record<string, { default?: true; member?: string }>> = {
  'escape-html': { default: true },
  'lodash.escape': { default: true },
  'lodash/escape': { default: true },
  he: { member: 'escape' },
  lodash: { member: 'escape' },
  'lodash-es': { member: 'escape' },
  validator: { member: 'escape' },
  'html-escaper': { member: 'escape' },
};

export default createRule<Options, MessageIds>({
  name: 'no-reflected-xss',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request input in HTML responses without escaping',
      recommended: 'recommended',
      cwe: ['CWE-79'],
      owaspApi: 'API8:2023 Security Misconfiguration',
    },
    hasSuggestions: true,
    schema: taintOptionsSchema('sent as HTML'),
    // `unknownSchemas` is reported by default: request text answered as HTML is fixed by escaping it
    // or sending JSON, whatever a schema out of view lets through.
    defaultOptions: [{ sinks: [], includeTests: false, devRoutes: 'ignore', unknownSchemas: 'report' }],
    messages: {
      unknownSchema:
        '{{source}} (line {{sourceLine}}) is sent as HTML by `{{sink}}` (line {{sinkLine}}){{via}} without escaping; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or escape it for HTML, or send JSON or text/plain.',
      reflectedXss:
        '{{source}} (line {{sourceLine}}) is sent as HTML by `{{sink}}` (line {{sinkLine}}){{via}} without escaping; a link can run script in your users\' browsers. Escape it for HTML, or send JSON or text/plain.',
      rawTemplateOutput:
        '{{source}} (line {{sourceLine}}) is passed to the view rendered by `{{sink}}` (line {{sinkLine}}){{via}}, whose template writes it without escaping: `{{tag}}` in {{template}}:{{templateLine}}; a link can run script in your users\' browsers. Write it with the template\'s escaping tag (EJS `<%= %>`, double braces in Handlebars, `#{}` in Pug, no `safe` filter), or sanitize the value before rendering.',
      devRoute:
        '{{source}} (line {{sourceLine}}) is sent as HTML by `{{sink}}` (line {{sinkLine}}){{via}} without escaping, in a route registered only when {{devSwitch}} (line {{devSwitchLine}}) holds, a development or test switch; a link to any server that runs with the switch on can run script in its users\' browsers. Make sure no deployment turns it on, or escape it for HTML, or send JSON or text/plain.',
      escapeHtml: 'Escape the value with `{{escaper}}`.',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        const escaper = importedEscaper(context.sourceCode.ast);
        for (const finding of getFileAnalysis(context).taint('xss', { sinks: options.sinks ?? [] })) {
          // A dev route or a schema out of view: reported (or left out) as the options say, with the rule's message of the category (its id written out, for the lint of message ids).
          const category = categoryReport(finding, options);
          if (category !== null) {
            if (category !== 'skip') context.report({ node: finding.node, messageId: category.messageId === 'devRoute' ? 'devRoute' : 'unknownSchema', data: category.data });
            continue;
          }
          const node = finding.node;
          const text = argumentText(context.sourceCode, node);
          const template = finding.sink.template;
          if (template) {
            const file = path.relative(context.cwd, template.file).split(path.sep).join('/');
            context.report({
              node,
              messageId: 'rawTemplateOutput',
              data: flowMessageData(finding, { tag: template.tag, template: file, templateLine: template.line }),
            });
            continue;
          }
          context.report({
            node,
            messageId: 'reflectedXss',
            data: flowMessageData(finding),
            suggest:
              escaper && finding.sink.via === null
                ? [{ messageId: 'escapeHtml', data: { escaper }, fix: (fixer) => replaceExpression(fixer, context.sourceCode, node, `${escaper}(${text})`) }]
                : [],
          });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});

/** The name to call an HTML escape function imported in this file (`escapeHtml`, `he.escape`, `_.escape`). */
function importedEscaper(program: TSESTree.Program): string | null {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    const model = ESCAPERS[String(statement.source.value)];
    if (!model) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        if (model.member !== undefined && propertyName(specifier.imported) === model.member && specifier.importKind !== 'type') return specifier.local.name;
        continue;
      }
      if (model.default) return specifier.local.name;
      if (model.member !== undefined) return `${specifier.local.name}.${model.member}`;
    }
  }
  return null;
}
