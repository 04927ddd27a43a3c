import { createRequire } from 'node:module';
import type { Linter } from 'eslint';

/** espree, ESLint's default parser: the copy ESLint itself uses (it is not a dependency of ours). */
export const espree = createRequire(createRequire(import.meta.url).resolve('eslint'))('espree') as Linter.Parser & {
  parse: (code: string, options?: object) => unknown;
};
