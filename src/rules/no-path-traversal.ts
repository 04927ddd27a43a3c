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
    schema: taintOptionsSchema('a file path'),
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
          // A route of development or test runs only: reported when asked (`strict` does), with its own message.
          // A dev route or a schema out of view: reported (or left out) as the options say, with the rule's message of the category (its id written out, for the lint of message ids).
          const category = categoryReport(finding, options);
          if (category !== null) {
            if (category !== 'skip') context.report({ node: finding.node, messageId: category.messageId === 'devRoute' ? 'devRoute' : 'unknownSchema', data: category.data });
            continue;
          }
          context.report({ node: finding.node, messageId: 'pathTraversal', data: flowMessageData(finding) });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});
