/**
 * Built-in authentication knowledge. Name lists hold exact names (matched against the whole
 * dotted name or its last segment) and `/regex/` entries (matched against the whole dotted name).
 * Users add their own in `settings['api-security']`.
 *
 * A name never authenticates by itself: the built-in name lists only say which guards are worth a
 * question when their definition cannot be seen (the verdict is then *unknown*, reported by the
 * `strict` config). What authenticates is evidence in the definition (a 401/403 path, a verified
 * token or session), an export of a known auth library (`authLibraryExports`), or a name the team
 * lists in settings.
 */

/**
 * Names of middleware, hooks and wrappers that look like authentication: a guard of this name
 * whose definition is out of view gets the verdict *unknown*, not *authenticated*.
 */
export const authMiddlewareNames: readonly string[] = [
  'authenticate', 'authenticated', 'isAuthenticated', 'ensureAuthenticated', 'ensureLoggedIn', 'ensureAuth',
  'requireAuth', 'requireAuthentication', 'requireLogin', 'requireUser', 'requireSession', 'loginRequired',
  'isLoggedIn', 'mustBeLoggedIn', 'protect', 'protectRoute', 'authMiddleware', 'authRequired', 'auth',
  'verifyToken', 'verifyJwt', 'verifyJWT', 'verifyAccessToken', 'verifySession', 'verifyApiKey', 'checkJwt',
  'checkAuth', 'checkToken', 'jwtAuth', 'jwtCheck', 'jwtVerify', 'tokenRequired', 'bearerAuth', 'basicAuth',
  'apiKeyAuth', 'passport.authenticate', 'jwt', 'expressjwt', 'expressJwt', 'koaJwt',
  // Clerk, Auth0, NextAuth, Lucia, Supabase, Firebase
  'ClerkExpressRequireAuth', 'clerkMiddleware', 'requiresAuth', 'withApiAuthRequired', 'withPageAuthRequired',
  'isAuth', 'isAuthed', 'loggedIn', 'signedIn', 'auth.required', 'authenticateToken', 'authenticateJWT',
  'withAuth', 'getAuth.protect', 'auth.protect', 'validateRequest', 'verifyIdToken',
  /* patterns */
  '/^(?:require|ensure|verify|check|validate|assert)_?(?:auth|authenticated|logged_?in|login|session|token|jwt|user|api_?key)/iu',
  // verifyFirebaseToken, checkClerkSession, validateCognitoJwt
  '/^(?:verify|check|validate)_?[a-z0-9]*_?(?:token|jwt|session|id_?token|auth)$/iu',
  // firebaseAuth, clerkAuth, supabaseAuth, jwtAuth, tokenAuth, bearerAuth
  '/^(?:firebase|clerk|supabase|auth0|cognito|okta|keycloak|jwt|token|bearer|session|oauth|api_?key)_?auth$/iu',
  '/(?:^|\\.)(?:is|must)_?(?:authenticated|logged_?in|signed_?in)$/iu',
  '/(?:auth(?:entication)?|jwt)_?(?:middleware|guard|hook|check|required)$/iu',
];

/** NestJS guard names that look like authentication (an out-of-view guard of this name is *unknown*). */
export const authGuardNames: readonly string[] = [
  'AuthGuard', 'JwtAuthGuard', 'JwtGuard', 'SessionGuard', 'AuthenticatedGuard', 'LocalAuthGuard', 'ApiKeyGuard',
  'ClerkAuthGuard', 'FirebaseAuthGuard', 'SupabaseGuard', 'AccessTokenGuard', 'GqlAuthGuard',
  '/(?:auth|jwt|token|session|api_?key|bearer|login|user)\\w*guard$/iu',
];

/** Decorators and markers that make a route intentionally public. */
export const publicDecoratorNames: readonly string[] = [
  'Public', 'IsPublic', 'PublicRoute', 'AllowAnonymous', 'Anonymous', 'SkipAuth', 'NoAuth', 'Unauthenticated',
  'OptionalAuth',
];

/** Metadata keys that `SetMetadata(KEY, true)` uses to mark a route public. */
export const publicMetadataKeys: readonly string[] = ['isPublic', 'IS_PUBLIC_KEY', 'public', 'skipAuth', 'allowAnonymous'];

/** Calls inside a handler that return the current session or user (checked afterwards). */
export const authCallNames: readonly string[] = [
  'getServerSession', 'getSession', 'auth', 'currentUser', 'getAuth', 'validateRequest', 'getUser', 'getToken',
  'getCurrentUser', 'getUserFromRequest', 'getSessionUser', 'verifySession', 'verifyToken', 'verifyIdToken',
  'jwt.verify', 'jwtVerify', 'getKindeServerSession', 'supabase.auth.getUser', 'getIronSession', 'lucia.validateSession',
  // nuxt-auth-utils (Nuxt, Nitro): `const session = await getUserSession(event)`, then checked.
  'getUserSession',
  // hono/cookie: the value of a cookie whose signature the secret verifies, `false` when forged.
  'getSignedCookie',
  '/^(?:require|ensure|assert)_?(?:auth|user|session|login)/iu',
];

/**
 * Methods that known auth libraries add or return, and that throw or reject by themselves when the
 * credential is missing or invalid, whatever object they are called on:
 * `request.jwtVerify()` (@fastify/jwt), `auth.protect()` / `auth().protect()` (Clerk),
 * `admin.auth().verifyIdToken()` / `verifySessionCookie()` (Firebase Admin),
 * `lucia.validateSession()` checked afterwards is covered by `authCallNames`.
 */
export const rejectingAuthCallNames: readonly string[] = [
  'jwtVerify', 'auth.protect', 'verifyIdToken', 'verifySessionCookie',
  // nuxt-auth-utils: `await requireUserSession(event)` throws a 401 without a signed-in user.
  'requireUserSession',
  // AdonisJS (`@adonisjs/auth`): `await auth.authenticate()`, `auth.use('api').authenticate()`,
  // `auth.authenticateUsing(['web'])` throw without a signed-in user.
  '/(?:^|\\.)auth(?:\\.use)?\\.authenticate(?:Using)?$/u',
];

/**
 * An export of a package: `path` is `''` for the module itself (default or namespace import),
 * members are joined by `.`, and `()` marks the result of a call (`auth().verifyIdToken`).
 */
export interface LibraryExport {
  module: string;
  path: string;
}

/**
 * Exports of auth libraries that reject unauthenticated requests (middleware, guards, hooks,
 * wrappers), or that verify a credential and throw when it is invalid (`verify`). A guard that
 * resolves to one of these authenticates; a call to a `verify` entry inside a middleware, guard or
 * handler is evidence that it does.
 */
export const authLibraryExports = [
  // passport.authenticate('jwt', { session: false }); connect-ensure-login
  { module: 'passport', path: 'authenticate', kind: 'middleware' },
  // koa-passport: the same `passport.authenticate('jwt', { session: false })`, as Koa middleware (401 on failure)
  { module: 'koa-passport', path: 'authenticate', kind: 'middleware' },
  { module: 'connect-ensure-login', path: 'ensureLoggedIn', kind: 'middleware' },
  { module: 'connect-ensure-login', path: 'ensureAuthenticated', kind: 'middleware' },
  // express-jwt v7+ (`expressjwt`), older default export; koa-jwt
  { module: 'express-jwt', path: 'expressjwt', kind: 'middleware' },
  { module: 'express-jwt', path: '', kind: 'middleware' },
  { module: 'koa-jwt', path: '', kind: 'middleware' },
  { module: 'express-basic-auth', path: '', kind: 'middleware' },
  // `basicAuth(user, pass)` / `basicAuth((user, pass) => …)` of connect; koa-basic-auth `auth({ name, pass })`: 401 on a mismatch
  { module: 'basic-auth-connect', path: '', kind: 'middleware' },
  { module: 'koa-basic-auth', path: '', kind: 'middleware' },
  // Auth0: express-oauth2-jwt-bearer `auth()`, express-openid-connect `requiresAuth()`
  { module: 'express-oauth2-jwt-bearer', path: 'auth', kind: 'middleware' },
  { module: 'express-openid-connect', path: 'requiresAuth', kind: 'middleware' },
  // `app.use(auth({ … }))`: with the default `authRequired: true` it sends every anonymous request to the login
  { module: 'express-openid-connect', path: 'auth', kind: 'middleware' },
  { module: '@auth0/nextjs-auth0', path: 'withApiAuthRequired', kind: 'middleware' },
  { module: '@auth0/nextjs-auth0', path: 'withPageAuthRequired', kind: 'middleware' },
  // Clerk
  { module: '@clerk/express', path: 'requireAuth', kind: 'middleware' },
  { module: '@clerk/clerk-sdk-node', path: 'ClerkExpressRequireAuth', kind: 'middleware' },
  // Hono's built-in auth middleware
  { module: 'hono/jwt', path: 'jwt', kind: 'middleware' },
  { module: 'hono/jwk', path: 'jwk', kind: 'middleware' },
  { module: 'hono/bearer-auth', path: 'bearerAuth', kind: 'middleware' },
  { module: 'hono/basic-auth', path: 'basicAuth', kind: 'middleware' },
  // NestJS passport guards: `@UseGuards(AuthGuard('jwt'))`, `class JwtGuard extends AuthGuard('jwt')`
  { module: '@nestjs/passport', path: 'AuthGuard', kind: 'guard' },
  // Auth.js / next-auth middleware
  { module: 'next-auth/middleware', path: 'withAuth', kind: 'middleware' },
  { module: 'next-auth/middleware', path: '', kind: 'middleware' },
  // Feathers: the `authenticate('jwt')` hook (v5 exports it at the top, v4 under `hooks`) throws
  // NotAuthenticated unless one of its strategies authenticates the call (see `models/frameworks/feathers.ts`
  // for a strategy that admits anonymous calls).
  { module: '@feathersjs/authentication', path: 'authenticate', kind: 'middleware' },
  { module: '@feathersjs/authentication', path: 'hooks.authenticate', kind: 'middleware' },
  // Token verification that throws on a bad token
  { module: 'jsonwebtoken', path: 'verify', kind: 'verify' },
  { module: 'jose', path: 'jwtVerify', kind: 'verify' },
  // NestJS `JwtService`, injected (`constructor(private readonly jwt: JwtService)`): `this.jwt.verify(token)`
  // and `verifyAsync` throw on a bad token (`decode` verifies nothing and is not listed)
  { module: '@nestjs/jwt', path: 'JwtService.verify', kind: 'verify' },
  { module: '@nestjs/jwt', path: 'JwtService.verifyAsync', kind: 'verify' },
  // `admin.auth().verifyIdToken(token)`, `getAuth().verifyIdToken(token)`: `()` marks a call's result
  { module: 'firebase-admin', path: 'auth().verifyIdToken', kind: 'verify' },
  { module: 'firebase-admin/auth', path: 'getAuth().verifyIdToken', kind: 'verify' },
] as const satisfies readonly (LibraryExport & { kind: 'middleware' | 'guard' | 'verify' })[];

/**
 * Exports of authorization libraries whose call makes a middleware that answers 403 unless the
 * principal has the roles, scopes or permissions it is given: express-jwt-authz
 * `jwtAuthz(['admin:audit'], options)` (it reads the scopes, or `customScopeKey`, of the token
 * express-jwt verified). A guard that resolves to such a call, or a factory of the project that
 * returns one (`const requireScope = (...s) => jwtAuthz(s)`), checks a role. A literal empty list at
 * `argument` requires nothing (the middleware then lets every request through).
 */
export const roleLibraryExports = [
  { module: 'express-jwt-authz', path: '', argument: 0 },
] as const satisfies readonly (LibraryExport & { argument: number })[];

/**
 * Helpers of frameworks that make a middleware of the function they are given, and add nothing to
 * what it does (types, at most): Hono's `createMiddleware(async (c, next) => …)` of `hono/factory`.
 * A guard built with one is judged by the function at `argument`, as if written alone. (The method
 * of `createFactory()` is not listed: followed from another file, its value is more steps away than
 * the auth judge follows.)
 */
export const middlewareFactories = [
  { module: 'hono/factory', path: 'createMiddleware', argument: 0 },
] as const satisfies readonly (LibraryExport & { argument: number })[];

/**
 * Response methods that take the status after the body: Hono's `c.json({ error }, 401)`,
 * `c.text('no', 403)`, `c.body(null, 401)`, `c.html(page, 401)`, `c.newResponse(null, 401)`.
 * A literal number there is the status the branch answers.
 */
export const statusAfterBodyMethods: readonly string[] = ['json', 'text', 'body', 'html', 'newResponse'];

/**
 * Functions of frameworks that read one value the request sent, given the request (or its
 * context) first and the name of the value at `key`: Hono's `getCookie(c, 'sid')` of `hono/cookie`.
 * What they return is the request's input (a credential when the name is one), never a check of it.
 * (h3's utilities are read through `h3InputFunctions`.)
 */
export const requestValueReaders = [
  { module: 'hono/cookie', path: 'getCookie', key: 1 },
] as const satisfies readonly (LibraryExport & { key: number })[];

/**
 * Helpers that make one middleware of a list, run in order, and add nothing to what the list does:
 * koa-compose's `compose([requireAuth, requireRole('hr')])`. A guard built with one is judged as the
 * list at `argument` (written there, or a constant the file declares), as Express judges an array
 * of middleware: authenticated when one of them authenticates, role-checked when one checks a role.
 */
export const middlewareCompositions = [
  { module: 'koa-compose', path: '', argument: 0 },
] as const satisfies readonly (LibraryExport & { argument: number })[];

/**
 * Auth library middleware that, called this way, authenticates only the requests that send
 * credentials and lets the others through without a principal: passport with the `anonymous`
 * strategy (passport-anonymous) in its list, express-jwt `credentialsRequired: false`, koa-jwt
 * `passthrough: true`, express-oauth2-jwt-bearer and express-openid-connect `authRequired: false`. `member` is where the
 * library puts the principal (relative to the request, or Koa's context), `memberOption` the
 * option that renames it.
 */
export const optionalAuthLibraryCalls = [
  { module: 'passport', path: 'authenticate', strategy: 'anonymous', member: 'user' },
  { module: 'koa-passport', path: 'authenticate', strategy: 'anonymous', member: 'state.user' },
  { module: 'express-jwt', path: 'expressjwt', option: 'credentialsRequired', value: false, member: 'auth', memberOption: 'requestProperty' },
  { module: 'express-jwt', path: '', option: 'credentialsRequired', value: false, member: 'user', memberOption: 'requestProperty' },
  { module: 'koa-jwt', path: '', option: 'passthrough', value: true, member: 'state.user', memberOption: 'key' },
  { module: 'express-oauth2-jwt-bearer', path: 'auth', option: 'authRequired', value: false, member: 'auth' },
  // express-openid-connect `auth({ authRequired: false })`: loads `req.oidc.user` when signed in, requires nothing
  { module: 'express-openid-connect', path: 'auth', option: 'authRequired', value: false, member: 'oidc.user' },
] as const satisfies readonly (LibraryExport & {
  /** A strategy in the first argument (a name or a list of names) that admits anonymous requests. */
  strategy?: string;
  /** An option of the first argument that, with `value`, makes credentials optional. */
  option?: string;
  value?: boolean;
  member: string;
  memberOption?: string;
})[];

/**
 * Packages none of whose exports authenticate: security headers, CORS, rate limits, logging, body
 * and cookie parsing, sessions (which load a session but reject nobody), uploads, validation.
 * A guard from one of these is never authentication, whatever it is called.
 */
export const nonAuthLibraries: readonly string[] = [
  'helmet', 'cors', 'express-rate-limit', 'rate-limiter-flexible', 'express-slow-down', 'morgan', 'compression',
  'body-parser', 'cookie-parser', 'express-session', 'cookie-session', 'multer', 'express-validator', 'celebrate',
  'express-async-handler', 'csurf', 'hpp', 'express-mongo-sanitize', 'xss-clean', 'feature-policy', 'nocache',
  'serve-static', 'express-fileupload', 'connect-timeout', 'response-time', 'express-winston', 'pino-http',
  '@fastify/helmet', '@fastify/cors', '@fastify/rate-limit', '@fastify/cookie', '@fastify/session',
  '@fastify/multipart', '@fastify/compress', 'koa-helmet', '@koa/cors', 'koa-bodyparser', '@koa/bodyparser',
  'koa-ratelimit', 'koa-logger', 'hono/cors', 'hono/secure-headers', 'hono/logger', 'hono/csrf', 'hono/etag',
  'hono/timing', 'hono/compress', 'hono/body-limit', '@nestjs/throttler', 'lusca',
];

/**
 * Exports of packages that also hold authentication (or are frameworks) which themselves reject
 * nobody: Express's body parsers and static file server, passport's `initialize()` (sets up the
 * strategies) and `session()` (restores a login from the session, letting anonymous requests
 * through). A guard that is one of these is never the route's authentication, and never named as
 * the unjudged guard it relies on.
 */
export const nonAuthLibraryExports = [
  { module: 'express', path: 'json' },
  { module: 'express', path: 'urlencoded' },
  { module: 'express', path: 'raw' },
  { module: 'express', path: 'text' },
  { module: 'express', path: 'static' },
  { module: 'passport', path: 'initialize' },
  { module: 'passport', path: 'session' },
  // Auth.js (NextAuth v5) `export const { auth } = NextAuth(config)`: `await auth()` returns the
  // session or null and `auth(handler)` puts it in `req.auth`; neither turns anybody away (the
  // caller's check of the session does). As a Next.js middleware it is judged by its config.
  { module: 'next-auth', path: '().auth' },
  { module: 'koa-passport', path: 'initialize' },
  { module: 'koa-passport', path: 'session' },
] as const satisfies readonly LibraryExport[];

/**
 * Where an auth library's middleware puts the principal it verified, relative to what the
 * middleware is given (Express's request, Koa's context): passport's `req.user`, koa-passport's
 * `ctx.state.user`.
 */
export const libraryPrincipalMembers: Readonly<Record<string, string>> = { passport: 'user', 'koa-passport': 'state.user' };

/**
 * Explicit opt-outs are reported when the route they make public is plainly privileged: a path
 * segment here (administration, role and permission management), or a destructive write
 * (`privilegedMethods`) to a resource named by a path parameter, which is another user's unless
 * authentication says whose it is.
 */
export const privilegedPathSegments: readonly string[] = [
  'admin', 'admins', 'administrator', 'administration', 'superadmin', 'sudo', 'staff', 'internal', 'backoffice',
  'roles', 'role', 'permissions', 'permission', 'grants', 'impersonate', 'api-keys', 'apikeys',
];

/**
 * Path segments of flows that are public by design even when they write: signing in and up,
 * password reset, e-mail verification, invitations, webhooks (which check a signature instead).
 * An opt-out on a route with one of these is never reported as privileged. `public` is not one: it
 * names what may be read openly, and `DELETE /public/notes/:id` is as privileged as any delete.
 */
export const publicFlowSegments: readonly string[] = [
  'login', 'signin', 'sign-in', 'logout', 'signout', 'signup', 'sign-up', 'register', 'auth', 'oauth', 'callback',
  'reset-password', 'forgot-password', 'password-reset', 'verify-email', 'confirm-email', 'invitations', 'invite',
  'webhook', 'webhooks', 'health', 'healthz',
];

/**
 * Public flows named by their first words, with more words after them: a server action
 * `loginWithEmail` (`/login-with-email`), `signInWithPassword`, `registerAccount`,
 * `resetPasswordRequest`, a route `POST /login-safe`. The last path segment (or the action's name)
 * is public when it starts with one of these and every word after it is a `publicFlowQualifiers`
 * word: how the flow is done (with a password, by e-mail, a step of it), never on whom or what
 * else it acts. `loginAs` / `signInAsUser` (an administrator acting as a user), `registerDevice`,
 * `registerWebhook` stay judged like any route. The whole segment alone (`/login`) is a
 * `defaultPublicRoutes` pattern. Dropped with the default public routes (`ignoreDefaultPublicRoutes`).
 */
export const publicFlowPhrases: readonly string[] = [
  'login', 'log-in', 'signin', 'sign-in', 'signup', 'sign-up', 'register', 'logout', 'log-out', 'signout', 'sign-out',
  'forgot-password', 'reset-password', 'password-reset', 'verify-email',
];

/** Words that may follow a `publicFlowPhrases` phrase and keep the flow public: manners, credentials, steps. */
export const publicFlowQualifiers: readonly string[] = [
  'with', 'via', 'using', 'by', 'email', 'password', 'passwordless', 'phone', 'sms', 'otp', 'code', 'magic', 'link',
  'passkey', 'webauthn', 'sso', 'oauth', 'saml', 'google', 'github', 'apple', 'microsoft', 'account', 'user', 'form',
  'submit', 'request', 'action', 'safe', 'secure', 'page', 'step', 'start', 'begin', 'confirm', 'complete', 'finish',
  'verify', 'new',
];

/** Methods that destroy or overwrite a resource. */
export const privilegedMethods: readonly string[] = ['DELETE', 'PUT', 'PATCH', 'ALL'];

/**
 * Calls that verify a webhook's signature (and throw or return false when it does not match): for a
 * webhook endpoint this is its authentication. Stripe, Svix/Clerk, GitHub (`@octokit/webhooks`),
 * Twilio, Slack, Discord, Shopify, and a hand-written HMAC compared with `timingSafeEqual`.
 */
export const signatureVerificationNames: readonly string[] = [
  'webhooks.constructEvent', 'webhooks.constructEventAsync', 'Webhook.verify', 'wh.verify', 'webhook.verify',
  'webhooks.verify', 'verifyWebhook', 'verifyWebhookSignature', 'verifySignature', 'verifyRequestSignature',
  'validateRequest', 'validateWebhook', 'verifyKey', 'timingSafeEqual', 'crypto.timingSafeEqual',
];

/**
 * Webhook SDK calls that verify a delivery's signature, for judging a project's helper by its
 * definition (`function parseStripeEvent(raw, sig) { return stripe.webhooks.constructEvent(…) }`).
 * `failure` says what a bad signature does: `throws` (the helper rejects wherever it is called for
 * effect) or `returns` false (the helper's answer must be tested and the request turned away).
 * `new Webhook(secret).verify(…)` and `wh.verify(…)` with `const wh = new Webhook(secret)` are both
 * `Webhook.verify`.
 */
export const signatureLibraryCalls = [
  // stripe: `stripe.webhooks.constructEvent(rawBody, header, endpointSecret)` throws on a mismatch
  { module: 'stripe', path: 'webhooks.constructEvent', failure: 'throws' },
  { module: 'stripe', path: 'webhooks.constructEventAsync', failure: 'throws' },
  // svix (Clerk, Resend): `new Webhook(secret).verify(payload, headers)` throws WebhookVerificationError
  { module: 'svix', path: 'Webhook.verify', failure: 'throws' },
  // @octokit/webhooks: `webhooks.verify(payload, signature)` resolves to a boolean; `verifyAndReceive` throws
  { module: '@octokit/webhooks', path: 'Webhooks.verify', failure: 'returns' },
  { module: '@octokit/webhooks', path: 'Webhooks.verifyAndReceive', failure: 'throws' },
  { module: '@octokit/webhooks-methods', path: 'verify', failure: 'returns' },
] as const satisfies readonly (LibraryExport & { failure: 'throws' | 'returns' })[];

/**
 * Names that make a value the request sent a credential, for a check a handler makes itself (a
 * lookup or comparison whose failure answers 401): the header, field, key or variable it comes
 * from, or the call given it, says it is a secret the caller proves it holds. A lookup by anything
 * else (an e-mail, an id, a slug) proves nothing: anyone can send it.
 */
export const credentialNamePatterns: readonly RegExp[] = [
  /authori[sz]ation/iu, // the Authorization header
  /api[-_]?key|access[-_]?key|^x-[\w-]*-key$|^key$/iu, // X-API-Key, `{ where: { key } }`
  /token|bearer|jwt/iu,
  /secret/iu,
  /passw(?:or)?d|passphrase|^pass$|^pwd$/iu,
  /signature|^sig$|hmac/iu,
  /cookie|session/iu,
  /^sid$|[-_.]sid$/iu, // a session id: `sid`, `connect.sid`
  /credential/iu,
  /^otp$|totp|one[-_]?time/iu,
];

/**
 * Names of the secret a caller signs in or up with (`password`, `passphrase`, a one-time code): a
 * request value so named, passed to a check whose failure answers 401/403, is a sign-in; passed to
 * a call whose result a token is then issued for, a sign-up. Matched against every word of the
 * request member's path (`req.body.password`, `request.body.password.old`).
 */
export const signInSecretPatterns: readonly RegExp[] = [
  /passw(?:or)?d|passphrase|^pass$|^pwd$/iu,
  /^otp$|totp|one[-_]?time/iu,
];

/**
 * First words of a call that creates an account (`add_user`, `createUser`, `registerMember`,
 * `signUp`): given the password the request sent and followed by a token issued for its result, a
 * sign-up. A store insert (`db.users.create`, see `storeInsertMethods`) is one whatever its name.
 * Any other call given the password (`directory.verify(name, password, cb)`) is a check, or an
 * effect that keeps the route judged.
 */
export const accountCreationVerbs: readonly string[] = ['add', 'create', 'insert', 'register', 'signup', 'new', 'enroll', 'provision'];

/**
 * Store methods that return an existing record when one matches (`upsert` with an empty update,
 * Sequelize `findOrCreate`): keyed by what the request names, they find an account, not create one.
 */
export const findOrCreateMethods: readonly string[] = ['upsert', 'upsertGraph', 'findOrCreate', 'findOneAndUpdate', 'findOrCreateBy'];

/**
 * Credential checks that answer a promise when given no callback (bcrypt and bcryptjs `compare`,
 * argon2 `verify`), by the names their modules are imported under: tested without `await`, the
 * answer is always truthy and the refusal never runs.
 */
export const promiseCredentialChecks: RegExp = /^(?:bcrypt|bcryptjs|argon2|argon)\.(?:compare|verify)$|^compare$/u;

/**
 * Calls that read a token's claims without checking its signature (`jwt.decode`, `jose.decodeJwt`):
 * what they answer is whatever the client wrote.
 */
export const unverifiedDecodes: RegExp = /(?:^|\.)(?:decode|decodeJwt|decodeProtectedHeader)$|^atob$|^Buffer\.from$|^JSON\.parse$/u;

/**
 * Last words of a request member that is itself a secret credential, whose knowledge is the proof:
 * a route that acts only on the credential it is sent (revoking the token it names, redeeming an
 * invitation) needs no other authentication. Identifiers of credentials are not: `tokenId`,
 * `keyId`, `tokenHash` end in another word, and `sessionId` names a session, not its secret.
 */
export const sentCredentialKeyWords: readonly (readonly string[])[] = [['token'], ['secret'], ['api', 'key'], ['apikey']];

/**
 * Calls that store what they are given (`settings.set('githubToken', token)`, `db.tokens.create`):
 * a credential passed to one is a value being saved, not the proof of a request. `updating` calls
 * may take it as their first argument, the filter (`updateOne({ token }, { revokedAt })`), but not
 * under a key that holds the new values (`storedValueKeys`).
 */
export const credentialStoringCalls = {
  storing: /^(?:set|put|save|store|create|insert|add|write|upsert|register|persist|replace|link|connect)/iu,
  updating: /^(?:update|patch|findOneAndUpdate|findByIdAndUpdate)/iu,
  storedValueKeys: ['data', '$set', 'set', 'values', 'update', '$setOnInsert', '$push', 'changes'],
} as const;

/**
 * Request containers a check may be given whole (`verify(req.headers)`, `login(req.body)`): they may
 * carry a credential, so the check is not judged by their name.
 */
export const wholeRequestContainers: readonly string[] = ['headers', 'cookies', 'signedCookies', 'session', 'body', 'payload', 'auth'];

/** Node's crypto module, whose `createHmac` and `timingSafeEqual` make a hand-written signature check. */
export const cryptoModules: readonly string[] = ['crypto', 'node:crypto'];

/** Members of the request that hold the authenticated principal, across frameworks. */
export const principalMembers: readonly string[] = [
  'user', 'auth', 'session', 'userId', 'currentUser', 'principal', 'credentials', 'isAuthenticated', 'state',
  'account', 'identity', 'claims',
  // Directus and extensions written for it: `req.accountability` holds `user`, `role` and `admin`.
  'accountability',
  // Sails apps: `req.me`, the signed-in user the app's hook loads from `req.session.userId`.
  'me',
];

/**
 * Request headers that only a hosting platform's own authentication sets, after it signed the
 * caller in, and that it strips from what clients send: Azure App Service Authentication ("Easy
 * Auth", also in front of Azure Functions) and Azure Static Web Apps pass the caller as
 * `x-ms-client-principal` (base64 JSON) and its id and name. A read of one is a read of the
 * principal, as `req.user` is. Headers a proxy sets that the app must verify itself (Google IAP's
 * `x-goog-iap-jwt-assertion`, an ALB's `x-amzn-oidc-data`) are not listed: they are credentials.
 */
export const platformPrincipalHeaders: readonly string[] = ['x-ms-client-principal', 'x-ms-client-principal-id', 'x-ms-client-principal-name'];

/**
 * Keys of the one object a handler is given (`({ request, locals }) => …`) under which the framework
 * holds the request's per-request state, where an earlier hook puts the principal: SvelteKit's
 * `locals` (`if (!locals.user) throw error(401)`), the `context` of Remix's `getLoadContext`.
 * Destructured, the key names a request: its principal members read the caller.
 */
export const principalHolderKeys: readonly string[] = ['locals', 'context'];

/** Middleware, guards and decorators that check roles or permissions. */
export const roleCheckNames: readonly string[] = [
  'requireRole', 'requireRoles', 'hasRole', 'hasRoles', 'checkRole', 'checkRoles', 'authorize', 'authorizeRoles',
  'permit', 'requirePermission', 'requirePermissions', 'checkPermission', 'checkPermissions', 'can', 'isAdmin',
  'requireAdmin', 'adminOnly', 'ensureAdmin', 'onlyAdmin', 'RolesGuard', 'PermissionsGuard', 'PoliciesGuard',
  'AdminGuard', 'Roles', 'Permissions', 'CheckPolicies', 'RequirePermissions',
  // `featurePolicy`, `referrerPolicy`, `contentSecurityPolicy` are headers: a policy is a role check
  // only as a guard or a check.
  '/(?:role|permission|admin|scope)s?_?(?:guard|check|required|middleware)?$/iu',
  '/polic(?:y|ies)_?(?:guard|check)$/iu',
];

/** Properties whose comparison in a handler is a role check (`req.user.role !== 'admin'`). */
export const roleProperties: readonly string[] = [
  'role', 'roles', 'isAdmin', 'admin', 'permissions', 'scopes', 'scope', 'groups',
  // The administrator flag of the Sails web-app template's user (`req.me.isSuperAdmin`), and its kin.
  'isSuperAdmin', 'superAdmin',
  // Staff and superuser flags (Django's `is_staff` kin), and the short name of a permission list.
  'isStaff', 'isSuperuser', 'superuser', 'perms',
];

/**
 * Members that name the principal's role by id (`req.user.role_id === 1`; snake_case matches its
 * camelCase entry). Read only where a role check is looked for in front of a whole-body write
 * (`no-mass-assignment`'s `roleCheckedRoutes`), in a middleware or guard: in a handler, a test of
 * the role id often gates something other than access (`if (!req.user || req.user.role_id > 1)`
 * answers 503 in maintenance mode), so it does not count as a role check for authentication.
 */
export const roleIdProperties: readonly string[] = ['roleId'];

/**
 * Paths that are public by design. A team would agree these need no authentication: health and
 * readiness probes, the sign-in/sign-up flow itself, and well-known files. Webhooks and metrics
 * are deliberately absent: they need a signature or network restriction that the rule cannot see.
 * They make no privileged route public (a destructive write to a resource named by a path
 * parameter, an administration path): a `public` segment opens reads, not `DELETE /public/notes/:id`.
 */
export const defaultPublicRoutes: readonly string[] = [
  '/', '**/health', '**/healthz', '**/health/**', '**/healthcheck', '**/health-check', '**/health_check', '**/ready', '**/readyz', '**/live', '**/livez', '**/ping',
  '**/login', '**/signin', '**/sign-in', '**/signup', '**/sign-up', '**/register', '**/logout', '**/signout',
  '**/forgot-password', '**/reset-password', '**/verify-email', '**/auth/**', '**/oauth/**', '**/callback',
  '/.well-known/**', '**/favicon.ico', '/robots.txt', '/api/auth/**', '**/public', '**/public/**',
  // Home-screen icons: browsers request them at these paths without credentials, as a favicon.
  '**/apple-touch-icon.png', '**/apple-touch-icon-precomposed.png',
];

/** Path patterns where an authenticated user must also pass a role check. */
export const defaultRoleRequiredRoutes: readonly string[] = ['**/admin', '**/admin/**'];

/**
 * Prefixes of environment variables that frameworks build into the code they send to browsers
 * (Next.js, Vite, Create React App, Nuxt, Expo, SvelteKit and Astro, Gatsby): such a value is public,
 * so a credential compared with it proves nothing.
 */
export const publicEnvironmentPrefixes: readonly string[] = ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'NUXT_PUBLIC_', 'EXPO_PUBLIC_', 'PUBLIC_', 'GATSBY_'];

