import { scopeLookup } from '../utils/ast.js';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { projectIndexOf } from '../analysis/project/index.js';
import { getExposureAnalysis } from '../analysis/exposure/index.js';
import { getFileAnalysis } from '../analysis/file-analysis.js';
import { classifyWithDeclaredMount, declaredMountFor, relativeFilename } from '../analysis/routes/declared-mounts.js';
import { authVocabulary, type AuthVerdict, type AuthVocabulary, type ScopeOf } from '../analysis/routes/auth.js';
import { authenticatedAtMount, judgeMountedRoute, mayBeMountedElsewhere } from '../analysis/routes/mounts-across-files.js';
import { getRoutes, type RouteGuard } from '../analysis/routes/index.js';
import { routeReportLoc } from '../analysis/routes/report-location.js';
import { allTaintKinds } from '../models/taint-types.js';
import type { FunctionNode } from '../utils/ast.js';
import { quoteCode } from '../utils/describe-node.js';
import { getSettings, type ApiSecuritySettings } from '../utils/settings.js';
import { handlerName, readInputs } from './inputs.js';
import { handlerOwnership, type OwnershipColumn, remoteOwnership, type RemoteOwnership } from './ownership.js';
import { INJECTION_KINDS, type AuthStatus, type EndpointInput, type EndpointSink, type MassAssignment, type RoleCheck, type WholeObjectResponse } from './model.js';
import { roleChecksOf } from './role-check.js';

/** A route as one file sees it, serialisable (no AST). */
export interface RawRoute {
  framework: string;
  methods: string[];
  /** Path with the prefixes known in this file. */
  path: string | null;
  line: number;
  handler: { name: string | null; line: number | null };
  /** Last line of the handler function, to attach flows read there and sunk in another file. */
  handlerEnd: number | null;
  guards: string[];
  auth: { status: AuthStatus; by: string | null; roleChecked: boolean };
  /** The router is mounted by another file (whether or not the mount was found). */
  mountedElsewhere: boolean;
  /** The mount in another file this entry is judged by (one entry per mount found), or null. */
  mount: { file: string; line: number; prefix: string | null } | null;
  inputs: EndpointInput[];
  sinks: EndpointSink[];
  wholeObjectResponses: WholeObjectResponse[];
  massAssignments: MassAssignment[];
  roleCheck?: RoleCheck;
  /** How its record accesses by a client-supplied id are tied to the caller (see `ownership.ts`). */
  ownership: OwnershipColumn;
}

export interface FileRecord {
  /** Absolute path. */
  file: string;
  routes: RawRoute[];
  /**
   * Flows whose sink is in this file but whose request input is read by a handler of another file
   * (through a service or repository here): they belong to that handler's endpoints.
   */
  remoteSinks: RemoteSink[];
  /** Record accesses of this file whose id a handler of another file reads. */
  remoteOwnership: RemoteOwnership[];
}

/** A sink of this file reached from the handler of another file. */
export interface RemoteSink {
  /** Absolute path of the file whose handler passes the input on. */
  handlerFile: string;
  /** A line of that file inside the handler: the call that passes the input on, or the read. */
  handlerLine: number;
  /** The sink, with `file` set to this file (made relative when the inventory is built). */
  sink: EndpointSink & { file: string };
}

/** Everything one scan collects: per-file records plus the public path patterns in force. */
export interface Collector {
  records: Map<string, FileRecord>;
  publicRoutes: string[];
}

const MAX_TEXT = 60;

/**
 * The internal rule behind the inventory: reads the same route model, auth verdicts, taint
 * findings and exposure findings the rules use, and stores one record per file. Reports nothing.
 */
export function createCollectRule(collector: Collector): TSESLint.RuleModule<never> {
  return {
    meta: { type: 'suggestion', schema: [], messages: {} },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'() {
          const settings = getSettings(context);
          const vocabulary = authVocabulary(settings);
          collector.publicRoutes = [...vocabulary.publicRoutes];
          collector.records.set(context.filename, collect(context, settings, vocabulary));
        },
      };
    },
  };
}

type Context = Readonly<TSESLint.RuleContext<never, readonly unknown[]>>;

function collect(context: Context, settings: ApiSecuritySettings, vocabulary: AuthVocabulary): FileRecord {
  const { routes } = getRoutes(context);
  const record: FileRecord = { file: context.filename, routes: [], remoteSinks: remoteSinks(context), remoteOwnership: remoteOwnership(context) };
  if (routes.length === 0) return record;
  const sourceCode = context.sourceCode;
  const declared = declaredMountFor(settings, relativeFilename(context));
  const scopeOf: ScopeOf = scopeLookup(sourceCode);

  const raw = routes.map((route) => {
    const fn = route.handler?.fn ?? null;
    // The same reading of `settings['api-security'].mounts` and of mounts in other files as
    // `no-unauthenticated-route`: one entry per mount found.
    const { route: judged, verdict } = classifyWithDeclaredMount(route, declared, vocabulary, scopeOf);
    const mountedElsewhere = judged.owner?.mountedElsewhere ?? false;
    const mounted = mayBeMountedElsewhere(judged.owner) ? judgeMountedRoute(context, judged, vocabulary) : null;
    const base = {
      framework: route.framework,
      methods: [...route.methods],
      // The link's own line in a chain (`router\n  .get('/a', a)\n  .post('/b', b)`), where the rules report it.
      line: routeReportLoc(route.reportNode).start.line,
      handler: {
        name: route.handler ? handlerName(route.handler.node, fn) : null,
        line: (fn ?? route.handler?.node)?.loc.start.line ?? null,
      },
      handlerEnd: (fn ?? route.handler?.node)?.loc.end.line ?? null,
      mountedElsewhere,
      // An error here is the file's internal error (reported, the scan incomplete), never an empty list.
      inputs: route.handler ? readInputs(route.handler, route.guards, sourceCode) : [],
      ownership: handlerOwnership(context, fn),
    };
    const entry = (path: string | null, guards: readonly RouteGuard[], auth: RawRoute['auth'], mount: RawRoute['mount']): RawRoute => ({
      ...base,
      path,
      guards: guards.map(guardLabel),
      auth,
      mount,
      inputs: base.inputs.map((input) => ({ ...input })),
      sinks: [],
      wholeObjectResponses: [],
      massAssignments: [],
    });
    const entries = mounted === null
      ? [entry(judged.path, route.guards, authOf(verdict, mountedElsewhere, false), null)]
      : mounted.map((found) =>
          entry(found.route.path, found.route.guards, authOf(found.verdict, !found.mount.complete, authenticatedAtMount(found)), {
            file: found.mount.file,
            line: found.mount.line,
            prefix: found.mount.prefix,
          }),
        );
    return { route, fn, entries };
  });

  const inHandler = (node: TSESTree.Node | null | undefined, fn: FunctionNode | null): boolean =>
    node !== null && node !== undefined && fn !== null && node.range[0] >= fn.range[0] && node.range[1] <= fn.range[1];

  const analysis = getFileAnalysis(context);
  for (const kind of allTaintKinds) {
    for (const finding of analysis.taint(kind)) {
      for (const { fn, entries } of raw) {
        // The input of a flow from another file is read there: its nodes are not this file's.
        const source = finding.source.file === undefined ? finding.source.node : null;
        const via = finding.sink.via?.file === undefined ? finding.sink.via?.call : null;
        if (!inHandler(source, fn) && !inHandler(via, fn) && !inHandler(finding.sink.call, fn)) continue;
        const sink: EndpointSink = {
          kind,
          injection: INJECTION_KINDS.includes(kind),
          sink: finding.sink.name,
          line: finding.sink.line,
          source: unquote(finding.source.text),
        };
        for (const entry of entries) {
          if (!entry.sinks.some((known) => known.kind === sink.kind && known.line === sink.line && known.source === sink.source)) entry.sinks.push({ ...sink });
        }
      }
    }
  }
  const exposure = getExposureAnalysis(context);
  for (const { fn, entries } of raw) {
    for (const entry of entries) {
      for (const response of exposure.responses) {
        if (!inHandler(response.node, fn)) continue;
        entry.wholeObjectResponses.push({
          sink: unquote(response.sink),
          value: shorten(sourceCode.getText(response.node)),
          line: response.node.loc.start.line,
          fields: response.exposed,
        });
      }
      for (const write of exposure.writes) {
        if (!inHandler(write.node, fn)) continue;
        entry.massAssignments.push({
          sink: unquote(write.sink),
          input: unquote(write.input),
          line: write.node.loc.start.line,
          ...(write.unresolvedService === true ? { serviceOutOfView: true as const } : {}),
        });
      }
      entry.sinks.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
    }
  }
  const roleChecks = roleChecksOf(context);
  raw.forEach(({ entries }, index) => {
    entries.forEach((entry, at) => {
      const check = roleChecks[index]?.[at] ?? roleChecks[index]?.[0];
      if (check) entry.roleCheck = check;
    });
  });
  record.routes = raw.flatMap(({ entries }) => entries);
  return record;
}

/**
 * The flows of this file whose request input is read in another file of the project: the sink is
 * here, the endpoint there (the file and line of the handler's call, or of the read, name it).
 */
function remoteSinks(context: Context): RemoteSink[] {
  const found: RemoteSink[] = [];
  const root = projectIndexOf(context.filename)?.root;
  if (root === undefined) return found;
  const analysis = getFileAnalysis(context);
  for (const kind of allTaintKinds) {
    for (const finding of analysis.taint(kind)) {
      // The outermost step in another file: the handler's call that passes the input on, else the read.
      const via = finding.sink.via?.file !== undefined ? finding.sink.via : null;
      const at = via ? { file: via.file!, line: via.line } : finding.source.file !== undefined ? { file: finding.source.file, line: finding.source.line } : null;
      if (at === null) continue;
      found.push({
        handlerFile: path.resolve(root, at.file),
        handlerLine: at.line,
        sink: { kind, injection: INJECTION_KINDS.includes(kind), sink: finding.sink.name, line: finding.sink.line, source: unquote(withoutFile(finding.source.text, finding.source.file)), file: context.filename },
      });
    }
  }
  return found;
}

/**
 * The inventory's auth entry of a verdict. `unresolved`: the router's mount (or the outer part of
 * its chain of mounts) was not found in the project; `atMount`: the authenticating guard runs at
 * the mount in another file.
 */
function authOf(verdict: AuthVerdict, unresolved: boolean, atMount: boolean): RawRoute['auth'] {
  let by = verdict.unjudged ? `${verdict.unjudged.name} (definition out of view: ${verdict.unjudged.source})` : verdict.by;
  if (verdict.status === 'unknown' && !verdict.unjudged && unresolved) by = 'router mounted in another file; mount not found';
  // Anonymous requests reach the handler: say which middleware authenticates only the others, and
  // to which call the handler hands the caller (the code that then decides), as the rule does.
  if (verdict.optional) {
    by = `${verdict.optional.name} (only requests that send credentials)`;
    if (verdict.delegatedTo) by += `; caller passed to ${verdict.delegatedTo.call}`;
  }
  if (atMount && by !== null) by = `${by} (at mount)`;
  return { status: verdict.status, by, roleChecked: verdict.roleChecked };
}

function guardLabel(guard: RouteGuard): string {
  return guard.name ?? `(inline ${guard.kind})`;
}

/** `` `req.query.q` in src/a.ts `` is `` `req.query.q` `` when the file is known: the entry names it apart. */
function withoutFile(text: string, file: string | undefined): string {
  const suffix = file === undefined ? null : ` in ${file}`;
  return suffix !== null && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
}

/** `` `req.body` `` → `req.body`: the JSON holds code text without Markdown quoting. */
function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('`') && text.endsWith('`') ? text.slice(1, -1) : text;
}

function shorten(text: string): string {
  return quoteCode(text).slice(1, -1).slice(0, MAX_TEXT);
}
