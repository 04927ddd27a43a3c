import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { realtimeServers, type RealtimeServerModel } from '../../../models/frameworks/realtime.js';
import { findVariable, propertyName, unwrap, type FunctionNode } from '../../../utils/ast.js';
import { projectIndexOf } from '../../project/index.js';
import type { ProjectModule } from '../../project/parse.js';
import { resolveHandler } from '../handlers.js';
import type { ExtractContext, FrameworkExtractor, RouteHandler } from '../types.js';
import { callsOf, exportedValues, functionsAmong, isLocalModule, methodCall, moduleExtractContext, moduleMember, staticText } from './shared-ast.js';
import { InstanceResolver } from './shared-instances.js';

/*
 * Event listeners of real-time servers (socket.io, ws) as handlers: what a connected client emits
 * is input, as a request's body is, so each listener is a taint scope. They are not routes (no
 * URL, no HTTP method; who may connect is decided by the server's connection middleware), so this
 * extractor returns handlers only.
 *
 * A socket is known by evidence (see `models/frameworks/realtime.ts`):
 * - the first parameter of a `connection` listener of a server created from a real-time package,
 *   or of one of its namespaces (`io.of('/chat').on('connection', (socket) => …)`, `io.sockets`);
 * - what such a socket is passed as, through same-file calls (`register(socket)`) and calls of
 *   functions of other project files (`registerTicketHandlers(io, socket)` in a module that does
 *   not import socket.io itself), two files away at most;
 * - the first parameter of a connection listener defined in another file and registered here.
 */

type Kind = 'server' | 'namespace' | 'socket';

interface Instance {
  kind: Kind;
  model: RealtimeServerModel;
}

/** How many files away from the one that creates the server a socket is followed. */
const MAX_FILE_DEPTH = 2;
/** Importers read per question. */
const MAX_IMPORTERS = 16;

const MODULES = new Set<string>(realtimeServers.flatMap((model) => model.modules));

export const realtimeExtractor: FrameworkExtractor = {
  framework: 'realtime',
  extract(context) {
    return { handlers: realtimeHandlers(context, 0) };
  },
};

function realtimeHandlers(context: ExtractContext, depth: number): RouteHandler[] {
  const handlers: RouteHandler[] = [];
  const sockets = socketResolver(context, depth);
  // A file that neither imports a real-time package nor is handed a socket by another file has no
  // listeners: the cross-file question is asked only for receivers that are parameters.
  for (const call of callsOf(context.program)) {
    const parsed = methodCall(call);
    if (!parsed) continue;
    const handlerNode = call.arguments.at(-1);
    if (!handlerNode || handlerNode.type === AST_NODE_TYPES.SpreadElement) continue;
    if (!mayBeListener(parsed.method)) continue;
    const socket = sockets.receiver(parsed);
    // `io.on('connection', (socket) => …)`: what the client connected with is read there.
    const style = socket?.kind === 'socket' ? (listensToClient(socket.model, parsed.method, call, context) ? socket.model.style : null) : socket && isConnectionListener(socket.model, parsed.method, call, context) ? socket.model.connectionStyle : null;
    if (style === null) continue;
    const fn = resolveHandler(handlerNode, context.scopeOf(handlerNode));
    if (!fn || context.claimed.has(fn)) continue;
    context.claimed.add(fn);
    handlers.push({ node: handlerNode, fn, style });
  }
  return handlers;
}

const LISTENER_METHODS = new Set<string>(realtimeServers.flatMap((model) => [...model.listeners, ...model.catchAll]));
const mayBeListener = (method: string): boolean => LISTENER_METHODS.has(method);

/** `io.on('connection', fn)` (or `connect`) of a server or namespace. */
function isConnectionListener(model: RealtimeServerModel, method: string, call: TSESTree.CallExpression, context: ExtractContext): boolean {
  const listeners: readonly string[] = model.listeners;
  const event = call.arguments[0];
  if (!listeners.includes(method) || call.arguments.length < 2 || !event || event.type === AST_NODE_TYPES.SpreadElement) return false;
  const name = staticText(event, context);
  return name !== null && (model.connectionEvents as readonly string[]).includes(name);
}

/** `socket.on(event, fn)` for an event the client emits, or a catch-all listener (`socket.onAny(fn)`). */
function listensToClient(model: RealtimeServerModel, method: string, call: TSESTree.CallExpression, context: ExtractContext): boolean {
  const catchAll: readonly string[] = model.catchAll;
  if (catchAll.includes(method)) return true;
  const listeners: readonly string[] = model.listeners;
  if (!listeners.includes(method) || call.arguments.length < 2) return false;
  const event = call.arguments[0];
  if (!event || event.type === AST_NODE_TYPES.SpreadElement) return false;
  const name = staticText(event, context);
  const events: readonly string[] = model.events;
  const reserved: readonly string[] = model.reserved;
  // An event name the rule cannot read (`socket.on(events.SEARCH, …)`) is one a client emits,
  // unless the model lists only named events.
  if (events.includes('*')) return name === null || !reserved.includes(name);
  return name !== null && events.includes(name);
}

/** Resolves servers, namespaces and sockets of the real-time packages in one file. */
function socketResolver(context: ExtractContext, depth: number): InstanceResolver<Instance> {
  const resolver: InstanceResolver<Instance> = new InstanceResolver<Instance>(context, {
    create(node) {
      const member = moduleMember(node.callee, context);
      if (!member) return null;
      const model = realtimeServers.find((candidate) => (candidate.modules as readonly string[]).includes(member.module) && candidate.create.some((path) => samePath(path, member.path)));
      return model ? { kind: 'server', model } : null;
    },
    derive(call, base) {
      if (base.kind === 'socket') return call.method === 'on' ? base : null;
      if ((base.model.namespaces as readonly string[]).includes(call.method)) return { kind: 'namespace', model: base.model };
      return (base.model.chains as readonly string[]).includes(call.method) ? base : null;
    },
    parameter(fn, index) {
      if (index === 0) {
        const connection = connectionOf(fn, context, resolver);
        if (connection) return { kind: 'socket', model: connection.model };
      }
      return depth < MAX_FILE_DEPTH ? handedSocket(fn, index, context, depth) : null;
    },
  });
  return resolver;
}

/** The server or namespace a function listens to connections of (`io.on('connection', fn)`), in this file. */
function connectionOf(fn: FunctionNode, context: ExtractContext, resolver: InstanceResolver<Instance>): Instance | null {
  for (const written of writtenAs(fn, context)) {
    const call = written.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.at(-1) !== written) continue;
    const parsed = methodCall(call);
    const event = call.arguments[0];
    if (!parsed || !event || event === written || event.type === AST_NODE_TYPES.SpreadElement) continue;
    const owner = serverOf(parsed.object, resolver);
    if (!owner) continue;
    const name = staticText(event, context);
    if (name !== null && (owner.model.connectionEvents as readonly string[]).includes(name) && (owner.model.listeners as readonly string[]).includes(parsed.method)) return owner;
  }
  return null;
}

/** A server or namespace: also the default namespace a member holds (`io.sockets`). */
function serverOf(node: TSESTree.Node, resolver: InstanceResolver<Instance>): Instance | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed) {
    const base = resolver.resolve(target.object);
    const name = propertyName(target.property);
    return base && base.kind !== 'socket' && name !== null && (base.model.namespaceMembers as readonly string[]).includes(name) ? { kind: 'namespace', model: base.model } : null;
  }
  const found = resolver.resolve(target);
  return found && found.kind !== 'socket' ? found : null;
}

/** Where a function is written or named: the function itself (out of its wrappers) and the references of its name. */
function writtenAs(fn: FunctionNode, context: ExtractContext): TSESTree.Node[] {
  let node: TSESTree.Node = fn;
  while (node.parent && unwrap(node.parent) === fn) node = node.parent;
  const found: TSESTree.Node[] = [node];
  let id: TSESTree.Identifier | null = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : null;
  if (!id && node.parent?.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id.type === AST_NODE_TYPES.Identifier) id = node.parent.id;
  if (id) {
    const variable = findVariable(context.scopeOf(id), id.name);
    for (const reference of variable?.references ?? []) if (reference.identifier !== id) found.push(reference.identifier);
  }
  return found;
}

const samePath = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((part, index) => part === b[index]);

// -------------------------------------------------------------------------------------------------
// Sockets handed over by other files

/** What a project file hands to the project files it imports: the parameter positions that receive a socket, by file. */
type Handed = Map<string, { index: number; model: RealtimeServerModel }[]>;

const handedByProgram = new WeakMap<TSESTree.Program, Handed>();

/**
 * The socket a parameter of an exported function holds because an importer of this file passes
 * one there (`registerTicketHandlers(io, socket)`), or registers the function as a connection
 * listener (`io.on('connection', onConnection)`). Importers are read only when they, or their own
 * importers within the depth, import a real-time package.
 */
function handedSocket(fn: FunctionNode, index: number, context: ExtractContext, depth: number): Instance | null {
  const project = projectIndexOf(context.filename);
  if (!project || !functionsAmong(exportedValues(context.program), context).has(fn)) return null;
  const file = path.resolve(context.filename);
  let budget = MAX_IMPORTERS;
  for (const importer of project.importersOf(file)) {
    if (budget-- <= 0) break;
    if (!reachesRealtime(importer, depth + 1, project)) continue;
    const module = project.module(importer);
    if (!module) continue;
    const found = handedBy(module, context, depth + 1).get(file)?.find((entry) => entry.index === index);
    if (found) return { kind: 'socket', model: found.model };
  }
  return null;
}

/** The file imports a real-time package, or (within the depth) is imported by a file that does. */
function reachesRealtime(file: string, depth: number, project: NonNullable<ReturnType<typeof projectIndexOf>>): boolean {
  if (project.importsOf(file).some((entry) => entry.file === null && MODULES.has(entry.specifier))) return true;
  if (depth >= MAX_FILE_DEPTH) return false;
  return project.importersOf(file).slice(0, MAX_IMPORTERS).some((importer) => reachesRealtime(importer, depth + 1, project));
}

/** The sockets a project file passes to functions of the files it imports. */
function handedBy(module: ProjectModule, linted: ExtractContext, depth: number): Handed {
  const cached = handedByProgram.get(module.program);
  if (cached) return cached;
  const handed: Handed = new Map();
  // Set first: a cycle of imports ends here.
  handedByProgram.set(module.program, handed);
  const project = projectIndexOf(module.file);
  if (!project) return handed;
  const context = moduleExtractContext(module, linted);
  const resolver = socketResolver(context, depth);
  const record = (callee: TSESTree.Node, index: number, model: RealtimeServerModel): void => {
    const member = moduleMember(callee, context);
    if (!member || !isLocalModule(member.module)) return;
    const target = project.resolve(module.file, member.module);
    if (target === null) return;
    const entries = handed.get(target) ?? [];
    if (!entries.some((entry) => entry.index === index && entry.model === model)) entries.push({ index, model });
    handed.set(target, entries);
  };
  for (const call of callsOf(module.program)) {
    const parsed = methodCall(call);
    // `io.on('connection', onConnection)` with `onConnection` imported.
    const listener = call.arguments.at(-1);
    if (parsed && listener && listener.type !== AST_NODE_TYPES.SpreadElement && call.arguments.length >= 2) {
      const owner = serverOf(parsed.object, resolver);
      const event = call.arguments[0];
      const name = event && event.type !== AST_NODE_TYPES.SpreadElement ? staticText(event, context) : null;
      if (owner && name !== null && (owner.model.connectionEvents as readonly string[]).includes(name)) record(listener, 0, owner.model);
    }
    // `registerTicketHandlers(io, socket)` with the function imported.
    for (const [index, argument] of call.arguments.entries()) {
      if (argument.type === AST_NODE_TYPES.SpreadElement || !mayHoldSocket(argument)) continue;
      const socket = resolver.resolve(argument);
      if (socket?.kind === 'socket') record(call.callee, index, socket.model);
    }
  }
  return handed;
}

/** Only identifiers name a socket (a parameter or a variable): literals and calls are skipped unread. */
const mayHoldSocket = (node: TSESTree.Node): boolean => unwrap(node).type === AST_NODE_TYPES.Identifier;

