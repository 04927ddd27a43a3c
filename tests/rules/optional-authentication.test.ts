import { RuleTester } from '@typescript-eslint/rule-tester';
import { optionalAuthLibraryCalls } from '../../src/models/auth.js';
import rule, { type Options } from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

/*
 * Optional authentication: a middleware that verifies a credential when one is sent and puts the
 * principal on the request, but lets requests without one continue. The routes behind it are
 * reachable anonymously; a handler that checks for the principal authenticates them, one that
 * passes the principal on to a service or model delegates authorization to it (reported only with
 * `delegatedAuthorization: 'report'`, as the `strict` config sets), and one that does neither is
 * reported with the middleware named.
 */

const ruleTester = new RuleTester();
const strict: Options = [{ delegatedAuthorization: 'report' }];

const expressOptional = `
import express from 'express';
import jwt from 'jsonwebtoken';
import { ArticlesService } from './services/articles.js';
import { db } from './db.js';
const app = express();

function optionalAuth(req, res, next) {
  const header = req.headers.authorization;
  if (!header) return next();
  try {
    req.user = jwt.verify(header.replace('Bearer ', ''), process.env.JWT_SECRET);
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}
app.use(optionalAuth);
`;

const passportAnonymous = `
import express from 'express';
import passport from 'passport';
import { Comment } from './models/comment.js';
const app = express();
app.use(passport.authenticate(['jwt', 'anonymous'], { session: false }));
`;

const koaOptional = `
import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'jsonwebtoken';
import { orders, stats } from './services.js';
const app = new Koa();
const router = new Router();
async function optionalUser(ctx, next) {
  const token = ctx.get('Authorization');
  if (token) {
    try {
      ctx.state.user = jwt.verify(token.slice(7), process.env.SECRET);
    } catch {
      ctx.throw(401, 'invalid token');
    }
  }
  await next();
}
router.use(optionalUser);
`;

ruleTester.run('optional authentication (Express, jsonwebtoken)', rule, {
  valid: [
    {
      name: 'the handler builds its service with the caller',
      code: `${expressOptional}
app.get('/articles', async (req, res) => {
  const service = new ArticlesService({ user: req.user });
  res.json(await service.list(req.query));
});
`,
    },
    {
      name: 'the handler checks for the caller',
      code: `${expressOptional}
app.get('/me', (req, res) => {
  if (!req.user) return res.status(401).json({ error: 'sign in' });
  res.json({ id: req.user.sub });
});
`,
    },
    {
      name: 'the caller passed on through a local, to a model query',
      code: `${expressOptional}
app.get('/drafts', async (req, res) => {
  const { user } = req;
  res.json(await db.drafts.findMany({ where: { authorId: user?.sub } }));
});
`,
    },
    {
      name: 'a look-alike that rejects a request without a token is mandatory authentication',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
function optionalAuth(req, res, next) {
  const header = req.headers.authorization;
  if (!header) return res.status(401).json({ error: 'sign in' });
  req.user = jwt.verify(header.replace('Bearer ', ''), process.env.JWT_SECRET);
  next();
}
app.use(optionalAuth);
app.get('/drafts', async (req, res) => res.json([]));
`,
    },
    {
      name: 'a verification inside if (token) { … } followed by a 401 is mandatory',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
function auth(req, res, next) {
  const token = req.cookies.token;
  if (token) {
    req.user = jwt.verify(token, process.env.JWT_SECRET);
    return next();
  }
  res.status(401).end();
}
app.get('/drafts', auth, (req, res) => res.json([]));
`,
    },
    {
      name: 'a factory whose option decides whether a request without a token goes on is left as before',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
const authenticate = ({ required }) => (req, res, next) => {
  const token = req.headers['x-access-token'];
  if (!token) return required ? res.sendStatus(401) : next();
  req.user = jwt.verify(token, process.env.SECRET);
  next();
};
app.get('/drafts', authenticate({ required: true }), (req, res) => res.json([]));
`,
    },
    {
      name: 'a mandatory middleware wrapped in express-async-handler stays authenticated',
      code: `
import express from 'express';
import asyncHandler from 'express-async-handler';
import jwt from 'jsonwebtoken';
const app = express();
const authenticate = asyncHandler(async (req, res, next) => {
  const token = req.headers.authorization;
  if (!token) return res.status(401).json({ error: 'sign in' });
  req.user = jwt.verify(token.slice(7), process.env.SECRET);
  next();
});
app.get('/drafts', authenticate, (req, res) => res.json([]));
`,
    },
    {
      name: 'a verification kept through a cast (as Payload) still rejects a request without a token',
      code: `
import express, { type NextFunction, type Request, type Response } from 'express';
import jwt from 'jsonwebtoken';
const app = express();
function authenticate(req: Request, res: Response, next: NextFunction) {
  const payload = jwt.verify(req.headers.authorization ?? '', process.env.SECRET as string) as { sub: string };
  res.locals.user = payload;
  next();
}
app.get('/drafts', authenticate, (req, res) => res.json([]));
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'the handler ignores the caller and returns data',
      code: `${expressOptional}
app.get('/drafts', async (req, res) => res.json(await db.drafts.findMany()));
`,
      errors: [{
        messageId: 'optionalAuthRoute', line: 20, column: 5, endColumn: 18,
        data: { method: 'GET', path: '/drafts', framework: 'express', middleware: 'optionalAuth', definedAt: 'line 8', principal: 'req.user' },
      }],
    },
    {
      name: 'strict: the handler that delegates is reported with the call it delegates to',
      options: strict,
      code: `${expressOptional}
app.get('/articles', async (req, res) => {
  const service = new ArticlesService({ user: req.user });
  res.json(await service.list(req.query));
});
`,
      errors: [{
        messageId: 'delegatedAuthorization', line: 20,
        data: {
          method: 'GET', path: '/articles', framework: 'express', middleware: 'optionalAuth', definedAt: 'line 8',
          principal: 'req.user', call: 'new ArticlesService()', line: 21,
        },
      }],
    },
    {
      name: 'strict: a handler that checks for the caller is still authenticated',
      options: strict,
      code: `${expressOptional}
app.get('/me', (req, res) => {
  if (!req.user) return res.sendStatus(401);
  res.json(req.user);
});
app.get('/drafts', (req, res) => res.json(db.drafts.all()));
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 24, data: { method: 'GET', path: '/drafts', framework: 'express', middleware: 'optionalAuth', definedAt: 'line 8', principal: 'req.user' } }],
    },
    {
      name: 'echoing the caller, logging it or filtering by it in a callback is not delegation',
      code: `${expressOptional}
app.get('/feed', async (req, res) => {
  console.log(req.user);
  const items = await db.items.all();
  res.json({ viewer: req.user, items: items.filter((item) => item.owner === req.user?.sub) });
});
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 20, data: { method: 'GET', path: '/feed', framework: 'express', middleware: 'optionalAuth', definedAt: 'line 8', principal: 'req.user' } }],
    },
    {
      name: 'a factory that makes the optional middleware',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
const optionalAuth = (secret) => (req, res, next) => {
  const token = req.cookies.token;
  if (!token) return next();
  try {
    req.user = jwt.verify(token, secret);
  } catch {
    return res.status(401).json({ error: 'invalid session' });
  }
  next();
};
app.get('/feed', optionalAuth(process.env.SECRET), (req, res) => res.json([]));
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 15, data: { method: 'GET', path: '/feed', framework: 'express', middleware: 'optionalAuth', definedAt: 'line 5', principal: 'req.user' } }],
    },
    {
      name: 'an optional middleware wrapped in express-async-handler',
      code: `
import express from 'express';
import asyncHandler from 'express-async-handler';
import jwt from 'jsonwebtoken';
const app = express();
async function optionalAuth(req, res, next) {
  const token = req.headers.authorization;
  if (!token) return next();
  req.user = jwt.verify(token.slice(7), process.env.SECRET);
  next();
}
app.use(asyncHandler(optionalAuth));
app.get('/drafts', (req, res) => res.json([]));
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 13, data: { method: 'GET', path: '/drafts', framework: 'express', middleware: 'asyncHandler', definedAt: 'line 6', principal: 'req.user' } }],
    },
    {
      name: 'a failed verification swallowed, the principal set when it succeeds',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
const app = express();
const optionalAuth = (req, res, next) => {
  try { req.user = jwt.verify(req.get('authorization'), process.env.SECRET); } catch { /* anonymous */ }
  next();
};
app.get('/feed', optionalAuth, (req, res) => res.json([]));
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 9, data: { method: 'GET', path: '/feed', framework: 'express', middleware: 'optionalAuth', definedAt: 'line 5', principal: 'req.user' } }],
    },
    {
      name: 'a token verified only when sent (ternary), into res.locals',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
import { Orders } from './orders.js';
const app = express();
app.use((req, res, next) => {
  const token = req.cookies.token;
  res.locals.user = token ? jwt.verify(token, process.env.SECRET) : null;
  next();
});
app.get('/orders', async (req, res) => res.json(await Orders.forUser(res.locals.user)));
app.get('/export', async (req, res) => res.json(await Orders.all()));
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 12, data: { method: 'GET', path: '/export', framework: 'express', middleware: '(inline middleware)', definedAt: 'line 6', principal: 'res.locals.user' } }],
    },
    {
      name: 'a token only decoded (jwt.decode) is not authentication at all, delegated or not',
      code: `
import express from 'express';
import jwt from 'jsonwebtoken';
import { ArticlesService } from './services/articles.js';
const app = express();
function readToken(req, res, next) {
  const header = req.headers.authorization;
  if (header) req.user = jwt.decode(header.slice(7));
  next();
}
app.use(readToken);
app.get('/articles', async (req, res) => res.json(await new ArticlesService({ user: req.user }).list()));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 12, data: { method: 'GET', path: '/articles', framework: 'express' } }],
    },
  ]),
});

ruleTester.run('optional authentication (passport, anonymous fallback)', rule, {
  valid: [
    {
      name: 'the handler passes the caller to the model',
      code: `${passportAnonymous}
app.get('/comments', async (req, res) => res.json(await Comment.visibleTo(req.user)));
`,
    },
    {
      name: 'the handler checks for the caller',
      code: `${passportAnonymous}
app.delete('/comments/:id', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  await Comment.remove(req.params.id, req.user.id);
  res.end();
});
`,
    },
    {
      name: 'passport without the anonymous strategy is mandatory',
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.use(passport.authenticate('jwt', { session: false }));
app.get('/comments', (req, res) => res.json([]));
`,
    },
    {
      name: 'passport run inside a middleware without a callback of its own rejects by itself',
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
function authenticate(req, res, next) {
  passport.authenticate('jwt', { session: false })(req, res, next);
}
app.get('/comments', authenticate, (req, res) => res.json([]));
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'the handler ignores the caller',
      code: `${passportAnonymous}
app.get('/comments/all', async (req, res) => res.json(await Comment.findAll()));
`,
      errors: [{
        messageId: 'optionalAuthRoute', line: 8,
        data: { method: 'GET', path: '/comments/all', framework: 'express', middleware: 'passport.authenticate', definedAt: 'line 6', principal: 'req.user' },
      }],
    },
    {
      name: 'a custom callback that lets a request without a user through',
      code: `
import express from 'express';
import passport from 'passport';
import { Comment } from './models/comment.js';
const app = express();
function authenticate(req, res, next) {
  passport.authenticate('jwt', { session: false }, (err, user) => {
    if (err) return next(err);
    req.user = user || null;
    next();
  })(req, res, next);
}
app.get('/comments/all', authenticate, async (req, res) => res.json(await Comment.findAll()));
app.get('/comments', authenticate, async (req, res) => res.json(await Comment.visibleTo(req.user)));
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 13, data: { method: 'GET', path: '/comments/all', framework: 'express', middleware: 'authenticate', definedAt: 'line 6', principal: 'req.user' } }],
    },
  ]),
});

ruleTester.run('optional authentication (Koa)', rule, {
  valid: [
    {
      name: 'the handler passes ctx.state.user to the service',
      code: `${koaOptional}
router.get('/orders', async (ctx) => { ctx.body = await orders.list({ owner: ctx.state.user }); });
app.use(router.routes());
`,
    },
    {
      name: 'the handler checks for the caller',
      code: `${koaOptional}
router.get('/profile', async (ctx) => {
  if (!ctx.state.user) ctx.throw(401);
  ctx.body = ctx.state.user;
});
app.use(router.routes());
`,
    },
    {
      name: 'a hand-written look-alike that throws 401 without a token is mandatory',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'jsonwebtoken';
import { stats } from './services.js';
const app = new Koa();
const router = new Router();
async function optionalUser(ctx, next) {
  const token = ctx.get('Authorization');
  if (!token) ctx.throw(401, 'sign in');
  ctx.state.user = jwt.verify(token.slice(7), process.env.SECRET);
  await next();
}
router.use(optionalUser);
router.get('/stats', async (ctx) => { ctx.body = await stats.all(); });
app.use(router.routes());
`,
    },
    {
      name: 'koa-jwt without passthrough is mandatory',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
import koaJwt from 'koa-jwt';
const app = new Koa();
const router = new Router();
router.use(koaJwt({ secret: process.env.SECRET }));
router.get('/stats', async (ctx) => { ctx.body = []; });
app.use(router.routes());
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'the handler ignores the caller',
      code: `${koaOptional}
router.get('/stats', async (ctx) => { ctx.body = await stats.all(); });
app.use(router.routes());
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 21, data: { method: 'GET', path: '/stats', framework: 'koa', middleware: 'optionalUser', definedAt: 'line 8', principal: 'ctx.state.user' } }],
    },
    {
      name: 'koa-jwt with passthrough: true lets anonymous requests through',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
import koaJwt from 'koa-jwt';
import { stats } from './services.js';
const app = new Koa();
const router = new Router();
router.use(koaJwt({ secret: process.env.SECRET, passthrough: true }));
router.get('/stats', async (ctx) => { ctx.body = await stats.all(); });
router.get('/mine', async (ctx) => { ctx.body = await stats.of(ctx.state.user); });
app.use(router.routes());
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 9, data: { method: 'GET', path: '/stats', framework: 'koa', middleware: 'koaJwt', definedAt: 'line 8', principal: 'ctx.state.user' } }],
    },
  ]),
});

ruleTester.run('optional authentication (library options)', rule, {
  valid: [
    {
      name: 'express-jwt credentialsRequired: false, the handler delegates with req.auth',
      code: `
import express from 'express';
import { expressjwt } from 'express-jwt';
import { Notes } from './notes.js';
const app = express();
app.use(expressjwt({ secret: process.env.SECRET, algorithms: ['HS256'], credentialsRequired: false }));
app.get('/notes', async (req, res) => res.json(await Notes.visibleTo(req.auth)));
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'express-jwt credentialsRequired: false, renamed to req.account, the handler ignores it',
      code: `
import express from 'express';
import jwt from 'express-jwt';
import { Notes } from './notes.js';
const app = express();
app.use(jwt({ secret: process.env.SECRET, algorithms: ['HS256'], credentialsRequired: false, requestProperty: 'account' }));
app.get('/notes', async (req, res) => res.json(await Notes.all()));
app.get('/mine', async (req, res) => res.json(await Notes.visibleTo(req.account)));
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 7, data: { method: 'GET', path: '/notes', framework: 'express', middleware: 'jwt', definedAt: 'line 6', principal: 'req.account' } }],
    },
    {
      name: 'express-oauth2-jwt-bearer authRequired: false',
      code: `
import express from 'express';
import { auth } from 'express-oauth2-jwt-bearer';
import { Notes } from './notes.js';
const app = express();
app.use(auth({ audience: 'api', issuerBaseURL: 'https://id.example.com', authRequired: false }));
app.get('/notes', async (req, res) => res.json(await Notes.all()));
app.get('/mine', async (req, res) => res.json(await Notes.visibleTo(req.auth)));
`,
      errors: [{ messageId: 'optionalAuthRoute', line: 7, data: { method: 'GET', path: '/notes', framework: 'express', middleware: 'auth', definedAt: 'line 6', principal: 'req.auth' } }],
    },
  ]),
});

ruleTester.run('optional authentication (Fastify)', rule, {
  valid: [
    {
      name: 'a hook that tries request.jwtVerify(), the handler passing request.user on',
      code: `
import Fastify from 'fastify';
import { listOrders } from './orders.js';
const app = Fastify();
app.addHook('onRequest', async (request) => {
  try { await request.jwtVerify(); } catch { /* anonymous */ }
});
app.get('/orders', async (request) => listOrders(request.user));
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'a hook that tries request.jwtVerify(), the handler ignoring the caller',
      code: `
import Fastify from 'fastify';
import { allOrders } from './orders.js';
const app = Fastify();
app.addHook('onRequest', async (request) => {
  try { await request.jwtVerify(); } catch { /* anonymous */ }
});
app.get('/orders/all', async () => allOrders());
`,
      errors: [{
        messageId: 'optionalAuthRoute', line: 8,
        data: { method: 'GET', path: '/orders/all', framework: 'fastify', middleware: '(inline hook)', definedAt: 'line 5', principal: 'request.user' },
      }],
    },
  ]),
});

/*
 * Every entry of `optionalAuthLibraryCalls` is recognised: called to admit anonymous requests it is
 * optional authentication (the route that ignores the caller is reported as such), called without
 * that strategy or option it still authenticates.
 */
function libraryRoute(entry: (typeof optionalAuthLibraryCalls)[number], optional: boolean): string {
  const imports = entry.path === '' ? `import lib from '${entry.module}';` : `import { ${entry.path} } from '${entry.module}';`;
  const callee = entry.path === '' ? 'lib' : entry.path;
  const args = 'strategy' in entry
    ? `[${optional ? `'jwt', '${entry.strategy}'` : `'jwt'`}], { session: false }`
    : `{ secret: process.env.SECRET${optional ? `, ${entry.option}: ${String(entry.value)}` : ''} }`;
  if (entry.module === 'koa-jwt' || entry.module === 'koa-passport') {
    return `
import Router from '@koa/router';
${imports}
const router = new Router();
router.use(${callee}(${args}));
router.get('/items', async (ctx) => { ctx.body = await loadAll(); });
`;
  }
  return `
import express from 'express';
${imports}
const app = express();
app.use(${callee}(${args}));
app.get('/items', async (req, res) => res.json(await loadAll()));
`;
}

ruleTester.run('optional authentication (every library entry)', rule, {
  valid: optionalAuthLibraryCalls.map((entry) => ({ name: `${entry.module} ${entry.path} requiring credentials`, code: libraryRoute(entry, false) })),
  invalid: optionalAuthLibraryCalls.map((entry) => ({
      name: `${entry.module} ${entry.path} admitting anonymous requests`,
      code: libraryRoute(entry, true),
      errors: [{ messageId: 'optionalAuthRoute' as const, line: 6 }],
    })),
});
