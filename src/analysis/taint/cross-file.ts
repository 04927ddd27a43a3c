import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, findVariable, isFunction, requiredModule, resolveFunction, unwrap, walk, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { diContainers } from '../../models/frameworks/di-containers.js';
import { constructorTarget, crossFileTarget, type CrossFileTarget } from '../project/calls.js';
import { locatorConsumers } from '../project/locators.js';
import { strapiServiceConsumers } from '../project/strapi-services.js';
import { contentHash } from '../project/disk-cache.js';
import { projectIndexOf, type ProjectIndex } from '../project/index.js';
import { exportedDefinition } from '../project/imported.js';
import { markTruncated, recordAll, recordEngine, recordFile, recording, recordingDependencies, unrecorded, type Dependencies } from '../project/dependencies.js';
import { parseProjectFile, projectFileHash, type ProjectModule } from '../project/parse.js';
import { projectRoot, readProjectFile } from '../routes/project-files.js';
import { newEpoch, summary, type SummaryKind } from '../project/summaries.js';
import { originOf, type Origin } from './access-path.js';
import { routeTableEntries, type RouteTableEntry } from '../routes/dispatch-branches.js';
import type { TaintEngine } from './engine.js';
import type { ReturnShape } from './sink-roles.js';
import { flatQueryStrings } from './query-parser.js';
import { mentionsQueue, processedQueue, producerCalls, type ProcessedQueue } from './job-queues.js';
import { jobQueues } from '../../models/frameworks/job-queues.js';
import type { RemoteSourceInfo, RemoteVia, Taint, TaintKind, TaintSourceInfo } from './types.js';

/*
 * Taint across the files of a project. The engine of the linted file asks two questions here:
 *   - forward: what does a function of another file, called here, return (its parameters, read
 *     through which members, and what it reads itself), so `getSort(req)` is `req.query.sort`;
 *   - backward: which handlers of other files (importers, and through their own parameters the
 *     importers of those) pass request input to a function of this file whose parameter reaches a
 *     sink here. The finding stays at the sink, in the linted file, and names the input and the
 *     call of the handler with their file and line.
 * Both run the ordinary single-file engine on the other files (their parse, routes and settings),
 * so sources, sanitizers, guards and kinds are the same as in one file. The work is bounded: a
 * few files deep, a fixed number of files per lint, a fixed number of importers and flows per
 * question. The other files' engines live for one lint of one file (the parses behind them are
 * kept per file version by the project model), so an edit of another file is seen on the next lint.
 */

/** How many files away from the linted one a question may travel. */
const MAX_DEPTH = 3;
/** Other files whose engine one lint may build. */
const MAX_FILES = 32;
/** Importers (direct, or through a re-exporting barrel) searched per backward question. */
const MAX_IMPORTERS = 24;
/** Flows collected per backward question: one is enough to report, a few name the routes. */
const MAX_FLOWS = 16;
/** Files searched for the producers of one queue (those naming it, and their importers). */
const MAX_PRODUCER_FILES = 32;
/** Import steps from a file naming a queue to the files that may enqueue on it. */
const IMPORTER_STEPS = 2;
/** Files whose text is read in the search for one queue's producers. */
const MAX_QUEUE_SCAN = 512;

/** The first members of a job that hold what its producer enqueued (`job.data`, `job.attrs.data`, `message.content`). */
const JOB_DATA_MEMBERS = new Set<string>(jobQueues.map((model) => model.data[0]));
/** A member that is an element of an array (`*` for any, or an index). */
const ELEMENT = /^(?:\*|\d+)$/u;

/** Request input that a call in another file hands to a function of this one. */
export interface IncomingFlow {
  /** Where the input is read (its `file`, `text` naming the file, and `line` are that file's). */
  source: RemoteSourceInfo;
  /** The call in the handler (or the outermost helper) of that file. */
  via: RemoteVia;
}

/** What a call to a function of another file returns, as that file's engine summarises it. */
export interface RemoteReturn {
  /** The function called (a node of the other file's parse). */
  fn: FunctionNode;
  /** Sources it reads (named with their file) and its own parameters as placeholders. */
  summary: readonly Taint[];
}

/** Builds the engine of another project file, linked to the same session. */
export type EngineFactory = (module: ProjectModule, links: ProjectLinks) => TaintEngine;

interface LinkedEngine {
  module: ProjectModule;
  engine: TaintEngine;
  links: ProjectLinks;
}

/*
 * The questions that read many other files keep their answers as summaries (see
 * `project/summaries.ts`): which request input the calls of one importer pass to a function of
 * this file (the backward question parses and analyses every importer), what package an imported
 * value comes from, and whether a file re-exports or extends a class (which decides whether its
 * own importers are searched too). Answers are location data (file, line, text), never nodes.
 */
const incomingKind: SummaryKind<IncomingFlow[]> = {
  name: 'taint-incoming',
  version: 2,
  isValue: (value): value is IncomingFlow[] => Array.isArray(value) && value.every(isIncomingFlow),
};

const originKind: SummaryKind<Origin | null> = {
  name: 'package-origin',
  version: 1,
  isValue: (value): value is Origin | null =>
    value === null ||
    (typeof value === 'object' &&
      typeof (value as Origin).module === 'string' &&
      Array.isArray((value as Origin).steps) &&
      (value as Origin).steps.every((step) => typeof step === 'string')),
};

interface ModuleShape {
  /** `export * from`, `export { x } from`. */
  reexports: boolean;
  /** Declares a class extending another. */
  extendsAClass: boolean;
  /** Creates instances at its top level (`export const container = { users: new UserService() }`). */
  createsInstances: boolean;
  /**
   * Builds service objects in its functions: a `new` of a class (`function buildServices() { return
   * { invoices: new InvoiceService(repo) } }`), or a function returning an object of closures
   * (`module.exports = function monitorService() { return { history: (id) => dao.history(id) } }`).
   */
  buildsServices: boolean;
  /**
   * The modules whose imported function it calls with arguments (`invoiceRoutes(services)`,
   * `require('./routes/monitors')(services)`): where a composition root hands what it built.
   */
  handsTo: string[];
  /**
   * Constructor injection by hand: the modules whose imported class it builds (or imported function
   * it calls) with another imported module among the arguments (`new InvoiceController(invoiceService)`,
   * `new InvoiceController(new InvoiceService(repo))`), each with the specifiers it hands over. The
   * class stores what it is given in its fields and calls it without importing it.
   */
  injects: Injection[];
}
interface Injection {
  into: string;
  given: string[];
}
const isInjection = (value: unknown): value is Injection =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Injection).into === 'string' &&
  Array.isArray((value as Injection).given) &&
  (value as Injection).given.every((entry) => typeof entry === 'string');
const shapeKind: SummaryKind<ModuleShape> = {
  name: 'module-shape',
  version: 6,
  isValue: (value): value is ModuleShape =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ModuleShape).reexports === 'boolean' &&
    typeof (value as ModuleShape).extendsAClass === 'boolean' &&
    typeof (value as ModuleShape).createsInstances === 'boolean' &&
    typeof (value as ModuleShape).buildsServices === 'boolean' &&
    Array.isArray((value as ModuleShape).handsTo) &&
    (value as ModuleShape).handsTo.every((entry) => typeof entry === 'string') &&
    Array.isArray((value as ModuleShape).injects) &&
    (value as ModuleShape).injects.every(isInjection),
};

function isIncomingFlow(value: unknown): value is IncomingFlow {
  if (typeof value !== 'object' || value === null) return false;
  const { source, via } = value as Partial<IncomingFlow>;
  return (
    typeof source === 'object' &&
    source !== null &&
    typeof source.text === 'string' &&
    typeof source.line === 'number' &&
    typeof source.file === 'string' &&
    source.node === undefined &&
    (source.routeOutOfView === undefined || (typeof source.routeOutOfView === 'object' && source.routeOutOfView !== null && typeof source.routeOutOfView.handler === 'string' && typeof source.routeOutOfView.line === 'number')) &&
    (source.devSwitch === undefined || (typeof source.devSwitch === 'object' && source.devSwitch !== null && typeof source.devSwitch.text === 'string' && typeof source.devSwitch.line === 'number')) &&
    (source.unknownSchema === undefined || (typeof source.unknownSchema === 'object' && source.unknownSchema !== null && typeof source.unknownSchema.text === 'string' && typeof source.unknownSchema.line === 'number')) &&
    typeof via === 'object' &&
    via !== null &&
    typeof via.name === 'string' &&
    typeof via.line === 'number' &&
    (via.route === null || typeof via.route === 'string') &&
    typeof via.file === 'string' &&
    via.call === undefined
  );
}

/** The other files analysed while one file is linted, with the budget they share. */
class Session {
  private currentDepth = 0;
  private readonly analyses = new Map<string, LinkedEngine>();
  /** The files whose engine this lint paid for: built here, or built by the computation of a summary used here. */
  private readonly charged = new Set<string>();
  /** This lint, for summaries: what was checked in it holds for the rest of it. */
  readonly epoch = newEpoch();
  /** The first limit at which a question across files went unanswered in this lint, if one did. */
  limit: string | null = null;
  /** The files searched for the producers of a queue, by model and name (`producerFiles`). */
  private readonly producers = new Map<string, readonly string[]>();

  constructor(
    readonly index: ProjectIndex,
    private readonly makeEngine: EngineFactory,
    /** What the engines of other files depend on besides their text: the linted file's settings. */
    readonly configKey: string,
  ) {}

  get depth(): number {
    return this.currentDepth;
  }

  /** The engine of another file, built once per lint; null when the lint's budget of files is spent. */
  analysisOf(module: ProjectModule): LinkedEngine | null {
    const cached = this.analyses.get(module.file);
    recordEngine(module.file);
    // A newer parse of the file (edited, or dropped from the parse cache): its nodes are the ones asked about.
    if (cached?.module === module) return cached;
    if (!this.charged.has(module.file)) {
      if (this.charged.size >= MAX_FILES) {
        // The answer depends on what this lint asked before: it is not kept as a summary.
        markTruncated();
        this.limit ??= `the ${String(MAX_FILES)} other files of the project one lint may read`;
        return null;
      }
      this.charged.add(module.file);
    }
    const links = new ProjectLinks(this, module.file, module.sourceCode);
    const analysis = { module, engine: this.makeEngine(module, links), links };
    this.analyses.set(module.file, analysis);
    return analysis;
  }

  /**
   * Whether a kept summary whose computation built the engines of `engines` may be used: it costs
   * this lint's budget what computing it would have, and when the budget cannot pay it, computing
   * it runs out of budget as it would without the summary.
   */
  charge(engines: ReadonlySet<string>): boolean {
    let extra = 0;
    for (const file of engines) if (!this.charged.has(file)) extra++;
    if (this.charged.size + extra > MAX_FILES) return false;
    for (const file of engines) this.charged.add(file);
    return true;
  }

  /**
   * The files that may enqueue jobs on `queue`: those naming it in a string literal (where the
   * queue is created, the job scheduled, or the name kept in a constant) and the files importing
   * them, two steps up (a route imports the queue, whose file imports the constant naming it);
   * of these, the ones calling a producer method. Found once per lint and queue.
   */
  producerFiles(queue: ProcessedQueue): readonly string[] {
    const key = `${String(jobQueues.indexOf(queue.model as (typeof jobQueues)[number]))}\0${queue.name}`;
    const known = this.producers.get(key);
    if (known) return known;
    const calls = new RegExp(`\\.(?:${queue.model.producers.map((producer) => producer.method).join('|')})\\b`, 'u');
    const files: string[] = [];
    let level = [...this.index.files()].filter((file) => mentionsQueue(readProjectFile(file) ?? '', queue.name));
    const seen = new Set(level);
    for (let step = 0; step <= IMPORTER_STEPS && level.length > 0 && seen.size <= MAX_QUEUE_SCAN; step++) {
      const next: string[] = [];
      for (const file of level) {
        if (calls.test(readProjectFile(file) ?? '')) files.push(file);
        for (const importer of this.index.importersOf(file)) {
          if (seen.has(importer)) continue;
          seen.add(importer);
          next.push(importer);
        }
      }
      level = next;
    }
    if (files.length > MAX_PRODUCER_FILES || seen.size > MAX_QUEUE_SCAN) this.limit ??= `the ${String(MAX_PRODUCER_FILES)} files one queue's producers are searched in`;
    const bounded = files.slice(0, MAX_PRODUCER_FILES);
    this.producers.set(key, bounded);
    return bounded;
  }

  /** Runs a question one file further away, or answers `fallback` when that is too far. */
  across<T>(fallback: T, run: () => T): T {
    if (this.currentDepth >= MAX_DEPTH) return fallback;
    this.currentDepth++;
    try {
      return run();
    } finally {
      this.currentDepth--;
    }
  }
}

/**
 * One file's links to the rest of its project, as its taint engine uses them. Created for the
 * linted file by `projectLinksFor`, and for each other file the questions reach.
 */
export class ProjectLinks {
  /** The file, relative to the project root, as messages name it. */
  readonly displayName: string;
  private readonly targets = new Map<TSESTree.CallExpression | TSESTree.NewExpression, { target: CrossFileTarget | null; dependencies: Dependencies }>();
  /** The calls of this file that may reach a function of the file asked about, by their target; per asked file. */
  private readonly callsByTarget = new Map<string, { calls: Map<string, (TSESTree.CallExpression | TSESTree.NewExpression)[]>; dependencies: Dependencies }>();
  /** The re-exporting files the last walk of importers went through (their names may alias this file's exports). */
  private reexporters: string[] = [];
  /** The last `reachOf` answer, for the re-exporters it was read with. */
  private reach: { key: string; reach: Reach } | null = null;
  private readonly flows = new Map<string, readonly IncomingFlow[]>();
  /** The `flows` questions being answered: asked again meanwhile (a cycle of calls), they answer nothing. */
  private readonly answering = new Set<string>();

  /** The limit at which a question across files went unanswered in this lint, if one did. */
  get limitReached(): string | null {
    return this.session.limit;
  }

  constructor(
    private readonly session: Session,
    private readonly file: string,
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
  ) {
    this.displayName = path.relative(session.index.root, file).split(path.sep).join('/');
  }

  /** Forward: what the function of another file that `call` runs returns for `kind`, or null. */
  returned(call: TSESTree.CallExpression, kind: TaintKind): RemoteReturn | null {
    return this.remoteSummary(call, (engine, fn) => engine.returnSummary(fn, kind));
  }

  /**
   * What `summarise` says of the function of another file that `call` runs, its sources named
   * from here and its placeholders kept only for that function's own parameters (those of other
   * functions of that file, closures, mean nothing here).
   */
  private remoteSummary(call: TSESTree.CallExpression, summarise: (engine: TaintEngine, fn: FunctionNode) => readonly Taint[] | null): RemoteReturn | null {
    const target = this.targetOf(call);
    if (!target) return null;
    const other = this.session.analysisOf(target.module);
    if (!other) return null;
    const summary = this.session.across(null, () => summarise(other.engine, target.fn));
    if (summary === null) return null;
    const mapped: Taint[] = [];
    for (const taint of summary) {
      if (taint.origin.type === 'source') mapped.push({ ...taint, origin: { type: 'source', source: other.links.foreign(taint.origin.source) } });
      else if (taint.origin.fn === target.fn) mapped.push(taint);
    }
    return { fn: target.fn, summary: mapped };
  }

  /**
   * Forward: what the field `name` of the object the function of another file that `call` runs
   * returns holds, when all its returns are object literals; null otherwise.
   */
  returnedField(call: TSESTree.CallExpression, name: string, kind: TaintKind): RemoteReturn | null {
    return this.remoteSummary(call, (engine, fn) => engine.fieldReturnSummary(fn, name, kind));
  }

  /**
   * Forward: what the constructor of a class of another file that `node` builds stores in the
   * field `name` of the instance, or null.
   */
  constructedField(node: TSESTree.NewExpression, name: string, kind: TaintKind): RemoteReturn | null {
    const { value: target, dependencies } = recordingDependencies(() => constructorTarget(node, this.sourceCode));
    recordAll(dependencies);
    if (!target) return null;
    const other = this.session.analysisOf(target.module);
    if (!other) return null;
    const summary = this.session.across(null, () => other.engine.constructorFieldSummary(target.fn, name, kind));
    if (summary === null) return null;
    const mapped: Taint[] = [];
    for (const taint of summary) {
      if (taint.origin.type === 'source') mapped.push({ ...taint, origin: { type: 'source', source: other.links.foreign(taint.origin.source) } });
      else if (taint.origin.fn === target.fn) mapped.push(taint);
    }
    return { fn: target.fn, summary: mapped };
  }

  /**
   * How the function of another file that `call` runs returns (text, or records and which of its
   * parameters), judged by that file's engine; null when out of view or past the budget.
   */
  returnShape(call: TSESTree.CallExpression): ReturnShape | null {
    const target = this.targetOf(call);
    if (!target) return null;
    const other = this.session.analysisOf(target.module);
    if (!other) return null;
    return this.session.across(null, () => other.engine.returnShape(target.fn));
  }

  /**
   * Backward: request input that handlers of other files pass to parameter `index` of `fn` (a
   * function of this file), read through `members`. `allowContainer`: an object or array holding
   * the input counts (NoSQL filters, argument vectors), not only the input itself.
   */
  incoming(fn: FunctionNode, index: number, members: readonly string[], kind: TaintKind, allowContainer: boolean): readonly IncomingFlow[] {
    const key = functionKey(this.displayName, fn);
    const session = this.session;
    const flows: IncomingFlow[] = [];
    const importers = this.importers();
    const reach = this.reachOf();
    for (const importer of importers) {
      // Kept per importer: an edit of one importer recomputes its flows only.
      const question = [
        relativeName(session.index.root, importer),
        key,
        String(index),
        members.join('.'),
        kind,
        String(allowContainer),
        String(session.depth),
        session.configKey,
      ].join('\0');
      const found = summary(
        session.index,
        incomingKind,
        question,
        () => {
          // Its engine reads which packages its project depends on (MongoDB or not).
          const manifest = projectRoot(importer);
          if (manifest !== null) recordFile(path.join(manifest, 'package.json'), projectFileHash(path.join(manifest, 'package.json')));
          // Which of its calls are resolved depends on the names this file and its barrels define.
          for (const file of reach.files) recordFile(file, projectFileHash(file));
          const module = session.index.module(importer);
          const other = module && session.analysisOf(module);
          if (!other) return [];
          return [...session.across([], () => other.links.flowsInto(other.engine, key, index, members, kind, allowContainer, reach))];
        },
        { epoch: session.epoch, accept: (engines) => session.charge(engines) },
      );
      flows.push(...found);
      if (flows.length >= MAX_FLOWS) break;
    }
    if (flows.length < MAX_FLOWS) flows.push(...this.enqueued(fn, index, members, kind, allowContainer));
    return flows;
  }

  /**
   * Where a value imported from another project file comes from, traced in that file: `pool` of
   * `import { pool } from './db'` is an instance of `pg`'s `Pool` when db.ts says
   * `export const pool = new Pool()`, so the sink models of `pg` apply to `pool.query(text)` with
   * any argument, not only text that looks like SQL. `origin` is returned unchanged when it is not
   * a project file, or when the value there does not come from a package either.
   */
  packageOrigin(origin: Origin): Origin {
    const index = this.session.index;
    // A project file by a relative path or by an alias (tsconfig `paths`, `#imports`, a workspace package).
    if (!origin.module.startsWith('.') && index.resolve(this.file, origin.module) === null) return origin;
    // Relative specifiers resolve from the directory: one summary serves its files.
    const question = [relativeName(index.root, path.dirname(this.file)), origin.module, ...origin.steps].join('\0');
    return summary(index, originKind, question, () => exportedOrigin(index, this.file, origin, 0), { epoch: this.session.epoch }) ?? origin;
  }

  /** A source read in this file, named with the file for a message in another one. */
  foreign(source: TaintSourceInfo): RemoteSourceInfo {
    if (source.file !== undefined) return source;
    // Location data only: the node is this file's, and the answer may be kept on disk.
    const foreign: RemoteSourceInfo = { text: `${source.text} in ${this.displayName}`, line: source.line, file: this.displayName };
    // Whether its handler's route is in view, under which switch it is registered, and which schema
    // out of view validates the input, are facts of this file, which the other one's rule reads.
    const located = source.routeOutOfView ? { ...foreign, routeOutOfView: source.routeOutOfView } : foreign;
    const switched = source.devSwitch ? { ...located, devSwitch: { ...source.devSwitch, text: `${source.devSwitch.text} in ${this.displayName}` } } : located;
    return source.unknownSchema ? { ...switched, unknownSchema: { ...source.unknownSchema, text: `${source.unknownSchema.text} in ${this.displayName}` } } : switched;
  }

  /**
   * The flows from calls in this file (whose engine is `engine`) to the function `target` of
   * another file: request input read here, or a parameter of a function here that this file's own
   * calls or its importers feed in turn.
   */
  private flowsInto(
    engine: TaintEngine,
    target: string,
    index: number,
    members: readonly string[],
    kind: TaintKind,
    allowContainer: boolean,
    reach: Reach,
  ): readonly IncomingFlow[] {
    const memoKey = `${target}|${String(index)}|${members.join('.')}|${kind}|${String(allowContainer)}`;
    if (this.answering.has(memoKey)) {
      // A question asked again while it is being answered (a cycle of calls) adds nothing; which
      // part of the cycle answers first depends on the order of questions, so none is kept.
      markTruncated();
      return [];
    }
    const cached = this.flows.get(memoKey);
    if (cached) return cached;
    this.answering.add(memoKey);
    const flows = this.flowsFrom(engine, (this.callsTo(engine, reach).get(target) ?? []).map((call) => ({ call, index, members })), kind, allowContainer);
    this.answering.delete(memoKey);
    this.flows.set(memoKey, flows);
    return flows;
  }

  /**
   * The flows from `starts`, calls of this file (whose engine is `engine`) and the argument each
   * hands over, read through its members: request input read here, or a parameter of a function
   * here that this file's own calls or its importers feed in turn.
   */
  private flowsFrom(
    engine: TaintEngine,
    starts: readonly { call: TSESTree.CallExpression | TSESTree.NewExpression; index: number; members: readonly string[] }[],
    kind: TaintKind,
    allowContainer: boolean,
  ): IncomingFlow[] {
    const flows: IncomingFlow[] = [];
    const queue = [...starts];
    const seen = new Set<string>();
    for (let position = 0; position < queue.length && flows.length < MAX_FLOWS; position++) {
      const { call, index: argumentIndex, members: read } = queue[position]!;
      const argument = call.arguments[argumentIndex];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      for (const taint of engine.atCallSite(argument, read, kind)) {
        if (taint.container && !allowContainer) continue;
        if (taint.origin.type === 'source') {
          const name = call.type === AST_NODE_TYPES.NewExpression ? `new ${dottedName(call.callee) ?? 'class'}` : engine.calleeName(call);
          const via: RemoteVia = { name, line: call.loc.start.line, route: engine.routeAround(call), file: this.displayName };
          flows.push({ source: this.foreign(taint.origin.source), via });
          continue;
        }
        // A parameter of a function of this file: its callers here, and in the files importing this one.
        const { fn, index: next, path: nextMembers } = taint.origin;
        const key = `${String(fn.range[0])}:${String(next)}:${nextMembers.join('.')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const caller of engine.callSitesOf(fn)) queue.push({ call: caller, index: next, members: nextMembers });
        flows.push(...this.incoming(fn, next, nextMembers, kind, allowContainer));
      }
    }
    return flows;
  }

  /**
   * Backward across a job queue: request input that the producers of the project enqueue on the
   * queue whose jobs `fn` runs (a worker's processor of this file, see `job-queues.ts`), read
   * through `members` of its job (`job.data.path`). Each producer's argument is judged by its own
   * file's engine, as a call's argument is; the flow names the call that enqueues it and its route.
   */
  private enqueued(fn: FunctionNode, index: number, members: readonly string[], kind: TaintKind, allowContainer: boolean): IncomingFlow[] {
    if (index !== 0 || members.length === 0 || !(JOB_DATA_MEMBERS.has(members[0]!) || ELEMENT.test(members[0]!))) return [];
    const projectIndex = this.session.index;
    const queue = processedQueue(fn, this.sourceCode, this.file, projectIndex);
    if (!queue) return [];
    // A processor handed an array of jobs (pg-boss): `([job]) => job.data`, `jobs[0].data`.
    const job = 'batches' in queue.model && queue.model.batches && ELEMENT.test(members[0]!) ? members.slice(1) : members;
    const data = queue.model.data;
    if (data.some((member, position) => job[position] !== member)) return [];
    const read = job.slice(data.length);
    // The producers are searched for in every file of the project: an answer that depends on
    // them all is not kept as a summary.
    if (recording()) markTruncated();
    const flows: IncomingFlow[] = [];
    for (const file of this.session.producerFiles(queue)) {
      const module = projectIndex.module(file);
      const calls = module ? producerCalls(module, queue, projectIndex) : [];
      const other = calls.length > 0 && module ? this.session.analysisOf(module) : null;
      if (!other) continue;
      const starts = calls.map(({ call, data: position }) => ({ call, index: position, members: read }));
      flows.push(...this.session.across([], () => other.links.flowsFrom(other.engine, starts, kind, allowContainer)));
      if (flows.length >= MAX_FLOWS) break;
    }
    return flows;
  }

  /**
   * The calls of this file to functions of the file `reach` describes, by the function they run;
   * found once per asked file. Only calls that can reach that file are resolved (resolving a call
   * parses the module it goes to): see `mayReach`.
   */
  private callsTo(engine: TaintEngine, reach: Reach): Map<string, (TSESTree.CallExpression | TSESTree.NewExpression)[]> {
    const known = this.callsByTarget.get(reach.file);
    if (known) {
      // Reused by a later question of this lint: it depends on what finding the targets read.
      recordAll(known.dependencies);
      return known.calls;
    }
    const { value: calls, dependencies } = recordingDependencies(() => {
      const found = new Map<string, (TSESTree.CallExpression | TSESTree.NewExpression)[]>();
      // `new DeployJob(req.body.flags)`: a constructor of that file, whose parameters its methods read back as fields.
      const add = (call: TSESTree.CallExpression | TSESTree.NewExpression, target: CrossFileTarget): void => {
        const key = functionKey(relativeName(this.session.index.root, target.module.file), target.fn);
        const list = found.get(key);
        if (list) list.push(call);
        else found.set(key, [call]);
      };
      for (const call of [...engine.allCalls(), ...engine.allConstructions()]) {
        if (call.type === AST_NODE_TYPES.CallExpression) {
          // The entry a handler selected from a route table (`match[2](req, res, url)`): a call of
          // each entry's function, imported ones (`['GET', /^\/files$/, files.list]`) included.
          const entries = routeTableEntries(call.callee, this.sourceCode);
          for (const entry of entries) {
            const target = tableEntryTarget(entry, this.sourceCode);
            if (target?.module.file === reach.file) add(call, target);
          }
          if (entries.length > 0) continue;
        }
        if (!this.mayReach(call, reach)) continue;
        const target = this.targetOf(call);
        if (target) add(call, target);
      }
      return found;
    });
    this.callsByTarget.set(reach.file, { calls, dependencies });
    return calls;
  }

  /**
   * Whether `call` may run a function of `reach.file`, judged without resolving it. A call of an
   * imported binding (`find()`, `repo.find()` with `import * as repo`, `const repo = require(…)`)
   * may only when the module it imports is that file, and then only by a name that file's text
   * holds, or imports that file within `MAX_IMPORT_STEPS` steps of the import graph. Any other
   * method call (`this.users.find()`, an instance, a typed parameter) may only by a name that file
   * or a barrel re-exporting it holds: crossFileTarget finds a method or member by its name in the
   * file defining it. Anything else may.
   */
  private mayReach(call: TSESTree.CallExpression | TSESTree.NewExpression, reach: Reach): boolean {
    const callee = call.callee;
    let binding: TSESTree.Identifier;
    let name: string;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      binding = callee;
      name = '';
    } else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
      name = callee.property.name;
      if (callee.object.type !== AST_NODE_TYPES.Identifier) return reach.words.has(name);
      binding = callee.object;
    } else {
      return true;
    }
    const definition = findVariable(scopeOf(this.sourceCode, binding), binding.name)?.defs[0];
    let specifier: string | null = null;
    if (definition?.type === 'ImportBinding' && definition.parent.type === AST_NODE_TYPES.ImportDeclaration) {
      specifier = String(definition.parent.source.value);
      const node = definition.node;
      if (name === '' && node.type === AST_NODE_TYPES.ImportSpecifier) {
        name = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
      }
    } else if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === binding && definition.node.init) {
      specifier = requiredModule(definition.node.init);
    }
    if (specifier === null) return name === '' || reach.words.has(name);
    const target = this.session.index.resolve(this.file, specifier);
    // A package, or a file outside the project: crossFileTarget finds nothing there either.
    if (target === null) return true;
    if (target === reach.file) return name === '' || name === 'default' || reach.words.has(name);
    let known = reach.modules.get(target);
    if (!known) {
      // Judged once per asked file and module, without recording every resolution of the walk
      // (that made each kept answer carry the import graph); the answer depends on the module
      // imported here, recorded below.
      const index = this.session.index;
      known = { reaches: unrecorded(() => importsWithin(index, target, reach.file, MAX_IMPORT_STEPS)), hash: projectFileHash(target) };
      reach.modules.set(target, known);
    }
    if (!known.reaches) recordFile(target, known.hash);
    return known.reaches;
  }

  /** This file's names and those of the barrels that re-export it, as the calls of its importers may use them. */
  private reachOf(): Reach {
    const key = this.reexporters.join('\0');
    if (this.reach?.key === key) return this.reach.reach;
    const words = new Set<string>();
    const files = [this.file, ...this.reexporters];
    addWords(words, this.sourceCode.text);
    for (const file of this.reexporters) addWords(words, readProjectFile(file) ?? '');
    const reach: Reach = { file: this.file, words, files, modules: new Map() };
    this.reach = { key, reach };
    return reach;
  }

  private targetOf(call: TSESTree.CallExpression | TSESTree.NewExpression): CrossFileTarget | null {
    const known = this.targets.get(call);
    if (known) {
      // A later question of this lint that reuses the answer depends on the same files (the
      // container that registers a dependency, the class that implements an interface).
      recordAll(known.dependencies);
      return known.target;
    }
    const { value: target, dependencies } = recordingDependencies(() => (call.type === AST_NODE_TYPES.NewExpression ? constructorTarget(call, this.sourceCode) : crossFileTarget(call.callee, this.sourceCode, { wholeModuleCalls: true })));
    this.targets.set(call, { target, dependencies });
    return target;
  }

  /** What a module does that makes its importers hand its functions on (see `ModuleShape`), kept per file version. */
  private shapeOf(file: string): ModuleShape {
    const index = this.session.index;
    return summary(
      index,
      shapeKind,
      relativeName(index.root, file),
      () => {
        const module = index.module(file);
        return {
          reexports: module !== null && reexports(module.program),
          extendsAClass: module !== null && extendsAClass(module.program),
          createsInstances: module !== null && createsInstances(module.program),
          buildsServices: module !== null && buildsServices(module.program),
          handsTo: module === null ? [] : handsTo(module),
          injects: module === null ? [] : injects(module),
        };
      },
      { epoch: this.session.epoch },
    );
  }

  /**
   * The files importing this one, and those importing a barrel that re-exports it or a module whose
   * class extends one (the methods of a base class are called on the subclass's instances).
   */
  private importers(): string[] {
    const index = this.session.index;
    const found: string[] = [];
    const reexporters: string[] = [];
    const seen = new Set([this.file]);
    // Importers of a module that builds services: the composition roots that may hand them on.
    const builders = new Set<string>();
    // A class of this file that implements an interface of another file is called through that
    // interface (`constructor(private invoices: InvoiceRepository)`): its users import the interface.
    // A Strapi service is looked up by name (`strapi.service('api::book.book')`): its callers (the
    // controllers first) import nothing of it.
    const queue = [...strapiServiceConsumers(this.file), ...index.importersOf(this.file), ...implementedInterfaceFiles(this.sourceCode, this.file, index).flatMap((file) => index.importersOf(file))];
    const own = this.shapeOf(this.file);
    // Only a module whose functions build services (not one holding a top-level client, `new Pool()`):
    // otherwise every importer of every repository would have its callees read.
    if (own.buildsServices) for (const importer of index.importersOf(this.file)) builders.add(importer);
    // Modules a composition root hands its services to are candidates, not importers: read after
    // the importers, while the budget lasts, and not counted as a limit reached when left unread.
    const handedTo: string[] = [];
    // The modules holding this file's functions under their own names: it, and its barrels and containers.
    const holders = new Set([this.file]);
    while ((queue.length > 0 || handedTo.length > 0) && found.length < MAX_IMPORTERS) {
      const candidate = queue.length === 0;
      const file = candidate ? handedTo.shift()! : queue.shift()!;
      if (seen.has(file)) continue;
      // What a candidate leads to is a candidate too.
      const next = candidate ? handedTo : queue;
      seen.add(file);
      found.push(file);
      const shape = this.shapeOf(file);
      // Callers of this file's functions may import them through such a module: a barrel, a
      // subclass, or a module that creates the instances they call (a service container).
      if (shape.reexports) reexporters.push(file);
      if (shape.reexports || shape.extendsAClass || shape.createsInstances) next.push(...index.importersOf(file));
      else if (shape.buildsServices) handedTo.push(...index.importersOf(file));
      // A composition root that builds the services (`const services = buildServices()`) hands
      // them to the route factories it calls (`invoiceRoutes(services)`), which do not import them.
      if (builders.has(file)) {
        for (const specifier of shape.handsTo) {
          const target = index.resolve(file, specifier);
          if (target !== null) handedTo.push(target);
        }
      }
      if (shape.createsInstances || shape.buildsServices) for (const importer of index.importersOf(file)) builders.add(importer);
      if (shape.reexports || shape.createsInstances) holders.add(file);
      // Constructor injection by hand (`new InvoiceController(invoiceService)` in the routes file):
      // the class stores this file's functions in a field and calls them without importing them.
      for (const injection of shape.injects) {
        if (!injection.given.some((specifier) => holders.has(index.resolve(file, specifier) ?? ''))) continue;
        const target = index.resolve(file, injection.into);
        if (target !== null) handedTo.push(target);
      }
      // A DI container (awilix) hands this file's instances to the classes it registers, which
      // call them without importing this file: the files the container imports.
      const imports = index.importsOf(file);
      if (imports.some((entry) => diContainers.some((model) => model.module === entry.specifier))) {
        for (const entry of imports) if (entry.file !== null) next.push(entry.file);
      }
      // A service locator (a Fastify plugin decorating the instance, a GraphQL server's context, a
      // DI container) hands this file's functions to modules that import neither (`locators.ts`).
      next.push(...locatorConsumers(index, file));
    }
    if (queue.some((file) => !seen.has(file))) this.session.limit ??= `the ${String(MAX_IMPORTERS)} importing files one question may read`;
    this.reexporters = reexporters;
    return found;
  }
}

/**
 * The function of another file an entry of a route table runs: one imported where the table is
 * (`files.list` in this file, `status.page` in a table another module exports), or a function
 * written in that other module's table itself. Null for a function of this file.
 */
function tableEntryTarget(entry: RouteTableEntry, sourceCode: Readonly<TSESLint.SourceCode>): CrossFileTarget | null {
  const answer = unwrap(entry.answer);
  if (!entry.module) return isFunction(answer) ? null : crossFileTarget(answer, sourceCode, { wholeModuleCalls: true });
  const inModule = entry.module.sourceCode;
  const local = isFunction(answer) ? answer : resolveFunction(answer, scopeOf(inModule, answer));
  if (local) return { fn: local, module: entry.module, name: local.type !== AST_NODE_TYPES.ArrowFunctionExpression && local.id ? local.id.name : inModule.getText(answer) };
  return crossFileTarget(answer, inModule, { wholeModuleCalls: true });
}

/** Interfaces implemented per file, read at most this many. */
const MAX_INTERFACES = 8;

/** The project files declaring the interfaces that the classes of `file` implement (`class A implements B`, B imported). */
function implementedInterfaceFiles(sourceCode: Readonly<TSESLint.SourceCode>, file: string, index: ProjectIndex): string[] {
  const files = new Set<string>();
  for (const statement of sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration) continue;
    // `implements` is a TypeScript field: absent under espree.
    for (const clause of declaration.implements ?? []) {
      if (clause.expression.type !== AST_NODE_TYPES.Identifier || files.size >= MAX_INTERFACES) continue;
      const definition = findVariable(scopeOf(sourceCode, clause.expression), clause.expression.name)?.defs[0];
      if (definition?.type !== 'ImportBinding' || definition.parent.type !== AST_NODE_TYPES.ImportDeclaration) continue;
      const target = index.resolve(file, String(definition.parent.source.value));
      if (target !== null && target !== file) files.add(target);
    }
  }
  return [...files];
}

/**
 * The links of the linted file to its project, or null when it has none (code linted under a
 * name that is not on disk, as in rule tests and `--stdin`): then the engine is single-file.
 */
export function projectLinksFor(
  filename: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
  makeEngine: EngineFactory,
  settings: unknown,
): ProjectLinks | null {
  const index = projectIndexOf(filename);
  if (index === null) return null;
  // The other files' engines read the linted file's settings, and whether the project's query
  // strings are flat (a fact of every file of it): kept answers are per both.
  const configKey = contentHash(JSON.stringify([settings ?? null, [...flatQueryStrings(filename)].sort()]));
  return new ProjectLinks(new Session(index, makeEngine, configKey), path.resolve(filename), sourceCode);
}

/**
 * The package origin of `origin` (a module specifier and the steps taken from it, as written in
 * `file`) when the specifier names a project file: the export is found there, its value traced in
 * that file, and the remaining steps appended. `const { reviews } = require('./mongo')` with
 * `reviews: () => client.db().collection('reviews')` there: `reviews()` is a MongoDB collection.
 * Null when it cannot be told, within `MAX_DEPTH` files.
 */
function exportedOrigin(index: ProjectIndex, file: string, origin: Origin, hops: number): Origin | null {
  if (hops >= MAX_DEPTH) return null;
  const target = index.resolve(file, origin.module);
  if (target === null) return null;
  // A namespace or default import and `require` have no first step; a named import has its name.
  // The export of that name first, else a member of the default export (`module.exports = { pool }`).
  const [first, ...rest] = origin.steps;
  const named = first?.startsWith('Member:') ? exportedDefinition(target, first.slice(7)) : null;
  const found = named ? { definition: named, steps: rest } : { definition: exportedDefinition(target, ''), steps: origin.steps };
  const definition = found.definition;
  if (!definition) return null;
  const module = parseProjectFile(definition.file);
  if (!module) return null;
  let node: TSESTree.Node = definition.node;
  let steps = found.steps;
  // A member of an exported object literal, or what an exported function returns when called
  // (`module.exports = { reviews: () => client.db('app').collection('reviews') }`).
  for (let step = steps[0]; step !== undefined; step = steps[0]) {
    const next = step === 'ReturnValue' ? returnedExpression(node) : step.startsWith('Member:') ? propertyValue(node, step.slice(7)) : null;
    if (!next) break;
    node = next;
    steps = steps.slice(1);
  }
  const inner = node.type === AST_NODE_TYPES.Program ? null : originOf(node, module.sourceCode);
  if (!inner) return null;
  const traced = { module: inner.module, steps: [...inner.steps, ...steps] };
  return index.resolve(definition.file, traced.module) !== null ? exportedOrigin(index, definition.file, traced, hops + 1) : traced;
}

/** The value of property `name` of an object literal. */
function propertyValue(node: TSESTree.Node, name: string): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.kind !== 'init') continue;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : null;
    if (key === name) return property.value;
  }
  return null;
}

/** The expression a function returns when it has one: an arrow's body, or its single `return`. */
function returnedExpression(node: TSESTree.Node): TSESTree.Node | null {
  if (
    node.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    node.type !== AST_NODE_TYPES.FunctionExpression &&
    node.type !== AST_NODE_TYPES.FunctionDeclaration
  ) {
    return null;
  }
  if (node.body.type !== AST_NODE_TYPES.BlockStatement) return node.body;
  const returns = node.body.body.filter((statement) => statement.type === AST_NODE_TYPES.ReturnStatement);
  return returns.length === 1 ? (returns[0]?.argument ?? null) : null;
}

/** A project file as summaries name it: relative to the root, so a moved checkout keeps its cache. */
function relativeName(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * A function named across parses (and processes): the linted file's own AST and the project
 * model's parse of the same file are different objects, with the same offsets. `file` is relative
 * to the project root.
 */
/** What the calls of an importer are filtered by (`ProjectLinks.mayReach`): the asked file and the names it may be called by. */
interface Reach {
  file: string;
  words: ReadonlySet<string>;
  /** The files the words were read from: an answer filtered by them depends on them. */
  files: readonly string[];
  /** Modules imported by the callers' files: whether they are or import the asked file (and their content hash). */
  modules: Map<string, { reaches: boolean; hash: string | null }>;
}

/** Import steps from a called module to the asked file within which a call may still reach it (as crossFileTarget's `MAX_STEPS`). */
const MAX_IMPORT_STEPS = 4;

const WORD = /[A-Za-z_$][\w$]*/gu;

function addWords(words: Set<string>, text: string): void {
  for (const match of text.matchAll(WORD)) words.add(match[0]);
}

/** Whether `from` is `to` or imports it, directly or through at most `steps` other files (by the import scan). */
function importsWithin(index: ProjectIndex, from: string, to: string, steps: number): boolean {
  let frontier = [from];
  const seen = new Set(frontier);
  for (let step = 0; step <= steps && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const file of frontier) {
      if (file === to) return true;
      for (const entry of index.importsOf(file)) {
        if (entry.file !== null && !seen.has(entry.file)) {
          seen.add(entry.file);
          next.push(entry.file);
        }
      }
    }
    frontier = next;
  }
  return false;
}

function functionKey(file: string, fn: FunctionNode): string {
  return `${file}:${String(fn.range[0])}:${String(fn.range[1])}`;
}

/**
 * Whether a module re-exports from another (`export * from './users'`, `export { find } from
 * './repo'`), or exports a member of another module as its own (`module.exports = { getUser:
 * usersRepo.findById }`, `export const lookup = repo.findById`), which callers then call by the
 * module's name for it.
 */
function reexports(program: TSESTree.Program): boolean {
  return program.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ExportAllDeclaration ||
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source !== null) ||
      exportsAMember(statement),
  );
}

/** `exports.x = a.b`, `module.exports = { x: a.b }`, `export const x = a.b`: a member of a named value exported. */
function exportsAMember(statement: TSESTree.ProgramStatement): boolean {
  const isMember = (node: TSESTree.Node | null | undefined): boolean =>
    node?.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.object.type === AST_NODE_TYPES.Identifier;
  // `const visitService = { search: repo.searchVisits }`, exported or not: a service object aliasing another module's functions.
  const holds = (node: TSESTree.Node | null | undefined): boolean =>
    node?.type === AST_NODE_TYPES.ObjectExpression && node.properties.some((property) => property.type === AST_NODE_TYPES.Property && isMember(property.value));
  // A route table of entries naming another module's functions (`[{ path: '/s/:slug', handler: status.page }]`,
  // `[['GET', '/s', status.page]]`): the server that dispatches over it calls them.
  const aliases = (node: TSESTree.Node | null | undefined): boolean =>
    holds(node) ||
    (node?.type === AST_NODE_TYPES.ArrayExpression &&
      node.elements.some((element) => holds(element) || (element?.type === AST_NODE_TYPES.ArrayExpression && element.elements.some((part) => isMember(part)))));
  if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) return aliases(statement.declaration);
  const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
  if (declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.declarations.some((declarator) => aliases(declarator.init))) return true;
  if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
    return statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration && statement.declaration.declarations.some((declarator) => isMember(declarator.init));
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  const { left, right } = statement.expression;
  if (left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const root = left.object.type === AST_NODE_TYPES.MemberExpression ? left.object.object : left.object;
  if (root.type !== AST_NODE_TYPES.Identifier || (root.name !== 'module' && root.name !== 'exports')) return false;
  if (isMember(right) || (right.type === AST_NODE_TYPES.ArrayExpression && aliases(right))) return true;
  // `module.exports = { ...require('./proc') }`: a CommonJS barrel.
  return right.type === AST_NODE_TYPES.ObjectExpression && right.properties.some((property) => (property.type === AST_NODE_TYPES.Property && isMember(property.value)) || (property.type === AST_NODE_TYPES.SpreadElement && requiredModule(property.argument) !== null));
}

/** Whether a module declares a class that extends another (`export class UsersRepo extends BaseRepo`). */
/** A `new` at the module's top level, outside any function: an instance it creates once and shares. */
function createsInstances(program: TSESTree.Program): boolean {
  let found = false;
  walk(program, (node) => {
    if (found || isFunction(node) || node.type === AST_NODE_TYPES.ClassBody) return 'skip';
    if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier) found = true;
    return undefined;
  });
  return found;
}

/**
 * A `new` of a named class inside a function (not in a class body), or a function returning an
 * object literal with a function-valued property: the module builds service objects (`ModuleShape`).
 */
function buildsServices(program: TSESTree.Program): boolean {
  let found = false;
  walk(program, (node) => {
    if (found || node.type === AST_NODE_TYPES.ClassBody) return 'skip';
    if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && insideFunction(node)) found = true;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument?.type === AST_NODE_TYPES.ObjectExpression) {
      found = node.argument.properties.some((property) => property.type === AST_NODE_TYPES.Property && (property.method || isFunction(property.value)));
    }
    return undefined;
  });
  return found;
}

function insideFunction(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return true;
  return false;
}

/**
 * The specifiers of the modules a file calls an imported function of with arguments: a binding of
 * an `import` or a top-level `require` called (`invoiceRoutes(services)`), or a `require` called
 * inline (`require('./routes/monitors')(services)`).
 */
function handsTo(module: ProjectModule): string[] {
  const imported = importedBindings(module);
  const found = new Set<string>();
  walk(module.program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0) return undefined;
    const callee = node.callee;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const specifier = imported(callee);
      if (specifier !== null) found.add(specifier);
    } else if (callee.type === AST_NODE_TYPES.CallExpression && callee.callee.type === AST_NODE_TYPES.Identifier && callee.callee.name === 'require') {
      const specifier = requiredModule(callee);
      if (specifier !== null) found.add(specifier);
    }
    return undefined;
  });
  return [...found];
}

/**
 * The module an identifier names when it is bound by an `import` or a top-level `require` of the
 * module (`const invoiceService = require('../services/invoiceService')`), read through its scope.
 */
function importedBindings(module: ProjectModule): (identifier: TSESTree.Identifier) => string | null {
  const bound = new Map<string, { specifier: string; binding: TSESTree.Node }>();
  for (const statement of module.program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && typeof statement.source.value === 'string') {
      for (const specifier of statement.specifiers) bound.set(specifier.local.name, { specifier: statement.source.value, binding: specifier.local });
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const required = declarator.init ? requiredModule(declarator.init) : null;
      if (required !== null && declarator.id.type === AST_NODE_TYPES.Identifier) bound.set(declarator.id.name, { specifier: required, binding: declarator.id });
    }
  }
  return (identifier) => {
    const found = bound.get(identifier.name);
    return found !== undefined && findVariable(scopeOf(module.sourceCode, identifier), identifier.name)?.defs[0]?.name === found.binding ? found.specifier : null;
  };
}

/**
 * Constructor injection written by hand (`ModuleShape.injects`): each `new` of an imported class,
 * or call of an imported function, given imported modules as arguments: an imported binding
 * (`new InvoiceController(invoiceService)`), a `require` inline, an instance of an imported class
 * built there (`new InvoiceController(new InvoiceService(repo))`), or such values in an object
 * literal (`new InvoiceController({ invoices: invoiceService })`). Each argument is read to a
 * fixed depth, so the scan stays linear in the module.
 */
function injects(module: ProjectModule): Injection[] {
  const imported = importedBindings(module);
  const byTarget = new Map<string, Set<string>>();
  const given = (node: TSESTree.Node, into: Set<string>, nested: boolean): void => {
    const required = node.type === AST_NODE_TYPES.CallExpression ? requiredModule(node) : null;
    if (node.type === AST_NODE_TYPES.Identifier) {
      const specifier = imported(node);
      if (specifier !== null) into.add(specifier);
    } else if (required !== null) {
      into.add(required);
    } else if ((node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) && node.callee.type === AST_NODE_TYPES.Identifier) {
      const specifier = imported(node.callee);
      if (specifier !== null) into.add(specifier);
    } else if (node.type === AST_NODE_TYPES.ObjectExpression && !nested) {
      for (const property of node.properties) if (property.type === AST_NODE_TYPES.Property) given(property.value, into, true);
    }
  };
  walk(module.program, (node) => {
    if ((node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) || node.arguments.length === 0 || node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const target = imported(node.callee);
    if (target === null) return undefined;
    const specifiers = new Set<string>();
    for (const argument of node.arguments) given(argument, specifiers, false);
    specifiers.delete(target);
    if (specifiers.size === 0) return undefined;
    const known = byTarget.get(target);
    if (known) for (const specifier of specifiers) known.add(specifier);
    else byTarget.set(target, specifiers);
    return undefined;
  });
  return [...byTarget].map(([into, specifiers]) => ({ into, given: [...specifiers].sort() }));
}

function extendsAClass(program: TSESTree.Program): boolean {
  return program.body.some((statement) => {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    return declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.superClass !== null;
  });
}
