import path from 'node:path';
import { renderedTemplate } from './taint/templates.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { mongoPackages } from '../models/sinks/nosql.js';
import { getRoutes, type Route } from './routes/index.js';
import { literalRouteHandlers } from './routes/fixed-paths.js';
import { handlersOutOfView } from './routes/out-of-view.js';
import { nosqlSanitizedLocations } from './routes/sanitizing-middleware.js';
import { projectRequestLocals } from './project/request-locals.js';
import { bodilessHandlers, decodedUrlStyles, scriptOnlyHandlers } from './routes/navigation.js';
import { projectDependencies } from './routes/project-files.js';
import type { FunctionNode } from '../utils/ast.js';
import { quoteCode } from '../utils/describe-node.js';
import { moduleContext } from './project/context.js';
import { projectLinksFor } from './taint/cross-file.js';
import { flatQueryStrings } from './taint/query-parser.js';
import { baseNameUploadStyles } from './taint/upload-names.js';
import type { TaintEngineInput } from './taint/engine-context.js';
import { TaintEngine } from './taint/engine.js';
import { readTaintSettings } from './taint/settings.js';
import { createTypeOracle } from './taint/type-oracle.js';
import type { CallSinkKind, SinkSite, TaintFinding, TaintKind, TaintQueryOptions, TaintSinkInfo } from './taint/types.js';
import { scopeOf } from '../utils/ast.js';

export type * from './taint/types.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The analyses of one file, computed lazily and shared by every rule. */
export interface FileAnalysis {
  /** Flows of request input into sinks of `kind`; cached per kind and options. */
  taint(kind: CallSinkKind, options?: TaintQueryOptions): readonly TaintFinding[];
  taint(kind: TaintKind, options?: TaintQueryOptions): readonly TaintFinding<SinkSite>[];
  /** The engine itself, for rules that need more than findings (e.g. suggestions). */
  readonly engine: TaintEngine;
  /** The limit at which the analysis of this file stopped, if it did (findings may be missing). */
  limitReached(): string | null;
}

const cache = new WeakMap<TSESTree.Program, FileAnalysis>();

/**
 * The per-file analysis, created on first use and cached by Program. A bug of the analysis throws
 * to the rule, which reports it (see `createRule`); unusual code itself must never throw.
 */
export function getFileAnalysis(context: AnyContext): FileAnalysis {
  const program = context.sourceCode.ast;
  const cached = cache.get(program);
  if (cached) return cached;
  let engine: TaintEngine | null = null;
  const getEngine = (): TaintEngine => {
    // The engines of the other files a question reaches (importers calling into this file,
    // functions of other files called here) run on their own parse and routes with this file's
    // settings; they live as long as this analysis (see `cross-file.ts`).
    engine ??= new TaintEngine({
      ...engineInput(context),
      project: projectLinksFor(
        context.filename,
        context.sourceCode,
        (module, links) => new TaintEngine({ ...engineInput(moduleContext(module, context)), project: links }),
        context.settings,
      ),
    });
    return engine;
  };
  const results = new Map<string, readonly TaintFinding<SinkSite>[]>();
  const taint = (kind: TaintKind, options: TaintQueryOptions = {}): readonly TaintFinding<SinkSite>[] => {
    const key = `${kind}:${JSON.stringify(options)}`;
    let found = results.get(key);
    if (!found) {
      // An exception is not caught here: the rule that asked reports it as an internal error
      // (see `createRule`), instead of this returning no findings as if the file were clean.
      found = getEngine().findings(kind, options);
      results.set(key, found);
    }
    return found;
  };
  const analysis: FileAnalysis = {
    // Call-sink kinds only ever produce call sites (see `TaintEngine.findings`), so the narrow overload holds.
    taint: taint as FileAnalysis['taint'],
    get engine() {
      return getEngine();
    },
    limitReached: () => engine?.limitReached ?? null,
  };
  cache.set(program, analysis);
  return analysis;
}

/** What the taint engine reads about the file of `context`. */
function engineInput(context: AnyContext): TaintEngineInput {
  const routes = getRoutes(context);
  return {
    sourceCode: context.sourceCode,
    handlers: routes.handlers,
    routeNames: routeNames(routes.routes),
    settings: readTaintSettings(context),
    types: createTypeOracle(context),
    mongoProject: mongoProject(context.filename),
    flatQueryStrings: flatQueryStrings(context.filename),
    baseNameUploads: baseNameUploadStyles(context.filename),
    requestLocals: lazily(() => projectRequestLocals(context.filename, context.sourceCode.ast, (node) => scopeOf(context.sourceCode, node))),
    literalRouteHandler: literalRouteHandlers(context),
    handlerOutOfView: handlersOutOfView(context),
    scriptOnlyHandler: scriptOnlyHandlers(context),
    bodilessHandler: bodilessHandlers(context),
    decodedUrlStyles: lazily(() => decodedUrlStyles(context)),
    nosqlSanitized: nosqlSanitizedLocations(context),
    renderedTemplate: path.isAbsolute(context.filename) ? (view: string) => renderedTemplate(view, context.filename) : undefined,
  };
}

/** `GET /search` per route handler function; a handler of several routes is named by its first. */
function routeNames(routes: readonly Route[]): Map<FunctionNode, string> {
  const names = new Map<FunctionNode, string>();
  for (const route of routes) {
    const fn = route.handler?.fn;
    if (!fn || names.has(fn)) continue;
    names.set(fn, route.label ?? `${route.methods.join('|')} ${route.path ?? '(path not static)'}`);
  }
  return names;
}

/**
 * How a finding through a helper says where the input comes from, for rule messages:
 * `` `runReport` (called on line 12 by the handler of GET /reports) ``, and for a call in
 * another file `` `users.search` (called on line 8 of src/users.controller.ts by the handler of
 * GET /users) ``. Empty for direct flows.
 */
export function describeVia(sink: Pick<TaintSinkInfo<SinkSite>, 'via'>): string {
  const via = sink.via;
  if (!via) return '';
  const by = via.route === null ? '' : ` by the handler of ${via.route}`;
  const of = via.file === undefined ? '' : ` of ${via.file}`;
  return `${quoteCode(via.name)} (called on line ${String(via.line)}${of}${by})`;
}

/** `compute`, called at most once, when first asked. */
function lazily<T>(compute: () => T): () => T {
  let kept: { value: T } | null = null;
  return () => (kept ??= { value: compute() }).value;
}

/** Whether the linted file's project uses MongoDB, judged by its `package.json`; undefined when unknown. */
function mongoProject(filename: string): boolean | undefined {
  const dependencies = projectDependencies(filename);
  if (dependencies === null) return undefined;
  return mongoPackages.some((name) => dependencies.has(name));
}
