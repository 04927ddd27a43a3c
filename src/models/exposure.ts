/**
 * Knowledge used by the exposure analysis (`no-whole-object-response`, `no-mass-assignment`):
 * which calls read or write whole stored records, which calls send a value to the client, and
 * which names point to sensitive entities and fields. Data only.
 */
import type { RequestStyle } from './frameworks/request-inputs.js';

/** Whether a read returns one record, a list, or depends on the call. */
export type Cardinality = 'one' | 'many';

/**
 * ORM and driver methods whose result is a whole stored record (or a list of them) unless the
 * call carries a projection. Covers Mongoose/MongoDB, Prisma, TypeORM (repositories and the
 * entity manager), Sequelize and Objection-style models.
 */
export const recordReadMethods: Readonly<Record<string, Cardinality>> = {
  find: 'many',
  findAll: 'many',
  findMany: 'many',
  findBy: 'many',
  findAndCount: 'many',
  findAndCountAll: 'many',
  findOne: 'one',
  findOneBy: 'one',
  findOneOrFail: 'one',
  findOneByOrFail: 'one',
  findById: 'one',
  findByPk: 'one',
  findUnique: 'one',
  findUniqueOrThrow: 'one',
  findFirst: 'one',
  findFirstOrThrow: 'one',
  findOrCreate: 'one',
  findByIdAndUpdate: 'one',
  findOneAndUpdate: 'one',
  findByIdAndDelete: 'one',
  findOneAndDelete: 'one',
  findOneAndReplace: 'one',
  create: 'one',
  save: 'one',
  update: 'one',
  upsert: 'one',
  preload: 'one',
};

/**
 * Methods of a query chain that keep the record whole (`User.findById(id).lean().exec()`, array
 * helpers on a list of records). `select`-like methods are projections and end the chain instead.
 */
export const passthroughMethods: ReadonlySet<string> = new Set([
  'lean', 'exec', 'populate', 'sort', 'limit', 'skip', 'where', 'orFail', 'session', 'collation',
  'hint', 'comment', 'maxTimeMS', 'read', 'setOptions', 'toArray', 'orderBy', 'offset', 'first',
  'filter', 'slice', 'reverse', 'concat', 'flat', 'toObject', 'toJSON', 'get', 'at', 'andWhere',
  'orWhere', 'whereIn', 'join', 'leftJoin', 'innerJoin', 'forUpdate', 'returning',
]);

/** Array methods whose callback receives each element of the receiver. */
export const elementCallbackMethods: ReadonlySet<string> = new Set([
  'map', 'flatMap', 'forEach', 'filter', 'find', 'findLast', 'some', 'every', 'then',
]);

/** Query-chain methods that choose the returned columns (Mongoose, Knex, Objection). */
export const projectionMethods: ReadonlySet<string> = new Set([
  'select', 'pluck', 'distinct', 'count', 'countDocuments', 'estimatedDocumentCount', 'exists',
  'column', 'columns', 'project', 'projection', 'sum', 'avg', 'min', 'max',
]);

/** Keys of a query options object that choose the returned fields. */
export const projectionOptionKeys: ReadonlySet<string> = new Set([
  'select', 'attributes', 'projection', 'fields', 'omit',
]);

/**
 * Mongoose query options that may sit in the second argument of `find*` and are not a projection
 * (so `{ lean: true }` is not mistaken for `{ name: 1 }`).
 */
export const queryOptionKeys: ReadonlySet<string> = new Set([
  'lean', 'raw', 'new', 'upsert', 'session', 'transaction', 'paranoid', 'plain', 'logging',
  'benchmark', 'nest', 'rejectOnEmpty', 'where', 'include', 'order', 'limit', 'offset', 'populate',
  'sort', 'skip', 'relations', 'cache', 'lock', 'withDeleted', 'returnDocument', 'runValidators',
]);

/** Receivers whose `find`/`create`/`update` members are not data stores. */
export const nonStoreReceivers: ReadonlySet<string> = new Set([
  'Object', 'Array', 'Promise', 'JSON', 'Math', 'Reflect', 'Buffer', 'Date', 'Number', 'String',
  'crypto', 'console', 'process', 'res', 'response', 'reply', 'ctx', 'h', 'document', 'window',
]);

/**
 * Handler contexts among `nonStoreReceivers` that also carry the app's data clients (tRPC's
 * `ctx.prisma`, `ctx.db`, Egg's `ctx.model`): a member path two deep (`ctx.prisma.user`) is a
 * store, unless its first member is one of `contextRequestMembers`.
 */
export const storeCarryingContexts: ReadonlySet<string> = new Set(['ctx']);

/** Members of a handler context that are the request, the response or the caller, never a data client. */
export const contextRequestMembers: ReadonlySet<string> = new Set([
  'request', 'req', 'res', 'response', 'body', 'query', 'params', 'headers', 'header', 'cookies',
  'session', 'state', 'user', 'auth', 'input',
]);

/** Methods of SQL drivers (pg, mysql2, sqlite, Sequelize, TypeORM) that run SQL text. */
export const sqlQueryMethods: ReadonlySet<string> = new Set([
  'query', 'execute', 'all', 'get', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any',
]);

/**
 * List methods a SQL column list goes through from `Object.keys(payload)` to the statement's text
 * (`keys.map((k, i) => `${k} = $${i + 1}`).join(', ')`): each keeps every key it is given.
 */
export const sqlKeyListMethods = ['map', 'join', 'flatMap', 'concat', 'slice', 'sort', 'reverse'] as const;

/** Tags of tagged-template SQL clients (postgres.js, slonik, `@vercel/postgres`). */
export const sqlTemplateTags: ReadonlySet<string> = new Set(['sql', 'query']);

/** Names of a Knex instance or transaction called with a table name: `knex('users')`. */
export const knexRootNames: ReadonlySet<string> = new Set(['knex', 'db', 'trx', 'database', 'k', 'pg', 'mysql']);

/**
 * Directories, relative to a project (or package) root, where SQL schema and migration files are
 * kept: Knex, TypeORM, node-pg-migrate, db-migrate, Flyway-style `sql/` folders and Prisma's
 * generated `prisma/migrations/<name>/migration.sql`. Their tables' columns tell what `SELECT *`
 * returns.
 */
export const sqlSchemaDirectories: readonly string[] = [
  'migrations', 'db', 'db/migrations', 'database', 'database/migrations', 'sql', 'schema',
  'prisma/migrations', 'src/migrations', 'src/db', 'src/db/migrations', 'src/database',
  'src/database/migrations', 'src/sql',
];

/**
 * Column builders of Knex's schema builder (`table.string('api_secret')` inside
 * `createTable('integrations', …)`): each adds the column its first argument names.
 */
export const knexColumnBuilders: readonly string[] = [
  'increments', 'bigIncrements', 'integer', 'bigInteger', 'bigint', 'tinyint', 'smallint', 'mediumint',
  'text', 'string', 'float', 'double', 'decimal', 'boolean', 'date', 'datetime', 'time', 'timestamp',
  'binary', 'enu', 'enum', 'json', 'jsonb', 'uuid', 'specificType', 'varchar', 'geometry',
];

/** Members of a result object that still hold the whole rows (`result.rows`, `dataValues`). */
export const rowContainers: ReadonlySet<string> = new Set(['rows', 'dataValues', '_doc', 'recordset', 'records', 'Items', 'Item', 'results']);

/**
 * Query builders whose chain ends in a call that runs the query and returns whole entities unless
 * the chain chose columns: TypeORM's `createQueryBuilder(...)...getMany()`. The value is the
 * cardinality of each terminal call; `select` with arguments earlier in the chain is a projection
 * (`addSelect` only adds hidden columns back).
 */
export const queryBuilderTerminals: Readonly<Record<string, Cardinality>> = {
  getMany: 'many',
  getManyAndCount: 'many',
  getOne: 'one',
  getOneOrFail: 'one',
  // Raw rows: every selected column as a plain object, with no entity class for `@Exclude()` to act on.
  getRawOne: 'one',
  getRawMany: 'many',
};

/** Query-builder terminals that return plain driver rows rather than entity instances. */
export const rawQueryBuilderTerminals: ReadonlySet<string> = new Set(['getRawOne', 'getRawMany']);

/** The call that starts a query-builder chain, on a repository, a manager or a data source. */
export const queryBuilderRoots: ReadonlySet<string> = new Set(['createQueryBuilder']);

/**
 * SQL-like builders whose `select()` without arguments selects every column, and whose `from(table)`
 * names the table: Drizzle's `db.select().from(users)`. With arguments, `select({ id: users.id })`
 * is a projection.
 */
export const selectAllMethods: ReadonlySet<string> = new Set(['select', 'selectDistinct']);

/**
 * Document stores read through a reference: Firestore's `collection('users').doc(id).get()` gives a
 * snapshot whose `data()` is the whole stored document.
 */
export const documentReference = { reference: 'doc', read: 'get', data: 'data', collection: 'collection' } as const;

/** Writes that reach a response. */
export interface ResponseSink {
  /**
   * `call`: `<param>.<path>(value)`; `assign`: `<param>.<path> = value`; `return`: the handler's
   * return value (`path` `''`), or a member of the object it returns (`body` of a Lambda proxy
   * response); `global`: a global factory such as `NextResponse.json(value)`.
   */
  kind: 'call' | 'assign' | 'return' | 'global' | 'imported';
  /** Member path below the response parameter, or the dotted global name. */
  path: string;
  /** `imported`: the modules the function named `path` is imported from (`json` of `@sveltejs/kit`). */
  modules?: readonly string[];
  /** Index of the handler parameter the path starts from (`call`/`assign`). */
  param?: number;
  /** The value is serialized only after `JSON.stringify` (`res.end(JSON.stringify(user))`). */
  stringified?: boolean;
}

/**
 * Response sinks per handler style. `call` paths match chains such as `res.status(200).json(x)`:
 * intermediate `status`/`code`/`header`/`set`/`type` calls are skipped.
 */
export const responseSinks: Readonly<Record<RequestStyle, readonly ResponseSink[]>> = {
  express: [
    { kind: 'call', param: 1, path: 'json' },
    { kind: 'call', param: 1, path: 'send' },
    { kind: 'call', param: 1, path: 'jsonp' },
    { kind: 'call', param: 1, path: 'end', stringified: true },
    { kind: 'call', param: 1, path: 'write', stringified: true },
  ],
  'next-pages': [
    { kind: 'call', param: 1, path: 'json' },
    { kind: 'call', param: 1, path: 'send' },
    { kind: 'call', param: 1, path: 'end', stringified: true },
  ],
  // A page's `getServerSideProps` returns `props`, which Next.js serializes whole into the page it
  // sends (the `__NEXT_DATA__` script), whatever the page component shows of them.
  'next-page': [{ kind: 'return', path: 'props' }],
  'node-http': [
    { kind: 'call', param: 1, path: 'end', stringified: true },
    { kind: 'call', param: 1, path: 'write', stringified: true },
  ],
  fastify: [
    { kind: 'call', param: 1, path: 'send' },
    { kind: 'return', path: '' },
  ],
  koa: [{ kind: 'assign', param: 0, path: 'body' }, { kind: 'assign', param: 0, path: 'response.body' }],
  hapi: [
    { kind: 'call', param: 1, path: 'response' },
    { kind: 'return', path: '' },
  ],
  hono: [
    { kind: 'call', param: 0, path: 'json' },
    { kind: 'call', param: 0, path: 'body', stringified: true },
  ],
  'next-app': [
    { kind: 'global', path: 'NextResponse.json' },
    { kind: 'global', path: 'Response.json' },
  ],
  nest: [{ kind: 'return', path: '' }],
  // A Lambda proxy response is `{ statusCode, body: JSON.stringify(x) }`, returned.
  lambda: [{ kind: 'return', path: 'body', stringified: true }],
  azure: [],
  fetch: [
    { kind: 'global', path: 'Response.json' },
  ],
  wrapped: [
    { kind: 'global', path: 'NextResponse.json' },
    { kind: 'global', path: 'Response.json' },
  ],
  // A server action's return value is serialised to the client that called it.
  'next-action': [{ kind: 'return', path: '' }],
  // A Firebase callable function answers what it returns.
  callable: [{ kind: 'return', path: '' }],
  'callable-v1': [{ kind: 'return', path: '' }],
  // A resolver's return value goes through the schema, which sends only the fields the client
  // selected among those its type declares: returning a whole record is not a whole-object response.
  graphql: [],
  'graphql-root': [],
  'graphql-decorated': [],
  // A tRPC resolver's return value is serialised whole to the client (no schema selects fields
  // unless the procedure declares `.output(schema)`).
  trpc: [{ kind: 'return', path: '' }],
  // An h3 handler's return value is the response, objects serialised as JSON.
  h3: [{ kind: 'return', path: '' }],
  // An Elysia handler's return value is the response, objects serialised as JSON.
  elysia: [{ kind: 'return', path: '' }],
  // SvelteKit: `json(value)` of `@sveltejs/kit` in an endpoint; what a `load` or form action returns
  // is serialised to the browser.
  sveltekit: [
    { kind: 'imported', path: 'json', modules: ['@sveltejs/kit'] },
    { kind: 'global', path: 'Response.json' },
    { kind: 'return', path: '' },
  ],
  // Remix / React Router: `json(value)`, or the value a loader or action returns (serialised).
  remix: [
    { kind: 'imported', path: 'json', modules: ['@remix-run/node', '@remix-run/cloudflare', '@remix-run/deno', '@remix-run/server-runtime', 'react-router', '@react-router/node', '@react-router/cloudflare'] },
    { kind: 'imported', path: 'data', modules: ['react-router'] },
    { kind: 'global', path: 'Response.json' },
    { kind: 'return', path: '' },
  ],
  // A socket listener answers through an acknowledgement callback or an `emit`, not a response.
  socket: [],
  'socket-connection': [],
  ws: [],
  'ws-connection': [],
  // A Feathers method's return value is the response, after the service's `after` hooks, which
  // commonly remove fields (`protect('password')`, a resolver): not read yet, so not a sink.
  'feathers-find': [],
  'feathers-id': [],
  'feathers-data': [],
  'feathers-id-data': [],
  // A Sails action's `fn` answers what it returns (objects as JSON), or through `this.res`.
  'sails-action': [{ kind: 'return', path: '' }],
  // An AdonisJS controller method answers what it returns, or `response.send(value)` / `json(value)`.
  adonis: [{ kind: 'return', path: '' }, { kind: 'call', param: 0, path: 'response.send' }, { kind: 'call', param: 0, path: 'response.json' }],
};

/** Constructors whose first argument is the response body text (`new Response(JSON.stringify(x))`). */
export const responseConstructors: ReadonlySet<string> = new Set(['Response', 'NextResponse']);

/** Calls between a response parameter and its sink method that return the response again. */
export const responseChainMethods: ReadonlySet<string> = new Set([
  'status', 'code', 'header', 'headers', 'set', 'type', 'cookie', 'clearCookie', 'append', 'vary', 'location',
]);

/**
 * Default names of sensitive entities. A model or variable whose head noun (last word, after
 * dropping `Repository`/`Model`-like suffixes and plurals) is one of these is treated as holding
 * fields the client must not see.
 */
export const defaultSensitiveModels: readonly string[] = [
  'user', 'account', 'customer', 'member', 'session', 'token', 'payment', 'admin', 'employee',
  'credential', 'person', 'patient', 'subscriber', 'staff', 'owner', 'student', 'card', 'apikey',
  'identity', 'principal', 'me', 'seller', 'buyer', 'driver', 'doctor', 'tenant', 'login',
];

/** Suffixes dropped from a model or variable name before taking its head noun. */
export const modelNameSuffixes: readonly string[] = [
  'repository', 'repo', 'model', 'collection', 'table', 'dao', 'store', 'entity', 'doc',
  'document', 'record', 'row', 'data', 'info', 'details', 'result', 'results', 'list', 'obj', 'object',
];

/**
 * Default sensitive field names, compared case-insensitively without `_`/`-`
 * (`password_hash` matches `passwordHash`).
 */
export const defaultSensitiveFields: readonly string[] = [
  'password', 'passwordHash', 'hashedPassword', 'passwordDigest', 'encryptedPassword', 'passwd',
  'salt', 'hash', 'token', 'accessToken', 'refreshToken', 'resetToken', 'passwordResetToken',
  'resetPasswordToken', 'verificationToken', 'emailVerificationToken', 'confirmationToken',
  'secret', 'clientSecret', 'apiKey', 'apiSecret', 'privateKey', 'mfaSecret', 'totpSecret',
  'twoFactorSecret', 'otp', 'otpSecret', 'recoveryCodes', 'backupCodes', 'ssn',
  'socialSecurityNumber', 'creditCard', 'creditCardNumber', 'cardNumber', 'cvv', 'cvc', 'pin',
  'bankAccount', 'accountNumber', 'iban', 'sessionToken', 'authToken', 'jwt',
  // The per-record keys of webhooks and integrations: whoever reads one can sign as the server.
  'signingSecret', 'webhookSecret', 'signingKey', 'encryptionKey',
];

/**
 * Fields a client must not set through a write (mass assignment): privileges, ownership,
 * verification and money. Excluded from `no-mass-assignment` suggestions.
 */
export const defaultProtectedFields: readonly string[] = [
  'id', '_id', 'role', 'roles', 'isAdmin', 'admin', 'isSuperuser', 'superuser', 'permissions',
  'scopes', 'verified', 'isVerified', 'emailVerified', 'phoneVerified', 'balance', 'credits',
  'ownerId', 'userId', 'tenantId', 'organizationId', 'accountId', 'plan', 'tier', 'status',
  'approved', 'isActive', 'active', 'banned', 'createdAt', 'updatedAt', 'deletedAt', 'createdBy',
  'version', '__v', 'price', 'discount', 'points', 'level', 'karma', 'reputation', 'stripeCustomerId',
];

/** A write of client data: which arguments carry the written values. */
export interface WriteMethod {
  /** Argument indexes that hold the written values; `rest` covers every argument from the first index. */
  args: readonly number[];
  rest?: boolean;
  /** Writes a list of records, so a list field of the payload (`req.body.users`) is whole client objects too. */
  elements?: boolean;
  /** Object-literal keys of the first argument that hold the written values (Prisma `data`). */
  dataKeys?: readonly string[];
  /**
   * For a name that many other objects have (`add` of a `Set`, a class list, a counter): a write
   * only on the result of one of these calls, directly or through a `const`
   * (Firestore's `db.collection('posts').add(req.body)`).
   */
  receiverCalls?: readonly string[];
  /**
   * Sequelize: an options object right after the written values whose `fields` lists the columns
   * the write may set (`update(values, { where, fields: ['name', 'email'] })`, `create(values,
   * { fields })`); Sequelize drops every other key. A literal list without a protected field bounds
   * the write.
   */
  fieldsOption?: boolean;
  /**
   * For a name many other objects have: a write only on a receiver whose last member (or name) is
   * one of these (MikroORM's `em.assign(entity, data)`, `orm.em`, `this.em`).
   */
  receiverNames?: readonly string[];
}

/**
 * Writes of whole objects. Sequelize `update(values, { where })` and TypeORM
 * `update(criteria, values)` share a name, so `update` checks both positions.
 */
export const recordWriteMethods: Readonly<Record<string, WriteMethod | readonly WriteMethod[]>> = {
  create: { args: [0], dataKeys: ['data'], fieldsOption: true },
  createMany: { args: [0], dataKeys: ['data'] },
  build: { args: [0], fieldsOption: true },
  bulkCreate: { args: [0], elements: true, fieldsOption: true },
  insert: { args: [0] },
  insertOne: { args: [0] },
  insertMany: { args: [0], elements: true },
  save: { args: [0] },
  update: { args: [0, 1], dataKeys: ['data'], fieldsOption: true },
  updateMany: { args: [1], dataKeys: ['data'] },
  updateOne: { args: [1] },
  upsert: { args: [0, 1], dataKeys: ['create', 'update'], fieldsOption: true },
  replaceOne: { args: [1] },
  findByIdAndUpdate: { args: [1] },
  findOneAndUpdate: { args: [1] },
  findOneAndReplace: { args: [1] },
  merge: { args: [1], rest: true },
  preload: { args: [0] },
  // Objection.js: `Model.query().patch(data)`, `patchAndFetchById(id, data)`, graph inserts and upserts.
  patch: { args: [0] },
  patchAndFetch: { args: [0] },
  patchAndFetchById: { args: [1] },
  updateAndFetch: { args: [0] },
  updateAndFetchById: { args: [1] },
  insertAndFetch: { args: [0], elements: true },
  insertGraph: { args: [0], elements: true },
  insertGraphAndFetch: { args: [0], elements: true },
  upsertGraph: { args: [0], elements: true },
  upsertGraphAndFetch: { args: [0], elements: true },
  // Firestore: `doc(id).set(data, { merge: true })`; `update(data)` is above.
  set: { args: [0] },
  // Firestore: `collection('posts').add(data)` creates a document with a generated id.
  add: { args: [0], receiverCalls: ['collection'] },
  // MikroORM: `em.assign(entity, data)` (also on a forked `em`), `wrap(entity).assign(data)`, and
  // `em.nativeUpdate(Entity, where, data)`. (`Object.assign(target, data)` is none of these.)
  assign: [
    { args: [1], receiverNames: ['em', 'entityManager'] },
    { args: [1], receiverCalls: ['fork'] },
    { args: [0], receiverCalls: ['wrap'] },
  ],
  nativeUpdate: { args: [2] },
  // kysely `db.insertInto('t').values(data)` (also `replaceInto`, MySQL), drizzle
  // `db.insert(table).values(data)`: a record or a list of them. (`updateTable('t').set(data)`
  // and drizzle's `update(table).set(data)` are `set` above; knex's `insert`/`update` too.)
  values: { args: [0], elements: true, receiverCalls: ['insertInto', 'replaceInto', 'insert'] },
};

/**
 * The project's own services, for a write-named call (`create`, `update`) whose receiver is out of
 * view: a receiver named `…Service` (`this.segmentService`, `roleService`, a `UsersService` type),
 * and a locator that hands one out (`getService('role')`, `strapi.service('…')`,
 * `app.service('users')`). What such a call writes depends on the service's body, not on its name.
 */
export const projectServiceNames = {
  receiver: /service$/iu,
  locator: /^(?:get|resolve|use)?services?$/iu,
} as const;

/**
 * Functions of a library that write one of their arguments whole, by import: Firestore's modular
 * API (`setDoc(doc(db, 'users', id), req.body)`, `addDoc(collection(db, 'posts'), req.body)`,
 * `updateDoc(ref, req.body)`), whose names other code uses too.
 */
export const recordWriteFunctions = [
  { module: ['firebase/firestore', 'firebase/firestore/lite'], name: 'setDoc', args: [1] },
  { module: ['firebase/firestore', 'firebase/firestore/lite'], name: 'addDoc', args: [1] },
  { module: ['firebase/firestore', 'firebase/firestore/lite'], name: 'updateDoc', args: [1] },
] as const satisfies readonly { module: readonly string[]; name: string; args: readonly number[] }[];

/**
 * DynamoDB, known by import. The v3 SDK sends a command object (`client.send(new GetCommand(params))`,
 * from `@aws-sdk/lib-dynamodb` or `@aws-sdk/client-dynamodb`); the v2 SDK's DocumentClient
 * (`new AWS.DynamoDB.DocumentClient()` of `aws-sdk`) has a method per operation, whose request
 * `.promise()` resolves with the same response. `read`: the response holds whole stored items
 * (`Item` of a get, `Items` of a query or scan) unless the parameters choose attributes;
 * `item`: the parameter that holds the written item, stored with every attribute it has.
 */
export interface DynamoOperation {
  read?: Cardinality;
  item?: string;
}

export const dynamoCommandModules: readonly string[] = ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb'];

export const dynamoCommands: Readonly<Record<string, DynamoOperation>> = {
  GetCommand: { read: 'one' },
  GetItemCommand: { read: 'one' },
  QueryCommand: { read: 'many' },
  ScanCommand: { read: 'many' },
  PutCommand: { item: 'Item' },
  PutItemCommand: { item: 'Item' },
};

/** The DocumentClient class of the v2 SDK, as an access path from each module that exports it. */
export const dynamoDocumentClients = [
  { module: 'aws-sdk', path: 'Member[DynamoDB].Member[DocumentClient].Instance' },
  { module: 'aws-sdk/clients/dynamodb', path: 'Member[DocumentClient].Instance' },
] as const;

export const dynamoDocumentClientMethods: Readonly<Record<string, DynamoOperation>> = {
  get: { read: 'one' },
  query: { read: 'many' },
  scan: { read: 'many' },
  put: { item: 'Item' },
};

/** Parameters of a DynamoDB read that choose the returned attributes, or return none (`Select: 'COUNT'`). */
export const dynamoProjectionKeys: ReadonlySet<string> = new Set(['ProjectionExpression', 'AttributesToGet', 'Select']);

/** Functions that turn a marshalled item into a plain object, attribute for attribute. */
export const dynamoUnmarshall = { module: '@aws-sdk/util-dynamodb', name: 'unmarshall' } as const;

/** MongoDB update operators whose value is written field by field (`{ $set: req.body }`). */
export const mongoUpdateOperators: ReadonlySet<string> = new Set(['$set', '$setOnInsert']);

/** Functions that copy their later arguments onto the first (`Object.assign(user, req.body)`). */
export const mergeFunctions: ReadonlySet<string> = new Set([
  'Object.assign', '_.merge', '_.assign', '_.extend', '_.defaults', '_.mergeWith', 'lodash.merge',
  'lodash.assign', 'merge', 'assign', 'extend', 'deepmerge',
]);

/** Constructors that are never data models, so `new X(req.body)` is not a write. */
export const nonModelConstructors: ReadonlySet<string> = new Set([
  'Error', 'TypeError', 'Map', 'Set', 'WeakMap', 'URL', 'URLSearchParams', 'Date', 'Response',
  'NextResponse', 'Request', 'Headers', 'Blob', 'FormData', 'Promise', 'Proxy', 'Buffer',
  'HttpException', 'BadRequestException', 'RegExp',
  // Scalar value types of the BSON and id libraries: `new ObjectId(req.params.id)` is an id, not a
  // record, whatever the variable holding it is called (`const user = new ObjectId(id)`).
  'ObjectId', 'ObjectID', 'UUID', 'Long', 'Decimal128', 'Int32', 'Double', 'Timestamp', 'Binary',
  'BSONRegExp', 'Decimal', 'BigNumber', 'URLPattern',
]);

/**
 * Request members that hold the whole client payload, per handler style (paths as in
 * `requestInputs`; `()` marks a call whose awaited result is the payload).
 */
export const requestPayloads: Readonly<Record<RequestStyle, readonly string[]>> = {
  // `allParams()`: Sails's request, every parameter of the path, query and body in one object.
  express: ['body', 'allParams()'],
  'next-pages': ['body'],
  // The context has no parsed body.
  'next-page': [],
  'node-http': [],
  fastify: ['body'],
  koa: ['request.body'],
  hapi: ['payload'],
  // Not `req.valid()`: it is what a validator middleware's schema let through, fields it declares.
  hono: ['req.json()', 'req.parseBody()'],
  'next-app': ['json()'],
  nest: [],
  lambda: [],
  azure: ['body'],
  fetch: ['json()'],
  wrapped: ['req.json()', 'request.json()'],
  callable: ['data'],
  'callable-v1': [],
  // A server action's argument itself (`''`): `Object.fromEntries(formData)`, an object argument.
  'next-action': [''],
  // A resolver's `args` itself, and the input objects conventionally passed in it (`args.input`,
  // `args.data`): what the client sent, restricted only by an input type this file cannot see.
  graphql: ['', 'input', 'data'],
  'graphql-root': ['', 'input', 'data'],
  // Decorated parameters (`@Args('input')`) are judged by their decorator and type.
  'graphql-decorated': [],
  // A tRPC procedure's input, restricted only by its `.input(schema)`.
  trpc: ['input', 'rawInput', 'getRawInput()'],
  // Read through utilities given the event (`readBody(event)`), as the `h3` request style names them.
  h3: ['readBody()'],
  elysia: ['body'],
  sveltekit: ['request.json()'],
  remix: ['request.json()'],
  // A socket.io event's argument itself, an object the client emitted.
  socket: [''],
  // A `ws` message is text or bytes (see `requestTextPayloads`).
  ws: [],
  // What a client connected with (a handshake's query, an upgrade request) is never a record's payload.
  'socket-connection': [],
  'ws-connection': [],
  // A Feathers method's `data` is a parameter of its own (see `positionalInputs` and `positionalParamOf`).
  'feathers-find': [],
  'feathers-id': [],
  'feathers-data': [],
  'feathers-id-data': [],
  // A Sails action's inputs hold only the fields its `inputs` declare (Sails drops the others);
  // `this.req.allParams()` is the whole payload, read as the `express` style's `allParams()`.
  'sails-action': [],
  // `request.only([...])` picks the fields it lists; `all()` and `body()` are every field sent.
  adonis: ['request.all()', 'request.body()'],
};

/**
 * Request members that hold the whole client payload as text, per handler style: what
 * `JSON.parse` of them returns is the whole payload (an API Gateway event's `body`).
 */
export const requestTextPayloads: Readonly<Partial<Record<RequestStyle, readonly string[]>>> = {
  lambda: ['body'],
  ws: [''],
};

/** NestJS parameter decorators that inject the authenticated principal (`@CurrentUser() user`). */
export const principalDecoratorPattern = /^(?:Current|Auth|Get|Req|Request|Session|Logged(?:In)?)?User$/u;

/** Validation calls that return a copy without unknown keys (`schema.parse(req.body)`). */
export const strippingValidators: ReadonlySet<string> = new Set([
  'parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'validateSync', 'cast', 'validate', 'validateAsync',
]);

/** Schema builders that keep unknown keys, so their `parse` does not protect a write. */
export const passthroughSchemaMethods: ReadonlySet<string> = new Set([
  'passthrough', 'loose', 'looseObject', 'catchall', 'unknown', 'nonstrict',
]);

/**
 * Protected fields that a DTO class declares by design: an identifier, a state or a timestamp the
 * client may well send (`UpdateTaskDto { status }`), a price of a catalogue item, the organisation
 * or account a record is created in (whether the caller may use it is an ownership question). A
 * DTO that declares another protected field (`role`, `isAdmin`, `plan`, `ownerId`, `balance`) is
 * not a pick of the fields the client may set.
 */
export const dtoDeclarableProtectedFields: readonly string[] = [
  'id', '_id', 'status', 'active', 'isActive', 'price', 'discount', 'level', 'version', '__v',
  'createdAt', 'updatedAt', 'deletedAt', 'userId', 'tenantId', 'organizationId', 'accountId',
];

/** Nest `@Body()` parameter types treated as validated DTOs (class-validator with `whitelist`). */
export const dtoTypeNamePattern = /(?:Dto|DTO|Input|Payload|Body|Command|Request|Schema)$/u;

/**
 * class-transformer calls that apply `@Exclude()` to an instance: the index of the serialized
 * argument (`plainToInstance(User, plain)` builds the instance from its second argument).
 */
export const classTransformerCalls: Readonly<Record<string, number>> = {
  instanceToPlain: 0,
  classToPlain: 0,
  instanceToInstance: 0,
  plainToInstance: 1,
  plainToClass: 1,
};

/** NestJS interceptors that serialize controller results through class-transformer. */
export const serializerInterceptors: ReadonlySet<string> = new Set(['ClassSerializerInterceptor']);

/** Generic repository types whose first type argument is the entity (`Repository<User>`). */
export const repositoryTypeNames: ReadonlySet<string> = new Set([
  'Repository', 'MongoRepository', 'TreeRepository', 'EntityRepository', 'Model',
]);

/** NestJS injection decorators naming the entity of a repository (`@InjectRepository(User)`). */
export const repositoryInjectors: ReadonlySet<string> = new Set(['InjectRepository', 'InjectModel']);

/**
 * Request members that carry the caller's identity or permissions besides the framework's
 * principal (`req.user`): a service constructed with one of these (`new ItemsService({
 * accountability: req.accountability })`) decides per caller which fields it writes.
 */
export const callerIdentityMembers: readonly string[] = ['accountability', 'ability', 'permissions', 'principal'];

/**
 * Entities that decide who may do what: users, their roles and permissions, memberships, sessions
 * and tokens. A whole-body write of one stays a mass-assignment finding even on a route restricted
 * to a role (see `no-mass-assignment`'s `roleCheckedRoutes`): a role check in view rarely shows it
 * is the top role, and a caller with a lesser privileged role (an editor, a builder, a tenant's
 * administrator) who writes `role` or `permissions` raises someone's rights, their own included.
 * Matched by head noun, as `defaultSensitiveModels` is.
 */
export const authorizationModels: readonly string[] = [
  'user', 'account', 'member', 'membership', 'role', 'permission', 'privilege', 'group', 'token', 'credential',
  'identity', 'principal', 'admin', 'acl', 'policy', 'grant', 'session', 'tenant', 'login', 'invitation', 'invite',
];
