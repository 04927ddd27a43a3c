import { RuleTester } from '@typescript-eslint/rule-tester';
import codeInjection from '../../src/rules/no-code-injection.js';
import commandInjection from '../../src/rules/no-command-injection.js';
import nosqlInjection from '../../src/rules/no-nosql-injection.js';
import pathTraversal from '../../src/rules/no-path-traversal.js';
import sqlInjection from '../../src/rules/no-sql-injection.js';
import ssrf from '../../src/rules/no-ssrf.js';

/*
 * GraphQL resolvers are handlers: a resolver's `args` (second parameter of a resolver map's
 * function, first of a graphql-js `rootValue` function), the decorated `@Args()` / `@Arg()`
 * parameters of NestJS and TypeGraphQL resolver classes, and the HTTP request the GraphQL context
 * carries are request input, reaching every injection sink. Look-alikes: bound parameters, numbers,
 * Prisma's typed filters, `path.basename`, scalar-typed arguments for MongoDB filters, and a map
 * named `resolvers` in a file that is no GraphQL file.
 */
const ruleTester = new RuleTester();
const FILE = 'src/graphql/schema.ts';

const APOLLO_PRISMA = `import { ApolloServer } from '@apollo/server';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const apolloSql = `${APOLLO_PRISMA}const resolvers = {
  Query: {
    users: (_, args) => prisma.$queryRawUnsafe(\`SELECT * FROM "User" WHERE name = '\${args.name}'\`),
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
const yogaKnex = `import { createSchema, createYoga } from 'graphql-yoga';
import knex from 'knex';
const db = knex({});
export const yoga = createYoga({
  schema: createSchema({
    typeDefs: '',
    resolvers: {
      Query: {
        search: (_, { term }) => db.raw(\`SELECT id FROM posts WHERE title LIKE '%\${term}%'\`),
      },
    },
  }),
});
`;
const nestSql = `import { Args, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
@Resolver()
export class UserResolver {
  constructor(private readonly dataSource: DataSource) {}
  @Query(() => String)
  byName(@Args('name') name: string) { return this.dataSource.query(\`SELECT * FROM users WHERE name = '\${name}'\`); }
}
`;
const rootValueSql = `import express from 'express';
import { graphqlHTTP } from 'express-graphql';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
const root = {
  user: ({ id }) => pool.query(\`SELECT * FROM users WHERE id = \${id}\`),
};
app.use('/graphql', graphqlHTTP({ schema: null, rootValue: root }));
`;

const compiledNest = `"use strict";
var __decorate = (this && this.__decorate) || function () {};
var __param = (this && this.__param) || function () {};
var __metadata = (this && this.__metadata) || function () {};
const graphql_1 = require("@nestjs/graphql");
let ProductResolver = class ProductResolver {
    constructor(dataSource) { this.dataSource = dataSource; }
    search(ctx, { term }) { return this.dataSource.query(\`SELECT id FROM product WHERE name = '\${term}'\`); }
};
__decorate([
    (0, graphql_1.Query)(),
    __param(1, (0, graphql_1.Args)()),
    __metadata("design:paramtypes", [Object, Object])
], ProductResolver.prototype, "search", null);
exports.ProductResolver = ProductResolver = __decorate([(0, graphql_1.Resolver)()], ProductResolver);
`;

ruleTester.run('no-sql-injection in GraphQL resolvers', sqlInjection, {
  valid: [
    {
      name: 'bound parameter, a number, and a typed Prisma filter',
      filename: FILE,
      code: `${APOLLO_PRISMA}const resolvers = {
  Query: {
    safe: (_, args) => prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE name = $1', args.name),
    page: (_, args) => prisma.$queryRawUnsafe(\`SELECT * FROM "User" LIMIT \${Number(args.limit)}\`),
    user: (_, { id }) => prisma.user.findUnique({ where: { id } }),
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
    },
    {
      name: 'validated by zod and Joi as numbers before the query',
      filename: FILE,
      code: `${APOLLO_PRISMA}import { z } from 'zod';
import Joi from 'joi';
const Page = z.object({ limit: z.coerce.number().int() });
const offsetSchema = Joi.number().integer();
const resolvers = {
  Query: {
    page: (_, args) => {
      const { limit } = Page.parse(args);
      const { error, value: offset } = offsetSchema.validate(args.offset);
      if (error) throw error;
      return prisma.$queryRawUnsafe(\`SELECT * FROM "User" LIMIT \${limit} OFFSET \${offset}\`);
    },
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
    },
    {
      name: 'a parse pipe makes a number',
      filename: FILE,
      code: `import { Args, Query, Resolver } from '@nestjs/graphql';
import { ParseIntPipe } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Resolver()
export class UserResolver {
  constructor(private readonly dataSource: DataSource) {}
  @Query(() => String)
  page(@Args('limit', ParseIntPipe) limit: number) { return this.dataSource.query(\`SELECT * FROM users LIMIT \${limit}\`); }
}
`,
    },
    {
      name: 'an object named resolvers in a file with no GraphQL import and no server call',
      filename: FILE,
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const resolvers = {
  Query: { user: (_, args) => pool.query(\`SELECT * FROM users WHERE id = \${args.id}\`) },
};
`,
    },
    {
      name: 'the parent object is not input',
      filename: FILE,
      code: `${APOLLO_PRISMA}const resolvers = {
  User: { posts: (user) => prisma.$queryRawUnsafe(\`SELECT * FROM "Post" WHERE "authorId" = '\${user.id}'\`) },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
    },
  ],
  invalid: [
    {
      name: 'Apollo: args in Prisma raw SQL',
      filename: FILE,
      code: apolloSql,
      errors: [
        {
          messageId: 'sqlInjection',
          line: 6,
          column: 86,
          endColumn: 95,
          data: { source: '`args.name`', sourceLine: 6, sink: 'prisma.$queryRawUnsafe', sinkLine: 6 },
          suggestions: [{ messageId: 'parameterize', output: apolloSql.replace("prisma.$queryRawUnsafe(`SELECT * FROM \"User\" WHERE name = '${args.name}'`)", 'prisma.$queryRaw`SELECT * FROM "User" WHERE name = ${args.name}`') }],
        },
      ],
    },
    {
      name: 'Yoga: a destructured argument in knex.raw',
      filename: FILE,
      code: yogaKnex,
      errors: [
        {
          messageId: 'sqlInjection',
          line: 9,
          column: 84,
          endColumn: 88,
          data: { source: '`term`', sourceLine: 9, sink: 'db.raw', sinkLine: 9 },
          suggestions: [{ messageId: 'parameterize', output: yogaKnex.replace("db.raw(`SELECT id FROM posts WHERE title LIKE '%${term}%'`)", "db.raw('SELECT id FROM posts WHERE title LIKE ?', [`%${term}%`])") }],
        },
      ],
    },
    {
      name: 'NestJS: @Args() in a TypeORM query, a string scalar still reaches SQL text',
      filename: FILE,
      code: nestSql,
      errors: [
        {
          messageId: 'sqlInjection',
          line: 7,
          column: 106,
          endColumn: 110,
          data: { source: "`@Args('name') name`", sourceLine: 7, sink: 'this.dataSource.query', sinkLine: 7 },
          suggestions: [{ messageId: 'parameterize', output: nestSql.replace("this.dataSource.query(`SELECT * FROM users WHERE name = '${name}'`)", "this.dataSource.query('SELECT * FROM users WHERE name = $1', [name])") }],
        },
      ],
    },
    {
      name: 'NestJS compiled by tsc: @Args() whole, destructured in the compiled method',
      filename: 'dist/api/product.resolver.js',
      code: compiledNest,
      errors: [
        {
          messageId: 'sqlInjection',
          line: 8,
          column: 98,
          endColumn: 102,
          data: { source: '`@Args() term`', sourceLine: 8, sink: 'this.dataSource.query', sinkLine: 8 },
        },
      ],
    },
    {
      name: 'express-graphql rootValue: the arguments are the first parameter',
      filename: FILE,
      code: rootValueSql,
      errors: [
        {
          messageId: 'sqlInjection',
          line: 7,
          column: 66,
          endColumn: 68,
          data: { source: '`id`', sourceLine: 7, sink: 'pool.query', sinkLine: 7 },
          suggestions: [{ messageId: 'parameterize', output: rootValueSql.replace('pool.query(`SELECT * FROM users WHERE id = ${id}`)', "pool.query('SELECT * FROM users WHERE id = $1', [id])") }],
        },
      ],
    },
  ],
});

const NEST_MONGO = `import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import GraphQLJSON from 'graphql-type-json';
`;

const apolloMongo = `import { ApolloServer } from '@apollo/server';
import { User } from './models';
const resolvers = { Query: { user: (_, args) => User.findOne({ email: args.email }) } };
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;

ruleTester.run('no-nosql-injection in GraphQL resolvers', nosqlInjection, {
  valid: [
    {
      name: 'NestJS: arguments declared as ID or String scalars are strings',
      filename: FILE,
      code: `${NEST_MONGO}@Resolver()
export class UserResolver {
  constructor(@InjectModel('User') private readonly userModel: Model<any>) {}
  @Query(() => String)
  byId(@Args('id', { type: () => ID }) id: string) { return this.userModel.findOne({ _id: id }); }
  @Query(() => String)
  byEmail(@Args('email') email: string) { return this.userModel.findOne({ email }); }
  @Query(() => String)
  byCode(@Args({ name: 'code', type: () => String }) code: string) { return this.userModel.findOne({ code }); }
}
`,
    },
    {
      name: 'NestJS: string fields of an input class (by TypeScript type or @Field type), read from the argument',
      filename: FILE,
      code: `${NEST_MONGO}import { Field, InputType } from '@nestjs/graphql';
@InputType()
class UserFilter {
  @Field() email: string;
  @Field(() => ID) id: string;
}
@Resolver()
export class UserResolver {
  constructor(@InjectModel('User') private readonly userModel: Model<any>) {}
  @Query(() => String)
  find(@Args('filter') filter: UserFilter) { return this.userModel.findOne({ email: filter.email, _id: filter.id }); }
}
`,
    },
    {
      name: 'TypeGraphQL: a string-typed @Arg is reflected as String',
      filename: FILE,
      code: `import { Arg, Query, Resolver } from 'type-graphql';
import { User } from './models';
@Resolver()
export class UserResolver {
  @Query(() => String)
  byEmail(@Arg('email') email: string) { return User.findOne({ email }); }
  @Query(() => String)
  byId(@Arg('id', () => String) id: any) { return User.findOne({ _id: id }); }
}
`,
    },
    {
      name: 'NestJS compiled by tsc: the compiler recorded String for the argument',
      filename: 'dist/user.resolver.js',
      code: `"use strict";
var __decorate = (this && this.__decorate) || function () {};
var __param = (this && this.__param) || function () {};
var __metadata = (this && this.__metadata) || function () {};
const graphql_1 = require("@nestjs/graphql");
const mongoose_1 = require("mongoose");
const User = (0, mongoose_1.model)('User');
let UserResolver = class UserResolver {
    byEmail(email) { return User.findOne({ email }); }
};
__decorate([
    (0, graphql_1.Query)(),
    __param(0, (0, graphql_1.Args)('email')),
    __metadata("design:paramtypes", [String])
], UserResolver.prototype, "byEmail", null);
exports.UserResolver = UserResolver = __decorate([(0, graphql_1.Resolver)()], UserResolver);
`,
    },
    {
      name: 'a resolver-map argument coerced to a string',
      filename: FILE,
      code: `import { ApolloServer } from '@apollo/server';
import { User } from './models';
const resolvers = { Query: { user: (_, args) => User.findOne({ email: String(args.email) }) } };
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
    },
  ],
  invalid: [
    {
      name: 'Apollo: a resolver-map argument may be an object (input types, JSON scalars)',
      filename: FILE,
      code: apolloMongo,
      errors: [
        {
          messageId: 'nosqlInjection',
          line: 3,
          column: 71,
          endColumn: 81,
          data: { source: '`args.email`', sourceLine: 3, sink: 'User.findOne', sinkLine: 3 },
          suggestions: [
            { messageId: 'wrapString', output: apolloMongo.replace('{ email: args.email }', '{ email: String(args.email) }') },
            { messageId: 'useEq', output: apolloMongo.replace('{ email: args.email }', '{ email: { $eq: args.email } }') },
          ],
        },
      ],
    },
    {
      name: 'NestJS: a JSON field of an input class may be an object',
      filename: FILE,
      code: `${NEST_MONGO}import { Field, InputType } from '@nestjs/graphql';
@InputType()
class UserFilter {
  @Field(() => GraphQLJSON) where: any;
}
@Resolver()
export class UserResolver {
  constructor(@InjectModel('User') private readonly userModel: Model<any>) {}
  @Query(() => String)
  find(@Args('filter') filter: UserFilter) { return this.userModel.find(filter.where); }
}
`,
      errors: [
        {
          messageId: 'nosqlInjection',
          line: 14,
          column: 73,
          endColumn: 85,
          data: { source: '`filter.where`', sourceLine: 14, sink: 'this.userModel.find', sinkLine: 14 },
        },
      ],
    },
    {
      name: 'NestJS: a JSON-scalar argument used as a filter',
      filename: FILE,
      code: `${NEST_MONGO}@Resolver()
export class UserResolver {
  constructor(@InjectModel('User') private readonly userModel: Model<any>) {}
  @Query(() => String)
  byFilter(@Args('filter', { type: () => GraphQLJSON }) filter: any) { return this.userModel.find(filter); }
}
`,
      errors: [
        {
          messageId: 'nosqlInjection',
          line: 9,
          column: 99,
          endColumn: 105,
          data: { source: "`@Args('filter', { type: () => GraphQLJS…`", sourceLine: 9, sink: 'this.userModel.find', sinkLine: 9 },
        },
      ],
    },
  ],
});

ruleTester.run('no-command-injection in GraphQL resolvers', commandInjection, {
  valid: [
    {
      name: 'mercurius: a fixed command, the argument passed as an argv element',
      filename: FILE,
      code: `import Fastify from 'fastify';
import mercurius from 'mercurius';
import { execFile } from 'node:child_process';
const app = Fastify();
const resolvers = { Mutation: { convert: (_, { file }) => execFile('convert', [file, 'out.png']) } };
app.register(mercurius, { schema: '', resolvers });
`,
    },
  ],
  invalid: [
    {
      name: 'mercurius: an argument in a shell command',
      filename: FILE,
      code: `import Fastify from 'fastify';
import mercurius from 'mercurius';
import { exec } from 'node:child_process';
const app = Fastify();
const resolvers = { Mutation: { convert: (_, { file }) => exec(\`convert \${file} out.png\`) } };
app.register(mercurius, { schema: '', resolvers });
`,
      errors: [{ messageId: 'commandInjection', line: 5, column: 75, endColumn: 79, data: { source: '`file`', sourceLine: 5, sink: 'exec', sinkLine: 5 } }],
    },
    {
      name: 'TypeGraphQL: an @Arg in a shell command',
      filename: FILE,
      code: `import { Arg, Mutation, Resolver } from 'type-graphql';
import { exec } from 'node:child_process';
@Resolver()
export class FileResolver {
  @Mutation(() => String)
  convert(@Arg('file') file: string) { exec(\`convert \${file} out.png\`); return 'ok'; }
}
`,
      errors: [{ messageId: 'commandInjection', line: 6, column: 56, endColumn: 60, data: { source: "`@Arg('file') file`", sourceLine: 6, sink: 'exec', sinkLine: 6 } }],
    },
  ],
});

ruleTester.run('no-ssrf in GraphQL resolvers', ssrf, {
  valid: [
    {
      name: 'what the project context function computed is not the request',
      filename: FILE,
      code: `import { createSchema, createYoga } from 'graphql-yoga';
const resolvers = { Query: { me: async (_, __, context) => fetch(context.config.profileUrl) } };
export const yoga = createYoga({ schema: createSchema({ typeDefs: '', resolvers }) });
`,
    },
  ],
  invalid: [
    {
      name: "Yoga: a header of the context's Fetch request",
      filename: FILE,
      code: `import { createSchema, createYoga } from 'graphql-yoga';
const resolvers = { Query: { preview: async (_, __, context) => fetch(context.request.headers.get('x-preview-url')) } };
export const yoga = createYoga({ schema: createSchema({ typeDefs: '', resolvers }) });
`,
      errors: [{ messageId: 'ssrf', line: 2, column: 71, endColumn: 115, data: { source: "`context.request.headers.get('x-preview-…`", sourceLine: 2, sink: 'fetch', sinkLine: 2, via: '' } }],
    },
    {
      name: 'NestJS: @Context() request headers',
      filename: FILE,
      code: `import { Context, Query, Resolver } from '@nestjs/graphql';
@Resolver()
export class PreviewResolver {
  @Query(() => String)
  preview(@Context() ctx: any) { return fetch(ctx.req.headers['x-preview-url']); }
}
`,
      errors: [{ messageId: 'ssrf', line: 5, column: 47, endColumn: 79, data: { source: "`ctx.req.headers['x-preview-url']`", sourceLine: 5, sink: 'fetch', sinkLine: 5, via: '' } }],
    },
  ],
});

ruleTester.run('no-path-traversal in GraphQL resolvers', pathTraversal, {
  valid: [
    {
      name: 'only the base name of the argument',
      filename: FILE,
      code: `import { Arg, Query, Resolver } from 'type-graphql';
import fs from 'node:fs';
import path from 'node:path';
@Resolver()
export class FileResolver {
  @Query(() => String)
  read(@Arg('name') name: string) { return fs.readFileSync(path.join('/srv/files', path.basename(name)), 'utf8'); }
}
`,
    },
  ],
  invalid: [
    {
      name: 'TypeGraphQL: an @Arg in a file path',
      filename: FILE,
      code: `import { Arg, Query, Resolver } from 'type-graphql';
import fs from 'node:fs';
import path from 'node:path';
@Resolver()
export class FileResolver {
  @Query(() => String)
  read(@Arg('name') name: string) { return fs.readFileSync(path.join('/srv/files', name), 'utf8'); }
}
`,
      errors: [{ messageId: 'pathTraversal', line: 7, column: 84, endColumn: 88, data: { source: "`@Arg('name') name`", sourceLine: 7, sink: 'fs.readFileSync', sinkLine: 7, via: '' } }],
    },
    {
      name: "NestJS: an uploaded file's client-chosen name in the path it is written to",
      filename: FILE,
      code: `import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { createWriteStream } from 'node:fs';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
@Resolver()
export class UploadResolver {
  @Mutation(() => Boolean)
  async upload(@Args({ name: 'file', type: () => GraphQLUpload }) file: Promise<{ filename: string; createReadStream: () => NodeJS.ReadableStream }>) {
    const { filename, createReadStream } = await file;
    createReadStream().pipe(createWriteStream(\`./uploads/\${filename}\`));
    return true;
  }
}
`,
      errors: [{ messageId: 'pathTraversal', line: 9, column: 60, endColumn: 68, data: { source: "`@Args({ name: 'file', type: () => Graph…`", sourceLine: 8, sink: 'createWriteStream', sinkLine: 9, via: '' } }],
    },
  ],
});

ruleTester.run('no-code-injection in GraphQL resolvers', codeInjection, {
  valid: [
    {
      name: 'parsed as JSON, not evaluated',
      filename: FILE,
      code: `import { ApolloServer } from '@apollo/server';
const resolvers = { Query: { calc: (_, args) => JSON.parse(args.expr) } };
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
    },
  ],
  invalid: [
    {
      name: 'Apollo: an argument evaluated',
      filename: FILE,
      code: `import { ApolloServer } from '@apollo/server';
const resolvers = { Query: { calc: (_, args) => eval(args.expr) } };
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
      errors: [{ messageId: 'codeInjection', line: 2, column: 54, endColumn: 63, data: { source: '`args.expr`', sourceLine: 2, sink: 'eval', sinkLine: 2, via: '' } }],
    },
  ],
});
