import { getFileAnalysis } from '../analysis/file-analysis.js';
import { parameterizeSql } from '../analysis/taint/suggestions.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
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
export type MessageIds = 'sqlInjection' | 'sqlInjectionHelper' | 'devRoute' | 'unknownSchema' | 'parameterize';

export default createRule<Options, MessageIds>({
  name: 'no-sql-injection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request input in SQL text',
      recommended: 'recommended',
      cwe: ['CWE-89'],
      owaspApi: 'API8:2023 Security Misconfiguration',
    },
    hasSuggestions: true,
    schema: taintOptionsSchema('SQL text'),
    defaultOptions: [{ sinks: [], includeTests: false, devRoutes: 'ignore', unknownSchemas: 'ignore' }],
    messages: {
      unknownSchema:
        '{{source}} (line {{sourceLine}}) reaches the SQL text of `{{sink}}` (line {{sinkLine}}){{via}}; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or pass it as a bound parameter instead of building the query string.',
      sqlInjection:
        '{{source}} (line {{sourceLine}}) reaches the SQL text of `{{sink}}` (line {{sinkLine}}) without parameters. Pass it as a bound parameter instead of building the query string.',
      sqlInjectionHelper:
        '{{source}} (line {{sourceLine}}) reaches the SQL text of `{{sink}}` (line {{sinkLine}}){{via}}. Pass it as a bound parameter instead of building the query string.',
      devRoute:
        '{{source}} (line {{sourceLine}}) reaches the SQL text of `{{sink}}` (line {{sinkLine}}){{via}} without parameters, in a route registered only when {{devSwitch}} (line {{devSwitchLine}}) holds, a development or test switch; a client can change the query on any server that runs with the switch on. Make sure no deployment turns it on, or pass it as a bound parameter instead of building the query string.',
      parameterize: 'Rewrite the query with bound parameters.',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        const analysis = getFileAnalysis(context);
        for (const finding of analysis.taint('sql', { sinks: options.sinks ?? [] })) {
          // A dev route or a schema out of view: reported (or left out) as the options say, with the rule's message of the category (its id written out, for the lint of message ids).
          const category = categoryReport(finding, options);
          if (category !== null) {
            if (category !== 'skip') context.report({ node: finding.node, messageId: category.messageId === 'devRoute' ? 'devRoute' : 'unknownSchema', data: category.data });
            continue;
          }
          const fix = parameterizeSql(finding, analysis.engine, context.sourceCode);
          context.report({
            node: finding.node,
            messageId: finding.sink.via ? 'sqlInjectionHelper' : 'sqlInjection',
            data: flowMessageData(finding),
            suggest: fix ? [{ messageId: 'parameterize', fix }] : [],
          });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});
