import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { describeVia, getFileAnalysis } from '../analysis/file-analysis.js';
import type { SinkSite, TaintFinding } from '../analysis/taint/types.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
import { argumentText, replaceExpression } from '../utils/fix-text.js';
import { includeTestsOption, skipsTestFile } from './shared/include-tests.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';
import { skipsUnknownSchema, unknownSchemaMessageData, unknownSchemasOption, type UnknownSchemas } from './shared/unknown-schemas.js';

export type Options = [{ sinks?: string[]; reportPathInjection?: boolean; includeTests?: boolean; unknownSchemas?: UnknownSchemas }];
export type MessageIds = 'ssrf' | 'pathInjection' | 'unknownSchema' | 'encodeSegment';

export default createRule<Options, MessageIds>({
  name: 'no-ssrf',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request input in the URL of server-side HTTP requests',
      recommended: 'recommended',
      cwe: ['CWE-918'],
      owaspApi: 'API7:2023 Server Side Request Forgery',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          includeTests: includeTestsOption,
          sinks: {
            type: 'array',
            items: { type: 'string' },
            description: 'Extra functions or methods (dotted names or `/regex/`) whose first argument is a URL the server requests.',
          },
          reportPathInjection: {
            type: 'boolean',
            description: 'Also report raw request input in the path or query of a URL whose origin is fixed (it can reach other endpoints of that API with `../` or add parameters).',
          },
          unknownSchemas: unknownSchemasOption,
        },
      },
    ],
    defaultOptions: [{ sinks: [], reportPathInjection: true, includeTests: false, unknownSchemas: 'ignore' }],
    messages: {
      ssrf:
        '{{source}} (line {{sourceLine}}) decides where `{{sink}}` (line {{sinkLine}}) sends a request{{via}}. Build the URL from a fixed origin, or parse it and check its hostname against an allowlist.',
      pathInjection:
        '{{source}} (line {{sourceLine}}) is inserted raw into the path or query of the URL requested by `{{sink}}` (line {{sinkLine}}){{via}}; `../`, `?` or `#` in it can reach other endpoints of that server. Encode it with encodeURIComponent() or URLSearchParams.',
      unknownSchema:
        '{{source}} (line {{sourceLine}}) reaches the URL requested by `{{sink}}` (line {{sinkLine}}){{via}}; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or encode it with encodeURIComponent() under a fixed origin.',
      encodeSegment: 'Encode the value with encodeURIComponent().',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        const analysis = getFileAnalysis(context);
        const sinks = { sinks: options.sinks ?? [] };
        const ssrf = analysis.taint('ssrf', sinks).filter((finding) => !skipsUnknownSchema(finding.source, options.unknownSchemas));
        for (const finding of ssrf) {
          if (finding.source.unknownSchema) context.report({ node: finding.node, messageId: 'unknownSchema', data: unknownSchemaMessageData(finding) });
          else context.report({ node: finding.node, messageId: 'ssrf', data: describe(finding) });
        }
        if (options.reportPathInjection === false) return;
        const reported = new Set(ssrf.map((finding) => finding.sink.call));
        for (const finding of analysis.taint('url-path', sinks)) {
          if (reported.has(finding.sink.call)) continue;
          if (skipsUnknownSchema(finding.source, options.unknownSchemas)) continue;
          if (finding.source.unknownSchema) {
            context.report({ node: finding.node, messageId: 'unknownSchema', data: unknownSchemaMessageData(finding) });
            continue;
          }
          const fix = encodeFix(finding, context.sourceCode);
          context.report({
            node: finding.node,
            messageId: 'pathInjection',
            data: describe(finding),
            suggest: fix ? [{ messageId: 'encodeSegment', fix }] : [],
          });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});

function describe(finding: TaintFinding<SinkSite>): Record<string, string | number> {
  return {
    source: finding.source.text,
    sourceLine: finding.source.line,
    sink: finding.sink.name,
    sinkLine: finding.sink.line,
    via: finding.sink.via ? ` through ${describeVia(finding.sink)}` : '',
  };
}

/** Only a `${}` expression of a template (or a `+` operand) is one path segment to encode. */
function encodeFix(finding: TaintFinding<SinkSite>, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.ReportFixFunction | null {
  const parent = finding.node.parent;
  const inTemplate = parent?.type === AST_NODE_TYPES.TemplateLiteral && parent.expressions.includes(finding.node as never);
  const inConcat = parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+';
  if (!inTemplate && !inConcat) return null;
  const text = argumentText(sourceCode, finding.node);
  return (fixer) => replaceExpression(fixer, sourceCode, finding.node, `encodeURIComponent(${text})`);
}
