import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import type { PlaceholderStyle } from '../../models/taint-types.js';
import { unwrap } from '../../utils/ast.js';
import { argumentText, parenthesizedRange } from '../../utils/fix-text.js';
import type { TaintEngine } from './engine.js';
import { splitSqlTemplate, type SqlDialect, type SqlSegment } from './sql-text.js';
import type { TaintFinding } from './types.js';

const DIALECTS: Record<PlaceholderStyle, SqlDialect> = { dollar: 'pg', question: 'mysql', 'prisma-tagged': 'any' };

/**
 * The parameterized form of a SQL call whose text is a template with only tainted `${}` parts:
 * `db.query(`... = '${id}'`)` → `db.query('... = $1', [id])` (or `?`, or Prisma's tagged
 * `$queryRaw`). A string literal with holes inside becomes one parameter built in JavaScript
 * (`LIKE '%${q}%'` → `LIKE $1`, [`%${q}%`]). Null unless every hole stands alone as a value
 * (see `splitSqlTemplate`): identifiers and lists cannot be bound.
 */
export function parameterizeSql(
  finding: TaintFinding,
  engine: TaintEngine,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.ReportFixFunction | null {
  const { call, placeholder, via } = finding.sink;
  if (placeholder === null || via !== null || finding.sink.role !== 'text') return null;
  const template = unwrap(finding.argument);
  if (template.type !== AST_NODE_TYPES.TemplateLiteral || template.expressions.length === 0) return null;
  if (call.arguments[0] !== finding.argument || call.arguments.length !== 1) return null;
  if (!engine.allExpressionsTainted(template, 'sql')) return null;
  const parts = template.quasis.map((quasi) => quasi.value.cooked);
  if (parts.some((part) => typeof part !== 'string')) return null;
  const segments = splitSqlTemplate(parts as string[], DIALECTS[placeholder]);
  if (segments === null) return null;
  const expression = (index: number): string => sourceCode.getText(template.expressions[index]);
  /** The JavaScript value of a parameter: the text the template inserted. */
  const value = (segment: Exclude<SqlSegment, string>, bare: (index: number) => string): string =>
    segment.kind === 'hole'
      ? bare(segment.hole)
      : `\`${segment.texts.map((text, index) => templateText(text) + (index < segment.holes.length ? `\${${expression(segment.holes[index]!)}}` : '')).join('')}\``;

  if (placeholder === 'prisma-tagged') {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
    const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : '';
    const tagged = method === '$executeRawUnsafe' ? '$executeRaw' : '$queryRaw';
    const text = segments.map((segment) => (typeof segment === 'string' ? templateText(segment) : `\${${value(segment, expression)}}`)).join('');
    return (fixer) => fixer.replaceText(call, `${sourceCode.getText(callee.object)}.${tagged}\`${text}\``);
  }
  let count = 0;
  const sql = segments.map((segment) => (typeof segment === 'string' ? segment : placeholder === 'dollar' ? `$${++count}` : '?')).join('');
  // mysql, mysql2 and knex expand an object or array bound to `?` into SQL (`{ a: 1 }` → `a` = 1):
  // `String()` binds the text the template inserted, nothing more.
  const bare = (index: number): string =>
    placeholder === 'question' ? `String(${argumentText(sourceCode, template.expressions[index]!)})` : argumentText(sourceCode, template.expressions[index]!);
  const values = segments.flatMap((segment) => (typeof segment === 'string' ? [] : [value(segment, bare)])).join(', ');
  // A quote or a line break in the text keeps it a template literal (without holes now).
  const literal = /['\n\r\u2028\u2029]/u.test(sql) ? `\`${templateText(sql)}\`` : `'${sql.replace(/\\/gu, '\\\\')}'`;
  const range = parenthesizedRange(sourceCode, finding.argument);
  return (fixer) => fixer.replaceTextRange(range, `${literal}, [${values}]`);
}

/** `text` escaped for a template literal's body. */
function templateText(text: string): string {
  return text.replace(/[\\`]|\$(?=\{)/gu, (char) => `\\${char}`);
}
