import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../src/rules/require-role-check.js';

/*
 * require-role-check on GraphQL root fields and Firebase callable functions. A resolver is an entry
 * point without a URL (`Mutation.deleteUser`), judged as a route: privileged by what it does (the
 * same evidence as a route's handler: the field's arguments are the client's input, the context's
 * `user` the caller), and role-checked by a test of the caller's role in its body, a role helper, a
 * role-checking wrapper, TypeGraphQL's `@Authorized('ADMIN')`, a graphql-shield rule answering by
 * role, or NestJS `@Roles` read by a guard. A callable function (`onCall`) reads the client's payload
 * in `request.data` (v2) or its first parameter (v1), the caller in `request.auth` / `context.auth`;
 * firebase-admin's account management (`setCustomUserClaims`, `deleteUser`, …) on an account the
 * client names is privileged, and a custom-claim test (`request.auth.token.admin`) is a role check.
 */

const ruleTester = new RuleTester();
const strict: Options = [{ privilegedRoutes: 'report', inconsistentRoutes: 'report' }];
const nest = `import { Resolver, Mutation, Args, Context, GraphQLModule } from '@nestjs/graphql';
import { CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { PrismaService } from './prisma.service';
const Roles = (...roles: string[]) => SetMetadata('roles', roles);
@Injectable()
class GqlAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { req } = GqlExecutionContext.create(context).getContext();
    if (!req.user) throw new Error('unauthenticated');
    return true;
  }
}
@Injectable()
class RolesGuard implements CanActivate {
  constructor(private reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.get<string[]>('roles', context.getHandler());
    if (!roles) return true;
    const { req } = GqlExecutionContext.create(context).getContext();
    return roles.includes(req.user.role);
  }
}
GraphQLModule.forRoot({});
`;

ruleTester.run('require-role-check (GraphQL resolvers, Firebase callable functions)', rule, {
  valid: [
    {
      name: "a resolver that throws unless the caller's role is admin",
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { prisma } from './db';
const resolvers = { Mutation: {
  setUserRole: async (_p, args, ctx) => {
    if (!ctx.user) throw new GraphQLError('sign in');
    if (ctx.user.role !== 'admin') throw new GraphQLError('forbidden');
    return prisma.user.update({ where: { id: args.id }, data: { role: args.role } });
  },
} };
new ApolloServer({ typeDefs: '', resolvers });
`,
    },
    {
      name: 'a Query.allUsers that tests isAdmin of the destructured context',
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { prisma } from './db';
const resolvers = { Query: {
  allUsers: async (_p, _a, { user }) => {
    if (!user?.isAdmin) throw new GraphQLError('forbidden');
    return prisma.user.findMany();
  },
} };
new ApolloServer({ typeDefs: '', resolvers });
`,
    },
    {
      name: 'a role helper of the file whose body tests the role',
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { prisma } from './db';
function assertAdmin(user) {
  if (!user || user.role !== 'admin') throw new GraphQLError('forbidden');
}
const resolvers = { Mutation: {
  banAccount: async (_p, { id }, ctx) => {
    assertAdmin(ctx.user);
    return prisma.user.update({ where: { id }, data: { banned: true } });
  },
} };
new ApolloServer({ typeDefs: '', resolvers });
`,
    },
    {
      name: 'a resolver wrapped by a role-checking higher-order function',
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { prisma } from './db';
const requireRole = (role) => (resolve) => (parent, args, ctx, info) => {
  if (!ctx.user) throw new GraphQLError('sign in');
  if (ctx.user.role !== role) throw new GraphQLError('forbidden');
  return resolve(parent, args, ctx, info);
};
const resolvers = { Mutation: {
  deleteUser: requireRole('admin')(async (_p, { id }) => prisma.user.delete({ where: { id } })),
} };
new ApolloServer({ typeDefs: '', resolvers });
`,
    },
    {
      name: 'a signed-in user changing their own e-mail',
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { prisma } from './db';
const resolvers = { Mutation: {
  updateMyEmail: async (_p, args, ctx) => {
    if (!ctx.user) throw new GraphQLError('sign in');
    return prisma.user.update({ where: { id: ctx.user.id }, data: { email: args.email } });
  },
} };
new ApolloServer({ typeDefs: '', resolvers });
`,
    },
    {
      name: "TypeGraphQL @Authorized('ADMIN') hands the authChecker a role to require",
      options: strict,
      code: `import { Resolver, Mutation, Arg, Authorized, buildSchema } from 'type-graphql';
import { prisma } from './db';
@Resolver()
export class UserResolver {
  @Authorized('ADMIN')
  @Mutation(() => Boolean)
  async deleteUser(@Arg('id') id: string) {
    await prisma.user.delete({ where: { id } });
    return true;
  }
}
buildSchema({ resolvers: [UserResolver], authChecker: ({ context }, roles) => (roles.length === 0 ? !!context.user : roles.includes(context.user?.role)) });
`,
    },
    {
      name: "a graphql-shield rule that answers by the caller's role",
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { applyMiddleware } from 'graphql-middleware';
import { shield, rule } from 'graphql-shield';
import { prisma } from './db';
const isAdmin = rule()(async (_p, _a, ctx) => ctx.user?.role === 'admin');
const permissions = shield({ Mutation: { deleteUser: isAdmin } });
const resolvers = { Mutation: {
  deleteUser: async (_p, args) => prisma.user.delete({ where: { id: args.id } }),
} };
new ApolloServer({ schema: applyMiddleware(makeExecutableSchema({ typeDefs: '', resolvers }), permissions) });
`,
    },
    {
      name: "a NestJS resolver with @Roles read by the class's RolesGuard",
      options: strict,
      code: `${nest}@Resolver()
@UseGuards(GqlAuthGuard, RolesGuard)
export class UsersResolver {
  constructor(private prisma: PrismaService) {}
  @Roles('admin')
  @Mutation(() => Boolean)
  setUserRole(@Args('id') id: string, @Args('role') role: string) {
    return this.prisma.user.update({ where: { id }, data: { role } });
  }
}
`,
    },
    {
      name: 'a v2 callable that requires the admin custom claim',
      options: strict,
      code: `import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
export const setAdminClaim = onCall(async (request) => {
  if (request.auth?.token.admin !== true) throw new HttpsError('permission-denied', 'admins only');
  await getAuth().setCustomUserClaims(request.data.uid, { admin: true });
});
`,
    },
    {
      name: 'a v1 callable that requires the role claim',
      options: strict,
      code: `import * as functions from 'firebase-functions';
import * as admin from 'firebase-admin';
export const deleteUserAccount = functions.https.onCall(async (data, context) => {
  if (!context.auth) throw new functions.https.HttpsError('unauthenticated', 'sign in');
  if (context.auth.token.role !== 'admin') throw new functions.https.HttpsError('permission-denied', 'no');
  await admin.auth().deleteUser(data.uid);
});
`,
    },
    {
      name: "a callable acting on the caller's own account",
      options: strict,
      code: `import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
export const closeMyAccount = onCall(async (request) => {
  if (!request.auth) throw new HttpsError('unauthenticated', 'sign in');
  await getAuth().setCustomUserClaims(request.auth.uid, { closing: true });
  await getAuth().deleteUser(request.auth.uid);
});
`,
    },
    {
      name: "a deleteUser of a project object that is not firebase-admin's auth",
      options: strict,
      code: `import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { mailingList } from './mailing-list';
export const unsubscribe = onCall(async (request) => {
  if (!request.auth) throw new HttpsError('unauthenticated', 'sign in');
  await mailingList.deleteUser(request.data.address);
});
`,
    },
  ],
  invalid: [
    {
      name: 'a mutation deleting the user the arguments name, behind a sign-in check only',
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { prisma } from './db';
const resolvers = { Mutation: {
  deleteUser: async (_parent, args, ctx) => {
    if (!ctx.user) throw new GraphQLError('sign in');
    return prisma.user.delete({ where: { id: args.id } });
  },
} };
new ApolloServer({ typeDefs: '', resolvers });
`,
      errors: [{ messageId: 'privilegedRoute', line: 5, column: 3, endLine: 5, endColumn: 13, data: { method: "DELETE", path: "Mutation.deleteUser", framework: "graphql", by: "check of `!ctx.user`", operation: "deletes a user the client names (`prisma.user.delete`)", at: "line 7" } }],
    },
    {
      name: 'Query.allUsers answering every user behind a sign-in check only',
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { prisma } from './db';
const resolvers = { Query: {
  allUsers: async (_p, _a, ctx) => {
    if (!ctx.user) throw new GraphQLError('sign in');
    return prisma.user.findMany();
  },
} };
new ApolloServer({ typeDefs: '', resolvers });
`,
      errors: [{ messageId: 'privilegedRoute', line: 5, column: 3, endLine: 5, endColumn: 11, data: { method: "GET", path: "Query.allUsers", framework: "graphql", by: "check of `!ctx.user`", operation: "answers every `user` record (`prisma.user.findMany`)", at: "line 7" } }],
    },
    {
      name: "a tenant's SSO configuration written by any member",
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { prisma } from './db';
const resolvers = { Mutation: {
  updateOrgSettings: async (_p, { input }, { user }) => {
    if (!user) throw new GraphQLError('sign in');
    return prisma.organization.update({ where: { id: user.orgId }, data: { ssoConfig: input.ssoConfig } });
  },
} };
new ApolloServer({ typeDefs: '', resolvers });
`,
      errors: [{ messageId: 'privilegedRoute', line: 5, column: 3, endLine: 5, endColumn: 20, data: { method: "PUT", path: "Mutation.updateOrgSettings", framework: "graphql", by: "check of `!user`", operation: "writes `ssoConfig` of the tenant `organization` (`prisma.organization.update`)", at: "line 7" } }],
    },
    {
      name: 'a helper that reads the caller but tests no role',
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { prisma } from './db';
function audit(user, action) {
  console.info(user.id, user.email, action);
}
const resolvers = { Mutation: {
  banAccount: async (_p, { id }, ctx) => {
    if (!ctx.user) throw new GraphQLError('sign in');
    audit(ctx.user, 'ban');
    return prisma.user.update({ where: { id }, data: { banned: true } });
  },
} };
new ApolloServer({ typeDefs: '', resolvers });
`,
      errors: [{ messageId: 'privilegedRoute', line: 8, column: 3, endLine: 8, endColumn: 13, data: { method: "POST", path: "Mutation.banAccount", framework: "graphql", by: "check of `!ctx.user`", operation: "writes `banned` of a user the client names (`prisma.user.update`)", at: "line 11" } }],
    },
    {
      name: 'TypeGraphQL @Authorized() without roles',
      options: strict,
      code: `import { Resolver, Mutation, Arg, Authorized, buildSchema } from 'type-graphql';
import { prisma } from './db';
@Resolver()
export class UserResolver {
  @Authorized()
  @Mutation(() => Boolean)
  async deleteUser(@Arg('id') id: string) {
    await prisma.user.delete({ where: { id } });
    return true;
  }
}
buildSchema({ resolvers: [UserResolver], authChecker: ({ context }, roles) => (roles.length === 0 ? !!context.user : roles.includes(context.user?.role)) });
`,
      errors: [{ messageId: 'privilegedRoute', line: 6, column: 3, endLine: 6, endColumn: 27, data: { method: "DELETE", path: "Mutation.deleteUser", framework: "graphql", by: "`Authorized`", operation: "deletes a user the client names (`prisma.user.delete`)", at: "line 8" } }],
    },
    {
      name: 'a graphql-shield rule that only asks for a signed-in caller',
      options: strict,
      code: `import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { applyMiddleware } from 'graphql-middleware';
import { shield, rule } from 'graphql-shield';
import { prisma } from './db';
const isAuthenticated = rule()(async (_p, _a, ctx) => ctx.user != null);
const permissions = shield({ Mutation: { deleteUser: isAuthenticated } });
const resolvers = { Mutation: {
  deleteUser: async (_p, args) => prisma.user.delete({ where: { id: args.id } }),
} };
new ApolloServer({ schema: applyMiddleware(makeExecutableSchema({ typeDefs: '', resolvers }), permissions) });
`,
      errors: [{ messageId: 'privilegedRoute', line: 9, column: 3, endLine: 9, endColumn: 13, data: { method: "DELETE", path: "Mutation.deleteUser", framework: "graphql", by: "`rule`", operation: "deletes a user the client names (`prisma.user.delete`)", at: "line 9" } }],
    },
    {
      name: 'a NestJS resolver behind the RolesGuard without @Roles',
      options: strict,
      code: `${nest}@Resolver()
@UseGuards(GqlAuthGuard, RolesGuard)
export class UsersResolver {
  constructor(private prisma: PrismaService) {}
  @Mutation(() => Boolean)
  setUserRole(@Args('id') id: string, @Args('role') role: string) {
    return this.prisma.user.update({ where: { id }, data: { role } });
  }
}
`,
      errors: [{ messageId: 'privilegedRoute', line: 30, column: 3, endLine: 30, endColumn: 27, data: { method: "PUT", path: "Mutation.setUserRole", framework: "graphql", by: "`GqlAuthGuard`", operation: "writes `role` of a record the client names (`this.prisma.user.update`)", at: "line 32" } }],
    },
    {
      name: 'a v2 callable setting custom claims on the account the client names',
      options: strict,
      code: `import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
export const setAdminClaim = onCall(async (request) => {
  if (!request.auth) throw new HttpsError('unauthenticated', 'sign in');
  await getAuth().setCustomUserClaims(request.data.uid, { admin: true });
  return { ok: true };
});
`,
      errors: [{ messageId: 'privilegedRoute', line: 3, column: 30, endLine: 3, endColumn: 36, data: { method: "POST", path: "/setAdminClaim", framework: "firebase", by: "check of `!request.auth`", operation: "sets the custom claims (roles) of an account the client names (`getAuth().setCustomUserClaims`)", at: "line 5" } }],
    },
    {
      name: 'a v1 callable deleting the account the client names',
      options: strict,
      code: `import * as functions from 'firebase-functions';
import * as admin from 'firebase-admin';
export const deleteUserAccount = functions.https.onCall(async (data, context) => {
  if (!context.auth) throw new functions.https.HttpsError('unauthenticated', 'sign in');
  await admin.auth().deleteUser(data.uid);
});
`,
      errors: [{ messageId: 'privilegedRoute', line: 3, column: 50, endLine: 3, endColumn: 56, data: { method: "POST", path: "/deleteUserAccount", framework: "firebase", by: "check of `!context.auth`", operation: "deletes an account the client names (`admin.auth().deleteUser`)", at: "line 5" } }],
    },
    {
      name: 'a callable granting the caller the role the client sends, through a constant of the auth service',
      options: strict,
      code: `import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
const auth = getAuth();
export const chooseRole = onCall(async (request) => {
  if (!request.auth) throw new HttpsError('unauthenticated', 'sign in');
  const { role } = request.data;
  await auth.setCustomUserClaims(request.auth.uid, { role });
});
`,
      errors: [{ messageId: 'privilegedRoute', line: 4, column: 27, endLine: 4, endColumn: 33, data: { method: "POST", path: "/chooseRole", framework: "firebase", by: "check of `!request.auth`", operation: "sets the custom claims (roles) of an account with claims from the request (`auth.setCustomUserClaims`)", at: "line 7" } }],
    },
    {
      name: 'a callable that checks a verified e-mail, which is no role',
      options: strict,
      code: `import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
export const grantRole = onCall(async (request) => {
  if (!request.auth?.token.email_verified) throw new HttpsError('permission-denied', 'verify first');
  await getAuth().setCustomUserClaims(request.data.uid, { role: request.data.role });
});
`,
      errors: [{ messageId: 'privilegedRoute', line: 3, column: 26, endLine: 3, endColumn: 32, data: { method: "POST", path: "/grantRole", framework: "firebase", by: "check of `!request.auth.token.email_verified`", operation: "sets the custom claims (roles) of an account the client names (`getAuth().setCustomUserClaims`)", at: "line 5" } }],
    },
    {
      name: 'a v2 callable writing the role of the user document the client names',
      options: strict,
      code: `import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';
export const promote = onCall(async (request) => {
  if (!request.auth) throw new HttpsError('unauthenticated', 'sign in');
  await getFirestore().collection('users').doc(request.data.uid).update({ role: request.data.role });
});
`,
      errors: [{ messageId: 'privilegedRoute', line: 3, column: 24, endLine: 3, endColumn: 30, data: { method: "POST", path: "/promote", framework: "firebase", by: "check of `!request.auth`", operation: "writes `role` of a record the client names (`\u2026irestore().collection('users').doc(request.data.uid).update`)", at: "line 5" } }],
    },
  ],
});
