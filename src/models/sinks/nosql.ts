import type { FallbackSinkModel, SinkModel } from '../taint-types.js';

/** Query methods whose first argument is a filter (or pipeline) object. */
export const mongoFilterMethods = [
  'find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndRemove',
  'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne', 'countDocuments', 'count', 'exists',
  'aggregate', 'where', 'remove',
] as const;

const FILTER = mongoFilterMethods.join(',');

/** MongoDB and Mongoose calls whose filter argument must not carry client objects. */
export const nosqlSinks = [
  { kind: 'nosql', library: 'mongoose', module: 'mongoose', path: `Member[model].ReturnValue.Member[${FILTER}].Argument[0]`, mode: 'filter' },
  { kind: 'nosql', library: 'mongoose', module: 'mongoose', path: `Member[connection].Member[model].ReturnValue.Member[${FILTER}].Argument[0]`, mode: 'filter' },
  { kind: 'nosql', library: 'mongoose', module: 'mongoose', path: `Member[createConnection].ReturnValue.Member[model].ReturnValue.Member[${FILTER}].Argument[0]`, mode: 'filter' },
  { kind: 'nosql', library: 'mongoose', module: 'mongoose', path: `Member[Model].Instance.Member[${FILTER}].Argument[0]`, mode: 'filter' },
  { kind: 'nosql', library: 'mongoose', module: 'mongoose', path: 'Member[model].ReturnValue.Member[distinct].Argument[1]', mode: 'filter' },
  { kind: 'nosql', library: 'mongodb', module: 'mongodb', path: `Member[MongoClient].Instance.Any*.Member[collection].ReturnValue.Member[${FILTER}].Argument[0]`, mode: 'filter' },
  { kind: 'nosql', library: 'mongodb', module: 'mongodb', path: `Member[Collection].Instance.Member[${FILTER}].Argument[0]`, mode: 'filter' },
] as const satisfies readonly SinkModel[];

/**
 * Options of SQL ORMs' `find*` calls (Sequelize, TypeORM, Objection): a first argument with one of
 * these keys is `{ where: { email } }`, not a MongoDB filter, even in a project that also uses
 * MongoDB.
 */
export const sqlOrmOptionKeys = ['where', 'attributes', 'include', 'relations'] as const;

/**
 * Models are usually defined in another file (`import User from '../models/user'`): a filter
 * method called on a capitalised or `*Model` / `*Collection` receiver, or on `db.collection(...)`.
 */
export const nosqlFallbackSinks = [
  { kind: 'nosql', library: 'mongoose', methods: mongoFilterMethods, receivers: ['/^[A-Z][A-Za-z0-9]*$/', '/(?:model|collection)$/i'], argument: 0, mode: 'filter', notWithKeys: sqlOrmOptionKeys },
  { kind: 'nosql', library: 'mongodb', methods: mongoFilterMethods, receivers: [], argument: 0, mode: 'filter', chainContains: ['collection'] },
  // The legacy `update(filter, changes)` of the MongoDB driver before 4, NeDB and MarsDB, on a
  // collection handle only: on models, `update` is also Sequelize's and TypeORM's (values first).
  { kind: 'nosql', library: 'mongodb', methods: ['update'], receivers: ['/collection$/i'], argument: 0, mode: 'filter', notWithKeys: sqlOrmOptionKeys },
  { kind: 'nosql', library: 'mongodb', methods: ['update'], receivers: [], argument: 0, mode: 'filter', chainContains: ['collection'] },
] as const satisfies readonly FallbackSinkModel[];

/**
 * Packages that talk to MongoDB. A project whose `package.json` declares none of them stores its
 * records elsewhere (knex, Bookshelf, Sequelize, ...), where a `Model.findOne(filter)` of a model
 * defined in another file is not a MongoDB filter: the fallback sinks above are not used there.
 */
export const mongoPackages = [
  'mongoose', 'mongodb', '@typegoose/typegoose', '@nestjs/mongoose', 'monk', 'mongojs', 'mongoist',
  '@mikro-orm/mongodb', 'typeorm', 'mongodb-memory-server', 'connect-mongo', '@fastify/mongodb', 'waterline', 'sails-mongo',
  // Stores that answer MongoDB's query language (operators, `$where`) without a MongoDB server.
  'marsdb', 'nedb', '@seald-io/nedb', 'nedb-promises', 'tingodb',
] as const;

/** Operators whose value MongoDB evaluates as JavaScript. */
export const mongoCodeOperators = ['$where', '$function', '$accumulator'] as const;

/** Operators that compare their value as a literal, so an object there is not an operator. */
export const mongoLiteralOperators = ['$eq'] as const;

/** Operators whose value MongoDB compiles as a regular expression. */
export const mongoRegexOperators = ['$regex'] as const;
