import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { getFileAnalysis } from '../analysis/file-analysis.js';
import type { SinkSite, TaintFinding } from '../analysis/taint/types.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
import { argumentText, replaceExpression } from '../utils/fix-text.js';
import { skipsTestFile } from './shared/include-tests.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';
import {
  flowMessageData,
  taintOptionsSchema,
  type DevRoutes,
  type UnknownSchemas,
  categoryReport,
} from './shared/taint-rules.js';

export type Options = [{ sinks?: string[]; reportPathInjection?: boolean; includeTests?: boolean; devRoutes?: DevRoutes; unknownSchemas?: UnknownSchemas }];
export type MessageIds = 'ssrf' | 'pathInjection' | 'devRoute' | 'unknownSchema' | 'encodeSegment';

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
    schema: taintOptionsSchema('a URL the server requests', {
      reportPathInjection: {
        type: 'boolean',
        description: 'Also report raw request input in the path or query of a URL whose origin is fixed (it can reach other endpoints of that API with `../` or add parameters).',
      },
    }),
    defaultOptions: [{ sinks: [], reportPathInjection: true, includeTests: false, devRoutes: 'ignore', unknownSchemas: 'ignore' }],
    messages: {
      ssrf:
        '{{source}} (line {{sourceLine}}) decides where `{{sink}}` (line {{sinkLine}}) sends a request{{via}}. Build the URL from a fixed origin, or parse it and check its hostname against an allowlist.',
      pathInjection:
        '{{source}} (line {{sourceLine}}) is inserted raw into the path or query of the URL requested by `{{sink}}` (line {{sinkLine}}){{via}}; `../`, `?` or `#` in it can reach other endpoints of that server. Encode it with encodeURIComponent() or URLSearchParams.',
      devRoute:
        '{{source}} (line {{sourceLine}}) reaches the URL requested by `{{sink}}` (line {{sinkLine}}){{via}}, in a route registered only when {{devSwitch}} (line {{devSwitchLine}}) holds, a development or test switch; a client can send requests to other hosts or endpoints from any server that runs with the switch on. Make sure no deployment turns it on, or build the URL from a fixed origin, check its hostname against an allowlist, and encode the values in its path.',
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
        // The requests whose URL the client decides: a raw segment in the same URL adds nothing. Only
        // findings actually reported count: one left out (a dev route, a schema out of view, under
        // `ignore`) does not hide a raw segment in the same URL. A dev route is tested first: a
        // finding that is both is reported once, as a dev route.
        const reported = new Set<SinkSite>();
        for (const finding of analysis.taint('ssrf', sinks)) {
          const category = categoryReport(finding, options);
          if (category === 'skip') continue;
          reported.add(finding.sink.call);
          if (category) context.report({ node: finding.node, messageId: category.messageId === 'devRoute' ? 'devRoute' : 'unknownSchema', data: category.data });
          else context.report({ node: finding.node, messageId: 'ssrf', data: flowMessageData(finding) });
        }
        if (options.reportPathInjection === false) return;
        for (const finding of analysis.taint('url-path', sinks)) {
          if (reported.has(finding.sink.call)) continue;
          // A dev route or a schema out of view: reported (or left out) as the options say, with the rule's message of the category (its id written out, for the lint of message ids).
          const category = categoryReport(finding, options);
          if (category !== null) {
            if (category !== 'skip') context.report({ node: finding.node, messageId: category.messageId === 'devRoute' ? 'devRoute' : 'unknownSchema', data: category.data });
            continue;
          }
          const fix = encodeFix(finding, context.sourceCode);
          context.report({
            node: finding.node,
            messageId: 'pathInjection',
            data: flowMessageData(finding),
            suggest: fix ? [{ messageId: 'encodeSegment', fix }] : [],
          });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});

/** Only a `${}` expression of a template (or a `+` operand) is one path segment to encode. */
function encodeFix(finding: TaintFinding<SinkSite>, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.ReportFixFunction | null {
  const parent = finding.node.parent;
  const inTemplate = parent?.type === AST_NODE_TYPES.TemplateLiteral && parent.expressions.includes(finding.node as never);
  const inConcat = parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+';
  if (!inTemplate && !inConcat) return null;
  const text = argumentText(sourceCode, finding.node);
  return (fixer) => replaceExpression(fixer, sourceCode, finding.node, `encodeURIComponent(${text})`);
}
