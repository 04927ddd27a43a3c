/**
 * What "owned" means in an application, learned from its own models: which models have an owner
 * or tenant field, and which fields those are. Read from the model definitions' text (Prisma
 * schemas, Mongoose schemas, TypeORM entities, Sequelize associations and definitions, Drizzle
 * tables, knex migrations and `CREATE TABLE` statements), once per file version.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultOwnerFields, ownerModels } from '../../models/ownership.js';
import { fieldKey, modelKey } from './records.js';
import { projectIndexOf } from '../project/index.js';

/** Per model key (see `modelKey`): the owner or tenant fields found (as written), empty when it has none. */
export type OwnerTable = Map<string, Set<string>>;

const DEFAULT_OWNERS = new Set<string>(defaultOwnerFields.map(fieldKey));
const OWNER_MODELS = new Set<string>(ownerModels.map(modelKey));

/** Whether a field name is an owner or tenant field by the defaults (`userId`, `tenant_id`, `owner`). */
export function isDefaultOwnerField(field: string): boolean {
  return DEFAULT_OWNERS.has(fieldKey(field));
}

/** Whether a model is a user or tenant model, whose relations mark owner fields. */
export function isOwnerModel(name: string): boolean {
  return OWNER_MODELS.has(modelKey(name));
}

function add(table: OwnerTable, model: string, field: string | null): void {
  const key = modelKey(model);
  let fields = table.get(key);
  if (!fields) {
    fields = new Set();
    table.set(key, fields);
  }
  if (field !== null && ![...fields].some((known) => fieldKey(known) === fieldKey(field))) fields.add(field);
}

/** A model's field: an owner field when its name is a default one or it relates to a user or tenant model. */
function field(table: OwnerTable, model: string, name: string, related: string | null): void {
  add(table, model, isDefaultOwnerField(name) || (related !== null && isOwnerModel(related)) ? name : null);
}

/** The text from `start` to the brace or parenthesis that closes the one at `start`, at most 20 000 characters. */
function block(text: string, start: number): string {
  const open = text[start];
  const close = open === '{' ? '}' : open === '(' ? ')' : null;
  if (close === null || open === undefined) return '';
  let depth = 0;
  const end = Math.min(text.length, start + 20_000);
  for (let index = start; index < end; index++) {
    const character = text[index];
    if (character === open) depth++;
    else if (character === close && --depth === 0) return text.slice(start + 1, index);
  }
  return text.slice(start + 1, end);
}

/**
 * Prisma: the scalar a relation to a user or tenant model is stored in is an owner field too,
 * whatever its name (`uploader User @relation(fields: [uploaderId], references: [id])`): queries
 * filter by `uploaderId`, not by the relation.
 */
function relationScalars(table: OwnerTable, model: string, body: string): void {
  for (const line of body.matchAll(/^[ \t]*\w+[ \t]+(\w+)\??[ \t][^\n]*@relation\([^)\n]*\bfields\s*:\s*\[([^\]\n]*)\]/gmu)) {
    if (!isOwnerModel(line[1] ?? '')) continue;
    for (const name of (line[2] ?? '').split(',')) if (/^\s*\w+\s*$/u.test(name)) add(table, model, name.trim());
  }
}

/**
 * TypeORM: the column a relation to a user or tenant model joins on
 * (`@ManyToOne(() => User) @JoinColumn({ name: 'reviewer_id' }) reviewer: User`), and a column
 * named after such a relation (`reviewerId` beside `reviewer: User`).
 */
function joinColumns(table: OwnerTable, model: string, body: string): void {
  const relations = new Set<string>();
  for (const property of body.matchAll(/((?:@\w+\((?:[^()\n]|\([^()\n]*\))*\)\s*)+)(?:(?:public|readonly|declare)\s+)*(\w+)\s*[!?]?:\s*(\w+)/gu)) {
    if (!isOwnerModel(property[3] ?? '')) continue;
    relations.add(fieldKey(property[2] ?? ''));
    const joined = /@JoinColumn\(\s*\{[^}]*\bname\s*:\s*['"`](\w+)['"`]/u.exec(property[1] ?? '')?.[1];
    if (joined !== undefined) add(table, model, joined);
  }
  if (relations.size === 0) return;
  for (const column of body.matchAll(/(?<![\w$.])(\w+)\s*[!?]?:\s*(?:string|number|bigint)\b/gu)) {
    const key = fieldKey(column[1] ?? '');
    if (key.endsWith('id') && relations.has(key.slice(0, -2))) add(table, model, column[1] ?? '');
  }
}

/** The models a file's text defines, with their owner fields. */
export function ownersInText(text: string, table: OwnerTable = new Map()): OwnerTable {
  // Prisma: `model Order { id Int @id  user User @relation(...)  userId Int }`.
  for (const match of text.matchAll(/^\s*model\s+(\w+)\s*\{/gmu)) {
    const body = block(text, (match.index ?? 0) + match[0].length - 1);
    add(table, match[1] ?? '', null);
    for (const line of body.matchAll(/^\s*(\w+)\s+(\w+)/gmu)) field(table, match[1] ?? '', line[1] ?? '', line[2] ?? null);
    relationScalars(table, match[1] ?? '', body);
  }
  // SQL: `CREATE TABLE orders (id serial, user_id int REFERENCES users(id))`.
  for (const match of text.matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?["`]?(?:\w+["`]?\.["`]?)?(\w+)["`]?\s*\(/giu)) {
    const body = block(text, (match.index ?? 0) + match[0].length - 1);
    add(table, match[1] ?? '', null);
    for (const column of body.split(',')) {
      const name = /^\s*["`]?(\w+)/u.exec(column)?.[1];
      if (name !== undefined) field(table, match[1] ?? '', name, /references\s+["`]?(\w+)/iu.exec(column)?.[1] ?? null);
    }
  }
  // knex migrations: `createTable('orders', (t) => { t.integer('user_id').references('users.id') })`.
  for (const match of text.matchAll(/createTable\(\s*['"`](\w+)['"`]\s*,[^{]*\{/gu)) {
    const body = block(text, (match.index ?? 0) + match[0].length - 1);
    add(table, match[1] ?? '', null);
    for (const column of body.matchAll(/\.\w+\(\s*['"`](\w+)['"`][^;\n]*/gu)) {
      const related = /\.(?:references\(\s*['"`](\w+)\.|inTable\(\s*['"`](\w+))/u.exec(column[0]);
      field(table, match[1] ?? '', column[1] ?? '', related?.[1] ?? related?.[2] ?? null);
    }
  }
  // Drizzle: `export const orders = pgTable('orders', { userId: integer('user_id').references(() => users.id) })`.
  for (const match of text.matchAll(/\b(\w+)\s*=\s*\w*Table\(\s*['"`](\w+)['"`]\s*,\s*\{/gu)) {
    const body = block(text, (match.index ?? 0) + match[0].length - 1);
    for (const name of [match[1] ?? '', match[2] ?? '']) add(table, name, null);
    for (const column of body.matchAll(/\b(\w+)\s*:\s*\w+\(([^\n]*)/gu)) {
      const rest = column[2] ?? '';
      const related = /references\(\s*\(\)\s*=>\s*(\w+)\./u.exec(rest)?.[1] ?? null;
      const sqlName = /^\s*['"`](\w+)['"`]/u.exec(rest)?.[1];
      for (const name of [match[1] ?? '', match[2] ?? '']) {
        field(table, name, column[1] ?? '', related);
        if (sqlName !== undefined) field(table, name, sqlName, related);
      }
    }
  }
  // Mongoose: `const orderSchema = new Schema({ owner: { type: ObjectId, ref: 'User' } }); model('Order', orderSchema)`.
  const mongooseModels = [...text.matchAll(/\bmodel\s*(?:<[^>]*>)?\(\s*['"`](\w+)['"`]/gu)].map((match) => match[1] ?? '');
  const schemaClasses = [...text.matchAll(/@Schema\([^)]*\)\s*(?:export\s+)?class\s+(\w+)/gu)].map((match) => match[1] ?? '');
  const documentModels = [...mongooseModels, ...schemaClasses];
  if (documentModels.length > 0) {
    const fields: [string, string | null][] = [];
    for (const schema of text.matchAll(/new\s+(?:mongoose\.)?Schema\s*(?:<[^>]*>)?\(\s*\{/gu)) {
      const body = block(text, (schema.index ?? 0) + schema[0].length - 1);
      for (const entry of body.matchAll(/\b(\w+)\s*:\s*(?:\[\s*)?\{[^{}]*?\bref\s*:\s*['"`](\w+)['"`]/gu)) fields.push([entry[1] ?? '', entry[2] ?? null]);
      for (const entry of body.matchAll(/(?<![\w$.])(\w+)\s*:/gu)) fields.push([entry[1] ?? '', null]);
    }
    for (const entry of text.matchAll(/@Prop\(\s*\{[^{}]*?\bref\s*:\s*(?:['"`](\w+)['"`]|(\w+)\.name)[^{}]*\}\s*\)\s*(\w+)/gu)) fields.push([entry[3] ?? '', entry[1] ?? entry[2] ?? null]);
    for (const entry of text.matchAll(/@Prop\([^)]*\)\s*(\w+)/gu)) fields.push([entry[1] ?? '', null]);
    for (const model of documentModels) for (const [name, related] of fields) field(table, model, name, related);
  }
  // TypeORM: `@Entity() class Order { @ManyToOne(() => User) user: User; @Column() userId: number }`.
  for (const match of text.matchAll(/@Entity\([^)]*\)\s*(?:export\s+)?(?:default\s+)?class\s+(\w+)(?:[\s<][^{]*)?\{/gu)) {
    const body = block(text, (match.index ?? 0) + match[0].length - 1);
    add(table, match[1] ?? '', null);
    // `user: User` (a relation, by its type) and `userId: number` (a column, by its name).
    for (const property of body.matchAll(/^[ \t]*(?:@\w+\((?:[^()\n]|\([^()\n]*\))*\)[ \t]*)*(?:(?:public|readonly|declare)[ \t]+)*(\w+)[ \t]*[!?]?:[ \t]*(\w+)/gmu)) field(table, match[1] ?? '', property[1] ?? '', property[2] ?? null);
    joinColumns(table, match[1] ?? '', body);
  }
  // Sequelize: `Order.belongsTo(User)`, `sequelize.define('Order', { userId: ... })`, `Order.init({ userId: ... })`.
  for (const match of text.matchAll(/\b(\w+)\.belongsTo\(\s*(?:\w+\.)?(\w+)(?:\s*,\s*\{[^}]*foreignKey\s*:\s*['"`]?(\w+))?/gu)) {
    const related = match[2] ?? '';
    field(table, match[1] ?? '', match[3] ?? `${related.charAt(0).toLowerCase()}${related.slice(1)}Id`, related);
  }
  const definitions = [...text.matchAll(/define\(\s*['"`](\w+)['"`]\s*,\s*\{/gu), ...text.matchAll(/\b(\w+)\.init\(\s*\{/gu)];
  for (const match of definitions) {
    const model = match[1] ?? '';
    const body = block(text, (match.index ?? 0) + match[0].length - 1);
    add(table, model, null);
    for (const entry of body.matchAll(/(?<![\w$.])(\w+)\s*:/gu)) field(table, model, entry[1] ?? '', null);
  }
  return table;
}

interface FileOwners {
  size: number;
  mtimeMs: number;
  table: OwnerTable;
}

const fileCache = new Map<string, FileOwners>();

/** Files larger than this are generated or bundled code, not model definitions. */
const MAX_FILE_SIZE = 400_000;
/** Files read per project: beyond it the table is what the first files say. */
const MAX_FILES = 4000;

/** The owner table of one file on disk, kept per size and mtime. */
function fileOwners(file: string): OwnerTable | null {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return null; // gone since the listing: nothing to learn from it
  }
  if (stats.size > MAX_FILE_SIZE) return null;
  const cached = fileCache.get(file);
  if (cached?.size === stats.size && cached.mtimeMs === stats.mtimeMs) return cached.table;
  const table = ownersInText(readFileSync(file, 'utf8'));
  fileCache.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, table });
  return table;
}

/** The schema files of each project root, listed again when the index's generation moves (a file added, removed or changed). */
const schemaLists = new Map<string, { generation: number; files: string[] }>();

/** The Prisma schema files of the project of `file` (see `prismaSchemas`), listed once per project version. */
export function projectPrismaSchemas(file: string | undefined): string[] {
  const index = file === undefined ? null : projectIndexOf(file);
  if (index === null) return [];
  const generation = index.generation();
  let listed = schemaLists.get(index.root);
  if (listed?.generation !== generation) schemaLists.set(index.root, (listed = { generation, files: prismaSchemas(index.root) }));
  return listed.files;
}

/**
 * What `read` makes of a schema file's text, kept per version (size and mtime) of the file in
 * `cache`; `empty` when the file is gone since it was listed.
 */
export function readSchemaFile<T>(cache: Map<string, { size: number; mtimeMs: number; value: T }>, file: string, read: (text: string) => T, empty: T): T {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return empty; // gone since the listing
  }
  const cached = cache.get(file);
  if (cached?.size === stats.size && cached.mtimeMs === stats.mtimeMs) return cached.value;
  const value = read(readFileSync(file, 'utf8'));
  cache.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, value });
  return value;
}

/** Prisma schemas where projects keep them: `prisma/schema.prisma`, `prisma/schema/*.prisma`, `schema.prisma`. */
export function prismaSchemas(root: string): string[] {
  const found: string[] = [];
  for (const dir of [root, path.join(root, 'prisma'), path.join(root, 'prisma', 'schema'), path.join(root, 'src', 'prisma')]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // no such directory
    }
    for (const name of names) if (name.endsWith('.prisma')) found.push(path.join(dir, name));
  }
  return found;
}

/** The owner table of a set of files (and Prisma schemas), merged. */
export function ownersOfFiles(files: Iterable<string>): OwnerTable {
  const merged: OwnerTable = new Map();
  let count = 0;
  for (const file of files) {
    if (count++ >= MAX_FILES) break;
    const table = fileOwners(file);
    if (!table) continue;
    for (const [key, fields] of table) {
      const into = merged.get(key) ?? new Set<string>();
      for (const name of fields) into.add(name);
      merged.set(key, into);
    }
  }
  return merged;
}
