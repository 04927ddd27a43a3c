import { projectPrismaSchemas, readSchemaFile } from '../authorization/owners.js';
import type { RecordShape } from './serializers.js';

/*
 * The records a Prisma client returns, as the project's schema declares them: `prisma.account`
 * reads `model Account { … }` of `prisma/schema.prisma`, which no import in the code leads to. A
 * read without `select`/`omit` returns every scalar field of the model (relations only when
 * included), as a plain object. Read from the schema's text, once per version (size and mtime) of
 * each schema file; the schema files are listed again when the project index's generation moves.
 */

/** Per schema file: client accessor (`account` of `model Account`) to the model's scalar fields. */
const schemaCache = new Map<string, { size: number; mtimeMs: number; value: ReadonlyMap<string, readonly string[]> }>();
const EMPTY: ReadonlyMap<string, readonly string[]> = new Map();

/**
 * The shape of the records `<client>.<accessor>` reads in the project of `file`, from its Prisma
 * schema, or null when the project has no schema declaring that model.
 */
export function prismaRecordShape(file: string | undefined, accessor: string): RecordShape | null {
  // A model may be split over several files (`prisma/schema/*.prisma`): the first declaration wins.
  for (const schema of projectPrismaSchemas(file)) {
    const fields = readSchemaFile(schemaCache, schema, modelsInSchema, EMPTY).get(accessor);
    if (fields) return { kind: 'plain', fields: [...fields] };
  }
  return null;
}

/**
 * The models of one schema's text, by client accessor (the model name with a lower-case first
 * letter), with their scalar fields: a field whose type is another model of the schema is a
 * relation, which a read returns only when it includes it.
 */
export function modelsInSchema(text: string): ReadonlyMap<string, readonly string[]> {
  const blocks = [...text.replace(/\/\/[^\n]*/gu, '').matchAll(/^[ \t]*model\s+(\w+)\s*\{([^}]*)\}/gmu)];
  const names = new Set(blocks.map((block) => block[1] ?? ''));
  const models = new Map<string, readonly string[]>();
  for (const [, name = '', body = ''] of blocks) {
    const fields: string[] = [];
    for (const [, field = '', type = ''] of body.matchAll(/^[ \t]*(\w+)[ \t]+(\w+)/gmu)) {
      if (!names.has(type)) fields.push(field);
    }
    models.set(`${name.charAt(0).toLowerCase()}${name.slice(1)}`, fields);
  }
  return models;
}
