import { describeVia, getFileAnalysis } from '../analysis/file-analysis.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';

import { includeTestsOption, skipsTestFile } from './shared/include-tests.js';
import { skipsUnknownSchema, unknownSchemaMessageData, unknownSchemasOption, type UnknownSchemas } from './shared/unknown-schemas.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';

export type Options = [{ sinks?: string[]; includeTests?: boolean; unknownSchemas?: UnknownSchemas }];
export type MessageIds = 'codeInjection' | 'templateOptions' | 'unknownSchema';

export default createRule<Options, MessageIds>({
  name: 'no-code-injection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request input in code that is evaluated at runtime',
      recommended: 'recommended',
      cwe: ['CWE-94', 'CWE-95'],
      owaspApi: 'API8:2023 Security Misconfiguration',
    },
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
            description: 'Extra functions or methods (dotted names or `/regex/`) whose first argument is evaluated as code.',
          },
        },
      },
    ],
    defaultOptions: [{ sinks: [], includeTests: false, unknownSchemas: 'ignore' }],
    messages: {
      unknownSchema:
        '{{source}} (line {{sourceLine}}) reaches code evaluated by `{{sink}}` (line {{sinkLine}}){{via}}; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or parse the data (JSON.parse, a lookup table) instead of evaluating it.',
      codeInjection:
        '{{source}} (line {{sourceLine}}) reaches code evaluated by `{{sink}}` (line {{sinkLine}}){{via}}; a client can run any JavaScript on the server. Parse the data (JSON.parse, a lookup table) instead of evaluating it.',
      templateOptions:
        '{{source}} (line {{sourceLine}}) is passed whole as the options of `{{sink}}` (line {{sinkLine}}){{via}}; the template engine reads its settings from them, so a client can run code. Pass an object of the fields the view needs.',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        for (const finding of getFileAnalysis(context).taint('code', { sinks: options.sinks ?? [] })) {
          // Validated by the route with a schema out of view: reported only when asked (`strict` does), with its own message.
          if (skipsUnknownSchema(finding.source, options.unknownSchemas)) continue;
          if (finding.source.unknownSchema) {
            context.report({ node: finding.node, messageId: 'unknownSchema', data: unknownSchemaMessageData(finding) });
            continue;
          }
          context.report({
            node: finding.node,
            messageId: finding.sink.role === 'options' ? 'templateOptions' : 'codeInjection',
            data: {
              source: finding.source.text,
              sourceLine: finding.source.line,
              sink: finding.sink.name,
              sinkLine: finding.sink.line,
              via: finding.sink.via ? ` through ${describeVia(finding.sink)}` : '',
            },
          });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});
