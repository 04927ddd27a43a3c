import { createRequire } from 'node:module';
import type * as ts from 'typescript';

const require = createRequire(import.meta.url);
let loaded: typeof ts | null = null;

/**
 * `typescript` is an optional peer: it is loaded on first use, never at import, so that the plugin
 * loads without it. Only type-aware linting reaches this module's functions, and a type checker
 * means TypeScript is installed.
 */
function typescript(): typeof ts {
  loaded ??= require('typescript') as typeof ts;
  return loaded;
}

/** What the checker says about the fields of a serialized value. */
export interface TypeVerdict {
  /** `unknown`: `any`, an empty interface, or a type the analysis cannot read (fall back to names). */
  verdict: 'sensitive' | 'clean' | 'unknown';
  /** Sensitive fields the value exposes (dotted for nested ones). */
  exposed: string[];
  /** Data fields of the record (or list element) declared in project code, sensitive ones excluded. */
  safe: string[];
  /** The value is a list (array, tuple or readonly array). */
  many: boolean;
  /** The value (or element) can be null or undefined. */
  nullable: boolean;
}

const MAX_DEPTH = 3;

function isLibraryDeclaration(declaration: ts.Declaration): boolean {
  const file = declaration.getSourceFile();
  return file.isDeclarationFile && /[\\/]node_modules[\\/]|[\\/]typescript[\\/]lib[\\/]/u.test(file.fileName);
}

function fromLibrary(symbol: ts.Symbol): boolean {
  const declarations = symbol.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.every(isLibraryDeclaration);
}

/** class-transformer `@Exclude()` on the property declaration. */
function isExcluded(symbol: ts.Symbol): boolean {
  for (const declaration of symbol.getDeclarations() ?? []) {
    if (!typescript().canHaveDecorators(declaration)) continue;
    for (const decorator of typescript().getDecorators(declaration) ?? []) {
      const expression = typescript().isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
      if (typescript().isIdentifier(expression) && expression.text === 'Exclude') return true;
    }
  }
  return false;
}

function isMethod(symbol: ts.Symbol, type: ts.Type): boolean {
  if (symbol.flags & (typescript().SymbolFlags.Method | typescript().SymbolFlags.Accessor)) return (symbol.flags & typescript().SymbolFlags.Method) !== 0;
  return type.getCallSignatures().length > 0;
}

/**
 * Inspects a type for sensitive fields: unwraps promises, arrays, tuples and unions, follows a
 * project-defined `toJSON`, skips `@Exclude()` fields and methods, and looks one level into
 * nested project types. Library members (Mongoose `Document` internals) are not fields.
 */
export function inspectType(
  checker: ts.TypeChecker,
  type: ts.Type,
  isSensitive: (name: string) => boolean,
): TypeVerdict {
  const result: TypeVerdict = { verdict: 'unknown', exposed: [], safe: [], many: false, nullable: false };
  const seen = new Set<ts.Type>();
  let readable = false;
  let clean = false;

  const visit = (current: ts.Type, prefix: string, depth: number, top: boolean): void => {
    if (depth > MAX_DEPTH || seen.has(current)) return;
    seen.add(current);
    if (current.flags & (typescript().TypeFlags.Any | typescript().TypeFlags.Unknown)) return;
    if (current.flags & (typescript().TypeFlags.Null | typescript().TypeFlags.Undefined | typescript().TypeFlags.Void)) {
      if (top) result.nullable = true;
      return;
    }
    if (current.isUnion()) {
      for (const member of current.types) visit(member, prefix, depth, top);
      return;
    }
    const awaited = checker.getAwaitedType(current);
    if (awaited && awaited !== current) {
      visit(awaited, prefix, depth, top);
      return;
    }
    if (checker.isArrayType(current) || checker.isTupleType(current)) {
      if (top) result.many = true;
      for (const element of checker.getTypeArguments(current as ts.TypeReference)) visit(element, prefix, depth, top);
      return;
    }
    if (current.flags & (typescript().TypeFlags.StringLike | typescript().TypeFlags.NumberLike | typescript().TypeFlags.BooleanLike | typescript().TypeFlags.BigIntLike | typescript().TypeFlags.EnumLike)) {
      if (top) clean = true;
      return;
    }
    if (!(current.flags & typescript().TypeFlags.Object) && !current.isIntersection()) return;
    const properties = checker.getPropertiesOfType(current);
    const toJson = properties.find((property) => property.getName() === 'toJSON');
    if (toJson && !fromLibrary(toJson)) {
      const method = checker.getTypeOfSymbol(toJson);
      const signature = method.getCallSignatures()[0];
      if (signature) {
        visit(checker.getReturnTypeOfSignature(signature), prefix, depth, top);
        return;
      }
    }
    const own = properties.filter((property) => !fromLibrary(property));
    if (top) {
      if (own.length > 0) readable = true;
      else if (properties.length === 0) return;
    }
    for (const property of own) {
      const name = property.getName();
      if (name.startsWith('__@') || isExcluded(property)) continue;
      const propertyType = checker.getTypeOfSymbol(property);
      if (isMethod(property, propertyType)) continue;
      if (isSensitive(name)) {
        result.exposed.push(`${prefix}${name}`);
        continue;
      }
      if (top && !/^[_$]/u.test(name) && !result.safe.includes(name)) result.safe.push(name);
      visit(propertyType, `${prefix}${name}.`, depth + 1, false);
    }
  };

  visit(type, '', 0, true);
  if (result.exposed.length > 0) result.verdict = 'sensitive';
  else if (readable || clean) result.verdict = 'clean';
  return result;
}

/**
 * Writable data fields of the type a write expects for an argument (its contextual type): project
 * declared, not methods, not readonly.
 */
export function writableFields(checker: ts.TypeChecker, type: ts.Type): { name: string; optional: boolean }[] {
  const fields: { name: string; optional: boolean }[] = [];
  const visit = (current: ts.Type, depth: number): void => {
    if (depth > 2) return;
    if (current.isUnion()) {
      for (const member of current.types) visit(member, depth + 1);
      return;
    }
    if (checker.isArrayType(current)) {
      for (const element of checker.getTypeArguments(current as ts.TypeReference)) visit(element, depth + 1);
      return;
    }
    if (!(current.flags & typescript().TypeFlags.Object) && !current.isIntersection()) return;
    for (const property of checker.getPropertiesOfType(current)) {
      const name = property.getName();
      if (fromLibrary(property) || /^(?:__@|[_$])/u.test(name) || fields.some((field) => field.name === name)) continue;
      const propertyType = checker.getTypeOfSymbol(property);
      if (isMethod(property, propertyType)) continue;
      const declaration = property.getDeclarations()?.[0];
      if (declaration && typescript().getCombinedModifierFlags(declaration) & typescript().ModifierFlags.Readonly) continue;
      fields.push({ name, optional: (property.flags & typescript().SymbolFlags.Optional) !== 0 });
    }
  };
  visit(type, 0);
  return fields;
}
