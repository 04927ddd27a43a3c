import { createRequire } from 'node:module';
import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/** Answers whether a node's static type cannot hold an injectable value. */
export interface TypeOracle {
  isSafe(node: TSESTree.Node): boolean;
}

const require = createRequire(import.meta.url);

/**
 * A type oracle when the parser has a TypeScript program (type-aware linting), else null:
 * numbers, booleans, bigints, enums and unions of literals cannot carry injected text.
 */
export function createTypeOracle(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeOracle | null {
  const services = ESLintUtils.getParserServices(context, true);
  if (!services.program) return null;
  // `typescript` is present whenever a program exists; it is an optional peer, so load it lazily.
  const typescript = require('typescript') as typeof ts;
  const flags = typescript.TypeFlags;
  const safe =
    flags.NumberLike | flags.BooleanLike | flags.BigIntLike | flags.EnumLike | flags.StringLiteral |
    flags.Undefined | flags.Null | flags.Void | flags.Never;
  const isSafeType = (type: ts.Type): boolean => {
    if (type.isUnion()) return type.types.every(isSafeType);
    return (type.flags & safe) !== 0;
  };
  return {
    isSafe(node) {
      try {
        return isSafeType(services.getTypeAtLocation(node));
      } catch {
        return false;
      }
    },
  };
}
