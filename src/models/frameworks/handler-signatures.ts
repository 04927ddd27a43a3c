import type { RequestStyle } from './request-inputs.js';

/**
 * How a handler's parameters say which framework calls it. The one handler recognizer
 * (`analysis/routes/handlers.ts`) reads these tables; a name or type listed here is the only
 * evidence it uses, together with the modules the file imports.
 */

/** Conventional parameter names, by role. Leading underscores (`_req`) are allowed. */
export const parameterNames = {
  request: /^_*(?:req|request)$/u,
  response: /^_*(?:res|response)$/u,
  reply: /^_*reply$/u,
  /** Express's `next`; a Sails policy's `proceed`. */
  next: /^_*(?:next|proceed)$/u,
  /** Koa's context, and the first parameter of Azure Functions v3 (`(context, req)`). */
  context: /^_*(?:ctx|context)$/u,
  /** Hono's context. */
  honoContext: /^_*c$/u,
  /** Hapi's response toolkit. */
  hapiToolkit: /^h$/u,
  /** A serverless event: only in the exported handler of a lambda-shaped module. */
  event: /^_*(?:event|evt)$/u,
} as const;

/**
 * Parameter types that decide the style by themselves: `(req: FastifyRequest)`,
 * `(event: APIGatewayProxyEvent)`. Keyed by the last segment of the type name.
 */
export const requestTypeStyles: Readonly<Record<string, RequestStyle>> = {
  FastifyRequest: 'fastify',
  FastifyReply: 'fastify',
  IncomingMessage: 'node-http',
  ServerResponse: 'node-http',
  NextApiRequest: 'next-pages',
  NextApiResponse: 'next-pages',
  ResponseToolkit: 'hapi',
  APIGatewayProxyEvent: 'lambda',
  APIGatewayProxyEventV2: 'lambda',
  APIGatewayProxyWithCognitoAuthorizerEvent: 'lambda',
  ALBEvent: 'lambda',
  LambdaFunctionURLEvent: 'lambda',
  HandlerEvent: 'lambda',
  HttpRequest: 'fetch',
};

/** Context types whose style depends on the module they come from. */
export const contextTypes: readonly string[] = ['Context', 'ParameterizedContext', 'RouterContext', 'DefaultContext', 'ExtendableContext'];

/** Modules by framework, for deciding between styles that share parameter names. */
export const frameworkModules = {
  express: ['express', 'express-serve-static-core'],
  koa: ['koa', '@koa/router', 'koa-router'],
  hono: ['hono'],
  hapi: ['@hapi/hapi', 'hapi'],
  fastify: ['fastify'],
  nodeHttp: ['http', 'https', 'node:http', 'node:https'],
  azure: ['@azure/functions'],
  netlify: ['@netlify/functions'],
  lambdaTypes: ['aws-lambda', '@types/aws-lambda'],
} as const;

/** Methods through which a `@koa/router` router gives its middleware to `app.use(…)`. */
export const koaRouterMiddlewareMethods: readonly string[] = ['routes', 'allowedMethods'];

/**
 * Names under which a module exports its serverless handler: `export const handler = …`,
 * `exports.handler = …`, `module.exports.main = …`. A default export counts as well.
 */
export const serverlessExportNames: readonly string[] = ['handler', 'main', 'lambdaHandler', 'lambda_handler'];

/**
 * Members only an HTTP gateway's event has (API Gateway REST and HTTP APIs, function URLs, ALB):
 * an exported function of an `event` that reads one is an HTTP function under any export name.
 */
export const gatewayEventMembers: readonly string[] = [
  'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'multiValueHeaders',
  'requestContext', 'httpMethod', 'rawPath', 'rawQueryString', 'routeKey', 'isBase64Encoded', 'stageVariables',
];

/**
 * Methods that configure a wrapped handler and return the wrapper itself, so a chain of them is
 * still that handler: middy's `middy(handler).use(auth()).before(log)`.
 */
export const handlerWrapperChainMethods: readonly string[] = ['use', 'before', 'after', 'onError'];

/**
 * Keys of the one object a project wrapper hands its handler (`withAuth(async ({ req, params }) => …)`):
 * destructuring one of them marks the function as a wrapped handler.
 */
export const wrappedHandlerKeys: readonly string[] = ['req', 'request'];

/**
 * The key under which a route options object holds its handler (Hapi `{ auth, validate, handler }`,
 * Fastify `{ schema, handler }`): such an object exported from a handlers module and registered by
 * another file's route (`options: ops.restart`) is that route's handler.
 */
export const routeOptionsHandlerKey = 'handler';

/**
 * Express's parameter callbacks: `router.param('id', (req, res, next, id) => …)` runs before every
 * route whose path has `:id`, with the request and, as parameter `valueParameter`, the raw value of
 * that path segment (`req.params.id`). Recognised by the method and the four parameters, the first
 * two named as a request and a response.
 */
export const parameterCallbacks = { method: 'param', valueParameter: 3, style: 'express' } as const;
