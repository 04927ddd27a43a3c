import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { mappedTypeHelpers, primitiveValidators } from '../../models/frameworks/class-validator.js';
import { graphqlPrimitiveScalars } from '../../models/frameworks/graphql.js';
import { decoratorArguments } from '../routes/frameworks/compiled-decorators.js';
import { graphqlDeclaredType } from '../routes/request-inputs.js';
import { dottedName, findVariable, memberKeyName, propertyName, singleDefinition, unwrap, type Scope } from '../../utils/ast.js';
import { importedDefinition } from '../project/imported.js';
import { isValidationPipe, nestDeclarationsOf, nestProjectGlobals } from '../project/nest-globals.js';
import { fileOfNode } from '../project/parse.js';

/*
 * NestJS DTO classes checked by class-validator: `@Body() dto: LoginDto` whose `email` is declared
 * `@IsEmail() email: string` holds a string once a `ValidationPipe` has run, so `dto.email` cannot
 * be an operator object in a MongoDB filter. Both halves need evidence: the field's decorator in
 * the class (this file, an imported project file, or a parent class, also through
 * `PartialType(…)`), and a `ValidationPipe` on the parameter, the handler, its controller, or the
 * whole application (`useGlobalPipes`, `APP_PIPE`, in this file or another of the project).
 */

type ScopeOf = (node: TSESTree.Node) => Scope;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Parent classes followed from a DTO (`UpdateUserDto extends PartialType(CreateUserDto)`). */
const MAX_CLASSES = 4;

/** Whether `field` of the DTO class an annotation names is declared with a primitive-only validator. */
export function dtoFieldIsPrimitive(annotation: TSESTree.TypeNode | undefined, field: string, scopeOf: ScopeOf): boolean {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier) return false;
  const found = classOf(annotation.typeName, scopeOf);
  return found !== null && fieldIsPrimitive(found.node, field, found.scopeOf, 0);
}

/**
 * Whether `field` of the class an annotation names (a DTO, a GraphQL input) is declared
 * `@IsIn([...])` with a written list of strings or numbers: once a `ValidationPipe` has run, the
 * value is one of those the code chose, fit for a column name or a sort direction.
 */
export function dtoFieldIsAllowListed(annotation: TSESTree.TypeNode | undefined, field: string, scopeOf: ScopeOf): boolean {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier) return false;
  const found = classOf(annotation.typeName, scopeOf);
  return found !== null && fieldIsPrimitive(found.node, field, found.scopeOf, 0, isFixedIsIn);
}

/** `@IsIn(['created_at', 'total'])`: a literal list of strings or numbers, without `each` lists of it. */
function isFixedIsIn(decorator: TSESTree.Decorator): boolean {
  if (decoratorName(decorator) !== 'IsIn') return false;
  const call = unwrap(decorator.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const list = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression || list.elements.length === 0) return false;
  return list.elements.every((element) => {
    const value = element ? unwrap(element) : null;
    return value?.type === AST_NODE_TYPES.Literal && (typeof value.value === 'string' || typeof value.value === 'number');
  });
}

function fieldIsPrimitive(
  node: ClassNode,
  field: string,
  scopeOf: ScopeOf,
  depth: number,
  test: (decorator: TSESTree.Decorator) => boolean = (decorator) => primitiveValidators.has(decoratorName(decorator) ?? ''),
): boolean {
  for (const element of node.body.body) {
    if (element.type !== AST_NODE_TYPES.PropertyDefinition || element.computed || memberKeyName(element) !== field) continue;
    return (element.decorators ?? []).some(test);
  }
  if (!node.superClass || depth >= MAX_CLASSES) return false;
  let parents: TSESTree.Node[] = [unwrap(node.superClass)];
  const first = parents[0]!;
  if (first.type === AST_NODE_TYPES.CallExpression && mappedTypeHelpers.has(dottedName(first.callee)?.split('.').at(-1) ?? '')) {
    // `PickType(CreateUserDto, ['email'])`: the first argument; `IntersectionType(A, B)`: each.
    parents = first.arguments.filter((argument) => argument.type === AST_NODE_TYPES.Identifier);
  }
  return parents.some((parent) => {
    if (parent.type !== AST_NODE_TYPES.Identifier) return false;
    const found = classOf(parent, scopeOf);
    return found !== null && fieldIsPrimitive(found.node, field, found.scopeOf, depth + 1, test);
  });
}

/**
 * Whether `field` of the GraphQL input or args class an annotation names is a scalar that arrives as
 * a string, number or boolean: `@Field(() => ID) id`, or `@Field() email: string` (the TypeScript
 * type NestJS and TypeGraphQL reflect into the schema). The schema is the check here: the server
 * rejects an object for such a field before the resolver runs, so no pipe is needed.
 */
export function inputFieldIsScalar(annotation: TSESTree.TypeNode | undefined, field: string, scopeOf: ScopeOf): boolean {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier) return false;
  const found = classOf(annotation.typeName, scopeOf);
  if (!found) return false;
  for (const element of found.node.body.body) {
    if (element.type !== AST_NODE_TYPES.PropertyDefinition || element.computed || memberKeyName(element) !== field) continue;
    const decorator = (element.decorators ?? []).find((candidate) => decoratorName(candidate) === 'Field');
    if (!decorator) return false;
    const declared = graphqlDeclaredType(decoratorArguments(decorator.expression));
    if (declared !== undefined) return declared !== null && graphqlPrimitiveScalars.includes(declared);
    const type = element.typeAnnotation?.typeAnnotation.type;
    return type === AST_NODE_TYPES.TSStringKeyword || type === AST_NODE_TYPES.TSNumberKeyword || type === AST_NODE_TYPES.TSBooleanKeyword;
  }
  return false;
}

/** `IsString` of `@IsString()`, `@validator.IsString()` or `@IsString`. */
function decoratorName(decorator: TSESTree.Decorator): string | null {
  const expression = unwrap(decorator.expression);
  const name = dottedName(expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression);
  return name === null ? null : (name.split('.').at(-1) ?? null);
}

/** The class a name refers to: declared in this file, or exported by the project file it is imported from. */
function classOf(name: TSESTree.Identifier, scopeOf: ScopeOf): { node: ClassNode; scopeOf: ScopeOf } | null {
  const variable = findVariable(scopeOf(name), name.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (!definition) return null;
  if (definition.type === 'ClassName') {
    const node = definition.node;
    return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression ? { node, scopeOf } : null;
  }
  if (definition.type !== 'ImportBinding' || definition.parent.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  const specifier = definition.node;
  const imported =
    specifier.type === AST_NODE_TYPES.ImportSpecifier ? propertyName(specifier.imported) : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? '' : null;
  if (imported === null) return null;
  const found = importedDefinition(name, String(definition.parent.source.value), imported === 'default' ? '' : imported);
  if (!found) return null;
  const node = unwrap(found.node);
  return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression ? { node, scopeOf: found.scopeOf } : null;
}

/**
 * Whether a `ValidationPipe` checks the DTO of a decorated handler parameter: given to the
 * parameter's decorator (`@Body(new ValidationPipe())`), to `@UsePipes` of the handler or its
 * controller, or registered for the whole application in this file or another of the project.
 */
export function validationPipeApplies(param: TSESTree.Parameter, decorator: TSESTree.Decorator, scopeOf: ScopeOf): boolean {
  const call = unwrap(decorator.expression);
  if (call.type === AST_NODE_TYPES.CallExpression && call.arguments.some((argument) => isValidationPipe(argument))) return true;
  const method = param.parent;
  const definition = method?.parent;
  const classNode = definition?.parent?.parent;
  const usePipes = [
    // espree leaves `decorators` out where typescript-estree has `[]`.
    ...(definition?.type === AST_NODE_TYPES.MethodDefinition ? (definition.decorators ?? []) : []),
    ...(classNode && (classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression) ? (classNode.decorators ?? []) : []),
  ];
  for (const used of usePipes) {
    const expression = unwrap(used.expression);
    if (expression.type === AST_NODE_TYPES.CallExpression && decoratorName(used) === 'UsePipes' && expression.arguments.some((argument) => isValidationPipe(argument))) return true;
  }
  return globalValidationPipe(param, scopeOf);
}

/**
 * Whether the application registers a `ValidationPipe` for every handler (`useGlobalPipes`,
 * `APP_PIPE`), in the file of `node` or another of the project: it validates a GraphQL resolver's
 * `@Args` input classes as a controller's `@Body()` DTOs.
 */
export function globalValidationPipe(node: TSESTree.Node, scopeOf: ScopeOf): boolean {
  let program: TSESTree.Node = node;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program) return false;
  if (nestDeclarationsOf(program, scopeOf).validationPipe) return true;
  const file = fileOfNode(node);
  return file !== undefined && nestProjectGlobals(file).validationPipe;
}
