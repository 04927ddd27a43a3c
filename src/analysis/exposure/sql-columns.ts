import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { knexColumnBuilders, sqlSchemaDirectories } from '../../models/exposure.js';
import { projectIndexOf } from '../project/index.js';
import { walk } from '../../utils/ast.js';

/*
 * The columns a file's own SQL text gives a table: `INSERT INTO endpoints (url, signing_secret)`,
 * `UPDATE endpoints SET url = $1, signing_secret = $2`, `CREATE TABLE endpoints (id serial, ...)`.
 * A `SELECT *` of that table returns those columns, so a read whose table name says nothing is
 * still known to carry a secret column when the code that writes the table names one. Read from
 * the string literals and templates of one file (a template's expressions become `?`), once per
 * parse.
 */

const INSERT = /\binsert\s+into\s+["`[]?([\w.]+)["`\]]?\s*\(([^()]*)\)/giu;
const UPDATE = /\bupdate\s+["`[]?([\w.]+)["`\]]?\s+set\s+([^;]*)/giu;
const CREATE = /\bcreate\s+table\s+(?:if\s+not\s+exists\s+)?["`[]?([\w.]+)["`\]]?\s*\(([^;]*)/giu;
/** `col = ...` at the start of a SET item. */
const ASSIGNED = /^\s*["`[]?(\w+)["`\]]?\s*=/u;
const CONSTRAINT = /^(?:primary|foreign|unique|constraint|check|key|index|exclude)$/iu;

type AddColumn = (table: string | undefined, column: string | undefined) => void;

/** The columns the INSERT, UPDATE and CREATE TABLE statements of `text` give their tables. */
function columnsInSql(text: string, add: AddColumn): void {
  if (!/\b(?:insert|update|create)\b/iu.test(text)) return;
  for (const match of text.matchAll(INSERT)) {
    for (const column of (match[2] ?? '').split(',')) add(match[1], column.trim().replace(/["`[\]]/gu, ''));
  }
  for (const match of text.matchAll(UPDATE)) {
    const set = (match[2] ?? '').split(/\b(?:where|returning|from)\b/iu)[0] ?? '';
    for (const item of set.split(',')) add(match[1], ASSIGNED.exec(item)?.[1]);
  }
  for (const match of text.matchAll(CREATE)) {
    for (const definition of (match[2] ?? '').split(',')) {
      const first = /^\s*["`[]?(\w+)/u.exec(definition)?.[1];
      if (first !== undefined && !CONSTRAINT.test(first)) add(match[1], first);
    }
  }
}

function tableAdder(tables: Map<string, Set<string>>): AddColumn {
  return (table, column) => {
    if (table === undefined || column === undefined || !/^[A-Za-z_]\w*$/u.test(column)) return;
    const name = (table.split('.').pop() ?? table).toLowerCase();
    let columns = tables.get(name);
    if (!columns) tables.set(name, (columns = new Set()));
    columns.add(column);
  };
}

const cache = new WeakMap<TSESTree.Program, ReadonlyMap<string, ReadonlySet<string>>>();

/** Table name (lower case, without schema) to the columns the file's SQL names for it. */
export function sqlTableColumns(program: TSESTree.Program): ReadonlyMap<string, ReadonlySet<string>> {
  const known = cache.get(program);
  if (known) return known;
  const tables = new Map<string, Set<string>>();
  const add = tableAdder(tables);
  walk(program, (node) => {
    let text: string | null = null;
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') text = node.value;
    else if (node.type === AST_NODE_TYPES.TemplateLiteral) text = node.quasis.map((quasi) => quasi.value.cooked ?? '').join('?');
    if (text !== null) columnsInSql(text, add);
  });
  cache.set(program, tables);
  return tables;
}

/*
 * The columns a project's schema files give its tables: its `.sql` files in the directories
 * projects keep them in (`migrations/`, `db/`, `prisma/migrations/<name>/migration.sql`), and its
 * JS/TS migrations (a `migrations` directory of the project), whose SQL strings
 * (`queryRunner.query('CREATE TABLE …')`) and Knex schema builders (`createTable('users', (t) => {
 * t.string('password_hash') })`) declare them. The repository that runs `SELECT *` seldom
 * declares its table itself. Each file is read once per version (size and mtime); the listing is
 * made again when the project index's generation moves.
 */

/** Files larger than this are dumps or generated, not schema definitions. */
const MAX_SCHEMA_BYTES = 400_000;
/** Schema files read per project: beyond it the columns are what the first files say. */
const MAX_SCHEMA_FILES = 2000;
const MIGRATION_DIRECTORY = /(?:^|\/)migrations?\//u;
const SCRIPT = /\.[cm]?[jt]s$/u;
const STRING = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/gu;
const KNEX_TABLE = /\b(?:createTable|createTableIfNotExists|alterTable|table)\(\s*['"`]([\w.]+)['"`]/gu;
const KNEX_COLUMN = new RegExp(`\\.(?:${knexColumnBuilders.join('|')})\\(\\s*['"\`](\\w+)['"\`]`, 'gu');

interface SchemaFile {
  size: number;
  mtimeMs: number;
  tables: ReadonlyMap<string, ReadonlySet<string>>;
}

const schemaFiles = new Map<string, SchemaFile>();
const schemaListings = new Map<string, { generation: number; files: string[]; merged: ReadonlyMap<string, ReadonlySet<string>> | null; versions: string }>();

/** Table name (lower case, without schema) to the columns the schema files of the project of `file` give it. */
export function projectTableColumns(file: string | undefined): ReadonlyMap<string, ReadonlySet<string>> {
  const index = file === undefined ? null : projectIndexOf(file);
  if (!index) return NO_TABLES;
  const generation = index.generation();
  let listing = schemaListings.get(index.root);
  if (listing?.generation !== generation) {
    listing = { generation, files: schemaFileList(index.root, index.files()), merged: null, versions: '' };
    schemaListings.set(index.root, listing);
  }
  const read = listing.files.map((schema) => [schema, schemaFileTables(schema)] as const);
  const versions = read.map(([, entry]) => (entry ? `${String(entry.size)}:${String(entry.mtimeMs)}` : '-')).join(',');
  if (listing.merged && listing.versions === versions) return listing.merged;
  const merged = new Map<string, Set<string>>();
  for (const [, entry] of read) {
    for (const [table, columns] of entry?.tables ?? []) {
      let into = merged.get(table);
      if (!into) merged.set(table, (into = new Set()));
      for (const column of columns) into.add(column);
    }
  }
  listing.merged = merged;
  listing.versions = versions;
  return merged;
}

const NO_TABLES: ReadonlyMap<string, ReadonlySet<string>> = new Map();

function schemaFileList(root: string, sources: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const source of sources) {
    if (found.length >= MAX_SCHEMA_FILES) return found;
    if (MIGRATION_DIRECTORY.test(path.relative(root, source).split(path.sep).join('/'))) found.push(source);
  }
  const listed = new Set(found);
  const seen = new Set<string>();
  const visit = (dir: string, depth: number): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no such directory: the project keeps no schema there
    }
    for (const entry of entries) {
      if (found.length >= MAX_SCHEMA_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isFile() && entry.name.endsWith('.sql')) found.push(full);
      // A JS/TS migration the project's tsconfig leaves out of its sources (`migrations/` beside `src/`).
      else if (entry.isFile() && SCRIPT.test(entry.name) && MIGRATION_DIRECTORY.test(`${path.relative(root, dir).split(path.sep).join('/')}/`) && !listed.has(full)) found.push(full);
      // `prisma/migrations/<name>/migration.sql`, `db/migrations/<version>/up.sql`.
      else if (entry.isDirectory() && depth === 0) visit(full, 1);
    }
  };
  for (const dir of sqlSchemaDirectories) visit(path.join(root, dir), 0);
  return found;
}

function schemaFileTables(file: string): SchemaFile | null {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return null; // gone since the listing
  }
  if (stats.size > MAX_SCHEMA_BYTES) return null;
  const cached = schemaFiles.get(file);
  if (cached?.size === stats.size && cached.mtimeMs === stats.mtimeMs) return cached;
  const text = readFileSync(file, 'utf8');
  const tables = new Map<string, Set<string>>();
  const add = tableAdder(tables);
  if (file.endsWith('.sql')) {
    columnsInSql(text, add);
  } else {
    for (const [literal] of text.matchAll(STRING)) columnsInSql(literal.slice(1, -1), add);
    // Each column builder belongs to the table of the nearest `createTable`/`alterTable` before it.
    const starts = [...text.matchAll(KNEX_TABLE)];
    starts.forEach((start, position) => {
      const end = starts[position + 1]?.index ?? text.length;
      for (const column of text.slice(start.index, end).matchAll(KNEX_COLUMN)) add(start[1], column[1]);
    });
  }
  const entry = { size: stats.size, mtimeMs: stats.mtimeMs, tables };
  schemaFiles.set(file, entry);
  return entry;
}
