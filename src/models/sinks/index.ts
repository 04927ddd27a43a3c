import type { FallbackSinkModel, SinkModel, TaintKind } from '../taint-types.js';
import { nosqlFallbackSinks, nosqlSinks } from './nosql.js';
import { shellSinks } from './shell.js';
import { sqlFallbackSinks, sqlSinks } from './sql.js';

export { mongoCodeOperators, mongoFilterMethods } from './nosql.js';
export { shellPrograms } from './shell.js';
export { databaseReceiverNames } from './sql.js';

/** Every import-tracked sink, per kind. */
export const sinkModels: Readonly<Record<TaintKind, readonly SinkModel[]>> = {
  sql: sqlSinks,
  nosql: nosqlSinks,
  shell: shellSinks,
  code: [],
};

/** Name-based sinks for clients created in other files, per kind. */
export const fallbackSinkModels: Readonly<Record<TaintKind, readonly FallbackSinkModel[]>> = {
  sql: sqlFallbackSinks,
  nosql: nosqlFallbackSinks,
  shell: [],
  code: [],
};
