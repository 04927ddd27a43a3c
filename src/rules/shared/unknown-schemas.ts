import { describeVia } from '../../analysis/file-analysis.js';
import type { SinkSite, TaintFinding, TaintSourceInfo } from '../../analysis/taint/types.js';

/**
 * The `unknownSchemas` option the taint rules share: what to do with request input that the route
 * validates, before the handler runs, with a schema out of view (Hapi's `validate.params: { id:
 * schemas.build.extract('id') }`, Fastify's `schema: { params: packageSchema }`, a package's).
 */
export const unknownSchemasOption: { type: 'string'; enum: UnknownSchemas[]; description: string } = {
  type: 'string',
  enum: ['report', 'ignore'],
  description:
    "What to do with request input the route validates with a schema out of view (imported from a package, or a member of one: Hapi's `validate.params: { id: schemas.build.extract('id') }`, Fastify's `schema: { params: sharedSchemas.params }`), which may or may not restrict it to a safe value: `report` it with its own message, or `ignore` it.",
};

export type UnknownSchemas = 'report' | 'ignore';

/** Whether a flow from a source validated out of view is left out under the option's value. */
export function skipsUnknownSchema(source: TaintSourceInfo, option: UnknownSchemas | undefined): boolean {
  return source.unknownSchema !== undefined && option !== 'report';
}

/** The message data naming the schema out of view: empty strings for a source without one. */
function unknownSchemaData(source: TaintSourceInfo): { schema: string; schemaLine: number | string } {
  return source.unknownSchema ? { schema: source.unknownSchema.text, schemaLine: source.unknownSchema.line } : { schema: '', schemaLine: '' };
}

/** The data of a rule's `unknownSchema` message: both ends of the flow, and the schema out of view. */
export function unknownSchemaMessageData(finding: TaintFinding<SinkSite>): Record<string, string | number> {
  return {
    source: finding.source.text,
    sourceLine: finding.source.line,
    sink: finding.sink.name,
    sinkLine: finding.sink.line,
    via: finding.sink.via ? ` through ${describeVia(finding.sink)}` : '',
    ...unknownSchemaData(finding.source),
  };
}
