import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * GraphQL servers across files, laid out the way teams write them: resolver maps in their own files
 * (importing only their services), merged in an index and handed to the server in another file; the
 * SQL in a service file; NestJS resolvers calling injected services. A resolver map in a file
 * without a GraphQL import is one when the project installs it as resolvers; a look-alike that no
 * server installs is not.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-mass-assignment': 'error',
  'api-security/no-unauthenticated-route': 'error',
  'api-security/no-whole-object-response': 'error',
};

const summary = (messages: Linter.LintMessage[]): string[] => messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.ruleId ?? ''} ${message.message}`);

const services = {
  'src/db.ts': `import { Pool } from 'pg';
export const pool = new Pool();
`,
  'src/services/users.ts': `import { pool } from '../db';
export async function searchUsers(term: string) {
  return pool.query(\`SELECT id, name FROM users WHERE name LIKE '%\${term}%'\`);
}
export async function findUser(id: string) {
  return pool.query('SELECT id, name FROM users WHERE id = $1', [id]);
}
`,
  'src/models/user.ts': `import mongoose from 'mongoose';
export const User = mongoose.model('User', new mongoose.Schema({ name: String, email: String, role: String }));
`,
};

const userResolvers = `import { searchUsers, findUser } from '../services/users';
import { User } from '../models/user';
export const userResolvers = {
  Query: {
    users: (_, { term }) => searchUsers(term),
    user: (_, { id }) => findUser(id),
  },
  Mutation: {
    createUser: (_, { input }) => User.create(input),
  },
};
`;

describe('resolver maps installed in another file', () => {
  it('merged by an index file and handed to Apollo: the map file is a GraphQL file, the SQL is reported in the service', async () => {
    const dir = writeProject({
      ...services,
      'src/graphql/users.ts': userResolvers,
      'src/graphql/posts.ts': `export const postResolvers = { Query: { posts: () => [] } };
`,
      'src/graphql/index.ts': `import merge from 'lodash.merge';
import { userResolvers } from './users';
import { postResolvers } from './posts';
export const resolvers = merge({}, userResolvers, postResolvers);
`,
      'src/server.ts': `import { ApolloServer } from '@apollo/server';
import { resolvers } from './graphql';
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/graphql/users.ts', rules))).toEqual([
      // The mutation is an entry point without authentication (the reads answer stored rows, reported only in strict).
      "9:5 api-security/no-unauthenticated-route Any client can call the GraphQL field `Mutation.createUser` (src/graphql/users.ts:9) without authentication: its resolver does not reject a context without a user (itself or through a helper it calls), and no auth wrapper, guard, `@Authorized()`, shield rule or rejecting context function runs before it. Reject anonymous callers (`if (!context.user) throw new GraphQLError(…, { extensions: { code: 'UNAUTHENTICATED' } })`) or add a guard, or list `/create-user` in `publicRoutes` if it is public by design.",
      '9:47 api-security/no-mass-assignment `input` is written whole by `User.create`: the client can set any field, including fields such as `role` or `isAdmin`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
    ]);
    expect(summary(await lintProjectFile(dir, 'src/services/users.ts', rules))).toEqual([
      '3:69 api-security/no-sql-injection `term` in src/graphql/users.ts (line 5) reaches the SQL text of `pool.query` (line 3) through `searchUsers` (called on line 5 of src/graphql/users.ts). Pass it as a bound parameter instead of building the query string.',
    ]);
  });

  it('an array of maps given to makeExecutableSchema, the map file exporting it by default', async () => {
    const dir = writeProject({
      ...services,
      'src/graphql/users.ts': `import { searchUsers } from '../services/users';
export default {
  Query: { users: (_, args) => searchUsers(args.term) },
};
`,
      'src/schema.ts': `import { makeExecutableSchema } from '@graphql-tools/schema';
import users from './graphql/users';
export const schema = makeExecutableSchema({ typeDefs: [], resolvers: [users] });
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/services/users.ts', rules))).toEqual([
      '3:69 api-security/no-sql-injection `args.term` in src/graphql/users.ts (line 3) reaches the SQL text of `pool.query` (line 3) through `searchUsers` (called on line 3 of src/graphql/users.ts). Pass it as a bound parameter instead of building the query string.',
    ]);
  });

  it('a Query map no server installs is not one, and becomes one when the server starts installing it', async () => {
    const dir = writeProject({
      ...services,
      'src/graphql/users.ts': userResolvers,
      'src/server.ts': `import { ApolloServer } from '@apollo/server';
import { userResolvers } from './graphql/users';
console.log(Object.keys(userResolvers));
export const server = new ApolloServer({ typeDefs: '', resolvers: {} });
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/graphql/users.ts', rules))).toEqual([]);
    expect(summary(await lintProjectFile(dir, 'src/services/users.ts', rules))).toEqual([]);
    writeFileSync(
      path.join(dir, 'src/server.ts'),
      `import { ApolloServer } from '@apollo/server';
import { userResolvers } from './graphql/users';
export const server = new ApolloServer({ typeDefs: '', resolvers: [userResolvers] });
`,
    );
    // The mass assignment, and the mutation without authentication.
    expect(summary(await lintProjectFile(dir, 'src/graphql/users.ts', rules))).toHaveLength(2);
  });
});

describe('NestJS resolvers and injected services', () => {
  it('the argument reaches the SQL of the injected service; a bound parameter in the same service is clean', async () => {
    const dir = writeProject({
      'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource) {}
  search(term: string) {
    return this.dataSource.query(\`SELECT id FROM users WHERE name LIKE '%\${term}%'\`);
  }
  byId(id: string) {
    return this.dataSource.query('SELECT id FROM users WHERE id = $1', [id]);
  }
}
`,
      'src/users/users.resolver.ts': `import { Args, Query, Resolver } from '@nestjs/graphql';
import { UsersService } from './users.service';
@Resolver()
export class UsersResolver {
  constructor(private readonly users: UsersService) {}
  @Query(() => [String])
  search(@Args('term') term: string) { return this.users.search(term); }
  @Query(() => String)
  user(@Args('id') id: string) { return this.users.byId(id); }
}
`,
    });
    expect(summary(await lintProjectFile(dir, 'src/users/users.resolver.ts', rules))).toEqual([]);
    expect(summary(await lintProjectFile(dir, 'src/users/users.service.ts', rules))).toEqual([
      "7:76 api-security/no-sql-injection `@Args('term') term` in src/users/users.resolver.ts (line 7) reaches the SQL text of `this.dataSource.query` (line 7) through `this.users.search` (called on line 7 of src/users/users.resolver.ts). Pass it as a bound parameter instead of building the query string.",
    ]);
  });
});
