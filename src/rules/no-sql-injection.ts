import { describeVia, getFileAnalysis } from '../analysis/file-analysis.js';
import { parameterizeSql } from '../analysis/taint/suggestions.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
import { includeTestsOption, skipsTestFile } from './shared/include-tests.js';
import { skipsUnknownSchema, unknownSchemaMessageData, unknownSchemasOption, type UnknownSchemas } from './shared/unknown-schemas.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';

export type Options = [{ sinks?: string[]; includeTests?: boolean; unknownSchemas?: UnknownSchemas }];
export type MessageIds = 'sqlInjection' | 'sqlInjectionHelper' | 'parameterize' | 'unknownSchema';

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
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          includeTests: includeTestsOption,
          unknownSchemas: unknownSchemasOption,
          sinks: {
            type: 'array',
            items: { type: 'string' },
            description: 'Extra functions or methods (dotted names or `/regex/`) whose first argument is SQL text.',
          },
        },
      },
    ],
    defaultOptions: [{ sinks: [], includeTests: false, unknownSchemas: 'ignore' }],
    messages: {
      unknownSchema:
        '{{source}} (line {{sourceLine}}) reaches the SQL text of `{{sink}}` (line {{sinkLine}}){{via}}; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or pass it as a bound parameter instead of building the query string.',
      sqlInjection:
        '{{source}} (line {{sourceLine}}) reaches the SQL text of `{{sink}}` (line {{sinkLine}}) without parameters. Pass it as a bound parameter instead of building the query string.',
      sqlInjectionHelper:
        '{{source}} (line {{sourceLine}}) reaches the SQL text of `{{sink}}` (line {{sinkLine}}) through {{via}}. Pass it as a bound parameter instead of building the query string.',
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
          // Validated by the route with a schema out of view: reported only when asked (`strict` does), with its own message.
          if (skipsUnknownSchema(finding.source, options.unknownSchemas)) continue;
          if (finding.source.unknownSchema) {
            context.report({ node: finding.node, messageId: 'unknownSchema', data: unknownSchemaMessageData(finding) });
            continue;
          }
          const fix = parameterizeSql(finding, analysis.engine, context.sourceCode);
          const data = {
            source: finding.source.text,
            sourceLine: finding.source.line,
            sink: finding.sink.name,
            sinkLine: finding.sink.line,
            via: describeVia(finding.sink),
          };
          context.report({
            node: finding.node,
            messageId: finding.sink.via ? 'sqlInjectionHelper' : 'sqlInjection',
            data,
            suggest: fix ? [{ messageId: 'parameterize', fix }] : [],
          });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});
