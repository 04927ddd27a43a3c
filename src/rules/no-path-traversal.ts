import { describeVia, getFileAnalysis } from '../analysis/file-analysis.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
import { includeTestsOption, skipsTestFile } from './shared/include-tests.js';
import { skipsUnknownSchema, unknownSchemaMessageData, unknownSchemasOption, type UnknownSchemas } from './shared/unknown-schemas.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';

export type Options = [{ sinks?: string[]; includeTests?: boolean; devRoutes?: 'report' | 'ignore'; unknownSchemas?: UnknownSchemas }];
export type MessageIds = 'pathTraversal' | 'devRoute' | 'unknownSchema';

export default createRule<Options, MessageIds>({
  name: 'no-path-traversal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request input in file system paths',
      recommended: 'recommended',
      cwe: ['CWE-22'],
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
            description: 'Extra functions or methods (dotted names or `/regex/`) whose first argument is a file path.',
          },
          devRoutes: {
            type: 'string',
            enum: ['report', 'ignore'],
            description:
              'What to do with input read in a handler whose route is registered only when a development or test switch is on (`if (config.dev) app.post(…)`, `if (process.env.NODE_ENV === \'test\')`): such routes exist only in those runs, as the routes of test files do, unless the switch is on in production. `report` it with its own message, or `ignore` it.',
          },
        },
      },
    ],
    defaultOptions: [{ sinks: [], includeTests: false, devRoutes: 'ignore', unknownSchemas: 'ignore' }],
    messages: {
      unknownSchema:
        '{{source}} (line {{sourceLine}}) reaches the file path of `{{sink}}` (line {{sinkLine}}){{via}}; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or keep only path.basename() of it, or resolve it and check it still starts with the root directory.',
      pathTraversal:
        '{{source}} (line {{sourceLine}}) reaches the file path of `{{sink}}` (line {{sinkLine}}){{via}}; `../` or an absolute path in it reads or writes files outside the intended directory. Keep only path.basename() of it, or resolve it and check it still starts with the root directory.',
      devRoute:
        '{{source}} (line {{sourceLine}}) reaches the file path of `{{sink}}` (line {{sinkLine}}){{via}}, in a route registered only when {{devSwitch}} (line {{devSwitchLine}}) holds, a development or test switch; `../` or an absolute path in it reads or writes files outside the intended directory of any server that runs with the switch on. Make sure no deployment turns it on, or keep only path.basename() of it, or resolve it and check it still starts with the root directory.',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        for (const finding of getFileAnalysis(context).taint('path', { sinks: options.sinks ?? [] })) {
          // Validated by the route with a schema out of view: reported only when asked (`strict` does), with its own message.
          if (skipsUnknownSchema(finding.source, options.unknownSchemas)) continue;
          if (finding.source.unknownSchema) {
            context.report({ node: finding.node, messageId: 'unknownSchema', data: unknownSchemaMessageData(finding) });
            continue;
          }
          const source = finding.source.text;
          const sourceLine = finding.source.line;
          const sink = finding.sink.name;
          const sinkLine = finding.sink.line;
          const via = finding.sink.via ? ` through ${describeVia(finding.sink)}` : '';
          const devSwitch = finding.source.devSwitch;
          // A route of development or test runs only: reported when asked (`strict` does), with its own message.
          if (devSwitch === undefined) context.report({ node: finding.node, messageId: 'pathTraversal', data: { source, sourceLine, sink, sinkLine, via } });
          else if (options.devRoutes === 'report') {
            context.report({ node: finding.node, messageId: 'devRoute', data: { source, sourceLine, sink, sinkLine, via, devSwitch: devSwitch.text, devSwitchLine: devSwitch.line } });
          }
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});
