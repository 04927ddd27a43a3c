import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

/** One suggestion of a rule, applied: its message and the whole fixed source. */
export interface AppliedSuggestion {
  desc: string;
  output: string;
}

/** Runs `rule` (untyped, real ESLint) on `code` and applies each suggestion of each report. */
export function applySuggestions(
  rule: TSESLint.RuleModule<string, readonly unknown[]>,
  code: string,
  options: readonly unknown[] = [],
): { messages: Linter.LintMessage[]; suggestions: AppliedSuggestion[] } {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as never },
        plugins: { test: { rules: { rule: rule as never } } },
        rules: { 'test/rule': ['error', ...options] as never },
      },
    ],
    'file.ts',
  );
  const fatal = messages.filter((message) => message.ruleId !== 'test/rule');
  if (fatal.length > 0) throw new Error(`lint failed: ${fatal.map((message) => message.message).join('; ')}`);
  const suggestions = messages.flatMap((message) =>
    (message.suggestions ?? []).map((suggestion) => ({
      desc: suggestion.desc,
      output: code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]),
    })),
  );
  return { messages, suggestions };
}

/**
 * A second, independent reading of SQL text: the placeholders (`$n` or `?`) outside string
 * literals, quoted names and comments, and those inside them (which no engine binds).
 */
export function placeholders(sql: string, style: 'dollar' | 'question'): { bound: number; quoted: number } {
  const pattern = style === 'dollar' ? /\$\d+/gu : /\?/gu;
  let bound = 0;
  let quoted = 0;
  let index = 0;
  while (index < sql.length) {
    const rest = sql.slice(index);
    const close = /^['"`]/u.test(rest) ? rest[0]! : rest.startsWith('--') ? '\n' : rest.startsWith('/*') ? '*/' : null;
    if (close === null) {
      const match = /^(?:\$\d+|\?)/u.exec(rest);
      if (match && pattern.test(match[0])) bound++;
      pattern.lastIndex = 0;
      index += match ? match[0].length : 1;
      continue;
    }
    let end = sql.indexOf(close, index + 1);
    // '' and "" inside a quoted text are one quote.
    while (close.length === 1 && close !== '\n' && end >= 0 && sql[end + 1] === close) end = sql.indexOf(close, end + 2);
    const stop = end < 0 ? sql.length : end + close.length;
    quoted += (sql.slice(index, stop).match(pattern) ?? []).length;
    index = stop;
  }
  return { bound, quoted };
}

interface SyntaxNode {
  type: string;
  range: [number, number];
  [key: string]: unknown;
}

/** The source text of the last argument (the handler) of the first `app.<method>(…)` call in `code`. */
export function routeHandlerSource(code: string): string {
  const program = tsParser.parse(code, { range: true, sourceType: 'module' }) as unknown as SyntaxNode;
  let found: string | null = null;
  const visit = (node: unknown): void => {
    if (found !== null || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const current = node as SyntaxNode;
    if (current.type === 'CallExpression') {
      const callee = current['callee'] as SyntaxNode & { object?: SyntaxNode & { name?: string } };
      const args = current['arguments'] as SyntaxNode[];
      if (callee.type === 'MemberExpression' && callee.object?.name === 'app' && args.length > 0) {
        const handler = args[args.length - 1]!;
        found = code.slice(handler.range[0], handler.range[1]);
        return;
      }
    }
    for (const [key, value] of Object.entries(current)) if (key !== 'parent') visit(value);
  };
  visit(program);
  if (found === null) throw new Error('no route handler in the code');
  return found;
}
