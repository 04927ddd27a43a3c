import type { RawOutput } from './templates.js';
import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../../utils/ast.js';
import type { PlaceholderStyle, TaintKind } from '../../models/taint-types.js';

export type { TaintKind } from '../../models/taint-types.js';

/**
 * Where attacker-controlled data was read: in the linted file (`node` is the expression, or
 * destructured identifier, that reads request input), or in another file of the project (a
 * handler that calls into this one): then `file` is that file, relative to the project root,
 * `text` names it too and `line` is its line. Another file's input is location data only, no
 * node, so that the answer can be kept as a summary on disk (see `project/summaries.ts`).
 */
export type TaintSourceInfo = LocalSourceInfo | RemoteSourceInfo;

interface SourceInfoBase {
  /** Short code text in backticks, e.g. `` `req.query.id` ``. */
  text: string;
  line: number;
  /**
   * A redirect target checked with `startsWith` against a prefix known only at run time
   * (`config.siteUrl`) before it got here: whether that keeps it on the site depends on the value
   * (see `no-open-redirect`'s `runtimePrefixes`). The prefix as written, and its line.
   */
  runtimePrefix?: { text: string; line: number };
  /**
   * The path of the request's own URL read in a handler whose registration is not in view, nor that
   * of any function passing it the request: whether it can start with `//` depends on the route (see
   * `no-open-redirect`'s `unknownRoutes`). The handler as named in its file, and its line.
   */
  routeOutOfView?: { handler: string; line: number };
  /**
   * Read in a handler whose route is registered only when a development or test switch is on
   * (`if (config.dev) app.post(…)`, see `routes/dev-switch.ts`): a route of those runs only, as a
   * test file's are (see `no-path-traversal`'s `devRoutes`). The switch as written, and its line.
   */
  devSwitch?: { text: string; line: number };
  /**
   * Read from an input the route's declared validation gives a schema out of view (a package's,
   * see `SchemaReader.declaredOutOfView`): the framework rejects the request unless the value passes
   * it, which may or may not bound it. A category the taint rules report only when asked (their
   * `unknownSchemas` option). The schema as written, and its line.
   */
  unknownSchema?: { text: string; line: number };
  /**
   * The request's own URL as the browser sent it, not decoded (see `undecodedUrlInputs`), and only
   * cut, recased, joined or stored since: its text holds no raw `"`, `<` or `>`. Set for `xss` only;
   * any other call or `new` on the way drops it (it may decode).
   */
  undecodedUrl?: true;
  /**
   * Checked to contain no `..` (`if (name.includes('..')) return …`) and nothing more: it cannot
   * climb, but an absolute path is still one. Set for `path` only; `path.join` after a root, or text
   * before it, keeps it under the root and drops the taint; a decoder drops the mark (`%2e%2e`).
   */
  parentChecked?: true;
}
export interface LocalSourceInfo extends SourceInfoBase {
  node: TSESTree.Node;
  file?: undefined;
}
export interface RemoteSourceInfo extends SourceInfoBase {
  node?: undefined;
  file: string;
}

/**
 * How the sink reads the tainted value: as query/command text, as a query filter object, as
 * JavaScript (`$where`), as a regular expression (`$regex`), or as a shell argument vector.
 */
export type SinkRole = 'text' | 'filter' | 'code' | 'regex' | 'argv' | 'url' | 'html' | 'options';

/**
 * Where a sink consumes a value: a call, a `new` expression, an assignment (`ctx.body = x`),
 * `import(x)`, or a response object a handler returns (`return { statusCode: 302, headers }`).
 */
export type SinkSite =
  | TSESTree.CallExpression
  | TSESTree.NewExpression
  | TSESTree.AssignmentExpression
  | TSESTree.ImportExpression
  | TSESTree.ObjectExpression
  | TSESTree.ReturnStatement;

/** The taint kinds whose sinks are always calls (the first rules of the plugin rely on it). */
export type CallSinkKind = 'sql' | 'nosql' | 'shell';

/** The call that consumes the value. */
export interface TaintSinkInfo<C extends SinkSite = TSESTree.CallExpression> {
  /** The call, `new` expression or assignment that consumes the value. */
  call: C;
  /** Dotted callee as written, e.g. `pool.query`. */
  name: string;
  line: number;
  library: string;
  role: SinkRole;
  placeholder: PlaceholderStyle | null;
  /**
   * When the sink is inside a same-file helper: the call (in a handler, or the outermost helper)
   * that hands the request input to it, and the route of that handler (`GET /search`), or null
   * when the handler's route is not in view.
   */
  via: TaintVia | null;
  /** For `url` sinks: the value sits in the path or query of a URL whose origin is fixed. */
  pathOnly?: boolean;
  /** For a view's local: where the template writes it without escaping (`<%- q %>`). */
  template?: RawOutput;
}

/**
 * The call that hands request input to the function holding a sink: in the linted file (`call`),
 * or in another file of the project, then `file` (relative to the project root) and `line` are
 * that file's, with no node (location data, as for a `RemoteSourceInfo`).
 */
export type TaintVia = LocalVia | RemoteVia;

interface ViaBase {
  name: string;
  line: number;
  route: string | null;
}
export interface LocalVia extends ViaBase {
  call: TSESTree.CallExpression;
  file?: undefined;
}
export interface RemoteVia extends ViaBase {
  call?: undefined;
  file: string;
}

/** One source-to-sink flow. Rules turn findings into reports; the engine never reports. */
export interface TaintFinding<C extends SinkSite = TSESTree.CallExpression> {
  kind: TaintKind;
  /** The narrowest node to report: the tainted argument, template expression or property value. */
  node: TSESTree.Node;
  /** The whole argument of the sink call that holds `node`. */
  argument: TSESTree.Node;
  source: TaintSourceInfo;
  sink: TaintSinkInfo<C>;
}

/** Per-query options a rule passes to the engine. */
export interface TaintQueryOptions {
  /** Extra dotted callee names (or `/regex/`) whose first argument is a sink of this kind. */
  sinks?: readonly string[];
}

/** A value's taint: a real source, or a parameter placeholder used while summarising a function. */
export type TaintOrigin =
  | { type: 'source'; source: TaintSourceInfo }
  | {
      type: 'param';
      fn: FunctionNode;
      index: number;
      /** Members read from the parameter before any other operation (`req.query.id` → query, id). */
      path: readonly string[];
      direct: boolean;
    };

export interface Taint {
  origin: TaintOrigin;
  /** The value sits inside an object or array literal rather than being the value itself. */
  container: boolean;
  /** A validation schema that checked the value, narrowed by the members read since. */
  schema: TSESTree.Node | null;
  /**
   * The value is an uploaded file (or a list or map of them) read from an upload input: the
   * members where the server stored it (`filepath`, `path`) are not input, wherever it is read.
   */
  upload?: true;
}
