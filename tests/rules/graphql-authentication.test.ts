import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * GraphQL root fields are entry points: `no-unauthenticated-route` judges each resolver of `Query`,
 * `Mutation` and `Subscription` by the same evidence as a route. What authenticates it: its body
 * (or a helper of the project it calls) rejecting a context without a user, a wrapper whose
 * definition does, NestJS guards, TypeGraphQL's `@Authorized()`, graphql-shield rules that check
 * the user, a context function that throws without a valid token. A mutation is a write (reported
 * in `recommended`); a query is a read (reported when it answers stored data, or in `strict`).
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const strict: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report', delegatedAuthorization: 'report', reportRoutes: 'all' }],
};

/** `<line> <field or message id>`: the field a finding names, or the start of its message. */
const fields = (messages: readonly Linter.LintMessage[]): string[] =>
  messages.map((message) => {
    const field = /GraphQL field `([^`]+)`|GraphQL `([^`]+)`/u.exec(message.message);
    const kind = message.message.includes('relies on') ? 'unknown' : message.message.includes('admits anonymous') ? 'delegated' : 'unauthenticated';
    return `${String(message.line)} ${field?.[1] ?? field?.[2] ?? message.message.slice(0, 60)} ${kind}`;
  });

const lint = async (files: Record<string, string>, file: string, rules = recommended): Promise<string[]> => fields(await lintProjectFile(writeProject(files), file, rules));

const store = `export const db = {
  invoice: { update: async (q: unknown) => q, findMany: async (q: unknown) => [q], delete: async (q: unknown) => q },
  post: { delete: async (q: unknown) => q, findMany: async (q: unknown) => [q], create: async (q: unknown) => q },
};
`;

describe('Apollo resolver maps', () => {
  it('a mutation without a check is reported; its siblings that check the context, or call a helper that throws, are not', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { db } from './db';

function requireUser(ctx) {
  if (!ctx.user) throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
  return ctx.user;
}

const resolvers = {
  Query: {
    health: () => 'ok',
  },
  Mutation: {
    editPost: async (_parent, args, ctx) => {
      requireUser(ctx);
      return db.post.create({ data: args });
    },
    archivePost: async (_parent, { id }, context) => {
      if (!context.user) throw new Error('Unauthorized');
      return db.post.delete({ where: { id } });
    },
    adminRemovePost: async (_parent, { id }) => db.post.delete({ where: { id } }),
  },
};

export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    expect(await lint({ 'src/db.ts': store, 'src/server.ts': server }, 'src/server.ts')).toEqual(['23 Mutation.adminRemovePost unauthenticated']);
  });

  it('a helper named requireUser whose body does not reject stays reported', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
import { db } from './db';
// Only reads the user: a context without one goes on.
function requireUser(ctx) {
  return ctx.user ?? null;
}
const resolvers = {
  Mutation: {
    deletePost: async (_p, { id }, ctx) => {
      requireUser(ctx);
      return db.post.delete({ where: { id } });
    },
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    expect(await lint({ 'src/db.ts': store, 'src/server.ts': server }, 'src/server.ts')).toEqual(['9 Mutation.deletePost unauthenticated']);
  });

  it('a context function that throws without a valid token authenticates every resolver of its server, in another file too', async () => {
    const files = {
      'src/db.ts': store,
      'src/auth.ts': `import jwt from 'jsonwebtoken';
import { GraphQLError } from 'graphql';
export async function buildContext({ req }) {
  const token = req.headers.authorization ?? '';
  const user = await verifySession(token);
  if (!user) throw new GraphQLError('Not signed in', { extensions: { code: 'UNAUTHENTICATED' } });
  return { user };
}
async function verifySession(token) {
  return jwt.verify(token, process.env.SECRET);
}
`,
      'src/resolvers/invoices.ts': `import { db } from '../db';
export const invoiceResolvers = {
  Mutation: {
    markInvoicePaid: (_p, { id }) => db.invoice.update({ where: { id }, data: { paid: true } }),
  },
};
`,
      // Apollo Server 4 takes the context where the server is started.
      'src/server.ts': `import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { invoiceResolvers } from './resolvers/invoices';
import { buildContext } from './auth';
const server = new ApolloServer({ typeDefs: '', resolvers: [invoiceResolvers] });
startStandaloneServer(server, { context: buildContext });
`,
    };
    expect(await lint(files, 'src/resolvers/invoices.ts')).toEqual([]);
    const yoga = {
      ...files,
      'src/server.ts': `import { createYoga, createSchema } from 'graphql-yoga';
import { invoiceResolvers } from './resolvers/invoices';
import { buildContext } from './auth';
export const yoga = createYoga({ schema: createSchema({ typeDefs: '', resolvers: [invoiceResolvers] }), context: buildContext });
`,
    };
    expect(await lint(yoga, 'src/resolvers/invoices.ts')).toEqual([]);
    // A context that swallows the failed check and goes on without a user authenticates nobody.
    const swallowed = {
      ...files,
      'src/server.ts': `import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { invoiceResolvers } from './resolvers/invoices';
import { buildContext } from './auth';
const server = new ApolloServer({ typeDefs: '', resolvers: [invoiceResolvers] });
startStandaloneServer(server, {
  context: async (args) => {
    try { return await buildContext(args); } catch { return {}; }
  },
});
`,
    };
    expect(await lint(swallowed, 'src/resolvers/invoices.ts')).toEqual(['4 Mutation.markInvoicePaid unauthenticated']);
  });

  it('a context function that only reads an optional user authenticates nobody', async () => {
    const server = `import { createYoga, createSchema } from 'graphql-yoga';
import jwt from 'jsonwebtoken';
import { db } from './db';
const resolvers = {
  Mutation: {
    deletePost: (_p, { id }) => db.post.delete({ where: { id } }),
  },
};
export const yoga = createYoga({
  schema: createSchema({ typeDefs: '', resolvers }),
  context: ({ request }) => {
    const token = request.headers.get('authorization');
    let user = null;
    try { user = token ? jwt.verify(token, process.env.SECRET) : null; } catch { user = null; }
    return { user };
  },
});
`;
    expect(await lint({ 'src/db.ts': store, 'src/server.ts': server }, 'src/server.ts')).toEqual(['6 Mutation.deletePost unauthenticated']);
  });

  it('a wrapper whose definition rejects a context without a user authenticates; one that only logs does not', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { db } from './db';
const authenticated = (resolve) => (parent, args, ctx, info) => {
  if (!ctx.user) throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  return resolve(parent, args, ctx, info);
};
const timed = (resolve) => async (parent, args, ctx, info) => {
  const started = Date.now();
  try { return await resolve(parent, args, ctx, info); } finally { console.log(Date.now() - started); }
};
const resolvers = {
  Mutation: {
    deletePost: authenticated((_p, { id }) => db.post.delete({ where: { id } })),
    removeInvoice: timed((_p, { id }) => db.invoice.delete({ where: { id } })),
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    expect(await lint({ 'src/db.ts': store, 'src/server.ts': server }, 'src/server.ts')).toEqual(['15 Mutation.removeInvoice unauthenticated']);
  });

  it('combineResolvers runs its guard resolvers first: one that throws without a user authenticates, one that only logs does not', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
import { combineResolvers, skip } from 'graphql-resolvers';
import { db } from './db';
const isAuthenticated = (_parent, _args, { user }) => {
  if (!user) throw new Error('Not authenticated');
  return skip;
};
const logged = (_parent, args) => {
  console.log(args);
  return skip;
};
const resolvers = {
  Mutation: {
    deletePost: combineResolvers(isAuthenticated, (_p, { id }) => db.post.delete({ where: { id } })),
    removeInvoice: combineResolvers(logged, (_p, { id }) => db.invoice.delete({ where: { id } })),
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    expect(await lint({ 'src/db.ts': store, 'src/server.ts': server }, 'src/server.ts')).toEqual(['15 Mutation.removeInvoice unauthenticated']);
  });

  it('an access wrapper built from an action (`acl(action)(resolve)`) is judged by its definition', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
import { db } from './db';
const acl = (action) => (resolve) => async (root, params, context) => {
  if (!context.userId) throw new Error('Permission denied: ' + action);
  return resolve(root, params, context);
};
const resolvers = {
  Mutation: {
    removeInvoice: acl('removeInvoice')((_r, { id }) => db.invoice.delete({ where: { id } })),
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    expect(await lint({ 'src/db.ts': store, 'src/server.ts': server }, 'src/server.ts')).toEqual([]);
  });

  it('a wrapper out of view (`withAuth` of another package) is silent in recommended and unknown in strict', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
import { withAuth } from 'some-auth-kit';
import { db } from './db';
const resolvers = {
  Mutation: {
    deletePost: withAuth((_p, { id }) => db.post.delete({ where: { id } })),
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    const files = { 'src/db.ts': store, 'src/server.ts': server };
    expect(await lint(files, 'src/server.ts')).toEqual([]);
    expect(await lint(files, 'src/server.ts', strict)).toEqual(['6 Mutation.deletePost unknown']);
  });

  it('public-by-design names are not reported: login, signup, resetPassword; an administrative look-alike is', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
import { db } from './db';
const resolvers = {
  Mutation: {
    login: (_p, { email }) => db.post.create({ data: { email } }),
    signUp: (_p, { email }) => db.post.create({ data: { email } }),
    resetPassword: (_p, { email }) => db.post.create({ data: { email } }),
    deleteUser: (_p, { id }) => db.post.delete({ where: { id } }),
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    expect(await lint({ 'src/db.ts': store, 'src/server.ts': server }, 'src/server.ts')).toEqual(['8 Mutation.deleteUser unauthenticated']);
  });

  it('a query that answers nothing stored is reported only in strict', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
const resolvers = {
  Query: {
    version: () => '1.2.3',
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    expect(await lint({ 'src/server.ts': server }, 'src/server.ts')).toEqual([]);
    expect(await lint({ 'src/server.ts': server }, 'src/server.ts', strict)).toEqual(['4 Query.version unauthenticated']);
  });

  it('a query that answers stored data is reported in strict, and in recommended only when its name is privileged', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
import { db } from './db';
const resolvers = {
  Query: {
    posts: () => db.post.findMany({ take: 20 }),
    adminInvoices: () => db.invoice.findMany({}),
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    const files = { 'src/db.ts': store, 'src/server.ts': server };
    expect(await lint(files, 'src/server.ts')).toEqual(['6 Query.adminInvoices unauthenticated']);
    expect(await lint(files, 'src/server.ts', strict)).toEqual(['5 Query.posts unauthenticated', '6 Query.adminInvoices unauthenticated']);
  });

  it('a context destructured in the parameters (`{ user, dataSources }`) and its user checked authenticates; a check of another member does not', async () => {
    const server = `import { ApolloServer } from '@apollo/server';
const resolvers = {
  Query: {
    stock: (_p, { sku }, { dataSources, user }) => {
      if (!user) throw new Error('Unauthenticated');
      return dataSources.inventory.levels(sku);
    },
    prices: (_p, { sku }, { dataSources, locale }) => {
      if (!locale) throw new Error('Missing locale');
      return dataSources.inventory.prices(sku);
    },
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`;
    expect(await lint({ 'src/server.ts': server }, 'src/server.ts', strict)).toEqual(['8 Query.prices unauthenticated']);
  });

  it('a resolver map whose server is out of view is judged like a router mounted nowhere in view', async () => {
    const resolvers = `import type { IResolvers } from '@graphql-tools/utils';
import { db } from './db';
export const resolvers: IResolvers = {
  Mutation: {
    deletePost: (_p, { id }) => db.post.delete({ where: { id } }),
  },
};
`;
    const files = { 'src/db.ts': store, 'src/resolvers.ts': resolvers };
    expect(await lint(files, 'src/resolvers.ts')).toEqual([]);
    expect(await lint(files, 'src/resolvers.ts', strict)).toEqual(['5 Mutation.deletePost unauthenticated']);
    // With the honest wording of a router mounted nowhere: the server is unknown, not unauthenticated.
    const [message, ...rest] = await lintProjectFile(writeProject(files), 'src/resolvers.ts', strict);
    expect(rest).toEqual([]);
    expect(message?.messageId).toBe('unresolvedServerResolver');
    expect(message?.message).toContain('the server that serves it was not found');
    expect(message?.message).not.toContain('without authentication');
    // Served in view without a check, the same field keeps the resolver's own report.
    const served = { ...files, 'src/server.ts': "import { ApolloServer } from '@apollo/server';\nimport { resolvers } from './resolvers';\nexport const server = new ApolloServer({ typeDefs: '', resolvers });\n" };
    expect((await lintProjectFile(writeProject(served), 'src/resolvers.ts', strict)).map((found) => found.messageId)).toEqual(['unauthenticatedResolver']);
  });
});

describe('GraphQL Yoga createSchema', () => {
  it('a field that lacks the requireUser(ctx) its siblings call is reported, the helper judged in its own file', async () => {
    const files = {
      'src/db.ts': store,
      'src/lib/auth.js': `import { GraphQLError } from 'graphql';
export function requireUser(ctx) {
  if (!ctx.currentUser) {
    throw new GraphQLError('You must be signed in', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return ctx.currentUser;
}
`,
      'src/schema/resolvers.js': `import { requireUser } from '../lib/auth.js';
import { db } from '../db.ts';
export const resolvers = {
  Mutation: {
    createPost: (_p, { title }, ctx) => {
      const user = requireUser(ctx);
      return db.post.create({ data: { title, authorId: user.id } });
    },
    removePost: async (_p, { id }, ctx) => {
      requireUser(ctx);
      return db.post.delete({ where: { id } });
    },
    purgePost: async (_p, { id }) => db.post.delete({ where: { id } }),
  },
};
`,
      'src/server.js': `import { createServer } from 'node:http';
import { createYoga, createSchema } from 'graphql-yoga';
import { resolvers } from './schema/resolvers.js';
const yoga = createYoga({ schema: createSchema({ typeDefs: '', resolvers }) });
createServer(yoga).listen(4000);
`,
    };
    expect(await lint(files, 'src/schema/resolvers.js')).toEqual(['13 Mutation.purgePost unauthenticated']);
  });
});

describe('NestJS @Resolver classes', () => {
  const appModule = `import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver } from '@nestjs/apollo';
@Module({ imports: [GraphQLModule.forRoot({ driver: ApolloDriver, autoSchemaFile: true })] })
export class AppModule {}
`;
  const guard = `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
@Injectable()
export class GqlAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext) {
    const request = GqlExecutionContext.create(context).getContext().req;
    return !!request.user;
  }
}
// Named like one, lets everybody through.
@Injectable()
export class GqlSessionGuard implements CanActivate {
  canActivate() {
    return true;
  }
}
`;
  it('@UseGuards on the method or the class authenticates when the guard checks the user; a guard that returns true does not', async () => {
    const resolver = `import { Resolver, Mutation, Query, Args } from '@nestjs/graphql';
import { UseGuards } from '@nestjs/common';
import { GqlAuthGuard, GqlSessionGuard } from './auth.guard';
import { db } from './db';

@Resolver()
export class InvoiceResolver {
  @UseGuards(GqlAuthGuard)
  @Mutation(() => Boolean)
  markInvoicePaid(@Args('id') id: string) {
    return db.invoice.update({ where: { id }, data: { paid: true } });
  }

  @UseGuards(GqlSessionGuard)
  @Mutation(() => Boolean)
  deleteInvoice(@Args('id') id: string) {
    return db.invoice.delete({ where: { id } });
  }

  @Mutation(() => Boolean, { name: 'voidInvoice' })
  cancel(@Args('id') id: string) {
    return db.invoice.update({ where: { id }, data: { void: true } });
  }
}

@Resolver()
@UseGuards(GqlAuthGuard)
export class GuardedResolver {
  @Mutation(() => Boolean)
  removeInvoice(@Args('id') id: string) {
    return db.invoice.delete({ where: { id } });
  }
}
`;
    const files = { 'src/db.ts': store, 'src/auth.guard.ts': guard, 'src/invoice.resolver.ts': resolver, 'src/app.module.ts': appModule };
    expect(await lint(files, 'src/invoice.resolver.ts')).toEqual(['15 Mutation.deleteInvoice unauthenticated', '20 Mutation.voidInvoice unauthenticated']);
    // Where no file of the project serves the resolvers (a published package's compiled classes,
    // wired by a module out of view), the app's global guards cannot be seen: as a router mounted
    // nowhere in view, silent in recommended, reported in strict.
    const unserved = { 'src/db.ts': store, 'src/auth.guard.ts': guard, 'src/invoice.resolver.ts': resolver };
    expect(await lint(unserved, 'src/invoice.resolver.ts')).toEqual([]);
    expect(await lint(unserved, 'src/invoice.resolver.ts', strict)).toEqual(['15 Mutation.deleteInvoice unauthenticated', '20 Mutation.voidInvoice unauthenticated']);
  });

  it('a global APP_GUARD authenticates every resolver, a @Public() opt-out on a destructive field is reported', async () => {
    const files = {
      'src/db.ts': store,
      'src/auth.guard.ts': guard,
      'src/app.module.ts': `import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GqlAuthGuard } from './auth.guard';
@Module({
  imports: [GraphQLModule.forRoot({ autoSchemaFile: true })],
  providers: [{ provide: APP_GUARD, useClass: GqlAuthGuard }],
})
export class AppModule {}
`,
      'src/invoice.resolver.ts': `import { Resolver, Mutation, Args } from '@nestjs/graphql';
import { SetMetadata } from '@nestjs/common';
import { db } from './db';
export const Public = () => SetMetadata('isPublic', true);
@Resolver()
export class InvoiceResolver {
  @Mutation(() => Boolean)
  markInvoicePaid(@Args('id') id: string) {
    return db.invoice.update({ where: { id }, data: { paid: true } });
  }
}
`,
    };
    expect(await lint(files, 'src/invoice.resolver.ts')).toEqual([]);
  });
});

describe('TypeGraphQL @Authorized', () => {
  it('a mutation without @Authorized() is reported while its siblings have it; a class-level @Authorized covers every method', async () => {
    const resolver = `import { Resolver, Mutation, Query, Arg, Authorized, UseMiddleware, Ctx } from 'type-graphql';
import { db } from '../db';

const LogAccess = async ({ context }, next) => {
  console.log(context.requestId);
  return next();
};
const IsSignedIn = async ({ context }, next) => {
  if (!context.user) throw new Error('Not authenticated');
  return next();
};

@Resolver()
export class InvoiceResolver {
  @Authorized()
  @Query(() => [String])
  invoices() {
    return db.invoice.findMany({});
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean)
  deleteInvoice(@Arg('id') id: string) {
    return db.invoice.delete({ where: { id } });
  }

  @Mutation(() => Boolean)
  markInvoicePaid(@Arg('id') id: string) {
    return db.invoice.update({ where: { id }, data: { paid: true } });
  }

  @UseMiddleware(LogAccess)
  @Mutation(() => Boolean)
  updateInvoice(@Arg('id') id: string) {
    return db.invoice.update({ where: { id }, data: {} });
  }

  @UseMiddleware(IsSignedIn)
  @Mutation(() => Boolean)
  removeInvoice(@Arg('id') id: string) {
    return db.invoice.delete({ where: { id } });
  }
}

@Authorized()
@Resolver()
export class CustomerResolver {
  @Mutation(() => Boolean)
  deleteCustomer(@Arg('id') id: string) {
    return db.invoice.delete({ where: { id } });
  }
}
`;
    const index = `import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { createYoga } from 'graphql-yoga';
import { InvoiceResolver, CustomerResolver } from './resolvers/invoice';
const schema = await buildSchema({ resolvers: [InvoiceResolver, CustomerResolver], authChecker: ({ context }) => !!context.user });
export const yoga = createYoga({ schema });
`;
    expect(await lint({ 'src/db.ts': store, 'src/resolvers/invoice.ts': resolver, 'src/index.ts': index }, 'src/resolvers/invoice.ts')).toEqual([
      '27 Mutation.markInvoicePaid unauthenticated',
      '33 Mutation.updateInvoice unauthenticated',
    ]);
  });
});

describe('mercurius', () => {
  it('resolvers registered with mercurius are judged; a check of the context user authenticates', async () => {
    const server = `import Fastify from 'fastify';
import mercurius from 'mercurius';
import { db } from './db';
const app = Fastify();
const resolvers = {
  Mutation: {
    deletePost: async (_root, { id }, ctx) => {
      if (!ctx.user) throw new mercurius.ErrorWithProps('Unauthenticated', { code: 'UNAUTHENTICATED' });
      return db.post.delete({ where: { id } });
    },
    removeInvoice: async (_root, { id }) => db.invoice.delete({ where: { id } }),
  },
};
app.register(mercurius, { schema: '', resolvers });
app.listen({ port: 3000 });
`;
    expect(await lint({ 'src/db.ts': store, 'src/server.ts': server }, 'src/server.ts')).toEqual(['11 Mutation.removeInvoice unauthenticated']);
  });
});

describe('graphql-shield', () => {
  const permissions = `import { shield, rule, and, or, allow } from 'graphql-shield';
export const isAuthenticated = rule({ cache: 'contextual' })(async (_parent, _args, ctx) => ctx.user !== null && ctx.user !== undefined);
// Named like a check, admits everybody.
const isSignedIn = rule()(async () => true);
const fromOffice = rule()(async (_parent, _args, ctx) => ctx.req.headers['x-office'] === 'yes');
export const permissions = shield({
  Query: { '*': allow },
  Mutation: {
    deletePost: isAuthenticated,
    removeInvoice: isSignedIn,
    archivePost: and(isAuthenticated, fromOffice),
    updatePost: or(isAuthenticated, fromOffice),
  },
});
`;
  const server = `import { createYoga, createSchema } from 'graphql-yoga';
import { applyMiddleware } from 'graphql-middleware';
import { permissions } from './permissions';
import { db } from './db';
const resolvers = {
  Mutation: {
    deletePost: (_p, { id }) => db.post.delete({ where: { id } }),
    removeInvoice: (_p, { id }) => db.invoice.delete({ where: { id } }),
    archivePost: (_p, { id }) => db.post.delete({ where: { id } }),
    updatePost: (_p, { id }) => db.post.create({ data: { id } }),
    markInvoicePaid: (_p, { id }) => db.invoice.update({ where: { id }, data: { paid: true } }),
  },
};
const schema = applyMiddleware(createSchema({ typeDefs: '', resolvers }), permissions);
export const yoga = createYoga({ schema });
`;
  it('a rule whose function checks the user authenticates its field; a rule that returns true, an `or` with a header check, an unlisted field do not', async () => {
    expect(await lint({ 'src/db.ts': store, 'src/permissions.ts': permissions, 'src/server.ts': server }, 'src/server.ts')).toEqual([
      '8 Mutation.removeInvoice unauthenticated',
      '10 Mutation.updatePost unauthenticated',
      '11 Mutation.markInvoicePaid unauthenticated',
    ]);
  });

  it('a fallback rule covers the fields the map does not name', async () => {
    const guarded = permissions.replace("  Query: { '*': allow },", "  Query: { '*': allow },\n  Subscription: isAuthenticated,").replace('});\n', '}, { fallbackRule: isAuthenticated });\n');
    expect(await lint({ 'src/db.ts': store, 'src/permissions.ts': guarded, 'src/server.ts': server }, 'src/server.ts')).toEqual([
      '8 Mutation.removeInvoice unauthenticated',
      '10 Mutation.updatePost unauthenticated',
    ]);
  });
});
