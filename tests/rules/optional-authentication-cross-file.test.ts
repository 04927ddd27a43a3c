import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Optional authentication defined in another file: the middleware is judged by its definition
 * there (and the helper it calls, in a third file), and named with its file and line. The shape of
 * a headless CMS: `app.use(authenticate)` attaches an anonymous principal unless a valid token is
 * sent, and each controller builds its service with the caller's principal.
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const strict: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report', delegatedAuthorization: 'report', reportRoutes: 'all' }],
};

async function findings(dir: string, file: string, rules = recommended): Promise<{ line: number; messageId: string | undefined; message: string }[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => ({ line: message.line, messageId: message.messageId, message: message.message }));
}

describe('a CMS-style authenticate middleware with an anonymous principal, routers mounted in app.ts', () => {
  const dir = writeProject({
    'src/utils/get-accountability-for-token.ts': `
import jwt from 'jsonwebtoken';
import type { Accountability } from '../types.js';

export async function getAccountabilityForToken(token: string | null, accountability: Accountability): Promise<Accountability> {
  if (token) {
    const payload = jwt.verify(token, process.env.SECRET as string) as { id: string; role: string };
    accountability.user = payload.id;
    accountability.role = payload.role;
  }
  return accountability;
}
`,
    'src/utils/async-handler.ts': `
import type { RequestHandler } from 'express';
const asyncHandler = (fn: RequestHandler): RequestHandler => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
export default asyncHandler;
`,
    'src/middleware/authenticate.ts': `
import type { RequestHandler } from 'express';
import asyncHandler from '../utils/async-handler.js';
import { getAccountabilityForToken } from '../utils/get-accountability-for-token.js';

export const handler: RequestHandler = async (req, res, next) => {
  const defaultAccountability = { user: null, role: null, admin: false, ip: req.ip };
  req.accountability = await getAccountabilityForToken(req.token ?? null, defaultAccountability);
  return next();
};

export default asyncHandler(handler);
`,
    'src/middleware/require-user.ts': `
import type { RequestHandler } from 'express';
export const requireUser: RequestHandler = (req, res, next) => {
  if (!req.accountability?.user) return res.status(401).json({ error: 'sign in' });
  next();
};
`,
    'src/services/items.ts': `
export class ItemsService {
  constructor(private collection: string, private options: { accountability: unknown; schema: unknown }) {}
  async readByQuery(query: unknown) { return [this.collection, query]; }
}
`,
    'src/controllers/items.ts': `
import { Router } from 'express';
import { ItemsService } from '../services/items.js';
const router = Router();
router.get('/:collection', async (req, res) => {
  const service = new ItemsService(req.params.collection, { accountability: req.accountability, schema: req.schema });
  res.json(await service.readByQuery(req.query));
});
export default router;
`,
    'src/controllers/server.ts': `
import { Router } from 'express';
import { loadSpecs, loadInfo } from '../services/server.js';
const router = Router();
router.get('/specs', async (req, res) => res.json(await loadSpecs()));
router.get('/info', async (req, res) => {
  if (!req.accountability?.user) return res.status(403).json({ error: 'forbidden' });
  res.json(await loadInfo());
});
export default router;
`,
    'src/controllers/users.ts': `
import { Router } from 'express';
import { listUsers } from '../services/users.js';
const router = Router();
router.get('/', async (req, res) => res.json(await listUsers()));
export default router;
`,
    'src/app.ts': `
import express from 'express';
import authenticate from './middleware/authenticate.js';
import { requireUser } from './middleware/require-user.js';
import itemsRouter from './controllers/items.js';
import serverRouter from './controllers/server.js';
import usersRouter from './controllers/users.js';
const app = express();
app.use(authenticate);
app.use('/items', itemsRouter);
app.use('/server', serverRouter);
app.use('/users', requireUser, usersRouter);
export default app;
`,
  });

  it('a controller that builds its service with the caller is not reported by recommended', async () => {
    expect(await findings(dir, 'src/controllers/items.ts')).toEqual([]);
  });

  it('strict reports it, naming the service and the middleware with its file and line', async () => {
    expect(await findings(dir, 'src/controllers/items.ts', strict)).toEqual([{
      line: 5,
      messageId: 'delegatedAuthorization',
      message:
        'GET /items/:collection (express) admits anonymous requests: `authenticate` (src/middleware/authenticate.ts:6) authenticates only the requests that send credentials. Access rests on the checks of `new ItemsService()` (line 6), to which the handler passes `req.accountability`: make sure it refuses an anonymous caller, or require authentication.',
    }]);
  });

  it('a controller that ignores the caller is reported; one that checks it is not', async () => {
    expect(await findings(dir, 'src/controllers/server.ts')).toEqual([{
      line: 5,
      messageId: 'optionalAuthRoute',
      message:
        'GET /server/specs (express) is reachable without authentication: `authenticate` (src/middleware/authenticate.ts:6) authenticates only the requests that send credentials, and anonymous requests reach this handler, which neither checks for a caller nor passes one on. Reject requests without `req.accountability`, require authentication, or list the path in `publicRoutes` if it is public by design.',
    }]);
  });

  it('a router mounted behind a middleware that rejects without a user is unaffected', async () => {
    expect(await findings(dir, 'src/controllers/users.ts', strict)).toEqual([]);
  });
});

describe('an optionalAuth middleware imported into the file of the routes', () => {
  const dir = writeProject({
    'src/middleware/optional-auth.js': `
import jwt from 'jsonwebtoken';

export function optionalAuth(req, res, next) {
  const token = req.cookies.token;
  if (!token) return next();
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET);
  } catch {
    return res.status(401).json({ error: 'invalid session' });
  }
  next();
}

export function readOnly(req, res, next) {
  const token = req.cookies.token;
  if (token) req.user = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  next();
}
`,
    'src/app.js': `
import express from 'express';
import { optionalAuth, readOnly } from './middleware/optional-auth.js';
import { Orders } from './models/orders.js';
const app = express();
app.get('/orders', optionalAuth, async (req, res) => res.json(await Orders.forCustomer(req.user?.sub)));
app.get('/orders/export', optionalAuth, async (req, res) => res.json(await Orders.all()));
app.get('/account', optionalAuth, (req, res) => {
  if (!req.user) return res.status(401).end();
  res.json(req.user);
});
app.get('/receipts', readOnly, async (req, res) => res.json(await Orders.receiptsOf(req.user?.sub)));
export default app;
`,
  });

  it('only the route that ignores the caller, and the one behind a token never verified, are reported', async () => {
    expect(await findings(dir, 'src/app.js')).toEqual([
      {
        line: 7,
        messageId: 'optionalAuthRoute',
        message:
          'GET /orders/export (express) is reachable without authentication: `optionalAuth` (src/middleware/optional-auth.js:4) authenticates only the requests that send credentials, and anonymous requests reach this handler, which neither checks for a caller nor passes one on. Reject requests without `req.user`, require authentication, or list the path in `publicRoutes` if it is public by design.',
      },
      {
        line: 12,
        messageId: 'unauthenticatedRoute',
        message:
          'GET /receipts (express) is reachable without authentication: no auth middleware, guard or check runs before its handler. Add authentication, or list the path in `publicRoutes` if it is public by design.',
      },
    ]);
  });

  it('strict also reports the route that delegates, naming the model call', async () => {
    const strictFindings = await findings(dir, 'src/app.js', strict);
    expect(strictFindings.map(({ line, messageId }) => ({ line, messageId }))).toEqual([
      { line: 6, messageId: 'delegatedAuthorization' },
      { line: 7, messageId: 'optionalAuthRoute' },
      { line: 12, messageId: 'unauthenticatedRoute' },
    ]);
    expect(strictFindings[0]?.message).toContain('Access rests on the checks of `Orders.forCustomer()` (line 6)');
  });
});
