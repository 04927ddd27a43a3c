import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { RequestStyle } from '../../models/frameworks/request-inputs.js';
import { findVariable, type FunctionNode, importSource, isConstantBinding, propertyName, unwrap, scopeOf } from '../../utils/ast.js';
import { getRoutes } from '../routes/index.js';
import type { RouteHandler } from '../routes/types.js';
import { joiPayload } from './joi-payload.js';

/** A function that receives a request, with the parameters the exposure analysis reads. */
export interface ExposureHandler {
  fn: FunctionNode;
  style: RequestStyle;
  /** A NestJS controller method (its return value is the response). */
  nest: boolean;
  /** Fastify serializes the response through a declared `schema.response`, dropping other fields. */
  responseSchema: boolean;
  /**
   * The properties a Fastify `schema.body` closed with `additionalProperties: false` lists: only
   * these reach the handler. Null when the route declares no such schema.
   */
  bodyFields?: readonly string[] | null;
  /**
   * The route validates the body with a schema out of view (a Hapi `validate.payload` of another
   * package): whether it bounds the fields is unknown.
   */
  bodySchemaUnknown?: true;
  /** A resolver of a resolver map: what the schema in view declares an argument to be (see `RouteHandler.graphqlArgument`). */
  graphqlArgument?: RouteHandler['graphqlArgument'];
  /** A resolver of a resolver map: the input type the schema in view declares an argument with (see `RouteHandler.graphqlInput`). */
  graphqlInput?: RouteHandler['graphqlInput'];
}

const cache = new WeakMap<TSESTree.Program, ExposureHandler[]>();

/** Handlers of the file from the route model (NestJS controller methods included). */
export function exposureHandlers(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ExposureHandler[] {
  const program = context.sourceCode.ast;
  const cached = cache.get(program);
  if (cached) return cached;
  const handlers: ExposureHandler[] = [];
  const seen = new Set<TSESTree.Node>();
  const schemas = new Set<FunctionNode>();
  const bodies = new Map<FunctionNode, readonly string[]>();
  const unknownBodies = new Set<FunctionNode>();
  for (const route of getRoutes(context).routes) {
    // Hapi's `options.validate.payload`: Joi refuses keys an object schema does not list.
    const payload = route.framework === 'hapi' && route.handler?.validation?.format === 'joi' ? route.handler.validation.schemas.body : undefined;
    if (payload && route.handler?.fn) {
      const read = joiPayload(payload, (node) => scopeOf(context.sourceCode, node));
      if (read.kind === 'closed') bodies.set(route.handler.fn, read.fields);
      else if (read.kind === 'unknown') unknownBodies.add(route.handler.fn);
    }
    // A tRPC `.input(z.object({...}))` strips the keys it does not declare before the resolver runs.
    const declared = route.handler?.validation?.format === 'zod' ? route.handler.validation.schemas.body : undefined;
    if (route.framework === 'trpc' && route.handler?.fn && declared) {
      const fields = strippingObjectFields(declared, context.sourceCode);
      if (fields) bodies.set(route.handler.fn, fields);
    }
    if (route.framework !== 'fastify' || !route.handler?.fn) continue;
    if (hasResponseSchema(route.handler.node, context.sourceCode)) schemas.add(route.handler.fn);
    const fields = closedBodyFields(route.handler.node, context.sourceCode);
    if (fields) bodies.set(route.handler.fn, fields);
  }
  const add = (fn: FunctionNode, style: RequestStyle, nest: boolean, graphql?: Pick<RouteHandler, 'graphqlArgument' | 'graphqlInput'>): void => {
    if (seen.has(fn)) return;
    seen.add(fn);
    handlers.push({
      fn,
      style,
      nest,
      responseSchema: schemas.has(fn),
      bodyFields: bodies.get(fn) ?? null,
      ...(unknownBodies.has(fn) ? { bodySchemaUnknown: true as const } : {}),
      ...(graphql?.graphqlArgument ? { graphqlArgument: graphql.graphqlArgument } : {}),
      ...(graphql?.graphqlInput ? { graphqlInput: graphql.graphqlInput } : {}),
    });
  };
  // The route model's handlers: registered routes, middleware and hooks, and handler-shaped
  // functions whose registration is not in view (the one handler recognizer, routes/handlers.ts).
  for (const handler of getRoutes(context).handlers) {
    if (handler.fn) add(handler.fn, handler.style, handler.style === 'nest', handler);
  }
  cache.set(program, handlers);
  return handlers;
}

/**
 * Whether the Fastify route a handler is registered with declares `schema.response`: in an
 * options argument (`app.get(path, { schema }, handler)`) or the `route({ ..., handler })` object.
 */
function hasResponseSchema(handlerNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return routeOptions(handlerNode, sourceCode).some((options) => {
    const schema = objectOf(propertyValue(options, 'schema'), sourceCode);
    const response = schema ? objectOf(propertyValue(schema, 'response'), sourceCode) : null;
    // Only a success schema filters what the handler sends.
    return response?.properties.some((property) => property.type === AST_NODE_TYPES.Property && /^(?:2\d\d|2xx|default)$/iu.test(propertyName(property.key) ?? '')) === true;
  });
}

/** The options objects of the Fastify route a handler is registered with (`app.put(path, { schema }, handler)`, `route({ ... })`). */
function routeOptions(handlerNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression[] {
  let current: TSESTree.Node = handlerNode;
  if (current.parent?.type === AST_NODE_TYPES.Property && current.parent.value === current) current = current.parent.parent;
  const call = current.parent;
  const candidates: TSESTree.Node[] = current.type === AST_NODE_TYPES.ObjectExpression ? [current] : [];
  if (call?.type === AST_NODE_TYPES.CallExpression) candidates.push(...call.arguments);
  return candidates.flatMap((candidate) => objectOf(candidate, sourceCode) ?? []);
}

/**
 * The properties of the route's `schema.body` when it is closed with `additionalProperties: false`:
 * Fastify's default Ajv options include `removeAdditional: true`, so the body the handler gets
 * holds only the listed properties (and with `removeAdditional` turned off, Ajv rejects the
 * request instead). A JSON Schema object literal, or TypeBox `Type.Object({...}, { additionalProperties: false })`.
 */
function closedBodyFields(handlerNode: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): readonly string[] | null {
  for (const options of routeOptions(handlerNode, sourceCode)) {
    const schema = objectOf(propertyValue(options, 'schema'), sourceCode);
    const body = schema ? propertyValue(schema, 'body') : null;
    if (!body) continue;
    let properties: TSESTree.ObjectExpression | null = null;
    let settings: TSESTree.ObjectExpression | null = null;
    const literal = objectOf(body, sourceCode);
    const call = literal ? null : callOf(body, sourceCode);
    if (literal) {
      properties = objectOf(propertyValue(literal, 'properties'), sourceCode);
      settings = literal;
    } else if (call && call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee.property) === 'Object') {
      const [shape, extra] = call.arguments;
      properties = shape ? objectOf(shape, sourceCode) : null;
      settings = extra ? objectOf(extra, sourceCode) : null;
    }
    const closed = settings ? propertyValue(settings, 'additionalProperties') : null;
    if (!properties || closed?.type !== AST_NODE_TYPES.Literal || closed.value !== false) return null;
    const fields: string[] = [];
    for (const property of properties.properties) {
      const name = property.type === AST_NODE_TYPES.Property && !property.computed ? propertyName(property.key) : null;
      if (name === null) return null;
      fields.push(name);
    }
    return fields;
  }
  return null;
}

/** Schema methods that keep an object schema's output to its declared keys. */
const KEEPS_KEYS = new Set(['object', 'strictObject', 'strict', 'strip', 'describe', 'refine', 'superRefine', 'readonly']);

/**
 * The keys a zod object schema declares (`z.object({ name: z.string() })`, maybe `.strict()`):
 * parsing drops every other key. Null for anything else: a schema that keeps unknown keys
 * (`.passthrough()`, `.catchall()`), transforms its output, or is not an object literal of zod.
 */
function strippingObjectFields(schema: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): readonly string[] | null {
  let call = callOf(schema, sourceCode);
  for (let steps = 0; call && steps < 16; steps++) {
    const callee = unwrap(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    if (method === null || !KEEPS_KEYS.has(method)) return null;
    if (method === 'object' || method === 'strictObject') {
      const root = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
      const source = root.type === AST_NODE_TYPES.Identifier ? importSource(scopeOf(sourceCode, root), root.name) : null;
      if (!source || !/^zod(?:\/|$)/u.test(source.module)) return null;
      const shape = call.arguments[0] ? objectOf(call.arguments[0], sourceCode) : null;
      if (!shape) return null;
      const fields: string[] = [];
      for (const property of shape.properties) {
        const name = property.type === AST_NODE_TYPES.Property && !property.computed ? propertyName(property.key) : null;
        if (name === null) return null;
        fields.push(name);
      }
      return fields;
    }
    const object = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
    call = object?.type === AST_NODE_TYPES.CallExpression ? object : null;
  }
  return null;
}

/**
 * A call, or a `const` bound to one (`const Body = Type.Object(...)`, which often shares its name
 * with `type Body = Static<typeof Body>`: the value's definition is read).
 */
function callOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.CallExpression) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(sourceCode, target), target.name);
  const definition = variable?.defs.find((candidate) => candidate.type === 'Variable');
  if (!variable || !isConstantBinding(variable) || definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
  const init = unwrap(definition.node.init);
  return init.type === AST_NODE_TYPES.CallExpression ? init : null;
}

function propertyValue(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === name) return property.value;
  }
  return null;
}

/** An object literal, or a `const` bound to one. */
function objectOf(node: TSESTree.Node | null, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | null {
  if (!node) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(sourceCode, target), target.name);
  const definition = variable?.defs.find((candidate) => candidate.type === 'Variable');
  if (!variable || !isConstantBinding(variable) || definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
  const init = unwrap(definition.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? init : null;
}
