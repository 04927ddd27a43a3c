import { RuleTester } from '@typescript-eslint/rule-tester';
import massAssignment from '../../src/rules/no-mass-assignment.js';
import unauthenticatedRoute from '../../src/rules/no-unauthenticated-route.js';
import wholeObjectResponse from '../../src/rules/no-whole-object-response.js';

/*
 * GraphQL resolvers for the exposure rules. A resolver's `args` written whole (or its conventional
 * `input` / `data` member) is a mass assignment, as `req.body` is. A decorated `@Args('input')`
 * whose class declares a GraphQL input type is not: the server rejects fields the type does not
 * declare. A resolver's return value goes through the schema, which sends only the selected fields
 * its type declares, so returning a record is no whole-object response. And no resolver is a route
 * for the authentication rule, which has no GraphQL-level evidence to judge.
 */
const ruleTester = new RuleTester();
const FILE = 'src/graphql/users.ts';

const PROTECTED = 'fields such as `role` or `isAdmin`';

ruleTester.run('no-mass-assignment in GraphQL resolvers', massAssignment, {
  valid: [
    {
      name: 'fields picked from the input, a schema that strips unknown keys, an id',
      filename: FILE,
      code: `import Fastify from 'fastify';
import mercurius from 'mercurius';
import { z } from 'zod';
import { User } from './models';
const app = Fastify();
const CreateUser = z.object({ name: z.string(), email: z.string() });
const resolvers = {
  Mutation: {
    pick: async (_, { input }) => User.create({ name: input.name, email: input.email }),
    validated: async (_, { input }) => User.create(CreateUser.parse(input)),
    remove: async (_, { id }) => User.findByIdAndDelete(id),
  },
};
app.register(mercurius, { schema: '', resolvers });
`,
    },
    {
      name: 'NestJS: an input type class declares the fields the server accepts',
      filename: FILE,
      code: `import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CreateUserInput } from './dto/create-user.input';
@Resolver()
export class UserResolver {
  constructor(@InjectModel('User') private readonly userModel: Model<any>) {}
  @Mutation(() => String)
  create(@Args('input') input: CreateUserInput) { return this.userModel.create(input); }
  @Mutation(() => String)
  rename(@Args('id') id: string, @Args('name') name: string) { return this.userModel.updateOne({ _id: id }, { name }); }
}
`,
    },
    {
      name: 'an object named resolvers in a file that is no GraphQL file',
      filename: FILE,
      code: `import { User } from './models';
export const resolvers = { Mutation: { createUser: (_, args) => User.create(args.input) } };
`,
    },
  ],
  invalid: [
    {
      name: 'mercurius: args.input, a destructured input, args itself',
      filename: FILE,
      code: `import Fastify from 'fastify';
import mercurius from 'mercurius';
import { User } from './models';
const app = Fastify();
const resolvers = {
  Mutation: {
    createUser: async (_, args) => User.create(args.input),
    updateUser: async (_, { id, input }) => User.findByIdAndUpdate(id, input),
    register: async (_, args) => User.create(args),
  },
};
app.register(mercurius, { schema: '', resolvers });
`,
      errors: [
        { messageId: 'massAssignment', line: 7, column: 48, endColumn: 58, data: { input: '`args.input`', sink: '`User.create`', protected: PROTECTED } },
        { messageId: 'massAssignment', line: 8, column: 72, endColumn: 77, data: { input: '`input`', sink: '`User.findByIdAndUpdate`', protected: PROTECTED } },
        { messageId: 'massAssignment', line: 9, column: 46, endColumn: 50, data: { input: '`args`', sink: '`User.create`', protected: PROTECTED } },
      ],
    },
    {
      name: 'Apollo with Prisma: the input as the data of a create',
      filename: FILE,
      code: `import { ApolloServer } from '@apollo/server';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const resolvers = {
  Mutation: { signUp: (_, { data }) => prisma.user.create({ data }) },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
      errors: [{ messageId: 'massAssignment', line: 5, column: 61, endColumn: 65, data: { input: '`data`', sink: '`prisma.user.create`', protected: PROTECTED } }],
    },
    {
      name: 'express-graphql rootValue: the input of a root function',
      filename: FILE,
      code: `import { graphqlHTTP } from 'express-graphql';
import { User } from './models';
const root = { createUser: ({ input }) => User.create(input) };
export const api = graphqlHTTP({ schema: null, rootValue: root });
`,
      errors: [{ messageId: 'massAssignment', line: 3, column: 55, endColumn: 60, data: { input: '`input`', sink: '`User.create`', protected: PROTECTED } }],
    },
    {
      name: 'NestJS: a JSON-scalar input has no declared fields',
      filename: FILE,
      code: `import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import GraphQLJSON from 'graphql-type-json';
@Resolver()
export class UserResolver {
  constructor(@InjectModel('User') private readonly userModel: Model<any>) {}
  @Mutation(() => String)
  create(@Args('input', { type: () => GraphQLJSON }) input: any) { return this.userModel.create(input); }
}
`,
      errors: [
        {
          messageId: 'massAssignment',
          line: 9,
          column: 97,
          endColumn: 102,
          data: { input: "`@Args('input', { type: () => GraphQLJSON }) input`", sink: '`this.userModel.create`', protected: PROTECTED },
        },
      ],
    },
    {
      name: 'TypeGraphQL: an untyped @Arg',
      filename: FILE,
      code: `import { Arg, Mutation, Resolver } from 'type-graphql';
import { User } from './models';
@Resolver()
export class UserResolver {
  @Mutation(() => String)
  create(@Arg('data') data) { return User.create(data); }
}
`,
      errors: [{ messageId: 'massAssignment', line: 6, column: 50, endColumn: 54, data: { input: "`@Arg('data') data`", sink: '`User.create`', protected: PROTECTED } }],
    },
  ],
});

ruleTester.run('no-whole-object-response in GraphQL resolvers', wholeObjectResponse, {
  valid: [
    {
      name: 'Apollo: a resolver returns a user record; the schema picks the fields',
      filename: FILE,
      code: `import { ApolloServer } from '@apollo/server';
import { User } from './models';
const resolvers = {
  Query: {
    user: async (_, { id }) => User.findById(id),
    me: async (_, __, ctx) => { const user = await User.findById(ctx.userId); return user; },
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
    },
    {
      name: 'NestJS: a resolver method returns a user entity',
      filename: FILE,
      code: `import { Args, Query, Resolver } from '@nestjs/graphql';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
@Resolver()
export class UserResolver {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  @Query(() => User)
  async user(@Args('id') id: string) { const user = await this.users.findOneBy({ id }); return user; }
}
`,
    },
  ],
  invalid: [],
});

ruleTester.run('no-unauthenticated-route with GraphQL resolvers', unauthenticatedRoute, {
  valid: [],
  invalid: [
    {
      // Root fields are entry points judged as routes (tests/rules/graphql-authentication.test.ts):
      // the mutation of a map installed here is reported; the resolver class, whose module
      // (`GraphQLModule.forRoot`) is not in view, is judged like a router mounted out of view.
      name: 'a mutation of a resolver map installed in view is judged; a resolver class served out of view is not reported in recommended',
      filename: FILE,
      code: `import { ApolloServer } from '@apollo/server';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { User } from './models';
const resolvers = { Mutation: { deleteUser: async (_, { id }) => User.findByIdAndDelete(id) } };
export const server = new ApolloServer({ typeDefs: '', resolvers });
@Resolver()
export class AdminResolver {
  @Mutation(() => Boolean)
  deleteUser(@Args('id') id: string) { return User.findByIdAndDelete(id); }
}
`,
      errors: [{ messageId: 'unauthenticatedResolver', line: 4 }],
    },
  ],
});
