/**
 * The base of the taint engine's layers: what every layer reads about the file (its source, its
 * handlers, the settings, the guard and schema readers) and the reading of constant values. The
 * layers build on it in this order, each in its own file, each a class that extends the one before:
 * `sources.ts` (what is request input), `propagation.ts` (how taint moves through expressions),
 * `summaries.ts` (what functions of the file return and which calls reach them), `sink-roles.ts`
 * (how a sink reads its argument), `sinks.ts` (which call is a sink of which kind) and `engine.ts`
 * (findings). The parts of the engine call each other at every step (evaluation asks for sources,
 * summaries evaluate returns, sinks evaluate arguments), so they share one object: a layer calls
 * the layers below it directly, and the few members of later layers it needs through abstract
 * declarations (`evaluate`, `isHeldByServer`, `calledFunction`, `returnedTaints`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { allTaintKinds, type TaintKind } from '../../models/taint-types.js';
import { findVariable, type FunctionNode, isConstantBinding, isFunction, singleDefinition, staticString, unwrap, walk, scopeOf } from '../../utils/ast.js';
import { nameMatcher } from '../../utils/settings.js';
import type { InputLocation, RequestStyle } from '../../models/frameworks/request-inputs.js';
import type { RouteHandler } from '../routes/types.js';
import { GuardFinder } from './guards.js';
import type { ProjectLinks } from './cross-file.js';
import { SchemaReader } from './schemas.js';
import type { TaintSettings } from './settings.js';
import type { TypeOracle } from './type-oracle.js';
import type { RawOutputs } from './templates.js';
import type { Taint } from './types.js';
import type { RequestLocals } from '../project/request-locals.js';

/** Everything the engine reads about one file. */
export interface TaintEngineInput {
  sourceCode: Readonly<TSESLint.SourceCode>;
  handlers: readonly RouteHandler[];
  /** `GET /search` for handlers whose route is in view, to name it in findings through helpers. */
  routeNames?: ReadonlyMap<FunctionNode, string>;
  settings: TaintSettings;
  types: TypeOracle | null;
  /**
   * False when the project's `package.json` declares no MongoDB package (`mongoPackages`): then a
   * filter method on a model from another file is not a MongoDB filter. Undefined when unknown.
   */
  mongoProject?: boolean | undefined;
  /**
   * The request styles whose query strings the project parses flat (see `query-parser.ts`): there
   * a field of the query string is a string or an array of strings, never an operator object.
   */
  flatQueryStrings?: ReadonlySet<RequestStyle> | undefined;
  /**
   * The request styles whose upload names the project's parser reduces to base names (see
   * `upload-names.ts`): there such a name is no path input. Absent: none.
   */
  baseNameUploads?: ReadonlySet<RequestStyle> | undefined;
  /**
   * What the project's middleware copy from request input onto the request (`req.queue =
   * req.get('x-queue')`, see `project/request-locals.ts`), asked once when a handler reads a member
   * of its request that is no input of its own. Absent: only the request's own inputs are sources.
   */
  requestLocals?: (() => RequestLocals) | undefined;
  /**
   * The file's links to the other files of its project (see `cross-file.ts`): what their
   * functions return, and which of their handlers pass request input to this file's functions.
   * Absent for code that is not a project file on disk: the analysis is then single-file.
   */
  project?: ProjectLinks | null | undefined;
  /**
   * Whether a handler runs only for literal route paths (`app.get('/docs', …)`, see
   * `routes/fixed-paths.ts`): the path of its request's own URL then cannot start with `//`.
   */
  literalRouteHandler?: ((fn: FunctionNode) => boolean) | undefined;
  /**
   * Whether no registration of a handler, nor of any function that passes it the request, is in
   * view (see `routes/out-of-view.ts`): which paths reach it, and so whether the path of its
   * request's own URL can start with `//`, is not known.
   */
  handlerOutOfView?: ((fn: FunctionNode) => boolean) | undefined;
  /**
   * Whether a handler is reached only by PUT, PATCH or DELETE (see `routes/navigation.ts`): no
   * navigation renders its answer, so input echoed there is no reflected XSS.
   */
  scriptOnlyHandler?: ((fn: FunctionNode) => boolean) | undefined;
  /**
   * Whether a handler of a request style is reached only by GET or HEAD, and no code in view fills
   * that style's body from the URL (see `routes/navigation.ts`): no navigation of a victim's
   * browser sends it a body, so its body is no reflected-XSS or open-redirect source.
   */
  bodilessHandler?: ((fn: FunctionNode, style: RequestStyle) => boolean) | undefined;
  /**
   * The request styles whose URL code in view writes back decoded (`req.url = decodeURIComponent(req.url)`,
   * see `project/request-rewrites.ts`): their URL reads no longer hold only what a browser encodes.
   * Absent: every style counts as decoded.
   */
  decodedUrlStyles?: (() => ReadonlySet<RequestStyle>) | undefined;
  /**
   * The request locations middleware in front of every route of a handler strips of NoSQL
   * operators (see `routes/sanitizing-middleware.ts`): a value read there is no operator object.
   */
  nosqlSanitized?: ((fn: FunctionNode) => ReadonlySet<InputLocation>) | undefined;
  /**
   * The variables the view of that name writes without escaping (see `templates.ts`), or null when
   * its template file is not found. Absent for code that is not a file on disk.
   */
  renderedTemplate?: ((view: string) => RawOutputs | null) | undefined;
}

/** The file, its handlers and settings, shared by every layer of the engine. */
export abstract class EngineContext {
  protected readonly sourceCode: Readonly<TSESLint.SourceCode>;
  protected readonly handlers = new Map<FunctionNode, RouteHandler>();
  protected readonly guards: GuardFinder;
  protected readonly schemas: SchemaReader;
  protected readonly isSource: (name: string) => boolean;
  protected readonly userSanitizers: { match: (name: string) => boolean; kinds: readonly TaintKind[] }[];
  protected readonly userSinks: { match: (name: string) => boolean; kind: TaintKind; argument: number }[];

  constructor(protected readonly input: TaintEngineInput) {
    this.sourceCode = input.sourceCode;
    for (const handler of input.handlers) if (handler.fn) this.handlers.set(handler.fn, handler);
    const kindedMatcher = (entries: TaintSettings['sanitizers']) =>
      entries.map((entry) =>
        typeof entry === 'string'
          ? { match: nameMatcher([entry]), kinds: allTaintKinds }
          : { match: nameMatcher([entry.name]), kinds: entry.kinds ?? allTaintKinds },
      );
    this.userSanitizers = kindedMatcher(input.settings.sanitizers);
    const validators = kindedMatcher(input.settings.validators);
    this.guards = new GuardFinder(
      this.sourceCode,
      (name) => {
        const found = validators.find((validator) => validator.match(name));
        return found ? new Set(found.kinds) : null;
      },
      (list, inMemory) => this.isHeldByServer(list, inMemory),
    );
    this.schemas = new SchemaReader(this.sourceCode);
    this.isSource = input.settings.sources.length > 0 ? nameMatcher(input.settings.sources) : () => false;
    this.userSinks = input.settings.sinks.map((sink) => ({ match: nameMatcher([sink.name]), kind: sink.kind, argument: sink.argument ?? 0 }));
  }

  protected stringValue(node: TSESTree.Node): string | null {
    return staticString(node, scopeOf(this.sourceCode, node));
  }

  protected constObject(node: TSESTree.Node): TSESTree.ObjectExpression | null {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const init = this.constInit(target);
    return init?.type === AST_NODE_TYPES.ObjectExpression ? init : null;
  }

  protected constInit(node: TSESTree.Identifier): TSESTree.Node | null {
    const variable = findVariable(scopeOf(this.sourceCode, node), node.name);
    if (!variable || !isConstantBinding(variable)) return null;
    const definition = singleDefinition(variable);
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
    return unwrap(definition.node.init);
  }

  /** The taints an expression's value carries for `kind` (see `propagation.ts`). */
  abstract evaluate(node: TSESTree.Node, kind: TaintKind, depth?: number): readonly Taint[];

  /**
   * A collection the server chose at run time (see `sources.ts`); with `inMemory`, one also read
   * without waiting on a store (no `await`, promise or record read in what defines it).
   */
  protected abstract isHeldByServer(node: TSESTree.Node, inMemory?: boolean): boolean;
}

/** Whether `node` lies inside `container` (by range). */
export function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return container.range[0] <= node.range[0] && node.range[1] <= container.range[1];
}

/** Visits a function body without entering nested functions. */
export function walkOwn(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  walk(root, (node) => {
    if (node !== root && isFunction(node)) return 'skip';
    visit(node);
    return 'visit';
  });
}
