import type { TaintKind } from '../taint-types.js';
/**
 * Where request input enters a handler, per handler style: which parameter carries the request
 * and which of its members (properties, or methods whose result is input) hold client data.
 * Paths are relative to that parameter; `()` marks a call, `await` is implied for promises.
 */
export type RequestStyle =
  | 'express'
  | 'koa'
  | 'fastify'
  | 'hapi'
  | 'hono'
  | 'next-app'
  | 'next-pages'
  | 'next-page'
  | 'node-http'
  | 'nest'
  | 'lambda'
  | 'azure'
  | 'fetch'
  | 'wrapped'
  | 'next-action'
  | 'callable'
  | 'callable-v1'
  | 'graphql'
  | 'graphql-root'
  | 'graphql-decorated'
  | 'trpc'
  | 'h3'
  | 'elysia'
  | 'sveltekit'
  | 'remix'
  | 'socket'
  | 'socket-connection'
  | 'ws'
  | 'ws-connection'
  | 'feathers-find'
  | 'feathers-id'
  | 'feathers-data'
  | 'feathers-id-data'
  | 'sails-action'
  | 'adonis';

export interface RequestInputModel {
  /** Index of the parameter that holds the request (or context). */
  param: number;
  /** Member paths whose value is client-controlled, e.g. `body`, `request.body`, `req.query()`. */
  inputs: readonly string[];
  /** Member paths that hold the authenticated principal, e.g. `user`, `state.user`. */
  principal: readonly string[];
}

export const requestInputs = {
  express: {
    param: 0,
    // `allParams()`: Sails's request (an Express request), the path, query and body parameters in one object.
    inputs: ['body', 'query', 'params', 'headers', 'cookies', 'signedCookies', 'get()', 'header()', 'param()', 'allParams()', 'url', 'originalUrl', 'path', 'hostname', 'files', 'file'],
    principal: ['user', 'auth', 'session.user', 'session.userId', 'isAuthenticated()'],
  },
  'next-pages': {
    param: 0,
    inputs: ['body', 'query', 'headers', 'cookies', 'url'],
    principal: [],
  },
  // A Pages Router page's data function, run on the server for each request of the page:
  // `getServerSideProps(context)` and a page's `getInitialProps(ctx)` (on the server at first load).
  // The context carries the parsed query (with the dynamic segments), the path segments, the Node
  // request (`req`, without a parsed body) and the URL asked for. Its `res` sends responses: see
  // `responseMembers`. `getStaticProps` runs at build time and is no handler.
  'next-page': {
    param: 0,
    inputs: ['query', 'params', 'resolvedUrl', 'asPath', 'req.headers', 'req.cookies', 'req.url'],
    principal: [],
  },
  // The body is read from the stream (`for await (const chunk of req)`, `req.on('data', cb)`):
  // see `bodyStreamStyles`. `url.parse(req.url, true).query` and friends: see `requestParsers`.
  'node-http': {
    param: 0,
    inputs: ['url', 'headers', 'rawHeaders', 'headersDistinct'],
    principal: [],
  },
  koa: {
    param: 0,
    // `file` / `files` / `request.file`: @koa/multer puts multer's file objects on the context and
    // its request (`ctx.file.originalname` is the client's name for the file); koa-body uses `request.files`.
    inputs: ['request.body', 'request.query', 'request.headers', 'request.url', 'params', 'query', 'querystring', 'headers', 'header', 'url', 'path', 'get()', 'cookies.get()', 'request.files', 'request.file', 'file', 'files', 'request.get()'],
    principal: ['state.user', 'state.auth', 'session.user', 'isAuthenticated()'],
  },
  fastify: {
    param: 0,
    inputs: ['body', 'query', 'params', 'headers', 'cookies', 'url', 'raw.url', 'file()', 'files()'],
    principal: ['user', 'session.user'],
  },
  hapi: {
    param: 0,
    inputs: ['payload', 'query', 'params', 'headers', 'state', 'url', 'path'],
    principal: ['auth.credentials', 'auth.isAuthenticated'],
  },
  hono: {
    param: 0,
    // `c.req.valid('json')`: what a validator middleware let through (see `targetedInputs`).
    inputs: ['req.query()', 'req.queries()', 'req.param()', 'req.json()', 'req.text()', 'req.formData()', 'req.parseBody()', 'req.header()', 'req.url', 'req.path', 'req.raw', 'req.valid()'],
    principal: ['get()', 'var.user', 'var.session'],
  },
  'next-app': {
    param: 0,
    inputs: ['json()', 'text()', 'formData()', 'blob()', 'arrayBuffer()', 'nextUrl.searchParams', 'nextUrl.pathname', 'url', 'headers.get()', 'cookies.get()'],
    principal: ['auth'],
  },
  nest: {
    param: -1,
    inputs: [],
    principal: [],
  },
  // AWS Lambda behind API Gateway (REST v1 and HTTP v2 events) and Netlify functions:
  // `export const handler = async (event, context) => …`.
  lambda: {
    param: 0,
    inputs: ['body', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'headers', 'multiValueHeaders', 'cookies', 'rawPath', 'rawQueryString', 'path', 'stageVariables'],
    principal: ['requestContext.authorizer'],
  },
  // Azure Functions v3: `module.exports = async function (context, req) { … }`.
  azure: {
    param: 1,
    inputs: ['body', 'rawBody', 'query', 'params', 'headers', 'url'],
    principal: [],
  },
  // A web-standard `Request`: Azure Functions v4 `app.http('x', { handler: (request, context) => … })`,
  // Vercel and Netlify `export default async (req: Request) => …`.
  fetch: {
    param: 0,
    inputs: ['json()', 'text()', 'formData()', 'blob()', 'arrayBuffer()', 'url', 'query.get()', 'query.getAll()', 'params', 'headers.get()', 'body'],
    principal: [],
  },
  // Project wrappers that hand the handler one object: `withWorkspace(async ({ req, params }) => …)`.
  wrapped: {
    param: 0,
    inputs: ['req.json()', 'req.text()', 'req.formData()', 'req.url', 'req.nextUrl.searchParams', 'req.nextUrl.pathname', 'req.headers.get()', 'req.body', 'req.query', 'request.json()', 'request.text()', 'request.formData()', 'request.url', 'request.headers.get()', 'params', 'searchParams', 'query', 'body'],
    principal: ['session.user', 'user'],
  },
  // Next.js server actions (`'use server'`): any client can call one with arguments of its choice,
  // so every parameter is input whatever its declared type (see `argumentInputStyles`). `''` is
  // the parameter itself; `formData.get('x')`, `Object.fromEntries(formData)`, `input.name` are
  // reads of it.
  'next-action': {
    param: 0,
    inputs: [''],
    principal: [],
  },
  // Firebase callable functions, v2: `onCall((request) => …)`, the client's payload in `request.data`
  // and its verified Firebase Auth token in `request.auth`.
  callable: {
    param: 0,
    inputs: ['data', 'rawRequest.body', 'rawRequest.query', 'rawRequest.headers'],
    principal: ['auth'],
  },
  // v1: `onCall((data, context) => …)`. The payload is the first parameter itself, which a member
  // path cannot name: only what the context's raw request carries is listed.
  'callable-v1': {
    param: 1,
    inputs: ['rawRequest.body', 'rawRequest.query', 'rawRequest.headers'],
    principal: ['auth'],
  },
  // A GraphQL resolver of a resolver map, `(parent, args, context, info)`: `args` is what the client
  // sent for the field's arguments, every member of it (`''` is the parameter itself). Its
  // `context` carries the HTTP request (see `graphqlContextInputs`).
  graphql: {
    param: 1,
    inputs: [''],
    principal: [],
  },
  // A function of graphql-js's `rootValue` (express-graphql, graphql-http): `(args, context, info)`.
  'graphql-root': {
    param: 0,
    inputs: [''],
    principal: [],
  },
  // A method of a NestJS or TypeGraphQL resolver class: its input comes through decorated
  // parameters (`@Args('id')`, `@Arg('id')`, `@Context()`), read per decorator.
  'graphql-decorated': {
    param: -1,
    inputs: [],
    principal: [],
  },
  // A tRPC resolver, `({ input, ctx }) => …`: `input` is what the client sent (validated by the
  // procedure's `.input(schema)`, see `RouteHandler.validation`); `ctx` is what the project's
  // `createContext({ req })` returned, whose `req` is the HTTP request when it passes it on.
  trpc: {
    param: 0,
    inputs: [
      'input', 'rawInput', 'getRawInput()',
      'ctx.req.body', 'ctx.req.query', 'ctx.req.params', 'ctx.req.headers', 'ctx.req.cookies', 'ctx.req.url', 'ctx.req.headers.get()', 'ctx.req.json()',
    ],
    principal: ['ctx.user', 'ctx.session.user', 'ctx.session', 'ctx.auth'],
  },
  // An h3 / Nitro / Nuxt event handler, `(event) => …`. Most input is read by utilities given the
  // event (`getQuery(event)`), read here as calls of the event (see `h3InputFunctions`); the
  // members are the event's own.
  h3: {
    param: 0,
    inputs: [
      'getQuery()', 'getValidatedQuery()', 'readBody()', 'readRawBody()', 'readValidatedBody()', 'readFormData()', 'readMultipartFormData()',
      'getRouterParam()', 'getRouterParams()', 'getValidatedRouterParams()', 'getHeader()', 'getRequestHeader()', 'getHeaders()', 'getRequestHeaders()',
      'getCookie()', 'parseCookies()', 'getRequestURL()',
      'path', 'context.params', 'node.req.url', 'node.req.headers', 'headers.get()',
    ],
    principal: ['context.user', 'context.session', 'context.auth'],
  },
  // An Elysia handler's context, `({ query, params, body, headers, cookie }) => …`; `request` is
  // the Fetch `Request`.
  elysia: {
    param: 0,
    inputs: ['body', 'query', 'params', 'headers', 'cookie', 'path', 'request.json()', 'request.text()', 'request.formData()', 'request.url', 'request.headers.get()'],
    principal: ['user', 'session', 'store.user'],
  },
  // A SvelteKit endpoint, `load` or form action, `({ request, url, params, cookies, locals }) => …`:
  // `request` is the Fetch `Request`, `url` its parsed URL; `locals` holds what the `handle` hook
  // set (`locals.user`), not input.
  sveltekit: {
    param: 0,
    inputs: [
      'request.json()', 'request.text()', 'request.formData()', 'request.blob()', 'request.arrayBuffer()', 'request.url', 'request.headers.get()',
      'url.searchParams', 'url.pathname', 'url.search', 'url.href', 'params', 'cookies.get()', 'cookies.getAll()',
    ],
    principal: ['locals.user', 'locals.session', 'locals.auth()'],
  },
  // A Remix / React Router v7 route module's `loader` or `action`, `({ request, params }) => …`:
  // the query is read from `new URL(request.url).searchParams`.
  remix: {
    param: 0,
    inputs: ['request.json()', 'request.text()', 'request.formData()', 'request.blob()', 'request.arrayBuffer()', 'request.url', 'request.headers.get()', 'params'],
    principal: [],
  },
  // A socket.io event listener, `socket.on('search', (payload, ack) => …)`: every argument the
  // client emitted is input (see `argumentInputStyles`), but not its acknowledgement callback
  // (see `callbackParameterStyles`).
  socket: {
    param: 0,
    inputs: [''],
    principal: [],
  },
  // A `ws` socket's message listener, `ws.on('message', (data, isBinary) => …)`: the data.
  ws: {
    param: 0,
    inputs: [''],
    principal: [],
  },
  // A socket.io connection listener, `io.on('connection', (socket) => …)`: what the client sent
  // when it connected (the handshake's query string, its `auth` payload, headers and URL), read
  // there or in the listeners registered inside it (`socket.handshake.query.room`).
  'socket-connection': {
    param: 0,
    inputs: ['handshake.query', 'handshake.auth', 'handshake.headers', 'handshake.url', 'request.url', 'request.headers'],
    principal: [],
  },
  // A `ws` connection listener, `wss.on('connection', (ws, req) => …)`: the HTTP upgrade request
  // the client opened the socket with, its URL (`new URL(req.url, base).searchParams`) and headers.
  'ws-connection': {
    param: 1,
    inputs: ['url', 'headers'],
    principal: [],
  },
  // Feathers service methods (see `models/frameworks/feathers.ts`): `params` is the last parameter,
  // its `query` (the query string, parsed with nesting, or a socket client's object), `headers` and
  // `route` (the placeholders of the service path) are the client's; `params.user` is what an
  // authentication hook set. The id and the data before it: see `positionalInputs`.
  'feathers-find': {
    param: 0,
    inputs: ['query', 'headers', 'route'],
    principal: ['user'],
  },
  'feathers-id': {
    param: 1,
    inputs: ['query', 'headers', 'route'],
    principal: ['user'],
  },
  'feathers-data': {
    param: 1,
    inputs: ['query', 'headers', 'route'],
    principal: ['user'],
  },
  'feathers-id-data': {
    param: 2,
    inputs: ['query', 'headers', 'route'],
    principal: ['user'],
  },
  // A Sails actions2 `fn`, `async function ({ id, name }) { … }`: the inputs Sails parsed from the
  // request's parameters (path, query and body alike), every field the client's unless its
  // declaration in `inputs` bounds it (see `models/frameworks/sails.ts`). `this.req` inside it is
  // the request, read in the `express` style.
  'sails-action': {
    param: 0,
    inputs: [''],
    principal: [],
  },
  // An AdonisJS controller method, `async show({ request, params }: HttpContext)`: the context's
  // request reads input by methods; `request.validate()` / `request.validateUsing()` return what
  // the validator let through, not listed.
  adonis: {
    param: 0,
    inputs: [
      'request.input()', 'request.all()', 'request.only()', 'request.except()', 'request.qs()', 'request.body()', 'request.raw()',
      'request.param()', 'request.params()', 'request.header()', 'request.headers()', 'request.cookie()', 'request.url()',
      'request.completeUrl()', 'request.file()', 'request.files()', 'params',
    ],
    principal: ['auth.user'],
  },
} as const satisfies Record<RequestStyle, RequestInputModel>;

/**
 * Parameters that are request input as a whole, besides the one at `param`: a Feathers service
 * method's `id` (the record the URL names, or any value a socket client sends) and `data` (the
 * body). `location` is the part of the request each one is.
 */
export const positionalInputs = {
  'feathers-id': [{ param: 0, location: 'path' }],
  'feathers-data': [{ param: 0, location: 'body' }],
  'feathers-id-data': [{ param: 0, location: 'path' }, { param: 1, location: 'body' }],
} as const satisfies Partial<Record<RequestStyle, readonly { param: number; location: 'path' | 'body' }[]>>;

/**
 * The GraphQL context parameter of a resolver, by style, and the members of it that are the HTTP
 * request's input: Apollo's and graphql-http's `{ req }`, Yoga's `request` (a Fetch `Request`),
 * mercurius's `reply.request`. What a project's own context function computes (`ctx.user`) is not
 * input.
 */
export const graphqlContextInputs = {
  params: { graphql: 2, 'graphql-root': 1 },
  inputs: [
    'req.body', 'req.query', 'req.params', 'req.headers', 'req.cookies', 'req.get()', 'req.header()', 'req.url',
    'request.body', 'request.query', 'request.headers', 'request.headers.get()', 'request.url', 'request.json()',
    'reply.request.body', 'reply.request.query', 'reply.request.headers',
  ],
} as const satisfies { params: Partial<Record<RequestStyle, number>>; inputs: readonly string[] };

/**
 * Styles whose every parameter is request input, not only the one at `param`: a Next.js server
 * action receives the arguments the client posted (`saveProfile(formData)`, `search(name, page)`,
 * and `bind`-ed arguments before the form data, which the client sends as well).
 */
export const argumentInputStyles: readonly RequestStyle[] = ['next-action', 'socket'];

/**
 * Styles whose handler may also receive a function of the client's among its parameters: a
 * socket.io client that emits with an acknowledgement (`socket.emit('search', q, (rows) => …)`)
 * hands the listener a callback last. A parameter the handler calls is that callback, not input:
 * what a client emits is decoded JSON, which never holds a function.
 */
export const callbackParameterStyles: readonly RequestStyle[] = ['socket'];

/**
 * Members of an uploaded file that the server chose, not the client: where multer
 * (`req.file.path`, `destination`, `filename`), express-fileupload (`tempFilePath`) or formidable
 * (`filepath`, `newFilename`) stored it, its measured size, and the form field the server told
 * multer to accept (`fieldname`). The client's own name for the file
 * (`originalname`, `name`, `originalFilename`) stays input. Applies to the upload inputs below only:
 * Fastify's `file()` gives the client's `filename`.
 */
export const serverChosenUploadMembers = {
  inputs: ['file', 'files', 'request.files', 'request.file'],
  // `fieldname` is the form field, one the server named to multer (`single('avatar')`, `fields([…])`).
  members: ['path', 'destination', 'filename', 'size', 'tempFilePath', 'filepath', 'newFilename', 'fieldname'],
} as const;

/**
 * Upload members a parser reduces to the last part of the client's name for the file: Fastify's
 * `@fastify/multipart` runs busboy with `preservePath: false` (its default), which keeps only what
 * follows the last `/` or `\\` (`../../etc/cron.d/x` arrives as `x`). The name is still the
 * client's text, but it names no other directory. `keptBy`: project text that turns the reduction
 * off (`register(multipart, { preservePath: true })`); any file of the project that matches keeps
 * the member a path input.
 */
export const baseNameUploadMembers = {
  fastify: { inputs: ['file()', 'files()'], members: ['filename'], keptBy: /\bpreservePath\s*:\s*true\b/u },
} as const satisfies Partial<Record<RequestStyle, { inputs: readonly string[]; members: readonly string[]; keptBy: RegExp }>>;

/** NestJS parameter decorators whose parameter holds request input, and the express path it stands for. */
export const nestInputDecorators = {
  Body: 'body',
  Query: 'query',
  Param: 'params',
  Headers: 'headers',
  Req: '',
  Request: '',
  UploadedFile: 'file',
  UploadedFiles: 'files',
  Ip: null,
  Session: null,
} as const satisfies Record<string, string | null>;

/**
 * NestJS pipes that convert a parameter before the handler runs (`@Query('id', ParseIntPipe)`):
 * the parameter then holds a number, boolean, UUID or enum member, not the client's text.
 */
export const nestParsePipes = /^Parse(?:Int|Float|Bool|UUID|Enum|Array)Pipe$/;

/**
 * Handler parameters besides the request that carry input, with the members that do: Next.js app
 * route handlers get the route context second, `GET(req, { params })`, whose `params` (a promise
 * since Next.js 15) holds the dynamic path segments.
 */
export const contextInputs = {
  'next-app': { param: 1, inputs: ['params'] },
} as const satisfies Partial<Record<RequestStyle, { param: number; inputs: readonly string[] }>>;

/**
 * Where a middleware leaves values for the handlers that run after it, per request style: a
 * parameter (`param`) and the member path under which every name is such a value (`prefix`; empty
 * for the request itself). Express `req.tenant` and `res.locals.tenant`, Koa `ctx.state.tenant`
 * (and `ctx.tenant`), Fastify `request.tenant`, Hapi `request.app.tenant`. A value a middleware
 * copies there from a request input stays that input for every handler that reads it (see
 * `analysis/project/request-locals.ts`).
 */
export const requestLocalHolders = {
  express: [{ param: 0, prefix: [] }, { param: 1, prefix: ['locals'] }],
  koa: [{ param: 0, prefix: ['state'] }, { param: 0, prefix: [] }],
  fastify: [{ param: 0, prefix: [] }],
  hapi: [{ param: 0, prefix: ['app'] }],
} as const satisfies Partial<Record<RequestStyle, readonly { param: number; prefix: readonly string[] }[]>>;

/**
 * Calls that register a function as middleware or a hook, so that what it leaves on the request
 * reaches later handlers even when it does not call a `next` parameter: Fastify
 * `addHook('preHandler', fn)`, Hapi `server.ext('onPreHandler', fn)`, `app.use(fn)`.
 */
export const middlewareRegistrations = ['use', 'addHook', 'ext'] as const;

/** Request inputs whose whole value is an object (sent as JSON), not text: `req.body`, `await req.json()`. */
export const objectInputs = [
  'body', 'query', 'params', 'headers', 'cookies', 'signedCookies', 'payload', 'state', 'request.body', 'request.query',
  'request.headers', 'data', 'json()', 'req.json()', 'req.query()', 'req.parseBody()', 'formData()', 'req.formData()', 'files', 'file',
  // A GraphQL context's HTTP request (see `graphqlContextInputs`).
  'req.body', 'req.query', 'reply.request.body', 'reply.request.query',
  // A server action's argument: a `FormData`, or any object the client serialised.
  '',
  // A tRPC procedure's input.
  'input', 'rawInput', 'getRawInput()', 'ctx.req.body', 'ctx.req.query',
  // A web-standard `Request` handed inside an object (SvelteKit, Remix).
  'request.json()', 'request.formData()',
  // h3 utilities that return a parsed object.
  // Sails's `req.allParams()`.
  'allParams()',
  'getQuery()', 'readBody()', 'getRouterParams()', 'readMultipartFormData()', 'readFormData()', 'getHeaders()', 'getRequestHeaders()', 'parseCookies()',
] as const;

/** Members that are the request's own URL: a base for `new URL('/path', req.url)`, not an attacker's origin. */
export const ownUrlMembers = ['url', 'originalUrl', 'req.url', 'raw.url', 'request.url', 'nextUrl', 'href'] as const;

/**
 * Members of parsed request URL text that hold the query string's fields:
 * `url.parse(req.url, true).query.name`, `new URL(req.url).searchParams.get('name')`.
 */
export const parsedUrlQueryMembers = ['query', 'searchParams'] as const;

/**
 * Styles whose request parameter is the body stream itself: `for await (const chunk of req)` and
 * `req.on('data', (chunk) => …)` read the raw body.
 */
export const bodyStreamStyles: readonly RequestStyle[] = ['node-http', 'express', 'next-pages'];

/** Events of a request stream whose listener receives body data. */
export const bodyStreamEvents = ['data'] as const;

/**
 * Functions that parse request text into its parts: the result carries the input it parsed
 * (`url.parse(req.url, true).query.name`, `querystring.parse(body).x`). `argument` is the parsed text.
 */
export const requestParsers = [
  { module: ['url', 'node:url'], path: 'Member[parse]', argument: 0 },
  { module: ['querystring', 'node:querystring'], path: 'Member[parse,decode]', argument: 0 },
  { module: 'qs', path: 'Member[parse]', argument: 0 },
  { module: 'query-string', path: 'Member[parse,parseUrl]', argument: 0 },
] as const;

/**
 * Parsers given the request stream itself that answer what its body held (`argument` is the
 * request): formidable's `parse(req)` (v3 resolves to `[fields, files]`), whose files carry the
 * client's `originalFilename` beside the `filepath` and `newFilename` it chose itself (see
 * `serverChosenUploadMembers`). formidable keeps the client's name whole, `/` included.
 */
export const requestBodyParsers = [
  { module: 'formidable', path: 'ReturnValue.Member[parse]', argument: 0 },
  { module: 'formidable', path: 'Member[formidable].ReturnValue.Member[parse]', argument: 0 },
  { module: 'formidable', path: 'Member[IncomingForm,Formidable].Instance.Member[parse]', argument: 0 },
] as const;

/**
 * Archive readers whose entries are named by whoever built the archive: adm-zip's
 * `new AdmZip(buffer).getEntries()`, each entry's `entryName` a path such as `../../etc/cron.d/x`
 * (zip slip). The entries carry the taint of the archive the reader was given (`argument` of the
 * constructor): request input when the archive came from the request, directly or through a helper.
 */
export const archiveEntryReaders = [
  { module: 'adm-zip', path: 'Instance.Member[getEntries]', argument: 0 },
] as const;

/**
 * Frameworks whose query string is parsed flat: every field a string or an array of strings,
 * never an object, so `?token[$ne]=x` is the key `token[$ne]` and no field carries a MongoDB
 * operator. Koa parses with Node's `querystring`; Fastify with `fast-querystring` (Node's
 * `querystring` before version 4); Hapi puts `URLSearchParams` entries into an object; Hono returns strings. Express is
 * flat from version 5 only (see `taint/query-parser.ts`). `replacedBy` is project text that shows
 * an app installed a parser of its own (which may nest): `koa-qs` patching Koa, Fastify's
 * `querystringParser` option, Hapi's `query: { parser }` server option, Express's
 * `app.set('query parser', …)`. Any file of the project that matches keeps the fields reported.
 */
export const flatQueryStyles = {
  express: { replacedBy: /(['"`])query parser\1/u },
  // Also an app that assigns a parsed query of its own (`ctx.request.query = qs.parse(…)`).
  koa: { replacedBy: /koa-qs|\.query\s*=(?!=)/u },
  fastify: { replacedBy: /querystringParser/u },
  hapi: { replacedBy: /\bquery\s*:\s*\{[^}]*\bparser\b/u },
  // `c.req.query('k')` is a string, `c.req.queries('k')` an array of strings: no option changes it.
  hono: { replacedBy: null },
  // h3 parses the query with ufo's `parseQuery`: `a[b]=1` is the key `a[b]`.
  h3: { replacedBy: null },
} as const satisfies Partial<Record<RequestStyle, { replacedBy: RegExp | null }>>;

/**
 * Inputs read by a call whose argument names the part of the request (not a field of it): Hono's
 * `c.req.valid('json')` returns what the route's validator middleware for that target let through,
 * an object whose fields are the client's (a schema may narrow them: see `validatorMiddleware`).
 */
export const targetedInputs: Readonly<Record<string, Readonly<Record<string, InputLocation>>>> = {
  'req.valid()': { json: 'body', form: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie' },
};

/**
 * Route middleware that validates one part of the request with a schema before the handler runs,
 * by module and export: `zValidator('json', schema)` of `@hono/zod-validator`. The first argument
 * is the target (as in `targetedInputs`), the second the zod schema.
 */
export const validatorMiddleware = [
  { module: '@hono/zod-validator', name: 'zValidator', target: 'req.valid()', format: 'zod' },
] as const;

/**
 * Schema methods whose result a hand-written validation middleware writes back over a part of the
 * request (`req.query = schema.parse(req.query)`, `req[where] = parsed.data`), so that the handler
 * reads the checked value. Without `member` the call returns the checked value and throws or rejects
 * on invalid input (zod `parse`, Joi `validateAsync`, yup `validateSync`); with it, the call returns a
 * result whose `member` holds the checked value and is undefined on failure (zod `safeParse`).
 * Joi's `validate` is not among them: its `value` is what the client sent when `error` is set.
 */
export const replacingSchemaParses: readonly { method: string; member?: string }[] = [
  { method: 'parse' },
  { method: 'parseAsync' },
  { method: 'validateAsync' },
  { method: 'validateSync' },
  { method: 'safeParse', member: 'data' },
  { method: 'safeParseAsync', member: 'data' },
];

/** Where an input sits in an HTTP request, as the inventory reports it. */
export type InputLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'file' | 'url';

/**
 * The location of each request input above (by its first member, or by a longer path where the
 * first member alone is ambiguous), for the inventory's list of the inputs a route reads.
 */
export const inputLocations: Readonly<Record<string, InputLocation>> = {
  // A server action's argument travels in the body of the POST that calls it.
  '': 'body',
  'cookies.get()': 'cookie',
  'headers.get()': 'header',
  'body': 'body',
  'payload': 'body',
  'data': 'body',
  'json()': 'body',
  'text()': 'body',
  'formData()': 'body',
  'parseBody()': 'body',
  'blob()': 'body',
  'arrayBuffer()': 'body',
  'query': 'query',
  'querystring': 'query',
  'query()': 'query',
  'queries()': 'query',
  'searchParams': 'query',
  'params': 'path',
  // Feathers `params.route`: the placeholders of a service path (`/users/:userId/messages`).
  'route': 'path',
  'param()': 'path',
  'allParams()': 'body',
  'headers': 'header',
  'header': 'header',
  'header()': 'header',
  'get()': 'header',
  'cookies': 'cookie',
  'signedCookies': 'cookie',
  'state': 'cookie',
  'files': 'file',
  'file': 'file',
  'file()': 'file',
  'files()': 'file',
  'queryStringParameters': 'query',
  'multiValueQueryStringParameters': 'query',
  'rawQueryString': 'query',
  'query.get()': 'query',
  'query.getAll()': 'query',
  'pathParameters': 'path',
  'multiValueHeaders': 'header',
  'rawHeaders': 'header',
  'headersDistinct': 'header',
  'rawBody': 'body',
  'req.json()': 'body',
  'request.json()': 'body',
  'req.body': 'body',
  // A tRPC procedure's input: the POST body of a mutation, the `input` query parameter of a query.
  'input': 'body',
  'rawInput': 'body',
  'getRawInput()': 'body',
  'ctx.req.body': 'body',
  'ctx.req.query': 'query',
  'ctx.req.params': 'path',
  'ctx.req.headers': 'header',
  'ctx.req.headers.get()': 'header',
  'ctx.req.cookies': 'cookie',
  'ctx.req.json()': 'body',
  // Elysia's context.
  'cookie': 'cookie',
  'request.text()': 'body',
  'request.formData()': 'body',
  'request.headers.get()': 'header',
  'request.blob()': 'body',
  'request.arrayBuffer()': 'body',
  // SvelteKit's parsed URL.
  'url.searchParams': 'query',
  'url.search': 'query',
  'url.pathname': 'path',
  'url.href': 'url',
  'cookies.getAll()': 'cookie',
  // h3 utilities (see `h3InputFunctions`).
  'getQuery()': 'query',
  'getValidatedQuery()': 'query',
  'readBody()': 'body',
  'readRawBody()': 'body',
  'readValidatedBody()': 'body',
  'readFormData()': 'body',
  'readMultipartFormData()': 'file',
  'getRouterParam()': 'path',
  'getRouterParams()': 'path',
  'getValidatedRouterParams()': 'path',
  'context.params': 'path',
  'getHeader()': 'header',
  'getRequestHeader()': 'header',
  'getHeaders()': 'header',
  'getRequestHeaders()': 'header',
  'node.req.headers': 'header',
  'getCookie()': 'cookie',
  'parseCookies()': 'cookie',
};

/**
 * Inputs that name the host the request was sent to (Express `req.hostname`; the `Host` header is
 * matched by name). A browser sends the host of the URL it opens, so a link cannot make these
 * name another site: they do not decide where a redirect goes. (Express 5 `req.host` and Koa's
 * `ctx.host` / `ctx.hostname` are not request inputs of the model at all.)
 */
export const ownHostInputs: readonly string[] = ['hostname'];

/**
 * Reflected XSS needs the victim's own browser to send the input, on a navigation whose answer it
 * renders: a link, a form, a redirect, a frame. Those set the URL (path and query), a form body
 * (`application/x-www-form-urlencoded`, `multipart/form-data`, `text/plain`), the `Referer` (the
 * attacker's page, at least in part), the `Origin` of a form posted from the attacker's page, and
 * the cookies the browser holds; they set no other header.
 * The `Authorization` header, a custom `X-…` header or `Accept` come only from a script, and a
 * script of another site can send them only after a CORS preflight the server allows, or (for a
 * few safelisted headers) in a request whose answer the browser does not render. So the only
 * headers that are reflected-XSS sources are these, by lower-case name. Cookies stay sources, read
 * as cookies or as the `Cookie` header: a sibling subdomain (or an earlier HTTP response of the
 * same host) can plant one that the browser then sends to this site.
 * Every header stays a source of every other kind: a server-side sink does not care who sent it.
 */
export const crossSiteHeaders: readonly string[] = ['referer', 'referrer', 'origin', 'cookie'];

/**
 * Headers that name the page the browser was on when it sent the request, by lower-case name. A
 * redirect to one sends the user back to that page: a page of another site can only make it its own
 * URL (or nothing), so the user lands where they already were, and a link to this site that bounces
 * to the attacker's page needs the attacker's page first. Express's own `res.redirect('back')` is
 * this redirect. They are no open-redirect sources; they stay sources of every other kind (a
 * `Referer` echoed into HTML is still reflected XSS).
 */
export const redirectBackHeaders: readonly string[] = ['referer', 'referrer'];

/**
 * Taint kinds whose sink harms the user whose browser sent the request (see `crossSiteHeaders`):
 * reflected XSS, and an open redirect, whose victim follows a link to this site and is sent on to
 * another. A header the project's own client sends (`X-Return-To`, a mobile app's custom header)
 * decides nothing for a link.
 */
export const browserSentKinds: readonly TaintKind[] = ['xss', 'redirect'];

/**
 * Headers that a proxy in front of the app sets to describe the request it received, by lower-case
 * name. A browser does not send them either, but an attacker who sends them directly gets an
 * answer a shared cache keys only by URL and host, and then serves to every visitor: a redirect
 * built from `X-Forwarded-Host` poisons the cache for the page. They stay open-redirect sources.
 */
export const forwardingHeaders: readonly string[] = [
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-prefix',
  'x-forwarded-server',
  'x-host',
  'forwarded',
  'x-original-url',
  'x-rewrite-url',
  'x-original-host',
];

/**
 * HTTP methods no navigation uses: a link, a redirect, a frame or a form sends GET or POST, so a
 * browser renders as a page only the answers to those. A PUT, PATCH or DELETE comes from a script
 * (`fetch`), which reads the answer as data; another site's script gets it only after a CORS
 * preflight the server allows, and even then never shows it as a document of this site. Input
 * echoed in the HTML answer of a handler that only these methods reach is no reflected XSS.
 */
export const scriptOnlyMethods: readonly string[] = ['PUT', 'PATCH', 'DELETE'];

/**
 * HTTP methods whose requests a victim's browser sends without a body: a link, a redirect, a frame
 * or a form with `method="get"` (its fields go into the query string), and `fetch` refuses a body
 * for them. On a route that answers only these, the request body is nothing another site can make
 * the victim's browser send, so a body field is no source of reflected XSS or of an open redirect
 * (it stays a source of every server-side kind: an attacker sends his own GET with a body).
 */
export const bodilessMethods: readonly string[] = ['GET', 'HEAD'];

/** The input locations a request of those methods does not carry: the body and its uploaded files. */
export const bodilessLocations: readonly InputLocation[] = ['body', 'file'];

/**
 * Request styles whose "body" input is not the HTTP body on a GET: a tRPC query carries its input
 * in the `input` query parameter, a GraphQL query over GET its arguments in the query string. Their
 * body input stays a reflected-XSS and open-redirect source on every method.
 */
export const urlCarriedBodyStyles: readonly RequestStyle[] = ['trpc', 'graphql', 'graphql-root', 'graphql-decorated', 'next-action', 'callable', 'callable-v1'];

/**
 * Packages that let a POST (a form of another site) pass for another method (`_method=DELETE` in
 * the body or query): with one of them in the project or the file, every method is navigable.
 */
export const methodOverridePackages: readonly string[] = [
  'method-override',
  'koa-methodoverride',
  'fastify-method-override',
  '@nest-middlewares/method-override',
  '@remix-run/method-override-middleware',
];

/**
 * Members of a request that hold the HTTP method (Express `req.method`, Koa `ctx.method` and
 * `ctx.request.method`, Fastify `request.raw.method`). A function that writes one from a field of
 * request input, or a middleware that writes one on a test of request input, overrides the method
 * by hand as `methodOverridePackages` do: then no route's method says which requests a browser's
 * navigation sends it.
 */
export const requestMethodMembers: readonly string[] = ['method', 'request.method', 'raw.method', 'req.method'];

/**
 * Where a browser's navigation puts what a link of another site chose: the URL's path and query.
 * A function that fills a request's body from one of these (`req.body = { ...req.query, ...req.body }`,
 * `Object.assign(req.body, req.query)`) makes the body of a GET carry the link's text: its body stays
 * a source of reflected XSS and open redirects on GET-only routes (see `bodilessMethods`).
 */
export const urlCarriedLocations: readonly InputLocation[] = ['query', 'path', 'url'];

/**
 * Inputs that hold the path of the request's own URL, by style: the request target a browser
 * sends, which starts with `/`. After a fixed origin or the request's own host they only choose a
 * path on that site (`'https://' + req.hostname + req.originalUrl`); alone they still decide the
 * target, since `//evil.example` is a valid request path. Not Hono's `c.req.url`, Fetch's
 * `request.url` or Hapi's `request.url`: those are whole URLs.
 */
export const ownPathInputs: Partial<Record<RequestStyle, readonly string[]>> = {
  express: ['url', 'originalUrl', 'path'],
  koa: ['url', 'path', 'request.url'],
  'node-http': ['url'],
  fastify: ['url', 'raw.url'],
  hapi: ['path'],
  hono: ['req.path'],
  'next-app': ['nextUrl.pathname'],
  'next-page': ['resolvedUrl', 'asPath', 'req.url'],
  lambda: ['path', 'rawPath'],
  h3: ['path', 'node.req.url'],
  sveltekit: ['url.pathname'],
};

/**
 * Reads of the request's own URL as the client sent it, not percent-decoded, by style: Express's
 * `req.url`, `req.originalUrl` and `req.path` (`parseurl`'s pathname), Koa's `ctx.url` and
 * `ctx.path`, Node's `req.url`, Fastify's `request.url`. A browser encodes what it sends by the URL
 * standard: the path and the query never hold a raw `"`, `<`, `>`, space or backtick (they are
 * `%22`, `%3C`, …), and a link, a redirect or a form cannot make it send them. Such text written
 * into a double-quoted attribute value cannot close the attribute, so it runs no script there (see
 * `no-reflected-xss`); a single-quoted attribute, an unquoted one, a script or an event handler
 * attribute still can be broken (a path keeps `'`). Not Hono's `c.req.path`, which Hono decodes,
 * nor a platform's path (API Gateway gives it decoded).
 */
export const undecodedUrlInputs: Partial<Record<RequestStyle, readonly string[]>> = {
  express: ['url', 'originalUrl', 'path'],
  koa: ['url', 'path', 'request.url'],
  'node-http': ['url'],
  fastify: ['url', 'raw.url'],
};

/** Calls that percent-decode text: written back into the request's URL, its reads no longer hold what the browser encoded. */
export const urlDecoders: readonly string[] = ['decodeURIComponent', 'decodeURI', 'unescape', 'querystring.unescape', 'qs.unescape'];

/**
 * Validation a route declares, which the framework runs before the handler: the option holding it
 * and where each of its keys validates. Fastify's route `schema` (JSON Schema; its Ajv coerces query
 * and path values) and Hapi's `options.validate` (Joi; converts by default).
 */
export const declaredValidation = {
  fastify: { option: 'schema', format: 'json-schema', keys: { querystring: 'query', query: 'query', params: 'path', body: 'body', headers: 'header' } },
  hapi: { option: 'validate', format: 'joi', keys: { query: 'query', params: 'path', payload: 'body', headers: 'header' } },
} as const satisfies Record<string, { option: string; format: 'json-schema' | 'joi'; keys: Readonly<Record<string, InputLocation>> }>;

/**
 * TypeBox (`Type.Object({ id: Type.Integer() })`), whose builders return JSON Schema that Fastify's
 * Ajv checks like a schema written out: the modules exporting `Type`, the builders whose values
 * carry no text (numbers, booleans, literals, enums), and the wrappers whose value is their
 * argument's (`Type.Optional(Type.Literal('a'))`). `Type.String(options)` is judged by its
 * options as a written `{ type: 'string', ... }` is; `Type.Union([...])` by all its members.
 */
export const typeboxSchemas = {
  modules: ['@sinclair/typebox', 'typebox', '@fastify/type-provider-typebox'],
  safe: ['Integer', 'Number', 'Boolean', 'Null', 'BigInt', 'Date', 'Literal', 'Enum'],
  wrappers: ['Optional', 'Readonly', 'ReadonlyOptional', 'Required'],
  string: 'String',
  union: 'Union',
  object: 'Object',
} as const;

/**
 * For styles whose declared validation covers only some inputs: the inputs it covers. tRPC's
 * `.input(schema)` parses `input`; `rawInput`, `getRawInput()` and `ctx.req` stay what the client sent.
 * Styles not listed apply their declared validation to every input at its location.
 */
export const schemaValidatedInputs: Partial<Record<RequestStyle, readonly string[]>> = {
  trpc: ['input'],
  // A validator middleware's schema covers what `c.req.valid()` returns, not `c.req.json()` read again.
  hono: ['req.valid()'],
  // A Sails action's `inputs` declaration covers the argument of its `fn`, not `this.req` read again.
  'sails-action': [''],
};
