import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { importedModules, scopeLookup } from '../../utils/ast.js';
import { getSettings } from '../../utils/settings.js';
import { registerProgramFile } from '../project/imported.js';
import { adoptLintedSource } from '../project/parse.js';
import { unregisteredHandlers } from './handlers.js';
import { registeredHandlerStyle } from './registered-handlers.js';
import { extractors } from './registry.js';
import type { ExtractContext, FileRoutes, Route } from './types.js';

export type * from './types.js';

const cache = new WeakMap<TSESTree.Program, FileRoutes>();

/**
 * Every route of the file being linted, computed once per file and shared by all rules.
 * Unusual code must not throw; a bug of an extractor throws to the rule, which reports it.
 */
export function getRoutes(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileRoutes {
  const sourceCode = context.sourceCode;
  const program = sourceCode.ast;
  const cached = cache.get(program);
  if (cached) return cached;
  registerProgramFile(program, context.filename);
  // Other files linted later may ask about this one: its parse is the one ESLint just made.
  adoptLintedSource(context.filename, sourceCode);
  const extractContext = extractContextOf(context);
  const result = extract(extractContext);
  // Handlers whose registration this file does not show: middleware, hooks, factory products,
  // constructor members, and functions registered in other files.
  // No catch either: a bug here would hide these handlers' flows, so the rule reports it.
  const known = new Set(result.handlers.flatMap((handler) => (handler.fn ? [handler.fn] : [])));
  result.handlers.push(...unregisteredHandlers(extractContext, known, (fn) => registeredHandlerStyle(context, fn)));
  cache.set(program, result);
  return result;
}

/**
 * The routes a file registers, for a question another file asks about them (which of its exports
 * a route registers): the file's routes when they are known, else what the framework extractors
 * find, without the handlers that have no registration in view, whose own questions would read
 * further files.
 */
export function registeredRoutes(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): Route[] {
  const program = context.sourceCode.ast;
  const known = cache.get(program)?.routes ?? registeredCache.get(program);
  if (known) return known;
  const routes = extract(extractContextOf(context)).routes;
  registeredCache.set(program, routes);
  return routes;
}

/** `registeredRoutes` of files whose route model was not asked for (a new version of a file is a new program). */
const registeredCache = new WeakMap<TSESTree.Program, Route[]>();

function extractContextOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ExtractContext {
  const program = context.sourceCode.ast;
  return {
    program,
    sourceCode: context.sourceCode,
    filename: context.filename,
    relativeFilename: path.relative(context.cwd, context.filename).split(path.sep).join('/'),
    imports: importedModules(program),
    settings: getSettings(context),
    scopeOf: scopeLookup(context.sourceCode),
    claimed: new WeakSet(),
  };
}

/** What the framework extractors find: routes, their handlers, mounts. */
function extract(extractContext: ExtractContext): FileRoutes {
  const result: FileRoutes = { routes: [], handlers: [], mounts: [] };
  for (const extractor of extractors) {
    // No catch: a framework whose routes were skipped would look unrouted, hence unreported;
    // the rule reports the error instead (see `createRule`).
    const part: Partial<FileRoutes> = extractor.extract(extractContext);
    result.routes.push(...(part.routes ?? []));
    result.handlers.push(...(part.handlers ?? []));
    result.mounts.push(...(part.mounts ?? []));
    if (part.serverDefaults) (result.serverDefaults ??= []).push(...part.serverDefaults);
    if (part.exportedPluginHooks) (result.exportedPluginHooks ??= []).push(...part.exportedPluginHooks);
    if (part.served) (result.served ??= []).push(...part.served);
    if (part.resolvers) (result.resolvers ??= []).push(...part.resolvers);
  }
  for (const route of result.routes) {
    if (route.handler && !result.handlers.includes(route.handler)) result.handlers.push(route.handler);
  }
  return result;
}
