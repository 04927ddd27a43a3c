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
  | 'node-http'
  | 'nest';

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
    inputs: ['body', 'query', 'params', 'headers', 'cookies', 'signedCookies', 'get()', 'header()', 'param()', 'url', 'originalUrl', 'path', 'hostname', 'files', 'file'],
    principal: ['user', 'auth', 'session.user', 'session.userId', 'isAuthenticated()'],
  },
  'next-pages': {
    param: 0,
    inputs: ['body', 'query', 'headers', 'cookies', 'url'],
    principal: [],
  },
  'node-http': {
    param: 0,
    inputs: ['url', 'headers'],
    principal: [],
  },
  koa: {
    param: 0,
    inputs: ['request.body', 'request.query', 'request.headers', 'request.url', 'params', 'query', 'querystring', 'headers', 'header', 'url', 'path', 'get()', 'cookies.get()', 'request.files', 'request.get()'],
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
    inputs: ['req.query()', 'req.queries()', 'req.param()', 'req.json()', 'req.text()', 'req.formData()', 'req.parseBody()', 'req.header()', 'req.url', 'req.path', 'req.raw'],
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
} as const satisfies Record<RequestStyle, RequestInputModel>;

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
