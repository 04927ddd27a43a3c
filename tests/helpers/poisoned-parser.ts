import type { Linter } from 'eslint';
import { espree } from './espree.js';

/*
 * An ESTree parser that provokes an internal error of the plugin through real ESLint: it is
 * ESLint's own espree, except that reading the value of the string literal `'/orders'` throws.
 * Only the plugin's analyses read it (ESLint's traversal and scope analysis do not).
 */

export const POISON = 'poisoned route path';

function poison(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    node.forEach(poison);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record['type'] === 'Literal' && record['value'] === '/orders') {
    Object.defineProperty(record, 'value', {
      get() {
        throw new TypeError(POISON);
      },
    });
    return;
  }
  for (const [key, value] of Object.entries(record)) if (key !== 'parent') poison(value);
}

export const poisonedParser = {
  meta: { name: 'poisoned-espree' },
  parse(code: string, options?: object) {
    const ast = espree.parse(code, options ?? {});
    poison(ast);
    return ast;
  },
} as unknown as Linter.Parser;
