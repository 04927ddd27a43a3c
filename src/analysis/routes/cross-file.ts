import { createRequire } from 'node:module';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { AuthVocabulary } from './auth.js';
import type { Route } from './types.js';

/** What another file's mount of this file's router (or registration function) puts in front of it. */
export interface ResolvedMount {
  /** Static prefix of the mount, `''` when none. */
  prefix: string | null;
  /** Name of the guard that authenticates at the mount, or null when none does. */
  authenticatedBy: string | null;
  /** File that mounts it. */
  file: string;
}

/** A `.use(...)` call found in some file of the program. */
interface UseCall {
  call: ts.CallExpression;
  receiver: string;
  position: number;
}

const require = createRequire(import.meta.url);
let tsModule: typeof ts | null = null;
const useCallsCache = new WeakMap<ts.Program, Map<ts.SourceFile, UseCall[]>>();
const resolvedCache = new WeakMap<ts.Program, Map<ts.Node, ResolvedMount | null>>();

function typescript(): typeof ts {
  tsModule ??= require('typescript') as typeof ts;
  return tsModule;
}

function servicesOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ParserServicesWithTypeInformation | null {
  const services = context.sourceCode.parserServices;
  if (!services || !('program' in services) || !services.program) return null;
  return services as ParserServicesWithTypeInformation;
}

/**
 * Type-aware only: finds where another file of the TypeScript program mounts the router a route
 * is registered on (`app.use('/admin', requireAuth, adminRouter)`), or calls the exported function
 * whose parameter the route is registered on (`registerRoutes(app)` after `app.use(auth)`), and
 * reads the guards in front of it. Returns null without type information or when no mount is found.
 */
export function resolveMountAcrossFiles(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  route: Route,
  vocabulary: AuthVocabulary,
): ResolvedMount | null {
  const services = servicesOf(context);
  const declaration = route.owner?.declaration;
  if (!services || !declaration) return null;
  const program = services.program;
  const tsNode = services.esTreeNodeToTSNodeMap.get(declaration as TSESTree.Node);
  if (!tsNode) return null;
  let cache = resolvedCache.get(program);
  if (!cache) {
    cache = new Map();
    resolvedCache.set(program, cache);
  }
  if (cache.has(tsNode)) return cache.get(tsNode) ?? null;
  // No catch: the rule reports an exception as an internal error (see `createRule`).
  const result = resolve(program, tsNode, vocabulary);
  cache.set(tsNode, result);
  return result;
}

function resolve(program: ts.Program, declaration: ts.Node, vocabulary: AuthVocabulary): ResolvedMount | null {
  const t = typescript();
  const checker = program.getTypeChecker();
  const ownFile = declaration.getSourceFile();
  const parameter = t.isParameter(declaration.parent) ? declaration.parent : null;
  const targetSymbol = parameter ? functionSymbol(t, checker, parameter) : checker.getSymbolAtLocation(declaration);
  if (!targetSymbol) return null;
  const target = unalias(t, checker, targetSymbol);
  const parameterIndex = parameter ? (parameter.parent as ts.SignatureDeclaration).parameters.indexOf(parameter) : -1;

  for (const file of program.getSourceFiles()) {
    if (file === ownFile || file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
    const uses = useCallsOf(t, program, file);
    if (parameter) {
      const found = findRegistrationCall(t, checker, file, target, parameterIndex, uses, vocabulary);
      if (found) return found;
      continue;
    }
    for (const use of uses) {
      const args = use.call.arguments;
      const index = args.findIndex((argument) => refersTo(t, checker, mountedExpression(t, argument), target));
      if (index < 0) continue;
      const first = args[0];
      const prefix = first && t.isStringLiteralLike(first) ? first.text : '';
      const names = [
        ...earlierGuards(t, uses, use, prefix),
        ...args.slice(first && t.isStringLiteralLike(first) ? 1 : 0, index).map((argument) => guardName(t, argument)),
      ];
      return { prefix, authenticatedBy: firstAuthenticating(names, vocabulary), file: file.fileName };
    }
  }
  return null;
}

/** `router.routes()` (Koa) mounts `router`. */
function mountedExpression(t: typeof ts, node: ts.Expression): ts.Expression {
  if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'routes') {
    return node.expression.expression;
  }
  return node;
}

function functionSymbol(t: typeof ts, checker: ts.TypeChecker, parameter: ts.ParameterDeclaration): ts.Symbol | undefined {
  const fn = parameter.parent;
  if ((t.isFunctionDeclaration(fn) || t.isFunctionExpression(fn)) && fn.name) return checker.getSymbolAtLocation(fn.name);
  if ((t.isArrowFunction(fn) || t.isFunctionExpression(fn)) && t.isVariableDeclaration(fn.parent)) {
    return checker.getSymbolAtLocation(fn.parent.name);
  }
  if (t.isFunctionDeclaration(fn)) return checker.getSymbolAtLocation(fn) ?? (fn as { symbol?: ts.Symbol }).symbol;
  return undefined;
}

function unalias(t: typeof ts, checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & t.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function refersTo(t: typeof ts, checker: ts.TypeChecker, node: ts.Node, target: ts.Symbol): boolean {
  if (!t.isIdentifier(node) && !t.isPropertyAccessExpression(node)) return false;
  const symbol = checker.getSymbolAtLocation(node);
  return symbol !== undefined && unalias(t, checker, symbol) === target;
}

function useCallsOf(t: typeof ts, program: ts.Program, file: ts.SourceFile): UseCall[] {
  let perFile = useCallsCache.get(program);
  if (!perFile) {
    perFile = new Map();
    useCallsCache.set(program, perFile);
  }
  const cached = perFile.get(file);
  if (cached) return cached;
  const calls: UseCall[] = [];
  if (file.text.includes('.use(') || file.text.includes('.route(') || file.text.includes('.register(')) {
    const visit = (node: ts.Node): void => {
      if (
        t.isCallExpression(node) &&
        t.isPropertyAccessExpression(node.expression) &&
        ['use', 'route', 'register'].includes(node.expression.name.text)
      ) {
        calls.push({ call: node, receiver: node.expression.expression.getText(file), position: node.getStart(file) });
      }
      t.forEachChild(node, visit);
    };
    visit(file);
  }
  perFile.set(file, calls);
  return calls;
}

/** Guards of `receiver.use(guard)` calls before `use` in the same file, whose path covers `prefix`. */
function earlierGuards(t: typeof ts, uses: readonly UseCall[], use: UseCall, prefix: string): string[] {
  const names: string[] = [];
  for (const other of uses) {
    if (other === use || other.receiver !== use.receiver || other.position >= use.position) continue;
    if (other.call.expression.kind === t.SyntaxKind.PropertyAccessExpression && (other.call.expression as ts.PropertyAccessExpression).name.text !== 'use') continue;
    const args = other.call.arguments;
    const first = args[0];
    const path = first && t.isStringLiteralLike(first) ? first.text : null;
    if (path !== null && !(prefix === path || prefix.startsWith(path.endsWith('/') ? path : `${path}/`))) continue;
    for (const argument of path === null ? args : args.slice(1)) names.push(guardName(t, argument));
  }
  return names;
}

function findRegistrationCall(
  t: typeof ts,
  checker: ts.TypeChecker,
  file: ts.SourceFile,
  target: ts.Symbol,
  parameterIndex: number,
  uses: readonly UseCall[],
  vocabulary: AuthVocabulary,
): ResolvedMount | null {
  let found: ResolvedMount | null = null;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (t.isCallExpression(node) && refersTo(t, checker, node.expression, target)) {
      const receiver = node.arguments[parameterIndex];
      if (receiver) {
        const text = receiver.getText(file);
        const position = node.getStart(file);
        const names = earlierGuards(t, uses, { call: node, receiver: text, position }, '');
        found = { prefix: '', authenticatedBy: firstAuthenticating(names, vocabulary), file: file.fileName };
        return;
      }
    }
    t.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `passport.authenticate('jwt')` → `passport.authenticate`; `requireAuth` → `requireAuth`. */
function guardName(t: typeof ts, node: ts.Expression): string {
  let current: ts.Expression = node;
  while (t.isCallExpression(current)) current = current.expression;
  const parts: string[] = [];
  while (t.isPropertyAccessExpression(current)) {
    parts.unshift(current.name.text);
    current = current.expression;
  }
  if (t.isIdentifier(current)) parts.unshift(current.text);
  return parts.join('.');
}

function firstAuthenticating(names: readonly string[], vocabulary: AuthVocabulary): string | null {
  return names.find((name) => name !== '' && (vocabulary.isAuthMiddleware(name) || vocabulary.isRoleCheck(name))) ?? null;
}
