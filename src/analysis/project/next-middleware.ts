import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, findVariable, importSource, isFunction, propertyName, singleDefinition, unwrap, walk, type FunctionNode, type Scope, scopeLookup } from '../../utils/ast.js';
import { superLinearProblem } from '../../utils/patterns.js';
import { projectIndexOf } from './index.js';
import { parseProjectFile, type ProjectModule } from './parse.js';

/*
 * The Next.js middleware (Next 16: the proxy) of a project, read from its parsed file: what it
 * exports as the middleware, the paths its `config.matcher` selects, and whether it rejects
 * unauthenticated requests. Only code counts: a redirect in a comment is not one.
 */

/** How the middleware is built, which decides how its protection is read. */
export type NextMiddlewareKind = 'clerk' | 'next-auth' | 'authjs' | 'function';

/** What the project's middleware (or proxy) file runs in front of. */
export interface NextMiddleware {
  file: string;
  /** What the file exports as the middleware: `auth`, `clerkMiddleware`, `withAuth`, or `middleware`. */
  name: string;
  kind: NextMiddlewareKind;
  /** Whether the middleware runs for a route path (its `config.matcher`). */
  matches(path: string): boolean;
  /** Whether what this reader recognises rejects unauthenticated requests for a route path. */
  authenticates(path: string): boolean;
  /** The functions that run as the middleware (for a judge of auth evidence), with the file's scope lookup. */
  functions: FunctionNode[];
  scopeOf(node: TSESTree.Node): Scope;
}

/** `middleware.*` / `proxy.*`, at the project root or in `src/`, in the order Next.js looks. */
const MIDDLEWARE_CANDIDATES = ['middleware', 'src/middleware', 'proxy', 'src/proxy'].flatMap((base) =>
  ['ts', 'js', 'mts', 'mjs', 'tsx', 'jsx'].map((extension) => `${base}.${extension}`),
);

/**
 * The middleware of the Next.js project a file belongs to, or null when it has none (also when the
 * file is not on disk, or other files cannot be parsed). The file's parse is revalidated by size and
 * mtime on every call, so a saved edit of `middleware.ts` is seen on the next lint of a route.
 */
export function nextMiddlewareFor(filename: string): NextMiddleware | null {
  const index = projectIndexOf(filename);
  if (index === null) return null;
  for (const candidate of MIDDLEWARE_CANDIDATES) {
    const file = path.join(index.root, candidate);
    if (!index.has(file)) continue;
    const module = index.module(file);
    return module && readNextMiddleware(module);
  }
  return null;
}

const read = new WeakMap<TSESTree.Program, NextMiddleware>();

/** Reads a parsed middleware (or proxy) file: its exported middleware, matcher and protection. */
export function readNextMiddleware(module: ProjectModule): NextMiddleware {
  const cached = read.get(module.program);
  if (cached) return cached;
  const scopeOf = (node: TSESTree.Node): Scope => scopeLookup(module.sourceCode)(node);
  const exported = exportedMiddleware(module.program, scopeOf);
  const matchers = configMatchers(module.program, scopeOf);
  const matches = (routePath: string): boolean => matchers === null || matchers.some((pattern) => pattern.test(routePath));
  let kind: NextMiddlewareKind = 'function';
  let authenticates: (routePath: string) => boolean = () => false;
  if (exported.name === 'clerkMiddleware') {
    kind = 'clerk';
    if (callsProtect(module.program)) authenticates = clerkProtection(module.program, scopeOf);
  } else if (exported.module === 'next-auth/middleware') {
    kind = 'next-auth';
    authenticates = () => true;
  } else if (exported.name === 'auth' && !exported.called) {
    kind = 'authjs';
    authenticates = () => authjsRejects(module.file, exported.module);
  } else if (exported.functions.some(rejectsWithoutCredential)) {
    authenticates = () => true;
  }
  const middleware: NextMiddleware = { file: module.file, name: exported.name, kind, matches, authenticates, functions: exported.functions, scopeOf };
  read.set(module.program, middleware);
  return middleware;
}

interface Exported {
  name: string;
  /** Whether the export is a call (`auth(…)`, `clerkMiddleware(…)`) rather than a plain reference. */
  called: boolean;
  /** The module the exported name (or the called function) is imported from, if any. */
  module: string | null;
  functions: FunctionNode[];
}

/** The value exported as `middleware`, `proxy` or default, followed through local constants. */
function exportedMiddleware(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): Exported {
  let byDefault: Exported | null = null;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && isMiddlewareName(declaration.id?.name)) {
        return { name: declaration.id?.name ?? 'middleware', called: false, module: null, functions: [declaration] };
      }
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier || !isMiddlewareName(declarator.id.name) || !declarator.init) continue;
          return described(declarator.init, declarator.id.name, scopeOf, 0);
        }
      }
      for (const specifier of statement.specifiers) {
        const exportedAs = propertyName(specifier.exported);
        const local = propertyName(specifier.local);
        if (local === null || (exportedAs !== 'default' && !isMiddlewareName(exportedAs ?? undefined))) continue;
        let found: Exported;
        if (statement.source) {
          // `export { default } from 'next-auth/middleware'`, `export { auth as middleware } from '@/auth'`.
          const module = statement.source.value;
          found = { name: local === 'default' && module === 'next-auth/middleware' ? 'withAuth' : local, called: false, module, functions: [] };
        } else {
          found = specifier.local.type === AST_NODE_TYPES.Identifier ? described(specifier.local, local, scopeOf, 0) : { name: local, called: false, module: null, functions: [] };
        }
        if (exportedAs !== 'default') return found;
        byDefault ??= found;
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) {
        byDefault ??= { name: declaration.id?.name ?? 'middleware', called: false, module: null, functions: [declaration] };
      } else if (declaration.type !== AST_NODE_TYPES.ClassDeclaration && declaration.type !== AST_NODE_TYPES.TSDeclareFunction && declaration.type !== AST_NODE_TYPES.TSInterfaceDeclaration) {
        byDefault ??= described(declaration, 'middleware', scopeOf, 0);
      }
    }
  }
  return byDefault ?? { name: 'middleware', called: false, module: null, functions: [] };
}

function isMiddlewareName(name: string | undefined): boolean {
  return name === 'middleware' || name === 'proxy';
}

/**
 * What an exported expression is: a function (the middleware itself), a call of a library's
 * middleware builder with the functions it is given (`auth((req) => …)`, `clerkMiddleware(async
 * (auth, req) => …)`), or a name (`export default auth`); a local constant is followed to its value.
 */
function described(expression: TSESTree.Node, fallback: string, scopeOf: (node: TSESTree.Node) => Scope, depth: number): Exported {
  const target = unwrap(expression);
  if (isFunction(target)) return { name: target.type === AST_NODE_TYPES.ArrowFunctionExpression ? fallback : (target.id?.name ?? fallback), called: false, module: null, functions: [target] };
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    const name = dottedName(callee) ?? fallback;
    const functions = target.arguments.flatMap((argument) => {
      const fn = argument.type === AST_NODE_TYPES.SpreadElement ? null : localFunction(argument, scopeOf);
      return fn ? [fn] : [];
    });
    return { name, called: true, module: moduleOf(callee, scopeOf), functions };
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(target), target.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return { name: target.name, called: false, module: null, functions: [definition.node] };
    if (depth < 3 && definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && definition.node.id.type === AST_NODE_TYPES.Identifier) {
      const value = unwrap(definition.node.init);
      // `const middleware = clerkMiddleware(…); export default middleware`: what it is, not what it is called.
      if (value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.Identifier) return described(value, target.name, scopeOf, depth + 1);
      if (isFunction(value)) return { name: target.name, called: false, module: null, functions: [value] };
    }
    return { name: target.name, called: false, module: moduleOf(target, scopeOf), functions: [] };
  }
  const name = dottedName(target);
  return { name: name ?? fallback, called: false, module: moduleOf(target, scopeOf), functions: [] };
}

/** An inline function, or a function of this file a name refers to. */
function localFunction(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): FunctionNode | null {
  const target = unwrap(node);
  if (isFunction(target)) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(target), target.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && isFunction(unwrap(definition.node.init))) {
    return unwrap(definition.node.init) as FunctionNode;
  }
  return null;
}

/** The module the root identifier of `node` is imported from (`withAuth` of `next-auth/middleware`). */
function moduleOf(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope): string | null {
  let root = unwrap(node);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return null;
  return importSource(scopeOf(root), root.name)?.module ?? null;
}

/**
 * A hand-written middleware's evidence, as the text reader had it: it both rejects (a
 * `Response.redirect`/`NextResponse.redirect`, a 401 or 403 status) and reads a credential (a
 * cookie, `getToken()`, `auth()` or `req.auth`, `getSession()`, a `verify` call, the
 * `Authorization` header). Path conditions inside are not followed: such a middleware counts as
 * authenticating every path its matcher selects.
 */
function rejectsWithoutCredential(fn: FunctionNode): boolean {
  let rejects = false;
  let readsCredential = false;
  walk(fn, (node) => {
    if (rejects && readsCredential) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = dottedName(node.callee) ?? '';
      if (/(?:^|\.)(?:Next)?Response\.redirect$/u.test(name)) rejects = true;
      if (/(?:^|\.)cookies\.get$|(?:^|\.)(?:getToken|auth|getSession)$/iu.test(name)) readsCredential = true;
    } else if (node.type === AST_NODE_TYPES.Property && !node.computed && propertyName(node.key) === 'status') {
      const value = unwrap(node.value);
      if (value.type === AST_NODE_TYPES.Literal && (value.value === 401 || value.value === 403)) rejects = true;
    } else if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && propertyName(node.property) === 'auth') {
      readsCredential = true;
    } else if (node.type === AST_NODE_TYPES.Identifier && /verify/iu.test(node.name)) {
      readsCredential = true;
    } else if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && node.value.toLowerCase() === 'authorization') {
      readsCredential = true;
    }
    return undefined;
  });
  return rejects && readsCredential;
}

const AUTHJS_CONFIGS = ['auth.ts', 'auth.js', 'auth.config.ts', 'auth.config.js', 'lib/auth.ts', 'lib/auth.js'].flatMap((file) => [file, `src/${file}`]);
const authorizedCallback = new WeakMap<TSESTree.Program, boolean>();

/**
 * Auth.js (NextAuth v5) `auth` used as the middleware only rejects a request when the config has
 * an `authorized` callback. Reads the module `auth` is imported from (a relative import) and the
 * config files next to the middleware; when none is found the middleware is taken to protect (the
 * safe side for noise). Each parse is revalidated on every call, so an edit of the config is seen.
 */
function authjsRejects(middlewareFile: string, specifier: string | null): boolean {
  const dir = path.dirname(middlewareFile);
  const index = projectIndexOf(middlewareFile);
  const imported = specifier !== null && index ? index.resolve(middlewareFile, specifier) : null;
  const files = [...new Set([...(imported === null ? [] : [imported]), ...AUTHJS_CONFIGS.map((file) => path.join(dir, file))])];
  let found = false;
  for (const file of files) {
    const module = parseProjectFile(file);
    if (!module) continue;
    found = true;
    if (hasAuthorizedCallback(module.program)) return true;
  }
  return !found;
}

function hasAuthorizedCallback(program: TSESTree.Program): boolean {
  let found = authorizedCallback.get(program);
  if (found === undefined) {
    found = false;
    walk(program, (node) => {
      if (found) return 'skip';
      if ((node.type === AST_NODE_TYPES.Property || node.type === AST_NODE_TYPES.MethodDefinition) && !node.computed && propertyName(node.key) === 'authorized') {
        found = true;
      }
      return undefined;
    });
    authorizedCallback.set(program, found);
  }
  return found;
}

/**
 * `export const config = { matcher }` compiled to regular expressions; null when the middleware
 * runs on every path (no matcher, an empty list) or when the matcher is not a value this reader
 * understands (then it is assumed to match, like a pattern it cannot compile).
 */
function configMatchers(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): RegExp[] | null {
  let config: TSESTree.Node | null = null;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declaration.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === 'config' && declarator.init) config = unwrap(declarator.init);
    }
  }
  if (config?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const matcher = config.properties.find(
    (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === 'matcher',
  );
  if (!matcher) return null;
  const sources = literalPatterns(matcher.value, scopeOf);
  if (sources === null || sources.length === 0) return null;
  const compiled: RegExp[] = [];
  for (const source of sources) {
    const regex = compileMatcher(source);
    if (regex === null) return null;
    compiled.push(regex);
  }
  return compiled;
}

/**
 * The string patterns of a matcher value: a string, an array of strings or of `{ source: '…' }`
 * objects, or a constant of this file holding one. Null for anything else (a computed value, a
 * template with expressions, an object without a static `source`).
 */
function literalPatterns(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => Scope, depth = 0): string[] | null {
  const target = unwrap(node);
  const text = staticText(target);
  if (text !== null) return [text];
  if (target.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = findVariable(scopeOf(target), target.name);
    const definition = variable ? singleDefinition(variable) : null;
    const declarator = definition?.node;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || declarator.parent.kind !== 'const') return null;
    return literalPatterns(declarator.init, scopeOf, depth + 1);
  }
  if (target.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const patterns: string[] = [];
  for (const element of target.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) return null;
    const value = unwrap(element);
    const elementText = staticText(value);
    if (elementText !== null) {
      patterns.push(elementText);
      continue;
    }
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const source = value.properties.find(
      (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === 'source',
    );
    const sourceText = source ? staticText(unwrap(source.value)) : null;
    if (sourceText === null) return null;
    patterns.push(sourceText);
  }
  return patterns;
}

function staticText(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/** Whether the file calls `auth.protect()` / `auth().protect()` (Clerk). */
function callsProtect(program: TSESTree.Program): boolean {
  let found = false;
  walk(program, (node) => {
    if (found) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && propertyName(callee.property) === 'protect') found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * Which paths a `clerkMiddleware` with `auth.protect()` protects. With `createRouteMatcher` lists,
 * `if (isProtectedRoute(req)) auth.protect()` protects the listed paths, and
 * `if (!isPublicRoute(req)) auth.protect()` protects every path except the listed ones.
 */
function clerkProtection(program: TSESTree.Program, scopeOf: (node: TSESTree.Node) => Scope): (path: string) => boolean {
  const lists = new Map<string, RegExp[]>();
  const calls: TSESTree.CallExpression[] = [];
  let unknownList = false;
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init) {
      const init = unwrap(node.init);
      if (init.type === AST_NODE_TYPES.CallExpression && dottedName(init.callee) === 'createRouteMatcher') {
        const [first] = init.arguments;
        const sources = first && first.type !== AST_NODE_TYPES.SpreadElement ? literalPatterns(first, scopeOf) : null;
        const compiled = sources?.map(compileMatcher);
        // A function or computed argument: the protected paths are unknown.
        if (!compiled || compiled.some((regex) => regex === null)) unknownList = true;
        else lists.set(node.id.name, compiled.filter((regex): regex is RegExp => regex !== null));
      }
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier) calls.push(node);
    return undefined;
  });
  if (unknownList) return () => false;
  const protectedLists: RegExp[][] = [];
  const publicLists: RegExp[][] = [];
  for (const [name, list] of lists) {
    const uses = calls.filter((call) => (call.callee as TSESTree.Identifier).name === name);
    if (uses.some((call) => call.parent.type === AST_NODE_TYPES.UnaryExpression && call.parent.operator === '!')) publicLists.push(list);
    else if (uses.length > 0) protectedLists.push(list);
  }
  const matchesAny = (found: RegExp[][], routePath: string): boolean => found.some((list) => list.some((regex) => regex.test(routePath)));
  return (routePath) => {
    if (matchesAny(publicLists, routePath)) return false;
    if (protectedLists.length > 0) return matchesAny(protectedLists, routePath);
    return true;
  };
}

const matcherCache = new Map<string, RegExp | null>();

/**
 * Compiles a Next.js matcher (path-to-regexp syntax) to a RegExp: `:name` is one segment, `:name*`
 * zero or more, `:name+` one or more, `:name?` optional, `:name(regex)` a constrained segment, and a
 * parenthesised group is a regular expression as written (`/((?!api|_next/static).*)`). Null when
 * the result is not a valid regular expression, or when an expression written in the matcher can
 * take super-linear time (`/((a+)+)`): like any matcher this reader does not understand, it is then
 * assumed to match.
 */
export function compileMatcher(pattern: string): RegExp | null {
  const cached = matcherCache.get(pattern);
  if (cached !== undefined) return cached;
  let source = '';
  /** The regular expressions written in the matcher itself, which could backtrack on a path. */
  const written: string[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    const slash = char === '/' && pattern[index + 1] === ':';
    if (slash || char === ':') {
      let end = index + (slash ? 2 : 1);
      while (end < pattern.length && /[\w$]/u.test(pattern[end]!)) end++;
      let segment = '[^/]+';
      if (pattern[end] === '(') {
        const close = groupEnd(pattern, end);
        segment = pattern.slice(end + 1, close - 1);
        written.push(segment);
        end = close;
      }
      const modifier = pattern[end];
      const part = `${slash ? '/' : ''}(?:${segment})`;
      if (modifier === '*' || modifier === '+' || modifier === '?') {
        source += `(?:${part})${modifier}`;
        end++;
      } else {
        source += part;
      }
      index = end;
    } else if (char === '(') {
      const close = groupEnd(pattern, index);
      source += pattern.slice(index, close);
      written.push(pattern.slice(index, close));
      index = close;
    } else if (char === '\\') {
      source += pattern.slice(index, index + 2);
      index += 2;
    } else if (char === '*') {
      source += '.*';
      index++;
    } else {
      source += /[$()*+.?[\\\]^{|}]/u.test(char) ? `\\${char}` : char;
      index++;
    }
  }
  let regex: RegExp | null = null;
  // A matcher in the linted code whose own expression can backtrack is treated as not understood.
  if (written.some((part) => superLinearProblem(part) !== null)) {
    matcherCache.set(pattern, null);
    return null;
  }
  try {
    regex = new RegExp(`^${source}/?$`, 'u');
  } catch {
    // Without the `u` flag, identity escapes such as `\-` that matchers sometimes contain are valid.
    try {
      regex = new RegExp(`^${source}/?$`);
    } catch {
      // The project's matcher is not a pattern this reader can compile: null, documented above,
      // makes the middleware count as matching (the side with less noise).
      regex = null;
    }
  }
  matcherCache.set(pattern, regex);
  return regex;
}

/** Index just past the group that opens at `start`, skipping escapes and character classes. */
function groupEnd(pattern: string, start: number): number {
  let depth = 0;
  let inClass = false;
  for (let index = start; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      index++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return pattern.length;
}
