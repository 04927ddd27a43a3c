import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { describeVia } from '../../analysis/file-analysis.js';
import type { SinkSite, TaintFinding, TaintSourceInfo } from '../../analysis/taint/types.js';
import { includeTestsOption } from './include-tests.js';

/*
 * What the taint rules share: their options schema (`sinks`, `includeTests`, `devRoutes`,
 * `unknownSchemas`) and the data their messages name a flow by.
 */

/** What a taint rule's message says of a flow (see `flowMessageData`). */
export interface FlowMessageData extends Record<string, string | number> {
  source: string;
  sourceLine: number;
  sink: string;
  sinkLine: number;
  via: string;
}

/**
 * The data every taint rule's message names a flow by: the source and the sink, each with its line,
 * and `via`, the helper the input reaches the sink through (`` through `runReport` (called on line
 * 12 by the handler of GET /reports) ``), empty for a direct flow: messages write
 * `(line {{sinkLine}}){{via}}`. `more` adds what one message names besides (a template, a prefix).
 */
export function flowMessageData(finding: TaintFinding<SinkSite>, more: Readonly<Record<string, string | number>> = {}): FlowMessageData {
  return {
    ...more,
    source: finding.source.text,
    sourceLine: finding.source.line,
    sink: finding.sink.name,
    sinkLine: finding.sink.line,
    via: finding.sink.via ? ` through ${describeVia(finding.sink)}` : '',
  };
}

/**
 * The options schema of a taint rule: `includeTests`, `devRoutes`, `unknownSchemas` and `sinks`, whose entries take
 * `sinkArgument` as their first argument (`'SQL text'`), then the rule's own options.
 */
export function taintOptionsSchema(sinkArgument: string, own: Readonly<Record<string, JSONSchema4>> = {}): JSONSchema4[] {
  return [
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        includeTests: includeTestsOption,
        devRoutes: devRoutesOption,
        unknownSchemas: unknownSchemasOption,
        sinks: {
          type: 'array',
          items: { type: 'string' },
          description: `Extra functions or methods (dotted names or \`/regex/\`) whose first argument is ${sinkArgument}.`,
        },
        ...own,
      },
    },
  ];
}

/** The `devRoutes` option every taint rule takes (see `devRouteData`). */
export type DevRoutes = 'report' | 'ignore';

/** The schema of `devRoutes`, the same in every taint rule; its default is `'ignore'` (`strict` sets `'report'`). */
export const devRoutesOption: JSONSchema4 = {
  type: 'string',
  enum: ['report', 'ignore'],
  description:
    'What to do with input read in a handler whose route is registered only when a development or test switch is on (`if (config.dev) app.post(…)`, `if (process.env.NODE_ENV === \'test\')`): such routes exist only in those runs, as the routes of test files do, unless the switch is on in production. `report` it with its own message, or `ignore` it.',
};

/**
 * For a finding read in a handler whose route is registered only under a development or test
 * switch (`TaintSourceInfo.devSwitch`), the data of the rule's `devRoute` message, which names the
 * switch and its line; null for any other finding. The rule reports it when `devRoutes` is
 * `report` and leaves it out otherwise, and reports nothing else for it.
 */
export function devRouteData(finding: TaintFinding<SinkSite>): FlowMessageData | null {
  const devSwitch = finding.source.devSwitch;
  return devSwitch === undefined ? null : flowMessageData(finding, { devSwitch: devSwitch.text, devSwitchLine: devSwitch.line });
}

/** The `unknownSchemas` option every taint rule takes (see `unknownSchemaMessageData`). */
export type UnknownSchemas = 'report' | 'ignore';

/**
 * The schema of `unknownSchemas`, the same in every taint rule: what to do with request input that
 * the route validates, before the handler runs, with a schema out of view (Hapi's `validate.params:
 * { id: schemas.build.extract('id') }`, Fastify's `schema: { params: packageSchema }`, a package's).
 * Its default is `'ignore'` (`strict` sets `'report'`), except in no-reflected-xss (`'report'`).
 */
export const unknownSchemasOption: JSONSchema4 = {
  type: 'string',
  enum: ['report', 'ignore'],
  description:
    "What to do with request input the route validates with a schema out of view (imported from a package, or a member of one: Hapi's `validate.params: { id: schemas.build.extract('id') }`, Fastify's `schema: { params: sharedSchemas.params }`), which may or may not restrict it to a safe value: `report` it with its own message, or `ignore` it.",
};

/** Whether a flow from a source validated out of view is left out under the option's value. */
export function skipsUnknownSchema(source: TaintSourceInfo, option: UnknownSchemas | undefined): boolean {
  return source.unknownSchema !== undefined && option !== 'report';
}

/**
 * The data of a rule's `unknownSchema` message: the flow (`flowMessageData`), and the schema out of
 * view with its line (empty strings for a source without one).
 */
export function unknownSchemaMessageData(finding: TaintFinding<SinkSite>): FlowMessageData {
  const schema = finding.source.unknownSchema;
  return flowMessageData(finding, schema ? { schema: schema.text, schemaLine: schema.line } : { schema: '', schemaLine: '' });
}

/** The report of a finding in one of the two categories every taint rule sets apart. */
export interface CategoryReport {
  messageId: 'devRoute' | 'unknownSchema';
  data: FlowMessageData;
}

/**
 * How a taint rule reports a finding of its two own categories: read in a route registered only
 * under a development or test switch (`devRoute`, reported when `devRoutes` is `report`), or from a
 * source the route validates with a schema out of view (`unknownSchema`, reported when
 * `unknownSchemas` is `report`; the dev-route test first, so a finding that is both is reported
 * once, as a dev route). `'skip'` when the options leave the finding out, null for an ordinary
 * finding, which the rule reports with its own message. The two message ids are typed: a rule
 * whose `MessageIds` lacks one does not compile where it spreads the result into `context.report`.
 */
export function categoryReport(finding: TaintFinding<SinkSite>, options: { devRoutes?: DevRoutes; unknownSchemas?: UnknownSchemas }): CategoryReport | 'skip' | null {
  const devRoute = devRouteData(finding);
  if (devRoute) return options.devRoutes === 'report' ? { messageId: 'devRoute', data: devRoute } : 'skip';
  if (skipsUnknownSchema(finding.source, options.unknownSchemas)) return 'skip';
  return finding.source.unknownSchema ? { messageId: 'unknownSchema', data: unknownSchemaMessageData(finding) } : null;
}
