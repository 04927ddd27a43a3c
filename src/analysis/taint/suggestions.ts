import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../../utils/ast.js';
import { argumentText, parenthesizedRange } from '../../utils/fix-text.js';
import type { TaintEngine } from './engine.js';
import type { TaintFinding } from './types.js';

/**
 * The parameterized form of a SQL call whose text is a template with only tainted `${}` parts:
 * `db.query(`... = '${id}'`)` → `db.query('... = $1', [id])` (or `?`, or Prisma's tagged
 * `$queryRaw`). Null when the rewrite would not be mechanical.
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
  if (call.arguments[0] !== finding.argument) return null;
  if (!engine.allExpressionsTainted(template, 'sql')) return null;
  if (placeholder === 'prisma-tagged') {
    const callee = unwrap(call.callee);
    if (call.arguments.length !== 1 || callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
    const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : '';
    const tagged = method === '$executeRawUnsafe' ? '$executeRaw' : '$queryRaw';
    const text = rebuild(template, sourceCode, (index) => `\${${sourceCode.getText(template.expressions[index]!)}}`);
    if (text === null) return null;
    return (fixer) => fixer.replaceText(call, `${sourceCode.getText(callee.object)}.${tagged}\`${text}\``);
  }
  if (call.arguments.length !== 1) return null;
  const text = rebuild(template, sourceCode, (index) => (placeholder === 'dollar' ? `$${index + 1}` : '?'));
  if (text === null) return null;
  const values = template.expressions.map((expression) => argumentText(sourceCode, expression)).join(', ');
  // A quote or a line break in the text keeps it a template literal (without placeholders now).
  const literal = /['\n\r\u2028\u2029]/u.test(text) ? `\`${text}\`` : `'${text}'`;
  const range = parenthesizedRange(sourceCode, finding.argument);
  return (fixer) => fixer.replaceTextRange(range, `${literal}, [${values}]`);
}

/** Template text with each `${}` replaced, dropping the quotes written around it. */
function rebuild(
  template: TSESTree.TemplateLiteral,
  sourceCode: Readonly<TSESLint.SourceCode>,
  replace: (index: number) => string,
): string | null {
  const raws = template.quasis.map((quasi) => quasi.value.raw);
  let text = '';
  for (let index = 0; index < raws.length; index++) {
    let raw = raws[index]!;
    if (index > 0 && raw.startsWith("'") && raws[index - 1]!.endsWith("'")) raw = raw.slice(1);
    if (index < raws.length - 1) {
      const nextQuoted = raws[index + 1]!.startsWith("'");
      if (raw.endsWith("'") && nextQuoted) raw = raw.slice(0, -1);
      else if (raw.endsWith("'") !== nextQuoted) return null;
      text += raw + replace(index);
    } else {
      text += raw;
    }
  }
  void sourceCode;
  return text.includes('`') ? null : text;
}
