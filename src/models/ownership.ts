/**
 * What object-level authorization looks like in the ORMs and policy libraries the plugin knows
 * (`require-ownership-check`, CWE-639). Data only: the analysis in `analysis/authorization`
 * reads it.
 */

/**
 * Field names that tie a record to a user or a tenant when the application's own models are out of
 * view. The models of the application (Prisma relations to a user, Mongoose `ref: 'User'`, TypeORM
 * `@ManyToOne(() => User)`, Sequelize `belongsTo(User)`, Drizzle `.references(() => users.id)`)
 * add their own. Compared without case, `_` and `-` (`user_id`, `userId` and `UserID` are one).
 */
export const defaultOwnerFields = [
  'userId', 'ownerId', 'authorId', 'creatorId', 'createdById', 'accountId',
  'tenantId', 'orgId', 'organizationId', 'workspaceId', 'teamId', 'companyId', 'customerId',
  // A relation object compared or filtered by its id (`owner: req.user._id`, `user: { id }`).
  'user', 'owner', 'author', 'creator', 'createdBy', 'tenant', 'organization', 'workspace',
] as const;

/**
 * Owner fields that name a tenant rather than a user (compared like owner fields, with or without
 * `Id`): a role checked on a route whose path names one of these (`/orgs/:orgId/...`) is a role in
 * that tenant, not over every record.
 */
export const tenantFields = ['tenant', 'org', 'organization', 'organisation', 'workspace', 'team', 'company', 'account', 'group', 'space'] as const;

/**
 * Models a record's owner is one of: a relation to one of these marks an owner or tenant field
 * (`user User @relation(...)`, `ref: 'Account'`, `() => Organization`).
 */
export const ownerModels = [
  'User', 'Users', 'Account', 'Accounts', 'Member', 'Members', 'Customer', 'Customers',
  'Tenant', 'Tenants', 'Organization', 'Organizations', 'Organisation', 'Org', 'Orgs',
  'Workspace', 'Workspaces', 'Team', 'Teams', 'Company', 'Companies', 'Profile', 'Profiles',
] as const;

/**
 * Record accesses by model method: the methods that read, change or delete one record (or a few)
 * by a filter or an id, per ORM shape. `by`: how the record is named:
 * - `where`: an options object whose `where` is the filter (Prisma, TypeORM `findOne`, Sequelize);
 * - `filter`: the first argument is the filter itself (Mongoose, MongoDB, TypeORM `findOneBy`);
 * - `id`: the first argument is the primary key (`findById`, `findByPk`, TypeORM `delete(id)`);
 */
export type RecordLookup = 'where' | 'filter' | 'id';

export interface RecordMethodModel {
  /** ORM label, for messages and docs. */
  orm: string;
  methods: readonly string[];
  by: RecordLookup;
  /** What the access does, for messages. */
  action: 'reads' | 'changes' | 'deletes';
  /** Reads a list by a filter: never names one record, but its owner condition shows how the app scopes the model. */
  list?: true;
}

/** Prisma client delegates: `prisma.order.findUnique({ where: { id } })`. */
export const prismaMethods = [
  { orm: 'Prisma', methods: ['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow'], by: 'where', action: 'reads' },
  { orm: 'Prisma', methods: ['update', 'upsert', 'updateMany'], by: 'where', action: 'changes' },
  { orm: 'Prisma', methods: ['delete', 'deleteMany'], by: 'where', action: 'deletes' },
  { orm: 'Prisma', methods: ['findMany', 'count', 'aggregate'], by: 'where', action: 'reads', list: true },
] as const satisfies readonly RecordMethodModel[];

/**
 * Model and repository methods of the other ORMs (Mongoose and the MongoDB driver, TypeORM
 * repositories and entity managers, Sequelize models). Called on a model, a repository or a
 * collection (see `recordReceivers`).
 */
export const modelMethods = [
  { orm: 'Mongoose', methods: ['findById', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove'], by: 'id', action: 'reads' },
  { orm: 'Sequelize', methods: ['findByPk'], by: 'id', action: 'reads' },
  // Objection: `Task.query().findById(id)`, `.deleteById(id)`, `.patchAndFetchById(id, changes)`.
  { orm: 'Objection', methods: ['deleteById', 'patchAndFetchById', 'updateAndFetchById'], by: 'id', action: 'changes' },
  // MikroORM's entity manager: `em.nativeDelete(Task, { id })`, `em.nativeUpdate(Task, { id }, changes)`.
  { orm: 'MikroORM', methods: ['nativeDelete', 'nativeUpdate'], by: 'filter', action: 'changes' },
  { orm: 'TypeORM', methods: ['findOneBy', 'findOneByOrFail', 'findBy'], by: 'filter', action: 'reads' },
  { orm: 'TypeORM', methods: ['findOneById'], by: 'id', action: 'reads' },
  { orm: 'Mongoose', methods: ['findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'updateOne', 'deleteOne', 'replaceOne'], by: 'filter', action: 'reads' },
  { orm: 'TypeORM', methods: ['findOne', 'findOneOrFail'], by: 'where', action: 'reads' },
  { orm: 'Sequelize', methods: ['destroy'], by: 'where', action: 'deletes' },
  // `update` and `delete` are read by their arguments (TypeORM criteria or id, Sequelize `where` second): see `records.ts`.
  { orm: 'Mongoose', methods: ['find', 'countDocuments'], by: 'filter', action: 'reads', list: true },
  { orm: 'TypeORM', methods: ['find', 'findAndCount'], by: 'where', action: 'reads', list: true },
  { orm: 'Sequelize', methods: ['findAll', 'findAndCountAll', 'count'], by: 'where', action: 'reads', list: true },
] as const satisfies readonly RecordMethodModel[];

/**
 * Entity managers, which name the entity first (`manager.findOne(Order, { where })` of TypeORM,
 * `em.findOneOrFail(Task, { id })` or `em.findOne(Task, id)` of MikroORM).
 */
export const entityManagers = '/^(?:em|.*manager)$/i';

/**
 * Query starters of model classes that return a builder of the model's records: Objection's
 * `Task.query()` (`Task.query(trx)`), on which `findById(id)`, `findOne({ id })` name records.
 */
export const modelQueryStarters = ['query'] as const;

/**
 * Firestore documents: `db.collection('notes').doc(id)` names a record of the collection, which
 * `get()` reads, `update`/`set` change and `delete` removes.
 */
export const documentStores = {
  collection: 'collection',
  document: 'doc',
  actions: { get: 'reads', update: 'changes', set: 'changes', delete: 'deletes' },
} as const;

/** Receivers that hold records: models (`Order`), repositories, collections, entity managers. */
export const recordReceivers = ['/^[A-Z][A-Za-z0-9]*$/', '/(?:model|repo|repository|collection|manager)$/i'] as const;

/** Receivers that are never record stores (the built-ins), whatever the method. */
export const notRecordReceivers = ['Array', 'Object', 'Promise', 'JSON', 'Math', 'Reflect', 'Map', 'Set', 'String', 'Number', 'Date', 'Intl', 'Buffer', 'URLSearchParams', 'RegExp', 'Symbol', 'Error', 'Prisma'] as const;

/** Query-builder methods that add a filter to a chain (knex, Drizzle, TypeORM query builders). */
export const builderFilterMethods = ['where', 'andWhere', 'whereIn', 'first'] as const;

/** Query-builder chains' final actions, read off the chain: knex `del`/`update`, Drizzle `delete`/`update`. */
export const builderActions = { del: 'deletes', delete: 'deletes', update: 'changes', select: 'reads', first: 'reads', from: 'reads', deleteFrom: 'deletes', updateTable: 'changes' } as const;

/**
 * Kysely's query starters, which name the table: `db.selectFrom('customers').where('id', '=', id)`,
 * `db.updateTable('t').set(values).where(...)`, `db.deleteFrom('t').where(...)`. Read as the knex
 * chains are (a `where(column, '=', value)` names the column), under kysely's label.
 */
export const kyselyStarters = ['selectFrom', 'updateTable', 'deleteFrom'] as const;

/**
 * TypeORM query builders: `repo.createQueryBuilder('o').where('o.id = :id', { id }).getOne()`,
 * `dataSource.createQueryBuilder().update(Order).set(values).where(...)`, `.delete().from(Order)`.
 * The chain starts at `start`; its conditions are SQL fragments with named parameters, given in
 * the same call or by `parameters`; `joins` name a relation of the record under an alias.
 */
export const typeormQueryBuilder = {
  start: 'createQueryBuilder',
  /** Calls whose first argument is a condition (and second its parameters); `orWhere` never scopes. */
  filters: ['where', 'andWhere'],
  /** `whereInIds(id)`: the record by its primary key. */
  byIds: ['whereInIds'],
  parameters: ['setParameter', 'setParameters'],
  /** `innerJoin('o.owner', 'u', 'u.id = :uid', { uid })`: the alias of a relation, and a condition on it. */
  joins: ['innerJoin', 'leftJoin', 'innerJoinAndSelect', 'leftJoinAndSelect'],
  /** `from(Order, 'o')`, `update(Order)`, `delete().from(Order)`, `softDelete().from(Order)`: the entity. */
  entities: ['from', 'update', 'delete', 'softDelete', 'restore'],
  actions: { update: 'changes', delete: 'deletes', softDelete: 'deletes' },
} as const;

/**
 * Tenant-scoped clients and repositories (`forTenant(orgId).order.findFirst(...)`,
 * `withTenant(orgId, (tx) => tx.order.findUnique(...))`, `scoped(req)('orders').where({ id })`):
 * the helper that makes the client is judged by its definition, where it adds a filter. A filter
 * object sits under one of `filterProperties` (`where: { ...where, tenantId }`), is assigned to one
 * (`args.where = { ...args.where, tenantId }`, Prisma's `$extends` query hooks), or is given to one
 * of `filterMethods` (`knex(table).where({ org_id })`, `.where('org_id', orgId)`).
 */
export const tenantScoping = {
  filterProperties: ['where'],
  filterMethods: ['where', 'andWhere'],
  /** A client extended in place (Prisma `prisma.$extends({ query: ... })`): its argument is the definition. */
  extensions: ['$extends'],
} as const;

/** Drizzle comparison helpers: `eq(table.id, id)` names column and value. */
export const drizzleComparisons = ['eq'] as const;

/** Drizzle's conjunction: `and(eq(t.id, id), eq(t.userId, user.id))`. */
export const drizzleConjunctions = ['and'] as const;

/**
 * SQL drivers' query methods: the text is the first argument, the values the second. Knex's `raw`
 * takes the same pair (`db.raw('… WHERE team_id = ?', [user.teamId])`).
 */
export const sqlQueryMethods = ['query', 'execute', 'one', 'oneOrNone', 'any', 'many', 'none', 'manyOrNone', 'get', 'all', 'run', 'raw'] as const;

/**
 * Prepared statements: `db.prepare(text)` makes the statement, `.bind(...values)` binds values by
 * position (Cloudflare D1), and a run method executes it, with its own arguments as the values when
 * nothing was bound (better-sqlite3's `db.prepare(text).get(id)`). `one` runs give one row.
 */
export const preparedStatements = {
  prepare: 'prepare',
  bind: 'bind',
  runs: { first: 'one', get: 'one', all: 'many', run: 'many' },
} as const;

/**
 * Named inputs given to the request before its text (mssql): `pool.request().input('id', sql.Int,
 * id).query('SELECT * FROM t WHERE id = @id')`; the name is the first argument, the value the last.
 */
export const namedInputs = { method: 'input', prefix: '@' } as const;

/** Field names that are a record's own primary key, in a filter or a column comparison. */
export const idFields = ['id', '_id', 'uuid', 'slug'] as const;

/**
 * Policy calls of well-known libraries that decide whether the caller may act on a record: CASL
 * (`ability.can('read', order)`, `ForbiddenError.from(ability).throwUnlessCan(...)`,
 * `Order.accessibleBy(ability)`), `@casl/prisma`'s `accessibleBy(ability).Order` in a `where`.
 * Matched by the last member of the callee.
 */
export const policyMethods = ['can', 'cannot', 'throwUnlessCan', 'accessibleBy', 'isAllowed', 'enforce'] as const;

/**
 * Postgres row-level security set for the request: the database itself filters rows by the caller
 * (`SELECT set_config('app.user_id', $1, true)`, `SET LOCAL app.tenant_id = ...`). Read from SQL text.
 */
export const rowLevelSecurityText = /\bset_config\s*\(|\bset\s+local\s+\w|\bset\s+(?:session\s+)?["']?app\.\w/iu;

/**
 * Members that name the caller (the authenticated principal): `req.user`, `ctx.state.user`,
 * `session.user`, `request.auth`, `res.locals.user`, a Nest `@CurrentUser() user` parameter. An
 * owner condition or comparison binds the record to the caller when its other side reads one of
 * these; a value the client sends (`req.body.userId`) never does.
 */
export const callerNames = ['user', 'currentUser', 'principal', 'me', 'auth', 'session', 'viewer', 'account', 'tenant', 'claims', 'jwt', 'token', 'userId', 'tenantId', 'orgId', 'organizationId', 'accountId', 'workspaceId', 'sub', 'uid'] as const;

/**
 * Conditions that restrict a read to records everyone may see (`{ slug, published: true }`,
 * `where({ id, is_public: true })`, `visibility: 'public'`): such a read needs no owner. Fields
 * compared like owner fields (without case, `_` and `-`); only reads are excused, never a change or
 * a delete of a public record.
 */
export const publicRecordConditions = [
  { fields: ['published', 'isPublished', 'public', 'isPublic', 'listed', 'isListed'], values: [true] },
  { fields: ['visibility', 'status', 'state', 'access'], values: ['public', 'published'] },
] as const satisfies readonly { fields: readonly string[]; values: readonly (string | boolean)[] }[];

/**
 * Types and injection decorators that make a class member a record store whatever its name
 * (`@InjectRepository(Invoice) private readonly invoices: Repository<Invoice>`,
 * `@InjectModel(Note.name) notes: Model<Note>`): the entity named in either is the model.
 */
export const recordStoreTypes = ['Repository', 'MongoRepository', 'TreeRepository', 'Model', 'ModelStatic', 'ModelCtor'] as const;
export const recordStoreInjectors = ['InjectRepository', 'InjectModel'] as const;
