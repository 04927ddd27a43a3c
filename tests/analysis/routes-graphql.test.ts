import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { graphqlServerModules, resolverMergeFunctions, resolverParameterDecorators } from '../../src/models/frameworks/graphql.js';
import plugin from '../../src/index.js';
import { analyze } from '../helpers/routes.js';

/*
 * GraphQL resolvers in the handler model: each shape a server is written in gives handlers (taint
 * and mass-assignment scopes) of a GraphQL style, and never a route (who may call a field is a
 * GraphQL-level question no rule judges yet).
 */

/** The handlers of a file as `style@line` of their function, in source order. */
function handlersOf(code: string, filename = 'src/schema.ts'): string[] {
  const result = analyze(code, { filename });
  expect(result.routes).toEqual([]);
  return result.handlers
    .map((handler) => ({ style: handler.style, line: handler.fn?.loc.start.line ?? 0 }))
    .sort((a, b) => a.line - b.line)
    .map((handler) => `${handler.style}@${String(handler.line)}`);
}

describe('resolver maps', () => {
  it('Apollo: arrows, method shorthand, nested type resolvers, a subscription, a wrapped and a named resolver', () => {
    const code = `import { ApolloServer } from '@apollo/server';
import { withAuth } from './auth';
async function postsOf(user, args) { return []; }
const resolvers = {
  Query: {
    user: (parent, args, context, info) => null,
    users(_, { filter }) { return []; },
    admin: withAuth((_, args) => null),
  },
  Mutation: {
    createUser: async (_, { input }) => input,
  },
  User: {
    posts: postsOf,
  },
  Subscription: {
    messageAdded: { subscribe: (_, { room }) => room },
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    expect(handlersOf(code)).toEqual(['graphql@3', 'graphql@6', 'graphql@7', 'graphql@8', 'graphql@11', 'graphql@17']);
  });

  it('Yoga: a map written inline in createSchema', () => {
    const code = `import { createYoga, createSchema } from 'graphql-yoga';
export const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { hello(name: String): String }',
    resolvers: { Query: { hello: (_, { name }) => name } },
  }),
});
`;
    expect(handlersOf(code)).toEqual(['graphql@5']);
  });

  it('mercurius: a map without root types counts because the server is given it', () => {
    const code = `import Fastify from 'fastify';
import mercurius from 'mercurius';
const app = Fastify();
const resolvers = { User: { posts(parent, args) { return []; } } };
app.register(mercurius, { schema: '', resolvers });
`;
    expect(handlersOf(code)).toEqual(['graphql@4']);
  });

  it('makeExecutableSchema: maps merged by an array, merge() and spreads', () => {
    const code = `import { makeExecutableSchema } from '@graphql-tools/schema';
import merge from 'lodash.merge';
const users = { Account: { id: (parent) => parent.id, avatar: (parent, args) => args.size } };
const posts = { Post: { body: (parent, args) => args.format } };
const tags = { Tag: { name: (parent, args) => args.lang } };
export const schema = makeExecutableSchema({ typeDefs: [], resolvers: [merge({}, users, posts), { ...tags }] });
`;
    expect(handlersOf(code)).toEqual(['graphql@3', 'graphql@3', 'graphql@4', 'graphql@5']);
  });

  it('express-graphql and graphql-http: rootValue functions take the arguments first', () => {
    const code = `import { graphqlHTTP } from 'express-graphql';
import { createHandler } from 'graphql-http/lib/use/express';
const root = { user: ({ id }) => id, search(args, context) { return args.q; } };
export const a = graphqlHTTP({ schema: null, rootValue: root });
export const b = createHandler({ schema: null, rootValue: { hello: (args) => args.name } });
`;
    expect(handlersOf(code)).toEqual(['graphql-root@3', 'graphql-root@3', 'graphql-root@5']);
  });

  it('graphql-js field configs: resolve beside type or args', () => {
    const code = `import { GraphQLObjectType, GraphQLString } from 'graphql';
export const Query = new GraphQLObjectType({
  name: 'Query',
  fields: {
    user: { type: GraphQLString, args: { id: { type: GraphQLString } }, resolve: (_, args) => args.id },
    me: { type: GraphQLString, resolve: (parent) => parent.me },
  },
});
`;
    expect(handlersOf(code)).toEqual(['graphql@5']);
  });

  it('a map with root types in a file importing a GraphQL package needs no server call', () => {
    const code = `import type { IResolvers } from '@graphql-tools/utils';
export const userResolvers: IResolvers = {
  Query: { user: (_, { id }) => id },
};
`;
    expect(handlersOf(code)).toEqual(['graphql@3']);
  });

  it('an object named resolvers in a file without a GraphQL import and without a project is not one', () => {
    const code = `import express from 'express';
export const resolvers = { Query: { user: (_, { id }) => id } };
const handlers = { Query: { run: (a, b) => b } };
`;
    expect(handlersOf(code)).toEqual([]);
  });

  it('an object with Query keys passed to a non-GraphQL call is not one', () => {
    const code = `import { configure } from './config';
configure({ resolvers: { Query: { user: (_, args) => args } } });
`;
    expect(handlersOf(code)).toEqual([]);
  });
});

describe('resolver classes', () => {
  it('NestJS: @Query, @Mutation, @ResolveField methods of a @Resolver class, not its other methods', () => {
    const code = `import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
@Resolver(() => String)
export class UserResolver {
  constructor(private readonly users: any) {}
  @Query(() => String)
  user(@Args('id') id: string) { return this.users.find(id); }
  @Mutation(() => String)
  async createUser(@Args('input') input: any) { return this.users.create(input); }
  @ResolveField()
  posts(@Parent() user: any, @Args('first') first: number) { return []; }
  helper(value: string) { return value.trim(); }
}
`;
    expect(handlersOf(code)).toEqual(['graphql-decorated@6', 'graphql-decorated@8', 'graphql-decorated@10']);
  });

  it('TypeGraphQL: @Query, @Mutation, @FieldResolver methods', () => {
    const code = `import { Arg, Args, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
@Resolver()
export class RecipeResolver {
  @Query(() => String)
  recipe(@Arg('id') id: string) { return id; }
  @Mutation(() => String)
  addRecipe(@Arg('data') data: any) { return data; }
  @FieldResolver()
  ratings(@Root() recipe: any, @Args() args: any) { return args; }
}
`;
    expect(handlersOf(code)).toEqual(['graphql-decorated@5', 'graphql-decorated@7', 'graphql-decorated@9']);
  });

  it('NestJS compiled by tsc: __decorate calls on the class and its prototype', () => {
    const code = `"use strict";
var __decorate = (this && this.__decorate) || function () {};
var __param = (this && this.__param) || function () {};
var __metadata = (this && this.__metadata) || function () {};
const graphql_1 = require("@nestjs/graphql");
const local_1 = require("./decorators");
let UserResolver = class UserResolver {
    user(ctx, { id }) { return id; }
    helper(value) { return value; }
    audited(ctx, args) { return args; }
};
__decorate([
    (0, graphql_1.Query)(),
    __param(0, (0, local_1.Ctx)()),
    __param(1, (0, graphql_1.Args)()),
    __metadata("design:paramtypes", [Object, Object])
], UserResolver.prototype, "user", null);
__decorate([
    (0, local_1.Audit)(),
], UserResolver.prototype, "audited", null);
exports.UserResolver = UserResolver = __decorate([
    (0, graphql_1.Resolver)()
], UserResolver);
`;
    expect(handlersOf(code, 'dist/user.resolver.js')).toEqual(['graphql-decorated@8']);
  });

  it('a Resolver decorator of another package is not a resolver class', () => {
    const code = `import { Resolver, Query } from './my-decorators';
@Resolver()
export class Thing {
  @Query()
  run(id: string) { return id; }
}
`;
    expect(handlersOf(code)).toEqual([]);
  });
});

// Every row of the GraphQL model is exercised: each server package marks a file as a GraphQL file,
// each merge function installs the maps it merges, each parameter decorator injects input.
describe('the GraphQL model, row by row', () => {
  it.each(graphqlServerModules)('a Query map in a file importing %s is a resolver map', (module) => {
    const code = `import * as server from '${module}';
export const resolvers = { Query: { user: (_, args) => args.id } };
`;
    expect(handlersOf(code)).toEqual(['graphql@2']);
  });

  it.each(resolverMergeFunctions)('maps merged by %s and installed are resolver maps', (merge) => {
    const code = `import { makeExecutableSchema } from '@graphql-tools/schema';
const users = { Account: { avatar: (parent, args) => args.size } };
export const schema = makeExecutableSchema({ typeDefs: [], resolvers: ${merge}({}, users) });
`;
    expect(handlersOf(code)).toEqual(['graphql@2']);
  });

  const decorators = Object.entries(resolverParameterDecorators).flatMap(([module, table]) => Object.entries(table).map(([name, role]) => ({ module, name, role })));
  it.each(decorators)('$module @$name() injects $role', ({ module, name, role }) => {
    const parameter = role === 'args' ? `@${name}('cmd') value: any` : `@${name}() value: any`;
    const read = role === 'args' ? 'value' : 'value.req.headers.cmd';
    const code = `import { ${name}, Query, Resolver } from '${module}';
import { exec } from 'node:child_process';
@Resolver()
export class R {
  @Query(() => String)
  run(${parameter}) { return exec(${read}); }
}
`;
    expect(commandFindings(code)).toEqual([6]);
  });
});

/** Lines of the command-injection findings in `code`. */
function commandFindings(code: string): number[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as never }, plugins: { 'api-security': plugin as never }, rules: { 'api-security/no-command-injection': 'error' } }],
    'src/schema.ts',
  );
  return messages.map((message) => message.line);
}
