import type { GlobalSinkModel, ResponseSinkModel, ReturnedBodySinkModel, ReturnedResponseSinkModel, SinkModel } from '../taint-types.js';

/**
 * Response methods that send text as the body. `html` says when the body is read as HTML:
 * `always` (Hono `c.html`), `default` (unless an earlier non-HTML `Content-Type` is set; Express
 * `res.send(string)`, raw `res.end` bodies that browsers sniff) or `declared` (only after an HTML
 * `Content-Type`, e.g. Fastify, whose strings default to `text/plain`).
 */
export const htmlResponseSinks = [
  { kind: 'xss', library: 'express', styles: ['express', 'nest'], methods: ['send'], argument: 0, mode: 'html', html: 'default' },
  { kind: 'xss', library: 'http', styles: ['express', 'nest', 'node-http', 'next-pages', 'next-page'], methods: ['write', 'end'], argument: 0, mode: 'html', html: 'default' },
  { kind: 'xss', library: 'next', styles: ['next-pages'], methods: ['send'], argument: 0, mode: 'html', html: 'declared' },
  { kind: 'xss', library: 'fastify', styles: ['fastify'], methods: ['send'], argument: 0, mode: 'html', html: 'declared' },
  { kind: 'xss', library: 'hono', styles: ['hono'], methods: ['html'], argument: 0, mode: 'html', html: 'always' },
  { kind: 'xss', library: 'hono', styles: ['hono'], methods: ['body'], argument: 0, mode: 'html', html: 'declared' },
  // Hapi sends a string as `text/html` and an object or array as JSON; `h.response(value)` is how a
  // handler sends JSON with a status or header, so a value of unknown type is not read (`textOnly`).
  { kind: 'xss', library: 'hapi', styles: ['hapi'], methods: ['response'], argument: 0, mode: 'html', html: 'default', textOnly: true },
] as const satisfies readonly ResponseSinkModel[];

/** `new NextResponse(body, init)`: HTML only when `init.headers` declares it. */
export const htmlSinks = [
  { kind: 'xss', library: 'next', module: 'next/server', path: 'Member[NextResponse].Instance.Argument[0]', mode: 'html' },
] as const satisfies readonly SinkModel[];

/** `new Response(body, init)`: HTML only when `init.headers` declares it. */
export const htmlGlobalSinks = [
  { kind: 'xss', library: 'Response', name: 'Response', argument: 0, mode: 'html', construct: 'only' },
] as const satisfies readonly GlobalSinkModel[];

/**
 * JSX attributes whose value is an object of which one property is written into the page as
 * markup, unescaped: React's `dangerouslySetInnerHTML={{ __html: html }}`. Text children
 * (`<p>{text}</p>`) and other attributes are escaped by React and are no sink.
 */
export const htmlJsxAttributes = [{ kind: 'xss', library: 'react', attribute: 'dangerouslySetInnerHTML', property: '__html', mode: 'html' }] as const;

/** Koa: assigning a string to `ctx.body` (HTML when it starts with `<`, which a client can choose). */
export const htmlBodyProperties = { koa: ['body'] } as const;

/**
 * The `body` of a response object a serverless handler returns, read as HTML only when its
 * `headers` declare an HTML `Content-Type` (API Gateway sends no type of its own otherwise).
 */
export const htmlReturnedSinks = [
  { kind: 'xss', library: 'lambda', styles: ['lambda'], mode: 'html', property: 'body', headers: ['headers', 'multiValueHeaders'], html: 'declared' },
  // Azure Functions v4 handlers return an `HttpResponseInit` (`{ status, headers, body, jsonBody }`);
  // a string `body` is sent as `text/plain` unless `headers` say otherwise. Other web-standard
  // handlers (Vercel, Netlify v2) must return a `Response`, so a plain object never answers there.
  { kind: 'xss', library: 'azure-functions', styles: ['fetch'], mode: 'html', property: 'body', headers: ['headers'], html: 'declared' },
] as const satisfies readonly ReturnedResponseSinkModel[];

/**
 * The value a handler returns, sent as the body. Nest's `@Header('Content-Type', 'text/html')` on
 * the method, or Fastify's `reply.type('text/html')` / `reply.header('content-type', …)` before the
 * return, make it a page. Without such a declaration the value is not reported: Fastify sends a
 * returned string as `text/plain` and an object as JSON, Nest sends objects as JSON (a plain string
 * on the Express platform goes through `res.send`, HTML by default, a gap kept for precision).
 * h3 (Nitro, Nuxt) reads the type its header utilities declare on the event.
 */
export const htmlReturnedBodySinks = [
  { kind: 'xss', library: 'nest', styles: ['nest'], mode: 'html', declared: 'decorator', decorators: ['Header'] },
  { kind: 'xss', library: 'fastify', styles: ['fastify'], mode: 'html', declared: 'response' },
  // h3 sends a returned string as `text/html` unless told otherwise; only a declared type is read
  // here (`setResponseHeader(event, 'content-type', 'text/html')`, see `h3HeaderSetters`), as for Fastify.
  { kind: 'xss', library: 'h3', styles: ['h3'], mode: 'html', declared: 'response' },
] as const satisfies readonly ReturnedBodySinkModel[];
