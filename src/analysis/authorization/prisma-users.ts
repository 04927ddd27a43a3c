import { readFileSync, statSync } from 'node:fs';
import { prismaSchemas } from './owners.js';
import { projectIndexOf } from '../project/index.js';

/*
 * The models of a project's Prisma schema that are user models by what they declare: a password or
 * role field (`model Principal { passwordHash String  roles Role[] }`). Read from the schema's
 * text, once per version (size and mtime) of each schema file; the names a store call or a SQL
 * statement reaches them by are the model's name, its client accessor (`prisma.principal`) and its
 * table (`@@map("principals")`), all lower-cased.
 */

interface SchemaModels {
  size: number;
  mtimeMs: number;
  names: ReadonlySet<string>;
}

const schemaCache = new Map<string, SchemaModels>();
/** The schema files of a project root, listed again when the index's generation moves (a file added, removed or changed). */
const schemaLists = new Map<string, { generation: number; files: string[] }>();

/** Names (lower-cased) of the Prisma models of the project of `file` that declare a credential or role field. */
export function prismaCredentialModels(file: string | undefined, declaresCredential: (field: string) => boolean): ReadonlySet<string> {
  const index = file === undefined ? null : projectIndexOf(file);
  if (index === null) return EMPTY;
  const generation = index.generation();
  let listed = schemaLists.get(index.root);
  if (listed?.generation !== generation) schemaLists.set(index.root, (listed = { generation, files: prismaSchemas(index.root) }));
  if (listed.files.length === 0) return EMPTY;
  const names = new Set<string>();
  for (const schema of listed.files) {
    for (const name of schemaModels(schema, declaresCredential)) names.add(name);
  }
  return names;
}

const EMPTY: ReadonlySet<string> = new Set();

function schemaModels(file: string, declaresCredential: (field: string) => boolean): ReadonlySet<string> {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return EMPTY; // gone since the listing
  }
  const cached = schemaCache.get(file);
  if (cached?.size === stats.size && cached.mtimeMs === stats.mtimeMs) return cached.names;
  const names = credentialModelsInSchema(readFileSync(file, 'utf8'), declaresCredential);
  schemaCache.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, names });
  return names;
}

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
