import { describeVia, getFileAnalysis } from '../analysis/file-analysis.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
import { includeTestsOption, skipsTestFile } from './shared/include-tests.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';

export type Options = [{ sinks?: string[]; includeTests?: boolean }];
export type MessageIds = 'openRedirect';

export default createRule<Options, MessageIds>({
  name: 'no-open-redirect',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow redirects to URLs taken from the request',
      recommended: 'recommended',
      cwe: ['CWE-601'],
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
            description: 'Extra functions or methods (dotted names or `/regex/`) whose first argument is a URL the client is redirected to.',
          },
        },
      },
    ],
    defaultOptions: [{ sinks: [], includeTests: false }],
    messages: {
      openRedirect:
        '{{source}} (line {{sourceLine}}) decides where `{{sink}}` (line {{sinkLine}}) redirects the client{{via}}; a link to this site can send users to any other site. Redirect only to a fixed path prefix, to an allowlisted URL, or check the value starts with "/" and not "//".',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        for (const finding of getFileAnalysis(context).taint('redirect', { sinks: options.sinks ?? [] })) {
          context.report({
            node: finding.node,
            messageId: 'openRedirect',
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
