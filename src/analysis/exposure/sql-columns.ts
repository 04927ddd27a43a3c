import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
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

const cache = new WeakMap<TSESTree.Program, ReadonlyMap<string, ReadonlySet<string>>>();

/** Table name (lower case, without schema) to the columns the file's SQL names for it. */
export function sqlTableColumns(program: TSESTree.Program): ReadonlyMap<string, ReadonlySet<string>> {
  const known = cache.get(program);
  if (known) return known;
  const tables = new Map<string, Set<string>>();
  const add = (table: string | undefined, column: string | undefined): void => {
    if (table === undefined || column === undefined || !/^[A-Za-z_]\w*$/u.test(column)) return;
    const name = (table.split('.').pop() ?? table).toLowerCase();
    let columns = tables.get(name);
    if (!columns) tables.set(name, (columns = new Set()));
    columns.add(column);
  };
  walk(program, (node) => {
    let text: string | null = null;
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') text = node.value;
    else if (node.type === AST_NODE_TYPES.TemplateLiteral) text = node.quasis.map((quasi) => quasi.value.cooked ?? '').join('?');
    if (text === null || !/\b(?:insert|update|create)\b/iu.test(text)) return;
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
  });
  cache.set(program, tables);
  return tables;
}
