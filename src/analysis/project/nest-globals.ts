import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, importSource, nodesOfType, propertyName, staticString, unwrap, walk, type Scope, scopeOf } from '../../utils/ast.js';
import { candidateFiles } from './candidates.js';
import { projectIndexOf, type ProjectIndex } from './index.js';
import type { ProjectModule } from './parse.js';

/*
 * What a NestJS application declares for every route, read from the parsed files of the project
 * that register it: `{ provide: APP_GUARD, … }` providers in modules, `app.useGlobalGuards(…)` and
 * `app.setGlobalPrefix(…)` where the application is created. The guards are returned as the
 * expressions that register them, so the auth judge follows each one (through its import) to the
 * guard class and judges it by what its `canActivate` does.
 */

/** A guard registered for every route of the application. */
export interface NestGlobalGuard {
  /** The registered expression: `JwtAuthGuard` of `useClass: JwtAuthGuard`, `new RolesGuard(reflector)`. */
  node: TSESTree.Node;
  /** The guard's name as written there (`JwtAuthGuard`), or null. */
  name: string | null;
}

/** The global guards and prefix one file declares. */
export interface NestDeclarations {
  guards: NestGlobalGuard[];
  /** The `setGlobalPrefix('api')` prefix, when it is a static string without exclusions. */
  prefix: string | null;
  /**
   * Whether a `ValidationPipe` runs for every route: `app.useGlobalPipes(new ValidationPipe(…))` or
   * a `{ provide: APP_PIPE, useClass: ValidationPipe }` provider (or a subclass named `…ValidationPipe`).
   */
  validationPipe: boolean;
}

/** A global guard declared in another file of the project, with that file. */
export interface NestProjectGuard extends NestGlobalGuard {
  module: ProjectModule;
}

/** The global guards and prefix the other files of a NestJS project declare. */
export interface NestProjectGlobals {
  guards: NestProjectGuard[];
  prefix: string | null;
  validationPipe: boolean;
}

const NEST_CORE = '@nestjs/core';
/** `app.get(JwtAuthGuard)` / `moduleRef.resolve(JwtAuthGuard)`: the guard is the class argument. */
const CONTAINER_LOOKUPS = new Set(['get', 'resolve', 'select']);

/**
 * Global guards and prefix declared in one parsed file. Only code counts: a provider in a comment
 * or a string is not one. `scopeOf` is the file's scope lookup (aliases of `APP_GUARD`).
 */
export function nestDeclarations(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): NestDeclarations {
  const guards: NestGlobalGuard[] = [];
  const add = (node: TSESTree.Node | null): void => {
    if (node === null) return;
    const target = unwrap(node);
    guards.push({ node: target, name: dottedName(target) });
  };
  let prefix: string | null = null;
  let prefixSeen = false;
  let validationPipe = false;
  for (const node of nodesOfType(program, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.ObjectExpression)) {
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      const provide = objectProperty(node, 'provide');
      if (provide && isAppToken(provide, scopeOf, 'APP_PIPE')) {
        validationPipe ||= [objectProperty(node, 'useClass'), objectProperty(node, 'useExisting'), createdIn(objectProperty(node, 'useFactory')), createdIn(objectProperty(node, 'useValue'))].some(isValidationPipe);
        continue;
      }
      if (!provide || !isAppToken(provide, scopeOf, 'APP_GUARD')) continue;
      add(objectProperty(node, 'useClass') ?? objectProperty(node, 'useExisting') ?? createdIn(objectProperty(node, 'useFactory')) ?? createdIn(objectProperty(node, 'useValue')));
      continue;
    }
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) continue;
    const method = propertyName(callee.property);
    if (method === 'useGlobalGuards') {
      for (const argument of node.arguments) if (argument.type !== AST_NODE_TYPES.SpreadElement) add(containerLookup(argument));
    } else if (method === 'useGlobalPipes') {
      validationPipe ||= node.arguments.some((argument) => isValidationPipe(argument.type === AST_NODE_TYPES.SpreadElement ? null : containerLookup(argument)));
    } else if (method === 'setGlobalPrefix' && !prefixSeen) {
      prefixSeen = true;
      const [first, options] = node.arguments;
      // Exclusions (`{ exclude: ['health'] }`) make the prefix depend on the route: not applied.
      prefix = first && !options ? staticString(first, scopeOf(first)) : null;
    }
  }
  return { guards, prefix, validationPipe };
}

/**
 * `ValidationPipe`, `new ValidationPipe({ … })`, or an application's subclass named like it
 * (`AppValidationPipe`): class-validator's checks of DTO classes run before the handler.
 */
export function isValidationPipe(node: TSESTree.Node | null): boolean {
  if (node === null) return false;
  const target = unwrap(node);
  const name = dottedName(target.type === AST_NODE_TYPES.NewExpression ? target.callee : target);
  return name !== null && /(?:^|\.)\w*ValidationPipe$/u.test(name);
}

/** `APP_GUARD` or `APP_PIPE` of `@nestjs/core`, also under an alias or through a namespace import. */
function isAppToken(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope, token: 'APP_GUARD' | 'APP_PIPE'): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const imported = importSource(scopeOf(target), target.name);
    return imported === null ? target.name === token : imported.module === NEST_CORE && imported.imported === token;
  }
  return target.type === AST_NODE_TYPES.MemberExpression && !target.computed && propertyName(target.property) === token;
}

/** The first `new X(…)` a factory or value makes: `useFactory: (reflector) => new RolesGuard(reflector)`. */
function createdIn(node: TSESTree.Node | null): TSESTree.Node | null {
  if (node === null) return null;
  let created: TSESTree.NewExpression | null = null;
  walk(node, (inner) => {
    if (created !== null) return 'skip';
    if (inner.type === AST_NODE_TYPES.NewExpression) created = inner;
    return undefined;
  });
  return created;
}

/** `app.get(ApiKeyGuard)` → `ApiKeyGuard`; anything else as it is. */
function containerLookup(node: TSESTree.Node): TSESTree.Node {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.CallExpression) return target;
  const callee = unwrap(target.callee);
  const [first] = target.arguments;
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    CONTAINER_LOOKUPS.has(propertyName(callee.property) ?? '') &&
    first &&
    first.type !== AST_NODE_TYPES.SpreadElement
  ) {
    return unwrap(first);
  }
  return target;
}

function objectProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === name) return property.value;
  }
  return null;
}

/** Each parsed file's declarations, kept while its parse is (a new version is a new program). */
const declared = new WeakMap<TSESTree.Program, NestDeclarations>();

/**
 * `nestDeclarations` of a program, read once per program (a new version of a file is a new
 * program): the route extractor and the DTO reader of the linted file ask the same question.
 */
export function nestDeclarationsOf(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): NestDeclarations {
  let found = declared.get(program);
  if (!found) {
    found = nestDeclarations(program, scopeOf);
    declared.set(program, found);
  }
  return found;
}

function declarationsOf(module: ProjectModule): NestDeclarations {
  return nestDeclarationsOf(module.program, (node) => scopeOf(module.sourceCode, node));
}

const BOOTSTRAP_FILE = /^main\.[cm]?[jt]s$/u;

/**
 * The files that may register global guards: those importing `@nestjs/core` (where `APP_GUARD` and
 * `NestFactory` come from) and the `main` bootstrap file, outside tests. Listed from the index's
 * import scan, without parsing; parsed only when asked.
 */
function nestGlobalFiles(index: ProjectIndex): string[] {
  return candidateFiles(index, 'nest-globals', (file, base) => BOOTSTRAP_FILE.test(base) || index.importsOf(file).some((imported) => imported.specifier === NEST_CORE));
}

const NONE: NestProjectGlobals = { guards: [], prefix: null, validationPipe: false };

/**
 * The global guards and prefix that the other files of a linted file's NestJS project declare.
 * Empty when the file is not on disk, outside a project, or other files cannot be parsed. Each
 * candidate's parse is revalidated (size and mtime) on every call, so an edit of `app.module.ts` is
 * seen on the next lint of a controller.
 */
export function nestProjectGlobals(filename: string): NestProjectGlobals {
  const index = projectIndexOf(filename);
  if (index === null) return NONE;
  const linted = path.resolve(filename);
  const guards: NestProjectGuard[] = [];
  let prefix: string | null = null;
  let validationPipe = false;
  for (const file of nestGlobalFiles(index)) {
    if (file === linted) continue;
    const module = index.module(file);
    if (module === null) continue;
    const found = declarationsOf(module);
    for (const guard of found.guards) guards.push({ ...guard, module });
    prefix ??= found.prefix;
    validationPipe ||= found.validationPipe;
  }
  return { guards, prefix, validationPipe };
}
