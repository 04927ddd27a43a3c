import type { GlobalSinkModel, ResponseSinkModel, ReturnedBodySinkModel, ReturnedResponseSinkModel, SinkModel } from '../taint-types.js';

const EXPRESS_LIKE = ['express', 'nest', 'next-pages'];
/** Styles whose response is a Node `ServerResponse` (Express's extends it; a Next.js page's context holds one as `res`). */
const NODE_RESPONSES = ['express', 'nest', 'next-pages', 'next-page', 'node-http', 'fastify', 'koa'];

/**
 * Response methods that send the client to a URL, and the `Location` header. The header (and
 * Express's `res.location`, which only sets it) redirects only with a 3xx status: `201 Created`
 * and `202 Accepted` carry it to name a resource, and browsers do not follow it there.
 */
export const redirectResponseSinks = [
  { kind: 'redirect', library: 'express', styles: EXPRESS_LIKE, methods: ['redirect'], argument: 'any', mode: 'url' },
  { kind: 'redirect', library: 'express', styles: ['express', 'nest'], methods: ['location'], argument: 0, mode: 'url', redirectStatusOnly: true },
  { kind: 'redirect', library: 'koa', styles: ['koa'], methods: ['redirect'], argument: 0, mode: 'url' },
  { kind: 'redirect', library: 'fastify', styles: ['fastify'], methods: ['redirect'], argument: 'any', mode: 'url' },
  { kind: 'redirect', library: 'hono', styles: ['hono'], methods: ['redirect'], argument: 0, mode: 'url' },
  { kind: 'redirect', library: 'hapi', styles: ['hapi'], methods: ['redirect'], argument: 0, mode: 'url' },
  // The response `h.response()` creates: `.header('Location', url)`, and `.location(url)`, which only sets it.
  { kind: 'redirect', library: 'hapi', styles: ['hapi'], methods: ['header'], argument: 1, mode: 'url', header: 'location', redirectStatusOnly: true },
  { kind: 'redirect', library: 'hapi', styles: ['hapi'], methods: ['location'], argument: 0, mode: 'url', redirectStatusOnly: true },
  { kind: 'redirect', library: 'http', styles: NODE_RESPONSES, methods: ['setHeader', 'set', 'header', 'append'], argument: 1, mode: 'url', header: 'location', redirectStatusOnly: true },
  { kind: 'redirect', library: 'hono', styles: ['hono'], methods: ['header'], argument: 1, mode: 'url', header: 'location', redirectStatusOnly: true },
  { kind: 'redirect', library: 'http', styles: NODE_RESPONSES, methods: ['set', 'header', 'headers'], argument: 0, mode: 'url', header: 'location', headersObject: true, redirectStatusOnly: true },
  { kind: 'redirect', library: 'http', styles: NODE_RESPONSES, methods: ['writeHead'], argument: 'any', mode: 'url', header: 'location', headersObject: true, redirectStatusOnly: true },
] as const satisfies readonly ResponseSinkModel[];

/**
 * How a handler gives its response a status: methods whose first argument is the status
 * (`res.status(201)`, `reply.code(201)`, `res.writeHead(201, …)`), properties assigned it
 * (`res.statusCode = 201`, Koa's `ctx.status = 201` and `ctx.response.status`), and methods that
 * redirect themselves (a 3xx whatever their arguments).
 */
export const responseStatusSetters = {
  methods: ['status', 'code', 'sendStatus', 'writeHead'],
  properties: ['statusCode', 'status'],
  redirects: ['redirect'],
} as const;

/** Next.js helpers that redirect to a URL. */
export const redirectSinks = [
  { kind: 'redirect', library: 'next', module: ['next/server', 'next/dist/server/web/spec-extension/response'], path: 'Member[NextResponse].Member[redirect].Argument[0]', mode: 'url' },
  // `new NextResponse(null, { status: 307, headers: { Location: url } })`, as `new Response` below.
  { kind: 'redirect', library: 'next', module: ['next/server', 'next/dist/server/web/spec-extension/response'], path: 'Member[NextResponse].Instance.Argument[1]', mode: 'url', header: 'location', redirectStatus: 'status' },
  { kind: 'redirect', library: 'next', module: ['next/navigation', 'next/dist/client/components/navigation'], path: 'Member[redirect,permanentRedirect].Argument[0]', mode: 'url' },
  // h3 (Nitro, Nuxt): `sendRedirect(event, url, code)`.
  { kind: 'redirect', library: 'h3', module: ['h3', 'nitropack/runtime', '#imports'], path: 'Member[sendRedirect].Argument[1]', mode: 'url' },
  // SvelteKit: `throw redirect(303, location)` (status first).
  { kind: 'redirect', library: 'sveltekit', module: '@sveltejs/kit', path: 'Member[redirect].Argument[1]', mode: 'url' },
  // Remix and React Router v7: `redirect(url, init)`, `redirectDocument(url)`, `replace(url)`.
  {
    kind: 'redirect',
    library: 'remix',
    module: ['@remix-run/node', '@remix-run/cloudflare', '@remix-run/deno', '@remix-run/server-runtime', 'react-router', '@react-router/node', '@react-router/cloudflare'],
    path: 'Member[redirect,redirectDocument,replace].Argument[0]',
    mode: 'url',
  },
] as const satisfies readonly SinkModel[];

/**
 * `Response.redirect(url)` of the Fetch API (Next.js app routes, Hono, edge runtimes), and the
 * `Location` header of a `new Response(body, { status: 302, headers: { Location: url } })`; not
 * with a status outside 3xx (`201 Created` names a resource with it).
 */
export const redirectGlobalSinks = [
  { kind: 'redirect', library: 'Response', name: 'Response.redirect', argument: 0, mode: 'url' },
  { kind: 'redirect', library: 'Response', name: 'Response', argument: 1, mode: 'url', construct: 'only', header: 'location', redirectStatus: 'status' },
  // h3's `sendRedirect` as Nitro and Nuxt provide it without an import.
  { kind: 'redirect', library: 'h3', name: 'sendRedirect', argument: 1, mode: 'url' },
] as const satisfies readonly GlobalSinkModel[];

/**
 * The `Location` header of a response object a serverless handler returns (API Gateway proxy
 * integration, also `multiValueHeaders`, whose values are lists): `return { statusCode: 302,
 * headers: { Location: next } }`; not with a `statusCode` outside 3xx (`201` names a resource).
 */
export const redirectReturnedSinks = [
  { kind: 'redirect', library: 'lambda', styles: ['lambda'], mode: 'url', headers: ['headers', 'multiValueHeaders'], header: 'location', redirectStatus: 'statusCode' },
  // Azure Functions v4: `return { status: 302, headers: { Location: next } }` (an `HttpResponseInit`).
  { kind: 'redirect', library: 'azure-functions', styles: ['fetch'], mode: 'url', headers: ['headers'], header: 'location', redirectStatus: 'status' },
  // A Next.js page's `getServerSideProps` (or `getInitialProps`): `return { redirect: { destination, permanent } }`.
  { kind: 'redirect', library: 'next', styles: ['next-page'], mode: 'url', nested: ['redirect', 'destination'] },
] as const satisfies readonly ReturnedResponseSinkModel[];

/**
 * The value a controller method decorated with `@Redirect(url)` returns, which replaces the
 * decorator's URL: a returned string in routing-controllers (an object fills the URL's `:name`
 * placeholders instead), the returned object's `url` in NestJS.
 */
export const redirectReturnedBodySinks = [
  { kind: 'redirect', library: 'routing-controllers', styles: ['nest'], mode: 'url', declared: 'decorator', decorators: ['Redirect'], redirect: { modules: ['routing-controllers'], returned: 'value' } },
  { kind: 'redirect', library: 'nest', styles: ['nest'], mode: 'url', declared: 'decorator', decorators: ['Redirect'], redirect: { modules: ['@nestjs/common'], returned: 'url-property' } },
] as const satisfies readonly ReturnedBodySinkModel[];
