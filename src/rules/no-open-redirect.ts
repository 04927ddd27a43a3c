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

export type Options = [{ sinks?: string[]; includeTests?: boolean; runtimePrefixes?: 'report' | 'ignore'; unknownRoutes?: 'report' | 'ignore'; devRoutes?: DevRoutes; unknownSchemas?: UnknownSchemas }];
export type MessageIds = 'openRedirect' | 'runtimePrefix' | 'unknownRoute' | 'devRoute' | 'unknownSchema';

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
    schema: taintOptionsSchema('a URL the client is redirected to', {
      runtimePrefixes: {
        type: 'string',
        enum: ['report', 'ignore'],
        description:
          'What to do with a target checked with `startsWith` against a prefix known only at run time (`config.siteUrl`, an environment variable, a function\'s result): sound when that URL ends with `/` after its host, an open redirect when it does not. `report` it with its own message, or `ignore` it.',
      },
      unknownRoutes: {
        type: 'string',
        enum: ['report', 'ignore'],
        description:
          'What to do with a redirect to the path of the request\'s own URL (`req.originalUrl`, `ctx.path`) in a handler whose registration is not in view, nor that of any function passing it the request (a method a DI container hands out, an export no file of the project registers): sound on a route whose path starts with a fixed segment, an open redirect on middleware, a wildcard or a leading parameter, which `//evil.example/…` reaches. `report` it with its own message, or `ignore` it.',
      },
    }),
    defaultOptions: [{ sinks: [], includeTests: false, runtimePrefixes: 'ignore', unknownRoutes: 'ignore', devRoutes: 'ignore', unknownSchemas: 'ignore' }],
    messages: {
      unknownSchema:
        '{{source}} (line {{sourceLine}}) decides where `{{sink}}` (line {{sinkLine}}) redirects the client{{via}}; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or redirect only to a fixed path prefix or an allowlisted URL.',
      openRedirect:
        '{{source}} (line {{sourceLine}}) decides where `{{sink}}` (line {{sinkLine}}) redirects the client{{via}}; a link to this site can send users to any other site. Redirect only to a fixed path prefix, to an allowlisted URL, or check the value starts with "/" and not "//".',
      runtimePrefix:
        '{{source}} (line {{sourceLine}}) decides where `{{sink}}` (line {{sinkLine}}) redirects the client{{via}}, checked only to start with {{prefix}} (line {{prefixLine}}), a URL known at run time: that keeps it on the site only if the URL ends with "/" after its host (`https://app.example.com/`, not `https://app.example.com`, which `https://app.example.com.evil.example` passes). Make sure it does, or compare the parsed target\'s origin with the site\'s.',
      unknownRoute:
        '{{source}} (line {{sourceLine}}), the path of the request\'s own URL, decides where `{{sink}}` (line {{sinkLine}}) redirects the client{{via}}, in `{{handler}}` (line {{handlerLine}}), whose route is not in view: no registration of it or of a function passing it the request is seen. On a route whose path starts with a fixed segment the path cannot start with "//"; on middleware, a wildcard or a leading parameter, `//evil.example/…` reaches it and the redirect leaves the site. Register it only on such fixed routes, or make sure the target starts with a single "/".',
      devRoute:
        '{{source}} (line {{sourceLine}}) decides where `{{sink}}` (line {{sinkLine}}) redirects the client{{via}}, in a route registered only when {{devSwitch}} (line {{devSwitchLine}}) holds, a development or test switch; a link to any server that runs with the switch on can send users to any other site. Make sure no deployment turns it on, or redirect only to a fixed path prefix, to an allowlisted URL, or check the value starts with "/" and not "//".',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        for (const finding of getFileAnalysis(context).taint('redirect', { sinks: options.sinks ?? [] })) {
          const prefix = finding.source.runtimePrefix;
          const outOfView = finding.source.routeOutOfView;
          // Unknown verdicts: reported only when asked (`strict` does), each with its own message.
          if (prefix !== undefined && options.runtimePrefixes !== 'report') continue;
          if (outOfView !== undefined && options.unknownRoutes !== 'report') continue;
          // A dev route or a schema out of view: reported (or left out) as the options say, with the rule's message of the category (its id written out, for the lint of message ids).
          const category = categoryReport(finding, options);
          if (category !== null) {
            if (category !== 'skip') context.report({ node: finding.node, messageId: category.messageId === 'devRoute' ? 'devRoute' : 'unknownSchema', data: category.data });
            continue;
          }
          if (prefix !== undefined) {
            context.report({ node: finding.node, messageId: 'runtimePrefix', data: flowMessageData(finding, { prefix: prefix.text, prefixLine: prefix.line }) });
          } else if (outOfView !== undefined) {
            context.report({ node: finding.node, messageId: 'unknownRoute', data: flowMessageData(finding, { handler: outOfView.handler, handlerLine: outOfView.line }) });
          } else {
            context.report({ node: finding.node, messageId: 'openRedirect', data: flowMessageData(finding) });
          }
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});
