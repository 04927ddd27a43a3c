import { projectPrismaSchemas, readSchemaFile } from './owners.js';

/*
 * The models of a project's Prisma schema that are user models by what they declare: a password or
 * role field (`model Principal { passwordHash String  roles Role[] }`). Read from the schema's
 * text, once per version (size and mtime) of each schema file; the names a store call or a SQL
 * statement reaches them by are the model's name, its client accessor (`prisma.principal`) and its
 * table (`@@map("principals")`), all lower-cased.
 */

const schemaCache = new Map<string, { size: number; mtimeMs: number; value: ReadonlySet<string> }>();

/** Names (lower-cased) of the Prisma models of the project of `file` that declare a credential or role field. */
export function prismaCredentialModels(file: string | undefined, declaresCredential: (field: string) => boolean): ReadonlySet<string> {
  const schemas = projectPrismaSchemas(file);
  if (schemas.length === 0) return EMPTY;
  const names = new Set<string>();
  for (const schema of schemas) {
    for (const name of readSchemaFile(schemaCache, schema, (text) => credentialModelsInSchema(text, declaresCredential), EMPTY)) names.add(name);
  }
  return names;
}

const EMPTY: ReadonlySet<string> = new Set();

/** The credential models of one schema's text, by model name, accessor and mapped table (lower-cased). */
export function credentialModelsInSchema(text: string, declaresCredential: (field: string) => boolean): ReadonlySet<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/^[ \t]*model\s+(\w+)\s*\{([^}]*)\}/gmu)) {
    const model = match[1] ?? '';
    const body = match[2] ?? '';
    const fields = [...body.matchAll(/^[ \t]*(\w+)[ \t]+\w/gmu)].map((field) => field[1] ?? '');
    const mapped = [...body.matchAll(/@map\(\s*(?:name\s*:\s*)?"(\w+)"/gu)].map((field) => field[1] ?? '');
    if (![...fields, ...mapped].some(declaresCredential)) continue;
    names.add(model.toLowerCase());
    const table = /@@map\(\s*(?:name\s*:\s*)?"(\w+)"/u.exec(body)?.[1];
    if (table !== undefined) names.add(table.toLowerCase());
  }
  return names;
}
