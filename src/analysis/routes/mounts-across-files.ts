import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { importSource, inlineRequire, isFunction, loopedElements, nodesOfType, propertyName, requiredModule, unwrap, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { moduleContext } from '../project/context.js';
import { isTestFile } from '../../utils/test-files.js';
import { candidateFiles } from '../project/candidates.js';
import { projectIndexOf, type ProjectIndex } from '../project/index.js';
import { fileOfNode, type ProjectModule } from '../project/parse.js';
import { classifyRoute, type AuthVerdict, type AuthVocabulary, type ScopeOf } from './auth.js';
import { routerFactoryChain } from './frameworks/express.js';
import { fieldTruthiness } from './frameworks/shared-ast.js';
import { getRoutes } from './index.js';
import { coveringGuards } from './guard-scope.js';
import { joinPaths } from './paths.js';
import { readProjectFile } from './project-files.js';
import type { FileRoutes, Mount, Route, RouteGuard, RouteOwner } from './types.js';

/*
 * Where another file of the project mounts the router (or plugin, sub-app, registration function)
 * a route is registered on, and what runs in front of it there: `app.use('/admin', requireAdmin,
 * adminRouter)` in `app.ts` for a route of `routes/admin.ts`. Answered without type information,
 * through the project index: the files that import the route's file (`importersOf`) are parsed,
 * the route model finds their mounts (each framework's own reading, order and paths included),
 * and a mount whose target is imported from the route's file under a name it exports is one of
 * the route's mounts. A router mounted by a router that is itself mounted elsewhere continues the
 * chain in that router's importers (three files and more, bounded).
 *
 * The guards found at the mount are RouteGuard objects of the other file: they are judged by the
 * same evidence rules as the linted file's own (`classifyRoute`), with the scopes of their file.
 */

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** One mount of a route's router found in another file, the chain above it joined. */
export interface MountChain {
  /** The static prefix the chain puts in front of the route's path, or null when not static. */
  prefix: string | null;
  /** Everything that runs in front of the router, outermost first (nodes of the mounting files). */
  guards: RouteGuard[];
  /** The file and line of the mount that names the route's router. */
  file: string;
  line: number;
  /**
   * False when the mounting router is itself mounted elsewhere and that mount was not found: the
   * guards in front of it are then only partly known.
   */
  complete: boolean;
}

/** A route as a mount in another file serves it: the full path, the verdict, and the mount. */
export interface MountedRoute {
  route: Route;
  verdict: AuthVerdict;
  mount: MountChain;
}

/** At most this many chain steps (router mounted by a router mounted by …). */
const MAX_DEPTH = 6;
/** At most this many importers of one file are read per question. */
const MAX_IMPORTERS = 64;

/** A mount of some file, with what its target names: the project file and its export. */
interface MountEntry {
  mount: Mount;
  /** Project file the target is imported from. */
  targetFile: string;
  /** The export the target names: `default` or the name. */
  targetExport: string;
  /** Names under which the mounting router is exported from its file, when it is mounted elsewhere. */
  ownerExports: string[];
  /** A mount of what a function returns (`parent.use(keys.app())`): the functions whose instance it is. */
  resultOf: readonly FunctionNode[] | null;
}

const AUTOLOAD_MODULE = '@fastify/autoload';

/** The SourceCode of every program whose mounts were read, so that their guards get their own scopes. */
const sourceCodes = new WeakMap<TSESTree.Program, Readonly<TSESLint.SourceCode>>();
/** Mounts per parsed program (a new version of a file is a new program). */
const mountCache = new WeakMap<TSESTree.Program, MountEntry[]>();
/** Chains per owner declaration of the linted program (one question per router, not per route). */
const chainCache = new WeakMap<TSESTree.Node, MountChain[] | null>();

/**
 * The mounts in other files of the router `route` is registered on, each with the chain above it,
 * or null when the question has no answer here: the route is not on a router mounted elsewhere,
 * or the file has no project (not on disk, no parser). An empty list: no mount was found anywhere.
 */
export function mountsAcrossFiles(context: AnyContext, route: Route): MountChain[] | null {
  const owner = route.owner;
  if (!mayBeMountedElsewhere(owner) || !owner.declaration) return null;
  const index = projectIndexOf(context.filename);
  if (index === null || !index.has(context.filename)) return null;
  const cached = chainCache.get(owner.declaration);
  if (cached !== undefined) return cached;
  sourceCodes.set(context.sourceCode.ast, context.sourceCode);
  let chains: MountChain[] | null;
  if (owner.returnedFrom) {
    const found = resultChains(index, context, path.resolve(context.filename), owner.returnedFrom, true, 0, new Set());
    // Served directly somewhere (`createApp().listen()`), the instance is a top-level app: no answer here.
    chains = found.served ? null : found.chains;
  } else {
    const names = ownerExportNames(owner, owner.declaration, context.sourceCode.ast);
    chains = names.length === 0 ? [] : chainsOf(index, context, path.resolve(context.filename), names, 0, new Set());
  }
  chainCache.set(owner.declaration, chains);
  return chains;
}

/**
 * Whether a route's owner may be mounted in another file, so that its verdict is asked of the
 * mounts found there (`judgeMountedRoute`): a router of this file mounted nowhere here, or an app
 * or router a function creates and returns (a sub-app where that function's result is mounted).
 */
export function mayBeMountedElsewhere(owner: RouteOwner | null | undefined): owner is RouteOwner {
  return owner !== null && owner !== undefined && (owner.mountedElsewhere || owner.returnedFrom !== undefined);
}

/**
 * The chains above one mount of `module`: the mount itself when its owner is mounted nowhere else,
 * else joined with each chain found above the owner (where its file's export, or the result of the
 * function that returns it, is mounted).
 */
function continueChain(index: ProjectIndex, context: AnyContext, module: ProjectModule, entry: MountEntry, depth: number, visiting: Set<string>): MountChain[] {
  const own: MountChain = {
    prefix: entry.mount.path,
    guards: [...sharedDefaults(index, module, entry, context), ...entry.mount.guards].map(asMountedGuard),
    file: module.file,
    line: entry.mount.node.loc.start.line,
    complete: true,
  };
  const owner = entry.mount.owner;
  let parents: MountChain[];
  if (owner?.returnedFrom) {
    const above = resultChains(index, context, module.file, owner.returnedFrom, true, depth + 1, visiting);
    // Served directly, the owner has nothing in front of it; an app mounted nowhere in view is a top-level one.
    if (above.served || (above.chains.length === 0 && !owner.mountedElsewhere)) return [own];
    parents = above.chains;
  } else {
    if (!owner?.mountedElsewhere) return [own];
    parents = entry.ownerExports.length === 0 ? [] : chainsOf(index, context, module.file, entry.ownerExports, depth + 1, visiting);
  }
  if (parents.length === 0) return [{ ...own, complete: false }];
  return parents.map((parent) => ({
    prefix: joinPaths(parent.prefix, own.prefix),
    guards: [...parent.guards, ...own.guards],
    file: own.file,
    line: own.line,
    complete: parent.complete,
  }));
}

/** The mounts found of what `fn` returns, and whether it is also served directly (`listen`, `createServer`). */
interface ResultChains {
  chains: MountChain[];
  served: boolean;
}

/**
 * Where the instance `fn` returns is mounted: in `file` itself (when `withSelf`) and the files that
 * import it, by the mounts whose `resultOf` names `fn` (`parent.use('/keys', auth, keys.app())`),
 * each with the chain above it. A file whose own function returns the result of `fn` (`sshkeys:
 * () => sshkeys.app()`) passes the question on to the files that import it, at most `MAX_DEPTH` files away.
 */
function resultChains(index: ProjectIndex, context: AnyContext, file: string, fn: FunctionNode, withSelf: boolean, depth: number, visiting: Set<string>): ResultChains {
  const result: ResultChains = { chains: [], served: false };
  const wanted = functionKey(fn);
  const key = `${file}#${wanted}`;
  if (depth >= MAX_DEPTH || visiting.has(key)) return result;
  visiting.add(key);
  // A test mounts or serves the app for itself (`request(createApp())`): not how the application runs it.
  const importers = index.importersOf(file).filter((importer) => !isTestFile(importer, index.root));
  const files = [...(withSelf ? [file] : []), ...importers.slice(0, MAX_IMPORTERS)];
  for (const other of files) {
    const module = index.module(other);
    if (!module) continue;
    if ((servedOf(module, context) ?? []).some((served) => served.resultOf.some((item) => functionKey(item) === wanted))) result.served = true;
    for (const entry of mountsOf(index, module, context)) {
      if (entry.resultOf?.some((item) => functionKey(item) === wanted)) result.chains.push(...continueChain(index, context, module, entry, depth, visiting));
    }
    if (other !== file && forwardedBy(module).has(wanted)) {
      const further = resultChains(index, context, other, fn, false, depth + 1, visiting);
      result.chains.push(...further.chains);
      result.served ||= further.served;
    }
  }
  visiting.delete(key);
  return result;
}

/** What a file serves directly, by the functions that return it. */
function servedOf(module: ProjectModule, context: AnyContext): FileRoutes['served'] {
  sourceCodes.set(module.program, module.sourceCode);
  return getRoutes(moduleContext(module, context)).served;
}

/**
 * A function as the files that call it know it: its file and place. The file that defines it and
 * the file that mounts its result may each hold their own parse of it (the linted one, the project
 * model's), so the node itself is no identity.
 */
function functionKey(fn: FunctionNode): string {
  return `${fileOfNode(fn) ?? ''}:${String(fn.range[0])}:${String(fn.range[1])}`;
}

/** Per parse of a file: the functions whose returned app or router a function of the file returns in turn. */
const forwarders = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/**
 * The functions (of any file) whose returned instance some function of `module` returns: `sshkeys`
 * in `sshkeys: function () { return sshkeys.app(); }` forwards `app` of the required module (and
 * the functions `app` forwards in turn). Read once per parse of the file.
 */
function forwardedBy(module: ProjectModule): ReadonlySet<string> {
  const known = forwarders.get(module.program);
  if (known) return known;
  const found = new Set<string>();
  const functions = nodesOfType(module.program, AST_NODE_TYPES.FunctionDeclaration, AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.ArrowFunctionExpression);
  for (const fn of functions) {
    const chain = routerFactoryChain(fn, module.sourceCode);
    // The function's own instance is its file's routes; what it forwards is the rest of the chain.
    for (const item of chain?.slice(1) ?? []) found.add(functionKey(item));
  }
  forwarders.set(module.program, found);
  return found;
}

function chainsOf(index: ProjectIndex, context: AnyContext, file: string, names: readonly string[], depth: number, visiting: Set<string>): MountChain[] {
  const key = `${file}#${names.join(',')}`;
  if (depth >= MAX_DEPTH || visiting.has(key)) return [];
  visiting.add(key);
  const chains: MountChain[] = [];
  for (const importer of index.importersOf(file).slice(0, MAX_IMPORTERS)) {
    const module = index.module(importer);
    if (!module) continue;
    for (const entry of mountsOf(index, module, context)) {
      if (entry.resultOf !== null || entry.targetFile !== file || !names.includes(entry.targetExport)) continue;
      chains.push(...continueChain(index, context, module, entry, depth, visiting));
    }
  }
  if (names.includes('default')) chains.push(...autoloadChains(index, context, file, depth, visiting));
  visiting.delete(key);
  return chains;
}

/**
 * The mounts of a plugin file by `@fastify/autoload` (`register(AutoLoad, { dir })` in a file that
 * need not import it): one per autoloaded directory that holds the file, prefixed by its directory
 * under it. A registrar that is itself a plugin mounted nowhere in the project, and imported by no
 * project file, is the application's root plugin (fastify-cli or the package's entry loads it): its
 * chain ends there, complete.
 */
function autoloadChains(index: ProjectIndex, context: AnyContext, file: string, depth: number, visiting: Set<string>): MountChain[] {
  const chains: MountChain[] = [];
  const registrars = candidateFiles(index, 'fastify-autoload', (candidate) => index.importsOf(candidate).some((imported) => imported.specifier === AUTOLOAD_MODULE));
  for (const registrar of registrars.slice(0, MAX_IMPORTERS)) {
    const module = registrar === file ? null : index.module(registrar);
    if (!module) continue;
    sourceCodes.set(module.program, module.sourceCode);
    for (const mount of getRoutes(moduleContext(module, context)).mounts) {
      if (!mount.autoload) continue;
      const relative = path.relative(mount.autoload.dir, path.dirname(file));
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const directory = mount.autoload.dirPrefix && relative !== '' ? `/${relative.split(path.sep).join('/')}` : '';
      const hooks = mount.autoload.autoHooks ? autohooksFor(index, context, mount.autoload, path.dirname(file)) : [];
      const own: MountChain = {
        prefix: mount.path === null ? null : joinPaths(mount.path, directory),
        guards: [...mount.guards, ...hooks].map(asMountedGuard),
        file: registrar,
        line: mount.node.loc.start.line,
        complete: true,
      };
      if (!mount.owner?.mountedElsewhere) {
        chains.push(own);
        continue;
      }
      const declaration = mount.owner.outermost ?? mount.owner.declaration;
      const exported = declaration ? ownerExportNames(mount.owner, declaration, module.program) : [];
      const parents = exported.length === 0 ? [] : chainsOf(index, context, registrar, exported, depth + 1, visiting);
      if (parents.length === 0) chains.push({ ...own, complete: index.importersOf(registrar).length === 0 });
      for (const parent of parents) {
        chains.push({ prefix: joinPaths(parent.prefix, own.prefix), guards: [...parent.guards, ...own.guards], file: own.file, line: own.line, complete: parent.complete });
      }
    }
  }
  return chains;
}

const AUTOHOOKS_FILE = /^autohooks\.[cm]?[jt]s$/u;

/**
 * The hooks of the autohooks files that run before the plugins of `directory`: its own, and with
 * `cascadeHooks` those of the directories above it up to the autoloaded one, outermost first.
 */
function autohooksFor(index: ProjectIndex, context: AnyContext, autoload: NonNullable<Mount['autoload']>, directory: string): RouteGuard[] {
  const directories: string[] = [];
  for (let current = directory; ; current = path.dirname(current)) {
    directories.unshift(current);
    if (!autoload.cascadeHooks || current === autoload.dir || path.dirname(current) === current) break;
  }
  const guards: RouteGuard[] = [];
  const autohooks = candidateFiles(index, 'fastify-autohooks', (_, base) => AUTOHOOKS_FILE.test(base));
  for (const dir of directories) {
    for (const file of autohooks) {
      if (path.dirname(file) !== dir) continue;
      const module = index.module(file);
      if (!module) continue;
      sourceCodes.set(module.program, module.sourceCode);
      guards.push(...(getRoutes(moduleContext(module, context)).exportedPluginHooks ?? []));
    }
  }
  return guards;
}

/**
 * What the other plugins registered on the same server as `entry`'s target set for the whole
 * server (Hapi's `server.auth.default` in an auth plugin that `server.js` registers next to the
 * route plugins). Not kept: the mounts of the module and the routes of each registered file are
 * (per version of each file), and an edit of the auth plugin alone must be seen.
 */
function sharedDefaults(index: ProjectIndex, module: ProjectModule, entry: MountEntry, context: AnyContext): RouteGuard[] {
  const guards: RouteGuard[] = [];
  const owner = entry.mount.owner?.declaration;
  if (owner) {
    const candidates = filesSettingServerDefaults(index, module, context);
    if (candidates.size === 0) return guards;
    for (const other of mountsOf(index, module, context)) {
      if (other === entry || other.mount.owner?.declaration !== owner || !candidates.has(other.targetFile)) continue;
      const registered = index.module(other.targetFile);
      if (!registered) continue;
      // No catch: as for the mounts themselves, a bug in the route model is the rule's internal error.
      const defaults = getRoutes(moduleContext(registered, context)).serverDefaults ?? [];
      if (defaults.length === 0) continue;
      sourceCodes.set(registered.program, registered.sourceCode);
      for (const item of defaults) {
        if (item.ordered && other.mount.node.range[0] >= entry.mount.node.range[0]) continue;
        const declaration = item.owner.outermost ?? item.owner.declaration;
        if (declaration && ownerExportNames(item.owner, declaration, registered.program).includes(other.targetExport)) guards.push(item.guard);
      }
    }
  }
  return guards;
}

/**
 * Text that may set a default for a whole server (Hapi's `server.auth.default(...)`), or a hook for
 * the instance that registers it (a `fastify-plugin` plugin's `addHook(...)`).
 */
const SETS_SERVER_DEFAULT = /\bauth\s*\.\s*default\s*\(|\baddHook\s*\(/u;

/** Per version of a mounting file: which of its mounted files may set a server default, per index generation. */
const defaultSetters = new WeakMap<TSESTree.Program, { generation: number; files: ReadonlySet<string> }>();

/**
 * The files mounted by `module` whose text may set a server default, judged once per version of
 * `module` and generation of the index (an edit of any file moves the generation): an app that
 * mounts two thousand routers is not read again, nor each router parsed, for every router linted.
 */
function filesSettingServerDefaults(index: ProjectIndex, module: ProjectModule, context: AnyContext): ReadonlySet<string> {
  const generation = index.generation();
  const known = defaultSetters.get(module.program);
  if (known?.generation === generation) return known.files;
  const files = new Set<string>();
  const read = new Set<string>();
  for (const other of mountsOf(index, module, context)) {
    if (read.has(other.targetFile)) continue;
    read.add(other.targetFile);
    const text = readProjectFile(other.targetFile);
    if (text !== null && SETS_SERVER_DEFAULT.test(text)) files.add(other.targetFile);
  }
  defaultSetters.set(module.program, { generation, files });
  return files;
}

/**
 * A guard of another file's mount is judged by what it does, like any guard of the linted file.
 * (`mount` is the level of a mount declared in settings, taken at its word: not this.)
 */
function asMountedGuard(guard: RouteGuard): RouteGuard {
  return guard.level === 'mount' ? { ...guard, level: 'router' } : guard;
}

function mountsOf(index: ProjectIndex, module: ProjectModule, context: AnyContext): MountEntry[] {
  const cached = mountCache.get(module.program);
  if (cached) return cached;
  sourceCodes.set(module.program, module.sourceCode);
  const entries: MountEntry[] = [];
  // No catch: a bug in the route model is the rule's internal error (see `createRule`).
  for (const mount of getRoutes(moduleContext(module, context)).mounts) {
    // A router mounted on a router of its own file continues where the outermost one is exported.
    const ownerDeclaration = mount.owner?.outermost ?? mount.owner?.declaration;
    const ownerExports = mount.owner?.mountedElsewhere && ownerDeclaration ? ownerExportNames(mount.owner, ownerDeclaration, module.program) : [];
    if (mount.kind === 'result' && mount.resultOf) {
      const first = mount.resultOf[0];
      const targetFile = first ? fileOfNode(first) : undefined;
      if (targetFile !== undefined) entries.push({ mount, targetFile: path.resolve(targetFile), targetExport: '', ownerExports, resultOf: mount.resultOf });
      continue;
    }
    for (const source of mountSources(mount.target, module.sourceCode)) {
      const targetFile = index.resolve(module.file, source.module);
      if (targetFile === null) continue;
      entries.push({ mount, targetFile, targetExport: source.imported ?? 'default', ownerExports, resultOf: null });
    }
  }
  mountCache.set(module.program, entries);
  return entries;
}

type MountSource = { module: string; imported: string | null };

/**
 * The modules (and exports) a mount's target comes from: an import, a `require`, or `require(...)`
 * inline; for the variable of a loop over a list of routers (`for (const r of [a, b])`,
 * `[a, b].forEach((r) => …)`, or of `[path, router]` pairs), each listed one.
 */
function mountSources(target: Mount['target'], sourceCode: Readonly<TSESLint.SourceCode>): MountSource[] {
  if (target.type === AST_NODE_TYPES.ImportExpression) {
    const module = requiredModule(target);
    return module === null ? [] : [{ module, imported: null }];
  }
  if (target.type !== AST_NODE_TYPES.Identifier) {
    const required = inlineRequire(target);
    return required ? [{ module: required.module, imported: required.member }] : [];
  }
  const scope = scopeOf(sourceCode, target);
  const imported = importSource(scope, target.name);
  if (imported !== null) return [imported];
  const list = loopedElements(scope, target.name);
  if (list === null) return [];
  return list.flatMap((element) => {
    if (element?.type !== AST_NODE_TYPES.Identifier) return [];
    const source = importSource(scopeOf(sourceCode, element), element.name);
    return source === null ? [] : [source];
  });
}


/**
 * The scope lookup for a route whose guards come from several files: each node gets the scope of
 * the file it belongs to. A node of a program never read here is a bug, not an answer.
 */
export function scopeOfAcrossFiles(context: AnyContext): ScopeOf {
  const own = context.sourceCode;
  return (node) => {
    let root: TSESTree.Node = node;
    while (root.parent) root = root.parent;
    if (root === own.ast) return own.getScope(node);
    const sourceCode = root.type === AST_NODE_TYPES.Program ? sourceCodes.get(root) : undefined;
    if (!sourceCode) throw new Error('a guard of another file was judged without that file’s scopes');
    return scopeOf(sourceCode, node);
  };
}

/**
 * Judges a route registered on a router mounted in another file, once per mount found: the
 * mount's prefix joins the path and its guards run first. Null when no mount is known (the route
 * stays as the single file judges it). A chain whose outer part was not found, and in front of
 * which nothing authenticates, stays unknown.
 */
export function judgeMountedRoute(context: AnyContext, route: Route, vocabulary: AuthVocabulary): MountedRoute[] | null {
  const chains = mountsAcrossFiles(context, route);
  if (chains === null || chains.length === 0) return null;
  const scopeOf = scopeOfAcrossFiles(context);
  const seen = new Set<string>();
  const judged: MountedRoute[] = [];
  for (const chain of chains) {
    const key = `${chain.file}:${String(chain.line)}:${chain.prefix ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A route's own auth config replaces a server default (Hapi's `options.auth`).
    const ownConfig = route.guards.some((guard) => guard.kind === 'config' && guard.level === 'route');
    const path = joinPaths(chain.prefix, route.path);
    // With the full path known, a guard installed under another prefix does not run for it (see
    // `coveringGuards`); an incomplete chain's path is not the URL.
    const guards = [...chain.guards.filter((guard) => !(ownConfig && guard.isDefault) && guardRunsFor(guard, route)), ...route.guards];
    const mounted: Route = {
      ...route,
      path,
      guards: chain.complete ? coveringGuards(guards, path) : guards,
      owner: route.owner && { ...route.owner, mountedElsewhere: !chain.complete },
    };
    judged.push({ route: mounted, verdict: classifyRoute(mounted, vocabulary, scopeOf), mount: chain });
  }
  return judged;
}

/**
 * Whether a guard of a mount runs for a route: a guard a table loop passes only to some elements
 * (`onlyWhen`) runs for a route of that table whose element's field has the truthiness it asks; a
 * field that is not a literal leaves the guard in (what the element passes is not known).
 */
function guardRunsFor(guard: RouteGuard, route: Route): boolean {
  if (!guard.onlyWhen) return true;
  const truthy = fieldTruthiness(route.reportNode ?? null, guard.onlyWhen.field);
  return truthy === null || truthy === guard.onlyWhen.truthy;
}

/** A router mounted next to another: the file it is exported from, and the mount that names it. */
export interface CoMountedRouter {
  /** The project file the router is imported from. */
  file: string;
  /** The file and line of its mount (the same file as the other router's mount). */
  mountFile: string;
  line: number;
}

/**
 * The routers mounted at the same path, on the same app or router, as the router of `chain`'s
 * mount names (`app.use('/users', usersRouter); app.use('/users', usersAdminRouter)` in one file):
 * the routers of one resource split over files. The router of `file` (the one `chain` mounts) is
 * left out; a mount whose path is not static has no siblings. Read from the mounts of the mounting
 * file, which are kept per version of that file.
 */
export function coMountedRouters(context: AnyContext, chain: MountChain, file: string): CoMountedRouter[] {
  const index = projectIndexOf(context.filename);
  const module = index?.module(chain.file) ?? null;
  if (index === null || module === null) return [];
  const own = path.resolve(file);
  const entries = mountsOf(index, module, context);
  const mine = entries.find((entry) => entry.targetFile === own && entry.mount.node.loc.start.line === chain.line);
  if (!mine || mine.mount.path === null || mine.mount.autoload) return [];
  const owner = mine.mount.owner?.declaration ?? null;
  const found: CoMountedRouter[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    // A module also taken as a middleware (`app.use(audit)`) is a sibling router only if it is one: not known here.
    if (entry === mine || entry.targetFile === own || entry.mount.autoload || entry.mount.alsoMiddleware || entry.mount.path !== mine.mount.path) continue;
    if ((entry.mount.owner?.declaration ?? null) !== owner) continue;
    const line = entry.mount.node.loc.start.line;
    const key = `${entry.targetFile}:${String(line)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ file: entry.targetFile, mountFile: chain.file, line });
  }
  return found;
}

/** Whether a verdict's authenticating guard is one of the mount's (rather than the route file's). */
export function authenticatedAtMount(judged: MountedRoute): boolean {
  const guard = judged.verdict.guard;
  return guard !== null && judged.mount.guards.includes(guard);
}

interface ExportEntry {
  exported: string;
  /** Local binding exported, when it is a name. */
  local: string | null;
  /** Function or class exported directly (`export default function (app) {}`). */
  node: TSESTree.Node | null;
}

/** What a module exports, ESM and CommonJS. */
function exportsOf(program: TSESTree.Program): ExportEntry[] {
  const entries: ExportEntry[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = unwrap(statement.declaration);
      if (declaration.type === AST_NODE_TYPES.Identifier) entries.push({ exported: 'default', local: declaration.name, node: null });
      else {
        const id = 'id' in declaration && declaration.id?.type === AST_NODE_TYPES.Identifier ? declaration.id.name : null;
        entries.push({ exported: 'default', local: id, node: declaration });
      }
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier) entries.push({ exported: declarator.id.name, local: declarator.id.name, node: declarator.init });
        }
      } else if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
        entries.push({ exported: declaration.id.name, local: declaration.id.name, node: declaration });
      }
      if (statement.source) continue;
      for (const specifier of statement.specifiers) {
        const local = propertyName(specifier.local);
        const exported = propertyName(specifier.exported);
        if (local !== null && exported !== null) entries.push({ exported, local, node: null });
      }
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = statement.expression;
      const target = commonJsExport(left);
      if (target === null) continue;
      const value = unwrap(right);
      if (target === 'default' && value.type === AST_NODE_TYPES.ObjectExpression) {
        // `module.exports = { adminRouter, registerRoutes }`; the object itself (a plugin) is the default export.
        entries.push({ exported: 'default', local: null, node: value });
        for (const property of value.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
          const key = propertyName(property.key);
          const inner = unwrap(property.value);
          if (key !== null) entries.push({ exported: key, local: inner.type === AST_NODE_TYPES.Identifier ? inner.name : null, node: inner });
        }
        continue;
      }
      entries.push({
        exported: target,
        local: value.type === AST_NODE_TYPES.Identifier ? value.name : null,
        node: value.type === AST_NODE_TYPES.Identifier ? null : value,
      });
    }
  }
  return entries;
}

/** `module.exports = x` → `default`; `module.exports.a = x` / `exports.a = x` → `a`. */
function commonJsExport(left: TSESTree.Node): string | null {
  if (left.type !== AST_NODE_TYPES.MemberExpression) return null;
  const object = left.object;
  const property = left.computed ? null : propertyName(left.property);
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && property === 'exports') return 'default';
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') return property;
  if (object.type === AST_NODE_TYPES.MemberExpression && commonJsExport(object) === 'default') return property;
  return null;
}

/** The names a mount in another file may name an owner by: its exports, and the whole module when the owner is its `moduleMember`. */
function ownerExportNames(owner: RouteOwner, declaration: TSESTree.Node, program: TSESTree.Program): string[] {
  const names = exportNames(owner.outermost ?? declaration, program);
  return owner.moduleMember !== undefined && names.includes(owner.moduleMember) && !names.includes('default') ? [...names, 'default'] : names;
}

/**
 * Names under which a router (its variable), a registration function (whose parameter the
 * router is) or an object (a plugin) is exported from its file.
 */
export function exportNames(declaration: TSESTree.Node, program: TSESTree.Program): string[] {
  let local: string | null = null;
  let fn: FunctionNode | null = null;
  const parent = declaration.parent;
  if (declaration.type === AST_NODE_TYPES.Identifier && parent?.type === AST_NODE_TYPES.VariableDeclarator) local = declaration.name;
  else if (isFunction(parent)) {
    fn = parent;
    if (fn.id) local = fn.id.name;
    else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier) local = fn.parent.id.name;
  } else if (isFunction(declaration)) {
    fn = declaration;
    if (fn.id) local = fn.id.name;
  } else if (declaration.type === AST_NODE_TYPES.Identifier) local = declaration.name;
  else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === declaration && parent.id.type === AST_NODE_TYPES.Identifier) local = parent.id.name;
  const locals = local === null ? new Set<string>() : aliasesOf(local, program);
  return exportsOf(program)
    .filter((entry) => (entry.local !== null && locals.has(entry.local)) || (fn !== null && entry.node === fn) || (entry.node !== null && entry.node === declaration))
    .map((entry) => entry.exported);
}

/**
 * A name and the top-level variables that merely alias it (`var versions_default = router;
 * export { versions_default as default }`, as bundlers write exports).
 */
function aliasesOf(name: string, program: TSESTree.Program): Set<string> {
  const names = new Set([name]);
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of declaration.declarations) {
      const init = declarator.init && unwrap(declarator.init);
      if (declarator.id.type === AST_NODE_TYPES.Identifier && init?.type === AST_NODE_TYPES.Identifier && names.has(init.name)) names.add(declarator.id.name);
    }
  }
  return names;
}
