/*
 * A small SQL lexer for the bound-parameter rewrite of `no-sql-injection`. It answers one
 * question for every `${}` hole of a query template: does the hole stand alone as a value, so a
 * bound parameter takes its place without changing what the query means? A placeholder inside a
 * string literal, a comment, a quoted identifier or a dollar-quoted body is no parameter at all,
 * and an identifier (table, column, `ORDER BY` key) or a list (`IN (${ids})`) cannot be bound.
 * When in doubt the answer is no: a missing suggestion is better than one that breaks the query.
 */

/** `pg`: PostgreSQL (`$1`); `mysql`: MySQL, SQLite, knex (`?`); `any`: unknown engine (Prisma). */
export type SqlDialect = 'pg' | 'mysql' | 'any';

/** One bound value of the rewritten query. */
export type SqlParam =
  /** The hole's value itself (`= ${id}` → `= $1`). */
  | { kind: 'hole'; hole: number }
  /**
   * A whole string literal with holes inside (`LIKE '%${q}%'` → `LIKE $1`): the parameter is the
   * literal's text, `texts[0] + hole[0] + texts[1] + …`, with SQL quoting undone.
   */
  | { kind: 'literal'; texts: string[]; holes: number[] };

/** The query as SQL text pieces and parameters, in order. */
export type SqlSegment = string | SqlParam;

/** Statements that take no bound parameters (utility commands, transactions, session settings). */
const UTILITY_STATEMENTS = new Set([
  'ALTER', 'ANALYZE', 'BEGIN', 'CALL', 'CHECKPOINT', 'CLUSTER', 'COMMENT', 'COMMIT', 'COPY', 'CREATE', 'DEALLOCATE',
  'DECLARE', 'DESCRIBE', 'DISCARD', 'DO', 'DROP', 'EXECUTE', 'EXPLAIN', 'FETCH', 'GRANT', 'HANDLER', 'LISTEN', 'LOAD',
  'LOCK', 'NOTIFY', 'PRAGMA', 'PREPARE', 'REFRESH', 'REINDEX', 'RELEASE', 'RENAME', 'RESET', 'REVOKE', 'ROLLBACK',
  'SAVEPOINT', 'SET', 'SHOW', 'START', 'TRUNCATE', 'UNLISTEN', 'USE', 'VACUUM',
]);

/** Operators after which a value follows. Arithmetic is left out: a unary sign cannot be told apart. */
const VALUE_OPERATORS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '||']);
const OPERATOR_CHARS = /[+\-*/<>=~!@#%^&|:?]/u;
const WORD_START = /[a-z_\u0080-\uFFFF]/iu;
const WORD_CHAR = /[\w$\u0080-\uFFFF]/u;
const HOLE = '\u0000';
/** The first character after optional white space (sticky: read from `lastIndex`, no copy of the text). */
const NEXT_TOKEN = /\s*(\S)/uy;
const DOLLAR_TAG = /\$(?:[A-Za-z_]\w*)?\$/uy;

/** What the lexer last saw: enough to tell whether a value may follow. */
type Previous =
  | { type: 'start' }
  | { type: 'operator'; text: string }
  /** `bound`: the `AND` of a `BETWEEN`, before its second bound. */
  | { type: 'word'; upper: string; bound?: boolean }
  | { type: 'open'; group: Group }
  | { type: 'comma' }
  | { type: 'other' };

/** A parenthesized group: a `VALUES` tuple, an `IN` list, an expression after an operator, or other. */
type Group = 'values' | 'in' | 'expr' | 'other';

interface Frame {
  group: Group;
  /** Inside a `VALUES (…), (…)` clause at this depth. */
  valuesClause: boolean;
  /** A `BETWEEN` waiting for its `AND`. */
  between: boolean;
}

class Bail extends Error {}

/**
 * Splits a query template (its text parts, with `parts.length - 1` holes between them) into SQL
 * text and bound parameters, or returns null when some hole is not a value (an identifier, a
 * list, inside a comment or quoted name, an `E''` or dollar-quoted string, a utility statement)
 * or the text cannot be read with certainty.
 */
export function splitSqlTemplate(parts: readonly string[], dialect: SqlDialect): SqlSegment[] | null {
  if (parts.some((part) => part.includes(HOLE))) return null;
  // knex and mysql2's `query` bind every `?`, even one inside a string literal or a comment.
  if (dialect !== 'pg' && parts.some((part) => part.includes('?'))) return null;
  const text = parts.join(HOLE);
  try {
    return new SqlTemplateLexer(text, dialect).run();
  } catch (error) {
    if (error instanceof Bail) return null;
    throw error;
  }
}

class SqlTemplateLexer {
  private position = 0;
  private holeIndex = 0;
  private previous: Previous = { type: 'start' };
  private readonly frames: Frame[] = [{ group: 'other', valuesClause: false, between: false }];
  private readonly segments: SqlSegment[] = [];
  /** Start of the SQL text not yet copied into `segments`. */
  private copied = 0;
  private firstWord: string | null = null;

  constructor(
    private readonly text: string,
    private readonly dialect: SqlDialect,
  ) {}

  run(): SqlSegment[] | null {
    const { text } = this;
    while (this.position < text.length) {
      const char = text[this.position]!;
      const next = text[this.position + 1] ?? '';
      if (/\s/u.test(char)) {
        this.position++;
      } else if (char === HOLE) {
        this.bareHole();
      } else if (char === "'") {
        this.stringLiteral();
      } else if (char === '"' || char === '`') {
        this.quoted(char);
        this.previous = { type: 'other' };
      } else if (char === '-' && next === '-') {
        this.lineComment();
      } else if (char === '/' && next === '*') {
        this.blockComment();
      } else if (char === '#' && this.dialect !== 'pg') {
        // A comment in MySQL, an operator in PostgreSQL: which one is unknown here.
        throw new Bail();
      } else if (char === '$' && this.dialect !== 'mysql' && this.dollarQuote()) {
        this.previous = { type: 'other' };
      } else if (char === '$' && /\d/u.test(next)) {
        throw new Bail(); // a placeholder already: the numbering would clash
      } else if (char === '?' && this.dialect !== 'pg') {
        throw new Bail(); // a placeholder already (knex and mysql2 bind every `?`, quoted or not)
      } else if (WORD_START.test(char)) {
        this.word();
      } else if (/\d/u.test(char)) {
        while (this.position < text.length && /[\w.]/u.test(text[this.position]!)) this.position++;
        this.previous = { type: 'other' };
      } else if (char === '(') {
        this.open();
      } else if (char === ')') {
        if (this.frames.length > 1) this.frames.pop();
        this.position++;
        this.previous = { type: 'other' };
      } else if (char === ',') {
        this.position++;
        this.previous = { type: 'comma' };
      } else if (char === ';') {
        this.position++;
        // Several statements cannot be prepared with parameters.
        NEXT_TOKEN.lastIndex = this.position;
        if (NEXT_TOKEN.exec(text)?.[1] !== undefined) throw new Bail();
      } else if (OPERATOR_CHARS.test(char)) {
        const start = this.position;
        while (this.position < text.length && OPERATOR_CHARS.test(text[this.position]!) && !this.commentStart()) this.position++;
        this.previous = { type: 'operator', text: text.slice(start, this.position) };
      } else {
        this.position++;
        this.previous = { type: 'other' };
      }
    }
    if (this.firstWord !== null && UTILITY_STATEMENTS.has(this.firstWord)) return null;
    this.segments.push(text.slice(this.copied));
    return this.segments.filter((segment) => segment !== '');
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private commentStart(): boolean {
    const pair = this.text.slice(this.position, this.position + 2);
    return pair === '--' || pair === '/*';
  }

  /** Whether a value may stand here; `literal` for a quoted string, which an `IN` list also takes. */
  private valueFollows(literal: boolean): boolean {
    const previous = this.previous;
    switch (previous.type) {
      case 'operator':
        // `||` joins strings in PostgreSQL and is a logical OR (before a condition) in MySQL.
        return VALUE_OPERATORS.has(previous.text) && (previous.text !== '||' || this.dialect === 'pg');
      case 'word':
        if (previous.upper === 'LIKE' || previous.upper === 'ILIKE' || previous.upper === 'BETWEEN') return true;
        if (previous.upper === 'AND') return previous.bound === true;
        return (previous.upper === 'LIMIT' || previous.upper === 'OFFSET') && this.dialect === 'pg';
      case 'open':
        return previous.group === 'values' || previous.group === 'expr' || (previous.group === 'in' && literal);
      case 'comma':
        return this.frame.group === 'values' || (this.frame.group === 'in' && literal);
      default:
        return false;
    }
  }

  private afterValue(): void {
    this.previous = { type: 'other' };
  }

  private bareHole(): void {
    const { text } = this;
    const before = text[this.position - 1] ?? ' ';
    NEXT_TOKEN.lastIndex = this.position + 1;
    const after = NEXT_TOKEN.exec(text)?.[1] ?? '';
    // `tbl_${x}`, `${x}_id`, `${schema}.t`, `${fn}(…)`: part of a name, not a value.
    const glued = WORD_CHAR.test(before) || before === '.' || WORD_CHAR.test(text[this.position + 1] ?? ' ') || after === '.' || after === '(' || after === HOLE;
    if (glued || !this.valueFollows(false)) throw new Bail();
    this.segments.push(text.slice(this.copied, this.position), { kind: 'hole', hole: this.holeIndex++ });
    this.position++;
    this.copied = this.position;
    this.afterValue();
  }

  private stringLiteral(): void {
    const { text } = this;
    const start = this.position;
    const prefix = start > 0 && WORD_CHAR.test(text[start - 1]!);
    const escapes = prefix && /(?:^|[^\w$])[Ee]$/u.test(text.slice(Math.max(0, start - 2), start));
    const texts: string[] = [];
    const holes: number[] = [];
    let current = '';
    let backslash = false;
    this.position++;
    for (;;) {
      if (this.position >= text.length) throw new Bail();
      const char = text[this.position]!;
      if (char === '\\') {
        // MySQL and `E''` strings escape with a backslash; which one applies is not certain enough.
        if (escapes || this.dialect !== 'pg') throw new Bail();
        backslash = true;
      }
      if (char === "'") {
        if (text[this.position + 1] === "'") {
          current += "'";
          this.position += 2;
          continue;
        }
        this.position++;
        break;
      }
      if (char === HOLE) {
        texts.push(current);
        current = '';
        holes.push(this.holeIndex++);
      } else {
        current += char;
      }
      this.position++;
    }
    texts.push(current);
    if (holes.length === 0) {
      this.previous = { type: 'other' };
      return;
    }
    // `E'…'`, `B'…'`, `X'…'`, `N'…'`, typed literals (`DATE '…'`, `INTERVAL '…'`) and literals
    // in name positions are not plain string values.
    if (prefix || backslash || !this.valueFollows(true)) throw new Bail();
    this.segments.push(text.slice(this.copied, start));
    const first = texts[0] ?? '';
    const last = texts[texts.length - 1] ?? '';
    if (holes.length === 1 && first === '' && last === '') this.segments.push({ kind: 'hole', hole: holes[0]! });
    else this.segments.push({ kind: 'literal', texts, holes });
    this.copied = this.position;
    this.afterValue();
  }

  /** A quoted identifier (`"…"`, MySQL backticks) or a MySQL double-quoted string. */
  private quoted(quote: string): void {
    const { text } = this;
    this.position++;
    for (;;) {
      if (this.position >= text.length) throw new Bail();
      const char = text[this.position]!;
      if (char === HOLE) throw new Bail();
      if (char === '\\' && this.dialect !== 'pg') throw new Bail();
      this.position++;
      if (char === quote) {
        if (text[this.position] === quote) {
          this.position++;
          continue;
        }
        return;
      }
    }
  }

  private lineComment(): void {
    const end = this.text.indexOf('\n', this.position);
    const stop = end < 0 ? this.text.length : end;
    if (this.text.slice(this.position, stop).includes(HOLE)) throw new Bail();
    this.position = stop;
  }

  private blockComment(): void {
    const end = this.text.indexOf('*/', this.position + 2);
    if (end < 0) throw new Bail();
    const body = this.text.slice(this.position + 2, end);
    // PostgreSQL nests block comments and MySQL does not.
    if (body.includes(HOLE) || body.includes('/*')) throw new Bail();
    this.position = end + 2;
  }

  /** `$$…$$` or `$tag$…$tag$`; false when the `$` starts no dollar quote. */
  private dollarQuote(): boolean {
    const { text } = this;
    if (this.position > 0 && WORD_CHAR.test(text[this.position - 1]!)) return false;
    DOLLAR_TAG.lastIndex = this.position;
    const match = DOLLAR_TAG.exec(text);
    if (!match) return false;
    const tag = match[0];
    const end = text.indexOf(tag, this.position + tag.length);
    if (end < 0 || text.slice(this.position, end).includes(HOLE)) throw new Bail();
    this.position = end + tag.length;
    return true;
  }

  private word(): void {
    const { text } = this;
    const start = this.position;
    while (this.position < text.length && WORD_CHAR.test(text[this.position]!)) this.position++;
    if (text[this.position] === "'") return; // a prefix: `E'…'`, `X'…'`, read with the literal
    const upper = text.slice(start, this.position).toUpperCase();
    this.firstWord ??= upper;
    const frame = this.frame;
    if (upper === 'VALUES') frame.valuesClause = true;
    else if (upper !== 'ROW') frame.valuesClause = false;
    if (upper === 'BETWEEN') frame.between = true;
    if (upper === 'AND' && frame.between) {
      frame.between = false;
      this.previous = { type: 'word', upper, bound: true };
      return;
    }
    this.previous = { type: 'word', upper };
  }

  private open(): void {
    const previous = this.previous;
    let group: Group = 'other';
    if (previous.type === 'word' && previous.upper === 'IN') group = 'in';
    else if (previous.type === 'word' && (previous.upper === 'VALUES' || previous.upper === 'ROW')) group = 'values';
    else if (previous.type === 'comma' && this.frame.valuesClause) group = 'values';
    else if (this.valueFollows(false)) group = 'expr';
    this.frames.push({ group, valuesClause: false, between: false });
    this.position++;
    this.previous = { type: 'open', group };
  }
}
