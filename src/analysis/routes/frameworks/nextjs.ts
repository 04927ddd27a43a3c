import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  dottedName,
  findVariable,
  isConstantBinding,
  isFunction,
  propertyName,
  resolveFunction,
  singleDefinition,
  unwrap,
  type FunctionNode,
  type Scope,
} from '../../../utils/ast.js';
import { nextMiddlewareFor, type NextMiddleware } from '../../project/next-middleware.js';
import { authVocabulary, judgeFunction, roleChecks } from '../auth.js';
import { checkAppliesToPath } from '../path-conditions.js';
import { isWrappedHandler } from '../handlers.js';
import { projectRelativePath } from '../project-files.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard } from '../types.js';
import { pagesMethods } from './next-methods.js';
import { dispatchingHandlerFactories } from '../../../models/frameworks/dispatchers.js';
import { matchSteps, originOf, parsePath } from '../../taint/access-path.js';

/** The exports of an App Router `route.ts` that Next.js serves. */
const APP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const SOURCE_FILE = /\.(?:ts|js|mts|mjs|tsx|jsx)$/u;
const ROUTE_FILE = /^route\.(?:ts|js|mts|mjs|tsx|jsx)$/u;

const NOT_HANDLERS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ClassExpression,
  AST_NODE_TYPES.ClassDeclaration,
]);

type RouteFile = { router: 'app' | 'pages'; path: string };

export const nextjsExtractor: FrameworkExtractor = {
  framework: 'nextjs',
  extract(context) {
    const file = routeFile(context);
    if (!file) return {};
    const routes = file.router === 'app' ? appRoutes(context, file.path) : pagesRoutes(context, file.path);
    if (routes.length === 0) return {};
    const middleware = nextMiddlewareFor(context.filename);
    if (middleware) {
      for (const route of routes) {
        // A route without a static path is assumed to be covered, like an unreadable matcher.
        if (route.path !== null && !middleware.matches(route.path)) continue;
        const guard: RouteGuard = {
          kind: 'next-middleware',
          name: middleware.name,
          node: route.reportNode,
          fn: null,
          level: 'global',
        };
        if (route.path !== null && authenticates(middleware, route.path, context)) guard.verdict = 'authenticated';
        if (route.path !== null && checksRoleFor(middleware, route.path)) guard.roleChecked = true;
        route.guards.unshift(guard);
      }
    }
    return { routes };
  },
};

/**
 * Whether the project's middleware rejects unauthenticated requests to a path: what its reader
 * recognises (Clerk's `protect()`, next-auth's `withAuth`, Auth.js with an `authorized` callback, a
 * redirect or 401 without a credential), or, for a hand-written middleware, the evidence the auth
 * judge finds in its body (a session or token check whose failing branch rejects).
 */
function authenticates(middleware: NextMiddleware, routePath: string, context: ExtractContext): boolean {
  if (middleware.authenticates(routePath)) return true;
  if (middleware.kind !== 'function') return false;
  const vocabulary = authVocabulary(context.settings);
  return middleware.functions.some((fn) => judgeFunction(fn, vocabulary, middleware.scopeOf).verdict === 'authenticates');
}

/**
 * Whether the middleware checks the caller's role on requests to a path: a role check in one of
 * its functions (Auth.js `auth((req) => …)`, a hand-written `middleware`) that the path conditions
 * around it let through for this path. A check under `pathname.startsWith('/api/admin')` covers
 * `/api/admin/users`, not `/api/orders`.
 */
function checksRoleFor(middleware: NextMiddleware, routePath: string): boolean {
  return middleware.functions.some((fn) => roleChecks(fn, middleware.scopeOf).some((check) => checkAppliesToPath(check, fn, routePath)));
}

/**
 * Whether the file is an App Router `route.*` or a Pages Router `pages/api/*` file, and the URL
 * path it serves. The path is derived from the file's location relative to its project root (the
 * nearest `package.json`), falling back to the path relative to the working directory.
 */
function routeFile(context: ExtractContext): RouteFile | null {
  const written = [context.relativeFilename, context.filename.replaceAll('\\', '/')];
  if (!written.some((file) => appRoutePath(file) !== null || pagesRoutePath(file) !== null)) return null;
  const candidates = [projectRelativePath(context.filename), ...written];
  for (const file of candidates) {
    if (file === null || file.startsWith('../')) continue;
    const app = appRoutePath(file);
    if (app !== null) return { router: 'app', path: app };
    const pages = pagesRoutePath(file);
    if (pages !== null) return { router: 'pages', path: pages };
  }
  return null;
}

/**
 * `app/api/(admin)/users/[id]/route.ts` → `/api/users/[id]`: route groups and `@slot` folders are
 * not part of the URL, and a private `_folder` is not routable at all.
 */
export function appRoutePath(file: string): string | null {
  const segments = file.split('/');
  if (!ROUTE_FILE.test(segments.at(-1) ?? '')) return null;
  const app = segments.indexOf('app');
  if (app === -1 || app === segments.length - 1) return null;
  const folders = segments.slice(app + 1, -1);
  if (folders.some((folder) => folder.startsWith('_'))) return null;
  const kept = folders.filter((folder) => !(folder.startsWith('(') && folder.endsWith(')')) && !folder.startsWith('@'));
  return `/${kept.join('/')}`;
}

/** `pages/api/users/index.ts` → `/api/users`, `pages/api/users/[id].ts` → `/api/users/[id]`. */
export function pagesRoutePath(file: string): string | null {
  const segments = file.split('/');
  const pages = segments.findIndex((segment, index) => segment === 'pages' && segments[index + 1] === 'api');
  const last = segments.at(-1) ?? '';
  if (pages === -1 || pages + 2 >= segments.length || !SOURCE_FILE.test(last) || last.endsWith('.d.ts')) return null;
  const parts = segments.slice(pages + 1);
  parts[parts.length - 1] = last.replace(SOURCE_FILE, '');
  if (parts.at(-1) === 'index') parts.pop();
  return `/${parts.join('/')}`;
}

/** A handler as exported, with the wrappers around it (`withAuth(handler)`), outermost first. */
export interface Unwrapped {
  guards: RouteGuard[];
  node: TSESTree.Node;
  fn: FunctionNode | null;
}

/**
 * Follows an exported value to its handler: an inline function, a same-file function or constant,
 * or a wrapper call whose handler argument is one (`withAuth(handler)`, `auth(async (req) => ...)`).
 */
export function unwrapHandler(expression: TSESTree.Node, scope: Scope, depth = 0): Unwrapped {
  const target = unwrap(expression);
  const opaque: Unwrapped = { guards: [], node: expression, fn: null };
  if (depth > 5) return opaque;
  if (isFunction(target)) return { guards: [], node: target, fn: target };
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scope, target.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (!variable || !definition) return opaque;
    if (definition.type === 'FunctionName' && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return { guards: [], node: expression, fn: definition.node };
    if (definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init || !isConstantBinding(variable)) {
      return opaque;
    }
    if (definition.node.id.type !== AST_NODE_TYPES.Identifier) return opaque;
    const inner = unwrapHandler(definition.node.init, scope, depth + 1);
    return inner.guards.length > 0 ? inner : { guards: [], node: expression, fn: inner.fn };
  }
  if (target.type !== AST_NODE_TYPES.CallExpression) return opaque;
  const handler = handlerArgument(target);
  if (!handler) return opaque;
  const guard: RouteGuard = {
    kind: 'middleware',
    name: dottedName(target.callee),
    node: target,
    fn: resolveFunction(target.callee, scope),
    level: 'route',
  };
  const inner = unwrapHandler(handler, scope, depth + 1);
  return { guards: [guard, ...inner.guards], node: inner.node, fn: inner.fn };
}

/**
 * The argument of a wrapper call that is the handler: the last inline function, else the first
 * argument that names or builds one (`withAuth(handler, { role })`). Null for a factory called with
 * options only (`createRouteHandler({ router })`).
 */
function handlerArgument(call: TSESTree.CallExpression): TSESTree.Node | null {
  const callArguments = call.arguments.filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
  const inline = callArguments.findLast((argument) => isFunction(unwrap(argument)));
  if (inline) return inline;
  return (
    callArguments.find((argument) => {
      const target = unwrap(argument);
      return (
        target.type === AST_NODE_TYPES.Identifier ||
        target.type === AST_NODE_TYPES.MemberExpression ||
        target.type === AST_NODE_TYPES.CallExpression
      );
    }) ?? null
  );
}

function appRoute(path: string, methodName: string, reportNode: TSESTree.Node, handler: Unwrapped, framework: 'nextjs' | 'vercel'): Route {
  // A Vercel function's method export takes a web-standard `Request`, not Next's `NextRequest`.
  const style = framework === 'vercel' ? 'fetch' : 'next-app';
  return {
    framework,
    methods: [methodName],
    path,
    reportNode,
    handler: { node: handler.node, fn: handler.fn, style: handler.fn && isWrappedHandler(handler.fn) ? 'wrapped' : style },
    guards: handler.guards,
    insertBefore: null,
    owner: null,
  };
}

/**
 * One route per exported HTTP method of an App Router `route.*` file; Vercel's `api/**` functions
 * may export their methods the same way (`export function GET(request: Request)`, see `vercel.ts`).
 */
export function appRoutes(context: ExtractContext, path: string, framework: 'nextjs' | 'vercel' = 'nextjs'): Route[] {
  const routes: Route[] = [];
  const add = (name: string, reportNode: TSESTree.Node, handler: Unwrapped, exported: TSESTree.Node): void => {
    if (dispatchesElsewhere(handler, context)) return;
    routes.push(appRoute(path, name, reportNode, handler, framework));
    context.claimed.add(exported);
    context.claimed.add(reportNode);
    if (handler.fn) context.claimed.add(handler.fn);
  };
  for (const statement of context.program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.exportKind === 'type') continue;
    const scope = context.scopeOf(statement);
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration) {
      if (declaration.id && APP_METHODS.has(declaration.id.name)) {
        add(declaration.id.name, declaration.id, { guards: [], node: declaration, fn: declaration }, declaration);
      }
    } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          if (!APP_METHODS.has(declarator.id.name) || !declarator.init) continue;
          add(declarator.id.name, declarator.id, unwrapHandler(declarator.init, scope), declarator);
        } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          // `export const { GET, POST } = handlers` (NextAuth): the handlers are built elsewhere.
          for (const property of declarator.id.properties) {
            if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier) continue;
            if (!APP_METHODS.has(property.value.name)) continue;
            add(property.value.name, property.value, { guards: [], node: property, fn: null }, declarator);
          }
        }
      }
    } else if (!declaration) {
      for (const specifier of statement.specifiers) {
        const name = propertyName(specifier.exported);
        if (name === null || !APP_METHODS.has(name) || specifier.exportKind === 'type') continue;
        // `export { GET } from './handlers'`: defined in another file.
        const handler = statement.source ? { guards: [], node: specifier.local, fn: null } : unwrapHandler(specifier.local, scope);
        add(name, specifier.exported, handler, specifier);
      }
    }
  }
  return routes;
}

/**
 * The route of a Pages Router API file: its default export (or `module.exports`). Vercel's
 * `api/**` functions have the same shape (see `vercel.ts`), under their own framework name.
 */
export function pagesRoutes(context: ExtractContext, path: string, framework: 'nextjs' | 'vercel' = 'nextjs'): Route[] {
  let exported: { statement: TSESTree.Node; reportNode: TSESTree.Node; handler: Unwrapped } | null = null;
  for (const statement of context.program.body) {
    // The module scope, where the file's top-level functions and constants are declared.
    const scope = context.scopeOf(statement);
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) {
        const handler = { guards: [], node: declaration, fn: declaration };
        exported = { statement, reportNode: declaration.id ?? declaration, handler };
      } else if (
        declaration.type !== AST_NODE_TYPES.ClassDeclaration &&
        declaration.type !== AST_NODE_TYPES.TSDeclareFunction &&
        declaration.type !== AST_NODE_TYPES.TSInterfaceDeclaration
      ) {
        exported = { statement, reportNode: exportReportNode(declaration), handler: unwrapHandler(declaration, scope) };
      }
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.declaration && !statement.source) {
      for (const specifier of statement.specifiers) {
        if (propertyName(specifier.exported) !== 'default') continue;
        exported = { statement, reportNode: specifier.local, handler: unwrapHandler(specifier.local, scope) };
      }
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = unwrap(statement.expression);
      if (
        expression.type === AST_NODE_TYPES.AssignmentExpression &&
        expression.operator === '=' &&
        dottedName(expression.left) === 'module.exports'
      ) {
        const value = unwrap(expression.right);
        if (value.type === AST_NODE_TYPES.ObjectExpression) continue;
        exported = { statement, reportNode: exportReportNode(value), handler: unwrapHandler(value, scope) };
      }
    }
  }
  if (!exported) return [];
  const { statement, reportNode, handler } = exported;
  // A default export that is a plain value (an object, a constant, a class) is not a handler.
  if (!handler.fn && handler.guards.length === 0 && NOT_HANDLERS.has(unwrap(handler.node).type)) return [];
  if (dispatchesElsewhere(handler, context)) return [];
  context.claimed.add(statement);
  context.claimed.add(reportNode);
  if (handler.fn) context.claimed.add(handler.fn);
  return [
    {
      framework,
      methods: pagesMethods(handler.fn),
      path,
      reportNode,
      handler: { node: handler.node, fn: handler.fn, style: 'next-pages' },
      guards: handler.guards,
      insertBefore: null,
      owner: null,
    },
  ];
}

/** The narrowest node naming a default export: its identifier, function name, or outer wrapper. */
function exportReportNode(expression: TSESTree.Node): TSESTree.Node {
  const target = unwrap(expression);
  if ((target.type === AST_NODE_TYPES.FunctionExpression || target.type === AST_NODE_TYPES.FunctionDeclaration) && target.id) {
    return target.id;
  }
  if (target.type === AST_NODE_TYPES.CallExpression) return target.callee;
  return target;
}

/**
 * Whether an exported handler is built by a package that dispatches to routes of its own
 * (`createNextApiHandler({ router })`, `createYoga({ schema })`, `handle(honoApp)`), as it is or
 * as the whole body of a function (`(req) => fetchRequestHandler({ req, router })`): see
 * `dispatchingHandlerFactories`. Those routes are judged where they are defined.
 */
function dispatchesElsewhere(handler: Unwrapped, context: ExtractContext): boolean {
  let value: TSESTree.Node = unwrap(handler.fn ?? handler.node);
  if (isFunction(value)) {
    const body = value.body;
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      const statements = body.body;
      const last = statements.at(-1);
      if (statements.length !== 1 || last?.type !== AST_NODE_TYPES.ReturnStatement || !last.argument) return false;
      value = unwrap(last.argument);
    } else {
      value = unwrap(body);
    }
  }
  if (value.type === AST_NODE_TYPES.Identifier) {
    // `const yoga = createYoga({ schema }); export { yoga as GET }`.
    const variable = findVariable(context.scopeOf(value), value.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) value = unwrap(definition.node.init);
  }
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const origin = originOf(value.callee, context.sourceCode);
  if (!origin) return false;
  return dispatchingHandlerFactories.some((factory) => factory.module === origin.module && matchSteps(parsePath(factory.path).tokens, origin.steps));
}
