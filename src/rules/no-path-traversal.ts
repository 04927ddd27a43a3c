import { describeVia, getFileAnalysis } from '../analysis/file-analysis.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
import { includeTestsOption, skipsTestFile } from './shared/include-tests.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';

export type Options = [{ sinks?: string[]; includeTests?: boolean }];
export type MessageIds = 'pathTraversal';

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
          sinks: {
            type: 'array',
            items: { type: 'string' },
            description: 'Extra functions or methods (dotted names or `/regex/`) whose first argument is a file path.',
          },
        },
      },
    ],
    defaultOptions: [{ sinks: [], includeTests: false }],
    messages: {
      pathTraversal:
        '{{source}} (line {{sourceLine}}) reaches the file path of `{{sink}}` (line {{sinkLine}}){{via}}; `../` or an absolute path in it reads or writes files outside the intended directory. Keep only path.basename() of it, or resolve it and check it still starts with the root directory.',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        for (const finding of getFileAnalysis(context).taint('path', { sinks: options.sinks ?? [] })) {
          context.report({
            node: finding.node,
            messageId: 'pathTraversal',
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
