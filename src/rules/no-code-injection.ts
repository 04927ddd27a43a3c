import { getFileAnalysis } from '../analysis/file-analysis.js';
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
export type MessageIds = 'codeInjection' | 'templateOptions' | 'devRoute' | 'unknownSchema';

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
    schema: taintOptionsSchema('evaluated as code'),
    defaultOptions: [{ sinks: [], includeTests: false, devRoutes: 'ignore', unknownSchemas: 'ignore' }],
    messages: {
      unknownSchema:
        '{{source}} (line {{sourceLine}}) reaches code evaluated by `{{sink}}` (line {{sinkLine}}){{via}}; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or parse the data (JSON.parse, a lookup table) instead of evaluating it.',
      codeInjection:
        '{{source}} (line {{sourceLine}}) reaches code evaluated by `{{sink}}` (line {{sinkLine}}){{via}}; a client can run any JavaScript on the server. Parse the data (JSON.parse, a lookup table) instead of evaluating it.',
      templateOptions:
        '{{source}} (line {{sourceLine}}) is passed whole as the options of `{{sink}}` (line {{sinkLine}}){{via}}; the template engine reads its settings from them, so a client can run code. Pass an object of the fields the view needs.',
      devRoute:
        '{{source}} (line {{sourceLine}}) reaches code or template options evaluated by `{{sink}}` (line {{sinkLine}}){{via}}, in a route registered only when {{devSwitch}} (line {{devSwitchLine}}) holds, a development or test switch; a client can run any JavaScript on any server that runs with the switch on. Make sure no deployment turns it on, or parse the data (JSON.parse, a lookup table) instead of evaluating it.',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        for (const finding of getFileAnalysis(context).taint('code', { sinks: options.sinks ?? [] })) {
          // A dev route or a schema out of view: reported (or left out) as the options say, with the rule's message of the category (its id written out, for the lint of message ids).
          const category = categoryReport(finding, options);
          if (category !== null) {
            if (category !== 'skip') context.report({ node: finding.node, messageId: category.messageId === 'devRoute' ? 'devRoute' : 'unknownSchema', data: category.data });
            continue;
          }
          context.report({ node: finding.node, messageId: finding.sink.role === 'options' ? 'templateOptions' : 'codeInjection', data: flowMessageData(finding) });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});
