import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  MAX_RESOLVER_IMPORTERS,
  fieldResolverKeys,
  graphqlRootTypes,
  graphqlServerModules,
  resolverClassDecorators,
  resolverMergeFunctions,
  resolverOptions,
} from '../../../models/frameworks/graphql.js';
import type { RequestStyle } from '../../../models/frameworks/request-inputs.js';
import { dottedName, importSource, isFunction, nodesOfType, propertyName, resolveFunction, unwrap, type FunctionNode } from '../../../utils/ast.js';
import { projectIndexOf } from '../../project/index.js';
import type { ProjectModule } from '../../project/parse.js';
import type { ExtractContext, FrameworkExtractor, RouteHandler } from '../types.js';
import { argumentShape, emptySdl, parseSdl, type SdlSchema } from './graphql-sdl.js';
import { compiledDecoratorsOf, decoratorSource } from './compiled-decorators.js';
import { constantValue, exportedValues, importsAny, moduleExtractContext } from './shared-ast.js';
import fs from 'node:fs';
import path from 'node:path';

/*
 * GraphQL resolvers as handlers. A resolver receives the client's field arguments (`args`) and a
 * context carrying the HTTP request, so it is a taint and mass-assignment scope like any route
 * handler; it is not a route (no path, and who may call a field is a GraphQL-level question), so
 * this extractor returns handlers only.
 *
 * Evidence that an object is a resolver map, any one of:
 * - it reaches the `resolvers` (or graphql-js `rootValue`) option of a call of a GraphQL package
 *   (`new ApolloServer({ resolvers })`, `createSchema`, `makeExecutableSchema`,
 *   `app.register(mercurius, { resolvers })`, `graphqlHTTP({ rootValue })`), directly, through
 *   constants, arrays, spreads and merges;
 * - it has a `Query`, `Mutation` or `Subscription` key holding an object, in a file that imports a
 *   GraphQL package;
 * - it has such a key, is exported, and a file importing it (or a barrel re-exporting it, two
 *   levels at most) hands it to such a call.
 * An object literal named `resolvers` with none of these is not one.
 *
 * Resolver classes: NestJS (`@nestjs/graphql`) and TypeGraphQL (`type-graphql`) classes decorated
 * `@Resolver()`, whose `@Query`/`@Mutation`/`@Subscription`/`@ResolveField`/`@FieldResolver`
 * methods receive input through decorated parameters (see `graphqlInputOf`).
 */

type MapKind = (typeof resolverOptions)[keyof typeof resolverOptions];

/** Values followed through constants, arrays, spreads and merges. */
const MAX_DEPTH = 6;

export function isGraphqlModule(module: string): boolean {
  return graphqlServerModules.some((candidate) => module === candidate || module.startsWith(`${candidate}/`));
}

export const graphqlExtractor: FrameworkExtractor = {
  framework: 'graphql',
  extract(context) {
    const handlers: RouteHandler[] = [];
    const seen = new Set<FunctionNode>();
    const add = (fn: FunctionNode | null, style: RequestStyle, node: TSESTree.Node): void => {
      if (!fn || seen.has(fn) || context.claimed.has(fn)) return;
      seen.add(fn);
      context.claimed.add(fn);
      handlers.push({ node, fn, style });
    };
    const graphqlFile = importsAny(context, isGraphqlModule);
    const maps = new Map<TSESTree.ObjectExpression, MapKind>();
    if (graphqlFile) {
      for (const { value, kind } of installedValues(context)) collectMaps(value, kind, context, maps, 0);
      for (const object of nodesOfType(context.program, AST_NODE_TYPES.ObjectExpression)) {
        if (!maps.has(object) && hasRootTypeKey(object, context)) maps.set(object, 'map');
      }
    } else {
      const exported = exportedRootMaps(context);
      if (exported.length > 0 && installedElsewhere(context)) for (const object of exported) maps.set(object, 'map');
    }
    const schema = lazySchema(context);
    for (const [object, kind] of maps) {
      for (const { fn, node } of resolversOf(object, kind, context)) {
        add(fn, kind === 'root' ? 'graphql-root' : 'graphql', node);
        const handler = handlers[handlers.length - 1];
        const field = resolverField(node, kind);
        if (handler?.fn === fn && field) handler.graphqlArgument = (read) => argumentShape(schema(), field.types, field.name, read);
      }
    }
    if (graphqlFile) {
      for (const { fn, node } of fieldConfigResolvers(context)) add(fn, 'graphql', node);
      for (const method of resolverMethods(context)) add(method, 'graphql-decorated', method);
    }
    return { handlers };
  },
};

// -------------------------------------------------------------------------------------------------
// Resolver maps

/** The values given to the `resolvers` / `rootValue` option of a call of a GraphQL package. */
function installedValues(context: ExtractContext): { value: TSESTree.Node; kind: MapKind }[] {
  const found: { value: TSESTree.Node; kind: MapKind }[] = [];
  const calls = nodesOfType(context.program, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression);
  for (const call of calls) {
    if (!isGraphqlCall(call, context)) continue;
    for (const argument of call.arguments) {
      for (const options of objectsOf(argument, context)) {
        for (const property of options.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
          const key = propertyName(property.key);
          if (key !== null && Object.hasOwn(resolverOptions, key)) found.push({ value: property.value, kind: resolverOptions[key as keyof typeof resolverOptions] });
        }
      }
    }
  }
  return found;
}

/**
 * A call of a GraphQL package (`new ApolloServer(...)`, `createSchema(...)`, `graphqlHTTP(...)`),
 * or one given a GraphQL package as a plugin (`app.register(mercurius, {...})`).
 */
function isGraphqlCall(call: TSESTree.CallExpression | TSESTree.NewExpression, context: ExtractContext): boolean {
  const fromGraphql = (node: TSESTree.Node): boolean => {
    let target = unwrap(node);
    while (target.type === AST_NODE_TYPES.MemberExpression) target = unwrap(target.object);
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const source = importSource(context.scopeOf(target), target.name);
    return source !== null && isGraphqlModule(source.module);
  };
  return fromGraphql(call.callee) || call.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && fromGraphql(argument));
}

/** Object literals an argument is: itself, a constant, or the objects of an array (`buildSubgraphSchema([{ typeDefs, resolvers }])`). */
function objectsOf(node: TSESTree.Node, context: ExtractContext): TSESTree.ObjectExpression[] {
  const target = constantValue(node, context);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return [target];
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    return target.elements.flatMap((element) => {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) return [];
      const inner = constantValue(element, context);
      return inner.type === AST_NODE_TYPES.ObjectExpression ? [inner] : [];
    });
  }
  return [];
}

/** The resolver maps a value installed as `resolvers` holds: literals, constants, arrays, spreads, merges. */
function collectMaps(node: TSESTree.Node, kind: MapKind, context: ExtractContext, maps: Map<TSESTree.ObjectExpression, MapKind>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const target = constantValue(node, context);
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    if (maps.has(target)) return;
    maps.set(target, kind);
    for (const property of target.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) collectMaps(property.argument, kind, context, maps, depth + 1);
    }
    return;
  }
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of target.elements) {
      if (element) collectMaps(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, kind, context, maps, depth + 1);
    }
    return;
  }
  if (target.type === AST_NODE_TYPES.CallExpression && isMerge(target)) {
    for (const argument of target.arguments) collectMaps(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument, kind, context, maps, depth + 1);
  }
}

function isMerge(call: TSESTree.CallExpression): boolean {
  const name = dottedName(call.callee);
  if (name === null) return false;
  return resolverMergeFunctions.includes(name) || resolverMergeFunctions.includes(name.slice(name.lastIndexOf('.') + 1));
}

/** `{ Query: { … } }`: a key naming a root type whose value is an object (inline or a constant). */
function hasRootTypeKey(object: TSESTree.ObjectExpression, context: ExtractContext): boolean {
  return object.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
    if (!graphqlRootTypes.includes(propertyName(property.key) ?? '')) return false;
    return constantValue(property.value, context).type === AST_NODE_TYPES.ObjectExpression;
  });
}

/**
 * The resolvers of a map: under each type key, each field's function (`user: (p, args) => …`,
 * `user(p, args) {…}`, a wrapped or same-file function) or its field config's `resolve` /
 * `subscribe`. In a graphql-js root object the functions are the top-level values.
 */
function resolversOf(object: TSESTree.ObjectExpression, kind: MapKind, context: ExtractContext): { fn: FunctionNode; node: TSESTree.Node }[] {
  const found: { fn: FunctionNode; node: TSESTree.Node }[] = [];
  const fields = (fieldsObject: TSESTree.ObjectExpression): void => {
    for (const property of fieldsObject.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const value = property.value;
      const fn = resolveFunction(value, context.scopeOf(value));
      if (fn) {
        found.push({ fn, node: value });
        continue;
      }
      const config = constantValue(value, context);
      if (config.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const key of fieldResolverKeys) {
        const inner = config.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && propertyName(candidate.key) === key);
        const resolver = inner?.type === AST_NODE_TYPES.Property ? resolveFunction(inner.value, context.scopeOf(inner.value)) : null;
        if (resolver && inner?.type === AST_NODE_TYPES.Property) found.push({ fn: resolver, node: inner.value });
      }
    }
  };
  if (kind === 'root') {
    fields(object);
    return found;
  }
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const type = constantValue(property.value, context);
    if (type.type === AST_NODE_TYPES.ObjectExpression) fields(type);
  }
  return found;
}

/**
 * graphql-js field configs written in a GraphQL file: `{ type: UserType, args: {…}, resolve(parent, args) {…} }`
 * (`new GraphQLObjectType({ fields })`, nexus- and pothos-style builders): an object with a
 * resolver key beside `type` or `args`.
 */
function fieldConfigResolvers(context: ExtractContext): { fn: FunctionNode; node: TSESTree.Node }[] {
  const found: { fn: FunctionNode; node: TSESTree.Node }[] = [];
  for (const object of nodesOfType(context.program, AST_NODE_TYPES.ObjectExpression)) {
    const keys = new Map<string, TSESTree.Property>();
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed) keys.set(propertyName(property.key) ?? '', property);
    }
    if (!keys.has('type') && !keys.has('args')) continue;
    for (const key of fieldResolverKeys) {
      const property = keys.get(key);
      const fn = property ? resolveFunction(property.value, context.scopeOf(property.value)) : null;
      // A field resolver takes the parent first: `resolve(parent, args, context)`.
      if (property && fn && fn.params.length >= 2) found.push({ fn, node: property.value });
    }
  }
  return found;
}

/** Object literals exported by the file (`export const userResolvers = {…}`, `export default {…}`) that name a root type. */
function exportedRootMaps(context: ExtractContext): TSESTree.ObjectExpression[] {
  const found: TSESTree.ObjectExpression[] = [];
  for (const value of exportedValues(context.program)) {
    const target = constantValue(value, context);
    if (target.type === AST_NODE_TYPES.ObjectExpression && !found.includes(target) && hasRootTypeKey(target, context)) found.push(target);
  }
  return found;
}

// -------------------------------------------------------------------------------------------------
// Maps installed in another file

/** What a project file does with the files it imports, for resolver maps. */
interface InstallSummary {
  /** Project files some import of which reaches the `resolvers` of a GraphQL call here. */
  installs: Set<string>;
  /** Project files some import of which this file exports again (a barrel, a merged array). */
  reexports: Set<string>;
}

const summaries = new WeakMap<TSESTree.Program, InstallSummary>();

/**
 * Whether a file importing `file` (directly, or through one barrel that exports what it imports
 * from it) installs one of its imports as resolvers of a GraphQL server. At most
 * `MAX_RESOLVER_IMPORTERS` files are read per question; each importer's summary is cached per parse.
 */
function installedElsewhere(linted: ExtractContext): boolean {
  const file = linted.filename;
  const index = projectIndexOf(file);
  if (!index) return false;
  let budget = MAX_RESOLVER_IMPORTERS;
  const visit = (target: string, depth: number): boolean => {
    for (const importer of index.importersOf(target)) {
      if (budget-- <= 0) return false;
      const module = index.module(importer);
      if (!module) continue;
      const summary = installSummary(module, linted, (specifier) => index.resolve(importer, specifier));
      if (summary.installs.has(target)) return true;
      if (depth < 1 && summary.reexports.has(target) && visit(importer, depth + 1)) return true;
    }
    return false;
  };
  return visit(file, 0);
}

function installSummary(module: ProjectModule, linted: ExtractContext, resolve: (specifier: string) => string | null): InstallSummary {
  const cached = summaries.get(module.program);
  if (cached) return cached;
  const summary: InstallSummary = { installs: new Set(), reexports: new Set() };
  summaries.set(module.program, summary);
  const context = moduleExtractContext(module, linted);
  const record = (value: TSESTree.Node, into: Set<string>): void => {
    for (const specifier of importedSpecifiers(value, context, 0)) {
      const target = resolve(specifier);
      if (target !== null) into.add(target);
    }
  };
  if (importsAny(context, isGraphqlModule)) for (const { value } of installedValues(context)) record(value, summary.installs);
  for (const value of exportedValues(module.program)) record(value, summary.reexports);
  for (const statement of module.program.body) {
    // `export { default as users } from './users'`, `export * from './users'`.
    if ((statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportAllDeclaration) && statement.source) {
      const target = resolve(String(statement.source.value));
      if (target !== null) summary.reexports.add(target);
    }
  }
  return summary;
}

/** The module specifiers of the imports a value is built from (through arrays, spreads, merges, members). */
function importedSpecifiers(node: TSESTree.Node, context: ExtractContext, depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  let target = constantValue(node, context);
  while (target.type === AST_NODE_TYPES.MemberExpression) target = unwrap(target.object);
  switch (target.type) {
    case AST_NODE_TYPES.Identifier: {
      const source = importSource(context.scopeOf(target), target.name);
      return source ? [source.module] : [];
    }
    case AST_NODE_TYPES.ArrayExpression:
      return target.elements.flatMap((element) => (element ? importedSpecifiers(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, context, depth + 1) : []));
    case AST_NODE_TYPES.ObjectExpression:
      return target.properties.flatMap((property) => importedSpecifiers(property.type === AST_NODE_TYPES.SpreadElement ? property.argument : property.value, context, depth + 1));
    case AST_NODE_TYPES.CallExpression:
      return isMerge(target) ? target.arguments.flatMap((argument) => importedSpecifiers(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument, context, depth + 1)) : [];
    default:
      return [];
  }
}

// -------------------------------------------------------------------------------------------------
// Resolver classes

/** The code-first package (`@nestjs/graphql`, `type-graphql`) and imported name of a decorator, or null. */
function graphqlDecorator(expression: TSESTree.Node, context: ExtractContext): { module: keyof typeof resolverClassDecorators; name: string } | null {
  const source = decoratorSource(expression, context.scopeOf);
  if (source === null || !Object.hasOwn(resolverClassDecorators, source.module)) return null;
  return { module: source.module as keyof typeof resolverClassDecorators, name: source.name };
}

/**
 * Methods of `@Resolver()` classes that resolve a field (`@Query()`, `@Mutation()`, `@ResolveField()`,
 * ...), written with decorators or compiled to `__decorate` calls.
 */
function resolverMethods(context: ExtractContext): FunctionNode[] {
  const methods: FunctionNode[] = [];
  const compiled = compiledDecoratorsOf(context.program, context.scopeOf);
  for (const classNode of nodesOfType(context.program, AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression)) {
    const classDecorators = [...(classNode.decorators ?? []).map((decorator) => decorator.expression), ...(compiled.classes.get(classNode) ?? [])];
    const resolver = classDecorators.map((expression) => graphqlDecorator(expression, context)).find((found) => found !== null && found.name === resolverClassDecorators[found.module].classDecorator);
    if (!resolver) continue;
    const decorators: readonly string[] = resolverClassDecorators[resolver.module].methodDecorators;
    for (const member of classNode.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition || !isFunction(member.value)) continue;
      const written = [...(member.decorators ?? []).map((decorator) => decorator.expression), ...(compiled.methods.get(member.value)?.decorators ?? [])];
      const marked = written.some((expression) => {
        const found = graphqlDecorator(expression, context);
        return found !== null && found.module === resolver.module && decorators.includes(found.name);
      });
      if (marked) methods.push(member.value);
    }
  }
  return methods;
}

// -------------------------------------------------------------------------------------------------
// The schema in view (SDL), for what a resolver-map argument is declared as

/**
 * The type and field a resolver of a map resolves: `Query: { user: (p, args) => … }` is
 * `Query.user`; a field config's `resolve` is its field's; a map bound to a constant named by a
 * root type (`const Mutation = {…}`) is that type's. A function of a graphql-js `rootValue`, or a
 * map whose type key is not in view, is looked up under every root type.
 */
function resolverField(node: TSESTree.Node, kind: MapKind): { types: readonly string[]; name: string } | null {
  let property = node.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== node || property.computed) return null;
  let name = propertyName(property.key);
  if (name !== null && fieldResolverKeys.includes(name)) {
    const config = property.parent;
    const outer = config.parent;
    if (outer?.type !== AST_NODE_TYPES.Property || outer.value !== config || outer.computed) return null;
    property = outer;
    name = propertyName(outer.key);
  }
  if (name === null) return null;
  if (kind === 'root') return { types: graphqlRootTypes, name };
  const fields = property.parent;
  const holder = fields.parent;
  let type: string | null = null;
  if (holder?.type === AST_NODE_TYPES.Property && holder.value === fields && !holder.computed) type = propertyName(holder.key);
  else if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier && graphqlRootTypes.includes(holder.id.name)) type = holder.id.name;
  return { types: type === null ? graphqlRootTypes : [type], name };
}

/** Files whose SDL is read per resolver file: the file, the servers installing its maps, what their `typeDefs` import. */
const MAX_SCHEMA_FILES = 16;
/** A `.graphql` file larger than this is not read. */
const MAX_SDL_FILE_BYTES = 1_000_000;

const fileSchemas = new WeakMap<TSESTree.Program, SdlSchema>();

/** The SDL in view of a resolver file, read when first asked. */
function lazySchema(context: ExtractContext): () => SdlSchema {
  let schema: SdlSchema | null = null;
  return () => {
    if (schema) return schema;
    const cached = fileSchemas.get(context.program);
    if (cached) return (schema = cached);
    schema = emptySdl();
    fileSchemas.set(context.program, schema);
    const texts: string[] = [];
    const budget = { files: MAX_SCHEMA_FILES };
    sdlTexts(context, texts, budget);
    for (const server of installingFiles(context)) {
      if (budget.files-- <= 0) break;
      sdlTexts(server, texts, budget);
    }
    for (const text of texts) parseSdl(text, schema);
    return schema;
  };
}

/** `gql`/`graphql` tags (`gql\`type Query {…}\``, `graphql.gql\`…\``). */
const SDL_TAGS: ReadonlySet<string> = new Set(['gql', 'graphql']);

/**
 * The SDL texts of a file: its `gql`/`graphql` tagged templates, and the `typeDefs` given to a
 * GraphQL call there (strings, templates, arrays, `mergeTypeDefs([...])`, `readFileSync` of a
 * `.graphql` file, a constant imported from a project file).
 */
function sdlTexts(context: ExtractContext, texts: string[], budget: { files: number }): void {
  for (const tagged of nodesOfType(context.program, AST_NODE_TYPES.TaggedTemplateExpression)) {
    const tag = dottedName(tagged.tag);
    if (tag !== null && SDL_TAGS.has(tag.slice(tag.lastIndexOf('.') + 1))) texts.push(templateText(tagged.quasi));
  }
  if (!importsAny(context, isGraphqlModule)) return;
  for (const call of nodesOfType(context.program, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression)) {
    if (!isGraphqlCall(call, context)) continue;
    for (const argument of call.arguments) {
      for (const options of objectsOf(argument, context)) {
        for (const property of options.properties) {
          if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === 'typeDefs') sdlOfValue(property.value, context, texts, budget, 0);
        }
      }
    }
  }
}

function templateText(template: TSESTree.TemplateLiteral): string {
  return template.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('\n');
}

function sdlOfValue(node: TSESTree.Node, context: ExtractContext, texts: string[], budget: { files: number }, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const target = constantValue(node, context);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      if (typeof target.value === 'string') texts.push(target.value);
      return;
    case AST_NODE_TYPES.TemplateLiteral:
      texts.push(templateText(target));
      return;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      // Read with the file's tagged templates.
      return;
    case AST_NODE_TYPES.ArrayExpression:
      for (const element of target.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) sdlOfValue(element, context, texts, budget, depth + 1);
      return;
    case AST_NODE_TYPES.CallExpression: {
      const name = dottedName(target.callee);
      const method = name?.slice(name.lastIndexOf('.') + 1);
      if (method === 'readFileSync') {
        const file = sdlFilePath(target.arguments[0], context);
        if (file !== null) {
          const text = readSdlFile(file);
          if (text !== null) texts.push(text);
        }
        return;
      }
      for (const argument of target.arguments) if (argument.type !== AST_NODE_TYPES.SpreadElement) sdlOfValue(argument, context, texts, budget, depth + 1);
      return;
    }
    case AST_NODE_TYPES.Identifier: {
      // `import { typeDefs } from './schema'`: the SDL of that project file.
      const source = importSource(context.scopeOf(target), target.name);
      if (!source || !source.module.startsWith('.')) return;
      const index = projectIndexOf(context.filename);
      const file = index?.resolve(context.filename, source.module) ?? null;
      const module = file !== null ? index?.module(file) : null;
      if (!module || budget.files-- <= 0) return;
      const other = moduleExtractContext(module, context);
      for (const tagged of nodesOfType(module.program, AST_NODE_TYPES.TaggedTemplateExpression)) {
        const tag = dottedName(tagged.tag);
        if (tag !== null && SDL_TAGS.has(tag.slice(tag.lastIndexOf('.') + 1))) texts.push(templateText(tagged.quasi));
      }
      for (const value of exportedValues(module.program)) {
        const inner = constantValue(value, other);
        if (inner.type === AST_NODE_TYPES.TemplateLiteral || inner.type === AST_NODE_TYPES.CallExpression) sdlOfValue(inner, other, texts, budget, depth + 1);
      }
      return;
    }
    default:
      return;
  }
}

/**
 * The `.graphql` file a `readFileSync` argument names: `'./schema.graphql'` (beside the file),
 * `new URL('./schema.graphql', import.meta.url)`, `path.join(__dirname, 'schema.graphql')`.
 */
function sdlFilePath(argument: TSESTree.Node | undefined, context: ExtractContext): string | null {
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || !path.isAbsolute(context.filename)) return null;
  const directory = path.dirname(context.filename);
  const literal = (node: TSESTree.Node): string | null => {
    const target = constantValue(node, context);
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value;
    if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) return target.quasis[0]?.value.cooked ?? null;
    return null;
  };
  const target = constantValue(argument, context);
  let relative: string | null = null;
  if (target.type === AST_NODE_TYPES.NewExpression && dottedName(target.callee) === 'URL' && target.arguments[0]) {
    const base = target.arguments[1];
    const meta = base ? unwrap(base) : null;
    if (meta?.type === AST_NODE_TYPES.MemberExpression && meta.object.type === AST_NODE_TYPES.MetaProperty && propertyName(meta.property) === 'url') relative = literal(target.arguments[0]);
  } else if (target.type === AST_NODE_TYPES.CallExpression && /(?:^|\.)(?:join|resolve)$/u.test(dottedName(target.callee) ?? '')) {
    const [first, ...rest] = target.arguments;
    const dirname = first && first.type === AST_NODE_TYPES.Identifier && first.name === '__dirname';
    const parts = rest.map((part) => (part.type === AST_NODE_TYPES.SpreadElement ? null : literal(part)));
    if (dirname && parts.every((part) => part !== null)) relative = path.join(...(parts as string[]));
  } else {
    relative = literal(target);
  }
  if (relative === null || !/\.(?:graphql|gql|graphqls)$/u.test(relative)) return null;
  return path.resolve(directory, relative);
}

const sdlFiles = new Map<string, { mtimeMs: number; size: number; text: string | null }>();

function readSdlFile(file: string): string | null {
  // A schema file that is not there gives no declarations: its arguments keep the default reading.
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return null;
  const known = sdlFiles.get(file);
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.text;
  const text = stat.isFile() && stat.size <= MAX_SDL_FILE_BYTES ? fs.readFileSync(file, 'utf8') : null;
  sdlFiles.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
  return text;
}

/**
 * The project files (as extract contexts) that install one of this file's resolver maps in a
 * GraphQL call, directly or through one barrel that exports them again (see `installedElsewhere`).
 */
function installingFiles(linted: ExtractContext): ExtractContext[] {
  const index = projectIndexOf(linted.filename);
  if (!index) return [];
  const found: ExtractContext[] = [];
  let budget = MAX_RESOLVER_IMPORTERS;
  const visit = (target: string, depth: number): void => {
    for (const importer of index.importersOf(target)) {
      if (budget-- <= 0) return;
      const module = index.module(importer);
      if (!module) continue;
      const summary = installSummary(module, linted, (specifier) => index.resolve(importer, specifier));
      if (summary.installs.has(target)) found.push(moduleExtractContext(module, linted));
      else if (depth < 1 && summary.reexports.has(target)) visit(importer, depth + 1);
    }
  };
  visit(linted.filename, 0);
  return found;
}
