import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, propertyName, unwrap } from '../../utils/ast.js';
import { declarationSources } from './declarations.js';

/*
 * The fields a DTO class declares (`class UpdateAccountDto { @IsString() name; @IsString() role }`):
 * a whitelisting `ValidationPipe` strips every other key, so the client can set exactly these. A
 * DTO is trusted as a pick of fields only for what it declares: when it declares a field the client
 * must not set (`role`, `plan`), the body written whole still sets it.
 *
 * Read from the code, in the file that uses the type and the project file it is imported from,
 * through `extends Base` and the mapped types of `@nestjs/mapped-types` / `@nestjs/swagger`
 * (`PartialType(X)`, `PickType(X, [...])`, `OmitType(X, [...])`, `IntersectionType(A, B)`), at
 * most MAX_DEPTH classes deep.
 */

const MAX_DEPTH = 4;

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A DTO's declared fields; `complete` is false when a base class is out of view (the fields are then a lower bound). */
export interface DtoFields {
  name: string;
  fields: string[];
  complete: boolean;
}

const memo = new WeakMap<ClassNode, { fields: string[]; complete: boolean }>();

/** The fields the class named `name` declares as seen at `at`, or null when its declaration is out of view. */
export function dtoFields(at: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, name: string): DtoFields | null {
  const found = classFields(at, sourceCode, name, 0);
  return found ? { name, ...found } : null;
}

function classFields(
  at: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  name: string,
  depth: number,
): { fields: string[]; complete: boolean } | null {
  if (depth > MAX_DEPTH) return null;
  for (const source of declarationSources(at, sourceCode, name)) {
    const node = classNamed(source.ast, name);
    if (!node) continue;
    const known = memo.get(node);
    if (known) return known;
    // A cycle (`class A extends B`, `class B extends A`) reads as unknown, not as endless.
    memo.set(node, { fields: [], complete: false });
    const own = ownFields(node);
    const inherited = node.superClass ? baseFields(node.superClass, source, depth) : { fields: [], complete: true };
    const result = {
      fields: [...new Set([...(inherited?.fields ?? []), ...own])],
      complete: inherited?.complete === true,
    };
    memo.set(node, result);
    return result;
  }
  return null;
}

/** The fields a class inherits from `extends base`. */
function baseFields(
  base: TSESTree.Expression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): { fields: string[]; complete: boolean } | null {
  const target = unwrap(base);
  if (target.type === AST_NODE_TYPES.Identifier) return classFields(target, sourceCode, target.name, depth + 1);
  if (target.type !== AST_NODE_TYPES.CallExpression) return null;
  const mapper = (dottedName(target.callee) ?? '').split('.').pop() ?? '';
  const [first, second] = target.arguments.map((argument) => unwrap(argument));
  const of = (node: TSESTree.Node | undefined): { fields: string[]; complete: boolean } | null =>
    node?.type === AST_NODE_TYPES.Identifier ? classFields(node, sourceCode, node.name, depth + 1) : null;
  switch (mapper) {
    case 'PartialType':
      return of(first);
    case 'PickType': {
      const keys = keyList(second);
      if (keys === null) return null;
      const from = of(first);
      // Only the picked keys, whether or not the base is in view.
      return { fields: keys.filter((key) => from === null || !from.complete || from.fields.includes(key)), complete: true };
    }
    case 'OmitType': {
      const keys = keyList(second);
      const from = of(first);
      if (keys === null || from === null) return null;
      return { fields: from.fields.filter((field) => !keys.includes(field)), complete: from.complete };
    }
    case 'IntersectionType': {
      const parts = target.arguments.map((argument) => of(unwrap(argument)));
      const known = parts.filter((part) => part !== null);
      return { fields: [...new Set(known.flatMap((part) => part.fields))], complete: known.length === parts.length && known.every((part) => part.complete) };
    }
    default:
      return null;
  }
}

/** `['role', 'plan'] as const`: the keys, or null when one is not a string literal. */
function keyList(node: TSESTree.Node | undefined): string[] | null {
  if (node?.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const keys: string[] = [];
  for (const element of node.elements) {
    const value = element ? unwrap(element) : null;
    if (value?.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'string') return null;
    keys.push(value.value);
  }
  return keys;
}

function ownFields(node: ClassNode): string[] {
  const fields: string[] = [];
  for (const element of node.body.body) {
    if (element.type !== AST_NODE_TYPES.PropertyDefinition || element.computed || element.static) continue;
    const key = propertyName(element.key);
    if (key !== null) fields.push(key);
  }
  return fields;
}

/** The class declared at the top level of `program` under `name` (exported or not). */
function classNamed(program: TSESTree.Program, name: string): ClassNode | null {
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === name) return declaration;
  }
  return null;
}
