/**
 * What makes a route need a caller (`no-unauthenticated-route`'s `reportRoutes: 'sensitive'`): the
 * HTTP methods that do not change state, and the store, file and process operations whose presence
 * in a read-only handler is evidence it does. Store reads are the exposure model's
 * (`recordReadMethods`, SQL text, query builders); these tables only add what a read-only handler
 * may do besides reading. Data only.
 */

import type { RequestStyle } from './frameworks/request-inputs.js';

/**
 * Safe methods (RFC 9110, 9.2.1): a request with them is not meant to change state. Any other
 * method, `ALL`, and a registration without a method (middleware-style) may change it.
 */
export const safeHttpMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * ORM, ODM and driver methods that write or delete stored records (Mongoose/MongoDB, Prisma,
 * TypeORM, Sequelize, Objection, Drizzle). Names that other objects have in common use (`set`,
 * `add`, `push`) are left out, and the receiver of these must also name a store (see
 * `storeWriteReceiver`): `db.subscriptions.delete(id)` writes, a `Map`'s `cache.delete(id)` does not.
 */
export const storeWriteMethods: ReadonlySet<string> = new Set([
  'create', 'createMany', 'bulkCreate', 'insert', 'insertOne', 'insertMany', 'save', 'update',
  'updateMany', 'updateOne', 'upsert', 'replaceOne', 'findByIdAndUpdate', 'findOneAndUpdate',
  'findOneAndReplace', 'findByIdAndDelete', 'findOneAndDelete', 'findByIdAndRemove',
  'findOneAndRemove', 'delete', 'del', 'deleteOne', 'deleteMany', 'destroy', 'remove', 'softDelete', 'restore',
  'increment', 'decrement', 'truncate', 'patch', 'patchAndFetchById', 'updateAndFetchById',
  'insertAndFetch', 'insertGraph', 'upsertGraph', 'bulkWrite', 'executeRaw', '$executeRaw',
  '$executeRawUnsafe', 'drop', 'dropCollection', 'dropDatabase', 'purge',
]);

/**
 * Store reads that answer a number or a boolean, not records (`count`, `exists`): they do not
 * carry stored data to a response, but one keyed by the request is still a read of the store for
 * that request (an existence test of an e-mail address).
 */
export const storeQueryMethods: ReadonlySet<string> = new Set([
  'count', 'countDocuments', 'estimatedDocumentCount', 'exists', 'exist', 'existsBy', 'countBy',
  'aggregate', 'distinct',
]);

/**
 * Receivers (the head of the call's receiver, lower-cased) that name a store, for the write
 * methods above when the exposure model does not name the entity: `db.users.update`,
 * `prisma.user.delete` and `this.usersRepository.remove` name it; `cache.delete` does not.
 */
export const storeWriteReceiver = /(?:^|\.)(?:prisma|db|database|knex|sequelize|mongoose|repo|repository|\w+repository|\w+repo|\w*model|collection|em|manager|entitymanager|datasource|trx|tx|pool|client|connection|conn|supabase|drizzle)(?:\.|$)|^[A-Z]\w*$/u;

/** Modules whose functions write files or run commands, by name: a read-only handler that calls one changes the server. */
export const serverChangingFunctions: readonly { modules: readonly string[]; names: readonly string[] }[] = [
  {
    modules: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'fs-extra', 'graceful-fs'],
    names: [
      'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'unlink', 'unlinkSync', 'rm', 'rmSync',
      'rmdir', 'rmdirSync', 'mkdir', 'mkdirSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync',
      'cp', 'cpSync', 'createWriteStream', 'truncate', 'truncateSync', 'chmod', 'chmodSync', 'remove',
      'removeSync', 'outputFile', 'outputFileSync', 'writeJson', 'writeJsonSync', 'outputJson', 'emptyDir',
      'move', 'moveSync', 'symlink', 'symlinkSync',
    ],
  },
  {
    modules: ['child_process', 'node:child_process', 'execa', 'shelljs'],
    names: ['exec', 'execSync', 'spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork', 'execa', 'execaSync', 'execaCommand', 'execaCommandSync', '$'],
  },
];

/**
 * Handler styles whose return value is what the client receives, beyond the exposure model's
 * response sinks: a GraphQL resolver answers the fields of what it returns that the query selects
 * among those its type declares. Not a whole-object response (the schema picks the fields), but
 * stored data all the same.
 */
export const returnAnsweringStyles: ReadonlySet<RequestStyle> = new Set<RequestStyle>(['graphql', 'graphql-root', 'graphql-decorated']);

/**
 * Calls of a store read chain whose arguments list the columns it answers: Knex `select('id',
 * 'title')`, `column(…)`, `first('id')`, `pluck('title')`, Mongoose `select('title author')`.
 */
export const projectionMethods: ReadonlySet<string> = new Set(['select', 'column', 'columns', 'first', 'pluck']);

/**
 * Words of a column or field name that say it holds personal data: how to reach, find or identify
 * a person (`email`, `contact_phone`, `homeAddress`, `date_of_birth`). A read that answers one of
 * these is about people, not a catalogue. Compared with the lower-case words of the name.
 */
export const personalFieldWords: ReadonlySet<string> = new Set([
  'email', 'mail', 'phone', 'mobile', 'telephone', 'cell', 'fax', 'address', 'street', 'postcode',
  'zip', 'zipcode', 'birth', 'birthday', 'birthdate', 'dob', 'ssn', 'passport', 'iban', 'salary',
]);

/** Functions of `fs` that read a file's content: with a request-chosen path, they answer any file. */
export const fileReadFunctions: ReadonlySet<string> = new Set([
  'readFile', 'readFileSync', 'createReadStream', 'readJson', 'readJsonSync', 'readdir', 'readdirSync',
]);

/** Response methods that send a file from disk by path (`res.sendFile(path)`, `res.download(path)`). */
export const fileResponseMethods: ReadonlySet<string> = new Set(['sendFile', 'sendfile', 'download']);

/** The request member a handler writes to change the caller's session (`req.session.userId = …`). */
export const sessionMembers: ReadonlySet<string> = new Set(['session']);

/**
 * Methods that run SQL text given as their first argument (or as a tagged template), beyond the
 * exposure model's `sqlQueryMethods`: Prisma's raw queries, Knex's `raw`, SQLite's `run`/`exec`/`prepare`.
 * The text decides whether it reads or writes.
 */
export const rawSqlMethods: ReadonlySet<string> = new Set([
  '$queryRaw', '$queryRawUnsafe', '$executeRaw', '$executeRawUnsafe', 'raw', 'run', 'exec', 'prepare', 'unsafe',
]);

/**
 * Methods that read a store when called on one (the receiver names a store, see
 * `storeWriteReceiver`), projections included: the exposure model's record reads, and the query
 * builders' steps (Drizzle's `select().from()`, Knex's `select`/`first`, Objection's `query()`,
 * Cloudflare D1's `first`/`all`). A projection answers fields of records, which need a caller as
 * the records do.
 */
export const storeReadMethods: ReadonlySet<string> = new Set([
  'find', 'findAll', 'findMany', 'findBy', 'findAndCount', 'findAndCountAll', 'findOne', 'findOneBy',
  'findOneOrFail', 'findById', 'findByPk', 'findUnique', 'findUniqueOrThrow', 'findFirst',
  'findFirstOrThrow', 'findByIds', 'select', 'selectDistinct', 'from', 'first', 'query', 'getMany',
  'getOne', 'getRawMany', 'getRawOne', 'paginate', 'lean', 'populate', 'toArray', 'scan', 'pluck',
]);

/**
 * ORM and driver methods that add records (a subset of `storeWriteMethods`): a first-run route that
 * refuses once a store holds records must be the one that adds them (`if (await db.users.count() > 0)
 * return …; await db.users.create(…)`), or its refusal is not about its own work.
 */
export const storeInsertMethods: ReadonlySet<string> = new Set([
  'create', 'createMany', 'bulkCreate', 'insert', 'insertOne', 'insertMany', 'save', 'upsert',
  'insertAndFetch', 'insertGraph', 'upsertGraph',
]);

/**
 * Store reads whose answer is one record or none (`findOne`, SQLite's `get`, a driver's `first`):
 * truthy exactly when a matching record exists, so `if (await User.findOne()) return …` tests that
 * the store holds one.
 */
export const storeRecordMethods: ReadonlySet<string> = new Set([
  'findOne', 'findFirst', 'findOneBy', 'first', 'get', 'one', 'oneOrNone', 'exists', 'exist',
]);

/**
 * Names of HTTP error statuses in the constant tables of well-known libraries (NestJS `HttpStatus`,
 * http-status-codes `StatusCodes`, Fastify's and verdaccio's `statusCode`, `http2.constants` without
 * their prefix), with their codes: `reply.code(HttpStatus.NOT_FOUND)` answers 404.
 */
export const httpErrorStatusNames: ReadonlyMap<string, number> = new Map([
  ['BAD_REQUEST', 400], ['UNAUTHORIZED', 401], ['PAYMENT_REQUIRED', 402], ['FORBIDDEN', 403], ['NOT_FOUND', 404],
  ['METHOD_NOT_ALLOWED', 405], ['NOT_ACCEPTABLE', 406], ['CONFLICT', 409], ['GONE', 410], ['UNPROCESSABLE_ENTITY', 422],
  ['TOO_MANY_REQUESTS', 429], ['INTERNAL_SERVER_ERROR', 500], ['INTERNAL_ERROR', 500], ['NOT_IMPLEMENTED', 501], ['SERVICE_UNAVAILABLE', 503],
]);

/**
 * What a self-contained handler may do with its own request and response (see `selfContained` in
 * `analysis/routes/sensitivity.ts`): the members it may go through (`c.req`, `request.headers`,
 * `req.query`) and the methods it may call on them, which answer, set a header or a cookie of this
 * answer, or read what the request sent. Members that reach shared state (`req.app`, `res.locals`,
 * `c.env`, `ctx.state`, `req.session`) and methods that act (`req.login`, `session.destroy`) are
 * not among them.
 */
export const selfContainedMembers: ReadonlySet<string> = new Set([
  'req', 'res', 'request', 'response', 'raw', 'headers', 'query', 'params', 'url', 'nextUrl', 'searchParams', 'cookies',
]);
export const selfContainedMethods: ReadonlySet<string> = new Set([
  'status', 'code', 'json', 'send', 'end', 'write', 'writeHead', 'setHeader', 'header', 'set', 'type', 'redirect',
  'text', 'html', 'body', 'cookie', 'clearCookie', 'append', 'get', 'getHeader', 'sendStatus', 'jsonp', 'throw',
  'contentType', 'vary', 'location', 'attachment', 'render', 'formData', 'arrayBuffer', 'blob', 'param', 'valid',
  'parseBody', 'has', 'getAll', 'removeHeader', 'hasHeader', 'accepts', 'is', 'newResponse', 'notFound',
]);

/** Global functions that compute a value and act on nothing: a self-contained handler may call them. */
export const pureGlobalFunctions: ReadonlySet<string> = new Set([
  'String', 'Number', 'Boolean', 'BigInt', 'Symbol', 'parseInt', 'parseFloat', 'isNaN', 'isFinite',
  'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'structuredClone',
]);

/** Global classes a self-contained handler may construct: values and answers, no connections. */
export const pureGlobalClasses: ReadonlySet<string> = new Set([
  'Date', 'URL', 'URLSearchParams', 'Map', 'Set', 'Error', 'TypeError', 'RangeError', 'Response', 'Headers', 'RegExp', 'Array', 'Object',
]);

/** Methods of the builtin objects that change the object they are given (`Object.assign(config, body)`). */
export const mutatingBuiltinMethods: ReadonlySet<string> = new Set([
  'assign', 'defineProperty', 'defineProperties', 'setPrototypeOf', 'set', 'deleteProperty',
]);
