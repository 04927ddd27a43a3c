/*
 * What a raw SQL statement writes or reads, for `require-role-check`: the verb, the table, the
 * columns it sets with the placeholders of their values, and the placeholders of its WHERE clause.
 * Read from the statement's text alone (no SQL parser, no schema): enough for the single-table
 * statements a handler writes by hand (`UPDATE users SET role = $1 WHERE id = $2`), and silent
 * (null) on anything else. Linear in the text.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { preparedStatements } from '../../models/ownership.js';
import { propertyName, unwrap } from '../../utils/ast.js';

/** A prepared statement run: `db.prepare(text).bind(id).first()`, `db.prepare(text).get(id)`. */
export interface PreparedRun {
  /** The `prepare(text)` call. */
  statement: TSESTree.CallExpression;
  /** The text argument of `prepare`. */
  text: TSESTree.Node;
  /** The values bound by position, from `bind` or the run method's own arguments. */
  values: readonly TSESTree.Node[];
  /** One row (`first`, `get`) or the rows. */
  rows: 'one' | 'many';
  /** The run method: `first`, `get`, `all`, `run`. */
  method: string;
}

const PREPARED_RUNS: Readonly<Record<string, 'one' | 'many'>> = preparedStatements.runs;

/**
 * The prepared statement a call runs (see `preparedStatements`), or null: the call is a run method
 * whose receiver is `prepare(text)`, or `prepare(text).bind(...)`. A spread of the values leaves
 * their positions unknown: null then too.
 */
export function preparedRun(call: TSESTree.CallExpression): PreparedRun | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  const method = propertyName(callee.property);
  if (method === null || !Object.hasOwn(PREPARED_RUNS, method)) return null;
  let receiver = unwrap(callee.object);
  let values: readonly TSESTree.Node[] = call.arguments;
  if (receiver.type === AST_NODE_TYPES.CallExpression && calleeProperty(receiver) === preparedStatements.bind) {
    if (call.arguments.length > 0) return null;
    values = receiver.arguments;
    receiver = unwrap(receiver.callee.type === AST_NODE_TYPES.MemberExpression ? receiver.callee.object : receiver.callee);
  }
  if (receiver.type !== AST_NODE_TYPES.CallExpression || calleeProperty(receiver) !== preparedStatements.prepare) return null;
  const text = receiver.arguments[0];
  if (!text || text.type === AST_NODE_TYPES.SpreadElement || values.some((value) => value.type === AST_NODE_TYPES.SpreadElement)) return null;
  return { statement: receiver, text: unwrap(text), values, rows: PREPARED_RUNS[method] ?? 'many', method };
}

function calleeProperty(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? propertyName(callee.property) : null;
}

/** A value slot of a statement: `$2` (numbered), `?` (the n-th positional, from 0), `:name` / `@name`, or a template's `${…}`. */
export type SqlSlot =
  | { kind: 'numbered'; index: number }
  | { kind: 'positional'; index: number }
  | { kind: 'named'; name: string }
  | { kind: 'expression'; index: number };

/** One statement as `require-role-check` reads it. */
export interface SqlStatement {
  verb: 'update' | 'delete' | 'insert' | 'select';
  /** The table, unquoted, without its schema (`users` of `public."users"`). */
  table: string;
  /** Written columns (UPDATE's SET, INSERT's column list) with the slots their values read. */
  writes: { column: string; slots: SqlSlot[] }[];
  /** The slots of the WHERE clause; null when the statement has none (every row). */
  where: SqlSlot[] | null;
  /** `LIMIT 1`: a read of one row. */
  limitOne: boolean;
}

/** Marks a template literal's `${…}` in the text given to `readSql` (`\u0001<index>\u0001`). */
export const EXPRESSION_MARK = '\u0001';

const IDENTIFIER = String.raw`(?:"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\]|[A-Za-z_][\w$]*)`;
const TABLE = new RegExp(String.raw`^\s*(${IDENTIFIER}(?:\s*\.\s*${IDENTIFIER})*)`, 'u');

/** Reads one statement; null when the text is no statement of the four verbs or its table is not a plain name. */
export function readSql(text: string): SqlStatement | null {
  const masked = mask(text);
  const head = /^\s*(update|delete|insert|select|with)\b/iu.exec(masked)?.[1]?.toLowerCase();
  if (head === undefined || head === 'with') return null;
  const slots = slotsOf(masked);
  const clause = (from: number, to: number): SqlSlot[] => slots.filter((slot) => slot.at >= from && slot.at < to).map((slot) => slot.slot);
  const top = topLevelWords(masked);
  const find = (word: string, after = 0): number => top.find((entry) => entry.word === word && entry.at >= after)?.at ?? -1;
  const whereAt = find('where');
  const end = ((): number => {
    const returning = find('returning', whereAt < 0 ? 0 : whereAt);
    return returning < 0 ? masked.length : returning;
  })();
  const where = whereAt < 0 ? null : clause(whereAt, end);
  if (head === 'update') {
    const table = tableAt(masked, (/^\s*update\s+(?:only\s+)?/iu.exec(masked)?.[0].length ?? 0));
    const setAt = find('set');
    if (table === null || setAt < 0) return null;
    const setEnd = [find('where', setAt), find('from', setAt), find('returning', setAt)].filter((at) => at >= 0).sort((a, b) => a - b)[0] ?? masked.length;
    return { verb: 'update', table, writes: assignments(masked, setAt + 3, setEnd, clause), where, limitOne: false };
  }
  if (head === 'delete') {
    const fromAt = find('from');
    const table = fromAt < 0 ? null : tableAt(masked, fromAt + 4);
    return table === null ? null : { verb: 'delete', table, writes: [], where, limitOne: false };
  }
  if (head === 'insert') {
    const intoAt = find('into');
    if (intoAt < 0) return null;
    const named = tableWithEnd(masked, intoAt + 4);
    if (named === null) return null;
    const table = named.name;
    const afterTable = named.end;
    const setAt = find('set', afterTable);
    const valuesAt = find('values', afterTable);
    if (setAt >= 0 && (valuesAt < 0 || setAt < valuesAt)) {
      // MySQL `INSERT INTO t SET a = ?`.
      return { verb: 'insert', table, writes: assignments(masked, setAt + 3, masked.length, clause), where: null, limitOne: false };
    }
    const columns = parenthesised(masked, afterTable);
    const values = valuesAt < 0 ? null : parenthesised(masked, valuesAt + 6);
    if (columns === null || values === null) return { verb: 'insert', table, writes: [], where: null, limitOne: false };
    const names = splitTopLevel(masked, columns.from, columns.to).map((part) => unquote(masked.slice(part.from, part.to).trim().split('.').pop() ?? ''));
    const parts = splitTopLevel(masked, values.from, values.to);
    const writes = names.map((column, position) => {
      const part = parts[position];
      return { column, slots: part === undefined ? [] : clause(part.from, part.to) };
    });
    return { verb: 'insert', table, writes, where: null, limitOne: false };
  }
  const fromAt = find('from');
  const table = fromAt < 0 ? null : tableAt(masked, fromAt + 4);
  if (table === null) return null;
  return { verb: 'select', table, writes: [], where, limitOne: /\blimit\s+1\b/iu.test(masked) };
}

/** The text with string literals emptied (`'admin'` → `''`) and comments removed, positions kept. */
function mask(text: string): string {
  let out = '';
  for (let at = 0; at < text.length; ) {
    const char = text[at];
    if (char === "'") {
      let end = at + 1;
      while (end < text.length && !(text[end] === "'" && text[end + 1] !== "'")) end += text[end] === "'" ? 2 : 1;
      // A template's `${…}` inside quotes (`role = '${value}'`) is still a value of the statement.
      out += `'${keepMarks(text.slice(at + 1, Math.min(end, text.length)))}'`;
      at = end + 1;
    } else if (char === '-' && text[at + 1] === '-') {
      const end = text.indexOf('\n', at);
      const stop = end < 0 ? text.length : end;
      out += ' '.repeat(stop - at);
      at = stop;
    } else if (char === '/' && text[at + 1] === '*') {
      const end = text.indexOf('*/', at + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += ' '.repeat(stop - at);
      at = stop;
    } else {
      out += char;
      at++;
    }
  }
  return out.slice(0, text.length);
}

/** A string literal's contents blanked, except the template marks in it (and their digits). */
function keepMarks(contents: string): string {
  let out = '';
  // By UTF-16 unit, not by code point: positions in the masked text are positions in the text.
  for (let at = 0; at < contents.length; at++) {
    const char = contents.charAt(at);
    out += char === EXPRESSION_MARK || (char >= '0' && char <= '9') ? char : ' ';
  }
  return out;
}

/** Keywords outside parentheses, with their positions. */
function topLevelWords(text: string): { word: string; at: number }[] {
  const words: { word: string; at: number }[] = [];
  let depth = 0;
  const pattern = /[()]|[A-Za-z_]+/gu;
  for (const match of text.matchAll(pattern)) {
    if (match[0] === '(') depth++;
    else if (match[0] === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) words.push({ word: match[0].toLowerCase(), at: match.index });
  }
  return words;
}

function slotsOf(text: string): { slot: SqlSlot; at: number }[] {
  const found: { slot: SqlSlot; at: number }[] = [];
  let positional = 0;
  const pattern = new RegExp(String.raw`${EXPRESSION_MARK}(\d+)${EXPRESSION_MARK}|\$(\d+)|\?\??|(?<![:\w]):([A-Za-z_]\w*)|@([A-Za-z_]\w*)`, 'gu');
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) found.push({ slot: { kind: 'expression', index: Number(match[1]) }, at: match.index });
    else if (match[2] !== undefined) found.push({ slot: { kind: 'numbered', index: Number(match[2]) }, at: match.index });
    else if (match[0] === '??') positional++; // knex's identifier binding: a slot, but no value
    else if (match[0] === '?') found.push({ slot: { kind: 'positional', index: positional++ }, at: match.index });
    else {
      const name = match[3] ?? match[4];
      if (name !== undefined) found.push({ slot: { kind: 'named', name }, at: match.index });
    }
  }
  return found;
}

function tableAt(text: string, from: number): string | null {
  return tableWithEnd(text, from)?.name ?? null;
}

/** The table named at `from` and where its name ends. */
function tableWithEnd(text: string, from: number): { name: string; end: number } | null {
  const match = TABLE.exec(text.slice(from));
  if (!match?.[1]) return null;
  const last = match[1].split('.').pop()?.trim() ?? '';
  const name = unquote(last);
  return /^[A-Za-z_][\w$]*$/u.test(name) ? { name, end: from + match[0].length } : null;
}

function unquote(name: string): string {
  return name.replace(/^["`[]|["`\]]$/gu, '');
}

/** `a = $1, b = lower($2)`: each column with the slots of its value. */
function assignments(text: string, from: number, to: number, clause: (from: number, to: number) => SqlSlot[]): SqlStatement['writes'] {
  const writes: SqlStatement['writes'] = [];
  for (const part of splitTopLevel(text, from, to)) {
    const body = text.slice(part.from, part.to);
    const equals = body.indexOf('=');
    if (equals < 0) continue;
    const column = unquote(body.slice(0, equals).trim().split('.').pop()?.trim() ?? '');
    if (column === '') continue;
    writes.push({ column, slots: clause(part.from + equals + 1, part.to) });
  }
  return writes;
}

/** The range inside the parentheses that open first at or after `from` (only blanks before them), or null. */
function parenthesised(text: string, from: number): { from: number; to: number } | null {
  let at = from;
  while (at < text.length && /\s/u.test(text[at] ?? '')) at++;
  if (text[at] !== '(') return null;
  let depth = 0;
  for (let end = at; end < text.length; end++) {
    if (text[end] === '(') depth++;
    else if (text[end] === ')' && --depth === 0) return { from: at + 1, to: end };
  }
  return null;
}

function splitTopLevel(text: string, from: number, to: number): { from: number; to: number }[] {
  const parts: { from: number; to: number }[] = [];
  let depth = 0;
  let start = from;
  for (let at = from; at < to; at++) {
    const char = text[at];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push({ from: start, to: at });
      start = at + 1;
    }
  }
  parts.push({ from: start, to });
  return parts;
}
