/**
 * GraphQL servers: where resolvers are declared, and how they receive the client's arguments.
 * The GraphQL extractor (`analysis/routes/frameworks/graphql.ts`) reads these tables; resolvers
 * become handlers of the route model (taint scopes, mass-assignment scopes), never routes: who may
 * call a field is decided by GraphQL-level auth, which no rule judges yet.
 */

/**
 * Packages that serve or build a GraphQL schema. A file importing one of them (or a subpath) is a
 * GraphQL file: an object literal there with a `Query`, `Mutation` or `Subscription` key holding
 * an object is a resolver map, and a call given `resolvers` / `rootValue` installs them.
 */
export const graphqlServerModules: readonly string[] = [
  'graphql',
  '@apollo/server',
  '@apollo/subgraph',
  'apollo-server',
  'apollo-server-express',
  'apollo-server-koa',
  'apollo-server-fastify',
  'apollo-server-hapi',
  'apollo-server-lambda',
  'apollo-server-micro',
  'apollo-server-core',
  'graphql-yoga',
  '@graphql-yoga/node',
  'mercurius',
  'graphql-tools',
  '@graphql-tools/schema',
  '@graphql-tools/merge',
  '@graphql-tools/utils',
  'express-graphql',
  'graphql-http',
  'graphql-helix',
  'graphql-modules',
  '@nestjs/graphql',
  'type-graphql',
];

/**
 * Options of a server (or its middleware) that build the context every resolver receives as its
 * third argument, by what they build: `context: ({ req }) => ({ user, services })` (Apollo, Yoga,
 * mercurius, graphql-http), and Apollo Server 3's `dataSources: () => ({ api: new Api() })`, which
 * resolvers read as `context.dataSources`.
 */
export const graphqlContextOptions: Readonly<Record<string, 'context' | 'dataSources'>> = {
  context: 'context',
  dataSources: 'dataSources',
};

/** Top-level types of a schema whose fields a client calls directly. Any of them marks a resolver map. */
export const graphqlRootTypes: readonly string[] = ['Query', 'Mutation', 'Subscription'];

/**
 * Options of a server or schema call that hold resolvers: `resolvers` is a map of types to field
 * resolvers `(parent, args, context, info)` (Apollo, Yoga's `createSchema`, `makeExecutableSchema`,
 * mercurius, `buildSubgraphSchema`); `rootValue` is graphql-js's root object, whose functions are
 * called with `(args, context, info)` (express-graphql, graphql-http, `graphql({ rootValue })`).
 */
export const resolverOptions = {
  resolvers: 'map',
  rootValue: 'root',
} as const satisfies Record<string, 'map' | 'root'>;

/**
 * Calls that merge resolver maps into one (`merge(a, b)`, `mergeResolvers([a, b])`, `Object.assign`,
 * lodash `merge`): the maps they are given are installed with the result.
 */
export const resolverMergeFunctions: readonly string[] = ['mergeResolvers', 'merge', 'Object.assign', '_.merge', 'lodash.merge', 'deepmerge', 'mergeDeep'];

/**
 * Properties of a field configuration object that are resolvers (`{ type, args, resolve(parent, args) }`
 * in graphql-js and nexus-style field configs, `{ subscribe, resolve }` under `Subscription`).
 */
export const fieldResolverKeys: readonly string[] = ['resolve', 'subscribe'];

/**
 * Class and method decorators of code-first servers: a class decorated `Resolver` whose methods
 * carry one of `methodDecorators` is a resolver class, by the module the decorators come from.
 */
export const resolverClassDecorators = {
  '@nestjs/graphql': { classDecorator: 'Resolver', methodDecorators: ['Query', 'Mutation', 'Subscription', 'ResolveField', 'ResolveProperty'] },
  'type-graphql': { classDecorator: 'Resolver', methodDecorators: ['Query', 'Mutation', 'Subscription', 'FieldResolver'] },
} as const satisfies Record<string, { classDecorator: string; methodDecorators: readonly string[] }>;

/**
 * Parameter decorators of resolver methods that inject client input, by module: `args` for the
 * field's arguments (`@Args()` all of them, `@Args('id')` one), `context` for the GraphQL context
 * (whose `req` / `request` is the HTTP request). `@Parent()`/`@Root()` and `@Info()` are not input.
 */
export const resolverParameterDecorators = {
  '@nestjs/graphql': { Args: 'args', Context: 'context' },
  'type-graphql': { Args: 'args', Arg: 'args', Ctx: 'context' },
} as const satisfies Record<string, Record<string, 'args' | 'context'>>;

/**
 * GraphQL scalar types that arrive as a string, number or boolean, never an object: an argument
 * declared with one (`@Args('id', { type: () => ID })`, `@Arg('name') name: string`, whose
 * reflected TypeScript type is the scalar) cannot carry a MongoDB query operator.
 */
export const graphqlPrimitiveScalars: readonly string[] = ['ID', 'String', 'Int', 'Float', 'Boolean', 'GraphQLID', 'GraphQLString', 'GraphQLInt', 'GraphQLFloat', 'GraphQLBoolean', 'Number'];

/** Scalars that carry any JSON value (graphql-scalars' `GraphQLJSON`, `JSONObject`): an argument of one has no declared fields. */
export const graphqlJsonScalar = /JSON/u;

/**
 * Files read per question (importers of a resolver file and of the barrels that export it again),
 * when the file itself does not import a GraphQL package and its map is installed in another file
 * (`new ApolloServer({ resolvers: [users, posts] })`).
 */
export const MAX_RESOLVER_IMPORTERS = 16;

/**
 * How `no-unauthenticated-route` weighs a root field like an HTTP route: a query or a subscription
 * reads like a GET; a mutation changes state like a POST, or a PUT / DELETE by the verb that starts
 * its name (`deleteInvoice`, `updateProfile`). A field of a graphql-js `rootValue`, which holds
 * queries and mutations alike, is a mutation when its name starts with a verb that writes
 * (`createUser`, `markInvoicePaid`) and a query otherwise.
 */
export const graphqlRootTypeMethods: Readonly<Record<string, string>> = { Query: 'GET', Subscription: 'GET', Mutation: 'POST' };

export const graphqlMutationVerbs: readonly { verb: RegExp; method: string }[] = [
  { verb: /^(?:delete|remove|destroy|purge|drop|unlink|revoke|archive|erase|clear|wipe)(?![a-z])/u, method: 'DELETE' },
  { verb: /^(?:update|edit|set|change|patch|modify|rename|toggle|mark|move|assign|replace|upsert|reset|enable|disable|approve|reject|publish|unpublish|restore|increment|decrement|save)(?![a-z])/u, method: 'PUT' },
  { verb: /^(?:create|add|insert|make|new|register|signUp|signup|send|post|submit|upload|import|invite|grant|issue|generate|run|start|stop|cancel|trigger|execute|transfer|pay|charge|refund|log(?:in|out)|sign(?:In|Out)|verify|confirm|request|link|attach|detach|follow|unfollow|like|unlike|join|leave|book|order|checkout|apply)(?![a-z])/u, method: 'POST' },
];

/**
 * Decorators that put authentication in front of a resolver method (or every method of a resolver
 * class), by module. TypeGraphQL's `@Authorized()` runs the schema's `authChecker` and throws
 * before the resolver when it answers false (buildSchema refuses a schema that uses it without one);
 * its arguments are the roles the checker is handed to require (`@Authorized('ADMIN')`: a role
 * check), and given none it asks only for a signed-in caller. `@UseMiddleware(fn)` runs `fn` first,
 * judged by its body as a middleware.
 */
export const resolverAuthDecorators = {
  'type-graphql': { authorized: ['Authorized'], middleware: ['UseMiddleware'] },
} as const satisfies Record<string, { authorized: readonly string[]; middleware: readonly string[] }>;

/**
 * Options of a server call whose function runs before every resolver of the server: the context
 * function (`context: async ({ req }) => …`), which rejects the whole operation when it throws.
 */
export const graphqlServerGuardOptions: readonly string[] = ['context'];

/**
 * Calls that serve the resolver classes of a code-first package: NestJS's `GraphQLModule.forRoot()`
 * (or `forRootAsync`) in a module, TypeGraphQL's `buildSchema({ resolvers })`. A resolver class of a
 * project where no file makes such a call is served out of view (a published package's compiled
 * resolvers, whose module is wired elsewhere): its guards are judged like those of a router mounted
 * nowhere in view.
 */
export const resolverClassServers = {
  '@nestjs/graphql': ['GraphQLModule.forRoot', 'GraphQLModule.forRootAsync'],
  'type-graphql': ['buildSchema', 'buildSchemaSync', 'buildTypeDefsAndResolvers', 'buildTypeDefsAndResolversSync'],
} as const satisfies Record<string, readonly string[]>;

/** Project files read per project to find where its resolver classes are served (see `resolverClassServers`). */
export const MAX_RESOLVER_SERVER_FILES = 32;

/**
 * graphql-shield: `shield({ Query: {...}, Mutation: { deletePost: isAuthenticated, '*': isAdmin } },
 * { fallbackRule })` puts a rule in front of each field it names (a whole type when the type's value
 * is a rule). A rule is `rule(options)(fn)`, whose `fn` answers whether the caller may go on (false
 * or an error denies); `allow` lets everybody through, `deny` nobody; `and`/`chain` run every rule
 * given, `or`/`race` let through whom any one admits.
 */
export const graphqlShield = {
  module: 'graphql-shield',
  shield: 'shield',
  rule: ['rule', 'inputRule'],
  allow: 'allow',
  deny: 'deny',
  all: ['and', 'chain'],
  any: ['or', 'race'],
  fallback: 'fallbackRule',
} as const;
