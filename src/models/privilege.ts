import type { RequestStyle } from './frameworks/request-inputs.js';

/**
 * What makes a route privileged by what it does (`require-role-check`): the records, fields and
 * calls of a function only some users should run. Matched on what the handler (and the functions
 * it calls) writes or answers, never on the route's name.
 */

/**
 * Records of people who sign in: a write of their role or credentials, a delete, or a whole-table
 * read of them is user management. Matched by head noun (`usersRepository` → `user`, see
 * `exposure/names.ts`). A model of the app that declares a credential or role field is one too
 * (see `credentialFields`, `roleFields`).
 */
export const userModels: readonly string[] = ['user', 'account', 'member', 'admin', 'staff', 'employee', 'operator'];

/**
 * Records that configure the whole system: feature flags, system settings. A write of one changes
 * what every user gets. Matched by head noun (`FeatureFlag` → `flag`, `systemSettings` → `setting`).
 * A write scoped to the caller (`userSettings.update({ where: { userId: req.user.id } })`) is the
 * caller's own preference, not a system setting.
 */
export const systemModels: readonly string[] = ['flag', 'featureflag', 'feature', 'setting', 'config', 'configuration', 'toggle'];

/**
 * Fields that grant rights: whoever writes one from a value of the request decides who may do what.
 * Written with a literal (`role: 'member'` on sign-up) they grant nothing the code did not choose.
 */
export const roleFields: readonly string[] = [
  'role', 'roles', 'roleId', 'isAdmin', 'admin', 'isSuperuser', 'superuser', 'isStaff', 'permissions', 'scopes', 'groups',
];

/**
 * Fields of a user record that only its owner or an administrator may change: sign-in credentials
 * and account status. Written on a user the client names by id, they take over or lock out
 * another account.
 */
export const credentialFields: readonly string[] = [
  'password', 'passwordHash', 'hashedPassword', 'encryptedPassword', 'email', 'username',
  'status', 'isActive', 'active', 'banned', 'isBanned', 'disabled', 'isDisabled', 'locked', 'isLocked',
  'suspended', 'isSuspended', 'verified', 'isVerified', 'emailVerified',
  // The same status kept as the time it was set: clearing `bannedAt` lifts a ban.
  'bannedAt', 'bannedUntil', 'suspendedAt', 'suspendedUntil', 'lockedAt', 'lockedUntil', 'disabledAt', 'deactivatedAt',
  'verifiedAt', 'emailVerifiedAt',
];

/**
 * Records that give a user access to a group (a workspace, an organization, a project): the link
 * of a user to it. Deleting one the client names removes another user from the group, which is the
 * group administrator's job; leaving it (the caller's own link) is not.
 */
export const accessGrantModels: readonly string[] = ['membership', 'collaborator'];

/**
 * Records that stand for a whole tenant (the group every user of it belongs to): a configuration
 * field written on one (`ssoConfig` of an organization, `settings` of a workspace) configures the
 * tenant for all its users, as a system setting does the whole system.
 */
export const tenantModels: readonly string[] = ['org', 'organization', 'organisation', 'tenant', 'workspace', 'company'];

/** Store methods that change records (Prisma, TypeORM, Sequelize, Mongoose, Objection, Drizzle, knex, Firestore). */
export const recordUpdateMethods: readonly string[] = [
  'update', 'updateOne', 'updateMany', 'upsert', 'findByIdAndUpdate', 'findOneAndUpdate', 'save', 'set',
  'patch', 'patchAndFetchById', 'updateAndFetchById', 'create', 'createMany', 'insert', 'insertOne', 'merge',
];

/** Store methods that delete records. */
export const recordDeleteMethods: readonly string[] = [
  'delete', 'deleteOne', 'deleteMany', 'destroy', 'remove', 'findByIdAndDelete', 'findOneAndDelete',
  'findByIdAndRemove', 'findOneAndRemove', 'del', 'softDelete', 'softRemove', 'deleteById',
];

/** Store methods that read records: with no filter, the whole table. */
export const recordListMethods: readonly string[] = ['find', 'findMany', 'findAll', 'findAndCountAll', 'findAndCount', 'list', 'all', 'select', 'scan'];

/**
 * Store methods that read or change one record (Mongoose `findById`, Prisma `findUnique`, TypeORM
 * `findOneBy`, Sequelize `findByPk`, knex `first`): a projection chained after one
 * (`User.findById(id).select('email')`) answers that record, not the whole table.
 */
export const singleRecordReads: readonly string[] = [
  'findById', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findUnique', 'findUniqueOrThrow',
  'findFirst', 'findFirstOrThrow', 'findByPk', 'first', 'findByIdAndUpdate', 'findOneAndUpdate',
  'findByIdAndDelete', 'findOneAndDelete',
];

/** Keys of a store call's argument that hold the filter (`where` of Prisma, Sequelize, TypeORM). */
export const filterKeys: readonly string[] = ['where', 'filter'];

/** Keys of a store call's argument that hold the written values (Prisma `data`, Mongo `$set`). */
export const dataKeys: readonly string[] = ['data', '$set', 'update', 'create', 'values'];

/**
 * Calls that issue a credential: given a user id from the request, they sign in as that user
 * (impersonation). `jsonwebtoken`'s `sign`, `jose`'s `SignJWT`, Fastify's and NestJS's `jwt.sign`,
 * Passport's `req.login`.
 */
export const tokenIssuers: readonly string[] = ['sign', 'signAsync', 'signToken', 'createToken', 'generateToken', 'issueToken', 'login', 'logIn'];

/**
 * Claims of a token's payload that say whom it signs in (`sub` of a JWT): the caller recorded
 * elsewhere in the payload (`act: req.user.id`) does not make a token for a user the client names
 * the caller's own.
 */
export const tokenSubjectClaims: readonly string[] = ['sub', 'subject', 'userId', 'uid', 'id', 'user', 'accountId'];

/** Session members that say who the caller is: set from a request value, the caller becomes that user. */
export const sessionIdentityMembers: readonly string[] = ['userId', 'user', 'uid', 'accountId', 'passport'];

/**
 * Password checks: a function that runs one issues a token to whoever proves the password (a
 * sign-in), not to a user of the client's choice.
 */
export const passwordChecks: RegExp = /(?:^|\.)(?:compare|compareSync|verify|comparePassword|verifyPassword|checkPassword|validatePassword|isValidPassword|isPasswordValid|passwordMatches)$/u;

/** Money returned: Stripe's `refunds.create`, PayPal's `refund`, the app's own `refundOrder`. */
export const refundCalls: RegExp = /(?:^|\.)(?:refunds\.create|refund|createRefund|refund[A-Z]\w*)$/u;

/**
 * Members of the request that carry client input, read off a handler's request, context or event
 * (`req.params`, `ctx.request.body`, `request.query`, `event.pathParameters`).
 */
export const clientInputMembers: readonly string[] = ['params', 'body', 'query', 'payload', 'pathParameters', 'queryStringParameters'];

/** Calls on a request that return client input (Hono's `c.req.param('id')`, the Fetch API's `request.json()`). */
export const clientInputCalls: readonly string[] = ['param', 'query', 'json', 'formData', 'valid', 'text'];

/**
 * Parameter decorators whose value is client input: NestJS `@Param()`, `@Body()`, `@Query()`, and a
 * GraphQL resolver method's field arguments (NestJS `@Args()`, TypeGraphQL `@Arg()` / `@Args()`).
 */
export const clientInputDecorators: readonly string[] = ['Param', 'Body', 'Query', 'Args', 'Arg'];

/**
 * Parameter decorators of a resolver method whose value is the GraphQL context (NestJS `@Context()`,
 * TypeGraphQL `@Ctx()`): read like a request, its `user` is the caller.
 */
export const contextDecorators: readonly string[] = ['Context', 'Ctx'];

/**
 * Handlers whose parameters are not `(request, response)`, by the style the route model gives them:
 * which parameters are the client's input itself (`client`), which carry the request or context
 * whose members are read (`request`; its `user` or `auth` is the caller, its `params`, `body` … the
 * client's), and members of that request that hold the client's input besides `clientInputMembers`.
 * A style not listed reads every undecorated parameter as a request.
 */
export const handlerParameterRoles: Partial<Record<RequestStyle, { client: readonly number[]; request: readonly number[]; inputMembers?: readonly string[] }>> = {
  // A resolver of a resolver map, `(parent, args, context, info)`: `args` are the field's arguments.
  graphql: { client: [1], request: [2] },
  // A function of graphql-js's `rootValue`, `(args, context, info)`.
  'graphql-root': { client: [0], request: [1] },
  // A Firebase callable function, v2 `onCall((request) => …)`: the payload is `request.data`, the caller `request.auth`.
  callable: { client: [], request: [0], inputMembers: ['data'] },
  // v1 `onCall((data, context) => …)`: the payload is the first parameter, the caller `context.auth`.
  'callable-v1': { client: [0], request: [1] },
};

/**
 * Members of the caller that name the group it belongs to (`req.user.tenantId`, `user.orgId`), not
 * the caller itself: a record scoped by one is shared by every member of the group, so a user the
 * client names within the caller's tenant is still another user, and a tenant's settings are
 * everyone's in it.
 */
export const callerGroupMembers: readonly string[] = [
  'tenantId', 'tenant', 'orgId', 'org', 'organizationId', 'organization', 'workspaceId', 'workspace', 'companyId', 'company', 'teamId', 'team',
];

/**
 * Members that name the caller on a request, context, session or state (`req.user`, `ctx.state.user`,
 * `session.user`, `res.locals.user`, `request.auth`).
 */
export const callerMembers: readonly string[] = ['user', 'currentUser', 'session', 'auth', 'principal', 'me', 'viewer', 'identity', 'claims'];

/**
 * Calls of an identity provider's admin SDK that manage other users' accounts, by module and the
 * path from it (`()` marks a call's result: `admin.auth().deleteUser(uid)`, `getAuth().deleteUser(uid)`).
 * `subject` is the argument naming the account: the call is privileged when the client names it and
 * it is not the caller (`request.data.uid`, not `request.auth.uid`), or, for `role-write`, when the
 * claims written come from the request. A call without `subject` is privileged by itself
 * (`listUsers()` reads every account).
 */
export interface IdentityAdminCall {
  module: string;
  path: string;
  kind: 'role-write' | 'credential-write' | 'user-delete' | 'user-export' | 'impersonation';
  subject?: number;
  /** For `role-write`: the argument holding the claims or roles written. */
  grants?: number;
  /** How a message says what the call does, after the callee (`sets the custom claims of`). */
  does: string;
}

const firebaseAuthCalls = (module: string, auth: string): IdentityAdminCall[] => [
  // Custom claims are what security rules and callable functions read as roles (`token.admin`).
  { module, path: `${auth}.setCustomUserClaims`, kind: 'role-write', subject: 0, grants: 1, does: 'sets the custom claims (roles) of' },
  { module, path: `${auth}.deleteUser`, kind: 'user-delete', subject: 0, does: 'deletes' },
  { module, path: `${auth}.deleteUsers`, kind: 'user-delete', subject: 0, does: 'deletes' },
  // Email, password, `disabled`, `emailVerified` of the account.
  { module, path: `${auth}.updateUser`, kind: 'credential-write', subject: 0, does: 'updates the sign-in account of' },
  { module, path: `${auth}.revokeRefreshTokens`, kind: 'credential-write', subject: 0, does: 'signs out' },
  { module, path: `${auth}.createCustomToken`, kind: 'impersonation', subject: 0, does: 'issues a sign-in token for' },
  { module, path: `${auth}.listUsers`, kind: 'user-export', does: 'lists every account' },
];

export const identityAdminCalls: readonly IdentityAdminCall[] = [
  // firebase-admin: `admin.auth()` (namespaced API) and `getAuth()` of `firebase-admin/auth` (modular API).
  ...firebaseAuthCalls('firebase-admin', 'auth()'),
  ...firebaseAuthCalls('firebase-admin/auth', 'getAuth()'),
];
