import type { RequestStyle } from './request-inputs.js';

/**
 * Real-time servers whose clients send events over a long-lived connection: socket.io and `ws`.
 * Each event listener of a connected client's socket is a handler (no route, no URL): what the
 * client emitted is input as a request's body is. The route model
 * (`analysis/routes/frameworks/realtime.ts`) reads these rows.
 *
 * A socket is recognised by evidence only: the parameter of a `connection` listener of a server
 * created from one of these packages (or of a namespace of it), and, in another file, the
 * parameter of a function such a listener hands the socket to (`registerChatHandlers(io, socket)`).
 * A `.on('message', …)` of an object of unknown origin (a stream, an emitter, a client socket) is
 * not one.
 */
export interface RealtimeServerModel {
  /** Packages the server is created from. */
  modules: readonly string[];
  /**
   * Member paths from the module to what creates a server, called or constructed: `[]` for the
   * module itself (`require('socket.io')(httpServer)`), `['Server']` for `new Server(httpServer)`.
   */
  create: readonly (readonly string[])[];
  /** Methods of a server that return a namespace whose connections are the server's (`io.of('/admin')`). */
  namespaces: readonly string[];
  /** Members of a server that hold its default namespace (`io.sockets`). */
  namespaceMembers: readonly string[];
  /** Methods that return the same server or namespace, so a chain keeps it (`io.of('/x').use(mw)`). */
  chains: readonly string[];
  /** Events whose listener receives a connected client's socket first (`io.on('connection', (socket) => …)`). */
  connectionEvents: readonly string[];
  /** Methods of a socket that register an event listener (`socket.on('search', (payload, ack) => …)`). */
  listeners: readonly string[];
  /**
   * Events a socket listener receives client input from: `'*'` for every event but `reserved`
   * (socket.io: any name the client emits), or the names (`ws`: `message`).
   */
  events: readonly string[];
  /** Events the server itself emits on a socket, whose arguments are not client input (`disconnect` and its reason). */
  reserved: readonly string[];
  /**
   * Methods of a socket registering a listener of every client event, which receives the event's
   * name first and its arguments after it (`socket.onAny((event, ...args) => …)`).
   */
  catchAll: readonly string[];
  /** How input enters a listener (see `requestInputs`). */
  style: RequestStyle;
  /** How input enters a connection listener: what the client connected with (see `requestInputs`). */
  connectionStyle: RequestStyle;
}

export const realtimeServers = [
  // socket.io: `new Server(httpServer)`, `require('socket.io')(httpServer)`. A client emits any
  // event with any number of JSON arguments; a listener's last parameter may be the client's
  // acknowledgement callback, which the server calls and which is never client data (a payload
  // is decoded JSON, never a function: see `socketAcknowledgement`).
  {
    modules: ['socket.io'],
    create: [[], ['Server'], ['listen']],
    namespaces: ['of'],
    namespaceMembers: ['sockets'],
    chains: ['use', 'on'],
    connectionEvents: ['connection', 'connect'],
    listeners: ['on', 'once', 'addListener'],
    events: ['*'],
    reserved: ['disconnect', 'disconnecting', 'error', 'newListener', 'removeListener'],
    catchAll: ['onAny', 'prependAny'],
    style: 'socket',
    connectionStyle: 'socket-connection',
  },
  // ws: `new WebSocketServer({ server })` (`new WebSocket.Server(…)` before ws 8). A client's
  // messages arrive in the socket's `message` listener, the data first (`isBinary` after it is the
  // server's reading of the frame).
  {
    modules: ['ws'],
    create: [['WebSocketServer'], ['Server']],
    namespaces: [],
    namespaceMembers: [],
    chains: ['on'],
    connectionEvents: ['connection'],
    listeners: ['on', 'once', 'addListener'],
    events: ['message'],
    reserved: [],
    catchAll: [],
    style: 'ws',
    connectionStyle: 'ws-connection',
  },
] as const satisfies readonly RealtimeServerModel[];
