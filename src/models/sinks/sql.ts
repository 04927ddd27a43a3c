import type { FallbackSinkModel, SinkModel } from '../taint-types.js';

const KNEX_RAW = 'raw,whereRaw,orWhereRaw,andWhereRaw,whereNotRaw,orWhereNotRaw,havingRaw,orHavingRaw,orderByRaw,groupByRaw,joinRaw,fromRaw';
const PG_PROMISE_QUERIES = 'query,none,one,many,any,oneOrNone,manyOrNone,oneOrMany,result,multi,multiResult,each,map,stream';
const TYPEORM_CONDITIONS = 'where,andWhere,orWhere,having,andHaving,orHaving,orderBy,addOrderBy,groupBy,addGroupBy';

/** Calls that take SQL text, by driver. The checked argument is the query text. */
export const sqlSinks = [
  { kind: 'sql', library: 'pg', module: 'pg', path: 'Member[Client,Pool].Instance.Any*.Member[query].Argument[0]', placeholder: 'dollar' },
  { kind: 'sql', library: 'mysql', module: ['mysql', 'mysql2', 'mysql2/promise'], path: 'Member[createConnection,createPool,createPoolCluster].ReturnValue.Any*.Member[query,execute].Argument[0]', placeholder: 'question' },
  { kind: 'sql', library: 'sqlite3', module: 'sqlite3', path: 'Any*.Member[Database].Instance.Member[run,get,all,each,exec,prepare].Argument[0]', placeholder: 'question' },
  { kind: 'sql', library: 'better-sqlite3', module: 'better-sqlite3', path: 'Instance.Member[prepare,exec].Argument[0]' },
  { kind: 'sql', library: 'knex', module: 'knex', path: `ReturnValue.Any*.Member[${KNEX_RAW}].Argument[0]`, placeholder: 'question' },
  { kind: 'sql', library: 'knex', module: 'knex', path: `Member[knex].ReturnValue.Any*.Member[${KNEX_RAW}].Argument[0]`, placeholder: 'question' },
  // A value typed with knex's `Knex` (what `knex(config)` returns) or `Knex.Transaction`:
  // `constructor(private readonly db: Knex)`, then `this.db.raw(…)`, `this.db('t').whereRaw(…)`.
  { kind: 'sql', library: 'knex', module: 'knex', path: `Member[Knex].Any*.Member[${KNEX_RAW}].Argument[0]`, placeholder: 'question' },
  { kind: 'sql', library: 'sequelize', module: 'sequelize', path: 'Member[Sequelize].Instance.Member[query].Argument[0]' },
  { kind: 'sql', library: 'sequelize', module: 'sequelize', path: 'Instance.Member[query].Argument[0]' },
  { kind: 'sql', library: 'sequelize', module: 'sequelize', path: 'Member[literal].Argument[0]' },
  { kind: 'sql', library: 'sequelize', module: 'sequelize', path: 'Member[Sequelize].Member[literal].Argument[0]' },
  { kind: 'sql', library: 'sequelize', module: 'sequelize', path: 'Member[Sequelize].Instance.Member[literal].Argument[0]' },
  { kind: 'sql', library: 'typeorm', module: 'typeorm', path: 'Member[DataSource,EntityManager,QueryRunner,Repository,Connection].Instance.Any*.Member[query].Argument[0]', placeholder: 'dollar' },
  { kind: 'sql', library: 'typeorm', module: 'typeorm', path: `Member[DataSource,EntityManager,QueryRunner,Repository,Connection].Instance.Any*.Member[createQueryBuilder].ReturnValue.Any*.Member[${TYPEORM_CONDITIONS}].Argument[0]` },
  { kind: 'sql', library: 'typeorm', module: 'typeorm', path: `Member[getRepository,getManager,getConnection].ReturnValue.Any*.Member[createQueryBuilder].ReturnValue.Any*.Member[${TYPEORM_CONDITIONS}].Argument[0]` },
  { kind: 'sql', library: 'prisma', module: '@prisma/client', path: 'Member[PrismaClient].Instance.Member[$queryRawUnsafe,$executeRawUnsafe].Argument[0]', placeholder: 'prisma-tagged' },
  { kind: 'sql', library: 'prisma', module: '@prisma/client', path: 'Member[Prisma].Member[raw].Argument[0]' },
  { kind: 'sql', library: 'drizzle', module: 'drizzle-orm', path: 'Member[sql].Member[raw].Argument[0]' },
  { kind: 'sql', library: 'postgres', module: 'postgres', path: 'ReturnValue.Member[unsafe].Argument[0]', placeholder: 'dollar' },
  // Kysely's `sql` template binds its holes; `sql.raw` and `sql.lit` put text into the SQL as it is.
  { kind: 'sql', library: 'kysely', module: 'kysely', path: 'Member[sql].Member[raw,lit].Argument[0]' },
  // pg-promise: `pgp = pgPromise(options)`, `db = pgp(connection)`, then `db.any(text, values)`.
  { kind: 'sql', library: 'pg-promise', module: 'pg-promise', path: `ReturnValue.ReturnValue.Member[${PG_PROMISE_QUERIES}].Argument[0]`, placeholder: 'dollar' },
  { kind: 'sql', library: 'mariadb', module: 'mariadb', path: 'Member[createConnection,createPool,createPoolCluster].ReturnValue.Any*.Member[query,execute,queryStream,batch].Argument[0]', placeholder: 'question' },
  // mssql binds named `@p` inputs of a request (`.input('id', id)`): no rewrite is offered.
  { kind: 'sql', library: 'mssql', module: 'mssql', path: 'Member[query,batch].Argument[0]' },
  { kind: 'sql', library: 'mssql', module: 'mssql', path: 'Member[connect].ReturnValue.Any*.Member[query,batch].Argument[0]' },
  { kind: 'sql', library: 'mssql', module: 'mssql', path: 'Member[ConnectionPool,Request].Instance.Any*.Member[query,batch].Argument[0]' },
  // Serverless Postgres and SQLite clients: Neon (`neon(url)` returns a tag function whose `query`
  // and `unsafe` take text; its `Pool`/`Client` are pg's), Vercel Postgres, PlanetScale, libSQL
  // (Turso) and Bun's SQLite.
  { kind: 'sql', library: 'neon', module: '@neondatabase/serverless', path: 'Member[neon].ReturnValue.Member[query,unsafe].Argument[0]', placeholder: 'dollar' },
  { kind: 'sql', library: 'neon', module: '@neondatabase/serverless', path: 'Member[Client,Pool].Instance.Any*.Member[query].Argument[0]', placeholder: 'dollar' },
  { kind: 'sql', library: '@vercel/postgres', module: '@vercel/postgres', path: 'Member[sql,db].Member[query].Argument[0]', placeholder: 'dollar' },
  { kind: 'sql', library: '@vercel/postgres', module: '@vercel/postgres', path: 'Member[createPool,createClient].ReturnValue.Any*.Member[query].Argument[0]', placeholder: 'dollar' },
  { kind: 'sql', library: 'planetscale', module: '@planetscale/database', path: 'Member[connect].ReturnValue.Member[execute].Argument[0]', placeholder: 'question' },
  { kind: 'sql', library: 'planetscale', module: '@planetscale/database', path: 'Member[Client].Instance.Member[execute].Argument[0]', placeholder: 'question' },
  { kind: 'sql', library: 'libsql', module: ['@libsql/client', '@libsql/client/web'], path: 'Member[createClient].ReturnValue.Member[execute,executeMultiple].Argument[0]' },
  { kind: 'sql', library: 'bun:sqlite', module: 'bun:sqlite', path: 'Member[Database].Instance.Member[query,prepare,run,exec].Argument[0]' },
  // ClickHouse takes its text in an options object (`client.query({ query, query_params })`) and
  // binds `{name:Type}` placeholders from `query_params`: no rewrite is offered.
  { kind: 'sql', library: 'clickhouse', module: '@clickhouse/client', path: 'Member[createClient].ReturnValue.Member[query,command,exec].Argument[0]' },
  // oracledb binds `:name` or `:1` values: no rewrite is offered.
  { kind: 'sql', library: 'oracledb', module: 'oracledb', path: 'Member[getConnection,createPool].ReturnValue.Any*.Member[execute,executeMany,queryStream].Argument[0]' },
  // Neon's `sql` called as a function, not as a tag: `sql('SELECT … $1', [x])` binds its list, and
  // the text is the first argument (the tagged form `sql\`…${x}\`` binds its holes).
  { kind: 'sql', library: 'neon', module: '@neondatabase/serverless', path: 'Member[neon].ReturnValue.Argument[0]', placeholder: 'dollar' },
  // Azure Cosmos DB's SQL API: `container.items.query(text)` or `query({ query, parameters })`, with
  // `@name` parameters (no rewrite is offered).
  { kind: 'sql', library: 'cosmos', module: '@azure/cosmos', path: 'Member[CosmosClient].Instance.Any*.Member[items].Member[query].Argument[0]' },
  // BigQuery: `bigquery.query(text)` or `query({ query, params })`, `createQueryJob` alike, with `@name` parameters.
  { kind: 'sql', library: 'bigquery', module: '@google-cloud/bigquery', path: 'Member[BigQuery].Instance.Member[query,createQueryJob].Argument[0]' },
] as const satisfies readonly SinkModel[];

/** Receiver names that usually hold a database handle created in another file. */
export const databaseReceiverNames = [
  'db', 'database', 'pool', 'client', 'conn', 'connection', 'knex', 'sequelize', 'prisma', 'datasource',
  'appdatasource', 'manager', 'entitymanager', 'queryrunner', 'trx', 'tx', 'pg', 'mysql', 'sqlite', 'repo',
  'repository', 'em',
] as const;

/** SQL sinks recognised by method and receiver name when the client is not created in this file. */
export const sqlFallbackSinks = [
  { kind: 'sql', library: 'prisma', methods: ['$queryRawUnsafe', '$executeRawUnsafe'], receivers: [], argument: 0, placeholder: 'prisma-tagged' },
  { kind: 'sql', library: 'knex', methods: KNEX_RAW.split(',').filter((name) => name !== 'raw'), receivers: [], argument: 0, placeholder: 'question' },
  // `connection`: a knex instance held as a connection (Strapi's `strapi.db.connection.raw(text)`).
  { kind: 'sql', library: 'SQL client', methods: ['raw'], receivers: ['knex', 'db', 'database', 'trx', 'tx', 'connection'], argument: 0, placeholder: 'question' },
  { kind: 'sql', library: 'postgres', methods: ['unsafe'], receivers: ['sql', 'db', 'pg'], argument: 0, placeholder: 'dollar' },
  { kind: 'sql', library: 'SQL client', methods: ['query', 'execute', 'run', 'all', 'get', 'exec', 'prepare', 'each', 'queryRaw'], receivers: databaseReceiverNames, argument: 0, requireSqlText: true },
  { kind: 'sql', library: 'typeorm', methods: TYPEORM_CONDITIONS.split(','), receivers: [], argument: 0, chainContains: ['createQueryBuilder'] },
  // The driver connection of an ORM's entity manager (MikroORM `em.getConnection().execute(text, params)`).
  { kind: 'sql', library: 'SQL client', methods: ['execute'], receivers: [], argument: 0, chainContains: ['getConnection'], requireSqlText: true },
  // Sails: `sails.sendNativeQuery(sql, values)`, `Model.getDatastore().sendNativeQuery(sql, values)`
  // (`$1` placeholders on PostgreSQL, `?` on MySQL); `sails` and the models are globals, never imported.
  { kind: 'sql', library: 'sails', methods: ['sendNativeQuery'], receivers: [], argument: 0 },
  // AdonisJS Lucid: `Database.rawQuery(sql, bindings)` (v5), `db.rawQuery(sql, bindings)` (v6), `?` placeholders.
  { kind: 'sql', library: 'lucid', methods: ['rawQuery'], receivers: ['Database', 'db', 'database'], argument: 0, placeholder: 'question' },
] as const satisfies readonly FallbackSinkModel[];

/**
 * Properties of a query config object that hold the SQL text (pg `{ text, values }`, mysql2
 * `{ sql, values }`, ClickHouse `{ query, query_params }`).
 */
export const sqlQueryConfigProperties = ['text', 'sql', 'query'] as const;

/**
 * Text that starts an SQL statement: a fallback sink with `requireSqlText` is one only when the
 * static start of its argument matches (`db.get('SELECT …')`, not `cache.get(key)`).
 */
export const sqlStatementStart = /^\s*(?:\(\s*)?(?:SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|MERGE|UPSERT|CREATE|DROP|ALTER|TRUNCATE|CALL|EXEC|SHOW|DESCRIBE|PRAGMA)\b/i;
