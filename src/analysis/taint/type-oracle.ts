import { createRequire } from 'node:module';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/** Answers whether a node's static type cannot hold an injectable value. */
export interface TypeOracle {
  isSafe(node: TSESTree.Node): boolean;
}

const require = createRequire(import.meta.url);

/**
 * The parser services of a type-aware parse, or null. Read from `sourceCode` directly, not through
 * `ESLintUtils.getParserServices`, which throws under parsers without services (espree, and every
 * other ESTree parser): type information refines the analysis, it must never gate it.
 */
export function typedParserServices(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ParserServicesWithTypeInformation | null {
  const services = context.sourceCode.parserServices;
  if (!services || !('program' in services) || !services.program || !services.esTreeNodeToTSNodeMap) return null;
  return services as ParserServicesWithTypeInformation;
}

/**
 * A type oracle when the parser has a TypeScript program (type-aware linting), else null:
 * numbers, booleans, bigints, enums and unions of literals cannot carry injected text.
 */
export function createTypeOracle(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeOracle | null {
  const services = typedParserServices(context);
  if (!services) return null;
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
  const checker = services.program.getTypeChecker();
  const toTsNode = services.esTreeNodeToTSNodeMap;
  return {
    isSafe(node) {
      // A node the parser did not map (one made up by a fix, or from another parse) has no type:
      // say nothing about it rather than ask the checker about `undefined`.
      const tsNode = toTsNode.get(node);
      if (tsNode === undefined) return false;
      return isSafeType(checker.getTypeAtLocation(tsNode));
    },
  };
}
