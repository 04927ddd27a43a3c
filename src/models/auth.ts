/**
 * Built-in authentication vocabulary. Each list holds exact names (matched against the whole
 * dotted name or its last segment) and `/regex/` entries (matched against the whole dotted name).
 * Users add their own in `settings['api-security']`.
 */

/** Middleware, hooks, wrappers and helpers that reject unauthenticated requests. */
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

/** NestJS guards that authenticate (`@UseGuards(...)`); role guards also reject anonymous requests. */
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
  '/^(?:require|ensure|assert)_?(?:auth|user|session|login)/iu',
];

/** Calls that throw or reject by themselves when the request is not authenticated. */
export const rejectingAuthCallNames: readonly string[] = [
  'jwtVerify', 'auth.protect', 'authenticate', 'requireAuth', 'requireUser', 'requireSession',
  '/^(?:require|ensure|assert)_?(?:auth|authenticated|user|session|login)/iu',
];

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

/** Members of the request that hold the authenticated principal, across frameworks. */
export const principalMembers: readonly string[] = [
  'user', 'auth', 'session', 'userId', 'currentUser', 'principal', 'credentials', 'isAuthenticated', 'state',
  'account', 'identity', 'claims',
];

/** Middleware, guards and decorators that check roles or permissions. */
export const roleCheckNames: readonly string[] = [
  'requireRole', 'requireRoles', 'hasRole', 'hasRoles', 'checkRole', 'checkRoles', 'authorize', 'authorizeRoles',
  'permit', 'requirePermission', 'requirePermissions', 'checkPermission', 'checkPermissions', 'can', 'isAdmin',
  'requireAdmin', 'adminOnly', 'ensureAdmin', 'onlyAdmin', 'RolesGuard', 'PermissionsGuard', 'PoliciesGuard',
  'AdminGuard', 'Roles', 'Permissions', 'CheckPolicies', 'RequirePermissions',
  '/(?:role|permission|admin|polic(?:y|ies)|scope)s?_?(?:guard|check|required|middleware)?$/iu',
];

/** Properties whose comparison in a handler is a role check (`req.user.role !== 'admin'`). */
export const roleProperties: readonly string[] = ['role', 'roles', 'isAdmin', 'admin', 'permissions', 'scopes', 'scope', 'groups'];

/**
 * Paths that are public by design. A team would agree these need no authentication: health and
 * readiness probes, the sign-in/sign-up flow itself, and well-known files. Webhooks and metrics
 * are deliberately absent: they need a signature or network restriction that the rule cannot see.
 */
export const defaultPublicRoutes: readonly string[] = [
  '/', '**/health', '**/healthz', '**/health/**', '**/ready', '**/readyz', '**/live', '**/livez', '**/ping',
  '**/login', '**/signin', '**/sign-in', '**/signup', '**/sign-up', '**/register', '**/logout', '**/signout',
  '**/forgot-password', '**/reset-password', '**/verify-email', '**/auth/**', '**/oauth/**', '**/callback',
  '/.well-known/**', '/favicon.ico', '/robots.txt', '/api/auth/**', '**/public', '**/public/**',
];

/** Path patterns where an authenticated user must also pass a role check. */
export const defaultRoleRequiredRoutes: readonly string[] = ['**/admin', '**/admin/**'];
